/*
 * rank_score.c - the ranking formula of songbad, one place for both stores:
 * the FTS5 function songbad_rank (index_rank.c) and the PostgreSQL backend
 * feed it the matches of one article and get its score.
 *
 * BM25F (Robertson & Zaragoza): the term frequency of a phrase sums its
 * matches, each weighted by its column and normalized by the column's
 * length; each phrase adds weight * idf * saturated tf. Then three factors
 * over the query words (the groups), each measured on the known-item and
 * question topics of the anchors:
 * - coordination: times the share of the query words' idf that is matched
 *   (each word counting its best alternative's idf), a word found only
 *   through a weaker alternative (its key) counting as that weight: an
 *   article without the rarest word loses most;
 * - closeness: a bonus for each pair of consecutive query words that stand
 *   within PROXIMITY_WINDOW tokens, a larger one when they stand in query
 *   order (a headline's words often reappear in that order in its lead);
 *   a long query spreads CLOSE_PAIRS pairs' worth over its pairs, so that an
 *   article retelling a long run of common query words does not outrank
 *   one that holds the rare ones;
 * - density: a bonus for the densest window of SPAN_WINDOW tokens, by the
 *   idf share of the query words it holds (the sentence that answers a
 *   question, or that the headline retells).
 * - early words (when the caller asks for it: songbad_scorer_set_early):
 *   times 1 + weight x the idf share of the query words found near the start
 *   of one column, each word counting its weight x EARLY_SCALE /
 *   (EARLY_SCALE + offset) at its best match there (the first, for one
 *   form). News puts the story in its opening lines, the
 *   ones a headline or a reader's keywords retell; the answer to a question
 *   may stand anywhere, so questions go without.
 */
#include "songbad_int.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define BM25_K1 3.5 /* measured on the dev topics (docs/search.md): 3.5 beats 1.2 and 3 */
#define BM25_B 0.7
#define PROXIMITY 0.1
#define PROXIMITY_WINDOW 3
#define IN_ORDER 0.5       /* extra, when the second word follows the first */
#define IN_ORDER_WINDOW 2  /* one stopword may stand between them */
#define SPAN 2.0
#define SPAN_WINDOW 20
#define CLOSE_PAIRS 2.0
#define EARLY_SCALE 10.0

struct songbad_scorer {
    songbad_allocator alloc;
    size_t nphrase;
    int ncol, ngroup;
    double *weight, *idf, *tf;   /* per phrase */
    int *group;                  /* per phrase */
    double col_weight[SONGBAD_RANK_MAX_COLUMNS], avgdl[SONGBAD_RANK_MAX_COLUMNS];
    int col_limit[SONGBAD_RANK_MAX_COLUMNS];
    double *group_idf;           /* per group: idf of its best alternative */
    double idf_total;
    /* per group, scratch for one article */
    double *matched;             /* best weight matched */
    int *last_pos, *last_col;    /* where it was last seen */
    char *near, *in_order;       /* pair (g, g+1) seen close / in order */
    int *in_window;              /* matches inside the density window */
    double *early;               /* best early credit */
    int early_column;            /* -1: no early-words factor */
    double early_weight;
};

void songbad_scorer_free(songbad_scorer *s)
{
    if (!s) return;
    songbad_allocator a = s->alloc;
    void *parts[] = {s->weight, s->idf, s->tf, s->group, s->group_idf, s->matched,
                     s->last_pos, s->last_col, s->near, s->in_order, s->in_window, s->early};
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) songbad_alloc_free(&a, parts[i]);
    songbad_alloc_free(&a, s);
}

static void *alloc_array(songbad_scorer *s, size_t n, size_t size, int *failed)
{
    void *p = songbad_alloc_realloc(&s->alloc, NULL, (n ? n : 1) * size);
    if (!p) *failed = 1;
    else memset(p, 0, (n ? n : 1) * size);
    return p;
}

