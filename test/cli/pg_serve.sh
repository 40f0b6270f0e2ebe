#!/bin/sh
# pg_serve.sh - `songbad serve --pg URL` against a throwaway PostgreSQL
# server: the articles of test/cli/serve_api.sh ingested with --pg and with
# --db, both servers running, and exact JSON for /api/search (the same hits
# as the SQLite server; PostgreSQL folds no near-duplicates), /api/article,
# /api/health and the errors; a 503 while the PostgreSQL server cannot be
# reached (a TCP relay in front of it is stopped) and recovery when it comes
# back; no password in any message. Needs SONGBAD_PG_URL (an empty
# database): `make pg-test` (test/pg/run.sh) sets it; `make test` skips it.
. test/cli_lib.sh
t_begin cli_pg_serve
if [ -z "${SONGBAD_PG_URL:-}" ]; then
    echo "cli_pg_serve: skipped (no SONGBAD_PG_URL; make pg-test runs it)"
    t_end
    exit 0
fi
PY=/usr/bin/python3
PG=$SONGBAD_PG_URL
DB=$TMP/news.db
FILES="test/data/search_news.jsonl test/web/news.jsonl samples/articles/lavrov-dhaka.txt samples/articles/lavrov-dhaka-wire.txt"
expect_out "ingest --pg" "ingest: 9 added, 0 replaced, 0 already present, 0 duplicate content, 0 bad" \
    sh -c "$SB ingest --pg $PG $FILES | sed 's/;.*//'"
$SB ingest --db "$DB" $FILES > /dev/null

# start_server LOG ARGS...: runs the server in the background; sets PID, PORT
start_server() {
    log=$1; shift
    : > "$log"
    $SB serve "$@" --port 0 2>"$log" &
    PID=$!
    PORT=""; i=0
    while [ -z "$PORT" ] && [ $i -lt 300 ] && kill -0 $PID 2>/dev/null; do
        PORT=$(sed -n 's|^songbad: serving .* at http://127\.0\.0\.1:\([0-9]*\)/$|\1|p' "$log")
        [ -n "$PORT" ] || sleep 0.1
        i=$((i + 1))
    done
}
# read_checks FILE: the lines "ok DESC" / "FAIL DESC: why" as results
read_checks() {
    while IFS= read -r line; do
        case "$line" in
        "ok "*) t_result 0 "${line#ok }" ;;
        *) t_result 1 "$line" ;;
        esac
    done < "$1"
}

start_server "$TMP/sq.log" --db "$DB"
SQ_PID=$PID; SQ_PORT=$PORT
start_server "$TMP/pg.log" --pg "$PG"
PG_PID=$PID; PG_PORT=$PORT
expect_true "servers started" test -n "$SQ_PORT" -a -n "$PG_PORT"
VERSION=$($SB --version | cut -d' ' -f2)

$PY - "$SQ_PORT" "$PG_PORT" "$SB" "$PG" "$VERSION" > "$TMP/checks" 2>&1 <<'PYEOF'
import json, subprocess, sys, urllib.error, urllib.parse, urllib.request
sq_port, pg_port, sb, pg, version = sys.argv[1:6]

def get(port, path):
    try:
        with urllib.request.urlopen("http://127.0.0.1:%s%s" % (port, path), timeout=30) as r:
            return r.status, r.headers.get("content-type"), json.loads(r.read())
    except urllib.error.HTTPError as e:
        return e.code, e.headers.get("content-type"), json.loads(e.read())

def check(desc, ok, why=""):
    print(("ok " + desc) if ok else ("FAIL " + desc + ": " + why))

def q(path, **params):
    return path + "?" + urllib.parse.urlencode(params)

def dump(v):
    return json.dumps(v, ensure_ascii=False)

def expect_json(desc, path, status, want):
    st, ctype, got = get(pg_port, path)
    check(desc, st == status and got == want and ctype == "application/json; charset=utf-8",
          "status %d, got %s" % (st, dump(got)))
    return got

def err(status, message):
    return {"error": {"status": status, "message": message}}

