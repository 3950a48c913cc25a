/* Tokeniser shared by the extractor's recognisers: one pass, no allocation.
 * Treats UTF-8 letters as letters and curly quotes and dashes as punctuation. */
#include "extract/tokens.h"

#include "extract/lexicon.h"

#include <stdint.h>
#include <string.h>

/* Length of the UTF-8 sequence starting at p (1 for invalid bytes). */
static size_t u8len(const unsigned char *p, size_t left)
{
	size_t n = *p < 0x80 ? 1 : *p < 0xe0 ? 2 : *p < 0xf0 ? 3 : 4;
	return n > left ? left : n;
}

static int is_ascii_alpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Punctuation we know by its UTF-8 bytes: curly quotes and guillemets, dashes, ellipsis, nbsp. */
static int special_punct(const unsigned char *p, size_t left, size_t *n, unsigned *flags)
{
	if (left >= 3 && p[0] == 0xe2 && p[1] == 0x80) {
		*n = 3;
		switch (p[2]) {
		case 0x9c: *flags = CT_TOK_PUNCT | CT_TOK_QUOTE_OPEN; return 1;    /* “ */
		case 0x9d: *flags = CT_TOK_PUNCT | CT_TOK_QUOTE_CLOSE; return 1;   /* ” */
		case 0x98: *flags = CT_TOK_PUNCT | CT_TOK_QUOTE_OPEN; return 1;    /* ‘ */
		case 0x9e: *flags = CT_TOK_PUNCT | CT_TOK_QUOTE_OPEN; return 1;    /* „ */
		case 0x93: case 0x94: case 0xa6: *flags = CT_TOK_PUNCT; return 1;  /* – — … */
		case 0x99: *flags = CT_TOK_PUNCT | CT_TOK_QUOTE_CLOSE; return 1;   /* ’ standing alone */
		default: return 0;
		}
	}
	if (left >= 2 && p[0] == 0xc2 && p[1] == 0xa0) {   /* no-break space */
		*n = 2;
		*flags = 0;
		return 1;
	}
	if (left >= 2 && p[0] == 0xc2 && (p[1] == 0xab || p[1] == 0xbb)) {   /* « » (translations) */
		*n = 2;
		*flags = CT_TOK_PUNCT | (p[1] == 0xab ? CT_TOK_QUOTE_OPEN : CT_TOK_QUOTE_CLOSE);
		return 1;
	}
	return 0;
}

/* The length of a currency sign the tokeniser reads as part of a word at p (£ ¥ €), else 0. */
static size_t currency_sign(const unsigned char *p, size_t left)
{
	if (left >= 2 && p[0] == 0xc2 && (p[1] == 0xa3 || p[1] == 0xa5))
		return 2;
	if (left >= 3 && p[0] == 0xe2 && p[1] == 0x82 && p[2] == 0xac)
		return 3;
	return 0;
}

/* Words that keep a following period (titles, months, company forms), by first letter: most
 * words before a period (sentence ends) start with a letter that has none, and the others are
 * held against a handful. */
static int is_abbrev(const char *w, size_t n)
{
	static const char *const abbr[128] = {
		['A'] = "Adm Apr Aug", ['B'] = "Brig", ['C'] = "Col Capt Cmdr Co Corp Cpl Const Cllr",
		['D'] = "Dr Dec Dept Det", ['F'] = "Feb Ft", ['G'] = "Gen Gov", ['H'] = "Hon",
		['I'] = "Inc Insp", ['J'] = "Jr Jan Jun Jul", ['L'] = "Lt Ltd",
		['M'] = "Mr Mrs Ms Maj Mar Mt", ['N'] = "No Nos Nov", ['O'] = "Oct",
		['P'] = "Prof Pres", ['R'] = "Rep Rev", ['S'] = "Sgt Sen St Sr Sep Sept Supt",
		['U'] = "Univ", ['a'] = "approx", ['e'] = "etc est", ['v'] = "vs",
	};
	const char *p;
	if (n < 2 || n > 6 || (unsigned char)w[0] >= 128 || !(p = abbr[(unsigned char)w[0]]))
		return 0;
	for (;;) {
		size_t k = strcspn(p, " ");
		if (k == n && !memcmp(p, w, n))
			return 1;
		if (!p[k])
			return 0;
		p += k + 1;
	}
}

