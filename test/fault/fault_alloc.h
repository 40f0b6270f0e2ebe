/* fault_alloc.h - the failing allocators of the fault-injection sweep
 * (test/fault/fault.c). One countdown is shared by every way memory is taken
 * during an operation: the songbad_allocator hook, the library's default
 * allocator (realloc/free wrapped at link time with -Wl,--wrap), SQLite
 * (SQLITE_CONFIG_MALLOC) and jansson (json_set_alloc_funcs). */
#ifndef SONGBAD_FAULT_ALLOC_H
#define SONGBAD_FAULT_ALLOC_H

#include <stddef.h>

#include "songbad.h"

enum { SRC_HOOK, SRC_LIBC, SRC_SQLITE, SRC_JSON, SRC_COUNT };

typedef struct fault_state {
    long countdown;      /* fail the allocation that brings it to 0; <0 = off */
    int hit;             /* the failure was injected */
    int hit_src;         /* into which source (SRC_*) */
    long allocs;         /* allocations made since fault_arm */
    long live[SRC_COUNT];/* blocks not yet freed, per source */
    int tracking;        /* count the library's realloc/free (else pass) */
    int inject_json;     /* fail jansson's allocations too: off by default,
                            jansson 2.14 drops string bytes when one fails */
} fault_state;

extern fault_state fault;

/* The hook allocator handed to songbad_*_new. */
extern const songbad_allocator fault_allocator;

/* Installs the SQLite and jansson allocators; before any other SQLite call. */
int fault_install(void);

/* Fails the n-th allocation from now on (n >= 1), or none when n == 0. */
void fault_arm(long n);
void fault_disarm(void);

#endif
