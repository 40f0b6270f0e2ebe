/* cmd_explain.c - `songbad explain [--json | --tsquery] [--] QUERY...`: how a
 * search reads a query (songbad_query_plan): its clauses, each word's
 * alternatives with their weights in the ranking, the phrases, and what is
 * excluded; or the tsquery PostgreSQL matches with. Needs no database. */
#include "cli.h"
#include "plan_json.h"

#include <stdlib.h>
#include <string.h>

/* "required phrase (headline): "উত্তর কোরিয়া" 1.50" or
 * "optional word 0: সফর 1.00 | #sfr 0.35 | সফর* 0.60" */
static void print_clause(const songbad_plan_clause *c)
{
    int ranked = c->role != SONGBAD_CLAUSE_EXCLUDED;
    fputs(plan_role_name(c->role), stdout);
    if (c->phrase) fputs(" phrase", stdout);
    else if (c->nwords == 1) printf(" word %d", c->first_word);
    else fputs(" word", stdout);
    if (plan_field_name(c->field)) printf(" (%s)", plan_field_name(c->field));
    fputs(": ", stdout);
    if (c->phrase) putchar('"');
    for (size_t k = 0; k < c->nterms; k++) {
        const songbad_plan_term *t = &c->terms[k];
        if (k) fputs(c->phrase ? " " : " | ", stdout);
        cli_write_text(stdout, t->text, t->len);
        if (t->prefix) putchar('*');
        if (ranked && !c->phrase) printf(" %.2f", t->weight);
    }
    if (c->phrase) putchar('"');
    if (ranked && c->phrase) printf(" %.2f", c->weight);
    putchar('\n');
}

static int print_json(const songbad_query_plan *p)
{
    json_t *j = plan_json(p);
    if (!j || json_dumpf(j, stdout, PLAN_JSON_FLAGS)) {
        json_decref(j);
        return cli_fail(EXIT_NOMEM, "out of memory");
    }
    json_decref(j);
    putchar('\n');
    return EXIT_OK;
}

/* The tsquery text (source: 0) or that of the source: clauses (1), on a
 * line of its own when there is one. */
static int print_tsquery(const songbad_query_plan *p, int source)
{
    size_t n = songbad_query_plan_tsquery(p, source, NULL, 0);
    if (n == 0) return EXIT_OK;
    char *t = malloc(n + 1);
    if (!t) return cli_fail(EXIT_NOMEM, "out of memory");
    songbad_query_plan_tsquery(p, source, t, n + 1);
    printf("%s%s\n", source ? "source: " : "", t);
    free(t);
    return EXIT_OK;
}

int cmd_explain(int argc, char **argv)
{
    int json = 0, tsquery = 0;
    char *query = NULL;
    size_t qlen = 0;
    for (int i = 1; i < argc; i++) {
        int ok = 1;
        if (strcmp(argv[i], "--json") == 0) json = 1;
        else if (strcmp(argv[i], "--tsquery") == 0) tsquery = 1;
        else if (strcmp(argv[i], "--") == 0)
            for (i++; ok && i < argc; i++) ok = cli_append_word(&query, &qlen, argv[i]);
        else if (argv[i][0] == '-' && argv[i][1] == '-') {
            free(query);
            return cli_usage_error("explain: unknown option '%s'", argv[i]);
        } else {
            ok = cli_append_word(&query, &qlen, argv[i]); /* -word excludes it */
        }
        if (!ok) return cli_fail(EXIT_NOMEM, "out of memory");
    }
    if (json && tsquery) {
        free(query);
        return cli_usage_error("explain takes --json or --tsquery, not both");
    }
    if (qlen == 0) {
        free(query);
        return cli_usage_error("explain needs a query");
    }
    size_t bad;
    if (songbad_utf8_validate(query, qlen, &bad) != SONGBAD_OK) {
        free(query);
        return cli_fail(EXIT_BADINPUT, "query: invalid UTF-8 at byte %zu", bad);
    }
    songbad_query_plan *p;
    if (songbad_query_plan_new(NULL, &p) != SONGBAD_OK) {
        free(query);
        return cli_fail(EXIT_NOMEM, "out of memory");
    }
    int rc = songbad_query_plan_compile(p, query, qlen), code = EXIT_OK;
    free(query);
    if (rc == SONGBAD_E_QUERY) {
        code = cli_fail(EXIT_USAGE, "bad query: %s", songbad_query_plan_errmsg(p));
    } else if (rc) {
        code = cli_fail(EXIT_NOMEM, "%s", songbad_strerror(rc));
    } else if (json) {
        code = print_json(p);
    } else if (tsquery) {
        code = print_tsquery(p, 0);
        if (!code) code = print_tsquery(p, 1);
    } else {
        for (size_t i = 0; i < songbad_query_plan_nclauses(p); i++)
            print_clause(songbad_query_plan_clause(p, i));
        if (songbad_query_plan_is_question(p))
            puts("a question: ranked without the early-words factor");
    }
    songbad_query_plan_free(p);
    return cli_finish_output(code);
}
