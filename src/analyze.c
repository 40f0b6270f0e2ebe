/*
 * analyze.c - the analyzer: text -> index terms.
 *
 * The text is normalized at the search level (keeping the offset of every
 * byte), split into UAX #29 words, and every word becomes a token with its
 * bytes in the original text and a position. A token yields its normalized
 * form (WORD) and, at the same position, its stem, its cross-script key and,
 * for a hyphenated pair, the joined whole. Numbers lose their grouping
 * commas and ordinal endings (১,২৫,০০০ -> 125000, ১৮ই -> 18).
 */
#include "songbad_int.h"

struct songbad_analyzer {
    songbad_allocator alloc;
    unsigned flags;
    songbad_normalizer *norm;
    char *buf; /* term scratch */
    size_t cap;
};

int songbad_analyzer_new(unsigned flags, const songbad_allocator *alloc,
                         songbad_analyzer **out)
{
    if (!out) return SONGBAD_E_INVAL;
    *out = NULL;
    songbad_allocator a;
    songbad_alloc_init(&a, alloc);
    songbad_analyzer *an = songbad_alloc_realloc(&a, NULL, sizeof *an);
    if (!an) return SONGBAD_E_NOMEM;
    memset(an, 0, sizeof *an);
    an->alloc = a;
    an->flags = flags;
    int rc = songbad_normalizer_new(SONGBAD_NORM_SEARCH, &a, &an->norm);
    if (rc) {
        songbad_alloc_free(&a, an);
        return rc;
    }
    *out = an;
    return SONGBAD_OK;
}

void songbad_analyzer_free(songbad_analyzer *an)
{
    if (!an) return;
    songbad_allocator a = an->alloc;
    songbad_normalizer_free(an->norm);
    songbad_alloc_free(&a, an->buf);
    songbad_alloc_free(&a, an);
}

/* The state of one songbad_analyze call. */
typedef struct run {
    songbad_analyzer *an;
    const char *text; /* original */
    size_t len;
    const char *norm; /* normalized */
    size_t norm_len;
    const size_t *offs;
    songbad_term_fn fn;
    void *ctx;
    size_t position;
} run;

static int is_bengali_letter(uint32_t c)
{
    return c >= 0x0980 && c <= 0x09FF && c != 0x09F3;
}

static int is_latin_letter(uint32_t c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7);
}

/* Classifies a word segment. */
static songbad_token_kind classify(const char *s, size_t n)
{
    int bn = 0, latin = 0, digit = 0, other = 0;
    for (size_t i = 0; i < n;) {
        uint32_t c;
        i += songbad_utf8_decode_fast((const unsigned char *)s + i, n - i, &c);
        if (c >= '0' && c <= '9') digit = 1;
        else if (is_bengali_letter(c)) bn = 1;
        else if (is_latin_letter(c)) latin = 1;
        else if (c > 0x7F && c != 0x2019) other = 1;
    }
    if (digit && !latin && !other) return SONGBAD_TOKEN_NUMBER; /* ১৮ই too */
    if (bn + latin + other + digit > 1) return SONGBAD_TOKEN_MIXED;
    if (bn) return SONGBAD_TOKEN_BENGALI;
    if (latin) return SONGBAD_TOKEN_LATIN;
    return SONGBAD_TOKEN_OTHER;
}

/* The bytes of the original text that produced norm[s..e). */
static void original_range(const run *r, size_t s, size_t e, size_t *start,
                           size_t *end)
{
    size_t lo = r->offs[s], hi = r->offs[s];
    for (size_t i = s + 1; i < e; i++) {
        if (r->offs[i] < lo) lo = r->offs[i];
        if (r->offs[i] > hi) hi = r->offs[i];
    }
    uint32_t cp;
    size_t k = songbad_utf8_decode(r->text + hi, r->len - hi, &cp);
    *start = lo;
    *end = hi + k;
}

static int reserve(songbad_analyzer *an, size_t need)
{
    return songbad_grow(&an->alloc, (void **)&an->buf, &an->cap, need, 1);
}

/* Writes the WORD term of a token into the scratch buffer; returns its
 * length. Numbers drop grouping commas and a trailing Bengali ending; dots
 * inside Latin abbreviations go (u.s -> us). */
static size_t word_term(songbad_analyzer *an, songbad_token_kind kind,
                        const char *s, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (kind == SONGBAD_TOKEN_NUMBER) {
            if ((unsigned char)c >= 0x80) break; /* ordinal ending: ১৮ই */
            if (c == ',') continue;
        } else if (kind == SONGBAD_TOKEN_LATIN && c == '.') {
            continue;
        }
        an->buf[k++] = c;
    }
    return k;
}

static int emit(run *r, const char *t, size_t n, size_t start, size_t end,
                songbad_token_kind kind, songbad_term_type type, int colocated,
                int stop)
{
    songbad_term term;
    term.text = t;
    term.len = n;
    term.start = start;
    term.end = end;
    term.position = r->position;
    term.kind = kind;
    term.type = type;
    term.colocated = colocated;
    term.stopword = stop;
    return r->fn(r->ctx, &term);
}

/* Emits the terms of the token norm[s..e); compound (may be NULL) is the
 * hyphenated whole that starts with it. */
