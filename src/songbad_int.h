/*
 * songbad_int.h - declarations shared between the library's source files.
 * Nothing here is public. One section per module.
 */
#ifndef SONGBAD_INT_H
#define SONGBAD_INT_H

#include "songbad.h"
#include <stdint.h>
#include <string.h>

#define SONGBAD_UNUSED(x) ((void)(x))

/* ==== alloc.c: the allocator hook ======================================== */
/* Copies *a (or the default allocator when a is NULL) into *dst. */
void songbad_alloc_init(songbad_allocator *dst, const songbad_allocator *a);
void *songbad_alloc_realloc(const songbad_allocator *a, void *p, size_t n);
void songbad_alloc_free(const songbad_allocator *a, void *p);

/* Grows a buffer of elem-sized items so it holds at least need items. Returns
 * SONGBAD_OK or SONGBAD_E_NOMEM (the old buffer is then kept). */
int songbad_grow(const songbad_allocator *a, void **buf, size_t *cap,
                 size_t need, size_t elem);

/* ==== utf8.c ============================================================= */
/* Length of the maximal ill-formed subpart or of the valid sequence at s. */
size_t songbad_utf8_decode_fast(const unsigned char *s, size_t len,
                                uint32_t *cp);

/* Decodes the code point that ends just before offset end (end > 0), and
 * stores its start offset in *start. */
uint32_t songbad_utf8_decode_before(const char *text, size_t end,
                                    size_t *start);

/* ==== ucd.c: Unicode character data for normalization ==================== */
uint8_t songbad_ucd_ccc(uint32_t cp);
/* Canonical full decomposition of cp; returns its length (0 = none) and sets
 * *seq to a static array of that many code points. */
size_t songbad_ucd_decomp(uint32_t cp, const uint32_t **seq);
/* NFKC_Casefold mapping of cp: returns 1 and sets *seq and *n when cp maps to
 * something else (possibly nothing, *n == 0), 0 when cp maps to itself. */
int songbad_ucd_nfkc_cf(uint32_t cp, const uint32_t **seq, size_t *n);
/* The primary composite of the pair, or 0 when they do not compose. */
uint32_t songbad_ucd_compose(uint32_t a, uint32_t b);
/* Whether cp is the second of some canonical composition pair. */
int songbad_ucd_is_comp_second(uint32_t cp);
/* Algorithmic decomposition of a Hangul syllable into out; 0 if not one. */
size_t songbad_ucd_hangul_decomp(uint32_t cp, uint32_t out[3]);

/* ==== norm.c ============================================================= */
/* Canonical reordering of code points (and their input offsets) in place. */
void songbad_norm_reorder(uint32_t *cps, size_t *srcs, size_t count);

/* ==== norm_bengali.c: the Bengali rules of the search and loose levels ==== */
/* What the rules remember from earlier chunks of the same text. */
typedef struct songbad_norm_context {
    uint32_t last;          /* the last code point so far */
    uint32_t last_nonspace; /* the last one that is not a space or tab */
} songbad_norm_context;

void songbad_norm_context_reset(songbad_norm_context *ctx);

/* If text[i..] (whose first code point, of k bytes, is cp) spells khanda ta
 * as TA + VIRAMA + ZWJ, returns the number of bytes it spans, else 0. */
size_t songbad_norm_khanda_ta(const char *text, size_t len, size_t i, size_t k,
                              uint32_t cp);

/* Applies the rules to a decomposed, canonically ordered chunk in place and
 * returns its new length (rules may delete code points, never add). */
size_t songbad_norm_bengali(songbad_norm_level level, songbad_norm_context *ctx,
                            uint32_t *cps, size_t *srcs, size_t n);

/* ==== seg_*.c: segmentation properties =================================== */
/* (declared by the segmentation module) */

#endif /* SONGBAD_INT_H */
