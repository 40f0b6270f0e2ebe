/* index_fts5.c - see index_fts5.h. */
#include "index_fts5.h"

int songbad_fts5_columns(const Fts5ExtensionApi *api, Fts5Context *fts, int ncol, int nweight,
                         sqlite3_value **weights, double *colw, double *avgdl, int *limit,
                         sqlite3_int64 *nrow)
{
    *nrow = 0;
    int rc = api->xRowCount(fts, nrow);
    for (int c = 0; rc == SQLITE_OK && c < ncol; c++) {
        colw[c] = nweight > c ? sqlite3_value_double(weights[c]) : 1.0;
        limit[c] = c == LEAD_COLUMN ? SONGBAD_RANK_LEAD_TOKENS : 0;
        sqlite3_int64 ntok = 0;
        rc = api->xColumnTotalSize(fts, c, &ntok);
        avgdl[c] = *nrow > 0 ? (double)ntok / (double)*nrow : 1.0;
    }
    return rc;
}

int songbad_fts5_matches(const Fts5ExtensionApi *api, Fts5Context *fts, songbad_rank_match **m,
                         int *cap, int *n)
{
    *n = 0;
    int rc = api->xInstCount(fts, n);
    if (rc == SQLITE_OK && *n > *cap) {
        songbad_rank_match *grown = sqlite3_realloc64(*m, sizeof **m * (size_t)*n);
        if (!grown) return SQLITE_NOMEM;
        *m = grown;
        *cap = *n;
    }
    for (int i = 0; rc == SQLITE_OK && i < *n; i++)
        rc = api->xInst(fts, i, &(*m)[i].phrase, &(*m)[i].column, &(*m)[i].offset);
    return rc;
}
