/* backend_pg.c - the PostgreSQL store through libpq: connecting, the schema
 * (docs/postgres.md), transactions, show and stats. Lexemes are computed
 * here, in the client, by songbad's analyzer, so any PostgreSQL server
 * works; the songbad extension is not needed for the CLI. */
#include "backend_pg.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SCHEMA_VERSION "1"

/* IF NOT EXISTS throughout: a sharded set-up (scripts/pg_shard.sh) creates
 * its partitioned `articles` first and the rest is added here. */
static const char schema_sql[] =
    "CREATE SEQUENCE IF NOT EXISTS songbad_seq;"
    "CREATE TABLE IF NOT EXISTS articles("
    " id text PRIMARY KEY,"
    " seq bigint NOT NULL DEFAULT nextval('songbad_seq'),"
    " content_hash text NOT NULL,"
    " headline text, lead text, body text NOT NULL, captions text, byline text,"
    " agencies text, source text, date text, url text, category text, lang text,"
    " extra text, original text,"
    " len_headline int NOT NULL, len_lead int NOT NULL, len_body int NOT NULL,"
    " len_captions int NOT NULL,"
    " tsv tsvector NOT NULL, source_tsv tsvector);"
    "CREATE INDEX IF NOT EXISTS articles_tsv ON articles USING gin(tsv);"
    "CREATE INDEX IF NOT EXISTS articles_hash ON articles(content_hash);"
    "CREATE INDEX IF NOT EXISTS articles_date ON articles(date);"
    "CREATE INDEX IF NOT EXISTS articles_source ON articles(source);"
    /* byte order (COLLATE "C"): the key is compared a million times per
     * ingest batch, and no one reads lexemes in a language's order */
    "CREATE TABLE IF NOT EXISTS songbad_terms(lexeme text COLLATE \"C\" PRIMARY KEY,"
    " df bigint NOT NULL);"
    "CREATE TABLE IF NOT EXISTS songbad_corpus(docs bigint NOT NULL,"
    " len_headline bigint NOT NULL, len_lead bigint NOT NULL, len_body bigint NOT NULL,"
    " len_captions bigint NOT NULL);"
    "INSERT INTO songbad_corpus SELECT 0, 0, 0, 0, 0"
    " WHERE NOT EXISTS (SELECT 1 FROM songbad_corpus);"
    "CREATE TABLE IF NOT EXISTS songbad_meta(key text PRIMARY KEY, value text NOT NULL);"
    "INSERT INTO songbad_meta VALUES ('schema_version', '" SCHEMA_VERSION "')"
    " ON CONFLICT (key) DO NOTHING;";

/* The first line of a libpq or server message. */
static void first_line(char *dst, size_t cap, const char *msg)
{
    size_t n = strcspn(msg ? msg : "", "\n");
    while (n && (msg[n - 1] == ' ' || msg[n - 1] == '\r')) n--;
    snprintf(dst, cap, "%.*s", (int)n, msg ? msg : "");
}

int pg_fail(pg_store *s, int code, const char *what, const PGresult *res)
{
    char line[200];
    first_line(line, sizeof line, res ? PQresultErrorMessage(res) : PQerrorMessage(s->conn));
    if (!line[0]) first_line(line, sizeof line, PQerrorMessage(s->conn));
    snprintf(s->errmsg, sizeof s->errmsg, "%.90s: %.40s: %.110s", s->target, what, line);
    return code;
}

void pg_hold(pg_store *s, PGresult *res)
{
    PQclear(s->held);
    s->held = res;
}

int pg_command(pg_store *s, const char *sql, int n, const char *const *vals, const char *what)
{
    PGresult *res = PQexecParams(s->conn, sql, n, NULL, vals, NULL, NULL, 0);
    int rc = PQresultStatus(res) == PGRES_COMMAND_OK ? SONGBAD_OK
                                                     : pg_fail(s, SONGBAD_E_DB, what, res);
    PQclear(res);
    return rc;
}

int pg_exec(pg_store *s, const char *sql, const char *what)
{
    PGresult *res = PQexec(s->conn, sql);
    int ok = PQresultStatus(res) == PGRES_COMMAND_OK || PQresultStatus(res) == PGRES_TUPLES_OK;
    int rc = ok ? SONGBAD_OK : pg_fail(s, SONGBAD_E_DB, what, res);
    PQclear(res);
    return rc;
}

/* The URL for messages: a password (user:PASSWORD@ or password=...) is
 * replaced by "***". */
