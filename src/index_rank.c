/*
 * index_rank.c - the FTS5 ranking function songbad_rank(fts, phrase_weights,
 * column weights...): BM25F (Robertson & Zaragoza) in which every phrase of
 * the MATCH expression has its own weight, so an exact word outranks its stem
 * and its cross-script key.
 *
 *   songbad_rank(fts, '1 0.5 0.3', 3.0, 2.0, 1.0, ...)
 *
 * phrase_weights: "W[:G] ..." one weight per phrase of the query, in query
 * order (missing ones are 1), optionally with the number G of the query word
 * the phrase stands for (phrases of one word are its alternatives: exact
 * form, stem, key). Then one weight per column (missing ones are 1).
 * Words matter together: the score is multiplied by (matched words / query
 * words)^COORD, a word matched only through its stem or key counting as
 * that phrase's weight, so an article with all the words of a short query outranks
 * one that repeats some of them, and an article where consecutive query
 * words stand next to each other gets a proximity bonus.
 * Returns a score, higher is better.
 */
#include "songbad_int.h"

#include <math.h>
#include "sqlite_api.h"
#include <stdlib.h>

#define BM25_K1 3.0 /* measured on the known-item topics: 3 beats 1.2 */
#define BM25_B 0.75
#define MAX_COLS 16
#define COORD 1.0
#define PROXIMITY 0.25 /* bonus per adjacent pair, times the pair's idf */
#define PROXIMITY_WINDOW 3

typedef struct rank_data {
    int nphrase, ncol;
    double *idf;          /* per phrase */
    double *tf;           /* per phrase, scratch for the current row */
    double *weight;       /* per phrase */
    int *group;           /* per phrase: its query word, -1 if none */
    int ngroup;
    int *last_pos;        /* per group, scratch: last position seen */
    int *last_col;
    double *matched;      /* per group, scratch: best weight matched */
    char *paired;         /* per group, scratch: pair (g, g+1) seen close */
    double avgdl[MAX_COLS];
} rank_data;

static void rank_data_free(void *p)
{
    rank_data *d = p;
    if (!d) return;
    sqlite3_free(d->idf);
    sqlite3_free(d->tf);
    sqlite3_free(d->weight);
    sqlite3_free(d->group);
    sqlite3_free(d->last_pos);
    sqlite3_free(d->last_col);
    sqlite3_free(d->matched);
    sqlite3_free(d->paired);
    sqlite3_free(d);
}

static int count_row(const Fts5ExtensionApi *api, Fts5Context *fts, void *user)
{
    SONGBAD_UNUSED(api);
    SONGBAD_UNUSED(fts);
    (*(sqlite3_int64 *)user)++;
    return SQLITE_OK;
}

/* Reads "W[:G] ..." into d->weight and d->group. */
static void parse_weights(rank_data *d, const char *pw)
{
    d->ngroup = 0;
    for (int p = 0; p < d->nphrase; p++) {
        d->weight[p] = 1.0;
        d->group[p] = -1;
        if (!pw) continue;
        char *end;
        double v = strtod(pw, &end);
        if (end == pw) {
            pw = NULL;
            continue;
        }
        d->weight[p] = v;
        pw = end;
        if (*pw == ':') {
            long g = strtol(pw + 1, &end, 10);
            if (end != pw + 1 && g >= 0 && g < 100000) {
                d->group[p] = (int)g;
                if (g + 1 > d->ngroup) d->ngroup = (int)g + 1;
            }
            pw = end;
        }
    }
}

/* Statistics of the whole query, computed once and kept as auxdata. */
static int rank_data_get(const Fts5ExtensionApi *api, Fts5Context *fts,
                         const char *pw, rank_data **out)
{
    rank_data *d = api->xGetAuxdata(fts, 0);
    if (d) {
        *out = d;
        return SQLITE_OK;
    }
    d = sqlite3_malloc(sizeof *d);
    if (!d) return SQLITE_NOMEM;
    memset(d, 0, sizeof *d);
    d->nphrase = api->xPhraseCount(fts);
    d->ncol = api->xColumnCount(fts);
    if (d->ncol > MAX_COLS) d->ncol = MAX_COLS;
    d->idf = sqlite3_malloc64(sizeof(double) * (size_t)(d->nphrase + 1));
    size_t np = (size_t)d->nphrase + 1;
    d->tf = sqlite3_malloc64(sizeof(double) * np);
    d->weight = sqlite3_malloc64(sizeof(double) * np);
    d->group = sqlite3_malloc64(sizeof(int) * np);
    if (d->idf && d->tf && d->weight && d->group) parse_weights(d, pw);
    size_t ng = (size_t)d->ngroup + 1;
    d->last_pos = sqlite3_malloc64(sizeof(int) * ng);
    d->last_col = sqlite3_malloc64(sizeof(int) * ng);
    d->matched = sqlite3_malloc64(sizeof(double) * ng);
    d->paired = sqlite3_malloc64(ng);
    if (!d->idf || !d->tf || !d->weight || !d->group || !d->last_pos || !d->last_col ||
        !d->matched || !d->paired) {
        rank_data_free(d);
        return SQLITE_NOMEM;
    }
    sqlite3_int64 nrow = 0;
    int rc = api->xRowCount(fts, &nrow);
    for (int c = 0; rc == SQLITE_OK && c < d->ncol; c++) {
        sqlite3_int64 ntok = 0;
        rc = api->xColumnTotalSize(fts, c, &ntok);
        d->avgdl[c] = nrow > 0 ? (double)ntok / (double)nrow : 1.0;
        if (d->avgdl[c] <= 0) d->avgdl[c] = 1.0;
    }
    for (int p = 0; rc == SQLITE_OK && p < d->nphrase; p++) {
        sqlite3_int64 n = 0;
        rc = api->xQueryPhrase(fts, p, &n, count_row);
        d->idf[p] = log(1.0 + ((double)nrow - (double)n + 0.5) / ((double)n + 0.5));
    }
    if (rc == SQLITE_OK) rc = api->xSetAuxdata(fts, d, rank_data_free);
    else rank_data_free(d);
    if (rc == SQLITE_OK) *out = d;
    return rc;
}

