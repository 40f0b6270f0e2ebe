/* bulk_test.c - SONGBAD_DB_BULK: a writer alone with the database writes
 * through a rollback journal and leaves the WAL in place at close; with
 * another connection open it stays in WAL; a database left out of WAL (a
 * bulk writer killed) gets it back at the next writer's open; what a bulk
 * writer committed is there for readers. */
#include "check.h"
#include "tmpdb.h"
#include "songbad.h"

#include "sqlite_api.h"
#include <stdlib.h>
#include <unistd.h>

/* The journal mode of the file, as a new connection sees it. */
static const char *mode_of(const char *path, char *out, size_t cap)
{
    sqlite3 *s = NULL;
    sqlite3_stmt *st = NULL;
    snprintf(out, cap, "?");
    if (sqlite3_open_v2(path, &s, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
        sqlite3_prepare_v2(s, "PRAGMA journal_mode", -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        snprintf(out, cap, "%s", (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    sqlite3_close(s);
    return out;
}

static songbad_str str(const char *s)
{
    songbad_str r = {s, strlen(s)};
    return r;
}

static int add(songbad_db *db, const char *id, const char *body)
{
    songbad_doc d;
    memset(&d, 0, sizeof d);
    d.id = str(id);
    d.headline = str("ঢাকায় বৃষ্টি");
    d.body = str(body);
    songbad_add_status st;
    return songbad_db_add(db, &d, 0, &st) == SONGBAD_OK && st == SONGBAD_ADDED;
}

static int on_hit(void *ctx, const songbad_hit *h)
{
    (void)h;
    ++*(size_t *)ctx;
    return SONGBAD_OK;
}

/* The hits of query q, through a reader of its own. */
static size_t count_hits(const char *path, const char *q)
{
    songbad_db *db = NULL;
    char err[SONGBAD_ERR_LEN];
    size_t hits = 0;
    if (songbad_db_open(path, SONGBAD_DB_READONLY, &db, err) != SONGBAD_OK) return 0;
    songbad_search_opts o;
    memset(&o, 0, sizeof o);
    o.query = str(q);
    o.limit = 10;
    if (songbad_search(db, &o, on_hit, &hits, NULL) != SONGBAD_OK) hits = 0;
    songbad_db_close(db);
    return hits;
}

int main(void)
{
    char dir[] = "/tmp/songbad-bulk-test.XXXXXX", path[300], mode[32], err[SONGBAD_ERR_LEN];
    if (!tmpdb_make(dir, path, sizeof path)) return 2;

    /* alone: a rollback journal while it writes, WAL after */
    songbad_db *db = NULL;
    CHECK(songbad_db_open(path, SONGBAD_DB_CREATE | SONGBAD_DB_BULK, &db, err) == SONGBAD_OK);
    if (!db) return check_report("bulk_test");
    CHECK(songbad_db_begin(db) == SONGBAD_OK);
    CHECK(add(db, "b1", "ঢাকায় আজ সকাল থেকে বৃষ্টি হয়েছে।"));
    CHECK(add(db, "b2", "চট্টগ্রামে আজ দিনভর রোদ ছিল।"));
    CHECK(songbad_db_commit(db) == SONGBAD_OK);
    CHECK(strcmp(mode_of(path, mode, sizeof mode), "delete") == 0);
    CHECK(count_hits(path, "বৃষ্টি") == 2); /* committed: readers see it */
    songbad_db_close(db);
    CHECK(strcmp(mode_of(path, mode, sizeof mode), "wal") == 0);

    /* another connection open: it stays in WAL */
    sqlite3 *other = NULL;
    CHECK(sqlite3_open_v2(path, &other, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK);
    CHECK(sqlite3_exec(other, "SELECT count(*) FROM articles", NULL, NULL, NULL) == SQLITE_OK);
    CHECK(songbad_db_open(path, SONGBAD_DB_BULK, &db, err) == SONGBAD_OK);
    CHECK(db && add(db, "b3", "সিলেটে আজ চা বাগানে কাজ।"));
    CHECK(strcmp(mode_of(path, mode, sizeof mode), "wal") == 0);
    songbad_db_close(db);
    sqlite3_close(other);
    CHECK(strcmp(mode_of(path, mode, sizeof mode), "wal") == 0);

    /* left in a rollback journal (as by a killed bulk writer): a writer's
       open puts WAL back; a reader's does not need to */
    sqlite3 *raw = NULL;
    CHECK(sqlite3_open(path, &raw) == SQLITE_OK);
    CHECK(sqlite3_exec(raw, "PRAGMA journal_mode=DELETE", NULL, NULL, NULL) == SQLITE_OK);
    sqlite3_close(raw);
    CHECK(strcmp(mode_of(path, mode, sizeof mode), "delete") == 0);
    CHECK(count_hits(path, "আজ") == 3);
    CHECK(strcmp(mode_of(path, mode, sizeof mode), "delete") == 0);
    CHECK(songbad_db_open(path, 0, &db, err) == SONGBAD_OK);
    CHECK(strcmp(mode_of(path, mode, sizeof mode), "wal") == 0);
    songbad_db_close(db);

    tmpdb_remove(dir, path);
    return check_report("bulk_test");
}
