/* The scorer's paraphrase mechanisms: a denied fact said in other words ("nobody was killed" /
 * "no deaths were reported" / "deaths were not reported"), a denying prefix ("uninhabitable" /
 * "no longer fit to live in"), a failure and a kept state ("failed to close" / "stayed open");
 * and that they neither hide a real flip nor join unrelated denials. The pairs from the stories
 * were missed before these mechanisms (scores 0.19 to 0.39). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "compare_fixture.h"

static struct ct_comparison run(const char *a, const char *b)
{
	return run_on(a, b, "2026-03-11");
}

static void same_fact(const char *a, const char *b)
{
	struct ct_comparison c = run(a, b), d = run(b, a);
	if (strcmp(c.relation, "corroborates") || strcmp(d.relation, "corroborates"))
		fail_msg("'%s' / '%s': %s %.3f, reversed %s %.3f", a, b, c.relation, c.score, d.relation, d.score);
}

static void test_denied_facts(void **state)
{
	(void)state;
	same_fact("Nobody was killed.", "No deaths were reported.");
	same_fact("No one was killed.", "Deaths were not reported.");
	same_fact("Officials said nobody had been killed.",
		  "Thirty-eight people were treated for injuries, the city's emergency service said on Wednesday, and no deaths were reported.");
	same_fact("The train had 212 passengers aboard, and no deaths were reported.",
		  "More than 200 passengers were travelling on the early service to Ashmoor, and none of them died.");
	same_fact("The train had 212 passengers aboard, and no deaths were reported.",
		  "In the train were 212 travellers, and deaths were not reported.");
}

static void test_denying_prefix(void **state)
{
	(void)state;
	same_fact("Port Alder Mayor Tomas Brandt, who declared a local state of emergency on Tuesday, said 41 homes had been declared uninhabitable.",
		  "Brandt said 41 Lowharbour homes were no longer fit to live in, and he put the likely damage at around 1.2 billion crowns.");
	same_fact("41 homes were declared uninhabitable.", "41 homes are unfit to live in.");
	same_fact("41 homes were declared uninhabitable.", "41 houses are no more habitable.");
}

static void test_kept_state(void **state)
{
	(void)state;
	same_fact("One of the 12 steel gates of the Saltmere Barrier failed to close early on Tuesday as a storm surge pushed up the Alder estuary.",
		  "When Gate No. 3 of the Saltmere Barrier stayed open in the early hours of Tuesday, the sea did not need to be clever.");
	same_fact("The gate failed to shut during the surge.", "The gate remained open during the surge.");
}

static void test_flips_kept(void **state)
{
	struct ct_comparison c;
	(void)state;
	/* a plain denial against a statement still contradicts */
	c = run("The government would not cancel the upgrade.", "The government would cancel the upgrade.");
	assert_string_equal(c.relation, "contradicts");
	c = run("Nobody was killed in the crash.", "Three people were killed in the crash.");
	assert_string_equal(c.relation, "contradicts");
	/* a denying prefix is a denial of its word */
	c = run("41 homes were declared uninhabitable.", "41 homes were declared habitable.");
	assert_string_equal(c.relation, "contradicts");
	assert_int_equal(c.signals[0].kind, CT_SIG_NEGATION);
	/* two denials in other words of the same fact are not a flip */
	c = run("41 homes were declared uninhabitable.", "41 homes are no longer fit to live in.");
	assert_int_equal(c.nsignals, 0);
}

static void test_unrelated_denials(void **state)
{
	struct ct_comparison c;
	(void)state;
	/* denials of different things share nothing */
	c = run("No homes were damaged.", "Nobody was killed.");
	assert_string_equal(c.relation, "unrelated");
	c = run("Nobody was injured when the roof fell in.", "No deaths were reported after the storm.");
	assert_true(c.score < CT_COMPARE_SAME);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_denied_facts),
		cmocka_unit_test(test_denying_prefix),
		cmocka_unit_test(test_kept_state),
		cmocka_unit_test(test_flips_kept),
		cmocka_unit_test(test_unrelated_denials),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