static int token(run *r, size_t s, size_t e, const char *compound,
                 size_t compound_len)
{
    songbad_analyzer *an = r->an;
    const char *w = r->norm + s;
    size_t n = e - s;
    songbad_token_kind kind = classify(w, n);
    size_t start, end;
    original_range(r, s, e, &start, &end);
    size_t need = 2 * (4 * n + 16) + compound_len + 2;
    int rc = reserve(an, need);
    if (rc) return rc;
    size_t wl = word_term(an, kind, w, n);
    if (wl == 0) return SONGBAD_OK;
    int stop = kind == SONGBAD_TOKEN_BENGALI && songbad_is_stopword(an->buf, wl);
    rc = emit(r, an->buf, wl, start, end, kind, SONGBAD_TERM_WORD, 0, stop);
    if (rc) return rc;
    char *extra = an->buf + wl;
    size_t room = an->cap - wl;
    if ((an->flags & SONGBAD_ANALYZE_STEMS) && kind == SONGBAD_TOKEN_BENGALI) {
        size_t sl = songbad_stem(an->buf, wl, extra, room);
        if (sl <= room && (sl != wl || memcmp(extra, an->buf, wl) != 0) && sl > 0) {
            rc = emit(r, extra, sl, start, end, kind, SONGBAD_TERM_STEM, 1, stop);
            if (rc) return rc;
        }
    }
    if ((an->flags & SONGBAD_ANALYZE_KEYS) &&
        (kind == SONGBAD_TOKEN_BENGALI || kind == SONGBAD_TOKEN_LATIN)) {
        extra[0] = '#';
        size_t kl = songbad_name_key(an->buf, wl, extra + 1, room - 1);
        if (kl > 0 && kl < room - 1) {
            rc = emit(r, extra, kl + 1, start, end, kind, SONGBAD_TERM_KEY, 1, stop);
            if (rc) return rc;
        }
    }
    if (compound) {
        rc = emit(r, compound, compound_len, start, end, kind,
                  SONGBAD_TERM_COMPOUND, 1, 0);
        if (rc) return rc;
    }
    r->position++;
    return SONGBAD_OK;
}

/* Bengali case endings written after a hyphen (২০২২-এর, AFP-কে): they belong
 * to the word before and are not tokens of their own. */
static int is_hyphen_ending(const char *s, size_t n)
{
    static const char *const endings[] = {
        "\u098F\u09B0",             /* এর */
        "\u098F",                   /* এ */
        "\u0995\u09C7",             /* কে */
        "\u09B0",                   /* র */
        "\u09AF\u09BC\u09C7\u09B0", /* য়ের */
        "\u09A4\u09C7",             /* তে */
        "\u09B0\u09BE",             /* রা */
        "\u09A6\u09C7\u09B0",       /* দের */
        "\u0993",                   /* ও */
    };
    for (size_t i = 0; i < sizeof endings / sizeof endings[0]; i++)
        if (strlen(endings[i]) == n && memcmp(endings[i], s, n) == 0) return 1;
    return 0;
}

/* If a hyphen and a word follow norm[..e), sets [*s2, *e2) to that word. */
static int hyphen_next(const run *r, size_t e, size_t *s2, size_t *e2)
{
    if (e >= r->norm_len || r->norm[e] != '-' || e + 1 >= r->norm_len) return 0;
    size_t end = songbad_segment_next(SONGBAD_SEG_WORD, r->norm, r->norm_len, e + 1);
    if (!songbad_segment_is_word(r->norm, e + 1, end)) return 0;
    *s2 = e + 1;
    *e2 = end;
    return 1;
}

int songbad_analyze(songbad_analyzer *an, const char *text, size_t len,
                    songbad_term_fn fn, void *ctx)
{
    if (!an || (!text && len) || !fn) return SONGBAD_E_INVAL;
    run r;
    memset(&r, 0, sizeof r);
    r.an = an;
    r.text = text ? text : "";
    r.len = len;
    r.fn = fn;
    r.ctx = ctx;
    int rc = songbad_normalize(an->norm, r.text, len, &r.norm, &r.norm_len, &r.offs);
    if (rc) return rc;
    size_t i = 0;
    char *compound = NULL;
    size_t compound_cap = 0;
    while (i < r.norm_len && rc == SONGBAD_OK) {
        size_t e = songbad_segment_next(SONGBAD_SEG_WORD, r.norm, r.norm_len, i);
        if (!songbad_segment_is_word(r.norm, i, e)) {
            if (e - i == 3 && memcmp(r.norm + i, "\u09F3", 3) == 0) { /* ৳ */
                size_t start, end;
                original_range(&r, i, e, &start, &end);
                rc = emit(&r, r.norm + i, 3, start, end, SONGBAD_TOKEN_SYMBOL,
                          SONGBAD_TERM_WORD, 0, 0);
                r.position++;
            }
            i = e;
            continue;
        }
        size_t s2, e2;
        if (hyphen_next(&r, e, &s2, &e2)) {
            if (is_hyphen_ending(r.norm + s2, e2 - s2)) {
                rc = token(&r, i, e, NULL, 0);
                i = e2;
                continue;
            }
            size_t cl = (e - i) + (e2 - s2);
            rc = songbad_grow(&an->alloc, (void **)&compound, &compound_cap, cl, 1);
            if (rc) break;
            memcpy(compound, r.norm + i, e - i);
            memcpy(compound + (e - i), r.norm + s2, e2 - s2);
            rc = token(&r, i, e, compound, cl);
            i = e;
            continue;
        }
        rc = token(&r, i, e, NULL, 0);
        i = e;
    }
    songbad_alloc_free(&an->alloc, compound);
    return rc == SONGBAD_DONE ? SONGBAD_OK : rc;
}
