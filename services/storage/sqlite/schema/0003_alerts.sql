-- 0003: reminders. An alert is written with its task, in the same
-- transaction (the outbox); the scheduler fires it when due, which assigns
-- its revision (stream order) and creates one delivery per contact.

CREATE TABLE alerts (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  task_id TEXT NOT NULL REFERENCES tasks(id),
  journey_id TEXT NOT NULL,
  pupil_id TEXT NOT NULL,
  setting_urn TEXT NOT NULL,              -- copied for scope filtering
  local_authority_code TEXT NOT NULL,
  rule_id TEXT NOT NULL,
  owner_role INTEGER NOT NULL,
  title TEXT NOT NULL,
  explanation TEXT NOT NULL,
  due_date TEXT NOT NULL,
  kind INTEGER NOT NULL,                  -- sendcase.v1.Alert.Kind
  fire_time INTEGER NOT NULL,
  state INTEGER NOT NULL,                 -- 0 pending, 1 fired, 2 cancelled
  revision INTEGER UNIQUE,                -- set when fired
  fired_time INTEGER
);
CREATE INDEX alerts_pending ON alerts(state, fire_time);
CREATE INDEX alerts_by_task ON alerts(task_id, state);

CREATE TABLE deliveries (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  alert_id INTEGER NOT NULL REFERENCES alerts(id),
  email TEXT NOT NULL,
  state INTEGER NOT NULL,                 -- 0 pending, 1 sent, 2 cancelled
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_time INTEGER NOT NULL,
  last_error TEXT NOT NULL DEFAULT '',
  sent_time INTEGER,
  UNIQUE (alert_id, email)
);
CREATE INDEX deliveries_due ON deliveries(state, next_attempt_time);

CREATE TABLE contacts (
  role INTEGER NOT NULL,
  scope TEXT NOT NULL,
  email TEXT NOT NULL,
  create_time INTEGER NOT NULL,
  PRIMARY KEY (role, scope, email)
);
