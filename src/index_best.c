/*
 * index_best.c - the best articles of each common term, for searches of
 * common words on a large index (search_best.c reads them).
 *
 * To rank the articles of a word, FTS5 reads the word's whole document
 * list: on a million articles a common word has hundreds of thousands.
 * songbad_db_optimize keeps, for every term in more than per_term articles,
 * its article count and the per_term articles where it weighs most, in the
 * table term_best: the weight is the BM25F part of songbad's ranking for that
 * term alone (its matches weighted by column and normalized by the column's
 * length, saturated), so the articles a query of common words ranks first
 * are, for each of its words, among that word's best. The lists are made
 * in one pass over the common terms' document lists and describe the
 * articles stored then (meta 'best_upto': the last rowid); articles added
 * later are searched in full (search_best.c).
 *
 * The FTS5 function songbad_term_weight(fts, floor, column weights...) gives
 * the weight of a one-term query's match in the current row; floor: NULL, or
 * a pointer (sqlite3_bind_pointer, type BEST_FLOOR) to the least weight
 * still wanted: a row whose weight with every column of length 0 (an upper
 * bound) is no more gets that bound, without the B-tree lookup of its
 * column sizes, most of the cost of a row.
 */
#include "index_fts5.h"

#include "sqlite_api.h"
#include <stdio.h>
#include <stdlib.h>

#define BEST_FLOOR "songbad_best_floor"

/* ---- songbad_term_weight ------------------------------------------------ */

typedef struct weight_data {
    songbad_scorer *scorer; /* one phrase of weight 1 and idf 1, no word */
    int ncol;
    songbad_rank_match *match;
    int cap;
} weight_data;

static void weight_data_free(void *p)
{
    weight_data *d = p;
    if (!d) return;
    songbad_scorer_free(d->scorer);
    sqlite3_free(d->match);
    sqlite3_free(d);
}

static int weight_data_get(const Fts5ExtensionApi *api, Fts5Context *fts, int nval,
                           sqlite3_value **val, weight_data **out)
{
    weight_data *d = api->xGetAuxdata(fts, 0);
    if (d) {
        *out = d;
        return SQLITE_OK;
    }
    d = sqlite3_malloc(sizeof *d);
    if (!d) return SQLITE_NOMEM;
    memset(d, 0, sizeof *d);
    d->ncol = api->xColumnCount(fts);
    if (d->ncol > SONGBAD_RANK_MAX_COLUMNS) d->ncol = SONGBAD_RANK_MAX_COLUMNS;
    double colw[SONGBAD_RANK_MAX_COLUMNS], avgdl[SONGBAD_RANK_MAX_COLUMNS];
    int limit[SONGBAD_RANK_MAX_COLUMNS];
    sqlite3_int64 nrow;
    int rc = songbad_fts5_columns(api, fts, d->ncol, nval, val, colw, avgdl, limit, &nrow);
    double one = 1.0;
    int no_word = -1;
    songbad_rank_params pr = {1, &one, &no_word, &one, d->ncol, colw, avgdl, limit};
    if (rc == SQLITE_OK && songbad_scorer_new(&pr, NULL, &d->scorer) != SONGBAD_OK)
        rc = SQLITE_NOMEM;
    if (rc == SQLITE_OK) rc = api->xSetAuxdata(fts, d, weight_data_free);
    else weight_data_free(d);
    if (rc == SQLITE_OK) *out = d;
    return rc;
}

