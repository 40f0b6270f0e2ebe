#!/bin/sh
# test/run.sh BUILD_DIR - runs every test program and CLI test script, then
# prints the closing line "N passed, N failed" (checks, summed over suites).
# Exit status is non-zero if any check or suite failed.
build=${1:-build}
export SONGBAD="$build/songbad"
passed=0; failed=0; broken=0
log=$(mktemp); trap 'rm -f "$log"' EXIT
run() { # name, command...
    name=$1; shift
    "$@" >"$log" 2>&1; rc=$?
    cat "$log"
    line=$(grep -E '^[A-Za-z0-9_./-]+: [0-9]+/[0-9]+ passed$' "$log" | tail -1)
    if [ -z "$line" ]; then
        echo "$name: no result line (exit $rc)"; broken=$((broken + 1)); failed=$((failed + 1)); return
    fi
    p=$(echo "$line" | sed -E 's/.*: ([0-9]+)\/([0-9]+) passed/\1/')
    t=$(echo "$line" | sed -E 's/.*: ([0-9]+)\/([0-9]+) passed/\2/')
    passed=$((passed + p)); failed=$((failed + t - p))
    if [ "$rc" != 0 ] && [ "$p" = "$t" ]; then
        echo "$name: exit status $rc"; failed=$((failed + 1))
    fi
}
for t in "$build"/test/unit/* "$build"/test/conformance/*; do
    [ -x "$t" ] || continue
    run "$(basename "$t")" "$t"
done
for t in "$build"/test/fuzz/fuzz_*; do
    [ -x "$t" ] || continue
    n=$(basename "$t"); run "$n" "$t" "test/fuzz/corpus/${n#fuzz_}"
done
for t in test/cli/*.sh; do
    [ -f "$t" ] || continue
    run "$(basename "$t")" sh "$t"
done
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
