/* cmd_serve.c - `songbad serve --db DB|--pg URL [--host H] [--port P]`: the JSON API
 * (serve_api.c) and the search page (web/, embedded) over HTTP, on
 * libmicrohttpd with a small pool of threads. Runs until SIGINT/SIGTERM. */
#include "cli.h"
#include "lazy_mhd.h"
#include "serve_api.h"
#include "serve_static.h"
#include "store_backend.h"

#include <arpa/inet.h>
#include <jansson.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#define THREADS 4           /* worker threads, and database stores */
#define MAX_CONNECTIONS 256 /* more are refused by the listener */
#define IDLE_TIMEOUT 10     /* seconds a connection may stay silent */
#define MEMORY_LIMIT 65536  /* bytes per connection for the request head */

typedef struct server {
    serve_store *store;
    serve_fonts *fonts;
} server;

static const char *const csp =
    "default-src 'none'; script-src 'self'; style-src 'self'; font-src 'self'; "
    "connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'";

static enum MHD_Result send_reply(struct MHD_Connection *c, int status, const char *type,
                                  const void *data, size_t len, enum MHD_ResponseMemoryMode mode,
                                  const char *cache)
{
    struct MHD_Response *r = MHD_create_response_from_buffer(len, (void *)data, mode);
    if (!r) return MHD_NO;
    MHD_add_response_header(r, "Content-Type", type);
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
    MHD_add_response_header(r, "Cache-Control", cache);
    if (strncmp(type, "text/html", 9) == 0) {
        MHD_add_response_header(r, "Content-Security-Policy", csp);
        MHD_add_response_header(r, "X-Frame-Options", "DENY");
    }
    if (status == MHD_HTTP_METHOD_NOT_ALLOWED) MHD_add_response_header(r, "Allow", "GET, HEAD");
    enum MHD_Result ok = MHD_queue_response(c, (unsigned)status, r);
    MHD_destroy_response(r);
    return ok;
}

static enum MHD_Result send_json(struct MHD_Connection *c, serve_reply *rep)
{
    if (!rep->body) return MHD_NO;
    return send_reply(c, rep->status, "application/json; charset=utf-8", rep->body,
                      strlen(rep->body), MHD_RESPMEM_MUST_FREE, "no-store");
}

static enum MHD_Result send_error(struct MHD_Connection *c, int status, const char *msg)
{
    serve_reply rep;
    serve_error(&rep, status, msg);
    return send_json(c, &rep);
}

/* What the raw request line says that the decoded URL no longer shows. */
typedef struct request {
    int replied; /* the reply is queued; more calls only bring body data */
    int encoded; /* the path has %-escapes */
    int nul;     /* one of them is %00, which would cut the decoded path */
} request;

static void *on_uri(void *cls, const char *uri, struct MHD_Connection *c)
{
    (void)cls;
    (void)c;
    request *r = calloc(1, sizeof *r);
    if (!r) return NULL;
    for (const char *p = uri; *p && *p != '?'; p++)
        if (*p == '%') {
            r->encoded = 1;
            if (p[1] == '0' && p[2] == '0') r->nul = 1;
        }
    return r;
}

static void on_done(void *cls, struct MHD_Connection *c, void **con_cls,
                    enum MHD_RequestTerminationCode toe)
{
    (void)cls;
    (void)c;
    (void)toe;
    free(*con_cls);
    *con_cls = NULL;
}

static const char *get_arg(void *ctx, const char *name, size_t *len)
{
    const char *v = NULL;
    if (MHD_lookup_connection_value_n(ctx, MHD_GET_ARGUMENT_KIND, name, strlen(name), &v,
                                      len) != MHD_YES)
        return NULL;
    if (!v) *len = 0;
    return v;
}

/* Whether the request announces a body (a GET has none to give). */
static int has_body(struct MHD_Connection *c)
{
    const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
    const char *te = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Transfer-Encoding");
    return te || (cl && strcmp(cl, "0") != 0);
}

static enum MHD_Result handle(void *cls, struct MHD_Connection *c, const char *url,
                              const char *method, const char *version,
                              const char *upload_data, size_t *upload_size, void **con_cls)
{
    (void)version;
    (void)upload_data;
    server *srv = cls;
    request *req = *con_cls;
    if (!req) return MHD_NO; /* out of memory: close the connection */
    if (req->replied) { /* body data after the reply was queued: drop it */
        *upload_size = 0;
        return MHD_YES;
    }
    req->replied = 1;
    if (strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0)
        return send_error(c, MHD_HTTP_METHOD_NOT_ALLOWED, "only GET and HEAD are allowed");
    if (has_body(c))
        return send_error(c, MHD_HTTP_CONTENT_TOO_LARGE, "a request body is not accepted");
    if (req->nul) return send_error(c, MHD_HTTP_NOT_FOUND, "no such page");
    if (strncmp(url, "/api/", 5) == 0) {
        serve_reply rep;
        serve_api(srv->store, url, get_arg, c, &rep);
        return send_json(c, &rep);
    }
    /* the page's files have plain names: an escape is never one of them */
    const serve_file *f = req->encoded ? NULL : serve_static_find(srv->fonts, url);
    if (!f) return send_error(c, MHD_HTTP_NOT_FOUND, "no such page");
    return send_reply(c, MHD_HTTP_OK, f->type, f->data, f->len, MHD_RESPMEM_PERSISTENT,
                      strncmp(url, "/fonts/", 7) == 0 ? "max-age=86400" : "no-cache");
}

