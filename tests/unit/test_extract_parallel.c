/* ct_extract_parallel: the same drafts, in the same order, as ct_extract, whatever the number of
 * threads; one callback at a time; a callback's error stops it with the segments before it passed
 * and its message kept. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "extract/extract.h"
#include "util/buf.h"
#include "util/err.h"

#define PUBLISHED "2026-03-04"

/* Every draft as extract --json prints it, with the speaker after it. */
struct sink {
	ct_buf out;
	size_t seen;
	size_t stop_at;     /* return an error from this segment (1-based); 0: never */
	int inside;         /* a callback is running */
	int overlapped;     /* two ran at once */
};

static int collect(const struct ct_claim_draft *d, void *payload)
{
	struct sink *s = payload;
	int r = 0;
	if (__atomic_fetch_add(&s->inside, 1, __ATOMIC_SEQ_CST))
		s->overlapped = 1;
	s->seen++;
	ct_buf_printf(&s->out, "#%u %u ", d->seg->index, d->seg->paragraph);
	if (ct_extract_json(&s->out, d) < 0)
		r = -1;
	ct_buf_puts(&s->out, "\n");
	if (s->stop_at && s->seen == s->stop_at)
		r = ct_error_set(CT_EINPUT, "stopped at segment %zu", s->seen);
	__atomic_fetch_sub(&s->inside, 1, __ATOMIC_SEQ_CST);
	return r;
}

/* A long text that keeps the state carried between segments busy: speakers named and then
 * given as a pronoun or a surname, quotes continued into the next paragraph, "It said" after an
 * organisation, furniture and headings, every story told several times. */
static void build_text(ct_buf *t, unsigned rounds)
{
	static const char *const first[] = { "Ana", "Carol", "Tomas", "Irmeli", "Kasimir", "Petra" };
	static const char *const last[] = { "Lind", "Haskins", "Redl", "Stroud", "Oyelaran", "Vallance" };
	static const char *const org[] = { "the Harbour Authority", "Nordbank", "the transport ministry" };
	unsigned r, k;
	for (r = 0; r < rounds; r++) {
		for (k = 0; k < 6; k++) {
			const char *f = first[(r + k) % 6], *l = last[(r * 5 + k) % 6], *o = org[(r + k) % 3];
			ct_buf_printf(t, "Bridge Repairs Delayed Again\n\nBy Staff Reporter %u\n\n", r);
			ct_buf_printf(t, "Transport Minister %s %s said on Monday that nearly %u workers would return "
					 "by the end of %u.\n", f, l, 40 + r % 50, 2027 + k % 3);
			ct_buf_printf(t, "\u201cWe will rebuild the bridge,\u201d %s said. \u201cIt will take "
					 "two years.\n", l);
			ct_buf_printf(t, "\u201cNobody will be paid less,\u201d she added on Oct. %u.\n", 1 + (r + k) % 28);
			ct_buf_printf(t, "%s said in a statement that it had spent $%u.%u million since "
					 "January.\nIt said the work was %u percent done.\n", o, 1 + r % 9, k, 10 + r % 80);
			ct_buf_printf(t, "According to %s %s, about a third of the %u,%03u households lost power "
					 "last Friday.\n", f, l, 1 + k, (r * 37) % 1000);
			/* a quote of two sentences whose speaker the second names: the first looks ahead */
			ct_buf_printf(t, "\u201cWe warned them in %u. Nobody listened to us,\u201d said its president %s %s.\n",
				      2019 + k, f, l);
			ct_buf_puts(t, "What Comes Next\n");
			ct_buf_printf(t, "The council will vote on Thursday, and %s told reporters it was \u201cnot a "
					 "cost we can carry.\u201d\n", l);
			ct_buf_puts(t, "0 Comments\nThe post Bridge Repairs Delayed Again appeared first on The Valley "
				       "Courier.\n\n");
		}
	}
}

static void run(const char *text, size_t len, const char *published, int threads, struct sink *s)
{
	int r;
	memset(s, 0, sizeof(*s));
	ct_buf_init(&s->out);
	r = threads ? ct_extract_parallel(text, len, published, collect, s, threads)
		    : ct_extract(text, len, published, collect, s);
	assert_int_equal(r, 0);
	assert_int_equal(ct_buf_oom(&s->out), 0);
	assert_false(s->overlapped);
}

