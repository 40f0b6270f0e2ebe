/*
 * search.c - running a query: FTS5 MATCH with songbad_rank (BM25F with
 * per-phrase weights; headline > lead = captions > body > source), date and
 * source filters, near-duplicates folded into their best-ranked member, and
 * snippets cut from the original text at word boundaries with the matches
 * marked.
 */
#include "songbad_int.h"

#include "sqlite_api.h"
#include <stdio.h>

typedef struct kept {
    sqlite3_int64 rowid, group;
    double score;
    size_t dups;
} kept;

/* The snippet of an article's body and its marks (held in db->marks). */
static int make_snippet(songbad_db *db, const char *text, size_t len, songbad_hit *hit)
{
    int rc = songbad_grow(&db->alloc, (void **)&db->marks, &db->marks_cap,
                          2 * SONGBAD_SNIPPET_TOKENS, sizeof *db->marks);
    if (rc) return rc;
    hit->marks = db->marks;
    return songbad_query_plan_snippet(songbad_query_plan_of(db->query), text, len,
                                      &hit->snippet, db->marks, &hit->nmarks);
}

/* Group -> index into the kept hits: open addressing, grown at half load. */
typedef struct group_map {
    sqlite3_int64 *keys; /* 0 = empty (groups are rowids, never 0) */
    size_t *vals;
    size_t cap, n;
} group_map;

static size_t slot_of(const group_map *m, sqlite3_int64 g)
{
    size_t i = (size_t)((uint64_t)g * UINT64_C(0x9E3779B97F4A7C15) >> 20) & (m->cap - 1);
    while (m->keys[i] && m->keys[i] != g) i = (i + 1) & (m->cap - 1);
    return i;
}

static int map_put(const songbad_allocator *a, group_map *m, sqlite3_int64 g, size_t v)
{
    if (2 * (m->n + 1) > m->cap) {
        group_map big = {NULL, NULL, m->cap ? 2 * m->cap : 64, 0};
        big.keys = songbad_alloc_realloc(a, NULL, big.cap * sizeof *big.keys);
        big.vals = songbad_alloc_realloc(a, NULL, big.cap * sizeof *big.vals);
        if (!big.keys || !big.vals) {
            songbad_alloc_free(a, big.keys);
            songbad_alloc_free(a, big.vals);
            return SONGBAD_E_NOMEM;
        }
        memset(big.keys, 0, big.cap * sizeof *big.keys);
        for (size_t i = 0; i < m->cap; i++)
            if (m->keys[i]) {
                size_t j = slot_of(&big, m->keys[i]);
                big.keys[j] = m->keys[i];
                big.vals[j] = m->vals[i];
                big.n++;
            }
        songbad_alloc_free(a, m->keys);
        songbad_alloc_free(a, m->vals);
        *m = big;
    }
    size_t i = slot_of(m, g);
    if (!m->keys[i]) m->n++;
    m->keys[i] = g;
    m->vals[i] = v;
    return SONGBAD_OK;
}

/* The kept index of group g, or SIZE_MAX. */
static size_t map_get(const group_map *m, sqlite3_int64 g)
{
    if (!m->cap) return SIZE_MAX;
    size_t i = slot_of(m, g);
    return m->keys[i] ? m->vals[i] : SIZE_MAX;
}

static songbad_str column_str(sqlite3_stmt *st, int i)
{
    songbad_str s;
    s.ptr = (const char *)sqlite3_column_text(st, i);
    s.len = (size_t)sqlite3_column_bytes(st, i);
    return s;
}

static void bind_opt(sqlite3_stmt *st, int i, songbad_str s)
{
    if (s.ptr && s.len) sqlite3_bind_text64(st, i, s.ptr, s.len, SQLITE_STATIC, SQLITE_UTF8);
    else sqlite3_bind_null(st, i);
}

