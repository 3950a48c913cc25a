/* The matcher: prepared claims give exactly ct_compare's results; candidate generation finds
 * (nearly) every pair the all-pairs scorer aligns on the example story, never pairs of one
 * source; only query claims are matched; and the source dependence test on made-up links. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <libstemmer.h>

#include "align/compare.h"
#include "align/match.h"
#include "extract/extract.h"
#include "text/utf8.h"
#include "util/buf.h"

#define MAXCLAIMS 400

static const char *const files[] = {
	"examples/story/harbour-herald.txt", "examples/story/coastline-daily.txt",
	"examples/story/wire-service.txt", "examples/story/sloppy-rewrite.txt",
	"examples/story/translated-copy.txt", "examples/story/opinion-column.txt", NULL
};
static const char *const published[] = { "2025-10-15", "2025-10-15", "2025-10-15", "2025-10-16", "2025-10-16",
					  "2025-10-18" };

static struct sb_stemmer *stemmer;
static struct ct_match_claim claims[MAXCLAIMS];
static size_t nclaims;

static int keep(const struct ct_claim_draft *d, void *payload)
{
	size_t *source = payload;
	char *t;
	if (!d->is_claim || nclaims >= MAXCLAIMS)
		return 0;
	if (!(t = strdup(d->text)))
		return -1;
	claims[nclaims].text = t;
	claims[nclaims].len = strlen(t);
	claims[nclaims].published = published[*source];
	claims[nclaims].source = *source;
	claims[nclaims].query = 1;
	nclaims++;
	return 0;
}

static int setup(void **state)
{
	size_t k;
	(void)state;
	if (!(stemmer = sb_stemmer_new("english", "UTF_8")))
		return -1;
	for (k = 0; files[k]; k++) {
		ct_buf raw = CT_BUF_INIT, text = CT_BUF_INIT;
		if (ct_buf_read_file(&raw, files[k]) < 0) {
			fprintf(stderr, "cannot read %s (run the tests from the repository root)\n", files[k]);
			return -1;
		}
		if (ct_text_clean(&text, raw.ptr, raw.len, NULL, NULL) < 0 ||
		    ct_extract(text.ptr, text.len, published[k], keep, &k) < 0)
			return -1;
		ct_buf_release(&raw);
		ct_buf_release(&text);
	}
	return nclaims > 100 ? 0 : -1;
}

static int teardown(void **state)
{
	size_t i;
	(void)state;
	for (i = 0; i < nclaims; i++)
		free((char *)claims[i].text);
	sb_stemmer_delete(stemmer);
	return 0;
}

static void same_comparison(const struct ct_comparison *x, const struct ct_comparison *y)
{
	size_t k;
	assert_true(x->score == y->score);
	assert_string_equal(x->relation, y->relation);
	assert_int_equal(x->nsignals, y->nsignals);
	for (k = 0; k < x->nsignals; k++)
		assert_memory_equal(&x->signals[k], &y->signals[k], sizeof(x->signals[k]));
}

/* Every pair of the story's claims of two sources: the prepared path equals ct_compare. */
static void test_prepared_identical(void **state)
{
	struct ct_prepared **p = calloc(nclaims, sizeof(*p));
	size_t i, j, contradicts = 0, corroborates = 0;
	(void)state;
	assert_non_null(p);
	for (i = 0; i < nclaims; i++) {
		assert_non_null(p[i] = ct_prepared_new());
		ct_prepare(p[i], stemmer, claims[i].text, claims[i].len, claims[i].published);
		assert_true(ct_prepared_nterms(p[i]) > 0);
	}
	for (i = 0; i < nclaims; i++)
		for (j = 0; j < nclaims; j++) {
			struct ct_comparison x, y;
			if (claims[i].source == claims[j].source && i != j)
				continue;
			assert_int_equal(ct_compare(stemmer, claims[i].text, claims[i].len, claims[i].published,
						    claims[j].text, claims[j].len, claims[j].published, &x), 0);
			assert_int_equal(ct_compare_prepared(p[i], p[j], &y), 0);
			same_comparison(&x, &y);
			contradicts += !strcmp(x.relation, "contradicts");
			corroborates += !strcmp(x.relation, "corroborates");
		}
	/* the comparison covered real agreements and contradictions, not only unrelated pairs */
	assert_true(corroborates > 200);
	assert_true(contradicts > 10);
	for (i = 0; i < nclaims; i++)
		ct_prepared_free(p[i]);
	free(p);
}

