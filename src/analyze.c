/*
 * analyze.c - the analyzer: text -> index terms.
 *
 * The text is normalized at the search level (keeping the offset of every
 * byte), split into UAX #29 words, and every word becomes a token with its
 * bytes in the original text and a position. A token yields its normalized
 * form (WORD) and, at the same position, its stem, its cross-script key and,
 * for a hyphenated pair, the joined whole. Numbers lose their grouping
 * commas and ordinal endings (১,২৫,০০০ -> 125000, ১৮ই -> 18).
 *
 * Speed. News text repeats itself: a few tens of thousands of distinct words
 * make up millions of tokens. Normalization cuts a text before every ASCII
 * character (norm.c), so the text is a sequence of chunks, each an ASCII
 * byte (the lead) and the non-ASCII bytes after it (the run): " বাংলাদেশের",
 * ",", " সরকার।". When the lead is a separator (space, newline, comma ...:
 * see is_separator), the run normalizes the same whatever the lead; and when
 * its normalized form is Bengali words and punctuation, UAX #29 cuts it the
 * same wherever it stands (see run_shape). Such a run is "fast": the
 * analyzer memoizes what it becomes (its terms, with their offsets from the
 * run's start) and replays that at its next occurrences, with no
 * normalization and no segmentation.
 * Everything else (numbers, Latin words, hyphenated pairs, a word that runs
 * into the next chunk) takes the general path: its chunks are normalized
 * into a "region", and a region is segmented and analyzed as a text of its
 * own when a fast run follows it or the text ends. A region always ends
 * where UAX #29 has a word boundary that does not depend on what follows,
 * so both paths give exactly the terms of analyzing the whole text at once.
 * The general path memoizes words (a normalized word -> its terms).
 * Both memos belong to the handle, are bounded (a full one is emptied) and
 * hold only what the code without them computes, so they change no result.
 */
#include "songbad_int.h"
#include "seg_int.h"
#include "utf8_inline.h"

#define MAX_RUN 255            /* longer runs are not memoized */
#define MAX_WORD 255           /* nor longer words */
#define MEMO_MIN_SLOTS 1024
/* The limits of a memo, which is emptied when it is full (tests build with
 * tiny ones to go through that often). */
#ifndef MEMO_MAX_SLOTS
#define MEMO_MAX_SLOTS (1u << 19)
#endif
#ifndef MEMO_HOT_MAX
#define MEMO_HOT_MAX (8u << 20) /* bytes */
#endif
#ifndef MEMO_COLD_MAX
#define MEMO_COLD_MAX (8u << 20)
#endif

/* ---- memo tables --------------------------------------------------------
 * An open-addressing hash table of blocks. A block lives in the "hot"
 * arena, which lookups touch, and may point into the "cold" one, which
 * holds what is needed less often. A block starts with a block_head and
 * ends with its key, so blocks can be walked. The key is bytes, and a tag
 * under a mask: a block matches the tags t with (t & tag_mask) == tag.
 * A slot holds the block's offset in hot / 8 and the top SLOT_HASH_BITS
 * of the key's hash, so that a probe reads no block but the likely one
 * (memory latency is most of the cost of a lookup). */
typedef struct block_head {
    uint8_t key_len;
    uint8_t tag, tag_mask;
    uint8_t key_off;  /* from the block's start */
} block_head;

#define SLOT_HASH_BITS 12
#define SLOT_HASH_MASK ((1u << SLOT_HASH_BITS) - 1)
_Static_assert(MEMO_HOT_MAX / 8 <= (1u << (32 - SLOT_HASH_BITS)),
               "a block's offset / 8 fits a slot");

typedef struct memo {
    uint32_t *slots;  /* 0, or offset / 8 << SLOT_HASH_BITS | slot_hash */
    size_t nslots, count;
    unsigned char *hot, *cold;
    size_t hot_len, hot_cap, cold_len, cold_cap;
} memo;

static size_t block_size(const block_head *bh)
{
    return ((size_t)bh->key_off + bh->key_len + 7) & ~(size_t)7;
}

static uint64_t hash_mix(uint64_t h, uint64_t w)
{
    h = (h ^ w) * UINT64_C(0x9E3779B97F4A7C15);
    return h ^ (h >> 29);
}

static uint64_t hash_end(uint64_t h, size_t len)
{
    h = hash_mix(h, len);
    h *= UINT64_C(0xBF58476D1CE4E5B9);
    return h ^ (h >> 32);
}

/* The hash of n bytes: 8 at a time, the last ones padded with zeros (the
 * byte order does not matter: only this process compares). */
static uint64_t hash_bytes(const unsigned char *s, size_t n)
{
    uint64_t h = 0, w;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        memcpy(&w, s + i, 8);
        h = hash_mix(h, w);
    }
    if (i < n) {
        w = 0;
        memcpy(&w, s + i, n - i);
        h = hash_mix(h, w);
    }
    return hash_end(h, n);
}

/* Whether a[0..n) and b[0..n) hold the same bytes: words of 8, 4 or 2
 * bytes, the last one overlapping the one before (keys are short). */
static int same_bytes(const unsigned char *a, const unsigned char *b, size_t n)
{
    uint64_t x, y;
    uint32_t u, v;
    uint16_t p, q;
    if (n >= 8) {
        for (; n > 8; n -= 8, a += 8, b += 8) {
            memcpy(&x, a, 8);
            memcpy(&y, b, 8);
            if (x != y) return 0;
        }
        memcpy(&x, a + n - 8, 8);
        memcpy(&y, b + n - 8, 8);
        return x == y;
    }
    if (n >= 4) {
        memcpy(&u, a, 4);
        memcpy(&v, b, 4);
        if (u != v) return 0;
        memcpy(&u, a + n - 4, 4);
        memcpy(&v, b + n - 4, 4);
        return u == v;
    }
    if (n >= 2) {
        memcpy(&p, a, 2);
        memcpy(&q, b, 2);
        return p == q && a[n - 1] == b[n - 1];
    }
    return n == 0 || a[0] == b[0];
}

/* The hash bits a slot keeps (the table's index takes the low ones). */
static uint32_t slot_hash(uint64_t h)
{
    return (uint32_t)(h >> (64 - SLOT_HASH_BITS));
}

static unsigned char *slot_block(const memo *m, uint32_t s)
{
    return m->hot + (size_t)(s >> SLOT_HASH_BITS) * 8;
}

static void *memo_find(const memo *m, uint64_t h, const unsigned char *key,
                       size_t len, unsigned tag)
{
    if (!m->count) return NULL;
    size_t mask = m->nslots - 1, i = (size_t)h & mask;
    uint32_t sh = slot_hash(h);
    for (uint32_t s; (s = m->slots[i]) != 0; i = (i + 1) & mask) {
        if ((s & SLOT_HASH_MASK) != sh) continue;
        unsigned char *b = slot_block(m, s);
        const block_head *bh = (const block_head *)(void *)b;
        if (bh->key_len == len && (tag & bh->tag_mask) == bh->tag &&
            same_bytes(b + bh->key_off, key, len))
            return b;
    }
    return NULL;
}

static void memo_free(const songbad_allocator *a, memo *m)
{
    songbad_alloc_free(a, m->slots);
    songbad_alloc_free(a, m->hot);
    songbad_alloc_free(a, m->cold);
}

static void slot_put(memo *m, uint64_t h, size_t at)
{
    size_t mask = m->nslots - 1, i = (size_t)h & mask;
    while (m->slots[i]) i = (i + 1) & mask;
    m->slots[i] = (uint32_t)(at / 8) << SLOT_HASH_BITS | slot_hash(h);
}

