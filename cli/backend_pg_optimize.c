/* backend_pg_optimize.c - `songbad optimize --pg`: term lists on
 * PostgreSQL, the best articles of each common lexeme, as the SQLite
 * store's term_best (src/index_best.c); backend_pg_best.c reads them.
 *
 * Ranking a common word's matches means reading the tsvector of each from
 * TOAST: hundreds of thousands at a million articles, seconds a query.
 * pg_optimize reads every tsvector once and keeps, for each lexeme in more
 * than per_term articles, its count and the per_term articles where it
 * weighs most (the ranking's BM25F part for that lexeme alone) in
 * songbad_term_best, with the last seq they cover (songbad_meta
 * best_upto). Lists are bytea: ascending seqs as varint deltas. */
#include "backend_pg.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PASS_ENTRIES (16u << 20) /* list entries in memory at once (128 MB): a pass each */
#define FETCH_ROWS "2000"

static const char best_schema[] =
    "CREATE TABLE IF NOT EXISTS songbad_term_best(lexeme text COLLATE \"C\" PRIMARY KEY,"
    " df bigint NOT NULL, seqs bytea NOT NULL);"
    "CREATE INDEX IF NOT EXISTS articles_seq ON articles(seq);"
    "TRUNCATE songbad_term_best";

static size_t put_varint(unsigned char *out, uint64_t v)
{
    size_t n = 0;
    while (v >= 0x80) {
        out[n++] = (unsigned char)(v | 0x80);
        v >>= 7;
    }
    out[n++] = (unsigned char)v;
    return n;
}

typedef struct entry {
    float weight;
    uint32_t seq; /* lists need seqs under 2^32 (pg_optimize checks) */
} entry;

typedef struct term_heap {
    entry *e;   /* a min-heap on weight: e[0] is the least kept */
    uint32_t n, cap;
    entry least; /* e[0] once full: most offers are decided here, without
                    reading the heap itself (a cache miss) */
} term_heap;

typedef struct lists {
    char **lexeme;
    long long *df;
    size_t n;
    term_heap *heap;
    size_t per_term;
    songbad_scorer *scorer; /* one phrase of weight 1 and idf 1 */
    songbad_rank_match *match;
    size_t cap_match;
} lists;

static int less(const entry *a, const entry *b)
{
    return a->weight < b->weight || (a->weight == b->weight && a->seq > b->seq);
}

static void sift_down(entry *e, uint32_t n, uint32_t i)
{
    for (;;) {
        uint32_t l = 2 * i + 1, m = i;
        if (l < n && less(&e[l], &e[m])) m = l;
        if (l + 1 < n && less(&e[l + 1], &e[m])) m = l + 1;
        if (m == i) return;
        entry t = e[i];
        e[i] = e[m];
        e[m] = t;
        i = m;
    }
}

static void heap_offer(term_heap *h, entry v)
{
    if (h->n < h->cap) {
        uint32_t i = h->n++;
        h->e[i] = v;
        while (i > 0 && less(&h->e[i], &h->e[(i - 1) / 2])) {
            entry t = h->e[i];
            h->e[i] = h->e[(i - 1) / 2];
            h->e[(i - 1) / 2] = t;
            i = (i - 1) / 2;
        }
        if (h->n == h->cap) h->least = h->e[0];
    } else if (less(&h->least, &v)) {
        h->e[0] = v;
        sift_down(h->e, h->n, 0);
        h->least = h->e[0];
    }
}

static int by_column_offset(const void *x, const void *y)
{
    const songbad_rank_match *a = x, *b = y;
    if (a->column != b->column) return a->column - b->column;
    return a->offset - b->offset;
}

/* ---- the lexemes of a pass: an open-addressing table -------------------- */

static uint64_t hash_bytes(const char *s, size_t n)
{
    uint64_t h = n * UINT64_C(0x9E3779B97F4A7C15), w;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        memcpy(&w, s + i, 8);
        h = (h ^ w) * UINT64_C(0x9E3779B97F4A7C15);
        h ^= h >> 31;
    }
    for (; i < n; i++) h = (h ^ (unsigned char)s[i]) * UINT64_C(0x100000001B3);
    return h ^ (h >> 29);
}

/* A slot: the lexeme's hash (to pass over most others without reading
 * them) and its index + 1 into lists.lexeme, 0 = empty. */
typedef struct set_slot {
    uint64_t hash;
    uint32_t index, len;
} set_slot;

