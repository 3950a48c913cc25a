/* Number expressions: a lazy word lexer over the sentence bytes and a left-to-right matcher for
 * figures, number words, scales, ranges, percentages, currency and approximations; no allocation. */
#include "extract/numbers.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

#include "extract/dates.h"
#include "extract/lexicon.h"
#include "extract/tokens.h"

/* ---- lexer ---------------------------------------------------------------------------- */

static int is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static int is_alpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int to_lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

/* Bytes of whitespace at p (ASCII, NBSP, U+2000..U+200A, U+202F, U+205F), else 0. */
static size_t space_len(const unsigned char *p, size_t left)
{
	if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f' || *p == '\v')
		return 1;
	if (left >= 2 && p[0] == 0xC2 && p[1] == 0xA0)
		return 2;
	if (left >= 3 && p[0] == 0xE2 && p[1] == 0x80 && (p[2] <= 0x8A || p[2] == 0xAF))
		return 3;
	if (left >= 3 && p[0] == 0xE2 && p[1] == 0x81 && p[2] == 0x9F)
		return 3;
	return 0;
}

/* Bytes of non-ASCII punctuation at p (Latin-1 symbols, U+2000..U+2BFF, CJK punctuation) with
 * its code in *ch, else 0 (the bytes belong to a word). */
static size_t uni_punct(const unsigned char *p, size_t left, int *ch, int *endash)
{
	*endash = 0;
	if (p[0] == 0xC2 && left >= 2 && p[1] >= 0x80 && p[1] <= 0xBF) {
		*ch = p[1] == 0xA3 ? CT_NW_POUND : CT_NW_OTHER;
		return 2;
	}
	if (p[0] == 0xE2 && left >= 3 && p[1] >= 0x80 && p[1] <= 0xAF) {
		*ch = CT_NW_OTHER;
		if (p[1] == 0x80 && p[2] >= 0x90 && p[2] <= 0x93) {
			*ch = CT_NW_DASH;
			*endash = p[2] >= 0x92;
		} else if (p[1] == 0x80 && (p[2] == 0x94 || p[2] == 0x95)) {
			*ch = CT_NW_EMDASH;
		} else if (p[1] == 0x82 && p[2] == 0xAC) {
			*ch = CT_NW_EURO;
		} else if (p[1] == 0x88 && p[2] == 0x92) {
			*ch = CT_NW_DASH;
			*endash = 1;
		}
		return 3;
	}
	if (p[0] == 0xE3 && left >= 3 && p[1] == 0x80) {
		*ch = CT_NW_OTHER;
		return 3;
	}
	return 0;
}

static int is_curly_apos(const unsigned char *p, size_t left)
{
	return left >= 3 && p[0] == 0xE2 && p[1] == 0x80 && p[2] == 0x99;
}

/* 1 when a word can continue with the byte at p (letter, digit or non-punctuation UTF-8). */
static int word_byte(const unsigned char *p, size_t left)
{
	int ch, en;
	if (*p < 0x80)
		return is_alpha(*p) || is_digit(*p);
	return uni_punct(p, left, &ch, &en) == 0 && space_len(p, left) == 0;
}

static void put_lower(struct ct_nword *t, size_t *n, int c)
{
	if (*n + 1 < sizeof(t->lower))
		t->lower[(*n)++] = (char)c;
}

/* ASCII letters and digits lower-cased; 0 for every other byte. */
static const unsigned char alnum_lower[256] = {
	['0'] = '0', ['1'] = '1', ['2'] = '2', ['3'] = '3', ['4'] = '4', ['5'] = '5', ['6'] = '6',
	['7'] = '7', ['8'] = '8', ['9'] = '9',
	['A'] = 'a', ['B'] = 'b', ['C'] = 'c', ['D'] = 'd', ['E'] = 'e', ['F'] = 'f', ['G'] = 'g',
	['H'] = 'h', ['I'] = 'i', ['J'] = 'j', ['K'] = 'k', ['L'] = 'l', ['M'] = 'm', ['N'] = 'n',
	['O'] = 'o', ['P'] = 'p', ['Q'] = 'q', ['R'] = 'r', ['S'] = 's', ['T'] = 't', ['U'] = 'u',
	['V'] = 'v', ['W'] = 'w', ['X'] = 'x', ['Y'] = 'y', ['Z'] = 'z',
	['a'] = 'a', ['b'] = 'b', ['c'] = 'c', ['d'] = 'd', ['e'] = 'e', ['f'] = 'f', ['g'] = 'g',
	['h'] = 'h', ['i'] = 'i', ['j'] = 'j', ['k'] = 'k', ['l'] = 'l', ['m'] = 'm', ['n'] = 'n',
	['o'] = 'o', ['p'] = 'p', ['q'] = 'q', ['r'] = 'r', ['s'] = 's', ['t'] = 't', ['u'] = 'u',
	['v'] = 'v', ['w'] = 'w', ['x'] = 'x', ['y'] = 'y', ['z'] = 'z',
};

#define ONES UINT64_C(0x0101010101010101)
#define HIGHS UINT64_C(0x8080808080808080)

/* The high bit of each byte of x (each below 0x80) set when the byte is in [lo, hi]. */
static inline uint64_t in_range(uint64_t x, unsigned char lo, unsigned char hi)
{
	return (x + ONES * (unsigned char)(0x80 - lo)) & ~(x + ONES * (unsigned char)(0x7f - hi)) & HIGHS;
}

#define LEX_PENDING (~0u)

static void lex_word(const unsigned char *s, size_t len, size_t i, struct ct_nword *t)
{
	size_t n = 0, seg = 0;   /* seg: letters since the word start or the last inner '.' */
	t->kind = CT_NW_WORD;
	t->cap = s[i] >= 'A' && s[i] <= 'Z';
	/* a space ends a word (most end there): none of the cases below takes it */
	while (i < len && s[i] != ' ') {
		if (alnum_lower[s[i]]) {
			/* the common case: a run of ASCII letters and digits, lowered into what is left
			 * of lower in the same loop */
			size_t j = i;
			unsigned char c;
			int ended = 0;
			/* eight bytes at a time while eight are left and fit in lower: the run's end
			 * found without a branch per byte (its exit, mispredicted, cost most) */
			while (j + 8 <= len && n + 8 < sizeof(t->lower)) {
				uint64_t x, x7, up, al, stop, mask;
				size_t r;
				memcpy(&x, s + j, 8);
				x7 = x & ~HIGHS;
				up = in_range(x7, 'A', 'Z') & ~x;
				al = up | ((in_range(x7, 'a', 'z') | in_range(x7, '0', '9')) & ~x);
				stop = ~al & HIGHS;
				r = stop ? (size_t)__builtin_ctzll(stop) >> 3 : 8;
				mask = r == 8 ? ~UINT64_C(0) : (UINT64_C(1) << (8 * r)) - 1;
				x = (x | (up >> 2)) & mask;   /* A-Z + 0x20; lower is zero past n already */
				memcpy(t->lower + n, &x, 8);
				n += r;
				j += r;
				if (r < 8) {
					ended = 1;
					break;
				}
			}
			while (!ended && j < len && (c = alnum_lower[s[j]]) != 0) {
				if (n < sizeof(t->lower) - 1)
					t->lower[n++] = (char)c;
				j++;
			}
			seg += j - i;
			i = j;
		} else if (s[i] >= 0x80 && word_byte(s + i, len - i)) {
			put_lower(t, &n, s[i]);
			if (s[i] >= 0xC0)
				seg++;
			i++;
		} else if (s[i] == '\'' && i + 1 < len && is_alpha(s[i + 1])) {
			put_lower(t, &n, '\'');
			i++;
		} else if (is_curly_apos(s + i, len - i) && i + 3 < len && is_alpha(s[i + 3])) {
			put_lower(t, &n, '\'');
			i += 3;
		} else if (s[i] == '.' && seg == 1 && i + 1 < len && is_alpha(s[i + 1])) {
			/* initials and a.m./U.S. stay one word; the final '.' is punctuation */
			put_lower(t, &n, '.');
			seg = 0;
			i++;
		} else {
			break;
		}
	}
	t->lower[n] = '\0';
	t->end = i;
	t->len = i - t->start;
	/* The word lists it is in (looked up by lex_next); a truncated word is in none (they hold
	 * short words). */
	t->lex = n + 1 < sizeof(t->lower) ? LEX_PENDING : 0;
}

static int three_digits_then_stop(const unsigned char *s, size_t len, size_t i)
{
	return i + 3 <= len && is_digit(s[i]) && is_digit(s[i + 1]) && is_digit(s[i + 2]) &&
	       (i + 3 == len || !is_digit(s[i + 3]));
}

/* The length of a space that may group thousands at s (0 for none): ' ', U+00A0, U+2009 or
 * U+202F. */
static size_t group_space(const unsigned char *s, size_t len)
{
	if (s[0] == ' ')
		return 1;
	if (len >= 2 && s[0] == 0xC2 && s[1] == 0xA0)
		return 2;
	if (len >= 3 && s[0] == 0xE2 && s[1] == 0x80 && (s[2] == 0x89 || s[2] == 0xAF))
		return 3;
	return 0;
}

