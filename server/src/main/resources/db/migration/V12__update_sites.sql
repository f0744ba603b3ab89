-- Update sites: plugin indexes (pf4j-update's plugins.json) an admin installs and upgrades plugins from.
CREATE TABLE update_site (
    id         VARCHAR(64)   PRIMARY KEY,
    url        VARCHAR(2000) NOT NULL,
    created_at BIGINT        NOT NULL
);
