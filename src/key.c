/*
 * key.c - songbad_name_key: a cross-script phonetic key for names.
 *
 * The Bengali and the Latin spelling of one name should give the same key
 * (ল্যাভরভ, লাভরভ, লাভরভের, "Lavrov" -> "lvrv"; পুতিন, "Putin" -> "putin").
 * docs/keys.md explains the design and gives its measured figures; keep the
 * two in step.
 *
 * Both scripts are read as one stream of sounds in coarse classes:
 *
 *   class  Bengali            Latin
 *   k      ক খ                k q c(hard) ck kh ch+r/l
 *   g      গ ঘ জ্ঞ             g(hard) gh gu+e/i
 *   c      চ ছ                ch tch cz č ć
 *   j      জ ঝ য              j z zh tz dg+e/i dj- g+e/i/y
 *   t      ত থ ট ঠ ৎ          t th tt
 *   d      দ ধ ড ঢ            d dh
 *   n      ন ণ ঞ ঙ ং          n (ঙ/ং or n before g silence the g)
 *   p      প                  p (ps- pt- pn-: silent p)
 *   f      ফ                  f ph
 *   b      ব                  b
 *   v      ভ                  v bh
 *   m      ম                  m
 *   r      র ড় ঢ় ৰ ঋ ৃ       r rh
 *   l      ল                  l
 *   s      স শ ষ              s sh sch c(soft) x(=ks) ts-
 *   h      হ, word-initial    h, word-initial (elsewhere h leaves no trace)
 *   i      ই ঈ ি ী ঐ ৈ য়(ায়) i y(not before a vowel) ee ea oy
 *   u      উ ঊ ু ূ ঔ ৌ         u oo eu
 *   a      অ আ া এ ে ও ো       a e o
 *   glide  য় ৱ (before a vowel), ি ু ও before য়, ই before another vowel;
 *          Latin y w i u before a vowel, a silent final e
 *
 * Dropped: the unwritten inherent vowel (except after a word-final ra-, ya-
 * or ba-phala: নরেন্দ্র), virama, ya-phala (্য), ba-phala (্ব, except after
 * ম র ল ব), candrabindu, visarga, other nuktas, Latin apostrophes and a final
 * "'s", the Bengali genitive -ের after two or more consonants, and the
 * genitive -য়ের and locative -য়ে after ং.
 *
 * The key is built from the stream:
 * - a word that starts with vowels starts its key with one "a";
 * - consonant classes follow in order, a repeated class written once (ক্ক,
 *   "ll", and also across a vowel that leaves no trace);
 * - a word-final vowel is written as its class (i, u or a);
 * - when the word has at most SHORT_WORD consonant classes, where a bare
 *   skeleton is too ambiguous, every i and u is written in place too, except
 *   a u closed by two consonants (English "Trump", ট্রাম্প has no u sound).
 * Digits are kept; a word of digits only has an empty key.
 *
 * The key is built in one pass over the word, two for short words, with a
 * lookahead of a few code points; it allocates nothing.
 */
#include "songbad_int.h"
#include "bengali.h"

/* Words with at most this many consonant classes get their i/u vowels. */
#define SHORT_WORD 3

/* Class of the Bengali consonants U+0995..U+09B9 (0: unassigned). 'N' is
 * ঙ, written n, after which a g is silent. */
static const char bn_cons[0x09B9 - 0x0995 + 1] = {
    'k', 'k', 'g', 'g', 'N', 'c', 'c', 'j', 'j', 'n', /* ক খ গ ঘ ঙ চ ছ জ ঝ ঞ */
    't', 't', 'd', 'd', 'n', 't', 't', 'd', 'd', 'n', /* ট ঠ ড ঢ ণ ত থ দ ধ ন */
    0, 'p', 'f', 'b', 'v', 'm', 'j', 'r', 0, 'l',      /* - প ফ ব ভ ম য র - ল */
    0, 0, 0, 's', 's', 's', 'h'                        /* - - - শ ষ স হ */
};

static int bn_is_cons(uint32_t c)
{
    return (c >= 0x0995 && c <= 0x09B9 && bn_cons[c - 0x0995]) ||
           c == BN_RRA || c == BN_RHA || c == BN_YYA || c == BN_RA_MIDDLE ||
           c == BN_RA_LOWER;
}

