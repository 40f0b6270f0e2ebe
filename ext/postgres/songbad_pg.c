/*
 * songbad_pg.c - the PostgreSQL extension: a thin shell over libsongbad.
 *
 * - a text search parser "songbad": songbad_analyze (WORD terms only) finds
 *   the words and their byte spans; the parser returns the ORIGINAL slices
 *   (so ts_headline shows the text as written) and the gaps between them
 *   as blank tokens;
 * - a text search dictionary template "songbad": each word is analyzed
 *   again and comes back as its normalized form, its stem and its
 *   cross-script key ('#' + key) as alternatives at one position;
 * - SQL functions songbad_normalize, songbad_romanize(_iso), songbad_key,
 *   songbad_parse, and songbad_tsquery (the query syntax of the command
 *   line, through songbad_query_plan_tsquery).
 * No language logic lives here. Memory comes from palloc (the current
 * memory context); errors are reported with ereport(ERROR).
 */
#include "postgres.h"

#include <string.h>

#include "commands/defrem.h"
#include "fmgr.h"
#include "lib/stringinfo.h"
#include "nodes/pg_list.h"
#include "tsearch/ts_public.h"
#include "utils/builtins.h"
#include "utils/jsonb.h"
#include "utils/memutils.h"

#include "songbad.h"

PG_MODULE_MAGIC;

/* ---- Memory: palloc behind the songbad allocator ------------------------ */
/* A header in front of every block keeps its size, so that a failed
 * allocation can return NULL (SONGBAD_E_NOMEM) instead of throwing through
 * library code. */
#define HDR MAXALIGN(sizeof(Size))

static void *pg_realloc(void *ctx, void *ptr, size_t size)
{
    char *p = MemoryContextAllocExtended((MemoryContext)ctx, size + HDR,
                                         MCXT_ALLOC_HUGE | MCXT_ALLOC_NO_OOM);
    if (!p) return NULL;
    *(Size *)p = size;
    if (ptr) {
        char *old = (char *)ptr - HDR;
        Size n = *(Size *)old;
        memcpy(p + HDR, ptr, n < size ? n : size);
        pfree(old);
    }
    return p + HDR;
}

static void pg_free(void *ctx, void *ptr)
{
    (void)ctx;
    if (ptr) pfree((char *)ptr - HDR);
}

static songbad_allocator pg_allocator(void)
{
    songbad_allocator a;
    a.realloc = pg_realloc;
    a.free = pg_free;
    a.ctx = CurrentMemoryContext;
    return a;
}

static void check(int rc, const char *what)
{
    if (rc == SONGBAD_OK || rc == SONGBAD_DONE) return;
    if (rc == SONGBAD_E_NOMEM)
        ereport(ERROR, (errcode(ERRCODE_OUT_OF_MEMORY),
                        errmsg("songbad: out of memory in %s", what)));
    if (rc == SONGBAD_E_TOOBIG)
        ereport(ERROR, (errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
                        errmsg("songbad: input too large for %s", what)));
    ereport(ERROR, (errcode(ERRCODE_INTERNAL_ERROR),
                    errmsg("songbad: %s failed: %s", what, songbad_strerror(rc))));
}

static songbad_analyzer *new_analyzer(unsigned flags)
{
    songbad_allocator a = pg_allocator();
    songbad_analyzer *an = NULL;
    check(songbad_analyzer_new(flags, &a, &an), "creating the analyzer");
    return an;
}

/* ---- The parser ------------------------------------------------------- */
/* Token ids follow the default parser's numbering where prsd_headline looks
 * at them: 12 is blank (space), and 5, 13, 15-17 (skipped or replaced in
 * headlines) are not used. */
#define TOK_BENGALI 1
#define TOK_LATIN 2
#define TOK_NUMBER 3
#define TOK_MIXED 4
#define TOK_OTHER 6
#define TOK_SYMBOL 7
#define TOK_BLANK 12

typedef struct {
    int type;
    Size start, end;
} ptoken;

typedef struct {
    const char *text;
    Size len;
    ptoken *toks;
    int n, cap, next;
    Size done; /* end of the last word token */
    bool nomem;
} pstate;

