/* news_dates.c - dates in Bengali news text: Gregorian and Bengali month
 * names in their spellings and case forms, Bengali or ASCII digits, ordinal
 * days (১৮ই, ১লা), "২০২২ সালের ডিসেম্বরে", numeric dates, weekdays, and
 * relative expressions (আজ, গতকাল, গত মাসে, আগামী সপ্তাহে, তিন দিন আগে,
 * সেই সন্ধ্যায়) resolved against the publication date when it is known. The
 * grammar is in docs/news.md. Matching runs on the tokens of normalized text
 * (digits are ASCII there); every date is reported with its original span. */
#include "news_int.h"

#include <stdio.h>

enum { G_DAY = SONGBAD_DATE_DAY, G_WEEK = SONGBAD_DATE_WEEK,
       G_MONTH = SONGBAD_DATE_MONTH, G_YEAR = SONGBAD_DATE_YEAR };
enum { MOD_NONE = 9, MOD_PAST = -1, MOD_THIS = 0, MOD_NEXT = 1 };
#define YEAR_OFF 10

typedef struct word_val {
    const char *w;
    int v;
} word_val;

/* Gregorian months. strict 0: alone is a date (সেপ্টেম্বরে); 1: alone only
 * with a case ending, গত/আগামী or মাস (মে and মার্চ are also words, জুলাই
 * names the 2024 uprising: জুলাই সনদ); 2: only with a day or a year
 * (abbreviations, English names). */
typedef struct month_entry {
    const char *w;
    int m, strict;
    unsigned sfx;
} month_entry;

#define SE (NEWS_SFX | NEWS_EMPH)
static const month_entry months[] = {
    {"জানুয়ারি", 1, 0, SE}, {"জানুয়ারী", 1, 0, SE}, {"জানুআরি", 1, 0, SE},
    {"ফেব্রুয়ারি", 2, 0, SE}, {"ফেব্রুয়ারী", 2, 0, SE}, {"ফেব্রুআরি", 2, 0, SE},
    {"মার্চ", 3, 1, SE}, {"এপ্রিল", 4, 0, SE}, {"মে", 5, 1, 0},
    {"জুন", 6, 0, SE}, {"জুলাই", 7, 1, SE}, {"আগস্ট", 8, 0, SE},
    {"আগষ্ট", 8, 0, SE}, {"সেপ্টেম্বর", 9, 0, SE}, {"সেপ্টেম্বার", 9, 0, SE},
    {"অক্টোবর", 10, 0, SE}, {"অক্টোবার", 10, 0, SE}, {"নভেম্বর", 11, 0, SE},
    {"নভেম্বার", 11, 0, SE}, {"ডিসেম্বর", 12, 0, SE}, {"ডিসেম্বার", 12, 0, SE},
    /* CLDR abbreviations */
    {"জানু", 1, 2, 0}, {"ফেব্রু", 2, 2, 0}, {"এপ্রি", 4, 2, 0},
    {"সেপ্ট", 9, 2, 0}, {"অক্টো", 10, 2, 0}, {"নভে", 11, 2, 0}, {"ডিসে", 12, 2, 0},
    /* English, case-folded by normalization */
    {"january", 1, 2, 0}, {"february", 2, 2, 0}, {"march", 3, 2, 0},
    {"april", 4, 2, 0}, {"may", 5, 2, 0}, {"june", 6, 2, 0}, {"july", 7, 2, 0},
    {"august", 8, 2, 0}, {"september", 9, 2, 0}, {"october", 10, 2, 0},
    {"november", 11, 2, 0}, {"december", 12, 2, 0}, {"jan", 1, 2, 0},
    {"feb", 2, 2, 0}, {"mar", 3, 2, 0}, {"apr", 4, 2, 0}, {"jun", 6, 2, 0},
    {"jul", 7, 2, 0}, {"aug", 8, 2, 0}, {"sep", 9, 2, 0}, {"sept", 9, 2, 0},
    {"oct", 10, 2, 0}, {"nov", 11, 2, 0}, {"dec", 12, 2, 0},
};

/* The months of the revised Bangladesh calendar (Bangla Academy, 2019). */
static const word_val bn_months[] = {
    {"বৈশাখ", 1}, {"জ্যৈষ্ঠ", 2}, {"জৈষ্ঠ্য", 2}, {"জ্যেষ্ঠ", 2}, {"আষাঢ়", 3},
    {"শ্রাবণ", 4}, {"ভাদ্র", 5}, {"আশ্বিন", 6}, {"কার্তিক", 7}, {"অগ্রহায়ণ", 8},
    {"পৌষ", 9}, {"মাঘ", 10}, {"ফাল্গুন", 11}, {"চৈত্র", 12}, {NULL, 0}};

/* Monday = 0. রোববার is the Dhaka spelling of রবিবার. */
static const word_val weekdays[] = {
    {"সোমবার", 0}, {"মঙ্গলবার", 1}, {"বুধবার", 2}, {"বৃহস্পতিবার", 3},
    {"বিষ্যুদবার", 3}, {"শুক্রবার", 4}, {"শনিবার", 5}, {"রবিবার", 6},
    {"রোববার", 6}, {NULL, 0}};

