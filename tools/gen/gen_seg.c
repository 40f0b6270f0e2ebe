/*
 * gen_seg.c - writes src/gen/seg_tables.c, the code point properties used by
 * the segmentation module (UAX #29), from the Unicode Character Database.
 *
 *   gen_seg UCD_DIR VERSION > src/gen/seg_tables.c
 *
 * Inputs (all under UCD_DIR):
 *   auxiliary/GraphemeBreakProperty.txt   Grapheme_Cluster_Break
 *   auxiliary/WordBreakProperty.txt       Word_Break
 *   auxiliary/SentenceBreakProperty.txt   Sentence_Break
 *   emoji/emoji-data.txt                  Extended_Pictographic
 *   DerivedCoreProperties.txt             InCB (GB9c) and Alphabetic
 *
 * Every code point gets one packed 32-bit value (layout in src/seg_int.h).
 * The distinct values go into a small table; a two-stage lookup maps a code
 * point to its value: stage1[cp >> SHIFT] names a block of stage2 (blocks
 * are deduplicated), stage2 holds one 8-bit value index per code point.
 *
 * The output is deterministic: no timestamps, everything in code point
 * order. Only the C standard library is used.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NCP 0x110000u
#define SHIFT 7u
#define BLOCK (1u << SHIFT)
#define NBLOCKS (NCP >> SHIFT)

/* Value names, in the order of the enums of src/seg_int.h (index = value). */
static const char *const gcb_names[] = {
    "Other", "CR", "LF", "Control", "Extend", "ZWJ", "Regional_Indicator",
    "Prepend", "SpacingMark", "L", "V", "T", "LV", "LVT", NULL};
static const char *const gcb_enum[] = {
    "SEG_GCB_OTHER", "SEG_GCB_CR", "SEG_GCB_LF", "SEG_GCB_CONTROL",
    "SEG_GCB_EXTEND", "SEG_GCB_ZWJ", "SEG_GCB_RI", "SEG_GCB_PREPEND",
    "SEG_GCB_SPACINGMARK", "SEG_GCB_L", "SEG_GCB_V", "SEG_GCB_T",
    "SEG_GCB_LV", "SEG_GCB_LVT", NULL};
static const char *const incb_names[] = {"None", "Linker", "Consonant",
                                         "Extend", NULL};
static const char *const incb_enum[] = {"SEG_INCB_NONE", "SEG_INCB_LINKER",
                                        "SEG_INCB_CONSONANT",
                                        "SEG_INCB_EXTEND", NULL};
static const char *const wb_names[] = {
    "Other", "CR", "LF", "Newline", "Extend", "ZWJ", "Regional_Indicator",
    "Format", "Katakana", "Hebrew_Letter", "ALetter", "Single_Quote",
    "Double_Quote", "MidNumLet", "MidLetter", "MidNum", "Numeric",
    "ExtendNumLet", "WSegSpace", NULL};
static const char *const wb_enum[] = {
    "SEG_WB_OTHER", "SEG_WB_CR", "SEG_WB_LF", "SEG_WB_NEWLINE",
    "SEG_WB_EXTEND", "SEG_WB_ZWJ", "SEG_WB_RI", "SEG_WB_FORMAT",
    "SEG_WB_KATAKANA", "SEG_WB_HEBREW_LETTER", "SEG_WB_ALETTER",
    "SEG_WB_SINGLE_QUOTE", "SEG_WB_DOUBLE_QUOTE", "SEG_WB_MIDNUMLET",
    "SEG_WB_MIDLETTER", "SEG_WB_MIDNUM", "SEG_WB_NUMERIC",
    "SEG_WB_EXTENDNUMLET", "SEG_WB_WSEGSPACE", NULL};
static const char *const sb_names[] = {
    "Other", "CR", "LF", "Extend", "Sep", "Format", "Sp", "Lower", "Upper",
    "OLetter", "Numeric", "ATerm", "SContinue", "STerm", "Close", NULL};
static const char *const sb_enum[] = {
    "SEG_SB_OTHER", "SEG_SB_CR", "SEG_SB_LF", "SEG_SB_EXTEND", "SEG_SB_SEP",
    "SEG_SB_FORMAT", "SEG_SB_SP", "SEG_SB_LOWER", "SEG_SB_UPPER",
    "SEG_SB_OLETTER", "SEG_SB_NUMERIC", "SEG_SB_ATERM", "SEG_SB_SCONTINUE",
    "SEG_SB_STERM", "SEG_SB_CLOSE", NULL};

