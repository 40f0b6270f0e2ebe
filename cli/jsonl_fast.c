/* jsonl_fast.c - the "title" and "body" of a JSON Lines record, without
 * building a JSON tree.
 *
 * `songbad analyze --jsonl` reads a record at a time, and jansson builds a
 * tree of every record (each field, each string copied). This reader takes
 * the usual shape of a record - one object whose values are strings,
 * integers, true, false or null - checks it as strictly as jansson's
 * json_loadb with JSON_REJECT_DUPLICATES does, and returns the two strings,
 * decoded only when they hold escapes. What it does not take goes to
 * jansson, which reads it or names the error: results and messages are
 * always jansson's.
 */
#include "jsonl_fast.h"
#include "songbad.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* A string value: in the record, or at off in the buffer once decoded. */
typedef struct value {
    const char *ptr; /* NULL: at off in the buffer */
    size_t off, len;
    int present;     /* a string value was read */
} value;

typedef struct reader {
    const unsigned char *p, *end;
    jsonl_fast *j;
    size_t used; /* bytes of j->buf that hold decoded values */
} reader;

/* jansson's white space. */
static void skip_ws(reader *r)
{
    while (r->p < r->end &&
           (*r->p == ' ' || *r->p == '\t' || *r->p == '\r' || *r->p == '\n'))
        r->p++;
}

/* The length of the well-formed UTF-8 sequence of 2 to 4 bytes at p
 * (Unicode table 3-7, which is also what jansson accepts), or 0. */
static size_t utf8_len(const unsigned char *p, const unsigned char *end)
{
    unsigned char b0 = p[0];
    size_t avail = (size_t)(end - p);
    if (b0 >= 0xE0 && b0 <= 0xEF) {
        if (avail < 3 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80) return 0;
        if (b0 == 0xE0 && p[1] < 0xA0) return 0; /* overlong */
        if (b0 == 0xED && p[1] > 0x9F) return 0; /* a surrogate */
        return 3;
    }
    if (b0 >= 0xC2 && b0 <= 0xDF)
        return avail >= 2 && (p[1] & 0xC0) == 0x80 ? 2 : 0;
    if (b0 >= 0xF0 && b0 <= 0xF4) {
        if (avail < 4 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80 ||
            (p[3] & 0xC0) != 0x80)
            return 0;
        if (b0 == 0xF0 && p[1] < 0x90) return 0; /* overlong */
        if (b0 == 0xF4 && p[1] > 0x8F) return 0; /* above U+10FFFF */
        return 4;
    }
    return 0;
}

/* Thirty-two bytes at a time over what is nearly all of a news text:
 * printable ASCII other than '"' and '\\', and 3-byte UTF-8 sequences with
 * the lead byte E0 (Bengali, the danda), which are well-formed when each
 * lead is followed by two continuation bytes (80..BF), the first A0..BF (no
 * overlong form), and no other continuation byte appears. Returns where
 * the blocks stop being such text, at a code point boundary; plain_run goes
 * on from there one code point at a time. A mask has a bit per byte. */
#if defined(__SSE2__)
typedef struct block_masks {
    uint32_t bad;      /* a quote, a backslash, a control, another non-ASCII byte */
    uint32_t leads;    /* E0 */
    uint32_t conts;    /* 80..BF */
    uint32_t above_9f; /* A0..FF or ASCII */
} block_masks;

/* The masks of the 16 bytes at p (signed compares: bytes from 80 are
 * negative, 80..BF below C0). */
static inline block_masks masks16(const unsigned char *p)
{
    __m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
    __m128i high = _mm_cmplt_epi8(v, _mm_setzero_si128());
    __m128i leads = _mm_cmpeq_epi8(v, _mm_set1_epi8((char)0xE0));
    __m128i conts = _mm_cmplt_epi8(v, _mm_set1_epi8((char)0xC0));
    __m128i ctrl = _mm_andnot_si128(high, _mm_cmplt_epi8(v, _mm_set1_epi8(' ')));
    __m128i stops = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')),
                                              _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'))),
                                 ctrl);
    __m128i other = _mm_andnot_si128(_mm_or_si128(conts, leads), high);
    block_masks m;
    m.bad = (uint32_t)_mm_movemask_epi8(_mm_or_si128(stops, other));
    m.leads = (uint32_t)_mm_movemask_epi8(leads);
    m.conts = (uint32_t)_mm_movemask_epi8(conts);
    m.above_9f = (uint32_t)_mm_movemask_epi8(_mm_cmpgt_epi8(v, _mm_set1_epi8((char)0x9F)));
    return m;
}

