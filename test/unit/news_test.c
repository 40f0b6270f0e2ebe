/* news_test.c - the news layer: every rule with example lines of our own,
 * the reference article (issue 4 acceptance), dates against a publication
 * date, JSON records, bad input and allocation failures. Every parse is
 * also checked for the invariants: parts cover every line exactly once, in
 * order, and every span is the original text verbatim. */
#include "check.h"
#include "news_int.h"
#include "songbad.h"

#include <stdlib.h>
#include <string.h>

/* ---- helpers ---------------------------------------------------------------- */

static size_t count_lines(const char *t, size_t n)
{
    size_t lines = 0;
    for (size_t i = 0; i < n; i++) lines += t[i] == '\n';
    return lines + (n && t[n - 1] != '\n');
}

/* The invariants of any parse of text (prints the first one broken). */
#define BROKEN(what)                                                    \
    do {                                                                \
        fprintf(stderr, "  invariant broken: %s (item %zu)\n", what, i); \
        return 0;                                                       \
    } while (0)

static int invariants(const songbad_article *a, const char *t, size_t n)
{
    size_t np, nc, nd, tl, i = 0;
    const char *text = songbad_article_text(a, &tl);
    if (tl != n || (n && memcmp(text, t, n) != 0)) BROKEN("text");
    const songbad_article_part *p = songbad_article_parts(a, &np);
    size_t next = 0, last_end = 0;
    for (i = 0; i < np; i++) {
        if (p[i].from_title) continue;
        if (p[i].line != next || p[i].lines == 0) BROKEN("lines in order");
        next += p[i].lines;
        if (p[i].start < last_end || p[i].end < p[i].start || p[i].end > n) BROKEN("spans");
        if (p[i].text != text + p[i].start || p[i].len != p[i].end - p[i].start)
            BROKEN("verbatim");
        last_end = p[i].end;
    }
    if (next != count_lines(t, n)) BROKEN("every line");
    const songbad_credit *c = songbad_article_credits(a, &nc);
    for (i = 0; i < nc; i++) {
        if (c[i].part >= np || c[i].end > n || c[i].start >= c[i].end) BROKEN("credit span");
        if (c[i].start < p[c[i].part].start || c[i].end > p[c[i].part].end)
            BROKEN("credit in its part");
        if (i && c[i].start < c[i - 1].start) BROKEN("credits in order");
    }
    const songbad_date *d = songbad_article_dates(a, &nd);
    for (i = 0; i < nd; i++) {
        if (d[i].part >= np || d[i].start >= d[i].end) BROKEN("date span");
        if (!p[d[i].part].from_title &&
            (d[i].start < p[d[i].part].start || d[i].end > p[d[i].part].end))
            BROKEN("date in its part");
    }
    return 1;
}

static songbad_article *parse(const char *t, const char *pub)
{
    songbad_article_options opt = {pub, 0};
    songbad_article *a = NULL;
    int rc = songbad_article_parse_text(t, strlen(t), &opt, NULL, &a);
    CHECK(rc == SONGBAD_OK);
    if (a) CHECK(invariants(a, t, strlen(t)));
    return a;
}

/* The i-th part of a kind, or NULL. */
static const songbad_article_part *nth(const songbad_article *a, songbad_part_kind k,
                                       size_t i)
{
    size_t np;
    const songbad_article_part *p = songbad_article_parts(a, &np);
    for (size_t j = 0; j < np; j++)
        if (p[j].kind == k && i-- == 0) return &p[j];
    return NULL;
}

static size_t count_kind(const songbad_article *a, songbad_part_kind k)
{
    size_t np, n = 0;
    const songbad_article_part *p = songbad_article_parts(a, &np);
    for (size_t j = 0; j < np; j++) n += p[j].kind == k;
    return n;
}

static int part_is(const songbad_article_part *p, const char *want)
{
    return p && p->len == strlen(want) && memcmp(p->text, want, p->len) == 0;
}

/* Whether the article has a credit of kind with this name (and surface). */
static int has_credit(const songbad_article *a, songbad_credit_kind k, const char *name,
                      const char *surface)
{
    size_t nc;
    const songbad_credit *c = songbad_article_credits(a, &nc);
    for (size_t i = 0; i < nc; i++) {
        if (c[i].kind != k || c[i].name_len != strlen(name) ||
            memcmp(c[i].name, name, c[i].name_len) != 0)
            continue;
        if (!surface || (c[i].len == strlen(surface) && memcmp(c[i].text, surface, c[i].len) == 0))
            return 1;
    }
    return 0;
}

static size_t credit_count(const songbad_article *a)
{
    size_t nc;
    songbad_article_credits(a, &nc);
    return nc;
}

/* The value of the date whose text is surface ("" if none; "null" if it
 * has no value). */
static const char *date_of(const songbad_article *a, const char *surface)
{
    size_t nd;
    const songbad_date *d = songbad_article_dates(a, &nd);
    for (size_t i = 0; i < nd; i++)
        if (d[i].len == strlen(surface) && memcmp(d[i].text, surface, d[i].len) == 0)
            return d[i].value[0] ? d[i].value : "null";
    return "";
}

static size_t date_count(const songbad_article *a)
{
    size_t nd;
    songbad_article_dates(a, &nd);
    return nd;
}

/* An article with the line between two body sentences; returns the kind of
 * the middle part. */
static const char *const body1 = "নদীর পানি বিপৎসীমার ওপর দিয়ে বইছে বলে জানিয়েছে পাউবো।";
static const char *const body2 = "স্থানীয় প্রশাসন আশ্রয়কেন্দ্র খুলেছে।";

static songbad_article *with_line(const char *line)
{
    static char buf[4096];
    snprintf(buf, sizeof buf, "%s\n%s\n%s", body1, line, body2);
    return parse(buf, NULL);
}

static int middle_is(const char *line, songbad_part_kind want)
{
    songbad_article *a = with_line(line);
    if (!a) return 0;
    size_t np;
    const songbad_article_part *p = songbad_article_parts(a, &np);
    int ok = np == 3 && p[1].kind == want && part_is(&p[1], line);
    if (!ok) fprintf(stderr, "  line [%s]: kind %d\n", line, np == 3 ? (int)p[1].kind : -1);
    songbad_article_free(a);
    return ok;
}

/* ---- rules --------------------------------------------------------------- */

static void test_tables(void)
{
    news_scratch s;
    CHECK(songbad_news_scratch_init(&s, NULL) == SONGBAD_OK);
    const char *bad = NULL;
    size_t n = songbad_news_rules_check(&s, &bad);
    if (n) fprintf(stderr, "  bad pattern: %s\n", bad);
    CHECK(n == 0);
    songbad_news_scratch_free(&s);
}

