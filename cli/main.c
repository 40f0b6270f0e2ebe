/* main.c - the songbad command-line tool: dispatches to one command. */
#include "cli.h"

#include <string.h>

static const struct {
    const char *name;
    int (*run)(int argc, char **argv);
} commands[] = {
    {"normalize", cmd_normalize},
    {"segment", cmd_segment},
    {"stem", cmd_stem},
    {"key", cmd_key},
    {"romanize", cmd_romanize},
    {"analyze", cmd_analyze},
    {"ingest", cmd_ingest},
    {"search", cmd_search},
    {"explain", cmd_explain},
    {"show", cmd_show},
    {"stats", cmd_stats},
    {"dups", cmd_dups},
    {"optimize", cmd_optimize},
    {"parse", cmd_parse},
    {"serve", cmd_serve},
};

int main(int argc, char **argv)
{
    if (argc < 2) return cli_usage_error("no command given");
    const char *cmd = argv[1];
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 ||
        strcmp(cmd, "help") == 0) {
        for (size_t i = 0; songbad_help_lines[i]; i++) puts(songbad_help_lines[i]);
        return cli_finish_output(EXIT_OK);
    }
    if (strcmp(cmd, "--version") == 0) {
        printf("songbad %s (Unicode %s)\n", songbad_version(),
               songbad_unicode_version());
        return cli_finish_output(EXIT_OK);
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(cmd, commands[i].name) == 0)
            return commands[i].run(argc - 1, argv + 1);
    return cli_usage_error("unknown command '%s'", cmd);
}
