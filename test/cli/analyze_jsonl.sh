#!/bin/sh
# analyze_jsonl.sh - `songbad analyze --jsonl [--count]`: records read by the
# fast reader (cli/jsonl_fast.c) and records left to jansson give the same
# terms, and every bad record is reported as FILE:LINE: jansson's message.
. test/cli_lib.sh
t_begin cli_analyze_jsonl

# Pairs of records that must give the same terms: the first of each pair
# goes through the fast reader, the second (a nested value or a real number
# sends it to jansson), or a spelling with escapes against one without.
printf '%s\n' \
'{"id":"e1","title":"a\nb \"q\" \\ \/ \b\f\r\t end","body":"কাজ\tকরে"}' \
'{"id":"e1","title":"a\nb \"q\" \\ \/ \b\f\r\t end","body":"কাজ\tকরে","x":{"n":[1,2.5]}}' \
'{"id":"u1","body":"\u0995\u09be\u099c \u0041FP \u09F3\u09E7\u09E8"}' \
'{"id":"u1","body":"কাজ AFP ৳১২"}' \
'{"body":"\ud835\udc00 \uD835\uDC01x"}' \
'{"body":"𝐀 𝐁x"}' \
'{"body":"বাংলাদেশের সরকার","id":1000}' \
'{"body":"বাংলাদেশের সরকার","id":1e3}' > "$TMP/pairs.jsonl"
for i in 1 3 5 7; do
    sed -n "${i}p" "$TMP/pairs.jsonl" > "$TMP/a.jsonl"
    sed -n "$((i + 1))p" "$TMP/pairs.jsonl" > "$TMP/b.jsonl"
    "$SB" analyze --jsonl "$TMP/a.jsonl" > "$TMP/a.out" 2>&1
    "$SB" analyze --jsonl "$TMP/b.jsonl" > "$TMP/b.out" 2>&1
    expect_true "pair on lines $i, $((i + 1)): same terms" cmp -s "$TMP/a.out" "$TMP/b.out"
    expect_true "pair on lines $i, $((i + 1)): some terms" test -s "$TMP/a.out"
done
printf '%s\n' '{"body":"\u0995\u09be\u099c\tকরে"}' > "$TMP/esc.jsonl"
expect_out "escapes are decoded, offsets are in the decoded text" \
'{"pos":0,"start":0,"end":9,"kind":"bengali","token":"কাজ","stem":"কাজ","key":"kj","stop":false}
{"pos":1,"start":10,"end":19,"kind":"bengali","token":"করে","stem":"কর","stop":true}' \
    "$SB" analyze --jsonl "$TMP/esc.jsonl"
expect_out "count of the pairs" '{"records":8,"bytes":236,"tokens":28,"terms":56,"skipped":0}' \
    "$SB" analyze --jsonl --count "$TMP/pairs.jsonl"

# Records that are fine but unusual, then bad ones, one a line.
printf '%s\n' \
'  {  "body" : "ক খ" , "title" : null , "n" : -0 , "t" : true , "f" : false }  ' \
'{"id":"nobody"}' \
'{"title":"শিরোনাম","body":7}' \
'{}' \
'{"body":"x","n":1234567890123456789}' \
'{"body":"a",}' \
'{"body":"a" "title":"b"}' \
'{"body":"a","body":"b"}' \
'{"\u0062ody":"x","body":"y"}' \
'{"body":"\ud83d x"}' \
'{"body":"\ude00"}' \
'{"body":"a\u0000b"}' \
'{"body":"bad \x escape"}' \
'{"body":"x","n":12345678901234567890}' \
'["body","x"]' \
'"just a string"' \
'{"body":"unterminated' \
'' > "$TMP/bad.jsonl"
printf '{"body":"tab\tinside"}\n{"body":"bad\377utf8"}\n\357\273\277{"body":"bom"}\n{"body":"crlf"}\r\n\r\n{"body":"no newline at the end"}' >> "$TMP/bad.jsonl"
expect_fail "bad records: exit 3, the first message" 3 \
    "songbad: $TMP/bad.jsonl:6: string or '}' expected near '}'" \
    "$SB" analyze --jsonl --count "$TMP/bad.jsonl"
"$SB" analyze --jsonl --count "$TMP/bad.jsonl" > "$TMP/count" 2> "$TMP/messages"
expect_out "bad records: the count" '{"records":7,"bytes":54,"tokens":10,"terms":20,"skipped":15}' cat "$TMP/count"
B="songbad: $TMP/bad.jsonl"
expect_out "bad records: every message" "$B:6: string or '}' expected near '}'
$B:7: '}' expected near '\"title\"'
$B:8: duplicate object key near '\"body\"'
$B:9: duplicate object key near '\"body\"'
$B:10: invalid Unicode '\\uD83D' near '\"\\ud83d x\"'
$B:11: invalid Unicode '\\uDE00' near '\"\\ude00\"'
$B:12: \\u0000 is not allowed without JSON_ALLOW_NUL near '\"a\\u0000b\"'
$B:13: invalid escape near '\"bad \\x'
$B:14: too big integer near '12345678901234567890'
$B:15: not a JSON object
$B:16: '[' or '{' expected near '\"just a string\"'
$B:17: premature end of input near '\"unterminated'
$B:19: control character 0x9 near '\"tab'
$B:20: unable to decode byte 0xff near '\"bad'
$B:21: '[' or '{' expected near '﻿'" cat "$TMP/messages"
expect_out "stdin gives the same count" '{"records":7,"bytes":54,"tokens":10,"terms":20,"skipped":15}' \
    sh -c "$SB analyze --jsonl --count - < $TMP/bad.jsonl 2>/dev/null || true"
expect_true "per-token output: same records as the count" \
    sh -c "test \$($SB analyze --jsonl $TMP/bad.jsonl 2>/dev/null | wc -l) = 10"

: > "$TMP/empty.jsonl"
expect_out "empty file" '{"records":0,"bytes":0,"tokens":0,"terms":0,"skipped":0}' \
    "$SB" analyze --jsonl --count "$TMP/empty.jsonl"
expect_fail "missing file" 4 "songbad: $TMP/none.jsonl: No such file or directory" \
    "$SB" analyze --jsonl --count "$TMP/none.jsonl"
expect_out "--count of a plain text" '{"bytes":19,"tokens":2,"terms":4}' sh -c "printf 'কাজ করে' | $SB analyze --count"
expect_out "--loose and --no-stopwords" "0	0-18	bengali	সরকারি	key=srkri
1	19-28	bengali	করে	stem=কর	key=kra" sh -c "printf 'সরকারী করে' | $SB analyze --loose --no-stopwords"
expect_out "--count of an empty text" '{"bytes":0,"tokens":0,"terms":0}' "$SB" analyze --count "$TMP/empty.jsonl"
t_end
