/*
 * seg_int.h - internal declarations of the segmentation module (seg_*.c and
 * the generated src/gen/seg_tables.c). Nothing here is public.
 */
#ifndef SONGBAD_SEG_INT_H
#define SONGBAD_SEG_INT_H

#include "songbad_int.h"

/* Property values. The order is fixed by tools/gen/gen_seg.c; the generated
 * tables check it with static asserts. */
enum seg_gcb {
    SEG_GCB_OTHER, SEG_GCB_CR, SEG_GCB_LF, SEG_GCB_CONTROL, SEG_GCB_EXTEND,
    SEG_GCB_ZWJ, SEG_GCB_RI, SEG_GCB_PREPEND, SEG_GCB_SPACINGMARK, SEG_GCB_L,
    SEG_GCB_V, SEG_GCB_T, SEG_GCB_LV, SEG_GCB_LVT
};
enum seg_incb { SEG_INCB_NONE, SEG_INCB_LINKER, SEG_INCB_CONSONANT, SEG_INCB_EXTEND };
enum seg_wb {
    SEG_WB_OTHER, SEG_WB_CR, SEG_WB_LF, SEG_WB_NEWLINE, SEG_WB_EXTEND,
    SEG_WB_ZWJ, SEG_WB_RI, SEG_WB_FORMAT, SEG_WB_KATAKANA,
    SEG_WB_HEBREW_LETTER, SEG_WB_ALETTER, SEG_WB_SINGLE_QUOTE,
    SEG_WB_DOUBLE_QUOTE, SEG_WB_MIDNUMLET, SEG_WB_MIDLETTER, SEG_WB_MIDNUM,
    SEG_WB_NUMERIC, SEG_WB_EXTENDNUMLET, SEG_WB_WSEGSPACE
};
enum seg_sb {
    SEG_SB_OTHER, SEG_SB_CR, SEG_SB_LF, SEG_SB_EXTEND, SEG_SB_SEP,
    SEG_SB_FORMAT, SEG_SB_SP, SEG_SB_LOWER, SEG_SB_UPPER, SEG_SB_OLETTER,
    SEG_SB_NUMERIC, SEG_SB_ATERM, SEG_SB_SCONTINUE, SEG_SB_STERM, SEG_SB_CLOSE
};

/* Layout of a packed property value. SEG_WORDCHAR_BIT marks letters, digits
 * and ideographs (Word_Break ALetter, Hebrew_Letter, Numeric, Katakana, or
 * Alphabetic without being Extend/Format/ZWJ). */
#define SEG_GCB_SHIFT 0
#define SEG_INCB_SHIFT 4
#define SEG_EXTPICT_BIT 0x40u
#define SEG_WB_SHIFT 7
#define SEG_SB_SHIFT 12
#define SEG_WORDCHAR_BIT 0x10000u

#define SEG_GCB(p) ((int)(((p) >> SEG_GCB_SHIFT) & 0xFu))
#define SEG_INCB(p) ((int)(((p) >> SEG_INCB_SHIFT) & 0x3u))
#define SEG_EXTPICT(p) (((p) & SEG_EXTPICT_BIT) != 0)
#define SEG_WB(p) ((int)(((p) >> SEG_WB_SHIFT) & 0x1Fu))
#define SEG_SB(p) ((int)(((p) >> SEG_SB_SHIFT) & 0xFu))
#define SEG_WORDCHAR(p) (((p) & SEG_WORDCHAR_BIT) != 0)

/* ==== gen/seg_tables.c (generated) ======================================= */
/* The packed properties of cp (any value; above U+10FFFF gives defaults). */
uint32_t songbad_seg_prop(uint32_t cp);
/* The Unicode version the tables were generated from, e.g. "15.1.0". */
const char *songbad_seg_unicode_version(void);

/* ==== seg_grapheme.c / seg_word.c / seg_sentence.c ======================= */
/* Each returns the next boundary after start as songbad_segment_next() does;
 * start < len is required. start is taken to be a boundary (0 or a result of
 * an earlier call): the rules run as if the text began at start, apart from
 * the sentence tailoring, which looks a few code points behind a '.'. */
size_t songbad_seg_grapheme_next(const char *text, size_t len, size_t start);
size_t songbad_seg_word_next(const char *text, size_t len, size_t start);
size_t songbad_seg_sentence_next(const char *text, size_t len, size_t start);
/* Plain UAX #29 sentence boundaries, without the Bengali news tailoring
 * (abbreviations); used by the conformance test. */
size_t songbad_seg_sentence_next_untailored(const char *text, size_t len,
                                            size_t start);

/* Upper bounds, in code points, of the look-ahead of word rules WB6, WB7b
 * and WB12 (over Extend/Format/ZWJ) and of sentence rule SB8. Past them
 * the rule is taken not to apply, which keeps every call cheap. */
#define SEG_WORD_LOOKAHEAD_MAX 256
#define SEG_SENTENCE_LOOKAHEAD_MAX 1024

/* Decodes the code point at text[i] (i < len) into *cp; returns its length. */
static inline size_t seg_decode(const char *text, size_t len, size_t i,
                                uint32_t *cp)
{
    const unsigned char *s = (const unsigned char *)text + i;
    if (s[0] < 0x80) {
        *cp = s[0];
        return 1;
    }
    return songbad_utf8_decode_fast(s, len - i, cp);
}

#endif /* SONGBAD_SEG_INT_H */
