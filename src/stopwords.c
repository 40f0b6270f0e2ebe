/*
 * stopwords.c - songbad_is_stopword: Bengali function words.
 *
 * The list is our own, reviewed word by word. It holds only function words:
 *   conj  conjunctions, complementizers and connectives (এবং, কিন্তু, যে)
 *   post  postpositions and relational words (থেকে, জন্য, সঙ্গে, মধ্যে)
 *   pron  pronouns, demonstratives, determiners, interrogatives and the
 *         adverbs built on them (আমি, তার, এই, কোনো, এখানে, কখন)
 *   part  negation, particles and adverbs of degree or focus (না, নয়, শুধু)
 *   aux   copula, auxiliaries, modals and the light verbs হওয়া, করা, থাকা
 *         in their most frequent forms (হয়, হয়েছে, ছিল, আছে, করে, পারে)
 * It never holds words that carry meaning in news, even when other lists have
 * them: directions (উত্তর, দক্ষিণ, পূর্ব, পশ্চিম), numbers and amounts (কোটি,
 * লাখ, এক, দুই), time (দিন, সময়, বছর, আজ), and nouns such as সরকার, দেশ,
 * কাজ, কারণ, শুরু, নতুন. A word that is ambiguous between a function word and
 * a frequent content word is left out (মত "opinion", ফলে "fruit", মনে "mind").
 *
 * Entries are written in the search-normalized form (songbad_normalize at
 * SONGBAD_NORM_SEARCH: nukta letters decomposed, ো composed), which is the
 * form the function is given; the unit test checks every entry. The array is
 * sorted by bytes for binary search; each entry is tagged with its group.
 */
#include "songbad_int.h"

typedef struct stopword {
    const char *s;
    unsigned char len;
} stopword;

#define SW(str) {str, (unsigned char)(sizeof(str) - 1)}

