#!/bin/sh
# bench/pg_bench.sh [DATA_DIR] [QUERIES] - PostgreSQL figures on the dev
# corpus (bn-news-articles + bn-news-scraped): GIN index build time and query
# latency p50/p99 for the `bengali` configuration (the songbad extension) and
# `simple`, on one server and on the sharded set-up of scripts/pg_shard.sh
# (a coordinator and two postgres_fdw shards), plus `songbad search --pg`
# (client-side lexemes and re-ranking) on both. A benchmark, not a test:
# it prints figures. Needs root (su postgres) and the extension installed.
# Queries: the three-word known-item topics (make_topics.py), their words
# ORed (plainto_tsquery with & turned into |), ts_rank, top 10.
set -eu
cd "$(dirname "$0")/.."
TOP=$(pwd)
ANCHORS=${ANCHORS:-$TOP/../shared/tools/anchors}
DATA=${1:-$TOP/../shared/data}
NQ=${2:-500}
SB=${SONGBAD:-$TOP/build/songbad}
. test/pg/lib.sh
[ "$(id -u)" = 0 ] || { echo "pg_bench: needs root (su $PGUSER_OS)" >&2; exit 2; }

W=$(mktemp -d)
chmod 711 "$W"
S=$W/servers
trap 'sh scripts/pg_shard.sh down "$S" >/dev/null 2>&1; rm -rf "$W"' EXIT INT TERM
sh scripts/pg_shard.sh up "$S"
P0=$(cat "$S/port0") P1=$(cat "$S/port1") P2=$(cat "$S/port2")

cat "$DATA"/bn-news-*/articles.jsonl > "$W/news.jsonl"
python3 "$ANCHORS/make_topics.py" "$W/news.jsonl" "$W/ki" >/dev/null
head -n "$NQ" "$W/ki/topics.short.tsv" > "$W/topics.tsv"
python3 - "$W/news.jsonl" "$W/docs.tsv" <<'PY'
import json, sys
esc = lambda s: s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
with open(sys.argv[2], "w", encoding="utf-8") as out:
    for line in open(sys.argv[1], encoding="utf-8"):
        d = json.loads(line)
        out.write(esc(str(d["id"])) + "\t" + esc((d.get("title") or "") + "\n\n" + d["body"]) + "\n")
