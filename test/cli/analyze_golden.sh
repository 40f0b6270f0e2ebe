#!/bin/sh
# analyze_golden.sh - `songbad analyze --json` on the bundled sample article
# equals the reviewed golden file, token by token.
. test/cli_lib.sh
t_begin cli_analyze_golden
expect_true "sample article" sh -c "$SB analyze --json samples/article.txt | diff -u test/golden/analyze/sample.json - >&2"
expect_true "the spans are the original words" sh -c "/usr/bin/python3 - <<'PY'
import json
text = open('samples/article.txt', 'rb').read()
from subprocess import run
out = run(['$SB', 'analyze', '--json', 'samples/article.txt'], capture_output=True, text=True).stdout
bad = 0
for t in map(json.loads, out.splitlines()):
    word = text[t['start']:t['end']].decode()
    run_norm = run(['$SB', 'normalize'], input=word, capture_output=True, text=True).stdout
    if t['kind'] == 'bengali' and run_norm != t['token'] and '-' not in word:
        bad += 1
raise SystemExit(1 if bad else 0)
PY"
t_end
