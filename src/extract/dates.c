/* Date expressions over the number lexer's tokens: calendar dates, weekdays, months, years,
 * relative days, periods and clock times, resolved against the publication date. No allocation. */
#include "extract/dates.h"

#include <string.h>

#include "extract/lexicon.h"
#include "extract/numbers.h"

/* ---- calendar arithmetic -------------------------------------------------------------- */

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm). */
static long days_from_civil(int y, int m, int d)
{
	long era, yoe, doy, doe;
	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void civil_from_days(long z, int *y, int *m, int *d)
{
	long era, doe, yoe, doy, mp, yy;
	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	yy = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yy + (*m <= 2));
}

int ct_weekday(int year, int month, int day)
{
	long z = days_from_civil(year, month, day);
	return (int)(((z % 7) + 7 + 3) % 7);   /* 1970-01-01 was a Thursday (3) */
}

static int days_in_month(int y, int m)
{
	static const int dm[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (m == 2)
		return 28 + ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0);
	return dm[m - 1];
}

static int valid_date(int y, int m, int d)
{
	return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(y, m);
}

static void put_digits(char *p, int v, int n)
{
	while (n-- > 0) {
		p[n] = (char)('0' + v % 10);
		v /= 10;
	}
}

/* Fills year/month/day and resolved from a day count. */
static void set_days(struct ct_date *d, long z)
{
	civil_from_days(z, &d->year, &d->month, &d->day);
	if (d->year < 1 || d->year > 9999) {
		d->resolved[0] = '\0';
		return;
	}
	put_digits(d->resolved, d->year, 4);
	d->resolved[4] = '-';
	put_digits(d->resolved + 5, d->month, 2);
	d->resolved[7] = '-';
	put_digits(d->resolved + 8, d->day, 2);
	d->resolved[10] = '\0';
}

struct anchor {
	int ok;
	int y, m, d;
	long z;                /* days since the epoch */
	int wd;
};

static int digits_at(const char *s, int n, int *out)
{
	int i, v = 0;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 1;
}

/* A season's name: spring, summer, autumn, winter (not "fall": "the next fall in rates"). */
static int season_word(const struct ct_nword *t)
{
	return ct_nword_is(t, "spring") || ct_nword_is(t, "summer") || ct_nword_is(t, "autumn") || ct_nword_is(t, "winter");
}

/* Whether the token after a season's name leaves it a time, not a compound's first word ("next
 * spring", "until next spring last" in a translation; not "the next spring tide", "the next winter
 * storm", "the next Summer Olympics"). */
static int season_alone(const struct ct_nword *t)
{
	static const char *const nouns[] = { "tide", "tides", "storm", "storms", "term", "semester", "break", "season",
					     "collection", "games", "festival", "session", "election", "elections",
					     "fashion", "sale", "sales", "rains", "flooding", "weather", "crop", "crops",
					     "schedule", "timetable", "intake", "exams", "show", "fair", "camp", NULL };
	const char *const *f;
	if (t->kind != CT_NW_WORD)
		return 1;
	if (t->cap)
		return 0;   /* "the next Summer Olympics" */
	for (f = nouns; *f; f++)
		if (ct_nword_is(t, *f))
			return 0;
	return 1;
}

static void parse_anchor(struct anchor *a, const char *published)
{
	memset(a, 0, sizeof(*a));
	if (!published || strnlen(published, 11) < 10 || published[4] != '-' || published[7] != '-')
		return;
	if (!digits_at(published, 4, &a->y) || !digits_at(published + 5, 2, &a->m) ||
	    !digits_at(published + 8, 2, &a->d) || !valid_date(a->y, a->m, a->d))
		return;
	a->ok = 1;
	a->z = days_from_civil(a->y, a->m, a->d);
	a->wd = ct_weekday(a->y, a->m, a->d);
}

/* The year for a day and month stated without one: published's year, or the year before when
 * that would land more than 60 days after published. */
static int infer_year(const struct anchor *a, int m, int d)
{
	if (d > days_in_month(a->y, m))
		d = days_in_month(a->y, m);
	return days_from_civil(a->y, m, d) > a->z + 60 ? a->y - 1 : a->y;
}

/* ---- word tables ---------------------------------------------------------------------- */

static const char *const month_names[] = {
	"january", "february", "march", "april", "may", "june", "july", "august", "september",
	"october", "november", "december", NULL
};
static const char *const month_abbr[] = {
	"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec", NULL
};
static const char *const weekday_names[] = {
	"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", NULL
};

int ct_month_word(const char *w)
{
	int i;
	if (!w[0] || !w[1] || !w[2])
		return 0;
	for (i = 0; month_names[i]; i++)
		if (w[0] == month_names[i][0] && w[1] == month_names[i][1] &&
		    (!strcmp(w, month_names[i]) || !strcmp(w, month_abbr[i])))
			return i + 1;
	if (!strcmp(w, "sept"))
		return 9;
	return 0;
}

int ct_weekday_word(const char *w)
{
	int i;
	for (i = 0; weekday_names[i]; i++)
		if (w[0] == weekday_names[i][0] && !strcmp(w, weekday_names[i]))
			return i;
	return -1;
}

static inline int in_list(const char *w, const char *const *list)
{
	int i;
	for (i = 0; list[i]; i++)
		if (w[0] == list[i][0] && !strcmp(w, list[i]))
			return 1;
	return 0;
}

