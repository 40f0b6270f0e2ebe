/* candidates_test.c - songbad_candidates_merge (public header only): one
 * candidate an article, its estimate the sum over query words of the best
 * credit of each, best first, ties by article. */
#include "check.h"
#include "songbad.h"

int main(void)
{
    songbad_candidate c[] = {
        {7, 0, 1.0}, {3, 1, 2.0}, {7, 0, 2.5}, /* 7: word 0 twice: its best, 2.5 */
        {7, 1, 0.5}, {3, 1, 1.5},              /* 7: + word 1 = 3.0; 3: word 1's best 2.0 */
        {9, -1, 0.0}, {5, 0, 3.0}, {4, 2, 2.0} /* 9: no word; 5 ties 7; 4 ties 3 */
    };
    size_t n = songbad_candidates_merge(c, sizeof c / sizeof c[0]);
    CHECK(n == 5);
    static const long long doc[] = {5, 7, 3, 4, 9};
    static const double credit[] = {3.0, 3.0, 2.0, 2.0, 0.0};
    for (size_t i = 0; i < n && i < 5; i++) {
        CHECK(c[i].doc == doc[i]);
        CHECK(c[i].credit == credit[i]);
        CHECK(c[i].word == -1);
    }
    CHECK(songbad_candidates_merge(c, 0) == 0);
    songbad_candidate one = {1, 0, 0.25};
    CHECK(songbad_candidates_merge(&one, 1) == 1 && one.doc == 1 && one.credit == 0.25);
    return check_report("candidates_test");
}