static const word_val mods[] = {
    {"গত", MOD_PAST}, {"বিগত", MOD_PAST}, {"আগামী", MOD_NEXT}, {"আসছে", MOD_NEXT},
    {"আসন্ন", MOD_NEXT}, {"পরের", MOD_NEXT}, {"সামনের", MOD_NEXT},
    {"চলতি", MOD_THIS}, {"এই", MOD_THIS}, {"এ", MOD_THIS}, {"বর্তমান", MOD_THIS},
    {NULL, 0}};

static const word_val units[] = {
    {"দিন", G_DAY}, {"সপ্তাহ", G_WEEK}, {"মাস", G_MONTH}, {"বছর", G_YEAR},
    {"সাল", G_YEAR}, {NULL, 0}};

/* Words for today, yesterday, tomorrow (and the day before/after). */
static const word_val rel_days[] = {
    {"গত পরশু", -2}, {"আগামী পরশু", 2}, {"আজ", 0}, {"আজই", 0}, {"আজকে", 0},
    {"আজকের", 0}, {"গতকাল", -1}, {"আগামীকাল", 1}, {NULL, 0}};

static const word_val number_words[] = {
    {"এক", 1}, {"দুই", 2}, {"দু", 2}, {"তিন", 3}, {"চার", 4}, {"পাঁচ", 5},
    {"ছয়", 6}, {"ছ", 6}, {"সাত", 7}, {"আট", 8}, {"নয়", 9}, {"দশ", 10},
    {"এগারো", 11}, {"বারো", 12}, {NULL, 0}};

static const word_val ago_words[] = {
    {"আগে", -1}, {"পূর্বে", -1}, {"আগের", -1}, {"পর", 1}, {"পরে", 1}, {NULL, 0}};

static const char *const year_words[] = {
    "সাল", "সন", "খ্রিস্টাব্দ", "খ্রিষ্টাব্দ", "ইং", "ঈসায়ী", NULL};
static const char *const bn_year_words[] = {"বঙ্গাব্দ", "বাংলা সন", NULL};
static const char *const date_words[] = {"তারিখ", NULL};
static const char *const ordinal_endings[] = {"ই", "লা", "রা", "ঠা", "শে", "এ", NULL};
static const char *const first_words[] = {"পহেলা", "পয়লা", NULL};
static const char *const month_word[] = {"মাস", NULL};
static const char *const year_unit[] = {"বছর", "সাল", NULL};
/* সেদিন, ওইদিন, এদিন: "that day" */
static const char *const ana_days[] = {
    "সেদিন", "সেইদিন", "ঐদিন", "ওইদিন", "এদিন", "এ দিন", NULL};
static const char *const ana_dets[] = {"সেই", "সে", "ওই", "ঐ", "উক্ত", NULL};
static const word_val ana_nouns[] = {
    {"দিন", G_DAY}, {"সকাল", G_DAY}, {"দুপুর", G_DAY}, {"বিকাল", G_DAY},
    {"বিকেল", G_DAY}, {"সন্ধ্যা", G_DAY}, {"রাত", G_DAY}, {"রাত্রি", G_DAY},
    {"ভোর", G_DAY}, {"মাস", G_MONTH}, {"বছর", G_YEAR}, {NULL, 0}};

typedef struct mention {
    size_t a, b;      /* tokens [a, b) */
    int y, m, d;      /* y == 0: unknown */
    int gran;
    int kind;         /* SONGBAD_DATE_* kind */
    int mod;          /* MOD_* before a month or a weekday */
    int rel_off;      /* relative: offset in units of gran */
    int weekday;      /* -1 or 0..6 */
    int bengali;      /* y, m, d are Bengali; y may be 0 */
    int year_off;     /* এ বছরের / গত বছরের ...: YEAR_OFF + offset, 0 = none */
} mention;

/* What resolution needs: the article (its publication date) and the dates
 * named so far. */
typedef struct dctx {
    const songbad_article *a;
    const news_date_state *st;
} dctx;

/* ---- initials ----------------------------------------------------------- */

/* Whether word, as the rules look it up with flags, matches a whole token
 * only. */
static int whole_word(const char *word, unsigned flags)
{
    return !flags || strchr(word, ' ') != NULL;
}

static void add_words(news_initials *in, const word_val *list, unsigned flags)
{
    for (size_t k = 0; list[k].w; k++)
        songbad_news_initials_add(in, songbad_news_word_key(list[k].w),
                                  whole_word(list[k].w, flags));
}

static void add_list(news_initials *in, const char *const *list, unsigned flags)
{
    for (size_t k = 0; list[k]; k++)
        songbad_news_initials_add(in, songbad_news_word_key(list[k]),
                                  whole_word(list[k], flags));
}

/* Every pattern of match_at starts at its first token with digits or with a
 * word of one of these tables, looked up with these flags. */
