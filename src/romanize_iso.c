/*
 * romanize_iso.c - songbad_romanize_iso: strict ISO 15919 transliteration of
 * Bengali text, letter for letter and reversible, for catalogues and
 * scholarship (songbad_romanize is the readable one).
 *
 * Every consonant carries its inherent "a" unless a virama or a vowel sign
 * follows (কলম -> kalama, পুতিন -> putina). Vowels: অ a, আ া ā, ই ি i, ঈ ী ī,
 * উ ু u, ঊ ূ ū, ঋ ৃ r̥, এ ে ē, ঐ ৈ ai, ও ো ō, ঔ ৌ au. Consonants as in the
 * standard's table (ক ka, চ ca, ঙ ṅa, ঞ ña, ট ṭa, ণ ṇa, শ śa, ষ ṣa, য ya,
 * ড় ṛa, ঢ় ṛha, য় ẏa, ৎ t), ং ṁ, ঃ ḥ, ঁ m̐. A colon keeps apart what would
 * read as one letter: a + ই/উ (a:i, not ai) and a consonant + virama + হ
 * (ক্হ k:ha, not kha). Bengali digits become ASCII digits and । "."; ZWJ and
 * ZWNJ after a Bengali letter are dropped; everything else, including bytes that
 * are not valid UTF-8, is copied unchanged. Both encodings of a nukta letter
 * (য় as U+09DF or য + ়) and of ো, ৌ (one code point or two) give the same.
 */
#include "songbad_int.h"

/* The ISO 15919 letters of U+0980..U+09FF as a consonant (C), an
 * independent vowel (V), a vowel sign (S) or another sign (O). */
typedef struct iso_letter {
    char type;
    const char *latin;
} iso_letter;

static const iso_letter iso_table[0x80] = {
    [0x01] = {'O', "m\xCC\x90"}, [0x02] = {'O', "\xE1\xB9\x81"}, [0x03] = {'O', "\xE1\xB8\xA5"},
    [0x05] = {'V', "a"}, [0x06] = {'V', "\xC4\x81"}, [0x07] = {'V', "i"},
    [0x08] = {'V', "\xC4\xAB"}, [0x09] = {'V', "u"}, [0x0A] = {'V', "\xC5\xAB"},
    [0x0B] = {'V', "r\xCC\xA5"}, [0x0C] = {'V', "l\xCC\xA5"}, [0x0F] = {'V', "\xC4\x93"},
    [0x10] = {'V', "ai"}, [0x13] = {'V', "\xC5\x8D"}, [0x14] = {'V', "au"},
    [0x15] = {'C', "k"}, [0x16] = {'C', "kh"}, [0x17] = {'C', "g"}, [0x18] = {'C', "gh"},
    [0x19] = {'C', "\xE1\xB9\x85"}, [0x1A] = {'C', "c"}, [0x1B] = {'C', "ch"},
    [0x1C] = {'C', "j"}, [0x1D] = {'C', "jh"}, [0x1E] = {'C', "\xC3\xB1"},
    [0x1F] = {'C', "\xE1\xB9\xAD"}, [0x20] = {'C', "\xE1\xB9\xADh"},
    [0x21] = {'C', "\xE1\xB8\x8D"}, [0x22] = {'C', "\xE1\xB8\x8Dh"},
    [0x23] = {'C', "\xE1\xB9\x87"}, [0x24] = {'C', "t"}, [0x25] = {'C', "th"},
    [0x26] = {'C', "d"}, [0x27] = {'C', "dh"}, [0x28] = {'C', "n"}, [0x2A] = {'C', "p"},
    [0x2B] = {'C', "ph"}, [0x2C] = {'C', "b"}, [0x2D] = {'C', "bh"}, [0x2E] = {'C', "m"},
    [0x2F] = {'C', "y"}, [0x30] = {'C', "r"}, [0x32] = {'C', "l"},
    [0x36] = {'C', "\xC5\x9B"}, [0x37] = {'C', "\xE1\xB9\xA3"}, [0x38] = {'C', "s"},
    [0x39] = {'C', "h"}, [0x3D] = {'O', "\xE2\x80\x99"},
    [0x3E] = {'S', "\xC4\x81"}, [0x3F] = {'S', "i"}, [0x40] = {'S', "\xC4\xAB"},
    [0x41] = {'S', "u"}, [0x42] = {'S', "\xC5\xAB"}, [0x43] = {'S', "r\xCC\xA5"},
    [0x44] = {'S', "r\xCC\xA5\xCC\x84"}, [0x47] = {'S', "\xC4\x93"}, [0x48] = {'S', "ai"},
    [0x4B] = {'S', "\xC5\x8D"}, [0x4C] = {'S', "au"}, [0x4E] = {'O', "t"},
    [0x5C] = {'C', "\xE1\xB9\x9B"}, [0x5D] = {'C', "\xE1\xB9\x9Bh"},
    [0x5F] = {'C', "\xE1\xBA\x8F"}, [0x60] = {'V', "r\xCC\xA5\xCC\x84"},
    [0x61] = {'V', "l\xCC\xA5\xCC\x84"}, [0x62] = {'S', "l\xCC\xA5"},
    [0x63] = {'S', "l\xCC\xA5\xCC\x84"}, [0x70] = {'C', "r"}, [0x71] = {'C', "w"},
};