static void lex_number(const unsigned char *s, size_t len, size_t i, struct ct_nword *t)
{
	double v = 0, p10 = 1;
	size_t n = 0, first = i;
	t->kind = CT_NW_NUM;
	while (i < len && is_digit(s[i])) {
		v = v * 10 + (s[i++] - '0');
		t->intdigits++;
	}
	while (i < len && s[i] == ',' && three_digits_then_stop(s, len, i + 1)) {
		v = v * 1000 + (s[i + 1] - '0') * 100 + (s[i + 2] - '0') * 10 + (s[i + 3] - '0');
		t->commas++;
		t->intdigits += 3;
		i += 4;
	}
	/* Thousands grouped by a space, as much of Europe writes them and translations keep them:
	 * "3 860", "140 000", "1 250 000" (a space, a no-break space U+00A0 or a narrow one
	 * U+202F / thin U+2009). Only after a first group of one to three digits with no comma, and
	 * only groups of exactly three digits: "in 2024 100 people" and "12 1/2" stay apart. */
	if (!t->commas && t->intdigits <= 3) {
		size_t sp;
		while (i < len && (sp = group_space(s + i, len - i)) && three_digits_then_stop(s, len, i + sp)) {
			i += sp;
			v = v * 1000 + (s[i] - '0') * 100 + (s[i + 1] - '0') * 10 + (s[i + 2] - '0');
			t->commas++;
			t->intdigits += 3;
			i += 3;
		}
	}
	/* A decimal comma, as a translation keeps it: "61,5 millions", "2,9": one to three digits and
	 * no thousands group before it, one or two digits after it, and no list of figures ("1,2,3";
	 * "In 2019,5 people" stays apart) */
	if (!t->commas && t->intdigits <= 3 && i + 1 < len && s[i] == ',' && is_digit(s[i + 1]) &&
	    !(first > 0 && s[first - 1] == ',')) {
		size_t d = i + 1;
		while (d < len && is_digit(s[d]))
			d++;
		if (d - i - 1 <= 2 && !(d + 1 < len && s[d] == ',' && is_digit(s[d + 1])) &&
		    !(d < len && (s[d] == '.' || is_alpha(s[d])))) {
			goto decimals;   /* read as a decimal point */
		}
	}
	if (i + 1 < len && s[i] == '.' && is_digit(s[i + 1])) {
	decimals:
		i++;
		/* whole mantissa first, one division: 1.2 is then the double nearest 1.2 */
		while (i < len && is_digit(s[i])) {
			v = v * 10 + (s[i++] - '0');
			p10 *= 10;
			t->decimals++;
		}
	}
	t->value = v / p10;
	t->digits_end = i;
	while (i < len && is_alpha(s[i]))
		put_lower(t, &n, to_lower(s[i++]));
	t->lower[n] = '\0';
	t->end = i;
	t->len = i - t->digits_end;
}

/* The lexicon bits of a word: those of the shared token with the same span when there is one
 * (the same bytes, folded the same way), else looked up. */
static unsigned word_lex(struct ct_nwin *w, const struct ct_nword *t)
{
	const struct ct_tokens *tk = w->tk;
	if (tk) {
		while (w->tk_pos < tk->n && tk->t[w->tk_pos].start < t->start)
			w->tk_pos++;
		if (w->tk_pos < tk->n && tk->t[w->tk_pos].start == t->start &&
		    tk->t[w->tk_pos].end == t->end && !(tk->t[w->tk_pos].flags & CT_TOK_PUNCT))
			return tk->t[w->tk_pos].lex;
	}
	return ct_lexicon_lookup_folded(t->lower, strlen(t->lower));
}

_Static_assert(sizeof(((struct ct_nword *)0)->lower) == sizeof(((struct ct_tokens *)0)->key[0]),
	       "a plain token's key fills lower");

/* The word at i from the shared tokens, when they hold it as this lexer would read it: a
 * CT_TOK_PLAIN token (ASCII letters and digits) starting at i and ending where lex_word would
 * stop too (the end of the text, or an ASCII byte that is no letter or digit, no apostrophe,
 * and no '.' after a one-letter word, which could be an initial as in "a.m."). Fills the
 * fields lex_word and word_lex fill (kind, cap, lower, end, len, lex) and returns 1; else 0,
 * t untouched. */
static inline int plain_word(struct ct_nwin *w, size_t i, struct ct_nword *t)
{
	const struct ct_tokens *tk = w->tk;
	const struct ct_token *k;
	const unsigned char *s = (const unsigned char *)w->s;
	size_t e, n;
	while (w->tk_pos < tk->n && tk->t[w->tk_pos].start < i)
		w->tk_pos++;
	if (w->tk_pos >= tk->n)
		return 0;
	k = &tk->t[w->tk_pos];
	if (k->start != i || !(k->flags & CT_TOK_PLAIN))
		return 0;
	e = k->end;
	n = e - i;
	if (e > w->len || (e < w->len && (s[e] >= 0x80 || alnum_lower[s[e]] || s[e] == '\'' ||
					   (s[e] == '.' && n == 1))))
		return 0;
	t->kind = CT_NW_WORD;
	t->cap = s[i] >= 'A' && s[i] <= 'Z';
	memcpy(t->lower, tk->key[w->tk_pos], sizeof(t->lower));
	t->end = e;
	t->len = n;
	t->lex = k->lex;
	return 1;
}

/* Reads the token at or after w->pos into t. Returns 0 at the end of the text. */
static inline __attribute__((always_inline)) int lex_next(struct ct_nwin *w, struct ct_nword *t)
{
	const unsigned char *s = (const unsigned char *)w->s;
	size_t i = w->pos, sp;
	int any_space = i == 0;
	while (i < w->len) {
		if (s[i] == ' ') {
			i++;
			any_space = 1;
			continue;
		}
		/* only these bytes start other whitespace */
		if (s[i] > ' ' && s[i] != 0xC2 && s[i] != 0xE2)
			break;
		if (!(sp = space_len(s + i, w->len - i)))
			break;
		i += sp;
		any_space = 1;
	}
	if (i >= w->len)
		return 0;
	/* most words: taken from the shared tokens (which fills lower whole), the rest zero */
	if (w->tk && is_alpha(s[i]) && plain_word(w, i, t)) {
		t->start = i;
		t->space_before = any_space;
		t->ch = t->endash = 0;
		t->value = 0;
		t->decimals = t->commas = t->intdigits = 0;
		t->digits_end = 0;
		w->pos = t->end;
		return 1;
	}
	/* every field zero, as the matchers expect; lower zero-padded for the lexicon's key */
	t->kind = CT_NW_NONE;
	t->cap = t->ch = t->endash = 0;
	t->lex = 0;
	t->value = 0;
	t->decimals = t->commas = t->intdigits = 0;
	t->digits_end = 0;
	t->end = 0;
	t->len = 0;
	memset(t->lower, 0, sizeof(t->lower));
	t->start = i;
	t->space_before = any_space;
	if (is_digit(s[i])) {
		lex_number(s, w->len, i, t);
	} else if (s[i] < 0x80 && !is_alpha(s[i])) {
		t->kind = CT_NW_PUNCT;
		t->ch = s[i] == '-' ? CT_NW_DASH : s[i];
		t->end = i + 1;
	} else {
		int ch, en;
		size_t n = s[i] >= 0x80 ? uni_punct(s + i, w->len - i, &ch, &en) : 0;
		if (n > 0) {
			t->kind = CT_NW_PUNCT;
			t->ch = ch;
			t->endash = en;
			t->end = i + n;
		} else {
			lex_word(s, w->len, i, t);
			if (t->end == i) {   /* a stray continuation byte: skip it as punctuation */
				t->kind = CT_NW_PUNCT;
				t->ch = CT_NW_OTHER;
				t->end = i + 1;
				t->lex = 0;
			} else if (t->lex == LEX_PENDING) {
				t->lex = word_lex(w, t);
			}
		}
	}
	w->pos = t->end;
	return 1;
}

void ct_nwin_init_buf(struct ct_nwin *w, const char *s, size_t len, struct ct_nword *buf, size_t cap,
		      const struct ct_tokens *tk)
{
	w->tk = tk && tk->s == s ? tk : NULL;
	w->tk_pos = 0;
	w->s = s;
	w->len = len;
	w->pos = 0;
	w->off = 0;
	w->n = 0;
	w->cur = 0;
	w->base = 0;
	w->done = 0;
	w->t = buf;
	w->cap = cap;
	if (cap > CT_NWIN_SIZE) {
		/* a buffer meant to hold the whole sentence: lex it in one loop, the scanners then
		 * find every token already there */
		while (w->n < cap && lex_next(w, &w->t[w->n]))
			w->n++;
		w->done = w->n < cap;
	}
	ct_nwin_sync(w);
}

void ct_nwin_init(struct ct_nwin *w, const char *s, size_t len)
{
	ct_nwin_init_buf(w, s, len, w->own, CT_NWIN_SIZE, NULL);
}

