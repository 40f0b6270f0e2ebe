/*
 * norm_bengali.c - the Bengali rules of the `search` and `loose` levels.
 * docs/normalization.md lists every rule with examples; keep the two in step.
 *
 * The rules run on a chunk that is already canonically decomposed (nukta
 * letters are consonant + U+09BC, ো is ে + া) and NFKC_Casefolded (ZWJ, ZWNJ,
 * soft hyphen and BOM are gone, spaces are U+0020), before composition.
 */
#include "songbad_int.h"
#include "bengali.h"

void songbad_norm_context_reset(songbad_norm_context *ctx)
{
    ctx->last = '\n';
    ctx->last_nonspace = '\n';
    ctx->read = 0;
}

static int is_bengali(uint32_t c)
{
    return (c >= 0x0980 && c <= 0x09FF) || c == DANDA || c == DOUBLE_DANDA;
}

unsigned songbad_norm_context_bits(const songbad_norm_context *ctx)
{
    return (unsigned)is_bengali(ctx->last) |
           (unsigned)is_bengali(ctx->last_nonspace) << 1;
}

/* Probe values: a Bengali digit (fold_letters turns it into an ASCII digit
 * before anything is written to the context) and a value above U+10FFFF. */
#define PROBE_BENGALI BN_DIGIT_ZERO
#define PROBE_OTHER 0x110000u

void songbad_norm_context_probe(songbad_norm_context *ctx, unsigned bits)
{
    ctx->last = (bits & 1) ? PROBE_BENGALI : PROBE_OTHER;
    ctx->last_nonspace = (bits & 2) ? PROBE_BENGALI : PROBE_OTHER;
    ctx->read = 0;
}

int songbad_norm_context_probed(uint32_t value)
{
    return value == PROBE_BENGALI || value == PROBE_OTHER;
}

static int is_consonant(uint32_t c)
{
    return (c >= 0x0995 && c <= 0x09B9) || c == 0x09F0 || c == 0x09F1;
}

static int is_prebase_sign(uint32_t c)
{
    return c == BN_SIGN_E || c == BN_SIGN_I || c == BN_SIGN_AI;
}

unsigned songbad_norm_bengali_roles(uint32_t c)
{
    unsigned r = 0;
    if ((c >= BN_DIGIT_ZERO && c <= BN_DIGIT_NINE) || c == BN_CURRENCY_FOUR || c == '|')
        r |= SONGBAD_NORM_ROLE_FOLDS; /* fold_letters */
    if (is_prebase_sign(c)) r |= SONGBAD_NORM_ROLE_PREBASE; /* fix_order */
    /* the pairs: ব + nukta and অ + া (fold_letters), ে + ঁ (fix_order) */
    if (c == BN_BA) r |= SONGBAD_NORM_ROLE_FIRST << 0;
    if (c == BN_NUKTA) r |= SONGBAD_NORM_ROLE_SECOND << 0;
    if (c == BN_A) r |= SONGBAD_NORM_ROLE_FIRST << 1;
    if (c == BN_SIGN_AA) r |= SONGBAD_NORM_ROLE_SECOND << 1;
    if (c == BN_SIGN_E) r |= SONGBAD_NORM_ROLE_FIRST << 2;
    if (c == BN_CANDRABINDU) r |= SONGBAD_NORM_ROLE_SECOND << 2;
    return r;
}

int songbad_norm_bengali_inert(const uint32_t *cps, size_t n)
{
    unsigned prev = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned r = songbad_norm_bengali_roles(cps[i]);
        if ((r & SONGBAD_NORM_ROLE_FOLDS) ||
            ((r & SONGBAD_NORM_ROLE_PREBASE) && (i == 0 || !is_bengali(cps[i - 1]))) ||
            (prev / SONGBAD_NORM_ROLE_FIRST & r / SONGBAD_NORM_ROLE_SECOND & 7))
            return 0;
        prev = r;
    }
    return 1;
}

size_t songbad_norm_khanda_ta(const char *text, size_t len, size_t i, size_t k,
                              uint32_t cp)
{
    /* U+09CD and U+200D are 3 bytes each in UTF-8 */
    static const char tail[] = "\xE0\xA7\x8D\xE2\x80\x8D";
    if (cp != BN_TA || len - i - k < 6) return 0;
    return memcmp(text + i + k, tail, 6) == 0 ? k + 6 : 0;
}

/* Spelling-variant foldings of the loose level: returns the replacement, or
 * DELETE to drop the code point. ঙ -> ং comes last (fold_nga): it looks at
 * the next code point, which the order repairs may change. */
#define DELETE UINT32_MAX
static uint32_t loose_fold(uint32_t c)
{
    switch (c) {
    case BN_SIGN_II: return BN_SIGN_I;
    case BN_SIGN_UU: return BN_SIGN_U;
    case BN_II: return BN_I;
    case BN_UU: return BN_U;
    case BN_NNA: return BN_NA;
    case BN_SHA: case BN_SSA: return BN_SA;
    case BN_CANDRABINDU: return DELETE;
    default: return c;
    }
}

