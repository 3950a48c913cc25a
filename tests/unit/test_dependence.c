/* Source dependence from shared quotes (ct_match_dependence_quoted): a reordered copy that keeps
 * the quotes is a copy; the same reordering without the quotes, quotes given to another speaker,
 * or an outlet sharing only some of the quotes are not. A rewrite that rewords its narrative (few
 * claims aligned) but keeps long quotes word for word is a copy; translated quotes or a single
 * long one are not enough there. A translation (its claims in the original's order, fewer of them
 * aligned, every quote rendered in other words) is a copy; the same without one of the quotes, or
 * out of order, is not. */
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

/* Source 0: ten claims, three of them long quotes; the rewrite keeps the quotes and rewords the
 * rest, so only six of its ten claims align (0.6, under CT_MATCH_DEP_SHARE). */
static const char *long_orig[N] = {
	"A transformer fire blacked out most of the city on Thursday night.",
	"\"We lost the main feed and the backup within four minutes of each other, and that should never happen,\" said Piet Jansma, operations director of the grid operator.",
	"Thirty-eight people were freed from lifts.",
	"\"A city of half a million people cannot hang on a single wire,\" Energy Minister Ilse Marrow said.",
	"The regulator will report by the end of April.",
	"\"We owe every family an apology and an explanation, and they will get both,\" Lang said.",
	"Power was back by late Friday morning.",
	"Schools will stay closed until Monday.",
	"Two mobile transformers arrived on Friday.",
	"It was the largest power cut since 2003.",
};

static void build_rewrite(struct ct_match_claim *c, const char **copy_text, struct ct_match_link *l, size_t *nl)
{
	size_t i;
	*nl = 0;
	for (i = 0; i < N; i++) {
		c[i] = (struct ct_match_claim){ long_orig[i], strlen(long_orig[i]), NULL, 0, 1 };
		c[N + i] = (struct ct_match_claim){ copy_text[i], strlen(copy_text[i]), NULL, 1, 1 };
	}
	/* copy claim i states the original's claim (3 * i) % N for the first six, out of order */
	for (i = 0; i < 6; i++)
		l[(*nl)++] = (struct ct_match_link){ 1, 0, (long)i, (long)((3 * i) % N) };
}

static void test_reworded_rewrite(void **state)
{
	struct ct_match_source s[2] = { { N, "2027-02-12", "gazette" }, { N, "2027-02-13", "pulse" } };
	struct ct_match_claim c[2 * N];
	struct ct_match_link l[N];
	const char *copy[N];
	unsigned char dep[4];
	size_t nl, i;
	(void)state;
	/* the rewrite's claims 0..5 state the original's 0, 3, 6, 9, 2, 5 (the quotes 3 and 5 kept
	 * word for word, the speaker named otherwise); 6..9 are its own; quote 1 is kept too */
	copy[0] = "Most of the city went dark on Thursday night after a transformer caught fire.";
	copy[1] = long_orig[3];
	copy[2] = "Electricity returned before noon on Friday.";
	copy[3] = "No outage this large had hit the city since 2003.";
	copy[4] = "Firefighters pulled 38 people out of stuck lifts.";
	copy[5] = "\"We owe every family an apology and an explanation, and they will get both,\" chief executive Moritz Lang said.";
	copy[6] = long_orig[1];
	copy[7] = "Shops reported break-ins overnight.";
	copy[8] = "Trams stopped across the city.";
	copy[9] = "Volunteers handed out soup.";
	build_rewrite(c, copy, l, &nl);
	assert_int_equal(ct_match_dependence_quoted(s, 2, l, nl, NULL, 0, dep), 0);
	assert_int_equal(dep[1 * 2 + 0] + dep[0 * 2 + 1], 0);
	assert_int_equal(ct_match_dependence_quoted(s, 2, l, nl, c, 2 * N, dep), 0);
	assert_int_equal(dep[1 * 2 + 0], 1);
	assert_int_equal(dep[0 * 2 + 1], 0);
	/* fewer than CT_MATCH_DEP_MIN claims aligned: the quotes alone never make a copy */
	assert_int_equal(ct_match_dependence_quoted(s, 2, l, 5, c, 2 * N, dep), 0);
	assert_int_equal(dep[1 * 2 + 0] + dep[0 * 2 + 1], 0);
	/* translated quotes (most words kept, not word for word): at 0.6 coverage, not a copy */
	copy[1] = "\"A city of half a million people cannot hang on one single wire,\" said Marrow.";
	copy[5] = "\"We owe every family an excuse and an explanation, and they will get both,\" said Lang.";
	copy[6] = "\"We lost the main supply and the reserve within four minutes of each other, and that may never happen,\" said Piet Jansma.";
	build_rewrite(c, copy, l, &nl);
	assert_int_equal(ct_match_dependence_quoted(s, 2, l, nl, c, 2 * N, dep), 0);
	assert_int_equal(dep[1 * 2 + 0] + dep[0 * 2 + 1], 0);
	/* one long quote word for word (with two translated ones) is what independent outlets
	 * share from a statement to all reporters: not a copy */
	copy[1] = long_orig[3];
	build_rewrite(c, copy, l, &nl);
	assert_int_equal(ct_match_dependence_quoted(s, 2, l, nl, c, 2 * N, dep), 0);
	assert_int_equal(dep[1 * 2 + 0] + dep[0 * 2 + 1], 0);
	/* two word for word but the third quote of the original missing from a rewrite with quotes
	 * of its own: under 3/4 of the quotes shared */
	copy[6] = "\"Nobody in this city will forget the night the lights went out,\" Mayor Anneli Voss said.";
	copy[5] = long_orig[5];
	build_rewrite(c, copy, l, &nl);
	assert_int_equal(ct_match_dependence_quoted(s, 2, l, nl, c, 2 * N, dep), 0);
	assert_int_equal(dep[1 * 2 + 0] + dep[0 * 2 + 1], 0);
	/* the same quotes word for word given to other speakers are other quotes */
	for (i = 0; i < N; i++)
		copy[i] = i == 1 ? "\"A city of half a million people cannot hang on a single wire,\" Mayor Anneli Voss said."
			  : i == 5 ? "\"We owe every family an apology and an explanation, and they will get both,\" Voss said."
			  : i == 6 ? "\"We lost the main feed and the backup within four minutes of each other, and that should never happen,\" said Carla Wennick."
			  : copy[i];
	build_rewrite(c, copy, l, &nl);
	assert_int_equal(ct_match_dependence_quoted(s, 2, l, nl, c, 2 * N, dep), 0);
	assert_int_equal(dep[1 * 2 + 0] + dep[0 * 2 + 1], 0);
}

