/*
 * query_plan.c - a user query -> its clauses: songbad_query_plan.
 *
 * Syntax (docs/search.md): words (any may match, like Elasticsearch's
 * `match`), "phrases" (must match), prefix* words, -excluded words or
 * phrases, field:word or field:"phrase" (title, lead, body, caption, source;
 * must match). Every word is analyzed like document text: its normalized
 * form, its stem and its cross-script key become alternatives with falling
 * weights, so an exact form outranks a variant. Stopwords are left out of
 * the word list unless the query has nothing else, but a run of them next to
 * a word is also searched for as written with it (see W_CONTEXT).
 * The stores write the plan in their own query language (query.c: FTS5;
 * cli/backend_pg_query.c: a tsquery): the weights live here only.
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
/* A Latin name also finds the inflected Bengali forms, whose keys go on
 * past the name's own (Rohingya finds রোহিঙ্গাদের). */
#define W_KEY_PREFIX 0.25
#define MIN_KEY_PREFIX 3 /* shorter keys are matched whole */
/* A Bengali word also matches the words that begin with its stem (forms the
 * stemmer does not bring back to it: মেট্রো finds মেট্রোরেলের, সফর finds
 * সফরকালে), weaker than the word itself and only for stems of 3 letters or
 * more (9 bytes: চা must not find চালু) ... */
#define W_STEM_PREFIX 0.6
#define MIN_STEM_PREFIX 9
/* ... and only for a prefix in at most SONGBAD_PREFIX_MAX_DF articles, when
 * the index can tell (songbad_query_plan_set_prefix_count). FTS5 reads a
 * prefix by merging the documents of every term it begins: on a large index
 * a common prefix (জনপ্র of a misspelt জনপ্রটা begins জনপ্রিয়) is most of a
 * query's time, and adds little the word's own forms do not already find. */

struct songbad_query_plan {
    songbad_allocator alloc;
    songbad_analyzer *an;
    char *bytes;                /* the terms' text, back to back */
    size_t nbytes, cap_bytes;
    songbad_plan_term *terms;   /* text is an offset into bytes until done */
    size_t nterms, cap_terms;
    songbad_plan_clause *clauses; /* terms is an index into terms until done */
    size_t nclauses, cap_clauses;
    int nwords;                 /* query words numbered so far */
    int question;
    int rc;                     /* the first failure while compiling */
    struct snippet_token *tokens; /* songbad_query_plan_snippet's scratch */
    size_t cap_tokens;
    songbad_prefix_count_fn count_fn;
    void *count_ctx;
    char error[160];
};

int songbad_query_plan_new(const songbad_allocator *alloc, songbad_query_plan **out)
{
    if (!out) return SONGBAD_E_INVAL;
    *out = NULL;
    songbad_allocator a;
    songbad_alloc_init(&a, alloc);
    songbad_query_plan *p = songbad_alloc_realloc(&a, NULL, sizeof *p);
    if (!p) return SONGBAD_E_NOMEM;
    memset(p, 0, sizeof *p);
    p->alloc = a;
    int rc = songbad_analyzer_new(SONGBAD_ANALYZE_DEFAULT, &p->alloc, &p->an);
    if (rc) {
        songbad_alloc_free(&a, p);
        return rc;
    }
    *out = p;
    return SONGBAD_OK;
}

void songbad_query_plan_free(songbad_query_plan *p)
{
    if (!p) return;
    songbad_allocator a = p->alloc;
    songbad_analyzer_free(p->an);
    songbad_alloc_free(&a, p->bytes);
    songbad_alloc_free(&a, p->terms);
    songbad_alloc_free(&a, p->clauses);
    songbad_alloc_free(&a, p->tokens);
    songbad_alloc_free(&a, p);
}

/* The accessors take a NULL plan as one with nothing in it. */
void songbad_query_plan_set_prefix_count(songbad_query_plan *p, songbad_prefix_count_fn fn,
                                         void *ctx)
{
    if (!p) return;
    p->count_fn = fn;
    p->count_ctx = ctx;
}

const char *songbad_query_plan_errmsg(const songbad_query_plan *p)
{
    return p ? p->error : "no query plan";
}

size_t songbad_query_plan_nclauses(const songbad_query_plan *p) { return p ? p->nclauses : 0; }
int songbad_query_plan_nwords(const songbad_query_plan *p) { return p ? p->nwords : 0; }
int songbad_query_plan_is_question(const songbad_query_plan *p) { return p && p->question; }
songbad_analyzer *songbad_query_plan_analyzer(songbad_query_plan *p) { return p ? p->an : NULL; }

