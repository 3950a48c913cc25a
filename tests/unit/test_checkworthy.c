/* Tests of the check-worthiness scorer: bounds, determinism, clear cases on either side of the
 * threshold, and the shared feature function (apostrophes, quotes, cues, limits). No data read. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "extract/checkworthy.h"

#define NF 256

static double cw(const char *s)
{
	return ct_checkworthy(s, strlen(s));
}

static int feats(const char *s, struct ct_cw_feature *f)
{
	return ct_cw_features(s, strlen(s), f, NF);
}

static int has_feature(const struct ct_cw_feature *f, int n, unsigned index)
{
	int i;
	for (i = 0; i < n; i++)
		if (f[i].index == index)
			return 1;
	return 0;
}

/* Same set of feature indexes, each once. */
static void assert_same_features(const char *a, const char *b)
{
	struct ct_cw_feature fa[NF], fb[NF];
	int na = feats(a, fa), nb = feats(b, fb), i;
	assert_int_equal(na, nb);
	for (i = 0; i < na; i++)
		assert_true(has_feature(fb, nb, fa[i].index));
}

static void test_bounds_and_determinism(void **state)
{
	const char *s = "Unemployment fell to 3.5 percent in October, the lowest rate since 1969.";
	const char *odd[] = { "", "?", "\xff\xfe\x80 broken \xe2\x80", "\"\"\"", "1,2,3.4.5,,..",
		"\xe2\x80\x99\xe2\x80\x99 \xe2\x80\x9c\xe2\x80\x9d", NULL };
	double a = cw(s), b = cw(s);
	int i;
	(void)state;
	assert_true(a >= 0.0 && a <= 1.0);
	assert_true(a == b);
	for (i = 0; odd[i]; i++) {
		double v = cw(odd[i]);
		assert_true(v >= 0.0 && v <= 1.0);
	}
	assert_true(ct_checkworthy(NULL, 0) == cw(""));
	assert_true(ct_checkworthy_threshold() > 0.0 && ct_checkworthy_threshold() < 1.0);
}

static void test_clear_cases(void **state)
{
	double thr = ct_checkworthy_threshold();
	(void)state;
	assert_true(cw("Unemployment fell to 3.5 percent in October, the lowest rate since 1969.") > thr);
	assert_true(cw("The state spent $4.2 billion on highways last year, twice as much as in 2010.") > thr);
	assert_true(cw("Thank you very much.") < thr);
	assert_true(cw("I think we should all be proud.") < thr);
	assert_true(cw("What do you mean?") < thr);
	assert_true(cw("Good evening and welcome.") < thr);
	/* A figure and a comparison score above an opinion on the same subject. */
	assert_true(cw("Crime rose by 12 percent in 2019.") > cw("I feel that crime is a problem."));
}

static void test_apostrophes_and_quotes(void **state)
{
	(void)state;
	assert_same_features("We don't know, he said.", "We don\xe2\x80\x99t know, he said.");
	assert_same_features("It's the 1990's.", "It\xe2\x80\x99s the 1990\xe2\x80\x99s.");
	assert_same_features("\"Jobs are up,\" she said.",
			     "\xe2\x80\x9cJobs are up,\xe2\x80\x9d she said.");
	/* Dashes and curly quotes separate words; they are not words of their own. */
	assert_same_features("Jobs are up - and wages too.", "Jobs are up \xe2\x80\x94 and wages too.");
	assert_same_features("Is it true?\"", "Is it true?\xe2\x80\x9d");
	/* A hyphen and an abbreviation's periods separate words, as before the features read the
	 * tokeniser's words (which keep "twenty-five" and "U.S." whole). */
	assert_same_features("Jobs rose by twenty-five in the U.S. last year.",
			     "Jobs rose by twenty five in the U. S last year.");
	assert_same_features("It cost 1990's prices.", "It cost 1990s prices.");
	/* A figure after a currency sign keeps its separators, as any figure does: one number. */
	assert_same_features("It cost \xc2\xa3" "4.80 today.", "It cost \xc2\xa3" "4 today.");
	/* Case does not matter but the sentence start does not make a name. */
	assert_same_features("Taxes rose.", "taxes rose.");
}

