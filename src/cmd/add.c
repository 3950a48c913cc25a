/* claimtrack add: read articles, store each as a source record plus its text, extract its
 * claims, and commit everything as one commit. Re-adding changed text versions the source. */
#include "cmd/cmd.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "extract/extract.h"
#include "extract/versions.h"
#include "record/record.h"
#include "text/utf8.h"
#include "util/err.h"


struct add_opts {
	const char *id, *outlet, *published, *url, *title;
};

struct add_totals {
	size_t added, updated, unchanged, claims, revised, withdrawn;
	ct_buf body;    /* the commit message body */
	ct_buf report;  /* what to print once the commit is made */
};

/* A set of claim ids, to number repeated sentences of one source. */
struct idset {
	char (*ids)[CT_CLAIM_ID_LEN + 1];
	size_t n, cap;
};

static size_t idhash(const char *id)
{
	size_t h = 0;
	int i;
	for (i = 0; i < 8; i++)
		h = h * 16 + (size_t)(id[i] <= '9' ? id[i] - '0' : id[i] - 'a' + 10);
	return h;
}

static int idset_has(const struct idset *s, const char *id)
{
	size_t i;
	if (!s->cap)
		return 0;
	for (i = idhash(id) & (s->cap - 1);
	     s->ids[i][0]; i = (i + 1) & (s->cap - 1))
		if (!strcmp(s->ids[i], id))
			return 1;
	return 0;
}

static int idset_add(struct idset *s, const char *id)
{
	size_t i;
	if ((s->n + 1) * 2 > s->cap) {
		struct idset g = { NULL, 0, s->cap ? s->cap * 2 : 256 };
		g.ids = calloc(g.cap, sizeof(*g.ids));
		if (!g.ids)
			return ct_error_set(CT_ENOMEM, "out of memory");
		for (i = 0; i < s->cap; i++)
			if (s->ids[i][0])
				idset_add(&g, s->ids[i]);
		free(s->ids);
		*s = g;
	}
	for (i = idhash(id) & (s->cap - 1);
	     s->ids[i][0]; i = (i + 1) & (s->cap - 1))
		;
	memcpy(s->ids[i], id, CT_CLAIM_ID_LEN + 1);
	s->n++;
	return 0;
}


/* The SQLite index is fed the records as they are staged, instead of reading them back out of the
 * new commit afterwards (which inflated every blob again and parsed it a second time). A second
 * thread writes them, beside the extraction and the pack writing of this one, in the index's own
 * transaction, committed only once the branch has moved, with the new commit as the one the index
 * reflects. Anything unusual (the index not at the transaction's base, a path staged twice, an
 * index error) rolls that transaction back: the next ct_cmd_index then brings the index to HEAD
 * from the tree diff, as before. */
#define FEED_BATCH (256u << 10)

struct feed {
	ct_index *ix;
	int on;           /* the index's transaction is open and records go to it */
	int threaded;     /* a worker thread writes them; else this thread does */
	int broken;       /* a record could not be queued or written: roll back at the end */
	size_t staged;    /* ct_txn_put calls that staged something */
	pthread_t tid;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	ct_buf fill;      /* the next batch: for each record, two size_t lengths, path\0, json\0 */
	ct_buf work;      /* the batch the worker holds */
	int has_work, busy, closing, error;
	int flush;        /* a commit follows: bring the full-text index up to date when done */
};

static int feed_apply(ct_index *ix, const ct_buf *b)
{
	size_t off = 0, lens[2];
	int error;
	while (off < b->len) {
		memcpy(lens, b->ptr + off, sizeof(lens));
		off += sizeof(lens);
		if ((error = ct_index_put(ix, b->ptr + off, b->ptr + off + lens[0] + 1, lens[1])) < 0)
			return error;
		off += lens[0] + 1 + lens[1] + 1;
	}
	return 0;
}

static void *feed_main(void *arg)
{
	struct feed *f = arg;
	int error, flush;
	pthread_mutex_lock(&f->mu);
	for (;;) {
		while (!f->has_work && !f->closing)
			pthread_cond_wait(&f->cv, &f->mu);
		if (!f->has_work)
			break;
		f->busy = 1;
		pthread_mutex_unlock(&f->mu);
		error = f->error ? 0 : feed_apply(f->ix, &f->work);
		pthread_mutex_lock(&f->mu);
		if (error < 0)
			f->error = error;
		ct_buf_clear(&f->work);
		f->has_work = 0;
		f->busy = 0;
		pthread_cond_broadcast(&f->cv);
	}
	flush = f->flush;
	pthread_mutex_unlock(&f->mu);
	/* Everything is queued and a commit follows: the full-text index, deferred by the bulk
	 * load, is built now, while the other thread writes the commit and the working tree. */
	if (flush && !f->error && (error = ct_index_flush(f->ix)) < 0)
		f->error = error;
	return NULL;
}

/* Hands the filled batch to the worker, once it has taken the previous one. */
static void feed_hand(struct feed *f)
{
	ct_buf t;
	if (!f->fill.len)
		return;
	pthread_mutex_lock(&f->mu);
	while (f->has_work)
		pthread_cond_wait(&f->cv, &f->mu);
	t = f->work;
	f->work = f->fill;
	f->fill = t;
	f->has_work = 1;
	pthread_cond_broadcast(&f->cv);
	pthread_mutex_unlock(&f->mu);
}

