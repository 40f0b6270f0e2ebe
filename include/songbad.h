/*
 * songbad.h - the one public header of libsongbad, a Bengali news search and
 * text-analysis library.
 *
 * Conventions used throughout:
 * - Text is always a (const char *text, size_t len) pair of UTF-8 bytes. It need
 *   not be NUL-terminated and an embedded NUL is data, not an end.
 * - Functions that can fail return an int status: SONGBAD_OK (0) or a negative
 *   SONGBAD_E_* code. songbad_strerror() names a code; handles keep a detailed
 *   message readable with their *_errmsg() function.
 * - Handles are opaque. X_new() sets *out to NULL on failure and leaks nothing;
 *   X_free(NULL) is a no-op.
 * - The library never prints, never exits and keeps no global mutable state.
 * - Memory comes from an optional songbad_allocator (NULL = the C library).
 */
#ifndef SONGBAD_H
#define SONGBAD_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__) && !defined(SONGBAD_STATIC)
#define SONGBAD_API __attribute__((visibility("default")))
#else
#define SONGBAD_API
#endif

#define SONGBAD_VERSION_MAJOR 0
#define SONGBAD_VERSION_MINOR 1
#define SONGBAD_VERSION_PATCH 0

/* ---- Status codes (never renumbered) ---------------------------------- */
#define SONGBAD_OK 0
#define SONGBAD_DONE 1          /* a callback asks to stop early, no error */
#define SONGBAD_E_NOMEM (-1)    /* an allocation failed */
#define SONGBAD_E_INVAL (-2)    /* a bad argument */
#define SONGBAD_E_UTF8 (-3)     /* invalid UTF-8 in the input */
#define SONGBAD_E_IO (-4)       /* reading or writing a file failed */
#define SONGBAD_E_TOOBIG (-5)   /* an input exceeds a size limit */

/* A short English description of a status code; never NULL. */
SONGBAD_API const char *songbad_strerror(int rc);

/* "MAJOR.MINOR.PATCH" of the library, and the Unicode version of its tables. */
SONGBAD_API const char *songbad_version(void);
SONGBAD_API const char *songbad_unicode_version(void);

/* ---- Allocator hook ----------------------------------------------------- */
/* All heap memory of a handle comes from these functions. realloc(ctx, NULL, n)
 * must behave like malloc. Pass NULL wherever an allocator is asked for to use
 * malloc/realloc/free. The struct is copied; it need not outlive the call. */
typedef struct songbad_allocator {
    void *(*realloc)(void *ctx, void *ptr, size_t size);
    void (*free)(void *ctx, void *ptr);
    void *ctx;
} songbad_allocator;

/* ---- UTF-8 ------------------------------------------------------------- */
/* Checks that text is well-formed UTF-8 (no overlongs, surrogates or code
 * points above U+10FFFF). Returns SONGBAD_OK, or SONGBAD_E_UTF8 with
 * *err_offset (if not NULL) set to the byte offset of the first invalid
 * sequence. */
SONGBAD_API int songbad_utf8_validate(const char *text, size_t len,
                                      size_t *err_offset);

/* Decodes one code point at text[0..len). Returns the number of bytes
 * consumed (0 only when len == 0). An invalid sequence yields U+FFFD and
 * consumes its maximal ill-formed subpart (at least one byte, never more than
 * len), following the Unicode "substitution of maximal subparts" practice. */
SONGBAD_API size_t songbad_utf8_decode(const char *text, size_t len,
                                       uint32_t *cp);

/* Encodes cp into out (4 bytes of room). Surrogates and values above
 * U+10FFFF are encoded as U+FFFD. Returns the number of bytes written. */
SONGBAD_API size_t songbad_utf8_encode(uint32_t cp, char out[4]);

/* ---- Normalization ----------------------------------------------------- */
typedef enum songbad_norm_level {
    SONGBAD_NORM_NFC = 0,   /* Unicode canonical composition */
    SONGBAD_NORM_NFD = 1,   /* Unicode canonical decomposition */
    SONGBAD_NORM_SEARCH = 2,/* NFC + meaning-preserving Bengali foldings */
    SONGBAD_NORM_LOOSE = 3  /* SEARCH + spelling-variant foldings */
} songbad_norm_level;

/* Parses "nfc", "nfd", "search" or "loose". Returns SONGBAD_E_INVAL otherwise. */
SONGBAD_API int songbad_norm_level_parse(const char *name,
                                         songbad_norm_level *level);
