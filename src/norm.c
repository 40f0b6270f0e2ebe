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
#include "gen/norm_tables.h"
#include "bengali.h"
#include "utf8_inline.h"
#include <pthread.h>

#define LONG_CHUNK 1024 /* code points before a non-ASCII cut is considered */
#define SAME_TABLE (256 + 16)
#define SAME_CLASSES 64 /* at most; same_classes counts them */

/* What songbad_norm_same and songbad_norm_simple need of U+0900..U+09FF,
 * then of U+2010..U+201F (dashes and quotation marks): the same for every
 * normalizer, built on first use (search_tables). */
typedef struct same_tables {
    uint16_t same[SAME_TABLE];
    uint8_t same_ccc[SAME_TABLE];
    uint16_t simple_to[SAME_TABLE][2]; /* what a SAME_SIMPLE code point becomes */
    /* same_by_table's test as a table: each code point has a class (what
     * table_ok reads of it), same_next[p][c] says whether class c may follow
     * class p (0: the start); a SAME_UNIT code point is checked as its first
     * part (same_in) and leaves its second (same_out) */
    uint8_t same_in[SAME_TABLE], same_out[SAME_TABLE];
    uint8_t same_next[SAME_CLASSES][SAME_CLASSES];
} same_tables_t;

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
    int need_reorder;    /* the chunk holds a non-starter */
    int need_compose;    /* it holds a code point that may compose with an
                            earlier one (or late_cf may create one) */
    size_t peak;         /* the longest chunk of the last append */
    char *out;
    size_t out_len, out_cap;
    size_t *offs;
    size_t offs_cap;
    int want_offsets;
    const struct same_tables *st; /* search level: shared, built once */
    int no_fast;         /* songbad_normalize takes the general path only */
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

/* The bits of songbad_normalizer.same: SAME_OK, the code point (Bengali, a
 * danda, a dash or a quotation mark) stands for itself (no decomposition,
 * no NFKC_Casefold, no rule of its own); SAME_SIMPLE, it becomes one or two
 * such code points (or an ASCII digit) whatever surrounds it (simple_to:
 * a nukta letter, a Bengali digit); SAME_UNIT, it decomposes into two such
 * code points (simple_to) that compose back (ো, ৌ); SAME_BENGALI, the rules take it for
 * Bengali; SAME_SECOND and SAME_FIRST, it is the second, or the first, of
 * a composition pair; the rest, its songbad_norm_bengali_roles. */
enum {
    SAME_OK = 1, SAME_SIMPLE = 2, SAME_UNIT = 4, SAME_BENGALI = 8, SAME_SECOND = 16,
    SAME_FIRST = 32, SAME_ROLES_SHIFT = 6
};

/* The index of c in the tables, or -1. */
static int same_index(uint32_t c)
{
    if (c >= 0x0900 && c <= 0x09FF) return (int)(c - 0x0900);
    if (c >= 0x2010 && c <= 0x201F) return (int)(256 + c - 0x2010);
    return -1;
}

/* Fills simple_to for c when it is SAME_SIMPLE: a starter that
 * NFKC_Casefold (or canonical decomposition) turns into two code points of
 * the tables, or one that the rules alone turn into another, the same in
 * every context (Bengali digits, ৷). */
static void simple_entry(same_tables_t *n, uint32_t c)
{
    int k = same_index(c);
    const uint32_t *seq;
    size_t len;
    if (n->same[k] & SAME_OK || n->same_ccc[k]) return;
    if (!songbad_ucd_nfkc_cf(c, &seq, &len)) len = songbad_ucd_decomp(c, &seq);
    if (len == 2 && same_index(seq[0]) >= 0 && same_index(seq[1]) >= 0 &&
        !(songbad_norm_bengali_roles(c) & SONGBAD_NORM_ROLE_FOLDS)) {
        n->simple_to[k][0] = (uint16_t)seq[0];
        n->simple_to[k][1] = (uint16_t)seq[1];
        n->same[k] |= SAME_SIMPLE;
        return;
    }
    if (len != 0 || !(songbad_norm_bengali_roles(c) & SONGBAD_NORM_ROLE_FOLDS)) return;
    uint32_t to[2];
    for (unsigned bits = 0; bits < 4; bits += 3) { /* no context, all context */
        songbad_norm_context ctx;
        uint32_t cp = c;
        size_t src = 0;
        songbad_norm_context_probe(&ctx, bits);
        if (songbad_norm_bengali(SONGBAD_NORM_SEARCH, &ctx, &cp, &src, 1) != 1 || ctx.read)
            return;
        to[bits & 1] = cp;
    }
    if (to[0] != to[1] || !(to[0] < 0x80 || same_index(to[0]) >= 0)) return;
    n->simple_to[k][0] = (uint16_t)to[0];
    n->same[k] |= SAME_SIMPLE;
}