static void test_boilerplate(void)
{
    const songbad_part_kind B = SONGBAD_PART_BOILERPLATE, P = SONGBAD_PART_PARAGRAPH;
    /* ad placeholders, any numbering and digits */
    CHECK(middle_is("[বিজ্ঞাপন_২]", B));
    CHECK(middle_is("[বিজ্ঞাপন_12]", B));
    CHECK(middle_is("[বিজ্ঞাপন ৩]", B));
    CHECK(middle_is("বিজ্ঞাপন", B));
    CHECK(middle_is("(Advertisement)", B));
    CHECK(middle_is("[ad_1]", B));
    CHECK(middle_is("বিজ্ঞাপনের বাজারে এবার মন্দা চলছে।", P));
    /* source links, read more, comments */
    CHECK(middle_is("উৎস লিঙ্ক", B));
    CHECK(middle_is("উৎস লিংক", B));
    CHECK(middle_is("মূল লিঙ্ক:", B));
    CHECK(middle_is("উৎস লিঙ্ক খুঁজে পাওয়া যায়নি।", P));
    CHECK(middle_is("আরও পড়ুন: পদ্মায় ফেরি চলাচল বন্ধ", B));
    CHECK(middle_is("আরো পড়ুন", B));
    CHECK(middle_is("বিস্তারিত পড়ুন...", B));
    CHECK(middle_is("আরও পড়ুন বলে তিনি বইটি এগিয়ে দিলেন।", P));
    CHECK(middle_is("মন্তব্য (0)", B));
    CHECK(middle_is("মন্তব্য (১২)", B));
    CHECK(middle_is("৩টি মন্তব্য", B));
    CHECK(middle_is("মন্তব্য করতে রাজি হননি মন্ত্রী।", P));
    /* share, follow, subscribe */
    CHECK(middle_is("ফেসবুকে শেয়ার করুন", B));
    CHECK(middle_is("আমাদের ইউটিউব চ্যানেল সাবস্ক্রাইব করুন", B));
    CHECK(middle_is("সর্বশেষ খবর পেতে গুগল নিউজ ফলো করুন", B));
    CHECK(middle_is("তিনি সবাইকে নিয়ম মেনে চলার অনুরোধ করে বলেন, ফলো করুন।", P));
    /* related news, tags, page metadata, slugs, navigation */
    CHECK(middle_is("সম্পর্কিত খবর", B));
    CHECK(middle_is("ট্যাগ: বন্যা, সিলেট, পাউবো", B));
    CHECK(middle_is("প্রকাশ: ১৮ অক্টোবর ২০২৩, ১০:৩০", B));
    CHECK(middle_is("আপডেট: ১৯ অক্টোবর ২০২৩", B));
    CHECK(middle_is("এমএইচ/এএসএম", B));
    CHECK(middle_is("প্রিন্ট", B));
    /* the link title after a bare "আরও পড়ুন", and its repetition */
    songbad_article *a = parse("প্রথম বাক্য এখানে শেষ।\nআরও পড়ুন\nঢাকায় ডেঙ্গু রোগী বাড়ছে\n"
                               "ঢাকায় ডেঙ্গু  রোগী বাড়ছে\nশেষ বাক্যটিও এখানে।", NULL);
    CHECK(a && count_kind(a, SONGBAD_PART_BOILERPLATE) == 3 &&
          count_kind(a, SONGBAD_PART_PARAGRAPH) == 2);
    songbad_article_free(a);
    /* runs of empty lines are one blank part */
    a = parse("প্রথম বাক্য।\n\n  \n\nদ্বিতীয় বাক্য।", NULL);
    CHECK(a && count_kind(a, SONGBAD_PART_BLANK) == 1 && nth(a, SONGBAD_PART_BLANK, 0)->lines == 3);
    songbad_article_free(a);
}

static void test_captions(void)
{
    const songbad_part_kind C = SONGBAD_PART_CAPTION, P = SONGBAD_PART_PARAGRAPH;
    songbad_article *a = with_line("নদীভাঙনে বিলীন হচ্ছে ফসলি জমি। ছবি: এএফপি");
    CHECK(a && count_kind(a, C) == 1 && has_credit(a, SONGBAD_CREDIT_AGENCY, "AFP", "এএফপি"));
    songbad_article_free(a);
    a = with_line("ঢাকার রাস্তায় রিকশার সারি। ছবি: রাশেদ মাহমুদ");
    CHECK(a && count_kind(a, C) == 1 &&
          has_credit(a, SONGBAD_CREDIT_PHOTO, "রাশেদ মাহমুদ", "রাশেদ মাহমুদ"));
    songbad_article_free(a);
    a = with_line("পুরোনো ঢাকার একটি বাড়ি। ফাইল ছবি");
    CHECK(a && count_kind(a, C) == 1 && has_credit(a, SONGBAD_CREDIT_PHOTO, "ফাইল ছবি", NULL));
    songbad_article_free(a);
    a = with_line("বইমেলায় ক্রেতাদের ভিড়। ছবি সংগৃহীত");
    CHECK(a && count_kind(a, C) == 1 && has_credit(a, SONGBAD_CREDIT_PHOTO, "সংগৃহীত", NULL));
    songbad_article_free(a);
    a = with_line("খুলনায় লবণাক্ত জমিতে ধান কাটছেন কৃষক। ছবি- রয়টার্স");
    CHECK(a && has_credit(a, SONGBAD_CREDIT_AGENCY, "Reuters", "রয়টার্স"));
    songbad_article_free(a);
    a = with_line("Cyclone shelters along the coast. Photo: AP");
    CHECK(a && count_kind(a, C) == 1 && has_credit(a, SONGBAD_CREDIT_AGENCY, "AP", "AP"));
    songbad_article_free(a);
    a = with_line("ছবিঃ ফোকাস বাংলা");
    CHECK(a && count_kind(a, C) == 1 && has_credit(a, SONGBAD_CREDIT_AGENCY, "Focus Bangla", NULL));
    songbad_article_free(a);
    a = with_line("সমাবেশে বক্তব্য দিচ্ছেন নেতা (ছবি: বাসস)");
    CHECK(a && count_kind(a, C) == 1 && has_credit(a, SONGBAD_CREDIT_AGENCY, "BSS", "বাসস"));
    songbad_article_free(a);
    a = with_line("বানভাসি মানুষের ঘর। ছবি: সোহেল রানা/প্রথম আলো");
    CHECK(a && has_credit(a, SONGBAD_CREDIT_PHOTO, "সোহেল রানা", NULL) &&
          has_credit(a, SONGBAD_CREDIT_AGENCY, "Prothom Alo", NULL));
    songbad_article_free(a);
    /* not captions */
    CHECK(middle_is("তিনি বলেন, ছবি তোলা নিষেধ ছিল।", P));
    CHECK(middle_is("ছবি: এএফপি জানায়, রাতেই সংঘর্ষ শুরু হয়। পরে তা ছড়ায়", P));
}

