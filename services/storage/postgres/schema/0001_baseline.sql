-- 0001 (PostgreSQL): the baseline. sendcase's storage schema for
-- PostgreSQL 15, created directly in its final shape.
--
-- It mirrors SQLite's schema level 19 (PRAGMA user_version = 19): the
-- result of SQLite migrations 0001_initial through 0019_contact_sign_in
-- (0001 initial, 0002 clocks, 0003 alerts, 0004 settings, 0005 register,
-- 0006 token_lifecycle, 0007 audit, 0008 event_feed, 0009
-- request_principal, 0010 view_indexes, 0011 audit_refusals, 0012
-- clock_windows, 0013 notices, 0014 clock_flags, 0015 contact_scopes, 0016
-- support, 0017 upn_unknown, 0018 imported_histories, 0019
-- contact_sign_in), with no history replayed: a fresh database only.
-- Later PostgreSQL migrations are numbered from 0002 and must move in step
-- with SQLite's (services/storage/sqlite/schema): a change to one engine's
-- schema is a migration for both.
--
-- Table and column names are SQLite's, so that the same SQL text can run on
-- both engines. Translation:
--   * INTEGER -> BIGINT (instants are Unix seconds; counts, enums, and
--     booleans stored as 0/1 stay integers so the code binds int64 on both).
--   * TEXT -> TEXT; dates stay ISO "YYYY-MM-DD" text (they sort).
--   * BLOB -> BYTEA (serialized protocol buffers).
--   * INTEGER PRIMARY KEY AUTOINCREMENT, and an INTEGER PRIMARY KEY the
--     code never sets -> BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY
--     (copying rows in from SQLite needs OVERRIDING SYSTEM VALUE and a
--     setval() of the sequence afterwards). Unlike sqlite_sequence, a
--     sequence is not rolled back and hands out numbers in call order, not
--     commit order: ids have gaps, and a reader can see a higher id commit
--     before a lower one.
--   * Tables the code reads by SQLite's implicit rowid get an explicit
--     `id` column standing for it (contacts, settings, tokens).
--   * COLLATE NOCASE -> an expression index on lower(email).
--   * The audit trail's triggers -> one PL/pgSQL trigger function.
-- Text compares by the database's collation, SQLite's by bytes (BINARY):
-- create the database with LC_COLLATE and LC_CTYPE "C" for the same order
-- (and for lower() to fold ASCII only, as NOCASE does).
--
-- Released migrations are never edited; add a new numbered file instead.
-- Tables are created in the order their references need.

-- 0001 (rebuilt by 0017): pupils. Children with no UPN yet (a nursery
-- records a child before any school has assigned a UPN) have the census's
-- "UPN unknown" reason (UN1...; rules/REFERENCE.md §5.4) instead: upn is
-- NULL-able (still unique where present) and upn_unknown holds the
-- reason's number. Exactly one of the two is set.
CREATE TABLE pupils (
  seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,  -- list order and page cursor
  id TEXT NOT NULL UNIQUE,
  upn TEXT UNIQUE,
  given_name TEXT NOT NULL,
  family_name TEXT NOT NULL,
  birth_date TEXT NOT NULL,
  setting_urn TEXT NOT NULL,
  local_authority_code TEXT NOT NULL,
  current_journey_id TEXT NOT NULL,
  create_time BIGINT NOT NULL,
  -- 0005: a pupil's types of need, and a version for UpdatePupil's etag.
  needs TEXT NOT NULL DEFAULT '',  -- codes by rank, comma-separated
  version BIGINT NOT NULL DEFAULT 1,
  upn_unknown BIGINT,
  CHECK ((upn IS NULL) <> (upn_unknown IS NULL))
);
CREATE INDEX pupils_by_setting ON pupils (setting_urn, seq);
CREATE INDEX pupils_by_la ON pupils (local_authority_code, seq);