/* Starts feeding ix when it reflects exactly the commit txn is built on. */
static void feed_start(struct feed *f, ct_index *ix, const ct_txn *txn)
{
	ct_buf seen = CT_BUF_INIT;
	char base[41];
	int same;

	memset(f, 0, sizeof(*f));
	f->ix = ix;
	ct_buf_init(&f->fill);
	ct_buf_init(&f->work);
	ct_txn_base(txn, base);
	same = *base && ct_index_meta_get(ix, "commit", &seen) == 0 && !strcmp(seen.ptr, base);
	ct_buf_release(&seen);
	if (!same || ct_index_begin(ix) < 0)
		return;
	f->on = 1;
	if (pthread_mutex_init(&f->mu, NULL))
		return;
	if (pthread_cond_init(&f->cv, NULL)) {
		pthread_mutex_destroy(&f->mu);
		return;
	}
	f->threaded = pthread_create(&f->tid, NULL, feed_main, f) == 0;
	if (!f->threaded) {
		pthread_cond_destroy(&f->cv);
		pthread_mutex_destroy(&f->mu);
	}
}

/* Queues one staged record (or writes it, without a worker). */
static void feed_put(struct feed *f, const char *path, const char *json, size_t len)
{
	size_t lens[2];
	if (!f || !f->on || f->broken)
		return;
	if (!f->threaded) {
		if (ct_index_put(f->ix, path, json, len) < 0)
			f->broken = 1;
		return;
	}
	lens[0] = strlen(path);
	lens[1] = len;
	ct_buf_put(&f->fill, lens, sizeof(lens));
	ct_buf_put(&f->fill, path, lens[0] + 1);
	ct_buf_put(&f->fill, json, len);
	ct_buf_putc(&f->fill, '\0');
	if (ct_buf_oom(&f->fill)) {
		f->broken = 1;
		return;
	}
	if (f->fill.len >= FEED_BATCH)
		feed_hand(f);
}

/* Waits until the worker has written everything queued: this thread may then use the index. */
static void feed_idle(struct feed *f)
{
	if (!f->on || !f->threaded)
		return;
	feed_hand(f);
	pthread_mutex_lock(&f->mu);
	while (f->has_work || f->busy)
		pthread_cond_wait(&f->cv, &f->mu);
	pthread_mutex_unlock(&f->mu);
}

/* Everything is queued: the worker finishes on its own (with the full-text index when flush). */
static void feed_close(struct feed *f, int flush)
{
	if (!f->on || !f->threaded)
		return;
	feed_hand(f);
	pthread_mutex_lock(&f->mu);
	if (!f->closing)
		f->flush = flush;
	f->closing = 1;
	pthread_cond_broadcast(&f->cv);
	pthread_mutex_unlock(&f->mu);
}

/* Ends the feed: with commit (the new HEAD) and every staged path fed exactly once, the index's
 * transaction is committed as reflecting commit; else rolled back. */
static void feed_finish(struct feed *f, const ct_txn *txn, const char *commit)
{
	if (!f->on)
		return;
	if (f->threaded) {
		feed_close(f, 0);
		pthread_join(f->tid, NULL);
		pthread_cond_destroy(&f->cv);
		pthread_mutex_destroy(&f->mu);
		f->threaded = 0;
	}
	if (!(commit && *commit && !f->broken && !f->error && txn && f->staged == ct_txn_changes(txn) &&
	      ct_index_meta_set(f->ix, "commit", commit) == 0 && ct_index_commit(f->ix) == 0))
		ct_index_rollback(f->ix);
	f->on = 0;
	ct_buf_release(&f->fill);
	ct_buf_release(&f->work);
}

/* Stages path = data[0..len) in txn and feeds it to the index when it changed. */
static int stage(ct_txn *txn, struct feed *f, const char *path, const char *data, size_t len)
{
	int r = ct_txn_put(txn, path, data, len);
	if (r > 0 && f) {
		f->staged++;
		feed_put(f, path, data, len);
	}
	return r;
}

struct source_job {
	ct_txn *txn;
	struct feed *feed;
	const char *id;
	const char *text;
	int source_version;
	struct idset seen;   /* ids of this version's claims */
	struct idset old;    /* ids of the previous version's active claims */
	cJSON *old_recs;     /* those claims' records, and their paths (when re-adding) */
	cJSON *old_paths;
	cJSON *pending;      /* this version's claims, held back to pair them with old ones */
	size_t claims;       /* claims of this version */
	size_t fresh;        /* of which not in the previous version */
	size_t revised;      /* of which revise a claim of the previous version */
	size_t withdrawn;    /* claims of the previous version whose sentence is gone */
	size_t too_long;     /* sentences longer than CT_MAX_SENTENCE_CHARS (never claims) */
	size_t too_long_at;  /* byte offset of the first */
	ct_buf path, json;
};

static int put_json(ct_txn *txn, struct feed *f, const char *path, const cJSON *rec, ct_buf *scratch)
{
	int error;
	ct_buf_clear(scratch);
	if ((error = ct_record_encode(scratch, rec)) < 0)
		return error;
	error = stage(txn, f, path, scratch->ptr, scratch->len);
	return error < 0 ? error : 0;
}

