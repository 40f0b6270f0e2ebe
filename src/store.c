/*
 * store.c - the songbad database: one SQLite file with an `articles` table
 * (every field of the structured article and the original text verbatim)
 * and an external-content FTS5 table `fts` over headline, lead, body,
 * captions and source, tokenized by songbad's own tokenizer.
 */
#include "songbad_int.h"

#include "sqlite_api.h"
#include <stdarg.h>
#include <stdio.h>

#define SCHEMA_VERSION 1

static const char schema_sql[] =
    "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
    /* Small columns first: SQLite reads a row from its start, so a search
       that needs dup_group, date and source for every match, or a dedup
       lookup that needs minhash, never walks the overflow pages of the
       texts. (Databases made before this order work the same, slower.) */
    "CREATE TABLE articles("
    " rowid INTEGER PRIMARY KEY,"
    " id TEXT NOT NULL UNIQUE,"
    " content_hash TEXT NOT NULL,"
    " dup_group INTEGER NOT NULL, date TEXT, source TEXT, minhash BLOB,"
    " lang TEXT, category TEXT, url TEXT, headline TEXT, agencies TEXT, byline TEXT,"
    " lead TEXT, captions TEXT, body TEXT NOT NULL, structure TEXT, extra TEXT,"
    " original TEXT);"
    "CREATE INDEX articles_hash ON articles(content_hash);"
    "CREATE INDEX articles_date ON articles(date);"
    "CREATE INDEX articles_source ON articles(source);"
    "CREATE INDEX articles_group ON articles(dup_group);"
    "CREATE TABLE minhash_bands(band INTEGER NOT NULL, article INTEGER NOT NULL);"
    "CREATE INDEX minhash_bands_band ON minhash_bands(band);"
    "CREATE VIRTUAL TABLE fts USING fts5(headline, lead, body, captions, source,"
    " content='articles', content_rowid='rowid', tokenize='songbad');"
    /* FTS5 writes its pending terms out as a new segment whenever they pass
     * 1 MB, and merges the segments later; an article gives three terms a
     * word (form, stem, key), so a batch of articles made dozens of small
     * segments. 64 MB holds a batch (cmd_ingest.c) and is written at its
     * commit: dev corpus ingest 4.2 -> 3.6 s, memory bounded by the batch. */
    "INSERT INTO fts(fts, rank) VALUES('hashsize', 67108864);";

void songbad_db_set_error(songbad_db *db, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(db->errmsg, sizeof db->errmsg, fmt, ap);
    va_end(ap);
}

int songbad_db_sqlite_error(songbad_db *db, const char *what)
{
    int code = sqlite3_errcode(db->sql);
    songbad_db_set_error(db, "%s: %s: %s", db->path, what, sqlite3_errmsg(db->sql));
    return code == SQLITE_NOMEM ? SONGBAD_E_NOMEM : SONGBAD_E_DB;
}

const char *songbad_db_errmsg(const songbad_db *db)
{
    return db ? db->errmsg : "no database";
}

static int exec(songbad_db *db, const char *sql)
{
    if (sqlite3_exec(db->sql, sql, NULL, NULL, NULL) != SQLITE_OK)
        return songbad_db_sqlite_error(db, "cannot run statement");
    return SONGBAD_OK;
}

/* Reads meta.schema_version; 0 when the database is empty. */
static int schema_version(songbad_db *db, int *version)
{
    *version = 0;
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db->sql,
                           "SELECT count(*) FROM sqlite_master WHERE name='meta'",
                           -1, &st, NULL) != SQLITE_OK)
        return songbad_db_sqlite_error(db, "not a songbad database");
    /* a failed step (out of memory, I/O) must not read as "no meta table" */
    if (sqlite3_step(st) != SQLITE_ROW) {
        sqlite3_finalize(st);
        return songbad_db_sqlite_error(db, "cannot read");
    }
    int has_meta = sqlite3_column_int(st, 0) > 0;
    sqlite3_finalize(st);
    if (!has_meta) {
        if (sqlite3_prepare_v2(db->sql, "SELECT count(*) FROM sqlite_master", -1, &st,
                               NULL) != SQLITE_OK)
            return songbad_db_sqlite_error(db, "cannot read");
        if (sqlite3_step(st) != SQLITE_ROW) {
            sqlite3_finalize(st);
            return songbad_db_sqlite_error(db, "cannot read");
        }
        int tables = sqlite3_column_int(st, 0);
        sqlite3_finalize(st);
        if (tables > 0) {
            songbad_db_set_error(db, "%s: not a songbad database (it has other tables)",
                                 db->path);
            return SONGBAD_E_SCHEMA;
        }
        return SONGBAD_OK;
    }
    if (sqlite3_prepare_v2(db->sql, "SELECT value FROM meta WHERE key='schema_version'",
                           -1, &st, NULL) != SQLITE_OK)
        return songbad_db_sqlite_error(db, "cannot read the schema version");
    int step = sqlite3_step(st);
    if (step == SQLITE_ROW) *version = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    if (step != SQLITE_ROW && step != SQLITE_DONE)
        return songbad_db_sqlite_error(db, "cannot read the schema version");
    return SONGBAD_OK;
}