CREATE TABLE journeys (
  seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  pupil_id TEXT NOT NULL REFERENCES pupils (id),
  state BIGINT NOT NULL,
  version BIGINT NOT NULL,                -- the etag; +1 per committed event
  rule_set_version TEXT NOT NULL,
  latest_event_date TEXT,
  create_time BIGINT NOT NULL,
  update_time BIGINT NOT NULL,
  -- 0005: the journey's case officer (caseloads).
  case_officer TEXT NOT NULL DEFAULT ''
);
CREATE INDEX journeys_by_pupil ON journeys (pupil_id, seq);
CREATE INDEX journeys_by_officer ON journeys (case_officer);

-- The chronology. revision is global and monotonic (resumable streams).
CREATE TABLE journey_events (
  -- assigned at commit under the feed lock, not by a sequence: see the
  -- issue on revisions that commit out of order. (SQLite's AUTOINCREMENT
  -- is safe there only because SQLite has one writer at a time; a
  -- PostgreSQL sequence would let revision N+1 commit, and be streamed to
  -- a client as its resume point, before revision N.)
  revision BIGINT PRIMARY KEY,
  journey_id TEXT NOT NULL REFERENCES journeys (id),
  sequence BIGINT NOT NULL,
  event_date TEXT NOT NULL,
  kind TEXT NOT NULL,
  record_time BIGINT NOT NULL,
  event BYTEA NOT NULL,                   -- serialized sendcase.v1.JourneyEvent
  UNIQUE (journey_id, sequence)
);

-- 0008: the event feed behind WatchEvents. One row per journey event, with
-- the pupil's scope when it was recorded, written in the event's own
-- transaction. The feed is retained for a limited time (compacted by the
-- scheduler); the chronology itself (journey_events) is never compacted.
CREATE TABLE event_feed (
  revision BIGINT PRIMARY KEY,            -- = journey_events.revision
  journey_id TEXT NOT NULL,
  pupil_id TEXT NOT NULL,
  setting_urn TEXT NOT NULL,
  local_authority_code TEXT NOT NULL,
  record_time BIGINT NOT NULL
);
CREATE INDEX event_feed_by_time ON event_feed (record_time);

-- Feed rows up to compacted_revision have been removed.
CREATE TABLE feed_state (
  id BIGINT PRIMARY KEY CHECK (id = 1),
  compacted_revision BIGINT NOT NULL
);
INSERT INTO feed_state (id, compacted_revision) VALUES (1, 0);

CREATE TABLE tasks (
  seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  journey_id TEXT NOT NULL REFERENCES journeys (id),
  pupil_id TEXT NOT NULL REFERENCES pupils (id),
  rule_id TEXT NOT NULL,
  title TEXT NOT NULL,
  owner_role BIGINT NOT NULL,
  due_date TEXT NOT NULL,
  state BIGINT NOT NULL,
  create_time BIGINT NOT NULL,
  close_time BIGINT,
  -- 0002: the party a task is for (per-advice-giver clocks).
  subject TEXT NOT NULL DEFAULT ''
);
-- 0010: answers the work views' per-journey questions (how many open
-- tasks, due when) from the index alone.
CREATE INDEX tasks_by_journey_state ON tasks (journey_id, state, due_date);

-- 0002: statutory clocks.
CREATE TABLE clocks (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  journey_id TEXT NOT NULL REFERENCES journeys (id),
  rule_id TEXT NOT NULL,
  subject TEXT NOT NULL DEFAULT '',
  status BIGINT NOT NULL,                 -- sendcase.v1.Clock.Status; never OVERDUE
  start_date TEXT NOT NULL,
  due_date TEXT NOT NULL,
  met_date TEXT,
  statutory BIGINT NOT NULL,
  owner_role BIGINT NOT NULL,
  explanation TEXT NOT NULL,
  exception_reason TEXT NOT NULL DEFAULT '',
  rule_set_version TEXT NOT NULL,
  -- 0005: which clocks are reviews (copied from the rule, like statutory).
  review BIGINT NOT NULL DEFAULT 0,
  -- 0012: windows (a clock someone may use, such as the family's appeal or
  -- comment window) expire rather than go overdue, so the work views must
  -- tell them apart from steps someone owes. "expires" = 1 for a window.
  expires BIGINT NOT NULL DEFAULT 0,
  -- 0014: what the work views filter on, written from the rules and the
  -- clock's own status, so that no query names a rule id or a status
  -- number: live (the step is still owed: ClockRecord::IsLive), and the
  -- rules' assessment_step and assessment_limit (rules.proto).
  live BIGINT NOT NULL DEFAULT 0,
  assessment_step BIGINT NOT NULL DEFAULT 0,
  assessment_limit BIGINT NOT NULL DEFAULT 0
);
-- 0014: every read of a journey's clocks goes by the view index, which
-- leads with (journey_id, live); the issued plans have a partial index of
-- the few clocks that are a limit, and the reviews due one of the live
-- review clocks. (SQLite's queries name clocks_by_journey_live with
-- INDEXED BY; PostgreSQL has no such hint.)
CREATE INDEX clocks_by_journey_live ON clocks (
  journey_id, live, review, assessment_step, due_date, statutory, expires,
  start_date, exception_reason, assessment_limit, rule_id);