static int kind_type(songbad_token_kind k)
{
    switch (k) {
    case SONGBAD_TOKEN_BENGALI: return TOK_BENGALI;
    case SONGBAD_TOKEN_LATIN: return TOK_LATIN;
    case SONGBAD_TOKEN_NUMBER: return TOK_NUMBER;
    case SONGBAD_TOKEN_MIXED: return TOK_MIXED;
    case SONGBAD_TOKEN_SYMBOL: return TOK_SYMBOL;
    default: return TOK_OTHER;
    }
}

static bool push(pstate *st, int type, Size start, Size end)
{
    if (st->n == st->cap) {
        int cap = st->cap ? st->cap * 2 : 64;
        ptoken *t = MemoryContextAllocExtended(
            CurrentMemoryContext, (Size)cap * sizeof *t,
            MCXT_ALLOC_HUGE | MCXT_ALLOC_NO_OOM);
        if (!t) return false;
        if (st->toks) {
            memcpy(t, st->toks, (Size)st->n * sizeof *t);
            pfree(st->toks);
        }
        st->toks = t;
        st->cap = cap;
    }
    st->toks[st->n].type = type;
    st->toks[st->n].start = start;
    st->toks[st->n].end = end;
    st->n++;
    return true;
}

static int parse_term(void *ctx, const songbad_term *t)
{
    pstate *st = ctx;
    if (t->type != SONGBAD_TERM_WORD) return 0;
    if (t->start < st->done || t->end <= t->start || t->end > st->len)
        return 0; /* never overlap or go backwards */
    if (t->start > st->done && !push(st, TOK_BLANK, st->done, t->start))
        goto nomem;
    if (!push(st, kind_type(t->kind), t->start, t->end)) goto nomem;
    st->done = t->end;
    return 0;
nomem:
    st->nomem = true;
    return SONGBAD_E_NOMEM;
}

PG_FUNCTION_INFO_V1(songbad_prs_start);
Datum songbad_prs_start(PG_FUNCTION_ARGS)
{
    pstate *st = palloc0(sizeof *st);
    st->text = (const char *)PG_GETARG_POINTER(0);
    st->len = (Size)PG_GETARG_INT32(1);
    if (st->len > 0) {
        songbad_analyzer *an = new_analyzer(0);
        int rc = songbad_analyze(an, st->text, st->len, parse_term, st);
        songbad_analyzer_free(an);
        check(st->nomem ? SONGBAD_E_NOMEM : rc, "the songbad parser");
        if (st->done < st->len && !push(st, TOK_BLANK, st->done, st->len))
            check(SONGBAD_E_NOMEM, "the songbad parser");
    }
    PG_RETURN_POINTER(st);
}

PG_FUNCTION_INFO_V1(songbad_prs_getlexeme);
Datum songbad_prs_getlexeme(PG_FUNCTION_ARGS)
{
    pstate *st = (pstate *)PG_GETARG_POINTER(0);
    char **t = (char **)PG_GETARG_POINTER(1);
    int *tlen = (int *)PG_GETARG_POINTER(2);
    ptoken *tok;
    if (st->next >= st->n) {
        *t = NULL;
        *tlen = 0;
        PG_RETURN_INT32(0);
    }
    tok = &st->toks[st->next++];
    *t = (char *)st->text + tok->start;
    *tlen = (int)(tok->end - tok->start);
    PG_RETURN_INT32(tok->type);
}

PG_FUNCTION_INFO_V1(songbad_prs_end);
Datum songbad_prs_end(PG_FUNCTION_ARGS)
{
    pstate *st = (pstate *)PG_GETARG_POINTER(0);
    if (st->toks) pfree(st->toks);
    pfree(st);
    PG_RETURN_VOID();
}