static void test_bylines(void)
{
    const songbad_part_kind Y = SONGBAD_PART_BYLINE, P = SONGBAD_PART_PARAGRAPH;
    songbad_article *a = with_line("নিজস্ব প্রতিবেদক");
    CHECK(a && count_kind(a, Y) == 1 && has_credit(a, SONGBAD_CREDIT_DESK, "নিজস্ব প্রতিবেদক", NULL));
    songbad_article_free(a);
    a = with_line("নিজস্ব প্রতিবেদক, চট্টগ্রাম");
    CHECK(a && has_credit(a, SONGBAD_CREDIT_DESK, "নিজস্ব প্রতিবেদক", NULL) &&
          has_credit(a, SONGBAD_CREDIT_PLACE, "চট্টগ্রাম", NULL));
    songbad_article_free(a);
    a = with_line("নিজস্ব সংবাদদাতা, লালমনিরহাট");
    CHECK(a && has_credit(a, SONGBAD_CREDIT_PLACE, "লালমনিরহাট", NULL));
    songbad_article_free(a);
    CHECK(middle_is("রাজশাহী প্রতিনিধি", Y));
    CHECK(middle_is("আন্তর্জাতিক ডেস্ক", Y));
    CHECK(middle_is("ডেস্ক রিপোর্ট", Y));
    CHECK(middle_is("ঢাকা বিশ্ববিদ্যালয় প্রতিনিধি", Y));
    a = with_line("তানভীর হাসান, কলকাতা");
    CHECK(a && count_kind(a, Y) == 1 && has_credit(a, SONGBAD_CREDIT_AUTHOR, "তানভীর হাসান", NULL) &&
          has_credit(a, SONGBAD_CREDIT_PLACE, "কলকাতা", NULL));
    songbad_article_free(a);
    a = with_line("লিখেছেন: সুমাইয়া রহমান");
    CHECK(a && has_credit(a, SONGBAD_CREDIT_AUTHOR, "সুমাইয়া রহমান", NULL));
    songbad_article_free(a);
    a = with_line("লেখক: ফারহানা ইয়াসমিন, পরিবেশ গবেষক ও শিক্ষক");
    CHECK(a && has_credit(a, SONGBAD_CREDIT_AUTHOR, "ফারহানা ইয়াসমিন", NULL) &&
          has_credit(a, SONGBAD_CREDIT_DESK, "পরিবেশ গবেষক ও শিক্ষক", NULL) && credit_count(a) == 2);
    songbad_article_free(a);
    a = with_line("উত্তর দিয়েছেন : মুফতি আবদুল্লাহ আল মাসুদ");
    CHECK(a && has_credit(a, SONGBAD_CREDIT_AUTHOR, "মুফতি আবদুল্লাহ আল মাসুদ", NULL));
    songbad_article_free(a);
    CHECK(middle_is("ইডেনে শনিবার মুখোমুখি কলকাতা ও মুম্বাই", P));
    a = with_line("By Ahmed Karim");
    CHECK(a && count_kind(a, Y) == 1 && has_credit(a, SONGBAD_CREDIT_AUTHOR, "Ahmed Karim", NULL));
    songbad_article_free(a);
    a = with_line("মাহফুজ আলম (রয়টার্স, এএফপি অবলম্বনে)");
    CHECK(a && has_credit(a, SONGBAD_CREDIT_AUTHOR, "মাহফুজ আলম", NULL) &&
          has_credit(a, SONGBAD_CREDIT_AGENCY, "Reuters", "রয়টার্স") &&
          has_credit(a, SONGBAD_CREDIT_AGENCY, "AFP", "এএফপি"));
    songbad_article_free(a);
    a = with_line("(বিবিসি অবলম্বনে)");
    CHECK(a && count_kind(a, Y) == 1 && has_credit(a, SONGBAD_CREDIT_AGENCY, "BBC", "বিবিসি"));
    songbad_article_free(a);
    a = with_line("আল জাজিরা অবলম্বনে");
    CHECK(a && count_kind(a, Y) == 1 && has_credit(a, SONGBAD_CREDIT_AGENCY, "Al Jazeera", NULL));
    songbad_article_free(a);
    a = with_line("(দ্য হিন্দু ও এনডিটিভির মতে)");
    CHECK(a && has_credit(a, SONGBAD_CREDIT_AGENCY, "The Hindu", NULL) &&
          has_credit(a, SONGBAD_CREDIT_AGENCY, "NDTV", "এনডিটিভির"));
    songbad_article_free(a);
    a = with_line("(স্থানীয় এক সাপ্তাহিক অবলম্বনে)");
    CHECK(a && count_kind(a, Y) == 1 &&
          has_credit(a, SONGBAD_CREDIT_SOURCE, "স্থানীয় এক সাপ্তাহিক", NULL));
    songbad_article_free(a);
    a = with_line("সূত্র: বাসস");
    CHECK(a && count_kind(a, Y) == 1 && has_credit(a, SONGBAD_CREDIT_AGENCY, "BSS", NULL));
    songbad_article_free(a);
    a = with_line("তথ্যসূত্র: ইউএনবি, বিডিনিউজ২৪");
    CHECK(a && has_credit(a, SONGBAD_CREDIT_AGENCY, "UNB", NULL) &&
          has_credit(a, SONGBAD_CREDIT_AGENCY, "bdnews24.com", NULL));
    songbad_article_free(a);
    a = with_line("/বাসস");
    CHECK(a && count_kind(a, Y) == 1 && has_credit(a, SONGBAD_CREDIT_AGENCY, "BSS", NULL));
    songbad_article_free(a);
    CHECK(middle_is("রয়টার্স", Y));
    /* sentences that look a little like bylines */
    CHECK(middle_is("হজযাত্রীরা আল্লাহর প্রতিনিধি", P));
    CHECK(middle_is("তিনি বলেন, বিশেষ প্রতিনিধি", P));
    CHECK(middle_is("৬. জিন বা মানুষের মধ্য থেকে।", P));
    CHECK(middle_is("নিজস্ব প্রতিবেদক জানান, রাতেই বাঁধ ভেঙেছে।", P));
    /* credits inside paragraphs */
    a = parse("নিজস্ব প্রতিবেদক : রাজধানীর মিরপুরে আজ সকালে আগুন লাগে।\nদমকল বাহিনী এক ঘণ্টায় "
              "আগুন নেভায়। খবর এএফপির।",
              NULL);
    CHECK(a && count_kind(a, Y) == 0 && has_credit(a, SONGBAD_CREDIT_DESK, "নিজস্ব প্রতিবেদক", NULL) &&
          has_credit(a, SONGBAD_CREDIT_AGENCY, "AFP", "এএফপির"));
    if (a) {
        size_t nc;
        const songbad_credit *c = songbad_article_credits(a, &nc);
        CHECK(nc == 2 && c[0].in_byline == 1 && c[1].in_byline == 0);
    }
    songbad_article_free(a);
    a = parse("ঢাকা, ১২ মার্চ (বাসস) : প্রধান উপদেষ্টা আজ নতুন প্রকল্পের উদ্বোধন করেছেন।", NULL);
    CHECK(a && has_credit(a, SONGBAD_CREDIT_AGENCY, "BSS", "বাসস") &&
          has_credit(a, SONGBAD_CREDIT_PLACE, "ঢাকা", NULL));
    songbad_article_free(a);
    a = parse("বার্তা সংস্থা রয়টার্স জানিয়েছে, সীমান্তে গোলাগুলি চলছে। সূত্র: এপি, আল জাজিরা ও বিবিসি।",
              NULL);
    CHECK(a && credit_count(a) == 4 && has_credit(a, SONGBAD_CREDIT_AGENCY, "Reuters", NULL) &&
          has_credit(a, SONGBAD_CREDIT_AGENCY, "AP", NULL) &&
          has_credit(a, SONGBAD_CREDIT_AGENCY, "Al Jazeera", NULL) &&
          has_credit(a, SONGBAD_CREDIT_AGENCY, "BBC", NULL));
    songbad_article_free(a);
    /* an agency name that is also a word is credited only where a credit is */
    a = parse("তাসের আড্ডায় সময় কাটে তাঁর। ডন বলে ডাকত সবাই।", NULL);
    CHECK(a && credit_count(a) == 0);
    songbad_article_free(a);
}

