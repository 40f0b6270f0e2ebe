/* fuzz_dates.c - the date finder of the news parser (src/news_dates.c),
 * through songbad_article_parse_text. The first byte of the input picks the
 * publication date (none, one of four fixed ones, or the next ten bytes as
 * given, which may be invalid); the rest is the article. Invariants: a bad
 * publication date gives SONGBAD_E_INVAL and nothing else does; every date
 * lies inside its part and the text, its words are the text there, dates
 * come in text order; its value is "" or well formed for its granularity (a
 * real calendar day, week 1-53, month 1-12) and agrees with year, month and
 * day; a relative date is resolved when there is a publication date (without
 * one it may still name its month: গত মার্চ -> --03);
 * the article's publication date is the one given. */
#include "fuzz_common.h"

static int digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9') return 0;
    return 1;
}

static int num(const char *s, size_t n)
{
    int v = 0;
    for (size_t i = 0; i < n; i++) v = v * 10 + (s[i] - '0');
    return v;
}

static int days_in(int y, int m)
{
    static const int d[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : d[m - 1];
}

/* Checks value against granularity and the numeric fields. */
static void check_value(const songbad_date *d)
{
    const char *v = d->value;
    size_t n = strlen(v);
    FUZZ_ASSERT(n < sizeof d->value);
    if (n == 0) return;
    switch (d->granularity) {
    case SONGBAD_DATE_DAY:
        if (n == 7) { /* --MM-DD */
            FUZZ_ASSERT(v[0] == '-' && v[1] == '-' && v[4] == '-' && digits(v + 2, 2) &&
                        digits(v + 5, 2));
            int m = num(v + 2, 2), day = num(v + 5, 2);
            FUZZ_ASSERT(m >= 1 && m <= 12 && day >= 1 && day <= days_in(2000, m));
            FUZZ_ASSERT(d->month == m && d->day == day);
        } else {
            FUZZ_ASSERT(n == 10 && digits(v, 4) && v[4] == '-' && digits(v + 5, 2) &&
                        v[7] == '-' && digits(v + 8, 2));
            int y = num(v, 4), m = num(v + 5, 2), day = num(v + 8, 2);
            FUZZ_ASSERT(m >= 1 && m <= 12 && day >= 1 && day <= days_in(y, m));
            FUZZ_ASSERT(d->year == y && d->month == m && d->day == day);
        }
        break;
    case SONGBAD_DATE_WEEK: {
        FUZZ_ASSERT(n == 8 && digits(v, 4) && v[4] == '-' && v[5] == 'W' && digits(v + 6, 2));
        int w = num(v + 6, 2);
        FUZZ_ASSERT(w >= 1 && w <= 53);
        /* year, month and day name its Monday */
        FUZZ_ASSERT(d->month >= 1 && d->month <= 12 && d->day >= 1 &&
                    d->day <= days_in(d->year, d->month));
        break;
    }
    case SONGBAD_DATE_MONTH:
        if (n == 4) {
            FUZZ_ASSERT(v[0] == '-' && v[1] == '-' && digits(v + 2, 2));
            FUZZ_ASSERT(d->month == num(v + 2, 2));
        } else {
            FUZZ_ASSERT(n == 7 && digits(v, 4) && v[4] == '-' && digits(v + 5, 2));
            FUZZ_ASSERT(d->year == num(v, 4) && d->month == num(v + 5, 2));
        }
        FUZZ_ASSERT(d->month >= 1 && d->month <= 12);
        break;
    case SONGBAD_DATE_YEAR:
        FUZZ_ASSERT(n == 4 && digits(v, 4) && d->year == num(v, 4));
        break;
    default:
        FUZZ_ASSERT(!"granularity out of range");
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const fixed[] = {"2024-02-29", "2023-12-31", "1971-03-26", "2000-01-01"};
    char given[11];
    const char *pub = NULL;
    const char *text = (const char *)data;
    size_t len = size;
    int valid_pub = 1;
    if (size > 0) {
        unsigned sel = data[0] % 6;
        text++;
        len--;
        if (sel >= 1 && sel <= 4) {
            pub = fixed[sel - 1];
        } else if (sel == 5 && len >= 10) {
            memcpy(given, text, 10);
            given[10] = '\0';
            pub = given;
            text += 10;
            len -= 10;
            valid_pub = strlen(given) == 10 && digits(given, 4) && given[4] == '-' &&
                        digits(given + 5, 2) && given[7] == '-' && digits(given + 8, 2) &&
                        num(given + 5, 2) >= 1 && num(given + 5, 2) <= 12 &&
                        num(given + 8, 2) >= 1 &&
                        num(given + 8, 2) <= days_in(num(given, 4), num(given + 5, 2));
        }
    }
    songbad_article_options opt = {pub, 0};
    songbad_article *a = NULL;
    int rc = songbad_article_parse_text(text, len, &opt, NULL, &a);
    if (!valid_pub) {
        /* the library may know more invalid dates than this check (years
           out of its range); a valid-looking one must not be refused */
        FUZZ_ASSERT(rc == SONGBAD_E_INVAL || rc == SONGBAD_OK);
    } else {
        FUZZ_ASSERT(rc == SONGBAD_OK || rc == SONGBAD_E_TOOBIG);
    }
    if (rc != SONGBAD_OK) {
        FUZZ_ASSERT(a == NULL);
        return 0;
    }
    const char *pd = songbad_article_pub_date(a);
    if (pub && valid_pub) FUZZ_ASSERT(pd && strcmp(pd, pub) == 0);
    if (!pub) FUZZ_ASSERT(pd == NULL);
    size_t tl = 0, np = 0, nd = 0;
    const char *t = songbad_article_text(a, &tl);
    const songbad_article_part *p = songbad_article_parts(a, &np);
    const songbad_date *d = songbad_article_dates(a, &nd);
    size_t last = 0;
    for (size_t i = 0; i < nd; i++) {
        FUZZ_ASSERT(d[i].part < np);
        const songbad_article_part *part = &p[d[i].part];
        FUZZ_ASSERT(!part->from_title); /* no title in a text article */
        FUZZ_ASSERT(d[i].start < d[i].end && d[i].end <= tl);
        FUZZ_ASSERT(d[i].start >= part->start && d[i].end <= part->end);
        FUZZ_ASSERT(d[i].len == d[i].end - d[i].start && d[i].text == t + d[i].start);
        FUZZ_ASSERT(d[i].start >= last);
        last = d[i].start;
        FUZZ_ASSERT((unsigned)d[i].kind <= SONGBAD_DATE_ANAPHORIC);
        check_value(&d[i]);
        /* a relative date resolves with a publication date; without one
           only what it names itself can be known (গত মার্চ: --03) */
        if (d[i].kind == SONGBAD_DATE_RELATIVE) {
            if (pd) FUZZ_ASSERT(d[i].value[0] != '\0');
            else FUZZ_ASSERT(d[i].value[0] == '\0' || strncmp(d[i].value, "--", 2) == 0);
        }
    }
    songbad_article_free(a);
    return 0;
}
