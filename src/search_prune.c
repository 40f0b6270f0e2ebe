/*
 * search_prune.c - keeping searches fast on a large index.
 *
 * A query of plain words matches every article with any of them, and every
 * match is ranked. On a million articles three common words match hundreds
 * of thousands. But an article the ranking puts first holds the query's
 * rarer words (they weigh the most), so when the matches would be many,
 * only the articles with at least one of the rarer clauses are ranked: the
 * clauses are taken from the rarest up while their article counts add up
 * to at most the limit (songbad_search_opts.prune_matches). A clause's
 * articles are counted only up to the limit, which is all the choice needs
 * and costs the same on any size of index. The others still count in the
 * score of the articles ranked. The caller runs the full query when the
 * pruned one finds too few articles. (Elasticsearch's common-terms query
 * works the same way.)
 */
#include "songbad_int.h"

#include "sqlite_api.h"
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>


/* The number of articles whose text holds term t[0..n); for a prefix term
 * (with its '*'), at most the sum over the terms it stands for. */
static int doc_frequency(songbad_db *db, sqlite3_stmt *const st[2], const char *t, size_t n,
                         double *df)
{
    int prefix = n && t[n - 1] == '*';
    sqlite3_stmt *s = st[prefix];
    sqlite3_reset(s);
    sqlite3_bind_text64(s, 1, t, prefix ? n - 1 : n, SQLITE_STATIC, SQLITE_UTF8);
    int step = sqlite3_step(s);
    *df = step == SQLITE_ROW ? sqlite3_column_double(s, 0) : 0;
    if (step != SQLITE_ROW && step != SQLITE_DONE)
        return songbad_db_sqlite_error(db, "cannot read term statistics");
    return SONGBAD_OK;
}

typedef struct clause_df {
    size_t index;
    double df;
} clause_df;

static int by_df(const void *a, const void *b)
{
    const clause_df *x = a, *y = b;
    if (x->df != y->df) return x->df < y->df ? -1 : 1;
    return x->index < y->index ? -1 : x->index > y->index;
}

/* Appends s (n bytes) to the buffer *p of length *len; 0 or NOMEM. */
static int put(const songbad_allocator *a, char **p, size_t *len, size_t *cap,
               const char *s, size_t n)
{
    if (songbad_grow(a, (void **)p, cap, *len + n + 1, 1)) return SONGBAD_E_NOMEM;
    memcpy(*p + *len, s, n);
    *len += n;
    (*p)[*len] = '\0';
    return SONGBAD_OK;
}

/* The number of articles an FTS5 expression matches, reading at most
 * limit + 1 of them. */
static int count_match_upto(songbad_db *db, const char *expr, size_t len, size_t limit,
                            size_t *count)
{
    sqlite3_stmt *st = NULL;
    int rc = SONGBAD_OK;
    if (sqlite3_prepare_v2(db->sql,
                           "SELECT count(*) FROM (SELECT 1 FROM fts WHERE fts MATCH ?1 LIMIT ?2)",
                           -1, &st, NULL) != SQLITE_OK) {
        rc = songbad_db_sqlite_error(db, "cannot read term statistics");
    } else {
        sqlite3_bind_text64(st, 1, expr, len, SQLITE_STATIC, SQLITE_UTF8);
        sqlite3_bind_int64(st, 2, limit < INT64_MAX ? (sqlite3_int64)limit + 1 : INT64_MAX);
        if (sqlite3_step(st) == SQLITE_ROW) *count = (size_t)sqlite3_column_int64(st, 0);
        else rc = songbad_db_sqlite_error(db, "cannot read term statistics");
    }
    sqlite3_finalize(st);
    return rc;
}

int songbad_search_count_upto(void *ctx, const char *term, size_t n, size_t limit,
                              size_t *count)
{
    songbad_db *db = ctx;
    /* the term as an FTS5 string */
    char *quoted = songbad_alloc_realloc(&db->alloc, NULL, 2 * n + 3);
    if (!quoted) return SONGBAD_E_NOMEM;
    size_t q = 0;
    quoted[q++] = '"';
    for (size_t i = 0; i < n; i++) {
        if (term[i] == '"') quoted[q++] = '"';
        quoted[q++] = term[i];
    }
    quoted[q++] = '"';
    int rc = count_match_upto(db, quoted, q, limit, count);
    songbad_alloc_free(&db->alloc, quoted);
    return rc;
}