const songbad_plan_clause *songbad_query_plan_clause(const songbad_query_plan *p, size_t i)
{
    return p && i < p->nclauses ? &p->clauses[i] : NULL;
}

int songbad_query_plan_highlights(const songbad_query_plan *p, const char *s, size_t n)
{
    if (!p || (!s && n)) return 0;
    for (size_t i = 0; i < p->nterms; i++) {
        const songbad_plan_term *t = &p->terms[i];
        if (!t->highlight) continue;
        if (t->len == n && memcmp(t->text, s, n) == 0) return 1;
        if (t->prefix && t->len <= n && memcmp(t->text, s, t->len) == 0) return 1;
    }
    return 0;
}

/* ---- building ------------------------------------------------------------ */
/* Appends a term to the clause being built (the last one). */
static void add_term(songbad_query_plan *p, const char *s, size_t n, int prefix, double weight,
                     int word, int highlight)
{
    if (p->rc) return;
    p->rc = songbad_grow(&p->alloc, (void **)&p->bytes, &p->cap_bytes, p->nbytes + n + 1, 1);
    if (!p->rc)
        p->rc = songbad_grow(&p->alloc, (void **)&p->terms, &p->cap_terms, p->nterms + 1,
                             sizeof *p->terms);
    if (p->rc) return;
    memcpy(p->bytes + p->nbytes, s, n);
    p->bytes[p->nbytes + n] = '\0';
    songbad_plan_term *t = &p->terms[p->nterms++];
    t->text = (const char *)(uintptr_t)p->nbytes; /* made a pointer when done */
    t->len = n;
    t->prefix = prefix;
    t->weight = weight;
    t->word = word;
    t->highlight = highlight;
    p->nbytes += n + 1;
    p->clauses[p->nclauses - 1].nterms++;
}

/* Starts a clause; its terms follow. */
static void open_clause(songbad_query_plan *p, songbad_clause_role role, songbad_field field,
                        int phrase, double weight)
{
    if (p->rc) return;
    p->rc = songbad_grow(&p->alloc, (void **)&p->clauses, &p->cap_clauses, p->nclauses + 1,
                         sizeof *p->clauses);
    if (p->rc) return;
    songbad_plan_clause *c = &p->clauses[p->nclauses++];
    memset(c, 0, sizeof *c);
    c->role = role;
    c->field = field;
    c->phrase = phrase;
    c->weight = weight;
    c->first_word = p->nwords;
    c->terms = (const songbad_plan_term *)(uintptr_t)p->nterms; /* an index until done */
}

/* Ends the clause being built: one without terms is dropped. */
static void close_clause(songbad_query_plan *p)
{
    if (p->rc) return;
    songbad_plan_clause *c = &p->clauses[p->nclauses - 1];
    c->nwords = p->nwords - c->first_word;
    if (c->nterms == 0) p->nclauses--;
}

/* Collects the terms of one analyzed word clause. */
typedef struct word_ctx {
    songbad_query_plan *p;
    int keep_stopwords, positive, prefix;
    int word;        /* the current query word, -1 if none */
    int nstop, nwords;
    char stem[128];  /* the current word's stem (or the word), for a prefix */
    size_t nstem;
} word_ctx;

/* Whether the index says the stem's prefix is too common to be an
 * alternative (after a failure, no matter: compiling returns the failure). */
static int stem_too_common(songbad_query_plan *p, const char *stem, size_t n)
{
    size_t df = 0;
    if (!p->count_fn || p->rc) return p->rc != 0;
    p->rc = p->count_fn(p->count_ctx, stem, n, SONGBAD_PREFIX_MAX_DF, &df);
    return p->rc || df > SONGBAD_PREFIX_MAX_DF;
}

/* Adds the current word's stem as a prefix alternative (see W_STEM_PREFIX),
 * once the word's own terms are in. */
static void add_stem_prefix(word_ctx *w)
{
    size_t n = w->nstem;
    w->nstem = 0;
    if (n < MIN_STEM_PREFIX || stem_too_common(w->p, w->stem, n)) return;
    add_term(w->p, w->stem, n, 1, W_STEM_PREFIX, w->word, 1);
}

