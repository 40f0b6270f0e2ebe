/*
 * gen_norm.c - generates src/gen/norm_tables.c, the Unicode data behind
 * normalization: canonical combining class, full canonical decomposition,
 * canonical composition pairs, and the NFKC_Casefold mapping.
 *
 * usage: gen_norm UCD_DIR VERSION > src/gen/norm_tables.c
 * Reads UCD_DIR/UnicodeData.txt and UCD_DIR/DerivedNormalizationProps.txt.
 * Output is deterministic: sorted, no timestamps.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NCP 0x110000
#define MAXSEQ 18

typedef struct {
    uint8_t ccc;
    uint8_t raw_len;          /* canonical mapping length, 0 = none */
    uint32_t raw[4];
    int has_cf;               /* NFKC_CF mapping present */
    uint8_t cf_len;
    uint32_t cf[MAXSEQ];
    int excluded;             /* Full_Composition_Exclusion */
    int comp_second;
} cpinfo;

static cpinfo *info;

static void die(const char *msg, const char *arg)
{
    fprintf(stderr, "gen_norm: %s%s\n", msg, arg ? arg : "");
    exit(1);
}

static FILE *open_in(const char *dir, const char *name, char *path, size_t cap)
{
    snprintf(path, cap, "%s/%s", dir, name);
    FILE *f = fopen(path, "r");
    if (!f) die("cannot open ", path);
    return f;
}

/* FNV-1a 64 of a file, printed in the header to pin the inputs. */
static uint64_t file_hash(const char *path, long *size)
{
    FILE *f = fopen(path, "rb");
    if (!f) die("cannot open ", path);
    uint64_t h = UINT64_C(1469598103934665603);
    long n = 0;
    int c;
    while ((c = fgetc(f)) != EOF) {
        h = (h ^ (uint64_t)(unsigned char)c) * UINT64_C(1099511628211);
        n++;
    }
    fclose(f);
    *size = n;
    return h;
}

static size_t parse_seq(const char *s, uint32_t *out, size_t cap)
{
    size_t n = 0;
    while (*s) {
        while (*s == ' ') s++;
        if (!*s || *s == '#' || *s == ';') break;
        char *end;
        unsigned long v = strtoul(s, &end, 16);
        if (end == s) break;
        if (n >= cap) die("sequence too long", NULL);
        out[n++] = (uint32_t)v;
        s = end;
    }
    return n;
}

static void read_unicode_data(const char *dir)
{
    char path[4096], line[1024];
    FILE *f = open_in(dir, "UnicodeData.txt", path, sizeof path);
    while (fgets(line, sizeof line, f)) {
        char *field[15];
        int nf = 0;
        char *p = line;
        field[nf++] = p;
        while ((p = strchr(p, ';')) && nf < 15) {
            *p++ = 0;
            field[nf++] = p;
        }
        if (nf < 6) continue;
        uint32_t cp = (uint32_t)strtoul(field[0], NULL, 16);
        info[cp].ccc = (uint8_t)atoi(field[3]);
        if (field[5][0] && field[5][0] != '<')
            info[cp].raw_len = (uint8_t)parse_seq(field[5], info[cp].raw, 4);
    }
    fclose(f);
}

static void read_derived(const char *dir)
{
    char path[4096], line[1024];
    FILE *f = open_in(dir, "DerivedNormalizationProps.txt", path, sizeof path);
    while (fgets(line, sizeof line, f)) {
        if (line[0] == '#' || line[0] == '\n') continue;
        char *semi = strchr(line, ';');
        if (!semi) continue;
        unsigned long lo, hi;
        char *end;
        lo = strtoul(line, &end, 16);
        hi = lo;
        if (end[0] == '.' && end[1] == '.') hi = strtoul(end + 2, NULL, 16);
        char prop[64];
        const char *q = semi + 1;
        while (*q == ' ') q++;
        size_t k = 0;
        while (*q && *q != ' ' && *q != ';' && *q != '#' && *q != '\n' &&
               k + 1 < sizeof prop)
            prop[k++] = *q++;
        prop[k] = 0;
        if (strcmp(prop, "Full_Composition_Exclusion") == 0) {
            for (unsigned long c = lo; c <= hi; c++) info[c].excluded = 1;
        } else if (strcmp(prop, "NFKC_CF") == 0) {
            const char *m = strchr(q, ';');
            uint32_t seq[MAXSEQ];
            size_t n = m ? parse_seq(m + 1, seq, MAXSEQ) : 0;
            for (unsigned long c = lo; c <= hi; c++) {
                info[c].has_cf = 1;
                info[c].cf_len = (uint8_t)n;
                memcpy(info[c].cf, seq, n * sizeof seq[0]);
            }
        }
    }
    fclose(f);
}

