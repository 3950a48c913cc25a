/* The claim comparer on pairs from the example story: paraphrases corroborate, each planted
 * error of the sloppy rewrite is flagged with its spans, variants only lower confidence. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>
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

static struct ct_comparison run(const char *a, const char *b)
{
	struct ct_comparison c;
	assert_int_equal(ct_compare(stemmer, a, strlen(a), "2025-10-15", b, strlen(b), "2025-10-15", &c), 0);
	return c;
}

/* Asserts c holds a signal of kind whose spans read sa in a and sb in b. */
static void has_signal(const struct ct_comparison *c, const char *a, const char *b, enum ct_signal_kind kind,
		       const char *sa, const char *sb)
{
	size_t i;
	for (i = 0; i < c->nsignals; i++) {
		const struct ct_signal *s = &c->signals[i];
		if (s->kind == kind && s->a_end - s->a_start == strlen(sa) && !memcmp(a + s->a_start, sa, strlen(sa)) &&
		    s->b_end - s->b_start == strlen(sb) && !memcmp(b + s->b_start, sb, strlen(sb)))
			return;
	}
	fail_msg("no %s signal '%s' / '%s' (relation %s, %zu signals)", ct_signal_kind_name(kind), sa, sb,
		 c->relation, c->nsignals);
}

static void test_planted_errors(void **state)
{
	const char *a, *b;
	struct ct_comparison c;
	(void)state;
	a = "One of the 12 steel gates of the Saltmere Barrier failed to close early on Tuesday as a storm surge pushed up the Alder estuary.";
	b = "One of the 12 steel gates of the Saltmere Barrier failed to close early on Wednesday as a storm surge pushed up the Alder estuary.";
	c = run(a, b);
	assert_string_equal(c.relation, "contradicts");
	has_signal(&c, a, b, CT_SIG_DATE, "Tuesday", "Wednesday");

	a = "Mr. Brandt said 41 homes in Lowharbour had been declared uninhabitable.";
	b = "Brandt said 14 homes in Lowharbour had been declared uninhabitable.";
	c = run(a, b);
	assert_string_equal(c.relation, "contradicts");
	has_signal(&c, a, b, CT_SIG_NUMBER, "41 homes", "14 homes");

	a = "Harbour Minister Lena Vos, who visited Lowharbour on Tuesday, ordered an independent inquiry.";
	b = "Senator Lena Vos, who visited Lowharbour on Tuesday, ordered an independent inquiry.";
	c = run(a, b);
	assert_string_equal(c.relation, "contradicts");
	has_signal(&c, a, b, CT_SIG_TITLE, "Harbour Minister Lena Vos", "Senator Lena Vos");

	a = "A four-member team from neighbouring Estmark arrived in Port Alder on Wednesday.";
	b = "A four-member team from neighbouring Lorrany arrived in Port Alder on Wednesday.";
	c = run(a, b);
	assert_string_equal(c.relation, "contradicts");
	has_signal(&c, a, b, CT_SIG_ENTITY, "Estmark", "Lorrany");

	a = "Ms. Vos said the government will not raise the national flood levy to pay for the repairs.";
	b = "Vos also said the government will raise the national flood levy to pay for the repairs.";
	c = run(a, b);
	assert_string_equal(c.relation, "contradicts");
	has_signal(&c, a, b, CT_SIG_NEGATION, "not raise", "raise");

	a = "\"Nobody in this ministry will hide behind the weather when Gate No. 3 should have closed,\" Vos said.";
	b = "\"Nobody in this ministry can be blamed for the weather when Gate No. 3 should have closed,\" Vos said.";
	c = run(a, b);
	assert_string_equal(c.relation, "contradicts");
	has_signal(&c, a, b, CT_SIG_QUOTE, "hide behind", "blamed");
}

static void test_paraphrase_and_variants(void **state)
{
	const char *a, *b;
	struct ct_comparison c;
	(void)state;
	c = run("US troops would not be on the ground in Gaza", "U.S. forces will not participate in the Gaza ground forces");
	assert_string_equal(c.relation, "corroborates");
	a = "Nearly 40 people were treated for injuries.";
	b = "About 40 people were treated for injuries.";
	c = run(a, b);
	assert_string_equal(c.relation, "corroborates");
	has_signal(&c, a, b, CT_SIG_APPROXIMATION, "Nearly 40 people", "About 40 people");
	/* Sen. and Senator are one title; "ruled out an increase" is not a negation flip of "not raise". */
	c = run("Sen. Ilse Marten called for Okafor to resign.", "Senator Ilse Marten called for Okafor to resign.");
	assert_string_equal(c.relation, "corroborates");
	c = run("Vos said the government will not raise the national flood levy.",
		"Vos ruled out an increase in the national flood levy, saying the government would pay.");
	assert_int_equal(c.nsignals, 0);
	/* "since Monday" is a boundary, not the day of the fact. */
	c = run("The harbour, closed since Monday night, will reopen on Friday.", "The harbour will reopen on Friday.");
	assert_int_equal(c.nsignals, 0);
}

static void test_unrelated(void **state)
{
	struct ct_comparison c;
	(void)state;
	c = run("The cabinet approved an emergency fund of 25 million crowns.", "Schools in Lowharbour will remain closed until Monday.");
	assert_string_equal(c.relation, "unrelated");
	assert_true(c.score < CT_COMPARE_RELATED);
	c = run("", "Anything at all.");
	assert_string_equal(c.relation, "unrelated");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_planted_errors),
		cmocka_unit_test(test_paraphrase_and_variants),
		cmocka_unit_test(test_unrelated),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