PG_FUNCTION_INFO_V1(songbad_prs_lextype);
Datum songbad_prs_lextype(PG_FUNCTION_ARGS)
{
    static const struct { int id; const char *alias, *descr; } types[] = {
        {TOK_BENGALI, "bengali", "Bengali word"},
        {TOK_LATIN, "latin", "Latin word"},
        {TOK_NUMBER, "number", "Number, Bengali or ASCII digits"},
        {TOK_MIXED, "mixed", "Word of letters and digits or of several scripts"},
        {TOK_OTHER, "other", "Word in another script"},
        {TOK_SYMBOL, "symbol", "Symbol (taka sign)"},
        {TOK_BLANK, "blank", "Space or punctuation"},
    };
    int n = (int)lengthof(types);
    LexDescr *d = palloc(sizeof(LexDescr) * (n + 1));
    (void)fcinfo;
    for (int i = 0; i < n; i++) {
        d[i].lexid = types[i].id;
        d[i].alias = pstrdup(types[i].alias);
        d[i].descr = pstrdup(types[i].descr);
    }
    d[n].lexid = 0;
    PG_RETURN_POINTER(d);
}

/* ---- The dictionary --------------------------------------------------- */
/* The dictionary keeps its analyzer (and loose normalizer) for its lifetime,
 * in the dictionary's memory context. The library never throws: the
 * allocator returns NULL on failure, so no error can leave them half-done. */
typedef struct {
    bool stopwords;           /* drop stopwords */
    songbad_norm_level level; /* SEARCH, or LOOSE to fold spelling variants */
    songbad_analyzer *an;
    songbad_normalizer *loose;
} dict_opts;

PG_FUNCTION_INFO_V1(songbad_dict_init);
Datum songbad_dict_init(PG_FUNCTION_ARGS)
{
    List *options = (List *)PG_GETARG_POINTER(0);
    dict_opts *d = palloc0(sizeof *d);
    ListCell *l;
    d->stopwords = true;
    d->level = SONGBAD_NORM_SEARCH;
    foreach (l, options) {
        DefElem *def = (DefElem *)lfirst(l);
        if (strcmp(def->defname, "stopwords") == 0) {
            d->stopwords = defGetBoolean(def);
        } else if (strcmp(def->defname, "level") == 0) {
            const char *v = defGetString(def);
            if (songbad_norm_level_parse(v, &d->level) != SONGBAD_OK ||
                (d->level != SONGBAD_NORM_SEARCH && d->level != SONGBAD_NORM_LOOSE))
                ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE),
                                errmsg("songbad dictionary: Level must be \"search\" or \"loose\", not \"%s\"", v)));
        } else {
            ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE),
                            errmsg("songbad dictionary: unrecognized parameter \"%s\"", def->defname),
                            errhint("The parameters are Stopwords (boolean) and Level (search or loose).")));
        }
    }
    d->an = new_analyzer(SONGBAD_ANALYZE_DEFAULT);
    if (d->level == SONGBAD_NORM_LOOSE) {
        songbad_allocator a = pg_allocator();
        check(songbad_normalizer_new(SONGBAD_NORM_LOOSE, &a, &d->loose),
              "the songbad dictionary");
    }
    PG_RETURN_POINTER(d);
}

typedef struct {
    TSLexeme *res;
    int n, cap;
    bool stop, nomem;
} lexstate;

static int lex_term(void *ctx, const songbad_term *t)
{
    lexstate *ls = ctx;
    char *s;
    if (t->len == 0) return 0;
    if (t->stopword) ls->stop = true;
    for (int i = 0; i < ls->n; i++) /* the stem may equal an earlier term */
        if (strlen(ls->res[i].lexeme) == t->len &&
            memcmp(ls->res[i].lexeme, t->text, t->len) == 0)
            return 0;
    if (ls->n + 1 >= ls->cap) {
        int cap = ls->cap * 2;
        TSLexeme *r = MemoryContextAllocExtended(CurrentMemoryContext,
                                                 sizeof(TSLexeme) * cap,
                                                 MCXT_ALLOC_NO_OOM | MCXT_ALLOC_ZERO);
        if (!r) goto nomem;
        memcpy(r, ls->res, sizeof(TSLexeme) * ls->n);
        pfree(ls->res);
        ls->res = r;
        ls->cap = cap;
    }
    s = MemoryContextAllocExtended(CurrentMemoryContext, t->len + 1,
                                         MCXT_ALLOC_NO_OOM | MCXT_ALLOC_HUGE);
    if (!s) goto nomem;
    memcpy(s, t->text, t->len);
    s[t->len] = '\0';
    ls->res[ls->n].lexeme = s;
    /* a distinct nvariant per lexeme: alternatives (OR in a tsquery), as
       ispell returns several normal forms; an equal nvariant would mean
       parts of one variant (AND) */
    ls->res[ls->n].nvariant = (uint16)(ls->n + 1);
    ls->res[ls->n].flags = 0;
    ls->n++;
    ls->res[ls->n].lexeme = NULL;
    return 0;
nomem:
    ls->nomem = true;
    return SONGBAD_E_NOMEM;
}

