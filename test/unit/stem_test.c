/* stem_test.c - songbad_stem and songbad_is_stopword: exact stems for every
 * suffix group and guard, the buffer contract, bad input, random input, and
 * the stopword list (sorted, search-normalized, no content words). */
#include "check.h"
#include "songbad.h"

#include <stdint.h>
#include <stdlib.h>

/* Not public: the i-th stopword (src/stopwords.c), NULL past the end. */
const char *songbad_stopword_entry(size_t i, size_t *len);

static songbad_normalizer *search;

/* Copies the search-normalized form of s into buf (NUL-terminated). The
 * test words are typed by hand, so they go through the normalizer first. */
static size_t norm(const char *s, size_t len, char *buf, size_t cap)
{
    const char *o;
    size_t ol;
    if (songbad_normalize(search, s, len, &o, &ol, NULL) != SONGBAD_OK ||
        ol >= cap)
        return 0;
    memcpy(buf, o, ol);
    buf[ol] = '\0';
    return ol;
}

/* The stem of a word as a NUL-terminated string in buf. */
static const char *stem(const char *w, char *buf, size_t cap)
{
    char in[256];
    size_t n = norm(w, strlen(w), in, sizeof in);
    size_t need = songbad_stem(in, n, buf, cap - 1);
    if (need >= cap) need = cap - 1;
    buf[need] = '\0';
    return buf;
}

/* word -> expected stem (both normalized before comparing) */
#define STEM(word, want)                                        \
    do {                                                        \
        char got_[256], want_[256];                             \
        stem(word, got_, sizeof got_);                          \
        norm(want, strlen(want), want_, sizeof want_);          \
        CHECK_MEM(got_, strlen(got_), want_);                   \
    } while (0)

/* every word of a NULL-terminated list has the stem of the first */
static void same_stem(const char *const *words, int line)
{
    char first[256], got[256];
    stem(words[0], first, sizeof first);
    for (size_t i = 1; words[i]; i++) {
        stem(words[i], got, sizeof got);
        check_total++;
        if (strcmp(first, got) != 0) {
            check_failed++;
            fprintf(stderr, "%s:%d: %s -> %s, but %s -> %s\n", __FILE__, line,
                    words[0], first, words[i], got);
        }
    }
}
#define SAME(...)                                                   \
    do {                                                            \
        static const char *const w_[] = {__VA_ARGS__, NULL};        \
        same_stem(w_, __LINE__);                                    \
    } while (0)

static void test_vowel_final_nouns(void)
{
    /* the header's example: -র, -য়, -কে, -ও after a vowel-final name */
    STEM("কোরিয়া", "কোরিয়া");
    STEM("কোরিয়ার", "কোরিয়া");
    STEM("কোরিয়ায়", "কোরিয়া");
    STEM("কোরিয়াকে", "কোরিয়া");
    STEM("কোরিয়াও", "কোরিয়া");
    SAME("রাশিয়া", "রাশিয়ার", "রাশিয়ায়", "রাশিয়াকে", "রাশিয়াও");
    STEM("রাশিয়ার", "রাশিয়া");
    STEM("প্রধানমন্ত্রী", "প্রধানমন্ত্রী");
    STEM("প্রধানমন্ত্রীর", "প্রধানমন্ত্রী");
    STEM("প্রধানমন্ত্রীকে", "প্রধানমন্ত্রী");
    /* -তে after ি ী ু, -য় after া ো */
    STEM("বাড়িতে", "বাড়ি");
    STEM("বাড়ির", "বাড়ি");
    STEM("নদীতে", "নদী");
    STEM("শিশুর", "শিশু");
    STEM("সভায়", "সভা");
    STEM("কথায়", "কথা");
    /* -য়ের after a vowel that is not ি ী ে */
    STEM("ভাইয়ের", "ভাই");
    /* -ীয় is an adjective ending, not a locative */
    STEM("জাতীয়", "জাতীয়");
    /* after ং the genitive is -য়ের and the locative -য়ে */
    STEM("বেইজিংয়ের", "বেইজিং");
    STEM("পিয়ংইয়ংয়ে", "পিয়ংইয়ং");
    STEM("হংকংয়ে", "হংকং");
}

