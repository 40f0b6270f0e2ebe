/* store_read.c - reading the database back: one article, statistics, and
 * the near-duplicate groups. */
#include "songbad_int.h"

#include "sqlite_api.h"

static songbad_str col(sqlite3_stmt *st, int i)
{
    songbad_str s = {(const char *)sqlite3_column_text(st, i), 0};
    s.len = (size_t)sqlite3_column_bytes(st, i);
    return s;
}

int songbad_db_get(songbad_db *db, songbad_str id, songbad_doc *doc)
{
    if (!db || !doc || !id.ptr) return SONGBAD_E_INVAL;
    sqlite3_finalize(db->read_stmt);
    db->read_stmt = NULL;
    if (sqlite3_prepare_v2(db->sql,
                           "SELECT id, headline, lead, body, captions, byline, agencies,"
                           " source, date, url, category, lang, structure, extra, coalesce(original, body)"
                           " FROM articles WHERE id = ?1",
                           -1, &db->read_stmt, NULL) != SQLITE_OK)
        return songbad_db_sqlite_error(db, "cannot read");
    sqlite3_bind_text64(db->read_stmt, 1, id.ptr, id.len, SQLITE_STATIC, SQLITE_UTF8);
    int step = sqlite3_step(db->read_stmt);
    if (step == SQLITE_DONE) {
        songbad_db_set_error(db, "no article with id '%.*s'", (int)(id.len > 200 ? 200 : id.len), id.ptr);
        return SONGBAD_E_NOTFOUND;
    }
    if (step != SQLITE_ROW) return songbad_db_sqlite_error(db, "cannot read");
    songbad_str *f[] = {&doc->id, &doc->headline, &doc->lead, &doc->body, &doc->captions,
                        &doc->byline, &doc->agencies, &doc->source, &doc->date, &doc->url,
                        &doc->category, &doc->lang, &doc->structure, &doc->extra,
                        &doc->original};
    for (int i = 0; i < 15; i++) *f[i] = col(db->read_stmt, i);
    return SONGBAD_OK;
}

static int scalar(songbad_db *db, const char *sql, sqlite3_int64 *v)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db->sql, sql, -1, &st, NULL) != SQLITE_OK)
        return songbad_db_sqlite_error(db, "cannot read statistics");
    int step = sqlite3_step(st);
    *v = step == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    int rc = step == SQLITE_ROW || step == SQLITE_DONE
                 ? SONGBAD_OK
                 : songbad_db_sqlite_error(db, "cannot read statistics");
    sqlite3_finalize(st);
    return rc;
}

int songbad_db_stats_get(songbad_db *db, songbad_db_stats *out,
                         int (*fn)(void *, songbad_str, size_t), void *ctx)
{
    if (!db || !out) return SONGBAD_E_INVAL;
    memset(out, 0, sizeof *out);
    sqlite3_int64 v[7] = {0};
    static const char *const sql[] = {
        "SELECT count(*) FROM articles",
        "SELECT count(*) FROM (SELECT dup_group FROM articles GROUP BY dup_group"
        " HAVING count(*) > 1)",
        "SELECT count(*) FROM articles WHERE dup_group IN (SELECT dup_group FROM articles"
        " GROUP BY dup_group HAVING count(*) > 1)",
        "SELECT count(DISTINCT source) FROM articles",
        "SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()",
        "SELECT coalesce(sum(pgsize), 0) FROM dbstat WHERE name LIKE 'fts%'",
        "SELECT coalesce(sum(length(CAST(coalesce(original, body) AS BLOB))), 0) FROM articles",
    };
    for (int i = 0; i < 7; i++) {
        int rc = scalar(db, sql[i], &v[i]);
        if (rc && i == 5) v[i] = -1; /* no dbstat in this SQLite */
        else if (rc) return rc;
    }
    out->articles = (size_t)v[0];
    out->dup_groups = (size_t)v[1];
    out->dup_articles = (size_t)v[2];
    out->sources = (size_t)v[3];
    out->file_bytes = (size_t)v[4];
    out->index_bytes = v[5] < 0 ? 0 : (size_t)v[5];
    out->text_bytes = (size_t)v[6];
    sqlite3_finalize(db->read_stmt);
    db->read_stmt = NULL;
    if (sqlite3_prepare_v2(db->sql,
                           "SELECT min(substr(date,1,10)), max(substr(date,1,10)) FROM articles"
                           " WHERE date IS NOT NULL AND date <> ''",
                           -1, &db->read_stmt, NULL) != SQLITE_OK)
        return songbad_db_sqlite_error(db, "cannot read statistics");
    int step = sqlite3_step(db->read_stmt);
    if (step == SQLITE_ROW) {
        out->first_date = col(db->read_stmt, 0);
        out->last_date = col(db->read_stmt, 1);
    } else if (step != SQLITE_DONE) {
        return songbad_db_sqlite_error(db, "cannot read statistics");
    }
    if (!fn) return SONGBAD_OK;
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db->sql,
                           "SELECT source, count(*) AS n FROM articles WHERE source IS NOT NULL"
                           " GROUP BY source ORDER BY n DESC, source",
                           -1, &st, NULL) != SQLITE_OK)
        return songbad_db_sqlite_error(db, "cannot read statistics");
    int rc = SONGBAD_OK;
    while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW)
        rc = fn(ctx, col(st, 0), (size_t)sqlite3_column_int64(st, 1));
    if (!rc && step != SQLITE_DONE) rc = songbad_db_sqlite_error(db, "cannot read statistics");
    sqlite3_finalize(st);
    return rc == SONGBAD_DONE ? SONGBAD_OK : rc;
}

int songbad_db_dups(songbad_db *db,
                    int (*fn)(void *, long long, songbad_str, songbad_str, songbad_str),
                    void *ctx)
{
    if (!db || !fn) return SONGBAD_E_INVAL;
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db->sql,
                           "SELECT dup_group, id, headline, source FROM articles"
                           " WHERE dup_group IN (SELECT dup_group FROM articles"
                           " GROUP BY dup_group HAVING count(*) > 1)"
                           " ORDER BY dup_group, rowid",
                           -1, &st, NULL) != SQLITE_OK)
        return songbad_db_sqlite_error(db, "cannot read the duplicate groups");
    int rc = SONGBAD_OK, step = SQLITE_DONE;
    while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW)
        rc = fn(ctx, (long long)sqlite3_column_int64(st, 0), col(st, 1), col(st, 2), col(st, 3));
    if (!rc && step != SQLITE_DONE)
        rc = songbad_db_sqlite_error(db, "cannot read the duplicate groups");
    sqlite3_finalize(st);
    return rc == SONGBAD_DONE ? SONGBAD_OK : rc;
}
