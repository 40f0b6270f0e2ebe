/* query_prefix_test.c - a query word's stem becomes a prefix alternative
 * only when the index says the prefix matches at most SONGBAD_PREFIX_MAX_DF
 * articles (query.c, songbad_query_set_df), and a failed count fails the
 * compile instead of changing the query. */
#include "check.h"
#include "songbad_int.h"

/* A fake index: how many articles hold a term. */
typedef struct fake_index {
    size_t df;   /* every term's count */
    int fail;    /* the error to return, 0 for none */
    int asked;   /* how many times it was asked */
    size_t limit;
} fake_index;

static int fake_df(void *ctx, const char *term, size_t n, size_t limit, size_t *count)
{
    fake_index *f = ctx;
    (void)term;
    (void)n;
    f->asked++;
    f->limit = limit;
    if (f->fail) return f->fail;
    *count = f->df < limit + 1 ? f->df : limit + 1;
    return SONGBAD_OK;
}

static int has_prefix(const songbad_query *q) { return strstr(songbad_query_match(q), "*") != NULL; }

int main(void)
{
    songbad_query *q = NULL;
    CHECK(songbad_query_new(NULL, &q) == SONGBAD_OK);
    if (!q) return check_report("query_prefix_test");
    const char *word = "মেট্রো";

    /* no index to ask: the prefix is there */
    CHECK(songbad_query_compile(q, word, strlen(word)) == SONGBAD_OK);
    CHECK(has_prefix(q));

    /* a stem in exactly the limit's number of articles keeps it ... */
    fake_index f = {SONGBAD_PREFIX_MAX_DF, 0, 0, 0};
    songbad_query_set_df(q, fake_df, &f);
    CHECK(songbad_query_compile(q, word, strlen(word)) == SONGBAD_OK);
    CHECK(has_prefix(q));
    CHECK(f.asked == 1);
    CHECK(f.limit == SONGBAD_PREFIX_MAX_DF);

    /* ... one more loses it, and only it: the word and its key stay */
    f.df = SONGBAD_PREFIX_MAX_DF + 1;
    CHECK(songbad_query_compile(q, word, strlen(word)) == SONGBAD_OK);
    CHECK(!has_prefix(q));
    CHECK(strstr(songbad_query_match(q), "\"মেট্রো\"") != NULL);
    CHECK(strstr(songbad_query_match(q), "#") != NULL);

    /* a short stem is never asked about (it gets no prefix anyway) */
    f.asked = 0;
    CHECK(songbad_query_compile(q, "চা", strlen("চা")) == SONGBAD_OK);
    CHECK(f.asked == 0);
    CHECK(!has_prefix(q));

    /* a failed count fails the compile with its code */
    f.fail = SONGBAD_E_DB;
    CHECK(songbad_query_compile(q, word, strlen(word)) == SONGBAD_E_DB);
    f.fail = SONGBAD_E_NOMEM;
    CHECK(songbad_query_compile(q, word, strlen(word)) == SONGBAD_E_NOMEM);
    /* and the next compile starts afresh */
    f.fail = 0;
    f.df = 1;
    CHECK(songbad_query_compile(q, word, strlen(word)) == SONGBAD_OK);
    CHECK(has_prefix(q));

    songbad_query_free(q);
    return check_report("query_prefix_test");
}
