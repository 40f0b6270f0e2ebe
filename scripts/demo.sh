#!/bin/sh
# demo.sh SONGBAD ARTICLE - the main job on the bundled sample article:
# normalize it for search and split it into sentences.
set -e
sb=$1; article=$2
echo "== songbad $($sb --version | cut -d' ' -f2-) on $article"
echo
echo "== search normalization (first 3 lines)"
$sb normalize --level search "$article" | head -3
echo
echo "== sentences"
$sb segment --unit sentence "$article" | nl -ba
echo
words=$($sb segment --unit word "$article" | wc -l)
graphemes=$($sb segment --unit grapheme "$article" | wc -l)
echo "== $words words, $graphemes grapheme clusters, $(wc -c < "$article") bytes"
