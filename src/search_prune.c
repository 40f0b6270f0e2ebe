/*
 * search_prune.c - keeping searches fast on a large index.
 *
 * A query of plain words matches every article with any of them, and every
 * match is ranked. On a million articles three common words match hundreds
 * of thousands. But an article the ranking puts first holds the query's
 * rarer words (they weigh the most), so when the matches would be many,
 * only the articles with at least one of the rarer clauses are ranked: the
 * clauses are taken from the rarest up while their article counts add up
 * to at most the limit (songbad_search_opts.prune_matches); when every
 * clause is over the limit, the articles with both of the two rarest. A
 * clause's articles are counted only up to the limit, which costs the same
 * on any size of index (past it, the count is estimated from how far into
 * the table it got, which is enough to order common clauses). The others
 * still count in the score of the articles ranked. The caller runs the
 * full query when the pruned one finds too few articles. (Elasticsearch's
 * common-terms query works the same way.)
 */
#include "songbad_int.h"

#include "sqlite_api.h"
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>


static int by_df(const void *a, const void *b)
{
    const songbad_clause_count *x = a, *y = b;
    if (x->df != y->df) return x->df < y->df ? -1 : 1;
    return x->clause < y->clause ? -1 : x->clause > y->clause;
}

static int by_clause(const void *a, const void *b)
{
    const songbad_clause_count *x = a, *y = b;
    return x->clause < y->clause ? -1 : x->clause > y->clause;
}

size_t songbad_prune_clauses(songbad_clause_count *c, size_t n, double limit, int *both)
{
    *both = 0;
    double total = 0;
    int all_over = 1;
    for (size_t i = 0; i < n; i++) {
        total += c[i].df;
        if (c[i].df <= limit) all_over = 0;
    }
    if (n < 2 || total <= limit) return 0;
    qsort(c, n, sizeof *c, by_df);
    size_t k = 1;
    double kept = c[0].df;
    while (k < n && kept + c[k].df <= limit) kept += c[k++].df;
    if (all_over && n > 2) k = 2;
    if (k == n) return 0;
    *both = all_over && n > 2;
    qsort(c, k, sizeof *c, by_clause); /* back in query order, as the phrases stand */
    return k;
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
 * limit + 1 of them, and the rowid of the last one read (0 for none). */
static int count_match_upto_at(songbad_db *db, const char *expr, size_t len, size_t limit,
                               size_t *count, sqlite3_int64 *last)
{
    sqlite3_stmt *st = NULL;
    int rc = SONGBAD_OK;
    if (sqlite3_prepare_v2(db->sql,
                           "SELECT count(*), coalesce(max(r), 0) FROM"
                           " (SELECT rowid AS r FROM fts WHERE fts MATCH ?1 LIMIT ?2)",
                           -1, &st, NULL) != SQLITE_OK) {
        rc = songbad_db_sqlite_error(db, "cannot read term statistics");
    } else {
        sqlite3_bind_text64(st, 1, expr, len, SQLITE_STATIC, SQLITE_UTF8);
        sqlite3_bind_int64(st, 2, limit < INT64_MAX ? (sqlite3_int64)limit + 1 : INT64_MAX);
        if (sqlite3_step(st) == SQLITE_ROW) {
            *count = (size_t)sqlite3_column_int64(st, 0);
            *last = sqlite3_column_int64(st, 1);
        } else {
            rc = songbad_db_sqlite_error(db, "cannot read term statistics");
        }
    }
    sqlite3_finalize(st);
    return rc;
}

static int count_match_upto(songbad_db *db, const char *expr, size_t len, size_t limit,
                            size_t *count)
{
    sqlite3_int64 last;
    return count_match_upto_at(db, expr, len, limit, count, &last);
}

/* With term lists (index_best.c) up to date, the sum of the stored article
 * counts of the listed terms that begin with term (an article holding two
 * of them counts twice; the unlisted ones, each in fewer articles than the
 * lists' threshold, are left out), at most the number of articles; 0 = no
 * lists or not up to date, -1 for an error. */
static int listed_prefix_count(songbad_db *db, const char *term, size_t n, size_t *count)
{
    char end[256];
    if (n == 0 || n > sizeof end) return 0; /* then FTS5 counts it */
    memcpy(end, term, n);
    /* the first string after every one beginning with term: UTF-8 never
       ends a character with 0xFF, so the last byte can go one up */
    end[n - 1] = (char)((unsigned char)end[n - 1] + 1);
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db->sql,
                           "SELECT min((SELECT coalesce(sum(df), 0) FROM term_best"
                           "            WHERE term >= ?1 AND term < ?2),"
                           "           (SELECT coalesce(max(rowid), 0) FROM articles))"
                           " WHERE (SELECT CAST(value AS INTEGER) FROM meta"
                           "        WHERE key = 'best_upto') ="
                           " (SELECT coalesce(max(rowid), 0) FROM articles)",
                           -1, &st, NULL) != SQLITE_OK)
        return 0; /* no lists */
    sqlite3_bind_text(st, 1, term, (int)n, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, end, (int)n, SQLITE_STATIC);
    int step = sqlite3_step(st), found = 0;
    if (step == SQLITE_ROW) {
        *count = (size_t)sqlite3_column_int64(st, 0);
        found = 1;
    } else if (step != SQLITE_DONE) {
        found = -1;
    }
    sqlite3_finalize(st);
    return found;
}