static void test_cues(void **state)
{
	struct ct_cw_feature f[NF];
	int n;
	(void)state;
	n = feats("We don\xe2\x80\x99t know, he said.", f);
	assert_true(has_feature(f, n, CT_CW_F_FIRST_PERSON));
	assert_true(has_feature(f, n, CT_CW_F_SAID));
	assert_false(has_feature(f, n, CT_CW_F_NUMBER));
	n = feats("In 2019, 40% of voters paid \xe2\x82\xac" "30 more than in the 1990s.", f);
	assert_true(has_feature(f, n, CT_CW_F_YEAR));
	assert_true(has_feature(f, n, CT_CW_F_PERCENT));
	assert_true(has_feature(f, n, CT_CW_F_CURRENCY));
	assert_true(has_feature(f, n, CT_CW_F_NUMBER));
	assert_true(has_feature(f, n, CT_CW_F_COMPARATIVE));
	n = feats("It cost 2900 dollars, five per cent of it.", f);
	assert_false(has_feature(f, n, CT_CW_F_YEAR));
	assert_true(has_feature(f, n, CT_CW_F_CURRENCY));
	assert_true(has_feature(f, n, CT_CW_F_PERCENT));
	n = feats("Is it true, as Senator Smith says?", f);
	assert_true(has_feature(f, n, CT_CW_F_QUESTION));
	assert_true(has_feature(f, n, CT_CW_F_NAME));
	assert_true(has_feature(f, n, CT_CW_F_MEDIUM));
	n = feats("He asked: \xe2\x80\x9cWhy?\xe2\x80\x9d ", f);
	assert_true(has_feature(f, n, CT_CW_F_QUESTION));
	assert_true(has_feature(f, n, CT_CW_F_QUOTE));
	n = feats("I'm sure I can.", f);
	assert_false(has_feature(f, n, CT_CW_F_NAME));
	assert_true(has_feature(f, n, CT_CW_F_SHORT));
	n = feats("Maybe you could, but I think it is wrong.", f);
	assert_true(has_feature(f, n, CT_CW_F_HEDGE));
	assert_true(has_feature(f, n, CT_CW_F_OPINION));
	assert_true(has_feature(f, n, CT_CW_F_SECOND_PERSON));
}

static void test_limits(void **state)
{
	struct ct_cw_feature f[NF];
	char long_text[4000];
	size_t k;
	int n, i, j;
	(void)state;
	/* Empty input: only the length bucket. */
	assert_int_equal(feats("", f), 1);
	assert_int_equal(f[0].index, CT_CW_F_SHORT);
	assert_int_equal(ct_cw_features("anything", 8, f, 0), 0);
	/* A small max keeps the dense features and drops hashed ones. */
	n = ct_cw_features("In 2019 one two three four five six seven?", 42, f, CT_CW_NDENSE);
	assert_true(n <= CT_CW_NDENSE);
	assert_true(has_feature(f, n, CT_CW_F_QUESTION));
	assert_true(has_feature(f, n, CT_CW_F_YEAR));
	/* A long sentence of distinct words: every index valid and present once. */
	for (k = 0, i = 0; k + 16 < sizeof(long_text); i++)
		k += (size_t)snprintf(long_text + k, sizeof(long_text) - k, "%s%d ", i % 3 ? "w" : "Name", i);
	n = feats(long_text, f);
	assert_true(n > 0 && n <= NF);
	assert_true(has_feature(f, n, CT_CW_F_VERY_LONG));
	for (i = 0; i < n; i++) {
		assert_true(f[i].index < CT_CW_DIM);
		for (j = i + 1; j < n; j++)
			assert_true(f[i].index != f[j].index);
	}
	assert_true(cw(long_text) >= 0.0 && cw(long_text) <= 1.0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bounds_and_determinism),
		cmocka_unit_test(test_clear_cases),
		cmocka_unit_test(test_apostrophes_and_quotes),
		cmocka_unit_test(test_cues),
		cmocka_unit_test(test_limits),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
