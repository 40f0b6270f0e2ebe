/* fuzz_segment.c - grapheme, word and sentence segmentation: boundaries rise
 * strictly, each in (start, len], the last is len; songbad_segment_next is
 * total past the end. Graphemes never split a code point. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *t = (const char *)data;
    unsigned char *starts = fuzz_cp_starts(t, size);
    for (int u = SONGBAD_SEG_GRAPHEME; u <= SONGBAD_SEG_SENTENCE; u++) {
        songbad_seg_unit unit = (songbad_seg_unit)u;
        size_t pos = 0, last = 0;
        while (pos < size) {
            size_t b = songbad_segment_next(unit, t, size, pos);
            FUZZ_ASSERT(b > pos && b <= size);
            FUZZ_ASSERT(starts[b]);
            if (unit == SONGBAD_SEG_WORD) {
                (void)songbad_segment_is_word(t, pos, b);
            }
            last = b;
            pos = b;
        }
        FUZZ_ASSERT(last == size);
        FUZZ_ASSERT(songbad_segment_next(unit, t, size, size) == size);
        FUZZ_ASSERT(songbad_segment_next(unit, t, size, size + 1) == size);
    }
    free(starts);
    return 0;
}