static void redact(char *dst, size_t cap, const char *url)
{
    const char *scheme = strstr(url, "://");
    const char *at = scheme ? strchr(scheme + 3, '@') : NULL;
    const char *colon = at ? memchr(scheme + 3, ':', (size_t)(at - scheme - 3)) : NULL;
    const char *pw = strstr(url, "password=");
    if (colon) snprintf(dst, cap, "%.*s:***%s", (int)(colon - url), url, at);
    else if (pw) snprintf(dst, cap, "%.*spassword=***", (int)(pw - url), url);
    else snprintf(dst, cap, "%s", url);
}

void store_pg_redact(const char *url, char *dst, size_t cap) { redact(dst, cap, url); }

static void pg_close(store *st)
{
    pg_store *s = (pg_store *)st;
    if (!s) return;
    if (s->conn && s->in_txn) PQclear(PQexec(s->conn, "ROLLBACK"));
    /* Fresh statistics. Autovacuum never analyzes a partitioned table, and
     * without them the planner does not send ORDER BY ... LIMIT to the
     * shards (postgres_fdw); a failure here changes no data. */
    else if (s->conn && s->wrote) {
        PQclear(PQexec(s->conn, "ANALYZE articles"));
        /* Searches read the GIN pending list (see the session settings)
         * row by row: merge it into the index now. Any GIN index on an
         * articles table (its partitions too), so a sharded set-up with
         * other index names is served as well. */
        PQclear(PQexec(s->conn,
                       "SELECT gin_clean_pending_list(i.indexrelid) FROM pg_index i"
                       " JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am a ON a.oid = c.relam"
                       " JOIN pg_class t ON t.oid = i.indrelid"
                       " WHERE a.amname = 'gin' AND t.relkind = 'r'"
                       " AND (t.relname = 'articles' OR t.relispartition)"
                       " AND pg_has_role(t.relowner, 'USAGE')"));
    }
    PQclear(s->held);
    PQclear(s->parts);
    PQfinish(s->conn);
    songbad_analyzer_free(s->an);
    songbad_query_plan_free(s->plan);
    songbad_normalizer_free(s->norm);
    pg_df_free(&s->df);
    free(s);
}

static int has_schema(pg_store *s, int *yes)
{
    PGresult *res = PQexec(s->conn, "SELECT to_regclass('songbad_meta') IS NOT NULL,"
                                    " to_regclass('articles') IS NOT NULL");
    if (PQresultStatus(res) != PGRES_TUPLES_OK) {
        int rc = pg_fail(s, SONGBAD_E_DB, "cannot read the catalog", res);
        PQclear(res);
        return rc;
    }
    *yes = strcmp(PQgetvalue(res, 0, 0), "t") == 0 && strcmp(PQgetvalue(res, 0, 1), "t") == 0;
    PQclear(res);
    return SONGBAD_OK;
}

static int check_version(pg_store *s)
{
    PGresult *res = PQexec(s->conn, "SELECT value FROM songbad_meta WHERE key = 'schema_version'");
    int rc = SONGBAD_OK;
    if (PQresultStatus(res) != PGRES_TUPLES_OK)
        rc = pg_fail(s, SONGBAD_E_DB, "cannot read the schema version", res);
    else if (PQntuples(res) == 1 && atoi(PQgetvalue(res, 0, 0)) > atoi(SCHEMA_VERSION)) {
        snprintf(s->errmsg, sizeof s->errmsg,
                 "%s: written by a newer songbad (schema %s); this songbad %s reads schema %s",
                 s->target, PQgetvalue(res, 0, 0), songbad_version(), SCHEMA_VERSION);
        rc = SONGBAD_E_SCHEMA;
    }
    PQclear(res);
    return rc;
}