/* The matcher against the all-pairs scorer: the same comparisons, and at least 97% of the
 * cross-source pairs all-pairs aligns (corroborates or contradicts) found through candidates. */
static void test_match_vs_all_pairs(void **state)
{
	struct ct_match_result res;
	struct ct_match_pair *pairs;
	struct ct_match_stats st;
	size_t npairs, i, j, k, want = 0, found = 0;
	(void)state;
	assert_int_equal(ct_match_run(stemmer, claims, nclaims, 1, &res, &st), 0);
	pairs = res.pairs;
	npairs = res.npairs;
	assert_int_equal(st.claims, nclaims);
	assert_int_equal(st.queries, nclaims);
	assert_true(st.candidates < nclaims * (nclaims - 1) / 2 / 4);   /* far from all pairs */
	for (k = 0; k < npairs; k++) {
		struct ct_comparison x, y;
		assert_true(pairs[k].a < pairs[k].b);
		assert_true(claims[pairs[k].a].source != claims[pairs[k].b].source);
		assert_string_not_equal(pairs[k].relation, "unrelated");
		assert_int_equal(ct_compare(stemmer, claims[pairs[k].a].text, claims[pairs[k].a].len,
					    claims[pairs[k].a].published, claims[pairs[k].b].text, claims[pairs[k].b].len,
					    claims[pairs[k].b].published, &x), 0);
		ct_match_comparison(&res, &pairs[k], &y);
		same_comparison(&x, &y);
		if (k)
			assert_true(pairs[k - 1].a < pairs[k].a || (pairs[k - 1].a == pairs[k].a && pairs[k - 1].b < pairs[k].b));
	}
	for (i = 0; i < nclaims; i++)
		for (j = i + 1; j < nclaims; j++) {
			struct ct_comparison x;
			if (claims[i].source == claims[j].source)
				continue;
			ct_compare(stemmer, claims[i].text, claims[i].len, claims[i].published, claims[j].text, claims[j].len,
				   claims[j].published, &x);
			if (strcmp(x.relation, "corroborates") && strcmp(x.relation, "contradicts"))
				continue;
			want++;
			for (k = 0; k < npairs && !(pairs[k].a == i && pairs[k].b == j); k++)
				;
			found += k < npairs;
		}
	print_message("all-pairs aligned %zu, matcher found %zu; %zu candidates scored of %zu pairs\n", want, found,
		      st.candidates, nclaims * (nclaims - 1) / 2);
	assert_true(want > 200);
	assert_true(found * 100 >= want * 97);
	ct_match_result_free(&res);
}

/* Any number of threads gives the same pairs, in the same order, with the same signals. */
static void test_match_threads(void **state)
{
	struct ct_match_result one, many;
	struct ct_match_stats s1, s2;
	unsigned threads[] = { 2, 3, 7, CT_MATCH_MAX_THREADS + 5 };
	size_t t, k;
	(void)state;
	assert_int_equal(ct_match_run(stemmer, claims, nclaims, 1, &one, &s1), 0);
	assert_true(one.npairs > 100);
	for (t = 0; t < sizeof(threads) / sizeof(threads[0]); t++) {
		assert_int_equal(ct_match_run(stemmer, claims, nclaims, threads[t], &many, &s2), 0);
		assert_int_equal(many.npairs, one.npairs);
		assert_int_equal(many.nsignals, one.nsignals);
		assert_int_equal(s2.candidates, s1.candidates);
		assert_int_equal(s2.postings, s1.postings);
		for (k = 0; k < one.npairs; k++) {
			struct ct_comparison x, y;
			assert_int_equal(many.pairs[k].a, one.pairs[k].a);
			assert_int_equal(many.pairs[k].b, one.pairs[k].b);
			ct_match_comparison(&one, &one.pairs[k], &x);
			ct_match_comparison(&many, &many.pairs[k], &y);
			same_comparison(&x, &y);
		}
		ct_match_result_free(&many);
	}
	ct_match_result_free(&one);
}