int ct_dates_year_context(const char *prev, const char *prev2)
{
	static const char *const ctx[] = {
		"in", "since", "by", "until", "till", "before", "after", "during", "from", "through",
		"between", "mid", "early", "late", "fiscal", "spring", "summer", "autumn", "fall",
		"winter", NULL
	};
	static const char *const of_ctx[] = {
		"end", "start", "beginning", "middle", "half", "quarter", "spring", "summer", "autumn",
		"fall", "winter", "rest", NULL
	};
	if (in_list(prev, ctx))
		return 1;
	if (!strcmp(prev, "year") && !strcmp(prev2, "the"))
		return 1;   /* a translation's "in the year 2024" */
	return !strcmp(prev, "of") && in_list(prev2, of_ctx);
}

int ct_dates_year_before_noun(const struct ct_nword *prev, const struct ct_nword *t,
			      const struct ct_nword *next)
{
	static const char *const det[] = {
		"a", "an", "the", "its", "their", "his", "her", "our", "this", "that", "whose", NULL
	};
	/* singular units a figure of that size measures ("a 2000 metre climb") */
	static const char *const units[] = {
		"metre", "meter", "kilometre", "kilometer", "km", "mile", "foot", "yard", "kg", "kilogram",
		"gram", "tonne", "ton", "pound", "litre", "liter", "hectare", "acre", "square", "cubic",
		"page", "word", "seat", "bed", "strong", "dollar", "euro", "per", "percent", NULL
	};
	size_t n;
	if (t->kind != CT_NW_NUM || t->decimals || t->commas || t->intdigits != 4 || t->lower[0] ||
	    t->value < 1900 || t->value > 2100 || t->digits_end != t->end)
		return 0;
	if (prev->kind != CT_NW_WORD || !in_list(prev->lower, det))
		return 0;
	if (next->kind != CT_NW_WORD || !next->space_before || (next->lex & CT_LEX_NUMSTOP) ||
	    next->len >= sizeof(next->lower) || in_list(next->lower, units) ||
	    (next->cap && (ct_month_word(next->lower) || ct_weekday_word(next->lower) >= 0)))
		return 0;   /* a name may follow: "the 2012 London Olympics", "the 1999 Act" */
	/* a plural after the figure counts things ("the 2000 residents"); -ss, -us, -is are no plural */
	n = strlen(next->lower);
	return !(n >= 3 && next->lower[n - 1] == 's' && next->lower[n - 2] != 's' &&
		 next->lower[n - 2] != 'u' && next->lower[n - 2] != 'i' && next->lower[n - 2] != '\'');
}

/* ---- token helpers -------------------------------------------------------------------- */

static int is_punct(const struct ct_nword *t, int ch)
{
	return t->kind == CT_NW_PUNCT && t->ch == ch;
}

int ct_dates_year_plausible(const struct ct_nword *t, const struct ct_nword *next)
{
	if (t->value >= 1900 && t->value <= 2100)
		return 1;
	/* "cut the list by 1200 places": a count, unless nothing but a function word or punctuation
	 * follows ("founded in 1887, the club") */
	return next->kind != CT_NW_WORD || (next->lex & CT_LEX_NUMSTOP);
}

int ct_dates_year_of_number(struct ct_nwin *w, int k)
{
	const struct ct_nword *of = ct_nwin_at(w, k - 1), *n = ct_nwin_at(w, k - 2), *b = ct_nwin_at(w, k - 3);
	if (!ct_nword_is(of, "of") || n->kind != CT_NW_NUM || n->decimals || n->commas || n->lower[0] ||
	    n->intdigits > 4)
		return 0;
	static const char *const texts[] = { "resolution", "act", "law", "decree", "directive", "regulation", "order",
					     "bill", "ordinance", "rule", "chapter", "article", "section", "circular", NULL };
	return (b->kind == CT_NW_WORD && b->cap && in_list(b->lower, texts)) ||
	       (is_punct(b, '.') && ct_nword_is(ct_nwin_at(w, k - 4), "no"));
}

static inline int word_in(const struct ct_nword *t, const char *const *list)
{
	return t->kind == CT_NW_WORD && in_list(t->lower, list);
}

/* Month at relative k (capitalised name or abbreviation, optional '.'); returns the month and
 * sets *next past it, else 0. abbr tells whether it was an abbreviation. */
static int month_at(struct ct_nwin *w, int k, int *next, int *abbr)
{
	const struct ct_nword *t = ct_nwin_at(w, k);
	int m;
	if (t->kind != CT_NW_WORD || !t->cap || (m = ct_month_word(t->lower)) == 0)
		return 0;
	*abbr = !in_list(t->lower, month_names);
	*next = k + 1;
	if (*abbr && is_punct(ct_nwin_at(w, k + 1), '.') && !ct_nwin_at(w, k + 1)->space_before)
		*next = k + 2;
	return m;
}

/* A day of the month at k: 1..31 with an optional ordinal suffix. */
static int day_at(struct ct_nwin *w, int k)
{
	const struct ct_nword *t = ct_nwin_at(w, k);
	if (t->kind != CT_NW_NUM || t->decimals || t->commas || t->intdigits > 2 || t->value < 1 ||
	    t->value > 31)
		return 0;
	if (t->lower[0] && strcmp(t->lower, "st") && strcmp(t->lower, "nd") &&
	    strcmp(t->lower, "rd") && strcmp(t->lower, "th"))
		return 0;
	return (int)t->value;
}

