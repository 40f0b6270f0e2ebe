/*
 * rank_text.c - the songbad_rank score of one article computed from its
 * stored text instead of FTS5's index (search_best.c ranks its candidates
 * so: looking a row up in FTS5 costs a seek in every phrase's document
 * list, hundreds of microseconds for a query of common words).
 *
 * The query's MATCH expression, as query.c writes it for plain words, is
 * read back into its phrases: "a", "a"* (every term that begins with a),
 * "a b" (consecutive tokens), joined by OR and grouped in parentheses; any
 * other syntax (AND, NOT, NEAR, columns) is not handled (SONGBAD_DONE).
 * A phrase's text is analyzed as FTS5 analyzes it (the tokenizer's query
 * mode: normalized words; a '#' key as it is). An article's columns are
 * analyzed as the index tokenizer analyzes them (every term of a token at
 * its position, positions counted over tokens), and a phrase matches where
 * its tokens stand at consecutive positions, each among the terms there:
 * the instances FTS5's xInst reports, in the same (column, offset, phrase)
 * order, and column sizes as xColumnSize counts them.
 */
#include "songbad_int.h"

#include "sqlite_api.h"
#include <stdlib.h>

#define NCOL 5            /* headline, lead, body, captions, source */
#define MAX_PHRASE_TOKENS 32

typedef struct qtoken {
    size_t at, len;  /* in rt->text */
    int phrase, index;
    int prefix;      /* the phrase's last token, matching any term it begins */
} qtoken;

typedef struct qphrase {
    size_t expr_at, expr_len; /* the phrase in the MATCH expression */
    size_t ntokens;
    int prefix;
} qphrase;

struct songbad_rank_text {
    songbad_allocator alloc;
    songbad_analyzer *doc;   /* borrowed: as the index tokenizer analyzes */
    songbad_analyzer *query;
    char *text;              /* the phrases' tokens, back to back */
    size_t ntext, captext;
    qtoken *tok;
    size_t ntok, captok;
    qphrase *ph;
    size_t nph, capph;
    const char *match;       /* borrowed: the expression */
    double avgdl[NCOL];      /* the index's mean column lengths */
    songbad_scorer *scorer;
    sqlite3_stmt *row, *members;
    /* one article */
    uint64_t *run;           /* per phrase: bit j = tokens 0..j end here */
    uint64_t *here;          /* per phrase: tokens found at this position */
    songbad_rank_match *m;
    size_t nm, capm;
    int column, pos;         /* pos: of the current token, -1 before the first */
    int touched, live;       /* a token found at this position; a run going on */
    uint64_t lengths;        /* bit n: a query token of n bytes (n < 64) */
    size_t min_prefix;       /* the shortest prefix token (SIZE_MAX: none) */
    int rc;
};

/* ---- the phrases of the expression ---------------------------------------- */

typedef struct phrase_ctx {
    songbad_rank_text *rt;
    size_t phrase;
} phrase_ctx;

static int add_qtoken(songbad_rank_text *rt, size_t phrase, const char *s, size_t n)
{
    qphrase *p = &rt->ph[phrase];
    if (p->ntokens >= MAX_PHRASE_TOKENS) return SONGBAD_DONE;
    if (songbad_grow(&rt->alloc, (void **)&rt->text, &rt->captext, rt->ntext + n + 1, 1) ||
        songbad_grow(&rt->alloc, (void **)&rt->tok, &rt->captok, rt->ntok + 1, sizeof *rt->tok))
        return SONGBAD_E_NOMEM;
    memcpy(rt->text + rt->ntext, s, n);
    rt->text[rt->ntext + n] = '\0';
    qtoken t = {rt->ntext, n, (int)phrase, (int)p->ntokens, 0};
    rt->tok[rt->ntok++] = t;
    rt->ntext += n + 1;
    p->ntokens++;
    return SONGBAD_OK;
}

static int on_query_term(void *ctx, const songbad_term *t)
{
    phrase_ctx *c = ctx;
    if (t->colocated) return SONGBAD_OK;
    return add_qtoken(c->rt, c->phrase, t->text, t->len);
}

/* Whether s is a key as the tokenizer passes it through (index_tokenizer.c). */
static int is_key(const char *s, size_t n)
{
    if (n < 2 || s[0] != '#') return 0;
    for (size_t i = 1; i < n; i++)
        if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9'))) return 0;
    return 1;
}

