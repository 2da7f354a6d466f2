-- CFG-3: an approved configuration digest is stored as deployment-service computes and names it,
-- 'sha256:' and 64 hex digits (71 characters); digests stored bare before take the same form.
ALTER TABLE environment ALTER COLUMN approved_config_digest TYPE VARCHAR(80);
UPDATE environment SET approved_config_digest = 'sha256:' || approved_config_digest WHERE approved_config_digest ~ '^[0-9a-f]{64}$';
