/*
 * index_tokenizer.c - songbad's FTS5 tokenizer, "songbad".
 *
 * Documents (FTS5_TOKENIZE_DOCUMENT): every token's normalized word, and at
 * the same position (FTS5_TOKEN_COLOCATED) its stem, its cross-script key
 * ('#' + key) and a hyphenated whole: index-side synonyms, so exact forms
 * outrank variants and highlighting stays exact.
 * Queries: only the normalized words. songbad's query builder (query.c)
 * writes stems and keys into the MATCH expression itself, so a term given in
 * a query is looked up as it is; a term that starts with '#' is a key and
 * passes through untouched.
 * Offsets reported to FTS5 are byte offsets in the original column text.
 * While the store adds an article, a tap (index_tap.h) hands the terms of
 * its body to the near-duplicate MinHash as well, or, for an article
 * analyzed ahead (add_prepare.c), gives FTS5 the terms found then.
 */
#include "index_tap.h"
#include "add_int.h"

#include "sqlite_api.h"

typedef struct tokenizer {
    unsigned doc_flags;      /* SONGBAD_ANALYZE_* of doc */
    songbad_analyzer *doc;   /* stems and keys */
    songbad_analyzer *query; /* words only */
    songbad_fts5_tap *tap;   /* of the connection (index_tap.h) */
} tokenizer;

typedef struct token_ctx {
    void *fts_ctx;
    int (*xToken)(void *, int, const char *, int, int, int);
    int rc; /* an SQLite error from xToken */
    songbad_fts5_tap *tap; /* the tap, when this text is its text */
} token_ctx;

static void tok_delete(Fts5Tokenizer *p)
{
    tokenizer *t = (tokenizer *)p;
    if (!t) return;
    songbad_analyzer_free(t->doc);
    songbad_analyzer_free(t->query);
    sqlite3_free(t);
}

static void *sqlite_realloc(void *ctx, void *p, size_t n)
{
    SONGBAD_UNUSED(ctx);
    return sqlite3_realloc64(p, n);
}

static void sqlite_free(void *ctx, void *p)
{
    SONGBAD_UNUSED(ctx);
    sqlite3_free(p);
}

static const songbad_allocator sqlite_allocator = {sqlite_realloc, sqlite_free, NULL};

static int tok_create(void *user, const char **argv, int argc, Fts5Tokenizer **out)
{
    *out = NULL;
    unsigned flags = SONGBAD_ANALYZE_DEFAULT;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "nostem") == 0) flags &= ~SONGBAD_ANALYZE_STEMS;
        else if (strcmp(argv[i], "nokey") == 0) flags &= ~SONGBAD_ANALYZE_KEYS;
        else return SQLITE_ERROR;
    }
    tokenizer *t = sqlite3_malloc(sizeof *t);
    if (!t) return SQLITE_NOMEM;
    memset(t, 0, sizeof *t);
    t->tap = user;
    t->doc_flags = flags;
    if (songbad_analyzer_new(flags, &sqlite_allocator, &t->doc) != SONGBAD_OK ||
        songbad_analyzer_new(0, &sqlite_allocator, &t->query) != SONGBAD_OK) {
        tok_delete((Fts5Tokenizer *)t);
        return SQLITE_NOMEM;
    }
    *out = (Fts5Tokenizer *)t;
    return SQLITE_OK;
}

static int on_term(void *ctx, const songbad_term *term)
{
    token_ctx *c = ctx;
    if (term->len > 0x7FFFFFFF || term->end > 0x7FFFFFFF) return SONGBAD_E_TOOBIG;
    int rc = c->xToken(c->fts_ctx, term->colocated ? FTS5_TOKEN_COLOCATED : 0,
                       term->text, (int)term->len, (int)term->start, (int)term->end);
    if (rc != SQLITE_OK) {
        c->rc = rc;
        return SONGBAD_DONE;
    }
    return c->tap ? c->tap->fn(c->tap->ctx, term) : SONGBAD_OK;
}

/* Whether a query string is a cross-script key as the query compiler
 * writes them: '#' and lower-case ASCII letters and digits. */
static int is_key(const char *text, int len)
{
    if (len < 2 || text[0] != '#') return 0;
    for (int i = 1; i < len; i++)
        if (!((text[i] >= 'a' && text[i] <= 'z') || (text[i] >= '0' && text[i] <= '9')))
            return 0;
    return 1;
}