/* Adds the phrase whose string (unquoted into buf) stands at [from, to). */
static int add_phrase(songbad_rank_text *rt, const char *buf, size_t n, size_t from, size_t to,
                      int prefix)
{
    if (songbad_grow(&rt->alloc, (void **)&rt->ph, &rt->capph, rt->nph + 1, sizeof *rt->ph))
        return SONGBAD_E_NOMEM;
    qphrase p = {from, to - from, 0, prefix};
    rt->ph[rt->nph] = p;
    size_t first = rt->ntok;
    int rc;
    if (is_key(buf, n)) {
        rc = add_qtoken(rt, rt->nph, buf, n);
    } else {
        phrase_ctx c = {rt, rt->nph};
        rc = songbad_analyze(rt->query, buf, n, on_query_term, &c);
    }
    if (rc) return rc;
    if (rt->ntok == first) return SONGBAD_DONE; /* FTS5 would drop it: not handled */
    if (prefix) rt->tok[rt->ntok - 1].prefix = 1;
    rt->nph++;
    return SONGBAD_OK;
}

static int is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

static int parse(songbad_rank_text *rt, const char *e)
{
    size_t i = 0, n = strlen(e);
    char *buf = songbad_alloc_realloc(&rt->alloc, NULL, n + 1);
    if (!buf) return SONGBAD_E_NOMEM;
    int rc = SONGBAD_OK;
    while (!rc && i < n) {
        if (is_space(e[i]) || e[i] == '(' || e[i] == ')') {
            i++;
        } else if (e[i] == 'O' && i + 1 < n && e[i + 1] == 'R' &&
                   (i + 2 == n || is_space(e[i + 2]))) {
            i += 2;
        } else if (e[i] == '"') {
            size_t from = i++, len = 0;
            for (;;) {
                if (i >= n) {
                    rc = SONGBAD_DONE;
                    break;
                }
                if (e[i] == '"') {
                    if (i + 1 < n && e[i + 1] == '"') {
                        buf[len++] = '"';
                        i += 2;
                        continue;
                    }
                    i++;
                    break;
                }
                buf[len++] = e[i++];
            }
            if (rc) break;
            int prefix = i < n && e[i] == '*';
            i += prefix;
            rc = add_phrase(rt, buf, len, from, i, prefix);
        } else {
            rc = SONGBAD_DONE; /* AND, NOT, NEAR, a column, '+': not plain words */
        }
    }
    songbad_alloc_free(&rt->alloc, buf);
    if (!rc && rt->nph == 0) rc = SONGBAD_DONE;
    return rc;
}

void songbad_rank_text_free(songbad_rank_text *rt)
{
    if (!rt) return;
    songbad_allocator a = rt->alloc;
    songbad_analyzer_free(rt->query);
    songbad_scorer_free(rt->scorer);
    sqlite3_finalize(rt->row);
    sqlite3_finalize(rt->members);
    songbad_alloc_free(&a, rt->text);
    songbad_alloc_free(&a, rt->tok);
    songbad_alloc_free(&a, rt->ph);
    songbad_alloc_free(&a, rt->run);
    songbad_alloc_free(&a, rt->here);
    songbad_alloc_free(&a, rt->m);
    songbad_alloc_free(&a, rt);
}

int songbad_rank_text_new(const songbad_allocator *alloc, songbad_analyzer *doc,
                          const char *match, songbad_rank_text **out)
{
    if (songbad_analyzer_flags(doc) != SONGBAD_ANALYZE_DEFAULT) return SONGBAD_E_INVAL;
    *out = NULL;
    songbad_allocator a;
    songbad_alloc_init(&a, alloc);
    songbad_rank_text *rt = songbad_alloc_realloc(&a, NULL, sizeof *rt);
    if (!rt) return SONGBAD_E_NOMEM;
    memset(rt, 0, sizeof *rt);
    rt->alloc = a;
    rt->match = match;
    rt->doc = doc;
    int rc = songbad_analyzer_new(0, &rt->alloc, &rt->query);
    if (!rc) rc = parse(rt, match);
    rt->min_prefix = SIZE_MAX;
    for (size_t i = 0; !rc && i < rt->ntok; i++) {
        const qtoken *q = &rt->tok[i];
        if (q->prefix && q->len < rt->min_prefix) rt->min_prefix = q->len;
        else if (!q->prefix && q->len < 64) rt->lengths |= (uint64_t)1 << q->len;
        else if (!q->prefix && q->len < rt->min_prefix) rt->min_prefix = q->len; /* long: always look */
    }
    if (!rc) {
        rt->run = songbad_alloc_realloc(&rt->alloc, NULL, rt->nph * sizeof *rt->run);
        rt->here = songbad_alloc_realloc(&rt->alloc, NULL, rt->nph * sizeof *rt->here);
        if (!rt->run || !rt->here) rc = SONGBAD_E_NOMEM;
    }
    if (rc) {
        songbad_rank_text_free(rt);
        return rc;
    }
    *out = rt;
    return SONGBAD_OK;
}

size_t songbad_rank_text_nphrases(const songbad_rank_text *rt) { return rt->nph; }

