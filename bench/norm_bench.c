/*
 * norm_bench.c - normalization throughput on a corpus of JSON lines (the
 * title and body of each record, one text each): songbad's NFC and its
 * search normalization (NFC plus the Bengali foldings, with and without
 * the byte offsets the analyzer asks for) next to utf8proc's NFC and ICU's
 * Normalizer2 NFC, in one process, best of RUNS passes each.
 *
 *   norm_bench CORPUS.jsonl [RUNS]
 *
 * ICU works on UTF-16: it is timed twice, on text converted beforehand
 * (its best case) and with the conversion from and to UTF-8 counted, as a
 * program that holds UTF-8 text pays it. A benchmark, not a test.
 */
#include "songbad.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <utf8proc.h>

typedef struct text {
    char *s; /* NUL-terminated UTF-8 */
    size_t n;
    UChar *u; /* the same in UTF-16, for ICU's best case */
    int32_t un;
} text;

static text *texts;
static size_t ntexts, total_bytes;

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static void add_text(const char *s, size_t n)
{
    static size_t cap;
    if (ntexts == cap) {
        cap = cap ? 2 * cap : 1024;
        texts = realloc(texts, cap * sizeof *texts);
        if (!texts) exit(3);
    }
    text *t = &texts[ntexts++];
    t->s = malloc(n + 1);
    if (!t->s) exit(3);
    memcpy(t->s, s, n);
    t->s[n] = '\0';
    t->n = n;
    UErrorCode err = U_ZERO_ERROR;
    u_strFromUTF8(NULL, 0, &t->un, s, (int32_t)n, &err);
    err = U_ZERO_ERROR;
    t->u = malloc(((size_t)t->un + 1) * sizeof *t->u);
    if (!t->u) exit(3);
    u_strFromUTF8(t->u, t->un + 1, NULL, s, (int32_t)n, &err);
    total_bytes += n;
}

static int load(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        perror(path);
        return 0;
    }
    char *line = NULL;
    size_t cap = 0;
    while (getline(&line, &cap, f) > 0) {
        json_t *rec = json_loads(line, 0, NULL);
        if (!rec) continue;
        static const char *const fields[] = {"title", "body"};
        for (int i = 0; i < 2; i++) {
            json_t *v = json_object_get(rec, fields[i]);
            if (json_is_string(v) && json_string_length(v))
                add_text(json_string_value(v), json_string_length(v));
        }
        json_decref(rec);
    }
    free(line);
    fclose(f);
    return ntexts > 0;
}

/* One engine: normalizes every text once; returns bytes out (kept so the
 * work cannot be optimized away). */
typedef size_t (*pass_fn)(void);

static songbad_normalizer *sb_nfc, *sb_search;
static const UNormalizer2 *icu_nfc;
static UChar *ubuf;
static char *u8buf;
static int32_t ubuf_cap;

static size_t songbad_pass(songbad_normalizer *n, int offsets)
{
    size_t out = 0;
    for (size_t i = 0; i < ntexts; i++) {
        const char *o;
        size_t olen;
        const size_t *offs;
        if (songbad_normalize(n, texts[i].s, texts[i].n, &o, &olen, offsets ? &offs : NULL))
            exit(4);
        out += olen;
    }
    return out;
}

static size_t pass_songbad_nfc(void) { return songbad_pass(sb_nfc, 0); }
static size_t pass_songbad_search(void) { return songbad_pass(sb_search, 0); }
static size_t pass_songbad_search_offsets(void) { return songbad_pass(sb_search, 1); }

static size_t pass_utf8proc(void)
{
    size_t out = 0;
    for (size_t i = 0; i < ntexts; i++) {
        utf8proc_uint8_t *r = utf8proc_NFC((const utf8proc_uint8_t *)texts[i].s);
        if (!r) exit(4);
        out += strlen((const char *)r);
        free(r);
    }
    return out;
}

