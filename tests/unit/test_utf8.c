/* Unit tests for src/text/utf8.c: cleaning raw bytes (BOM, line ends, invalid UTF-8, NFC),
 * folding for matching, validity checks and the decoder. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "text/utf8.h"
#include "util/err.h"

#define FFFD "\xEF\xBF\xBD"

/* Cleans in (len bytes) and checks the output and the bad-sequence report. */
static void check_clean(const char *in, size_t len, const char *want, size_t want_bad,
			size_t want_first)
{
	ct_buf out = CT_BUF_INIT;
	size_t n_bad = 12345, first = 12345;
	assert_int_equal(ct_text_clean(&out, in, len, &n_bad, &first), 0);
	assert_string_equal(out.ptr, want);
	assert_int_equal(out.len, strlen(want));
	assert_int_equal(n_bad, want_bad);
	assert_int_equal(first, want_first);
	/* ct_text_is_clean says yes exactly when the cleaned text is the input itself */
	assert_int_equal(ct_text_is_clean(in, len), out.len == len && !memcmp(out.ptr, in, len));
	ct_buf_release(&out);
}

/* ct_text_is_clean(in) against ct_text_clean: 1 when nothing would change. */
static int clean_unchanged(const char *in, size_t len)
{
	ct_buf out = CT_BUF_INIT;
	int same;
	assert_int_equal(ct_text_clean(&out, in, len, NULL, NULL), 0);
	same = out.len == len && !memcmp(out.ptr, in, len);
	ct_buf_release(&out);
	return same;
}

#define IS_CLEAN(lit, want) do { \
		assert_int_equal(ct_text_is_clean(lit, sizeof(lit) - 1), want); \
		assert_int_equal(clean_unchanged(lit, sizeof(lit) - 1), want); \
	} while (0)

static void check_fold(const char *in, const char *want)
{
	ct_buf out = CT_BUF_INIT;
	assert_int_equal(ct_text_fold(&out, in, strlen(in)), 0);
	assert_string_equal(out.ptr, want);
	ct_buf_release(&out);
}

#define CLEAN(lit, want, bad, first) check_clean(lit, sizeof(lit) - 1, want, bad, first)

static void test_clean_ascii_unchanged(void **state)
{
	(void)state;
	CLEAN("The bridge closes on Jan. 6.\nIt reopens in May.\n",
	      "The bridge closes on Jan. 6.\nIt reopens in May.\n", 0, SIZE_MAX);
	CLEAN("", "", 0, SIZE_MAX);
}

static void test_clean_bom(void **state)
{
	(void)state;
	CLEAN("\xEF\xBB\xBFHello", "Hello", 0, SIZE_MAX);
	/* Only a leading BOM is removed; one inside the text is a (valid) ZWNBSP. */
	CLEAN("a\xEF\xBB\xBF" "b", "a\xEF\xBB\xBF" "b", 0, SIZE_MAX);
	/* Offsets stay those of the input, BOM included. */
	CLEAN("\xEF\xBB\xBF" "ab\xFF", "ab" FFFD, 1, 5);
	/* A truncated BOM is not a BOM. */
	CLEAN("\xEF\xBB", FFFD, 1, 0);
}

static void test_clean_line_ends(void **state)
{
	(void)state;
	CLEAN("a\r\nb\rc\r", "a\nb\nc\n", 0, SIZE_MAX);
	CLEAN("\r\r\n\n", "\n\n\n", 0, SIZE_MAX);
	CLEAN("caf\xC3\xA9\r\nok", "caf\xC3\xA9\nok", 0, SIZE_MAX);
}

static void test_clean_nul(void **state)
{
	(void)state;
	CLEAN("ab\0cd\0", "ab" FFFD "cd" FFFD, 2, 2);
}

static void test_clean_overlong(void **state)
{
	(void)state;
	/* C0 and C1 can never start a sequence: each byte is replaced on its own. */
	CLEAN("x\xC0\xAFy", "x" FFFD FFFD "y", 2, 1);
	/* E0 80 is overlong: E0 alone is the maximal subpart, then two lone continuation bytes. */
	CLEAN("\xE0\x80\xAF", FFFD FFFD FFFD, 3, 0);
	CLEAN("ab\xF0\x80\x80\x80", "ab" FFFD FFFD FFFD FFFD, 4, 2);
}

