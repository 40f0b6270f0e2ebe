/*
 * query.c - user query text -> an FTS5 MATCH expression and the weight of
 * each of its phrases (for songbad_rank).
 *
 * Syntax: words (any may match, like Elasticsearch's `match`), "phrases"
 * (must match), prefix* words, -excluded words or phrases, field:word or
 * field:"phrase" (title, lead, body, caption, source; must match).
 * Every word is analyzed like document text: its normalized form, its stem
 * and its cross-script key become alternatives with falling weights, so an
 * exact form outranks a variant. Stopwords are left out of the word list
 * unless the query has nothing else, but a run of them next to a word is
 * also searched for as written with it (see W_CONTEXT).
 */
#include "songbad_int.h"

#include <stdio.h>

#define W_WORD 1.0
#define W_STEM 1.0
#define W_KEY 0.35
#define W_COMPOUND 0.8
#define W_PHRASE 1.5
/* A run of stopwords next to a query word is also looked for as written,
 * as an optional phrase with that word ("উভয় পক্ষে আহত": both sides
 * injured): stopwords weigh nothing alone, but the wording of a headline or
 * a question often stands as it is in the article that answers it. The
 * phrase holds a query word, so it adds no match of its own. */
#define W_CONTEXT 2.0
#define MAX_CONTEXT_WORDS 4 /* words in such a phrase */
#define W_KEY_PREFIX 0.25
#define MIN_KEY_PREFIX 3 /* shorter keys are matched whole */
/* A Bengali word also matches the words that begin with its stem (forms the
 * stemmer does not bring back to it: মেট্রো finds মেট্রোরেলের, সফর finds
 * সফরকালে), weaker than the word itself and only for stems of 3 letters or
 * more (9 bytes: চা must not find চালু) */
#define W_STEM_PREFIX 0.6
#define MIN_STEM_PREFIX 9
/* ... and only for a prefix in at most SONGBAD_PREFIX_MAX_DF articles, when
 * the index can tell (songbad_query_set_df). FTS5 reads a prefix by merging
 * the documents of every term it begins: on a large index a common prefix
 * (জনপ্র of a misspelt জনপ্রটা begins জনপ্রিয়) is most of a query's time,
 * and adds little the word's own forms do not already find. */

/* A growable string. */
typedef struct sbuf {
    const songbad_allocator *a;
    char *p;
    size_t n, cap;
    int rc;
} sbuf;

static void sb_add(sbuf *b, const char *s, size_t n)
{
    if (b->rc) return;
    b->rc = songbad_grow(b->a, (void **)&b->p, &b->cap, b->n + n + 1, 1);
    if (b->rc) return;
    memcpy(b->p + b->n, s, n);
    b->n += n;
    b->p[b->n] = '\0';
}

static void sb_str(sbuf *b, const char *s) { sb_add(b, s, strlen(s)); }

/* Appends s as an FTS5 string: in double quotes, quotes doubled. */
static void sb_quoted(sbuf *b, const char *s, size_t n)
{
    sb_add(b, "\"", 1);
    size_t from = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '"') {
            sb_add(b, s + from, i + 1 - from);
            sb_add(b, "\"", 1);
            from = i + 1;
        }
    }
    sb_add(b, s + from, n - from);
    sb_add(b, "\"", 1);
}

struct songbad_query {
    songbad_allocator alloc;
    songbad_analyzer *an;
    sbuf match;    /* the FTS5 expression */
    sbuf weights;  /* one number per phrase */
    sbuf terms;    /* every positive term, NUL-separated, for highlighting */
    size_t nterms;
    char error[160];
    /* while compiling */
    sbuf group;    /* the alternatives of one word */
    int group_terms;
    int prefix;
    int word;      /* the number of the current query word, -1 if none */
    int nwords;    /* query words numbered so far */
    size_t nphrases;
    /* The optional clauses of a query without required ones, each with its
     * expression and its terms, so that a search on a large index can rank
     * only the articles with its rarer words (songbad_query_group). */
    sbuf gexpr, gterms; /* NUL-terminated items, back to back */
    query_group *groups;
    size_t ngroups, cap_groups;
    int collecting;     /* compiling an optional clause */
    songbad_query_df_fn df_fn; /* how common a stem is, if set */
    void *df_ctx;
    int df_rc;                 /* its first failure: compiling fails */
};

void songbad_query_set_df(songbad_query *q, songbad_query_df_fn fn, void *ctx)
{
    q->df_fn = fn;
    q->df_ctx = ctx;
}

