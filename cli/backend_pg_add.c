/* backend_pg_add.c - ingest into PostgreSQL: a structured article becomes one
 * `articles` row whose tsvector is built here from songbad_analyze (words,
 * stems, cross-script keys and compounds at their positions; headline A,
 * lead B, captions C, body D, in that order of positions with a gap between
 * fields so no phrase spans two). Document frequencies and field lengths go
 * to songbad_terms and songbad_corpus at commit, for BM25 at search time. */
#include "backend_pg.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_POS 16383       /* PostgreSQL's last tsvector position */
#define MAX_POSITIONS 255   /* positions kept per lexeme */
#define MAX_LEXEME 2000     /* PostgreSQL refuses lexemes of 2 KB */
#define MAX_TSV_TEXT 900000 /* stays under the 1 MB tsvector limit */
#define FNV_SEED UINT64_C(1469598103934665603)

/* ---- document frequencies ------------------------------------------------ */
static uint64_t fnv(const char *s, size_t n, uint64_t h)
{
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= UINT64_C(1099511628211);
    }
    return h;
}

static size_t df_slot(const pg_df_map *m, const char *k, size_t n)
{
    size_t i = (size_t)fnv(k, n, FNV_SEED) & (m->cap - 1);
    while (m->keys[i] && !(strlen(m->keys[i]) == n && memcmp(m->keys[i], k, n) == 0))
        i = (i + 1) & (m->cap - 1);
    return i;
}

static int df_add(pg_df_map *m, const char *k, size_t n, long long delta)
{
    if (2 * (m->n + 1) > m->cap) {
        pg_df_map big = {NULL, NULL, m->cap ? 2 * m->cap : 4096, 0};
        big.keys = calloc(big.cap, sizeof *big.keys);
        big.vals = calloc(big.cap, sizeof *big.vals);
        if (!big.keys || !big.vals) {
            free(big.keys);
            free(big.vals);
            return SONGBAD_E_NOMEM;
        }
        for (size_t i = 0; i < m->cap; i++)
            if (m->keys[i]) {
                size_t j = df_slot(&big, m->keys[i], strlen(m->keys[i]));
                big.keys[j] = m->keys[i];
                big.vals[j] = m->vals[i];
                big.n++;
            }
        free(m->keys);
        free(m->vals);
        *m = big;
    }
    size_t i = df_slot(m, k, n);
    if (!m->keys[i]) {
        m->keys[i] = malloc(n + 1);
        if (!m->keys[i]) return SONGBAD_E_NOMEM;
        memcpy(m->keys[i], k, n);
        m->keys[i][n] = '\0';
        m->vals[i] = 0;
        m->n++;
    }
    m->vals[i] += delta;
    return SONGBAD_OK;
}

void pg_df_free(pg_df_map *m)
{
    for (size_t i = 0; i < m->cap; i++) free(m->keys[i]);
    free(m->keys);
    free(m->vals);
    memset(m, 0, sizeof *m);
}

/* Appends s as an element of a PostgreSQL array literal. */
static void array_elem(pg_buf *b, const char *s)
{
    pg_buf_str(b, b->n > 1 ? ",\"" : "\"");
    for (; *s; s++) {
        if (*s == '"' || *s == '\\') pg_buf_add(b, "\\", 1);
        pg_buf_add(b, s, 1);
    }
    pg_buf_add(b, "\"", 1);
}

