/* cli.h - shared pieces of the songbad command-line tool. */
#ifndef SONGBAD_CLI_H
#define SONGBAD_CLI_H

#include "songbad.h"
#include <stdio.h>

/* Exit codes (documented in cli/help.txt; never renumbered). */
enum {
    EXIT_OK = 0,
    EXIT_NOMATCH = 1,
    EXIT_USAGE = 2,
    EXIT_BADINPUT = 3,
    EXIT_IO = 4,
    EXIT_NOMEM = 5
};

extern const char *const songbad_help_lines[]; /* cli/help.txt */

/* Prints "songbad: MESSAGE" and a usage hint to stderr; returns EXIT_USAGE. */
int cli_usage_error(const char *fmt, ...);
/* Prints "songbad: MESSAGE" to stderr and returns code. */
int cli_fail(int code, const char *fmt, ...);

/* Whether argv[*i] is the option `name`; takes its value from "--name=V" or
 * from the next argument (advancing *i). Sets *value; returns 1 on a match,
 * 0 if not this option, -1 if the value is missing. */
int cli_option_value(int argc, char **argv, int *i, const char *name,
                     const char **value);

/* An input file read whole into memory. */
typedef struct cli_input {
    const char *name; /* as given, "-" for stdin */
    char *data;
    size_t len;
} cli_input;

/* What songbad says about text that songbad_bijoy_detect() recognizes. */
#define CLI_BIJOY_MESSAGE \
    "looks like Bijoy-encoded Bengali (legacy ASCII font encoding); convert to Unicode first"

/* Reads path ("-" or NULL for stdin). Unless lenient, the text must be valid
 * UTF-8 (UTF-16 and Bijoy text in Windows-1252 are named as such). Prints the
 * error and returns an exit code on failure. Text that looks like Bijoy gets
 * a warning. */
int cli_read_input(const char *path, int lenient, cli_input *in);
void cli_input_free(cli_input *in);

/* Writes s[0..len) as a JSON string (with quotes); invalid UTF-8 becomes
 * U+FFFD. */
void cli_json_string(FILE *f, const char *s, size_t len);

/* Writes text on one line: line breaks become spaces and each ill-formed
 * UTF-8 subpart becomes U+FFFD (lenient input stays valid output). */
void cli_write_text(FILE *f, const char *s, size_t len);

/* Appends word to the query being joined from arguments (*query, *qlen
 * bytes), after a space unless it is the first; 0 (and the query freed)
 * when out of memory. */
int cli_append_word(char **query, size_t *qlen, const char *word);

/* Checks stdout for write errors at the end of a command. */
int cli_finish_output(int code);

int cmd_normalize(int argc, char **argv);
int cmd_segment(int argc, char **argv);
int cmd_stem(int argc, char **argv);
int cmd_key(int argc, char **argv);
int cmd_romanize(int argc, char **argv);
int cmd_analyze(int argc, char **argv);
int cmd_ingest(int argc, char **argv);
int cmd_search(int argc, char **argv);
int cmd_show(int argc, char **argv);
int cmd_stats(int argc, char **argv);
int cmd_dups(int argc, char **argv);
int cmd_optimize(int argc, char **argv);
int cmd_parse(int argc, char **argv);
int cmd_serve(int argc, char **argv);
int cmd_explain(int argc, char **argv);

#endif
