-- The SEN2 return's person items that the school census does not give a
-- case-tracking service (v1.Pupil sex, ethnicity, postcode and
-- unique_learner_number): special-category and personal data, kept beside
-- the names and read only where the pupil is.
ALTER TABLE pupils ADD COLUMN sex INTEGER NOT NULL DEFAULT 0;
ALTER TABLE pupils ADD COLUMN ethnicity TEXT NOT NULL DEFAULT '';
ALTER TABLE pupils ADD COLUMN postcode TEXT NOT NULL DEFAULT '';
ALTER TABLE pupils ADD COLUMN uln TEXT NOT NULL DEFAULT '';
