/* seg_test.c - the segmentation module: Bengali graphemes, words and
 * sentences (with the news tailoring), edge cases, and a randomized check
 * that iteration always makes progress and ends at len. The example
 * sentences were written for this test. */
#include "check.h"
#include "seg_int.h"
#include <stdlib.h>

#define ZWJ "\xE2\x80\x8D"
#define ZWNJ "\xE2\x80\x8C"
#define RI_A "\xF0\x9F\x87\xA6" /* U+1F1E6 REGIONAL INDICATOR SYMBOL LETTER A */

static const char *unit_name(songbad_seg_unit u)
{
    return u == SONGBAD_SEG_GRAPHEME ? "grapheme"
           : u == SONGBAD_SEG_WORD   ? "word"
                                     : "sentence";
}

typedef size_t (*next_fn)(const char *text, size_t len, size_t start);

static size_t next_grapheme(const char *t, size_t n, size_t s)
{
    return songbad_segment_next(SONGBAD_SEG_GRAPHEME, t, n, s);
}
static size_t next_word(const char *t, size_t n, size_t s)
{
    return songbad_segment_next(SONGBAD_SEG_WORD, t, n, s);
}
static size_t next_sentence(const char *t, size_t n, size_t s)
{
    return songbad_segment_next(SONGBAD_SEG_SENTENCE, t, n, s);
}

static next_fn unit_fn(songbad_seg_unit u)
{
    return u == SONGBAD_SEG_GRAPHEME ? next_grapheme
           : u == SONGBAD_SEG_WORD   ? next_word
                                     : next_sentence;
}

/* Segments text[0..len) (copied to a buffer of exactly len bytes so that
 * the sanitizers see any read past the end) and compares the boundaries
 * with want[0..nwant) (0 and len included). */
static int bounds_match(next_fn next, const char *text, size_t len,
                        const size_t *want, size_t nwant)
{
    char *buf = malloc(len ? len : 1);
    if (!buf) return 0;
    memcpy(buf, text, len);
    int ok = nwant > 0 && want[0] == 0;
    size_t k = 1, pos = 0;
    while (ok && pos < len) {
        size_t nx = next(buf, len, pos);
        if (nx <= pos || nx > len || k >= nwant || want[k] != nx) ok = 0;
        pos = nx;
        k++;
    }
    if (k != nwant) ok = 0;
    free(buf);
    return ok;
}

/* expected: the text with '|' at each inner boundary. */
static void check_segs_at(int line, songbad_seg_unit unit, next_fn next,
                          const char *expected)
{
    size_t n = strlen(expected), len = 0, nb = 0;
    char *text = malloc(n + 1);
    size_t *want = malloc((n + 2) * sizeof *want);
    if (!text || !want) {
        CHECK(0 == 1); /* out of memory */
        free(text);
        free(want);
        return;
    }
    want[nb++] = 0;
    for (size_t i = 0; i < n; i++) {
        if (expected[i] == '|') want[nb++] = len;
        else text[len++] = expected[i];
    }
    if (len > 0) want[nb++] = len;
    int ok = bounds_match(next, text, len, want, nb);
    if (!ok) {
        fprintf(stderr, "seg_test.c:%d: %s segmentation differs; want \"%s\", got \"",
                line, unit_name(unit), expected);
        size_t pos = 0;
        while (pos < len) {
            size_t nx = next(text, len, pos);
            if (nx <= pos || nx > len) break;
            fprintf(stderr, "%s%.*s", pos ? "|" : "", (int)(nx - pos), text + pos);
            pos = nx;
        }
        fprintf(stderr, "\"\n");
    }
    CHECK(ok);
    free(text);
    free(want);
}

#define SEGS(unit, expected) check_segs_at(__LINE__, unit, unit_fn(unit), expected)
#define GRAPHEMES(e) SEGS(SONGBAD_SEG_GRAPHEME, e)
#define WORDS(e) SEGS(SONGBAD_SEG_WORD, e)
#define SENTENCES(e) SEGS(SONGBAD_SEG_SENTENCE, e)
#define SENTENCES_PLAIN(e) \
    check_segs_at(__LINE__, SONGBAD_SEG_SENTENCE, songbad_seg_sentence_next_untailored, e)

