/* fault.c - the fault-injection sweep: every library operation below is run
 * with its N-th allocation failing, for N = 1, 2, ... until a run finishes
 * without reaching the failure. A failed run must return an error code
 * (SONGBAD_E_NOMEM, or SONGBAD_E_DB when SQLite reports the failure in its
 * own words), a run that still succeeds must give exactly the output of a
 * run without failures, and every run must give back every block it took.
 * Prints "fault: P/T passed" (one check per operation).
 *
 * jansson's allocations are counted (leaks) but failed only with
 * SONGBAD_FAULT_JANSSON=1: its lexer drops bytes of a string when an
 * allocation fails, which no caller can detect (docs/robustness.md).
 * SONGBAD_FAULT_STRIDE=K tests every K-th N only (for slow sanitizer
 * builds); the sweep still runs until an N is past the operation's last
 * allocation. */
#include "fault_alloc.h"

#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ---- the output of one run, compared with the run without failures ---- */
static char out[1 << 18];
static size_t out_len;
static int out_full;

static void put(const char *s, size_t n)
{
    if (out_len + n > sizeof out) {
        out_full = 1;
        return;
    }
    memcpy(out + out_len, s, n);
    out_len += n;
}

static void putf(const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (n > 0) put(buf, (size_t)n < sizeof buf ? (size_t)n : sizeof buf - 1);
}

/* ---- inputs (written for this test) ---- */
static const char article_text[] =
    "বন্যায় সিলেটে লাখো মানুষ পানিবন্দী\n"
    "\n"
    "নিজস্ব প্রতিবেদক, সিলেট\n"
    "\n"
    "টানা তিন দিনের বৃষ্টিতে সুরমা নদীর পানি বিপৎসীমার ওপর দিয়ে বইছে। "
    "গতকাল রোববার সন্ধ্যা থেকে শহরের নিচু এলাকাগুলো ডুবে গেছে।\n"
    "\n"
    "জেলা প্রশাসক জানান, ১২ জুন ২০২৪ পর্যন্ত ৪৫টি আশ্রয়কেন্দ্র খোলা হয়েছে। "
    "রয়টার্স জানায়, মেঘালয়েও ভারী বৃষ্টি হচ্ছে; গত সপ্তাহে সেখানে ১,২৫,০০০ মানুষ ঘর ছাড়ে।\n"
    "\n"
    "আশ্রয়কেন্দ্রে খাবারের অপেক্ষায় শিশুরা। ছবি: এএফপি\n"
    "\n"
    "বিজ্ঞাপন\n";

/* Latin, digits, a hyphenated name, khanda ta spelled with ZWJ, a nukta
 * form, a dotted reph and one invalid byte */
static const char mixed_text[] =
    "Lavrov ও ল্যাভরভ বললেন, কিম জং-উন উৎ\xe0\xa6\xa4\xe0\xa7\x8d\xe2\x80\x8dসব "
    "য\xe0\xa6\xbc \xe0\xa6\xb0\xe0\xa7\x8d\xe2\x80\x8dযাব ২০২৩ সালে ৳৫০০ \xff COVID-19 তে।";

static const char *const records[] = {
    "{\"id\":\"f1\",\"title\":\"সিলেটে বন্যা\",\"body\":\"সুরমার পানি বাড়ছে। "
    "আজ সকালে আরও তিনটি ইউনিয়ন প্লাবিত হয়েছে।\",\"date\":\"2024-06-12\","
    "\"source\":\"নিজস্ব\",\"tags\":[\"বন্যা\",\"সিলেট\"]}",
    "{\"id\":\"f2\",\"title\":\"ঢাকায় লাভরভ\",\"body\":\"রুশ পররাষ্ট্রমন্ত্রী "
    "লাভরভ দুই দিনের সফরে ঢাকায় এসেছেন। গতকাল তিনি বৈঠক করেন।\","
    "\"date\":\"2023-10-19\",\"source\":\"এএফপি\",\"url\":\"https://example.org/2\"}",
    "{\"id\":7,\"title\":\"Lavrov leaves Dhaka\",\"body\":\"ল্যাভরভের সফর শেষ হয়েছে। "
    "তিনি মস্কো ফিরেছেন।\",\"date\":\"2023-10-21\",\"lang\":\"bn\"}",
    "{\"id\":\"f4\",\"body\":\"সুরমার পানি বাড়ছে। আজ সকালে আরও তিনটি ইউনিয়ন "
    "প্লাবিত হয়েছে।\",\"source\":\"অন্য\"}",
};
#define NRECORDS (sizeof records / sizeof records[0])

