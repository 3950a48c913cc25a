/* Unit tests for src/extract/numbers.c: spans, values, units and approximations of number
 * expressions, what is not a number, and compatibility. `test_numbers --bench` times the scanners. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "extract/dates.h"
#include "extract/numbers.h"
#include "extract/tokens.h"

#define MAXN 300

struct found {
	const char *s;
	int n;
	int stop_at;             /* return 9 from the callback at this count when non-zero */
	struct ct_number v[MAXN];
};

static int collect(const struct ct_number *n, void *payload)
{
	struct found *f = payload;
	if (f->n < MAXN)
		f->v[f->n] = *n;
	f->n++;
	return f->stop_at && f->n == f->stop_at ? 9 : 0;
}

static struct found found;

static int scan(const char *s)
{
	memset(&found, 0, sizeof(found));
	found.s = s;
	assert_int_equal(ct_numbers_scan(s, strlen(s), collect, &found), 0);
	return found.n;
}

static void assert_span(const struct ct_number *n, const char *s, const char *want)
{
	char got[256];
	size_t len = n->end - n->start;
	assert_true(n->end >= n->start && n->end <= strlen(s) && len < sizeof(got));
	memcpy(got, s + n->start, len);
	got[len] = '\0';
	assert_string_equal(got, want);
}

/* Number idx of count numbers found in s is span with value..high, unit and approx. */
static void expect_at(const char *s, int count, int idx, const char *span, double value,
		      double high, const char *unit, const char *approx, int ordinal)
{
	const struct ct_number *n;
	assert_int_equal(scan(s), count);
	n = &found.v[idx];
	assert_span(n, s, span);
	assert_true(fabs(n->value - value) < 1e-9 * (fabs(value) + 1));
	assert_true(fabs(n->high - high) < 1e-9 * (fabs(high) + 1));
	assert_string_equal(n->unit, unit);
	if (approx)
		assert_non_null(n->approx);
	assert_string_equal(n->approx ? n->approx : "(none)", approx ? approx : "(none)");
	assert_int_equal(n->ordinal, ordinal);
}

static void expect_one(const char *s, const char *span, double value, double high,
		       const char *unit, const char *approx, int ordinal)
{
	expect_at(s, 1, 0, span, value, high, unit, approx, ordinal);
}

static void expect_none(const char *s)
{
	assert_int_equal(scan(s), 0);
}

static void test_brief_examples(void **state)
{
	(void)state;
	expect_one("Nearly 40 people were killed.", "Nearly 40 people", 40, 40, "people", "nearly", 0);
	expect_one("Almost 2,000 residents fled the town.", "Almost 2,000 residents", 2000, 2000,
		   "resident", "almost", 0);
	expect_one("The agency said about 1.2 million.", "about 1.2 million", 1200000, 1200000, "",
		   "about", 0);
	expect_one("The work took two years.", "two years", 2, 2, "year", NULL, 0);
	expect_one("She holds a 20-point lead.", "20-point", 20, 20, "point", NULL, 0);
	expect_one("Prices rose 3.5 percent in the year.", "3.5 percent", 3.5, 3.5, "percent", NULL, 0);
	expect_one("There were between 30 and 40 of them.", "between 30 and 40", 30, 40, "", NULL, 0);
	expect_one("They expect 30-40 by Friday.", "30-40", 30, 40, "", NULL, 0);
	expect_one("A $1.5 billion deal was signed.", "$1.5 billion", 1.5e9, 1.5e9, "usd", NULL, 0);
	expect_one("She is the No. 3 seed.", "No. 3", 3, 3, "no", NULL, 0);
	expect_one("Water came through the 12 steel gates.", "12 steel gates", 12, 12, "gate", NULL, 0);
	expect_one("Only 11 gates were open.", "11 gates", 11, 11, "gate", NULL, 0);
	expect_one("The toll reached twenty-five on Monday.", "twenty-five", 25, 25, "", NULL, 0);
	expect_one("More than 100 soldiers were deployed.", "More than 100 soldiers", 100, 100,
		   "soldier", "more than", 0);
}

/* Thousands grouped by spaces (translations keep them): one figure; a year or a four-digit
 * figure before three digits is not a group. */
static void test_space_grouped(void **state)
{
	(void)state;
	expect_one("Some 3 860 residents were evacuated.", "Some 3 860 residents", 3860, 3860, "resident", "some", 0);
	expect_one("About 140 000 litres leaked.", "About 140 000 litres", 140000, 140000, "litre", "about", 0);
	expect_one("The fund holds 1\xc2\xa0" "250\xc2\xa0" "000 euros.", "1\xc2\xa0" "250\xc2\xa0" "000 euros", 1250000,
		   1250000, "eur", NULL, 0);
	expect_one("A crowd of 12\xe2\x80\xaf" "500 people gathered.", "12\xe2\x80\xaf" "500 people", 12500, 12500, "people",
		   NULL, 0);
	expect_one("In 2024 the town counted 100 people.", "100 people", 100, 100, "people", NULL, 0);
	expect_at("The 1 250 horses came first.", 2, 0, "1 250 horses", 1250, 1250, "horse", NULL, 0);
}

