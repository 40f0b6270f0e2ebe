/* cmd_analyze.c - `songbad analyze`: the index terms of a text, one token a
 * line (or JSON Lines), or totals over the records of a JSON Lines file. */
#include "cli.h"
#include "jsonl_fast.h"

#include <fcntl.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *const kind_names[] = {"bengali", "latin", "number",
                                         "mixed", "other", "symbol"};

/* Collects the terms of one token and prints them when the next starts. */
typedef struct printer {
    int json, open;
    size_t position, start, end;
    songbad_token_kind kind;
    int stop;
    char word[256], stem[256], key[256], compound[256];
    size_t word_len, stem_len, key_len, compound_len;
} printer;

static void copy_term(char *dst, size_t *dst_len, const songbad_term *t)
{
    size_t n = t->len < 255 ? t->len : 255;
    /* a long term is printed cut, but at a code point boundary */
    while (n > 0 && n < t->len && ((unsigned char)t->text[n] & 0xC0) == 0x80) n--;
    memcpy(dst, t->text, n);
    *dst_len = n;
}

static void flush_token(printer *p)
{
    if (!p->open) return;
    if (p->json) {
        printf("{\"pos\":%zu,\"start\":%zu,\"end\":%zu,\"kind\":\"%s\",\"token\":",
               p->position, p->start, p->end, kind_names[p->kind]);
        cli_json_string(stdout, p->word, p->word_len);
        fputs(",\"stem\":", stdout);
        cli_json_string(stdout, p->stem_len ? p->stem : p->word,
                        p->stem_len ? p->stem_len : p->word_len);
        if (p->key_len) {
            fputs(",\"key\":", stdout);
            cli_json_string(stdout, p->key + 1, p->key_len - 1);
        }
        if (p->compound_len) {
            fputs(",\"compound\":", stdout);
            cli_json_string(stdout, p->compound, p->compound_len);
        }
        printf(",\"stop\":%s}\n", p->stop ? "true" : "false");
    } else {
        printf("%zu\t%zu-%zu\t%s\t%.*s", p->position, p->start, p->end,
               kind_names[p->kind], (int)p->word_len, p->word);
        if (p->stem_len) printf("\tstem=%.*s", (int)p->stem_len, p->stem);
        if (p->key_len) printf("\tkey=%.*s", (int)p->key_len - 1, p->key + 1);
        if (p->compound_len)
            printf("\tcompound=%.*s", (int)p->compound_len, p->compound);
        if (p->stop) fputs("\tstopword", stdout);
        putchar('\n');
    }
    p->open = 0;
}

static int print_term(void *ctx, const songbad_term *t)
{
    printer *p = ctx;
    if (!t->colocated) {
        flush_token(p);
        p->open = 1;
        p->position = t->position;
        p->start = t->start;
        p->end = t->end;
        p->kind = t->kind;
        p->stop = t->stopword;
        p->stem_len = p->key_len = p->compound_len = 0;
    }
    switch (t->type) {
    case SONGBAD_TERM_WORD: copy_term(p->word, &p->word_len, t); break;
    case SONGBAD_TERM_STEM: copy_term(p->stem, &p->stem_len, t); break;
    case SONGBAD_TERM_KEY: copy_term(p->key, &p->key_len, t); break;
    case SONGBAD_TERM_COMPOUND: copy_term(p->compound, &p->compound_len, t); break;
    }
    return SONGBAD_OK;
}

typedef struct counter {
    size_t tokens, terms;
} counter;

static int count_term(void *ctx, const songbad_term *t)
{
    counter *c = ctx;
    c->terms++;
    c->tokens += !t->colocated;
    return SONGBAD_OK;
}

/* Analyzes one field of a record. */
static int analyze_field(songbad_analyzer *an, const char *s, size_t n,
                         int count_only, counter *c, printer *p)
{
    int rc = songbad_analyze(an, s, n, count_only ? count_term : print_term,
                             count_only ? (void *)c : (void *)p);
    if (!rc && !count_only) flush_token(p);
    return rc;
}

/* The fields of a record through jansson, which also names what is wrong
 * with a bad one: returns 1 when analyzed, 0 when skipped, or -rc. */
static int jansson_record(songbad_analyzer *an, const cli_input *in,
                          const char *rec, size_t rec_len, size_t line,
                          int count_only, counter *c, printer *p, size_t *bytes)
{
    static const char *const fields[] = {"title", "body"};
    json_error_t err;
    json_t *obj = json_loadb(rec, rec_len, JSON_REJECT_DUPLICATES, &err);
    if (!obj || !json_is_object(obj)) {
        fprintf(stderr, "songbad: %s:%zu: %s\n", in->name, line,
                obj ? "not a JSON object" : err.text);
        json_decref(obj);
        return 0;
    }
    for (size_t f = 0; f < 2; f++) {
        json_t *v = json_object_get(obj, fields[f]);
        if (!json_is_string(v)) continue;
        size_t n = json_string_length(v);
        *bytes += n;
        int rc = analyze_field(an, json_string_value(v), n, count_only, c, p);
        if (rc) {
            json_decref(obj);
            return -rc;
        }
    }
    json_decref(obj);
    return 1;
}

/* --jsonl: analyzes "title" and "body" of every record. Bad records are
 * reported as FILE:LINE: reason and skipped. Most records are read by
 * jsonl_fast.c; the others, and every bad one, by jansson. */