static int on_draft(const struct ct_claim_draft *d, void *payload)
{
	struct source_job *job = payload;
	char id[CT_CLAIM_ID_LEN + 1];
	cJSON *rec = NULL, *span;
	unsigned n = 0;
	int error = CT_ENOMEM;

	if (!d->is_claim) {
		if (d->seg->kind == CT_SEG_SENTENCE && ct_extract_chars(d->text, d->text_len) > CT_MAX_SENTENCE_CHARS &&
		    !job->too_long++)
			job->too_long_at = d->seg->start;
		return 0;
	}
	if (job->claims >= CT_MAX_CLAIMS_PER_SOURCE)
		return ct_error_set(CT_EINPUT, "source '%s' holds more than %d claims, the most one source may have; "
				    "split the file", job->id, CT_MAX_CLAIMS_PER_SOURCE);
	do
		ct_claim_id(id, job->id, d->text, n++);
	while (idset_has(&job->seen, id));
	if ((error = idset_add(&job->seen, id)) < 0)
		return error;
	rec = cJSON_CreateObject();
	if (!rec || !cJSON_AddStringToObject(rec, "id", id) || !cJSON_AddStringToObject(rec, "source", job->id) ||
	    !cJSON_AddNumberToObject(rec, "source_version", job->source_version) ||
	    !cJSON_AddStringToObject(rec, "text", d->text) || !(span = cJSON_AddArrayToObject(rec, "span")))
		goto oom;
	cJSON_AddItemToArray(span, cJSON_CreateNumber((double)d->seg->start));
	cJSON_AddItemToArray(span, cJSON_CreateNumber((double)d->seg->end));
	if (!cJSON_AddNumberToObject(rec, "sentence", d->seg->index) || !cJSON_AddNumberToObject(rec, "version", 1) ||
	    !cJSON_AddStringToObject(rec, "status", "active") || !cJSON_AddNullToObject(rec, "supersedes"))
		goto oom;
	if ((error = ct_extract_features(rec, d)) < 0)
		goto done;
	job->claims++;
	if (job->pending) {
		cJSON_AddItemToArray(job->pending, rec);
		return 0;
	}
	job->fresh++;
	ct_buf_clear(&job->path);
	ct_claim_path(&job->path, job->id, id);
	if ((error = put_json(job->txn, job->feed, job->path.ptr, rec, &job->json)) < 0)
		goto done;
	error = 0;
	goto done;
oom:
	error = ct_error_set(CT_ENOMEM, "out of memory");
done:
	cJSON_Delete(rec);
	return error;
}

struct title_ctx {
	ct_buf *out;
	const char *text;
};

/* The title: the first segment when it is a heading, else "". */
static int title_cb(const ct_segment *seg, void *payload)
{
	struct title_ctx *tc = payload;
	if (seg->kind == CT_SEG_HEADING && seg->end - seg->start <= 300)
		ct_segment_flatten(tc->out, tc->text, seg->start, seg->end);
	return 1;
}

static const char *json_str(const cJSON *o, const char *key);

static int old_claim_cb(const char *path, const char *json, void *payload)
{
	struct source_job *job = payload;
	cJSON *rec = cJSON_Parse(json);
	const char *id = json_str(rec, "id");
	int error = 0;
	if (id && strlen(id) == CT_CLAIM_ID_LEN && json_str(rec, "status") && !strcmp(json_str(rec, "status"), "active") &&
	    !idset_has(&job->old, id)) {
		if ((error = idset_add(&job->old, id)) == 0) {
			cJSON_AddItemToArray(job->old_recs, rec);
			cJSON_AddItemToArray(job->old_paths, cJSON_CreateString(path));
			return 0;
		}
	}
	cJSON_Delete(rec);
	return error;
}

static void set_number(cJSON *rec, const char *key, double v)
{
	cJSON_ReplaceItemInObjectCaseSensitive(rec, key, cJSON_CreateNumber(v));
}

static double json_num(const cJSON *o, const char *key, double dflt)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	return cJSON_IsNumber(v) ? v->valuedouble : dflt;
}

/* Re-adding changed text: unchanged sentences keep their claim (id, version, supersedes); a
 * changed sentence becomes the next version of the claim it revises, which is marked superseded;
 * claims whose sentence is gone are withdrawn. Writes every record that changed. */
