/* cmd_segment.c - `songbad segment`: grapheme clusters, words or sentences. */
#include "cli.h"

#include <string.h>

/* Prints a segment on one line: line breaks become spaces and surrounding
 * white space is trimmed. */
static void print_plain(const char *s, size_t len)
{
    while (len && (s[len - 1] == '\n' || s[len - 1] == '\r' ||
                   s[len - 1] == ' ' || s[len - 1] == '\t'))
        len--;
    while (len && (s[0] == '\n' || s[0] == '\r' || s[0] == ' ' || s[0] == '\t')) {
        s++;
        len--;
    }
    if (len == 0) return;
    cli_write_text(stdout, s, len);
    putchar('\n');
}

int cmd_segment(int argc, char **argv)
{
    songbad_seg_unit unit = SONGBAD_SEG_WORD;
    int have_unit = 0, json = 0, all = 0, lenient = 0;
    const char *path = NULL;
    for (int i = 1; i < argc; i++) {
        const char *v;
        int r = cli_option_value(argc, argv, &i, "--unit", &v);
        if (r < 0) return cli_usage_error("--unit needs a value");
        if (r > 0) {
            if (songbad_seg_unit_parse(v, &unit) != SONGBAD_OK)
                return cli_usage_error("unknown unit '%s' (grapheme, word, sentence)", v);
            have_unit = 1;
        } else if (strcmp(argv[i], "--json") == 0) {
            json = 1;
        } else if (strcmp(argv[i], "--all") == 0) {
            all = 1;
        } else if (strcmp(argv[i], "--lenient") == 0) {
            lenient = 1;
        } else if (argv[i][0] == '-' && argv[i][1] != '\0') {
            return cli_usage_error("segment: unknown option '%s'", argv[i]);
        } else if (path) {
            return cli_usage_error("segment: one input file at a time");
        } else {
            path = argv[i];
        }
    }
    if (!have_unit) return cli_usage_error("segment: --unit is required");
    cli_input in;
    int code = cli_read_input(path, lenient, &in);
    if (code) return code;
    size_t start = 0;
    while (start < in.len) {
        size_t end = songbad_segment_next(unit, in.data, in.len, start);
        int keep = unit != SONGBAD_SEG_WORD || all ||
                   songbad_segment_is_word(in.data, start, end);
        if (keep && json) {
            printf("{\"start\":%zu,\"end\":%zu,\"text\":", start, end);
            cli_json_string(stdout, in.data + start, end - start);
            fputs("}\n", stdout);
        } else if (keep && unit == SONGBAD_SEG_GRAPHEME) {
            cli_json_string(stdout, in.data + start, end - start);
            putchar('\n');
        } else if (keep) {
            print_plain(in.data + start, end - start);
        }
        start = end;
    }
    cli_input_free(&in);
    return cli_finish_output(EXIT_OK);
}
