/* cmd_words.c - `songbad stem` and `songbad key`: one line in, one line out.
 * Each line is normalized (search level), split into words, and every word
 * is replaced by its stem or its name key; words are joined by one space. */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

typedef size_t (*word_fn)(const char *word, size_t len, char *out, size_t cap);

/* Applies fn to every word of the line and prints the results. */
static int print_line(songbad_normalizer *norm, word_fn fn, const char *line,
                      size_t len, char **buf, size_t *cap)
{
    const char *t;
    size_t tl;
    if (songbad_normalize(norm, line, len, &t, &tl, NULL) != SONGBAD_OK)
        return EXIT_NOMEM;
    int first = 1;
    size_t start = 0;
    while (start < tl) {
        size_t end = songbad_segment_next(SONGBAD_SEG_WORD, t, tl, start);
        if (songbad_segment_is_word(t, start, end)) {
            size_t need = fn(t + start, end - start, *buf, *cap);
            if (need > *cap) {
                char *nb = realloc(*buf, need);
                if (!nb) return EXIT_NOMEM;
                *buf = nb;
                *cap = need;
                fn(t + start, end - start, *buf, *cap);
            }
            if (!first) putchar(' ');
            fwrite(*buf, 1, need, stdout);
            first = 0;
        }
        start = end;
    }
    putchar('\n');
    return EXIT_OK;
}

static int run(int argc, char **argv, const char *name, word_fn fn)
{
    int lenient = 0;
    const char *path = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--lenient") == 0) lenient = 1;
        else if (argv[i][0] == '-' && argv[i][1] != '\0')
            return cli_usage_error("%s: unknown option '%s'", name, argv[i]);
        else if (path) return cli_usage_error("%s: one input file at a time", name);
        else path = argv[i];
    }
    cli_input in;
    int code = cli_read_input(path, lenient, &in);
    if (code) return code;
    songbad_normalizer *norm;
    if (songbad_normalizer_new(SONGBAD_NORM_SEARCH, NULL, &norm) != SONGBAD_OK) {
        cli_input_free(&in);
        return cli_fail(EXIT_NOMEM, "out of memory");
    }
    size_t cap = 256;
    char *buf = malloc(cap);
    code = buf ? EXIT_OK : EXIT_NOMEM;
    size_t pos = 0;
    while (code == EXIT_OK && pos < in.len) {
        const char *nl = memchr(in.data + pos, '\n', in.len - pos);
        size_t end = nl ? (size_t)(nl - in.data) : in.len;
        size_t len = end - pos;
        if (len && in.data[pos + len - 1] == '\r') len--;
        code = print_line(norm, fn, in.data + pos, len, &buf, &cap);
        pos = end + 1;
    }
    free(buf);
    songbad_normalizer_free(norm);
    cli_input_free(&in);
    if (code == EXIT_NOMEM) return cli_fail(EXIT_NOMEM, "out of memory");
    return cli_finish_output(code);
}

int cmd_stem(int argc, char **argv) { return run(argc, argv, "stem", songbad_stem); }
int cmd_key(int argc, char **argv) { return run(argc, argv, "key", songbad_name_key); }
