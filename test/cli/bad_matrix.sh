#!/bin/sh
# bad_matrix.sh - the bad-input matrix: every command that reads outside
# input (normalize, segment, analyze, parse, ingest, search by argument and
# by --topics file) against every kind of bad input. Each cell states the
# exact exit status, the first line of stderr and, where the command
# succeeds, the exact stdout. Every command runs under timeout, so a hang
# fails its cell like a crash does. `serve` gets the same inputs as requests.
. test/cli_lib.sh
t_begin cli_bad_matrix
SQL="$HOST_ENV sqlite3"
DB=$TMP/news.db
$SB ingest --quiet --db "$DB" test/data/search_news.jsonl
BIJOY="looks like Bijoy-encoded Bengali (legacy ASCII font encoding); convert to Unicode first"

# cell DESC CODE STDERR STDOUT CMD... : exit status CODE, first line of stderr
# STDERR ("" = none), stdout STDOUT ("-" = not checked); at most 300 s.
cell() {
    desc=$1; code=$2; want_err=$3; want_out=$4; shift 4
    case $1 in # the row functions below time themselves out
    normalize|segment|analyze|parse|ingest|ingestj|query|topics) "$@" ;;
    *) timeout 300 "$@" ;;
    esac >"$TMP/out" 2>"$TMP/err"; rc=$?
    got_err=$(head -n 1 "$TMP/err")
    if [ "$want_out" = - ]; then got_out=-; else got_out=$(cat "$TMP/out"); fi
    if [ "$rc" = "$code" ] && [ "$got_err" = "$want_err" ] && [ "$got_out" = "$want_out" ]; then
        t_result 0 "$desc"
    else
        t_result 1 "$desc: exit $rc (want $code), stderr [$got_err] want [$want_err], stdout [$(head -c 300 "$TMP/out")] want [$want_out]"
    fi
}
# the commands of a row, each on FILE
T="timeout 300"
normalize() { $T $SB normalize "$1"; }
segment() { $T $SB segment --unit word "$1"; }
analyze() { $T $SB analyze "$1"; }
parse() { $T $SB parse "$1"; }
ingest() { rm -f "$TMP/in.db" "$TMP/in.db-wal" "$TMP/in.db-shm"; $T $SB ingest --quiet --db "$TMP/in.db" --format text "$1"; }
ingestj() { rm -f "$TMP/in.db" "$TMP/in.db-wal" "$TMP/in.db-shm"; $T $SB ingest --quiet --db "$TMP/in.db" "$1"; }
query() { $T $SB search --db "$DB" -- "$(cat "$1")"; } # the file as the query
topics() { printf 'q1\t' > "$TMP/q.tsv"; cat "$1" >> "$TMP/q.tsv"; echo >> "$TMP/q.tsv"
           $T $SB search --db "$DB" --topics "$TMP/q.tsv"; }
# A row of invalid UTF-8: FILE, the offset of the bad byte, its name.
bad_row() {
    f=$TMP/$1; at=$2
    for c in normalize segment analyze parse ingest query; do
        w="songbad: $f: invalid UTF-8 at byte $at"
        [ $c = query ] && w="songbad: query: invalid UTF-8 at byte $at"
        cell "$1 x $c" 3 "$w" "" $c "$f"
    done
    cell "$1 x topics" 3 "songbad: $TMP/q.tsv: invalid UTF-8 at byte $((at + 3))" "" topics "$f"
}

# ---- invalid UTF-8 of each kind ----
printf 'ab\200cd\n' > "$TMP/stray"               # a stray continuation byte
printf 'ab\300\257cd\n' > "$TMP/overlong"        # "/" in two bytes
printf 'x\355\240\200y\n' > "$TMP/surrogate"     # U+D800
printf '\364\220\200\200\n' > "$TMP/above"       # U+110000
printf 'বাংলা\340\246' > "$TMP/truncated"         # the file ends inside a sequence
printf 'caf\351 na\357ve\n' > "$TMP/latin1"      # Latin-1, not UTF-8
bad_row stray 2
bad_row overlong 2
bad_row surrogate 1
bad_row above 0
bad_row truncated 15
bad_row latin1 3

