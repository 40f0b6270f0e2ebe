/* news_rules.c - the data-driven rules of the news layer: the tables
 * (boilerplate lines, caption markers, byline roles and markers, the agency
 * and place tables) and the rules that apply them to the words of
 * search-normalized lines (news_match.c), so every table entry matches
 * every encoding of its words. */
#include "news_int.h"

#define MAX_PIECES 16

/* ---- the agency table ---------------------------------------------------- */
/* Agencies and outlets that Bengali articles credit, by the name they use
 * for themselves; each with the spellings seen in Bengali and English text.
 * Only names that are not ordinary words are listed alone; see docs/news.md
 * for the policy. */
typedef struct agency_entry {
    const char *name;
    const char *spell[6];
} agency_entry;

static const agency_entry agency_table[] = {
    {"AFP", {"এএফপি", "এ এফ পি", "afp", "agence france presse", "ফ্রান্স প্রেস"}},
    {"Reuters", {"রয়টার্স", "রয়টার", "reuters"}},
    {"AP", {"এপি", "অ্যাসোসিয়েটেড প্রেস", "এসোসিয়েটেড প্রেস", "ap", "associated press"}},
    {"BBC Bangla", {"বিবিসি বাংলা", "bbc bangla"}},
    {"BBC", {"বিবিসি", "bbc"}},
    {"BSS", {"বাসস", "বাংলাদেশ সংবাদ সংস্থা", "bss"}},
    {"UNB", {"ইউএনবি", "ইউনাইটেড নিউজ অব বাংলাদেশ", "unb"}},
    {"PTI", {"পিটিআই", "প্রেস ট্রাস্ট অব ইন্ডিয়া", "pti"}},
    {"ANI", {"এএনআই", "ani"}},
    {"IANS", {"আইএএনএস", "ians"}},
    {"Xinhua", {"সিনহুয়া", "শিনহুয়া", "xinhua"}},
    {"TASS", {"তাস", "tass"}},
    {"RIA Novosti", {"রিয়া নভোস্তি", "ria novosti"}},
    {"Sputnik", {"স্পুটনিক", "sputnik"}},
    {"Anadolu Agency", {"আনাদোলু এজেন্সি", "আনাদোলু", "anadolu agency", "anadolu"}},
    {"Al Jazeera", {"আল জাজিরা", "আলজাজিরা", "al jazeera", "aljazeera"}},
    {"CNN", {"সিএনএন", "cnn"}},
    {"DW", {"ডয়চে ভেলে", "ডয়েচে ভেলে", "deutsche welle", "dw"}},
    {"Kyodo", {"কিয়োদো", "kyodo"}},
    {"Yonhap", {"ইয়োনহাপ", "yonhap"}},
    {"KCNA", {"কেসিএনএ", "kcna"}},
    {"dpa", {"ডিপিএ", "dpa"}},
    {"Bernama", {"বার্নামা", "বারনামা", "bernama"}},
    {"EPA", {"ইপিএ", "epa"}},
    {"Getty Images", {"গেটি ইমেজেস", "getty images"}},
    {"Focus Bangla", {"ফোকাস বাংলা", "focus bangla"}},
    {"Saudi Press Agency", {"সৌদি প্রেস এজেন্সি", "এসপিএ", "saudi press agency"}},
    {"WAFA", {"ওয়াফা", "wafa"}},
    {"IRNA", {"ইরনা", "irna"}},
    {"The Guardian", {"দ্য গার্ডিয়ান", "গার্ডিয়ান", "the guardian", "guardian"}},
    {"The New York Times", {"দ্য নিউইয়র্ক টাইমস", "নিউইয়র্ক টাইমস", "নিউ ইয়র্ক টাইমস", "new york times"}},
    {"The Washington Post", {"ওয়াশিংটন পোস্ট", "washington post"}},
    {"Bloomberg", {"ব্লুমবার্গ", "bloomberg"}},
    {"NDTV", {"এনডিটিভি", "ndtv"}},
    {"The Hindu", {"দ্য হিন্দু", "the hindu"}},
    {"The Times of India", {"টাইমস অব ইন্ডিয়া", "টাইমস অফ ইন্ডিয়া", "times of india"}},
    {"Anandabazar Patrika", {"আনন্দবাজার পত্রিকা", "আনন্দবাজার", "anandabazar"}},
    {"Dawn", {"ডন", "dawn"}},
    {"Gulf News", {"গালফ নিউজ", "gulf news"}},
    {"Arab News", {"আরব নিউজ", "arab news"}},
    {"Middle East Eye", {"মিডল ইস্ট আই", "middle east eye"}},
    {"The Times of Israel", {"টাইমস অব ইসরায়েল", "টাইমস অব ইসরাইল", "times of israel"}},
    {"The Daily Star", {"দ্য ডেইলি স্টার", "ডেইলি স্টার", "the daily star", "daily star"}},
    {"Prothom Alo", {"প্রথম আলো", "prothom alo"}},
    {"bdnews24.com", {"বিডিনিউজ২৪", "বিডিনিউজ টোয়েন্টিফোর", "bdnews24"}},
    {"Dhaka Tribune", {"ঢাকা ট্রিবিউন", "dhaka tribune"}},
    {"The Daily Ittefaq", {"ইত্তেফাক", "ittefaq"}},
    {"Jugantor", {"যুগান্তর", "jugantor"}},
    {"Samakal", {"সমকাল", "samakal"}},
    {"Kaler Kantho", {"কালের কণ্ঠ", "কালের কন্ঠ", "kaler kantho"}},
    {"Daily Inqilab", {"ইনকিলাব", "inqilab"}},
    {"Jago News", {"জাগো নিউজ", "jago news"}},
};

/* Words that may come before an agency's name: বার্তা সংস্থা এএফপি. */
static const char *const agency_qualifiers[] = {
    "বার্তা সংস্থা", "বার্তাসংস্থা", "সংবাদ সংস্থা", "সংবাদসংস্থা", "সংবাদমাধ্যম",
    "গণমাধ্যম", "দৈনিক", "পত্রিকা", "টেলিভিশন", "ব্রিটিশ", "মার্কিন", "ফরাসি",
    "রুশ", "চীনা", "ভারতীয়", "জাপানি", "রাষ্ট্রীয়", "কাতারভিত্তিক",
    "যুক্তরাজ্যভিত্তিক", "যুক্তরাষ্ট্রভিত্তিক", "লন্ডনভিত্তিক", "তুর্কি",
    "news agency", "agency", "the", NULL};

_Static_assert(sizeof agency_table / sizeof agency_table[0] *
                       (sizeof agency_table[0].spell / sizeof agency_table[0].spell[0]) <=
                   NEWS_SPELLINGS,
               "news_tables holds a key for every spelling");
