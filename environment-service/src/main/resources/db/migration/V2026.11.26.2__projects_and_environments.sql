-- ENV-1: projects and their environments.
CREATE TABLE project (
    id                        VARCHAR(32)  PRIMARY KEY,
    title                     VARCHAR(200) NOT NULL,
    active_environment_limit  INTEGER      NOT NULL CHECK (active_environment_limit BETWEEN 1 AND 50),
    created_by                VARCHAR(200) NOT NULL,
    created_at                TIMESTAMPTZ  NOT NULL,
    version                   BIGINT       NOT NULL DEFAULT 0
);

CREATE TABLE environment (
    project_id   VARCHAR(32)  NOT NULL REFERENCES project (id) ON DELETE CASCADE,
    id           VARCHAR(32)  NOT NULL,
    title        VARCHAR(200) NOT NULL,
    type         VARCHAR(16)  NOT NULL CHECK (type IN ('INTEGRATION', 'STAGING', 'PRODUCTION')),
    status       VARCHAR(16)  NOT NULL CHECK (status IN ('ACTIVE', 'DIRTY', 'INACTIVE', 'DELETING')),
    branch       VARCHAR(255) NOT NULL,
    parent_id    VARCHAR(32),
    created_at   TIMESTAMPTZ  NOT NULL,
    version      BIGINT       NOT NULL DEFAULT 0,
    PRIMARY KEY (project_id, id)
);
-- ENV-5: exactly one Staging and one Production environment per project.
CREATE UNIQUE INDEX environment_one_per_tier ON environment (project_id, type) WHERE type IN ('STAGING', 'PRODUCTION');
