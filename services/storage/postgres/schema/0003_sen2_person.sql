-- 0003 (PostgreSQL), in step with SQLite's 0021_sen2_person: the SEN2
-- return's person items (v1.Pupil sex, ethnicity, postcode and
-- unique_learner_number).
ALTER TABLE pupils ADD COLUMN sex BIGINT NOT NULL DEFAULT 0;
ALTER TABLE pupils ADD COLUMN ethnicity TEXT NOT NULL DEFAULT '';
ALTER TABLE pupils ADD COLUMN postcode TEXT NOT NULL DEFAULT '';
ALTER TABLE pupils ADD COLUMN uln TEXT NOT NULL DEFAULT '';