_Static_assert(sizeof agency_table / sizeof agency_table[0] <= 256,
               "an agency's number fits news_tables.spelling_agency");

void songbad_news_agency_initials(news_tables *t)
{
    t->nspellings = 0;
    for (size_t a = 0; a < sizeof agency_table / sizeof agency_table[0]; a++)
        for (size_t k = 0; k < 6 && agency_table[a].spell[k]; k++) {
            unsigned key = songbad_news_word_key(agency_table[a].spell[k]);
            /* with endings allowed, only a first word of several is whole */
            songbad_news_initials_add(&t->agency, key,
                                      strchr(agency_table[a].spell[k], ' ') != NULL);
            t->spelling_key[t->nspellings] = key;
            t->spelling_agency[t->nspellings] = (unsigned char)a;
            t->spelling_of[t->nspellings] = (unsigned char)k;
            t->nspellings++;
        }
    /* a counting sort by first code point (an empty spelling would have
       none: songbad_news_rules_check rejects it) */
    unsigned short count[257] = {0};
    for (size_t w = 0; w < t->nspellings; w++) count[(t->spelling_key[w] >> 9) & 0xFF]++;
    t->first_at[0] = 0;
    for (int k = 0; k < 256; k++) t->first_at[k + 1] = (unsigned short)(t->first_at[k] + count[k]);
    unsigned short next[256];
    memcpy(next, t->first_at, sizeof next);
    for (size_t w = 0; w < t->nspellings; w++)
        t->by_first[next[(t->spelling_key[w] >> 9) & 0xFF]++] = (unsigned short)w;
}

static const char *agency_at(const news_view *v, size_t i, size_t *used)
{
    const char *best = NULL;
    size_t best_used = 0;
    *used = 0;
    if (i >= v->ntok || !songbad_news_initial_in(&v->tables->agency, v, i)) return NULL;
    const news_tables *t = v->tables;
    unsigned key = songbad_news_tok_key(v->t, v->tok[i].s, v->tok[i].e), k1 = key >> 9;
    for (size_t j = t->first_at[k1]; j < t->first_at[k1 + 1]; j++) {
        size_t w = t->by_first[j];
        if (!songbad_news_key_may(t->spelling_key[w], key)) continue;
        size_t a = t->spelling_agency[w];
        size_t u = songbad_news_phrase(v, i, agency_table[a].spell[t->spelling_of[w]],
                                       NEWS_SFX | NEWS_EMPH);
        if (u > best_used) {
            best_used = u;
            best = agency_table[a].name;
        }
    }
    *used = best_used;
    return best;
}

const char *songbad_news_agency(const news_view *v, size_t i, size_t *used)
{
    size_t k = i, u;
    for (int q = 0; q < 4 && k < v->ntok; q++) {
        const char *name = agency_at(v, k, &u);
        if (name) {
            *used = k - i + u;
            return name;
        }
        if (!songbad_news_word_in(v, k, agency_qualifiers, 0, &u)) break;
        k += u;
    }
    *used = 0;
    return NULL;
}

/* ---- places (where bylines and datelines are filed from) ----------------- */
static const char *const places[] = {
    "ঢাকা", "চট্টগ্রাম", "খুলনা", "রাজশাহী", "সিলেট", "বরিশাল", "রংপুর",
    "ময়মনসিংহ", "কুমিল্লা", "গাজীপুর", "নারায়ণগঞ্জ", "কক্সবাজার", "বগুড়া",
    "যশোর", "দিনাজপুর", "নোয়াখালী", "ফরিদপুর", "পাবনা", "টাঙ্গাইল", "সাতক্ষীরা",
    "কলকাতা", "দিল্লি", "নয়াদিল্লি", "নয়া দিল্লি", "মুম্বাই", "আগরতলা",
    "শিলিগুড়ি", "গুয়াহাটি", "লন্ডন", "ওয়াশিংটন", "নিউইয়র্ক", "জাতিসংঘ",
    "বেইজিং", "মস্কো", "দুবাই", "রিয়াদ", "জেদ্দা", "মক্কা", "মদিনা", "দোহা",
    "ইসলামাবাদ", "কাঠমান্ডু", "কুয়ালালামপুর", "সিঙ্গাপুর", "টোকিও", "সিউল",
    "প্যারিস", "বার্লিন", "জেনেভা", "ব্রাসেলস", "ইস্তাম্বুল", "আঙ্কারা",
    "তেহরান", "কায়রো", "গাজা", "জেরুজালেম", "কিয়েভ", "কিইভ", "পিয়ংইয়ং",
    "dhaka", "kolkata", "london", "washington", NULL};

static int place_at(const news_view *v, size_t i, size_t *used)
{
    return songbad_news_word_in(v, i, places, 0, used);
}

/* ---- bylines -------------------------------------------------------------- */
/* The last word of a desk or role: চট্টগ্রাম প্রতিনিধি, অনলাইন ডেস্ক. */
static const char *const role_heads[] = {
    "প্রতিবেদক", "প্রতিনিধি", "সংবাদদাতা", "ডেস্ক", "রিপোর্টার", "রিপোর্ট",
    "ব্যুরো", "করেসপন্ডেন্ট", "বার্তাকক্ষ", "নিউজরুম", "desk", "correspondent",
    "reporter", "bureau", NULL};
/* Words before the author's name: লেখক: X, লিখেছেন X, By X. */
static const char *const author_markers[] = {
    "লেখক", "লিখেছেন", "লেখা", "প্রতিবেদন", "উত্তর দিয়েছেন", "গ্রন্থনা",
    "অনুলিখন", "অনুবাদ", "সংকলন", "by", "written by", NULL};
/* Words before a list of sources: সূত্র: বাসস. */
static const char *const source_markers[] = {
    "তথ্যসূত্র", "সূত্র", "তথ্য সূত্র", "source", "sources", NULL};
/* Words after a credited source: (রয়টার্স অবলম্বনে), (এএফপির মতে). */
static const char *const group_markers[] = {
    "অবলম্বনে", "মতে", "সূত্রে", "বরাতে", "বরাত দিয়ে", "সৌজন্যে", "অনুসারে",
    "এর মতে", NULL};
/* Words before a desk's last word (other than places and agencies):
 * বিশেষ প্রতিনিধি, জ্যেষ্ঠ প্রতিবেদক, ঢাকা বিশ্ববিদ্যালয় প্রতিনিধি. */
