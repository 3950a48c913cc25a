/* EWAH bitmaps in git's serialization: 32-bit bit count, 32-bit word count, the 64-bit words
 * (big-endian), 32-bit position of the last run-length word. A run-length word holds the run's
 * bit (bit 0), the run's length in words (bits 1-32) and how many literal words follow (33-63). */
#include "desk/ewah.h"

#include <stdlib.h>

static uint32_t get32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static uint64_t get64(const unsigned char *p)
{
	return (uint64_t)get32(p) << 32 | get32(p + 4);
}

static int push(uint32_t **v, size_t *n, size_t *cap, uint64_t bit, uint32_t limit)
{
	if (bit >= limit)
		return -1;
	if (*n == *cap) {
		size_t c = *cap ? *cap * 2 : 16;
		uint32_t *nv = realloc(*v, c * sizeof(*nv));
		if (!nv)
			return -1;
		*v = nv;
		*cap = c;
	}
	(*v)[(*n)++] = (uint32_t)bit;
	return 0;
}

int ct_ewah_read(uint32_t **out, size_t *n, size_t *used, const unsigned char *p, size_t len, uint32_t limit)
{
	uint32_t words, i = 0;
	uint64_t pos = 0;
	uint32_t *v = NULL;
	size_t nv = 0, cap = 0;
	*out = NULL;
	*n = 0;
	if (len < 12)
		return -1;
	words = get32(p + 4);
	if ((len - 12) / 8 < words)
		return -1;
	p += 8;
	while (i < words) {
		uint64_t rlw = get64(p + 8 * (size_t)i++), run = (rlw >> 1) & 0xffffffffu, lit = rlw >> 33, k;
		if (rlw & 1) {
			if (run * 64 > limit)   /* a run of set bits past the end */
				goto bad;
			for (k = 0; k < run * 64; k++)
				if (push(&v, &nv, &cap, pos + k, limit) < 0)
					goto bad;
		}
		pos += run * 64;
		if (lit > words - i)
			goto bad;
		for (k = 0; k < lit; k++, pos += 64) {
			uint64_t w = get64(p + 8 * (size_t)i++);
			while (w) {
				int b = __builtin_ctzll(w);
				if (push(&v, &nv, &cap, pos + (uint64_t)b, limit) < 0)
					goto bad;
				w &= w - 1;
			}
		}
		if (pos > ((uint64_t)1 << 40))   /* only zero runs can get here: far past any index */
			goto bad;
	}
	*out = v;
	*n = nv;
	*used = 12 + 8 * (size_t)words;
	return 0;
bad:
	free(v);
	return -1;
}

static void put32(ct_buf *b, uint32_t v)
{
	unsigned char q[4] = { (unsigned char)(v >> 24), (unsigned char)(v >> 16), (unsigned char)(v >> 8), (unsigned char)v };
	ct_buf_put(b, q, 4);
}

static void put64(ct_buf *b, uint64_t v)
{
	put32(b, (uint32_t)(v >> 32));
	put32(b, (uint32_t)v);
}

/* Each group of consecutive non-zero words gets one run-length word: the zero words before it
 * as a run of 0s, the group as literals. */
void ct_ewah_write(ct_buf *b, const uint32_t *bits, size_t n)
{
	size_t start = b->len, i = 0, words = 0, last_rlw = 0;
	uint64_t next_word = 0;   /* the first word not yet covered */
	put32(b, n ? bits[n - 1] + 1 : 0);
	put32(b, 0);   /* the word count, filled in below */
	if (!n) {
		put64(b, 0);
		words = 1;
	}
	while (i < n) {
		uint64_t first = bits[i] / 64, w = first;
		size_t j = i;
		/* the group: words first, first+1, ... each holding at least one bit */
		while (j < n && bits[j] / 64 == w) {
			while (j < n && bits[j] / 64 == w)
				j++;
			w++;
		}
		last_rlw = words;
		put64(b, ((first - next_word) << 1) | ((w - first) << 33));
		words++;
		for (; first < w; first++) {
			uint64_t lit = 0;
			while (i < j && bits[i] / 64 == first)
				lit |= (uint64_t)1 << (bits[i++] % 64);
			put64(b, lit);
			words++;
		}
		next_word = w;
	}
	put32(b, (uint32_t)last_rlw);
	if (!ct_buf_oom(b)) {
		unsigned char *q = (unsigned char *)b->ptr + start + 4;
		q[0] = (unsigned char)(words >> 24);
		q[1] = (unsigned char)(words >> 16);
		q[2] = (unsigned char)(words >> 8);
		q[3] = (unsigned char)words;
	}
}
