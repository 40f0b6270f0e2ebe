#!/bin/sh
# parse.sh - `songbad parse`: readable and JSON output, --date, --jsonl with
# bad records, invalid UTF-8, usage errors.
. test/cli_lib.sh
t_begin cli_parse

printf 'নদীতে ফেরিডুবি, নিখোঁজ ৫\nআজ সকালে পদ্মায় একটি ফেরি ডুবে যায়।\nডুবে যাওয়া ফেরি। ছবি: বাসস\n[বিজ্ঞাপন_১]\n' > "$TMP/a.txt"
expect_out "readable output" "$(printf 'published\t2024-07-01
headline\t0-64\tনদীতে ফেরিডুবি, নিখোঁজ ৫
lead\t65-164\tআজ সকালে পদ্মায় একটি ফেরি ডুবে যায়।
caption\t165-236\tডুবে যাওয়া ফেরি। ছবি: বাসস
  agency\t224-236\tBSS (বাসস)
boilerplate\t237-267\t[বিজ্ঞাপন_১]
date\t2024-07-01\tday\trelative\t65-71\tআজ')" "$SB" parse --date 2024-07-01 "$TMP/a.txt"
expect_out "JSON from stdin" '{"headline":"নদীতে ফেরিডুবি, নিখোঁজ ৫","lead":"আজ সকালে পদ্মায় একটি ফেরি ডুবে যায়।","paragraphs":["আজ সকালে পদ্মায় একটি ফেরি ডুবে যায়।"],"captions":[{"text":"ডুবে যাওয়া ফেরি। ছবি: বাসস","credit":"BSS"}],"byline":{"authors":[],"agencies":[],"desks":[],"places":[],"sources":[]},"agencies":["BSS"],"boilerplate":["[বিজ্ঞাপন_১]"],"dates":[{"value":null,"granularity":"day","kind":"relative","text":"আজ","start":65,"end":71,"part":1}],"parts":[{"kind":"headline","start":0,"end":64,"line":0,"lines":1},{"kind":"paragraph","start":65,"end":164,"line":1,"lines":1},{"kind":"caption","start":165,"end":236,"line":2,"lines":1},{"kind":"boilerplate","start":237,"end":267,"line":3,"lines":1}]}' sh -c "$SB parse --json - < $TMP/a.txt"
expect_out "empty input" '{"headline":null,"lead":null,"paragraphs":[],"captions":[],"byline":{"authors":[],"agencies":[],"desks":[],"places":[],"sources":[]},"agencies":[],"boilerplate":[],"dates":[],"parts":[]}' sh -c "printf '' | $SB parse --json"
expect_out "no structure: one paragraph" "lead	0-32	এক লাইন শুধু" sh -c "printf 'এক লাইন শুধু' | $SB parse"

# JSON Lines: good records are written, bad ones reported and skipped
printf '%s\n' '{"id":"a","body":"আজ হরতাল।","date":"2024-02-02"}' '{"id":"b","body": "অসমাপ্ত' '' '{"id":"c"}' '[1]' '{"id":"d","body":"দ্বিতীয় ভালো রেকর্ড।","x":[1,2]}' > "$TMP/r.jsonl"
"$SB" parse --jsonl "$TMP/r.jsonl" > "$TMP/out" 2> "$TMP/jerr"; rc=$?
expect_out "jsonl: exit 3 when records were skipped" 3 echo "$rc"
expect_out "jsonl: good records written" "a
d" sh -c "sed 's/^{\"id\":\"\\([a-z]\\)\".*/\\1/' $TMP/out"
expect_out "jsonl: extra fields kept" 1 sh -c "grep -c '\"extra\":{\"x\":\\[1,2\\]}}\$' $TMP/out"
expect_out "jsonl: bad records named by line" "songbad: $TMP/r.jsonl:2: premature end of input
songbad: $TMP/r.jsonl:4: no \"body\"
songbad: $TMP/r.jsonl:5: not a JSON object" cat "$TMP/jerr"
printf '{"body":"ভালো\377"}\n' > "$TMP/bad.jsonl"
expect_fail "jsonl: invalid UTF-8 in a record" 3 "songbad: $TMP/bad.jsonl:1: invalid UTF-8 at byte 21" "$SB" parse --jsonl "$TMP/bad.jsonl"
expect_out "jsonl: --lenient repairs it" 1 sh -c "$SB parse --jsonl --lenient $TMP/bad.jsonl | grep -c 'ভালো\\\\\\\\\\|ভালো�'"

# invalid UTF-8 in a text: an error unless --lenient
printf 'ভালো\377শব্দ\n' > "$TMP/ff.txt"
expect_fail "invalid UTF-8" 3 "songbad: $TMP/ff.txt: invalid UTF-8 at byte 12" "$SB" parse "$TMP/ff.txt"
expect_out "lenient: kept, written as U+FFFD" '"lead":"ভালো�শব্দ"' sh -c "$SB parse --json --lenient $TMP/ff.txt | grep -o '\"lead\":\"[^\"]*\"'"

# usage
expect_fail "bad --date" 2 "songbad: --date: '2024-02-30' is not a date (YYYY-MM-DD)" "$SB" parse --date 2024-02-30 "$TMP/a.txt"
expect_fail "--date needs a value" 2 "songbad: --date needs a value" "$SB" parse --date
expect_fail "unknown option" 2 "songbad: parse: unknown option '--frob'" "$SB" parse --frob
expect_fail "two files" 2 "songbad: parse: one input file at a time" "$SB" parse a b
expect_fail "missing file" 4 "songbad: $TMP/none.txt: No such file or directory" "$SB" parse "$TMP/none.txt"
expect_true "man page has parse" grep -q '^\.B parse' "$(dirname "$SB")/songbad.1"
t_end
