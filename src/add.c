/*
 * add.c - storing one article: idempotent by id and by content (a hash of
 * the search-normalized headline and body), near-duplicate grouping by a
 * MinHash of the body (simhash.c; 16 LSH bands of two minima each), and
 * the FTS5 index entry (made first: its tokenizer also gives the words of
 * the body to the MinHash).
 */
#include "add_int.h"
#include "index_tap.h"

#include "sqlite_api.h"
#include <stdio.h>
#include <stdlib.h>

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

/* utf8_known: the texts are known to be well-formed, only their presence
 * and sizes are checked. */
static int validate(songbad_db *db, const songbad_doc *d, int utf8_known)
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
        int rc = utf8_known ? SONGBAD_OK : check_field(db, names[i], f[i]);
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

int songbad_content_hash(const songbad_allocator *alloc, const songbad_doc *d, char hex[17])
{
    songbad_normalizer *n;
    int rc = songbad_normalizer_new(SONGBAD_NORM_SEARCH, alloc, &n);
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

/* Articles looked at per band: the first and the last stored, this many
 * each. A band that many articles share is most often a stock sentence (a
 * byline, a closing line) rather than a story, and its articles are as many
 * as the index is large: reading every one made each new article's check
 * grow with the index. A story republished many times is still found: its
 * first copies are among the first, its latest among the last. */
#define BAND_CANDIDATES 8

static int by_rowid(const void *a, const void *b)
{
    sqlite3_int64 x = *(const sqlite3_int64 *)a, y = *(const sqlite3_int64 *)b;
    return x < y ? -1 : x > y;
}

/* The stored articles that share a band with sig, at most 2 *
 * BAND_CANDIDATES a band, in rowid order without repeats; their number in
 * *n. */
static int band_candidates(songbad_db *db, const uint32_t *sig,
                           sqlite3_int64 out[SONGBAD_MINHASH_BANDS * 2 * BAND_CANDIDATES],
                           size_t *n)
{
    sqlite3_stmt *st;
    *n = 0;
    int rc = songbad_db_prepare(db, STMT_BAND_MEMBERS,
                                "SELECT * FROM (SELECT article FROM minhash_bands WHERE band = ?1"
                                " ORDER BY rowid LIMIT ?2) UNION ALL"
                                " SELECT * FROM (SELECT article FROM minhash_bands WHERE band = ?1"
                                " ORDER BY rowid DESC LIMIT ?2)",
                                &st);
    if (rc) return rc;
    for (int b = 0; b < SONGBAD_MINHASH_BANDS; b++) {
        sqlite3_bind_int64(st, 1, band_key(sig, b));
        sqlite3_bind_int(st, 2, BAND_CANDIDATES);
        int step;
        while ((step = sqlite3_step(st)) == SQLITE_ROW) out[(*n)++] = sqlite3_column_int64(st, 0);
        sqlite3_reset(st);
        if (step != SQLITE_DONE)
            return songbad_db_sqlite_error(db, "cannot look up near-duplicates");
    }
    qsort(out, *n, sizeof *out, by_rowid);
    size_t k = 0;
    for (size_t i = 0; i < *n; i++)
        if (k == 0 || out[k - 1] != out[i]) out[k++] = out[i];
    *n = k;
    return SONGBAD_OK;
}

/* The duplicate group of a new signature: the group of the first stored
 * article that shares a band (among band_candidates) and is similar
 * enough, or 0 for a new group. */
static int find_group(songbad_db *db, const uint32_t *sig, int64_t *group)
{
    *group = 0;
    sqlite3_int64 cand[SONGBAD_MINHASH_BANDS * 2 * BAND_CANDIDATES];
    size_t n;
    int rc = band_candidates(db, sig, cand, &n);
    sqlite3_stmt *st;
    if (!rc && n) rc = songbad_db_prepare(db, STMT_SIGNATURE,
                                          "SELECT minhash, dup_group FROM articles WHERE rowid = ?1",
                                          &st);
    for (size_t i = 0; !rc && i < n && !*group; i++) {
        sqlite3_bind_int64(st, 1, cand[i]);
        int step = sqlite3_step(st);
        if (step == SQLITE_ROW) {
            const uint32_t *other = sqlite3_column_blob(st, 0);
            if (other && sqlite3_column_bytes(st, 0) == SONGBAD_MINHASH_SIZE * (int)sizeof *sig &&
                songbad_minhash_similarity(sig, other) >= SONGBAD_DUP_SIMILARITY)
                *group = sqlite3_column_int64(st, 1);
        } else if (step != SQLITE_DONE) {
            rc = songbad_db_sqlite_error(db, "cannot look up near-duplicates");
        }
        sqlite3_reset(st);
    }
    return rc;
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

/* Indexes d in FTS5 under the rowid its article is to have (the one SQLite
 * would choose: the largest plus one) and gives it in *rowid. The words of
 * the body are hashed into sh as they are indexed (index_tap.h); *hashed
 * tells whether that happened. */
static int index_doc(songbad_db *db, const songbad_doc *d, const songbad_prepared *prep,
                     songbad_shingles *sh, sqlite3_int64 *rowid, int *hashed)
{
    sqlite3_stmt *st;
    int rc = songbad_db_prepare(
        db, STMT_INSERT_FTS,
        "INSERT INTO fts(rowid, headline, lead, body, captions, source)"
        " VALUES((SELECT ifnull(max(rowid), 0) + 1 FROM articles), ?1, ?2, ?3, ?4, ?5)",
        &st);
    if (rc) return rc;
    bind_str(st, 1, d->headline);
    bind_str(st, 2, d->lead);
    bind_str(st, 3, d->body);
    bind_str(st, 4, d->captions);
    bind_str(st, 5, d->source);
    songbad_fts5_tap *tap = songbad_fts5_tap_of(db->sql);
    if (tap && prep) {
        tap->replay = prep;
        tap->replayed = 0;
    } else if (tap) {
        tap->text = d->body.ptr;
        tap->len = d->body.len;
        tap->fn = songbad_minhash_term;
        tap->ctx = sh;
        tap->done = 0;
    }
    int step = sqlite3_step(st);
    *hashed = tap && tap->done;
    if (tap) memset(tap, 0, sizeof *tap);
    if (step != SQLITE_DONE) return songbad_db_sqlite_error(db, "cannot index");
    *rowid = sqlite3_last_insert_rowid(db->sql);
    return SONGBAD_OK;
}

static int insert(songbad_db *db, const songbad_doc *d, const songbad_prepared *prep,
                  const char *hash)
{
    /* the index first: its tokenizer reads the body's words for the MinHash,
       which the row then stores (or replays terms prepared with it) */
    uint32_t sig[SONGBAD_MINHASH_SIZE];
    songbad_shingles sh;
    songbad_minhash_begin(&sh, sig);
    sqlite3_int64 rowid = 0;
    int hashed = 0;
    int rc = index_doc(db, d, prep, &sh, &rowid, &hashed);
    if (rc) return rc;
    size_t nshingles = sh.nshingles;
    if (prep) {
        memcpy(sig, prep->sig, sizeof sig);
        nshingles = prep->nshingles;
        hashed = 1;
    }
    if (!hashed && (rc = songbad_minhash(db->shingler, d->body.ptr, d->body.len, sig,
                                         &nshingles)))
        return rc;
    int64_t group = 0;
    int banded = nshingles >= SONGBAD_DUP_MIN_SHINGLES;
    if (banded && (rc = find_group(db, sig, &group))) return rc;

    sqlite3_stmt *st;
    /* a new group is named after its first article */
    rc = songbad_db_prepare(
        db, STMT_INSERT,
        "INSERT INTO articles(rowid, id, content_hash, headline, lead, body, captions, byline,"
        " agencies, source, date, url, category, lang, structure, extra, original,"
        " minhash, dup_group) VALUES(?19,?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,"
        "?16,?17,ifnull(?18, ?19))",
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
    if (group) sqlite3_bind_int64(st, 18, group);
    sqlite3_bind_int64(st, 19, rowid);
    if (sqlite3_step(st) != SQLITE_DONE) return songbad_db_sqlite_error(db, "cannot insert");
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

static int add(songbad_db *db, const songbad_doc *d, const songbad_prepared *prep, unsigned flags,
               songbad_add_status *status)
{
    char hash[17];
    int rc = SONGBAD_OK;
    if (prep) memcpy(hash, prep->content_hash, sizeof hash);
    else rc = songbad_content_hash(&db->alloc, d, hash);
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
    rc = insert(db, d, prep, hash);
    if (!rc) *status = old ? SONGBAD_REPLACED : SONGBAD_ADDED;
    return rc;
}

int songbad_db_add_doc(songbad_db *db, const songbad_doc *d, unsigned flags,
                       const songbad_prepared *prep, int utf8_known, songbad_add_status *status)
{
    if (!db || !d || !status) return SONGBAD_E_INVAL;
    db->errmsg[0] = '\0';
    if (db->readonly) {
        songbad_db_set_error(db, "%s: opened read-only", db->path);
        return SONGBAD_E_INVAL;
    }
    int rc = validate(db, d, utf8_known);
    if (rc) return rc;
    /* Inside the caller's transaction an add has no savepoint of its own:
       FTS5 writes its pending index to disk at every savepoint (to be able
       to roll back to it), which made every article a segment of its own,
       merged again and again (a fifth of ingest). A failed add rolls the
       whole transaction back instead, so it stays all or nothing. */
    if (db->in_txn) {
        rc = add(db, d, prep, flags, status);
        if (rc) {
            sqlite3_exec(db->sql, "ROLLBACK", NULL, NULL, NULL);
            db->in_txn = 0;
        }
        return rc;
    }
    /* alone, a savepoint makes the add all or nothing */
    if (sqlite3_exec(db->sql, "SAVEPOINT songbad_add", NULL, NULL, NULL) != SQLITE_OK)
        return songbad_db_sqlite_error(db, "cannot start");
    rc = add(db, d, prep, flags, status);
    if (rc) {
        sqlite3_exec(db->sql, "ROLLBACK TO songbad_add", NULL, NULL, NULL);
        sqlite3_exec(db->sql, "RELEASE songbad_add", NULL, NULL, NULL);
        return rc;
    }
    if (sqlite3_exec(db->sql, "RELEASE songbad_add", NULL, NULL, NULL) != SQLITE_OK)
        return songbad_db_sqlite_error(db, "cannot commit");
    return SONGBAD_OK;
}

int songbad_db_add(songbad_db *db, const songbad_doc *d, unsigned flags,
                   songbad_add_status *status)
{
    return songbad_db_add_doc(db, d, flags, NULL, 0, status);
}
