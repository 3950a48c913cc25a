/* Date and time expressions of one sentence ("on Tuesday", "Oct. 13", "earlier this month",
 * "by the end of 2027", "4:40 a.m."), resolved against the publication date. Pure, no allocation. */
#ifndef CT_EXTRACT_DATES_H
#define CT_EXTRACT_DATES_H

#include <stddef.h>

struct ct_nwin;
struct ct_nword;

struct ct_date {
	size_t start, end;     /* byte span. Plain locators before the expression (in, on, at, of)
	                        * are left out; words that change its meaning are kept: "since 2007",
	                        * "by the end of 2027", "next Tuesday", "last week", and a part of
	                        * the day after a weekday ("Wednesday evening") */
	int year, month, day;  /* 0 when not stated and not resolvable; a year inferred from
	                        * published for "Oct. 13" or "in October" is filled in */
	int weekday;           /* 0=Monday..6=Sunday as stated in the text, -1 if none */
	int last_month;        /* a quarter named without its year ("the third quarter"): its last
	                        * month (9), so a sentence about the future can tell whether it is
	                        * over at publication; else 0. month stays 0, as it is not stated */
	char resolved[11];     /* "YYYY-MM-DD" when the day can be pinned down, else "" */
	const char *kind;      /* static: "date", "weekday", "month", "year", "relative", "period",
	                        * "time" */
};

typedef int (*ct_date_cb)(const struct ct_date *d, void *payload);

/* Finds the date expressions of s[0..len) left to right:
 *   date      "Oct. 13", "Sept 3", "October 14, 2025", "14 October 2025", "13th October",
 *             "the 13th of October", "on the 13th", "2025-10-13", "Tuesday, Oct. 14" (one date
 *             with its weekday)
 *   weekday   "Tuesday", "Wednesday evening", "next Tuesday", "last Friday"
 *   month     "in October", "October 2025" (a bare "May" needs a date word before it)
 *   year      "in 2007", "since 2007", "until 2030", "2007" next to a date word
 *   relative  yesterday, today, tonight, tomorrow, last night, this morning, last/this/next
 *             week|month|year|weekend, earlier/later this week|month|year, N days|weeks ago
 *   period    "by 2030", "by the end of 2027", "the end of the year", "mid-2026", "early 2026",
 *             "late October", "the first quarter", "the second half of 2026", "the 1990s"
 * A month or a day and month followed by "last year", "next year" or "this year" (an "of"
 * between them or not: "January last year", "September of last year", "Jan. 31 next year") is
 * one expression in that year; a day written with a period before its month, as German and
 * Nordic dates are and translations keep them ("1. December"), is that day; "a 2019 law", "the
 * 2020 election" (a year between a determiner and a singular noun) is a year.
 *   time      "4:40 a.m.", "4:40", "10 p.m.", "4pm", "noon", "midnight", "mid-morning",
 *             "mid-afternoon", "10 o'clock", "5.50 o'clock" (a translation's hour and minutes)
 * published ("YYYY-MM-DD", or NULL / malformed for none) anchors resolution: a weekday alone
 * (or "this Tuesday") is the latest such day on or before published, "last Tuesday" the latest
 * strictly before, "next Tuesday" the first strictly after; yesterday/today/tomorrow/tonight/
 * last night/this morning/N days ago count from published; a day and month without a year take
 * published's year, or the year before when that would put them more than 60 days after
 * published; a month alone takes a year by the same rule (year set, resolved ""); relative
 * weeks, months and years fill year (and month) where they can, resolved ""; a quarter without
 * its year ("the third quarter") takes a year by the month rule from its first month ("the last
 * quarter": the one before published's). Numeric dates
 * like 10/13/2025 are not recognised (US and European orders clash). A non-zero cb return
 * stops the scan and is returned; otherwise 0. */
int ct_dates_scan(const char *s, size_t len, const char *published, ct_date_cb cb, void *payload);

/* ct_dates_scan over a window (at its first token) the number scanner may have lexed already. */
int ct_dates_scan_win(struct ct_nwin *w, const char *published, ct_date_cb cb, void *payload);

/* Weekday (0=Monday .. 6=Sunday) of a proleptic Gregorian date. */
int ct_weekday(int year, int month, int day);

/* Month number 1..12 of a lower-case month name or abbreviation (january, jan, sept), else 0. */
int ct_month_word(const char *w);
/* Weekday 0..6 of a lower-case weekday name (monday), else -1. */
int ct_weekday_word(const char *w);
/* 1 when a four-digit year after the lower-case word prev (and prev2 before it, "" if none) is
 * a date: in, since, by, until, till, before, after, during, from, through, mid, early, late,
 * fiscal, seasons, "year" after "the", and "of" after end, start, beginning, middle, half, quarter. Shared with
 * numbers.c so a year is reported by exactly one of the two. */
int ct_dates_year_context(const char *prev, const char *prev2);

/* Whether the figure at token k of w is the year of a numbered text: "Resolution No. 14 of 2019",
 * "Act 5 of 2019" (a number after "No." or a text's capitalised name, then "of"). */
struct ct_nwin;
int ct_dates_year_of_number(struct ct_nwin *w, int k);

/* Whether figure t, read as a year after a date word, can be one: 1900-2100 always; another
 * (1887, 1200) only with no word but a function word after it ("in 1887, the club"; not "by 1200
 * places"). */
int ct_dates_year_plausible(const struct ct_nword *t, const struct ct_nword *next);
/* 1 when the figure t (1900..2100, four plain digits) between the tokens prev and next is a year
 * used as an adjective: prev a determiner (a, an, the, its, their, this ...), next a word that is
 * no plural, unit, function word, month or weekday ("a 2019 law", "the 2020 election", "the 2012
 * London Olympics"; not "the 2000 residents", "a 2000 metre climb"). Shared with numbers.c like
 * ct_dates_year_context. */
int ct_dates_year_before_noun(const struct ct_nword *prev, const struct ct_nword *t,
			      const struct ct_nword *next);

#endif
