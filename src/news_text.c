/* news_text.c - the plain-text parser: cuts the text into lines, classifies
 * each (news_rules.c), picks the headline, groups body lines into
 * paragraphs (one a line, or hard-wrapped lines joined), and runs the
 * credit and date rules over the parts. Every line ends up in exactly one
 * part. */
#include "news_int.h"

#define RULE_MAX 4096    /* longer lines are body text without looking */
#define WINDOW 65536     /* long parts are read in windows this large */
#define WRAP_MAX 100     /* hard-wrapped lines are at most this many code points */
#define WRAP_MIN 40      /* ... and (but for the last) at least this many */
#define HEADLINE_WORDS 25
#define HEADLINE_CPS 160

typedef struct news_line {
    size_t start, end;   /* the line without its newline */
    size_t ts, te;       /* trimmed */
    size_t cps;          /* code points of the trimmed line */
    news_class cls;
    int blank;
    int stop;            /* 0: no final punctuation, 1: । . : ;, 2: ? ! */
    int inner_stop;      /* a sentence ends inside the line */
    int headline;
    size_t part;
    int saved;           /* its view is kept (see saved_views) */
    size_t vt, vo, vk, vn, vntok;
} news_line;

/* The views of the lines, kept from classifying them for the scan of the
 * parts (most parts are one line): normalizing every line twice was a
 * third of the parse. */
typedef struct saved_views {
    const songbad_allocator *alloc;
    char *text;
    size_t text_n, text_cap;
    size_t *off;
    size_t off_n, off_cap;
    news_tok *tok;
    size_t tok_n, tok_cap;
} saved_views;

static int save_view(saved_views *sv, const news_view *v, news_line *l)
{
    int rc = songbad_grow(sv->alloc, (void **)&sv->text, &sv->text_cap, sv->text_n + v->n, 1);
    if (!rc) rc = songbad_grow(sv->alloc, (void **)&sv->off, &sv->off_cap, sv->off_n + v->n + 1,
                               sizeof *sv->off);
    if (!rc) rc = songbad_grow(sv->alloc, (void **)&sv->tok, &sv->tok_cap, sv->tok_n + v->ntok,
                               sizeof *sv->tok);
    if (rc) return rc;
    memcpy(sv->text + sv->text_n, v->t, v->n);
    memcpy(sv->off + sv->off_n, v->off, (v->n + 1) * sizeof *v->off);
    if (v->ntok) memcpy(sv->tok + sv->tok_n, v->tok, v->ntok * sizeof *v->tok);
    l->vt = sv->text_n, l->vo = sv->off_n, l->vk = sv->tok_n;
    l->vn = v->n, l->vntok = v->ntok;
    l->saved = 1;
    sv->text_n += v->n;
    sv->off_n += v->n + 1;
    sv->tok_n += v->ntok;
    return SONGBAD_OK;
}

/* The view of line l as songbad_news_view made it. */
static void saved_view(const saved_views *sv, const news_line *l, const char *orig,
                       const news_tables *tables, news_view *v)
{
    /* nothing saved yet leaves a buffer NULL: no offset may be added to it */
    v->t = sv->text ? sv->text + l->vt : NULL;
    v->n = l->vn;
    v->off = sv->off ? sv->off + l->vo : NULL;
    v->base = l->ts;
    v->orig = orig;
    v->tok = sv->tok ? sv->tok + l->vk : NULL;
    v->ntok = l->vntok;
    v->tables = tables;
}

static void saved_views_free(saved_views *sv)
{
    songbad_alloc_free(sv->alloc, sv->text);
    songbad_alloc_free(sv->alloc, sv->off);
    songbad_alloc_free(sv->alloc, sv->tok);
}

static int is_space_cp(uint32_t c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v' ||
           c == 0xA0 || c == 0x200B || c == 0x200C || c == 0x200D ||
           c == 0xAD || c == 0xFEFF || (c >= 0x2000 && c <= 0x200A) ||
           c == 0x202F || c == 0x3000;
}

static void trim(const char *t, size_t s, size_t e, size_t *ts, size_t *te)
{
    while (s < e) {
        uint32_t c;
        size_t k = songbad_utf8_decode_fast((const unsigned char *)t + s, e - s, &c);
        if (!is_space_cp(c)) break;
        s += k;
    }
    while (e > s) {
        size_t cs;
        uint32_t c = songbad_utf8_decode_before(t, e, &cs);
        if (cs < s || !is_space_cp(c)) break;
        e = cs;
    }
    *ts = s;
    *te = e;
}

