/* ingest_read.c - reading an input file for ingest without holding it all:
 * blocks of READ_BLOCK bytes, cut into lines, so that a JSON Lines file of
 * any size is ingested in constant memory. A line longer than the record
 * limit is read through but not kept (the caller reports it). */
#include "ingest.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define READ_BLOCK (1u << 20)

int reader_open(line_reader *lr, const char *path)
{
    memset(lr, 0, sizeof *lr);
    lr->is_stdin = strcmp(path, "-") == 0;
    lr->name = lr->is_stdin ? "-" : path;
    lr->f = lr->is_stdin ? stdin : fopen(path, "rb");
    if (!lr->f) return cli_fail(EXIT_IO, "%s: %s", lr->name, strerror(errno));
    lr->blk = malloc(READ_BLOCK);
    if (!lr->blk) {
        reader_close(lr);
        return cli_fail(EXIT_NOMEM, "%s: out of memory", lr->name);
    }
    return EXIT_OK;
}

void reader_close(line_reader *lr)
{
    if (lr->f && !lr->is_stdin) fclose(lr->f);
    lr->f = NULL;
    free(lr->blk);
    free(lr->line);
    lr->blk = lr->line = NULL;
}

/* Refills the block; 0 at the end of the input, -1 on a read error. */
static int refill(line_reader *lr)
{
    if (lr->eof) return 0;
    lr->blk_len = fread(lr->blk, 1, READ_BLOCK, lr->f);
    lr->blk_pos = 0;
    if (lr->blk_len == 0) {
        lr->eof = 1;
        return ferror(lr->f) ? -1 : 0;
    }
    return 1;
}

int reader_peek(line_reader *lr, const unsigned char **p, size_t *n)
{
    if (lr->blk_pos == lr->blk_len && !lr->eof && refill(lr) < 0)
        return cli_fail(EXIT_IO, "%s: read error: %s", lr->name, strerror(errno));
    *p = (const unsigned char *)lr->blk + lr->blk_pos;
    *n = lr->blk_len - lr->blk_pos;
    return EXIT_OK;
}

/* Appends n bytes to the line, unless it is over the limit already. */
static int keep(line_reader *lr, const char *s, size_t n, size_t limit)
{
    lr->line_total += n;
    if (lr->line_total > limit) return EXIT_OK; /* counted, not kept */
    if (lr->line_len + n + 1 > lr->line_cap) {
        size_t cap = lr->line_cap ? lr->line_cap : 4096;
        while (cap < lr->line_len + n + 1) cap *= 2;
        char *p = realloc(lr->line, cap);
        if (!p) return cli_fail(EXIT_NOMEM, "%s: out of memory", lr->name);
        lr->line = p;
        lr->line_cap = cap;
    }
    memcpy(lr->line + lr->line_len, s, n);
    lr->line_len += n;
    lr->line[lr->line_len] = '\0';
    return EXIT_OK;
}

int reader_line(line_reader *lr, size_t limit, int *got)
{
    lr->line_len = lr->line_total = 0;
    *got = 0;
    for (;;) {
        if (lr->blk_pos == lr->blk_len) {
            int r = refill(lr);
            if (r < 0) return cli_fail(EXIT_IO, "%s: read error: %s", lr->name, strerror(errno));
            if (r == 0) {
                *got = lr->line_total > 0;
                if (*got) lr->line_no++;
                return EXIT_OK;
            }
        }
        const char *s = lr->blk + lr->blk_pos;
        size_t avail = lr->blk_len - lr->blk_pos;
        const char *nl = memchr(s, '\n', avail);
        size_t n = nl ? (size_t)(nl - s) : avail;
        int code = keep(lr, s, n, limit);
        if (code) return code;
        lr->blk_pos += n + (nl ? 1 : 0);
        lr->bytes_read += n + (nl ? 1 : 0);
        if (nl) {
            lr->line_no++;
            *got = 1;
            return EXIT_OK;
        }
    }
}

int reader_all(line_reader *lr, size_t limit)
{
    lr->line_len = lr->line_total = 0;
    for (;;) {
        if (lr->blk_pos == lr->blk_len) {
            int r = refill(lr);
            if (r < 0) return cli_fail(EXIT_IO, "%s: read error: %s", lr->name, strerror(errno));
            if (r == 0) return EXIT_OK;
        }
        size_t n = lr->blk_len - lr->blk_pos;
        int code = keep(lr, lr->blk + lr->blk_pos, n, limit);
        if (code) return code;
        lr->blk_pos += n;
        lr->bytes_read += n;
    }
}
