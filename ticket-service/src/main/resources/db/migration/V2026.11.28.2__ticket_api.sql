-- Step 6: what a ticket asks for (TKT-1), what approving it would change (its preview), how many
-- times it was approved (a retry is a new attempt, TKT-3), its comments (TKT-4), its sensitive
-- values sealed at rest (SEC-3), and the read models of deployments, grants and SSH sessions that
-- give DEPLOY tickets their default commit and every ticket its trail (TKT-5).
ALTER TABLE ticket ADD COLUMN payload TEXT NOT NULL DEFAULT '{}';
ALTER TABLE ticket ADD COLUMN preview TEXT;
ALTER TABLE ticket ADD COLUMN preview_at TIMESTAMPTZ;
ALTER TABLE ticket ADD COLUMN attempt INT NOT NULL DEFAULT 0;
ALTER TABLE ticket_transition ADD COLUMN attempt INT NOT NULL DEFAULT 0;
-- The order of a ticket's history where two moves share an instant (IN_PROGRESS and RESOLVED from one result).
ALTER TABLE ticket_transition ADD COLUMN seq BIGSERIAL;
-- TKT-6: lists sort by priority, URGENT first, then age; the rank makes that an index order.
ALTER TABLE ticket ADD COLUMN priority_rank SMALLINT GENERATED ALWAYS AS
    (CASE priority WHEN 'URGENT' THEN 0 WHEN 'HIGH' THEN 1 WHEN 'NORMAL' THEN 2 ELSE 3 END) STORED;
CREATE INDEX ticket_queue_all ON ticket (priority_rank, created_at, id);
CREATE INDEX ticket_requested_by ON ticket (requested_by, created_at);

CREATE TABLE ticket_comment (
    id          UUID          PRIMARY KEY,
    ticket_id   UUID          NOT NULL REFERENCES ticket (id),
    author      VARCHAR(128)  NOT NULL,
    support     BOOLEAN       NOT NULL,
    body        TEXT          NOT NULL,
    at          TIMESTAMPTZ   NOT NULL
);
CREATE INDEX ticket_comment_of ON ticket_comment (ticket_id, at);

-- SEC-3: a DEPLOYMENT_SETTINGS ticket's sensitive values, AES-256-GCM with the service's key; served
-- only to the fulfilling service while the ticket is being fulfilled, and dropped when it ends.
CREATE TABLE ticket_secret (
    ticket_id   UUID          NOT NULL REFERENCES ticket (id),
    name        VARCHAR(256)  NOT NULL,
    nonce       BYTEA         NOT NULL,
    sealed      BYTEA         NOT NULL,
    PRIMARY KEY (ticket_id, name)
);

-- Read model of slipway.deployments: each deployment as its last event left it (a queued deployment of
-- a branch head names its commit only from VALIDATE on).
CREATE TABLE deployment_view (
    id              UUID          PRIMARY KEY,
    project_id      VARCHAR(32)   NOT NULL,
    environment_id  VARCHAR(32)   NOT NULL,
    commit_id       VARCHAR(40),
    trigger         VARCHAR(16)   NOT NULL,
    state           VARCHAR(16)   NOT NULL,
    phase           VARCHAR(16),
    detail          TEXT,
    ticket_id       UUID,
    ticket_attempt  INT,
    first_seen_at   TIMESTAMPTZ   NOT NULL,
    updated_at      TIMESTAMPTZ   NOT NULL
);
-- DEP-5 and TKT-1's default commit: the last success of an environment.
CREATE INDEX deployment_view_success ON deployment_view (project_id, environment_id, state, updated_at);
CREATE INDEX deployment_view_ticket ON deployment_view (ticket_id);

-- Each step of a ticket's deployment, for its trail.
CREATE TABLE deployment_step (
    id              BIGSERIAL     PRIMARY KEY,
    deployment_id   UUID          NOT NULL,
    state           VARCHAR(16)   NOT NULL,
    phase           VARCHAR(16),
    detail          TEXT,
    at              TIMESTAMPTZ   NOT NULL
);
CREATE INDEX deployment_step_of ON deployment_step (deployment_id, id);

-- Read model of slipway.access: grants made by tickets, and the SSH sessions they let in.
CREATE TABLE grant_view (
    id              UUID          PRIMARY KEY,
    project_id      VARCHAR(32)   NOT NULL,
    environment_id  VARCHAR(32)   NOT NULL,
    user_id         VARCHAR(128)  NOT NULL,
    fingerprint     VARCHAR(128)  NOT NULL,
    expires_at      TIMESTAMPTZ,
    ticket_id       UUID,
    created_at      TIMESTAMPTZ   NOT NULL,
    revoked_at      TIMESTAMPTZ,
    revoked_reason  TEXT
);
CREATE INDEX grant_view_ticket ON grant_view (ticket_id);

CREATE TABLE session_view (
    id              VARCHAR(64)   PRIMARY KEY,
    grant_id        UUID          NOT NULL,
    user_id         VARCHAR(128)  NOT NULL,
    node            INT           NOT NULL,
    client_address  VARCHAR(128),
    opened_at       TIMESTAMPTZ   NOT NULL,
    closed_at       TIMESTAMPTZ,
    close_reason    TEXT,
    duration_millis BIGINT
);
CREATE INDEX session_view_grant ON session_view (grant_id, opened_at);