int pg_flush_df(pg_store *s)
{
    int rc = SONGBAD_OK;
    if (s->df.n) {
        pg_buf keys = {0}, vals = {0};
        pg_buf_str(&keys, "{");
        pg_buf_str(&vals, "{");
        for (size_t i = 0; i < s->df.cap; i++) {
            if (!s->df.keys[i] || !s->df.vals[i]) continue;
            char num[32];
            snprintf(num, sizeof num, "%s%lld", vals.n > 1 ? "," : "", s->df.vals[i]);
            array_elem(&keys, s->df.keys[i]);
            pg_buf_str(&vals, num);
        }
        pg_buf_str(&keys, "}");
        pg_buf_str(&vals, "}");
        if (keys.oom || vals.oom) rc = SONGBAD_E_NOMEM;
        if (!rc) {
            const char *p[2] = {keys.p, vals.p};
            rc = pg_command(s,
                            "INSERT INTO songbad_terms(lexeme, df)"
                            " SELECT * FROM unnest($1::text[], $2::bigint[]) ORDER BY 1"
                            " ON CONFLICT (lexeme) DO UPDATE SET df = songbad_terms.df + excluded.df",
                            2, p, "cannot update the term statistics");
        }
        free(keys.p);
        free(vals.p);
        pg_df_free(&s->df);
    }
    if (!rc && s->pending[0]) {
        char sql[300];
        snprintf(sql, sizeof sql,
                 "UPDATE songbad_corpus SET docs = docs + %lld, len_headline = len_headline + %lld,"
                 " len_lead = len_lead + %lld, len_body = len_body + %lld,"
                 " len_captions = len_captions + %lld",
                 s->pending[0], s->pending[1], s->pending[2], s->pending[3], s->pending[4]);
        rc = pg_exec(s, sql, "cannot update the corpus statistics");
    }
    memset(s->pending, 0, sizeof s->pending);
    return rc;
}

/* ---- the tsvector -------------------------------------------------------- */
typedef struct entry {
    size_t off, len; /* the lexeme in the arena */
    const char *p;   /* set once the arena stops moving */
    unsigned pos;
    char weight;
} entry;

typedef struct vec_ctx {
    pg_buf arena;
    entry *e;
    size_t n, cap;
    unsigned base;   /* the field's first position, minus one */
    unsigned ntok;   /* tokens in the field */
    char weight;
    int oom;
} vec_ctx;

static int on_term(void *ctx, const songbad_term *t)
{
    vec_ctx *v = ctx;
    if (t->position + 1 > v->ntok) v->ntok = (unsigned)t->position + 1;
    if (t->len == 0 || t->len > MAX_LEXEME) return SONGBAD_OK;
    if (v->n == v->cap) {
        size_t cap = v->cap ? 2 * v->cap : 512;
        entry *e = realloc(v->e, cap * sizeof *e);
        if (!e) {
            v->oom = 1;
            return SONGBAD_E_NOMEM;
        }
        v->e = e;
        v->cap = cap;
    }
    size_t pos = v->base + t->position + 1;
    v->e[v->n].off = v->arena.n;
    v->e[v->n].len = t->len;
    v->e[v->n].pos = pos > MAX_POS ? MAX_POS : (unsigned)pos;
    v->e[v->n].weight = v->weight;
    v->n++;
    pg_buf_add(&v->arena, t->text, t->len);
    return v->arena.oom ? SONGBAD_E_NOMEM : SONGBAD_OK;
}

static int cmp_entry(const void *x, const void *y)
{
    const entry *a = x, *b = y;
    size_t n = a->len < b->len ? a->len : b->len;
    int c = memcmp(a->p, b->p, n);
    if (c) return c;
    if (a->len != b->len) return a->len < b->len ? -1 : 1;
    return a->pos < b->pos ? -1 : a->pos > b->pos;
}

/* Writes the tsvector text of the collected entries into out and, when df
 * is not NULL, counts each distinct lexeme once in it. */