static int finish_versions(struct source_job *job)
{
	size_t nnew = (size_t)cJSON_GetArraySize(job->pending), nold = (size_t)cJSON_GetArraySize(job->old_recs);
	struct ct_version_item *oi = calloc(nold + 1, sizeof(*oi)), *ni = calloc(nnew + 1, sizeof(*ni));
	size_t *omap = calloc(nold + 1, sizeof(*omap)), *nmap = calloc(nnew + 1, sizeof(*nmap));
	unsigned char *old_kept = calloc(nold + 1, 1), *old_paired = calloc(nold + 1, 1);
	long *pair = calloc(nnew + 1, sizeof(*pair));
	size_t i, k, no = 0, nn = 0;
	int error = 0;

	if (!oi || !ni || !omap || !nmap || !old_kept || !old_paired || !pair) {
		error = ct_error_set(CT_ENOMEM, "out of memory");
		goto done;
	}
	for (i = 0; i < nnew; i++) {
		cJSON *rec = cJSON_GetArrayItem(job->pending, (int)i);
		const char *id = json_str(rec, "id");
		if (idset_has(&job->old, id)) {
			for (k = 0; k < nold; k++) {
				cJSON *o = cJSON_GetArrayItem(job->old_recs, (int)k);
				if (!strcmp(json_str(o, "id"), id)) {
					const cJSON *sup = cJSON_GetObjectItemCaseSensitive(o, "supersedes");
					set_number(rec, "version", json_num(o, "version", 1));
					if (cJSON_IsString(sup))
						cJSON_ReplaceItemInObjectCaseSensitive(rec, "supersedes", cJSON_CreateString(sup->valuestring));
					old_kept[k] = 1;
					break;
				}
			}
			continue;
		}
		ni[nn].text = json_str(rec, "text");
		ni[nn].sentence = (unsigned)json_num(rec, "sentence", 0);
		nmap[nn++] = i;
	}
	for (k = 0; k < nold; k++) {
		cJSON *o = cJSON_GetArrayItem(job->old_recs, (int)k);
		if (old_kept[k])
			continue;
		oi[no].text = json_str(o, "text") ? json_str(o, "text") : "";
		oi[no].sentence = (unsigned)json_num(o, "sentence", 0);
		omap[no++] = k;
	}
	if ((error = ct_version_pair(oi, no, ni, nn, pair)) < 0)
		goto done;
	for (i = 0; i < nn; i++) {
		cJSON *rec = cJSON_GetArrayItem(job->pending, (int)nmap[i]);
		if (pair[i] < 0) {
			job->fresh++;
			continue;
		}
		k = omap[pair[i]];
		{
			cJSON *o = cJSON_GetArrayItem(job->old_recs, (int)k);
			set_number(rec, "version", json_num(o, "version", 1) + 1);
			cJSON_ReplaceItemInObjectCaseSensitive(rec, "supersedes", cJSON_CreateString(json_str(o, "id")));
			cJSON_ReplaceItemInObjectCaseSensitive(o, "status", cJSON_CreateString("superseded"));
			old_paired[k] = 1;
			job->revised++;
		}
	}
	for (i = 0; i < nnew && !error; i++) {
		cJSON *rec = cJSON_GetArrayItem(job->pending, (int)i);
		ct_buf_clear(&job->path);
		ct_claim_path(&job->path, job->id, json_str(rec, "id"));
		error = put_json(job->txn, job->feed, job->path.ptr, rec, &job->json);
	}
	for (k = 0; k < nold && !error; k++) {
		cJSON *o = cJSON_GetArrayItem(job->old_recs, (int)k);
		if (old_kept[k])
			continue;
		if (!old_paired[k]) {
			cJSON_ReplaceItemInObjectCaseSensitive(o, "status", cJSON_CreateString("withdrawn"));
			job->withdrawn++;
		}
		error = put_json(job->txn, job->feed, cJSON_GetArrayItem(job->old_paths, (int)k)->valuestring, o, &job->json);
	}
done:
	free(oi);
	free(ni);
	free(omap);
	free(nmap);
	free(old_kept);
	free(old_paired);
	free(pair);
	return error;
}

static const char *json_str(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	return cJSON_IsString(v) ? v->valuestring : NULL;
}

