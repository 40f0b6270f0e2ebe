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

struct songbad_norm_context;
/* songbad_normalize in pieces, for the analyzer. Normalization cuts the
 * text into chunks before every ASCII character (and inside very long
 * stretches without one); no rule reaches across a cut, so a caller may
 * normalize a text piece by piece, each piece a run of whole chunks, passing
 * the context from one piece to the next. */
/* Empties the output; offsets are kept when want_offsets. */
void songbad_norm_begin(songbad_normalizer *n, int want_offsets);
/* Appends the normalized text[start..end) to the output, with offsets into
 * text; start == 0 or text[start] is ASCII, end == len or text[end] is. */
int songbad_norm_append(songbad_normalizer *n, struct songbad_norm_context *ctx,
                        const char *text, size_t len, size_t start, size_t end);
/* Appends count bytes already normalized; byte k came from base + rel[k]. */
int songbad_norm_put(songbad_normalizer *n, const char *bytes, size_t count,
                     size_t base, const uint8_t *rel);
/* Appends count bytes of well-formed UTF-8 that normalize to themselves,
 * from base on: each byte gets the offset of its code point, as
 * songbad_norm_plain_offsets writes them. */
int songbad_norm_put_plain(songbad_normalizer *n, const char *bytes,
                           size_t count, size_t base);
void songbad_norm_plain_offsets(const char *bytes, size_t count, size_t base,
                                size_t *offs);
/* The output so far (its length) and its offsets (absolute). */
size_t songbad_norm_output(songbad_normalizer *n, const char **out,
                           size_t **offsets);
/* Drops the output after its first len bytes. */
void songbad_norm_truncate(songbad_normalizer *n, size_t len);
/* Whether the run s[0..len) of non-ASCII bytes, normalized as a chunk of its
 * own at the search level, gives itself back, byte for byte, whatever the
 * context; if so, applies it to *ctx as normalizing it would. A quick test
 * for runs of plain Bengali (conservative: 0 means "normalize it"). */
int songbad_norm_same(const songbad_normalizer *n, struct songbad_norm_context *ctx,
                      const char *s, size_t len);
/* Lets songbad_normalize copy runs that give themselves back (on, the
 * default) or not: the tests compare both. */
void songbad_norm_set_fast(songbad_normalizer *n, int on);
/* Whether every chunk of the last append was short enough that a one-byte
 * ASCII lead before the piece would not have changed where chunks end. */
int songbad_norm_uncut(const songbad_normalizer *n);
/* Like songbad_norm_same, for runs that normalize whatever the context to
 * code points that stand for themselves apart from nukta letters (which
 * decompose) and Bengali digits (ASCII digits): writes the normalized form
 * to out (at most 2 * len bytes) and, for each of its bytes, the offset of
 * its source code point from s to rel (len < 256), applies the run to *ctx
 * and returns the length of the normalized form; 0: "normalize it". */
size_t songbad_norm_simple(const songbad_normalizer *n, struct songbad_norm_context *ctx,
                           const char *s, size_t len, char *out, uint8_t *rel);

/* ==== norm_bengali.c: the Bengali rules of the search and loose levels ==== */
/* What the rules remember from earlier chunks of the same text. */
typedef struct songbad_norm_context {
    uint32_t last;          /* the last code point so far */
    uint32_t last_nonspace; /* the last one that is not a space or tab */
    unsigned read;          /* rules that looked at last (1), last_nonspace
                               (2) as they came in: for songbad_norm_context_bits */
} songbad_norm_context;

void songbad_norm_context_reset(songbad_norm_context *ctx);

/* The rules read the context only through whether each of its two code
 * points is Bengali: two contexts with the same bits (0..3) give the same
 * results, and a chunk depends only on the bits in ctx->read after it (a
 * superset of the fields the rules consulted before the chunk changed
 * them). For callers that memoize chunks: songbad_norm_context_probe sets
 * values with the given bits that no chunk ever writes (and clears read),
 * so that afterwards songbad_norm_context_probed tells the fields a chunk
 * left alone. */
unsigned songbad_norm_context_bits(const songbad_norm_context *ctx);
void songbad_norm_context_probe(songbad_norm_context *ctx, unsigned bits);
int songbad_norm_context_probed(uint32_t value);