/* Grows the slot table (or makes the first one), walking the blocks in
 * the order they were made. */
static int memo_grow_slots(const songbad_allocator *a, memo *m)
{
    /* four times up to the limit: fewer passes over the blocks, whose
     * slots land at random (a cache miss each) */
    size_t n = !m->nslots ? MEMO_MIN_SLOTS
             : m->nslots * (m->nslots * 4 <= MEMO_MAX_SLOTS ? 4 : 2);
    uint32_t *s = songbad_alloc_realloc(a, NULL, n * sizeof *s);
    if (!s) return SONGBAD_E_NOMEM;
    memset(s, 0, n * sizeof *s);
    songbad_alloc_free(a, m->slots);
    m->slots = s;
    m->nslots = n;
    for (size_t at = 8; at < m->hot_len;) {
        const unsigned char *b = m->hot + at;
        const block_head *bh = (const block_head *)(const void *)b;
        slot_put(m, hash_bytes(b + bh->key_off, bh->key_len), at);
        at += block_size(bh);
    }
    return SONGBAD_OK;
}

static void memo_clear(memo *m)
{
    if (m->slots) memset(m->slots, 0, m->nslots * sizeof *m->slots);
    m->count = 0;
    m->hot_len = m->cold_len = 0;
}

/* Adds the block built at b (block_size(b) bytes) and its cold bytes;
 * returns its offset in hot and sets *cold_at, or returns 0 when memory ran
 * out (the block is then not memoized, which is still correct). A full memo
 * is emptied first. Either arena may move: no pointer into them survives
 * the call. */
static size_t memo_add(const songbad_allocator *a, memo *m, uint64_t h,
                       const void *b, const void *cold, size_t cold_len,
                       size_t *cold_at)
{
    size_t size = block_size(b);
    if (m->hot_len + size > MEMO_HOT_MAX || m->cold_len + cold_len > MEMO_COLD_MAX ||
        m->count >= MEMO_MAX_SLOTS / 2)
        memo_clear(m);
    if ((m->count + 1) * 2 > m->nslots && memo_grow_slots(a, m)) return 0;
    size_t at = m->hot_len ? m->hot_len : 8; /* offset 0 is no block */
    if (songbad_grow(a, (void **)&m->hot, &m->hot_cap, at + size, 1) ||
        songbad_grow(a, (void **)&m->cold, &m->cold_cap, m->cold_len + cold_len, 1))
        return 0;
    memcpy(m->hot + at, b, size);
    if (cold_len) memcpy(m->cold + m->cold_len, cold, cold_len);
    *cold_at = m->cold_len;
    m->hot_len = at + size;
    m->cold_len += cold_len;
    slot_put(m, h, at);
    m->count++;
    return at;
}

/* ---- the analyzer ------------------------------------------------------- */
/* A word block: the terms a token of that word yields (WORD, STEM, KEY),
 * their bytes one after another at text in cold. */
typedef struct word_block {
    block_head h;
    uint32_t text;
    uint8_t nterms;  /* 0: the word gives no token */
    uint8_t kind, stop;
    uint8_t type[3];
    uint16_t len[3];
} word_block;

/* A token of a fast run (a Bengali word or a number): its original bytes
 * from the run's start, its WORD, STEM and KEY terms (length 0: none). The
 * WORD is the word itself (of a number, its digits) at word in the
 * normalized run: in the key when the run normalizes to itself (RUN_SAME),
 * else in cold; STEM and KEY are at text in cold. */
typedef struct run_token {
    uint8_t start, end;
    uint8_t wl, sl, kl;
    uint8_t stop;
    uint8_t word;
    uint8_t kind;
    uint16_t text;
} run_token;

/* How a fast run ends, which decides what may follow it (terminator_ok). */
enum {
    END_WORD = 1,     /* in a word, on a letter or a sign */
    END_NUM,          /* in a word, on a digit */
    END_WORD_MID,     /* in a word and a mid-word mark (’ ‘): no letter next */
    END_NUM_MID,      /* the same after a digit: no digit next */
    END_OTHER         /* in punctuation: anything may follow */
};

#define RUN_SAME 1      /* the run normalizes to itself, byte for byte */
#define RUN_START_NUM 2 /* it starts with a digit: not after , or ; (WB11) */

/* A run block: tokens, then the run's bytes (the key). The cold part holds
 * the normalized form and one offset byte (from the run's start) per byte
 * of it, unless RUN_SAME, then the terms' bytes. */
typedef struct run_block {
    block_head h;
    uint32_t cold;
    uint32_t last, last_nonspace; /* the context it leaves, where it sets it */
    uint16_t out_len;
    uint8_t ntokens;
    uint8_t end;                  /* END_*, or 0 when the run is not fast */
    uint8_t flags;
    uint8_t sets;                 /* context fields it sets: 1 last, 2 nonspace */
    uint8_t set_bits;             /* their bits (songbad_norm_context_bits) */
    uint8_t pad;
    run_token tokens[];
} run_block;

#define MAX_RUN_TOKENS 20 /* key_off fits in a byte */

_Static_assert(sizeof(run_block) + MAX_RUN_TOKENS * sizeof(run_token) <= UINT8_MAX,
               "key_off is a byte");

struct songbad_analyzer {
    songbad_allocator alloc;
    unsigned flags;
    songbad_normalizer *norm; /* its output is the current region */
    char *buf;                /* term scratch */
    size_t cap;
    memo words, runs;
    char *compound;           /* a hyphenated whole */
    size_t compound_cap;
    unsigned char *hot, *cold;/* a run block being built */
    size_t hot_cap, cold_cap;
    word_block word_tmp;      /* a word that was not memoized */
    uint8_t separator[128];   /* 1: is_separator; 2: see
                                 is_separator_before_separator */
    uint8_t terminator[128];  /* see word_may_end */
    uint8_t num_terminator[128]; /* see number_may_end */
    uint8_t wb[128];          /* Word_Break values */
    uint8_t lead_bits[128][4];/* the context key after a separator */
    uint8_t bn_part[128];     /* see run_shape, for U+0980..U+09FF */
};

unsigned songbad_analyzer_flags(const songbad_analyzer *an)
{
    return an->flags;
}


/* The Word_Break value of an ASCII byte. */
static int ascii_wb(unsigned char c) { return SEG_WB(songbad_seg_prop(c)); }

/* Whether an ASCII lead byte is a separator: it normalizes to itself, does
 * not combine with what follows (no letter, digit, < = >), no rule looks at
 * it (| may become a danda, - joins hyphenated pairs), and UAX #29 breaks
 * after it whatever comes before: WB7 (. : '), WB13b (_) join across it. */
static int is_separator(unsigned char c)
{
    int wb = ascii_wb(c);
    return (wb == SEG_WB_OTHER || wb == SEG_WB_WSEGSPACE || wb == SEG_WB_CR ||
            wb == SEG_WB_LF || wb == SEG_WB_NEWLINE || wb == SEG_WB_DOUBLE_QUOTE ||
            wb == SEG_WB_MIDNUM) &&
           c != '-' && c != '|' && c != '<' && c != '=' && c != '>';
}

/* Whether an ASCII lead byte is a separator when a separator (or the end of
 * the text) comes right after it: . : ' normalize to themselves, no rule
 * looks at them, and UAX #29 joins across them only when a letter or a
 * digit follows (WB6, WB7, WB11, WB12), or after a Hebrew letter (WB7a),
 * which a fast run never ends with. */
static int is_separator_before_separator(unsigned char c)
{
    int wb = ascii_wb(c);
    return wb == SEG_WB_MIDLETTER || wb == SEG_WB_MIDNUMLET || wb == SEG_WB_SINGLE_QUOTE;
}

