/* serve_api.c - /api/search, /api/article/ID, /api/analyze, /api/explain,
 * /api/health:
 * checks the parameters, asks serve_db.c, adds the query analysis (which
 * needs only the library) and writes the JSON replies. */
#include "serve_api.h"
#include "serve_json.h"
#include "plan_json.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DUMP_FLAGS (JSON_COMPACT | JSON_REAL_PRECISION(10))

static const char *const kind_names[] = {"bengali", "latin", "number",
                                         "mixed", "other", "symbol"};

static void reply_json(serve_reply *r, int status, json_t *v)
{
    r->status = status;
    r->body = v ? json_dumps(v, DUMP_FLAGS) : NULL;
    json_decref(v);
    if (!r->body) {
        r->status = 500;
        r->body = strdup("{\"error\":{\"status\":500,\"message\":\"out of memory\"}}");
    }
}

void serve_error(serve_reply *r, int status, const char *message)
{
    json_t *m = sj_string(message, strlen(message));
    reply_json(r, status, m ? json_pack("{s:{s:i,s:o}}", "error", "status", status,
                                        "message", m) : NULL);
}

static void store_error(serve_reply *r, serve_status st, const char *msg)
{
    switch (st) {
    case SERVE_BAD_QUERY: serve_error(r, 400, msg); break;
    case SERVE_NOT_FOUND: serve_error(r, 404, msg); break;
    case SERVE_NOMEM: serve_error(r, 500, "out of memory"); break;
    default: serve_error(r, 503, "the database is unavailable"); break;
    }
}

/* ---- parameters ---- */

/* A text parameter: absent is fine unless required; it must be valid UTF-8
 * without NUL and at most max bytes. Returns 0 or the error status. */
static int text_param(serve_arg_fn arg, void *ctx, const char *name, size_t max,
                      int required, songbad_str *v, serve_reply *r)
{
    char msg[128];
    size_t len = 0;
    const char *s = arg(ctx, name, &len);
    v->ptr = NULL;
    v->len = 0;
    if (!s || !len) {
        if (!required) return 0;
        snprintf(msg, sizeof msg, "missing parameter '%s'", name);
        serve_error(r, 400, msg);
        return 400;
    }
    if (len > max) {
        snprintf(msg, sizeof msg, "parameter '%s' is longer than %zu bytes", name, max);
        serve_error(r, 413, msg);
        return 413;
    }
    if (memchr(s, '\0', len) || songbad_utf8_validate(s, len, NULL) != SONGBAD_OK) {
        snprintf(msg, sizeof msg, "parameter '%s' must be UTF-8 text without NUL", name);
        serve_error(r, 400, msg);
        return 400;
    }
    v->ptr = s;
    v->len = len;
    return 0;
}

static int date_param(serve_arg_fn arg, void *ctx, const char *name, songbad_str *v,
                      serve_reply *r)
{
    int st = text_param(arg, ctx, name, 10, 0, v, r);
    if (st == 413) { /* a long date is just a bad date */
        free(r->body);
        st = 400;
    } else if (st || !v->ptr) {
        return st;
    }
    static const char pat[] = "dddd-dd-dd";
    int ok = !st && v->len == 10;
    for (int i = 0; ok && i < 10; i++)
        ok = pat[i] == 'd' ? v->ptr[i] >= '0' && v->ptr[i] <= '9' : v->ptr[i] == '-';
    if (ok) return 0;
    char msg[96];
    snprintf(msg, sizeof msg, "parameter '%s' must be a date YYYY-MM-DD", name);
    serve_error(r, 400, msg);
    return 400;
}

static int number_param(serve_arg_fn arg, void *ctx, const char *name, size_t dflt,
                        size_t max, size_t *out, serve_reply *r)
{
    size_t len = 0;
    const char *s = arg(ctx, name, &len);
    *out = dflt;
    if (!s || !len) return 0;
    size_t n = 0;
    int ok = len <= 6;
    for (size_t i = 0; ok && i < len; i++) {
        ok = s[i] >= '0' && s[i] <= '9';
        n = n * 10 + (size_t)(s[i] - '0');
    }
    if (ok && n >= 1 && n <= max) {
        *out = n;
        return 0;
    }
    char msg[96];
    snprintf(msg, sizeof msg, "parameter '%s' must be a number from 1 to %zu", name, max);
    serve_error(r, 400, msg);
    return 400;
}

/* ---- analysis ---- */

/* The terms of one token, gathered from the analyzer's callbacks. */
typedef struct token {
    size_t pos, start, end;
    songbad_token_kind kind;
    int stop;
    songbad_str word, stem, key, compound; /* copies, in the arena below */
} token;

