/* rank_test.c - the ranking formula (songbad_scorer), on two query words of
 * idf 1 in one column of mean length 10, worked out by hand:
 *   a phrase matched tf times adds idf * tf * (k1 + 1) / (tf + k1), k1 = 3.5;
 *   times the idf share of the words matched (with equal idfs, the share of
 *   words; one rare and one common word at the end); times 1 + 0.1 for
 *   words within 3 tokens (+ 0.5 more in query order, within 2); times
 *   1 + 2 * the idf share of words in the densest 20-token window; a query
 *   of n > 3 words counts its closeness bonus times 2 / (n - 1); with the
 *   early-words factor on, times 1 + the idf share of the words weighted by
 *   10 / (10 + the offset of their first match in the early column). */
#include "check.h"
#include "songbad.h"

#include <math.h>
#include <string.h>

static double weight[2] = {1, 1}, idf[2] = {1, 1}, colw[1] = {1}, avgdl[1] = {10};
static int group[2] = {0, 1};

static double score_of(songbad_scorer *s, const songbad_rank_match *m, size_t n)
{
    double len[1] = {10}; /* norm 1: tf is the count of matches */
    return songbad_scorer_score(s, m, n, len);
}

#define CHECK_NEAR(got, want) CHECK(fabs((got) - (want)) < 1e-9)

