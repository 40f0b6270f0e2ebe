/* util.c - option parsing, messages, input reading and JSON output for the
 * command-line tool. */
#include "cli.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

static void vmessage(const char *fmt, va_list ap)
{
    fputs("songbad: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
}

int cli_usage_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vmessage(fmt, ap);
    va_end(ap);
    fputs("Try 'songbad --help' for more information.\n", stderr);
    return EXIT_USAGE;
}

int cli_fail(int code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vmessage(fmt, ap);
    va_end(ap);
    return code;
}

int cli_option_value(int argc, char **argv, int *i, const char *name,
                     const char **value)
{
    const char *a = argv[*i];
    size_t n = strlen(name);
    if (strncmp(a, name, n) != 0) return 0;
    if (a[n] == '=') {
        *value = a + n + 1;
        return 1;
    }
    if (a[n] != '\0') return 0;
    if (*i + 1 >= argc) return -1;
    *value = argv[++*i];
    return 1;
}

int cli_read_input(const char *path, int lenient, cli_input *in)
{
    int is_stdin = !path || strcmp(path, "-") == 0;
    in->name = is_stdin ? "-" : path;
    in->data = NULL;
    in->len = 0;
    FILE *f = is_stdin ? stdin : fopen(path, "rb");
    if (!f) return cli_fail(EXIT_IO, "%s: %s", in->name, strerror(errno));
    size_t cap = 1 << 16;
    char *buf = malloc(cap);
    if (!buf) {
        if (!is_stdin) fclose(f);
        return cli_fail(EXIT_NOMEM, "%s: out of memory", in->name);
    }
    for (;;) {
        if (in->len == cap) {
            char *nb = cap > ((size_t)-1) / 2 ? NULL : realloc(buf, cap * 2);
            if (!nb) {
                free(buf);
                if (!is_stdin) fclose(f);
                return cli_fail(EXIT_NOMEM, "%s: out of memory", in->name);
            }
            buf = nb;
            cap *= 2;
        }
        size_t got = fread(buf + in->len, 1, cap - in->len, f);
        in->len += got;
        if (got == 0) break;
    }
    int err = ferror(f);
    int saved = errno;
    if (!is_stdin) fclose(f);
    if (err) {
        free(buf);
        return cli_fail(EXIT_IO, "%s: read error: %s", in->name, strerror(saved));
    }
    in->data = buf;
    size_t bad;
    /* the statistics of the first 64 KB tell a legacy encoding */
    size_t sample = in->len < 65536 ? in->len : 65536;
    if (!lenient && songbad_utf8_validate(buf, in->len, &bad) != SONGBAD_OK) {
        const unsigned char *u = (const unsigned char *)buf;
        int code;
        if (in->len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF)))
            code = cli_fail(EXIT_BADINPUT, "%s: UTF-16 text (byte order mark %02X %02X); "
                            "convert it to UTF-8 first", in->name, u[0], u[1]);
        else if (songbad_bijoy_detect(buf, sample))
            code = cli_fail(EXIT_BADINPUT, "%s: %s", in->name, CLI_BIJOY_MESSAGE);
        else
            code = cli_fail(EXIT_BADINPUT, "%s: invalid UTF-8 at byte %zu", in->name, bad);
        cli_input_free(in);
        return code;
    }
    if (songbad_bijoy_detect(buf, sample))
        fprintf(stderr, "songbad: %s: warning: %s\n", in->name, CLI_BIJOY_MESSAGE);
    return EXIT_OK;
}

void cli_input_free(cli_input *in)
{
    free(in->data);
    in->data = NULL;
    in->len = 0;
}

void cli_json_string(FILE *f, const char *s, size_t len)
{
    fputc('"', f);
    size_t i = 0;
    while (i < len) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            switch (c) {
            case '"': fputs("\\\"", f); break;
            case '\\': fputs("\\\\", f); break;
            case '\n': fputs("\\n", f); break;
            case '\r': fputs("\\r", f); break;
            case '\t': fputs("\\t", f); break;
            default:
                if (c < 0x20 || c == 0x7F) fprintf(f, "\\u%04x", c);
                else fputc(c, f);
            }
            i++;
            continue;
        }
        uint32_t cp;
        size_t k = songbad_utf8_decode(s + i, len - i, &cp);
        char enc[4];
        size_t m = songbad_utf8_encode(cp, enc);
        fwrite(enc, 1, m, f); /* an ill-formed subpart becomes U+FFFD */
        i += k;
    }
    fputc('"', f);
}

void cli_write_text(FILE *f, const char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            fputc(c == '\n' || c == '\r' ? ' ' : c, f);
            i++;
            continue;
        }
        uint32_t cp;
        size_t k = songbad_utf8_decode(s + i, len - i, &cp);
        char enc[4];
        fwrite(enc, 1, songbad_utf8_encode(cp, enc), f);
        i += k;
    }
}

int cli_finish_output(int code)
{
    if (fflush(stdout) != 0 || ferror(stdout))
        return cli_fail(EXIT_IO, "write error: %s", strerror(errno));
    return code;
}

int cli_append_word(char **query, size_t *qlen, const char *word)
{
    size_t n = strlen(word);
    char *nq = realloc(*query, *qlen + n + 2);
    if (!nq) {
        free(*query);
        *query = NULL;
        return 0;
    }
    if (*qlen) nq[(*qlen)++] = ' ';
    memcpy(nq + *qlen, word, n + 1);
    *qlen += n;
    *query = nq;
    return 1;
}
