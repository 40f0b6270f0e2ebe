/* backend_pg_search.c - search on PostgreSQL in two steps. The GIN index
 * finds the matches of the tsquery and ts_rank orders them; the best
 * CANDIDATES are then ranked again here with the SQLite store's formula
 * (songbad_scorer, src/rank_score.c), from their lexeme positions, the
 * document frequencies in songbad_terms and the field lengths in
 * songbad_corpus. Snippets are cut like src/search.c does. */
#include "backend_pg.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CANDIDATES 100
/* Pruning's default limit (songbad_search_opts.prune_matches): lower than
 * SQLite's, as ranking a row here means reading its whole tsvector; by
 * default only on tables of PG_PRUNE_MIN_SHARE times as many articles
 * (ranking a small table whole is fast, and pruning most of it loses the
 * articles whose rarest query words are not in their text: on the 3,675
 * dev articles, 0.86 -> 0.81 MRR@10 for whole headlines). */
#define PG_PRUNE_MATCHES 2000
#define PG_PRUNE_MIN_SHARE 10
/* Candidates from the term lists ranked exactly, at least (as SQLite's
 * SONGBAD_BEST_RANKED; three times the hits asked for when more). */
#define PG_BEST_RANKED 50

/* Columns in SQLite's order: headline, lead, body, captions. */
const double pg_col_weight[PG_COLUMNS] = {4.0, 1.5, 1.0, 1.5};
const int pg_col_limit[PG_COLUMNS] = {0, SONGBAD_RANK_LEAD_TOKENS, 0, 0};
#define BODY_COLUMN 2

int pg_col_of(char weight)
{
    return weight == 'A' ? 0 : weight == 'B' ? 1 : weight == 'C' ? 3 : 2;
}

/* positions run through the fields (headline, lead, captions, body,
 * backend_pg_add.c) with a gap between: each field's first, minus one,
 * turns them into token numbers within the field, as FTS5 gives them */
void pg_field_base(const double len[PG_COLUMNS], int base[PG_COLUMNS])
{
    base[0] = 0;
    base[1] = (int)len[0] + 1;
    base[3] = base[1] + (int)len[1] + 1;
    base[2] = base[3] + (int)len[3] + 1;
}

typedef struct cand {
    int row;        /* in the candidates result */
    long long seq;
    double score;
} cand;

/* Appends s as an element of an array literal. */
static void array_elem(pg_buf *b, const char *s)
{
    pg_buf_add(b, b->n > 1 ? ",\"" : "\"", b->n > 1 ? 2 : 1);
    for (; *s; s++) {
        if (*s == '"' || *s == '\\') pg_buf_add(b, "\\", 1);
        pg_buf_add(b, s, 1);
    }
    pg_buf_add(b, "\"", 1);
}

PGresult *pg_rows(pg_store *s, const char *sql, int n, const char *const *vals,
                  const char *what, int *rc)
{
    PGresult *res = PQexecParams(s->conn, sql, n, NULL, vals, NULL, NULL, 0);
    if (PQresultStatus(res) != PGRES_TUPLES_OK) {
        *rc = pg_fail(s, SONGBAD_E_DB, what, res);
        PQclear(res);
        return NULL;
    }
    return res;
}

double pg_num(const PGresult *res, int row, int c)
{
    return PQgetisnull(res, row, c) ? 0 : atof(PQgetvalue(res, row, c));
}

typedef struct ranker {
    const pg_query *q;
    double n_docs, avgdl[4];
    double *idf;               /* per phrase */
    songbad_scorer *scorer;    /* made once the idf are known */
    songbad_rank_match *in;    /* the matches of one document */
    size_t nin, cap;
    pg_tsv_lexeme *lex;        /* the lexemes of one document the query has */
    size_t nlex, cap_lex;
} ranker;

static int ranker_alloc(ranker *r)
{
    r->idf = calloc(r->q->nph + 1, sizeof *r->idf);
    return r->idf ? SONGBAD_OK : SONGBAD_E_NOMEM;
}

