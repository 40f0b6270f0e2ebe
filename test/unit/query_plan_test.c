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

/* Compiles q and compares its tsquery text (source: 0 or 1) with want. */
static void check_tsquery(songbad_query_plan *p, const char *q, int source, const char *want)
{
    char out[512];
    CHECK(songbad_query_plan_compile(p, q, strlen(q)) == SONGBAD_OK);
    size_t n = songbad_query_plan_tsquery(p, source, out, sizeof out);
    CHECK(n == strlen(out));
    CHECK_MEM(out, n, want);
}

/* songbad_prune_clauses on the counts df (n of them): the kept clauses,
 * in order, as "1 2" (with " both" when they are all required), or "". */
static void check_prune(const double *df, size_t n, double limit, const char *want)
{
    songbad_clause_count c[8];
    char got[64] = "";
    size_t len = 0;
    int both = 0;
    for (size_t i = 0; i < n; i++) c[i] = (songbad_clause_count){i, df[i]};
    size_t k = songbad_prune_clauses(c, n, limit, &both);
    for (size_t i = 0; i < k; i++)
        len += (size_t)snprintf(got + len, sizeof got - len, "%s%zu", i ? " " : "", c[i].clause);
    if (both) snprintf(got + len, sizeof got - len, " both");
    CHECK_MEM(got, strlen(got), want);
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

    /* snippets: the matches of every alternative, here a spelling variant
     * through its key and a prefix, marked in the original text */
    songbad_query_plan_set_prefix_count(p, NULL, NULL);
    const char *q = "লাভরভ সফর*";
    const char *text = "রাশিয়ার পররাষ্ট্রমন্ত্রী সের্গেই ল্যাভরভ আজ ঢাকায় এসেছেন। লাভরভের এই সফরকালে "
                       "দুই দেশের বাণিজ্য নিয়ে কথা হবে।";
    songbad_str sn;
    size_t marks[2 * SONGBAD_SNIPPET_TOKENS], nmarks = 99;
    CHECK(songbad_query_plan_compile(p, q, strlen(q)) == SONGBAD_OK);
    CHECK(songbad_query_plan_snippet(p, text, strlen(text), &sn, marks, &nmarks) == SONGBAD_OK);
    CHECK(sn.ptr == text && sn.len == strlen(text) - strlen("।"));
    CHECK(nmarks == 3);
    CHECK_MEM(sn.ptr + marks[0], marks[1] - marks[0], "ল্যাভরভ");
    CHECK_MEM(sn.ptr + marks[2], marks[3] - marks[2], "লাভরভের");
    CHECK_MEM(sn.ptr + marks[4], marks[5] - marks[4], "সফরকালে");
    /* the first window of SONGBAD_SNIPPET_TOKENS tokens with the most
     * matches */
    q = "ঢাকা";
    text = "1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30 "
           "ঢাকা 31";
    CHECK(songbad_query_plan_compile(p, q, strlen(q)) == SONGBAD_OK);
    CHECK(songbad_query_plan_snippet(p, text, strlen(text), &sn, marks, &nmarks) == SONGBAD_OK);
    CHECK_MEM(sn.ptr, sn.len, "4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 "
                              "26 27 28 29 30 ঢাকা");
    CHECK(nmarks == 1 && marks[0] == sn.len - strlen("ঢাকা") && marks[1] == sn.len);
    /* no tokens: the text itself when short, else nothing */
    CHECK(songbad_query_plan_snippet(p, "... ।", strlen("... ।"), &sn, marks, &nmarks) == 0);
    CHECK_MEM(sn.ptr, sn.len, "... ।");
    CHECK(nmarks == 0);
    char dots[400];
    memset(dots, '.', sizeof dots);
    CHECK(songbad_query_plan_snippet(p, dots, sizeof dots, &sn, marks, &nmarks) == 0);
    CHECK(sn.len == 0 && nmarks == 0);
    CHECK(songbad_query_plan_snippet(p, NULL, 1, &sn, marks, &nmarks) == SONGBAD_E_INVAL);

    /* tsquery text: alternatives ORed, a phrase with <->, fields as weights,
     * excluded with & !, source: clauses apart, quotes doubled */
    check_tsquery(p, "লাভরভের সফর", 0,
                  "('লাভরভের' | 'লাভরভ' | '#lvrv' | 'লাভরভ':*) | ('সফর' | '#sfr' | 'সফর':*)");
    check_tsquery(p, "\"উত্তর কোরিয়া\" সফর*", 0,
                  "(('উত্তর' <-> 'কোরিয়া')) & (('সফর':*))");
    check_tsquery(p, "title:লাভরভ Lavrov -বাতিল", 0,
                  "(('লাভরভ':A | '#lvrv':A | 'লাভরভ':*A)) & (('lavrov' | '#lvrv' | '#lvrv':*)) & "
                  "!(('বাতিল' | '#btil'))");
    check_tsquery(p, "source:এএফপি -source:রয়টার্স ঢাকা", 0, "('ঢাকা' | '#dka' | 'ঢাকা':*)");
    check_tsquery(p, "source:এএফপি -source:রয়টার্স ঢাকা", 1,
                  "('এএফপি' | '#afpi' | 'এএফপি':*) & !(('রয়টার্স' | '#rtrs'))");
    check_tsquery(p, "source:এএফপি", 0, "");
    check_tsquery(p, "O'Brien", 0, "('o''brien' | '#abrn' | '#abrn':*)");
    {
        char small[8];
        size_t need = songbad_query_plan_tsquery(p, 0, small, sizeof small);
        CHECK(need == strlen("('o''brien' | '#abrn' | '#abrn':*)"));
        CHECK_MEM(small, strlen(small), "('o''br");
        CHECK(songbad_query_plan_tsquery(p, 0, NULL, 0) == need);
        const songbad_plan_clause *first = songbad_query_plan_clause(p, 0);
        char one[64];
        CHECK(songbad_plan_clause_tsquery(first, one, sizeof one) == need - 2);
        CHECK_MEM(one, strlen(one), "'o''brien' | '#abrn' | '#abrn':*");
        CHECK(songbad_plan_clause_tsquery(NULL, one, sizeof one) == 0 && one[0] == '\0');
    }

    /* pruning: the rarest clauses while they fit the limit, in query order;
     * all over it, the two rarest, both required; nothing when all fit */
    check_prune((const double[]){10, 20, 30}, 3, 100, "");
    check_prune((const double[]){500, 30, 40, 1000}, 4, 100, "1 2");
    check_prune((const double[]){50, 50, 50, 500}, 4, 100, "0 1");
    check_prune((const double[]){300, 200, 400}, 3, 100, "0 1 both");
    check_prune((const double[]){300, 200}, 2, 100, "1");
    check_prune((const double[]){300}, 1, 100, "");

    songbad_query_plan_free(p);
    /* a NULL plan is one with nothing in it */
    songbad_query_plan_free(NULL);
    songbad_query_plan_set_prefix_count(NULL, count_prefix, &c);
    CHECK(songbad_query_plan_compile(NULL, "x", 1) == SONGBAD_E_INVAL);
    CHECK(songbad_query_plan_nclauses(NULL) == 0 && songbad_query_plan_clause(NULL, 0) == NULL);
    CHECK(songbad_query_plan_nwords(NULL) == 0 && !songbad_query_plan_is_question(NULL));
    CHECK(!songbad_query_plan_highlights(NULL, "x", 1));
    CHECK(songbad_query_plan_analyzer(NULL) == NULL);
    CHECK(strcmp(songbad_query_plan_errmsg(NULL), "no query plan") == 0);
    CHECK(songbad_query_plan_snippet(NULL, "x", 1, &sn, marks, &nmarks) == SONGBAD_E_INVAL);
    CHECK(songbad_query_plan_new(NULL, NULL) == SONGBAD_E_INVAL);
    return check_report("query_plan_test");
}