static void test_consonant_final_nouns(void)
{
    STEM("সফর", "সফর");
    STEM("সফরের", "সফর");
    STEM("সফরে", "সফর");
    STEM("সফরকে", "সফর");
    STEM("লাভরভের", "লাভরভ");
    STEM("বাংলাদেশের", "বাংলাদেশ");
    STEM("দেশে", "দেশ");
    STEM("ভারতের", "ভারত");
    STEM("ভারতকে", "ভারত");
    STEM("আদালতে", "আদালত");
    STEM("লোককে", "লোক");
    STEM("ইসলামের", "ইসলাম");
    STEM("ইসলাম", "ইসলাম");
    /* genitive written with the vowel letter, after an abbreviation */
    STEM("ইউএনএর", "ইউএন");
    /* a noun in vowel + র keeps one stem over all its forms (the stem is an
     * index key, not a word) */
    SAME("সরকার", "সরকারের", "সরকারকে", "সরকারে");
    STEM("সরকারের", "সরকা");
    /* a noun in consonant + ে likewise */
    SAME("ছেলে", "ছেলের", "ছেলেকে", "ছেলেরা", "ছেলেটি", "ছেলেদের");
    STEM("ছেলেরা", "ছেল");
    /* a classifier exposed behind a genitive -র */
    SAME("কমিটি", "কমিটির", "কমিটিতে");
}

static void test_plural_classifier(void)
{
    STEM("নেতারা", "নেতা");
    STEM("নেতাদের", "নেতা");
    STEM("শিক্ষকরা", "শিক্ষক");
    STEM("শিক্ষকদের", "শিক্ষক");
    STEM("ছাত্রদেরকে", "ছাত্র");
    STEM("লোকদিগকে", "লোক");
    STEM("লোকদিগের", "লোক");
    STEM("লোকেরা", "লোক");
    STEM("লোকেদের", "লোক");
    STEM("দেশগুলো", "দেশ");
    STEM("দেশগুলোর", "দেশ");
    STEM("দেশগুলিকে", "দেশ");
    STEM("দেশসমূহ", "দেশ");
    STEM("বইটি", "বই");
    STEM("বইটির", "বই");
    STEM("ছবিটা", "ছবি");
    STEM("ছবিটাকে", "ছবি");
    STEM("জলটুকু", "জল");
    STEM("টেবিলখানা", "টেবিল");
    STEM("একটি", "এক");
    STEM("তিনটি", "তিন");
    /* -রা takes no case ending after it */
    STEM("পুনরায়", "পুনরা");
    /* too short for a classifier */
    STEM("মাটি", "মাটি");
    STEM("কোটি", "কোটি");
    STEM("কারখানা", "কারখানা");
}

static void test_clitics(void)
{
    STEM("বন্ধুরাও", "বন্ধু");
    STEM("ঢাকারও", "ঢাকা");
    STEM("দেশেই", "দেশ");
    STEM("একই", "এক");
    STEM("আরও", "আর");
    STEM("করতেই", "কর");
    /* not a clitic: one unit would remain */
    STEM("ভাই", "ভাই");
    STEM("বই", "বই");
    STEM("সেই", "সেই");
    STEM("এই", "এই");
}

static void test_pronouns(void)
{
    SAME("আমি", "আমার", "আমাকে", "আমরা", "আমাদের", "আমারই");
    STEM("আমাদের", "আমি");
    SAME("তুমি", "তোমার", "তোমাকে", "তোমরা", "তোমাদের");
    SAME("আপনি", "আপনার", "আপনাকে", "আপনারা", "আপনাদের");
    SAME("সে", "তার", "তাকে", "তারা", "তাদের", "সেও");
    SAME("তিনি", "তাঁর", "তাঁকে", "তাঁরা", "তাঁদের", "তাঁহার");
    SAME("ইনি", "এঁর", "এঁকে", "এঁরা", "এঁদের");
    SAME("উনি", "ওঁর", "ওঁকে");
    SAME("যে", "যার", "যাকে", "যারা", "যাদের");
    SAME("এ", "এর", "একে", "এরা", "এদের", "এটি", "এটা");
    STEM("তাঁর", "তিনি");
    STEM("এঁর", "ইনি");
}