static int prepare(songbad_db *db, sqlite3_stmt *st[2])
{
    /* the vocabulary of the index, a view over it kept by the connection */
    if (sqlite3_exec(db->sql,
                     "CREATE VIRTUAL TABLE IF NOT EXISTS temp.songbad_vocab"
                     " USING fts5vocab(main, fts, row)",
                     NULL, NULL, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db->sql, "SELECT doc FROM temp.songbad_vocab WHERE term = ?1",
                           -1, &st[0], NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db->sql,
                           "SELECT coalesce(sum(doc), 0) FROM temp.songbad_vocab"
                           /* up to the prefix and a byte no UTF-8 text has */
                           " WHERE term >= ?1 AND term < ?1 || x'ff'",
                           -1, &st[1], NULL) != SQLITE_OK)
        return songbad_db_sqlite_error(db, "cannot read term statistics");
    return SONGBAD_OK;
}

/* When every clause is over the limit, only the rarest will be kept: the
 * document frequencies of the index's vocabulary tell which (a scan of
 * each term's documents, so only then). */
static int order_common_clauses(songbad_db *db, clause_df *c, size_t n)
{
    const songbad_query *q = db->query;
    sqlite3_stmt *st[2] = {NULL, NULL};
    int rc = prepare(db, st);
    for (size_t i = 0; !rc && i < n; i++) {
        const char *expr, *terms;
        const query_group *g = songbad_query_group(q, c[i].index, &expr, &terms);
        /* the clause's articles: at most the sum over its terms */
        double sum = 0;
        for (size_t at = 0; !rc && at < g->terms_end - g->terms_at;) {
            size_t len = strlen(terms + at);
            double df = 0;
            rc = doc_frequency(db, st, terms + at, len, &df);
            sum += df;
            at += len + 1;
        }
        c[i].df = sum;
    }
    sqlite3_finalize(st[0]);
    sqlite3_finalize(st[1]);
    return rc;
}

int songbad_search_prune(songbad_db *db, size_t limit, char **match, size_t *match_cap,
                         char **weights, size_t *weights_cap)
{
    const songbad_query *q = db->query;
    size_t n = songbad_query_ngroups(q);
    if (n < 2 || limit == SIZE_MAX) return SONGBAD_DONE;
    double cap = (double)limit;
    clause_df *c = songbad_alloc_realloc(&db->alloc, NULL, n * sizeof *c);
    if (!c) return SONGBAD_E_NOMEM;
    /* each clause's articles, counted up to the limit only: what the
     * choice below needs, at a cost that does not grow with the index */
    int rc = SONGBAD_OK, all_over = 1;
    double total = 0;
    for (size_t i = 0; !rc && i < n; i++) {
        const char *expr, *terms;
        songbad_query_group(q, i, &expr, &terms);
        size_t count = 0;
        rc = count_match_upto(db, expr, strlen(expr), limit, &count);
        c[i].index = i;
        c[i].df = (double)count;
        total += c[i].df;
        if (c[i].df <= cap) all_over = 0;
    }
    if (!rc && all_over) rc = order_common_clauses(db, c, n);
    if (rc || total <= cap) {
        songbad_alloc_free(&db->alloc, c);
        return rc ? rc : SONGBAD_DONE;
    }
    qsort(c, n, sizeof *c, by_df);
    size_t keep = 1;
    double kept_df = c[0].df;
    while (keep < n && kept_df + c[keep].df <= cap) kept_df += c[keep++].df;
    if (keep == n) {
        songbad_alloc_free(&db->alloc, c);
        return SONGBAD_DONE;
    }
    /* back in query order (the kept few), as the phrases will stand */
    for (size_t i = 1; i < keep; i++)
        for (size_t j = i; j > 0 && c[j - 1].index > c[j].index; j--) {
            clause_df t = c[j];
            c[j] = c[j - 1];
            c[j - 1] = t;
        }
    size_t ml = 0, wl = 0;
    rc = put(&db->alloc, match, &ml, match_cap, "(", 1);
    for (size_t i = 0; !rc && i < keep; i++) {
        const char *expr, *terms;
        const query_group *g = songbad_query_group(q, c[i].index, &expr, &terms);
        if (i) rc = put(&db->alloc, match, &ml, match_cap, " OR ", 4);
        if (!rc) rc = put(&db->alloc, match, &ml, match_cap, expr, strlen(expr));
        /* these copies of the clause only select: they weigh nothing */
        for (size_t p = 0; !rc && p < g->nphrases; p++)
            rc = put(&db->alloc, weights, &wl, weights_cap, wl ? " 0" : "0", wl ? 2 : 1);
    }
    const char *full = songbad_query_match(q), *fw = songbad_query_weights(q);
    if (!rc) rc = put(&db->alloc, match, &ml, match_cap, ") AND (", 7);
    if (!rc) rc = put(&db->alloc, match, &ml, match_cap, full, strlen(full));
    if (!rc) rc = put(&db->alloc, match, &ml, match_cap, ")", 1);
    if (!rc && *fw) rc = put(&db->alloc, weights, &wl, weights_cap, " ", 1);
    if (!rc) rc = put(&db->alloc, weights, &wl, weights_cap, fw, strlen(fw));
    songbad_alloc_free(&db->alloc, c);
    return rc;
}
