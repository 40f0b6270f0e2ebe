#!/bin/sh
# ingest_threads.sh - `songbad ingest --threads 2` (JSON Lines read, parsed
# and analyzed on a second thread, cli/ingest_ahead.c, src/add_prepare.c)
# gives the same database, messages and exit status as --threads 1.
. test/cli_lib.sh
t_begin cli_ingest_threads
PY=/usr/bin/python3

# the golden articles as records, three times over under other ids, with
# bad records and repeats between
$PY - test/golden/articles "$TMP/many.jsonl" <<'PY'
import json, os, sys
src, out = sys.argv[1], sys.argv[2]
names = sorted(n for n in os.listdir(src) if n.endswith(".txt"))
with open(out, "w", encoding="utf-8") as f:
    for rnd in range(3):
        for k, n in enumerate(names):
            text = open(os.path.join(src, n), encoding="utf-8").read()
            head, _, body = text.partition("\n")
            rec = {"id": "%s-%d" % (n, rnd), "title": head, "body": body or head, "source": "test"}
            if rnd:  # a near copy: one more paragraph
                rec["body"] += "\n\nসংস্করণ %d, অনুচ্ছেদ %d।" % (rnd, k)
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
            if k % 29 == 5:
                f.write('{"id": "bad-%d-%d", "body": \n' % (rnd, k))
            if k % 31 == 7:
                f.write('{"id": "nobody-%d-%d"}\n\n' % (rnd, k))
PY
printf '{"id":"tail","body":"\377 ভাঙা"}\n{"id":"last","title":"শেষ খবর","body":"শেষ খবরটি এখানে।"}\n' >> "$TMP/many.jsonl"

dump() { # DB: every stored table, the FTS5 index's own pages too
    sqlite3 "$1" "SELECT * FROM articles ORDER BY rowid; SELECT * FROM minhash_bands ORDER BY rowid;
                  SELECT id, hex(block) FROM fts_data ORDER BY id; SELECT * FROM fts_docsize ORDER BY id;"
}
for n in 1 2; do
    $SB ingest --threads $n --db "$TMP/t$n.db" "$TMP/many.jsonl" test/golden/articles/0*.txt \
        >"$TMP/out$n" 2>"$TMP/err$n"
    echo $? > "$TMP/rc$n"
    sed -i 's/ in [0-9.]* s (.*$//' "$TMP/out$n"
    dump "$TMP/t$n.db" > "$TMP/dump$n"
done
expect_out "exit status 3 both ways" "3 3" sh -c "echo \$(cat $TMP/rc1) \$(cat $TMP/rc2)"
# 99 records, "last" and 9 text files; 7 bad (three broken, three without
# a body, one invalid UTF-8); the text files repeat records of round 0
expect_out "the summary" "ingest: 102 added, 0 replaced, 0 already present, 7 duplicate content, 7 bad; 0.1 MB" cat "$TMP/out2"
expect_true "the same summary" cmp -s "$TMP/out1" "$TMP/out2"
expect_out "seven bad records reported" "7" sh -c "wc -l < $TMP/err2"
expect_true "in the same order, with the same reasons" cmp -s "$TMP/err1" "$TMP/err2"
expect_out "the first bad record" "songbad: $TMP/many.jsonl:7: unexpected token near end of file" head -n 1 "$TMP/err2"
expect_true "the same database, byte for byte in every table" cmp -s "$TMP/dump1" "$TMP/dump2"
expect_out "the articles are there" "102" sqlite3 "$TMP/t2.db" "SELECT count(*) FROM articles"
expect_out "near copies grouped" "60" sqlite3 "$TMP/t2.db" "SELECT count(*) FROM articles a WHERE dup_group != rowid"

# more records than the queue holds (cli/ingest_ahead.c: 256), short ones,
# so that the reader waits for room and the store's thread prepares some
# of them itself: the same database all the same
$PY - "$TMP/short.jsonl" <<'PY'
import sys
words = ["সরকার", "নির্বাচন", "কোরিয়ার", "বৈঠকে", "লাভরভ", "পুতিন", "বাজেট", "ঢাকায়", "১৮", "অক্টোবর"]
with open(sys.argv[1], "w", encoding="utf-8") as f:
    for i in range(700):
        body = " ".join(words[(i * k + k) % len(words)] for k in range(1, 12)) + "।"
        f.write('{"id": "s%d", "title": "%s %d", "body": "%s"}\n' % (i, words[i % len(words)], i, body))
PY
for n in 1 2; do
    $SB ingest --quiet --threads $n --db "$TMP/s$n.db" "$TMP/short.jsonl" 2>"$TMP/serr$n"
    dump "$TMP/s$n.db" > "$TMP/sdump$n"
done
expect_out "700 short records, two threads" "700" sqlite3 "$TMP/s2.db" "SELECT count(*) FROM articles"
expect_true "700 short records: the same database both ways" cmp -s "$TMP/sdump1" "$TMP/sdump2"
expect_out "700 short records: no message" "" cat "$TMP/serr2"

# a rerun adds nothing, both ways
expect_out "rerun with two threads" "ingest: 0 added, 0 replaced, 102 already present, 7 duplicate content, 7 bad" sh -c \
    "$SB ingest --threads 2 --db $TMP/t1.db $TMP/many.jsonl test/golden/articles/0*.txt 2>/dev/null | sed 's/;.*//'"
expect_fail "--threads 0" 2 "songbad: --threads takes a number from 1 to 1024, not '0'" $SB ingest --threads 0 --db "$TMP/x.db" "$TMP/many.jsonl"
expect_fail "--threads x" 2 "songbad: --threads takes a number from 1 to 1024, not 'x'" $SB ingest --threads x --db "$TMP/x.db" "$TMP/many.jsonl"
expect_fail "--batch 0" 2 "songbad: --batch takes a number from 1 to 10000000, not '0'" $SB ingest --batch 0 --db "$TMP/x.db" "$TMP/many.jsonl"
expect_out "--batch 7: the same articles" "102" sh -c "$SB ingest --quiet --batch 7 --db $TMP/b7.db $TMP/many.jsonl test/golden/articles/0*.txt 2>/dev/null; sqlite3 $TMP/b7.db 'SELECT count(*) FROM articles'"
t_end