/* After a word (eff = ALetter), whether UAX #29 breaks before the ASCII
 * byte c: 1 yes, 2 yes unless a letter follows c (WB6), 0 no. A hyphen
 * belongs to the general path (hyphenated pairs). */
static int word_may_end(unsigned char c)
{
    int wb = ascii_wb(c);
    if (c == '-') return 0;
    if (wb == SEG_WB_OTHER || wb == SEG_WB_WSEGSPACE || wb == SEG_WB_CR ||
        wb == SEG_WB_LF || wb == SEG_WB_NEWLINE || wb == SEG_WB_DOUBLE_QUOTE ||
        wb == SEG_WB_MIDNUM)
        return 1;
    if (wb == SEG_WB_MIDLETTER || wb == SEG_WB_MIDNUMLET ||
        wb == SEG_WB_SINGLE_QUOTE)
        return 2;
    return 0;
}

/* After a number (eff = Numeric), whether UAX #29 breaks before the ASCII
 * byte c: 1 yes, 2 yes unless a digit follows c (WB12), 0 no. */
static int number_may_end(unsigned char c)
{
    int wb = ascii_wb(c);
    if (c == '-') return 0;
    if (wb == SEG_WB_OTHER || wb == SEG_WB_WSEGSPACE || wb == SEG_WB_CR ||
        wb == SEG_WB_LF || wb == SEG_WB_NEWLINE || wb == SEG_WB_DOUBLE_QUOTE ||
        wb == SEG_WB_MIDLETTER)
        return 1;
    if (wb == SEG_WB_MIDNUM || wb == SEG_WB_MIDNUMLET || wb == SEG_WB_SINGLE_QUOTE)
        return 2;
    return 0;
}

/* The context after an ASCII separator (see norm_bengali.c: fold_letters
 * and fix_order, for a chunk of one code point that no rule changes). */
static void lead_context(songbad_norm_context *ctx, unsigned char c)
{
    ctx->last = c;
    if (c != ' ' && c != '\t') ctx->last_nonspace = c;
}

/* The parts of a run's normalized form, for run_shape. */
enum { PART_NONE, PART_WORD, PART_DIGIT, PART_SIGN, PART_OTHER, PART_MID, PART_BAD };

/* The part a code point can be (see run_shape). */
static int part_of(uint32_t c)
{
    uint32_t p = songbad_seg_prop(c);
    int wb = SEG_WB(p);
    if (c >= '0' && c <= '9') return PART_DIGIT; /* from Bengali digits */
    if (c < 0x80 || c == 0x09F3 || c == 0xFFFD) return PART_BAD;
    if (c >= 0x0980 && c <= 0x09FF && wb == SEG_WB_ALETTER) return PART_WORD;
    if (c >= 0x0980 && c <= 0x09FF && wb == SEG_WB_EXTEND) return PART_SIGN;
    if (SEG_WORDCHAR(p)) return PART_BAD;
    if (wb == SEG_WB_OTHER) return PART_OTHER;
    if (wb == SEG_WB_MIDLETTER || wb == SEG_WB_MIDNUMLET ||
        wb == SEG_WB_SINGLE_QUOTE || wb == SEG_WB_MIDNUM)
        return PART_MID;
    return PART_BAD;
}

static void tables(songbad_analyzer *an)
{
    for (unsigned c = 0; c < 128; c++) {
        an->separator[c] = is_separator((unsigned char)c) ? 1
                         : is_separator_before_separator((unsigned char)c) ? 2 : 0;
        an->terminator[c] = (uint8_t)word_may_end((unsigned char)c);
        an->num_terminator[c] = (uint8_t)number_may_end((unsigned char)c);
        an->wb[c] = (uint8_t)ascii_wb((unsigned char)c);
        for (unsigned bits = 0; bits < 4; bits++) {
            songbad_norm_context ctx;
            songbad_norm_context_probe(&ctx, bits);
            lead_context(&ctx, (unsigned char)c);
            an->lead_bits[c][bits] = (uint8_t)songbad_norm_context_bits(&ctx);
        }
        an->bn_part[c] = (uint8_t)part_of(0x0980 + c);
    }
}

int songbad_analyzer_new(unsigned flags, const songbad_allocator *alloc,
                         songbad_analyzer **out)
{
    if (!out) return SONGBAD_E_INVAL;
    *out = NULL;
    songbad_allocator a;
    songbad_alloc_init(&a, alloc);
    songbad_analyzer *an = songbad_alloc_realloc(&a, NULL, sizeof *an);
    if (!an) return SONGBAD_E_NOMEM;
    memset(an, 0, sizeof *an);
    an->alloc = a;
    an->flags = flags;
    tables(an);
    int rc = songbad_normalizer_new(
        (flags & SONGBAD_ANALYZE_LOOSE) ? SONGBAD_NORM_LOOSE : SONGBAD_NORM_SEARCH, &a, &an->norm);
    if (rc) {
        songbad_alloc_free(&a, an);
        return rc;
    }
    *out = an;
    return SONGBAD_OK;
}

void songbad_analyzer_free(songbad_analyzer *an)
{
    if (!an) return;
    songbad_allocator a = an->alloc;
    songbad_normalizer_free(an->norm);
    songbad_alloc_free(&a, an->buf);
    songbad_alloc_free(&a, an->compound);
    songbad_alloc_free(&a, an->hot);
    songbad_alloc_free(&a, an->cold);
    memo_free(&a, &an->words);
    memo_free(&a, &an->runs);
    songbad_alloc_free(&a, an);
}

/* The state of one songbad_analyze call. */
typedef struct state {
    songbad_analyzer *an;
    const char *text; /* original */
    size_t len;
    const char *norm; /* normalized (the current region) */
    size_t norm_len;
    const size_t *offs;
    songbad_term_fn fn;
    void *ctx;
    size_t position;
} state;

static int is_bengali_letter(uint32_t c)
{
    return c >= 0x0980 && c <= 0x09FF && c != 0x09F3;
}

static int is_latin_letter(uint32_t c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7);
}

/* Classifies a word segment. */
static songbad_token_kind classify(const char *s, size_t n)
{
    int bn = 0, latin = 0, digit = 0, other = 0, digit_first = n > 0 && s[0] >= '0' && s[0] <= '9';
    for (size_t i = 0; i < n;) {
        uint32_t c;
        i += songbad_utf8_decode_inline((const unsigned char *)s + i, n - i, &c);
        if (c >= '0' && c <= '9') digit = 1;
        else if (is_bengali_letter(c)) bn = 1;
        else if (is_latin_letter(c)) latin = 1;
        else if (c > 0x7F && c != 0x2019) other = 1;
    }
    /* ১৮ই and ১০টি too (a Bengali ending after the digits); জি২০ is mixed */
    if (digit && digit_first && !latin && !other) return SONGBAD_TOKEN_NUMBER;
    if (bn + latin + other + digit > 1) return SONGBAD_TOKEN_MIXED;
    if (bn) return SONGBAD_TOKEN_BENGALI;
    if (latin) return SONGBAD_TOKEN_LATIN;
    return SONGBAD_TOKEN_OTHER;
}

/* The bytes of the original text that produced norm[s..e), whose offsets
 * are offs[s..e). */
