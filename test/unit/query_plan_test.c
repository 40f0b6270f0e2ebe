/* query_plan_test.c - songbad_query_plan, through the public header only:
 * the clauses, terms, weights and word numbers of queries of each kind of
 * the syntax, the errors, what a plan highlights, and the prefix count. */
#include "check.h"
#include "songbad.h"

/* Writes a compiled plan as text: a line a clause, its terms after ':'. */
static void dump_plan(const songbad_query_plan *p, char *out, size_t cap)
{
    static const char *const roles[] = {"required", "optional", "context", "excluded"};
    static const char *const fields[] = {"", " headline", " lead", " body", " captions", " source"};
    size_t n = 0;
    out[0] = '\0';
    for (size_t i = 0; i < songbad_query_plan_nclauses(p); i++) {
        const songbad_plan_clause *c = songbad_query_plan_clause(p, i);
        n += (size_t)snprintf(out + n, cap - n, "%s%s", roles[c->role], fields[c->field]);
        if (c->phrase) n += (size_t)snprintf(out + n, cap - n, " phrase %.2f", c->weight);
        n += (size_t)snprintf(out + n, cap - n, " words %d+%d:", c->first_word, c->nwords);
        for (size_t k = 0; k < c->nterms; k++) {
            const songbad_plan_term *t = &c->terms[k];
            n += (size_t)snprintf(out + n, cap - n, " %.*s%s", (int)t->len, t->text,
                                  t->prefix ? "*" : "");
            if (!c->phrase) n += (size_t)snprintf(out + n, cap - n, "/%.2f/%d", t->weight, t->word);
            if (!t->highlight) n += (size_t)snprintf(out + n, cap - n, "/-");
        }
        n += (size_t)snprintf(out + n, cap - n, "\n");
    }
}

/* Compiles q and compares its dump with want. */
static void check_plan(songbad_query_plan *p, const char *q, const char *want)
{
    char out[4096];
    CHECK(songbad_query_plan_compile(p, q, strlen(q)) == SONGBAD_OK);
    dump_plan(p, out, sizeof out);
    CHECK_MEM(out, strlen(out), want);
}

/* Compiles q, which is malformed, and compares the message with want. */
static void check_error(songbad_query_plan *p, const char *q, const char *want)
{
    CHECK(songbad_query_plan_compile(p, q, strlen(q)) == SONGBAD_E_QUERY);
    const char *msg = songbad_query_plan_errmsg(p);
    CHECK_MEM(msg, strlen(msg), want);
    CHECK(songbad_query_plan_nclauses(p) == 0);
    CHECK(songbad_query_plan_nwords(p) == 0);
}

static int highlights(const songbad_query_plan *p, const char *term)
{
    return songbad_query_plan_highlights(p, term, strlen(term));
}

/* A prefix count that says every stem is in df articles, or fails. */
typedef struct counter {
    size_t df, limit;
    int fail, asked;
} counter;

static int count_prefix(void *ctx, const char *term, size_t n, size_t limit, size_t *count)
{
    counter *c = ctx;
    (void)term;
    (void)n;
    c->asked++;
    c->limit = limit;
    if (c->fail) return c->fail;
    *count = c->df;
    return SONGBAD_OK;
}

