/* backend_pg.h - the PostgreSQL store's internals, shared by backend_pg.c
 * (connection, schema, show, stats), backend_pg_add.c (ingest) and
 * backend_pg_search.c (search). The schema is in docs/postgres.md. */
#ifndef SONGBAD_CLI_BACKEND_PG_H
#define SONGBAD_CLI_BACKEND_PG_H

#include "store_backend.h"

#include "lazy_pq.h"
#include <stddef.h>
#include <stdint.h>

/* Lexeme -> count: document frequencies not yet written (flushed at commit). */
/* A growable string, always NUL-terminated; oom is set, and further adds
 * do nothing, once an allocation fails. Free p when done. */
typedef struct pg_buf {
    char *p;
    size_t n, cap;
    int oom;
} pg_buf;
void pg_buf_add(pg_buf *b, const char *s, size_t n);
void pg_buf_str(pg_buf *b, const char *s);
/* Appends v to an array literal being written ("{" so far, or "{1,2"). */
void pg_buf_array_num(pg_buf *b, long long v);
/* Column c of a result row, borrowed from res; {NULL, 0} when NULL. */
songbad_str pg_col(const PGresult *res, int row, int c);

typedef struct pg_df_map {
    char **keys;
    long long *vals;
    size_t cap, n;
} pg_df_map;

typedef struct pg_store {
    store base;
    PGconn *conn;
    char target[128];   /* the URL with any password left out, for messages */
    char errmsg[SONGBAD_ERR_LEN];
    int readonly, in_txn;
    int wrote;          /* articles were added: ANALYZE at close */
    PGresult *held;     /* the result borrowed strings point into */
    PGresult *parts;    /* the partitions of a partitioned `articles`
                           (loaded by the first search) */
    songbad_analyzer *an;
    songbad_query_plan *plan; /* the query being searched for */
    songbad_normalizer *norm;
    unsigned prepared;  /* the ingest statements prepared so far (bits) */
    pg_df_map df;       /* pending document-frequency deltas */
    long long pending[5]; /* pending deltas: articles, then tokens of headline,
                             lead, body, captions */
} pg_store;

/* Field weights of the tsvector: headline A, lead B, captions C, body D. */
enum { PG_HEADLINE, PG_LEAD, PG_CAPTIONS, PG_BODY, PG_FIELDS };

/* Sets the message; returns code. */
int pg_fail(pg_store *s, int code, const char *what, const PGresult *res);
/* Keeps res as the holder of borrowed strings (the previous one is freed). */
void pg_hold(pg_store *s, PGresult *res);
/* Runs sql (no parameters) and checks for success. */
int pg_exec(pg_store *s, const char *sql, const char *what);
/* Runs one statement that returns no rows, with text parameters. */
int pg_command(pg_store *s, const char *sql, int n, const char *const *vals, const char *what);

int pg_add_article(store *st, const songbad_article *a, unsigned flags,
                   songbad_add_status *status);
/* Writes the pending document frequencies and corpus sizes. */
int pg_flush_df(pg_store *s);
void pg_df_free(pg_df_map *m);

/* A compiled query (backend_pg_query.c). Each phrase is one thing the
 * ranking counts: a lexeme, a lexeme prefix or the words of a "phrase". */
typedef struct pg_phrase {
    char **words;  /* one lexeme, or a phrase's words in order */
    size_t nwords;
    int prefix;    /* the lexeme is a prefix */
    double weight; /* exact form 1, stem 1, key 0.35, ... (src/query_plan.c) */
    int group;     /* the query word it stands for, -1 for none */
    char field;    /* 0: any field; 'A'..'D': that field only */
    int required;  /* a "quoted phrase": every match holds it */
} pg_phrase;

