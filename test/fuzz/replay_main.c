/* replay_main.c - runs a libFuzzer harness without libFuzzer: linked with one
 * test/fuzz/fuzz_NAME.c, it calls LLVMFuzzerTestOneInput once on an empty
 * input and once on every file named on the command line or found (not
 * recursively) in a directory named there, then prints
 * "fuzz_NAME: P/T passed". A failed invariant aborts. */
#include "fuzz_common.h"

#include <dirent.h>
#include <sys/stat.h>

static int total, passed;

static const char *base_name(const char *p)
{
    const char *s = strrchr(p, '/');
    return s ? s + 1 : p;
}

static void run_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    total++;
    if (!f) {
        fprintf(stderr, "%s: cannot open\n", path);
        return;
    }
    size_t cap = 4096, n = 0, r;
    uint8_t *buf = fuzz_malloc(cap);
    while ((r = fread(buf + n, 1, cap - n, f)) > 0) {
        n += r;
        if (n == cap) {
            uint8_t *nb = realloc(buf, cap * 2);
            if (!nb) {
                fprintf(stderr, "%s: out of memory\n", path);
                free(buf);
                fclose(f);
                return;
            }
            buf = nb;
            cap *= 2;
        }
    }
    int bad = ferror(f);
    fclose(f);
    if (bad) {
        fprintf(stderr, "%s: read error\n", path);
        free(buf);
        return;
    }
    /* an exact-size copy, so ASan sees reads past the end */
    uint8_t *in = fuzz_malloc(n);
    memcpy(in, buf, n);
    free(buf);
    LLVMFuzzerTestOneInput(in, n);
    free(in);
    passed++;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void run_path(const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        fprintf(stderr, "%s: no such file or directory\n", path);
        total++;
        return;
    }
    if (!S_ISDIR(st.st_mode)) {
        run_file(path);
        return;
    }
    DIR *d = opendir(path);
    if (!d) {
        fprintf(stderr, "%s: cannot read directory\n", path);
        total++;
        return;
    }
    char **names = NULL;
    size_t nn = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.') continue;
        if (nn == cap) {
            cap = cap ? cap * 2 : 64;
            char **nb = realloc(names, cap * sizeof *names);
            FUZZ_ASSERT(nb);
            names = nb;
        }
        size_t l = strlen(path) + strlen(e->d_name) + 2;
        names[nn] = fuzz_malloc(l);
        snprintf(names[nn], l, "%s/%s", path, e->d_name);
        nn++;
    }
    closedir(d);
    if (nn) qsort(names, nn, sizeof *names, by_name);
    for (size_t i = 0; i < nn; i++) {
        struct stat fs;
        if (stat(names[i], &fs) == 0 && S_ISREG(fs.st_mode)) run_file(names[i]);
        free(names[i]);
    }
    free(names);
}

int main(int argc, char **argv)
{
    static const uint8_t empty[1];
    total++;
    LLVMFuzzerTestOneInput(empty, 0);
    passed++;
    for (int i = 1; i < argc; i++) run_path(argv[i]);
    printf("%s: %d/%d passed\n", base_name(argv[0]), passed, total);
    return passed == total ? 0 : 1;
}