/* A translation's decimal comma, and "circa". */
static void test_decimal_comma(void **state)
{
	(void)state;
	expect_one("A tremor of magnitude 2,9 was recorded.", "2,9", 2.9, 2.9, "", NULL, 0);
	expect_one("The ticket costs 12,50 kroner.", "12,50 kroner", 12.5, 12.5, "kroner", NULL, 0);
	expect_one("The museum draws circa 240 000 visitors.", "circa 240 000 visitors", 240000, 240000, "visitor",
		   "circa", 0);
	/* a thousands group, a list of figures, a year before a count: no decimal comma */
	expect_one("The fund holds 3,500 euros.", "3,500 euros", 3500, 3500, "eur", NULL, 0);
	expect_at("The scores were 1,2,3 in order.", 3, 1, "2", 2, 2, "", NULL, 0);
	expect_one("In 2019,5 people died.", "5 people", 5, 5, "people", NULL, 0);
}

/* "over" before a span of time is the span's preposition, not a hedge */
static void test_over_a_span(void **state)
{
	(void)state;
	expect_at("A club may lose $15 million over three seasons.", 2, 0, "$15 million", 15e6, 15e6, "usd", NULL, 0);
	expect_at("A club may lose $15 million over three seasons.", 2, 1, "three seasons", 3, 3, "season", NULL, 0);
	expect_one("Prices rose over two years.", "two years", 2, 2, "year", NULL, 0);
	expect_one("Homes were cut off for over eight hours.", "over eight hours", 8, 8, "hour", "over", 0);
	expect_one("Patients now wait over two years for an operation.", "over two years", 2, 2, "year", "over", 0);
	expect_one("The crowd was over 3,000 people.", "over 3,000 people", 3000, 3000, "people", "over", 0);
}

static void test_not_numbers(void **state)
{
	(void)state;
	expect_none("The blast came at 4:40 a.m. local time.");
	expect_none("The roof came down at around 5.50 o'clock, before the shift ended.");
	expect_none("Since around 10 o\xE2\x80\x99" "clock the rescuers have contact with them.");
	expect_none("The law passed in 2007 after a long fight.");
	expect_none("The school was founded in 1887 and rebuilt in the year 1911.");   /* years: dates */
	expect_one("It needs a vote under Resolution No. 14 of 2019.", "No. 14", 14, 14, "no", NULL, 0);   /* the year is a date */
	expect_none("It is one of the largest ports.");
	expect_none("The report came out on Oct. 13 and again on October 14, 2025.");
	expect_none("They met on 14 October in the capital.");
	expect_none("It resumes by the end of 2027, perhaps mid-2026.");
	expect_none("The COVID-19 crisis hit F-16 production in the 1990s.");
	expect_none("Doors open at 10 p.m. or 4pm, never at noon.");
	expect_none("The home side won 3-1 on penalties.");
	expect_none("It happened three days ago, since 2007, in 2020-21.");
	expect_none("No one saw the one who left.");
	expect_none("They sell the old one to cover their losses, and buy a bigger one.");
	expect_none("A strike could begin if the members vote for one.");
	/* but a count: before a compound with a number, in a ratio */
	expect_at("The board offered him one three-year contract.", 2, 0, "one", 1, 1, "", NULL, 0);
	expect_at("A staggering one in four children lives in poverty.", 2, 0, "one", 1, 1, "", NULL, 0);
	expect_one("Why needed one three months for it?", "three months", 3, 3, "month", NULL, 0);   /* "one": a pronoun */
	expect_none("At first nobody noticed.");
	/* an ordinal before a sum ranks it; a vote's tally is two counts, a score none */
	expect_at("The board voted 9-0 on Thursday.", 2, 1, "0", 0, 0, "", NULL, 0);
	expect_at("The council approved it in a 5-2 vote.", 2, 0, "5", 5, 5, "", NULL, 0);
	/* "first" as an adverb; after a verb of finishing it is a place */
	expect_none("Sen. Ida Crane wants a hearing on the costs first.");
	expect_none("The senator wants first a hearing about the costs.");
	expect_none("First, the board must hold a vote.");
	expect_one("Her horse finished first at Kelso.", "first", 1, 1, "", NULL, 1);
	expect_none("The council met on the 13th of October, and again on the 13th.");
	expect_none("It was announced 2025-10-13.");
	expect_none("");
}

static void test_years_that_are_numbers(void **state)
{
	(void)state;
	expect_one("Some 2,000 residents left.", "Some 2,000 residents", 2000, 2000, "resident",
		   "some", 0);
	expect_one("Officials counted 2000 residents.", "2000 residents", 2000, 2000, "resident", NULL, 0);
}

