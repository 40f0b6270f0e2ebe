#!/bin/sh
# test/pg/run.sh - builds and installs the PostgreSQL extension (ext/postgres),
# starts a throwaway PostgreSQL 15 server on a free loopback port (initdb into a
# temporary folder, run as the postgres user), runs the pg_regress suites and
# stops the server; then the CLI's --pg tests (test/cli/pg_*.sh) on the same
# server and the three-server sharding test (test/pg/shard.sh). Needs root
# (make install, su postgres). Each suite prints "NAME: P/T passed".
set -eu
cd "$(dirname "$0")/../.."
TOP=$(pwd)
PG_CONFIG=${PG_CONFIG:-/usr/lib/postgresql/15/bin/pg_config}
[ -x "$PG_CONFIG" ] || PG_CONFIG=pg_config
BINDIR=$("$PG_CONFIG" --bindir)
PGUSER_OS=${PGUSER_OS:-postgres}

if [ "$(id -u)" != 0 ]; then
    echo "pg-test: needs root (make install into PostgreSQL, su $PGUSER_OS)" >&2
    exit 2
fi
id "$PGUSER_OS" >/dev/null 2>&1 || { echo "pg-test: no user $PGUSER_OS (apt-get install postgresql-15)" >&2; exit 2; }

make -s -C ext/postgres PG_CONFIG="$PG_CONFIG"
make -s -C ext/postgres install PG_CONFIG="$PG_CONFIG" >/dev/null

DIR=$(mktemp -d /tmp/songbad-pg.XXXXXX)
chown "$PGUSER_OS" "$DIR"
chmod 700 "$DIR"
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')

as_pg() { su -s /bin/sh "$PGUSER_OS" -c "$1"; }
cleanup() {
    as_pg "'$BINDIR/pg_ctl' -D '$DIR/data' -m immediate stop" >/dev/null 2>&1 || true
    rm -rf "$DIR"
}
trap cleanup EXIT INT TERM

as_pg "'$BINDIR/initdb' -D '$DIR/data' -U postgres -E UTF8 --locale=C.UTF-8 -A trust" >"$DIR/initdb.log" 2>&1 ||
    { cat "$DIR/initdb.log" >&2; exit 1; }
as_pg "'$BINDIR/pg_ctl' -D '$DIR/data' -l '$DIR/server.log' -w -o \"-p $PORT -k $DIR -c listen_addresses=127.0.0.1\" start" >/dev/null ||
    { cat "$DIR/server.log" >&2; exit 1; }

# pg_regress writes results/ and regression.* next to the suites.
status=0
make -C ext/postgres installcheck PG_CONFIG="$PG_CONFIG" PGPORT="$PORT" PGHOST="$DIR" PGUSER=postgres \
    >"$DIR/regress.log" 2>&1 || status=$?
cat "$DIR/regress.log"
if [ "$status" != 0 ] && [ -f ext/postgres/regression.diffs ]; then
    head -200 ext/postgres/regression.diffs
fi
summary=$(grep -E '^ *(All [0-9]+ tests passed|[0-9]+ of [0-9]+ tests failed)' "$DIR/regress.log" | tail -1 || true)
case "$summary" in
*"All "*) total=$(echo "$summary" | sed -E 's/.*All ([0-9]+) tests.*/\1/'); passed=$total ;;
*" of "*) failed=$(echo "$summary" | sed -E 's/^ *([0-9]+) of.*/\1/')
          total=$(echo "$summary" | sed -E 's/.* of ([0-9]+) tests.*/\1/')
          passed=$((total - failed)) ;;
*) passed=0; total=0 ;;
esac
echo "pg_regress: $passed/$total passed"
[ "$status" = 0 ] && [ "$total" -gt 0 ] || failed_suites=1

# The CLI on PostgreSQL: each test/cli/pg_*.sh gets an empty database on
# this server in SONGBAD_PG_URL.
SONGBAD=${SONGBAD:-build/songbad}
PSQL="$BINDIR/psql"
export SONGBAD PSQL
for t in test/cli/pg_*.sh; do
    [ -f "$t" ] || continue
    db=$(basename "$t" .sh)
    "$BINDIR/psql" -X -q -h 127.0.0.1 -p "$PORT" -U postgres -d postgres -c "CREATE DATABASE $db" ||
        { failed_suites=1; continue; }
    SONGBAD_PG_URL="postgresql://postgres@127.0.0.1:$PORT/$db" sh "$t" || failed_suites=1
done
# Three servers: a coordinator and two shards (scripts/pg_shard.sh).
sh test/pg/shard.sh || failed_suites=1
[ -z "${failed_suites:-}" ]
