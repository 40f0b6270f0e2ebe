/*
 * add.c - storing one article: idempotent by id and by content (a hash of
 * the search-normalized headline and body), near-duplicate grouping by
 * SimHash with 4 bands of 16 bits (two fingerprints within 3 bits agree on
 * at least one band), and the FTS5 index entry.
 */
#include "songbad_int.h"

#include "sqlite_api.h"
#include <stdio.h>

static void bind_str(sqlite3_stmt *st, int i, songbad_str s)
{
    if (s.ptr) sqlite3_bind_text64(st, i, s.ptr, s.len, SQLITE_STATIC, SQLITE_UTF8);
    else sqlite3_bind_null(st, i);
}

static int check_field(songbad_db *db, const char *name, songbad_str s)
{
    size_t bad;
    if (s.ptr && songbad_utf8_validate(s.ptr, s.len, &bad) != SONGBAD_OK) {
        songbad_db_set_error(db, "field %s: invalid UTF-8 at byte %zu", name, bad);
        return SONGBAD_E_UTF8;
    }
    return SONGBAD_OK;
}

static int validate(songbad_db *db, const songbad_doc *d)
{
    if (!d->id.ptr || d->id.len == 0) {
        songbad_db_set_error(db, "record has no id");
        return SONGBAD_E_INVAL;
    }
    if (!d->body.ptr || d->body.len == 0) {
        songbad_db_set_error(db, "record has no body");
        return SONGBAD_E_INVAL;
    }
    const songbad_str f[] = {d->id, d->headline, d->lead, d->body, d->captions,
                             d->byline, d->agencies, d->source, d->date, d->url,
                             d->category, d->lang, d->structure, d->extra, d->original};
    static const char *const names[] = {
        "id", "headline", "lead", "body", "captions", "byline", "agencies", "source",
        "date", "url", "category", "lang", "structure", "extra", "original"};
    size_t largest = 0;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        int rc = check_field(db, names[i], f[i]);
        if (rc) return rc;
        if (f[i].ptr && f[i].len > largest) largest = f[i].len;
    }
    /* A news article is kilobytes; this much is a scraping accident, and
       SQLite and FTS5 fail on it later with misleading messages. */
    if (largest > SONGBAD_MAX_ARTICLE_BYTES) {
        songbad_db_set_error(db, "article of %zu bytes: more than the %d MB an article may have",
                             largest, SONGBAD_MAX_ARTICLE_BYTES >> 20);
        return SONGBAD_E_TOOBIG;
    }
    return SONGBAD_OK;
}

/* Hex FNV-1a 64 of the search-normalized headline and body. */
static int content_hash(songbad_db *db, const songbad_doc *d, char hex[17])
{
    songbad_normalizer *n;
    int rc = songbad_normalizer_new(SONGBAD_NORM_SEARCH, &db->alloc, &n);
    if (rc) return rc;
    uint64_t h = SONGBAD_FNV_SEED;
    const songbad_str parts[2] = {d->headline, d->body};
    for (int i = 0; i < 2 && !rc; i++) {
        const char *out;
        size_t len;
        rc = songbad_normalize(n, parts[i].ptr, parts[i].ptr ? parts[i].len : 0, &out, &len, NULL);
        if (!rc) h = songbad_fnv1a(out, len, songbad_fnv1a("\n", 1, h));
    }
    songbad_normalizer_free(n);
    snprintf(hex, 17, "%016llx", (unsigned long long)h);
    return rc;
}

/* Band b of a signature: its two minima and the band number, in 63 bits. */
static int64_t band_key(const uint32_t *sig, int b)
{
    uint64_t h = songbad_fnv1a((const char *)(sig + 2 * b), 2 * sizeof *sig,
                               SONGBAD_FNV_SEED + (uint64_t)b);
    return (int64_t)(h >> 1);
}

/* The duplicate group of a new signature: the group of the first stored
 * article that shares a band and is similar enough, or 0 for a new group. */