static int create_schema(songbad_db *db)
{
    int rc = exec(db, "BEGIN");
    if (!rc) rc = exec(db, schema_sql);
    if (!rc) {
        char sql[200];
        snprintf(sql, sizeof sql,
                 "INSERT INTO meta VALUES('schema_version','%d'),"
                 "('created_by','songbad %s')",
                 SCHEMA_VERSION, songbad_version());
        rc = exec(db, sql);
    }
    if (!rc) rc = exec(db, "COMMIT");
    else sqlite3_exec(db->sql, "ROLLBACK", NULL, NULL, NULL);
    return rc;
}

/* Runs "PRAGMA journal_mode" (=set, if set) and says whether the mode it
 * reports is want. Leaving WAL takes the file alone: with another
 * connection open it does not happen. */
static int journal_mode_is(songbad_db *db, const char *set, const char *want)
{
    char sql[48];
    snprintf(sql, sizeof sql, "PRAGMA journal_mode%s%s", set ? "=" : "", set ? set : "");
    sqlite3_stmt *st = NULL;
    int is = 0;
    if (sqlite3_prepare_v2(db->sql, sql, -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW) {
        const char *now = (const char *)sqlite3_column_text(st, 0);
        is = now && strcmp(now, want) == 0;
    }
    sqlite3_finalize(st);
    return is;
}

static void close_handle(songbad_db *db)
{
    for (size_t i = 0; i < sizeof db->stmt / sizeof db->stmt[0]; i++)
        sqlite3_finalize(db->stmt[i]);
    sqlite3_finalize(db->read_stmt);
    if (db->bulk) (void)journal_mode_is(db, "wal", "wal"); /* no statement may be running */
    songbad_query_free(db->query);
    songbad_analyzer_free(db->shingler);
    songbad_alloc_free(&db->alloc, db->scratch);
    songbad_alloc_free(&db->alloc, db->marks);
    sqlite3_close(db->sql);
    songbad_alloc_free(&db->alloc, db);
}

/* A WAL database in a read-only folder cannot be read the usual way (the
 * readers' shared-memory file cannot be created): open it as immutable,
 * which is right as long as nobody writes it meanwhile (docs/search.md). */
static int reopen_immutable(songbad_db *db, const char *path)
{
    char uri[3 * sizeof db->path + 32];
    size_t n = (size_t)snprintf(uri, sizeof uri, "file:");
    for (const char *p = path; *p && n + 4 < sizeof uri; p++) {
        unsigned char c = (unsigned char)*p;
        if (c == '%' || c == '?' || c == '#' || c <= ' ' || c >= 0x7F)
            n += (size_t)snprintf(uri + n, sizeof uri - n, "%%%02X", c);
        else uri[n++] = (char)c;
    }
    snprintf(uri + n, sizeof uri - n, "?immutable=1");
    sqlite3 *s = NULL;
    if (sqlite3_open_v2(uri, &s, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL) != SQLITE_OK ||
        songbad_fts5_register(s) != SQLITE_OK) {
        sqlite3_close(s);
        return SONGBAD_E_IO;
    }
    sqlite3_close(db->sql);
    db->sql = s;
    sqlite3_extended_result_codes(db->sql, 1);
    return SONGBAD_OK;
}

int songbad_db_open(const char *path, unsigned flags, songbad_db **out,
                    char err[SONGBAD_ERR_LEN])
{
    if (!out || !path) return SONGBAD_E_INVAL;
    *out = NULL;
    songbad_allocator a;
    songbad_alloc_init(&a, NULL);
    songbad_db *db = songbad_alloc_realloc(&a, NULL, sizeof *db);
    if (!db) {
        if (err) snprintf(err, SONGBAD_ERR_LEN, "%s: out of memory", path);
        return SONGBAD_E_NOMEM;
    }
    memset(db, 0, sizeof *db);
    db->alloc = a;
    db->readonly = (flags & SONGBAD_DB_READONLY) != 0;
    snprintf(db->path, sizeof db->path, "%s", path);
    int oflags = db->readonly ? SQLITE_OPEN_READONLY
                              : SQLITE_OPEN_READWRITE |
                                    ((flags & SONGBAD_DB_CREATE) ? SQLITE_OPEN_CREATE : 0);
    int rc = SONGBAD_OK;
    if (sqlite3_open_v2(path, &db->sql, oflags, NULL) != SQLITE_OK) {
        rc = songbad_db_sqlite_error(db, "cannot open");
    }
    if (!rc) {
        sqlite3_extended_result_codes(db->sql, 1);
        sqlite3_busy_timeout(db->sql, 10000);
        if (songbad_fts5_register(db->sql) != SQLITE_OK)
            rc = songbad_db_sqlite_error(db, "cannot register the songbad tokenizer");
    }
    if (!rc && !db->readonly && sqlite3_db_readonly(db->sql, "main") == 1) {
        /* SQLite falls back to reading; say so now, not at the first write */
        songbad_db_set_error(db, "%s: cannot write: the database or its folder is read-only",
                             path);
        rc = SONGBAD_E_IO;
    }
    int version = 0;
    if (!rc) rc = schema_version(db, &version);
    int primary = sqlite3_extended_errcode(db->sql) & 0xff;
    if (rc && db->readonly && (primary == SQLITE_CANTOPEN || primary == SQLITE_READONLY) &&
        reopen_immutable(db, path) == SONGBAD_OK)
        rc = schema_version(db, &version);
    if (!rc && version > SCHEMA_VERSION) {
        songbad_db_set_error(db,
                             "%s: written by a newer songbad (schema %d); this songbad "
                             "%s reads schema %d",
                             path, version, songbad_version(), SCHEMA_VERSION);
        rc = SONGBAD_E_SCHEMA;
    }
    if (!rc && version == 0) {
        if (db->readonly || !(flags & SONGBAD_DB_CREATE)) {
            songbad_db_set_error(db, "%s: no songbad database here", path);
            rc = SONGBAD_E_SCHEMA;
        } else {
            rc = exec(db, "PRAGMA journal_mode=WAL");
            if (!rc) rc = create_schema(db);
        }
    }
    if (!rc && !db->readonly) rc = exec(db, "PRAGMA synchronous=NORMAL");
    /* dev corpus ingest: 2.1 -> 1.8 s (the WAL wrote every page twice) */
    /* a writer puts WAL back if a bulk writer could not (it was killed, or a
       reader had the file open at its close) */
    if (!rc && !db->readonly && (flags & SONGBAD_DB_BULK))
        db->bulk = journal_mode_is(db, "delete", "delete");
    else if (!rc && !db->readonly && !journal_mode_is(db, NULL, "wal"))
        (void)journal_mode_is(db, "wal", "wal");
    /* Reading the index through mmap saves a system call per page; mapped
       pages count in the resident set, so a writer (ingest, which reads
       every segment it merges) keeps to the bounded page cache instead. */
    if (!rc) rc = exec(db, db->readonly ? "PRAGMA mmap_size=1073741824; PRAGMA cache_size=-65536"
                                        : "PRAGMA mmap_size=0; PRAGMA cache_size=-65536");
    if (!rc) rc = songbad_query_new(&db->alloc, &db->query);
    if (!rc) rc = songbad_analyzer_new(0, &db->alloc, &db->shingler);
    if (rc) {
        if (err) snprintf(err, SONGBAD_ERR_LEN, "%s", db->errmsg[0] ? db->errmsg : songbad_strerror(rc));
        close_handle(db);
        return rc;
    }
    *out = db;
    return SONGBAD_OK;
}

void songbad_db_close(songbad_db *db)
{
    if (!db) return;
    if (db->in_txn) sqlite3_exec(db->sql, "ROLLBACK", NULL, NULL, NULL);
    db->in_txn = 0;
    close_handle(db);
}

int songbad_db_begin(songbad_db *db)
{
    if (!db || db->in_txn) return SONGBAD_E_INVAL;
    int rc = exec(db, "BEGIN IMMEDIATE");
    if (!rc) db->in_txn = 1;
    return rc;
}

int songbad_db_commit(songbad_db *db)
{
    if (!db || !db->in_txn) return SONGBAD_E_INVAL;
    int rc = exec(db, "COMMIT");
    if (!rc) db->in_txn = 0;
    return rc;
}

int songbad_db_rollback(songbad_db *db)
{
    if (!db || !db->in_txn) return SONGBAD_E_INVAL;
    db->in_txn = 0;
    return exec(db, "ROLLBACK");
}

int songbad_db_prepare(songbad_db *db, int which, const char *sql, sqlite3_stmt **st)
{
    if (!db->stmt[which] &&
        sqlite3_prepare_v3(db->sql, sql, -1, SQLITE_PREPARE_PERSISTENT, &db->stmt[which],
                           NULL) != SQLITE_OK)
        return songbad_db_sqlite_error(db, "cannot prepare a statement");
    sqlite3_reset(db->stmt[which]);
    sqlite3_clear_bindings(db->stmt[which]);
    *st = db->stmt[which];
    return SONGBAD_OK;
}
