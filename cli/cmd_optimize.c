/*
 * cmd_optimize.c - songbad optimize --db DB|--pg URL [--per-term N]
 * [--json]: makes the term lists that keep searches of common words fast
 * on a large index (songbad_db_optimize, index_best.c; on PostgreSQL
 * backend_pg_optimize.c).
 */
#include "cli.h"
#include "store_backend.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int cmd_optimize(int argc, char **argv)
{
    const char *path = NULL, *pg = NULL;
    unsigned long per_term = 0;
    int json = 0;
    for (int i = 1; i < argc; i++) {
        const char *v;
        int r = cli_option_value(argc, argv, &i, "--db", &v);
        if (r < 0) return cli_usage_error("--db needs a value");
        if (r > 0) {
            path = v;
            continue;
        }
        r = cli_option_value(argc, argv, &i, "--pg", &v);
        if (r < 0) return cli_usage_error("--pg needs a value");
        if (r > 0) {
            pg = v;
            continue;
        }
        r = cli_option_value(argc, argv, &i, "--per-term", &v);
        if (r < 0) return cli_usage_error("--per-term needs a value");
        if (r > 0) {
            char *end;
            per_term = strtoul(v, &end, 10);
            if (*end || !*v || v[0] == '-' || per_term == 0)
                return cli_usage_error("--per-term needs a positive number, not '%s'", v);
            continue;
        }
        if (strcmp(argv[i], "--json") == 0) json = 1;
        else if (argv[i][0] == '-') return cli_usage_error("optimize: unknown option '%s'", argv[i]);
        else return cli_usage_error("optimize: unexpected argument '%s'", argv[i]);
    }
    if (path && pg) return cli_usage_error("optimize takes --db DB or --pg URL, not both");
    if (!path && !pg) return cli_usage_error("optimize needs --db DB");
    char err[SONGBAD_ERR_LEN];
    store *db;
    if (store_open(path, pg, 0, &db, err) != SONGBAD_OK) return cli_fail(EXIT_IO, "%s", err);
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    size_t terms = 0;
    int rc = db->be->optimize(db, per_term, &terms), code = EXIT_OK;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double s = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    size_t n = per_term ? per_term : SONGBAD_BEST_PER_TERM;
    if (rc) code = cli_fail(rc == SONGBAD_E_NOMEM ? EXIT_NOMEM : EXIT_IO, "%s",
                            db->be->errmsg(db));
    else if (json) printf("{\"terms\":%zu,\"per_term\":%zu,\"seconds\":%.2f}\n", terms, n, s);
    else printf("listed the best %zu articles of %zu terms in %.1f s\n", n, terms, s);
    db->be->close(db);
    return cli_finish_output(code);
}
