/* normalization_conformance.c - every line of NormalizationTest.txt of the
 * pinned Unicode version, for the nfc and nfd levels:
 *   c2 == NFC(c1) == NFC(c2) == NFC(c3), c4 == NFC(c4) == NFC(c5)
 *   c3 == NFD(c1) == NFD(c2) == NFD(c3), c5 == NFD(c4) == NFD(c5)
 * and, for every code point not listed in part 1, X == NFC(X) == NFD(X). */
#include "check.h"
#include "songbad.h"

#include <stdlib.h>

static songbad_normalizer *nfc, *nfd;
static unsigned char *listed; /* code points named in part 1 */

static size_t to_utf8(const char *field, char *out)
{
    size_t n = 0;
    const char *p = field;
    while (*p) {
        char *end;
        unsigned long cp = strtoul(p, &end, 16);
        if (end == p) break;
        n += songbad_utf8_encode((uint32_t)cp, out + n);
        p = end;
        while (*p == ' ') p++;
    }
    return n;
}

static int same(songbad_normalizer *n, const char *in, size_t in_len,
                const char *want, size_t want_len)
{
    const char *out;
    size_t out_len;
    if (songbad_normalize(n, in, in_len, &out, &out_len, NULL) != SONGBAD_OK)
        return 0;
    return out_len == want_len && memcmp(out, want, want_len) == 0;
}

int main(void)
{
    const char *dir = getenv("UCD_DIR");
    char path[4096];
    snprintf(path, sizeof path, "%s/NormalizationTest.txt",
             dir && *dir ? dir : "../shared/data/unicode-ucd/15.1.0");
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "cannot open %s (set UCD_DIR)\n", path);
        CHECK(f != NULL);
        return check_report("normalization_conformance");
    }
    songbad_normalizer_new(SONGBAD_NORM_NFC, NULL, &nfc);
    songbad_normalizer_new(SONGBAD_NORM_NFD, NULL, &nfd);
    listed = calloc(0x110000, 1);
    char line[4096];
    int part = -1, lines = 0, lines_ok = 0;
    while (fgets(line, sizeof line, f)) {
        if (line[0] == '#' || line[0] == '\n') continue;
        if (line[0] == '@') {
            part = atoi(line + 5);
            continue;
        }
        char *fields[5];
        char *p = line;
        for (int i = 0; i < 5; i++) {
            fields[i] = p;
            p = strchr(p, ';');
            if (!p) break;
            *p++ = 0;
        }
        char c[5][256];
        size_t l[5];
        for (int i = 0; i < 5; i++) l[i] = to_utf8(fields[i], c[i]);
        if (part == 1) listed[strtoul(fields[0], NULL, 16)] = 1;
        int ok = 1;
        for (int i = 0; i < 3; i++) ok &= same(nfc, c[i], l[i], c[1], l[1]);
        for (int i = 3; i < 5; i++) ok &= same(nfc, c[i], l[i], c[3], l[3]);
        for (int i = 0; i < 3; i++) ok &= same(nfd, c[i], l[i], c[2], l[2]);
        for (int i = 3; i < 5; i++) ok &= same(nfd, c[i], l[i], c[4], l[4]);
        if (!ok) fprintf(stderr, "line failed: %s\n", fields[0]);
        CHECK(ok);
        lines++;
        lines_ok += ok;
    }
    fclose(f);
    int others = 0, others_ok = 0;
    for (uint32_t cp = 0; cp < 0x110000; cp++) {
        if (listed[cp] || (cp >= 0xD800 && cp <= 0xDFFF)) continue;
        char buf[4];
        size_t k = songbad_utf8_encode(cp, buf);
        others++;
        others_ok += same(nfc, buf, k, buf, k) && same(nfd, buf, k, buf, k);
    }
    CHECK(others_ok == others);
    printf("NormalizationTest.txt (%s): %d/%d lines, other code points %d/%d\n",
           songbad_unicode_version(), lines_ok, lines, others_ok, others);
    free(listed);
    songbad_normalizer_free(nfc);
    songbad_normalizer_free(nfd);
    return check_report("normalization_conformance");
}
