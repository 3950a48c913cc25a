/* Claim extraction over the segmenter: per sentence, one tokenisation feeds the entity, quote
 * and speaker rules, the claim type and the check-worthiness score. */
#include "extract/extract.h"

#include "extract/checkworthy.h"
#include "extract/lexicon.h"

#include <math.h>
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "util/buf.h"
#include "util/err.h"
#include "util/limits.h"

/* What one segment's resolution carries to the next, in reading order: who spoke last, the people
 * and the organisation named so far. Only the thread whose turn it is touches it. */
struct extract_shared {
	ct_extract_cb cb;
	void *payload;
	ct_buf speaker;          /* the last named speaker, for "he said" and continued quotes */
	ct_buf people;           /* the full names of people named so far (NUL after each), newest
	                          * last: "Haskins said" is the Carol Haskins named before */
	ct_buf org;              /* the organisation named last: "It said" is it, never a person */
	ct_buf person;           /* the last speaker who is a person: "she said" is her, never "the
	                          * report" quoted since */
	ct_buf subject;          /* the person the last sentence opened with as its subject ("Anselm
	                          * Krook, who runs Halberd, was less conciliatory."): "he said" in
	                          * the next sentence is him, if the text shows no other sex */
	int subject_fresh;       /* sentences subject stays fresh for: 3 when named, one less for
	                          * each sentence naming no one, 0 once another person is named */
	unsigned nsent;          /* sentences resolved */
	unsigned subject_at;     /* the sentence subject was named in */
	unsigned speaker_at;     /* the sentence speaker was last named in */
	ct_buf named;            /* the last person the sentence before named, anywhere in it ("...
	                          * has hired a lawyer, J. R. Halloway. ..., he told the Observer"):
	                          * "he" when no one has spoken yet */
	unsigned named_at;       /* the sentence it was named in */
	int named_new;           /* named there for the first time, in a sentence where no one speaks
	                          * ("In the front row sat the chair ..., Mrs. Philippa Skelbrook, who
	                          * ... . “...,” she said"): the "she" of a quote right after */
	int quote_open;          /* the previous paragraph ended inside an open quote */
	unsigned speaker_para;   /* paragraph where speaker was last named */
	int speaker_doc;         /* it was a document "according to" ("according to a timeline of the
	                          * ambulance service"): a quote after it is not its words */
	int speaker_body;        /* it was a body named by a common noun ("The department said"): a
	                          * later "it said" is it */
	/* The people last named with a title ("Gov. Alaric Venn", "Mayor Ines Polk"): the title's
	 * last word folded ("governor", "mayor"), so "the governor said" later is that person. A
	 * ring of the newest TITLED. */
	struct titled {
		char title[24];
		char name[96];
		size_t len;
	} titled[8];
	unsigned ntitled;        /* entries made, the newest at (ntitled - 1) % 8 */
	/* The people last named whose sex the text shows (sex_shown), newest at (nsexed - 1) % 8:
	 * "he said" after a woman's words is the man named before her. */
	struct sexed {
		char name[96];
		size_t len;
		int sex;
	} sexed[8];
	unsigned nsexed;
};

enum { SEX_M = 1, SEX_F = 2 };

#define TITLED (sizeof(((struct extract_shared *)0)->titled) / sizeof(((struct extract_shared *)0)->titled[0]))
#define SEXED (sizeof(((struct extract_shared *)0)->sexed) / sizeof(((struct extract_shared *)0)->sexed[0]))

/* One segment's analysis: everything that depends on the segment alone (tokens, entities, quote,
 * numbers, dates, type, score), so that several can be analysed at once on several threads. */
struct extract_ctx {
	const char *text;
	const char *published;
	struct extract_shared *sh;
	ct_segment seg;          /* a copy: the segmenter's own is gone by the time it is resolved */
	struct ct_claim_draft d;
	ct_buf flat;
	unsigned lex_all;        /* the CT_LEX_* bits of the segment's words, together */
	struct ct_quote quote;
	struct ct_attribution attr;
	size_t nnumbers;
	size_t ndates;
	struct ct_nword *nbuf;   /* NBUF tokens for nw (not zeroed: the lexer fills each one it uses);
	                          * only analyse uses it, so the parallel extractor's contexts
	                          * borrow their worker's */
	int own_nbuf;            /* nbuf is this context's (freed with it) */
	/* Not zeroed either, being large and written before they are read for each segment (its
	 * count first for each array): */
	struct ct_sentence_entities ents;
	struct ct_number numbers[CT_EXTRACT_MAX_ITEMS];
	struct ct_date dates[CT_EXTRACT_MAX_ITEMS];
	struct ct_tokens tk;
	struct ct_nwin nw;       /* the number and date scanners' tokens, lexed once per sentence */
};

#define NBUF 512

/* Days since the epoch of "YYYY-MM-DD". */
size_t ct_extract_chars(const char *text, size_t len)
{
	size_t i, n = 0;
	for (i = 0; i < len; i++)
		n += ((unsigned char)text[i] & 0xc0) != 0x80;
	return n;
}

