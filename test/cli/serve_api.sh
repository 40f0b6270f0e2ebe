#!/bin/sh
# serve_api.sh - `songbad serve`: every endpoint of the JSON API with exact
# expected replies, every error status, escaping of an article full of HTML,
# no path traversal, and the command's own errors. The server listens on a
# free port (--port 0) of loopback and is stopped with SIGTERM; it must exit
# cleanly (under SANITIZE=1 that includes no leaks).
. test/cli_lib.sh
t_begin cli_serve_api
PY=/usr/bin/python3
DB=$TMP/news.db
$SB ingest --db "$DB" test/data/search_news.jsonl test/web/news.jsonl \
    samples/articles/lavrov-dhaka.txt samples/articles/lavrov-dhaka-wire.txt >/dev/null

# start_server DB LOG: runs the server in the background; sets PID and PORT
start_server() {
    : > "$2"
    $SB serve --db "$1" --port 0 2>"$2" &
    PID=$!
    PORT=""; i=0
    while [ -z "$PORT" ] && [ $i -lt 300 ] && kill -0 $PID 2>/dev/null; do
        PORT=$(sed -n 's|^songbad: serving .* at http://127\.0\.0\.1:\([0-9]*\)/$|\1|p' "$2")
        [ -n "$PORT" ] || sleep 0.1
        i=$((i + 1))
    done
}
# stop_server: SIGTERM, then the exit status of the server
stop_server() {
    kill -TERM $PID 2>/dev/null
    wait $PID
}

start_server "$DB" "$TMP/serve.log"
expect_true "server started" test -n "$PORT"
VERSION=$($SB --version | cut -d' ' -f2)

# The checks print "ok DESC" or "FAIL DESC: why", one a line.
$PY - "$PORT" "$SB" "$DB" "$VERSION" > "$TMP/checks" 2>&1 <<'PYEOF'
import http.client, json, subprocess, sys, urllib.parse
port, sb, db, version = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]

def request(path, method="GET", body=None, headers=None):
    c = http.client.HTTPConnection("127.0.0.1", int(port), timeout=30)
    c.putrequest(method, path, skip_accept_encoding=True)
    for k, v in (headers or {}).items():
        c.putheader(k, v)
    if body is not None:
        c.putheader("Content-Length", str(len(body)))
    c.endheaders(body)
    r = c.getresponse()
    data = r.read()
    c.close()
    return r.status, dict((k.lower(), v) for k, v in r.getheaders()), data

def check(desc, ok, why=""):
    print(("ok " + desc) if ok else ("FAIL " + desc + ": " + why))

def q(path, **params):
    return path + "?" + urllib.parse.urlencode(params)

def no_scores(v):
    if isinstance(v, dict):
        return {k: no_scores(x) for k, x in v.items() if k != "score"}
    if isinstance(v, list):
        return [no_scores(x) for x in v]
    return v

def expect_json(desc, path, status, want, strip_scores=False):
    st, hdr, data = request(path)
    try:
        got = json.loads(data)
    except ValueError:
        check(desc, False, "not JSON: %r" % data[:200]); return None
    if strip_scores:
        got = no_scores(got)
    ok = st == status and got == want and hdr.get("content-type") == "application/json; charset=utf-8"
    check(desc, ok, "status %d, got %s" % (st, json.dumps(got, ensure_ascii=False)))
    return got

def err(status, message):
    return {"error": {"status": status, "message": message}}

# ---- /api/health
expect_json("health", "/api/health", 200,
            {"status": "ok", "version": version, "unicode": "15.1.0", "articles": 9, "sources": 6,
             "first_date": "2023-10-18", "last_date": "2024-02-10"})

# ---- /api/search: the hits of `songbad search --json` with their agencies,
# and total, facets, duplicate groups and the analysis of the query
def cli_hits(*args):
    out = subprocess.run([sb, "search", "--db", db, "--json"] + list(args), capture_output=True,
                         check=False, text=True).stdout
    return [json.loads(line) for line in out.splitlines()]

def with_agencies(hits, agencies):
    return [dict(h, agencies=a) for h, a in zip(hits, agencies)]

