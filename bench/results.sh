#!/bin/sh
# results.sh [dev|scale|all] - runs the benchmarks and rewrites bench/RESULTS.md
# from their latest outputs (bench/results/*.md): `dev` the quick figures on
# the dev corpus (analyzer vs Lucene, ingest and queries vs FTS5 unicode61),
# `scale` the growth curves (bench/scale_bench.py; SIZES="10000 100000 1000000"),
# `scale-pg` those of the PostgreSQL backend (bench/scale_pg.sh, as root),
# `all` dev and scale. Each part keeps its last output when the other is rerun.
set -eu
cd "$(dirname "$0")/.."
what=${1:-all}
mkdir -p bench/results
machine="$(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/Mem:/ {print $2}') GiB RAM, $(uname -sr)"
if [ "$what" = dev ] || [ "$what" = all ]; then
    {
        echo "## Dev corpus ($(date +%Y-%m-%d), \`make bench\`; $machine)"
        echo
        echo '```'
        bash bench/analyze_bench.sh
        echo
        build/bench/norm_bench "${CORPUS:-../shared/data/bn-news-articles/articles.jsonl}"
        echo
        /usr/bin/python3 bench/search_bench.py ${CORPUS:-}
        echo '```'
        echo
    } > bench/results/dev.md.new
    mv bench/results/dev.md.new bench/results/dev.md
fi
if [ "$what" = scale ] || [ "$what" = all ]; then
    /usr/bin/python3 bench/scale_bench.py ${SIZES:-10000 100000 1000000}
fi
if [ "$what" = scale-pg ]; then
    sh bench/scale_pg.sh
fi
{
    echo "# Benchmark results"
    echo
    echo "Each part names the machine and the day it ran; figures in one part come from one run."
    echo "Regenerate: \`make bench\` (dev corpus), \`make bench-scale\` (growth curves), \`make bench-scale-pg\` (the same on PostgreSQL), or \`sh bench/results.sh all\`."
    echo
    for part in dev scale scale_pg; do
        [ -f bench/results/$part.md ] && cat bench/results/$part.md && echo
    done
} > bench/RESULTS.md
echo "bench: wrote bench/RESULTS.md"