/* Marks c SAME_UNIT when it is a starter whose canonical decomposition is
 * two SAME_OK starters that nothing but their composition changes:
 * normalizing it gives it back. (The tests between them are those of
 * table_ok but the composition itself.) */
static void unit_entry(same_tables_t *n, uint32_t c)
{
    int k = same_index(c);
    const songbad_norm_record *rec = songbad_norm_record_of(c);
    const uint32_t *seq;
    if (rec->ccc || (rec->flags & SONGBAD_NORM_HAS_CF) || songbad_ucd_decomp(c, &seq) != 2)
        return;
    int k0 = same_index(seq[0]), k1 = same_index(seq[1]);
    if (k0 < 0 || k1 < 0 || songbad_ucd_compose(seq[0], seq[1]) != c) return;
    unsigned t0 = n->same[k0], t1 = n->same[k1];
    if (!(t0 & t1 & SAME_OK) || n->same_ccc[k0] || n->same_ccc[k1] ||
        (t1 >> SAME_ROLES_SHIFT & SONGBAD_NORM_ROLE_PREBASE) ||
        ((t0 >> SAME_ROLES_SHIFT) / SONGBAD_NORM_ROLE_FIRST &
         (t1 >> SAME_ROLES_SHIFT) / SONGBAD_NORM_ROLE_SECOND & 7))
        return;
    n->simple_to[k][0] = (uint16_t)seq[0];
    n->simple_to[k][1] = (uint16_t)seq[1];
    n->same[k] |= SAME_UNIT;
}

static void same_tables(same_tables_t *n)
{
    static const uint32_t from[2] = {0x0900, 0x2010}, to[2] = {0x09FF, 0x201F};
    for (int r = 0; r < 2; r++) {
        for (uint32_t c = from[r]; c <= to[r]; c++) {
            const songbad_norm_record *rec = songbad_norm_record_of(c);
            unsigned roles = songbad_norm_bengali_roles(c);
            int bengali = (c >= 0x0980 && c <= 0x09FF) || c == DANDA || c == DOUBLE_DANDA;
            unsigned bits = roles << SAME_ROLES_SHIFT;
            if ((bengali || c >= 0x2010) && rec->dec_len == 0 &&
                !(rec->flags & SONGBAD_NORM_HAS_CF) && !(roles & SONGBAD_NORM_ROLE_FOLDS))
                bits |= SAME_OK;
            if (bengali) bits |= SAME_BENGALI;
            if (rec->flags & SONGBAD_NORM_COMP_SECOND) bits |= SAME_SECOND;
            n->same[same_index(c)] = (uint16_t)bits;
            n->same_ccc[same_index(c)] = rec->ccc;
        }
    }
    for (size_t i = 0; i < songbad_norm_npairs; i++) {
        int k = same_index(songbad_norm_pairs[i].first);
        if (k >= 0) n->same[k] |= SAME_FIRST;
    }
    for (uint32_t c = 0x0980; c <= 0x09FF; c++) {
        simple_entry(n, c);
        unit_entry(n, c);
    }
}

static int table_ok(unsigned t, unsigned cc, unsigned prev, unsigned prev_ccc, int first);

