/*
 * stem.c - songbad_stem: a rule-based light stemmer for Bengali news text.
 * docs/stemming.md describes the method and how it was measured.
 *
 * Input is one word normalized at the search level: nukta letters are
 * decomposed (য় = য + ়, ড় = ড + ়), ো and ৌ are composed, no ZWJ/ZWNJ.
 * Every table below is written in that form.
 *
 * A word is stemmed only when it is entirely made of code points of the
 * Bengali block U+0980..U+09FF; each of them is 3 bytes in UTF-8
 * (E0 A6 80 .. E0 A7 BF), so the word is handled as an array of 3-byte code
 * points and a suffix test is one comparison of the tail bytes. Anything
 * else (Latin, digits, mixed words, invalid UTF-8, more than MAX_CPS code
 * points) is copied unchanged. Nothing is allocated; all tables are static.
 *
 * The stem is always a prefix of the word, possibly followed by a short
 * fixed string (the া of a causative root, or the lemma of an irregular
 * form), so it never needs more than len + 18 bytes.
 *
 * Steps, in order (the first that applies wins):
 *   1. closed-class paradigms (pronouns, a few numerals): whole-word table;
 *   2. emphatic clitic -ই / -ও is removed (then the table is tried again);
 *   3. irregular vowel-root verbs (হ, যা/গে/গি, দে/দি, নে/নি, খা, পা, চা,
 *      and ছিল, এল/এসে): alternant + ending -> lemma;
 *   4. regular verb endings, accepted only when what remains has the shape
 *      of a verb root (root_strict: two units; root_loose for endings that
 *      only verbs take), or of a causative root (the same + া);
 *   5. nominal endings: one case ending, then one plural/classifier; what
 *      is left goes through step 4 again, then one "tail" step that keeps
 *      bare and inflected forms of a noun on one stem.
 * An ending that nouns and verbs share is taken in the reading that is more
 * frequent in news (docs/stemming.md lists the choices): -তে after a
 * consonant is an infinitive (করতে, but ভারতে), -ল/-লে/-িল are not
 * stripped (সকাল, আমলে, মিছিল), -দের is a plural (নেতাদের, but সংবাদের).
 * Every step has a guard on the size of what remains, counted in units
 * (independent vowels and consonants that are not the first half of a
 * conjunct), so short words are never cut down to one letter.
 */
#include "songbad_int.h"
#include "bengali.h"

/* Longer words (no Bengali word is) are copied unchanged. */
#define MAX_CPS 48

static int is_cons(uint32_t c)
{
    return (c >= BN_KA && c <= BN_HA) || c == BN_KHANDA_TA || c == BN_RA_MIDDLE ||
           c == BN_RA_LOWER;
}

static int is_indep_vowel(uint32_t c) { return c >= BN_A && c <= BN_AU; }

static int is_sign(uint32_t c)
{
    return (c >= BN_SIGN_AA && c <= BN_SIGN_AU) ||
           c == BN_VOCALIC_L_SIGN || c == BN_VOCALIC_LL_SIGN;
}

/* A word of n code points as the algorithm sees it: its bytes and its code
 * points. */
typedef struct word {
    const unsigned char *w;
    size_t n;
    uint16_t cp[MAX_CPS];
} word;

static uint32_t at(const word *x, size_t i) { return x->cp[i]; }

/* Syllable units of the first m code points: independent vowels and
 * consonants not followed by a virama (the first half of a conjunct is not a
 * unit of its own). */
static unsigned units(const word *x, size_t m)
{
    unsigned u = 0;
    for (size_t i = 0; i < m; i++) {
        uint32_t c = x->cp[i];
        if (is_indep_vowel(c)) {
            u++;
        } else if (is_cons(c)) {
            size_t j = i + 1;
            if (j < m && x->cp[j] == BN_NUKTA) j++;
            if (j >= m || x->cp[j] != BN_VIRAMA) u++;
        }
    }
    return u;
}

/* Fills x from len bytes at s; returns 0 unless the word is entirely made
 * of 3-byte code points of U+0980..U+09FF (at most MAX_CPS of them). */
static int word_init(word *x, const unsigned char *s, size_t len)
{
    if (len == 0 || len % 3 || len > 3 * MAX_CPS) return 0;
    size_t n = len / 3;
    for (size_t i = 0; i < n; i++) {
        const unsigned char *p = s + 3 * i;
        if (p[0] != 0xE0 || (p[1] != 0xA6 && p[1] != 0xA7) ||
            (p[2] & 0xC0) != 0x80)
            return 0;
        x->cp[i] = (uint16_t)(((p[1] & 0x3F) << 6) | (p[2] & 0x3F));
    }
    x->w = s;
    x->n = n;
    return 1;
}

/* Whether the first m code points end in a vowel (sign or letter, maybe
 * followed by candrabindu). */
static int ends_vowel(const word *x, size_t m)
{
    if (m == 0) return 0;
    uint32_t c = at(x, m - 1);
    if (c == BN_CANDRABINDU && m >= 2) c = at(x, m - 2);
    return is_sign(c) || is_indep_vowel(c);
}

/* Whether the first m code points end in a consonant with its inherent vowel
 * (not a conjunct half), or in ং / ৎ. */
static int ends_cons(const word *x, size_t m)
{
    if (m == 0) return 0;
    uint32_t c = at(x, m - 1);
    if (c == BN_NUKTA && m >= 2) c = at(x, m - 2);
    return is_cons(c) || c == BN_ANUSVARA;
}

/* Verb roots start with a consonant or with অ, আ, উ, এ, ও (আস, উঠ, ওঠ);
 * never with ই, ঈ, ঊ, ঋ, ঐ, ঔ (so ইসলাম is not ইস + -লাম). */
static int root_start(uint32_t c)
{
    return is_cons(c) || c == BN_A || c == BN_AA || c == BN_U || c == BN_E ||
           c == BN_O;
}

