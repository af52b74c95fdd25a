-- 0004: the settings register (schools, colleges, early-years providers).
-- A trust's scope is the settings whose trust_id is the trust.

CREATE TABLE settings (
  urn TEXT PRIMARY KEY,
  display_name TEXT NOT NULL,
  phase INTEGER NOT NULL,                 -- sendcase.v1.Setting.Phase
  local_authority_code TEXT NOT NULL,
  trust_id TEXT NOT NULL DEFAULT '',      -- '' for a setting in no trust
  create_time INTEGER NOT NULL
);
CREATE INDEX settings_by_trust ON settings(trust_id);
