/* ct_desk_foreach_record_ahead: the records of a commit read (inflated) by two threads while the
 * calling thread walks the tree and hands each record to the callback, in tree order. */
#include "desk/desk.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <git2.h>

#include "desk/desk_internal.h"
#include "desk/packread.h"
#include "util/err.h"

#define RA_THREADS 2
#define RA_BATCH 256       /* records per batch: one hand-over per batch, not per record */
#define RA_RING 8          /* batches in flight: bounds the memory read ahead */

enum { RA_FILLING, RA_QUEUED, RA_READING, RA_DONE };

struct ra_batch {
	size_t n;
	git_oid ids[RA_BATCH];
	size_t path_at[RA_BATCH];          /* offsets into paths */
	ct_buf paths;                      /* the paths, each NUL-terminated */
	git_odb_object *objs[RA_BATCH];    /* read by a worker through libgit2, or NULL: */
	size_t data_at[RA_BATCH], data_len[RA_BATCH];   /* read straight from a pack into data */
	ct_buf data;
	size_t failed;                     /* index of the first blob not read, n when all were */
	char message[256];                 /* libgit2's message for it (errors are per thread) */
	int state;
};

struct readahead {
	pthread_mutex_t lock;
	pthread_cond_t changed;            /* a batch was queued or read, or the walk ended */
	struct ra_batch ring[RA_RING];
	size_t head;                       /* the oldest batch not yet handed to cb */
	size_t tail;                       /* the batch being filled */
	size_t next;                       /* the next queued batch a worker takes */
	int ended;                         /* no batch will be queued any more */
	git_odb *odb[RA_THREADS];
	ct_pack_reader *packs;             /* the packs mapped (desk/packread.h), or NULL */
	ct_desk_blob_cb cb;
	void *payload;
	int result;
	ct_buf path;
};

struct ra_worker {
	struct readahead *ra;
	git_odb *odb;
	ct_pack_cursor *pc;                /* whole blobs straight from the packs, or NULL */
};

static void *ra_work(void *arg)
{
	struct ra_worker *w = arg;
	struct readahead *ra = w->ra;
	pthread_mutex_lock(&ra->lock);
	for (;;) {
		struct ra_batch *b;
		size_t i;
		while (!ra->ended && ra->next == ra->tail)
			pthread_cond_wait(&ra->changed, &ra->lock);
		if (ra->next == ra->tail)
			break;
		b = &ra->ring[ra->next++ % RA_RING];
		b->state = RA_READING;
		pthread_mutex_unlock(&ra->lock);
		b->failed = b->n;
		ct_buf_clear(&b->data);
		for (i = 0; i < b->n; i++) {
			b->objs[i] = NULL;
			if (w->pc) {
				size_t at = b->data.len;
				int r = ct_pack_cursor_read_blob(w->pc, b->ids[i].id, &b->data);
				if (r == 0) {
					b->data_at[i] = at;
					b->data_len[i] = b->data.len - at;
					continue;
				}
				if (r != CT_ENOTFOUND) {
					snprintf(b->message, sizeof(b->message), "out of memory");
					b->failed = i;
					break;
				}
			}
			if (git_odb_read(&b->objs[i], w->odb, &b->ids[i]) < 0) {
				const git_error *e = git_error_last();
				snprintf(b->message, sizeof(b->message), "%s",
					 e && e->message ? e->message : "unknown git error");
				b->failed = i;
				break;
			}
			if (git_odb_object_type(b->objs[i]) != GIT_OBJECT_BLOB) {
				snprintf(b->message, sizeof(b->message), "the object is not a blob");
				git_odb_object_free(b->objs[i]);
				b->failed = i;
				break;
			}
		}
		pthread_mutex_lock(&ra->lock);
		b->state = RA_DONE;
		pthread_cond_broadcast(&ra->changed);
	}
	pthread_mutex_unlock(&ra->lock);
	return NULL;
}

/* Hands the oldest batch to cb once it is read (waiting for it), then frees its slot. */
static void ra_consume(struct readahead *ra)
{
	struct ra_batch *b = &ra->ring[ra->head % RA_RING];
	size_t i;
	pthread_mutex_lock(&ra->lock);
	while (b->state != RA_DONE)
		pthread_cond_wait(&ra->changed, &ra->lock);
	pthread_mutex_unlock(&ra->lock);
	for (i = 0; i < b->failed; i++) {
		if (!ra->result) {
			int r = b->objs[i] ? ra->cb(b->paths.ptr + b->path_at[i], git_odb_object_data(b->objs[i]),
						    git_odb_object_size(b->objs[i]), ra->payload)
					   : ra->cb(b->paths.ptr + b->path_at[i], b->data.ptr + b->data_at[i], b->data_len[i],
						    ra->payload);
			if (r)
				ra->result = r;
		}
		git_odb_object_free(b->objs[i]);
	}
	if (b->failed < b->n && !ra->result)
		ra->result = ct_error_set(CT_EDESK, "cannot read blob: %s", b->message);
	b->n = 0;
	ct_buf_clear(&b->paths);
	b->state = RA_FILLING;
	ra->head++;
}

/* Queues the batch being filled and makes room for the next one. */
static void ra_queue(struct readahead *ra)
{
	pthread_mutex_lock(&ra->lock);
	ra->ring[ra->tail % RA_RING].state = RA_QUEUED;
	ra->tail++;
	pthread_cond_broadcast(&ra->changed);
	pthread_mutex_unlock(&ra->lock);
	while (ra->tail - ra->head >= RA_RING)
		ra_consume(ra);
}

