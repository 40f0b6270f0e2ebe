#!/usr/bin/env python3
"""bench/dups_eval.py [SONGBAD] [DATA_DIR] - precision of `songbad dups` on the dev corpus.

Ingests the bodies of bn-news-articles and bn-news-scraped (as the anchors' known-item
protocol does), lists the near-duplicate groups (`songbad dups --json`) and judges every
pair of a group by bench/dups_labels.tsv (pairs read and labelled by hand: same report or
not). Prints the pair precision, the pairs with no label yet (label them when the detector
changes), and, as a rough recall, how many of the pairs whose word 3-shingle Jaccard
(computed here, on whitespace words) is at least 0.6 were grouped. A benchmark, not a test."""
import collections, itertools, json, os, re, subprocess, sys, tempfile

here = os.path.dirname(os.path.abspath(__file__))
sb = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "..", "build", "songbad")
data = sys.argv[2] if len(sys.argv) > 2 else os.path.join(here, "..", "..", "shared", "data")

docs = {}
for part in ("bn-news-articles", "bn-news-scraped"):
    with open(os.path.join(data, part, "articles.jsonl"), encoding="utf-8") as f:
        for line in f:
            if line.strip():
                d = json.loads(line)
                docs[d["id"]] = d["body"]

labels = {}
with open(os.path.join(here, "dups_labels.tsv"), encoding="utf-8") as f:
    for line in f:
        if line.startswith("#") or not line.strip():
            continue
        a, b, label = line.rstrip("\n").split("\t")[:3]
        labels[frozenset((a, b))] = label

with tempfile.TemporaryDirectory() as tmp:
    src = os.path.join(tmp, "docs.jsonl")
    with open(src, "w", encoding="utf-8") as out:
        for i, body in docs.items():
            out.write(json.dumps({"id": i, "body": body}, ensure_ascii=False) + "\n")
    db = os.path.join(tmp, "d.db")
    subprocess.run([sb, "ingest", "--quiet", "--db", db, src], check=True)
    rows = subprocess.run([sb, "dups", "--db", db, "--json"], check=True,
                          capture_output=True, text=True).stdout.splitlines()

groups = collections.defaultdict(list)
for r in rows:
    d = json.loads(r)
    groups[d["group"]].append(d["id"])
pairs = [frozenset(p) for g in groups.values() for p in itertools.combinations(g, 2)]
same = sum(1 for p in pairs if labels.get(p) == "same")
diff = sum(1 for p in pairs if labels.get(p) == "different")
unlabelled = [p for p in pairs if p not in labels]
print(f"articles {len(docs)}, groups {len(groups)}, pairs {len(pairs)}")
print(f"labelled pairs: same {same}, different {diff}; pair precision "
      f"{same / max(1, same + diff):.3f}")
for p in unlabelled:
    print("unlabelled:", "\t".join(sorted(p)))

# rough recall: pairs with a shingle Jaccard >= 0.6, found through shared rare shingles
def shingles(text):
    w = re.findall(r"\w+", text)
    return {" ".join(w[i:i + 3]) for i in range(len(w) - 2)}
sh = {i: shingles(t) for i, t in docs.items()}
post = collections.defaultdict(list)
for i, s in sh.items():
    for x in s:
        post[x].append(i)
shared = collections.Counter()  # pairs by their shared shingles held by at most 10 articles
for ids in post.values():
    if 1 < len(ids) <= 10:
        shared.update(frozenset(p) for p in itertools.combinations(sorted(ids), 2))
def jaccard(a, b):
    return len(sh[a] & sh[b]) / max(1, len(sh[a] | sh[b]))
close = [p for p, n in shared.items() if n >= 5 and jaccard(*sorted(p)) >= 0.6]
grouped = set(pairs)
found = sum(1 for p in close if p in grouped)
print(f"pairs with a shingle Jaccard >= 0.6: {len(close)}, grouped {found} "
      f"({found / max(1, len(close)):.3f})")
