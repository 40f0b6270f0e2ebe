/* norm_test.c - every rule of the search and loose levels with exact
 * outputs, offsets, bad input, and properties over random strings. */
#include "check.h"
#include "songbad.h"

#include <stdlib.h>

static songbad_normalizer *lv[4];

static void norm(int level, const char *in, size_t len, const char **out,
                 size_t *out_len)
{
    if (songbad_normalize(lv[level], in, len, out, out_len, NULL) != SONGBAD_OK) {
        *out = "<error>";
        *out_len = 7;
    }
}

/* in -> want at a level */
#define CASE(level, in, want)                                     \
    do {                                                          \
        const char *o_;                                           \
        size_t ol_;                                               \
        norm(level, in, sizeof(in) - 1, &o_, &ol_);               \
        CHECK_MEM(o_, ol_, want);                                 \
    } while (0)

#define S SONGBAD_NORM_SEARCH
#define L SONGBAD_NORM_LOOSE

static void test_search_rules(void)
{
    /* nukta letters: precomposed and decomposed meet in the decomposed form */
    CASE(S, "\u09AC\u09BE\u09DC\u09BF", "\u09AC\u09BE\u09A1\u09BC\u09BF");        /* বাড়ি */
    CASE(S, "\u09AC\u09BE\u09A1\u09BC\u09BF", "\u09AC\u09BE\u09A1\u09BC\u09BF");
    CASE(S, "\u09A8\u09DF\u09BE", "\u09A8\u09AF\u09BC\u09BE");                     /* নয়া */
    CASE(S, "\u0986\u09B7\u09BE\u09DD", "\u0986\u09B7\u09BE\u09A2\u09BC");         /* আষাঢ় */
    /* two-part vowels compose, also with candrabindu typed in between */
    CASE(S, "\u0995\u09C7\u09BE\u09A8", "\u0995\u09CB\u09A8");                     /* কোন */
    CASE(S, "\u09AC\u09C7\u09D7", "\u09AC\u09CC");                                 /* বৌ */
    CASE(S, "\u09AA\u09C7\u0981\u09D7\u099B\u09BE", "\u09AA\u09CC\u0981\u099B\u09BE"); /* পৌঁছা */
    CASE(S, "\u099A\u09C7\u0981\u09BE", "\u099A\u09CB\u0981");                     /* চোঁ */
    /* khanda ta */
    CASE(S, "\u0989\u09A4\u09CD\u200D\u09B8\u09AC", "\u0989\u09CE\u09B8\u09AC");   /* উৎসব */
    CASE(S, "\u09B9\u09A0\u09BE\u09CE", "\u09B9\u09A0\u09BE\u09CE");               /* হঠাৎ */
    /* ZWJ, ZWNJ, soft hyphen, BOM, ZWSP removed */
    CASE(S, "\u09B0\u200D\u09CD\u09AF\u09BE\u09AC", "\u09B0\u09CD\u09AF\u09BE\u09AC"); /* র‍্যাব */
    CASE(S, "\u0995\u200C\u09B0", "\u0995\u09B0");
    CASE(S, "\uFEFF\u09A8\u09A6\u00AD\u09C0\u200B", "\u09A8\u09A6\u09C0");
    /* অ + া is আ */
    CASE(S, "\u0985\u09BE\u09AE", "\u0986\u09AE");                                 /* আম */
    /* danda substitutes */
    CASE(S, "\u09B6\u09C7\u09B7\u09F7", "\u09B6\u09C7\u09B7\u0964");
    CASE(S, "\u09B6\u09C7\u09B7 |", "\u09B6\u09C7\u09B7 \u0964");
    CASE(S, "a | b", "a | b");
    CASE(S, "\u0995 | | x |", "\u0995 \u0964 \u0964 x |");
    /* spaces */
    CASE(S, "\u0995\u00A0\u0996\u2003\u0997\u3000\u0998", "\u0995 \u0996 \u0997 \u0998");
    CASE(S, "\u0995\t\u0996\n", "\u0995\t\u0996\n");
    /* digits */
    CASE(S, "\u09E7\u09EE \u0985\u0995\u09CD\u099F\u09CB\u09AC\u09B0 \u09E8\u09E6\u09E8\u09E9",
         "18 \u0985\u0995\u09CD\u099F\u09CB\u09AC\u09B0 2023");
    CASE(S, "\u09E7,\u09E8\u09EB,\u09E6\u09E6\u09E6", "1,25,000");
    /* Latin: NFKC_Casefold */
    CASE(S, "AFP Reuters", "afp reuters");
    CASE(S, "Stra\u00DFe \uFF21\uFF22 \uFB01", "strasse ab fi");
    CASE(S, "E\u0301", "\u00E9");
    /* pre-base vowel signs typed before their consonant */
    CASE(S, "\u09BF\u09A6\u09A8", "\u09A6\u09BF\u09A8");                           /* দিন */
    CASE(S, "\u09C7\u0995\u09BE\u09A8", "\u0995\u09CB\u09A8");                     /* কোন */
    CASE(S, "\u0986\u09AE\u09BF \u09C7\u09B8\u09CD\u099F\u09B6\u09A8",
         "\u0986\u09AE\u09BF \u09B8\u09CD\u099F\u09C7\u09B6\u09A8");                /* স্টেশন */
    CASE(S, "\u0995\u09C7", "\u0995\u09C7"); /* a sign after its consonant stays */
    /* ব + nukta is a legacy spelling of র */
    CASE(S, "\u09AC\u09BC\u09BE\u09A4", "\u09B0\u09BE\u09A4");
    /* meaning-bearing letters are NOT folded at the search level */
    CASE(S, "\u09B6\u09AC \u09B8\u09AC \u09AA\u09A1\u09BC\u09BE \u09AA\u09B0\u09BE",
         "\u09B6\u09AC \u09B8\u09AC \u09AA\u09A1\u09BC\u09BE \u09AA\u09B0\u09BE");
    CASE(S, "\u09B9\u09BE\u0981\u09B8\u09BF", "\u09B9\u09BE\u0981\u09B8\u09BF");
}

