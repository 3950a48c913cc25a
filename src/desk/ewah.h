/* git's EWAH bitmaps as the split index's "link" extension stores them (Documentation/technical/
 * bitmap-format.txt): read into a sorted list of set bits, and written from one. Internal. */
#ifndef CT_DESK_EWAH_H
#define CT_DESK_EWAH_H

#include <stddef.h>
#include <stdint.h>

#include "util/buf.h"

/* Reads one serialized bitmap at p (len bytes available): *out gets its set bits in increasing
 * order (the caller frees it), *n their number, *used the bytes the bitmap took. A bit at or
 * above limit, or a truncated or oversized bitmap, is an error (-1, nothing allocated). */
int ct_ewah_read(uint32_t **out, size_t *n, size_t *used, const unsigned char *p, size_t len, uint32_t limit);

/* Appends the serialized bitmap whose set bits are bits[0..n) (increasing, no repeats) to b. */
void ct_ewah_write(ct_buf *b, const uint32_t *bits, size_t n);

#endif