/* Vowel letters and vowel signs. */
static int bn_is_vowel(uint32_t c)
{
    return (c >= 0x0985 && c <= 0x0994) || (c >= 0x09BE && c <= 0x09CC) ||
           c == BN_AU_LENGTH || (c >= 0x09E0 && c <= 0x09E3);
}

/* The class of a Bengali vowel: 'i', 'u' or 0 for the a class. */
static char bn_vowel_class(uint32_t c)
{
    switch (c) {
    case BN_I: case BN_II: case BN_AI:
    case BN_SIGN_I: case BN_SIGN_II: case BN_SIGN_AI:
        return 'i';
    case BN_U: case BN_UU: case BN_AU:
    case BN_SIGN_U: case BN_SIGN_UU: case BN_SIGN_AU: case BN_AU_LENGTH:
        return 'u';
    default:
        return 0;
    }
}

/* ---- Latin folding ------------------------------------------------------ */
/* Letters that canonical decomposition does not reduce to an ASCII letter,
 * or whose sound the bare base letter would misrepresent. */
static const char *latin_special(uint32_t c)
{
    switch (c) {
    case 0x00DF: return "ss";                          /* ß */
    case 0x00C6: case 0x00E6: return "ae";             /* æ */
    case 0x00D8: case 0x00F8: return "o";              /* ø */
    case 0x00D0: case 0x00F0: return "d";              /* ð */
    case 0x00DE: case 0x00FE: return "th";             /* þ */
    case 0x00C7: case 0x00E7: return "s";              /* ç */
    case 0x0106: case 0x0107: case 0x0108: case 0x0109:
    case 0x010A: case 0x010B: case 0x010C: case 0x010D:
        return "ch";                                   /* ć ĉ ċ č */
    case 0x0110: case 0x0111: return "d";              /* đ */
    case 0x011E: case 0x011F: return "y";              /* ğ: no g sound */
    case 0x0126: case 0x0127: return "h";              /* ħ */
    case 0x0131: return "i";                           /* dotless ı */
    case 0x0132: case 0x0133: return "ij";             /* ĳ */
    case 0x0138: return "k";                           /* ĸ */
    case 0x013F: case 0x0140: case 0x0141: case 0x0142:
        return "l";                                    /* ŀ ł */
    case 0x014A: case 0x014B: return "ng";             /* ŋ */
    case 0x0152: case 0x0153: return "oe";             /* œ */
    case 0x015A: case 0x015B: case 0x015C: case 0x015D:
    case 0x015E: case 0x015F: case 0x0160: case 0x0161:
    case 0x0218: case 0x0219:
        return "sh";                                   /* ś ŝ ş š ș */
    case 0x0166: case 0x0167: return "t";              /* ŧ */
    case 0x017D: case 0x017E: return "zh";             /* ž */
    case 0x017F: return "s";                           /* long s */
    default: return NULL;
    }
}

/* Folds a Latin letter to one or two lower-case ASCII letters in out;
 * returns how many, 0 when c is not a Latin letter. */
static size_t latin_fold(uint32_t c, char out[2])
{
    if (c < 0x80) {
        if (c >= 'A' && c <= 'Z') c += 'a' - 'A';
        if (c < 'a' || c > 'z') return 0;
        out[0] = (char)c;
        return 1;
    }
    /* Latin-1 Supplement to Latin Extended-B, Latin Extended Additional */
    if (!((c >= 0xC0 && c <= 0x24F) || (c >= 0x1E00 && c <= 0x1EFF)))
        return 0;
    const char *s = latin_special(c);
    if (s) {
        out[0] = s[0];
        out[1] = s[1];
        return s[1] ? 2 : 1;
    }
    const uint32_t *seq;
    if (songbad_ucd_decomp(c, &seq) == 0 || seq[0] >= 0x80) return 0;
    return latin_fold(seq[0], out); /* é -> e + U+0301 -> e */
}

