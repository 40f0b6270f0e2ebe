# lib.sh - helpers for the CLI tests, sourced by test/cli/*.sh. Each check
# runs a command and compares its stdout, stderr or exit status exactly;
# t_end prints "NAME: P/T passed" for test/run.sh.
SB=${SONGBAD:-build/songbad}
# hosts that load the extension (sqlite3, python) need the sanitizer runtimes
# first when it was built with them (make test SANITIZE=1)
case "$SB" in
*/san/*) HOST_ENV="env LD_PRELOAD=$(gcc -print-file-name=libasan.so):$(gcc -print-file-name=libubsan.so) ASAN_OPTIONS=detect_leaks=0" ;;
*) HOST_ENV="" ;;
esac
T_NAME=unnamed; T_PASS=0; T_TOTAL=0
TMP=$(mktemp -d); trap 'rm -rf "$TMP"' EXIT

t_begin() { T_NAME=$1; }
t_result() { # ok?, description
    T_TOTAL=$((T_TOTAL + 1))
    if [ "$1" = 0 ]; then T_PASS=$((T_PASS + 1)); else echo "FAIL: $2" >&2; fi
}
# expect_out DESC WANT CMD... : stdout equals WANT (trailing newline ignored), exit 0
expect_out() {
    desc=$1; want=$2; shift 2
    got=$("$@" 2>"$TMP/err"); rc=$?
    if [ "$rc" = 0 ] && [ "$got" = "$want" ]; then t_result 0 "$desc"
    else t_result 1 "$desc: exit $rc, got [$got] want [$want] $(cat "$TMP/err")"; fi
}
# expect_fail DESC CODE STDERR CMD... : exit status CODE and stderr's first line
expect_fail() {
    desc=$1; code=$2; want=$3; shift 3
    "$@" >"$TMP/out" 2>"$TMP/err"; rc=$?
    got=$(head -n 1 "$TMP/err")
    if [ "$rc" = "$code" ] && [ "$got" = "$want" ]; then t_result 0 "$desc"
    else t_result 1 "$desc: exit $rc (want $code), stderr [$got] want [$want]"; fi
}
# expect_true DESC CMD... : the command succeeds
expect_true() {
    desc=$1; shift
    if "$@"; then t_result 0 "$desc"; else t_result 1 "$desc"; fi
}
t_end() { echo "$T_NAME: $T_PASS/$T_TOTAL passed"; [ "$T_PASS" = "$T_TOTAL" ]; }