/* The shape of a simple verb root: exactly two units, the first a consonant
 * or a vowel letter (a consonant may carry a vowel sign), then an optional
 * candrabindu, the second a bare consonant: কর, বল, দেখ, আস, উঠ, খুঁজ, পড়. */
static int root_strict(const word *x, size_t m)
{
    size_t i = 0;
    if (m < 2) return 0;
    uint32_t c = at(x, i++);
    if (is_cons(c)) {
        if (i < m && at(x, i) == BN_NUKTA) i++;
        if (i < m && is_sign(at(x, i))) i++;
    } else if (!root_start(c)) {
        return 0;
    }
    if (i < m && at(x, i) == BN_CANDRABINDU) i++;
    if (i >= m || !is_cons(at(x, i))) return 0;
    i++;
    if (i < m && at(x, i) == BN_NUKTA) i++;
    return i == m;
}

/* A longer root for endings that only verbs take: at least two units,
 * ending in a consonant: বদল(েছে), আটক(েছেন). */
static int root_loose(const word *x, size_t m)
{
    return ends_cons(x, m) && at(x, m - 1) != BN_ANUSVARA &&
           root_start(at(x, 0)) && units(x, m) >= 2;
}

/* ---- suffix tables ----------------------------------------------------- */
/* The strings are stored in the entries (no pointer to follow): the longest
 * ending has 9 code points, 27 bytes. */
#define SFX_MAX 28
typedef struct sfx {
    char s[SFX_MAX];
    unsigned char len; /* bytes */
    unsigned short f;  /* flags, meaning per table */
} sfx;

#define SFX(str, flags) {str, (unsigned char)(sizeof(str) - 1), (unsigned short)(flags)}
#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* Whether n bytes at a and b are equal, compared from the end: the last
 * byte of a code point tells most of them apart, and the strings are too
 * short for a call to memcmp to pay. */
static int same_bytes(const unsigned char *a, const char *b, size_t n)
{
    const unsigned char *ub = (const unsigned char *)b;
    while (n--)
        if (a[n] != ub[n]) return 0;
    return 1;
}

/* Whether the first m code points end with s. Most tables are grouped by
 * the last code point, so the code point before it is compared first. */
static int ends_with(const word *x, size_t m, const sfx *s)
{
    size_t n = s->len;
    if (n > 3 * m) return 0;
    const unsigned char *w = x->w + 3 * m - n;
    if (n > 3 && w[n - 4] != (unsigned char)s->s[n - 4]) return 0;
    return same_bytes(w, s->s, n);
}

/* Verb ending flags. */
enum {
    V_C = 1,      /* after a consonant-final root */
    V_K = 2,      /* after a causative root in -া (দেখা-চ্ছে, জানা-লেন) */
    V_STRICT = 4, /* the root must have the simple shape (root_strict) */
    V_CAUS = 8    /* causative form: the stem is root + া (জানিয়েছে -> জানা) */
};
#define VS (V_C | V_STRICT)
#define VL V_C
#define VKS (V_C | V_K | V_STRICT)
#define VKL (V_C | V_K)
#define VCA (V_C | V_CAUS)

/* Regular verb endings, grouped by their last code point, longest first in
 * each group. Colloquial (চলিত) and literary (সাধু) forms. */

/* ... -ে: perfect/progressive 3rd person, infinitive, conditional, future,
 * causative conjunctive, simple present / conjunctive */
static const sfx verb_e[] = {
    SFX("িয়াছে", VL),   /* sadhu perfect: করিয়াছে */
    SFX("িয়েছে", VCA),  /* causative perfect: জানিয়েছে */
    SFX("িতেছে", VL),    /* sadhu progressive: করিতেছে */
    SFX("চ্ছে", V_K),    /* progressive after -া root: দেখাচ্ছে */
    SFX("েছে", VL),      /* perfect: করেছে */
    SFX("িয়ে", VCA),    /* causative conjunctive: ফিরিয়ে */
    SFX("িবে", VS),      /* sadhu future: করিবে */
    SFX("ছে", VL),       /* progressive: করছে */
    SFX("তে", VKS),      /* infinitive: করতে, দেখাতে */
    SFX("বে", VS),       /* future: করবে (not হিসাবে, উৎসবে) */
    SFX("ে", VS),        /* present / conjunctive: করে */
};

/* ... -ন: polite forms of every tense */
static const sfx verb_n[] = {
    SFX("িয়াছিলেন", VL), /* করিয়াছিলেন */
    SFX("িয়েছিলেন", VCA),
    SFX("িতেছিলেন", VL),
    SFX("চ্ছিলেন", V_K),
    SFX("েছিলেন", VL),    /* করেছিলেন */
    SFX("িয়াছেন", VL),
    SFX("িয়েছেন", VCA),
    SFX("িতেছেন", VL),
    SFX("ছিলেন", VL),     /* করছিলেন */
    SFX("চ্ছেন", V_K),
    SFX("েছেন", VL),      /* করেছেন */
    SFX("িলেন", VL),      /* করিলেন */
    SFX("িতেন", VL),      /* করিতেন */
    SFX("িবেন", VL),      /* করিবেন */
    SFX("ছেন", VL),       /* করছেন */
    SFX("তেন", VKL),      /* করতেন */
    SFX("লেন", VKL),      /* করলেন, জানালেন */
    SFX("বেন", VKL),      /* করবেন */
    SFX("েন", VS),        /* করেন */
};

/* ... -ল: past 3rd person */
static const sfx verb_l[] = {
    SFX("িয়াছিল", VL),
    SFX("িয়েছিল", VCA),
    SFX("িতেছিল", VL),
    SFX("চ্ছিল", V_K),
    SFX("েছিল", VL),      /* করেছিল */
    SFX("ছিল", VL),       /* করছিল */
};

