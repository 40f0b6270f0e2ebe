/* backend_pg_tsv.c - reading a tsvector in PostgreSQL's binary form
 * (tsvectorsend): a 32-bit count, then per lexeme its text, a NUL, a
 * 16-bit count of positions and the positions (16 bits each: the weight
 * in the top two, 3 = A ... 0 = D, the position in the low 14); integers
 * big-endian. Reading the tsvector whole costs the server less than
 * unnest(tsv) and lets the client pick the lexemes it wants. */
#include "backend_pg.h"

#include <string.h>

uint32_t pg_be32(const char *data)
{
    const unsigned char *p = (const unsigned char *)data;
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

int pg_tsv_open(pg_tsv_reader *r, const char *data, size_t n)
{
    const unsigned char *p = (const unsigned char *)data;
    if (n < 4) return SONGBAD_E_DB;
    r->left = pg_be32(data);
    r->p = p + 4;
    r->end = p + n;
    return SONGBAD_OK;
}

int pg_tsv_next(pg_tsv_reader *r, pg_tsv_lexeme *out)
{
    if (!r->left) return 0;
    const unsigned char *nul = memchr(r->p, '\0', (size_t)(r->end - r->p));
    if (!nul || r->end - nul < 3) return SONGBAD_E_DB;
    size_t npos = (size_t)nul[1] << 8 | nul[2];
    const unsigned char *pos = nul + 3;
    if ((size_t)(r->end - pos) < 2 * npos) return SONGBAD_E_DB;
    out->text = (const char *)r->p;
    out->len = (size_t)(nul - r->p);
    out->pos = pos;
    out->npos = npos;
    r->p = pos + 2 * npos;
    r->left--;
    return 1;
}

int pg_tsv_position(const pg_tsv_lexeme *l, size_t i)
{
    return ((int)l->pos[2 * i] << 8 | l->pos[2 * i + 1]) & 0x3FFF;
}

char pg_tsv_weight(const pg_tsv_lexeme *l, size_t i)
{
    static const char letter[4] = {'D', 'C', 'B', 'A'};
    return letter[l->pos[2 * i] >> 6];
}
