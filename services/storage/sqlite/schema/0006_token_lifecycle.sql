-- 0006: tokens with an id, a per-token salt, expiry and revocation.
-- New tokens ("sc1.ID.SECRET") are found by token_id and checked by
-- comparing SHA-256(salt || secret) with token_hash in constant time.
-- Rows from before this migration (token_id NULL) keep working: their
-- token_hash is SHA-256 of the whole token, as before.

ALTER TABLE tokens ADD COLUMN token_id TEXT;
ALTER TABLE tokens ADD COLUMN salt TEXT NOT NULL DEFAULT '';
ALTER TABLE tokens ADD COLUMN expire_time INTEGER;   -- NULL: never expires
ALTER TABLE tokens ADD COLUMN revoke_time INTEGER;   -- NULL: not revoked
CREATE UNIQUE INDEX tokens_by_id ON tokens(token_id);
CREATE INDEX tokens_by_subject ON tokens(subject);