typedef struct lexeme_set {
    set_slot *slot;
    size_t mask;
} lexeme_set;

static int set_make(lexeme_set *t, const lists *L, size_t from, size_t to)
{
    size_t size = 16;
    while (size < 2 * (to - from)) size *= 2;
    t->slot = calloc(size, sizeof *t->slot);
    t->mask = size - 1;
    if (!t->slot) return SONGBAD_E_NOMEM;
    for (size_t i = from; i < to; i++) {
        size_t n = strlen(L->lexeme[i]);
        uint64_t h = hash_bytes(L->lexeme[i], n);
        size_t k = h & t->mask;
        while (t->slot[k].index) k = (k + 1) & t->mask;
        t->slot[k].hash = h;
        t->slot[k].index = (uint32_t)(i + 1);
        t->slot[k].len = (uint32_t)n;
    }
    return SONGBAD_OK;
}

/* The index of lexeme s (n bytes), or -1 when it is not in the set. */
static long set_find(const lexeme_set *t, const lists *L, const char *s, size_t n)
{
    uint64_t h = hash_bytes(s, n);
    for (size_t k = h & t->mask; t->slot[k].index; k = (k + 1) & t->mask) {
        const set_slot *e = &t->slot[k];
        if (e->hash == h && e->len == n && memcmp(L->lexeme[e->index - 1], s, n) == 0)
            return (long)e->index - 1;
    }
    return -1;
}

/* ---- reading the tsvectors ---------------------------------------------- */

/* The weight of one lexeme in one article: the score of a one-term
 * query (index_best.c's term weight). */
static int lexeme_weight(lists *L, const pg_tsv_lexeme *lx, const double len[PG_COLUMNS],
                         double *out)
{
    int base[PG_COLUMNS];
    pg_field_base(len, base);
    if (lx->npos > L->cap_match) {
        songbad_rank_match *m = realloc(L->match, lx->npos * sizeof *m);
        if (!m) return SONGBAD_E_NOMEM;
        L->match = m;
        L->cap_match = lx->npos;
    }
    for (size_t i = 0; i < lx->npos; i++) {
        int col = pg_col_of(pg_tsv_weight(lx, i));
        L->match[i].column = col;
        L->match[i].offset = pg_tsv_position(lx, i) - base[col] - 1;
        L->match[i].phrase = 0;
    }
    qsort(L->match, lx->npos, sizeof *L->match, by_column_offset);
    *out = songbad_scorer_score(L->scorer, L->match, lx->npos, len);
    return SONGBAD_OK;
}

/* Offers one article (a binary tsvector of n bytes) to the heaps of the
 * lexemes in the set. */
static int offer_article(lists *L, const lexeme_set *set, uint32_t seq,
                         const double len[PG_COLUMNS], const char *tsv, size_t n)
{
    pg_tsv_reader r;
    pg_tsv_lexeme lx;
    int rc = pg_tsv_open(&r, tsv, n), got;
    while (!rc && (got = pg_tsv_next(&r, &lx)) != 0) {
        if (got < 0) return got;
        long id = lx.npos ? set_find(set, L, lx.text, lx.len) : -1;
        if (id < 0) continue;
        double w = 0;
        rc = lexeme_weight(L, &lx, len, &w);
        entry v = {(float)w, seq};
        if (!rc) heap_offer(&L->heap[id], v);
    }
    return rc;
}

/* One pass over the articles for the lexemes [from, to): each one's best
 * into its heap. The tsvectors come whole and in binary (cheaper for the
 * server than unnesting them) and the lexemes are looked up here. */