static int is_word_str(const char *s)
{
    return songbad_segment_is_word(s, 0, strlen(s));
}

static void test_parse(void)
{
    songbad_seg_unit u = SONGBAD_SEG_SENTENCE;
    CHECK(songbad_seg_unit_parse("grapheme", &u) == SONGBAD_OK && u == SONGBAD_SEG_GRAPHEME);
    CHECK(songbad_seg_unit_parse("word", &u) == SONGBAD_OK && u == SONGBAD_SEG_WORD);
    CHECK(songbad_seg_unit_parse("sentence", &u) == SONGBAD_OK && u == SONGBAD_SEG_SENTENCE);
    u = SONGBAD_SEG_WORD;
    CHECK(songbad_seg_unit_parse("Word", &u) == SONGBAD_E_INVAL && u == SONGBAD_SEG_WORD);
    CHECK(songbad_seg_unit_parse("", &u) == SONGBAD_E_INVAL);
    CHECK(songbad_seg_unit_parse("graphemes", &u) == SONGBAD_E_INVAL);
    CHECK(songbad_seg_unit_parse(NULL, &u) == SONGBAD_E_INVAL);
    CHECK(songbad_seg_unit_parse("word", NULL) == SONGBAD_E_INVAL);
}

static void test_tables(void)
{
    CHECK(strcmp(songbad_seg_unicode_version(), songbad_unicode_version()) == 0);
    uint32_t p = songbad_seg_prop(0x0995); /* KA */
    CHECK(SEG_WB(p) == SEG_WB_ALETTER && SEG_SB(p) == SEG_SB_OLETTER &&
          SEG_INCB(p) == SEG_INCB_CONSONANT && SEG_WORDCHAR(p));
    p = songbad_seg_prop(0x09CD); /* virama */
    CHECK(SEG_GCB(p) == SEG_GCB_EXTEND && SEG_INCB(p) == SEG_INCB_LINKER &&
          SEG_WB(p) == SEG_WB_EXTEND && !SEG_WORDCHAR(p));
    CHECK(SEG_SB(songbad_seg_prop(0x0964)) == SEG_SB_STERM);
    CHECK(SEG_WB(songbad_seg_prop(0x09E7)) == SEG_WB_NUMERIC);
    CHECK(SEG_EXTPICT(songbad_seg_prop(0x1F4F0)));
    CHECK(SEG_GCB(songbad_seg_prop(0x1F1E6)) == SEG_GCB_RI);
    CHECK(SEG_WORDCHAR(songbad_seg_prop(0x4E2D)));  /* ideograph */
    CHECK(songbad_seg_prop(0x110000) == songbad_seg_prop(0x10FFFF));
}

static void test_graphemes(void)
{
    GRAPHEMES("ক্ষ");
    GRAPHEMES("ন্ত্র");
    GRAPHEMES("স্ত্রী");
    GRAPHEMES("র" ZWJ "্যা");                       /* র‍্যা, ya-phala after ra */
    GRAPHEMES("ক্" ZWNJ);                           /* explicit virama */
    GRAPHEMES("ক্" ZWNJ "|ষ");                      /* ZWNJ stops the conjunct */
    GRAPHEMES("প|ক্ষী| |উ|ড়|ছে");
    GRAPHEMES("বি|জ্ঞা|ন");
    GRAPHEMES("রা|ষ্ট্র|প|তি");
    GRAPHEMES("বাং|লা|দে|শ|।");
    GRAPHEMES("ক|ই");                               /* independent vowel */
    GRAPHEMES("\xE0\xA6\xAF" "\xE0\xA6\xBC" "|ন");      /* decomposed য়: one */
    GRAPHEMES("\xE0\xA6\xAF" "\xE0\xA6\xBC" "ে|ন");     /* ... with a vowel sign */
    GRAPHEMES("\xE0\xA7\x9F" "ে|ন");                    /* precomposed য় */
    GRAPHEMES("\r\n|\n|ক");
    GRAPHEMES(RI_A RI_A "|" RI_A);
    GRAPHEMES("\xF0\x9F\x91\xA9" ZWJ "\xF0\x9F\x92\xBB|ক"); /* woman ZWJ laptop */
}