/* Packed layout; must agree with src/seg_int.h (checked by static asserts
 * in the output). */
#define GCB_SHIFT 0
#define INCB_SHIFT 4
#define EXTPICT_BIT (1u << 6)
#define WB_SHIFT 7
#define SB_SHIFT 12
#define WORDCHAR_BIT (1u << 16)

static uint8_t gcb[NCP], incb[NCP], extpict[NCP], wb[NCP], sb[NCP], alpha[NCP];

static const char *ucd_dir;

struct input {
    const char *name;
    size_t size;
    uint32_t crc;
};
static struct input inputs[5];
static int n_inputs;

static void die(const char *msg, const char *arg)
{
    fprintf(stderr, "gen_seg: %s%s%s\n", msg, arg ? ": " : "", arg ? arg : "");
    exit(1);
}

static uint32_t crc32_of(const unsigned char *p, size_t n)
{
    uint32_t c = 0xFFFFFFFFu;
    for (size_t i = 0; i < n; i++) {
        c ^= p[i];
        for (int k = 0; k < 8; k++) c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1u)));
    }
    return c ^ 0xFFFFFFFFu;
}

/* Reads UCD_DIR/name whole, NUL-terminated, and records its size and CRC. */
static char *slurp(const char *name)
{
    char path[4096];
    if (snprintf(path, sizeof path, "%s/%s", ucd_dir, name) >= (int)sizeof path)
        die("path too long", name);
    FILE *f = fopen(path, "rb");
    if (!f) die("cannot open", path);
    size_t cap = 1 << 20, n = 0;
    char *buf = malloc(cap);
    if (!buf) die("out of memory", NULL);
    for (;;) {
        if (n + 1 >= cap) {
            cap *= 2;
            char *nb = realloc(buf, cap);
            if (!nb) die("out of memory", NULL);
            buf = nb;
        }
        size_t got = fread(buf + n, 1, cap - n - 1, f);
        if (got == 0) break;
        n += got;
    }
    if (ferror(f)) die("read error", path);
    fclose(f);
    buf[n] = '\0';
    inputs[n_inputs].name = name;
    inputs[n_inputs].size = n;
    inputs[n_inputs].crc = crc32_of((const unsigned char *)buf, n);
    n_inputs++;
    return buf;
}

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t') s++;
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
        s[--n] = '\0';
    return s;
}

static int lookup(const char *const *names, const char *v)
{
    for (int i = 0; names[i]; i++)
        if (strcmp(names[i], v) == 0) return i;
    return -1;
}

/* Calls fn(lo, hi, fields, nfields) for each data line of a UCD file; fields
 * are the trimmed ';'-separated fields after the code point range. */
typedef void (*line_fn)(uint32_t lo, uint32_t hi, char **f, int nf,
                        const char *file);

static void parse(const char *name, line_fn fn)
{
    char *buf = slurp(name);
    char *line = buf;
    while (*line) {
        char *end = strchr(line, '\n');
        char *next = end ? end + 1 : line + strlen(line);
        if (end) *end = '\0';
        char *hash = strchr(line, '#');
        if (hash) *hash = '\0';
        char *fields[8];
        int nf = 0;
        char *p = line;
        for (;;) {
            char *semi = strchr(p, ';');
            if (semi) *semi = '\0';
            if (nf < 8) fields[nf++] = trim(p);
            if (!semi) break;
            p = semi + 1;
        }
        if (nf >= 2 && fields[0][0] != '\0') {
            char *dots;
            unsigned long lo = strtoul(fields[0], &dots, 16), hi = lo;
            if (dots[0] == '.' && dots[1] == '.') hi = strtoul(dots + 2, &dots, 16);
            if (*dots != '\0' || lo > hi || hi >= NCP) die("bad range in", name);
            fn((uint32_t)lo, (uint32_t)hi, fields + 1, nf - 1, name);
        }
        line = next;
    }
    free(buf);
}

static void set_range(uint8_t *arr, uint32_t lo, uint32_t hi, int v)
{
    for (uint32_t c = lo; c <= hi; c++) arr[c] = (uint8_t)v;
}

static void on_gcb(uint32_t lo, uint32_t hi, char **f, int nf, const char *file)
{
    (void)nf;
    int v = lookup(gcb_names, f[0]);
    if (v < 0) die("unknown Grapheme_Cluster_Break value in", file);
    set_range(gcb, lo, hi, v);
}

