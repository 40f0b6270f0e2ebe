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
#define SONGBAD_E_QUERY (-6)    /* a malformed search query */
#define SONGBAD_E_DB (-7)       /* the database failed (see the errmsg) */
#define SONGBAD_E_SCHEMA (-8)   /* a database of another schema version */
#define SONGBAD_E_NOTFOUND (-9) /* no such article */

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

/* ---- Legacy encodings ------------------------------------------------- */
/* Whether text looks like Bengali typed in the Bijoy layout with a legacy
 * ASCII font (SutonnyMJ ...): Latin letters and Windows-1252 symbols such as
 * "Avwg evsjvq ewj" for আমি বাংলায় বলি. Such text must be converted to
 * Unicode before it can be searched. Bytes that are not UTF-8 are read as
 * Windows-1252. A heuristic over letter statistics (src/legacy.c): pass a
 * few kilobytes of running text; short texts (under a dozen letters or three
 * words) give 0. Returns 1 or 0. */
SONGBAD_API int songbad_bijoy_detect(const char *text, size_t len);

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

/* Strict ISO 15919 transliteration of Bengali text, letter for letter (every
 * inherent vowel written: কলম -> kalama), with diacritics, in UTF-8;
 * characters that are not Bengali pass through unchanged. Returns the
 * length needed, writing at most cap bytes (as songbad_romanize). */
SONGBAD_API size_t songbad_romanize_iso(const char *text, size_t len, char *out,
                                        size_t cap);

/* ---- The analyzer: text -> index terms ---------------------------------- */
typedef enum songbad_token_kind {
    SONGBAD_TOKEN_BENGALI = 0, /* Bengali letters (and marks) */
    SONGBAD_TOKEN_LATIN = 1,   /* Latin letters */
    SONGBAD_TOKEN_NUMBER = 2,  /* digits of either script: 1,25,000 -> 125000 */
    SONGBAD_TOKEN_MIXED = 3,   /* letters and digits, or several scripts */
    SONGBAD_TOKEN_OTHER = 4,   /* letters of another script */
    SONGBAD_TOKEN_SYMBOL = 5   /* the taka sign ৳ */
} songbad_token_kind;

typedef enum songbad_term_type {
    SONGBAD_TERM_WORD = 0,     /* the normalized word (always first) */
    SONGBAD_TERM_STEM = 1,     /* its stem, when it differs */
    SONGBAD_TERM_KEY = 2,      /* its cross-script key, '#' + songbad_name_key */
    SONGBAD_TERM_COMPOUND = 3  /* a hyphenated whole, parts joined: জং-উন -> জংউন */
} songbad_term_type;

/* One index term. A token (a word of the text) gives one WORD term and
 * possibly STEM, KEY and COMPOUND terms at the same position (colocated, in
 * the sense of FTS5_TOKEN_COLOCATED). */
typedef struct songbad_term {
    const char *text;  /* the term's bytes, valid only during the callback */
    size_t len;
    size_t start, end; /* the token's bytes in the ORIGINAL text */
    size_t position;   /* token number, from 0; stopwords keep theirs */
    songbad_token_kind kind;
    songbad_term_type type;
    int colocated;     /* 1 when at the position of the previous term */
    int stopword;      /* the token is a stopword (skip it for ranking) */
} songbad_term;

/* Called for every term in order. A non-zero return stops the analysis and
 * is returned by songbad_analyze (SONGBAD_DONE stops without error). */
typedef int (*songbad_term_fn)(void *ctx, const songbad_term *term);

#define SONGBAD_ANALYZE_STEMS 1u     /* emit STEM terms */
#define SONGBAD_ANALYZE_KEYS 2u      /* emit KEY terms */
#define SONGBAD_ANALYZE_LOOSE 4u     /* normalize at the loose level, not search */
#define SONGBAD_ANALYZE_NO_STOPWORDS 8u /* mark no token a stopword */
#define SONGBAD_ANALYZE_DEFAULT (SONGBAD_ANALYZE_STEMS | SONGBAD_ANALYZE_KEYS)

typedef struct songbad_analyzer songbad_analyzer;

