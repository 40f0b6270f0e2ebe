/* cmd_search.c - `songbad search --db DB|--pg URL [options] QUERY...` and the batch
 * mode `--topics FILE.tsv --format trec` used for evaluation. */
#include "cli.h"
#include "store_backend.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct out_ctx {
    int json, color;
    const char *qid; /* batch mode: TREC lines */
} out_ctx;

static void print_marked(const out_ctx *o, const songbad_hit *h)
{
    size_t pos = 0;
    const char *on = o->color ? "\033[1;31m" : "[", *off = o->color ? "\033[0m" : "]";
    for (size_t m = 0; m < h->nmarks; m++) {
        size_t s = h->marks[2 * m], e = h->marks[2 * m + 1];
        for (size_t i = pos; i < s; i++) putchar(h->snippet.ptr[i] == '\n' ? ' ' : h->snippet.ptr[i]);
        fputs(on, stdout);
        fwrite(h->snippet.ptr + s, 1, e - s, stdout);
        fputs(off, stdout);
        pos = e;
    }
    for (size_t i = pos; i < h->snippet.len; i++)
        putchar(h->snippet.ptr[i] == '\n' ? ' ' : h->snippet.ptr[i]);
}

static int on_hit(void *ctx, const songbad_hit *h)
{
    out_ctx *o = ctx;
    if (o->qid) {
        printf("%s Q0 %.*s %zu %.4f songbad\n", o->qid, (int)h->id.len, h->id.ptr, h->rank,
               h->score);
        return SONGBAD_OK;
    }
    if (o->json) {
        printf("{\"rank\":%zu,\"id\":", h->rank);
        cli_json_string(stdout, h->id.ptr, h->id.len);
        fputs(",\"title\":", stdout);
        if (h->headline.ptr) cli_json_string(stdout, h->headline.ptr, h->headline.len);
        else fputs("null", stdout);
        fputs(",\"date\":", stdout);
        if (h->date.ptr) cli_json_string(stdout, h->date.ptr, h->date.len);
        else fputs("null", stdout);
        fputs(",\"source\":", stdout);
        if (h->source.ptr) cli_json_string(stdout, h->source.ptr, h->source.len);
        else fputs("null", stdout);
        printf(",\"score\":%.4f,\"duplicates\":%zu,\"snippet\":{\"text\":", h->score,
               h->duplicates);
        cli_json_string(stdout, h->snippet.ptr, h->snippet.len);
        fputs(",\"highlights\":[", stdout);
        for (size_t m = 0; m < h->nmarks; m++)
            printf("%s[%zu,%zu]", m ? "," : "", h->marks[2 * m], h->marks[2 * m + 1]);
        fputs("]}}\n", stdout);
        return SONGBAD_OK;
    }
    printf("%zu. ", h->rank);
    if (h->headline.len) fwrite(h->headline.ptr, 1, h->headline.len, stdout);
    else fwrite(h->id.ptr, 1, h->id.len, stdout);
    /* (date, source, score ...): the parts there are */
    printf("  (");
    if (h->date.len) printf("%.*s, ", (int)h->date.len, h->date.ptr);
    if (h->source.len) printf("%.*s, ", (int)h->source.len, h->source.ptr);
    printf("score %.2f", h->score);
    if (h->duplicates) printf(", +%zu near-duplicate%s", h->duplicates, h->duplicates > 1 ? "s" : "");
    printf(")\n   ");
    print_marked(o, h);
    printf("\n   id: %.*s\n", (int)h->id.len, h->id.ptr);
    return SONGBAD_OK;
}

static songbad_str str(const char *s)
{
    songbad_str r = {s, s ? strlen(s) : 0};
    return r;
}

/* --topics: one query a line, "qid TAB query". */
static int run_topics(store *db, songbad_search_opts *opts, const char *path)
{
    cli_input in;
    int code = cli_read_input(path, 0, &in);
    if (code) return code;
    out_ctx o = {0, 0, NULL};
    opts->all = 1;
    opts->snippets = 0;
    size_t pos = 0, line = 0, bad = 0;
    while (pos < in.len && code == EXIT_OK) {
        const char *nl = memchr(in.data + pos, '\n', in.len - pos);
        size_t end = nl ? (size_t)(nl - in.data) : in.len;
        char *l = in.data + pos;
        size_t len = end - pos;
        pos = end + 1;
        line++;
        char *tab = memchr(l, '\t', len);
        if (!tab) {
            if (len) fprintf(stderr, "songbad: %s:%zu: no TAB between id and query\n", in.name, line);
            bad += len > 0;
            continue;
        }
        if (memchr(l, '\0', len)) {
            fprintf(stderr, "songbad: %s:%zu: NUL byte in the line\n", in.name, line);
            bad++;
            continue;
        }
        *tab = '\0';
        o.qid = l;
        opts->query.ptr = tab + 1;
        opts->query.len = len - (size_t)(tab + 1 - l);
        int rc = db->be->search(db, opts, on_hit, &o, NULL);
        if (rc == SONGBAD_E_QUERY) {
            fprintf(stderr, "songbad: %s:%zu: %s\n", in.name, line, db->be->errmsg(db));
            bad++;
        } else if (rc) {
            code = cli_fail(EXIT_IO, "%s", db->be->errmsg(db));
        }
    }
    cli_input_free(&in);
    return code == EXIT_OK && bad ? EXIT_BADINPUT : code;
}

