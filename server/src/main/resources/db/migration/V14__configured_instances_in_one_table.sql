-- Configured instances of every extension point in one table, keyed by the point's id and the instance's name: a
-- new extension point needs no table of its own. Rows move from the three tables each point had.
CREATE TABLE configured_instance (
    point      VARCHAR(32) NOT NULL,
    name       VARCHAR(64) NOT NULL,
    factory    VARCHAR(64) NOT NULL,
    settings   VARCHAR     NOT NULL,
    created_at BIGINT      NOT NULL,
    PRIMARY KEY (point, name)
);
INSERT INTO configured_instance (point, name, factory, settings, created_at)
    SELECT 'storage', name, factory, settings, created_at FROM data_store;
INSERT INTO configured_instance (point, name, factory, settings, created_at)
    SELECT 'compute', name, factory, settings, created_at FROM compute_environment;
INSERT INTO configured_instance (point, name, factory, settings, created_at)
    SELECT 'notifier', name, factory, settings, created_at FROM notification_channel;

-- A column that names an instance keeps its foreign key: beside it, the point it names, fixed by a check.
ALTER TABLE project ADD COLUMN default_store_point VARCHAR(32) DEFAULT 'storage' NOT NULL
    CHECK (default_store_point = 'storage');
ALTER TABLE project ADD COLUMN default_environment_point VARCHAR(32) DEFAULT 'compute' NOT NULL
    CHECK (default_environment_point = 'compute');
ALTER TABLE execution ADD COLUMN environment_point VARCHAR(32) DEFAULT 'compute' NOT NULL
    CHECK (environment_point = 'compute');
ALTER TABLE datum ADD COLUMN store_point VARCHAR(32) DEFAULT 'storage' NOT NULL CHECK (store_point = 'storage');

-- CASCADE drops the old foreign keys that point at these tables (their names differ between databases).
DROP TABLE data_store CASCADE;
DROP TABLE compute_environment CASCADE;
DROP TABLE notification_channel CASCADE;

ALTER TABLE project ADD CONSTRAINT fk_project_default_store FOREIGN KEY (default_store_point, default_store)
    REFERENCES configured_instance (point, name);
ALTER TABLE project ADD CONSTRAINT fk_project_default_environment
    FOREIGN KEY (default_environment_point, default_environment) REFERENCES configured_instance (point, name);
ALTER TABLE execution ADD CONSTRAINT fk_execution_environment FOREIGN KEY (environment_point, environment)
    REFERENCES configured_instance (point, name);
ALTER TABLE datum ADD CONSTRAINT fk_datum_store FOREIGN KEY (store_point, store)
    REFERENCES configured_instance (point, name);
