/* seg_word.c - word boundaries, UAX #29 of Unicode 15.1 (WB1-WB999), with no
 * tailoring. Bengali letters are ALetter and vowel signs, virama, nukta,
 * ZWJ and ZWNJ are Extend/Format/ZWJ, so a Bengali word stays whole by WB4
 * and WB5; the danda (U+0964) is Other and so stands alone. */
#include "seg_int.h"

static int is_ahletter(int wb)
{
    return wb == SEG_WB_ALETTER || wb == SEG_WB_HEBREW_LETTER;
}

static int is_midletter_q(int wb) /* MidLetter | MidNumLetQ */
{
    return wb == SEG_WB_MIDLETTER || wb == SEG_WB_MIDNUMLET ||
           wb == SEG_WB_SINGLE_QUOTE;
}

static int is_midnum_q(int wb) /* MidNum | MidNumLetQ */
{
    return wb == SEG_WB_MIDNUM || wb == SEG_WB_MIDNUMLET ||
           wb == SEG_WB_SINGLE_QUOTE;
}

static int is_ignorable(int wb) /* WB4 */
{
    return wb == SEG_WB_EXTEND || wb == SEG_WB_FORMAT || wb == SEG_WB_ZWJ;
}

/* The Word_Break value of the first code point at or after i that is not
 * Extend/Format/ZWJ (WB4), or -1 at the end of the text or when more than
 * SEG_WORD_LOOKAHEAD_MAX ignorable code points come first. */
static int next_effective(const char *text, size_t len, size_t i)
{
    for (int k = 0; i < len && k <= SEG_WORD_LOOKAHEAD_MAX; k++) {
        uint32_t cp;
        i += seg_decode(text, len, i, &cp);
        int wb = SEG_WB(songbad_seg_prop(cp));
        if (!is_ignorable(wb)) return wb;
    }
    return -1;
}

/* One forward pass. raw is the Word_Break value of the code point just
 * before i; eff and eff2 are the last two values that WB4 did not absorb
 * (eff2 = -1 when there is none); ri is the parity of the run of
 * Regional_Indicators ending at eff. A call costs O(length of the word +
 * SEG_WORD_LOOKAHEAD_MAX). */
size_t songbad_seg_word_next(const char *text, size_t len, size_t start)
{
    uint32_t cp;
    size_t i = start + seg_decode(text, len, start, &cp);
    int raw = SEG_WB(songbad_seg_prop(cp));
    int eff = raw, eff2 = -1;
    int ri = raw == SEG_WB_RI;

    /* The first code point (after sot or after a newline, WB3a) is never
     * absorbed by WB4, so eff starts as raw. */
    while (i < len) {
        size_t n = seg_decode(text, len, i, &cp);
        uint32_t p = songbad_seg_prop(cp);
        int cur = SEG_WB(p);
        int join;

        if (raw == SEG_WB_CR && cur == SEG_WB_LF) join = 1;             /* WB3 */
        else if (raw == SEG_WB_NEWLINE || raw == SEG_WB_CR ||
                 raw == SEG_WB_LF) join = 0;                          /* WB3a */
        else if (cur == SEG_WB_NEWLINE || cur == SEG_WB_CR ||
                 cur == SEG_WB_LF) join = 0;                          /* WB3b */
        else if (raw == SEG_WB_ZWJ && SEG_EXTPICT(p)) join = 1;        /* WB3c */
        else if (raw == SEG_WB_WSEGSPACE && cur == SEG_WB_WSEGSPACE)
            join = 1;                                                 /* WB3d */
        else if (is_ignorable(cur)) {                                 /* WB4 */
            raw = cur;
            i += n;
            continue;
        } else if (is_ahletter(eff) && is_ahletter(cur)) join = 1;      /* WB5 */
        else if (is_ahletter(eff) && is_midletter_q(cur) &&
                 is_ahletter(next_effective(text, len, i + n))) join = 1; /* WB6 */
        else if (is_ahletter(eff2) && is_midletter_q(eff) && is_ahletter(cur))
            join = 1;                                                 /* WB7 */
        else if (eff == SEG_WB_HEBREW_LETTER && cur == SEG_WB_SINGLE_QUOTE)
            join = 1;                                                 /* WB7a */
        else if (eff == SEG_WB_HEBREW_LETTER && cur == SEG_WB_DOUBLE_QUOTE &&
                 next_effective(text, len, i + n) == SEG_WB_HEBREW_LETTER)
            join = 1;                                                 /* WB7b */
        else if (eff2 == SEG_WB_HEBREW_LETTER && eff == SEG_WB_DOUBLE_QUOTE &&
                 cur == SEG_WB_HEBREW_LETTER) join = 1;                 /* WB7c */
        else if (eff == SEG_WB_NUMERIC && cur == SEG_WB_NUMERIC) join = 1; /* WB8 */
        else if (is_ahletter(eff) && cur == SEG_WB_NUMERIC) join = 1;    /* WB9 */
        else if (eff == SEG_WB_NUMERIC && is_ahletter(cur)) join = 1;    /* WB10 */
        else if (eff2 == SEG_WB_NUMERIC && is_midnum_q(eff) &&
                 cur == SEG_WB_NUMERIC) join = 1;                       /* WB11 */
        else if (eff == SEG_WB_NUMERIC && is_midnum_q(cur) &&
                 next_effective(text, len, i + n) == SEG_WB_NUMERIC)
            join = 1;                                                 /* WB12 */
        else if (eff == SEG_WB_KATAKANA && cur == SEG_WB_KATAKANA) join = 1; /* WB13 */
        else if ((is_ahletter(eff) || eff == SEG_WB_NUMERIC ||
                  eff == SEG_WB_KATAKANA || eff == SEG_WB_EXTENDNUMLET) &&
                 cur == SEG_WB_EXTENDNUMLET) join = 1;                  /* WB13a */
        else if (eff == SEG_WB_EXTENDNUMLET &&
                 (is_ahletter(cur) || cur == SEG_WB_NUMERIC ||
                  cur == SEG_WB_KATAKANA)) join = 1;                    /* WB13b */
        else if (eff == SEG_WB_RI && cur == SEG_WB_RI) join = ri;        /* WB15, WB16 */
        else join = 0;                                                /* WB999 */
        if (!join) return i;

        if (!is_ignorable(cur)) {
            ri = cur == SEG_WB_RI ? (eff == SEG_WB_RI ? !ri : 1) : 0;
            eff2 = eff;
            eff = cur;
        }
        raw = cur;
        i += n;
    }
    return len;
}
