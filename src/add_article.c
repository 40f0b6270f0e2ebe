/*
 * add_article.c - storing a structured article: its parts become the
 * indexed fields. The headline, the lead (first paragraph), the body (every
 * paragraph, the lead too, so lead words weigh in both columns), captions,
 * bylines and agencies; boilerplate and blank lines are not indexed. The
 * original text is kept verbatim; the structure itself is not stored, since
 * parsing the original again gives it back (songbad show does that).
 * An article prepared ahead (add_prepare.c) brings its document along.
 */
#include "add_int.h"
#include "news_int.h"

#include <stdio.h>

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

int songbad_article_doc(const songbad_allocator *alloc, const songbad_article *a,
                        article_doc *ad)
{
    memset(ad, 0, sizeof *ad);
    joined empty = {alloc, NULL, 0, 0, 0};
    ad->body = ad->captions = ad->byline = ad->agencies = empty;
    size_t nparts, ncredits;
    const songbad_article_part *parts = songbad_article_parts(a, &nparts);
    for (size_t i = 0; i < nparts; i++) {
        const songbad_article_part *p = &parts[i];
        if (p->kind == SONGBAD_PART_PARAGRAPH) join_add(&ad->body, p->text, p->len, "\n\n");
        else if (p->kind == SONGBAD_PART_CAPTION) join_add(&ad->captions, p->text, p->len, "\n");
        else if (p->kind == SONGBAD_PART_BYLINE) join_add(&ad->byline, p->text, p->len, "\n");
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
        if (!seen) json_name(&ad->agencies, credits[i].name, credits[i].name_len);
    }
    if (ad->agencies.n) join_add(&ad->agencies, "]", 1, NULL);

    songbad_doc *d = &ad->d;
    d->id = field(a, "id");
    const songbad_article_part *h = songbad_article_headline(a), *lead = songbad_article_lead(a);
    if (h) {
        d->headline.ptr = h->text;
        d->headline.len = h->len;
    }
    if (lead) {
        d->lead.ptr = lead->text;
        d->lead.len = lead->len;
    }
    d->body = str_of(&ad->body);
    d->captions = str_of(&ad->captions);
    d->byline = str_of(&ad->byline);
    d->agencies = str_of(&ad->agencies);
    d->source = field(a, "source");
    d->date = field(a, "date");
    if (!d->date.ptr) {
        const char *pub = songbad_article_pub_date(a);
        if (pub) {
            d->date.ptr = pub;
            d->date.len = strlen(pub);
        }
    }
    d->url = field(a, "url");
    d->category = field(a, "category");
    d->lang = field(a, "lang");
    d->extra.ptr = songbad_article_extra(a, &d->extra.len);
    d->original.ptr = songbad_article_text(a, &d->original.len);

    /* an article without an id is named after its text */
    if (!d->id.ptr || d->id.len == 0) {
        uint64_t hash = songbad_fnv1a(d->original.ptr, d->original.len, SONGBAD_FNV_SEED);
        snprintf(ad->hashid, sizeof ad->hashid, "h%016llx", (unsigned long long)hash);
        d->id.ptr = ad->hashid;
        d->id.len = strlen(ad->hashid);
    }
    /* an article without paragraphs (all headline, or all boilerplate) is
     * still searchable: its text is the body */
    if (!d->body.ptr) d->body = d->original;
    return ad->body.rc | ad->captions.rc | ad->byline.rc | ad->agencies.rc ? SONGBAD_E_NOMEM
                                                                           : SONGBAD_OK;
}

void songbad_article_doc_free(article_doc *ad)
{
    joined *j[] = {&ad->body, &ad->captions, &ad->byline, &ad->agencies};
    for (size_t i = 0; i < sizeof j / sizeof j[0]; i++) {
        songbad_alloc_free(j[i]->a, j[i]->p);
        j[i]->p = NULL;
    }
}

int songbad_db_add_article(songbad_db *db, const songbad_article *a, unsigned flags,
                           songbad_add_status *status)
{
    if (!db || !a || !status) return SONGBAD_E_INVAL;
    /* every text of the document is a piece of the article's texts, or
       ASCII: checked when the article was */
    const songbad_prepared *prep = songbad_article_prepared(a);
    if (prep) return songbad_db_add_doc(db, &prep->doc.d, flags, prep, a->utf8_checked, status);
    article_doc ad;
    int rc = songbad_article_doc(&db->alloc, a, &ad);
    if (!rc) rc = songbad_db_add_doc(db, &ad.d, flags, NULL, a->utf8_checked, status);
    songbad_article_doc_free(&ad);
    return rc;
}
