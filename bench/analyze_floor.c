/*
 * analyze_floor.c - a lower bound for any analyzer that remembers the words
 * it has seen: it does strictly less than `songbad analyze --jsonl --count`.
 *
 *   analyze_floor FILE.jsonl   ->  {"bytes":...,"tokens":...,"distinct":...,"terms":...}
 *
 * It maps the file as songbad does, splits it into words (a run of bytes that are
 * not ASCII punctuation or space: no JSON decoding, no normalization, no
 * Unicode properties), hashes each word, looks it up in an open-addressing
 * table of the words seen (prefetched a few words ahead) and hands two
 * terms per word to a counting callback, as an analyzer hands its terms to
 * the index. A new word costs one copy into the table and nothing else: no
 * stem, no key, no stopword lookup. So its speed is the ceiling of the
 * memo design songbad uses, on this machine (bench/analyze_bench.sh prints
 * it next to songbad and Lucene).
 */
#define _GNU_SOURCE /* MAP_ANONYMOUS, MAP_POPULATE */
#include <emmintrin.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TABLE_BITS 18   /* slots; the dev corpus has about 84,000 distinct words */
#define WORD_MAX 48     /* bytes of a word kept for comparison */
#define AHEAD 8         /* words hashed and prefetched before their lookup */

typedef struct floor_term {
    const unsigned char *text;
    size_t len, start, end, position;
} floor_term;

typedef struct word_entry {
    uint64_t hash;
    uint32_t len, nterms;
    unsigned char bytes[WORD_MAX];
} word_entry;

typedef struct pending_word {
    size_t start, end;
    uint64_t hash;
} pending_word;

typedef struct memo_table {
    uint32_t *slots;       /* 0 = empty, else an index into entries */
    word_entry *entries;
    uint32_t nentries;
} memo_table;

typedef int (*term_fn)(void *ctx, const floor_term *t);

typedef struct totals {
    size_t tokens, terms, distinct, term_bytes;
} totals;

static int count_term(void *ctx, const floor_term *t)
{
    totals *c = ctx;
    c->terms++;
    c->term_bytes += t->len;
    return 0;
}

/* Bit i set when byte i of the 64 at p is ASCII but not a letter or digit. */
static uint64_t separator_mask(const unsigned char *p)
{
    uint64_t mask = 0;
    for (int k = 0; k < 4; k++) {
        __m128i v = _mm_loadu_si128((const __m128i *)(p + 16 * k));
        __m128i ascii = _mm_cmpgt_epi8(v, _mm_set1_epi8(-1));
        __m128i folded = _mm_or_si128(v, _mm_set1_epi8(0x20));
        __m128i letter = _mm_and_si128(_mm_cmpgt_epi8(folded, _mm_set1_epi8('a' - 1)),
                                       _mm_cmplt_epi8(folded, _mm_set1_epi8('z' + 1)));
        __m128i digit = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('0' - 1)),
                                      _mm_cmplt_epi8(v, _mm_set1_epi8('9' + 1)));
        __m128i sep = _mm_andnot_si128(_mm_or_si128(letter, digit), ascii);
        mask |= (uint64_t)(uint16_t)_mm_movemask_epi8(sep) << (16 * k);
    }
    return mask;
}

/* The buffer has 8 readable bytes past every word (see main). */
static uint64_t hash_word(const unsigned char *s, size_t len)
{
    uint64_t h = len * UINT64_C(0x9E3779B97F4A7C15), w;
    size_t i = 0;
    for (; i + 8 <= len; i += 8) {
        memcpy(&w, s + i, 8);
        h = (h ^ w) * UINT64_C(0x9E3779B97F4A7C15);
        h ^= h >> 31;
    }
    if (i < len) {
        memcpy(&w, s + i, 8);
        w &= ~UINT64_C(0) >> (8 * (8 - (len - i)));
        h = (h ^ w) * UINT64_C(0x9E3779B97F4A7C15);
    }
    return h ^ (h >> 29);
}