static const char *const desk_words[] = {
    "নিজস্ব", "বিশেষ", "স্টাফ", "জ্যেষ্ঠ", "সিনিয়র", "কূটনৈতিক", "ক্রীড়া",
    "অর্থনৈতিক", "বাণিজ্য", "আন্তর্জাতিক", "অনলাইন", "নিউজ", "বিনোদন", "জেলা",
    "উপজেলা", "আদালত", "সংসদ", "বিশ্ববিদ্যালয়", "ক্যাম্পাস", "প্রবাস", "ডেস্ক",
    "ইন্টার্ন", "সংবাদদাতা", "রাজনৈতিক", "স্বাস্থ্য", "শিক্ষা", "সাহিত্য", "জাতীয়",
    "সারাদেশ", "মফস্বল", "staff", "special", "senior", "online", "news", NULL};
/* Words that never occur in a name (so a sentence is not read as a name). */
static const char *const not_name_words[] = {
    "এ", "এই", "সে", "তিনি", "তার", "তাঁর", "করে", "করেন", "হয়", "হবে",
    "ছিল", "বলেন", "জানান", "না", "যে", "কি", "কী", "থেকে", "জন্য", "সঙ্গে",
    "সাথে", "নিয়ে", "হলো", "হয়েছে", "করা", "আর", "বলে", "করেছেন", "আমি",
    "আমরা", "তারা", "এবং", "ও", "বা", "প্রকাশ", "আজ", "গতকাল", "সকালে", "রাতে",
    "দিন", "হন", "লাগে", "গেছে", "আছে", "নেই", "করেছে", "পারে", "দেন", "দেয়",
    "নেন", "হচ্ছে", "চলছে", "বলেছেন", "জানিয়েছেন", "ছিলেন", NULL};

typedef enum piece_kind {
    PIECE_NONE = 0, PIECE_NAME, PIECE_DESK, PIECE_PLACE, PIECE_AGENCY,
    PIECE_SOURCE, PIECE_MARKER
} piece_kind;

typedef struct piece {
    size_t a, b;       /* tokens [a, b) */
    piece_kind kind;
    const char *agency;
    size_t ab;         /* agency: the tokens of its name end here */
    int role;          /* the description after an author: "লেখক: X, শিক্ষক" */
} piece;

/* Whether the gap after token i separates pieces: , | / ; & : or a dash. */
static int piece_sep(const news_view *v, size_t i)
{
    size_t gl;
    const char *g = songbad_news_gap(v, i, &gl);
    for (size_t k = 0; k < gl; k++)
        if (news_in_set(",|/;&:", g[k])) return 1;
    return songbad_news_gap_has(v, i, "\xE2\x80\x94") || songbad_news_gap_has(v, i, "\xE2\x80\x93") ||
           songbad_news_gap_has(v, i, "\xD8\x8C");
}

static int is_conj(const news_view *v, size_t i)
{
    static const char *const conj[] = {"ও", "এবং", "and", NULL};
    return songbad_news_word_in(v, i, conj, 0, NULL);
}

/* Splits tokens [a, b) into pieces. Returns their number (0 if too many). */
static size_t split_pieces(const news_view *v, size_t a, size_t b, piece *out)
{
    size_t n = 0, s = a;
    for (size_t i = a; i < b; i++) {
        int conj = is_conj(v, i);
        int end_here = conj || i + 1 == b || piece_sep(v, i);
        size_t e = conj ? i : i + 1;
        if (!end_here) continue;
        if (e > s) {
            if (n == MAX_PIECES) return 0;
            memset(&out[n], 0, sizeof out[n]);
            out[n].a = s;
            out[n].b = e;
            n++;
        }
        s = i + 1;
    }
    return n;
}

/* Tokens [k, b) are all group markers. */
static int only_markers(const news_view *v, size_t k, size_t b)
{
    while (k < b) {
        size_t u;
        if (!songbad_news_word_in(v, k, group_markers, 0, &u)) return 0;
        k += u;
    }
    return 1;
}

static int name_like(const news_view *v, size_t a, size_t b, size_t max)
{
    if (b - a > max) return 0;
    for (size_t i = a; i < b; i++) {
        if (songbad_news_tok_has_digit(v, i)) return 0;
        if (songbad_news_word_in(v, i, not_name_words, 0, NULL)) return 0;
        if (i + 1 < b) {
            size_t gl;
            const char *g = songbad_news_gap(v, i, &gl);
            for (size_t k = 0; k < gl; k++)
                if (!news_in_set(".-'", g[k])) return 0;
        }
    }
    return 1;
}

/* The words before a desk's last word: any one word (চট্টগ্রাম প্রতিনিধি),
 * or desk words, places and agencies (ঢাকা বিশ্ববিদ্যালয় প্রতিনিধি, জাগো নিউজ
 * ডেস্ক); a longer phrase of other words is a sentence (আল্লাহর প্রতিনিধি
 * in "হজযাত্রীরা আল্লাহর প্রতিনিধি"). */
static int desk_words_ok(const news_view *v, size_t a, size_t b)
{
    if (b - a <= 1) return 1;
    size_t u;
    while (a < b) {
        if (place_at(v, a, &u) || agency_at(v, a, &u) ||
            songbad_news_word_in(v, a, desk_words, 0, &u))
            a += u;
        else
            return 0;
    }
    return a == b;
}

static piece_kind classify_piece(const news_view *v, piece *p)
{
    size_t u;
    size_t n = p->b - p->a;
    if (only_markers(v, p->a, p->b)) return p->kind = PIECE_MARKER;
    const char *ag = songbad_news_agency(v, p->a, &u);
    if (ag && only_markers(v, p->a + u, p->b)) {
        p->agency = ag;
        p->ab = p->a + u;
        return p->kind = PIECE_AGENCY;
    }
    if (n <= 4 && songbad_news_word_in(v, p->b - 1, role_heads, 0, &u) && u == 1 &&
        desk_words_ok(v, p->a, p->b - 1))
        return p->kind = PIECE_DESK;
    if (place_at(v, p->a, &u) && (p->a + u == p->b ||
                                  (p->a + u + 1 == p->b &&
                                   songbad_news_word(v, p->b - 1, "থেকে", 0))))
        return p->kind = PIECE_PLACE;
    if (name_like(v, p->a, p->b, 5)) return p->kind = PIECE_NAME;
    return p->kind = PIECE_NONE;
}

/* The tokens of a piece without its trailing group markers. */
static size_t piece_core_end(const news_view *v, const piece *p)
{
    size_t e = p->b;
    while (e > p->a) {
        size_t k = e - 1;
        if (!songbad_news_word_in(v, k, group_markers, 0, NULL)) break;
        e = k;
    }
    return e;
}