static void original_range(const state *r, const size_t *offs, size_t s,
                           size_t e, size_t *start, size_t *end)
{
    size_t lo = offs[s], hi = offs[s];
    for (size_t i = s + 1; i < e; i++) {
        if (offs[i] < lo) lo = offs[i];
        if (offs[i] > hi) hi = offs[i];
    }
    uint32_t cp;
    size_t k = songbad_utf8_decode_inline((const unsigned char *)r->text + hi,
                                          r->len - hi, &cp);
    *start = lo;
    *end = hi + k;
}

static int reserve(songbad_analyzer *an, size_t need)
{
    return songbad_grow(&an->alloc, (void **)&an->buf, &an->cap, need, 1);
}

/* Writes the WORD term of a token into the scratch buffer; returns its
 * length. Numbers drop grouping commas and a trailing Bengali ending; dots
 * inside Latin abbreviations go (u.s -> us). */
static size_t word_term(songbad_analyzer *an, songbad_token_kind kind,
                        const char *s, size_t n)
{
    if (kind != SONGBAD_TOKEN_NUMBER && kind != SONGBAD_TOKEN_LATIN) {
        memcpy(an->buf, s, n);
        return n;
    }
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (kind == SONGBAD_TOKEN_NUMBER) {
            if ((unsigned char)c >= 0x80) break; /* ordinal ending: ১৮ই */
            if (c == ',') continue;
        } else if (kind == SONGBAD_TOKEN_LATIN && c == '.') {
            continue;
        }
        an->buf[k++] = c;
    }
    return k;
}

/* ---- words: a normalized word -> its terms ------------------------------ */
/* Computes the terms of a token of the word w[0..n) as the analyzer always
 * has: into b, their bytes one after another at an->buf (*tl bytes). */
static int compute_word(songbad_analyzer *an, const char *w, size_t n,
                        word_block *b, size_t *tl)
{
    songbad_token_kind kind = classify(w, n);
    /* the stemmer and the key write to extra first; neither writes more
     * than 4 * n + 16 bytes */
    size_t room = 4 * n + 32, tcap = n + 2 * room;
    int rc = reserve(an, tcap + room);
    if (rc) return rc;
    memset(b, 0, sizeof *b);
    b->kind = (uint8_t)kind;
    *tl = 0;
    size_t wl = word_term(an, kind, w, n);
    if (wl == 0) return SONGBAD_OK;
    char *t = an->buf, *extra = an->buf + tcap;
    b->stop = (uint8_t)(kind == SONGBAD_TOKEN_BENGALI &&
                        !(an->flags & SONGBAD_ANALYZE_NO_STOPWORDS) && songbad_is_stopword(t, wl));
    b->type[0] = SONGBAD_TERM_WORD;
    b->len[0] = (uint16_t)wl;
    b->nterms = 1;
    size_t used = wl;
    if ((an->flags & SONGBAD_ANALYZE_STEMS) && kind == SONGBAD_TOKEN_BENGALI) {
        size_t sl = songbad_stem(t, wl, extra, room);
        if (sl <= room && (sl != wl || memcmp(extra, t, wl) != 0) && sl > 0) {
            memcpy(t + used, extra, sl);
            used += sl;
            b->type[b->nterms] = SONGBAD_TERM_STEM;
            b->len[b->nterms++] = (uint16_t)sl;
        }
    }
    /* a stopword is no name: its key would only match names that sound
     * alike, and stopwords' keys were a tenth of the index's terms */
    if ((an->flags & SONGBAD_ANALYZE_KEYS) && !b->stop &&
        (kind == SONGBAD_TOKEN_BENGALI || kind == SONGBAD_TOKEN_LATIN)) {
        extra[0] = '#';
        size_t kl = songbad_name_key(t, wl, extra + 1, room - 1);
        if (kl > 0 && kl < room - 1) {
            memcpy(t + used, extra, kl + 1);
            used += kl + 1;
            b->type[b->nterms] = SONGBAD_TERM_KEY;
            b->len[b->nterms++] = (uint16_t)(kl + 1);
        }
    }
    *tl = used;
    return SONGBAD_OK;
}

/* The memoized run that is just the Bengali word w[0..n), if any (in the
 * context bits): a word of a new run, or of the general path, was often
 * met alone before (সরকার, then সরকার। or ‘সরকার’, or পিতা-মাতার), and that
 * run's block holds its terms. */
static const run_block *bare_run(const songbad_analyzer *an, const char *word,
                                 size_t n, unsigned bits)
{
    const unsigned char *u = (const unsigned char *)word;
    const run_block *b = memo_find(&an->runs, hash_bytes(u, n), u, n, bits);
    if (!b || !(b->flags & RUN_SAME) || b->ntokens != 1) return NULL;
    const run_token *t = &b->tokens[0];
    return t->word == 0 && t->wl == n && t->kind == SONGBAD_TOKEN_BENGALI ? b : NULL;
}

/* The terms of the token of a bare run, as compute_word gives them: into
 * *b, and *rest to its STEM and KEY bytes. */
static void bare_terms(const songbad_analyzer *an, const run_block *bare,
                       word_block *b, const char **rest)
{
    const run_token *t = &bare->tokens[0];
    memset(b, 0, sizeof *b);
    b->kind = t->kind;
    b->stop = t->stop;
    b->type[0] = SONGBAD_TERM_WORD;
    b->len[0] = t->wl;
    b->nterms = 1;
    if (t->sl) {
        b->type[b->nterms] = SONGBAD_TERM_STEM;
        b->len[b->nterms++] = t->sl;
    }
    if (t->kl) {
        b->type[b->nterms] = SONGBAD_TERM_KEY;
        b->len[b->nterms++] = t->kl;
    }
    *rest = an->runs.cold ? (const char *)an->runs.cold + bare->cold + t->text : "";
}

/* The terms of a token of the word w[0..n): *b, and their bytes at *text.
 * From the memo, or computed (and memoized when short enough). Valid until
 * the next call. */
static int word_terms(songbad_analyzer *an, const char *w, size_t n,
                      const word_block **b, const char **text)
{
    const unsigned char *u = (const unsigned char *)w;
    memo *m = &an->words;
    uint64_t h = hash_bytes(u, n);
    const word_block *f = n <= MAX_WORD ? memo_find(m, h, u, n, 0) : NULL;
    if (f) {
        *b = f;
        *text = m->cold ? (const char *)m->cold + f->text : "";
        return SONGBAD_OK;
    }
    /* a block: the head, then the word */
    _Alignas(8) unsigned char blk[sizeof(word_block) + MAX_WORD + 8];
    word_block *wb = (word_block *)(void *)blk;
    size_t tl, at = 0, cold_at;
    const run_block *bare = bare_run(an, w, n, 0);
    int rc = SONGBAD_OK;
    if (bare) { /* the WORD term is the word itself */
        const char *rest;
        bare_terms(an, bare, wb, &rest);
        tl = n + (size_t)bare->tokens[0].sl + bare->tokens[0].kl;
        rc = reserve(an, tl);
        if (!rc) {
            memcpy(an->buf, w, n);
            memcpy(an->buf + n, rest, tl - n);
        }
    } else {
        rc = compute_word(an, w, n, wb, &tl);
    }
    if (rc) return rc;
    *text = an->buf;
    if (n <= MAX_WORD) {
        wb->h.key_len = (uint8_t)n;
        wb->h.key_off = (uint8_t)sizeof *wb;
        memcpy(blk + sizeof *wb, w, n);
        at = memo_add(&an->alloc, m, h, wb, an->buf, tl, &cold_at);
    }
    if (!at) { /* not memoized: still correct */
        an->word_tmp = *wb;
        *b = &an->word_tmp;
        return SONGBAD_OK;
    }
    word_block *mb = (word_block *)(void *)(m->hot + at);
    mb->text = (uint32_t)cold_at;
    *b = mb;
    *text = m->cold ? (const char *)m->cold + cold_at : "";
    return SONGBAD_OK;
}

