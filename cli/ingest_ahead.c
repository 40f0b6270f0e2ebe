/* ingest_ahead.c - a JSON Lines file ingested on two threads: a reader
 * thread reads each record, parses it into a structured article (JSON,
 * lines, paragraphs, credits, dates) and, for SQLite, analyzes it for the
 * index (songbad_article_prepare_index: terms, MinHash, content hash),
 * while this thread stores the articles it hands over (FTS5 and SQLite
 * writes, or PostgreSQL). Records are taken in input order
 * through a small queue, so the database, the messages and the exit status
 * are those of the one-thread ingest; only the time differs.
 *
 * The queue holds at most AHEAD_ITEMS records and, past the first,
 * AHEAD_BYTES bytes of input, so memory stays bounded whatever the file. */
#include "ingest.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define AHEAD_ITEMS 32
#define AHEAD_BYTES (16u << 20)

typedef struct ahead {
    line_reader *lr;
    int prepare; /* analyze the articles for the index too */
    pthread_mutex_t mu;
    pthread_cond_t not_empty, not_full;
    ingest_item ring[AHEAD_ITEMS];
    size_t head, count, bytes; /* the queued records and their input bytes */
    int stop;                  /* the store failed: read no further */
} ahead;

static void *read_ahead(void *arg)
{
    ahead *q = arg;
    songbad_analyzer *an = NULL; /* kept from article to article: its memory of words */
    if (q->prepare && songbad_analyzer_new(SONGBAD_ANALYZE_DEFAULT, NULL, &an) != SONGBAD_OK)
        an = NULL;
    for (;;) {
        ingest_item it;
        ingest_read_record(q->lr, &it);
        /* a failure leaves the article unprepared: the store does the work */
        if (it.kind == ITEM_ARTICLE && an) (void)songbad_article_prepare_index(it.article, an);
        pthread_mutex_lock(&q->mu);
        while (!q->stop &&
               (q->count == AHEAD_ITEMS || (q->count > 0 && q->bytes + it.bytes > AHEAD_BYTES)))
            pthread_cond_wait(&q->not_full, &q->mu);
        int stop = q->stop;
        if (!stop) {
            q->ring[(q->head + q->count) % AHEAD_ITEMS] = it;
            q->count++;
            q->bytes += it.bytes;
            pthread_cond_signal(&q->not_empty);
        }
        pthread_mutex_unlock(&q->mu);
        if (stop) songbad_article_free(it.article);
        if (stop || it.kind == ITEM_END) break;
    }
    songbad_analyzer_free(an);
    return NULL;
}

static void take(ahead *q, ingest_item *it)
{
    pthread_mutex_lock(&q->mu);
    while (q->count == 0) pthread_cond_wait(&q->not_empty, &q->mu);
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
    while (code == EXIT_OK) {
        ingest_item it;
        take(q, &it);
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
    for (; q->count; q->count--, q->head = (q->head + 1) % AHEAD_ITEMS)
        songbad_article_free(q->ring[q->head].article);
    pthread_mutex_destroy(&q->mu);
    pthread_cond_destroy(&q->not_empty);
    pthread_cond_destroy(&q->not_full);
    free(q);
    return code;
}
