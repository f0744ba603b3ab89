-- Datasets and models on one versioned-collection core: collections of both kinds in one table, their versions in
-- one (a dataset version's name as given, a model version's its number), their files in one. A version's name is
-- unique in its collection, so neither kind can hold two versions of one name or number. Rows move from the six
-- tables the two kinds had.
-- (No check lists the kinds: H2 evaluates a list of constants in a check through the session that made it, and
-- fails once that session has closed.)
CREATE TABLE registry_collection (
    id         VARCHAR(36)  PRIMARY KEY,
    kind       VARCHAR(16)  NOT NULL,
    project_id VARCHAR(36)  NOT NULL REFERENCES project (id),
    name       VARCHAR(200) NOT NULL,
    created_by VARCHAR(36)  NOT NULL REFERENCES lathe_user (id),
    created_at BIGINT       NOT NULL,
    CONSTRAINT uq_registry_collection_name UNIQUE (project_id, kind, name)
);
INSERT INTO registry_collection (id, kind, project_id, name, created_by, created_at)
    SELECT id, 'dataset', project_id, name, created_by, created_at FROM dataset;
INSERT INTO registry_collection (id, kind, project_id, name, created_by, created_at)
    SELECT id, 'model', project_id, name, created_by, created_at FROM model;

CREATE TABLE registry_version (
    id               VARCHAR(36)   PRIMARY KEY,
    kind             VARCHAR(16)   NOT NULL,
    collection_id    VARCHAR(36)   NOT NULL REFERENCES registry_collection (id),
    name             VARCHAR(200)  NOT NULL,
    number           INTEGER,
    state            VARCHAR(16),
    release_note     VARCHAR(4000),
    tags_json        VARCHAR(4000),
    execution_id     VARCHAR(36)   REFERENCES execution (id),
    created_by       VARCHAR(36)   NOT NULL REFERENCES lathe_user (id),
    created_at       BIGINT        NOT NULL,
    decided_by       VARCHAR(36)   REFERENCES lathe_user (id),
    decided_at       BIGINT,
    decision_comment VARCHAR(4000),
    CONSTRAINT uq_registry_version_name UNIQUE (collection_id, name),
    CONSTRAINT ck_registry_version_model CHECK (kind = 'dataset' OR (number IS NOT NULL AND state IS NOT NULL))
);
CREATE INDEX ix_registry_version_created ON registry_version (collection_id, created_at);
CREATE INDEX ix_registry_version_number ON registry_version (collection_id, number);
CREATE INDEX ix_registry_version_state ON registry_version (collection_id, state, number);
INSERT INTO registry_version (id, kind, collection_id, name, execution_id, created_by, created_at)
    SELECT id, 'dataset', dataset_id, name, execution_id, created_by, created_at FROM dataset_version;
INSERT INTO registry_version (id, kind, collection_id, name, number, state, release_note, tags_json, execution_id,
        created_by, created_at, decided_by, decided_at, decision_comment)
    SELECT id, 'model', model_id, CAST(number AS VARCHAR(200)), number, state, release_note, tags_json, execution_id,
        created_by, created_at, decided_by, decided_at, decision_comment FROM model_version;

CREATE TABLE registry_version_file (
    version_id VARCHAR(36) NOT NULL REFERENCES registry_version (id),
    datum_id   VARCHAR(36) NOT NULL REFERENCES datum (id),
    PRIMARY KEY (version_id, datum_id)
);
CREATE INDEX ix_registry_version_file_datum ON registry_version_file (datum_id);
INSERT INTO registry_version_file (version_id, datum_id) SELECT version_id, datum_id FROM dataset_version_file;
INSERT INTO registry_version_file (version_id, datum_id) SELECT version_id, datum_id FROM model_version_file;

DROP TABLE dataset_version_file;
DROP TABLE model_version_file;
DROP TABLE dataset_version;
DROP TABLE model_version;
DROP TABLE dataset;
DROP TABLE model;