static void test_headline_and_paragraphs(void)
{
    songbad_article *a = parse("বন্যায় ভাসছে সিলেট\nটানা বৃষ্টিতে নিম্নাঞ্চল প্লাবিত হয়েছে।", NULL);
    CHECK(a && part_is(songbad_article_headline(a), "বন্যায় ভাসছে সিলেট") &&
          part_is(songbad_article_lead(a), "টানা বৃষ্টিতে নিম্নাঞ্চল প্লাবিত হয়েছে।"));
    songbad_article_free(a);
    /* a first line that ends a sentence is the lead */
    a = parse("টানা বৃষ্টিতে নিম্নাঞ্চল প্লাবিত হয়েছে।\nআশ্রয়কেন্দ্রে মানুষ বাড়ছে।", NULL);
    CHECK(a && !songbad_article_headline(a) && count_kind(a, SONGBAD_PART_PARAGRAPH) == 2);
    songbad_article_free(a);
    /* a question may be a headline; the NO_HEADLINE flag turns it off */
    const char *q = "কেন বাড়ছে চালের দাম?\nমোটা চালের দাম কেজিতে পাঁচ টাকা বেড়েছে।";
    a = parse(q, NULL);
    CHECK(a && songbad_article_headline(a) != NULL);
    songbad_article_free(a);
    songbad_article_options opt = {NULL, SONGBAD_ARTICLE_NO_HEADLINE};
    CHECK(songbad_article_parse_text(q, strlen(q), &opt, NULL, &a) == SONGBAD_OK);
    CHECK(a && !songbad_article_headline(a) && count_kind(a, SONGBAD_PART_PARAGRAPH) == 2);
    songbad_article_free(a);
    /* one line: no headline, one paragraph */
    a = parse("কোনো যতিচিহ্ন ছাড়া একটি মাত্র লাইন", NULL);
    CHECK(a && !songbad_article_headline(a) && count_kind(a, SONGBAD_PART_PARAGRAPH) == 1);
    songbad_article_free(a);
    /* hard-wrapped text: lines joined into paragraphs at blank lines and at
     * short lines that end a sentence */
    const char *w = "শীতের সকালে কুয়াশায় ঢেকে ছিল পুরো শহর, সড়কে যানবাহন চলছিল\n"
                    "ধীরগতিতে আর ফেরিঘাটে আটকে ছিল কয়েক শ গাড়ি, যাত্রীরা অপেক্ষা\n"
                    "করছিলেন ঘণ্টার পর ঘণ্টা।\n"
                    "\n"
                    "আবহাওয়া অফিস বলছে, আগামী তিন দিন এমন কুয়াশা থাকতে পারে এবং\n"
                    "রাতের তাপমাত্রা আরও কমবে বলে জানিয়েছেন আবহাওয়াবিদেরা।\n";
    a = parse(w, NULL);
    CHECK(a && count_kind(a, SONGBAD_PART_PARAGRAPH) == 2 &&
          nth(a, SONGBAD_PART_PARAGRAPH, 0)->lines == 3 &&
          nth(a, SONGBAD_PART_PARAGRAPH, 1)->lines == 2);
    songbad_article_free(a);
    /* a record whose body repeats its title */
    const char *rec = "{\"title\":\"বন্যায় ভাসছে সিলেট\",\"body\":\"বন্যায় ভাসছে সিলেট\\n"
                      "টানা বৃষ্টিতে নিম্নাঞ্চল প্লাবিত।\"}";
    CHECK(songbad_article_parse_json(rec, strlen(rec), NULL, NULL, &a, NULL) == SONGBAD_OK);
    CHECK(a && count_kind(a, SONGBAD_PART_HEADLINE) == 2 &&
          count_kind(a, SONGBAD_PART_PARAGRAPH) == 1 && songbad_article_headline(a)->from_title);
    songbad_article_free(a);
}

/* ---- dates -------------------------------------------------------------- */

static void check_date(const char *text, const char *surface, const char *pub,
                       const char *want)
{
    songbad_article *a = parse(text, pub);
    const char *got = a ? date_of(a, surface) : "";
    if (strcmp(got, want) != 0)
        fprintf(stderr, "  date [%s] in [%s] (pub %s): got [%s] want [%s]\n", surface,
                text, pub ? pub : "-", got, want);
    CHECK(strcmp(got, want) == 0);
    songbad_article_free(a);
}

