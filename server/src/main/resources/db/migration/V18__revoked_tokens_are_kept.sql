-- A revoked token is kept, marked, so that whoever still sends it is told it was revoked rather than unknown.
ALTER TABLE api_token ADD COLUMN revoked_at BIGINT;