st, hdr, data = request(q("/api/search", q="ল্যাভরভ সফর", size=2))
got = json.loads(data)
results = got.pop("results", None)
check("search: total, facets, groups, analysis", st == 200 and got == {
    "query": "ল্যাভরভ সফর", "page": 1, "size": 2, "total": 6,
    "facets": {"source": [{"value": "এএফপি", "count": 2}, {"value": "দৈনিক নদী", "count": 1},
                          {"value": "সকালের খবর", "count": 1}],
               "month": [{"value": "2023-11", "count": 1}, {"value": "2023-10", "count": 3}],
               "limit": 2000, "complete": True},
    "duplicates": [{"id": "samples/articles/lavrov-dhaka.txt", "copies": [
        {"id": "samples/articles/lavrov-dhaka-wire.txt",
         "title": "ঢাকায় রুশ পররাষ্ট্রমন্ত্রী ল্যাভরভ: জ্বালানি ও গম আমদানি নিয়ে আলোচনা", "source": None}]}],
    "analysis": [
        {"text": "ল্যাভরভ", "normalized": "ল্যাভরভ", "stem": "ল্যাভরভ", "key": "lvrv", "romanized": "lyabhrobh",
         "kind": "bengali", "stopword": False, "matched": ["ল্যাভরভ", "লাভরভের"]},
        {"text": "সফর", "normalized": "সফর", "stem": "সফর", "key": "sfr", "romanized": "sofor",
         "kind": "bengali", "stopword": False, "matched": ["সফর", "সফরে", "সফরের"]}]},
      json.dumps(got, ensure_ascii=False))
check("search: the results of songbad search --json, with agencies",
      results == with_agencies(cli_hits("--limit", "2", "--", "ল্যাভরভ সফর"), [[], ["AFP", "Reuters"]]),
      json.dumps(results, ensure_ascii=False))
st, hdr, data = request(q("/api/search", q="ল্যাভরভ সফর", size=2, page=2))
got = json.loads(data)
check("search: page 2", st == 200 and no_scores(got["results"]) == no_scores(with_agencies(
    cli_hits("--limit", "2", "--offset", "2", "--", "ল্যাভরভ সফর"), [[], []])) and
      [r["rank"] for r in got["results"]] == [3, 4], json.dumps(got["results"], ensure_ascii=False))

n2 = {"rank": 1, "id": "n2", "title": "সফর শেষে মস্কো ফিরলেন ল্যাভরভ", "date": "2023-11-04", "source": "সকালের খবর",
      "duplicates": 0, "snippet": {"text": "তিন দিনের সফর শেষে রুশ পররাষ্ট্রমন্ত্রী ল্যাভরভ শনিবার সকালে মস্কোর উদ্দেশে ঢাকা ছেড়েছেন। বিমানবন্দরে তাঁকে বিদায় জানান পররাষ্ট্রসচিব",
                                   "highlights": [[108, 129]]}, "agencies": []}
lavrov = {"text": "Lavrov", "normalized": "lavrov", "stem": "lavrov", "key": "lvrv", "romanized": "lavrov",
          "kind": "latin", "stopword": False, "matched": ["ল্যাভরভ"]}
expect_json("search: Latin query, source filter", q("/api/search", q="Lavrov", source="সকালের খবর"), 200, {
    "query": "Lavrov", "page": 1, "size": 10, "total": 1, "results": [n2],
    "facets": {"source": [{"value": "এএফপি", "count": 2}, {"value": "দৈনিক নদী", "count": 1},
                          {"value": "সকালের খবর", "count": 1}],
               "month": [{"value": "2023-11", "count": 1}], "limit": 2000, "complete": True},
    "duplicates": [], "analysis": [lavrov]}, True)
expect_json("search: month filter", q("/api/search", q="Lavrov", **{"from": "2023-11-01", "to": "2023-11-31"}), 200, {
    "query": "Lavrov", "page": 1, "size": 10, "total": 1, "results": [n2],
    "facets": {"source": [{"value": "সকালের খবর", "count": 1}],
               "month": [{"value": "2023-11", "count": 1}, {"value": "2023-10", "count": 3}],
               "limit": 2000, "complete": True},
    "duplicates": [], "analysis": [lavrov]}, True)
