/* Unit tests for src/report/model: claimReviewed (verdict words dropped, under 75 characters, cut
 * on a word boundary with an ellipsis, UTF-8 counted as characters), the rating scale, the sparse
 * source matrix, and the writers streamed in chunks giving the same bytes as the whole text. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>

#include "report/model.h"
#include "util/err.h"

static size_t utf8_chars(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

static void check_reviewed(const char *text, const char *want)
{
	ct_buf b = CT_BUF_INIT;
	rp_claim_reviewed(&b, text);
	assert_string_equal(b.ptr, want);
	assert_true(utf8_chars(b.ptr) < 75);
	ct_buf_release(&b);
}

static void test_short_claim_kept(void **state)
{
	(void)state;
	check_reviewed("The bridge will cost 40 million crowns.", "The bridge will cost 40 million crowns.");
	check_reviewed("  two\tspaces\n here ", "two spaces here");
}

static void test_verdict_words_dropped(void **state)
{
	(void)state;
	check_reviewed("FALSE: the mayor said 41 homes were lost", ": the mayor said 41 homes were lost");
	check_reviewed("It is true that the gate, misleading reports say, failed",
		       "It is that the gate, reports say, failed");
	check_reviewed("Truest words, falsehood and untrue claims", "Truest words, falsehood and claims");
}

static void test_long_claim_cut_on_word(void **state)
{
	const char *t = "One of the 12 steel gates of the Saltmere Barrier failed to close early on Tuesday as a "
			"storm surge pushed up the Alder estuary.";
	(void)state;
	check_reviewed(t, "One of the 12 steel gates of the Saltmere Barrier failed to close early\xe2\x80\xa6");
}

static void test_utf8_counted_as_characters(void **state)
{
	ct_buf b = CT_BUF_INIT;
	size_t i;
	(void)state;
	/* 40 two-byte words ("éé "): 120 bytes but 120 characters too; a cut must not split one. */
	for (i = 0; i < 40; i++)
		ct_buf_puts(&b, "\xc3\xa9\xc3\xa9 ");
	{
		ct_buf out = CT_BUF_INIT;
		rp_claim_reviewed(&out, b.ptr);
		assert_true(utf8_chars(out.ptr) <= 74);
		assert_true(utf8_chars(out.ptr) >= 70);
		assert_int_equal(strcmp(out.ptr + out.len - 3, "\xe2\x80\xa6"), 0);
		assert_int_equal((unsigned char)out.ptr[out.len - 4], 0xa9);   /* ends on a whole word */
		ct_buf_release(&out);
	}
	ct_buf_release(&b);
}

static void test_one_long_word(void **state)
{
	char word[200];
	ct_buf out = CT_BUF_INIT;
	(void)state;
	memset(word, 'a', sizeof(word) - 1);
	word[sizeof(word) - 1] = 0;
	rp_claim_reviewed(&out, word);
	assert_int_equal(utf8_chars(out.ptr), 74);
	ct_buf_release(&out);
	rp_claim_reviewed(&out, "false true");
	assert_string_equal(out.ptr, "(claim)");
	ct_buf_release(&out);
}

static void test_rating_scale(void **state)
{
	(void)state;
	assert_int_equal(rp_rating(CT_S_CONTRADICTED), 1);
	assert_int_equal(rp_rating(CT_S_UNVERIFIABLE), 3);
	assert_int_equal(rp_rating(CT_S_CORROBORATED), 5);
	assert_int_equal(rp_rating(CT_S_DISPUTED), 0);
	assert_int_equal(rp_rating(CT_S_PENDING), 0);
	assert_int_equal(rp_rating(CT_S_UNREVIEWED), 0);
	assert_string_equal(rp_rating_name(CT_S_CONTRADICTED), "Contradicted");
	assert_null(rp_rating_name(CT_S_DISPUTED));
	assert_true(rp_round3(-0.0001) == 0.0);
	assert_true(rp_round3(0.66666) == 0.667);
	assert_true(rp_url_linkable("HTTPS://x.example/"));
	assert_false(rp_url_linkable("javascript:alert(1)"));
	assert_false(rp_url_linkable(NULL));
}

