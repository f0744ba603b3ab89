-- Metadata points are stored in chunks of many points per row (one point per line of the chunk's text): inserting
-- and reading a row per point was what limited how fast a step's metrics could be stored.
CREATE TABLE metadata_chunk (
    execution_id VARCHAR(36) NOT NULL REFERENCES execution (id),
    seq          BIGINT      NOT NULL,
    points       INTEGER     NOT NULL,
    data         VARCHAR     NOT NULL,
    PRIMARY KEY (execution_id, seq)
);

INSERT INTO metadata_chunk (execution_id, seq, points, data)
    SELECT execution_id, seq, 1, data FROM metadata_point;

DROP TABLE metadata_point;
