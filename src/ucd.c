/* ucd.c - lookups into the generated normalization tables. */
#include "songbad_int.h"
#include "gen/norm_tables.h"

/* Hangul syllables are composed and decomposed algorithmically (Unicode
 * chapter 3.12); the tables leave them out. */
#define HANGUL_S 0xAC00
#define HANGUL_L 0x1100
#define HANGUL_V 0x1161
#define HANGUL_T 0x11A7
#define HANGUL_VCOUNT 21
#define HANGUL_TCOUNT 28
#define HANGUL_NCOUNT (HANGUL_VCOUNT * HANGUL_TCOUNT)
#define HANGUL_SCOUNT 11172

uint8_t songbad_ucd_ccc(uint32_t cp)
{
    return songbad_norm_record_of(cp)->ccc;
}

size_t songbad_ucd_decomp(uint32_t cp, const uint32_t **seq)
{
    const songbad_norm_record *r = songbad_norm_record_of(cp);
    *seq = songbad_norm_pool + r->dec_off;
    return r->dec_len;
}

int songbad_ucd_nfkc_cf(uint32_t cp, const uint32_t **seq, size_t *n)
{
    const songbad_norm_record *r = songbad_norm_record_of(cp);
    if (!(r->flags & SONGBAD_NORM_HAS_CF)) return 0;
    *seq = songbad_norm_pool + r->cf_off;
    *n = r->cf_len;
    return 1;
}

int songbad_ucd_is_comp_second(uint32_t cp)
{
    return (songbad_norm_record_of(cp)->flags & SONGBAD_NORM_COMP_SECOND) != 0;
}

size_t songbad_ucd_hangul_decomp(uint32_t cp, uint32_t out[3])
{
    if (cp < HANGUL_S || cp >= HANGUL_S + HANGUL_SCOUNT) return 0;
    uint32_t s = cp - HANGUL_S;
    out[0] = HANGUL_L + s / HANGUL_NCOUNT;
    out[1] = HANGUL_V + (s % HANGUL_NCOUNT) / HANGUL_TCOUNT;
    if (s % HANGUL_TCOUNT == 0) return 2;
    out[2] = HANGUL_T + s % HANGUL_TCOUNT;
    return 3;
}

uint32_t songbad_ucd_compose(uint32_t a, uint32_t b)
{
    /* Hangul LV and LVT */
    if (a >= HANGUL_L && a < HANGUL_L + 19 && b >= HANGUL_V &&
        b < HANGUL_V + HANGUL_VCOUNT)
        return HANGUL_S + ((a - HANGUL_L) * HANGUL_VCOUNT + (b - HANGUL_V)) *
                              HANGUL_TCOUNT;
    if (a >= HANGUL_S && a < HANGUL_S + HANGUL_SCOUNT &&
        (a - HANGUL_S) % HANGUL_TCOUNT == 0 && b > HANGUL_T &&
        b < HANGUL_T + HANGUL_TCOUNT)
        return a + (b - HANGUL_T);
    if (!songbad_ucd_is_comp_second(b)) return 0;
    size_t lo = 0, hi = songbad_norm_npairs;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        const songbad_norm_pair *p = &songbad_norm_pairs[mid];
        if (p->first < a || (p->first == a && p->second < b)) lo = mid + 1;
        else if (p->first == a && p->second == b) return p->composite;
        else hi = mid;
    }
    return 0;
}
