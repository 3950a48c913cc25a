/* Source dependence from shared quotes (ct_match_dependence_quoted): a reordered copy that keeps
 * the quotes is a copy; the same reordering without the quotes, quotes given to another speaker,
 * or an outlet sharing only some of the quotes are not. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "align/match.h"

#define N 10

/* Source 0: ten claims, three of them quotes; source 1: its claims in a shuffled order. */
static const char *orig_text[N] = {
	"The ferry struck the rocks on Saturday evening.",
	"\xe2\x80\x9cThe crew did everything right once she struck,\xe2\x80\x9d harbour master Ewan Tolley said.",
	"All 146 passengers and 11 crew were rescued.",
	"Nine people were treated for minor injuries.",
	"\"We will cooperate fully with the investigators,\" Feist said.",
	"The authority opened an investigation.",
	"About 3,000 litres of diesel leaked.",
	"\"Nobody should have to cross wondering whether the boat will reach the pier,\" Renner said.",
	"A salvage team arrived on Sunday.",
	"Crossings are suspended until Wednesday.",
};

static void build(struct ct_match_claim *c, const char **copy_text, struct ct_match_link *l, size_t *nl)
{
	size_t i;
	*nl = 0;
	for (i = 0; i < N; i++) {
		c[i] = (struct ct_match_claim){ orig_text[i], strlen(orig_text[i]), NULL, 0, 1 };
		c[N + i] = (struct ct_match_claim){ copy_text[i], strlen(copy_text[i]), NULL, 1, 1 };
		/* copy claim i states the original's claim (3 * i) % N: aligned, out of order */
		l[(*nl)++] = (struct ct_match_link){ 1, 0, (long)i, (long)((3 * i) % N) };
	}
}

static void test_reordered_copy(void **state)
{
	struct ct_match_source s[2] = { { N, "2026-05-17", "herald" }, { N, "2026-05-18", "digest" } };
	struct ct_match_claim c[2 * N];
	struct ct_match_link l[N];
	const char *copy[N];
	unsigned char dep[4];
	size_t nl, i;
	(void)state;
	for (i = 0; i < N; i++)
		copy[i] = orig_text[(3 * i) % N];
	build(c, copy, l, &nl);
	/* the order alone says nothing */
	assert_int_equal(ct_match_dependence(s, 2, l, nl, dep), 0);
	assert_int_equal(dep[1 * 2 + 0] + dep[0 * 2 + 1], 0);
	assert_int_equal(ct_match_dependence_quoted(s, 2, l, nl, NULL, 0, dep), 0);
	assert_int_equal(dep[1 * 2 + 0] + dep[0 * 2 + 1], 0);
	/* with the texts, the shared quotes make the later source a copy */
	assert_int_equal(ct_match_dependence_quoted(s, 2, l, nl, c, 2 * N, dep), 0);
	assert_int_equal(dep[1 * 2 + 0], 1);
	assert_int_equal(dep[0 * 2 + 1], 0);
	/* a translated quote (most words kept) with the speaker named otherwise still counts */
	for (i = 0; i < N; i++)
		if ((3 * i) % N == 1)
			copy[i] = "\"The crew did everything correctly after she struck,\" said the harbour master, Ewan Tolley.";
	build(c, copy, l, &nl);
	assert_int_equal(ct_match_dependence_quoted(s, 2, l, nl, c, 2 * N, dep), 0);
	assert_int_equal(dep[1 * 2 + 0], 1);
	/* too few aligned claims: quotes alone never make a copy */
	assert_int_equal(ct_match_dependence_quoted(s, 2, l, 6, c, 2 * N, dep), 0);
	assert_int_equal(dep[1 * 2 + 0] + dep[0 * 2 + 1], 0);
}

static void test_not_a_copy(void **state)
{
	struct ct_match_source s[2] = { { N, "2026-05-17", "herald" }, { N, "2026-05-17", "wire" } };
	struct ct_match_claim c[2 * N];
	struct ct_match_link l[N];
	const char *copy[N];
	unsigned char dep[4];
	size_t nl, i;
	(void)state;
	/* the same facts in another order, in other words and without quotes */
	static const char *plain[N] = { "Claim one.", "Claim two.", "Claim three.", "Claim four.", "Claim five.",
					"Claim six.", "Claim seven.", "Claim eight.", "Claim nine.", "Claim ten." };
	for (i = 0; i < N; i++)
		copy[i] = plain[i];
	build(c, copy, l, &nl);
	assert_int_equal(ct_match_dependence_quoted(s, 2, l, nl, c, 2 * N, dep), 0);
	assert_int_equal(dep[1 * 2 + 0] + dep[0 * 2 + 1], 0);
	/* one of the three quotes shared (the press conference's): not enough */
	copy[0] = "\"The crew did everything right once she struck,\" harbour master Ewan Tolley told reporters.";
	copy[1] = "\"Our first thought is with the families of the injured,\" Feist said.";
	copy[2] = "\"Every island deserves a safe crossing in every season,\" Renner said.";
	build(c, copy, l, &nl);
	assert_int_equal(ct_match_dependence_quoted(s, 2, l, nl, c, 2 * N, dep), 0);
	assert_int_equal(dep[1 * 2 + 0] + dep[0 * 2 + 1], 0);
	/* the same words given to other speakers are other quotes */
	for (i = 0; i < N; i++)
		copy[i] = orig_text[(3 * i) % N];
	for (i = 0; i < N; i++)
		if ((3 * i) % N == 1)
			copy[i] = "\"The crew did everything right once she struck,\" Captain Morven Shaw said.";
		else if ((3 * i) % N == 4)
			copy[i] = "\"We will cooperate fully with the investigators,\" Mayor Idris Penhallow said.";
	build(c, copy, l, &nl);
	assert_int_equal(ct_match_dependence_quoted(s, 2, l, nl, c, 2 * N, dep), 0);
	assert_int_equal(dep[1 * 2 + 0] + dep[0 * 2 + 1], 0);
	/* unterminated quotes and stray marks are read without harm */
	copy[0] = "\"";
	copy[1] = "\xe2\x80\x9c unterminated quote with several long words";
	copy[2] = "\xe2\x80";
	build(c, copy, l, &nl);
	assert_int_equal(ct_match_dependence_quoted(s, 2, l, nl, c, 2 * N, dep), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reordered_copy),
		cmocka_unit_test(test_not_a_copy),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