static int emit_piece(songbad_article *a, const news_view *v, const piece *p,
                      int where, size_t part, int as_source)
{
    size_t s, e;
    switch (p->kind) {
    case PIECE_AGENCY:
        songbad_news_span(v, v->tok[p->a].s, v->tok[p->ab - 1].e, &s, &e);
        return songbad_news_add_credit(a, SONGBAD_CREDIT_AGENCY, where, p->agency,
                                       s, e, part);
    case PIECE_NAME:
    case PIECE_SOURCE: {
        size_t ce = piece_core_end(v, p);
        if (ce == p->a) return SONGBAD_OK;
        songbad_news_span(v, v->tok[p->a].s, v->tok[ce - 1].e, &s, &e);
        return songbad_news_add_credit(a, as_source || p->kind == PIECE_SOURCE
                                              ? SONGBAD_CREDIT_SOURCE
                                              : SONGBAD_CREDIT_AUTHOR,
                                       where, NULL, s, e, part);
    }
    case PIECE_DESK:
    case PIECE_PLACE: {
        size_t ce = p->b;
        if (p->kind == PIECE_PLACE && songbad_news_word(v, ce - 1, "থেকে", 0) &&
            ce - 1 > p->a)
            ce--;
        songbad_news_span(v, v->tok[p->a].s, v->tok[ce - 1].e, &s, &e);
        return songbad_news_add_credit(a, p->kind == PIECE_DESK
                                              ? SONGBAD_CREDIT_DESK
                                              : SONGBAD_CREDIT_PLACE,
                                       where, NULL, s, e, part);
    }
    default:
        return SONGBAD_OK;
    }
}

/* Whether tokens [a, b) hold a group marker anywhere. */
static int has_marker(const news_view *v, size_t a, size_t b)
{
    for (size_t i = a; i < b; i++)
        if (songbad_news_word_in(v, i, group_markers, 0, NULL)) return 1;
    return 0;
}

/* A credit group: pieces that are agencies or, when the group has a marker
 * (অবলম্বনে, মতে ...) or an agency, sources. Returns 1 if valid. */
static int parse_group(const news_view *v, size_t a, size_t b, piece *ps,
                       size_t *np)
{
    size_t n = split_pieces(v, a, b, ps);
    if (!n) return 0;
    int agencies = 0, marker = has_marker(v, a, b);
    for (size_t i = 0; i < n; i++) {
        classify_piece(v, &ps[i]);
        agencies += ps[i].kind == PIECE_AGENCY;
    }
    if (!agencies && !marker) return 0;
    for (size_t i = 0; i < n; i++) {
        if (ps[i].kind == PIECE_AGENCY || ps[i].kind == PIECE_MARKER) continue;
        if (!name_like(v, ps[i].a, piece_core_end(v, &ps[i]), 6)) return 0;
        ps[i].kind = PIECE_SOURCE;
    }
    *np = n;
    return 1;
}

/* Whether the characters between tokens suit a byline: no sentence or
 * quotation marks inside (a final danda or full stop is allowed). */
static int byline_chars(const news_view *v)
{
    size_t i = 0, k = 0, last = v->ntok ? v->tok[v->ntok - 1].e : 0;
    while (i < v->n) {
        if (k < v->ntok && i == v->tok[k].s) {
            i = v->tok[k++].e;
            continue;
        }
        unsigned char c = (unsigned char)v->t[i];
        uint32_t cp = c;
        size_t n = 1;
        if (c >= 0x80)
            n = songbad_utf8_decode_fast((const unsigned char *)v->t + i, v->n - i, &cp);
        int ok = (cp < 0x80 && news_in_set(" \t\r,|/;&:()[]-*.'", (int)cp)) ||
                 cp == 0x2013 || cp == 0x2014 || cp == 0x2019 || cp == 0x060C ||
                 (cp == 0x0964 && i >= last);
        if (!ok) return 0;
        i += n;
    }
    return 1;
}

/* A short name, a comma and a place: "তানভীর হাসান, কলকাতা". */
static int name_place(const news_view *v, const piece *head, size_t nh)
{
    return nh == 2 && head[0].kind == PIECE_NAME && head[0].b - head[0].a <= 3 &&
           head[1].kind == PIECE_PLACE && head[1].a == head[0].b &&
           songbad_news_gap_has(v, head[0].b - 1, ",");
}

/* The byline rule; on success adds the credits and returns 1. */
static int byline_rule(songbad_article *a, const news_view *v, size_t line)
{
    size_t nt = v->ntok;
    if (nt == 0 || nt > 16 || !byline_chars(v)) return 0;
    piece head[MAX_PIECES], group[MAX_PIECES];
    size_t nh = 0, ng = 0;
    size_t h0 = 0, h1 = nt;
    int author_mode = 0, source_mode = 0, have_group = 0;
    size_t u;

    /* a trailing parenthesized group: "... (এএফপি, রয়টার্সের মতে)" */
    {
        size_t e = v->n;
        while (e > 0 && (v->t[e - 1] == ' ' || v->t[e - 1] == '.')) e--;
        if (e >= 3 && memcmp(v->t + e - 3, "\xE0\xA5\xA4", 3) == 0) e -= 3;
        while (e > 0 && v->t[e - 1] == ' ') e--;
        if (e > 0 && v->t[e - 1] == ')') {
            size_t open = e - 1;
            while (open > 0 && v->t[open - 1] != '(') open--;
            if (open > 0) {
                size_t g0 = 0;
                while (g0 < nt && v->tok[g0].s < open) g0++;
                if (g0 < nt) {
                    if (!parse_group(v, g0, nt, group, &ng)) return 0;
                    have_group = 1;
                    h1 = g0;
                }
            }
        }
    }
    /* a leading marker: "লেখক: ...", "সূত্র: ..." */
    if (songbad_news_word_in(v, 0, source_markers, 0, &u) && u < nt &&
        (songbad_news_gap_has(v, u - 1, ":") || songbad_news_gap_has(v, u - 1, "\xE0\xA6\x83"))) {
        source_mode = 1;
        h0 = u;
    } else if (songbad_news_word_in(v, 0, author_markers, 0, &u) && u < h1) {
        author_mode = 1;
        h0 = u;
    }
    if (h0 < h1) {
        /* "রয়টার্স অবলম্বনে" without brackets is a group too */
        if (!have_group && !author_mode &&
            songbad_news_word_in(v, h1 - 1, group_markers, 0, NULL)) {
            if (!parse_group(v, h0, h1, group, &ng)) return 0;
            have_group = 1;
            h1 = h0;
        } else {
            nh = split_pieces(v, h0, h1, head);
            if (!nh) return 0;
            /* লেখক: NAME, DESCRIPTION - what follows the first comma
             * describes the author */
            for (size_t i = 0; author_mode && i + 1 < nh; i++) {
                if (!songbad_news_gap_has(v, head[i].b - 1, ",")) continue;
                head[i + 1].b = head[nh - 1].b;
                head[i + 1].role = 1;
                nh = i + 2;
                if (head[i + 1].b - head[i + 1].a > 10) return 0;
            }
        }
    }
    int desks = 0, names = 0, agencies = 0, after_desk = 0;
    for (size_t i = 0; i < nh; i++) {
        piece *p = &head[i];
        if (source_mode) {
            classify_piece(v, p);
            if (p->kind != PIECE_AGENCY) {
                if (p->b - p->a > 6) return 0;
                p->kind = PIECE_SOURCE;
            }
            continue;
        }
        if (p->role) {
            p->kind = PIECE_DESK;
            continue;
        }
        classify_piece(v, p);
        /* after লেখক: or উত্তর দিয়েছেন: a name may be longer */
        if (p->kind == PIECE_NONE && author_mode && name_like(v, p->a, p->b, 7))
            p->kind = PIECE_NAME;
        if (p->kind == PIECE_NONE || p->kind == PIECE_SOURCE) return 0;
        if (p->kind == PIECE_MARKER) continue;
        if (p->kind == PIECE_NAME && after_desk && p->b - p->a == 1)
            p->kind = PIECE_PLACE; /* নিজস্ব প্রতিবেদক, কুমিল্লা */
        desks += p->kind == PIECE_DESK;
        names += p->kind == PIECE_NAME;
        agencies += p->kind == PIECE_AGENCY;
        if (p->kind == PIECE_DESK) after_desk = 1;
    }
    int ok = have_group || (source_mode && nh > 0) || (author_mode && names) ||
             desks || (agencies && !names && nt <= 6) ||
             name_place(v, head, nh); /* তানভীর হাসান, কলকাতা */
    if (!ok) return 0;
    for (size_t i = 0; i < nh; i++) {
        int rc = emit_piece(a, v, &head[i], NEWS_IN_BYLINE, line, 0);
        if (rc) return -1;
    }
    for (size_t i = 0; i < ng; i++) {
        int rc = emit_piece(a, v, &group[i], NEWS_IN_BYLINE, line, 1);
        if (rc) return -1;
    }
    return 1;
}