static void test_clean_surrogates(void **state)
{
	(void)state;
	CLEAN("s\xED\xA0\x80t", "s" FFFD FFFD FFFD "t", 3, 1);
	/* Above U+10FFFF */
	CLEAN("\xF4\x90\x80\x80", FFFD FFFD FFFD FFFD, 4, 0);
	CLEAN("\xF5\x80", FFFD FFFD, 2, 0);
}

static void test_clean_truncated(void **state)
{
	(void)state;
	/* A truncated sequence is one maximal subpart: one replacement. */
	CLEAN("abc\xE2\x82", "abc" FFFD, 1, 3);
	CLEAN("abc\xF0\x9F\x98", "abc" FFFD, 1, 3);
	/* Truncated in the middle, followed by ASCII. */
	CLEAN("\xE2\x82x", FFFD "x", 1, 0);
	CLEAN("\xC3", FFFD, 1, 0);
}

static void test_clean_lone_continuation(void **state)
{
	(void)state;
	CLEAN("a\x80" "b\xBF\xBF", "a" FFFD "b" FFFD FFFD, 3, 1);
}

static void test_clean_valid_multibyte_kept(void **state)
{
	(void)state;
	/* Curly quotes, dashes, euro, emoji and U+10FFFF pass through untouched. */
	CLEAN("\xE2\x80\x9CYes\xE2\x80\x9D \xE2\x80\x94 \xE2\x82\xAC" "5 \xF0\x9F\x98\x80 \xF4\x8F\xBF\xBF",
	      "\xE2\x80\x9CYes\xE2\x80\x9D \xE2\x80\x94 \xE2\x82\xAC" "5 \xF0\x9F\x98\x80 \xF4\x8F\xBF\xBF",
	      0, SIZE_MAX);
	/* A replacement character already in the input is valid and not counted. */
	CLEAN(FFFD, FFFD, 0, SIZE_MAX);
}

static void test_clean_nfc(void **state)
{
	(void)state;
	CLEAN("e\xCC\x81", "\xC3\xA9", 0, SIZE_MAX);
	/* The ASCII base before a combining mark is part of the normalised stretch. */
	CLEAN("cafe\xCC\x81 ok", "caf\xC3\xA9 ok", 0, SIZE_MAX);
	CLEAN("A\xCC\x8A" "B", "\xC3\x85" "B", 0, SIZE_MAX);
	/* Combining marks are reordered: a + acute + dot below gives U+1EA1 + acute. */
	CLEAN("a\xCC\x81\xCC\xA3", "\xE1\xBA\xA1\xCC\x81", 0, SIZE_MAX);
	/* Hangul jamo compose: U+1100 U+1161 is U+AC00. */
	CLEAN("\xE1\x84\x80\xE1\x85\xA1", "\xEA\xB0\x80", 0, SIZE_MAX);
	/* Canonical singletons: U+212B ANGSTROM SIGN becomes U+00C5. */
	CLEAN("\xE2\x84\xAB", "\xC3\x85", 0, SIZE_MAX);
	/* Compatibility characters are left alone (NFC, not NFKC): the ligature fi. */
	CLEAN("\xEF\xAC\x81", "\xEF\xAC\x81", 0, SIZE_MAX);
	/* Several stretches in one buffer, and an invalid byte next to a combining sequence. */
	CLEAN("e\xCC\x81 and o\xCC\x88 \xFF" "u\xCC\x88", "\xC3\xA9 and \xC3\xB6 " FFFD "\xC3\xBC", 1, 12);
}

