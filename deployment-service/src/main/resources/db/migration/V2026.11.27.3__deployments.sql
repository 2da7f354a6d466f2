-- DEP-1, DEP-3: deployments and their queue. One running deployment per environment is a rule of
-- the database itself (the partial unique index), so two instances can never both run one.
CREATE TABLE deployment (
    id              UUID         PRIMARY KEY,
    project_id      VARCHAR(32)  NOT NULL,
    environment_id  VARCHAR(32)  NOT NULL,
    branch          VARCHAR(255),
    commit_sha      VARCHAR(40),
    trigger         VARCHAR(16)  NOT NULL,
    trigger_key     VARCHAR(128) UNIQUE,
    state           VARCHAR(16)  NOT NULL,
    phase           VARCHAR(16),
    data_from       VARCHAR(32),
    activity_id     VARCHAR(64),
    ticket_id       VARCHAR(64),
    requested_by    VARCHAR(255),
    detail          TEXT,
    failed_node     INT,
    exit_code       INT,
    superseded_by   UUID,
    queued_at       TIMESTAMPTZ  NOT NULL,
    started_at      TIMESTAMPTZ,
    finished_at     TIMESTAMPTZ,
    claimed_by      VARCHAR(255),
    lease_until     TIMESTAMPTZ,
    hook_pgid       BIGINT,
    version         BIGINT       NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX deployment_one_running_per_environment ON deployment (project_id, environment_id) WHERE state = 'RUNNING';
CREATE INDEX deployment_queue ON deployment (queued_at, id) WHERE state = 'QUEUED';
CREATE INDEX deployment_by_environment ON deployment (project_id, environment_id, queued_at DESC, id DESC);
CREATE INDEX deployment_by_project ON deployment (project_id, queued_at DESC, id DESC);
