/* key_test.c - songbad_name_key (cross-script name key), songbad_romanize
 * and songbad_romanize_iso. */
#include "check.h"
#include "songbad.h"

#include <stdlib.h>

static songbad_normalizer *norm;

/* The key of s after search-level normalization, as a C string. */
static const char *key(const char *s)
{
    static char buf[256];
    const char *t;
    size_t tl;
    if (songbad_normalize(norm, s, strlen(s), &t, &tl, NULL) != SONGBAD_OK)
        return "<normalize failed>";
    size_t n = songbad_name_key(t, tl, buf, sizeof buf - 1);
    if (n >= sizeof buf) return "<too long>";
    buf[n] = '\0';
    return buf;
}

/* fn (a key or a romanizer) over the raw bytes of s, as a string valid
 * until the next call. */
static const char *apply(size_t (*fn)(const char *, size_t, char *, size_t), const char *s)
{
    static char buf[512];
    size_t n = fn(s, strlen(s), buf, sizeof buf - 1);
    if (n >= sizeof buf) return "<too long>";
    buf[n] = '\0';
    return buf;
}

/* The key of the raw bytes of s, without normalization. */
static const char *raw_key(const char *s) { return apply(songbad_name_key, s); }
static const char *rom(const char *s) { return apply(songbad_romanize, s); }
static const char *iso(const char *s) { return apply(songbad_romanize_iso, s); }

#define CHECK_STR(got, want)                                   \
    do {                                                       \
        const char *g_ = (got);                                \
        CHECK_MEM(g_, strlen(g_), (want));                     \
    } while (0)

/* Bengali spelling, Latin spelling, the key both must give. */
static const char *const same[][3] = {
    {"ল্যাভরভ", "Lavrov", "lvrv"},
    {"লাভরভ", "lavrov", "lvrv"},
    {"লাভরভের", "Lavrov's", "lvrv"},     /* genitive, possessive */
    {"পুতিন", "Putin", "putin"},
    {"বাইডেন", "Biden", "bidn"},
    {"ট্রাম্প", "Trump", "trmp"},
    {"ঢাকা", "Dhaka", "dka"},
    {"বাংলাদেশ", "Bangladesh", "bnlds"},
    {"পিয়ংইয়ং", "Pyongyang", "pn"},
    {"পিয়ংইয়ংয়ে", "Pyongyang", "pn"},  /* locative after ং */
    {"বেইজিংয়ের", "Beijing's", "bijin"}, /* genitive after ং */
    {"হাসিনা", "Hasina", "hsina"},
    {"জেলেনস্কি", "Zelensky", "jlnski"},
    {"ওয়াশিংটন", "Washington", "asntn"},
    {"এরদোয়ান", "Erdoğan", "ardn"},
    {"মুলার", "MÜLLER", "mulr"},
    {"ক্রেমলিন", "Kremlin", "krmln"},
    {"ইসরায়েল", "Israel", "asrl"},
    {"গাজা", "Gaza", "gja"},
    {"মস্কো", "Moscow", "mska"},
};

/* Pairs that must keep apart. */
static const char *const apart[][2] = {
    {"সুদান", "সুইডেন"}, /* Sudan, Sweden */
    {"রাজা", "রাজি"},
    {"দিন", "দেন"},
    {"সফর", "শহর"},
    {"লাভরভ", "লাভ"},
    {"Putin", "Patna"},
    {"পুতিন", "পাটনা"},
};

static void test_pairs(void)
{
    for (size_t i = 0; i < sizeof same / sizeof same[0]; i++) {
        CHECK_STR(key(same[i][0]), same[i][2]);
        CHECK_STR(key(same[i][1]), same[i][2]);
    }
    for (size_t i = 0; i < sizeof apart / sizeof apart[0]; i++) {
        char a[256];
        strcpy(a, key(apart[i][0]));
        CHECK(strcmp(a, key(apart[i][1])) != 0);
    }
}