/* The scorer, from the query's phrases and the corpus statistics. */
static int ranker_start(ranker *r)
{
    const pg_query *q = r->q;
    size_t np = q->nph;
    double *weight = calloc(np + 1, sizeof *weight);
    int *group = calloc(np + 1, sizeof *group);
    int rc = weight && group ? SONGBAD_OK : SONGBAD_E_NOMEM;
    for (size_t p = 0; !rc && p < np; p++) {
        weight[p] = q->ph[p].weight;
        group[p] = q->ph[p].group;
    }
    songbad_rank_params pr = {np, weight, group, r->idf, PG_COLUMNS, pg_col_weight, r->avgdl,
                              pg_col_limit};
    if (!rc) rc = songbad_scorer_new(&pr, NULL, &r->scorer);
    if (!rc && !q->question) songbad_scorer_set_early(r->scorer, BODY_COLUMN, SONGBAD_RANK_EARLY);
    free(weight);
    free(group);
    return rc;
}

static void ranker_free(ranker *r)
{
    free(r->idf);
    songbad_scorer_free(r->scorer);
    free(r->in);
    free(r->lex);
}

static int add_inst(ranker *r, int col, int pos, int phrase)
{
    if (r->nin == r->cap) {
        size_t cap = r->cap ? 2 * r->cap : 256;
        songbad_rank_match *p = realloc(r->in, cap * sizeof *p);
        if (!p) return SONGBAD_E_NOMEM;
        r->in = p;
        r->cap = cap;
    }
    r->in[r->nin].column = col;
    r->in[r->nin].offset = pos;
    r->in[r->nin].phrase = phrase;
    r->nin++;
    return SONGBAD_OK;
}

static int cmp_inst(const void *x, const void *y)
{
    const songbad_rank_match *a = x, *b = y;
    if (a->column != b->column) return a->column - b->column;
    if (a->offset != b->offset) return a->offset - b->offset;
    return a->phrase - b->phrase;
}

static int same(const pg_tsv_lexeme *l, const char *w)
{
    return strncmp(l->text, w, l->len) == 0 && w[l->len] == '\0';
}

static int phrase_matches(const pg_phrase *p, const pg_tsv_lexeme *l)
{
    if (p->nwords != 1) return 0;
    if (p->prefix) return strncmp(l->text, p->words[0], strlen(p->words[0])) == 0;
    return same(l, p->words[0]);
}

/* Whether the lexeme w is at position pos in the document's lexemes. */
static int has_at(const ranker *r, const char *w, int pos)
{
    for (size_t i = 0; i < r->nlex; i++) {
        if (!same(&r->lex[i], w)) continue;
        for (size_t k = 0; k < r->lex[i].npos; k++)
            if (pg_tsv_position(&r->lex[i], k) == pos) return 1;
    }
    return 0;
}

/* Keeps, of a document's tsvector (binary), the lexemes the query has:
 * a phrase's word, or one that begins with a prefix. */
static int doc_lexemes(ranker *r, const char *tsv, size_t n)
{
    const pg_query *q = r->q;
    pg_tsv_reader rd;
    pg_tsv_lexeme l;
    r->nlex = 0;
    int rc = pg_tsv_open(&rd, tsv, n), got;
    while (!rc && (got = pg_tsv_next(&rd, &l)) != 0) {
        if (got < 0) return got;
        int wanted = 0;
        for (size_t p = 0; p < q->nph && !wanted; p++) {
            const pg_phrase *ph = &q->ph[p];
            for (size_t k = 0; k < ph->nwords && !wanted; k++)
                wanted = ph->prefix ? strncmp(l.text, ph->words[k], strlen(ph->words[k])) == 0
                                    : same(&l, ph->words[k]);
        }
        if (!wanted) continue;
        if (r->nlex == r->cap_lex) {
            size_t cap = r->cap_lex ? 2 * r->cap_lex : 32;
            pg_tsv_lexeme *m = realloc(r->lex, cap * sizeof *m);
            if (!m) return SONGBAD_E_NOMEM;
            r->lex = m;
            r->cap_lex = cap;
        }
        r->lex[r->nlex++] = l;
    }
    return rc;
}

