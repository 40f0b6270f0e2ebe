/* lazy_libs.c - dlopen of libpq and libmicrohttpd (lazy_pq.h, lazy_mhd.h). */
#define LAZY_LIBS_IMPL
#include "lazy_mhd.h"
#include "lazy_pq.h"

#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

lazy_pq_api lazy_pq;
lazy_mhd_api lazy_mhd;

/* Opens soname and fills the struct at api, one function pointer per name
 * of names (NULL-terminated), in order; 0 or -1 with err set. */
static int load(const char *soname, const char *const *names, void *api, int *done,
                char *err, size_t cap)
{
    if (*done) return 0;
    void *h = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        const char *why = dlerror();
        snprintf(err, cap, "cannot load %s (%s)", soname, why ? why : "no reason given");
        return -1;
    }
    for (int i = 0; names[i]; i++) {
        void *f = dlsym(h, names[i]);
        if (!f) {
            snprintf(err, cap, "cannot load %s: it has no %s", soname, names[i]);
            return -1; /* the handle stays open: nothing else to undo */
        }
        /* a data pointer copied into a function pointer, as POSIX allows */
        memcpy((char *)api + (size_t)i * sizeof f, &f, sizeof f);
    }
    *done = 1;
    return 0;
}

#define LAZY_NAME(name) #name,
#define LAZY_COUNT(name) +1

int lazy_pq_load(char *err, size_t cap)
{
    static int done;
    static const char *const names[] = {LAZY_PQ_FUNCTIONS(LAZY_NAME) NULL};
    const char *soname = getenv("SONGBAD_LIBPQ"); /* another build of libpq */
    _Static_assert(sizeof(lazy_pq_api) == (0 LAZY_PQ_FUNCTIONS(LAZY_COUNT)) * sizeof(void (*)(void)),
                   "one pointer per function");
    return load(soname && *soname ? soname : "libpq.so.5", names, &lazy_pq, &done, err, cap);
}

int lazy_mhd_load(char *err, size_t cap)
{
    static int done;
    static const char *const names[] = {LAZY_MHD_FUNCTIONS(LAZY_NAME) NULL};
    const char *soname = getenv("SONGBAD_LIBMICROHTTPD");
    _Static_assert(sizeof(lazy_mhd_api) ==
                       (0 LAZY_MHD_FUNCTIONS(LAZY_COUNT)) * sizeof(void (*)(void)),
                   "one pointer per function");
    return load(soname && *soname ? soname : "libmicrohttpd.so.12", names, &lazy_mhd, &done, err,
                cap);
}