/* ---- captions --------------------------------------------------------------- */
static const char *const photo_markers[] = {"ছবি", "ছবিঃ", "ফটো", "photo", "ছবিসূত্র", NULL};
static const char *const caption_seps[] = {":", "-", "|", "\xE2\x80\x93", "\xE2\x80\x94", NULL};

/* Only closing punctuation after token i to the end of the line. */
static int line_ends_after(const news_view *v, size_t i)
{
    size_t gl;
    const char *g = songbad_news_gap(v, i, &gl);
    if (i + 1 < v->ntok) return 0;
    for (size_t k = 0; k < gl;) {
        unsigned char c = (unsigned char)g[k];
        if (c < 0x80) {
            if (!news_in_set(").]!.' ", c)) return 0;
            k++;
            continue;
        }
        uint32_t cp;
        k += songbad_utf8_decode_fast((const unsigned char *)g + k, gl - k, &cp);
        if (cp != 0x0964 && cp != 0x2019 && cp != 0x201D && cp != 0x2026) return 0;
    }
    return 1;
}

static int emit_caption_credit(songbad_article *a, const news_view *v, size_t c0,
                               size_t c1, size_t line)
{
    piece ps[MAX_PIECES];
    size_t n = split_pieces(v, c0, c1, ps);
    size_t s, e;
    if (!n) {
        songbad_news_span(v, v->tok[c0].s, v->tok[c1 - 1].e, &s, &e);
        return songbad_news_add_credit(a, SONGBAD_CREDIT_PHOTO, NEWS_IN_CAPTION,
                                       NULL, s, e, line);
    }
    for (size_t i = 0; i < n; i++) {
        piece *p = &ps[i];
        size_t u;
        const char *ag = songbad_news_agency(v, p->a, &u);
        int rc;
        if (ag && p->a + u == p->b) {
            songbad_news_span(v, v->tok[p->a].s, v->tok[p->b - 1].e, &s, &e);
            rc = songbad_news_add_credit(a, SONGBAD_CREDIT_AGENCY, NEWS_IN_CAPTION,
                                         ag, s, e, line);
        } else {
            songbad_news_span(v, v->tok[p->a].s, v->tok[p->b - 1].e, &s, &e);
            rc = songbad_news_add_credit(a, SONGBAD_CREDIT_PHOTO, NEWS_IN_CAPTION,
                                         NULL, s, e, line);
        }
        if (rc) return rc;
    }
    return SONGBAD_OK;
}

/* The caption rule; on success adds the credit and returns 1. */
static int caption_rule(songbad_article *a, const news_view *v, size_t line)
{
    size_t nt = v->ntok;
    if (nt == 0 || nt > 90) return 0;
    size_t last = nt - 1;
    /* "... ফাইল ছবি" / "... ছবি: ফাইল" / "... ছবি সংগৃহীত" at the end */
    if (line_ends_after(v, last)) {
        if (nt >= 2 && songbad_news_word(v, last, "ছবি", 0) &&
            songbad_news_word(v, last - 1, "ফাইল", 0)) {
            int rc = emit_caption_credit(a, v, last - 1, nt, line);
            return rc ? -1 : 1;
        }
        if (nt >= 2 && songbad_news_word(v, last, "সংগৃহীত", 0) &&
            songbad_news_word(v, last - 1, "ছবি", 0) && !songbad_news_gap_has(v, last - 1, ":")) {
            int rc = emit_caption_credit(a, v, last, nt, line);
            return rc ? -1 : 1;
        }
    }
    /* "... ছবি: X" with X of at most seven words */
    size_t lo = nt > 8 ? nt - 8 : 0;
    for (size_t m = nt - 1; m + 1 > lo + 0 && m < nt; m--) {
        size_t u;
        if (songbad_news_word_in(v, m, photo_markers, 0, &u) && u == 1 && m + 1 < nt) {
            int sep = songbad_news_word(v, m, "ছবিঃ", 0);
            for (size_t k = 0; !sep && caption_seps[k]; k++)
                sep = songbad_news_gap_has(v, m, caption_seps[k]);
            if (sep) {
                /* the credit runs to the end; no sentence inside it */
                for (size_t k = m + 1; k + 1 < nt; k++)
                    if (songbad_news_gap_has(v, k, "\xE0\xA5\xA4") || songbad_news_gap_has(v, k, "?")) return 0;
                if (!line_ends_after(v, nt - 1)) return 0;
                int rc = emit_caption_credit(a, v, m + 1, nt, line);
                return rc ? -1 : 1;
            }
        }
        if (m == 0) break;
    }
    return 0;
}

/* ---- boilerplate ---------------------------------------------------------- */
static const char *const ad_words[] = {
    "বিজ্ঞাপন", "advertisement", "advertisements", "advert", "ad", "ads",
    "sponsored", "স্পনসরড", "স্পন্সরড", NULL};