void ct_nwin_drop(struct ct_nwin *w)
{
	size_t drop = w->base - w->off;
	if (drop > w->n)
		drop = w->n;   /* moved past what is lexed: the next token lexed is number off + n */
	memmove(w->t, w->t + drop, (w->n - drop) * sizeof(w->t[0]));
	w->n -= drop;
	w->off += drop;
	ct_nwin_sync(w);
}

void ct_nwin_rewind(struct ct_nwin *w)
{
	if (w->off == 0) {
		w->cur = 0;
		w->base = 0;
		ct_nwin_sync(w);
	} else {
		ct_nwin_init_buf(w, w->s, w->len, w->t, w->cap, w->tk);
	}
}

const struct ct_nword *ct_nwin_at_slow(struct ct_nwin *w, long idx)
{
	static const struct ct_nword none;   /* kind CT_NW_NONE */
	if (idx < (long)w->base || idx >= (long)(w->base + CT_NWIN_SIZE))
		return &none;
	while ((size_t)idx - w->off >= w->n) {
		/* t holds every visible token (ct_nwin_advance drops those behind in time) */
		if (w->done || w->n == w->cap)
			return &none;
		if (!lex_next(w, &w->t[w->n])) {
			w->done = 1;
			return &none;
		}
		w->n++;
		ct_nwin_sync(w);
	}
	return &w->t[(size_t)idx - w->off];
}

int ct_nanchor_near(struct ct_nanchor *a, struct ct_nwin *w, unsigned bits, size_t reach)
{
	if (a->end)
		return 0;
	if (a->pos < w->cur) {
		a->pos = w->cur;
		a->found = 0;
	}
	while (!a->found && a->pos <= w->cur + reach) {
		const struct ct_nword *t = ct_nwin_at(w, (int)(a->pos - w->cur));
		if (t->kind == CT_NW_NONE) {
			a->end = 1;   /* the end of the text: reach is within the window's lookahead */
			return 0;
		}
		if (t->kind == CT_NW_NUM || (t->kind == CT_NW_WORD && (t->lex & bits)))
			a->found = 1;
		else
			a->pos++;
	}
	return a->found && a->pos <= w->cur + reach;
}


/* ---- word tables ---------------------------------------------------------------------- */

static const char *const small_words[] = {
	"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
	"eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
	"nineteen", NULL
};
static const char *const tens_words[] = {
	"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", NULL
};
static const char *const ordinal_small[] = {
	"zeroth", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
	"ninth", "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth",
	"sixteenth", "seventeenth", "eighteenth", "nineteenth", NULL
};
static const char *const ordinal_tens[] = {
	"twentieth", "thirtieth", "fortieth", "fiftieth", "sixtieth", "seventieth", "eightieth",
	"ninetieth", NULL
};

static const char *const ordinal_scales[] = { "hundredth", "thousandth", "millionth", "billionth", NULL };
static const double ordinal_scale_value[] = { 1e2, 1e3, 1e6, 1e9 };

struct scale_word {
	const char *word;
	double factor;
};
static const struct scale_word scale_words[] = {
	{ "thousand", 1e3 }, { "million", 1e6 }, { "billion", 1e9 }, { "trillion", 1e12 },
	{ NULL, 0 }
};

struct approx_phrase {
	const char *w1, *w2, *w3;
	const char *name;
};
static const struct approx_phrase approx_phrases[] = {
	{ "just", "over", NULL, "just over" },
	{ "just", "under", NULL, "just under" },
	{ "more", "than", NULL, "more than" },
	{ "less", "than", NULL, "less than" },
	{ "fewer", "than", NULL, "fewer than" },
	{ "at", "least", NULL, "at least" },
	{ "at", "most", NULL, "at most" },
	{ "up", "to", NULL, "up to" },
	{ "an", "estimated", NULL, "an estimated" },
	{ "as", "many", "as", "up to" },
	{ "as", "much", "as", "up to" },
	{ "close", "to", NULL, "nearly" },
	{ "nearly", NULL, NULL, "nearly" },
	{ "almost", NULL, NULL, "almost" },
	{ "about", NULL, NULL, "about" },
	{ "around", NULL, NULL, "around" },
	{ "roughly", NULL, NULL, "roughly" },
	{ "some", NULL, NULL, "some" },
	{ "approximately", NULL, NULL, "approximately" },
	{ "circa", NULL, NULL, "circa" },
	{ "until", NULL, NULL, "up to" },     /* a translation's "up to" ("bis zu"): "until 400 euros" */
	{ "within", NULL, NULL, "within" },   /* "to within three kilometres": three at most */   /* a translation's "circa 240 000 visitors" */
	{ "over", NULL, NULL, "over" },
	{ "under", NULL, NULL, "under" },
	{ NULL, NULL, NULL, NULL }
};

static int word_index(const struct ct_nword *t, const char *const *list)
{
	int i;
	if (t->kind != CT_NW_WORD)
		return -1;
	for (i = 0; list[i]; i++)
		if (t->lower[0] == list[i][0] && ct_nstr_eq(t->lower, list[i]))
			return i;
	return -1;
}

static double scale_of(const struct ct_nword *t)
{
	int i;
	if (t->kind != CT_NW_WORD)
		return 0;
	for (i = 0; scale_words[i].word; i++)
		if (t->lower[0] == scale_words[i].word[0] && ct_nstr_eq(t->lower, scale_words[i].word))
			return scale_words[i].factor;
	return 0;
}

static int is_punct(const struct ct_nword *t, int ch)
{
	return t->kind == CT_NW_PUNCT && t->ch == ch;
}

/* A hyphen joining two tokens with no space around it (an en dash may have spaces). */
static int is_joining_dash(const struct ct_nword *dash, const struct ct_nword *next)
{
	return is_punct(dash, CT_NW_DASH) && (dash->endash || (!dash->space_before &&
	       next->kind != CT_NW_NONE && !next->space_before));
}

static int is_month_token(const struct ct_nword *t)
{
	return t->kind == CT_NW_WORD && t->cap && ct_month_word(t->lower) > 0;
}

/* A month name ending just before relative position k ("October 14", "Oct. 14"). */
static int month_before(struct ct_nwin *w, int k)
{
	const struct ct_nword *p = ct_nwin_at(w, k - 1);
	if (is_month_token(p))
		return 1;
	return is_punct(p, '.') && !p->space_before && is_month_token(ct_nwin_at(w, k - 2));
}

/* A month's name written in full ("December", "May"), not an abbreviation ("Dec", "Sept"). */
static int full_month(const struct ct_nword *t)
{
	return is_month_token(t) && ((t->len >= 4 && !ct_nstr_eq(t->lower, "sept")) || ct_nstr_eq(t->lower, "may"));
}

static int is_ordinal_suffix(const char *s)
{
	return !strcmp(s, "st") || !strcmp(s, "nd") || !strcmp(s, "rd") || !strcmp(s, "th");
}

static int is_plain_int(const struct ct_nword *t)
{
	return t->kind == CT_NW_NUM && t->decimals == 0 && t->commas == 0 &&
	       t->digits_end == t->end;
}

/* A figure that can be a year: four plain digits in dates.c's range (year_at), so that a year
 * after a date word ("founded in 1887") is a date and not also a number. */
static int is_year_number(const struct ct_nword *t)
{
	return is_plain_int(t) && t->intdigits == 4 && t->value >= 1000 && t->value <= 2999;
}

static const char *lower_or_empty(const struct ct_nword *t)
{
	return t->kind == CT_NW_WORD ? t->lower : "";
}

static int plural_noun(const char *wd, char *out, size_t cap);

/* ---- figures -------------------------------------------------------------------------- */

enum { FIG_DIGITS = 1, FIG_ORDINAL = 2, FIG_SCALED = 4, FIG_WORDS = 8, FIG_CURRENCY = 16, FIG_FRACTION = 32 };

struct figure {
	double value;
	double scale;          /* factor of a scale word or suffix, 1 when none */
	int flags;
	int next;              /* relative index of the token after the figure */
	char unit[24];         /* a unit glued to digits ("5km") */
};

static void copy_unit(char *dst, size_t cap, const char *src)
{
	size_t n = strlen(src);
	if (n >= cap)
		n = cap - 1;
	memcpy(dst, src, n);
	dst[n] = '\0';
}

/* "a third", "two thirds": the fraction words after "a" or a small number written apart */
static const char *const fraction_one[] = {
	"third", "quarter", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", NULL
};
static const char *const fraction_many[] = {
	"thirds", "quarters", "fifths", "sixths", "sevenths", "eighths", "ninths", "tenths", NULL
};
static const int fraction_denom[] = { 3, 4, 5, 6, 7, 8, 9, 10 };

/* Whether the fraction word d, followed by n, stands alone as a share ("a third of the staff",
 * "fell by a third", "by about a third since January") rather than ranking the word after it
 * ("a third term", "a third-party claim"): n is "of", the end, punctuation other than a hyphen, or
 * a function word. A quarter only before "of": alone it is as often three months. */
