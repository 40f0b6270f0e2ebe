/* lazy_mhd.h - libmicrohttpd, opened with dlopen when `songbad serve`
 * starts (cli/lazy_libs.c; see lazy_pq.h for why). */
#ifndef SONGBAD_LAZY_MHD_H
#define SONGBAD_LAZY_MHD_H

#include <microhttpd.h>
#include <stddef.h>

#define LAZY_MHD_FUNCTIONS(X)                                                             \
    X(MHD_add_response_header) X(MHD_create_response_from_buffer) X(MHD_destroy_response) \
    X(MHD_get_daemon_info) X(MHD_lookup_connection_value) X(MHD_lookup_connection_value_n) \
    X(MHD_queue_response) X(MHD_start_daemon) X(MHD_stop_daemon)

#define LAZY_MHD_FIELD(name) __typeof__(name) *name;
typedef struct lazy_mhd_api { LAZY_MHD_FUNCTIONS(LAZY_MHD_FIELD) } lazy_mhd_api;
#undef LAZY_MHD_FIELD
extern lazy_mhd_api lazy_mhd;

/* Loads libmicrohttpd (once); 0, or -1 with the reason in err. */
int lazy_mhd_load(char *err, size_t cap);

#ifndef LAZY_LIBS_IMPL
#define MHD_add_response_header lazy_mhd.MHD_add_response_header
#define MHD_create_response_from_buffer lazy_mhd.MHD_create_response_from_buffer
#define MHD_destroy_response lazy_mhd.MHD_destroy_response
#define MHD_get_daemon_info lazy_mhd.MHD_get_daemon_info
#define MHD_lookup_connection_value lazy_mhd.MHD_lookup_connection_value
#define MHD_lookup_connection_value_n lazy_mhd.MHD_lookup_connection_value_n
#define MHD_queue_response lazy_mhd.MHD_queue_response
#define MHD_start_daemon lazy_mhd.MHD_start_daemon
#define MHD_stop_daemon lazy_mhd.MHD_stop_daemon
#endif

#endif