/* If text[i..] (whose first code point, of k bytes, is cp) spells khanda ta
 * as TA + VIRAMA + ZWJ, returns the number of bytes it spans, else 0. */
size_t songbad_norm_khanda_ta(const char *text, size_t len, size_t i, size_t k,
                              uint32_t cp);

/* Whether the search-level rules leave the decomposed chunk cps[0..n)
 * unchanged without looking at the context: no folding applies and no
 * pre-base vowel sign comes first or after a code point that is not
 * Bengali. Conservative: 0 means "apply them". */
int songbad_norm_bengali_inert(const uint32_t *cps, size_t n);

/* The parts a code point plays in what songbad_norm_bengali_inert looks
 * for, for tables: FOLDS, a rule changes it wherever it stands; PREBASE, it
 * moves unless a Bengali code point comes before it; and the pairs that a
 * rule changes, p = 0..2: first (SONGBAD_NORM_ROLE_FIRST << p) followed by
 * second (SONGBAD_NORM_ROLE_SECOND << p). */
enum {
    SONGBAD_NORM_ROLE_FOLDS = 1,
    SONGBAD_NORM_ROLE_PREBASE = 2,
    SONGBAD_NORM_ROLE_FIRST = 4,
    SONGBAD_NORM_ROLE_SECOND = 32
};
unsigned songbad_norm_bengali_roles(uint32_t c);

/* Applies the rules to a decomposed, canonically ordered chunk in place and
 * returns its new length (rules may delete code points, never add). */
size_t songbad_norm_bengali(songbad_norm_level level, songbad_norm_context *ctx,
                            uint32_t *cps, size_t *srcs, size_t n);

/* ==== index_tokenizer.c, index_rank.c: SQLite FTS5 ======================= */
struct sqlite3;
struct fts5_api;
/* The SONGBAD_ANALYZE_* flags an analyzer was made with. */
unsigned songbad_analyzer_flags(const songbad_analyzer *an);
/* An article's index terms, MinHash and content hash, worked out ahead of
 * its add (add_int.h, add_prepare.c). */
typedef struct songbad_prepared songbad_prepared;
/* Registers the "songbad" tokenizer and the songbad_rank() function on db. */
int songbad_fts5_register(struct sqlite3 *db);
int songbad_fts5_register_rank(struct sqlite3 *db, struct fts5_api *api);

/* The weights of the index's columns (headline, lead, body, captions,
 * source) in every ranking: as SQL arguments and as numbers. */
#define SONGBAD_COLUMN_WEIGHTS_SQL "4.0, 1.5, 1.0, 1.5, 0.5"
#define SONGBAD_COLUMN_WEIGHTS {4.0, 1.5, 1.0, 1.5, 0.5}
#define LEAD_COLUMN 1 /* of those columns: only its first SONGBAD_RANK_LEAD_TOKENS count */
#define BODY_COLUMN 2 /* the early words' column (songbad_scorer_set_early) */

/* rank_score.c: the phrase weights songbad_rank takes ("W[:G] ... [?]",
 * index_rank.c): each phrase's weight (missing: 1) and query word (-1). */
void songbad_rank_parse_weights(const char *pw, int nphrase, double *weight, int *group);
/* Whether they end with "?", a question (no early-words factor). */
int songbad_rank_weights_question(const char *pw);

/* index_best.c: songbad_term_weight() on an FTS5 api; the rowids of a
 * term_best list (at most cap of them) into out, their number. */
int songbad_fts5_register_best(struct fts5_api *api);
/* The FTS5 string of term t (n bytes): in double quotes, quotes doubled,
 * NUL-terminated, its length in *len (if not NULL); NULL: out of memory. */
char *songbad_fts5_quote(const songbad_allocator *a, const char *t, size_t n, size_t *len);
size_t songbad_best_decode(const unsigned char *p, size_t n, long long *out, size_t cap);

/* rank_text.c: a query's phrases (from its MATCH expression of plain words;
 * SONGBAD_DONE for other syntax) and songbad_rank's score of an article
 * from its stored text. */