enum { NUKTA = 0x09BC, SIGN_AA = 0x09BE, SIGN_E = 0x09C7, VIRAMA = 0x09CD,
       AU_LENGTH = 0x09D7, DANDA = 0x0964, DOUBLE_DANDA = 0x0965, ZWNJ = 0x200C,
       ZWJ = 0x200D };

typedef struct iso_out {
    char *p;
    size_t cap, n;
} iso_out;

static void put(iso_out *o, const char *s, size_t len)
{
    if (o->n + len <= o->cap) memcpy(o->p + o->n, s, len);
    o->n += len;
}

static void put_str(iso_out *o, const char *s) { put(o, s, strlen(s)); }

/* The code point at text[i] (U+FFFD's place for a bad byte: *n is 1). */
static uint32_t cp_at(const char *text, size_t len, size_t i, size_t *n)
{
    uint32_t c;
    *n = songbad_utf8_decode(text + i, len - i, &c);
    return c;
}

static const iso_letter *bengali(uint32_t c)
{
    if (c < 0x0980 || c > 0x09FF) return NULL;
    const iso_letter *l = &iso_table[c - 0x0980];
    return l->latin ? l : NULL;
}

/* Whether consonant c has an aspirate that its Latin + "h" would spell
 * (k kh, g gh, c ch, j jh, ṭ ṭh, ḍ ḍh, t th, d dh, p ph, b bh, ṛ ṛh). */
static int takes_h(uint32_t c)
{
    switch (c) {
    case 0x0995: case 0x0997: case 0x099A: case 0x099C: case 0x099F: case 0x09A1:
    case 0x09A4: case 0x09A6: case 0x09AA: case 0x09AC: case 0x09DC:
        return 1;
    default:
        return 0;
    }
}

size_t songbad_romanize_iso(const char *text, size_t len, char *out, size_t cap)
{
    if (!text) len = 0;
    iso_out o = {out, out ? cap : 0, 0};
    int pending = 0;      /* a consonant waits for its vowel */
    int after_a = 0;      /* the output ends in the vowel a */
    int half_takes_h = 0; /* the last is consonant + virama that "h" would aspirate */
    int in_bengali = 0;   /* the last code point was Bengali */
    size_t i = 0, n;
    while (i < len) {
        uint32_t c = cp_at(text, len, i, &n);
        const iso_letter *l = bengali(c);
        if ((c == ZWJ || c == ZWNJ) && in_bengali) { /* inside a word: dropped */
            i += n;
            continue;
        }
        if (pending && c != VIRAMA && c != NUKTA && !(l && l->type == 'S')) {
            put_str(&o, "a");
            pending = 0;
            after_a = 1;
        }
        in_bengali = l || c == VIRAMA || c == NUKTA;
        if (c == VIRAMA) {
            pending = 0;
            i += n;
            continue;
        }
        if (c == NUKTA) { /* after a letter it has no form of its own */
            i += n;
            continue;
        }
        int was_a = after_a, was_half = half_takes_h;
        after_a = half_takes_h = 0;
        if (!l) {
            if (c >= 0x09E6 && c <= 0x09EF) {
                char d = (char)('0' + (c - 0x09E6));
                put(&o, &d, 1);
            } else if (c == DANDA || c == DOUBLE_DANDA) {
                put_str(&o, c == DANDA ? "." : "..");
            } else {
                put(&o, text + i, n);
            }
            i += n;
            continue;
        }
        if (l->type == 'C') {
            size_t n2;
            const char *latin = l->latin;
            if (i + n < len && cp_at(text, len, i + n, &n2) == NUKTA) {
                if (c == 0x09A1) latin = "\xE1\xB9\x9B";          /* ড় ṛ */
                else if (c == 0x09A2) latin = "\xE1\xB9\x9Bh";    /* ঢ় ṛh */
                else if (c == 0x09AF) latin = "\xE1\xBA\x8F";     /* য় ẏ */
                n += n2;
            }
            if (was_half && c == 0x09B9) put_str(&o, ":"); /* ক্হ k:h */
            put_str(&o, latin);
            pending = 1;
            i += n;
            size_t n3;
            if (i < len && cp_at(text, len, i, &n3) == VIRAMA) half_takes_h = takes_h(c);
            continue;
        }
        if (l->type == 'S' && c == SIGN_E && i + n < len) { /* ো, ৌ in two parts */
            size_t n2;
            uint32_t c2 = cp_at(text, len, i + n, &n2);
            if (c2 == SIGN_AA || c2 == AU_LENGTH) {
                put_str(&o, c2 == SIGN_AA ? "\xC5\x8D" : "au");
                pending = 0;
                i += n + n2;
                continue;
            }
        }
        if (l->type == 'V' && was_a && (c == 0x0987 || c == 0x0989)) put_str(&o, ":");
        put_str(&o, l->latin);
        pending = 0;
        after_a = l->type == 'V' && c == 0x0985;
        i += n;
    }
    if (pending) put_str(&o, "a");
    return o.n;
}