/* Fills addr from a numeric IPv4 or IPv6 address; 0 when it is neither. */
static int parse_host(const char *host, unsigned port, struct sockaddr_storage *addr,
                      int *ipv6)
{
    memset(addr, 0, sizeof *addr);
    struct sockaddr_in *a4 = (struct sockaddr_in *)addr;
    struct sockaddr_in6 *a6 = (struct sockaddr_in6 *)addr;
    if (inet_pton(AF_INET, host, &a4->sin_addr) == 1) {
        a4->sin_family = AF_INET;
        a4->sin_port = htons((uint16_t)port);
        *ipv6 = 0;
        return 1;
    }
    if (inet_pton(AF_INET6, host, &a6->sin6_addr) == 1) {
        a6->sin6_family = AF_INET6;
        a6->sin6_port = htons((uint16_t)port);
        *ipv6 = 1;
        return 1;
    }
    return 0;
}

int cmd_serve(int argc, char **argv)
{
    const char *db = NULL, *host = "127.0.0.1", *port_s = "8080", *pg = NULL;
    static const char *const valued[] = {"--db", "--host", "--port", "--pg"};
    const char **slots[] = {&db, &host, &port_s, &pg};
    for (int i = 1; i < argc; i++) {
        int matched = 0;
        for (int k = 0; k < 4 && !matched; k++) {
            int r = cli_option_value(argc, argv, &i, valued[k], slots[k]);
            if (r < 0) return cli_usage_error("%s needs a value", valued[k]);
            matched = r;
        }
        if (!matched) return cli_usage_error("serve: unexpected argument '%s'", argv[i]);
    }
    if (db && pg) return cli_usage_error("serve takes --db DB or --pg URL, not both");
    if (!db && !pg) return cli_usage_error("serve needs --db DB");
    char *end;
    unsigned long port = strtoul(port_s, &end, 10);
    if (*end || !*port_s || port > 65535 || port_s[0] == '-')
        return cli_usage_error("--port needs a number from 0 to 65535, not '%s'", port_s);
    struct sockaddr_storage addr;
    int ipv6;
    if (!parse_host(host, (unsigned)port, &addr, &ipv6))
        return cli_usage_error("--host needs a numeric IPv4 or IPv6 address, not '%s'", host);

    server srv = {NULL, NULL};
    char err[SONGBAD_ERR_LEN];
    if (lazy_mhd_load(err, sizeof err)) return cli_fail(EXIT_IO, "%s", err);
    int rc = serve_store_open(db, pg, THREADS, &srv.store, err);
    if (rc == SONGBAD_E_NOMEM) return cli_fail(EXIT_NOMEM, "out of memory");
    if (rc) return cli_fail(EXIT_IO, "%s", err);
    if (!(srv.fonts = serve_fonts_load())) {
        serve_store_close(srv.store);
        return cli_fail(EXIT_NOMEM, "out of memory");
    }
    json_object_seed(0); /* before any thread: jansson's hash seed is global */
    /* the signals are taken by sigwait below, in no worker thread */
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop, NULL);
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_AUTO | (ipv6 ? MHD_USE_IPv6 : 0);
    struct MHD_Daemon *d = MHD_start_daemon(
        flags, (uint16_t)port, NULL, NULL, handle, &srv,
        MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr,
        MHD_OPTION_THREAD_POOL_SIZE, (unsigned)THREADS,
        MHD_OPTION_CONNECTION_LIMIT, (unsigned)MAX_CONNECTIONS,
        MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)IDLE_TIMEOUT,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)MEMORY_LIMIT,
        MHD_OPTION_URI_LOG_CALLBACK, on_uri, NULL,
        MHD_OPTION_NOTIFY_COMPLETED, on_done, NULL,
        MHD_OPTION_END);
    int code = EXIT_OK;
    if (!d) {
        code = cli_fail(EXIT_IO, "cannot listen on %s port %lu", host, port);
    } else {
        const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
        char what[256];
        if (pg) store_pg_redact(pg, what, sizeof what);
        else snprintf(what, sizeof what, "%s", db);
        fprintf(stderr, "songbad: serving %s at http://%s%s%s:%u/\n", what, ipv6 ? "[" : "",
                host, ipv6 ? "]" : "", info ? (unsigned)info->port : (unsigned)port);
        int sig;
        sigwait(&stop, &sig);
        MHD_stop_daemon(d);
    }
    serve_fonts_free(srv.fonts);
    serve_store_close(srv.store);
    return code;
}