CREATE INDEX clocks_assessment_limits ON clocks (live, status, met_date)
  WHERE assessment_limit = 1;
CREATE INDEX clocks_live_reviews ON clocks (due_date, id)
  WHERE review = 1 AND live = 1;

-- Every rule set a journey has started on, so its rules can be re-read
-- after the files change. digest = SHA-256 of the definition.
CREATE TABLE rule_sets (
  version TEXT PRIMARY KEY,
  digest TEXT NOT NULL,
  definition BYTEA NOT NULL,              -- serialized sendcase.rules.v1.RuleFile
  create_time BIGINT NOT NULL
);

-- 0003 (rebuilt by 0013): reminders and notices. An alert is written with
-- its task, in the same transaction (the outbox); the scheduler fires it
-- when due, which assigns its revision (stream order) and creates one
-- delivery per contact. A notice is an alert with no task: the news that
-- an event was recorded that its role must act on (the rules' notices),
-- fired and e-mailed like a reminder. Ids are never reused.
CREATE TABLE alerts (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  task_id TEXT REFERENCES tasks (id),     -- NULL for a notice
  journey_id TEXT NOT NULL,
  pupil_id TEXT NOT NULL,
  setting_urn TEXT NOT NULL,              -- copied for scope filtering
  local_authority_code TEXT NOT NULL,
  rule_id TEXT NOT NULL,                  -- the rule's, or the notice's id
  owner_role BIGINT NOT NULL,
  title TEXT NOT NULL,
  explanation TEXT NOT NULL,
  due_date TEXT NOT NULL,                 -- a notice: the event's date
  kind BIGINT NOT NULL,                   -- sendcase.v1.Alert.Kind
  fire_time BIGINT NOT NULL,
  state BIGINT NOT NULL,                  -- 0 pending, 1 fired, 2 cancelled
  revision BIGINT UNIQUE,                 -- set when fired
  fired_time BIGINT
);
CREATE INDEX alerts_pending ON alerts (state, fire_time);
CREATE INDEX alerts_by_task ON alerts (task_id, state);

CREATE TABLE deliveries (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  alert_id BIGINT NOT NULL REFERENCES alerts (id),
  email TEXT NOT NULL,
  state BIGINT NOT NULL,                  -- 0 pending, 1 sent, 2 cancelled
  attempts BIGINT NOT NULL DEFAULT 0,
  next_attempt_time BIGINT NOT NULL,
  last_error TEXT NOT NULL DEFAULT '',
  sent_time BIGINT,
  UNIQUE (alert_id, email)
);
CREATE INDEX deliveries_due ON deliveries (state, next_attempt_time);

-- 0003: the contacts that hear of alerts.
CREATE TABLE contacts (
  role BIGINT NOT NULL,
  scope TEXT NOT NULL,
  email TEXT NOT NULL,
  create_time BIGINT NOT NULL,
  -- 0015: a contact's scope as auth parsed it (records.h ContactScope): its
  -- kind (0 everywhere, 1 setting, 2 LA, 3 trust) and id, so that routing
  -- an alert compares ids instead of rebuilding "setting:URN" strings in
  -- SQL. `scope` keeps the text for listing.
  scope_kind BIGINT NOT NULL DEFAULT 0,
  scope_id TEXT NOT NULL DEFAULT '',
  -- 0019: contacts an ADMIN has vouched for as people who hold their role,
  -- who may sign in to the web app with a link e-mailed to them
  -- (v1.Contact.sign_in).
  sign_in BIGINT NOT NULL DEFAULT 0,
  -- Stands for SQLite's rowid, which the code lists contacts by and pages
  -- on ("ORDER BY rowid", "rowid > ?"); SQLite's table has no such column.
  -- Last, so that the columns SQLite has keep their positions.
  id BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
  PRIMARY KEY (role, scope, email)
);
-- 0019: looked up by address without regard to case, so the index is on
-- that. SQLite's index is on (email COLLATE NOCASE); PostgreSQL has no
-- NOCASE collation, so this is an expression index, used by queries that
-- say lower(email) = lower(?) (not "email = ? COLLATE NOCASE"). NOCASE
-- folds ASCII only; lower() folds as the database's LC_CTYPE does (ASCII
-- only under "C").
CREATE INDEX contacts_sign_in ON contacts (lower(email))
  WHERE sign_in = 1;