SONGBAD_API int songbad_analyzer_new(unsigned flags,
                                     const songbad_allocator *alloc,
                                     songbad_analyzer **out);
SONGBAD_API void songbad_analyzer_free(songbad_analyzer *a);

/* Analyzes text (invalid UTF-8 is read as U+FFFD) and calls fn for each
 * term. Returns SONGBAD_OK, SONGBAD_E_NOMEM, or the callback's code. */
SONGBAD_API int songbad_analyze(songbad_analyzer *a, const char *text,
                                size_t len, songbad_term_fn fn, void *ctx);

/* ---- The search index (SQLite FTS5) ----------------------------------- */
/* A byte string that need not be NUL-terminated; {NULL, 0} is absent. */
typedef struct songbad_str {
    const char *ptr;
    size_t len;
} songbad_str;

typedef struct songbad_db songbad_db;

#define SONGBAD_DB_READONLY 1u /* open for searching only */
#define SONGBAD_DB_CREATE 2u   /* create the file and schema if missing */
/* Many articles are about to be written: while no other connection has the
 * database open, write through a rollback journal, each page once instead of
 * twice (WAL, then the checkpoint), and put the WAL back at close. Readers
 * that open it meanwhile wait while a batch commits (the busy timeout). */
#define SONGBAD_DB_BULK 4u
#define SONGBAD_ERR_LEN 256

/* Opens (or creates) a songbad database. On failure *out is NULL and err
 * (if not NULL) holds a message naming the file. A database written by a
 * newer songbad (a higher schema version) is refused with SONGBAD_E_SCHEMA. */
SONGBAD_API int songbad_db_open(const char *path, unsigned flags, songbad_db **out,
                                char err[SONGBAD_ERR_LEN]);
SONGBAD_API void songbad_db_close(songbad_db *db);
/* The message of the last failed call on db. */
SONGBAD_API const char *songbad_db_errmsg(const songbad_db *db);

/* One article to store. Every field is optional but id and body; original
 * is the verbatim input (defaults to body); structure and extra are JSON
 * texts (the structured article and the record's other fields); captions
 * are newline-separated; agencies a JSON array of names. */
typedef struct songbad_doc {
    songbad_str id, headline, lead, body, captions, byline, agencies, source,
        date, url, category, lang, structure, extra, original;
} songbad_doc;

#define SONGBAD_ADD_UPDATE 1u /* replace an article with the same id */
/* The most bytes one field of an article (its original text, body ...)
 * may hold; more gives SONGBAD_E_TOOBIG. */
#define SONGBAD_MAX_ARTICLE_BYTES (64 << 20)

typedef enum songbad_add_status {
    SONGBAD_ADDED = 0,
    SONGBAD_REPLACED = 1,
    SONGBAD_SKIPPED_SAME_ID = 2,      /* already stored under this id */
    SONGBAD_SKIPPED_SAME_CONTENT = 3  /* the same text under another id */
} songbad_add_status;

/* Adds one article (inside the current transaction, if any). A bad article
 * gives SONGBAD_E_INVAL (no id or body), SONGBAD_E_UTF8 or SONGBAD_E_TOOBIG,
 * with the reason in songbad_db_errmsg(), before anything is written: the
 * transaction goes on. Any other failure (the disk, memory) inside a
 * transaction rolls the whole transaction back; alone, only that add. */
SONGBAD_API int songbad_db_add(songbad_db *db, const songbad_doc *doc,
                               unsigned flags, songbad_add_status *status);
/* Groups adds into one transaction: much faster, and all or nothing. */
SONGBAD_API int songbad_db_begin(songbad_db *db);
SONGBAD_API int songbad_db_commit(songbad_db *db);
SONGBAD_API int songbad_db_rollback(songbad_db *db);

