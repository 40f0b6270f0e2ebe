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
    size_t records, in_batch, bad;
    size_t count[4]; /* by songbad_add_status */
    size_t bytes_total, bytes_done;
    double t0, last_progress;
} ingest_run;

/* Accounts for the result rc of adding one article: a bad one is reported
 * and skipped (EXIT_OK), a database failure stops the run. */
int ingest_added(ingest_run *r, int rc, songbad_add_status st, const char *file, size_t line);
void ingest_bad_record(ingest_run *r, const char *file, size_t line, const char *reason);

/* Readers: every record of the input goes to ingest_add. */
int ingest_jsonl(ingest_run *r, const cli_input *in);
int ingest_text(ingest_run *r, const cli_input *in);

#endif