/* Reports the kept hits [first, n) to fn. */
static int report(songbad_db *db, const songbad_search_opts *o, kept *k, size_t first,
                  size_t n, songbad_hit_fn fn, void *ctx)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db->sql,
                           "SELECT id, headline, date, source, url, body FROM articles"
                           " WHERE rowid = ?1",
                           -1, &st, NULL) != SQLITE_OK)
        return songbad_db_sqlite_error(db, "cannot read results");
    int rc = SONGBAD_OK;
    for (size_t i = first; !rc && i < n; i++) {
        sqlite3_reset(st);
        sqlite3_bind_int64(st, 1, k[i].rowid);
        if (sqlite3_step(st) != SQLITE_ROW) {
            rc = songbad_db_sqlite_error(db, "cannot read a result");
            break;
        }
        songbad_hit hit;
        memset(&hit, 0, sizeof hit);
        hit.rank = i + 1;
        hit.score = k[i].score;
        hit.id = column_str(st, 0);
        hit.headline = column_str(st, 1);
        hit.date = column_str(st, 2);
        hit.source = column_str(st, 3);
        hit.url = column_str(st, 4);
        hit.duplicates = k[i].dups;
        if (o->snippets) { /* with the query's analyzer, warm from the query */
            songbad_str body = column_str(st, 5);
            rc = make_snippet(db, body.ptr, body.len, &hit);
            if (rc) break;
        }
        rc = fn(ctx, &hit);
    }
    sqlite3_finalize(st);
    return rc == SONGBAD_DONE ? SONGBAD_OK : rc;
}

/* The hits of one run of the query: every match in rank order, folded. */
typedef struct collected {
    kept *k;
    size_t nk, capk, matches;
    group_map groups;
} collected;

static void collected_free(songbad_db *db, collected *c)
{
    songbad_alloc_free(&db->alloc, c->k);
    songbad_alloc_free(&db->alloc, c->groups.keys);
    songbad_alloc_free(&db->alloc, c->groups.vals);
    memset(c, 0, sizeof *c);
}

/* Runs MATCH expression match with phrase weights w; keeps the first want
 * hits (near-duplicates folded unless o->all) and counts the rest. */
static int collect(songbad_db *db, const songbad_search_opts *o, const char *match,
                   const char *w, size_t want, collected *c)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(
            db->sql,
            "SELECT a.rowid, a.dup_group,"
            " songbad_rank(fts, ?2, " SONGBAD_COLUMN_WEIGHTS_SQL ") AS score"
            " FROM fts JOIN articles a ON a.rowid = fts.rowid"
            " WHERE fts MATCH ?1"
            " AND (?3 IS NULL OR substr(a.date, 1, 10) >= ?3)"
            " AND (?4 IS NULL OR substr(a.date, 1, 10) <= ?4)"
            " AND (?5 IS NULL OR a.source = ?5)"
            " ORDER BY score DESC, a.rowid",
            -1, &st, NULL) != SQLITE_OK)
        return songbad_db_sqlite_error(db, "cannot prepare the search");
    sqlite3_bind_text(st, 1, match, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, w, -1, SQLITE_STATIC);
    bind_opt(st, 3, o->from);
    bind_opt(st, 4, o->to);
    bind_opt(st, 5, o->source);
    int rc = SONGBAD_OK, step;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        sqlite3_int64 rowid = sqlite3_column_int64(st, 0);
        sqlite3_int64 group = sqlite3_column_int64(st, 1);
        double score = sqlite3_column_double(st, 2);
        c->matches++;
        size_t j = o->all ? SIZE_MAX : map_get(&c->groups, group);
        if (j != SIZE_MAX) { /* a near-duplicate of a better hit */
            if (j < c->nk) c->k[j].dups++;
            continue;
        }
        if (!o->all &&
            map_put(&db->alloc, &c->groups, group, c->nk < want ? c->nk : SIZE_MAX - 1)) {
            rc = SONGBAD_E_NOMEM;
            break;
        }
        if (c->nk >= want) continue; /* counted, not reported */
        if (songbad_grow(&db->alloc, (void **)&c->k, &c->capk, c->nk + 1, sizeof *c->k)) {
            rc = SONGBAD_E_NOMEM;
            break;
        }
        c->k[c->nk].rowid = rowid;
        c->k[c->nk].group = group;
        c->k[c->nk].score = score;
        c->k[c->nk].dups = 0;
        c->nk++;
    }
    if (!rc && step != SQLITE_DONE) {
        rc = songbad_db_sqlite_error(db, "search failed");
        if (strstr(sqlite3_errmsg(db->sql), "syntax") || strstr(sqlite3_errmsg(db->sql), "fts5")) {
            songbad_db_set_error(db, "the query cannot be searched: %s", sqlite3_errmsg(db->sql));
            rc = SONGBAD_E_QUERY;
        }
    }
    sqlite3_finalize(st);
    return rc;
}

