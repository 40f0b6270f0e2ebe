# corpus.awk - a JSON Lines corpus for the crash and disk-full tests
# (test/cli/robust_*.sh): awk -v N=COUNT -f corpus.awk test/data/search_news.jsonl
# repeats the input records N times with new ids ("gI-" + id) and a tail of
# words drawn from a fixed list, so that no two bodies are near-duplicates
# and every run gives the same corpus.
BEGIN {
    nv = split("নদী পাহাড় শহর গ্রাম বাজার স্কুল হাসপাতাল রাস্তা সেতু বন্দর মাঠ বাগান " \
               "কারখানা দোকান অফিস আদালত মেলা উৎসব বৃষ্টি রোদ ঝড় শীত গরম ফসল ধান পাট " \
               "চা মাছ নৌকা ট্রেন বাস বিমান চিঠি বই কলম ছবি গান খেলা সভা ভোট", v, " ")
    seed = 7
}
{ lines[NR] = $0 }
END {
    for (i = 1; i <= N; i++)
        for (j = 1; j <= NR; j++) {
            l = lines[j]
            tail = ""
            for (k = 0; k < 14; k++) {
                seed = (seed * 1103515245 + 12345) % 2147483648
                tail = tail " " v[1 + int(seed / 65536) % nv]
            }
            sub(/"id": "/, "\"id\": \"g" i "-", l)
            sub(/।", "date"/, "।" tail " " i "।\", \"date\"", l)
            print l
        }
}
