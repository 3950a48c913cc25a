/* Tests of the check-worthiness scorer: bounds, determinism, ordering of clear cases, and that
 * the feature function treats curly and straight apostrophes alike. No training data is read. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "extract/checkworthy.h"

static double cw(const char *s)
{
	return ct_checkworthy(s, strlen(s));
}

static void test_bounds_and_determinism(void **state)
{
	const char *s = "Unemployment fell to 3.5 percent in October, the lowest rate since 1969.";
	double a = cw(s), b = cw(s);
	(void)state;
	assert_true(a >= 0.0 && a <= 1.0);
	assert_true(a == b);
	assert_true(cw("") >= 0.0 && cw("") <= 1.0);
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
	/* A figure and a comparison score above the same sentence's opinion form. */
	assert_true(cw("Crime rose by 12 percent in 2019.") > cw("I feel that crime is a problem."));
}

static int has_feature(const struct ct_cw_feature *f, int n, unsigned index)
{
	int i;
	for (i = 0; i < n; i++)
		if (f[i].index == index)
			return 1;
	return 0;
}

static void test_features(void **state)
{
	struct ct_cw_feature a[128], b[128];
	const char *straight = "We don't know, he said.";
	const char *curly = "We don\xe2\x80\x99t know, he said.";
	int na = ct_cw_features(straight, strlen(straight), a, 128);
	int nb = ct_cw_features(curly, strlen(curly), b, 128), i;
	(void)state;
	assert_int_equal(na, nb);
	for (i = 0; i < na; i++)
		assert_true(has_feature(b, nb, a[i].index));
	assert_true(has_feature(a, na, CT_CW_F_FIRST_PERSON));
	assert_true(has_feature(a, na, CT_CW_F_QUOTE));
	na = ct_cw_features("In 2019, 40% of voters", 22, a, 128);
	assert_true(has_feature(a, na, CT_CW_F_YEAR));
	assert_true(has_feature(a, na, CT_CW_F_PERCENT));
	assert_true(has_feature(a, na, CT_CW_F_NUMBER));
	na = ct_cw_features("Is it true?", 11, a, 128);
	assert_true(has_feature(a, na, CT_CW_F_QUESTION));
	assert_true(has_feature(a, na, CT_CW_F_SHORT));
	/* max bounds the output. */
	assert_true(ct_cw_features("one two three four five six seven", 33, a, 4) <= 4);
	assert_int_equal(ct_cw_features("", 0, a, 128), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bounds_and_determinism),
		cmocka_unit_test(test_clear_cases),
		cmocka_unit_test(test_features),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
