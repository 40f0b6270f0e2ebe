/*
 * search_best.c - a query of common words on a large index, ranked from
 * the best articles of each common term (term_best, index_best.c).
 *
 * Ranking every match of a common word through FTS5 costs a row of the
 * index each: hundreds of thousands at a million articles. When the index
 * has term lists (songbad_db_optimize) and a query of plain words holds a
 * listed term (conditions: songbad_int.h), the candidates are the listed
 * articles of each listed term of the query, every article of its other
 * terms (rarer than the lists' threshold), and every match among the
 * articles added since the lists were made. Each candidate gets a first
 * estimate, the sum over the query words of the idf x weight of the best
 * alternative it is a candidate for; the best of them (SONGBAD_BEST_RANKED,
 * more as search.c asks) are ranked exactly with the formula of
 * songbad_rank (rank_score.c), their matches found by analyzing their
 * stored text as the index tokenizer does (rank_text.c). The result is
 * approximate: an article that is not among a listed term's best and has
 * none of the rarer words is not seen.
 *
 * Idf: a listed term's article count is the one stored, plus its matches
 * among the articles added since; a phrase of several words takes its
 * rarest word's count; other phrases are counted as songbad_rank counts
 * them (exactly up to EXACT_DF, then estimated).
 */
#include "songbad_int.h"

#include "sqlite_api.h"
#include <math.h>
#include <stdlib.h>

#define RARE_ROWS 20000      /* an unlisted term read in full up to this many articles */
#define NEW_ROWS 20000       /* matches among the articles added since the lists */
#define EXACT_DF 20000       /* as index_rank.c's EXACT_DF_ROWS */

typedef struct best_ctx {
    songbad_db *db;
    songbad_rank_text *rt;  /* the query's phrases, the article matcher */
    size_t nphrase;
    double *weight, *idf, *df;
    int *group;
    sqlite3_int64 upto, rows; /* lists made up to rowid upto; the last rowid now */
    double nrow;              /* FTS5's row count, as songbad_rank's idf takes it */
    songbad_candidate *c;   /* doc: a rowid */
    size_t nc, capc;
} best_ctx;

static int add_cand(best_ctx *b, sqlite3_int64 rowid, int group, double credit)
{
    if (songbad_grow(&b->db->alloc, (void **)&b->c, &b->capc, b->nc + 1, sizeof *b->c))
        return SONGBAD_E_NOMEM;
    songbad_candidate v = {rowid, group, credit};
    b->c[b->nc++] = v;
    return SONGBAD_OK;
}

static int prepare(songbad_db *db, const char *sql, sqlite3_stmt **st)
{
    return sqlite3_prepare_v2(db->sql, sql, -1, st, NULL) == SQLITE_OK
               ? SONGBAD_OK
               : songbad_db_sqlite_error(db, "cannot prepare the search");
}

/* The lists' meta data; SONGBAD_DONE when there are no lists. */
static int lists_meta(songbad_db *db, sqlite3_int64 *upto, sqlite3_int64 *rows,
                      sqlite3_int64 *per_term)
{
    sqlite3_stmt *st = NULL;
    int rc = SONGBAD_DONE;
    if (sqlite3_prepare_v2(db->sql,
                           "SELECT CAST(value AS INTEGER),"
                           " (SELECT coalesce(max(rowid), 0) FROM articles),"
                           " (SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'best_per_term')"
                           " FROM meta WHERE key = 'best_upto'"
                           " AND EXISTS (SELECT 1 FROM sqlite_master WHERE name = 'term_best')",
                           -1, &st, NULL) != SQLITE_OK)
        return songbad_db_sqlite_error(db, "cannot read the term lists");
    int step = sqlite3_step(st);
    if (step == SQLITE_ROW) {
        *upto = sqlite3_column_int64(st, 0);
        *rows = sqlite3_column_int64(st, 1);
        *per_term = sqlite3_column_int64(st, 2);
        rc = SONGBAD_OK;
    } else if (step != SQLITE_DONE) {
        rc = songbad_db_sqlite_error(db, "cannot read the term lists");
    }
    sqlite3_finalize(st);
    return rc;
}

/* Counts the matches of FTS5 expression expr among rowids above after, up
 * to limit + 1 of them, collecting them into b as candidates of word group
 * with credit when collect; *count, *last (the last rowid read). */