static void test_currency_and_scale(void **state)
{
	(void)state;
	expect_one("The club paid €20m for him.", "€20m", 20e6, 20e6, "eur", NULL, 0);
	expect_one("A £3bn hole in the budget.", "£3bn", 3e9, 3e9, "gbp", NULL, 0);
	expect_one("A US$5 million grant.", "US$5 million", 5e6, 5e6, "usd", NULL, 0);
	expect_one("They paid 40 dollars each.", "40 dollars", 40, 40, "usd", NULL, 0);
	expect_one("About 1.2m people live there.", "About 1.2m people", 1.2e6, 1.2e6, "people",
		   "about", 0);
	expect_one("The wall is 20m tall.", "20m", 20, 20, "m", NULL, 0);
	expect_one("A 5km run.", "5km", 5, 5, "km", NULL, 0);
	expect_one("Between $1 and $2 billion was lost.", "Between $1 and $2 billion", 1e9, 2e9, "usd",
		   NULL, 0);
}

static void test_percentages(void **state)
{
	(void)state;
	expect_one("Support fell 30–40% in a week.", "30–40%", 30, 40, "percent", NULL, 0);
	expect_one("Turnout was 7 per cent lower.", "7 per cent", 7, 7, "percent", NULL, 0);
	expect_one("The gap widened by 2 percentage points.", "2 percentage points", 2, 2, "point",
		   NULL, 0);
	expect_one("Inflation hit 9.1%.", "9.1%", 9.1, 9.1, "percent", NULL, 0);
}

static void test_words(void **state)
{
	(void)state;
	expect_one("Half a million people marched.", "Half a million people", 500000, 500000,
		   "people", NULL, 0);
	expect_one("She bought a dozen eggs.", "a dozen eggs", 12, 12, "egg", NULL, 0);
	expect_one("Two hundred and fifty thousand people came.",
		   "Two hundred and fifty thousand people", 250000, 250000, "people", NULL, 0);
	expect_one("One man was arrested.", "One man", 1, 1, "man", NULL, 0);
	expect_one("Seventy-three children were hurt.", "Seventy-three children", 73, 73, "child",
		   NULL, 0);
	assert_int_equal(scan("Two-thirds of voters agreed."), 1);
	assert_true(fabs(found.v[0].value - 2.0 / 3) < 1e-9);
	assert_span(&found.v[0], found.s, "Two-thirds");
}

static void test_ordinals(void **state)
{
	(void)state;
	expect_one("It was the third time.", "third time", 3, 3, "time", NULL, 1);
	expect_one("He finished 3rd overall.", "3rd overall", 3, 3, "overall", NULL, 1);
	expect_one("The twenty-first century began.", "twenty-first century", 21, 21, "century",
		   NULL, 1);
	expect_one("The first reports came in.", "first reports", 1, 1, "report", NULL, 1);
	/* ordinals past the first few words of the lexicon */
	expect_one("It was their thirtieth anniversary.", "thirtieth anniversary", 30, 30, "anniversary", NULL, 1);
	expect_one("She finished forty-first.", "forty-first", 41, 41, "", NULL, 1);
	expect_one("The ninety-ninth vote failed.", "ninety-ninth vote", 99, 99, "vote", NULL, 1);
	expect_one("The hundredth day came.", "hundredth day", 100, 100, "day", NULL, 1);
	expect_one("It was the thousandth visitor.", "thousandth visitor", 1000, 1000, "visitor", NULL, 1);
	expect_one("It was the two millionth visitor.", "two millionth visitor", 2e6, 2e6, "visitor", NULL, 1);
	expect_one("It was the one hundred and twelfth meeting.", "one hundred and twelfth", 112, 112, "", NULL, 1);
}

/* An ordinal before the word it ranks tells which one, not how many (modifier); a rank on its own
 * is not one. */
static void test_ordinal_modifiers(void **state)
{
	(void)state;
	assert_int_equal(scan("Its second audit found gaps."), 1);
	assert_true(found.v[0].ordinal && found.v[0].modifier);
	assert_int_equal(scan("The first nine trucks left."), 2);   /* "first" ranks the nine */
	assert_true(found.v[0].modifier);
	assert_false(found.v[1].ordinal || found.v[1].modifier);
	assert_int_equal(scan("The board approved the first $150 million in June."), 2);   /* it ranks the sum */
	assert_true(found.v[0].ordinal && found.v[0].modifier);
	assert_int_equal(scan("The plant first opened in 1961."), 1);   /* an adverb of a verb */
	assert_true(found.v[0].modifier);
	assert_int_equal(scan("The 21st century began."), 1);
	assert_true(found.v[0].modifier);
	assert_int_equal(scan("Her horse came fifth in the derby."), 1);
	assert_true(found.v[0].ordinal && !found.v[0].modifier);
	assert_int_equal(scan("She finished 12th, behind him."), 1);
	assert_true(found.v[0].ordinal && !found.v[0].modifier);
	assert_int_equal(scan("Twelve boats sank."), 1);
	assert_false(found.v[0].modifier);
	/* a place among others: "the first of its kind", not how many */
	assert_int_equal(scan("The ban is the first of its kind."), 1);
	assert_true(found.v[0].ordinal && found.v[0].modifier);
	assert_int_equal(scan("The first of them had queued since dawn."), 1);
	assert_true(found.v[0].modifier);
}

