/* Unit tests for src/report/model: claimReviewed (verdict words dropped, under 75 characters, cut
 * on a word boundary with an ellipsis, UTF-8 counted as characters) and the rating scale. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "report/model.h"

static size_t utf8_chars(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

static void check_reviewed(const char *text, const char *want)
{
	ct_buf b = CT_BUF_INIT;
	rp_claim_reviewed(&b, text);
	assert_string_equal(b.ptr, want);
	assert_true(utf8_chars(b.ptr) < 75);
	ct_buf_release(&b);
}

static void test_short_claim_kept(void **state)
{
	(void)state;
	check_reviewed("The bridge will cost 40 million crowns.", "The bridge will cost 40 million crowns.");
	check_reviewed("  two\tspaces\n here ", "two spaces here");
}

static void test_verdict_words_dropped(void **state)
{
	(void)state;
	check_reviewed("FALSE: the mayor said 41 homes were lost", ": the mayor said 41 homes were lost");
	check_reviewed("It is true that the gate, misleading reports say, failed",
		       "It is that the gate, reports say, failed");
	check_reviewed("Truest words, falsehood and untrue claims", "Truest words, falsehood and claims");
}

static void test_long_claim_cut_on_word(void **state)
{
	const char *t = "One of the 12 steel gates of the Saltmere Barrier failed to close early on Tuesday as a "
			"storm surge pushed up the Alder estuary.";
	(void)state;
	check_reviewed(t, "One of the 12 steel gates of the Saltmere Barrier failed to close early\xe2\x80\xa6");
}

static void test_utf8_counted_as_characters(void **state)
{
	ct_buf b = CT_BUF_INIT;
	size_t i;
	(void)state;
	/* 40 two-byte words ("éé "): 120 bytes but 120 characters too; a cut must not split one. */
	for (i = 0; i < 40; i++)
		ct_buf_puts(&b, "\xc3\xa9\xc3\xa9 ");
	{
		ct_buf out = CT_BUF_INIT;
		rp_claim_reviewed(&out, b.ptr);
		assert_true(utf8_chars(out.ptr) <= 74);
		assert_true(utf8_chars(out.ptr) >= 70);
		assert_int_equal(strcmp(out.ptr + out.len - 3, "\xe2\x80\xa6"), 0);
		assert_int_equal((unsigned char)out.ptr[out.len - 4], 0xa9);   /* ends on a whole word */
		ct_buf_release(&out);
	}
	ct_buf_release(&b);
}

static void test_one_long_word(void **state)
{
	char word[200];
	ct_buf out = CT_BUF_INIT;
	(void)state;
	memset(word, 'a', sizeof(word) - 1);
	word[sizeof(word) - 1] = 0;
	rp_claim_reviewed(&out, word);
	assert_int_equal(utf8_chars(out.ptr), 74);
	ct_buf_release(&out);
	rp_claim_reviewed(&out, "false true");
	assert_string_equal(out.ptr, "(claim)");
	ct_buf_release(&out);
}

static void test_rating_scale(void **state)
{
	(void)state;
	assert_int_equal(rp_rating(CT_S_CONTRADICTED), 1);
	assert_int_equal(rp_rating(CT_S_UNVERIFIABLE), 3);
	assert_int_equal(rp_rating(CT_S_CORROBORATED), 5);
	assert_int_equal(rp_rating(CT_S_DISPUTED), 0);
	assert_int_equal(rp_rating(CT_S_PENDING), 0);
	assert_int_equal(rp_rating(CT_S_UNREVIEWED), 0);
	assert_string_equal(rp_rating_name(CT_S_CONTRADICTED), "Contradicted");
	assert_null(rp_rating_name(CT_S_DISPUTED));
	assert_true(rp_round3(-0.0001) == 0.0);
	assert_true(rp_round3(0.66666) == 0.667);
	assert_true(rp_url_linkable("HTTPS://x.example/"));
	assert_false(rp_url_linkable("javascript:alert(1)"));
	assert_false(rp_url_linkable(NULL));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_short_claim_kept),
		cmocka_unit_test(test_verdict_words_dropped),
		cmocka_unit_test(test_long_claim_cut_on_word),
		cmocka_unit_test(test_utf8_counted_as_characters),
		cmocka_unit_test(test_one_long_word),
		cmocka_unit_test(test_rating_scale),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
