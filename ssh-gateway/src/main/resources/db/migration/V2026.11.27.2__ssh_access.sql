-- SSH-1: users' public keys. One key belongs to one user: the fingerprint is unique.
CREATE TABLE ssh_key (
    id            UUID         PRIMARY KEY,
    user_id       VARCHAR(255) NOT NULL,
    title         VARCHAR(255) NOT NULL,
    key_type      VARCHAR(64)  NOT NULL,
    bits          INT          NOT NULL,
    fingerprint   VARCHAR(100) NOT NULL UNIQUE,
    public_key    TEXT         NOT NULL,
    created_at    TIMESTAMPTZ  NOT NULL,
    last_used_at  TIMESTAMPTZ
);
CREATE INDEX ssh_key_by_user ON ssh_key (user_id, created_at, id);

-- SSH-2: grants on Staging and Production, created only by approved ADD_SSH_KEY tickets. A revoked
-- grant keeps its row (who had access when is audit); its key may be gone.
CREATE TABLE ssh_grant (
    id              UUID         PRIMARY KEY,
    project_id      VARCHAR(32)  NOT NULL,
    environment_id  VARCHAR(32)  NOT NULL,
    user_id         VARCHAR(255) NOT NULL,
    key_id          UUID         NOT NULL,
    fingerprint     VARCHAR(100) NOT NULL,
    title           VARCHAR(255) NOT NULL,
    expires_at      TIMESTAMPTZ,
    ticket_id       VARCHAR(64)  NOT NULL UNIQUE,
    granted_by      VARCHAR(255) NOT NULL,
    created_at      TIMESTAMPTZ  NOT NULL,
    revoked_at      TIMESTAMPTZ,
    revoked_by      VARCHAR(255),
    revoked_reason  VARCHAR(255)
);
CREATE INDEX ssh_grant_in_force ON ssh_grant (fingerprint, project_id, environment_id) WHERE revoked_at IS NULL;
CREATE INDEX ssh_grant_by_project ON ssh_grant (project_id, created_at, id);
CREATE INDEX ssh_grant_by_key ON ssh_grant (key_id) WHERE revoked_at IS NULL;

-- Read models fed by environment-service's events: limits and environments (for a push's remote:
-- lines, ENV-3) and each environment's access.ssh reported by deployment events (SSH-2).
CREATE TABLE known_project (
    project_id                 VARCHAR(32) PRIMARY KEY,
    active_environment_limit   INT         NOT NULL
);

CREATE TABLE known_environment (
    project_id      VARCHAR(32)  NOT NULL,
    environment_id  VARCHAR(32)  NOT NULL,
    type            VARCHAR(16),
    status          VARCHAR(16),
    branch          VARCHAR(255),
    ssh_access      VARCHAR(16),
    PRIMARY KEY (project_id, environment_id)
);
CREATE INDEX known_environment_by_branch ON known_environment (project_id, branch);

-- DEP-5 as the gateway sees it: commits that deployed successfully per environment (SSH-5).
CREATE TABLE succeeded_deployment (
    project_id      VARCHAR(32)  NOT NULL,
    environment_id  VARCHAR(32)  NOT NULL,
    commit_sha      VARCHAR(40)  NOT NULL,
    succeeded_at    TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (project_id, environment_id, commit_sha)
);

-- SSH-4: the branch heads announced with ref.updated or git-operation.completed. A push is
-- announced by comparing the repository's refs with these rows under the repository's row lock, so
-- a push whose announcement failed (database away) is announced later, never twice.
CREATE TABLE announced_ref (
    project_id  VARCHAR(32)  NOT NULL,
    branch      VARCHAR(255) NOT NULL,
    head        VARCHAR(40)  NOT NULL,
    PRIMARY KEY (project_id, branch)
);