# ---- /api/health: the same counts as the SQLite server
health = {"status": "ok", "version": version, "unicode": "15.1.0", "articles": 9, "sources": 6,
          "first_date": "2023-10-18", "last_date": "2024-02-10"}
expect_json("health", "/api/health", 200, health)
check("health: same as the SQLite server", get(sq_port, "/api/health")[2] == health)

# ---- /api/search: byte-for-byte the SQLite server's reply (scores, snippets,
# highlights, agencies, facets, analysis) where no near-duplicates match
for params in [{"q": "নিরাপত্তা"}, {"q": '"উত্তর কোরিয়ার"'}, {"q": "সফর -ঢাকায়"},
               {"q": "Lavrov", "source": "সকালের খবর"},
               {"q": "সফর রাজধানীতে", "from": "2023-10-19", "to": "2023-12-31"},
               {"q": "সফর -ঢাকায়", "size": 1, "page": 2}, {"q": "অমিল"}]:
    path = q("/api/search", **params)
    sq, pgr = get(sq_port, path), get(pg_port, path)
    check("search = SQLite server: %s" % dump(params), sq == pgr and sq[0] == 200,
          "\n  sqlite %s\n  pg     %s" % (dump(sq[2]), dump(pgr[2])))

# one reply written out in full
n2 = {"rank": 1, "id": "n2", "title": "সফর শেষে মস্কো ফিরলেন ল্যাভরভ", "date": "2023-11-04",
      "source": "সকালের খবর", "score": 1.0173, "duplicates": 0,
      "snippet": {"text": "তিন দিনের সফর শেষে রুশ পররাষ্ট্রমন্ত্রী ল্যাভরভ শনিবার সকালে মস্কোর উদ্দেশে ঢাকা ছেড়েছেন। বিমানবন্দরে তাঁকে বিদায় জানান পররাষ্ট্রসচিব",
                  "highlights": [[108, 129]]}, "agencies": []}
expect_json("search: Latin query, source filter", q("/api/search", q="Lavrov", source="সকালের খবর"), 200, {
    "query": "Lavrov", "page": 1, "size": 10, "total": 1, "results": [n2],
    "facets": {"source": [{"value": "এএফপি", "count": 2}, {"value": "দৈনিক নদী", "count": 1},
                          {"value": "সকালের খবর", "count": 1}],
               "month": [{"value": "2023-11", "count": 1}], "limit": 2000, "complete": True},
    "duplicates": [],
    "analysis": [{"text": "Lavrov", "normalized": "lavrov", "stem": "lavrov", "key": "lvrv",
                  "romanized": "lavrov", "kind": "latin", "stopword": False, "matched": ["ল্যাভরভ"]}]})

# Near-duplicates: SQLite folds the wire copy into the first article; the
# PostgreSQL store keeps no groups, so the copy is a hit of its own and
# "duplicates" is empty. The other hits are the same, in the same order,
# and so is the total (it counts folded copies).
WIRE = "samples/articles/lavrov-dhaka-wire.txt"
def strip(hits):
    return [{k: v for k, v in h.items() if k not in ("rank", "duplicates")} for h in hits if h["id"] != WIRE]
for query in ["ল্যাভরভ সফর", "ঢাকা", "Lavrov"]:
    path = q("/api/search", q=query)
    sq, pgr = get(sq_port, path)[2], get(pg_port, path)[2]
    ids = [h["id"] for h in pgr["results"]]
    check("near-duplicates not folded: %s" % query,
          pgr["total"] == sq["total"] and WIRE in ids and WIRE not in [h["id"] for h in sq["results"]]
          and strip(pgr["results"]) == strip(sq["results"]) and pgr["duplicates"] == []
          and sq["duplicates"] != [] and all(h["duplicates"] == 0 for h in pgr["results"])
          and [h["rank"] for h in pgr["results"]] == list(range(1, len(ids) + 1))
          and pgr["analysis"] == sq["analysis"],
          "\n  sqlite %s\n  pg     %s" % (dump(sq), dump(pgr)))