static char dir[64], db_path[128], tmpl_path[128];

/* ---- the operations ---- */
static int op_normalize(void)
{
    for (int level = 0; level < 4; level++) {
        songbad_normalizer *n;
        int rc = songbad_normalizer_new((songbad_norm_level)level, &fault_allocator, &n);
        if (rc) return rc;
        const char *texts[] = {article_text, mixed_text};
        size_t lens[] = {sizeof article_text - 1, sizeof mixed_text - 1};
        for (int t = 0; t < 2; t++) {
            const char *o;
            size_t len;
            const size_t *offs;
            rc = songbad_normalize(n, texts[t], lens[t], &o, &len, t ? &offs : NULL);
            if (rc) break;
            put(o, len);
            if (t) putf("|%zu|%zu\n", offs[0], offs[len]);
        }
        songbad_normalizer_free(n);
        if (rc) return rc;
    }
    return SONGBAD_OK;
}

static int on_term(void *ctx, const songbad_term *t)
{
    (void)ctx;
    put(t->text, t->len);
    putf(" %zu-%zu %zu %d%d%d%d\n", t->start, t->end, t->position, (int)t->kind,
         (int)t->type, t->colocated, t->stopword);
    return SONGBAD_OK;
}

static int op_analyze(void)
{
    static const unsigned flags[] = {SONGBAD_ANALYZE_DEFAULT, 0};
    for (int f = 0; f < 2; f++) {
        songbad_analyzer *a;
        int rc = songbad_analyzer_new(flags[f], &fault_allocator, &a);
        if (rc) return rc;
        rc = songbad_analyze(a, mixed_text, sizeof mixed_text - 1, on_term, NULL);
        if (!rc) rc = songbad_analyze(a, article_text, sizeof article_text - 1, on_term, NULL);
        songbad_analyzer_free(a);
        if (rc) return rc;
    }
    return SONGBAD_OK;
}

/* functions documented not to allocate: the sweep checks they take nothing */
static int op_words(void)
{
    const char *s = mixed_text;
    size_t len = sizeof mixed_text - 1;
    for (int u = 0; u < 3; u++) {
        for (size_t i = 0; i < len;) {
            size_t e = songbad_segment_next((songbad_seg_unit)u, s, len, i);
            putf("%zu%c", e, songbad_segment_is_word(s, i, e) ? 'w' : ' ');
            i = e;
        }
    }
    static const char *const words[] = {"কোরিয়ার", "লাভরভের", "Lavrov", "জংউন", "করছিলেন"};
    for (size_t w = 0; w < sizeof words / sizeof words[0]; w++) {
        char buf[128];
        size_t n = strlen(words[w]);
        size_t k = songbad_stem(words[w], n, buf, sizeof buf);
        put(buf, k < sizeof buf ? k : sizeof buf);
        k = songbad_name_key(words[w], n, buf, sizeof buf);
        put(buf, k < sizeof buf ? k : sizeof buf);
        putf("%d", songbad_is_stopword(words[w], n));
    }
    char rom[1024];
    size_t k = songbad_romanize(article_text, 200, rom, sizeof rom);
    put(rom, k < sizeof rom ? k : sizeof rom);
    size_t bad = 0;
    putf("%d %zu", songbad_utf8_validate(mixed_text, len, &bad), bad);
    return SONGBAD_OK;
}

static int on_json(void *ctx, const char *data, size_t len)
{
    (void)ctx;
    put(data, len);
    return SONGBAD_OK;
}

