/* seg_sentence.c - sentence boundaries, UAX #29 of Unicode 15.1 (SB1-SB998),
 * tailored for Bengali news: a '.' that ends a known abbreviation or an
 * initial (ড. মো. লে. (অব.) এ. কে. Dr. A.) does not end the sentence.
 * docs/segmentation.md lists the abbreviations and the deviations. */
#include "seg_int.h"

/* ---- The abbreviation tailoring ---------------------------------------- */

/* Words that are abbreviations when a '.' follows them. Letters with a
 * nukta must be written decomposed here (U+09AF U+09BC, not U+09DF); the
 * word in the text is decomposed the same way before the comparison, so
 * either encoding in the text matches. */
static const char *const abbreviations[] = {
    /* titles and ranks */
    "ড",      /* ডক্টর, doctor (PhD) */
    "ডা",     /* ডাক্তার, physician */
    "মো",     /* মোহাম্মদ */
    "মোছা",   /* মোছাম্মৎ */
    "মি",     /* মিস্টার */
    "মিস",    /* Miss */
    "মিসেস",  /* Mrs */
    "লে",     /* লেফটেন্যান্ট */
    "ক",      /* কর্নেল */
    "অব",     /* অবসরপ্রাপ্ত, as in "(অব.)" */
    /* Latin letters spelled in Bengali, used as initials (এম. এ., বি. এস. সি.)
     * The one-aksara ones (বি সি ডি জে কে পি টি ...) and the vowels এ ই ও
     * are covered by the initial rule below. আর (R) is left out: it is
     * also the common word "and". */
    "এম", "এস", "এফ", "এল", "এন", "এক্স", "এইচ", "আই", "ইউ", "কিউ",
    "জেড", "ডব্লিউ",
    "\xE0\xA6\x93\xE0\xA6\xAF\xE0\xA6\xBC\xE0\xA6\xBE\xE0\xA6\x87", /* ওয়াই */
    /* Latin */
    "Dr", "Mr", "Mrs", "Ms", "St", "No",
};

/* Common one-aksara words that may well end a sentence written with '.'
 * instead of '।'; they are not taken as initials. */
static const char *const not_initials[] = {"না", "তা", "যা", "সে", "যে", "কি", "কী"};

/* Longest word considered, in code points after decomposing nukta letters;
 * the longest list entry (ডব্লিউ) has 6. */
#define ABBR_MAX 8

static int in_list(const char *word, size_t n, const char *const *list,
                   size_t count)
{
    for (size_t k = 0; k < count; k++)
        if (strlen(list[k]) == n && memcmp(list[k], word, n) == 0) return 1;
    return 0;
}

static int is_bengali_consonant(uint32_t cp)
{
    return cp >= 0x0980 && cp <= 0x09FF &&
           SEG_INCB(songbad_seg_prop(cp)) == SEG_INCB_CONSONANT;
}

static int is_bengali_vowel_sign(uint32_t cp)
{
    return (cp >= 0x09BE && cp <= 0x09C4) || cp == 0x09C7 || cp == 0x09C8 ||
           cp == 0x09CB || cp == 0x09CC || cp == 0x09E2 || cp == 0x09E3;
}

static int is_bengali_independent_vowel(uint32_t cp)
{
    return (cp >= 0x0985 && cp <= 0x098C) || cp == 0x098F || cp == 0x0990 ||
           cp == 0x0993 || cp == 0x0994 || cp == 0x09E0 || cp == 0x09E1;
}

/* An initial: one Bengali consonant (with an optional nukta and an optional
 * vowel sign), one Bengali independent vowel, or one capital A-Z. */
static int is_initial(const uint32_t *w, size_t n)
{
    if (n == 1)
        return (w[0] >= 'A' && w[0] <= 'Z') ||
               is_bengali_independent_vowel(w[0]) || is_bengali_consonant(w[0]);
    if (!is_bengali_consonant(w[0])) return 0;
    size_t k = 1;
    if (k < n && w[k] == 0x09BC) k++;
    if (k < n && is_bengali_vowel_sign(w[k])) k++;
    return k == n;
}

/* Whether the '.' at text[dot] ends an abbreviation: the word just before
 * it (the letters, digits and marks back to the previous other character or
 * the start of the text) is in the list or is an initial. Looks back at most
 * ABBR_MAX + 1 code points. */
