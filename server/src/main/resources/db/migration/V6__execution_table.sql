-- The executions table of a project: the latest value of every numeric metadata key per execution, and indexes so
-- that every sort and filter of the table is a range scan of an index (keyset paging, no OFFSET).

-- Per execution and top-level numeric metadata key: the last value printed, the smallest, the largest and how many
-- points had it. Kept up to date by the metadata writer as it stores chunks; also what a hyperparameter task reads
-- as a trial's objective (last, min or max). project_id and counter are copies of the execution's, so that sorting
-- a project's executions by a metric is one index range scan.
CREATE TABLE execution_metric (
    execution_id VARCHAR(36)      NOT NULL REFERENCES execution (id),
    name         VARCHAR(200)     NOT NULL,
    project_id   VARCHAR(36)      NOT NULL,
    counter      INTEGER          NOT NULL,
    last_value   DOUBLE PRECISION NOT NULL,
    min_value    DOUBLE PRECISION NOT NULL,
    max_value    DOUBLE PRECISION NOT NULL,
    points       BIGINT           NOT NULL,
    PRIMARY KEY (execution_id, name)
);
CREATE INDEX ix_execution_metric_sort ON execution_metric (project_id, name, last_value, counter);

-- ended_at - started_at, set when an execution ends: sortable through an index, which an expression is not on H2.
ALTER TABLE execution ADD COLUMN duration_ms BIGINT;
UPDATE execution SET duration_ms = ended_at - started_at WHERE ended_at IS NOT NULL AND started_at IS NOT NULL;

-- One index per sort column (the counter breaks ties), and per filter with the default sort.
CREATE INDEX ix_execution_created ON execution (project_id, created_at, counter);
CREATE INDEX ix_execution_started ON execution (project_id, started_at, counter);
CREATE INDEX ix_execution_duration ON execution (project_id, duration_ms, counter);
CREATE INDEX ix_execution_status_counter ON execution (project_id, status, counter);
CREATE INDEX ix_execution_step_counter ON execution (project_id, step_name, counter);
CREATE INDEX ix_execution_title ON execution (project_id, title, counter);
