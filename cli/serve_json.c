/* serve_json.c - jansson helpers for `songbad serve`. */
#include "serve_json.h"

#include <stdlib.h>
#include <string.h>

json_t *sj_string(const char *s, size_t len)
{
    if (!s) return json_null();
    if (songbad_utf8_validate(s, len, NULL) == SONGBAD_OK) return json_stringn(s, len);
    /* repair: each maximal ill-formed subpart becomes U+FFFD (3 bytes) */
    char *buf = malloc(3 * len + 1);
    if (!buf) return NULL;
    size_t n = 0;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t k = songbad_utf8_decode(s + i, len - i, &cp);
        n += songbad_utf8_encode(cp, buf + n);
        i += k;
    }
    json_t *v = json_stringn(buf, n);
    free(buf);
    return v;
}

json_t *sj_str(songbad_str s) { return sj_string(s.ptr, s.len); }

json_t *sj_raw(songbad_str s)
{
    if (!s.ptr || !s.len) return json_null();
    json_t *v = json_loadb(s.ptr, s.len, 0, NULL);
    return v ? v : json_null();
}

int sj_set(json_t *obj, const char *key, json_t *value)
{
    if (!value) return -1;
    return json_object_set_new(obj, key, value) ? -1 : 0;
}