/* Whether the index says the stem's prefix is too common to be an
 * alternative (after a failure, no matter: compiling returns the failure). */
static int stem_too_common(songbad_query *q, const char *stem, size_t n)
{
    size_t df = 0;
    if (!q->df_fn || q->df_rc) return q->df_rc != 0;
    q->df_rc = q->df_fn(q->df_ctx, stem, n, SONGBAD_PREFIX_MAX_DF, &df);
    return q->df_rc || df > SONGBAD_PREFIX_MAX_DF;
}

/* Appends a phrase weight, with the query word it belongs to (if >= 0). */
static void add_weight(songbad_query *q, double w)
{
    char num[48];
    q->nphrases++;
    if (q->word >= 0)
        snprintf(num, sizeof num, "%s%.2f:%d", q->weights.n ? " " : "", w, q->word);
    else
        snprintf(num, sizeof num, "%s%.2f", q->weights.n ? " " : "", w);
    sb_str(&q->weights, num);
}

static void remember_term(songbad_query *q, const char *s, size_t n)
{
    sb_add(&q->terms, s, n);
    sb_add(&q->terms, "", 0);
    if (!q->terms.rc) {
        q->terms.n++; /* keep the NUL as a separator */
        q->nterms++;
    }
}

/* Collects the terms of one analyzed word into q->group. */
typedef struct word_ctx {
    songbad_query *q;
    int keep_stopwords, positive;
    int nstop, nwords;
    char stem[128];  /* the current word's stem (or the word), for a prefix */
    size_t nstem;
} word_ctx;

/* Adds the current word's stem as a prefix alternative (see W_STEM_PREFIX),
 * once the word's own terms are in. */
static void add_stem_prefix(word_ctx *w)
{
    songbad_query *q = w->q;
    size_t n = w->nstem;
    w->nstem = 0;
    if (n < MIN_STEM_PREFIX || stem_too_common(q, w->stem, n)) return;
    if (q->group_terms) sb_str(&q->group, " OR ");
    sb_quoted(&q->group, w->stem, n);
    sb_str(&q->group, "*");
    add_weight(q, W_STEM_PREFIX);
    if (q->collecting) {
        sb_add(&q->gterms, w->stem, n);
        sb_add(&q->gterms, "*", 2);
    }
    char term[sizeof w->stem + 1]; /* highlighted like the word's own terms */
    memcpy(term, w->stem, n);
    term[n] = '*';
    remember_term(q, term, n + 1);
}

static int on_word_term(void *ctx, const songbad_term *t)
{
    word_ctx *w = ctx;
    songbad_query *q = w->q;
    if (t->type == SONGBAD_TERM_WORD) {
        w->nwords++;
        w->nstop += t->stopword;
    }
    if (t->stopword && !w->keep_stopwords) return SONGBAD_OK;
    if (!t->colocated) add_stem_prefix(w); /* the previous word's */
    if (!t->colocated && w->positive) q->word = q->nwords++;
    if (w->positive && !q->prefix && t->kind == SONGBAD_TOKEN_BENGALI &&
        (t->type == SONGBAD_TERM_WORD || t->type == SONGBAD_TERM_STEM) && t->len < sizeof w->stem) {
        memcpy(w->stem, t->text, t->len); /* the stem comes after the word */
        w->nstem = t->len;
    }
    double weight = t->type == SONGBAD_TERM_WORD   ? W_WORD
                    : t->type == SONGBAD_TERM_STEM ? W_STEM
                    : t->type == SONGBAD_TERM_KEY  ? W_KEY
                                                   : W_COMPOUND;
    if (q->prefix && t->type != SONGBAD_TERM_WORD) return SONGBAD_OK;
    if (q->group_terms) sb_str(&q->group, " OR ");
    sb_quoted(&q->group, t->text, t->len);
    if (q->prefix) sb_str(&q->group, "*");
    add_weight(q, weight);
    q->group_terms++;
    if (q->collecting) {
        sb_add(&q->gterms, t->text, t->len);
        if (q->prefix) sb_str(&q->gterms, "*");
        sb_add(&q->gterms, "", 1);
    }
    /* a Latin name also finds the inflected Bengali forms, whose keys go on
     * past the name's own (Rohingya finds রোহিঙ্গাদের) */
    if (t->type == SONGBAD_TERM_KEY && t->kind == SONGBAD_TOKEN_LATIN &&
        t->len >= 1 + MIN_KEY_PREFIX) {
        sb_str(&q->group, " OR ");
        sb_quoted(&q->group, t->text, t->len);
        sb_str(&q->group, "*");
        add_weight(q, W_KEY_PREFIX);
        if (q->collecting) {
            sb_add(&q->gterms, t->text, t->len);
            sb_add(&q->gterms, "*", 2);
        }
    }
    if (w->positive) remember_term(q, t->text, t->len);
    return SONGBAD_OK;
}