static int write_tsvector(vec_ctx *v, pg_buf *out, pg_df_map *df)
{
    for (size_t i = 0; i < v->n; i++) v->e[i].p = v->arena.p + v->e[i].off;
    if (v->n) qsort(v->e, v->n, sizeof *v->e, cmp_entry);
    for (size_t i = 0; i < v->n;) {
        size_t j = i;
        while (j < v->n && v->e[j].len == v->e[i].len && memcmp(v->e[j].p, v->e[i].p, v->e[i].len) == 0)
            j++;
        if (out->n > MAX_TSV_TEXT) break; /* a huge article: later lexemes are left out */
        if (df && df_add(df, v->e[i].p, v->e[i].len, 1)) return SONGBAD_E_NOMEM;
        pg_buf_str(out, out->n ? " '" : "'");
        for (size_t k = 0; k < v->e[i].len; k++) {
            char ch = v->e[i].p[k];
            if (ch == '\'') pg_buf_add(out, "'", 1);
            else if (ch == '\\') pg_buf_add(out, "\\", 1);
            pg_buf_add(out, &ch, 1);
        }
        pg_buf_add(out, "':", 2);
        unsigned last = 0, kept = 0;
        for (size_t k = i; k < j && kept < MAX_POSITIONS; k++) {
            if (v->e[k].pos == last) continue;
            char p[16];
            snprintf(p, sizeof p, "%s%u%c", kept ? "," : "", v->e[k].pos, v->e[k].weight);
            if (v->e[k].weight == 'D') p[strlen(p) - 1] = '\0';
            pg_buf_str(out, p);
            last = v->e[k].pos;
            kept++;
        }
        i = j;
    }
    return out->oom ? SONGBAD_E_NOMEM : SONGBAD_OK;
}

/* ---- the article's fields ------------------------------------------------ */
typedef struct row {
    pg_buf f[15];         /* NUL-terminated copies, in insert order */
    int present[15];
    char hash[17];
    unsigned ntok[PG_FIELDS];
    pg_buf tsv, source_tsv;
} row;

enum { R_ID, R_HASH, R_HEADLINE, R_LEAD, R_BODY, R_CAPTIONS, R_BYLINE, R_AGENCIES,
       R_SOURCE, R_DATE, R_URL, R_CATEGORY, R_LANG, R_EXTRA, R_ORIGINAL };

static const char *const field_names[15] = {
    "id", "content_hash", "headline", "lead", "body", "captions", "byline", "agencies",
    "source", "date", "url", "category", "lang", "extra", "original"};

static void set(row *r, int i, const char *s, size_t n)
{
    if (!s) return;
    r->present[i] = 1;
    pg_buf_add(&r->f[i], s, n);
}

static void set_field(row *r, int i, const songbad_article *a, const char *name)
{
    size_t n;
    const char *s = songbad_article_field(a, name, &n);
    set(r, i, s, n);
}

static void join(row *r, int i, const char *s, size_t n, const char *sep)
{
    if (r->present[i]) pg_buf_str(&r->f[i], sep);
    set(r, i, s, n);
}