static void test_encodings(void)
{
    /* বাড়ি: precomposed U+09DC and ড + nukta; কোরিয়া: U+09DF and য + nukta,
     * ো as U+09CB and as ে + া; ৌ and ে + ৗ */
    const char *bari1 = "\xE0\xA6\xAC\xE0\xA6\xBE\xE0\xA7\x9C\xE0\xA6\xBF";
    const char *bari2 = "\xE0\xA6\xAC\xE0\xA6\xBE\xE0\xA6\xA1\xE0\xA6\xBC\xE0\xA6\xBF";
    const char *korea1 = "\xE0\xA6\x95\xE0\xA7\x8B\xE0\xA6\xB0\xE0\xA6\xBF\xE0\xA7\x9F\xE0\xA6\xBE";
    const char *korea2 = "\xE0\xA6\x95\xE0\xA7\x87\xE0\xA6\xBE\xE0\xA6\xB0\xE0\xA6\xBF"
                         "\xE0\xA6\xAF\xE0\xA6\xBC\xE0\xA6\xBE";
    const char *gour1 = "\xE0\xA6\x97\xE0\xA7\x8C\xE0\xA6\xB0";             /* গৌর */
    const char *gour2 = "\xE0\xA6\x97\xE0\xA7\x87\xE0\xA7\x97\xE0\xA6\xB0"; /* গ ে ৗ র */
    char a[256];
    strcpy(a, key(bari1));
    CHECK_STR(key(bari2), a);
    CHECK_STR(raw_key(bari1), a);
    CHECK_STR(raw_key(bari2), a);
    CHECK_STR(a, "bri");
    strcpy(a, key(korea1));
    CHECK_STR(key(korea2), a);
    CHECK_STR(raw_key(korea1), a);
    CHECK_STR(raw_key(korea2), a);
    CHECK_STR(a, "kra");
    strcpy(a, raw_key(gour1));
    CHECK_STR(raw_key(gour2), a);
    /* Bengali digits, ZWNJ and ZWJ in raw input */
    /* (one result buffer: each is compared with the key written out) */
    CHECK_STR(raw_key("কর"), "kr");
    CHECK_STR(raw_key("\xE0\xA6\x95\xE2\x80\x8C\xE0\xA6\xB0"), "kr");
    CHECK_STR(raw_key("জি20"), "ji20");
    CHECK_STR(raw_key("জি২০"), "ji20");
}

static void test_edges(void)
{
    char buf[64];
    /* empty and NULL input */
    CHECK(songbad_name_key("", 0, buf, sizeof buf) == 0);
    CHECK(songbad_name_key(NULL, 0, buf, sizeof buf) == 0);
    CHECK(songbad_romanize("", 0, buf, sizeof buf) == 0);
    CHECK(songbad_romanize(NULL, 0, NULL, 0) == 0);
    /* numbers are not names */
    CHECK(songbad_name_key("2024", 4, buf, sizeof buf) == 0);
    CHECK_STR(key("২০২৪"), "");
    CHECK_STR(key("G20"), "g20");
    /* buffer too small: the full length comes back, nothing is written
     * past cap */
    const char *w = "Washington";
    size_t full = songbad_name_key(w, strlen(w), NULL, 0);
    CHECK(full == 5);
    memset(buf, '#', sizeof buf);
    CHECK(songbad_name_key(w, strlen(w), buf, 2) == full);
    CHECK(memcmp(buf, "as##", 4) == 0);
    const char *b = "বাংলাদেশ";
    full = songbad_romanize(b, strlen(b), NULL, 0);
    CHECK(full == 10);
    memset(buf, '#', sizeof buf);
    CHECK(songbad_romanize(b, strlen(b), buf, 3) == full);
    CHECK(memcmp(buf, "ban#", 4) == 0);
    /* invalid UTF-8: no crash, key stays lower-case ASCII letters/digits,
     * romanize copies the bytes */
    const char *bad[] = {"\xFF\xFE", "\xE0\xA6", "a\xC0\xAF-", "\xE0\xA6\x95\xFF\xE0",
                         "\xED\xA0\x80", "\xF4\x90\x80\x80"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        size_t n = songbad_name_key(bad[i], strlen(bad[i]), buf, sizeof buf);
        CHECK(n <= 4 * strlen(bad[i]) + 16);
        int ok = 1;
        for (size_t j = 0; j < n && j < sizeof buf; j++)
            ok &= (buf[j] >= 'a' && buf[j] <= 'z') || (buf[j] >= '0' && buf[j] <= '9');
        CHECK(ok);
    }
    CHECK_STR(rom("a\xFF" "b"), "a\xFF" "b");
    CHECK_STR(rom("\xE0\xA6\x95\xFF"), "ko\xFF"); /* ক then a bad byte */
    /* a long run of one letter stays short and total */
    char *big = malloc(3000);
    if (big) {
        for (int i = 0; i < 1000; i++) memcpy(big + 3 * i, "\xE0\xA6\x95", 3);
        CHECK(songbad_name_key(big, 3000, buf, sizeof buf) == 1);
        CHECK(songbad_romanize(big, 3000, NULL, 0) <= 4 * 3000 + 16);
        free(big);
    }
}