/* ---- The unit stream ---------------------------------------------------- */
/* The word is read as units: 'a'..'z' (folded Latin letters), '0'..'9'
 * (ASCII or Bengali digits), Bengali code points (a precomposed nukta letter
 * as consonant + nukta), U_SEP for anything else that is not ignorable, and
 * U_END past the end. Units are decoded into a buffer a batch at a time;
 * the key looks at most 3 units ahead. A word whose units all fit the buffer
 * (nearly every word) is decoded once for all the passes over it. */
#define U_END 0u
#define U_SEP 1u
#define UNITS 64 /* buffer size; a code point gives at most 2 units */

typedef struct unit_stream {
    const char *s;
    size_t len, pos;        /* the bytes, and the first one not decoded */
    uint32_t q[UNITS];      /* units q[head..count) decoded, not taken */
    size_t head, count;
    int whole;              /* q[0..count) holds every unit of the word */
} unit_stream;

static void push(unit_stream *u, uint32_t v)
{
    u->q[u->count++] = v;
}

/* Decodes the next code point into zero, one or two units. */
static void pull(unit_stream *u)
{
    const unsigned char *p = (const unsigned char *)u->s + u->pos;
    uint32_t c;
    if (p[0] < 0x80) { /* ASCII and Bengali inline, the rest in utf8.c */
        c = p[0];
        u->pos++;
    } else if (p[0] == 0xE0 && u->len - u->pos >= 3 && (p[1] == 0xA6 || p[1] == 0xA7) &&
               (p[2] & 0xC0) == 0x80) {
        c = 0x0900 | ((uint32_t)(p[1] & 0x3F) << 6) | (p[2] & 0x3F);
        u->pos += 3;
    } else {
        u->pos += songbad_utf8_decode(u->s + u->pos, u->len - u->pos, &c);
    }
    char f[2];
    size_t n;
    if (c >= '0' && c <= '9') {
        push(u, c);
    } else if (c >= 0x09E6 && c <= 0x09EF) {
        push(u, '0' + (c - 0x09E6));
    } else if (c >= 0x0980 && c <= 0x09FF) {
        if (c == BN_RRA) { push(u, BN_DDA); push(u, BN_NUKTA); }
        else if (c == BN_RHA) { push(u, BN_DDHA); push(u, BN_NUKTA); }
        else if (c == BN_YYA) { push(u, BN_YA); push(u, BN_NUKTA); }
        else push(u, c);
    } else if ((n = latin_fold(c, f)) > 0) {
        push(u, (unsigned char)f[0]);
        if (n > 1) push(u, (unsigned char)f[1]);
    } else if (c == '\'' || c == 0x2018 || c == 0x2019 || c == 0x02BC ||
               (c >= 0x0300 && c <= 0x036F) || c == 0x200C || c == 0x200D ||
               c == 0x00AD) {
        /* apostrophes, stray combining marks, joiners, soft hyphen */
    } else {
        push(u, U_SEP);
    }
}

/* Moves the units not taken to the front and decodes more. */
static void refill(unit_stream *u)
{
    if (u->head > 0) {
        memmove(u->q, u->q + u->head, (u->count - u->head) * sizeof *u->q);
        u->count -= u->head;
        u->head = 0;
        u->whole = 0;
    }
    while (u->count + 2 <= UNITS && u->pos < u->len) pull(u);
}

static void stream_init(unit_stream *u, const char *s, size_t len)
{
    u->s = s;
    u->len = len;
    u->pos = u->head = u->count = 0;
    u->whole = 1;
    refill(u);
}

/* Back to the first unit, for another pass. */
static void rewind_stream(unit_stream *u)
{
    if (u->whole && u->pos == u->len) u->head = 0;
    else stream_init(u, u->s, u->len);
}

/* The unit i places ahead (0: the next one); i < 4. */
static uint32_t peek(unit_stream *u, size_t i)
{
    if (u->head + i >= u->count) {
        if (u->pos >= u->len) return U_END;
        refill(u);
        if (u->head + i >= u->count) return U_END;
    }
    return u->q[u->head + i];
}

static void skip(unit_stream *u, size_t n)
{
    while (n-- > 0 && peek(u, 0) != U_END) u->head++;
}

