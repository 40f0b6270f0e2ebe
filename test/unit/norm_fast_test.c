/* norm_fast_test.c - songbad_normalize at the search level copies runs of
 * plain Bengali that give themselves back (norm.c, normalize_fast): its
 * output and offsets must be those of the general path, byte for byte, on
 * the bundled sample articles and on random texts made of the pieces the
 * rules care about (nukta letters both ways, ো split and whole, khanda ta
 * spellings, ZWJ/ZWNJ, pre-base signs, digits, separators, marks that
 * reorder, invalid bytes). */
#include "check.h"
#include "songbad_int.h"

#include <stdint.h>
#include <stdlib.h>

static songbad_normalizer *fast, *slow;
static int mismatches;

/* Normalizes t both ways and checks they agree. */
static void compare(const char *t, size_t n, const char *what)
{
    const char *a, *b;
    size_t an, bn;
    const size_t *ao, *bo;
    int ra = songbad_normalize(fast, t, n, &a, &an, &ao);
    int rb = songbad_normalize(slow, t, n, &b, &bn, &bo);
    int same = ra == rb && an == bn && memcmp(a, b, an) == 0 &&
               memcmp(ao, bo, (an + 1) * sizeof *ao) == 0;
    CHECK(same);
    if (!same && mismatches++ < 3)
        fprintf(stderr, "%s: fast and general paths differ on [%.*s]: [%.*s] vs [%.*s]\n", what,
                (int)n, t, (int)an, a, (int)bn, b);
}

static void compare_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    CHECK(f != NULL);
    if (!f) return;
    static char buf[1 << 16];
    size_t n = fread(buf, 1, sizeof buf, f);
    fclose(f);
    CHECK(n > 0);
    compare(buf, n, path);
    /* and line by line, as ingest gives it */
    size_t from = 0;
    for (size_t i = 0; i <= n; i++)
        if (i == n || buf[i] == '\n') {
            compare(buf + from, i - from, path);
            from = i + 1;
        }
}

static const char *const pieces[] = {
    " ", " ", " ", ",", "\n", "|", "-", ".", "(", ")", "\"", "'", ":", "\t", "।",
    "ক", "ম", "র", "ত", "স", "ল", "ব", "ন", "প", "য", "অ", "আ", "এ", "ঋ", "ড", "ঢ",
    "া", "ি", "ী", "ু", "ে", "ৈ", "ো", "ৌ", "ং", "ঃ", "ঁ", "্", "়", "ৎ", "ৗ",
    "য়", "য়", "ড়", "ড়", "ো", "ৌ", "ত্‍", "ত্\u200d", "\u200c", "\u200d",
    "১", "৮", "০", "1", "8", "a", "Z", "x", "\u0301", "\u2019", "\u201c", "\u2013",
    "\xff", "\x80", "\xe0\xa6", "ক্ষ", "র্", "্য", "ক্ত", "শ্র", "গো", "সফর", "লাভরভ",
};

int main(void)
{
    CHECK(songbad_normalizer_new(SONGBAD_NORM_SEARCH, NULL, &fast) == SONGBAD_OK);
    CHECK(songbad_normalizer_new(SONGBAD_NORM_SEARCH, NULL, &slow) == SONGBAD_OK);
    if (!fast || !slow) return check_report("norm_fast_test");
    songbad_norm_set_fast(slow, 0);

    compare_file("samples/article.txt");
    compare_file("samples/articles/chittagong-port.txt");
    compare_file("samples/articles/lavrov-dhaka-wire.txt");
    compare_file("samples/articles/lavrov-dhaka.txt");
    compare_file("samples/articles/pyongyang-trade.txt");

    /* the fast path is taken: a plain sentence comes back as it is */
    const char *plain = "ঢাকায় আজ বৃষ্টি, নগরীর রাস্তায় পানি";
    const char *o;
    size_t on;
    const size_t *offs;
    CHECK(songbad_normalize(fast, plain, strlen(plain), &o, &on, &offs) == SONGBAD_OK);
    CHECK(on == strlen(plain) && memcmp(o, plain, on) == 0);
    compare(plain, strlen(plain), "plain");

    uint32_t seed = 12345;
    size_t np = sizeof pieces / sizeof pieces[0];
    char text[512];
    for (int k = 0; k < 20000; k++) {
        size_t n = 0;
        int count = 1 + (int)((seed >> 8) % 40);
        for (int j = 0; j < count; j++) {
            seed = seed * 1103515245u + 12345u;
            const char *p = pieces[(seed >> 16) % np];
            size_t pl = strlen(p);
            if (n + pl >= sizeof text) break;
            memcpy(text + n, p, pl);
            n += pl;
        }
        compare(text, n, "random");
    }
    songbad_normalizer_free(fast);
    songbad_normalizer_free(slow);
    return check_report("norm_fast_test");
}