/* Fills same_in, same_out and same_next from same and same_ccc. */
static void same_classes(same_tables_t *n)
{
    unsigned key[SAME_CLASSES]; /* a class: the bits table_ok reads, and ccc */
    int nclass = 1;             /* 0 is the start */
    uint8_t cls[SAME_TABLE];
    key[0] = 0;
    for (int k = 0; k < SAME_TABLE; k++) {
        unsigned kk = (unsigned)(n->same[k] & ~(SAME_SIMPLE | SAME_UNIT)) << 8 | n->same_ccc[k];
        int c = 1;
        while (c < nclass && key[c] != kk) c++;
        if (c == nclass) {
            /* more classes than the table holds: no code point may come,
             * and the full check decides every run */
            if (nclass == SAME_CLASSES) {
                memset(n->same_next, 0, sizeof n->same_next);
                return;
            }
            key[nclass++] = kk;
        }
        cls[k] = (uint8_t)c;
    }
    for (int k = 0; k < SAME_TABLE; k++) {
        int unit = n->same[k] & SAME_UNIT;
        n->same_in[k] = unit ? cls[same_index(n->simple_to[k][0])] : cls[k];
        n->same_out[k] = unit ? cls[same_index(n->simple_to[k][1])] : cls[k];
    }
    for (int p = 0; p < nclass; p++)
        for (int c = 1; c < nclass; c++)
            n->same_next[p][c] = (uint8_t)table_ok(key[c] >> 8, key[c] & 0xFF,
                                                   p ? key[p] >> 8 : 0, p ? key[p] & 0xFF : 0,
                                                   p == 0);
}

static same_tables_t shared_tables;
static pthread_once_t shared_once = PTHREAD_ONCE_INIT;

static void build_shared_tables(void)
{
    same_tables(&shared_tables);
    same_classes(&shared_tables);
}

/* The tables, built by the first caller (a normalizer per article made
 * them again each time: 3% of an ingest). */
