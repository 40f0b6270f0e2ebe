/* backend_pg_query.c - the query syntax of docs/search.md compiled for
 * PostgreSQL: a tsquery (for the GIN index) and the list of phrases with
 * the weights and word groups the ranking needs. Same syntax, weights and
 * messages as the SQLite query builder (src/query.c): words (any may match)
 * with their stems and keys as alternatives, "phrases" and field:word (must
 * match), prefix*, -excluded; stopwords dropped unless nothing else is left,
 * their runs next to a word ranked as phrases with it (W_CONTEXT). */
#include "backend_pg.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define W_WORD 1.0
#define W_STEM 1.0
#define W_KEY 0.35
#define W_COMPOUND 0.8
#define W_PHRASE 1.5
#define W_CONTEXT 2.0        /* a run of stopwords with its query word (src/query.c) */
#define MAX_CONTEXT_WORDS 4
#define W_KEY_PREFIX 0.25
#define W_STEM_PREFIX 0.6
#define MIN_STEM_PREFIX 9
#define MAX_PREFIX_DF 5000 /* SONGBAD_PREFIX_MAX_DF of src/songbad_int.h */
#define MIN_KEY_PREFIX 3

void pg_tsquery_lexeme(pg_buf *b, const char *s, size_t n, int prefix, char field)
{
    pg_buf_add(b, "'", 1);
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\'') pg_buf_add(b, "'", 1);
        else if (s[i] == '\\') pg_buf_add(b, "\\", 1);
        pg_buf_add(b, s + i, 1);
    }
    pg_buf_add(b, "'", 1);
    if (prefix || field) pg_buf_add(b, ":", 1);
    if (prefix) pg_buf_add(b, "*", 1);
    if (field) pg_buf_add(b, &field, 1);
}

static char *dup(const char *s, size_t n)
{
    char *p = malloc(n + 1);
    if (p) {
        memcpy(p, s, n);
        p[n] = '\0';
    }
    return p;
}

typedef struct clause {
    int negative, phrase, prefix;
    char field; /* 0, 'A'..'D', or 'S' for source */
    const char *text;
    size_t len;
} clause;

typedef struct cctx {
    pg_query *q;
    pg_buf group;   /* the alternatives of the current clause */
    int group_terms;
    int keep_stopwords, positive, prefix;
    char field;
    int word;     /* current query word, -1 if none */
    int nstop, nwords;
    int oom;
    pg_phrase *phrase; /* a "phrase" being collected */
    char stem[128];    /* the current word's stem, for a prefix */
    size_t nstem;
    pg_df_fn df;       /* how common a stem is, if set */
    void *df_ctx;
} cctx;

static pg_phrase *new_phrase(cctx *c)
{
    pg_query *q = c->q;
    if (q->nph == q->cap) {
        size_t cap = q->cap ? 2 * q->cap : 16;
        pg_phrase *p = realloc(q->ph, cap * sizeof *p);
        if (!p) return NULL;
        q->ph = p;
        q->cap = cap;
    }
    pg_phrase *p = &q->ph[q->nph++];
    memset(p, 0, sizeof *p);
    p->group = -1;
    return p;
}

static int add_word(pg_phrase *p, const char *s, size_t n)
{
    char **w = realloc(p->words, (p->nwords + 1) * sizeof *w);
    if (!w) return SONGBAD_E_NOMEM;
    p->words = w;
    if (!(w[p->nwords] = dup(s, n))) return SONGBAD_E_NOMEM;
    p->nwords++;
    return SONGBAD_OK;
}

static int remember(pg_query *q, const char *s, size_t n)
{
    if (q->nterms == q->terms_cap) {
        size_t cap = q->terms_cap ? 2 * q->terms_cap : 16;
        char **t = realloc(q->terms, cap * sizeof *t);
        if (!t) return SONGBAD_E_NOMEM;
        q->terms = t;
        q->terms_cap = cap;
    }
    if (!(q->terms[q->nterms] = dup(s, n))) return SONGBAD_E_NOMEM;
    q->nterms++;
    return SONGBAD_OK;
}

/* One alternative of a word clause: the tsquery operand and, unless the
 * clause is negative or a source: clause, a phrase for the ranking. */