int cmd_search(int argc, char **argv)
{
    const char *dbpath = NULL, *pgurl = NULL, *topics = NULL, *format = "text";
    songbad_search_opts opts;
    memset(&opts, 0, sizeof opts);
    opts.snippets = 1;
    int json = 0;
    size_t qlen = 0;
    char *query = malloc(1);
    if (!query) return cli_fail(EXIT_NOMEM, "out of memory");
    query[0] = '\0';
    static const char *const valued[] = {"--db",   "--topics", "--format", "--limit", "--offset",
                                         "--from", "--to",     "--source", "--pg",    "--prune"};
    enum { NVALUED = sizeof valued / sizeof valued[0] };
    for (int i = 1; i < argc; i++) {
        const char *v = NULL;
        int which = -1;
        for (int k = 0; k < NVALUED && which < 0; k++) {
            int r = cli_option_value(argc, argv, &i, valued[k], &v);
            if (r < 0) {
                free(query);
                return cli_usage_error("%s needs a value", valued[k]);
            }
            if (r > 0) which = k;
        }
        char *end;
        switch (which) {
        case 0: dbpath = v; continue;
        case 1: topics = v; continue;
        case 2: format = v; continue;
        case 3:
        case 4:
        case 9: {
            unsigned long n = strtoul(v, &end, 10);
            if (*end || !*v || v[0] == '-' || (which == 9 && n == 0)) {
                free(query);
                return cli_usage_error("%s needs a %snumber, not '%s'", valued[which],
                                       which == 9 ? "positive " : "", v);
            }
            if (which == 3) opts.limit = n;
            else if (which == 4) opts.offset = n;
            else opts.prune_matches = n;
            continue;
        }
        case 5: opts.from = str(v); continue;
        case 6: opts.to = str(v); continue;
        case 7: opts.source = str(v); continue;
        case 8: pgurl = v; continue;
        default: break;
        }
        if (strcmp(argv[i], "--json") == 0) json = 1;
        else if (strcmp(argv[i], "--all") == 0) opts.all = 1;
        else if (strcmp(argv[i], "--") == 0) {
            for (i++; i < argc; i++)
                if (!cli_append_word(&query, &qlen, argv[i])) return cli_fail(EXIT_NOMEM, "out of memory");
        } else if (argv[i][0] == '-' && argv[i][1] == '-') {
            free(query);
            return cli_usage_error("search: unknown option '%s'", argv[i]);
        } else if (!cli_append_word(&query, &qlen, argv[i])) {
            /* a query word (a leading - excludes it) */
            return cli_fail(EXIT_NOMEM, "out of memory");
        }
    }
    if (dbpath && pgurl) { free(query); return cli_usage_error("search takes --db DB or --pg URL, not both"); }
    if (!dbpath && !pgurl) { free(query); return cli_usage_error("search needs --db DB"); }
    if (strcmp(format, "text") != 0 && strcmp(format, "trec") != 0) {
        free(query);
        return cli_usage_error("unknown format '%s' (text, trec)", format);
    }
    if (!topics && qlen == 0) { free(query); return cli_usage_error("search needs a query"); }
    size_t bad;
    if (songbad_utf8_validate(query, qlen, &bad) != SONGBAD_OK) {
        free(query);
        return cli_fail(EXIT_BADINPUT, "query: invalid UTF-8 at byte %zu", bad);
    }
    if (!topics && songbad_bijoy_detect(query, qlen))
        fprintf(stderr, "songbad: query: warning: %s\n", CLI_BIJOY_MESSAGE);
    char err[SONGBAD_ERR_LEN];
    store *db;
    if (store_open(dbpath, pgurl, SONGBAD_DB_READONLY, &db, err) != SONGBAD_OK) {
        free(query);
        return cli_fail(EXIT_IO, "%s", err);
    }
    int code;
    if (topics) {
        code = run_topics(db, &opts, topics);
    } else {
        opts.query.ptr = query;
        opts.query.len = qlen;
        out_ctx o = {json, !json && isatty(1), NULL};
        size_t total = 0;
        int rc = db->be->search(db, &opts, on_hit, &o, &total);
        if (rc == SONGBAD_E_QUERY) code = cli_fail(EXIT_USAGE, "bad query: %s", db->be->errmsg(db));
        else if (rc) code = cli_fail(EXIT_IO, "%s", db->be->errmsg(db));
        else {
            if (!json) printf("%zu result%s\n", total, total == 1 ? "" : "s");
            code = total ? EXIT_OK : EXIT_NOMATCH;
        }
    }
    db->be->close(db);
    free(query);
    return cli_finish_output(code);
}
