/* fuzz_words.c - songbad_stem, songbad_name_key and songbad_romanize on the
 * search-normalized input: the length asked with cap 0 is the length
 * written into a buffer that size and into a large one, with the same bytes;
 * a short buffer is never overrun; results are at most 4 * len + 16 bytes;
 * keys are only [a-z0-9]. Also songbad_is_stopword on the same word. */
#include "fuzz_common.h"

typedef size_t (*word_fn)(const char *, size_t, char *, size_t);

#define GUARD 16

static void check_fn(const char *name, word_fn fn, const char *w, size_t len)
{
    size_t want = fn(w, len, NULL, 0);
    FUZZ_ASSERT(want <= 4 * len + 16);
    size_t big_cap = 4 * len + 16;
    char *big = fuzz_malloc(big_cap);
    size_t got = fn(w, len, big, big_cap);
    FUZZ_ASSERT(got == want);
    /* exactly the returned size, with guard bytes after it */
    char *exact = fuzz_malloc(want + GUARD);
    memset(exact, 0x5A, want + GUARD);
    FUZZ_ASSERT(fn(w, len, exact, want) == want);
    FUZZ_ASSERT(memcmp(exact, big, want) == 0);
    for (size_t i = want; i < want + GUARD; i++) FUZZ_ASSERT(exact[i] == 0x5A);
    /* too small: the full length is still returned, nothing past cap written */
    if (want > 0) {
        size_t cap = want / 2;
        memset(exact, 0x5A, want + GUARD);
        FUZZ_ASSERT(fn(w, len, exact, cap) == want);
        for (size_t i = cap; i < want + GUARD; i++) FUZZ_ASSERT(exact[i] == 0x5A);
    }
    if (strcmp(name, "key") == 0) {
        for (size_t i = 0; i < want; i++)
            FUZZ_ASSERT((big[i] >= 'a' && big[i] <= 'z') || (big[i] >= '0' && big[i] <= '9'));
    } else {
        FUZZ_ASSERT(fuzz_valid_utf8(big, want));
    }
    free(exact);
    free(big);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    songbad_normalizer *n = NULL;
    FUZZ_ASSERT(songbad_normalizer_new(SONGBAD_NORM_SEARCH, NULL, &n) == SONGBAD_OK);
    const char *w = NULL;
    size_t len = 0;
    FUZZ_ASSERT(songbad_normalize(n, (const char *)data, size, &w, &len, NULL) == SONGBAD_OK);
    check_fn("stem", songbad_stem, w, len);
    check_fn("key", songbad_name_key, w, len);
    check_fn("romanize", songbad_romanize, w, len);
    check_fn("romanize_iso", songbad_romanize_iso, w, len);
    (void)songbad_is_stopword(w, len);
    songbad_normalizer_free(n);
    return 0;
}
