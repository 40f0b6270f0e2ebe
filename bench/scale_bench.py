#!/usr/bin/env python3
"""scale_bench.py - growth curves: ingest time, index size, peak memory and
query latency of songbad (SQLite backend) at growing corpus sizes, next to
bare SQLite FTS5 unicode61 ingest of the same text in the same run.

    bench/scale_bench.py [SIZE ...]          (default 10000 100000 1000000)

Environment: SCALE_DIR (work folder, default /tmp/songbad-scale; the corpus
and databases land there, about 14 GB at a million articles), QUERIES (per
kind and size, default 100), SONGBAD (default build/songbad), INGEST_FROM
(see below), SCALE_NOTE (a paragraph on the conditions of the run, printed
under the tables), SCALE_PG (a PostgreSQL server URL without a database name, as
bench/scale_pg.sh sets it: each size is also ingested with --pg into a new
database songbad_N there and measured the same way; its figures go to
bench/results/scale_pg.md).

The corpus is made by bench/gen_corpus.py from the dev corpora; smaller
sizes are prefixes of the largest. Peak memory is the maximum resident set
of the ingest process (GNU time's %M) and of a search process. Query
latency is per whole process (start, open, search, snippets, print), with
the SQLite database read once before (in the page cache), for
four kinds of query taken from the titles of random articles of the corpus:
one word, three words, a two-word phrase, the whole headline. The SQLite
queries are measured twice: on the database as ingested, and after `songbad
optimize` made its term lists (timed too). Writes bench/results/scale.md and
bench/results/scale_*.svg."""
import json, os, platform, random, re, sqlite3, statistics, subprocess, sys, time

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(here)
sys.path.insert(0, here)
import svgplot  # noqa: E402

sizes = [int(a) for a in sys.argv[1:]] or [10000, 100000, 1000000]
work = os.environ.get("SCALE_DIR", "/tmp/songbad-scale")
nq = int(os.environ.get("QUERIES", "100"))
sb = os.environ.get("SONGBAD", os.path.join(root, "build/songbad"))
out_dir = os.path.join(here, "results")
os.makedirs(work, exist_ok=True)
os.makedirs(out_dir, exist_ok=True)

big = os.path.join(work, f"corpus-{max(sizes)}.jsonl")
if not os.path.exists(big):
    subprocess.run([sys.executable, os.path.join(here, "gen_corpus.py"), str(max(sizes)), big + ".tmp"], check=True)
    os.rename(big + ".tmp", big)


def prefix(n):
    path = os.path.join(work, f"corpus-{n}.jsonl")
    if not os.path.exists(path):
        with open(big, encoding="utf-8") as src, open(path + ".tmp", "w", encoding="utf-8") as dst:
            for i, line in enumerate(src):
                if i >= n:
                    break
                dst.write(line)
        os.rename(path + ".tmp", path)
    return path


def timed(cmd):
    """Runs cmd under GNU time: (seconds, peak RSS in MB)."""
    r = subprocess.run(["/usr/bin/time", "-f", "@@ %e %M"] + cmd, stdout=subprocess.DEVNULL,
                       stderr=subprocess.PIPE, text=True)
    if r.returncode not in (0, 1):  # 1: something skipped (duplicates are fine)
        sys.exit(f"scale_bench: {' '.join(cmd)} failed: {r.stderr[-2000:]}")
    line = [l for l in r.stderr.splitlines() if l.startswith("@@ ")][-1].split()
    return float(line[1]), int(line[2]) / 1024


def size_of(db):
    return sum(os.path.getsize(db + s) for s in ("", "-wal") if os.path.exists(db + s)) / 1e6


def pct(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]


split = re.compile(r"[\s\"'‘’“”()\[\]{}:;,.!?।॥—–-]+")


def queries(corpus, n, rng):
    """Four kinds of query from the titles of n random articles among the
    first `n_docs` of the corpus."""
    titles = []
    with open(corpus, encoding="utf-8") as f:
        for line in f:
            titles.append(json.loads(line)["title"])
    picked = [titles[rng.randrange(len(titles))] for _ in range(n)]
    kinds = {"one word": [], "three words": [], "phrase": [], "headline": []}
    for t in picked:
        words = [w for w in split.split(t) if len(w) >= 3]
        if len(words) < 3:
            continue
        kinds["one word"].append(rng.choice(words))
        kinds["three words"].append(" ".join(rng.sample(words, 3)))
        i = rng.randrange(len(words) - 1)
        kinds["phrase"].append(f'"{words[i]} {words[i + 1]}"')
        kinds["headline"].append(t)
    return kinds


def warm(path):
    """Reads a database file once, so that the queries find it in the page
    cache as a search server's index would be (the machine has the memory
    for it) rather than measuring the disk."""
    with open(path, "rb") as f:
        while f.read(1 << 24):
            pass


