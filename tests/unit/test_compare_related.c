/* The scorer's third quality pass: related words of the lexicon (align/related.h) and irregular
 * past forms join paraphrases; a quote reworded with related words, or reworded all over, is a
 * rendering, not drift, while a few words replaced in a kept quote still are; two names that
 * swap places are no entity substitution; a boundary date is not the slot of a point in time. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "align/related.h"
#include "compare_fixture.h"

static struct ct_comparison run(const char *a, const char *b)
{
	return run_on(a, b, "2026-06-03");
}

static void same_fact(const char *a, const char *b)
{
	struct ct_comparison c = run(a, b), d = run(b, a);
	if (strcmp(c.relation, "corroborates") || strcmp(d.relation, "corroborates"))
		fail_msg("'%s' / '%s': %s %.3f, reversed %s %.3f", a, b, c.relation, c.score, d.relation, d.score);
}

static int has_kind(const struct ct_comparison *c, enum ct_signal_kind kind)
{
	size_t i;
	for (i = 0; i < c->nsignals; i++)
		if (c->signals[i].kind == kind)
			return 1;
	return 0;
}

static void test_lexicon(void **state)
{
	unsigned char c[2], d[2];
	(void)state;
	assert_true(ct_related_table_sorted());
	assert_int_equal(ct_related_concepts("blaze", 5, c), 1);
	assert_int_equal(ct_related_concepts("fire", 4, d), 1);
	assert_int_equal(c[0], d[0]);
	/* a stem of two groups */
	assert_int_equal(ct_related_concepts("strike", 6, c), 2);
	assert_int_not_equal(c[0], c[1]);
	assert_int_equal(ct_related_concepts("aground", 7, d), 2);
	assert_true(c[0] == d[0] || c[0] == d[1] || c[1] == d[0] || c[1] == d[1]);
	/* words with a common other sense are not in it; nor is anything too long */
	assert_int_equal(ct_related_concepts("sourc", 5, c), 0);
	assert_int_equal(c[0], 0);
	assert_int_equal(ct_related_concepts("fire", 0, c), 0);
	assert_int_equal(ct_related_concepts("abcdefghijklmnopqrstuvwxyzabcdefghij", 36, c), 0);
}

/* b states a's fact with a related word (or another form) where other stands a word related to
 * nothing: the related word earns part of a shared word's credit. */
static void joins(const char *a, const char *b, const char *other)
{
	struct ct_comparison c = run(a, b), d = run(a, other);
	same_fact(a, b);
	if (c.score < d.score + 0.03)
		fail_msg("'%s' / '%s': %.3f, with a word related to nothing %.3f", a, b, c.score, d.score);
}

static void test_related_words(void **state)
{
	struct ct_comparison c;
	(void)state;
	joins("The cargo ship ran aground on the Varne reef on Sunday night.",
	      "The cargo ship struck the Varne reef on Sunday night.",
	      "The cargo ship painted the Varne reef on Sunday night.");
	joins("The blaze at the Kessel warehouse was put out after four hours.",
	      "The fire at the Kessel warehouse was put out after four hours.",
	      "The party at the Kessel warehouse was put out after four hours.");
	joins("Electricity was back for all 40,000 customers in Orvik by Monday noon.",
	      "Power was restored for all 40,000 customers in Orvik by Monday noon.",
	      "Music was played for all 40,000 customers in Orvik by Monday noon.");
	/* the people waiting for news of the victims (fifth pass) */
	joins("Families of the trapped men waited in a Red Cross tent beside the mine entrance.",
	      "Relatives of the trapped men waited in a Red Cross tent beside the mine entrance.",
	      "Engineers of the trapped men waited in a Red Cross tent beside the mine entrance.");
	/* related words are not the same word: a pair with nothing else in common stays apart */
	c = run("The fire spread to the roof.", "The blaze of publicity surprised the band.");
	assert_true(c.score < CT_COMPARE_SAME);
}