static int year_at(struct ct_nwin *w, int k)
{
	const struct ct_nword *t = ct_nwin_at(w, k);
	if (t->kind != CT_NW_NUM || t->decimals || t->commas || t->intdigits != 4 || t->lower[0] ||
	    t->value < 1000 || t->value > 2999)
		return 0;
	return (int)t->value;
}

/* End byte of the token before relative k, taking the '.' of a.m./p.m. along. */
static size_t end_before(struct ct_nwin *w, int k)
{
	return ct_nwin_at(w, k - 1)->end;
}

/* ---- matchers: each returns the relative index after the match, or 0 ------------------- */

struct ctx {
	struct ct_nwin *w;
	const struct anchor *a;
	struct ct_date *d;
	size_t cut_end;        /* when non-zero, where the date ends inside its last token */
};

/* "Oct. 13", "October 14, 2025", "14 October 2025", "13th of October", "the 13th of October",
 * "October 2025", "in October"; kind date or month. */
static int match_calendar(struct ctx *c, int k, int ctx_word)
{
	struct ct_nwin *w = c->w;
	struct ct_date *d = c->d;
	int m = 0, day = 0, year = 0, next = k, abbr = 0, j = k;
	const struct ct_nword *t = ct_nwin_at(w, k);

	if (ct_nword_is(t, "the") && day_at(w, k + 1) && ct_nwin_at(w, k + 1)->lower[0]) {
		day = day_at(w, k + 1);
		j = k + 2;
		/* "by the 17th-century master", "the 19th century": a century, not a day */
		if (ct_nword_is(ct_nwin_at(w, j), "century") || ct_nword_is(ct_nwin_at(w, j), "centuries") ||
		    (is_punct(ct_nwin_at(w, j), '-') && (ct_nword_is(ct_nwin_at(w, j + 1), "century") ||
							 ct_nword_is(ct_nwin_at(w, j + 1), "centuries"))))
			return 0;
		if (ct_nword_is(ct_nwin_at(w, j), "of") && (m = month_at(w, j + 1, &next, &abbr)))
			goto day_month;
		if (!ctx_word)
			return 0;
		/* "on the 13th": this month, or the one before if the 13th has not come yet */
		d->day = day;
		d->kind = "date";
		if (c->a->ok) {
			int y = c->a->y, mm = c->a->m;
			if (day > c->a->d) {
				mm--;
				if (mm == 0) {
					mm = 12;
					y--;
				}
			}
			d->year = y;
			d->month = mm;
			if (valid_date(y, mm, day))
				set_days(d, days_from_civil(y, mm, day));
		}
		return j;
	}
	if ((day = day_at(w, k)) > 0) {
		j = k + 1;
		if (ct_nword_is(ct_nwin_at(w, j), "of"))
			j++;
		/* "from 1. December": the day's period of German and Nordic dates, a month's full
		 * name after it (an abbreviation after a figure and a period may be a sentence's) */
		else if (is_punct(ct_nwin_at(w, j), '.') && !ct_nwin_at(w, j)->space_before && !t->lower[0] &&
			 ct_nwin_at(w, j + 1)->space_before && month_at(w, j + 1, &next, &abbr) && !abbr)
			j++;
		if (!(m = month_at(w, j, &next, &abbr)))
			return 0;
		goto day_month;
	}
	/* "from next September", "last March": the first such month after the publication, or the
	 * last one before it */
	if (t->kind == CT_NW_WORD && (t->lower[0] == 'n' || t->lower[0] == 'l') &&
	    (ct_nword_is(t, "next") || ct_nword_is(t, "last")) && (m = month_at(w, k + 1, &next, &abbr)) > 0 && !abbr &&
	    !day_at(w, next) && !year_at(w, next)) {
		d->kind = "month";
		d->month = m;
		if (c->a->ok)
			d->year = t->lower[0] == 'n' ? c->a->y + (m <= c->a->m) : c->a->y - (m >= c->a->m);
		return next;
	}
	if (!(m = month_at(w, k, &next, &abbr)))
		return 0;
	if ((day = day_at(w, next)) > 0 && ct_nwin_at(w, next)->space_before) {
		next++;
		if (is_punct(ct_nwin_at(w, next), ',') && year_at(w, next + 1))
			year = year_at(w, next + 1), next += 2;
		else if (year_at(w, next))
			year = year_at(w, next), next++;
		goto fill;
	}
	if ((year = year_at(w, next)) > 0 ||
	    (is_punct(ct_nwin_at(w, next), ',') && (year = year_at(w, next + 1)) > 0)) {
		next += is_punct(ct_nwin_at(w, next), ',') ? 2 : 1;
		d->kind = "month";
		d->month = m;
		d->year = year;
		return next;
	}
	/* a month alone: abbreviations never, May and March only after a date word */
	if (abbr)
		return 0;
	if ((m == 5 || m == 3) && !ctx_word)
		return 0;
	d->kind = "month";
	d->month = m;
	if (c->a->ok)
		d->year = infer_year(c->a, m, 1);
	return next;

day_month:
	if (is_punct(ct_nwin_at(w, next), ',') && year_at(w, next + 1))
		year = year_at(w, next + 1), next += 2;
	else if (year_at(w, next))
		year = year_at(w, next), next++;
fill:
	d->kind = "date";
	d->month = m;
	d->day = day;
	if (!year && c->a->ok)
		year = infer_year(c->a, m, day);
	d->year = year;
	if (year && valid_date(year, m, day))
		set_days(d, days_from_civil(year, m, day));
	return next;
}

