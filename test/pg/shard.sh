#!/bin/sh
# test/pg/shard.sh - the three-server test (scripts/pg_shard.sh): a corpus
# loaded through the coordinator gives the same top 10 on 20 queries as the
# same corpus on one server; with a shard down every search fails with a
# clear error (never partial results); restarted, the results are whole
# again. Run by test/pg/run.sh (make pg-test), as root, after the extension
# is installed. CORPUS (files or folders for songbad ingest) defaults to the
# articles of the repository. Last line: "pg_shard: P/T passed".
set -u
cd "$(dirname "$0")/../.."
. test/pg/lib.sh
SB=${SONGBAD:-build/songbad}
CORPUS=${CORPUS:-"$(echo test/golden/articles/*.txt) samples/articles test/data/search_news.jsonl"}
W=$(mktemp -d)
chmod 711 "$W" # the postgres user passes through to the servers' folders
S=$W/servers
PASS=0
TOTAL=0
check() { # ok?, description
    TOTAL=$((TOTAL + 1))
    if [ "$1" = 0 ]; then PASS=$((PASS + 1)); else echo "FAIL: $2" >&2; fi
}
finish() {
    sh scripts/pg_shard.sh down "$S" >/dev/null 2>&1
    rm -rf "$W"
}
trap finish EXIT INT TERM

sh scripts/pg_shard.sh up "$S" || { echo "pg_shard: 0/1 passed"; exit 1; }
COORD=$(sh scripts/pg_shard.sh url "$S")
PORT0=$(cat "$S/port0")
pg_psql "$PORT0" postgres "CREATE DATABASE single" >/dev/null
SINGLE=$(pg_url "$PORT0" single)

# shellcheck disable=SC2086
"$SB" ingest --quiet --pg "$COORD" $CORPUS > "$W/ingest.sharded" 2>&1
check $? "ingest through the coordinator: $(cat "$W/ingest.sharded")"
# shellcheck disable=SC2086
"$SB" ingest --quiet --pg "$SINGLE" $CORPUS > "$W/ingest.single" 2>&1
check $? "ingest into one server: $(cat "$W/ingest.single")"
n0=$(pg_psql "$PORT0" news "SELECT count(*) FROM articles")
n1=$(pg_psql "$(cat "$S/port1")" news "SELECT count(*) FROM articles_s1")
n2=$(pg_psql "$(cat "$S/port2")" news "SELECT count(*) FROM articles_s2")
ns=$(pg_psql "$PORT0" single "SELECT count(*) FROM articles")
check "$([ "$n0" = "$ns" ] && [ $((n1 + n2)) = "$n0" ] && [ "$n1" -gt 0 ] && [ "$n2" -gt 0 ]; echo $?)" \
    "rows on both shards: $n1 + $n2 = $n0 (one server: $ns)"

# 20 queries: two words of each of the first 20 headlines, and the first
# word alone (a query that matches many articles)
pg_psql "$PORT0" single "SELECT headline FROM articles WHERE headline IS NOT NULL ORDER BY seq LIMIT 20" |
    awk '{ if (NR % 2) print "q" NR "\t" $1 " " $2; else print "q" NR "\t" $1 }' > "$W/topics.tsv"
check "$([ "$(wc -l < "$W/topics.tsv")" = 20 ]; echo $?)" "20 queries"
"$SB" search --pg "$SINGLE" --topics "$W/topics.tsv" --format trec --limit 10 > "$W/single.trec" 2>&1
check $? "search one server"
"$SB" search --pg "$COORD" --topics "$W/topics.tsv" --format trec --limit 10 > "$W/sharded.trec" 2>&1
check $? "search the sharded table"
check "$(cmp -s "$W/single.trec" "$W/sharded.trec"; echo $?)" "same top 10 sharded and single ($(wc -l < "$W/sharded.trec") lines)"
check "$([ "$(cut -d' ' -f1 "$W/sharded.trec" | sort -u | wc -l)" = 20 ]; echo $?)" "every query finds articles"
# term lists are for one server's table: the sharded one is refused, by name
"$SB" optimize --pg "$COORD" > "$W/out" 2> "$W/err"
check "$([ $? = 4 ] && grep -q 'term lists are not made for a partitioned (sharded) articles table' "$W/err"; echo $?)" \
    "optimize on the sharded table: refused ($(cat "$W/err"))"

# a shard down: an error that says which, exit status 4, nothing on stdout
sh scripts/pg_shard.sh stop "$S" 2
"$SB" search --pg "$COORD" --limit 10 "$(head -1 "$W/topics.tsv" | cut -f2)" > "$W/out" 2> "$W/err"
rc=$?
check "$([ "$rc" = 4 ]; echo $?)" "shard down: exit 4 (got $rc)"
check "$([ ! -s "$W/out" ]; echo $?)" "shard down: no partial results"
check "$(grep -q 'could not connect to server "shard2"' "$W/err"; echo $?)" "shard down: says which: $(cat "$W/err")"
"$SB" search --pg "$COORD" --topics "$W/topics.tsv" --format trec --limit 10 > "$W/out" 2> "$W/err"
check "$([ $? = 4 ] && [ ! -s "$W/out" ]; echo $?)" "shard down: topics fail whole"

# restarted: full results again
sh scripts/pg_shard.sh start "$S" 2
"$SB" search --pg "$COORD" --topics "$W/topics.tsv" --format trec --limit 10 > "$W/again.trec" 2>&1
check "$(cmp -s "$W/single.trec" "$W/again.trec"; echo $?)" "shard back: same top 10 again"
echo "pg_shard: $PASS/$TOTAL passed"
[ "$PASS" = "$TOTAL" ]