static const unsigned char *plain_blocks(const unsigned char *p,
                                         const unsigned char *end)
{
    uint32_t prev_leads = 0; /* of the last block taken */
    while (end - p >= 32) {
        block_masks lo = masks16(p), hi = masks16(p + 16);
        if (lo.bad | hi.bad) break;
        uint32_t leads = lo.leads | hi.leads << 16, conts = lo.conts | hi.conts << 16;
        /* continuation bytes exactly where the leads (here and in the
         * block before) want them; the first of each A0..BF */
        uint32_t seconds = leads << 1 | prev_leads >> 31;
        uint32_t wanted = seconds | leads << 2 | prev_leads >> 30;
        if (conts != wanted || (seconds & ~(lo.above_9f | hi.above_9f << 16))) break;
        prev_leads = leads;
        p += 32;
    }
    /* back to the lead of a sequence the last block taken cut */
    if (prev_leads >> 31) return p - 1;
    if (prev_leads >> 30 & 1) return p - 2;
    return p;
}
#else
static const unsigned char *plain_blocks(const unsigned char *p,
                                         const unsigned char *end)
{
    (void)end;
    return p;
}
#endif

/* Skips the plain part of a string from p: stops at a quote, a backslash,
 * a control character, invalid UTF-8 or the end. After plain_blocks, one
 * code point at a time past the block it stopped at (Bengali E0 A6..A7 xx
 * and printable ASCII take the first two tests). */
static const unsigned char *plain_run(const unsigned char *p,
                                      const unsigned char *end)
{
    while (p < end) {
        p = plain_blocks(p, end);
        const unsigned char *upto = end - p > 32 ? p + 32 : end;
        while (p < upto) {
            unsigned char c = *p;
            if (c == 0xE0 && end - p >= 3 && (p[1] == 0xA6 || p[1] == 0xA7) &&
                (p[2] & 0xC0) == 0x80) {
                p += 3;
            } else if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
                p++;
            } else if (c >= 0x80) {
                size_t n = utf8_len(p, end);
                if (!n) return p;
                p += n;
            } else {
                return p;
            }
        }
    }
    return p;
}

static int hex4(const unsigned char *p, const unsigned char *end, uint32_t *v)
{
    if (end - p < 4) return 0;
    uint32_t x = 0;
    for (int i = 0; i < 4; i++) {
        unsigned char c = p[i];
        x <<= 4;
        if (c >= '0' && c <= '9') x |= (uint32_t)(c - '0');
        else if (c >= 'a' && c <= 'f') x |= (uint32_t)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F') x |= (uint32_t)(c - 'A' + 10);
        else return 0;
    }
    *v = x;
    return 1;
}

/* The code points here are scalar values (escapes are checked), so the
 * library's encoder writes them as they are. */
static size_t put_utf8(uint32_t cp, char *o)
{
    return songbad_utf8_encode(cp, o);
}

/* Decodes the escape after the backslash at *pp into o (when not NULL);
 * returns the bytes written, or -1 for what jansson rejects (an unknown
 * escape, \u0000, a lone surrogate). */
static int escape(const unsigned char **pp, const unsigned char *end, char *o)
{
    const unsigned char *p = *pp + 1;
    if (p >= end) return -1;
    char c;
    switch (*p) {
    case '"': c = '"'; break;
    case '\\': c = '\\'; break;
    case '/': c = '/'; break;
    case 'b': c = '\b'; break;
    case 'f': c = '\f'; break;
    case 'n': c = '\n'; break;
    case 'r': c = '\r'; break;
    case 't': c = '\t'; break;
    case 'u': {
        uint32_t cp, lo;
        if (!hex4(p + 1, end, &cp) || cp == 0) return -1;
        p += 5;
        if (cp >= 0xDC00 && cp <= 0xDFFF) return -1;
        if (cp >= 0xD800 && cp <= 0xDBFF) { /* needs its low half */
            if (end - p < 6 || p[0] != '\\' || p[1] != 'u' || !hex4(p + 2, end, &lo) ||
                lo < 0xDC00 || lo > 0xDFFF)
                return -1;
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            p += 6;
        }
        *pp = p;
        char tmp[4];
        return (int)put_utf8(cp, o ? o : tmp);
    }
    default: return -1;
    }
    if (o) *o = c;
    *pp = p + 1;
    return 1;
}

/* Reads the string whose opening quote is at r->p. keep: the value goes to
 * *v; escapes: whether escapes are taken (not in keys). Returns 0 for what
 * this reader does not take. */
