-- Raised by a password change and by "end all other sessions": a sign-in that checked the
-- password against an older value starts no session, and older device cookies stop working.
ALTER TABLE users ADD COLUMN credential_version INTEGER NOT NULL DEFAULT 0;
