-- Contacts an ADMIN has vouched for as people who hold their role, who may
-- sign in to the web app with a link e-mailed to them (v1.Contact.sign_in).
-- Looked up by address without regard to case, so the index is on that.
ALTER TABLE contacts ADD COLUMN sign_in INTEGER NOT NULL DEFAULT 0;
CREATE INDEX contacts_sign_in ON contacts(email COLLATE NOCASE)
  WHERE sign_in = 1;