static void test_clean_appends(void **state)
{
	ct_buf out = CT_BUF_INIT;
	size_t n_bad, first;
	(void)state;
	ct_buf_puts(&out, "X:");
	assert_int_equal(ct_text_clean(&out, "e\xCC\x81\r\n", 5, &n_bad, &first), 0);
	/* The existing 'X:' is not taken into the stretch (':' is ASCII anyway) and is kept. */
	assert_string_equal(out.ptr, "X:\xC3\xA9\n");
	assert_int_equal(n_bad, 0);
	/* NULL report pointers are allowed. */
	assert_int_equal(ct_text_clean(&out, "\xFF", 1, NULL, NULL), 0);
	assert_string_equal(out.ptr, "X:\xC3\xA9\n" FFFD);
	ct_buf_release(&out);
}

static void test_clean_large_ascii(void **state)
{
	ct_buf in = CT_BUF_INIT, out = CT_BUF_INIT;
	size_t i, n_bad, first;
	(void)state;
	for (i = 0; i < 20000; i++)
		ct_buf_puts(&in, (i % 7) ? "word " : "end.\n");
	ct_buf_puts(&in, "na\xC3\xAFve");
	assert_int_equal(ct_text_clean(&out, in.ptr, in.len, &n_bad, &first), 0);
	assert_int_equal(out.len, in.len);
	assert_memory_equal(out.ptr, in.ptr, in.len);
	assert_int_equal(first, SIZE_MAX);
	ct_buf_release(&in);
	ct_buf_release(&out);
}

static void test_is_valid(void **state)
{
	(void)state;
	assert_int_equal(ct_text_is_valid("plain", 5), 1);
	assert_int_equal(ct_text_is_valid("", 0), 1);
	assert_int_equal(ct_text_is_valid("caf\xC3\xA9 \xE2\x80\x94 \xF0\x9F\x98\x80", 14), 1);
	assert_int_equal(ct_text_is_valid("\xF4\x8F\xBF\xBF", 4), 1);
	assert_int_equal(ct_text_is_valid("a\0b", 3), 0);
	assert_int_equal(ct_text_is_valid("\xC0\xAF", 2), 0);
	assert_int_equal(ct_text_is_valid("\xE0\x80\xAF", 3), 0);
	assert_int_equal(ct_text_is_valid("\xED\xA0\x80", 3), 0);
	assert_int_equal(ct_text_is_valid("\xF4\x90\x80\x80", 4), 0);
	assert_int_equal(ct_text_is_valid("ab\xE2\x82", 4), 0);
	assert_int_equal(ct_text_is_valid("\x80", 1), 0);
	assert_int_equal(ct_text_is_valid("\xFE", 1), 0);
	/* The length bounds the check: the truncated tail is outside it. */
	assert_int_equal(ct_text_is_valid("ab\xE2\x82", 2), 1);
}

static void test_decode(void **state)
{
	int32_t cp = 0;
	size_t bad = 0;
	(void)state;
	assert_int_equal(ct_utf8_decode((const unsigned char *)"A", 1, &cp, &bad), 1);
	assert_int_equal(cp, 'A');
	assert_int_equal(ct_utf8_decode((const unsigned char *)"\xE2\x80\x94", 3, &cp, &bad), 3);
	assert_int_equal(cp, 0x2014);
	assert_int_equal(ct_utf8_decode((const unsigned char *)"\xF0\x9F\x98\x80", 4, &cp, &bad), 4);
	assert_int_equal(cp, 0x1F600);
	assert_int_equal(ct_utf8_decode((const unsigned char *)"\xF0\x9F\x98", 3, &cp, &bad), 0);
	assert_int_equal(cp, 0xFFFD);
	assert_int_equal(bad, 3);
	assert_int_equal(ct_utf8_decode((const unsigned char *)"\xE2\x28\xA1", 3, &cp, &bad), 0);
	assert_int_equal(bad, 1);
	/* n limits the read even when more bytes would follow. */
	assert_int_equal(ct_utf8_decode((const unsigned char *)"\xC3\xA9", 1, &cp, &bad), 0);
	assert_int_equal(bad, 1);
}

