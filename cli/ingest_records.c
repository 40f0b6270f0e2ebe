/* ingest_records.c - turns input files into songbad_doc records: JSON Lines
 * (one record a line: id, title, body, date, source, url, category, lang;
 * other fields are kept as JSON) and plain-text articles (one a file). */
#include "ingest.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static songbad_str str_of(json_t *v)
{
    songbad_str s = {NULL, 0};
    if (json_is_string(v)) {
        s.ptr = json_string_value(v);
        s.len = json_string_length(v);
    }
    return s;
}

static const char *const known_fields[] = {"id", "title", "headline", "body", "date",
                                           "source", "url", "category", "lang"};

static int is_known(const char *key)
{
    for (size_t i = 0; i < sizeof known_fields / sizeof known_fields[0]; i++)
        if (strcmp(key, known_fields[i]) == 0) return 1;
    return 0;
}

static int add_json_record(ingest_run *r, json_t *obj, const char *file, size_t line)
{
    songbad_doc d;
    memset(&d, 0, sizeof d);
    char idbuf[32];
    json_t *id = json_object_get(obj, "id");
    if (json_is_integer(id)) {
        snprintf(idbuf, sizeof idbuf, "%lld", (long long)json_integer_value(id));
        d.id.ptr = idbuf;
        d.id.len = strlen(idbuf);
    } else if (id && !json_is_string(id)) {
        ingest_bad_record(r, file, line, "field id is neither a string nor an integer");
        return EXIT_OK;
    } else {
        d.id = str_of(id);
    }
    json_t *body = json_object_get(obj, "body");
    if (!body) {
        ingest_bad_record(r, file, line, "record has no body");
        return EXIT_OK;
    }
    if (!json_is_string(body)) {
        ingest_bad_record(r, file, line, "field body is not a string");
        return EXIT_OK;
    }
    d.body = str_of(body);
    d.headline = str_of(json_object_get(obj, "title"));
    if (!d.headline.ptr) d.headline = str_of(json_object_get(obj, "headline"));
    d.date = str_of(json_object_get(obj, "date"));
    d.source = str_of(json_object_get(obj, "source"));
    d.url = str_of(json_object_get(obj, "url"));
    d.category = str_of(json_object_get(obj, "category"));
    d.lang = str_of(json_object_get(obj, "lang"));
    /* the record's other fields, kept */
    json_t *extra = json_object();
    const char *key;
    json_t *val;
    json_object_foreach(obj, key, val) {
        if (!is_known(key)) json_object_set(extra, key, val);
    }
    char *extra_text = json_object_size(extra) ? json_dumps(extra, JSON_COMPACT) : NULL;
    json_decref(extra);
    if (extra_text) {
        d.extra.ptr = extra_text;
        d.extra.len = strlen(extra_text);
    }
    char hashid[24];
    if (!d.id.ptr || d.id.len == 0) {
        /* no id: name the record after its text */
        unsigned long long h = 1469598103934665603ULL;
        for (size_t i = 0; i < d.body.len; i++)
            h = (h ^ (unsigned char)d.body.ptr[i]) * 1099511628211ULL;
        snprintf(hashid, sizeof hashid, "h%016llx", h);
        d.id.ptr = hashid;
        d.id.len = strlen(hashid);
    }
    int code = ingest_add(r, &d, file, line);
    free(extra_text);
    return code;
}

int ingest_jsonl(ingest_run *r, const cli_input *in)
{
    size_t pos = 0, line = 0;
    while (pos < in->len) {
        const char *nl = memchr(in->data + pos, '\n', in->len - pos);
        size_t end = nl ? (size_t)(nl - in->data) : in->len;
        const char *rec = in->data + pos;
        size_t len = end - pos;
        line++;
        pos = end + 1;
        while (len && (rec[len - 1] == '\r' || rec[len - 1] == ' ')) len--;
        if (len == 0) continue;
        json_error_t err;
        json_t *obj = json_loadb(rec, len, 0, &err);
        if (!obj) {
            char reason[256];
            snprintf(reason, sizeof reason, "invalid JSON at column %d: %s", err.column, err.text);
            ingest_bad_record(r, in->name, line, reason);
            continue;
        }
        int code = json_is_object(obj) ? add_json_record(r, obj, in->name, line)
                                       : (ingest_bad_record(r, in->name, line,
                                                            "record is not a JSON object"),
                                          EXIT_OK);
        json_decref(obj);
        if (code) return code;
    }
    return EXIT_OK;
}

int ingest_text(ingest_run *r, const cli_input *in)
{
    size_t bad;
    if (songbad_utf8_validate(in->data, in->len, &bad) != SONGBAD_OK) {
        char reason[64];
        snprintf(reason, sizeof reason, "invalid UTF-8 at byte %zu", bad);
        ingest_bad_record(r, in->name, 0, reason);
        return EXIT_OK;
    }
    songbad_doc d;
    memset(&d, 0, sizeof d);
    d.id.ptr = in->name;
    d.id.len = strlen(in->name);
    d.original.ptr = in->data;
    d.original.len = in->len;
    /* the first line is the headline, the rest the body */
    const char *nl = memchr(in->data, '\n', in->len);
    size_t first = nl ? (size_t)(nl - in->data) : in->len;
    d.headline.ptr = in->data;
    d.headline.len = first;
    d.body.ptr = nl ? nl + 1 : in->data;
    d.body.len = nl ? in->len - first - 1 : in->len;
    if (d.body.len == 0) d.body = d.headline;
    return ingest_add(r, &d, in->name, 0);
}
