-- 0012: windows (a clock someone may use, such as the family's appeal or
-- comment window) expire rather than go overdue, so the work views must
-- tell them apart from steps someone owes. "expires" = 1 for a window. The
-- shipped rule sets before 2026.4 had two windows; their stored clocks are
-- marked here once (later clocks take the flag from their rule).
ALTER TABLE clocks ADD COLUMN expires INTEGER NOT NULL DEFAULT 0;
UPDATE clocks SET expires = 1
  WHERE rule_id IN ('appeal.tribunal', 'ehc.draft_comments');

-- The covering index of 0010 gains the flag, so "overdue" stays an
-- index-only question.
DROP INDEX clocks_by_journey_status;
CREATE INDEX clocks_by_journey_status ON clocks(
  journey_id, status, review, due_date, statutory, rule_id, start_date,
  exception_reason, expires);