/* Fractions in words: after "a" or a small number written apart, when they stand alone. */
static void test_fractions(void **state)
{
	(void)state;
	expect_one("Rents rose by about a fifth since spring.", "about a fifth", 0.2, 0.2, "", "about", 0);
	expect_one("A third of the nurses quit.", "A third", 1.0 / 3, 1.0 / 3, "", NULL, 0);
	expect_one("Sales dropped by nearly a third.", "nearly a third", 1.0 / 3, 1.0 / 3, "", "nearly", 0);
	expect_one("More than a quarter of the wells are dry.", "More than a quarter", 0.25, 0.25, "", "more than",
		   0);
	expect_one("Two thirds of the seats went to them.", "Two thirds", 2.0 / 3, 2.0 / 3, "", NULL, 0);
	expect_one("One fifth of the fleet is idle.", "One fifth", 0.2, 0.2, "", NULL, 0);
	/* a share of a unit */
	expect_one("The climb takes about a quarter of an hour.", "about a quarter of an hour", 0.25, 0.25, "hour",
		   "about", 0);
	expect_one("The road runs two-thirds of a mile.", "two-thirds of a mile", 2.0 / 3, 2.0 / 3, "mile", NULL, 0);
	/* an ordinal after "a": it ranks the word after it */
	expect_one("He won a third term.", "third term", 3, 3, "term", NULL, 1);
	expect_one("It filed a third-party claim.", "third-party", 3, 3, "party", NULL, 1);
	assert_true(found.v[0].modifier);
	/* a quarter alone is as often three months */
	expect_none("Profits doubled in a quarter.");
	/* half on its own is a share; before a noun it is not */
	expect_one("Almost half of the riders had been drinking.", "Almost half", 0.5, 0.5, "", "almost", 0);
	expect_one("Takings fell by half in May.", "half", 0.5, 0.5, "", NULL, 0);
	expect_one("Give back at least the half of the cut.", "at least the half", 0.5, 0.5, "", "at least", 0);
	expect_none("The plant runs at half capacity.");
	expect_none("The match was level at half-time.");
}

/* A year between a determiner and a singular noun is a date (dates.c); a count is not. */
static void test_years_before_nouns(void **state)
{
	(void)state;
	expect_none("The mine broke a 2021 rule on water.");
	expect_none("Their 1998 report was withdrawn.");
	expect_one("The 2000 residents were moved.", "2000 residents", 2000, 2000, "resident", NULL, 0);
	expect_one("She won a 2000 metre race.", "2000 metre", 2000, 2000, "metre", NULL, 0);
	/* a day written with a period before a month, as German dates are, is a date too */
	expect_none("Fares rise from 1. March on all lines.");
	expect_one("It came to 45. March brought more.", "45", 45, 45, "", NULL, 0);
}

static void test_approximations(void **state)
{
	(void)state;
	expect_one("It holds no more than 40.", "no more than 40", 40, 40, "", "at most", 0);
	expect_one("Up to 40 boats sank.", "Up to 40 boats", 40, 40, "boat", "up to", 0);
	expect_one("At least 3 people died.", "At least 3 people", 3, 3, "people", "at least", 0);
	expect_one("As many as 300 homes burned.", "As many as 300 homes", 300, 300, "home", "up to", 0);
	/* a phrase of two words or more hedges the figure past "the next", "the first" ... */
	expect_one("Docks stay shut for at least the next 12 days.", "at least the next 12 days", 12, 12, "day",
		   "at least", 0);
	expect_one("Up to the first nine floors flooded.", "Up to the first nine floors", 9, 9, "floor", "up to", 0);
	/* a translation's "until" before an amount is "up to"; before a date or a time it is none */
	expect_one("Claims are paid until 250 euros.", "until 250 euros", 250, 250, "eur", "up to", 0);
	expect_none("The offer runs until 2030, or until 31 May, or until 6 p.m.");
	/* a single word does not: "over the past" is a span of time */
	expect_one("Fares rose over the past 6 years.", "6 years", 6, 6, "year", NULL, 0);
	expect_one("An estimated 1,500 troops.", "An estimated 1,500 troops", 1500, 1500, "troop",
		   "an estimated", 0);
	expect_one("It cost just over 10 dollars.", "just over 10 dollars", 10, 10, "usd", "just over", 0);
	expect_one("Fewer than 12 ships docked.", "Fewer than 12 ships", 12, 12, "ship", "fewer than", 0);
	expect_one("Roughly 30 to 40 people.", "Roughly 30 to 40 people", 30, 40, "people", "roughly", 0);
}

