#!/bin/sh
# valgrind-wrap.sh ARGS... - runs songbad under valgrind, for `make
# valgrind`, which points the CLI tests' $SONGBAD at a link to this script
# in the build folder (build/songbad-valgrind). The binary is
# $SONGBAD_VALGRIND_BIN (default build/songbad). Any memory error or
# definite leak makes the exit status 99, so the test that ran it fails;
# valgrind's report goes to stderr.
exec valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite \
    --show-leak-kinds=definite "${SONGBAD_VALGRIND_BIN:-build/songbad}" "$@"