/* "Tuesday", "next Tuesday", "Wednesday evening", "Tuesday, Oct. 14". */
static int match_weekday(struct ctx *c, int k)
{
	static const char *const parts[] = { "morning", "afternoon", "evening", "night", NULL };
	struct ct_nwin *w = c->w;
	struct ct_date *d = c->d;
	const struct ct_nword *t = ct_nwin_at(w, k);
	int mode = 0, wd, j, after;   /* mode: 0 on/before, 1 next, -1 last */
	if (ct_nword_is(t, "next") || ct_nword_is(t, "last") || ct_nword_is(t, "this")) {
		mode = t->lower[0] == 'n' ? 1 : t->lower[0] == 'l' ? -1 : 0;
		k++;
		t = ct_nwin_at(w, k);
	}
	if (t->kind != CT_NW_WORD || !t->cap)
		return 0;
	j = k + 1;
	if ((wd = ct_weekday_word(t->lower)) < 0) {
		/* "Monday's incident", "Tuesday’s hearing": the day of what it names; the date is the
		 * name without its "'s" (the lexer reads ’ as ') */
		char stem[12];
		size_t n = strlen(t->lower);
		if (n < 8 || n - 2 >= sizeof(stem) || t->lower[n - 2] != '\'' || t->lower[n - 1] != 's')
			return 0;
		memcpy(stem, t->lower, n - 2);
		stem[n - 2] = '\0';
		if ((wd = ct_weekday_word(stem)) < 0)
			return 0;
		c->cut_end = t->start + (n - 2);
		goto resolve;
	}
	if (word_in(ct_nwin_at(w, j), parts))
		j++;
	/* "Tuesday of last week", "Friday of next week": that day of the week before or after the
	 * publication's (weeks from Monday) */
	if (mode == 0 && ct_nwin_at(w, j)->lower[0] == 'o' && ct_nword_is(ct_nwin_at(w, j), "of") &&
	    ct_nword_is(ct_nwin_at(w, j + 2), "week") &&
	    (ct_nword_is(ct_nwin_at(w, j + 1), "last") || ct_nword_is(ct_nwin_at(w, j + 1), "next") ||
	     ct_nword_is(ct_nwin_at(w, j + 1), "this"))) {
		const struct ct_nword *s = ct_nwin_at(w, j + 1);
		int shift = s->lower[0] == 'l' ? -1 : s->lower[0] == 'n' ? 1 : 0;
		d->kind = "date";   /* the week given pins the day: no weekday for the sentence's tense to move */
		d->weekday = wd;
		if (c->a->ok)
			set_days(d, c->a->z - c->a->wd + wd + 7 * shift);
		return j + 3;
	}
	/* a date right after: Tuesday, Oct. 14 / Tuesday 14 October */
	after = is_punct(ct_nwin_at(w, j), ',') ? j + 1 : j;
	{
		struct ct_date save = *d;
		int e = match_calendar(c, after, 0);
		if (e > 0 && !strcmp(d->kind, "date")) {
			d->weekday = wd;
			return e;
		}
		*d = save;
	}
resolve:
	d->kind = "weekday";
	d->weekday = wd;
	if (c->a->ok) {
		long delta;
		if (mode == 1) {
			delta = (wd - c->a->wd + 7) % 7;
			set_days(d, c->a->z + (delta ? delta : 7));
		} else {
			delta = (c->a->wd - wd + 7) % 7;
			if (mode == -1 && delta == 0)
				delta = 7;
			set_days(d, c->a->z - delta);
		}
	}
	return j;
}

static int small_count(const struct ct_nword *t)
{
	static const char *const words[] = {
		"a", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", NULL
	};
	int i, lo, hi;
	if (t->kind == CT_NW_NUM && !t->decimals && !t->commas && !t->lower[0] && t->value <= 366)
		return (int)t->value;
	if (t->kind != CT_NW_WORD)
		return -1;
	/* only the words starting with the word's first letter (most words start with none) */
	switch (t->lower[0]) {
	case 'a': lo = 0, hi = 0; break;
	case 'o': lo = 1, hi = 1; break;
	case 't': lo = 2, hi = 10; break;
	case 'f': lo = 4, hi = 5; break;
	case 's': lo = 6, hi = 7; break;
	case 'e': lo = 8, hi = 8; break;
	case 'n': lo = 9, hi = 9; break;
	default: return -1;
	}
	for (i = lo; i <= hi; i++)
		if (ct_nword_is(t, words[i]))
			return i ? i : 1;
	return -1;
}

/* Whether word t is one of units with "'s" after it ("year's"). */
static int possessive_unit(const struct ct_nword *t, const char *const *units)
{
	char stem[12];
	size_t n = strlen(t->lower);
	if (t->kind != CT_NW_WORD || n < 4 || n - 2 >= sizeof(stem) || t->lower[n - 2] != '\'' || t->lower[n - 1] != 's')
		return 0;
	memcpy(stem, t->lower, n - 2);
	stem[n - 2] = '\0';
	return in_list(stem, units);
}

