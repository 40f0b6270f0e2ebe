/*
 * add_prepare.c - the part of adding an article that needs no database,
 * done ahead of the add and on any thread (songbad_article_prepare_index):
 * the document it is stored as (add_article.c), the terms the songbad
 * tokenizer gives FTS5 for each indexed text, the MinHash of the body and
 * the content hash. The store then gives FTS5 these terms (a replay, see
 * index_tokenizer.c) instead of analyzing the texts again, so a second
 * thread can take the analysis off the one that writes. The result is the
 * same database as without.
 */
#include "add_int.h"
#include "index_tap.h"
#include "news_int.h"

typedef struct recorder {
    songbad_prepared *p;
    songbad_shingles *shingles; /* the body's words go to the MinHash too */
} recorder;

static int record(void *ctx, const songbad_term *t)
{
    recorder *r = ctx;
    songbad_prepared *p = r->p;
    /* FTS5 takes int lengths and offsets (index_tokenizer.c checks the same) */
    if (t->len > 0x7FFFFFFF || t->end > 0x7FFFFFFF || p->nbytes > 0x7FFFFFFF)
        return SONGBAD_E_TOOBIG;
    if (songbad_grow(&p->alloc, (void **)&p->term, &p->cap_term, p->nterm + 1, sizeof *p->term) ||
        songbad_grow(&p->alloc, (void **)&p->bytes, &p->cap_bytes, p->nbytes + t->len + 1, 1))
        return SONGBAD_E_NOMEM;
    prepared_term *m = &p->term[p->nterm++];
    m->off = (uint32_t)p->nbytes;
    m->len = (uint32_t)t->len;
    m->start = (uint32_t)t->start;
    m->end = (uint32_t)t->end;
    m->colocated = t->colocated != 0;
    memcpy(p->bytes + p->nbytes, t->text, t->len);
    p->nbytes += t->len;
    return r->shingles ? songbad_minhash_term(r->shingles, t) : SONGBAD_OK;
}

static void prepared_free(void *ptr)
{
    songbad_prepared *p = ptr;
    if (!p) return;
    songbad_article_doc_free(&p->doc);
    songbad_alloc_free(&p->alloc, p->term);
    songbad_alloc_free(&p->alloc, p->bytes);
    songbad_allocator a = p->alloc;
    songbad_alloc_free(&a, p);
}

static int prepare(songbad_prepared *p, const songbad_article *a, songbad_analyzer *an)
{
    int rc = songbad_article_doc(&p->alloc, a, &p->doc);
    if (rc) return rc;
    const songbad_doc *d = &p->doc.d;
    rc = songbad_content_hash(&p->alloc, d, p->content_hash);
    if (rc) return rc;
    /* the texts in the order of the store's INSERT INTO fts */
    const songbad_str texts[PREPARED_TEXTS] = {d->headline, d->lead, d->body, d->captions,
                                               d->source};
    songbad_shingles sh;
    songbad_minhash_begin(&sh, p->sig);
    songbad_analyzer *own = NULL;
    if (!an) rc = songbad_analyzer_new(SONGBAD_ANALYZE_DEFAULT, &p->alloc, &own);
    if (own) an = own;
    /* the store replays the terms only to a tokenizer of the same flags */
    if (!rc) p->analyze_flags = songbad_analyzer_flags(an);
    for (int i = 0; !rc && i < PREPARED_TEXTS; i++) {
        prepared_text *pt = &p->text[i];
        pt->text = texts[i].ptr;
        pt->len = texts[i].len;
        pt->first = p->nterm;
        if (!pt->text) continue; /* NULL: FTS5 tokenizes nothing */
        recorder r = {p, i == 2 ? &sh : NULL};
        rc = songbad_analyze(an, pt->text, pt->len, record, &r);
        pt->n = p->nterm - pt->first;
    }
    songbad_analyzer_free(own);
    p->nshingles = sh.nshingles;
    return rc;
}

int songbad_article_prepare_index(songbad_article *a, songbad_analyzer *an)
{
    if (!a) return SONGBAD_E_INVAL;
    if (a->prepared) return SONGBAD_OK;
    songbad_prepared *p = songbad_alloc_realloc(&a->alloc, NULL, sizeof *p);
    if (!p) return SONGBAD_E_NOMEM;
    memset(p, 0, sizeof *p);
    p->alloc = a->alloc;
    int rc = prepare(p, a, an);
    if (rc) {
        prepared_free(p);
        return rc;
    }
    a->prepared = p;
    a->prepared_free = prepared_free;
    return SONGBAD_OK;
}

const songbad_prepared *songbad_article_prepared(const songbad_article *a)
{
    return a->prepared_free == prepared_free ? a->prepared : NULL;
}