static int read_matches(best_ctx *b, const char *expr, size_t len, sqlite3_int64 after,
                        size_t limit, int collect, int group, double credit, size_t *count,
                        sqlite3_int64 *last)
{
    sqlite3_stmt *st = NULL;
    int rc = prepare(b->db, "SELECT rowid FROM fts WHERE fts MATCH ?1 AND rowid > ?2", &st);
    *count = 0;
    *last = 0;
    if (rc) return rc;
    sqlite3_bind_text64(st, 1, expr, len, SQLITE_STATIC, SQLITE_UTF8);
    sqlite3_bind_int64(st, 2, after);
    int step;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        *last = sqlite3_column_int64(st, 0);
        if (++*count > limit) break;
        if (collect && (rc = add_cand(b, *last, group, credit))) break;
    }
    if (!rc && step != SQLITE_ROW && step != SQLITE_DONE)
        rc = songbad_db_sqlite_error(b->db, "search failed");
    sqlite3_finalize(st);
    return rc;
}

/* songbad_rank's estimate of an article count from a partial count
 * (index_rank.c phrase_df), nrow FTS5's row count. */
static double estimate_df(size_t count, sqlite3_int64 last, double nrow)
{
    if (count <= EXACT_DF) return (double)count;
    double upto = (double)last < nrow ? (double)last : nrow;
    double df = upto > 0 ? (double)count * nrow / upto : nrow;
    return df < nrow ? df : nrow;
}

/* A listed term: its stored count and its list, as candidates of its word.
 * 0 = listed, SONGBAD_DONE = not listed. */
static int listed_term(best_ctx *b, const char *term, size_t n, double *df,
                       const unsigned char **list, size_t *list_len, sqlite3_stmt *get)
{
    sqlite3_reset(get);
    sqlite3_bind_text(get, 1, term, (int)n, SQLITE_STATIC);
    int step = sqlite3_step(get);
    if (step == SQLITE_DONE) return SONGBAD_DONE;
    if (step != SQLITE_ROW) return songbad_db_sqlite_error(b->db, "cannot read the term lists");
    *df = (double)sqlite3_column_int64(get, 0);
    *list = sqlite3_column_blob(get, 1);
    *list_len = (size_t)sqlite3_column_bytes(get, 1);
    return SONGBAD_OK;
}

/* The stored article count of each phrase that is a listed term, 0 for
 * the others (in fewer articles than the lists' threshold when the lists
 * are up to date): enough to tell a query that FTS5 ranks fast. */
static int listed_counts(best_ctx *b)
{
    sqlite3_stmt *get = NULL;
    int rc = prepare(b->db, "SELECT df FROM term_best WHERE term = ?1", &get);
    for (size_t p = 0; !rc && p < b->nphrase; p++) {
        const char *expr, *term;
        size_t elen, tlen;
        b->df[p] = 0;
        if (!songbad_rank_text_phrase(b->rt, p, &expr, &elen, &term, &tlen)) continue;
        sqlite3_reset(get);
        sqlite3_bind_text(get, 1, term, (int)tlen, SQLITE_STATIC);
        int step = sqlite3_step(get);
        if (step == SQLITE_ROW) b->df[p] = (double)sqlite3_column_int64(get, 0);
        else if (step != SQLITE_DONE) rc = songbad_db_sqlite_error(b->db, "cannot read the term lists");
    }
    sqlite3_finalize(get);
    return rc;
}

/* The article count of a phrase of several words: that of its rarest word
 * (an upper bound). Counting the phrase itself reads every position of its
 * words, and a phrase the query adds around a stopword (query.c) has a
 * word in most articles: tens of milliseconds at a million. */
static int phrase_of_words_df(best_ctx *b, size_t p, sqlite3_stmt *get, double *df)
{
    *df = b->nrow;
    int rc = SONGBAD_OK;
    for (size_t j = 0; !rc && j < songbad_rank_text_ntokens(b->rt, p); j++) {
        size_t n;
        const char *t = songbad_rank_text_token(b->rt, p, j, &n);
        double d;
        const unsigned char *list;
        size_t list_len;
        rc = listed_term(b, t, n, &d, &list, &list_len, get);
        if (rc == SONGBAD_DONE) { /* not listed: counted, as songbad_rank counts */
            size_t k;
            char *q = songbad_fts5_quote(&b->db->alloc, t, n, &k);
            if (!q) {
                rc = SONGBAD_E_NOMEM;
                break;
            }
            size_t count;
            sqlite3_int64 last;
            rc = read_matches(b, q, k, 0, EXACT_DF, 0, 0, 0, &count, &last);
            songbad_alloc_free(&b->db->alloc, q);
            d = estimate_df(count, last, b->nrow);
        }
        if (!rc && d < *df) *df = d;
    }
    return rc;
}

/* Each phrase's idf, and the candidates it gives. SONGBAD_DONE when a
 * phrase without a list is too common to read in full. */
