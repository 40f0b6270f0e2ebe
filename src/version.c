/* version.c - version strings and status-code names. */
#include "songbad_int.h"

#define STR2(x) #x
#define STR(x) STR2(x)

const char *songbad_version(void)
{
    return STR(SONGBAD_VERSION_MAJOR) "." STR(SONGBAD_VERSION_MINOR) "." STR(
        SONGBAD_VERSION_PATCH);
}

const char *songbad_strerror(int rc)
{
    switch (rc) {
    case SONGBAD_OK: return "success";
    case SONGBAD_DONE: return "stopped early";
    case SONGBAD_E_NOMEM: return "out of memory";
    case SONGBAD_E_INVAL: return "invalid argument";
    case SONGBAD_E_UTF8: return "invalid UTF-8";
    case SONGBAD_E_IO: return "input/output error";
    case SONGBAD_E_TOOBIG: return "input too large";
    case SONGBAD_E_QUERY: return "malformed query";
    case SONGBAD_E_DB: return "database error";
    case SONGBAD_E_SCHEMA: return "unsupported database schema";
    case SONGBAD_E_NOTFOUND: return "not found";
    default: return "unknown error";
    }
}