/* ---- Writing the key ---------------------------------------------------- */
#define GLIDE 1 /* a vowel class: y/w sounds, which leave no trace */

typedef struct key_out {
    char *out;
    size_t cap, n;    /* n counts bytes also past cap */
    size_t ncons;     /* consonant classes written */
    int vowels;       /* write i and u in place (short words) */
    int any;          /* anything written yet */
    int init;         /* still in the vowels that start the word */
    int ng;           /* the last sound was ঙ/ং or Latin n before g */
    char last;        /* the last class written (0 after a digit) */
    char fin;         /* class of the vowel that ends the stream so far */
    char held_u;      /* a u waiting to see whether two consonants follow */
    char held_c;      /* the consonant written after held_u */
} key_out;

static void put(key_out *o, char c)
{
    if (o->n < o->cap) o->out[o->n] = c;
    o->n++;
    o->any = 1;
}

/* Writes a held u and the consonant after it: its syllable was open. */
static void release(key_out *o)
{
    if (o->held_u) put(o, o->held_u);
    if (o->held_c) put(o, o->held_c);
    o->held_u = o->held_c = 0;
}

static void emit_cons(key_out *o, char cls)
{
    int after_ng = o->ng;
    o->ng = cls == 'N';
    o->init = 0;
    o->fin = 0;
    if (cls == 'N') cls = 'n';
    if (cls == 'g' && after_ng) return; /* ঙ্গ, ng: the g is in the nasal */
    if (cls == o->last) return;
    o->last = cls;
    o->ncons++;
    if (o->held_u) {
        if (!o->held_c) {
            o->held_c = cls;
            return;
        }
        put(o, o->held_c); /* closed by two consonants: drop the u */
        o->held_u = o->held_c = 0;
    }
    put(o, cls);
}

/* v: 'i', 'u', 0 for the a class, or GLIDE. */
static void emit_vowel(key_out *o, char v)
{
    o->ng = 0;
    if (v == GLIDE) return;
    if (!o->any) { /* the vowels that start a word give one "a" */
        put(o, 'a');
        o->last = 'a';
        o->init = 1;
        return;
    }
    if (o->init) return;
    o->fin = v ? v : 'a';
    if (!o->vowels) return;
    release(o);
    if (!v || v == o->last) return;
    if (v == 'u') {
        o->held_u = v;
        o->last = v;
        return;
    }
    put(o, v);
    o->last = v;
}

static void emit_digit(key_out *o, char d)
{
    release(o);
    o->ng = 0;
    o->init = 0;
    o->fin = 0;
    put(o, d);
    o->last = 0;
}

/* Ends the key: the held u, then a final vowel not yet written. */
static void finish(key_out *o)
{
    release(o);
    if (o->fin && o->fin != o->last) put(o, o->fin);
}

/* ---- Bengali ------------------------------------------------------------ */
/* Handles the Bengali unit c (already taken from the stream). prev is the
 * unit before c; pv is the unit before the virama that precedes c, or 0 when
 * no virama precedes c. */
