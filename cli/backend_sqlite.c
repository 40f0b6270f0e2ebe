/* backend_sqlite.c - the SQLite store: a thin wrapper over the library's
 * songbad_db_* API (one database file, FTS5 with songbad's tokenizer). */
#include "store_backend.h"

#include <stdio.h>
#include <stdlib.h>

typedef struct sqlite_store {
    store base;
    songbad_db *db;
} sqlite_store;

static songbad_db *db_of(store *s) { return ((sqlite_store *)s)->db; }

static int sq_open(const char *target, unsigned flags, store **out, char err[SONGBAD_ERR_LEN])
{
    *out = NULL;
    sqlite_store *s = calloc(1, sizeof *s);
    if (!s) {
        snprintf(err, SONGBAD_ERR_LEN, "%s: out of memory", target);
        return SONGBAD_E_NOMEM;
    }
    s->base.be = &store_backend_sqlite;
    int rc = songbad_db_open(target, flags, &s->db, err);
    if (rc) {
        free(s);
        return rc;
    }
    *out = &s->base;
    return SONGBAD_OK;
}

static void sq_close(store *s)
{
    if (!s) return;
    songbad_db_close(db_of(s));
    free(s);
}

static const char *sq_errmsg(const store *s)
{
    return songbad_db_errmsg(((const sqlite_store *)s)->db);
}

static int sq_begin(store *s) { return songbad_db_begin(db_of(s)); }
static int sq_commit(store *s) { return songbad_db_commit(db_of(s)); }

static int sq_add_article(store *s, const songbad_article *a, unsigned flags,
                          songbad_add_status *status)
{
    return songbad_db_add_article(db_of(s), a, flags, status);
}

static int sq_search(store *s, const songbad_search_opts *o, songbad_hit_fn fn, void *ctx,
                     size_t *total)
{
    return songbad_search(db_of(s), o, fn, ctx, total);
}

static int sq_get(store *s, songbad_str id, songbad_doc *doc)
{
    return songbad_db_get(db_of(s), id, doc);
}

static int sq_stats(store *s, songbad_db_stats *st,
                    int (*fn)(void *ctx, songbad_str source, size_t count), void *ctx)
{
    return songbad_db_stats_get(db_of(s), st, fn, ctx);
}

static int sq_dups(store *s,
                   int (*fn)(void *ctx, long long group, songbad_str id, songbad_str headline,
                             songbad_str source),
                   void *ctx)
{
    return songbad_db_dups(db_of(s), fn, ctx);
}

static int sq_optimize(store *s, size_t per_term, size_t *terms)
{
    return songbad_db_optimize(db_of(s), per_term, terms);
}

const store_backend store_backend_sqlite = {
    "sqlite", sq_open, sq_close, sq_errmsg, sq_begin, sq_commit,
    sq_add_article, sq_search, sq_get, sq_stats, sq_dups, sq_optimize,
};

int store_open(const char *db_path, const char *pg_url, unsigned flags, store **out,
               char err[SONGBAD_ERR_LEN])
{
    if (pg_url) return store_backend_pg.open(pg_url, flags, out, err);
    return store_backend_sqlite.open(db_path, flags, out, err);
}