/* A model of many claims built by hand (no desk): three sources, texts with markup, quotes,
 * a line break, control characters and UTF-8, every status, two source pairs with evidence. */
struct fake {
	struct rp_model m;
	char texts[64][96];
};

static struct fake *fake_model(size_t nclaims)
{
	static const enum ct_status st[] = { CT_S_UNREVIEWED, CT_S_CORROBORATED, CT_S_CONTRADICTED, CT_S_UNVERIFIABLE,
					     CT_S_DISPUTED, CT_S_PENDING };
	static char ids[3][16] = { "agency-wire", "daily-news", "le-monde" }, outlet[] = "Outlet <b>",
		    url[] = "https://example.org/a?b=1&c=\"2\"", day[] = "2026-01-02";
	struct fake *f = calloc(1, sizeof(*f));
	size_t i;
	assert_non_null(f);
	f->m.nsources = 3;
	assert_non_null(f->m.sources = calloc(3, sizeof(*f->m.sources)));
	for (i = 0; i < 3; i++) {
		f->m.sources[i].id = ids[i];
		f->m.sources[i].outlet = outlet;
		f->m.sources[i].url = i ? url : NULL;
		f->m.sources[i].published = i == 1 ? day : NULL;
		f->m.sources[i].shown = 1;
		f->m.sources[i].root = i;
	}
	for (i = 0; i < 64; i++)
		snprintf(f->texts[i], sizeof(f->texts[i]), "Claim %zu: \"quoted\" <b>&</b> caf\xc3\xa9,\nline two, -%zu%%",
			 i, i * 7);
	/* every escape a JSON writer has to make, and bytes it must leave alone */
	snprintf(f->texts[5], sizeof(f->texts[5]), "Tab\there, \x01\x1f\x7f back\\slash /slash \b\f\r\"\xe2\x82\xac end");
	f->m.nclaims = f->m.norder = nclaims;
	assert_non_null(f->m.claims = calloc(nclaims, sizeof(*f->m.claims)));
	assert_non_null(f->m.order = calloc(nclaims, sizeof(*f->m.order)));
	for (i = 0; i < nclaims; i++) {
		struct rp_claim *cl = &f->m.claims[i];
		snprintf(cl->id, sizeof(cl->id), "%016zx", i * 2654435761u);
		cl->text = f->texts[i % 64];
		cl->source = (uint32_t)(i % 3);
		cl->status = st[i % 6];
		cl->sentence = (long)i;
		cl->shown = 1;
		f->m.sources[i % 3].n[cl->status]++;
		f->m.order[i] = i;
	}
	f->m.ncells = 2;
	assert_non_null(f->m.cells = calloc(2, sizeof(*f->m.cells)));
	f->m.cells[0].a = 0, f->m.cells[0].b = 1, f->m.cells[0].corroborate = 3, f->m.cells[0].contradict = 1;
	f->m.cells[1].a = 1, f->m.cells[1].b = 2, f->m.cells[1].contradict = 2;
	f->m.rule.quorum = 2;
	memcpy(f->m.commit, "0123456789abcdef0123456789abcdef01234567", 41);
	return f;
}

static void fake_release(struct fake *f)
{
	free(f->m.sources);
	free(f->m.claims);
	free(f->m.order);
	free(f->m.cells);
	free(f);
}

static void test_cells(void **state)
{
	struct fake *f = fake_model(3);
	(void)state;
	assert_int_equal(rp_cell_get(&f->m, 1, 0)->corroborate, 3);
	assert_int_equal(rp_cell_get(&f->m, 0, 1)->contradict, 1);
	assert_int_equal(rp_cell_get(&f->m, 2, 1)->contradict, 2);
	assert_int_equal(rp_cell_get(&f->m, 0, 2)->corroborate + rp_cell_get(&f->m, 0, 2)->contradict, 0);
	assert_int_equal(rp_cell_get(&f->m, 1, 1)->corroborate, 0);
	fake_release(f);
}

