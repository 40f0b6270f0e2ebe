/*
 * norm.c - the normalization pipeline shared by every level.
 *
 * Input is decoded (leniently) and cut into chunks at code points where no
 * rule can reach across: before any ASCII character, or, in a long chunk,
 * before a starter that nothing composes with. For each chunk:
 *   1. decompose: canonical decomposition (nfc, nfd) or the NFKC_Casefold
 *      mapping (search, loose), after the khanda-ta rule that must see the
 *      ZWJ before NFKC_Casefold removes it;
 *   2. canonical reordering;
 *   3. the Bengali rules of the level (norm_bengali.c);
 *   4. canonical composition (all levels but nfd);
 *   5. UTF-8 encoding, with the input offset of every output byte.
 * Every code point carries the input offset it came from through all steps.
 */
#include "songbad_int.h"

#define LONG_CHUNK 1024 /* code points before a non-ASCII cut is considered */

struct songbad_normalizer {
    songbad_allocator alloc;
    songbad_norm_level level;
    songbad_norm_context ctx;
    uint32_t *cps;       /* the current chunk, decomposed */
    size_t *srcs;        /* input offset of each code point of the chunk */
    size_t n, cap;
    uint32_t *cps2;      /* scratch for the late NFKC_Casefold pass */
    size_t *srcs2;
    size_t cap2;
    int late_cf;         /* the chunk holds a non-starter with a mapping */
    char *out;
    size_t out_len, out_cap;
    size_t *offs;
    size_t offs_cap;
    int want_offsets;
};

static const char *const level_names[] = {"nfc", "nfd", "search", "loose"};

int songbad_norm_level_parse(const char *name, songbad_norm_level *level)
{
    if (!name || !level) return SONGBAD_E_INVAL;
    for (int i = 0; i < 4; i++) {
        if (strcmp(name, level_names[i]) == 0) {
            *level = (songbad_norm_level)i;
            return SONGBAD_OK;
        }
    }
    return SONGBAD_E_INVAL;
}

const char *songbad_norm_level_name(songbad_norm_level level)
{
    return (unsigned)level < 4 ? level_names[level] : "unknown";
}

int songbad_normalizer_new(songbad_norm_level level,
                           const songbad_allocator *alloc,
                           songbad_normalizer **out)
{
    if (!out) return SONGBAD_E_INVAL;
    *out = NULL;
    if ((unsigned)level > SONGBAD_NORM_LOOSE) return SONGBAD_E_INVAL;
    songbad_allocator a;
    songbad_alloc_init(&a, alloc);
    songbad_normalizer *n = songbad_alloc_realloc(&a, NULL, sizeof *n);
    if (!n) return SONGBAD_E_NOMEM;
    memset(n, 0, sizeof *n);
    n->alloc = a;
    n->level = level;
    *out = n;
    return SONGBAD_OK;
}

void songbad_normalizer_free(songbad_normalizer *n)
{
    if (!n) return;
    songbad_allocator a = n->alloc;
    songbad_alloc_free(&a, n->cps);
    songbad_alloc_free(&a, n->srcs);
    songbad_alloc_free(&a, n->cps2);
    songbad_alloc_free(&a, n->srcs2);
    songbad_alloc_free(&a, n->out);
    songbad_alloc_free(&a, n->offs);
    songbad_alloc_free(&a, n);
}

/* Makes room for `more` code points in the chunk. */
static int chunk_reserve(songbad_normalizer *n, size_t more)
{
    if (n->n + more <= n->cap) return SONGBAD_OK;
    size_t cap = n->cap;
    int rc = songbad_grow(&n->alloc, (void **)&n->cps, &cap, n->n + more,
                          sizeof *n->cps);
    if (rc) return rc;
    size_t cap2 = n->cap;
    rc = songbad_grow(&n->alloc, (void **)&n->srcs, &cap2, cap, sizeof *n->srcs);
    if (rc) return rc;
    n->cap = cap;
    return SONGBAD_OK;
}

static void chunk_push(songbad_normalizer *n, uint32_t cp, size_t src)
{
    n->cps[n->n] = cp;
    n->srcs[n->n] = src;
    n->n++;
}

/* Step 1 for one input code point. NFKC_Casefold maps the characters of
 * NFD(X): a starter maps the same before or after reordering, but a
 * non-starter with a mapping (U+0345 -> U+03B9) must wait until its marks are
 * in canonical order (late_cf_pass). */
