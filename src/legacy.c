/* legacy.c - recognizing Bengali typed in the Bijoy layout with a legacy
 * ASCII font (SutonnyMJ and its kin): the text is Latin letters and a few
 * Windows-1252 symbols that the font draws as Bengali, e.g. "Avwg evsjvq
 * ewj" for আমি বাংলায় বলি. Such text is valid ASCII, so only its letter
 * statistics give it away:
 * - 'v' is the vowel sign AA, the commonest Bengali sign: 10-15% of the
 *   letters, against 1-4% in European languages;
 * - consonants are upper-case letters inside words ("XvKvq", "n‡q‡Q"),
 *   which prose in Latin script almost never has;
 * - vowel signs are 'v', 'w', 'x', 'y', ...: many words have no lower-case
 *   a, e, i, o or u ("gvbyl"), unlike words of European languages;
 * - the E vowel sign, ya-phala, reph and others are '†', '‡', '¨', '©',
 *   '‰', ... which ordinary text uses rarely, and never inside words; the
 *   fonts draw letters with '`', '_' and '~' too, and the danda is '|'
 *   right after a word.
 * Bytes that are not UTF-8 are read as Windows-1252, the encoding such
 * files are usually saved in. */
#include "songbad_int.h"

/* Windows-1252 0x80..0x9F (0 = undefined); 0xA0..0xFF are Latin-1. */
static const uint16_t cp1252[32] = {
    0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
    0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178};

/* The symbols the Bijoy fonts use for signs of the Bengali script. */
static int is_bijoy_symbol(uint32_t cp)
{
    switch (cp) {
    case 0x2020: /* † E sign */
    case 0x2021: /* ‡ E sign */
    case 0x2030: /* ‰ AI sign */
    case 0x201E: /* „ vocalic R sign */
    case 0x00A8: /* ¨ ya-phala */
    case 0x00A9: /* © reph */
    case 0x00D6: /* Ö ra-phala */
    case 0x00AF: /* ¯ sa conjuncts */
    case 0x0160: /* Š AU length mark */
    case 0x00B5: /* µ conjuncts */
        return 1;
    default:
        return 0;
    }
}

static int is_upper(uint32_t c) { return c >= 'A' && c <= 'Z'; }
static int is_lower(uint32_t c) { return c >= 'a' && c <= 'z'; }

/* Counts over the text. */
typedef struct stats {
    size_t letters;  /* ASCII letters */
    size_t v;        /* 'v' */
    size_t midcaps;  /* upper-case letters inside words that are not all caps */
    size_t symbols;  /* Bijoy sign symbols */
    size_t words;    /* runs of letters and symbols */
    size_t lwords;   /* words with a lower-case letter */
    size_t novowel;  /* of those, words without a lower-case a, e, i, o, u */
    size_t bengali;  /* code points of the Bengali block */
    size_t chars;    /* code points (or Windows-1252 bytes) */
    size_t other;    /* of those, not ASCII */
    size_t junk;     /* control characters, undefined bytes */
    size_t code;     /* characters of program text: { } ; = < > # * / and \\ */
} stats;

/* Ends a word of n characters, of which inner_upper were upper-case letters
 * after its first character, lower lower-case letters and vowels lower-case
 * vowels. */
static void end_word(stats *s, size_t n, size_t inner_upper, size_t lower, size_t vowels)
{
    if (n == 0) return;
    s->words++;
    if (lower == 0) return; /* "NASA" is an acronym */
    s->midcaps += inner_upper;
    s->lwords++;
    if (vowels == 0) s->novowel++;
}

int songbad_bijoy_detect(const char *text, size_t len)
{
    if (!text) return 0;
    stats s;
    memset(&s, 0, sizeof s);
    size_t n = 0, inner_upper = 0, lower = 0, vowels = 0;
    size_t i = 0;
    while (i < len) {
        uint32_t cp;
        size_t k = songbad_utf8_decode(text + i, len - i, &cp);
        if (cp == 0xFFFD && !(k == 3 && (unsigned char)text[i] == 0xEF)) {
            /* not UTF-8: one byte of Windows-1252 */
            unsigned char b = (unsigned char)text[i];
            cp = b < 0x80 ? b : b < 0xA0 ? cp1252[b - 0x80] : b;
            k = 1;
        }
        i += k;
        s.chars++;
        if (cp >= 0x80) s.other++;
        if (cp == 0 || cp == 0x7F || (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r'))
            s.junk++;
        if (cp >= 0x0980 && cp <= 0x09FF) s.bengali++;
        if (cp < 0x80 && cp && strchr("{};=<>#*/\\", (int)cp)) s.code++;
        int letter = is_upper(cp) || is_lower(cp);
        int sym = is_bijoy_symbol(cp);
        /* the Bijoy fonts also draw Bengali with '`', '_', '~' and '|' */
        int inword = letter || sym || cp == '`' || cp == '_' || cp == '~';
        /* the danda is '|' right after a word: "ewj|" */
        if (cp == '|' && n > 0) s.symbols++;
        if (!inword) {
            end_word(&s, n, inner_upper, lower, vowels);
            n = inner_upper = lower = vowels = 0;
            continue;
        }
        if (letter) {
            s.letters++;
            if (cp == 'v') s.v++;
            if (is_upper(cp)) {
                if (n > 0) inner_upper++;
            } else {
                lower++;
                if (strchr("aeiou", (int)cp)) vowels++;
            }
        }
        /* '`', '_' and '~' after a letter are letters of the font: "K_v" */
        if (sym || (!letter && n > 0)) s.symbols++;
        n++;
    }
    end_word(&s, n, inner_upper, lower, vowels);
    /* too little to judge, or real Bengali script with some Latin */
    if (s.letters < 12 || s.words < 3 || s.bengali * 10 > s.letters) return 0;
    /* binary data: control bytes, or mostly bytes above ASCII */
    if (s.junk * 100 > s.chars || s.other * 100 > s.chars * 30) return 0;
    /* program text: identifiers like x86_vpmovzxbw look alike */
    if (s.code * 100 > s.chars) return 0;
    int many_v = s.v * 100 >= s.letters * 5;        /* >= 5% */
    int caps = s.midcaps * 100 >= s.letters * 4;    /* >= 4% */
    int syms = s.symbols >= 2 && s.symbols * 100 >= s.words * 5;
    /* Bijoy words have the vowel signs as 'v', 'w', 'x', 'y' ...: many
       lack the Latin vowels that nearly every English word has */
    int novowel = s.novowel * 100 >= s.lwords * 30;
    return many_v && novowel && (caps || syms);
}
