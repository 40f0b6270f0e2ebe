/* backend_pg_best.c - a search of common words on a large PostgreSQL
 * table, from the term lists (songbad_term_best, backend_pg_optimize.c),
 * as src/search_best.c does on SQLite.
 *
 * The candidates: the listed articles of each listed lexeme of the query,
 * every article of its other lexemes and prefixes (rarer than the lists'
 * threshold: read through the GIN index) and every match among the
 * articles added since the lists were made. Each gets a first estimate,
 * the sum over the query words of the weight x idf of the best alternative
 * it is a candidate for; pg_search ranks the best of them exactly. It is
 * approximate: an article among none of its words' best that has none of
 * the rarer words is not seen.
 *
 * A "quoted phrase" is a query word of its own here: its candidates are the
 * listed articles of its words. Those need not hold the phrase, so the
 * candidates are then checked against the whole query in SQL, best
 * estimate first, until enough match; when fewer match than the hits asked
 * for (a rare phrase of common words), the query takes the usual way.
 *
 * Article counts (for the idf) are those of songbad_terms, kept up to
 * date by ingest; a phrase of several words takes its rarest word's; a
 * prefix read in full is counted, a common one takes the sum of its
 * lexemes' counts (an upper bound, at most the number of articles). */
#include "backend_pg.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RARE_ROWS 20000 /* an unlisted lexeme or prefix read in full up to this many */
#define NEW_ROWS 20000  /* matches among the articles added since the lists */
#define PREFIX_TERMS "5001" /* lexemes of a prefix whose counts are summed, at most */
#define CHECK_MAX 8     /* x keep: "phrase" candidates checked at most */
/* A "phrase" is ranked from the lists when its rarest word is in more than
 * a tenth of limit (2,000 articles by default): the usual way checks the
 * phrase in each article that has all its words (at 100,000 articles, 25
 * us each, more in long ones), which then costs more than the lists do,
 * even when their candidates turn out too few and the usual way follows
 * (5-25 ms more at 100,000). */
#define PHRASE_SHARE 10

typedef struct best_ctx {
    pg_store *s;
    const pg_query *q;
    int phrases;     /* the query has "phrases": candidates are checked */
    double docs;
    long long upto;  /* the lists cover the articles up to this seq */
    double per_term; /* their threshold */
    double *df;      /* per phrase */
    const char **list; /* per phrase: its list (hex), or NULL */
    PGresult *stats; /* the lists and counts of the query's lexemes */
    songbad_candidate *c; /* doc: an article's seq */
    size_t nc, cap;
} best_ctx;

static int add_cand(best_ctx *b, long long seq, int group, double credit)
{
    if (b->nc == b->cap) {
        size_t cap = b->cap ? 2 * b->cap : 1024;
        songbad_candidate *c = realloc(b->c, cap * sizeof *c);
        if (!c) return SONGBAD_E_NOMEM;
        b->c = c;
        b->cap = cap;
    }
    b->c[b->nc].doc = seq;
    b->c[b->nc].word = group;
    b->c[b->nc].credit = credit;
    b->nc++;
    return SONGBAD_OK;
}

static unsigned hex_digit(char c)
{
    return (unsigned)(c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);
}

/* Adds the seqs of a list (hex of ascending varint deltas) as candidates. */
static int add_list(best_ctx *b, const char *hex, int group, double credit)
{
    uint64_t v = 0, seq = 0;
    int shift = 0, rc = SONGBAD_OK;
    for (size_t i = 0; hex[i] && hex[i + 1] && !rc; i += 2) {
        unsigned byte = hex_digit(hex[i]) << 4 | hex_digit(hex[i + 1]);
        if (shift < 64) v |= (uint64_t)(byte & 0x7F) << shift;
        shift += 7;
        if (byte & 0x80) continue;
        seq += v;
        rc = add_cand(b, (long long)seq, group, credit);
        v = 0;
        shift = 0;
    }
    return rc;
}