static void test_ranges_and_changes(void **state)
{
	(void)state;
	expect_one("Police said 30 to 40 people gathered.", "30 to 40 people", 30, 40, "people", NULL, 0);
	/* from X to Y is a change, two numbers */
	expect_at("The toll rose from 14 to 41.", 2, 0, "14", 14, 14, "", NULL, 0);
	expect_at("The toll rose from 14 to 41.", 2, 1, "41", 41, 41, "", NULL, 0);
}

static void test_units(void **state)
{
	(void)state;
	expect_one("He said 40 Hamas fighters surrendered.", "40 Hamas fighters", 40, 40, "fighter",
		   NULL, 0);
	expect_one("The 12 remaining gates held.", "12 remaining gates", 12, 12, "gate", NULL, 0);
	expect_one("Some 40 were killed.", "Some 40", 40, 40, "", "some", 0);
	expect_one("A 12-year-old boy was hurt.", "12-year-old", 12, 12, "year", NULL, 0);
	expect_one("Five new cases were found.", "Five new cases", 5, 5, "case", NULL, 0);
	expect_one("It listed 14 casualties.", "14 casualties", 14, 14, "casualty", NULL, 0);
}

static void test_utf8_spacing(void **state)
{
	const char *s = "\xE2\x80\x9CNearly\xC2\xA0" "40\xC2\xA0people\xE2\x80\x9D died \xE2\x80\x94 "
			"officials said.";
	(void)state;
	expect_one(s, "Nearly\xC2\xA0" "40\xC2\xA0people", 40, 40, "people", "nearly", 0);
	assert_int_equal(found.v[0].start, 3);
}

static void test_several_in_order(void **state)
{
	const char *s = "Of the 11 gates, 3 failed, leaving 8 open for 2 hours.";
	(void)state;
	assert_int_equal(scan(s), 4);
	assert_true(found.v[0].value == 11 && !strcmp(found.v[0].unit, "gate"));
	assert_true(found.v[1].value == 3 && !strcmp(found.v[1].unit, ""));
	assert_true(found.v[2].value == 8 && !strcmp(found.v[2].unit, "open"));
	assert_true(found.v[3].value == 2 && !strcmp(found.v[3].unit, "hour"));
	assert_true(found.v[0].end <= found.v[1].start && found.v[2].end <= found.v[3].start);
}

static void test_callback_stops(void **state)
{
	const char *s = "1 and 2 and 3 and 4";
	(void)state;
	memset(&found, 0, sizeof(found));
	found.stop_at = 2;
	assert_int_equal(ct_numbers_scan(s, strlen(s), collect, &found), 9);
	assert_int_equal(found.n, 2);
	/* len bounds the scan: only "1 and" is seen */
	memset(&found, 0, sizeof(found));
	assert_int_equal(ct_numbers_scan(s, 5, collect, &found), 0);
	assert_int_equal(found.n, 1);
}

/* More tokens than the lexer window holds: nothing is lost or repeated. */
static void test_long_sentence(void **state)
{
	static char s[8000];
	size_t off = 0;
	int i;
	(void)state;
	for (i = 1; i <= 200; i++)
		off += (size_t)snprintf(s + off, sizeof(s) - off, "then %d, ", i);
	assert_int_equal(scan(s), 200);
	for (i = 0; i < 200; i++)
		assert_true(found.v[i].value == i + 1);
}

/* ---- the extractor's shared window ---- */

struct both {
	struct ct_number n[MAXN];
	struct ct_date d[MAXN];
	int nn, nd;
};

static int keep_n(const struct ct_number *n, void *payload)
{
	struct both *b = payload;
	if (b->nn < MAXN)
		b->n[b->nn++] = *n;
	return 0;
}

static int keep_d(const struct ct_date *d, void *payload)
{
	struct both *b = payload;
	if (b->nd < MAXN)
		b->d[b->nd++] = *d;
	return 0;
}

static void assert_same(const struct both *a, const struct both *b)
{
	int i;
	assert_int_equal(a->nn, b->nn);
	assert_int_equal(a->nd, b->nd);
	for (i = 0; i < a->nn; i++) {
		assert_int_equal(a->n[i].start, b->n[i].start);
		assert_int_equal(a->n[i].end, b->n[i].end);
		assert_true(a->n[i].value == b->n[i].value && a->n[i].high == b->n[i].high);
		assert_string_equal(a->n[i].unit, b->n[i].unit);
		assert_true(a->n[i].approx == b->n[i].approx);
	}
	for (i = 0; i < a->nd; i++) {
		assert_int_equal(a->d[i].start, b->d[i].start);
		assert_int_equal(a->d[i].end, b->d[i].end);
		assert_string_equal(a->d[i].kind, b->d[i].kind);
		assert_string_equal(a->d[i].resolved, b->d[i].resolved);
	}
}

