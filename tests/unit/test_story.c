/* The story gate (align/story.h): sources sharing their specific terms pass, a brief passes with
 * the long article on its event, sources sharing only common words do not; source numbers in any
 * order and grouping; terms over the document-frequency limit left out; and through the whole
 * matcher, two stories of the same kind with template sentences never align across. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <libstemmer.h>
#include <math.h>

#include "align/match.h"
#include "align/story.h"

/* Term ids: 0..9 names and figures of story A, 10..19 of story B, 20..23 common words. */
static const float idf[24] = { 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 0.5f, 0.5f, 0.5f, 0.5f };

static void test_affinity(void **state)
{
	/* source 0: a long article on story A; 1: a one-claim brief on it; 2: story B */
	static const uint32_t tid[] = {
		0, 1, 2, 20,   3, 4, 5, 21,   6, 7, 8, 22,   /* source 0, three claims */
		0, 3, 6, 20,                                  /* source 1, one claim */
		10, 11, 20, 21,   12, 13, 22, 23,             /* source 2, two claims */
	};
	static const size_t off[] = { 0, 4, 8, 12, 16, 20, 24 };
	static const size_t src[] = { 0, 0, 0, 1, 2, 2 };
	struct ct_story_gate g;
	(void)state;
	assert_int_equal(ct_story_gate_build(&g, src, 6, off, tid, idf, 24, 0), 0);
	assert_int_equal(g.nsrc, 3);
	/* the brief's terms are all in the article: its whole weight shared */
	assert_true(ct_story_affinity(&g, 0, 1) > 0.99);
	assert_true(ct_story_affinity(&g, 1, 0) > 0.99);
	/* story B shares three common words with the article: 0.75 of 36.75 */
	assert_true(ct_story_affinity(&g, 0, 2) < 0.05);
	assert_true(ct_story_affinity(&g, 1, 2) < 0.05);
	assert_true(ct_story_affinity(&g, 0, 2) > 0);
	ct_story_gate_free(&g);
}

static void test_filter(void **state)
{
	static const uint32_t tid[] = { 0, 1, 2, 20, 0, 1, 3, 20, 10, 11, 20, 0, 1, 2, 21 };
	static const size_t off[] = { 0, 4, 8, 11, 15 };
	/* source numbers not dense, not grouped: claims 0 and 3 of source 9, 1 of 4, 2 of 7 */
	static const size_t src[] = { 9, 4, 7, 9 };
	uint64_t cand[] = { 0ull << 32 | 1, 0ull << 32 | 2, 1ull << 32 | 2, 1ull << 32 | 3, 2ull << 32 | 3 };
	size_t ncand = 5;
	struct ct_story_gate g;
	(void)state;
	assert_int_equal(ct_story_gate_build(&g, src, 4, off, tid, idf, 24, 0), 0);
	assert_int_equal(g.nsrc, 3);
	assert_int_equal(g.csrc[0], g.csrc[3]);
	assert_int_equal(g.csrc[1], 0);   /* 4 < 7 < 9 */
	assert_int_equal(g.csrc[2], 1);
	assert_int_equal(g.csrc[0], 2);
	assert_int_equal(ct_story_gate_filter(&g, cand, &ncand, NULL), 0);
	/* the pairs with claim 2 (story B) are gone, the others kept in order */
	assert_int_equal(ncand, 2);
	assert_true(cand[0] == (0ull << 32 | 1));
	assert_true(cand[1] == (1ull << 32 | 3));
	assert_int_equal(g.dropped, 3);
	ct_story_gate_free(&g);
}

/* A claim without terms (only stop words) first, as the matcher may pass: an empty list. */
static void test_claim_without_terms(void **state)
{
	static const uint32_t tid[] = { 0, 1, 2, 0, 1, 3 };
	static const size_t off[] = { 0, 0, 3, 6 };
	static const size_t src[] = { 0, 1, 2 };
	struct ct_story_gate g;
	(void)state;
	assert_int_equal(ct_story_gate_build(&g, src, 3, off, tid, idf, 24, 0), 0);
	assert_int_equal(g.nsrc, 3);
	assert_true(ct_story_affinity(&g, 0, 1) == 0);
	assert_true(ct_story_affinity(&g, 1, 2) > 0.6);
	ct_story_gate_free(&g);
}

