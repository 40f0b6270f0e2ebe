/* fuzz_normalize.c - every normalization level: the output is valid UTF-8,
 * normalizing it again changes nothing, every offset is the start of a code
 * point of the input (offsets need not rise: the pre-base vowel repair moves
 * signs) and offsets[out_len] == size. */
#include "fuzz_common.h"

static void check_level(songbad_norm_level level, const char *t, size_t size,
                        const unsigned char *starts)
{
    songbad_normalizer *n = NULL, *n2 = NULL;
    FUZZ_ASSERT(songbad_normalizer_new(level, NULL, &n) == SONGBAD_OK && n);
    FUZZ_ASSERT(songbad_normalizer_new(level, NULL, &n2) == SONGBAD_OK && n2);
    const char *out = NULL;
    size_t out_len = 0;
    const size_t *off = NULL;
    int rc = songbad_normalize(n, t, size, &out, &out_len, &off);
    FUZZ_ASSERT(rc == SONGBAD_OK);
    FUZZ_ASSERT(out_len == 0 || out);
    FUZZ_ASSERT(off);
    FUZZ_ASSERT(fuzz_valid_utf8(out, out_len));
    for (size_t i = 0; i < out_len; i++) {
        FUZZ_ASSERT(off[i] < size);
        FUZZ_ASSERT(starts[off[i]]);
    }
    FUZZ_ASSERT(off[out_len] == size);

    /* idempotent, with and without offsets */
    const char *again = NULL;
    size_t again_len = 0;
    const size_t *off2 = NULL;
    FUZZ_ASSERT(songbad_normalize(n2, out, out_len, &again, &again_len, &off2) == SONGBAD_OK);
    FUZZ_ASSERT(again_len == out_len && memcmp(again, out, out_len) == 0);
    FUZZ_ASSERT(off2[again_len] == out_len);
    /* same answer without offsets, on the first normalizer reused */
    char *copy = fuzz_malloc(out_len);
    memcpy(copy, out, out_len);
    FUZZ_ASSERT(songbad_normalize(n, t, size, &again, &again_len, NULL) == SONGBAD_OK);
    FUZZ_ASSERT(again_len == out_len && memcmp(again, copy, out_len) == 0);
    free(copy);
    songbad_normalizer_free(n);
    songbad_normalizer_free(n2);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *t = (const char *)data;
    unsigned char *starts = fuzz_cp_starts(t, size);
    for (int level = SONGBAD_NORM_NFC; level <= SONGBAD_NORM_LOOSE; level++)
        check_level((songbad_norm_level)level, t, size, starts);
    free(starts);
    return 0;
}