static int on_word_term(void *ctx, const songbad_term *t)
{
    word_ctx *w = ctx;
    songbad_query_plan *p = w->p;
    if (t->type == SONGBAD_TERM_WORD) {
        w->nwords++;
        w->nstop += t->stopword;
    }
    if (t->stopword && !w->keep_stopwords) return SONGBAD_OK;
    if (!t->colocated) add_stem_prefix(w); /* the previous word's */
    if (!t->colocated && w->positive) w->word = p->nwords++;
    if (w->positive && !w->prefix && t->kind == SONGBAD_TOKEN_BENGALI &&
        (t->type == SONGBAD_TERM_WORD || t->type == SONGBAD_TERM_STEM) && t->len < sizeof w->stem) {
        memcpy(w->stem, t->text, t->len); /* the stem comes after the word */
        w->nstem = t->len;
    }
    double weight = t->type == SONGBAD_TERM_WORD   ? W_WORD
                    : t->type == SONGBAD_TERM_STEM ? W_STEM
                    : t->type == SONGBAD_TERM_KEY  ? W_KEY
                                                   : W_COMPOUND;
    if (w->prefix && t->type != SONGBAD_TERM_WORD) return SONGBAD_OK;
    add_term(p, t->text, t->len, w->prefix, weight, w->word, w->positive);
    if (t->type == SONGBAD_TERM_KEY && t->kind == SONGBAD_TOKEN_LATIN &&
        t->len >= 1 + MIN_KEY_PREFIX)
        add_term(p, t->text, t->len, 1, W_KEY_PREFIX, w->word, 0);
    return p->rc;
}

/* The words of a phrase, in order. */
static int on_phrase_term(void *ctx, const songbad_term *t)
{
    word_ctx *w = ctx;
    if (t->type == SONGBAD_TERM_WORD) add_term(w->p, t->text, t->len, 0, 0, -1, w->positive);
    return w->p->rc;
}

static int set_error(songbad_query_plan *p, const char *msg, size_t at)
{
    snprintf(p->error, sizeof p->error, "%s (at character %zu of the query)", msg, at + 1);
    return SONGBAD_E_QUERY;
}

/* Maps a user field name to a field. */
static songbad_field field_of(const char *s, size_t n)
{
    static const struct {
        const char *name;
        songbad_field field;
    } names[] = {
        {"title", SONGBAD_FIELD_HEADLINE}, {"headline", SONGBAD_FIELD_HEADLINE},
        {"lead", SONGBAD_FIELD_LEAD},      {"body", SONGBAD_FIELD_BODY},
        {"caption", SONGBAD_FIELD_CAPTIONS}, {"captions", SONGBAD_FIELD_CAPTIONS},
        {"source", SONGBAD_FIELD_SOURCE},
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strlen(names[i].name) == n && memcmp(names[i].name, s, n) == 0)
            return names[i].field;
    return SONGBAD_FIELD_ANY;
}

/* One clause of the query as written: [-][field:](word|"phrase")[*] */
typedef struct clause {
    int negative, phrase, prefix;
    songbad_field field;
    const char *text;
    size_t len;
} clause;

static int is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

/* Reads the next clause at *pos; returns 0 at the end, 1 with a clause, or
 * an error code. */
static int next_clause(songbad_query_plan *p, const char *s, size_t len, size_t *pos,
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
        c->field = field_of(name, n);
        if (c->field == SONGBAD_FIELD_ANY) {
            snprintf(p->error, sizeof p->error,
                     "unknown field '%.*s' (title, lead, body, caption, source)",
                     (int)(j - i), s + i);
            return SONGBAD_E_QUERY;
        }
        i = j + 1;
    }
    if (i < len && s[i] == '"') {
        size_t end = i + 1;
        while (end < len && s[end] != '"') end++;
        if (end >= len) return set_error(p, "unterminated quote", i);
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
    if (c->len == 0 && !c->phrase && !c->prefix) return set_error(p, "empty word", begin);
    *pos = i;
    return 1;
}

/* Analyzes one clause into a plan clause (none when it has no terms);
 * counts its words and stopwords into *nwords and *nstop. */
static int compile_clause(songbad_query_plan *p, const clause *c, songbad_clause_role role,
                          int keep_stopwords, int *nstop, int *nwords)
{
    open_clause(p, role, c->field, c->phrase, c->phrase ? W_PHRASE : 0);
    word_ctx w;
    memset(&w, 0, sizeof w);
    w.p = p;
    w.keep_stopwords = keep_stopwords || c->phrase || c->prefix || c->field;
    w.positive = !c->negative;
    w.prefix = c->prefix;
    w.word = -1;
    int rc = songbad_analyze(p->an, c->text, c->len, c->phrase ? on_phrase_term : on_word_term,
                             &w);
    if (rc) return rc;
    if (!c->phrase) add_stem_prefix(&w);
    close_clause(p);
    *nstop += w.nstop;
    *nwords += w.nwords;
    return p->rc;
}

