#!/bin/sh
# deps.sh [--ensure|--list] - the Debian 12 packages songbad needs to build
# and test. --ensure installs the missing ones when run as root (otherwise it
# prints the apt-get line to run and fails); --list prints them.
PACKAGES="gcc make libc6-dev pkg-config python3 libjansson-dev libsqlite3-dev sqlite3"

missing=""
for p in $PACKAGES; do
    status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)
    case "$status" in
        *"install ok installed"*) ;;
        *) missing="$missing $p" ;;
    esac
done

case "${1:---ensure}" in
--list) echo $PACKAGES; exit 0 ;;
--ensure) ;;
*) echo "usage: deps.sh [--ensure|--list]" >&2; exit 2 ;;
esac

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