static int fraction_alone(const struct ct_nword *d, const struct ct_nword *n)
{
	if (ct_nword_is(n, "of"))
		return 1;
	if (d->lower[0] == 'q')
		return 0;
	if (n->kind == CT_NW_NONE)
		return 1;
	if (n->kind == CT_NW_PUNCT)
		return n->ch != CT_NW_DASH && n->ch != '\'' && n->ch != CT_NW_OTHER;
	return n->kind == CT_NW_WORD && (n->lex & CT_LEX_NUMSTOP) && !(n->lex & CT_LEX_NUMANCHOR);
}

/* Number words from relative position k: "twenty-five", "two hundred and fifty thousand",
 * "a dozen", "half a million", "two-thirds", "twenty-first". Returns 0 when none. */
static int parse_words(struct ct_nwin *w, int k, struct figure *f)
{
	enum { NONE, SMALL, TENS, HUNDRED, SCALE } last = NONE;
	double total = 0, current = 0, sc;
	int v, start = k;
	const struct ct_nword *t = ct_nwin_at(w, k), *n1 = ct_nwin_at(w, k + 1);

	if (ct_nword_is(t, "half") && ct_nword_is(n1, "a")) {
		const struct ct_nword *n2 = ct_nwin_at(w, k + 2);
		sc = ct_nword_is(n2, "dozen") ? 12 : scale_of(n2);
		if (sc == 0)
			return 0;
		f->value = 0.5 * sc;
		f->scale = sc == 12 ? 1 : sc;
		f->flags = FIG_WORDS | (sc == 12 ? 0 : FIG_SCALED);
		f->next = k + 3;
		return 1;
	}
	/* "almost half of the riders", "fell by half", "the half of": a share on its own (not "half
	 * capacity", "half-time") */
	if (ct_nword_is(t, "half") && fraction_alone(t, n1)) {
		f->value = 0.5;
		f->flags = FIG_WORDS | FIG_FRACTION;
		f->scale = 1;
		f->next = k + 1;
		return 1;
	}
	if (ct_nword_is(t, "a")) {
		if ((v = word_index(n1, fraction_one)) >= 0 && n1->space_before &&
		    fraction_alone(n1, ct_nwin_at(w, k + 2))) {
			f->value = 1.0 / fraction_denom[v];
			f->flags = FIG_WORDS | FIG_FRACTION;
			f->scale = 1;
			f->next = k + 2;
			return 1;
		}
		if (!ct_nword_is(n1, "dozen") && !ct_nword_is(n1, "hundred") && scale_of(n1) == 0)
			return 0;
		current = 1;
		last = SMALL;
		k++;
	}
	f->flags = FIG_WORDS;
	f->scale = 1;
	for (;;) {
		t = ct_nwin_at(w, k);
		if (t->kind != CT_NW_WORD)
			break;
		if ((v = word_index(t, small_words)) >= 0) {
			if (last == SMALL || last == SCALE || (last == TENS && (v == 0 || v >= 10)))
				break;
			n1 = ct_nwin_at(w, k + 1);
			if (last == NONE && v >= 1 && v <= 9 && is_joining_dash(n1, ct_nwin_at(w, k + 2))) {
				/* two-thirds, three-quarters, one-half */
				static const char *const denoms[] = {
					"halves", "thirds", "quarters", "fifths", "sixths", "sevenths", "eighths",
					"ninths", "tenths", NULL
				};
				static const char *const denom1[] = {
					"half", "third", "quarter", "fifth", "sixth", "seventh", "eighth", "ninth",
					"tenth", NULL
				};
				static const int dval[] = { 2, 3, 4, 5, 6, 7, 8, 9, 10 };
				const struct ct_nword *d = ct_nwin_at(w, k + 2);
				int di = word_index(d, v == 1 ? denom1 : denoms);
				if (di >= 0) {
					f->value = (double)v / dval[di];
					f->flags |= FIG_FRACTION;
					f->next = k + 3;
					return 1;
				}
			}
			/* "two thirds of", "one fifth of" written apart */
			if (last == NONE && v >= 1 && v <= 9 && n1->kind == CT_NW_WORD && n1->space_before) {
				int di = word_index(n1, v == 1 ? fraction_one : fraction_many);
				if (di >= 0 && fraction_alone(n1, ct_nwin_at(w, k + 2))) {
					f->value = (double)v / fraction_denom[di];
					f->flags |= FIG_FRACTION;
					f->next = k + 2;
					return 1;
				}
			}
			current += v;
			last = SMALL;
			k++;
			continue;
		}
		if ((v = word_index(t, tens_words)) >= 0) {
			if (last == SMALL || last == TENS || last == SCALE)
				break;
			current += 20 + 10 * v;
			last = TENS;
			k++;
			/* twenty-five, twenty-first */
			n1 = ct_nwin_at(w, k);
			if (is_joining_dash(n1, ct_nwin_at(w, k + 1)) && !n1->endash) {
				const struct ct_nword *u = ct_nwin_at(w, k + 1);
				int uv = word_index(u, small_words), uo = word_index(u, ordinal_small);
				if (uv >= 1 && uv <= 9) {
					current += uv;
					last = SMALL;
					k += 2;
				} else if (uo >= 1 && uo <= 9) {
					current += uo;
					f->flags |= FIG_ORDINAL;
					k += 2;
					break;
				}
			}
			continue;
		}
		if ((v = word_index(t, ordinal_small)) >= 1 || (v = word_index(t, ordinal_tens)) >= 0) {
			int tens = word_index(t, ordinal_tens) >= 0;
			if (last == SMALL || last == SCALE || (last == TENS && tens))
				break;
			current += tens ? 20 + 10 * v : v;
			f->flags |= FIG_ORDINAL;
			k++;
			break;
		}
		if (ct_nword_is(t, "hundred")) {
			if (last != SMALL)
				break;
			current = (current ? current : 1) * 100;
			last = HUNDRED;
			k++;
			continue;
		}
		if ((v = word_index(t, ordinal_scales)) >= 0) {
			/* "two hundredth", "the thousandth visitor"; not "a hundredth of a second" */
			if (last == SMALL)
				current *= ordinal_scale_value[v];
			else if (k == start && last == NONE && !ct_nword_is(ct_nwin_at(w, k - 1), "a") &&
				 !ct_nword_is(ct_nwin_at(w, k - 1), "an"))
				current = ordinal_scale_value[v];
			else
				break;
			f->flags |= FIG_ORDINAL;
			k++;
			break;
		}
		if (ct_nword_is(t, "dozen")) {
			if (last != SMALL)
				break;
			current *= 12;
			k++;
			break;
		}
		if ((sc = scale_of(t)) > 0) {
			if (last == NONE || last == SCALE)
				break;
			total += current * sc;
			current = 0;
			f->scale = sc;
			f->flags |= FIG_SCALED;
			last = SCALE;
			k++;
			continue;
		}
		if (ct_nword_is(t, "and") && last == HUNDRED) {
			n1 = ct_nwin_at(w, k + 1);
			if (word_index(n1, small_words) >= 1 || word_index(n1, tens_words) >= 0 ||
			    word_index(n1, ordinal_small) >= 1) {
				k++;
				last = NONE;   /* what follows adds to the hundreds */
				continue;
			}
		}
		break;
	}
	if (k == start || last == NONE) {
		if (!(f->flags & FIG_ORDINAL) || k == start)
			return 0;
	}
	f->value = total + current;
	f->next = k;
	return 1;
}

/* "1.2m people": m before a plural noun is a million, not metres. */
static int million_follows(struct ct_nwin *w, int k)
{
	char tmp[24];
	const struct ct_nword *t = ct_nwin_at(w, k);
	return t->kind == CT_NW_WORD && t->space_before && plural_noun(t->lower, tmp, sizeof(tmp));
}

/* A figure (currency sign, digits or words, scale) at relative position k. Returns 0 when
 * there is none. */
