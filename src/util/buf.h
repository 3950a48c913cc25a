/* ct_buf: the one growable byte string used everywhere.
 * Never NULL after ct_buf_init; an allocation failure is sticky (ct_buf_oom) so a run of appends needs one check. */
#ifndef CT_UTIL_BUF_H
#define CT_UTIL_BUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct ct_buf {
	char *ptr;   /* always NUL-terminated */
	size_t len;
	size_t cap;  /* 0 while ptr points at the shared empty string */
	int oom;     /* set once an allocation failed; later appends are no-ops */
} ct_buf;

#define CT_BUF_INIT { ct_buf__empty, 0, 0, 0 }
extern char ct_buf__empty[];

void ct_buf_init(ct_buf *b);
/* Frees the memory and re-initialises the buffer. */
void ct_buf_release(ct_buf *b);
/* Returns the heap string (caller frees) and re-initialises the buffer; NULL after an allocation failure. */
char *ct_buf_detach(ct_buf *b);
/* Makes room for extra more bytes; returns 0 or -1 (and sets oom). */
int ct_buf_grow(ct_buf *b, size_t extra);
void ct_buf_clear(ct_buf *b);
void ct_buf_truncate(ct_buf *b, size_t len);
int ct_buf_put(ct_buf *b, const void *data, size_t len);
int ct_buf_puts(ct_buf *b, const char *s);
int ct_buf_putc(ct_buf *b, char c);
int ct_buf_printf(ct_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int ct_buf_vprintf(ct_buf *b, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
/* Returns -1 when an allocation has failed since init. */
static inline int ct_buf_oom(const ct_buf *b) { return b->oom ? -1 : 0; }

/* Reads a whole file into b (appending). Returns 0, or -1 with errno set. */
int ct_buf_read_file(ct_buf *b, const char *path);

#endif
