/* news_json.c - one JSON record (a line of a JSON Lines file) in, a
 * structured article out. A record of the usual shape is read directly
 * (news_json_flat.c); jansson parses any other, and what the article keeps
 * is copied into memory from the article's allocator before the parsed tree
 * is released (jansson's own allocations never outlive the call). */
#include "news_int.h"

#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>

#define MAX_LINES 1000000u

static void set_err(char *err, const char *fmt, ...)
{
    if (!err) return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, SONGBAD_ERR_LEN, fmt, ap);
    va_end(ap);
}

static char *copy_str(const songbad_allocator *al, const char *s, size_t n)
{
    char *p = songbad_alloc_realloc(al, NULL, n + 1);
    if (!p) return NULL;
    if (n) memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

/* A copy of text with every ill-formed subpart replaced by U+FFFD. */
static char *repair_utf8(const songbad_allocator *al, const char *s, size_t n,
                         size_t *out_len)
{
    size_t cap = n + n / 2 + 4, len = 0;
    if (cap < n) return NULL;
    char *p = songbad_alloc_realloc(al, NULL, cap);
    if (!p) return NULL;
    size_t i = 0;
    while (i < n) {
        uint32_t cp;
        size_t k = songbad_utf8_decode_fast((const unsigned char *)s + i, n - i, &cp);
        int bad = cp == 0xFFFD && !(k == 3 && memcmp(s + i, "\xEF\xBF\xBD", 3) == 0);
        size_t add = bad ? 3 : k;
        if (len + add > cap) {
            size_t nc = cap * 2;
            char *q = nc > cap ? songbad_alloc_realloc(al, p, nc) : NULL;
            if (!q) {
                songbad_alloc_free(al, p);
                return NULL;
            }
            p = q;
            cap = nc;
        }
        memcpy(p + len, bad ? "\xEF\xBF\xBD" : s + i, add);
        len += add;
        i += k;
    }
    *out_len = len;
    return p;
}

/* The record fields other than the known ones, as a JSON object text. */
static int keep_extra(songbad_article *a, json_t *obj)
{
    json_t *extra = json_object();
    if (!extra) return SONGBAD_E_NOMEM;
    const char *key;
    json_t *val;
    json_object_foreach(obj, key, val) {
        int known = strcmp(key, "body") == 0;
        for (size_t i = 0; i < NEWS_F_COUNT && !known; i++)
            known = strcmp(key, songbad_news_field_names[i]) == 0 && json_is_string(val);
        if (strcmp(key, "id") == 0 && json_is_integer(val)) known = 1;
        if (!known && json_object_set(extra, key, val) != 0) {
            json_decref(extra);
            return SONGBAD_E_NOMEM;
        }
    }
    int rc = SONGBAD_OK;
    if (json_object_size(extra)) {
        size_t n = json_dumpb(extra, NULL, 0, JSON_COMPACT);
        a->extra = n ? songbad_alloc_realloc(&a->alloc, NULL, n + 1) : NULL;
        if (!a->extra) rc = SONGBAD_E_NOMEM;
        else if (json_dumpb(extra, a->extra, n, JSON_COMPACT) != n) rc = SONGBAD_E_NOMEM;
        else {
            a->extra[n] = '\0';
            a->extra_len = n;
        }
    }
    json_decref(extra);
    return rc;
}

static size_t count_lines(const char *t, size_t n)
{
    size_t lines = 0;
    for (size_t i = 0; i < n; i++) lines += t[i] == '\n';
    return lines + (n && t[n - 1] != '\n');
}

/* The publication date: the caller's, else the record's own when it is one. */
static int set_pub_date(songbad_article *a, const songbad_article_options *opt, char *err)
{
    if (opt && opt->pub_date &&
        songbad_news_set_pub_date(a, opt->pub_date, strlen(opt->pub_date)) != SONGBAD_OK) {
        set_err(err, "bad publication date '%s'", opt->pub_date);
        return SONGBAD_E_INVAL;
    }
    /* the record's own date, when it is one, comes first */
    if (a->field[NEWS_F_DATE])
        (void)songbad_news_set_pub_date(a, a->field[NEWS_F_DATE], a->field_len[NEWS_F_DATE]);
    return SONGBAD_OK;
}

static int fill(songbad_article *a, json_t *obj, const songbad_article_options *opt,
                char *err)
{
    int rc;
    json_t *id = json_object_get(obj, "id");
    char idbuf[32];
    if (json_is_integer(id)) {
        snprintf(idbuf, sizeof idbuf, "%lld", (long long)json_integer_value(id));
        a->field[NEWS_F_ID] = copy_str(&a->alloc, idbuf, strlen(idbuf));
        if (!a->field[NEWS_F_ID]) return SONGBAD_E_NOMEM;
        a->field_len[NEWS_F_ID] = strlen(idbuf);
    } else if (id && !json_is_string(id)) {
        set_err(err, "\"id\" is neither a string nor an integer");
        return SONGBAD_E_INVAL;
    }
    for (size_t i = 0; i < NEWS_F_COUNT; i++) {
        json_t *v = json_object_get(obj, songbad_news_field_names[i]);
        if (!json_is_string(v)) continue;
        size_t n = json_string_length(v);
        a->field[i] = copy_str(&a->alloc, json_string_value(v), n);
        if (!a->field[i]) return SONGBAD_E_NOMEM;
        a->field_len[i] = n;
    }
    rc = keep_extra(a, obj);
    return rc ? rc : set_pub_date(a, opt, err);
}

/* The article of a record that songbad_news_json_flat read (f): the same
 * as through jansson's tree. SONGBAD_E_TOOBIG: a body of too many lines. */
static int from_flat(const songbad_allocator *al, const news_json_fields *f,
                     const songbad_article_options *opt, songbad_article **out, char *err)
{
    songbad_article *a = songbad_news_article_new(al, f->body.raw, f->body.raw_len);
    if (!a) return SONGBAD_E_NOMEM;
    news_json_str body = f->body;
    body.raw = a->text;
    a->len = songbad_news_json_unescape(&body, a->text);
    a->text[a->len] = '\0';
    int rc = SONGBAD_OK;
    if (count_lines(a->text, a->len) > MAX_LINES) {
        set_err(err, "\"body\" has more than %u lines", MAX_LINES);
        rc = SONGBAD_E_TOOBIG;
    }
    for (size_t i = 0; i < NEWS_F_COUNT && !rc; i++) {
        if (!f->field[i].raw) continue;
        a->field[i] = songbad_alloc_realloc(&a->alloc, NULL, f->field[i].raw_len + 1);
        if (!a->field[i]) {
            rc = SONGBAD_E_NOMEM;
            break;
        }
        a->field_len[i] = songbad_news_json_unescape(&f->field[i], a->field[i]);
        a->field[i][a->field_len[i]] = '\0';
    }
    if (!rc) rc = set_pub_date(a, opt, err);
    if (rc) {
        songbad_article_free(a);
        return rc;
    }
    *out = a;
    return SONGBAD_OK;
}

int songbad_article_parse_json(const char *json, size_t len,
                               const songbad_article_options *opt,
                               const songbad_allocator *alloc,
                               songbad_article **out, char err[SONGBAD_ERR_LEN])
{
    if (err) err[0] = '\0';
    if (!out) return SONGBAD_E_INVAL;
    *out = NULL;
    if (!json && len) return SONGBAD_E_INVAL;
    if (!json) json = "";
    songbad_allocator al;
    songbad_alloc_init(&al, alloc);
    char *fixed = NULL;
    size_t bad;
    if (songbad_utf8_validate(json, len, &bad) != SONGBAD_OK) {
        if (!(opt && (opt->flags & SONGBAD_ARTICLE_LENIENT))) {
            set_err(err, "invalid UTF-8 at byte %zu", bad);
            return SONGBAD_E_UTF8;
        }
        fixed = repair_utf8(&al, json, len, &len);
        if (!fixed) return SONGBAD_E_NOMEM;
        json = fixed;
    }
    int rc = SONGBAD_OK;
    songbad_article *a = NULL;
    json_t *obj = NULL, *body = NULL;
    news_json_fields flat;
    if (songbad_news_json_flat(json, len, &flat)) {
        rc = from_flat(&al, &flat, opt, &a, err);
        if (!rc)
            rc = songbad_news_structure(a, opt ? opt->flags : 0, a->field[NEWS_F_TITLE] != NULL);
        goto done;
    }
    json_error_t jerr;
    obj = json_loadb(json, len, JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL, &jerr);
    if (!obj) {
        /* jansson leaves the message empty when an allocation fails (and
           may report some failures as syntax errors: docs/robustness.md) */
        int oom = json_error_code(&jerr) == json_error_out_of_memory || !jerr.text[0];
        set_err(err, "%s", oom ? "out of memory" : jerr.text);
        rc = oom ? SONGBAD_E_NOMEM : SONGBAD_E_INVAL;
        goto out;
    }
    if (!json_is_object(obj)) {
        set_err(err, "not a JSON object");
        rc = SONGBAD_E_INVAL;
        goto out;
    }
    body = json_object_get(obj, "body");
    if (!body || !json_is_string(body)) {
        set_err(err, body ? "\"body\" is not a string" : "no \"body\"");
        rc = SONGBAD_E_INVAL;
        goto out;
    }
    if (count_lines(json_string_value(body), json_string_length(body)) > MAX_LINES) {
        set_err(err, "\"body\" has more than %u lines", MAX_LINES);
        rc = SONGBAD_E_TOOBIG;
        goto out;
    }
    a = songbad_news_article_new(&al, json_string_value(body), json_string_length(body));
    if (!a) {
        rc = SONGBAD_E_NOMEM;
        goto out;
    }
    rc = fill(a, obj, opt, err);
    if (!rc)
        rc = songbad_news_structure(a, opt ? opt->flags : 0, a->field[NEWS_F_TITLE] != NULL);
done:
    if (rc) {
        if (err && !err[0]) set_err(err, "%s", songbad_strerror(rc));
        songbad_article_free(a);
        a = NULL;
        goto out;
    }
    songbad_news_fix_pointers(a);
    a->utf8_checked = 1; /* the record was checked (or repaired) above */
    *out = a;
out:
    json_decref(obj);
    songbad_alloc_free(&al, fixed);
    return rc;
}