static size_t count_cps(const char *t, size_t s, size_t e, size_t cap)
{
    size_t n = 0;
    for (size_t i = s; i < e && n < cap; i++)
        n += ((unsigned char)t[i] & 0xC0) != 0x80;
    return n;
}

/* The final punctuation of original text t[s..e): 0 none, 1 a full stop
 * (। . : ;), 2 ? or !; closing quotes and brackets are looked through. */
static int final_stop(const char *t, size_t s, size_t e)
{
    while (e > s) {
        size_t cs;
        uint32_t c = songbad_utf8_decode_before(t, e, &cs);
        if (cs < s) return 0;
        if (c == ')' && songbad_news_honorific_before(t, cs)) return 0;
        if (is_space_cp(c) || c == ')' || c == ']' || c == '"' || c == '\'' ||
            c == 0x2019 || c == 0x201D || c == 0xBB || c == '*') {
            e = cs;
            continue;
        }
        if (c == 0x0964 || c == 0x0965 || c == 0x09F7 || c == '.' || c == ':' ||
            c == ';' || c == 0x2026 || c == '|')
            return 1;
        return c == '?' || c == '!' ? 2 : 0;
    }
    return 0;
}

/* Whether a sentence ends inside normalized text: a danda, ? or ! with
 * more words after it. */
static int has_inner_stop(const news_view *v)
{
    for (size_t i = 0; i + 1 < v->ntok; i++) {
        size_t gl;
        const char *g = songbad_news_gap(v, i, &gl);
        for (size_t k = 0; k < gl; k++) {
            if (g[k] == '?' || g[k] == '!') return 1;
            if (gl - k >= 3 && memcmp(g + k, "\xE0\xA5\xA4", 3) == 0) return 1;
        }
    }
    return 0;
}

/* Compares two texts after normalization (a body line repeating the title). */
static int same_normalized(news_scratch *s, const char *a, size_t an,
                           const char *b, size_t bn, int *rc)
{
    news_view v;
    *rc = songbad_news_view(s, a, 0, an, &v);
    if (*rc) return 0;
    /* copy: the next call reuses the normalizer's buffer */
    const songbad_allocator *al = &s->alloc;
    char *copy = songbad_alloc_realloc(al, NULL, v.n + 1);
    if (!copy) {
        *rc = SONGBAD_E_NOMEM;
        return 0;
    }
    memcpy(copy, v.t, v.n);
    size_t cn = v.n;
    *rc = songbad_news_view(s, b, 0, bn, &v);
    int same = !*rc && v.n == cn && memcmp(copy, v.t, cn) == 0;
    songbad_alloc_free(al, copy);
    return same;
}

/* Whether two spans of t have the same words once normalized (spacing and
 * punctuation aside). */
static int same_words(news_scratch *s, const char *t, size_t a0, size_t a1,
                      size_t b0, size_t b1, int *rc)
{
    news_view v;
    *rc = songbad_news_view(s, t, a0, a1, &v);
    if (*rc) return 0;
    size_t n = 0;
    for (size_t i = 0; i < v.ntok; i++) n += v.tok[i].e - v.tok[i].s + 1;
    char *words = songbad_alloc_realloc(&s->alloc, NULL, n + 1);
    if (!words) {
        *rc = SONGBAD_E_NOMEM;
        return 0;
    }
    size_t k = 0;
    for (size_t i = 0; i < v.ntok; i++) {
        memcpy(words + k, v.t + v.tok[i].s, v.tok[i].e - v.tok[i].s);
        k += v.tok[i].e - v.tok[i].s;
        words[k++] = ' ';
    }
    *rc = songbad_news_view(s, t, b0, b1, &v);
    int same = !*rc;
    size_t j = 0;
    for (size_t i = 0; same && i < v.ntok; i++) {
        size_t len = v.tok[i].e - v.tok[i].s;
        same = j + len + 1 <= k && memcmp(words + j, v.t + v.tok[i].s, len) == 0 &&
               words[j + len] == ' ';
        j += len + 1;
    }
    same = same && j == k;
    songbad_alloc_free(&s->alloc, words);
    return same;
}

/* ---- windows over long parts -------------------------------------------- */

/* The end of the window that starts at s in t[..e): after WINDOW bytes, at
 * the next line break, danda or space, or at a code point boundary. */
static size_t window_end(const char *t, size_t s, size_t e)
{
    if (e - s <= WINDOW) return e;
    size_t w = s + WINDOW, lim = e - w > WINDOW ? w + WINDOW : e;
    for (size_t i = w; i < lim; i++) {
        if (t[i] == '\n') return i + 1;
        if (i + 3 <= lim && memcmp(t + i, "\xE0\xA5\xA4", 3) == 0) return i + 3;
    }
    for (size_t i = w; i < lim; i++)
        if (t[i] == ' ') return i + 1;
    while (w > s + 1 && ((unsigned char)t[w] & 0xC0) == 0x80) w--;
    return w;
}