/* yesterday, today, last week, earlier this month, three days ago ... */
static int match_relative(struct ctx *c, int k)
{
	static const char *const units[] = { "week", "month", "year", "weekend", NULL };
	static const char *const parts[] = { "morning", "afternoon", "evening", NULL };
	struct ct_nwin *w = c->w;
	struct ct_date *d = c->d;
	const struct anchor *a = c->a;
	const struct ct_nword *t = ct_nwin_at(w, k), *n1 = ct_nwin_at(w, k + 1);
	long off = 0;
	int j = 0, n, unit = -1, shift = 0;

	if (ct_nword_is(t, "yesterday"))
		off = -1, j = k + 1;
	else if (ct_nword_is(t, "today") || ct_nword_is(t, "tonight"))
		off = 0, j = k + 1;
	else if (ct_nword_is(t, "tomorrow"))
		off = 1, j = k + 1;
	else if (ct_nword_is(t, "last") && ct_nword_is(n1, "night"))
		off = -1, j = k + 2;
	else if (ct_nword_is(t, "this") && word_in(n1, parts))
		off = 0, j = k + 2;
	if (j) {
		d->kind = "relative";
		if (a->ok)
			set_days(d, a->z + off);
		return j;
	}
	if ((ct_nword_is(t, "earlier") || ct_nword_is(t, "later")) && ct_nword_is(n1, "this") &&
	    word_in(ct_nwin_at(w, k + 2), units)) {
		unit = (int)(ct_nwin_at(w, k + 2)->lower[0]);
		j = k + 3;
	} else if ((ct_nword_is(t, "last") || ct_nword_is(t, "this") || ct_nword_is(t, "next")) &&
		   (word_in(n1, units) || possessive_unit(n1, units))) {
		/* "next year's budget" too: the possessive ends in the unit's "'s" */
		shift = t->lower[0] == 'l' ? -1 : t->lower[0] == 'n' ? 1 : 0;
		unit = (int)n1->lower[0];
		if (!strncmp(n1->lower, "weekend", 7))
			unit = 'e';
		j = k + 2;
		if (possessive_unit(n1, units))
			c->cut_end = n1->start + strlen(n1->lower) - 2;
	} else if (ct_nword_is(t, "this") && (ct_nword_is(n1, "spring") || ct_nword_is(n1, "summer") ||
						ct_nword_is(n1, "autumn"))) {
		/* "this summer": the season of the publication's year (not "this winter", which
		 * spans two) */
		d->kind = "relative";
		if (a->ok)
			d->year = a->y;
		return k + 2;
	} else if (((ct_nword_is(t, "next") && season_word(n1)) ||
		    (ct_nword_is(t, "the") && (ct_nword_is(n1, "next") || ct_nword_is(n1, "coming")) &&
		     season_word(ct_nwin_at(w, k + 2)))) &&
		   season_alone(ct_nwin_at(w, ct_nword_is(t, "next") ? k + 2 : k + 3))) {
		/* "next spring", "the coming spring": the first such season after the publication
		 * ("coming": this one while it lasts), named by its year (a winter by the year it
		 * starts in); not "the next spring tide", "the next winter storm" */
		const struct ct_nword *sn = ct_nword_is(t, "next") ? n1 : ct_nwin_at(w, k + 2);
		int first = ct_nword_is(sn, "spring") ? 3 : ct_nword_is(sn, "summer") ? 6 : ct_nword_is(sn, "winter") ? 12 : 9;
		d->kind = "relative";
		if (a->ok) {
			d->year = a->m >= first ? a->y + 1 : a->y;
			if (ct_nword_is(n1, "coming") && a->m >= first && a->m < first + 3)
				d->year = a->y;
			if (ct_nword_is(n1, "coming") && first == 12 && a->m <= 2)
				d->year = a->y - 1;
		}
		return ct_nword_is(t, "next") ? k + 2 : k + 3;
	} else if ((n = small_count(t)) > 0 && ct_nwin_at(w, k + 2)->kind == CT_NW_WORD &&
		   ct_nword_is(ct_nwin_at(w, k + 2), "ago")) {
		const char *u = n1->lower;
		if (n1->kind != CT_NW_WORD)
			return 0;
		d->kind = "relative";
		if (!strcmp(u, "day") || !strcmp(u, "days")) {
			if (a->ok)
				set_days(d, a->z - n);
		} else if (!strcmp(u, "year") || !strcmp(u, "years")) {
			if (a->ok)
				d->year = a->y - n;
		} else if (strcmp(u, "week") && strcmp(u, "weeks") && strcmp(u, "month") &&
			   strcmp(u, "months")) {
			d->kind = NULL;
			return 0;
		}
		return k + 3;
	} else {
		return 0;
	}
	d->kind = "relative";
	if (!a->ok)
		return j;
	if (unit == 'y') {
		d->year = a->y + shift;
	} else if (unit == 'm') {
		int mm = a->m + shift, yy = a->y;
		if (mm == 0)
			mm = 12, yy--;
		if (mm == 13)
			mm = 1, yy++;
		d->year = yy;
		d->month = mm;
	}
	return j;
}

