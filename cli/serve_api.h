/* serve_api.h - the JSON API of `songbad serve`, apart from HTTP: a path
 * and its query parameters in, a status and a JSON text out. */
#ifndef SONGBAD_SERVE_API_H
#define SONGBAD_SERVE_API_H

#include "serve_db.h"

/* Limits on what a request may ask (bytes); beyond them: 413. */
#define SERVE_MAX_QUERY 1000
#define SERVE_MAX_TEXT 20000
#define SERVE_MAX_ID 512
#define SERVE_MAX_PAGE 1000
#define SERVE_MAX_SIZE 50

/* A query parameter by name (percent-decoded), its length in *len, or NULL. */
typedef const char *(*serve_arg_fn)(void *ctx, const char *name, size_t *len);

typedef struct serve_reply {
    int status; /* HTTP status */
    char *body; /* JSON text, malloc'd; NULL only when out of memory */
} serve_reply;

/* Answers GET path (which starts with "/api/"). */
void serve_api(serve_store *s, const char *path, serve_arg_fn arg, void *ctx,
               serve_reply *r);

/* An error reply {"error":{"status":N,"message":M}}. */
void serve_error(serve_reply *r, int status, const char *message);

#endif
