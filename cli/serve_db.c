/* serve_db.c - the database side of `songbad serve`: a small pool of
 * read-only stores (store_backend.h: SQLite or PostgreSQL, one store per
 * worker) and the searches, reads and counts the API needs, returned as
 * JSON. Nothing else in the server touches the database. */
#include "serve_db.h"
#include "serve_json.h"
#include "store_backend.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Facets cost a second pass over a query's matches; paging through results
 * (and repeated queries) reuse them from a small cache for a short time. */
#define FACET_CACHE 64
#define FACET_TTL 60 /* seconds: how long counts may lag an ingest */

typedef struct facet_entry {
    char *key;  /* query, from, to, source joined by NUL-free separators */
    char *json; /* the facets object as text */
    time_t at;
} facet_entry;

/* One article of a group of near-duplicates (loaded once at start). */
typedef struct dup_entry {
    long long group;
    char *id, *headline, *source;
    size_t id_len, headline_len, source_len;
} dup_entry;

struct serve_store {
    char *path, *url; /* --db or --pg: exactly one is not NULL */
    size_t n;
    store **db;
    unsigned char *busy;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    dup_entry *dups;
    size_t ndups, capdups;
    pthread_mutex_t cache_mu;
    facet_entry cache[FACET_CACHE];
    size_t cache_next; /* the entry replaced next (oldest first) */
};

static char *copy(songbad_str s, size_t *len)
{
    *len = s.ptr ? s.len : 0;
    if (!s.ptr) return NULL;
    char *p = malloc(s.len + 1);
    if (p) {
        memcpy(p, s.ptr, s.len);
        p[s.len] = '\0';
    }
    return p;
}

static int on_dup(void *ctx, long long group, songbad_str id, songbad_str headline,
                  songbad_str source)
{
    serve_store *s = ctx;
    if (s->ndups == s->capdups) {
        size_t cap = s->capdups ? 2 * s->capdups : 64;
        dup_entry *d = realloc(s->dups, cap * sizeof *d);
        if (!d) return SONGBAD_E_NOMEM;
        s->dups = d;
        s->capdups = cap;
    }
    dup_entry *e = &s->dups[s->ndups];
    e->group = group;
    e->id = copy(id, &e->id_len);
    e->headline = copy(headline, &e->headline_len);
    e->source = copy(source, &e->source_len);
    s->ndups++;
    if (!e->id || (headline.ptr && !e->headline) || (source.ptr && !e->source))
        return SONGBAD_E_NOMEM;
    return SONGBAD_OK;
}

void serve_store_close(serve_store *s)
{
    if (!s) return;
    for (size_t i = 0; i < s->n; i++)
        if (s->db[i]) s->db[i]->be->close(s->db[i]);
    for (size_t i = 0; i < s->ndups; i++) {
        free(s->dups[i].id);
        free(s->dups[i].headline);
        free(s->dups[i].source);
    }
    free(s->dups);
    for (size_t i = 0; i < FACET_CACHE; i++) {
        free(s->cache[i].key);
        free(s->cache[i].json);
    }
    pthread_mutex_destroy(&s->cache_mu);
    free(s->db);
    free(s->busy);
    free(s->path);
    free(s->url);
    pthread_mutex_destroy(&s->mu);
    pthread_cond_destroy(&s->cv);
    free(s);
}

int serve_store_open(const char *path, const char *url, size_t handles, serve_store **out,
                     char err[SONGBAD_ERR_LEN])
{
    *out = NULL;
    serve_store *s = calloc(1, sizeof *s);
    if (!s) return SONGBAD_E_NOMEM;
    pthread_mutex_init(&s->mu, NULL);
    pthread_cond_init(&s->cv, NULL);
    pthread_mutex_init(&s->cache_mu, NULL);
    s->n = handles ? handles : 1;
    s->path = url ? NULL : strdup(path);
    s->url = url ? strdup(url) : NULL;
    s->db = calloc(s->n, sizeof *s->db);
    s->busy = calloc(s->n, 1);
    if ((!s->path && !s->url) || !s->db || !s->busy) {
        serve_store_close(s);
        return SONGBAD_E_NOMEM;
    }
    int rc = store_open(s->path, s->url, SONGBAD_DB_READONLY, &s->db[0], err);
    if (rc == SONGBAD_OK) {
        store *st = s->db[0];
        rc = st->be->dups(st, on_dup, s);
        if (rc && rc != SONGBAD_E_NOMEM) snprintf(err, SONGBAD_ERR_LEN, "%s", st->be->errmsg(st));
    }
    if (rc) {
        serve_store_close(s);
        return rc;
    }
    *out = s;
    return SONGBAD_OK;
}

