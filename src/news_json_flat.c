/* news_json_flat.c - the usual shape of a record read without jansson: one
 * JSON object whose keys are fields the article keeps ("body" and the
 * NEWS_F_* names), each once, with string values. jansson builds a tree of
 * copies of every record, a seventh of ingest. This reader takes only what
 * json_loadb (JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL) reads the same way,
 * in a text already checked to be UTF-8; anything else (another key or
 * value, \u0000, any error) is left to jansson, so what a record gives and
 * the messages about bad ones stay jansson's. */
#include "news_int.h"

/* jansson's white space */
static const char *skip_ws(const char *p, const char *end)
{
    while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')) p++;
    return p;
}

static int hex4(const char *p, const char *end, unsigned *v)
{
    if (end - p < 4) return 0;
    *v = 0;
    for (int i = 0; i < 4; i++) {
        char c = p[i];
        unsigned d = c >= '0' && c <= '9'   ? (unsigned)(c - '0')
                     : c >= 'a' && c <= 'f' ? (unsigned)(c - 'a' + 10)
                     : c >= 'A' && c <= 'F' ? (unsigned)(c - 'A' + 10)
                                            : 16u;
        if (d == 16) return 0;
        *v = *v << 4 | d;
    }
    return 1;
}

/* The string whose opening quote is at *pp: its raw bytes into *s, *pp past
 * its closing quote. 0 when jansson would reject it, or it holds \u0000. */
static int scan_string(const char **pp, const char *end, news_json_str *s)
{
    const char *p = *pp + 1;
    s->raw = p;
    s->escaped = 0;
    while (p < end) {
        unsigned char c = (unsigned char)*p;
        if (c == '"') {
            s->raw_len = (size_t)(p - s->raw);
            *pp = p + 1;
            return 1;
        }
        if (c < 0x20) return 0;
        if (c != '\\') {
            p++;
            continue;
        }
        s->escaped = 1;
        if (end - p < 2) return 0;
        c = (unsigned char)p[1];
        if (c != 'u') {
            if (!news_in_set("\"\\/bfnrt", c)) return 0;
            p += 2;
            continue;
        }
        unsigned u, lo;
        if (!hex4(p + 2, end, &u) || u == 0 || (u >= 0xDC00 && u <= 0xDFFF)) return 0;
        p += 6;
        if (u >= 0xD800 && u <= 0xDBFF) {
            /* a high surrogate needs its low one */
            if (end - p < 6 || p[0] != '\\' || p[1] != 'u' || !hex4(p + 2, end, &lo) ||
                lo < 0xDC00 || lo > 0xDFFF)
                return 0;
            p += 6;
        }
    }
    return 0;
}

/* Which slot of f a key names: 0 for "body", 1 + NEWS_F_* for the others,
 * -1 for any other key. */
static int key_slot(const news_json_str *k)
{
    if (k->escaped) return -1;
    if (k->raw_len == 4 && memcmp(k->raw, "body", 4) == 0) return 0;
    for (int i = 0; i < NEWS_F_COUNT; i++) {
        const char *name = songbad_news_field_names[i];
        if (strlen(name) == k->raw_len && memcmp(k->raw, name, k->raw_len) == 0) return 1 + i;
    }
    return -1;
}

int songbad_news_json_flat(const char *json, size_t len, news_json_fields *f)
{
    memset(f, 0, sizeof *f);
    const char *p = json, *end = json + len;
    p = skip_ws(p, end);
    if (p == end || *p != '{') return 0;
    p = skip_ws(p + 1, end);
    for (;;) {
        news_json_str key, val;
        if (p == end || *p != '"' || !scan_string(&p, end, &key)) return 0;
        int slot = key_slot(&key);
        news_json_str *dst = slot == 0 ? &f->body : slot > 0 ? &f->field[slot - 1] : NULL;
        if (!dst || dst->raw) return 0; /* another key, or a repeated one */
        p = skip_ws(p, end);
        if (p == end || *p != ':') return 0;
        p = skip_ws(p + 1, end);
        if (p == end || *p != '"' || !scan_string(&p, end, &val)) return 0;
        *dst = val;
        p = skip_ws(p, end);
        if (p == end) return 0;
        if (*p == '}') break;
        if (*p != ',') return 0;
        p = skip_ws(p + 1, end);
    }
    return f->body.raw && skip_ws(p + 1, end) == end;
}

static size_t put_utf8(char *out, unsigned c)
{
    if (c < 0x80) {
        out[0] = (char)c;
        return 1;
    }
    if (c < 0x800) {
        out[0] = (char)(0xC0 | c >> 6);
        out[1] = (char)(0x80 | (c & 0x3F));
        return 2;
    }
    if (c < 0x10000) {
        out[0] = (char)(0xE0 | c >> 12);
        out[1] = (char)(0x80 | (c >> 6 & 0x3F));
        out[2] = (char)(0x80 | (c & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | c >> 18);
    out[1] = (char)(0x80 | (c >> 12 & 0x3F));
    out[2] = (char)(0x80 | (c >> 6 & 0x3F));
    out[3] = (char)(0x80 | (c & 0x3F));
    return 4;
}

size_t songbad_news_json_unescape(const news_json_str *s, char *out)
{
    const char *p = s->raw, *end = s->raw + s->raw_len;
    size_t n = 0;
    while (p < end) {
        /* copy up to the next escape at once */
        const char *bs = s->escaped ? memchr(p, '\\', (size_t)(end - p)) : NULL;
        size_t plain = (size_t)((bs ? bs : end) - p);
        memmove(out + n, p, plain);
        n += plain;
        p += plain;
        if (!bs) break;
        char c = p[1];
        if (c != 'u') {
            out[n++] = c == 'b' ? '\b' : c == 'f' ? '\f' : c == 'n' ? '\n' : c == 'r' ? '\r'
                       : c == 't' ? '\t' : c;
            p += 2;
            continue;
        }
        unsigned u, lo;
        hex4(p + 2, end, &u);
        p += 6;
        if (u >= 0xD800 && u <= 0xDBFF) {
            hex4(p + 2, end, &lo);
            p += 6;
            u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
        }
        n += put_utf8(out + n, u);
    }
    return n;
}