static void rank_fn(const Fts5ExtensionApi *api, Fts5Context *fts,
                    sqlite3_context *ctx, int nval, sqlite3_value **val)
{
    const char *pw = nval > 0 ? (const char *)sqlite3_value_text(val[0]) : NULL;
    rank_data *d;
    int rc = rank_data_get(api, fts, pw, &d);
    if (rc != SQLITE_OK) {
        sqlite3_result_error_code(ctx, rc);
        return;
    }
    double colw[MAX_COLS];
    for (int c = 0; c < MAX_COLS; c++)
        colw[c] = nval > 1 + c ? sqlite3_value_double(val[1 + c]) : 1.0;

    double *tf = d->tf;
    int np = d->nphrase, ng = d->ngroup;
    for (int p = 0; p < np; p++) tf[p] = 0;
    for (int g = 0; g < ng; g++) {
        d->last_pos[g] = -1000;
        d->last_col[g] = -1;
        d->matched[g] = d->paired[g] = 0;
    }
    double norm[MAX_COLS];
    for (int c = 0; rc == SQLITE_OK && c < d->ncol; c++) {
        int len = 0;
        rc = api->xColumnSize(fts, c, &len); /* can fail: out of memory, I/O */
        norm[c] = 1.0 - BM25_B + BM25_B * (double)len / d->avgdl[c];
    }
    /* instances come in (column, position) order */
    int ninst = 0;
    if (rc == SQLITE_OK) rc = api->xInstCount(fts, &ninst);
    for (int i = 0; rc == SQLITE_OK && i < ninst; i++) {
        int p, c, off;
        rc = api->xInst(fts, i, &p, &c, &off);
        if (rc != SQLITE_OK || p >= np || c >= d->ncol) continue;
        tf[p] += colw[c] / norm[c];
        int g = d->group[p];
        if (g < 0) continue;
        if (d->weight[p] > d->matched[g]) d->matched[g] = d->weight[p];
        d->last_pos[g] = off;
        d->last_col[g] = c;
        if (g > 0 && d->last_col[g - 1] == c && off - d->last_pos[g - 1] <= PROXIMITY_WINDOW &&
            off > d->last_pos[g - 1])
            d->paired[g - 1] = 1;
        if (g + 1 < ng && d->last_col[g + 1] == c && off - d->last_pos[g + 1] <= PROXIMITY_WINDOW &&
            off > d->last_pos[g + 1])
            d->paired[g] = 1; /* the later word came first: still close */
    }
    if (rc != SQLITE_OK) {
        sqlite3_result_error_code(ctx, rc);
        return;
    }
    double score = 0;
    for (int p = 0; p < np; p++)
        if (tf[p] > 0)
            score += d->weight[p] * d->idf[p] * tf[p] * (BM25_K1 + 1) / (tf[p] + BM25_K1);
    if (ng > 0) {
        /* a word found only as a stem or key counts for that much */
        double matched = 0;
        for (int g = 0; g < ng; g++) matched += d->matched[g] > 1.0 ? 1.0 : d->matched[g];
        double bonus = 0;
        for (int g = 0; g + 1 < ng; g++)
            if (d->paired[g]) bonus += PROXIMITY;
        score *= pow(matched / ng, COORD) * (1.0 + bonus);
    }
    sqlite3_result_double(ctx, score);
}

int songbad_fts5_register_rank(sqlite3 *db, fts5_api *api)
{
    SONGBAD_UNUSED(db);
    return api->xCreateFunction(api, "songbad_rank", NULL, rank_fn, NULL);
}
