#!/bin/sh
# bench/scale_pg.sh - the PostgreSQL half of the growth curves: installs the
# extension, starts a throwaway PostgreSQL 15 server (test/pg/lib.sh) and
# runs bench/scale_bench.py with SCALE_BACKENDS=pg against it, which writes
# bench/results/scale_pg.md. Sizes as for scale_bench.py (SIZES=...); needs
# root (make install, su postgres). A benchmark, not a test.
set -eu
cd "$(dirname "$0")/.."
. test/pg/lib.sh
[ "$(id -u)" = 0 ] || { echo "scale_pg: needs root (make install, su $PGUSER_OS)" >&2; exit 2; }
make -s build/songbad
make -s -C ext/postgres PG_CONFIG="$PG_CONFIG"
make -s -C ext/postgres install PG_CONFIG="$PG_CONFIG" >/dev/null

DIR=$(pg_tmpdir)
PORT=$(pg_free_port)
trap 'pg_down "$DIR"; rm -rf "$DIR"' EXIT INT TERM
pg_init "$DIR"
# A server sized for a bulk load on this machine; everything else stays at
# PostgreSQL's defaults.
cat >> "$DIR/data/postgresql.conf" <<CONF
shared_buffers = 1GB
maintenance_work_mem = 512MB
max_wal_size = 8GB
CONF
pg_up "$DIR" "$PORT"
chmod 755 "$DIR"
SCALE_PG="postgresql://postgres@127.0.0.1:$PORT" SCALE_BACKENDS=pg \
    PATH="$PG_BIN:$PATH" /usr/bin/python3 bench/scale_bench.py ${SIZES:-10000 100000 1000000}
