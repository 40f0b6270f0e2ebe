/* best_test.c - term lists (songbad_db_optimize) and the searches ranked
 * from them (search_best.c): every hit they give carries exactly the score
 * the full ranking through FTS5 gives the same article (the stored text is
 * analyzed and matched as the index would: forms, stems, keys, prefixes,
 * columns); a query of common words is served from the lists (it counts
 * only its candidates); an article added after the lists is still found;
 * a query below the limit, a filtered one and one with other syntax are
 * ranked by FTS5 as before; a prefix is counted from the lists while they
 * are up to date; bad arguments are refused. */
#include "check.h"
#include "tmpdb.h"
#include "songbad_int.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

static songbad_str str(const char *s)
{
    songbad_str r = {s, s ? strlen(s) : 0};
    return r;
}

/* id, headline, body (paragraphs: the first is the lead), captions */
static const char *const docs[][4] = {
    {"a1", "ঢাকায় আজ বৃষ্টি, রাস্তায় পানি",
     "ঢাকায় আজ সকাল থেকে বৃষ্টি হয়েছে।\n\nনগরীর অনেক রাস্তায় পানি জমেছে। আজ বিকেলেও বৃষ্টি হতে পারে।",
     "ছবি: বৃষ্টিতে ঢাকার রাস্তা"},
    {"a2", "চট্টগ্রাম বন্দরে নতুন জাহাজ",
     "চট্টগ্রামে আজ দিনভর রোদ ছিল।\n\nবন্দরে নতুন জাহাজ ভিড়েছে, ঢাকার ব্যবসায়ীরা খুশি।", ""},
    {"a3", "মেট্রোরেলের নতুন স্টেশন চালু",
     "ঢাকায় আজ মেট্রোরেলের নতুন স্টেশন চালু হয়েছে।\n\nযাত্রীরা বলছেন, বৃষ্টির দিনে মেট্রোরেল স্বস্তি দেয়।",
     "ছবি: নতুন স্টেশনে যাত্রীরা"},
    {"a4", "চা বাগানে বৃষ্টির মধ্যেও কাজ",
     "সিলেটে আজ চা বাগানের শ্রমিকেরা বৃষ্টি উপেক্ষা করে কাজ করেছেন।\n\nঢাকা থেকে আসা ক্রেতারা চা কিনেছেন।", ""},
    {"a5", "পুতিনের সঙ্গে ল্যাভরভের বৈঠক",
     "মস্কোয় আজ পুতিন ও লাভরভ বৈঠক করেছেন।\n\nবৈঠকে ঢাকার প্রসঙ্গও এসেছে বলে জানা গেছে।", ""},
    {"a6", "ঢাকার বাজারে চালের দাম বাড়ছে",
     "ঢাকার বাজারে আজ চালের দাম আরও বেড়েছে।\n\nক্রেতারা বলছেন, বৃষ্টির কারণে সরবরাহ কম।", ""},
    {"a7", "রাজশাহীতে আমের বাজার জমজমাট",
     "রাজশাহীতে আজ আমের বাজার জমজমাট, দামও চড়া।\n\nঢাকায় আমের চালান যাচ্ছে প্রতিদিন।", ""},
};

typedef struct hits {
    char id[32][8];
    double score[32];
    size_t n;
} hits;

static int on_hit(void *ctx, const songbad_hit *h)
{
    hits *x = ctx;
    if (x->n < 32 && h->id.len < 8) {
        memcpy(x->id[x->n], h->id.ptr, h->id.len);
        x->id[x->n][h->id.len] = '\0';
        x->score[x->n++] = h->score;
    }
    return SONGBAD_OK;
}

static int search(songbad_db *db, const char *q, size_t limit, size_t prune, const char *source,
                  hits *out, size_t *total)
{
    songbad_search_opts o;
    memset(&o, 0, sizeof o);
    o.query = str(q);
    o.limit = limit;
    o.all = 1;
    o.prune_matches = prune;
    o.source = str(source);
    memset(out, 0, sizeof *out);
    *total = 0;
    return songbad_search(db, &o, on_hit, out, total);
}

/* Every hit of got is a hit of full with the same score (to 1e-9 relative),
 * and got is in score order. */
