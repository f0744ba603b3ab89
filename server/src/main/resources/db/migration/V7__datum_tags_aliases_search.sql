-- Datums get tags and aliases (stable, repointable names with their history), and are searched by project, time,
-- size, tag and consumer without scans.
-- created_at is the datum's: a search by tag walks this index newest first and reads only the page's datums.
CREATE TABLE datum_tag (
    datum_id   VARCHAR(36)  NOT NULL REFERENCES datum (id),
    project_id VARCHAR(36)  NOT NULL REFERENCES project (id),
    tag        VARCHAR(200) NOT NULL,
    created_at BIGINT       NOT NULL,
    PRIMARY KEY (datum_id, tag)
);
CREATE INDEX ix_datum_tag_lookup ON datum_tag (project_id, tag, created_at, datum_id);

CREATE TABLE datum_alias (
    project_id VARCHAR(36)  NOT NULL REFERENCES project (id),
    name       VARCHAR(200) NOT NULL,
    datum_id   VARCHAR(36)  NOT NULL REFERENCES datum (id),
    changed_by VARCHAR(36)  NOT NULL REFERENCES lathe_user (id),
    changed_at BIGINT       NOT NULL,
    PRIMARY KEY (project_id, name)
);
CREATE INDEX ix_datum_alias_datum ON datum_alias (datum_id);

-- Every pointing of an alias, oldest first: what "latest-model" meant on any day.
CREATE TABLE datum_alias_change (
    id         VARCHAR(36)  PRIMARY KEY,
    project_id VARCHAR(36)  NOT NULL REFERENCES project (id),
    name       VARCHAR(200) NOT NULL,
    datum_id   VARCHAR(36)  NOT NULL REFERENCES datum (id),
    changed_by VARCHAR(36)  NOT NULL REFERENCES lathe_user (id),
    changed_at BIGINT       NOT NULL
);
CREATE INDEX ix_datum_alias_change_name ON datum_alias_change (project_id, name, changed_at);

CREATE INDEX ix_datum_project_created ON datum (project_id, created_at, id);
CREATE INDEX ix_datum_project_size ON datum (project_id, size);
-- Which executions took a datum as input: the downstream half of lineage.
CREATE INDEX ix_execution_input_datum ON execution_input (datum_id);
