#!/usr/bin/env python3
"""gen_corpus.py - a large, realistic Bengali news corpus made from a small
real one, for the scale benchmark (bench/scale_bench.py).

    bench/gen_corpus.py N OUT.jsonl [SEED.jsonl ...]

Each generated article starts from a random seed article (its source,
category, title) and rebuilds the body from sentences: about half its own,
the rest drawn from other seed articles, paragraph breaks kept where they
were. Term statistics so stay those of real news, and since real archives
keep meeting new words (names, places: Heaps' law), about one word in a
hundred is replaced by a new word spliced from two real ones at a consonant,
and digits are redrawn. Bodies are cut after about 1.5 KB (BODY_BYTES). Titles: the seed title, with its tail swapped for
another title's tail a third of the time. Dates spread over 2010-2026.
The output is a pure function of N, the seeds and --seed (default 1); the
first K articles of a run of N equal a run of K (prefixes are the smaller
sizes of the benchmark)."""
import json, os, random, re, sys

here = os.path.dirname(os.path.abspath(__file__))
default_seeds = [os.path.join(here, "../../shared/data/bn-news-articles/articles.jsonl"),
                 os.path.join(here, "../../shared/data/bn-news-scraped/articles.jsonl")]

SENTENCE_END = re.compile(r"(?<=[।?!])\s+")
BENGALI_DIGITS = "০১২৩৪৫৬৭৮৯"
# Bodies end after the paragraph that reaches this size, so that a million
# articles come to about 2.5 GB, as the scale issue plans (the seed articles
# average 7 KB; wire copies and short reports are nearer this).
BODY_BYTES = 1400
# a Bengali consonant (where a spliced word may join)
CONSONANT = re.compile(r"[\u0995-\u09B9\u09DC-\u09DF]")


def load(paths):
    arts = []
    for p in paths:
        if not os.path.exists(p):
            continue
        with open(p, encoding="utf-8") as f:
            for line in f:
                line = line.strip()
                if not line:
                    continue
                d = json.loads(line)
                if d.get("title") and d.get("body"):
                    arts.append(d)
    if not arts:
        sys.exit("gen_corpus: no seed articles (give SEED.jsonl files)")
    return arts


def paragraphs(body):
    return [[s for s in SENTENCE_END.split(p.strip()) if s] for p in body.split("\n") if p.strip()]


def splice(rng, words):
    """A new word: the start of one real word and the end of another, cut
    before a consonant of each."""
    for _ in range(4):
        a, b = rng.choice(words), rng.choice(words)
        ca = [m.start() for m in CONSONANT.finditer(a) if m.start() > 0]
        cb = [m.start() for m in CONSONANT.finditer(b) if m.start() > 0]
        if ca and cb:
            return a[:rng.choice(ca)] + b[rng.choice(cb):]
    return rng.choice(words)


def vary(rng, sentence, words):
    out = []
    for w in sentence.split(" "):
        r = rng.random()
        if r < 0.01 and CONSONANT.search(w):
            w = splice(rng, words)
        elif any(c in BENGALI_DIGITS for c in w) and r < 0.5:
            w = "".join(rng.choice(BENGALI_DIGITS) if c in BENGALI_DIGITS else c for c in w)
        out.append(w)
    return " ".join(out)


def main():
    args = sys.argv[1:]
    seed = 1
    if "--seed" in args:
        i = args.index("--seed")
        seed = int(args[i + 1])
        del args[i:i + 2]
    if len(args) < 2:
        sys.exit(__doc__)
    n, out = int(args[0]), args[1]
    arts = load(args[2:] or default_seeds)
    paras = [paragraphs(a["body"]) for a in arts]
    pool = [s for ps in paras for p in ps for s in p]
    words = sorted({w for a in arts for w in a["title"].split() if CONSONANT.search(w)})
    with open(out, "w", encoding="utf-8") as f:
        for k in range(n):
            rng = random.Random(seed * 1_000_003 + k)  # per article: prefixes stay equal
            base = rng.randrange(len(arts))
            a = arts[base]
            title = a["title"]
            if rng.random() < 1 / 3:
                other = arts[rng.randrange(len(arts))]["title"].split()
                mine = title.split()
                cut = max(1, len(mine) // 2)
                title = " ".join(mine[:cut] + other[len(other) // 2:])
            body, size = [], 0
            for p in paras[base]:
                body.append(" ".join(vary(rng, s if rng.random() < 0.5 else rng.choice(pool), words) for s in p))
                size += len(body[-1].encode())
                if size >= BODY_BYTES:
                    break
            y = rng.randrange(2010, 2027)
            rec = {"id": f"gen-{seed}-{k}", "title": vary(rng, title, words), "body": "\n".join(body),
                   "date": f"{y}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}",
                   "source": a.get("source") or "", "category": a.get("category") or ""}
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