expect_json("search: field prefix left out of the analysis", q("/api/search", q="title:সফর", size=1), 200, {
    "query": "title:সফর", "page": 1, "size": 1, "total": 3,
    "results": no_scores(with_agencies(cli_hits("--limit", "1", "title:সফর"), [[]])),
    "facets": {"source": [{"value": "এএফপি", "count": 1}, {"value": "সকালের খবর", "count": 1}],
               "month": [{"value": "2023-11", "count": 1}, {"value": "2023-10", "count": 1}],
               "limit": 2000, "complete": True},
    "duplicates": [], "analysis": [{"text": "সফর", "normalized": "সফর", "stem": "সফর", "key": "sfr",
                                    "romanized": "sofor", "kind": "bengali", "stopword": False,
                                    "matched": ["সফর"]}]}, True)
expect_json("search: nothing found", q("/api/search", q="অমিল"), 200, {
    "query": "অমিল", "page": 1, "size": 10, "total": 0, "results": [],
    "facets": {"source": [], "month": [], "limit": 2000, "complete": True}, "duplicates": [],
    "analysis": [{"text": "অমিল", "normalized": "অমিল", "stem": "অমিল", "key": "amil", "romanized": "omil",
                  "kind": "bengali", "stopword": False, "matched": []}]})

# ---- the article full of HTML comes back as the same text, JSON-escaped
x1_title = "<script>window.__xss = 1</script> \"নিরাপত্তা\" ও 'সতর্কতা' & <b>মোটা</b>"
st, hdr, data = request("/api/article/x1")
got = json.loads(data)
check("xss article: text unchanged", st == 200 and got["headline"] == x1_title and
      got["source"] == "<i>ঝুঁকি</i> \"ডেস্ক\"" and "<img src=x onerror=\"window.__xss = 2\">" in got["body"],
      repr(data[:300]))
check("xss article: quotes escaped in the JSON text",
      '"headline":"<script>window.__xss = 1</script> \\"নিরাপত্তা\\" ও \'সতর্কতা\' & <b>মোটা</b>"'.encode() in data,
      repr(data[:200]))
check("xss article: served as JSON, not sniffed", hdr.get("content-type") == "application/json; charset=utf-8"
      and hdr.get("x-content-type-options") == "nosniff", repr(hdr))
st, hdr, data = request(q("/api/search", q="নিরাপত্তা"))
got = json.loads(data)
check("xss article: in search results", st == 200 and got["results"][0]["title"] == x1_title and
      got["facets"]["source"] == [{"value": "<i>ঝুঁকি</i> \"ডেস্ক\"", "count": 1}], repr(data[:300]))

# ---- /api/article/ID: the fields of `songbad show --json`
for aid in ["a2", "samples/articles/lavrov-dhaka.txt"]:
    want = json.loads(subprocess.run([sb, "show", "--db", db, "--json", aid], capture_output=True,
                                     text=True).stdout)
    expect_json("article %s = songbad show --json" % aid, "/api/article/" + urllib.parse.quote(aid, safe=""),
                200, want)

# ---- /api/analyze: the tokens of `songbad analyze --json`
text = "ল্যাভরভের সফর, Lavrov ১৮"
want = [json.loads(line) for line in subprocess.run([sb, "analyze", "--json"], input=text,
                                                    capture_output=True, text=True).stdout.splitlines()]
expect_json("analyze = songbad analyze --json", q("/api/analyze", text=text), 200, {"text": text, "tokens": want})
expect_json("analyze: literal", q("/api/analyze", text="সফরের"), 200, {"text": "সফরের", "tokens": [
    {"pos": 0, "start": 0, "end": 15, "kind": "bengali", "token": "সফরের", "stem": "সফর", "key": "sfr",
     "stop": False}]})

# ---- /api/explain: the query plan of `songbad explain --json`, and the query
qtext = '"উত্তর কোরিয়া" title:সফর* Lavrov -বাতিল'
want = json.loads(subprocess.run([sb, "explain", "--json", qtext], capture_output=True, text=True).stdout)
expect_json("explain = songbad explain --json", q("/api/explain", q=qtext), 200, dict(want, query=qtext))
expect_json("explain: literal", q("/api/explain", q="সফর"), 200, {"query": "সফর", "words": 1, "question": False,
    "clauses": [{"role": "optional", "field": None, "phrase": False, "first_word": 0, "nwords": 1, "terms": [
        {"text": "সফর", "prefix": False, "weight": 1.0, "word": 0, "highlight": True},
        {"text": "#sfr", "prefix": False, "weight": 0.35, "word": 0, "highlight": True},
        {"text": "সফর", "prefix": True, "weight": 0.6, "word": 0, "highlight": True}]}]})