/* ... -ম: 1st person past (-লাম, -তাম) */
static const sfx verb_m[] = {
    SFX("িয়াছিলাম", VL),
    SFX("িয়েছিলাম", VCA),
    SFX("িতেছিলাম", VL),
    SFX("চ্ছিলাম", V_K),
    SFX("েছিলাম", VL),
    SFX("ছিলাম", VL),
    SFX("িলাম", VL),
    SFX("িতাম", VL),
    SFX("তাম", VKS),
    SFX("লাম", VKS),      /* not ইসলাম */
};

/* ... -ি: 1st person perfect/progressive, negative perfect (-েনি, -েননি) */
static const sfx verb_i[] = {
    SFX("িয়াছি", VL),
    SFX("িয়েছি", VCA),
    SFX("িতেছি", VL),
    SFX("চ্ছি", V_K),
    SFX("েননি", VL),      /* করেননি */
    SFX("েছি", VL),
    SFX("েনি", VL),       /* করেনি */
    SFX("ছি", VL),
};

/* ... -ছ: 2nd person perfect/progressive */
static const sfx verb_ch[] = {
    SFX("িয়াছ", VL),
    SFX("িয়েছ", VCA),
    SFX("িতেছ", VL),
    SFX("চ্ছ", V_K),
    SFX("েছ", VL),
    SFX("ছ", VL),
};

/* ... -ো: causative verbal noun, habitual past, past, future, imperative */
static const sfx verb_o[] = {
    SFX("ানো", VCA),      /* জানানো */
    SFX("তো", VKS),       /* করতো */
    SFX("লো", VKL),       /* করলো */
    SFX("বো", VKS),       /* করবো */
    SFX("ো", VS),         /* imperative: করো */
};

/* ... -র: the causative verbal noun's genitive */
static const sfx verb_r[] = {
    SFX("ানোর", VCA),
};

/* ... -য়: present after a causative root (জানায়), verbal noun locative */
static const sfx verb_y[] = {
    SFX("ানোয়", VCA),
    SFX("য়", V_K | V_STRICT),
};

/* The group of verb endings that the first m code points (m >= 2) may end
 * with: chosen by the last code point, and for most groups the one before
 * it, which all the endings of the group share (-েন, -িল, -াম, -োর). */
static const sfx *verb_group(const word *x, size_t m, size_t *n)
{
#define G(a) (*n = COUNT(a), a)
    uint32_t prev = at(x, m - 2);
    *n = 0;
    switch (at(x, m - 1)) {
    case BN_SIGN_E: return G(verb_e);
    case BN_NA: return prev == BN_SIGN_E ? G(verb_n) : NULL;  /* -েন */
    case BN_LA: return prev == BN_SIGN_I ? G(verb_l) : NULL;  /* -িল */
    case BN_MA: return prev == BN_SIGN_AA ? G(verb_m) : NULL; /* -াম */
    case BN_SIGN_I:
        return prev == BN_CHA || prev == BN_NA ? G(verb_i) : NULL; /* -ছি -নি */
    case BN_CHA: return G(verb_ch);
    case BN_SIGN_O: return G(verb_o);
    case BN_RA: return prev == BN_SIGN_O ? G(verb_r) : NULL; /* -োর */
    case BN_NUKTA: return G(verb_y);
    default: return NULL;
    }
#undef G
}

/* Nominal ending flags: what must come before, and how many units. */
enum {
    N_AFTER_V = 1,  /* only after a vowel */
    N_AFTER_C = 2,  /* only after a consonant */
    N_MIN1 = 4,     /* at least 1 unit must remain (default 2) */
    N_MIN3 = 8,     /* at least 3 units must remain */
    N_AFTER_A = 16, /* only after া or ো (not -ীয়: জাতীয়) */
    N_NOT_A = 32,   /* not after া (-াতে is mostly -াত + ে: আঘাতে) */
    N_NOT_IE = 64,  /* not after ি, ী, ে (বিয়ের, মেয়ের are -য়ে + র) */
    N_FINAL = 128,  /* only at the end of the word: the plural -রা takes no
                     * case ending (পুনরায় is not পুন-রা-য়) */
    N_OR_NG = 256,  /* with N_AFTER_V: after ং too (রংয়ের, বেইজিংয়ের) */
    N_AFTER_NG = 512 /* only after ং (-য়ে is the locative of পিয়ংইয়ংয়ে, but
                      * মেয়ে, নিয়ে have no ending) */
};

/* Case endings (genitive, objective, locative), longest first per group;
 * plural + case combinations whose case part cannot be split off alone. */
static const sfx case_r[] = {
    SFX("দিগের", 0),          /* sadhu plural genitive: লোকদিগের */
    SFX("েদের", N_AFTER_C),   /* plural genitive: লোকেদের */
    SFX("য়ের", N_AFTER_V | N_OR_NG | N_NOT_IE), /* genitive after a vowel: ভাইয়ের */
    SFX("দের", 0),            /* plural genitive: নেতাদের */
    SFX("এর", N_MIN1),        /* genitive written with the vowel letter */
    SFX("ের", N_AFTER_C),     /* genitive after a consonant: সফরের */
    SFX("র", N_AFTER_V),      /* genitive after a vowel: কোরিয়ার */
};
static const sfx case_e[] = {
    SFX("দিগকে", 0),          /* sadhu plural objective */
    SFX("দেরকে", 0),          /* plural objective: ছাত্রদেরকে */
    SFX("কে", 0),             /* objective: কোরিয়াকে, সরকারকে */
    SFX("তে", N_AFTER_V | N_NOT_A), /* locative after a vowel: বাড়িতে */
    SFX("য়ে", N_AFTER_NG),   /* locative after ং: বেইজিংয়ে */
    SFX("ে", N_AFTER_C),      /* locative after a consonant: সফরে */
};
static const sfx case_y[] = {
    SFX("য়", N_AFTER_A),     /* locative after -া, -ো: কোরিয়ায় */
};