static int add_one(struct ct_ctx *ctx, ct_txn *txn, struct feed *f, const char *file, const struct add_opts *o,
		   const char *id, struct add_totals *t)
{
	ct_buf text = CT_BUF_INIT, path = CT_BUF_INIT, tpath = CT_BUF_INIT;
	ct_buf old = CT_BUF_INIT, title = CT_BUF_INIT, json = CT_BUF_INIT;
	cJSON *prev = NULL, *rec = NULL;
	struct source_job job;
	char sha[65];
	size_t nbad = 0;
	int error = 0, version = 1, text_changed = 1, meta_changed;
	const char *outlet, *published, *url, *ttl;
	ct_desk *desk;
	ct_index *ix;

	memset(&job, 0, sizeof(job));
	if ((error = ct_cmd_read_text(file, &text, &nbad)) < 0)
		goto done;
	{
		size_t i;
		for (i = 0; i < text.len && (text.ptr[i] == ' ' || text.ptr[i] == '\n' || text.ptr[i] == '\t'); i++)
			;
		if (i == text.len) {
			error = ct_error_set(CT_EINPUT, "source is empty: '%s'", file);
			goto done;
		}
	}
	ct_sha256_hex(sha, text.ptr, text.len);

	ct_source_path(&path, id);
	ct_source_text_path(&tpath, id);
	if ((error = ct_cmd_desk(ctx, &desk)) < 0)
		goto done;
	error = ct_desk_read(desk, NULL, path.ptr, &old);
	if (error == 0) {
		const cJSON *v;
		prev = cJSON_Parse(old.ptr);
		v = cJSON_GetObjectItemCaseSensitive(prev, "version");
		if (cJSON_IsNumber(v))
			version = v->valueint;
		text_changed = !json_str(prev, "sha256") || strcmp(json_str(prev, "sha256"), sha);
		if (text_changed)
			version++;
	} else if (error != CT_ENOTFOUND) {
		goto done;
	}
	error = 0;

	outlet = o->outlet ? o->outlet : json_str(prev, "outlet");
	if (!outlet) {
		error = ct_error_set(CT_EINPUT, "--outlet is required for a new source: '%s'", id);
		goto done;
	}
	published = o->published ? o->published : json_str(prev, "published");
	url = o->url ? o->url : json_str(prev, "url");
	if (o->title)
		ttl = o->title;
	else {
		struct title_ctx tc = { &title, text.ptr };
		ct_segment_text(text.ptr, text.len, title_cb, &tc);
		ttl = title.len ? title.ptr : (json_str(prev, "title") ? json_str(prev, "title") : "");
	}
	meta_changed = !prev || strcmp(outlet, json_str(prev, "outlet") ? json_str(prev, "outlet") : "") ||
		       (published && (!json_str(prev, "published") || strcmp(published, json_str(prev, "published")))) ||
		       (url && (!json_str(prev, "url") || strcmp(url, json_str(prev, "url")))) ||
		       strcmp(ttl, json_str(prev, "title") ? json_str(prev, "title") : "");
	if (!text_changed && !meta_changed) {
		t->unchanged++;
		ct_buf_printf(&t->report, "unchanged: %s (%s)\n", id, file);
		goto done;
	}

	job.txn = txn;
	job.feed = f;
	job.id = id;
	job.text = text.ptr;
	job.source_version = version;
	ct_buf_init(&job.path);
	ct_buf_init(&job.json);
	if (text_changed) {
		if (prev) {
			struct ct_claim_filter cf = { id, NULL, "active", NULL, 0 };
			job.old_recs = cJSON_CreateArray();
			job.old_paths = cJSON_CreateArray();
			job.pending = cJSON_CreateArray();
			if (!job.old_recs || !job.old_paths || !job.pending) {
				error = ct_error_set(CT_ENOMEM, "out of memory");
				goto done;
			}
			/* The index holds HEAD's claims of this source: nothing staged so far touched them. */
			feed_idle(f);
			if (f->on)
				ix = f->ix;
			else if ((error = ct_cmd_index(ctx, &ix)) < 0)
				goto done;
			if ((error = ct_index_claims(ix, &cf, old_claim_cb, &job)) < 0)
				goto done;
		}
		if ((error = stage(txn, f, tpath.ptr, text.ptr, text.len)) < 0 ||
		    (error = ct_extract(text.ptr, text.len, published, on_draft, &job)) < 0)
			goto done;
		if (prev && (error = finish_versions(&job)) < 0)
			goto done;
		error = 0;
		if (job.too_long)
			ct_cmd_warn("%s: %zu sentence%s longer than %d characters (the first at byte %zu) %s not taken as claims",
				    file, job.too_long, job.too_long == 1 ? "" : "s", CT_MAX_SENTENCE_CHARS, job.too_long_at,
				    job.too_long == 1 ? "was" : "were");
		t->withdrawn += job.withdrawn;
		t->revised += job.revised;
	} else {
		const cJSON *c = cJSON_GetObjectItemCaseSensitive(prev, "claims");
		job.claims = cJSON_IsNumber(c) ? (size_t)c->valuedouble : 0;
	}

	rec = cJSON_CreateObject();
	if (!rec || !cJSON_AddStringToObject(rec, "id", id) || !cJSON_AddStringToObject(rec, "outlet", outlet) ||
	    !(published ? cJSON_AddStringToObject(rec, "published", published) : cJSON_AddNullToObject(rec, "published")) ||
	    !(url ? cJSON_AddStringToObject(rec, "url", url) : cJSON_AddNullToObject(rec, "url")) ||
	    !cJSON_AddStringToObject(rec, "title", ttl) || !cJSON_AddStringToObject(rec, "sha256", sha) ||
	    !cJSON_AddStringToObject(rec, "text", tpath.ptr) ||
	    !cJSON_AddNumberToObject(rec, "bytes", (double)text.len) ||
	    !cJSON_AddNumberToObject(rec, "version", version) ||
	    !cJSON_AddNumberToObject(rec, "claims", (double)job.claims) ||
	    (nbad && !cJSON_AddNumberToObject(rec, "invalid_utf8", (double)nbad))) {
		error = ct_error_set(CT_ENOMEM, "out of memory");
		goto done;
	}
	if ((error = put_json(txn, f, path.ptr, rec, &json)) < 0)
		goto done;
	if (prev) {
		t->updated++;
		ct_buf_printf(&t->body, "%s: %s, version %d, %zu claims\n", id, outlet, version, job.claims);
	} else {
		t->added++;
		ct_buf_printf(&t->body, "%s: %s, %zu claims\n", id, outlet, job.claims);
	}
	t->claims += job.fresh;
	/* The outlet may come from a record edited by hand: no control characters to the terminal. */
	ct_buf_printf(&t->report, "%s %s (", prev ? "updated" : "added", id);
	ct_cmd_clean(&t->report, outlet, strlen(outlet));
	if (prev)
		ct_buf_printf(&t->report, "): version %d, %zu claim%s: %zu new, %zu revised, %zu withdrawn\n",
			      version, job.claims, job.claims == 1 ? "" : "s", job.fresh, job.revised, job.withdrawn);
	else
		ct_buf_printf(&t->report, "): %zu claim%s\n", job.claims, job.claims == 1 ? "" : "s");
done:
	free(job.seen.ids);
	free(job.old.ids);
	cJSON_Delete(job.old_recs);
	cJSON_Delete(job.old_paths);
	cJSON_Delete(job.pending);
	ct_buf_release(&job.path);
	ct_buf_release(&job.json);
	cJSON_Delete(prev);
	cJSON_Delete(rec);
	ct_buf_release(&text);
	ct_buf_release(&path);
	ct_buf_release(&tpath);
	ct_buf_release(&old);
	ct_buf_release(&title);
	ct_buf_release(&json);
	return error;
}

