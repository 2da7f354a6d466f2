-- DEP-9: a rollback deployment names the earlier deployment whose release it puts back (no build).
ALTER TABLE deployment ADD COLUMN rollback_of UUID;
