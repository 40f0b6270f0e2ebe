/* utf8.c - validating and lenient UTF-8 decoding (Unicode 15.1 chapter 3,
 * table 3-7 "well-formed UTF-8 byte sequences"). */
#include "songbad_int.h"

/* Decodes the sequence at s. On an ill-formed sequence returns the length of
 * its maximal subpart (>= 1) with *cp = U+FFFD. len must be > 0. */
size_t songbad_utf8_decode_fast(const unsigned char *s, size_t len,
                                uint32_t *cp)
{
    unsigned char b0 = s[0];
    if (b0 < 0x80) {
        *cp = b0;
        return 1;
    }
    size_t need;
    uint32_t c;
    unsigned char lo = 0x80, hi = 0xBF; /* allowed range of the 2nd byte */
    if (b0 >= 0xC2 && b0 <= 0xDF) {
        need = 1;
        c = b0 & 0x1F;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
        need = 2;
        c = b0 & 0x0F;
        if (b0 == 0xE0) lo = 0xA0;      /* no overlongs */
        else if (b0 == 0xED) hi = 0x9F; /* no surrogates */
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
        need = 3;
        c = b0 & 0x07;
        if (b0 == 0xF0) lo = 0x90;      /* no overlongs */
        else if (b0 == 0xF4) hi = 0x8F; /* nothing above U+10FFFF */
    } else {
        *cp = 0xFFFD;
        return 1;
    }
    size_t i = 1;
    for (; i <= need; i++) {
        if (i >= len) break;
        unsigned char b = s[i];
        if (b < lo || b > hi) break;
        lo = 0x80;
        hi = 0xBF;
        c = (c << 6) | (b & 0x3F);
    }
    if (i <= need) {
        *cp = 0xFFFD;
        return i;
    }
    *cp = c;
    return need + 1;
}

size_t songbad_utf8_decode(const char *text, size_t len, uint32_t *cp)
{
    if (len == 0) {
        *cp = 0xFFFD;
        return 0;
    }
    return songbad_utf8_decode_fast((const unsigned char *)text, len, cp);
}

int songbad_utf8_validate(const char *text, size_t len, size_t *err_offset)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t i = 0;
    while (i < len) {
        /* ASCII fast path, 8 bytes at a time */
        while (i + 8 <= len) {
            uint64_t w;
            memcpy(&w, s + i, 8);
            if (w & UINT64_C(0x8080808080808080)) break;
            i += 8;
        }
        if (i >= len) break;
        if (s[i] < 0x80) {
            i++;
            continue;
        }
        uint32_t cp;
        size_t n = songbad_utf8_decode_fast(s + i, len - i, &cp);
        if (cp == 0xFFFD && !(n == 3 && s[i] == 0xEF && s[i + 1] == 0xBF &&
                              s[i + 2] == 0xBD)) {
            if (err_offset) *err_offset = i;
            return SONGBAD_E_UTF8;
        }
        i += n;
    }
    if (err_offset) *err_offset = len;
    return SONGBAD_OK;
}

size_t songbad_utf8_encode(uint32_t cp, char out[4])
{
    unsigned char *o = (unsigned char *)out;
    if (cp < 0x80) {
        o[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (unsigned char)(0xC0 | (cp >> 6));
        o[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) cp = 0xFFFD;
    if (cp < 0x10000) {
        o[0] = (unsigned char)(0xE0 | (cp >> 12));
        o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (unsigned char)(0xF0 | (cp >> 18));
    o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}

uint32_t songbad_utf8_decode_before(const char *text, size_t end,
                                    size_t *start)
{
    /* Step back over at most 3 continuation bytes, then decode forward; if
     * the forward decode does not end exactly at end, the last byte stands
     * alone as an ill-formed subpart. */
    const unsigned char *s = (const unsigned char *)text;
    size_t b = end - 1;
    size_t lim = end >= 4 ? end - 4 : 0;
    while (b > lim && (s[b] & 0xC0) == 0x80) b--;
    uint32_t cp;
    size_t n = songbad_utf8_decode_fast(s + b, end - b, &cp);
    if (b + n != end) {
        *start = end - 1;
        return 0xFFFD;
    }
    *start = b;
    return cp;
}

int songbad_digit_value(uint32_t cp)
{
    if (cp >= '0' && cp <= '9') return (int)(cp - '0');
    if (cp >= 0x09E6 && cp <= 0x09EF) return (int)(cp - 0x09E6);
    return -1;
}
