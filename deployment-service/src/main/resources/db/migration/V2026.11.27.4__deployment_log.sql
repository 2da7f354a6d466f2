-- DEP-8: every deployment's timestamped log, tagged by phase and node; sensitive values are masked
-- before lines are stored.
CREATE TABLE deployment_log (
    deployment_id  UUID         NOT NULL REFERENCES deployment (id) ON DELETE CASCADE,
    seq            BIGINT       NOT NULL,
    at             TIMESTAMPTZ  NOT NULL,
    phase          VARCHAR(16),
    node           INT,
    stream         VARCHAR(8)   NOT NULL,
    text           TEXT         NOT NULL,
    PRIMARY KEY (deployment_id, seq)
);