/* ---- the general path ----------------------------------------------------- */
static int emit(state *r, const char *t, size_t n, size_t start, size_t end,
                songbad_token_kind kind, songbad_term_type type, int colocated,
                int stop)
{
    songbad_term term;
    term.text = t;
    term.len = n;
    term.start = start;
    term.end = end;
    term.position = r->position;
    term.kind = kind;
    term.type = type;
    term.colocated = colocated;
    term.stopword = stop;
    return r->fn(r->ctx, &term);
}

/* Emits the terms of the token norm[s..e); compound (may be NULL) is the
 * hyphenated whole that starts with it. */
static int token(state *r, size_t s, size_t e, const char *compound,
                 size_t compound_len)
{
    const word_block *b;
    const char *text;
    int rc = word_terms(r->an, r->norm + s, e - s, &b, &text);
    if (rc) return rc;
    if (b->nterms == 0) return SONGBAD_OK;
    size_t start, end;
    original_range(r, r->offs, s, e, &start, &end);
    songbad_token_kind kind = (songbad_token_kind)b->kind;
    for (unsigned k = 0; k < b->nterms; k++) {
        rc = emit(r, text, b->len[k], start, end, kind,
                  (songbad_term_type)b->type[k], k > 0, b->stop);
        if (rc) return rc;
        text += b->len[k];
    }
    if (compound) {
        rc = emit(r, compound, compound_len, start, end, kind,
                  SONGBAD_TERM_COMPOUND, 1, 0);
        if (rc) return rc;
    }
    r->position++;
    return SONGBAD_OK;
}

/* Bengali case endings written after a hyphen (২০২২-এর, AFP-কে): they belong
 * to the word before and are not tokens of their own. */
static int is_hyphen_ending(const char *s, size_t n)
{
    static const char *const endings[] = {
        "\u098F\u09B0",             /* এর */
        "\u098F",                   /* এ */
        "\u0995\u09C7",             /* কে */
        "\u09B0",                   /* র */
        "\u09AF\u09BC\u09C7\u09B0", /* য়ের */
        "\u09A4\u09C7",             /* তে */
        "\u09B0\u09BE",             /* রা */
        "\u09A6\u09C7\u09B0",       /* দের */
        "\u0993",                   /* ও */
    };
    for (size_t i = 0; i < sizeof endings / sizeof endings[0]; i++)
        if (strlen(endings[i]) == n && memcmp(endings[i], s, n) == 0) return 1;
    return 0;
}

/* If a hyphen and a word follow norm[..e), sets [*s2, *e2) to that word. */
static int hyphen_next(const state *r, size_t e, size_t *s2, size_t *e2)
{
    if (e >= r->norm_len || r->norm[e] != '-' || e + 1 >= r->norm_len) return 0;
    size_t end = songbad_segment_next(SONGBAD_SEG_WORD, r->norm, r->norm_len, e + 1);
    if (!songbad_segment_is_word(r->norm, e + 1, end)) return 0;
    *s2 = e + 1;
    *e2 = end;
    return 1;
}

/* Segments and analyzes r->norm[0..norm_len) (offsets r->offs). */
static int analyze_normalized(state *r)
{
    songbad_analyzer *an = r->an;
    int rc = SONGBAD_OK;
    size_t i = 0;
    while (i < r->norm_len && rc == SONGBAD_OK) {
        size_t e = songbad_segment_next(SONGBAD_SEG_WORD, r->norm, r->norm_len, i);
        if (!songbad_segment_is_word(r->norm, i, e)) {
            if (e - i == 3 && memcmp(r->norm + i, "\u09F3", 3) == 0) { /* ৳ */
                size_t start, end;
                original_range(r, r->offs, i, e, &start, &end);
                rc = emit(r, r->norm + i, 3, start, end, SONGBAD_TOKEN_SYMBOL,
                          SONGBAD_TERM_WORD, 0, 0);
                r->position++;
            }
            i = e;
            continue;
        }
        size_t s2, e2;
        if (hyphen_next(r, e, &s2, &e2)) {
            if (is_hyphen_ending(r->norm + s2, e2 - s2)) {
                rc = token(r, i, e, NULL, 0);
                i = e2;
                continue;
            }
            size_t cl = (e - i) + (e2 - s2);
            rc = songbad_grow(&an->alloc, (void **)&an->compound, &an->compound_cap,
                              cl, 1);
            if (rc) break;
            memcpy(an->compound, r->norm + i, e - i);
            memcpy(an->compound + (e - i), r->norm + s2, e2 - s2);
            rc = token(r, i, e, an->compound, cl);
            i = e;
            continue;
        }
        rc = token(r, i, e, NULL, 0);
        i = e;
    }
    return rc;
}

/* ---- runs ------------------------------------------------------------------ */
/* The state of the walk over the chunks of a text. The region is the
 * general path's text since the last fast run. While it holds only
 * separators it is not built: they are text[seps..], as they normalize to
 * themselves. */
typedef struct walk {
    state r;
    songbad_norm_context ctx; /* of the normalization, up to the walk */
    unsigned bits;            /* songbad_norm_context_bits(&ctx) */
    int region;               /* the region is built (and may hold words) */
    size_t seps;
} walk;

/* A chunk: the lead [pos, rs) (an ASCII byte, or separators in a row),
 * the run [rs, re) and its hash; memo: it goes through memo_chunk. */
typedef struct chunk {
    size_t pos, rs, re;
    uint64_t h;
    int memo;
} chunk;

/* Builds the region: the separators so far, up to end. */
static int open_region(walk *w, size_t end)
{
    if (w->region) return SONGBAD_OK;
    w->region = 1;
    return songbad_norm_put_plain(w->r.an->norm, w->r.text + w->seps,
                                  end - w->seps, w->seps);
}

/* Analyzes the built region and empties it. */
static int analyze_region(walk *w)
{
    songbad_analyzer *an = w->r.an;
    w->region = 0;
    size_t *offs;
    w->r.norm_len = songbad_norm_output(an->norm, &w->r.norm, &offs);
    w->r.offs = offs;
    int rc = analyze_normalized(&w->r);
    songbad_norm_truncate(an->norm, 0);
    return rc;
}

/* Ends the region (a fast run follows, or the text ends); the next one
 * starts at seps. */
static int flush_region(walk *w, size_t seps)
{
    w->seps = seps;
    return w->region ? analyze_region(w) : SONGBAD_OK;
}

static void run_context(walk *w, const run_block *b)
{
    if (b->sets & 1) w->ctx.last = b->last;
    if (b->sets & 2) w->ctx.last_nonspace = b->last_nonspace;
    w->bits = (w->bits & ~(unsigned)b->sets) | b->set_bits;
}

/* Decides whether the normalized run out[0..n) is fast, and finds its
 * words: returns an END_* value (0: not fast), fills words[] with the
 * [start, end) of each word (at most max) and sets *start_num when the run
 * starts with a digit. A fast run is a sequence of
 *   - words: Bengali letters (ALetter) and digits (Numeric: Bengali digits
 *     became ASCII ones) with signs (Extend), not first a sign;
 *   - single punctuation marks that are no word characters: Word_Break
 *     Other (breaks on both sides), or MidLetter, MidNumLet, Single_Quote,
 *     MidNum (’ ‘), which WB6/7 and WB11/12 let join two words: never
 *     between two words.
 * No other ASCII (NFKC can produce it: a fullwidth '-' is a hyphen), no ৳
 * (a token of its own). After a separator or at the start of the text,
 * UAX #29 then breaks around every part exactly as listed, whatever came
 * before (but see RUN_START_NUM); what may follow depends on the END_*
 * value (see terminator_ok). */