int songbad_scorer_new(const songbad_rank_params *pr, const songbad_allocator *alloc,
                       songbad_scorer **out)
{
    *out = NULL;
    if (!pr || pr->ncolumn < 0 || pr->ncolumn > SONGBAD_RANK_MAX_COLUMNS ||
        pr->nphrase > (1u << 20) || (pr->nphrase && (!pr->weight || !pr->group || !pr->idf)) ||
        (pr->ncolumn && (!pr->column_weight || !pr->avgdl)))
        return SONGBAD_E_INVAL;
    songbad_allocator a;
    songbad_alloc_init(&a, alloc);
    songbad_scorer *s = songbad_alloc_realloc(&a, NULL, sizeof *s);
    if (!s) return SONGBAD_E_NOMEM;
    memset(s, 0, sizeof *s);
    s->alloc = a;
    s->nphrase = pr->nphrase;
    s->ncol = pr->ncolumn;
    for (int c = 0; c < s->ncol; c++) {
        s->col_weight[c] = pr->column_weight[c];
        s->avgdl[c] = pr->avgdl[c] > 0 ? pr->avgdl[c] : 1.0;
        s->col_limit[c] = pr->column_limit && pr->column_limit[c] > 0 ? pr->column_limit[c] : INT_MAX;
    }
    int failed = 0;
    size_t np = s->nphrase;
    s->weight = alloc_array(s, np, sizeof *s->weight, &failed);
    s->idf = alloc_array(s, np, sizeof *s->idf, &failed);
    s->tf = alloc_array(s, np, sizeof *s->tf, &failed);
    s->group = alloc_array(s, np, sizeof *s->group, &failed);
    if (failed) {
        songbad_scorer_free(s);
        return SONGBAD_E_NOMEM;
    }
    for (size_t p = 0; p < np; p++) {
        s->weight[p] = pr->weight[p];
        s->idf[p] = pr->idf[p];
        s->group[p] = pr->group[p] >= 0 && pr->group[p] < (1 << 20) ? pr->group[p] : -1;
        if (s->group[p] + 1 > s->ngroup) s->ngroup = s->group[p] + 1;
    }
    size_t ng = (size_t)s->ngroup;
    s->group_idf = alloc_array(s, ng, sizeof *s->group_idf, &failed);
    s->matched = alloc_array(s, ng, sizeof *s->matched, &failed);
    s->last_pos = alloc_array(s, ng, sizeof *s->last_pos, &failed);
    s->last_col = alloc_array(s, ng, sizeof *s->last_col, &failed);
    s->near = alloc_array(s, ng, 1, &failed);
    s->in_order = alloc_array(s, ng, 1, &failed);
    s->in_window = alloc_array(s, ng, sizeof *s->in_window, &failed);
    s->early = alloc_array(s, ng, sizeof *s->early, &failed);
    s->early_column = -1;
    if (failed) {
        songbad_scorer_free(s);
        return SONGBAD_E_NOMEM;
    }
    /* a word's worth in the density window: its best alternative's idf,
     * a weaker alternative (a key) counting for its weight */
    for (size_t p = 0; p < np; p++) {
        int g = s->group[p];
        double w = s->weight[p] > 1.0 ? 1.0 : s->weight[p];
        if (g >= 0 && w * s->idf[p] > s->group_idf[g]) s->group_idf[g] = w * s->idf[p];
    }
    for (size_t g = 0; g < ng; g++) s->idf_total += s->group_idf[g];
    *out = s;
    return SONGBAD_OK;
}

void songbad_scorer_set_early(songbad_scorer *s, int column, double weight)
{
    if (!s) return;
    int on = column >= 0 && column < s->ncol && weight > 0 && isfinite(weight);
    s->early_column = on ? column : -1;
    s->early_weight = on ? weight : 0;
}

int songbad_is_question(const char *text, size_t len)
{
    if (!text) return 0;
    /* closing marks that may follow the question mark: ) ] " ' ” ’ */
    static const char *const closers[] = {")", "]", "\"", "'", "\xE2\x80\x9D", "\xE2\x80\x99"};
    while (len > 0) {
        unsigned char c = (unsigned char)text[len - 1];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            len--;
            continue;
        }
        size_t k = 0;
        for (size_t i = 0; i < sizeof closers / sizeof closers[0] && !k; i++) {
            size_t n = strlen(closers[i]);
            if (len >= n && memcmp(text + len - n, closers[i], n) == 0) k = n;
        }
        if (!k) break;
        len -= k;
    }
    return (len >= 1 && text[len - 1] == '?') ||
           (len >= 3 && memcmp(text + len - 3, "\xEF\xBC\x9F", 3) == 0);
}

/* The idf share of the query words by per-word credits in [0, 1]. */
static double idf_share(const songbad_scorer *s, const double *credit)
{
    double share = 0;
    for (int g = 0; g < s->ngroup; g++) {
        double w = credit[g] > 1.0 ? 1.0 : credit[g];
        share += s->idf_total > 0 ? w * s->group_idf[g] / s->idf_total : w / s->ngroup;
    }
    return share;
}

/* Whether a match counts for the query words: a valid phrase of a word,
 * in a column, inside the column's limit. */
static int counts_for_word(const songbad_scorer *s, const songbad_rank_match *m)
{
    return m->phrase >= 0 && (size_t)m->phrase < s->nphrase && s->group[m->phrase] >= 0 &&
           m->column >= 0 && m->column < s->ncol && m->offset < s->col_limit[m->column];
}

/* The idf share of the query words in the densest window of SPAN_WINDOW
 * tokens of one column. */