PG_FUNCTION_INFO_V1(songbad_dict_lexize);
Datum songbad_dict_lexize(PG_FUNCTION_ARGS)
{
    dict_opts *d = (dict_opts *)PG_GETARG_POINTER(0);
    const char *in = (const char *)PG_GETARG_POINTER(1);
    Size len = (Size)PG_GETARG_INT32(2);
    lexstate ls = {0};
    int rc;

    if (d->loose) { /* fold spelling variants first */
        const char *out;
        size_t out_len;
        check(songbad_normalize(d->loose, in, len, &out, &out_len, NULL),
              "the songbad dictionary");
        in = out;
        len = out_len;
    }
    ls.cap = 8;
    ls.res = palloc0(sizeof(TSLexeme) * ls.cap);
    rc = songbad_analyze(d->an, in, len, lex_term, &ls);
    check(ls.nomem ? SONGBAD_E_NOMEM : rc, "the songbad dictionary");
    if (ls.stop && d->stopwords)
        ls.res[0].lexeme = NULL; /* a stopword: recognized, not indexed */
    /* no terms at all (nothing to index): an empty array drops the token */
    PG_RETURN_POINTER(ls.res);
}

/* ---- SQL functions ---------------------------------------------------- */
PG_FUNCTION_INFO_V1(songbad_normalize_sql);
Datum songbad_normalize_sql(PG_FUNCTION_ARGS)
{
    text *t = PG_GETARG_TEXT_PP(0);
    char *name = text_to_cstring(PG_GETARG_TEXT_PP(1));
    songbad_norm_level level;
    songbad_allocator a = pg_allocator();
    songbad_normalizer *n = NULL;
    const char *out;
    size_t out_len;
    text *res = NULL;
    int rc;

    if (songbad_norm_level_parse(name, &level) != SONGBAD_OK)
        ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE),
                        errmsg("songbad_normalize: unknown level \"%s\"", name),
                        errhint("The levels are nfc, nfd, search and loose.")));
    check(songbad_normalizer_new(level, &a, &n), "songbad_normalize");
    rc = songbad_normalize(n, VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t), &out, &out_len, NULL);
    if (rc == SONGBAD_OK) {
        if (out_len > MaxAllocSize - VARHDRSZ) rc = SONGBAD_E_TOOBIG;
        else res = cstring_to_text_with_len(out, (int)out_len);
    }
    songbad_normalizer_free(n);
    check(rc, "songbad_normalize");
    PG_RETURN_TEXT_P(res);
}

typedef size_t (*word_fn)(const char *, size_t, char *, size_t);

/* Runs a write-to-buffer function of the library, growing the buffer once. */
static text *call_buffered(word_fn fn, text *t, bool normalize, const char *what)
{
    const char *in = VARDATA_ANY(t);
    size_t len = VARSIZE_ANY_EXHDR(t);
    songbad_normalizer *n = NULL;
    text *res;
    char *buf;
    size_t cap, need;

    if (normalize) { /* the word functions take search-normalized words */
        songbad_allocator a = pg_allocator();
        const char *out;
        size_t out_len;
        int rc;
        check(songbad_normalizer_new(SONGBAD_NORM_SEARCH, &a, &n), what);
        rc = songbad_normalize(n, in, len, &out, &out_len, NULL);
        if (rc) songbad_normalizer_free(n);
        check(rc, what);
        in = out;
        len = out_len;
    }
    cap = len + 64;
    if (cap > MaxAllocHugeSize / 4) check(SONGBAD_E_TOOBIG, what);
    buf = palloc_extended(cap, MCXT_ALLOC_HUGE);
    need = fn(in, len, buf, cap);
    if (need > cap) {
        pfree(buf);
        if (need > MaxAllocHugeSize) check(SONGBAD_E_TOOBIG, what);
        buf = palloc_extended(need, MCXT_ALLOC_HUGE);
        cap = need;
        need = fn(in, len, buf, cap);
    }
    songbad_normalizer_free(n);
    if (need > MaxAllocSize - VARHDRSZ) check(SONGBAD_E_TOOBIG, what);
    res = cstring_to_text_with_len(buf, (int)need);
    pfree(buf);
    return res;
}

