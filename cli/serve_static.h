/* serve_static.h - the page's files, embedded at build time (tools/embed.sh
 * writes the table into build/web_files.c from web/). */
#ifndef SONGBAD_SERVE_STATIC_H
#define SONGBAD_SERVE_STATIC_H

#include <stddef.h>

typedef struct serve_file {
    const char *path; /* "/index.html" */
    const char *type; /* the Content-Type */
    const unsigned char *data;
    size_t len;
} serve_file;

/* Ends with an entry whose path is NULL. */
extern const serve_file serve_files[];

/* The fonts served at /fonts/NAME, read from FONT_DIR at start. */
#define SERVE_FONT_DIR "/usr/share/fonts/truetype/noto/"

typedef struct serve_fonts serve_fonts;

/* Reads the whitelisted fonts that exist (none is fine: the page falls
 * back to the system's fonts). NULL only when out of memory. */
serve_fonts *serve_fonts_load(void);
void serve_fonts_free(serve_fonts *f);

/* The embedded file or font for a URL path, or NULL: only exact names of
 * the two tables are served, so no path can reach another file. */
const serve_file *serve_static_find(const serve_fonts *fonts, const char *path);

#endif