static int parse_figure(struct ct_nwin *w, int k, struct figure *f, char *currency, size_t cap)
{
	const struct ct_nword *t = ct_nwin_at(w, k), *n1;
	double sc;
	memset(f, 0, sizeof(*f));
	f->scale = 1;
	if (ct_nword_is(t, "us") && is_punct(ct_nwin_at(w, k + 1), '$') &&
	    !ct_nwin_at(w, k + 1)->space_before) {
		k++;
		t = ct_nwin_at(w, k);
	}
	if (t->kind == CT_NW_PUNCT && (t->ch == '$' || t->ch == CT_NW_EURO || t->ch == CT_NW_POUND)) {
		n1 = ct_nwin_at(w, k + 1);
		if (n1->kind != CT_NW_NUM || n1->space_before)
			return 0;
		copy_unit(currency, cap, t->ch == '$' ? "usd" : t->ch == CT_NW_EURO ? "eur" : "gbp");
		f->flags |= FIG_CURRENCY;
		k++;
		t = n1;
	}
	if (t->kind == CT_NW_WORD)
		return parse_words(w, k, f);
	if (t->kind != CT_NW_NUM)
		return 0;
	f->flags |= FIG_DIGITS;
	f->value = t->value;
	if (t->lower[0]) {
		const char *x = t->lower;
		if (is_ordinal_suffix(x) && t->decimals == 0 && t->commas == 0)
			f->flags |= FIG_ORDINAL;
		else if (!strcmp(x, "bn") || !strcmp(x, "b") || !strcmp(x, "tn") || !strcmp(x, "trn") ||
			 !strcmp(x, "k") || ((!strcmp(x, "m") || !strcmp(x, "mn") || !strcmp(x, "mln")) &&
					      ((f->flags & FIG_CURRENCY) || million_follows(w, k + 1))))
			f->scale = x[0] == 'b' ? 1e9 : x[0] == 't' ? 1e12 : x[0] == 'k' ? 1e3 : 1e6;
		else
			copy_unit(f->unit, sizeof(f->unit), x);
	}
	k++;
	if (f->scale == 1 && (sc = scale_of(ct_nwin_at(w, k))) > 0) {
		f->scale = sc;
		k++;
	}
	if (f->scale != 1) {
		f->value *= f->scale;
		/* 1.15 * 1e6 lands a hair off 1150000 */
		if (fabs(f->value - nearbyint(f->value)) < 1e-6 * f->scale)
			f->value = nearbyint(f->value);
		f->flags |= FIG_SCALED;
	}
	f->next = k;
	return 1;
}

static int starts_figure(struct ct_nwin *w, int k)
{
	const struct ct_nword *t = ct_nwin_at(w, k);
	if (t->kind == CT_NW_NUM)
		return 1;
	if (t->kind == CT_NW_PUNCT)
		return (t->ch == '$' || t->ch == CT_NW_EURO || t->ch == CT_NW_POUND) &&
		       ct_nwin_at(w, k + 1)->kind == CT_NW_NUM;
	if (t->kind != CT_NW_WORD)
		return 0;
	return word_index(t, small_words) >= 0 || word_index(t, tens_words) >= 0 ||
	       ct_nword_is(t, "a") || ct_nword_is(t, "half") || ct_nword_is(t, "us");
}

/* ---- units ---------------------------------------------------------------------------- */

static int ends_with(const char *s, size_t n, const char *suf)
{
	size_t m = strlen(suf);
	return n >= m && memcmp(s + n - m, suf, m) == 0;
}

static const char *const irregular[][2] = {
	{ "people", "people" }, { "children", "child" }, { "men", "man" }, { "women", "woman" },
	{ "feet", "foot" }, { "police", "police" }, { "teeth", "tooth" }, { "mice", "mouse" },
	{ "lives", "life" }, { "wives", "wife" }, { "cattle", "cattle" }, { "personnel", "personnel" },
	{ "staff", "staff" }, { "livestock", "livestock" }, { NULL, NULL }
};

/* 1 when the lower-case word looks like a plural noun; out receives the singular. */
static int plural_noun(const char *wd, char *out, size_t cap)
{
	size_t n = strlen(wd);
	int i;
	for (i = 0; irregular[i][0]; i++) {
		if (wd[0] == irregular[i][0][0] && ct_nstr_eq(wd, irregular[i][0])) {
			copy_unit(out, cap, irregular[i][1]);
			return 1;
		}
	}
	if (n < 3 || wd[n - 1] != 's' || ends_with(wd, n, "ss") || ends_with(wd, n, "us") ||
	    ends_with(wd, n, "is") || ends_with(wd, n, "'s") || ends_with(wd, n, "news") ||
	    ends_with(wd, n, "series") || ends_with(wd, n, "species"))
		return 0;
	if (n >= cap)
		n = cap - 1;
	memcpy(out, wd, n);
	out[n] = '\0';
	if (ends_with(out, n, "ies") && n > 4) {
		out[n - 3] = 'y';
		out[n - 2] = '\0';
	} else if (ends_with(out, n, "sses") || ends_with(out, n, "shes") ||
		   ends_with(out, n, "ches") || ends_with(out, n, "xes") || ends_with(out, n, "zes")) {
		out[n - 2] = '\0';
	} else {
		out[n - 1] = '\0';
	}
	return 1;
}

/* Singular form of any unit word ("points" -> "point", "km" -> "km"). */
static void singular(const char *wd, char *out, size_t cap)
{
	if (!plural_noun(wd, out, cap))
		copy_unit(out, cap, wd);
}

static int adjective_like(const char *wd)
{
	size_t n = strlen(wd);
	return ends_with(wd, n, "ed") || ends_with(wd, n, "ing") || ends_with(wd, n, "ly");
}

static int unit_word_ok(const struct ct_nword *t)
{
	if (t->kind != CT_NW_WORD || !t->space_before || t->len >= sizeof(t->lower))
		return 0;
	/* function words, number words and scales (t->lex is set: the word fits lower) */
	if (t->lex & CT_LEX_NUMSTOP)
		return 0;
	if (t->cap && (ct_month_word(t->lower) > 0 || ct_weekday_word(t->lower) >= 0))
		return 0;
	return 1;
}

/* The unit noun among the next three words from k; returns the relative index after it or k. */
static int find_unit_noun(struct ct_nwin *w, int k, int singular_value, char *unit, size_t cap)
{
	int i, last = -1;
	char tmp[24];
	for (i = 0; i < 3; i++) {
		const struct ct_nword *t = ct_nwin_at(w, k + i);
		if (!unit_word_ok(t))
			break;
		if (singular_value) {
			if (i == 0 && !adjective_like(t->lower)) {
				singular(t->lower, unit, cap);
				return k + 1;
			}
			if (adjective_like(t->lower))
				continue;
			singular(t->lower, unit, cap);
			return k + i + 1;
		}
		if (plural_noun(t->lower, tmp, sizeof(tmp))) {
			copy_unit(unit, cap, tmp);
			last = i;
		}
	}
	if (last >= 0)
		return k + last + 1;
	if (!singular_value) {
		const struct ct_nword *t = ct_nwin_at(w, k);
		if (unit_word_ok(t) && !adjective_like(t->lower)) {
			singular(t->lower, unit, cap);
			return k + 1;
		}
	}
	return k;
}

/* ---- the matcher ---------------------------------------------------------------------- */

/* Tokens to skip at the current position when it starts something that is not a number (a
 * time, a date part, a name like COVID-19), else 0. k is the figure's relative position. */
static int not_a_number(struct ct_nwin *w, int k)
{
	const struct ct_nword *t = ct_nwin_at(w, k), *n1 = ct_nwin_at(w, k + 1);
	const struct ct_nword *p1 = ct_nwin_at(w, k - 1), *p2 = ct_nwin_at(w, k - 2);
	if (t->kind != CT_NW_NUM)
		return 0;
	/* clock times: 4:40, 4:40 a.m., 10 p.m., 4pm */
	if (!strcmp(t->lower, "am") || !strcmp(t->lower, "pm"))
		return k + 1;
	if (is_punct(n1, ':') && !n1->space_before && ct_nwin_at(w, k + 2)->kind == CT_NW_NUM &&
	    !ct_nwin_at(w, k + 2)->space_before)
		return k + 3;
	if (ct_nword_is(n1, "a.m") || ct_nword_is(n1, "p.m") || ct_nword_is(n1, "am") ||
	    ct_nword_is(n1, "pm"))
		return k + 2;
	/* "10 o'clock", "5.50 o'clock" (a translation's hour and minutes): a time, dates.c */
	if (ct_nword_is(n1, "o'clock") && !t->lower[0] && !t->commas && t->value <= 24)
		return k + 2;
	/* ISO dates */
	if (is_plain_int(t) && t->intdigits == 4 && is_punct(n1, '-') && !n1->space_before &&
	    ct_nwin_at(w, k + 2)->kind == CT_NW_NUM && !ct_nwin_at(w, k + 2)->space_before &&
	    is_punct(ct_nwin_at(w, k + 3), '-') && !ct_nwin_at(w, k + 3)->space_before)
		return k + 5;
	/* decades: 1990s, 1990's, 20s */
	if (!strcmp(t->lower, "s") && t->decimals == 0 && t->commas == 0)
		return k + 1;
	if ((is_punct(n1, '\'') || is_punct(n1, CT_NW_OTHER)) && !n1->space_before &&
	    ct_nword_is(ct_nwin_at(w, k + 2), "s") && !ct_nwin_at(w, k + 2)->space_before)
		return k + 3;
	/* a figure glued to a name by a hyphen: COVID-19, F-16 */
	if (k == 0 && !t->space_before && is_punct(p1, CT_NW_DASH) && !p1->space_before &&
	    p2->kind == CT_NW_WORD)
		return k + 1;
	/* years after a date word or next to a month */
	if (is_year_number(t)) {
		int ctx = ct_dates_year_context(lower_or_empty(p1), lower_or_empty(p2)) ||
			  month_before(w, k) || is_month_token(n1);
		if (!ctx && is_punct(p1, CT_NW_DASH) && !p1->space_before && !t->space_before)
			ctx = ct_dates_year_context(lower_or_empty(p2), "");
		if (!ctx && is_punct(p1, ',') && ct_nwin_at(w, k - 2)->kind == CT_NW_NUM)
			ctx = month_before(w, k - 2);
		if (!ctx && is_punct(p1, ',') && is_month_token(p2))
			ctx = 1;
		if (!ctx)
			ctx = ct_dates_year_before_noun(p1, t, n1);   /* "a 2019 law" */
		if (!ctx)
			ctx = ct_dates_year_of_number(w, k);   /* "Resolution No. 14 of 2019" */
		if (ctx && !ct_dates_year_plausible(t, n1))
			ctx = 0;
		if (ctx) {
			/* and a year range right after it: 2020-21, 2007 to 2010, 2020 and 2022 */
			if ((is_joining_dash(n1, ct_nwin_at(w, k + 2)) || ct_nword_is(n1, "to") ||
			     ct_nword_is(n1, "and")) && is_plain_int(ct_nwin_at(w, k + 2)) &&
			    (ct_nwin_at(w, k + 2)->intdigits == 2 || is_year_number(ct_nwin_at(w, k + 2))))
				return k + 3;
			return k + 1;
		}
	}
	/* days next to a month: Oct. 13, 14 October, 13th of October, on the 13th */
	if (t->decimals == 0 && t->commas == 0 && t->value >= 1 && t->value <= 31 &&
	    (t->lower[0] == '\0' || is_ordinal_suffix(t->lower))) {
		if (month_before(w, k) || is_month_token(n1) ||
		    (ct_nword_is(n1, "of") && is_month_token(ct_nwin_at(w, k + 2))))
			return k + 1;
		/* "from 1. December": the day of a German or Nordic date, as dates.c reads it */
		if (!t->lower[0] && is_punct(n1, '.') && !n1->space_before && ct_nwin_at(w, k + 2)->space_before &&
		    full_month(ct_nwin_at(w, k + 2)))
			return k + 2;
		if (t->lower[0] && ct_nword_is(p1, "the")) {
			static const char *const on[] = {
				"on", "by", "since", "until", "till", "before", "after", "from", NULL
			};
			if (word_index(p2, on) >= 0)
				return k + 1;
		}
	}
	return 0;
}

