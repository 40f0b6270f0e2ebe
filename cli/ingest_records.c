/* ingest_records.c - turns input files into structured articles for the
 * index: JSON Lines (one record a line: id, title, body, date, source, url,
 * category, lang; other fields kept) and plain-text articles (one a file,
 * named by its path). Both go through the news parser. */
#include "ingest.h"

#include <stdio.h>
#include <string.h>

static int add_article(ingest_run *r, songbad_article *a, const char *file, size_t line)
{
    songbad_add_status st;
    int rc = r->db->be->add_article(r->db, a, r->update ? SONGBAD_ADD_UPDATE : 0, &st);
    songbad_article_free(a);
    return ingest_added(r, rc, st, file, line);
}

int ingest_jsonl(ingest_run *r, const cli_input *in)
{
    size_t pos = 0, line = 0;
    while (pos < in->len) {
        const char *nl = memchr(in->data + pos, '\n', in->len - pos);
        size_t end = nl ? (size_t)(nl - in->data) : in->len;
        const char *rec = in->data + pos;
        size_t len = end - pos;
        line++;
        pos = end + 1;
        while (len && (rec[len - 1] == '\r' || rec[len - 1] == ' ')) len--;
        if (len == 0) continue;
        songbad_article *a;
        char err[SONGBAD_ERR_LEN];
        int rc = songbad_article_parse_json(rec, len, NULL, NULL, &a, err);
        if (rc == SONGBAD_E_NOMEM) return cli_fail(EXIT_NOMEM, "out of memory");
        if (rc) {
            ingest_bad_record(r, in->name, line, err);
            continue;
        }
        int code = add_article(r, a, in->name, line);
        if (code) return code;
    }
    return EXIT_OK;
}

int ingest_text(ingest_run *r, const cli_input *in)
{
    size_t bad;
    if (songbad_utf8_validate(in->data, in->len, &bad) != SONGBAD_OK) {
        char reason[64];
        snprintf(reason, sizeof reason, "invalid UTF-8 at byte %zu", bad);
        ingest_bad_record(r, in->name, 0, reason);
        return EXIT_OK;
    }
    songbad_article *a;
    int rc = songbad_article_parse_text(in->data, in->len, NULL, NULL, &a);
    if (rc == SONGBAD_E_NOMEM) return cli_fail(EXIT_NOMEM, "out of memory");
    if (rc) {
        ingest_bad_record(r, in->name, 0, songbad_strerror(rc));
        return EXIT_OK;
    }
    /* a text article is named by its path (stdin: by its text) */
    if (strcmp(in->name, "-") != 0 &&
        songbad_article_set_field(a, "id", in->name, strlen(in->name)) != SONGBAD_OK) {
        songbad_article_free(a);
        return cli_fail(EXIT_NOMEM, "out of memory");
    }
    return add_article(r, a, in->name, 0);
}