/* The extractor lexes a sentence once into a large buffer, takes lexicon bits from its shared
 * tokens, and runs the number then the date scanner over it; ct_numbers_scan and ct_dates_scan
 * each lex on their own through a small window. Both must find the same, also in sentences
 * longer than the buffer and in number phrases longer than the window's reach. */
static void test_shared_window(void **state)
{
	static const char *const parts[] = {
		"about 40 people", "on Tuesday", "the 13th of October", "twenty-five", "in 2007",
		"$1.5 billion", "by the end of the year", "some of the", "three days ago", "Oct. 13",
		"2025-10-13", "4:40 a.m.", "nearly 2,000 homes", "30-40", "between 30 and 40", "U.S.",
		"COVID-19", "the", "a", "said", "—", ",", "two-thirds", "no more than 12 gates",
	};
	static char s[40000];
	static struct ct_nword buf[512];
	static struct ct_tokens tk;
	static struct both a, b;
	size_t lens[] = { 30, 200, 900 };
	size_t k, i, off;
	(void)state;
	for (k = 0; k < sizeof(lens) / sizeof(lens[0]) + 1; k++) {
		struct ct_nwin w;
		size_t len;
		off = 0;
		if (k < sizeof(lens) / sizeof(lens[0])) {
			for (i = 0; i < lens[k]; i++)
				off += (size_t)snprintf(s + off, sizeof(s) - off, "%s ",
							parts[(i * 7 + k) % (sizeof(parts) / sizeof(parts[0]))]);
		} else {
			for (i = 0; i < 60; i++)   /* one number phrase beyond the window's reach */
				off += (size_t)snprintf(s + off, sizeof(s) - off, "one hundred and ");
			off += (size_t)snprintf(s + off, sizeof(s) - off, "five people on Friday.");
		}
		len = strlen(s);
		memset(&a, 0, sizeof(a));
		memset(&b, 0, sizeof(b));
		ct_numbers_scan(s, len, keep_n, &a);
		ct_dates_scan(s, len, "2025-10-15", keep_d, &a);
		ct_tokenize(&tk, s, len);
		ct_nwin_init_buf(&w, s, len, buf, sizeof(buf) / sizeof(buf[0]), &tk);
		ct_numbers_scan_win(&w, keep_n, &b);
		ct_nwin_rewind(&w);
		ct_dates_scan_win(&w, "2025-10-15", keep_d, &b);
		assert_true(a.nn > 0 && a.nd > 0);
		assert_same(&a, &b);
		/* the tokeniser's hyphen flag, which gates the number scan, is a '-' in the token */
		for (i = 0; i < tk.n; i++)
			assert_int_equal((tk.t[i].flags & CT_TOK_HYPHEN) != 0,
					 memchr(s + tk.t[i].start, '-', tk.t[i].end - tk.t[i].start) != NULL);
	}
}

/* The words the lexer takes from the shared tokens (CT_TOK_PLAIN) are the words it reads on
 * its own, every field the same: before and after initials, apostrophes, hyphens, periods,
 * non-ASCII bytes, at the end of the text, and at the length limit of a plain token. */
static void assert_same_words(const char *s, size_t len)
{
	static struct ct_nword buf[512];
	static struct ct_tokens tk;
	struct ct_nwin own, shared;
	const struct ct_nword *a;
	size_t i;
	ct_tokenize(&tk, s, len);
	ct_nwin_init_buf(&shared, s, len, buf, sizeof(buf) / sizeof(buf[0]), &tk);
	ct_nwin_init(&own, s, len);
	for (i = 0; i < shared.n; i++) {
		const struct ct_nword *b = &buf[i];
		a = ct_nwin_at(&own, 0);
		assert_int_equal(a->start, b->start);
		assert_int_equal(a->end, b->end);
		assert_int_equal(a->kind, b->kind);
		assert_int_equal(a->space_before, b->space_before);
		assert_int_equal(a->cap, b->cap);
		assert_int_equal(a->ch, b->ch);
		assert_int_equal(a->endash, b->endash);
		assert_int_equal(a->lex, b->lex);
		assert_true(a->value == b->value);
		assert_int_equal(a->decimals, b->decimals);
		assert_int_equal(a->commas, b->commas);
		assert_int_equal(a->intdigits, b->intdigits);
		assert_int_equal(a->digits_end, b->digits_end);
		assert_memory_equal(a->lower, b->lower, sizeof(a->lower));
		assert_int_equal(a->len, b->len);
		ct_nwin_advance(&own, 1);
	}
	if (shared.n < sizeof(buf) / sizeof(buf[0]))   /* the whole text held: it ends there too */
		assert_int_equal(ct_nwin_at(&own, 0)->kind, CT_NW_NONE);
}