static void test_loose_rules(void)
{
    CASE(L, "\u099C\u09BE\u09A8\u09C1\u09AF\u09BC\u09BE\u09B0\u09C0", "\u099C\u09BE\u09A8\u09C1\u09AF\u09BC\u09BE\u09B0\u09BF");
    CASE(L, "\u09AA\u09C2\u09B0\u09CD\u09AC", "\u09AA\u09C1\u09B0\u09CD\u09AC");   /* পূর্ব */
    CASE(L, "\u0998\u09A3\u09CD\u099F\u09BE", "\u0998\u09A8\u09CD\u099F\u09BE");   /* ঘণ্টা */
    CASE(L, "\u09B6\u09B9\u09B0 \u09B7\u09BE\u099F", "\u09B8\u09B9\u09B0 \u09B8\u09BE\u099F");
    CASE(L, "\u09AA\u09CC\u0981\u099B\u09C7", "\u09AA\u09CC\u099B\u09C7");         /* পৌঁছে */
    CASE(L, "\u09AC\u09BE\u0999\u09B2\u09BE", "\u09AC\u09BE\u0982\u09B2\u09BE");   /* বাঙলা */
    CASE(L, "\u09B8\u0999\u09CD\u0997\u09C7", "\u09B8\u0999\u09CD\u0997\u09C7");   /* সঙ্গে stays */
    CASE(L, "\u0988\u09A6 \u098A\u09B7\u09BE", "\u0987\u09A6 \u0989\u09B8\u09BE"); /* ঈদ ঊষা */
    /* loose includes search */
    CASE(L, "\u09AC\u09BE\u09DC\u09BF \u09E7", "\u09AC\u09BE\u09A1\u09BC\u09BF 1");
    /* and deleting ঁ lets অ + া meet: still idempotent */
    CASE(L, "\u0985\u0981\u09BE", "\u0986");
}

static void test_nfc_nfd(void)
{
    /* the canonical forms keep Bengali digits, ZWJ and khanda ta spelling */
    CASE(SONGBAD_NORM_NFC, "\u09DF\u09E7\u200D", "\u09AF\u09BC\u09E7\u200D");
    CASE(SONGBAD_NORM_NFC, "\u0995\u09C7\u09BE", "\u0995\u09CB");
    CASE(SONGBAD_NORM_NFD, "\u0995\u09CB", "\u0995\u09C7\u09BE");
    CASE(SONGBAD_NORM_NFC, "\u09A4\u09CD\u200D", "\u09A4\u09CD\u200D");
}

