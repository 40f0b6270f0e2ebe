/* cmd_inspect.c - looking into a database: `songbad show --db DB ID`,
 * `songbad stats --db DB`, `songbad dups --db DB` (show and stats also take
 * --pg URL: they go through the store interface; dups is SQLite only). */
#include "cli.h"
#include "store_backend.h"

#include <string.h>

/* Parses --db DB (or, when pg is not NULL, --pg URL) [--json] and one
 * optional positional argument. */
static int parse(int argc, char **argv, const char *cmd, const char **db, const char **pg,
                 int *json, const char **arg)
{
    *db = NULL;
    *json = 0;
    if (arg) *arg = NULL;
    if (pg) *pg = NULL;
    for (int i = 1; i < argc; i++) {
        const char *v;
        int r = cli_option_value(argc, argv, &i, "--db", &v);
        if (r < 0) return cli_usage_error("--db needs a value");
        int p = r || !pg ? 0 : cli_option_value(argc, argv, &i, "--pg", &v);
        if (p < 0) return cli_usage_error("--pg needs a value");
        if (r > 0) *db = v;
        else if (p > 0) *pg = v;
        else if (strcmp(argv[i], "--json") == 0) *json = 1;
        else if (argv[i][0] == '-' && argv[i][1] == '-')
            return cli_usage_error("%s: unknown option '%s'", cmd, argv[i]);
        else if (arg && !*arg) *arg = argv[i];
        else return cli_usage_error("%s: unexpected argument '%s'", cmd, argv[i]);
    }
    if (pg && *db && *pg) return cli_usage_error("%s takes --db DB or --pg URL, not both", cmd);
    if (!*db && !(pg && *pg)) return cli_usage_error("%s needs --db DB", cmd);
    if (arg && !*arg) return cli_usage_error("%s needs an article id", cmd);
    return EXIT_OK;
}

static int open_db(const char *path, songbad_db **db)
{
    char err[SONGBAD_ERR_LEN];
    if (songbad_db_open(path, SONGBAD_DB_READONLY, db, err) != SONGBAD_OK)
        return cli_fail(EXIT_IO, "%s", err);
    return EXIT_OK;
}

static int open_store(const char *path, const char *pg, store **s)
{
    char err[SONGBAD_ERR_LEN];
    if (store_open(path, pg, SONGBAD_DB_READONLY, s, err) != SONGBAD_OK)
        return cli_fail(EXIT_IO, "%s", err);
    return EXIT_OK;
}

static void json_field(const char *name, songbad_str s, int raw, int *first)
{
    if (!s.ptr) return;
    printf("%s\"%s\":", *first ? "" : ",", name);
    if (raw) fwrite(s.ptr, 1, s.len, stdout);
    else cli_json_string(stdout, s.ptr, s.len);
    *first = 0;
}

int cmd_show(int argc, char **argv)
{
    const char *path, *pg, *id;
    int json;
    int code = parse(argc, argv, "show", &path, &pg, &json, &id);
    store *db;
    if (code || (code = open_store(path, pg, &db))) return code;
    songbad_doc d;
    songbad_str key = {id, strlen(id)};
    int rc = db->be->get(db, key, &d);
    if (rc == SONGBAD_E_NOTFOUND) code = cli_fail(EXIT_NOMATCH, "%s", db->be->errmsg(db));
    else if (rc) code = cli_fail(EXIT_IO, "%s", db->be->errmsg(db));
    else if (json) {
        int first = 1;
        putchar('{');
        json_field("id", d.id, 0, &first);
        json_field("headline", d.headline, 0, &first);
        json_field("lead", d.lead, 0, &first);
        json_field("body", d.body, 0, &first);
        json_field("captions", d.captions, 0, &first);
        json_field("byline", d.byline, 0, &first);
        json_field("agencies", d.agencies, 1, &first);
        json_field("source", d.source, 0, &first);
        json_field("date", d.date, 0, &first);
        json_field("url", d.url, 0, &first);
        json_field("category", d.category, 0, &first);
        json_field("lang", d.lang, 0, &first);
        json_field("structure", d.structure, 1, &first);
        json_field("extra", d.extra, 1, &first);
        json_field("original", d.original, 0, &first);
        puts("}");
    } else {
        static const char *const names[] = {"id", "headline", "date", "source", "url",
                                            "byline", "lead"};
        songbad_str vals[] = {d.id, d.headline, d.date, d.source, d.url, d.byline, d.lead};
        for (int i = 0; i < 7; i++)
            if (vals[i].len) printf("%-9s %.*s\n", names[i], (int)vals[i].len, vals[i].ptr);
        printf("\n%.*s\n", (int)d.body.len, d.body.ptr);
        if (d.captions.len) printf("\ncaptions:\n%.*s\n", (int)d.captions.len, d.captions.ptr);
    }
    db->be->close(db);
    return cli_finish_output(code);
}