static void check_same(const char *text, size_t len, const char *published)
{
	static const int threads[] = { 1, 2, 3, 4, 8 };
	struct sink want, got;
	size_t i;
	run(text, len, published, 0, &want);
	for (i = 0; i < sizeof(threads) / sizeof(threads[0]); i++) {
		run(text, len, published, threads[i], &got);
		assert_int_equal(got.seen, want.seen);
		assert_int_equal(got.out.len, want.out.len);
		assert_memory_equal(got.out.ptr, want.out.ptr, want.out.len);
		ct_buf_release(&got.out);
	}
	ct_buf_release(&want.out);
}

static void test_same_drafts(void **state)
{
	ct_buf t = CT_BUF_INIT;
	(void)state;
	build_text(&t, 60);
	assert_int_equal(ct_buf_oom(&t), 0);
	assert_true(t.len > 200000);
	check_same(t.ptr, t.len, PUBLISHED);
	check_same(t.ptr, t.len, NULL);
	/* hard-wrapped: the same text broken at 72 columns */
	{
		ct_buf w = CT_BUF_INIT;
		size_t i, col = 0;
		for (i = 0; i < t.len; i++) {
			char c = t.ptr[i];
			if (c == '\n')
				col = 0;
			else if (c == ' ' && col > 72) {
				c = '\n';
				col = 0;
			} else
				col++;
			ct_buf_putc(&w, c);
		}
		assert_int_equal(ct_buf_oom(&w), 0);
		check_same(w.ptr, w.len, PUBLISHED);
		ct_buf_release(&w);
	}
	ct_buf_release(&t);
}

static void test_small_texts(void **state)
{
	static const char one[] = "Mr. Lind said 40 people left on Monday.";
	(void)state;
	check_same("", 0, PUBLISHED);
	check_same(one, strlen(one), PUBLISHED);
	check_same("\n\n\n", 3, NULL);
}

static void test_stops_on_error(void **state)
{
	static const size_t stops[] = { 1, 2, 31, 32, 33, 64, 65, 500, 1777 };
	ct_buf t = CT_BUF_INIT;
	struct sink all;
	size_t i;
	int threads;
	(void)state;
	build_text(&t, 30);
	assert_int_equal(ct_buf_oom(&t), 0);
	run(t.ptr, t.len, PUBLISHED, 0, &all);
	assert_true(all.seen > 1777);
	for (threads = 2; threads <= 4; threads++) {
		for (i = 0; i < sizeof(stops) / sizeof(stops[0]); i++) {
			struct sink s;
			int r;
			memset(&s, 0, sizeof(s));
			ct_buf_init(&s.out);
			s.stop_at = stops[i];
			ct_error_clear();
			r = ct_extract_parallel(t.ptr, t.len, PUBLISHED, collect, &s, threads);
			/* the callback's code and message, and exactly the segments up to it, in order */
			assert_int_equal(r, CT_EINPUT);
			assert_int_equal(s.seen, stops[i]);
			{
				char want[64];
				snprintf(want, sizeof(want), "stopped at segment %zu", stops[i]);
				assert_string_equal(ct_error_last(), want);
			}
			assert_true(s.out.len < all.out.len);
			assert_memory_equal(s.out.ptr, all.out.ptr, s.out.len);
			assert_false(s.overlapped);
			ct_buf_release(&s.out);
		}
		/* the last segment */
		{
			struct sink s;
			memset(&s, 0, sizeof(s));
			ct_buf_init(&s.out);
			s.stop_at = all.seen;
			assert_int_equal(ct_extract_parallel(t.ptr, t.len, PUBLISHED, collect, &s, threads), CT_EINPUT);
			assert_int_equal(s.seen, all.seen);
			ct_buf_release(&s.out);
		}
	}
	ct_buf_release(&all.out);
	ct_buf_release(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_same_drafts),
		cmocka_unit_test(test_small_texts),
		cmocka_unit_test(test_stops_on_error),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
