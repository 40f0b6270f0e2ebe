/* seg_grapheme.c - extended grapheme clusters (UAX #29 of Unicode 15.1,
 * rules GB1-GB999 including GB9c for Indic conjuncts), plus the public
 * entry points of the segmentation module. */
#include "seg_int.h"

/* The rules are applied in one forward pass. Context that a rule needs from
 * before the current position is kept in a few small state variables, so a
 * call costs O(length of the cluster):
 *   emoji  GB11: 1 after ExtPict Extend*, 2 after ExtPict Extend* ZWJ.
 *   incb   GB9c: 1 after Consonant [Extend Linker]* with no Linker yet,
 *          2 once a Linker has been seen in that run.
 *   ri     GB12/13: the number of Regional_Indicators just before, mod 2. */
size_t songbad_seg_grapheme_next(const char *text, size_t len, size_t start)
{
    uint32_t cp;
    size_t i = start + seg_decode(text, len, start, &cp);
    uint32_t p = songbad_seg_prop(cp);
    int prev = SEG_GCB(p);
    int emoji = SEG_EXTPICT(p) ? 1 : 0;
    int incb = SEG_INCB(p) == SEG_INCB_CONSONANT ? 1 : 0;
    int ri = prev == SEG_GCB_RI;

    while (i < len) {
        size_t n = seg_decode(text, len, i, &cp);
        p = songbad_seg_prop(cp);
        int cur = SEG_GCB(p);
        int cur_incb = SEG_INCB(p);
        int join;

        if (prev == SEG_GCB_CR && cur == SEG_GCB_LF) join = 1;          /* GB3 */
        else if (prev == SEG_GCB_CONTROL || prev == SEG_GCB_CR ||
                 prev == SEG_GCB_LF) join = 0;                         /* GB4 */
        else if (cur == SEG_GCB_CONTROL || cur == SEG_GCB_CR ||
                 cur == SEG_GCB_LF) join = 0;                          /* GB5 */
        else if (prev == SEG_GCB_L &&
                 (cur == SEG_GCB_L || cur == SEG_GCB_V || cur == SEG_GCB_LV ||
                  cur == SEG_GCB_LVT)) join = 1;                       /* GB6 */
        else if ((prev == SEG_GCB_LV || prev == SEG_GCB_V) &&
                 (cur == SEG_GCB_V || cur == SEG_GCB_T)) join = 1;      /* GB7 */
        else if ((prev == SEG_GCB_LVT || prev == SEG_GCB_T) &&
                 cur == SEG_GCB_T) join = 1;                           /* GB8 */
        else if (cur == SEG_GCB_EXTEND || cur == SEG_GCB_ZWJ ||
                 cur == SEG_GCB_SPACINGMARK) join = 1;                 /* GB9, GB9a */
        else if (prev == SEG_GCB_PREPEND) join = 1;                    /* GB9b */
        else if (incb == 2 && cur_incb == SEG_INCB_CONSONANT) join = 1;  /* GB9c */
        else if (emoji == 2 && SEG_EXTPICT(p)) join = 1;               /* GB11 */
        else if (prev == SEG_GCB_RI && cur == SEG_GCB_RI) join = ri;     /* GB12, GB13 */
        else join = 0;                                                 /* GB999 */
        if (!join) return i;

        /* Update the context with cur. */
        if (SEG_EXTPICT(p)) emoji = 1;
        else if (emoji == 1 && cur == SEG_GCB_EXTEND) emoji = 1;
        else if (emoji == 1 && cur == SEG_GCB_ZWJ) emoji = 2;
        else emoji = 0;

        if (cur_incb == SEG_INCB_CONSONANT) incb = 1;
        else if (incb && cur_incb == SEG_INCB_LINKER) incb = 2;
        else if (incb && cur_incb == SEG_INCB_EXTEND) { /* keep */ }
        else incb = 0;

        ri = cur == SEG_GCB_RI ? !ri : 0;
        prev = cur;
        i += n;
    }
    return len;
}

size_t songbad_segment_next(songbad_seg_unit unit, const char *text,
                            size_t len, size_t start)
{
    if (text == NULL || start >= len) return len;
    switch (unit) {
    case SONGBAD_SEG_GRAPHEME: return songbad_seg_grapheme_next(text, len, start);
    case SONGBAD_SEG_WORD: return songbad_seg_word_next(text, len, start);
    case SONGBAD_SEG_SENTENCE: return songbad_seg_sentence_next(text, len, start);
    }
    /* An out-of-range unit: one grapheme is the safest step. */
    return songbad_seg_grapheme_next(text, len, start);
}

int songbad_segment_is_word(const char *text, size_t start, size_t end)
{
    if (text == NULL) return 0;
    size_t i = start;
    while (i < end) {
        uint32_t cp;
        i += seg_decode(text, end, i, &cp);
        if (SEG_WORDCHAR(songbad_seg_prop(cp))) return 1;
    }
    return 0;
}

int songbad_seg_unit_parse(const char *name, songbad_seg_unit *unit)
{
    static const struct {
        const char *name;
        songbad_seg_unit unit;
    } units[] = {{"grapheme", SONGBAD_SEG_GRAPHEME},
                 {"word", SONGBAD_SEG_WORD},
                 {"sentence", SONGBAD_SEG_SENTENCE}};
    if (name == NULL || unit == NULL) return SONGBAD_E_INVAL;
    for (size_t k = 0; k < sizeof units / sizeof units[0]; k++) {
        if (strcmp(name, units[k].name) == 0) {
            *unit = units[k].unit;
            return SONGBAD_OK;
        }
    }
    return SONGBAD_E_INVAL;
}
