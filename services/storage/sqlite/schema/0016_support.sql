-- 0016: the graduated approach (sendcase/v1/support.proto): a setting's
-- intervention catalogue, pupils' support plans by cycle, and pupils'
-- places on interventions. Each row keeps its message in `body` (name and
-- etag unset) beside the columns that queries select and join on.

CREATE TABLE interventions (
  seq INTEGER PRIMARY KEY,                -- list order and page cursor
  setting_urn TEXT NOT NULL,
  id TEXT NOT NULL,
  create_time INTEGER NOT NULL,
  body BLOB NOT NULL,                     -- sendcase.v1.Intervention
  UNIQUE (setting_urn, id)
);

CREATE TABLE support_plans (
  pupil_id TEXT NOT NULL REFERENCES pupils(id),
  cycle INTEGER NOT NULL CHECK (cycle >= 1),
  state INTEGER NOT NULL,                 -- sendcase.v1.SupportPlan.State
  version INTEGER NOT NULL,
  body BLOB NOT NULL,                     -- sendcase.v1.SupportPlan
  PRIMARY KEY (pupil_id, cycle)
) WITHOUT ROWID;

CREATE TABLE intervention_places (
  seq INTEGER PRIMARY KEY,
  pupil_id TEXT NOT NULL REFERENCES pupils(id),
  id TEXT NOT NULL,
  setting_urn TEXT NOT NULL,
  intervention_id TEXT NOT NULL,
  start_date TEXT NOT NULL,
  end_date TEXT,
  version INTEGER NOT NULL,
  body BLOB NOT NULL,                     -- sendcase.v1.InterventionPlace
  UNIQUE (pupil_id, id),
  FOREIGN KEY (setting_urn, intervention_id)
    REFERENCES interventions(setting_urn, id)
);
-- The provision map (places running in a term) and effectiveness (places
-- that ended in a period) of one setting.
CREATE INDEX places_by_setting_start ON intervention_places(setting_urn, start_date);
CREATE INDEX places_by_setting_end ON intervention_places(setting_urn, end_date);

CREATE TABLE agency_referrals (
  seq INTEGER PRIMARY KEY,
  pupil_id TEXT NOT NULL REFERENCES pupils(id),
  id TEXT NOT NULL,
  version INTEGER NOT NULL,
  body BLOB NOT NULL,                     -- sendcase.v1.AgencyReferral
  UNIQUE (pupil_id, id)
);
