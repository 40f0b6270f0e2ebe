/* news_article.c - the article model: building it, the public accessors,
 * the calendar arithmetic the date rules share, and the JSON output. */
#include "news_int.h"

#include <stdio.h>

const char *const songbad_news_field_names[NEWS_F_COUNT] = {
    "id", "title", "date", "source", "url", "category", "lang"};

#define MAX_LINES 1000000u

/* ---- building ----------------------------------------------------------- */

songbad_article *songbad_news_article_new(const songbad_allocator *alloc,
                                          const char *text, size_t len)
{
    songbad_allocator al;
    songbad_alloc_init(&al, alloc);
    if (len == SIZE_MAX) return NULL;
    songbad_article *a = songbad_alloc_realloc(&al, NULL, sizeof *a);
    if (!a) return NULL;
    memset(a, 0, sizeof *a);
    a->alloc = al;
    a->text = songbad_alloc_realloc(&al, NULL, len + 1);
    if (!a->text) {
        songbad_alloc_free(&al, a);
        return NULL;
    }
    if (len) memcpy(a->text, text, len);
    a->text[len] = '\0';
    a->len = len;
    return a;
}

static int digits(const char *s, size_t n, int *v)
{
    int x = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') return 0;
        x = x * 10 + (s[i] - '0');
    }
    *v = x;
    return 1;
}

int songbad_news_set_pub_date(songbad_article *a, const char *s, size_t n)
{
    int y, m, d;
    if (n < 10 || s[4] != '-' || s[7] != '-' || !digits(s, 4, &y) ||
        !digits(s + 5, 2, &m) || !digits(s + 8, 2, &d) || y < 1 || m < 1 ||
        m > 12 || d < 1 || d > songbad_news_days_in_month(y, m))
        return SONGBAD_E_INVAL;
    if (n > 10 && s[10] != 'T' && s[10] != ' ') return SONGBAD_E_INVAL;
    a->pub_y = y;
    a->pub_m = m;
    a->pub_d = d;
    memcpy(a->pub, s, 10);
    a->pub[10] = '\0';
    return SONGBAD_OK;
}

int songbad_news_add_part(songbad_article *a, songbad_part_kind kind,
                          size_t start, size_t end, size_t line, size_t lines)
{
    int rc = songbad_grow(&a->alloc, (void **)&a->parts, &a->cap_parts,
                          a->nparts + 1, sizeof *a->parts);
    if (rc) return rc;
    songbad_article_part *p = &a->parts[a->nparts++];
    memset(p, 0, sizeof *p);
    p->kind = kind;
    p->start = start;
    p->end = end;
    p->line = line;
    p->lines = lines;
    return SONGBAD_OK;
}

int songbad_news_add_credit(songbad_article *a, songbad_credit_kind kind,
                            int where, const char *name, size_t start,
                            size_t end, size_t part)
{
    if (end <= start) return SONGBAD_OK;
    /* a repeat can only come from the same part, added just before */
    for (size_t i = a->ncredits; i-- > 0 && a->credits[i].part == part;)
        if (a->credits[i].kind == kind && a->credits[i].start == start &&
            a->credits[i].end == end)
            return SONGBAD_OK;
    int rc = songbad_grow(&a->alloc, (void **)&a->credits, &a->cap_credits,
                          a->ncredits + 1, sizeof *a->credits);
    if (rc) return rc;
    songbad_credit *c = &a->credits[a->ncredits++];
    memset(c, 0, sizeof *c);
    c->kind = kind;
    c->name = name; /* a static table string, or NULL until fixed */
    c->name_len = name ? strlen(name) : 0;
    c->start = start;
    c->end = end;
    c->part = part;
    c->in_byline = where == NEWS_IN_BYLINE;
    return SONGBAD_OK;
}

int songbad_news_add_date(songbad_article *a, const songbad_date *d)
{
    int rc = songbad_grow(&a->alloc, (void **)&a->dates, &a->cap_dates,
                          a->ndates + 1, sizeof *a->dates);
    if (rc) return rc;
    a->dates[a->ndates++] = *d;
    return SONGBAD_OK;
}