static void test_verbs(void)
{
    /* present, perfect, progressive, past, future, infinitive, negative */
    SAME("কর", "করে", "করেন", "করেছে", "করেছেন", "করেছিলেন", "করছে",
         "করছেন", "করছিল", "করবে", "করবেন", "করতে", "করতেন", "করলেন",
         "করলাম", "করেনি", "করেননি", "করো");
    STEM("করেছিলেন", "কর");
    SAME("বল", "বলে", "বলেন", "বলেছেন", "বলছে", "বললেন", "বলতে");
    STEM("বলেছেন", "বল");
    SAME("দেখ", "দেখে", "দেখেছি", "দেখছেন", "দেখবে", "দেখতে");
    SAME("আস", "আসে", "আসছে", "আসবে", "আসতে", "এসেছে", "এসে", "এলেন");
    SAME("থাক", "থাকে", "থাকবে", "থাকতে", "ছিল", "ছিলেন", "ছিলাম");
    STEM("পারেন", "পার");
    STEM("উঠেছে", "উঠ");
    /* a longer root with an ending only verbs take */
    STEM("বদলেছে", "বদল");
    /* literary (sadhu) forms */
    STEM("করিয়াছে", "কর");
    STEM("করিতেছিল", "কর");
    STEM("বলিলেন", "বল");
    /* causative: root + া */
    SAME("জানা", "জানিয়েছে", "জানিয়েছেন", "জানালেন", "জানানো",
         "জানানোর", "জানাচ্ছে");
    STEM("দেখানো", "দেখা");
    STEM("ফিরিয়ে", "ফিরা");
    /* a verb ending on what is not a verb root */
    STEM("সুইডেন", "সুইডেন");
    STEM("সাহেবে", "সাহেব");
    STEM("হিসাবে", "হিসাব");
}

static void test_irregular_verbs(void)
{
    SAME("হওয়া", "হয়", "হন", "হয়েছে", "হয়েছিল", "হচ্ছে", "হবে", "হতে",
         "হল", "হলো", "হলে", "হোক", "হয়নি", "হইয়াছে", "হওয়ার");
    STEM("হবে", "হওয়া");
    SAME("যাওয়া", "যায়", "যান", "যাবে", "যাচ্ছে", "যেতে", "গেল", "গেছে",
         "গিয়ে", "গিয়েছিল", "যাওয়ার");
    STEM("গেল", "যাওয়া");
    SAME("দেওয়া", "দেয়", "দেন", "দেবে", "দিতে", "দিল", "দিয়েছে",
         "দিচ্ছে", "দেয়া");
    STEM("দিতে", "দেওয়া");
    SAME("নেওয়া", "নেয়", "নেন", "নিতে", "নিয়েছে", "নেবে");
    SAME("পাওয়া", "পায়", "পাবে", "পেয়েছে", "পেতে");
    SAME("খাওয়া", "খায়", "খেয়ে", "খেতে");
    SAME("চাওয়া", "চায়", "চান", "চাইছে", "চেয়েছিলেন");
    /* look-alikes that are not forms of these verbs */
    STEM("দিন", "দিন");    /* day */
    STEM("নেই", "নেই");    /* is not */
    STEM("খান", "খান");    /* a name */
    STEM("খাবার", "খাবা"); /* food: a noun in vowel + র */
    STEM("হত্যা", "হত্যা");
    STEM("দেব", "দেব");    /* god */
    STEM("এলাকায়", "এলাকা");
}

static void test_guards(void)
{
    /* short words Lucene cuts down (তিনি->তি, নীতি->নি, নেতা->নে,
     * দিতে->দি, হবে->হব) */
    STEM("তিনি", "তিনি");
    STEM("নীতি", "নীতি");
    STEM("নেতা", "নেতা");
    STEM("দিতে", "দেওয়া");
    STEM("হবে", "হওয়া");
    STEM("মন্তব্য", "মন্তব্য");
    /* content words stay whole */
    STEM("নতুন", "নতুন");
    STEM("উত্তর", "উত্তর");
    STEM("দক্ষিণ", "দক্ষিণ");
    STEM("দিন", "দিন");
    STEM("কাজ", "কাজ");
    STEM("শুরু", "শুরু");
    STEM("ভারত", "ভারত");
    STEM("সকাল", "সকাল");
    STEM("সকালে", "সকাল");
    STEM("মিছিল", "মিছিল");
    STEM("বাতিল", "বাতিল");
    STEM("জন্য", "জন্য");
    STEM("কে", "কে");
    STEM("ক", "ক");
    STEM("া", "া");
    STEM("্", "্");
}

static void test_not_bengali(void)
{
    char buf[64];
    const char *w[] = {"putin", "2024", "covid", "18", "a"};
    for (size_t i = 0; i < sizeof w / sizeof w[0]; i++) {
        size_t n = songbad_stem(w[i], strlen(w[i]), buf, sizeof buf);
        CHECK_MEM(buf, n, w[i]);
    }
    /* mixed scripts and digits pass through */
    STEM("18ই", "18ই");
    STEM("বিএনপি2", "বিএনপি2");
    STEM("x\u0995\u09C7", "x\u0995\u09C7");
    /* U+0964 danda is in the Devanagari block: unchanged */
    STEM("\u0964", "\u0964");
}