/* Plural markers and classifiers (numeral classifiers, "the"), grouped by
 * their last code point. */
static const sfx plural_o[] = {
    SFX("গুলো", N_MIN1),      /* plural: দেশগুলো */
    SFX("টো", 0),             /* classifier: দুটো */
};
static const sfx plural_i[] = {
    SFX("গুলি", N_MIN1),      /* plural: দেশগুলি */
    SFX("খানি", N_MIN3),      /* classifier: বইখানি */
    SFX("টি", 0),             /* classifier: ছেলেটি */
};
static const sfx plural_aa[] = {
    SFX("গুলা", N_MIN1),      /* plural (colloquial) */
    SFX("খানা", N_MIN3),      /* classifier: টেবিলখানা (not কারখানা) */
    SFX("েরা", N_AFTER_C | N_FINAL), /* plural after a consonant: লোকেরা */
    SFX("রা", N_FINAL),       /* plural: নেতারা, শিক্ষকরা */
    SFX("টা", 0),             /* classifier: বইটা */
};
static const sfx plural_other[] = {
    SFX("সমূহ", 0),           /* formal plural: দেশসমূহ */
    SFX("বৃন্দ", 0),          /* collective: নেতৃবৃন্দ */
    SFX("টুকু", 0),           /* "the bit of": জলটুকু */
};

/* Whether a nominal ending may come off, leaving m code points. */
static int noun_ok(const word *x, size_t m, unsigned f)
{
    if (m == 0) return 0;
    uint32_t last = at(x, m - 1);
    if (last == BN_VIRAMA) return 0;
    if ((f & N_AFTER_V) && !ends_vowel(x, m) && !((f & N_OR_NG) && last == BN_ANUSVARA))
        return 0;
    if ((f & N_AFTER_NG) && last != BN_ANUSVARA) return 0;
    if ((f & N_AFTER_C) && !ends_cons(x, m)) return 0;
    if ((f & N_AFTER_A) && last != BN_SIGN_AA && last != BN_SIGN_O) return 0;
    if ((f & N_NOT_A) && last == BN_SIGN_AA) return 0;
    if ((f & N_NOT_IE) && (last == BN_SIGN_I || last == BN_SIGN_II ||
                           last == BN_SIGN_E))
        return 0;
    unsigned need = (f & N_MIN3) ? 3 : (f & N_MIN1) ? 1 : 2;
    return units(x, m) >= need;
}

/* Strips the longest nominal ending of a table that fits; returns the new
 * length in code points (m when nothing came off). at_end: m is the end of
 * the word (no case ending came off before). */
static size_t strip_noun(const word *x, size_t m, const sfx *t, size_t n,
                         int at_end)
{
    for (size_t i = 0; i < n; i++) {
        if ((t[i].f & N_FINAL) && !at_end) continue;
        if (!ends_with(x, m, &t[i])) continue;
        size_t r = m - t[i].len / 3;
        if (noun_ok(x, r, t[i].f)) return r;
    }
    return m;
}

/* Strips a plural marker or classifier from the first m code points. */
static size_t strip_plural(const word *x, size_t m, int at_end)
{
    if (m < 2) return m;
    switch (at(x, m - 1)) {
    case BN_SIGN_O: return strip_noun(x, m, plural_o, COUNT(plural_o), at_end);
    case BN_SIGN_I: return strip_noun(x, m, plural_i, COUNT(plural_i), at_end);
    case BN_SIGN_AA:
        return strip_noun(x, m, plural_aa, COUNT(plural_aa), at_end);
    case BN_HA: case BN_DA: case BN_SIGN_U:
        return strip_noun(x, m, plural_other, COUNT(plural_other), at_end);
    default: return m;
    }
}

/* ---- closed-class paradigms -------------------------------------------- */
/* Lemmas of the whole-word table. */
enum {
    L_AMI, L_TUMI, L_TUI, L_APNI, L_SE, L_TINI, L_E, L_INI, L_O, L_UNI,
    L_JE, L_JINI, L_KE, L_TA, L_DUI,
    /* irregular verbs (step 3) */
    L_HOWA, L_JAWA, L_DEWA, L_NEWA, L_KHAWA, L_PAWA, L_CHAWA, L_AS, L_THAK
};
static const char *const lemma_text[] = {
    "আমি", "তুমি", "তুই", "আপনি", "সে", "তিনি", "এ", "ইনি", "ও", "উনি",
    "যে", "যিনি", "কে", "তা", "দুই",
    "হওয়া", "যাওয়া", "দেওয়া", "নেওয়া", "খাওয়া", "পাওয়া", "চাওয়া",
    "আস", "থাক",
};

typedef struct form {
    char s[SFX_MAX];
    unsigned char len;
    unsigned char lemma;
} form;
#define F(str, l) {str, (unsigned char)(sizeof(str) - 1), l}

/* Pronoun paradigms (colloquial and sadhu forms) and the numeral দুই, one
 * array per first letter, each sorted by bytes (binary search). Only forms
 * that the suffix rules would get wrong or leave apart. */