/* A translation of long_orig: sentence by sentence in the same order, its three quotes rendered in
 * other words; only six claims align (0.6, under CT_MATCH_DEP_SHARE), in order. */
static const char *translated[N] = {
	"A fire in a transformer laid most of the city dark in the night to Friday.",
	"\"We lost the main supply and the reserve within four minutes of each other, and that may never happen,\" said Piet Jansma.",
	"38 persons were freed out of lifts.",
	"\"A city of half a million people cannot hang on one single wire,\" said Marrow.",
	"The supervision authority reports until end of April.",
	"\"We owe every family an excuse and an explanation, and they will get both,\" said Lang.",
	"The current came back late on Friday morning.",
	"The schools stay closed until Monday.",
	"Two mobile transformers came on Friday.",
	"It was the biggest power failure since 2003.",
};

static void build_translation(struct ct_match_claim *c, const char **copy_text, struct ct_match_link *l, size_t *nl,
			      int in_order)
{
	static const long aligned[6] = { 0, 1, 3, 5, 6, 9 };
	size_t i;
	*nl = 0;
	for (i = 0; i < N; i++) {
		c[i] = (struct ct_match_claim){ long_orig[i], strlen(long_orig[i]), NULL, 0, 1 };
		c[N + i] = (struct ct_match_claim){ copy_text[i], strlen(copy_text[i]), NULL, 1, 1 };
	}
	for (i = 0; i < 6; i++)
		l[(*nl)++] = (struct ct_match_link){ 1, 0, aligned[i], in_order ? aligned[i] : aligned[(i + 3) % 6] };
}

static void test_translation(void **state)
{
	struct ct_match_source s[2] = { { N, "2027-10-19", "ledger" }, { N, "2027-10-20", "tidende" } };
	struct ct_match_claim c[2 * N];
	struct ct_match_link l[N];
	const char *copy[N];
	unsigned char dep[4];
	size_t nl, i;
	(void)state;
	for (i = 0; i < N; i++)
		copy[i] = translated[i];
	build_translation(c, copy, l, &nl, 1);
	/* the order alone (0.6 of the claims) says nothing */
	assert_int_equal(ct_match_dependence_quoted(s, 2, l, nl, NULL, 0, dep), 0);
	assert_int_equal(dep[1 * 2 + 0] + dep[0 * 2 + 1], 0);
	/* with every quote rendered on the other side: the later one is the copy */
	assert_int_equal(ct_match_dependence_quoted(s, 2, l, nl, c, 2 * N, dep), 0);
	assert_int_equal(dep[1 * 2 + 0], 1);
	assert_int_equal(dep[0 * 2 + 1], 0);
	/* the same claims out of order: not a translation (and no quote is verbatim) */
	build_translation(c, copy, l, &nl, 0);
	assert_int_equal(ct_match_dependence_quoted(s, 2, l, nl, c, 2 * N, dep), 0);
	assert_int_equal(dep[1 * 2 + 0] + dep[0 * 2 + 1], 0);
	/* one of the original's three quotes missing (a quote of its own instead), as independent
	 * outlets at one news conference: not a copy */
	copy[3] = "\"Nobody in this city will forget the night the lights went out,\" Mayor Anneli Voss said.";
	build_translation(c, copy, l, &nl, 1);
	assert_int_equal(ct_match_dependence_quoted(s, 2, l, nl, c, 2 * N, dep), 0);
	assert_int_equal(dep[1 * 2 + 0] + dep[0 * 2 + 1], 0);
	/* fewer than CT_MATCH_DEP_MIN claims aligned in order: not a copy */
	copy[3] = translated[3];
	build_translation(c, copy, l, &nl, 1);
	assert_int_equal(ct_match_dependence_quoted(s, 2, l, 5, c, 2 * N, dep), 0);
	assert_int_equal(dep[1 * 2 + 0] + dep[0 * 2 + 1], 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reordered_copy),
		cmocka_unit_test(test_not_a_copy),
		cmocka_unit_test(test_reworded_rewrite),
		cmocka_unit_test(test_translation),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
