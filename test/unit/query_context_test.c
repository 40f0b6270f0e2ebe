/* query_context_test.c - a run of stopwords next to a query word is also
 * searched as written, as an optional phrase with that word (query.c,
 * W_CONTEXT): the exact expression and weights for each shape of query,
 * and on a small database, the article that holds the question's wording
 * outranks one that holds its only content word more often, with the same
 * articles matched. */
#include "check.h"
#include "songbad_int.h"

#include <math.h>
#include <stdlib.h>
#include <unistd.h>

static songbad_query *q;

/* Compiles text and checks the expression and the weights exactly. */
static void expect(const char *text, const char *match, const char *weights)
{
    int rc = songbad_query_compile(q, text, strlen(text));
    CHECK(rc == SONGBAD_OK);
    CHECK(strcmp(songbad_query_match(q), match) == 0);
    CHECK(strcmp(songbad_query_weights(q), weights) == 0);
    if (rc || strcmp(songbad_query_match(q), match) || strcmp(songbad_query_weights(q), weights))
        fprintf(stderr, "query %s:\n  got  %s | %s\n  want %s | %s\n", text,
                songbad_query_match(q), songbad_query_weights(q), match, weights);
}

static songbad_str str(const char *s)
{
    songbad_str r = {s, strlen(s)};
    return r;
}

typedef struct hits {
    char ids[64];
    size_t n;
    double score[4];
} hits;

static int on_hit(void *ctx, const songbad_hit *h)
{
    hits *x = ctx;
    if (h->rank >= 1 && h->rank <= 4) x->score[h->rank - 1] = h->score;
    if (x->n + h->id.len + 2 < sizeof x->ids) {
        if (x->n) x->ids[x->n++] = ' ';
        memcpy(x->ids + x->n, h->id.ptr, h->id.len);
        x->n += h->id.len;
        x->ids[x->n] = '\0';
    }
    return SONGBAD_OK;
}

static void search(songbad_db *db, const char *text, hits *out, size_t *total)
{
    songbad_search_opts o;
    memset(&o, 0, sizeof o);
    o.query = str(text);
    o.limit = 10;
    o.all = 1;
    o.prune_matches = SIZE_MAX;
    memset(out, 0, sizeof *out);
    CHECK(songbad_search(db, &o, on_hit, out, total) == SONGBAD_OK);
}

/* A new database in a temporary directory dir (a mkdtemp template) holding
 * the articles docs[i] = {id, body}; NULL if it could not be made. */
static songbad_db *db_of(char *dir, const char *const (*docs)[2], size_t n)
{
    if (!mkdtemp(dir)) {
        CHECK(0);
        return NULL;
    }
    char path[300];
    snprintf(path, sizeof path, "%s/t.db", dir);
    songbad_db *db = NULL;
    char err[SONGBAD_ERR_LEN];
    CHECK(songbad_db_open(path, SONGBAD_DB_CREATE, &db, err) == SONGBAD_OK);
    for (size_t i = 0; db && i < n; i++) {
        songbad_doc d;
        memset(&d, 0, sizeof d);
        d.id = str(docs[i][0]);
        d.body = str(docs[i][1]);
        songbad_add_status st;
        CHECK(songbad_db_add(db, &d, 0, &st) == SONGBAD_OK && st == SONGBAD_ADDED);
    }
    return db;
}

/* Closes db and removes its directory. */
static void db_done(songbad_db *db, const char *dir)
{
    char cmd[300];
    songbad_db_close(db);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    CHECK(system(cmd) == 0);
}

static void ranking(void)
{
    char dir[] = "/tmp/songbad-context-test.XXXXXX";
    static const char *const docs[][2] = {
        {"many", "সংঘর্ষে দুজন আহত হন। পুলিশ জানায়, আহত দুজনকে হাসপাতালে নেওয়া হয়েছে। "
                 "আহত ব্যক্তিরা এখন শঙ্কামুক্ত।"},
        {"worded", "জমি নিয়ে বিরোধের জেরে সংঘর্ষে উভয় পক্ষে আহত হয়েছেন আটজন।"},
        {"other", "নদীর পানি বিপৎসীমার ওপর দিয়ে বইছে।"},
    };
    songbad_db *db = db_of(dir, docs, sizeof docs / sizeof docs[0]);
    if (!db) return;
    hits got;
    size_t total = 0;
    /* the content word alone: the article that repeats it comes first */
    search(db, "আহত", &got, &total);
    CHECK(strcmp(got.ids, "many worded") == 0);
    CHECK(total == 2);
    /* with the question's wording: the article that has it comes first,
       and the same two articles match (the phrase holds আহত) */
    search(db, "উভয় পক্ষে আহত হয়েছেন কতজন?", &got, &total);
    CHECK(strcmp(got.ids, "worded many") == 0);
    CHECK(total == 2);
    db_done(db, dir);
}

