/* store_backend.h - the one storage interface of the songbad tool. ingest,
 * search, show and stats talk to a `store` through these function pointers;
 * two backends implement them (`songbad serve` too, through serve_db.c, one
 * store per worker thread): SQLite (backend_sqlite.c, the library's
 * songbad_db_* API, the default) and PostgreSQL (backend_pg*.c, libpq).
 *
 * Conventions shared by every function:
 * - return SONGBAD_OK or a SONGBAD_E_* code; on failure errmsg() says what
 *   went wrong in one line (never printed by the backend itself);
 * - strings handed out (songbad_doc, songbad_db_stats, songbad_hit) are
 *   borrowed and stay valid until the next call on the same store;
 * - a store is used by one thread at a time. */
#ifndef SONGBAD_CLI_STORE_BACKEND_H
#define SONGBAD_CLI_STORE_BACKEND_H

#include "songbad.h"

typedef struct store store;

typedef struct store_backend {
    const char *name; /* "sqlite", "postgresql" */

    /* Opens the store at target (a file path; a libpq URL or conninfo).
     * flags: SONGBAD_DB_READONLY (search only) or SONGBAD_DB_CREATE (create
     * the schema if missing). On failure *out is NULL and err holds a
     * one-line message that names the target. */
    int (*open)(const char *target, unsigned flags, store **out, char err[SONGBAD_ERR_LEN]);
    /* Closes the store; an open transaction is rolled back. NULL is fine. */
    void (*close)(store *s);
    /* The message of the last failed call. */
    const char *(*errmsg)(const store *s);

    /* Groups adds into one transaction (all or nothing, and faster). */
    int (*begin)(store *s);
    int (*commit)(store *s);

    /* Stores a structured article (songbad_db_add_article semantics): an
     * article whose id is present is skipped (SONGBAD_SKIPPED_SAME_ID) or,
     * with SONGBAD_ADD_UPDATE, replaced; one whose text is present under
     * another id is skipped (SONGBAD_SKIPPED_SAME_CONTENT). A bad article
     * gives SONGBAD_E_INVAL, SONGBAD_E_UTF8 or SONGBAD_E_TOOBIG (skip it and
     * go on); anything else is a store failure. */
    int (*add_article)(store *s, const songbad_article *a, unsigned flags,
                       songbad_add_status *status);

    /* Runs a search (songbad_search semantics): fn is called for each hit in
     * rank order; *total (if not NULL) gets the number of matches. A
     * malformed query gives SONGBAD_E_QUERY. */
    int (*search)(store *s, const songbad_search_opts *opts, songbad_hit_fn fn, void *ctx,
                  size_t *total);

    /* Reads the article id into *doc; SONGBAD_E_NOTFOUND if there is none. */
    int (*get)(store *s, songbad_str id, songbad_doc *doc);

    /* Fills *st; fn (if not NULL) is called for each source with its count,
     * most frequent first. */
    int (*stats)(store *s, songbad_db_stats *st,
                 int (*fn)(void *ctx, songbad_str source, size_t count), void *ctx);

    /* Calls fn for every article that belongs to a group of near-duplicates,
     * group by group, in insertion order (songbad_db_dups semantics; group
     * is a number shared by the group's articles). PostgreSQL keeps no
     * near-duplicate groups: there it never calls fn and returns SONGBAD_OK. */
    int (*dups)(store *s,
                int (*fn)(void *ctx, long long group, songbad_str id, songbad_str headline,
                          songbad_str source),
                void *ctx);

    /* Makes the term lists that keep searches of common words fast on a
     * large store (songbad_db_optimize semantics): the best per_term (0:
     * the default) articles of every term in more; *terms: how many terms
     * were listed. */
    int (*optimize)(store *s, size_t per_term, size_t *terms);
} store_backend;

/* Every store starts with its backend, so callers write s->be->search(s, ...). */
struct store {
    const store_backend *be;
};

extern const store_backend store_backend_sqlite;
extern const store_backend store_backend_pg;

/* Opens the store the command line names: --db PATH (SQLite) or --pg URL
 * (PostgreSQL); exactly one of db_path and pg_url is not NULL. */
int store_open(const char *db_path, const char *pg_url, unsigned flags, store **out,
               char err[SONGBAD_ERR_LEN]);

/* Writes a PostgreSQL URL or conninfo with its password (if any) replaced
 * by "***", for messages (backend_pg.c). */
void store_pg_redact(const char *url, char *dst, size_t cap);

#endif
