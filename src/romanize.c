/*
 * romanize.c - songbad_romanize: a readable Latin transliteration of Bengali
 * text, as a newsroom user would type it (no diacritics).
 *
 * Conventions (docs/keys.md has the full table):
 * - The inherent vowel and অ are written "o" (কলম -> kolom, সফর -> sofor,
 *   অমর -> omor); া/আ is "a" (বাংলাদেশ -> bangladesh), ি ী "i", ু ূ "u",
 *   ে "e", ো "o", ৈ "oi", ৌ "ou", ঋ ৃ "ri"; অ্যা/এ্যা "a".
 * - Consonants: ক k, খ kh, গ g, ঘ gh, ঙ ng, চ ch, ছ chh, জ j, ঝ jh, ঞ n,
 *   ট t, ঠ th, ড d, ঢ dh, ণ n, ত t, থ th, দ d, ধ dh, ন n, প p, ফ f, ব b,
 *   ভ bh, ম m, য j, র r, ল l, শ sh, ষ sh, স s, হ h, ড় r, ঢ় rh, য় y, ৎ t;
 *   ya-phala "y", ba-phala "w" (but ম্ব mb, র্ব rb, ল্ব lb, ব্ব bb),
 *   জ্ঞ "gy", ং "ng", ঃ "h", ঁ nothing.
 * - Schwa deletion, per word: the inherent vowel is kept in the first
 *   syllable, before ং and ঃ, and in a medial conjunct; it is dropped at the
 *   end of a word (কলম, পুতিন), except after a final native conjunct (রক্ত
 *   rokto, মন্ত্র montro, বিশ্ব bishwo; but ট্রাম্প tramp) and a final হ
 *   not after া (সিংহ singho; শাহ shah); in the middle of a word it is dropped
 *   when the syllable before is open and the next consonant carries a vowel
 *   (সরকার sorkar, লাভরভ labhrobh, কলকাতা kolkata).
 * - Bengali digits become ASCII digits, । and ॥ become ".", ৳ becomes "Tk".
 *   Everything else, including bytes that are not valid UTF-8, is copied
 *   unchanged; ZWJ and ZWNJ inside Bengali words are dropped.
 */
#include "songbad_int.h"

enum {
    CANDRABINDU = 0x0981, ANUSVARA = 0x0982, VISARGA = 0x0983,
    LETTER_A = 0x0985, LETTER_E = 0x098F,
    KA = 0x0995, GA = 0x0997, GHA = 0x0998, NGA = 0x0999, CA = 0x099A,
    CHA = 0x099B, JA = 0x099C, JHA = 0x099D, NYA = 0x099E, TTA = 0x099F,
    TTHA = 0x09A0, DDA = 0x09A1, DDHA = 0x09A2, NNA = 0x09A3, TA = 0x09A4, THA = 0x09A5,
    DA = 0x09A6, DHA = 0x09A7, NA = 0x09A8, BA = 0x09AC, MA = 0x09AE,
    YA = 0x09AF, RA = 0x09B0, LA = 0x09B2, SSA = 0x09B7, HA = 0x09B9,
    NUKTA = 0x09BC, SIGN_AA = 0x09BE, SIGN_E = 0x09C7, VIRAMA = 0x09CD,
    KHANDA_TA = 0x09CE, AU_LENGTH = 0x09D7, RRA = 0x09DC, RHA = 0x09DD,
    YYA = 0x09DF, RA_MIDDLE = 0x09F0, RA_LOWER = 0x09F1, TAKA = 0x09F3,
    DANDA = 0x0964, DOUBLE_DANDA = 0x0965, ZWNJ = 0x200C, ZWJ = 0x200D
};