static void look_up(memo_table *m, const unsigned char *text, const pending_word *w,
                    size_t position, term_fn fn, totals *c)
{
    size_t len = w->end - w->start, keep = len < WORD_MAX ? len : WORD_MAX;
    size_t mask = ((size_t)1 << TABLE_BITS) - 1, i = w->hash & mask;
    word_entry *e;
    for (;; i = (i + 1) & mask) {
        uint32_t at = m->slots[i];
        if (!at) {
            if (m->nentries + 1 >= (1u << TABLE_BITS) / 2) { /* full: count only */
                c->tokens++;
                return;
            }
            at = m->slots[i] = ++m->nentries;
            e = &m->entries[at];
            e->hash = w->hash;
            e->len = (uint32_t)len;
            e->nterms = 2;
            memcpy(e->bytes, text + w->start, keep);
            c->distinct++;
            break;
        }
        e = &m->entries[at];
        if (e->hash == w->hash && e->len == len && !memcmp(e->bytes, text + w->start, keep))
            break;
    }
    c->tokens++;
    for (uint32_t k = 0; k < e->nterms; k++) {
        floor_term t = {e->bytes, keep, w->start, w->end, position};
        fn(c, &t);
    }
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: analyze_floor FILE.jsonl\n");
        return 2;
    }
    /* mapped as songbad maps it (cli/cmd_analyze.c), over an anonymous
     * page or more that the last block reads as zeros (separators) */
    int fd = open(argv[1], O_RDONLY);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0 || st.st_size <= 0) {
        perror(argv[1]);
        return 1;
    }
    size_t n = (size_t)st.st_size;
    unsigned char *text = mmap(NULL, n + 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (text == MAP_FAILED ||
        mmap(text, n, PROT_READ, MAP_PRIVATE | MAP_FIXED | MAP_POPULATE, fd, 0) == MAP_FAILED) {
        perror(argv[1]);
        return 1;
    }
    close(fd);
    memo_table m = {calloc((size_t)1 << TABLE_BITS, sizeof(uint32_t)),
                    malloc(((size_t)1 << TABLE_BITS) / 2 * sizeof(word_entry)), 0};
    if (!m.slots || !m.entries) {
        fprintf(stderr, "analyze_floor: out of memory\n");
        return 1;
    }

    totals c = {0, 0, 0, 0};
    pending_word ring[AHEAD];
    size_t queued = 0, done = 0, word_start = 0;
    uint64_t in_word = 0;
    for (size_t b = 0; b < n; b += 64) {
        uint64_t word = ~separator_mask(text + b);
        uint64_t before = (word << 1) | in_word;     /* bit i: byte i-1 is in a word */
        uint64_t starts = word & ~before, ends = ~word & before;
        in_word = word >> 63;
        while (starts | ends) {
            int s = starts ? __builtin_ctzll(starts) : 64, e = ends ? __builtin_ctzll(ends) : 64;
            if (s < e) {
                word_start = b + (size_t)s;
                starts &= starts - 1;
                continue;
            }
            ends &= ends - 1;
            pending_word *w = &ring[queued % AHEAD];
            if (queued - done == AHEAD) {
                look_up(&m, text, w, done, count_term, &c);
                done++;
            }
            w->start = word_start;
            w->end = b + (size_t)e;
            w->hash = hash_word(text + w->start, w->end - w->start);
            __builtin_prefetch(&m.slots[w->hash & (((size_t)1 << TABLE_BITS) - 1)]);
            queued++;
        }
    }
    for (; done < queued; done++) look_up(&m, text, &ring[done % AHEAD], done, count_term, &c);
    printf("{\"bytes\":%zu,\"tokens\":%zu,\"distinct\":%zu,\"terms\":%zu}\n", n, c.tokens,
           c.distinct, c.terms);
    munmap(text, n + 4096);
    free(m.slots);
    free(m.entries);
    return 0;
}