_Static_assert(sizeof months / sizeof months[0] <= NEWS_MONTHS,
               "news_tables holds a key for every month name");

void songbad_news_date_initials(news_tables *t)
{
    for (size_t k = 0; k < sizeof months / sizeof months[0]; k++) {
        int whole = whole_word(months[k].w, months[k].sfx);
        t->month_key[k] = songbad_news_word_key(months[k].w);
        songbad_news_initials_add(&t->month, t->month_key[k], whole);
        songbad_news_initials_add(&t->date_start, t->month_key[k], whole);
    }
    add_words(&t->date_start, rel_days, 0);
    add_words(&t->date_start, mods, 0);
    add_words(&t->date_start, weekdays, SE);
    add_words(&t->date_start, number_words, 0);
    add_list(&t->date_start, first_words, 0);
    add_list(&t->date_start, ana_days, SE);
    add_list(&t->date_start, ana_dets, 0);
    /* a number: a digit, then anything */
    for (char d = '0'; d <= '9'; d++)
        songbad_news_initials_add(&t->date_start, songbad_news_word_key((const char[]){d, '\0'}),
                                  0);
}

/* ---- token helpers ------------------------------------------------------ */

static int lookup(const news_view *v, size_t i, const word_val *list,
                  unsigned flags, size_t *used)
{
    if (i >= v->ntok) return -1;
    for (size_t k = 0; list[k].w; k++) {
        if (!songbad_news_may_start(v, i, list[k].w)) continue;
        size_t u = songbad_news_phrase(v, i, list[k].w, flags);
        if (u) {
            *used = u;
            return (int)k;
        }
    }
    return -1;
}

/* A number of at most maxd ASCII digits filling token i (tail must follow:
 * NULL = nothing, else one of the endings). Returns the value or -1. */
static long number_tok(const news_view *v, size_t i, size_t maxd,
                       const char *const *tail, size_t *ndig)
{
    if (i >= v->ntok) return -1;
    size_t s = v->tok[i].s, e = v->tok[i].e, k = s;
    long x = 0;
    while (k < e && v->t[k] >= '0' && v->t[k] <= '9') {
        if (k - s >= maxd) return -1;
        x = x * 10 + (v->t[k] - '0');
        k++;
    }
    if (k == s) return -1;
    if (ndig) *ndig = k - s;
    if (k == e) return x;
    if (!tail) return -1;
    for (size_t j = 0; tail[j]; j++) {
        size_t n = strlen(tail[j]);
        if (n == e - k && memcmp(v->t + k, tail[j], n) == 0) return x;
    }
    return -1;
}

/* The raw characters between tokens i and i+1 (spaces included). */
static const char *raw_gap(const news_view *v, size_t i, size_t *len)
{
    size_t s = v->tok[i].e, e = i + 1 < v->ntok ? v->tok[i + 1].s : v->n;
    *len = e - s;
    return v->t + s;
}

/* Only spaces, or only spaces around one comma. */
static int comma_gap(const news_view *v, size_t i)
{
    size_t gl;
    const char *g = songbad_news_gap(v, i, &gl);
    return gl == 0 || (gl == 1 && g[0] == ',');
}

static int space_gap(const news_view *v, size_t i)
{
    size_t gl;
    songbad_news_gap(v, i, &gl);
    return gl == 0;
}

static int gap_is_dot(const news_view *v, size_t i)
{
    size_t gl;
    const char *g = songbad_news_gap(v, i, &gl);
    return gl == 1 && g[0] == '.';
}

/* A day: 1-31 with an optional ordinal ending (১৮ই, ১লা, ২২শে), or পহেলা. */
static int day_at(const news_view *v, size_t i)
{
    size_t u;
    if (songbad_news_word_in(v, i, first_words, 0, &u) && u == 1) return 1;
    long d = number_tok(v, i, 2, ordinal_endings, NULL);
    return d >= 1 && d <= 31 ? (int)d : 0;
}

/* A four-digit year in [lo, hi]. */
static int year_at(const news_view *v, size_t i, int lo, int hi)
{
    size_t nd;
    long y = number_tok(v, i, 4, NULL, &nd);
    return nd == 4 && y >= lo && y <= hi ? (int)y : 0;
}

/* A Gregorian month at token i; *used tokens, *sfx whether it carries an
 * ending (then nothing may follow it). */
static int month_at(const news_view *v, size_t i, int max_strict, int *strict,
                    size_t *used, int *sfx)
{
    if (i >= v->ntok || !songbad_news_initial_in(&v->tables->month, v, i)) return 0;
    unsigned key = songbad_news_tok_key(v->t, v->tok[i].s, v->tok[i].e);
    for (size_t k = 0; k < sizeof months / sizeof months[0]; k++) {
        if (months[k].strict > max_strict) continue;
        if (!songbad_news_key_may(v->tables->month_key[k], key)) continue;
        size_t u = songbad_news_phrase(v, i, months[k].w, months[k].sfx);
        if (!u) {
            /* মে-তে: an ending joined by a hyphen */
            if (months[k].sfx == 0 && months[k].m == 5)
                u = songbad_news_phrase(v, i, months[k].w, SE);
            if (u != 2) continue;
        }
        *strict = months[k].strict;
        *used = u;
        *sfx = u > 1 || songbad_news_word(v, i, months[k].w, 0) == 0;
        return months[k].m;
    }
    return 0;
}