/* 1 when s holds a control character (C0, DEL): outlets and titles are printed and go into
 * commit messages, where they could move the cursor or recolour a terminal. */
static int has_control(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return 1;
	return 0;
}

static void commit_message(ct_buf *msg, const struct add_totals *t)
{
	if (t->added)
		ct_buf_printf(msg, "Add %zu source%s", t->added, t->added == 1 ? "" : "s");
	if (t->updated)
		ct_buf_printf(msg, "%s %zu source%s", t->added ? ", update" : "Update", t->updated,
			      t->updated == 1 ? "" : "s");
	ct_buf_printf(msg, ", %zu %sclaim%s", t->claims, t->updated ? "new " : "", t->claims == 1 ? "" : "s");
	if (t->revised)
		ct_buf_printf(msg, ", %zu revised", t->revised);
	if (t->withdrawn)
		ct_buf_printf(msg, ", %zu withdrawn", t->withdrawn);
	ct_buf_printf(msg, "\n\n%s", t->body.ptr);
}

/* One source to add: its file, id and metadata, from the command line or a manifest line. */
struct add_entry {
	const char *file;
	char id[CT_SOURCE_ID_MAX + 1];
	struct add_opts o;
	size_t line;   /* manifest line, 0 for the command line */
};

/* Checks the metadata of one entry; where is "" (options) or "manifest 'F' line N: ". dash is "--"
 * for option names, "" for manifest columns. Returns 0 or the exit code after printing. */
static int check_meta(const struct add_opts *o, const char *where, const char *dash)
{
	if (o->published && !ct_date_valid(o->published))
		return ct_cmd_error(CT_EXIT_INPUT, "%s%spublished must be a date written YYYY-MM-DD: '%s'", where, dash,
				    o->published);
	if (o->url && !ct_url_valid(o->url))
		return ct_cmd_error(CT_EXIT_INPUT, "%s%surl must be an absolute URL without spaces, quotes or <>\\^`{|} (percent-encode them): '%s'",
				    where, dash, o->url);
	if (o->outlet && (!*o->outlet || strlen(o->outlet) > 200 || has_control(o->outlet)))
		return ct_cmd_error(CT_EXIT_INPUT, "%s%soutlet must be 1-200 characters on one line, without control characters",
				    where, dash);
	if (o->title && (strlen(o->title) > 1000 || has_control(o->title)))
		return ct_cmd_error(CT_EXIT_INPUT, "%s%stitle must be at most 1000 characters on one line, without control characters",
				    where, dash);
	if ((o->outlet && !ct_text_is_valid(o->outlet, strlen(o->outlet))) ||
	    (o->title && !ct_text_is_valid(o->title, strlen(o->title))))
		return ct_cmd_error(CT_EXIT_INPUT, "%s%soutlet and %stitle must be valid UTF-8", where, dash, dash);
	return 0;
}

/* Reads a manifest: one source a line, tab-separated: file, id, outlet, published, url (the last
 * two may be empty or left off; an empty id takes the file name). Blank lines and lines starting
 * with '#' are skipped. Files are relative to the manifest's directory. The strings of the entries
 * point into *text and *paths, which the caller frees. Returns 0 or an exit code after printing. */
