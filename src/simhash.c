/* simhash.c - near-duplicate fingerprints: a MinHash signature of the word
 * 3-shingles of a text (on normalized words), so a wire story republished
 * with small edits shares most of its minima with the original. Two texts
 * whose signatures agree in a share s of positions have a Jaccard
 * similarity of about s. */
#include "index_tap.h"

uint64_t songbad_fnv1a(const char *s, size_t n, uint64_t h)
{
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= UINT64_C(1099511628211);
    }
    return h;
}

/* splitmix64: a cheap, well-mixed hash family indexed by seed. */
static uint64_t mix(uint64_t x)
{
    x += UINT64_C(0x9e3779b97f4a7c15);
    x ^= x >> 30;
    x *= UINT64_C(0xbf58476d1ce4e5b9);
    x ^= x >> 27;
    x *= UINT64_C(0x94d049bb133111eb);
    x ^= x >> 31;
    return x;
}

void songbad_minhash_begin(songbad_shingles *s, uint32_t sig[SONGBAD_MINHASH_SIZE])
{
    memset(s, 0, sizeof *s);
    s->sig = sig;
    for (int i = 0; i < SONGBAD_MINHASH_SIZE; i++) sig[i] = UINT32_MAX;
}

int songbad_minhash_term(void *shingles, const songbad_term *t)
{
    songbad_shingles *s = shingles;
    if (t->type != SONGBAD_TERM_WORD) return SONGBAD_OK;
    s->last[0] = s->last[1];
    s->last[1] = s->last[2];
    s->last[2] = songbad_fnv1a(t->text, t->len, SONGBAD_FNV_SEED);
    if (++s->nwords < 3) return SONGBAD_OK;
    uint64_t h = mix(s->last[0] * 31 * 31 + s->last[1] * 31 + s->last[2]);
    for (int i = 0; i < SONGBAD_MINHASH_SIZE; i++) {
        uint32_t v = (uint32_t)(mix(h ^ (uint64_t)(i + 1) * UINT64_C(0x632be59bd9b4e019)) >> 32);
        if (v < s->sig[i]) s->sig[i] = v;
    }
    s->nshingles++;
    return SONGBAD_OK;
}

int songbad_minhash(songbad_analyzer *words, const char *text, size_t len,
                    uint32_t sig[SONGBAD_MINHASH_SIZE], size_t *nshingles)
{
    songbad_shingles s;
    songbad_minhash_begin(&s, sig);
    int rc = songbad_analyze(words, text, len, songbad_minhash_term, &s);
    *nshingles = s.nshingles;
    return rc;
}

double songbad_minhash_similarity(const uint32_t *a, const uint32_t *b)
{
    int same = 0;
    for (int i = 0; i < SONGBAD_MINHASH_SIZE; i++) same += a[i] == b[i];
    return (double)same / SONGBAD_MINHASH_SIZE;
}
