#!/bin/sh
# bench/pg_knownitem.sh [DATA_DIR] - the known-item protocol of
# ../shared/tools/anchors (its make_topics.py and score.py) on three engines
# in one run: songbad on SQLite (--db), songbad on PostgreSQL (--pg, a
# throwaway PostgreSQL 15 server) and PostgreSQL's own `simple`
# configuration (to_tsvector('simple', body), the headline's words ORed,
# ts_rank), and ts_rank alone on songbad's lexemes. Prints MRR@10 and recall@100 of each for the full-headline and
# the three-word topics. A benchmark, not a test. Needs root (su postgres).
set -eu
cd "$(dirname "$0")/.."
TOP=$(pwd)
ANCHORS=${ANCHORS:-$TOP/../shared/tools/anchors}
DATA=${1:-$TOP/../shared/data}
SB=${SONGBAD:-$TOP/build/songbad}
. test/pg/lib.sh
[ "$(id -u)" = 0 ] || { echo "pg_knownitem: needs root (su $PGUSER_OS)" >&2; exit 2; }
[ -x "$SB" ] || make -s build/songbad

DIR=$(pg_tmpdir)
PORT=$(pg_free_port)
trap 'pg_down "$DIR" immediate; rm -rf "$DIR"' EXIT INT TERM
pg_init "$DIR"
pg_up "$DIR" "$PORT"
pg_psql "$PORT" postgres "CREATE DATABASE ki"
URL=$(pg_url "$PORT" ki)
W=$DIR/work
mkdir -p "$W"
chmod 755 "$DIR" # psql's \copy reads as root; the server reads nothing here

cat "$DATA"/bn-news-*/articles.jsonl > "$W/news.jsonl"
python3 "$ANCHORS/make_topics.py" "$W/news.jsonl" "$W/ki"

t0=$(date +%s.%N)
"$SB" ingest --quiet --db "$W/ki.db" "$W/ki/docs.jsonl"
t1=$(date +%s.%N)
"$SB" ingest --quiet --pg "$URL" "$W/ki/docs.jsonl"
t2=$(date +%s.%N)
echo "ingest: sqlite $(echo "$t1 - $t0" | bc) s, postgresql $(echo "$t2 - $t1" | bc) s" | sed 's/ \./ 0./g'

# PostgreSQL `simple`: the same documents and topics, in SQL only
python3 - "$W/ki/docs.jsonl" "$W/simple.tsv" <<'PY'
import json, sys
esc = lambda s: s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
with open(sys.argv[2], "w", encoding="utf-8") as out:
    for line in open(sys.argv[1], encoding="utf-8"):
        d = json.loads(line)
        out.write(esc(str(d["id"])) + "\t" + esc(d["body"]) + "\n")
PY
pg_psql "$PORT" ki "CREATE TABLE simple_docs(id text, body text)"
"$PG_BIN/psql" -X -q -h 127.0.0.1 -p "$PORT" -U postgres -d ki -c "\\copy simple_docs FROM '$W/simple.tsv'"
pg_psql "$PORT" ki "ALTER TABLE simple_docs ADD tsv tsvector;
  UPDATE simple_docs SET tsv = to_tsvector('simple', body);
  CREATE INDEX ON simple_docs USING gin(tsv); CREATE TABLE topics(qid text, q text)"

run_simple() { # topics file -> TREC run on stdout
    pg_psql "$PORT" ki "TRUNCATE topics" >/dev/null
    "$PG_BIN/psql" -X -q -h 127.0.0.1 -p "$PORT" -U postgres -d ki \
        -c "\\copy topics FROM '$1' WITH (FORMAT text)" >/dev/null
    pg_psql "$PORT" ki "SET client_min_messages = error;
      SELECT t.qid || ' Q0 ' || d.id || ' ' || d.rank || ' ' || round(d.score::numeric, 4) || ' pgsimple'
      FROM topics t,
      LATERAL (SELECT nullif(replace(plainto_tsquery('simple', t.q)::text, ' & ', ' | '), '')::tsquery AS q) x,
      LATERAL (SELECT id, ts_rank(tsv, x.q) AS score,
                      row_number() OVER (ORDER BY ts_rank(tsv, x.q) DESC, id) AS rank
               FROM simple_docs WHERE tsv @@ x.q ORDER BY score DESC, id LIMIT 100) d"
}

# ts_rank alone on songbad's own lexemes (the extension's `bengali`
# configuration gives the same ones), without the re-ranking of --pg
run_tsrank() { # topics file -> TREC run on stdout
    pg_psql "$PORT" ki "SET client_min_messages = error;
      SELECT t.qid || ' Q0 ' || d.id || ' ' || d.rank || ' ' || round(d.score::numeric, 4) || ' tsrank'
      FROM topics t,
      LATERAL (SELECT nullif(replace(plainto_tsquery('bengali', t.q)::text, ' & ', ' | '), '')::tsquery AS q) x,
      LATERAL (SELECT id, ts_rank('{0.25, 0.375, 0.375, 1.0}', tsv, x.q, 1) AS score,
                      row_number() OVER (ORDER BY ts_rank('{0.25, 0.375, 0.375, 1.0}', tsv, x.q, 1) DESC, seq) AS rank
               FROM articles WHERE tsv @@ x.q ORDER BY score DESC, seq LIMIT 100) d"
}
engines="sqlite pg simple"
pg_psql "$PORT" ki "CREATE EXTENSION songbad" >/dev/null 2>&1 && engines="$engines tsrank" ||
    echo "(the songbad extension is not installed: no ts_rank-only line)"

for t in full short; do
    T=$W/ki/topics.$t.tsv
    "$SB" search --db "$W/ki.db" --topics "$T" --format trec --limit 100 > "$W/sqlite.$t.trec"
    s0=$(date +%s.%N)
    "$SB" search --pg "$URL" --topics "$T" --format trec --limit 100 > "$W/pg.$t.trec"
    s1=$(date +%s.%N)
    run_simple "$T" > "$W/simple.$t.trec" # (this also loads the topics table)
    case $engines in *tsrank) run_tsrank > "$W/tsrank.$t.trec" ;; esac
    for e in $engines; do
        echo "knownitem-$t $e: $(python3 "$ANCHORS/score.py" "$W/ki/qrels.tsv" "$W/$e.$t.trec")"
    done
    echo "knownitem-$t pg search time: $(echo "$s1 - $s0" | bc | sed 's/^\./0./') s for $(wc -l < "$T") queries"
done
