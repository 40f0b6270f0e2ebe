/* fuzz_analyze.c - songbad_analyze with SONGBAD_ANALYZE_DEFAULT: every term
 * is non-empty valid UTF-8; its token lies in the input (start < end <= size,
 * both at code point starts); the first term is a WORD at position 0; a term
 * that is not colocated is a WORD one position after the previous term's;
 * a colocated term shares the previous position; SONGBAD_DONE from the
 * callback stops without error, another code is passed back. */
#include "fuzz_common.h"

typedef struct actx {
    size_t size;
    const unsigned char *starts;
    size_t nterms;
    size_t pos, start, end;
} actx;

static int on_term(void *ctx, const songbad_term *t)
{
    actx *c = ctx;
    FUZZ_ASSERT(t->text && t->len > 0);
    FUZZ_ASSERT(fuzz_valid_utf8(t->text, t->len));
    FUZZ_ASSERT(t->start < t->end && t->end <= c->size);
    FUZZ_ASSERT(c->starts[t->start] && c->starts[t->end]);
    FUZZ_ASSERT((unsigned)t->kind <= SONGBAD_TOKEN_SYMBOL);
    FUZZ_ASSERT((unsigned)t->type <= SONGBAD_TERM_COMPOUND);
    if (c->nterms == 0) {
        FUZZ_ASSERT(!t->colocated);
        FUZZ_ASSERT(t->position == 0);
    } else if (t->colocated) {
        FUZZ_ASSERT(t->position == c->pos);
        FUZZ_ASSERT(t->type != SONGBAD_TERM_WORD);
    } else {
        /* tokens may overlap: one input code point can normalize to the
         * letters of two tokens (U+0EDC -> U+0EAB U+0E99), both mapped to it */
        FUZZ_ASSERT(t->position == c->pos + 1);
    }
    if (!t->colocated) FUZZ_ASSERT(t->type == SONGBAD_TERM_WORD);
    if (t->type == SONGBAD_TERM_KEY) {
        FUZZ_ASSERT(t->text[0] == '#' && t->len > 1);
        for (size_t i = 1; i < t->len; i++)
            FUZZ_ASSERT((t->text[i] >= 'a' && t->text[i] <= 'z') ||
                        (t->text[i] >= '0' && t->text[i] <= '9'));
    }
    c->nterms++;
    c->pos = t->position;
    c->start = t->start;
    c->end = t->end;
    return SONGBAD_OK;
}

static int stop_at_first(void *ctx, const songbad_term *t)
{
    (void)t;
    ++*(size_t *)ctx;
    return SONGBAD_DONE;
}

static int fail_at_first(void *ctx, const songbad_term *t)
{
    (void)t;
    ++*(size_t *)ctx;
    return 77;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *t = (const char *)data;
    unsigned char *starts = fuzz_cp_starts(t, size);
    songbad_analyzer *a = NULL;
    FUZZ_ASSERT(songbad_analyzer_new(SONGBAD_ANALYZE_DEFAULT, NULL, &a) == SONGBAD_OK && a);
    actx c = {size, starts, 0, 0, 0, 0};
    FUZZ_ASSERT(songbad_analyze(a, t, size, on_term, &c) == SONGBAD_OK);
    /* SONGBAD_DONE stops the analysis after one term without error;
     * another non-zero code stops it and is returned */
    size_t calls = 0;
    int rc = songbad_analyze(a, t, size, stop_at_first, &calls);
    FUZZ_ASSERT(calls == (c.nterms ? 1u : 0u));
    FUZZ_ASSERT(rc == SONGBAD_OK);
    calls = 0;
    rc = songbad_analyze(a, t, size, fail_at_first, &calls);
    FUZZ_ASSERT(calls == (c.nterms ? 1u : 0u));
    FUZZ_ASSERT(rc == (c.nterms ? 77 : SONGBAD_OK));
    songbad_analyzer_free(a);
    free(starts);
    return 0;
}