/* The near-duplicates of kept hit h that match too: the other members of
 * its group (all ranked below it, or one of them would have been kept). */
static int count_dups(songbad_db *db, const char *match, kept *h)
{
    sqlite3_stmt *st;
    /* most articles have no near-duplicate: then the query need not run */
    if (sqlite3_prepare_v2(db->sql,
                           "SELECT EXISTS (SELECT 1 FROM articles WHERE dup_group = ?1"
                           " AND rowid != ?2)",
                           -1, &st, NULL) != SQLITE_OK)
        return songbad_db_sqlite_error(db, "cannot prepare the search");
    sqlite3_bind_int64(st, 1, h->group);
    sqlite3_bind_int64(st, 2, h->rowid);
    int step = sqlite3_step(st), any = step == SQLITE_ROW && sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    if (step != SQLITE_ROW) return songbad_db_sqlite_error(db, "search failed");
    h->dups = 0;
    if (!any) return SONGBAD_OK;
    if (sqlite3_prepare_v2(db->sql,
                           "SELECT count(*) FROM articles a WHERE a.dup_group = ?2"
                           " AND a.rowid != ?3 AND EXISTS"
                           " (SELECT 1 FROM fts WHERE fts MATCH ?1 AND fts.rowid = a.rowid)",
                           -1, &st, NULL) != SQLITE_OK)
        return songbad_db_sqlite_error(db, "cannot prepare the search");
    sqlite3_bind_text(st, 1, match, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, h->group);
    sqlite3_bind_int64(st, 3, h->rowid);
    int rc = sqlite3_step(st) == SQLITE_ROW ? SONGBAD_OK : songbad_db_sqlite_error(db, "search failed");
    h->dups = rc ? 0 : (size_t)sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return rc;
}

/* Folds one ranked row into c: a row of a group already kept is passed
 * over; else its group is marked and, while fewer than want are kept, the
 * row kept. grp: "SELECT dup_group ... WHERE rowid = ?1", NULL with o->all. */
static int fold_row(songbad_db *db, const songbad_search_opts *o, sqlite3_stmt *grp,
                    sqlite3_int64 rowid, double score, size_t want, collected *c)
{
    sqlite3_int64 group = rowid;
    if (!o->all) {
        sqlite3_reset(grp);
        sqlite3_bind_int64(grp, 1, rowid);
        if (sqlite3_step(grp) != SQLITE_ROW)
            return songbad_db_sqlite_error(db, "cannot read a result");
        group = sqlite3_column_int64(grp, 0);
        if (map_get(&c->groups, group) != SIZE_MAX) return SONGBAD_OK; /* folded */
        if (map_put(&db->alloc, &c->groups, group, c->nk)) return SONGBAD_E_NOMEM;
    }
    if (c->nk >= want) return SONGBAD_OK;
    if (songbad_grow(&db->alloc, (void **)&c->k, &c->capk, c->nk + 1, sizeof *c->k))
        return SONGBAD_E_NOMEM;
    kept k = {rowid, group, score, 0};
    c->k[c->nk++] = k;
    return SONGBAD_OK;
}

/* The matching near-duplicates of every kept hit: for a query of plain
 * words, by the members' text (rank_text.c: an FTS5 lookup by rowid seeks
 * in every phrase's document list, and merges a prefix's terms each time,
 * tens of milliseconds a member on a large index); else through FTS5. */
static int count_all_dups(songbad_db *db, const char *match, collected *c)
{
    songbad_rank_text *rt = NULL;
    int rc = songbad_rank_text_new(&db->alloc, songbad_query_analyzer(db->query),
                                   songbad_query_match(db->query), &rt);
    for (size_t i = 0; rc == SONGBAD_OK && i < c->nk; i++)
        rc = songbad_rank_text_count_group(rt, db, c->k[i].group, c->k[i].rowid, &c->k[i].dups);
    songbad_rank_text_free(rt);
    if (rc != SONGBAD_DONE) return rc;
    rc = SONGBAD_OK;
    for (size_t i = 0; !rc && i < c->nk; i++) rc = count_dups(db, match, &c->k[i]);
    return rc;
}

/* collect() without date or source filters, for large result sets: ranks
 * in the index alone and keeps the best `window` rows (SQLite keeps them in
 * a heap), then reads the group of those rows only. Reading a row of
 * `articles` for every match is what made a search on a large index slow.
 * The window grows when near-duplicates fill it. */