static void bengali(unit_stream *u, key_out *o, uint32_t c, uint32_t prev,
                    uint32_t pv)
{
    if (c == BN_ANUSVARA) {
        emit_cons(o, 'N');
        return;
    }
    if (c == BN_KHANDA_TA) {
        emit_cons(o, 't');
        return;
    }
    if (c == BN_VOCALIC_R || c == BN_SIGN_VOCALIC_R) { /* ঋ ৃ: ri */
        emit_cons(o, 'r');
        emit_vowel(o, 'i');
        return;
    }
    if (bn_is_vowel(c)) {
        char v = bn_vowel_class(c);
        uint32_t n0 = peek(u, 0);
        if (n0 == BN_YA && peek(u, 1) == BN_NUKTA) {
            /* ি/ু + য় spell y/w (পিয়ং, গুয়াম), so does ও + য় (ওয়েলস);
             * ই/উ + য় too at the start or after ং (ইয়েমেন, পিয়ংইয়ং) */
            if (c == BN_SIGN_I || c == BN_SIGN_II || c == BN_SIGN_U ||
                c == BN_SIGN_UU || c == BN_SIGN_O || c == BN_O ||
                ((c == BN_I || c == BN_U) &&
                 (!o->any || prev == BN_ANUSVARA)))
                v = GLIDE;
        } else if ((c == BN_I || c == BN_SIGN_I || c == BN_SIGN_II) &&
                   n0 >= 0x0985 && n0 <= 0x0994) {
            v = GLIDE; /* ইউ = yu (ইউরোপ), িও = yo (টোকিও) */
        }
        emit_vowel(o, v);
        return;
    }
    if (!bn_is_cons(c)) return; /* virama, candrabindu, visarga, nukta ... */
    int nukta = peek(u, 0) == BN_NUKTA;
    if (nukta) skip(u, 1);
    if (c == BN_YA && nukta) {
        /* য় is a glide before a vowel and after ি ু ই উ; otherwise it ends a
         * diphthong: রায়, সময়, ওবায়দুল */
        if (bn_is_vowel(peek(u, 0)) || prev == BN_SIGN_I ||
            prev == BN_SIGN_II || prev == BN_SIGN_U || prev == BN_SIGN_UU ||
            prev == BN_I || prev == BN_U)
            emit_vowel(o, GLIDE);
        else
            emit_vowel(o, 'i');
        return;
    }
    if (c == BN_RA_LOWER) { /* ৱ */
        emit_vowel(o, GLIDE);
        return;
    }
    if (c == BN_RA_MIDDLE || (nukta && (c == BN_DDA || c == BN_DDHA))) {
        emit_cons(o, 'r'); /* ৰ ড় ঢ় */
        return;
    }
    if (c == BN_JA && peek(u, 0) == BN_VIRAMA && peek(u, 1) == BN_NYA) {
        skip(u, 2); /* জ্ঞ sounds gy */
        emit_cons(o, 'g');
        return;
    }
    /* after a virama, ya-phala (also অ্যা) and ba-phala are silent */
    int phala = pv && (c == BN_YA ||
                       (c == BN_BA && pv != BN_MA && pv != BN_RA &&
                        pv != BN_LA && pv != BN_BA));
    /* a word-final conjunct with ra-, ya- or ba-phala keeps its inherent
     * vowel: নরেন্দ্র, কাব্য */
    int final_vowel = pv && peek(u, 0) == U_END &&
                      (c == BN_RA || c == BN_YA || c == BN_BA);
    if (!phala && !(c == BN_HA && o->any)) /* h only at the start */
        emit_cons(o, bn_cons[c - 0x0995]);
    if (final_vowel) emit_vowel(o, 0);
}

/* Length of w without a genitive -ের that follows two or more consonants
 * (লাভরভের -> লাভরভ; শের, দের stay). */
static size_t strip_genitive(const char *w, size_t len)
{
    static const char er[] = "\xE0\xA7\x87\xE0\xA6\xB0"; /* U+09C7 U+09B0 */
    if (len < 12 || memcmp(w + len - 6, er, 6) != 0) return len;
    size_t end = len - 6, i = 0;
    int cons = 0;
    uint32_t c = 0;
    while (i < end) {
        i += songbad_utf8_decode(w + i, end - i, &c);
        if (bn_is_cons(c)) cons++;
    }
    return cons >= 2 && (bn_is_cons(c) || c == BN_NUKTA) ? end : len;
}

/* Length of w without a case ending that follows ং: the locative -য়ে and
 * what the genitive -য়ের leaves after strip_genitive, -য় (পিয়ংইয়ংয়ে,
 * বেইজিংয়ের -> পিয়ংইয়ং, বেইজিং). */
static size_t strip_after_ng(const char *w, size_t len)
{
    static const char ng_y[] = "\xE0\xA6\x82\xE0\xA6\xAF\xE0\xA6\xBC"; /* ং য ় */
    static const char e[] = "\xE0\xA7\x87";                            /* ে */
    size_t end = len;
    if (end >= 12 && memcmp(w + end - 3, e, 3) == 0) end -= 3;
    if (end >= 12 && memcmp(w + end - 9, ng_y, 9) == 0) return end - 6;
    return len;
}