static void test_words(void)
{
    WORDS("আমরা| |ক্ষমতা| |চাই|।");
    WORDS("র" ZWJ "্যাব| |এসেছে");
    WORDS("উদ্" ZWNJ "যাপন| |হলো");
    WORDS("ন" "\xE0\xA6\xAF" "\xE0\xA6\xBC" "ন|,| |জ" "\xE0\xA6\xAF" "\xE0\xA6\xBC" "|;");
    WORDS("ন" "\xE0\xA7\x9F" "ন| |জ" "\xE0\xA7\x9F");  /* precomposed nukta */
    WORDS("দাম| |১,২৫,০০০| |টাকা");
    WORDS("বৃদ্ধি| |১০.৫| |শতাংশ");
    WORDS("১০|.| |শেষ");                            /* '.' at the end is not WB12 */
    WORDS("সাদা|-|কালো");
    WORDS("বিজ্ঞাপন_২");
    WORDS("খেলা| |শেষ|।|।");
    WORDS("ড|.| |রহিম");
    WORDS("“|সত্য|”| |বলো|!");
    WORDS("কে|?|    |\n|\n|এক");                  /* WB3d spaces; WB3a newlines */
    WORDS("e.g|.| |don't");
    WORDS(RI_A RI_A "|" RI_A RI_A "|" RI_A);
    WORDS("ক\xE0\xA7\x8D" ZWNJ "|;|খ");
    WORDS("ক\xE0\xA7\x8D" ZWNJ ":খ");                /* WB6/WB7: ':' is MidLetter */
    WORDS(" \xCC\x81\xCC\x81|ক");                   /* WB4: marks stay on the space */

    CHECK(is_word_str("ক্ষমতা"));
    CHECK(is_word_str("১০.৫"));
    CHECK(is_word_str("বিজ্ঞাপন_২"));
    CHECK(is_word_str("নিউজ"));
    CHECK(is_word_str("中文"));
    CHECK(is_word_str("abc"));
    CHECK(!is_word_str(" "));
    CHECK(!is_word_str("।"));
    CHECK(!is_word_str(","));
    CHECK(!is_word_str("_"));
    CHECK(!is_word_str("\xE0\xA6\xBE")); /* a lone vowel sign */
    CHECK(!is_word_str(" \xE0\xA7\x8D"));
    CHECK(!is_word_str("\xF0\x9F\x98\x80"));
    CHECK(!is_word_str(""));
    CHECK(!songbad_segment_is_word(NULL, 0, 0));
    CHECK(!songbad_segment_is_word("ক", 3, 3));
}

static void test_sentences(void)
{
    SENTENCES("আজ বৃষ্টি হবে। |কাল কি রোদ উঠবে? |কে জানে! ");
    SENTENCES("আজ বৃষ্টি হবে।|কাল রোদ।");
    SENTENCES("তিনি বললেন, “আমি কাল যাব।” |তারপর চুপ করে রইলেন।");
    SENTENCES("শেষ কথা (আপাতত)। |আবার দেখা হবে॥ |বিদায়।");
    SENTENCES("ড. করিম আজ রাজশাহী এসেছেন। |মো. রফিক সভায় ছিলেন।");
    SENTENCES("লে. কর্নেল (অব.) হাসান বক্তব্য দেন। |পরে সভা শেষ হয়।");
    SENTENCES("ডা. নাসরিন ও মিসেস. রায় উপস্থিত ছিলেন।");
    SENTENCES("এ. কে. এম. সালাম বলেন, সব ঠিক আছে।");
    SENTENCES("তিনি এম. এ. পাস করেছেন। |বি. এস. সি. নয়।");
    SENTENCES("মোছা. রাশিদা বেগম ও মি. জামান এলেন।");
    SENTENCES("ও" "\xE0\xA6\xAF" "\xE0\xA6\xBC" "াই. কে. নামের কেউ নেই।"); /* decomposed */
    SENTENCES("ও" "\xE0\xA7\x9F" "াই. কে. নামের কেউ নেই।");               /* precomposed */
    SENTENCES("ও" "\xE0\xA7\x9F" "াইফাই. |নেই।");       /* a longer word: no match */
    SENTENCES("Dr. Lee met Mr. Roy at No. 5 St. Mary Road. |Then A. Das came.");
    SENTENCES("কাজটি শেষ হবে না. |তুমি অপেক্ষা করো.");  /* না is not an initial */
    SENTENCES("দাম বাড়ল. |বাজার অস্থির.");
    SENTENCES("বাজেট পাস\n|সংসদে আজ বাজেট পাস হয়েছে। |সবাই খুশি।\n|\n|নতুন খবর");
    SENTENCES("প্রথম লাইন\r\n|দ্বিতীয় লাইন");
    SENTENCES("মো.\n|নাম");                          /* SB4 wins over the tailoring */
    SENTENCES("ঢাকা, ১০ মে। ");
    SENTENCES("দাম ১০.৫ টাকা। |ঠিক?!” |হ্যাঁ।");

    /* Without the tailoring the same texts break after the abbreviations. */
    SENTENCES_PLAIN("ড. |করিম এসেছেন।");
    SENTENCES_PLAIN("Dr. |Lee met Mr. |Roy.");
    SENTENCES_PLAIN("লে. |কর্নেল (অব.) |হাসান।");
}