static int decompose_one(songbad_normalizer *n, uint32_t cp, size_t src)
{
    const uint32_t *seq;
    size_t len;
    uint32_t hangul[3];
    int rc = chunk_reserve(n, 32);
    if (rc) return rc;
    if (n->level >= SONGBAD_NORM_SEARCH && songbad_ucd_nfkc_cf(cp, &seq, &len) &&
        songbad_ucd_ccc(cp) != 0) {
        n->late_cf = 1;
        len = songbad_ucd_decomp(cp, &seq);
        if (len == 0) chunk_push(n, cp, src);
        for (size_t i = 0; i < len; i++) chunk_push(n, seq[i], src);
    } else if (n->level >= SONGBAD_NORM_SEARCH &&
               songbad_ucd_nfkc_cf(cp, &seq, &len)) {
        rc = chunk_reserve(n, len);
        if (rc) return rc;
        for (size_t i = 0; i < len; i++) chunk_push(n, seq[i], src);
    } else if ((len = songbad_ucd_decomp(cp, &seq)) > 0) {
        for (size_t i = 0; i < len; i++) chunk_push(n, seq[i], src);
    } else if ((len = songbad_ucd_hangul_decomp(cp, hangul)) > 0) {
        for (size_t i = 0; i < len; i++) chunk_push(n, hangul[i], src);
    } else {
        chunk_push(n, cp, src);
    }
    return SONGBAD_OK;
}

/* Step 2: stable insertion sort of each run of non-starters by ccc. */
void songbad_norm_reorder(uint32_t *cps, size_t *srcs, size_t count)
{
    for (size_t i = 1; i < count; i++) {
        uint8_t cc = songbad_ucd_ccc(cps[i]);
        if (cc == 0) continue;
        uint32_t c = cps[i];
        size_t s = srcs[i], j = i;
        while (j > 0 && songbad_ucd_ccc(cps[j - 1]) > cc) {
            cps[j] = cps[j - 1];
            srcs[j] = srcs[j - 1];
            j--;
        }
        cps[j] = c;
        srcs[j] = s;
    }
}

/* Step 2b: maps the non-starters left for after reordering, then reorders
 * again. */
static int late_cf_pass(songbad_normalizer *n)
{
    size_t need = 0;
    for (size_t i = 0; i < n->n; i++) {
        const uint32_t *seq;
        size_t len = 1;
        if (songbad_ucd_ccc(n->cps[i]) != 0) songbad_ucd_nfkc_cf(n->cps[i], &seq, &len);
        need += len;
    }
    size_t cap = n->cap2;
    int rc = songbad_grow(&n->alloc, (void **)&n->cps2, &cap, need, sizeof *n->cps2);
    if (!rc) rc = songbad_grow(&n->alloc, (void **)&n->srcs2, &n->cap2, need,
                               sizeof *n->srcs2);
    if (rc) return rc;
    size_t out = 0;
    for (size_t i = 0; i < n->n; i++) {
        const uint32_t *seq;
        size_t len;
        if (songbad_ucd_ccc(n->cps[i]) != 0 && songbad_ucd_nfkc_cf(n->cps[i], &seq, &len)) {
            for (size_t k = 0; k < len; k++) {
                n->cps2[out] = seq[k];
                n->srcs2[out++] = n->srcs[i];
            }
        } else {
            n->cps2[out] = n->cps[i];
            n->srcs2[out++] = n->srcs[i];
        }
    }
    /* swap the buffers: the scratch becomes the chunk */
    uint32_t *tc = n->cps; n->cps = n->cps2; n->cps2 = tc;
    size_t *ts = n->srcs; n->srcs = n->srcs2; n->srcs2 = ts;
    n->cap2 = n->cap; /* both scratch arrays grew from the same size to cap */
    n->cap = cap;
    n->n = out;
    n->late_cf = 0;
    songbad_norm_reorder(n->cps, n->srcs, n->n);
    return SONGBAD_OK;
}

/* Step 4: canonical composition in place; returns the new length. A
 * composite keeps the input offset of its starter. */
static size_t compose(uint32_t *cps, size_t *srcs, size_t count)
{
    size_t out = 0, starter = SIZE_MAX;
    uint8_t last_cc = 0;
    for (size_t i = 0; i < count; i++) {
        uint32_t c = cps[i];
        uint8_t cc = songbad_ucd_ccc(c);
        if (starter != SIZE_MAX) {
            int adjacent = (out - 1 == starter);
            if (adjacent || (last_cc != 0 && last_cc < cc)) {
                uint32_t comp = songbad_ucd_compose(cps[starter], c);
                if (comp) {
                    cps[starter] = comp;
                    continue;
                }
            }
        }
        if (cc == 0) starter = out;
        last_cc = cc;
        cps[out] = c;
        srcs[out] = srcs[i];
        out++;
    }
    return out;
}