/* Appends the full canonical decomposition of cp (Hangul excluded: the
 * library decomposes it algorithmically). */
static size_t full_decomp(uint32_t cp, uint32_t *out, size_t n, size_t cap)
{
    if (info[cp].raw_len == 0) {
        if (n >= cap) die("decomposition too long", NULL);
        out[n++] = cp;
        return n;
    }
    for (size_t i = 0; i < info[cp].raw_len; i++)
        n = full_decomp(info[cp].raw[i], out, n, cap);
    return n;
}

static int is_hangul_syllable(uint32_t cp) { return cp >= 0xAC00 && cp <= 0xD7A3; }

/* Canonical reordering (stable by ccc) of a short sequence. */
static void reorder(uint32_t *s, size_t n)
{
    for (size_t i = 1; i < n; i++) {
        uint32_t c = s[i];
        uint8_t cc = info[c].ccc;
        if (cc == 0) continue;
        size_t j = i;
        while (j > 0 && info[s[j - 1]].ccc > cc) {
            s[j] = s[j - 1];
            j--;
        }
        s[j] = c;
    }
}

/* A record holds everything the library asks of one code point. */
typedef struct {
    uint8_t ccc, flags, dec_len, cf_len;
    uint16_t dec_off, cf_off;
} record;

#define F_HAS_CF 1
#define F_COMP_SECOND 2

static uint32_t pool[65536];
static size_t pool_len;
static record recs[65536];
static size_t nrecs;

static uint16_t pool_add(const uint32_t *s, size_t n)
{
    if (n == 0) return 0;
    /* reuse an identical earlier run */
    for (size_t i = 0; i + n <= pool_len; i++)
        if (memcmp(pool + i, s, n * sizeof *s) == 0) return (uint16_t)i;
    if (pool_len + n > 65535) die("pool overflow", NULL);
    memcpy(pool + pool_len, s, n * sizeof *s);
    pool_len += n;
    return (uint16_t)(pool_len - n);
}

static uint16_t rec_add(const record *r)
{
    for (size_t i = 0; i < nrecs; i++)
        if (memcmp(&recs[i], r, sizeof *r) == 0) return (uint16_t)i;
    if (nrecs >= 65535) die("too many records", NULL);
    recs[nrecs] = *r;
    return (uint16_t)nrecs++;
}

typedef struct {
    uint32_t a, b, c;
} pair;

static int pair_cmp(const void *x, const void *y)
{
    const pair *p = x, *q = y;
    if (p->a != q->a) return p->a < q->a ? -1 : 1;
    if (p->b != q->b) return p->b < q->b ? -1 : 1;
    return 0;
}

