/* ingest_ahead.c - a JSON Lines file ingested on two threads: a reader
 * thread reads each record and parses it into a structured article (JSON,
 * lines, paragraphs, credits, dates) and, for SQLite, analyzes it for the
 * index (songbad_article_prepare_index: terms, MinHash, content hash),
 * while this thread stores the articles it hands over (FTS5 and SQLite
 * writes, or PostgreSQL). Records are taken in input order
 * through a queue, so the database, the messages and the exit status
 * are those of the one-thread ingest; only the time differs.
 *
 * Work is shared: the reader queues each record once parsed, then
 * prepares the oldest queued articles nobody has prepared yet, all but the
 * last STEAL_ROOM. While the article this thread needs next is not ready,
 * this thread prepares the newest one left, with an analyzer of its own,
 * rather than wait (dev corpus: the reader thread was busy all along, this
 * one a fifth idle until the last commit; ingest 0.64 -> 0.55 s). Nobody
 * waits while an article is left to prepare, and one being prepared is
 * finished by its thread, so the two never wait for each other.
 *
 * The queue holds at most AHEAD_ITEMS records and, past the first,
 * AHEAD_BYTES bytes of input, so memory stays bounded whatever the file;
 * enough records that a commit (which writes the batch's index) does not
 * stop the reader. */
#include "ingest.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define AHEAD_ITEMS 256
#define AHEAD_BYTES (16u << 20)

/* Articles the reader leaves unprepared for this thread to take. */
#define STEAL_ROOM 2

/* What is left to do for a queued record before it is stored. */
enum { SLOT_TO_PREPARE, SLOT_PREPARING, SLOT_READY };

typedef struct ahead {
    line_reader *lr;
    int prepare; /* analyze the articles for the index too */
    pthread_mutex_t mu;
    pthread_cond_t not_empty, not_full;
    ingest_item ring[AHEAD_ITEMS];
    unsigned char state[AHEAD_ITEMS]; /* SLOT_* */
    size_t head, count, bytes; /* the queued records and their input bytes */
    int stop;                  /* the store failed: read no further */
} ahead;

/* Claims the oldest (newest: from the other end) queued article left to
 * prepare: returns its slot, now SLOT_PREPARING, or -1. The lock is held. */
static long claim(ahead *q, int newest)
{
    for (size_t k = 0; k < q->count; k++) {
        size_t s = (q->head + (newest ? q->count - 1 - k : k)) % AHEAD_ITEMS;
        if (q->state[s] == SLOT_TO_PREPARE) {
            q->state[s] = SLOT_PREPARING;
            return (long)s;
        }
    }
    return -1;
}

/* Prepares the article of slot s, claimed by this thread, with the lock
 * held on entry and on return. The slot stays put while it is
 * SLOT_PREPARING (take() never removes such a one). */
static void prepare_slot(ahead *q, long s, songbad_analyzer *an)
{
    pthread_mutex_unlock(&q->mu);
    /* a failure leaves the article unprepared: the store does the work */
    (void)songbad_article_prepare_index(q->ring[s].article, an);
    pthread_mutex_lock(&q->mu);
    q->state[s] = SLOT_READY;
    if ((size_t)s == q->head) pthread_cond_signal(&q->not_empty);
}

static size_t unprepared(const ahead *q)
{
    size_t n = 0;
    for (size_t k = 0; k < q->count; k++)
        n += q->state[(q->head + k) % AHEAD_ITEMS] == SLOT_TO_PREPARE;
    return n;
}