expect_json("explain: a bad query", q("/api/explain", q='"উত্তর'), 400,
            err(400, "unterminated quote (at character 1 of the query)"))
expect_json("explain: no query", "/api/explain", 400, err(400, "missing parameter 'q'"))

# ---- errors: JSON bodies with a fitting status, nothing internal
expect_json("400: no query", "/api/search", 400, err(400, "missing parameter 'q'"))
expect_json("400: empty query", "/api/search?q=", 400, err(400, "missing parameter 'q'"))
expect_json("400: unterminated quote", q("/api/search", q='"উত্তর'), 400,
            err(400, "unterminated quote (at character 1 of the query)"))
expect_json("400: unknown field", q("/api/search", q="author:x"), 400,
            err(400, "unknown field 'author' (title, lead, body, caption, source)"))
expect_json("400: only exclusions", q("/api/search", q="-সফর"), 400,
            err(400, "a query needs at least one word that is not excluded"))
expect_json("400: bad page", q("/api/search", q="x", page="0"), 400,
            err(400, "parameter 'page' must be a number from 1 to 1000"))
expect_json("400: bad size", q("/api/search", q="x", size="51"), 400,
            err(400, "parameter 'size' must be a number from 1 to 50"))
expect_json("400: bad date", q("/api/search", q="x", **{"from": "2023-1-1"}), 400,
            err(400, "parameter 'from' must be a date YYYY-MM-DD"))
expect_json("400: long date", q("/api/search", q="x", to="2023-01-01T00:00"), 400,
            err(400, "parameter 'to' must be a date YYYY-MM-DD"))
expect_json("400: from after to", q("/api/search", q="x", **{"from": "2024-01-01", "to": "2023-01-01"}), 400,
            err(400, "parameter 'from' is after 'to'"))
expect_json("400: invalid UTF-8", "/api/search?q=%ff", 400, err(400, "parameter 'q' must be UTF-8 text without NUL"))
expect_json("400: NUL", "/api/analyze?text=a%00b", 400, err(400, "parameter 'text' must be UTF-8 text without NUL"))
expect_json("404: article", "/api/article/zz", 404, err(404, "no article with id 'zz'"))
expect_json("404: no id", "/api/article/", 404, err(404, "no article id given"))
expect_json("404: endpoint", "/api/nothing", 404, err(404, "no such endpoint"))
expect_json("404: page", "/nothing.html", 404, err(404, "no such page"))
for m in ["POST", "PUT", "DELETE", "OPTIONS"]:
    st, hdr, data = request("/api/search?q=x", m, b"q=x" if m in ("POST", "PUT") else None)
    check("405: " + m, st == 405 and json.loads(data) == err(405, "only GET and HEAD are allowed") and
          hdr.get("allow") == "GET, HEAD", "%d %r %r" % (st, data, hdr))
expect_json("413: long query", q("/api/search", q="ক" * 334), 413, err(413, "parameter 'q' is longer than 1000 bytes"))
expect_json("413: long text", q("/api/analyze", text="a" * 20001), 413,
            err(413, "parameter 'text' is longer than 20000 bytes"))
expect_json("413: long id", "/api/article/" + "a" * 513, 413, err(413, "the article id is too long"))
st, hdr, data = request("/api/search?q=x", "GET", b"x" * 100)
check("413: a GET with a body", st == 413 and json.loads(data) == err(413, "a request body is not accepted"),
      "%d %r" % (st, data))
st, hdr, data = request("/api/search?q=" + "a" * 70000)
check("414: request line over the 64 KiB limit (libmicrohttpd)", st == 414, "%d" % st)
st, hdr, data = request("/api/health", "HEAD")
check("HEAD: headers only", st == 200 and data == b"", "%d %r" % (st, data))

# ---- static files: only the embedded ones and the whitelisted fonts
st, hdr, data = request("/")
check("page: HTML in Bengali", st == 200 and hdr.get("content-type") == "text/html; charset=utf-8" and
      b'<html lang="bn">' in data, "%d %r" % (st, hdr))