int songbad_search_count_prefix_upto(void *ctx, const char *term, size_t n, size_t limit,
                                     size_t *count)
{
    songbad_db *db = ctx;
    /* with term lists, their counts decide: no need to merge the articles
       of every term under the prefix */
    int listed = listed_prefix_count(db, term, n, count);
    if (listed < 0) return songbad_db_sqlite_error(db, "cannot read the term lists");
    if (listed) {
        if (*count > limit) *count = limit + 1;
        return SONGBAD_OK;
    }
    /* without them, the stem's own articles stand in: counting the prefix
       would merge it, as the query then does again */
    size_t q;
    char *quoted = songbad_fts5_quote(&db->alloc, term, n, &q);
    if (!quoted) return SONGBAD_E_NOMEM;
    int rc = count_match_upto(db, quoted, q, limit, count);
    songbad_alloc_free(&db->alloc, quoted);
    return rc;
}

/* The largest rowid of the articles: their number, as rowids come. */
static int max_rowid(songbad_db *db, sqlite3_int64 *rows)
{
    sqlite3_stmt *st = NULL;
    int rc = SONGBAD_OK;
    if (sqlite3_prepare_v2(db->sql, "SELECT coalesce(max(rowid), 0) FROM articles", -1, &st,
                           NULL) != SQLITE_OK ||
        sqlite3_step(st) != SQLITE_ROW)
        rc = songbad_db_sqlite_error(db, "cannot read term statistics");
    else
        *rows = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return rc;
}

int songbad_search_prune(songbad_db *db, size_t limit, char **match, size_t *match_cap,
                         char **weights, size_t *weights_cap)
{
    const songbad_query *q = db->query;
    size_t n = songbad_query_ngroups(q);
    if (n < 2 || limit == SIZE_MAX) return SONGBAD_DONE;
    double cap = (double)limit;
    songbad_clause_count *c = songbad_alloc_realloc(&db->alloc, NULL, n * sizeof *c);
    if (!c) return SONGBAD_E_NOMEM;
    /* each clause's articles, counted up to the limit only: what the
     * choice needs, at a cost that does not grow with the index; past the
     * limit, estimated from how far into the table (rowids are given in
     * insertion order) the count got, to tell the rarer of common clauses */
    sqlite3_int64 rows = 0;
    int rc = max_rowid(db, &rows), both = 0;
    for (size_t i = 0; !rc && i < n; i++) {
        const char *expr, *terms;
        songbad_query_group(q, i, &expr, &terms);
        size_t count = 0;
        sqlite3_int64 last = 0;
        rc = count_match_upto_at(db, expr, strlen(expr), limit, &count, &last);
        c[i].clause = i;
        c[i].df = (double)count;
        if (c[i].df > cap && last > 0 && rows > last) c[i].df *= (double)rows / (double)last;
    }
    size_t keep = rc ? 0 : songbad_prune_clauses(c, n, cap, &both);
    if (rc || keep == 0) {
        songbad_alloc_free(&db->alloc, c);
        return rc ? rc : SONGBAD_DONE;
    }
    size_t ml = 0, wl = 0;
    rc = put(&db->alloc, match, &ml, match_cap, "(", 1);
    for (size_t i = 0; !rc && i < keep; i++) {
        const char *expr, *terms;
        const query_group *g = songbad_query_group(q, c[i].clause, &expr, &terms);
        if (i) rc = put(&db->alloc, match, &ml, match_cap, both ? ") AND (" : " OR ", both ? 7 : 4);
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