/* After a year: an optional সাল/সন/খ্রিস্টাব্দ word. Returns tokens used. */
static size_t year_word_after(const news_view *v, size_t i, const char *const *list)
{
    size_t u;
    if (i < v->ntok && songbad_news_word_in(v, i, list, SE, &u)) return u;
    return 0;
}

/* ---- the patterns ------------------------------------------------------- */

/* 18/10/2023, 18-10-2023, 18.10.2023, 2023-10-18 */
static size_t numeric_date(const news_view *v, size_t i, mention *m)
{
    if (i + 2 >= v->ntok) return 0;
    size_t g1l, g2l, n1 = 0, n2 = 0, n3 = 0;
    const char *g1 = raw_gap(v, i, &g1l), *g2 = raw_gap(v, i + 1, &g2l);
    if (g1l != 1 || g2l != 1 || g1[0] != g2[0] || !news_in_set("/-.", g1[0])) return 0;
    long a = number_tok(v, i, 4, NULL, &n1), b = number_tok(v, i + 1, 2, NULL, &n2),
         c = number_tok(v, i + 2, 4, NULL, &n3);
    if (a < 0 || b < 0 || c < 0) return 0;
    int y, mo, d;
    if (n1 == 4 && n3 <= 2) {
        y = (int)a, mo = (int)b, d = (int)c;
    } else if (n1 <= 2 && n3 == 4) {
        d = (int)a, mo = (int)b, y = (int)c;
    } else {
        return 0;
    }
    if (y < 1000 || mo < 1 || mo > 12 || d < 1 || d > songbad_news_days_in_month(y, mo))
        return 0;
    /* not part of a longer number: 1.2.2023.4 */
    if (i + 3 < v->ntok) {
        size_t gl;
        const char *g = raw_gap(v, i + 2, &gl);
        if (gl == 1 && news_in_set("/-.", g[0]) && g[0] == g1[0]) return 0;
    }
    m->y = y, m->m = mo, m->d = d, m->gran = G_DAY;
    return 3;
}

/* DAY MONTH [,] [YEAR [সাল]] [তারিখে]; DAY BENGALI-MONTH [YEAR [বঙ্গাব্দ]] */
static size_t day_month(const news_view *v, size_t i, mention *m)
{
    int d = day_at(v, i);
    if (!d || i + 1 >= v->ntok || !space_gap(v, i)) return 0;
    size_t k = i + 1, u;
    int strict, sfx;
    int mo = month_at(v, k, 2, &strict, &u, &sfx);
    if (mo) {
        k += u;
        if (!sfx) {
            /* an abbreviation may carry a full stop */
            int y = k < v->ntok && (comma_gap(v, k - 1) || gap_is_dot(v, k - 1))
                        ? year_at(v, k, 1000, 2999)
                        : 0;
            if (y) {
                m->y = y;
                k++;
                k += year_word_after(v, k, year_words);
            }
        }
        if (d > songbad_news_days_in_month(m->y ? m->y : 2000, mo)) return 0;
        m->m = mo, m->d = d, m->gran = G_DAY;
        k += year_word_after(v, k, date_words);
        return k - i;
    }
    int bk = lookup(v, k, bn_months, SE, &u);
    if (bk < 0) return 0;
    k += u;
    m->bengali = 1;
    m->m = bn_months[bk].v, m->d = d, m->gran = G_DAY;
    if (d > (m->m <= 6 ? 31 : 30)) return 0;
    int y = year_at(v, k, 1000, 1999);
    if (y && u == 1 && songbad_news_word(v, k - 1, bn_months[bk].w, 0)) {
        m->y = y;
        k++;
        k += year_word_after(v, k, bn_year_words);
    }
    return k - i;
}

/* MONTH DAY, YEAR (the English order; the year is required) */
static size_t month_day_year(const news_view *v, size_t i, mention *m)
{
    size_t u;
    int strict, sfx;
    int mo = month_at(v, i, 2, &strict, &u, &sfx);
    if (!mo || sfx || i + u + 1 >= v->ntok) return 0;
    size_t k = i + u;
    if (!space_gap(v, k - 1) && !gap_is_dot(v, k - 1)) return 0;
    int d = day_at(v, k);
    if (!d || !comma_gap(v, k)) return 0;
    int y = year_at(v, k + 1, 1000, 2999);
    if (!y || d > songbad_news_days_in_month(y, mo)) return 0;
    m->y = y, m->m = mo, m->d = d, m->gran = G_DAY;
    return k + 2 - i + year_word_after(v, k + 2, year_words);
}