static const form forms_aa[] = { /* আ */
    F("আপনাকে", L_APNI), F("আপনাদের", L_APNI), F("আপনাদেরকে", L_APNI),
    F("আপনার", L_APNI), F("আপনারা", L_APNI), F("আপনি", L_APNI),
    F("আমরা", L_AMI), F("আমাকে", L_AMI), F("আমাদিগকে", L_AMI),
    F("আমাদিগের", L_AMI), F("আমাদের", L_AMI), F("আমাদেরকে", L_AMI),
    F("আমায়", L_AMI), F("আমার", L_AMI), F("আমি", L_AMI),
};
static const form forms_i[] = { /* ই */
    F("ইনি", L_INI), F("ইহা", L_E), F("ইহাকে", L_E), F("ইহাদের", L_E),
    F("ইহার", L_E), F("ইহারা", L_E),
};
static const form forms_u[] = { /* উ */
    F("উনি", L_UNI), F("উহা", L_O), F("উহাকে", L_O), F("উহাদের", L_O),
    F("উহার", L_O), F("উহারা", L_O),
};
static const form forms_e[] = { /* এ */
    F("এ", L_E), F("এঁকে", L_INI), F("এঁদের", L_INI), F("এঁর", L_INI),
    F("এঁরা", L_INI), F("একে", L_E), F("এগুলি", L_E), F("এগুলো", L_E),
    F("এটা", L_E), F("এটাকে", L_E), F("এটার", L_E), F("এটি", L_E),
    F("এটিকে", L_E), F("এটির", L_E), F("এতে", L_E), F("এদের", L_E),
    F("এর", L_E), F("এরা", L_E),
};
static const form forms_o[] = { /* ও */
    F("ও", L_O), F("ওঁকে", L_UNI), F("ওঁদের", L_UNI), F("ওঁর", L_UNI),
    F("ওঁরা", L_UNI), F("ওকে", L_O), F("ওগুলি", L_O), F("ওগুলো", L_O),
    F("ওটা", L_O), F("ওটাকে", L_O), F("ওটি", L_O), F("ওদের", L_O),
    F("ওর", L_O), F("ওরা", L_O),
};
static const form forms_ka[] = { /* ক */
    F("কাকে", L_KE), F("কাদের", L_KE), F("কার", L_KE), F("কারা", L_KE),
    F("কাহাকে", L_KE), F("কাহার", L_KE), F("কে", L_KE),
};
static const form forms_ta[] = { /* ত */
    F("তা", L_TA), F("তাঁকে", L_TINI), F("তাঁদের", L_TINI),
    F("তাঁদেরকে", L_TINI), F("তাঁর", L_TINI), F("তাঁরা", L_TINI),
    F("তাঁহাকে", L_TINI), F("তাঁহাদের", L_TINI), F("তাঁহার", L_TINI),
    F("তাঁহারা", L_TINI), F("তাকে", L_SE), F("তাতে", L_TA), F("তাদের", L_SE),
    F("তাদেরকে", L_SE), F("তার", L_SE), F("তারা", L_SE), F("তাহা", L_TA),
    F("তাহাকে", L_SE), F("তাহাতে", L_TA), F("তাহাদিগকে", L_SE),
    F("তাহাদিগের", L_SE), F("তাহাদের", L_SE), F("তাহার", L_SE),
    F("তাহারা", L_SE), F("তিনি", L_TINI), F("তুই", L_TUI), F("তুমি", L_TUMI),
    F("তোকে", L_TUI), F("তোদের", L_TUI), F("তোমরা", L_TUMI),
    F("তোমাকে", L_TUMI), F("তোমাদিগকে", L_TUMI), F("তোমাদের", L_TUMI),
    F("তোমাদেরকে", L_TUMI), F("তোমায়", L_TUMI), F("তোমার", L_TUMI),
    F("তোর", L_TUI), F("তোরা", L_TUI),
};
static const form forms_da[] = { /* দ */
    F("দু", L_DUI), F("দুই", L_DUI), F("দুটি", L_DUI), F("দুটো", L_DUI),
};
static const form forms_ma[] = { /* ম */
    F("মোদের", L_AMI), F("মোরা", L_AMI),
};
static const form forms_ya[] = { /* য */
    F("যাঁকে", L_JINI), F("যাঁদের", L_JINI), F("যাঁর", L_JINI),
    F("যাঁরা", L_JINI), F("যাকে", L_JE), F("যাদের", L_JE), F("যার", L_JE),
    F("যারা", L_JE), F("যাহাকে", L_JE), F("যাহাদের", L_JE), F("যাহার", L_JE),
    F("যাহারা", L_JE), F("যিনি", L_JINI), F("যে", L_JE),
};
static const form forms_sa[] = { /* স */
    F("সে", L_SE), F("সেগুলি", L_SE), F("সেগুলো", L_SE), F("সেটা", L_SE),
    F("সেটাকে", L_SE), F("সেটার", L_SE), F("সেটি", L_SE), F("সেটিকে", L_SE),
    F("সেটির", L_SE),
};

/* Byte order of two strings (shorter first on a tie). */
static int cmp_bytes(const unsigned char *a, size_t al, const char *b,
                     size_t bl)
{
    const unsigned char *ub = (const unsigned char *)b;
    size_t n = al < bl ? al : bl;
    for (size_t i = 0; i < n; i++)
        if (a[i] != ub[i]) return a[i] < ub[i] ? -1 : 1;
    return al < bl ? -1 : al > bl ? 1 : 0;
}