static const same_tables_t *search_tables(void)
{
    pthread_once(&shared_once, build_shared_tables);
    return &shared_tables;
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
    if (level == SONGBAD_NORM_SEARCH) n->st = search_tables();
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

static int is_hangul_syllable(uint32_t cp)
{
    return cp >= 0xAC00 && cp <= 0xD7A3;
}

/* Hangul V and T jamo compose with the syllable before them; the tables
 * leave Hangul out, so the composition-second flag does not tell. */
static int is_hangul_vt(uint32_t cp)
{
    return (cp >= 0x1161 && cp <= 0x1175) || (cp >= 0x11A8 && cp <= 0x11C2);
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
    const songbad_norm_record *rec = songbad_norm_record_of(cp);
    if (rec->dec_len == 0 && !(rec->flags & SONGBAD_NORM_HAS_CF) &&
        !is_hangul_syllable(cp)) {
        /* the common case: the code point stands for itself; note what the
         * later steps will have to do */
        if (rec->ccc != 0) n->need_reorder = 1;
        if ((rec->flags & SONGBAD_NORM_COMP_SECOND) || is_hangul_vt(cp))
            n->need_compose = 1;
        chunk_push(n, cp, src);
        return SONGBAD_OK;
    }
    n->need_reorder = n->need_compose = 1;
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

static uint8_t ccc_of(uint32_t cp)
{
    return songbad_norm_record_of(cp)->ccc;
}

/* Step 2: stable insertion sort of each run of non-starters by ccc. */
void songbad_norm_reorder(uint32_t *cps, size_t *srcs, size_t count)
{
    for (size_t i = 1; i < count; i++) {
        uint8_t cc = ccc_of(cps[i]);
        if (cc == 0) continue;
        uint32_t c = cps[i];
        size_t s = srcs[i], j = i;
        while (j > 0 && ccc_of(cps[j - 1]) > cc) {
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
 * composite keeps the input offset of its starter. Only a code point with
 * the composition-second flag (or a Hangul V or T jamo) composes with the
 * starter before it. */
static size_t compose(uint32_t *cps, size_t *srcs, size_t count)
{
    size_t out = 0, starter = SIZE_MAX;
    uint8_t last_cc = 0;
    for (size_t i = 0; i < count; i++) {
        uint32_t c = cps[i];
        const songbad_norm_record *rec = songbad_norm_record_of(c);
        uint8_t cc = rec->ccc;
        if (starter != SIZE_MAX &&
            ((rec->flags & SONGBAD_NORM_COMP_SECOND) || is_hangul_vt(c))) {
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

/* Makes room for count more output bytes (and their offsets). */
static int out_reserve(songbad_normalizer *n, size_t count)
{
    int rc = songbad_grow(&n->alloc, (void **)&n->out, &n->out_cap,
                          n->out_len + count, 1);
    if (rc) return rc;
    if (n->want_offsets)
        rc = songbad_grow(&n->alloc, (void **)&n->offs, &n->offs_cap,
                          n->out_len + count + 1, sizeof *n->offs);
    return rc;
}

/* Step 5: appends the chunk to the output. */
static int emit(songbad_normalizer *n)
{
    size_t count = n->n;
    if (count == 0) return SONGBAD_OK;
    int rc = out_reserve(n, count * 4);
    if (rc) return rc;
    char *o = n->out + n->out_len;
    for (size_t i = 0; i < count; i++) {
        uint32_t c = n->cps[i];
        size_t k;
        if (c < 0x80) {
            *o = (char)c;
            k = 1;
        } else if (c >= 0x800 && c < 0xD800) { /* Bengali among them */
            o[0] = (char)(0xE0 | (c >> 12));
            o[1] = (char)(0x80 | ((c >> 6) & 0x3F));
            o[2] = (char)(0x80 | (c & 0x3F));
            k = 3;
        } else {
            k = songbad_utf8_encode(c, o);
        }
        if (n->want_offsets) {
            size_t *off = n->offs + (o - n->out);
            for (size_t b = 0; b < k; b++) off[b] = n->srcs[i];
        }
        o += k;
    }
    n->out_len = (size_t)(o - n->out);
    n->n = 0;
    return SONGBAD_OK;
}

/* Steps 2 to 5 for the chunk collected so far. Reordering and composition
 * are skipped when decompose_one saw nothing they could change. */
static int flush_chunk(songbad_normalizer *n, songbad_norm_context *ctx)
{
    if (n->n == 0) return SONGBAD_OK;
    if (n->n > n->peak) n->peak = n->n;
    if (n->need_reorder) songbad_norm_reorder(n->cps, n->srcs, n->n);
    if (n->late_cf) {
        int rc = late_cf_pass(n);
        if (rc) return rc;
    }
    if (n->level >= SONGBAD_NORM_SEARCH)
        n->n = songbad_norm_bengali(n->level, ctx, n->cps, n->srcs, n->n);
    if (n->level != SONGBAD_NORM_NFD && n->need_compose)
        n->n = compose(n->cps, n->srcs, n->n);
    n->need_reorder = n->need_compose = 0;
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

void songbad_norm_begin(songbad_normalizer *n, int want_offsets)
{
    n->n = 0;
    n->late_cf = n->need_reorder = n->need_compose = 0;
    n->out_len = 0;
    n->want_offsets = want_offsets;
}

int songbad_norm_append(songbad_normalizer *n, songbad_norm_context *ctx,
                        const char *text, size_t len, size_t start, size_t end)
{
    const unsigned char *s = (const unsigned char *)text;
    int rc = SONGBAD_OK;
    size_t i = start;
    uint32_t prev = 0;
    n->peak = 0;
    while (i < end && rc == SONGBAD_OK) {
        uint32_t cp;
        size_t k = songbad_utf8_decode_inline(s + i, len - i, &cp);
        if (is_cut_point(n, prev, cp)) rc = flush_chunk(n, ctx);
        prev = cp;
        if (rc) break;
        if (cp == 0x09A4 && n->level >= SONGBAD_NORM_SEARCH) {
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
    if (!rc) rc = flush_chunk(n, ctx);
    if (rc) {
        n->n = 0;
        n->late_cf = n->need_reorder = n->need_compose = 0;
    }
    return rc;
}

int songbad_norm_put(songbad_normalizer *n, const char *bytes, size_t count,
                     size_t base, const uint8_t *rel)
{
    if (count == 0) return SONGBAD_OK;
    int rc = out_reserve(n, count);
    if (rc) return rc;
    memcpy(n->out + n->out_len, bytes, count);
    if (n->want_offsets) {
        size_t *off = n->offs + n->out_len;
        for (size_t k = 0; k < count; k++) off[k] = base + rel[k];
    }
    n->out_len += count;
    return SONGBAD_OK;
}

void songbad_norm_plain_offsets(const char *bytes, size_t count, size_t base,
                                size_t *offs)
{
    for (size_t k = 0; k < count; k++) /* a continuation byte: its lead's */
        offs[k] = k > 0 && ((unsigned char)bytes[k] & 0xC0) == 0x80 ? offs[k - 1]
                                                                  : base + k;
}

int songbad_norm_put_plain(songbad_normalizer *n, const char *bytes,
                           size_t count, size_t base)
{
    if (count == 0) return SONGBAD_OK;
    int rc = out_reserve(n, count);
    if (rc) return rc;
    memcpy(n->out + n->out_len, bytes, count);
    if (n->want_offsets)
        songbad_norm_plain_offsets(bytes, count, base, n->offs + n->out_len);
    n->out_len += count;
    return SONGBAD_OK;
}

size_t songbad_norm_output(songbad_normalizer *n, const char **out,
                           size_t **offsets)
{
    *out = n->out ? n->out : "";
    if (offsets) *offsets = n->offs;
    return n->out_len;
}

void songbad_norm_truncate(songbad_normalizer *n, size_t len)
{
    if (len < n->out_len) n->out_len = len;
}

#define SAME_MAX 255 /* bytes: 85 code points, 170 once decomposed */

/* The table paths of songbad_norm_same and songbad_norm_simple. They apply
 * the tests of same_checked and songbad_norm_bengali_inert to the code
 * points a run becomes; a second of a composition pair after a first of
 * one goes to the full path, so nothing composes. */

/* The table index of the 3-byte sequence at u, setting *c; or -1. */
static inline int table_index(const unsigned char *u, uint32_t *c)
{
    if (u[0] == 0xE0 && (u[1] & 0xFC) == 0xA4 && (u[2] & 0xC0) == 0x80) {
        *c = ((uint32_t)(u[1] & 0x3F) << 6) | (u[2] & 0x3F); /* U+09xx */
        return (int)(*c - 0x0900);
    }
    if (u[0] == 0xE2 && u[1] == 0x80 && (u[2] & 0xF0) == 0x90) {
        *c = 0x2000 | (u[2] & 0x3F); /* U+201x */
        return (int)(256 + *c - 0x2010);
    }
    return -1;
}

/* Whether a code point of bits t and class cc may come (first, or after
 * one of bits prev and class prev_ccc) and keep the run as it is. */
static int table_ok(unsigned t, unsigned cc, unsigned prev, unsigned prev_ccc, int first)
{
    unsigned roles = t >> SAME_ROLES_SHIFT;
    return (t & SAME_OK) && !(cc && prev_ccc > cc) &&
           !((roles & SONGBAD_NORM_ROLE_PREBASE) && (first || !(prev & SAME_BENGALI))) &&
           !((t & SAME_SECOND) && !first && (cc || (prev & (SAME_FIRST | SAME_SECOND)))) &&
           !((prev >> SAME_ROLES_SHIFT) / SONGBAD_NORM_ROLE_FIRST &
             roles / SONGBAD_NORM_ROLE_SECOND & 7);
}

/* songbad_norm_same by table: 1 when the run is the same, 0 when the full
 * check (same_checked) decides. */
static int same_by_table(const songbad_normalizer *norm, songbad_norm_context *ctx,
                         const unsigned char *u, size_t len)
{
    const same_tables_t *n = norm->st;
    unsigned prev = 0; /* the start */
    uint32_t c = 0;
    int k = -1;
    for (size_t i = 0; i < len; i += 3) {
        k = table_index(u + i, &c);
        if (k < 0 || !n->same_next[prev][n->same_in[k]]) return 0;
        prev = n->same_out[k];
    }
    if (k >= 0 && (n->same[k] & SAME_UNIT)) c = n->simple_to[k][1];
    ctx->last = ctx->last_nonspace = c; /* as fold_letters and fix_order */
    return 1;
}

/* songbad_norm_simple by table: the length of the normalized form, or 0. */
static size_t simple_by_table(const songbad_normalizer *norm, songbad_norm_context *ctx,
                              const unsigned char *u, size_t len, char *out,
                              uint8_t *rel)
{
    const same_tables_t *n = norm->st;
    unsigned prev = 0, prev_ccc = 0;
    uint32_t c = 0;
    size_t o = 0;
    for (size_t i = 0; i < len; i += 3) {
        int k = table_index(u + i, &c);
        if (k < 0) return 0;
        uint32_t to[2] = {c, 0};
        int simple = n->same[k] & SAME_SIMPLE;
        if (simple) {
            to[0] = n->simple_to[k][0];
            to[1] = n->simple_to[k][1];
        }
        for (int q = 0; q < 2 && to[q]; q++) {
            c = to[q];
            int kc = !simple ? k : c < 0x80 ? -1 : same_index(c);
            unsigned t = kc < 0 ? SAME_OK : n->same[kc], cc = kc < 0 ? 0 : n->same_ccc[kc];
            if (!table_ok(t, cc, prev, prev_ccc, o == 0)) return 0;
            prev = t;
            prev_ccc = cc;
            size_t b = songbad_utf8_encode(c, out + o);
            for (size_t x = 0; x < b; x++) rel[o + x] = (uint8_t)i;
            o += b;
        }
    }
    ctx->last = ctx->last_nonspace = c; /* as fold_letters and fix_order */
    return o;
}

/* The full test of songbad_norm_same, for Bengali code points: decomposes
 * the run and checks that reordering, the rules and composition give it
 * back. */
static int same_checked(const songbad_normalizer *n, songbad_norm_context *ctx,
                        const char *s, size_t len)
{
    const unsigned char *u = (const unsigned char *)s;
    uint32_t in[SAME_MAX / 3], cps[2 * (SAME_MAX / 3)];
    size_t srcs[2 * (SAME_MAX / 3)], ni = 0, nc = 0;
    uint8_t prev_ccc = 0;
    int comp = 0;
    if (n->level != SONGBAD_NORM_SEARCH || len == 0 || len > SAME_MAX || len % 3)
        return 0;
    for (size_t i = 0; i < len; i += 3) { /* Bengali only, decomposed */
        if (u[i] != 0xE0 || (u[i + 1] != 0xA6 && u[i + 1] != 0xA7) ||
            (u[i + 2] & 0xC0) != 0x80)
            return 0;
        uint32_t c = 0x0900 | ((uint32_t)(u[i + 1] & 0x3F) << 6) | (u[i + 2] & 0x3F);
        const songbad_norm_record *rec = songbad_norm_record_of(c);
        if (rec->flags & SONGBAD_NORM_HAS_CF || rec->dec_len > 2) return 0;
        const uint32_t *seq = rec->dec_len ? songbad_norm_pool + rec->dec_off : &c;
        for (size_t k = 0; k < (rec->dec_len ? rec->dec_len : 1u); k++) {
            const songbad_norm_record *r2 = songbad_norm_record_of(seq[k]);
            if (r2->ccc && prev_ccc > r2->ccc) return 0; /* would be reordered */
            prev_ccc = r2->ccc;
            comp |= (r2->flags & SONGBAD_NORM_COMP_SECOND) != 0;
            srcs[nc] = ni;
            cps[nc++] = seq[k];
        }
        in[ni++] = c;
    }
    if (!songbad_norm_bengali_inert(cps, nc)) return 0;
    /* composition must give back exactly what was taken apart (ো, ৌ):
     * a second (all of them are starters in Bengali) that follows a
     * starter composes with it or not */
    size_t merged = 0;
    for (size_t k = 1; comp && k < nc; k++) {
        const songbad_norm_record *r2 = songbad_norm_record_of(cps[k]);
        if (!(r2->flags & SONGBAD_NORM_COMP_SECOND)) continue;
        if (r2->ccc || (k + 1 < nc && (songbad_norm_record_of(cps[k + 1])->flags &
                                       SONGBAD_NORM_COMP_SECOND)))
            return 0;
        uint32_t c = ccc_of(cps[k - 1]) ? 0 : songbad_ucd_compose(cps[k - 1], cps[k]);
        if (srcs[k - 1] == srcs[k] ? c != in[srcs[k]] : c != 0) return 0;
        merged += c != 0;
    }
    if (nc - merged != ni) return 0; /* a decomposition that stays apart */
    ctx->last = ctx->last_nonspace = cps[nc - 1]; /* as fold_letters and fix_order */
    return 1;
}

int songbad_norm_same(const songbad_normalizer *n, songbad_norm_context *ctx,
                      const char *s, size_t len)
{
    if (n->level != SONGBAD_NORM_SEARCH || len == 0 || len > SAME_MAX || len % 3)
        return 0;
    return same_by_table(n, ctx, (const unsigned char *)s, len) ||
           same_checked(n, ctx, s, len);
}

size_t songbad_norm_simple(const songbad_normalizer *n, songbad_norm_context *ctx,
                           const char *s, size_t len, char *out, uint8_t *rel)
{
    if (n->level != SONGBAD_NORM_SEARCH || len == 0 || len > SAME_MAX || len % 3)
        return 0;
    return simple_by_table(n, ctx, (const unsigned char *)s, len, out, rel);
}

int songbad_norm_uncut(const songbad_normalizer *n)
{
    return n->peak + 1 < LONG_CHUNK;
}

void songbad_norm_set_fast(songbad_normalizer *n, int on) { n->no_fast = !on; }

/* An ASCII byte that normalizes to itself, combines with nothing and that
 * no rule looks at: the run of non-ASCII bytes after it normalizes as a
 * chunk of its own (see songbad_norm_same). */
static int is_plain_lead(unsigned char c)
{
    return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == ',' || c == ';' ||
           c == '!' || c == '?' || c == '(' || c == ')' || c == '"';
}

/* The end of the run of non-ASCII bytes at u[i]: eight bytes at a time. */
static size_t run_end(const unsigned char *u, size_t len, size_t i)
{
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    for (; i + 8 <= len; i += 8) {
        uint64_t x;
        memcpy(&x, u + i, 8);
        uint64_t ascii = ~x & UINT64_C(0x8080808080808080);
        if (ascii) return i + (size_t)__builtin_ctzll(ascii) / 8;
    }
#endif
    while (i < len && u[i] >= 0x80) i++;
    return i;
}

/* The search level over a whole text: a run of plain Bengali after a plain
 * lead that gives itself back (songbad_norm_same: most words of Bengali
 * text) is copied, one whose letters only change one for one or two
 * (songbad_norm_simple: a precomposed য়) is mapped by table; everything
 * else takes the general path. The result is
 * that of songbad_norm_append over the text, byte for byte and offset for
 * offset (test/unit/norm_fast_test.c). */
static int normalize_fast(songbad_normalizer *n, const char *text, size_t len)
{
    const unsigned char *u = (const unsigned char *)text;
    /* [copied, from): taken as it is, copied in one piece when something
     * else comes (one copy for a span of many words) */
    size_t copied = 0, from = 0, i = 0;
    int rc = SONGBAD_OK;
    while (i + 1 < len && !rc) {
        if (u[i] >= 0x80 || u[i + 1] < 0x80 || !is_plain_lead(u[i])) {
            i++;
            continue;
        }
        size_t rs = i + 1, re = run_end(u, len, rs);
        if (re - rs <= SAME_MAX) {
            if (from + 1 == rs) { /* the lead alone, after a run taken as it is */
                n->ctx.last = u[i]; /* as fold_letters and fix_order */
                if (u[i] != ' ' && u[i] != '\t') n->ctx.last_nonspace = u[i];
            } else {
                rc = songbad_norm_put_plain(n, text + copied, from - copied, copied);
                if (!rc) rc = songbad_norm_append(n, &n->ctx, text, len, from, rs);
                copied = rs;
            }
            songbad_norm_context after = n->ctx;
            from = rs;
            char simple[2 * SAME_MAX];
            uint8_t rel[2 * SAME_MAX];
            size_t m;
            if (!rc && songbad_norm_same(n, &after, text + rs, re - rs)) {
                n->ctx = after;
                from = re;
            } else if (!rc && (m = songbad_norm_simple(n, &after, text + rs, re - rs, simple,
                                                       rel)) > 0) {
                /* letters that become two code points (য় -> য + nukta) */
                rc = songbad_norm_put_plain(n, text + copied, from - copied, copied);
                if (!rc) rc = songbad_norm_put(n, simple, m, rs, rel);
                n->ctx = after;
                copied = from = re;
            }
        }
        i = re;
    }
    if (!rc) rc = songbad_norm_put_plain(n, text + copied, from - copied, copied);
    return rc ? rc : songbad_norm_append(n, &n->ctx, text, len, from, len);
}

int songbad_normalize(songbad_normalizer *n, const char *text, size_t len,
                      const char **out, size_t *out_len, const size_t **offsets)
{
    if (!n || (!text && len) || !out || !out_len) return SONGBAD_E_INVAL;
    songbad_norm_begin(n, offsets != NULL);
    songbad_norm_context_reset(&n->ctx);
    int rc = n->level == SONGBAD_NORM_SEARCH && !n->no_fast
                 ? normalize_fast(n, text, len)
                 : songbad_norm_append(n, &n->ctx, text, len, 0, len);
    if (!rc && n->want_offsets) {
        rc = songbad_grow(&n->alloc, (void **)&n->offs, &n->offs_cap,
                          n->out_len + 1, sizeof *n->offs);
        if (!rc) n->offs[n->out_len] = len;
    }
    if (rc) {
        n->out_len = 0;
        return rc;
    }
    *out = n->out ? n->out : "";
    *out_len = n->out_len;
    if (offsets) *offsets = n->offs;
    return SONGBAD_OK;
}
