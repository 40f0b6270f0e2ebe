/* ingest_records.c - turns input files into structured articles for the
 * index: JSON Lines (one record a line: id, title, body, date, source, url,
 * category, lang; other fields kept) and plain-text articles (one a file,
 * named by its path). Both go through the news parser. A JSON Lines file is
 * read and parsed one record at a time (ingest_read_record), on the
 * store's thread or ahead of it on another (ingest_ahead.c). */
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

void ingest_read_record(line_reader *lr, ingest_item *it)
{
    memset(it, 0, sizeof *it);
    for (;;) {
        size_t before = lr->bytes_read;
        int got, code = reader_line(lr, MAX_RECORD, &got);
        it->bytes += lr->bytes_read - before;
        if (code || !got) {
            it->kind = ITEM_END;
            it->code = code;
            return;
        }
        it->line = lr->line_no;
        if (lr->line_total > MAX_RECORD) {
            it->kind = ITEM_BAD;
            snprintf(it->reason, sizeof it->reason,
                     "record of %zu bytes: more than the %d MB a record may have",
                     lr->line_total, MAX_RECORD >> 20);
            return;
        }
        const char *rec = lr->line;
        size_t len = lr->line_len;
        while (len && (rec[len - 1] == '\r' || rec[len - 1] == ' ')) len--;
        if (len == 0) continue;
        int rc = songbad_article_parse_json(rec, len, NULL, NULL, &it->article, it->reason);
        if (rc == SONGBAD_E_NOMEM) {
            it->kind = ITEM_END;
            it->code = cli_fail(EXIT_NOMEM, "out of memory");
        } else {
            it->kind = rc ? ITEM_BAD : ITEM_ARTICLE;
        }
        return;
    }
}

int ingest_take_item(ingest_run *r, const char *file, ingest_item *it)
{
    r->bytes_done += it->bytes;
    if (it->kind == ITEM_BAD) {
        ingest_bad_record(r, file, it->line, it->reason);
        return EXIT_OK;
    }
    songbad_article *a = it->article;
    it->article = NULL;
    return add_article(r, a, file, it->line);
}

int ingest_jsonl(ingest_run *r, line_reader *lr)
{
    if (r->threads > 1) return ingest_jsonl_ahead(r, lr);
    for (;;) {
        ingest_item it;
        ingest_read_record(lr, &it);
        if (it.kind == ITEM_END) return it.code;
        int code = ingest_take_item(r, lr->name, &it);
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