/* Borrows a free store (waiting for one), opening it if needed. */
static serve_status acquire(serve_store *s, size_t *slot)
{
    pthread_mutex_lock(&s->mu);
    for (;;) {
        for (size_t i = 0; i < s->n; i++)
            if (!s->busy[i]) {
                s->busy[i] = 1;
                *slot = i;
                goto found;
            }
        pthread_cond_wait(&s->cv, &s->mu);
    }
found:
    pthread_mutex_unlock(&s->mu);
    if (s->db[*slot]) return SERVE_OK;
    char err[SONGBAD_ERR_LEN];
    if (store_open(s->path, s->url, SONGBAD_DB_READONLY, &s->db[*slot], err) == SONGBAD_OK)
        return SERVE_OK;
    pthread_mutex_lock(&s->mu);
    s->busy[*slot] = 0;
    pthread_cond_signal(&s->cv);
    pthread_mutex_unlock(&s->mu);
    return SERVE_UNAVAILABLE;
}

/* Returns a store; one that failed is closed and reopened on next use. */
static void release(serve_store *s, size_t slot, int broken)
{
    if (broken && s->db[slot]) {
        s->db[slot]->be->close(s->db[slot]);
        s->db[slot] = NULL;
    }
    pthread_mutex_lock(&s->mu);
    s->busy[slot] = 0;
    pthread_cond_signal(&s->cv);
    pthread_mutex_unlock(&s->mu);
}

/* One database operation of a request: it builds its reply from scratch,
 * so that it can run a second time. */
typedef serve_status (*store_op)(serve_store *s, store *db, void *arg);

/* Runs op on a borrowed store. When the database is unavailable, op runs
 * once more on a freshly opened store: a store that has been idle in the
 * pool may hold a connection the PostgreSQL server has since dropped
 * (restarted), and that should not cost a reader a 503. */
static serve_status with_store(serve_store *s, store_op op, void *arg)
{
    size_t slot;
    serve_status st = acquire(s, &slot);
    if (st) return st;
    st = op(s, s->db[slot], arg);
    if (st == SERVE_UNAVAILABLE) {
        char err[SONGBAD_ERR_LEN];
        s->db[slot]->be->close(s->db[slot]);
        s->db[slot] = NULL;
        if (store_open(s->path, s->url, SONGBAD_DB_READONLY, &s->db[slot], err) == SONGBAD_OK)
            st = op(s, s->db[slot], arg);
    }
    release(s, slot, st == SERVE_UNAVAILABLE);
    return st;
}

static serve_status status_of(int rc)
{
    switch (rc) {
    case SONGBAD_OK: return SERVE_OK;
    case SONGBAD_E_QUERY: return SERVE_BAD_QUERY;
    case SONGBAD_E_NOTFOUND: return SERVE_NOT_FOUND;
    case SONGBAD_E_NOMEM: return SERVE_NOMEM;
    default: return SERVE_UNAVAILABLE;
    }
}

/* ---- search results ---- */

static int on_hit(void *ctx, const songbad_hit *h)
{
    json_t *results = ctx, *r = json_object(), *hl = json_array(), *sn = json_object();
    int bad = !r || !hl || !sn;
    bad |= sj_set(r, "rank", json_integer((json_int_t)h->rank));
    bad |= sj_set(r, "id", sj_str(h->id));
    bad |= sj_set(r, "title", sj_str(h->headline));
    bad |= sj_set(r, "date", sj_str(h->date));
    bad |= sj_set(r, "source", sj_str(h->source));
    bad |= sj_set(r, "score", json_real(round(h->score * 1e4) / 1e4));
    bad |= sj_set(r, "duplicates", json_integer((json_int_t)h->duplicates));
    for (size_t m = 0; !bad && m < h->nmarks; m++)
        bad |= json_array_append_new(hl, json_pack("[II]", (json_int_t)h->marks[2 * m],
                                                   (json_int_t)h->marks[2 * m + 1]));
    bad |= sj_set(sn, "text", sj_string(h->snippet.ptr ? h->snippet.ptr : "", h->snippet.len));
    bad |= sj_set(sn, "highlights", hl);
    bad |= sj_set(r, "snippet", sn);
    bad |= json_array_append_new(results, r);
    return bad ? SONGBAD_E_NOMEM : SONGBAD_OK;
}