static int same_scores(const hits *got, const hits *full)
{
    for (size_t i = 0; i < got->n; i++) {
        if (i && got->score[i] > got->score[i - 1]) return 0;
        size_t j = 0;
        while (j < full->n && strcmp(full->id[j], got->id[i]) != 0) j++;
        if (j == full->n) return 0;
        if (fabs(full->score[j] - got->score[i]) > 1e-9 * fabs(full->score[j])) return 0;
    }
    return got->n > 0;
}

static void add(songbad_db *db, const char *const d[4], const char *source)
{
    songbad_doc doc;
    memset(&doc, 0, sizeof doc);
    doc.id = str(d[0]);
    doc.headline = str(d[1]);
    doc.body = str(d[2]);
    doc.captions = str(d[3]);
    doc.source = str(source);
    songbad_add_status st;
    CHECK(songbad_db_add(db, &doc, 0, &st) == SONGBAD_OK && st == SONGBAD_ADDED);
}

int main(void)
{
    char dir[] = "/tmp/songbad-best-test.XXXXXX", path[300];
    if (!tmpdb_make(dir, path, sizeof path)) return 2;
    songbad_db *db = NULL;
    char err[SONGBAD_ERR_LEN];
    CHECK(songbad_db_open(path, SONGBAD_DB_CREATE, &db, err) == SONGBAD_OK);
    if (!db) return check_report("best_test");
    for (size_t i = 0; i < sizeof docs / sizeof docs[0] - 1; i++) add(db, docs[i], "Test");
    /* a2 replaced: the rowids have a gap, the row count is not the last
       rowid (idf takes the row count, as songbad_rank does) */
    songbad_doc d2;
    memset(&d2, 0, sizeof d2);
    d2.id = str(docs[1][0]);
    d2.headline = str(docs[1][1]);
    d2.body = str(docs[1][2]);
    d2.source = str("Test");
    songbad_add_status st2;
    CHECK(songbad_db_add(db, &d2, SONGBAD_ADD_UPDATE, &st2) == SONGBAD_OK &&
          st2 == SONGBAD_REPLACED);

    /* the full ranking, before any list: the reference */
    static const char *const queries[] = {
        "ঢাকা আজ বৃষ্টি",          /* stems (ঢাকায়, ঢাকার), forms, prefixes */
        "আজ নতুন স্টেশন",
        "Putin Lavrov আজ",         /* Latin: keys only */
        "বৃষ্টির দিনে আজ ঢাকায়",
    };
    enum { NQ = sizeof queries / sizeof queries[0] };
    hits full[NQ], got;
    size_t total = 0, full_total[NQ];
    for (int q = 0; q < NQ; q++) {
        CHECK(search(db, queries[q], 32, SIZE_MAX, NULL, &full[q], &full_total[q]) == SONGBAD_OK);
        CHECK(full[q].n > 0);
    }

    /* how many articles a prefix matches (the query compiler's question):
       without lists, the stem's own, a1 a3 a4 a6; no article has ঢাক */
    const char *pre = "বৃষ্টি";
    size_t count = 0;
    CHECK(songbad_search_count_prefix_upto(db, pre, strlen(pre), 100, &count) == SONGBAD_OK);
    CHECK(count == 4);
    CHECK(songbad_search_count_prefix_upto(db, "ঢাক", strlen("ঢাক"), 100, &count) == SONGBAD_OK);
    CHECK(count == 0);

    /* lists of one article for every term in more than one */
    size_t terms = 0;
    CHECK(songbad_db_optimize(db, 1, &terms) == SONGBAD_OK);
    CHECK(terms > 10);
    /* ... with them, the sum of its listed terms' counts: বৃষ্টি in 4,
       বৃষ্টির in 3 (বৃষ্টিতে, in one, is not listed); over the limit, one more */
    CHECK(songbad_search_count_prefix_upto(db, pre, strlen(pre), 100, &count) == SONGBAD_OK);
    CHECK(count == 7);
    CHECK(songbad_search_count_prefix_upto(db, pre, strlen(pre), 5, &count) == SONGBAD_OK);
    CHECK(count == 6);
    /* at most the articles: ঢাকা (6) + ঢাকার (4) + ঢাকায় (2) is 12, the
       last rowid 7 */
    CHECK(songbad_search_count_prefix_upto(db, "ঢাক", strlen("ঢাক"), 100, &count) == SONGBAD_OK);
    CHECK(count == 7);
    for (int q = 0; q < NQ; q++) {
        /* served from the lists (limit 1: any query of a listed word; it
           counts its candidates): the same scores as the full ranking, for
           the articles it ranks */
        CHECK(search(db, queries[q], 2, 1, NULL, &got, &total) == SONGBAD_OK);
        CHECK(got.n == 2 && total <= full_total[q]);
        /* (a word with a prefix alternative reads that in full: here all
           the articles of the first and the last query) */
        if (q == 1 || q == 2) CHECK(total < full_total[q]);
        CHECK(same_scores(&got, &full[q]));
        /* the exact ranking is still there (prune SIZE_MAX), unchanged */
        CHECK(search(db, queries[q], 32, SIZE_MAX, NULL, &got, &total) == SONGBAD_OK);
        CHECK(total == full_total[q] && got.n == full[q].n);
        CHECK(same_scores(&got, &full[q]));
    }
    /* আজ is in six articles, its list holds one: with the lists the query
       counts its candidates only, fewer than its matches ... */
    CHECK(search(db, "আজ", 1, 1, NULL, &got, &total) == SONGBAD_OK);
    CHECK(got.n == 1 && total == 1);
    /* ... and when they are fewer than the page asked, every match */
    CHECK(search(db, "আজ", 2, 1, NULL, &got, &total) == SONGBAD_OK);
    CHECK(got.n == 2 && total == 6);
    CHECK(search(db, "আজ", 32, SIZE_MAX, NULL, &got, &total) == SONGBAD_OK);
    CHECK(got.n == 6 && total == 6);
    /* below the limit the lists are not used: every match */
    CHECK(search(db, "আজ", 32, 100, NULL, &got, &total) == SONGBAD_OK);
    CHECK(got.n == 6 && total == 6);
    /* a filter, or a phrase, goes to FTS5 as before */
    CHECK(search(db, "আজ", 32, 1, "Test", &got, &total) == SONGBAD_OK);
    CHECK(got.n == 6);
    CHECK(search(db, "\"নতুন স্টেশন\" আজ", 32, 1, NULL, &got, &total) == SONGBAD_OK);
    CHECK(got.n >= 1 && strcmp(got.id[0], "a3") == 0);

    /* an article added after the lists is found, with its exact score */
    add(db, docs[sizeof docs / sizeof docs[0] - 1], "Test");
    hits after;
    size_t after_total;
    CHECK(search(db, "আজ আমের বাজার", 32, SIZE_MAX, NULL, &after, &after_total) == SONGBAD_OK);
    CHECK(search(db, "আজ আমের বাজার", 32, 1, NULL, &got, &total) == SONGBAD_OK);
    CHECK(got.n >= 1 && strcmp(got.id[0], "a7") == 0);
    CHECK(same_scores(&got, &after));
    /* the lists are older than the index now: the stem's own articles again */
    CHECK(songbad_search_count_prefix_upto(db, pre, strlen(pre), 100, &count) == SONGBAD_OK);
    CHECK(count == 4);
    CHECK(songbad_search_count_prefix_upto(db, "ঢাক", strlen("ঢাক"), 100, &count) == SONGBAD_OK);
    CHECK(count == 0);

    /* bad arguments */
    CHECK(songbad_db_optimize(NULL, 1, NULL) == SONGBAD_E_INVAL);
    CHECK(songbad_db_optimize(db, 2000000, NULL) == SONGBAD_E_INVAL);
    CHECK(strstr(songbad_db_errmsg(db), "1000000") != NULL);
    songbad_db_close(db);
    CHECK(songbad_db_open(path, SONGBAD_DB_READONLY, &db, err) == SONGBAD_OK);
    CHECK(songbad_db_optimize(db, 1, NULL) == SONGBAD_E_INVAL);
    CHECK(strstr(songbad_db_errmsg(db), "read-only") != NULL);
    songbad_db_close(db);

    tmpdb_remove(dir, path);
    return check_report("best_test");
}