static const char *const source_link_lines[] = {
    "উৎস লিঙ্ক", "উৎস লিংক", "মূল লিঙ্ক", "মূল লিংক", "সূত্র লিঙ্ক", "সূত্র লিংক",
    "source link", "original link", NULL};
static const char *const read_more_heads[] = {
    "আরও পড়ুন", "আরো পড়ুন", "আরও পড়তে", "আরো পড়তে", "বিস্তারিত পড়ুন",
    "আরও দেখুন", "আরো দেখুন", "আরও জানুন", "read more", "also read", "see also",
    "লিংক", "লিঙ্ক", "link", NULL};
static const char *const comment_words[] = {
    "মন্তব্য", "মন্তব্যসমূহ", "মন্তব্যগুলো", "comments", "comment", NULL};
static const char *const comment_fillers[] = {"টি", "করুন", "লিখুন", "নেই", NULL};
static const char *const share_calls[] = {
    "শেয়ার করুন", "সাবস্ক্রাইব করুন", "ফলো করুন", "লাইক দিন", "যুক্ত থাকুন",
    "যুক্ত হোন", "share", "subscribe", "follow us", NULL};
static const char *const platforms[] = {
    "ফেসবুক", "ইউটিউব", "টুইটার", "হোয়াটসঅ্যাপ", "টেলিগ্রাম", "ইনস্টাগ্রাম",
    "গুগল", "নিউজ", "চ্যানেল", "পেজ", "facebook", "youtube", "twitter",
    "whatsapp", "telegram", "google", "news", "channel", "page", NULL};
static const char *const related_lines[] = {
    "সম্পর্কিত খবর", "সংশ্লিষ্ট খবর", "আরও খবর", "আরো খবর", "এই বিভাগের আরও খবর",
    "এই বিভাগের আরো খবর", "সর্বশেষ খবর", "সর্বাধিক পঠিত", "related news",
    "more news", "latest news", "ট্যাগ", "ট্যাগস", "tags", NULL};
static const char *const tag_heads[] = {"ট্যাগ", "ট্যাগস", "tags", "tag", NULL};
static const char *const meta_heads[] = {
    "সর্বশেষ আপডেট", "প্রকাশের সময়", "প্রকাশিত", "প্রকাশ", "আপডেট", "হালনাগাদ",
    "last updated", "published", "updated", NULL};
static const char *const nav_words[] = {
    "প্রিন্ট", "print", "শেয়ার", "ইমেইল", "email", "হোম", "প্রচ্ছদ", "home",
    "টুইট", "tweet", NULL};

/* Whether the whole line is one of the phrases (punctuation aside). */
static int whole_line(const news_view *v, const char *const *list)
{
    size_t u;
    return v->ntok && songbad_news_word_in(v, 0, list, 0, &u) && u == v->ntok &&
           songbad_news_only_chars(v, ":.!|-[]()");
}

/* A head phrase followed by a colon (or a visarga written for one). */
static int head_colon(const news_view *v, const char *const *list, size_t *used)
{
    size_t u;
    if (!songbad_news_word_in(v, 0, list, 0, &u)) return 0;
    if (u < v->ntok && (songbad_news_gap_has(v, u - 1, ":") || songbad_news_gap_has(v, u - 1, "\xE0\xA6\x83"))) {
        *used = u;
        return 1;
    }
    /* প্রকাশঃ: the visarga is a mark, inside the word */
    const char *t = v->t + v->tok[u - 1].e;
    if (u < v->ntok && v->tok[u - 1].e >= 3 && memcmp(t - 3, "\xE0\xA6\x83", 3) == 0) {
        *used = u;
        return 1;
    }
    return 0;
}

static int boiler_rule(const news_view *v, news_class *c)
{
    size_t nt = v->ntok, u;
    if (nt == 0) return 0;
    /* [বিজ্ঞাপন_২], বিজ্ঞাপন, (Advertisement) */
    if (nt <= 2 && songbad_news_word_in(v, 0, ad_words, 0, &u) && u == 1 &&
        (nt == 1 || songbad_news_tok_digits(v, 1)) && songbad_news_only_chars(v, "[](){}<>_-:|#*.")) {
        c->rule = NEWS_BP_AD;
        return 1;
    }
    if (whole_line(v, source_link_lines)) {
        c->rule = NEWS_BP_SOURCE_LINK;
        return 1;
    }
    if (songbad_news_word_in(v, 0, read_more_heads, 0, &u)) {
        if (u == nt && songbad_news_only_chars(v, ":.!|-[]()>")) {
            c->rule = NEWS_BP_READ_MORE;
            c->more_link = 1;
            return 1;
        }
        if (u < nt && (songbad_news_gap_has(v, u - 1, ":") || songbad_news_gap_has(v, u - 1, "-") ||
                       songbad_news_gap_has(v, u - 1, "|") || songbad_news_gap_has(v, u - 1, ">") ||
                       songbad_news_gap_has(v, u - 1, "\xE2\x80\x93") ||
                       songbad_news_gap_has(v, u - 1, "\xE2\x80\x94") ||
                       songbad_news_gap_has(v, u - 1, "\xC2\xBB")) &&
            nt <= 40) {
            c->rule = NEWS_BP_READ_MORE;
            return 1;
        }
    }
    /* মন্তব্য (0), ২টি মন্তব্য, মন্তব্য করুন */
    if (nt <= 4) {
        int words = 0, ok = 1;
        for (size_t i = 0; i < nt && ok; i++) {
            if (songbad_news_word_in(v, i, comment_words, 0, NULL)) words++;
            else if (!songbad_news_tok_count(v, i) &&
                     !songbad_news_word_in(v, i, comment_fillers, 0, NULL))
                ok = 0;
        }
        if (ok && words && songbad_news_only_chars(v, "()[]:.")) {
            c->rule = NEWS_BP_COMMENTS;
            return 1;
        }
    }
    /* share / follow / subscribe lines */
    if (nt <= 15) {
        for (size_t k = 0; share_calls[k]; k++) {
            size_t len = 1;
            for (const char *p = share_calls[k]; *p; p++) len += *p == ' ';
            if (len > nt || songbad_news_phrase(v, nt - len, share_calls[k], 0) != len)
                continue;
            int platform = nt <= 4;
            for (size_t i = 0; i < nt && !platform; i++)
                platform = songbad_news_word_in(v, i, platforms, NEWS_SFX, NULL);
            if (platform && songbad_news_only_chars(v, ":.!|-")) {
                c->rule = NEWS_BP_SHARE;
                return 1;
            }
        }
    }
    if (whole_line(v, related_lines) || (nt <= 30 && head_colon(v, tag_heads, &u))) {
        c->rule = NEWS_BP_RELATED;
        return 1;
    }
    if (nt <= 20 && head_colon(v, meta_heads, &u)) {
        c->rule = NEWS_BP_META;
        return 1;
    }
    if (nt == 1 && whole_line(v, nav_words)) {
        c->rule = NEWS_BP_NAV;
        return 1;
    }
    return 0;
}

