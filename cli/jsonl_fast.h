/* jsonl_fast.h - a fast, strict reader for the "title" and "body" of a JSON
 * Lines record (cli/jsonl_fast.c). */
#ifndef SONGBAD_JSONL_FAST_H
#define SONGBAD_JSONL_FAST_H

#include <stddef.h>

/* Holds decoded strings between calls; zero-initialize, free with
 * jsonl_fast_free(). */
typedef struct jsonl_fast {
    char *buf;
    size_t cap;
} jsonl_fast;

/* The string values of "title" and "body" (NULL when absent or not a
 * string). They point into the record, or into the jsonl_fast buffer when
 * they hold escapes, and stay valid until the next call. */
typedef struct jsonl_fields {
    const char *title, *body;
    size_t title_len, body_len;
} jsonl_fields;

/* Reads one record rec[0..len) (without its newline). Returns 1 and fills
 * *f when the record is a JSON object that jansson's json_loadb with
 * JSON_REJECT_DUPLICATES accepts, giving the same values. Returns 0 when
 * the record must go to jansson: it is invalid (jansson then names the
 * error), or it uses something this reader leaves out (nested values, real
 * numbers, escapes in keys, more than JSONL_FAST_MAX_KEYS keys), or memory
 * ran out. */
int jsonl_fast_fields(jsonl_fast *j, const char *rec, size_t len,
                      jsonl_fields *f);
void jsonl_fast_free(jsonl_fast *j);

#define JSONL_FAST_MAX_KEYS 32

#endif
