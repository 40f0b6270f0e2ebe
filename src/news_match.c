/* news_match.c - the matching core of the news rules: normalized views of
 * the text with their word tokens and offsets back into the original, and
 * pattern words compared with normalized words (case endings, words joined
 * by a hyphen or an apostrophe, phrases). Patterns are written in ordinary
 * spelling; a precomposed nukta letter (য় ড় ঢ়) or a Bengali digit in a
 * pattern matches its normalized form. */
#include "news_int.h"

#include <stdio.h>

#define NOMATCH ((size_t)-1)

/* ---- views: normalized text, offsets, tokens ------------------------------ */

int songbad_news_scratch_init(news_scratch *s, const songbad_allocator *alloc)
{
    memset(s, 0, sizeof *s);
    songbad_alloc_init(&s->alloc, alloc);
    songbad_news_date_initials(&s->tables);
    songbad_news_agency_initials(&s->tables);
    return songbad_normalizer_new(SONGBAD_NORM_SEARCH, &s->alloc, &s->norm);
}

void songbad_news_scratch_free(news_scratch *s)
{
    songbad_normalizer_free(s->norm);
    songbad_alloc_free(&s->alloc, s->tok);
    s->tok = NULL;
    s->norm = NULL;
}

/* Letters, marks and digits of the scripts the rules read. */
static int is_word_cp(uint32_t c)
{
    if (c < 0x80)
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
               (c >= 'A' && c <= 'Z');
    if (c >= 0x0981 && c <= 0x09FE) return c < 0x09F2 || c > 0x09FB || c == 0x09FC;
    if (c >= 0x00C0 && c <= 0x024F) return c != 0xD7 && c != 0xF7;
    return 0;
}

/* The code point at t[0..n): Bengali and ASCII, nearly all of a news text,
 * without a call. */
static size_t next_cp(const unsigned char *t, size_t n, uint32_t *c)
{
    if (t[0] < 0x80) {
        *c = t[0];
        return 1;
    }
    if (n >= 3 && t[0] == 0xE0 && (t[1] == 0xA6 || t[1] == 0xA7) && (t[2] & 0xC0) == 0x80) {
        *c = 0x0980 + ((uint32_t)(t[1] - 0xA6) << 6) + (t[2] & 0x3Fu);
        return 3;
    }
    return songbad_utf8_decode_fast(t, n, c);
}

int songbad_news_view(news_scratch *s, const char *orig, size_t start,
                      size_t end, news_view *v)
{
    const char *out;
    size_t out_len;
    const size_t *offs;
    int rc = songbad_normalize(s->norm, orig + start, end - start, &out,
                               &out_len, &offs);
    if (rc) return rc;
    v->t = out;
    v->n = out_len;
    v->off = offs;
    v->base = start;
    v->orig = orig;
    v->tables = &s->tables;
    size_t ntok = 0, i = 0;
    while (i < out_len) {
        uint32_t c;
        size_t k = next_cp((const unsigned char *)out + i, out_len - i, &c);
        if (!is_word_cp(c)) {
            i += k;
            continue;
        }
        size_t ts = i;
        while (i < out_len) {
            k = next_cp((const unsigned char *)out + i, out_len - i, &c);
            if (!is_word_cp(c)) break;
            i += k;
        }
        rc = songbad_grow(&s->alloc, (void **)&s->tok, &s->tok_cap, ntok + 1,
                          sizeof *s->tok);
        if (rc) return rc;
        s->tok[ntok].s = ts;
        s->tok[ntok].e = i;
        ntok++;
    }
    v->tok = s->tok;
    v->ntok = ntok;
    return SONGBAD_OK;
}

/* The key of the code point c of a pattern word as it matches normalized
 * text; a precomposed nukta letter sets *nukta (its nukta comes next). */
static unsigned pattern_key(uint32_t c, int *nukta)
{
    *nukta = c == 0x09DC || c == 0x09DD || c == 0x09DF;
    if (c == 0x09DC || c == 0x09DD) c = c - 0x09DC + 0x09A1; /* ড় ঢ় */
    else if (c == 0x09DF) c = 0x09AF;                        /* য় */
    else if (c >= 0x09E6 && c <= 0x09EF) c = '0' + (c - 0x09E6);
    if (c < 0x80) return c;
    if (c >= 0x0980 && c <= 0x09FF) return 128 + (c - 0x0980);
    return 0;
}