static void test_dates(void)
{
    const char *P = "2024-03-15"; /* a Friday */
    check_date("বৈঠকটি হয় ১৮ অক্টোবর।", "১৮ অক্টোবর", P, "2023-10-18");
    check_date("বৈঠকটি হয় 18 অক্টোবর।", "18 অক্টোবর", P, "2023-10-18");
    check_date("বৈঠকটি হয় ১৮ অক্টোবর।", "১৮ অক্টোবর", NULL, "--10-18");
    check_date("১৮ই অক্টোবর বৈঠক।", "১৮ই অক্টোবর", P, "2023-10-18");
    check_date("২রা এপ্রিল থেকে মেলা।", "২রা এপ্রিল", P, "2024-04-02");
    check_date("২১শে ফেব্রুয়ারি শহীদ দিবস।", "২১শে ফেব্রুয়ারি", P, "2024-02-21");
    check_date("চুক্তি হয় ৩ মার্চ, ২০২২ তারিখে।", "৩ মার্চ, ২০২২ তারিখে", P, "2022-03-03");
    check_date("জানুয়ারী ৫, ২০২০ সালে শুরু।", "জানুয়ারী ৫, ২০২০ সালে", NULL, "2020-01-05");
    check_date("নির্বাচন হয় ৭ জানুয়ারী।", "৭ জানুয়ারী", P, "2024-01-07");
    check_date("২০২২ সালের ডিসেম্বরে শুরু হয়।", "২০২২ সালের ডিসেম্বরে", NULL, "2022-12");
    check_date("১৯৭১ সালের ১৬ ডিসেম্বর বিজয়।", "১৯৭১ সালের ১৬ ডিসেম্বর", NULL, "1971-12-16");
    check_date("২০০৭ সালে ঝড় হয়।", "২০০৭ সালে", NULL, "2007");
    check_date("ডিসেম্বর ২০২২ থেকে।", "ডিসেম্বর ২০২২", NULL, "2022-12");
    check_date("সেপ্টেম্বরে সম্মেলন।", "সেপ্টেম্বরে", P, "2023-09");
    check_date("সেপ্টেম্বরে সম্মেলন।", "সেপ্টেম্বরে", NULL, "--09");
    check_date("আগস্টের শেষে।", "আগস্টের", P, "2023-08");
    check_date("৫ আগস্টের পর।", "৫ আগস্টের", "2026-02-24", "2025-08-05");
    check_date("রায় ২৫ মে।", "২৫ মে", "2024-04-10", "2024-05-25");
    check_date("মে মাসে ভোট।", "মে মাসে", P, "2024-05");
    check_date("গত জুনে বন্যা।", "গত জুনে", P, "2023-06");
    check_date("আগামী জানুয়ারিতে ভোট।", "আগামী জানুয়ারিতে", P, "2025-01");
    check_date("গত বছরের জুলাইয়ে শুরু।", "গত বছরের জুলাইয়ে", P, "2023-07");
    check_date("এ বছরের ১০ মে।", "এ বছরের ১০ মে", P, "2024-05-10");
    check_date("১৮/১০/২০২৩ তারিখের চিঠি।", "১৮/১০/২০২৩", NULL, "2023-10-18");
    check_date("2023-10-18 was a Wednesday.", "2023-10-18", NULL, "2023-10-18");
    check_date("On October 18, 2023 talks began.", "october 18, 2023", NULL, "");
    check_date("On October 18, 2023 talks began.", "October 18, 2023", NULL, "2023-10-18");
    /* relative to the publication date */
    check_date("আজ বৈঠক।", "আজ", P, "2024-03-15");
    check_date("আজ বৈঠক।", "আজ", NULL, "null");
    check_date("গতকাল বৈঠক।", "গতকাল", P, "2024-03-14");
    check_date("আগামীকাল বৈঠক।", "আগামীকাল", P, "2024-03-16");
    check_date("গত পরশু বৈঠক।", "গত পরশু", P, "2024-03-13");
    check_date("গত মাসে বৈঠক।", "গত মাসে", P, "2024-02");
    check_date("আগামী সপ্তাহে বৈঠক।", "আগামী সপ্তাহে", P, "2024-W12");
    check_date("চলতি বছরের শেষে।", "চলতি বছরের", P, "2024");
    check_date("তিন দিন আগে বৈঠক।", "তিন দিন আগে", P, "2024-03-12");
    check_date("প্রায় ৮০০ বছর আগে।", "৮০০ বছর আগে", P, "1224");
    check_date("বুধবার বৈঠক হয়।", "বুধবার", P, "2024-03-13");
    check_date("রোববার বৈঠক হবে।", "রোববার", P, "2024-03-17");
    check_date("সোমবার বৈঠক হয়।", "সোমবার", P, "2024-03-18");
    check_date("মঙ্গলবার বৈঠক হয়।", "মঙ্গলবার", P, "2024-03-12");
    check_date("শুক্রবার জুমা।", "শুক্রবার", P, "2024-03-15");
    check_date("আগামী রোববার বৈঠক।", "আগামী রোববার", P, "2024-03-17");
    check_date("গত শুক্রবার বৈঠক।", "গত শুক্রবার", P, "2024-03-08");
    check_date("গতকাল সোমবার বৈঠক।", "সোমবার", P, "2024-03-14");
    check_date("সোমবার (১১ মার্চ) বৈঠক।", "সোমবার", NULL, "--03-11");
    /* back to the date named before */
    check_date("১৮ অক্টোবর তিনি পৌঁছান। সেই সন্ধ্যায় ভোজ হয়।", "সেই সন্ধ্যায়", "2023-10-19",
               "2023-10-18");
    check_date("২০২০ সালে তিনি ফেরেন। ওই বছর বিয়ে করেন।", "ওই বছর", NULL, "2020");
    check_date("সেদিন কেউ ঘুমায়নি।", "সেদিন", P, "null");
    /* the Bengali calendar (revised, Bangladesh) */
    check_date("পহেলা বৈশাখ উৎসব।", "পহেলা বৈশাখ", P, "2024-04-14");
    check_date("৮ ফাল্গুন ১৪৩০ বঙ্গাব্দ।", "৮ ফাল্গুন ১৪৩০ বঙ্গাব্দ", NULL, "2024-02-21");
    check_date("১ পৌষ উৎসব।", "১ পৌষ", NULL, "--12-16");
    check_date("১৪৩০ বঙ্গাব্দে প্রকাশিত।", "১৪৩০ বঙ্গাব্দে", NULL, "null");
    check_date("গত বছর ১ বৈশাখে গরম ছিল।", "গত বছর ১ বৈশাখে", P, "2023-04-14");
    /* the publication date from a "প্রকাশ:" line when none is given */
    songbad_article *m = parse("প্রকাশ: ১৮ অক্টোবর ২০২৩, ১০:৩০\nআজ নতুন টার্মিনাল চালু হয়েছে।", NULL);
    CHECK(m && songbad_article_pub_date(m) && strcmp(songbad_article_pub_date(m), "2023-10-18") == 0 &&
          strcmp(date_of(m, "আজ"), "2023-10-18") == 0);
    songbad_article_free(m);
    m = parse("প্রকাশ: ১৮ অক্টোবর ২০২৩\nআজ নতুন টার্মিনাল চালু হয়েছে।", "2023-10-20");
    CHECK(m && strcmp(date_of(m, "আজ"), "2023-10-20") == 0);
    songbad_article_free(m);
    /* not dates */
    songbad_article *a = parse("মেয়েটি ২০ মেয়েকে পড়ায়। জুলাই সনদ নিয়ে আলোচনা। লং মার্চ হয়। "
                               "আগামী তিন দিন বৃষ্টি। গত ১০ বছরে এমন হয়নি। ১০ জন আহত।",
                               P);
    CHECK(a && date_count(a) == 0);
    if (a && date_count(a)) {
        size_t nd;
        const songbad_date *d = songbad_article_dates(a, &nd);
        fprintf(stderr, "  unexpected date [%.*s]\n", (int)d[0].len, d[0].text);
    }
    songbad_article_free(a);
    check_date("জুলাইয়ে আন্দোলন শুরু হয়।", "জুলাইয়ে", P, "2023-07");
    /* granularity, kind and offsets */
    a = parse("গত মাসে রাশিয়া সফর।", "2023-10-19");
    if (a) {
        size_t nd;
        const songbad_date *d = songbad_article_dates(a, &nd);
        CHECK(nd == 1 && d[0].granularity == SONGBAD_DATE_MONTH &&
              d[0].kind == SONGBAD_DATE_RELATIVE && d[0].start == 0 &&
              d[0].end == strlen("গত মাসে") && strcmp(d[0].value, "2023-09") == 0);
    }
    songbad_article_free(a);
    /* a bad publication date */
    songbad_article_options opt = {"2023-02-30", 0};
    CHECK(songbad_article_parse_text("আজ", 6, &opt, NULL, &a) == SONGBAD_E_INVAL && a == NULL);
}

