#!/bin/sh
# pg_search.sh - ingest, search, show and stats with --pg against a throwaway
# PostgreSQL server: the same exact results as the SQLite store gives for the
# corpus of test/cli/search.sh, output byte-identical to --db, idempotent
# ingest, bad records as FILE:LINE, and the errors of an unreachable server.
# Needs SONGBAD_PG_URL (an empty database): `make pg-test` (test/pg/run.sh)
# sets it; plain `make test` skips this suite.
. test/cli_lib.sh
t_begin cli_pg_search
if [ -z "${SONGBAD_PG_URL:-}" ]; then
    echo "cli_pg_search: skipped (no SONGBAD_PG_URL; make pg-test runs it)"
    t_end
    exit 0
fi
PY=/usr/bin/python3
PG=$SONGBAD_PG_URL
DB=$TMP/t.db
N=test/data/search_news.jsonl

expect_out "ingest" "ingest: 4 added, 0 replaced, 0 already present, 0 duplicate content, 0 bad" \
    sh -c "$SB ingest --pg $PG $N | sed 's/;.*//'"
expect_out "re-ingest adds nothing" "ingest: 0 added, 0 replaced, 4 already present, 0 duplicate content, 0 bad" \
    sh -c "$SB ingest --pg $PG $N | sed 's/;.*//'"
expect_out "--update replaces" "ingest: 0 added, 4 replaced, 0 already present, 0 duplicate content, 0 bad" \
    sh -c "$SB ingest --pg $PG --update $N | sed 's/;.*//'"
$SB ingest --db "$DB" "$N" > /dev/null

