/*
 * query.c - a query plan (query_plan.c) written as an FTS5 MATCH expression,
 * with the weight of each of its phrases (for songbad_rank) in the order
 * FTS5 numbers them.
 */
#include "songbad_int.h"

#include <stdio.h>

/* A growable string. */
typedef struct sbuf {
    const songbad_allocator *a;
    char *p;
    size_t n, cap;
    int rc;
} sbuf;

static void sb_add(sbuf *b, const char *s, size_t n)
{
    if (b->rc) return;
    b->rc = songbad_grow(b->a, (void **)&b->p, &b->cap, b->n + n + 1, 1);
    if (b->rc) return;
    memcpy(b->p + b->n, s, n);
    b->n += n;
    b->p[b->n] = '\0';
}

static void sb_str(sbuf *b, const char *s) { sb_add(b, s, strlen(s)); }

/* Appends s as an FTS5 string: in double quotes, quotes doubled. */
static void sb_quoted(sbuf *b, const char *s, size_t n)
{
    sb_add(b, "\"", 1);
    size_t from = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '"') {
            sb_add(b, s + from, i + 1 - from);
            sb_add(b, "\"", 1);
            from = i + 1;
        }
    }
    sb_add(b, s + from, n - from);
    sb_add(b, "\"", 1);
}

struct songbad_query {
    songbad_allocator alloc;
    songbad_query_plan *plan;
    sbuf match;    /* the FTS5 expression */
    sbuf weights;  /* one number per phrase */
    size_t nphrases;
    /* The optional clauses of a query without required ones, each with its
     * expression and its terms, so that a search on a large index can rank
     * only the articles with its rarer words (songbad_query_group). */
    sbuf gexpr, gterms; /* NUL-terminated items, back to back */
    query_group *groups;
    size_t ngroups, cap_groups;
};

void songbad_query_set_df(songbad_query *q, songbad_query_df_fn fn, void *ctx)
{
    songbad_query_plan_set_prefix_count(q->plan, fn, ctx);
}

/* Appends a phrase weight, with the query word it belongs to (if >= 0). */
static void add_weight(songbad_query *q, double w, int word)
{
    char num[48];
    q->nphrases++;
    if (word >= 0)
        snprintf(num, sizeof num, "%s%.2f:%d", q->weights.n ? " " : "", w, word);
    else
        snprintf(num, sizeof num, "%s%.2f", q->weights.n ? " " : "", w);
    sb_str(&q->weights, num);
}

/* The FTS5 column of a field (NULL: any). */
static const char *column_of(songbad_field f)
{
    switch (f) {
    case SONGBAD_FIELD_HEADLINE: return "headline";
    case SONGBAD_FIELD_LEAD: return "lead";
    case SONGBAD_FIELD_BODY: return "body";
    case SONGBAD_FIELD_CAPTIONS: return "captions";
    case SONGBAD_FIELD_SOURCE: return "source";
    default: return NULL;
    }
}

/* Writes a clause's expression into g: its alternatives ("a" OR "b"*), or
 * its words as one FTS5 phrase; and their weights. */
static void write_clause(songbad_query *q, const songbad_plan_clause *c, sbuf *g)
{
    g->n = 0;
    if (c->phrase) {
        sbuf words = {&q->alloc, NULL, 0, 0, 0};
        for (size_t i = 0; i < c->nterms; i++) {
            if (i) sb_add(&words, " ", 1);
            sb_add(&words, c->terms[i].text, c->terms[i].len);
        }
        sb_quoted(g, words.p ? words.p : "", words.n);
        if (words.rc) g->rc = words.rc;
        songbad_alloc_free(&q->alloc, words.p);
        add_weight(q, c->weight, -1);
        return;
    }
    for (size_t i = 0; i < c->nterms; i++) {
        const songbad_plan_term *t = &c->terms[i];
        if (i) sb_str(g, " OR ");
        sb_quoted(g, t->text, t->len);
        if (t->prefix) sb_str(g, "*");
        add_weight(q, t->weight, t->word);
    }
}

/* Records an optional clause, written in g, for pruning. */
static int add_group(songbad_query *q, const songbad_plan_clause *c, const sbuf *g,
                     size_t phrases_at)
{
    int rc = songbad_grow(&q->alloc, (void **)&q->groups, &q->cap_groups, q->ngroups + 1,
                          sizeof *q->groups);
    if (rc) return rc;
    query_group *qg = &q->groups[q->ngroups++];
    qg->expr_at = q->gexpr.n;
    sb_str(&q->gexpr, "(");
    sb_add(&q->gexpr, g->p ? g->p : "", g->n);
    sb_add(&q->gexpr, ")", 2);
    qg->terms_at = q->gterms.n;
    for (size_t i = 0; i < c->nterms; i++) {
        sb_add(&q->gterms, c->terms[i].text, c->terms[i].len);
        if (c->terms[i].prefix) sb_str(&q->gterms, "*");
        sb_add(&q->gterms, "", 1);
    }
    qg->terms_end = q->gterms.n;
    qg->first_phrase = phrases_at;
    qg->nphrases = q->nphrases - phrases_at;
    return q->gexpr.rc ? q->gexpr.rc : q->gterms.rc;
}

/* Appends "[col : ](group)" to dst. */
static void append_group(sbuf *dst, const songbad_plan_clause *c, const sbuf *g, const char *sep)
{
    if (dst->n) sb_str(dst, sep);
    const char *col = column_of(c->field);
    if (col) {
        sb_str(dst, col);
        sb_str(dst, " : ");
    }
    sb_str(dst, "(");
    sb_add(dst, g->p ? g->p : "", g->n);
    sb_str(dst, ")");
}

