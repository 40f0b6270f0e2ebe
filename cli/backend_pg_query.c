/* backend_pg_query.c - a query plan (songbad_query_plan: the syntax of
 * docs/search.md, analyzed, with the weights of src/query_plan.c) written
 * for PostgreSQL: a tsquery for the GIN index, and the list of phrases with
 * the weights and word groups the ranking needs. */
#include "backend_pg.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void pg_tsquery_lexeme(pg_buf *b, const char *s, size_t n, int prefix, char field)
{
    pg_buf_add(b, "'", 1);
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\'') pg_buf_add(b, "'", 1);
        else if (s[i] == '\\') pg_buf_add(b, "\\", 1);
        pg_buf_add(b, s + i, 1);
    }
    pg_buf_add(b, "'", 1);
    if (prefix || field) pg_buf_add(b, ":", 1);
    if (prefix) pg_buf_add(b, "*", 1);
    if (field) pg_buf_add(b, &field, 1);
}

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

/* Remembers an optional clause's tsquery for pruning (pg_query.opt). */
static int remember_optional(pg_query *q, const pg_buf *g, int first_word, int end_word)
{
    char **o = realloc(q->opt, (q->nopt + 1) * sizeof *o);
    if (!o) return SONGBAD_E_NOMEM;
    q->opt = o;
    int *w = realloc(q->opt_words, 2 * (q->nopt + 1) * sizeof *w);
    if (!w) return SONGBAD_E_NOMEM;
    q->opt_words = w;
    if (!(q->opt[q->nopt] = dup(g->p ? g->p : "", g->n))) return SONGBAD_E_NOMEM;
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

/* Writes a clause as a tsquery group into g (its alternatives with |, a
 * phrase's words with <->) and, unless it is excluded or a source: clause,
 * its phrases for the ranking. */
static int write_clause(pg_query *q, const songbad_plan_clause *c, pg_buf *g)
{
    char field = field_letter(c->field);
    int ranked = c->role != SONGBAD_CLAUSE_EXCLUDED && field != 'S';
    g->n = 0;
    for (size_t i = 0; i < c->nterms; i++) {
        const songbad_plan_term *t = &c->terms[i];
        if (i) pg_buf_str(g, c->phrase ? " <-> " : " | ");
        pg_tsquery_lexeme(g, t->text, t->len, t->prefix, field == 'S' ? 0 : field);
        if (ranked && !c->phrase && add_phrase(q, c, i, i + 1)) return SONGBAD_E_NOMEM;
    }
    if (ranked && c->phrase && add_phrase(q, c, 0, c->nterms)) return SONGBAD_E_NOMEM;
    return g->oom ? SONGBAD_E_NOMEM : SONGBAD_OK;
}

static void append_group(pg_buf *dst, const pg_buf *g, const char *sep)
{
    if (dst->n) pg_buf_str(dst, sep);
    pg_buf_str(dst, "(");
    pg_buf_add(dst, g->p ? g->p : "", g->n);
    pg_buf_str(dst, ")");
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
    pg_buf req = {0}, opt = {0}, exc = {0}, sreq = {0}, sexc = {0}, g = {0};
    size_t n = songbad_query_plan_nclauses(plan);
    for (size_t i = 0; i < n && rc == SONGBAD_OK; i++) {
        const songbad_plan_clause *c = songbad_query_plan_clause(plan, i);
        rc = write_clause(q, c, &g);
        if (rc || c->role == SONGBAD_CLAUSE_CONTEXT) continue; /* ranking only */
        int source = c->field == SONGBAD_FIELD_SOURCE;
        switch (c->role) {
        case SONGBAD_CLAUSE_REQUIRED: append_group(source ? &sreq : &req, &g, " & "); break;
        case SONGBAD_CLAUSE_OPTIONAL:
            append_group(&opt, &g, " | ");
            rc = remember_optional(q, &g, c->first_word, c->first_word + c->nwords);
            break;
        default: append_group(source ? &sexc : &exc, &g, " | "); break;
        }
    }
    /* words that must match are never pruned */
    if (req.n || sreq.n) forget_optional(q);
    q->excluded = exc.n || sexc.n;
    pg_buf out = {0};
    if (rc == SONGBAD_OK && (req.n || opt.n)) {
        if (req.n && opt.n) {
            pg_buf_str(&out, "(");
            pg_buf_add(&out, req.p, req.n);
            pg_buf_str(&out, ") & (");
            pg_buf_add(&out, opt.p, opt.n);
            pg_buf_str(&out, ")");
        } else {
            pg_buf_add(&out, req.n ? req.p : opt.p, req.n ? req.n : opt.n);
        }
        if (exc.n) {
            pg_buf_str(&out, " & !(");
            pg_buf_add(&out, exc.p, exc.n);
            pg_buf_str(&out, ")");
        }
        q->tsq = out.p;
        out.p = NULL;
    } else if (rc == SONGBAD_OK && exc.n) {
        /* source: clauses only, with excluded words */
        pg_buf_str(&out, "!(");
        pg_buf_add(&out, exc.p, exc.n);
        pg_buf_str(&out, ")");
        q->tsq = out.p;
        out.p = NULL;
    }
    if (rc == SONGBAD_OK && (sreq.n || sexc.n)) {
        pg_buf s = {0};
        if (sreq.n) pg_buf_add(&s, sreq.p, sreq.n);
        if (sexc.n) {
            pg_buf_str(&s, sreq.n ? " & !(" : "!(");
            pg_buf_add(&s, sexc.p, sexc.n);
            pg_buf_str(&s, ")");
        }
        q->source_tsq = s.p;
        if (s.oom) rc = SONGBAD_E_NOMEM;
    }
    if (rc == SONGBAD_OK && (req.oom || opt.oom || exc.oom || sreq.oom || sexc.oom || out.oom))
        rc = SONGBAD_E_NOMEM;
    free(req.p);
    free(opt.p);
    free(exc.p);
    free(sreq.p);
    free(sexc.p);
    free(out.p);
    free(g.p);
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
