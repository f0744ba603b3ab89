-- Project names are unique per owner, not across the server: a name taken by someone else's project must neither
-- block a user nor tell them that project exists.
ALTER TABLE project DROP CONSTRAINT uq_project_name;
ALTER TABLE project ADD CONSTRAINT uq_project_owner_name UNIQUE (owner_id, name);