/* The lists' threshold and extent; SONGBAD_DONE when there are none. */
static int lists_meta(best_ctx *b)
{
    int rc = SONGBAD_OK;
    PGresult *res = pg_rows(b->s,
                            "SELECT (SELECT value FROM songbad_meta WHERE key = 'best_upto'),"
                            " (SELECT value FROM songbad_meta WHERE key = 'best_per_term'),"
                            " (SELECT docs FROM songbad_corpus),"
                            " to_regclass('songbad_term_best') IS NOT NULL",
                            0, NULL, "cannot read the term lists", &rc);
    if (!res) return rc;
    if (PQntuples(res) != 1 || PQgetisnull(res, 0, 0) || PQgetisnull(res, 0, 1) ||
        strcmp(PQgetvalue(res, 0, 3), "t") != 0)
        rc = SONGBAD_DONE;
    if (!rc) {
        b->upto = atoll(PQgetvalue(res, 0, 0));
        b->per_term = pg_num(res, 0, 1);
        b->docs = pg_num(res, 0, 2);
    }
    PQclear(res);
    return rc;
}

/* The last article's seq (through articles_seq, made with the lists). */
static int last_seq(best_ctx *b, long long *last)
{
    int rc = SONGBAD_OK;
    PGresult *res = pg_rows(b->s, "SELECT coalesce(max(seq), 0) FROM articles", 0, NULL,
                            "cannot read the term lists", &rc);
    if (!res) return rc;
    *last = atoll(PQgetvalue(res, 0, 0));
    PQclear(res);
    return SONGBAD_OK;
}

/* Reads every lexeme of the query's phrases: its count and list. */
static int word_stats(best_ctx *b)
{
    const pg_query *q = b->q;
    pg_buf words = {0};
    for (size_t p = 0; p < q->nph; p++)
        for (size_t k = 0; k < q->ph[p].nwords && !q->ph[p].prefix; k++) {
            if (words.n) pg_buf_add(&words, "\n", 1);
            pg_buf_str(&words, q->ph[p].words[k]);
        }
    if (words.oom) return SONGBAD_E_NOMEM;
    const char *vals[1] = {words.p ? words.p : ""};
    int rc = SONGBAD_OK;
    /* lexemes hold no newline: the analyzer splits at spaces */
    b->stats = pg_rows(b->s,
                       "SELECT l, t.df, encode(b.seqs, 'hex') FROM unnest(string_to_array($1, E'\\n')) l"
                       " LEFT JOIN songbad_terms t ON t.lexeme = l"
                       " LEFT JOIN songbad_term_best b ON b.lexeme = l",
                       1, vals, "cannot read the term lists", &rc);
    free(words.p);
    return rc;
}

/* The count and list of one lexeme from word_stats. */
static double lexeme_df(const best_ctx *b, const char *w, const char **list)
{
    if (list) *list = NULL;
    for (int i = 0; i < PQntuples(b->stats); i++) {
        if (strcmp(PQgetvalue(b->stats, i, 0), w) != 0) continue;
        if (list && !PQgetisnull(b->stats, i, 2)) *list = PQgetvalue(b->stats, i, 2);
        return pg_num(b->stats, i, 1);
    }
    return 0;
}

/* A prefix's count: the sum of its lexemes' (up to PREFIX_TERMS of them). */
static int prefix_df(best_ctx *b, const char *prefix, double *df)
{
    pg_buf like = {0};
    for (const char *c = prefix; *c; c++) {
        if (*c == '%' || *c == '_' || *c == '\\') pg_buf_add(&like, "\\", 1);
        pg_buf_add(&like, c, 1);
    }
    pg_buf_add(&like, "%", 1);
    if (like.oom) return SONGBAD_E_NOMEM;
    const char *vals[1] = {like.p};
    int rc = SONGBAD_OK;
    PGresult *res = pg_rows(b->s,
                            "SELECT coalesce(sum(df), 0) FROM (SELECT df FROM songbad_terms"
                            " WHERE lexeme LIKE $1 LIMIT " PREFIX_TERMS ") x",
                            1, vals, "cannot read the term statistics", &rc);
    free(like.p);
    if (!res) return rc;
    *df = pg_num(res, 0, 0);
    PQclear(res);
    return SONGBAD_OK;
}

