/*
 * songbad_ext.c - songbad as an SQLite loadable extension (build/songbad.so):
 *   sqlite3 news.db '.load build/songbad' "SELECT ..."
 * registers, on the connection:
 *   - the FTS5 tokenizer "songbad" and the ranking function songbad_rank();
 *   - songbad_query(text): the FTS5 MATCH expression songbad would run for a
 *     user query; songbad_query_weights(text): its phrase weights for
 *     songbad_rank();
 *   - songbad_normalize(text [, level]), songbad_stem(word),
 *     songbad_key(word), songbad_romanize(text).
 */
#include "songbad_int.h"
#include "sqlite_api.h"

SQLITE_EXTENSION_INIT1

#include <stdlib.h>

static void fail(sqlite3_context *ctx, int rc)
{
    if (rc == SONGBAD_E_NOMEM) sqlite3_result_error_nomem(ctx);
    else sqlite3_result_error(ctx, songbad_strerror(rc), -1);
}

static void query_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    SONGBAD_UNUSED(argc);
    const char *text = (const char *)sqlite3_value_text(argv[0]);
    int n = sqlite3_value_bytes(argv[0]);
    songbad_query *q;
    int rc = songbad_query_new(NULL, &q);
    if (rc) {
        fail(ctx, rc);
        return;
    }
    rc = songbad_query_compile(q, text ? text : "", (size_t)n);
    if (rc == SONGBAD_E_QUERY) sqlite3_result_error(ctx, songbad_query_error(q), -1);
    else if (rc) fail(ctx, rc);
    else if (sqlite3_user_data(ctx))
        sqlite3_result_text(ctx, songbad_query_weights(q), -1, SQLITE_TRANSIENT);
    else
        sqlite3_result_text(ctx, songbad_query_match(q), -1, SQLITE_TRANSIENT);
    songbad_query_free(q);
}

static void normalize_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    songbad_norm_level level = SONGBAD_NORM_SEARCH;
    if (argc > 1 && songbad_norm_level_parse((const char *)sqlite3_value_text(argv[1]),
                                             &level) != SONGBAD_OK) {
        sqlite3_result_error(ctx, "songbad_normalize: level is nfc, nfd, search or loose", -1);
        return;
    }
    if (sqlite3_value_type(argv[0]) == SQLITE_NULL) return;
    const char *text = (const char *)sqlite3_value_text(argv[0]);
    int n = sqlite3_value_bytes(argv[0]);
    songbad_normalizer *nz;
    int rc = songbad_normalizer_new(level, NULL, &nz);
    const char *out;
    size_t len;
    if (!rc) rc = songbad_normalize(nz, text ? text : "", (size_t)n, &out, &len, NULL);
    if (rc) fail(ctx, rc);
    else sqlite3_result_text64(ctx, out, len, SQLITE_TRANSIENT, SQLITE_UTF8);
    songbad_normalizer_free(nz);
}

typedef size_t (*word_fn)(const char *, size_t, char *, size_t);

/* Normalizes the argument (search level) and applies a word function. */
static void word_result(sqlite3_context *ctx, sqlite3_value *arg, word_fn fn)
{
    if (sqlite3_value_type(arg) == SQLITE_NULL) return;
    const char *text = (const char *)sqlite3_value_text(arg);
    int n = sqlite3_value_bytes(arg);
    songbad_normalizer *nz;
    int rc = songbad_normalizer_new(SONGBAD_NORM_SEARCH, NULL, &nz);
    const char *norm;
    size_t len;
    if (!rc) rc = songbad_normalize(nz, text ? text : "", (size_t)n, &norm, &len, NULL);
    char *buf = NULL;
    size_t cap = 4 * len + 16;
    if (!rc && !(buf = sqlite3_malloc64(cap))) rc = SONGBAD_E_NOMEM;
    if (rc) fail(ctx, rc);
    else {
        size_t m = fn(norm, len, buf, cap);
        sqlite3_result_text64(ctx, buf, m <= cap ? m : 0, SQLITE_TRANSIENT, SQLITE_UTF8);
    }
    sqlite3_free(buf);
    songbad_normalizer_free(nz);
}

static void stem_fn(sqlite3_context *c, int n, sqlite3_value **v) { SONGBAD_UNUSED(n); word_result(c, v[0], songbad_stem); }
static void key_fn(sqlite3_context *c, int n, sqlite3_value **v) { SONGBAD_UNUSED(n); word_result(c, v[0], songbad_name_key); }
static void romanize_fn(sqlite3_context *c, int n, sqlite3_value **v) { SONGBAD_UNUSED(n); word_result(c, v[0], songbad_romanize); }
static void romanize_iso_fn(sqlite3_context *c, int n, sqlite3_value **v) { SONGBAD_UNUSED(n); word_result(c, v[0], songbad_romanize_iso); }

#ifdef _WIN32
__declspec(dllexport)
#else
__attribute__((visibility("default")))
#endif
int sqlite3_songbad_init(sqlite3 *db, char **errmsg, const sqlite3_api_routines *api);

int sqlite3_songbad_init(sqlite3 *db, char **errmsg, const sqlite3_api_routines *api)
{
    SQLITE_EXTENSION_INIT2(api);
    int rc = songbad_fts5_register(db);
    if (rc != SQLITE_OK) {
        *errmsg = sqlite3_mprintf("songbad: this SQLite has no FTS5");
        return rc;
    }
    static int weights_flag = 1;
    int f = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS;
    if (!rc) rc = sqlite3_create_function(db, "songbad_query", 1, f, NULL, query_fn, NULL, NULL);
    if (!rc) rc = sqlite3_create_function(db, "songbad_query_weights", 1, f, &weights_flag, query_fn, NULL, NULL);
    if (!rc) rc = sqlite3_create_function(db, "songbad_normalize", 1, f, NULL, normalize_fn, NULL, NULL);
    if (!rc) rc = sqlite3_create_function(db, "songbad_normalize", 2, f, NULL, normalize_fn, NULL, NULL);
    if (!rc) rc = sqlite3_create_function(db, "songbad_stem", 1, f, NULL, stem_fn, NULL, NULL);
    if (!rc) rc = sqlite3_create_function(db, "songbad_key", 1, f, NULL, key_fn, NULL, NULL);
    if (!rc) rc = sqlite3_create_function(db, "songbad_romanize", 1, f, NULL, romanize_fn, NULL, NULL);
    if (!rc) rc = sqlite3_create_function(db, "songbad_romanize_iso", 1, f, NULL, romanize_iso_fn, NULL, NULL);
    return rc;
}