static int op_parse_text(void)
{
    songbad_article_options opt = {"2024-06-13", 0};
    songbad_article *a;
    int rc = songbad_article_parse_text(article_text, sizeof article_text - 1, &opt,
                                        &fault_allocator, &a);
    if (rc) return rc;
    rc = songbad_article_set_field(a, "id", "sylhet-flood", 12);
    if (!rc) rc = songbad_article_write_json(a, on_json, NULL);
    songbad_article_free(a);
    return rc;
}

static int op_parse_json(void)
{
    for (size_t i = 0; i < NRECORDS; i++) {
        songbad_article *a;
        char err[SONGBAD_ERR_LEN];
        int rc = songbad_article_parse_json(records[i], strlen(records[i]), NULL,
                                            &fault_allocator, &a, err);
        if (rc) return rc;
        rc = songbad_article_set_field(a, "source", "পরীক্ষা", strlen("পরীক্ষা"));
        if (!rc) rc = songbad_article_write_json(a, on_json, NULL);
        size_t n = 0;
        const char *x = songbad_article_extra(a, &n);
        if (x) put(x, n);
        songbad_article_free(a);
        if (rc) return rc;
    }
    return SONGBAD_OK;
}

static void remove_db(const char *path)
{
    char p[160];
    unlink(path);
    snprintf(p, sizeof p, "%s-wal", path);
    unlink(p);
    snprintf(p, sizeof p, "%s-shm", path);
    unlink(p);
    snprintf(p, sizeof p, "%s-journal", path);
    unlink(p);
}

static int op_db_create(void)
{
    remove_db(db_path);
    songbad_db *db;
    char err[SONGBAD_ERR_LEN];
    int rc = songbad_db_open(db_path, SONGBAD_DB_CREATE, &db, err);
    if (rc) return rc;
    songbad_db_close(db);
    return SONGBAD_OK;
}

/* prepare: each article analyzed ahead (songbad_article_prepare_index). */
static int add_records(songbad_db *db, int prepare)
{
    int rc = songbad_db_begin(db);
    for (size_t i = 0; !rc && i < NRECORDS; i++) {
        songbad_article *a;
        char err[SONGBAD_ERR_LEN];
        rc = songbad_article_parse_json(records[i], strlen(records[i]), NULL,
                                        &fault_allocator, &a, err);
        if (rc) break;
        if (prepare && (rc = songbad_article_prepare_index(a, NULL))) {
            songbad_article_free(a);
            break;
        }
        songbad_add_status st;
        rc = songbad_db_add_article(db, a, 0, &st);
        songbad_article_free(a);
        if (!rc) putf("%d", (int)st);
    }
    if (!rc) rc = songbad_db_commit(db);
    return rc;
}

static int add_all(songbad_db *db)
{
    return add_records(db, 0);
}

static int copy_file(const char *from, const char *to)
{
    FILE *f = fopen(from, "rb"), *g = fopen(to, "wb");
    int ok = f && g;
    char buf[8192];
    size_t n;
    while (ok && (n = fread(buf, 1, sizeof buf, f)) > 0) ok = fwrite(buf, 1, n, g) == n;
    if (f) fclose(f);
    if (g && fclose(g)) ok = 0;
    return ok ? 0 : -1;
}

static int op_db_add(void)
{
    songbad_db *db;
    char err[SONGBAD_ERR_LEN];
    int rc = songbad_db_open(db_path, 0, &db, err);
    if (rc) return rc;
    rc = add_all(db);
    songbad_db_close(db);
    return rc;
}

static int op_db_add_prepared(void)
{
    songbad_db *db;
    char err[SONGBAD_ERR_LEN];
    int rc = songbad_db_open(db_path, 0, &db, err);
    if (rc) return rc;
    rc = add_records(db, 1);
    songbad_db_close(db);
    return rc;
}