# ---- UTF-16 with a byte order mark (বাং in UTF-16LE) ----
f=$TMP/utf16
printf '\377\376\254\011\276\011\202\011' > "$f"
U16="UTF-16 text (byte order mark FF FE); convert it to UTF-8 first"
for c in normalize segment analyze parse; do cell "utf16 x $c" 3 "songbad: $f: $U16" "" $c "$f"; done
cell "utf16 x ingest" 3 "songbad: $f: $U16" "" ingest "$f"
cell "utf16 x query" 3 "songbad: query: invalid UTF-8 at byte 0" "" query "$f"
cell "utf16 x topics" 3 "songbad: $TMP/q.tsv: invalid UTF-8 at byte 3" "" topics "$f"

# ---- NUL bytes: data, kept (JSON: \u0000) ----
f=$TMP/nul
printf 'ভালো\000শব্দ\n' > "$f"
cell "nul x normalize" 0 "" "$(printf 'ভালো\000শব্দ')" normalize "$f"
cell "nul x segment" 0 "" "ভালো
শব্দ" segment "$f"
cell "nul x analyze" 0 "" "$(printf '0\t0-12\tbengali\tভালো\tstem=ভাল\tkey=vla\n1\t13-25\tbengali\tশব্দ\tkey=sbd')" analyze "$f"
cell "nul x parse" 0 "" "$(printf 'lead\t0-25\tভালো\000শব্দ')" parse "$f"
cell "nul x parse --json" 0 "" - $SB parse --json "$f"
expect_out "nul x parse --json: kept as \\u0000" 1 sh -c "grep -c 'ভালো.u0000শব্দ' $TMP/out"
cell "nul x ingest" 0 "" "" ingest "$f"
cell "nul x ingest: stored whole" 0 "" 26 $SQL "$TMP/in.db" 'SELECT length(CAST(original AS BLOB)) FROM articles'
# an argument cannot hold NUL; a topics line with one is reported, not cut
cell "nul x topics" 3 "songbad: $TMP/q.tsv:1: NUL byte in the line" "" topics "$f"

# ---- Bijoy: Bengali in a legacy ASCII font encoding ----
f=$TMP/bijoy
printf 'miKvi Rvwb\342\200\241q\342\200\241Q, bZzb \342\200\240mZz AvMvgx gv\342\200\241m Ly\342\200\241j \342\200\240`Iqv n\342\200\241e|\n' > "$f"
cell "bijoy x normalize" 0 "songbad: $f: warning: $BIJOY" - normalize "$f"
cell "bijoy x segment" 0 "songbad: $f: warning: $BIJOY" - segment "$f"
cell "bijoy x analyze" 0 "songbad: $f: warning: $BIJOY" - analyze "$f"
cell "bijoy x parse" 0 "songbad: $f: warning: $BIJOY" - parse "$f"
# a warning, and the article is stored as given (convert it, then --update)
cell "bijoy x ingest" 0 "songbad: $f: warning: $BIJOY" "" ingest "$f"
cell "bijoy x query" 0 "songbad: query: warning: $BIJOY" - query "$f"
cell "bijoy x topics" 0 "songbad: $TMP/q.tsv: warning: $BIJOY" - topics "$f"
# saved as Windows-1252, as such files usually are: not UTF-8, named
f=$TMP/bijoy1252
iconv -f UTF-8 -t WINDOWS-1252 "$TMP/bijoy" > "$f"
for c in normalize segment analyze parse; do cell "bijoy1252 x $c" 3 "songbad: $f: $BIJOY" "" $c "$f"; done
cell "bijoy1252 x ingest" 3 "songbad: $f: warning: $BIJOY" "" ingest "$f"
cell "bijoy1252 x query" 3 "songbad: query: invalid UTF-8 at byte 10" "" query "$f"
cell "bijoy1252 x topics" 3 "songbad: $TMP/q.tsv: $BIJOY" "" topics "$f"
# English and romanized Bengali are not Bijoy
printf 'The river rose above the danger mark overnight, and several villages were flooded.\n' > "$TMP/english"
cell "english x normalize: no warning" 0 "" - normalize "$TMP/english"
printf 'ami banglay kotha boli, tumi kothay thako?\n' > "$TMP/roman"
cell "romanized x normalize: no warning" 0 "" - normalize "$TMP/roman"