check("page: Content-Security-Policy", "script-src 'self'" in hdr.get("content-security-policy", "")
      and "default-src 'none'" in hdr.get("content-security-policy", ""), repr(hdr))
for path, ctype in [("/app.js", "text/javascript; charset=utf-8"), ("/style.css", "text/css; charset=utf-8"),
                    ("/index.html", "text/html; charset=utf-8")]:
    st, hdr, data = request(path)
    check("page: " + path, st == 200 and hdr.get("content-type") == ctype and len(data) > 100, "%d %r" % (st, hdr))
import os
font = "/usr/share/fonts/truetype/noto/NotoSansBengali-Regular.ttf"
st, hdr, data = request("/fonts/NotoSansBengali-Regular.ttf")
if os.path.exists(font):
    check("font: served from disk", st == 200 and hdr.get("content-type") == "font/ttf" and
          data == open(font, "rb").read(), "%d" % st)
else:
    check("font: missing is a 404", st == 404, "%d" % st)
for path in ["/../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/fonts/../../../../etc/passwd",
             "/fonts/%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd", "/fonts/NotoSansBengali-Regular.ttf/..",
             "/fonts/DejaVuSans.ttf", "/web/app.js", "/./app.js", "//app.js", "/app.js%00.png",
             "/..%2fMakefile", "/api/../app.js", "/fonts/..%2f..%2f..%2f..%2fetc%2fpasswd"]:
    st, hdr, data = request(path)
    check("traversal: " + path, st == 404 and json.loads(data)["error"]["status"] == 404, "%d %r" % (st, data[:80]))
PYEOF
while IFS= read -r line; do
    case "$line" in
    "ok "*) t_result 0 "${line#ok }" ;;
    *) t_result 1 "$line" ;;
    esac
done < "$TMP/checks"
expect_true "the checks ran" test "$(grep -c '^ok ' "$TMP/checks")" -ge 60
stop_server; rc=$?
expect_true "SIGTERM stops the server cleanly (exit $rc)" test "$rc" = 0

# 503: the database file is damaged under a running server
cp "$DB" "$TMP/bad.db"
start_server "$TMP/bad.db" "$TMP/bad.log"
$PY - "$PORT" "$TMP/bad.db" > "$TMP/checks" 2>&1 <<'PYEOF'
import json, sys, urllib.request, urllib.error
port, path = sys.argv[1], sys.argv[2]
def get(p):
    try:
        with urllib.request.urlopen("http://127.0.0.1:%s%s" % (port, p), timeout=30) as r:
            return r.status, json.loads(r.read())
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read())
st, body = get("/api/search?q=Lavrov")
print("ok 200 before" if st == 200 else "FAIL 200 before: %d" % st)
with open(path, "r+b") as f:  # the header and the first pages become junk
    f.write(bytes((i * 37 + 11) % 256 for i in range(65536)))
want = {"error": {"status": 503, "message": "the database is unavailable"}}
for p in ["/api/search?q=Lavrov", "/api/article/a1", "/api/health", "/api/search?q=Lavrov"]:
    st, body = get(p)
    print(("ok 503 " + p) if (st, body) == (503, want) else "FAIL 503 %s: %d %r" % (p, st, body))
PYEOF
while IFS= read -r line; do
    case "$line" in
    "ok "*) t_result 0 "${line#ok }" ;;
    *) t_result 1 "$line" ;;
    esac
done < "$TMP/checks"
stop_server; rc=$?
expect_true "stops cleanly after 503s (exit $rc)" test "$rc" = 0

# the command's own errors
expect_fail "--db and --pg" 2 "songbad: serve takes --db DB or --pg URL, not both" \
    $SB serve --db "$DB" --pg postgresql://localhost/news
expect_fail "needs --db" 2 "songbad: serve needs --db DB" $SB serve
expect_fail "bad port" 2 "songbad: --port needs a number from 0 to 65535, not '99999'" $SB serve --db "$DB" --port 99999
expect_fail "host names are not resolved" 2 "songbad: --host needs a numeric IPv4 or IPv6 address, not 'example.com'" \
    $SB serve --db "$DB" --host example.com
expect_fail "missing database" 4 "songbad: $TMP/none.db: cannot open: unable to open database file" \
    $SB serve --db "$TMP/none.db"
t_end