/* The fields the SQLite store indexes (src/add_article.c does the same). */
static void fill_row(row *r, const songbad_article *a)
{
    size_t np, nc;
    const songbad_article_part *parts = songbad_article_parts(a, &np);
    for (size_t i = 0; i < np; i++) {
        const songbad_article_part *p = &parts[i];
        if (p->kind == SONGBAD_PART_PARAGRAPH) join(r, R_BODY, p->text, p->len, "\n\n");
        else if (p->kind == SONGBAD_PART_CAPTION) join(r, R_CAPTIONS, p->text, p->len, "\n");
        else if (p->kind == SONGBAD_PART_BYLINE) join(r, R_BYLINE, p->text, p->len, "\n");
    }
    const songbad_credit *cr = songbad_article_credits(a, &nc);
    for (size_t i = 0; i < nc; i++) {
        if (cr[i].kind != SONGBAD_CREDIT_AGENCY) continue;
        int seen = 0;
        for (size_t k = 0; k < i && !seen; k++)
            seen = cr[k].kind == SONGBAD_CREDIT_AGENCY && cr[k].name_len == cr[i].name_len &&
                   memcmp(cr[k].name, cr[i].name, cr[i].name_len) == 0;
        if (seen) continue;
        pg_buf *b = &r->f[R_AGENCIES];
        pg_buf_str(b, r->present[R_AGENCIES] ? ",\"" : "[\"");
        r->present[R_AGENCIES] = 1;
        for (size_t k = 0; k < cr[i].name_len; k++) {
            if (cr[i].name[k] == '"' || cr[i].name[k] == '\\') pg_buf_add(b, "\\", 1);
            if ((unsigned char)cr[i].name[k] >= 0x20) pg_buf_add(b, cr[i].name + k, 1);
        }
        pg_buf_str(b, "\"");
    }
    if (r->present[R_AGENCIES]) pg_buf_str(&r->f[R_AGENCIES], "]");
    const songbad_article_part *h = songbad_article_headline(a), *lead = songbad_article_lead(a);
    if (h) set(r, R_HEADLINE, h->text, h->len);
    if (lead) set(r, R_LEAD, lead->text, lead->len);
    set_field(r, R_ID, a, "id");
    set_field(r, R_SOURCE, a, "source");
    set_field(r, R_DATE, a, "date");
    if (!r->present[R_DATE]) {
        const char *pub = songbad_article_pub_date(a);
        if (pub) set(r, R_DATE, pub, strlen(pub));
    }
    set_field(r, R_URL, a, "url");
    set_field(r, R_CATEGORY, a, "category");
    set_field(r, R_LANG, a, "lang");
    size_t n;
    const char *extra = songbad_article_extra(a, &n);
    set(r, R_EXTRA, extra, n);
    const char *orig = songbad_article_text(a, &n);
    if (!r->present[R_ID] || r->f[R_ID].n == 0) {
        char id[24];
        snprintf(id, sizeof id, "h%016llx", (unsigned long long)fnv(orig, n, FNV_SEED));
        r->f[R_ID].n = 0;
        set(r, R_ID, id, strlen(id));
    }
    if (!r->present[R_BODY]) set(r, R_BODY, orig, n);
    /* the original is stored when it differs from the body, like SQLite */
    if (!(r->f[R_BODY].n == n && memcmp(r->f[R_BODY].p, orig, n) == 0)) set(r, R_ORIGINAL, orig, n);
}

static int validate(pg_store *s, row *r)
{
    if (r->f[R_BODY].n == 0) {
        snprintf(s->errmsg, sizeof s->errmsg, "record has no body");
        return SONGBAD_E_INVAL;
    }
    for (int i = 0; i < 15; i++) {
        if (!r->present[i]) continue;
        size_t bad;
        if (songbad_utf8_validate(r->f[i].p, r->f[i].n, &bad) != SONGBAD_OK) {
            snprintf(s->errmsg, sizeof s->errmsg, "field %s: invalid UTF-8 at byte %zu",
                     field_names[i], bad);
            return SONGBAD_E_UTF8;
        }
        if (memchr(r->f[i].p, '\0', r->f[i].n)) {
            snprintf(s->errmsg, sizeof s->errmsg,
                     "field %s: a NUL byte (PostgreSQL text cannot hold it)", field_names[i]);
            return SONGBAD_E_INVAL;
        }
    }
    return SONGBAD_OK;
}

/* FNV-1a 64 of the search-normalized headline and body (as src/add.c). */
static int content_hash(pg_store *s, row *r)
{
    uint64_t h = FNV_SEED;
    const pg_buf *parts[2] = {&r->f[R_HEADLINE], &r->f[R_BODY]};
    for (int i = 0; i < 2; i++) {
        const char *out;
        size_t len;
        int rc = songbad_normalize(s->norm, parts[i]->p ? parts[i]->p : "", parts[i]->n, &out,
                                   &len, NULL);
        if (rc) return rc;
        h = fnv(out, len, fnv("\n", 1, h));
    }
    snprintf(r->hash, sizeof r->hash, "%016llx", (unsigned long long)h);
    return SONGBAD_OK;
}

