/* Unit tests for src/extract/dates.c: kinds, spans and resolution of date expressions against
 * the publication date, weekday arithmetic, and the helpers shared with numbers.c. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "extract/dates.h"

#define PUB "2025-10-15"   /* a Wednesday */
#define MAXD 16

struct found {
	int n;
	int stop_at;
	struct ct_date v[MAXD];
};

static struct found found;

static int collect(const struct ct_date *d, void *payload)
{
	struct found *f = payload;
	if (f->n < MAXD)
		f->v[f->n] = *d;
	f->n++;
	return f->stop_at && f->n == f->stop_at ? 5 : 0;
}

static int scan(const char *s, const char *published)
{
	memset(&found, 0, sizeof(found));
	assert_int_equal(ct_dates_scan(s, strlen(s), published, collect, &found), 0);
	return found.n;
}

static void assert_span(const struct ct_date *d, const char *s, const char *want)
{
	char got[256];
	size_t len = d->end - d->start;
	assert_true(d->end >= d->start && d->end <= strlen(s) && len < sizeof(got));
	memcpy(got, s + d->start, len);
	got[len] = '\0';
	assert_string_equal(got, want);
}

/* Date idx of count found in s (published pub) has this span, kind, fields and resolution. */
static void expect_at(const char *s, const char *pub, int count, int idx, const char *span,
		      const char *kind, int y, int m, int d, int wd, const char *resolved)
{
	const struct ct_date *x;
	assert_int_equal(scan(s, pub), count);
	x = &found.v[idx];
	assert_span(x, s, span);
	assert_string_equal(x->kind, kind);
	assert_int_equal(x->year, y);
	assert_int_equal(x->month, m);
	assert_int_equal(x->day, d);
	assert_int_equal(x->weekday, wd);
	assert_string_equal(x->resolved, resolved);
}

static void expect_one(const char *s, const char *pub, const char *span, const char *kind, int y,
		       int m, int d, int wd, const char *resolved)
{
	expect_at(s, pub, 1, 0, span, kind, y, m, d, wd, resolved);
}

static void expect_none(const char *s)
{
	assert_int_equal(scan(s, PUB), 0);
}

/* An ordinal before "century" is no day of the month. */
static void test_centuries(void **state)
{
	(void)state;
	expect_none("Thieves stole four paintings by the 17th-century master.");
	expect_none("The chapel was built by the 12th century, the guide said.");
}

static void test_weekdays(void **state)
{
	(void)state;
	expect_one("The strike began on Tuesday, officials said.", PUB, "Tuesday", "weekday",
		   2025, 10, 14, 1, "2025-10-14");
	expect_one("Talks resumed Wednesday evening.", PUB, "Wednesday evening", "weekday",
		   2025, 10, 15, 2, "2025-10-15");
	expect_one("He arrived on Thursday.", PUB, "Thursday", "weekday", 2025, 10, 9, 3,
		   "2025-10-09");
	expect_one("They vote next Tuesday.", PUB, "next Tuesday", "weekday", 2025, 10, 21, 1,
		   "2025-10-21");
	expect_one("They met last Wednesday.", PUB, "last Wednesday", "weekday", 2025, 10, 8, 2,
		   "2025-10-08");
	expect_one("It was quiet on Sunday night.", PUB, "Sunday night", "weekday", 2025, 10, 12, 6,
		   "2025-10-12");
	/* no anchor: the weekday is stated, nothing resolves */
	expect_one("The strike began on Tuesday.", NULL, "Tuesday", "weekday", 0, 0, 0, 1, "");
	expect_one("The strike began on Tuesday.", "2025-13-45", "Tuesday", "weekday", 0, 0, 0, 1, "");
	expect_none("Tuesdays are quiet; tuesday is not a name.");
	/* a possessive names the day of an event: the date is the day's name */
	expect_one("Saturday's derby drew a record crowd.", PUB, "Saturday", "weekday", 2025, 10, 11, 5,
		   "2025-10-11");
	expect_one("Crews cleared Monday\xE2\x80\x99s spill.", PUB, "Monday", "weekday", 2025, 10, 13, 0,
		   "2025-10-13");
	expect_one("They await next Friday's vote.", PUB, "next Friday", "weekday", 2025, 10, 17, 4, "2025-10-17");
	expect_none("The Mondays's list and a Monday'd word.");
}

