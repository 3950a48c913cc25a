/* Number expressions of one sentence ("nearly 40 people", "$1.5 billion", "30-40", "third") and
 * their compatibility for fact comparison. Pure: one pass over the bytes, no allocation. */
#ifndef CT_EXTRACT_NUMBERS_H
#define CT_EXTRACT_NUMBERS_H

#include <stddef.h>
#include <string.h>

struct ct_number {
	size_t start, end;     /* byte span of the whole expression: the approximation word or
	                        * "between", the currency sign, the figure, the scale word, the
	                        * range and the unit word when one is taken ("nearly 40 people",
	                        * "12 steel gates", "20-point"); not a leading article */
	double value;          /* 40 for "nearly 40", 1200000 for "1.2 million", 0.5 for "half" */
	double high;           /* upper bound of a range ("between 30 and 40", "30-40", "30 to 40"),
	                        * else equal to value */
	char unit[24];         /* lower-case unit word as written, singularised where simple
	                        * ("people", "gate", "metre", "year", "point"), "percent" for %,
	                        * percent and per cent, "usd"/"eur"/"gbp" for $ € £ (and dollars,
	                        * euros), "no" for "No. 3", "" when there is none */
	const char *approx;    /* static: "nearly", "almost", "about", "around", "roughly", "some",
	                        * "approximately", "circa", "more than", "over", "at least", "less than",
	                        * "fewer than", "under", "up to", "within", "an estimated", "at most",
	                        * "just over", "just under"; "as many as"/"as much as" are reported
	                        * as "up to", and so is "until" before a figure that is no date or
	                        * time (a translation's "until 400 euros"); "close to" as "nearly";
	                        * NULL when exact */
	int ordinal;           /* 1 for "third", "3rd", "twenty-first"; "No. 3" is not ordinal */
	int modifier;          /* an ordinal before the word it ranks, a noun, adjective, number
	                        * word or verb ("the third quarter", "its first distress call",
	                        * "the first six cranes", "first appeared"): which one, not how
	                        * many. 0 for a rank on its own ("finished thirtieth in the race") */
};

typedef int (*ct_number_cb)(const struct ct_number *n, void *payload);

/* Finds every number expression in s[0..len) left to right: digits with thousands separators
 * and decimals, number words (zero .. nineteen, tens, hyphenated "twenty-five", hundred,
 * thousand, million, billion, trillion, "a dozen", "a hundred", "half a million"), fractions
 * ("two-thirds"), scaled figures ("1.2 million", "€20m", "£3bn"), percentages (%, percent,
 * per cent, percentage points -> unit "point"), currency ($ € £, US$), ranges ("between 30 and
 * 40", "30-40", "30–40", "30 to 40" but not "from 30 to 40", which is a change), ordinals
 * (first .. twentieth, 3rd, 13th; see modifier), fractions written in words ("a third of",
 * "two thirds", "two-thirds"; "a third term" is an ordinal), approximations (see approx above)
 * and "No. 3".
 *
 * Not numbers, because dates.c reports them or they are names: clock times ("4:40 a.m.",
 * "10 p.m.", "4pm"), years 1900-2100 written without a comma after a date word ("in", "since",
 * "by", "until", "mid-", "end of" ... see ct_dates_year_context) or next to a month name, days
 * next to a month name ("Oct. 13", "14 October", "13th of October", "on the 13th"), ISO dates,
 * decades ("1990s"), a year between a determiner and a singular noun ("a 2019 law",
 * ct_dates_year_before_noun), a day before a period and a month ("1. December"), figures glued
 * to a name by a hyphen ("COVID-19", "F-16"), and "one" as a
 * pronoun ("one of the", "no one", "the one"). "2,000 residents" and "2000 residents" are
 * numbers.
 *
 * The unit is the word after the figure: "%"/percent, a hyphenated word ("20-point"), or
 * within the next three plain words the last plural noun ("12 steel gates" -> "gate"; for a
 * value of 1 the first word: "one year"); words ending in -ed/-ing/-ly are skipped, and
 * function words, punctuation, months and weekdays end the search. A non-zero cb return stops
 * the scan and is returned; otherwise 0. */
int ct_numbers_scan(const char *s, size_t len, ct_number_cb cb, void *payload);