typedef struct songbad_rank_text songbad_rank_text;
struct songbad_db;
/* doc: an analyzer with SONGBAD_ANALYZE_DEFAULT, as the index tokenizer's
 * (borrowed: a warm one analyzes faster). */
int songbad_rank_text_new(const songbad_allocator *alloc, songbad_analyzer *doc,
                          const char *match, songbad_rank_text **out);
void songbad_rank_text_free(songbad_rank_text *rt);
size_t songbad_rank_text_nphrases(const songbad_rank_text *rt);
/* Phrase p's text in the expression; 1 and its one term when it is a single
 * term (no prefix), else 0. */
int songbad_rank_text_phrase(const songbad_rank_text *rt, size_t p, const char **expr,
                             size_t *elen, const char **term, size_t *tlen);
/* The number of tokens of phrase p, and its token j (NULL past the end). */
size_t songbad_rank_text_ntokens(const songbad_rank_text *rt, size_t p);
const char *songbad_rank_text_token(const songbad_rank_text *rt, size_t p, size_t j,
                                    size_t *len);
/* Reads the index's row count (into *nrow) and mean column lengths from db;
 * SONGBAD_DONE when no article matches the query. */
int songbad_rank_text_sizes(songbad_rank_text *rt, struct songbad_db *db, double *nrow);
/* Makes the scorer: the phrases' weights, words and idf, and the sizes
 * songbad_rank_text_sizes read. */
int songbad_rank_text_scorer(songbad_rank_text *rt, size_t nphrase, const double *weight,
                             const int *group, const double *idf, int question,
                             struct songbad_db *db);
/* The score of the article rowid; SONGBAD_DONE when it is gone or matches
 * no phrase. */
int songbad_rank_text_score(songbad_rank_text *rt, struct songbad_db *db, long long rowid,
                            double *score);
/* The articles of duplicate group other than rowid that match the query. */
int songbad_rank_text_count_group(songbad_rank_text *rt, struct songbad_db *db, long long group,
                                  long long rowid, size_t *count);

/* ==== query.c: a query plan -> an FTS5 MATCH expression ================== */
typedef struct songbad_query songbad_query;
int songbad_query_new(const songbad_allocator *alloc, songbad_query **out);
void songbad_query_free(songbad_query *q);
/* Compiles text; SONGBAD_E_QUERY with songbad_query_error() on bad syntax. */
int songbad_query_compile(songbad_query *q, const char *text, size_t len);
const char *songbad_query_match(const songbad_query *q);   /* FTS5 MATCH */
const char *songbad_query_weights(const songbad_query *q); /* per phrase */
const char *songbad_query_error(const songbad_query *q);
/* How many articles the prefix query of a stem matches, as far as the
 * index can tell without merging it (search_prune.c: from the term lists,
 * else the stem's own articles): see songbad_prefix_count_fn. */
typedef songbad_prefix_count_fn songbad_query_df_fn;
/* Lets compiling ask the index how common a stem's prefix is (see
 * songbad_query_plan_set_prefix_count). */
void songbad_query_set_df(songbad_query *q, songbad_query_df_fn fn, void *ctx);
/* The query's own analyzer (SONGBAD_ANALYZE_DEFAULT), lent for the life of q. */
songbad_analyzer *songbad_query_analyzer(songbad_query *q);
/* The plan it was written from, lent for the life of q. */
songbad_query_plan *songbad_query_plan_of(songbad_query *q);
/* The optional clauses of the last compiled query when it has no required
 * ones (else 0 of them): each one's FTS5 expression "(...)", its terms
 * (NUL-terminated back to back from terms_at to terms_end in the string
 * songbad_query_group returns; a prefix term ends with '*') and the range of
 * its phrases among the query's weights. */
typedef struct query_group {
    size_t expr_at, terms_at, terms_end, first_phrase, nphrases;
} query_group;
size_t songbad_query_ngroups(const songbad_query *q);
const query_group *songbad_query_group(const songbad_query *q, size_t i, const char **expr,
                                       const char **terms);

/* ==== store.c, add.c, search.c: the database ============================ */
struct sqlite3_stmt;
enum {
    STMT_FIND_ID, STMT_FIND_HASH, STMT_INSERT, STMT_INSERT_FTS, STMT_BAND_MEMBERS,
    STMT_SIGNATURE, STMT_BANDS_INSERT, STMT_OLD_ROW, STMT_DELETE_FTS, STMT_DELETE_ROW,
    STMT_DELETE_BANDS, STMT_COUNT
};

