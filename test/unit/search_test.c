/* search_test.c - query semantics of songbad_search on a small database:
 * exclusion applies to every alternative, and pruning to the rarer words
 * (prune_matches) keeps the best hit, counts only what it ranked, takes the
 * articles with both of the two rarer words when every word is common, and
 * falls back to every match when the rare words find too few; a word's
 * stem matches as a prefix. */
#include "check.h"
#include "tmpdb.h"
#include "songbad.h"

#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

static songbad_str str(const char *s)
{
    songbad_str r = {s, s ? strlen(s) : 0};
    return r;
}

static const char *const docs[][2] = {
    {"d1", "ঢাকায় আজ সকাল থেকে বৃষ্টি হয়েছে। নগরীর অনেক রাস্তায় পানি জমেছে।"},
    {"d2", "চট্টগ্রামে আজ দিনভর রোদ ছিল। বন্দরে নতুন জাহাজ ভিড়েছে।"},
    {"d3", "ঢাকায় আজ মেট্রোরেলের নতুন স্টেশন চালু হয়েছে। যাত্রীরা খুশি।"},
    {"d4", "সিলেটে আজ চা বাগানের শ্রমিকেরা বৃষ্টি উপেক্ষা করে কাজ করেছেন।"},
    {"d5", "রাজশাহীতে আজ আমের বাজার জমজমাট, দামও চড়া।"},
    {"d6", "খুলনায় আজ সুন্দরবনের পর্যটকদের ভিড় বেড়েছে।"},
};

/* The ids of the hits, space-separated. */
typedef struct ids {
    char buf[256];
    size_t n;
    char mark[64]; /* the first highlighted word of the first hit's snippet */
} ids;

static int on_hit(void *ctx, const songbad_hit *h)
{
    ids *x = ctx;
    if (x->n + h->id.len + 2 < sizeof x->buf) {
        if (x->n) x->buf[x->n++] = ' ';
        memcpy(x->buf + x->n, h->id.ptr, h->id.len);
        x->n += h->id.len;
        x->buf[x->n] = '\0';
    }
    if (!x->mark[0] && h->nmarks && h->marks[1] - h->marks[0] < sizeof x->mark)
        memcpy(x->mark, h->snippet.ptr + h->marks[0], h->marks[1] - h->marks[0]);
    return SONGBAD_OK;
}

static void search(songbad_db *db, const char *q, size_t limit, size_t prune, ids *out,
                   size_t *total)
{
    songbad_search_opts o;
    memset(&o, 0, sizeof o);
    o.query = str(q);
    o.limit = limit;
    o.all = 1;
    o.prune_matches = prune;
    o.snippets = 1;
    memset(out, 0, sizeof *out);
    int rc = songbad_search(db, &o, on_hit, out, total);
    CHECK(rc == SONGBAD_OK);
    if (rc) fprintf(stderr, "search %s: %s\n", q, songbad_db_errmsg(db));
}

int main(void)
{
    char dir[] = "/tmp/songbad-search-test.XXXXXX", path[300];
    if (!tmpdb_make(dir, path, sizeof path)) return 2;
    songbad_db *db = NULL;
    char err[SONGBAD_ERR_LEN];
    CHECK(songbad_db_open(path, SONGBAD_DB_CREATE, &db, err) == SONGBAD_OK);
    if (!db) return check_report("search_test");
    for (size_t i = 0; i < sizeof docs / sizeof docs[0]; i++) {
        songbad_doc d;
        memset(&d, 0, sizeof d);
        d.id = str(docs[i][0]);
        d.body = str(docs[i][1]);
        songbad_add_status st;
        CHECK(songbad_db_add(db, &d, 0, &st) == SONGBAD_OK && st == SONGBAD_ADDED);
    }
    ids got;
    size_t total = 0;

    /* -বৃষ্টি removes d1 although it matches ঢাকায় (FTS5's NOT binds
       tighter than OR: the exclusion must cover every alternative) */
    search(db, "ঢাকায় চট্টগ্রামে -বৃষ্টি", 10, SIZE_MAX, &got, &total);
    CHECK(strstr(got.buf, "d1") == NULL);
    CHECK(total == 2);
    CHECK(strcmp(got.buf, "d3 d2") == 0 || strcmp(got.buf, "d2 d3") == 0);

    /* আজ is in every article, মেট্রোরেল in one: every match ranked ... */
    search(db, "আজ মেট্রোরেল", 1, SIZE_MAX, &got, &total);
    CHECK(strcmp(got.buf, "d3") == 0);
    CHECK(total == 6);
    /* ... or, pruned, only the article with the rare word: the same first
       hit, and the count of what was ranked */
    search(db, "আজ মেট্রোরেল", 1, 1, &got, &total);
    CHECK(strcmp(got.buf, "d3") == 0);
    CHECK(total == 1);
    /* too few for the page asked: every match after all */
    search(db, "আজ মেট্রোরেল", 3, 1, &got, &total);
    CHECK(strncmp(got.buf, "d3 ", 3) == 0);
    CHECK(total == 6);
    /* every word over the limit: only the articles with both of the two
       rarer ones (ঢাকায় and নতুন: d3) are ranked and counted ... */
    search(db, "আজ ঢাকায় নতুন", 1, 1, &got, &total);
    CHECK(strcmp(got.buf, "d3") == 0);
    CHECK(total == 1);
    /* ... and when they are too few for the page, every match */
    search(db, "আজ ঢাকায় নতুন", 2, 1, &got, &total);
    CHECK(strncmp(got.buf, "d3 ", 3) == 0);
    CHECK(total == 6);
    /* below the limit nothing is pruned */
    search(db, "আজ মেট্রোরেল", 1, 100, &got, &total);
    CHECK(total == 6);
    /* a query with a required phrase is never pruned */
    search(db, "আজ \"নতুন স্টেশন\"", 1, 1, &got, &total);
    CHECK(strcmp(got.buf, "d3") == 0);
    CHECK(total == 1);

    /* a word's stem also matches as a prefix: মেট্রো finds মেট্রোরেলের, which
       neither its form, its stem nor its key is */
    search(db, "মেট্রো", 10, SIZE_MAX, &got, &total);
    CHECK(strcmp(got.buf, "d3") == 0);
    CHECK(total == 1);
    CHECK(strcmp(got.mark, "মেট্রোরেলের") == 0); /* and is highlighted */
    /* ... but not a stem shorter than three letters: চা does not find চালু */
    search(db, "চা", 10, SIZE_MAX, &got, &total);
    CHECK(strcmp(got.buf, "d4") == 0);
    CHECK(total == 1);
    /* ... and a pruned search counts a prefix by the articles of its
       words: with room for one article, মেট্রো* (one) is kept as rare */
    search(db, "আজ মেট্রো", 1, 1, &got, &total);
    CHECK(strcmp(got.buf, "d3") == 0);
    CHECK(total == 1);

    songbad_db_close(db);
    tmpdb_remove(dir, path);
    return check_report("search_test");
}
