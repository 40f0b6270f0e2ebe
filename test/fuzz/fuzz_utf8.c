/* fuzz_utf8.c - songbad_utf8_validate and songbad_utf8_decode agree: the
 * error offset of validate is where lenient decoding first meets an
 * ill-formed subpart; decoding advances 1..4 bytes, within bounds; valid
 * text re-encodes to itself. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *t = (const char *)data;
    size_t err = (size_t)-1;
    int rc = songbad_utf8_validate(t, size, &err);
    FUZZ_ASSERT(rc == SONGBAD_OK || rc == SONGBAD_E_UTF8);

    uint32_t cp = 0;
    FUZZ_ASSERT(songbad_utf8_decode(t, 0, &cp) == 0);
    size_t i = 0, first_bad = (size_t)-1;
    while (i < size) {
        size_t n = songbad_utf8_decode(t + i, size - i, &cp);
        FUZZ_ASSERT(n >= 1 && n <= 4 && n <= size - i);
        FUZZ_ASSERT(cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF));
        if (fuzz_is_bad(t + i, n, cp)) {
            if (first_bad == (size_t)-1) first_bad = i;
        } else {
            /* a well-formed sequence: encoding gives the same bytes back */
            char enc[4];
            size_t m = songbad_utf8_encode(cp, enc);
            FUZZ_ASSERT(m == n && memcmp(enc, t + i, n) == 0);
        }
        i += n;
    }
    FUZZ_ASSERT(i == size);
    if (first_bad == (size_t)-1) {
        FUZZ_ASSERT(rc == SONGBAD_OK);
    } else {
        FUZZ_ASSERT(rc == SONGBAD_E_UTF8);
        FUZZ_ASSERT(err == first_bad);
        /* the prefix before the error is valid */
        FUZZ_ASSERT(songbad_utf8_validate(t, err, NULL) == SONGBAD_OK);
    }
    return 0;
}