typedef struct songbad_search_opts {
    songbad_str query;   /* the user's query text */
    songbad_str from, to;/* ISO dates, inclusive; absent = open */
    songbad_str source;  /* only this source */
    size_t limit;        /* 0 = 10 */
    size_t offset;
    int all;             /* do not fold near-duplicates */
    int snippets;        /* compute snippets */
    /* When a query of plain words would match more articles than this
     * (estimated from word frequencies), only those with its rarer words
     * are ranked, which keeps searches on large indexes fast; the count of
     * matches is then that of the articles ranked. 0: the default
     * (SONGBAD_PRUNE_MATCHES); SIZE_MAX: rank every match. */
    size_t prune_matches;
} songbad_search_opts;
#define SONGBAD_PRUNE_MATCHES 20000

typedef struct songbad_hit {
    size_t rank;          /* from 1 */
    double score;
    songbad_str id, headline, date, source, url;
    songbad_str snippet;  /* from the ORIGINAL text, cut at word boundaries */
    const size_t *marks;  /* nmarks (start, end) pairs: matches in snippet */
    size_t nmarks;
    size_t duplicates;    /* near-duplicates folded into this hit */
} songbad_hit;

/* Called for each hit in rank order; the hit is valid during the call. */
typedef int (*songbad_hit_fn)(void *ctx, const songbad_hit *hit);

/* Reads the stored article id into *doc (strings borrowed until the next
 * call on db). SONGBAD_E_NOTFOUND if there is none. */
SONGBAD_API int songbad_db_get(songbad_db *db, songbad_str id, songbad_doc *doc);

typedef struct songbad_db_stats {
    size_t articles, dup_groups, dup_articles, sources;
    size_t file_bytes, index_bytes, text_bytes;
    songbad_str first_date, last_date; /* borrowed, like songbad_db_get */
} songbad_db_stats;

/* Counts; fn (if not NULL) is called for each source with its count, most
 * frequent first. */
SONGBAD_API int songbad_db_stats_get(songbad_db *db, songbad_db_stats *st,
                                     int (*fn)(void *ctx, songbad_str source,
                                               size_t count),
                                     void *ctx);

/* Calls fn for every article that belongs to a group of near-duplicates,
 * group by group (group = rowid of its first article), in insertion order. */
SONGBAD_API int songbad_db_dups(songbad_db *db,
                                int (*fn)(void *ctx, long long group,
                                          songbad_str id, songbad_str headline,
                                          songbad_str source),
                                void *ctx);

/* Runs a search. *total (if not NULL) gets the number of matching articles,
 * near-duplicates folded into a hit included (of those ranked: see
 * prune_matches).
 * A malformed query, or one longer than SONGBAD_MAX_QUERY_BYTES, gives
 * SONGBAD_E_QUERY and a message that says what is wrong (songbad_db_errmsg). */
#define SONGBAD_MAX_QUERY_BYTES (256 << 10)
SONGBAD_API int songbad_search(songbad_db *db, const songbad_search_opts *opts,
                               songbad_hit_fn fn, void *ctx, size_t *total);

/* Makes searches of common words fast on a large index (hundreds of
 * thousands of articles): for every term in more than per_term articles
 * (0: SONGBAD_BEST_PER_TERM), stores its article count and the per_term
 * articles where it weighs most. A search whose words include such terms
 * then ranks exactly only the best candidates those lists and the rarer
 * words give (an approximation of ranking every match: see docs/search.md),
 * plus every article added since. Run it again after adding many articles;
 * it reads every common term's document list (minutes at a million
 * articles). *terms (if not NULL): the number of terms listed. */
#define SONGBAD_BEST_PER_TERM 1000
SONGBAD_API int songbad_db_optimize(songbad_db *db, size_t per_term, size_t *terms);

/* ---- Query plans ---------------------------------------------------------- */
/* A search query (the syntax of docs/search.md: words, "phrases", prefix*,
 * -excluded, field:word) parsed and analyzed into what any store needs to
 * match and rank it, so that every store reads a query alike: the SQLite
 * store writes a plan as an FTS5 expression, the PostgreSQL backend as a
 * tsquery. A plan is a list of clauses: the required ones, then the
 * optional ones, the context phrases and the excluded ones. A word clause
 * is a group of alternatives (the word's normalized form, stem, key ...,
 * each with its weight in the ranking); a phrase clause is words in a row.
 * Query words are numbered in clause order, from 0. */