static void test_offsets(void)
{
    const char *out;
    size_t out_len;
    const size_t *offs;
    /* ZWJ removed: the second letter still points at its own input byte */
    const char in[] = "\u0995\u200D\u0996";
    CHECK(songbad_normalize(lv[S], in, sizeof in - 1, &out, &out_len, &offs) == 0);
    CHECK_MEM(out, out_len, "\u0995\u0996");
    CHECK(out_len == 6 && offs[0] == 0 && offs[2] == 0 && offs[3] == 6 &&
          offs[5] == 6 && offs[6] == 9);
    /* precomposed nukta letter: both output code points point at it */
    const char in2[] = "a\u09DFb";
    CHECK(songbad_normalize(lv[S], in2, sizeof in2 - 1, &out, &out_len, &offs) == 0);
    CHECK(out_len == 8 && offs[0] == 0 && offs[1] == 1 && offs[4] == 1 &&
          offs[7] == 4 && offs[8] == 5);
    /* khanda ta: one output letter for three input code points */
    const char in3[] = "\u09A4\u09CD\u200D!";
    CHECK(songbad_normalize(lv[S], in3, sizeof in3 - 1, &out, &out_len, &offs) == 0);
    CHECK(out_len == 4 && offs[0] == 0 && offs[3] == 9 && offs[4] == 10);
    /* composition: the composite points at its starter */
    const char in4[] = "\u0995\u09C7\u09BE";
    CHECK(songbad_normalize(lv[S], in4, sizeof in4 - 1, &out, &out_len, &offs) == 0);
    CHECK(out_len == 6 && offs[3] == 3 && offs[5] == 3 && offs[6] == 9);
}

static void test_bad_input(void)
{
    for (int l = 0; l < 4; l++) {
        const char *out;
        size_t out_len;
        const size_t *offs;
        /* empty input, NULL with length 0 */
        CHECK(songbad_normalize(lv[l], NULL, 0, &out, &out_len, &offs) == 0 &&
              out_len == 0 && offs[0] == 0);
        /* embedded NUL is data */
        CHECK(songbad_normalize(lv[l], "a\0b", 3, &out, &out_len, NULL) == 0);
        CHECK(out_len == 3 && out[1] == '\0');
        /* each ill-formed subpart becomes one U+FFFD */
        const char bad[] = "\xFF\xC0\xAF\xED\xA0\x80\xF4\x90\x80\x80\xE0\xA6";
        CHECK(songbad_normalize(lv[l], bad, sizeof bad - 1, &out, &out_len, &offs) == 0);
        size_t fffd = 0;
        for (size_t i = 0; i + 2 < out_len; i += 3)
            fffd += memcmp(out + i, "\xEF\xBF\xBD", 3) == 0;
        CHECK(out_len == 3 * fffd);
        /* FF | C0 | AF | ED | A0 | 80 | F4 | 90 | 80 | 80 | E0 A6 */
        CHECK(fffd == 11);
        CHECK(offs[out_len - 1] == 10);
    }
    CHECK(songbad_normalize(NULL, "a", 1, NULL, NULL, NULL) == SONGBAD_E_INVAL);
    songbad_normalizer *bad = (songbad_normalizer *)1;
    CHECK(songbad_normalizer_new((songbad_norm_level)9, NULL, &bad) == SONGBAD_E_INVAL &&
          bad == NULL);
    songbad_normalizer_free(NULL);
    songbad_norm_level level;
    CHECK(songbad_norm_level_parse("loose", &level) == 0 && level == L);
    CHECK(songbad_norm_level_parse("LOOSE", &level) == SONGBAD_E_INVAL);
}

static uint32_t rng_state = 12345;
static uint32_t rnd(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 17;
    rng_state ^= rng_state << 5;
    return rng_state;
}

/* Random text from the characters the rules care about. */
static size_t random_text(char *buf, size_t cap, size_t count)
{
    static const uint32_t alphabet[] = {
        0x0985, 0x0986, 0x0987, 0x0988, 0x0995, 0x0999, 0x09A1, 0x09A4, 0x09A3,
        0x09AC, 0x09AF, 0x09B0, 0x09B6, 0x09B7, 0x09B8, 0x09BC, 0x09BE, 0x09BF,
        0x09C0, 0x09C1, 0x09C2, 0x09C7, 0x09C8, 0x09CB, 0x09CC, 0x09CD, 0x09CE,
        0x09D7, 0x09DC, 0x09DF, 0x0981, 0x0982, 0x09E7, 0x09F7, 0x0964, 0x200C,
        0x200D, 0x00AD, 0xFEFF, 0x00A0, ' ', '|', 'A', 'e', 0x0301, 0x0323,
        0x1100, 0x1161, 0x11A8, 0xAC00, 0x1E0A, 0xFB01, 0x0340, 0x0345, 0xFF9E, '\n', 0};
    size_t n = 0;
    for (size_t i = 0; i < count && n + 4 <= cap; i++) {
        uint32_t c = alphabet[rnd() % (sizeof alphabet / sizeof alphabet[0])];
        if (count > 2000 && c < 0x80) c = 0x0995; /* long runs without ASCII */
        if (rnd() % 16 == 0) { buf[n++] = (char)(0x80 + rnd() % 0x80); continue; }
        n += songbad_utf8_encode(c, buf + n);
    }
    return n;
}

