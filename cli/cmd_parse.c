/* cmd_parse.c - `songbad parse`: the structure of a news article (headline,
 * lead, paragraphs, captions, bylines, agencies, boilerplate, dates), as
 * readable lines or as JSON; with --jsonl, one structured record a line. */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

static int write_stdout(void *ctx, const char *data, size_t len)
{
    (void)ctx;
    return fwrite(data, 1, len, stdout) == len ? SONGBAD_OK : SONGBAD_E_IO;
}

/* Text on one line: line breaks and tabs become spaces. */
static void put_flat(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        putchar(c == '\n' || c == '\r' || c == '\t' ? ' ' : c);
    }
}

static const char *const part_names[] = {"headline", "paragraph", "caption",
                                         "byline", "boilerplate", "blank"};
static const char *const credit_names[] = {"author", "desk", "place",
                                           "agency", "source", "photo"};
static const char *const gran_names[] = {"day", "week", "month", "year"};
static const char *const kind_names[] = {"absolute", "relative", "anaphoric"};

/* One line per part, then its credits, then the dates:
 *   KIND <tab> START-END <tab> TEXT */
static void print_human(const songbad_article *a)
{
    size_t np, nc, nd;
    const songbad_article_part *parts = songbad_article_parts(a, &np);
    const songbad_credit *credits = songbad_article_credits(a, &nc);
    const songbad_date *dates = songbad_article_dates(a, &nd);
    const char *pub = songbad_article_pub_date(a);
    if (pub) printf("published\t%s\n", pub);
    int lead_done = 0;
    size_t ci = 0; /* credits are in text order, as parts are */
    for (size_t i = 0; i < np; i++) {
        const songbad_article_part *p = &parts[i];
        const char *name = part_names[p->kind];
        if (p->kind == SONGBAD_PART_PARAGRAPH && !lead_done) {
            name = "lead";
            lead_done = 1;
        }
        printf("%s\t%zu-%zu\t", name, p->start, p->end);
        if (p->kind == SONGBAD_PART_BLANK)
            printf("(%zu line%s)", p->lines, p->lines == 1 ? "" : "s");
        else put_flat(p->text, p->len);
        putchar('\n');
        if (p->from_title) continue;
        while (ci < nc && credits[ci].start < p->start) ci++;
        for (; ci < nc && credits[ci].part == i; ci++) {
            const songbad_credit *c = &credits[ci];
            printf("  %s\t%zu-%zu\t", credit_names[c->kind], c->start, c->end);
            put_flat(c->name, c->name_len);
            if (c->name != c->text) {
                fputs(" (", stdout);
                put_flat(c->text, c->len);
                putchar(')');
            }
            putchar('\n');
        }
    }
    for (size_t k = 0; k < nd; k++) {
        const songbad_date *d = &dates[k];
        printf("date\t%s\t%s\t%s\t%zu-%zu\t", d->value[0] ? d->value : "?",
               gran_names[d->granularity], kind_names[d->kind], d->start, d->end);
        put_flat(d->text, d->len);
        putchar('\n');
    }
}

static int fail_rc(const char *name, int rc)
{
    return cli_fail(rc == SONGBAD_E_NOMEM ? EXIT_NOMEM : EXIT_BADINPUT, "%s: %s",
                    name, songbad_strerror(rc));
}

static int parse_jsonl(const cli_input *in, const songbad_article_options *opt)
{
    size_t line = 0, pos = 0, skipped = 0;
    char err[SONGBAD_ERR_LEN];
    while (pos < in->len) {
        const char *nl = memchr(in->data + pos, '\n', in->len - pos);
        size_t end = nl ? (size_t)(nl - in->data) : in->len;
        const char *rec = in->data + pos;
        size_t n = end - pos;
        line++;
        pos = end + 1;
        if (n && rec[n - 1] == '\r') n--;
        size_t k = 0;
        while (k < n && (rec[k] == ' ' || rec[k] == '\t')) k++;
        if (k == n) continue; /* an empty line */
        songbad_article *a;
        int rc = songbad_article_parse_json(rec, n, opt, NULL, &a, err);
        if (rc == SONGBAD_E_NOMEM)
            return cli_fail(EXIT_NOMEM, "%s:%zu: out of memory", in->name, line);
        if (rc) {
            fprintf(stderr, "songbad: %s:%zu: %s\n", in->name, line, err);
            skipped++;
            continue;
        }
        rc = songbad_article_write_json(a, write_stdout, NULL);
        songbad_article_free(a);
        if (rc || putchar('\n') == EOF) return cli_finish_output(EXIT_IO);
    }
    return skipped ? EXIT_BADINPUT : EXIT_OK;
}

int cmd_parse(int argc, char **argv)
{
    int json = 0, jsonl = 0, lenient = 0;
    const char *path = NULL, *date = NULL;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        int r = cli_option_value(argc, argv, &i, "--date", &date);
        if (r < 0) return cli_usage_error("--date needs a value");
        if (r > 0) continue;
        if (strcmp(a, "--json") == 0) json = 1;
        else if (strcmp(a, "--jsonl") == 0) jsonl = 1;
        else if (strcmp(a, "--lenient") == 0) lenient = 1;
        else if (a[0] == '-' && a[1] != '\0')
            return cli_usage_error("parse: unknown option '%s'", a);
        else if (path) return cli_usage_error("parse: one input file at a time");
        else path = a;
    }
    songbad_article_options opt = {date, lenient ? SONGBAD_ARTICLE_LENIENT : 0u};
    if (date) {
        songbad_article *probe;
        int rc = songbad_article_parse_text("", 0, &opt, NULL, &probe);
        if (rc == SONGBAD_E_INVAL)
            return cli_usage_error("--date: '%s' is not a date (YYYY-MM-DD)", date);
        if (rc) return cli_fail(EXIT_NOMEM, "out of memory");
        songbad_article_free(probe);
    }
    cli_input in;
    /* JSON Lines are checked record by record, not as a whole */
    int code = cli_read_input(path, lenient || jsonl, &in);
    if (code) return code;
    if (jsonl) {
        code = parse_jsonl(&in, &opt);
    } else {
        songbad_article *a;
        int rc = songbad_article_parse_text(in.data, in.len, &opt, NULL, &a);
        if (rc) {
            code = fail_rc(in.name, rc);
        } else {
            if (json) {
                if (songbad_article_write_json(a, write_stdout, NULL) == SONGBAD_OK)
                    putchar('\n');
            } else {
                print_human(a);
            }
            songbad_article_free(a);
        }
    }
    cli_input_free(&in);
    return cli_finish_output(code);
}
