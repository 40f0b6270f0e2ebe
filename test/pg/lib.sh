# test/pg/lib.sh - throwaway PostgreSQL 15 servers for the tests and
# benchmarks, sourced by test/pg/*.sh, scripts/pg_shard.sh and bench/pg_*.sh.
# Servers run as the postgres OS user from folders under one temporary
# folder, listen on 127.0.0.1 only and trust local connections.
PG_CONFIG=${PG_CONFIG:-/usr/lib/postgresql/15/bin/pg_config}
[ -x "$PG_CONFIG" ] || PG_CONFIG=pg_config
PG_BIN=$("$PG_CONFIG" --bindir)
PGUSER_OS=${PGUSER_OS:-postgres}

as_pg() { su -s /bin/sh "$PGUSER_OS" -c "$1"; }

# pg_free_port: an unused loopback port
pg_free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# pg_tmpdir: a fresh folder the postgres user owns
pg_tmpdir() {
    d=$(mktemp -d /tmp/songbad-pg.XXXXXX)
    chown "$PGUSER_OS" "$d"
    chmod 700 "$d"
    echo "$d"
}

# pg_init DIR: initdb into DIR/data (UTF-8, C.UTF-8, trust)
pg_init() {
    as_pg "'$PG_BIN/initdb' -D '$1/data' -U postgres -E UTF8 --locale=C.UTF-8 -A trust" \
        >"$1/initdb.log" 2>&1 || { cat "$1/initdb.log" >&2; return 1; }
}

# pg_up DIR PORT: starts (or restarts) the server of DIR on PORT
pg_up() {
    as_pg "'$PG_BIN/pg_ctl' -D '$1/data' -l '$1/server.log' -w -o \"-p $2 -k $1 -c listen_addresses=127.0.0.1\" start" \
        >/dev/null || { cat "$1/server.log" >&2; return 1; }
}

# pg_down DIR [MODE]: stops it (MODE fast by default; immediate = a crash)
pg_down() {
    as_pg "'$PG_BIN/pg_ctl' -D '$1/data' -m ${2:-fast} -w stop" >/dev/null 2>&1 || true
}

# pg_psql PORT DB SQL: runs SQL, unaligned tuples only, stops at the first error
pg_psql() {
    "$PG_BIN/psql" -X -q -At -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$1" -U postgres -d "$2" -c "$3"
}

# pg_url PORT DB
pg_url() { echo "postgresql://postgres@127.0.0.1:$1/$2"; }