static void test_is_clean(void **state)
{
	char big[300];
	size_t k;
	(void)state;
	IS_CLEAN("", 1);
	IS_CLEAN("Plain ASCII, one line.\nAnd another.", 1);
	IS_CLEAN("\xE2\x80\x9CIt\xE2\x80\x99s over\xE2\x80\x9D \xE2\x80\x94 she said\xE2\x80\xA6", 1);
	IS_CLEAN("Caf\xC3\xA9 in Z\xC3\xBC" "rich, \xC5\x81\xC3\xB3" "d\xC5\xBA", 1);   /* NFC already */
	IS_CLEAN("Cafe\xCC\x81", 0);           /* e + combining acute: NFC composes it */
	IS_CLEAN("\xCC\x81" "abc", 1);         /* a mark with no base stays as it is */
	IS_CLEAN("\xEF\xBB\xBFText", 0);      /* a BOM is dropped */
	IS_CLEAN("one\r\ntwo", 0);
	IS_CLEAN("one\rtwo", 0);
	IS_CLEAN("nul\0byte", 0);
	IS_CLEAN("bad \xFF byte", 0);
	IS_CLEAN("cut \xE2\x80", 0);
	IS_CLEAN("\xE2\x80\x9D", 1);
	IS_CLEAN("\xEF\xBF\xBD", 1);          /* U+FFFD written by an earlier cleaning */
	IS_CLEAN("\xE2\x84\xAB", 0);          /* ANGSTROM SIGN: NFC gives U+00C5 */
	/* a byte to change at every offset of a long ASCII text (the eight-byte steps) */
	for (k = 0; k < 40; k++) {
		memset(big, 'a', sizeof(big));
		big[sizeof(big) - 1] = '\0';
		assert_int_equal(ct_text_is_clean(big, sizeof(big) - 1), 1);
		big[100 + k] = k % 3 == 0 ? '\r' : k % 3 == 1 ? '\0' : (char)0xC3;
		assert_int_equal(ct_text_is_clean(big, sizeof(big) - 1), 0);
		assert_int_equal(clean_unchanged(big, sizeof(big) - 1), 0);
	}
}

static void test_fold_case(void **state)
{
	(void)state;
	check_fold("Hello WORLD 42", "hello world 42");
	check_fold("\xC3\x89" "COLE", "\xC3\xA9" "cole");             /* ÉCOLE */
	check_fold("E\xCC\x81t\xC3\xA9", "\xC3\xA9t\xC3\xA9");          /* decomposed É */
	check_fold("Stra\xC3\x9F" "e", "strasse");                    /* ß folds to ss */
	check_fold("\xCE\xA3\xCE\x99\xCE\xA3", "\xCF\x83\xCE\xB9\xCF\x83"); /* ΣΙΣ */
	check_fold("", "");
}

static void test_fold_punctuation(void **state)
{
	(void)state;
	check_fold("\xE2\x80\x9CIt\xE2\x80\x99s over,\xE2\x80\x9D she said",
		   "\"it's over,\" she said");
	check_fold("\xE2\x80\x98Yes\xE2\x80\x99", "'yes'");
	check_fold("2019\xE2\x80\x93" "2020 \xE2\x80\x94 now \xE2\x88\x92" "5", "2019-2020 - now -5");
	check_fold("non\xE2\x80\x91" "stop", "non-stop");
	check_fold("10\xC2\xA0km and\xE2\x80\x89" "more", "10 km and more");
	/* Invalid bytes still give valid output; line ends are not touched. */
	check_fold("A\xFF" "B\r\n", "a" FFFD "b\r\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_clean_ascii_unchanged),
		cmocka_unit_test(test_clean_bom),
		cmocka_unit_test(test_clean_line_ends),
		cmocka_unit_test(test_clean_nul),
		cmocka_unit_test(test_clean_overlong),
		cmocka_unit_test(test_clean_surrogates),
		cmocka_unit_test(test_clean_truncated),
		cmocka_unit_test(test_clean_lone_continuation),
		cmocka_unit_test(test_clean_valid_multibyte_kept),
		cmocka_unit_test(test_clean_nfc),
		cmocka_unit_test(test_clean_appends),
		cmocka_unit_test(test_clean_large_ascii),
		cmocka_unit_test(test_is_valid),
		cmocka_unit_test(test_is_clean),
		cmocka_unit_test(test_decode),
		cmocka_unit_test(test_fold_case),
		cmocka_unit_test(test_fold_punctuation),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
