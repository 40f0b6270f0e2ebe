#!/bin/sh
# ingest.sh - bad input for `songbad ingest`: every valid record lands, every
# bad one is reported as FILE:LINE: reason, nothing is corrupted.
. test/cli_lib.sh
t_begin cli_ingest
PY=/usr/bin/python3
DB=$TMP/t.db

# broken JSON, missing body, a non-object, invalid UTF-8, an empty line
{
    printf '{"id":"g1","body":"প্রথম বৈধ খবর।"}\n'
    printf '{"id":"b1","body":"ভাঙা\n'
    printf '{"id":"b2","title":"শিরোনাম শুধু"}\n'
    printf '[1,2,3]\n'
    printf '{"id":"b3","body":"\377\376"}\n'
    printf '\n'
    printf '{"id":"g2","body":"দ্বিতীয় বৈধ খবর।"}\n'
} > "$TMP/mixed.jsonl"
expect_fail "bad records: exit 3, first reason" 3 "songbad: $TMP/mixed.jsonl:2: premature end of input near '\"ভাঙা'" $SB ingest --db "$DB" "$TMP/mixed.jsonl"
expect_out "every reason names its line" "$TMP/mixed.jsonl:2
$TMP/mixed.jsonl:3
$TMP/mixed.jsonl:4
$TMP/mixed.jsonl:5" sh -c "$SB ingest --db $TMP/t2.db $TMP/mixed.jsonl 2>&1 >/dev/null | sed -n 's/^songbad: \([^ ]*\):.*/\1/p'"
expect_out "the valid records landed" "g1 g2" sh -c "sqlite3 $DB 'SELECT id FROM articles ORDER BY id' | tr '\n' ' ' | sed 's/ $//'"

# a directory: articles are read recursively, binary files are reported
mkdir -p "$TMP/dir/sub"
printf 'বৃষ্টির খবর\nআজ ঢাকায় ভারী বৃষ্টি হয়েছে।\n' > "$TMP/dir/a.txt"
printf 'রোদের খবর\nকাল রোদ উঠবে।\n' > "$TMP/dir/sub/b.txt"
printf '\177ELF\002\001\001\000\377\376' > "$TMP/dir/sub/c.txt"
printf 'not an article' > "$TMP/dir/notes.md"
expect_fail "directory with a binary file" 3 "songbad: $TMP/dir/sub/c.txt: invalid UTF-8 at byte 8" $SB ingest --db "$DB" "$TMP/dir"
expect_out "its articles landed, named by path" "$TMP/dir/a.txt $TMP/dir/sub/b.txt" sh -c "sqlite3 $DB \"SELECT id FROM articles WHERE id LIKE '%.txt' ORDER BY id\" | tr '\n' ' ' | sed 's/ $//'"
: > "$TMP/empty.jsonl"
expect_fail "empty file" 3 "songbad: $TMP/empty.jsonl: empty file" $SB ingest --db "$DB" "$TMP/empty.jsonl"
expect_fail "missing file" 3 "songbad: $TMP/none.jsonl: No such file or directory" $SB ingest --db "$DB" "$TMP/none.jsonl"
expect_fail "usage" 2 "songbad: ingest needs --db DB and at least one PATH" $SB ingest "$TMP/mixed.jsonl"

# stdin, and the same text under another id is not added twice
expect_out "stdin, duplicate content" "ingest: 1 added, 0 replaced, 0 already present, 1 duplicate content, 0 bad" sh -c \
    "printf '{\"id\":\"s1\",\"body\":\"একই খবর।\"}\n{\"id\":\"s2\",\"body\":\"একই খবর।\"}\n' | $SB ingest --db $DB - | sed 's/;.*//'"

# a read-only database file, and a database locked by another writer
cp "$DB" "$TMP/ro.db"; chmod 444 "$TMP/ro.db"
if [ "$(id -u)" != 0 ]; then
    expect_fail "read-only database" 4 "songbad: $TMP/ro.db: cannot run statement: attempt to write a readonly database" $SB ingest --db "$TMP/ro.db" "$TMP/mixed.jsonl"