static void term_weight_fn(const Fts5ExtensionApi *api, Fts5Context *fts,
                           sqlite3_context *ctx, int nval, sqlite3_value **val)
{
    const double *floor = nval > 0 ? sqlite3_value_pointer(val[0], BEST_FLOOR) : NULL;
    weight_data *d;
    int rc = weight_data_get(api, fts, nval > 0 ? nval - 1 : 0, val + (nval > 0), &d), ninst = 0;
    if (rc == SQLITE_OK) rc = songbad_fts5_matches(api, fts, &d->match, &d->cap, &ninst);
    for (int i = 0; rc == SQLITE_OK && i < ninst; i++)
        d->match[i].phrase = 0; /* every phrase is the one term */
    if (rc == SQLITE_OK && floor) {
        double bound = songbad_scorer_score(d->scorer, d->match, (size_t)ninst, NULL);
        if (bound <= *floor) {
            sqlite3_result_double(ctx, bound); /* not among the best: passed over */
            return;
        }
    }
    double len[SONGBAD_RANK_MAX_COLUMNS];
    for (int c = 0; rc == SQLITE_OK && c < d->ncol; c++) {
        int n = 0;
        rc = api->xColumnSize(fts, c, &n);
        len[c] = n;
    }
    if (rc != SQLITE_OK) {
        sqlite3_result_error_code(ctx, rc);
        return;
    }
    sqlite3_result_double(ctx, songbad_scorer_score(d->scorer, d->match, (size_t)ninst, len));
}

/* songbad_index_sizes(fts): "ROWS T1 T2 ..." the index's row count and each
 * column's total of tokens, for rank_text.c to compute what songbad_rank
 * reads from FTS5. */
static void index_sizes_fn(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx,
                           int nval, sqlite3_value **val)
{
    SONGBAD_UNUSED(nval);
    SONGBAD_UNUSED(val);
    char out[32 * (SONGBAD_RANK_MAX_COLUMNS + 1)];
    sqlite3_int64 n = 0;
    int rc = api->xRowCount(fts, &n), len = snprintf(out, sizeof out, "%lld", (long long)n);
    int ncol = api->xColumnCount(fts);
    for (int c = 0; rc == SQLITE_OK && c < ncol && c < SONGBAD_RANK_MAX_COLUMNS; c++) {
        rc = api->xColumnTotalSize(fts, c, &n);
        len += snprintf(out + len, sizeof out - (size_t)len, " %lld", (long long)n);
    }
    if (rc != SQLITE_OK) sqlite3_result_error_code(ctx, rc);
    else sqlite3_result_text(ctx, out, len, SQLITE_TRANSIENT);
}

int songbad_fts5_register_best(fts5_api *api)
{
    int rc = api->xCreateFunction(api, "songbad_term_weight", NULL, term_weight_fn, NULL);
    if (rc == SQLITE_OK)
        rc = api->xCreateFunction(api, "songbad_index_sizes", NULL, index_sizes_fn, NULL);
    return rc;
}

/* ---- songbad_db_optimize ------------------------------------------------ */

typedef struct scored {
    sqlite3_int64 rowid;
    double weight;
} scored;

/* Keeps the best n of the weights offered in a min-heap h (*len of them). */
static void heap_offer(scored *h, size_t *len, size_t n, scored v)
{
    size_t i;
    if (*len < n) {
        for (i = (*len)++; i > 0 && h[(i - 1) / 2].weight > v.weight; i = (i - 1) / 2)
            h[i] = h[(i - 1) / 2];
        h[i] = v;
        return;
    }
    if (v.weight <= h[0].weight) return;
    for (i = 0;;) {
        size_t c = 2 * i + 1;
        if (c >= *len) break;
        if (c + 1 < *len && h[c + 1].weight < h[c].weight) c++;
        if (h[c].weight >= v.weight) break;
        h[i] = h[c];
        i = c;
    }
    h[i] = v;
}

static int by_rowid(const void *a, const void *b)
{
    const scored *x = a, *y = b;
    return x->rowid < y->rowid ? -1 : x->rowid > y->rowid;
}

/* The rowids in ascending order, each as the varint of its difference from
 * the one before (the first from 0): about two bytes an article. */
static size_t encode_rowids(const scored *s, size_t n, unsigned char *out)
{
    size_t len = 0;
    sqlite3_int64 prev = 0;
    for (size_t i = 0; i < n; i++) {
        uint64_t d = (uint64_t)(s[i].rowid - prev);
        prev = s[i].rowid;
        do {
            unsigned char b = d & 0x7F;
            d >>= 7;
            out[len++] = b | (d ? 0x80 : 0);
        } while (d);
    }
    return len;
}

