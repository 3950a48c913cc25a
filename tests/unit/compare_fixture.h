/* What the scorer's unit tests share: one English stemmer for the group (setup/teardown) and
 * run_on(), which compares two statements published on the same day and asserts it succeeded. */
#ifndef CT_TESTS_COMPARE_FIXTURE_H
#define CT_TESTS_COMPARE_FIXTURE_H

#include <string.h>

#include <libstemmer.h>

#include "align/compare.h"

static struct sb_stemmer *stemmer;

static int setup(void **state)
{
	(void)state;
	stemmer = sb_stemmer_new("english", "UTF_8");
	return stemmer ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	sb_stemmer_delete(stemmer);
	return 0;
}

static struct ct_comparison run_on(const char *a, const char *b, const char *day)
{
	struct ct_comparison c;
	assert_int_equal(ct_compare(stemmer, a, strlen(a), day, b, strlen(b), day, &c), 0);
	return c;
}

#endif
