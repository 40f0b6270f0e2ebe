/* fuzz_article.c - songbad_article_parse_text (opt NULL) and
 * songbad_article_parse_json. Text: the article text is the input; the parts
 * are in line order and together cover every input line exactly once (lines
 * are cut at '\n'; a final '\n' does not start another line); part, credit
 * and date spans lie inside the text; the JSON written for the article
 * parses. JSON record: no crash; on failure *out is NULL and err is set; on
 * success the body's lines are covered the same way. */
#include "fuzz_common.h"

#include <jansson.h>

static size_t count_lines(const char *t, size_t n)
{
    size_t lines = 0, i = 0;
    while (i < n) {
        const char *nl = memchr(t + i, '\n', n - i);
        lines++;
        if (!nl) break;
        i = (size_t)(nl - t) + 1;
    }
    return lines;
}

typedef struct sink {
    char *p;
    size_t n, cap;
} sink;

static int to_sink(void *ctx, const char *data, size_t len)
{
    sink *s = ctx;
    if (s->n + len > s->cap) {
        size_t cap = (s->n + len) * 2 + 64;
        char *p = realloc(s->p, cap);
        FUZZ_ASSERT(p);
        s->p = p;
        s->cap = cap;
    }
    memcpy(s->p + s->n, data, len);
    s->n += len;
    return 0;
}

static void check_article(const songbad_article *a, const char *expect, size_t expect_len)
{
    size_t tl = 0;
    const char *t = songbad_article_text(a, &tl);
    if (expect) FUZZ_ASSERT(tl == expect_len && (tl == 0 || memcmp(t, expect, tl) == 0));
    size_t np = 0, nc = 0, nd = 0;
    const songbad_article_part *p = songbad_article_parts(a, &np);
    FUZZ_ASSERT(np == 0 || p);
    size_t line = 0;
    for (size_t i = 0; i < np; i++) {
        FUZZ_ASSERT((unsigned)p[i].kind <= SONGBAD_PART_BLANK);
        if (p[i].from_title) {
            FUZZ_ASSERT(p[i].kind == SONGBAD_PART_HEADLINE && p[i].line == 0);
            continue;
        }
        FUZZ_ASSERT(p[i].line == line);
        FUZZ_ASSERT(p[i].lines >= 1);
        line += p[i].lines;
        FUZZ_ASSERT(p[i].start <= p[i].end && p[i].end <= tl);
        FUZZ_ASSERT(p[i].len == 0 || p[i].text);
    }
    FUZZ_ASSERT(line == count_lines(t, tl));
    const songbad_credit *c = songbad_article_credits(a, &nc);
    for (size_t i = 0; i < nc; i++) {
        FUZZ_ASSERT(c[i].part < np);
        FUZZ_ASSERT(c[i].start <= c[i].end);
        if (!p[c[i].part].from_title) FUZZ_ASSERT(c[i].end <= tl);
    }
    const songbad_date *d = songbad_article_dates(a, &nd);
    for (size_t i = 0; i < nd; i++) {
        FUZZ_ASSERT(d[i].part < np);
        FUZZ_ASSERT(d[i].start <= d[i].end);
        if (!p[d[i].part].from_title) FUZZ_ASSERT(d[i].end <= tl);
        FUZZ_ASSERT(memchr(d[i].value, '\0', sizeof d[i].value));
    }
    const songbad_article_part *h = songbad_article_headline(a), *l = songbad_article_lead(a);
    FUZZ_ASSERT(!h || h->kind == SONGBAD_PART_HEADLINE);
    FUZZ_ASSERT(!l || l->kind == SONGBAD_PART_PARAGRAPH);
    /* the JSON written is valid UTF-8 and parses */
    sink s = {NULL, 0, 0};
    FUZZ_ASSERT(songbad_article_write_json(a, to_sink, &s) == SONGBAD_OK);
    FUZZ_ASSERT(fuzz_valid_utf8(s.p, s.n));
    json_error_t je;
    json_t *j = json_loadb(s.p ? s.p : "", s.n, JSON_ALLOW_NUL, &je);
    if (!j) fprintf(stderr, "fuzz_article: bad JSON written: %s\n", je.text);
    FUZZ_ASSERT(j && json_is_object(j));
    json_decref(j);
    free(s.p);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *t = (const char *)data;
    songbad_article *a = NULL;
    int rc = songbad_article_parse_text(t, size, NULL, NULL, &a);
    FUZZ_ASSERT(rc == SONGBAD_OK || rc == SONGBAD_E_TOOBIG);
    if (rc == SONGBAD_OK) {
        FUZZ_ASSERT(a);
        check_article(a, t, size);
        songbad_article_free(a);
    } else {
        FUZZ_ASSERT(!a);
    }

    for (int lenient = 0; lenient < 2; lenient++) {
        songbad_article_options opt = {NULL, lenient ? SONGBAD_ARTICLE_LENIENT : 0};
        char err[SONGBAD_ERR_LEN];
        err[0] = '\0';
        a = NULL;
        rc = songbad_article_parse_json(t, size, lenient ? &opt : NULL, NULL, &a, err);
        if (rc == SONGBAD_OK) {
            FUZZ_ASSERT(a);
            check_article(a, NULL, 0);
            songbad_article_free(a);
        } else {
            FUZZ_ASSERT(rc == SONGBAD_E_INVAL || rc == SONGBAD_E_UTF8 || rc == SONGBAD_E_TOOBIG);
            FUZZ_ASSERT(!a);
            FUZZ_ASSERT(err[0] != '\0' && memchr(err, '\0', sizeof err));
        }
    }
    return 0;
}
