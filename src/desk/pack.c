/* Streaming writer of git packfiles (no deltas) and their v2 index.
 * Objects are deflated as they arrive so a large import never holds all of its records in memory.
 * A second thread deflates and writes them: the caller hands over batches of copies and goes on
 * (extracting, encoding, hashing the next records); it waits for that thread only to read an
 * object back and to finish. */
#include "desk/pack.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include <nettle/sha1.h>
#include <libdeflate.h>

#include "util/err.h"

struct pack_entry {
	unsigned char oid[20];
	uint32_t crc;
	uint64_t offset;
	uint64_t size;    /* inflated size */
	int type;
};

/* Where the writer put an entry (entries[i].offset and .crc once synced). */
struct pack_pos {
	uint64_t offset;
	uint32_t crc;
};

/* Once the writer thread runs, the caller's thread owns entries, slots, n and fill; the writer
 * owns zc, out, offset, pos and the file's end; the fields under mu are shared. At a sync (writer
 * idle) everything is the caller's. */
struct ct_pack {
	char *dir;
	char *tmp_path;
	int fd;
	uint64_t offset;        /* bytes written so far */
	struct pack_entry *entries;
	size_t n, cap;
	size_t synced;          /* entries whose offset and crc are copied from pos */
	size_t *slots;          /* open-addressing table of entry index + 1 */
	size_t nslots;
	struct libdeflate_compressor *zc;   /* whole-buffer zlib streams (libdeflate, see CONTRIBUTING.md) */
	ct_buf out;             /* staging buffer for writes */
	struct pack_pos *pos;
	size_t poscap;
	/* the writer thread */
	int threaded;
	pthread_t tid;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	ct_buf fill;            /* the next batch: struct pack_item, then its data, for each object */
	ct_buf work;            /* the batch the writer holds */
	int has_work, busy, closing, cancel;
	int werror;             /* the writer's first error, its message in wmsg */
	char wmsg[512];
};

struct pack_item {
	size_t index, len;
	int type;
};

#define PACK_BATCH (256u << 10)

static void *writer_main(void *arg);

