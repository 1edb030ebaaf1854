#!/usr/bin/env bash
# A streaming read replica of the machine's PostgreSQL on port 5433, for the read-replica test
# (DATABASE_READ_URL). Idempotent: a replica already streaming is left as it is. Needs root (it edits the
# primary's pg_hba.conf for replication connections from 127.0.0.1, and runs pg_basebackup as postgres).
set -euo pipefail
PORT="${REPLICA_PORT:-5433}"
PRIMARY="postgres://postgres@127.0.0.1:5432/postgres"
REPLICA="postgres://postgres@127.0.0.1:${PORT}/postgres"
VERSION="$(ls /etc/postgresql | sort -n | tail -n1)"

if pg_isready -h 127.0.0.1 -p "$PORT" -q 2>/dev/null &&
  [ "$(psql "$REPLICA" -tAc 'select pg_is_in_recovery()' 2>/dev/null)" = "t" ]; then
  echo "read replica: already streaming on port $PORT"
  exit 0
fi

# the primary accepts replication connections from loopback (the test login trusts it already)
HBA="$(psql "$PRIMARY" -tAc 'show hba_file')"
if ! grep -qE '^host\s+replication\s+all\s+127\.0\.0\.1/32' "$HBA"; then
  echo "host replication all 127.0.0.1/32 trust" >>"$HBA"
  psql "$PRIMARY" -qtAc 'select pg_reload_conf()' >/dev/null
fi

# a fresh cluster, emptied and filled from the primary by pg_basebackup (-R writes standby.signal)
if pg_lsclusters -h | awk '{print $2}' | grep -qx replica; then
  pg_ctlcluster --skip-systemctl-redirect "$VERSION" replica stop 2>/dev/null || true
  pg_dropcluster "$VERSION" replica
fi
pg_createcluster "$VERSION" replica -p "$PORT" >/dev/null
DATA="/var/lib/postgresql/$VERSION/replica"
rm -rf "${DATA:?}"/*
su postgres -c "pg_basebackup -h 127.0.0.1 -p 5432 -U postgres -D '$DATA' -R -X stream -c fast"
cp "/etc/postgresql/$VERSION/main/pg_hba.conf" "/etc/postgresql/$VERSION/replica/pg_hba.conf"
pg_ctlcluster --skip-systemctl-redirect "$VERSION" replica start
for _ in $(seq 1 30); do pg_isready -h 127.0.0.1 -p "$PORT" -q 2>/dev/null && break; sleep 1; done
[ "$(psql "$REPLICA" -tAc 'select pg_is_in_recovery()')" = "t" ] || {
  echo "read replica on port $PORT is not in recovery" >&2
  exit 1
}
echo "read replica: streaming on port $PORT"