def drop_lists(db):
    """Takes a database back to its state before `songbad optimize`."""
    c = sqlite3.connect(db)
    with c:
        c.execute("DROP TABLE IF EXISTS term_best")
        c.execute("DELETE FROM meta WHERE key IN ('best_upto', 'best_per_term')")
    c.close()


def lists_size(db):
    """MB of the term lists' content (the file may reuse free pages)."""
    c = sqlite3.connect(db)
    n = c.execute("SELECT coalesce(sum(length(CAST(term AS BLOB)) + length(rowids) + 8), 0)"
                  " FROM term_best").fetchone()[0]
    c.close()
    return n / 1e6


def optimize_and_measure(corpus, db, n, row):
    """Makes the term lists, then measures the queries again (row["lists"])."""
    row["optimize_s"], row["optimize_rss"] = timed([sb, "optimize", "--db", db])
    row["lists_mb"] = lists_size(db)
    lists = {}
    measure_queries(corpus, ["--db", db], n, lists)
    row["lists"] = lists


def measure_queries(corpus, store, n, row):
    """Per-kind latency percentiles and the peak RSS of the searches; store:
    ["--db", PATH] or ["--pg", URL]."""
    if store[0] == "--db":
        warm(store[1])
    rng = random.Random(n)
    search_rss = 0
    for kind, qs in queries(corpus, nq, rng).items():
        lat = []
        for q in qs:
            t0 = time.perf_counter()
            _, rss = timed([sb, "search"] + store + ["--limit", "10", "--", q])
            lat.append((time.perf_counter() - t0) * 1000)
            search_rss = max(search_rss, rss)
        row[kind] = (pct(lat, 50), pct(lat, 95), pct(lat, 99))
    row["search_rss"] = search_rss


# INGEST_FROM=LOG: take the ingest figures of each size from the JSON rows
# an earlier run printed (its databases still in SCALE_DIR) and measure the
# queries again, e.g. after a change to search only.
earlier = {}
if os.environ.get("INGEST_FROM"):
    for line in open(os.environ["INGEST_FROM"], encoding="utf-8"):
        if line.startswith("{"):
            r = json.loads(line)
            earlier[(r.get("backend", "sqlite"), r["n"])] = r

backends = os.environ.get("SCALE_BACKENDS", "sqlite").split()
pg_server = os.environ.get("SCALE_PG", "")
if "pg" in backends and not pg_server:
    sys.exit("scale_bench: SCALE_BACKENDS has pg but SCALE_PG is not set (run bench/scale_pg.sh)")


