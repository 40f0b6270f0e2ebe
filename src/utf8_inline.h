/* utf8_inline.h - decoding one code point inline where every code point of
 * a text is decoded (normalization, the analyzer): ASCII and well-formed
 * 3-byte sequences (all of Bengali) here, the rest by
 * songbad_utf8_decode_fast, with the same results. */
#ifndef SONGBAD_UTF8_INLINE_H
#define SONGBAD_UTF8_INLINE_H

#include "songbad_int.h"

/* Decodes the code point at s[0..len), len > 0; returns its length. */
static inline size_t songbad_utf8_decode_inline(const unsigned char *s,
                                                size_t len, uint32_t *cp)
{
    unsigned char b0 = s[0];
    if (b0 < 0x80) {
        *cp = b0;
        return 1;
    }
    if (len >= 3 && (b0 & 0xF0) == 0xE0 && (s[1] & 0xC0) == 0x80 &&
        (s[2] & 0xC0) == 0x80 && !(b0 == 0xE0 && s[1] < 0xA0) &&
        !(b0 == 0xED && s[1] > 0x9F)) { /* no overlong, no surrogate */
        *cp = ((uint32_t)(b0 & 0x0F) << 12) | ((uint32_t)(s[1] & 0x3F) << 6) |
              (s[2] & 0x3F);
        return 3;
    }
    return songbad_utf8_decode_fast(s, len, cp);
}

#endif /* SONGBAD_UTF8_INLINE_H */