int songbad_rank_text_phrase(const songbad_rank_text *rt, size_t p, const char **expr,
                             size_t *elen, const char **term, size_t *tlen)
{
    const qphrase *ph = &rt->ph[p];
    *expr = rt->match + ph->expr_at;
    *elen = ph->expr_len;
    *term = NULL;
    *tlen = 0;
    if (ph->ntokens != 1 || ph->prefix) return 0;
    for (size_t i = 0; i < rt->ntok; i++)
        if (rt->tok[i].phrase == (int)p) {
            *term = rt->text + rt->tok[i].at;
            *tlen = rt->tok[i].len;
            return 1;
        }
    return 0;
}

size_t songbad_rank_text_ntokens(const songbad_rank_text *rt, size_t p)
{
    return rt->ph[p].ntokens;
}

const char *songbad_rank_text_token(const songbad_rank_text *rt, size_t p, size_t j,
                                    size_t *len)
{
    for (size_t i = 0; i < rt->ntok; i++)
        if (rt->tok[i].phrase == (int)p && rt->tok[i].index == (int)j) {
            *len = rt->tok[i].len;
            return rt->text + rt->tok[i].at;
        }
    *len = 0;
    return NULL;
}

/* ---- the scorer ----------------------------------------------------------- */

/* The index's row count and column totals, which songbad_rank reads from
 * FTS5 (songbad_index_sizes, index_best.c): any phrase's first match will do. */
int songbad_rank_text_sizes(songbad_rank_text *rt, songbad_db *db, double *nrow)
{
    double *avgdl = rt->avgdl;
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db->sql, "SELECT songbad_index_sizes(fts) FROM fts WHERE fts MATCH ?1"
                                    " LIMIT 1", -1, &st, NULL) != SQLITE_OK)
        return songbad_db_sqlite_error(db, "cannot prepare the search");
    sqlite3_bind_text(st, 1, rt->match, -1, SQLITE_STATIC);
    int step = sqlite3_step(st), rc = SONGBAD_OK;
    if (step == SQLITE_ROW) {
        const char *s = (const char *)sqlite3_column_text(st, 0);
        char *end;
        *nrow = s ? strtod(s, &end) : 0;
        for (int c = 0; c < NCOL; c++) {
            double t = s ? strtod(end, &end) : 0;
            avgdl[c] = *nrow > 0 ? t / *nrow : 1.0;
        }
    } else {
        rc = step == SQLITE_DONE ? SONGBAD_DONE : songbad_db_sqlite_error(db, "search failed");
    }
    sqlite3_finalize(st);
    return rc;
}

int songbad_rank_text_scorer(songbad_rank_text *rt, size_t nphrase, const double *weight,
                             const int *group, const double *idf, int question, songbad_db *db)
{
    if (nphrase != rt->nph) return SONGBAD_E_INVAL;
    double colw[NCOL] = SONGBAD_COLUMN_WEIGHTS;
    int limit[NCOL] = {0};
    limit[LEAD_COLUMN] = SONGBAD_RANK_LEAD_TOKENS;
    songbad_rank_params pr = {nphrase, weight, group, idf, NCOL, colw, rt->avgdl, limit};
    int rc = songbad_scorer_new(&pr, &rt->alloc, &rt->scorer);
    SONGBAD_UNUSED(db);
    if (!rc && !question) songbad_scorer_set_early(rt->scorer, BODY_COLUMN, SONGBAD_RANK_EARLY);
    return rc;
}

/* ---- one article ---------------------------------------------------------- */

static int add_match(songbad_rank_text *rt, int phrase, int offset)
{
    if (songbad_grow(&rt->alloc, (void **)&rt->m, &rt->capm, rt->nm + 1, sizeof *rt->m))
        return SONGBAD_E_NOMEM;
    songbad_rank_match m = {phrase, rt->column, offset};
    rt->m[rt->nm++] = m;
    return SONGBAD_OK;
}

/* The position ends: advance each phrase's runs by the tokens found here. */
static int end_position(songbad_rank_text *rt)
{
    if (!rt->touched && !rt->live) return SONGBAD_OK; /* most positions */
    rt->touched = rt->live = 0;
    for (size_t p = 0; p < rt->nph; p++) {
        uint64_t run = ((rt->run[p] << 1) | 1) & rt->here[p];
        rt->run[p] = run;
        rt->here[p] = 0;
        rt->live |= run != 0;
        size_t k = rt->ph[p].ntokens;
        if (run >> (k - 1) & 1) {
            int rc = add_match(rt, (int)p, rt->pos - (int)(k - 1));
            if (rc) return rc;
        }
    }
    return SONGBAD_OK;
}

