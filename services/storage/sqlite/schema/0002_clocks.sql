-- 0002: statutory clocks, the rule sets journeys follow, and the party a
-- task is for (per-advice-giver clocks).

CREATE TABLE clocks (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  journey_id TEXT NOT NULL REFERENCES journeys(id),
  rule_id TEXT NOT NULL,
  subject TEXT NOT NULL DEFAULT '',
  status INTEGER NOT NULL,               -- sendcase.v1.Clock.Status; never OVERDUE
  start_date TEXT NOT NULL,
  due_date TEXT NOT NULL,
  met_date TEXT,
  statutory INTEGER NOT NULL,
  owner_role INTEGER NOT NULL,
  explanation TEXT NOT NULL,
  exception_reason TEXT NOT NULL DEFAULT '',
  rule_set_version TEXT NOT NULL
);
CREATE INDEX clocks_by_journey ON clocks(journey_id, id);
CREATE INDEX clocks_by_status_due ON clocks(status, due_date);

-- Every rule set a journey has started on, so its rules can be re-read
-- after the files change. digest = SHA-256 of the definition.
CREATE TABLE rule_sets (
  version TEXT PRIMARY KEY,
  digest TEXT NOT NULL,
  definition BLOB NOT NULL,              -- serialized sendcase.rules.v1.RuleFile
  create_time INTEGER NOT NULL
);

ALTER TABLE tasks ADD COLUMN subject TEXT NOT NULL DEFAULT '';