static int print_source(void *ctx, songbad_str source, size_t count)
{
    int *json = ctx;
    if (*json < 0) return SONGBAD_OK;
    if (*json) {
        printf("%s", *json == 1 ? "" : ",");
        cli_json_string(stdout, source.ptr, source.len);
        printf(":%zu", count);
        *json = 2;
    } else {
        printf("  %-24.*s %zu\n", (int)source.len, source.ptr, count);
    }
    return SONGBAD_OK;
}

int cmd_stats(int argc, char **argv)
{
    const char *path, *pg;
    int json;
    int code = parse(argc, argv, "stats", &path, &pg, &json, NULL);
    store *db;
    if (code || (code = open_store(path, pg, &db))) return code;
    songbad_db_stats st;
    int mode = -1; /* first pass: counts only */
    int rc = db->be->stats(db, &st, NULL, &mode);
    if (rc) {
        code = cli_fail(EXIT_IO, "%s", db->be->errmsg(db));
    } else if (json) {
        printf("{\"articles\":%zu,\"duplicate_groups\":%zu,\"articles_in_groups\":%zu,"
               "\"sources\":%zu,\"file_bytes\":%zu,\"index_bytes\":%zu,\"text_bytes\":%zu,"
               "\"first_date\":",
               st.articles, st.dup_groups, st.dup_articles, st.sources, st.file_bytes,
               st.index_bytes, st.text_bytes);
        if (st.first_date.ptr) cli_json_string(stdout, st.first_date.ptr, st.first_date.len);
        else fputs("null", stdout);
        fputs(",\"last_date\":", stdout);
        if (st.last_date.ptr) cli_json_string(stdout, st.last_date.ptr, st.last_date.len);
        else fputs("null", stdout);
        fputs(",\"by_source\":{", stdout);
        mode = 1;
        rc = db->be->stats(db, &st, print_source, &mode);
        puts("}}");
    } else {
        printf("articles          %zu\n", st.articles);
        printf("near-duplicates   %zu articles in %zu groups\n", st.dup_articles, st.dup_groups);
        printf("dates             %.*s .. %.*s\n", (int)st.first_date.len,
               st.first_date.ptr ? st.first_date.ptr : "", (int)st.last_date.len,
               st.last_date.ptr ? st.last_date.ptr : "");
        printf("text              %.1f MB\n", (double)st.text_bytes / 1e6);
        printf("index             %.1f MB\n", (double)st.index_bytes / 1e6);
        printf("database file     %.1f MB\n", (double)st.file_bytes / 1e6);
        printf("sources           %zu\n", st.sources);
        mode = 0;
        rc = db->be->stats(db, &st, print_source, &mode);
    }
    if (!code && rc) code = cli_fail(EXIT_IO, "%s", db->be->errmsg(db));
    db->be->close(db);
    return cli_finish_output(code);
}

typedef struct dup_ctx {
    int json;
    long long group;
    size_t groups;
} dup_ctx;

static int print_dup(void *ctx, long long group, songbad_str id, songbad_str headline,
                     songbad_str source)
{
    dup_ctx *d = ctx;
    if (d->json) {
        printf("{\"group\":%lld,\"id\":", group);
        cli_json_string(stdout, id.ptr, id.len);
        fputs(",\"headline\":", stdout);
        if (headline.ptr) cli_json_string(stdout, headline.ptr, headline.len);
        else fputs("null", stdout);
        fputs(",\"source\":", stdout);
        if (source.ptr) cli_json_string(stdout, source.ptr, source.len);
        else fputs("null", stdout);
        puts("}");
    } else {
        if (group != d->group) printf("%sgroup %lld\n", d->groups ? "\n" : "", group);
        printf("  %.*s  %.*s\n", (int)id.len, id.ptr, (int)headline.len,
               headline.ptr ? headline.ptr : "");
    }
    if (group != d->group) d->groups++;
    d->group = group;
    return SONGBAD_OK;
}

int cmd_dups(int argc, char **argv)
{
    const char *path;
    int json;
    int code = parse(argc, argv, "dups", &path, NULL, &json, NULL);
    songbad_db *db;
    if (code || (code = open_db(path, &db))) return code;
    dup_ctx d = {json, 0, 0};
    if (songbad_db_dups(db, print_dup, &d)) code = cli_fail(EXIT_IO, "%s", songbad_db_errmsg(db));
    else if (!json) printf("%s%zu groups of near-duplicates\n", d.groups ? "\n" : "", d.groups);
    songbad_db_close(db);
    return cli_finish_output(code ? code : d.groups ? EXIT_OK : EXIT_NOMATCH);
}