/* The name a credit is listed under. */
static const char *credit_name(const songbad_article *a, const songbad_credit *c,
                               size_t *len)
{
    if (c->kind == SONGBAD_CREDIT_AGENCY && c->name) {
        *len = strlen(c->name);
        return c->name;
    }
    *len = c->end - c->start;
    return a->text + c->start;
}

static int credit_cmp(const songbad_article *a, size_t x, size_t y)
{
    const songbad_credit *cx = &a->credits[x], *cy = &a->credits[y];
    if (cx->kind != cy->kind) return cx->kind < cy->kind ? -1 : 1;
    size_t lx, ly;
    const char *nx = credit_name(a, cx, &lx), *ny = credit_name(a, cy, &ly);
    int r = memcmp(nx, ny, lx < ly ? lx : ly);
    if (r) return r;
    if (lx != ly) return lx < ly ? -1 : 1;
    return x < y ? -1 : x > y;
}

int songbad_news_mark_firsts(songbad_article *a)
{
    size_t n = a->ncredits;
    songbad_alloc_free(&a->alloc, a->cfirst);
    a->cfirst = NULL;
    if (!n) return SONGBAD_OK;
    a->cfirst = songbad_alloc_realloc(&a->alloc, NULL, n);
    size_t *idx = songbad_alloc_realloc(&a->alloc, NULL, 2 * n * sizeof *idx);
    if (!a->cfirst || !idx) {
        songbad_alloc_free(&a->alloc, idx);
        return SONGBAD_E_NOMEM;
    }
    memset(a->cfirst, 0, n);
    size_t *src = idx, *dst = idx + n;
    for (size_t i = 0; i < n; i++) src[i] = i;
    for (size_t w = 1; w < n; w *= 2) { /* merge sort by kind, name, index */
        for (size_t lo = 0; lo < n; lo += 2 * w) {
            size_t mid = lo + w < n ? lo + w : n, hi = lo + 2 * w < n ? lo + 2 * w : n;
            size_t i = lo, j = mid, k = lo;
            while (i < mid && j < hi)
                dst[k++] = credit_cmp(a, src[j], src[i]) < 0 ? src[j++] : src[i++];
            while (i < mid) dst[k++] = src[i++];
            while (j < hi) dst[k++] = src[j++];
        }
        size_t *t = src;
        src = dst;
        dst = t;
    }
    int byline_seen = 0;
    for (size_t k = 0; k < n; k++) {
        size_t i = src[k];
        int new_group = k == 0;
        if (!new_group) {
            const songbad_credit *p = &a->credits[src[k - 1]], *c = &a->credits[i];
            size_t lp, lc;
            const char *np = credit_name(a, p, &lp), *nc = credit_name(a, c, &lc);
            new_group = p->kind != c->kind || lp != lc || memcmp(np, nc, lc) != 0;
        }
        if (new_group) {
            a->cfirst[i] |= NEWS_FIRST;
            byline_seen = 0;
        }
        if (a->credits[i].in_byline && !byline_seen) {
            a->cfirst[i] |= NEWS_FIRST_BYLINE;
            byline_seen = 1;
        }
    }
    songbad_alloc_free(&a->alloc, idx);
    return SONGBAD_OK;
}

void songbad_news_fix_pointers(songbad_article *a)
{
    for (size_t i = 0; i < a->nparts; i++) {
        songbad_article_part *p = &a->parts[i];
        const char *base = p->from_title ? a->field[NEWS_F_TITLE] : a->text;
        p->text = base + p->start;
        p->len = p->end - p->start;
    }
    for (size_t i = 0; i < a->ncredits; i++) {
        songbad_credit *c = &a->credits[i];
        c->text = a->text + c->start;
        c->len = c->end - c->start;
        if (c->kind != SONGBAD_CREDIT_AGENCY || !c->name) {
            c->name = c->text;
            c->name_len = c->len;
        }
    }
    for (size_t i = 0; i < a->ndates; i++) {
        songbad_date *d = &a->dates[i];
        int title = d->part < a->nparts && a->parts[d->part].from_title;
        d->text = (title ? a->field[NEWS_F_TITLE] : a->text) + d->start;
        d->len = d->end - d->start;
    }
}

