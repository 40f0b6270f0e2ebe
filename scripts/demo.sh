#!/bin/sh
# demo.sh SONGBAD - the main job on the bundled samples: normalize and
# segment one article, structure it, build a search database from all the
# sample articles, and run searches that show what songbad does.
set -e
sb=$1
article=samples/article.txt
db=${DEMO_DB:-build/demo.db}
echo "== songbad $($sb --version | cut -d' ' -f2-)"
echo
echo "== search normalization of $article (first 2 lines)"
$sb normalize --level search "$article" | head -2
echo
echo "== its first 4 sentences"
$sb segment --unit sentence "$article" | head -4 | nl -ba
echo
echo "== its structure (songbad parse)"
$sb parse samples/articles/lavrov-dhaka.txt | head -20
echo
rm -f "$db" "$db-wal" "$db-shm"
echo "== ingest the sample articles into $db"
$sb ingest --db "$db" "$article" samples/articles/*.txt test/golden/articles/*.txt
for q in 'ল্যাভরভ' 'Lavrov' 'সফর' '18 অক্টোবর' 'Pyongyang' '"উত্তর কোরিয়া"' 'বন্দর -চট্টগ্রাম'; do
    echo
    echo "== songbad search '$q'"
    $sb search --db "$db" --limit 3 -- "$q" || true
done
