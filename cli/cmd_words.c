/* cmd_words.c - `songbad stem` and `songbad key`: one line in, one line out.
 * Each line (or each argument, when words are given on the command line) is
 * normalized (search level), split into words, and every word is replaced
 * by its stem or its name key; words are joined by one space. */
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

/* The lines of in, each printed through fn. */
static int print_lines(songbad_normalizer *norm, word_fn fn, const cli_input *in,
                       char **buf, size_t *cap)
{
    int code = EXIT_OK;
    size_t pos = 0;
    while (code == EXIT_OK && pos < in->len) {
        const char *nl = memchr(in->data + pos, '\n', in->len - pos);
        size_t end = nl ? (size_t)(nl - in->data) : in->len;
        size_t len = end - pos;
        if (len && in->data[pos + len - 1] == '\r') len--;
        code = print_line(norm, fn, in->data + pos, len, buf, cap);
        pos = end + 1;
    }
    return code;
}

/* The words given as arguments argv[first..], a line each; invalid UTF-8 in
 * one is an error unless lenient (then it becomes U+FFFD). */
static int print_args(songbad_normalizer *norm, word_fn fn, char **argv, int first,
                      int argc, int lenient, char **buf, size_t *cap)
{
    for (int i = first; i < argc; i++) {
        size_t len = strlen(argv[i]), bad;
        if (!lenient && songbad_utf8_validate(argv[i], len, &bad) != SONGBAD_OK)
            return cli_fail(EXIT_BADINPUT, "argument %d: invalid UTF-8 at byte %zu",
                            i - first + 1, bad);
        int code = print_line(norm, fn, argv[i], len, buf, cap);
        if (code) return code;
    }
    return EXIT_OK;
}

/* songbad stem|key [--lenient] [--file FILE | WORD...]: the words given, or
 * the lines of FILE, or of stdin when neither is. */
static int run(int argc, char **argv, const char *name, word_fn fn)
{
    int lenient = 0, words;
    const char *path = NULL;
    int i = 1;
    for (; i < argc; i++) {
        if (strcmp(argv[i], "--lenient") == 0) {
            lenient = 1;
        } else if (strcmp(argv[i], "--file") == 0 || strcmp(argv[i], "-f") == 0) {
            if (i + 1 >= argc) return cli_usage_error("%s: %s needs a file name", name, argv[i]);
            path = argv[++i];
        } else if (strncmp(argv[i], "--file=", 7) == 0) {
            path = argv[i] + 7;
        } else if (strcmp(argv[i], "--") == 0) {
            i++;
            break;
        } else if (argv[i][0] == '-' && argv[i][1] != '\0') {
            return cli_usage_error("%s: unknown option '%s'", name, argv[i]);
        } else {
            break; /* the words */
        }
    }
    words = i < argc;
    if (words && path)
        return cli_usage_error("%s: give words or --file, not both", name);
    if (words && argc - i == 1 && strcmp(argv[i], "-") == 0) words = 0; /* stdin */
    cli_input in = {0};
    int code;
    if (!words && (code = cli_read_input(path, lenient, &in)) != EXIT_OK) return code;
    songbad_normalizer *norm;
    if (songbad_normalizer_new(SONGBAD_NORM_SEARCH, NULL, &norm) != SONGBAD_OK) {
        cli_input_free(&in);
        return cli_fail(EXIT_NOMEM, "out of memory");
    }
    size_t cap = 256;
    char *buf = malloc(cap);
    code = buf ? EXIT_OK : EXIT_NOMEM;
    if (code == EXIT_OK)
        code = words ? print_args(norm, fn, argv, i, argc, lenient, &buf, &cap)
                     : print_lines(norm, fn, &in, &buf, &cap);
    free(buf);
    songbad_normalizer_free(norm);
    cli_input_free(&in);
    if (code == EXIT_NOMEM) return cli_fail(EXIT_NOMEM, "out of memory");
    return cli_finish_output(code);
}

int cmd_stem(int argc, char **argv) { return run(argc, argv, "stem", songbad_stem); }
int cmd_key(int argc, char **argv) { return run(argc, argv, "key", songbad_name_key); }