size_t songbad_best_decode(const unsigned char *p, size_t n, long long *out, size_t cap)
{
    size_t count = 0, i = 0;
    uint64_t prev = 0;
    while (i < n && count < cap) {
        uint64_t d = 0;
        for (int shift = 0; i < n && shift < 64; shift += 7) {
            unsigned char b = p[i++];
            d |= (uint64_t)(b & 0x7F) << shift;
            if (!(b & 0x80)) break;
        }
        prev += d;
        out[count++] = (long long)prev;
    }
    return count;
}

char *songbad_fts5_quote(const songbad_allocator *a, const char *t, size_t n, size_t *len)
{
    char *q = songbad_alloc_realloc(a, NULL, 2 * n + 3);
    if (!q) return NULL;
    size_t k = 0;
    q[k++] = '"';
    for (size_t i = 0; i < n; i++) {
        if (t[i] == '"') q[k++] = '"';
        q[k++] = t[i];
    }
    q[k++] = '"';
    q[k] = '\0';
    if (len) *len = k;
    return q;
}

typedef struct best_build {
    songbad_db *db;
    size_t per_term, stored;
    sqlite3_stmt *rows, *put;
    double floor;  /* the least weight in a full heap, else -1 */
    scored *heap;
    unsigned char *blob;
} best_build;

/* Ranks the articles of one term and stores its best; a term the query
 * syntax reads differently (the count disagrees) is left out. */
static int build_term(best_build *b, const char *term, size_t n, sqlite3_int64 df)
{
    char *q = songbad_fts5_quote(&b->db->alloc, term, n, NULL);
    if (!q) return SONGBAD_E_NOMEM;
    sqlite3_reset(b->rows);
    sqlite3_bind_text(b->rows, 1, q, -1, SQLITE_STATIC);
    sqlite3_bind_pointer(b->rows, 2, &b->floor, BEST_FLOOR, NULL);
    size_t len = 0;
    sqlite3_int64 seen = 0;
    int step;
    b->floor = -1;
    while ((step = sqlite3_step(b->rows)) == SQLITE_ROW) {
        scored v = {sqlite3_column_int64(b->rows, 0), sqlite3_column_double(b->rows, 1)};
        heap_offer(b->heap, &len, b->per_term, v);
        if (len == b->per_term) b->floor = b->heap[0].weight;
        seen++;
    }
    sqlite3_reset(b->rows);
    songbad_alloc_free(&b->db->alloc, q);
    if (step == SQLITE_ERROR) return SONGBAD_DONE; /* not a term the query syntax reads */
    if (step != SQLITE_DONE) return songbad_db_sqlite_error(b->db, "cannot read a term's articles");
    if (seen != df) return SONGBAD_OK;
    qsort(b->heap, len, sizeof *b->heap, by_rowid);
    size_t blen = encode_rowids(b->heap, len, b->blob);
    sqlite3_reset(b->put);
    sqlite3_bind_text(b->put, 1, term, (int)n, SQLITE_STATIC);
    sqlite3_bind_int64(b->put, 2, df);
    sqlite3_bind_blob(b->put, 3, b->blob, (int)blen, SQLITE_STATIC);
    int rc = SONGBAD_OK;
    if (sqlite3_step(b->put) != SQLITE_DONE)
        rc = songbad_db_sqlite_error(b->db, "cannot store a term's best articles");
    sqlite3_reset(b->put);
    b->stored += rc == SONGBAD_OK;
    return rc;
}

static int exec(songbad_db *db, const char *sql, const char *what)
{
    return sqlite3_exec(db->sql, sql, NULL, NULL, NULL) == SQLITE_OK
               ? SONGBAD_OK
               : songbad_db_sqlite_error(db, what);
}