static int read_string(reader *r, value *v, int keep, int escapes)
{
    const unsigned char *s = r->p + 1, *end = r->end;
    const unsigned char *p = plain_run(s, end);
    if (p < end && *p == '"') { /* no escape: the value is in the record */
        if (keep) {
            v->ptr = (const char *)s;
            v->len = (size_t)(p - s);
            v->present = 1;
        }
        r->p = p + 1;
        return 1;
    }
    if (p >= end || *p != '\\' || !escapes) return 0;
    /* decode: the value never grows, so one reservation is enough */
    char *o = NULL;
    if (keep) {
        jsonl_fast *j = r->j;
        size_t need = r->used + (size_t)(end - s);
        if (need > j->cap) {
            char *nb = realloc(j->buf, need);
            if (!nb) return 0;
            j->buf = nb;
            j->cap = need;
        }
        o = j->buf + r->used;
        memcpy(o, s, (size_t)(p - s));
        o += p - s;
    }
    for (;;) {
        if (p >= end) return 0;
        if (*p == '"') break;
        if (*p == '\\') {
            int k = escape(&p, end, o);
            if (k < 0) return 0;
            if (o) o += k;
            continue;
        }
        const unsigned char *q = plain_run(p, end);
        if (q == p) return 0; /* a control character or invalid UTF-8 */
        if (o) {
            memcpy(o, p, (size_t)(q - p));
            o += q - p;
        }
        p = q;
    }
    if (keep) {
        v->ptr = NULL;
        v->off = r->used;
        v->len = (size_t)(o - (r->j->buf + r->used));
        v->present = 1;
        r->used += v->len;
    }
    r->p = p + 1;
    return 1;
}

/* Reads true, false, null or an integer of at most 18 digits (jansson
 * would reject larger ones); no real numbers. */
static int read_scalar(reader *r)
{
    static const char *const words[] = {"true", "false", "null"};
    const unsigned char *p = r->p, *end = r->end;
    for (int i = 0; i < 3; i++) {
        size_t n = strlen(words[i]);
        if ((size_t)(end - p) >= n && memcmp(p, words[i], n) == 0) {
            r->p = p + n;
            return 1;
        }
    }
    if (p < end && *p == '-') p++;
    const unsigned char *d = p;
    if (p < end && *p == '0') {
        p++;
    } else {
        while (p < end && *p >= '0' && *p <= '9') p++;
    }
    if (p == d || p - d > 18) return 0;
    r->p = p;
    return 1;
}

static const char *resolve(const jsonl_fast *j, const value *v, size_t *len)
{
    *len = v->present ? v->len : 0;
    if (!v->present) return NULL;
    return v->ptr ? v->ptr : j->buf + v->off;
}

int jsonl_fast_fields(jsonl_fast *j, const char *rec, size_t len,
                      jsonl_fields *f)
{
    reader r = {(const unsigned char *)rec, (const unsigned char *)rec + len, j, 0};
    value title = {NULL, 0, 0, 0}, body = {NULL, 0, 0, 0};
    const unsigned char *keys[JSONL_FAST_MAX_KEYS];
    size_t key_len[JSONL_FAST_MAX_KEYS], nkeys = 0;
    skip_ws(&r);
    if (r.p >= r.end || *r.p++ != '{') return 0;
    skip_ws(&r);
    if (r.p < r.end && *r.p == '}') {
        r.p++;
    } else {
        for (;;) {
            if (r.p >= r.end || *r.p != '"' || nkeys == JSONL_FAST_MAX_KEYS) return 0;
            const unsigned char *k = r.p + 1;
            value kv;
            if (!read_string(&r, &kv, 0, 0)) return 0;
            size_t kl = (size_t)(r.p - 1 - k);
            for (size_t i = 0; i < nkeys; i++) /* JSON_REJECT_DUPLICATES */
                if (key_len[i] == kl && memcmp(keys[i], k, kl) == 0) return 0;
            keys[nkeys] = k;
            key_len[nkeys++] = kl;
            skip_ws(&r);
            if (r.p >= r.end || *r.p++ != ':') return 0;
            skip_ws(&r);
            value *v = kl == 5 && memcmp(k, "title", 5) == 0 ? &title
                     : kl == 4 && memcmp(k, "body", 4) == 0 ? &body : NULL;
            if (r.p < r.end && *r.p == '"') {
                if (!read_string(&r, v, v != NULL, 1)) return 0;
            } else if (!read_scalar(&r)) { /* the field is then no string */
                return 0;
            }
            skip_ws(&r);
            if (r.p < r.end && *r.p == ',') {
                r.p++;
                skip_ws(&r);
                continue;
            }
            if (r.p < r.end && *r.p == '}') {
                r.p++;
                break;
            }
            return 0;
        }
    }
    skip_ws(&r);
    if (r.p != r.end) return 0;
    f->title = resolve(j, &title, &f->title_len);
    f->body = resolve(j, &body, &f->body_len);
    return 1;
}

void jsonl_fast_free(jsonl_fast *j)
{
    free(j->buf);
    j->buf = NULL;
    j->cap = 0;
}