fi
expect_out "search works on a read-only file" "g1" sh -c "$SB search --db $TMP/ro.db --json প্রথম | $PY -c 'import json,sys; print(json.load(sys.stdin)[\"id\"])'"
$PY - "$DB" <<'PY' &
import sqlite3, sys, time
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("BEGIN IMMEDIATE"); c.execute("CREATE TABLE IF NOT EXISTS lock_holder(x)")
time.sleep(14)
c.execute("ROLLBACK")
PY
holder=$!
sleep 1
expect_fail "locked by another writer" 4 "songbad: $DB: cannot run statement: database is locked" $SB ingest --db "$DB" "$TMP/dir/a.txt"
wait $holder

# a newer schema is refused
sqlite3 "$DB" "UPDATE meta SET value = '99' WHERE key = 'schema_version'"
expect_fail "newer schema" 4 "songbad: $DB: written by a newer songbad (schema 99); this songbad 0.1.0 reads schema 1" $SB search --db "$DB" খবর
expect_fail "not a songbad database" 4 "songbad: $TMP/other.db: not a songbad database (it has other tables)" sh -c "sqlite3 $TMP/other.db 'CREATE TABLE x(y)'; $SB search --db $TMP/other.db খবর"

# SIGKILL in the middle of a batch: the file stays sound and a rerun completes
$PY - "$TMP/many.jsonl" <<'PY'
import json, random, sys
random.seed(7)
words = "নদী বৃষ্টি বন্দর জাহাজ নির্বাচন বাজেট ক্রিকেট সফর বৈঠক চুক্তি শিক্ষা হাসপাতাল সড়ক সেতু বিদ্যুৎ গ্যাস বাজার চাল পেঁয়াজ আদালত".split()
with open(sys.argv[1], "w", encoding="utf-8") as f:
    for i in range(6000):
        body = " ".join(random.choice(words) for _ in range(60)) + f" খবর{i}।"
        f.write(json.dumps({"id": f"m{i}", "title": f"খবর {i}", "body": body}, ensure_ascii=False) + "\n")
PY
for run in 1 2 3; do
    $SB ingest --db "$TMP/k.db" --quiet "$TMP/many.jsonl" > /dev/null 2>&1 &
    pid=$!
    sleep 0.$((run * 3))
    kill -9 $pid 2>/dev/null
    wait $pid 2>/dev/null
    expect_out "killed ingest $run: integrity" "ok" sqlite3 "$TMP/k.db" "PRAGMA integrity_check"
done
expect_out "rerun completes" "6000" sh -c "$SB ingest --db $TMP/k.db --quiet $TMP/many.jsonl > /dev/null; sqlite3 $TMP/k.db 'SELECT count(*) FROM articles'"
expect_out "index matches the table" "ok" $HOST_ENV sqlite3 "$TMP/k.db" ".load $(dirname "$SB")/songbad" "INSERT INTO fts(fts, rank) VALUES('integrity-check', 1); SELECT 'ok'"
# JSON Lines are read as they stream: a record over the 64 MB limit between
# two good ones is reported by line and skipped unparsed, the others land
$PY - "$TMP/bigrec.jsonl" <<'PY'
import json, sys
with open(sys.argv[1], "w", encoding="utf-8") as f:
    f.write(json.dumps({"id": "before", "title": "আগে", "body": "বড় খবরের আগের খবর।"}, ensure_ascii=False) + "\n")
    f.write('{"id": "huge", "body": "' + "ক" * (23 * 1024 * 1024) + '"}\n')
    f.write(json.dumps({"id": "after", "title": "পরে", "body": "বড় খবরের পরের খবর।"}, ensure_ascii=False) + "\n")
PY
expect_fail "a 69 MB record: by line" 3 "songbad: $TMP/bigrec.jsonl:2: record of 72351770 bytes: more than the 64 MB a record may have" $SB ingest --quiet --db "$TMP/big.db" "$TMP/bigrec.jsonl"
expect_out "a 69 MB record: the others land" "after
before" sqlite3 "$TMP/big.db" "SELECT id FROM articles ORDER BY id"
rm -f "$TMP/bigrec.jsonl"
t_end
