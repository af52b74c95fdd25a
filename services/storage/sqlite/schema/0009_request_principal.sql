-- Idempotency keys belong to the authenticated principal (subject, role and
-- scope together), not to the free-text subject alone: two tokens with the
-- same subject in different tenants must never see each other's responses.
-- Rows written before this migration hold a bare subject, which no new key
-- (always "SUBJECT ROLE SCOPE") can match.
ALTER TABLE request_ids RENAME COLUMN subject TO principal;