/* ---- Latin -------------------------------------------------------------- */
static int is_letter(uint32_t c)
{
    return c >= 'a' && c <= 'z';
}

static int lat_vowel(uint32_t c)
{
    return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' ||
           c == 'y';
}

/* Whether c, followed by c2, softens a c or g before it. */
static int lat_front(uint32_t c, uint32_t c2)
{
    return c == 'e' || c == 'i' || (c == 'y' && !lat_vowel(c2));
}

/* Handles the Latin letter c (already taken from the stream); prev is the
 * unit before it. */
static void latin(unit_stream *u, key_out *o, uint32_t c, uint32_t prev)
{
    uint32_t n1 = peek(u, 0), n2 = peek(u, 1);
    int initial = !is_letter(prev);
    switch (c) {
    case 'a':
        emit_vowel(o, 0);
        return;
    case 'e':
        if (n1 == 'e' || (n1 == 'a' && is_letter(n2) && !lat_vowel(n2))) {
            skip(u, 1); /* ee, ea before a consonant: ী */
            emit_vowel(o, 'i');
            return;
        }
        if (n1 == 'u' || n1 == 'w') { /* eu, ew: ইউ */
            skip(u, 1);
            emit_vowel(o, 'u');
            return;
        }
        if (!is_letter(n1) && !initial && !lat_vowel(prev)) {
            emit_vowel(o, GLIDE); /* a silent final e */
            return;
        }
        emit_vowel(o, 0);
        return;
    case 'i':
        if (n1 == 'e' && !is_letter(n2)) { /* final ie: ি */
            skip(u, 1);
            emit_vowel(o, 'i');
            return;
        }
        emit_vowel(o, lat_vowel(n1) && n1 != 'i' ? GLIDE : 'i');
        return;
    case 'o':
        if (n1 == 'o') {
            skip(u, 1);
            emit_vowel(o, 'u');
            return;
        }
        emit_vowel(o, 0);
        return;
    case 'u':
        emit_vowel(o, n1 == 'a' || n1 == 'e' || n1 == 'o' ? GLIDE : 'u');
        return;
    case 'w': /* before i it is written উই (উইলিয়াম), else ওয় */
        emit_vowel(o, n1 == 'i' || n1 == 'y' ? 'u' : GLIDE);
        return;
    case 'y':
        if (prev == 'a') emit_vowel(o, GLIDE); /* ay: ে */
        else if (prev == 'o' && !lat_vowel(n1)) emit_vowel(o, 'i'); /* oy */
        else emit_vowel(o, lat_vowel(n1) ? GLIDE : 'i');
        return;
    case 'b':
        if (n1 == 'h') {
            skip(u, 1);
            emit_cons(o, 'v');
            return;
        }
        emit_cons(o, 'b');
        return;
    case 'c':
        if (n1 == 'h') { /* ch; chr, chl: k */
            skip(u, 1);
            emit_cons(o, n2 == 'r' || n2 == 'l' ? 'k' : 'c');
            return;
        }
        if (n1 == 'z') {
            skip(u, 1);
            emit_cons(o, 'c');
            return;
        }
        if (n1 == 'c' && lat_front(n2, peek(u, 2))) { /* accent */
            skip(u, 1);
            emit_cons(o, 'k');
            emit_cons(o, 's');
            return;
        }
        emit_cons(o, lat_front(n1, n2) ? 's' : 'k');
        return;
    case 'd':
        if (n1 == 'h' || (n1 == 'j' && initial)) {
            skip(u, 1);
            emit_cons(o, n1 == 'h' ? 'd' : 'j');
            return;
        }
        if (n1 == 'g' && lat_front(n2, peek(u, 2))) {
            skip(u, 1);
            emit_cons(o, 'j');
            return;
        }
        emit_cons(o, 'd');
        return;
    case 'g':
        if (n1 == 'h' || (n1 == 'u' && (n2 == 'e' || n2 == 'i'))) {
            skip(u, 1);
            emit_cons(o, 'g');
            return;
        }
        emit_cons(o, lat_front(n1, n2) ? 'j' : 'g');
        return;
    case 'h':
        if (initial) emit_cons(o, 'h');
        return;
    case 'k':
        if (n1 == 'h') skip(u, 1);
        else if (n1 == 'n' && initial) return;
        emit_cons(o, 'k');
        return;
    case 'n':
        emit_cons(o, n1 == 'g' ? 'N' : 'n');
        return;
    case 'p':
        if (n1 == 'h') {
            skip(u, 1);
            emit_cons(o, 'f');
            return;
        }
        if (initial && (n1 == 's' || n1 == 't' || n1 == 'n')) return;
        emit_cons(o, 'p');
        return;
    case 'q':
        if (n1 == 'u') skip(u, 1);
        emit_cons(o, 'k');
        return;
    case 'r':
        if (n1 == 'h') skip(u, 1);
        emit_cons(o, 'r');
        return;
    case 's':
        if (n1 == 'h') skip(u, 1);
        else if (n1 == 'c' && n2 == 'h') skip(u, 2);
        else if (n1 == 'c' && lat_front(n2, peek(u, 2))) skip(u, 1);
        emit_cons(o, 's');
        return;
    case 't':
        if (n1 == 'h') {
            skip(u, 1);
            emit_cons(o, 't');
            return;
        }
        if (n1 == 'c' && n2 == 'h') {
            skip(u, 2);
            emit_cons(o, 'c');
            return;
        }
        if (n1 == 'z') {
            skip(u, 1);
            emit_cons(o, 'j');
            return;
        }
        if (initial && n1 == 's') return; /* tsunami */
        /* -tia, -tio after a vowel: শ (Croatia) */
        emit_cons(o, n1 == 'i' && lat_vowel(prev) && lat_vowel(n2) &&
                     n2 != 'i' ? 's' : 't');
        return;
    case 'x':
        if (!initial) emit_cons(o, 'k');
        emit_cons(o, 's');
        return;
    case 'z':
        if (n1 == 'h') skip(u, 1);
        emit_cons(o, 'j');
        return;
    default: /* f j l m v */
        emit_cons(o, (char)c);
        return;
    }
}