SONGBAD_API const char *songbad_norm_level_name(songbad_norm_level level);

typedef struct songbad_normalizer songbad_normalizer;

SONGBAD_API int songbad_normalizer_new(songbad_norm_level level,
                                       const songbad_allocator *alloc,
                                       songbad_normalizer **out);
SONGBAD_API void songbad_normalizer_free(songbad_normalizer *n);

/* Normalizes text. Invalid UTF-8 is replaced by U+FFFD (validate first if that
 * is not wanted). On success *out and *out_len hold the result; if offsets is not
 * NULL, (*offsets)[i] is the offset in text of the input byte that output byte
 * i came from, for 0 <= i < *out_len, and (*offsets)[*out_len] == len.
 * The result and offsets are borrowed: valid until the next call on n or
 * songbad_normalizer_free(n). The output is not NUL-terminated.
 * Normalization is idempotent at every level. */
SONGBAD_API int songbad_normalize(songbad_normalizer *n, const char *text,
                                  size_t len, const char **out,
                                  size_t *out_len, const size_t **offsets);

/* ---- Segmentation ------------------------------------------------------ */
typedef enum songbad_seg_unit {
    SONGBAD_SEG_GRAPHEME = 0, /* extended grapheme clusters, UAX #29 + GB9c */
    SONGBAD_SEG_WORD = 1,     /* UAX #29 word boundaries */
    SONGBAD_SEG_SENTENCE = 2  /* UAX #29 sentences, tailored for Bengali news */
} songbad_seg_unit;

/* Parses "grapheme", "word" or "sentence". */
SONGBAD_API int songbad_seg_unit_parse(const char *name, songbad_seg_unit *unit);

/* Returns the end offset of the segment of the given unit that starts at
 * byte offset start (start < len), i.e. the next boundary after start. The
 * whole text is passed so rules may look behind start. Total: invalid UTF-8
 * is treated as U+FFFD; the result is always in (start, len]. Returns len
 * when start >= len. */
SONGBAD_API size_t songbad_segment_next(songbad_seg_unit unit, const char *text,
                                        size_t len, size_t start);

/* Whether the segment text[start..end) of a word segmentation holds a word
 * (a letter, digit or ideograph), as opposed to space or punctuation. */
SONGBAD_API int songbad_segment_is_word(const char *text, size_t start,
                                        size_t end);

/* ---- Digits ------------------------------------------------------------ */
/* The decimal value 0-9 of a Bengali (U+09E6..U+09EF) or ASCII digit, or -1. */
SONGBAD_API int songbad_digit_value(uint32_t cp);

/* ---- Word-level analysis ---------------------------------------------- */
/* The functions below take ONE word already normalized at the search level
 * (songbad_normalize with SONGBAD_NORM_SEARCH). They write their result to a
 * caller-owned buffer: at most cap bytes go to out, and the return value is
 * the full length of the result; if it is greater than cap the caller retries
 * with a buffer that large (out may be NULL when cap is 0). Results are never
 * longer than 4 * len + 16 bytes. Words that are not Bengali are handled as
 * documented per function. None of them fails or allocates. */

/* The stem of an inflected Bengali noun, pronoun, adjective or verb form
 * (কোরিয়ার, কোরিয়ায়, কোরিয়াকে -> কোরিয়া). Other words come back unchanged. */
SONGBAD_API size_t songbad_stem(const char *word, size_t len, char *out,
                                size_t cap);

/* Whether the word is a Bengali function word (এবং, যে, করে ...). Stopwords
 * are skipped for ranking but keep their positions. */
SONGBAD_API int songbad_is_stopword(const char *word, size_t len);

/* A phonetic key that the Bengali and the Latin spellings of one name share
 * (ল্যাভরভ, লাভরভ, লাভরভের and "Lavrov" all give one key): lower-case ASCII
 * letters and digits. */
SONGBAD_API size_t songbad_name_key(const char *word, size_t len, char *out,
                                    size_t cap);

/* A readable Latin transliteration of Bengali text (any length, not only one
 * word); characters that are not Bengali pass through unchanged. */
SONGBAD_API size_t songbad_romanize(const char *text, size_t len, char *out,
                                    size_t cap);

#ifdef __cplusplus
}
#endif
#endif /* SONGBAD_H */