/* ---- calendar ----------------------------------------------------------- */

int songbad_news_days_in_month(int y, int m)
{
    static const unsigned char dm[12] = {31, 28, 31, 30, 31, 30,
                                         31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12) return 0;
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 29;
    return dm[m - 1];
}

/* Days since 1970-01-01 of a proleptic Gregorian date: years are counted
 * from March so that the leap day is the last day of a year. */
long songbad_news_days_from_civil(int y, int m, int d)
{
    long yy = (long)y - (m <= 2);
    long era = (yy >= 0 ? yy : yy - 399) / 400;
    long yoe = yy - era * 400;                          /* 0..399 */
    long mp = (m + 9) % 12;                             /* March = 0 */
    long doy = (153 * mp + 2) / 5 + d - 1;              /* 0..365 */
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;   /* 0..146096 */
    return era * 146097 + doe - 719468;
}

void songbad_news_civil_from_days(long z, int *y, int *m, int *d)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

/* ---- parsing entry point (text) ------------------------------------------ */

static int apply_options(songbad_article *a, const songbad_article_options *opt)
{
    if (opt && opt->pub_date)
        return songbad_news_set_pub_date(a, opt->pub_date, strlen(opt->pub_date));
    return SONGBAD_OK;
}

static size_t count_lines(const char *t, size_t n)
{
    size_t lines = 0;
    const char *p = t, *end = t + n;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        lines++;
        if (!nl) break;
        p = nl + 1;
    }
    return lines;
}

int songbad_article_parse_text(const char *text, size_t len,
                               const songbad_article_options *opt,
                               const songbad_allocator *alloc,
                               songbad_article **out)
{
    if (!out) return SONGBAD_E_INVAL;
    *out = NULL;
    if (!text && len) return SONGBAD_E_INVAL;
    if (count_lines(text ? text : "", len) > MAX_LINES) return SONGBAD_E_TOOBIG;
    songbad_article *a = songbad_news_article_new(alloc, text ? text : "", len);
    if (!a) return SONGBAD_E_NOMEM;
    int rc = apply_options(a, opt);
    if (!rc) rc = songbad_news_structure(a, opt ? opt->flags : 0, 0);
    if (rc) {
        songbad_article_free(a);
        return rc;
    }
    songbad_news_fix_pointers(a);
    *out = a;
    return SONGBAD_OK;
}

void songbad_article_free(songbad_article *a)
{
    if (!a) return;
    if (a->prepared_free) a->prepared_free(a->prepared);
    const songbad_allocator *al = &a->alloc;
    for (size_t i = 0; i < NEWS_F_COUNT; i++) songbad_alloc_free(al, a->field[i]);
    songbad_alloc_free(al, a->extra);
    songbad_alloc_free(al, a->parts);
    songbad_alloc_free(al, a->credits);
    songbad_alloc_free(al, a->cfirst);
    songbad_alloc_free(al, a->dates);
    songbad_alloc_free(al, a->text);
    songbad_allocator copy = a->alloc;
    songbad_alloc_free(&copy, a);
}

/* ---- accessors ------------------------------------------------------------ */

const char *songbad_article_text(const songbad_article *a, size_t *len)
{
    if (len) *len = a ? a->len : 0;
    return a ? a->text : NULL;
}

const char *songbad_article_field(const songbad_article *a, const char *name,
                                  size_t *len)
{
    if (len) *len = 0;
    if (!a || !name) return NULL;
    for (size_t i = 0; i < NEWS_F_COUNT; i++)
        if (strcmp(name, songbad_news_field_names[i]) == 0) {
            if (len) *len = a->field_len[i];
            return a->field[i];
        }
    return NULL;
}