def psql(sql, db="postgres"):
    """One SQL statement on the benchmark's server; its output, stripped."""
    r = subprocess.run(["psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d", f"{pg_server}/{db}", "-c", sql],
                       capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit(f"scale_bench: psql failed: {r.stderr.strip()}")
    return r.stdout.strip()


def pg_row(n, corpus, mb):
    """Ingests the first n articles into a new database on the server and
    measures it like the SQLite store."""
    name = f"songbad_{n}"
    url = f"{pg_server}/{name}"
    if ("pg", n) in earlier:  # its database is still on the server
        row = {k: earlier[("pg", n)][k] for k in ("n", "mb", "ingest_s", "ingest_rss", "db_mb")}
        psql("DROP TABLE IF EXISTS songbad_term_best; DROP INDEX IF EXISTS articles_seq;"
             " DELETE FROM songbad_meta WHERE key IN ('best_upto', 'best_per_term')", name)
    else:
        psql(f"DROP DATABASE IF EXISTS {name}")
        psql(f"CREATE DATABASE {name}")
        ingest_s, ingest_rss = timed([sb, "ingest", "--quiet", "--pg", url, corpus])
        psql("VACUUM ANALYZE", name)
        row = {"n": n, "mb": mb, "ingest_s": ingest_s, "ingest_rss": ingest_rss,
               "db_mb": int(psql(f"SELECT pg_database_size('{name}')")) / 1e6}
    measure_queries(corpus, ["--pg", url], n, row)
    # then with the term lists (songbad optimize --pg)
    row["optimize_s"], row["optimize_rss"] = timed([sb, "optimize", "--pg", url])
    row["lists_mb"] = int(psql("SELECT pg_total_relation_size('songbad_term_best')", name)) / 1e6
    lists = {}
    measure_queries(corpus, ["--pg", url], n, lists)
    row["lists"] = lists
    return row


rows, pg_rows = [], []
for n in (sizes if "pg" in backends else []):
    corpus = prefix(n)
    row = pg_row(n, corpus, os.path.getsize(corpus) / 1e6)
    pg_rows.append(row)
    print(json.dumps(dict(row, backend="pg"), ensure_ascii=False), flush=True)

for n in (sizes if "sqlite" in backends else []):
    corpus = prefix(n)
    mb = os.path.getsize(corpus) / 1e6
    db = os.path.join(work, f"songbad-{n}.db")
    if ("sqlite", n) in earlier:
        row = {k: earlier[("sqlite", n)][k] for k in ("n", "mb", "ingest_s", "ingest_rss", "db_mb", "u_s", "u_mb")}
        drop_lists(db)
        measure_queries(corpus, ["--db", db], n, row)
        optimize_and_measure(corpus, db, n, row)
        rows.append(row)
        print(json.dumps(row, ensure_ascii=False), flush=True)
        continue
    for s in ("", "-wal", "-shm"):
        if os.path.exists(db + s):
            os.remove(db + s)
    ingest_s, ingest_rss = timed([sb, "ingest", "--quiet", "--db", db, corpus])
    # bare FTS5 unicode61 over the same title + body, in-process, one transaction
    udb = os.path.join(work, f"unicode61-{n}.db")
    if os.path.exists(udb):
        os.remove(udb)
    c = sqlite3.connect(udb)
    c.execute("create virtual table t using fts5(id unindexed, title, body, tokenize=\"unicode61 categories 'L* N* Co M*'\")")
    t0 = time.perf_counter()
    with c, open(corpus, encoding="utf-8") as f:
        c.executemany("insert into t(id, title, body) values (?, ?, ?)",
                      ((d["id"], d["title"], d["body"]) for d in map(json.loads, f)))
    u_s = time.perf_counter() - t0
    c.close()
    row = {"n": n, "mb": mb, "ingest_s": ingest_s, "ingest_rss": ingest_rss, "db_mb": size_of(db),
           "u_s": u_s, "u_mb": size_of(udb)}
    os.remove(udb)
    measure_queries(corpus, ["--db", db], n, row)
    optimize_and_measure(corpus, db, n, row)
    rows.append(row)
    print(json.dumps(row, ensure_ascii=False), flush=True)

kinds = ["one word", "three words", "phrase", "headline"]
machine = subprocess.run(["sh", "-c", "nproc; grep -m1 'model name' /proc/cpuinfo | cut -d: -f2; free -g | awk '/Mem:/ {print $2}'"],
                         capture_output=True, text=True).stdout.split("\n")


def latency_table(rows):
    lines = ["| articles | " + " | ".join(f"{k} p50 / p95 / p99 ms" for k in kinds) + " |",
             "|---:|" + "---:|" * len(kinds)]
    for r in rows:
        lines.append(f"| {r['n']:,} | " + " | ".join("%.1f / %.1f / %.1f" % r[k] for k in kinds) + " |")
    return lines


if pg_rows:
    pg_version = psql("SHOW server_version")
    lines = [f"## Scale (PostgreSQL backend; {time.strftime('%Y-%m-%d')}, {machine[0]} cores,{machine[1]}, {machine[2]} GiB, {platform.system()} {platform.release()})", "",
             f"Made by `make bench-scale-pg` (bench/scale_pg.sh): the same generated corpus, ingested by `songbad ingest --pg`",
             f"(one process; the analysis runs in the client, the server stores articles and tsvectors under a GIN index) into",
             f"a throwaway PostgreSQL {pg_version} server on the same machine (bench/scale_pg.sh lists its settings), then",
             f"`VACUUM ANALYZE`. Query latency is per whole `songbad search --pg` process, {nq} queries of each kind,",
             "the same queries as the SQLite table. Database size is `pg_database_size` (table, TOAST, indexes).", "",
             "| articles | MB | ingest s | art/s | database MB | ingest peak RSS MB (client) | search peak RSS MB (client) |",
             "|---:|---:|---:|---:|---:|---:|---:|"]
    for r in pg_rows:
        lines.append(f"| {r['n']:,} | {r['mb']:.0f} | {r['ingest_s']:.1f} | {r['n'] / r['ingest_s']:.0f} | {r['db_mb']:.0f} | "
                     f"{r['ingest_rss']:.0f} | {r['search_rss']:.0f} |")
    lines += ["", "As ingested:", ""] + latency_table(pg_rows)
    lines += ["", "After `songbad optimize --pg` (the best 1,000 articles of every lexeme in more than 1,000, in the",
              "table songbad_term_best; a query of such words is ranked from them: docs/postgres.md):", "",
              "| articles | optimize s | peak RSS MB (client) | lists MB |", "|---:|---:|---:|---:|"]
    for r in pg_rows:
        lines.append(f"| {r['n']:,} | {r['optimize_s']:.1f} | {r['optimize_rss']:.0f} | {r['lists_mb']:.1f} |")
    lines += [""] + latency_table([dict(r["lists"], n=r["n"]) for r in pg_rows])
    if os.environ.get("SCALE_NOTE"):  # the conditions of the run, in words
        lines += ["", os.environ["SCALE_NOTE"]]
    lines += ["", "![query](results/scale_pg_query.svg) ![query after optimize](results/scale_pg_query_optimized.svg)", ""]
    with open(os.path.join(out_dir, "scale_pg.md"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines))
    svgplot.write(os.path.join(out_dir, "scale_pg_query.svg"), "PostgreSQL query latency p99 (whole process)",
                  "articles", "ms", [r["n"] for r in pg_rows], {k: [r[k][2] for r in pg_rows] for k in kinds})
    svgplot.write(os.path.join(out_dir, "scale_pg_query_optimized.svg"),
                  "PostgreSQL query latency p99 after songbad optimize --pg", "articles", "ms",
                  [r["n"] for r in pg_rows], {k: [r["lists"][k][2] for r in pg_rows] for k in kinds})
    print("\n".join(lines))
if not rows:
    sys.exit(0)

lines = [f"## Scale (SQLite backend; {time.strftime('%Y-%m-%d')}, {machine[0]} cores,{machine[1]}, {machine[2]} GiB, {platform.system()} {platform.release()})", "",
         "Made by `make bench-scale` (bench/scale_bench.py): a corpus generated by bench/gen_corpus.py from the dev",
         "corpora, ingested by `songbad ingest` (one process), next to bare SQLite FTS5 unicode61 ingest of the same",
         "title + body in one transaction through Python's sqlite3 (no structuring, no stems or keys, no stored article).",
         "Query latency is per whole `songbad search` process (start, open, search, snippets, print), the database read once before (page cache), "
         f"{nq} queries of each kind." + (" The ingest figures of some sizes come from an earlier run (INGEST_FROM);"
         " the queries were all measured in this one." if earlier else ""), "",
         "| articles | MB | songbad ingest s | art/s | unicode61 s | ratio | songbad DB MB | unicode61 DB MB | ingest peak RSS MB | search peak RSS MB |",
         "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
for r in rows:
    lines.append(f"| {r['n']:,} | {r['mb']:.0f} | {r['ingest_s']:.1f} | {r['n'] / r['ingest_s']:.0f} | {r['u_s']:.1f} | "
                 f"{r['ingest_s'] / r['u_s']:.2f}x | {r['db_mb']:.0f} | {r['u_mb']:.0f} | {r['ingest_rss']:.0f} | {r['search_rss']:.0f} |")
lines += ["", "As ingested:", ""] + latency_table(rows)
lines += ["", "After `songbad optimize` (the best 1,000 articles of every term in more than 1,000, in the table",
          "term_best; a query of such words is ranked from them: docs/search.md):", "",
          "| articles | optimize s | peak RSS MB | lists MB |", "|---:|---:|---:|---:|"]
for r in rows:
    lines.append(f"| {r['n']:,} | {r['optimize_s']:.1f} | {r['optimize_rss']:.0f} | {r['lists_mb']:.1f} |")
lines += [""] + latency_table([dict(r["lists"], n=r["n"]) for r in rows])
if os.environ.get("SCALE_NOTE"):
    lines += ["", os.environ["SCALE_NOTE"]]
lines += ["", "![ingest](results/scale_ingest.svg) ![query](results/scale_query.svg)"
          " ![query after optimize](results/scale_query_optimized.svg) ![memory](results/scale_memory.svg)", ""]
with open(os.path.join(out_dir, "scale.md"), "w", encoding="utf-8") as f:
    f.write("\n".join(lines))
xs = [r["n"] for r in rows]
svgplot.write(os.path.join(out_dir, "scale_ingest.svg"), "Ingest time", "articles", "seconds",
              xs, {"songbad": [r["ingest_s"] for r in rows], "FTS5 unicode61": [r["u_s"] for r in rows]})
svgplot.write(os.path.join(out_dir, "scale_query.svg"), "Query latency p99 (whole process)", "articles", "ms",
              xs, {k: [r[k][2] for r in rows] for k in kinds})
svgplot.write(os.path.join(out_dir, "scale_query_optimized.svg"), "Query latency p99 after songbad optimize",
              "articles", "ms", xs, {k: [r["lists"][k][2] for r in rows] for k in kinds})
svgplot.write(os.path.join(out_dir, "scale_memory.svg"), "Peak memory (RSS)", "articles", "MB",
              xs, {"ingest": [r["ingest_rss"] for r in rows], "search": [r["search_rss"] for r in rows]})
print("\n".join(lines))
