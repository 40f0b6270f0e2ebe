/* tmpdb.h - a test's database: a file t.db in a new folder under /tmp, and
 * its removal with the files SQLite keeps beside it. */
#ifndef SONGBAD_TMPDB_H
#define SONGBAD_TMPDB_H

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

/* dir: a mkdtemp template ("/tmp/NAME.XXXXXX"), made into the folder;
 * path: its t.db. 0 when the folder cannot be made. */
static inline int tmpdb_make(char *dir, char *path, size_t cap)
{
    if (!mkdtemp(dir)) return 0;
    snprintf(path, cap, "%s/t.db", dir);
    return 1;
}

static inline void tmpdb_remove(const char *dir, const char *path)
{
    static const char *const sides[] = {"", "-wal", "-shm", "-journal"};
    char side[512];
    for (size_t i = 0; i < sizeof sides / sizeof sides[0]; i++) {
        snprintf(side, sizeof side, "%s%s", path, sides[i]);
        unlink(side);
    }
    rmdir(dir);
}

#endif