/* Loose pass: runs first so the search rules see its result (deleting ঁ
 * can bring অ and া together). */
static size_t fold_loose(uint32_t *cps, size_t *srcs, size_t n)
{
    size_t out = 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t c = loose_fold(cps[i]);
        if (c == DELETE) continue;
        cps[out] = c;
        srcs[out] = srcs[i];
        out++;
    }
    return out;
}

/* Pass A: code point foldings, in order, tracking the context. */
static size_t fold_letters(songbad_norm_context *ctx, uint32_t *cps,
                           size_t *srcs, size_t n)
{
    size_t out = 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t c = cps[i];
        uint32_t next = i + 1 < n ? cps[i + 1] : 0;
        if (c >= BN_DIGIT_ZERO && c <= BN_DIGIT_NINE) {
            c = '0' + (c - BN_DIGIT_ZERO);
        } else if (c == BN_CURRENCY_FOUR) {
            c = DANDA;
        } else if (c == '|') {
            ctx->read |= 2;
            if (is_bengali(ctx->last_nonspace))
                c = DANDA; /* a pipe typed for the danda after Bengali text */
        } else if (c == BN_BA && next == BN_NUKTA) {
            c = BN_RA; /* ব + nukta: a legacy-font spelling of র */
            i++;
        } else if (c == BN_A && next == BN_SIGN_AA) {
            c = BN_AA; /* অ + া looks like আ and is always meant as it */
            i++;
        }
        cps[out] = c;
        srcs[out] = srcs[i];
        out++;
        if (c != ' ' && c != '\t') ctx->last_nonspace = c;
    }
    return out;
}

/* Pass B: order repairs. (1) ে + ঁ + া/ৗ becomes ে + া/ৗ + ঁ so the two-part
 * vowel composes. (2) A pre-base vowel sign (ে ি ৈ) that starts a word, typed
 * before its consonant as it is drawn, moves after the consonant cluster. */
static void fix_order(songbad_norm_context *ctx, uint32_t *cps, size_t *srcs,
                      size_t n)
{
    for (size_t i = 0; i < n; i++) {
        uint32_t c = cps[i];
        if (c == BN_SIGN_E && i + 2 < n && cps[i + 1] == BN_CANDRABINDU &&
            (cps[i + 2] == BN_SIGN_AA || cps[i + 2] == BN_AU_LENGTH)) {
            uint32_t t = cps[i + 1];
            size_t ts = srcs[i + 1];
            cps[i + 1] = cps[i + 2];
            srcs[i + 1] = srcs[i + 2];
            cps[i + 2] = t;
            srcs[i + 2] = ts;
            continue;
        }
        uint32_t prev = i > 0 ? cps[i - 1] : ctx->last;
        if (i == 0 && is_prebase_sign(c)) ctx->read |= 1;
        if (!is_prebase_sign(c) || is_bengali(prev) || i + 1 >= n ||
            !is_consonant(cps[i + 1]))
            continue;
        size_t j = i + 1; /* cluster: C nukta? (virama C nukta?)* */
        for (;;) {
            j++;
            if (j < n && cps[j] == BN_NUKTA) j++;
            if (j + 1 < n && cps[j] == BN_VIRAMA && is_consonant(cps[j + 1])) {
                j++;
                continue;
            }
            break;
        }
        size_t s = srcs[i];
        memmove(cps + i, cps + i + 1, (j - i - 1) * sizeof *cps);
        memmove(srcs + i, srcs + i + 1, (j - i - 1) * sizeof *srcs);
        cps[j - 1] = c;
        srcs[j - 1] = s;
        i = j - 2; /* look at the moved sign again: ে may now meet ঁ + া */
    }
    if (n) ctx->last = cps[n - 1];
}

/* Loose, last: ঙ becomes ং unless a conjunct follows (বাঙলা = বাংলা, but
 * সঙ্গে keeps its ঙ). */
static void fold_nga(uint32_t *cps, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (cps[i] == BN_NGA && !(i + 1 < n && cps[i + 1] == BN_VIRAMA))
            cps[i] = BN_ANUSVARA;
}

size_t songbad_norm_bengali(songbad_norm_level level, songbad_norm_context *ctx,
                            uint32_t *cps, size_t *srcs, size_t n)
{
    if (level == SONGBAD_NORM_LOOSE) {
        size_t before = n;
        n = fold_loose(cps, srcs, n);
        /* deleting ঁ (a starter) can join two runs of marks */
        if (n != before) songbad_norm_reorder(cps, srcs, n);
    }
    n = fold_letters(ctx, cps, srcs, n);
    fix_order(ctx, cps, srcs, n);
    if (level == SONGBAD_NORM_LOOSE) fold_nga(cps, n);
    return n;
}
