/* cmd_romanize.c - `songbad romanize [--iso] [--lenient] [FILE|-]`: prints
 * the text in Latin letters, readable (songbad_romanize) or strict ISO 15919
 * (songbad_romanize_iso). The text is put in NFC first, so that every
 * encoding of a letter reads the same. */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

int cmd_romanize(int argc, char **argv)
{
    int lenient = 0, iso = 0;
    const char *path = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--lenient") == 0) lenient = 1;
        else if (strcmp(argv[i], "--iso") == 0) iso = 1;
        else if (argv[i][0] == '-' && argv[i][1] != '\0')
            return cli_usage_error("romanize: unknown option '%s'", argv[i]);
        else if (path) return cli_usage_error("romanize: one input file at a time");
        else path = argv[i];
    }
    cli_input in;
    int code = cli_read_input(path, lenient, &in);
    if (code) return code;
    songbad_normalizer *n;
    if (songbad_normalizer_new(SONGBAD_NORM_NFC, NULL, &n) != SONGBAD_OK) {
        cli_input_free(&in);
        return cli_fail(EXIT_NOMEM, "out of memory");
    }
    const char *t;
    size_t tl;
    int rc = songbad_normalize(n, in.data, in.len, &t, &tl, NULL);
    char *out = NULL;
    if (rc == SONGBAD_OK) {
        size_t (*fn)(const char *, size_t, char *, size_t) =
            iso ? songbad_romanize_iso : songbad_romanize;
        size_t need = fn(t, tl, NULL, 0);
        out = malloc(need ? need : 1);
        if (!out) rc = SONGBAD_E_NOMEM;
        else fwrite(out, 1, fn(t, tl, out, need), stdout);
    }
    free(out);
    songbad_normalizer_free(n);
    cli_input_free(&in);
    if (rc != SONGBAD_OK)
        return cli_fail(EXIT_NOMEM, "%s: %s", in.name, songbad_strerror(rc));
    return cli_finish_output(EXIT_OK);
}
