/*
 * news_int.h - declarations shared by the news layer (news_*.c): the article
 * model, the rule tables and their matchers, date detection. Nothing here is
 * public. The news layer uses the text layer (normalization, digits) and
 * never the command-line tool.
 */
#ifndef SONGBAD_NEWS_INT_H
#define SONGBAD_NEWS_INT_H

#include "songbad_int.h"

/* ==== news_article.c: the model ========================================== */
/* Where a credit was found (beyond the kind of its part). */
enum { NEWS_IN_BYLINE = 0, NEWS_IN_CAPTION = 1, NEWS_IN_TEXT = 2 };

/* Record fields kept from a JSON record, in output order. */
enum {
    NEWS_F_ID, NEWS_F_TITLE, NEWS_F_DATE, NEWS_F_SOURCE, NEWS_F_URL,
    NEWS_F_CATEGORY, NEWS_F_LANG, NEWS_F_COUNT
};
extern const char *const songbad_news_field_names[NEWS_F_COUNT];

struct songbad_article {
    songbad_allocator alloc;
    char *text;                 /* the original text (a record's body) */
    size_t len;
    char *field[NEWS_F_COUNT];  /* record fields (NULL = absent) */
    size_t field_len[NEWS_F_COUNT];
    char *extra;                /* the record's other fields as a JSON object */
    size_t extra_len;
    int pub_y, pub_m, pub_d;    /* publication date; pub_y == 0: unknown */
    char pub[11];
    size_t lines;
    songbad_article_part *parts;
    size_t nparts, cap_parts;
    songbad_credit *credits;
    size_t ncredits, cap_credits;
    unsigned char *cfirst;      /* per credit: NEWS_FIRST_* */
    songbad_date *dates;
    size_t ndates, cap_dates;
    int utf8_checked;           /* every text is known to be well-formed UTF-8 */
    /* the work of adding it done ahead (add_prepare.c), and its destructor:
       the news layer only frees it */
    void *prepared;
    void (*prepared_free)(void *);
};

/* Allocates an empty article (text copied) or returns NULL. */
songbad_article *songbad_news_article_new(const songbad_allocator *alloc,
                                          const char *text, size_t len);
/* Sets the publication date from "YYYY-MM-DD..." (the first ten bytes);
 * returns SONGBAD_E_INVAL when they are not a valid date. */
int songbad_news_set_pub_date(songbad_article *a, const char *s, size_t n);
int songbad_news_add_part(songbad_article *a, songbad_part_kind kind,
                          size_t start, size_t end, size_t line, size_t lines);
/* Adds a credit whose surface is text[start..end). name is a static string
 * (a table entry) or NULL to use the surface. part is a line number until
 * songbad_news_finish() turns it into a part index. Duplicates (same kind,
 * same span) are ignored. */
int songbad_news_add_credit(songbad_article *a, songbad_credit_kind kind,
                            int where, const char *name, size_t start,
                            size_t end, size_t part);
int songbad_news_add_date(songbad_article *a, const songbad_date *d);
/* Marks in a->cfirst the first credit of each kind and name, over all
 * credits and over those in bylines (the JSON lists are without repeats). */
#define NEWS_FIRST 1u
#define NEWS_FIRST_BYLINE 2u
int songbad_news_mark_firsts(songbad_article *a);
/* Sets every borrowed pointer of parts, credits and dates once the arrays
 * no longer move. */
void songbad_news_fix_pointers(songbad_article *a);
/* The calendar helpers shared with news_dates.c. */
int songbad_news_days_in_month(int y, int m);
long songbad_news_days_from_civil(int y, int m, int d);
void songbad_news_civil_from_days(long z, int *y, int *m, int *d);

/* ==== news_json_flat.c: the usual record without jansson ================= */
/* A JSON string as it is in the record, between its quotes. */
typedef struct news_json_str {
    const char *raw; /* NULL: absent */
    size_t raw_len;
    int escaped;     /* holds a backslash escape */
} news_json_str;
typedef struct news_json_fields {
    news_json_str body, field[NEWS_F_COUNT];
} news_json_fields;
/* Reads json[0..len) (valid UTF-8) into *f when it is one object of
 * string fields the article keeps, each once, as json_loadb would: 1;
 * otherwise 0 (jansson is to read it). */
int songbad_news_json_flat(const char *json, size_t len, news_json_fields *f);
/* Writes the decoded string s to out (at most s->raw_len bytes; out may be
 * s->raw itself) and returns its length. */