static int phrases(best_ctx *b, int *any_listed)
{
    sqlite3_stmt *get = NULL;
    int rc = prepare(b->db, "SELECT df, rowids FROM term_best WHERE term = ?1", &get);
    long long *ids = NULL;
    size_t ids_cap = 0;
    *any_listed = 0;
    for (size_t p = 0; !rc && p < b->nphrase; p++) {
        const char *expr, *term;
        size_t elen, tlen;
        int single = songbad_rank_text_phrase(b->rt, p, &expr, &elen, &term, &tlen);
        double df = 0;
        if (songbad_rank_text_ntokens(b->rt, p) > 1) {
            rc = phrase_of_words_df(b, p, get, &df);
            b->idf[p] = log(1.0 + (b->nrow - df + 0.5) / (df + 0.5));
            b->df[p] = df;
            continue;
        }
        const unsigned char *list = NULL;
        size_t list_len = 0;
        int listed = single ? listed_term(b, term, tlen, &df, &list, &list_len, get) : SONGBAD_DONE;
        if (listed != SONGBAD_OK && listed != SONGBAD_DONE) {
            rc = listed;
            break;
        }
        size_t count;
        sqlite3_int64 last;
        if (listed == SONGBAD_OK) {
            *any_listed = 1;
            /* its matches among the articles added since count too */
            if (b->rows > b->upto) {
                rc = read_matches(b, expr, elen, b->upto, EXACT_DF, 0, 0, 0, &count, &last);
                df += (double)count;
            }
            b->idf[p] = log(1.0 + (b->nrow - df + 0.5) / (df + 0.5));
            b->df[p] = df;
            size_t n = list_len; /* at most one rowid a byte */
            if (!rc && songbad_grow(&b->db->alloc, (void **)&ids, &ids_cap, n + 1, sizeof *ids))
                rc = SONGBAD_E_NOMEM;
            size_t got = rc ? 0 : songbad_best_decode(list, list_len, ids, n + 1);
            for (size_t i = 0; !rc && i < got; i++)
                if (b->group[p] >= 0)
                    rc = add_cand(b, ids[i], b->group[p], b->weight[p] * b->idf[p]);
            continue;
        }
        /* counted as songbad_rank counts it; read in full when it is rare
         * enough, a candidate of its word */
        size_t before = b->nc;
        rc = read_matches(b, expr, elen, 0, RARE_ROWS, b->group[p] >= 0, b->group[p], 0,
                          &count, &last);
        if (rc) break;
        df = estimate_df(count, last, b->nrow);
        b->idf[p] = log(1.0 + (b->nrow - df + 0.5) / (df + 0.5));
        b->df[p] = df;
        if (b->group[p] >= 0 && count > RARE_ROWS) {
            if (single) {
                rc = SONGBAD_DONE; /* common and unlisted: lists older than the index */
                break;
            }
            /* a prefix of many terms: its word's own forms give the candidates */
            b->nc = before;
        }
        for (size_t i = before; i < b->nc; i++) b->c[i].credit = b->weight[p] * b->idf[p];
    }
    sqlite3_finalize(get);
    songbad_alloc_free(&b->db->alloc, ids);
    return rc;
}

static int by_doc_word(const void *x, const void *y)
{
    const songbad_candidate *a = x, *b = y;
    if (a->doc != b->doc) return a->doc < b->doc ? -1 : 1;
    if (a->word != b->word) return a->word < b->word ? -1 : 1;
    return a->credit > b->credit ? -1 : a->credit < b->credit;
}

static int by_estimate(const void *x, const void *y)
{
    const songbad_candidate *a = x, *b = y;
    if (a->credit != b->credit) return a->credit > b->credit ? -1 : 1;
    return a->doc < b->doc ? -1 : a->doc > b->doc;
}

size_t songbad_candidates_merge(songbad_candidate *c, size_t n)
{
    if (!n) return 0;
    qsort(c, n, sizeof *c, by_doc_word);
    size_t out = 0;
    for (size_t i = 0; i < n;) {
        songbad_candidate m = {c[i].doc, -1, 0};
        int w = -2;
        for (; i < n && c[i].doc == m.doc; i++) {
            if (c[i].word != w) m.credit += c[i].credit; /* the word's best first */
            w = c[i].word;
        }
        c[out++] = m;
    }
    qsort(c, out, sizeof *c, by_estimate);
    return out;
}

static int by_score(const void *x, const void *y)
{
    const songbad_best_hit *a = x, *b = y;
    if (a->score != b->score) return a->score > b->score ? -1 : 1;
    return a->rowid < b->rowid ? -1 : a->rowid > b->rowid;
}

/* The matches the query would have, estimated: over its words, the sum
 * of the article counts of each one's most common alternative. */