unsigned songbad_news_word_key(const char *word)
{
    const unsigned char *w = (const unsigned char *)word;
    size_t n = strlen(word);
    if (n == 0) return NEWS_KEY_ANY;
    uint32_t c;
    int nukta;
    size_t k = songbad_utf8_decode_fast(w, n, &c);
    unsigned k1 = pattern_key(c, &nukta), k2 = NEWS_KEY_ONE;
    if (nukta) {
        k2 = 128 + (0x09BC - 0x0980);
    } else if (k < n && w[k] != ' ') {
        songbad_utf8_decode_fast(w + k, n - k, &c);
        k2 = pattern_key(c, &nukta);
    }
    return k1 << 9 | k2;
}

void songbad_news_initials_add(news_initials *in, unsigned key, int whole)
{
    unsigned k1 = key >> 9, k2 = key & 0x1FFu;
    if (key == NEWS_KEY_ANY) {
        in->any = 1;
    } else if (k2 == NEWS_KEY_ONE) {
        if (whole) in->whole[k1 >> 6] |= UINT64_C(1) << (k1 & 63);
        else in->one[k1 >> 6] |= UINT64_C(1) << (k1 & 63);
    } else {
        unsigned p = k1 << 8 | k2;
        in->two[p >> 6] |= UINT64_C(1) << (p & 63);
    }
}

/* Invisible or space characters that a span should not end with. */
static int is_trailing_junk(uint32_t c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == 0xA0 ||
           c == 0x200B || c == 0x200C || c == 0x200D || c == 0xAD ||
           c == 0xFEFF || (c >= 0x2000 && c <= 0x200A) || c == 0x202F ||
           c == 0x3000;
}

void songbad_news_span(const news_view *v, size_t ns, size_t ne, size_t *start,
                       size_t *end)
{
    size_t s = v->base + v->off[ns];
    size_t e = v->base + v->off[ne];
    /* the smallest origin among the span's bytes (reordering may move one) */
    for (size_t i = ns; i < ne; i++)
        if (v->base + v->off[i] < s) s = v->base + v->off[i];
    while (e > s) {
        size_t cs;
        uint32_t c = songbad_utf8_decode_before(v->orig, e, &cs);
        if (cs < s || !is_trailing_junk(c)) break;
        e = cs;
    }
    *start = s;
    *end = e < s ? s : e;
}

/* ---- pattern words ------------------------------------------------------ */

/* If the pattern word at p (ending at a NUL or a space) spells a prefix of
 * t[0..n), returns its length in t, else NOMATCH. */
static size_t pat_prefix(const char *t, size_t n, const char *p)
{
    const unsigned char *q = (const unsigned char *)p;
    const unsigned char *u = (const unsigned char *)t;
    size_t i = 0;
    while (*q && *q != ' ') {
        if (q[0] == 0xE0 && q[1] == 0xA7) {
            unsigned char c = q[2];
            if (c == 0x9C || c == 0x9D || c == 0x9F) {
                /* ড় ঢ় য় decompose: the consonant and the nukta */
                if (n - i < 6 || u[i] != 0xE0 || u[i + 1] != 0xA6 ||
                    u[i + 2] != (c == 0x9C ? 0xA1 : c == 0x9D ? 0xA2 : 0xAF) ||
                    u[i + 3] != 0xE0 || u[i + 4] != 0xA6 || u[i + 5] != 0xBC)
                    return NOMATCH;
                i += 6;
                q += 3;
                continue;
            }
            if (c >= 0xA6 && c <= 0xAF) { /* a Bengali digit */
                if (i >= n || u[i] != '0' + (c - 0xA6)) return NOMATCH;
                i++;
                q += 3;
                continue;
            }
        }
        if (i >= n || u[i] != *q) return NOMATCH;
        i++;
        q++;
    }
    return i;
}

/* Case endings a month, weekday, unit or agency name may carry. */
static const char *const case_endings[] = {
    "", "ের", "এর", "ে", "এ", "র", "য়ের", "য়ে", "য়", "তে", "কে", NULL};
static const char *const emphatics[] = {"ই", "ও", NULL};