size_t songbad_news_json_unescape(const news_json_str *s, char *out);

/* ==== news_text.c: the plain-text parser ================================== */
/* Structures a->text; with has_title, a record's title (a->field[NEWS_F_TITLE])
 * is the headline and the text has none. */
int songbad_news_structure(songbad_article *a, unsigned flags, int has_title);

/* ==== news_match.c: views and pattern words ============================== */
/* A word of normalized text: letters, marks and digits. */
typedef struct news_tok {
    size_t s, e; /* bytes of the normalized text */
} news_tok;

/* The first letters of the words of rule tables. A token that does not
 * start with the first two code points of a word (or its only one) is not
 * that word (see songbad_news_may_start), so a rule that tries every token
 * against whole tables skips most tokens with one test, and most words of
 * a table with another. Code points are keyed 0..255: ASCII as it is, the
 * Bengali block at 128..255, any other at 0.
 * The key of a word: k1 << 9 | k2 of its first two code points (as they
 * match normalized text: a precomposed nukta letter as its consonant and
 * the nukta, a Bengali digit as the ASCII digit), k2 = NEWS_KEY_ONE for a
 * word of one code point; NEWS_KEY_ANY for the empty word. The key of a
 * token: the same, k2 = NEWS_KEY_NONE when it is one code point. */
#define NEWS_KEY_NONE 0x100u
#define NEWS_KEY_ONE 0x1FFu
#define NEWS_KEY_ANY 0xFFFFFFFFu
unsigned songbad_news_word_key(const char *word);
static inline unsigned songbad_news_cp_key(const unsigned char *t)
{
    if (t[0] < 0x80) return t[0];
    if (t[0] == 0xE0 && (t[1] == 0xA6 || t[1] == 0xA7))
        return 128 + ((unsigned)(t[1] - 0xA6) << 6) + (t[2] & 0x3Fu);
    return 0;
}
static inline unsigned songbad_news_tok_key(const char *text, size_t s, size_t e)
{
    const unsigned char *t = (const unsigned char *)text + s;
    size_t n1 = t[0] < 0x80 ? 1 : t[0] < 0xE0 ? 2 : t[0] < 0xF0 ? 3 : 4;
    unsigned k2 = s + n1 < e ? songbad_news_cp_key(t + n1) : NEWS_KEY_NONE;
    return songbad_news_cp_key(t) << 9 | k2;
}
/* Whether a token of key tok may be the word of key word. */
static inline int songbad_news_key_may(unsigned word, unsigned tok)
{
    if ((word & 0x1FFu) == NEWS_KEY_ONE) return word == NEWS_KEY_ANY || word >> 9 == tok >> 9;
    return word == tok;
}

typedef struct news_initials {
    uint64_t one[4];    /* words of one code point, by it */
    uint64_t whole[4];  /* ... that only a token of that code point alone is */
    uint64_t two[1024]; /* longer words, by their first two */
    int any;            /* an empty word: every token */
} news_initials;
/* Adds the word of key songbad_news_word_key(word); whole: it matches a
 * whole token only (no ending may follow: the rule gives no flags, or the
 * word is followed by others in a phrase). */
void songbad_news_initials_add(news_initials *in, unsigned key, int whole);

/* The initials and word keys of the tables that rules scan every token
 * against, made once per scratch (news_dates.c, news_rules.c). */
#define NEWS_MONTHS 64
#define NEWS_SPELLINGS 384
typedef struct news_tables {
    news_initials date_start; /* every word a date may start with, and digits */
    news_initials month;      /* the Gregorian month names */
    news_initials agency;     /* every spelling of every agency */
    unsigned month_key[NEWS_MONTHS];
    /* every spelling of every agency in table order: its key, its agency
     * and its place among the agency's spellings */
    unsigned spelling_key[NEWS_SPELLINGS];
    unsigned char spelling_agency[NEWS_SPELLINGS], spelling_of[NEWS_SPELLINGS];
    size_t nspellings;
    /* the spellings by their first code point's key, each run in table
     * order: by_first[first_at[k1] .. first_at[k1 + 1]) */
    unsigned short by_first[NEWS_SPELLINGS], first_at[257];
} news_tables;
void songbad_news_date_initials(news_tables *t);
void songbad_news_agency_initials(news_tables *t);

/* A normalized piece of the article with its tokens. base + off[i] is the
 * offset in the original text of normalized byte i, base + off[n] the end
 * of the piece. */