/* by 2030, (by) the end of 2027, the first quarter, mid-2026, early October, the 1990s */
static int match_period(struct ctx *c, int k, int by)
{
	static const char *const points[] = { "end", "start", "beginning", "middle", "rest", NULL };
	static const char *const ords[] = { "first", "second", "third", "fourth", "last", NULL };
	static const char *const edges[] = { "mid", "early", "late", NULL };
	struct ct_nwin *w = c->w;
	struct ct_date *d = c->d;
	const struct ct_nword *t = ct_nwin_at(w, k);
	int j = k, y, m, next, abbr, has_of = 0, quarter = 0;

	/* the 1990s */
	if (ct_nword_is(t, "the") && ct_nwin_at(w, k + 1)->kind == CT_NW_NUM) {
		const struct ct_nword *n = ct_nwin_at(w, k + 1);
		if (!n->decimals && !n->commas && n->intdigits == 4 && !strcmp(n->lower, "s")) {
			d->kind = "period";
			d->year = (int)n->value;
			return k + 2;
		}
	}
	/* mid-2026, early 2026, late October, mid-October */
	if (word_in(t, edges)) {
		j = k + 1;
		if (is_punct(ct_nwin_at(w, j), '-') && !ct_nwin_at(w, j)->space_before)
			j++;
		if ((y = year_at(w, j)) > 0) {
			d->kind = "period";
			d->year = y;
			return j + 1;
		}
		if ((m = month_at(w, j, &next, &abbr)) > 0 && !day_at(w, next)) {
			d->kind = "period";
			d->month = m;
			if ((y = year_at(w, next)) > 0)
				d->year = y, next++;
			else if (c->a->ok)
				d->year = infer_year(c->a, m, 1);
			return next;
		}
		return 0;
	}
	if (ct_nword_is(t, "the"))
		j++;
	t = ct_nwin_at(w, j);
	if (word_in(t, points)) {
		j++;
	} else if (word_in(t, ords) && (ct_nword_is(ct_nwin_at(w, j + 1), "quarter") ||
					ct_nword_is(ct_nwin_at(w, j + 1), "half"))) {
		/* 1..4 the quarter named, 5 "the last quarter", 0 a half */
		quarter = !ct_nword_is(ct_nwin_at(w, j + 1), "quarter") ? 0 :
			  t->lower[0] == 'l' ? 5 : t->lower[0] == 'f' ? (t->lower[1] == 'i' ? 1 : 4) :
			  t->lower[0] == 's' ? 2 : 3;
		j += 2;
	} else if (by && (y = year_at(w, j)) > 0 && j == k && ct_dates_year_plausible(ct_nwin_at(w, j), ct_nwin_at(w, j + 1))) {
		d->kind = "period";
		d->year = y;
		return j + 1;
	} else if (by && j == k && (m = month_at(w, j, &next, &abbr)) > 0 && !day_at(w, next) && !abbr) {
		d->kind = "period";
		d->month = m;
		if ((y = year_at(w, next)) > 0)
			d->year = y, next++;
		else if (c->a->ok)
			d->year = infer_year(c->a, m, 1);
		return next;
	} else {
		return 0;
	}
	if (ct_nword_is(ct_nwin_at(w, j), "of")) {
		const struct ct_nword *o = ct_nwin_at(w, j + 1), *o2 = ct_nwin_at(w, j + 2);
		has_of = 1;
		if ((y = year_at(w, j + 1)) > 0) {
			d->year = y;
			j += 2;
		} else if ((ct_nword_is(o, "the") || ct_nword_is(o, "this") || ct_nword_is(o, "next") ||
			    ct_nword_is(o, "last")) && (ct_nword_is(o2, "year") || ct_nword_is(o2, "month"))) {
			int shift = o->lower[0] == 'n' ? 1 : o->lower[0] == 'l' ? -1 : 0;
			if (c->a->ok) {
				if (o2->lower[0] == 'y') {
					d->year = c->a->y + shift;
				} else {
					int mm = c->a->m + shift, yy = c->a->y;
					if (mm == 0)
						mm = 12, yy--;
					if (mm == 13)
						mm = 1, yy++;
					d->year = yy;
					d->month = mm;
				}
			}
			j += 3;
		} else if ((m = month_at(w, j + 1, &next, &abbr)) > 0 && !day_at(w, next)) {
			d->month = m;
			if ((y = year_at(w, next)) > 0)
				d->year = y, next++;
			else if (c->a->ok)
				d->year = infer_year(c->a, m, 1);
			j = next;
		} else {
			has_of = 0;
		}
	}
	if (!has_of && !quarter)
		return 0;
	d->kind = "period";
	if (!has_of && c->a->ok) {
		/* a quarter without its year: the last one begun by publication, as a month alone is
		 * (the year before when it would begin more than 60 days after), or the one before
		 * the quarter of publication for "the last quarter" */
		const struct anchor *a = c->a;
		if (quarter == 5) {
			int q = (a->m - 1) / 3;
			d->year = q ? a->y : a->y - 1;
			d->last_month = q ? q * 3 : 12;
		} else {
			d->year = infer_year(a, quarter * 3 - 2, 1);
			d->last_month = quarter * 3;
		}
	}
	return j;
}

/* After a month or a day and month at e, "last year", "next year", "this year" (with "of" or
 * without: "January last year", "September of last year", "Jan. 31 next year"): the year those
 * words give, which replaces the one inferred. Returns the index after them, or e. */
static int year_words_after(struct ctx *c, int e)
{
	struct ct_nwin *w = c->w;
	struct ct_date *d = c->d;
	const struct ct_nword *t;
	int j = e, i;
	if (ct_nword_is(ct_nwin_at(w, j), "of"))
		j++;
	t = ct_nwin_at(w, j);
	if (!(ct_nword_is(t, "last") || ct_nword_is(t, "next") || ct_nword_is(t, "this")) ||
	    !ct_nword_is(ct_nwin_at(w, j + 1), "year"))
		return e;
	for (i = 0; i < e; i++)
		if (year_at(w, i))
			return e;   /* "October 2025 last year" states two years: leave them */
	if (!c->a->ok)
		return j + 2;
	d->year = c->a->y + (t->lower[0] == 'l' ? -1 : t->lower[0] == 'n' ? 1 : 0);
	d->resolved[0] = '\0';
	if (d->day && valid_date(d->year, d->month, d->day))
		set_days(d, days_from_civil(d->year, d->month, d->day));
	return j + 2;
}