/* Two articles of the same words, one with the query word first and one
 * with it last: the first ranks higher, by 1 + 1 against 1 + 10 / (10 +
 * 30), unless the query is a question (then they tie: rowid order). */
static void early_words(void)
{
    char dir[] = "/tmp/songbad-early-test.XXXXXX";
    const char *river = "নদীর পানি বিপৎসীমার ওপর দিয়ে বইছে। ";
    char late[1024] = "", early[1024] = "বন্যা। ";
    for (int i = 0; i < 5; i++) {
        strcat(late, river);
        strcat(early, river);
    }
    strcat(late, "বন্যা।");
    const char *const docs[][2] = {{"late", late}, {"early", early}};
    songbad_db *db = db_of(dir, docs, 2);
    if (!db) return;
    hits got;
    size_t total = 0;
    search(db, "বন্যা", &got, &total);
    CHECK(strcmp(got.ids, "early late") == 0);
    CHECK(fabs(got.score[0] / got.score[1] - 2.0 / 1.25) < 1e-9);
    search(db, "বন্যা?", &got, &total);
    CHECK(strcmp(got.ids, "late early") == 0);
    CHECK(got.score[0] == got.score[1]);
    db_done(db, dir);
}

int main(void)
{
    CHECK(songbad_query_new(NULL, &q) == SONGBAD_OK);
    if (!q) return check_report("query_context_test");

    /* stopwords before a word: the run and the word */
    expect("উভয় পক্ষে আহত", "(\"আহত\" OR \"#at\" OR \"আহত\"*) OR \"উভয় পক্ষে আহত\"",
           "1.00:0 0.35:0 0.60:0 2.00");
    /* after a word: the word and the run */
    expect("আহত হয়েছেন কতজন", "(\"আহত\" OR \"#at\" OR \"আহত\"*) OR \"আহত হয়েছেন কতজন\"",
           "1.00:0 0.35:0 0.60:0 2.00");
    /* between two words: one phrase with each */
    expect("সরকার ও বিরোধী",
           "(\"সরকার\" OR \"সরকা\" OR \"#srkr\" OR \"সরকা\"*) OR (\"বিরোধী\" OR \"#birdi\" OR "
           "\"বিরোধী\"*) OR \"সরকার ও\" OR \"ও বিরোধী\"",
           "1.00:0 1.00:0 0.35:0 0.60:0 1.00:1 0.35:1 0.60:1 2.00 2.00");
    /* no stopwords: nothing added */
    expect("রাজধানী ঢাকা",
           "(\"রাজধানী\" OR \"#rjdni\" OR \"রাজধানী\"*) OR (\"ঢাকা\" OR \"#dka\" OR \"ঢাকা\"*)",
           "1.00:0 0.35:0 0.60:0 1.00:1 0.35:1 0.60:1");
    /* only stopwords: they are the query's words, nothing added (and a
     * stopword has no key) */
    expect("এবং ও", "(\"এবং\" OR \"এবং\"*) OR (\"ও\")", "1.00:0 0.60:0 1.00:1");
    /* a run of five stopwords makes a phrase too long to expect as written */
    expect("এবং ও কি কে যে আহত", "(\"আহত\" OR \"#at\" OR \"আহত\"*)", "1.00:0 0.35:0 0.60:0");
    /* a quoted phrase is no neighbour: it is required as it is */
    expect("পক্ষে \"আহত\"", "(\"আহত\")", "1.50");
    /* an excluded word is no neighbour either, and its phrases come last */
    expect("পক্ষে আহত -রাজধানী",
           "((\"আহত\" OR \"#at\" OR \"আহত\"*) OR \"পক্ষে আহত\") NOT ((\"রাজধানী\" OR \"#rjdni\"))",
           "1.00:0 0.35:0 0.60:0 2.00 1.00 0.35");
    /* a question: the weights end with "?" */
    expect("রাজধানী ঢাকা?",
           "(\"রাজধানী\" OR \"#rjdni\" OR \"রাজধানী\"*) OR (\"ঢাকা\" OR \"#dka\" OR \"ঢাকা\"*)",
           "1.00:0 0.35:0 0.60:0 1.00:1 0.35:1 0.60:1 ?");
    songbad_query_free(q);

    ranking();
    early_words();
    return check_report("query_context_test");
}
