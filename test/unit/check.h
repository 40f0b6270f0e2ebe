/* check.h - a tiny test harness: each test program counts its checks and
 * ends with a line "NAME: P/T passed"; test/run.sh adds the lines up. */
#ifndef SONGBAD_CHECK_H
#define SONGBAD_CHECK_H

#include <stdio.h>
#include <string.h>

static int check_total, check_failed;

#define CHECK(cond)                                                         \
    do {                                                                    \
        check_total++;                                                      \
        if (!(cond)) {                                                      \
            check_failed++;                                                 \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, \
                    #cond);                                                 \
        }                                                                   \
    } while (0)

/* Compares a (ptr,len) result with an expected C string, byte for byte. */
#define CHECK_MEM(got, got_len, want)                                       \
    do {                                                                    \
        const char *w_ = (want);                                            \
        size_t wl_ = strlen(w_);                                            \
        check_total++;                                                      \
        if ((got_len) != wl_ || memcmp((got), w_, wl_) != 0) {              \
            check_failed++;                                                 \
            fprintf(stderr, "%s:%d: got \"%.*s\" (%zu bytes), want \"%s\"\n", \
                    __FILE__, __LINE__, (int)(got_len), (const char *)(got),  \
                    (size_t)(got_len), w_);                                  \
        }                                                                   \
    } while (0)

static inline int check_report(const char *name)
{
    printf("%s: %d/%d passed\n", name, check_total - check_failed, check_total);
    return check_failed ? 1 : 0;
}

#endif
