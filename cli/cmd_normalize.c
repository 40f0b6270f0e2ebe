/* cmd_normalize.c - `songbad normalize`: prints the text normalized. */
#include "cli.h"

#include <string.h>

int cmd_normalize(int argc, char **argv)
{
    songbad_norm_level level = SONGBAD_NORM_SEARCH;
    int lenient = 0;
    const char *path = NULL;
    for (int i = 1; i < argc; i++) {
        const char *v;
        int r = cli_option_value(argc, argv, &i, "--level", &v);
        if (r < 0) return cli_usage_error("--level needs a value");
        if (r > 0) {
            if (songbad_norm_level_parse(v, &level) != SONGBAD_OK)
                return cli_usage_error("unknown level '%s' (nfc, nfd, search, loose)", v);
        } else if (strcmp(argv[i], "--lenient") == 0) {
            lenient = 1;
        } else if (argv[i][0] == '-' && argv[i][1] != '\0') {
            return cli_usage_error("normalize: unknown option '%s'", argv[i]);
        } else if (path) {
            return cli_usage_error("normalize: one input file at a time");
        } else {
            path = argv[i];
        }
    }
    cli_input in;
    int code = cli_read_input(path, lenient, &in);
    if (code) return code;
    songbad_normalizer *n;
    if (songbad_normalizer_new(level, NULL, &n) != SONGBAD_OK) {
        cli_input_free(&in);
        return cli_fail(EXIT_NOMEM, "out of memory");
    }
    const char *out;
    size_t out_len;
    int rc = songbad_normalize(n, in.data, in.len, &out, &out_len, NULL);
    if (rc == SONGBAD_OK) fwrite(out, 1, out_len, stdout);
    songbad_normalizer_free(n);
    cli_input_free(&in);
    if (rc != SONGBAD_OK)
        return cli_fail(EXIT_NOMEM, "%s: %s", in.name, songbad_strerror(rc));
    return cli_finish_output(EXIT_OK);
}