/* Length of w without a final "'s" (ASCII or U+2019 apostrophe). */
static size_t strip_possessive(const char *w, size_t len)
{
    if (len < 3 || (w[len - 1] != 's' && w[len - 1] != 'S')) return len;
    if (w[len - 2] == '\'') return len - 2;
    if (len >= 5 && memcmp(w + len - 4, "\xE2\x80\x99", 3) == 0) return len - 4;
    return len;
}

/* Whether the word holds no letter: only digits and ignorable or invalid
 * bytes. */
static int only_digits(unit_stream *u)
{
    for (uint32_t c; (c = peek(u, 0)) != U_END; skip(u, 1))
        if (!(c >= '0' && c <= '9') && c != U_SEP) return 0;
    return 1;
}

/* One pass over the units into o. */
static void key_pass(unit_stream *u, key_out *o)
{
    uint32_t prev = 0, prev2 = 0; /* the two units before c */
    for (uint32_t c; (c = peek(u, 0)) != U_END; prev2 = prev, prev = c) {
        skip(u, 1);
        if (is_letter(c))
            latin(u, o, c, prev);
        else if (c >= '0' && c <= '9')
            emit_digit(o, (char)c);
        else if (c >= 0x0980)
            bengali(u, o, c, prev,
                    prev == BN_VIRAMA ? (prev2 ? prev2 : U_SEP) : 0);
        else
            o->ng = 0;
    }
    finish(o);
}

size_t songbad_name_key(const char *word, size_t len, char *out, size_t cap)
{
    if (!word) len = 0;
    if (!out) cap = 0;
    unit_stream u;
    stream_init(&u, word, len);
    if (only_digits(&u)) return 0; /* numbers are not names */
    size_t klen = strip_after_ng(word, strip_genitive(word, strip_possessive(word, len)));
    if (klen == len) rewind_stream(&u);
    else stream_init(&u, word, klen); /* a prefix: decoded again */
    key_out o = {out, cap, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
    key_pass(&u, &o);
    if (o.ncons > SHORT_WORD) return o.n;
    rewind_stream(&u);
    key_out v = {out, cap, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0};
    key_pass(&u, &v);
    return v.n;
}