/* A boundary list with explicit lengths, for texts holding NUL bytes. */
static void check_bounds_at(int line, songbad_seg_unit unit, const char *text,
                            size_t len, const size_t *want, size_t nwant)
{
    int ok = bounds_match(unit_fn(unit), text, len, want, nwant);
    if (!ok) fprintf(stderr, "seg_test.c:%d: %s boundaries differ\n", line, unit_name(unit));
    CHECK(ok);
}
#define BOUNDS(unit, text, len, ...)                                          \
    do {                                                                      \
        static const size_t want_[] = {__VA_ARGS__};                          \
        check_bounds_at(__LINE__, unit, text, len, want_,                     \
                        sizeof want_ / sizeof want_[0]);                      \
    } while (0)

static void test_edges(void)
{
    static const songbad_seg_unit units[] = {SONGBAD_SEG_GRAPHEME, SONGBAD_SEG_WORD,
                                             SONGBAD_SEG_SENTENCE};
    for (int u = 0; u < 3; u++) {
        CHECK(songbad_segment_next(units[u], "", 0, 0) == 0);
        CHECK(songbad_segment_next(units[u], NULL, 0, 0) == 0);
        CHECK(songbad_segment_next(units[u], "abc", 3, 3) == 3);
        CHECK(songbad_segment_next(units[u], "abc", 3, 7) == 3);
        CHECK(songbad_segment_next(units[u], "abc", 3, (size_t)-1) == 3);
        /* a start inside a UTF-8 sequence still makes progress */
        size_t r = songbad_segment_next(units[u], "ক্ষ", 9, 1);
        CHECK(r > 1 && r <= 9);
    }
    CHECK(songbad_segment_next((songbad_seg_unit)42, "ab", 2, 0) == 1);

    /* Invalid UTF-8: each maximal ill-formed subpart is one grapheme. */
    GRAPHEMES("a|\xE0\xA6|\xFF|\x80|\x80|b");
    GRAPHEMES("\xF0\x9F\x87|\xC0|\xAF|\xED|\xA0|\x80|ক");
    GRAPHEMES("\xE0\xA6" "\xE0\xA6\xBE|ক");          /* U+FFFD takes a vowel sign */
    GRAPHEMES("ক|\xE0\xA6");                          /* truncated at the end */
    WORDS("ক|\xE0\xA6|খ");
    SENTENCES("ক\xFF খ। |\xE0\xA6");

    /* Embedded NUL is data (a Control). */
    BOUNDS(SONGBAD_SEG_GRAPHEME, "ক\0খ", 7, 0, 3, 4, 7);
    BOUNDS(SONGBAD_SEG_WORD, "ক\0খ", 7, 0, 3, 4, 7);
    BOUNDS(SONGBAD_SEG_SENTENCE, "ক\0খ। গ", 14, 0, 11, 14);
    BOUNDS(SONGBAD_SEG_GRAPHEME, "\0", 1, 0, 1);
    BOUNDS(SONGBAD_SEG_WORD, "\0\0", 2, 0, 1, 2);

    /* A long run of regional indicators pairs up, in graphemes and words. */
    {
        size_t n = 20001, len = n * 4;
        char *t = malloc(len);
        size_t *want = malloc((n / 2 + 3) * sizeof *want);
        if (t && want) {
            size_t nb = 0;
            for (size_t i = 0; i < n; i++) memcpy(t + 4 * i, RI_A, 4);
            for (size_t b = 0; b < len; b += 8) want[nb++] = b;
            want[nb++] = len;
            check_bounds_at(__LINE__, SONGBAD_SEG_GRAPHEME, t, len, want, nb);
            check_bounds_at(__LINE__, SONGBAD_SEG_WORD, t, len, want, nb);
            size_t one[2] = {0, len};
            check_bounds_at(__LINE__, SONGBAD_SEG_SENTENCE, t, len, one, 2);
        } else {
            CHECK(0 == 1); /* out of memory */
        }
        free(t);
        free(want);
    }

    /* A long run of combining marks stays on its base, in every unit; after
     * a space the marks stay with the space (WB4). */
    {
        size_t marks = 100000, len = 3 + 2 * marks + 1 + 3;
        char *t = malloc(len);
        if (t) {
            memcpy(t, "ক", 3);
            for (size_t i = 0; i < marks; i++) memcpy(t + 3 + 2 * i, "\xCC\x81", 2);
            t[3 + 2 * marks] = ' ';
            memcpy(t + 4 + 2 * marks, "খ", 3);
            size_t want[] = {0, 3 + 2 * marks, 4 + 2 * marks, len};
            check_bounds_at(__LINE__, SONGBAD_SEG_GRAPHEME, t, len, want, 4);
            check_bounds_at(__LINE__, SONGBAD_SEG_WORD, t, len, want, 4);
            size_t one[] = {0, len};
            check_bounds_at(__LINE__, SONGBAD_SEG_SENTENCE, t, len, one, 2);
        } else {
            CHECK(0 == 1); /* out of memory */
        }
        free(t);
    }

    /* WB6/WB7 across a few marks after '.', and the look-ahead bound. */
    {
        char t[2 + 2 * 300 + 1];
        t[0] = 'a';
        t[1] = '.';
        for (int i = 0; i < 100; i++) memcpy(t + 2 + 2 * i, "\xCC\x81", 2);
        t[202] = 'b';
        size_t one[] = {0, 203};
        check_bounds_at(__LINE__, SONGBAD_SEG_WORD, t, 203, one, 2);
        for (int i = 0; i < 300; i++) memcpy(t + 2 + 2 * i, "\xCC\x81", 2);
        t[602] = 'b';
        /* past SEG_WORD_LOOKAHEAD_MAX the '.' is a word of its own */
        size_t capped[] = {0, 1, 602, 603};
        check_bounds_at(__LINE__, SONGBAD_SEG_WORD, t, 603, capped, 4);
    }

    /* SB8: ATerm Sp* ... Lower, within and past the look-ahead bound. */
    {
        size_t digits = 5000, len = 3 + digits + 1;
        char *t = malloc(len);
        if (t) {
            memcpy(t, "x. ", 3);
            memset(t + 3, '7', digits);
            t[3 + digits] = 'y';
            size_t near[] = {0, 3 + 500 + 1};
            t[3 + 500] = 'y';
            check_bounds_at(__LINE__, SONGBAD_SEG_SENTENCE, t, 3 + 500 + 1, near, 2);
            t[3 + 500] = '7';
            size_t far[] = {0, 3, len};
            check_bounds_at(__LINE__, SONGBAD_SEG_SENTENCE, t, len, far, 3);
        } else {
            CHECK(0 == 1); /* out of memory */
        }
        free(t);
    }
}