static int find_group(songbad_db *db, const uint32_t *sig, int64_t *group)
{
    *group = 0;
    sqlite3_stmt *st;
    int rc = songbad_db_prepare(
        db, STMT_BANDS_FIND,
        "SELECT a.minhash, a.dup_group FROM articles a WHERE a.rowid IN"
        " (SELECT article FROM minhash_bands WHERE band IN (SELECT value FROM json_each(?1)))"
        " ORDER BY a.rowid",
        &st);
    if (rc) return rc;
    char keys[SONGBAD_MINHASH_BANDS * 22 + 4];
    size_t n = 0;
    keys[n++] = '[';
    for (int b = 0; b < SONGBAD_MINHASH_BANDS; b++)
        n += (size_t)snprintf(keys + n, sizeof keys - n, "%s%lld", b ? "," : "",
                              (long long)band_key(sig, b));
    keys[n++] = ']';
    sqlite3_bind_text(st, 1, keys, (int)n, SQLITE_TRANSIENT);
    int step;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        const uint32_t *other = sqlite3_column_blob(st, 0);
        if (other && sqlite3_column_bytes(st, 0) == SONGBAD_MINHASH_SIZE * (int)sizeof *sig &&
            songbad_minhash_similarity(sig, other) >= SONGBAD_DUP_SIMILARITY) {
            *group = sqlite3_column_int64(st, 1);
            break;
        }
    }
    if (step != SQLITE_ROW && step != SQLITE_DONE)
        return songbad_db_sqlite_error(db, "cannot look up near-duplicates");
    sqlite3_reset(st);
    return SONGBAD_OK;
}

/* Deletes the stored article rowid (for --update). */
static int delete_row(songbad_db *db, sqlite3_int64 rowid)
{
    sqlite3_stmt *st;
    int rc = songbad_db_prepare(
        db, STMT_DELETE_FTS,
        "INSERT INTO fts(fts, rowid, headline, lead, body, captions, source)"
        " SELECT 'delete', rowid, headline, lead, body, captions, source"
        " FROM articles WHERE rowid = ?1",
        &st);
    if (rc) return rc;
    sqlite3_bind_int64(st, 1, rowid);
    if (sqlite3_step(st) != SQLITE_DONE) return songbad_db_sqlite_error(db, "cannot unindex");
    rc = songbad_db_prepare(db, STMT_DELETE_BANDS, "DELETE FROM minhash_bands WHERE article = ?1", &st);
    if (rc) return rc;
    sqlite3_bind_int64(st, 1, rowid);
    if (sqlite3_step(st) != SQLITE_DONE) return songbad_db_sqlite_error(db, "cannot delete");
    rc = songbad_db_prepare(db, STMT_DELETE_ROW, "DELETE FROM articles WHERE rowid = ?1", &st);
    if (rc) return rc;
    sqlite3_bind_int64(st, 1, rowid);
    if (sqlite3_step(st) != SQLITE_DONE) return songbad_db_sqlite_error(db, "cannot delete");
    return SONGBAD_OK;
}

static int insert(songbad_db *db, const songbad_doc *d, const char *hash)
{
    uint32_t sig[SONGBAD_MINHASH_SIZE];
    size_t nshingles = 0;
    int rc = songbad_minhash(db->shingler, d->body.ptr, d->body.len, sig, &nshingles);
    if (rc) return rc;
    int64_t group = 0;
    int banded = nshingles >= SONGBAD_DUP_MIN_SHINGLES;
    if (banded && (rc = find_group(db, sig, &group))) return rc;

    sqlite3_stmt *st;
    rc = songbad_db_prepare(
        db, STMT_INSERT,
        "INSERT INTO articles(id, content_hash, headline, lead, body, captions, byline,"
        " agencies, source, date, url, category, lang, structure, extra, original,"
        " minhash, dup_group) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,"
        "?15,?16,?17,?18)",
        &st);
    if (rc) return rc;
    bind_str(st, 1, d->id);
    sqlite3_bind_text(st, 2, hash, -1, SQLITE_STATIC);
    const songbad_str cols[] = {d->headline, d->lead, d->body, d->captions, d->byline,
                                d->agencies, d->source, d->date, d->url, d->category,
                                d->lang, d->structure, d->extra};
    for (int i = 0; i < 13; i++) bind_str(st, 3 + i, cols[i]);
    /* the original is stored only when it differs from the body */
    songbad_str orig = d->original;
    if (orig.ptr && orig.len == d->body.len && memcmp(orig.ptr, d->body.ptr, orig.len) == 0)
        orig.ptr = NULL;
    bind_str(st, 16, orig);
    if (banded) sqlite3_bind_blob(st, 17, sig, sizeof sig, SQLITE_STATIC);
    else sqlite3_bind_null(st, 17);
    sqlite3_bind_int64(st, 18, group);
    if (sqlite3_step(st) != SQLITE_DONE) return songbad_db_sqlite_error(db, "cannot insert");
    sqlite3_int64 rowid = sqlite3_last_insert_rowid(db->sql);
    if (group == 0) {
        /* a new group is named after its first article */
        char sql[96];
        snprintf(sql, sizeof sql, "UPDATE articles SET dup_group = rowid WHERE rowid = %lld",
                 (long long)rowid);
        if (sqlite3_exec(db->sql, sql, NULL, NULL, NULL) != SQLITE_OK)
            return songbad_db_sqlite_error(db, "cannot insert");
    }
    rc = songbad_db_prepare(
        db, STMT_INSERT_FTS,
        "INSERT INTO fts(rowid, headline, lead, body, captions, source)"
        " VALUES(?1, ?2, ?3, ?4, ?5, ?6)",
        &st);
    if (rc) return rc;
    sqlite3_bind_int64(st, 1, rowid);
    bind_str(st, 2, d->headline);
    bind_str(st, 3, d->lead);
    bind_str(st, 4, d->body);
    bind_str(st, 5, d->captions);
    bind_str(st, 6, d->source);
    if (sqlite3_step(st) != SQLITE_DONE) return songbad_db_sqlite_error(db, "cannot index");
    if (!banded) return SONGBAD_OK;
    rc = songbad_db_prepare(db, STMT_BANDS_INSERT,
                            "INSERT INTO minhash_bands(band, article) VALUES(?1, ?2)", &st);
    for (int b = 0; b < SONGBAD_MINHASH_BANDS && !rc; b++) {
        sqlite3_reset(st);
        sqlite3_bind_int64(st, 1, band_key(sig, b));
        sqlite3_bind_int64(st, 2, rowid);
        if (sqlite3_step(st) != SQLITE_DONE) rc = songbad_db_sqlite_error(db, "cannot insert");
    }
    return rc;
}