/* ---- the reference article ------------------------------------------------ */

static void test_seed(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "cannot open %s (set SEED_ARTICLE)\n", path);
        CHECK(f != NULL);
        return;
    }
    static char text[1 << 20];
    size_t n = fread(text, 1, sizeof text - 1, f);
    fclose(f);
    text[n] = '\0';
    songbad_article_options opt = {"2023-10-19", 0};
    songbad_article *a;
    CHECK(songbad_article_parse_text(text, n, &opt, NULL, &a) == SONGBAD_OK);
    if (!a) return;
    CHECK(invariants(a, text, n));
    const char *nl = memchr(text, '\n', n);
    const songbad_article_part *lead = songbad_article_lead(a);
    CHECK(!songbad_article_headline(a));
    CHECK(lead && nl && lead->start == 0 && lead->end == (size_t)(nl - text));
    /* body paragraphs: every line but the caption, the byline, the three
     * boilerplate lines and the blank run */
    CHECK(count_kind(a, SONGBAD_PART_PARAGRAPH) == 8);
    CHECK(count_kind(a, SONGBAD_PART_CAPTION) == 1);
    const songbad_article_part *cap = nth(a, SONGBAD_PART_CAPTION, 0);
    const char *credit = "ছবি: এএফপি";
    CHECK(cap && cap->len > strlen(credit) &&
          memcmp(cap->text + cap->len - strlen(credit), credit, strlen(credit)) == 0);
    CHECK(has_credit(a, SONGBAD_CREDIT_AGENCY, "AFP", "এএফপি"));
    CHECK(count_kind(a, SONGBAD_PART_BYLINE) == 1);
    CHECK(has_credit(a, SONGBAD_CREDIT_AUTHOR, "হুয়েন লে", "হুয়েন লে"));
    CHECK(has_credit(a, SONGBAD_CREDIT_AGENCY, "Reuters", "রয়টার্সের"));
    size_t nc, by_agencies = 0;
    const songbad_credit *c = songbad_article_credits(a, &nc);
    for (size_t i = 0; i < nc; i++) by_agencies += c[i].in_byline && c[i].kind == SONGBAD_CREDIT_AGENCY;
    CHECK(by_agencies == 2);
    CHECK(count_kind(a, SONGBAD_PART_BOILERPLATE) == 3);
    CHECK(part_is(nth(a, SONGBAD_PART_BOILERPLATE, 0), "[বিজ্ঞাপন_২]"));
    CHECK(part_is(nth(a, SONGBAD_PART_BOILERPLATE, 1), "উৎস লিঙ্ক"));
    CHECK(part_is(nth(a, SONGBAD_PART_BOILERPLATE, 2), "মন্তব্য (0)"));
    for (size_t i = 0; i < count_kind(a, SONGBAD_PART_PARAGRAPH); i++) {
        const songbad_article_part *p = nth(a, SONGBAD_PART_PARAGRAPH, i);
        CHECK(p->len > 200); /* real paragraphs, none of the short lines */
    }
    /* dates: 18 October twice, September, last month, December 2022 */
    size_t nd, oct18 = 0;
    const songbad_date *d = songbad_article_dates(a, &nd);
    for (size_t i = 0; i < nd; i++)
        oct18 += d[i].kind == SONGBAD_DATE_ABSOLUTE && strcmp(d[i].value, "2023-10-18") == 0;
    CHECK(oct18 == 2);
    CHECK(strcmp(date_of(a, "সেপ্টেম্বরে"), "2023-09") == 0);
    CHECK(strcmp(date_of(a, "গত মাসে"), "2023-09") == 0);
    CHECK(strcmp(date_of(a, "২০২২ সালের ডিসেম্বরে"), "2022-12") == 0);
    CHECK(strcmp(date_of(a, "সেই সন্ধ্যায়"), "2023-10-18") == 0);
    songbad_article_free(a);
    /* without a publication date "গত মাসে" is reported, unresolved */
    CHECK(songbad_article_parse_text(text, n, NULL, NULL, &a) == SONGBAD_OK);
    CHECK(a && strcmp(date_of(a, "গত মাসে"), "null") == 0);
    songbad_article_free(a);
}

/* ---- JSON ------------------------------------------------------------------ */

typedef struct sink {
    char buf[1 << 16];
    size_t len;
} sink;

static int to_sink(void *ctx, const char *data, size_t len)
{
    sink *s = ctx;
    if (s->len + len >= sizeof s->buf) return SONGBAD_E_TOOBIG;
    memcpy(s->buf + s->len, data, len);
    s->len += len;
    s->buf[s->len] = '\0';
    return SONGBAD_OK;
}

