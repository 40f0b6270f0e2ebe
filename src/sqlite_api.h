/* sqlite_api.h - how library files reach SQLite. Built into libsongbad they
 * call it directly; built into the loadable extension (build/songbad.so,
 * SONGBAD_SQLITE_EXTENSION defined) they call it through the routine table
 * that the host SQLite hands to sqlite3_songbad_init. */
#ifndef SONGBAD_SQLITE_API_H
#define SONGBAD_SQLITE_API_H

#ifdef SONGBAD_SQLITE_EXTENSION
#include <sqlite3ext.h>
SQLITE_EXTENSION_INIT3
#else
#include <sqlite3.h>
#endif

#endif
