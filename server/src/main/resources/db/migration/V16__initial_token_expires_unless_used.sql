-- The first admin's token, written to a file at the first start, expires 24 hours later unless it is used; its
-- first use lifts that expiry.
ALTER TABLE api_token ADD COLUMN expires_unless_used BOOLEAN DEFAULT FALSE NOT NULL;