static long day_number(const char *d)
{
	struct tm tm;
	int y, m, dd, k;
	/* The usual case, a well-formed date, by arithmetic (H. Hinnant's days_from_civil) rather
	 * than sscanf and timegm; anything else as before. */
	for (k = 0; k < 10 && (k == 4 || k == 7 ? d[k] == '-' : (d[k] >= '0' && d[k] <= '9')); k++)
		;
	if (k == 10 && (d[10] < '0' || d[10] > '9')) {
		y = (d[0] - '0') * 1000 + (d[1] - '0') * 100 + (d[2] - '0') * 10 + (d[3] - '0');
		m = (d[5] - '0') * 10 + (d[6] - '0');
		dd = (d[8] - '0') * 10 + (d[9] - '0');
		if (y >= 1970 && m >= 1 && m <= 12 && dd >= 1 && dd <= 28) {
			long yy = y - (m <= 2), era = yy / 400, yoe = yy - era * 400;
			long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + dd - 1;
			return era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
		}
	}
	memset(&tm, 0, sizeof(tm));
	if (sscanf(d, "%4d-%2d-%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday) != 3)
		return 0;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	tm.tm_hour = 12;
	return (long)(timegm(&tm) / 86400);
}

/* The date recogniser reads a bare weekday as the last one on or before the publication date, as
 * news reports the past. In a sentence about the future ("will reopen on Friday") it is the next
 * one; "since Monday" and "last Friday" stay in the past. */
/* "remains closed until Friday": "until" a weekday, with no verb of the past in the sentence, is
 * a day to come even without "will". */
static int until_weekday(const struct extract_ctx *x)
{
	static const char *const past[] = { "was", "were", "had", "stayed", "remained", "kept", "lasted",
					    "said", "told", NULL };
	size_t i, k, until = 0;
	for (i = 0; i < x->ndates; i++)
		until |= !strcmp(x->dates[i].kind, "weekday") &&
			 (!strncmp(x->flat.ptr + x->dates[i].start, "until ", 6) ||
			  !strncmp(x->flat.ptr + x->dates[i].start, "Until ", 6));
	if (!until)
		return 0;
	for (k = 0; k < x->tk.n; k++)
		for (i = 0; past[i]; i++)
			if (ct_tok_is(&x->tk, k, past[i]))
				return 0;
	return 1;
}

/* A verb in the past by its form: a lower-case word of five letters or more ending in "ed" that is
 * not a word of the future ("expected", "scheduled") nor a participle after a verb of being. */
static int past_verb(const struct ct_tokens *tk, size_t i)
{
	const struct ct_token *t = &tk->t[i];
	size_t n = t->end - t->start;
	const char *w = tk->s + t->start;
	static const char *const not_after[] = { "remain", "remains", "be", "been", "being", "is", "are",
						 "stay", "stays", "get", "gets", "become", NULL };
	/* the past of irregular verbs, those whose present is another word ("struck down", not "cut") */
	static const char *const irregular[] = { "struck", "took", "gave", "made", "held", "met", "won", "lost",
						 "fell", "rose", "began", "came", "went", "found", "saw", "sent", "spent",
						 "sold", "built", "brought", "kept", "broke", "chose", "drew", "drove",
						 "stood", "threw", "wrote", "bought", "caught", "fought", "paid", "shot",
						 "sank", "flew", "grew", "knew", "ran", "froze", "stole", "tore", "overturned",
						 "upheld", "overrode", "withdrew", NULL };
	const char *const *a;
	if ((t->lex & CT_LEX_PAST) && w[0] >= 'a' && w[0] <= 'z' && n >= 3 && !(i > 0 && (tk->t[i - 1].lex & CT_LEX_FUTURE)))
		for (a = irregular; *a; a++)
			if (ct_tok_is(tk, i, *a))
				return 1;
	if (!(n >= 5 && w[n - 2] == 'e' && w[n - 1] == 'd' && w[0] >= 'a' && w[0] <= 'z') || (t->lex & CT_LEX_FUTURE) ||
	    ct_tok_is(tk, i, "scheduled") || ct_tok_is(tk, i, "planned"))
		return 0;
	/* a compound adjective ("remote-controlled cranes", "state-owned"), unless its first part is
	 * a prefix of verbs ("re-elected", "co-founded") */
	if (t->flags & CT_TOK_HYPHEN) {
		const char *h = memchr(w, '-', n);
		if (h && h - w > 3)
			return 0;
	}
	/* a participle after a verb of being or the future: "will remain closed until Monday" */
	if (i > 0 && (tk->t[i - 1].lex & CT_LEX_FUTURE))
		return 0;
	for (a = not_after; i > 0 && *a; a++)
		if (ct_tok_is(tk, i - 1, *a))
			return 0;
	return 1;
}

/* In a sentence about the future ("will", "would", "plans"): a month or a day of a month whose year
 * the text does not give, resolved to before the publication, is the next one ("would introduce a
 * bill in January", "by the end of June"). */
/* The same day or month a year on (its resolved "YYYY-MM-DD" too). */
static void next_year(struct ct_date *d)
{
	size_t k;
	if (d->year >= 9999)
		return;
	d->year++;
	if (d->resolved[0]) {   /* "YYYY-MM-DD": the year's four digits written again */
		int y = d->year;
		for (k = 4; k-- > 0; y /= 10)
			d->resolved[k] = (char)('0' + y % 10);
	}
}

/* The date text w[0, n) says its year: in words ("January last year", "Jan. 31 next year") or as
 * four digits in a row. */
static int year_stated(const char *w, size_t n)
{
	size_t k, run = 0;
	if (n >= 5 && !memcmp(w + n - 5, " year", 5))
		return 1;
	for (k = 0; k < n; k++) {
		run = w[k] >= '0' && w[k] <= '9' ? run + 1 : 0;
		if (run >= 4)
			return 1;
	}
	return 0;
}

/* A verb of the past or of saying among the five words before byte off (with aux, "had", "was"
 * or "were" too): the date it leads to is told of as past. */
static int past_before(const struct extract_ctx *x, size_t off, int aux)
{
	size_t t, back;
	int said = 0;
	for (t = 0; t < x->tk.n && x->tk.t[t].start < off; t++)
		;
	for (back = 1; back <= 5 && back <= t && !said; back++) {
		/* the nearest verb rules: "said the inquiry would report by the end of February" */
		if (x->tk.t[t - back].lex & CT_LEX_FUTURE)
			break;
		said |= past_verb(&x->tk, t - back) || (x->tk.t[t - back].lex & CT_LEX_SAY) != 0 ||
			(aux && (ct_tok_is(&x->tk, t - back, "had") || ct_tok_is(&x->tk, t - back, "was") ||
				 ct_tok_is(&x->tk, t - back, "were")));
	}
	return said;
}

/* A verb of a scheduled happening in the present as the nearest verb among the five words before
 * byte off, no verb of the past or of saying nearer: "the meeting, which opens in Harwick on Jan.
 * 29", "the committee meets again in March". */
static int scheduled_before(const struct extract_ctx *x, size_t off)
{
	static const char *const present[] = { "opens", "meets", "starts", "begins", "ends", "closes", "resumes",
					       "sits", "convenes", "returns", "expires", "reopens", "kicks", "takes",
					       "enters", "comes", "applies", NULL };
	size_t t, back;
	for (t = 0; t < x->tk.n && x->tk.t[t].start < off; t++)
		;
	size_t k;
	/* "in March it voted": a verb of the past right after the date tells it */
	for (k = t; k < x->tk.n && k < t + 6 && !(x->tk.t[k].flags & CT_TOK_PUNCT); k++)
		if (past_verb(&x->tk, k) || (x->tk.t[k].lex & (CT_LEX_SAY | CT_LEX_PAST)))
			return 0;
	for (back = 1; back <= 5 && back <= t; back++) {
		const struct ct_token *tok = &x->tk.t[t - back];
		/* within the date's clause: not past a comma or "and" ("meets monthly, and in March") */
		if ((tok->flags & CT_TOK_PUNCT) || ct_tok_is(&x->tk, t - back, "and") || ct_tok_is(&x->tk, t - back, "but"))
			return 0;
		if (past_verb(&x->tk, t - back) || (tok->lex & (CT_LEX_SAY | CT_LEX_PAST)))
			return 0;
		if (tok->end - tok->start >= 4 && x->tk.s[tok->end - 1] == 's' && ct_tok_in(&x->tk, t - back, present))
			return 1;
	}
	return 0;
}

/* A day or month read in the publication's year half a year or more before it, put on a happening
 * scheduled in the present ("which opens on Jan. 29" in a December article): next year's. */
static void scheduled_dates(struct extract_ctx *x)
{
	long pub = day_number(x->published);
	int py = atoi(x->published), pm = atoi(x->published + 5);
	size_t i;
	for (i = 0; i < x->ndates; i++) {
		struct ct_date *d = &x->dates[i];
		const char *w = x->flat.ptr + d->start;
		long day;
		if (!d->year || !d->month || (strcmp(d->kind, "date") && strcmp(d->kind, "month")))
			continue;
		if (d->resolved[0] ? !(day = day_number(d->resolved)) || day > pub - 183
				   : d->year * 12 + d->month > py * 12 + pm - 6)
			continue;
		if (year_stated(w, d->end - d->start) || !strncmp(w, "since", 5) || !strncmp(w, "last", 4))
			continue;
		if (scheduled_before(x, d->start))
			next_year(d);
	}
}

static void future_months(struct extract_ctx *x)
{
	size_t i;
	for (i = 0; i < x->ndates; i++) {
		struct ct_date *d = &x->dates[i];
		const char *w = x->flat.ptr + d->start;
		int month = d->month ? d->month : d->last_month;   /* a quarter: is it over? */
		if ((strcmp(d->kind, "month") && strcmp(d->kind, "date") && strcmp(d->kind, "period")) || !d->year ||
		    !month || !x->published ||
		    !strncmp(w, "since", 5) || !strncmp(w, "Since", 5) || !strncmp(w, "last", 4) || !strncmp(w, "Last", 4) ||
		    memmem(w, d->end - d->start, "week", 4))   /* "Sunday of last week": the week says which */
			continue;
		if (year_stated(w, d->end - d->start))
			continue;
		if (d->year * 12 + month >= atoi(x->published) * 12 + atoi(x->published + 5))
			continue;   /* this month or later: already ahead */
		if (!past_before(x, d->start, 0))
			next_year(d);
	}
}

/* "by Jan. 8", "until 8 January" in a December report: a deadline, so the coming January, when
 * the day read in the publication's year is half a year or more before it and no verb of the
 * past, of saying or "had"/"was"/"were" stands just before ("had finished by Oct. 3" stays).
 * Needs no word of the future: "wants a list on his desk by Jan. 8". */
static void deadline_days(struct extract_ctx *x)
{
	static const char *const lead[] = { "by ", "until ", "till ", "before ", "By ", "Until ", "Before ", NULL };
	long pub = day_number(x->published);
	size_t i, j;
	for (i = 0; i < x->ndates; i++) {
		struct ct_date *d = &x->dates[i];
		const char *w = x->flat.ptr + d->start;
		long day;
		if (strcmp(d->kind, "date") || !d->resolved[0] || !pub)
			continue;
		for (j = 0; lead[j] && strncmp(w, lead[j], strlen(lead[j])); j++)
			;
		if (!lead[j] || year_stated(w, d->end - d->start))
			continue;
		if (!(day = day_number(d->resolved)) || day > pub - 183)
			continue;
		if (!past_before(x, d->start, 1))
			next_year(d);
	}
}

/* 1 when byte off of the sentence is inside its quote. */
static int in_quote(const struct extract_ctx *x, size_t off)
{
	return x->quote.found && off >= x->quote.start && off < x->quote.end;
}

/* 1 when a word of the future stands outside the sentence's quote. */
static int future_outside_quote(const struct extract_ctx *x)
{
	size_t k;
	for (k = 0; k < x->tk.n; k++)
		if ((x->tk.t[k].lex & CT_LEX_FUTURE) && !in_quote(x, x->tk.t[k].start))
			return 1;
	return 0;
}

/* only_until: only the dates "until <weekday>" (until_weekday) */
/* Resolves d to the day day (days since the epoch). */
static void set_day(struct ct_date *d, long day)
{
	time_t t = (time_t)day * 86400 + 43200;
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(d->resolved, sizeof(d->resolved), "%Y-%m-%d", &tm);
	d->year = tm.tm_year + 1900;
	d->month = tm.tm_mon + 1;
	d->day = tm.tm_mday;
}

/* "It must stop taking deliveries by Friday": a weekday after "by" that closes an obligation (a
 * "must", "has to", "needs to" before it in the clause, no past verb or verb of saying between)
 * is the coming one, not the one before publication. */
static void deadline_weekdays(struct extract_ctx *x)
{
	long pub = day_number(x->published);
	size_t i;
	for (i = 0; i < x->ndates; i++) {
		struct ct_date *d = &x->dates[i];
		size_t k, back;
		int must = 0;
		long day;
		if (strcmp(d->kind, "weekday") || !d->resolved[0] || (strncmp(x->flat.ptr + d->start, "by ", 3) &&
								    strncmp(x->flat.ptr + d->start, "By ", 3)) ||
		    !strncmp(x->flat.ptr + d->start + 3, "last ", 5) || in_quote(x, d->start))
			continue;
		for (k = 0; k < x->tk.n && x->tk.t[k].start < d->start; k++)
			;
		for (back = 1; back <= 8 && back <= k && !must; back++) {
			const struct ct_tokens *tk = &x->tk;
			size_t j = k - back;
			if ((tk->t[j].flags & CT_TOK_PUNCT) || (tk->t[j].lex & CT_LEX_SAY) || past_verb(tk, j))
				break;
			must = ct_tok_is(tk, j, "must") ||
			       ((ct_tok_is(tk, j, "has") || ct_tok_is(tk, j, "have") || ct_tok_is(tk, j, "needs") ||
				 ct_tok_is(tk, j, "need")) && ct_tok_is(tk, j + 1, "to"));
		}
		day = must ? day_number(d->resolved) : 0;
		if (day && pub && day < pub) {
			set_day(d, day + 7);
		}
	}
}

static void future_weekdays(struct extract_ctx *x, int only_until)
{
	long pub = day_number(x->published);
	size_t i;
	for (i = 0; i < x->ndates; i++) {
		struct ct_date *d = &x->dates[i];
		const char *w = x->flat.ptr + d->start;
		long day;
		if (strcmp(d->kind, "weekday") || !d->resolved[0] || !strncmp(w, "since", 5) || !strncmp(w, "last", 4) ||
		    !strncmp(w, "Since", 5) || !strncmp(w, "Last", 4))
			continue;
		if (only_until && strncmp(w, "until ", 6) && strncmp(w, "Until ", 6))
			continue;
		/* "Monday's incident": an event the text names by its day, one that took place (the
		 * comparer has always read it so) */
		if (x->flat.ptr[d->end] == '\'' || !strncmp(x->flat.ptr + d->end, "\xE2\x80\x99", 3))
			continue;
		{
			/* "said on Tuesday that ... would": the day of the saying, in the past; so is the
			 * day of a verb in the past ("voted 5-2 on Tuesday night ... will move") */
			size_t k, said = 0;
			for (k = 0; k < x->tk.n && x->tk.t[k].start < d->start; k++)
				;
			for (size_t back = 1; back <= 3 && back <= k; back++)
				said |= (x->tk.t[k - back].lex & CT_LEX_SAY) != 0;
			/* "... will not reopen ..., the authority told reporters at its briefing, on Monday":
			 * a verb of saying closer before the day than any word of the future */
			for (size_t back = 1; back <= k && !only_until; back++) {
				const struct ct_token *b = &x->tk.t[k - back];
				if (in_quote(x, b->start))
					continue;
				if (b->lex & CT_LEX_FUTURE)
					break;
				if (b->lex & CT_LEX_SAY) {
					said = 1;
					break;
				}
			}
			/* "On Wednesday, she told reporters: "... will never get back."": the words of the
			 * future all in a quote the day is not in */
			if (!only_until && !in_quote(x, d->start) && !future_outside_quote(x))
				said = 1;
			for (size_t back = 1; back <= 5 && back <= k && !only_until; back++)
				said |= past_verb(&x->tk, k - back);
			/* "The court on Tuesday struck down ...": the verb right after the day */
			while (k < x->tk.n && x->tk.t[k].start < d->end)
				k++;
			for (size_t ahead = 0; ahead < 2 && k + ahead < x->tk.n && !only_until; ahead++)
				said |= past_verb(&x->tk, k + ahead);
			if (said)
				continue;
		}
		day = day_number(d->resolved);
		if (day && pub && day < pub) {
			set_day(d, day + 7);
		}
	}
}

static int keep_number(const struct ct_number *n, void *payload)
{
	struct extract_ctx *x = payload;
	/* an ordinal before what it ranks ("the third quarter", "first appeared") tells which one,
	 * not how many: no quantity of the claim (the comparer still reads it: ct_numbers_scan) */
	if (n->modifier)
		return 0;
	if (x->nnumbers < CT_EXTRACT_MAX_ITEMS)
		x->numbers[x->nnumbers++] = *n;
	return 0;
}

static int keep_date(const struct ct_date *d, void *payload)
{
	struct extract_ctx *x = payload;
	if (x->ndates < CT_EXTRACT_MAX_ITEMS)
		x->dates[x->ndates++] = *d;
	return 0;
}

/* Whether unit u is a currency's code ("usd", "eur", ...): three lower-case letters the number
 * recogniser writes for money. */
static int currency_unit(const char *u)
{
	static const char *const codes[] = { "usd", "eur", "gbp", "nok", "sek", "dkk", "chf", "jpy", "cad", "aud", NULL };
	const char *const *c;
	for (c = codes; *c; c++)
		if (!strcmp(u, *c))
			return 1;
	return 0;
}

/* Whether the sentence tells of a vote: a word starting "vot" or a vote's outcome. */
static int voted(const struct extract_ctx *x)
{
	static const char *const outcomes[] = { "passed", "approved", "rejected", "defeated", "carried", "ballot", NULL };
	size_t i;
	for (i = 0; i < x->tk.n; i++) {
		const char *w = x->tk.s + x->tk.t[i].start;
		if (((w[0] | 0x20) == 'v' && x->tk.t[i].end - x->tk.t[i].start >= 4 && (w[1] | 0x20) == 'o' && (w[2] | 0x20) == 't') ||
		    ct_tok_in(&x->tk, i, outcomes))
			return 1;
	}
	return 0;
}

/* Whether number n is one side of a tally: "9 to 4", the second smaller, both plain integers with
 * no unit, not after "from". */
static int tally(const struct extract_ctx *x, const struct ct_number *n)
{
	const char *t = x->flat.ptr;
	size_t i;
	for (i = 0; i < x->nnumbers; i++) {
		const struct ct_number *a = &x->numbers[i], *b = i + 1 < x->nnumbers ? &x->numbers[i + 1] : NULL;
		if (!b || (a != n && b != n) || a->unit[0] || b->unit[0] || a->value <= b->value ||
		    a->value != floor(a->value) || b->value != floor(b->value) || b->start != a->end + 4 ||
		    memcmp(t + a->end, " to ", 4))
			continue;
		if (a->start >= 5 && !memcmp(t + a->start - 5, "from ", 5))
			continue;
		return voted(x);   /* not "Staff were cut 120 to 85" */
	}
	return 0;
}

/* A number that makes the sentence a claim about a quantity: not an ordinal ("first appeared"), a
 * reference ("Ward No. 4"), a length of time ("within 90 days", "two winters earlier", "a one-day
 * stoppage": a deadline or a duration belongs to the event, rule or plan it times) nor a person's
 * age ("Gideon Farrow, 67, said"). */
static int counts_as_quantity(const struct extract_ctx *x, const struct ct_number *n)
{
	static const char *const spans[] = { "second", "minute", "hour", "day", "night", "week", "month", "year",
					     "decade", "century", "no", "winter", "summer", "spring", "autumn",
					     "season", "term", "semester", NULL };
	const char *const *u;
	const char *t = x->flat.ptr;
	if (n->ordinal)
		return 0;
	for (u = spans; *u; u++)
		if (n->unit[0] == (*u)[0] && !strcmp(n->unit, *u))
			/* "every six minutes" is a rate, which is a quantity */
			return n->start >= 6 && !memcmp(t + n->start - 6, "every ", 6) && strcmp(n->unit, "no");
	if (!n->unit[0] && n->value >= 1 && n->value < 120 && n->value == floor(n->value) && n->start >= 2 &&
	    n->end < x->flat.len && t[n->start - 2] == ',' && t[n->start - 1] == ' ' && t[n->end] == ',')
		return 0;
	/* "The four trustees who voted against": a group the text has counted already, named by
	 * the count in words after "the" */
	if (!n->approx && n->start >= 4 && t[n->start] >= 'a' && t[n->start] <= 'z' && n->value >= 2 &&
	    n->value < 100 && n->value == floor(n->value) && strcmp(n->unit, "percent") && !currency_unit(n->unit) &&
	    (!memcmp(t + n->start - 4, "the ", 4) || !memcmp(t + n->start - 4, "The ", 4)))
		return 0;
	/* a tally, "passed the rise 9 to 4": the votes of an event, not a quantity (but "from 9 to 4
	 * percent") */
	if (!n->unit[0] && n->value == n->high && tally(x, n))
		return 0;
	return 1;
}

/* A word of the future that speaks of the future: not "had expected" (a past expectation) nor
 * "would have let" (what did not happen). */
static int future_here(const struct ct_tokens *tk)
{
	size_t k;
	for (k = 0; k < tk->n; k++) {
		if (!(tk->t[k].lex & CT_LEX_FUTURE))
			continue;
		if (k > 0 && ct_tok_is(tk, k - 1, "had"))
			continue;
		if ((ct_tok_is(tk, k, "would") || ct_tok_is(tk, k, "might")) && ct_tok_is(tk, k + 1, "have"))
			continue;
		return 1;
	}
	return 0;
}

/* "are due to resume next month": "due to" after a verb of being is a date set, not a cause. */
static int scheduled_due(const struct ct_tokens *tk, int *other_cause)
{
	static const char *const be[] = { "is", "are", "was", "were", "be", "been", NULL };
	static const char *const due_next[] = { "to", "by", "on", "in", "before", "at", "next", NULL };
	size_t k;
	int due = 0;
	*other_cause = 0;
	for (k = 0; k < tk->n; k++) {
		if (!(tk->t[k].lex & CT_LEX_CAUSE))
			continue;
		if (k > 0 && ct_tok_is(tk, k, "due") && ct_tok_in(tk, k + 1, due_next) && ct_tok_in(tk, k - 1, be))
			due = 1;   /* "is due to resume", "is due by the end of April" */
		else
			*other_cause = 1;
	}
	return due;
}

/* "Under state rules, ...", "Under the bridge manual, known as ..., no bridge may ...", "League
 * rules require ...": a sentence that opens by naming the rule it states, whatever figures it
 * holds. */
static int under_rule(const struct ct_tokens *tk, unsigned lex_all)
{
	static const char *const texts[] = { "act", "code", "manual", "guidelines", "statute", "treaty",
					     "charter", "constitution", "contract", "agreement", "resolution",
					     "ordinance", "directive", "decree", "bylaw", "bylaws", "policy", NULL };
	/* what a rule does to those it binds */
	static const char *const binds[] = { "require", "requires", "bar", "bars", "ban", "bans", "forbid", "forbids",
					     "oblige", "obliges", "prohibit", "prohibits", "allow", "allows", "permit",
					     "permits", "limit", "limits", "cap", "caps", "stipulate", "stipulates", NULL };
	static const char *const modal[] = { "may", "must", "can", "cannot", "shall", NULL };
	static const char *const subj[] = { "a", "an", "the", "no", "every", "each", "any", NULL };
	size_t k;
	char c = tk->n ? (char)(tk->s[tk->t[0].start] | 0x20) : 0;
	int opener = c == 'u' && ct_tok_is(tk, 0, "under") ? 1 :
		     /* a translation's "After the rules of the league may a club ..." ("nach den Regeln") */
		     c == 'a' && ct_tok_is(tk, 0, "after") ? 2 :
		     c == 'a' && ct_tok_is(tk, 0, "according") && ct_tok_is(tk, 1, "to") ? 3 : 0;
	if (opener != 1 && !(lex_all & CT_LEX_RULE))
		return 0;   /* only "under" opens with a text the rule list does not hold */
	for (k = opener == 3 ? 2 : opener ? 1 : 0; k < tk->n && k < 9 && !(tk->t[k].flags & CT_TOK_PUNCT); k++) {
		const char *const *w;
		int rule = CT_TOK_LEX(tk, k, CT_LEX_RULE) != 0;
		for (w = texts; opener == 1 && *w && !rule; w++)
			rule = ct_tok_is(tk, k, *w);
		if (!rule)
			continue;
		if (opener == 1)
			return 1;
		if (opener == 3)   /* "According to state law", not "According to critics of the law" */
			return k <= 4;
		if (opener == 2) {
			/* the rules' owner ("of the league"), then the verb put before its subject ("may a
			 * club"); not "After the new rules are introduced" */
			size_t j = k + 1;
			while (j < tk->n && j < k + 5 && !(tk->t[j].flags & CT_TOK_PUNCT) && !ct_tok_in(tk, j, modal))
				j++;
			return j + 1 < tk->n && ct_tok_in(tk, j, modal) &&
			       ((tk->t[j + 1].flags & CT_TOK_CAP) || ct_tok_in(tk, j + 1, subj));
		}
		/* "League rules require a club to report ...": a rule as the subject of a verb that
		 * binds, opening the sentence */
		return k + 1 < tk->n && ct_tok_in(tk, k + 1, binds);
	}
	return 0;
}

/* Whether date d opens with "since": a stretch of time up to now ("since 2019", "since
 * August"), the span of a state rather than the day of a happening. */
static int since_date(const struct extract_ctx *x, const struct ct_date *d)
{
	const char *w = x->flat.ptr + d->start;
	return d->end - d->start > 6 && (w[0] | 0x20) == 's' && !strncmp(w + 1, "ince ", 5);
}

/* "since 2019", "since August": the span of a state; not "since Saturday", the day of a
 * happening. */
static int since_state(const struct extract_ctx *x, const struct ct_date *d)
{
	return since_date(x, d) && !d->day && strcmp(d->kind, "weekday");
}

/* Whether the sentence puts what it tells on a day, a month or an hour ("meets Dec. 2", "In
 * December a hearing is planned"): a happening, not a state of things. */
static int on_a_day(const struct extract_ctx *x)
{
	size_t i;
	for (i = 0; i < x->ndates; i++)
		if (strcmp(x->dates[i].kind, "year") && strcmp(x->dates[i].kind, "period") &&
		    !since_state(x, &x->dates[i]))
			return 1;   /* "since Saturday" dates a happening; "since August", "since 2019" a state */
	return 0;
}

/* Whether token i is a participle of the present perfect: after "has" or "have", perhaps with
 * "not", "never", "also" or an adverb between ("has not tested", "have long complained"). */
static int perfect_participle(const struct ct_tokens *tk, size_t i)
{
	static const char *const between[] = { "not", "never", "also", "long", "repeatedly", "already", NULL };
	size_t j = i, k;
	for (k = 0; k < 2 && j > 0 && ct_tok_in(tk, j - 1, between); k++)
		j--;
	return j > 0 && (ct_tok_is(tk, j - 1, "has") || ct_tok_is(tk, j - 1, "have"));
}

/* Whether the sentence tells of something done (a verb in the past: "was", "had", "voted", "took",
 * "died"), as an event does; one in the present tells how things are. Outside quotation marks. */
static int told_in_past(const struct extract_ctx *x)
{
	static const char *const apposition_preps[] = { "in", "by", "on", "at", "from", "during", NULL };
	size_t i;
	int since = 0;
	/* "Residents have complained since 2019": the perfect with "since" tells of a state that
	 * lasts, not of something done */
	for (i = 0; i < x->ndates && !since; i++)
		since = since_state(x, &x->dates[i]);
	for (i = 0; i < x->tk.n; i++) {
		const struct ct_token *t = &x->tk.t[i];
		size_t n = t->end - t->start;
		const char *w = x->tk.s + t->start;
		if ((t->flags & (CT_TOK_PUNCT | CT_TOK_DIGIT)) ||
		    !((t->lex & CT_LEX_PAST) || (n >= 5 && w[n - 2] == 'e' && w[n - 1] == 'd')) || in_quote(x, t->start))
			continue;
		if (since && perfect_participle(&x->tk, i))
			continue;
		/* ", founded in 1887,": a participle opening an apposition, not the sentence's verb */
		if (i > 0 && i + 1 < x->tk.n && (x->tk.t[i - 1].flags & CT_TOK_PUNCT) && x->tk.s[x->tk.t[i - 1].start] == ',' &&
		    ct_tok_in(&x->tk, i + 1, apposition_preps))
			continue;
		if ((t->lex & CT_LEX_PAST) || past_verb(&x->tk, i))
			return 1;
	}
	return 0;
}

/* Whether date d is after the publication: a day, or a month or year that is still to come, or a
 * "next ..." or "tomorrow". Without a publication date only the words tell. */
static int date_ahead(const struct extract_ctx *x, const struct ct_date *d)
{
	const char *w = x->flat.ptr + d->start;
	long pub = x->published ? day_number(x->published) : 0, day;
	int py, pm;
	if ((w[0] == 'n' || w[0] == 'N' || w[0] == 't') &&
	    (!strncmp(w, "next", 4) || !strncmp(w, "Next", 4) || !strncmp(w, "tomorrow", 8)))
		return 1;
	if (!pub)
		return 0;
	if (d->resolved[0] && (day = day_number(d->resolved)))
		return day > pub;
	py = atoi(x->published);
	pm = atoi(x->published + 5);
	if (d->year && d->month)
		return d->year * 12 + d->month > py * 12 + pm;
	return d->year > py;
}

/* "could be full by the end of March 2027", "may reopen next spring": a possibility put on a date
 * still to come is a prediction. Outside quotation marks; "until" a date is a window, not when. */
static int possible_ahead(const struct extract_ctx *x)
{
	static const char *const modal[] = { "could", "may", NULL };   /* not "can": one can do so now */
	size_t i;
	int ahead = 0;
	for (i = 0; i < x->ndates && !ahead; i++) {
		size_t b = x->dates[i].start;
		/* not a window: "until Friday", "may apply from next Monday" */
		ahead = strncmp(x->flat.ptr + b, "until", 5) && !(b >= 5 && !memcmp(x->flat.ptr + b - 5, "from ", 5)) &&
			date_ahead(x, &x->dates[i]);
	}
	for (i = 0; ahead && i < x->tk.n; i++) {
		const char *w = x->tk.s + x->tk.t[i].start;
		size_t n = x->tk.t[i].end - x->tk.t[i].start;
		if (((n == 5 && w[0] == 'c') || (n == 3 && w[0] == 'm')) && ct_tok_in(&x->tk, i, modal) &&
		    !in_quote(x, x->tk.t[i].start) && !ct_tok_is(&x->tk, i + 1, "have"))
			return 1;
	}
	return 0;
}

/* "It must stop taking deliveries by Friday": an obligation with a day to meet it is a rule laid
 * down, not an opinion; "must" is the only word of opinion (outside quotation marks). */
static int must_by_day(const struct extract_ctx *x)
{
	size_t i;
	int must = 0, deadline = 0;
	/* a day to meet it: "by Friday", "until Friday", "before Friday", not the day of the saying
	 * ("..., the charity said on Monday") nor of the happening ("must win on Saturday") */
	for (i = 0; i < x->ndates && !deadline; i++) {
		const char *w = x->flat.ptr + x->dates[i].start;
		size_t b = x->dates[i].start;
		deadline = !strncmp(w, "by ", 3) || !strncmp(w, "until ", 6) || !strncmp(w, "before ", 7) ||
			   (b >= 3 && !memcmp(w - 3, "by ", 3)) || (b >= 6 && !memcmp(w - 6, "until ", 6)) ||
			   (b >= 7 && !memcmp(w - 7, "before ", 7)) || !strncmp(w, "Until ", 6) || !strncmp(w, "By ", 3);
	}
	if (!deadline)
		return 0;
	for (i = 0; i < x->tk.n; i++) {
		if (!(x->tk.t[i].lex & CT_LEX_OPINION) || in_quote(x, x->tk.t[i].start))
			continue;
		if (!ct_tok_is(&x->tk, i, "must"))
			return 0;
		must = 1;
	}
	return must;
}

/* "Any sale would need a vote of the city council", "which needs a two-thirds majority": a
 * requirement of a vote, an approval or a permit, a rule whatever the tense. */
static int needs_approval(const struct ct_tokens *tk)
{
	static const char *const need[] = { "need", "needs", "require", "requires", "required", NULL };
	static const char *const approvals[] = { "vote", "approval", "majority", "permit", "licence", "license",
						 "consent", "permission", "referendum", "ballot", "sign-off", NULL };
	size_t k, j;
	for (k = 0; k + 1 < tk->n; k++) {
		char c = tk->s[tk->t[k].start];
		if ((c != 'n' && c != 'r') || !ct_tok_in(tk, k, need))
			continue;
		for (j = k + 1; j < tk->n && j <= k + 4 && !(tk->t[j].flags & CT_TOK_PUNCT); j++)
			if (ct_tok_in(tk, j, approvals))
				return 1;
	}
	return 0;
}

/* "face fines of up to $5,000", "faces a penalty", "does not apply to flats built after 2020",
 * "applies only to": a rule's sanction or its reach. */
static int binds(const struct ct_tokens *tk)
{
	static const char *const sanctions[] = { "fine", "fines", "penalty", "penalties", "prison", "jail",
						 "sanctions", "prosecution", NULL };
	size_t k;
	for (k = 0; k + 1 < tk->n; k++) {
		const char *w = tk->s + tk->t[k].start;
		if (!(tk->t[k].lex & CT_LEX_BINDS))
			continue;
		if (w[0] == 'f' && (ct_tok_is(tk, k, "face") || ct_tok_is(tk, k, "faces")) &&
		    (ct_tok_in(tk, k + 1, sanctions) || (k + 2 < tk->n && ct_tok_in(tk, k + 2, sanctions))))
			return 1;
		if (w[0] == 'a' && (ct_tok_is(tk, k, "apply") || ct_tok_is(tk, k, "applies")) &&
		    (ct_tok_is(tk, k + 1, "to") || (ct_tok_is(tk, k + 1, "only") && ct_tok_is(tk, k + 2, "to"))))
			return 1;
	}
	return 0;
}

/* "up from $10,400", "down from 12 percent": a figure's change told with its old value, outside
 * quotation marks. */
static int figure_change(const struct extract_ctx *x)
{
	size_t i;
	for (i = 0; i + 2 < x->tk.n; i++) {
		const char *w = x->tk.s + x->tk.t[i].start;
		if ((w[0] == 'u' || w[0] == 'd') && (ct_tok_is(&x->tk, i, "up") || ct_tok_is(&x->tk, i, "down")) &&
		    ct_tok_is(&x->tk, i + 1, "from") && !in_quote(x, x->tk.t[i].start) &&
		    ((x->tk.t[i + 2].flags & CT_TOK_DIGIT) || (x->tk.t[i + 2].flags & CT_TOK_PUNCT)))
			return x->nnumbers > 0;   /* "up from $10,400", not "go up from Monday" */
	}
	return 0;
}

/* Full Fact's typology, narrowed to what one sentence shows: a direct quote, a quantity, a
 * prediction, a causal claim, a rule, a position (opinion or recommendation), a statement
 * attributed to someone, else an event. */
static const char *classify(const struct extract_ctx *x)
{
	size_t i;
	int quantity = 0, cause = 0;
	if (x->quote.found && x->quote.end - x->quote.start >= 12)
		return "quote";
	if ((x->lex_all & (CT_LEX_OPINION | CT_LEX_RULE)) && needs_approval(&x->tk))
		return "rule";
	/* "Under the board's Resolution No. 31, students ... will keep paying the old rate": the
	 * rule, whatever its tense; "Landlords who break the cap face fines of up to $5,000", "The
	 * cap does not apply to flats built after 2020": what a rule does to those it binds */
	if (under_rule(&x->tk, x->lex_all) || ((x->lex_all & CT_LEX_BINDS) && binds(&x->tk)))
		return "rule";
	/* "will pay $11,284 a year, up from $10,400": a change of a figure, said in the future */
	if ((x->lex_all & CT_LEX_FUTURE) && figure_change(x))
		return "quantity";
	if ((x->lex_all & CT_LEX_FUTURE) && future_here(&x->tk))
		return "prediction";
	if ((x->lex_all & CT_LEX_CAUSE) && scheduled_due(&x->tk, &cause))
		return "prediction";
	if (x->ndates && possible_ahead(x))
		return "prediction";
	for (i = 0; i < x->nnumbers && !quantity; i++)
		quantity = counts_as_quantity(x, &x->numbers[i]);
	if (quantity)
		return "quantity";
	if (cause)
		return "causation";
	if (x->lex_all & CT_LEX_RULE)
		return "rule";
	if (x->lex_all & CT_LEX_OPINION)
		return must_by_day(x) ? "rule" : "position";
	if (x->attr.found)
		return "statement";
	if (!told_in_past(x) && !on_a_day(x))
		return "statement";   /* "The contract runs until 2036.", "Dioxins can stay in soil for decades." */
	return "event";
}

/* The model's check-worthiness (tools/cw_train.c), rounded so records stay stable. */
static double score(const struct ct_claim_draft *d)
{
	double s = ct_checkworthy_tokens(d->tokens);
	return floor(s * 1000 + 0.5) / 1000;
}

/* Where the name starts in the mention text[a, b) of an entity the rules left untyped
 * ("Transport Minister Kasimir Oyelaran", "Circuit Judge Evelyn R. Haskins"): after its last title
 * word, two words at least kept; a itself otherwise. */
/* A translation's compound role before a name: "Selkirrow-chief Radomir Ruehl", "Party-leader X". */
static int role_compound(const struct ct_tokens *tk, size_t k)
{
	static const char *const roles[] = { "chief", "boss", "head", "leader", "president", "director", "spokesman",
					     "spokeswoman", "spokesperson", "chairman", "chairwoman", "minister", NULL };
	const char *w = tk->s + tk->t[k].start, *h;
	size_t n = tk->t[k].end - tk->t[k].start;
	const char *const *r;
	if (!(tk->t[k].flags & CT_TOK_HYPHEN) || !(h = memchr(w, '-', n)))
		return 0;
	while (memchr(h + 1, '-', (size_t)(w + n - h - 1)))
		h = memchr(h + 1, '-', (size_t)(w + n - h - 1));
	for (r = roles; *r; r++)
		if (strlen(*r) == (size_t)(w + n - h - 1) && !memcmp(*r, h + 1, strlen(*r)))
			return 1;
	return 0;
}

static size_t name_after_titles(const struct extract_ctx *x, size_t a, size_t b)
{
	size_t i, k, t;
	for (i = 0; i < x->ents.n; i++) {
		const struct ct_entity *e = &x->ents.e[i];
		if ((e->kind != CT_ENT_OTHER && e->kind != CT_ENT_PERSON) || e->start > a || e->end != b)
			continue;
		/* a title word, or one that mostly qualifies a title ("Chief", "Executive") when the
		 * name follows it: "Fire Chief Lionel Dautry" */
		for (t = e->tok_start, k = e->tok_start; k + 2 < e->tok_end; k++)
			if (ct_entity_is_title(&x->tk, k) ||
			    (CT_TOK_LEX(&x->tk, k, CT_LEX_TITLE) && !CT_TOK_LEX(&x->tk, k + 1, CT_LEX_TITLE)) ||
			    role_compound(&x->tk, k))
				t = k + 1;
		return t < x->tk.n && x->tk.t[t].start > a ? x->tk.t[t].start : a;
	}
	return a;
}

/* The tokens [*first, *end) that start inside text[a, b); 0 when there are none. */
static int span_tokens(const struct ct_tokens *tk, size_t a, size_t b, size_t *first, size_t *end)
{
	size_t k = 0;
	while (k < tk->n && tk->t[k].start < a)
		k++;
	*first = k;
	while (k < tk->n && tk->t[k].start < b)
		k++;
	*end = k;
	return *end > *first;
}

/* A person's name and where they work, as one mention: "Joran Veld of Fennick Securities" is Joran
 * Veld. Only when two or three capitalised words that are no organisation or title word come
 * before "of" (not "Bank of England", "Secretary of State", "National Bank of Dalmark"). The
 * length of the speaker text[a, a + n) to keep. */
static size_t person_before_of(const struct extract_ctx *x, size_t a, size_t n)
{
	const struct ct_tokens *tk = &x->tk;
	size_t k, j, first, end, names = 0;
	int couple = 0;
	if (!span_tokens(tk, a, a + n, &first, &end))
		return n;
	for (k = first; k < end && !ct_tok_is(tk, k, "of"); k++)
		;
	if (k == end || k - first < 2 || k - first > 5 || k + 1 >= tk->n || !(tk->t[k + 1].flags & CT_TOK_CAP))
		return n;
	for (j = first; j < k; j++) {
		if (j > first && j + 1 < k && !couple && ct_tok_is(tk, j, "and") && (tk->t[j + 1].flags & CT_TOK_CAP)) {
			couple = 1;   /* "Lena and Marcus Oduya of Dunmore" */
			continue;
		}
		if (!(tk->t[j].flags & CT_TOK_CAP) ||
		    (tk->t[j].lex & (CT_LEX_ORG | CT_LEX_SPEAKER_NOUN | CT_LEX_TITLE | CT_LEX_PLACE)))
			return n;
		names++;
	}
	if (names < 2 || names > 3)
		return n;
	return tk->t[k - 1].end - a;
}

/* Where the person starts in a speaker text[a, a + n) that a translation put after the body or
 * the portfolio: "Economist of the Velsing Savings Bank Tomas Redl" (after the organisation's last
 * word, when two or three capitalised words follow it), "The minister of Transport Kasimir
 * Oyelaran" (the word after "<title> of" is the portfolio). a itself otherwise. */
static size_t person_after_body(const struct extract_ctx *x, size_t a, size_t n)
{
	const struct ct_tokens *tk = &x->tk;
	size_t k, first, end, last, org = SIZE_MAX;
	if (!span_tokens(tk, a, a + n, &first, &end))
		return a;
	last = end - 1;
	for (k = first; k < end; k++) {
		if (!(tk->t[k].flags & CT_TOK_CAP))
			return a;
		if (tk->t[k].lex & CT_LEX_ORG)
			org = k;
	}
	if (org != SIZE_MAX && org > first && last - org >= 2 && last - org <= 3) {
		for (k = org + 1; k <= last; k++)
			if (tk->t[k].lex & (CT_LEX_ORG | CT_LEX_TITLE | CT_LEX_PLACE))
				return a;
		return tk->t[org + 1].start;
	}
	if (org == SIZE_MAX && first >= 2 && last - first >= 2 && last - first <= 3 && ct_tok_is(tk, first - 1, "of") &&
	    (tk->t[first - 2].lex & CT_LEX_TITLE))
		return tk->t[first + 1].start;
	return a;
}

/* PEOPLE_MAX bytes of names are kept: older ones go first (an article names a few dozen). */
#define PEOPLE_MAX 2048

/* Remembers a person's full name (two words or more) as written in text[a, b). */
static void remember_person(struct extract_ctx *x, const char *text, size_t a, size_t b)
{
	const char *sp;
	if (b <= a || b - a > 80 || !(sp = memchr(text + a, ' ', b - a)))
		return;
	/* "Replacing Hollinmere's worst pipes ...": a sentence's gerund and a name are no person */
	if (a == 0 && sp - text >= 5 && !memcmp(sp - 3, "ing", 3))
		return;
	if (x->sh->people.len + (b - a) + 1 > PEOPLE_MAX) {
		/* drop the older half, at a name's end */
		const char *cut = memchr(x->sh->people.ptr + x->sh->people.len / 2, '\0', x->sh->people.len - x->sh->people.len / 2);
		size_t keep = cut ? x->sh->people.len - (size_t)(cut + 1 - x->sh->people.ptr) : 0;
		memmove(x->sh->people.ptr, x->sh->people.ptr + x->sh->people.len - keep, keep);
		ct_buf_truncate(&x->sh->people, keep);
	}
	ct_buf_put(&x->sh->people, text + a, b - a);
	ct_buf_putc(&x->sh->people, '\0');
}

/* The full name, named before, of a speaker given by one word ("Haskins"): the newest remembered
 * name whose last word it is. NULL when none, or when the word is not one capitalised name. */
static const char *full_name(const struct extract_ctx *x, const char *w, size_t n, size_t *len)
{
	const char *p = x->sh->people.ptr, *end = p + x->sh->people.len, *hit, *found = NULL, *start;
	char needle[64];
	if (n < 2 || n + 2 > sizeof(needle) || !x->sh->people.len || memchr(w, ' ', n) || memchr(w, '.', n))
		return NULL;
	/* " Haskins\0": the end of a remembered name; the last such is the newest */
	needle[0] = ' ';
	memcpy(needle + 1, w, n);
	needle[n + 1] = '\0';
	while (p < end && (hit = memmem(p, (size_t)(end - p), needle, n + 2))) {
		found = hit;
		p = hit + 1;
	}
	if (!found)
		return NULL;
	for (start = found; start > x->sh->people.ptr && start[-1] != '\0'; start--)
		;
	*len = (size_t)(found + n + 1 - start);
	return start;
}

/* "“Why did it take three months to act?” he asked.": a question in quotation marks with no more
 * than its attribution around it (five words at most) asks, and states nothing to check. */
static int quoted_question(const struct extract_ctx *x)
{
	const struct ct_quote *q = &x->quote;
	size_t e = q->end, k, outside = 0;
	while (e > q->start && (x->flat.ptr[e - 1] == ' ' || x->flat.ptr[e - 1] == ','))
		e--;
	if (!q->found || e == q->start || x->flat.ptr[e - 1] != '?')
		return 0;
	for (k = 0; k < x->tk.n; k++)
		outside += !(x->tk.t[k].flags & CT_TOK_PUNCT) && (x->tk.t[k].end <= q->start || x->tk.t[k].start >= q->end);
	return outside <= 5;
}

/* "It is hard to picture Dunmere without Kestrel Road.", "It is difficult to overstate ...": the
 * writer's own impression, opening the sentence; nothing in it to check. */
static int hard_to_picture(const struct ct_tokens *tk)
{
	static const char *const how[] = { "hard", "difficult", "easy", "impossible", NULL };
	static const char *const verbs[] = { "picture", "imagine", "overstate", "exaggerate", "see", "overlook", NULL };
	size_t k;
	if (tk->n < 5 || (tk->s[tk->t[0].start] | 0x20) != 'i')
		return 0;
	if (ct_tok_is(tk, 0, "it's"))
		k = 1;
	else if (ct_tok_is(tk, 0, "it") && (ct_tok_is(tk, 1, "is") || ct_tok_is(tk, 1, "was")))
		k = 2;
	else
		return 0;
	return ct_tok_in(tk, k, how) && ct_tok_is(tk, k + 1, "to") && ct_tok_in(tk, k + 2, verbs);
}

/* The segment x->seg on its own: fills x->d but for the speaker. Touches nothing shared. */
static int analyse(struct extract_ctx *x)
{
	const ct_segment *seg = &x->seg;
	struct ct_claim_draft d;
	const char *last;
	unsigned any;

	ct_buf_clear(&x->flat);
	ct_segment_flatten(&x->flat, x->text, seg->start, seg->end);
	if (ct_buf_oom(&x->flat) < 0)
		return ct_error_set(CT_ENOMEM, "out of memory");
	memset(&d, 0, sizeof(d));
	d.seg = seg;
	d.text = x->flat.ptr;
	d.text_len = x->flat.len;
	d.published = x->published;
	ct_tokenize(&x->tk, x->flat.ptr, x->flat.len);
	ct_sentence_entities(&x->tk, &x->ents);
	ct_quote_find(&x->tk, &x->quote);
	ct_attribution_find(&x->tk, &x->ents, &x->quote, &x->attr);
	x->nnumbers = x->ndates = 0;
	{
		/* One look at the tokens: the word lists they are in, their flags, the words. */
		unsigned flags = 0, words = 0;
		size_t k;
		x->lex_all = 0;
		int high = 0;
		for (k = 0; k < x->tk.n; k++) {
			x->lex_all |= x->tk.t[k].lex;
			flags |= x->tk.t[k].flags;
			words += !(x->tk.t[k].flags & CT_TOK_PUNCT);
			high |= (unsigned char)x->flat.ptr[x->tk.t[k].start] >= 0x80 && !(x->tk.t[k].flags & CT_TOK_PUNCT);
		}
		d.words = words;
		any = x->lex_all;
		/* A word starting with a non-ASCII byte may hide a figure from the flags: the
		 * tokeniser reads "£5" as one word, the number lexer as a sign and a figure (before,
		 * such a figure was found only when the sentence had another). */
		if (high)
			any |= CT_LEX_NUMWORD | CT_LEX_DATEWORD;
		if (flags & CT_TOK_DIGIT)
			any |= CT_LEX_NUMWORD | CT_LEX_DATEWORD;
		if (flags & CT_TOK_HYPHEN)
			any |= CT_LEX_NUMWORD | CT_LEX_DATEWORD;   /* "twenty-five", "mid-2024" */
	}
	if (seg->kind == CT_SEG_SENTENCE) {
		/* The recognisers cost more than the rest together: skip them where no figure or
		 * number or date word could start an expression. */
		if (any & (CT_LEX_NUMWORD | CT_LEX_DATEWORD))
			ct_nwin_init_buf(&x->nw, x->flat.ptr, x->flat.len, x->nbuf, NBUF, &x->tk);
		if (any & CT_LEX_NUMWORD) {
			ct_numbers_scan_win(&x->nw, keep_number, x);
			ct_nwin_rewind(&x->nw);
		}
		if (any & CT_LEX_DATEWORD)
			ct_dates_scan_win(&x->nw, x->published, keep_date, x);
		if (x->ndates && x->published && (any & CT_LEX_FUTURE)) {
			future_weekdays(x, 0);
			future_months(x);
		}
		else if (x->ndates && x->published && until_weekday(x))
			future_weekdays(x, 1);
		if (x->ndates && x->published)
			deadline_days(x);
		if (x->ndates && x->published)
			deadline_weekdays(x);
		if (x->ndates && x->published)
			scheduled_dates(x);
	}
	d.numbers = x->numbers;
	d.nnumbers = x->nnumbers;
	d.dates = x->dates;
	d.ndates = x->ndates;
	d.tokens = &x->tk;
	d.entities = &x->ents;
	d.quote = &x->quote;
	d.attribution = &x->attr;
	d.type = classify(x);
	last = d.text_len ? &d.text[d.text_len - 1] : d.text;
	d.checkworthy = seg->kind == CT_SEG_SENTENCE ? score(&d) : 0;
	/* A claim: a whole sentence of body text that states something. The model decides for
	 * sentences with nothing checkable in them (no figure, date, name or quote). */
	/* five words at least; four with a quantity ("Kestrel Road holds 16,500.") */
	d.is_claim = seg->kind == CT_SEG_SENTENCE && (d.words >= 5 || (d.words == 4 && strcmp(d.type, "quantity") == 0)) &&
		     *last != '?' && !quoted_question(x) && !hard_to_picture(&x->tk) &&
		     /* counted only when the bytes could be too many: a character is a byte or more */
		     (d.text_len <= CT_MAX_SENTENCE_CHARS || ct_extract_chars(d.text, d.text_len) <= CT_MAX_SENTENCE_CHARS) &&
		     (x->nnumbers || x->ndates || x->ents.n || x->quote.found || x->attr.found ||
		      d.checkworthy >= 0.5 * ct_checkworthy_threshold());
	if (!d.is_claim)
		d.checkworthy = seg->kind == CT_SEG_SENTENCE ? d.checkworthy : 0;
	x->d = d;
	return 0;
}

/* A sentence whose quote opens and goes on into the next sentence with no one named yet
 * ("«This has not come from nowhere. | Our members ... listened», said its president Nadia
 * Fell"): its speaker may be named by the next segment, which is then analysed before it is
 * resolved. */
static int needs_next(const struct extract_ctx *x)
{
	return x->seg.kind == CT_SEG_SENTENCE && x->quote.found && x->quote.opens_only && !x->attr.found;
}

/* The speaker the next sentence names for the quote x opened: that sentence is in the same
 * paragraph, closes the quote, and names someone (not "he said"). */
static const char *speaker_from_next(const struct extract_ctx *x, const struct extract_ctx *next, size_t *len)
{
	size_t from;
	if (!next || !needs_next(x) || next->seg.kind != CT_SEG_SENTENCE || next->seg.paragraph != x->seg.paragraph ||
	    !next->quote.found || !next->quote.closes_only || !next->attr.found || next->attr.pronoun ||
	    next->attr.name_end <= next->attr.name_start)
		return NULL;
	from = name_after_titles(next, next->attr.name_start, next->attr.name_end);
	*len = next->attr.name_end - from;
	return next->d.text + from;
}

/* 1 when the speaker text[a, a + n) is a person: inside a person's mention, or a name of two words
 * or more the entity rules left untyped ("Tobias Renn", "Councillor Wendela Marsk"). */
static int speaker_is_person(const struct extract_ctx *x, size_t a, size_t n)
{
	size_t i;
	for (i = 0; i < x->ents.n; i++) {
		const struct ct_entity *e = &x->ents.e[i];
		if (e->start <= a && a + n <= e->end)
			return e->kind == CT_ENT_PERSON || (e->kind == CT_ENT_OTHER && e->tok_end - e->tok_start >= 2);
	}
	return 0;
}

/* The title word of text[a, b) (its last word) folded into out: "Gov." -> "governor", "Transport
 * Minister" -> "minister". 0 when there is none to remember. */
static int title_key(const char *text, size_t a, size_t b, char out[24])
{
	static const char *const abbr[][2] = { { "gov", "governor" }, { "sen", "senator" }, { "rep", "representative" },
					       { "gen", "general" }, { "pres", "president" }, { "supt", "superintendent" },
					       { "insp", "inspector" }, { "prof", "professor" }, { "lt", "lieutenant" },
					       { "col", "colonel" }, { "capt", "captain" }, { "sgt", "sergeant" } };
	size_t k, n, j;
	while (b > a && (text[b - 1] == '.' || text[b - 1] == ' ' || text[b - 1] == ','))
		b--;
	for (k = b; k > a && text[k - 1] != ' '; k--)
		;
	n = b - k;
	if (n < 2 || n >= 24)
		return 0;
	for (j = 0; j < n; j++) {
		char c = text[k + j];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')))
			return 0;
		out[j] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
	}
	out[n] = '\0';
	if (!strcmp(out, "mr") || !strcmp(out, "mrs") || !strcmp(out, "ms") || !strcmp(out, "dr"))
		return 0;   /* courtesy titles name no office */
	for (j = 0; j < sizeof(abbr) / sizeof(abbr[0]); j++)
		if (!strcmp(out, abbr[j][0])) {
			snprintf(out, 24, "%s", abbr[j][1]);
			break;
		}
	return 1;
}

/* A person named with a title: text[ta, tb) the title ("Gov.", "Transport Minister"), text[na,
 * nb) the name (two words or more). */
static void remember_titled(struct extract_shared *sh, const char *text, size_t ta, size_t tb, size_t na, size_t nb)
{
	struct titled *t = &sh->titled[sh->ntitled % TITLED];
	char key[24];
	if (tb <= ta || nb <= na || nb - na >= sizeof(t->name) || !memchr(text + na, ' ', nb - na) ||
	    !title_key(text, ta, tb, key))
		return;
	memcpy(t->title, key, sizeof(key));
	memcpy(t->name, text + na, nb - na);
	t->len = nb - na;
	sh->ntitled++;
}

/* "the governor" / "The mayor" (text[0, n)): the person last named with that title, or NULL. */
static const struct titled *titled_person(const struct extract_shared *sh, const char *w, size_t n)
{
	char key[24];
	unsigned k;
	if (n < 6 || (strncmp(w, "the ", 4) && strncmp(w, "The ", 4)) || memchr(w + 4, ' ', n - 4) ||
	    w[4] < 'a' || w[4] > 'z' || !title_key(w, 4, n, key))
		return NULL;
	for (k = sh->ntitled; k > 0 && sh->ntitled - k < TITLED; k--) {
		const struct titled *t = &sh->titled[(k - 1) % TITLED];
		if (!strcmp(t->title, key))
			return t;
	}
	return NULL;
}

/* SEX_M for he, his, him, himself; SEX_F for she, her, hers, herself; else 0 (the pronouns among
 * the CT_LEX_MALE and CT_LEX_FEMALE words). */
static int he_she(const struct ct_tokens *tk, size_t i)
{
	static const char *const he[] = { "he", "his", "him", "himself", NULL };
	static const char *const she[] = { "she", "her", "hers", "herself", NULL };
	return ct_tok_in(tk, i, he) ? SEX_M : ct_tok_in(tk, i, she) ? SEX_F : 0;
}

/* The sex a word gives the person it is said of: courtesy titles, and roles and titles with a
 * sex of their own ("spokeswoman", "Sir"; CT_LEX_MALE, CT_LEX_FEMALE); 0 for any other word. */
static int sex_word(const struct ct_tokens *tk, size_t i)
{
	unsigned lex = i < tk->n ? tk->t[i].lex : 0;
	if (!(lex & (CT_LEX_MALE | CT_LEX_FEMALE)) || he_she(tk, i))
		return 0;
	return lex & CT_LEX_MALE ? SEX_M : SEX_F;
}

/* The sex the sentence shows for the person e: a word of sex_word in the mention, among the two
 * words before it or in an apposition after it ("Ana Ruiz, a spokeswoman for ..."), else, when
 * pronouns is set (e is the only person the sentence names), the pronouns after it outside
 * quotation marks when they are all of one sex ("Hale said his team ..."; none when "he" and
 * "her" both come). 0 when it shows none. */
static int sex_shown(const struct extract_ctx *x, const struct ct_entity *e, int pronouns)
{
	const struct ct_tokens *tk = &x->tk;
	size_t i, from = e->tok_start > 2 ? e->tok_start - 2 : 0;
	int sex = 0, he = 0, she = 0;
	if (!(x->lex_all & (CT_LEX_MALE | CT_LEX_FEMALE)))
		return 0;   /* most sentences: no word that shows a sex */
	/* the mention's own words first; then the two before it, unless they belong to someone
	 * else ("A spokeswoman for John Hale") */
	for (i = e->tok_start; i < e->tok_end && !sex; i++)
		sex = sex_word(tk, i);
	for (i = from; i < e->tok_start && !sex && !ct_tok_is(tk, e->tok_start - 1, "for") &&
	     !ct_tok_is(tk, e->tok_start - 1, "of"); i++)
		sex = sex_word(tk, i);
	if (!sex && e->tok_end + 1 < tk->n && ct_tok_is(tk, e->tok_end, ",")) {
		for (i = e->tok_end + 1; i < tk->n && i < e->tok_end + 6 && !(tk->t[i].flags & CT_TOK_PUNCT) && !sex; i++)
			sex = sex_word(tk, i);
	}
	if (sex || !pronouns)
		return sex;
	for (i = e->tok_end; i < tk->n; i++) {
		int p;
		if (!(tk->t[i].lex & (CT_LEX_MALE | CT_LEX_FEMALE)) || in_quote(x, tk->t[i].start))
			continue;
		p = he_she(tk, i);
		he += p == SEX_M;
		she += p == SEX_F;
	}
	return he && !she ? SEX_M : she && !he ? SEX_F : 0;
}

/* The sex shown for the person called name[0, n) (a full name, or the last word of one), 0 when
 * none was. */
static int sex_of(const struct extract_shared *sh, const char *name, size_t n)
{
	unsigned k;
	for (k = sh->nsexed; k > 0 && sh->nsexed - k < SEXED; k--) {
		const struct sexed *p = &sh->sexed[(k - 1) % SEXED];
		if (p->len == n ? !memcmp(p->name, name, n) :
		    p->len > n + 1 && p->name[p->len - n - 1] == ' ' && !memcmp(p->name + p->len - n, name, n))
			return p->sex;
	}
	return 0;
}

/* Remembers the sex shown for the person named text[a, b). */
static void remember_sex(struct extract_shared *sh, const char *text, size_t a, size_t b, int sex)
{
	struct sexed *p;
	if (!sex || b <= a || b - a >= sizeof(p->name))
		return;
	p = &sh->sexed[sh->nsexed % SEXED];
	memcpy(p->name, text + a, b - a);
	p->len = b - a;
	p->sex = sex;
	sh->nsexed++;
}

/* The newest person of that sex remembered, or NULL. */
static const struct sexed *newest_of_sex(const struct extract_shared *sh, int sex)
{
	unsigned k;
	for (k = sh->nsexed; k > 0 && sh->nsexed - k < SEXED; k--)
		if (sh->sexed[(k - 1) % SEXED].sex == sex)
			return &sh->sexed[(k - 1) % SEXED];
	return NULL;
}

/* Whether the person the sentence before opened with can be the "he" (want SEX_M) or "she"
 * (SEX_F) of this one: named there, and of that sex or of none the text shows. */
static int subject_fits(const struct extract_shared *sh, int want)
{
	int sex;
	if (!sh->subject_fresh || !sh->subject.len)
		return 0;
	sex = sh->nsexed ? sex_of(sh, sh->subject.ptr, sh->subject.len) : 0;
	return !sex || sex == want;
}

/* Where the name of person-like entity e is: a person's name without its title, else the
 * whole entity. */
static void name_span(const struct ct_entity *e, size_t *na, size_t *nb)
{
	*na = e->kind == CT_ENT_PERSON ? e->name_start : e->start;
	*nb = e->kind == CT_ENT_PERSON ? e->name_end : e->end;
}

/* The person a sentence opens with as its subject: the first person named, among the sentence's
 * first ten words, outside its quote, with no verb before it and no function word right before it
 * ("Anselm Krook, who runs ...", "Albion's chief executive, Greta Hallorann, spent"; not "The board
 * fired Tom Berg", "A letter from Tom Berg"). NULL when none. */
static const struct ct_entity *subject_person(const struct extract_ctx *x)
{
	const struct ct_tokens *tk = &x->tk;
	size_t i, k;
	for (i = 0; i < x->ents.n; i++) {
		const struct ct_entity *e = &x->ents.e[i];
		if (e->tok_start >= 10 || in_quote(x, e->start))
			return NULL;
		if (!(e->kind == CT_ENT_PERSON || (e->kind == CT_ENT_OTHER && e->tok_end - e->tok_start >= 2))) {
			/* "Brannock, a former driver, joined ...": a surname alone opening the sentence, of
			 * a person named before */
			size_t fl;
			if (e->kind == CT_ENT_OTHER && e->tok_start == 0 && e->tok_end == 1 && e->tok_end < tk->n &&
			    tk->s[tk->t[1].start] == ',' && full_name(x, x->flat.ptr + e->start, e->end - e->start, &fl))
				return e;
			continue;
		}
		/* a function word right before: a preposition's object, a clause's ("when Tom Hale") */
		if (e->tok_start > 0 && (tk->t[e->tok_start - 1].lex & CT_LEX_NUMSTOP))
			return NULL;
		/* the owner of the subject, not the subject: "Tom Berg's lawyer filed the appeal" */
		if (e->end < x->flat.len && (x->flat.ptr[e->end] == '\'' || (unsigned char)x->flat.ptr[e->end] == 0xe2 ||
					     (e->end >= 2 && x->flat.ptr[e->end - 2] == '\'' && x->flat.ptr[e->end - 1] == 's')))
			return NULL;
		for (k = 0; k < e->tok_start; k++)
			if ((tk->t[k].lex & (CT_LEX_PAST | CT_LEX_SAY | CT_LEX_FIND | CT_LEX_FUTURE)) || past_verb(tk, k) ||
			    (tk->t[k].flags & CT_TOK_QUOTE_CLOSE))
				return NULL;
		return e;
	}
	return NULL;
}

/* Whether a token of the sentence's speaker (d->speaker inside the sentence) has one of the
 * lexicon bits. */
static int speaker_has(const struct extract_ctx *x, const struct ct_claim_draft *d, unsigned bits)
{
	size_t a, k;
	if (!d->speaker || d->speaker < d->text || d->speaker >= d->text + d->text_len)
		return 0;
	a = (size_t)(d->speaker - d->text);
	for (k = 0; k < x->tk.n; k++)
		if (x->tk.t[k].start >= a && x->tk.t[k].end <= a + d->speaker_len && CT_TOK_LEX(&x->tk, k, bits))
			return 1;
	return 0;
}

/* "she"/"he" (any case) in text[a, b): 1, else 0. */
static int he_or_she(const char *text, size_t a, size_t b)
{
	if ((b - a == 2 && !strncasecmp(text + a, "he", 2)) || (b - a == 3 && !strncasecmp(text + a, "his", 3)))
		return SEX_M;
	if ((b - a == 3 && !strncasecmp(text + a, "she", 3)) || (b - a == 3 && !strncasecmp(text + a, "her", 3)))
		return SEX_F;
	return 0;
}

/* The segment analysed in x, in reading order: its speaker from what came before (or, for a quote
 * that goes on, from next: the following segment, analysed, or NULL), then the callback, then what
 * later segments need of it. */
static int resolve(struct extract_ctx *x, const struct extract_ctx *next)
{
	struct extract_shared *sh = x->sh;
	const ct_segment *seg = &x->seg;
	struct ct_claim_draft d = x->d;
	int r;

	/* The speaker: named here, or the last one named for a pronoun or a continued quote. */
	if ((d.speaker = speaker_from_next(x, next, &d.speaker_len)) != NULL) {
		/* "«This has not come from nowhere. Our members ...», said its president Nadia Fell" */
	} else if (x->attr.found && !x->attr.pronoun && x->attr.name_end > x->attr.name_start) {
		size_t from = name_after_titles(x, x->attr.name_start, x->attr.name_end);
		d.speaker = d.text + from;
		d.speaker_len = x->attr.name_end - from;
	} else if (seg->kind == CT_SEG_SENTENCE && x->quote.found && x->ents.n &&
		   (!x->attr.found || (!x->attr.pronoun && x->attr.name_end == x->attr.name_start)) &&
		   x->ents.e[0].tok_start == 0 && x->ents.e[0].tok_end == 1 && x->ents.e[0].end <= x->quote.start &&
		   (d.speaker = full_name(x, d.text + x->ents.e[0].start, x->ents.e[0].end - x->ents.e[0].start,
					  &d.speaker_len))) {
		/* "Haskins rejected ..., writing that “...”": a person named before opens the sentence */
	} else if (seg->kind == CT_SEG_SENTENCE && x->attr.found && x->attr.pronoun &&
		   x->attr.name_end - x->attr.name_start == 2 && !strncasecmp(d.text + x->attr.name_start, "it", 2)) {
		/* "It said": the organisation named last, or no one (never the last person); a body
		 * named in the sentence just before as its speaker, by no name ("The department said on
		 * Wednesday that ... . The number has risen to 41, it said") */
		if (sh->speaker.len > 2 && sh->speaker_at + 1 == sh->nsent && sh->speaker_body &&
		    !(sh->person.len == sh->speaker.len && !memcmp(sh->person.ptr, sh->speaker.ptr, sh->speaker.len)) &&
		    !(sh->speaker.ptr[sh->speaker.len - 1] == 's' && sh->speaker.ptr[sh->speaker.len - 2] != 's')) {
			d.speaker = sh->speaker.ptr;
			d.speaker_len = sh->speaker.len;
		} else if (sh->org.len) {
			d.speaker = sh->org.ptr;
			d.speaker_len = sh->org.len;
		}
	} else if (seg->kind == CT_SEG_SENTENCE && x->attr.found && x->attr.pronoun &&
		   he_or_she(d.text, x->attr.name_start, x->attr.name_end) &&
		   (subject_fits(sh, he_or_she(d.text, x->attr.name_start, x->attr.name_end)) || sh->person.len ||
		    (sh->named.len && sh->named_at == sh->nsent))) {
		/* "She added": the person the sentence before opened with ("Albion's chief executive,
		 * Greta Hallorann, spent two hours before the committee. She told ..."), else the
		 * person named last, not a document or a body since; "he said" after the words of a
		 * woman (or "she" after a man's) is the newest person of that sex */
		int want = he_or_she(d.text, x->attr.name_start, x->attr.name_end);
		int sex = sh->nsexed ? sex_of(sh, sh->person.ptr, sh->person.len) : 0;
		const struct sexed *other = sex && sex != want ? newest_of_sex(sh, want) : NULL;
		d.speaker = other ? other->name : sh->person.ptr;
		d.speaker_len = other ? other->len : sh->person.len;
		if (!sh->person.len && sh->named.len && sh->named_at == sh->nsent) {
			int named_sex = sh->nsexed ? sex_of(sh, sh->named.ptr, sh->named.len) : 0;
			if (!named_sex || named_sex == want) {
				d.speaker = sh->named.ptr;
				d.speaker_len = sh->named.len;
			}
		}
		if (subject_fits(sh, want)) {
			d.speaker = sh->subject.ptr;
			d.speaker_len = sh->subject.len;
		}
		/* a person introduced in the sentence just before, where no one spoke, and not as its
		 * subject: the new voice ("In the front row sat the chair of the commission, Mrs.
		 * Philippa Skelbrook, who ... . “...,” she said") */
		if (sh->named.len && sh->named_new && sh->named_at == sh->nsent &&
		    !(subject_fits(sh, want) && sh->subject_at == sh->nsent)) {
			int named_sex = sh->nsexed ? sex_of(sh, sh->named.ptr, sh->named.len) : 0;
			if (named_sex == want) {
				d.speaker = sh->named.ptr;
				d.speaker_len = sh->named.len;
			}
		}
		/* "The president of the council Benedikt Krolling, who voted against it, will not
		 * stop the measure, he said": the person the sentence itself opens with */
		{
			const struct ct_entity *own = subject_person(x);
			if (own && own->end <= x->attr.name_start) {
				size_t na, nb;
				int own_sex;
				name_span(own, &na, &nb);
				own_sex = sh->nsexed ? sex_of(sh, d.text + na, nb - na) : 0;
				if (!own_sex || own_sex == want) {
					na = name_after_titles(x, na, nb);
					d.speaker = d.text + na;
					d.speaker_len = nb - na;
				}
			}
		}
	} else if (seg->kind == CT_SEG_SENTENCE && sh->speaker.len &&
		   ((x->attr.found && x->attr.pronoun) || (x->quote.found && !x->attr.found &&
							   (sh->quote_open || x->quote.closes_only ||
							    seg->paragraph <= sh->speaker_para + 1)))) {
		d.speaker = sh->speaker.ptr;
		d.speaker_len = sh->speaker.len;
		if (sh->speaker_doc && !x->attr.found) {
			/* a quote after "according to a timeline ...": the last person who spoke */
			d.speaker = sh->person.len ? sh->person.ptr : NULL;
			d.speaker_len = sh->person.len;
		}
		/* a quote with no one named, after a sentence that opened with a person named since the
		 * last speaker ("The association's chair, Morag Gilliver, has fished the bank since 1983.
		 * ... “If they put steel on that ground, I am finished.”"): that person's */
		if (!x->attr.found && !sh->quote_open && sh->subject_fresh && sh->subject_at > sh->speaker_at) {
			d.speaker = sh->subject.ptr;
			d.speaker_len = sh->subject.len;
		}
	}
	if (d.speaker && d.speaker >= d.text && d.speaker < d.text + d.text_len) {
		size_t a = (size_t)(d.speaker - d.text), from = person_after_body(x, a, d.speaker_len);
		d.speaker_len -= from - a;
		d.speaker = d.text + from;
		d.speaker_len = person_before_of(x, from, d.speaker_len);
	}
	/* "the governor said": the person named before with that title */
	if (d.speaker && d.speaker >= d.text && d.speaker < d.text + d.text_len && seg->kind == CT_SEG_SENTENCE) {
		const struct titled *t = titled_person(sh, d.speaker, d.speaker_len);
		if (t) {
			d.speaker = t->name;
			d.speaker_len = t->len;
		}
	}
	/* a surname alone: the person of that name named earlier in the article */
	if (d.speaker && d.speaker != sh->speaker.ptr && seg->kind == CT_SEG_SENTENCE) {
		size_t fl;
		const char *f = full_name(x, d.speaker, d.speaker_len, &fl);
		if (f) {
			d.speaker = f;
			d.speaker_len = fl;
		}
	}
	if (seg->kind == CT_SEG_SENTENCE) {
		if (d.speaker && d.speaker != sh->person.ptr &&
		    (d.speaker == sh->subject.ptr || d.speaker == sh->named.ptr ||
		     (d.speaker >= sh->people.ptr && d.speaker < sh->people.ptr + sh->people.len) ||
		     (d.speaker >= (const char *)sh->titled && d.speaker < (const char *)(sh->titled + TITLED)) ||
		     (d.speaker >= (const char *)sh->sexed && d.speaker < (const char *)(sh->sexed + SEXED)) ||
		     (d.speaker >= d.text && d.speaker < d.text + d.text_len &&
		      speaker_is_person(x, (size_t)(d.speaker - d.text), d.speaker_len)))) {
			ct_buf_clear(&sh->person);
			ct_buf_put(&sh->person, d.speaker, d.speaker_len);
		}
		if (d.speaker && d.speaker != sh->speaker.ptr) {
			ct_buf_clear(&sh->speaker);
			ct_buf_put(&sh->speaker, d.speaker, d.speaker_len);
			sh->speaker_at = sh->nsent;
			sh->speaker_para = seg->paragraph;
			sh->speaker_doc = x->attr.according_to && !x->quote.found && speaker_has(x, &d, CT_LEX_DOC);
			/* a body named by a common noun ("The department"), for a later "it said" */
			sh->speaker_body = !x->attr.pronoun && speaker_has(x, &d, CT_LEX_SPEAKER_NOUN) &&
					   !speaker_has(x, &d, CT_LEX_TITLE) &&
					   !speaker_is_person(x, (size_t)(d.speaker - d.text), d.speaker_len);
		} else if (d.speaker) {
			sh->speaker_para = seg->paragraph;
		}
		sh->quote_open = x->quote.found && x->quote.opens_only;
	}
	if ((r = sh->cb(&d, sh->payload)) != 0)
		return r;
	/* the people named here, for a later sentence's speaker named by surname alone (after the
	 * callback: d.speaker may point into the list) */
	if (seg->kind == CT_SEG_SENTENCE) {
		size_t i, persons = 0;
		const struct ct_entity *subj = subject_person(x);
		int recorded = 0;
		sh->nsent++;
		for (i = 0; i < x->ents.n; i++)
			persons += x->ents.e[i].kind == CT_ENT_PERSON ||
				   (x->ents.e[i].kind == CT_ENT_OTHER && x->ents.e[i].tok_end - x->ents.e[i].tok_start >= 2);
		if (subj) {
			size_t na, nb;
			name_span(subj, &na, &nb);
			na = name_after_titles(x, na, nb);
			if (nb > na && nb - na < 96) {
				ct_buf_clear(&sh->subject);
				ct_buf_put(&sh->subject, d.text + na, nb - na);
				sh->subject_fresh = 3;
				sh->subject_at = sh->nsent;
				recorded = 1;
			}
		}
		/* the last person this sentence names, for the next one's "he" */
		for (i = x->ents.n; i > 0; i--) {
			const struct ct_entity *e = &x->ents.e[i - 1];
			if (e->kind == CT_ENT_PERSON || (e->kind == CT_ENT_OTHER && e->tok_end - e->tok_start >= 2)) {
				size_t na, nb;
				name_span(e, &na, &nb);
				na = name_after_titles(x, na, nb);
				if (nb > na && nb - na < 96 && !in_quote(x, e->start)) {
					ct_buf_clear(&sh->named);
					ct_buf_put(&sh->named, d.text + na, nb - na);
					sh->named_at = sh->nsent;
					/* introduced in apposition (", Mrs. Philippa Skelbrook, who"), not as a
					 * verb's object ("Officers arrested Tom Hale") */
					sh->named_new = !x->attr.found && !x->quote.found && persons == 1 && e->tok_start > 0 &&
							x->tk.s[x->tk.t[e->tok_start - 1].start] == ',' &&
							!(sh->people.len && memmem(sh->people.ptr, sh->people.len, d.text + na, nb - na));
				}
				break;
			}
		}
		if (!recorded) {
			size_t others = 0;   /* a name the rules left untyped ("Brannock, a former driver, ...") */
			for (i = 0; i < x->ents.n; i++)
				others += x->ents.e[i].kind == CT_ENT_OTHER;
			if (persons || others || (x->attr.found && !x->attr.pronoun)) {
				sh->subject_fresh = 0;   /* someone else named or speaking since */
			} else if (sh->subject_fresh) {
				/* "Her boat landed 14.5 tonnes there last year.": a sentence that opens with
				 * the subject's pronoun shows the subject's sex */
				const char *w = d.text;
				int sex = !strncmp(w, "Her ", 4) || !strncmp(w, "She ", 4) ? SEX_F :
					  !strncmp(w, "His ", 4) || !strncmp(w, "He ", 3) ? SEX_M : 0;
				if (sex && !sex_of(sh, sh->subject.ptr, sh->subject.len))
					remember_sex(sh, sh->subject.ptr, 0, sh->subject.len, sex);
				sh->subject_fresh--;
			}
		}
		for (i = 0; i < x->ents.n; i++) {
			const struct ct_entity *e = &x->ents.e[i];
			if (e->kind == CT_ENT_PERSON || (e->kind == CT_ENT_OTHER && e->tok_end - e->tok_start >= 2)) {
				/* its sex, when shown: by a word of its mention for any, by the pronouns
				 * only for the one person of the sentence */
				int sex = sex_shown(x, e, persons == 1);
				if (sex) {
					size_t na, nb;
					name_span(e, &na, &nb);
					remember_sex(sh, d.text, name_after_titles(x, na, nb), nb, sex);
				}
			}
			/* a name the entity rules left untyped ("Circuit Judge Evelyn R. Haskins", "Amira
			 * Fidan" opening a sentence): what follows its last title word */
			if (e->kind == CT_ENT_OTHER && e->tok_end - e->tok_start >= 2) {
				size_t from = name_after_titles(x, e->start, e->end);
				remember_person(x, d.text, from, e->end);
				remember_titled(sh, d.text, e->start, from, from, e->end);
			} else if (e->kind == CT_ENT_PERSON) {
				size_t from = name_after_titles(x, e->name_start, e->name_end);
				remember_person(x, d.text, from, e->name_end);
				if (e->title_end > e->title_start)
					remember_titled(sh, d.text, e->title_start, e->title_end, from, e->name_end);
				else
					remember_titled(sh, d.text, e->name_start, from, from, e->name_end);
			}
			else if (e->kind == CT_ENT_ORG && e->end - e->start < 120 &&
				 (e->tok_start == 0 || (e->tok_start == 1 && ct_tok_is(&x->tk, 0, "the")) ||
				  (d.speaker == d.text + e->start && d.speaker_len == e->end - e->start))) {
				/* "It said" in a later sentence is the organisation last named as the subject
				 * of a sentence or as a speaker */
				ct_buf_clear(&sh->org);
				ct_buf_put(&sh->org, d.text + e->start, e->end - e->start);
			}
		}
	}
	return 0;
}

/* A context; own_nbuf: with a number buffer of its own (else the caller sets nbuf to its
 * thread's before each analyse). */
static struct extract_ctx *ctx_new(const char *text, const char *published, struct extract_shared *sh,
				   int own_nbuf)
{
	struct extract_ctx *x = malloc(sizeof(*x));
	if (x)
		memset(x, 0, offsetof(struct extract_ctx, ents));
	if (!x || (own_nbuf && !(x->nbuf = malloc(NBUF * sizeof(*x->nbuf))))) {
		free(x);
		return NULL;
	}
	x->own_nbuf = own_nbuf;
	x->text = text;
	x->published = published;
	x->sh = sh;
	ct_buf_init(&x->flat);
	return x;
}

static void ctx_free(struct extract_ctx *x)
{
	if (x) {
		ct_buf_release(&x->flat);
		if (x->own_nbuf)
			free(x->nbuf);
		free(x);
	}
}

static void shared_init(struct extract_shared *sh, ct_extract_cb cb, void *payload)
{
	memset(sh, 0, sizeof(*sh));
	sh->cb = cb;
	sh->payload = payload;
	ct_buf_init(&sh->speaker);
	ct_buf_init(&sh->people);
	ct_buf_init(&sh->org);
	ct_buf_init(&sh->person);
	ct_buf_init(&sh->subject);
	ct_buf_init(&sh->named);
}

static void shared_release(struct extract_shared *sh)
{
	ct_buf_release(&sh->speaker);
	ct_buf_release(&sh->people);
	ct_buf_release(&sh->org);
	ct_buf_release(&sh->person);
	ct_buf_release(&sh->subject);
	ct_buf_release(&sh->named);
}

/* ct_extract's driver: each segment is analysed, then the one before it resolved (which may look
 * at it), so two contexts take turns. */
struct seq {
	struct extract_ctx *c[2];
	int cur;          /* the context the next segment goes into */
	int pending;      /* the context analysed and not yet resolved, or -1 */
};

static int on_segment(const ct_segment *seg, void *payload)
{
	struct seq *q = payload;
	struct extract_ctx *x = q->c[q->cur];
	int r;
	x->seg = *seg;
	if ((r = analyse(x)) < 0)
		return r;
	if (q->pending >= 0 && (r = resolve(q->c[q->pending], x)) != 0)
		return r;
	q->pending = q->cur;
	q->cur ^= 1;
	return 0;
}

int ct_extract(const char *text, size_t len, const char *published, ct_extract_cb cb, void *payload)
{
	struct extract_shared sh;
	struct seq q = { { NULL, NULL }, 0, -1 };
	int r;
	shared_init(&sh, cb, payload);
	if (!(q.c[0] = ctx_new(text, published, &sh, 1)) || !(q.c[1] = ctx_new(text, published, &sh, 1))) {
		r = ct_error_set(CT_ENOMEM, "out of memory");
	} else {
		r = ct_segment_text(text, len, on_segment, &q);
		if (!r && q.pending >= 0)
			r = resolve(q.c[q.pending], NULL);
	}
	ctx_free(q.c[0]);
	ctx_free(q.c[1]);
	shared_release(&sh);
	return r;
}

/* The parallel extractor. The calling thread segments the text into a list of segments (a sixth
 * of the work or less), published to the workers in steps; then it works too. A worker takes the
 * next BATCH segments into a free slot of the ring of NSLOT batches and analyses them; whichever
 * thread finds the oldest batch analysed and no one resolving it resolves it (and the batches
 * after it that are ready), in order: the callback sees the same segments, in the same order,
 * with the same speakers as from ct_extract. No thread waits for another while a slot is free
 * or a batch is ready, so one that the machine takes off its CPU for a moment holds the others
 * up only once they have analysed NSLOT batches ahead of it. */
#define BATCH 32
#ifndef NSLOT
#define NSLOT 8
#endif
#define SEG_BLOCK 4096        /* segments per block of the list: blocks never move */
#define PUBLISH_EVERY 64      /* segments the segmenter lists before telling the workers */

/* A batch: its segments' contexts and one more for the look ahead (the segment after the
 * batch, analysed when the batch's last one needs it: needs_next). */
struct slot {
	struct extract_ctx *c[BATCH + 1];
	size_t first, k;          /* the segments first .. first + k - 1 */
	int spare;                /* c[BATCH] holds segment first + k, analysed */
	int ready;                /* analysed, to be resolved */
};

struct par {
	struct extract_shared sh;
	const char *text, *published;
	ct_segment **blocks;      /* the list: nblocks_max pointers, allocated up front */
	size_t nblocks_max;
	size_t listed;            /* the segmenter's count (its own) */
	struct slot slots[NSLOT]; /* batch b in slots[b % NSLOT]; contexts made on first use */
	pthread_mutex_t mu;
	pthread_cond_t cv;        /* segments listed, the list ended, a batch analysed or
	                           * resolved, or an error */
	int waiting;              /* threads waiting on cv */
	size_t nsegs;             /* segments the workers may take */
	int seg_done;             /* the list is complete */
	size_t next;              /* the first segment no worker has taken */
	size_t taken, resolved;   /* batches taken, batches resolved (a count each) */
	int resolving;            /* a thread is resolving batch `resolved` */
	int err;                  /* the first error: every thread stops */
	char msg[512];            /* its message (errors are per thread) */
};

static void par_wake(struct par *p)
{
	/* with p->mu held */
	if (p->waiting)
		pthread_cond_broadcast(&p->cv);
}

static void par_fail(struct par *p, int r)
{
	/* with p->mu held */
	if (!p->err) {
		p->err = r;
		snprintf(p->msg, sizeof(p->msg), "%s", r < 0 ? ct_error_last() : "");
	}
	par_wake(p);
}

static void par_wait(struct par *p)
{
	p->waiting++;
	pthread_cond_wait(&p->cv, &p->mu);
	p->waiting--;
}

static int list_segment(const ct_segment *seg, void *payload)
{
	struct par *p = payload;
	size_t n = p->listed, b = n / SEG_BLOCK;
	int err = 0;
	if (b >= p->nblocks_max)
		return ct_error_set(CT_ERROR, "the segmenter found more segments than bytes");
	if (!p->blocks[b] && !(p->blocks[b] = malloc(SEG_BLOCK * sizeof(ct_segment))))
		return ct_error_set(CT_ENOMEM, "out of memory");
	p->blocks[b][n % SEG_BLOCK] = *seg;
	p->listed = n + 1;
	if (p->listed % PUBLISH_EVERY == 0) {
		pthread_mutex_lock(&p->mu);
		p->nsegs = p->listed;
		err = p->err;
		par_wake(p);
		pthread_mutex_unlock(&p->mu);
	}
	return err ? 1 : 0;   /* stop segmenting: the workers' error is returned */
}

static const ct_segment *listed_segment(const struct par *p, size_t i)
{
	return &p->blocks[i / SEG_BLOCK][i % SEG_BLOCK];
}

/* Analyses the batch in s (taken, so no other thread touches it) with the worker's number
 * buffer nbuf. With p->mu not held. Returns 0 or a negative CT_E* code. */
static int analyse_batch(struct par *p, struct slot *s, struct ct_nword *nbuf)
{
	size_t j;
	int r = 0, have;
	for (j = 0; j <= BATCH && r == 0; j++)
		if (!s->c[j] && !(s->c[j] = ctx_new(p->text, p->published, &p->sh, 0)))
			r = ct_error_set(CT_ENOMEM, "out of memory");
	for (j = 0; j < s->k && r >= 0; j++) {
		s->c[j]->seg = *listed_segment(p, s->first + j);
		s->c[j]->nbuf = nbuf;
		r = analyse(s->c[j]);
	}
	s->spare = 0;
	if (r < 0 || !needs_next(s->c[s->k - 1]))
		return r < 0 ? r : 0;
	/* the batch's last segment may need the next one: as ct_extract, it sees it unless the
	 * text ends there, so wait for the segmenter to list it or finish */
	pthread_mutex_lock(&p->mu);
	while (!p->err && p->nsegs <= s->first + s->k && !p->seg_done)
		par_wait(p);
	have = p->nsegs > s->first + s->k;
	pthread_mutex_unlock(&p->mu);
	if (!have)
		return 0;
	s->c[BATCH]->seg = *listed_segment(p, s->first + s->k);
	s->c[BATCH]->nbuf = nbuf;
	s->spare = 1;
	return analyse(s->c[BATCH]);
}

/* Resolves the batch in s in order. With p->mu not held, and this thread the resolver. */
static int resolve_batch(struct slot *s)
{
	size_t j;
	int r = 0;
	for (j = 0; j < s->k && !r; j++)
		r = resolve(s->c[j], j + 1 < s->k ? s->c[j + 1] : s->spare ? s->c[BATCH] : NULL);
	return r;
}

/* A worker, with its number buffer: resolves the oldest batch when it is ready and no one
 * else is at it, else takes and analyses the next batch when a slot is free, else waits. */
static void work(struct par *p, struct ct_nword *nbuf)
{
	pthread_mutex_lock(&p->mu);
	while (!p->err) {
		struct slot *s;
		int r;
		if (!p->resolving && p->resolved < p->taken && p->slots[p->resolved % NSLOT].ready) {
			s = &p->slots[p->resolved % NSLOT];
			p->resolving = 1;
			pthread_mutex_unlock(&p->mu);
			r = resolve_batch(s);
			pthread_mutex_lock(&p->mu);
			p->resolving = 0;
			s->ready = 0;
			p->resolved++;
			if (r) {
				par_fail(p, r);
				break;
			}
			par_wake(p);   /* a slot is free, and the next batch may be ready */
			continue;
		}
		if (p->taken < p->resolved + NSLOT && p->next < p->nsegs) {
			s = &p->slots[p->taken % NSLOT];
			p->taken++;
			s->first = p->next;
			s->k = p->nsegs - p->next < BATCH ? p->nsegs - p->next : BATCH;
			p->next += s->k;
			pthread_mutex_unlock(&p->mu);
			r = analyse_batch(p, s, nbuf);
			pthread_mutex_lock(&p->mu);
			if (r < 0) {
				par_fail(p, r);
				break;
			}
			s->ready = 1;
			par_wake(p);
			continue;
		}
		if (p->seg_done && p->next >= p->nsegs && p->resolved == p->taken)
			break;   /* every segment is resolved */
		par_wait(p);
	}
	pthread_mutex_unlock(&p->mu);
}

struct worker {
	struct par *p;
	struct ct_nword *nbuf;
	pthread_t tid;
	int started;
};

static void *worker_main(void *arg)
{
	struct worker *w = arg;
	work(w->p, w->nbuf);
	return NULL;
}

int ct_extract_parallel(const char *text, size_t len, const char *published, ct_extract_cb cb, void *payload,
			int threads)
{
	struct par *p;
	struct worker *w;
	int t, r, ok = 1;
	size_t b, j;

	if (threads <= 1)
		return ct_extract(text, len, published, cb, payload);
	if (threads > CT_EXTRACT_MAX_THREADS)
		threads = CT_EXTRACT_MAX_THREADS;
	/* the tables built on first use, built now: the workers only read them */
	ct_tokens_prepare();
	ct_checkworthy_prepare();

	if (!(p = calloc(1, sizeof(*p))))
		return ct_error_set(CT_ENOMEM, "out of memory");
	shared_init(&p->sh, cb, payload);
	p->text = text;
	p->published = published;
	p->nblocks_max = len / SEG_BLOCK + 1;   /* a segment holds a byte at least */
	w = calloc((size_t)threads, sizeof(*w));
	p->blocks = calloc(p->nblocks_max, sizeof(*p->blocks));
	if (!w || !p->blocks)
		ok = 0;
	for (t = 0; ok && t < threads; t++) {
		w[t].p = p;
		ok = (w[t].nbuf = malloc(NBUF * sizeof(*w[t].nbuf))) != NULL;
	}
	if (!ok) {
		r = ct_error_set(CT_ENOMEM, "out of memory");
		goto done;
	}
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->cv, NULL);
	/* worker 0 is this thread, once the list is made */
	for (t = 1; t < threads; t++)
		w[t].started = pthread_create(&w[t].tid, NULL, worker_main, &w[t]) == 0;
	r = ct_segment_text(text, len, list_segment, p);
	pthread_mutex_lock(&p->mu);
	if (r < 0)
		par_fail(p, r);
	p->nsegs = p->listed;
	p->seg_done = 1;
	pthread_cond_broadcast(&p->cv);
	pthread_mutex_unlock(&p->mu);
	work(p, w[0].nbuf);
	for (t = 1; t < threads; t++)
		if (w[t].started)
			pthread_join(w[t].tid, NULL);
	/* every segment listed is resolved unless a thread failed; one that could not start is
	 * no loss: the others took its share */
	r = p->err;
	if (r < 0)
		ct_error_set(r, "%s", p->msg);
	pthread_cond_destroy(&p->cv);
	pthread_mutex_destroy(&p->mu);
done:
	for (b = 0; b < NSLOT; b++)
		for (j = 0; j <= BATCH; j++)
			ctx_free(p->slots[b].c[j]);
	for (t = 0; w && t < threads; t++)
		free(w[t].nbuf);
	for (b = 0; p->blocks && b < p->nblocks_max; b++)
		free(p->blocks[b]);
	free(p->blocks);
	free(w);
	shared_release(&p->sh);
	free(p);
	return r;
}

static cJSON *span_array(size_t a, size_t b)
{
	cJSON *s = cJSON_CreateArray();
	if (s) {
		cJSON_AddItemToArray(s, cJSON_CreateNumber((double)a));
		cJSON_AddItemToArray(s, cJSON_CreateNumber((double)b));
	}
	return s;
}

static int add_entities(cJSON *obj, const struct ct_claim_draft *d)
{
	cJSON *arr = cJSON_AddArrayToObject(obj, "entities");
	size_t i;
	if (!arr)
		return -1;
	for (i = 0; i < d->entities->n; i++) {
		const struct ct_entity *e = &d->entities->e[i];
		cJSON *o = cJSON_CreateObject();
		char *name;
		if (!o)
			return -1;
		cJSON_AddItemToArray(arr, o);
		name = strndup(d->text + e->start, e->end - e->start);
		if (!name || !cJSON_AddStringToObject(o, "text", name)) {
			free(name);
			return -1;
		}
		free(name);
		cJSON_AddStringToObject(o, "kind", e->kind == CT_ENT_OTHER && e->title_end > e->title_start ? "title" : ct_entity_kind_name(e->kind));
		if (e->title_end > e->title_start && e->name_end > e->name_start) {
			char *t = strndup(d->text + e->title_start, e->title_end - e->title_start);
			if (!t || !cJSON_AddStringToObject(o, "title", t)) {
				free(t);
				return -1;
			}
			free(t);
		}
		cJSON_AddItemToObject(o, "span", span_array(e->start, e->end));
	}
	return 0;
}

static int add_quote(cJSON *obj, const struct ct_claim_draft *d)
{
	cJSON *q;
	char *s;
	if (!d->quote->found || d->quote->end - d->quote->start < 3)
		return cJSON_AddNullToObject(obj, "quote") ? 0 : -1;
	if (!(q = cJSON_AddObjectToObject(obj, "quote")))
		return -1;
	s = strndup(d->text + d->quote->start, d->quote->end - d->quote->start);
	if (!s || !cJSON_AddStringToObject(q, "text", s)) {
		free(s);
		return -1;
	}
	free(s);
	if (d->speaker) {
		s = strndup(d->speaker, d->speaker_len);
		if (!s || !cJSON_AddStringToObject(q, "speaker", s)) {
			free(s);
			return -1;
		}
		free(s);
	} else if (!cJSON_AddNullToObject(q, "speaker"))
		return -1;
	cJSON_AddItemToObject(q, "span", span_array(d->quote->start, d->quote->end));
	return 0;
}

/* Adds key: the text of span [a, b) of the draft's sentence. */
static int add_span_text(cJSON *o, const char *key, const struct ct_claim_draft *d, size_t a, size_t b)
{
	char *t = strndup(d->text + a, b - a);
	int ok = t && cJSON_AddStringToObject(o, key, t);
	free(t);
	return ok ? 0 : -1;
}

static int add_numbers(cJSON *obj, const struct ct_claim_draft *d)
{
	cJSON *arr = cJSON_AddArrayToObject(obj, "numbers");
	size_t i;
	if (!arr)
		return -1;
	for (i = 0; i < d->nnumbers; i++) {
		const struct ct_number *n = &d->numbers[i];
		cJSON *o = cJSON_CreateObject();
		if (!o)
			return -1;
		cJSON_AddItemToArray(arr, o);
		if (add_span_text(o, "text", d, n->start, n->end) < 0 || !cJSON_AddNumberToObject(o, "value", n->value))
			return -1;
		if (n->high != n->value && !cJSON_AddNumberToObject(o, "high", n->high))
			return -1;
		if (n->unit[0] && !cJSON_AddStringToObject(o, "unit", n->unit))
			return -1;
		if (n->approx && !cJSON_AddStringToObject(o, "approx", n->approx))
			return -1;
		if (n->ordinal && !cJSON_AddBoolToObject(o, "ordinal", 1))
			return -1;
		cJSON_AddItemToObject(o, "span", span_array(n->start, n->end));
	}
	return 0;
}

static int add_dates(cJSON *obj, const struct ct_claim_draft *d)
{
	static const char *const wd[] = { "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday" };
	cJSON *arr = cJSON_AddArrayToObject(obj, "dates");
	size_t i;
	if (!arr)
		return -1;
	for (i = 0; i < d->ndates; i++) {
		const struct ct_date *t = &d->dates[i];
		cJSON *o = cJSON_CreateObject();
		if (!o)
			return -1;
		cJSON_AddItemToArray(arr, o);
		if (add_span_text(o, "text", d, t->start, t->end) < 0 || !cJSON_AddStringToObject(o, "kind", t->kind))
			return -1;
		if (t->resolved[0] && !cJSON_AddStringToObject(o, "date", t->resolved))
			return -1;
		if (t->weekday >= 0 && t->weekday < 7 && !cJSON_AddStringToObject(o, "weekday", wd[t->weekday]))
			return -1;
		if (!t->resolved[0] && t->year && !cJSON_AddNumberToObject(o, "year", t->year))
			return -1;
		cJSON_AddItemToObject(o, "span", span_array(t->start, t->end));
	}
	return 0;
}

/* Who a sentence without a quote reports ("X said ...", "according to X", "she said" after X was
 * named): "attribution": {"speaker": ...}, only when there is one. */
static int add_attribution(cJSON *obj, const struct ct_claim_draft *d)
{
	cJSON *a;
	char *s;
	if ((d->quote->found && d->quote->end - d->quote->start >= 3) || !d->speaker || !d->speaker_len)
		return 0;
	if (!(a = cJSON_AddObjectToObject(obj, "attribution")) || !(s = strndup(d->speaker, d->speaker_len)))
		return -1;
	if (!cJSON_AddStringToObject(a, "speaker", s)) {
		free(s);
		return -1;
	}
	free(s);
	return 0;
}

int ct_extract_features(cJSON *obj, const struct ct_claim_draft *d)
{
	if (!cJSON_AddStringToObject(obj, "type", d->type) ||
	    !cJSON_AddNumberToObject(obj, "checkworthy", d->checkworthy) ||
	    add_entities(obj, d) < 0 || add_numbers(obj, d) < 0 || add_dates(obj, d) < 0 ||
	    add_quote(obj, d) < 0 || add_attribution(obj, d) < 0)
		return ct_error_set(CT_ENOMEM, "out of memory");
	return 0;
}