typedef struct tokens {
    token *t;
    size_t n, cap;
    char *arena;
    size_t used, size;
    int nomem;
} tokens;

static songbad_str keep(tokens *ts, const char *p, size_t len)
{
    songbad_str s = {NULL, 0};
    if (ts->used + len + 1 > ts->size) {
        ts->nomem = 1;
        return s;
    }
    memcpy(ts->arena + ts->used, p, len);
    s.ptr = ts->arena + ts->used;
    s.len = len;
    ts->used += len + 1;
    return s;
}

static int on_term(void *ctx, const songbad_term *t)
{
    tokens *ts = ctx;
    if (!t->colocated) {
        if (ts->n == ts->cap) {
            size_t cap = ts->cap ? 2 * ts->cap : 16;
            token *nt = realloc(ts->t, cap * sizeof *nt);
            if (!nt) return SONGBAD_E_NOMEM;
            ts->t = nt;
            ts->cap = cap;
        }
        token *k = &ts->t[ts->n++];
        memset(k, 0, sizeof *k);
        k->pos = t->position;
        k->start = t->start;
        k->end = t->end;
        k->kind = t->kind;
        k->stop = t->stopword;
    }
    if (!ts->n) return SONGBAD_OK;
    token *k = &ts->t[ts->n - 1];
    songbad_str v = keep(ts, t->text, t->len);
    switch (t->type) {
    case SONGBAD_TERM_WORD: k->word = v; break;
    case SONGBAD_TERM_STEM: k->stem = v; break;
    case SONGBAD_TERM_KEY: /* without its '#' */
        if (v.len) { v.ptr++; v.len--; }
        k->key = v;
        break;
    case SONGBAD_TERM_COMPOUND: k->compound = v; break;
    }
    return ts->nomem ? SONGBAD_E_NOMEM : SONGBAD_OK;
}

/* Analyzes text into ts (free with tokens_free). */
static int tokenize(const char *text, size_t len, tokens *ts)
{
    memset(ts, 0, sizeof *ts);
    ts->size = 8 * len + 64; /* terms are at most 4 * len + 16 bytes each */
    ts->arena = malloc(ts->size);
    songbad_analyzer *an;
    if (!ts->arena || songbad_analyzer_new(SONGBAD_ANALYZE_DEFAULT, NULL, &an)) return -1;
    int rc = songbad_analyze(an, text, len, on_term, ts);
    songbad_analyzer_free(an);
    return rc ? -1 : 0;
}

static void tokens_free(tokens *ts)
{
    free(ts->t);
    free(ts->arena);
}

static int same(songbad_str a, songbad_str b)
{
    return a.ptr && b.ptr && a.len == b.len && memcmp(a.ptr, b.ptr, a.len) == 0;
}

static songbad_str stem_of(const token *k) { return k->stem.ptr ? k->stem : k->word; }

/* {pos, start, end, kind, token, stem, key, compound, stop}: the fields of
 * `songbad analyze --json`. */
static json_t *token_json(const token *k)
{
    json_t *o = json_object();
    int bad = !o;
    bad = bad || sj_set(o, "pos", json_integer((json_int_t)k->pos));
    bad = bad || sj_set(o, "start", json_integer((json_int_t)k->start));
    bad = bad || sj_set(o, "end", json_integer((json_int_t)k->end));
    bad = bad || sj_set(o, "kind", json_string(kind_names[k->kind]));
    bad = bad || sj_set(o, "token", sj_str(k->word));
    bad = bad || sj_set(o, "stem", sj_str(stem_of(k)));
    if (k->key.ptr) bad = bad || sj_set(o, "key", sj_str(k->key));
    if (k->compound.ptr) bad = bad || sj_set(o, "compound", sj_str(k->compound));
    bad = bad || sj_set(o, "stop", json_boolean(k->stop));
    if (bad) json_decref(o);
    return bad ? NULL : o;
}

static json_t *romanized(songbad_str w)
{
    size_t cap = 4 * w.len + 16;
    char *buf = malloc(cap);
    if (!buf) return NULL;
    size_t n = songbad_romanize(w.ptr, w.len, buf, cap);
    json_t *v = sj_string(buf, n < cap ? n : cap);
    free(buf);
    return v;
}

/* Adds to each query word the highlighted spellings in the results that
 * match it by word, stem or cross-script key (e.g. লাভরভ for ল্যাভরভ). */