/* YEAR সালের [DAY] MONTH~ ; YEAR সালে ; YEAR বঙ্গাব্দে */
static size_t year_first(const news_view *v, size_t i, mention *m)
{
    int y = year_at(v, i, 1000, 2999);
    if (!y) return 0;
    size_t yw = year_word_after(v, i + 1, year_words);
    if (!yw) {
        yw = year_word_after(v, i + 1, bn_year_words);
        if (!yw) return 0;
        m->bengali = 1, m->y = y, m->gran = G_YEAR;
        return 1 + yw;
    }
    size_t k = i + 1 + yw, u;
    m->y = y;
    int d = day_at(v, k);
    int strict, sfx;
    int mo = month_at(v, d ? k + 1 : k, 1, &strict, &u, &sfx);
    if (mo && (!d || space_gap(v, k))) {
        if (d && d > songbad_news_days_in_month(y, mo)) return 0;
        m->m = mo, m->d = d, m->gran = d ? G_DAY : G_MONTH;
        k += (d ? 1 : 0) + u;
        size_t mw = year_word_after(v, k, month_word);
        return k + mw - i;
    }
    m->gran = G_YEAR;
    return 1 + yw;
}

/* MONTH [,] YEAR [সাল]: ডিসেম্বর ২০২২ */
static size_t month_year(const news_view *v, size_t i, mention *m)
{
    size_t u;
    int strict, sfx;
    int mo = month_at(v, i, 2, &strict, &u, &sfx);
    if (!mo || sfx || i + u >= v->ntok || !(comma_gap(v, i + u - 1) ||
                                             gap_is_dot(v, i + u - 1)))
        return 0;
    int y = year_at(v, i + u, 1000, 2999);
    if (!y) return 0;
    m->y = y, m->m = mo, m->gran = G_MONTH;
    return u + 1 + year_word_after(v, i + u + 1, year_words);
}

/* [MOD] MONTH~ [মাস~]: সেপ্টেম্বরে, গত জুনে, মে মাসে */
static size_t month_alone(const news_view *v, size_t i, mention *m, int mod)
{
    size_t u;
    int strict, sfx;
    int mo = month_at(v, i, 1, &strict, &u, &sfx);
    if (!mo) return 0;
    size_t mw = 0;
    if (!sfx) mw = year_word_after(v, i + u, month_word);
    if (strict == 1 && mod == MOD_NONE && !mw && !sfx) return 0;
    m->m = mo, m->gran = G_MONTH, m->mod = mod;
    return u + mw;
}

/* MOD বছরের [DAY] MONTH~: গত বছরের ডিসেম্বরে, এ বছরের ১০ মার্চ */
static size_t rel_year_month(const news_view *v, size_t i, mention *m, int mod)
{
    size_t u, k = i;
    if (!songbad_news_word_in(v, k, year_unit, SE, &u)) return 0;
    k += u;
    int d = day_at(v, k);
    int strict, sfx;
    int mo = month_at(v, d ? k + 1 : k, 1, &strict, &u, &sfx);
    if (!mo && d) {
        /* গত বছর ১ বৈশাখে */
        int bk = lookup(v, k + 1, bn_months, SE, &u);
        if (bk < 0) return 0;
        m->bengali = 1;
        mo = bn_months[bk].v;
    }
    if (!mo) return 0;
    m->year_off = YEAR_OFF + (mod == MOD_NONE ? 0 : mod);
    m->m = mo, m->d = d, m->gran = d ? G_DAY : G_MONTH;
    m->kind = SONGBAD_DATE_RELATIVE;
    return k - i + (d ? 1 : 0) + u;
}

/* N UNIT আগে/পরে: তিন দিন আগে, ৮০০ বছর আগে */
static size_t ago(const news_view *v, size_t i, mention *m)
{
    size_t u, k = i;
    long n = number_tok(v, i, 4, NULL, NULL);
    if (n < 0) {
        int w = lookup(v, i, number_words, 0, &u);
        if (w < 0) return 0;
        n = number_words[w].v;
        k += u;
    } else {
        k++;
    }
    int un = lookup(v, k, units, 0, &u);
    if (un < 0 || u != 1) return 0;
    k++;
    int dir = lookup(v, k, ago_words, 0, &u);
    if (dir < 0 || n < 1 || n > 5000) return 0;
    m->gran = units[un].v;
    m->rel_off = (int)n * ago_words[dir].v;
    m->kind = SONGBAD_DATE_RELATIVE;
    return k + u - i;
}

/* ---- resolution ---------------------------------------------------------- */

static long pub_days(const songbad_article *a)
{
    return songbad_news_days_from_civil(a->pub_y, a->pub_m, a->pub_d);
}

/* The year of a date named without one: the one that puts it in the
 * twelve months from ten months before to two months after the publication
 * date (news looks back more than ahead). */