/* "one" used as a pronoun: one of the, no one, the one, one another. */
/* "first" as an adverb, which ranks nothing: after a noun at the clause's end ("wants a hearing
 * on the costs first."), before an article ("wants first a hearing"), opening the sentence with a
 * comma ("First, the board ..."). After a verb of finishing it is a place ("finished first"). */
static int first_adverb(struct ct_nwin *w, int k)
{
	const struct ct_nword *p = ct_nwin_at(w, k - 1), *n = ct_nwin_at(w, k + 1);
	static const char *const places[] = { "finished", "finish", "finishes", "came", "come", "comes", "placed",
					      "ranked", "ranks", "ended", "was", "is", "be", "were", "are", NULL };
	const char *const *v;
	if (p->kind == CT_NW_WORD)
		for (v = places; *v; v++)
			if (ct_nword_is(p, *v))
				return 0;
	if (ct_nword_is(n, "a") || ct_nword_is(n, "an") || ct_nword_is(n, "the"))
		return p->kind == CT_NW_WORD && !ct_nword_is(p, "the");
	if (n->kind == CT_NW_PUNCT || n->kind == CT_NW_NONE)
		return p->kind != CT_NW_WORD || !ct_nword_is(p, "the");
	return 0;
}

static int pronoun_one(struct ct_nwin *w, int k)
{
	static const char *const after_pronoun[] = {
		"to", "that", "which", "who", "is", "was", "and", "or", "in", "of", "for", "at", "on", "with", NULL
	};
	static const char *const before[] = {
		"no", "the", "this", "that", "any", "every", "each", "which", "someone", NULL
	};
	static const char *const scales[] = {
		"hundred", "thousand", "million", "billion", "trillion", "hundredth", "thousandth",
		"millionth", "billionth", NULL
	};
	const struct ct_nword *t = ct_nwin_at(w, k), *n1 = ct_nwin_at(w, k + 1), *p1 = ct_nwin_at(w, k - 1);
	if (!ct_nword_is(t, "one") || word_index(n1, scales) >= 0)
		return 0;   /* "the one hundred and first meeting" counts */
	/* "... vote for one.": after a preposition, ending the sentence, it stands for a thing named
	 * before */
	if (n1->kind == CT_NW_PUNCT && (n1->ch == '.' || n1->ch == '!' || n1->ch == '?') &&
	    (ct_nword_is(p1, "for") || ct_nword_is(p1, "with") || ct_nword_is(p1, "into")))
		return 1;
	/* "the old one to cover", "a bigger one.": an adjective between a determiner and "one", then
	 * a stop or a function word. Below, "why did one need three months": one before another
	 * number word is the pronoun of a translation ("man"), not a count */
	if (ct_nword_is(n1, "in") && starts_figure(w, k + 2))
		return 0;   /* "one in four children": a ratio */
	if (p1->kind == CT_NW_WORD && !(p1->lex & (CT_LEX_NUMSTOP | CT_LEX_NUMWORD)) &&
	    (word_index(ct_nwin_at(w, k - 2), before) >= 0 || ct_nword_is(ct_nwin_at(w, k - 2), "a") ||
	     ct_nword_is(ct_nwin_at(w, k - 2), "an")) &&
	    (n1->kind == CT_NW_PUNCT || word_index(n1, after_pronoun) >= 0))
		return 1;
	return ct_nword_is(n1, "of") || ct_nword_is(n1, "another") || is_punct(n1, '\'') ||
	       word_index(p1, before) >= 0 ||
	       /* not "one three-year contract" */
	       (n1->kind == CT_NW_WORD && n1->space_before && word_index(n1, small_words) >= 2 &&
		!is_joining_dash(ct_nwin_at(w, k + 2), ct_nwin_at(w, k + 3)));
}

static int unit_lookup_time(const char *u)
{
	static const char *const t[] = {
		"second", "minute", "hour", "day", "week", "month", "year", "decade", "century", NULL
	};
	int i;
	for (i = 0; t[i]; i++)
		if (!strcmp(u, t[i]))
			return 1;
	return 0;
}

/* Tries to read a number at the current token. Returns the tokens consumed (>0) and fills out
 * (*emit = 1), or tokens to skip with *emit = 0, or 0 for "nothing here". */
