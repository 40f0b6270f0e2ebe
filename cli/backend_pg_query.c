/* backend_pg_query.c - a query plan (songbad_query_plan: the syntax of
 * docs/search.md, analyzed, with the weights of src/query_plan.c) for
 * PostgreSQL: its tsquery for the GIN index (songbad_query_plan_tsquery),
 * and the list of phrases with the weights and word groups the ranking
 * needs. */
#include "backend_pg.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *dup(const char *s, size_t n)
{
    char *p = malloc(n + 1);
    if (p) {
        memcpy(p, s, n);
        p[n] = '\0';
    }
    return p;
}

static pg_phrase *new_phrase(pg_query *q)
{
    if (q->nph == q->cap) {
        size_t cap = q->cap ? 2 * q->cap : 16;
        pg_phrase *p = realloc(q->ph, cap * sizeof *p);
        if (!p) return NULL;
        q->ph = p;
        q->cap = cap;
    }
    pg_phrase *p = &q->ph[q->nph++];
    memset(p, 0, sizeof *p);
    p->group = -1;
    return p;
}

static int add_word(pg_phrase *p, const char *s, size_t n)
{
    char **w = realloc(p->words, (p->nwords + 1) * sizeof *w);
    if (!w) return SONGBAD_E_NOMEM;
    p->words = w;
    if (!(w[p->nwords] = dup(s, n))) return SONGBAD_E_NOMEM;
    p->nwords++;
    return SONGBAD_OK;
}

/* Remembers an optional clause's tsquery t (taken over) for pruning
 * (pg_query.opt). */
static int remember_optional(pg_query *q, char *t, int first_word, int end_word)
{
    char **o = realloc(q->opt, (q->nopt + 1) * sizeof *o);
    int *w = o ? realloc(q->opt_words, 2 * (q->nopt + 1) * sizeof *w) : NULL;
    if (o) q->opt = o;
    if (w) q->opt_words = w;
    if (!o || !w) {
        free(t);
        return SONGBAD_E_NOMEM;
    }
    q->opt[q->nopt] = t;
    q->opt_words[2 * q->nopt] = first_word;
    q->opt_words[2 * q->nopt + 1] = end_word;
    q->nopt++;
    return SONGBAD_OK;
}

static void forget_optional(pg_query *q)
{
    for (size_t i = 0; i < q->nopt; i++) free(q->opt[i]);
    free(q->opt);
    free(q->opt_words);
    q->opt = NULL;
    q->opt_words = NULL;
    q->nopt = 0;
}

/* The tsvector weight letter of a field: 0 for any, 'S' for source. */
static char field_letter(songbad_field f)
{
    switch (f) {
    case SONGBAD_FIELD_HEADLINE: return 'A';
    case SONGBAD_FIELD_LEAD: return 'B';
    case SONGBAD_FIELD_CAPTIONS: return 'C';
    case SONGBAD_FIELD_BODY: return 'D';
    case SONGBAD_FIELD_SOURCE: return 'S';
    default: return 0;
    }
}

/* A phrase of the ranking for clause c: its words are terms [from, to). */
static int add_phrase(pg_query *q, const songbad_plan_clause *c, size_t from, size_t to)
{
    pg_phrase *p = new_phrase(q);
    if (!p) return SONGBAD_E_NOMEM;
    const songbad_plan_term *t = &c->terms[from];
    p->field = field_letter(c->field);
    if (c->phrase) {
        p->weight = c->weight;
        p->required = c->role == SONGBAD_CLAUSE_REQUIRED;
    } else {
        p->weight = t->weight;
        p->prefix = t->prefix;
        p->group = t->word;
    }
    for (size_t i = from; i < to; i++)
        if (add_word(p, c->terms[i].text, c->terms[i].len)) return SONGBAD_E_NOMEM;
    return SONGBAD_OK;
}

/* The text of a tsquery of songbad_query_plan_tsquery (source: 0 or 1)
 * or, source < 0, of the clause c alone; NULL when empty or out of memory
 * (*rc set then). */
static char *tsquery_text(const songbad_query_plan *plan, const songbad_plan_clause *c,
                          int source, int *rc)
{
    size_t n = c ? songbad_plan_clause_tsquery(c, NULL, 0)
                 : songbad_query_plan_tsquery(plan, source, NULL, 0);
    if (n == 0) return NULL;
    char *t = malloc(n + 1);
    if (!t) {
        *rc = SONGBAD_E_NOMEM;
        return NULL;
    }
    if (c) songbad_plan_clause_tsquery(c, t, n + 1);
    else songbad_query_plan_tsquery(plan, source, t, n + 1);
    return t;
}

/* The ranking's phrases of a clause (none for an excluded or a source:
 * one): an alternative each, or the phrase. */
static int add_phrases(pg_query *q, const songbad_plan_clause *c)
{
    if (c->role == SONGBAD_CLAUSE_EXCLUDED || c->field == SONGBAD_FIELD_SOURCE)
        return SONGBAD_OK;
    if (c->phrase) return add_phrase(q, c, 0, c->nterms);
    for (size_t i = 0; i < c->nterms; i++)
        if (add_phrase(q, c, i, i + 1)) return SONGBAD_E_NOMEM;
    return SONGBAD_OK;
}

int pg_query_compile(songbad_query_plan *plan, const char *text, size_t len, pg_query *q)
{
    memset(q, 0, sizeof *q);
    int rc = songbad_query_plan_compile(plan, text, len);
    if (rc == SONGBAD_E_QUERY)
        snprintf(q->error, sizeof q->error, "%s", songbad_query_plan_errmsg(plan));
    if (rc) return rc;
    q->question = songbad_query_plan_is_question(plan);
    q->ngroup = songbad_query_plan_nwords(plan);
    int required = 0;
    size_t n = songbad_query_plan_nclauses(plan);
    for (size_t i = 0; i < n && rc == SONGBAD_OK; i++) {
        const songbad_plan_clause *c = songbad_query_plan_clause(plan, i);
        rc = add_phrases(q, c);
        required |= c->role == SONGBAD_CLAUSE_REQUIRED;
        q->excluded |= c->role == SONGBAD_CLAUSE_EXCLUDED;
        /* words that must match are never pruned: optional clauses are
         * kept for that only when there are none */
        if (!rc && c->role == SONGBAD_CLAUSE_OPTIONAL) {
            char *t = tsquery_text(plan, c, -1, &rc);
            if (t) rc = remember_optional(q, t, c->first_word, c->first_word + c->nwords);
        }
    }
    if (required) forget_optional(q);
    if (!rc) q->tsq = tsquery_text(plan, NULL, 0, &rc);
    if (!rc) q->source_tsq = tsquery_text(plan, NULL, 1, &rc);
    if (rc) pg_query_free(q);
    return rc;
}

void pg_query_free(pg_query *q)
{
    for (size_t i = 0; i < q->nph; i++) {
        for (size_t k = 0; k < q->ph[i].nwords; k++) free(q->ph[i].words[k]);
        free(q->ph[i].words);
    }
    free(q->ph);
    free(q->tsq);
    free(q->source_tsq);
    forget_optional(q);
    memset(q, 0, sizeof *q);
}
