#!/bin/sh
# web_e2e.sh - the search page in real headless Chromium (test/web/e2e.js):
# `songbad serve` on the sample articles plus test/web/news.jsonl. Needs
# node, /usr/bin/chromium and `npm ci --prefix test/web`; without them the
# suite is skipped with a message, or fails when SONGBAD_REQUIRE_BROWSER=1
# (as in CI). Screenshots: BUILD/web-artifacts/.
. test/cli_lib.sh
t_begin web_e2e
missing=""
command -v node >/dev/null 2>&1 || missing="$missing node"
[ -x /usr/bin/chromium ] || missing="$missing /usr/bin/chromium"
[ -d test/web/node_modules/playwright-core ] || missing="$missing test/web/node_modules"
if [ -n "$missing" ]; then
    echo "web_e2e: missing$missing (run: sh scripts/deps.sh --ensure-web; npm ci --prefix test/web)"
    if [ "${SONGBAD_REQUIRE_BROWSER:-0}" = 1 ]; then
        t_result 1 "browser tests need$missing"
        t_end; exit 1
    fi
    echo "web_e2e: skipped"
    t_end; exit 0
fi

DB=$TMP/web.db
ART=$(dirname "$SB")/web-artifacts
$SB ingest --db "$DB" samples/article.txt samples/articles/*.txt test/golden/articles/*.txt \
    test/web/news.jsonl >/dev/null
$SB serve --db "$DB" --port 0 2>"$TMP/serve.log" &
PID=$!
PORT=""; i=0
while [ -z "$PORT" ] && [ $i -lt 300 ] && kill -0 $PID 2>/dev/null; do
    PORT=$(sed -n 's|^songbad: serving .* at http://127\.0\.0\.1:\([0-9]*\)/$|\1|p' "$TMP/serve.log")
    [ -n "$PORT" ] || sleep 0.1
    i=$((i + 1))
done
expect_true "server started" test -n "$PORT"
rm -rf "$ART"
timeout 180 node test/web/e2e.js "http://127.0.0.1:$PORT" "$ART" > "$TMP/checks" 2>&1
while IFS= read -r line; do
    case "$line" in
    "ok "*) t_result 0 "${line#ok }" ;;
    *) t_result 1 "$line" ;;
    esac
done < "$TMP/checks"
expect_true "every check ran" test "$(grep -c '^ok ' "$TMP/checks")" -ge 25
expect_true "screenshots saved" test "$(ls "$ART"/*.png 2>/dev/null | wc -l)" -ge 7
kill -TERM $PID; wait $PID; rc=$?
expect_true "server stops cleanly (exit $rc)" test "$rc" = 0
t_end
