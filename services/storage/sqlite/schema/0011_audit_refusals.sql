-- 0011: refused unauthenticated calls are summarised, not written one by
-- one (a stranger can make thousands a second): the first per peer and
-- minute has a row of its own, the rest one row whose `calls` counts them.
ALTER TABLE audit_log ADD COLUMN peer TEXT NOT NULL DEFAULT '';
ALTER TABLE audit_log ADD COLUMN calls INTEGER NOT NULL DEFAULT 1;