static int build_vectors(pg_store *s, row *r)
{
    static const int fields[PG_FIELDS] = {R_HEADLINE, R_LEAD, R_CAPTIONS, R_BODY};
    static const char weights[PG_FIELDS] = {'A', 'B', 'C', 'D'};
    vec_ctx v;
    memset(&v, 0, sizeof v);
    int rc = SONGBAD_OK;
    for (int f = 0; f < PG_FIELDS && !rc; f++) {
        const pg_buf *b = &r->f[fields[f]];
        v.weight = weights[f];
        v.ntok = 0;
        if (b->n) rc = songbad_analyze(s->an, b->p, b->n, on_term, &v);
        r->ntok[f] = v.ntok;
        v.base += v.ntok + 1; /* a gap: no phrase across fields */
    }
    if (!rc) rc = write_tsvector(&v, &r->tsv, &s->df);
    free(v.e);
    free(v.arena.p);
    if (rc || !r->present[R_SOURCE]) return rc ? rc : v.oom ? SONGBAD_E_NOMEM : SONGBAD_OK;
    memset(&v, 0, sizeof v);
    v.weight = 'D';
    rc = songbad_analyze(s->an, r->f[R_SOURCE].p, r->f[R_SOURCE].n, on_term, &v);
    if (!rc) rc = write_tsvector(&v, &r->source_tsv, NULL);
    free(v.e);
    free(v.arena.p);
    return rc;
}

static PGresult *run(pg_store *s, const char *sql, int n, const char *const *vals)
{
    return PQexecParams(s->conn, sql, n, NULL, vals, NULL, NULL, 0);
}

/* The statements run for every article, prepared once per connection: the
 * server parses and plans them once instead of once per article. */
enum { STMT_BY_ID, STMT_BY_HASH, STMT_INSERT, STMT_COUNT };
static const char *const stmt_sql[STMT_COUNT] = {
    "SELECT 1 FROM articles WHERE id = $1",
    "SELECT 1 FROM articles WHERE content_hash = $1 LIMIT 1",
    "INSERT INTO articles(id, content_hash, headline, lead, body, captions, byline,"
    " agencies, source, date, url, category, lang, extra, original, len_headline,"
    " len_lead, len_body, len_captions, tsv, source_tsv) VALUES ($1, $2, $3, $4, $5, $6,"
    " $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20::tsvector,"
    " $21::tsvector)",
};
static const int stmt_params[STMT_COUNT] = {1, 1, 21};

/* Runs statement k, preparing it first if this connection has not; a failed
 * PREPARE comes back as the result, like a failed statement. */
static PGresult *run_stmt(pg_store *s, int k, const char *const *vals)
{
    char name[24];
    snprintf(name, sizeof name, "songbad_add_%d", k);
    if (!(s->prepared & (1u << k))) {
        PGresult *res = PQprepare(s->conn, name, stmt_sql[k], stmt_params[k], NULL);
        if (PQresultStatus(res) != PGRES_COMMAND_OK) return res;
        PQclear(res);
        s->prepared |= 1u << k;
    }
    return PQexecPrepared(s->conn, name, stmt_params[k], vals, NULL, NULL, 0);
}

/* Whether a row matches (statement k takes one parameter); -1 on failure. */
static int exists(pg_store *s, int k, const char *val, const char *what)
{
    PGresult *res = run_stmt(s, k, &val);
    int yes = PQresultStatus(res) == PGRES_TUPLES_OK ? PQntuples(res) > 0
                                                       : (pg_fail(s, SONGBAD_E_DB, what, res), -1);
    PQclear(res);
    return yes;
}

/* Removes the article id and takes it out of the statistics (--update). */
static int delete_article(pg_store *s, const char *id)
{
    PGresult *res = run(
        s,
        "WITH old AS (DELETE FROM articles WHERE id = $1 RETURNING tsv, len_headline,"
        "  len_lead, len_body, len_captions),"
        " t AS (UPDATE songbad_terms SET df = df - 1 WHERE lexeme IN"
        "  (SELECT unnest(tsvector_to_array(tsv)) FROM old))"
        " UPDATE songbad_corpus c SET docs = c.docs - 1,"
        "  len_headline = c.len_headline - old.len_headline, len_lead = c.len_lead - old.len_lead,"
        "  len_body = c.len_body - old.len_body, len_captions = c.len_captions - old.len_captions"
        " FROM old",
        1, &id);
    int rc = PQresultStatus(res) == PGRES_COMMAND_OK ? SONGBAD_OK
                                                     : pg_fail(s, SONGBAD_E_DB, "cannot delete", res);
    PQclear(res);
    return rc;
}

