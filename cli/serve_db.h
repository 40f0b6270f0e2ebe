/* serve_db.h - every database access of `songbad serve`, behind a few
 * functions, on the CLI's storage interface (store_backend.h): a SQLite
 * file (--db) or a PostgreSQL database (--pg). The functions are
 * thread-safe: each call borrows one store (a SQLite handle or a libpq
 * connection) of a small pool for its duration; stores are never shared. */
#ifndef SONGBAD_SERVE_DB_H
#define SONGBAD_SERVE_DB_H

#include "songbad.h"
#include <jansson.h>

typedef struct serve_store serve_store;

typedef enum serve_status {
    SERVE_OK = 0,
    SERVE_BAD_QUERY,   /* the message says what is wrong with the query */
    SERVE_NOT_FOUND,   /* no such article */
    SERVE_UNAVAILABLE, /* the database cannot be read */
    SERVE_NOMEM
} serve_status;

/* Facets count at most this many (folded) matches of a query. */
#define SERVE_FACET_LIMIT 2000

typedef struct serve_query {
    songbad_str q, from, to, source; /* absent = {NULL, 0} */
    size_t page, size;               /* page from 1 */
} serve_query;

/* Opens the database read-only with up to `handles` stores (opened when
 * first needed; one is opened now to check the database): the SQLite file
 * path, or the PostgreSQL database url when url is not NULL. A store whose
 * call fails is closed and opened again on next use, so a server that
 * comes back (PostgreSQL restarted) is served again. */
int serve_store_open(const char *path, const char *url, size_t handles, serve_store **out,
                     char err[SONGBAD_ERR_LEN]);
void serve_store_close(serve_store *s);

/* Sets *out to {"total", "results", "facets", "duplicates"}. On
 * SERVE_BAD_QUERY msg holds the reason. "duplicates" is always [] on
 * PostgreSQL, which keeps no near-duplicate groups. */
serve_status serve_store_search(serve_store *s, const serve_query *q, json_t **out,
                                char msg[SONGBAD_ERR_LEN]);

/* Sets *out to the stored article (the fields of `songbad show --json`). */
serve_status serve_store_article(serve_store *s, songbad_str id, json_t **out,
                                 char msg[SONGBAD_ERR_LEN]);

/* Sets *out to {"articles", "sources", "first_date", "last_date"}. */
serve_status serve_store_health(serve_store *s, json_t **out);

#endif