int songbad_article_set_field(songbad_article *a, const char *name, const char *value,
                              size_t len)
{
    if (!a || !name || (!value && len)) return SONGBAD_E_INVAL;
    for (size_t i = 0; i < NEWS_F_COUNT; i++) {
        if (strcmp(name, songbad_news_field_names[i]) != 0) continue;
        size_t bad;
        char *copy = NULL;
        /* the article stays checked only if the new value is well-formed */
        if (a->utf8_checked && value && songbad_utf8_validate(value, len, &bad) != SONGBAD_OK)
            a->utf8_checked = 0;
        if (value) {
            copy = songbad_alloc_realloc(&a->alloc, NULL, len + 1);
            if (!copy) return SONGBAD_E_NOMEM;
            memcpy(copy, value, len);
            copy[len] = '\0';
        }
        songbad_alloc_free(&a->alloc, a->field[i]);
        a->field[i] = copy;
        a->field_len[i] = value ? len : 0;
        return SONGBAD_OK;
    }
    return SONGBAD_E_INVAL;
}

const char *songbad_article_extra(const songbad_article *a, size_t *len)
{
    if (len) *len = a && a->extra ? a->extra_len : 0;
    return a ? a->extra : NULL;
}

const char *songbad_article_pub_date(const songbad_article *a)
{
    return a && a->pub_y ? a->pub : NULL;
}

const songbad_article_part *songbad_article_parts(const songbad_article *a,
                                                  size_t *count)
{
    if (count) *count = a ? a->nparts : 0;
    return a ? a->parts : NULL;
}

const songbad_credit *songbad_article_credits(const songbad_article *a,
                                              size_t *count)
{
    if (count) *count = a ? a->ncredits : 0;
    return a ? a->credits : NULL;
}

const songbad_date *songbad_article_dates(const songbad_article *a,
                                          size_t *count)
{
    if (count) *count = a ? a->ndates : 0;
    return a ? a->dates : NULL;
}

static const songbad_article_part *first_of(const songbad_article *a,
                                            songbad_part_kind kind)
{
    if (!a) return NULL;
    for (size_t i = 0; i < a->nparts; i++)
        if (a->parts[i].kind == kind) return &a->parts[i];
    return NULL;
}

const songbad_article_part *songbad_article_headline(const songbad_article *a)
{
    return first_of(a, SONGBAD_PART_HEADLINE);
}

const songbad_article_part *songbad_article_lead(const songbad_article *a)
{
    return first_of(a, SONGBAD_PART_PARAGRAPH);
}

/* ---- JSON output ---------------------------------------------------------- */

typedef struct writer {
    songbad_article_write_fn fn;
    void *ctx;
    int rc;
} writer;

static void put(writer *w, const char *s, size_t n)
{
    if (!w->rc && n) w->rc = w->fn(w->ctx, s, n);
}

static void puts_(writer *w, const char *s) { put(w, s, strlen(s)); }

static void put_num(writer *w, size_t v)
{
    char buf[24];
    int n = snprintf(buf, sizeof buf, "%zu", v);
    put(w, buf, (size_t)n);
}

/* The inside of a JSON string: escapes, and U+FFFD for invalid UTF-8. */
static void put_escaped(writer *w, const char *s, size_t n)
{
    size_t i = 0, run = 0; /* run: start of bytes copied as they are */
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        const char *esc = NULL;
        char buf[8];
        size_t k = 1;
        if (c < 0x80) {
            if (c == '"') esc = "\\\"";
            else if (c == '\\') esc = "\\\\";
            else if (c == '\n') esc = "\\n";
            else if (c == '\r') esc = "\\r";
            else if (c == '\t') esc = "\\t";
            else if (c < 0x20 || c == 0x7F) {
                snprintf(buf, sizeof buf, "\\u%04x", c);
                esc = buf;
            }
        } else {
            uint32_t cp;
            k = songbad_utf8_decode_fast((const unsigned char *)s + i, n - i, &cp);
            if (cp == 0xFFFD && !(k == 3 && (unsigned char)s[i] == 0xEF &&
                                  (unsigned char)s[i + 1] == 0xBF &&
                                  (unsigned char)s[i + 2] == 0xBD))
                esc = "\xEF\xBF\xBD";
        }
        if (esc) {
            put(w, s + run, i - run);
            puts_(w, esc);
            i += k;
            run = i;
        } else {
            i += k;
        }
    }
    put(w, s + run, n - run);
}