# ---- an empty file ----
f=$TMP/empty
: > "$f"
for c in normalize segment analyze parse; do cell "empty x $c" 0 "" "" $c "$f"; done
cell "empty x ingest" 3 "songbad: $f: empty file" "" ingest "$f"
cell "empty x query" 2 "songbad: search needs a query" "" query "$f"
cell "empty x topics" 3 "songbad: $TMP/q.tsv:1: the query has no words to search for" "" topics "$f"

# ---- unterminated quotes ----
f=$TMP/quote
printf 'লাভরভ "সফর\n' > "$f"
cell "quote x normalize" 0 "" 'লাভরভ "সফর' normalize "$f"
cell "quote x query" 2 "songbad: bad query: unterminated quote (at character 17 of the query)" "" query "$f"
cell "quote x topics" 3 "songbad: $TMP/q.tsv:1: unterminated quote (at character 17 of the query)" "" topics "$f"
cell "lone quote x query" 2 "songbad: bad query: unterminated quote (at character 1 of the query)" "" $SB search --db "$DB" '"'

# ---- 10,000-word queries, and one too long to search (40,000 words) ----
awk 'BEGIN { for (i = 0; i < 10000; i++) printf "ক%d ", i; print "লাভরভ" }' > "$TMP/q10k"
cell "10,000 words x query" 0 "" "a1
a4" sh -c "$SB search --db $DB -- \"\$(cat $TMP/q10k)\" | sed -n 's/^ *id: //p'"
cell "10,000 words x topics" 0 "" "q1 Q0 a1 1 0.0002 songbad
q1 Q0 a4 2 0.0000 songbad" topics "$TMP/q10k"
awk 'BEGIN { for (i = 0; i < 40000; i++) printf "শব্দ%d ", i; print "" }' > "$TMP/q40k"
cell "a 700 KB query x topics" 3 "songbad: $TMP/q.tsv:1: the query is too long (708890 bytes; at most 256 KB)" "" topics "$TMP/q40k"

# ---- JSON Lines records: parse --jsonl, analyze --jsonl, ingest ----
jrow() { # NAME PARSE_AND_INGEST_ERR ANALYZE_ERR: each a bad record (exit 3)
    f=$TMP/$1.jsonl
    cell "$1 x parse --jsonl" 3 "songbad: $f:1: $2" "" $SB parse --jsonl "$f"
    cell "$1 x analyze --jsonl" 3 "songbad: $f:1: ${3:-$2}" - $SB analyze --jsonl --count "$f"
    cell "$1 x ingest" 3 "songbad: $f:1: $2" "" ingestj "$f"
}
awk 'BEGIN { printf "{\"id\":\"n1\",\"body\":\"ভালো\",\"x\":"; for (i = 0; i < 100000; i++) printf "[";
             for (i = 0; i < 100000; i++) printf "]"; print "}" }' > "$TMP/nested.jsonl"
