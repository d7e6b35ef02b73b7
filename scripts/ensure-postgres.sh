#!/usr/bin/env bash
# Makes sure a local PostgreSQL server answers on 127.0.0.1:5432 and prints a DATABASE_URL for a fresh database
# named $1. Starts an installed but stopped Debian cluster; installs Debian's postgresql when none is installed.
set -euo pipefail
name=${1:?usage: ensure-postgres.sh DATABASE_NAME}
host=127.0.0.1
user=${PGUSER:-postgres}

ready() { pg_isready -h "$host" -p 5432 -q 2>/dev/null; }

if ! ready; then
  if ! command -v pg_ctlcluster >/dev/null 2>&1; then
    echo "ensure-postgres: installing Debian's postgresql" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2 && apt-get install -y -qq postgresql >&2
  fi
  version=$(ls /etc/postgresql | sort -V | tail -n 1)
  pg_ctlcluster --skip-systemctl-redirect "$version" main start >&2 || true
  for _ in $(seq 1 30); do ready && break; sleep 1; done
  ready || { echo "ensure-postgres: PostgreSQL does not answer on $host:5432" >&2; exit 1; }
fi

# Trust auth for local TCP is this machine kind's setup; a fresh Debian install needs it for the test user.
if ! psql -h "$host" -U "$user" -d postgres -Atqc 'select 1' >/dev/null 2>&1; then
  su postgres -c "psql -Atqc \"DO \\\$\\\$ BEGIN CREATE ROLE $user SUPERUSER LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END \\\$\\\$\"" >&2 || true
fi
psql -h "$host" -U "$user" -d postgres -Atqc "DROP DATABASE IF EXISTS \"$name\" WITH (FORCE)" >&2
psql -h "$host" -U "$user" -d postgres -Atqc "CREATE DATABASE \"$name\"" >&2
echo "postgres://$user@$host:5432/$name"