/* The words of a phrase, in order, as one FTS5 phrase. */
static int on_phrase_term(void *ctx, const songbad_term *t)
{
    word_ctx *w = ctx;
    songbad_query *q = w->q;
    if (t->type != SONGBAD_TERM_WORD) return SONGBAD_OK;
    if (q->group_terms) sb_str(&q->group, " ");
    sb_add(&q->group, t->text, t->len);
    q->group_terms++;
    if (w->positive) remember_term(q, t->text, t->len);
    return SONGBAD_OK;
}

static int set_error(songbad_query *q, const char *msg, size_t at)
{
    snprintf(q->error, sizeof q->error, "%s (at character %zu of the query)", msg, at + 1);
    return SONGBAD_E_QUERY;
}

/* Maps a user field name to an FTS5 column. */
static const char *column_of(const char *s, size_t n)
{
    static const char *const names[][2] = {
        {"title", "headline"}, {"headline", "headline"}, {"lead", "lead"},
        {"body", "body"},      {"caption", "captions"},  {"captions", "captions"},
        {"source", "source"},
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strlen(names[i][0]) == n && memcmp(names[i][0], s, n) == 0)
            return names[i][1];
    return NULL;
}

/* One clause of the query: [-][field:](word|"phrase")[*] */
typedef struct clause {
    int negative, phrase, prefix;
    const char *column;
    const char *text;
    size_t len;
} clause;

static int is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

/* Reads the next clause at *pos; returns 0 at the end, 1 with a clause, or
 * an error code. */
static int next_clause(songbad_query *q, const char *s, size_t len, size_t *pos,
                       clause *c)
{
    size_t i = *pos;
    while (i < len && is_space(s[i])) i++;
    if (i >= len) return 0;
    memset(c, 0, sizeof *c);
    size_t begin = i;
    if (s[i] == '-' && i + 1 < len && !is_space(s[i + 1])) {
        c->negative = 1;
        i++;
    }
    /* field: */
    size_t j = i;
    while (j < len && ((s[j] >= 'a' && s[j] <= 'z') || (s[j] >= 'A' && s[j] <= 'Z'))) j++;
    if (j > i && j < len && s[j] == ':' && j + 1 < len && !is_space(s[j + 1])) {
        char name[16];
        size_t n = j - i < sizeof name - 1 ? j - i : sizeof name - 1;
        for (size_t k = 0; k < n; k++) name[k] = (char)(s[i + k] | 0x20);
        c->column = column_of(name, n);
        if (!c->column) {
            snprintf(q->error, sizeof q->error,
                     "unknown field '%.*s' (title, lead, body, caption, source)",
                     (int)(j - i), s + i);
            return SONGBAD_E_QUERY;
        }
        i = j + 1;
    }
    if (i < len && s[i] == '"') {
        size_t end = i + 1;
        while (end < len && s[end] != '"') end++;
        if (end >= len) return set_error(q, "unterminated quote", i);
        c->phrase = 1;
        c->text = s + i + 1;
        c->len = end - i - 1;
        i = end + 1;
    } else {
        size_t end = i;
        while (end < len && !is_space(s[end]) && s[end] != '"') end++;
        c->text = s + i;
        c->len = end - i;
        if (c->len && c->text[c->len - 1] == '*') {
            c->prefix = 1;
            c->len--;
        }
        i = end;
    }
    if (c->len == 0 && !c->phrase && !c->prefix) return set_error(q, "empty word", begin);
    *pos = i;
    return 1;
}

