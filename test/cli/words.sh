#!/bin/sh
# words.sh - `songbad stem` and `songbad key` (words as arguments, lines of a
# file or of stdin, one line out for each) and `songbad romanize`.
. test/cli_lib.sh
t_begin cli_words

expect_out "stem: words as arguments" "সফর
কোরিয়া
বেইজিং" "$SB" stem সফরের কোরিয়াকে বেইজিংয়ে
expect_out "stem: a phrase is one line" "উত্তর কোরিয়া" "$SB" stem "উত্তর কোরিয়ার"
expect_out "stem: lines of stdin" "সফর
পিয়ংইয়ং" sh -c "printf 'সফরে\nপিয়ংইয়ংয়ের\n' | $SB stem"
expect_out "stem: - is stdin" "সফর" sh -c "printf 'সফরে' | $SB stem -"
printf 'ল্যাভরভ\nLavrov\n\nপিয়ংইয়ংয়ে\n' > "$TMP/names.txt"
expect_out "key: --file, an empty line stays" "lvrv
lvrv

pn" "$SB" key --file "$TMP/names.txt"
expect_out "key: -f=" "lvrv" sh -c "head -n 1 $TMP/names.txt > $TMP/one.txt; $SB key --file=$TMP/one.txt"
expect_out "key: names as arguments, both scripts" "lvrv
lvrv
pn
pn
bijin" "$SB" key ল্যাভরভ Lavrov Pyongyang পিয়ংইয়ংয়ে বেইজিংয়ের
expect_out "key: -- before a word that starts with -" "lvrv" "$SB" key -- Lavrov
expect_fail "key: words and --file" 2 "songbad: key: give words or --file, not both" "$SB" key --file "$TMP/names.txt" Lavrov
expect_fail "key: --file without a name" 2 "songbad: key: --file needs a file name" "$SB" key --file
expect_fail "stem: invalid UTF-8 in an argument" 3 "songbad: argument 2: invalid UTF-8 at byte 1" "$SB" stem সফর "$(printf 'a\377')"
expect_out "stem: --lenient argument (U+FFFD is no word)" "a" "$SB" stem --lenient "$(printf 'a\377')"

printf 'পুতিন ল্যাভরভ, ১৮ অক্টোবর।\nAFP\n' > "$TMP/rom.txt"
expect_out "romanize: readable" "putin lyabhrobh, 18 oktobor.
AFP" "$SB" romanize "$TMP/rom.txt"
expect_out "romanize --iso: strict ISO 15919" "putina lyābharabha, 18 akṭōbara.
AFP" "$SB" romanize --iso "$TMP/rom.txt"
expect_out "romanize: stdin, both encodings of য় and ো" "kōriẏā kōriẏā" sh -c \
    "printf '\340\246\225\340\247\213\340\246\260\340\246\277\340\247\237\340\246\276 \340\246\225\340\247\207\340\246\276\340\246\260\340\246\277\340\246\257\340\246\274\340\246\276' | $SB romanize --iso -"
expect_out "romanize: empty input" "" sh -c "printf '' | $SB romanize"
printf 'কলম\377' > "$TMP/bad.txt"
expect_fail "romanize: invalid UTF-8" 3 "songbad: $TMP/bad.txt: invalid UTF-8 at byte 9" "$SB" romanize "$TMP/bad.txt"
expect_out "romanize --lenient" "kolom�" "$SB" romanize --lenient "$TMP/bad.txt"
expect_fail "romanize: unknown option" 2 "songbad: romanize: unknown option '--x'" "$SB" romanize --x
t_end