/* Step 5: appends the chunk to the output. */
static int emit(songbad_normalizer *n)
{
    size_t count = n->n;
    int rc = songbad_grow(&n->alloc, (void **)&n->out, &n->out_cap,
                          n->out_len + count * 4, 1);
    if (rc) return rc;
    if (n->want_offsets) {
        rc = songbad_grow(&n->alloc, (void **)&n->offs, &n->offs_cap,
                          n->out_len + count * 4 + 1, sizeof *n->offs);
        if (rc) return rc;
    }
    for (size_t i = 0; i < count; i++) {
        size_t k = songbad_utf8_encode(n->cps[i], n->out + n->out_len);
        if (n->want_offsets)
            for (size_t b = 0; b < k; b++) n->offs[n->out_len + b] = n->srcs[i];
        n->out_len += k;
    }
    n->n = 0;
    return SONGBAD_OK;
}

static int flush_chunk(songbad_normalizer *n)
{
    if (n->n == 0) return SONGBAD_OK;
    songbad_norm_reorder(n->cps, n->srcs, n->n);
    if (n->late_cf) {
        int rc = late_cf_pass(n);
        if (rc) return rc;
    }
    if (n->level >= SONGBAD_NORM_SEARCH)
        n->n = songbad_norm_bengali(n->level, &n->ctx, n->cps, n->srcs, n->n);
    if (n->level != SONGBAD_NORM_NFD) n->n = compose(n->cps, n->srcs, n->n);
    return emit(n);
}

/* Whether a Bengali code point ends a syllable that no rule reaches past:
 * a letter or a sign, but not a virama, a pre-base vowel sign (the order
 * repair moves it after the next consonant; loose turns ী into ি), a
 * candrabindu (loose deletes it, joining its neighbours) or anything that
 * NFKC_Casefold removes. */
static int ends_plain_syllable(uint32_t c)
{
    return (c >= 0x0985 && c <= 0x09B9) || c == 0x0982 || c == 0x0983 ||
           c == 0x09BC || c == 0x09BE || (c >= 0x09C1 && c <= 0x09C4) ||
           c == 0x09CB || c == 0x09CC || c == 0x09CE || c == 0x09D7 ||
           (c >= 0x09DC && c <= 0x09DF) || c == 0x09F0 || c == 0x09F1;
}

/* Whether a chunk may end before cp, prev being the input code point before
 * it (see the file comment). Inside Bengali text a long chunk may end before
 * a consonant or an independent vowel that follows a plain syllable. */
static int is_cut_point(const songbad_normalizer *n, uint32_t prev, uint32_t cp)
{
    if (n->n == 0) return 0;
    if (cp < 0x80) return 1;
    if (n->n < LONG_CHUNK) return 0;
    if ((cp >= 0x0985 && cp <= 0x0994) || (cp >= 0x0995 && cp <= 0x09B9))
        return ends_plain_syllable(prev);
    if ((cp >= 0x0980 && cp <= 0x09FF) || (cp >= 0x1100 && cp <= 0x11FF) ||
        cp == 0x200C || cp == 0x200D)
        return 0;
    const uint32_t *seq;
    size_t len;
    return songbad_ucd_ccc(cp) == 0 && !songbad_ucd_is_comp_second(cp) &&
           !songbad_ucd_nfkc_cf(cp, &seq, &len);
}

int songbad_normalize(songbad_normalizer *n, const char *text, size_t len,
                      const char **out, size_t *out_len, const size_t **offsets)
{
    if (!n || (!text && len) || !out || !out_len) return SONGBAD_E_INVAL;
    const unsigned char *s = (const unsigned char *)text;
    n->n = 0;
    n->late_cf = 0;
    n->out_len = 0;
    n->want_offsets = offsets != NULL;
    songbad_norm_context_reset(&n->ctx);
    int rc = SONGBAD_OK;
    size_t i = 0;
    uint32_t prev = 0;
    while (i < len && rc == SONGBAD_OK) {
        uint32_t cp;
        size_t k = songbad_utf8_decode_fast(s + i, len - i, &cp);
        if (is_cut_point(n, prev, cp)) rc = flush_chunk(n);
        prev = cp;
        if (rc) break;
        if (n->level >= SONGBAD_NORM_SEARCH) {
            /* ত + virama + ZWJ is the pre-4.1 spelling of khanda ta */
            size_t adv = songbad_norm_khanda_ta(text, len, i, k, cp);
            if (adv) {
                rc = chunk_reserve(n, 1);
                if (!rc) chunk_push(n, 0x09CE, i);
                i += adv;
                continue;
            }
        }
        rc = decompose_one(n, cp, i);
        i += k;
    }
    if (!rc) rc = flush_chunk(n);
    if (!rc && n->want_offsets) {
        rc = songbad_grow(&n->alloc, (void **)&n->offs, &n->offs_cap,
                          n->out_len + 1, sizeof *n->offs);
        if (!rc) n->offs[n->out_len] = len;
    }
    if (rc) {
        n->n = 0;
        n->out_len = 0;
        return rc;
    }
    *out = n->out ? n->out : "";
    *out_len = n->out_len;
    if (offsets) *offsets = n->offs;
    return SONGBAD_OK;
}