/* Analyzes one clause into q->group; returns the number of terms. */
static int compile_clause(songbad_query *q, const clause *c, int keep_stopwords,
                          int *nstop, int *nwords)
{
    q->group.n = 0;
    if (q->group.p) q->group.p[0] = '\0';
    q->group_terms = 0;
    q->prefix = c->prefix;
    q->word = -1;
    word_ctx w = {q, keep_stopwords || c->phrase || c->prefix || c->column, !c->negative, 0, 0, {0}, 0};
    int rc = songbad_analyze(q->an, c->text, c->len, c->phrase ? on_phrase_term : on_word_term, &w);
    if (rc) return rc;
    if (!c->phrase) add_stem_prefix(&w);
    if (nstop) *nstop += w.nstop;
    if (nwords) *nwords += w.nwords;
    if (c->phrase && q->group_terms) {
        /* the phrase's words were collected bare: quote them as one phrase */
        sbuf tmp = {&q->alloc, NULL, 0, 0, 0};
        sb_quoted(&tmp, q->group.p, q->group.n);
        q->group.n = 0;
        sb_add(&q->group, tmp.p ? tmp.p : "", tmp.n);
        songbad_alloc_free(&q->alloc, tmp.p);
        add_weight(q, W_PHRASE);
        q->group_terms = 1;
        if (tmp.rc) return tmp.rc;
    }
    return q->group.rc ? q->group.rc : SONGBAD_OK;
}

/* Records the optional clause just compiled (its terms start at terms_at
 * in q->gterms, its phrases at phrases_at). */
static int add_group(songbad_query *q, size_t terms_at, size_t phrases_at)
{
    int rc = songbad_grow(&q->alloc, (void **)&q->groups, &q->cap_groups, q->ngroups + 1,
                          sizeof *q->groups);
    if (rc) return rc;
    query_group *g = &q->groups[q->ngroups++];
    g->expr_at = q->gexpr.n;
    sb_str(&q->gexpr, "(");
    sb_add(&q->gexpr, q->group.p ? q->group.p : "", q->group.n);
    sb_add(&q->gexpr, ")", 2);
    g->terms_at = terms_at;
    g->terms_end = q->gterms.n;
    g->first_phrase = phrases_at;
    g->nphrases = q->nphrases - phrases_at;
    return q->gexpr.rc ? q->gexpr.rc : q->gterms.rc;
}

/* Appends "[col : ](group)" to dst. */
static void append_group(songbad_query *q, sbuf *dst, const clause *c, const char *sep)
{
    if (dst->n) sb_str(dst, sep);
    if (c->column) {
        sb_str(dst, c->column);
        sb_str(dst, " : ");
    }
    sb_str(dst, "(");
    sb_add(dst, q->group.p ? q->group.p : "", q->group.n);
    sb_str(dst, ")");
}

/* ---- context phrases (see W_CONTEXT) ----------------------------------- */
typedef struct ctx_word {
    size_t at, len; /* the normalized word in the collecting buffer */
    int stop;       /* a stopword; -1 marks a break between two clauses */
} ctx_word;

typedef struct ctx_list {
    songbad_query *q;
    sbuf text;
    ctx_word *w;
    size_t n, cap;
    int rc;
} ctx_list;

static void ctx_push(ctx_list *l, size_t at, size_t len, int stop)
{
    if (l->rc) return;
    l->rc = songbad_grow(&l->q->alloc, (void **)&l->w, &l->cap, l->n + 1, sizeof *l->w);
    if (l->rc) return;
    l->w[l->n].at = at;
    l->w[l->n].len = len;
    l->w[l->n++].stop = stop;
}

static int on_context_term(void *ctx, const songbad_term *t)
{
    ctx_list *l = ctx;
    if (t->type != SONGBAD_TERM_WORD) return SONGBAD_OK;
    size_t at = l->text.n;
    sb_add(&l->text, t->text, t->len);
    ctx_push(l, at, t->len, t->stopword != 0);
    return l->text.rc ? l->text.rc : l->rc;
}

/* Appends the phrase of words [from, to] of l as an optional clause. */
static void add_context_phrase(songbad_query *q, const ctx_list *l, size_t from, size_t to,
                               sbuf *optional)
{
    sbuf words = {&q->alloc, NULL, 0, 0, 0};
    for (size_t i = from; i <= to; i++) {
        if (i > from) sb_add(&words, " ", 1);
        sb_add(&words, l->text.p + l->w[i].at, l->w[i].len);
    }
    sb_str(optional, " OR ");
    sb_quoted(optional, words.p ? words.p : "", words.n);
    if (words.rc) optional->rc = words.rc;
    songbad_alloc_free(&q->alloc, words.p);
    q->word = -1;
    add_weight(q, W_CONTEXT);
}

/* Adds the context phrases of the plain words of the query to optional:
 * for each run of stopwords, the run with the query word before it and the
 * run with the query word after it (within MAX_CONTEXT_WORDS). */