int main(void)
{
    songbad_rank_params pr = {2, weight, group, idf, 1, colw, avgdl, NULL};
    songbad_scorer *s;
    CHECK(songbad_scorer_new(&pr, NULL, &s) == SONGBAD_OK);

    songbad_rank_match one[] = {{0, 0, 0}};
    CHECK_NEAR(score_of(s, one, 1), 1.0 * 0.5 * 1.0 * 2.0);
    songbad_rank_match in_order[] = {{0, 0, 0}, {1, 0, 1}};
    CHECK_NEAR(score_of(s, in_order, 2), 2.0 * 1.0 * 1.6 * 3.0);
    songbad_rank_match reversed[] = {{1, 0, 0}, {0, 0, 1}};
    CHECK_NEAR(score_of(s, reversed, 2), 2.0 * 1.0 * 1.1 * 3.0);
    songbad_rank_match apart[] = {{0, 0, 0}, {1, 0, 25}};
    CHECK_NEAR(score_of(s, apart, 2), 2.0 * 1.0 * 1.0 * 2.0);
    songbad_rank_match twice[] = {{0, 0, 0}, {0, 0, 30}};
    CHECK_NEAR(score_of(s, twice, 2), 2 * 4.5 / 5.5 * 0.5 * 1.0 * 2.0);
    CHECK_NEAR(score_of(s, NULL, 0), 0.0);
    songbad_scorer_free(s);

    /* a column counted only for its first 5 tokens: the match at 7 is not */
    int limit[1] = {5};
    pr.column_limit = limit;
    CHECK(songbad_scorer_new(&pr, NULL, &s) == SONGBAD_OK);
    songbad_rank_match late[] = {{0, 0, 0}, {1, 0, 7}};
    CHECK_NEAR(score_of(s, late, 2), 1.0 * 0.5 * 1.0 * 2.0);
    songbad_scorer_free(s);

    /* a word found only through a weaker alternative (weight 0.35, its
     * key) counts as 0.35 of a word, also in the window */
    double w2[3] = {1, 1, 0.35}, idf3[3] = {1, 1, 1};
    int g3[3] = {0, 1, 1};
    songbad_rank_params pk = {3, w2, g3, idf3, 1, colw, avgdl, NULL};
    CHECK(songbad_scorer_new(&pk, NULL, &s) == SONGBAD_OK);
    songbad_rank_match key[] = {{0, 0, 0}, {2, 0, 1}};
    /* 1 + 0.35; share (1 + 0.35) / 2; both bonuses; window 2/2 (the word's
       best alternative, the exact form, sets its worth) */
    CHECK_NEAR(score_of(s, key, 2), 1.35 * 0.675 * 1.6 * 3.0);
    songbad_scorer_free(s);

    /* words of idf 3 and 1: the rare one alone keeps 3/4 of the query's
     * idf, the common one alone 1/4 (also the window's share) */
    double idf31[2] = {3, 1};
    songbad_rank_params pi = {2, weight, group, idf31, 1, colw, avgdl, NULL};
    CHECK(songbad_scorer_new(&pi, NULL, &s) == SONGBAD_OK);
    songbad_rank_match rare[] = {{0, 0, 0}}, common[] = {{1, 0, 0}};
    CHECK_NEAR(score_of(s, rare, 1), 3.0 * 0.75 * 1.0 * 2.5);
    CHECK_NEAR(score_of(s, common, 1), 1.0 * 0.25 * 1.0 * 1.5);
    songbad_scorer_free(s);

    /* five words in query order: four pairs of bonus 0.6 count as two */
    double w5[5] = {1, 1, 1, 1, 1}, idf5[5] = {1, 1, 1, 1, 1};
    int g5[5] = {0, 1, 2, 3, 4};
    songbad_rank_params p5 = {5, w5, g5, idf5, 1, colw, avgdl, NULL};
    CHECK(songbad_scorer_new(&p5, NULL, &s) == SONGBAD_OK);
    songbad_rank_match run5[] = {{0, 0, 0}, {1, 0, 1}, {2, 0, 2}, {3, 0, 3}, {4, 0, 4}};
    CHECK_NEAR(score_of(s, run5, 5), 5.0 * 1.0 * (1 + 2.4 * 2 / 4) * 3.0);
    songbad_scorer_free(s);
    /* three words: two pairs, nothing spread */
    p5.nphrase = 3;
    CHECK(songbad_scorer_new(&p5, NULL, &s) == SONGBAD_OK);
    CHECK_NEAR(score_of(s, run5, 3), 3.0 * 1.0 * 2.2 * 3.0);
    songbad_scorer_free(s);

    /* the early-words factor on column 0 */
    songbad_rank_params pe = {2, weight, group, idf, 1, colw, avgdl, NULL};
    CHECK(songbad_scorer_new(&pe, NULL, &s) == SONGBAD_OK);
    songbad_scorer_set_early(s, 0, 1.0);
    /* the first word at token 0 counts 1: 1 + 1/2 */
    CHECK_NEAR(score_of(s, one, 1), 1.0 * 0.5 * 1.0 * 2.0 * 1.5);
    /* the first match of a word counts (10 / 35), not a later one */
    songbad_rank_match early_late[] = {{0, 0, 0}, {1, 0, 25}, {1, 0, 40}};
    CHECK_NEAR(score_of(s, early_late, 3),
               (1.0 + 2 * 4.5 / 5.5) * 1.0 * 1.0 * 2.0 * (1 + (1 + 10.0 / 35) / 2));
    /* weight 2, the word at token 10: 2 * 10 / 20 of half the idf */
    songbad_scorer_set_early(s, 0, 2.0);
    songbad_rank_match at10[] = {{0, 0, 10}};
    CHECK_NEAR(score_of(s, at10, 1), 1.0 * 0.5 * 1.0 * 2.0 * (1 + 2.0 * (10.0 / 20) / 2));
    /* off again: a column out of range, a weight of 0 or not a number */
    songbad_scorer_set_early(s, 1, 1.0);
    CHECK_NEAR(score_of(s, one, 1), 1.0 * 0.5 * 1.0 * 2.0);
    songbad_scorer_set_early(s, 0, 1.0);
    songbad_scorer_set_early(s, 0, 0.0);
    CHECK_NEAR(score_of(s, one, 1), 1.0 * 0.5 * 1.0 * 2.0);
    songbad_scorer_set_early(s, 0, NAN);
    CHECK_NEAR(score_of(s, one, 1), 1.0 * 0.5 * 1.0 * 2.0);
    songbad_scorer_set_early(s, -1, 1.0);
    CHECK_NEAR(score_of(s, one, 1), 1.0 * 0.5 * 1.0 * 2.0);
    songbad_scorer_free(s);
    songbad_scorer_set_early(NULL, 0, 1.0);

    /* questions: a last '?' (or U+FF1F), after spaces, quotes, brackets */
    const char *questions[] = {"ঢাকার জনসংখ্যা কত?", "কে ? ", "কী হলো?”", "(কেন?)",
                               "?", "what?\n", "কবে？", "‘কোথায়?’"};
    for (size_t i = 0; i < sizeof questions / sizeof questions[0]; i++)
        CHECK(songbad_is_question(questions[i], strlen(questions[i])) == 1);
    const char *statements[] = {"", "ঢাকার জনসংখ্যা", "a?b", "কে?।", "? ঢাকা", "”", "))"};
    for (size_t i = 0; i < sizeof statements / sizeof statements[0]; i++)
        CHECK(songbad_is_question(statements[i], strlen(statements[i])) == 0);
    CHECK(songbad_is_question(NULL, 5) == 0);
    CHECK(songbad_is_question("কে?", 3) == 0); /* only the first 3 bytes: ক */

    /* bad parameters */
    songbad_rank_params bad = pr;
    bad.ncolumn = SONGBAD_RANK_MAX_COLUMNS + 1;
    CHECK(songbad_scorer_new(&bad, NULL, &s) == SONGBAD_E_INVAL && s == NULL);
    bad = pr;
    bad.idf = NULL;
    CHECK(songbad_scorer_new(&bad, NULL, &s) == SONGBAD_E_INVAL);
    CHECK(songbad_scorer_new(NULL, NULL, &s) == SONGBAD_E_INVAL);
    /* matches of phrases or columns the scorer does not know are ignored */
    CHECK(songbad_scorer_new(&pr, NULL, &s) == SONGBAD_OK);
    songbad_rank_match stray[] = {{0, 0, 0}, {7, 0, 1}, {-1, 0, 2}, {1, 3, 3}};
    CHECK_NEAR(score_of(s, stray, 4), 1.0 * 0.5 * 1.0 * 2.0);
    songbad_scorer_free(s);
    songbad_scorer_free(NULL);
    return check_report("rank_test");
}
