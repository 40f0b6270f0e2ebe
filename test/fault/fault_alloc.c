/* fault_alloc.c - allocators that fail on the armed allocation and count the
 * blocks each source still holds (see fault_alloc.h). */
#include "fault_alloc.h"

#include <jansson.h>
#include <sqlite3.h>
#include <limits.h>
#include <string.h>

/* the C library's own functions, under -Wl,--wrap=realloc,--wrap=free */
void *__real_realloc(void *p, size_t n);
void __real_free(void *p);
void *__wrap_realloc(void *p, size_t n);
void __wrap_free(void *p);

fault_state fault = {-1, 0, 0, 0, {0}, 0, 0};

static int should_fail(int src)
{
    if (fault.countdown < 0) return 0;
    fault.allocs++;
    if (--fault.countdown == 0) {
        fault.hit = 1;
        fault.hit_src = src;
        return 1;
    }
    return 0;
}

void fault_arm(long n)
{
    fault.countdown = n > 0 ? n : LONG_MAX;
    fault.hit = 0;
    fault.allocs = 0;
    fault.tracking = 1;
}

void fault_disarm(void)
{
    fault.countdown = -1;
    fault.tracking = 0;
}

/* ---- the songbad_allocator hook ---- */
static void *hook_realloc(void *ctx, void *p, size_t n)
{
    (void)ctx;
    if (should_fail(SRC_HOOK)) return NULL;
    void *q = __real_realloc(p, n ? n : 1);
    if (q && !p) fault.live[SRC_HOOK]++;
    return q;
}

static void hook_free(void *ctx, void *p)
{
    (void)ctx;
    if (p) fault.live[SRC_HOOK]--;
    __real_free(p);
}

const songbad_allocator fault_allocator = {hook_realloc, hook_free, NULL};

/* ---- the library's default allocator (only src/alloc.c calls these) ---- */
void *__wrap_realloc(void *p, size_t n)
{
    if (!fault.tracking) return __real_realloc(p, n);
    if (should_fail(SRC_LIBC)) return NULL;
    void *q = __real_realloc(p, n);
    if (q && !p) fault.live[SRC_LIBC]++;
    return q;
}

void __wrap_free(void *p)
{
    if (fault.tracking && p) fault.live[SRC_LIBC]--;
    __real_free(p);
}

/* ---- SQLite: a 16-byte header keeps the size for xSize ---- */
#define HDR 16

static void *sq_malloc(int n)
{
    if (n <= 0 || should_fail(SRC_SQLITE)) return NULL;
    unsigned char *b = __real_realloc(NULL, (size_t)n + HDR);
    if (!b) return NULL;
    memcpy(b, &n, sizeof n);
    fault.live[SRC_SQLITE]++;
    return b + HDR;
}

static void sq_free(void *p)
{
    if (!p) return;
    fault.live[SRC_SQLITE]--;
    __real_free((unsigned char *)p - HDR);
}

static void *sq_realloc(void *p, int n)
{
    if (!p) return sq_malloc(n);
    if (n <= 0 || should_fail(SRC_SQLITE)) return NULL;
    unsigned char *b = __real_realloc((unsigned char *)p - HDR, (size_t)n + HDR);
    if (!b) return NULL;
    memcpy(b, &n, sizeof n);
    return b + HDR;
}

static int sq_size(void *p)
{
    int n = 0;
    if (p) memcpy(&n, (unsigned char *)p - HDR, sizeof n);
    return n;
}

static int sq_roundup(int n) { return (n + 7) & ~7; }
static int sq_init(void *ctx) { (void)ctx; return SQLITE_OK; }
static void sq_shutdown(void *ctx) { (void)ctx; }

/* ---- jansson ---- */
static void *js_malloc(size_t n)
{
    if (fault.inject_json && should_fail(SRC_JSON)) return NULL;
    void *p = __real_realloc(NULL, n ? n : 1);
    if (p) fault.live[SRC_JSON]++;
    return p;
}

static void js_free(void *p)
{
    if (p) fault.live[SRC_JSON]--;
    __real_free(p);
}

int fault_install(void)
{
    static const sqlite3_mem_methods m = {sq_malloc, sq_free, sq_realloc, sq_size,
                                          sq_roundup, sq_init, sq_shutdown, NULL};
    if (sqlite3_config(SQLITE_CONFIG_MALLOC, &m) != SQLITE_OK) return -1;
    json_set_alloc_funcs(js_malloc, js_free);
    return sqlite3_initialize() == SQLITE_OK ? 0 : -1;
}