/* Latin for U+0980..U+09FF; NULL: not a letter or sign handled here. */
static const char *bn_latin(uint32_t c)
{
    static const char *const tab[0x80] = {
        [0x01] = "", [0x02] = "ng", [0x03] = "h",
        [0x05] = "o", [0x06] = "a", [0x07] = "i", [0x08] = "i",
        [0x09] = "u", [0x0A] = "u", [0x0B] = "ri", [0x0C] = "li",
        [0x0F] = "e", [0x10] = "oi", [0x13] = "o", [0x14] = "ou",
        [0x15] = "k", [0x16] = "kh", [0x17] = "g", [0x18] = "gh",
        [0x19] = "ng", [0x1A] = "ch", [0x1B] = "chh", [0x1C] = "j",
        [0x1D] = "jh", [0x1E] = "n", [0x1F] = "t", [0x20] = "th",
        [0x21] = "d", [0x22] = "dh", [0x23] = "n", [0x24] = "t",
        [0x25] = "th", [0x26] = "d", [0x27] = "dh", [0x28] = "n",
        [0x2A] = "p", [0x2B] = "f", [0x2C] = "b", [0x2D] = "bh",
        [0x2E] = "m", [0x2F] = "j", [0x30] = "r", [0x32] = "l",
        [0x36] = "sh", [0x37] = "sh", [0x38] = "s", [0x39] = "h",
        [0x3E] = "a", [0x3F] = "i", [0x40] = "i", [0x41] = "u",
        [0x42] = "u", [0x43] = "ri", [0x44] = "ri", [0x47] = "e",
        [0x48] = "oi", [0x4B] = "o", [0x4C] = "ou", [0x4E] = "t",
        [0x57] = "ou", [0x5C] = "r", [0x5D] = "rh", [0x5F] = "y",
        [0x60] = "ri", [0x61] = "li", [0x62] = "li", [0x63] = "li",
        [0x70] = "r", [0x71] = "w",
    };
    return c >= 0x0980 && c <= 0x09FF ? tab[c - 0x0980] : NULL;
}

static int is_cons(uint32_t c)
{
    return (c >= KA && c <= HA && bn_latin(c)) || c == KHANDA_TA ||
           c == RRA || c == RHA || c == YYA || c == RA_MIDDLE || c == RA_LOWER;
}

static int is_vowel_letter(uint32_t c)
{
    return (c >= 0x0985 && c <= 0x0994) || c == 0x09E0 || c == 0x09E1;
}

static int is_vowel_sign(uint32_t c)
{
    return (c >= SIGN_AA && c <= 0x09CC) || c == AU_LENGTH || c == 0x09E2 ||
           c == 0x09E3;
}

/* Code points that continue a Bengali word. */
static int is_word_part(uint32_t c)
{
    return is_cons(c) || is_vowel_letter(c) || is_vowel_sign(c) ||
           c == VIRAMA || c == NUKTA || c == CANDRABINDU || c == ANUSVARA ||
           c == VISARGA;
}

/* ---- Input with lookahead ------------------------------------------------ */
#define RING 32u

typedef struct rom_in {
    const char *s;
    size_t len, pos;          /* pos: bytes decoded so far */
    uint32_t cp[RING];        /* decoded code points (ZWJ/ZWNJ kept) */
    size_t at[RING], sz[RING];/* their offsets and byte lengths */
    size_t head, count;
} rom_in;

/* The code point i places ahead (i < RING), or UINT32_MAX past the end. */
static uint32_t look(rom_in *r, size_t i)
{
    if (i >= RING) return UINT32_MAX;
    while (r->count <= i && r->pos < r->len) {
        size_t slot = (r->head + r->count) & (RING - 1);
        uint32_t c;
        size_t k = songbad_utf8_decode(r->s + r->pos, r->len - r->pos, &c);
        r->cp[slot] = c;
        r->at[slot] = r->pos;
        r->sz[slot] = k;
        r->pos += k;
        r->count++;
    }
    return i < r->count ? r->cp[(r->head + i) & (RING - 1)] : UINT32_MAX;
}

static void drop(rom_in *r, size_t n)
{
    while (n-- > 0 && look(r, 0) != UINT32_MAX) {
        r->head = (r->head + 1) & (RING - 1);
        r->count--;
    }
}

/* The code point i places ahead not counting ZWJ/ZWNJ (up to two in a row
 * are passed over; a longer run ends the word), and in *idx its place
 * counting them. */
static uint32_t look_bn(rom_in *r, size_t i, size_t *idx)
{
    size_t k = 0;
    int joiners = 0;
    for (;;) {
        uint32_t c = look(r, k);
        if ((c == ZWJ || c == ZWNJ) && joiners < 2) {
            k++;
            joiners++;
            continue;
        }
        joiners = 0;
        if (i == 0 || c == UINT32_MAX) {
            if (idx) *idx = k;
            return c;
        }
        i--;
        k++;
    }
}

/* Drops n meaningful code points and any ZWJ/ZWNJ before them. */
static void drop_bn(rom_in *r, size_t n)
{
    size_t k;
    look_bn(r, n, &k);
    drop(r, k);
}

/* ---- Output --------------------------------------------------------------- */
typedef struct rom_out {
    char *out;
    size_t cap, n;
} rom_out;