/* Reads the articles of tsquery tsq (seq > after) through the GIN index,
 * up to limit + 1, as candidates of group with credit; *count. */
static int read_matches(best_ctx *b, const char *tsq, long long after, size_t limit, int group,
                        double credit, size_t *count)
{
    char after_s[32], limit_s[32];
    snprintf(after_s, sizeof after_s, "%lld", after);
    snprintf(limit_s, sizeof limit_s, "%zu", limit + 1);
    const char *vals[3] = {tsq, limit_s, after_s};
    int rc = SONGBAD_OK;
    /* after 0: through the GIN index alone (with a condition on seq, the
       LIMIT could tempt the planner into walking articles_seq) */
    PGresult *res = pg_rows(b->s,
                            after ? "SELECT seq FROM articles WHERE seq > $3::bigint"
                                    " AND tsv @@ $1::tsquery LIMIT $2::bigint"
                                  : "SELECT seq FROM articles WHERE tsv @@ $1::tsquery LIMIT $2::bigint",
                            after ? 3 : 2, vals, "search failed", &rc);
    if (!res) return rc;
    *count = (size_t)PQntuples(res);
    for (size_t i = 0; i < *count && i < limit && !rc; i++)
        rc = add_cand(b, atoll(PQgetvalue(res, (int)i, 0)), group, credit);
    PQclear(res);
    return rc;
}

static double idf_of(double docs, double df)
{
    if (df > docs) df = docs;
    return log(1.0 + (docs - df + 0.5) / (df + 0.5));
}

/* Each phrase's article count, before any candidate is read. */
static int phrase_counts(best_ctx *b)
{
    const pg_query *q = b->q;
    int rc = SONGBAD_OK;
    for (size_t p = 0; p < q->nph && !rc; p++) {
        const pg_phrase *ph = &q->ph[p];
        b->list[p] = NULL;
        if (ph->prefix) {
            rc = prefix_df(b, ph->words[0], &b->df[p]);
            continue;
        }
        double least = -1;
        for (size_t k = 0; k < ph->nwords; k++) {
            const char *list;
            double df = lexeme_df(b, ph->words[k], &list);
            if (least < 0 || df < least) least = df;
            if (ph->nwords == 1) b->list[p] = list;
        }
        b->df[p] = least < 0 ? 0 : least;
    }
    return rc;
}

/* The query word phrase p stands for in the estimate: its own, or a new
 * one for a "phrase" (numbered after the query's words); -1 for none. */
static int cand_group(const pg_query *q, size_t p)
{
    if (q->ph[p].group >= 0) return q->ph[p].group;
    return q->ph[p].required ? q->ngroup + (int)p : -1;
}

/* Whether the query's words would match more than enough articles: over
 * its words, the sum of each one's most common alternative. With
 * "phrases", whether the rarest one's rarest word is in more than
 * phrase_enough: the usual way checks the phrase in each article that has
 * all its words, which costs more than checking the lists' candidates
 * only when those are many. */
static int many_matches(const best_ctx *b, double enough, double phrase_enough)
{
    double total = 0, least = -1;
    for (int g = 0; g < b->q->ngroup; g++) {
        double most = 0;
        for (size_t p = 0; p < b->q->nph; p++)
            if (b->q->ph[p].group == g && b->df[p] > most) most = b->df[p];
        total += most;
    }
    for (size_t p = 0; p < b->q->nph; p++)
        if (b->q->ph[p].required && (least < 0 || b->df[p] < least)) least = b->df[p];
    if (least >= 0) return least > phrase_enough;
    return (total < b->docs ? total : b->docs) > enough;
}

/* The candidates of "phrase" p: the listed articles of its words (its
 * matches are as many as its rarest word's at most, and each would be
 * checked in its article's text: reading them through the GIN index cost
 * as much as the usual way); SONGBAD_DONE when none of its words is listed
 * (a rare word: the usual way is quick; or lists out of date). */
