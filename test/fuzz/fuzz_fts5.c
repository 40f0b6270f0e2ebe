/* fuzz_fts5.c - the FTS5 tokenizer callback (src/index_tokenizer.c) called
 * the way FTS5 calls it, found through the fts5_api of a connection. The
 * input is tokenized as a document and as a query. Invariants: every token
 * is non-empty valid UTF-8 with 0 <= start <= end <= the input's length; the
 * first token is not colocated and token starts never go back; a document
 * gives exactly the terms of songbad_analyze with the default flags, a query
 * those with flags 0 (or, for "#" and lower-case ASCII letters and digits,
 * the key itself); an error returned by
 * xToken (the first byte of the input picks on which token) stops the
 * tokenizer and is returned unchanged. */
#include "fuzz_common.h"
#include "songbad_int.h"

#include <sqlite3.h>

typedef struct expect {
    char *buf;  /* the expected tokens, "start end colocated text\n" each */
    size_t n, cap;
} expect;

static void put(expect *e, const char *s, size_t n)
{
    if (e->n + n > e->cap) {
        size_t cap = (e->n + n) * 2 + 256;
        char *p = realloc(e->buf, cap);
        FUZZ_ASSERT(p);
        e->buf = p;
        e->cap = cap;
    }
    memcpy(e->buf + e->n, s, n);
    e->n += n;
}

static void put_token(expect *e, size_t start, size_t end, int coloc, const char *t, size_t n)
{
    char head[64];
    int k = snprintf(head, sizeof head, "%zu %zu %d ", start, end, coloc);
    put(e, head, (size_t)k);
    put(e, t, n);
    put(e, "\n", 1);
}

static int on_term(void *ctx, const songbad_term *t)
{
    put_token(ctx, t->start, t->end, t->colocated, t->text, t->len);
    return SONGBAD_OK;
}

typedef struct got {
    expect tokens;
    size_t len, count, fail_at;
    int last_start;
} got;

static int x_token(void *ctx, int flags, const char *tok, int n, int start, int end)
{
    got *g = ctx;
    FUZZ_ASSERT(n > 0 && tok != NULL);
    FUZZ_ASSERT(fuzz_valid_utf8(tok, (size_t)n));
    FUZZ_ASSERT(0 <= start && start <= end && (size_t)end <= g->len);
    FUZZ_ASSERT(flags == 0 || flags == FTS5_TOKEN_COLOCATED);
    if (g->count == 0) FUZZ_ASSERT(flags == 0);
    FUZZ_ASSERT(start >= g->last_start);
    g->last_start = start;
    g->count++;
    if (g->count == g->fail_at) return SQLITE_NOMEM;
    put_token(&g->tokens, (size_t)start, (size_t)end, flags != 0, tok, (size_t)n);
    return SQLITE_OK;
}

static fts5_tokenizer tok;
static void *tok_user;

static void setup(void)
{
    static sqlite3 *db;
    if (db) return;
    FUZZ_ASSERT(sqlite3_open(":memory:", &db) == SQLITE_OK);
    FUZZ_ASSERT(songbad_fts5_register(db) == SQLITE_OK);
    fts5_api *api = NULL;
    sqlite3_stmt *st = NULL;
    FUZZ_ASSERT(sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL) == SQLITE_OK);
    sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
    sqlite3_step(st);
    sqlite3_finalize(st);
    FUZZ_ASSERT(api != NULL);
    FUZZ_ASSERT(api->xFindTokenizer(api, "songbad", &tok_user, &tok) == SQLITE_OK);
    /* the connection stays open: the tokenizer belongs to it */
}

static void run(const char *text, size_t len, int query, size_t fail_at)
{
    Fts5Tokenizer *t = NULL;
    FUZZ_ASSERT(tok.xCreate(tok_user, NULL, 0, &t) == SQLITE_OK);
    got g = {{NULL, 0, 0}, len, 0, fail_at, 0};
    int rc = tok.xTokenize(t, &g, query ? FTS5_TOKENIZE_QUERY : FTS5_TOKENIZE_DOCUMENT, text,
                           (int)len, x_token);
    tok.xDelete(t);
    if (fail_at && g.count >= fail_at) {
        FUZZ_ASSERT(rc == SQLITE_NOMEM && g.count == fail_at);
        free(g.tokens.buf);
        return;
    }
    FUZZ_ASSERT(rc == SQLITE_OK);
    /* what the analyzer itself gives */
    expect e = {NULL, 0, 0};
    int key = query && len > 1 && text[0] == '#';
    for (size_t i = 1; key && i < len; i++)
        key = (text[i] >= 'a' && text[i] <= 'z') || (text[i] >= '0' && text[i] <= '9');
    if (key) {
        put_token(&e, 0, len, 0, text, len);
    } else {
        songbad_analyzer *an;
        FUZZ_ASSERT(songbad_analyzer_new(query ? 0 : SONGBAD_ANALYZE_DEFAULT, NULL, &an) ==
                    SONGBAD_OK);
        FUZZ_ASSERT(songbad_analyze(an, text, len, on_term, &e) == SONGBAD_OK);
        songbad_analyzer_free(an);
    }
    FUZZ_ASSERT(e.n == g.tokens.n && (e.n == 0 || memcmp(e.buf, g.tokens.buf, e.n) == 0));
    free(e.buf);
    free(g.tokens.buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > (1u << 20)) return 0; /* FTS5 passes int lengths; keep runs quick */
    setup();
    size_t fail_at = size ? data[0] % 16 : 0; /* 0: no failure */
    const char *text = (const char *)data;
    run(text, size, 0, 0);
    run(text, size, 1, 0);
    if (fail_at) run(text, size, 0, fail_at);
    return 0;
}
