/* word_conformance.c - WordBreakTest.txt against
 * songbad_segment_next(SONGBAD_SEG_WORD, ...). */
#include "breaktest.h"

static size_t next_word(const char *text, size_t len, size_t start)
{
    return songbad_segment_next(SONGBAD_SEG_WORD, text, len, start);
}

int main(void)
{
    breaktest_run("word_conformance", "WordBreakTest.txt", next_word, NULL);
    return check_report("word_conformance");
}