static void test_calendar_dates(void **state)
{
	(void)state;
	expect_one("The gates closed on Oct. 13 after the storm.", PUB, "Oct. 13", "date",
		   2025, 10, 13, -1, "2025-10-13");
	expect_one("It was signed October 14, 2025, in Paris.", PUB, "October 14, 2025", "date",
		   2025, 10, 14, -1, "2025-10-14");
	expect_one("They met on 14 October in Rome.", PUB, "14 October", "date", 2025, 10, 14, -1,
		   "2025-10-14");
	expect_one("Filed on Sept. 3.", PUB, "Sept. 3", "date", 2025, 9, 3, -1, "2025-09-03");
	expect_one("The 13th October 2024 vote.", PUB, "13th October 2024", "date", 2024, 10, 13, -1,
		   "2024-10-13");
	expect_one("Since the 13th of October, nothing.", PUB, "Since the 13th of October", "date",
		   2025, 10, 13, -1, "2025-10-13");
	expect_one("They met on the 13th.", PUB, "the 13th", "date", 2025, 10, 13, -1, "2025-10-13");
	expect_one("They met on the 20th.", PUB, "the 20th", "date", 2025, 9, 20, -1, "2025-09-20");
	expect_one("It was announced 2025-10-13.", PUB, "2025-10-13", "date", 2025, 10, 13, -1,
		   "2025-10-13");
	expect_one("The memo is dated Feb. 30.", PUB, "Feb. 30", "date", 2025, 2, 30, -1, "");
	expect_one("On Oct. 13 they left.", NULL, "Oct. 13", "date", 0, 10, 13, -1, "");
	/* a weekday and its date are one expression */
	expect_one("The vote is on Tuesday, Oct. 14.", PUB, "Tuesday, Oct. 14", "date", 2025, 10, 14,
		   1, "2025-10-14");
}

static void test_year_inference(void **state)
{
	(void)state;
	/* Dec. 20 would be 344 days after 2025-01-10: last year */
	expect_one("On Dec. 20 the talks failed.", "2025-01-10", "Dec. 20", "date", 2024, 12, 20, -1,
		   "2024-12-20");
	/* Feb. 20 is 41 days ahead: this year (an announced event) */
	expect_one("On Feb. 20 the talks resume.", "2025-01-10", "Feb. 20", "date", 2025, 2, 20, -1,
		   "2025-02-20");
	expect_one("Prices jumped in October.", PUB, "October", "month", 2025, 10, 0, -1, "");
	expect_one("Sales fell in December.", PUB, "December", "month", 2025, 12, 0, -1, "");
	expect_one("Sales fell in December.", "2025-03-10", "December", "month", 2024, 12, 0, -1, "");
	expect_one("The results came in October 2023.", PUB, "October 2023", "month", 2023, 10, 0,
		   -1, "");
}

static void test_may_and_march(void **state)
{
	(void)state;
	expect_none("May said the plan was dead.");
	expect_one("It opened in May.", PUB, "May", "month", 2025, 5, 0, -1, "");
	expect_one("It opened May 5.", PUB, "May 5", "date", 2025, 5, 5, -1, "2025-05-05");
	expect_none("We may march on.");
}

static void test_years_and_periods(void **state)
{
	(void)state;
	expect_one("The law passed in 2007.", PUB, "2007", "year", 2007, 0, 0, -1, "");
	expect_one("Prices have doubled since 2007.", PUB, "since 2007", "year", 2007, 0, 0, -1, "");
	expect_one("It will be done by the end of 2027.", PUB, "by the end of 2027", "period", 2027,
		   0, 0, -1, "");
	expect_one("Emissions must fall by 2030.", PUB, "by 2030", "period", 2030, 0, 0, -1, "");
	expect_one("Work starts mid-2026.", PUB, "mid-2026", "period", 2026, 0, 0, -1, "");
	expect_one("Profits rose in the first quarter.", PUB, "the first quarter", "period", 2025, 0, 0,
		   -1, "");
	expect_one("It sold in the second half of 2024.", PUB, "the second half of 2024", "period",
		   2024, 0, 0, -1, "");
	expect_one("Rates fall at the end of the year.", PUB, "the end of the year", "period", 2025,
		   0, 0, -1, "");
	expect_one("Snow is due in early December.", PUB, "early December", "period", 2025, 12, 0,
		   -1, "");
	expect_one("It peaked in the 1990s.", PUB, "the 1990s", "period", 1990, 0, 0, -1, "");
	expect_none("The end of the war came.");
	expect_one("The 2007 law and 2,000 people.", PUB, "2007", "year", 2007, 0, 0, -1, "");
}