typedef struct news_view {
    const char *t;
    size_t n;
    const size_t *off;
    size_t base;
    const char *orig;  /* the article text, for trimming spans */
    news_tok *tok;
    size_t ntok;
    const news_tables *tables; /* of the scratch that made the view */
} news_view;

/* Scratch memory for building views: a normalizer and growable arrays. */
typedef struct news_scratch {
    songbad_allocator alloc;
    songbad_normalizer *norm;
    news_tok *tok;
    size_t tok_cap;
    news_tables tables;
} news_scratch;

int songbad_news_scratch_init(news_scratch *s, const songbad_allocator *alloc);
void songbad_news_scratch_free(news_scratch *s);
/* Normalizes orig[start..end) and tokenizes it into v (valid until the next
 * call with the same scratch). */
int songbad_news_view(news_scratch *s, const char *orig, size_t start,
                      size_t end, news_view *v);
/* The original span of normalized bytes [ns, ne), trimmed of white space
 * and invisible characters at its end. */
void songbad_news_span(const news_view *v, size_t ns, size_t ne, size_t *start,
                       size_t *end);

/* Whether c is one of the ASCII characters of set (never for NUL). */
static inline int news_in_set(const char *set, int c)
{
    return c != 0 && strchr(set, c) != NULL;
}

/* Pattern words are written in ordinary spelling (precomposed nukta letters,
 * Bengali digits) and compared with normalized text. */
#define NEWS_SFX 1u   /* the word may carry a case ending (-এর, -ে, -তে ...) */
#define NEWS_EMPH 2u  /* ... and an emphatic -ই/-ও */
/* A quick test that needs no call: 0 when token i (< ntok) cannot start
 * with pattern word p because their first characters differ byte for byte.
 * A pattern starting with a precomposed nukta letter or a Bengali digit
 * (which match other bytes) always passes. Rules scan every token against
 * whole tables, so this decides most of the parse time. */
static inline int songbad_news_may_start(const news_view *v, size_t i,
                                         const char *p)
{
    const unsigned char *q = (const unsigned char *)p;
    const unsigned char *t = (const unsigned char *)v->t + v->tok[i].s;
    if (q[0] == 0xE0 && q[1] == 0xA7 &&
        (q[2] == 0x9C || q[2] == 0x9D || q[2] == 0x9F || (q[2] >= 0xA6 && q[2] <= 0xAF)))
        return 1;
    if (q[0] != t[0]) return q[0] == 0;
    if (q[0] < 0x80) return 1;
    if (q[1] != t[1]) return 0;
    if (q[0] < 0xE0) return 1;
    if (q[2] != t[2]) return 0;
    return q[0] < 0xF0 || q[3] == t[3];
}
/* Whether token i (< ntok) may be one of the words of in. */
static inline int songbad_news_initial_in(const news_initials *in, const news_view *v,
                                          size_t i)
{
    unsigned key = songbad_news_tok_key(v->t, v->tok[i].s, v->tok[i].e);
    unsigned k1 = key >> 9, k2 = key & 0x1FFu;
    if (in->any || (in->one[k1 >> 6] >> (k1 & 63) & 1u)) return 1;
    if (k2 == NEWS_KEY_NONE) return (int)(in->whole[k1 >> 6] >> (k1 & 63) & 1u);
    unsigned p = k1 << 8 | k2;
    return (int)(in->two[p >> 6] >> (p & 63) & 1u);
}
/* Whether token i is pattern word p, with an ending as flags allow: 1 or 0. */
size_t songbad_news_word(const news_view *v, size_t i, const char *p,
                         unsigned flags);
/* A phrase of space-separated words at token i; tokens may be separated by
 * spaces or hyphens only. flags apply to the last word, whose ending may
 * also be the next token joined by - or ' (রয়টার্স-এর, এএফপি’র). Returns the
 * number of tokens used, or 0. */
size_t songbad_news_phrase(const news_view *v, size_t i, const char *p,
                           unsigned flags);
/* Whether one of the phrases of a NULL-terminated list is at token i; *used
 * (if not NULL) gets its number of tokens. */
int songbad_news_word_in(const news_view *v, size_t i, const char *const *list,
                         unsigned flags, size_t *used);
/* The text between tokens i and i+1 (or after the last token), spaces
 * excluded; *len gets its length. */
const char *songbad_news_gap(const news_view *v, size_t i, size_t *len);

