-- sendcase: foreign_keys off (a table rebuild; checked before commit)
-- 0013: notices. A notice is an alert with no task: the news that an event
-- was recorded that its role must act on (the rules' notices), fired and
-- e-mailed like a reminder. alerts.task_id becomes nullable, which SQLite
-- can only do by rebuilding the table (its "12-step" ALTER procedure:
-- create, copy, drop, rename, with foreign keys off and checked after).
CREATE TABLE alerts_new (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  task_id TEXT REFERENCES tasks(id),      -- NULL for a notice
  journey_id TEXT NOT NULL,
  pupil_id TEXT NOT NULL,
  setting_urn TEXT NOT NULL,              -- copied for scope filtering
  local_authority_code TEXT NOT NULL,
  rule_id TEXT NOT NULL,                  -- the rule's, or the notice's id
  owner_role INTEGER NOT NULL,
  title TEXT NOT NULL,
  explanation TEXT NOT NULL,
  due_date TEXT NOT NULL,                 -- a notice: the event's date
  kind INTEGER NOT NULL,                  -- sendcase.v1.Alert.Kind
  fire_time INTEGER NOT NULL,
  state INTEGER NOT NULL,                 -- 0 pending, 1 fired, 2 cancelled
  revision INTEGER UNIQUE,                -- set when fired
  fired_time INTEGER
);
INSERT INTO alerts_new (id, task_id, journey_id, pupil_id, setting_urn,
    local_authority_code, rule_id, owner_role, title, explanation, due_date,
    kind, fire_time, state, revision, fired_time)
  SELECT id, task_id, journey_id, pupil_id, setting_urn,
    local_authority_code, rule_id, owner_role, title, explanation, due_date,
    kind, fire_time, state, revision, fired_time FROM alerts;
-- Ids are never reused: the new table's sequence continues the old one's
-- (an alert with the highest id may have gone without its id going).
-- (sqlite_sequence has no key: update the row, or add it when the copy
-- was empty.)
UPDATE sqlite_sequence SET seq = MAX(seq,
    (SELECT seq FROM sqlite_sequence WHERE name = 'alerts'))
  WHERE name = 'alerts_new';
INSERT INTO sqlite_sequence (name, seq)
  SELECT 'alerts_new', seq FROM sqlite_sequence WHERE name = 'alerts'
  AND NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'alerts_new');
DROP TABLE alerts;
ALTER TABLE alerts_new RENAME TO alerts;
CREATE INDEX alerts_pending ON alerts(state, fire_time);
CREATE INDEX alerts_by_task ON alerts(task_id, state);