static void emit(rom_out *o, const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        if (o->n < o->cap) o->out[o->n] = s[i];
        o->n++;
    }
}

/* s may be NULL: an unassigned code point of the Bengali block has no
 * transliteration and is left out. */
static void emit_str(rom_out *o, const char *s)
{
    if (s) emit(o, s, strlen(s));
}

/* ---- One Bengali word ----------------------------------------------------- */
/* Normalizes a precomposed nukta letter or consonant + nukta (at lookahead
 * index *k, advanced past the nukta) to one code point. */
static uint32_t read_cons(rom_in *r, size_t *k)
{
    uint32_t c = look_bn(r, *k, NULL);
    if (look_bn(r, *k + 1, NULL) == NUKTA) {
        if (c == DDA) c = RRA;
        else if (c == DDHA) c = RHA;
        else if (c == YA) c = YYA;
        ++*k;
    }
    ++*k;
    return c;
}

/* Whether a final conjunct ending in last (after prev) keeps its inherent
 * vowel: native clusters do (রক্ত, শব্দ, ধর্ম, মন্ত্র, সত্য, বিশ্ব, কষ্ট,
 * বঙ্গ, মঞ্চ), loan-word clusters do not (ট্রাম্প, ফ্রান্স, ডোনাল্ড). */
static int native_final(uint32_t prev, uint32_t last)
{
    switch (last) {
    case TA: case THA: case DA: case DHA: case MA: case YA: case RA:
    case BA: case SSA: case NNA:
        return 1;
    case NA: /* প্রশ্ন, যত্ন; but loans in -rn: মডার্ন */
        return prev != RA;
    case TTA: case TTHA:
        return prev == SSA;
    case GA: case GHA:
        return prev == NGA;
    case CA: case CHA: case JA: case JHA:
        return prev == NYA;
    default:
        return prev == last; /* geminate: অন্ন, উচ্চ */
    }
}

/* Whether a final single consonant c keeps its inherent vowel after a
 * syllable closed by closer: after ৎ and ঃ (উৎস utso, দুঃখ duhkho), after
 * ং before a sibilant, হ or গ/ঘ (অংশ ongsho, সংঘ; but ব্যাংক byank). */
static int after_closer(uint32_t closer, uint32_t c)
{
    if (closer == KHANDA_TA || closer == VISARGA) return 1;
    return closer == ANUSVARA &&
           (c == 0x09B6 || c == SSA || c == 0x09B8 || c == HA || c == GA ||
            c == GHA);
}

/* Whether the consonant group starting at lookahead index k carries a vowel:
 * a single consonant followed by a vowel sign, ং, ঃ or another consonant
 * (a conjunct closes the syllable before it; a final consonant has none). */
static int next_has_vowel(rom_in *r, size_t k)
{
    uint32_t c = look_bn(r, k, NULL);
    if (!is_cons(c)) return 0;
    (void)read_cons(r, &k);
    uint32_t n = look_bn(r, k, NULL);
    if (n == SIGN_E && look_bn(r, k + 1, NULL) == RA &&
        !is_word_part(look_bn(r, k + 2, NULL)))
        return 0; /* the genitive -ের: কলমের kolomer, like কলম */
    return is_vowel_sign(n) || n == ANUSVARA || n == VISARGA || is_cons(n);
}

/* What the previous syllables of the word leave behind. */
typedef struct word_state {
    int first; /* no syllable yet */
    int open;  /* the syllable before ended in a vowel */
    int aa;    /* ... and that vowel was া/আ */
    uint32_t closer; /* or it ended in ং, ঃ or ৎ (0: something else) */
} word_state;

/* Transliterates the consonant group at the head of r (consonants joined by
 * virama) and its vowel. */
