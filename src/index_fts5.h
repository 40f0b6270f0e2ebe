/* index_fts5.h - what songbad's FTS5 functions (index_rank.c songbad_rank,
 * index_best.c songbad_term_weight) read of the index the same way: the
 * columns' weights, mean lengths and limits, and a row's matches. */
#ifndef SONGBAD_INDEX_FTS5_H
#define SONGBAD_INDEX_FTS5_H

#include "songbad_int.h"
#include "sqlite_api.h"

/* The row count (*nrow) and, for each of ncol columns, its weight (the
 * nweight values weights[], then 1), its mean length in tokens and its
 * limit (only the lead has one: SONGBAD_RANK_LEAD_TOKENS). An SQLite code. */
int songbad_fts5_columns(const Fts5ExtensionApi *api, Fts5Context *fts, int ncol, int nweight,
                         sqlite3_value **weights, double *colw, double *avgdl, int *limit,
                         sqlite3_int64 *nrow);

/* The current row's matches in (column, position) order into *m (grown
 * with sqlite3_realloc64, capacity *cap); their number in *n. An SQLite
 * code. */
int songbad_fts5_matches(const Fts5ExtensionApi *api, Fts5Context *fts, songbad_rank_match **m,
                         int *cap, int *n);

#endif