/* Whether the gap after token i contains the string c. */
int songbad_news_gap_has(const news_view *v, size_t i, const char *c);
/* Whether the gap after token i holds only spaces or one hyphen or dash. */
int songbad_news_soft_gap(const news_view *v, size_t i);
/* The text before the first token, spaces excluded. */
const char *songbad_news_lead_gap(const news_view *v, size_t *len);
/* Whether every character outside the tokens is a space, one of the ASCII
 * characters allowed, a dash, a bullet, an ellipsis or a danda. */
int songbad_news_only_chars(const news_view *v, const char *allowed);
/* Token i is digits; digits and টি (৩টি); holds a digit; its code points. */
int songbad_news_tok_digits(const news_view *v, size_t i);
int songbad_news_tok_count(const news_view *v, size_t i);
int songbad_news_tok_has_digit(const news_view *v, size_t i);
size_t songbad_news_tok_cps(const news_view *v, size_t i);
/* Self-check of the case endings (see songbad_news_rules_check). */
size_t songbad_news_endings_check(news_scratch *s, const char **bad);

/* ==== news_rules.c: the rule tables and the rules ========================== */
/* The agency at token i (after optional qualifiers such as বার্তা সংস্থা),
 * its normalized name, or NULL. *used gets the tokens consumed. */
const char *songbad_news_agency(const news_view *v, size_t i, size_t *used);

/* Line classes found by songbad_news_classify. */
enum {
    NEWS_LINE_TEXT = 0,
    NEWS_LINE_BOILER,
    NEWS_LINE_CAPTION,
    NEWS_LINE_BYLINE
};
/* Boilerplate rules (for tests and docs). */
enum {
    NEWS_BP_NONE = 0, NEWS_BP_AD, NEWS_BP_SOURCE_LINK, NEWS_BP_READ_MORE,
    NEWS_BP_COMMENTS, NEWS_BP_SHARE, NEWS_BP_RELATED, NEWS_BP_META,
    NEWS_BP_SLUG, NEWS_BP_NAV
};
typedef struct news_class {
    int kind;      /* NEWS_LINE_* */
    int rule;      /* NEWS_BP_* for boilerplate */
    int more_link; /* a bare "আরও পড়ুন": the next short line is its link */
    int ends_sentence; /* ends with । . ? ! : (quotes and brackets aside) */
    size_t words;
} news_class;

/* Classifies one normalized line; captions and bylines add their credits to
 * a (part = line). */
int songbad_news_classify(songbad_article *a, const news_view *v, size_t line,
                          news_class *c);
/* Credits inside a body paragraph: an inline byline ("নিজস্ব প্রতিবেদক :"),
 * a dateline ("ঢাকা, ১২ মার্চ (বাসস) :") and attributions in the running
 * text ("খবর এএফপির", "বার্তা সংস্থা রয়টার্স"). first: whether it is one of
 * the first paragraphs. */
int songbad_news_paragraph_credits(songbad_article *a, const news_view *v,
                                   size_t part, int first);
/* Whether the ')' at t[close] ends an honorific such as "(সা.)", whose full
 * stop does not end a sentence. */
int songbad_news_honorific_before(const char *t, size_t close);
/* Whether a short line reads like a link title (no sentence punctuation). */
int songbad_news_is_title_like(const news_view *v);
/* Self-check for tests: every pattern of every table is written so that it
 * can match normalized text. Returns the number of bad patterns and the
 * first in *bad. */
size_t songbad_news_rules_check(news_scratch *s, const char **bad);

/* ==== news_dates.c ======================================================== */
/* State carried across the parts of one article: the last date named to
 * the day, to the month and to the year (for সেদিন, সেই মাসে, ওই বছর). */
typedef struct news_date_state {
    int day_y, day_m, day_d; /* day_m == 0: none yet; day_y == 0: no year */
    int mon_y, mon_m;        /* mon_m == 0: none yet */
    int year;                /* 0: none yet */
} news_date_state;

/* Finds the dates of one view (a part, or a window of a long part) and adds
 * them to a. */
int songbad_news_dates(songbad_article *a, const news_view *v, size_t part,
                       news_date_state *st);
/* The first Gregorian date with day, month and year in v (a "প্রকাশ:" line),
 * or 0. */
int songbad_news_full_date(const news_view *v, int *y, int *m, int *d);

#endif /* SONGBAD_NEWS_INT_H */
