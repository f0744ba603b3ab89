-- Accounts that can be disabled, project members with read or write access, and the audit trail.

ALTER TABLE lathe_user ADD COLUMN disabled BOOLEAN DEFAULT FALSE NOT NULL;

CREATE TABLE project_member (
    project_id VARCHAR(36) NOT NULL REFERENCES project (id),
    user_id    VARCHAR(36) NOT NULL REFERENCES lathe_user (id),
    access     VARCHAR(10) NOT NULL,
    created_at BIGINT      NOT NULL,
    PRIMARY KEY (project_id, user_id)
);
CREATE INDEX ix_project_member_user ON project_member (user_id);

-- Who did what, when, to what; details holds the before/after as JSON.
CREATE TABLE audit_event (
    id         VARCHAR(36)  PRIMARY KEY,
    at         BIGINT       NOT NULL,
    actor      VARCHAR(100),
    action     VARCHAR(64)  NOT NULL,
    target     VARCHAR(500),
    details    VARCHAR
);
CREATE INDEX ix_audit_event_at ON audit_event (at);

CREATE INDEX ix_api_token_user ON api_token (user_id);