static int on_hit(void *ctx, const songbad_hit *h)
{
    (void)ctx;
    putf("%zu %.6f %zu ", h->rank, h->score, h->duplicates);
    put(h->id.ptr, h->id.len);
    put(h->snippet.ptr, h->snippet.len);
    for (size_t i = 0; i < 2 * h->nmarks; i++) putf(" %zu", h->marks[i]);
    put("\n", 1);
    return SONGBAD_OK;
}

static int on_source(void *ctx, songbad_str s, size_t n)
{
    (void)ctx;
    put(s.ptr, s.len);
    putf("=%zu\n", n);
    return SONGBAD_OK;
}

static int on_dup(void *ctx, long long g, songbad_str id, songbad_str headline,
                  songbad_str source)
{
    (void)ctx;
    (void)headline;
    (void)source;
    putf("%lld ", g);
    put(id.ptr, id.len);
    put("\n", 1);
    return SONGBAD_OK;
}

static songbad_str str(const char *s) { songbad_str r = {s, s ? strlen(s) : 0}; return r; }

static int op_db_read(void)
{
    songbad_db *db;
    char err[SONGBAD_ERR_LEN];
    int rc = songbad_db_open(tmpl_path, SONGBAD_DB_READONLY, &db, err);
    if (rc) return rc;
    static const char *const queries[] = {"Lavrov", "\"সুরমার পানি\" -ঢাকা", "বন্যা OR সফর"};
    for (size_t q = 0; !rc && q < sizeof queries / sizeof queries[0]; q++) {
        songbad_search_opts o;
        memset(&o, 0, sizeof o);
        o.query = str(queries[q]);
        o.snippets = 1;
        o.all = q == 1;
        size_t total = 0;
        rc = songbad_search(db, &o, on_hit, NULL, &total);
        putf("total %zu\n", total);
    }
    songbad_doc d;
    if (!rc) rc = songbad_db_get(db, str("f2"), &d);
    if (!rc) put(d.body.ptr, d.body.len);
    songbad_db_stats st;
    if (!rc) rc = songbad_db_stats_get(db, &st, on_source, NULL);
    if (!rc) putf("%zu %zu %zu\n", st.articles, st.dup_groups, st.sources);
    if (!rc) rc = songbad_db_dups(db, on_dup, NULL);
    songbad_db_close(db);
    return rc;
}

/* Term lists on a copy of the full template (lists of one article: every
 * query word is listed), then a search ranked from them. */
static int op_db_optimize(void)
{
    songbad_db *db;
    char err[SONGBAD_ERR_LEN];
    int rc = songbad_db_open(db_path, 0, &db, err);
    if (rc) return rc;
    size_t terms = 0;
    rc = songbad_db_optimize(db, 1, &terms);
    if (!rc) putf("terms %zu\n", terms);
    songbad_search_opts o;
    memset(&o, 0, sizeof o);
    o.query = str("Lavrov সফর");
    o.snippets = 1;
    o.prune_matches = 1;
    size_t total = 0;
    if (!rc) rc = songbad_search(db, &o, on_hit, NULL, &total);
    if (!rc) putf("total %zu\n", total);
    songbad_db_close(db);
    return rc;
}

/* The articles in the database at db_path (-1 if unreadable), and whether
 * SQLite finds the file sound. */
