/* Growable byte string: see buf.h. */
#include "util/buf.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <fcntl.h>
#include <unistd.h>

char ct_buf__empty[1];

void ct_buf_init(ct_buf *b)
{
	b->ptr = ct_buf__empty;
	b->len = 0;
	b->cap = 0;
	b->oom = 0;
}

void ct_buf_release(ct_buf *b)
{
	if (b->cap)
		free(b->ptr);
	ct_buf_init(b);
}

char *ct_buf_detach(ct_buf *b)
{
	char *p;
	if (b->oom) {
		ct_buf_release(b);
		return NULL;
	}
	p = b->cap ? b->ptr : strdup("");
	ct_buf_init(b);
	return p;
}

/* A buffer of several MiB (a source text read whole, its cleaned copy) is written once into fresh
 * pages. Faulting them in 4 KiB at a time cost 60-400 ms per 9 MB on the virtual machine of
 * docs/extract-speed.md; in transparent huge pages (where the kernel offers them on request) 5-15
 * ms. An empty buffer that needs that much is allocated on a 2 MiB boundary, in whole 2 MiB
 * units, so that all of it can be huge pages (malloc's own mapping would leave up to 2 MiB at
 * either end in small pages); a buffer that grows keeps realloc, which moves it without copying,
 * with the advice for its aligned part. Only hints: any failure of madvise is ignored. */
#define HUGE_MIN ((size_t)4 << 20)
#define HUGE_PAGE ((size_t)2 << 20)

static void advise_huge(char *p, size_t cap)
{
#ifdef MADV_HUGEPAGE
	uintptr_t from = ((uintptr_t)p + 4095) & ~(uintptr_t)4095;
	uintptr_t to = ((uintptr_t)p + cap) & ~(uintptr_t)4095;
	if (cap >= HUGE_MIN && to > from)
		(void)madvise((void *)from, to - from, MADV_HUGEPAGE);
#else
	(void)p;
	(void)cap;
#endif
}

int ct_buf_grow(ct_buf *b, size_t extra)
{
	size_t want, cap;
	char *p;
	if (b->oom)
		return -1;
	if (extra > (size_t)-1 / 2 - b->len)
		goto fail;
	want = b->len + extra + 1;
	if (want <= b->cap)
		return 0;
	cap = b->cap ? b->cap : 64;
	while (cap < want)
		cap += cap / 2 + 16;
#ifdef MADV_HUGEPAGE
	if (b->len == 0 && cap >= HUGE_MIN && cap <= (size_t)-1 - HUGE_PAGE) {
		void *q = NULL;
		size_t whole = (cap + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
		if (posix_memalign(&q, HUGE_PAGE, whole) == 0) {
			if (b->cap)
				free(b->ptr);
			p = q;
			advise_huge(p, whole);   /* before the first byte is written: a page touched
						  * before the advice stays a small one */
			p[0] = '\0';
			b->ptr = p;
			b->cap = whole;
			return 0;
		}
	}
#endif
	p = b->cap ? realloc(b->ptr, cap) : malloc(cap);
	if (!p)
		goto fail;
	advise_huge(p, cap);
	if (!b->cap)
		p[0] = '\0';
	b->ptr = p;
	b->cap = cap;
	return 0;
fail:
	b->oom = 1;
	return -1;
}

void ct_buf_clear(ct_buf *b)
{
	ct_buf_truncate(b, 0);
}

void ct_buf_truncate(ct_buf *b, size_t len)
{
	if (len >= b->len)
		return;
	b->len = len;
	if (b->cap)
		b->ptr[len] = '\0';
}

int ct_buf_put(ct_buf *b, const void *data, size_t len)
{
	if (ct_buf_grow(b, len) < 0)
		return -1;
	if (len)
		memmove(b->ptr + b->len, data, len);
	b->len += len;
	b->ptr[b->len] = '\0';
	return 0;
}

int ct_buf_puts(ct_buf *b, const char *s)
{
	return ct_buf_put(b, s, strlen(s));
}

int ct_buf_putc(ct_buf *b, char c)
{
	return ct_buf_put(b, &c, 1);
}

int ct_buf_vprintf(ct_buf *b, const char *fmt, va_list ap)
{
	va_list cp;
	int n;
	if (b->oom)
		return -1;
	/* Formatted once into the room left when it fits (nearly always: a report's millions of small
	 * printfs), twice only when the buffer must grow first. */
	va_copy(cp, ap);
	if (b->cap > b->len) {
		size_t room = b->cap - b->len;
		n = vsnprintf(b->ptr + b->len, room, fmt, cp);
		va_end(cp);
		if (n >= 0 && (size_t)n < room) {
			b->len += (size_t)n;
			return 0;
		}
		b->ptr[b->len] = 0;   /* the cut text is not kept */
	} else {
		n = vsnprintf(NULL, 0, fmt, cp);
		va_end(cp);
	}
	if (n < 0 || ct_buf_grow(b, (size_t)n) < 0)
		return -1;
	vsnprintf(b->ptr + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
	return 0;
}

int ct_buf_printf(ct_buf *b, const char *fmt, ...)
{
	va_list ap;
	int r;
	va_start(ap, fmt);
	r = ct_buf_vprintf(b, fmt, ap);
	va_end(ap);
	return r;
}

int ct_buf_read_file(ct_buf *b, const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	ssize_t n;
	if (fd < 0)
		return -1;
	if (fstat(fd, &st) < 0)
		goto fail;
	if (S_ISDIR(st.st_mode)) {
		errno = EISDIR;
		goto fail;
	}
	if (S_ISREG(st.st_mode) && ct_buf_grow(b, (size_t)st.st_size) < 0) {
		errno = ENOMEM;
		goto fail;
	}
	for (;;) {
		if (ct_buf_grow(b, 65536) < 0) {
			errno = ENOMEM;
			goto fail;
		}
		n = read(fd, b->ptr + b->len, b->cap - b->len - 1);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			goto fail;
		}
		if (n == 0)
			break;
		b->len += (size_t)n;
		b->ptr[b->len] = '\0';
	}
	close(fd);
	return 0;
fail: {
		int e = errno;
		close(fd);
		errno = e;
		return -1;
	}
}