/* ---- randomized: progress, termination, bounds ------------------------- */

static uint64_t rng_state = 0x9E3779B97F4A7C15u;

static uint64_t xorshift(void)
{
    uint64_t x = rng_state;
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    return rng_state = x;
}

static void test_random(void)
{
    /* Pieces that exercise the rules, mixed with raw random bytes. */
    static const char *const pieces[] = {
        "ক", "্", "ষ", "া", "ি", "়", "য়", ZWJ, ZWNJ, RI_A, "।", "॥", ".", "?",
        "!", " ", "  ", "\r", "\n", "\r\n", "\xE2\x80\xA9", "”", "(", ")", "১",
        "২", ",", "'", "\"", "_", "a", "B", "ড.", "মো. ", "Mr.", "\xCC\x81",
        "\xF0\x9F\x91\xA9", "\xE2\x80\x8B", "\xD7\x90", "\xE3\x82\xA2", "\xE1\x84\x80",
        "\xE1\x85\xA1", "\xEA\xB0\x80", "\x00", "\xE0\xA6", "\xF0\x9F", "\xFF", "\x80"};
    static const songbad_seg_unit units[] = {SONGBAD_SEG_GRAPHEME, SONGBAD_SEG_WORD,
                                             SONGBAD_SEG_SENTENCE};
    size_t npieces = sizeof pieces / sizeof pieces[0];
    int bad[3] = {0, 0, 0}, bad_any = 0;
    char buf[512];
    for (int iter = 0; iter < 3000; iter++) {
        size_t len = 0, target = (size_t)(xorshift() % 200);
        while (len < target) {
            uint64_t r = xorshift();
            if (r % 3 == 0) {
                buf[len++] = (char)(r >> 8);
            } else {
                const char *p = pieces[(r >> 8) % npieces];
                size_t pl = p[0] == '\0' ? 1 : strlen(p);
                if (len + pl > sizeof buf) break;
                memcpy(buf + len, p, pl);
                len += pl;
            }
        }
        char *t = malloc(len ? len : 1);
        if (!t) break;
        memcpy(t, buf, len);
        for (int u = 0; u < 3; u++) {
            size_t pos = 0, steps = 0;
            while (pos < len && steps <= len) {
                size_t nx = songbad_segment_next(units[u], t, len, pos);
                if (nx <= pos || nx > len) {
                    bad[u]++;
                    break;
                }
                if (u == SONGBAD_SEG_WORD) (void)songbad_segment_is_word(t, pos, nx);
                pos = nx;
                steps++;
            }
            if (pos != len) bad[u]++;
            /* any start, boundary or not, moves forward and stays in range */
            for (size_t s = 0; s < len; s++) {
                size_t nx = songbad_segment_next(units[u], t, len, s);
                if (nx <= s || nx > len) bad_any++;
            }
            if (songbad_segment_next(units[u], t, len, len) != len) bad_any++;
        }
        free(t);
    }
    CHECK(bad[0] == 0);
    CHECK(bad[1] == 0);
    CHECK(bad[2] == 0);
    CHECK(bad_any == 0);
}

