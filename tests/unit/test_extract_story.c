/* The extractor on the example story (examples/story/, articles we invented): segment kinds,
 * claims and non-claims, types, speakers, numbers and dates, as a fact-checker would label them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "extract/extract.h"
#include "text/utf8.h"
#include "util/buf.h"

#define MAXROWS 64

struct row {
	int kind;
	int is_claim;
	char type[16];
	char text[400];
	char speaker[64];
	size_t nnumbers, ndates;
	struct ct_number numbers[8];
	struct ct_date dates[8];
	char date_text[8][48];
};

struct story {
	struct row rows[MAXROWS];
	size_t n;
};

static int keep(const struct ct_claim_draft *d, void *payload)
{
	struct story *st = payload;
	struct row *r;
	size_t i;
	if (st->n >= MAXROWS)
		return 0;
	r = &st->rows[st->n++];
	memset(r, 0, sizeof(*r));
	r->kind = d->seg->kind;
	r->is_claim = d->is_claim;
	snprintf(r->type, sizeof(r->type), "%s", d->type);
	snprintf(r->text, sizeof(r->text), "%s", d->text);
	if (d->speaker)
		snprintf(r->speaker, sizeof(r->speaker), "%.*s", (int)d->speaker_len, d->speaker);
	for (i = 0; i < d->nnumbers && i < 8; i++)
		r->numbers[r->nnumbers++] = d->numbers[i];
	for (i = 0; i < d->ndates && i < 8; i++) {
		r->dates[r->ndates] = d->dates[i];
		snprintf(r->date_text[r->ndates], 48, "%.*s", (int)(d->dates[i].end - d->dates[i].start),
			 d->text + d->dates[i].start);
		r->ndates++;
	}
	return 0;
}

static struct story *load(const char *path, const char *published)
{
	struct story *st = calloc(1, sizeof(*st));
	ct_buf raw = CT_BUF_INIT, text = CT_BUF_INIT;
	if (ct_buf_read_file(&raw, path) < 0)
		fail_msg("cannot read %s (run the tests from the repository root)", path);
	assert_int_equal(ct_text_clean(&text, raw.ptr, raw.len, NULL, NULL), 0);
	assert_int_equal(ct_extract(text.ptr, text.len, published, keep, st), 0);
	ct_buf_release(&raw);
	ct_buf_release(&text);
	return st;
}

/* The row whose text starts with prefix. */
static const struct row *find(const struct story *st, const char *prefix)
{
	size_t i;
	for (i = 0; i < st->n; i++)
		if (!strncmp(st->rows[i].text, prefix, strlen(prefix)))
			return &st->rows[i];
	fail_msg("no segment starts with '%s'", prefix);
	return NULL;
}

static void test_herald_kinds(void **state)
{
	struct story *st = load("examples/story/harbour-herald.txt", "2025-10-15");
	(void)state;
	assert_int_equal(st->rows[0].kind, CT_SEG_HEADING);
	assert_string_equal(st->rows[0].text, "Saltmere Barrier Gate Fails as Storm Surge Floods Port Alder\xe2\x80\x99s Lowharbour");
	assert_int_equal(st->rows[1].kind, CT_SEG_BYLINE);
	assert_string_equal(st->rows[1].text, "By Mira Castell");
	assert_int_equal(find(st, "A Warning Left Unanswered")->kind, CT_SEG_HEADING);
	assert_int_equal(find(st, "What Comes Next")->kind, CT_SEG_HEADING);
	assert_int_equal(find(st, "0 Comments")->kind, CT_SEG_FURNITURE);
	assert_int_equal(find(st, "Share this article")->kind, CT_SEG_FURNITURE);
	assert_int_equal(find(st, "MORE FROM THE HERALD")->kind, CT_SEG_TEASER);
	assert_int_equal(find(st, "Mira Castell is a reporter")->kind, CT_SEG_BYLINE);
	/* Hard-wrapped sentences come out whole, abbreviations and clock times included. */
	assert_string_equal(find(st, "She said engineers")->text,
			    "She said engineers had closed the gate by hand at about 6:15 a.m.");
	assert_true(find(st, "Dr. Jorun F. Aalders, a hydraulic engineer")->is_claim);
	assert_false(find(st, "What Comes Next")->is_claim);
	assert_false(find(st, "0 Comments")->is_claim);
	free(st);
}

static void test_herald_types_and_speakers(void **state)
{
	struct story *st = load("examples/story/harbour-herald.txt", "2025-10-15");
	(void)state;
	assert_string_equal(find(st, "Nearly 40 people")->type, "quantity");
	assert_string_equal(find(st, "\xe2\x80\x9cThe backup pump")->type, "quote");
	assert_string_equal(find(st, "\xe2\x80\x9cThe backup pump")->speaker, "Petra Okafor");
	assert_string_equal(find(st, "\xe2\x80\x9c" "An apology is not a repair plan")->speaker, "Ilse Marten");
	assert_string_equal(find(st, "\xe2\x80\x9cNobody in this ministry")->speaker, "Lena Vos");   /* the surname said: the full name said before */
	/* The speaker named before the verb, several words away. */
	assert_string_equal(find(st, "Dr. Jorun F. Aalders, a hydraulic engineer")->speaker, "Jorun F. Aalders");
	/* "She said" takes the last named speaker. */
	assert_string_equal(find(st, "She said engineers")->speaker, "Petra Okafor");
	assert_string_equal(find(st, "The agency plans to replace")->type, "prediction");
	assert_string_equal(find(st, "Adm. Petra Okafor, the agency")->type, "statement");
	free(st);
}