static int on_doc_term(void *ctx, const songbad_term *t)
{
    songbad_rank_text *rt = ctx;
    if (!t->colocated) {
        if (rt->pos >= 0 && (rt->rc = end_position(rt))) return rt->rc;
        rt->pos++;
    }
    /* most terms have a length no query token has */
    if (t->len < rt->min_prefix && (t->len >= 64 || !(rt->lengths >> t->len & 1)))
        return SONGBAD_OK;
    for (size_t i = 0; i < rt->ntok; i++) {
        const qtoken *q = &rt->tok[i];
        if ((q->prefix ? t->len >= q->len : t->len == q->len) &&
            memcmp(t->text, rt->text + q->at, q->len) == 0) {
            rt->here[q->phrase] |= (uint64_t)1 << q->index;
            rt->touched = 1;
        }
    }
    return SONGBAD_OK;
}

static int by_position(const void *x, const void *y)
{
    const songbad_rank_match *a = x, *b = y;
    if (a->column != b->column) return a->column < b->column ? -1 : 1;
    if (a->offset != b->offset) return a->offset < b->offset ? -1 : 1;
    return a->phrase < b->phrase ? -1 : a->phrase > b->phrase;
}

/* Finds the matches of the article rowid (rt->m) and its column lengths;
 * SONGBAD_DONE when it is gone or matches no phrase. */
static int match_article(songbad_rank_text *rt, songbad_db *db, long long rowid, double *len)
{
    if (!rt->row && sqlite3_prepare_v2(db->sql,
                                       "SELECT headline, lead, body, captions, source FROM articles"
                                       " WHERE rowid = ?1", -1, &rt->row, NULL) != SQLITE_OK)
        return songbad_db_sqlite_error(db, "cannot prepare the search");
    sqlite3_reset(rt->row);
    sqlite3_bind_int64(rt->row, 1, rowid);
    int step = sqlite3_step(rt->row);
    if (step == SQLITE_DONE) return SONGBAD_DONE;
    if (step != SQLITE_ROW) return songbad_db_sqlite_error(db, "cannot read a result");
    rt->nm = 0;
    int rc = SONGBAD_OK;
    for (int c = 0; !rc && c < NCOL; c++) {
        const char *s = (const char *)sqlite3_column_text(rt->row, c);
        size_t n = (size_t)sqlite3_column_bytes(rt->row, c);
        memset(rt->run, 0, rt->nph * sizeof *rt->run);
        memset(rt->here, 0, rt->nph * sizeof *rt->here);
        rt->column = c;
        rt->pos = -1;
        rt->touched = rt->live = 0;
        rt->rc = SONGBAD_OK;
        if (s && n) rc = songbad_analyze(rt->doc, s, n, on_doc_term, rt);
        if (!rc) rc = rt->rc;
        if (!rc && rt->pos >= 0) rc = end_position(rt);
        len[c] = rt->pos + 1;
    }
    sqlite3_reset(rt->row);
    if (rc) return rc;
    return rt->nm ? SONGBAD_OK : SONGBAD_DONE;
}

int songbad_rank_text_score(songbad_rank_text *rt, songbad_db *db, long long rowid,
                            double *score)
{
    *score = 0;
    if (!rt->scorer) return SONGBAD_E_INVAL;
    double len[NCOL];
    int rc = match_article(rt, db, rowid, len);
    if (rc) return rc;
    qsort(rt->m, rt->nm, sizeof *rt->m, by_position);
    *score = songbad_scorer_score(rt->scorer, rt->m, rt->nm, len);
    return SONGBAD_OK;
}

int songbad_rank_text_count_group(songbad_rank_text *rt, songbad_db *db, long long group,
                                  long long rowid, size_t *count)
{
    *count = 0;
    if (!rt->members &&
        sqlite3_prepare_v2(db->sql,
                           "SELECT rowid FROM articles WHERE dup_group = ?1 AND rowid != ?2", -1,
                           &rt->members, NULL) != SQLITE_OK)
        return songbad_db_sqlite_error(db, "cannot prepare the search");
    sqlite3_reset(rt->members);
    sqlite3_bind_int64(rt->members, 1, group);
    sqlite3_bind_int64(rt->members, 2, rowid);
    int rc = SONGBAD_OK, step;
    while (!rc && (step = sqlite3_step(rt->members)) == SQLITE_ROW) {
        double len[NCOL];
        rc = match_article(rt, db, sqlite3_column_int64(rt->members, 0), len);
        if (rc == SONGBAD_OK) (*count)++;
        if (rc == SONGBAD_DONE) rc = SONGBAD_OK; /* no match there */
    }
    if (!rc && step != SQLITE_DONE) rc = songbad_db_sqlite_error(db, "search failed");
    sqlite3_reset(rt->members);
    return rc;
}