-- 0004: the settings register (schools, colleges, early-years providers).
-- A trust's scope is the settings whose trust_id is the trust.
CREATE TABLE settings (
  urn TEXT PRIMARY KEY,
  display_name TEXT NOT NULL,
  phase BIGINT NOT NULL,                  -- sendcase.v1.Setting.Phase
  local_authority_code TEXT NOT NULL,
  trust_id TEXT NOT NULL DEFAULT '',      -- '' for a setting in no trust
  create_time BIGINT NOT NULL,
  -- Stands for SQLite's rowid, which ListSettings orders and pages by
  -- ("ORDER BY s.rowid", "s.rowid > ?"); SQLite's table has no such column.
  id BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE
);
CREATE INDEX settings_by_trust ON settings (trust_id);

-- Idempotency keys (AIP-155), per caller. The first response is replayed.
-- 0009: keys belong to the authenticated principal (subject, role and
-- scope together, "SUBJECT ROLE SCOPE"), not to the free-text subject
-- alone: two tokens with the same subject in different tenants must never
-- see each other's responses.
CREATE TABLE request_ids (
  principal TEXT NOT NULL,
  request_id TEXT NOT NULL,
  method TEXT NOT NULL,
  fingerprint TEXT NOT NULL,              -- hash of the request
  response BYTEA NOT NULL,                -- serialized response message
  create_time BIGINT NOT NULL,
  PRIMARY KEY (principal, request_id)
);

-- Bearer tokens; only a SHA-256 of the token is stored.
-- 0006: tokens with an id, a per-token salt, expiry and revocation.
-- New tokens ("sc1.ID.SECRET") are found by token_id and checked by
-- comparing SHA-256(salt || secret) with token_hash in constant time.
-- Rows from before 0006 (token_id NULL) keep working: their token_hash is
-- SHA-256 of the whole token.
CREATE TABLE tokens (
  token_hash TEXT PRIMARY KEY,
  subject TEXT NOT NULL,
  role TEXT NOT NULL,
  scope TEXT NOT NULL,
  create_time BIGINT NOT NULL,
  token_id TEXT,
  salt TEXT NOT NULL DEFAULT '',
  expire_time BIGINT,                     -- NULL: never expires
  revoke_time BIGINT,                     -- NULL: not revoked
  -- Stands for SQLite's rowid, the tie-break of ListTokens
  -- ("ORDER BY create_time, rowid"); SQLite's table has no such column.
  id BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE
);
CREATE UNIQUE INDEX tokens_by_id ON tokens (token_id);
CREATE INDEX tokens_by_subject ON tokens (subject);