static void syllable(rom_in *r, rom_out *o, word_state *st)
{
    uint32_t prev = 0, c; /* the last two members */
    int members = 0;
    for (;;) {
        size_t k = 0;
        c = read_cons(r, &k);
        if (c == JA && look_bn(r, k, NULL) == VIRAMA &&
            look_bn(r, k + 1, NULL) == NYA) {
            emit_str(o, "gy"); /* জ্ঞ */
            k += 2;
            prev = JA;
            c = NYA;
            members += 2;
        } else {
            if (members > 0 && c == YA)
                emit_str(o, "y"); /* ya-phala */
            else if (members > 0 && c == BA && prev != MA && prev != RA &&
                     prev != LA && prev != BA)
                emit_str(o, "w"); /* ba-phala */
            else if (members > 0 && c == GA && prev == NGA)
                ; /* ঙ্গ: ng */
            else
                emit_str(o, bn_latin(c));
            members++;
        }
        int more = c != KHANDA_TA && look_bn(r, k, NULL) == VIRAMA &&
                   is_cons(look_bn(r, k + 1, NULL));
        drop_bn(r, k + (size_t)more); /* the consonant, and the virama */
        if (!more) break;
        prev = c;
    }
    word_state before = *st;
    st->first = 0;
    st->aa = 0;
    st->closer = 0;
    if (c == KHANDA_TA) { /* never carries a vowel */
        st->open = 0;
        st->closer = c;
        return;
    }
    uint32_t n = look_bn(r, 0, NULL);
    if (is_vowel_sign(n)) {
        drop_bn(r, 1);
        uint32_t n2 = look_bn(r, 0, NULL);
        if (n == SIGN_E && (n2 == SIGN_AA || n2 == AU_LENGTH)) {
            drop_bn(r, 1); /* ে + া = ো, ে + ৗ = ৌ */
            emit_str(o, n2 == SIGN_AA ? "o" : "ou");
        } else {
            emit_str(o, bn_latin(n));
        }
        st->open = 1;
        st->aa = n == SIGN_AA;
        return;
    }
    if (n == VIRAMA) { /* explicit hasanta */
        drop_bn(r, 1);
        st->open = 0;
        return;
    }
    /* the inherent vowel */
    int keep;
    if (before.first || n == ANUSVARA || n == VISARGA || n == CANDRABINDU)
        keep = 1;
    else if (!is_word_part(n)) /* the end of the word */
        keep = members > 1 ? native_final(prev, c)
                           : (c == HA && !before.aa) ||
                                 after_closer(before.closer, c);
    else if (members > 1)
        keep = 1;
    else
        keep = !(before.open && next_has_vowel(r, 0));
    if (keep) emit_str(o, "o");
    st->open = keep;
}

size_t songbad_romanize(const char *text, size_t len, char *out, size_t cap)
{
    if (!text) len = 0;
    rom_in r = {text, len, 0, {0}, {0}, {0}, 0, 0};
    rom_out o = {out, out ? cap : 0, 0};
    word_state st = {1, 0, 0, 0};
    int in_word = 0;
    for (;;) {
        uint32_t c = look(&r, 0);
        if (c == UINT32_MAX) break;
        if ((c == ZWJ || c == ZWNJ) && in_word) {
            drop(&r, 1);
            continue;
        }
        if (!is_word_part(c)) {
            in_word = 0;
            st.first = 1;
            st.open = st.aa = 0;
            st.closer = 0;
            if (c >= 0x09E6 && c <= 0x09EF) {
                char d = (char)('0' + (c - 0x09E6));
                emit(&o, &d, 1);
            } else if (c == DANDA || c == DOUBLE_DANDA) {
                emit_str(&o, ".");
            } else if (c == TAKA) {
                emit_str(&o, "Tk");
            } else {
                emit(&o, r.s + r.at[r.head], r.sz[r.head]);
            }
            drop(&r, 1);
            continue;
        }
        in_word = 1;
        if (is_cons(c)) {
            syllable(&r, &o, &st);
        } else if (is_vowel_letter(c)) {
            drop(&r, 1);
            size_t k;
            if ((c == LETTER_A || c == LETTER_E) &&
                look_bn(&r, 0, NULL) == VIRAMA && look_bn(&r, 1, &k) == YA) {
                drop(&r, k + 1); /* অ্যা, এ্যা */
                if (look_bn(&r, 0, NULL) == SIGN_AA) drop_bn(&r, 1);
                emit_str(&o, "a");
            } else {
                emit_str(&o, bn_latin(c));
            }
            st.open = 1;
            st.first = 0;
            st.aa = c == 0x0986;
            st.closer = 0;
        } else {
            /* a sign without a consonant: ং ঃ ঁ, a stray vowel sign */
            drop(&r, 1);
            uint32_t n = look_bn(&r, 0, NULL);
            if (c == ANUSVARA && n >= KA && n <= GHA)
                emit_str(&o, "n"); /* ংক, ংগ: nk, ng (ব্যাংক, সংগীত) */
            else if (c != VIRAMA && c != NUKTA)
                emit_str(&o, bn_latin(c));
            if (c == ANUSVARA || c == VISARGA) {
                st.open = st.aa = 0;
                st.closer = c;
            }
        }
    }
    return o.n;
}