static int read_pass(pg_store *s, lists *L, size_t from, size_t to, const char *upto)
{
    lexeme_set set;
    int rc = set_make(&set, L, from, to);
    const char *vals[1] = {upto};
    if (!rc)
        rc = pg_command(s,
                        "DECLARE songbad_pass NO SCROLL CURSOR FOR"
                        " SELECT seq, len_headline, len_lead, len_body, len_captions, tsv"
                        " FROM articles WHERE seq <= $1::bigint",
                        1, vals, "cannot read the articles");
    while (!rc) {
        /* binary rows: with parameters, the format asked for wins over the
           cursor's */
        PGresult *res = PQexecParams(s->conn, "FETCH " FETCH_ROWS " FROM songbad_pass", 0, NULL,
                                     NULL, NULL, NULL, 1);
        if (PQresultStatus(res) != PGRES_TUPLES_OK) {
            rc = pg_fail(s, SONGBAD_E_DB, "cannot read the articles", res);
            PQclear(res);
            break;
        }
        int rows = PQntuples(res);
        for (int i = 0; i < rows && !rc; i++) {
            /* seq: a bigint under 2^32 (load_common checks): its low half */
            uint32_t seq = pg_be32(PQgetvalue(res, i, 0) + 4);
            double len[PG_COLUMNS]; /* headline, lead, body, captions: the columns' order */
            for (int c = 0; c < PG_COLUMNS; c++) len[c] = (int32_t)pg_be32(PQgetvalue(res, i, 1 + c));
            rc = offer_article(L, &set, seq, len, PQgetvalue(res, i, 5),
                               (size_t)PQgetlength(res, i, 5));
            if (rc == SONGBAD_E_DB)
                snprintf(s->errmsg, sizeof s->errmsg, "%s: a tsvector that cannot be read", s->target);
        }
        PQclear(res);
        if (rows == 0) break;
    }
    if (!rc) rc = pg_exec(s, "CLOSE songbad_pass", "cannot read the articles");
    free(set.slot);
    return rc;
}