/* 4:40 a.m., 4:40, 10 p.m., 4pm, noon, midnight, mid-morning, 10 o'clock, 5.50 o'clock */
static int match_time(struct ctx *c, int k)
{
	static const char *const mids[] = { "midmorning", "midafternoon", NULL };
	static const char *const parts[] = { "morning", "afternoon", "evening", NULL };
	struct ct_nwin *w = c->w;
	const struct ct_nword *t = ct_nwin_at(w, k), *n1 = ct_nwin_at(w, k + 1), *n2;
	int j = 0;
	if (ct_nword_is(t, "noon") || ct_nword_is(t, "midnight") || ct_nword_is(t, "midday")) {
		c->d->kind = "time";
		return k + 1;
	}
	/* "since mid-morning": a time of day as a clock time is ("since about 10 a.m.") */
	if (word_in(t, mids)) {
		c->d->kind = "time";
		return k + 1;
	}
	if (ct_nword_is(t, "mid") && is_punct(n1, CT_NW_DASH) && !n1->space_before &&
	    word_in(ct_nwin_at(w, k + 2), parts) && !ct_nwin_at(w, k + 2)->space_before) {
		c->d->kind = "time";
		return k + 3;
	}
	/* a translation's clock: "10 o'clock", "5.50 o'clock" (hour and minutes after a point) */
	if (t->kind == CT_NW_NUM && ct_nword_is(n1, "o'clock") && !t->lower[0] && !t->commas &&
	    t->value <= 24 && (!t->decimals || t->decimals == 2)) {
		c->d->kind = "time";
		return k + 2;
	}
	if (t->kind != CT_NW_NUM || t->decimals || t->commas || t->value > 24)
		return 0;
	if (!strcmp(t->lower, "am") || !strcmp(t->lower, "pm")) {
		j = k + 1;
	} else if (t->lower[0]) {
		return 0;
	} else if (is_punct(n1, ':') && !n1->space_before) {
		n2 = ct_nwin_at(w, k + 2);
		if (n2->kind != CT_NW_NUM || n2->space_before || n2->intdigits != 2 || n2->value >= 60 ||
		    n2->decimals || n2->commas)
			return 0;
		j = k + 3;
		if (!strcmp(n2->lower, "am") || !strcmp(n2->lower, "pm"))
			goto done;
	} else if (t->value <= 12 && (ct_nword_is(n1, "a.m") || ct_nword_is(n1, "p.m") ||
				      ct_nword_is(n1, "am") || ct_nword_is(n1, "pm"))) {
		j = k + 1;
	} else {
		return 0;
	}
	n1 = ct_nwin_at(w, j);
	if (ct_nword_is(n1, "a.m") || ct_nword_is(n1, "p.m") || ct_nword_is(n1, "am") ||
	    ct_nword_is(n1, "pm")) {
		j++;
		if (n1->lower[1] == '.' && is_punct(ct_nwin_at(w, j), '.') &&
		    !ct_nwin_at(w, j)->space_before)
			j++;
	}
done:
	c->d->kind = "time";
	return j;
}

/* 2025-10-13 */
static int match_iso(struct ctx *c, int k)
{
	struct ct_nwin *w = c->w;
	const struct ct_nword *m = ct_nwin_at(w, k + 2), *dd = ct_nwin_at(w, k + 4);
	int y = year_at(w, k);
	if (!y || !is_punct(ct_nwin_at(w, k + 1), '-') || ct_nwin_at(w, k + 1)->space_before ||
	    m->kind != CT_NW_NUM || m->space_before || m->intdigits != 2 || m->lower[0] ||
	    m->decimals || !is_punct(ct_nwin_at(w, k + 3), '-') || ct_nwin_at(w, k + 3)->space_before ||
	    dd->kind != CT_NW_NUM || dd->space_before || dd->intdigits != 2 || dd->lower[0] ||
	    dd->decimals || !valid_date(y, (int)m->value, (int)dd->value))
		return 0;
	c->d->kind = "date";
	c->d->year = y;
	c->d->month = (int)m->value;
	c->d->day = (int)dd->value;
	set_days(c->d, days_from_civil(y, c->d->month, c->d->day));
	return k + 5;
}