int main(int argc, char **argv)
{
    if (argc != 3) die("usage: gen_norm UCD_DIR VERSION", NULL);
    const char *dir = argv[1], *version = argv[2];
    info = calloc(NCP, sizeof *info);
    if (!info) die("out of memory", NULL);
    read_unicode_data(dir);
    read_derived(dir);

    /* composition pairs: canonical pairs minus exclusions */
    static pair pairs[4096];
    size_t npairs = 0;
    for (uint32_t cp = 0; cp < NCP; cp++) {
        if (info[cp].raw_len == 2 && !info[cp].excluded) {
            pairs[npairs].a = info[cp].raw[0];
            pairs[npairs].b = info[cp].raw[1];
            pairs[npairs].c = cp;
            info[info[cp].raw[1]].comp_second = 1;
            npairs++;
        }
    }
    qsort(pairs, npairs, sizeof pairs[0], pair_cmp);

    /* per code point record index, two stages of 256 */
    static uint16_t rec_of[NCP];
    record none = {0};
    rec_add(&none);
    for (uint32_t cp = 0; cp < NCP; cp++) {
        record r = {0};
        r.ccc = info[cp].ccc;
        if (info[cp].raw_len && !is_hangul_syllable(cp)) {
            uint32_t seq[MAXSEQ];
            size_t n = full_decomp(cp, seq, 0, MAXSEQ);
            reorder(seq, n);
            r.dec_len = (uint8_t)n;
            r.dec_off = pool_add(seq, n);
        }
        if (info[cp].has_cf) {
            /* store the mapping already canonically decomposed and ordered */
            uint32_t seq[MAXSEQ * 4];
            size_t n = 0;
            for (size_t i = 0; i < info[cp].cf_len; i++) {
                uint32_t c = info[cp].cf[i];
                if (is_hangul_syllable(c)) {
                    uint32_t s = c - 0xAC00;
                    seq[n++] = 0x1100 + s / 588;
                    seq[n++] = 0x1161 + (s % 588) / 28;
                    if (s % 28) seq[n++] = 0x11A7 + s % 28;
                } else {
                    n = full_decomp(c, seq, n, MAXSEQ * 4);
                }
            }
            reorder(seq, n);
            if (n > 255) die("mapping too long", NULL);
            r.flags |= F_HAS_CF;
            r.cf_len = (uint8_t)n;
            r.cf_off = pool_add(seq, n);
        }
        if (info[cp].comp_second) r.flags |= F_COMP_SECOND;
        rec_of[cp] = rec_add(&r);
    }

    static uint16_t stage1[NCP >> 8];
    static uint16_t blocks[NCP];
    size_t nblocks = 0;
    for (uint32_t b = 0; b < (NCP >> 8); b++) {
        const uint16_t *blk = rec_of + (b << 8);
        size_t k;
        for (k = 0; k < nblocks; k++)
            if (memcmp(blocks + (k << 8), blk, 256 * sizeof *blk) == 0) break;
        if (k == nblocks) {
            memcpy(blocks + (k << 8), blk, 256 * sizeof *blk);
            nblocks++;
        }
        stage1[b] = (uint16_t)k;
    }

    char p1[4096], p2[4096];
    snprintf(p1, sizeof p1, "%s/UnicodeData.txt", dir);
    snprintf(p2, sizeof p2, "%s/DerivedNormalizationProps.txt", dir);
    long s1, s2;
    uint64_t h1 = file_hash(p1, &s1), h2 = file_hash(p2, &s2);

    printf("/* DO NOT EDIT: generated by tools/gen/gen_norm.c (make gen).\n");
    printf(" * Unicode %s; inputs (size, FNV-1a 64):\n", version);
    printf(" *   UnicodeData.txt %ld %016llx\n", s1, (unsigned long long)h1);
    printf(" *   DerivedNormalizationProps.txt %ld %016llx\n", s2,
           (unsigned long long)h2);
    printf(" * %zu records, %zu blocks, %zu pool entries, %zu composition pairs.\n",
           nrecs, nblocks, pool_len, npairs);
    printf(" */\n#include \"songbad_int.h\"\n#include \"norm_tables.h\"\n\n");
    printf("const char *songbad_unicode_version(void) { return \"%s\"; }\n\n",
           version);
    printf("const songbad_norm_record songbad_norm_records[%zu] = {\n", nrecs);
    for (size_t i = 0; i < nrecs; i++)
        printf("    {%u, %u, %u, %u, %u, %u},\n", recs[i].ccc, recs[i].flags,
               recs[i].dec_len, recs[i].cf_len, recs[i].dec_off, recs[i].cf_off);
    printf("};\n\nconst uint16_t songbad_norm_stage1[%d] = {\n", NCP >> 8);
    for (size_t i = 0; i < (NCP >> 8); i++)
        printf("%s%u,%s", i % 16 == 0 ? "    " : " ", stage1[i],
               i % 16 == 15 ? "\n" : "");
    printf("};\n\nconst uint16_t songbad_norm_stage2[%zu] = {\n", nblocks << 8);
    for (size_t i = 0; i < (nblocks << 8); i++)
        printf("%s%u,%s", i % 16 == 0 ? "    " : " ", blocks[i],
               i % 16 == 15 ? "\n" : "");
    printf("};\n\nconst uint32_t songbad_norm_pool[%zu] = {\n", pool_len ? pool_len : 1);
    for (size_t i = 0; i < pool_len; i++)
        printf("%s0x%04X,%s", i % 8 == 0 ? "    " : " ", pool[i],
               i % 8 == 7 ? "\n" : "");
    if (!pool_len) printf("0");
    printf("\n};\n\nconst songbad_norm_pair songbad_norm_pairs[%zu] = {\n", npairs);
    for (size_t i = 0; i < npairs; i++)
        printf("    {0x%04X, 0x%04X, 0x%04X},\n", pairs[i].a, pairs[i].b, pairs[i].c);
    printf("};\nconst size_t songbad_norm_npairs = %zu;\n", npairs);
    free(info);
    return 0;
}