/* The text a streaming writer puts in a file. */
static void stream_to_file(int (*stream)(struct rp_out *, const struct rp_model *), const struct rp_model *m,
			   ct_buf *text)
{
	struct rp_out o;
	FILE *f = tmpfile();
	char chunk[8192];
	size_t n;
	assert_non_null(f);
	rp_out_init(&o, f);
	assert_int_equal(stream(&o, m), 0);
	/* Nothing of the report is left in memory but the last chunk (already written). */
	assert_int_equal(o.buf.len, 0);
	rp_out_release(&o);
	rewind(f);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		ct_buf_put(text, chunk, n);
	fclose(f);
}

static void test_streamed_same_bytes(void **state)
{
	static const struct {
		const char *name;
		int (*stream)(struct rp_out *, const struct rp_model *);
		int (*whole)(ct_buf *, const struct rp_model *);
		size_t min;
	} w[] = {
		{ "md", rp_stream_md, rp_write_md, 8 * RP_OUT_CHUNK },
		{ "html", rp_stream_html, rp_write_html, 8 * RP_OUT_CHUNK },
		{ "json", rp_stream_json, rp_write_json, 8 * RP_OUT_CHUNK },
		{ "jsonld", rp_stream_jsonld, rp_write_jsonld, 8 * RP_OUT_CHUNK },
		{ "csv", rp_stream_csv, rp_write_csv, 4 * RP_OUT_CHUNK },
	};
	struct fake *f = fake_model(6000);
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(w) / sizeof(w[0]); i++) {
		ct_buf whole = CT_BUF_INIT, streamed = CT_BUF_INIT;
		assert_int_equal(w[i].whole(&whole, &f->m), 0);
		stream_to_file(w[i].stream, &f->m, &streamed);
		if (whole.len < w[i].min)
			fail_msg("%s: %zu bytes, too few to cross chunks", w[i].name, whole.len);
		if (whole.len != streamed.len || memcmp(whole.ptr, streamed.ptr, whole.len))
			fail_msg("%s: the streamed text differs from the whole text", w[i].name);
		/* The JSON texts are cJSON_Print's own text of the document, with a final line break. */
		if (!strcmp(w[i].name, "json") || !strcmp(w[i].name, "jsonld")) {
			cJSON *doc = cJSON_Parse(whole.ptr);
			ct_buf want = CT_BUF_INIT;
			char *again, *p;
			assert_non_null(doc);
			assert_non_null(again = cJSON_Print(doc));
			for (p = again; *p; p++) {   /* jsonld writes '<' as \u003c */
				if (*p == '<' && !strcmp(w[i].name, "jsonld"))
					ct_buf_puts(&want, "\\u003c");
				else
					ct_buf_putc(&want, *p);
			}
			ct_buf_putc(&want, '\n');
			if (want.len != whole.len || memcmp(want.ptr, whole.ptr, whole.len))
				fail_msg("%s: not cJSON_Print's text of the document", w[i].name);
			ct_buf_release(&want);
			cJSON_free(again);
			cJSON_Delete(doc);
		}
		ct_buf_release(&whole);
		ct_buf_release(&streamed);
	}
	fake_release(f);
}

static void test_write_error(void **state)
{
	struct fake *f = fake_model(6000);
	struct rp_out o;
	FILE *full = fopen("/dev/full", "w");
	(void)state;
	if (!full) {
		fake_release(f);
		skip();
	}
	rp_out_init(&o, full);
	assert_int_equal(rp_stream_html(&o, &f->m), CT_EIO);
	assert_int_equal(o.error, ENOSPC);
	/* After the failed write, nothing more is kept. */
	assert_true(o.buf.len < RP_OUT_CHUNK);
	rp_out_release(&o);
	fclose(full);
	fake_release(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_short_claim_kept),
		cmocka_unit_test(test_verdict_words_dropped),
		cmocka_unit_test(test_long_claim_cut_on_word),
		cmocka_unit_test(test_utf8_counted_as_characters),
		cmocka_unit_test(test_one_long_word),
		cmocka_unit_test(test_rating_scale),
		cmocka_unit_test(test_cells),
		cmocka_unit_test(test_streamed_same_bytes),
		cmocka_unit_test(test_write_error),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
