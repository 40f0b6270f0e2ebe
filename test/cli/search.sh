#!/bin/sh
# search.sh - ingest, search, show, stats, dups and the SQLite extension on a
# small corpus of our own (test/data/search_news.jsonl), with exact results.
. test/cli_lib.sh
t_begin cli_search
PY=/usr/bin/python3
DB=$TMP/t.db
EXT=$(dirname "$SB")/songbad
N=test/data/search_news.jsonl

expect_out "ingest" "ingest: 4 added, 0 replaced, 0 already present, 0 duplicate content, 0 bad" \
    sh -c "$SB ingest --db $DB $N | sed 's/;.*//'"
expect_out "re-ingest adds nothing" "ingest: 0 added, 0 replaced, 4 already present, 0 duplicate content, 0 bad" \
    sh -c "$SB ingest --db $DB $N | sed 's/;.*//'"
expect_out "--update replaces" "ingest: 0 added, 4 replaced, 0 already present, 0 duplicate content, 0 bad" \
    sh -c "$SB ingest --db $DB --update $N | sed 's/;.*//'"

# ids and highlight spans of a query, as "id:start-end,..." per hit
hits() {
    $SB search --db "$DB" --json "$@" | $PY -c '
import json, sys
for d in map(json.loads, sys.stdin):
    print(d["id"] + ":" + ",".join("%d-%d" % tuple(h) for h in d["snippet"]["highlights"]))'
}
expect_out "exact word, and its spelling with ya-phala" "a1:22-37
a4:59-80" hits -- 'লাভরভ'
expect_out "Latin finds both Bengali spellings" "a4:59-80
a1:22-37" hits -- 'Lavrov'
expect_out "stem: সফর finds সফরের" "a4:107-116
a1:114-129" hits -- 'সফর'
expect_out "ASCII digits find Bengali digits" "a1:38-44" hits -- '18'
expect_out "phrase" "a2:0-15,16-40" hits -- '"উত্তর কোরিয়ার"'
expect_out "prefix" "a3:0-18" hits -- 'বন্দর*'
expect_out "excluded word" "a4:107-116" hits -- 'সফর -ঢাকায়'
expect_out "field" "a4:107-116" hits -- 'title:সফর'
expect_out "source field" "a2:" hits -- 'source:রয়টার্স'
expect_out "date range" "a2:41-68
a4:107-116" hits --from 2023-10-19 --to 2023-12-31 -- 'সফর রাজধানীতে'
expect_out "source filter" "a1:114-129,130-145
a4:107-116" hits --source এএফপি -- 'সফর প্রথম'
# the highlighted bytes are the original words
expect_out "highlight is the original text" "ল্যাভরভ" sh -c "$SB search --db $DB --json Lavrov | head -1 | $PY -c 'import json,sys; d=json.load(sys.stdin); print(d[\"snippet\"][\"text\"].encode()[59:80].decode())'"
expect_fail "no match: exit 1" 1 "" $SB search --db "$DB" 'অমিল'
expect_fail "unterminated quote" 2 "songbad: bad query: unterminated quote (at character 1 of the query)" $SB search --db "$DB" '"উত্তর'
expect_fail "unknown field" 2 "songbad: bad query: unknown field 'author' (title, lead, body, caption, source)" $SB search --db "$DB" 'author:x'
expect_fail "only exclusions" 2 "songbad: bad query: a query needs at least one word that is not excluded" $SB search --db "$DB" -- '-সফর'
expect_fail "FTS5 syntax is not an SQL error" 1 "" $SB search --db "$DB" 'AND OR NOT ( ) ^ :'

# batch mode for evaluation
printf 'q1\tলাভরভ\nq2\tবন্দর\n' > "$TMP/topics.tsv"
expect_out "topics, TREC format" "q1 Q0 a1 1
q1 Q0 a4 2
q2 Q0 a3 1" sh -c "$SB search --db $DB --topics $TMP/topics.tsv --format trec | cut -d' ' -f1-4"

expect_out "show --json keeps other fields" '["trade"]' sh -c "$SB show --db $DB --json a2 | $PY -c 'import json,sys; print(json.dumps(json.load(sys.stdin)[\"extra\"][\"tags\"]))'"
expect_fail "show: unknown id" 1 "songbad: no article with id 'zz'" $SB show --db "$DB" zz
expect_out "stats" "4 2023-10-18 2024-01-05 3" sh -c "$SB stats --db $DB --json | $PY -c 'import json,sys; d=json.load(sys.stdin); print(d[\"articles\"], d[\"first_date\"], d[\"last_date\"], d[\"sources\"])'"