static int pg_open(const char *target, unsigned flags, store **out, char err[SONGBAD_ERR_LEN])
{
    *out = NULL;
    pg_store *s = calloc(1, sizeof *s);
    if (!s) {
        snprintf(err, SONGBAD_ERR_LEN, "out of memory");
        return SONGBAD_E_NOMEM;
    }
    s->base.be = &store_backend_pg;
    redact(s->target, sizeof s->target, target);
    s->readonly = (flags & SONGBAD_DB_READONLY) != 0;
    int rc = SONGBAD_OK;
    if (lazy_pq_load(s->errmsg, sizeof s->errmsg)) {
        snprintf(err, SONGBAD_ERR_LEN, "%s", s->errmsg);
        free(s);
        return SONGBAD_E_IO;
    }
    s->conn = PQconnectdb(target);
    if (!s->conn) rc = SONGBAD_E_NOMEM;
    else if (PQstatus(s->conn) != CONNECTION_OK) rc = pg_fail(s, SONGBAD_E_DB, "cannot connect", NULL);
    if (!rc && PQsetClientEncoding(s->conn, "UTF8") != 0)
        rc = pg_fail(s, SONGBAD_E_DB, "cannot use UTF-8", NULL);
    if (!rc) rc = pg_exec(s, "SET client_min_messages = warning", "cannot configure the session");
    if (!rc && s->readonly)
        rc = pg_exec(s, "SET default_transaction_read_only = on", "cannot configure the session");
    if (!rc && !s->readonly) {
        /* Articles are stored twice (parts and original): lz4 compresses
         * them several times faster than the default pglz. A server built
         * without lz4 refuses the setting and keeps pglz. */
        PQclear(PQexec(s->conn, "SET default_toast_compression = lz4"));
        /* New tsvectors wait in the GIN index's pending list until it is
         * this big, then are merged in one pass: fewer, larger merges than
         * with the default 4 MB. */
        rc = pg_exec(s, "SET gin_pending_list_limit = '32MB'", "cannot configure the session");
    }
    int present = 0;
    if (!rc) rc = has_schema(s, &present);
    if (!rc && !present) {
        if (s->readonly || !(flags & SONGBAD_DB_CREATE)) {
            snprintf(s->errmsg, sizeof s->errmsg, "%s: no songbad database here", s->target);
            rc = SONGBAD_E_SCHEMA;
        } else {
            rc = pg_exec(s, schema_sql, "cannot create the schema");
        }
    }
    if (!rc) rc = check_version(s);
    if (!rc) rc = songbad_analyzer_new(SONGBAD_ANALYZE_DEFAULT, NULL, &s->an);
    if (!rc) rc = songbad_query_plan_new(NULL, &s->plan);
    if (!rc) rc = songbad_normalizer_new(SONGBAD_NORM_SEARCH, NULL, &s->norm);
    if (rc) {
        snprintf(err, SONGBAD_ERR_LEN, "%s", s->errmsg[0] ? s->errmsg : songbad_strerror(rc));
        pg_close(&s->base);
        return rc;
    }
    *out = &s->base;
    return SONGBAD_OK;
}

static const char *pg_errmsg(const store *st) { return ((const pg_store *)st)->errmsg; }

static int pg_begin(store *st)
{
    pg_store *s = (pg_store *)st;
    if (s->in_txn) return SONGBAD_E_INVAL;
    int rc = pg_exec(s, "BEGIN", "cannot begin");
    if (!rc) s->in_txn = 1;
    return rc;
}

static int pg_commit(store *st)
{
    pg_store *s = (pg_store *)st;
    if (!s->in_txn) return SONGBAD_E_INVAL;
    int rc = pg_flush_df(s);
    if (!rc) rc = pg_exec(s, "COMMIT", "cannot commit");
    s->in_txn = 0;
    return rc;
}

songbad_str pg_col(const PGresult *res, int row, int c)
{
    songbad_str v = {NULL, 0};
    if (PQgetisnull(res, row, c)) return v;
    v.ptr = PQgetvalue(res, row, c);
    v.len = (size_t)PQgetlength(res, row, c);
    return v;
}

static int pg_get(store *st, songbad_str id, songbad_doc *doc)
{
    pg_store *s = (pg_store *)st;
    memset(doc, 0, sizeof *doc);
    const char *vals[1] = {id.ptr};
    int lens[1] = {(int)id.len}, fmts[1] = {0};
    char *key = malloc(id.len + 1);
    if (!key) return SONGBAD_E_NOMEM;
    memcpy(key, id.ptr, id.len);
    key[id.len] = '\0';
    vals[0] = key;
    PGresult *res = PQexecParams(
        s->conn,
        "SELECT id, headline, lead, body, captions, byline, agencies, source, date, url,"
        " category, lang, NULL, extra, coalesce(original, body) FROM articles WHERE id = $1",
        1, NULL, vals, lens, fmts, 0);
    free(key);
    if (PQresultStatus(res) != PGRES_TUPLES_OK) {
        int rc = pg_fail(s, SONGBAD_E_DB, "cannot read", res);
        PQclear(res);
        return rc;
    }
    pg_hold(s, res);
    if (PQntuples(res) == 0) {
        snprintf(s->errmsg, sizeof s->errmsg, "no article with id '%.*s'", (int)(id.len > 100 ? 100 : id.len),
                 id.ptr);
        return SONGBAD_E_NOTFOUND;
    }
    songbad_str *f[] = {&doc->id,     &doc->headline, &doc->lead,     &doc->body,
                        &doc->captions, &doc->byline, &doc->agencies, &doc->source,
                        &doc->date,   &doc->url,      &doc->category, &doc->lang,
                        &doc->structure, &doc->extra, &doc->original};
    for (int c = 0; c < 15; c++) *f[c] = pg_col(res, 0, c);
    return SONGBAD_OK;
}

