/* Unit tests for src/desk/ewah: bitmaps written and read back (sparse, dense, word edges, empty),
 * runs of ones as git may write them, and malformed input (truncated, bits past the limit). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "desk/ewah.h"
#include "util/buf.h"

static void roundtrip(const uint32_t *bits, size_t n, uint32_t limit)
{
	ct_buf b = CT_BUF_INIT;
	uint32_t *got = NULL;
	size_t ngot = 0, used = 0;
	ct_ewah_write(&b, bits, n);
	assert_int_equal(ct_buf_oom(&b), 0);
	assert_int_equal(ct_ewah_read(&got, &ngot, &used, (const unsigned char *)b.ptr, b.len, limit), 0);
	assert_int_equal(used, b.len);
	assert_int_equal(ngot, n);
	if (n)
		assert_memory_equal(got, bits, n * sizeof(*bits));
	free(got);
	ct_buf_release(&b);
}

static void test_roundtrips(void **state)
{
	static const uint32_t edges[] = { 0, 63, 64, 127, 128, 1000, 4095, 4096, 100000 };
	uint32_t *many = malloc(5000 * sizeof(*many));
	uint32_t x = 12345, v = 0;
	size_t i;
	(void)state;
	roundtrip(NULL, 0, 10);
	roundtrip(edges, 1, 1);
	roundtrip(edges, sizeof(edges) / sizeof(*edges), 100001);
	for (i = 0; i < 5000; i++) {   /* every bit of the first 1000, then random gaps */
		x = x * 1103515245u + 12345u;
		v += i < 1000 ? (i ? 1 : 0) : 1 + (x >> 16) % 700;
		many[i] = v;
	}
	roundtrip(many, 5000, v + 1);
	free(many);
}

static void put64(unsigned char *p, uint64_t v)
{
	int i;
	for (i = 0; i < 8; i++)
		p[i] = (unsigned char)(v >> (56 - 8 * i));
}

static void test_run_of_ones(void **state)
{
	/* bit size 200, 2 words: a run of two all-ones words with one literal word after it */
	unsigned char buf[4 + 4 + 16 + 4];
	uint32_t *got = NULL;
	size_t n = 0, used = 0, i;
	(void)state;
	memset(buf, 0, sizeof(buf));
	buf[3] = 200;
	buf[7] = 2;
	put64(buf + 8, 1 | (2u << 1) | ((uint64_t)1 << 33));
	put64(buf + 16, 0x5);
	assert_int_equal(ct_ewah_read(&got, &n, &used, buf, sizeof(buf), 200), 0);
	assert_int_equal(used, sizeof(buf));
	assert_int_equal(n, 130);
	for (i = 0; i < 128; i++)
		assert_int_equal(got[i], i);
	assert_int_equal(got[128], 128);
	assert_int_equal(got[129], 130);
	free(got);
	/* the same past a limit of 100 entries: refused */
	assert_int_equal(ct_ewah_read(&got, &n, &used, buf, sizeof(buf), 100), -1);
	assert_null(got);
}

static void test_malformed(void **state)
{
	static const uint32_t bits[] = { 3, 70, 900 };
	ct_buf b = CT_BUF_INIT;
	uint32_t *got = NULL;
	size_t n = 0, used = 0, k;
	(void)state;
	ct_ewah_write(&b, bits, 3);
	for (k = 0; k < b.len; k++)   /* every truncation */
		assert_int_equal(ct_ewah_read(&got, &n, &used, (const unsigned char *)b.ptr, k, 1000), -1);
	assert_int_equal(ct_ewah_read(&got, &n, &used, (const unsigned char *)b.ptr, b.len, 900), -1);
	/* a word count larger than the data */
	((unsigned char *)b.ptr)[4] = 0x7f;
	assert_int_equal(ct_ewah_read(&got, &n, &used, (const unsigned char *)b.ptr, b.len, 1000), -1);
	assert_null(got);
	ct_buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_roundtrips),
		cmocka_unit_test(test_run_of_ones),
		cmocka_unit_test(test_malformed),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