# the SQLite extension answers the same query from the sqlite3 shell and Python
Q="লাভরভ"
SQL="SELECT a.id FROM fts JOIN articles a ON a.rowid = fts.rowid WHERE fts MATCH songbad_query('$Q') ORDER BY songbad_rank(fts, songbad_query_weights('$Q'), 4.0, 2.0, 1.0, 1.5, 0.5) DESC"
expect_out "sqlite3 shell + extension" "a1
a4" $HOST_ENV sqlite3 "$DB" ".load $EXT" "$SQL"
expect_out "Python sqlite3 + extension" "a1 a4" $HOST_ENV $PY -c "
import sqlite3
c = sqlite3.connect('$DB'); c.enable_load_extension(True); c.load_extension('$EXT')
print(' '.join(r[0] for r in c.execute(\"\"\"$SQL\"\"\")))"
# songbad_rank_top(fts, keep, counter, ...): the best keep rows score as with
# songbad_rank; a row that cannot be among them (here a4, read after a1)
# gets the upper bound of its score instead (0.2117 >= 0.1632, < 3.2308)
Q2="লাভরভ কিম"
rank_list() { # the scoring call -> "id|score ..." in score order
    $HOST_ENV sqlite3 "$DB" ".load $EXT" "SELECT group_concat(id || '|' || s, ' ') FROM
      (SELECT a.id, round($1, 4) AS s FROM fts JOIN articles a ON a.rowid = fts.rowid
       WHERE fts MATCH songbad_query('$Q2') ORDER BY s DESC, a.id)"
}
expect_out "songbad_rank scores every row" "a1|3.2308 a4|0.1632" \
    rank_list "songbad_rank(fts, songbad_query_weights('$Q2'), 4.0, 2.0, 1.0, 1.5, 0.5)"
expect_out "songbad_rank_top passes over what cannot be kept" "a1|3.2308 a4|0.2117" \
    rank_list "songbad_rank_top(fts, 1, NULL, songbad_query_weights('$Q2'), 4.0, 2.0, 1.0, 1.5, 0.5)"
expect_out "songbad_rank_top with room for both" "a1|3.2308 a4|0.1632" \
    rank_list "songbad_rank_top(fts, 2, NULL, songbad_query_weights('$Q2'), 4.0, 2.0, 1.0, 1.5, 0.5)"
expect_out "extension functions" "18|lvrv|sofor" $HOST_ENV sqlite3 "$DB" ".load $EXT" "SELECT songbad_normalize('১৮'), songbad_key('ল্যাভরভ'), songbad_romanize('সফর')"
expect_out "extension: ISO 15919" "saphara|bāṁlādēśa" $HOST_ENV sqlite3 "$DB" ".load $EXT" "SELECT songbad_romanize_iso('সফর'), songbad_romanize_iso('বাংলাদেশ')"

# near-duplicates: a wire copy with a changed headline and a word cut is
# folded into the best-ranked copy (w2: the query word is in its headline)
$PY - "$TMP/dup.jsonl" <<'PY'
import json, sys
body = "বন্যায় সিলেটের তিন উপজেলার অন্তত দুই লাখ মানুষ পানিবন্দী হয়ে পড়েছেন। " \
       "জেলা প্রশাসন জানিয়েছে, আশ্রয়কেন্দ্রগুলোতে খাবার ও বিশুদ্ধ পানি পাঠানো হচ্ছে। " \
       "নদীর পানি বিপৎসীমার ওপর দিয়ে প্রবাহিত হচ্ছে এবং আগামী দুই দিন ভারী বৃষ্টির আশঙ্কা রয়েছে।"
with open(sys.argv[1], "w", encoding="utf-8") as f:
    f.write(json.dumps({"id": "w1", "title": "সিলেটে বন্যা", "body": body}, ensure_ascii=False) + "\n")
    f.write(json.dumps({"id": "w2", "title": "সিলেটে বন্যা, পানিবন্দী দুই লাখ", "body": body.replace("অন্তত ", "")}, ensure_ascii=False) + "\n")
PY
$SB ingest --db "$DB" "$TMP/dup.jsonl" > /dev/null
expect_out "duplicates folded" "w2 1" sh -c "$SB search --db $DB --json পানিবন্দী | $PY -c 'import json,sys; [print(d[\"id\"], d[\"duplicates\"]) for d in map(json.loads, sys.stdin)]'"
expect_out "--all shows both" "2" sh -c "$SB search --db $DB --all --json পানিবন্দী | wc -l"
expect_out "dups lists the group" "w1 w2" sh -c "$SB dups --db $DB --json | $PY -c 'import json,sys; print(\" \".join(d[\"id\"] for d in map(json.loads, sys.stdin)))'"
# a story republished 40 times: its bands hold more articles than the check
# reads (the first and the last 8 of each), and every copy still joins the
# first's group
$PY - "$TMP/wire.jsonl" <<'PY'
import json, sys
body = "নদীর পানি বিপৎসীমার ওপর দিয়ে প্রবাহিত হচ্ছে এবং আগামী দুই দিন ভারী বৃষ্টির আশঙ্কা রয়েছে। " \
       "জেলা প্রশাসন জানিয়েছে, আশ্রয়কেন্দ্রগুলোতে খাবার ও বিশুদ্ধ পানি পাঠানো হচ্ছে।"
with open(sys.argv[1], "w", encoding="utf-8") as f:
    for i in range(40):
        f.write(json.dumps({"id": "c%d" % i, "title": "বন্যা", "body": body + " প্রতিবেদন %d।" % (100 + i)},
                           ensure_ascii=False) + "\n")
PY
$SB ingest --db "$TMP/wire.db" "$TMP/wire.jsonl" > /dev/null
expect_out "40 copies, one group" "40 1" sh -c "$SB dups --db $TMP/wire.db --json | $PY -c 'import json,sys; g=[d[\"group\"] for d in map(json.loads, sys.stdin)]; print(len(g), len(set(g)))'"
expect_out "bands with more than the 16 read" "39" sqlite3 "$TMP/wire.db" "SELECT max(n) FROM (SELECT count(*) AS n FROM minhash_bands GROUP BY band)"
# --prune N: with more matches than N, only the articles with the rarer
# word (পিয়ংইয়ং: a2) are ranked and counted; too few for the page: all
pruned_ids() { $SB search --db $DB "$@" | grep -E '^[0-9]+ result|id:' | sed 's/ *id: //' | tr '\n' ' '; }
expect_out "--prune ranks the rarer word's articles" "a2 1 result " pruned_ids --prune 1 --limit 1 -- পিয়ংইয়ং লাভরভ
expect_out "--prune falls back to every match" "a1 a2 a4 3 results " pruned_ids --prune 1 --limit 3 -- পিয়ংইয়ং লাভরভ
expect_out "no --prune: every match" "a1 3 results " pruned_ids --limit 1 -- পিয়ংইয়ং লাভরভ
expect_fail "--prune 0 is refused" 2 "songbad: --prune needs a positive number, not '0'" $SB search --db $DB --prune 0 -- লাভরভ

# term lists (songbad optimize): on a copy, lists of one article for each
# term in more than one; a query of such words (--prune 1: any) is ranked
# from them, with the scores of the full ranking (test/unit/best_test.c
# checks more)
cp $DB $TMP/opt.db
expect_out "optimize --json" '{"per_term":1}' sh -c "$SB optimize --db $TMP/opt.db --per-term 1 --json | sed 's/\"terms\":[0-9]*,//; s/,\"seconds\":[0-9.]*//'"
expect_out "a search ranked from the lists, as without them" "$($SB search --db $DB --prune 1000000 --limit 2 -- Lavrov সফর)" \
    $SB search --db $TMP/opt.db --prune 1 --limit 2 -- Lavrov সফর
expect_fail "optimize --per-term 0" 2 "songbad: --per-term needs a positive number, not '0'" $SB optimize --db $TMP/opt.db --per-term 0
expect_fail "optimize without --db" 2 "songbad: optimize needs --db DB" $SB optimize
expect_fail "optimize a missing database" 4 "songbad: $TMP/none.db: cannot open: unable to open database file" $SB optimize --db $TMP/none.db

# libpq and libmicrohttpd are loaded when needed: one that cannot be is an
# error naming it (exit 4), before any connection or socket
expect_fail "--pg without libpq" 4 "songbad: cannot load /nonexistent/libpq.so.5 (/nonexistent/libpq.so.5: cannot open shared object file: No such file or directory)" \
    env SONGBAD_LIBPQ=/nonexistent/libpq.so.5 $SB search --pg postgresql://nobody@127.0.0.1:1/none -- লাভরভ
expect_fail "serve without libmicrohttpd" 4 "songbad: cannot load /nonexistent/libmicrohttpd.so (/nonexistent/libmicrohttpd.so: cannot open shared object file: No such file or directory)" \
    env SONGBAD_LIBMICROHTTPD=/nonexistent/libmicrohttpd.so $SB serve --db $DB --port 0
expect_fail "a library without libpq's functions" 4 "songbad: cannot load libsqlite3.so.0: it has no PQclear" \
    env SONGBAD_LIBPQ=libsqlite3.so.0 $SB search --pg postgresql://nobody@127.0.0.1:1/none -- লাভরভ
expect_out "the binary links neither" "0" sh -c "ldd ${SONGBAD_VALGRIND_BIN:-$SB} | grep -cE 'libpq|libmicrohttpd' || true"

t_end
