-- Hyperparameter tasks: a search over a step's parameters, its trials (one execution each) and how it ended.
CREATE TABLE task (
    id                  VARCHAR(36)   PRIMARY KEY,
    project_id          VARCHAR(36)   NOT NULL REFERENCES project (id),
    counter             INTEGER       NOT NULL,
    commit_id           VARCHAR(80)   NOT NULL,
    step_name           VARCHAR(200)  NOT NULL,
    type                VARCHAR(32)   NOT NULL,
    optimizer           VARCHAR(64),
    search_json         VARCHAR       NOT NULL,
    inputs_json         VARCHAR,
    title               VARCHAR(500),
    objective_metric    VARCHAR(200),
    objective_direction VARCHAR(16),
    objective_mode      VARCHAR(16),
    max_executions      INTEGER       NOT NULL,
    parallelism         INTEGER       NOT NULL,
    early_stopping_json VARCHAR,
    seed                BIGINT        NOT NULL,
    status              VARCHAR(16)   NOT NULL,
    status_detail       VARCHAR(2000),
    creator_id          VARCHAR(36)   NOT NULL REFERENCES lathe_user (id),
    created_at          BIGINT        NOT NULL,
    ended_at            BIGINT,
    CONSTRAINT uq_task_counter UNIQUE (project_id, counter)
);
CREATE INDEX ix_task_status ON task (status);

CREATE TABLE task_trial (
    task_id         VARCHAR(36)  NOT NULL REFERENCES task (id),
    trial           INTEGER      NOT NULL,
    execution_id    VARCHAR(36)  REFERENCES execution (id),
    parameters_json VARCHAR      NOT NULL,
    stopped_reason  VARCHAR(1000),
    created_at      BIGINT       NOT NULL,
    PRIMARY KEY (task_id, trial)
);
CREATE INDEX ix_task_trial_execution ON task_trial (execution_id);