static void test_json(void)
{
    static sink s;
    char err[SONGBAD_ERR_LEN];
    songbad_article *a;
    const char *rec =
        "{\"id\":\"x1\",\"title\":\"ফেরি চলাচল বন্ধ\",\"body\":\"ঘন কুয়াশায় আজ ভোর থেকে "
        "ফেরি চলাচল বন্ধ।\\nছবি: বাসস\",\"date\":\"2024-01-10T08:00:00+06:00\","
        "\"source\":\"দৈনিক নমুনা\",\"url\":\"https://example.org/a/1\",\"category\":\"দেশ\","
        "\"lang\":\"bn\",\"tags\":[\"কুয়াশা\",\"ফেরি\"],\"views\":12}";
    CHECK(songbad_article_parse_json(rec, strlen(rec), NULL, NULL, &a, err) == SONGBAD_OK);
    if (a) {
        size_t len;
        const char *id = songbad_article_field(a, "id", &len);
        CHECK(id && len == 2 && memcmp(id, "x1", 2) == 0);
        CHECK(part_is(songbad_article_headline(a), "ফেরি চলাচল বন্ধ"));
        CHECK(songbad_article_headline(a)->from_title);
        CHECK(strcmp(songbad_article_pub_date(a), "2024-01-10") == 0);
        CHECK(strcmp(date_of(a, "আজ"), "2024-01-10") == 0);
        const char *extra = songbad_article_extra(a, &len);
        CHECK(extra && strcmp(extra, "{\"tags\":[\"কুয়াশা\",\"ফেরি\"],\"views\":12}") == 0);
        CHECK(count_kind(a, SONGBAD_PART_CAPTION) == 1);
        s.len = 0;
        CHECK(songbad_article_write_json(a, to_sink, &s) == SONGBAD_OK);
        CHECK(strncmp(s.buf, "{\"id\":\"x1\",\"title\":\"ফেরি চলাচল বন্ধ\",\"date\":", 10) == 0);
        CHECK(strstr(s.buf, ",\"extra\":{\"tags\":[\"কুয়াশা\",\"ফেরি\"],\"views\":12}}") != NULL);
        CHECK(strstr(s.buf, "\"captions\":[{\"text\":\"ছবি: বাসস\",\"credit\":\"BSS\"}]") != NULL);
        CHECK(strstr(s.buf, "\"body\"") == NULL);
    }
    songbad_article_free(a);
    /* integer ids; the record date wins over the option; no date */
    songbad_article_options opt = {"2020-01-01", 0};
    const char *r2 = "{\"id\":42,\"body\":\"আজ হরতাল।\",\"date\":\"2024-02-02\"}";
    CHECK(songbad_article_parse_json(r2, strlen(r2), &opt, NULL, &a, err) == SONGBAD_OK);
    CHECK(a && strcmp(songbad_article_field(a, "id", NULL), "42") == 0 &&
          strcmp(date_of(a, "আজ"), "2024-02-02") == 0 && !songbad_article_extra(a, NULL));
    songbad_article_free(a);
    const char *r3 = "{\"body\":\"আজ হরতাল।\",\"date\":\"শুক্রবার\"}";
    CHECK(songbad_article_parse_json(r3, strlen(r3), &opt, NULL, &a, err) == SONGBAD_OK);
    CHECK(a && strcmp(date_of(a, "আজ"), "2020-01-01") == 0);
    songbad_article_free(a);
    /* bad records: a message, no article */
    static const struct {
        const char *json;
        int rc;
        const char *msg;
    } bad[] = {
        {"{\"body\": \"অসমাপ্ত", SONGBAD_E_INVAL, NULL},
        {"", SONGBAD_E_INVAL, NULL},
        {"[1, 2]", SONGBAD_E_INVAL, "not a JSON object"},
        {"{\"title\":\"শুধু শিরোনাম\"}", SONGBAD_E_INVAL, "no \"body\""},
        {"{\"body\":7}", SONGBAD_E_INVAL, "\"body\" is not a string"},
        {"{\"body\":\"ক\",\"id\":[1]}", SONGBAD_E_INVAL, "\"id\" is neither a string nor an integer"},
        {"{\"body\":\"ক\",\"body\":\"খ\"}", SONGBAD_E_INVAL, NULL},
        {"{\"body\":\"\xff\"}", SONGBAD_E_UTF8, "invalid UTF-8 at byte 9"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        a = (songbad_article *)&s; /* must be reset to NULL */
        int rc = songbad_article_parse_json(bad[i].json, strlen(bad[i].json), NULL, NULL, &a, err);
        CHECK(rc == bad[i].rc && a == NULL && err[0] != '\0');
        if (bad[i].msg) CHECK(strcmp(err, bad[i].msg) == 0);
    }
    /* lenient: invalid UTF-8 repaired; NUL inside a string is data */
    songbad_article_options len_opt = {NULL, SONGBAD_ARTICLE_LENIENT};
    const char *r4 = "{\"body\":\"ভালো\xff শব্দ\\u0000শেষ\"}";
    CHECK(songbad_article_parse_json(r4, strlen(r4), &len_opt, NULL, &a, err) == SONGBAD_OK);
    if (a) {
        size_t tl;
        const char *t = songbad_article_text(a, &tl);
        CHECK(tl == strlen("ভালো\xEF\xBF\xBD শব্দ") + 1 + strlen("শেষ") && t[tl - 10] == '\0');
        s.len = 0;
        CHECK(songbad_article_write_json(a, to_sink, &s) == SONGBAD_OK);
        CHECK(strstr(s.buf, "\\u0000") != NULL);
    }
    songbad_article_free(a);
}

/* ---- bad input --------------------------------------------------------------- */

static void test_bad_input(void)
{
    songbad_article *a;
    /* empty */
    CHECK(songbad_article_parse_text(NULL, 0, NULL, NULL, &a) == SONGBAD_OK);
    CHECK(a && !songbad_article_lead(a) && !songbad_article_headline(a) && invariants(a, "", 0));
    songbad_article_free(a);
    CHECK(songbad_article_parse_text(NULL, 3, NULL, NULL, &a) == SONGBAD_E_INVAL && !a);
    CHECK(songbad_article_parse_text("x", 1, NULL, NULL, NULL) == SONGBAD_E_INVAL);
    songbad_article_free(NULL);
    /* NUL bytes are data */
    static const char nul[] = "প্রথম\0লাইন।\nদ্বিতীয়\0লাইন।";
    CHECK(songbad_article_parse_text(nul, sizeof nul - 1, NULL, NULL, &a) == SONGBAD_OK);
    CHECK(a && invariants(a, nul, sizeof nul - 1) && count_kind(a, SONGBAD_PART_PARAGRAPH) == 2 &&
          songbad_article_lead(a)->len == strlen("প্রথম") + 1 + strlen("লাইন।"));
    songbad_article_free(a);
    /* invalid UTF-8: kept verbatim, written as U+FFFD in JSON */
    const char *inv = "ভালো\xff শব্দ।\n\xc0\xaf ছবি: এএফপি\n";
    CHECK(songbad_article_parse_text(inv, strlen(inv), NULL, NULL, &a) == SONGBAD_OK);
    if (a) {
        CHECK(invariants(a, inv, strlen(inv)));
        CHECK(count_kind(a, SONGBAD_PART_CAPTION) == 1);
        static sink s;
        s.len = 0;
        CHECK(songbad_article_write_json(a, to_sink, &s) == SONGBAD_OK);
        CHECK(songbad_utf8_validate(s.buf, s.len, NULL) == SONGBAD_OK);
        CHECK(strstr(s.buf, "ভালো\xEF\xBF\xBD শব্দ") != NULL);
    }
    songbad_article_free(a);
    /* no structure: one body paragraph, nothing lost */
    const char *plain = "একটি লাইন যার কোনো কাঠামো নেই এবং কোনো যতিচিহ্নও নেই";
    a = parse(plain, NULL);
    CHECK(a && count_kind(a, SONGBAD_PART_PARAGRAPH) == 1 &&
          part_is(songbad_article_lead(a), plain));
    songbad_article_free(a);
    /* one huge line (3 MB): one paragraph; dates are found across windows */
    size_t word = strlen("বাংলাদেশ "), reps = 3000000 / word;
    const char *tail = " ১৮ অক্টোবর শেষ।";
    size_t hn = reps * word + strlen(tail);
    char *huge = malloc(hn + 1);
    CHECK(huge != NULL);
    if (huge) {
        for (size_t i = 0; i < reps; i++) memcpy(huge + i * word, "বাংলাদেশ ", word);
        memcpy(huge + reps * word, tail, strlen(tail) + 1);
        CHECK(songbad_article_parse_text(huge, hn, NULL, NULL, &a) == SONGBAD_OK);
        CHECK(a && invariants(a, huge, hn) && count_kind(a, SONGBAD_PART_PARAGRAPH) == 1 &&
              songbad_article_lead(a)->len == hn && strcmp(date_of(a, "১৮ অক্টোবর"), "--10-18") == 0);
        songbad_article_free(a);
        free(huge);
    }
    /* random inputs from tricky pieces: the invariants always hold */
    static const char *const pieces[] = {
        "ছবি:", " এএফপি", "\n", "\n\n", "[বিজ্ঞাপন_২]", "(", ")", "রয়টার্সের মতে", " ১৮ ",
        "অক্টোবর", "।", "নিজস্ব প্রতিবেদক", ",", "\xff", "\xe0\xa6", "আজ", "সেদিন", "গত",
        "মাসে", "খবর", "বাসস", "\r\n", " ", "\0", "মন্তব্য (0)", "আরও পড়ুন", "সূত্র:", "|",
        "২০২২ সালের", "ডিসেম্বরে", "পহেলা", "বৈশাখ", "/", "-", "ফাইল ছবি", "বুধবার"};
    static char buf[4096];
    unsigned seed = 12345;
    int ok = 1;
    for (int iter = 0; iter < 3000 && ok; iter++) {
        size_t n = 0;
        int count = (int)(seed % 40);
        for (int k = 0; k < count; k++) {
            seed = seed * 1103515245u + 12345u;
            const char *p = pieces[(seed >> 16) % (sizeof pieces / sizeof pieces[0])];
            size_t pl = p[0] ? strlen(p) : 1;
            if (n + pl >= sizeof buf) break;
            memcpy(buf + n, p, pl);
            n += pl;
        }
        seed = seed * 1103515245u + 12345u;
        songbad_article_options opt = {(seed >> 20) % 2 ? "2023-10-19" : NULL, 0};
        if (songbad_article_parse_text(buf, n, &opt, NULL, &a) != SONGBAD_OK) ok = 0;
        else {
            ok = invariants(a, buf, n);
            static sink s;
            s.len = 0;
            if (ok) ok = songbad_article_write_json(a, to_sink, &s) == SONGBAD_OK &&
                         songbad_utf8_validate(s.buf, s.len, NULL) == SONGBAD_OK;
            songbad_article_free(a);
        }
        if (!ok) fprintf(stderr, "  random input %d failed\n", iter);
    }
    CHECK(ok);
}

/* ---- allocation failures ------------------------------------------------------- */

typedef struct failing {
    long left; /* allocations before the first failure */
} failing;

static void *fail_realloc(void *ctx, void *p, size_t n)
{
    failing *f = ctx;
    if (f->left-- <= 0) return NULL;
    return realloc(p, n ? n : 1);
}

static void fail_free(void *ctx, void *p)
{
    (void)ctx;
    free(p);
}

static void test_alloc_failures(const char *seed_path)
{
    static char text[1 << 20];
    FILE *f = fopen(seed_path, "rb");
    size_t n = f ? fread(text, 1, sizeof text, f) : 0;
    if (f) fclose(f);
    if (!n) {
        const char *t = "শিরোনাম\nনিজস্ব প্রতিবেদক\nআজ ১৮ অক্টোবর। ছবি: এএফপি\n[বিজ্ঞাপন_২]";
        n = strlen(t);
        memcpy(text, t, n);
    }
    songbad_article_options opt = {"2023-10-19", 0};
    int nomem = 0, ok = 0, other = 0;
    for (long k = 0; k < 100000 && !ok; k++) {
        failing fl = {k};
        songbad_allocator al = {fail_realloc, fail_free, &fl};
        songbad_article *a = (songbad_article *)&fl;
        int rc = songbad_article_parse_text(text, n, &opt, &al, &a);
        if (rc == SONGBAD_E_NOMEM && a == NULL) nomem++;
        else if (rc == SONGBAD_OK && a) ok = 1;
        else other++;
        songbad_article_free(a == (songbad_article *)&fl ? NULL : a);
    }
    CHECK(nomem > 10 && ok && other == 0);
    /* the same for a record */
    const char *rec = "{\"id\":\"z\",\"title\":\"শিরোনাম\",\"body\":\"আজ ১৮ অক্টোবর।\\nছবি: এএফপি\","
                      "\"extra\":{\"a\":[1,2]}}";
    nomem = ok = other = 0;
    for (long k = 0; k < 10000 && !ok; k++) {
        failing fl = {k};
        songbad_allocator al = {fail_realloc, fail_free, &fl};
        songbad_article *a;
        int rc = songbad_article_parse_json(rec, strlen(rec), &opt, &al, &a, NULL);
        if (rc == SONGBAD_E_NOMEM && a == NULL) nomem++;
        else if (rc == SONGBAD_OK && a) ok = 1;
        else other++;
        songbad_article_free(a);
    }
    CHECK(nomem > 5 && ok && other == 0);
}

int main(void)
{
    const char *seed = getenv("SEED_ARTICLE");
    const char *seed_path = seed && *seed ? seed : "../shared/seed/article.txt";
    test_tables();
    test_boilerplate();
    test_captions();
    test_bylines();
    test_headline_and_paragraphs();
    test_dates();
    test_seed(seed_path);
    test_json();
    test_bad_input();
    test_alloc_failures(seed_path);
    return check_report("news_test");
}
