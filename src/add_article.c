/*
 * add_article.c - storing a structured article: its parts become the
 * indexed fields. The headline, the lead (first paragraph), the body (every
 * paragraph, the lead too, so lead words weigh in both columns), captions,
 * bylines and agencies; boilerplate and blank lines are not indexed. The
 * original text is kept verbatim; the structure itself is not stored, since
 * parsing the original again gives it back (songbad show does that).
 */
#include "add_int.h"
#include "news_int.h"

#include <stdio.h>

/* A growable byte buffer with a sticky error. */
typedef struct joined {
    const songbad_allocator *a;
    char *p;
    size_t n, cap;
    int rc;
} joined;

static void join_add(joined *j, const char *s, size_t n, const char *sep)
{
    size_t sl = j->n && sep ? strlen(sep) : 0;
    if (j->rc) return;
    j->rc = songbad_grow(j->a, (void **)&j->p, &j->cap, j->n + sl + n + 1, 1);
    if (j->rc) return;
    memcpy(j->p + j->n, sep ? sep : "", sl);
    memcpy(j->p + j->n + sl, s, n);
    j->n += sl + n;
}

static songbad_str str_of(const joined *j)
{
    songbad_str s = {j->n ? j->p : NULL, j->n};
    return s;
}

static songbad_str field(const songbad_article *a, const char *name)
{
    songbad_str s = {NULL, 0};
    s.ptr = songbad_article_field(a, name, &s.len);
    return s;
}

/* Appends name as a JSON string (agency names are plain ASCII words, but
 * quote and backslash are escaped all the same). */
static void json_name(joined *j, const char *s, size_t n)
{
    join_add(j, j->n ? ",\"" : "[\"", 2, NULL);
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '"' || s[i] == '\\') join_add(j, "\\", 1, NULL);
        if ((unsigned char)s[i] >= 0x20) join_add(j, s + i, 1, NULL);
    }
    join_add(j, "\"", 1, NULL);
}

int songbad_db_add_article(songbad_db *db, const songbad_article *a, unsigned flags,
                           songbad_add_status *status)
{
    if (!db || !a || !status) return SONGBAD_E_INVAL;
    joined body = {&db->alloc, NULL, 0, 0, 0}, captions = body, byline = body,
           agencies = body;
    size_t nparts, ncredits;
    const songbad_article_part *parts = songbad_article_parts(a, &nparts);
    for (size_t i = 0; i < nparts; i++) {
        const songbad_article_part *p = &parts[i];
        if (p->kind == SONGBAD_PART_PARAGRAPH) join_add(&body, p->text, p->len, "\n\n");
        else if (p->kind == SONGBAD_PART_CAPTION) join_add(&captions, p->text, p->len, "\n");
        else if (p->kind == SONGBAD_PART_BYLINE) join_add(&byline, p->text, p->len, "\n");
    }
    const songbad_credit *credits = songbad_article_credits(a, &ncredits);
    for (size_t i = 0; i < ncredits; i++) {
        if (credits[i].kind != SONGBAD_CREDIT_AGENCY) continue;
        /* each agency once */
        int seen = 0;
        for (size_t k = 0; k < i && !seen; k++)
            seen = credits[k].kind == SONGBAD_CREDIT_AGENCY &&
                   credits[k].name_len == credits[i].name_len &&
                   memcmp(credits[k].name, credits[i].name, credits[i].name_len) == 0;
        if (!seen) json_name(&agencies, credits[i].name, credits[i].name_len);
    }
    if (agencies.n) join_add(&agencies, "]", 1, NULL);

    songbad_doc d;
    memset(&d, 0, sizeof d);
    d.id = field(a, "id");
    const songbad_article_part *h = songbad_article_headline(a), *lead = songbad_article_lead(a);
    if (h) {
        d.headline.ptr = h->text;
        d.headline.len = h->len;
    }
    if (lead) {
        d.lead.ptr = lead->text;
        d.lead.len = lead->len;
    }
    d.body = str_of(&body);
    d.captions = str_of(&captions);
    d.byline = str_of(&byline);
    d.agencies = str_of(&agencies);
    d.source = field(a, "source");
    d.date = field(a, "date");
    if (!d.date.ptr) {
        const char *pub = songbad_article_pub_date(a);
        if (pub) {
            d.date.ptr = pub;
            d.date.len = strlen(pub);
        }
    }
    d.url = field(a, "url");
    d.category = field(a, "category");
    d.lang = field(a, "lang");
    d.extra.ptr = songbad_article_extra(a, &d.extra.len);
    d.original.ptr = songbad_article_text(a, &d.original.len);

    /* an article without an id is named after its text */
    char hashid[24];
    if (!d.id.ptr || d.id.len == 0) {
        uint64_t hash = songbad_fnv1a(d.original.ptr, d.original.len, SONGBAD_FNV_SEED);
        snprintf(hashid, sizeof hashid, "h%016llx", (unsigned long long)hash);
        d.id.ptr = hashid;
        d.id.len = strlen(hashid);
    }
    /* an article without paragraphs (all headline, or all boilerplate) is
     * still searchable: its text is the body */
    if (!d.body.ptr) d.body = d.original;

    int rc = body.rc | captions.rc | byline.rc | agencies.rc ? SONGBAD_E_NOMEM : SONGBAD_OK;
    /* every text of d is a piece of the article's texts, or ASCII */
    if (!rc) rc = a->utf8_checked ? songbad_db_add_checked(db, &d, flags, status)
                                  : songbad_db_add(db, &d, flags, status);
    songbad_alloc_free(&db->alloc, body.p);
    songbad_alloc_free(&db->alloc, captions.p);
    songbad_alloc_free(&db->alloc, byline.p);
    songbad_alloc_free(&db->alloc, agencies.p);
    return rc;
}