static int by_seq(const void *x, const void *y)
{
    const entry *a = x, *b = y;
    return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/* Writes the lists of the lexemes [from, to) and frees their heaps. */
static int write_pass(pg_store *s, lists *L, size_t from, size_t to)
{
    int rc = SONGBAD_OK;
    unsigned char *bytes = malloc(L->per_term * 10);
    char *hex = malloc(L->per_term * 20 + 3);
    if (!bytes || !hex) rc = SONGBAD_E_NOMEM;
    for (size_t i = from; i < to && !rc; i++) {
        term_heap *h = &L->heap[i];
        qsort(h->e, h->n, sizeof *h->e, by_seq);
        size_t nb = 0;
        uint32_t prev = 0;
        for (uint32_t k = 0; k < h->n; k++) {
            nb += put_varint(bytes + nb, h->e[k].seq - prev);
            prev = h->e[k].seq;
        }
        static const char digits[] = "0123456789abcdef";
        hex[0] = '\\';
        hex[1] = 'x';
        for (size_t k = 0; k < nb; k++) {
            hex[2 + 2 * k] = digits[bytes[k] >> 4];
            hex[3 + 2 * k] = digits[bytes[k] & 15];
        }
        hex[2 + 2 * nb] = '\0';
        char df[32];
        snprintf(df, sizeof df, "%lld", L->df[i]);
        const char *vals[3] = {L->lexeme[i], df, hex};
        rc = pg_command(s, "INSERT INTO songbad_term_best VALUES ($1, $2, $3)", 3, vals,
                        "cannot write the term lists");
        free(h->e);
        h->e = NULL;
    }
    free(bytes);
    free(hex);
    return rc;
}

static void lists_free(lists *L)
{
    for (size_t i = 0; i < L->n; i++) {
        free(L->lexeme[i]);
        if (L->heap) free(L->heap[i].e);
    }
    free(L->lexeme);
    free(L->df);
    free(L->heap);
    free(L->match);
    songbad_scorer_free(L->scorer);
}

/* The common lexemes, the corpus sizes for the weights, and the last seq
 * the lists will cover (upto, as text). */
static int load_common(pg_store *s, lists *L, char upto[32])
{
    int rc = SONGBAD_OK;
    char per[32];
    snprintf(per, sizeof per, "%zu", L->per_term);
    const char *vals[1] = {per};
    PGresult *res = pg_rows(s,
                            "SELECT docs, len_headline, len_lead, len_body, len_captions,"
                            " (SELECT coalesce(max(seq), 0) FROM articles),"
                            " (SELECT relkind = 'p' FROM pg_class WHERE oid = 'articles'::regclass)"
                            " FROM songbad_corpus",
                            0, NULL, "cannot read the corpus size", &rc);
    if (!res) return rc;
    double docs = PQntuples(res) ? pg_num(res, 0, 0) : 0, avgdl[PG_COLUMNS];
    for (int c = 0; c < PG_COLUMNS; c++) {
        avgdl[c] = docs > 0 && PQntuples(res) ? pg_num(res, 0, 1 + c) / docs : 1.0;
        if (avgdl[c] <= 0) avgdl[c] = 1.0;
    }
    snprintf(upto, 32, "%s", PQntuples(res) ? PQgetvalue(res, 0, 5) : "0");
    int partitioned = PQntuples(res) && strcmp(PQgetvalue(res, 0, 6), "t") == 0;
    PQclear(res);
    if (partitioned) {
        snprintf(s->errmsg, sizeof s->errmsg,
                 "%s: term lists are not made for a partitioned (sharded) articles table",
                 s->target);
        return SONGBAD_E_INVAL;
    }
    if (atoll(upto) > (long long)UINT32_MAX) {
        snprintf(s->errmsg, sizeof s->errmsg, "%s: term lists need article numbers (seq) under 2^32",
                 s->target);
        return SONGBAD_E_TOOBIG;
    }
    double one = 1.0;
    int no_word = -1;
    songbad_rank_params pr = {1, &one, &no_word, &one, PG_COLUMNS, pg_col_weight, avgdl,
                              pg_col_limit};
    rc = songbad_scorer_new(&pr, NULL, &L->scorer);
    if (rc) return rc;
    res = pg_rows(s, "SELECT lexeme, df FROM songbad_terms WHERE df > $1::bigint ORDER BY lexeme",
                  1, vals, "cannot read the term statistics", &rc);
    if (!res) return rc;
    size_t n = (size_t)PQntuples(res);
    L->lexeme = calloc(n + 1, sizeof *L->lexeme);
    L->df = calloc(n + 1, sizeof *L->df);
    L->heap = calloc(n + 1, sizeof *L->heap);
    if (!L->lexeme || !L->df || !L->heap) rc = SONGBAD_E_NOMEM;
    for (size_t i = 0; i < n && !rc; i++) {
        L->lexeme[i] = strdup(PQgetvalue(res, (int)i, 0));
        L->df[i] = atoll(PQgetvalue(res, (int)i, 1));
        if (!L->lexeme[i]) rc = SONGBAD_E_NOMEM;
        L->n = i + 1;
    }
    PQclear(res);
    return rc;
}

/* The lists in passes of at most PASS_ENTRIES entries, each one pass over
 * the table: memory stays bounded however many lexemes are common. */
static int make_lists(pg_store *s, lists *L, const char *upto)
{
    int rc = SONGBAD_OK;
    for (size_t from = 0; from < L->n && !rc;) {
        size_t to = from, entries = 0;
        while (to < L->n && (to == from || entries + L->per_term <= PASS_ENTRIES)) {
            term_heap *h = &L->heap[to];
            h->cap = (uint32_t)L->per_term;
            h->e = malloc(L->per_term * sizeof *h->e);
            if (!h->e) return SONGBAD_E_NOMEM;
            entries += L->per_term;
            to++;
        }
        rc = read_pass(s, L, from, to, upto);
        if (!rc) rc = write_pass(s, L, from, to);
        from = to;
    }
    return rc;
}

int pg_optimize(store *st, size_t per_term, size_t *terms)
{
    pg_store *s = (pg_store *)st;
    s->errmsg[0] = '\0';
    *terms = 0;
    lists L;
    memset(&L, 0, sizeof L);
    L.per_term = per_term ? per_term : SONGBAD_BEST_PER_TERM;
    if (L.per_term > PASS_ENTRIES) {
        snprintf(s->errmsg, sizeof s->errmsg, "%s: --per-term %zu is more than %u", s->target,
                 L.per_term, PASS_ENTRIES);
        return SONGBAD_E_INVAL;
    }
    char upto[32];
    /* one snapshot for the whole pass: the lists describe the articles
       up to one seq, and articles added meanwhile come after it */
    int rc = pg_exec(s, "BEGIN ISOLATION LEVEL REPEATABLE READ", "cannot begin");
    if (!rc) rc = load_common(s, &L, upto);
    if (!rc) rc = pg_exec(s, best_schema, "cannot create the term lists");
    if (!rc) rc = make_lists(s, &L, upto);
    char per[32];
    snprintf(per, sizeof per, "%zu", L.per_term);
    const char *vals[2] = {upto, per};
    if (!rc)
        rc = pg_command(s,
                        "INSERT INTO songbad_meta VALUES ('best_upto', $1), ('best_per_term', $2)"
                        " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                        2, vals, "cannot write the term lists");
    if (!rc) rc = pg_exec(s, "COMMIT", "cannot commit");
    else PQclear(PQexec(s->conn, "ROLLBACK"));
    if (!rc) *terms = L.n;
    if (rc == SONGBAD_E_NOMEM && !s->errmsg[0]) snprintf(s->errmsg, sizeof s->errmsg, "out of memory");
    lists_free(&L);
    return rc;
}
