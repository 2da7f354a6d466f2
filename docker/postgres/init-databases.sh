#!/bin/sh
# Runs once, when the postgres image initialises an empty data folder (docker-entrypoint-initdb.d):
# one database per service (SPEC §1), each owned by a role of its own that the service logs in as.
# The password is SLIPWAY_DB_PASSWORD from the compose environment; nothing here is secret.
set -eu
for pair in slipway_environment:environment_service slipway_deployment:deployment_service \
            slipway_ticket:ticket_service slipway_gateway:ssh_gateway; do
  database=${pair%%:*}
  owner=${pair#*:}
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
       --set owner="$owner" --set database="$database" --set password="$SLIPWAY_DB_PASSWORD" <<'SQL'
CREATE ROLE :"owner" LOGIN PASSWORD :'password';
CREATE DATABASE :"database" OWNER :"owner";
REVOKE ALL ON DATABASE :"database" FROM PUBLIC;
SQL
done