typedef enum songbad_clause_role {
    SONGBAD_CLAUSE_REQUIRED = 0, /* a "phrase" or field:word: every match has it */
    SONGBAD_CLAUSE_OPTIONAL = 1, /* a plain word: a match has one or more */
    SONGBAD_CLAUSE_CONTEXT = 2,  /* stopwords next to a query word, as written:
                                    for the ranking only (it holds an optional
                                    word, so it adds no match of its own) */
    SONGBAD_CLAUSE_EXCLUDED = 3  /* -word, -"phrase": no match has it */
} songbad_clause_role;

typedef enum songbad_field {
    SONGBAD_FIELD_ANY = 0,
    SONGBAD_FIELD_HEADLINE = 1,  /* title: or headline: */
    SONGBAD_FIELD_LEAD = 2,
    SONGBAD_FIELD_BODY = 3,
    SONGBAD_FIELD_CAPTIONS = 4,  /* caption: or captions: */
    SONGBAD_FIELD_SOURCE = 5     /* the article's source, not its text */
} songbad_field;

/* A term of a clause: an alternative of a word, or a word of a phrase. */
typedef struct songbad_plan_term {
    const char *text;  /* normalized, as the index holds it */
    size_t len;
    int prefix;        /* also matches the terms it begins */
    double weight;     /* of an alternative in the ranking (phrase words: 0) */
    int word;          /* the query word it stands for, -1 for none */
    int highlight;     /* what it matches is shown as a match in snippets */
} songbad_plan_term;

typedef struct songbad_plan_clause {
    songbad_clause_role role;
    songbad_field field;
    int phrase;        /* terms are words in a row, else alternatives */
    double weight;     /* of a phrase (a context phrase too) in the ranking */
    int first_word, nwords; /* the query words it holds */
    const songbad_plan_term *terms;
    size_t nterms;     /* at least 1 */
} songbad_plan_clause;

typedef struct songbad_query_plan songbad_query_plan;

SONGBAD_API int songbad_query_plan_new(const songbad_allocator *alloc,
                                       songbad_query_plan **out);
SONGBAD_API void songbad_query_plan_free(songbad_query_plan *p);
/* A stem of three letters or more is also an alternative as a prefix (সফর
 * finds সফরকালে), unless the terms it begins are in more than
 * SONGBAD_PREFIX_MAX_DF articles: fn, when set, tells how many (up to
 * limit; a count above limit may stop at limit + 1; 0 or an error code,
 * which compiling returns). */
#define SONGBAD_PREFIX_MAX_DF 5000
typedef int (*songbad_prefix_count_fn)(void *ctx, const char *term, size_t n,
                                       size_t limit, size_t *count);
SONGBAD_API void songbad_query_plan_set_prefix_count(songbad_query_plan *p,
                                                     songbad_prefix_count_fn fn,
                                                     void *ctx);
/* Parses and analyzes a query: SONGBAD_OK, SONGBAD_E_QUERY with a message
 * (songbad_query_plan_errmsg) when it is malformed or has no word to search
 * for, SONGBAD_E_NOMEM, or the prefix count's error. After an error the
 * plan has no clauses. */
SONGBAD_API int songbad_query_plan_compile(songbad_query_plan *p,
                                           const char *query, size_t len);
SONGBAD_API const char *songbad_query_plan_errmsg(const songbad_query_plan *p);
/* The clauses of the last compiled query, valid until the next compile. */
SONGBAD_API size_t songbad_query_plan_nclauses(const songbad_query_plan *p);
SONGBAD_API const songbad_plan_clause *
songbad_query_plan_clause(const songbad_query_plan *p, size_t i);
/* How many query words it numbered; whether it reads as a question. */
SONGBAD_API int songbad_query_plan_nwords(const songbad_query_plan *p);
SONGBAD_API int songbad_query_plan_is_question(const songbad_query_plan *p);
/* Whether an index term (normalized) is one that snippets should show as a
 * match: a highlighted term of the plan, or a term such a prefix begins. */
SONGBAD_API int songbad_query_plan_highlights(const songbad_query_plan *p,
                                              const char *term, size_t len);
