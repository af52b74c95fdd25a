-- 0001: pupils, journeys, their chronology, tasks, idempotency keys, tokens.
-- Released migrations are never edited; add a new numbered file instead.
-- Dates are ISO "YYYY-MM-DD" text (they sort); instants are Unix seconds.

CREATE TABLE pupils (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,  -- list order and page cursor
  id TEXT NOT NULL UNIQUE,
  upn TEXT NOT NULL UNIQUE,
  given_name TEXT NOT NULL,
  family_name TEXT NOT NULL,
  birth_date TEXT NOT NULL,
  setting_urn TEXT NOT NULL,
  local_authority_code TEXT NOT NULL,
  current_journey_id TEXT NOT NULL,
  create_time INTEGER NOT NULL
);
CREATE INDEX pupils_by_setting ON pupils(setting_urn, seq);
CREATE INDEX pupils_by_la ON pupils(local_authority_code, seq);

CREATE TABLE journeys (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  pupil_id TEXT NOT NULL REFERENCES pupils(id),
  state INTEGER NOT NULL,
  version INTEGER NOT NULL,               -- the etag; +1 per committed event
  rule_set_version TEXT NOT NULL,
  latest_event_date TEXT,
  create_time INTEGER NOT NULL,
  update_time INTEGER NOT NULL
);
CREATE INDEX journeys_by_pupil ON journeys(pupil_id, seq);

-- The chronology. revision is global and monotonic (resumable streams).
CREATE TABLE journey_events (
  revision INTEGER PRIMARY KEY AUTOINCREMENT,
  journey_id TEXT NOT NULL REFERENCES journeys(id),
  sequence INTEGER NOT NULL,
  event_date TEXT NOT NULL,
  kind TEXT NOT NULL,
  record_time INTEGER NOT NULL,
  event BLOB NOT NULL,                    -- serialized sendcase.v1.JourneyEvent
  UNIQUE (journey_id, sequence)
);

CREATE TABLE tasks (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  journey_id TEXT NOT NULL REFERENCES journeys(id),
  pupil_id TEXT NOT NULL REFERENCES pupils(id),
  rule_id TEXT NOT NULL,
  title TEXT NOT NULL,
  owner_role INTEGER NOT NULL,
  due_date TEXT NOT NULL,
  state INTEGER NOT NULL,
  create_time INTEGER NOT NULL,
  close_time INTEGER
);
CREATE INDEX tasks_by_journey ON tasks(journey_id, due_date);

-- Idempotency keys (AIP-155), per caller. The first response is replayed.
CREATE TABLE request_ids (
  subject TEXT NOT NULL,
  request_id TEXT NOT NULL,
  method TEXT NOT NULL,
  fingerprint TEXT NOT NULL,              -- hash of the request
  response BLOB NOT NULL,                 -- serialized response message
  create_time INTEGER NOT NULL,
  PRIMARY KEY (subject, request_id)
);

-- Bearer tokens; only a SHA-256 of the token is stored.
CREATE TABLE tokens (
  token_hash TEXT PRIMARY KEY,
  subject TEXT NOT NULL,
  role TEXT NOT NULL,
  scope TEXT NOT NULL,
  create_time INTEGER NOT NULL
);