/* Runs dates (and, for paragraphs, credits) over part p in windows; saved:
 * its view when it is one line whose view was kept, else NULL. */
static int scan_part(songbad_article *a, news_scratch *sc, size_t p,
                     news_date_state *st, int para_index, const news_view *saved)
{
    const songbad_article_part *part = &a->parts[p];
    const char *base = part->from_title ? a->field[NEWS_F_TITLE] : a->text;
    size_t s = part->start, e = part->end;
    int first_window = 1;
    while (s < e) {
        size_t we = saved ? e : window_end(base, s, e);
        news_view v;
        int rc = SONGBAD_OK;
        if (saved) v = *saved;
        else rc = songbad_news_view(sc, base, s, we, &v);
        if (rc) return rc;
        if (part->kind == SONGBAD_PART_PARAGRAPH) {
            rc = songbad_news_paragraph_credits(a, &v, p, first_window && para_index < 2);
            if (rc) return rc;
        }
        rc = songbad_news_dates(a, &v, p, st);
        if (rc) return rc;
        first_window = 0;
        s = we;
    }
    return SONGBAD_OK;
}

/* ---- paragraphs ---------------------------------------------------------- */

/* Marks in brk[] the lines of the body run [r0, r1] after which a paragraph
 * ends: every line, unless the run is hard-wrapped text. */
static void group_run(news_line *L, size_t r0, size_t r1, unsigned char *brk)
{
    size_t n = r1 - r0 + 1, maxc = 0, open = 0;
    for (size_t i = r0; i <= r1; i++)
        if (L[i].cps > maxc) maxc = L[i].cps;
    /* hard-wrapped: short lines of nearly equal length, most of which stop
     * in the middle of a sentence */
    int wrapped = n >= 2 && maxc <= WRAP_MAX;
    for (size_t i = r0; i < r1 && wrapped; i++) {
        if (L[i].cps < WRAP_MIN || L[i].cps * 5 < maxc * 3) wrapped = 0;
        open += L[i].stop == 0;
    }
    if (wrapped && open * 3 < (n - 1) * 2) wrapped = 0;
    for (size_t i = r0; i <= r1; i++) {
        if (!wrapped || i == r1) {
            brk[i - r0] = 1;
            continue;
        }
        /* in wrapped text a short line that ends a sentence ends a paragraph */
        brk[i - r0] = L[i].stop && L[i].cps * 4 < maxc * 3;
    }
}

/* Credits were added line by line, then paragraph by paragraph: a stable
 * merge sort puts them in text order. */
static int sort_credits(songbad_article *a)
{
    size_t n = a->ncredits;
    if (n < 2) return SONGBAD_OK;
    songbad_credit *tmp = songbad_alloc_realloc(&a->alloc, NULL, n * sizeof *tmp);
    if (!tmp) return SONGBAD_E_NOMEM;
    songbad_credit *src = a->credits, *dst = tmp;
    for (size_t w = 1; w < n; w *= 2) {
        for (size_t lo = 0; lo < n; lo += 2 * w) {
            size_t mid = lo + w < n ? lo + w : n, hi = lo + 2 * w < n ? lo + 2 * w : n;
            size_t i = lo, j = mid, k = lo;
            while (i < mid && j < hi)
                dst[k++] = src[j].start < src[i].start ? src[j++] : src[i++];
            while (i < mid) dst[k++] = src[i++];
            while (j < hi) dst[k++] = src[j++];
        }
        songbad_credit *t = src;
        src = dst;
        dst = t;
    }
    if (src != a->credits) memcpy(a->credits, src, n * sizeof *src);
    songbad_alloc_free(&a->alloc, tmp);
    return SONGBAD_OK;
}