static void put_str(writer *w, const char *s, size_t n)
{
    put(w, "\"", 1);
    put_escaped(w, s, n);
    put(w, "\"", 1);
}

static void put_key(writer *w, int *first, const char *key)
{
    if (!*first) put(w, ",", 1);
    *first = 0;
    put(w, "\"", 1);
    puts_(w, key);
    put(w, "\":", 2);
}

static void put_part_or_null(writer *w, const songbad_article_part *p)
{
    if (p) put_str(w, p->text, p->len);
    else puts_(w, "null");
}

static void put_credit_list(writer *w, const songbad_article *a,
                            songbad_credit_kind kind, int byline_only)
{
    put(w, "[", 1);
    int first = 1;
    for (size_t i = 0; i < a->ncredits; i++) {
        const songbad_credit *c = &a->credits[i];
        if (c->kind != kind || (byline_only && !c->in_byline)) continue;
        if (!a->cfirst || !(a->cfirst[i] & (byline_only ? NEWS_FIRST_BYLINE : NEWS_FIRST)))
            continue;
        if (!first) put(w, ",", 1);
        first = 0;
        put_str(w, c->name, c->name_len);
    }
    put(w, "]", 1);
}

/* The credit of caption part `part`: its agencies, else its photo credit.
 * *k moves through the credits (in text order) as the parts do. */
static void put_caption_credit(writer *w, const songbad_article *a, size_t part,
                               size_t *k)
{
    const songbad_article_part *p = &a->parts[part];
    while (*k < a->ncredits && a->credits[*k].start < p->start) ++*k;
    size_t first = *k, end = *k;
    while (end < a->ncredits && a->credits[end].part == part) end++;
    *k = end;
    int n = 0;
    for (size_t i = first; i < end; i++) {
        const songbad_credit *c = &a->credits[i];
        if (c->kind != SONGBAD_CREDIT_AGENCY) continue;
        put(w, n ? ", " : "\"", n ? 2 : 1);
        put_escaped(w, c->name, c->name_len);
        n++;
    }
    if (n) {
        put(w, "\"", 1);
        return;
    }
    for (size_t i = first; i < end; i++) {
        const songbad_credit *c = &a->credits[i];
        if (c->kind == SONGBAD_CREDIT_PHOTO || c->kind == SONGBAD_CREDIT_SOURCE) {
            put_str(w, c->name, c->name_len);
            return;
        }
    }
    puts_(w, "null");
}

static const char *const part_names[] = {"headline", "paragraph", "caption",
                                         "byline", "boilerplate", "blank"};
static const char *const gran_names[] = {"day", "week", "month", "year"};
static const char *const date_kind_names[] = {"absolute", "relative", "anaphoric"};

static void put_parts_text(writer *w, const songbad_article *a,
                           songbad_part_kind kind)
{
    put(w, "[", 1);
    int first = 1;
    for (size_t i = 0; i < a->nparts; i++) {
        const songbad_article_part *p = &a->parts[i];
        if (p->kind != kind) continue;
        if (!first) put(w, ",", 1);
        first = 0;
        put_str(w, p->text, p->len);
    }
    put(w, "]", 1);
}

