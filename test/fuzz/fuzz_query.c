/* fuzz_query.c - the query plan (src/query_plan.c), its FTS5 and tsquery
 * writers (src/query.c, src/query_tsquery.c) and the search behind them. A
 * plan's clauses have terms, number the query words one after another, and
 * a term's word is one of its clause's (or none); its tsquery text is as
 * long as it says. Compiling any text gives SONGBAD_OK or SONGBAD_E_QUERY,
 * as the plan does; an error has a message; a compiled MATCH expression is
 * non-empty, its FTS5 strings are closed and its parentheses (outside
 * strings) balance, and there is one weight per FTS5 string. songbad_search
 * with the same text on a small database returns SONGBAD_OK or
 * SONGBAD_E_QUERY, never SONGBAD_E_DB: an SQL error from a user's query is
 * a bug. */
#include "fuzz_common.h"
#include "songbad_int.h"

#include <unistd.h>

static char db_dir[64];
static char db_path[96];
static songbad_db *db;

static void remove_db(void)
{
    static const char *const suffix[] = {"", "-wal", "-shm", "-journal"};
    char p[128];
    if (db) songbad_db_close(db);
    db = NULL;
    for (size_t i = 0; i < sizeof suffix / sizeof suffix[0]; i++) {
        snprintf(p, sizeof p, "%s%s", db_path, suffix[i]);
        unlink(p);
    }
    if (db_dir[0]) rmdir(db_dir);
}

static songbad_str str(const char *s)
{
    songbad_str r = {s, strlen(s)};
    return r;
}

/* A database created once per process, with a few articles. */
static songbad_db *get_db(void)
{
    if (db) return db;
    snprintf(db_dir, sizeof db_dir, "/tmp/songbad-fuzz-XXXXXX");
    FUZZ_ASSERT(mkdtemp(db_dir));
    snprintf(db_path, sizeof db_path, "%s/q.db", db_dir);
    char err[SONGBAD_ERR_LEN];
    int rc = songbad_db_open(db_path, SONGBAD_DB_CREATE, &db, err);
    if (rc) fprintf(stderr, "fuzz_query: %s\n", err);
    FUZZ_ASSERT(rc == SONGBAD_OK);
    atexit(remove_db);
    static const char *const docs[][4] = {
        {"a1", "লাভরভের ঢাকা সফর", "রাশিয়ার পররাষ্ট্রমন্ত্রী সের্গেই লাভরভ আজ ঢাকায় এসেছেন। তিনি দুই দিনের সফরে।", "2023-09-07"},
        {"a2", "Rohingya crisis", "কক্সবাজারে রোহিঙ্গাদের শিবিরে আগুন লেগেছে। ছবি: এএফপি", "2023-03-05"},
        {"a3", "বাজেট ২০২৩", "অর্থমন্ত্রী ৭,৬১,৭৮৫ কোটি টাকার বাজেট দিলেন। কিম জং-উন নয়।", "2023-06-01"},
    };
    for (size_t i = 0; i < sizeof docs / sizeof docs[0]; i++) {
        songbad_doc d;
        memset(&d, 0, sizeof d);
        d.id = str(docs[i][0]);
        d.headline = str(docs[i][1]);
        d.body = str(docs[i][2]);
        d.date = str(docs[i][3]);
        d.source = str("fuzz");
        songbad_add_status st;
        rc = songbad_db_add(db, &d, 0, &st);
        if (rc) fprintf(stderr, "fuzz_query: %s\n", songbad_db_errmsg(db));
        FUZZ_ASSERT(rc == SONGBAD_OK);
    }
    return db;
}

/* Counts the FTS5 strings of a MATCH expression; -1 if a string is open or
 * the parentheses outside strings do not balance. */
static long count_strings(const char *m)
{
    long strings = 0, depth = 0;
    for (size_t i = 0; m[i]; i++) {
        if (m[i] == '"') {
            strings++;
            for (i++;; i++) {
                if (!m[i]) return -1;
                if (m[i] == '"') {
                    if (m[i + 1] == '"') i++;
                    else break;
                }
            }
        } else if (m[i] == '(') {
            depth++;
        } else if (m[i] == ')') {
            if (--depth < 0) return -1;
        }
    }
    return depth == 0 ? strings : -1;
}

/* The number of phrase weights; the "?" that ends a question's is not one. */
static long count_weights(const char *w)
{
    long n = 0;
    for (size_t i = 0; w[i]; i++)
        if (w[i] != ' ' && w[i] != '?' && (i == 0 || w[i - 1] == ' ')) n++;
    return n;
}

/* Whether weights w end with the question mark. */
static int ends_question(const char *w)
{
    size_t n = strlen(w);
    return n > 0 && w[n - 1] == '?';
}

