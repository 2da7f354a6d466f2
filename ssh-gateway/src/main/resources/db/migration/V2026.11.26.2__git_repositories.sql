-- SSH-4: the projects' git repositories hosted by the gateway.
CREATE TABLE git_repository (
    project_id      VARCHAR(32)  PRIMARY KEY,
    name            VARCHAR(64)  NOT NULL UNIQUE,
    default_branch  VARCHAR(255) NOT NULL,
    created_at      TIMESTAMPTZ  NOT NULL
);