static int read_manifest(const char *manifest, ct_buf *text, ct_buf *paths, struct add_entry **out, size_t *nout)
{
	struct add_entry *e = NULL;
	size_t n = 0, cap = 0, lineno = 0, dirlen, *pathoff = NULL, i;
	const char *slash = strrchr(manifest, '/');
	char *p, *end, *next;
	int r = 0;

	*out = NULL;
	*nout = 0;
	if (ct_buf_read_file(text, manifest) < 0)
		return ct_cmd_error(CT_EXIT_INPUT, "cannot read manifest (%s): '%s'",
				    errno == EISDIR ? "it is a directory" : strerror(errno), manifest);
	if (memchr(text->ptr, '\0', text->len))
		return ct_cmd_error(CT_EXIT_INPUT, "manifest '%s' is not a text file (it holds NUL bytes)", manifest);
	dirlen = slash ? (size_t)(slash - manifest) + 1 : 0;
	for (p = text->ptr, end = text->ptr + text->len; p < end; p = next) {
		char *nl = memchr(p, '\n', (size_t)(end - p)), *f[5] = { NULL, NULL, NULL, NULL, NULL }, *q;
		char where[300];
		struct add_entry *x;
		int nf = 0;
		if (nl)
			*nl = '\0';
		next = nl ? nl + 1 : end;
		lineno++;
		if (strlen(p) && p[strlen(p) - 1] == '\r')
			p[strlen(p) - 1] = '\0';
		if (!*p || *p == '#')
			continue;
		snprintf(where, sizeof(where), "manifest '%.200s' line %zu: ", manifest, lineno);
		for (q = p; nf < 5; nf++) {
			f[nf] = q;
			if (!(q = strchr(q, '\t')))
				break;
			*q++ = '\0';
		}
		if (nf == 5) {
			r = ct_cmd_error(CT_EXIT_INPUT, "%smore than 5 tab-separated columns (file, id, outlet, published, url)", where);
			goto fail;
		}
		if (nf < 2 || !*f[0]) {
			r = ct_cmd_error(CT_EXIT_INPUT, "%sexpected tab-separated columns file, id, outlet[, published[, url]]", where);
			goto fail;
		}
		if (n == cap) {
			struct add_entry *g = realloc(e, (cap = cap ? cap * 2 : 64) * sizeof(*e));
			size_t *h = realloc(pathoff, cap * sizeof(*pathoff));
			if (g)
				e = g;
			if (h)
				pathoff = h;
			if (!g || !h) {
				r = ct_cmd_error(CT_EXIT_FAIL, "out of memory");
				goto fail;
			}
		}
		x = &e[n];
		memset(x, 0, sizeof(*x));
		x->line = lineno;
		x->o.outlet = f[2];
		x->o.published = f[3] && *f[3] ? f[3] : NULL;
		x->o.url = f[4] && *f[4] ? f[4] : NULL;
		if (!x->o.outlet || !*x->o.outlet) {
			r = ct_cmd_error(CT_EXIT_INPUT, "%sthe outlet (third column) is empty", where);
			goto fail;
		}
		if ((r = check_meta(&x->o, where, "")) != 0)
			goto fail;
		if (strlen(f[1]) > CT_SOURCE_ID_MAX) {
			r = ct_cmd_error(CT_EXIT_INPUT, "%sinvalid source id (it is longer than %d characters)", where,
					 CT_SOURCE_ID_MAX);
			goto fail;
		}
		memcpy(x->id, f[1], strlen(f[1]) + 1);
		pathoff[n] = paths->len;
		if (f[0][0] != '/')
			ct_buf_put(paths, manifest, dirlen);
		ct_buf_puts(paths, f[0]);
		ct_buf_putc(paths, '\0');
		if (ct_buf_oom(paths)) {
			r = ct_cmd_error(CT_EXIT_FAIL, "out of memory");
			goto fail;
		}
		n++;
	}
	if (!n) {
		r = ct_cmd_error(CT_EXIT_INPUT, "manifest '%s' names no source", manifest);
		goto fail;
	}
	for (i = 0; i < n; i++)
		e[i].file = paths->ptr + pathoff[i];
	free(pathoff);
	*out = e;
	*nout = n;
	return 0;
fail:
	free(pathoff);
	free(e);
	return r;
}

static int entry_id_cmp(const void *a, const void *b)
{
	const struct add_entry *const *x = a, *const *y = b;
	int c = strcmp((*x)->id, (*y)->id);
	if (c)
		return c;
	return *x < *y ? -1 : *x > *y;
}