/* The other copies of the near-duplicate group of id, or NULL if none. */
static json_t *copies_of(const serve_store *s, const char *id)
{
    size_t n = strlen(id);
    long long group = 0;
    int found = 0;
    for (size_t i = 0; i < s->ndups && !found; i++)
        if (s->dups[i].id_len == n && memcmp(s->dups[i].id, id, n) == 0) {
            group = s->dups[i].group;
            found = 1;
        }
    if (!found) return NULL;
    json_t *a = json_array();
    for (size_t i = 0; a && i < s->ndups; i++) {
        const dup_entry *e = &s->dups[i];
        if (e->group != group || (e->id_len == n && memcmp(e->id, id, n) == 0)) continue;
        json_t *c = json_object();
        if (!c || sj_set(c, "id", sj_string(e->id, e->id_len)) ||
            sj_set(c, "title", sj_string(e->headline, e->headline_len)) ||
            sj_set(c, "source", sj_string(e->source, e->source_len)) ||
            json_array_append_new(a, c)) {
            json_decref(a);
            return NULL;
        }
    }
    return a;
}

/* Agencies of each result (read from the article) and the groups. */
static serve_status add_details(serve_store *s, store *db, json_t *results, json_t *groups)
{
    size_t i;
    json_t *r;
    json_array_foreach(results, i, r) {
        const char *id = json_string_value(json_object_get(r, "id"));
        songbad_doc d;
        songbad_str key = {id, strlen(id)};
        int rc = db->be->get(db, key, &d);
        if (rc && rc != SONGBAD_E_NOTFOUND) return status_of(rc);
        json_t *ag = rc ? json_array() : sj_raw(d.agencies);
        if (json_is_null(ag)) ag = json_array();
        if (sj_set(r, "agencies", ag)) return SERVE_NOMEM;
        if (json_integer_value(json_object_get(r, "duplicates")) == 0) continue;
        json_t *c = copies_of(s, id);
        if (!c) continue;
        json_t *g = json_object();
        if (!g || sj_set(g, "id", json_string(id)) || sj_set(g, "copies", c) ||
            json_array_append_new(groups, g))
            return SERVE_NOMEM;
    }
    return SERVE_OK;
}

/* ---- facets ---- */

typedef struct facet {
    char **value;
    size_t *count, n, cap;
} facet;

typedef struct facet_pass {
    facet *sources, *months; /* NULL: not counted in this pass */
    size_t seen;
    int nomem;
} facet_pass;

static void facet_add(facet_pass *p, facet *f, const char *v, size_t len)
{
    for (size_t i = 0; i < f->n; i++)
        if (strlen(f->value[i]) == len && memcmp(f->value[i], v, len) == 0) {
            f->count[i]++;
            return;
        }
    if (f->n == f->cap) {
        size_t cap = f->cap ? 2 * f->cap : 16;
        char **nv = realloc(f->value, cap * sizeof *nv);
        if (nv) f->value = nv;
        size_t *nc = realloc(f->count, cap * sizeof *nc);
        if (nc) f->count = nc;
        if (!nv || !nc) { p->nomem = 1; return; }
        f->cap = cap;
    }
    songbad_str s = {v, len};
    size_t ignored;
    if (!(f->value[f->n] = copy(s, &ignored))) { p->nomem = 1; return; }
    f->count[f->n++] = 1;
}

static int is_month(const char *d, size_t len)
{
    static const char pat[] = "dddd-dd";
    if (!d || len < 7) return 0;
    for (int i = 0; i < 7; i++)
        if (pat[i] == 'd' ? (d[i] < '0' || d[i] > '9') : d[i] != '-') return 0;
    return 1;
}

static int on_facet_hit(void *ctx, const songbad_hit *h)
{
    facet_pass *p = ctx;
    p->seen += 1 + h->duplicates; /* the total counts folded copies too */
    if (p->sources && h->source.ptr && h->source.len)
        facet_add(p, p->sources, h->source.ptr, h->source.len);
    if (p->months && is_month(h->date.ptr, h->date.len))
        facet_add(p, p->months, h->date.ptr, 7);
    return p->nomem ? SONGBAD_E_NOMEM : SONGBAD_OK;
}

/* [{"value", "count"}]: by count then value, or by value newest first. */
static json_t *facet_json(facet *f, int by_value)
{
    for (size_t i = 1; i < f->n; i++) /* insertion sort: facets are short */
        for (size_t j = i; j > 0; j--) {
            int c = strcmp(f->value[j - 1], f->value[j]);
            int swap = by_value ? c < 0
                                : f->count[j - 1] < f->count[j] ||
                                      (f->count[j - 1] == f->count[j] && c > 0);
            if (!swap) break;
            char *v = f->value[j]; f->value[j] = f->value[j - 1]; f->value[j - 1] = v;
            size_t n = f->count[j]; f->count[j] = f->count[j - 1]; f->count[j - 1] = n;
        }
    json_t *a = json_array();
    for (size_t i = 0; a && i < f->n; i++) {
        json_t *o = json_pack("{s:o,s:I}", "value", sj_string(f->value[i], strlen(f->value[i])),
                              "count", (json_int_t)f->count[i]);
        if (!o || json_array_append_new(a, o)) {
            json_decref(a);
            return NULL;
        }
    }
    return a;
}

