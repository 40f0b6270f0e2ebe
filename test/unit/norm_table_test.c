/* norm_table_test.c - the table paths of songbad_norm_same and
 * songbad_norm_simple (norm.c) against normalization itself: for runs of
 * Bengali code points, dandas, dashes and quotation marks in every probe
 * context, a run they accept must normalize (songbad_norm_append, as a
 * chunk of its own) to what they say, with the same offsets and context,
 * and without reading the context. */
#include "check.h"
#include "songbad_int.h"
#include "bengali.h"

#include <stdint.h>

static uint32_t rng_state = 2463534242u;

static uint32_t rng(void) /* xorshift32: the same runs on every platform */
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 17;
    rng_state ^= rng_state << 5;
    return rng_state;
}

/* A code point: mostly the letters, signs and marks the rules look at. */
static uint32_t pick(void)
{
    static const uint32_t common[] = {
        0x0995, 0x09BE, 0x09BF, 0x09C7, 0x09CD, 0x09B0, 0x09A8, 0x09AF, 0x09BC,
        0x0981, 0x0985, 0x09AC, 0x09C0, 0x09C1, 0x09CB, 0x09CC, 0x09D7, 0x0982,
        0x09DF, 0x09DC, 0x09DD, 0x09C8, 0x09A4, 0x09CE, 0x0964, 0x0965, 0x09E6,
        0x09E9, 0x09EF, 0x09F7, 0x09F0, 0x09A1, 0x09A2, 0x2019, 0x2014};
    uint32_t r = rng() % 100;
    if (r < 70) return common[rng() % (sizeof common / sizeof common[0])];
    if (r < 88) return 0x0980 + rng() % 128;
    if (r < 95) return 0x2010 + rng() % 16;
    return 0x0900 + rng() % 128;
}

/* Normalizes s[0..len) as one chunk after the probe context bits into
 * out and offs; returns its length and leaves the context in *ctx. */
static size_t reference(songbad_normalizer *n, unsigned bits, const char *s,
                        size_t len, songbad_norm_context *ctx, const char **out,
                        size_t **offs)
{
    songbad_norm_context_probe(ctx, bits);
    songbad_norm_begin(n, 1);
    if (songbad_norm_append(n, ctx, s, len, 0, len) != SONGBAD_OK) return SIZE_MAX;
    return songbad_norm_output(n, out, offs);
}

static void test_random_runs(void)
{
    songbad_normalizer *tables, *ref;
    CHECK(songbad_normalizer_new(SONGBAD_NORM_SEARCH, NULL, &tables) == SONGBAD_OK);
    CHECK(songbad_normalizer_new(SONGBAD_NORM_SEARCH, NULL, &ref) == SONGBAD_OK);
    long same = 0, simple = 0, wrong = 0;
    for (int it = 0; it < 200000; it++) {
        char run[64];
        size_t len = 0;
        for (uint32_t k = 1 + rng() % 10; k > 0; k--) len += songbad_utf8_encode(pick(), run + len);
        for (unsigned bits = 0; bits < 4; bits++) {
            songbad_norm_context c_same, c_simple, c_ref;
            const char *out;
            size_t *offs;
            char s_out[128];
            uint8_t rel[128];
            songbad_norm_context_probe(&c_same, bits);
            songbad_norm_context_probe(&c_simple, bits);
            int is_same = songbad_norm_same(tables, &c_same, run, len);
            size_t m = songbad_norm_simple(tables, &c_simple, run, len, s_out, rel);
            if (!is_same && !m) continue;
            size_t rl = reference(ref, bits, run, len, &c_ref, &out, &offs);
            int ok = rl != SIZE_MAX && c_ref.read == 0;
            if (is_same) {
                same++;
                ok = ok && rl == len && memcmp(out, run, len) == 0 &&
                     c_same.last == c_ref.last && c_same.last_nonspace == c_ref.last_nonspace;
                for (size_t k = 0; ok && k < len; k++)
                    ok = offs[k] == (k > 0 && ((unsigned char)run[k] & 0xC0) == 0x80
                                         ? offs[k - 1] : k);
            }
            if (m) {
                simple++;
                ok = ok && rl == m && memcmp(out, s_out, m) == 0 &&
                     c_simple.last == c_ref.last &&
                     c_simple.last_nonspace == c_ref.last_nonspace;
                for (size_t k = 0; ok && k < m; k++) ok = offs[k] == rel[k];
            }
            wrong += !ok;
        }
    }
    CHECK(wrong == 0);
    CHECK(same > 10000);   /* the tables take a good share of the runs */
    CHECK(simple > 10000);
    songbad_normalizer_free(tables);
    songbad_normalizer_free(ref);
}

static void test_examples(void)
{
    songbad_normalizer *n;
    songbad_norm_context ctx;
    char out[64];
    uint8_t rel[64];
    CHECK(songbad_normalizer_new(SONGBAD_NORM_SEARCH, NULL, &n) == SONGBAD_OK);
    songbad_norm_context_probe(&ctx, 0);
    CHECK(songbad_norm_same(n, &ctx, "সরকার।", strlen("সরকার।")));
    CHECK(ctx.last == DANDA && ctx.last_nonspace == DANDA);
    songbad_norm_context_probe(&ctx, 0);
    const char *quoted = "\xE2\x80\x98\xE0\xA6\x95\xE0\xA7\x8B\xE0\xA6\xA8\xE0\xA7\x8B"
                         "\xE2\x80\x99"; /* ‘কোনো’ with ো composed */
    CHECK(songbad_norm_same(n, &ctx, quoted, strlen(quoted)));
    songbad_norm_context_probe(&ctx, 3);
    CHECK(!songbad_norm_same(n, &ctx, "\xE0\xA7\x87\xE0\xA6\x95", 6)); /* ে first */
    songbad_norm_context_probe(&ctx, 0);
    size_t m = songbad_norm_simple(n, &ctx, "\xE0\xA7\xA8\xE0\xA7\xA6\xE0\xA7\xA8\xE0\xA7\xAA",
                                   12, out, rel); /* ২০২৪ */
    CHECK_MEM(out, m, "2024");
    CHECK(m == 4 && rel[0] == 0 && rel[3] == 9);
    songbad_norm_context_probe(&ctx, 0);
    m = songbad_norm_simple(n, &ctx, "\xE0\xA6\xB9\xE0\xA7\x9F", 6, out, rel); /* হয় */
    CHECK_MEM(out, m, "\xE0\xA6\xB9\xE0\xA6\xAF\xE0\xA6\xBC"); /* য় is য + nukta */
    CHECK(m == 9 && rel[3] == 3 && rel[8] == 3);
    songbad_normalizer_free(n);
}

int main(void)
{
    test_random_runs();
    test_examples();
    return check_report("norm_table_test");
}
