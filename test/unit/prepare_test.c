/* prepare_test.c - songbad_article_prepare_index: an article analyzed ahead
 * is stored exactly as one that is not (the same FTS5 pages, rows and
 * near-duplicate groups), the store really gives FTS5 the prepared terms
 * (a term changed after the preparation is what gets indexed), and it
 * analyzes again when the preparation used other analysis flags. */
#include "check.h"
#include "songbad.h"
#include "add_int.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <unistd.h>

static const char *const records[] = {
    "{\"id\":\"r1\",\"title\":\"লাভরভ ঢাকায়\",\"body\":\"রাশিয়ার পররাষ্ট্রমন্ত্রী সের্গেই "
    "ল্যাভরভ ১৮ অক্টোবর ঢাকায় পৌঁছেছেন।\\n\\nসফরের প্রথম দিনে তিনি বৈঠক করবেন।"
    "\\n\\nছবি: এএফপি\",\"source\":\"এএফপি\"}",
    "{\"id\":\"r2\",\"title\":\"বন্দরে নতুন জাহাজ\",\"body\":\"চট্টগ্রাম বন্দরে আজ নতুন "
    "জাহাজ ভিড়েছে। Port officials said 1,25,000 tonnes arrived.\"}",
    "{\"id\":\"r3\",\"title\":\"লাভরভ ঢাকায়\",\"body\":\"রাশিয়ার পররাষ্ট্রমন্ত্রী সের্গেই "
    "ল্যাভরভ ১৮ অক্টোবর ঢাকায় পৌঁছেছেন।\\n\\nসফরের প্রথম দিনে তিনি বৈঠক করবেন।"
    "\\n\\nসফর শেষ হবে শনিবার।\",\"source\":\"এএফপি\"}",
};
#define NREC (sizeof records / sizeof records[0])

static songbad_article *parse(const char *json)
{
    songbad_article *a = NULL;
    char err[SONGBAD_ERR_LEN];
    CHECK(songbad_article_parse_json(json, strlen(json), NULL, NULL, &a, err) == SONGBAD_OK);
    return a;
}

/* Adds the records to a new database at path; prepare: 0 no, 1 with an
 * analyzer of the index's flags, 2 with one made per call (NULL). */
static void fill(const char *path, int prepare)
{
    songbad_db *db = NULL;
    char err[SONGBAD_ERR_LEN];
    CHECK(songbad_db_open(path, SONGBAD_DB_CREATE, &db, err) == SONGBAD_OK);
    if (!db) return;
    songbad_analyzer *an = NULL;
    CHECK(songbad_analyzer_new(SONGBAD_ANALYZE_DEFAULT, NULL, &an) == SONGBAD_OK);
    CHECK(songbad_db_begin(db) == SONGBAD_OK);
    for (size_t i = 0; i < NREC; i++) {
        songbad_article *a = parse(records[i]);
        if (!a) continue;
        if (prepare) {
            CHECK(songbad_article_prepare_index(a, prepare == 1 ? an : NULL) == SONGBAD_OK);
            CHECK(songbad_article_prepare_index(a, an) == SONGBAD_OK); /* once is kept */
        }
        songbad_add_status st;
        CHECK(songbad_db_add_article(db, a, 0, &st) == SONGBAD_OK && st == SONGBAD_ADDED);
        songbad_article_free(a);
    }
    CHECK(songbad_db_commit(db) == SONGBAD_OK);
    songbad_analyzer_free(an);
    songbad_db_close(db);
}

/* Every row of the tables songbad writes, as text. */
static char *dump(const char *path)
{
    sqlite3 *db;
    char *out = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&out, &n);
    if (sqlite3_open(path, &db) != SQLITE_OK) return NULL;
    const char *sql[] = {"SELECT id, hex(block) FROM fts_data ORDER BY id",
                         "SELECT id, hex(sz) FROM fts_docsize ORDER BY id",
                         "SELECT rowid, id, content_hash, hex(minhash), dup_group FROM articles",
                         "SELECT band, article FROM minhash_bands ORDER BY rowid"};
    for (size_t q = 0; q < sizeof sql / sizeof sql[0]; q++) {
        sqlite3_stmt *st;
        if (sqlite3_prepare_v2(db, sql[q], -1, &st, NULL) != SQLITE_OK) continue;
        while (sqlite3_step(st) == SQLITE_ROW)
            for (int c = 0; c < sqlite3_column_count(st); c++)
                fprintf(f, "%s%c", (const char *)sqlite3_column_text(st, c) ? (const char *)sqlite3_column_text(st, c) : "NULL",
                        c + 1 < sqlite3_column_count(st) ? '|' : '\n');
        sqlite3_finalize(st);
    }
    sqlite3_close(db);
    fclose(f);
    return out;
}

