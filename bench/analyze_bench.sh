#!/usr/bin/env bash
# analyze_bench.sh - analyzer throughput: `songbad analyze --jsonl --count`
# against Lucene 8's BengaliAnalyzer on the same corpus, in the same run.
#
#   bench/analyze_bench.sh              # the bn-news-articles dev corpus
#   CORPUS=path/to.jsonl bench/analyze_bench.sh
#
# songbad is timed as a whole process (start, reading the file, JSON and
# the analysis), best of RUNS after one warm-up run, as eval-songbad does.
# Lucene is timed in-process after JIT warm-up (LuceneBengali.java from the
# anchors), best of RUNS; it needs javac and Debian's liblucene8-java and
# is left out without them. MB = 10^6 bytes of title + body.
# The floor (bench/analyze_floor.c, when built) is a program that only splits
# the file into words and looks each up in a table of the words seen: the
# ceiling of an analyzer built on such a memo, timed like songbad (it reads
# the whole file, so its MB/s over title + body bytes is a lower bound).
set -euo pipefail
cd "$(dirname "$0")/.."
CORPUS=${CORPUS:-../shared/data/bn-news-articles/articles.jsonl}
ANCHORS=${ANCHORS:-../shared/tools/anchors}
RUNS=${RUNS:-5}
SB=${SONGBAD:-build/songbad}

[ -f "$CORPUS" ] || { echo "analyze_bench: no corpus at $CORPUS (set CORPUS=)" >&2; exit 2; }
[ -n "${SONGBAD:-}" ] || make -s "$SB" >/dev/null

now_ns() { date +%s%N; }

# songbad: one warm-up run (page cache), then the best of RUNS.
count=$("$SB" analyze --jsonl --count "$CORPUS" 2>/dev/null || true)
bytes=$(printf '%s\n' "$count" | sed -n 's/.*"bytes":\([0-9]*\).*/\1/p')
[ -n "$bytes" ] || { echo "analyze_bench: songbad failed: $count" >&2; exit 1; }
best=""
for _ in $(seq "$RUNS"); do
    t0=$(now_ns)
    "$SB" analyze --jsonl --count "$CORPUS" >/dev/null 2>&1 || true
    t=$(( $(now_ns) - t0 ))
    if [ -z "$best" ] || [ "$t" -lt "$best" ]; then best=$t; fi
done
sb_mbs=$(awk -v b="$bytes" -v t="$best" 'BEGIN { printf "%.1f", b / 1e6 / (t / 1e9) }')
sb_s=$(awk -v t="$best" 'BEGIN { printf "%.4f", t / 1e9 }')

# The floor, when built (make build/bench/analyze_floor).
FLOOR=${FLOOR:-build/bench/analyze_floor}
fl_mbs="" fl_s=""
if [ -x "$FLOOR" ]; then
    "$FLOOR" "$CORPUS" >/dev/null
    fbest=""
    for _ in $(seq "$RUNS"); do
        t0=$(now_ns)
        "$FLOOR" "$CORPUS" >/dev/null
        t=$(( $(now_ns) - t0 ))
        if [ -z "$fbest" ] || [ "$t" -lt "$fbest" ]; then fbest=$t; fi
    done
    fl_mbs=$(awk -v b="$bytes" -v t="$fbest" 'BEGIN { printf "%.1f", b / 1e6 / (t / 1e9) }')
    fl_s=$(awk -v t="$fbest" 'BEGIN { printf "%.4f", t / 1e9 }')
fi

# Lucene, when it is installed.
lu_mbs="" lu_s=""
jars=$(ls /usr/share/java/lucene-core-8*.jar /usr/share/java/lucene-analyzers-common-8*.jar 2>/dev/null | tr '\n' ':' || true)
if [ -n "$jars" ] && command -v javac >/dev/null && command -v java >/dev/null &&
   [ -f "$ANCHORS/LuceneBengali.java" ]; then
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
    javac -cp "$jars" -d "$work" "$ANCHORS/LuceneBengali.java" 2>/dev/null
    out=$(java -cp "$jars$work" LuceneBengali analyze "$CORPUS" "$RUNS" 2>/dev/null || true)
    lu_mbs=$(printf '%s\n' "$out" | sed -n 's/.*"mb_per_s":\([0-9.]*\).*/\1/p')
    lu_s=$(printf '%s\n' "$out" | sed -n 's/.*"best_s":\([0-9.]*\).*/\1/p')
fi

printf 'corpus  %s (%s bytes of title + body)\n' "$CORPUS" "$bytes"
printf '%-28s %10s %10s\n' engine best_s MB/s
printf '%-28s %10s %10s\n' "songbad (whole process)" "$sb_s" "$sb_mbs"
[ -z "$fl_mbs" ] || printf '%-28s %10s %10s\n' "floor: split + memo only" "$fl_s" "$fl_mbs"
if [ -n "$lu_mbs" ]; then
    printf '%-28s %10s %10s\n' "lucene-8 BengaliAnalyzer" "$lu_s" "$lu_mbs"
    awk -v a="$sb_mbs" -v b="$lu_mbs" 'BEGIN { printf "ratio songbad / lucene: %.2fx\n", a / b }'
    [ -z "$fl_mbs" ] ||
        awk -v a="$fl_mbs" -v b="$lu_mbs" 'BEGIN { printf "ratio floor / lucene: %.2fx\n", a / b }'
else
    echo "lucene: not measured (needs javac and liblucene8-java)"
fi
