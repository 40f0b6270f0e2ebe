/* add_int.h - what the parts of adding an article share beyond the public
 * API: add.c (the store), add_article.c (an article's document) and
 * add_prepare.c (the work done ahead, without the database). */
#ifndef SONGBAD_ADD_INT_H
#define SONGBAD_ADD_INT_H

#include "songbad_int.h"

/* songbad_db_add with two more inputs. utf8_known: the texts are known to
 * be well-formed UTF-8 (they come from an article whose every text was
 * checked when it was parsed) and are not checked again. prep: NULL, or the
 * work done ahead for this document (its content hash, MinHash and index
 * terms). */
int songbad_db_add_doc(songbad_db *db, const songbad_doc *d, unsigned flags,
                       const songbad_prepared *prep, int utf8_known, songbad_add_status *status);

/* A growable byte buffer with a sticky error. */
typedef struct joined {
    const songbad_allocator *a;
    char *p;
    size_t n, cap;
    int rc;
} joined;

/* The document an article is stored as, and the buffers it points into
 * (the document points into the article too: it lives no longer). */
typedef struct article_doc {
    songbad_doc d;
    joined body, captions, byline, agencies;
    char hashid[24];
} article_doc;

/* Builds the document of article a into *ad (in place: d may point into
 * it). SONGBAD_OK or SONGBAD_E_NOMEM; free with songbad_article_doc_free
 * either way. */
int songbad_article_doc(const songbad_allocator *alloc, const songbad_article *a,
                        article_doc *ad);
void songbad_article_doc_free(article_doc *ad);

/* Hex FNV-1a 64 of the search-normalized headline and body: two articles
 * with the same are the same text. */
int songbad_content_hash(const songbad_allocator *alloc, const songbad_doc *d, char hex[17]);

/* One term as the songbad tokenizer gives it to FTS5. */
typedef struct prepared_term {
    uint32_t off, len;   /* its text in the bytes of the prepared article */
    uint32_t start, end; /* byte offsets in its column's text */
    unsigned char colocated;
} prepared_term;

/* The terms of one text FTS5 indexes: terms [first, first + n). */
typedef struct prepared_text {
    const char *text;
    size_t len;
    size_t first, n;
} prepared_text;

enum { PREPARED_TEXTS = 5 }; /* headline, lead, body, captions, source */

struct songbad_prepared {
    songbad_allocator alloc;
    article_doc doc;
    unsigned analyze_flags; /* of the analysis that made the terms */
    prepared_text text[PREPARED_TEXTS];
    prepared_term *term;
    size_t nterm, cap_term;
    char *bytes;
    size_t nbytes, cap_bytes;
    char content_hash[17];
    uint32_t sig[SONGBAD_MINHASH_SIZE];
    size_t nshingles;
};

/* The work done ahead for article a, or NULL. */
const songbad_prepared *songbad_article_prepared(const songbad_article *a);

#endif