static size_t num(const PGresult *res, int row, int c)
{
    return PQgetisnull(res, row, c) ? 0 : (size_t)strtoull(PQgetvalue(res, row, c), NULL, 10);
}

/* Sizes: relations of the table, its indexes and the side tables; on a
 * partitioned table with foreign partitions only what is local counts. */
static int pg_stats(store *st, songbad_db_stats *out,
                    int (*fn)(void *ctx, songbad_str source, size_t count), void *ctx)
{
    pg_store *s = (pg_store *)st;
    memset(out, 0, sizeof *out);
    if (fn) {
        PGresult *res = PQexec(s->conn, "SELECT source, count(*) AS n FROM articles"
                                        " WHERE source IS NOT NULL GROUP BY source"
                                        " ORDER BY n DESC, source");
        if (PQresultStatus(res) != PGRES_TUPLES_OK) {
            int rc = pg_fail(s, SONGBAD_E_DB, "cannot read the sources", res);
            PQclear(res);
            return rc;
        }
        int rc = SONGBAD_OK;
        for (int i = 0; i < PQntuples(res) && !rc; i++) rc = fn(ctx, pg_col(res, i, 0), num(res, i, 1));
        PQclear(res);
        return rc == SONGBAD_DONE ? SONGBAD_OK : rc;
    }
    PGresult *res = PQexec(
        s->conn,
        "SELECT count(*), count(DISTINCT source),"
        " coalesce(sum(octet_length(coalesce(original, body))), 0),"
        " min(substr(date, 1, 10)), max(substr(date, 1, 10)),"
        " (SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0) FROM pg_class c"
        "   WHERE c.relname IN ('articles', 'songbad_terms', 'songbad_corpus', 'songbad_meta')"
        "   OR c.oid IN (SELECT inhrelid FROM pg_inherits WHERE inhparent = 'articles'::regclass)),"
        " (SELECT coalesce(sum(pg_relation_size(i.indexrelid)), 0) FROM pg_index i"
        "   JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am am ON am.oid = c.relam"
        "   WHERE am.amname = 'gin')"
        "   + pg_total_relation_size('songbad_terms')"
        " FROM articles");
    if (PQresultStatus(res) != PGRES_TUPLES_OK) {
        int rc = pg_fail(s, SONGBAD_E_DB, "cannot read the statistics", res);
        PQclear(res);
        return rc;
    }
    pg_hold(s, res);
    out->articles = num(res, 0, 0);
    out->sources = num(res, 0, 1);
    out->text_bytes = num(res, 0, 2);
    out->first_date = pg_col(res, 0, 3);
    out->last_date = pg_col(res, 0, 4);
    out->file_bytes = num(res, 0, 5);
    out->index_bytes = num(res, 0, 6);
    return SONGBAD_OK;
}

/* The PostgreSQL schema has no near-duplicate groups (docs/postgres.md):
 * there is nothing to list. */
static int pg_dups(store *st,
                   int (*fn)(void *ctx, long long group, songbad_str id, songbad_str headline,
                             songbad_str source),
                   void *ctx)
{
    (void)st;
    (void)fn;
    (void)ctx;
    return SONGBAD_OK;
}

const store_backend store_backend_pg = {
    "postgresql", pg_open, pg_close, pg_errmsg, pg_begin, pg_commit,
    pg_add_article, pg_search, pg_get, pg_stats, pg_dups, pg_optimize,
};

void pg_buf_add(pg_buf *b, const char *s, size_t n)
{
    if (b->oom) return;
    if (b->n + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 256;
        while (cap < b->n + n + 1) cap *= 2;
        char *p = realloc(b->p, cap);
        if (!p) {
            b->oom = 1;
            return;
        }
        b->p = p;
        b->cap = cap;
    }
    if (n) memcpy(b->p + b->n, s, n);
    b->n += n;
    b->p[b->n] = '\0';
}

void pg_buf_str(pg_buf *b, const char *s) { pg_buf_add(b, s, strlen(s)); }

void pg_buf_array_num(pg_buf *b, long long v)
{
    char num[32];
    int len = snprintf(num, sizeof num, b->n > 1 ? ",%lld" : "%lld", v);
    pg_buf_add(b, num, (size_t)len);
}
