-- Sessions of a user started before this moment are no longer valid (set by a password change).
ALTER TABLE users ADD COLUMN sessions_valid_after TIMESTAMP WITH TIME ZONE;
