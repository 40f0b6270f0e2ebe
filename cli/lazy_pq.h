/* lazy_pq.h - libpq, opened with dlopen when --pg first needs it
 * (cli/lazy_libs.c). Linked at start-up, libpq and what it pulls in
 * (GnuTLS, Kerberos, LDAP: some twenty libraries) took most of the start
 * of every `songbad search`, which a search on SQLite never uses. A file
 * that calls libpq includes this header, not <libpq-fe.h>, and calls
 * lazy_pq_load first; the functions keep their names, which stand for
 * pointers the load fills. */
#ifndef SONGBAD_LAZY_PQ_H
#define SONGBAD_LAZY_PQ_H

#include <libpq-fe.h>
#include <stddef.h>

#define LAZY_PQ_FUNCTIONS(X)                                                              \
    X(PQclear) X(PQgetvalue) X(PQntuples) X(PQresultStatus) X(PQexec) X(PQgetisnull)      \
    X(PQexecParams) X(PQerrorMessage) X(PQstatus) X(PQsetClientEncoding)                  \
    X(PQresultErrorMessage) X(PQprepare) X(PQgetlength) X(PQfinish) X(PQexecPrepared)      \
    X(PQconnectdb)

#define LAZY_PQ_FIELD(name) __typeof__(name) *name;
typedef struct lazy_pq_api { LAZY_PQ_FUNCTIONS(LAZY_PQ_FIELD) } lazy_pq_api;
#undef LAZY_PQ_FIELD
extern lazy_pq_api lazy_pq;

/* Loads libpq (once); 0, or -1 with the reason in err. */
int lazy_pq_load(char *err, size_t cap);

#ifndef LAZY_LIBS_IMPL
#define PQclear lazy_pq.PQclear
#define PQgetvalue lazy_pq.PQgetvalue
#define PQntuples lazy_pq.PQntuples
#define PQresultStatus lazy_pq.PQresultStatus
#define PQexec lazy_pq.PQexec
#define PQgetisnull lazy_pq.PQgetisnull
#define PQexecParams lazy_pq.PQexecParams
#define PQerrorMessage lazy_pq.PQerrorMessage
#define PQstatus lazy_pq.PQstatus
#define PQsetClientEncoding lazy_pq.PQsetClientEncoding
#define PQresultErrorMessage lazy_pq.PQresultErrorMessage
#define PQprepare lazy_pq.PQprepare
#define PQgetlength lazy_pq.PQgetlength
#define PQfinish lazy_pq.PQfinish
#define PQexecPrepared lazy_pq.PQexecPrepared
#define PQconnectdb lazy_pq.PQconnectdb
#endif

#endif
