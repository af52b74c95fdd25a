-- sendcase: foreign_keys off
-- 0017: children with no UPN yet. A nursery records a child before any
-- school has assigned a UPN, with the census's "UPN unknown" reason
-- (UN1...; rules/REFERENCE.md §5.4) instead: upn becomes NULL-able (still
-- unique where present) and upn_unknown holds the reason's number. Exactly
-- one of the two is set. SQLite cannot relax NOT NULL in place, so the table
-- is rebuilt (https://sqlite.org/lang_altertable.html, "other kinds of table
-- schema changes"); rows keep their seq, so list cursors stay valid.

CREATE TABLE pupils_new (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  upn TEXT UNIQUE,
  given_name TEXT NOT NULL,
  family_name TEXT NOT NULL,
  birth_date TEXT NOT NULL,
  setting_urn TEXT NOT NULL,
  local_authority_code TEXT NOT NULL,
  current_journey_id TEXT NOT NULL,
  create_time INTEGER NOT NULL,
  needs TEXT NOT NULL DEFAULT '',
  version INTEGER NOT NULL DEFAULT 1,
  upn_unknown INTEGER,
  CHECK ((upn IS NULL) <> (upn_unknown IS NULL))
);
INSERT INTO pupils_new (seq, id, upn, given_name, family_name, birth_date,
                        setting_urn, local_authority_code, current_journey_id,
                        create_time, needs, version, upn_unknown)
  SELECT seq, id, upn, given_name, family_name, birth_date, setting_urn,
         local_authority_code, current_journey_id, create_time, needs, version,
         NULL
  FROM pupils;
-- seq is the list cursor and is never reused: the new table's sequence
-- continues the old one's (sqlite_sequence has no key: update the row, or
-- add it when the copy was empty).
UPDATE sqlite_sequence SET seq = MAX(seq,
    (SELECT seq FROM sqlite_sequence WHERE name = 'pupils'))
  WHERE name = 'pupils_new';
INSERT INTO sqlite_sequence (name, seq)
  SELECT 'pupils_new', seq FROM sqlite_sequence WHERE name = 'pupils'
  AND NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'pupils_new');
DROP TABLE pupils;
ALTER TABLE pupils_new RENAME TO pupils;
CREATE INDEX pupils_by_setting ON pupils(setting_urn, seq);
CREATE INDEX pupils_by_la ON pupils(local_authority_code, seq);