static int on_hit(void *ctx, const songbad_hit *h)
{
    char *ids = ctx;
    if (strlen(ids) + h->id.len + 2 < 64) {
        if (*ids) strcat(ids, " ");
        strncat(ids, h->id.ptr, h->id.len);
    }
    return SONGBAD_OK;
}

/* Prepares r2 with analyzer flags, changes its first body term to
 * "qqqqqq..." (as long), adds it; returns the ids a search for that finds. */
static void tampered(const char *path, unsigned flags, char ids[64])
{
    ids[0] = '\0';
    songbad_db *db = NULL;
    char err[SONGBAD_ERR_LEN];
    CHECK(songbad_db_open(path, SONGBAD_DB_CREATE, &db, err) == SONGBAD_OK);
    songbad_analyzer *an = NULL;
    CHECK(songbad_analyzer_new(flags, NULL, &an) == SONGBAD_OK);
    songbad_article *a = parse(records[1]);
    if (!db || !an || !a) return;
    CHECK(songbad_article_prepare_index(a, an) == SONGBAD_OK);
    songbad_prepared *p = (songbad_prepared *)songbad_article_prepared(a);
    CHECK(p != NULL);
    if (!p) return;
    const prepared_text *body = &p->text[2];
    CHECK(body->n > 0);
    prepared_term *t = &p->term[body->first];
    CHECK_MEM(p->bytes + t->off, t->len, "চট্টগ্রাম");
    memset(p->bytes + t->off, 'q', t->len);
    char q[64];
    memset(q, 'q', t->len);
    q[t->len] = '\0';
    songbad_add_status st;
    CHECK(songbad_db_add_article(db, a, 0, &st) == SONGBAD_OK);
    songbad_article_free(a);
    songbad_search_opts o;
    memset(&o, 0, sizeof o);
    o.query.ptr = q;
    o.query.len = strlen(q);
    size_t total = 0;
    CHECK(songbad_search(db, &o, on_hit, ids, &total) == SONGBAD_OK);
    songbad_analyzer_free(an);
    songbad_db_close(db);
}

int main(void)
{
    char dir[] = "/tmp/songbad-prepare-test.XXXXXX";
    if (!mkdtemp(dir)) return 2;
    char plain[300], ahead[300], ahead_own[300], t1[300], t2[300];
    snprintf(plain, sizeof plain, "%s/plain.db", dir);
    snprintf(ahead, sizeof ahead, "%s/ahead.db", dir);
    snprintf(ahead_own, sizeof ahead_own, "%s/ahead_own.db", dir);
    snprintf(t1, sizeof t1, "%s/t1.db", dir);
    snprintf(t2, sizeof t2, "%s/t2.db", dir);

    fill(plain, 0);
    fill(ahead, 1);
    fill(ahead_own, 2);
    char *a = dump(plain), *b = dump(ahead), *c = dump(ahead_own);
    CHECK(a && b && c);
    if (a && b && c) {
        CHECK(strlen(a) > 1000);
        CHECK(strcmp(a, b) == 0);
        CHECK(strcmp(a, c) == 0);
        /* r3 is a near copy of r1 */
        CHECK(strstr(a, "|r3|") && strstr(strstr(a, "|r3|"), "|1\n"));
    }
    free(a);
    free(b);
    free(c);

    char ids[64];
    tampered(t1, SONGBAD_ANALYZE_DEFAULT, ids);
    CHECK_MEM(ids, strlen(ids), "r2"); /* the prepared terms were indexed */
    tampered(t2, SONGBAD_ANALYZE_DEFAULT & ~SONGBAD_ANALYZE_STEMS, ids);
    CHECK_MEM(ids, strlen(ids), ""); /* other flags: the store analyzed it */

    CHECK(songbad_article_prepare_index(NULL, NULL) == SONGBAD_E_INVAL);
    /* an article prepared and never added is freed whole (ASan) */
    songbad_article *x = parse(records[0]);
    CHECK(x && songbad_article_prepare_index(x, NULL) == SONGBAD_OK);
    songbad_article_free(x);

    const char *files[] = {plain, ahead, ahead_own, t1, t2};
    for (size_t i = 0; i < 5; i++) {
        char p[320];
        unlink(files[i]);
        snprintf(p, sizeof p, "%s-wal", files[i]);
        unlink(p);
        snprintf(p, sizeof p, "%s-shm", files[i]);
        unlink(p);
    }
    rmdir(dir);
    return check_report("prepare_test");
}
