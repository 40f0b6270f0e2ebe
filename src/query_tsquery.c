/*
 * query_tsquery.c - a query plan written as the text of a PostgreSQL
 * tsquery (songbad_query_plan_tsquery), for tsvectors of songbad's
 * lexemes: the PostgreSQL backend's articles table and the extension's
 * to_tsvector('bengali', ...). Writing only: PostgreSQL parses the text.
 */
#include "songbad_int.h"

/* Output into a caller's buffer: at most cap - 1 bytes and a NUL, while n
 * counts every byte the whole needs. */
typedef struct out_buf {
    char *p;
    size_t cap, n;
} out_buf;

static void put(out_buf *o, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++, o->n++)
        if (o->n + 1 < o->cap) o->p[o->n] = s[i];
}

static void puts_(out_buf *o, const char *s) { put(o, s, strlen(s)); }

static void terminate(out_buf *o)
{
    if (o->cap) o->p[o->n < o->cap ? o->n : o->cap - 1] = '\0';
}

/* The tsvector weight of a field: headline A, lead B, captions C, body D
 * (the articles table's setweight), none for any. */
static char weight_of(songbad_field f)
{
    switch (f) {
    case SONGBAD_FIELD_HEADLINE: return 'A';
    case SONGBAD_FIELD_LEAD: return 'B';
    case SONGBAD_FIELD_CAPTIONS: return 'C';
    case SONGBAD_FIELD_BODY: return 'D';
    default: return 0;
    }
}

/* A lexeme: quoted, quotes doubled and backslashes escaped, then :* for a
 * prefix and the weight letter. */
static void lexeme(out_buf *o, const char *s, size_t n, int prefix, char weight)
{
    put(o, "'", 1);
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\'') put(o, "'", 1);
        else if (s[i] == '\\') put(o, "\\", 1);
        put(o, s + i, 1);
    }
    put(o, "'", 1);
    if (prefix || weight) put(o, ":", 1);
    if (prefix) put(o, "*", 1);
    if (weight) put(o, &weight, 1);
}

static void clause(out_buf *o, const songbad_plan_clause *c)
{
    char weight = weight_of(c->field);
    for (size_t i = 0; i < c->nterms; i++) {
        if (i) puts_(o, c->phrase ? " <-> " : " | ");
        lexeme(o, c->terms[i].text, c->terms[i].len, c->terms[i].prefix, weight);
    }
}

size_t songbad_plan_clause_tsquery(const songbad_plan_clause *c, char *out, size_t cap)
{
    out_buf o = {out, out ? cap : 0, 0};
    if (c) clause(&o, c);
    terminate(&o);
    return o.n;
}

/* Writes "(clause) sep (clause) ..." of the clauses of the role that are
 * (source = 1) or are not (0) source: clauses; returns how many. */
static size_t groups(out_buf *o, const songbad_query_plan *p, songbad_clause_role role,
                     int source, const char *sep)
{
    size_t k = 0;
    for (size_t i = 0; i < songbad_query_plan_nclauses(p); i++) {
        const songbad_plan_clause *c = songbad_query_plan_clause(p, i);
        if (c->role != role || (c->field == SONGBAD_FIELD_SOURCE) != source) continue;
        if (k++) puts_(o, sep);
        put(o, "(", 1);
        clause(o, c);
        put(o, ")", 1);
    }
    return k;
}

/* How many clauses of the role are (or are not) source: clauses. */
static size_t count(const songbad_query_plan *p, songbad_clause_role role, int source)
{
    out_buf none = {NULL, 0, 0};
    return groups(&none, p, role, source, "");
}

size_t songbad_query_plan_tsquery(const songbad_query_plan *p, int source, char *out,
                                  size_t cap)
{
    out_buf o = {out, out ? cap : 0, 0};
    source = source != 0;
    size_t req = count(p, SONGBAD_CLAUSE_REQUIRED, source);
    size_t opt = source ? 0 : count(p, SONGBAD_CLAUSE_OPTIONAL, 0);
    size_t exc = count(p, SONGBAD_CLAUSE_EXCLUDED, source);
    if (req && opt) put(&o, "(", 1);
    groups(&o, p, SONGBAD_CLAUSE_REQUIRED, source, " & ");
    if (req && opt) puts_(&o, ") & (");
    if (!source) groups(&o, p, SONGBAD_CLAUSE_OPTIONAL, 0, " | ");
    if (req && opt) put(&o, ")", 1);
    if (exc) {
        puts_(&o, req || opt ? " & !(" : "!(");
        groups(&o, p, SONGBAD_CLAUSE_EXCLUDED, source, " | ");
        put(&o, ")", 1);
    }
    terminate(&o);
    return o.n;
}