/* Scoring block by block gives the same pairs whatever the size of the blocks, down to the pairs
 * of one claim per block, in any order of the sources, with any number of threads. */
static void test_match_blocks(void **state)
{
	struct ct_match_result one, many;
	struct ct_match_stats s1, s2;
	struct ct_match_claim *c = malloc(nclaims * sizeof(*c));
	size_t sizes[] = { 1, 2, 7, 100, 1000000 }, t, k, i;
	(void)state;
	assert_non_null(c);
	assert_int_equal(ct_match_run(stemmer, claims, nclaims, 1, &one, &s1), 0);
	assert_true(one.npairs > 100);
	assert_true(s1.blocks >= 1);
	for (t = 0; t < 2 * sizeof(sizes) / sizeof(sizes[0]); t++) {
		size_t size = sizes[t % (sizeof(sizes) / sizeof(sizes[0]))];
		memcpy(c, claims, nclaims * sizeof(*c));
		if (t >= sizeof(sizes) / sizeof(sizes[0]))
			for (i = 0; i < nclaims; i++)   /* sources numbered in another order, not ascending */
				c[i].source = 1000 - c[i].source * 7 % 13;
		assert_int_equal(ct_match_run_blocks(stemmer, c, nclaims, 1 + (unsigned)t % 3, size, &many, &s2), 0);
		assert_int_equal(many.npairs, one.npairs);
		assert_int_equal(many.nsignals, one.nsignals);
		assert_int_equal(s2.candidates, s1.candidates);
		if (size == 1)   /* a block per claim that ends a pair: many claims analysed again */
			assert_true(s2.blocks > 50 && s2.prepared > s1.prepared);
		if (size == 1000000)
			assert_int_equal(s2.blocks, 1);
		assert_true(s2.prepared >= s1.prepared);   /* at least each claim of a pair once */
		for (k = 0; k < one.npairs; k++) {
			struct ct_comparison x, y;
			assert_int_equal(many.pairs[k].a, one.pairs[k].a);
			assert_int_equal(many.pairs[k].b, one.pairs[k].b);
			ct_match_comparison(&one, &one.pairs[k], &x);
			ct_match_comparison(&many, &many.pairs[k], &y);
			same_comparison(&x, &y);
		}
		ct_match_result_free(&many);
	}
	ct_match_result_free(&one);
	free(c);
}

/* Only query claims look for candidates: every pair has one. */
static void test_match_queries(void **state)
{
	struct ct_match_claim *c = malloc(nclaims * sizeof(*c));
	struct ct_match_result res;
	size_t i;
	(void)state;
	assert_non_null(c);
	memcpy(c, claims, nclaims * sizeof(*c));
	for (i = 0; i < nclaims; i++)
		c[i].query = c[i].source == 4;
	assert_int_equal(ct_match_run(stemmer, c, nclaims, 2, &res, NULL), 0);
	assert_true(res.npairs > 20);
	for (i = 0; i < res.npairs; i++)
		assert_true(c[res.pairs[i].a].source == 4 || c[res.pairs[i].b].source == 4);
	ct_match_result_free(&res);
	/* nothing to match */
	assert_int_equal(ct_match_run(stemmer, c, 0, 2, &res, NULL), 0);
	assert_int_equal(res.npairs, 0);
	ct_match_result_free(&res);
	free(c);
}