static void test_properties(void)
{
    static char a[20000], b[80000], c[80000];
    static unsigned char starts[20001];
    int idem = 1, canon = 1, offs_ok = 1;
    for (int iter = 0; iter < 20300; iter++) {
        /* mostly short strings, and some long enough to be cut in chunks */
        size_t n = random_text(a, sizeof a, iter < 20000 ? rnd() % 24 : 4000);
        for (int l = 0; l < 4; l++) {
            const char *o1, *o2;
            size_t l1, l2;
            const size_t *offs;
            songbad_normalize(lv[l], a, n, &o1, &l1, &offs);
            /* every offset is the start of an input code point */
            memset(starts, 0, n + 1);
            for (size_t i = 0; i < n;) {
                uint32_t cp;
                starts[i] = 1;
                i += songbad_utf8_decode(a + i, n - i, &cp);
            }
            for (size_t i = 0; i < l1; i++)
                if (offs[i] >= n || !starts[offs[i]]) offs_ok = 0;
            if (offs[l1] != n) offs_ok = 0;
            memcpy(b, o1, l1);
            songbad_normalize(lv[l], b, l1, &o2, &l2, NULL);
            if (l1 != l2 || memcmp(b, o2, l1) != 0) {
                if (idem) fprintf(stderr, "not idempotent at level %d: %.*s\n", l, (int)n, a);
                idem = 0;
            }
        }
        /* search and loose treat canonically equivalent text alike */
        const char *d, *x, *y;
        size_t dl, xl, yl;
        songbad_normalize(lv[SONGBAD_NORM_NFD], a, n, &d, &dl, NULL);
        memcpy(c, d, dl);
        for (int l = S; l <= L; l++) {
            songbad_normalize(lv[l], a, n, &x, &xl, NULL);
            memcpy(b, x, xl);
            songbad_normalize(lv[l], c, dl, &y, &yl, NULL);
            if (xl != yl || memcmp(b, y, xl) != 0) canon = 0;
        }
    }
    CHECK(idem);
    CHECK(canon);
    CHECK(offs_ok);
}

/* The reference article and the bundled sample: search normalization of the
 * text equals that of its NFD form and of a copy with every য় precomposed. */
static void test_article(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "cannot open %s\n", path);
        CHECK(f != NULL);
        return;
    }
    static char text[1 << 20], nfd[1 << 21], pre[1 << 20], want[1 << 21];
    size_t n = fread(text, 1, sizeof text, f);
    fclose(f);
    const char *o;
    size_t ol, wl, dl, pl = 0;
    songbad_normalize(lv[S], text, n, &o, &ol, NULL);
    memcpy(want, o, ol);
    wl = ol;
    songbad_normalize(lv[SONGBAD_NORM_NFD], text, n, &o, &ol, NULL);
    memcpy(nfd, o, ol);
    dl = ol;
    for (size_t i = 0; i < dl;) { /* য + nukta -> U+09DF */
        if (i + 6 <= dl && memcmp(nfd + i, "\u09AF\u09BC", 6) == 0) {
            memcpy(pre + pl, "\u09DF", 3);
            pl += 3;
            i += 6;
        } else {
            pre[pl++] = nfd[i++];
        }
    }
    CHECK(pl < dl); /* the article has য় */
    songbad_normalize(lv[S], nfd, dl, &o, &ol, NULL);
    CHECK(ol == wl && memcmp(o, want, wl) == 0);
    songbad_normalize(lv[S], pre, pl, &o, &ol, NULL);
    CHECK(ol == wl && memcmp(o, want, wl) == 0);
    songbad_normalize(lv[S], want, wl, &o, &ol, NULL);
    CHECK(ol == wl && memcmp(o, want, wl) == 0);
}

int main(void)
{
    for (int l = 0; l < 4; l++)
        songbad_normalizer_new((songbad_norm_level)l, NULL, &lv[l]);
    test_search_rules();
    test_loose_rules();
    test_nfc_nfd();
    test_offsets();
    test_bad_input();
    test_properties();
    const char *seed = getenv("SEED_ARTICLE");
    test_article(seed && *seed ? seed : "../shared/seed/article.txt");
    test_article("samples/article.txt");
    for (int l = 0; l < 4; l++) songbad_normalizer_free(lv[l]);
    return check_report("norm_test");
}