/* ---- context phrases (see W_CONTEXT) ----------------------------------- */
typedef struct ctx_word {
    size_t at, len; /* the normalized word in text */
    int stop;       /* a stopword; -1 marks a break between two clauses */
} ctx_word;

typedef struct ctx_list {
    songbad_query_plan *p;
    char *text;
    size_t ntext, cap_text;
    ctx_word *w;
    size_t n, cap;
    int rc;
} ctx_list;

static void ctx_push(ctx_list *l, const char *s, size_t len, int stop)
{
    if (l->rc) return;
    l->rc = songbad_grow(&l->p->alloc, (void **)&l->w, &l->cap, l->n + 1, sizeof *l->w);
    if (!l->rc)
        l->rc = songbad_grow(&l->p->alloc, (void **)&l->text, &l->cap_text, l->ntext + len + 1, 1);
    if (l->rc) return;
    if (len) memcpy(l->text + l->ntext, s, len);
    l->w[l->n].at = l->ntext;
    l->w[l->n].len = len;
    l->w[l->n++].stop = stop;
    l->ntext += len;
}

static int on_context_term(void *ctx, const songbad_term *t)
{
    ctx_list *l = ctx;
    if (t->type == SONGBAD_TERM_WORD) ctx_push(l, t->text, t->len, t->stopword != 0);
    return l->rc;
}

/* The phrase of words [from, to] of l as a context clause. */
static void add_context_phrase(songbad_query_plan *p, const ctx_list *l, size_t from, size_t to)
{
    open_clause(p, SONGBAD_CLAUSE_CONTEXT, SONGBAD_FIELD_ANY, 1, W_CONTEXT);
    for (size_t i = from; i <= to; i++)
        add_term(p, l->text + l->w[i].at, l->w[i].len, 0, 0, -1, 0);
    close_clause(p);
}

/* Adds the context phrases of the plain words of the query: for each run of
 * stopwords, the run with the query word before it and the run with the
 * query word after it (within MAX_CONTEXT_WORDS). */
static int add_context_phrases(songbad_query_plan *p, const char *text, size_t len)
{
    ctx_list l;
    memset(&l, 0, sizeof l);
    l.p = p;
    size_t pos = 0;
    clause c;
    int r, rc = SONGBAD_OK;
    while (rc == SONGBAD_OK && (r = next_clause(p, text, len, &pos, &c)) == 1) {
        if (c.negative || c.phrase || c.field || c.prefix) ctx_push(&l, NULL, 0, -1);
        else rc = songbad_analyze(p->an, c.text, c.len, on_context_term, &l);
    }
    if (!rc) rc = l.rc;
    for (size_t i = 0; rc == SONGBAD_OK && i < l.n;) {
        if (l.w[i].stop != 1) {
            i++;
            continue;
        }
        size_t end = i; /* the run of stopwords [i, end] */
        while (end + 1 < l.n && l.w[end + 1].stop == 1) end++;
        if (end - i + 2 <= MAX_CONTEXT_WORDS) {
            if (i > 0 && l.w[i - 1].stop == 0) add_context_phrase(p, &l, i - 1, end);
            if (end + 1 < l.n && l.w[end + 1].stop == 0) add_context_phrase(p, &l, i, end + 1);
        }
        i = end + 1;
        rc = p->rc;
    }
    songbad_alloc_free(&p->alloc, l.text);
    songbad_alloc_free(&p->alloc, l.w);
    return rc;
}

/* How many clauses of the plan have the role. */
static size_t count_role(const songbad_query_plan *p, songbad_clause_role role)
{
    size_t n = 0;
    for (size_t i = 0; i < p->nclauses; i++) n += p->clauses[i].role == role;
    return n;
}

/* Turns the offsets of the terms and clauses into pointers. */
static void finish(songbad_query_plan *p)
{
    for (size_t i = 0; i < p->nterms; i++)
        p->terms[i].text = p->bytes + (uintptr_t)p->terms[i].text;
    for (size_t i = 0; i < p->nclauses; i++)
        p->clauses[i].terms = p->terms + (uintptr_t)p->clauses[i].terms;
}