static int required_candidates(best_ctx *b, size_t p, double credit)
{
    const pg_phrase *ph = &b->q->ph[p];
    int group = cand_group(b->q, p), listed = 0, rc = SONGBAD_OK;
    for (size_t k = 0; k < ph->nwords && !rc; k++) {
        const char *list;
        lexeme_df(b, ph->words[k], &list);
        if (!list) continue;
        listed = 1;
        rc = add_list(b, list, group, credit);
    }
    return rc ? rc : listed ? SONGBAD_OK : SONGBAD_DONE;
}

/* The candidates each phrase gives, and its idf; SONGBAD_DONE when an
 * unlisted lexeme is too common to read (the lists are out of date). */
static int phrase_candidates(best_ctx *b, double *idf)
{
    const pg_query *q = b->q;
    int rc = SONGBAD_OK;
    for (size_t p = 0; p < q->nph && !rc; p++) {
        const pg_phrase *ph = &q->ph[p];
        idf[p] = idf_of(b->docs, b->df[p]);
        if (ph->required) {
            rc = required_candidates(b, p, ph->weight * idf[p]);
            continue;
        }
        if (ph->nwords != 1 || ph->group < 0) continue; /* counted only */
        if (b->list[p]) {
            rc = add_list(b, b->list[p], ph->group, ph->weight * idf[p]);
            continue;
        }
        if (b->df[p] > RARE_ROWS) {
            if (!ph->prefix) rc = SONGBAD_DONE; /* common and unlisted */
            continue; /* a common prefix: its word's own forms give the candidates */
        }
        /* the lexeme as a tsquery: a clause of one term */
        songbad_plan_term t = {ph->words[0], strlen(ph->words[0]), ph->prefix, 0, -1, 0};
        songbad_plan_clause one = {SONGBAD_CLAUSE_OPTIONAL, SONGBAD_FIELD_ANY, 0, 0, 0, 0, &t, 1};
        size_t n = songbad_plan_clause_tsquery(&one, NULL, 0);
        char *tsq = malloc(n + 1);
        if (!tsq) return SONGBAD_E_NOMEM;
        songbad_plan_clause_tsquery(&one, tsq, n + 1);
        size_t before = b->nc, count = 0;
        rc = read_matches(b, tsq, 0, RARE_ROWS, ph->group, 0, &count);
        free(tsq);
        if (!rc && ph->prefix) { /* counted exactly, as the full ranking counts it */
            b->df[p] = (double)count;
            idf[p] = idf_of(b->docs, b->df[p]);
        }
        for (size_t i = before; i < b->nc; i++) b->c[i].credit = ph->weight * idf[p];
    }
    return rc;
}

static int by_value(const void *x, const void *y)
{
    long long a = *(const long long *)x, b = *(const long long *)y;
    return a < b ? -1 : a > b;
}

/* With "phrases": keeps, best estimate first, the candidates that match the
 * whole query, checked in SQL 4 x keep at a time until keep of them match,
 * CHECK_MAX x keep at most (a check reads the article's tsvector: some
 * 25 us each at 100,000 articles); *matches: the matches among all
 * candidates, extrapolated from those checked. SONGBAD_DONE when fewer
 * than want match, or when so few of those checked match that fewer than
 * want would among all: the usual way is then quicker. */
