/* breaktest.h - shared reader for the UAX #29 *BreakTest.txt files, used by
 * the three segmentation conformance tests. Each data line, e.g.
 *     ÷ 0061 × 0308 ÷ 0020 ÷	# comment
 * is turned into UTF-8 text and its expected boundary offsets, the text is
 * segmented with next() from offset 0 and the offsets compared; each line
 * is one CHECK. The file is read from $UCD_DIR/auxiliary (default
 * ../shared/data/unicode-ucd/15.1.0 relative to the repository root). */
#ifndef SONGBAD_BREAKTEST_H
#define SONGBAD_BREAKTEST_H

#include "check.h"
#include "seg_int.h"
#include <stdlib.h>

#define BREAKTEST_DEFAULT_UCD "../shared/data/unicode-ucd/15.1.0"
#define BREAKTEST_MAX 512 /* bytes of text / boundaries per line */

typedef size_t (*breaktest_next_fn)(const char *text, size_t len, size_t start);

/* Parses one line. Returns 1 with the text and boundaries filled in, 0 for a
 * line without test data, -1 for a malformed line. */
static int breaktest_parse(const char *line, char *text, size_t *len,
                           size_t *bounds, size_t *nb)
{
    const unsigned char *s = (const unsigned char *)line;
    size_t n = 0, k = 0;
    int any = 0;
    while (*s && *s != '#' && *s != '\n') {
        if (*s == ' ' || *s == '\t' || *s == '\r') {
            s++;
        } else if (s[0] == 0xC3 && s[1] == 0xB7) { /* ÷ */
            if (k == BREAKTEST_MAX) return -1;
            bounds[k++] = n;
            s += 2;
        } else if (s[0] == 0xC3 && s[1] == 0x97) { /* × */
            s += 2;
        } else {
            char *end;
            unsigned long cp = strtoul((const char *)s, &end, 16);
            if (end == (const char *)s || cp > 0x10FFFF || n + 4 > BREAKTEST_MAX)
                return -1;
            n += songbad_utf8_encode((uint32_t)cp, text + n);
            s = (const unsigned char *)end;
            any = 1;
        }
    }
    *len = n;
    *nb = k;
    return any ? 1 : 0;
}

static void breaktest_print_case(const char *file, long lineno,
                                 const char *line, const size_t *got, size_t ng)
{
    fprintf(stderr, "%s:%ld: mismatch\n  line: %.*s\n  got boundaries:", file,
            lineno, (int)strcspn(line, "\t#\n"), line);
    for (size_t j = 0; j < ng; j++) fprintf(stderr, " %zu", got[j]);
    fprintf(stderr, "\n");
}

/* Runs the file, one CHECK per test line, and prints
 * "FILE VERSION: P/T lines[ NOTE]". Returns 0 if the file cannot be read. */
static int breaktest_run(const char *prog, const char *file,
                         breaktest_next_fn next, const char *note)
{
    const char *dir = getenv("UCD_DIR");
    if (dir == NULL || *dir == '\0') dir = BREAKTEST_DEFAULT_UCD;
    char path[4096];
    snprintf(path, sizeof path, "%s/auxiliary/%s", dir, file);
    FILE *f = fopen(path, "r");
    if (f == NULL) {
        fprintf(stderr, "%s: cannot open %s (set UCD_DIR to the Unicode %s "
                        "data directory)\n", prog, path,
                songbad_seg_unicode_version());
        CHECK(f != NULL);
        return 0;
    }
    char line[8192], text[BREAKTEST_MAX];
    size_t bounds[BREAKTEST_MAX + 1], got[BREAKTEST_MAX + 1];
    long lineno = 0, lines = 0, ok = 0;
    while (fgets(line, sizeof line, f)) {
        lineno++;
        size_t len, nb;
        int r = breaktest_parse(line, text, &len, bounds, &nb);
        if (r == 0) continue;
        lines++;
        if (r < 0) {
            fprintf(stderr, "%s:%ld: cannot parse the line\n", path, lineno);
            CHECK(r > 0);
            continue;
        }
        size_t ng = 0, pos = 0;
        got[ng++] = 0;
        while (pos < len && ng <= BREAKTEST_MAX) {
            size_t nx = next(text, len, pos);
            if (nx <= pos || nx > len) { /* must never happen */
                got[ng++] = nx;
                break;
            }
            got[ng++] = pos = nx;
        }
        int same = ng == nb && memcmp(got, bounds, ng * sizeof got[0]) == 0;
        if (!same) breaktest_print_case(path, lineno, line, got, ng);
        ok += same;
        CHECK(same);
    }
    fclose(f);
    printf("%s %s: %ld/%ld lines%s%s\n", file, songbad_seg_unicode_version(),
           ok, lines, note ? " " : "", note ? note : "");
    if (lines == 0) CHECK(lines > 0); /* an empty or foreign file */
    return 1;
}

#endif