jrow nested "maximum parsing depth reached near '['"
awk 'BEGIN { printf "{\"id\":\"h1\",\"title\":\"বড়\",\"body\":\""; for (i = 0; i < 1200000; i++) printf "লাইন\\n"; print "\"}" }' > "$TMP/lines.jsonl"
cell "1.2 million lines x parse --jsonl" 3 "songbad: $TMP/lines.jsonl:1: \"body\" has more than 1000000 lines" "" $SB parse --jsonl "$TMP/lines.jsonl"
cell "1.2 million lines x analyze --jsonl (no line limit)" 0 "" '{"records":1,"bytes":15600009,"tokens":1200001,"terms":2400002,"skipped":0}' $SB analyze --jsonl --count "$TMP/lines.jsonl"
cell "1.2 million lines x ingest" 3 "songbad: $TMP/lines.jsonl:1: \"body\" has more than 1000000 lines" "" ingestj "$TMP/lines.jsonl"
if [ -z "$SONGBAD_SKIP_HUGE" ]; then
awk 'BEGIN { printf "{\"id\":\"h2\",\"title\":\"বড়\",\"body\":\""; for (i = 0; i < 800000; i++) printf "বাংলাদেশ "; print "\"}" }' > "$TMP/big.jsonl"
cell "20 MB record x parse --jsonl" 0 "" - $SB parse --jsonl "$TMP/big.jsonl"
cell "20 MB record x analyze --jsonl" 0 "" '{"records":1,"bytes":20000009,"tokens":800001,"terms":1600002,"skipped":0}' $SB analyze --jsonl --count "$TMP/big.jsonl"
cell "20 MB record x ingest" 0 "" "" ingestj "$TMP/big.jsonl"
cell "20 MB record x ingest: the body stored whole" 0 "" 20000000 $SQL "$TMP/in.db" 'SELECT length(CAST(original AS BLOB)) FROM articles'
fi
printf '{"id":"j1","body":"ভালো\\u0000শব্দ"}\n' > "$TMP/nul.jsonl"
# analyze --jsonl reads records strictly (test/cli/analyze_jsonl.sh); parse
# and ingest keep \u0000 as data
cell "nul record x analyze --jsonl" 3 "songbad: $TMP/nul.jsonl:1: \\u0000 is not allowed without JSON_ALLOW_NUL" '{"records":0,"bytes":0,"tokens":0,"terms":0,"skipped":1}' $SB analyze --jsonl --count "$TMP/nul.jsonl"
cell "nul record x parse --jsonl" 0 "" - $SB parse --jsonl "$TMP/nul.jsonl"
cell "nul record x ingest" 0 "" "" ingestj "$TMP/nul.jsonl"
printf '{"id":"u1","body":"ভালো\377শব্দ"}\n' > "$TMP/badutf.jsonl"
jrow badutf "invalid UTF-8 at byte 31" "unable to decode byte 0xff near '\"ভালো'"
printf '{"id":"t1","body":"ভালো শব্দ\n' > "$TMP/cut.jsonl"
jrow cut "premature end of input"
printf '[1,2]\n' > "$TMP/array.jsonl"
jrow array "not a JSON object"
printf '{"id":"d1","body":"এক","body":"দুই"}\n' > "$TMP/dupkey.jsonl"
jrow dupkey "duplicate object key near '\"body\"'"
printf '{"id":"b1","title":"শিরোনাম"}\n' > "$TMP/nobody.jsonl"
cell "no body x ingest" 3 "songbad: $TMP/nobody.jsonl:1: no \"body\"" "" ingestj "$TMP/nobody.jsonl"

# ---- a 200 MB single line (normalize and segment: bad_input.sh) ----
if [ -n "$SONGBAD_SKIP_HUGE" ]; then
    echo "skip: the 200 MB line (SONGBAD_SKIP_HUGE)"
else
f=$TMP/huge
yes 'বাংলাদেশ' | head -n 8333334 | tr -d '\n' > "$f"
cell "200 MB x parse: one lead of every byte" 0 "" "lead	0-200000016	
200000034" sh -c "$SB parse $f > $TMP/p && head -c 17 $TMP/p && echo && wc -c < $TMP/p; rm -f $TMP/p"
cell "200 MB x ingest: too big for an article" 3 \
    "songbad: $f: article of 200000016 bytes: more than the 64 MB an article may have" "" ingest "$f"