static void test_max_df(void **state)
{
	/* term 5 is in all four claims: with a limit of 2 claims it is no evidence of a story */
	static const uint32_t tid[] = { 0, 5, 1, 5, 2, 5, 3, 5 };
	static const size_t off[] = { 0, 2, 4, 6, 8 };
	static const size_t src[] = { 0, 1, 2, 3 };
	float w[6];
	struct ct_story_gate g;
	size_t t;
	(void)state;
	for (t = 0; t < 6; t++)
		w[t] = (float)log1p(4.0 / (t == 5 ? 4 : 1));
	assert_int_equal(ct_story_gate_build(&g, src, 4, off, tid, w, 6, 0), 0);
	assert_true(ct_story_affinity(&g, 0, 1) > 0.1);
	ct_story_gate_free(&g);
	assert_int_equal(ct_story_gate_build(&g, src, 4, off, tid, w, 6, 2), 0);
	assert_true(ct_story_affinity(&g, 0, 1) == 0);
	ct_story_gate_free(&g);
}

/* Two floods in two towns, each covered by two outlets; the second town's outlets tell theirs
 * in other words but for one generic sentence of background and the pledge, which both stories
 * have with other figures: within a story the outlets agree or contradict; across stories those
 * sentences are about other facts and must not be aligned. */
static const char *const story_text[4][5] = {
	{ "Floodwater forced 2,140 residents of Marrowby from their homes on Tuesday, the Vensk fire service said.",
	  "Mayor Ilse Toravik said the Marrowby barrier gate failed to close during the surge.",
	  "The government pledged 12 million euros in emergency aid.",
	  "\"We will rebuild every street in Marrowby,\" Toravik said.",
	  "Unemployment in the region stood at 6.1 percent last year." },
	{ "About 2,100 Marrowby residents left their homes on Tuesday after the flood, the Vensk fire service said.",
	  "The barrier gate at Marrowby did not close during the surge, Mayor Ilse Toravik said.",
	  "The government pledged 15 million euros in emergency aid.",
	  "\"We will rebuild every street in Marrowby,\" Toravik told reporters.",
	  "Unemployment in the region stood at 6.1 percent last year." },
	{ "The river Orvan burst its banks at Kelstead overnight into Friday, cutting power to 430 households.",
	  "Kelstead's council leader Piet Dunhallow blamed years of neglect of the embankment.",
	  "The government pledged 3 million euros in emergency aid.",
	  "Engineers from the Orvan water board inspected the breach at Kelstead on Saturday.",
	  "Unemployment in the region stood at 9.4 percent last year." },
	{ "Some 430 Kelstead households lost power when the Orvan overtopped its banks on Friday.",
	  "Council leader Piet Dunhallow said neglect of the Kelstead embankment was to blame.",
	  "The government pledged 3 million euros in emergency aid.",
	  "Orvan water board engineers examined the Kelstead breach on Saturday.",
	  "Unemployment in the region stood at 9.4 percent last year." },
};

static void test_match_two_stories(void **state)
{
	struct sb_stemmer *stemmer = sb_stemmer_new("english", "UTF_8");
	struct ct_match_claim c[20];
	struct ct_match_result res;
	struct ct_match_stats st;
	size_t s, k, i, within = 0;
	(void)state;
	assert_non_null(stemmer);
	for (s = 0; s < 4; s++)
		for (k = 0; k < 5; k++)
			c[s * 5 + k] = (struct ct_match_claim){ story_text[s][k], strlen(story_text[s][k]), "2025-03-04", s, 1 };
	assert_int_equal(ct_match_run(stemmer, c, 20, 2, &res, &st), 0);
	assert_true(st.gated > 0);
	for (i = 0; i < res.npairs; i++) {
		size_t sa = c[res.pairs[i].a].source, sb = c[res.pairs[i].b].source;
		assert_true(sa / 2 == sb / 2);   /* sources 0, 1: story one; 2, 3: story two */
		within++;
	}
	/* each story's outlets still align their shared facts, the wrong figure among them */
	assert_true(within >= 6);
	ct_match_result_free(&res);
	sb_stemmer_delete(stemmer);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_affinity),
		cmocka_unit_test(test_filter),
		cmocka_unit_test(test_claim_without_terms),
		cmocka_unit_test(test_max_df),
		cmocka_unit_test(test_match_two_stories),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