static int collect_top(songbad_db *db, const songbad_search_opts *o, const char *match,
                       const char *w, size_t want, collected *c)
{
    sqlite3_stmt *st = NULL, *grp = NULL;
    int rc = SONGBAD_OK;
    if (sqlite3_prepare_v2(db->sql,
                           /* ranking counts the matches (?4): no second
                              pass over them */
                           "SELECT rowid, songbad_rank_top(fts, ?3, ?4, ?2, " SONGBAD_COLUMN_WEIGHTS_SQL
                           ") AS score FROM fts WHERE fts MATCH ?1"
                           " ORDER BY score DESC, rowid LIMIT ?3",
                           -1, &st, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db->sql, "SELECT dup_group FROM articles WHERE rowid = ?1", -1, &grp,
                           NULL) != SQLITE_OK) {
        sqlite3_finalize(st);
        return songbad_db_sqlite_error(db, "cannot prepare the search");
    }
    sqlite3_bind_text(st, 1, match, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, w, -1, SQLITE_STATIC);
    sqlite3_int64 matches = 0;
    sqlite3_bind_pointer(st, 4, &matches, SONGBAD_RANK_COUNTER, NULL);
    for (size_t window = o->all ? want : 2 * want + 20;; window *= 4) {
        collected_free(db, c);
        sqlite3_reset(st);
        sqlite3_bind_int64(st, 3, (sqlite3_int64)window);
        matches = 0;
        size_t rows = 0;
        int step;
        while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW) {
            rows++;
            rc = fold_row(db, o, grp, sqlite3_column_int64(st, 0), sqlite3_column_double(st, 1),
                          want, c);
        }
        if (!rc && step != SQLITE_DONE && step != SQLITE_ROW) {
            rc = songbad_db_sqlite_error(db, "search failed");
            if (strstr(sqlite3_errmsg(db->sql), "syntax") || strstr(sqlite3_errmsg(db->sql), "fts5")) {
                songbad_db_set_error(db, "the query cannot be searched: %s", sqlite3_errmsg(db->sql));
                rc = SONGBAD_E_QUERY;
            }
        }
        c->matches = (size_t)matches;
        /* done when the page is full or every match was seen */
        if (rc || c->nk >= want || rows < window) break;
    }
    sqlite3_finalize(st);
    sqlite3_finalize(grp);
    if (!rc && !o->all) rc = count_all_dups(db, match, c);
    return rc;
}

/* The hits of search_best.c (ranked from the term lists), folded as
 * collect_top folds. SONGBAD_DONE when the lists do not serve the query. */
static int collect_best(songbad_db *db, const songbad_search_opts *o, size_t want,
                        collected *c)
{
    size_t limit = o->prune_matches ? o->prune_matches : SONGBAD_PRUNE_MATCHES;
    songbad_rank_text *rt = NULL;
    sqlite3_stmt *grp = NULL;
    int rc = SONGBAD_OK;
    if (!o->all &&
        sqlite3_prepare_v2(db->sql, "SELECT dup_group FROM articles WHERE rowid = ?1", -1, &grp,
                           NULL) != SQLITE_OK)
        return songbad_db_sqlite_error(db, "cannot prepare the search");
    /* ranks more candidates while near-duplicates fold the page short */
    size_t keep = SONGBAD_BEST_RANKED > 3 * want ? SONGBAD_BEST_RANKED : 3 * want;
    for (;; keep *= 4) {
        songbad_best_hit *h = NULL;
        size_t nh = 0, matches = 0;
        collected_free(db, c);
        songbad_rank_text_free(rt);
        rt = NULL;
        rc = songbad_search_best(db, limit, keep, &h, &nh, &matches, &rt);
        if (rc) break;
        for (size_t i = 0; !rc && i < nh && c->nk < want; i++)
            rc = fold_row(db, o, grp, h[i].rowid, h[i].score, want, c);
        songbad_alloc_free(&db->alloc, h);
        c->matches = matches;
        if (rc || c->nk >= want || keep >= matches || keep >= SONGBAD_BEST_RANKED_MAX) break;
    }
    sqlite3_finalize(grp);
    /* a hit's matching near-duplicates, by their text (FTS5 would seek in
       every phrase's list for each) */
    for (size_t i = 0; !rc && !o->all && i < c->nk; i++)
        rc = songbad_rank_text_count_group(rt, db, c->k[i].group, c->k[i].rowid, &c->k[i].dups);
    songbad_rank_text_free(rt);
    return rc;
}

