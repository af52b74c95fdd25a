-- An LA case officer's own address (v1.Contact.case_officer, the officer
-- as AssignCaseOfficer names them): reminders and notices of the journeys
-- assigned to that officer go there instead of to the team's addresses
-- (case_officer ''), which keep everything else.
ALTER TABLE contacts ADD COLUMN case_officer TEXT NOT NULL DEFAULT '';