/* A quarter without its year: the last one begun by publication, by the rule of a month alone. */
static void test_quarters(void **state)
{
	(void)state;
	/* the fourth quarter would begin 264 days after 2025-01-10: last year's */
	expect_one("Exports slumped in the fourth quarter.", "2025-01-10", "the fourth quarter", "period", 2024, 0,
		   0, -1, "");
	assert_int_equal(found.v[0].last_month, 12);
	expect_one("Exports slumped in the second quarter.", "2025-08-01", "the second quarter", "period", 2025, 0,
		   0, -1, "");
	assert_int_equal(found.v[0].last_month, 6);
	/* the last quarter: the one before publication's */
	expect_one("Sales fell in the last quarter.", "2025-02-03", "the last quarter", "period", 2024, 0, 0, -1,
		   "");
	assert_int_equal(found.v[0].last_month, 12);
	expect_one("Sales fell last quarter.", "2025-08-03", "last quarter", "period", 2025, 0, 0, -1, "");
	assert_int_equal(found.v[0].last_month, 6);
	/* a year stated is kept, and no month is claimed for it */
	expect_one("Sales fell in the third quarter of 2023.", "2025-08-03", "the third quarter of 2023", "period",
		   2023, 0, 0, -1, "");
	assert_int_equal(found.v[0].last_month, 0);
	expect_one("Exports slumped in the fourth quarter.", NULL, "the fourth quarter", "period", 0, 0, 0, -1, "");
}

/* "last year", "next year", "this year" after a month or a day and month: one date in that year. */
static void test_month_with_year_words(void **state)
{
	(void)state;
	expect_one("The dam was finished in April last year.", PUB, "April last year", "month", 2024, 4, 0, -1,
		   "");
	expect_one("The dam was finished in April of last year.", PUB, "April of last year", "month", 2024, 4, 0,
		   -1, "");
	expect_one("The fund closes on March 3 next year.", PUB, "March 3 next year", "date", 2026, 3, 3, -1,
		   "2026-03-03");
	/* the inferred year (last year's December, from 2025-03-10) gives way to the one said */
	expect_one("It opens on 20 December this year.", "2025-03-10", "20 December this year", "date", 2025, 12,
		   20, -1, "2025-12-20");
	expect_one("Work stops until Feb. 9 next year.", PUB, "until Feb. 9 next year", "date", 2026, 2, 9, -1,
		   "2026-02-09");
	expect_one("Snow came in late November last year.", PUB, "late November last year", "period", 2024, 11,
		   0, -1, "");
	/* no day that year: the day and month stay, unresolved */
	expect_one("It is due on Feb. 29 next year.", PUB, "Feb. 29 next year", "date", 2026, 2, 29, -1, "");
	/* no anchor: one expression still, with no year */
	expect_one("The dam was finished in April last year.", NULL, "April last year", "month", 0, 4, 0, -1, "");
	/* a year stated in figures is not overridden; "last year" is then a date of its own */
	assert_int_equal(scan("It was signed in April 2023 last year.", PUB), 2);
	assert_string_equal(found.v[1].kind, "relative");
	/* "last year" apart from the month is a date of its own */
	assert_int_equal(scan("In April, prices rose; last year they fell.", PUB), 2);
}

/* A day with a period before the month's full name, as German and Nordic dates are written. */
static void test_day_period_month(void **state)
{
	(void)state;
	expect_one("The new fares apply from 1. March on all lines.", PUB, "1. March", "date", 2025, 3, 1, -1,
		   "2025-03-01");
	expect_one("The office reopens on 15. January 2026.", PUB, "15. January 2026", "date", 2026, 1, 15, -1,
		   "2026-01-15");
	/* an abbreviation, a figure past 31, a space before the period: no date */
	expect_none("The list ran to item 4. Dec was absent.");
	expect_none("It came to 45. March brought more.");
	expect_none("They counted 7 . March was cold.");
}

/* A year between a determiner and a singular noun is a year; a plural or a unit counts. */
static void test_year_before_noun(void **state)
{
	(void)state;
	expect_one("The mine broke a 2021 rule on water.", PUB, "2021", "year", 2021, 0, 0, -1, "");
	expect_one("Their 1998 report was withdrawn.", PUB, "1998", "year", 1998, 0, 0, -1, "");
	expect_none("The 2000 residents were moved.");
	expect_none("She won a 2000 metre race.");
	expect_none("The 2000 Olympians marched.");
	expect_one("It recalls the 2012 Kessel floods.", PUB, "2012", "year", 2012, 0, 0, -1, "");
	expect_none("A 2000-page file and 2012 votes.");
	/* a year before 1900 after a date word; a translation's "in the year" */
	expect_one("The school was founded in 1887.", PUB, "1887", "year", 1887, 0, 0, -1, "");
	expect_one("The last rise came in the year 2024.", PUB, "2024", "year", 2024, 0, 0, -1, "");
	/* the year of a numbered text */
	expect_one("It needs a vote under Resolution No. 14 of 2019.", PUB, "2019", "year", 2019, 0, 0, -1, "");
	expect_one("Act 5 of 2020 bans it.", PUB, "2020", "year", 2020, 0, 0, -1, "");
	expect_none("They lost 3 of 2000 votes.");
	expect_none("Only 40 of 2000 applicants got places.");
	/* a year out of 1900-2100 only with no word after it but a function word */
	expect_none("The council cut the waiting list by 1200 places.");
	expect_one("The club, founded in 1887, plays in red.", PUB, "1887", "year", 1887, 0, 0, -1, "");
}