static void facet_free(facet *f)
{
    for (size_t i = 0; i < f->n; i++) free(f->value[i]);
    free(f->value);
    free(f->count);
}

/* Counts sources over the query without its source filter and months
 * without its date filter, so that the other choices stay visible. */
static serve_status facets(store *db, const songbad_search_opts *base, json_t **out)
{
    facet src = {0}, mon = {0};
    facet_pass a = {&src, &mon, 0, 0}, b = {NULL, &mon, 0, 0};
    songbad_search_opts o = *base;
    o.limit = SERVE_FACET_LIMIT;
    o.offset = 0;
    o.snippets = 0;
    int split = base->source.ptr || base->from.ptr || base->to.ptr;
    size_t total_a = 0, total_b = 0;
    if (split) a.months = NULL;
    o.source.ptr = NULL;
    o.source.len = 0;
    int rc = db->be->search(db, &o, on_facet_hit, &a, &total_a);
    if (!rc && split) {
        o = *base;
        o.limit = SERVE_FACET_LIMIT;
        o.offset = 0;
        o.snippets = 0;
        o.from.ptr = o.to.ptr = NULL;
        o.from.len = o.to.len = 0;
        rc = db->be->search(db, &o, on_facet_hit, &b, &total_b);
    }
    serve_status st = rc ? status_of(rc) : SERVE_OK;
    if (!st) {
        *out = json_object();
        if (!*out || sj_set(*out, "source", facet_json(&src, 0)) ||
            sj_set(*out, "month", facet_json(&mon, 1)) ||
            sj_set(*out, "limit", json_integer(SERVE_FACET_LIMIT)) ||
            sj_set(*out, "complete", json_boolean(a.seen == total_a && b.seen == total_b)))
            st = SERVE_NOMEM;
    }
    facet_free(&src);
    facet_free(&mon);
    return st;
}

/* The cache key of a search's facets: its query and filters, each with
 * its length so that no two searches share a key; NULL if out of memory. */
static char *facet_key(const songbad_search_opts *o)
{
    const songbad_str parts[] = {o->query, o->from, o->to, o->source};
    size_t n = 0;
    for (int i = 0; i < 4; i++) n += parts[i].len + 24;
    char *k = malloc(n + 1), *p = k;
    if (!k) return NULL;
    for (int i = 0; i < 4; i++) {
        p += sprintf(p, "%zu:", parts[i].ptr ? parts[i].len : (size_t)-1);
        if (parts[i].len) memcpy(p, parts[i].ptr, parts[i].len);
        p += parts[i].len;
    }
    *p = '\0';
    return k;
}

static json_t *cache_get(serve_store *s, const char *key)
{
    json_t *v = NULL;
    time_t now = time(NULL);
    pthread_mutex_lock(&s->cache_mu);
    for (size_t i = 0; i < FACET_CACHE && !v; i++) {
        facet_entry *e = &s->cache[i];
        if (e->key && now - e->at < FACET_TTL && now >= e->at && strcmp(e->key, key) == 0)
            v = json_loads(e->json, 0, NULL);
    }
    pthread_mutex_unlock(&s->cache_mu);
    return v;
}

/* Keeps facets under key (taking key); a failure only loses the entry. */
static void cache_put(serve_store *s, char *key, const json_t *facets)
{
    char *text = json_dumps(facets, JSON_COMPACT);
    if (!text) {
        free(key);
        return;
    }
    pthread_mutex_lock(&s->cache_mu);
    facet_entry *e = &s->cache[s->cache_next];
    s->cache_next = (s->cache_next + 1) % FACET_CACHE;
    free(e->key);
    free(e->json);
    e->key = key;
    e->json = text;
    e->at = time(NULL);
    pthread_mutex_unlock(&s->cache_mu);
}

typedef struct search_arg {
    const serve_query *q;
    json_t *out;
    char *msg;
} search_arg;