static int alternative(cctx *c, const char *s, size_t n, int prefix, double weight)
{
    if (c->group_terms++) pg_buf_str(&c->group, " | ");
    pg_tsquery_lexeme(&c->group, s, n, prefix, c->field == 'S' ? 0 : c->field);
    if (!c->positive || c->field == 'S') return SONGBAD_OK;
    pg_phrase *p = new_phrase(c);
    if (!p || add_word(p, s, n)) return SONGBAD_E_NOMEM;
    p->prefix = prefix;
    p->weight = weight;
    p->group = c->word;
    p->field = c->field;
    return SONGBAD_OK;
}

/* The current word's stem as a prefix alternative (src/query.c). */
static int stem_prefix(cctx *c)
{
    size_t n = c->nstem;
    c->nstem = 0;
    if (n < MIN_STEM_PREFIX) return SONGBAD_OK;
    if (c->df) {
        long long df = 0;
        int rc = c->df(c->df_ctx, c->stem, n, &df);
        if (rc) return rc;
        if (df > MAX_PREFIX_DF) return SONGBAD_OK;
    }
    int rc = alternative(c, c->stem, n, 1, W_STEM_PREFIX);
    if (rc || !c->positive) return rc;
    c->stem[n] = '*'; /* highlighted like the word's own terms */
    return remember(c->q, c->stem, n + 1);
}

static int on_word_term(void *ctx, const songbad_term *t)
{
    cctx *c = ctx;
    if (t->type == SONGBAD_TERM_WORD) {
        c->nwords++;
        c->nstop += t->stopword;
    }
    if (t->stopword && !c->keep_stopwords) return SONGBAD_OK;
    if (!t->colocated) { /* the previous word's */
        int rc = stem_prefix(c);
        if (rc) return rc;
    }
    if (!t->colocated && c->positive) c->word = c->q->ngroup++;
    if (c->positive && !c->prefix && t->kind == SONGBAD_TOKEN_BENGALI &&
        (t->type == SONGBAD_TERM_WORD || t->type == SONGBAD_TERM_STEM) && t->len < sizeof c->stem) {
        memcpy(c->stem, t->text, t->len); /* the stem comes after the word */
        c->nstem = t->len;
    }
    double weight = t->type == SONGBAD_TERM_WORD   ? W_WORD
                    : t->type == SONGBAD_TERM_STEM ? W_STEM
                    : t->type == SONGBAD_TERM_KEY  ? W_KEY
                                                   : W_COMPOUND;
    if (c->prefix && t->type != SONGBAD_TERM_WORD) return SONGBAD_OK;
    int rc = alternative(c, t->text, t->len, c->prefix, weight);
    /* a Latin name also finds the inflected Bengali forms (src/query.c) */
    if (!rc && t->type == SONGBAD_TERM_KEY && t->kind == SONGBAD_TOKEN_LATIN &&
        t->len >= 1 + MIN_KEY_PREFIX)
        rc = alternative(c, t->text, t->len, 1, W_KEY_PREFIX);
    if (!rc && c->positive) rc = remember(c->q, t->text, t->len);
    return rc;
}

static int on_phrase_term(void *ctx, const songbad_term *t)
{
    cctx *c = ctx;
    if (t->type != SONGBAD_TERM_WORD) return SONGBAD_OK;
    if (c->group_terms++) pg_buf_str(&c->group, " <-> ");
    pg_tsquery_lexeme(&c->group, t->text, t->len, 0, c->field == 'S' ? 0 : c->field);
    if (c->phrase && add_word(c->phrase, t->text, t->len)) return SONGBAD_E_NOMEM;
    return c->positive ? remember(c->q, t->text, t->len) : SONGBAD_OK;
}

static int set_error(pg_query *q, const char *msg, size_t at)
{
    snprintf(q->error, sizeof q->error, "%s (at character %zu of the query)", msg, at + 1);
    return SONGBAD_E_QUERY;
}

static char field_of(const char *s, size_t n)
{
    static const struct {
        const char *name;
        char field;
    } names[] = {{"title", 'A'}, {"headline", 'A'}, {"lead", 'B'},    {"body", 'D'},
                 {"caption", 'C'}, {"captions", 'C'}, {"source", 'S'}};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strlen(names[i].name) == n && memcmp(names[i].name, s, n) == 0) return names[i].field;
    return 0;
}

