-- 0010: indexes that answer the work views' per-journey questions from the
-- index alone (no row reads): which live clocks a journey has, of what kind,
-- due when; how many open tasks, due when. With 10,000 pupils this took
-- ListCaseloads' and ListSettingSummaries' SQL from about 100 ms to about
-- 65 ms (measured in the sqlite3 shell, warm cache; end to end about 105 ms).
CREATE INDEX clocks_by_journey_status ON clocks(
  journey_id, status, review, due_date, statutory, rule_id, start_date,
  exception_reason);
CREATE INDEX tasks_by_journey_state ON tasks(journey_id, state, due_date);