static double densest_window(songbad_scorer *s, const songbad_rank_match *m, size_t n)
{
    if (s->idf_total <= 0) return 0;
    for (int g = 0; g < s->ngroup; g++) s->in_window[g] = 0;
    double cur = 0, best = 0;
    size_t lo = 0;
    for (size_t i = 0; i < n; i++) {
        if (!counts_for_word(s, &m[i])) continue;
        int g = s->group[m[i].phrase];
        while (lo < i) { /* drop the matches that fell out of the window */
            const songbad_rank_match *o = &m[lo];
            int counted = counts_for_word(s, o);
            if (counted && o->column == m[i].column && m[i].offset - o->offset < SPAN_WINDOW)
                break;
            if (counted && --s->in_window[s->group[o->phrase]] == 0)
                cur -= s->group_idf[s->group[o->phrase]];
            lo++;
        }
        if (s->in_window[g]++ == 0) cur += s->group_idf[g];
        if (cur > best) best = cur;
    }
    return best / s->idf_total;
}

double songbad_scorer_score(songbad_scorer *s, const songbad_rank_match *m, size_t n,
                            const double *column_len)
{
    double norm[SONGBAD_RANK_MAX_COLUMNS];
    for (int c = 0; c < s->ncol; c++)
        norm[c] = 1.0 - BM25_B + BM25_B * (column_len ? column_len[c] : 0) / s->avgdl[c];
    for (size_t p = 0; p < s->nphrase; p++) s->tf[p] = 0;
    for (int g = 0; g < s->ngroup; g++) {
        s->matched[g] = 0;
        s->last_pos[g] = INT_MIN / 2;
        s->last_col[g] = -1;
        s->near[g] = s->in_order[g] = 0;
        s->early[g] = 0;
    }
    for (size_t i = 0; i < n; i++) {
        int p = m[i].phrase, c = m[i].column, off = m[i].offset;
        if (p < 0 || (size_t)p >= s->nphrase || c < 0 || c >= s->ncol) continue;
        if (off >= s->col_limit[c]) continue;
        s->tf[p] += s->col_weight[c] / norm[c];
        int g = s->group[p];
        if (g < 0) continue;
        if (s->weight[p] > s->matched[g]) s->matched[g] = s->weight[p];
        if (c == s->early_column) {
            double e = s->weight[p] * EARLY_SCALE / (EARLY_SCALE + (off > 0 ? off : 0));
            if (e > s->early[g]) s->early[g] = e;
        }
        s->last_pos[g] = off;
        s->last_col[g] = c;
        if (g > 0 && s->last_col[g - 1] == c && off > s->last_pos[g - 1]) {
            int gap = off - s->last_pos[g - 1];
            if (gap <= PROXIMITY_WINDOW) s->near[g - 1] = 1;
            if (gap <= IN_ORDER_WINDOW) s->in_order[g - 1] = 1;
        }
        if (g + 1 < s->ngroup && s->last_col[g + 1] == c && off > s->last_pos[g + 1] &&
            off - s->last_pos[g + 1] <= PROXIMITY_WINDOW)
            s->near[g] = 1; /* the later word came first: still close */
    }
    double score = 0;
    for (size_t p = 0; p < s->nphrase; p++) {
        double tf = s->tf[p];
        if (tf > 0) score += s->weight[p] * s->idf[p] * tf * (BM25_K1 + 1) / (tf + BM25_K1);
    }
    if (s->ngroup > 0 && score > 0) {
        double matched = idf_share(s, s->matched), bonus = 0;
        int pairs = s->ngroup - 1;
        for (int g = 0; g < pairs; g++)
            bonus += (s->near[g] ? PROXIMITY : 0) + (s->in_order[g] ? IN_ORDER : 0);
        if (pairs > CLOSE_PAIRS) bonus *= CLOSE_PAIRS / pairs;
        score *= matched * (1.0 + bonus) * (1.0 + SPAN * densest_window(s, m, n));
        if (s->early_column >= 0) score *= 1.0 + s->early_weight * idf_share(s, s->early);
    }
    return score;
}

/* Whether phrase weights pw end with the question mark. */
int songbad_rank_weights_question(const char *pw)
{
    size_t n = pw ? strlen(pw) : 0;
    while (n > 0 && pw[n - 1] == ' ') n--;
    return n > 0 && pw[n - 1] == '?';
}

/* Reads "W[:G] ..." into weight[] and group[]. */
void songbad_rank_parse_weights(const char *pw, int nphrase, double *weight, int *group)
{
    for (int p = 0; p < nphrase; p++) {
        weight[p] = 1.0;
        group[p] = -1;
        if (!pw) continue;
        char *end;
        double v = strtod(pw, &end);
        if (end == pw) {
            pw = NULL;
            continue;
        }
        weight[p] = v;
        pw = end;
        if (*pw == ':') {
            long g = strtol(pw + 1, &end, 10);
            if (end != pw + 1 && g >= 0 && g < 100000) group[p] = (int)g;
            pw = end;
        }
    }
}
