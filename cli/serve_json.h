/* serve_json.h - small jansson helpers shared by the parts of `songbad serve`. */
#ifndef SONGBAD_SERVE_JSON_H
#define SONGBAD_SERVE_JSON_H

#include "songbad.h"
#include <jansson.h>

/* A JSON string of s[0..len) (ill-formed UTF-8 becomes U+FFFD, since jansson
 * refuses it), or JSON null when s is NULL. NULL only when out of memory. */
json_t *sj_string(const char *s, size_t len);
json_t *sj_str(songbad_str s);

/* Parses a JSON text stored in the database (agencies, structure, extra);
 * null when absent or unreadable. */
json_t *sj_raw(songbad_str s);

/* Adds value to obj under key, taking the reference; 0 on success, -1 when
 * value is NULL (out of memory). */
int sj_set(json_t *obj, const char *key, json_t *value);

#endif
