/* ingest.h - the state of one `songbad ingest` run, shared by the command
 * (cmd_ingest.c) and the record readers (ingest_records.c). */
#ifndef SONGBAD_CLI_INGEST_H
#define SONGBAD_CLI_INGEST_H

#include "cli.h"
#include "store_backend.h"

enum { FORMAT_AUTO, FORMAT_JSONL, FORMAT_TEXT };

typedef struct ingest_run {
    store *db; /* SQLite or PostgreSQL */
    int format, update, quiet, tty;
    int threads; /* 1: all on this thread; 2: JSON Lines parsed ahead on another */
    size_t batch; /* articles per transaction */
    size_t records, in_batch, bad;
    size_t count[4]; /* by songbad_add_status */
    size_t committed[4]; /* the same, as of the last commit */
    size_t bytes_total, bytes_done;
    double t0, last_progress;
} ingest_run;

/* Accounts for the result rc of adding one article: a bad one is reported
 * and skipped (EXIT_OK), a database failure stops the run. */
int ingest_added(ingest_run *r, int rc, songbad_add_status st, const char *file, size_t line);
void ingest_bad_record(ingest_run *r, const char *file, size_t line, const char *reason);

/* An input read block by block (ingest_read.c). */
typedef struct line_reader {
    FILE *f;
    const char *name; /* as given, "-" for stdin */
    int is_stdin, eof;
    char *blk;
    size_t blk_len, blk_pos;
    char *line;       /* the current line (or whole file), NUL-terminated */
    size_t line_len, line_cap;
    size_t line_total; /* its length, also the part not kept */
    size_t line_no;
    size_t bytes_read;
} line_reader;

/* Opens path ("-": stdin); an error is reported. */
int reader_open(line_reader *lr, const char *path);
void reader_close(line_reader *lr);
/* The bytes read ahead and not consumed yet (empty at the end). */
int reader_peek(line_reader *lr, const unsigned char **p, size_t *n);
/* The next line into lr->line (without its newline); *got is 0 at the end.
 * Of a line longer than limit only the length (line_total) is known. */
int reader_line(line_reader *lr, size_t limit, int *got);
/* The rest of the input into lr->line, as reader_line. */
int reader_all(line_reader *lr, size_t limit);

/* Readers: every record of the input goes to the store. */
int ingest_jsonl(ingest_run *r, line_reader *lr);
int ingest_text(ingest_run *r, line_reader *lr);

/* One JSON Lines record read and parsed: an article, a bad record (with
 * its reason), or the end of the input. */
typedef enum { ITEM_ARTICLE, ITEM_BAD, ITEM_END } ingest_item_kind;
typedef struct ingest_item {
    ingest_item_kind kind;
    songbad_article *article; /* ITEM_ARTICLE; owned by the item */
    size_t line;              /* its line number */
    size_t bytes;             /* input bytes it took, blank lines before it too */
    int code;                 /* ITEM_END: EXIT_OK, or why reading stopped */
    char reason[SONGBAD_ERR_LEN];
} ingest_item;

/* Reads and parses the next record; touches no state of the run, so it
 * may run on another thread. A failure to read is reported (printed) here. */
void ingest_read_record(line_reader *lr, ingest_item *it);
/* Accounts for a record (not ITEM_END): a bad one is reported, an article
 * goes to the store (and is freed). */
int ingest_take_item(ingest_run *r, const char *file, ingest_item *it);
/* ingest_jsonl with the reading and parsing on a second thread (ingest_ahead.c). */
int ingest_jsonl_ahead(ingest_run *r, line_reader *lr);

#endif