static int is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

/* The next clause at *pos: 0 at the end, 1 with a clause, or an error. */
static int next_clause(pg_query *q, const char *s, size_t len, size_t *pos, clause *c)
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
    size_t j = i;
    while (j < len && ((s[j] >= 'a' && s[j] <= 'z') || (s[j] >= 'A' && s[j] <= 'Z'))) j++;
    if (j > i && j < len && s[j] == ':' && j + 1 < len && !is_space(s[j + 1])) {
        char name[16];
        size_t n = j - i < sizeof name - 1 ? j - i : sizeof name - 1;
        for (size_t k = 0; k < n; k++) name[k] = (char)(s[i + k] | 0x20);
        c->field = field_of(name, n);
        if (!c->field) {
            snprintf(q->error, sizeof q->error,
                     "unknown field '%.*s' (title, lead, body, caption, source)", (int)(j - i),
                     s + i);
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

/* Analyzes one clause into c->group. */
static int compile_clause(cctx *c, songbad_analyzer *an, const clause *cl, int keep_stopwords)
{
    c->group.n = 0;
    c->group_terms = 0;
    c->prefix = cl->prefix;
    c->field = cl->field;
    c->word = -1;
    c->positive = !cl->negative;
    c->keep_stopwords = keep_stopwords || cl->phrase || cl->prefix || cl->field;
    c->phrase = NULL;
    if (cl->phrase && c->positive && cl->field != 'S') {
        if (!(c->phrase = new_phrase(c))) return SONGBAD_E_NOMEM;
        c->phrase->weight = W_PHRASE;
        c->phrase->field = cl->field;
        c->phrase->required = 1;
    }
    c->nstem = 0;
    int rc = songbad_analyze(an, cl->text, cl->len, cl->phrase ? on_phrase_term : on_word_term, c);
    if (!rc && !cl->phrase) rc = stem_prefix(c);
    if (!rc && c->phrase && c->phrase->nwords == 0) c->q->nph--; /* nothing to rank */
    return rc ? rc : c->group.oom ? SONGBAD_E_NOMEM : SONGBAD_OK;
}

/* Remembers an optional word's tsquery for pruning (pg_query.opt). */
static int remember_optional(cctx *c, int first_word)
{
    pg_query *q = c->q;
    char **o = realloc(q->opt, (q->nopt + 1) * sizeof *o);
    if (!o) return SONGBAD_E_NOMEM;
    q->opt = o;
    int *w = realloc(q->opt_words, 2 * (q->nopt + 1) * sizeof *w);
    if (!w) return SONGBAD_E_NOMEM;
    q->opt_words = w;
    char *t = malloc(c->group.n + 1);
    if (!t) return SONGBAD_E_NOMEM;
    memcpy(t, c->group.p ? c->group.p : "", c->group.n);
    t[c->group.n] = '\0';
    q->opt[q->nopt] = t;
    q->opt_words[2 * q->nopt] = first_word;
    q->opt_words[2 * q->nopt + 1] = q->ngroup;
    q->nopt++;
    return SONGBAD_OK;
}

static void forget_optional(pg_query *q)
{
    for (size_t i = 0; i < q->nopt; i++) free(q->opt[i]);
    free(q->opt);
    free(q->opt_words);
    q->opt = NULL;
    q->opt_words = NULL;
    q->nopt = 0;
}

static void append_group(cctx *c, pg_buf *dst, const char *sep)
{
    if (dst->n) pg_buf_str(dst, sep);
    pg_buf_str(dst, "(");
    pg_buf_add(dst, c->group.p ? c->group.p : "", c->group.n);
    pg_buf_str(dst, ")");
}

/* ---- context phrases: as src/query.c, ranking only (each holds a query
 * word, so the tsquery finds the same articles without them) ---------- */
typedef struct ctx_word {
    char *text;
    size_t len;
    int stop; /* 1 stopword, 0 query word, -1 a break between two clauses */
} ctx_word;

typedef struct ctx_list {
    ctx_word *w;
    size_t n, cap;
    int oom;
} ctx_list;

static void ctx_push(ctx_list *l, const char *s, size_t n, int stop)
{
    if (l->oom) return;
    if (l->n == l->cap) {
        size_t cap = l->cap ? 2 * l->cap : 16;
        ctx_word *w = realloc(l->w, cap * sizeof *w);
        if (!w) {
            l->oom = 1;
            return;
        }
        l->w = w;
        l->cap = cap;
    }
    char *t = n ? dup(s, n) : NULL;
    if (n && !t) {
        l->oom = 1;
        return;
    }
    l->w[l->n++] = (ctx_word){t, n, stop};
}

static int on_context_term(void *ctx, const songbad_term *t)
{
    ctx_list *l = ctx;
    if (t->type == SONGBAD_TERM_WORD) ctx_push(l, t->text, t->len, t->stopword != 0);
    return l->oom ? SONGBAD_E_NOMEM : SONGBAD_OK;
}

static int add_context_phrase(cctx *c, const ctx_list *l, size_t from, size_t to)
{
    pg_phrase *p = new_phrase(c);
    if (!p) return SONGBAD_E_NOMEM;
    p->weight = W_CONTEXT;
    for (size_t i = from; i <= to; i++)
        if (add_word(p, l->w[i].text, l->w[i].len)) return SONGBAD_E_NOMEM;
    return SONGBAD_OK;
}

static int add_context_phrases(cctx *c, songbad_analyzer *an, const char *text, size_t len)
{
    ctx_list l = {NULL, 0, 0, 0};
    size_t pos = 0;
    clause cl;
    int r, rc = SONGBAD_OK;
    while (rc == SONGBAD_OK && (r = next_clause(c->q, text, len, &pos, &cl)) == 1) {
        if (cl.negative || cl.phrase || cl.field || cl.prefix) ctx_push(&l, NULL, 0, -1);
        else rc = songbad_analyze(an, cl.text, cl.len, on_context_term, &l);
    }
    if (!rc && l.oom) rc = SONGBAD_E_NOMEM;
    for (size_t i = 0; rc == SONGBAD_OK && i < l.n;) {
        if (l.w[i].stop != 1) {
            i++;
            continue;
        }
        size_t end = i;
        while (end + 1 < l.n && l.w[end + 1].stop == 1) end++;
        if (end - i + 2 <= MAX_CONTEXT_WORDS) {
            if (i > 0 && l.w[i - 1].stop == 0) rc = add_context_phrase(c, &l, i - 1, end);
            if (!rc && end + 1 < l.n && l.w[end + 1].stop == 0)
                rc = add_context_phrase(c, &l, i, end + 1);
        }
        i = end + 1;
    }
    for (size_t i = 0; i < l.n; i++) free(l.w[i].text);
    free(l.w);
    return rc;
}

int pg_query_compile(songbad_analyzer *an, const char *text, size_t len, pg_df_fn df,
                     void *df_ctx, pg_query *q)
{
    memset(q, 0, sizeof *q);
    q->question = songbad_is_question(text, len);
    cctx c;
    memset(&c, 0, sizeof c);
    c.q = q;
    c.df = df;
    c.df_ctx = df_ctx;
    pg_buf req = {0}, opt = {0}, exc = {0}, sreq = {0}, sexc = {0};
    int rc = SONGBAD_OK, pass_stop = 0;
    /* required, then optional, then excluded: the words are numbered in
     * that order, as in src/query.c */
    for (int pass = 0; pass < 3 && rc == SONGBAD_OK; pass++) {
        size_t pos = 0;
        clause cl;
        int r;
        if (pass == 1) {
            c.nstop = c.nwords = 0;
            forget_optional(q);
        }
        while ((r = next_clause(q, text, len, &pos, &cl)) == 1) {
            int want = cl.negative ? 2 : (cl.phrase || cl.field) ? 0 : 1;
            if (want != pass) continue;
            int ns = c.nstop, nw = c.nwords, first_word = q->ngroup;
            rc = compile_clause(&c, an, &cl, pass_stop);
            if (pass != 1) c.nstop = ns, c.nwords = nw;
            if (rc) break;
            if (!c.group_terms) continue;
            if (cl.field == 'S') append_group(&c, pass == 2 ? &sexc : &sreq, pass == 2 ? " | " : " & ");
            else append_group(&c, pass == 0 ? &req : pass == 1 ? &opt : &exc,
                              pass == 0 ? " & " : " | ");
            if (pass == 1 && cl.field != 'S') rc = remember_optional(&c, first_word);
            if (rc) break;
        }
        if (r < 0) rc = r;
        if (rc == SONGBAD_OK && pass == 1 && opt.n && c.nstop > 0 && c.nstop < c.nwords)
            rc = add_context_phrases(&c, an, text, len);
        if (rc == SONGBAD_OK && pass == 1 && !req.n && !opt.n && !sreq.n && c.nwords > 0 &&
            c.nstop == c.nwords && !pass_stop) {
            pass_stop = 1; /* only stopwords: use them after all */
            pass--;
        }
    }
    if (rc == SONGBAD_OK && !req.n && !opt.n && !sreq.n) {
        snprintf(q->error, sizeof q->error, "%s",
                 exc.n || sexc.n ? "a query needs at least one word that is not excluded"
                                 : "the query has no words to search for");
        rc = SONGBAD_E_QUERY;
    }
    /* words that must match are never pruned */
    if (req.n || sreq.n) forget_optional(q);
    q->excluded = exc.n || sexc.n;
    pg_buf out = {0};
    if (rc == SONGBAD_OK && (req.n || opt.n)) {
        if (req.n && opt.n) {
            pg_buf_str(&out, "(");
            pg_buf_add(&out, req.p, req.n);
            pg_buf_str(&out, ") & (");
            pg_buf_add(&out, opt.p, opt.n);
            pg_buf_str(&out, ")");
        } else {
            pg_buf_add(&out, req.n ? req.p : opt.p, req.n ? req.n : opt.n);
        }
        if (exc.n) {
            pg_buf_str(&out, " & !(");
            pg_buf_add(&out, exc.p, exc.n);
            pg_buf_str(&out, ")");
        }
        q->tsq = out.p;
        out.p = NULL;
    } else if (rc == SONGBAD_OK && exc.n) {
        /* source: clauses only, with excluded words */
        pg_buf_str(&out, "!(");
        pg_buf_add(&out, exc.p, exc.n);
        pg_buf_str(&out, ")");
        q->tsq = out.p;
        out.p = NULL;
    }
    if (rc == SONGBAD_OK && (sreq.n || sexc.n)) {
        pg_buf s = {0};
        if (sreq.n) pg_buf_add(&s, sreq.p, sreq.n);
        if (sexc.n) {
            pg_buf_str(&s, sreq.n ? " & !(" : "!(");
            pg_buf_add(&s, sexc.p, sexc.n);
            pg_buf_str(&s, ")");
        }
        q->source_tsq = s.p;
        if (s.oom) rc = SONGBAD_E_NOMEM;
    }
    if (rc == SONGBAD_OK && (req.oom || opt.oom || exc.oom || sreq.oom || sexc.oom || out.oom))
        rc = SONGBAD_E_NOMEM;
    free(req.p);
    free(opt.p);
    free(exc.p);
    free(sreq.p);
    free(sexc.p);
    free(out.p);
    free(c.group.p);
    if (rc) {
        char err[160];
        memcpy(err, q->error, sizeof err);
        pg_query_free(q);
        memcpy(q->error, err, sizeof err);
    }
    return rc;
}

void pg_query_free(pg_query *q)
{
    for (size_t i = 0; i < q->nph; i++) {
        for (size_t k = 0; k < q->ph[i].nwords; k++) free(q->ph[i].words[k]);
        free(q->ph[i].words);
    }
    free(q->ph);
    for (size_t i = 0; i < q->nterms; i++) free(q->terms[i]);
    free(q->terms);
    free(q->tsq);
    free(q->source_tsq);
    forget_optional(q);
    memset(q, 0, sizeof *q);
}

int pg_query_has_term(const pg_query *q, const char *s, size_t n)
{
    for (size_t i = 0; i < q->nterms; i++) {
        size_t l = strlen(q->terms[i]);
        if (l == n && memcmp(q->terms[i], s, n) == 0) return 1;
        /* a stem prefix ("মেট্রো*") marks every term that begins with it */
        if (l > 1 && q->terms[i][l - 1] == '*' && l - 1 <= n && memcmp(q->terms[i], s, l - 1) == 0)
            return 1;
    }
    return 0;
}