/* Gives FTS5 the prepared terms of text, if it is one of the texts of the
 * article being added (and its terms were made as this tokenizer makes
 * them); 1 if it did (*rc: the result), 0 if text must be analyzed. */
static int replay(const tokenizer *t, songbad_fts5_tap *tap, void *fts_ctx, const char *text,
                  int len, int (*xToken)(void *, int, const char *, int, int, int), int *rc)
{
    const songbad_prepared *p = tap->replay;
    if (p->analyze_flags != t->doc_flags) return 0;
    for (int i = 0; i < PREPARED_TEXTS; i++) {
        const prepared_text *pt = &p->text[i];
        if ((tap->replayed & (1u << i)) || !pt->text || pt->len != (size_t)len ||
            memcmp(pt->text, text, pt->len) != 0)
            continue;
        tap->replayed |= 1u << i;
        *rc = SQLITE_OK;
        for (size_t k = pt->first; k < pt->first + pt->n && *rc == SQLITE_OK; k++) {
            const prepared_term *m = &p->term[k];
            *rc = xToken(fts_ctx, m->colocated ? FTS5_TOKEN_COLOCATED : 0, p->bytes + m->off,
                         (int)m->len, (int)m->start, (int)m->end);
        }
        return 1;
    }
    return 0;
}

static int tok_tokenize(Fts5Tokenizer *p, void *fts_ctx, int flags,
                        const char *text, int len,
                        int (*xToken)(void *, int, const char *, int, int, int))
{
    tokenizer *t = (tokenizer *)p;
    if (len < 0) return SQLITE_ERROR;
    if ((flags & FTS5_TOKENIZE_QUERY) && is_key(text, len))
        return xToken(fts_ctx, 0, text, len, 0, len); /* a key */
    songbad_fts5_tap *tap = t->tap;
    int replayed_rc;
    if ((flags & FTS5_TOKENIZE_DOCUMENT) && tap && tap->replay &&
        replay(t, tap, fts_ctx, text, len, xToken, &replayed_rc))
        return replayed_rc;
    int tapped = (flags & FTS5_TOKENIZE_DOCUMENT) && tap && tap->text && !tap->done &&
                 tap->len == (size_t)len && memcmp(tap->text, text, tap->len) == 0;
    token_ctx c = {fts_ctx, xToken, SQLITE_OK, tapped ? tap : NULL};
    songbad_analyzer *an = (flags & FTS5_TOKENIZE_QUERY) ? t->query : t->doc;
    int rc = songbad_analyze(an, text, (size_t)len, on_term, &c);
    if (tapped && rc == SONGBAD_OK && c.rc == SQLITE_OK) tap->done = 1;
    if (c.rc != SQLITE_OK) return c.rc;
    if (rc == SONGBAD_E_NOMEM) return SQLITE_NOMEM;
    return rc == SONGBAD_OK ? SQLITE_OK : SQLITE_ERROR;
}

/* The fts5_api of a connection (SQLite's documented way to get it). */
static fts5_api *fts5_api_of(sqlite3 *db)
{
    fts5_api *api = NULL;
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL) != SQLITE_OK)
        return NULL;
    sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
    sqlite3_step(st);
    sqlite3_finalize(st);
    return api;
}

int songbad_fts5_register(sqlite3 *db)
{
    fts5_api *api = fts5_api_of(db);
    if (!api) return SQLITE_ERROR;
    fts5_tokenizer tok = {tok_create, tok_delete, tok_tokenize};
    /* the tap lives as long as the tokenizer: FTS5 frees it */
    songbad_fts5_tap *tap = sqlite3_malloc(sizeof *tap);
    if (!tap) return SQLITE_NOMEM;
    memset(tap, 0, sizeof *tap);
    int rc = api->xCreateTokenizer(api, "songbad", tap, &tok, sqlite3_free);
    if (rc != SQLITE_OK) sqlite3_free(tap);
    if (rc == SQLITE_OK) rc = songbad_fts5_register_rank(db, api);
    if (rc == SQLITE_OK) rc = songbad_fts5_register_best(api);
    return rc;
}

songbad_fts5_tap *songbad_fts5_tap_of(sqlite3 *db)
{
    fts5_api *api = fts5_api_of(db);
    void *user = NULL;
    fts5_tokenizer tok;
    if (!api || api->xFindTokenizer(api, "songbad", &user, &tok) != SQLITE_OK) return NULL;
    return user;
}
