/* fuzz_common.h - shared by the libFuzzer harnesses in test/fuzz/ (test code,
 * not library code). Each harness defines LLVMFuzzerTestOneInput and checks
 * invariants with FUZZ_ASSERT, which prints the failed condition and aborts,
 * so libFuzzer records a crash and test/run.sh a failed suite. */
#ifndef SONGBAD_FUZZ_COMMON_H
#define SONGBAD_FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "songbad.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_ASSERT(cond)                                                    \
    do {                                                                     \
        if (!(cond)) {                                                       \
            fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__,       \
                    __LINE__, #cond);                                        \
            abort();                                                         \
        }                                                                    \
    } while (0)

/* Memory the harness needs itself; running out is not a finding. */
static inline void *fuzz_malloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) {
        fprintf(stderr, "fuzz: out of memory\n");
        abort();
    }
    return p;
}

/* Whether bytes [start, end) of text hold an ill-formed subpart, as the
 * lenient decoder reads them: U+FFFD that is not the encoded U+FFFD. */
static inline int fuzz_is_bad(const char *text, size_t n, uint32_t cp)
{
    return cp == 0xFFFD &&
           !(n == 3 && (uint8_t)text[0] == 0xEF && (uint8_t)text[1] == 0xBF &&
             (uint8_t)text[2] == 0xBD);
}

/* A map of the code point starts of text as the lenient decoder walks it;
 * starts[len] is 1 too. Free with free(). */
static inline unsigned char *fuzz_cp_starts(const char *text, size_t len)
{
    unsigned char *s = fuzz_malloc(len + 1);
    memset(s, 0, len + 1);
    size_t i = 0;
    while (i < len) {
        uint32_t cp;
        s[i] = 1;
        size_t n = songbad_utf8_decode(text + i, len - i, &cp);
        FUZZ_ASSERT(n >= 1 && n <= 4 && n <= len - i);
        i += n;
    }
    s[len] = 1;
    return s;
}

static inline int fuzz_valid_utf8(const char *text, size_t len)
{
    return songbad_utf8_validate(text, len, NULL) == SONGBAD_OK;
}

#endif