/* ---- slugs: "/বাসস", "এমএইচ/এএসএম" -------------------------------------- */
static int slug_rule(songbad_article *a, const news_view *v, size_t line,
                     news_class *c)
{
    size_t nt = v->ntok;
    if (nt == 0 || nt > 4 || !songbad_news_only_chars(v, "/")) return 0;
    int slash = 0;
    for (size_t i = 0; i < v->n; i++) {
        if (v->t[i] == ' ') return 0;
        slash += v->t[i] == '/';
    }
    if (!slash) return 0;
    int agencies = 0;
    for (size_t i = 0; i < nt; i++) {
        if (songbad_news_tok_has_digit(v, i) || songbad_news_tok_cps(v, i) > 10) return 0;
        size_t u;
        if (songbad_news_agency(v, i, &u) && u == 1) agencies++;
    }
    if (!agencies) {
        c->kind = NEWS_LINE_BOILER;
        c->rule = NEWS_BP_SLUG;
        return 1;
    }
    for (size_t i = 0; i < nt; i++) {
        size_t u, s, e;
        const char *ag = songbad_news_agency(v, i, &u);
        if (!ag || u != 1) continue;
        songbad_news_span(v, v->tok[i].s, v->tok[i].e, &s, &e);
        if (songbad_news_add_credit(a, SONGBAD_CREDIT_AGENCY, NEWS_IN_BYLINE, ag,
                                    s, e, line))
            return -1;
    }
    c->kind = NEWS_LINE_BYLINE;
    return 1;
}

/* ---- line classification ---------------------------------------------------- */

int songbad_news_honorific_before(const char *t, size_t close)
{
    /* "(সা.)", "(রা.)", "(আ.)": at most three letters and a full stop */
    if (close == 0 || t[close - 1] != '.') return 0;
    size_t k = close - 1, letters = 0;
    while (k > 0 && t[k - 1] != '(' && close - k < 16) {
        k--;
        letters += ((unsigned char)t[k] & 0xC0) != 0x80;
    }
    return k > 0 && t[k - 1] == '(' && letters >= 1 && letters <= 4;
}

static int ends_sentence(const news_view *v)
{
    size_t e = v->n;
    for (;;) {
        while (e > 0 && (v->t[e - 1] == ' ' || v->t[e - 1] == '\t' ||
                         v->t[e - 1] == '\r'))
            e--;
        if (e == 0) return 0;
        size_t cs;
        uint32_t c = songbad_utf8_decode_before(v->t, e, &cs);
        if (c == ')' && songbad_news_honorific_before(v->t, cs)) return 0;
        if (c == ')' || c == ']' || c == '"' || c == '\'' || c == 0x2019 ||
            c == 0x201D || c == 0xBB || c == '*') {
            e = cs;
            continue;
        }
        return c == 0x0964 || c == 0x0965 || c == '.' || c == '?' || c == '!' ||
               c == ':' || c == ';' || c == 0x2026;
    }
}

int songbad_news_classify(songbad_article *a, const news_view *v, size_t line,
                          news_class *c)
{
    memset(c, 0, sizeof *c);
    c->words = v->ntok;
    c->ends_sentence = ends_sentence(v);
    if (boiler_rule(v, c)) {
        c->kind = NEWS_LINE_BOILER;
        return SONGBAD_OK;
    }
    size_t before = a->ncredits;
    int r = slug_rule(a, v, line, c);
    if (r < 0) return SONGBAD_E_NOMEM;
    if (r) return SONGBAD_OK;
    r = caption_rule(a, v, line);
    if (r < 0) return SONGBAD_E_NOMEM;
    if (r) {
        c->kind = NEWS_LINE_CAPTION;
        return SONGBAD_OK;
    }
    a->ncredits = before;
    r = byline_rule(a, v, line);
    if (r < 0) return SONGBAD_E_NOMEM;
    if (r) {
        c->kind = NEWS_LINE_BYLINE;
        return SONGBAD_OK;
    }
    a->ncredits = before;
    c->kind = NEWS_LINE_TEXT;
    return SONGBAD_OK;
}

int songbad_news_is_title_like(const news_view *v)
{
    return v->ntok > 0 && v->ntok <= 20 && !ends_sentence(v);
}

/* ---- credits inside paragraphs ------------------------------------------ */

/* "নিজস্ব প্রতিবেদক :", "ইনকিলাব ডেস্ক ||" at the start of a paragraph. */
static int inline_byline(songbad_article *a, const news_view *v, size_t part)
{
    size_t lim = v->ntok < 8 ? v->ntok : 8;
    size_t lg;
    songbad_news_lead_gap(v, &lg);
    if (lg) return SONGBAD_OK;
    for (size_t i = 0; i + 1 < lim; i++) {
        size_t gl;
        const char *g = songbad_news_gap(v, i, &gl);
        int colon = gl && (memchr(g, ':', gl) || memchr(g, '|', gl) ||
                           songbad_news_gap_has(v, i, "\xE2\x80\x94") ||
                           songbad_news_gap_has(v, i, "\xE0\xA6\x83"));
        if (!colon) {
            /* only commas and name punctuation before the colon */
            for (size_t k = 0; k < gl; k++)
                if (!news_in_set(",.-'", g[k])) return SONGBAD_OK;
            continue;
        }
        piece ps[MAX_PIECES];
        size_t n = split_pieces(v, 0, i + 1, ps);
        if (!n) return SONGBAD_OK;
        int desks = 0, after_desk = 0;
        for (size_t k = 0; k < n; k++) {
            classify_piece(v, &ps[k]);
            if (ps[k].kind == PIECE_NONE || ps[k].kind == PIECE_MARKER)
                return SONGBAD_OK;
            if (ps[k].kind == PIECE_NAME && after_desk && ps[k].b - ps[k].a == 1)
                ps[k].kind = PIECE_PLACE;
            if (ps[k].kind == PIECE_DESK) desks++, after_desk = 1;
        }
        if (!desks) return SONGBAD_OK;
        for (size_t k = 0; k < n; k++) {
            int rc = emit_piece(a, v, &ps[k], NEWS_IN_BYLINE, part, 0);
            if (rc) return rc;
        }
        return SONGBAD_OK;
    }
    return SONGBAD_OK;
}

/* "ঢাকা, ১২ মার্চ (বাসস) :" - an agency in brackets near the start,
 * followed by a colon or a dash. */