int songbad_query_compile(songbad_query *q, const char *text, size_t len)
{
    q->match.n = q->weights.n = q->gexpr.n = q->gterms.n = 0;
    q->match.rc = q->weights.rc = q->gexpr.rc = q->gterms.rc = 0;
    q->nphrases = 0;
    q->ngroups = 0;
    int rc = songbad_query_plan_compile(q->plan, text, len);
    if (rc) return rc;
    sbuf required = {&q->alloc, NULL, 0, 0, 0};
    sbuf optional = {&q->alloc, NULL, 0, 0, 0};
    sbuf excluded = {&q->alloc, NULL, 0, 0, 0};
    sbuf g = {&q->alloc, NULL, 0, 0, 0};
    /* the plan's order (required, optional, context, excluded) is the
     * order of the phrases in the expression, which the weights follow */
    size_t n = songbad_query_plan_nclauses(q->plan);
    for (size_t i = 0; i < n && rc == SONGBAD_OK; i++) {
        const songbad_plan_clause *c = songbad_query_plan_clause(q->plan, i);
        size_t phrases_at = q->nphrases;
        write_clause(q, c, &g);
        switch (c->role) {
        case SONGBAD_CLAUSE_REQUIRED: append_group(&required, c, &g, " AND "); break;
        case SONGBAD_CLAUSE_OPTIONAL:
            append_group(&optional, c, &g, " OR ");
            rc = add_group(q, c, &g, phrases_at);
            break;
        case SONGBAD_CLAUSE_CONTEXT: /* a phrase beside the optional words */
            sb_str(&optional, " OR ");
            sb_add(&optional, g.p ? g.p : "", g.n);
            break;
        case SONGBAD_CLAUSE_EXCLUDED: append_group(&excluded, c, &g, " OR "); break;
        }
    }
    /* FTS5's NOT binds tighter than OR: "a OR b NOT c" would keep an
       article with a and c, so the positive part goes in parentheses */
    if (excluded.n) sb_str(&q->match, "(");
    if (required.n && optional.n) {
        sb_str(&q->match, "(");
        sb_add(&q->match, required.p, required.n);
        sb_str(&q->match, ") AND (");
        sb_add(&q->match, optional.p, optional.n);
        sb_str(&q->match, ")");
    } else if (required.n) {
        sb_add(&q->match, required.p, required.n);
    } else {
        sb_add(&q->match, optional.p ? optional.p : "", optional.n);
    }
    if (excluded.n) {
        sb_str(&q->match, ") NOT (");
        sb_add(&q->match, excluded.p, excluded.n);
        sb_str(&q->match, ")");
    }
    /* a question goes without the early-words factor (index_rank.c) */
    if (songbad_query_plan_is_question(q->plan))
        sb_str(&q->weights, q->weights.n ? " ?" : "?");
    if (rc == SONGBAD_OK && (required.rc || optional.rc || excluded.rc || g.rc ||
                             q->match.rc || q->weights.rc))
        rc = SONGBAD_E_NOMEM;
    /* required clauses already narrow the search: nothing to prune */
    if (rc != SONGBAD_OK || required.n) q->ngroups = 0;
    songbad_alloc_free(&q->alloc, required.p);
    songbad_alloc_free(&q->alloc, optional.p);
    songbad_alloc_free(&q->alloc, excluded.p);
    songbad_alloc_free(&q->alloc, g.p);
    return rc;
}

int songbad_query_new(const songbad_allocator *alloc, songbad_query **out)
{
    *out = NULL;
    songbad_allocator a;
    songbad_alloc_init(&a, alloc);
    songbad_query *q = songbad_alloc_realloc(&a, NULL, sizeof *q);
    if (!q) return SONGBAD_E_NOMEM;
    memset(q, 0, sizeof *q);
    q->alloc = a;
    q->match.a = q->weights.a = q->gexpr.a = q->gterms.a = &q->alloc;
    int rc = songbad_query_plan_new(&q->alloc, &q->plan);
    if (rc) {
        songbad_alloc_free(&a, q);
        return rc;
    }
    *out = q;
    return SONGBAD_OK;
}

void songbad_query_free(songbad_query *q)
{
    if (!q) return;
    songbad_allocator a = q->alloc;
    songbad_query_plan_free(q->plan);
    songbad_alloc_free(&a, q->match.p);
    songbad_alloc_free(&a, q->weights.p);
    songbad_alloc_free(&a, q->gexpr.p);
    songbad_alloc_free(&a, q->gterms.p);
    songbad_alloc_free(&a, q->groups);
    songbad_alloc_free(&a, q);
}

const char *songbad_query_match(const songbad_query *q) { return q->match.p ? q->match.p : ""; }
const char *songbad_query_weights(const songbad_query *q) { return q->weights.p ? q->weights.p : ""; }
const char *songbad_query_error(const songbad_query *q)
{
    return songbad_query_plan_errmsg(q->plan);
}

size_t songbad_query_ngroups(const songbad_query *q) { return q->ngroups; }

songbad_analyzer *songbad_query_analyzer(songbad_query *q)
{
    return songbad_query_plan_analyzer(q->plan);
}

songbad_query_plan *songbad_query_plan_of(songbad_query *q) { return q->plan; }

const query_group *songbad_query_group(const songbad_query *q, size_t i, const char **expr,
                                       const char **terms)
{
    *expr = q->gexpr.p + q->groups[i].expr_at;
    *terms = q->gterms.p ? q->gterms.p + q->groups[i].terms_at : "";
    return &q->groups[i];
}
