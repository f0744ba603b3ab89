-- Project environment variables, passed to every execution of the project. Secret values are stored encrypted
-- (AES-GCM, see SecretBox) and are never returned by the API.
CREATE TABLE project_variable (
    project_id VARCHAR(36)   NOT NULL REFERENCES project (id),
    name       VARCHAR(200)  NOT NULL,
    var_value  VARCHAR(20000) NOT NULL,
    secret     BOOLEAN       NOT NULL,
    updated_at BIGINT        NOT NULL,
    PRIMARY KEY (project_id, name)
);
