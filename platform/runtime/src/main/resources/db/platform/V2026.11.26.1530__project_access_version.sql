-- API-5: members carry an ETag.
ALTER TABLE project_access ADD COLUMN version BIGINT NOT NULL DEFAULT 0;