static int write_all(int fd, const void *data, size_t len)
{
	const char *p = data;
	while (len) {
		ssize_t n = write(fd, p, len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

static int flush_out(ct_pack *pack)
{
	if (!pack->out.len)
		return 0;
	if (write_all(pack->fd, pack->out.ptr, pack->out.len) < 0)
		return ct_error_set(CT_EIO, "cannot write pack: %s: '%s'", strerror(errno), pack->tmp_path);
	ct_buf_clear(&pack->out);
	return 0;
}

static size_t slot_of(const unsigned char oid[20], size_t nslots)
{
	size_t h;
	memcpy(&h, oid, sizeof(h));
	return h & (nslots - 1);
}

static int table_grow(ct_pack *pack)
{
	size_t nslots = pack->nslots ? pack->nslots * 2 : 1024, i;
	size_t *slots = calloc(nslots, sizeof(*slots));
	if (!slots)
		return ct_error_set(CT_ENOMEM, "out of memory");
	for (i = 0; i < pack->n; i++) {
		size_t s = slot_of(pack->entries[i].oid, nslots);
		while (slots[s])
			s = (s + 1) & (nslots - 1);
		slots[s] = i + 1;
	}
	free(pack->slots);
	pack->slots = slots;
	pack->nslots = nslots;
	return 0;
}

static struct pack_entry *find_entry(const ct_pack *pack, const unsigned char oid[20])
{
	size_t s;
	if (!pack->nslots)
		return NULL;
	s = slot_of(oid, pack->nslots);
	while (pack->slots[s]) {
		struct pack_entry *e = &pack->entries[pack->slots[s] - 1];
		if (!memcmp(e->oid, oid, 20))
			return e;
		s = (s + 1) & (pack->nslots - 1);
	}
	return NULL;
}

int ct_pack_open(ct_pack **out, const char *pack_dir, int level)
{
	ct_pack *pack = calloc(1, sizeof(*pack));
	ct_buf path = CT_BUF_INIT;
	static const unsigned char header[12] = { 'P', 'A', 'C', 'K', 0, 0, 0, 2, 0, 0, 0, 0 };
	int error = CT_ENOMEM;

	*out = NULL;
	if (!pack)
		return ct_error_set(CT_ENOMEM, "out of memory");
	pack->fd = -1;
	ct_buf_init(&pack->out);
	ct_buf_init(&pack->fill);
	ct_buf_init(&pack->work);
	pack->dir = strdup(pack_dir);
	ct_buf_printf(&path, "%s/tmp_pack_XXXXXX", pack_dir);
	if (!pack->dir || ct_buf_oom(&path) < 0)
		goto fail;
	pack->tmp_path = ct_buf_detach(&path);
	pack->fd = mkstemp(pack->tmp_path);
	if (pack->fd < 0) {
		error = ct_error_set(CT_EIO, "cannot create pack: %s: '%s'", strerror(errno), pack_dir);
		free(pack->tmp_path);
		pack->tmp_path = NULL;
		goto fail;
	}
	if (!(pack->zc = libdeflate_alloc_compressor(level)))
		goto fail;
	ct_buf_put(&pack->out, header, sizeof(header));
	pack->offset = sizeof(header);
	/* Without a thread (none could be started) the objects are written in this one. */
	if (pthread_mutex_init(&pack->mu, NULL) == 0) {
		if (pthread_cond_init(&pack->cv, NULL) == 0) {
			pack->threaded = pthread_create(&pack->tid, NULL, writer_main, pack) == 0;
			if (!pack->threaded)
				pthread_cond_destroy(&pack->cv);
		}
		if (!pack->threaded)
			pthread_mutex_destroy(&pack->mu);
	}
	*out = pack;
	return 0;
fail:
	ct_pack_abort(pack);
	return error == CT_ENOMEM ? ct_error_set(CT_ENOMEM, "out of memory") : error;
}

size_t ct_pack_count(const ct_pack *pack)
{
	return pack->n;
}

/* Deflates object index of the pack into out (the writer's side). */
static int write_object(ct_pack *pack, size_t index, int type, const void *data, size_t len)
{
	unsigned char hdr[16];
	size_t hlen = 0, start = pack->out.len, size = len, bound, zlen;

	if (index >= pack->poscap) {
		size_t cap = pack->poscap ? pack->poscap * 2 : 1024;
		struct pack_pos *p;
		while (cap <= index)
			cap *= 2;
		if (!(p = realloc(pack->pos, cap * sizeof(*p))))
			return ct_error_set(CT_ENOMEM, "out of memory");
		pack->pos = p;
		pack->poscap = cap;
	}

	/* Object header: type and size, 4 bits then 7 bits per byte, little-endian. */
	hdr[hlen] = (unsigned char)((type << 4) | (size & 15));
	size >>= 4;
	while (size) {
		hdr[hlen++] |= 0x80;
		hdr[hlen] = size & 0x7f;
		size >>= 7;
	}
	hlen++;
	bound = libdeflate_zlib_compress_bound(pack->zc, len);
	if (ct_buf_put(&pack->out, hdr, hlen) < 0 || ct_buf_grow(&pack->out, bound) < 0)
		return ct_error_set(CT_ENOMEM, "out of memory");
	/* one zlib stream per object, as git's inflate reads it */
	if (!(zlen = libdeflate_zlib_compress(pack->zc, data, len, pack->out.ptr + pack->out.len, bound)))
		return ct_error_set(CT_ERROR, "cannot compress an object of %zu bytes", len);
	pack->out.len += zlen;

	pack->pos[index].offset = pack->offset;
	pack->pos[index].crc = libdeflate_crc32(0, pack->out.ptr + start, pack->out.len - start);
	pack->offset += pack->out.len - start;
	if (pack->out.len >= (1u << 20))
		return flush_out(pack);
	return 0;
}

static int write_batch(ct_pack *pack, const ct_buf *b)
{
	struct pack_item it;
	size_t off = 0;
	int error;
	while (off < b->len) {
		memcpy(&it, b->ptr + off, sizeof(it));
		off += sizeof(it);
		if ((error = write_object(pack, it.index, it.type, b->ptr + off, it.len)) < 0)
			return error;
		off += it.len;
	}
	return 0;
}

static void *writer_main(void *arg)
{
	ct_pack *pack = arg;
	int error;
	pthread_mutex_lock(&pack->mu);
	for (;;) {
		while (!pack->has_work && !pack->closing)
			pthread_cond_wait(&pack->cv, &pack->mu);
		if (!pack->has_work)
			break;
		pack->busy = 1;
		pthread_mutex_unlock(&pack->mu);
		error = pack->werror || pack->cancel ? 0 : write_batch(pack, &pack->work);
		pthread_mutex_lock(&pack->mu);
		if (error < 0 && !pack->werror) {
			pack->werror = error;
			snprintf(pack->wmsg, sizeof(pack->wmsg), "%s", ct_error_last());
		}
		ct_buf_clear(&pack->work);
		pack->has_work = 0;
		pack->busy = 0;
		pthread_cond_broadcast(&pack->cv);
	}
	pthread_mutex_unlock(&pack->mu);
	return NULL;
}

/* The writer's error, raised in this thread. Call with mu held or the writer stopped. */
static int writer_error(ct_pack *pack)
{
	return pack->werror ? ct_error_set(pack->werror, "%s", pack->wmsg) : 0;
}

/* Hands the filled batch to the writer, once it has taken the previous one. */
static int hand_batch(ct_pack *pack)
{
	ct_buf t;
	int error;
	if (!pack->fill.len)
		return 0;
	pthread_mutex_lock(&pack->mu);
	while (pack->has_work)
		pthread_cond_wait(&pack->cv, &pack->mu);
	t = pack->work;
	pack->work = pack->fill;
	pack->fill = t;
	pack->has_work = 1;
	error = writer_error(pack);
	pthread_cond_broadcast(&pack->cv);
	pthread_mutex_unlock(&pack->mu);
	return error;
}

/* Waits until the writer has written everything queued, and takes the entries' offsets. */
static int sync_writer(ct_pack *pack)
{
	int error = 0;
	size_t i;
	if (pack->threaded) {
		hand_batch(pack);
		pthread_mutex_lock(&pack->mu);
		while (pack->has_work || pack->busy)
			pthread_cond_wait(&pack->cv, &pack->mu);
		error = writer_error(pack);
		pthread_mutex_unlock(&pack->mu);
	}
	if (error < 0)
		return error;
	for (i = pack->synced; i < pack->n; i++) {
		pack->entries[i].offset = pack->pos[i].offset;
		pack->entries[i].crc = pack->pos[i].crc;
	}
	pack->synced = pack->n;
	return 0;
}

/* Stops the writer (after what is queued, unless cancel). */
static void stop_writer(ct_pack *pack, int cancel)
{
	if (!pack->threaded)
		return;
	hand_batch(pack);
	pthread_mutex_lock(&pack->mu);
	pack->closing = 1;
	pack->cancel |= cancel;
	pthread_cond_broadcast(&pack->cv);
	pthread_mutex_unlock(&pack->mu);
	pthread_join(pack->tid, NULL);
	pthread_cond_destroy(&pack->cv);
	pthread_mutex_destroy(&pack->mu);
	pack->threaded = 0;
}

int ct_pack_add(ct_pack *pack, const unsigned char oid[20], int type, const void *data, size_t len)
{
	struct pack_entry *e;
	struct pack_item it;
	size_t s;

	if (find_entry(pack, oid))
		return 0;
	if (pack->n == pack->cap) {
		size_t cap = pack->cap ? pack->cap * 2 : 1024;
		struct pack_entry *n = realloc(pack->entries, cap * sizeof(*n));
		if (!n)
			return ct_error_set(CT_ENOMEM, "out of memory");
		pack->entries = n;
		pack->cap = cap;
	}
	if ((pack->n + 1) * 2 > pack->nslots && table_grow(pack) < 0)
		return CT_ENOMEM;
	if (pack->threaded) {
		it.index = pack->n;
		it.len = len;
		it.type = type;
		ct_buf_put(&pack->fill, &it, sizeof(it));
		ct_buf_put(&pack->fill, data, len);
		if (ct_buf_oom(&pack->fill) < 0)
			return ct_error_set(CT_ENOMEM, "out of memory");
	} else {
		int error = write_object(pack, pack->n, type, data, len);
		if (error < 0)
			return error;
	}

	e = &pack->entries[pack->n];
	memcpy(e->oid, oid, 20);
	e->type = type;
	e->size = len;
	e->offset = 0;
	e->crc = 0;
	s = slot_of(oid, pack->nslots);
	while (pack->slots[s])
		s = (s + 1) & (pack->nslots - 1);
	pack->slots[s] = ++pack->n;
	if (pack->threaded && pack->fill.len >= PACK_BATCH)
		return hand_batch(pack);
	return 0;
}

int ct_pack_read(ct_pack *pack, const unsigned char oid[20], int *type, ct_buf *out)
{
	struct pack_entry *e = find_entry(pack, oid);
	unsigned char *raw = NULL;
	size_t rawlen;
	uint64_t end;
	int error = 0;

	if (!e)
		return CT_ENOTFOUND;
	if ((error = sync_writer(pack)) < 0)
		return error;
	if (flush_out(pack) < 0)
		return CT_EIO;
	end = (e + 1 < pack->entries + pack->n) ? e[1].offset : pack->offset;
	rawlen = (size_t)(end - e->offset);
	raw = malloc(rawlen);
	if (!raw || ct_buf_grow(out, (size_t)e->size) < 0) {
		free(raw);
		return ct_error_set(CT_ENOMEM, "out of memory");
	}
	if (pread(pack->fd, raw, rawlen, (off_t)e->offset) != (ssize_t)rawlen) {
		free(raw);
		return ct_error_set(CT_EIO, "cannot read back pack: '%s'", pack->tmp_path);
	}
	{
		size_t h = 0;
		while (raw[h] & 0x80)
			h++;
		h++;
		struct libdeflate_decompressor *zd = libdeflate_alloc_decompressor();
		size_t got = 0;
		if (!zd) {
			free(raw);
			return ct_error_set(CT_ENOMEM, "out of memory");
		}
		if (libdeflate_zlib_decompress(zd, raw + h, rawlen - h, out->ptr + out->len, (size_t)e->size, &got) !=
		    LIBDEFLATE_SUCCESS || got != e->size)
			error = ct_error_set(CT_ERROR, "corrupt object in pack being written");
		else {
			out->len += (size_t)e->size;
			out->ptr[out->len] = '\0';
		}
		libdeflate_free_decompressor(zd);
	}
	free(raw);
	*type = e->type;
	return error;
}

static void put_be32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

static int cmp_entry(const void *a, const void *b)
{
	return memcmp(((const struct pack_entry *)a)->oid, ((const struct pack_entry *)b)->oid, 20);
}

static int fsync_path_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	fsync(fd);
	close(fd);
	return 0;
}

/* Writes the .idx v2 for the sorted entries into fd. */
static int write_idx(ct_pack *pack, int fd, const unsigned char pack_sha[20])
{
	struct sha1_ctx sha;
	ct_buf b = CT_BUF_INIT;
	unsigned char tmp[8], sum[20];
	uint32_t fanout[256] = { 0 };
	size_t i, nlarge = 0;
	int error = 0;

	for (i = 0; i < pack->n; i++)
		fanout[pack->entries[i].oid[0]]++;
	for (i = 1; i < 256; i++)
		fanout[i] += fanout[i - 1];
	ct_buf_put(&b, "\377tOc", 4);
	put_be32(tmp, 2);
	ct_buf_put(&b, tmp, 4);
	for (i = 0; i < 256; i++) {
		put_be32(tmp, fanout[i]);
		ct_buf_put(&b, tmp, 4);
	}
	for (i = 0; i < pack->n; i++)
		ct_buf_put(&b, pack->entries[i].oid, 20);
	for (i = 0; i < pack->n; i++) {
		put_be32(tmp, pack->entries[i].crc);
		ct_buf_put(&b, tmp, 4);
	}
	for (i = 0; i < pack->n; i++) {
		uint64_t off = pack->entries[i].offset;
		if (off < 0x80000000u)
			put_be32(tmp, (uint32_t)off);
		else
			put_be32(tmp, 0x80000000u | (uint32_t)nlarge++);
		ct_buf_put(&b, tmp, 4);
	}
	for (i = 0; i < pack->n; i++) {
		uint64_t off = pack->entries[i].offset;
		if (off >= 0x80000000u) {
			put_be32(tmp, (uint32_t)(off >> 32));
			put_be32(tmp + 4, (uint32_t)off);
			ct_buf_put(&b, tmp, 8);
		}
	}
	ct_buf_put(&b, pack_sha, 20);
	if (ct_buf_oom(&b) < 0) {
		error = ct_error_set(CT_ENOMEM, "out of memory");
		goto done;
	}
	sha1_init(&sha);
	sha1_update(&sha, b.len, (const uint8_t *)b.ptr);
	sha1_digest(&sha, 20, sum);
	ct_buf_put(&b, sum, 20);
	if (ct_buf_oom(&b) < 0 || write_all(fd, b.ptr, b.len) < 0 || fsync(fd) < 0)
		error = ct_error_set(CT_EIO, "cannot write pack index: %s", strerror(errno));
done:
	ct_buf_release(&b);
	return error;
}

int ct_pack_finish(ct_pack *pack)
{
	struct sha1_ctx sha;
	unsigned char sum[20], count[4];
	char hex[41];
	ct_buf path = CT_BUF_INIT, idx_tmp = CT_BUF_INIT;
	unsigned char *chunk = NULL;
	int error = 0, ifd = -1;
	uint64_t pos;
	size_t i;

	if ((error = sync_writer(pack)) < 0)
		goto done;
	stop_writer(pack, 0);
	if ((error = flush_out(pack)) < 0)
		goto done;
	put_be32(count, (uint32_t)pack->n);
	if (pwrite(pack->fd, count, 4, 8) != 4) {
		error = ct_error_set(CT_EIO, "cannot write pack: %s", strerror(errno));
		goto done;
	}
	/* The trailer is the SHA-1 of everything before it, header count included, so hash afterwards. */
	chunk = malloc(1 << 20);
	if (!chunk) {
		error = ct_error_set(CT_ENOMEM, "out of memory");
		goto done;
	}
	sha1_init(&sha);
	for (pos = 0; pos < pack->offset;) {
		size_t want = (size_t)((pack->offset - pos) < (1u << 20) ? (pack->offset - pos) : (1u << 20));
		ssize_t n = pread(pack->fd, chunk, want, (off_t)pos);
		if (n <= 0) {
			error = ct_error_set(CT_EIO, "cannot read back pack: %s", strerror(errno));
			goto done;
		}
		sha1_update(&sha, (size_t)n, chunk);
		pos += (uint64_t)n;
	}
	sha1_digest(&sha, 20, sum);
	if (pwrite(pack->fd, sum, 20, (off_t)pack->offset) != 20 || fsync(pack->fd) < 0) {
		error = ct_error_set(CT_EIO, "cannot write pack: %s", strerror(errno));
		goto done;
	}
	for (i = 0; i < 20; i++)
		snprintf(hex + 2 * i, 3, "%02x", sum[i]);

	if (pack->n)
		qsort(pack->entries, pack->n, sizeof(*pack->entries), cmp_entry);
	ct_buf_printf(&idx_tmp, "%s/tmp_idx_XXXXXX", pack->dir);
	if (ct_buf_oom(&idx_tmp) < 0 || (ifd = mkstemp(idx_tmp.ptr)) < 0) {
		error = ct_error_set(CT_EIO, "cannot create pack index: %s: '%s'", strerror(errno), pack->dir);
		goto done;
	}
	if ((error = write_idx(pack, ifd, sum)) < 0)
		goto done;
	fchmod(ifd, 0444);
	/* git reads packs through their .idx: the .pack must be in place first. */
	ct_buf_printf(&path, "%s/pack-%s.pack", pack->dir, hex);
	fchmod(pack->fd, 0444);
	if (ct_buf_oom(&path) < 0 || rename(pack->tmp_path, path.ptr) < 0) {
		error = ct_error_set(CT_EIO, "cannot rename pack: %s", strerror(errno));
		goto done;
	}
	free(pack->tmp_path);
	pack->tmp_path = NULL;
	ct_buf_clear(&path);
	ct_buf_printf(&path, "%s/pack-%s.idx", pack->dir, hex);
	if (ct_buf_oom(&path) < 0 || rename(idx_tmp.ptr, path.ptr) < 0) {
		error = ct_error_set(CT_EIO, "cannot rename pack index: %s", strerror(errno));
		goto done;
	}
	ct_buf_clear(&idx_tmp);
	fsync_path_dir(pack->dir);
done:
	if (ifd >= 0)
		close(ifd);
	if (idx_tmp.len)
		unlink(idx_tmp.ptr);
	free(chunk);
	ct_buf_release(&path);
	ct_buf_release(&idx_tmp);
	ct_pack_abort(pack);
	return error;
}

void ct_pack_abort(ct_pack *pack)
{
	if (!pack)
		return;
	stop_writer(pack, 1);
	if (pack->fd >= 0)
		close(pack->fd);
	if (pack->tmp_path)
		unlink(pack->tmp_path);
	if (pack->zc)
		libdeflate_free_compressor(pack->zc);
	free(pack->tmp_path);
	free(pack->dir);
	free(pack->entries);
	free(pack->slots);
	free(pack->pos);
	ct_buf_release(&pack->out);
	ct_buf_release(&pack->fill);
	ct_buf_release(&pack->work);
	free(pack);
}