static void db_state(int *n, int *ok)
{
    sqlite3 *s;
    *n = -1;
    *ok = 0;
    if (sqlite3_open_v2(db_path, &s, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK) {
        sqlite3_stmt *st;
        if (sqlite3_prepare_v2(s, "SELECT count(*) FROM articles", -1, &st, NULL) == SQLITE_OK &&
            sqlite3_step(st) == SQLITE_ROW)
            *n = sqlite3_column_int(st, 0);
        sqlite3_finalize(st);
        if (sqlite3_prepare_v2(s, "PRAGMA integrity_check", -1, &st, NULL) == SQLITE_OK &&
            sqlite3_step(st) == SQLITE_ROW)
            *ok = strcmp((const char *)sqlite3_column_text(st, 0), "ok") == 0;
        sqlite3_finalize(st);
    }
    sqlite3_close(s);
}

/* The state a db_add run leaves must be all or nothing, and sound. */
static int check_db_after_add(int rc)
{
    int n, ok;
    db_state(&n, &ok);
    int want = rc ? 0 : (int)NRECORDS;
    if (n != want || !ok) {
        fprintf(stderr, "db_add: after rc %d: %d articles (want %d), integrity %s\n", rc,
                n, want, ok ? "ok" : "NOT ok");
        return 0;
    }
    return 1;
}

/* After db_optimize, failed or not: every article there, the file sound. */
static int check_db_after_optimize(int rc)
{
    (void)rc;
    int n, ok;
    db_state(&n, &ok);
    if (n != (int)NRECORDS || !ok) {
        fprintf(stderr, "db_optimize: %d articles (want %d), integrity %s\n", n, (int)NRECORDS,
                ok ? "ok" : "NOT ok");
        return 0;
    }
    return 1;
}

typedef struct op {
    const char *name;
    int (*run)(void);
    void (*setup)(void);
    int (*check)(int rc);
    int db; /* SONGBAD_E_DB accepted for an injected failure */
} op;

static void setup_add(void)
{
    remove_db(db_path);
    if (copy_file(tmpl_path, db_path)) fprintf(stderr, "fault: cannot copy %s\n", tmpl_path);
}

static char ref[sizeof out];

/* Writes an output to $SONGBAD_FAULT_DEBUG.NAME.WHAT, for diff(1). */
static void dump(const char *name, const char *what, const char *data, size_t len)
{
    char p[256];
    snprintf(p, sizeof p, "%s.%s.%s", getenv("SONGBAD_FAULT_DEBUG"), name, what);
    FILE *f = fopen(p, "wb");
    if (!f) return;
    fwrite(data, 1, len, f);
    fclose(f);
}

/* One sweep; returns 1 when every N behaved. */
static int sweep(const op *o, long stride)
{
    long live0[SRC_COUNT];
    if (o->setup) o->setup();
    out_len = 0;
    memcpy(live0, fault.live, sizeof live0);
    fault_arm(0);
    int rc0 = o->run();
    fault_disarm();
    long total = fault.allocs;
    size_t ref_len = out_len;
    memcpy(ref, out, out_len);
    if (rc0 || out_full) {
        fprintf(stderr, "%s: fails without injected failures: %d %s\n", o->name, rc0,
                songbad_strerror(rc0));
        return 0;
    }
    long points = 0, nomem = 0, dberr = 0, jsonerr = 0, benign = 0, bad = 0;
    /* SONGBAD_FAULT_ONLY=NAME:N: that failure point alone (for a debugger) */
    const char *only = getenv("SONGBAD_FAULT_ONLY");
    long first = 1;
    if (only) {
        size_t k = strlen(o->name);
        if (strncmp(only, o->name, k) != 0 || only[k] != ':') return 1;
        first = atol(only + k + 1);
    }
    for (long n = first > 0 ? first : 1;; n += stride) {
        if (o->setup) o->setup();
        out_len = 0;
        out_full = 0;
        fault_arm(n);
        int rc = o->run();
        fault_disarm();
        int hit = fault.hit;
        const char *why = NULL;
        for (int s = 0; s < SRC_COUNT && !why; s++)
            if (fault.live[s] != live0[s]) why = "leaked blocks";
        if (!why && hit) {
            points++;
            if (rc == SONGBAD_E_NOMEM) nomem++;
            else if (rc == SONGBAD_E_DB && o->db) dberr++;
            else if (rc == SONGBAD_E_INVAL && fault.hit_src == SRC_JSON) jsonerr++;
            else if (rc == SONGBAD_OK && out_len == ref_len && !memcmp(out, ref, out_len)) benign++;
            else why = rc ? "unexpected error code" : "success with different output";
        }
        if (!why && !hit && (rc != rc0 || out_len != ref_len || memcmp(out, ref, out_len)))
            why = "a run without failure differs";
        if (!why && o->check && !o->check(rc)) why = "bad state afterwards";
        if (why) {
            bad++;
            if (bad == 1 && getenv("SONGBAD_FAULT_DEBUG")) {
                /* the first difference of each operation, for diff(1) */
                dump(o->name, "want", ref, ref_len);
                dump(o->name, "got", out, out_len);
            }
            if (bad <= 5)
                fprintf(stderr, "%s: N=%ld (in %d): %s (rc %d %s; live %ld %ld %ld %ld)\n",
                        o->name, n, fault.hit_src, why, rc, songbad_strerror(rc),
                        fault.live[0] - live0[0],
                        fault.live[1] - live0[1], fault.live[2] - live0[2],
                        fault.live[3] - live0[3]);
            memcpy(fault.live, live0, sizeof live0);
        }
        if (!hit || first > 1) break;
    }
    printf("%s: %ld allocations, %ld failure points: %ld NOMEM, %ld DB, %ld INVAL from "
           "jansson, %ld absorbed%s\n", o->name, total, points, nomem, dberr, jsonerr, benign,
           bad ? ", FAILED" : "");
    return bad == 0;
}

static void rmdir_all(void)
{
    remove_db(db_path);
    remove_db(tmpl_path);
    rmdir(dir);
}

int main(void)
{
    if (fault_install()) {
        fprintf(stderr, "fault: cannot install the SQLite allocator\n");
        return 1;
    }
    const char *s = getenv("SONGBAD_FAULT_STRIDE");
    long stride = s && atol(s) > 0 ? atol(s) : 1;
    fault.inject_json = getenv("SONGBAD_FAULT_JANSSON") != NULL;
    /* on tmpfs when there is one: SQLite's syncs would dominate the run */
    snprintf(dir, sizeof dir, "%s/songbad-fault-XXXXXX",
             access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp");
    if (!mkdtemp(dir)) {
        perror("fault: mkdtemp");
        return 1;
    }
    snprintf(db_path, sizeof db_path, "%s/a.db", dir);
    snprintf(tmpl_path, sizeof tmpl_path, "%s/t.db", dir);
    /* the template: an empty database; db_read uses a full copy of it */
    songbad_db *db;
    char err[SONGBAD_ERR_LEN];
    int rc = songbad_db_open(tmpl_path, SONGBAD_DB_CREATE, &db, err);
    if (rc) {
        fprintf(stderr, "fault: %s\n", err);
        rmdir_all();
        return 1;
    }
    songbad_db_close(db);
    static const op ops[] = {
        {"normalize", op_normalize, NULL, NULL, 0},
        {"analyze", op_analyze, NULL, NULL, 0},
        {"words", op_words, NULL, NULL, 0},
        {"parse_text", op_parse_text, NULL, NULL, 0},
        {"parse_json", op_parse_json, NULL, NULL, 0},
        {"db_create", op_db_create, NULL, NULL, 1},
        {"db_add", op_db_add, setup_add, check_db_after_add, 1},
        {"db_add_prepared", op_db_add_prepared, setup_add, check_db_after_add, 1},
        {"db_read", op_db_read, NULL, NULL, 1},
        {"db_optimize", op_db_optimize, setup_add, check_db_after_optimize, 1},
    };
    int passed = 0, total = 0;
    for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++) {
        if (ops[i].run == op_db_read) {
            /* fill the template once */
            songbad_db *t;
            if (songbad_db_open(tmpl_path, 0, &t, err) || add_all(t)) {
                fprintf(stderr, "fault: cannot fill %s\n", tmpl_path);
            }
            songbad_db_close(t);
        }
        total++;
        if (ops[i].run == op_words) {
            /* documented as allocation-free */
            fault_arm(0);
            ops[i].run();
            fault_disarm();
            if (fault.allocs == 0) passed++;
            else fprintf(stderr, "words: %ld allocations\n", fault.allocs);
            printf("words: no allocations\n");
            continue;
        }
        passed += sweep(&ops[i], stride);
    }
    rmdir_all();
    sqlite3_shutdown();
    printf("fault: %d/%d passed\n", passed, total);
    return passed == total ? 0 : 1;
}
