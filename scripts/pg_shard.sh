#!/bin/sh
# scripts/pg_shard.sh - three PostgreSQL 15 servers on loopback ports: one
# coordinator and two shards, with the songbad extension on each. On the
# coordinator, database `news` holds a table `articles` PARTITION BY HASH (id)
# whose two partitions are postgres_fdw foreign tables on the shards; the
# side tables songbad_terms, songbad_corpus and songbad_meta stay on the
# coordinator (`songbad ingest --pg` creates them). Load and search with
#   songbad ingest --pg "$(scripts/pg_shard.sh url DIR)" PATH...
#   songbad search --pg "$(scripts/pg_shard.sh url DIR)" QUERY
# Usage (as root; servers run as the postgres user):
#   pg_shard.sh up DIR        initdb + start + set up (DIR must not exist)
#   pg_shard.sh url DIR       the coordinator's URL
#   pg_shard.sh stop DIR N    stop server N (0 coordinator, 1-2 shards) at once
#   pg_shard.sh start DIR N   start it again
#   pg_shard.sh down DIR      stop all three and remove DIR
# The extension must be installed (make -C ext/postgres install).
set -eu
cd "$(dirname "$0")/.."
. test/pg/lib.sh

# The shards' tables: the columns of cli/backend_pg.c's `articles`; seq has
# no default here (the coordinator numbers rows from its own sequence).
shard_sql() { # table name
    cat <<EOF
CREATE EXTENSION IF NOT EXISTS songbad;
CREATE TABLE $1(
 id text PRIMARY KEY, seq bigint NOT NULL, content_hash text NOT NULL,
 headline text, lead text, body text NOT NULL, captions text, byline text,
 agencies text, source text, date text, url text, category text, lang text,
 extra text, original text,
 len_headline int NOT NULL, len_lead int NOT NULL, len_body int NOT NULL,
 len_captions int NOT NULL, tsv tsvector NOT NULL, source_tsv tsvector);
CREATE INDEX ON $1 USING gin(tsv);
CREATE INDEX ON $1(content_hash);
CREATE INDEX ON $1(date);
CREATE INDEX ON $1(source);
EOF
}

coordinator_sql() { # shard ports
    cat <<EOF
CREATE EXTENSION IF NOT EXISTS songbad;
CREATE EXTENSION IF NOT EXISTS postgres_fdw;
CREATE SEQUENCE songbad_seq;
CREATE TABLE articles(
 id text NOT NULL, seq bigint NOT NULL DEFAULT nextval('songbad_seq'),
 content_hash text NOT NULL,
 headline text, lead text, body text NOT NULL, captions text, byline text,
 agencies text, source text, date text, url text, category text, lang text,
 extra text, original text,
 len_headline int NOT NULL, len_lead int NOT NULL, len_body int NOT NULL,
 len_captions int NOT NULL, tsv tsvector NOT NULL, source_tsv tsvector)
 PARTITION BY HASH (id);
EOF
    n=0
    for port in "$@"; do
        n=$((n + 1))
        cat <<EOF
CREATE SERVER shard$n FOREIGN DATA WRAPPER postgres_fdw
 OPTIONS (host '127.0.0.1', port '$port', dbname 'news', async_capable 'true', fetch_size '1000');
CREATE USER MAPPING FOR postgres SERVER shard$n OPTIONS (user 'postgres');
CREATE FOREIGN TABLE articles_s$n PARTITION OF articles
 FOR VALUES WITH (MODULUS $#, REMAINDER $((n - 1)))
 SERVER shard$n OPTIONS (table_name 'articles_s$n');
EOF
    done
}

cmd=${1:-}
DIR=${2:-}
[ -n "$DIR" ] || { sed -n '2,18p' "$0" >&2; exit 2; }
case "$cmd" in
up)
    [ "$(id -u)" = 0 ] || { echo "pg_shard: needs root (su $PGUSER_OS)" >&2; exit 2; }
    [ ! -e "$DIR" ] || { echo "pg_shard: $DIR exists" >&2; exit 2; }
    mkdir -p "$DIR"
    chown "$PGUSER_OS" "$DIR"
    chmod 711 "$DIR"
    ports=""
    for n in 0 1 2; do
        mkdir "$DIR/$n"
        chown "$PGUSER_OS" "$DIR/$n"
        chmod 700 "$DIR/$n"
        port=$(pg_free_port)
        echo "$port" > "$DIR/port$n"
        pg_init "$DIR/$n"
        pg_up "$DIR/$n" "$port"
        pg_psql "$port" postgres "CREATE DATABASE news" >/dev/null
        [ "$n" = 0 ] || { ports="$ports $port"; shard_sql "articles_s$n" | pg_psql "$port" news "$(cat)" >/dev/null; }
    done
    # shellcheck disable=SC2086
    coordinator_sql $ports | pg_psql "$(cat "$DIR/port0")" news "$(cat)" >/dev/null
    ;;
url) pg_url "$(cat "$DIR/port0")" news ;;
stop) pg_down "$DIR/$3" immediate ;;
start) pg_up "$DIR/$3" "$(cat "$DIR/port$3")" ;;
down)
    for n in 0 1 2; do [ -d "$DIR/$n" ] && pg_down "$DIR/$n" immediate; done
    rm -rf "$DIR"
    ;;
*) sed -n '2,18p' "$0" >&2; exit 2 ;;
esac