cell "200 MB x topics: too long for a query" 3 \
    "songbad: $TMP/q.tsv:1: the query is too long (200000016 bytes; at most 256 KB)" "" topics "$f"
rm -f "$f" "$TMP/q.tsv"
fi

# ---- serve ----
# The same bad inputs as q= of /api/search and text= of /api/analyze: each
# gets an exact status and JSON error (never a 500, a hang or a dropped
# connection); the server is still answering after all of them.
$SB serve --db "$DB" --port 0 2>"$TMP/serve.log" &
SPID=$!
SPORT=""; i=0
while [ -z "$SPORT" ] && [ $i -lt 300 ] && kill -0 $SPID 2>/dev/null; do
    SPORT=$(sed -n 's|^songbad: serving .* at http://127\.0\.0\.1:\([0-9]*\)/$|\1|p' "$TMP/serve.log")
    [ -n "$SPORT" ] || sleep 0.1
    i=$((i + 1))
done
/usr/bin/python3 - "$SPORT" "$TMP" > "$TMP/serve_cells" 2>&1 <<'PYEOF'
import http.client, json, sys, urllib.parse
port, tmp = int(sys.argv[1]), sys.argv[2]
def get(path):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    c.request("GET", path)
    r = c.getresponse()
    body = r.read()
    c.close()
    return r.status, body
def cell(desc, path, status, message):
    try:
        st, body = get(path)
        got = json.loads(body)
        ok = st == status and (got.get("error", {}).get("message") == message if message else "error" not in got)
        print(("ok " if ok else "FAIL ") + desc + ("" if ok else ": %d %r" % (st, body[:200])))
    except Exception as e:  # a dropped connection, a timeout, not JSON
        print("FAIL %s: %s" % (desc, e))
def raw(name):
    return open(tmp + "/" + name, "rb").read().rstrip(b"\n")
NOT_TEXT = "parameter '%s' must be UTF-8 text without NUL"
for name in ("stray", "overlong", "surrogate", "above", "truncated", "latin1", "utf16"):
    v = urllib.parse.quote_from_bytes(raw(name))
    cell(name + " x serve search", "/api/search?q=" + v, 400, NOT_TEXT % "q")
    cell(name + " x serve analyze", "/api/analyze?text=" + v, 400, NOT_TEXT % "text")
cell("nul x serve search", "/api/search?q=a%00b", 400, NOT_TEXT % "q")
cell("empty x serve search", "/api/search?q=", 400, "missing parameter 'q'")
cell("unterminated quote x serve search", "/api/search?q=" + urllib.parse.quote('"ঢাকা'), 400,
     "unterminated quote (at character 1 of the query)")
# 10,000 words do not fit the 64 KiB request line: libmicrohttpd's own 414
st, body = get("/api/search?q=" + urllib.parse.quote(open(tmp + "/q10k").read().strip()))
print(("ok " if st == 414 else "FAIL ") + "10,000 words x serve search: 414")
cell("2,000 bytes x serve search", "/api/search?q=" + "a" * 2000, 413, "parameter 'q' is longer than 1000 bytes")
cell("nested JSON x serve analyze", "/api/analyze?text=" + urllib.parse.quote("[" * 5000 + "]" * 5000), 200, None)
cell("bijoy x serve search", "/api/search?q=" + urllib.parse.quote_from_bytes(raw("bijoy")), 200, None)
cell("still answering", "/api/search?q=" + urllib.parse.quote("লাভরভ"), 200, None)
PYEOF
kill -TERM $SPID 2>/dev/null
wait $SPID; src=$?
while read -r verdict rest; do
    if [ "$verdict" = ok ]; then t_result 0 "$rest"; else t_result 1 "$verdict $rest"; fi
done < "$TMP/serve_cells"
expect_true "serve: 22 cells answered" test "$(wc -l < "$TMP/serve_cells")" = 22
expect_true "serve: clean exit after the bad requests" test "$src" = 0

t_end