static int add_matches(json_t *words, const tokens *q, json_t *results)
{
    size_t i, j;
    json_t *r, *h;
    json_array_foreach(results, i, r) {
        json_t *sn = json_object_get(r, "snippet");
        const char *text = json_string_value(json_object_get(sn, "text"));
        size_t tlen = json_string_length(json_object_get(sn, "text"));
        json_array_foreach(json_object_get(sn, "highlights"), j, h) {
            size_t s = (size_t)json_integer_value(json_array_get(h, 0));
            size_t e = (size_t)json_integer_value(json_array_get(h, 1));
            if (!text || s >= e || e > tlen) continue;
            tokens ht;
            if (tokenize(text + s, e - s, &ht)) {
                tokens_free(&ht);
                return -1;
            }
            for (size_t w = 0; w < q->n; w++) {
                const token *qk = &q->t[w];
                int match = 0;
                for (size_t k = 0; k < ht.n && !match; k++)
                    match = same(qk->word, ht.t[k].word) ||
                            same(stem_of(qk), stem_of(&ht.t[k])) || same(qk->key, ht.t[k].key);
                if (!match) continue;
                json_t *m = json_object_get(json_array_get(words, w), "matched");
                int known = 0;
                size_t x;
                json_t *v;
                json_array_foreach(m, x, v) known |= strlen(json_string_value(v)) == e - s &&
                                                     memcmp(json_string_value(v), text + s, e - s) == 0;
                if (!known && json_array_size(m) < 20) json_array_append_new(m, sj_string(text + s, e - s));
            }
            tokens_free(&ht);
        }
    }
    return 0;
}

/* The query with its field prefixes ("title:") blanked out, so that the
 * analysis shows the words alone; offsets stay those of the query. */
static char *without_fields(songbad_str q)
{
    static const char *const fields[] = {"title:", "lead:", "body:", "caption:", "source:"};
    char *s = malloc(q.len + 1);
    if (!s) return NULL;
    memcpy(s, q.ptr, q.len);
    for (size_t i = 0; i < q.len; i++) {
        if (i && s[i - 1] != ' ' && s[i - 1] != '-' && s[i - 1] != '(' && s[i - 1] != '"') continue;
        for (size_t f = 0; f < sizeof fields / sizeof fields[0]; f++) {
            size_t n = strlen(fields[f]);
            if (q.len - i >= n && memcmp(s + i, fields[f], n) == 0) memset(s + i, ' ', n);
        }
    }
    return s;
}

/* [{text, normalized, stem, key, romanized, kind, stopword, matched}] */
static json_t *query_analysis(songbad_str q, json_t *results)
{
    tokens ts;
    memset(&ts, 0, sizeof ts);
    json_t *words = json_array();
    char *plain = without_fields(q);
    int bad = !words || !plain || tokenize(plain, q.len, &ts);
    free(plain);
    for (size_t i = 0; !bad && i < ts.n; i++) {
        const token *k = &ts.t[i];
        json_t *o = json_object();
        bad = !o || json_array_append_new(words, o);
        bad = bad || sj_set(o, "text", sj_string(q.ptr + k->start, k->end - k->start));
        bad = bad || sj_set(o, "normalized", sj_str(k->word));
        bad = bad || sj_set(o, "stem", sj_str(stem_of(k)));
        bad = bad || sj_set(o, "key", sj_str(k->key));
        bad = bad || sj_set(o, "romanized", romanized(k->word));
        bad = bad || sj_set(o, "kind", json_string(kind_names[k->kind]));
        bad = bad || sj_set(o, "stopword", json_boolean(k->stop));
        bad = bad || sj_set(o, "matched", json_array());
    }
    bad = bad || add_matches(words, &ts, results);
    tokens_free(&ts);
    if (bad) json_decref(words);
    return bad ? NULL : words;
}

/* ---- endpoints ---- */

static void api_search(serve_store *s, serve_arg_fn arg, void *ctx, serve_reply *r)
{
    serve_query q;
    memset(&q, 0, sizeof q);
    if (text_param(arg, ctx, "q", SERVE_MAX_QUERY, 1, &q.q, r) ||
        date_param(arg, ctx, "from", &q.from, r) || date_param(arg, ctx, "to", &q.to, r) ||
        text_param(arg, ctx, "source", 200, 0, &q.source, r) ||
        number_param(arg, ctx, "page", 1, SERVE_MAX_PAGE, &q.page, r) ||
        number_param(arg, ctx, "size", 10, SERVE_MAX_SIZE, &q.size, r))
        return;
    if (q.from.ptr && q.to.ptr && memcmp(q.from.ptr, q.to.ptr, 10) > 0) {
        serve_error(r, 400, "parameter 'from' is after 'to'");
        return;
    }
    char msg[SONGBAD_ERR_LEN];
    json_t *res;
    serve_status st = serve_store_search(s, &q, &res, msg);
    if (st) {
        store_error(r, st, msg);
        return;
    }
    json_t *head = json_object();
    if (head && !sj_set(head, "query", sj_str(q.q)) &&
        !sj_set(head, "page", json_integer((json_int_t)q.page)) &&
        !sj_set(head, "size", json_integer((json_int_t)q.size)) &&
        !json_object_update(head, res) &&
        !sj_set(head, "analysis", query_analysis(q.q, json_object_get(res, "results")))) {
        json_decref(res);
        reply_json(r, 200, head);
        return;
    }
    json_decref(head);
    json_decref(res);
    serve_error(r, 500, "out of memory");
}