/* Whether t[0..n) is exactly one ending (+ emphatic as flags allow). */
static int is_ending(const char *t, size_t n, unsigned flags)
{
    for (size_t i = 0; case_endings[i]; i++) {
        if (!(flags & NEWS_SFX) && i > 0) break;
        size_t k = pat_prefix(t, n, case_endings[i]);
        if (k == NOMATCH) continue;
        if (k == n) return 1;
        if (flags & NEWS_EMPH)
            for (size_t j = 0; emphatics[j]; j++)
                if (pat_prefix(t + k, n - k, emphatics[j]) == n - k) return 1;
    }
    return 0;
}

/* A joiner between a word and its ending: - ' ’ */
static int is_joiner(const char *g, size_t n)
{
    return (n == 1 && (g[0] == '-' || g[0] == '\'')) ||
           (n == 3 && memcmp(g, "\xE2\x80\x99", 3) == 0);
}

const char *songbad_news_gap(const news_view *v, size_t i, size_t *len)
{
    size_t s = v->tok[i].e;
    size_t e = i + 1 < v->ntok ? v->tok[i + 1].s : v->n;
    while (s < e && (v->t[s] == ' ' || v->t[s] == '\t' || v->t[s] == '\r' ||
                     v->t[s] == '\n'))
        s++;
    while (e > s && (v->t[e - 1] == ' ' || v->t[e - 1] == '\t' ||
                     v->t[e - 1] == '\r' || v->t[e - 1] == '\n'))
        e--;
    *len = e - s;
    return v->t + s;
}

size_t songbad_news_word(const news_view *v, size_t i, const char *p,
                         unsigned flags)
{
    if (i >= v->ntok) return 0;
    const char *t = v->t + v->tok[i].s;
    size_t n = v->tok[i].e - v->tok[i].s;
    size_t k = pat_prefix(t, n, p);
    if (k == NOMATCH) return 0;
    if (k == n) return 1;
    if (flags && is_ending(t + k, n - k, flags)) return 1;
    return 0;
}

/* songbad_news_word, and also word + joiner + ending as two tokens. */
static size_t word_joined(const news_view *v, size_t i, const char *p,
                          unsigned flags)
{
    size_t u = songbad_news_word(v, i, p, flags);
    if (!u || !flags || i + 1 >= v->ntok) return u;
    size_t gl;
    const char *g = songbad_news_gap(v, i, &gl);
    /* the joiner must touch both words */
    if (g != v->t + v->tok[i].e || g + gl != v->t + v->tok[i + 1].s) return u;
    if (!is_joiner(g, gl)) return u;
    if (pat_prefix(v->t + v->tok[i].s, v->tok[i].e - v->tok[i].s, p) !=
        v->tok[i].e - v->tok[i].s)
        return u;
    const char *t = v->t + v->tok[i + 1].s;
    if (is_ending(t, v->tok[i + 1].e - v->tok[i + 1].s, flags | NEWS_SFX) &&
        v->tok[i + 1].e > v->tok[i + 1].s)
        return 2;
    return u;
}

/* Whether the gap after token i holds only spaces or one hyphen/dash. */
int songbad_news_soft_gap(const news_view *v, size_t i)
{
    size_t gl;
    const char *g = songbad_news_gap(v, i, &gl);
    return gl == 0 || (gl == 1 && g[0] == '-') ||
           (gl == 3 && (memcmp(g, "\xE2\x80\x93", 3) == 0 ||
                        memcmp(g, "\xE2\x80\x90", 3) == 0));
}

size_t songbad_news_phrase(const news_view *v, size_t i, const char *p,
                           unsigned flags)
{
    size_t used = 0;
    /* most calls end here: the first letters differ */
    if (i < v->ntok && !songbad_news_may_start(v, i, p)) return 0;
    for (;;) {
        /* quick rejection before looking for the end of the word */
        if (i + used >= v->ntok ||
            pat_prefix(v->t + v->tok[i + used].s,
                       v->tok[i + used].e - v->tok[i + used].s, p) == NOMATCH)
            return 0;
        const char *sp = p;
        while (*sp && *sp != ' ') sp++;
        if (used && !songbad_news_soft_gap(v, i + used - 1)) return 0;
        size_t u = *sp ? songbad_news_word(v, i + used, p, 0)
                       : word_joined(v, i + used, p, flags);
        if (!u) return 0;
        used += u;
        if (!*sp) return used;
        p = sp + 1;
    }
}