/* The analyzer the plan reads queries with (SONGBAD_ANALYZE_DEFAULT), lent
 * for the life of p. */
SONGBAD_API songbad_analyzer *songbad_query_plan_analyzer(songbad_query_plan *p);
/* The part of a text (an article's body) a hit shows for the compiled
 * query: the first of the windows of SONGBAD_SNIPPET_TOKENS tokens with the
 * most matches (terms the plan highlights), from the start of its first
 * token to the end of its last; and its matches as (start, end) byte pairs
 * from the snippet's start, in marks (room for 2 * SONGBAD_SNIPPET_TOKENS).
 * A text without tokens is its own snippet when shorter than 300 bytes,
 * else the snippet is empty. SONGBAD_OK or SONGBAD_E_NOMEM. */
#define SONGBAD_SNIPPET_TOKENS 28
SONGBAD_API int songbad_query_plan_snippet(songbad_query_plan *p, const char *text,
                                           size_t len, songbad_str *snippet,
                                           size_t *marks, size_t *nmarks);

/* The plan as the text of a PostgreSQL tsquery over a tsvector of songbad's
 * lexemes (the extension's to_tsvector('bengali', ...), the `--pg`
 * articles table): a word's alternatives ORed ('সফর' | '#sfr' | 'সফর':*),
 * a phrase's words joined by <->, a field as a weight (headline :A, lead :B,
 * captions :C, body :D, as the articles table weighs them), the required
 * clauses ANDed with the optional ones ORed, the excluded ones after & !.
 * Context phrases are left out (they only rank), and so are source:
 * clauses, which are not in the text; source = 1 writes those alone.
 * Writes at most cap - 1 bytes and a NUL (when cap > 0); returns the length
 * the whole needs (call again with more room when it is >= cap), 0 when
 * there is nothing to write. */
SONGBAD_API size_t songbad_query_plan_tsquery(const songbad_query_plan *p, int source,
                                              char *out, size_t cap);
/* One clause the same way, without parentheses. */
SONGBAD_API size_t songbad_plan_clause_tsquery(const songbad_plan_clause *c, char *out,
                                               size_t cap);

/* The optional clauses a search ranks when its query of plain words would
 * match more than limit articles (songbad_search_opts.prune_matches), from
 * how many articles each one matches (c[i].df of clause c[i].clause, n of
 * them): the rarest while their counts add up to at most limit; when every
 * count is over it and there are more than two clauses, the two rarest,
 * which a ranked article must then both have (*both = 1: an article with
 * one common word outranks none of them). Reorders c so that the kept ones
 * come first, in clause order, and returns how many; 0 when nothing is left
 * out (the counts add up to at most limit, or every clause is kept). */
typedef struct songbad_clause_count {
    size_t clause;
    double df;
} songbad_clause_count;
SONGBAD_API size_t songbad_prune_clauses(songbad_clause_count *c, size_t n, double limit,
                                         int *both);

/* A candidate of a search from term lists (songbad_db_optimize, and the
 * PostgreSQL backend's own lists): an article, the query word it was found
 * through and that word's credit (the weight x idf of the alternative). */
typedef struct songbad_candidate {
    long long doc;
    int word;      /* -1 for none: an article added since the lists */
    double credit;
} songbad_candidate;
/* Merges the candidates into one per article, whose credit, its estimate,
 * is the sum over the query words of the best credit of each; sorts them
 * best first (ties: the lower doc first). Returns how many are left. */
SONGBAD_API size_t songbad_candidates_merge(songbad_candidate *c, size_t n);

/* ---- Ranking ------------------------------------------------------------ */
/* The score songbad_search gives an article, for stores that find matches
 * their own way (the PostgreSQL backend): BM25F in which every phrase of the
 * query has a weight and belongs to a query word (its group), times the share
 * of query words matched, with bonuses for query words that stand close
 * together, in query order, and for the densest window of query words.
 * Columns are the store's fields (headline, lead, body, captions). */
