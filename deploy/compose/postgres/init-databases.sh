#!/usr/bin/env bash
# Runs once, on an empty data volume (the postgres image's /docker-entrypoint-initdb.d): one database
# per service, owned by a login role of the same name that only it can connect to. Passwords come
# from the environment (compose.yaml); their defaults are for a laptop only.
set -euo pipefail

for db in contract sip transition gateway; do
  var="${db^^}_DB_PASSWORD"
  password="${!var:?$var is not set}"
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
       -v name="$db" -v password="$password" <<'SQL'
create role :"name" login password :'password';
create database :"name" owner :"name";
revoke all on database :"name" from public;
SQL
done