static int insert(pg_store *s, row *r)
{
    char lens[PG_FIELDS][16];
    const char *vals[21];
    for (int i = 0; i < 15; i++) vals[i] = r->present[i] ? r->f[i].p : NULL;
    vals[R_HASH] = r->hash;
    /* lengths in column order: headline, lead, body, captions */
    static const int order[4] = {PG_HEADLINE, PG_LEAD, PG_BODY, PG_CAPTIONS};
    for (int i = 0; i < 4; i++) {
        snprintf(lens[i], sizeof lens[i], "%u", r->ntok[order[i]]);
        vals[15 + i] = lens[i];
    }
    vals[19] = r->tsv.p ? r->tsv.p : "";
    vals[20] = r->present[R_SOURCE] ? (r->source_tsv.p ? r->source_tsv.p : "") : NULL;
    PGresult *res = run_stmt(s, STMT_INSERT, vals);
    int rc = PQresultStatus(res) == PGRES_COMMAND_OK ? SONGBAD_OK
                                                     : pg_fail(s, SONGBAD_E_DB, "cannot insert", res);
    PQclear(res);
    if (!rc) {
        s->wrote = 1;
        s->pending[0]++;
        for (int f = 0; f < PG_FIELDS; f++) s->pending[1 + f] += r->ntok[order[f]];
    }
    return rc;
}

int pg_add_article(store *st, const songbad_article *a, unsigned flags,
                   songbad_add_status *status)
{
    pg_store *s = (pg_store *)st;
    s->errmsg[0] = '\0';
    if (s->readonly) {
        snprintf(s->errmsg, sizeof s->errmsg, "%s: opened read-only", s->target);
        return SONGBAD_E_INVAL;
    }
    row r;
    memset(&r, 0, sizeof r);
    fill_row(&r, a);
    int rc = SONGBAD_OK;
    for (int i = 0; i < 15; i++)
        if (r.f[i].oom) rc = SONGBAD_E_NOMEM;
    if (!rc) rc = validate(s, &r);
    if (!rc) rc = content_hash(s, &r);
    int old = 0;
    if (!rc) {
        old = exists(s, STMT_BY_ID, r.f[R_ID].p, "cannot look up the id");
        if (old < 0) rc = SONGBAD_E_DB;
    }
    if (!rc && old && !(flags & SONGBAD_ADD_UPDATE)) {
        *status = SONGBAD_SKIPPED_SAME_ID;
        goto done;
    }
    /* pending frequencies first, so the old row's lexemes are all there */
    if (!rc && old) rc = pg_flush_df(s);
    if (!rc && old) rc = delete_article(s, r.f[R_ID].p);
    if (!rc && !old) {
        int same = exists(s, STMT_BY_HASH, r.hash,
                          "cannot look up the content");
        if (same < 0) rc = SONGBAD_E_DB;
        if (same > 0) {
            *status = SONGBAD_SKIPPED_SAME_CONTENT;
            goto done;
        }
    }
    if (!rc) rc = build_vectors(s, &r);
    if (!rc) rc = insert(s, &r);
    if (!rc) *status = old ? SONGBAD_REPLACED : SONGBAD_ADDED;
done:
    for (int i = 0; i < 15; i++) free(r.f[i].p);
    free(r.tsv.p);
    free(r.source_tsv.p);
    if (rc == SONGBAD_E_NOMEM && !s->errmsg[0]) snprintf(s->errmsg, sizeof s->errmsg, "out of memory");
    return rc;
}