/* The instances of every phrase in one document (its lexemes from
 * doc_lexemes), then its score as songbad_rank computes it. */
static int score_doc(ranker *r, const double len[4], double *score)
{
    const pg_query *q = r->q;
    r->nin = 0;
    int base[PG_COLUMNS];
    pg_field_base(len, base);
    for (size_t i = 0; i < r->nlex; i++) {
        const pg_tsv_lexeme *lex = &r->lex[i];
        for (size_t p = 0; p < q->nph; p++) {
            const pg_phrase *ph = &q->ph[p];
            int multi = ph->nwords > 1 && same(lex, ph->words[0]);
            if (!multi && !phrase_matches(ph, lex)) continue;
            for (size_t j = 0; j < lex->npos; j++) {
                char w = pg_tsv_weight(lex, j);
                if (ph->field && w != ph->field) continue;
                int pos = pg_tsv_position(lex, j);
                int ok = 1;
                for (size_t k = 1; multi && ok && k < ph->nwords; k++)
                    ok = has_at(r, ph->words[k], pos + (int)k);
                int col = pg_col_of(w);
                if (ok && add_inst(r, col, pos - base[col] - 1, (int)p)) return SONGBAD_E_NOMEM;
            }
        }
    }
    if (r->nin) qsort(r->in, r->nin, sizeof *r->in, cmp_inst);
    /* a prefix matches a position once, however many of the lexemes there
     * (word, stem) begin with it, as in FTS5 */
    size_t kept = 0;
    for (size_t i = 0; i < r->nin; i++)
        if (!kept || cmp_inst(&r->in[kept - 1], &r->in[i]) != 0) r->in[kept++] = r->in[i];
    r->nin = kept;
    *score = songbad_scorer_score(r->scorer, r->in, r->nin, len);
    return SONGBAD_OK;
}

/* The corpus sizes: articles and each field's mean length. */
static int load_corpus(pg_store *s, ranker *r)
{
    int rc = SONGBAD_OK;
    PGresult *res = pg_rows(s, "SELECT docs, len_headline, len_lead, len_body, len_captions"
                             " FROM songbad_corpus", 0, NULL, "cannot read the corpus size", &rc);
    if (!res) return rc;
    r->n_docs = PQntuples(res) ? pg_num(res, 0, 0) : 0;
    static const int cols[4] = {1, 2, 3, 4}; /* headline, lead, body, captions */
    for (int c = 0; c < 4; c++) {
        double tot = PQntuples(res) ? pg_num(res, 0, cols[c]) : 0;
        r->avgdl[c] = r->n_docs > 0 ? tot / r->n_docs : 1.0;
        if (r->avgdl[c] <= 0) r->avgdl[c] = 1.0;
    }
    PQclear(res);
    return SONGBAD_OK;
}