/* Which bytes may go on a word: 1 for ASCII letters and digits and for every byte >= 0x80
 * except the lead bytes of special_punct's sequences, 2 for those (0xC2, 0xE2), which need a
 * look at the bytes after them. */
static const unsigned char word_class[256] = {
	['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1, ['6'] = 1, ['7'] = 1,
	['8'] = 1, ['9'] = 1,
	['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1, ['G'] = 1, ['H'] = 1,
	['I'] = 1, ['J'] = 1, ['K'] = 1, ['L'] = 1, ['M'] = 1, ['N'] = 1, ['O'] = 1, ['P'] = 1,
	['Q'] = 1, ['R'] = 1, ['S'] = 1, ['T'] = 1, ['U'] = 1, ['V'] = 1, ['W'] = 1, ['X'] = 1,
	['Y'] = 1, ['Z'] = 1,
	['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1, ['g'] = 1, ['h'] = 1,
	['i'] = 1, ['j'] = 1, ['k'] = 1, ['l'] = 1, ['m'] = 1, ['n'] = 1, ['o'] = 1, ['p'] = 1,
	['q'] = 1, ['r'] = 1, ['s'] = 1, ['t'] = 1, ['u'] = 1, ['v'] = 1, ['w'] = 1, ['x'] = 1,
	['y'] = 1, ['z'] = 1,
	[0x80] = 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1,                                           /* 0x80..0xBF */
	[0xC0] = 1, 1, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1,                                                 /* 0xC0..0xDF, 0xC2: 2 */
	[0xE0] = 1, 1, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,       /* 0xE0..0xEF, 0xE2: 2 */
	[0xF0] = 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
};

/* ASCII letters and digits. */
static const unsigned char ascii_alnum[256] = {
	['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1, ['6'] = 1, ['7'] = 1,
	['8'] = 1, ['9'] = 1,
	['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1, ['G'] = 1, ['H'] = 1,
	['I'] = 1, ['J'] = 1, ['K'] = 1, ['L'] = 1, ['M'] = 1, ['N'] = 1, ['O'] = 1, ['P'] = 1,
	['Q'] = 1, ['R'] = 1, ['S'] = 1, ['T'] = 1, ['U'] = 1, ['V'] = 1, ['W'] = 1, ['X'] = 1,
	['Y'] = 1, ['Z'] = 1,
	['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1, ['g'] = 1, ['h'] = 1,
	['i'] = 1, ['j'] = 1, ['k'] = 1, ['l'] = 1, ['m'] = 1, ['n'] = 1, ['o'] = 1, ['p'] = 1,
	['q'] = 1, ['r'] = 1, ['s'] = 1, ['t'] = 1, ['u'] = 1, ['v'] = 1, ['w'] = 1, ['x'] = 1,
	['y'] = 1, ['z'] = 1,
};

#define ONES UINT64_C(0x0101010101010101)
#define HIGHS UINT64_C(0x8080808080808080)

/* The high bit of each byte of x (each below 0x80) set when the byte is in [lo, hi]. */
static inline uint64_t in_range(uint64_t x, unsigned char lo, unsigned char hi)
{
	return (x + ONES * (unsigned char)(0x80 - lo)) & ~(x + ONES * (unsigned char)(0x7f - hi)) & HIGHS;
}

/* ASCII lower-cased (A-Z to a-z, every other byte as it is), and the case of a letter: 1 lower,
 * 2 upper, 0 not an ASCII letter. Filled on first use, like the lexicon. */
static unsigned char fold_ascii[256], case_of[256];
static int tables_ready;

static void tables_build(void)
{
	int c;
	for (c = 0; c < 256; c++) {
		fold_ascii[c] = (unsigned char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
		case_of[c] = (unsigned char)(c >= 'a' && c <= 'z' ? 1 : c >= 'A' && c <= 'Z' ? 2 : 0);
	}
	tables_ready = 1;
}

static inline int word_byte(const unsigned char *p, size_t left)
{
	size_t n;
	unsigned f;
	unsigned char c = word_class[*p];
	if (c != 2)
		return c;
	return !special_punct(p, left, &n, &f);
}

void ct_tokens_prepare(void)
{
	if (!tables_ready)
		tables_build();
	ct_lexicon_build();
}

_Static_assert(sizeof(((struct ct_tokens *)0)->key[0]) == CT_LEX_KEY, "a token's key row is a lexicon key");

void ct_tokenize(struct ct_tokens *tk, const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;
	if (!tables_ready)
		tables_build();
	tk->s = str;
	tk->len = len;
	tk->n = 0;
	while (i < len && tk->n < CT_TOK_MAX) {
		struct ct_token *t = &tk->t[tk->n];
		size_t n, run_end;
		unsigned f, lower, upper, figure;
		int ended = 0;
		union {
			char c[CT_LEX_KEY];
			uint64_t u[CT_LEX_KEY / 8];
		} key;
		if (s[i] == ' ' || s[i] == '\t' || s[i] == '\n') {
			i++;
			continue;
		}
		if ((s[i] == 0xe2 || s[i] == 0xc2) && special_punct(s + i, len - i, &n, &f)) {
			/* “ right after a word or a mark and before a space, a mark or the end closes:
			 * the German „...“ of translations (an English “ opens before a word) */
			if (n == 3 && s[i + 2] == 0x9c && i > 0 && s[i - 1] != ' ' && s[i - 1] != '\n' &&
			    s[i - 1] != '\t' && s[i - 1] != '(' && s[i - 1] != '[' &&
			    (i + 3 >= len || (s[i + 3] < 0x80 && !ascii_alnum[s[i + 3]]) ||
			     (s[i + 3] == 0xe2 && i + 5 < len && s[i + 4] == 0x80 && s[i + 5] >= 0x93 && s[i + 5] <= 0x94)))
				f = CT_TOK_PUNCT | CT_TOK_QUOTE_CLOSE;
			if (f) {
				t->start = (unsigned)i;
				t->end = (unsigned)(i + n);
				t->flags = f;
				t->lex = t->hash = 0;
				tk->n++;
			}
			i += n;
			continue;
		}
		if (!word_byte(s + i, len - i)) {
			t->start = (unsigned)i;
			t->end = (unsigned)(i + 1);
			t->flags = CT_TOK_PUNCT | (s[i] == '-' ? CT_TOK_HYPHEN : 0);
			t->lex = t->hash = 0;
			if (s[i] == '"') {
				/* A straight quote opens after a space or at the start, else closes. */
				int opens = i == 0 || s[i - 1] == ' ' || s[i - 1] == '(' || s[i - 1] == '\n';
				t->flags |= opens ? CT_TOK_QUOTE_OPEN : CT_TOK_QUOTE_CLOSE;
			}
			tk->n++;
			i++;
			continue;
		}
		t->start = (unsigned)i;
		t->flags = 0;
		if (s[i] >= 'A' && s[i] <= 'Z')
			t->flags |= CT_TOK_CAP;
		else if (s[i] >= '0' && s[i] <= '9')
			t->flags |= CT_TOK_DIGIT;
		else if (s[i] >= 0xc3 && s[i] <= 0xc3 && i + 1 < len && s[i + 1] >= 0x80 && s[i + 1] <= 0x9e)
			t->flags |= CT_TOK_CAP;    /* Latin-1 capitals À..Þ */
		/* A figure keeps its separators ("3.5", "1,200", "6:15"), and so does one after a
		 * currency sign read as part of the word ("£4.80", "€1,200"). */
		figure = t->flags & CT_TOK_DIGIT;
		if (s[i] >= 0xc2 && (n = currency_sign(s + i, len - i)) && i + n < len && s[i + n] >= '0' && s[i + n] <= '9')
			figure = CT_TOK_DIGIT;
		/* The first run of ASCII letters and digits, folded into the lexicon key and its
		 * capitals counted as it is read: most words are that run alone, and need no second
		 * loop over their bytes below. */
		key.u[0] = key.u[1] = key.u[2] = 0;
		lower = upper = 0;
		/* Eight bytes at a time while eight are left: where the run ends is found without a
		 * branch per byte, whose mispredicted exit cost more than the rest of the word. */
		while (i + 8 <= len) {
			uint64_t x, x7, up, lo, al, stop, mask;
			unsigned r;
			memcpy(&x, s + i, 8);
			x7 = x & ~HIGHS;   /* seven bits, so no byte carries into the next below */
			up = in_range(x7, 'A', 'Z') & ~x;
			lo = in_range(x7, 'a', 'z') & ~x;
			al = up | lo | (in_range(x7, '0', '9') & ~x);
			stop = ~al & HIGHS;
			r = stop ? (unsigned)__builtin_ctzll(stop) >> 3 : 8;   /* run bytes here */
			mask = r == 8 ? ~UINT64_C(0) : (UINT64_C(1) << (8 * r)) - 1;
			/* counted only as far as the all-capitals test reads them: upper 0, 1 or 2 and
			 * more, lower 0 or more */
			up &= mask;
			upper += (up != 0) + ((up & (up - 1)) != 0);
			lower += (lo & mask) != 0;
			if (i - t->start < CT_LEX_KEY)   /* 0, 8 or 16: whole blocks until the run ends */
				key.u[(i - t->start) / 8] = (x | (up >> 2)) & mask;   /* A-Z + 0x20 */
			i += r;
			if (r < 8) {
				ended = 1;
				break;
			}
		}
		while (!ended && i < len && ascii_alnum[s[i]]) {
			unsigned char c = s[i];
			lower += case_of[c] & 1;
			upper += case_of[c] >> 1;
			if (i - t->start < CT_LEX_KEY - 1)
				key.c[i - t->start] = (char)fold_ascii[c];
			i++;
		}
		run_end = i;
		/* most words end at a space: nothing below can take it into the word */
		while (i < len && s[i] != ' ') {
			while (i < len && ascii_alnum[s[i]])
				i++;   /* the common case: a run of ASCII letters and digits */
			if (i >= len)
				break;
			if (word_byte(s + i, len - i)) {
				/* a sequence of non-ASCII bytes; an ill-formed one may hide a '-' */
				size_t k, n = u8len(s + i, len - i);
				for (k = 1; k < n; k++)
					if (s[i + k] == '-')
						t->flags |= CT_TOK_HYPHEN;
				i += n;
				continue;
			}
			/* Inner apostrophes, hyphens, and digits' separators stay inside the word; an
			 * apostrophe as in a figure as after a letter ("1990's", as "1990’s" below). */
			if ((s[i] == '\'' || s[i] == '-' || ((s[i] == ',' || s[i] == '.' || s[i] == ':') && figure)) &&
			    i + 1 < len && word_byte(s + i + 1, len - i - 1) &&
			    (!figure || s[i] == '-' || s[i] == '\'' || (s[i + 1] >= '0' && s[i + 1] <= '9'))) {
				if (s[i] == '-')
					t->flags |= CT_TOK_HYPHEN;
				i++;
				continue;
			}
			if (i + 3 < len && s[i] == 0xe2 && s[i + 1] == 0x80 && s[i + 2] == 0x99 &&
			    word_byte(s + i + 3, len - i - 3)) {
				i += 3;  /* ’ inside a word: don’t, Alder’s */
				continue;
			}
			/* Abbreviations and initials keep their period: Mr. U.S. J. Oct. a.m. */
			if (s[i] == '.' && !figure) {
				size_t wl = i - t->start;
				int initial = wl == 1 && (t->flags & CT_TOK_CAP);
				int dotted = i + 2 < len && is_ascii_alpha(s[i + 1]) && s[i + 2] == '.' && wl == 1;
				if (initial || dotted || is_abbrev((const char *)s + t->start, wl)) {
					i++;
					t->flags |= CT_TOK_ABBR;
					/* U.S. / a.m.: take the following letter-period pairs too. */
					while (i + 1 < len && is_ascii_alpha(s[i]) && s[i + 1] == '.' &&
					       (i + 2 >= len || !is_ascii_alpha(s[i + 2])))
						i += 2;
				}
			}
			break;
		}
		t->end = (unsigned)i;
		if (i == run_end) {
			/* the word is the first run: key and counts are made (as below) */
			size_t n = i - t->start;
			if (upper >= 2 && !lower)
				t->flags |= CT_TOK_ALLCAPS;
			if (t->flags & CT_TOK_DIGIT) {
				t->lex = t->hash = 0;
			} else {
				t->hash = ct_lexicon_word_hash(key.c, n);
				t->lex = n >= CT_LEX_KEY ? 0 : ct_lexicon_lookup_hashed(key.c, n, t->hash);
				if (n <= CT_TOK_PLAIN_MAX) {
					t->flags |= CT_TOK_PLAIN;
					memcpy(tk->key[tk->n], key.c, sizeof(tk->key[0]));
				}
			}
		} else if (t->flags & CT_TOK_DIGIT) {
			/* no word list holds a figure; "4PM" is still all capitals */
			unsigned k, lower = 0, upper = 0;
			for (k = t->start; k < t->end; k++) {
				lower += (unsigned)(s[k] - 'a') < 26u;
				upper += (unsigned)(s[k] - 'A') < 26u;
			}
			if (upper >= 2 && !lower)
				t->flags |= CT_TOK_ALLCAPS;
			t->lex = t->hash = 0;
		} else {
			/* One pass over the word: two or more ASCII letters and none lower case is all
			 * capitals (a word starting in lower case is not); the lexicon key is the word
			 * folded (what ct_lexicon_lookup does). */
			unsigned k = t->start, n = 0;
			int count = !(s[k] >= 'a' && s[k] <= 'z');
			key.u[0] = key.u[1] = key.u[2] = 0;
			lower = upper = 0;
			/* ASCII words that fit the key, most of them, in a tight loop */
			if (t->end - t->start < CT_LEX_KEY) {
				if (count) {
					for (; k < t->end && s[k] < 0x80; k++) {
						lower += case_of[s[k]] & 1;
						upper += case_of[s[k]] >> 1;
						key.c[n++] = (char)fold_ascii[s[k]];
					}
				} else {
					for (; k < t->end && s[k] < 0x80; k++)
						key.c[n++] = (char)fold_ascii[s[k]];
				}
			}
			for (; k < t->end; k++) {
				unsigned char c = s[k];
				lower += (unsigned)(c - 'a') < 26u;
				upper += (unsigned)(c - 'A') < 26u;
				if (c == 0xe2 && k + 2 < t->end && s[k + 1] == 0x80 && s[k + 2] == 0x99) {
					c = '\'';
					k += 2;
				}
				if (n < CT_LEX_KEY - 1)
					key.c[n] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
				n++;
			}
			if (count && upper >= 2 && !lower)
				t->flags |= CT_TOK_ALLCAPS;
			{
				t->hash = ct_lexicon_word_hash(key.c, n);
				t->lex = n < CT_LEX_KEY ? ct_lexicon_lookup_hashed(key.c, n, t->hash) : 0;
			}
		}
		tk->n++;
		if (i < len && s[i] == ' ')
			i++;   /* the space after most words, without a turn of the loop */
	}
}

int ct_tok_is_rest(const struct ct_tokens *tk, size_t i, const char *word)
{
	const struct ct_token *t = &tk->t[i];
	size_t k, w = 0, n;
	n = t->end - t->start;
	for (k = 0; k < n; k++, w++) {
		unsigned char c = (unsigned char)tk->s[t->start + k];
		if (c == 0xe2 && k + 2 < n && (unsigned char)tk->s[t->start + k + 1] == 0x80 &&
		    (unsigned char)tk->s[t->start + k + 2] == 0x99) {
			c = '\'';
			k += 2;
		}
		if (!word[w])
			return 0;
		if ((c | 0x20) != (unsigned char)(word[w] | 0x20) || (is_ascii_alpha(c) != is_ascii_alpha(word[w])))
			return 0;
	}
	return word[w] == '\0';
}

int ct_tok_in(const struct ct_tokens *tk, size_t i, const char *const *words)
{
	for (; *words; words++)
		if (ct_tok_is(tk, i, *words))
			return 1;
	return 0;
}
