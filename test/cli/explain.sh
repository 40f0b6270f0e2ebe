#!/bin/sh
# explain.sh - `songbad explain`: the clauses of a query as search reads them
# (text, --json, --tsquery), with no database, and its errors.
. test/cli_lib.sh
t_begin cli_explain

expect_out "words: each with its alternatives and weights" \
"optional word 0: লাভরভের 1.00 | লাভরভ 1.00 | #lvrv 0.35 | লাভরভ* 0.60
optional word 1: সফর 1.00 | #sfr 0.35 | সফর* 0.60" "$SB" explain 'লাভরভের সফর'
expect_out "a phrase, a field with a prefix, a Latin name, an excluded word" \
'required phrase: "উত্তর কোরিয়া" 1.50
required word 0 (headline): সফর* 1.00
optional word 1: lavrov 1.00 | #lvrv 0.35 | #lvrv* 0.25
excluded word: বাতিল | #btil' "$SB" explain '"উত্তর কোরিয়া"' title:সফর* Lavrov -বাতিল
expect_out "stopwords: the context phrases of a question" \
'optional word 0: আহত 1.00 | #at 0.35 | আহত* 0.60
context phrase: "উভয় পক্ষে আহত" 2.00
context phrase: "আহত হয়েছেন কতজন" 2.00
a question: ranked without the early-words factor' "$SB" explain উভয় পক্ষে আহত হয়েছেন কতজন?
expect_out "--tsquery, with the source: clauses apart" \
"('ঢাকা' | '#dka' | 'ঢাকা':*)
source: ('এএফপি' | '#afpi' | 'এএফপি':*)" "$SB" explain --tsquery source:এএফপি ঢাকা
expect_out "--json" \
'{"words":1,"question":false,"clauses":[{"role":"required","field":null,"phrase":true,"weight":1.5,"first_word":0,"nwords":0,"terms":[{"text":"ঢাকা","prefix":false,"highlight":true},{"text":"সফর","prefix":false,"highlight":true}]},{"role":"optional","field":null,"phrase":false,"first_word":0,"nwords":1,"terms":[{"text":"সফর","prefix":false,"weight":1.0,"word":0,"highlight":true},{"text":"#sfr","prefix":false,"weight":0.35,"word":0,"highlight":true},{"text":"সফর","prefix":true,"weight":0.6,"word":0,"highlight":true}]}]}' \
    "$SB" explain --json 'সফর "ঢাকা সফর"'
expect_true "--json is valid JSON" sh -c "$SB explain --json 'Lavrov \"ঢাকা\" -x' | /usr/bin/python3 -c 'import json,sys; json.load(sys.stdin)'"

expect_fail "bad query: unterminated quote" 2 \
    "songbad: bad query: unterminated quote (at character 1 of the query)" "$SB" explain '"ঢাকা'
expect_fail "bad query: only excluded words" 2 \
    "songbad: bad query: a query needs at least one word that is not excluded" "$SB" explain -- -ঢাকা
expect_fail "no query" 2 "songbad: explain needs a query" "$SB" explain
expect_fail "unknown option" 2 "songbad: explain: unknown option '--bogus'" "$SB" explain --bogus x
expect_fail "--json and --tsquery" 2 "songbad: explain takes --json or --tsquery, not both" \
    "$SB" explain --json --tsquery x
expect_fail "invalid UTF-8" 3 "songbad: query: invalid UTF-8 at byte 1" "$SB" explain "$(printf 'a\377')"
t_end