/* Filters need the articles' columns for every match; without them the
 * index alone ranks. */
static int run(songbad_db *db, const songbad_search_opts *o, const char *match, const char *w,
               size_t want, collected *c)
{
    int filtered = (o->from.ptr && o->from.len) || (o->to.ptr && o->to.len) ||
                   (o->source.ptr && o->source.len);
    return filtered ? collect(db, o, match, w, want, c) : collect_top(db, o, match, w, want, c);
}

static int search_in_snapshot(songbad_db *db, const songbad_search_opts *o, songbad_hit_fn fn,
                              void *ctx, size_t *total)
{
    db->errmsg[0] = '\0';
    if (!o->query.ptr && o->query.len) return SONGBAD_E_INVAL;
    if (o->query.len > SONGBAD_MAX_QUERY_BYTES) {
        /* compiling it would take seconds and gigabytes for no use */
        songbad_db_set_error(db, "the query is too long (%zu bytes; at most %d KB)",
                             o->query.len, SONGBAD_MAX_QUERY_BYTES >> 10);
        return SONGBAD_E_QUERY;
    }
    songbad_query_set_df(db->query, songbad_search_count_prefix_upto, db);
    int rc = songbad_query_compile(db->query, o->query.ptr ? o->query.ptr : "", o->query.len);
    if (rc == SONGBAD_E_QUERY) {
        songbad_db_set_error(db, "%s", songbad_query_error(db->query));
        return rc;
    }
    if (rc) return rc;
    size_t limit = o->limit ? o->limit : 10;
    size_t want = o->offset + limit;
    collected c;
    memset(&c, 0, sizeof c);
    char *pm = NULL, *pw = NULL;
    size_t pm_cap = 0, pw_cap = 0;
    int filtered = (o->from.ptr && o->from.len) || (o->to.ptr && o->to.len) ||
                   (o->source.ptr && o->source.len);
    /* with term lists (index_best.c), a query of common words is ranked
       from them (search_best.c); else on a large index, first rank only the
       articles with the rarer words (search_prune.c); when either finds too
       few, rank every match */
    rc = SONGBAD_DONE;
    if (!filtered && o->prune_matches != SIZE_MAX) rc = collect_best(db, o, want, &c);
    if (rc == SONGBAD_OK && c.nk < want) rc = SONGBAD_DONE;
    if (rc == SONGBAD_DONE) {
        collected_free(db, &c);
        rc = songbad_search_prune(db,
                                  o->prune_matches ? o->prune_matches : SONGBAD_PRUNE_MATCHES,
                                  &pm, &pm_cap, &pw, &pw_cap);
        if (rc == SONGBAD_OK) {
            rc = run(db, o, pm, pw ? pw : "", want, &c);
            if (rc == SONGBAD_OK && c.nk < want) {
                collected_free(db, &c);
                rc = SONGBAD_DONE;
            }
        }
        songbad_alloc_free(&db->alloc, pm);
        songbad_alloc_free(&db->alloc, pw);
        if (rc == SONGBAD_DONE)
            rc = run(db, o, songbad_query_match(db->query), songbad_query_weights(db->query),
                     want, &c);
    }
    if (!rc) {
        size_t end = c.nk < want ? c.nk : want;
        rc = report(db, o, c.k, o->offset < end ? o->offset : end, end, fn, ctx);
    }
    if (total) *total = c.matches;
    collected_free(db, &c);
    return rc;
}

/* One read transaction for the whole search: every statement sees the same
 * snapshot (the term lists agree with the index they were read with), and
 * SQLite takes its locks and checks the file once instead of per statement. */
int songbad_search(songbad_db *db, const songbad_search_opts *o, songbad_hit_fn fn,
                   void *ctx, size_t *total)
{
    if (!db || !o || !fn) return SONGBAD_E_INVAL;
    int own = sqlite3_get_autocommit(db->sql) &&
              sqlite3_exec(db->sql, "BEGIN", NULL, NULL, NULL) == SQLITE_OK;
    int rc = search_in_snapshot(db, o, fn, ctx, total);
    if (own) sqlite3_exec(db->sql, "COMMIT", NULL, NULL, NULL);
    return rc;
}