int main(void)
{
    songbad_query_plan *p = NULL;
    CHECK(songbad_query_plan_new(NULL, &p) == SONGBAD_OK);
    if (!p) return check_report("query_plan_test");

    /* a word: its form, stem and key, then its stem as a prefix */
    check_plan(p, "সফরের",
               "optional words 0+1: সফরের/1.00/0 সফর/1.00/0 #sfr/0.35/0 সফর*/0.60/0\n");
    CHECK(songbad_query_plan_nwords(p) == 1);
    CHECK(!songbad_query_plan_is_question(p));
    CHECK(highlights(p, "সফরের") && highlights(p, "সফর") && highlights(p, "#sfr"));
    CHECK(highlights(p, "সফরকালে")); /* begins with the stem prefix */
    CHECK(!highlights(p, "সফ") && !highlights(p, "#sf"));

    /* a phrase is required; an excluded word is numbered no query word
     * and shown nowhere */
    check_plan(p, "\"উত্তর কোরিয়া\" ঢাকা -বন্যা",
               "required phrase 1.50 words 0+0: উত্তর কোরিয়া\n"
               "optional words 0+1: ঢাকা/1.00/0 #dka/0.35/0 ঢাকা*/0.60/0\n"
               "excluded words 1+0: বন্যা/1.00/-1/- #bna/0.35/-1/-\n");
    CHECK(highlights(p, "উত্তর") && highlights(p, "কোরিয়া") && !highlights(p, "বন্যা"));

    /* a field; a Latin name's key also as a prefix (not highlighted:
     * it would mark every longer name) */
    check_plan(p, "title:লাভরভ Lavrov",
               "required headline words 0+1: লাভরভ/1.00/0 #lvrv/0.35/0 লাভরভ*/0.60/0\n"
               "optional words 1+1: lavrov/1.00/1 #lvrv/0.35/1 #lvrv*/0.25/1/-\n");
    CHECK(highlights(p, "#lvrv") && !highlights(p, "#lvrvski"));

    /* a prefix word keeps only its form; source: is a field too */
    check_plan(p, "মেট্রো* source:এএফপি",
               "required source words 0+1: এএফপি/1.00/0 #afpi/0.35/0 এএফপি*/0.60/0\n"
               "optional words 1+1: মেট্রো*/1.00/1\n");
    CHECK(highlights(p, "মেট্রোরেলের"));

    /* stopwords are dropped, but their runs beside a word are context
     * phrases; a question is marked */
    check_plan(p, "উভয় পক্ষে আহত হয়েছেন কতজন?",
               "optional words 0+1: আহত/1.00/0 #at/0.35/0 আহত*/0.60/0\n"
               "context phrase 2.00 words 1+0: উভয়/- পক্ষে/- আহত/-\n"
               "context phrase 2.00 words 1+0: আহত/- হয়েছেন/- কতজন/-\n");
    CHECK(songbad_query_plan_is_question(p));
    CHECK(!highlights(p, "উভয়"));

    /* nothing but stopwords: they are searched for after all */
    check_plan(p, "এবং ও",
               "optional words 0+1: এবং/1.00/0 এবং*/0.60/0\n"
               "optional words 1+1: ও/1.00/1\n");
    check_plan(p, "-\"এবং\" ঢাকা",
               "optional words 0+1: ঢাকা/1.00/0 #dka/0.35/0 ঢাকা*/0.60/0\n"
               "excluded phrase 1.50 words 1+0: এবং/-\n");

    /* errors leave no clauses behind */
    check_error(p, "-ঢাকা", "a query needs at least one word that is not excluded");
    check_error(p, "\"ঢাকা", "unterminated quote (at character 1 of the query)");
    check_error(p, "ঢাকা foo:x", "unknown field 'foo' (title, lead, body, caption, source)");
    check_error(p, "- ;", "the query has no words to search for");
    check_error(p, "", "the query has no words to search for");
    CHECK(songbad_query_plan_compile(p, NULL, 0) == SONGBAD_E_QUERY);
    CHECK(songbad_query_plan_compile(p, NULL, 3) == SONGBAD_E_INVAL);
    CHECK(songbad_query_plan_clause(p, 0) == NULL);

    /* the prefix count: a stem in more than SONGBAD_PREFIX_MAX_DF articles
     * is no prefix; a failure fails the compile */
    counter c = {SONGBAD_PREFIX_MAX_DF, 0, 0, 0};
    songbad_query_plan_set_prefix_count(p, count_prefix, &c);
    check_plan(p, "সফরের",
               "optional words 0+1: সফরের/1.00/0 সফর/1.00/0 #sfr/0.35/0 সফর*/0.60/0\n");
    CHECK(c.asked == 1 && c.limit == SONGBAD_PREFIX_MAX_DF);
    c.df = SONGBAD_PREFIX_MAX_DF + 1;
    check_plan(p, "সফরের", "optional words 0+1: সফরের/1.00/0 সফর/1.00/0 #sfr/0.35/0\n");
    CHECK(!highlights(p, "সফরকালে"));
    c.fail = SONGBAD_E_IO;
    CHECK(songbad_query_plan_compile(p, "সফরের", strlen("সফরের")) == SONGBAD_E_IO);
    CHECK(songbad_query_plan_nclauses(p) == 0);

    songbad_query_plan_free(p);
    songbad_query_plan_free(NULL);
    CHECK(songbad_query_plan_new(NULL, NULL) == SONGBAD_E_INVAL);
    return check_report("query_plan_test");
}
