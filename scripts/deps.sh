#!/bin/sh
# deps.sh [--ensure|--ensure-pg|--ensure-web|--ensure-bench|--list] - the Debian 12 packages songbad
# needs. --ensure checks those that `make demo` and `make test` need,
# --ensure-pg those of the PostgreSQL extension (`make pg-test`), --ensure-web
# those of the browser tests (test/web), --ensure-bench those of `make
# bench`; missing
# ones are installed when run as root, otherwise the apt-get line to run is
# printed and the script fails. --list prints every package the tests need
# (for CI; the benchmarks' peers are left to --ensure-bench).
PACKAGES="gcc make libc6-dev pkg-config python3 libjansson-dev libsqlite3-dev sqlite3 libmicrohttpd-dev libpq-dev"
# the browser tests of `songbad serve` (test/web); they also need node and
# npm (.ci/run installs Debian's when missing) and `npm ci --prefix test/web`
WEB_PACKAGES="chromium fonts-noto-core"
PG_PACKAGES="postgresql-15 postgresql-server-dev-15"
# CI's robustness runs: `make fuzz` (libFuzzer) and `make valgrind`
CHECK_PACKAGES="clang valgrind"
# `make bench`: the peers (utf8proc and ICU for bench/norm_bench.c, Lucene 8
# for bench/analyze_bench.sh)
BENCH_PACKAGES="libutf8proc-dev libicu-dev liblucene8-java default-jdk-headless"

case "${1:---ensure}" in
--list) echo $PACKAGES $PG_PACKAGES $WEB_PACKAGES $CHECK_PACKAGES; exit 0 ;;
--ensure) want=$PACKAGES ;;
--ensure-pg) want=$PG_PACKAGES ;;
--ensure-web) want=$WEB_PACKAGES ;;
--ensure-bench) want=$BENCH_PACKAGES ;;
*) echo "usage: deps.sh [--ensure|--ensure-pg|--ensure-web|--ensure-bench|--list]" >&2; exit 2 ;;
esac

missing=""
for p in $want; do
    status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)
    case "$status" in
        *"install ok installed"*) ;;
        *) missing="$missing $p" ;;
    esac
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ]; then
    echo "deps: installing$missing"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q && apt-get install -y -q --no-install-recommends $missing
else
    echo "deps: missing packages; run as root:" >&2
    echo "  apt-get install -y$missing" >&2
    exit 1
fi