static int add_context_phrases(songbad_query *q, const char *text, size_t len, sbuf *optional)
{
    ctx_list l = {q, {&q->alloc, NULL, 0, 0, 0}, NULL, 0, 0, 0};
    size_t pos = 0;
    clause c;
    int r, rc = SONGBAD_OK;
    while (rc == SONGBAD_OK && (r = next_clause(q, text, len, &pos, &c)) == 1) {
        if (c.negative || c.phrase || c.column || c.prefix) {
            ctx_push(&l, 0, 0, -1);
            continue;
        }
        rc = songbad_analyze(q->an, c.text, c.len, on_context_term, &l);
    }
    if (!rc) rc = l.rc ? l.rc : l.text.rc;
    for (size_t i = 0; rc == SONGBAD_OK && i < l.n;) {
        if (l.w[i].stop != 1) {
            i++;
            continue;
        }
        size_t end = i; /* the run of stopwords [i, end] */
        while (end + 1 < l.n && l.w[end + 1].stop == 1) end++;
        size_t words = end - i + 2;
        if (words <= MAX_CONTEXT_WORDS) {
            if (i > 0 && l.w[i - 1].stop == 0) add_context_phrase(q, &l, i - 1, end, optional);
            if (end + 1 < l.n && l.w[end + 1].stop == 0)
                add_context_phrase(q, &l, i, end + 1, optional);
        }
        i = end + 1;
    }
    songbad_alloc_free(&q->alloc, l.text.p);
    songbad_alloc_free(&q->alloc, l.w);
    return rc;
}

int songbad_query_compile(songbad_query *q, const char *text, size_t len)
{
    q->match.n = q->weights.n = q->terms.n = 0;
    q->nphrases = 0;
    q->ngroups = 0;
    q->gexpr.rc = q->gterms.rc = 0;
    q->match.rc = q->weights.rc = q->terms.rc = q->group.rc = 0;
    q->nterms = 0;
    q->nwords = 0;
    q->word = -1;
    q->error[0] = '\0';
    q->df_rc = 0;
    sbuf required = {&q->alloc, NULL, 0, 0, 0};
    sbuf optional = {&q->alloc, NULL, 0, 0, 0};
    sbuf excluded = {&q->alloc, NULL, 0, 0, 0};
    int rc = SONGBAD_OK;
    /* The weights must follow the phrases in the order of the final
     * expression: required, then optional, then excluded. Three passes. */
    int nstop = 0, nwords = 0, pass_stop = 0;
    for (int pass = 0; pass < 3 && rc == SONGBAD_OK; pass++) {
        size_t pos = 0;
        clause c;
        int r;
        if (pass == 1) q->ngroups = q->gexpr.n = q->gterms.n = 0;
        while ((r = next_clause(q, text, len, &pos, &c)) == 1) {
            int want = c.negative ? 2 : (c.phrase || c.column) ? 0 : 1;
            if (want != pass) continue;
            size_t terms_at = q->gterms.n, phrases_at = q->nphrases;
            q->collecting = pass == 1;
            rc = compile_clause(q, &c, pass_stop, pass == 1 ? &nstop : NULL,
                                pass == 1 ? &nwords : NULL);
            q->collecting = 0;
            if (rc) break;
            if (!q->group_terms) {
                q->gterms.n = terms_at;
                continue;
            }
            append_group(q, pass == 0 ? &required : pass == 1 ? &optional : &excluded, &c,
                         pass == 0 ? " AND " : " OR ");
            if (pass == 1) rc = add_group(q, terms_at, phrases_at);
            if (rc) break;
        }
        if (r < 0) rc = r;
        if (rc == SONGBAD_OK && pass == 1 && optional.n && nstop > 0 && nstop < nwords)
            rc = add_context_phrases(q, text, len, &optional);
        if (rc == SONGBAD_OK && pass == 1 && required.n == 0 && optional.n == 0 &&
            nwords > 0 && nstop == nwords && !pass_stop) {
            /* the words were all stopwords: use them after all */
            pass_stop = 1;
            pass--;
        }
    }
    if (rc == SONGBAD_OK) rc = q->df_rc;
    /* a failed append leaves a list empty: not a query without words */
    if (rc == SONGBAD_OK && (required.rc || optional.rc || excluded.rc || q->weights.rc ||
                             q->terms.rc))
        rc = SONGBAD_E_NOMEM;
    if (rc == SONGBAD_OK && required.n == 0 && optional.n == 0) {
        if (excluded.n) snprintf(q->error, sizeof q->error,
                                 "a query needs at least one word that is not excluded");
        else snprintf(q->error, sizeof q->error, "the query has no words to search for");
        rc = SONGBAD_E_QUERY;
    }
    if (rc == SONGBAD_OK) {
        /* FTS5's NOT binds tighter than OR: "a OR b NOT c" would keep an
           article with a and c, so the positive part goes in parentheses */
        if (excluded.n) sb_str(&q->match, "(");
        if (required.n && optional.n) {
            sb_str(&q->match, "(");
            sb_add(&q->match, required.p, required.n);
            sb_str(&q->match, ") AND (");
            sb_add(&q->match, optional.p, optional.n);
            sb_str(&q->match, ")");
        } else if (required.n) {
            sb_add(&q->match, required.p, required.n);
        } else {
            sb_add(&q->match, optional.p, optional.n);
        }
        if (excluded.n) {
            sb_str(&q->match, ") NOT (");
            sb_add(&q->match, excluded.p, excluded.n);
            sb_str(&q->match, ")");
        }
        /* a question goes without the early-words factor (index_rank.c) */
        if (songbad_is_question(text, len)) sb_str(&q->weights, q->weights.n ? " ?" : "?");
        if (required.rc || optional.rc || excluded.rc || q->match.rc || q->weights.rc ||
            q->terms.rc)
            rc = SONGBAD_E_NOMEM;
    }
    /* required clauses already narrow the search: nothing to prune */
    if (rc != SONGBAD_OK || required.n) q->ngroups = 0;
    songbad_alloc_free(&q->alloc, required.p);
    songbad_alloc_free(&q->alloc, optional.p);
    songbad_alloc_free(&q->alloc, excluded.p);
    return rc;
}