st, _, got = get(pg_port, q("/api/search", q="ঢাকা", size=2, page=3))
check("search: last page", st == 200 and [h["rank"] for h in got["results"]] == [5] and got["total"] == 5,
      dump(got))

# ---- /api/article/ID: the fields of `songbad show --pg --json`
a2 = {"id": "a2", "headline": "পিয়ংইয়ংয়ে বাণিজ্যমেলা",
      "lead": "উত্তর কোরিয়ার রাজধানীতে মেলা শুরু হয়েছে। রাশিয়ার প্রতিষ্ঠান অংশ নিচ্ছে।",
      "body": "উত্তর কোরিয়ার রাজধানীতে মেলা শুরু হয়েছে। রাশিয়ার প্রতিষ্ঠান অংশ নিচ্ছে।",
      "source": "রয়টার্স", "date": "2023-11-02", "extra": {"tags": ["trade"]},
      "original": "উত্তর কোরিয়ার রাজধানীতে মেলা শুরু হয়েছে। রাশিয়ার প্রতিষ্ঠান অংশ নিচ্ছে।"}
expect_json("article a2", "/api/article/a2", 200, a2)
check("article a2: same as the SQLite server", get(sq_port, "/api/article/a2")[2] == a2)
for aid in ["x1", "samples/articles/lavrov-dhaka.txt"]:
    want = json.loads(subprocess.run([sb, "show", "--pg", pg, "--json", aid], capture_output=True,
                                     text=True).stdout)
    expect_json("article %s = songbad show --pg --json" % aid,
                "/api/article/" + urllib.parse.quote(aid, safe=""), 200, want)

# ---- errors
expect_json("404: article", "/api/article/zz", 404, err(404, "no article with id 'zz'"))
expect_json("400: unterminated quote", q("/api/search", q='"উত্তর'), 400,
            err(400, "unterminated quote (at character 1 of the query)"))
expect_json("400: unknown field", q("/api/search", q="author:x"), 400,
            err(400, "unknown field 'author' (title, lead, body, caption, source)"))
expect_json("400: only exclusions", q("/api/search", q="-সফর"), 400,
            err(400, "a query needs at least one word that is not excluded"))
expect_json("400: bad size", q("/api/search", q="x", size="51"), 400,
            err(400, "parameter 'size' must be a number from 1 to 50"))
expect_json("query operators of PostgreSQL are plain words", q("/api/search", q="AND OR NOT ( ) ^ : ! & | <-> '"),
            200, get(sq_port, q("/api/search", q="AND OR NOT ( ) ^ : ! & | <-> '"))[2])
PYEOF
read_checks "$TMP/checks"
expect_true "the checks ran" test "$(grep -c '^ok ' "$TMP/checks")" = 24
kill -TERM $SQ_PID $PG_PID 2>/dev/null
wait $SQ_PID; rc1=$?
wait $PG_PID; rc2=$?
expect_true "SIGTERM stops both servers cleanly ($rc1 $rc2)" test "$rc1" = 0 -a "$rc2" = 0