/* The idf of every phrase. */
static int load_idf(pg_store *s, ranker *r)
{
    int rc = SONGBAD_OK;
    PGresult *res;
    const pg_query *q = r->q;
    pg_buf exact = {0}, prefixes = {0};
    pg_buf_add(&exact, "{", 1);
    pg_buf_add(&prefixes, "{", 1);
    for (size_t p = 0; p < q->nph; p++)
        for (size_t k = 0; k < q->ph[p].nwords; k++)
            array_elem(q->ph[p].prefix ? &prefixes : &exact, q->ph[p].words[k]);
    pg_buf_add(&exact, "}", 1);
    pg_buf_add(&prefixes, "}", 1);
    if (exact.oom || prefixes.oom) rc = SONGBAD_E_NOMEM;
    const char *vals[2] = {exact.p, prefixes.p};
    /* prefixes: the documents with a lexeme that begins so, counted as
     * FTS5 counts a prefix phrase's documents */
    res = rc ? NULL
             : pg_rows(s, "SELECT lexeme, df, NULL FROM songbad_terms WHERE lexeme = ANY($1::text[])"
                        " UNION ALL SELECT NULL, (SELECT count(*) FROM articles"
                        "  WHERE tsv @@ (quote_literal(p) || ':*')::tsquery), p"
                        " FROM unnest($2::text[]) p",
                     2, vals, "cannot read the term statistics", &rc);
    free(exact.p);
    free(prefixes.p);
    if (!res) return rc;
    for (size_t p = 0; p < q->nph; p++) {
        const pg_phrase *ph = &q->ph[p];
        double n = -1;
        for (int i = 0; i < PQntuples(res); i++) {
            if (ph->prefix) {
                if (!PQgetisnull(res, i, 2) && strcmp(PQgetvalue(res, i, 2), ph->words[0]) == 0)
                    n = pg_num(res, i, 1);
            } else {
                /* a phrase: its rarest word, an upper bound of its frequency */
                for (size_t k = 0; k < ph->nwords; k++)
                    if (!PQgetisnull(res, i, 0) && strcmp(PQgetvalue(res, i, 0), ph->words[k]) == 0 &&
                        (n < 0 || pg_num(res, i, 1) < n))
                        n = pg_num(res, i, 1);
            }
        }
        if (n < 0) n = 0;
        if (n > r->n_docs) n = r->n_docs;
        r->idf[p] = log(1.0 + (r->n_docs - n + 0.5) / (n + 0.5));
    }
    PQclear(res);
    return SONGBAD_OK;
}