int songbad_query_plan_compile(songbad_query_plan *p, const char *text, size_t len)
{
    if (!p || (!text && len)) return SONGBAD_E_INVAL;
    if (!text) text = "";
    p->nbytes = p->nterms = p->nclauses = 0;
    p->nwords = 0;
    p->rc = SONGBAD_OK;
    p->error[0] = '\0';
    p->question = songbad_is_question(text, len);
    int rc = SONGBAD_OK;
    /* required, then optional, then excluded clauses: in three passes */
    int nstop = 0, nwords = 0, pass_stop = 0;
    for (int pass = 0; pass < 3 && rc == SONGBAD_OK; pass++) {
        size_t pos = 0;
        clause c;
        int r;
        int ns = 0, nw = 0; /* counted, but only those of plain words matter */
        while ((r = next_clause(p, text, len, &pos, &c)) == 1) {
            int want = c.negative ? 2 : (c.phrase || c.field) ? 0 : 1;
            if (want != pass) continue;
            songbad_clause_role role = pass == 0   ? SONGBAD_CLAUSE_REQUIRED
                                       : pass == 1 ? SONGBAD_CLAUSE_OPTIONAL
                                                   : SONGBAD_CLAUSE_EXCLUDED;
            rc = compile_clause(p, &c, role, pass_stop, pass == 1 ? &nstop : &ns,
                                pass == 1 ? &nwords : &nw);
            if (rc) break;
        }
        if (r < 0) rc = r;
        size_t optional = count_role(p, SONGBAD_CLAUSE_OPTIONAL);
        if (rc == SONGBAD_OK && pass == 1 && optional && nstop > 0 && nstop < nwords)
            rc = add_context_phrases(p, text, len);
        if (rc == SONGBAD_OK && pass == 1 && !optional &&
            !count_role(p, SONGBAD_CLAUSE_REQUIRED) && nwords > 0 && nstop == nwords &&
            !pass_stop) {
            pass_stop = 1; /* the words were all stopwords: use them after all */
            nstop = nwords = 0;
            pass--;
        }
    }
    if (rc == SONGBAD_OK && !count_role(p, SONGBAD_CLAUSE_REQUIRED) &&
        !count_role(p, SONGBAD_CLAUSE_OPTIONAL)) {
        snprintf(p->error, sizeof p->error, "%s",
                 count_role(p, SONGBAD_CLAUSE_EXCLUDED)
                     ? "a query needs at least one word that is not excluded"
                     : "the query has no words to search for");
        rc = SONGBAD_E_QUERY;
    }
    if (rc) {
        p->nbytes = p->nterms = p->nclauses = 0;
        p->nwords = 0;
        return rc;
    }
    finish(p);
    return SONGBAD_OK;
}

/* ---- snippets -------------------------------------------------------------- */
/* A token of the snippet text and whether the plan highlights it. */
typedef struct snippet_token {
    size_t start, end;
    int match;
} snippet_token;

typedef struct snippet_ctx {
    songbad_query_plan *p;
    size_t n;
} snippet_ctx;

static int on_snippet_term(void *ctx, const songbad_term *t)
{
    snippet_ctx *s = ctx;
    songbad_query_plan *p = s->p;
    if (!t->colocated) {
        int rc = songbad_grow(&p->alloc, (void **)&p->tokens, &p->cap_tokens, s->n + 1,
                              sizeof *p->tokens);
        if (rc) return rc;
        p->tokens[s->n].start = t->start;
        p->tokens[s->n].end = t->end;
        p->tokens[s->n].match = 0;
        s->n++;
    }
    if (songbad_query_plan_highlights(p, t->text, t->len)) p->tokens[s->n - 1].match = 1;
    return SONGBAD_OK;
}

int songbad_query_plan_snippet(songbad_query_plan *p, const char *text, size_t len,
                               songbad_str *snippet, size_t *marks, size_t *nmarks)
{
    if (!p || (!text && len) || !snippet || !marks || !nmarks) return SONGBAD_E_INVAL;
    snippet_ctx s = {p, 0};
    *nmarks = 0;
    int rc = songbad_analyze(p->an, text, len, on_snippet_term, &s);
    if (rc || s.n == 0) {
        snippet->ptr = text;
        snippet->len = len < 300 ? len : 0;
        return rc;
    }
    const snippet_token *tok = p->tokens;
    size_t w = s.n < SONGBAD_SNIPPET_TOKENS ? s.n : SONGBAD_SNIPPET_TOKENS;
    size_t best = 0, best_count = 0, count = 0;
    for (size_t i = 0; i < s.n; i++) {
        count += (size_t)tok[i].match;
        if (i >= w) count -= (size_t)tok[i - w].match;
        if (i + 1 >= w && count > best_count) {
            best_count = count;
            best = i + 1 - w;
        }
    }
    size_t from = tok[best].start;
    snippet->ptr = text + from;
    snippet->len = tok[best + w - 1].end - from;
    for (size_t i = best; i < best + w; i++) {
        if (!tok[i].match) continue;
        marks[2 * *nmarks] = tok[i].start - from;
        marks[2 * *nmarks + 1] = tok[i].end - from;
        (*nmarks)++;
    }
    return SONGBAD_OK;
}
