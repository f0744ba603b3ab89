-- Notification channels: named instances of a notifier extension with their settings (secret ones encrypted), as
-- data stores and compute environments are.
CREATE TABLE notification_channel (
    name       VARCHAR(64)  PRIMARY KEY,
    factory    VARCHAR(64)  NOT NULL,
    settings   VARCHAR      NOT NULL,
    created_at BIGINT       NOT NULL
);
