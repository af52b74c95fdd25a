-- 0005: the SEN register and caseloads: a pupil's types of need, a version
-- for UpdatePupil's etag, the journey's case officer, and which clocks are
-- reviews (copied from the rule, like statutory).

ALTER TABLE pupils ADD COLUMN needs TEXT NOT NULL DEFAULT '';  -- codes by rank, comma-separated
ALTER TABLE pupils ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE journeys ADD COLUMN case_officer TEXT NOT NULL DEFAULT '';
CREATE INDEX journeys_by_officer ON journeys(case_officer);
ALTER TABLE clocks ADD COLUMN review INTEGER NOT NULL DEFAULT 0;
-- The review rules of the rule sets released before this column existed.
UPDATE clocks SET review = 1
  WHERE rule_id IN ('support.review', 'review.annual', 'review.early_years');