static int ends_abbreviation(const char *text, size_t dot)
{
    uint32_t rev[ABBR_MAX];
    size_t nrev = 0, i = dot;
    while (i > 0) {
        size_t s;
        uint32_t cp = songbad_utf8_decode_before(text, i, &s);
        if (nrev == 0 && !(cp >= 0x0980 && cp <= 0x09FF) &&
            !((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z'))
            return 0; /* every entry ends in a Bengali or Latin letter */
        uint32_t p = songbad_seg_prop(cp);
        int wb = SEG_WB(p);
        if (!SEG_WORDCHAR(p) && wb != SEG_WB_EXTEND && wb != SEG_WB_FORMAT &&
            wb != SEG_WB_ZWJ)
            break;
        if (nrev == ABBR_MAX) return 0;
        rev[nrev++] = cp;
        i = s;
    }
    /* Decompose the nukta letters, then compare as UTF-8. */
    uint32_t w[ABBR_MAX];
    char u8[4 * ABBR_MAX];
    size_t n = 0, nb = 0;
    while (nrev > 0) {
        uint32_t cp = rev[--nrev], base = 0;
        if (cp == 0x09DC) base = 0x09A1;
        else if (cp == 0x09DD) base = 0x09A2;
        else if (cp == 0x09DF) base = 0x09AF;
        if (n + (base ? 2 : 1) > ABBR_MAX) return 0;
        if (base) {
            w[n++] = base;
            w[n++] = 0x09BC;
        } else {
            w[n++] = cp;
        }
    }
    if (n == 0) return 0;
    for (size_t k = 0; k < n; k++) nb += songbad_utf8_encode(w[k], u8 + nb);
    if (is_initial(w, n))
        return !in_list(u8, nb, not_initials,
                        sizeof not_initials / sizeof not_initials[0]);
    return in_list(u8, nb, abbreviations,
                   sizeof abbreviations / sizeof abbreviations[0]);
}

/* ---- UAX #29 ----------------------------------------------------------- */

static int is_parasep(int sb)
{
    return sb == SEG_SB_SEP || sb == SEG_SB_CR || sb == SEG_SB_LF;
}

static int is_saterm(int sb)
{
    return sb == SEG_SB_ATERM || sb == SEG_SB_STERM;
}

/* SB8: whether ( ¬(OLetter | Upper | Lower | ParaSep | SATerm) )* Lower
 * starts at i. Gives up (0) after SEG_SENTENCE_LOOKAHEAD_MAX code points. */
static int sb8_lower_follows(const char *text, size_t len, size_t i)
{
    for (int k = 0; i < len && k < SEG_SENTENCE_LOOKAHEAD_MAX; k++) {
        uint32_t cp;
        i += seg_decode(text, len, i, &cp);
        int sb = SEG_SB(songbad_seg_prop(cp));
        if (sb == SEG_SB_LOWER) return 1;
        if (sb == SEG_SB_OLETTER || sb == SEG_SB_UPPER || is_parasep(sb) ||
            is_saterm(sb))
            return 0;
    }
    return 0;
}

/* One forward pass. raw is the Sentence_Break value of the code point just
 * before i; eff and eff2 the last two values not absorbed by SB5 (eff2 = -1
 * when there is none). term is 0 outside a terminator sequence, 1 after
 * SATerm Close*, 2 after SATerm Close* Sp+; aterm says that SATerm was an
 * ATerm and dot is the offset of that SATerm when it is a '.' (the
 * abbreviation check runs only where SB11 would break). A call costs
 * O(length of the sentence + SEG_SENTENCE_LOOKAHEAD_MAX). */
static size_t sentence_next(const char *text, size_t len, size_t start,
                            int tailored)
{
    uint32_t cp;
    size_t i = start + seg_decode(text, len, start, &cp);
    int raw = SEG_SB(songbad_seg_prop(cp));
    int eff = raw, eff2 = -1;
    int term = is_saterm(raw);
    int aterm = raw == SEG_SB_ATERM;
    size_t dot = tailored && cp == '.' ? start : SIZE_MAX;

    while (i < len) {
        size_t n = seg_decode(text, len, i, &cp);
        int cur = SEG_SB(songbad_seg_prop(cp));
        int join;

        if (raw == SEG_SB_CR && cur == SEG_SB_LF) join = 1;              /* SB3 */
        else if (is_parasep(raw)) join = 0;                            /* SB4 */
        else if (cur == SEG_SB_EXTEND || cur == SEG_SB_FORMAT) {        /* SB5 */
            raw = cur;
            i += n;
            continue;
        } else if (!term) join = 1;                                   /* SB998 */
        else if (eff == SEG_SB_ATERM && cur == SEG_SB_NUMERIC) join = 1; /* SB6 */
        else if ((eff2 == SEG_SB_UPPER || eff2 == SEG_SB_LOWER) &&
                 eff == SEG_SB_ATERM && cur == SEG_SB_UPPER) join = 1;   /* SB7 */
        else if (cur == SEG_SB_SCONTINUE || is_saterm(cur)) join = 1;   /* SB8a */
        else if (term == 1 && (cur == SEG_SB_CLOSE || cur == SEG_SB_SP ||
                               is_parasep(cur))) join = 1;             /* SB9 */
        else if (cur == SEG_SB_SP || is_parasep(cur)) join = 1;         /* SB10 */
        else if (aterm && sb8_lower_follows(text, len, i)) join = 1;   /* SB8 */
        else if (dot != SIZE_MAX && ends_abbreviation(text, dot))
            join = 1;                            /* tailoring: abbreviation */
        else join = 0;                                                /* SB11 */
        if (!join) return i;

        if (is_saterm(cur)) {
            term = 1;
            aterm = cur == SEG_SB_ATERM;
            dot = tailored && cp == '.' ? i : SIZE_MAX;
        } else if (term == 1 && cur == SEG_SB_CLOSE) {
            /* still SATerm Close* */
        } else if (term && cur == SEG_SB_SP) {
            term = 2;
        } else {
            term = 0;
        }
        eff2 = eff;
        eff = cur;
        raw = cur;
        i += n;
    }
    return len;
}

size_t songbad_seg_sentence_next(const char *text, size_t len, size_t start)
{
    return sentence_next(text, len, start, 1);
}

size_t songbad_seg_sentence_next_untailored(const char *text, size_t len,
                                            size_t start)
{
    return sentence_next(text, len, start, 0);
}