PG_FUNCTION_INFO_V1(songbad_romanize_sql);
Datum songbad_romanize_sql(PG_FUNCTION_ARGS)
{
    PG_RETURN_TEXT_P(call_buffered(songbad_romanize, PG_GETARG_TEXT_PP(0), true,
                                   "songbad_romanize"));
}

PG_FUNCTION_INFO_V1(songbad_romanize_iso_sql);
Datum songbad_romanize_iso_sql(PG_FUNCTION_ARGS)
{
    PG_RETURN_TEXT_P(call_buffered(songbad_romanize_iso, PG_GETARG_TEXT_PP(0), true,
                                   "songbad_romanize_iso"));
}

PG_FUNCTION_INFO_V1(songbad_key_sql);
Datum songbad_key_sql(PG_FUNCTION_ARGS)
{
    PG_RETURN_TEXT_P(call_buffered(songbad_name_key, PG_GETARG_TEXT_PP(0), true,
                                   "songbad_key"));
}

static int write_json(void *ctx, const char *data, size_t len)
{
    StringInfo si = ctx;
    if (len > (size_t)(MaxAllocSize - si->len - 1)) return SONGBAD_E_TOOBIG;
    appendBinaryStringInfo(si, data, (int)len);
    return 0;
}

PG_FUNCTION_INFO_V1(songbad_tsquery_sql);
Datum songbad_tsquery_sql(PG_FUNCTION_ARGS)
{
    text *t = PG_GETARG_TEXT_PP(0);
    songbad_allocator a = pg_allocator();
    songbad_query_plan *p = NULL;
    char *buf;
    size_t n;
    int rc;

    check(songbad_query_plan_new(&a, &p), "songbad_tsquery");
    rc = songbad_query_plan_compile(p, VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t));
    if (rc == SONGBAD_E_QUERY)
        ereport(ERROR, (errcode(ERRCODE_SYNTAX_ERROR),
                        errmsg("songbad_tsquery: %s", songbad_query_plan_errmsg(p))));
    check(rc, "songbad_tsquery");
    if (songbad_query_plan_tsquery(p, 1, NULL, 0) > 0)
        ereport(ERROR, (errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                        errmsg("songbad_tsquery: source: is not a field of the text"),
                        errhint("Filter on the column that holds the source instead.")));
    n = songbad_query_plan_tsquery(p, 0, NULL, 0);
    if (n > MaxAllocSize - 1) check(SONGBAD_E_TOOBIG, "songbad_tsquery");
    buf = palloc(n + 1);
    songbad_query_plan_tsquery(p, 0, buf, n + 1);
    songbad_query_plan_free(p);
    PG_RETURN_DATUM(DirectFunctionCall1(tsqueryin, CStringGetDatum(buf)));
}

PG_FUNCTION_INFO_V1(songbad_parse_sql);
Datum songbad_parse_sql(PG_FUNCTION_ARGS)
{
    text *t = PG_GETARG_TEXT_PP(0);
    songbad_allocator a = pg_allocator();
    songbad_article *art = NULL;
    StringInfoData si;
    int rc;

    check(songbad_article_parse_text(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t), NULL, &a, &art),
          "songbad_parse");
    initStringInfo(&si);
    rc = songbad_article_write_json(art, write_json, &si);
    songbad_article_free(art);
    check(rc, "songbad_parse");
    PG_RETURN_DATUM(DirectFunctionCall1(jsonb_in, CStringGetDatum(si.data)));
}