static const stopword stopwords[] = {
    SW("অথচ"),                   /* conj */
    SW("অথবা"),                  /* conj */
    SW("অনুযায়ী"),              /* post */
    SW("অনেক"),                  /* part */
    SW("অন্য"),                  /* pron */
    SW("অন্যান্য"),              /* pron */
    SW("অবশ্য"),                 /* part */
    SW("অবশ্যই"),                /* part */
    SW("আগে"),                   /* post */
    SW("আছে"),                   /* aux */
    SW("আপনার"),                 /* pron */
    SW("আপনারা"),                /* pron */
    SW("আপনি"),                  /* pron */
    SW("আবার"),                  /* part */
    SW("আমরা"),                  /* pron */
    SW("আমাকে"),                 /* pron */
    SW("আমাদের"),                /* pron */
    SW("আমার"),                  /* pron */
    SW("আমি"),                   /* pron */
    SW("আর"),                    /* conj */
    SW("আরও"),                   /* part */
    SW("আরো"),                   /* part */
    SW("ইতিমধ্যে"),              /* part */
    SW("ইতোমধ্যে"),              /* part */
    SW("ইত্যাদি"),               /* part */
    SW("ইনি"),                   /* pron */
    SW("উচিত"),                  /* aux */
    SW("উনি"),                   /* pron */
    SW("উপর"),                   /* post */
    SW("উপরে"),                  /* post */
    SW("উভয়"),                  /* pron */
    SW("এ"),                     /* pron */
    SW("এই"),                    /* pron */
    SW("এখন"),                   /* pron */
    SW("এখনও"),                  /* part */
    SW("এখনো"),                  /* part */
    SW("এখানে"),                 /* pron */
    SW("এগুলো"),                 /* pron */
    SW("এটা"),                   /* pron */
    SW("এটি"),                   /* pron */
    SW("এত"),                    /* part */
    SW("এতে"),                   /* pron */
    SW("এদের"),                  /* pron */
    SW("এবং"),                   /* conj */
    SW("এভাবে"),                 /* pron */
    SW("এমন"),                   /* pron */
    SW("এমনকি"),                 /* conj */
    SW("এর"),                    /* pron */
    SW("এরা"),                   /* pron */
    SW("এসব"),                   /* pron */
    SW("ঐ"),                     /* pron */
    SW("ও"),                     /* conj */
    SW("ওই"),                    /* pron */
    SW("ওপর"),                   /* post */
    SW("ওপরে"),                  /* post */
    SW("কখন"),                   /* pron */
    SW("কত"),                    /* pron */
    SW("কতজন"),                  /* pron */
    SW("কতটা"),                  /* pron */
    SW("কতটুকু"),                /* pron */
    SW("কবে"),                   /* pron */
    SW("কয়টি"),                 /* pron */
    SW("করছে"),                  /* aux */
    SW("করতে"),                  /* aux */
    SW("করবে"),                  /* aux */
    SW("করা"),                   /* aux */
    SW("করার"),                  /* aux */
    SW("করে"),                   /* aux */
    SW("করেছে"),                 /* aux */
    SW("করেছেন"),                /* aux */
    SW("করেন"),                  /* aux */
    SW("কর্তৃক"),                /* post */
    SW("কাকে"),                  /* pron */
    SW("কাছে"),                  /* post */
    SW("কাদের"),                 /* pron */
    SW("কার"),                   /* pron */
    SW("কারা"),                  /* pron */
    SW("কি"),                    /* pron */
    SW("কিংবা"),                 /* conj */
    SW("কিছু"),                  /* pron */
    SW("কিন্তু"),                /* conj */
    SW("কিভাবে"),                /* pron */
    SW("কিসের"),                 /* pron */
    SW("কী"),                    /* pron */
    SW("কীভাবে"),                /* pron */
    SW("কীসের"),                 /* pron */
    SW("কে"),                    /* pron */
    SW("কেউ"),                   /* pron */
    SW("কেন"),                   /* pron */
    SW("কেবল"),                  /* part */
    SW("কোথা"),                  /* pron */
    SW("কোথায়"),                /* pron */
    SW("কোন"),                   /* pron */
    SW("কোনও"),                  /* pron */
    SW("কোনগুলো"),               /* pron */
    SW("কোনটি"),                 /* pron */
    SW("কোনো"),                  /* pron */
    SW("খুব"),                   /* part */
    SW("গিয়ে"),                 /* aux */
    SW("চেয়ে"),                 /* post */
    SW("ছাড়া"),                 /* post */
    SW("ছিল"),                   /* aux */
    SW("ছিলেন"),                 /* aux */
    SW("জন্য"),                  /* post */
    SW("তখন"),                   /* pron */
    SW("তবু"),                   /* conj */
    SW("তবুও"),                  /* conj */
    SW("তবে"),                   /* conj */
    SW("তা"),                    /* pron */
    SW("তাঁকে"),                 /* pron */
    SW("তাঁদের"),                /* pron */
    SW("তাঁর"),                  /* pron */
    SW("তাঁরা"),                 /* pron */
    SW("তাই"),                   /* conj */
    SW("তাকে"),                  /* pron */
    SW("তাতে"),                  /* pron */
    SW("তাদের"),                 /* pron */
    SW("তার"),                   /* pron */
    SW("তারা"),                  /* pron */
    SW("তাহলে"),                 /* conj */
    SW("তিনি"),                  /* pron */
    SW("তুমি"),                  /* pron */
    SW("তেমন"),                  /* pron */
    SW("তো"),                    /* part */
    SW("তোমার"),                 /* pron */
    SW("থাকবে"),                 /* aux */
    SW("থাকে"),                  /* aux */
    SW("থেকে"),                  /* post */
    SW("দিকে"),                  /* post */
    SW("দিয়ে"),                 /* post */
    SW("দ্বারা"),                /* post */
    SW("নয়"),                   /* part */
    SW("না"),                    /* part */
    SW("নাই"),                   /* part */
    SW("নাকি"),                  /* conj */
    SW("নি"),                    /* part */
    SW("নিচে"),                  /* post */
    SW("নিজ"),                   /* pron */
    SW("নিজে"),                  /* pron */
    SW("নিজেদের"),               /* pron */
    SW("নিজের"),                 /* pron */
    SW("নিয়ে"),                 /* post */
    SW("নেই"),                   /* part */
    SW("পক্ষে"),                 /* post */
    SW("পর"),                    /* post */
    SW("পরে"),                   /* post */
    SW("পর্যন্ত"),               /* post */
    SW("পারে"),                  /* aux */
    SW("পারেন"),                 /* aux */
    SW("প্রতি"),                 /* post */
    SW("প্রত্যেক"),              /* pron */
    SW("প্রায়"),                /* part */
    SW("বরং"),                   /* conj */
    SW("বলে"),                   /* aux */
    SW("বা"),                    /* conj */
    SW("বিরুদ্ধে"),              /* post */
    SW("বেশ"),                   /* part */
    SW("ভেতরে"),                 /* post */
    SW("মতো"),                   /* post */
    SW("মধ্যে"),                 /* post */
    SW("মাত্র"),                 /* part */
    SW("মাধ্যমে"),               /* post */
    SW("যখন"),                   /* pron */
    SW("যত"),                    /* part */
    SW("যদি"),                   /* conj */
    SW("যদিও"),                  /* conj */
    SW("যা"),                    /* pron */
    SW("যাকে"),                  /* pron */
    SW("যাতে"),                  /* conj */
    SW("যাদের"),                 /* pron */
    SW("যাবে"),                  /* aux */
    SW("যায়"),                  /* aux */
    SW("যার"),                   /* pron */
    SW("যারা"),                  /* pron */
    SW("যিনি"),                  /* pron */
    SW("যে"),                    /* conj */
    SW("যেখানে"),                /* pron */
    SW("যেন"),                   /* conj */
    SW("যেমন"),                  /* pron */
    SW("যেহেতু"),                /* conj */
    SW("রয়েছে"),                /* aux */
    SW("শুধু"),                  /* part */
    SW("সকল"),                   /* pron */
    SW("সঙ্গে"),                 /* post */
    SW("সব"),                    /* pron */
    SW("সবাই"),                  /* pron */
    SW("সবার"),                  /* pron */
    SW("সম্পর্কে"),              /* post */
    SW("সহ"),                    /* post */
    SW("সাথে"),                  /* post */
    SW("সুতরাং"),                /* conj */
    SW("সে"),                    /* pron */
    SW("সেই"),                   /* pron */
    SW("সেখানে"),                /* pron */
    SW("সেগুলো"),                /* pron */
    SW("সেটা"),                  /* pron */
    SW("সেটি"),                  /* pron */
    SW("হওয়া"),                 /* aux */
    SW("হচ্ছে"),                 /* aux */
    SW("হতে"),                   /* post */
    SW("হবে"),                   /* aux */
    SW("হয়"),                   /* aux */
    SW("হয়তো"),                 /* part */
    SW("হয়ে"),                  /* aux */
    SW("হয়েছিল"),               /* aux */
    SW("হয়েছে"),                /* aux */
    SW("হয়েছেন"),               /* aux */
    SW("হল"),                    /* aux */
    SW("হলে"),                   /* aux */
    SW("হলো"),                   /* aux */
    SW("হিসাবে"),                /* post */
    SW("হিসেবে"),                /* post */
};