static int match_number(struct ct_nwin *w, struct ct_number *out, int *emit)
{
	static const char *const lasting[] = { "for", "wait", "waits", "waited", "take", "takes", "took", "taken",
					       "last", "lasts", "lasted", "spend", "spends", "spent", "serve", "served", NULL };
	const struct ct_nword *t0 = ct_nwin_at(w, 0), *t;
	struct figure f, h;
	char currency[8] = "", hcur[8] = "";
	int k = 0, i, between = 0, skip, end_k;
	const char *approx = NULL;
	size_t start = t0->start;

	*emit = 0;
	if (t0->kind == CT_NW_WORD) {
		for (i = 0; approx_phrases[i].w1; i++) {
			const struct approx_phrase *a = &approx_phrases[i];
			int n;
			/* t0 is a word: its first letter rules out most phrases before any more */
			if (a->w1[0] != t0->lower[0] || !ct_nstr_eq(t0->lower, a->w1) ||
			    (a->w2 && !ct_nword_is(ct_nwin_at(w, 1), a->w2)) ||
			    (a->w3 && !ct_nword_is(ct_nwin_at(w, 2), a->w3)))
				continue;
			n = a->w3 ? 3 : a->w2 ? 2 : 1;
			/* "for at least the next 10 days", "up to the first 40 metres": a phrase of two
			 * words or more still hedges the figure (a single word does not: "over the past
			 * 10 years" is a span of time) */
			if (n >= 2 && ct_nword_is(ct_nwin_at(w, n), "the") &&
			    (ct_nword_is(ct_nwin_at(w, n + 1), "next") || ct_nword_is(ct_nwin_at(w, n + 1), "first") ||
			     ct_nword_is(ct_nwin_at(w, n + 1), "last") || ct_nword_is(ct_nwin_at(w, n + 1), "past")) &&
			    starts_figure(w, n + 2) && !ct_nword_is(ct_nwin_at(w, n + 2), "a"))
				n += 2;
			/* a translation's "at least the half of the cut" ("die Hälfte") */
			else if (n >= 2 && ct_nword_is(ct_nwin_at(w, n), "the") && ct_nword_is(ct_nwin_at(w, n + 1), "half") &&
				 ct_nword_is(ct_nwin_at(w, n + 2), "of"))
				n += 1;
			if (!starts_figure(w, n))
				break;
			approx = a->name;
			/* no more than 40 = at most; no fewer than / no less than 40 = at least */
			if (ct_nword_is(ct_nwin_at(w, -1), "no") && n == 2 && a->w2 &&
			    !strcmp(a->w2, "than")) {
				approx = a->w1[0] == 'm' ? "at most" : "at least";
				start = ct_nwin_at(w, -1)->start;
			}
			k = n;
			break;
		}
		if (!approx && ct_nword_is(t0, "between") && starts_figure(w, 1)) {
			between = 1;
			k = 1;
		}
	}
	if (k == 0 && ct_nword_is(t0, "no") && is_punct(ct_nwin_at(w, 1), '.') &&
	    !ct_nwin_at(w, 1)->space_before && ct_nwin_at(w, 2)->kind == CT_NW_NUM) {
		t = ct_nwin_at(w, 2);
		memset(out, 0, sizeof(*out));
		out->start = t0->start;
		out->end = t->digits_end;
		out->value = out->high = t->value;
		copy_unit(out->unit, sizeof(out->unit), "no");
		*emit = 1;
		return 3;
	}
	if ((skip = not_a_number(w, k)) > 0)
		return skip;
	if (pronoun_one(w, k))
		return k + 1;
	if (!parse_figure(w, k, &f, currency, sizeof(currency)))
		return 0;
	/* "second" after a figure is a unit, handled there; "at first" is an adverb */
	if ((f.flags & FIG_ORDINAL) && (f.flags & FIG_WORDS) && ct_nword_is(ct_nwin_at(w, k), "first") &&
	    (ct_nword_is(ct_nwin_at(w, k - 1), "at") || first_adverb(w, k)))
		return k + 1;

	memset(out, 0, sizeof(*out));
	out->start = start;
	out->value = f.value;
	out->high = f.value;
	out->approx = approx;
	out->ordinal = (f.flags & FIG_ORDINAL) != 0;
	if (out->ordinal) {
		/* before a word that is no function word, or before a number word, it ranks that word
		 * ("the third quarter", "its first distress call", "the first six cranes", "first
		 * appeared"); alone it is a rank itself ("finished thirtieth in the race") */
		t = ct_nwin_at(w, f.next);
		out->modifier = (t->kind == CT_NW_WORD && t->space_before &&
				 (!(t->lex & CT_LEX_NUMSTOP) || (t->lex & CT_LEX_NUMANCHOR))) ||
				/* "a third-party claim", "the second-largest bank" */
				(is_joining_dash(t, ct_nwin_at(w, f.next + 1)) && !t->endash &&
				 ct_nwin_at(w, f.next + 1)->kind == CT_NW_WORD) ||
				/* "the first of its kind", "the second of them": a place among them */
				(ct_nword_is(t, "of") && ct_nword_is(ct_nwin_at(w, k - 1), "the")) ||
				/* "the first $150 million", "the first 150 million dollars": it ranks the sum */
				(ct_nword_is(ct_nwin_at(w, k - 1), "the") &&
				 (t->kind == CT_NW_NUM || (t->kind == CT_NW_PUNCT && (t->ch == '$' || t->ch == CT_NW_EURO || t->ch == CT_NW_POUND))));
	}
	if (f.unit[0])
		singular(f.unit, out->unit, sizeof(out->unit));
	k = f.next;
	end_k = k;

	/* percent written straight after the low end of a range: 30%-40% */
	if (is_punct(ct_nwin_at(w, k), '%')) {
		copy_unit(out->unit, sizeof(out->unit), "percent");
		k++;
		end_k = k;
	}

	/* ranges */
	if (!out->ordinal) {
		int hk = -1;
		const struct ct_nword *p = ct_nwin_at(w, k);
		if (between) {
			if (ct_nword_is(p, "and"))
				hk = k + 1;
		} else if ((f.flags & FIG_DIGITS) && is_joining_dash(p, ct_nwin_at(w, k + 1)) &&
			   (ct_nwin_at(w, k + 1)->kind == CT_NW_NUM ||
			    is_punct(ct_nwin_at(w, k + 1), '$') || is_punct(ct_nwin_at(w, k + 1), CT_NW_EURO) ||
			    is_punct(ct_nwin_at(w, k + 1), CT_NW_POUND))) {
			hk = k + 1;
		} else if (ct_nword_is(p, "to") && !ct_nword_is(ct_nwin_at(w, -1), "from") &&
			   starts_figure(w, k + 1)) {
			hk = k + 1;
		}
		if (hk > 0 && parse_figure(w, hk, &h, hcur, sizeof(hcur)) &&
		    !(h.flags & FIG_ORDINAL) &&
		    ((h.flags & FIG_DIGITS) == (f.flags & FIG_DIGITS) || between)) {
			double lo = f.value, hi = h.value;
			if (!(f.flags & FIG_SCALED) && (h.flags & FIG_SCALED))
				lo *= h.scale;
			if (between && is_year_number(ct_nwin_at(w, 1)) && is_year_number(ct_nwin_at(w, hk)))
				return h.next;   /* between 2020 and 2022: dates */
			if (hi < lo && is_punct(p, CT_NW_DASH)) {
				/* "voted 9-0", "a 5-2 vote": a tally, two counts (the next call takes the
				 * second); else a score (3-1), not a quantity */
				if (ct_nword_is(ct_nwin_at(w, -1), "voted") || ct_nword_is(ct_nwin_at(w, -1), "vote") ||
				    ct_nword_is(ct_nwin_at(w, h.next), "vote")) {
					out->end = ct_nwin_at(w, k - 1)->end;
					*emit = 1;
					return k + 1;
				}
				return h.next;
			}
			if (hi >= lo) {
				out->value = lo;
				out->high = hi;
				if (!currency[0] && hcur[0])
					copy_unit(currency, sizeof(currency), hcur);
				if (!out->unit[0] && h.unit[0])
					singular(h.unit, out->unit, sizeof(out->unit));
				k = h.next;
				end_k = k;
			}
		}
	}

	/* percentages and points */
	t = ct_nwin_at(w, k);
	if (is_punct(t, '%')) {
		copy_unit(out->unit, sizeof(out->unit), "percent");
		end_k = ++k;
	} else if (ct_nword_is(t, "percent") || ct_nword_is(t, "pct")) {
		copy_unit(out->unit, sizeof(out->unit), "percent");
		end_k = ++k;
	} else if (ct_nword_is(t, "per") && ct_nword_is(ct_nwin_at(w, k + 1), "cent")) {
		copy_unit(out->unit, sizeof(out->unit), "percent");
		k += 2;
		end_k = k;
	} else if (ct_nword_is(t, "percentage") && (ct_nword_is(ct_nwin_at(w, k + 1), "points") ||
						    ct_nword_is(ct_nwin_at(w, k + 1), "point"))) {
		copy_unit(out->unit, sizeof(out->unit), "point");
		k += 2;
		end_k = k;
	} else if (is_joining_dash(t, ct_nwin_at(w, k + 1)) && !t->endash &&
		   ct_nwin_at(w, k + 1)->kind == CT_NW_WORD && !ct_nwin_at(w, k + 1)->space_before &&
		   ct_nwin_at(w, k + 1)->len < sizeof(t->lower) &&
		   word_index(ct_nwin_at(w, k + 1), small_words) < 0 &&
		   word_index(ct_nwin_at(w, k + 1), tens_words) < 0) {
		/* hyphenated unit: 20-point, 24-hour, 12-year-old */
		singular(ct_nwin_at(w, k + 1)->lower, out->unit, sizeof(out->unit));
		k += 2;
		if (is_joining_dash(ct_nwin_at(w, k), ct_nwin_at(w, k + 1)) &&
		    ct_nword_is(ct_nwin_at(w, k + 1), "old"))
			k += 2;
		end_k = k;
	}

	if (currency[0] && !out->unit[0]) {
		copy_unit(out->unit, sizeof(out->unit), currency);
	} else if ((f.flags & FIG_FRACTION) && !out->unit[0] && ct_nword_is(ct_nwin_at(w, k), "of") &&
		   (ct_nword_is(ct_nwin_at(w, k + 1), "a") || ct_nword_is(ct_nwin_at(w, k + 1), "an")) &&
		   unit_word_ok(ct_nwin_at(w, k + 2))) {
		/* "a quarter of an hour", "two-thirds of a mile": a share of that unit */
		singular(ct_nwin_at(w, k + 2)->lower, out->unit, sizeof(out->unit));
		k += 3;
		end_k = k;
	} else if (!out->unit[0]) {
		t = ct_nwin_at(w, k);
		if (ct_nword_is(t, "dollars") || ct_nword_is(t, "dollar")) {
			copy_unit(out->unit, sizeof(out->unit), "usd");
			end_k = ++k;
		} else if (ct_nword_is(t, "euros") || ct_nword_is(t, "euro")) {
			copy_unit(out->unit, sizeof(out->unit), "eur");
			end_k = ++k;
		} else {
			int single = out->value == 1 && out->high == 1 && !out->ordinal;
			int nk = find_unit_noun(w, k, single || out->ordinal, out->unit,
						sizeof(out->unit));
			if (nk > k)
				end_k = k = nk;
			/* three days ago is a date (dates.c), not a quantity */
			if (ct_nword_is(ct_nwin_at(w, k), "ago") && unit_lookup_time(out->unit))
				return k + 1;
		}
	}
	/* "over three seasons", "over two years": a span of time, not a figure hedged */
	if (approx && !strcmp(approx, "over") && !ct_nword_is(ct_nwin_at(w, -1), "just") &&
	    /* "for over eight hours", "wait over two years": more than */
	    word_index(ct_nwin_at(w, -1), lasting) < 0 &&
	    (unit_lookup_time(out->unit) || !strcmp(out->unit, "season") || !strcmp(out->unit, "term"))) {
		out->approx = NULL;
		out->start = ct_nwin_at(w, 1)->start;
	}
	out->end = ct_nwin_at(w, end_k - 1)->end;
	*emit = 1;
	return end_k;
}