static int cmp_cand(const void *x, const void *y)
{
    const cand *a = x, *b = y;
    if (a->score != b->score) return a->score > b->score ? -1 : 1;
    return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/* NUL-terminated copy of an optional filter, or NULL. */
static char *opt_str(songbad_str v)
{
    if (!v.ptr || !v.len) return NULL;
    char *p = malloc(v.len + 1);
    if (p) {
        memcpy(p, v.ptr, v.len);
        p[v.len] = '\0';
    }
    return p;
}

/* Reports candidates [first, end) in their new order. */
static int report(pg_store *s, const songbad_search_opts *o,
                  const PGresult *cands, const cand *c, size_t first, size_t end,
                  songbad_hit_fn fn, void *ctx)
{
    int rc = SONGBAD_OK;
    PGresult *bodies = NULL;
    if (o->snippets && end > first) {
        pg_buf ids = {0};
        pg_buf_add(&ids, "{", 1);
        for (size_t i = first; i < end; i++) array_elem(&ids, PQgetvalue(cands, c[i].row, 0));
        pg_buf_add(&ids, "}", 1);
        if (ids.oom) return SONGBAD_E_NOMEM;
        const char *v[1] = {ids.p};
        bodies = pg_rows(s, "SELECT id, body FROM articles WHERE id = ANY($1::text[])", 1, v,
                       "cannot read results", &rc);
        free(ids.p);
        if (!bodies) return rc;
    }
    size_t marks[2 * SONGBAD_SNIPPET_TOKENS];
    for (size_t i = first; i < end && !rc; i++) {
        int row = c[i].row;
        songbad_hit hit;
        memset(&hit, 0, sizeof hit);
        hit.rank = i + 1;
        hit.score = c[i].score;
        hit.id = pg_col(cands, row, 0);
        hit.headline = pg_col(cands, row, 2);
        hit.date = pg_col(cands, row, 3);
        hit.source = pg_col(cands, row, 4);
        hit.url = pg_col(cands, row, 5);
        if (bodies) {
            for (int b = 0; b < PQntuples(bodies); b++)
                if (strcmp(PQgetvalue(bodies, b, 0), hit.id.ptr) == 0) {
                    songbad_str body = pg_col(bodies, b, 1);
                    hit.marks = marks;
                    rc = songbad_query_plan_snippet(s->plan, body.ptr, body.len, &hit.snippet,
                                                    marks, &hit.nmarks);
                    break;
                }
        }
        if (!rc) rc = fn(ctx, &hit);
    }
    PQclear(bodies);
    return rc == SONGBAD_DONE ? SONGBAD_OK : rc;
}

/* Ranks the candidates again; c gets them in the new order. Their
 * tsvectors come whole, in binary. */
static int rerank(pg_store *s, ranker *r, const PGresult *cands, cand *c, size_t n)
{
    pg_buf ids = {0};
    pg_buf_add(&ids, "{", 1);
    for (size_t i = 0; i < n; i++) array_elem(&ids, PQgetvalue(cands, (int)i, 0));
    pg_buf_add(&ids, "}", 1);
    if (ids.oom) return SONGBAD_E_NOMEM;
    const char *v[1] = {ids.p};
    PGresult *t = PQexecParams(s->conn,
                               "SELECT id, tsv FROM articles WHERE id = ANY($1::text[])"
                               " ORDER BY id COLLATE \"C\"", /* strcmp's order */
                               1, NULL, v, NULL, NULL, 1);
    free(ids.p);
    int rc = SONGBAD_OK;
    if (PQresultStatus(t) != PGRES_TUPLES_OK) {
        rc = pg_fail(s, SONGBAD_E_DB, "cannot read lexeme positions", t);
        PQclear(t);
        return rc;
    }
    int nt = PQntuples(t);
    for (size_t i = 0; i < n && !rc; i++) {
        const char *id = PQgetvalue(cands, (int)i, 0);
        /* its row: binary search in the id order of the result (a binary
           text value is its bytes, NUL-terminated by libpq) */
        int lo = 0, hi = nt;
        while (lo < hi) {
            int mid = (lo + hi) / 2;
            if (strcmp(PQgetvalue(t, mid, 0), id) < 0) lo = mid + 1;
            else hi = mid;
        }
        r->nlex = 0;
        if (lo < nt && strcmp(PQgetvalue(t, lo, 0), id) == 0)
            rc = doc_lexemes(r, PQgetvalue(t, lo, 1), (size_t)PQgetlength(t, lo, 1));
        if (rc == SONGBAD_E_DB)
            snprintf(s->errmsg, sizeof s->errmsg, "%s: a tsvector that cannot be read", s->target);
        double len[4];
        for (int k = 0; k < 4; k++) len[k] = pg_num(cands, (int)i, 7 + k);
        c[i].row = (int)i;
        c[i].seq = atoll(PQgetvalue(cands, (int)i, 1));
        if (!rc) rc = score_doc(r, len, &c[i].score);
    }
    PQclear(t);
    if (!rc && n) qsort(c, n, sizeof *c, cmp_cand);
    return rc;
}

/* The candidates: the matches ranked by ts_rank, with weights {D, C, B, A}
 * = body 1, captions and lead 1.5, headline 4 (as the column weights of
 * SQLite's ranking), the best $6, and the number of matches. */
#define CAND_COLS                                                                           \
    "id, seq, headline, date, source, url,"                                                 \
    " ts_rank('{0.25, 0.375, 0.375, 1.0}', tsv, coalesce($1::tsquery, ''::tsquery), 1) AS r," \
    " len_headline, len_lead, len_body, len_captions"
#define CAND_WHERE                                                                     \
    " WHERE ($1::tsquery IS NULL OR tsv @@ $1::tsquery)"                               \
    " AND ($2::tsquery IS NULL OR coalesce(source_tsv, ''::tsvector) @@ $2::tsquery)" \
    " AND ($3::text IS NULL OR substr(date, 1, 10) >= $3)"                             \
    " AND ($4::text IS NULL OR substr(date, 1, 10) <= $4)"                             \
    " AND ($5::text IS NULL OR source = $5)"

/* On a partitioned `articles` (scripts/pg_shard.sh), each partition is
 * asked for its own best $6 so that postgres_fdw sends ORDER BY ... LIMIT
 * to the shards (the global best $6 are among them), and the count is made
 * partition by partition; otherwise every match would cross the network. */
static int candidates_sql(pg_store *s, pg_buf *sql)
{
    int rc = SONGBAD_OK;
    if (!s->parts) {
        s->parts = pg_rows(s,
                         "SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname)"
                         " FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
                         " JOIN pg_namespace n ON n.oid = c.relnamespace"
                         " WHERE i.inhparent = 'articles'::regclass ORDER BY 1",
                         0, NULL, "cannot read the partitions", &rc);
        if (!s->parts) return rc;
        if (PQntuples(s->parts) > 0)
            rc = pg_exec(s, "SET enable_partitionwise_aggregate = on", "cannot configure the session");
        if (rc) return rc;
    }
    int np = PQntuples(s->parts);
    if (np == 0) {
        const char *one = "SELECT " CAND_COLS ", count(*) OVER () FROM articles" CAND_WHERE
                          " ORDER BY r DESC, seq LIMIT $6::bigint";
        pg_buf_add(sql, one, strlen(one));
        return sql->oom ? SONGBAD_E_NOMEM : SONGBAD_OK;
    }
    const char *head = "SELECT *, (SELECT count(*) FROM articles" CAND_WHERE ") FROM (";
    pg_buf_add(sql, head, strlen(head));
    for (int i = 0; i < np; i++) {
        const char *part = PQgetvalue(s->parts, i, 0);
        const char *sel = i ? " UNION ALL (SELECT " CAND_COLS " FROM " : "(SELECT " CAND_COLS " FROM ";
        const char *tail = CAND_WHERE " ORDER BY r DESC, seq LIMIT $6::bigint)";
        pg_buf_add(sql, sel, strlen(sel));
        pg_buf_add(sql, part, strlen(part));
        pg_buf_add(sql, tail, strlen(tail));
    }
    const char *end = ") u ORDER BY r DESC, seq LIMIT $6::bigint";
    pg_buf_add(sql, end, strlen(end));
    return sql->oom ? SONGBAD_E_NOMEM : SONGBAD_OK;
}

/* The tsquery that ranks only the articles with the query's rarer clauses
 * when all its clauses would match more than limit articles: the clauses
 * songbad_prune_clauses chooses (as for SQLite) from their document
 * frequencies (a clause: the sum over its phrases, a phrase: its rarest
 * word); the whole query still decides the score. *out stays NULL when
 * nothing is pruned. */
static int pruned_tsquery(pg_store *s, const pg_query *q, size_t limit, int by_default,
                          char **out)
{
    *out = NULL;
    if (q->nopt < 2 || !q->tsq || limit == SIZE_MAX) return SONGBAD_OK;
    pg_buf lex = {0};
    pg_buf_add(&lex, "{", 1);
    for (size_t p = 0; p < q->nph; p++)
        for (size_t k = 0; k < q->ph[p].nwords; k++) array_elem(&lex, q->ph[p].words[k]);
    pg_buf_add(&lex, "}", 1);
    int rc = lex.oom ? SONGBAD_E_NOMEM : SONGBAD_OK;
    const char *vals[1] = {lex.p};
    PGresult *res = rc ? NULL
                       : pg_rows(s, "SELECT lexeme, df FROM songbad_terms WHERE lexeme = ANY($1::text[])"
                                  " UNION ALL SELECT NULL, docs FROM songbad_corpus",
                               1, vals, "cannot read the term statistics", &rc);
    double docs = 0;
    for (int r = 0; res && r < PQntuples(res); r++)
        if (PQgetisnull(res, r, 0)) docs = pg_num(res, r, 1);
    free(lex.p);
    if (res && by_default && docs < (double)limit * PG_PRUNE_MIN_SHARE) {
        PQclear(res);
        return SONGBAD_OK;
    }
    songbad_clause_count *c = res ? calloc(q->nopt, sizeof *c) : NULL;
    if (res && !c) rc = SONGBAD_E_NOMEM;
    for (size_t i = 0; c && i < q->nopt; i++) {
        c[i].clause = i;
        for (size_t p = 0; p < q->nph; p++) {
            const pg_phrase *ph = &q->ph[p];
            if (ph->group < q->opt_words[2 * i] || ph->group >= q->opt_words[2 * i + 1]) continue;
            double least = -1;
            for (size_t k = 0; k < ph->nwords; k++) {
                double df = 0;
                for (int r = 0; r < PQntuples(res); r++)
                    if (!PQgetisnull(res, r, 0) && strcmp(PQgetvalue(res, r, 0), ph->words[k]) == 0)
                        df = pg_num(res, r, 1);
                if (least < 0 || df < least) least = df;
            }
            if (least > 0) c[i].df += least;
        }
    }
    PQclear(res);
    int both = 0;
    size_t keep = c ? songbad_prune_clauses(c, q->nopt, (double)limit, &both) : 0;
    if (keep) {
        pg_buf t = {0};
        pg_buf_add(&t, "(", 1);
        for (size_t i = 0; i < keep; i++) {
            if (i) pg_buf_str(&t, both ? " & " : " | ");
            pg_buf_str(&t, "(");
            pg_buf_str(&t, q->opt[c[i].clause]);
            pg_buf_str(&t, ")");
        }
        pg_buf_str(&t, ") & (");
        pg_buf_str(&t, q->tsq);
        pg_buf_str(&t, ")");
        if (t.oom) {
            free(t.p);
            rc = SONGBAD_E_NOMEM;
        } else {
            *out = t.p;
        }
    }
    free(c);
    return rc;
}

/* A songbad_prefix_count_fn: the stem's own document frequency from
 * songbad_terms (a lower bound of its prefix's: the limit is not needed). */
static int lexeme_df(void *ctx, const char *lexeme, size_t n, size_t limit, size_t *df)
{
    (void)limit;
    pg_store *s = ctx;
    char *copy = malloc(n + 1);
    if (!copy) return SONGBAD_E_NOMEM;
    memcpy(copy, lexeme, n);
    copy[n] = '\0';
    const char *vals[1] = {copy};
    int rc = SONGBAD_OK;
    PGresult *res = pg_rows(s, "SELECT df FROM songbad_terms WHERE lexeme = $1", 1, vals,
                          "cannot read the term statistics", &rc);
    free(copy);
    *df = res && PQntuples(res) > 0 ? (size_t)pg_num(res, 0, 0) : 0;
    PQclear(res);
    return rc;
}

/* The candidates of the usual way: the matches ranked by ts_rank (of the
 * rarer clauses first on a large table, every match when they are too
 * few); *total: the number of matches. */
static PGresult *ranked_matches(pg_store *s, const songbad_search_opts *o, const pg_query *q,
                                size_t want, size_t *total, int *rc)
{
    size_t depth = want > CANDIDATES ? want : CANDIDATES;
    char depth_s[32];
    snprintf(depth_s, sizeof depth_s, "%zu", depth);
    char *from = opt_str(o->from), *to = opt_str(o->to), *source = opt_str(o->source);
    char *pruned = NULL;
    *rc = pruned_tsquery(s, q, o->prune_matches ? o->prune_matches : PG_PRUNE_MATCHES,
                         !o->prune_matches, &pruned);
    const char *vals[6] = {pruned ? pruned : q->tsq, q->source_tsq, from, to, source, depth_s};
    pg_buf sql = {0};
    if (!*rc) *rc = candidates_sql(s, &sql);
    PGresult *cands = *rc ? NULL : pg_rows(s, sql.p, 6, vals, "search failed", rc);
    if (cands && pruned && (size_t)PQntuples(cands) < want) {
        PQclear(cands);
        vals[0] = q->tsq;
        cands = pg_rows(s, sql.p, 6, vals, "search failed", rc);
    }
    free(pruned);
    free(sql.p);
    free(from);
    free(to);
    free(source);
    if (cands && PQntuples(cands)) *total = (size_t)atoll(PQgetvalue(cands, 0, 11));
    return cands;
}

/* The candidates the term lists give (pg_best_candidates), as rows like
 * ranked_matches' (ts_rank and the count left 0); NULL with *rc
 * SONGBAD_DONE when the lists do not apply. */
static PGresult *listed_matches(pg_store *s, const songbad_search_opts *o, const pg_query *q,
                                size_t want, pg_best *b, size_t *total, int *rc)
{
    *rc = SONGBAD_DONE;
    if (o->from.len || o->to.len || o->source.len || q->source_tsq || q->excluded) return NULL;
    /* plain words (optional clauses) and "phrases" (required) only */
    int phrases = 0;
    for (size_t p = 0; p < q->nph; p++) {
        if (q->ph[p].field) return NULL;
        phrases += q->ph[p].required;
    }
    if (!q->nopt && !phrases) return NULL;
    size_t limit = o->prune_matches ? o->prune_matches : PG_PRUNE_MATCHES * PG_PRUNE_MIN_SHARE;
    size_t keep = 3 * want > PG_BEST_RANKED ? 3 * want : PG_BEST_RANKED;
    *rc = pg_best_candidates(s, q, limit, keep, want, b);
    if (*rc) return NULL;
    pg_buf seqs = {0};
    pg_buf_add(&seqs, "{", 1);
    for (size_t i = 0; i < b->n; i++) pg_buf_array_num(&seqs, b->seq[i]);
    pg_buf_add(&seqs, "}", 1);
    if (seqs.oom) {
        *rc = SONGBAD_E_NOMEM;
        return NULL;
    }
    const char *vals[1] = {seqs.p};
    PGresult *cands = pg_rows(s,
                              "SELECT id, seq, headline, date, source, url, 0,"
                              " len_headline, len_lead, len_body, len_captions, 0"
                              " FROM articles WHERE seq = ANY($1::bigint[])",
                              1, vals, "search failed", rc);
    free(seqs.p);
    *total = b->matches;
    return cands;
}

int pg_search(store *st, const songbad_search_opts *o, songbad_hit_fn fn, void *ctx,
              size_t *total)
{
    pg_store *s = (pg_store *)st;
    s->errmsg[0] = '\0';
    if (total) *total = 0;
    pg_query q;
    songbad_query_plan_set_prefix_count(s->plan, lexeme_df, s);
    int rc = pg_query_compile(s->plan, o->query.ptr ? o->query.ptr : "", o->query.len, &q);
    if (rc == SONGBAD_E_QUERY) {
        snprintf(s->errmsg, sizeof s->errmsg, "%s", q.error);
        return rc;
    }
    if (rc) return rc;
    size_t limit = o->limit ? o->limit : 10, want = o->offset + limit, matches = 0;
    /* common words on a large table: from the term lists; otherwise the
       matches ts_rank puts first */
    pg_best best;
    memset(&best, 0, sizeof best);
    PGresult *cands = listed_matches(s, o, &q, want, &best, &matches, &rc);
    if (rc == SONGBAD_DONE) cands = ranked_matches(s, o, &q, want, &matches, &rc);
    size_t n = cands ? (size_t)PQntuples(cands) : 0;
    if (total) *total = matches;
    cand *c = n ? calloc(n, sizeof *c) : NULL;
    if (n && !c) rc = SONGBAD_E_NOMEM;
    ranker r;
    memset(&r, 0, sizeof r);
    r.q = &q;
    if (!rc && n) rc = ranker_alloc(&r);
    if (!rc && n) rc = load_corpus(s, &r);
    if (!rc && n && best.idf) memcpy(r.idf, best.idf, q.nph * sizeof *r.idf);
    else if (!rc && n) rc = load_idf(s, &r);
    if (!rc && n) rc = ranker_start(&r);
    if (!rc && n) rc = rerank(s, &r, cands, c, n);
    if (!rc) {
        size_t end = n < want ? n : want;
        rc = report(s, o, cands, c, o->offset < end ? o->offset : end, end, fn, ctx);
    }
    if (rc == SONGBAD_E_NOMEM && !s->errmsg[0]) snprintf(s->errmsg, sizeof s->errmsg, "out of memory");
    free(c);
    ranker_free(&r);
    pg_best_free(&best);
    PQclear(cands);
    pg_query_free(&q);
    return rc;
}
