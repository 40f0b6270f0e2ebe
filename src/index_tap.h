/* index_tap.h - the words of an article's body hashed for near-duplicate
 * detection (simhash.c) while FTS5 indexes them, so the store analyzes the
 * body once, not twice: a tap on the songbad tokenizer of a connection
 * (index_tokenizer.c) and a MinHash fed one word at a time. */
#ifndef SONGBAD_INDEX_TAP_H
#define SONGBAD_INDEX_TAP_H

#include "songbad_int.h"

struct sqlite3;

/* While text is set, the first document text FTS5 gives the tokenizer that
 * equals it has its terms passed to fn too; done tells that it happened
 * (and the analysis did not fail).
 * While replay is set, a document text equal to one of the prepared
 * article's texts (add_int.h) gets that text's terms, analyzed ahead,
 * instead of an analysis (each prepared text once: replayed has a bit for
 * each used). */
typedef struct songbad_fts5_tap {
    const char *text;
    size_t len;
    songbad_term_fn fn;
    void *ctx;
    int done;
    const struct songbad_prepared *replay;
    unsigned replayed;
} songbad_fts5_tap;

/* The tap of the songbad tokenizer registered on db, or NULL. */
songbad_fts5_tap *songbad_fts5_tap_of(struct sqlite3 *db);

/* A MinHash signature built from terms (songbad_minhash_term is a
 * songbad_term_fn; words other than SONGBAD_TERM_WORD are left out), the
 * same as songbad_minhash gives for the same text. */
typedef struct songbad_shingles {
    uint64_t last[3]; /* hashes of the last three words */
    size_t nwords, nshingles;
    uint32_t *sig;
} songbad_shingles;
void songbad_minhash_begin(songbad_shingles *s, uint32_t sig[SONGBAD_MINHASH_SIZE]);
int songbad_minhash_term(void *shingles, const songbad_term *t);

#endif