static double estimated_matches(const best_ctx *b, const double *df)
{
    double total = 0;
    int ngroup = 0;
    for (size_t p = 0; p < b->nphrase; p++)
        if (b->group[p] + 1 > ngroup) ngroup = b->group[p] + 1;
    for (int g = 0; g < ngroup; g++) {
        double most = 0;
        for (size_t p = 0; p < b->nphrase; p++)
            if (b->group[p] == g && df[p] > most) most = df[p];
        total += most;
    }
    return total;
}

int songbad_search_best(songbad_db *db, size_t limit, size_t keep, songbad_best_hit **hits,
                        size_t *nhits, size_t *matches, songbad_rank_text **rt)
{
    *rt = NULL;
    *hits = NULL;
    *nhits = *matches = 0;
    best_ctx b;
    memset(&b, 0, sizeof b);
    b.db = db;
    sqlite3_int64 per_term = 0;
    int rc = lists_meta(db, &b.upto, &b.rows, &per_term);
    if (rc) return rc;
    const char *match = songbad_query_match(db->query), *pw = songbad_query_weights(db->query);
    rc = songbad_rank_text_new(&db->alloc, songbad_query_analyzer(db->query), match, &b.rt);
    if (rc) return rc; /* SONGBAD_DONE: not a query of plain words */
    b.nphrase = songbad_rank_text_nphrases(b.rt);
    b.weight = songbad_alloc_realloc(&db->alloc, NULL, (b.nphrase + 1) * sizeof *b.weight);
    b.idf = songbad_alloc_realloc(&db->alloc, NULL, (b.nphrase + 1) * sizeof *b.idf);
    b.df = songbad_alloc_realloc(&db->alloc, NULL, (b.nphrase + 1) * sizeof *b.df);
    b.group = songbad_alloc_realloc(&db->alloc, NULL, (b.nphrase + 1) * sizeof *b.group);
    if (!b.weight || !b.idf || !b.df || !b.group) rc = SONGBAD_E_NOMEM;
    if (!rc) songbad_rank_parse_weights(pw, (int)b.nphrase, b.weight, b.group);
    /* a small index, or few matches: FTS5 ranks them all, exactly and
       faster than analyzing the candidates. A listed word means more
       matches than the lists' threshold. */
    if (!rc) rc = songbad_rank_text_sizes(b.rt, db, &b.nrow);
    if (!rc) rc = listed_counts(&b);
    double enough = (double)limit < (double)per_term ? (double)limit : (double)per_term;
    double guess = rc ? 0 : estimated_matches(&b, b.df);
    if (!rc && (b.nrow <= (double)limit || (guess < b.nrow ? guess : b.nrow) <= enough))
        rc = SONGBAD_DONE;
    int any_listed = 0;
    if (!rc) rc = phrases(&b, &any_listed);
    /* every match among the articles added since the lists */
    size_t count = 0;
    sqlite3_int64 last = 0;
    size_t fresh_from = b.nc;
    if (!rc && b.rows > b.upto)
        rc = read_matches(&b, match, strlen(match), b.upto, NEW_ROWS, 1, -1, 0, &count, &last);
    if (!rc && count > NEW_ROWS) rc = SONGBAD_DONE; /* lists too old: rank it all */
    for (size_t i = fresh_from; !rc && i < b.nc; i++) b.c[i].credit = HUGE_VAL;
    songbad_best_hit *h = NULL;
    size_t nh = 0;
    if (!rc) {
        b.nc = songbad_candidates_merge(b.c, b.nc);
        if (keep > b.nc) keep = b.nc;
        *matches = b.nc;
        h = songbad_alloc_realloc(&db->alloc, NULL, (keep + 1) * sizeof *h);
        if (!h) rc = SONGBAD_E_NOMEM;
        if (!rc) rc = songbad_rank_text_scorer(b.rt, b.nphrase, b.weight, b.group, b.idf,
                                               songbad_rank_weights_question(pw), db);
        for (size_t i = 0; !rc && i < keep; i++) {
            double score = 0;
            rc = songbad_rank_text_score(b.rt, db, b.c[i].doc, &score);
            if (rc == SONGBAD_DONE) { /* gone, or no match in its text */
                rc = SONGBAD_OK;
                continue;
            }
            if (!rc && score > 0) {
                h[nh].rowid = b.c[i].doc;
                h[nh].score = score;
                nh++;
            }
        }
    }
    if (!rc) {
        qsort(h, nh, sizeof *h, by_score);
        *hits = h;
        *nhits = nh;
        *rt = b.rt;
    } else {
        songbad_alloc_free(&db->alloc, h);
        songbad_rank_text_free(b.rt);
    }
    songbad_alloc_free(&db->alloc, b.c);
    songbad_alloc_free(&db->alloc, b.weight);
    songbad_alloc_free(&db->alloc, b.idf);
    songbad_alloc_free(&db->alloc, b.df);
    songbad_alloc_free(&db->alloc, b.group);
    return rc;
}
