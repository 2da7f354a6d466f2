-- DEP-7: a deactivated or deleted environment's releases and data are removed once nothing of it
-- runs any more; until then its queue waits, so a re-activation never deploys onto what goes away.
CREATE TABLE environment_removal (
    project_id      VARCHAR(32)  NOT NULL,
    environment_id  VARCHAR(32)  NOT NULL,
    requested_at    TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (project_id, environment_id)
);