static void on_wb(uint32_t lo, uint32_t hi, char **f, int nf, const char *file)
{
    (void)nf;
    int v = lookup(wb_names, f[0]);
    if (v < 0) die("unknown Word_Break value in", file);
    set_range(wb, lo, hi, v);
}

static void on_sb(uint32_t lo, uint32_t hi, char **f, int nf, const char *file)
{
    (void)nf;
    int v = lookup(sb_names, f[0]);
    if (v < 0) die("unknown Sentence_Break value in", file);
    set_range(sb, lo, hi, v);
}

static void on_emoji(uint32_t lo, uint32_t hi, char **f, int nf,
                     const char *file)
{
    (void)nf;
    (void)file;
    if (strcmp(f[0], "Extended_Pictographic") == 0) set_range(extpict, lo, hi, 1);
}

static void on_dcp(uint32_t lo, uint32_t hi, char **f, int nf, const char *file)
{
    if (strcmp(f[0], "Alphabetic") == 0) {
        set_range(alpha, lo, hi, 1);
    } else if (strcmp(f[0], "InCB") == 0) {
        int v = nf >= 2 ? lookup(incb_names, f[1]) : -1;
        if (v < 0) die("unknown InCB value in", file);
        set_range(incb, lo, hi, v);
    }
}

static int is_wordchar(uint32_t c)
{
    switch (wb[c]) {
    case 8: case 9: case 10: case 16: /* Katakana Hebrew_Letter ALetter Numeric */
        return 1;
    case 4: case 5: case 7: /* Extend ZWJ Format: marks are never the word */
        return 0;
    default:
        return alpha[c]; /* ideographs, kana, Thai and other letters */
    }
}

static uint32_t vals[256];
static int nvals;
static uint8_t cpval[NCP];
static uint16_t stage1[NBLOCKS];
static uint8_t *stage2;
static int nblocks2;