typedef struct pg_query {
    pg_phrase *ph;
    size_t nph, cap;
    int ngroup;      /* query words */
    int question;    /* ranked without the early-words factor */
    int excluded;    /* has -word or -source: clauses */
    char *tsq;       /* the tsquery text; NULL when only source: clauses */
    char *source_tsq;/* source: clauses, for the source_tsv column */
    /* A query of optional clauses only: each clause's tsquery and the
     * query words it holds ([opt_words[2i], opt_words[2i+1]) of
     * pg_phrase.group), so that a search on a large table can rank only
     * the articles with its rarer clauses (pg_search, as
     * src/search_prune.c) */
    char **opt;
    int *opt_words;
    size_t nopt;
    char error[160];
} pg_query;

/* Compiles the query text into plan (which then gives the snippets) and
 * writes it into q. SONGBAD_OK, SONGBAD_E_QUERY (q->error says why),
 * SONGBAD_E_NOMEM or the error of the plan's prefix count. */
int pg_query_compile(songbad_query_plan *plan, const char *text, size_t len, pg_query *q);
void pg_query_free(pg_query *q);

int pg_search(store *st, const songbad_search_opts *o, songbad_hit_fn fn, void *ctx,
              size_t *total);

/* Runs sql with text parameters and checks that it returned rows; NULL
 * (and *rc, the message set) on failure. */
PGresult *pg_rows(pg_store *s, const char *sql, int n, const char *const *vals,
                  const char *what, int *rc);
/* Column c of a row as a number (0 when NULL). */
double pg_num(const PGresult *res, int row, int c);

/* The ranking's view of the four fields (backend_pg_search.c): columns in
 * SQLite's order (headline, lead, body, captions), their weights and
 * token limits, the column of a tsvector weight letter, and how positions
 * (which run headline, lead, captions, body with a gap between) become
 * token numbers within a field: offset = position - base[column] - 1. */
#define PG_COLUMNS 4
extern const double pg_col_weight[PG_COLUMNS];
extern const int pg_col_limit[PG_COLUMNS];
int pg_col_of(char weight);
void pg_field_base(const double len[PG_COLUMNS], int base[PG_COLUMNS]);

/* A tsvector in binary form (backend_pg_tsv.c): pg_tsv_open, then
 * pg_tsv_next gives its lexemes one by one (1), 0 at the end or
 * SONGBAD_E_DB when the bytes are not a tsvector. */
typedef struct pg_tsv_reader {
    const unsigned char *p, *end;
    uint32_t left;
} pg_tsv_reader;
typedef struct pg_tsv_lexeme {
    const char *text; /* len bytes, followed by a NUL */
    size_t len;
    const unsigned char *pos; /* npos positions: pg_tsv_position, pg_tsv_weight */
    size_t npos;
} pg_tsv_lexeme;
int pg_tsv_open(pg_tsv_reader *r, const char *data, size_t n);
/* A big-endian 32-bit integer, as binary results give them. */
uint32_t pg_be32(const char *data);
int pg_tsv_next(pg_tsv_reader *r, pg_tsv_lexeme *out);
int pg_tsv_position(const pg_tsv_lexeme *l, size_t i);
char pg_tsv_weight(const pg_tsv_lexeme *l, size_t i); /* 'A'..'D' */

/* Term lists (backend_pg_best.c): the best per_term articles of every
 * lexeme in more than per_term, for searches of common words on a large
 * table (docs/postgres.md); *terms: how many were listed. */
int pg_optimize(store *st, size_t per_term, size_t *terms);

/* What the lists give a query: the candidates to rank (seqs, best
 * estimate first), each phrase's idf and the number of matches to report. */
typedef struct pg_best {
    long long *seq;
    size_t n;
    double *idf;   /* per phrase of the query */
    size_t matches;
} pg_best;
/* Fills *b for a query of plain words and "quoted phrases" (no filters:
 * the caller checks) on a table with up-to-date lists and more than limit
 * articles whose words would match more than the lists' threshold (or
 * limit, if lower); SONGBAD_DONE when the lists do not apply, the query
 * then takes the usual way. keep: how many candidates to give at most;
 * want: the hits asked for (a phrase whose candidates hold fewer matches
 * takes the usual way). */
int pg_best_candidates(pg_store *s, const pg_query *q, size_t limit, size_t keep, size_t want,
                       pg_best *b);
void pg_best_free(pg_best *b);

#endif