/* The lemma index of a closed-class form, or -1. */
static int form_lookup(const word *x, size_t m)
{
    const form *t;
    size_t lo = 0, hi;
    const char *second; /* the code points that may come second, low bytes */
#define G(a, s2) (t = a, hi = COUNT(a), second = s2)
    /* every form has at most 9 code points */
    if (m > 9) return -1;
    switch (at(x, 0)) {
    case BN_AA: G(forms_aa, "\xAA\xAE"); break;                 /* প ম */
    case BN_I: G(forms_i, "\xA8\xB9"); break;                   /* ন হ */
    case BN_U: G(forms_u, "\xA8\xB9"); break;                   /* ন হ */
    case BN_E: G(forms_e, "\x81\x95\x97\x9F\xA4\xA6\xB0"); break; /* ঁকগটতদর */
    case BN_O: G(forms_o, "\x81\x95\x97\x9F\xA6\xB0"); break;   /* ঁকগটদর */
    case BN_KA: G(forms_ka, "\x87\xBE"); break;                 /* া ে */
    case BN_TA: G(forms_ta, "\x81\x8B\xBE\xBF"); break;         /* া ি ু ো */
    case BN_DA: G(forms_da, "\x81"); break;                     /* ু */
    case BN_MA: G(forms_ma, "\x8B"); break;                     /* ো */
    case BN_YA: G(forms_ya, "\x87\xBE\xBF"); break;             /* া ি ে */
    case BN_SA: G(forms_sa, "\x87"); break;                     /* ে */
    default: return -1;
    }
#undef G
    /* a quick test of the second code point by the last byte of its UTF-8
     * form (U+0981 and U+09C1 share it: a false pass is harmless) */
    if (m >= 2 && !strchr(second, (char)x->w[5])) return -1;
    const unsigned char *s = x->w;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = cmp_bytes(s, 3 * m, t[mid].s, t[mid].len);
        if (c == 0) return t[mid].lemma;
        if (c < 0) hi = mid;
        else lo = mid + 1;
    }
    return -1;
}

/* ---- irregular vowel-root verbs ---------------------------------------- */
/* Ending sets of vowel roots. An ending may belong to several sets. */
enum {
    E_I = 1u << 0,     /* -ই (1st person present): যাই */
    E_O = 1u << 1,     /* -ও (2nd person): যাও */
    E_Y = 1u << 2,     /* -য় (3rd person present): যায় */
    E_N = 1u << 3,     /* -ন (polite present/imperative): যান */
    E_K = 1u << 4,     /* -ক (3rd person imperative): যাক */
    E_NEG = 1u << 5,   /* negative perfect: হয়নি, যাননি */
    E_W = 1u << 6,     /* verbal noun -ওয়া (+case), Bangladeshi -য়া */
    E_T = 1u << 7,     /* -ত-: habitual past, infinitive */
    E_L = 1u << 8,     /* -ল-: past, conditional */
    E_B = 1u << 9,     /* -ব-: future */
    E_BB = 1u << 10,   /* -ব- except the bare -ব */
    E_R = 1u << 11,    /* -বার (to do) */
    E_C = 1u << 12,    /* -চ্ছ-: progressive */
    E_YE = 1u << 13,   /* -য়ে-: conjunctive and perfect (দিয়ে, দিয়েছে) */
    E_S = 1u << 14,    /* sadhu -ই- forms: হইল, হইয়াছে */
    E_X = 1u << 15,    /* -ছ- after the root গে: গেছে */
    E_E = 1u << 16     /* consonant alternant এস: এসে, এসেছে */
};

typedef struct vend {
    char s[SFX_MAX];
    unsigned char len;
    uint32_t sets;
} vend;
#define VE(str, sets) {str, (unsigned char)(sizeof(str) - 1), sets}

/* Endings of vowel-root verbs, by their length in code points (the lookup
 * compares only endings as long as the rest of the word). */
static const vend vow_end1[] = {
    VE("ই", E_I), VE("ও", E_O), VE("ন", E_N), VE("ক", E_K), VE("ত", E_T),
    VE("ল", E_L), VE("ব", E_B), VE("ে", E_E), VE("ো", E_E),
};
static const vend vow_end2[] = {
    VE("য়", E_Y), VE("তে", E_T), VE("তো", E_T), VE("লে", E_L),
    VE("লো", E_L), VE("লি", E_L), VE("বে", E_B | E_BB), VE("বো", E_B | E_BB),
    VE("বি", E_B | E_BB), VE("ইত", E_S), VE("ইল", E_S), VE("ইব", E_S),
    VE("ছে", E_X), VE("ছি", E_X),
};
static const vend vow_end3[] = {
    VE("ননি", E_NEG), VE("য়া", E_W | E_YE), VE("তেন", E_T), VE("তাম", E_T),
    VE("তুম", E_T), VE("তিস", E_T), VE("লেন", E_L), VE("লাম", E_L),
    VE("লুম", E_L), VE("বেন", E_B | E_BB), VE("বার", E_R), VE("চ্ছ", E_C),
    VE("য়ে", E_YE), VE("ইতে", E_S), VE("ইলে", E_S), VE("ইবে", E_S),
    VE("ছেন", E_X), VE("ছিল", E_X), VE("ছিস", E_X), VE("েছে", E_E),
    VE("েছি", E_E),
};
static const vend vow_end4[] = {
    VE("য়নি", E_NEG), VE("ওয়া", E_W), VE("য়ার", E_W), VE("চ্ছি", E_C),
    VE("চ্ছে", E_C), VE("চ্ছো", E_C), VE("য়েছ", E_YE), VE("ইতেন", E_S),
    VE("ইতাম", E_S), VE("ইলেন", E_S), VE("ইলাম", E_S), VE("ইবেন", E_S),
    VE("ইবার", E_S), VE("ইয়া", E_S), VE("েছেন", E_E), VE("েছিল", E_E),
};
static const vend vow_end5[] = {
    VE("ওয়ার", E_W), VE("ওয়াও", E_W), VE("চ্ছেন", E_C), VE("চ্ছিল", E_C),
    VE("চ্ছিস", E_C), VE("য়েছি", E_YE), VE("য়েছে", E_YE),
    VE("য়াছে", E_YE), VE("য়াছি", E_YE), VE("ইতেছে", E_S), VE("ইতেছি", E_S),
    VE("ছিলেন", E_X), VE("ছিলাম", E_X),
};
static const vend vow_end6[] = {
    VE("ওয়ায়", E_W), VE("ওয়াতে", E_W), VE("ওয়াকে", E_W),
    VE("ওয়াটা", E_W), VE("য়েছেন", E_YE), VE("য়েছিল", E_YE),
    VE("য়াছেন", E_YE), VE("য়াছিল", E_YE), VE("ইতেছেন", E_S),
    VE("ইতেছিল", E_S), VE("ইয়াছে", E_S), VE("ইয়াছি", E_S),
    VE("েছিলেন", E_E), VE("েছিলাম", E_E),
};
static const vend vow_end7[] = {
    VE("চ্ছিলেন", E_C), VE("চ্ছিলাম", E_C), VE("ইয়াছেন", E_S),
    VE("ইয়াছিল", E_S),
};
static const vend vow_end8[] = {
    VE("য়েছিলেন", E_YE), VE("য়েছিলাম", E_YE), VE("য়াছিলেন", E_YE),
    VE("ইতেছিলেন", E_S),
};
static const vend vow_end9[] = {
    VE("ইয়াছিলেন", E_S),
};
typedef struct vend_group {
    const vend *v;
    size_t n;
} vend_group;
#define VG(a) {a, COUNT(a)}
static const vend_group vow_end[] = {
    {NULL, 0},       VG(vow_end1), VG(vow_end2), VG(vow_end3), VG(vow_end4),
    VG(vow_end5), VG(vow_end6), VG(vow_end7), VG(vow_end8), VG(vow_end9),
};