PY
chmod 644 "$W/docs.tsv" "$W/topics.tsv"
psql_f() { "$PG_BIN/psql" -X -q -At -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$1" -U postgres -d "$2" -c "$3"; }

COLS="id text, body text, tsv_bengali tsvector, tsv_simple tsvector"
# one server: database `single` on the coordinator's server
psql_f "$P0" postgres "CREATE DATABASE single" >/dev/null
psql_f "$P0" single "CREATE EXTENSION songbad; CREATE TABLE docs($COLS); CREATE TABLE topics(qid text, q text)"
# sharded: docs on the coordinator, hash-partitioned over the two shards
for n in 1 2; do psql_f "$(cat "$S/port$n")" news "CREATE TABLE docs_s$n($COLS)"; done
psql_f "$P0" news "CREATE TABLE docs($COLS) PARTITION BY HASH (id);
  CREATE FOREIGN TABLE docs_s1 PARTITION OF docs FOR VALUES WITH (MODULUS 2, REMAINDER 0) SERVER shard1;
  CREATE FOREIGN TABLE docs_s2 PARTITION OF docs FOR VALUES WITH (MODULUS 2, REMAINDER 1) SERVER shard2;
  CREATE TABLE topics(qid text, q text)"
for db in single news; do
    psql_f "$P0" "$db" "\\copy docs(id, body) FROM '$W/docs.tsv'"
    psql_f "$P0" "$db" "\\copy topics FROM '$W/topics.tsv'"
done
t() { python3 -c 'import time; print(time.time())'; }
secs() { python3 -c "import sys; print('%.2f' % (float(sys.argv[2]) - float(sys.argv[1])))" "$1" "$2"; }

# lexemes: computed on each server for its rows
psql_f "$P0" single "UPDATE docs SET tsv_bengali = to_tsvector('bengali', body), tsv_simple = to_tsvector('simple', body)"
for n in 1 2; do
    psql_f "$(cat "$S/port$n")" news "UPDATE docs_s$n SET tsv_bengali = to_tsvector('bengali', body), tsv_simple = to_tsvector('simple', body)" &
done
wait
echo "corpus: $(psql_f "$P0" single "SELECT count(*) || ' articles, ' || round(sum(octet_length(body)) / 1e6, 1) || ' MB' FROM docs")"

# GIN index build: one server; the two shards build theirs at the same time
for cfg in bengali simple; do
    a=$(t); psql_f "$P0" single "CREATE INDEX docs_$cfg ON docs USING gin(tsv_$cfg)"; b=$(t)
    for n in 1 2; do psql_f "$(cat "$S/port$n")" news "CREATE INDEX docs_s${n}_$cfg ON docs_s$n USING gin(tsv_$cfg)" & done
    wait; c=$(t)
    size=$(psql_f "$P0" single "SELECT pg_size_pretty(pg_relation_size('docs_$cfg'))")
    echo "GIN build $cfg: one server $(secs "$a" "$b") s ($size); sharded $(secs "$b" "$c") s"
done
psql_f "$P0" single "ANALYZE docs"
for n in 1 2; do psql_f "$(cat "$S/port$n")" news "ANALYZE docs_s$n"; done
# the coordinator's statistics of the foreign partitions: without them the
# planner does not send ORDER BY ... LIMIT to the shards
psql_f "$P0" news "ANALYZE docs"

# query latency: each topic timed on the server where it is run (for the
# sharded table: the coordinator, fan-out and merge included)
# the queries are parsed beforehand, so a tsquery constant reaches the shards
LAT="ALTER TABLE topics ADD IF NOT EXISTS q_bengali tsquery, ADD IF NOT EXISTS q_simple tsquery;
UPDATE topics SET q_bengali = nullif(replace(plainto_tsquery('bengali', q)::text, ' & ', ' | '), '')::tsquery,
  q_simple = nullif(replace(plainto_tsquery('simple', q)::text, ' & ', ' | '), '')::tsquery;
CREATE OR REPLACE FUNCTION bench(col text) RETURNS text LANGUAGE plpgsql AS \$\$
DECLARE r record; t0 timestamptz; ms float8[] := '{}'; n int;
BEGIN
  FOR r IN EXECUTE format('SELECT q_%s AS q FROM topics WHERE q_%s IS NOT NULL', col, col) LOOP
    t0 := clock_timestamp();
    EXECUTE format('SELECT count(*) FROM (SELECT id FROM docs WHERE tsv_%s @@ \$1'
      ' ORDER BY ts_rank(tsv_%s, \$1) DESC LIMIT 10) s', col, col) INTO n USING r.q;
    ms := ms || extract(epoch FROM clock_timestamp() - t0) * 1000;
  END LOOP;
  RETURN (SELECT format('p50 %s ms, p99 %s ms',
    round(percentile_cont(0.5) WITHIN GROUP (ORDER BY m)::numeric, 2),
    round(percentile_cont(0.99) WITHIN GROUP (ORDER BY m)::numeric, 2)) FROM unnest(ms) m);
END \$\$"
for db in single news; do
    psql_f "$P0" "$db" "$LAT"
    psql_f "$P0" "$db" "SET client_min_messages = error; SELECT bench('simple')" >/dev/null # warm-up
    for cfg in bengali simple; do
        echo "query $cfg, $([ $db = single ] && echo 'one server' || echo 'sharded'): $NQ queries, $(psql_f "$P0" "$db" "SET client_min_messages = error; SELECT bench('$cfg')")"
    done
done

# the songbad CLI on both set-ups: ingest, then the same topics, per query
psql_f "$P0" postgres "CREATE DATABASE cli" >/dev/null
for target in "$(pg_url "$P0" cli)" "$(pg_url "$P0" news)"; do
    name=$(case "$target" in */cli) echo "one server" ;; *) echo "sharded" ;; esac)
    a=$(t); "$SB" ingest --quiet --pg "$target" "$W/news.jsonl"; b=$(t)
    "$SB" search --pg "$target" --topics "$W/topics.tsv" --format trec --limit 10 >/dev/null; c=$(t)
    echo "songbad --pg, $name: ingest $(secs "$a" "$b") s; search $(python3 -c "print('%.1f' % (($c - $b) * 1000 / $NQ))") ms a query (mean, client included)"
done