static int run_shape(const songbad_analyzer *an, const char *out, size_t n,
                     size_t *words, size_t max, size_t *nwords, int *start_num)
{
    int prev = PART_NONE, before_mid = PART_NONE, digit = 0;
    size_t i = 0;
    *nwords = 0;
    *start_num = 0;
    while (i < n) {
        uint32_t c;
        size_t k = songbad_utf8_decode_inline((const unsigned char *)out + i, n - i, &c);
        int part = c >= 0x0980 && c <= 0x09FF ? an->bn_part[c - 0x0980] : part_of(c);
        switch (part) {
        case PART_SIGN:
            if (prev != PART_WORD) return 0;
            break;
        case PART_WORD:
        case PART_DIGIT:
            digit = part == PART_DIGIT;
            if (prev == PART_WORD) break;
            if (prev == PART_MID && before_mid == PART_WORD) return 0; /* WB6/7/11/12 */
            if (*nwords == max) return 0;
            if (prev == PART_NONE) *start_num = digit;
            words[2 * (*nwords)++] = i;
            prev = PART_WORD;
            break;
        case PART_OTHER:
            prev = PART_OTHER;
            break;
        case PART_MID:
            before_mid = prev;
            prev = PART_MID;
            break;
        default:
            return 0;
        }
        if (prev == PART_WORD) words[2 * *nwords - 1] = i + k;
        i += k;
    }
    if (prev == PART_WORD) return digit ? END_NUM : END_WORD;
    if (prev == PART_MID && before_mid == PART_WORD) return digit ? END_NUM_MID : END_WORD_MID;
    return prev == PART_NONE ? 0 : END_OTHER;
}

/* Whether what follows a fast run (text[at], an ASCII byte, or the end)
 * keeps the boundary at its end. */
static int terminator_ok(const walk *w, int end, size_t at)
{
    const unsigned char *t = (const unsigned char *)w->r.text;
    const songbad_analyzer *an = w->r.an;
    size_t len = w->r.len;
    if (end == END_OTHER || at >= len) return 1;
    unsigned char c = t[at];
    switch (end) {
    case END_WORD_MID: return an->wb[c] != SEG_WB_ALETTER;
    case END_NUM_MID: return an->wb[c] != SEG_WB_NUMERIC;
    case END_WORD:
        switch (an->terminator[c]) {
        case 1: return 1;
        case 2: return at + 1 >= len ||
                       (t[at + 1] < 0x80 && an->wb[t[at + 1]] != SEG_WB_ALETTER);
        default: return 0;
        }
    default: /* END_NUM */
        switch (an->num_terminator[c]) {
        case 1: return 1;
        case 2: return at + 1 >= len ||
                       (t[at + 1] < 0x80 && an->wb[t[at + 1]] != SEG_WB_NUMERIC);
        default: return 0;
        }
    }
}

/* Appends n bytes to the cold part being built. */
static int cold_put(songbad_analyzer *an, size_t *len, const void *s, size_t n)
{
    if (n == 0) return SONGBAD_OK;
    int rc = songbad_grow(&an->alloc, (void **)&an->cold, &an->cold_cap, *len + n, 1);
    if (rc) return rc;
    memcpy(an->cold + *len, s, n);
    *len += n;
    return SONGBAD_OK;
}

/* Builds the block of the run text[rs..re) in an->hot and its cold part
 * in an->cold (*cold_len bytes). Its normalized form is out[0..n) with
 * offsets offs (absolute), or the run itself when out points to it (offs
 * is then NULL: the offsets are plain); after is the probe context after
 * it. With fast == 0 the run is built as not fast. Returns
 * SONGBAD_E_TOOBIG when the run does not fit a block, 1 when it cannot be
 * fast after all. */
static int build_run(walk *w, size_t rs, size_t re, const char *out, size_t n,
                     const size_t *offs, const songbad_norm_context *after,
                     int fast, size_t *cold_len)
{
    songbad_analyzer *an = w->r.an;
    const char *key = w->r.text + rs;
    size_t klen = re - rs, words[2 * MAX_RUN_TOKENS], nwords = 0;
    int start_num = 0;
    int end = fast ? run_shape(an, out, n, words, MAX_RUN_TOKENS, &nwords, &start_num) : 0;
    if (!end) nwords = 0;
    /* out is the run itself when it normalizes to itself (new_run) */
    int same = out == key;
    if (!same && n == klen && memcmp(out, key, n) == 0) {
        size_t plain[MAX_RUN];
        songbad_norm_plain_offsets(key, n, rs, plain);
        same = 1;
        for (size_t k = 0; k < n && same; k++) same = offs[k] == plain[k];
    }
    size_t head = sizeof(run_block) + nwords * sizeof(run_token);
    size_t hot = (head + klen + 7) & ~(size_t)7;
    int rc = songbad_grow(&an->alloc, (void **)&an->hot, &an->hot_cap, hot, 1);
    if (rc) return rc;
    run_block *b = (run_block *)(void *)an->hot;
    memset(b, 0, hot);
    b->h.key_len = (uint8_t)klen;
    b->h.key_off = (uint8_t)head;
    b->h.tag_mask = (uint8_t)after->read;
    b->h.tag = (uint8_t)(w->bits & after->read);
    memcpy(an->hot + head, key, klen);
    b->out_len = (uint16_t)n;
    b->flags = (uint8_t)((same ? RUN_SAME : 0) | (start_num ? RUN_START_NUM : 0));
    b->sets = (uint8_t)((songbad_norm_context_probed(after->last) ? 0 : 1) |
                        (songbad_norm_context_probed(after->last_nonspace) ? 0 : 2));
    b->set_bits = (uint8_t)(songbad_norm_context_bits(after) & b->sets);
    b->last = after->last;
    b->last_nonspace = after->last_nonspace;
    b->end = (uint8_t)end;
    b->ntokens = (uint8_t)nwords;
    *cold_len = 0;
    if (!same) { /* the normalized form and its offsets */
        rc = cold_put(an, cold_len, out, n);
        if (rc) return rc;
        rc = songbad_grow(&an->alloc, (void **)&an->cold, &an->cold_cap, 2 * n, 1);
        if (rc) return rc;
        for (size_t k = 0; k < n; k++) an->cold[n + k] = (unsigned char)(offs[k] - rs);
        *cold_len = 2 * n;
    }
    for (size_t k = 0; k < nwords; k++) { /* the tokens */
        /* not looked up in the word memo (a few words are in several runs,
         * and a memo of all of them costs more in cache misses than it
         * saves), but a word that is not the whole run often was one */
        word_block wbk, *wb = &wbk;
        size_t ws = words[2 * k], wl = words[2 * k + 1] - ws, wtl;
        const char *text, *rest; /* the WORD term; the STEM and KEY terms */
        const run_block *bare = same && ws == 0 && wl == n ? NULL
                              : bare_run(an, out + ws, wl, w->bits);
        if (bare) {
            bare_terms(an, bare, wb, &rest);
            text = out + ws;
        } else {
            rc = compute_word(an, out + ws, wl, wb, &wtl);
            if (rc) return rc;
            text = an->buf;
            rest = an->buf + wb->len[0];
        }
        /* a Bengali word is its own WORD term, a number's is its digits */
        int bengali = wb->kind == SONGBAD_TOKEN_BENGALI && wb->len[0] == wl;
        int number = wb->kind == SONGBAD_TOKEN_NUMBER && wb->nterms == 1 &&
                     wb->len[0] <= wl && memcmp(text, out + ws, wb->len[0]) == 0;
        if (wb->nterms == 0 || !(bengali || number) || ws + wl > UINT8_MAX)
            return 1;
        run_token *tk = &((run_block *)(void *)an->hot)->tokens[k];
        size_t start, stop, tl = 0;
        if (same) { /* plain offsets: the word's own bytes */
            start = rs + ws;
            stop = rs + ws + wl;
        } else {
            original_range(&w->r, offs, ws, ws + wl, &start, &stop);
        }
        tk->start = (uint8_t)(start - rs);
        tk->end = (uint8_t)(stop - rs);
        tk->stop = wb->stop;
        tk->word = (uint8_t)ws;
        tk->wl = (uint8_t)wb->len[0];
        tk->kind = wb->kind;
        tk->text = (uint16_t)*cold_len;
        for (unsigned t = 1; t < wb->nterms; t++) {
            if (wb->len[t] > UINT8_MAX) return 1;
            if (wb->type[t] == SONGBAD_TERM_STEM) tk->sl = (uint8_t)wb->len[t];
            else tk->kl = (uint8_t)wb->len[t];
            tl += wb->len[t];
        }
        rc = cold_put(an, cold_len, rest, tl);
        if (rc) return rc;
        if (*cold_len > UINT16_MAX) return 1;
    }
    return SONGBAD_OK;
}

