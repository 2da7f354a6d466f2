-- CFG-3: the configuration digest each deployment validated, and the digests that approved
-- DEPLOYMENT_SETTINGS tickets allow on Staging and Production.
ALTER TABLE deployment ADD COLUMN config_digest VARCHAR(80);
CREATE INDEX deployment_succeeded_commits ON deployment (project_id, environment_id, commit_sha) WHERE state = 'SUCCEEDED';

CREATE TABLE approved_config (
    project_id      VARCHAR(32)  NOT NULL,
    environment_id  VARCHAR(32)  NOT NULL,
    digest          VARCHAR(80)  NOT NULL,
    ticket_id       VARCHAR(64)  NOT NULL,
    approved_at     TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (project_id, environment_id, digest)
);
