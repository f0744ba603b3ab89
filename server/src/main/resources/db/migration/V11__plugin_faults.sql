-- Faults of plugins: a call to a plugin instance that threw, did not answer within the time limit, or answered
-- nonsense. Written in a transaction of its own, so a fault survives the rollback of what it broke; only the latest
-- per plugin are kept. No foreign key to execution: a fault is recorded whatever state the execution is in.
CREATE TABLE plugin_fault (
    id            VARCHAR(36)   PRIMARY KEY,
    plugin_id     VARCHAR(100)  NOT NULL,
    extension     VARCHAR(16)   NOT NULL,
    instance_name VARCHAR(100)  NOT NULL,
    operation     VARCHAR(32)   NOT NULL,
    code          VARCHAR(100)  NOT NULL,
    message       VARCHAR(2000) NOT NULL,
    execution_id  VARCHAR(36),
    occurred_at   BIGINT        NOT NULL
);
CREATE INDEX ix_plugin_fault_plugin ON plugin_fault (plugin_id, id);
