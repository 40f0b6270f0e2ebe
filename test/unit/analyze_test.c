/* analyze_test.c - the analyzer: exact tokens for tricky words, and
 * properties over random byte strings (offsets on code point boundaries
 * inside the input, rising from token to token, no empty term, positions
 * that never go back). */
#include "check.h"
#include "songbad.h"

#include <stdlib.h>

typedef struct collected {
    char out[4096];
    size_t n;
} collected;

/* "WORD|STEM|#KEY ..." for the WORD terms and their variants */
static int collect(void *ctx, const songbad_term *t)
{
    collected *c = ctx;
    const char *sep = !c->n ? "" : t->colocated ? "|" : " ";
    size_t need = strlen(sep) + t->len;
    if (c->n + need + 1 >= sizeof c->out) return SONGBAD_DONE;
    memcpy(c->out + c->n, sep, strlen(sep));
    c->n += strlen(sep);
    memcpy(c->out + c->n, t->text, t->len);
    c->n += t->len;
    c->out[c->n] = '\0';
    return SONGBAD_OK;
}

static const char *terms(songbad_analyzer *an, const char *s)
{
    static collected c;
    c.n = 0;
    c.out[0] = '\0';
    songbad_analyze(an, s, strlen(s), collect, &c);
    return c.out;
}

static void test_tokens(void)
{
    songbad_analyzer *an;
    CHECK(songbad_analyzer_new(0, NULL, &an) == SONGBAD_OK);
    /* numbers in either script, Indian grouping, decimals, ordinals */
    CHECK(strcmp(terms(an, "১,২৫,০০০ টাকা"), "125000 টাকা") == 0);
    CHECK(strcmp(terms(an, "1,25,000 ১০.৫"), "125000 10.5") == 0);
    CHECK(strcmp(terms(an, "১৮ই অক্টোবর ১লা"), "18 অক্টোবর 1") == 0);
    /* letters before digits make a word of their own, not a number (the
     * G20 summit, an ad placeholder); digits before letters stay a number */
    CHECK(strcmp(terms(an, "জি২০ বিজ্ঞাপন_৩ ১০টি"), "জি20 বিজ্ঞাপন_3 10") == 0);
    /* hyphenated names: the parts and the whole */
    CHECK(strcmp(terms(an, "জং-উন"), "জং|জংউন উন") == 0);
    /* a case ending after a hyphen belongs to the word before */
    CHECK(strcmp(terms(an, "২০২২-এর AFP-কে"), "2022 afp") == 0);
    /* abbreviations with dots, the taka sign */
    CHECK(strcmp(terms(an, "U.S. ৳৫০০"), "us ৳ 500") == 0);
    /* ZWJ, ZWNJ and nukta spellings meet */
    CHECK(strcmp(terms(an, "র\u200D\u09CD\u09AF\u09BE\u09AC ক\u200Cর"), "র্যাব কর") == 0);
    songbad_analyzer_free(an);

    CHECK(songbad_analyzer_new(SONGBAD_ANALYZE_DEFAULT, NULL, &an) == SONGBAD_OK);
    /* stems and keys as colocated terms; one key for both spellings */
    CHECK(strcmp(terms(an, "\u0995\u09CB\u09B0\u09BF\u09DF\u09BE\u09B0"),
                 "\u0995\u09CB\u09B0\u09BF\u09AF\u09BC\u09BE\u09B0|"
                 "\u0995\u09CB\u09B0\u09BF\u09AF\u09BC\u09BE|#kr") == 0);
    CHECK(strcmp(terms(an, "ল্যাভরভ লাভরভ Lavrov"), "ল্যাভরভ|#lvrv লাভরভ|#lvrv lavrov|#lvrv") == 0);
    /* a stopword keeps its stem but has no key: করে and its key #kra would
     * otherwise match কারা */
    CHECK(strcmp(terms(an, "কাজ করে"), "কাজ|#kj করে|কর") == 0);
    CHECK(strcmp(terms(an, ""), "") == 0);
    songbad_analyzer_free(an);

    /* the pipeline's switches: the loose level folds spelling variants
     * (ী ি, ণ ন before ট ঠ ড ঢ), no stopwords makes করে a word like others */
    CHECK(songbad_analyzer_new(SONGBAD_ANALYZE_LOOSE, NULL, &an) == SONGBAD_OK);
    CHECK(strcmp(terms(an, "সরকারী ঘণ্টা"), "সরকারি ঘন্টা") == 0);
    songbad_analyzer_free(an);
    CHECK(songbad_analyzer_new(SONGBAD_ANALYZE_DEFAULT | SONGBAD_ANALYZE_NO_STOPWORDS, NULL,
                               &an) == SONGBAD_OK);
    CHECK(strcmp(terms(an, "কাজ করে"), "কাজ|#kj করে|কর|#kra") == 0);
    songbad_analyzer_free(an);
}

typedef struct checker {
    const unsigned char *text;
    size_t len;
    const unsigned char *starts; /* 1 where a code point starts */
    size_t last_start, last_pos;
    int any, ok;
} checker;

static int check_term(void *ctx, const songbad_term *t)
{
    checker *c = ctx;
    if (t->len == 0 || t->start >= t->end || t->end > c->len || !c->starts[t->start] ||
        (t->end < c->len && !c->starts[t->end]))
        c->ok = 0;
    if (!t->colocated) {
        if (c->any && (t->start < c->last_start || t->position != c->last_pos + 1)) c->ok = 0;
        c->last_start = t->start;
        c->last_pos = t->position;
        c->any = 1;
    } else if (!c->any || t->position != c->last_pos) {
        c->ok = 0;
    }
    return SONGBAD_OK;
}

static void test_properties(void)
{
    songbad_analyzer *an;
    songbad_analyzer_new(SONGBAD_ANALYZE_DEFAULT, NULL, &an);
    static const char *const pieces[] = {
        "কোরিয়া", "\u09AF\u09BC", "১,২", "0.5", "-", "জং-উন", " ", "\n", "।", "\u200D",
        "\u200C", "\u09CD", "\u09C7", "Lavrov", "U.S.", "৳", "\xFF", "\xE0\xA6", "\0", "'",
        "\u09F7", "|", "\u0981", "AFP-এর", "ক্ষ", "😀", "\u0301"};
    static unsigned char buf[4096], starts[4097];
    unsigned seed = 99;
    int all_ok = 1;
    for (int iter = 0; iter < 3000; iter++) {
        size_t n = 0;
        int count = (int)(seed % 40);
        for (int k = 0; k < count; k++) {
            seed = seed * 1103515245u + 12345u;
            const char *p = pieces[(seed >> 8) % (sizeof pieces / sizeof pieces[0])];
            size_t pl = (p[0] == '\0') ? 1 : strlen(p);
            if (n + pl >= sizeof buf) break;
            memcpy(buf + n, p, pl);
            n += pl;
        }
        seed = seed * 1103515245u + 12345u;
        memset(starts, 0, n + 1);
        for (size_t i = 0; i < n;) {
            uint32_t cp;
            starts[i] = 1;
            i += songbad_utf8_decode((const char *)buf + i, n - i, &cp);
        }
        checker c = {buf, n, starts, 0, 0, 0, 1};
        if (songbad_analyze(an, (const char *)buf, n, check_term, &c) != SONGBAD_OK) c.ok = 0;
        all_ok &= c.ok;
    }
    CHECK(all_ok);
    songbad_analyzer_free(an);
}

int main(void)
{
    test_tokens();
    test_properties();
    return check_report("analyze_test");
}