/* Memoizes the run of chunk c, whose normalized form is out[0..n) with
 * offsets offs (see build_run), after is the probe context after it.
 * Returns its block, or NULL when it cannot be memoized. */
static const run_block *memoize_run(walk *w, const chunk *c, const char *out,
                                    size_t n, const size_t *offs,
                                    const songbad_norm_context *after, int *rc)
{
    songbad_analyzer *an = w->r.an;
    memo *m = &an->runs;
    size_t cold_len = 0, cold_at, at;
    *rc = SONGBAD_E_TOOBIG;
    if (n <= UINT16_MAX / 2) {
        *rc = build_run(w, c->rs, c->re, out, n, offs, after, 1, &cold_len);
        if (*rc == 1) *rc = build_run(w, c->rs, c->re, out, n, offs, after, 0, &cold_len);
    }
    if (*rc) {
        if (*rc == SONGBAD_E_TOOBIG) *rc = SONGBAD_OK;
        return NULL;
    }
    run_block *b = (run_block *)(void *)an->hot;
    at = memo_add(&an->alloc, m, c->h, an->hot, an->cold, cold_len, &cold_at);
    if (!at) return NULL;
    b = (run_block *)(void *)(m->hot + at);
    b->cold = (uint32_t)cold_at;
    return b;
}

/* The miss path of a run: normalizes it and memoizes what it becomes.
 * Sets *out to its block; or, when the run cannot be memoized, builds the
 * region, puts the run's normalized form in it, applies it to the context
 * and sets *out to NULL. (A run that is memoized leaves the region as it
 * was: most often not built, separators only.) */
static int new_run(walk *w, const chunk *c, const run_block **out)
{
    songbad_analyzer *an = w->r.an;
    const char *o;
    size_t *offs, n = c->re - c->rs;
    int rc;
    songbad_norm_context after;
    songbad_norm_context_probe(&after, w->bits);
    char simple[2 * MAX_RUN];
    uint8_t rel[2 * MAX_RUN];
    size_t m;
    if (songbad_norm_same(an->norm, &after, w->r.text + c->rs, n)) {
        *out = memoize_run(w, c, w->r.text + c->rs, n, NULL, &after, &rc);
        if (rc || *out) return rc;
        rc = open_region(w, c->rs);
        if (!rc) rc = songbad_norm_put_plain(an->norm, w->r.text + c->rs, n, c->rs);
    } else if ((m = songbad_norm_simple(an->norm, &after, w->r.text + c->rs, n, simple,
                                        rel)) > 0) {
        size_t simple_offs[2 * MAX_RUN];
        for (size_t k = 0; k < m; k++) simple_offs[k] = c->rs + rel[k];
        *out = memoize_run(w, c, simple, m, simple_offs, &after, &rc);
        if (rc || *out) return rc;
        rc = open_region(w, c->rs);
        if (!rc) rc = songbad_norm_put(an->norm, simple, m, c->rs, rel);
    } else {
        size_t mark = songbad_norm_output(an->norm, &o, &offs);
        rc = songbad_norm_append(an->norm, &after, w->r.text, w->r.len, c->rs, c->re);
        if (rc) return rc;
        n = songbad_norm_output(an->norm, &o, &offs) - mark;
        /* (a run that normalizes to nothing has no offsets to memoize) */
        *out = n && songbad_norm_uncut(an->norm)
                   ? memoize_run(w, c, o + mark, n, offs + mark, &after, &rc) : NULL;
        if (rc) return rc;
        if (*out) { /* memoized: the caller decides where it goes */
            songbad_norm_truncate(an->norm, mark);
            return SONGBAD_OK;
        }
        if (!w->region) { /* the region comes first: normalize the run again after it */
            songbad_norm_truncate(an->norm, mark);
            songbad_norm_context_probe(&after, w->bits);
            rc = open_region(w, c->rs);
            if (!rc) rc = songbad_norm_append(an->norm, &after, w->r.text, w->r.len,
                                              c->rs, c->re);
        }
    }
    /* not memoized: the general path takes it as it is */
    if (!songbad_norm_context_probed(after.last)) w->ctx.last = after.last;
    if (!songbad_norm_context_probed(after.last_nonspace))
        w->ctx.last_nonspace = after.last_nonspace;
    w->bits = songbad_norm_context_bits(&w->ctx);
    return rc;
}

/* Emits the terms of a fast run that starts at rs. */
static int replay(walk *w, const run_block *b, size_t rs)
{
    state *r = &w->r;
    /* no pointer arithmetic on an empty (NULL) cold area */
    const char *cold = r->an->runs.cold ? (const char *)r->an->runs.cold + b->cold : NULL;
    const char *words = (b->flags & RUN_SAME) ? (const char *)b + b->h.key_off : cold;
    songbad_term term;
    for (unsigned k = 0; k < b->ntokens; k++) {
        const run_token *t = &b->tokens[k];
        term.kind = (songbad_token_kind)t->kind;
        term.start = rs + t->start;
        term.end = rs + t->end;
        term.position = r->position + k;
        term.stopword = t->stop;
        term.text = words + t->word;
        term.len = t->wl;
        term.type = SONGBAD_TERM_WORD;
        term.colocated = 0;
        int rc = r->fn(r->ctx, &term);
        if (rc) return rc;
        term.colocated = 1;
        if (t->sl) {
            term.text = cold + t->text;
            term.len = t->sl;
            term.type = SONGBAD_TERM_STEM;
            rc = r->fn(r->ctx, &term);
            if (rc) return rc;
        }
        if (t->kl) {
            term.text = cold + t->text + t->sl;
            term.len = t->kl;
            term.type = SONGBAD_TERM_KEY;
            rc = r->fn(r->ctx, &term);
            if (rc) return rc;
        }
    }
    r->position += b->ntokens;
    return SONGBAD_OK;
}

/* Normalizes the chunks text[from..to) the general way into the region. */
static int general_chunks(walk *w, size_t from, size_t to)
{
    int rc = open_region(w, from);
    if (!rc) rc = songbad_norm_append(w->r.an->norm, &w->ctx, w->r.text, w->r.len,
                                      from, to);
    w->bits = songbad_norm_context_bits(&w->ctx);
    return rc;
}