static void test_relative(void **state)
{
	(void)state;
	expect_one("The minister resigned yesterday.", PUB, "yesterday", "relative", 2025, 10, 14, -1,
		   "2025-10-14");
	expect_one("Results are due tomorrow.", PUB, "tomorrow", "relative", 2025, 10, 16, -1,
		   "2025-10-16");
	expect_one("It was announced last week.", PUB, "last week", "relative", 0, 0, 0, -1, "");
	expect_one("Prices rose earlier this month.", PUB, "earlier this month", "relative", 2025, 10,
		   0, -1, "");
	expect_one("It fell last year.", PUB, "last year", "relative", 2024, 0, 0, -1, "");
	expect_one("It fell three days ago.", PUB, "three days ago", "relative", 2025, 10, 12, -1,
		   "2025-10-12");
	expect_one("Shots rang out last night.", PUB, "last night", "relative", 2025, 10, 14, -1,
		   "2025-10-14");
	/* across a year boundary */
	expect_one("He left yesterday.", "2025-01-01", "yesterday", "relative", 2024, 12, 31, -1,
		   "2024-12-31");
	expect_one("It fell last month.", "2025-01-20", "last month", "relative", 2024, 12, 0, -1, "");
	expect_one("He left yesterday.", NULL, "yesterday", "relative", 0, 0, 0, -1, "");
	/* a possessive; a month with "next" or "last"; a weekday of the week before or after */
	expect_one("It leaves a gap in next year's budget.", PUB, "next year", "relative", 2026, 0, 0, -1, "");
	expect_one("It leaves a gap in next year\xE2\x80\x99s budget.", PUB, "next year", "relative", 2026, 0, 0, -1, "");
	expect_one("Fees rise from next September.", PUB, "next September", "month", 2026, 9, 0, -1, "");
	/* the next season: its year (a winter's, the year it starts in) */
	expect_one("The report is due next spring.", PUB, "next spring", "relative", 2026, 0, 0, -1, "");
	expect_one("The report is due next spring.", "2026-02-10", "next spring", "relative", 2026, 0, 0, -1, "");
	expect_one("The hall reopens in the coming summer.", PUB, "the coming summer", "relative", 2026, 0, 0, -1, "");
	expect_one("The hall reopens next winter.", "2025-12-05", "next winter", "relative", 2026, 0, 0, -1, "");
	expect_one("The hall reopens next autumn.", "2025-08-05", "next autumn", "relative", 2025, 0, 0, -1, "");
	expect_one("Farmers hope for rain in the coming spring.", "2027-03-05", "the coming spring", "relative", 2027, 0, 0,
		   -1, "");
	/* a season's name as a compound's first word is no time */
	expect_none("The next spring tide could flood the quay.");
	expect_none("The next winter storm is due soon.");
	expect_none("Economists expect the next fall in interest rates.");
	expect_one("Fees rise from next November.", PUB, "next November", "month", 2025, 11, 0, -1, "");
	expect_one("Fees rose last March.", PUB, "last March", "month", 2025, 3, 0, -1, "");
	expect_one("Fees rose last October.", PUB, "last October", "month", 2024, 10, 0, -1, "");
	expect_one("The board published it on Tuesday of last week.", PUB, "Tuesday of last week", "date", 2025,
		   10, 7, 1, "2025-10-07");
	expect_one("The board meets on Friday of next week.", PUB, "Friday of next week", "date", 2025, 10, 24, 4,
		   "2025-10-24");
}