static int analyze_jsonl(songbad_analyzer *an, const cli_input *in, int count_only)
{
    counter c = {0, 0};
    printer p;
    memset(&p, 0, sizeof p);
    p.json = 1;
    jsonl_fast jf = {NULL, 0};
    size_t records = 0, bytes = 0, skipped = 0, line = 0, pos = 0;
    int rc = 0;
    while (pos < in->len) {
        const char *nl = memchr(in->data + pos, '\n', in->len - pos);
        size_t end = nl ? (size_t)(nl - in->data) : in->len;
        const char *rec = in->data + pos;
        size_t rec_len = end - pos;
        line++;
        pos = end + 1;
        if (rec_len == 0 || (rec_len == 1 && rec[0] == '\r')) continue;
        jsonl_fields f;
        if (jsonl_fast_fields(&jf, rec, rec_len, &f)) {
            bytes += f.title_len + f.body_len;
            if (f.title) rc = analyze_field(an, f.title, f.title_len, count_only, &c, &p);
            if (!rc && f.body) rc = analyze_field(an, f.body, f.body_len, count_only, &c, &p);
            if (rc) break;
            records++;
            continue;
        }
        int got = jansson_record(an, in, rec, rec_len, line, count_only, &c, &p, &bytes);
        if (got < 0) {
            rc = -got;
            break;
        }
        records += got == 1;
        skipped += got == 0;
    }
    jsonl_fast_free(&jf);
    if (rc)
        return cli_fail(EXIT_NOMEM, "%s:%zu: %s", in->name, line, songbad_strerror(rc));
    if (count_only)
        printf("{\"records\":%zu,\"bytes\":%zu,\"tokens\":%zu,\"terms\":%zu,"
               "\"skipped\":%zu}\n", records, bytes, c.tokens, c.terms, skipped);
    return skipped ? EXIT_BADINPUT : EXIT_OK;
}

/* Maps a regular file into memory (no copy: records are read in place).
 * Returns 0 when that is not possible; cli_read_input then reads it and
 * reports any error. */
static int map_input(const char *path, cli_input *in)
{
    if (!path || strcmp(path, "-") == 0) return 0;
    int fd = open(path, O_RDONLY);
    if (fd < 0) return 0;
    struct stat st;
    void *m = MAP_FAILED;
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) {
        int flags = MAP_PRIVATE;
#ifdef MAP_POPULATE
        flags |= MAP_POPULATE; /* one call instead of a fault per page */
#endif
        m = mmap(NULL, (size_t)st.st_size, PROT_READ, flags, fd, 0);
    }
    close(fd);
    if (m == MAP_FAILED) return 0;
    in->name = path;
    in->data = m;
    in->len = (size_t)st.st_size;
    return 1;
}

int cmd_analyze(int argc, char **argv)
{
    int json = 0, jsonl = 0, count_only = 0, lenient = 0;
    unsigned flags = SONGBAD_ANALYZE_DEFAULT;
    const char *path = NULL;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--json") == 0) json = 1;
        else if (strcmp(a, "--jsonl") == 0) jsonl = 1;
        else if (strcmp(a, "--count") == 0) count_only = 1;
        else if (strcmp(a, "--lenient") == 0) lenient = 1;
        else if (strcmp(a, "--no-stems") == 0) flags &= ~SONGBAD_ANALYZE_STEMS;
        else if (strcmp(a, "--no-keys") == 0) flags &= ~SONGBAD_ANALYZE_KEYS;
        else if (strcmp(a, "--no-stopwords") == 0) flags |= SONGBAD_ANALYZE_NO_STOPWORDS;
        else if (strcmp(a, "--loose") == 0) flags |= SONGBAD_ANALYZE_LOOSE;
        else if (a[0] == '-' && a[1] != '\0')
            return cli_usage_error("analyze: unknown option '%s'", a);
        else if (path) return cli_usage_error("analyze: one input file at a time");
        else path = a;
    }
    cli_input in;
    /* JSON Lines are checked record by record, not as a whole */
    int mapped = jsonl && map_input(path, &in);
    int code = mapped ? EXIT_OK : cli_read_input(path, lenient || jsonl, &in);
    if (code) return code;
    songbad_analyzer *an;
    if (songbad_analyzer_new(flags, NULL, &an) != SONGBAD_OK) {
        if (mapped) munmap(in.data, in.len);
        else cli_input_free(&in);
        return cli_fail(EXIT_NOMEM, "out of memory");
    }
    if (jsonl) {
        code = analyze_jsonl(an, &in, count_only);
    } else if (count_only) { /* the totals of one text */
        counter c = {0, 0};
        int rc = songbad_analyze(an, in.data, in.len, count_term, &c);
        if (rc) code = cli_fail(EXIT_NOMEM, "%s: %s", in.name, songbad_strerror(rc));
        else printf("{\"bytes\":%zu,\"tokens\":%zu,\"terms\":%zu}\n", in.len, c.tokens, c.terms);
    } else {
        printer p;
        memset(&p, 0, sizeof p);
        p.json = json;
        int rc = songbad_analyze(an, in.data, in.len, print_term, &p);
        flush_token(&p);
        if (rc) code = cli_fail(EXIT_NOMEM, "%s: %s", in.name, songbad_strerror(rc));
    }
    songbad_analyzer_free(an);
    if (mapped) munmap(in.data, in.len);
    else cli_input_free(&in);
    return cli_finish_output(code);
}