static int check_candidates(best_ctx *b, size_t want, size_t keep, size_t *matches)
{
    size_t total = b->nc, checked = 0, kept = 0, chunk = 4 * keep;
    int rc = SONGBAD_OK;
    while (checked < total && kept < keep && checked < CHECK_MAX * keep && !rc) {
        size_t end = total - checked > chunk ? checked + chunk : total;
        pg_buf seqs = {0};
        pg_buf_add(&seqs, "{", 1);
        for (size_t i = checked; i < end; i++) pg_buf_array_num(&seqs, b->c[i].doc);
        pg_buf_add(&seqs, "}", 1);
        if (seqs.oom) return SONGBAD_E_NOMEM;
        const char *vals[2] = {seqs.p, b->q->tsq};
        PGresult *res = pg_rows(b->s,
                                "SELECT seq FROM articles WHERE seq = ANY($1::bigint[])"
                                " AND tsv @@ $2::tsquery",
                                2, vals, "search failed", &rc);
        free(seqs.p);
        if (!res) return rc;
        size_t n = (size_t)PQntuples(res);
        long long *hit = malloc((n + 1) * sizeof *hit);
        if (!hit) rc = SONGBAD_E_NOMEM;
        for (size_t i = 0; hit && i < n; i++) hit[i] = atoll(PQgetvalue(res, (int)i, 0));
        PQclear(res);
        if (rc) return rc;
        qsort(hit, n, sizeof *hit, by_value);
        for (size_t i = checked; i < end; i++) /* in place: kept <= i */
            if (bsearch(&b->c[i].doc, hit, n, sizeof *hit, by_value)) b->c[kept++] = b->c[i];
        free(hit);
        checked = end;
        *matches = (size_t)((double)kept * (double)total / (double)checked + 0.5);
        /* too few to be worth checking the rest: the usual way is quicker */
        if (kept < want && *matches < want) {
            b->nc = kept;
            return SONGBAD_DONE;
        }
    }
    b->nc = kept;
    return kept < want ? SONGBAD_DONE : SONGBAD_OK;
}

void pg_best_free(pg_best *b)
{
    free(b->seq);
    free(b->idf);
    memset(b, 0, sizeof *b);
}

int pg_best_candidates(pg_store *s, const pg_query *q, size_t limit, size_t keep, size_t want,
                       pg_best *out)
{
    memset(out, 0, sizeof *out);
    best_ctx b;
    memset(&b, 0, sizeof b);
    b.s = s;
    b.q = q;
    for (size_t p = 0; p < q->nph; p++) b.phrases += q->ph[p].required;
    int rc = lists_meta(&b);
    if (!rc && b.docs <= (double)limit) rc = SONGBAD_DONE; /* ranking it all is fast */
    if (rc) return rc;
    b.df = calloc(q->nph + 1, sizeof *b.df);
    b.list = calloc(q->nph + 1, sizeof *b.list);
    out->idf = calloc(q->nph + 1, sizeof *out->idf);
    if (!b.df || !b.list || !out->idf) rc = SONGBAD_E_NOMEM;
    if (!rc) rc = word_stats(&b);
    if (!rc) rc = phrase_counts(&b);
    double enough = (double)limit < b.per_term ? (double)limit : b.per_term;
    if (!rc && !many_matches(&b, enough, (double)limit / PHRASE_SHARE)) rc = SONGBAD_DONE;
    if (!rc) rc = phrase_candidates(&b, out->idf);
    /* every match among the articles added since the lists, ranked
       exactly whatever their estimate */
    long long last = 0;
    if (!rc) rc = last_seq(&b, &last);
    size_t count = 0;
    if (!rc && last > b.upto && q->tsq)
        rc = read_matches(&b, q->tsq, b.upto, NEW_ROWS, -1, HUGE_VAL, &count);
    if (!rc && count > NEW_ROWS) rc = SONGBAD_DONE; /* lists too old: rank it all */
    if (!rc) {
        b.nc = songbad_candidates_merge(b.c, b.nc);
        out->matches = b.nc;
        if (b.phrases) rc = check_candidates(&b, want, keep, &out->matches);
    }
    if (!rc) {
        out->n = b.nc < keep ? b.nc : keep;
        out->seq = malloc((out->n + 1) * sizeof *out->seq);
        if (!out->seq) rc = SONGBAD_E_NOMEM;
        for (size_t i = 0; !rc && i < out->n; i++) out->seq[i] = b.c[i].doc;
    }
    if (rc) pg_best_free(out);
    PQclear(b.stats);
    free(b.df);
    free(b.list);
    free(b.c);
    return rc;
}