-- 0007: the audit trail. One row per call; append-only (the trigger
-- refuses UPDATE and DELETE). Resource names and status codes only, never
-- personal data.
CREATE TABLE audit_log (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  time BIGINT NOT NULL,                   -- Unix seconds
  subject TEXT NOT NULL,                  -- '' when not authenticated
  role TEXT NOT NULL,
  scope TEXT NOT NULL,
  method TEXT NOT NULL,
  resource TEXT NOT NULL,
  outcome TEXT NOT NULL,                  -- canonical code name, e.g. OK
  -- 0011: refused unauthenticated calls are summarised, not written one by
  -- one (a stranger can make thousands a second): the first per peer and
  -- minute has a row of its own, the rest one row whose `calls` counts them.
  peer TEXT NOT NULL DEFAULT '',
  calls BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX audit_by_subject ON audit_log (subject, id);
CREATE INDEX audit_by_resource ON audit_log (resource, id);

-- SQLite's audit_log_no_update and audit_log_no_delete triggers
-- (RAISE(ABORT, 'audit_log is append-only')). The error is SQLSTATE P0001
-- (raise_exception), no integrity-constraint class: like SQLite's trigger
-- refusal, a write our own code must never attempt. TRUNCATE, which SQLite
-- does not have and which fires no row trigger, is refused as well.
CREATE FUNCTION audit_log_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END;
$$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();

-- 0016: the graduated approach (sendcase/v1/support.proto): a setting's
-- intervention catalogue, pupils' support plans by cycle, and pupils'
-- places on interventions. Each row keeps its message in `body` (name and
-- etag unset) beside the columns that queries select and join on.
-- (SQLite's seq columns here are INTEGER PRIMARY KEY without AUTOINCREMENT,
-- which the code never sets: SQLite may reuse the highest after a delete,
-- an identity never does.)
CREATE TABLE interventions (
  seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,  -- list order and page cursor
  setting_urn TEXT NOT NULL,
  id TEXT NOT NULL,
  create_time BIGINT NOT NULL,
  body BYTEA NOT NULL,                    -- sendcase.v1.Intervention
  UNIQUE (setting_urn, id)
);

-- WITHOUT ROWID in SQLite (the table is stored in its primary key's
-- order); PostgreSQL has no such option, and a heap with its primary key
-- index answers the same queries.
CREATE TABLE support_plans (
  pupil_id TEXT NOT NULL REFERENCES pupils (id),
  cycle BIGINT NOT NULL CHECK (cycle >= 1),
  state BIGINT NOT NULL,                  -- sendcase.v1.SupportPlan.State
  version BIGINT NOT NULL,
  body BYTEA NOT NULL,                    -- sendcase.v1.SupportPlan
  PRIMARY KEY (pupil_id, cycle)
);

CREATE TABLE intervention_places (
  seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  pupil_id TEXT NOT NULL REFERENCES pupils (id),
  id TEXT NOT NULL,
  setting_urn TEXT NOT NULL,
  intervention_id TEXT NOT NULL,
  start_date TEXT NOT NULL,
  end_date TEXT,
  version BIGINT NOT NULL,
  body BYTEA NOT NULL,                    -- sendcase.v1.InterventionPlace
  UNIQUE (pupil_id, id),
  FOREIGN KEY (setting_urn, intervention_id)
    REFERENCES interventions (setting_urn, id)
);
-- The provision map (places running in a term) and effectiveness (places
-- that ended in a period) of one setting.
CREATE INDEX places_by_setting_start ON intervention_places (setting_urn, start_date);
CREATE INDEX places_by_setting_end ON intervention_places (setting_urn, end_date);

CREATE TABLE agency_referrals (
  seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  pupil_id TEXT NOT NULL REFERENCES pupils (id),
  id TEXT NOT NULL,
  version BIGINT NOT NULL,
  body BYTEA NOT NULL,                    -- sendcase.v1.AgencyReferral
  UNIQUE (pupil_id, id)
);

-- 0018: plan histories that other installations exported, kept with the
-- pupil who moved here (ImportSupportPlanHistory): read-only, on no clock,
-- in no report. `body` is the sendcase.v1.ImportedPlanHistory, name unset.
CREATE TABLE imported_histories (
  seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,  -- list order
  pupil_id TEXT NOT NULL REFERENCES pupils (id),
  id TEXT NOT NULL UNIQUE,
  body BYTEA NOT NULL
);
CREATE INDEX imported_histories_by_pupil ON imported_histories (pupil_id, seq);
