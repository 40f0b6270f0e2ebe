#!/bin/sh
# robust_disk.sh - ingest into a full disk (a 2 MB tmpfs) and into a
# read-only database. A full disk stops the ingest with exit status 4 and
# SQLite's "database or disk is full"; the database stays sound and keeps
# every batch committed before; a rerun with room completes it, each article
# once. A read-only database (folder) refuses ingest with exit status 4 and
# can still be searched. Mounting needs root: otherwise the disk-full checks
# are skipped (counted as passed unless SONGBAD_REQUIRE_ROOT_TESTS is set)
# and the read-only ones use file permissions.
. test/cli_lib.sh
t_begin robust_disk
SQL="$HOST_ENV sqlite3"
MNT=$TMP/mnt
mkdir -p "$MNT"
root=0
[ "$(id -u)" = 0 ] && mount -t tmpfs -o size=2m songbad-test "$MNT" 2>/dev/null && root=1
cleanup() { [ "$root" = 1 ] && umount "$MNT" 2>/dev/null; rm -rf "$TMP"; }
trap cleanup EXIT

ids() { sed -E 's/^\{"id": "([^"]*)".*/\1/' "$1" | sort; }
db_ids() { $SQL "$1" 'SELECT id FROM articles' | sort; }
skip() { # description
    if [ -n "$SONGBAD_REQUIRE_ROOT_TESTS" ]; then t_result 1 "$1: needs root (mount)"
    else echo "skip: $1 (needs root to mount a tmpfs)"; t_result 0 "$1"; fi
}

awk -v N=1000 -f test/fault/corpus.awk test/data/search_news.jsonl > "$TMP/big.jsonl"
head -n 300 "$TMP/big.jsonl" > "$TMP/small.jsonl"
ids "$TMP/small.jsonl" > "$TMP/small.ids"
ids "$TMP/big.jsonl" > "$TMP/big.ids"

# ---- disk full ----
if [ "$root" = 1 ]; then
    DB=$MNT/news.db
    expect_true "300 articles fit" sh -c "$SB ingest --quiet --db $DB $TMP/small.jsonl"
    $SB ingest --quiet --db "$DB" "$TMP/big.jsonl" > "$TMP/full.out" 2> "$TMP/full.err"
    expect_out "disk full: exit status 4" 4 echo $?
    expect_out "disk full: the message" "songbad: $DB: database or disk is full" \
        sh -c "head -n 1 $TMP/full.err | sed -E 's/: [a-z ]+: database or disk is full/: database or disk is full/'"
    expect_out "disk full: integrity_check" ok $SQL "$DB" 'PRAGMA integrity_check'
    expect_true "disk full: the committed articles are there" sh -c "
        $SQL $DB 'SELECT id FROM articles' | sort > $TMP/got.ids && cmp -s $TMP/got.ids $TMP/small.ids"
    mount -o remount,size=64m "$MNT"
    expect_true "room again: the rerun succeeds" sh -c "$SB ingest --quiet --db $DB $TMP/big.jsonl"
    expect_true "room again: every article exactly once" sh -c "
        $SQL $DB 'SELECT id FROM articles' | sort > $TMP/got.ids && cmp -s $TMP/got.ids $TMP/big.ids"
    expect_out "room again: integrity_check" ok $SQL "$DB" 'PRAGMA integrity_check'
    rm -f "$DB" "$DB-wal" "$DB-shm"
else
    for c in "300 articles fit" "disk full: exit status 4" "disk full: the message" \
             "disk full: integrity_check" "disk full: the committed articles are there" \
             "room again: the rerun succeeds" "room again: every article exactly once" \
             "room again: integrity_check"; do skip "$c"; done
fi

# ---- read-only ----
RO=$MNT/ro
mkdir -p "$RO"
DB=$RO/news.db
expect_true "read-only: set up" sh -c "$SB ingest --quiet --db $DB $TMP/small.jsonl"
if [ "$root" = 1 ]; then mount -o remount,ro "$MNT"
else chmod 444 "$DB"; chmod 555 "$RO"; fi
expect_fail "read-only: ingest refused" 4 \
    "songbad: $DB: cannot write: the database or its folder is read-only" \
    $SB ingest --db "$DB" "$TMP/small.jsonl"
expect_fail "read-only folder: a new database refused" 4 \
    "songbad: $RO/new.db: cannot open: unable to open database file" \
    $SB ingest --db "$RO/new.db" "$TMP/small.jsonl"
expect_out "read-only: search works" "g1-a4" sh -c "$SB search --db $DB --limit 1 'ল্যাভরভের সফর' | sed -n 's/^ *id: //p'"
expect_out "read-only: stats works" "articles          300" sh -c "$SB stats --db $DB | head -n 1"
expect_out "read-only: nothing changed" ok $SQL "file:$DB?immutable=1" 'PRAGMA integrity_check'
if [ "$root" = 1 ]; then mount -o remount,rw "$MNT"
else chmod 755 "$RO"; chmod 644 "$DB"; fi
t_end