/* Whether two numbers can describe the same fact: 1 compatible, 0 incompatible, -1 not
 * comparable (different units that do not convert, an ordinal against a cardinal, NULL).
 *
 * Each number is widened into an interval and the two are compatible when the intervals share a
 * point. [v, h] is the stated value or range; then by approximation:
 *   none                                           [v, h]
 *   about, around, roughly, some, approximately,
 *   an estimated                                   [0.9 v, 1.1 h]
 *   nearly, almost, just under                     [0.9 v, h]      ("nearly 40" is [36, 40])
 *   more than, over                                (h, +inf)       ("more than 40" vs 40: 0)
 *   just over                                      (h, 1.1 h]
 *   at least                                       [v, +inf)
 *   less than, fewer than, under                   (-inf, v)
 *   up to, at most                                 (-inf, h]
 * Large round figures are taken as rounded: when |value| >= 100000 the interval also widens by
 * half a step, the step being the largest power of ten dividing the figure but at most a tenth
 * of it ("1.2 million" is [1150000, 1250000), so it matches 1,215,000 but not 1.3 million).
 * Units: an empty unit matches any unit; otherwise units must be equal after normalisation
 * (percent/%/pct, person/people, dollar/usd, euro/eur) or convert within length (metre, km,
 * mile, foot ...), mass (kg, gram, tonne ...) or time (second .. year, decade); converted
 * values get a further 3% relative tolerance for the rounding of conversions. Ordinals are
 * compatible only when equal. */
int ct_numbers_compatible(const struct ct_number *a, const struct ct_number *b);

/* The lexer shared by the number and date recognisers (dates.c uses it too): words, figures
 * and punctuation with byte spans, held in a window that moves along the sentence. */
enum ct_nword_kind { CT_NW_NONE = 0, CT_NW_WORD, CT_NW_NUM, CT_NW_PUNCT };

struct ct_tokens;

/* Punctuation codes in ct_nword.ch besides plain ASCII characters. */
enum {
	CT_NW_DASH = '-',      /* hyphen, minus sign, en dash (ch); endash tells them apart */
	CT_NW_EMDASH = 256,
	CT_NW_EURO = 257,
	CT_NW_POUND = 258,
	CT_NW_OTHER = 259      /* any other non-ASCII punctuation, quotes included */
};

struct ct_nword {
	size_t start, end;     /* byte span */
	enum ct_nword_kind kind;
	int space_before;      /* whitespace (or the start of the text) before it */
	int cap;               /* WORD: first letter is an ASCII capital */
	int ch;                /* PUNCT: the character or a CT_NW_* code */
	int endash;            /* PUNCT '-': written as an en dash */
	unsigned lex;          /* WORD: the CT_LEX_* lists of the lower-cased word (extract/lexicon.h),
	                        * so the scanners skip words no expression can start with */
	/* NUM: value of the digits, digits after the point, thousands commas, digits before the
	 * point, and where the digits end (letters glued after them are the suffix in lower). */
	double value;
	int decimals, commas, intdigits;
	size_t digits_end;
	/* WORD: the word lower-cased (ASCII; ’ becomes '), NUM: the glued suffix ("th", "bn");
	 * truncated to fit, len is the untruncated byte length of that text. */
	char lower[24];
	size_t len;
};

#define CT_NWIN_SIZE 48
#define CT_NWIN_BACK 4  /* how many tokens behind the current one stay visible */

/* The tokens of a sentence and a cursor over them. Tokens are lexed on demand into t (cap
 * of them); when t could not hold the visible ones, those behind are dropped. What the scanners
 * see does not depend on cap: from the current token, CT_NWIN_BACK tokens back (more until the
 * cursor has moved CT_NWIN_SIZE / 2 past the first visible token) and at least
 * CT_NWIN_SIZE / 2 - 1 ahead; tokens beyond are out of reach. A large t lets the number and
 * the date scanner share one lexing of the sentence (ct_nwin_rewind). */
struct ct_nwin {
	const char *s;
	size_t len, pos;       /* where lexing continues */
	size_t off;            /* sentence index of t[0] */
	size_t n;              /* tokens held in t */
	size_t cur, base;      /* sentence index of the current token and of the first visible one */
	size_t cap;
	size_t vis_end;        /* min(base + CT_NWIN_SIZE, off + n): the tokens from base up to it are
	                        * visible and held (ct_nwin_sync keeps it), so ct_nwin_at tests two
	                        * bounds */
	int done;
	struct ct_nword *t;
	const struct ct_tokens *tk;   /* the sentence's shared tokens, for their lexicon bits */
	size_t tk_pos;
	struct ct_nword own[CT_NWIN_SIZE];
};

