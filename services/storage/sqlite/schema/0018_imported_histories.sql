-- 0018: plan histories that other installations exported, kept with the
-- pupil who moved here (ImportSupportPlanHistory): read-only, on no clock,
-- in no report. `body` is the sendcase.v1.ImportedPlanHistory, name unset.

CREATE TABLE imported_histories (
  seq INTEGER PRIMARY KEY,                -- list order
  pupil_id TEXT NOT NULL REFERENCES pupils(id),
  id TEXT NOT NULL UNIQUE,
  body BLOB NOT NULL
);
CREATE INDEX imported_histories_by_pupil ON imported_histories(pupil_id, seq);
