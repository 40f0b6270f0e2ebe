/* norm_tables.h - layout of the generated normalization tables
 * (src/gen/norm_tables.c, written by tools/gen/gen_norm.c). */
#ifndef SONGBAD_NORM_TABLES_H
#define SONGBAD_NORM_TABLES_H

#include <stddef.h>
#include <stdint.h>

#define SONGBAD_NORM_HAS_CF 1      /* the code point has an NFKC_CF mapping */
#define SONGBAD_NORM_COMP_SECOND 2 /* it is the second of a composition pair */

typedef struct songbad_norm_record {
    uint8_t ccc, flags, dec_len, cf_len;
    uint16_t dec_off, cf_off; /* offsets into songbad_norm_pool */
} songbad_norm_record;

typedef struct songbad_norm_pair {
    uint32_t first, second, composite;
} songbad_norm_pair;

extern const songbad_norm_record songbad_norm_records[];
extern const uint16_t songbad_norm_stage1[];
extern const uint16_t songbad_norm_stage2[];
extern const uint32_t songbad_norm_pool[];
extern const songbad_norm_pair songbad_norm_pairs[];
extern const size_t songbad_norm_npairs;

static inline const songbad_norm_record *songbad_norm_record_of(uint32_t cp)
{
    if (cp > 0x10FFFF) cp = 0xFFFD;
    return &songbad_norm_records[songbad_norm_stage2[(size_t)songbad_norm_stage1[cp >> 8] * 256 + (cp & 0xFF)]];
}

#endif