static void test_herald_numbers_and_dates(void **state)
{
	struct story *st = load("examples/story/harbour-herald.txt", "2025-10-15");
	const struct row *r;
	(void)state;
	r = find(st, "Nearly 40 people");
	assert_int_equal(r->nnumbers, 2);
	assert_true(r->numbers[0].value == 40 && !strcmp(r->numbers[0].approx, "nearly"));
	assert_string_equal(r->numbers[0].unit, "people");
	assert_true(r->numbers[1].value == 2000 && !strcmp(r->numbers[1].approx, "almost"));
	r = find(st, "On Wednesday, the cabinet");
	assert_true(r->numbers[0].value == 25000000);
	assert_string_equal(r->dates[0].resolved, "2025-10-15");
	r = find(st, "One of the 12 steel gates");
	assert_true(r->numbers[0].value == 12);
	assert_string_equal(r->numbers[0].unit, "gate");
	assert_int_equal(r->dates[0].weekday, 1);
	assert_string_equal(r->dates[0].resolved, "2025-10-14");
	r = find(st, "\xe2\x80\x9cThe warning sat on paper for two years");
	assert_true(r->numbers[0].value == 2);
	assert_string_equal(r->numbers[0].unit, "year");
	r = find(st, "The agency plans to replace");
	assert_string_equal(r->date_text[0], "by the end of 2027");
	assert_string_equal(r->dates[0].kind, "period");
	/* In a sentence about the future a bare weekday is the next one. */
	r = find(st, "Schools in Lowharbour will remain closed");
	assert_string_equal(r->dates[0].resolved, "2025-10-20");
	free(st);
}

static void test_story_claim_counts(void **state)
{
	static const char *const files[] = {
		"examples/story/harbour-herald.txt", "examples/story/coastline-daily.txt",
		"examples/story/wire-service.txt", "examples/story/sloppy-rewrite.txt",
		"examples/story/translated-copy.txt", NULL
	};
	size_t total = 0, i, k;
	(void)state;
	for (k = 0; files[k]; k++) {
		struct story *st = load(files[k], "2025-10-15");
		for (i = 0; i < st->n; i++)
			total += (size_t)st->rows[i].is_claim;
		free(st);
	}
	/* Five articles of 500-700 words: well over 60 claims (the bar for a desk). */
	assert_true(total >= 100);
}

static void test_crlf_same_claims(void **state)
{
	const char *lf = "Officials said 12 gates closed on Tuesday.\nThe minister said the levy would not rise.\n";
	const char *crlf = "Officials said 12 gates closed on Tuesday.\r\nThe minister said the levy would not rise.\r\n";
	ct_buf a = CT_BUF_INIT, b = CT_BUF_INIT;
	struct story *sa = calloc(1, sizeof(*sa)), *sb = calloc(1, sizeof(*sb));
	size_t i;
	(void)state;
	ct_text_clean(&a, lf, strlen(lf), NULL, NULL);
	ct_text_clean(&b, crlf, strlen(crlf), NULL, NULL);
	ct_extract(a.ptr, a.len, "2025-10-15", keep, sa);
	ct_extract(b.ptr, b.len, "2025-10-15", keep, sb);
	assert_int_equal(sa->n, sb->n);
	assert_int_equal(sa->n, 2);
	for (i = 0; i < sa->n; i++) {
		assert_string_equal(sa->rows[i].text, sb->rows[i].text);
		assert_int_equal(sa->rows[i].is_claim, sb->rows[i].is_claim);
	}
	ct_buf_release(&a);
	ct_buf_release(&b);
	free(sa);
	free(sb);
}

static int stop_at_second(const struct ct_claim_draft *d, void *payload)
{
	int *n = payload;
	(void)d;
	return ++*n == 2 ? 42 : 0;
}

static void test_empty_and_stop(void **state)
{
	struct story *st = calloc(1, sizeof(*st));
	const char *t = "One sentence here. Another one there. A third one too.";
	int n = 0;
	(void)state;
	assert_int_equal(ct_extract("", 0, NULL, keep, st), 0);
	assert_int_equal(st->n, 0);
	assert_int_equal(ct_extract("0 Comments\nShare this article\n", 29, NULL, keep, st), 0);
	for (size_t i = 0; i < st->n; i++)
		assert_false(st->rows[i].is_claim);
	assert_int_equal(ct_extract(t, strlen(t), NULL, stop_at_second, &n), 42);
	assert_int_equal(n, 2);
	free(st);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_herald_kinds),
		cmocka_unit_test(test_herald_types_and_speakers),
		cmocka_unit_test(test_herald_numbers_and_dates),
		cmocka_unit_test(test_story_claim_counts),
		cmocka_unit_test(test_crlf_same_claims),
		cmocka_unit_test(test_empty_and_stop),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
