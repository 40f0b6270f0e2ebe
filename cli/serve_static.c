/* serve_static.c - the page's files by URL path: the embedded table and a
 * fixed whitelist of font files. */
#include "serve_static.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const font_names[] = {"NotoSansBengali-Regular.ttf",
                                         "NotoSansBengali-Bold.ttf"};
#define NFONTS (sizeof font_names / sizeof font_names[0])

struct serve_fonts {
    serve_file file[NFONTS];
    char path[NFONTS][64];
};

/* The whole file, or NULL if it cannot be read (or is over 16 MB). */
static unsigned char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    unsigned char *buf = NULL;
    long n = -1;
    if (fseek(f, 0, SEEK_END) == 0) n = ftell(f);
    if (n > 0 && n <= 16L << 20 && fseek(f, 0, SEEK_SET) == 0 && (buf = malloc((size_t)n)) &&
        fread(buf, 1, (size_t)n, f) != (size_t)n) {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    *len = buf ? (size_t)n : 0;
    return buf;
}

serve_fonts *serve_fonts_load(void)
{
    serve_fonts *fs = calloc(1, sizeof *fs);
    if (!fs) return NULL;
    for (size_t i = 0; i < NFONTS; i++) {
        char path[256];
        snprintf(path, sizeof path, "%s%s", SERVE_FONT_DIR, font_names[i]);
        snprintf(fs->path[i], sizeof fs->path[i], "/fonts/%s", font_names[i]);
        fs->file[i].path = fs->path[i];
        fs->file[i].type = "font/ttf";
        fs->file[i].data = slurp(path, &fs->file[i].len);
    }
    return fs;
}

void serve_fonts_free(serve_fonts *fs)
{
    if (!fs) return;
    for (size_t i = 0; i < NFONTS; i++) free((void *)fs->file[i].data);
    free(fs);
}

const serve_file *serve_static_find(const serve_fonts *fs, const char *path)
{
    if (strcmp(path, "/") == 0) path = "/index.html";
    for (const serve_file *f = serve_files; f->path; f++)
        if (strcmp(f->path, path) == 0) return f;
    for (size_t i = 0; fs && i < NFONTS; i++)
        if (fs->file[i].data && strcmp(fs->file[i].path, path) == 0) return &fs->file[i];
    return NULL;
}