int songbad_db_optimize(songbad_db *db, size_t per_term, size_t *terms)
{
    if (!db) return SONGBAD_E_INVAL;
    db->errmsg[0] = '\0';
    if (terms) *terms = 0;
    if (db->readonly) {
        songbad_db_set_error(db, "the database is open read-only");
        return SONGBAD_E_INVAL;
    }
    if (!per_term) per_term = SONGBAD_BEST_PER_TERM;
    if (per_term > 1000000) {
        songbad_db_set_error(db, "at most 1000000 articles a term");
        return SONGBAD_E_INVAL;
    }
    best_build b = {db, per_term, 0, NULL, NULL, -1, NULL, NULL};
    b.heap = songbad_alloc_realloc(&db->alloc, NULL, per_term * sizeof *b.heap);
    b.blob = songbad_alloc_realloc(&db->alloc, NULL, per_term * 10);
    if (!b.heap || !b.blob) {
        songbad_alloc_free(&db->alloc, b.heap);
        songbad_alloc_free(&db->alloc, b.blob);
        return SONGBAD_E_NOMEM;
    }
    sqlite3_stmt *vocab = NULL;
    int rc = exec(db, "BEGIN IMMEDIATE", "cannot start the optimization");
    int began = rc == SONGBAD_OK;
    if (!rc) rc = exec(db,
                       "CREATE TABLE IF NOT EXISTS term_best(term TEXT PRIMARY KEY,"
                       " df INTEGER NOT NULL, rowids BLOB NOT NULL) WITHOUT ROWID;"
                       "DELETE FROM term_best;"
                       "CREATE VIRTUAL TABLE IF NOT EXISTS temp.songbad_vocab"
                       " USING fts5vocab(main, 'fts', 'row');"
                       "INSERT OR REPLACE INTO meta VALUES('best_upto',"
                       " (SELECT coalesce(max(rowid), 0) FROM articles));",
                       "cannot prepare the term lists");
    if (!rc) {
        char sql[64];
        snprintf(sql, sizeof sql, "INSERT OR REPLACE INTO meta VALUES('best_per_term','%zu')",
                 per_term);
        rc = exec(db, sql, "cannot prepare the term lists");
    }
    if (!rc && (sqlite3_prepare_v2(db->sql,
                                   "SELECT term, doc FROM temp.songbad_vocab WHERE doc > ?1",
                                   -1, &vocab, NULL) != SQLITE_OK ||
                sqlite3_prepare_v2(db->sql,
                                   "SELECT rowid, songbad_term_weight(fts, ?2, " SONGBAD_COLUMN_WEIGHTS_SQL
                                   ") FROM fts WHERE fts MATCH ?1",
                                   -1, &b.rows, NULL) != SQLITE_OK ||
                sqlite3_prepare_v2(db->sql, "INSERT INTO term_best VALUES(?1, ?2, ?3)", -1,
                                   &b.put, NULL) != SQLITE_OK))
        rc = songbad_db_sqlite_error(db, "cannot prepare the term lists");
    if (!rc) sqlite3_bind_int64(vocab, 1, (sqlite3_int64)per_term);
    int step = SQLITE_DONE;
    while (!rc && (step = sqlite3_step(vocab)) == SQLITE_ROW) {
        const char *t = (const char *)sqlite3_column_text(vocab, 0);
        size_t n = (size_t)sqlite3_column_bytes(vocab, 0);
        int r = build_term(&b, t ? t : "", n, sqlite3_column_int64(vocab, 1));
        if (r == SONGBAD_DONE) continue;
        rc = r;
    }
    if (!rc && step != SQLITE_DONE) rc = songbad_db_sqlite_error(db, "cannot read the terms");
    sqlite3_finalize(vocab);
    sqlite3_finalize(b.rows);
    sqlite3_finalize(b.put);
    if (!rc) rc = exec(db, "DROP TABLE temp.songbad_vocab; COMMIT", "cannot store the term lists");
    else if (began) sqlite3_exec(db->sql, "ROLLBACK", NULL, NULL, NULL);
    songbad_alloc_free(&db->alloc, b.heap);
    songbad_alloc_free(&db->alloc, b.blob);
    if (!rc && terms) *terms = b.stored;
    return rc;
}