static int ra_walk(const char *root, const git_tree_entry *entry, void *payload)
{
	struct readahead *ra = payload;
	const char *name = git_tree_entry_name(entry);
	struct ra_batch *b;

	if (ra->result)
		return -1;
	if (git_tree_entry_type(entry) == GIT_OBJECT_TREE)
		/* Only the record folders are descended into. */
		return (!*root && strcmp(name, "sources") && strcmp(name, "claims") && strcmp(name, "reviews"));
	if (git_tree_entry_type(entry) != GIT_OBJECT_BLOB)
		return 0;
	ct_buf_clear(&ra->path);
	ct_buf_puts(&ra->path, root);
	ct_buf_puts(&ra->path, name);
	if (!ct_desk__is_record_path(ra->path.ptr))
		return 0;
	b = &ra->ring[ra->tail % RA_RING];
	b->path_at[b->n] = b->paths.len;
	ct_buf_put(&b->paths, ra->path.ptr, ra->path.len + 1);
	if (ct_buf_oom(&b->paths) < 0 || ct_buf_oom(&ra->path) < 0) {
		ra->result = ct_error_set(CT_ENOMEM, "out of memory");
		return -1;
	}
	git_oid_cpy(&b->ids[b->n++], git_tree_entry_id(entry));
	if (b->n == RA_BATCH)
		ra_queue(ra);
	return ra->result ? -1 : 0;
}

int ct_desk_foreach_record_ahead(ct_desk *desk, const char *commit, ct_desk_blob_cb cb, void *payload)
{
	struct readahead *ra = NULL;
	struct ra_worker workers[RA_THREADS];
	pthread_t threads[RA_THREADS];
	git_tree *tree = NULL;
	ct_buf objects = CT_BUF_INIT;
	size_t i, nthreads = 0;
	int error, walked;

	/* On one processor the threads would only add their hand-overs. */
	if (sysconf(_SC_NPROCESSORS_ONLN) < 2)
		return ct_desk_foreach_record(desk, commit, cb, payload);
	if ((error = ct_desk__commit_tree(&tree, desk->repo, commit)) < 0 || !tree)
		return error;
	if (!(ra = calloc(1, sizeof(*ra)))) {
		git_tree_free(tree);
		return ct_error_set(CT_ENOMEM, "out of memory");
	}
	ra->cb = cb;
	ra->payload = payload;
	ct_buf_init(&ra->path);
	for (i = 0; i < RA_RING; i++) {
		ct_buf_init(&ra->ring[i].paths);
		ct_buf_init(&ra->ring[i].data);
	}
	pthread_mutex_init(&ra->lock, NULL);
	pthread_cond_init(&ra->changed, NULL);
	/* One object database per thread, on the repository's object files: libgit2 objects are not
	 * to be shared between threads. */
	ct_buf_printf(&objects, "%sobjects", git_repository_commondir(desk->repo));
	/* the whole blobs of the packs read without libgit2 (a desk's records are packed whole by
	 * every bulk add); the rest, and everything when the packs cannot be mapped, through it */
	if (ct_buf_oom(&objects) < 0 || ct_pack_reader_open(&ra->packs, objects.ptr) < 0)
		ra->packs = NULL;
	for (i = 0; i < RA_THREADS && !ct_buf_oom(&objects); i++) {
		if (git_odb_open(&ra->odb[i], objects.ptr) < 0)
			break;
		workers[i].ra = ra;
		workers[i].odb = ra->odb[i];
		workers[i].pc = NULL;
		if (ra->packs && ct_pack_cursor_new(&workers[i].pc, ra->packs) < 0)
			workers[i].pc = NULL;
		if (pthread_create(&threads[i], NULL, ra_work, &workers[i]) != 0) {
			ct_pack_cursor_free(workers[i].pc);
			break;
		}
		nthreads++;
	}
	if (!nthreads) {
		/* No thread to read ahead: read in this one. */
		error = ct_desk_foreach_record(desk, commit, cb, payload);
		goto done;
	}
	walked = git_tree_walk(tree, GIT_TREEWALK_PRE, ra_walk, ra);
	if (!ra->result && ra->ring[ra->tail % RA_RING].n)
		ra_queue(ra);
	pthread_mutex_lock(&ra->lock);
	ra->ended = 1;
	pthread_cond_broadcast(&ra->changed);
	pthread_mutex_unlock(&ra->lock);
	/* Every queued batch is read to its end (and its objects freed), even after cb stopped. */
	while (ra->head != ra->tail)
		ra_consume(ra);
	for (i = 0; i < nthreads; i++) {
		pthread_join(threads[i], NULL);
		ct_pack_cursor_free(workers[i].pc);
	}
	error = ra->result;
	if (walked < 0 && !error)
		error = ct_error_set(CT_EDESK, "cannot walk tree: %s",
				     git_error_last() && git_error_last()->message ? git_error_last()->message
										   : "unknown git error");
done:
	for (i = 0; i < RA_THREADS; i++)
		git_odb_free(ra->odb[i]);
	for (i = 0; i < RA_RING; i++) {
		ct_buf_release(&ra->ring[i].paths);
		ct_buf_release(&ra->ring[i].data);
	}
	ct_pack_reader_free(ra->packs);
	ct_buf_release(&ra->path);
	ct_buf_release(&objects);
	pthread_mutex_destroy(&ra->lock);
	pthread_cond_destroy(&ra->changed);
	free(ra);
	git_tree_free(tree);
	return error;
}
