-- Raised when an account is disabled, its role changes or its password is reset: a console session remembers the
-- version it started at and ends when the two differ.
ALTER TABLE lathe_user ADD COLUMN sessions_version INTEGER DEFAULT 0 NOT NULL;