static void test_buffer(void)
{
    /* empty */
    CHECK(songbad_stem("", 0, NULL, 0) == 0);
    CHECK(songbad_stem(NULL, 0, NULL, 0) == 0);
    char buf[64];
    memset(buf, 'Z', sizeof buf);
    CHECK(songbad_stem("", 0, buf, sizeof buf) == 0);
    CHECK(buf[0] == 'Z');

    /* size query, then a short buffer: the return value is the full length
     * and nothing is written past cap */
    char in[64];
    size_t n = norm("কোরিয়ার", strlen("কোরিয়ার"), in, sizeof in);
    size_t need = songbad_stem(in, n, NULL, 0);
    CHECK(need == n - 3); /* one code point (র) less */
    memset(buf, 'Z', sizeof buf);
    CHECK(songbad_stem(in, n, buf, 4) == need);
    CHECK(memcmp(buf, in, 4) == 0);
    CHECK(buf[4] == 'Z');
    CHECK(songbad_stem(in, n, buf, need) == need);
    CHECK(memcmp(buf, in, need) == 0);
    CHECK(buf[need] == 'Z');

    /* a lemma longer than the word (হয় -> হওয়া) */
    char lem[64];
    size_t ln = norm("হওয়া", strlen("হওয়া"), lem, sizeof lem);
    n = norm("হয়", strlen("হয়"), in, sizeof in);
    CHECK(songbad_stem(in, n, NULL, 0) == ln);
    memset(buf, 'Z', sizeof buf);
    CHECK(songbad_stem(in, n, buf, 5) == ln);
    CHECK(memcmp(buf, lem, 5) == 0);
    CHECK(buf[5] == 'Z');
    CHECK(ln <= 4 * n + 16);

    /* a causative stem adds া to a prefix */
    n = norm("ফিরিয়ে", strlen("ফিরিয়ে"), in, sizeof in);
    memset(buf, 'Z', sizeof buf);
    need = songbad_stem(in, n, buf, 7);
    CHECK(need == 12); /* ফ ি র + া */
    CHECK(buf[7] == 'Z');

    /* an embedded NUL is data */
    need = songbad_stem("a\0b", 3, buf, sizeof buf);
    CHECK(need == 3 && memcmp(buf, "a\0b", 3) == 0);
}

static void test_invalid_utf8(void)
{
    static const char *const bad[] = {
        "\xFF\xFE", "\xE0\xA6", "\xE0\xA6\x95\xE0", "\xE0\xA6\x95\x80",
        "\xC0\xAF", "\xED\xA0\x80", "\xE0\xA6\x95\xE0\xA7", "\x80",
        "\xE0\xA7\x87\xE0\xA6\xB0\xFF",
    };
    char buf[64];
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        size_t len = strlen(bad[i]);
        size_t n = songbad_stem(bad[i], len, buf, sizeof buf);
        CHECK(n == len && memcmp(buf, bad[i], len) == 0);
    }
}

/* xorshift, for reproducible random words */
static uint32_t rnd_state = 2463534242u;
static uint32_t rnd(void)
{
    rnd_state ^= rnd_state << 13;
    rnd_state ^= rnd_state >> 17;
    rnd_state ^= rnd_state << 5;
    return rnd_state;
}

static void test_random(void)
{
    /* random strings of Bengali code points (sometimes with other bytes):
     * the result is a bounded, valid UTF-8 string, the same on every call,
     * and a short buffer is never overrun */
    int ok_bound = 1, ok_same = 1, ok_utf8 = 1, ok_cap = 1;
    char in[3 * 12 + 4], out[256], out2[256], small[16 + 8];
    for (int iter = 0; iter < 20000; iter++) {
        size_t n = 0, cps = 1 + rnd() % 12;
        for (size_t i = 0; i < cps; i++) {
            uint32_t r = rnd() % 100;
            if (r < 2) {
                in[n++] = (char)(rnd() & 0xFF);
            } else {
                /* mostly letters, signs and marks of U+0980..U+09FF */
                uint32_t cp = 0x0980 + rnd() % 0x80;
                n += songbad_utf8_encode(cp, in + n);
            }
        }
        size_t need = songbad_stem(in, n, out, sizeof out);
        if (need > 4 * n + 16) ok_bound = 0;
        if (need <= sizeof out) {
            size_t need2 = songbad_stem(in, n, out2, sizeof out2);
            if (need2 != need || memcmp(out, out2, need) != 0) ok_same = 0;
            if (songbad_utf8_validate(in, n, NULL) == SONGBAD_OK &&
                songbad_utf8_validate(out, need, NULL) != SONGBAD_OK)
                ok_utf8 = 0;
        }
        size_t cap = rnd() % 16;
        memset(small, 'Z', sizeof small);
        if (songbad_stem(in, n, small, cap) != need) ok_cap = 0;
        for (size_t i = cap; i < sizeof small; i++)
            if (small[i] != 'Z') ok_cap = 0;
    }
    CHECK(ok_bound);
    CHECK(ok_same);
    CHECK(ok_utf8);
    CHECK(ok_cap);
}

