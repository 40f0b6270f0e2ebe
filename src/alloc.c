/* alloc.c - the allocator hook: every heap allocation of the library goes
 * through a songbad_allocator so hosts (SQLite, PostgreSQL, tests that inject
 * failures) can supply their own. */
#include "songbad_int.h"

#include <stdlib.h>

static void *default_realloc(void *ctx, void *p, size_t n)
{
    SONGBAD_UNUSED(ctx);
    return realloc(p, n ? n : 1);
}

static void default_free(void *ctx, void *p)
{
    SONGBAD_UNUSED(ctx);
    free(p);
}

void songbad_alloc_init(songbad_allocator *dst, const songbad_allocator *a)
{
    if (a && a->realloc && a->free) {
        *dst = *a;
    } else {
        dst->realloc = default_realloc;
        dst->free = default_free;
        dst->ctx = NULL;
    }
}

void *songbad_alloc_realloc(const songbad_allocator *a, void *p, size_t n)
{
    return a->realloc(a->ctx, p, n);
}

void songbad_alloc_free(const songbad_allocator *a, void *p)
{
    if (p) a->free(a->ctx, p);
}

int songbad_grow(const songbad_allocator *a, void **buf, size_t *cap,
                 size_t need, size_t elem)
{
    if (need <= *cap) return SONGBAD_OK;
    size_t ncap = *cap ? *cap : 64;
    while (ncap < need) {
        if (ncap > SIZE_MAX / 2) return SONGBAD_E_NOMEM;
        ncap *= 2;
    }
    if (ncap > SIZE_MAX / elem) return SONGBAD_E_NOMEM;
    void *p = songbad_alloc_realloc(a, *buf, ncap * elem);
    if (!p) return SONGBAD_E_NOMEM;
    *buf = p;
    *cap = ncap;
    return SONGBAD_OK;
}
