-- Clocks carry what the work views filter on, written from the rules and
-- the clock's own status, so that no query names a rule id or a status
-- number: live (the step is still owed: ClockRecord::IsLive), and the
-- rules' assessment_step and assessment_limit (rules.proto). Rows written
-- before this migration get the values that the rule sets up to 2026.5
-- implied, as 0012 did for expires: the only place that names them.
ALTER TABLE clocks ADD COLUMN live INTEGER NOT NULL DEFAULT 0;
ALTER TABLE clocks ADD COLUMN assessment_step INTEGER NOT NULL DEFAULT 0;
ALTER TABLE clocks ADD COLUMN assessment_limit INTEGER NOT NULL DEFAULT 0;
UPDATE clocks SET
  live = status IN (1, 4),
  assessment_step = rule_id LIKE 'ehc.%',
  assessment_limit = rule_id = 'ehc.final_plan';

-- Fewer index pages per transition. Every read of a journey's clocks goes
-- by the view index, which now leads with (journey_id, live) (reading a
-- journey's clocks in id order sorts its few rows); nothing reads clocks by
-- status and due date except the issued plans, which have a partial index
-- of the few clocks that are a limit, and the reviews due, which have one of
-- the live review clocks; no query needs tasks by (journey_id, due_date)
-- that tasks_by_journey_state (journey_id, state, due_date) does not serve.
DROP INDEX clocks_by_journey_status;
DROP INDEX clocks_by_journey;
DROP INDEX clocks_by_status_due;
DROP INDEX tasks_by_journey;
CREATE INDEX clocks_by_journey_live ON clocks(
  journey_id, live, review, assessment_step, due_date, statutory, expires,
  start_date, exception_reason, assessment_limit, rule_id);
CREATE INDEX clocks_assessment_limits ON clocks(live, status, met_date)
  WHERE assessment_limit = 1;
CREATE INDEX clocks_live_reviews ON clocks(due_date, id)
  WHERE review = 1 AND live = 1;