int songbad_news_word_in(const news_view *v, size_t i, const char *const *list,
                         unsigned flags, size_t *used)
{
    if (i >= v->ntok) return 0;
    for (size_t k = 0; list[k]; k++) {
        if (!songbad_news_may_start(v, i, list[k])) continue;
        size_t u = songbad_news_phrase(v, i, list[k], flags);
        if (u) {
            if (used) *used = u;
            return 1;
        }
    }
    return 0;
}

/* Whether the gap after token i contains the ASCII or UTF-8 string c. */
int songbad_news_gap_has(const news_view *v, size_t i, const char *c)
{
    size_t gl;
    const char *g = songbad_news_gap(v, i, &gl);
    size_t cl = strlen(c);
    for (size_t k = 0; k + cl <= gl; k++)
        if (memcmp(g + k, c, cl) == 0) return 1;
    return 0;
}

/* The text before the first token, spaces excluded. */
const char *songbad_news_lead_gap(const news_view *v, size_t *len)
{
    size_t e = v->ntok ? v->tok[0].s : v->n, s = 0;
    while (s < e && v->t[s] == ' ') s++;
    while (e > s && v->t[e - 1] == ' ') e--;
    *len = e - s;
    return v->t + s;
}

/* Whether every character outside the tokens is in the ASCII set allowed or
 * is a dash, bullet or closing quote. */
int songbad_news_only_chars(const news_view *v, const char *allowed)
{
    size_t i = 0, k = 0;
    while (i < v->n) {
        if (k < v->ntok && i == v->tok[k].s) {
            i = v->tok[k++].e;
            continue;
        }
        unsigned char c = (unsigned char)v->t[i];
        if (c < 0x80) {
            if (c != ' ' && c != '\t' && c != '\r' && !news_in_set(allowed, c)) return 0;
            i++;
            continue;
        }
        uint32_t cp;
        size_t n = songbad_utf8_decode_fast((const unsigned char *)v->t + i,
                                            v->n - i, &cp);
        if (!(cp == 0x2013 || cp == 0x2014 || cp == 0x2022 || cp == 0x2026 ||
              cp == 0x0964))
            return 0;
        i += n;
    }
    return 1;
}

int songbad_news_tok_digits(const news_view *v, size_t i)
{
    for (size_t k = v->tok[i].s; k < v->tok[i].e; k++)
        if (v->t[k] < '0' || v->t[k] > '9') return 0;
    return 1;
}

/* Digits, or digits and the classifier টি: ৩টি. */
int songbad_news_tok_count(const news_view *v, size_t i)
{
    size_t k = v->tok[i].s;
    while (k < v->tok[i].e && v->t[k] >= '0' && v->t[k] <= '9') k++;
    if (k == v->tok[i].s) return 0;
    return k == v->tok[i].e || pat_prefix(v->t + k, v->tok[i].e - k, "টি") == v->tok[i].e - k;
}

int songbad_news_tok_has_digit(const news_view *v, size_t i)
{
    for (size_t k = v->tok[i].s; k < v->tok[i].e; k++)
        if (v->t[k] >= '0' && v->t[k] <= '9') return 1;
    return 0;
}

size_t songbad_news_tok_cps(const news_view *v, size_t i)
{
    size_t n = 0;
    for (size_t k = v->tok[i].s; k < v->tok[i].e; k++)
        n += ((unsigned char)v->t[k] & 0xC0) != 0x80;
    return n;
}

/* Self-check of the endings, on a word: কলম + ের (+ ই). */
size_t songbad_news_endings_check(news_scratch *s, const char **bad)
{
    size_t nbad = 0;
    for (size_t i = 1; case_endings[i]; i++)
        for (size_t j = 0; j < 3; j++) {
            char w[64];
            snprintf(w, sizeof w, "কলম%s%s", case_endings[i], j ? emphatics[j - 1] : "");
            news_view v;
            if (songbad_news_view(s, w, 0, strlen(w), &v)) return nbad + 1;
            if (v.ntok != 1 || songbad_news_word(&v, 0, "কলম", NEWS_SFX | NEWS_EMPH) != 1) {
                if (!nbad) *bad = case_endings[i];
                nbad++;
            }
        }
    return nbad;
}