typedef struct songbad_rank_params {
    size_t nphrase;
    const double *weight;        /* per phrase: exact form 1, key 0.35 ... */
    const int *group;            /* per phrase: its query word, -1 for none */
    const double *idf;           /* per phrase */
    int ncolumn;                 /* at most SONGBAD_RANK_MAX_COLUMNS */
    const double *column_weight; /* per column */
    const double *avgdl;         /* per column: mean length in tokens */
    const int *column_limit;     /* per column: count only its first N
                                    tokens (0 = all); NULL = all */
} songbad_rank_params;
#define SONGBAD_RANK_MAX_COLUMNS 16
/* The lead column holds the first paragraph, which the body column holds
 * too; an article of one long paragraph would have all of it counted twice,
 * so stores count only the lead's first SONGBAD_RANK_LEAD_TOKENS tokens as
 * lead (column_limit). */
#define SONGBAD_RANK_LEAD_TOKENS 40

/* One occurrence of a phrase: its column and its token number there. */
typedef struct songbad_rank_match {
    int phrase, column, offset;
} songbad_rank_match;

typedef struct songbad_scorer songbad_scorer;

/* Copies the parameters. SONGBAD_E_INVAL if a count is out of range. */
SONGBAD_API int songbad_scorer_new(const songbad_rank_params *params,
                                   const songbad_allocator *alloc,
                                   songbad_scorer **out);
/* The score of one article from its matches, given in (column, offset)
 * order, and the length of each of its columns in tokens. Higher is better;
 * allocation-free. */
SONGBAD_API double songbad_scorer_score(songbad_scorer *s,
                                        const songbad_rank_match *m, size_t n,
                                        const double *column_len);
SONGBAD_API void songbad_scorer_free(songbad_scorer *s);
/* Turns on the early-words factor: scores are multiplied by 1 + weight x
 * the idf share of the query words, each counting 10 / (10 + t) for its
 * first match at token t of column (the stores use the body and
 * SONGBAD_RANK_EARLY, except for questions: see songbad_is_question).
 * A column out of range or a weight <= 0 turns it off (the default). */
SONGBAD_API void songbad_scorer_set_early(songbad_scorer *s, int column, double weight);
#define SONGBAD_RANK_EARLY 1.0
/* Whether a query reads as a question: its last character other than
 * spaces, quotes and closing brackets is '?' or the full-width U+FF1F. */
SONGBAD_API int songbad_is_question(const char *text, size_t len);

/* ---- News articles ------------------------------------------------------ */
/* A news article structured into parts (docs/news.md lists every rule). Each
 * line of the input belongs to exactly one part, in text order: the headline,
 * body paragraphs (the first is the lead), photo captions, bylines,
 * boilerplate (ad placeholders, "উৎস লিঙ্ক", "মন্তব্য (0)", share lines ...:
 * kept and listed, never indexed) and runs of blank lines. Credits (authors,
 * desks, agencies) and dates are found in them. Rules match search-normalized
 * text, so spellings that normalize alike match alike; everything returned
 * is the ORIGINAL text, with byte offsets into it. Invalid UTF-8 is read as
 * U+FFFD and kept as it is in the returned text. */
typedef struct songbad_article songbad_article;

typedef enum songbad_part_kind {
    SONGBAD_PART_HEADLINE = 0,
    SONGBAD_PART_PARAGRAPH = 1,   /* body text; the first one is the lead */
    SONGBAD_PART_CAPTION = 2,     /* "... ছবি: এএফপি", "ফাইল ছবি" */
    SONGBAD_PART_BYLINE = 3,      /* authors, desks, "(রয়টার্স অবলম্বনে)" */
    SONGBAD_PART_BOILERPLATE = 4, /* page leftovers, removed from the body */
    SONGBAD_PART_BLANK = 5        /* a run of empty lines */
} songbad_part_kind;

typedef struct songbad_article_part {
    songbad_part_kind kind;
    const char *text;   /* the part verbatim, text[0..len); borrowed */
    size_t len;
    size_t start, end;  /* its bytes in songbad_article_text(), white space
                           at both ends left out (a blank part: the lines) */
    size_t line, lines; /* its first line (from 0) and number of lines */
    int from_title;     /* the headline of a record, from its "title": text,
                           start and end refer to that field, line is 0 */
} songbad_article_part;