static void test_shared_tokens_same_words(void **state)
{
	static const char *const words[] = {
		"a", "q", "I", "said", "The", "NATO", "x2", "a.m", "a.b", "U.S", "e.g", "Mr", "rock'n'roll",
		"don't", "don\xE2\x80\x99t", "Alder\xE2\x80\x99s", "twenty-five", "1990", "caf\xC3\xA9",
		"\xC3\x89mile", "abcdefghijklmnopqrstu", "abcdefghijklmnopqrstuv", "abcdefghijklmnopqrstuvw",
		"ABCDEFGHIJKLMNOPQRSTUVWX", "Abcdefghijklmnopqrstuvwxyz", "million", "October", "Friday",
	};
	static const char *const after[] = {
		"", " ", ",", ".", ". ", ".x", ".X.", "'", "'s", "'9", "\xE2\x80\x99", "\xE2\x80\x99s", "-", "-5",
		"\xE2\x80\x94", "\xC2\xA0", "\xC3\xA9", ";", "\"", ")", "%", "$", "\t", "\n", ":", "/", "_",
	};
	static char s[60000];
	size_t i, j, off = 0;
	(void)state;
	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		for (j = 0; j < sizeof(after) / sizeof(after[0]); j++) {
			int n = snprintf(s, sizeof(s), "%s%s", words[i], after[j]);
			assert_same_words(s, (size_t)n);   /* the word at the end of the text */
		}
	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		for (j = 0; j < sizeof(after) / sizeof(after[0]); j++)
			off += (size_t)snprintf(s + off, sizeof(s) - off, "%s%s%s", words[(i + j) % 3 == 0 ? 0 : i],
						after[j], (i + j) % 2 ? " " : after[(i * 5 + j) % (sizeof(after) / sizeof(after[0]))]);
	/* the tokens of one sentence: 400 at most, those past it lexed on their own */
	for (i = 0; i + 300 < off; i += 997)
		assert_same_words(s + i, 300);
	assert_same_words(s, off);
}

/* A token a matcher holds stays put while it looks further on: the window drops tokens only
 * when it moves. */
static void test_window_pointers_stay(void **state)
{
	static char s[2000];
	struct ct_nwin w;
	const struct ct_nword *p;
	size_t off = 0, at30;
	int i;
	(void)state;
	for (i = 0; i < 100; i++)
		off += (size_t)snprintf(s + off, sizeof(s) - off, "w%02d ", i);
	at30 = 30 * 4;
	ct_nwin_init(&w, s, strlen(s));
	for (i = 0; i < 30; i++) {
		assert_int_equal(ct_nwin_at(&w, 0)->start, (size_t)i * 4);
		ct_nwin_advance(&w, 1);
	}
	p = ct_nwin_at(&w, 0);
	assert_int_equal(p->start, at30);
	assert_int_equal(ct_nwin_at(&w, 20)->start, at30 + 20 * 4);
	assert_int_equal(p->start, at30);
	assert_string_equal(p->lower, "w30");
	assert_int_equal(ct_nwin_at(&w, -4)->start, at30 - 4 * 4);
}

/* ---- compatibility ---- */

static struct ct_number first(const char *s)
{
	assert_true(scan(s) >= 1);
	return found.v[0];
}

static int compat(const char *a, const char *b)
{
	struct ct_number x = first(a), y = first(b);
	int r = ct_numbers_compatible(&x, &y);
	assert_int_equal(ct_numbers_compatible(&y, &x), r);   /* symmetric */
	return r;
}

static void test_compatible(void **state)
{
	(void)state;
	assert_int_equal(compat("nearly 40 people", "about 40 people"), 1);
	assert_int_equal(compat("nearly 40 people", "38 people"), 1);
	assert_int_equal(compat("nearly 40 people", "41 people"), 0);
	assert_int_equal(compat("14 people", "41 people"), 0);
	assert_int_equal(compat("40 people", "more than 40 people"), 0);
	assert_int_equal(compat("about 40 people", "more than 40 people"), 1);
	assert_int_equal(compat("at least 40", "40"), 1);
	assert_int_equal(compat("less than 40", "40"), 0);
	assert_int_equal(compat("less than 40", "39"), 1);
	assert_int_equal(compat("up to 40", "40"), 1);
	assert_int_equal(compat("30-40 people", "35 people"), 1);
	assert_int_equal(compat("30-40 people", "41 people"), 0);
	assert_int_equal(compat("between 30 and 40", "40-50"), 1);
	assert_int_equal(compat("12 gates", "11 gates"), 0);
	assert_int_equal(compat("11 steel gates", "11 gates"), 1);
}