static void test_dependence(void **state)
{
	struct ct_match_source s[3] = { { 20, "2025-10-15", "orig" }, { 12, "2025-10-16", "copy" },
					{ 15, "2025-10-15", "other" } };
	struct ct_match_link l[40];
	unsigned char dep[9];
	size_t n = 0, i;
	(void)state;
	/* copy (1) follows orig (0) in order over 10 of its 12 claims, with one stray link */
	for (i = 0; i < 10; i++)
		l[n++] = (struct ct_match_link){ 1, 0, (long)i, (long)(2 * i) };
	l[n++] = (struct ct_match_link){ 1, 0, 11, 1 };
	/* other (2) shares 9 facts with orig in a shuffled order */
	for (i = 0; i < 9; i++)
		l[n++] = (struct ct_match_link){ 0, 2, (long)i, (long)((i * 4) % 9) };
	assert_int_equal(ct_match_dependence(s, 3, l, n, dep), 0);
	assert_int_equal(dep[1 * 3 + 0], 1);   /* copy depends on orig */
	assert_int_equal(dep[0 * 3 + 1], 0);
	assert_int_equal(dep[0 * 3 + 2] + dep[2 * 3 + 0], 0);
	assert_int_equal(dep[1 * 3 + 2] + dep[2 * 3 + 1], 0);
	/* the same links in the other direction give the same answer */
	for (i = 0; i < n; i++) {
		struct ct_match_link t = l[i];
		l[i] = (struct ct_match_link){ t.sb, t.sa, t.pb, t.pa };
	}
	assert_int_equal(ct_match_dependence(s, 3, l, n, dep), 0);
	assert_int_equal(dep[1 * 3 + 0], 1);
	assert_int_equal(dep[0 * 3 + 1], 0);
	/* too few shared claims (short sources) say nothing */
	s[1].nclaims = 4;
	for (i = 0; i < 4; i++)
		l[i] = (struct ct_match_link){ 1, 0, (long)i, (long)i };
	assert_int_equal(ct_match_dependence(s, 3, l, 4, dep), 0);
	assert_int_equal(dep[1 * 3 + 0] + dep[0 * 3 + 1], 0);
	/* no links */
	assert_int_equal(ct_match_dependence(s, 3, l, 0, dep), 0);
	for (i = 0; i < 9; i++)
		assert_int_equal(dep[i], 0);
}

/* The signals JSON the match command stores is the same text as ct_comparison_json's, for spans
 * holding every character JSON must escape, UTF-8, DEL, and empty spans. */
static void test_signals_json(void **state)
{
	static const char a[] = "He said \"no\" \\ then\ttabs\nand\x01\x1f\b\f\r caf\xc3\xa9 \x7f end";
	static const char b[] = "plain text, no escapes: 1,200 people";
	struct ct_comparison cmp;
	size_t sizes[] = { 0, 1, 4 }, k;
	(void)state;
	for (k = 0; k < sizeof(sizes) / sizeof(sizes[0]); k++) {
		ct_buf out = CT_BUF_INIT;
		cJSON *o;
		char *want;
		size_t i;
		memset(&cmp, 0, sizeof(cmp));
		cmp.score = 0.5;
		cmp.relation = "contradicts";
		cmp.nsignals = sizes[k];
		for (i = 0; i < cmp.nsignals; i++) {
			cmp.signals[i].kind = (enum ct_signal_kind)i;
			cmp.signals[i].a_start = i == 3 ? 5 : 0;
			cmp.signals[i].a_end = i == 3 ? 5 : sizeof(a) - 1 - i;   /* the last one empty */
			cmp.signals[i].b_start = i;
			cmp.signals[i].b_end = sizeof(b) - 1;
		}
		ct_match_signals_json(&out, &cmp, a, b);
		assert_int_equal(ct_buf_oom(&out), 0);
		o = ct_comparison_json(&cmp, a, b);
		assert_non_null(o);
		want = cJSON_PrintUnformatted(cJSON_GetObjectItemCaseSensitive(o, "signals"));
		assert_non_null(want);
		assert_string_equal(out.ptr, want);
		if (k == 1)
			assert_non_null(strstr(out.ptr, "\\\"no\\\" \\\\ then\\ttabs\\nand\\u0001\\u001f\\b\\f\\r caf\xc3\xa9"));
		cJSON_free(want);
		cJSON_Delete(o);
		ct_buf_release(&out);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_prepared_identical),
		cmocka_unit_test(test_match_vs_all_pairs),
		cmocka_unit_test(test_match_threads),
		cmocka_unit_test(test_match_blocks),
		cmocka_unit_test(test_match_queries),
		cmocka_unit_test(test_dependence),
		cmocka_unit_test(test_signals_json),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
