/* Whole blobs straight from packfiles (packread.h): the index mapped, each object read from the
 * pack with pread (its end is the next object's offset). The formats, as git documents them:
 *   .idx v2: "\377tOc", version 2, a fan-out table of 256 big-endian counts, the N object ids
 *            sorted, N CRCs, N 4-byte offsets (high bit set: an index into the 8-byte offsets that
 *            follow), then the pack's and the index's checksums;
 *   .pack:   "PACK", version, count; each object a header (type in bits 4-6 of the first byte,
 *            the size in its low 4 bits and 7 more bits per following byte while the high bit is
 *            set) and, for a whole object, one zlib stream of exactly that many bytes.
 * Everything read from the files is checked against their sizes; what does not fit is left to
 * libgit2 (CT_ENOTFOUND), which reports a corrupt pack in its own words. */
#include "desk/packread.h"

#include <dirent.h>
#include <fcntl.h>
#include <libdeflate.h>
#include <nettle/sha1.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/err.h"

struct mapped {
	const unsigned char *p;
	size_t len;
};

struct pack {
	struct mapped idx;
	int fd;            /* the .pack, read with pread: a mapping would count every page read in
	                    * the process's resident size, a whole pack of a large desk */
	uint64_t len;      /* its size */
	uint64_t *ends;    /* the objects' offsets sorted, then where the objects end: an object
	                    * runs to the next offset */
	uint32_t n;        /* objects */
};

struct ct_pack_reader {
	struct pack *packs;
	size_t npacks;
};

struct ct_pack_cursor {
	const ct_pack_reader *r;
	struct libdeflate_decompressor *zd;
	unsigned char *raw;   /* one object's bytes as stored */
	size_t rawcap;
};

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static int map_file(struct mapped *m, const char *path)
{
	struct stat st;
	void *p;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	if (fstat(fd, &st) < 0 || st.st_size <= 0 || (uint64_t)st.st_size > SIZE_MAX) {
		close(fd);
		return -1;
	}
	p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (p == MAP_FAILED)
		return -1;
	m->p = p;
	m->len = (size_t)st.st_size;
	return 0;
}

static void unmap(struct mapped *m)
{
	if (m->p)
		munmap((void *)(uintptr_t)m->p, m->len);
	m->p = NULL;
}