static void api_article(serve_store *s, const char *id, serve_reply *r)
{
    size_t len = strlen(id);
    if (!len) {
        serve_error(r, 404, "no article id given");
        return;
    }
    if (len > SERVE_MAX_ID) {
        serve_error(r, 413, "the article id is too long");
        return;
    }
    if (songbad_utf8_validate(id, len, NULL) != SONGBAD_OK) {
        serve_error(r, 400, "the article id is not valid UTF-8");
        return;
    }
    char msg[SONGBAD_ERR_LEN];
    json_t *a;
    songbad_str key = {id, len};
    serve_status st = serve_store_article(s, key, &a, msg);
    if (st) store_error(r, st, msg);
    else reply_json(r, 200, a);
}

static void api_analyze(serve_arg_fn arg, void *ctx, serve_reply *r)
{
    songbad_str text;
    if (text_param(arg, ctx, "text", SERVE_MAX_TEXT, 1, &text, r)) return;
    tokens ts;
    memset(&ts, 0, sizeof ts);
    json_t *list = json_array();
    int bad = !list || tokenize(text.ptr, text.len, &ts);
    for (size_t i = 0; !bad && i < ts.n; i++)
        bad = json_array_append_new(list, token_json(&ts.t[i])) != 0;
    tokens_free(&ts);
    if (bad) {
        json_decref(list);
        serve_error(r, 500, "out of memory");
        return;
    }
    reply_json(r, 200, json_pack("{s:o,s:o}", "text", sj_str(text), "tokens", list));
}

/* The query plan of q: how a search reads it (`songbad explain --json`). */
static void api_explain(serve_arg_fn arg, void *ctx, serve_reply *r)
{
    songbad_str q;
    if (text_param(arg, ctx, "q", SERVE_MAX_QUERY, 1, &q, r)) return;
    songbad_query_plan *p;
    if (songbad_query_plan_new(NULL, &p) != SONGBAD_OK) {
        serve_error(r, 500, "out of memory");
        return;
    }
    int rc = songbad_query_plan_compile(p, q.ptr, q.len);
    if (rc == SONGBAD_E_QUERY) {
        serve_error(r, 400, songbad_query_plan_errmsg(p));
    } else {
        json_t *plan = rc ? NULL : plan_json(p);
        if (plan && sj_set(plan, "query", sj_str(q))) {
            json_decref(plan);
            plan = NULL;
        }
        if (plan) reply_json(r, 200, plan);
        else serve_error(r, 500, "out of memory");
    }
    songbad_query_plan_free(p);
}

static void api_health(serve_store *s, serve_reply *r)
{
    json_t *h;
    serve_status st = serve_store_health(s, &h);
    if (st) {
        store_error(r, st, "");
        return;
    }
    json_t *o = json_pack("{s:s,s:s,s:s}", "status", "ok", "version", songbad_version(),
                          "unicode", songbad_unicode_version());
    if (o && !json_object_update(o, h)) {
        json_decref(h);
        reply_json(r, 200, o);
        return;
    }
    json_decref(o);
    json_decref(h);
    serve_error(r, 500, "out of memory");
}

void serve_api(serve_store *s, const char *path, serve_arg_fn arg, void *ctx,
               serve_reply *r)
{
    r->body = NULL;
    if (strcmp(path, "/api/search") == 0) api_search(s, arg, ctx, r);
    else if (strncmp(path, "/api/article/", 13) == 0) api_article(s, path + 13, r);
    else if (strcmp(path, "/api/analyze") == 0) api_analyze(arg, ctx, r);
    else if (strcmp(path, "/api/explain") == 0) api_explain(arg, ctx, r);
    else if (strcmp(path, "/api/health") == 0) api_health(s, r);
    else serve_error(r, 404, "no such endpoint");
}
