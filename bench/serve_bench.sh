#!/usr/bin/env bash
# serve_bench.sh - load on `songbad serve`: wrk on loopback against
# /api/search, by default 2 threads, 64 connections, 30 s, the queries
# rotating through a fixed list of Bengali and Latin words and phrases.
# wrk reports requests/s, latency percentiles and errors (socket errors and
# "Non-2xx or 3xx responses", printed only when there are some).
#
#   bench/serve_bench.sh                    # the bn-news-articles dev corpus
#   CORPUS=x.jsonl DB=/tmp/x.db DURATION=10s bench/serve_bench.sh
#
# The database is built once (ingest) when DB does not exist. A benchmark,
# not a test; it needs wrk (Debian package wrk).
set -euo pipefail
cd "$(dirname "$0")/.."
CORPUS=${CORPUS:-../shared/data/bn-news-articles/articles.jsonl}
DB=${DB:-/tmp/dev.db}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-64}
DURATION=${DURATION:-30s}
SB=${SB:-build/songbad}
command -v wrk >/dev/null || { echo "serve_bench: needs wrk (apt-get install wrk)" >&2; exit 2; }
if [ ! -f "$DB" ]; then
    [ -f "$CORPUS" ] || { echo "serve_bench: no corpus at $CORPUS (set CORPUS=)" >&2; exit 2; }
    "$SB" ingest --db "$DB" --quiet "$CORPUS"
fi
tmp=$(mktemp -d)
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$tmp"' EXIT
"$SB" serve --db "$DB" --port 0 2>"$tmp/log" &
pid=$!
port=""
for _ in $(seq 100); do
    port=$(sed -n 's|^songbad: serving .* at http://127\.0\.0\.1:\([0-9]*\)/$|\1|p' "$tmp/log")
    [ -n "$port" ] && break
    sleep 0.1
done
[ -n "$port" ] || { cat "$tmp/log" >&2; exit 1; }

# each request takes the next query of the list (URL-encoded by python)
/usr/bin/python3 - > "$tmp/queries.lua" <<'PY'
import urllib.parse
qs = ["ঢাকা", "মসজিদ", "ইসলাম", "নামাজ", "সরকার", "ঈদ", "হজ", "প্রধানমন্ত্রী", "নির্বাচন",
      "ধর্ম মন্ত্রণালয়", "\"ইসলামিক ফাউন্ডেশন\"", "Dhaka", "মাদ্রাসা শিক্ষা", "রমজান রোজা",
      "পুলিশ -ঢাকা", "বাংলাদেশ*"]
print("local paths = {")
for q in qs:
    print('  "/api/search?%s",' % urllib.parse.urlencode({"q": q, "size": 10}))
print("}")
print("""local i = 0
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end""")
PY
echo "serve_bench: $("$SB" stats --db "$DB" | head -1 | tr -s ' '), $THREADS threads, $CONNECTIONS connections, $DURATION"
wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s "$tmp/queries.lua" "http://127.0.0.1:$port"