/* The alternant shapes of the irregular verbs, longest first where one is
 * a prefix of another. */
typedef struct alt {
    char s[10];
    unsigned char len;
    unsigned char lemma;
    uint32_t sets;
} alt;
#define AL(str, l, sets) {str, (unsigned char)(sizeof(str) - 1), l, sets}

#define E_PRES (E_I | E_O | E_Y | E_N | E_NEG)
static const alt alts[] = {
    /* হওয়া: হয়, হন, হচ্ছে, হত, হল, হবে, হয়েছে, হইল, হোক */
    AL("হো", L_HOWA, E_K | E_N),
    AL("হ", L_HOWA, E_PRES | E_W | E_T | E_L | E_B | E_R | E_C | E_YE | E_S),
    /* যাওয়া: যায়, যাচ্ছে, যাবে, যেতে, গেল, গেছে, গিয়ে */
    AL("যা", L_JAWA, E_PRES | E_K | E_W | E_B | E_R | E_C | E_S),
    AL("যে", L_JAWA, E_T),
    AL("গে", L_JAWA, E_L | E_X),
    AL("গি", L_JAWA, E_YE),
    /* দেওয়া: দেয়, দেন, দেবে (not দেব, god), দিতে, দিল, দিচ্ছে, দিয়েছে, দাও
     * (not দিন, day) */
    AL("দে", L_DEWA, E_Y | E_N | E_NEG | E_W | E_BB),
    AL("দি", L_DEWA, E_I | E_T | E_L | E_B | E_C | E_YE),
    AL("দা", L_DEWA, E_O),
    /* নেওয়া: নেয়, নেন (not নেই), নিতে, নিল, নিন, নিক, নিয়ে; sadhu লইয়া */
    AL("নে", L_NEWA, E_Y | E_N | E_NEG | E_W | E_BB),
    AL("নি", L_NEWA, E_N | E_K | E_T | E_L | E_B | E_C | E_YE),
    AL("ল", L_NEWA, E_S),
    /* খাওয়া: খায়, খাবে (not খান, a name; not খাবার, food), খেতে, খেয়ে */
    AL("খা", L_KHAWA, E_I | E_O | E_Y | E_NEG | E_W | E_B | E_C | E_S),
    AL("খে", L_KHAWA, E_T | E_L | E_YE),
    /* পাওয়া: পায়, পান, পাবে (not পাক), পেতে, পেল, পেয়েছে */
    AL("পা", L_PAWA, E_PRES | E_W | E_B | E_R | E_C | E_S),
    AL("পে", L_PAWA, E_T | E_L | E_YE),
    /* চাওয়া: চায়, চান, চাইছে, চাইলে, চাইতে, চেয়ে */
    AL("চাই", L_CHAWA, E_T | E_L | E_B | E_X),
    AL("চা", L_CHAWA, E_PRES | E_W | E_C),
    AL("চে", L_CHAWA, E_YE),
    /* আসা: এল, এলেন, এসে, এসেছে (the other forms are regular, root আস) */
    AL("এস", L_AS, E_E),
    AL("এ", L_AS, E_L),
    /* থাকা: ছিল, ছিলেন, ছিলাম (the other forms are regular, root থাক) */
    AL("ছি", L_THAK, E_L),
};

/* The lemma of an irregular verb form, or -1. */
static int irregular_verb(const word *x, size_t m)
{
    const unsigned char *s = x->w;
    size_t len = 3 * m;
    /* the longest form is an alternant of 3 code points + 9 of ending */
    if (m < 2 || m > 12) return -1;
    switch (at(x, 0)) {
    case BN_GA: case BN_CA: case BN_CHA: case BN_DA: case BN_NA: case BN_PA:
    case BN_YA: case BN_LA: case BN_HA: case BN_KHA: case BN_E:
        break; /* the alternants start with these */
    default:
        return -1;
    }
    for (size_t i = 0; i < COUNT(alts); i++) {
        const alt *a = &alts[i];
        /* byte 2 is the low byte of the first code point */
        if (s[2] != (unsigned char)a->s[2] || a->len >= len ||
            !same_bytes(s, a->s, a->len))
            continue;
        size_t rn = m - a->len / 3; /* code points left for the ending */
        if (rn >= COUNT(vow_end)) continue;
        const vend *e = vow_end[rn].v;
        for (size_t j = 0; j < vow_end[rn].n; j++)
            if ((e[j].sets & a->sets) &&
                same_bytes(s + a->len, e[j].s, e[j].len))
                return a->lemma;
    }
    return -1;
}