#define AHEAD_DAYS 61
#define AHEAD_MONTHS 2
static int window_year(const songbad_article *a, int mo, int d)
{
    long p = pub_days(a);
    for (int y = a->pub_y - 1; y <= a->pub_y + 1; y++) {
        long dist;
        if (d) {
            if (d > songbad_news_days_in_month(y, mo)) continue;
            dist = songbad_news_days_from_civil(y, mo, d) - p;
            if (dist > AHEAD_DAYS - 365 && dist <= AHEAD_DAYS) return y;
        } else {
            dist = (long)(y * 12 + mo) - (long)(a->pub_y * 12 + a->pub_m);
            if (dist > AHEAD_MONTHS - 12 && dist <= AHEAD_MONTHS) return y;
        }
    }
    /* 29 February outside the window: the nearest leap year before */
    for (int y = a->pub_y; y > a->pub_y - 8; y--)
        if (d <= songbad_news_days_in_month(y, mo)) return y;
    return a->pub_y;
}

/* The Gregorian date of day d of Bengali month bm of Bengali year by in the
 * revised calendar: the year starts on 14 April of by + 593; the first six
 * months have 31 days, ফাল্গুন 29 (30 in a Gregorian leap year), the rest 30. */
static long bengali_days(int by, int bm, int d)
{
    int gy = by + 593;
    long z = songbad_news_days_from_civil(gy, 4, 14);
    for (int k = 1; k < bm; k++) {
        int len = k <= 6 ? 31 : 30;
        if (k == 11)
            len = songbad_news_days_in_month(gy + 1, 2) == 29 ? 30 : 29;
        z += len;
    }
    return z + d - 1;
}

static void set_day(songbad_date *out, long z)
{
    songbad_news_civil_from_days(z, &out->year, &out->month, &out->day);
}

/* Monday = 0 */
static int weekday_of(long z)
{
    long w = (z + 3) % 7;
    return (int)(w < 0 ? w + 7 : w);
}

static void format_value(songbad_date *o)
{
    o->value[0] = '\0';
    if (o->year < 1 || o->year > 9999) {
        if (o->year == 0 && o->month && o->granularity == SONGBAD_DATE_DAY && o->day)
            snprintf(o->value, sizeof o->value, "--%02d-%02d", o->month, o->day);
        else if (o->year == 0 && o->month && o->granularity == SONGBAD_DATE_MONTH)
            snprintf(o->value, sizeof o->value, "--%02d", o->month);
        if (o->year != 0) o->year = o->month = o->day = 0;
        return;
    }
    switch (o->granularity) {
    case SONGBAD_DATE_DAY:
        snprintf(o->value, sizeof o->value, "%04d-%02d-%02d", o->year, o->month, o->day);
        break;
    case SONGBAD_DATE_WEEK: {
        long z = songbad_news_days_from_civil(o->year, o->month, o->day);
        long thu = z + 3; /* z is a Monday; its week's Thursday names the year */
        int ty, tm, td;
        songbad_news_civil_from_days(thu, &ty, &tm, &td);
        long week = (thu - songbad_news_days_from_civil(ty, 1, 1)) / 7 + 1;
        snprintf(o->value, sizeof o->value, "%04d-W%02d", ty % 10000, (int)(week % 100));
        break;
    }
    case SONGBAD_DATE_MONTH:
        snprintf(o->value, sizeof o->value, "%04d-%02d", o->year, o->month);
        break;
    case SONGBAD_DATE_YEAR:
        snprintf(o->value, sizeof o->value, "%04d", o->year);
        break;
    }
}