static void test_compatible_units(void **state)
{
	(void)state;
	/* a share of a unit converts like the unit */
	assert_int_equal(compat("It takes about a quarter of an hour.", "It takes 15 minutes."), 1);
	assert_int_equal(compat("It takes about a quarter of an hour.", "It takes 40 minutes."), 0);
	assert_int_equal(compat("40 people", "40 gates"), -1);
	assert_int_equal(compat("3.5 percent", "3.5 points"), -1);
	assert_int_equal(compat("$40", "€40"), -1);
	assert_int_equal(compat("$40", "40 dollars"), 1);
	assert_int_equal(compat("3.5%", "3.5 per cent"), 1);
	assert_int_equal(compat("40", "40 people"), 1);   /* an unstated unit matches any */
	assert_int_equal(compat("5 miles", "8 km"), 1);
	assert_int_equal(compat("5 miles", "10 km"), 0);
	assert_int_equal(compat("two years", "24 months"), 1);
	assert_int_equal(compat("the third time", "3 times"), -1);   /* ordinal vs cardinal */
	assert_int_equal(compat("the third time", "the third time"), 1);
	assert_int_equal(compat("the third time", "the fourth time"), 0);
	assert_int_equal(ct_numbers_compatible(NULL, NULL), -1);
}

static void test_compatible_rounding(void **state)
{
	(void)state;
	assert_int_equal(compat("1.2 million", "1,215,000"), 1);
	assert_int_equal(compat("1.2 million", "1.3 million"), 0);
	assert_int_equal(compat("$1.5 billion", "$1.46 billion"), 1);
	assert_int_equal(compat("100,000", "120,000"), 0);
	assert_int_equal(compat("2,000", "2,010"), 0);   /* small figures are exact */
}

/* ---- throughput, by hand: test_numbers --bench ---- */

static int count_number(const struct ct_number *n, void *payload)
{
	(void)n;
	++*(size_t *)payload;
	return 0;
}

static int count_date(const struct ct_date *d, void *payload)
{
	(void)d;
	++*(size_t *)payload;
	return 0;
}

static int bench(void)
{
	static const char *const sentences[] = {
		"Nearly 40 people were killed and almost 2,000 residents fled on Tuesday, officials said.",
		"The \xE2\x80\x9C" "deal\xE2\x80\x9D was worth $1.5 billion, up 3.5 percent since 2007, "
		"according to the ministry.",
		"At 4:40 a.m. on Oct. 13, water poured through the 12 steel gates \xE2\x80\x94 "
		"more than the 11 gates built in 1990.",
		"The prime minister told parliament that the government would publish its plans by "
		"the end of 2027, earlier than expected.",
		"Police estimated that between 30 and 40 protesters gathered outside the building "
		"yesterday evening before moving on.",
	};
	enum { ROUNDS = 200000 };
	size_t bytes = 0, nums = 0, dates = 0, i, r;
	double secs_n, secs_d;
	clock_t t0;
	t0 = clock();
	for (r = 0; r < ROUNDS; r++)
		for (i = 0; i < sizeof(sentences) / sizeof(sentences[0]); i++) {
			bytes += strlen(sentences[i]);
			ct_numbers_scan(sentences[i], strlen(sentences[i]), count_number, &nums);
		}
	secs_n = (double)(clock() - t0) / CLOCKS_PER_SEC;
	t0 = clock();
	for (r = 0; r < ROUNDS; r++)
		for (i = 0; i < sizeof(sentences) / sizeof(sentences[0]); i++)
			ct_dates_scan(sentences[i], strlen(sentences[i]), "2025-10-15", count_date, &dates);
	secs_d = (double)(clock() - t0) / CLOCKS_PER_SEC;
	printf("numbers: %zu bytes in %.2f s = %.1f MB/s (%zu found)\n", bytes, secs_n,
	       bytes / secs_n / 1e6, nums);
	printf("dates:   %zu bytes in %.2f s = %.1f MB/s (%zu found)\n", bytes, secs_d,
	       bytes / secs_d / 1e6, dates);
	return 0;
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_brief_examples),
		cmocka_unit_test(test_space_grouped),
		cmocka_unit_test(test_decimal_comma),
		cmocka_unit_test(test_not_numbers),
		cmocka_unit_test(test_years_that_are_numbers),
		cmocka_unit_test(test_currency_and_scale),
		cmocka_unit_test(test_percentages),
		cmocka_unit_test(test_words),
		cmocka_unit_test(test_ordinals),
		cmocka_unit_test(test_over_a_span),
		cmocka_unit_test(test_ordinal_modifiers),
		cmocka_unit_test(test_fractions),
		cmocka_unit_test(test_years_before_nouns),
		cmocka_unit_test(test_approximations),
		cmocka_unit_test(test_ranges_and_changes),
		cmocka_unit_test(test_units),
		cmocka_unit_test(test_utf8_spacing),
		cmocka_unit_test(test_several_in_order),
		cmocka_unit_test(test_callback_stops),
		cmocka_unit_test(test_long_sentence),
		cmocka_unit_test(test_shared_window),
		cmocka_unit_test(test_shared_tokens_same_words),
		cmocka_unit_test(test_window_pointers_stay),
		cmocka_unit_test(test_compatible),
		cmocka_unit_test(test_compatible_units),
		cmocka_unit_test(test_compatible_rounding),
	};
	if (argc > 1 && !strcmp(argv[1], "--bench"))
		return bench();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