/* Regular roots that belong to an irregular verb (sadhu চাহিল, চাহিয়া). */
static int root_alias(const word *x, size_t m)
{
    static const char chah[] = "চাহ";
    if (3 * m == sizeof(chah) - 1 && same_bytes(x->w, chah, 3 * m))
        return L_CHAWA;
    return -1;
}

/* ---- the stemmer ------------------------------------------------------- */
typedef struct result {
    size_t keep;        /* bytes of the word kept */
    const char *add;    /* appended after them (may be NULL) */
    size_t add_len;
} result;

static void set_lemma(result *r, int lemma)
{
    r->keep = 0;
    r->add = lemma_text[lemma];
    r->add_len = strlen(r->add);
}

/* Regular verb endings: returns 1 and fills r when one applies. */
static int strip_verb(const word *x, size_t m, result *r)
{
    size_t n;
    if (m < 2) return 0;
    const sfx *t = verb_group(x, m, &n);
    for (size_t i = 0; i < n; i++) {
        if (!ends_with(x, m, &t[i])) continue;
        size_t k = m - t[i].len / 3;
        unsigned f = t[i].f;
        int ok;
        if (k >= 2 && at(x, k - 1) == BN_SIGN_AA && !(f & V_CAUS)) {
            /* causative root: C-root + া */
            ok = (f & V_K) && ((f & V_STRICT) ? root_strict(x, k - 1)
                                              : root_loose(x, k - 1));
        } else {
            ok = (f & V_C) && ((f & V_STRICT) ? root_strict(x, k)
                                              : root_loose(x, k));
        }
        if (!ok) continue;
        int lemma = root_alias(x, k);
        if (lemma >= 0) {
            set_lemma(r, lemma);
        } else {
            r->keep = 3 * k;
            r->add = (f & V_CAUS) ? "া" : NULL;
            r->add_len = r->add ? strlen(r->add) : 0;
        }
        return 1;
    }
    return 0;
}

/* The tail step: after an ending came off (or on a bare word), the forms
 * of one noun must meet. A stem that ends in vowel + র / vowel + য় loses
 * them (সরকার, সরকারের -> সরকা, like কোরিয়ার -> কোরিয়া), one that ends
 * in consonant + ে loses the ে (ছেলে, ছেলেরা -> ছেল), a final ই / ও goes
 * (লড়াই, লড়াইয়ের -> লড়া). */
static size_t tail(const word *x, size_t m)
{
    uint32_t c = at(x, m - 1);
    if ((c == BN_I || c == BN_O) && noun_ok(x, m - 1, 0)) {
        m--;
        c = at(x, m - 1);
    }
    size_t k = m;
    if (c == BN_NUKTA) {
        if (m >= 3 && at(x, m - 2) == BN_YA && noun_ok(x, m - 2, N_AFTER_A))
            k = m - 2; /* vowel + য় */
    } else if (c == BN_RA) {
        if (noun_ok(x, m - 1, N_AFTER_V)) k = m - 1; /* vowel + র */
    } else if (c == BN_SIGN_E) {
        if (noun_ok(x, m - 1, N_AFTER_C)) k = m - 1; /* consonant + ে */
    }
    /* a classifier exposed by the tail step goes too, as it would have
     * before a genitive -র: কিলোমিটার = কিলোমিটা-র */
    return k < m ? strip_plural(x, k, 0) : k;
}

static void stem_bengali(const word *x, result *r)
{
    size_t m = x->n;
    int lemma;
    r->keep = 3 * m;
    r->add = NULL;
    r->add_len = 0;

    /* 1. closed-class forms */
    if ((lemma = form_lookup(x, m)) >= 0) {
        set_lemma(r, lemma);
        return;
    }
    /* 2. emphatic clitic -ই / -ও: আমারই, কোরিয়াও, বলেই */
    uint32_t last = at(x, m - 1);
    if ((last == BN_I || last == BN_O) && m >= 2) {
        if ((lemma = form_lookup(x, m - 1)) >= 0 && last == BN_O) {
            set_lemma(r, lemma);
            return;
        }
        if (noun_ok(x, m - 1, 0)) {
            m--;
            r->keep = 3 * m;
            if ((lemma = form_lookup(x, m)) >= 0) {
                set_lemma(r, lemma);
                return;
            }
        }
    }
    /* 3. irregular verbs */
    if ((lemma = irregular_verb(x, m)) >= 0) {
        set_lemma(r, lemma);
        return;
    }
    /* 4. regular verbs */
    if (strip_verb(x, m, r)) return;
    /* 5. nouns: case, then plural/classifier, then the tail step */
    size_t n;
    const sfx *t;
    switch (at(x, m - 1)) {
    case BN_RA: t = case_r; n = COUNT(case_r); break;
    case BN_SIGN_E: t = case_e; n = COUNT(case_e); break;
    case BN_NUKTA: t = case_y; n = COUNT(case_y); break;
    default: t = NULL; n = 0; break;
    }
    size_t k = t ? strip_noun(x, m, t, n, 1) : m;
    k = strip_plural(x, k, k == m);
    /* what is left of an inflected form gets the treatment of a bare word,
     * so that মিছিল, মিছিলে and মিছিলের keep one stem */
    if (k < m && strip_verb(x, k, r)) return;
    k = tail(x, k);
    r->keep = 3 * k;
}

size_t songbad_stem(const char *word_text, size_t len, char *out, size_t cap)
{
    if (!word_text) len = 0;
    result r = {len, NULL, 0};
    word x;
    if (word_init(&x, (const unsigned char *)word_text, len))
        stem_bengali(&x, &r);
    size_t need = r.keep + r.add_len;
    if (out && cap) {
        size_t a = r.keep < cap ? r.keep : cap;
        if (a) memcpy(out, word_text, a);
        if (r.add_len && cap > a) {
            size_t b = r.add_len < cap - a ? r.add_len : cap - a;
            memcpy(out + a, r.add, b);
        }
    }
    return need;
}