/* Whether match_number can find anything at t: a figure, a currency sign, or a word of
 * CT_LEX_NUMSTART (every other token gives "nothing here", so it is skipped untried). */
static int may_start_number(const struct ct_nword *t)
{
	if (t->kind == CT_NW_NUM)
		return 1;
	if (t->kind == CT_NW_WORD)
		return (t->lex & CT_LEX_NUMSTART) != 0;
	return t->kind == CT_NW_PUNCT && (t->ch == '$' || t->ch == CT_NW_EURO || t->ch == CT_NW_POUND);
}

/* How far after its first token a number expression has its figure: "as many as 40",
 * "no more than" read at "more", "us $4", "half a dozen". */
#define NUM_ANCHOR_REACH 6

int ct_numbers_scan_win(struct ct_nwin *w, ct_number_cb cb, void *payload)
{
	struct ct_number n;
	struct ct_nanchor anchor = { 0, 0, 0 };
	const struct ct_nword *t;
	int emit, used, rc;
	while ((t = ct_nwin_at(w, 0))->kind != CT_NW_NONE) {
		if (!may_start_number(t) || !ct_nanchor_near(&anchor, w, CT_LEX_NUMANCHOR, NUM_ANCHOR_REACH)) {
			ct_nwin_advance(w, 1);
			continue;
		}
		used = match_number(w, &n, &emit);
		if (emit && (rc = cb(&n, payload)) != 0)
			return rc;
		ct_nwin_advance(w, used > 0 ? (size_t)used : 1);
	}
	return 0;
}

int ct_numbers_scan(const char *s, size_t len, ct_number_cb cb, void *payload)
{
	struct ct_nwin w;
	if (!s)
		return 0;
	ct_nwin_init(&w, s, len);
	return ct_numbers_scan_win(&w, cb, payload);
}

/* ---- compatibility -------------------------------------------------------------------- */

struct unit_def {
	const char *name;
	int dim;               /* 0 same-name only; 1 length, 2 mass, 3 time; 10+ aliases */
	double factor;
	const char *canon;
};

static const struct unit_def units[] = {
	{ "m", 1, 1, NULL }, { "metre", 1, 1, NULL }, { "meter", 1, 1, NULL },
	{ "km", 1, 1000, NULL }, { "kilometre", 1, 1000, NULL }, { "kilometer", 1, 1000, NULL },
	{ "cm", 1, 0.01, NULL }, { "centimetre", 1, 0.01, NULL }, { "centimeter", 1, 0.01, NULL },
	{ "mm", 1, 0.001, NULL }, { "millimetre", 1, 0.001, NULL }, { "millimeter", 1, 0.001, NULL },
	{ "mile", 1, 1609.344, NULL }, { "mi", 1, 1609.344, NULL }, { "foot", 1, 0.3048, NULL },
	{ "ft", 1, 0.3048, NULL }, { "yard", 1, 0.9144, NULL }, { "inch", 1, 0.0254, NULL },
	{ "kg", 2, 1, NULL }, { "kilogram", 2, 1, NULL }, { "kilo", 2, 1, NULL },
	{ "g", 2, 0.001, NULL }, { "gram", 2, 0.001, NULL }, { "tonne", 2, 1000, NULL },
	{ "ton", 2, 907.18474, NULL }, { "lb", 2, 0.45359237, NULL },
	{ "second", 3, 1, NULL }, { "minute", 3, 60, NULL }, { "hour", 3, 3600, NULL },
	{ "day", 3, 86400, NULL }, { "week", 3, 604800, NULL }, { "month", 3, 2629746, NULL },
	{ "year", 3, 31556952, NULL }, { "decade", 3, 315569520, NULL },
	{ "percent", 0, 1, "percent" }, { "%", 0, 1, "percent" }, { "pct", 0, 1, "percent" },
	{ "person", 0, 1, "people" }, { "dollar", 0, 1, "usd" }, { "euro", 0, 1, "eur" },
	{ "sterling", 0, 1, "gbp" }, { "us$", 0, 1, "usd" },
	{ NULL, 0, 0, NULL }
};

static const struct unit_def *unit_lookup(const char *u)
{
	int i;
	for (i = 0; units[i].name; i++)
		if (!strcmp(units[i].name, u))
			return &units[i];
	return NULL;
}

struct interval {
	double lo, hi;
	int lo_open, hi_open;
};

/* Half a rounding step for large round figures (see the header). */
static double rounding_half_step(double v)
{
	double a = nearbyint(fabs(v)), step = 1;
	if (a < 100000 || a > 1e18)
		return 0;
	while (step * 10 <= a / 10 && fmod(a, step * 10) == 0)
		step *= 10;
	return step > 1 ? step / 2 : 0;
}

static struct interval widen(const struct ct_number *n, double factor)
{
	struct interval r;
	double v = n->value * factor, h = (n->high > n->value ? n->high : n->value) * factor;
	double hs = rounding_half_step(n->value) * factor;
	const char *a = n->approx;
	r.lo = v - hs;
	r.hi = h + (n->high > n->value ? rounding_half_step(n->high) * factor : hs);
	r.lo_open = 0;
	r.hi_open = hs > 0;
	if (!a)
		return r;
	if (!strcmp(a, "about") || !strcmp(a, "around") || !strcmp(a, "roughly") || !strcmp(a, "circa") ||
	    !strcmp(a, "some") || !strcmp(a, "approximately") || !strcmp(a, "an estimated")) {
		r.lo = 0.9 * v;
		r.hi = 1.1 * h;
		r.hi_open = 0;
	} else if (!strcmp(a, "nearly") || !strcmp(a, "almost") || !strcmp(a, "just under")) {
		r.lo = 0.9 * v;
		r.hi = h;
		r.hi_open = 0;
	} else if (!strcmp(a, "more than") || !strcmp(a, "over")) {
		r.lo = h;
		r.lo_open = 1;
		r.hi = INFINITY;
	} else if (!strcmp(a, "just over")) {
		r.lo = h;
		r.lo_open = 1;
		r.hi = 1.1 * h;
		r.hi_open = 0;
	} else if (!strcmp(a, "at least")) {
		r.lo = v;
		r.hi = INFINITY;
	} else if (!strcmp(a, "less than") || !strcmp(a, "fewer than") || !strcmp(a, "under")) {
		r.lo = -INFINITY;
		r.hi = v;
		r.hi_open = 1;
	} else if (!strcmp(a, "up to") || !strcmp(a, "at most") || !strcmp(a, "within")) {
		r.lo = -INFINITY;
		r.hi = h;
		r.hi_open = 0;
	}
	return r;
}

static int overlap(struct interval a, struct interval b)
{
	/* intersect; touching ends overlap only when both are closed */
	double lo = a.lo > b.lo ? a.lo : b.lo, hi = a.hi < b.hi ? a.hi : b.hi;
	int lo_open = a.lo > b.lo ? a.lo_open : a.lo < b.lo ? b.lo_open : (a.lo_open || b.lo_open);
	int hi_open = a.hi < b.hi ? a.hi_open : a.hi > b.hi ? b.hi_open : (a.hi_open || b.hi_open);
	if (lo < hi)
		return 1;
	return lo == hi && !lo_open && !hi_open;
}

int ct_numbers_compatible(const struct ct_number *a, const struct ct_number *b)
{
	const struct unit_def *ua, *ub;
	const char *na, *nb;
	double fa = 1, fb = 1;
	struct interval ia, ib;
	if (!a || !b || a->ordinal != b->ordinal)
		return -1;
	if (a->unit[0] && b->unit[0] && strcmp(a->unit, b->unit) != 0) {
		ua = unit_lookup(a->unit);
		ub = unit_lookup(b->unit);
		na = ua && ua->canon ? ua->canon : a->unit;
		nb = ub && ub->canon ? ub->canon : b->unit;
		if (ua && ub && ua->dim > 0 && ua->dim == ub->dim) {
			fa = ua->factor;
			fb = ub->factor;
		} else if (strcmp(na, nb) != 0) {
			return -1;
		}
	}
	if (a->ordinal)
		return a->value == b->value && a->high == b->high;
	ia = widen(a, fa);
	ib = widen(b, fb);
	if (fa != fb) {
		/* conversions are rounded by the writer */
		ia.lo -= fabs(ia.lo) * 0.03;
		ia.hi += fabs(ia.hi) * 0.03;
	}
	return overlap(ia, ib);
}