hits() {
    $SB search --pg "$PG" --json "$@" | $PY -c '
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

# the same output, byte for byte, as the SQLite store (scores too)
same() { # description, search arguments...
    d=$1; shift
    $SB search --db "$DB" "$@" > "$TMP/sq.out" 2>&1
    $SB search --pg "$PG" "$@" > "$TMP/pg.out" 2>&1
    expect_true "same as --db: $d" cmp -s "$TMP/sq.out" "$TMP/pg.out"
}
same "text" -- 'সফর রাজধানীতে'
same "json" --json -- 'Lavrov সফর'
same "limit and offset" --limit 1 --offset 1 -- 'সফর'

# songbad_tsquery (the extension) matches the articles the command line does
PSQL=${PSQL:-psql}
$PSQL -X -q -d "$PG" -c "CREATE EXTENSION IF NOT EXISTS songbad" > /dev/null
sql_ids() { $PSQL -X -q -A -t -d "$PG" -c "SELECT string_agg(id, ' ' ORDER BY id) FROM articles WHERE tsv @@ songbad_tsquery('$1')"; }
cli_ids() { $SB search --pg "$PG" --all --limit 100 -- "$1" | sed -n 's/^ *id: //p' | sort | tr '\n' ' ' | sed 's/ $//'; }
for qa in 'লাভরভ=a1 a4' 'Lavrov=a1 a4' 'title:সফর=a4' '"উত্তর কোরিয়ার"=a2' 'সফর -ঢাকায়=a4' 'বন্দর*=a3'; do
    q=${qa%%=*} want=${qa#*=}
    expect_out "songbad_tsquery: $q" "$want" sql_ids "$q"
    expect_out "the command line: $q" "$want" cli_ids "$q"
done
same "stopwords only" -- 'এবং'
printf 'q1\tলাভরভ\nq2\tবন্দর\nq3\tসফর প্রথম দিনে\n' > "$TMP/topics.tsv"
same "topics, TREC" --topics "$TMP/topics.tsv" --format trec
$SB show --db "$DB" --json a2 > "$TMP/sq.out"
$SB show --pg "$PG" --json a2 > "$TMP/pg.out"
expect_true "show --json: same as --db" cmp -s "$TMP/sq.out" "$TMP/pg.out"
$SB show --db "$DB" a1 > "$TMP/sq.out"
$SB show --pg "$PG" a1 > "$TMP/pg.out"
expect_true "show: same as --db" cmp -s "$TMP/sq.out" "$TMP/pg.out"

expect_fail "no match: exit 1" 1 "" $SB search --pg "$PG" 'অমিল'
expect_fail "unterminated quote" 2 "songbad: bad query: unterminated quote (at character 1 of the query)" $SB search --pg "$PG" '"উত্তর'
expect_fail "unknown field" 2 "songbad: bad query: unknown field 'author' (title, lead, body, caption, source)" $SB search --pg "$PG" 'author:x'
expect_fail "only exclusions" 2 "songbad: bad query: a query needs at least one word that is not excluded" $SB search --pg "$PG" -- '-সফর'
expect_fail "query operators are words" 1 "" $SB search --pg "$PG" "AND OR NOT ( ) ^ : ! & | <-> '"
expect_fail "show: unknown id" 1 "songbad: no article with id 'zz'" $SB show --pg "$PG" zz
expect_out "stats" "4 2023-10-18 2024-01-05 3" sh -c "$SB stats --pg $PG --json | $PY -c 'import json,sys; d=json.load(sys.stdin); print(d[\"articles\"], d[\"first_date\"], d[\"last_date\"], d[\"sources\"])'"
expect_out "stats by source" "$($SB stats --db "$DB" | tail -3)" sh -c "$SB stats --pg $PG | tail -3"

# bad records: FILE:LINE, the rest is stored; the same text under another id
printf '%s\n' '{"id": "b1", "body": "নতুন সেতুর উদ্বোধন হয়েছে।"}' '{"id": "b2"}' 'not json' \
    '{"id": "b3", "body": "নতুন সেতুর উদ্বোধন হয়েছে।"}' > "$TMP/bad.jsonl"
expect_fail "bad records reported, exit 3" 3 "songbad: $TMP/bad.jsonl:2: no \"body\"" \
    $SB ingest --pg "$PG" "$TMP/bad.jsonl"
expect_out "good record stored, duplicate content skipped" "ingest: 0 added, 0 replaced, 1 already present, 1 duplicate content, 2 bad" \
    sh -c "$SB ingest --pg $PG $TMP/bad.jsonl 2>/dev/null | sed 's/;.*//'"

# errors: one line, exit status 4 (I/O), no password in the message
BAD="postgresql://songbad:secret@127.0.0.1:1/none?connect_timeout=3"
$SB search --pg "$BAD" x > "$TMP/out" 2> "$TMP/err"; rc=$?
expect_true "unreachable server: exit 4" [ "$rc" = 4 ]
expect_true "unreachable server: one line" [ "$(wc -l < "$TMP/err")" = 1 ]
expect_true "unreachable server: says so" grep -q "^songbad: postgresql://songbad:\*\*\*@127.0.0.1:1/none?connect_timeout=3: cannot connect: " "$TMP/err"
expect_true "no password in the message" sh -c "! grep -q secret $TMP/err"
$SB ingest --pg "$BAD" "$N" > "$TMP/out" 2> "$TMP/err"; rc=$?
expect_true "ingest, unreachable server: exit 4" [ "$rc" = 4 ]
expect_fail "--db and --pg" 2 "songbad: search takes --db DB or --pg URL, not both" $SB search --db "$DB" --pg "$PG" x
EMPTY=$(echo "$PG" | sed 's|/[^/?]*\(?.*\)\{0,1\}$|/postgres|')
expect_fail "no schema: search refuses" 4 "songbad: $EMPTY: no songbad database here" $SB search --pg "$EMPTY" x
# --prune N: with more matches than N, only the articles with the rarer
# word (পিয়ংইয়ং: a2) are ranked and counted; too few for the page: all
pruned_ids() { $SB search --pg $PG "$@" | grep -E '^[0-9]+ result|id:' | sed 's/ *id: //' | tr '\n' ' '; }
expect_out "--prune ranks the rarer word's articles" "a2 1 result " pruned_ids --prune 1 --limit 1 -- পিয়ংইয়ং লাভরভ
expect_out "--prune falls back to every match" "a2 a1 a4 3 results " pruned_ids --prune 1 --limit 3 -- পিয়ংইয়ং লাভরভ
expect_out "no --prune: every match" "a2 3 results " pruned_ids --limit 1 -- পিয়ংইয়ং লাভরভ
expect_fail "--prune 0 is refused" 2 "songbad: --prune needs a positive number, not '0'" $SB search --pg $PG --prune 0 -- লাভরভ
# the stopwords next to a query word count as written (src/query.c,
# W_CONTEXT): the article with the question's wording comes first, and the
# same articles match (last: these two articles would change the rest)
cat > "$TMP/context.jsonl" <<'EOF2'
{"id": "many", "body": "সংঘর্ষে দুজন আহত হন। পুলিশ জানায়, আহত দুজনকে হাসপাতালে নেওয়া হয়েছে। আহত ব্যক্তিরা এখন শঙ্কামুক্ত।"}
{"id": "worded", "body": "জমি নিয়ে বিরোধের জেরে সংঘর্ষে উভয় পক্ষে আহত হয়েছেন আটজন।"}
EOF2
$SB ingest --pg "$PG" "$TMP/context.jsonl" > /dev/null
expect_out "a word alone: the article that repeats it first" "many worded 2 results " \
    pruned_ids --limit 2 -- আহত
expect_out "the question's wording: the article that has it first" "worded many 2 results " \
    pruned_ids --limit 2 -- 'উভয় পক্ষে আহত হয়েছেন কতজন?'

# term lists (songbad optimize --pg): lists of one article for each lexeme
# in more than one; a query of such words (--prune 1: any) is ranked from
# them. 777 (no stem, no key) is in three articles: its list keeps n2, the
# one it weighs most in, and an article added after the lists is found too
cat > "$TMP/num.jsonl" <<'EOF2'
{"id": "n1", "body": "মহাসড়কের ৭৭৭ নম্বর খুঁটির পাশে একটি গাছ পড়ে আছে।"}
{"id": "n2", "body": "৭৭৭ নম্বর বাসটি আজ ছাড়েনি। ৭৭৭ নম্বরের যাত্রীরা অপেক্ষায়।"}
{"id": "n3", "body": "বাজারে চালের দাম কেজিতে ৭৭৭ পয়সা বেড়েছে বলে ব্যবসায়ীরা জানান।"}
EOF2
$SB ingest --pg "$PG" "$TMP/num.jsonl" > /dev/null
expect_out "optimize --pg --json" '{"terms":23,"per_term":1}' \
    sh -c "$SB optimize --pg $PG --per-term 1 --json | sed 's/,\"seconds\":[0-9.]*//'"
scored() { $SB search --pg $PG "$@" | grep -E '^[0-9]+\. |^[0-9]+ result' | sed 's/^[0-9]*\. *//' | tr '\n' ' '; }
expect_out "every match ranked" "n2  (score 18.47) n1  (score 12.57) n3  (score 10.81) 3 results " \
    scored --prune 100000 -- 777
expect_out "ranked from the lists: the listed article, its score as above" "n2  (score 18.47) 1 result " \
    scored --prune 1 -- 777
expect_out "a search of common words from the lists, as without them" \
    "$($SB search --pg $PG --prune 100000 --limit 2 -- Lavrov সফর)" $SB search --pg $PG --prune 1 --limit 2 -- Lavrov সফর
echo '{"id": "n4", "body": "নতুন তালিকায় ৭৭৭ জনের নাম উঠেছে।"}' > "$TMP/num4.jsonl"
$SB ingest --pg "$PG" "$TMP/num4.jsonl" > /dev/null
expect_out "an article added after the lists is a candidate too" "n2  (score 15.67) n4  (score 11.78) 2 results " \
    scored --prune 1 -- 777
# a "phrase" from the lists: the listed articles of its words (n2 for both
# ৭৭৭ and নম্বর) that hold it, with the scores of the usual way, when they
# are as many as the hits asked for; else the usual way: two asked for, or
# a phrase none of them holds (নম্বর খুঁটির is n1's alone)
expect_out "a phrase, the usual way" "n2  (score 6.26) n1  (score 4.45) 2 results " \
    scored --prune 100000 -- '"৭৭৭ নম্বর"'
expect_out "a phrase from the lists: the listed article, its score as above" "n2  (score 6.26) 1 result " \
    scored --prune 1 --limit 1 -- '"৭৭৭ নম্বর"'
expect_out "a phrase, fewer listed matches than asked for: the usual way" \
    "n2  (score 6.26) n1  (score 4.45) 2 results " scored --prune 1 --limit 2 -- '"৭৭৭ নম্বর"'
expect_out "a phrase its words' lists do not hold: the usual way" "n1  (score 5.90) 1 result " \
    scored --prune 1 --limit 1 -- '"নম্বর খুঁটির"'
expect_out "a phrase and a word, from the lists as without" \
    "$($SB search --pg $PG --prune 100000 --limit 1 -- '"৭৭৭ নম্বর" বাসটি')" \
    $SB search --pg $PG --prune 1 --limit 1 -- '"৭৭৭ নম্বর" বাসটি'
# every word in more articles than --prune allows: only the articles with
# both of the two rarest (শিমুল in 2, বকুল in 3) are ranked, as on SQLite
# (songbad_prune_clauses; the rarest alone would rank p1 and p7). With a
# source, so that the search takes no term lists.
cat > "$TMP/trees.jsonl" <<'EOF2'
{"id": "p1", "body": "অমলতাস বকুল শিমুল", "source": "গাছ"}
{"id": "p2", "body": "অমলতাস ফোটে", "source": "গাছ"}
{"id": "p3", "body": "অমলতাস ঝরে", "source": "গাছ"}
{"id": "p4", "body": "অমলতাস বকুল", "source": "গাছ"}
{"id": "p5", "body": "অমলতাস হলুদ", "source": "গাছ"}
{"id": "p6", "body": "বকুল", "source": "গাছ"}
{"id": "p7", "body": "শিমুল", "source": "গাছ"}
{"id": "p8", "body": "অমলতাস গাছ", "source": "গাছ"}
EOF2
$SB ingest --pg "$PG" "$TMP/trees.jsonl" > /dev/null
$SB ingest --db "$TMP/trees.db" "$TMP/trees.jsonl" > /dev/null
expect_out "--prune, every word over: the two rarest, both" "p1 1 result " \
    pruned_ids --prune 1 --limit 1 --source গাছ -- অমলতাস বকুল শিমুল
expect_out "the same on SQLite" "p1 1 result " sh -c "$SB search --db $TMP/trees.db --prune 1 \
    --limit 1 --source গাছ -- অমলতাস বকুল শিমুল | grep -E '^[0-9]+ result|id:' | sed 's/ *id: //' | tr '\n' ' '"
expect_fail "optimize: --db and --pg" 2 "songbad: optimize takes --db DB or --pg URL, not both" \
    $SB optimize --db "$DB" --pg "$PG"
expect_fail "optimize: no schema" 4 "songbad: $EMPTY: no songbad database here" $SB optimize --pg "$EMPTY"

t_end