#define N_STOPWORDS (sizeof(stopwords) / sizeof(stopwords[0]))

/* No entry is longer than this (9 code points); the unit test finds every
 * entry through songbad_is_stopword, so a longer one would be noticed. */
#define STOPWORD_MAX_BYTES 27

/* Byte order of the word and an entry (shorter first on a tie); inline,
 * since the strings are too short for a call to memcmp to pay. */
static int compare(const unsigned char *w, size_t len, const stopword *e)
{
    const unsigned char *s = (const unsigned char *)e->s;
    size_t n = len < e->len ? len : e->len;
    for (size_t i = 0; i < n; i++)
        if (w[i] != s[i]) return w[i] < s[i] ? -1 : 1;
    return len < e->len ? -1 : len > e->len ? 1 : 0;
}

int songbad_is_stopword(const char *word, size_t len)
{
    if (!word || len == 0 || len > STOPWORD_MAX_BYTES) return 0;
    const unsigned char *w = (const unsigned char *)word;
    size_t lo = 0, hi = N_STOPWORDS;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = compare(w, len, &stopwords[mid]);
        if (c == 0) return 1;
        if (c < 0) hi = mid;
        else lo = mid + 1;
    }
    return 0;
}

/* The i-th entry of the list (bytes, in sorted order) with its length in
 * *len, or NULL past the end. Not public: the unit tests use it to check the
 * list (sorted, normalized, no content words). */
const char *songbad_stopword_entry(size_t i, size_t *len);
const char *songbad_stopword_entry(size_t i, size_t *len)
{
    if (i >= N_STOPWORDS) return NULL;
    if (len) *len = stopwords[i].len;
    return stopwords[i].s;
}