int ct_cmd_add(int argc, char **argv, struct ct_ctx *ctx)
{
	struct add_opts o = { 0 };
	const char *manifest = NULL;
	const struct ct_option opts[] = {
		{ 0, "id", CT_OPT_STRING, &o.id, "ID", "source id (one file only; default: the file name)" },
		{ 0, "outlet", CT_OPT_STRING, &o.outlet, "NAME", "the outlet that published the article" },
		{ 0, "published", CT_OPT_STRING, &o.published, "DATE", "publication date, YYYY-MM-DD" },
		{ 0, "url", CT_OPT_STRING, &o.url, "URL", "where the article was published" },
		{ 0, "title", CT_OPT_STRING, &o.title, "TITLE", "headline (default: the first heading of the text)" },
		{ 0, "manifest", CT_OPT_STRING, &manifest, "FILE",
		  "add the sources a TSV file lists, instead of FILE arguments" },
		{ 0 }
	};
	const struct ct_usage u = { "add",
		"[--id ID] --outlet NAME [--published DATE] [--url URL] [--title T] FILE...\n"
		"       claimtrack add --manifest FILE",
		"Adds each FILE (UTF-8 text; CRLF accepted; invalid bytes are replaced and reported) as a source, stores its text and the\n"
		"claims extracted from it, all in one commit. Re-adding unchanged text does nothing; changed\n"
		"text makes a new version of the source, and claims whose sentence disappeared are withdrawn.\n"
		"--manifest reads the sources from a file, one a line, tab-separated: file (relative to the\n"
		"manifest's directory), id (empty: from the file name), outlet, published, url (may be empty);\n"
		"blank lines and lines starting with '#' are skipped. Every line is checked before anything is\n"
		"read; any bad line or file commits nothing.", opts, 0, -1 };
	struct add_totals t = { 0, 0, 0, 0, 0, 0, CT_BUF_INIT, CT_BUF_INIT };
	struct ct_ident who = { 0 };
	ct_desk *desk = NULL;
	ct_index *ix = NULL;
	ct_txn *txn = NULL;
	ct_buf msg = CT_BUF_INIT, idbuf = CT_BUF_INIT, mtext = CT_BUF_INIT, mpaths = CT_BUF_INIT;
	struct add_entry *ents = NULL, **sorted = NULL;
	struct feed feed = { 0 };
	char commit[41];
	size_t ne = 0, i;
	int n, r;

	if ((r = ct_parse_options(&u, argc, argv, &n)) != 0)
		return r == CT_PARSE_HELP ? 0 : -r;
	if (manifest && (n || o.id || o.outlet || o.published || o.url || o.title))
		return ct_cmd_error(CT_EXIT_USAGE, "--manifest names the files and their metadata: it takes no FILE, --id, "
				    "--outlet, --published, --url or --title");
	if (!manifest && !n) {
		fprintf(stderr, "claimtrack: missing FILE arguments (or --manifest FILE)\n");
		ct_print_usage(&u, stderr);
		return CT_EXIT_USAGE;
	}
	if (o.id && n > 1)
		return ct_cmd_error(CT_EXIT_USAGE, "--id names one source; it cannot be used with %d files", n);
	if ((r = check_meta(&o, "", "--")) != 0)
		return r;

	/* Every entry and id is checked before anything is written. */
	if (manifest) {
		if ((r = read_manifest(manifest, &mtext, &mpaths, &ents, &ne)) != 0)
			goto done;
	} else {
		ne = (size_t)n;
		if (!(ents = calloc(ne, sizeof(*ents)))) {
			r = ct_cmd_error(CT_EXIT_FAIL, "out of memory");
			goto done;
		}
		for (i = 0; i < ne; i++) {
			ents[i].file = argv[i];
			ents[i].o = o;
			if (o.id)
				snprintf(ents[i].id, sizeof(ents[i].id), "%s", o.id);
		}
	}
	for (i = 0; i < ne; i++) {
		const char *problem;
		char where[300] = "";
		if (ents[i].line)
			snprintf(where, sizeof(where), "manifest '%.200s' line %zu: ", manifest, ents[i].line);
		ct_buf_clear(&idbuf);
		if (ents[i].id[0] || (o.id && !manifest))
			ct_buf_puts(&idbuf, manifest ? ents[i].id : o.id);
		else
			ct_source_id_from_file(&idbuf, ents[i].file);
		if ((problem = ct_source_id_problem(idbuf.ptr)) != NULL) {
			r = ct_cmd_error(CT_EXIT_INPUT, "%sinvalid source id '%s' (%s)%s: '%s'", where, idbuf.ptr, problem,
					 manifest ? "" : o.id ? "" : "; name it with --id", ents[i].file);
			goto done;
		}
		memcpy(ents[i].id, idbuf.ptr, idbuf.len + 1);
	}
	/* Duplicates: sorted by id, then by position, so the message names the first two in order. */
	if (!(sorted = calloc(ne, sizeof(*sorted)))) {
		r = ct_cmd_error(CT_EXIT_FAIL, "out of memory");
		goto done;
	}
	for (i = 0; i < ne; i++)
		sorted[i] = &ents[i];
	qsort(sorted, ne, sizeof(*sorted), entry_id_cmp);
	for (i = 1; i < ne; i++)
		if (!strcmp(sorted[i - 1]->id, sorted[i]->id)) {
			if (manifest)
				r = ct_cmd_error(CT_EXIT_INPUT, "manifest '%s': lines %zu and %zu would both be source '%s'",
						 manifest, sorted[i - 1]->line, sorted[i]->line, sorted[i]->id);
			else
				r = ct_cmd_error(CT_EXIT_INPUT, "two files would both be source '%s': '%s' and '%s'",
						 sorted[i]->id, sorted[i - 1]->file, sorted[i]->file);
			goto done;
		}

	if ((r = ct_cmd_desk(ctx, &desk)) < 0 || (r = ct_desk_identity(desk, &who)) < 0 ||
	    (r = ct_cmd_index(ctx, &ix)) < 0 || (r = ct_txn_begin(&txn, desk)) < 0) {
		r = ct_cmd_fail(r);
		goto done;
	}
	feed_start(&feed, ix, txn);
	for (i = 0; i < ne; i++) {
		ct_progress(ctx, "adding", i, ne);
		if ((r = add_one(ctx, txn, &feed, ents[i].file, &ents[i].o, ents[i].id, &t)) < 0) {
			ct_progress_done(ctx);
			r = ct_cmd_fail(r);
			if (ents[i].line)
				ct_cmd_error(CT_EXIT_INPUT, "(manifest '%s' line %zu)", manifest, ents[i].line);
			fprintf(stderr, "claimtrack: nothing was committed\n");
			goto done;
		}
	}
	ct_progress_done(ctx);
	fputs(t.report.ptr, stdout);
	if (!ct_txn_changes(txn)) {
		printf("nothing to commit: %s unchanged\n", ne == 1 ? "the source is" : "all sources are");
		r = 0;
		goto done;
	}
	commit_message(&msg, &t);
	feed_close(&feed, 1);
	if ((r = ct_txn_commit(txn, &who, msg.ptr, commit)) < 0) {
		r = ct_cmd_fail(r);
		goto done;
	}
	printf("[%.10s] %.*s\n", commit, (int)strcspn(msg.ptr, "\n"), msg.ptr);
	feed_finish(&feed, txn, commit);
	/* Keep the cache current now (a no-op when the feed brought it to the new commit). */
	if ((r = ct_cmd_index(ctx, &ix)) < 0) {
		ct_cmd_warn("the index could not be updated (%s); it will be rebuilt on next use", ct_error_last());
	}
	r = 0;
done:
	feed_finish(&feed, NULL, NULL);
	ct_txn_free(txn);
	ct_ident_release(&who);
	ct_buf_release(&msg);
	ct_buf_release(&idbuf);
	ct_buf_release(&mtext);
	ct_buf_release(&mpaths);
	ct_buf_release(&t.body);
	ct_buf_release(&t.report);
	free(ents);
	free(sorted);
	return r;
}