static void test_irregular_forms(void **state)
{
	(void)state;
	joins("Rescuers took 62 passengers off the stranded ferry.",
	      "62 passengers were taken off the stranded ferry by rescuers.",
	      "62 passengers were counted off the stranded ferry by rescuers.");
	joins("The Orvik council sold the old harbour depot for 12 million crowns.",
	      "The Orvik council will sell the old harbour depot for 12 million crowns.",
	      "The Orvik council will paint the old harbour depot for 12 million crowns.");
	joins("Protesters fled when the police fought back.", "Protesters flee as the police fight back.",
	      "Protesters sing as the police fight back.");
}

static void test_quote_rendering(void **state)
{
	const char *a, *b;
	struct ct_comparison c;
	(void)state;
	/* a translation keeping the quote with related words: no drift */
	a = "\"We lost the main feed and the backup within a minute, and that must never happen again,\" Ruud said.";
	b = "\"We lost the main supply and the reserve within a minute, and that may never happen again,\" said Ruud.";
	c = run(a, b);
	assert_false(has_kind(&c, CT_SIG_QUOTE));
	assert_string_equal(c.relation, "corroborates");
	c = run("\"We owe every family an apology and an answer,\" Ruud said.",
		"\"We owe every family an excuse and an answer,\" said Ruud.");
	assert_false(has_kind(&c, CT_SIG_QUOTE));
	/* a quote reworded all over (a translation) is not a few words replaced */
	c = run("\"We own this failure, because the pump did not do its job and neither did we,\" Ruud said.",
		"\"We carry this failure, because the pump has not made its work and we also not,\" said Ruud.");
	assert_false(has_kind(&c, CT_SIG_QUOTE));
	/* but one word replaced in a quote otherwise kept is drift, related to nothing */
	a = "\"A town of forty thousand people cannot hang on a single cable,\" Ruud said.";
	b = "\"A town of forty thousand people cannot hang on a single promise,\" Ruud said.";
	c = run(a, b);
	assert_string_equal(c.relation, "contradicts");
	assert_true(has_kind(&c, CT_SIG_QUOTE));
}

static void test_names_swapped(void **state)
{
	struct ct_comparison c;
	const char *a, *b;
	(void)state;
	/* the same person and body in each other's place */
	a = "\"The line was never meant to carry that load,\" said Mara Lind, the chief engineer of the rail operator, Nordbahn.";
	b = "\"The line was never meant to carry that load,\" Nordbahn chief engineer Mara Lind told reporters.";
	c = run(a, b);
	assert_false(has_kind(&c, CT_SIG_ENTITY));
	assert_string_equal(c.relation, "corroborates");
	/* another person in the same place still is a substitution */
	b = "\"The line was never meant to carry that load,\" said Ivo Sand, the chief engineer of the rail operator, Nordbahn.";
	c = run(a, b);
	assert_true(has_kind(&c, CT_SIG_ENTITY));
}

static void test_boundary_slot(void **state)
{
	const char *b = "The ferry was on the crossing to Hallo on Tuesday evening when she struck the rocks.";
	struct ct_comparison bound, point;
	(void)state;
	/* "until at least Wednesday" bounds a state; it is not the slot of the day of the grounding,
	 * which another day would be (0.600 against 0.675 when it was one slot; now 0.484) */
	bound = run("Ferry crossings to Hallo are suspended until at least Wednesday.", b);
	point = run("Ferry crossings to Hallo were suspended on Wednesday.", b);
	assert_true(bound.score + 0.12 < point.score);
	assert_false(has_kind(&bound, CT_SIG_DATE));
	assert_true(has_kind(&point, CT_SIG_DATE));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lexicon),
		cmocka_unit_test(test_related_words),
		cmocka_unit_test(test_irregular_forms),
		cmocka_unit_test(test_quote_rendering),
		cmocka_unit_test(test_names_swapped),
		cmocka_unit_test(test_boundary_slot),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