/* A chunk whose lead (if any) is a separator: the lead joins the region,
 * the run is replayed (fast) or joins the region. */
static int memo_chunk(walk *w, const chunk *c)
{
    songbad_analyzer *an = w->r.an;
    const unsigned char *t = (const unsigned char *)w->r.text;
    int rc;
    if (c->rs > c->pos) {
        if (w->region) {
            rc = songbad_norm_put_plain(an->norm, w->r.text + c->pos, c->rs - c->pos,
                                        c->pos);
            if (rc) return rc;
        }
        for (size_t i = c->pos; i < c->rs; i++) {
            lead_context(&w->ctx, t[i]);
            w->bits = an->lead_bits[t[i]][w->bits];
        }
    }
    if (c->re == c->rs) return SONGBAD_OK;
    const run_block *b = memo_find(&an->runs, c->h, t + c->rs, c->re - c->rs, w->bits);
    if (!b) {
        rc = new_run(w, c, &b);
        if (rc || !b) return rc;
    }
    run_context(w, b);
    if (b->end && terminator_ok(w, b->end, c->re) &&
        !((b->flags & RUN_START_NUM) && c->rs > c->pos &&
          an->wb[t[c->rs - 1]] == SEG_WB_MIDNUM)) {
        rc = flush_region(w, c->re);
        return rc ? rc : replay(w, b, c->rs);
    }
    rc = open_region(w, c->rs);
    if (rc) return rc;
    if (b->flags & RUN_SAME)
        return songbad_norm_put_plain(an->norm, w->r.text + c->rs, b->out_len, c->rs);
    const char *cold = an->runs.cold ? (const char *)an->runs.cold + b->cold : NULL;
    return songbad_norm_put(an->norm, cold, b->out_len, c->rs,
                            cold ? (const uint8_t *)cold + b->out_len : NULL);
}

/* A macro: GCC takes a static function that only prefetches for one
 * without side effects and drops the calls. */
#if defined(__GNUC__)
#define PREFETCH(p) __builtin_prefetch(p)
#else
#define PREFETCH(p) ((void)(p))
#endif

/* Finds the end of the run that starts at t[rs] (the bytes before the next
 * ASCII byte) and hashes it on the way, as hash_bytes would. */
static size_t scan_run(const unsigned char *t, size_t len, size_t rs,
                       uint64_t *hash)
{
    /* the first k bytes of a word, in memory order, are kept by the mask
     * read at ones + 8 - k */
    static const unsigned char ones[16] = {255, 255, 255, 255, 255, 255, 255, 255};
    uint64_t h = 0, x, m;
    size_t i = rs;
    for (; i + 8 <= len; i += 8) {
        memcpy(&x, t + i, 8);
        uint64_t ascii = ~x & UINT64_C(0x8080808080808080);
        if (ascii) { /* k bytes before the first ASCII one */
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
            size_t k = (size_t)__builtin_ctzll(ascii) / 8;
#else
            size_t k = 0;
            while (t[i + k] >= 0x80) k++;
#endif
            if (k) {
                memcpy(&m, ones + 8 - k, 8);
                h = hash_mix(h, x & m);
            }
            *hash = hash_end(h, i + k - rs);
            return i + k;
        }
        h = hash_mix(h, x);
    }
    size_t j = i;
    while (j < len && t[j] >= 0x80) j++;
    if (j > i) {
        x = 0;
        memcpy(&x, t + i, j - i);
        h = hash_mix(h, x);
    }
    *hash = hash_end(h, j - rs);
    return j;
}

/* Scans the chunk at pos into c and prefetches its memo slot: memo latency
 * is most of the cost of a hit. */
static void scan_chunk(const walk *w, size_t pos, chunk *c)
{
    const songbad_analyzer *an = w->r.an;
    const unsigned char *t = (const unsigned char *)w->r.text;
    size_t len = w->r.len;
    int sep = 0;
    c->pos = c->rs = pos;
    if (t[pos] < 0x80) { /* the lead: separators in a row are one (", ") */
        unsigned first = an->separator[t[pos]];
        c->rs = pos + 1;
        if (first && c->rs < len && t[c->rs] < 0x80 && an->separator[t[c->rs]] == 1) {
            sep = 1;
            while (c->rs < len && t[c->rs] < 0x80 && an->separator[t[c->rs]] == 1) c->rs++;
        } else {
            sep = first == 1 || (first == 2 && c->rs == len);
        }
    }
    c->re = scan_run(t, len, c->rs, &c->h);
    c->memo = (c->rs == pos || sep) && c->re - c->rs <= MAX_RUN;
    if (c->memo && c->re > c->rs && an->runs.nslots)
        PREFETCH(&an->runs.slots[c->h & (an->runs.nslots - 1)]);
}

/* The memo block that a scanned chunk will most likely look at (its slot
 * has come in by now), or NULL. */
static const unsigned char *likely_block(const walk *w, const chunk *c)
{
    const memo *m = &w->r.an->runs;
    if (!c->memo || c->re == c->rs || !m->nslots) return NULL;
    size_t mask = m->nslots - 1, i = (size_t)c->h & mask;
    uint32_t sh = slot_hash(c->h);
    for (uint32_t s; (s = m->slots[i]) != 0; i = (i + 1) & mask)
        if ((s & SLOT_HASH_MASK) == sh) return slot_block(m, s);
    return NULL;
}

/* Chunks scanned ahead (a power of two): their memo slots are prefetched
 * when scanned, their blocks half way. */
#define AHEAD 8

/* Walks the text chunk by chunk, a few chunks ahead of the analysis. */
static int walk_chunks(walk *w)
{
    size_t len = w->r.len, next = 0, general = SIZE_MAX;
    chunk q[AHEAD];
    size_t head = 0, count = 0;
    int rc = SONGBAD_OK;
    while (rc == SONGBAD_OK) {
        while (count < AHEAD && next < len) {
            chunk *c = &q[(head + count++) & (AHEAD - 1)];
            scan_chunk(w, next, c);
            next = c->re;
        }
        if (count == 0) break;
        const chunk *c = &q[head];
        if (count > AHEAD / 2) {
            const unsigned char *b = likely_block(w, &q[(head + AHEAD / 2) & (AHEAD - 1)]);
            if (b) {
                PREFETCH(b);
                PREFETCH(b + 63);
            }
        }
        if (!c->memo) {
            if (general == SIZE_MAX) general = c->pos; /* joins the general span */
        } else {
            if (general != SIZE_MAX) rc = general_chunks(w, general, c->pos);
            general = SIZE_MAX;
            if (!rc) rc = memo_chunk(w, c);
        }
        head = (head + 1) & (AHEAD - 1);
        count--;
    }
    if (!rc && general != SIZE_MAX) rc = general_chunks(w, general, len);
    if (!rc) rc = flush_region(w, len); /* separators left alone give no token */
    return rc;
}

int songbad_analyze(songbad_analyzer *an, const char *text, size_t len,
                    songbad_term_fn fn, void *ctx)
{
    if (!an || (!text && len) || !fn) return SONGBAD_E_INVAL;
    walk w;
    memset(&w, 0, sizeof w);
    w.r.an = an;
    w.r.text = text ? text : "";
    w.r.len = len;
    w.r.fn = fn;
    w.r.ctx = ctx;
    songbad_norm_context_reset(&w.ctx);
    w.bits = songbad_norm_context_bits(&w.ctx);
    songbad_norm_begin(an->norm, 1);
    int rc = walk_chunks(&w);
    songbad_norm_truncate(an->norm, 0);
    return rc == SONGBAD_DONE ? SONGBAD_OK : rc;
}