typedef enum songbad_credit_kind {
    SONGBAD_CREDIT_AUTHOR = 0, /* a person named in a byline */
    SONGBAD_CREDIT_DESK = 1,   /* a desk or role: নিজস্ব প্রতিবেদক */
    SONGBAD_CREDIT_PLACE = 2,  /* where a byline or dateline was filed */
    SONGBAD_CREDIT_AGENCY = 3, /* an agency or outlet of the reviewed table */
    SONGBAD_CREDIT_SOURCE = 4, /* a credited source not in the table */
    SONGBAD_CREDIT_PHOTO = 5   /* a caption credit that is no agency */
} songbad_credit_kind;

typedef struct songbad_credit {
    songbad_credit_kind kind;
    const char *name;   /* AGENCY: its normalized name ("AFP", "Reuters");
                           otherwise the same as text */
    size_t name_len;
    const char *text;   /* the words credited, verbatim; borrowed */
    size_t len;
    size_t start, end;  /* in songbad_article_text() */
    size_t part;        /* index of the part it is in */
    int in_byline;      /* 1 for bylines, inline bylines and datelines; 0 for
                           captions and attributions in the running text */
} songbad_credit;

typedef enum songbad_date_granularity {
    SONGBAD_DATE_DAY = 0,
    SONGBAD_DATE_WEEK = 1,
    SONGBAD_DATE_MONTH = 2,
    SONGBAD_DATE_YEAR = 3
} songbad_date_granularity;

typedef enum songbad_date_kind {
    SONGBAD_DATE_ABSOLUTE = 0, /* ১৮ অক্টোবর, ২০২২ সালের ডিসেম্বরে */
    SONGBAD_DATE_RELATIVE = 1, /* to the publication date: আজ, গত মাসে */
    SONGBAD_DATE_ANAPHORIC = 2 /* to the date named before: সেই সন্ধ্যায় */
} songbad_date_kind;

typedef struct songbad_date {
    /* ISO 8601: "2023-10-18", "2023-W42", "2023-09", "2023"; "--10-18" or
       "--09" when only the year is unknown; "" when unresolved (a relative
       date without a publication date). */
    char value[16];
    songbad_date_granularity granularity;
    songbad_date_kind kind;
    int year, month, day; /* the value (0 = unknown; a week: its Monday) */
    int bengali;          /* written in the Bengali calendar (বৈশাখ ...) */
    const char *text;     /* the words, verbatim; borrowed */
    size_t len;
    size_t start, end;    /* in songbad_article_text() (or in the title for
                             a date of a from_title headline) */
    size_t part;          /* index of the part it is in */
} songbad_date;

#define SONGBAD_ARTICLE_NO_HEADLINE 1u /* the first line is never a headline */
#define SONGBAD_ARTICLE_LENIENT 2u     /* JSON: repair invalid UTF-8 first */

typedef struct songbad_article_options {
    const char *pub_date; /* "YYYY-MM-DD" resolves relative dates; NULL =
                             unknown (a record's own "date" comes first) */
    unsigned flags;       /* SONGBAD_ARTICLE_* */
} songbad_article_options;

/* Structures a plain-text article (opt may be NULL). Returns SONGBAD_OK,
 * SONGBAD_E_NOMEM, SONGBAD_E_INVAL (a bad pub_date) or SONGBAD_E_TOOBIG
 * (more than a million lines); *out is NULL on failure. Free with
 * songbad_article_free(). */
SONGBAD_API int songbad_article_parse_text(const char *text, size_t len,
                                           const songbad_article_options *opt,
                                           const songbad_allocator *alloc,
                                           songbad_article **out);

/* Structures one JSON record: an object with a string "body" and optional
 * "id" (string or integer), "title" (the headline), "date" (its first ten
 * characters, if a date, are the publication date), "source", "url",
 * "category" and "lang"; other fields are kept (songbad_article_extra).
 * A bad record gives SONGBAD_E_INVAL (SONGBAD_E_UTF8 for invalid UTF-8
 * without SONGBAD_ARTICLE_LENIENT, SONGBAD_E_TOOBIG for a body of more than
 * a million lines) and a message in err (if not NULL). */
