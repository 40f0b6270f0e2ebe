#!/bin/sh
# robust_kill.sh - SIGKILL during ingest at 20 random points: after each kill
# the database passes PRAGMA integrity_check, and a rerun of the same ingest
# leaves every valid article of the corpus in it exactly once (the bad
# records of the corpus never). SONGBAD_KILL_SEED=N repeats a run.
. test/cli_lib.sh
t_begin robust_kill
SQL="$HOST_ENV sqlite3"
FTS_CHECK="INSERT INTO fts(fts) VALUES('integrity-check'); SELECT 'ok'"
EXT=$(dirname "$SB")/songbad
seed=${SONGBAD_KILL_SEED:-$(od -An -N2 -tu2 /dev/urandom | tr -d ' ')}
echo "robust_kill: seed $seed"

# 1,600 valid articles (batches of 1,000, --batch, are committed as they
# fill) and three bad records among them
awk -v N=400 -f test/fault/corpus.awk test/data/search_news.jsonl > "$TMP/c.jsonl"
{ head -n 1000 "$TMP/c.jsonl"; echo '{"id": "bad1", "title": "no body"}'
  sed -n '1001,2000p' "$TMP/c.jsonl"; echo '{"id": "bad2", "body": '
  echo '{"id": "bad3", "body": 12}'; sed -n '2001,$p' "$TMP/c.jsonl"; } > "$TMP/corpus.jsonl"
sed -E 's/^\{"id": "([^"]*)".*/\1/' "$TMP/c.jsonl" | sort > "$TMP/want.ids"

now() { date +%s.%N; }
DB=$TMP/news.db
t0=$(now)
$SB ingest --quiet --batch 1000 --db "$DB" "$TMP/corpus.jsonl" 2>/dev/null
expect_out "a whole run: exit status 3 (bad records)" 3 echo $?
span=$(echo "$t0 $(now)" | awk '{ printf "%.3f", $2 - $1 }')
echo "robust_kill: a whole ingest takes $span s"

# the kill times, spread over the run
awk -v s="$seed" -v span="$span" 'BEGIN { srand(s); for (i = 0; i < 20; i++) printf "%.3f\n", rand() * span }' > "$TMP/delays"
n=0
while read -r d; do
    n=$((n + 1))
    rm -f "$DB" "$DB-wal" "$DB-shm"
    $SB ingest --quiet --batch 1000 --db "$DB" "$TMP/corpus.jsonl" >/dev/null 2>&1 &
    pid=$!
    sleep "$d"
    kill -9 "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    if [ -f "$DB" ]; then
        expect_out "kill $n at ${d}s: integrity_check" ok $SQL "$DB" 'PRAGMA integrity_check'
        # killed before the schema was created (in one transaction): no index
        if [ "$($SQL "$DB" "SELECT count(*) FROM sqlite_master WHERE name = 'fts'")" = 1 ]; then
            expect_out "kill $n at ${d}s: the index matches the articles" ok \
                $SQL -cmd ".load $EXT" "$DB" "$FTS_CHECK"
        else
            expect_out "kill $n at ${d}s: no schema, no tables at all" 0 \
                $SQL "$DB" "SELECT count(*) FROM sqlite_master"
        fi
    else
        expect_true "kill $n at ${d}s: no database yet" true
        expect_true "kill $n at ${d}s: no index yet" true
    fi
    $SB ingest --quiet --db "$DB" "$TMP/corpus.jsonl" >/dev/null 2>&1
    rc=$?
    $SQL "$DB" 'SELECT id FROM articles' 2>/dev/null | sort > "$TMP/got.ids"
    expect_true "kill $n at ${d}s: after a rerun (exit $rc) every article once" \
        sh -c "[ $rc = 3 ] && cmp -s $TMP/got.ids $TMP/want.ids"
done < "$TMP/delays"
expect_out "the index matches the articles" ok $SQL -cmd ".load $EXT" "$DB" "$FTS_CHECK"
t_end
