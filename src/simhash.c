/* simhash.c - near-duplicate fingerprints: a 64-bit SimHash (Charikar) of
 * the word 3-shingles of a text, on normalized words, so a wire story
 * republished with small edits lands within a few bits of the original. */
#include "songbad_int.h"

uint64_t songbad_fnv1a(const char *s, size_t n, uint64_t h)
{
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= UINT64_C(1099511628211);
    }
    return h;
}

/* Final mixing (splitmix64) so shingle hashes spread over all 64 bits. */
static uint64_t mix(uint64_t x)
{
    x ^= x >> 30;
    x *= UINT64_C(0xbf58476d1ce4e5b9);
    x ^= x >> 27;
    x *= UINT64_C(0x94d049bb133111eb);
    x ^= x >> 31;
    return x;
}

typedef struct shingles {
    uint64_t last[3]; /* hashes of the last three words */
    size_t nwords, nshingles;
    int32_t votes[64];
} shingles;

static int on_word(void *ctx, const songbad_term *t)
{
    shingles *s = ctx;
    if (t->type != SONGBAD_TERM_WORD) return SONGBAD_OK;
    s->last[0] = s->last[1];
    s->last[1] = s->last[2];
    s->last[2] = songbad_fnv1a(t->text, t->len, SONGBAD_FNV_SEED);
    if (++s->nwords < 3) return SONGBAD_OK;
    uint64_t h = mix(s->last[0] * 31 * 31 + s->last[1] * 31 + s->last[2]);
    for (int b = 0; b < 64; b++) s->votes[b] += (h >> b) & 1 ? 1 : -1;
    s->nshingles++;
    return SONGBAD_OK;
}

int songbad_simhash(songbad_analyzer *words, const char *text, size_t len,
                    uint64_t *hash, size_t *nshingles)
{
    shingles s;
    memset(&s, 0, sizeof s);
    int rc = songbad_analyze(words, text, len, on_word, &s);
    if (rc) return rc;
    uint64_t h = 0;
    for (int b = 0; b < 64; b++)
        if (s.votes[b] > 0) h |= UINT64_C(1) << b;
    *hash = h;
    *nshingles = s.nshingles;
    return SONGBAD_OK;
}