static int build(songbad_article *a, news_scratch *sc, saved_views *sv, news_line *L,
                 size_t nl, unsigned flags, int has_title)
{
    const char *t = a->text;
    int rc;
    /* 1. classify every line */
    for (size_t i = 0; i < nl; i++) {
        news_line *l = &L[i];
        trim(t, l->start, l->end, &l->ts, &l->te);
        l->blank = l->ts == l->te;
        if (l->blank) continue;
        l->cps = count_cps(t, l->ts, l->te, (size_t)-1 / 2);
        l->stop = final_stop(t, l->ts, l->te);
        if (l->te - l->ts > RULE_MAX) {
            l->cls.kind = NEWS_LINE_TEXT;
            l->cls.words = (size_t)-1;
            l->inner_stop = 1;
            continue;
        }
        news_view v;
        rc = songbad_news_view(sc, t, l->ts, l->te, &v);
        if (rc) return rc;
        if (v.n == 0) { /* only invisible characters */
            l->blank = 1;
            continue;
        }
        rc = songbad_news_classify(a, &v, i, &l->cls);
        if (rc) return rc;
        l->inner_stop = has_inner_stop(&v);
        rc = save_view(sv, &v, l);
        if (rc) return rc;
    }
    /* the link title on the line after a bare "আরও পড়ুন" goes with it */
    for (size_t i = 0; i + 1 < nl; i++) {
        if (L[i].blank || L[i].cls.kind != NEWS_LINE_BOILER || L[i].cls.rule != NEWS_BP_READ_MORE ||
            !L[i].cls.more_link)
            continue;
        size_t j = i + 1;
        while (j < nl && L[j].blank) j++;
        if (j >= nl || L[j].cls.kind != NEWS_LINE_TEXT || L[j].te - L[j].ts > RULE_MAX)
            continue;
        news_view w;
        rc = songbad_news_view(sc, t, L[j].ts, L[j].te, &w);
        if (rc) return rc;
        if (!songbad_news_is_title_like(&w)) continue;
        L[j].cls.kind = NEWS_LINE_BOILER;
        L[j].cls.rule = NEWS_BP_READ_MORE;
        /* scrapers often repeat the link title on the next line */
        size_t k = j + 1;
        if (k < nl && !L[k].blank && L[k].cls.kind == NEWS_LINE_TEXT &&
            L[k].te - L[k].ts <= RULE_MAX) {
            int same = same_words(sc, t, L[j].ts, L[j].te, L[k].ts, L[k].te, &rc);
            if (rc) return rc;
            if (same) {
                L[k].cls.kind = NEWS_LINE_BOILER;
                L[k].cls.rule = NEWS_BP_READ_MORE;
            }
        }
    }
    /* 2. paragraphs: runs of body lines, one a line or hard-wrapped */
    unsigned char *brk = songbad_alloc_realloc(&a->alloc, NULL, nl ? nl : 1);
    if (!brk) return SONGBAD_E_NOMEM;
    memset(brk, 0, nl ? nl : 1);
    for (size_t i = 0; i < nl;) {
        if (L[i].blank || L[i].cls.kind != NEWS_LINE_TEXT) {
            i++;
            continue;
        }
        size_t j = i;
        while (j + 1 < nl && !L[j + 1].blank && L[j + 1].cls.kind == NEWS_LINE_TEXT)
            j++;
        group_run(L, i, j, brk + i);
        i = j + 1;
    }
    /* 3. the headline: a short first line that is not part of a wrapped
     * paragraph */
    size_t first = 0;
    while (first < nl && (L[first].blank || L[first].cls.kind == NEWS_LINE_BOILER)) first++;
    if (first < nl && has_title) {
        /* a body that repeats the record's title */
        int same = same_normalized(sc, a->field[NEWS_F_TITLE], a->field_len[NEWS_F_TITLE],
                                   t + L[first].ts, L[first].te - L[first].ts, &rc);
        if (rc) goto out;
        if (same && L[first].cls.kind == NEWS_LINE_TEXT) L[first].headline = 1;
    } else if (first < nl && !(flags & SONGBAD_ARTICLE_NO_HEADLINE)) {
        news_line *l = &L[first];
        int more = 0;
        for (size_t j = first + 1; j < nl && !more; j++)
            more = !L[j].blank && L[j].cls.kind == NEWS_LINE_TEXT;
        if (l->cls.kind == NEWS_LINE_TEXT && more && brk[first] && l->stop != 1 &&
            !l->inner_stop &&
            l->cls.words >= 1 && l->cls.words <= HEADLINE_WORDS && l->cps <= HEADLINE_CPS)
            l->headline = 1;
    }
    /* 4. parts, in line order */
    if (has_title) {
        size_t ts, te;
        trim(a->field[NEWS_F_TITLE], 0, a->field_len[NEWS_F_TITLE], &ts, &te);
        rc = songbad_news_add_part(a, SONGBAD_PART_HEADLINE, ts, te, 0, 0);
        if (rc) goto out;
        a->parts[a->nparts - 1].from_title = 1;
    }
    for (size_t i = 0; i < nl;) {
        size_t j = i;
        songbad_part_kind kind;
        if (L[i].blank) {
            while (j + 1 < nl && L[j + 1].blank) j++;
            kind = SONGBAD_PART_BLANK;
        } else if (L[i].headline) {
            kind = SONGBAD_PART_HEADLINE;
        } else if (L[i].cls.kind == NEWS_LINE_BOILER) {
            kind = SONGBAD_PART_BOILERPLATE;
        } else if (L[i].cls.kind == NEWS_LINE_CAPTION) {
            kind = SONGBAD_PART_CAPTION;
        } else if (L[i].cls.kind == NEWS_LINE_BYLINE) {
            kind = SONGBAD_PART_BYLINE;
        } else {
            while (!brk[j]) j++;
            kind = SONGBAD_PART_PARAGRAPH;
        }
        size_t s = kind == SONGBAD_PART_BLANK ? L[i].start : L[i].ts;
        size_t e = kind == SONGBAD_PART_BLANK ? L[j].end : L[j].te;
        for (size_t k = i; k <= j; k++) L[k].part = a->nparts;
        rc = songbad_news_add_part(a, kind, s, e, i, j - i + 1);
        if (rc) goto out;
        i = j + 1;
    }
    /* credits of the line rules point at lines: make them parts */
    for (size_t c = 0; c < a->ncredits; c++) a->credits[c].part = L[a->credits[c].part].part;
    /* the publication date, when not given, from a "প্রকাশ: ..." line */
    for (size_t i = 0; i < nl && !a->pub_y; i++) {
        if (L[i].blank || L[i].cls.kind != NEWS_LINE_BOILER || L[i].cls.rule != NEWS_BP_META)
            continue;
        news_view v;
        int y, m, d;
        rc = songbad_news_view(sc, t, L[i].ts, L[i].te, &v);
        if (rc) goto out;
        if (songbad_news_full_date(&v, &y, &m, &d) && y >= 1000 && y <= 9999) {
            char iso[11];
            iso[0] = (char)('0' + y / 1000), iso[1] = (char)('0' + y / 100 % 10);
            iso[2] = (char)('0' + y / 10 % 10), iso[3] = (char)('0' + y % 10);
            iso[4] = '-', iso[5] = (char)('0' + m / 10), iso[6] = (char)('0' + m % 10);
            iso[7] = '-', iso[8] = (char)('0' + d / 10), iso[9] = (char)('0' + d % 10);
            iso[10] = '\0';
            (void)songbad_news_set_pub_date(a, iso, 10);
        }
    }
    /* 5. credits in paragraphs, and dates */
    {
        news_date_state st;
        memset(&st, 0, sizeof st);
        int para = 0;
        for (size_t p = 0; p < a->nparts; p++) {
            songbad_part_kind k = a->parts[p].kind;
            if (k != SONGBAD_PART_HEADLINE && k != SONGBAD_PART_PARAGRAPH &&
                k != SONGBAD_PART_CAPTION)
                continue;
            const songbad_article_part *part = &a->parts[p];
            news_view saved, *one = NULL;
            if (!part->from_title && part->lines == 1 && L[part->line].saved) {
                saved_view(sv, &L[part->line], a->text, &sc->tables, &saved);
                one = &saved;
            }
            rc = scan_part(a, sc, p, &st, para, one);
            if (rc) goto out;
            if (k == SONGBAD_PART_PARAGRAPH) para++;
        }
    }
    rc = sort_credits(a);
    if (!rc) rc = songbad_news_mark_firsts(a);
out:
    songbad_alloc_free(&a->alloc, brk);
    return rc;
}

int songbad_news_structure(songbad_article *a, unsigned flags, int has_title)
{
    size_t nl = 0, cap = 0;
    news_line *L = NULL;
    int rc = SONGBAD_OK;
    const char *t = a->text;
    size_t pos = 0;
    while (pos < a->len) {
        const char *nlp = memchr(t + pos, '\n', a->len - pos);
        size_t end = nlp ? (size_t)(nlp - t) : a->len;
        rc = songbad_grow(&a->alloc, (void **)&L, &cap, nl + 1, sizeof *L);
        if (rc) goto out;
        memset(&L[nl], 0, sizeof L[nl]);
        L[nl].start = pos;
        L[nl].end = end;
        nl++;
        pos = end + 1;
    }
    a->lines = nl;
    news_scratch sc;
    rc = songbad_news_scratch_init(&sc, &a->alloc);
    if (rc) goto out;
    saved_views sv;
    memset(&sv, 0, sizeof sv);
    sv.alloc = &a->alloc;
    rc = build(a, &sc, &sv, L, nl, flags, has_title);
    saved_views_free(&sv);
    songbad_news_scratch_free(&sc);
out:
    songbad_alloc_free(&a->alloc, L);
    return rc;
}
