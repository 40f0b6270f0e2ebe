#!/bin/sh
# normalize.sh - `songbad normalize`, --help, --version and usage errors.
. test/cli_lib.sh
t_begin cli_normalize

printf 'কোরিয়ার ১৮ অক্টোবর AFP' > "$TMP/a.txt"   # য় precomposed
expect_out "search level (default)" "$(printf 'কোরি\340\246\257\340\246\274ার 18 অক্টোবর afp')" "$SB" normalize "$TMP/a.txt"
expect_out "nfd decomposes ো" "$(printf 'ক\340\247\207\340\246\276')" sh -c "printf 'কো' | $SB normalize --level nfd"
expect_out "loose from stdin" "সরকারি ঘন্টা" sh -c "printf 'সরকারী ঘণ্টা' | $SB normalize --level=loose -"
expect_out "nfc keeps Bengali digits" "১৮" sh -c "printf '১৮' | $SB normalize --level nfc"
expect_out "khanda ta" "উৎস" sh -c "printf 'উত\340\247\215\342\200\215স' | $SB normalize"
expect_out "empty input" "" sh -c "printf '' | $SB normalize"
expect_true "NUL bytes are data" sh -c "printf 'a\000b' | $SB normalize | od -An -c | grep -q 'a  \\\\0   b'"

# usage and help
expect_out "--help on stdout" "NAME" sh -c "$SB --help | head -n 1"
expect_out "--version" "songbad 0.1.0 (Unicode 15.1.0)" "$SB" --version
expect_fail "no command" 2 "songbad: no command given" "$SB"
expect_fail "unknown command" 2 "songbad: unknown command 'frobnicate'" "$SB" frobnicate
expect_fail "bad level" 2 "songbad: unknown level 'nfkc' (nfc, nfd, search, loose)" "$SB" normalize --level nfkc
expect_fail "missing value" 2 "songbad: --level needs a value" "$SB" normalize --level
expect_fail "unknown option" 2 "songbad: normalize: unknown option '--frob'" "$SB" normalize --frob
expect_fail "missing file" 4 "songbad: $TMP/none.txt: No such file or directory" "$SB" normalize "$TMP/none.txt"
expect_fail "a directory" 4 "songbad: $TMP: read error: Is a directory" "$SB" normalize "$TMP"

# the man page comes from the same source as --help
expect_true "man page has every command" sh -c "for c in normalize segment stem key romanize analyze parse ingest search show stats dups; do grep -q \"^\\.B \$c\" build/songbad.1 || grep -q \"^\\.B \$c\" build/san/songbad.1 || exit 1; done"
t_end
