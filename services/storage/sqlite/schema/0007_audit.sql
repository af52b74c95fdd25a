-- 0007: the audit trail. One row per call; append-only (the triggers refuse
-- UPDATE and DELETE). Resource names and status codes only, never personal
-- data.

CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  time INTEGER NOT NULL,                 -- Unix seconds
  subject TEXT NOT NULL,                 -- '' when not authenticated
  role TEXT NOT NULL,
  scope TEXT NOT NULL,
  method TEXT NOT NULL,
  resource TEXT NOT NULL,
  outcome TEXT NOT NULL                  -- canonical code name, e.g. OK
);
CREATE INDEX audit_by_subject ON audit_log(subject, id);
CREATE INDEX audit_by_resource ON audit_log(resource, id);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
