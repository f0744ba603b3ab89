-- Datasets: named, immutable versions of a set of datums. Models: numbered versions of datums with an approval
-- state. Both are made through the API or from an execution's output properties.
CREATE TABLE dataset (
    id         VARCHAR(36)  PRIMARY KEY,
    project_id VARCHAR(36)  NOT NULL REFERENCES project (id),
    name       VARCHAR(200) NOT NULL,
    created_by VARCHAR(36)  NOT NULL REFERENCES lathe_user (id),
    created_at BIGINT       NOT NULL,
    CONSTRAINT uq_dataset_name UNIQUE (project_id, name)
);

CREATE TABLE dataset_version (
    id           VARCHAR(36)  PRIMARY KEY,
    dataset_id   VARCHAR(36)  NOT NULL REFERENCES dataset (id),
    name         VARCHAR(200) NOT NULL,
    execution_id VARCHAR(36)  REFERENCES execution (id),
    created_by   VARCHAR(36)  NOT NULL REFERENCES lathe_user (id),
    created_at   BIGINT       NOT NULL,
    CONSTRAINT uq_dataset_version_name UNIQUE (dataset_id, name)
);

CREATE TABLE dataset_version_file (
    version_id VARCHAR(36) NOT NULL REFERENCES dataset_version (id),
    datum_id   VARCHAR(36) NOT NULL REFERENCES datum (id),
    PRIMARY KEY (version_id, datum_id)
);
CREATE INDEX ix_dataset_version_file_datum ON dataset_version_file (datum_id);

CREATE TABLE model (
    id          VARCHAR(36)  PRIMARY KEY,
    project_id  VARCHAR(36)  NOT NULL REFERENCES project (id),
    name        VARCHAR(200) NOT NULL,
    created_by  VARCHAR(36)  NOT NULL REFERENCES lathe_user (id),
    created_at  BIGINT       NOT NULL,
    CONSTRAINT uq_model_name UNIQUE (project_id, name)
);

CREATE TABLE model_version (
    id               VARCHAR(36)   PRIMARY KEY,
    model_id         VARCHAR(36)   NOT NULL REFERENCES model (id),
    number           INTEGER       NOT NULL,
    state            VARCHAR(16)   NOT NULL,
    release_note     VARCHAR(4000),
    tags_json        VARCHAR(4000),
    execution_id     VARCHAR(36)   REFERENCES execution (id),
    created_by       VARCHAR(36)   NOT NULL REFERENCES lathe_user (id),
    created_at       BIGINT        NOT NULL,
    decided_by       VARCHAR(36)   REFERENCES lathe_user (id),
    decided_at       BIGINT,
    decision_comment VARCHAR(4000),
    CONSTRAINT uq_model_version_number UNIQUE (model_id, number)
);
CREATE INDEX ix_model_version_state ON model_version (model_id, state, number);

CREATE TABLE model_version_file (
    version_id VARCHAR(36) NOT NULL REFERENCES model_version (id),
    datum_id   VARCHAR(36) NOT NULL REFERENCES datum (id),
    PRIMARY KEY (version_id, datum_id)
);
CREATE INDEX ix_model_version_file_datum ON model_version_file (datum_id);