static void resolve(const dctx *c, const mention *m, songbad_date *o)
{
    const songbad_article *a = c->a;
    const news_date_state *st = c->st;
    int pub = a->pub_y != 0;
    o->granularity = (songbad_date_granularity)m->gran;
    o->kind = (songbad_date_kind)m->kind;
    o->bengali = m->bengali;
    if (m->kind == SONGBAD_DATE_ANAPHORIC) {
        if (m->gran == G_DAY && st->day_m) {
            o->year = st->day_y, o->month = st->day_m, o->day = st->day_d;
        } else if (m->gran == G_MONTH && st->mon_m) {
            o->year = st->mon_y, o->month = st->mon_m;
        } else if (m->gran == G_YEAR && st->year) {
            o->year = st->year;
        } else {
            return; /* nothing named before */
        }
        format_value(o);
        return;
    }
    if (m->bengali) {
        if (m->gran != G_DAY) return; /* a Bengali month or year spans two */
        if (m->year_off && !pub) {
            o->kind = SONGBAD_DATE_RELATIVE;
            return; /* relative to an unknown year */
        }
        if (m->y) {
            set_day(o, bengali_days(m->y, m->m, m->d));
        } else if (m->year_off) {
            /* গত বছর ১ বৈশাখে: the day that fell in the Gregorian year
             * before the publication date's */
            int target = a->pub_y + m->year_off - YEAR_OFF, gy, gm, gd;
            long z = bengali_days(target - 593, m->m, m->d);
            songbad_news_civil_from_days(z, &gy, &gm, &gd);
            if (gy > target) z = bengali_days(target - 594, m->m, m->d);
            set_day(o, z);
        } else if (pub) {
            long p = pub_days(a), best = 0;
            int by = a->pub_y - 593;
            for (int y = by - 2; y <= by + 1; y++) {
                long z = bengali_days(y, m->m, m->d);
                if (z - p > AHEAD_DAYS - 365 && z - p <= AHEAD_DAYS) best = z;
            }
            set_day(o, best);
        } else {
            /* the month and day of a common year; the year stays unknown */
            set_day(o, bengali_days(1430, m->m, m->d));
            o->year = 0;
        }
        format_value(o);
        return;
    }
    if (m->weekday >= 0) {
        if (!pub) return;
        long p = pub_days(a);
        int pw = weekday_of(p), w = m->weekday;
        long delta;
        if (m->mod == MOD_NEXT) delta = (w - pw + 7) % 7 ? (w - pw + 7) % 7 : 7;
        else if (m->mod == MOD_PAST) delta = -((pw - w + 7) % 7 ? (pw - w + 7) % 7 : 7);
        else if (m->mod == MOD_THIS) delta = (w - pw + 7) % 7;
        else delta = ((w - pw + 10) % 7) - 3; /* the closest: -3 .. +3 days */
        set_day(o, p + delta);
        format_value(o);
        return;
    }
    if (m->kind == SONGBAD_DATE_RELATIVE && !m->year_off && !m->m) {
        if (!pub) return;
        long p = pub_days(a);
        switch (m->gran) {
        case G_DAY:
            set_day(o, p + m->rel_off);
            break;
        case G_WEEK:
            set_day(o, p + 7L * m->rel_off - weekday_of(p)); /* its Monday */
            break;
        case G_MONTH: {
            long mi = (long)a->pub_y * 12 + (a->pub_m - 1) + m->rel_off;
            o->year = (int)(mi / 12), o->month = (int)(mi % 12) + 1;
            break;
        }
        default:
            o->year = a->pub_y + m->rel_off;
            break;
        }
        format_value(o);
        return;
    }
    /* a named month (and day), the year given, relative, or to be inferred */
    o->month = m->m, o->day = m->d;
    if (m->y) {
        o->year = m->y;
    } else if (m->year_off) {
        if (!pub) {
            o->year = 0;
            format_value(o);
            o->value[0] = '\0'; /* relative to an unknown year */
            return;
        }
        o->year = a->pub_y + m->year_off - YEAR_OFF;
    } else if (!pub) {
        o->year = 0;
    } else if (m->mod == MOD_PAST) {
        o->year = m->m < a->pub_m || (m->d && m->m == a->pub_m && m->d < a->pub_d)
                      ? a->pub_y : a->pub_y - 1;
    } else if (m->mod == MOD_NEXT) {
        o->year = m->m > a->pub_m || (m->d && m->m == a->pub_m && m->d > a->pub_d)
                      ? a->pub_y : a->pub_y + 1;
    } else if (m->mod == MOD_THIS) {
        o->year = a->pub_y;
    } else {
        o->year = window_year(a, m->m, m->d);
    }
    if (o->year && m->d && m->d > songbad_news_days_in_month(o->year, m->m)) {
        o->year = 0;
    }
    format_value(o);
}

/* ---- the scanner --------------------------------------------------------- */

/* Tries every pattern at token i; returns the tokens used (0: none). */
static size_t match_at(const news_view *v, size_t i, mention *m)
{
    size_t u, r;
    memset(m, 0, sizeof *m);
    m->mod = MOD_NONE;
    m->weekday = -1;
    m->a = i;
    int k = lookup(v, i, rel_days, 0, &u);
    if (k >= 0) {
        m->gran = G_DAY, m->kind = SONGBAD_DATE_RELATIVE, m->rel_off = rel_days[k].v;
        return u;
    }
    int mk = lookup(v, i, mods, 0, &u);
    if (mk >= 0 && i + 1 < v->ntok && space_gap(v, i)) {
        int mod = mods[mk].v;
        size_t j = i + u;
        mention t;
        t = *m;
        if ((r = day_month(v, j, &t))) {
            if (!t.bengali) t.mod = mod, t.kind = SONGBAD_DATE_ABSOLUTE;
            *m = t;
            return u + r;
        }
        t = *m;
        if ((r = rel_year_month(v, j, &t, mod))) {
            *m = t;
            return u + r;
        }
        t = *m;
        if ((r = month_alone(v, j, &t, mod))) {
            *m = t;
            m->kind = mod == MOD_NONE ? SONGBAD_DATE_ABSOLUTE : SONGBAD_DATE_RELATIVE;
            return u + r;
        }
        int w = lookup(v, j, weekdays, SE, &r);
        if (w >= 0) {
            m->weekday = weekdays[w].v, m->mod = mod, m->gran = G_DAY;
            m->kind = SONGBAD_DATE_RELATIVE;
            return u + r;
        }
        int un = lookup(v, j, units, SE, &r);
        if (un >= 0 && units[un].v != G_DAY) {
            m->gran = units[un].v, m->kind = SONGBAD_DATE_RELATIVE;
            m->rel_off = mod;
            return u + r;
        }
    }
    if ((r = numeric_date(v, i, m))) return r;
    if ((r = day_month(v, i, m))) return r;
    if ((r = year_first(v, i, m))) return r;
    if ((r = month_day_year(v, i, m))) return r;
    if ((r = month_year(v, i, m))) return r;
    if ((r = month_alone(v, i, m, MOD_NONE))) return r;
    if ((r = ago(v, i, m))) return r;
    int w = lookup(v, i, weekdays, SE, &r);
    if (w >= 0) {
        m->weekday = weekdays[w].v, m->gran = G_DAY, m->kind = SONGBAD_DATE_RELATIVE;
        return r;
    }
    if (songbad_news_word_in(v, i, ana_days, SE, &r)) {
        m->gran = G_DAY, m->kind = SONGBAD_DATE_ANAPHORIC;
        return r;
    }
    if (songbad_news_word_in(v, i, ana_dets, 0, &u) && i + u < v->ntok &&
        space_gap(v, i + u - 1)) {
        int n = lookup(v, i + u, ana_nouns, SE, &r);
        if (n >= 0) {
            m->gran = ana_nouns[n].v, m->kind = SONGBAD_DATE_ANAPHORIC;
            return u + r;
        }
    }
    return 0;
}

