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

/* A record larger than this is reported and skipped unread: no field of
 * an article may be larger (the store would refuse it after parsing). */
#define MAX_RECORD SONGBAD_MAX_ARTICLE_BYTES

int ingest_jsonl(ingest_run *r, line_reader *lr)
{
    int got;
    for (;;) {
        size_t before = lr->bytes_read;
        int code = reader_line(lr, MAX_RECORD, &got);
        r->bytes_done += lr->bytes_read - before;
        if (code || !got) return code;
        if (lr->line_total > MAX_RECORD) {
            char reason[96];
            snprintf(reason, sizeof reason, "record of %zu bytes: more than the %d MB a record may have",
                     lr->line_total, MAX_RECORD >> 20);
            ingest_bad_record(r, lr->name, lr->line_no, reason);
            continue;
        }
        const char *rec = lr->line;
        size_t len = lr->line_len;
        while (len && (rec[len - 1] == '\r' || rec[len - 1] == ' ')) len--;
        if (len == 0) continue;
        songbad_article *a;
        char err[SONGBAD_ERR_LEN];
        int rc = songbad_article_parse_json(rec, len, NULL, NULL, &a, err);
        if (rc == SONGBAD_E_NOMEM) return cli_fail(EXIT_NOMEM, "out of memory");
        if (rc) {
            ingest_bad_record(r, lr->name, lr->line_no, err);
            continue;
        }
        code = add_article(r, a, lr->name, lr->line_no);
        if (code) return code;
    }
}

int ingest_text(ingest_run *r, line_reader *lr)
{
    size_t before = lr->bytes_read;
    int code = reader_all(lr, MAX_RECORD);
    r->bytes_done += lr->bytes_read - before;
    if (code) return code;
    if (lr->line_total > MAX_RECORD) {
        char reason[96];
        snprintf(reason, sizeof reason, "article of %zu bytes: more than the %d MB an article may have",
                 lr->line_total, MAX_RECORD >> 20);
        ingest_bad_record(r, lr->name, 0, reason);
        return EXIT_OK;
    }
    if (lr->line_len == 0) {
        ingest_bad_record(r, lr->name, 0, "empty file");
        return EXIT_OK;
    }
    cli_input in = {lr->name, lr->line, lr->line_len};
    size_t bad;
    if (songbad_utf8_validate(in.data, in.len, &bad) != SONGBAD_OK) {
        char reason[64];
        snprintf(reason, sizeof reason, "invalid UTF-8 at byte %zu", bad);
        ingest_bad_record(r, in.name, 0, reason);
        return EXIT_OK;
    }
    songbad_article *a;
    int rc = songbad_article_parse_text(in.data, in.len, NULL, NULL, &a);
    if (rc == SONGBAD_E_NOMEM) return cli_fail(EXIT_NOMEM, "out of memory");
    if (rc) {
        ingest_bad_record(r, in.name, 0, songbad_strerror(rc));
        return EXIT_OK;
    }
    /* a text article is named by its path (stdin: by its text) */
    if (strcmp(in.name, "-") != 0 &&
        songbad_article_set_field(a, "id", in.name, strlen(in.name)) != SONGBAD_OK) {
        songbad_article_free(a);
        return cli_fail(EXIT_NOMEM, "out of memory");
    }
    return add_article(r, a, in.name, 0);
}
