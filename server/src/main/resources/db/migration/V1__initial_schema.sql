-- Lathe's schema. One set of migrations for H2 and PostgreSQL: only types and syntax both accept.
-- Times are epoch milliseconds (BIGINT): no time-zone conversions between JVM, driver and database.

CREATE TABLE lathe_user (
    id            VARCHAR(36)  PRIMARY KEY,
    username      VARCHAR(100) NOT NULL,
    role          VARCHAR(20)  NOT NULL,
    password_hash VARCHAR(255),
    created_at    BIGINT       NOT NULL,
    CONSTRAINT uq_user_username UNIQUE (username)
);

CREATE TABLE api_token (
    id           VARCHAR(36)  PRIMARY KEY,
    user_id      VARCHAR(36)  NOT NULL REFERENCES lathe_user (id),
    name         VARCHAR(100) NOT NULL,
    token_hash   VARCHAR(64)  NOT NULL,
    created_at   BIGINT       NOT NULL,
    expires_at   BIGINT,
    CONSTRAINT uq_api_token_hash UNIQUE (token_hash)
);

-- Configured instances of plugin extensions: factory id + settings as JSON, never a serialised object.
CREATE TABLE data_store (
    name       VARCHAR(64)  PRIMARY KEY,
    factory    VARCHAR(64)  NOT NULL,
    settings   VARCHAR      NOT NULL,
    created_at BIGINT       NOT NULL
);

CREATE TABLE compute_environment (
    name       VARCHAR(64)  PRIMARY KEY,
    factory    VARCHAR(64)  NOT NULL,
    settings   VARCHAR      NOT NULL,
    created_at BIGINT       NOT NULL
);

CREATE TABLE project (
    id                  VARCHAR(36)  PRIMARY KEY,
    name                VARCHAR(100) NOT NULL,
    description         VARCHAR(2000) NOT NULL,
    owner_id            VARCHAR(36)  NOT NULL REFERENCES lathe_user (id),
    default_store       VARCHAR(64)  NOT NULL REFERENCES data_store (name),
    default_environment VARCHAR(64)  NOT NULL REFERENCES compute_environment (name),
    last_counter        INTEGER      NOT NULL,
    created_at          BIGINT       NOT NULL,
    CONSTRAINT uq_project_name UNIQUE (name)
);

-- A package of code as uploaded; id is '~' + the SHA-256 of the package, as Valohai names ad-hoc commits.
CREATE TABLE code_commit (
    project_id   VARCHAR(36)  NOT NULL REFERENCES project (id),
    id           VARCHAR(80)  NOT NULL,
    sha256       VARCHAR(64)  NOT NULL,
    size         BIGINT       NOT NULL,
    store        VARCHAR(64)  NOT NULL,
    storage_key  VARCHAR(500) NOT NULL,
    config_yaml  VARCHAR      NOT NULL,
    creator_id   VARCHAR(36)  NOT NULL REFERENCES lathe_user (id),
    created_at   BIGINT       NOT NULL,
    PRIMARY KEY (project_id, id)
);

CREATE TABLE execution (
    id              VARCHAR(36)  PRIMARY KEY,
    project_id      VARCHAR(36)  NOT NULL REFERENCES project (id),
    counter         INTEGER      NOT NULL,
    commit_id       VARCHAR(80)  NOT NULL,
    step_name       VARCHAR(200) NOT NULL,
    step_json       VARCHAR      NOT NULL,
    parameters_json VARCHAR      NOT NULL,
    command         VARCHAR      NOT NULL,
    image           VARCHAR(500) NOT NULL,
    environment     VARCHAR(64)  NOT NULL REFERENCES compute_environment (name),
    title           VARCHAR(500),
    status          VARCHAR(20)  NOT NULL,
    status_detail   VARCHAR(2000),
    exit_code       INTEGER,
    time_limit_s    BIGINT,
    compute_handle  VARCHAR(200),
    copied_from     VARCHAR(36),
    creator_id      VARCHAR(36)  NOT NULL REFERENCES lathe_user (id),
    created_at      BIGINT       NOT NULL,
    queued_at       BIGINT,
    started_at      BIGINT,
    ended_at        BIGINT,
    CONSTRAINT uq_execution_counter UNIQUE (project_id, counter),
    CONSTRAINT fk_execution_commit FOREIGN KEY (project_id, commit_id) REFERENCES code_commit (project_id, id)
);
CREATE INDEX ix_execution_status ON execution (status, environment, created_at);

CREATE TABLE datum (
    id            VARCHAR(36)  PRIMARY KEY,
    project_id    VARCHAR(36)  NOT NULL REFERENCES project (id),
    name          VARCHAR(1000) NOT NULL,
    size          BIGINT       NOT NULL,
    sha256        VARCHAR(64)  NOT NULL,
    content_type  VARCHAR(200) NOT NULL,
    store         VARCHAR(64)  NOT NULL REFERENCES data_store (name),
    storage_key   VARCHAR(500) NOT NULL,
    execution_id  VARCHAR(36)  REFERENCES execution (id),
    metadata_json VARCHAR,
    creator_id    VARCHAR(36)  NOT NULL REFERENCES lathe_user (id),
    created_at    BIGINT       NOT NULL,
    purged_at     BIGINT
);
CREATE INDEX ix_datum_project_name ON datum (project_id, name);
CREATE INDEX ix_datum_execution ON datum (execution_id, name);

-- What an execution took as input, resolved at creation: the datum or URL, and the checksum of the bytes used.
CREATE TABLE execution_input (
    execution_id VARCHAR(36)   NOT NULL REFERENCES execution (id),
    position     INTEGER       NOT NULL,
    input_name   VARCHAR(64)   NOT NULL,
    uri          VARCHAR(2000) NOT NULL,
    datum_id     VARCHAR(36)   REFERENCES datum (id),
    file_name    VARCHAR(500)  NOT NULL,
    size         BIGINT,
    sha256       VARCHAR(64),
    PRIMARY KEY (execution_id, position)
);

-- Every JSON object an execution printed on stdout, in order, with "_time" added.
CREATE TABLE metadata_point (
    execution_id VARCHAR(36) NOT NULL REFERENCES execution (id),
    seq          BIGINT      NOT NULL,
    data         VARCHAR     NOT NULL,
    PRIMARY KEY (execution_id, seq)
);
