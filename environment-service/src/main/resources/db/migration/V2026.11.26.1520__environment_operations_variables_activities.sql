-- ENV-4, ENV-6, ENV-7, ENV-8: what an environment shows and the operation under way.
ALTER TABLE environment
    ADD COLUMN head_commit             VARCHAR(64),
    ADD COLUMN deployed_commit         VARCHAR(64),
    ADD COLUMN latest_deployment_id    VARCHAR(64),
    ADD COLUMN latest_deployment_state VARCHAR(16),
    ADD COLUMN pending_activity_id     UUID,
    ADD COLUMN live_domains            TEXT,
    ADD COLUMN approved_config_digest  VARCHAR(64),
    ADD COLUMN updated_at              TIMESTAMPTZ;
UPDATE environment SET updated_at = created_at;
ALTER TABLE environment ALTER COLUMN updated_at SET NOT NULL;
CREATE INDEX environment_parent ON environment (project_id, parent_id);
-- ENV-2: two branches that give the same id collide on the primary key; a branch is unique too.
CREATE UNIQUE INDEX environment_integration_branch ON environment (project_id, branch) WHERE type = 'INTEGRATION';

-- ENV-6: each node's release and health, as deployment-service reports them.
CREATE TABLE environment_node (
    project_id      VARCHAR(32)  NOT NULL,
    environment_id  VARCHAR(32)  NOT NULL,
    node            INTEGER      NOT NULL,
    release_id      VARCHAR(64),
    release_commit  VARCHAR(64),
    health          VARCHAR(16)  NOT NULL DEFAULT 'UNKNOWN',
    updated_at      TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (project_id, environment_id, node),
    FOREIGN KEY (project_id, environment_id) REFERENCES environment (project_id, id) ON DELETE CASCADE
);

-- API-3: long operations.
CREATE TABLE activity (
    id              UUID          PRIMARY KEY,
    project_id      VARCHAR(32)   NOT NULL REFERENCES project (id) ON DELETE CASCADE,
    environment_id  VARCHAR(32)   NOT NULL,
    type            VARCHAR(64)   NOT NULL,
    state           VARCHAR(16)   NOT NULL CHECK (state IN ('PENDING', 'IN_PROGRESS', 'COMPLETE')),
    result          VARCHAR(16)   CHECK (result IN ('SUCCESS', 'FAILURE')),
    created_by      VARCHAR(200)  NOT NULL,
    parameters      TEXT          NOT NULL,
    log             TEXT          NOT NULL DEFAULT '',
    created_at      TIMESTAMPTZ   NOT NULL,
    started_at      TIMESTAMPTZ,
    completed_at    TIMESTAMPTZ
);
CREATE INDEX activity_project ON activity (project_id, created_at DESC, id);
CREATE INDEX activity_environment ON activity (project_id, environment_id, created_at DESC, id);

-- VAR-1..3: project variables have environment_id ''.
CREATE TABLE variable (
    project_id       VARCHAR(32)   NOT NULL REFERENCES project (id) ON DELETE CASCADE,
    environment_id   VARCHAR(32)   NOT NULL,
    name             VARCHAR(256)  NOT NULL,
    value            TEXT          NOT NULL,
    is_json          BOOLEAN       NOT NULL,
    sensitive        BOOLEAN       NOT NULL,
    inheritable      BOOLEAN       NOT NULL,
    visible_build    BOOLEAN       NOT NULL,
    visible_runtime  BOOLEAN       NOT NULL,
    enabled          BOOLEAN       NOT NULL,
    created_at       TIMESTAMPTZ   NOT NULL,
    updated_at       TIMESTAMPTZ   NOT NULL,
    version          BIGINT        NOT NULL DEFAULT 0,
    PRIMARY KEY (project_id, environment_id, name)
);
