#!/bin/sh
# golden_parse.sh - `songbad parse --json` on every article of
# test/golden/articles: NAME.txt gives exactly NAME.json. Options for an
# article (such as --date 2024-03-15 for its relative dates) are in
# NAME.args, one line; NAME.jsonl files are read with --jsonl.
# To regenerate after a deliberate change, review the diff of:
#   for f in test/golden/articles/*.txt; do n=${f%.txt}; \
#     build/songbad parse --json $(cat $n.args 2>/dev/null) $f > $n.json; done
. test/cli_lib.sh
t_begin cli_golden_parse

dir=test/golden/articles
for f in "$dir"/*.txt "$dir"/*.jsonl; do
    [ -f "$f" ] || continue
    case $f in
    *.txt) n=${f%.txt}; mode=--json ;;
    *) n=${f%.jsonl}; mode=--jsonl ;;
    esac
    args=
    [ -f "$n.args" ] && args=$(cat "$n.args")
    # shellcheck disable=SC2086 # args holds several words
    "$SB" parse $mode $args "$f" > "$TMP/out" 2> "$TMP/err"
    rc=$?
    if [ "$rc" = 0 ] && [ ! -s "$TMP/err" ] && cmp -s "$TMP/out" "$n.json"; then
        t_result 0 "$n"
    else
        t_result 1 "$n: exit $rc $(head -c 300 "$TMP/err")
$(diff "$n.json" "$TMP/out" | head -c 2000)"
    fi
done
t_end