static void print_array8(const char *decl, const uint8_t *a, size_t n)
{
    printf("%s[%zu] = {\n", decl, n);
    for (size_t i = 0; i < n; i++) {
        printf("%s0x%02x,%s", i % 16 == 0 ? "    " : "", a[i],
               (i % 16 == 15 || i + 1 == n) ? "\n" : " ");
    }
    printf("};\n\n");
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: gen_seg UCD_DIR VERSION > seg_tables.c\n");
        return 2;
    }
    ucd_dir = argv[1];
    const char *version = argv[2];
    for (const char *v = version; *v; v++)
        if (!((*v >= '0' && *v <= '9') || *v == '.')) die("bad version", version);

    parse("auxiliary/GraphemeBreakProperty.txt", on_gcb);
    parse("auxiliary/WordBreakProperty.txt", on_wb);
    parse("auxiliary/SentenceBreakProperty.txt", on_sb);
    parse("emoji/emoji-data.txt", on_emoji);
    parse("DerivedCoreProperties.txt", on_dcp);

    /* Sanity checks that catch a wrong or truncated input. */
    if (gcb[0x0D] != 1 || gcb[0x200D] != 5 || incb[0x09CD] != 1 ||
        incb[0x0995] != 2 || !extpict[0x1F600] || wb[0x0995] != 10 ||
        wb[0x09E6] != 16 || sb[0x0964] != 13 || sb[0x2E] != 11 ||
        !alpha[0x4E00])
        die("unexpected property values; wrong UCD_DIR?", ucd_dir);

    for (uint32_t c = 0; c < NCP; c++) {
        uint32_t v = ((uint32_t)gcb[c] << GCB_SHIFT) |
                     ((uint32_t)incb[c] << INCB_SHIFT) |
                     (extpict[c] ? EXTPICT_BIT : 0) |
                     ((uint32_t)wb[c] << WB_SHIFT) |
                     ((uint32_t)sb[c] << SB_SHIFT) |
                     (is_wordchar(c) ? WORDCHAR_BIT : 0);
        int k;
        for (k = 0; k < nvals; k++)
            if (vals[k] == v) break;
        if (k == nvals) {
            if (nvals == 256) die("more than 256 distinct property values", NULL);
            vals[nvals++] = v;
        }
        cpval[c] = (uint8_t)k;
    }
    /* Renumber the values in ascending order so the output does not depend
     * on the order of first appearance. (Value 0 = all defaults is then
     * first.) */
    uint8_t remap[256];
    uint32_t sorted[256];
    memcpy(sorted, vals, sizeof vals);
    for (int i = 1; i < nvals; i++) {
        uint32_t x = sorted[i];
        int j = i;
        while (j > 0 && sorted[j - 1] > x) {
            sorted[j] = sorted[j - 1];
            j--;
        }
        sorted[j] = x;
    }
    for (int i = 0; i < nvals; i++)
        for (int j = 0; j < nvals; j++)
            if (sorted[j] == vals[i]) remap[i] = (uint8_t)j;
    for (uint32_t c = 0; c < NCP; c++) cpval[c] = remap[cpval[c]];

    stage2 = malloc(NCP);
    if (!stage2) die("out of memory", NULL);
    for (uint32_t b = 0; b < NBLOCKS; b++) {
        const uint8_t *blk = cpval + (size_t)b * BLOCK;
        int k;
        for (k = 0; k < nblocks2; k++)
            if (memcmp(stage2 + (size_t)k * BLOCK, blk, BLOCK) == 0) break;
        if (k == nblocks2) {
            memcpy(stage2 + (size_t)k * BLOCK, blk, BLOCK);
            nblocks2++;
        }
        stage1[b] = (uint16_t)k;
    }

    printf("/* DO NOT EDIT. Generated by tools/gen/gen_seg.c (make gen) from the\n"
           " * Unicode Character Database, version %s. Inputs:\n", version);
    for (int i = 0; i < n_inputs; i++)
        printf(" *   %-37s %8zu bytes, CRC-32 %08lx\n", inputs[i].name,
               inputs[i].size, (unsigned long)inputs[i].crc);
    printf(" * Per code point: Grapheme_Cluster_Break, InCB, Extended_Pictographic,\n"
           " * Word_Break, Sentence_Break and a \"word character\" flag, packed as\n"
           " * described in src/seg_int.h. %d distinct values, %d blocks of %u.\n"
           " */\n", nvals, nblocks2, BLOCK);
    printf("#include \"seg_int.h\"\n\n");

    printf("/* The enums of seg_int.h must match the generator's value order. */\n");
    const char *const *enums[] = {gcb_enum, incb_enum, wb_enum, sb_enum};
    for (int e = 0; e < 4; e++)
        for (int i = 0; enums[e][i]; i++)
            printf("_Static_assert(%s == %d, \"regenerate seg_tables.c\");\n",
                   enums[e][i], i);
    printf("_Static_assert(SEG_GCB_SHIFT == %d && SEG_INCB_SHIFT == %d &&\n"
           "               SEG_EXTPICT_BIT == 0x%xu && SEG_WB_SHIFT == %d &&\n"
           "               SEG_SB_SHIFT == %d && SEG_WORDCHAR_BIT == 0x%xu,\n"
           "               \"regenerate seg_tables.c\");\n\n",
           GCB_SHIFT, INCB_SHIFT, EXTPICT_BIT, WB_SHIFT, SB_SHIFT, WORDCHAR_BIT);

    printf("static const uint32_t seg_values[%d] = {\n", nvals);
    for (int i = 0; i < nvals; i++)
        printf("%s0x%05lx,%s", i % 8 == 0 ? "    " : "", (unsigned long)sorted[i],
               (i % 8 == 7 || i + 1 == nvals) ? "\n" : " ");
    printf("};\n\n");

    if (nblocks2 <= 256) {
        uint8_t s1[NBLOCKS];
        for (uint32_t b = 0; b < NBLOCKS; b++) s1[b] = (uint8_t)stage1[b];
        print_array8("static const uint8_t seg_stage1", s1, NBLOCKS);
    } else {
        printf("static const uint16_t seg_stage1[%u] = {\n", NBLOCKS);
        for (uint32_t i = 0; i < NBLOCKS; i++)
            printf("%s0x%04x,%s", i % 12 == 0 ? "    " : "", stage1[i],
                   (i % 12 == 11 || i + 1 == NBLOCKS) ? "\n" : " ");
        printf("};\n\n");
    }
    print_array8("static const uint8_t seg_stage2", stage2,
                 (size_t)nblocks2 * BLOCK);

    printf("const char *songbad_seg_unicode_version(void)\n{\n"
           "    return \"%s\";\n}\n\n", version);
    printf("uint32_t songbad_seg_prop(uint32_t cp)\n{\n"
           "    if (cp >= 0x%XU) return seg_values[0];\n"
           "    return seg_values[seg_stage2[((size_t)seg_stage1[cp >> %u] << %u) |\n"
           "                                 (cp & 0x%XU)]];\n}\n",
           NCP, SHIFT, SHIFT, BLOCK - 1);
    free(stage2);
    if (fflush(stdout) != 0 || ferror(stdout)) die("write error", NULL);
    return 0;
}