static size_t pass_icu_utf16(void)
{
    size_t out = 0;
    for (size_t i = 0; i < ntexts; i++) {
        UErrorCode err = U_ZERO_ERROR;
        int32_t n = unorm2_normalize(icu_nfc, texts[i].u, texts[i].un, ubuf, ubuf_cap, &err);
        if (U_FAILURE(err)) exit(4);
        out += (size_t)n;
    }
    return out;
}

static size_t pass_icu_utf8(void)
{
    size_t out = 0;
    UChar *src = ubuf + ubuf_cap / 2; /* the converted input in the upper half */
    int32_t half = ubuf_cap / 2;
    for (size_t i = 0; i < ntexts; i++) {
        UErrorCode err = U_ZERO_ERROR;
        int32_t un = 0, n8 = 0;
        u_strFromUTF8(src, half, &un, texts[i].s, (int32_t)texts[i].n, &err);
        int32_t n = unorm2_normalize(icu_nfc, src, un, ubuf, half, &err);
        u_strToUTF8(u8buf, 4 * half, &n8, ubuf, n, &err);
        if (U_FAILURE(err)) exit(4);
        out += (size_t)n8;
    }
    return out;
}

static double best_of(pass_fn f, int runs, size_t *out)
{
    double best = 1e30;
    for (int r = 0; r < runs; r++) {
        double t0 = now();
        *out = f();
        double t = now() - t0;
        if (t < best) best = t;
    }
    return best;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: norm_bench CORPUS.jsonl [RUNS]\n");
        return 2;
    }
    int runs = argc > 2 ? atoi(argv[2]) : 5;
    if (runs < 1) runs = 1;
    if (!load(argv[1])) {
        fprintf(stderr, "norm_bench: no texts in %s\n", argv[1]);
        return 1;
    }
    int32_t longest = 0;
    for (size_t i = 0; i < ntexts; i++)
        if (texts[i].un > longest) longest = texts[i].un;
    /* NFC output fits 3 times the input UTF-16 units; twice for the halves */
    ubuf_cap = 2 * (3 * longest + 16);
    ubuf = malloc((size_t)ubuf_cap * sizeof *ubuf);
    u8buf = malloc((size_t)ubuf_cap * 4);
    UErrorCode err = U_ZERO_ERROR;
    icu_nfc = unorm2_getNFCInstance(&err);
    if (!ubuf || !u8buf || U_FAILURE(err) ||
        songbad_normalizer_new(SONGBAD_NORM_NFC, NULL, &sb_nfc) ||
        songbad_normalizer_new(SONGBAD_NORM_SEARCH, NULL, &sb_search)) {
        fprintf(stderr, "norm_bench: cannot set up\n");
        return 3;
    }
    static const struct {
        const char *name;
        pass_fn f;
        int fastest_nfc; /* a peer's NFC, for the ratio */
    } engines[] = {
        {"songbad NFC", pass_songbad_nfc, 0},
        {"songbad search (NFC + foldings)", pass_songbad_search, 0},
        {"songbad search + byte offsets", pass_songbad_search_offsets, 0},
        {"utf8proc 2 NFC", pass_utf8proc, 1},
        {"ICU Normalizer2 NFC, UTF-16 in", pass_icu_utf16, 1},
        {"ICU NFC, UTF-8 in and out", pass_icu_utf8, 1},
    };
    enum { N = sizeof engines / sizeof engines[0] };
    double secs[N];
    printf("corpus  %s (%zu texts, %zu bytes)\n", argv[1], ntexts, total_bytes);
    printf("%-34s %10s %10s\n", "engine", "best_s", "MB/s");
    double fastest = 1e30;
    for (int e = 0; e < N; e++) {
        size_t out = 0;
        secs[e] = best_of(engines[e].f, runs, &out);
        if (engines[e].fastest_nfc && secs[e] < fastest) fastest = secs[e];
        printf("%-34s %10.4f %10.2f\n", engines[e].name, secs[e],
               (double)total_bytes / 1e6 / secs[e]);
    }
    printf("ratio songbad search / fastest peer NFC: %.2fx the time (%.2fx with offsets)\n",
           secs[1] / fastest, secs[2] / fastest);
    songbad_normalizer_free(sb_nfc);
    songbad_normalizer_free(sb_search);
    return 0;
}
