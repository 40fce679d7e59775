#!/usr/bin/env bash
# Start a local PostgreSQL for the tests that prove the same code runs on PostgreSQL.
# Installs Debian's server when missing; prints the URL for VISITATIE_TEST_POSTGRES_URL.
set -euo pipefail
if ! command -v pg_ctlcluster >/dev/null; then
  apt-get update -q >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >&2
fi
version=$(ls /usr/lib/postgresql | sort -n | tail -1)
if ! pg_lsclusters -h | grep -q .; then
  pg_createcluster "$version" main >&2
fi
cluster=$(pg_lsclusters -h | head -1 | awk '{print $1" "$2}')
pg_ctlcluster $cluster start >&2 || true
port=$(pg_lsclusters -h | head -1 | awk '{print $3}')
su postgres -c "psql -p $port -tc \"SELECT 1 FROM pg_roles WHERE rolname='visitatie'\"" | grep -q 1 \
  || su postgres -c "psql -p $port -c \"CREATE ROLE visitatie LOGIN PASSWORD 'visitatie' CREATEDB\"" >&2
echo "postgresql+psycopg://visitatie:visitatie@127.0.0.1:$port/postgres"
