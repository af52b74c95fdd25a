-- A contact's scope as auth parsed it (records.h ContactScope): its kind
-- (0 everywhere, 1 setting, 2 LA, 3 trust) and id, so that routing an
-- alert compares ids instead of rebuilding "setting:URN" strings in SQL.
-- `scope` keeps the text for listing. Rows before this migration are
-- parsed here, once, from the formats auth accepted.
ALTER TABLE contacts ADD COLUMN scope_kind INTEGER NOT NULL DEFAULT 0;
ALTER TABLE contacts ADD COLUMN scope_id TEXT NOT NULL DEFAULT '';
UPDATE contacts SET
  scope_kind = CASE
    WHEN scope LIKE 'setting:%' THEN 1
    WHEN scope LIKE 'la:%' THEN 2
    WHEN scope LIKE 'trust:%' THEN 3
    ELSE 0 END,
  scope_id = CASE WHEN scope = '*' THEN ''
    ELSE substr(scope, instr(scope, ':') + 1) END;