static void test_times(void **state)
{
	(void)state;
	expect_one("The blast came at 4:40 a.m. local time.", PUB, "4:40 a.m.", "time", 0, 0, 0, -1, "");
	expect_one("Doors open at 10 p.m. sharp.", PUB, "10 p.m.", "time", 0, 0, 0, -1, "");
	expect_one("They met at noon.", PUB, "noon", "time", 0, 0, 0, -1, "");
	expect_one("They met at 4pm.", PUB, "4pm", "time", 0, 0, 0, -1, "");
	/* a translation's clock ("5.50 o'clock", curly or straight) and a time of day said as one */
	expect_one("The roof came down at around 5.50 o\xE2\x80\x99" "clock.", PUB, "5.50 o\xE2\x80\x99" "clock", "time", 0, 0, 0,
		   -1, "");
	expect_one("Since 10 o'clock the rescuers have contact with them.", PUB, "Since 10 o'clock", "time", 0, 0,
		   0, -1, "");
	expect_one("They have been in touch by telephone since mid-morning.", PUB, "since mid-morning", "time", 0,
		   0, 0, -1, "");
	expect_one("The crews arrived in mid-afternoon.", PUB, "mid-afternoon", "time", 0, 0, 0, -1, "");
	/* near misses: not an hour, not a time of day */
	expect_none("The dial reads 31 o'clock.");
	expect_none("The mid-ocean ridge is deep.");
	expect_at("It hit at 4:40 a.m. Tuesday.", PUB, 2, 0, "4:40 a.m.", "time", 0, 0, 0, -1, "");
	expect_at("It hit at 4:40 a.m. Tuesday.", PUB, 2, 1, "Tuesday", "weekday", 2025, 10, 14, 1,
		  "2025-10-14");
	expect_none("The score was 14 to 41.");
}

static void test_utf8_and_order(void **state)
{
	const char *s = "\xE2\x80\x9COn\xC2\xA0Tuesday\xE2\x80\x9D \xE2\x80\x94 and again Oct.\xC2\xA0"
			"13 \xE2\x80\x93 since 2007.";
	(void)state;
	assert_int_equal(scan(s, PUB), 3);
	assert_span(&found.v[0], s, "Tuesday");
	assert_span(&found.v[1], s, "Oct.\xC2\xA0" "13");
	assert_span(&found.v[2], s, "since 2007");
	assert_string_equal(found.v[1].resolved, "2025-10-13");
}

static void test_callback_stops(void **state)
{
	const char *s = "Monday, Tuesday and Wednesday";
	(void)state;
	memset(&found, 0, sizeof(found));
	found.stop_at = 2;
	assert_int_equal(ct_dates_scan(s, strlen(s), PUB, collect, &found), 5);
	assert_int_equal(found.n, 2);
}

static void test_weekday_arithmetic(void **state)
{
	(void)state;
	assert_int_equal(ct_weekday(2025, 10, 15), 2);
	assert_int_equal(ct_weekday(2000, 1, 1), 5);
	assert_int_equal(ct_weekday(1970, 1, 1), 3);
	assert_int_equal(ct_weekday(2024, 2, 29), 3);
	assert_int_equal(ct_weekday(1900, 3, 1), 3);
	assert_int_equal(ct_weekday(1600, 2, 29), 1);
	assert_int_equal(ct_weekday(2100, 12, 31), 4);
	assert_int_equal(ct_weekday(1, 1, 1), 0);
}

static void test_helpers(void **state)
{
	(void)state;
	assert_int_equal(ct_month_word("sept"), 9);
	assert_int_equal(ct_month_word("october"), 10);
	assert_int_equal(ct_month_word("oct"), 10);
	assert_int_equal(ct_month_word("octo"), 0);
	assert_int_equal(ct_weekday_word("sunday"), 6);
	assert_int_equal(ct_weekday_word("sun"), -1);
	assert_true(ct_dates_year_context("since", ""));
	assert_true(ct_dates_year_context("of", "end"));
	assert_false(ct_dates_year_context("of", "one"));
	assert_false(ct_dates_year_context("the", ""));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_weekdays),
		cmocka_unit_test(test_centuries),
		cmocka_unit_test(test_calendar_dates),
		cmocka_unit_test(test_year_inference),
		cmocka_unit_test(test_may_and_march),
		cmocka_unit_test(test_years_and_periods),
		cmocka_unit_test(test_quarters),
		cmocka_unit_test(test_month_with_year_words),
		cmocka_unit_test(test_day_period_month),
		cmocka_unit_test(test_year_before_noun),
		cmocka_unit_test(test_relative),
		cmocka_unit_test(test_times),
		cmocka_unit_test(test_utf8_and_order),
		cmocka_unit_test(test_callback_stops),
		cmocka_unit_test(test_weekday_arithmetic),
		cmocka_unit_test(test_helpers),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