/* An index whose header, fan-out and tables fit its size; 0 or -1. */
static int check_idx(struct pack *k)
{
	const unsigned char *p = k->idx.p;
	uint32_t i, prev = 0;
	if (k->idx.len < 8 + 256 * 4 + 40 || memcmp(p, "\377tOc\0\0\0\2", 8))
		return -1;
	for (i = 0; i < 256; i++) {
		uint32_t v = be32(p + 8 + 4 * i);
		if (v < prev)
			return -1;
		prev = v;
	}
	k->n = prev;
	if ((uint64_t)k->n * 28 + 8 + 256 * 4 + 40 > k->idx.len)
		return -1;
	{
		unsigned char h[12];
		if (k->len < 12 + 20 || pread(k->fd, h, sizeof(h), 0) != (ssize_t)sizeof(h) || memcmp(h, "PACK", 4) ||
		    be32(h + 8) != k->n)
			return -1;
	}
	return 0;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

static uint64_t offset_at(const struct pack *k, uint32_t at);

/* k->ends: every object's offset, sorted, and the end of the last (the trailer's start). */
static int sort_ends(struct pack *k)
{
	uint32_t i;
	if (!(k->ends = malloc(((size_t)k->n + 1) * sizeof(*k->ends))))
		return -1;
	for (i = 0; i < k->n; i++)
		k->ends[i] = offset_at(k, i);
	qsort(k->ends, k->n, sizeof(*k->ends), cmp_u64);
	k->ends[k->n] = k->len - 20;
	return 0;
}

static void close_pack(struct pack *k)
{
	unmap(&k->idx);
	if (k->fd >= 0)
		close(k->fd);
	k->fd = -1;
	free(k->ends);
	k->ends = NULL;
}

int ct_pack_reader_open(ct_pack_reader **out, const char *objects_dir)
{
	ct_pack_reader *r = calloc(1, sizeof(*r));
	char dir[4096], path[4096];
	size_t cap = 0;
	DIR *d;
	struct dirent *de;
	*out = NULL;
	if (!r)
		return ct_error_set(CT_ENOMEM, "out of memory");
	if ((size_t)snprintf(dir, sizeof(dir), "%s/pack", objects_dir) >= sizeof(dir) || !(d = opendir(dir))) {
		*out = r;   /* no packs: finds nothing */
		return 0;
	}
	while ((de = readdir(d))) {
		size_t len = strlen(de->d_name);
		struct pack k;
		if (len < 10 || strncmp(de->d_name, "pack-", 5) || strcmp(de->d_name + len - 4, ".idx"))
			continue;
		struct stat st;
		memset(&k, 0, sizeof(k));
		k.fd = -1;
		if ((size_t)snprintf(path, sizeof(path), "%s/%s", dir, de->d_name) >= sizeof(path) ||
		    map_file(&k.idx, path) < 0)
			continue;
		memcpy(path + strlen(path) - 4, ".pack", 6);
		if ((k.fd = open(path, O_RDONLY | O_CLOEXEC)) < 0 || fstat(k.fd, &st) < 0 || st.st_size <= 0 ||
		    (k.len = (uint64_t)st.st_size, check_idx(&k) < 0) || sort_ends(&k) < 0) {
			close_pack(&k);
			continue;
		}
		if (r->npacks == cap) {
			struct pack *np = realloc(r->packs, (cap = cap ? cap * 2 : 4) * sizeof(*np));
			if (!np) {
				close_pack(&k);
				closedir(d);
				ct_pack_reader_free(r);
				return ct_error_set(CT_ENOMEM, "out of memory");
			}
			r->packs = np;
		}
		r->packs[r->npacks++] = k;
	}
	closedir(d);
	*out = r;
	return 0;
}

void ct_pack_reader_free(ct_pack_reader *r)
{
	size_t i;
	if (!r)
		return;
	for (i = 0; i < r->npacks; i++)
		close_pack(&r->packs[i]);
	free(r->packs);
	free(r);
}

int ct_pack_cursor_new(ct_pack_cursor **out, const ct_pack_reader *r)
{
	ct_pack_cursor *c = calloc(1, sizeof(*c));
	if (!c || !(c->zd = libdeflate_alloc_decompressor())) {
		free(c);
		*out = NULL;
		return ct_error_set(CT_ENOMEM, "out of memory");
	}
	c->r = r;
	*out = c;
	return 0;
}

void ct_pack_cursor_free(ct_pack_cursor *c)
{
	if (!c)
		return;
	libdeflate_free_decompressor(c->zd);
	free(c->raw);
	free(c);
}

/* The offset in the pack of object oid, or 0 when this pack's index does not list it. */
static uint64_t be64(const unsigned char *p)
{
	return (uint64_t)be32(p) << 32 | be32(p + 4);
}

/* Object ids are spread evenly (SHA-1): interpolating on their first eight bytes lands within
 * about the square root of the range's size of the id, so each step probes its guess and a point
 * twice that far beyond it, and keeps the range between them: 1.7 million ids take two or three
 * steps, mostly in one region of the index, instead of the thirteen scattered reads of a binary
 * search (each a cache miss; the search was a tenth of a report's CPU). The binary search
 * finishes whatever range is left, so ids in any order are still found. */
#define FIND_INTERPOLATE 4

/* Twice the square root of n or up to 1.4 times that: a power of two, from n's bit length. */
static uint32_t reach_of(uint32_t n)
{
	unsigned bits = 0;
	while (bits < 32 && n >> bits)
		bits++;
	return 2u << ((bits + 1) / 2);
}

static uint64_t find(const struct pack *k, const unsigned char oid[20])
{
	const unsigned char *fan = k->idx.p + 8, *ids = fan + 256 * 4;
	uint32_t lo = oid[0] ? be32(fan + 4 * (oid[0] - 1)) : 0, hi = be32(fan + 4 * oid[0]), at;
	uint64_t key = be64(oid);
	int step;
	for (step = 0; step < FIND_INTERPOLATE && hi - lo > 16; step++) {
		uint64_t klo = be64(ids + (size_t)lo * 20), khi = be64(ids + (size_t)(hi - 1) * 20);
		uint32_t mid, w, far;
		int c;
		if (key < klo || key > khi || khi == klo)
			break;   /* outside the range (the binary search says so), or no spread to use */
		mid = lo + (uint32_t)((double)(key - klo) / (double)(khi - klo) * (double)(hi - 1 - lo));
		if (mid >= hi)
			mid = hi - 1;
		c = memcmp(ids + (size_t)mid * 20, oid, 20);
		if (!c) {
			at = mid;
			goto found;
		}
		w = reach_of(hi - lo);
		if (c < 0) {
			lo = mid + 1;
			far = hi - lo > w ? lo + w : hi - 1;
			if (far < hi && memcmp(ids + (size_t)far * 20, oid, 20) > 0)
				hi = far;
			else
				lo = far;   /* beyond the guess's reach: far itself may be the id */
		} else {
			hi = mid;
			far = hi - lo > w ? hi - w : lo;
			if (memcmp(ids + (size_t)far * 20, oid, 20) <= 0)
				lo = far;
			else
				hi = far;
		}
	}
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		int c = memcmp(ids + (size_t)mid * 20, oid, 20);
		if (!c) {
			at = mid;
			goto found;
		}
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
found:
	return offset_at(k, at);
}

/* The offset in the pack of the at-th object of the index (0 when the index is inconsistent). */
static uint64_t offset_at(const struct pack *k, uint32_t at)
{
	const unsigned char *ids = k->idx.p + 8 + 256 * 4;
	uint32_t off = be32(ids + (size_t)k->n * 24 + (size_t)at * 4);
	if (off & 0x80000000u) {
		/* an index into the table of 8-byte offsets after the 4-byte ones */
		size_t big = (size_t)k->n * 28 + (size_t)(off & 0x7fffffffu) * 8;
		const unsigned char *b = ids + big;
		if (8 + 256 * 4 + big + 8 + 40 > k->idx.len)
			return 0;
		return (uint64_t)be32(b) << 32 | be32(b + 4);
	}
	return off;
}

/* Where object off of k ends: the next offset in pack order (0 when off is not an object's). */
static uint64_t end_of(const struct pack *k, uint64_t off)
{
	size_t lo = 0, hi = k->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (k->ends[mid] <= off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo > 0 && k->ends[lo - 1] == off ? k->ends[lo] : 0;
}

int ct_pack_cursor_read_blob(ct_pack_cursor *c, const unsigned char oid[20], ct_buf *out)
{
	size_t i;
	for (i = 0; i < c->r->npacks; i++) {
		const struct pack *k = &c->r->packs[i];
		uint64_t off = find(k, oid), stop, size;
		const unsigned char *p, *end;
		size_t got = 0, start = out->len, rawlen;
		unsigned shift = 4;
		struct sha1_ctx sha;
		unsigned char sum[20];
		char hdr[32];
		int hl;
		if (off < 12 || (stop = end_of(k, off)) <= off || stop > k->len - 20 || stop - off > SIZE_MAX / 2)
			continue;
		rawlen = (size_t)(stop - off);
		if (rawlen > c->rawcap) {
			unsigned char *nr = realloc(c->raw, rawlen);
			if (!nr)
				return ct_error_set(CT_ENOMEM, "out of memory");
			c->raw = nr;
			c->rawcap = rawlen;
		}
		if (pread(k->fd, c->raw, rawlen, (off_t)off) != (ssize_t)rawlen)
			return CT_ENOTFOUND;
		p = c->raw;
		end = c->raw + rawlen;
		if (((*p >> 4) & 7) != 3)   /* not a whole blob: a delta, or another type */
			return CT_ENOTFOUND;
		size = *p & 15;
		while (*p & 0x80) {
			if (++p >= end || shift > 56)
				return CT_ENOTFOUND;
			size |= (uint64_t)(*p & 0x7f) << shift;
			shift += 7;
		}
		p++;
		if (size > SIZE_MAX / 2 || p >= end || ct_buf_grow(out, (size_t)size) < 0)
			return out->oom ? ct_error_set(CT_ENOMEM, "out of memory") : CT_ENOTFOUND;
		if (libdeflate_zlib_decompress(c->zd, p, (size_t)(end - p), out->ptr + out->len, (size_t)size, &got) !=
		    LIBDEFLATE_SUCCESS || got != size)
			return CT_ENOTFOUND;
		/* the blob's id: "blob <size>\0" and the bytes */
		hl = snprintf(hdr, sizeof(hdr), "blob %llu", (unsigned long long)size);
		sha1_init(&sha);
		sha1_update(&sha, (size_t)hl + 1, (const uint8_t *)hdr);
		sha1_update(&sha, (size_t)size, (const uint8_t *)out->ptr + start);
		sha1_digest(&sha, sizeof(sum), sum);
		if (memcmp(sum, oid, 20)) {
			out->ptr[start] = '\0';
			return CT_ENOTFOUND;
		}
		out->len += (size_t)size;
		out->ptr[out->len] = '\0';
		return 0;
	}
	return CT_ENOTFOUND;
}