static int add(songbad_db *db, const songbad_doc *d, unsigned flags,
               songbad_add_status *status)
{
    char hash[17];
    int rc = content_hash(db, d, hash);
    if (rc) return rc;
    sqlite3_stmt *st;
    rc = songbad_db_prepare(db, STMT_FIND_ID, "SELECT rowid FROM articles WHERE id = ?1", &st);
    if (rc) return rc;
    bind_str(st, 1, d->id);
    int step = sqlite3_step(st);
    sqlite3_int64 old = step == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_reset(st);
    if (step != SQLITE_ROW && step != SQLITE_DONE)
        return songbad_db_sqlite_error(db, "cannot look up the id");
    if (old && !(flags & SONGBAD_ADD_UPDATE)) {
        *status = SONGBAD_SKIPPED_SAME_ID;
        return SONGBAD_OK;
    }
    if (old) {
        rc = delete_row(db, old);
        if (rc) return rc;
    } else {
        rc = songbad_db_prepare(db, STMT_FIND_HASH,
                                "SELECT 1 FROM articles WHERE content_hash = ?1", &st);
        if (rc) return rc;
        sqlite3_bind_text(st, 1, hash, -1, SQLITE_STATIC);
        step = sqlite3_step(st);
        sqlite3_reset(st);
        if (step == SQLITE_ROW) {
            *status = SONGBAD_SKIPPED_SAME_CONTENT;
            return SONGBAD_OK;
        }
        if (step != SQLITE_DONE) return songbad_db_sqlite_error(db, "cannot look up the content");
    }
    rc = insert(db, d, hash);
    if (!rc) *status = old ? SONGBAD_REPLACED : SONGBAD_ADDED;
    return rc;
}

int songbad_db_add(songbad_db *db, const songbad_doc *d, unsigned flags,
                   songbad_add_status *status)
{
    if (!db || !d || !status) return SONGBAD_E_INVAL;
    db->errmsg[0] = '\0';
    if (db->readonly) {
        songbad_db_set_error(db, "%s: opened read-only", db->path);
        return SONGBAD_E_INVAL;
    }
    int rc = validate(db, d);
    if (rc) return rc;
    /* a savepoint makes each add all-or-nothing, inside a transaction or not */
    if (sqlite3_exec(db->sql, "SAVEPOINT songbad_add", NULL, NULL, NULL) != SQLITE_OK)
        return songbad_db_sqlite_error(db, "cannot start");
    rc = add(db, d, flags, status);
    if (rc) {
        sqlite3_exec(db->sql, "ROLLBACK TO songbad_add", NULL, NULL, NULL);
        sqlite3_exec(db->sql, "RELEASE songbad_add", NULL, NULL, NULL);
        return rc;
    }
    if (sqlite3_exec(db->sql, "RELEASE songbad_add", NULL, NULL, NULL) != SQLITE_OK)
        return songbad_db_sqlite_error(db, "cannot commit");
    return SONGBAD_OK;
}