struct songbad_db {
    songbad_allocator alloc;
    struct sqlite3 *sql;
    char path[512];
    char errmsg[SONGBAD_ERR_LEN];
    int readonly, in_txn;
    int bulk; /* writing with a rollback journal (SONGBAD_DB_BULK) */
    struct sqlite3_stmt *stmt[STMT_COUNT];
    struct sqlite3_stmt *read_stmt; /* holds the strings songbad_db_get lends */
    songbad_query *query;
    songbad_analyzer *shingler; /* words only, for near-duplicate hashing */
    char *scratch;
    size_t scratch_cap;
    size_t *marks;
    size_t marks_cap;
};

/* search_prune.c: when the compiled query would match more than limit
 * articles (estimated), writes into *match and *weights (growable buffers) a
 * query that ranks only the articles with its rarer clauses and returns
 * SONGBAD_OK; SONGBAD_DONE when the query is to run as it is. */
/* The pointer type of songbad_rank_top's row counter (index_rank.c). */
#define SONGBAD_RANK_COUNTER "songbad_rank_counter"
/* A songbad_query_df_fn over the index of ctx, a songbad_db. */
int songbad_search_count_prefix_upto(void *ctx, const char *term, size_t n, size_t limit,
                              size_t *count);
/* search_best.c: the compiled query ranked from the term lists (index_best.c):
 * the best keep candidates ranked exactly, best first (*hits allocated with
 * db's allocator), the
 * number of candidates and the matcher that ranked them (*rt, the caller's
 * to free: it counts a hit's matching near-duplicates); SONGBAD_DONE when
 * the lists do not serve it: on an index of at most limit (the pruning
 * limit) articles, or when its listed words would match no more than the
 * lists' threshold (or limit, if lower). */
typedef struct songbad_best_hit {
    long long rowid;
    double score;
} songbad_best_hit;
int songbad_search_best(songbad_db *db, size_t limit, size_t keep, songbad_best_hit **hits,
                        size_t *nhits, size_t *matches, songbad_rank_text **rt);
/* Candidates ranked exactly: at least this many (and 3 x the hits asked
 * for), more while near-duplicates fold the page short, up to the max. */
#define SONGBAD_BEST_RANKED 50
#define SONGBAD_BEST_RANKED_MAX 6400

int songbad_search_prune(songbad_db *db, size_t limit, char **match, size_t *match_cap,
                         char **weights, size_t *weights_cap);
void songbad_db_set_error(songbad_db *db, const char *fmt, ...);
/* Sets the message from SQLite's last error; returns the status code. */
int songbad_db_sqlite_error(songbad_db *db, const char *what);
/* A cached prepared statement, reset and unbound. */
int songbad_db_prepare(songbad_db *db, int which, const char *sql,
                       struct sqlite3_stmt **st);

/* ==== simhash.c: near-duplicate fingerprints ============================== */
#define SONGBAD_MINHASH_SIZE 32   /* minima per signature */
#define SONGBAD_MINHASH_BANDS 16  /* LSH bands of 2 minima each */
#define SONGBAD_DUP_SIMILARITY 0.6 /* estimated Jaccard of shingles */
#define SONGBAD_DUP_MIN_SHINGLES 12 /* shorter texts are not grouped */
/* The MinHash signature of the word 3-shingles of text; *nshingles gets
 * their number. */
int songbad_minhash(songbad_analyzer *words, const char *text, size_t len,
                    uint32_t sig[SONGBAD_MINHASH_SIZE], size_t *nshingles);
/* The share of equal minima: an estimate of the Jaccard similarity. */
double songbad_minhash_similarity(const uint32_t *a, const uint32_t *b);
/* 64-bit FNV-1a. */
uint64_t songbad_fnv1a(const char *s, size_t n, uint64_t h);
#define SONGBAD_FNV_SEED UINT64_C(1469598103934665603)

/* ==== seg_*.c: segmentation properties =================================== */
/* (declared by the segmentation module) */

#endif /* SONGBAD_INT_H */