/* Checks a compiled plan's clauses (see the top). */
static void check_plan(const songbad_query_plan *p)
{
    int next_word = 0;
    for (size_t i = 0; i < songbad_query_plan_nclauses(p); i++) {
        const songbad_plan_clause *c = songbad_query_plan_clause(p, i);
        FUZZ_ASSERT(c->nterms > 0);
        FUZZ_ASSERT(c->first_word == next_word && c->nwords >= 0);
        next_word += c->nwords;
        for (size_t k = 0; k < c->nterms; k++) {
            const songbad_plan_term *t = &c->terms[k];
            FUZZ_ASSERT(t->len > 0 || c->phrase);
            FUZZ_ASSERT(t->word == -1 || (t->word >= c->first_word && t->word < next_word));
            FUZZ_ASSERT(!c->phrase || (!t->prefix && t->word == -1));
        }
    }
    FUZZ_ASSERT(next_word == songbad_query_plan_nwords(p));
    /* the tsquery text: as long as it says, and cut short safely */
    for (int source = 0; source < 2; source++) {
        size_t n = songbad_query_plan_tsquery(p, source, NULL, 0);
        char *t = malloc(n + 1), small[7];
        FUZZ_ASSERT(t);
        FUZZ_ASSERT(songbad_query_plan_tsquery(p, source, t, n + 1) == n && strlen(t) == n);
        FUZZ_ASSERT(songbad_query_plan_tsquery(p, source, small, sizeof small) == n);
        FUZZ_ASSERT(strlen(small) == (n < sizeof small ? n : sizeof small - 1));
        FUZZ_ASSERT(memcmp(small, t, strlen(small)) == 0);
        free(t);
    }
}

typedef struct hctx {
    size_t last_rank;
} hctx;

static int on_hit(void *ctx, const songbad_hit *h)
{
    hctx *c = ctx;
    FUZZ_ASSERT(h->rank == c->last_rank + 1);
    c->last_rank = h->rank;
    for (size_t i = 0; i < h->nmarks; i++) {
        FUZZ_ASSERT(h->marks[2 * i] <= h->marks[2 * i + 1]);
        FUZZ_ASSERT(h->marks[2 * i + 1] <= h->snippet.len);
    }
    return SONGBAD_OK;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *t = (const char *)data;
    songbad_query *q = NULL;
    FUZZ_ASSERT(songbad_query_new(NULL, &q) == SONGBAD_OK && q);
    int rc = songbad_query_compile(q, t, size);
    FUZZ_ASSERT(rc == SONGBAD_OK || rc == SONGBAD_E_QUERY);
    if (rc == SONGBAD_E_QUERY) {
        FUZZ_ASSERT(songbad_query_error(q)[0] != '\0');
    } else {
        const char *m = songbad_query_match(q);
        FUZZ_ASSERT(m[0] != '\0');
        long strings = count_strings(m);
        if (strings < 0) fprintf(stderr, "fuzz_query: bad MATCH: %s\n", m);
        FUZZ_ASSERT(strings > 0);
        long weights = count_weights(songbad_query_weights(q));
        if (weights != strings)
            fprintf(stderr, "fuzz_query: %ld strings, %ld weights: %s | %s\n", strings,
                    weights, m, songbad_query_weights(q));
        FUZZ_ASSERT(weights == strings);
        FUZZ_ASSERT(ends_question(songbad_query_weights(q)) == songbad_is_question(t, size));
    }
    songbad_query_free(q);

    songbad_query_plan *p = NULL;
    FUZZ_ASSERT(songbad_query_plan_new(NULL, &p) == SONGBAD_OK && p);
    FUZZ_ASSERT(songbad_query_plan_compile(p, t, size) == rc);
    if (rc == SONGBAD_OK) check_plan(p);
    else FUZZ_ASSERT(songbad_query_plan_nclauses(p) == 0);
    songbad_query_plan_free(p);

    songbad_db *d = get_db();
    songbad_search_opts o;
    memset(&o, 0, sizeof o);
    o.query.ptr = t;
    o.query.len = size;
    o.snippets = 1;
    hctx c = {0};
    size_t total = 0;
    int src = songbad_search(d, &o, on_hit, &c, &total);
    if (src != SONGBAD_OK && src != SONGBAD_E_QUERY)
        fprintf(stderr, "fuzz_query: songbad_search: %s: %s\n", songbad_strerror(src),
                songbad_db_errmsg(d));
    FUZZ_ASSERT(src == SONGBAD_OK || src == SONGBAD_E_QUERY);
    FUZZ_ASSERT(src == rc); /* the search compiles the query the same way */
    if (src == SONGBAD_OK) FUZZ_ASSERT(c.last_rank <= total);
    else FUZZ_ASSERT(songbad_db_errmsg(d)[0] != '\0');
    return 0;
}