/* Strict ISO 15919: every inherent vowel, diacritics, a colon where two
 * letters would read as one. */
static void test_romanize_iso(void)
{
    static const char *const cases[][2] = {
        {"কলম", "kalama"},
        {"পুতিন", "putina"},
        {"ল্যাভরভ", "lyābharabha"},
        {"বাংলাদেশ", "bāṁlādēśa"},
        {"বিশ্ব", "biśba"},
        {"অক্টোবর", "akṭōbara"},
        {"দুঃখ", "duḥkha"},
        {"চাঁদ", "cām̐da"},
        {"উৎস", "utsa"},
        {"ঋণ কৃষক", "r̥ṇa kr̥ṣaka"},
        {"জ্ঞান", "jñāna"},
        {"অইন", "a:ina"},   /* অ + ই, not ঐ */
        {"ক্হ", "k:ha"},    /* ক্ + হ, not খ */
        {"১৮ অক্টোবর। AFP", "18 akṭōbara. AFP"},
        {"ক\u200Cর", "kara"}, /* ZWNJ dropped */
        {"a\u200Db", "a\u200Db"}, /* but not outside Bengali (emoji sequences) */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        CHECK_STR(iso(cases[i][0]), cases[i][1]);
    /* both encodings of য় and of ো, ৌ */
    CHECK_STR(iso("কোরিয়া"), "kōriẏā");
    CHECK_STR(iso("\u0995\u09CB\u09B0\u09BF\u09AF\u09BC\u09BE"), "kōriẏā");
    CHECK_STR(iso("\u0995\u09C7\u09BE \u0995\u09C7\u09D7 \u0995\u09CC"), "kō kau kau");
    char small[4];
    CHECK(songbad_romanize_iso("কলম", strlen("কলম"), small, sizeof small) == 6);
    CHECK(songbad_romanize_iso(NULL, 0, NULL, 0) == 0);
}

static void test_romanize(void)
{
    static const char *const cases[][2] = {
        {"কলম", "kolom"},
        {"সফর", "sofor"},
        {"বাংলাদেশ", "bangladesh"},
        {"পুতিন", "putin"},
        {"সরকার", "sorkar"},
        {"সরকারের", "sorkarer"},
        {"লাভরভ", "labhrobh"},
        {"ল্যাভরভ", "lyabhrobh"},
        {"প্রধানমন্ত্রী", "prodhanmontri"},
        {"কলকাতা", "kolkata"},
        {"চট্টগ্রাম", "chottogram"},
        {"ট্রাম্প", "tramp"},
        {"রক্ত", "rokto"},
        {"বিশ্ব", "bishwo"},
        {"সংবাদ", "songbad"},
        {"ব্যাংক", "byank"},
        {"চাঁদ", "chad"},
        {"দুঃখ", "duhkho"},
        {"উৎস", "utso"},
        {"সিংহ", "singho"},
        {"শাহ", "shah"},
        {"সময়", "somoy"},
        {"বিজ্ঞান", "bigyan"},
        {"অ্যাপল", "apol"},
        {"নির্বাচন", "nirbachon"},
        {"ঢাকায় ২০২৪ সালে।", "dhakay 2024 sale."},
        {"Hello বাংলা, world!", "Hello bangla, world!"},
        {"৳৫০০", "Tk500"},
        {"\xE0\xA6\xAC\xE0\xA6\xBE\xE0\xA7\x9C\xE0\xA6\xBF", "bari"},
        {"\xE0\xA6\xAC\xE0\xA6\xBE\xE0\xA6\xA1\xE0\xA6\xBC\xE0\xA6\xBF", "bari"},
        {"\xE0\xA6\x95\xE0\xA7\x87\xE0\xA6\xBE\xE0\xA6\xA8", "kon"}, /* ক ে া ন */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        CHECK_STR(rom(cases[i][0]), cases[i][1]);
}

int main(void)
{
    if (songbad_normalizer_new(SONGBAD_NORM_SEARCH, NULL, &norm) != SONGBAD_OK) {
        puts("key_test: cannot create a normalizer");
        return 1;
    }
    test_pairs();
    test_encodings();
    test_edges();
    test_romanize();
    test_romanize_iso();
    songbad_normalizer_free(norm);
    return check_report("key_test");
}