static void test_stopwords(void)
{
    static const char *const yes[] = {
        "এবং", "ও", "বা", "কিন্তু", "যে", "এই", "সেই", "তার", "থেকে", "জন্য",
        "করে", "হয়", "হয়েছে", "না", "নয়", "তিনি", "আমি", "সঙ্গে", "মধ্যে",
        "পর্যন্ত", "অনুযায়ী", "নেই", "আছে", "ছিল", "যদি", "তবে",
    };
    /* content words that must never be stopwords */
    static const char *const no[] = {
        "উত্তর", "দক্ষিণ", "পূর্ব", "পশ্চিম", "নতুন", "সরকার", "কোটি", "লাখ",
        "দিন", "কাজ", "কারণ", "শুরু", "দেশ", "সময়", "বছর", "এক", "দুই",
        "মত", "মনে", "ফলে", "আজ", "বলেন",
    };
    char w[128];
    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++) {
        size_t n = norm(yes[i], strlen(yes[i]), w, sizeof w);
        check_total++;
        if (!songbad_is_stopword(w, n)) {
            check_failed++;
            fprintf(stderr, "%s: should be a stopword\n", yes[i]);
        }
    }
    for (size_t i = 0; i < sizeof no / sizeof no[0]; i++) {
        size_t n = norm(no[i], strlen(no[i]), w, sizeof w);
        check_total++;
        if (songbad_is_stopword(w, n)) {
            check_failed++;
            fprintf(stderr, "%s: must not be a stopword\n", no[i]);
        }
    }
    CHECK(!songbad_is_stopword("", 0));
    CHECK(!songbad_is_stopword(NULL, 0));
    CHECK(!songbad_is_stopword("the", 3));
    CHECK(!songbad_is_stopword("\xFF", 1));
    /* a prefix or an extension of an entry is not an entry */
    CHECK(!songbad_is_stopword("এব", 6));
    CHECK(!songbad_is_stopword("এবংও", strlen("এবংও")));

    /* the whole list: sorted by bytes, valid UTF-8, already in the search
     * normal form, found by the lookup, and none of the content words */
    size_t count = 0, len, plen = 0;
    const char *e, *prev = NULL;
    int sorted = 1, normal = 1, found = 1, clean = 1, valid = 1;
    while ((e = songbad_stopword_entry(count, &len)) != NULL) {
        if (prev) {
            size_t m = plen < len ? plen : len;
            int c = memcmp(prev, e, m);
            if (c > 0 || (c == 0 && plen >= len)) {
                sorted = 0;
                fprintf(stderr, "stopword %zu out of order: %.*s\n", count,
                        (int)len, e);
            }
        }
        if (songbad_utf8_validate(e, len, NULL) != SONGBAD_OK) valid = 0;
        const char *o;
        size_t ol;
        if (songbad_normalize(search, e, len, &o, &ol, NULL) != SONGBAD_OK ||
            ol != len || memcmp(o, e, len) != 0) {
            normal = 0;
            fprintf(stderr, "stopword not in search form: %.*s\n", (int)len, e);
        }
        if (!songbad_is_stopword(e, len)) found = 0;
        for (size_t i = 0; i < sizeof no / sizeof no[0]; i++) {
            size_t n = norm(no[i], strlen(no[i]), w, sizeof w);
            if (n == len && memcmp(w, e, n) == 0) {
                clean = 0;
                fprintf(stderr, "content word in the list: %s\n", no[i]);
            }
        }
        prev = e;
        plen = len;
        count++;
    }
    CHECK(sorted);
    CHECK(valid);
    CHECK(normal);
    CHECK(found);
    CHECK(clean);
    CHECK(count >= 100 && count <= 250);
}

int main(void)
{
    if (songbad_normalizer_new(SONGBAD_NORM_SEARCH, NULL, &search) !=
        SONGBAD_OK) {
        fprintf(stderr, "stem_test: cannot create a normalizer\n");
        return 1;
    }
    test_vowel_final_nouns();
    test_consonant_final_nouns();
    test_plural_classifier();
    test_clitics();
    test_pronouns();
    test_verbs();
    test_irregular_verbs();
    test_guards();
    test_not_bengali();
    test_buffer();
    test_invalid_utf8();
    test_random();
    test_stopwords();
    songbad_normalizer_free(search);
    return check_report("stem_test");
}