/* A few megabytes of pathological text per unit: a quadratic algorithm
 * would not finish. */
static void test_big(void)
{
    static const char *const patterns[] = {
        "a.",              /* WB6/WB7 chains */
        ". 1",             /* SB8 look-ahead after every '.' */
        "ড. ",              /* the abbreviation look-behind */
        "\xCC\x81",        /* one huge cluster */
        RI_A,              /* RI pairs */
        "্",                /* virama run */
    };
    static const songbad_seg_unit units[] = {SONGBAD_SEG_GRAPHEME, SONGBAD_SEG_WORD,
                                             SONGBAD_SEG_SENTENCE};
    size_t size = (size_t)2 << 20;
    char *t = malloc(size);
    if (!t) {
        CHECK(0 == 1); /* out of memory */
        return;
    }
    for (size_t p = 0; p < sizeof patterns / sizeof patterns[0]; p++) {
        size_t pl = strlen(patterns[p]), len = size / pl * pl;
        for (size_t i = 0; i < len; i += pl) memcpy(t + i, patterns[p], pl);
        for (int u = 0; u < 3; u++) {
            size_t pos = 0, count = 0;
            int ok = 1;
            while (pos < len) {
                size_t nx = songbad_segment_next(units[u], t, len, pos);
                if (nx <= pos || nx > len) {
                    ok = 0;
                    break;
                }
                pos = nx;
                count++;
            }
            CHECK(ok && pos == len && count > 0);
        }
    }
    free(t);
}

int main(void)
{
    test_parse();
    test_tables();
    test_graphemes();
    test_words();
    test_sentences();
    test_edges();
    test_random();
    test_big();
    return check_report("seg_test");
}