static void remember(news_date_state *st, const songbad_date *d)
{
    if (d->kind == SONGBAD_DATE_ANAPHORIC || !d->value[0]) return;
    if (d->granularity == SONGBAD_DATE_DAY) {
        st->day_y = d->year, st->day_m = d->month, st->day_d = d->day;
    }
    if (d->granularity == SONGBAD_DATE_DAY || d->granularity == SONGBAD_DATE_MONTH) {
        st->mon_y = d->year, st->mon_m = d->month;
    }
    if (d->year) st->year = d->year;
}

/* Whether only spaces, commas and brackets lie between tokens a and b. */
static int adjacent(const news_view *v, size_t a_end_tok, size_t b_tok)
{
    if (b_tok != a_end_tok + 1) return 0;
    size_t gl;
    const char *g = songbad_news_gap(v, a_end_tok, &gl);
    for (size_t k = 0; k < gl; k++)
        if (!news_in_set(",()", g[k])) return 0;
    return 1;
}

int songbad_news_dates(songbad_article *a, const news_view *v, size_t part,
                       news_date_state *st)
{
    dctx c = {a, st};
    size_t first = a->ndates;
    size_t prev_end_tok = 0; /* last token of the previous date */
    int prev_weekday = 0;
    for (size_t i = 0; i < v->ntok;) {
        mention m;
        size_t r = songbad_news_initial_in(&v->tables->date_start, v, i) ? match_at(v, i, &m) : 0;
        /* a day that no year has (গত বছর ৩১ ফেব্রুয়ারি) is not a date; the
           words after its first may still be one */
        if (!r || (!m.bengali && m.d && m.m >= 1 && m.m <= 12 &&
                   m.d > songbad_news_days_in_month(2000, m.m))) {
            i++;
            continue;
        }
        songbad_date d;
        memset(&d, 0, sizeof d);
        resolve(&c, &m, &d);
        songbad_news_span(v, v->tok[i].s, v->tok[i + r - 1].e, &d.start, &d.end);
        d.part = part;
        /* a weekday next to a date names the same day: গতকাল সোমবার,
         * রোববার (২২ ফেব্রুয়ারি) */
        songbad_date *p = a->ndates > first && adjacent(v, prev_end_tok, i)
                              ? &a->dates[a->ndates - 1] : NULL;
        if (p && p->granularity == SONGBAD_DATE_DAY && d.granularity == SONGBAD_DATE_DAY) {
            if (m.weekday >= 0 && !prev_weekday && p->value[0]) {
                d.year = p->year, d.month = p->month, d.day = p->day;
                memcpy(d.value, p->value, sizeof d.value);
            } else if (prev_weekday && m.weekday < 0 && d.value[0] &&
                       d.kind == SONGBAD_DATE_ABSOLUTE) {
                p->year = d.year, p->month = d.month, p->day = d.day;
                memcpy(p->value, d.value, sizeof p->value);
            }
        }
        int rc = songbad_news_add_date(a, &d);
        if (rc) return rc;
        remember(st, &d);
        prev_end_tok = i + r - 1;
        prev_weekday = m.weekday >= 0;
        i += r;
    }
    return SONGBAD_OK;
}

int songbad_news_full_date(const news_view *v, int *y, int *m, int *d)
{
    for (size_t i = 0; i < v->ntok; i++) {
        mention mm;
        if (!songbad_news_initial_in(&v->tables->date_start, v, i)) continue;
        size_t r = match_at(v, i, &mm);
        if (r && mm.kind == SONGBAD_DATE_ABSOLUTE && mm.gran == G_DAY && mm.y &&
            !mm.bengali) {
            *y = mm.y, *m = mm.m, *d = mm.d;
            return 1;
        }
        if (r) i += r - 1;
    }
    return 0;
}