SONGBAD_API int songbad_article_parse_json(const char *json, size_t len,
                                           const songbad_article_options *opt,
                                           const songbad_allocator *alloc,
                                           songbad_article **out,
                                           char err[SONGBAD_ERR_LEN]);
SONGBAD_API void songbad_article_free(songbad_article *a);

/* The original text (a record's body), and its length in *len. */
SONGBAD_API const char *songbad_article_text(const songbad_article *a,
                                             size_t *len);
/* A record field by name ("id", "title", "date", "source", "url",
 * "category", "lang"), or NULL when absent. */
SONGBAD_API const char *songbad_article_field(const songbad_article *a,
                                              const char *name, size_t *len);
/* Sets (copies) or, with value NULL, removes a record field ("id", "source"
 * ...; the title is fixed at parse time). SONGBAD_E_INVAL for another name. */
SONGBAD_API int songbad_article_set_field(songbad_article *a, const char *name,
                                          const char *value, size_t len);
/* A record's other fields as one JSON object text, or NULL when none. */
SONGBAD_API const char *songbad_article_extra(const songbad_article *a,
                                              size_t *len);
/* The publication date used, "YYYY-MM-DD", or NULL. */
SONGBAD_API const char *songbad_article_pub_date(const songbad_article *a);

/* Every part in order; every credit and every date in order of appearance.
 * The arrays live as long as the article. */
SONGBAD_API const songbad_article_part *
songbad_article_parts(const songbad_article *a, size_t *count);
SONGBAD_API const songbad_credit *
songbad_article_credits(const songbad_article *a, size_t *count);
SONGBAD_API const songbad_date *
songbad_article_dates(const songbad_article *a, size_t *count);
/* The headline and the lead (first paragraph) parts, or NULL. */
SONGBAD_API const songbad_article_part *
songbad_article_headline(const songbad_article *a);
SONGBAD_API const songbad_article_part *
songbad_article_lead(const songbad_article *a);

/* Writes the article as one line of JSON (no newline) through fn, in pieces:
 * the record fields, then "headline", "lead", "paragraphs", "captions"
 * [{text, credit}], "byline" {authors, agencies, desks, places, sources},
 * "agencies", "boilerplate", "dates" [{value, granularity, kind, text,
 * start, end, part}], "parts" [{kind, start, end, line, lines}] and "extra".
 * Invalid UTF-8 is written as U+FFFD. Returns SONGBAD_OK or fn's first
 * non-zero return. */
typedef int (*songbad_article_write_fn)(void *ctx, const char *data,
                                        size_t len);
SONGBAD_API int songbad_article_write_json(const songbad_article *a,
                                           songbad_article_write_fn fn,
                                           void *ctx);

/* ---- Articles into the index --------------------------------------------- */
/* Stores a structured article: headline, lead, body paragraphs, captions,
 * bylines and agencies become the indexed fields, boilerplate is left out,
 * the original text is kept verbatim. An article without an id gets one
 * from its text ("h" + 16 hex digits). Otherwise like songbad_db_add. */
SONGBAD_API int songbad_db_add_article(songbad_db *db, const songbad_article *a,
                                       unsigned flags, songbad_add_status *status);
/* Does ahead, on any thread and without a database, the half of
 * songbad_db_add_article that needs none: the analysis of the texts to be
 * indexed, the near-duplicate fingerprint and the content hash, kept in the
 * article until it is freed. The add then only writes (a pipeline: one
 * thread parses and prepares, another adds); the database is the same as
 * without. an: an analyzer made with SONGBAD_ANALYZE_DEFAULT (the flags of
 * the index), used by this thread only and best kept from one article to
 * the next (it remembers the words it has analyzed); NULL makes one for
 * this call. Optional: on failure (SONGBAD_E_NOMEM, SONGBAD_E_TOOBIG) the
 * article is as it was and the add does all the work. */
SONGBAD_API int songbad_article_prepare_index(songbad_article *a, songbad_analyzer *an);

#ifdef __cplusplus
}
#endif
#endif /* SONGBAD_H */