/* Tries every matcher at the current token; returns the tokens used (0: no date here). */
static int match_date(struct ctx *c)
{
	static const char *const lead[] = {
		"by", "since", "until", "till", "before", "after", "through", NULL
	};
	static const char *const plain[] = {
		"in", "on", "at", "of", "from", "during", "between", "and", "to", "fiscal", NULL
	};
	struct ct_nwin *w = c->w;
	const struct ct_nword *t0 = ct_nwin_at(w, 0);
	int k = 0, e, y, is_lead = word_in(t0, lead);
	int ctx_word;

	if (is_lead)
		k = 1;
	ctx_word = is_lead || word_in(ct_nwin_at(w, k - 1), plain) ||
		   word_in(ct_nwin_at(w, k - 1), lead) || ct_nword_is(ct_nwin_at(w, k - 1), "early") ||
		   ct_nword_is(ct_nwin_at(w, k - 1), "late") || ct_nword_is(ct_nwin_at(w, k - 1), "mid");
	for (;;) {
		memset(c->d, 0, sizeof(*c->d));
		c->d->weekday = -1;
		c->cut_end = 0;
		if ((e = match_iso(c, k)) || (e = match_time(c, k)) ||
		    (e = match_period(c, k, ct_nword_is(t0, "by") && k == 1)) ||
		    (e = match_weekday(c, k)) || (e = match_calendar(c, k, ctx_word)) ||
		    (e = match_relative(c, k)))
			break;
		/* a year after a date word: in 2007, since 2007 */
		if ((y = year_at(w, k)) > 0 && ct_dates_year_plausible(ct_nwin_at(w, k), ct_nwin_at(w, k + 1)) &&
		    (is_lead || ct_dates_year_before_noun(ct_nwin_at(w, k - 1), ct_nwin_at(w, k), ct_nwin_at(w, k + 1)) ||
		     ct_dates_year_of_number(w, k) ||
		     (year_at(w, k - 2) && (ct_nword_is(ct_nwin_at(w, k - 1), "and") ||
						      ct_nword_is(ct_nwin_at(w, k - 1), "to") ||
						      is_punct(ct_nwin_at(w, k - 1), '-'))) || ct_dates_year_context(ct_nwin_at(w, k - 1)->kind == CT_NW_WORD ?
						      ct_nwin_at(w, k - 1)->lower : "",
						      ct_nwin_at(w, k - 2)->kind == CT_NW_WORD ?
						      ct_nwin_at(w, k - 2)->lower : ""))) {
			c->d->kind = "year";
			c->d->year = y;
			e = k + 1;
			break;
		}
		if (!is_lead)
			return 0;
		return 1;   /* a lead word with no date after it */
	}
	if (c->d->month && (c->d->kind[0] == 'd' || c->d->kind[0] == 'm' || c->d->kind[0] == 'p'))
		e = year_words_after(c, e);
	if (ct_nword_is(t0, "by") && k == 1 && (!strcmp(c->d->kind, "year") ||
						 !strcmp(c->d->kind, "month")))
		c->d->kind = "period";
	c->d->start = t0->start;
	c->d->end = c->cut_end ? c->cut_end : end_before(w, e);
	return e;
}

/* Whether a date expression can begin at this token: a figure, a lower-case word a matcher
 * above starts with (CT_LEX_DATESTART), or such a word, a month or a weekday capitalised
 * (CT_LEX_DATEWORD holds the months and weekdays). Everything else is skipped without trying
 * the matchers, which would find nothing there. */
static int can_start(const struct ct_nword *t)
{
	if (t->kind == CT_NW_NUM)
		return 1;
	if (t->kind != CT_NW_WORD)
		return 0;
	return (t->lex & CT_LEX_DATESTART) || (t->cap && (t->lex & CT_LEX_DATEWORD));
}

/* How far after its first token a date expression has a figure or a date word (CT_LEX_DATEWORD:
 * months, weekdays, yesterday, week, year, ago, noon, night, morning, quarter ...): "by the end
 * of the year" has "year" five tokens on. */
#define DATE_ANCHOR_REACH 10

/* For the most frequent start words, what must follow for any matcher to succeed: after "the",
 * a figure ("the 13th", "the 1990s") or a word of "the end of", "the first quarter" (all in
 * CT_LEX_DATESTART); after "a", "one" .. "ten", "ago" two tokens on ("three days ago"), the
 * only expression match_relative starts with them. Any other token: 1, try the matchers. */
static int worth_trying(struct ct_nwin *w, const struct ct_nword *t)
{
	const struct ct_nword *n1;
	if (t->kind != CT_NW_WORD)
		return 1;
	if (ct_nword_is(t, "the")) {
		n1 = ct_nwin_at(w, 1);
		return n1->kind == CT_NW_NUM || (n1->kind == CT_NW_WORD && (n1->lex & CT_LEX_DATESTART));
	}
	if (small_count(t) > 0)
		return ct_nword_is(ct_nwin_at(w, 2), "ago");
	return 1;
}

int ct_dates_scan_win(struct ct_nwin *w, const char *published, ct_date_cb cb, void *payload)
{
	struct ct_nanchor anchor = { 0, 0, 0 };
	struct ct_date d;
	struct anchor a;
	struct ctx c;
	int used, rc;
	const struct ct_nword *t;
	parse_anchor(&a, published);
	c.w = w;
	c.a = &a;
	c.d = &d;
	c.cut_end = 0;
	while ((t = ct_nwin_at(w, 0))->kind != CT_NW_NONE) {
		if (!can_start(t) || !ct_nanchor_near(&anchor, w, CT_LEX_DATEWORD, DATE_ANCHOR_REACH) ||
		    !worth_trying(w, t)) {
			ct_nwin_advance(w, 1);
			continue;
		}
		used = match_date(&c);
		if (used > 0 && d.kind && (rc = cb(&d, payload)) != 0)
			return rc;
		ct_nwin_advance(w, used > 0 ? (size_t)used : 1);
	}
	return 0;
}

int ct_dates_scan(const char *s, size_t len, const char *published, ct_date_cb cb, void *payload)
{
	struct ct_nwin w;
	if (!s)
		return 0;
	ct_nwin_init(&w, s, len);
	return ct_dates_scan_win(&w, published, cb, payload);
}