static int dateline(songbad_article *a, const news_view *v, size_t part)
{
    size_t lim = v->ntok < 10 ? v->ntok : 10;
    for (size_t i = 0; i < lim; i++) {
        size_t gl;
        const char *g = songbad_news_gap(v, i, &gl);
        if (!gl || g[gl - 1] != '(' ) continue;
        size_t u;
        const char *ag = songbad_news_agency(v, i + 1, &u);
        if (!ag || i + u >= v->ntok) return SONGBAD_OK;
        size_t j = i + u; /* last token of the name */
        const char *g2 = songbad_news_gap(v, j, &gl);
        if (gl < 2 || g2[0] != ')') return SONGBAD_OK;
        int tail = memchr(g2, ':', gl) || memchr(g2, '-', gl) ||
                   songbad_news_gap_has(v, j, "\xE2\x80\x93") || songbad_news_gap_has(v, j, "\xE2\x80\x94");
        if (!tail) return SONGBAD_OK;
        size_t s, e, pu;
        int rc = SONGBAD_OK;
        if (place_at(v, 0, &pu) && pu <= i) {
            songbad_news_span(v, v->tok[0].s, v->tok[pu - 1].e, &s, &e);
            rc = songbad_news_add_credit(a, SONGBAD_CREDIT_PLACE, NEWS_IN_BYLINE,
                                         NULL, s, e, part);
        }
        songbad_news_span(v, v->tok[i + 1].s, v->tok[j].e, &s, &e);
        if (!rc)
            rc = songbad_news_add_credit(a, SONGBAD_CREDIT_AGENCY, NEWS_IN_BYLINE,
                                         ag, s, e, part);
        return rc;
    }
    return SONGBAD_OK;
}

/* Words after an agency that make a mention a credit: এএফপির বরাতে. */
static const char *const attribution_after[] = {
    "বরাতে", "বরাত দিয়ে", "খবরে", "প্রতিবেদনে", "অবলম্বনে", "সূত্রে", "জানিয়েছে",
    "জানায়", "বলছে", "বলেছে", NULL};
static const char *const attribution_before[] = {
    "বার্তা সংস্থা", "বার্তাসংস্থা", "সংবাদ সংস্থা", "সংবাদসংস্থা", NULL};

static int attributions(songbad_article *a, const news_view *v, size_t part)
{
    for (size_t i = 0; i < v->ntok; i++) {
        size_t u = 0, k = i;
        int cue = 0;
        if (songbad_news_word(v, i, "খবর", 0) && i + 1 < v->ntok) {
            k = i + 1;
            cue = 1; /* "খবর এএফপির।" at a sentence end */
        } else if (songbad_news_word_in(v, i, attribution_before, 0, &u)) {
            k = i + u;
            cue = 2;
        } else if ((songbad_news_word_in(v, i, source_markers, 0, &u)) &&
                   i + u < v->ntok && songbad_news_gap_has(v, i + u - 1, ":")) {
            k = i + u;
            cue = 2;
        }
        const char *ag;
        size_t s, e;
        if (cue) {
            /* "খবর এএফপির।", "সূত্র: এপি, রয়টার্স ও বিবিসি" */
            for (int more = 1; more && k < v->ntok;) {
                ag = songbad_news_agency(v, k, &u);
                if (!ag) break;
                size_t last = k + u - 1;
                if (cue == 1 && !(last + 1 == v->ntok ||
                                  songbad_news_gap_has(v, last, "\xE0\xA5\xA4") ||
                                  songbad_news_gap_has(v, last, ".")))
                    break;
                /* the surface is the name, without the qualifiers before it */
                size_t name_start = k, uu;
                while (name_start < last && !agency_at(v, name_start, &uu)) name_start++;
                songbad_news_span(v, v->tok[name_start].s, v->tok[last].e, &s, &e);
                if (songbad_news_add_credit(a, SONGBAD_CREDIT_AGENCY, NEWS_IN_TEXT, ag,
                                            s, e, part))
                    return SONGBAD_E_NOMEM;
                i = last;
                more = 0;
                if (last + 1 < v->ntok && is_conj(v, last + 1) && songbad_news_soft_gap(v, last)) {
                    k = last + 2;
                    more = 1;
                } else if (last + 1 < v->ntok && songbad_news_gap_has(v, last, ",")) {
                    size_t gl;
                    songbad_news_gap(v, last, &gl);
                    k = last + 1;
                    more = gl == 1;
                }
            }
            continue;
        }
        ag = agency_at(v, i, &u);
        if (!ag || i + u >= v->ntok) continue;
        if (!songbad_news_soft_gap(v, i + u - 1)) continue;
        if (!songbad_news_word_in(v, i + u, attribution_after, 0, NULL)) continue;
        songbad_news_span(v, v->tok[i].s, v->tok[i + u - 1].e, &s, &e);
        if (songbad_news_add_credit(a, SONGBAD_CREDIT_AGENCY, NEWS_IN_TEXT, ag, s, e,
                                    part))
            return SONGBAD_E_NOMEM;
        i += u - 1;
    }
    return SONGBAD_OK;
}

int songbad_news_paragraph_credits(songbad_article *a, const news_view *v,
                                   size_t part, int first)
{
    int rc = SONGBAD_OK;
    if (first) {
        rc = inline_byline(a, v, part);
        if (!rc) rc = dateline(a, v, part);
    }
    if (!rc) rc = attributions(a, v, part);
    return rc;
}

/* ---- self-check ------------------------------------------------------------- */

static size_t check_list(news_scratch *s, const char *const *list,
                         const char **bad)
{
    size_t nbad = 0;
    for (size_t i = 0; list[i]; i++) {
        const char *p = list[i];
        news_view v;
        if (songbad_news_view(s, p, 0, strlen(p), &v)) return nbad + 1;
        /* the pattern, normalized, must match itself as a phrase */
        if (songbad_news_phrase(&v, 0, p, 0) != v.ntok || v.ntok == 0) {
            if (!nbad) *bad = p;
            nbad++;
        }
    }
    return nbad;
}

size_t songbad_news_rules_check(news_scratch *s, const char **bad)
{
    static const char *const *const lists[] = {
        agency_qualifiers, places, role_heads, author_markers, source_markers,
        group_markers, not_name_words, desk_words, photo_markers, ad_words, source_link_lines,
        read_more_heads, comment_words, comment_fillers, share_calls, platforms,
        related_lines, tag_heads, meta_heads, nav_words, attribution_after,
        attribution_before};
    size_t nbad = 0;
    for (size_t i = 0; i < sizeof lists / sizeof lists[0]; i++)
        nbad += check_list(s, lists[i], bad);
    nbad += songbad_news_endings_check(s, bad);
    for (size_t a = 0; a < sizeof agency_table / sizeof agency_table[0]; a++) {
        const char *sp[7] = {0};
        for (size_t k = 0; k < 6; k++) sp[k] = agency_table[a].spell[k];
        nbad += check_list(s, sp, bad);
    }
    return nbad;
}
