/*
 * index_rank.c - the FTS5 ranking function songbad_rank(fts, phrase_weights,
 * column weights...): the formula of rank_score.c over FTS5's matches.
 *
 *   songbad_rank(fts, '1 0.5 0.3', 3.0, 2.0, 1.0, ...)
 *
 * phrase_weights: "W[:G] ..." one weight per phrase of the query, in query
 * order (missing ones are 1), optionally with the number G of the query word
 * the phrase stands for (phrases of one word are its alternatives: exact
 * form, stem, key); a last "?" marks a question, which goes without the
 * early-words factor (query words near the start of the body: see
 * rank_score.c). Then one weight per column (missing ones are 1).
 * Columns are songbad's own: headline, lead, body, captions, source; of the
 * lead only its first SONGBAD_RANK_LEAD_TOKENS tokens count.
 * Returns a score, higher is better.
 *
 *   songbad_rank_top(fts, keep, counter, phrase_weights, column weights...)
 *
 * is the same for a query that keeps only its best `keep` rows (ORDER BY
 * the score DESC LIMIT keep): a row that cannot be among them gets a score
 * no higher than its own. Most rows of a large result are such rows, and
 * telling them costs no read of their column sizes (a B-tree lookup per
 * row, most of the cost of ranking): the score with every column of length
 * 0 is an upper bound of the true one (BM25 only gains as a column gets
 * shorter), and a row whose bound is below the keep-th best exact score
 * seen so far is passed over with its bound. counter: NULL, or a pointer
 * bound with sqlite3_bind_pointer(..., SONGBAD_RANK_COUNTER, NULL) to an
 * sqlite3_int64 that counts the rows ranked, every match of the query.
 */
#include "index_fts5.h"

#include <math.h>
#include "sqlite_api.h"
#include <stdlib.h>


typedef struct rank_data {
    songbad_scorer *scorer;
    int ncol;
    songbad_rank_match *match; /* scratch: the matches of the current row */
    int cap;
    /* songbad_rank_top: a min-heap of the best `keep` exact scores */
    double *best;
    int keep, nbest;
} rank_data;

static void rank_data_free(void *p)
{
    rank_data *d = p;
    if (!d) return;
    songbad_scorer_free(d->scorer);
    sqlite3_free(d->match);
    sqlite3_free(d->best);
    sqlite3_free(d);
}

/* A phrase's document frequency is counted exactly up to this many rows;
 * beyond, it is estimated from how far into the table (in rowid order) the
 * count got: a common phrase is about as common throughout, and reading
 * the whole document list of a word in half a million articles cost more
 * than the rest of the query. Smaller tables are counted exactly. */
#define EXACT_DF_ROWS 20000

typedef struct phrase_count {
    sqlite3_int64 rows, last; /* rows seen; the rowid of the last */
} phrase_count;

static int count_row(const Fts5ExtensionApi *api, Fts5Context *fts, void *user)
{
    phrase_count *c = user;
    c->rows++;
    c->last = api->xRowid(fts);
    return c->rows > EXACT_DF_ROWS ? SQLITE_DONE : SQLITE_OK;
}

/* The phrase's document frequency: exact, or estimated past EXACT_DF_ROWS
 * from the share of the table the count covered, taking rowids as dense
 * from 1 (songbad's articles are numbered as they come; deletions make the
 * estimate a little low). */
static double phrase_df(const phrase_count *c, sqlite3_int64 nrow)
{
    if (c->rows <= EXACT_DF_ROWS) return (double)c->rows;
    double upto = (double)(c->last < nrow ? c->last : nrow); /* rows up to last */
    double df = upto > 0 ? (double)c->rows * (double)nrow / upto : (double)nrow;
    return df < (double)nrow ? df : (double)nrow;
}

/* songbad_rank_top passes rows over only for a keep up to this (its heap
 * of scores); a larger one ranks every row like songbad_rank. */
#define MAX_KEEP 100000

/* Adds an exact score to the heap of the best d->keep. */
static void best_add(rank_data *d, double v)
{
    double *h = d->best;
    int i;
    if (d->nbest < d->keep) {
        i = d->nbest++;
        while (i > 0 && h[(i - 1) / 2] > v) { /* sift up */
            h[i] = h[(i - 1) / 2];
            i = (i - 1) / 2;
        }
        h[i] = v;
        return;
    }
    if (v <= h[0]) return;
    i = 0; /* replace the least, sift down */
    for (;;) {
        int c = 2 * i + 1;
        if (c >= d->nbest) break;
        if (c + 1 < d->nbest && h[c + 1] < h[c]) c++;
        if (h[c] >= v) break;
        h[i] = h[c];
        i = c;
    }
    h[i] = v;
}

/* The query's scorer (idf of each phrase, mean column lengths), made on the
 * first row and kept as auxdata; keep: 0 for songbad_rank. */