int songbad_query_new(const songbad_allocator *alloc, songbad_query **out)
{
    *out = NULL;
    songbad_allocator a;
    songbad_alloc_init(&a, alloc);
    songbad_query *q = songbad_alloc_realloc(&a, NULL, sizeof *q);
    if (!q) return SONGBAD_E_NOMEM;
    memset(q, 0, sizeof *q);
    q->alloc = a;
    q->match.a = q->weights.a = q->terms.a = q->group.a = &q->alloc;
    q->gexpr.a = q->gterms.a = &q->alloc;
    int rc = songbad_analyzer_new(SONGBAD_ANALYZE_DEFAULT, &q->alloc, &q->an);
    if (rc) {
        songbad_alloc_free(&a, q);
        return rc;
    }
    *out = q;
    return SONGBAD_OK;
}

void songbad_query_free(songbad_query *q)
{
    if (!q) return;
    songbad_allocator a = q->alloc;
    songbad_analyzer_free(q->an);
    songbad_alloc_free(&a, q->match.p);
    songbad_alloc_free(&a, q->weights.p);
    songbad_alloc_free(&a, q->terms.p);
    songbad_alloc_free(&a, q->group.p);
    songbad_alloc_free(&a, q->gexpr.p);
    songbad_alloc_free(&a, q->gterms.p);
    songbad_alloc_free(&a, q->groups);
    songbad_alloc_free(&a, q);
}

const char *songbad_query_match(const songbad_query *q) { return q->match.p ? q->match.p : ""; }
const char *songbad_query_weights(const songbad_query *q) { return q->weights.p ? q->weights.p : ""; }
const char *songbad_query_error(const songbad_query *q) { return q->error; }

size_t songbad_query_ngroups(const songbad_query *q) { return q->ngroups; }

songbad_analyzer *songbad_query_analyzer(songbad_query *q) { return q->an; }

const query_group *songbad_query_group(const songbad_query *q, size_t i, const char **expr,
                                       const char **terms)
{
    *expr = q->gexpr.p + q->groups[i].expr_at;
    *terms = q->gterms.p ? q->gterms.p + q->groups[i].terms_at : "";
    return &q->groups[i];
}

int songbad_query_has_term(const songbad_query *q, const char *s, size_t n)
{
    const char *p = q->terms.p;
    for (size_t i = 0; i < q->nterms; i++) {
        size_t l = strlen(p);
        if (l == n && memcmp(p, s, n) == 0) return 1;
        /* a stem prefix ("মেট্রো*") marks every term that begins with it */
        if (l > 1 && p[l - 1] == '*' && l - 1 <= n && memcmp(p, s, l - 1) == 0) return 1;
        p += l + 1;
    }
    return 0;
}