int songbad_article_write_json(const songbad_article *a,
                               songbad_article_write_fn fn, void *ctx)
{
    if (!a || !fn) return SONGBAD_E_INVAL;
    writer w = {fn, ctx, 0};
    int first = 1;
    put(&w, "{", 1);
    for (size_t i = 0; i < NEWS_F_COUNT; i++) {
        if (!a->field[i]) continue;
        put_key(&w, &first, songbad_news_field_names[i]);
        put_str(&w, a->field[i], a->field_len[i]);
    }
    put_key(&w, &first, "headline");
    put_part_or_null(&w, songbad_article_headline(a));
    put_key(&w, &first, "lead");
    put_part_or_null(&w, songbad_article_lead(a));
    put_key(&w, &first, "paragraphs");
    put_parts_text(&w, a, SONGBAD_PART_PARAGRAPH);

    put_key(&w, &first, "captions");
    put(&w, "[", 1);
    int f2 = 1;
    size_t ck = 0;
    for (size_t i = 0; i < a->nparts; i++) {
        const songbad_article_part *p = &a->parts[i];
        if (p->kind != SONGBAD_PART_CAPTION) continue;
        if (!f2) put(&w, ",", 1);
        f2 = 0;
        puts_(&w, "{\"text\":");
        put_str(&w, p->text, p->len);
        puts_(&w, ",\"credit\":");
        put_caption_credit(&w, a, i, &ck);
        put(&w, "}", 1);
    }
    put(&w, "]", 1);

    put_key(&w, &first, "byline");
    puts_(&w, "{\"authors\":");
    put_credit_list(&w, a, SONGBAD_CREDIT_AUTHOR, 1);
    puts_(&w, ",\"agencies\":");
    put_credit_list(&w, a, SONGBAD_CREDIT_AGENCY, 1);
    puts_(&w, ",\"desks\":");
    put_credit_list(&w, a, SONGBAD_CREDIT_DESK, 1);
    puts_(&w, ",\"places\":");
    put_credit_list(&w, a, SONGBAD_CREDIT_PLACE, 1);
    puts_(&w, ",\"sources\":");
    put_credit_list(&w, a, SONGBAD_CREDIT_SOURCE, 0);
    put(&w, "}", 1);
    put_key(&w, &first, "agencies");
    put_credit_list(&w, a, SONGBAD_CREDIT_AGENCY, 0);
    put_key(&w, &first, "boilerplate");
    put_parts_text(&w, a, SONGBAD_PART_BOILERPLATE);

    put_key(&w, &first, "dates");
    put(&w, "[", 1);
    for (size_t i = 0; i < a->ndates; i++) {
        const songbad_date *d = &a->dates[i];
        if (i) put(&w, ",", 1);
        puts_(&w, "{\"value\":");
        if (d->value[0]) put_str(&w, d->value, strlen(d->value));
        else puts_(&w, "null");
        puts_(&w, ",\"granularity\":\"");
        puts_(&w, gran_names[d->granularity]);
        puts_(&w, "\",\"kind\":\"");
        puts_(&w, date_kind_names[d->kind]);
        puts_(&w, "\",\"text\":");
        put_str(&w, d->text, d->len);
        puts_(&w, ",\"start\":");
        put_num(&w, d->start);
        puts_(&w, ",\"end\":");
        put_num(&w, d->end);
        puts_(&w, ",\"part\":");
        put_num(&w, d->part);
        if (d->bengali) puts_(&w, ",\"calendar\":\"bengali\"");
        put(&w, "}", 1);
    }
    put(&w, "]", 1);

    put_key(&w, &first, "parts");
    put(&w, "[", 1);
    for (size_t i = 0; i < a->nparts; i++) {
        const songbad_article_part *p = &a->parts[i];
        if (i) put(&w, ",", 1);
        puts_(&w, "{\"kind\":\"");
        puts_(&w, part_names[p->kind]);
        puts_(&w, "\",\"start\":");
        put_num(&w, p->start);
        puts_(&w, ",\"end\":");
        put_num(&w, p->end);
        puts_(&w, ",\"line\":");
        put_num(&w, p->line);
        puts_(&w, ",\"lines\":");
        put_num(&w, p->lines);
        if (p->from_title) puts_(&w, ",\"field\":\"title\"");
        put(&w, "}", 1);
    }
    put(&w, "]", 1);
    if (a->extra) {
        put_key(&w, &first, "extra");
        put(&w, a->extra, a->extra_len);
    }
    put(&w, "}", 1);
    return w.rc;
}