# ---- 503: the server reaches PostgreSQL through a TCP relay (with a password
# in the URL, which a trust set-up ignores); stopping the relay cuts every
# connection and refuses new ones, starting it again brings the data back.
RELAY_PORT=$($PY -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
cat > "$TMP/relay.py" <<'PYEOF'
import socket, socketserver, sys, threading, urllib.parse
listen, target = int(sys.argv[1]), urllib.parse.urlsplit(sys.argv[2])
class Relay(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True
class Pipe(socketserver.BaseRequestHandler):
    def handle(self):
        up = socket.create_connection((target.hostname, target.port or 5432))
        def pump(a, b):
            try:
                while True:
                    data = a.recv(65536)
                    if not data:
                        break
                    b.sendall(data)
            except OSError:
                pass
            for s in (a, b):
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
        t = threading.Thread(target=pump, args=(up, self.request), daemon=True)
        t.start()
        pump(self.request, up)
        t.join()
        up.close()
Relay(("127.0.0.1", listen), Pipe).serve_forever()
PYEOF
start_relay() {
    $PY "$TMP/relay.py" "$RELAY_PORT" "$PG" &
    RELAY_PID=$!
    i=0
    until $PY -c "import socket; socket.create_connection(('127.0.0.1', $RELAY_PORT)).close()" 2>/dev/null; do
        i=$((i + 1)); [ $i -lt 100 ] || break; sleep 0.1
    done
}
stop_relay() { kill -TERM $RELAY_PID 2>/dev/null; wait $RELAY_PID 2>/dev/null; }
RELAYED=$($PY -c 'import sys, urllib.parse as u; p = u.urlsplit(sys.argv[1]); print(u.urlunsplit((p.scheme, "%s:secret@127.0.0.1:%s" % (p.username or "postgres", sys.argv[2]), p.path, "connect_timeout=3", "")))' "$PG" "$RELAY_PORT")
start_relay
start_server "$TMP/relay.log" --pg "$RELAYED"
expect_true "server through the relay started" test -n "$PORT"
expect_true "no password in the start message" sh -c "grep -q ':\*\*\*@127.0.0.1:$RELAY_PORT/' $TMP/relay.log && ! grep -q secret $TMP/relay.log"
cat > "$TMP/get.py" <<'PYEOF'
# the requests run at once, so that several pooled connections are used
import concurrent.futures, json, sys, urllib.error, urllib.request
port, want_status = sys.argv[1], int(sys.argv[2])
want = {"error": {"status": 503, "message": "the database is unavailable"}}
def get(p):
    try:
        with urllib.request.urlopen("http://127.0.0.1:%s%s" % (port, p), timeout=30) as r:
            return r.status, json.loads(r.read())
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read())
with concurrent.futures.ThreadPoolExecutor(len(sys.argv) - 3) as ex:
    replies = list(ex.map(get, sys.argv[3:]))
for p, (st, body) in zip(sys.argv[3:], replies):
    ok = st == want_status and (st != 503 or body == want) and (st != 200 or "error" not in body)
    print(("ok %d %s" % (want_status, p)) if ok else "FAIL %d %s: %d %r" % (want_status, p, st, body))
PYEOF
PATHS="/api/search?q=Lavrov /api/article/a1 /api/health /api/search?q=%E0%A6%B8%E0%A6%AB%E0%A6%B0"
$PY "$TMP/get.py" "$PORT" 200 $PATHS $PATHS > "$TMP/checks" 2>&1
stop_relay
$PY "$TMP/get.py" "$PORT" 503 $PATHS $PATHS >> "$TMP/checks" 2>&1
start_relay
$PY "$TMP/get.py" "$PORT" 200 $PATHS $PATHS >> "$TMP/checks" 2>&1
read_checks "$TMP/checks"
expect_true "the relay checks ran" test "$(grep -c '^ok ' "$TMP/checks")" = 24
kill -TERM $PID 2>/dev/null
wait $PID; rc=$?
expect_true "stops cleanly after 503s (exit $rc)" test "$rc" = 0
stop_relay

# ---- the command's own errors
BAD="postgresql://songbad:secret@127.0.0.1:1/none?connect_timeout=3"
$SB serve --pg "$BAD" --port 0 > "$TMP/out" 2> "$TMP/err"; rc=$?
expect_true "unreachable server at start: exit 4" [ "$rc" = 4 ]
expect_true "unreachable server at start: one line, says so" sh -c "[ \$(wc -l < $TMP/err) = 1 ] && grep -q '^songbad: postgresql://songbad:\*\*\*@127.0.0.1:1/none?connect_timeout=3: cannot connect: ' $TMP/err"
expect_true "no password in the message" sh -c "! grep -q secret $TMP/err"
expect_fail "--db and --pg" 2 "songbad: serve takes --db DB or --pg URL, not both" $SB serve --db "$DB" --pg "$PG"
EMPTY=$(echo "$PG" | sed 's|/[^/?]*\(?.*\)\{0,1\}$|/postgres|')
expect_fail "no schema: refused" 4 "songbad: $EMPTY: no songbad database here" $SB serve --pg "$EMPTY" --port 0
t_end
