#!/bin/sh
# robust_fault.sh - runs the fault-injection sweep (test/fault/fault.c, built
# by `make test` next to the songbad binary under test): every library
# operation with its N-th allocation failing, for every N. It prints its own
# result line, "fault: P/T passed". Under the sanitizer build only every
# third N is tried unless SONGBAD_FAULT_STRIDE says otherwise.
SB=${SONGBAD:-build/songbad}
bin=$(dirname "$SB")/test/fault/fault
case "$SB" in
*/san/*) : "${SONGBAD_FAULT_STRIDE:=3}"; export SONGBAD_FAULT_STRIDE ;;
esac
if [ ! -x "$bin" ]; then
    echo "robust_fault: $bin is missing (make test builds it)" >&2
    echo "fault: 0/1 passed"
    exit 1
fi
exec "$bin"
