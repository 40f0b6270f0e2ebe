/* grapheme_conformance.c - GraphemeBreakTest.txt against
 * songbad_segment_next(SONGBAD_SEG_GRAPHEME, ...). */
#include "breaktest.h"

static size_t next_grapheme(const char *text, size_t len, size_t start)
{
    return songbad_segment_next(SONGBAD_SEG_GRAPHEME, text, len, start);
}

int main(void)
{
    breaktest_run("grapheme_conformance", "GraphemeBreakTest.txt",
                  next_grapheme, NULL);
    return check_report("grapheme_conformance");
}