static int rank_data_get(const Fts5ExtensionApi *api, Fts5Context *fts, int nval,
                         sqlite3_value **val, sqlite3_int64 keep, rank_data **out)
{
    rank_data *d = api->xGetAuxdata(fts, 0);
    if (d) {
        *out = d;
        return SQLITE_OK;
    }
    d = sqlite3_malloc(sizeof *d);
    if (!d) return SQLITE_NOMEM;
    memset(d, 0, sizeof *d);
    if (keep > 0 && keep <= MAX_KEEP) {
        d->keep = (int)keep;
        d->best = sqlite3_malloc64(sizeof *d->best * (size_t)d->keep);
        if (!d->best) {
            sqlite3_free(d);
            return SQLITE_NOMEM;
        }
    }
    int nphrase = api->xPhraseCount(fts);
    d->ncol = api->xColumnCount(fts);
    if (d->ncol > SONGBAD_RANK_MAX_COLUMNS) d->ncol = SONGBAD_RANK_MAX_COLUMNS;
    size_t np = (size_t)nphrase + 1;
    double *weight = sqlite3_malloc64(sizeof(double) * np);
    double *idf = sqlite3_malloc64(sizeof(double) * np);
    int *group = sqlite3_malloc64(sizeof(int) * np);
    int rc = weight && idf && group ? SQLITE_OK : SQLITE_NOMEM;
    const char *pw = nval > 0 ? (const char *)sqlite3_value_text(val[0]) : NULL;
    if (rc == SQLITE_OK) songbad_rank_parse_weights(pw, nphrase, weight, group);
    double colw[SONGBAD_RANK_MAX_COLUMNS], avgdl[SONGBAD_RANK_MAX_COLUMNS];
    int limit[SONGBAD_RANK_MAX_COLUMNS];
    sqlite3_int64 nrow = 0;
    if (rc == SQLITE_OK)
        rc = songbad_fts5_columns(api, fts, d->ncol, nval > 1 ? nval - 1 : 0, val + 1, colw, avgdl,
                                  limit, &nrow);
    for (int p = 0; rc == SQLITE_OK && p < nphrase; p++) {
        phrase_count c = {0, 0};
        rc = api->xQueryPhrase(fts, p, &c, count_row);
        double n = phrase_df(&c, nrow);
        idf[p] = log(1.0 + ((double)nrow - n + 0.5) / (n + 0.5));
    }
    if (rc == SQLITE_OK) {
        songbad_rank_params pr = {(size_t)nphrase, weight, group, idf, d->ncol, colw, avgdl, limit};
        int src = songbad_scorer_new(&pr, NULL, &d->scorer);
        if (src) rc = src == SONGBAD_E_NOMEM ? SQLITE_NOMEM : SQLITE_ERROR;
        else if (!songbad_rank_weights_question(pw))
            songbad_scorer_set_early(d->scorer, BODY_COLUMN, SONGBAD_RANK_EARLY);
    }
    sqlite3_free(weight);
    sqlite3_free(idf);
    sqlite3_free(group);
    if (rc == SQLITE_OK) rc = api->xSetAuxdata(fts, d, rank_data_free);
    else rank_data_free(d);
    if (rc == SQLITE_OK) *out = d;
    return rc;
}

static void rank_row(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx,
                     int nval, sqlite3_value **val, sqlite3_int64 keep)
{
    rank_data *d;
    int rc = rank_data_get(api, fts, nval, val, keep, &d);
    /* matches come in (column, position) order, as the scorer wants them */
    int ninst = 0;
    if (rc == SQLITE_OK) rc = songbad_fts5_matches(api, fts, &d->match, &d->cap, &ninst);
    if (rc == SQLITE_OK && d->keep && d->nbest == d->keep) {
        double bound = songbad_scorer_score(d->scorer, d->match, (size_t)ninst, NULL);
        if (bound < d->best[0]) {
            sqlite3_result_double(ctx, bound); /* not among the best: passed over */
            return;
        }
    }
    double len[SONGBAD_RANK_MAX_COLUMNS];
    for (int c = 0; rc == SQLITE_OK && c < d->ncol; c++) {
        int n = 0;
        rc = api->xColumnSize(fts, c, &n); /* can fail: out of memory, I/O */
        len[c] = n;
    }
    if (rc != SQLITE_OK) {
        sqlite3_result_error_code(ctx, rc);
        return;
    }
    double score = songbad_scorer_score(d->scorer, d->match, (size_t)ninst, len);
    if (d->keep) best_add(d, score);
    sqlite3_result_double(ctx, score);
}

static void rank_fn(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx,
                    int nval, sqlite3_value **val)
{
    rank_row(api, fts, ctx, nval, val, 0);
}

static void rank_top_fn(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx,
                        int nval, sqlite3_value **val)
{
    if (nval < 2) {
        sqlite3_result_error(ctx, "songbad_rank_top: keep and counter are needed", -1);
        return;
    }
    sqlite3_int64 keep = sqlite3_value_int64(val[0]);
    sqlite3_int64 *counter = sqlite3_value_pointer(val[1], SONGBAD_RANK_COUNTER);
    if (counter) (*counter)++;
    rank_row(api, fts, ctx, nval - 2, val + 2, keep > 0 ? keep : 0);
}

int songbad_fts5_register_rank(sqlite3 *db, fts5_api *api)
{
    SONGBAD_UNUSED(db);
    int rc = api->xCreateFunction(api, "songbad_rank", NULL, rank_fn, NULL);
    if (rc == SQLITE_OK) rc = api->xCreateFunction(api, "songbad_rank_top", NULL, rank_top_fn, NULL);
    return rc;
}