static serve_status search_op(serve_store *s, store *db, void *arg)
{
    search_arg *sa = arg;
    const serve_query *q = sa->q;
    songbad_search_opts o;
    memset(&o, 0, sizeof o);
    o.query = q->q;
    o.from = q->from;
    o.to = q->to;
    o.source = q->source;
    o.limit = q->size;
    o.offset = (q->page - 1) * q->size;
    o.snippets = 1;
    json_t *res = json_object(), *results = json_array(), *groups = json_array(), *fac = NULL;
    size_t total = 0;
    serve_status st = SERVE_OK;
    if (!res || !results || !groups) st = SERVE_NOMEM;
    if (!st) {
        int rc = db->be->search(db, &o, on_hit, results, &total);
        st = status_of(rc);
        if (st == SERVE_BAD_QUERY) {
            const char *m = db->be->errmsg(db);
            /* a message from SQLite's FTS5 is no help to a reader */
            if (strncmp(m, "the query cannot be searched", 28) == 0)
                m = "the query cannot be searched";
            snprintf(sa->msg, SONGBAD_ERR_LEN, "%s", m);
        }
    }
    if (!st) st = add_details(s, db, results, groups);
    char *key = st ? NULL : facet_key(&o);
    if (!st && !key) st = SERVE_NOMEM;
    if (!st && !(fac = cache_get(s, key))) {
        st = facets(db, &o, &fac);
        if (!st) {
            cache_put(s, key, fac);
            key = NULL;
        }
    }
    free(key);
    if (!st && (sj_set(res, "total", json_integer((json_int_t)total)) ||
                sj_set(res, "results", json_incref(results)) ||
                sj_set(res, "facets", json_incref(fac)) ||
                sj_set(res, "duplicates", json_incref(groups))))
        st = SERVE_NOMEM;
    json_decref(results);
    json_decref(groups);
    json_decref(fac);
    if (st) json_decref(res);
    else sa->out = res;
    return st;
}

serve_status serve_store_search(serve_store *s, const serve_query *q, json_t **out,
                                char msg[SONGBAD_ERR_LEN])
{
    msg[0] = '\0';
    search_arg sa = {q, NULL, msg};
    serve_status st = with_store(s, search_op, &sa);
    *out = sa.out;
    return st;
}

typedef struct article_arg {
    songbad_str id;
    json_t *out;
    char *msg;
} article_arg;

static serve_status article_op(serve_store *s, store *db, void *arg)
{
    (void)s;
    article_arg *aa = arg;
    songbad_doc d;
    int rc = db->be->get(db, aa->id, &d);
    serve_status st = status_of(rc);
    if (st == SERVE_NOT_FOUND) snprintf(aa->msg, SONGBAD_ERR_LEN, "%s", db->be->errmsg(db));
    json_t *a = st ? NULL : json_object();
    if (!st && !a) st = SERVE_NOMEM;
    if (!st) {
        static const char *const names[] = {"id", "headline", "lead", "body", "captions",
                                            "byline", "agencies", "source", "date", "url",
                                            "category", "lang", "structure", "extra",
                                            "original"};
        songbad_str v[] = {d.id, d.headline, d.lead, d.body, d.captions, d.byline,
                           d.agencies, d.source, d.date, d.url, d.category, d.lang,
                           d.structure, d.extra, d.original};
        for (int i = 0; i < 15 && !st; i++) {
            if (!v[i].ptr) continue; /* absent, as in `songbad show --json` */
            int raw = i == 6 || i == 12 || i == 13;
            if (sj_set(a, names[i], raw ? sj_raw(v[i]) : sj_str(v[i]))) st = SERVE_NOMEM;
        }
    }
    if (st) json_decref(a);
    else aa->out = a;
    return st;
}

serve_status serve_store_article(serve_store *s, songbad_str id, json_t **out,
                                 char msg[SONGBAD_ERR_LEN])
{
    msg[0] = '\0';
    article_arg aa = {id, NULL, msg};
    serve_status st = with_store(s, article_op, &aa);
    *out = aa.out;
    return st;
}

static serve_status health_op(serve_store *s, store *db, void *arg)
{
    (void)s;
    json_t **out = arg;
    songbad_db_stats ds;
    serve_status st = status_of(db->be->stats(db, &ds, NULL, NULL));
    json_t *h = st ? NULL : json_object();
    if (!st && (!h || sj_set(h, "articles", json_integer((json_int_t)ds.articles)) ||
                sj_set(h, "sources", json_integer((json_int_t)ds.sources)) ||
                sj_set(h, "first_date", sj_str(ds.first_date)) ||
                sj_set(h, "last_date", sj_str(ds.last_date))))
        st = SERVE_NOMEM;
    if (st) json_decref(h);
    else *out = h;
    return st;
}

serve_status serve_store_health(serve_store *s, json_t **out)
{
    *out = NULL;
    return with_store(s, health_op, out);
}