/* Starts lexing s[0..len) into the window's own storage. */
void ct_nwin_init(struct ct_nwin *w, const char *s, size_t len);
/* Starts lexing s[0..len) into buf (cap >= CT_NWIN_SIZE tokens, owned by the caller), so a
 * sentence of up to cap tokens is lexed once however many times it is scanned. tk (or NULL):
 * the tokens ct_tokenize made of the same s, whose lexicon bits a word with the same span
 * takes instead of a second lookup. */
void ct_nwin_init_buf(struct ct_nwin *w, const char *s, size_t len, struct ct_nword *buf, size_t cap,
		      const struct ct_tokens *tk);
/* Moves the cursor back to the first token, without lexing again when the tokens are all still
 * held. */
void ct_nwin_rewind(struct ct_nwin *w);
/* ct_nwin_at past what is lexed or out of reach. */
const struct ct_nword *ct_nwin_at_slow(struct ct_nwin *w, long idx);

/* Sets vis_end after base, off or n changed. */
static inline void ct_nwin_sync(struct ct_nwin *w)
{
	size_t a = w->base + CT_NWIN_SIZE, b = w->off + w->n;
	w->vis_end = a < b ? a : b;
}

/* The token k places from the current one; a token of kind CT_NW_NONE before the start, past
 * the end or out of reach (see struct ct_nwin). Borrowed: valid until the next ct_nwin_advance. */
static inline const struct ct_nword *ct_nwin_at(struct ct_nwin *w, int k)
{
	long idx = (long)w->cur + k;
	/* off <= base always, so idx < off + n is (size_t)idx - off < n */
	if (idx >= (long)w->base && idx < (long)w->vis_end)
		return &w->t[(size_t)idx - w->off];
	return ct_nwin_at_slow(w, idx);
}

/* Drops the tokens behind the visible ones (ct_nwin_advance, when t could not hold what is
 * visible otherwise). */
void ct_nwin_drop(struct ct_nwin *w);

/* Moves the current token n places forward. Tokens held are dropped here, never by
 * ct_nwin_at, so the tokens a matcher holds stay where they are while it looks further on. */
static inline void ct_nwin_advance(struct ct_nwin *w, size_t n)
{
	w->cur += n;
	if (w->cur - w->base >= CT_NWIN_SIZE / 2) {
		w->base = w->cur - CT_NWIN_BACK;
		if (w->base + CT_NWIN_SIZE - w->off > w->cap)
			ct_nwin_drop(w);
		ct_nwin_sync(w);
	}
}

/* 1 when the strings are equal: strcmp inline, for the short words the matchers compare (a
 * call to strcmp costs more than the comparison). */
static inline int ct_nstr_eq(const char *a, const char *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return *a == *b;
}

/* 1 when the token is the word (lower case ASCII) given. */
static inline int ct_nword_is(const struct ct_nword *t, const char *word)
{
	return t->kind == CT_NW_WORD && t->lower[0] == word[0] && ct_nstr_eq(t->lower, word);
}

/* Where a scanner stands in its search for anchors: tokens (a figure, or a word with given
 * CT_LEX_* bits) without which no expression can match. An expression that matches has one
 * among its first few tokens, so a scanner tries its matchers only where an anchor is near. */
struct ct_nanchor {
	size_t pos;            /* sentence index of the next token to look at, or of the anchor */
	int found;             /* pos is an anchor */
	int end;               /* no anchor before the end of the text */
};

/* 1 when an anchor (a figure, or a word with bits) stands within reach tokens from the current
 * one (reach < CT_NWIN_SIZE / 2). Call with the current token moving forward only. */
int ct_nanchor_near(struct ct_nanchor *a, struct ct_nwin *w, unsigned bits, size_t reach);

/* ct_numbers_scan over a window (at its first token); the extractor shares one with
 * ct_dates_scan_win. */
int ct_numbers_scan_win(struct ct_nwin *w, ct_number_cb cb, void *payload);

#endif