static void *read_ahead(void *arg)
{
    ahead *q = arg;
    songbad_analyzer *an = NULL; /* kept from article to article: its memory of words */
    if (q->prepare && songbad_analyzer_new(SONGBAD_ANALYZE_DEFAULT, NULL, &an) != SONGBAD_OK)
        an = NULL;
    for (;;) {
        ingest_item it;
        ingest_read_record(q->lr, &it);
        pthread_mutex_lock(&q->mu);
        while (!q->stop &&
               (q->count == AHEAD_ITEMS || (q->count > 0 && q->bytes + it.bytes > AHEAD_BYTES)))
            pthread_cond_wait(&q->not_full, &q->mu);
        int stop = q->stop;
        if (!stop) {
            size_t s = (q->head + q->count) % AHEAD_ITEMS;
            q->ring[s] = it;
            q->state[s] = it.kind == ITEM_ARTICLE && an ? SLOT_TO_PREPARE : SLOT_READY;
            q->count++;
            q->bytes += it.bytes;
            pthread_cond_signal(&q->not_empty);
            /* the oldest first, leaving a few for the store's thread to
             * take when it would otherwise wait; at the end, all */
            long c;
            while (an && !q->stop && unprepared(q) > (it.kind == ITEM_END ? 0 : STEAL_ROOM) &&
                   (c = claim(q, 0)) >= 0)
                prepare_slot(q, c, an);
        }
        pthread_mutex_unlock(&q->mu);
        if (stop) songbad_article_free(it.article);
        if (stop || it.kind == ITEM_END) break;
    }
    songbad_analyzer_free(an);
    return NULL;
}

/* Takes the record at the head of the queue, once prepared; while it is
 * not, prepares another (the newest left) with an, if there is one. */
static void take(ahead *q, ingest_item *it, songbad_analyzer *an)
{
    pthread_mutex_lock(&q->mu);
    for (;;) {
        if (q->count > 0 && q->state[q->head] == SLOT_READY) break;
        long c = an ? claim(q, 1) : -1;
        if (c >= 0) prepare_slot(q, c, an);
        else pthread_cond_wait(&q->not_empty, &q->mu);
    }
    *it = q->ring[q->head];
    q->head = (q->head + 1) % AHEAD_ITEMS;
    q->count--;
    q->bytes -= it->bytes;
    pthread_cond_signal(&q->not_full);
    pthread_mutex_unlock(&q->mu);
}

int ingest_jsonl_ahead(ingest_run *r, line_reader *lr)
{
    ahead *q = calloc(1, sizeof *q);
    if (!q) return cli_fail(EXIT_NOMEM, "out of memory");
    q->lr = lr;
    q->prepare = r->db->be == &store_backend_sqlite;
    pthread_mutex_init(&q->mu, NULL);
    pthread_cond_init(&q->not_empty, NULL);
    pthread_cond_init(&q->not_full, NULL);
    pthread_t reader;
    int code = EXIT_OK, ended = 0;
    if (pthread_create(&reader, NULL, read_ahead, q) != 0) {
        /* no second thread to be had: read on this one */
        pthread_mutex_destroy(&q->mu);
        pthread_cond_destroy(&q->not_empty);
        pthread_cond_destroy(&q->not_full);
        free(q);
        int threads = r->threads;
        r->threads = 1;
        code = ingest_jsonl(r, lr);
        r->threads = threads;
        return code;
    }
    /* for the articles this thread prepares while it would wait */
    songbad_analyzer *an = NULL;
    if (q->prepare && songbad_analyzer_new(SONGBAD_ANALYZE_DEFAULT, NULL, &an) != SONGBAD_OK)
        an = NULL;
    while (code == EXIT_OK) {
        ingest_item it;
        take(q, &it, an);
        if (it.kind == ITEM_END) {
            code = it.code;
            ended = 1;
            break;
        }
        code = ingest_take_item(r, lr->name, &it);
    }
    if (!ended) { /* the store failed: stop the reader */
        pthread_mutex_lock(&q->mu);
        q->stop = 1;
        pthread_cond_broadcast(&q->not_full);
        pthread_mutex_unlock(&q->mu);
    }
    pthread_join(reader, NULL);
    songbad_analyzer_free(an);
    for (; q->count; q->count--, q->head = (q->head + 1) % AHEAD_ITEMS)
        songbad_article_free(q->ring[q->head].article);
    pthread_mutex_destroy(&q->mu);
    pthread_cond_destroy(&q->not_empty);
    pthread_cond_destroy(&q->not_full);
    free(q);
    return code;
}
