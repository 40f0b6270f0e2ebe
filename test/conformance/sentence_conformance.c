/* sentence_conformance.c - SentenceBreakTest.txt against the public
 * songbad_segment_next(SONGBAD_SEG_SENTENCE, ...), i.e. with the Bengali
 * news tailoring switched on, and against the plain UAX #29 rules. The test
 * data holds no abbreviation that the tailoring knows, so both must pass. */
#include "breaktest.h"

static size_t next_sentence(const char *text, size_t len, size_t start)
{
    return songbad_segment_next(SONGBAD_SEG_SENTENCE, text, len, start);
}

int main(void)
{
    if (breaktest_run("sentence_conformance", "SentenceBreakTest.txt",
                      next_sentence, "(Bengali news tailoring)"))
        breaktest_run("sentence_conformance", "SentenceBreakTest.txt",
                      songbad_seg_sentence_next_untailored, "(plain UAX #29)");
    return check_report("sentence_conformance");
}
