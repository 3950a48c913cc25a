/* Sentence segmenter for news article text: see segment.h for the rules.
 * Works on byte offsets with a few lines of look-ahead; nothing is allocated. */
#include "text/segment.h"

#include <stdint.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <utf8proc.h>

#include "text/utf8.h"
#include "util/err.h"

/* ---- characters ---------------------------------------------------------------------------- */

/* Byte classes, one table lookup instead of a chain of compares: the segmenter asks these
 * questions of nearly every byte, several times over. */
enum {
	B_WS = 1,       /* ASCII whitespace */
	B_ALPHA = 2,    /* ASCII letter */
	B_DIGIT = 4,
	B_TERM = 8,     /* may start a terminator: . ! ? and 0xE2 (the ellipsis) */
	B_SPACE = 16,   /* may start a space: ASCII whitespace, 0xC2 (no-break), 0xE2 (U+2000 ...) */
	B_CLOSE = 32    /* may start a closing mark: " ' ) ] and 0xC2, 0xE2 */
};

#define WS_ B_WS | B_SPACE
#define AL_ B_ALPHA
#define DI_ B_DIGIT
static const unsigned char byte_class[256] = {
	['\t'] = WS_, ['\n'] = WS_, ['\v'] = WS_, ['\f'] = WS_, ['\r'] = WS_, [' '] = WS_,
	['.'] = B_TERM, ['!'] = B_TERM, ['?'] = B_TERM,
	['"'] = B_CLOSE, ['\''] = B_CLOSE, [')'] = B_CLOSE, [']'] = B_CLOSE,
	[0xC2] = B_SPACE | B_CLOSE, [0xE2] = B_TERM | B_SPACE | B_CLOSE,
	['0'] = DI_, ['1'] = DI_, ['2'] = DI_, ['3'] = DI_, ['4'] = DI_, ['5'] = DI_, ['6'] = DI_,
	['7'] = DI_, ['8'] = DI_, ['9'] = DI_,
	['A'] = AL_, ['B'] = AL_, ['C'] = AL_, ['D'] = AL_, ['E'] = AL_, ['F'] = AL_, ['G'] = AL_,
	['H'] = AL_, ['I'] = AL_, ['J'] = AL_, ['K'] = AL_, ['L'] = AL_, ['M'] = AL_, ['N'] = AL_,
	['O'] = AL_, ['P'] = AL_, ['Q'] = AL_, ['R'] = AL_, ['S'] = AL_, ['T'] = AL_, ['U'] = AL_,
	['V'] = AL_, ['W'] = AL_, ['X'] = AL_, ['Y'] = AL_, ['Z'] = AL_,
	['a'] = AL_, ['b'] = AL_, ['c'] = AL_, ['d'] = AL_, ['e'] = AL_, ['f'] = AL_, ['g'] = AL_,
	['h'] = AL_, ['i'] = AL_, ['j'] = AL_, ['k'] = AL_, ['l'] = AL_, ['m'] = AL_, ['n'] = AL_,
	['o'] = AL_, ['p'] = AL_, ['q'] = AL_, ['r'] = AL_, ['s'] = AL_, ['t'] = AL_, ['u'] = AL_,
	['v'] = AL_, ['w'] = AL_, ['x'] = AL_, ['y'] = AL_, ['z'] = AL_,
};
#undef WS_
#undef AL_
#undef DI_

static inline int is_ws_byte(unsigned char c)
{
	return byte_class[c] & B_WS;
}

static inline int is_alpha_byte(unsigned char c)
{
	return byte_class[c] & B_ALPHA;
}

static inline int is_digit_byte(unsigned char c)
{
	return byte_class[c] & B_DIGIT;
}

static inline unsigned char lower_byte(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') ? (unsigned char)(c + 32) : c;
}

static inline unsigned char upper_byte(unsigned char c)
{
	return (c >= 'a' && c <= 'z') ? (unsigned char)(c - 32) : c;
}

/* The code point at i (i < end); invalid bytes read as U+FFFD one at a time. */
static inline int32_t cp_at(const char *t, size_t i, size_t end, size_t *n)
{
	int32_t cp;
	size_t bad = 1, k;
	if ((unsigned char)t[i] < 0x80) {
		*n = 1;  /* ASCII, most of the text: no call into the decoder */
		return (unsigned char)t[i];
	}
	k = ct_utf8_decode((const unsigned char *)t + i, end - i, &cp, &bad);
	*n = k ? k : bad;
	return cp;
}

/* Byte length of the whitespace character at i, 0 when there is none: ASCII whitespace, no-break
 * space, the U+2000 spaces, line and paragraph separators. */
static inline size_t space_len(const char *t, size_t i, size_t end)
{
	const unsigned char *s = (const unsigned char *)t + i;
	if (i >= end || !(byte_class[s[0]] & B_SPACE))
		return 0;  /* the common case: a byte no space starts with */
	if (is_ws_byte(s[0]))
		return 1;
	if (s[0] == 0xC2 && i + 1 < end && s[1] == 0xA0)
		return 2;
	if (s[0] == 0xE2 && i + 2 < end && s[1] == 0x80 &&
	    (s[2] <= 0x8A || s[2] == 0xA8 || s[2] == 0xA9 || s[2] == 0xAF))
		return 3;
	return 0;
}

static inline int cp_is_upper(int32_t cp)
{
	utf8proc_category_t c;
	if (cp < 0x80)
		return cp >= 'A' && cp <= 'Z';
	c = utf8proc_category(cp);
	return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
}

static inline int cp_is_lower(int32_t cp)
{
	if (cp < 0x80)
		return cp >= 'a' && cp <= 'z';
	return utf8proc_category(cp) == UTF8PROC_CATEGORY_LL;
}

/* Eight bytes at a time: the bytes of x equal to c, or below n (n <= 128), flagged in their top
 * bit. A flag can be wrong only above a true one, so the lowest flag is always right. */
#define ONES UINT64_C(0x0101010101010101)
#define HIGHS UINT64_C(0x8080808080808080)
static inline uint64_t bytes_eq(uint64_t x, unsigned char c)
{
	uint64_t y = x ^ (ONES * c);
	return (y - ONES) & ~y & HIGHS;
}

static inline uint64_t bytes_below(uint64_t x, unsigned char n)
{
	return (x - ONES * n) & ~x & HIGHS;
}

/* The first offset >= i in [i, e) whose byte may start a terminator (. ! ? 0xE2), or e. */
static inline size_t next_term_byte(const char *t, size_t i, size_t e)
{
#if defined(__SSE2__)
	/* sixteen bytes at a time while sixteen are left (a sentence runs some 100 bytes between
	 * terminator bytes), then eight */
	const __m128i dot = _mm_set1_epi8('.'), bang = _mm_set1_epi8('!'), ask = _mm_set1_epi8('?'),
		      e2 = _mm_set1_epi8((char)0xE2);
	for (; i + 16 <= e; i += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(t + i));
		unsigned m = (unsigned)_mm_movemask_epi8(
			_mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, dot), _mm_cmpeq_epi8(v, bang)),
				     _mm_or_si128(_mm_cmpeq_epi8(v, ask), _mm_cmpeq_epi8(v, e2))));
		if (m)
			return i + (size_t)__builtin_ctz(m);
	}
#endif
	for (; i + 8 <= e; i += 8) {
		uint64_t x, m;
		memcpy(&x, t + i, 8);
		m = bytes_eq(x, '.') | bytes_eq(x, '!') | bytes_eq(x, '?') | bytes_eq(x, 0xE2);
		if (m)
			return i + ((size_t)__builtin_ctzll(m) >> 3);
	}
	while (i < e && !(byte_class[(unsigned char)t[i]] & B_TERM))
		i++;
	return i;
}

/* The first offset >= i in [i, e) whose byte is a control byte, a space, 0xC2 or 0xE2 (every byte
 * a space can start with, and some more), or e. */
static inline size_t next_space_byte(const char *t, size_t i, size_t e)
{
	for (; i + 8 <= e; i += 8) {
		uint64_t x, m;
		memcpy(&x, t + i, 8);
		m = bytes_below(x, ' ' + 1) | bytes_eq(x, 0xC2) | bytes_eq(x, 0xE2);
		if (m)
			return i + ((size_t)__builtin_ctzll(m) >> 3);
	}
	while (i < e && !(byte_class[(unsigned char)t[i]] & B_SPACE))
		i++;
	return i;
}

/* Byte length of a sentence terminator at i: . ! ? or U+2026 (horizontal ellipsis). */
static inline size_t term_len(const char *t, size_t i, size_t end)
{
	const unsigned char *s = (const unsigned char *)t + i;
	if (!(byte_class[s[0]] & B_TERM))
		return 0;
	if (s[0] == '.' || s[0] == '!' || s[0] == '?')
		return 1;
	if (s[0] == 0xE2 && i + 2 < end && s[1] == 0x80 && s[2] == 0xA6)
		return 3;
	return 0;
}

/* Byte length of a closing quote or bracket at i: " ' ) ] ’ ” › ». */
static inline size_t closer_len(const char *t, size_t i, size_t end)
{
	const unsigned char *s = (const unsigned char *)t + i;
	if (!(byte_class[s[0]] & B_CLOSE))
		return 0;
	if (s[0] == '"' || s[0] == '\'' || s[0] == ')' || s[0] == ']')
		return 1;
	if (s[0] == 0xC2 && i + 1 < end && s[1] == 0xBB)
		return 2;
	if (s[0] == 0xE2 && i + 2 < end && s[1] == 0x80 &&
	    (s[2] == 0x99 || s[2] == 0x9D || s[2] == 0xBA))
		return 3;
	return 0;
}

/* Byte length of an opening quote or bracket at i: " ' ( [ ‘ “ ‹ « ¿ ¡. */
static size_t opener_len(const char *t, size_t i, size_t end)
{
	const unsigned char *s = (const unsigned char *)t + i;
	if (s[0] == '"' || s[0] == '\'' || s[0] == '(' || s[0] == '[')
		return 1;
	if (s[0] == 0xC2 && i + 1 < end && (s[1] == 0xAB || s[1] == 0xBF || s[1] == 0xA1))
		return 2;
	if (s[0] == 0xE2 && i + 2 < end && s[1] == 0x80 &&
	    (s[2] == 0x98 || s[2] == 0x9C || s[2] == 0xB9))
		return 3;
	return 0;
}

static size_t skip_space(const char *t, size_t i, size_t end)
{
	size_t n;
	while (i < end && (n = space_len(t, i, end)))
		i += n;
	return i;
}

static size_t skip_openers(const char *t, size_t i, size_t end)
{
	size_t n;
	while (i < end && (n = opener_len(t, i, end)))
		i += n;
	return i;
}

/* ---- word lists ---------------------------------------------------------------------------- */

/* Abbreviations after which a period never ends a sentence. */
static const char *const never_end[] = {
	"Mr", "Mrs", "Ms", "Mx", "Messrs", "Dr", "Drs", "Prof", "Gen", "Adm", "Lt", "Col", "Capt", "Cpt",
	"Sgt", "Cpl", "Pvt", "Maj", "Cmdr", "Brig", "Sen", "Sens", "Rep", "Reps", "Gov", "Pres",
	"Supt", "Insp", "Det", "Rev", "Hon", "Fr", "Msgr", "St", "Ste", "Mt", "Ft", "Sr", "Jr",
	"vs", "v", "approx", "cf", "al", "viz", "Vs", "Atty", "Gens", "Cllr", NULL
};
/* Titles keep the sentence going even before a capitalised opener ("Dr. The" is not a boundary);
 * Jr. and Sr. sit in never_end too but are looked up in soft_end first. */
static const char *const soft_end[] = {
	"Inc", "Ltd", "Co", "Corp", "Cos", "Bros", "Plc", "LLC", "Jr", "Sr", "Ave", "Blvd", "Rd", NULL
};
/* Months and weekdays: a new sentence only before a common opener, never before a number. */
static const char *const months[] = {
	"Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
	"Mon", "Tue", "Tues", "Wed", "Thu", "Thur", "Thurs", "Fri", "Sat", "Sun", NULL
};
/* Abbreviations that stay in the sentence when a number follows ("No. 10"). */
static const char *const before_number[] = {
	"No", "no", "Nos", "nos", "Vol", "vol", "Art", "art", "Fig", "fig", "p", "pp", "Ch", "ch",
	"Sec", "sec", "Par", "par", "Ex", NULL
};
/* Capitalised words that usually open a sentence: after "U.S." or "Inc." they mean a new one. */
static const char *const openers[] = {
	"The", "A", "An", "It", "Its", "He", "She", "They", "We", "I", "You", "But", "And", "Or", "So",
	"In", "On", "At", "For", "This", "That", "These", "Those", "There", "Then", "His", "Her", "Their",
	"Our", "My", "As", "If", "When", "While", "After", "Before", "Since", "Yet", "However",
	"Meanwhile", "Now", "Still", "Some", "Many", "Most", "What", "Why", "How", "Who", "Where",
	"Both", "Each", "Such", "Under", "Despite", "Although", "Though", "Last", "Earlier", "Later",
	"Today", "Yesterday", "Officials", "Critics", "Experts", "Analysts", "Residents", NULL
};
/* Words left lowercase in Title Case headings. */
static const char *const small_words[] = {
	"a", "an", "the", "and", "or", "but", "nor", "of", "in", "on", "at", "to", "for", "by", "with",
	"from", "as", "into", "over", "per", "via", "vs", "up", "off", "out", "is", "are", "was", "be",
	"its", "his", "her", "their", "our", "after", "amid", "than", "not", "so", "if", NULL
};
static const char *const month_names[] = {
	"january", "february", "march", "april", "may", "june", "july", "august", "september",
	"october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
	"sept", "oct", "nov", "dec", "monday", "tuesday", "wednesday", "thursday", "friday",
	"saturday", "sunday", "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
	NULL
};
/* Months by their full names, capitalised: after a day and its period ("1. December") they go on
 * the sentence. */
static const char *const full_months[] = {
	"January", "February", "March", "April", "May", "June", "July", "August", "September",
	"October", "November", "December", NULL
};
static const char *const roles[] = {
	"reporter", "correspondent", "writer", "editor", "journalist", "columnist", "contributor",
	"photographer", "producer", "critic", "staff", "bureau", "associated press", "reuters", NULL
};

static int in_list(const char *const *list, const char *s, size_t n)
{
	if (!n)
		return 0;
	for (; *list; list++) {
		const char *w = *list;
		size_t k = 1;
		if (w[0] != s[0])
			continue;
		/* Compares and finds the list word's end in one pass (no strlen per entry). */
		while (k < n && w[k] && w[k] == s[k])
			k++;
		if (k == n && !w[n])
			return 1;
	}
	return 0;
}

/* The word lists checked for every word or period, indexed by first byte (lower-cased for the
 * case-insensitive ones): a check walks the few words with the right first byte instead of the
 * whole list. Built on first use, like the furniture index. */
struct word_index {
	const char *const *words;
	int fold;                   /* compare ignoring ASCII case (the words are lower case) */
	unsigned char head[256];    /* 0: none, else index + 1 */
	unsigned char next[96];
	uint64_t lens;              /* bit min(length, 63) set for each word's length */
};

static struct word_index ix_soft_end = { soft_end, 0, { 0 }, { 0 }, 0 };
static struct word_index ix_never_end = { never_end, 0, { 0 }, { 0 }, 0 };
static struct word_index ix_before_number = { before_number, 0, { 0 }, { 0 }, 0 };
static struct word_index ix_months = { months, 0, { 0 }, { 0 }, 0 };
static struct word_index ix_openers = { openers, 0, { 0 }, { 0 }, 0 };
static struct word_index ix_small_words = { small_words, 0, { 0 }, { 0 }, 0 };
static struct word_index ix_month_names = { month_names, 1, { 0 }, { 0 }, 0 };
static int indexes_ready;
#define FITS_INDEX(list) (sizeof(list) / sizeof(list[0]) <= 96)
_Static_assert(FITS_INDEX(soft_end) && FITS_INDEX(never_end) && FITS_INDEX(before_number) &&
	       FITS_INDEX(months) && FITS_INDEX(openers) && FITS_INDEX(small_words) &&
	       FITS_INDEX(month_names), "an indexed list has at most 96 words");

static void index_build(struct word_index *ix)
{
	unsigned char tail[256] = { 0 };
	size_t k;
	for (k = 0; ix->words[k]; k++) {
		unsigned char c = (unsigned char)ix->words[k][0];
		if (tail[c])
			ix->next[tail[c] - 1] = (unsigned char)(k + 1);
		else
			ix->head[c] = (unsigned char)(k + 1);
		tail[c] = (unsigned char)(k + 1);
		ix->lens |= UINT64_C(1) << (strlen(ix->words[k]) < 63 ? strlen(ix->words[k]) : 63);
	}
}

static void indexes_build(void)
{
	index_build(&ix_soft_end);
	index_build(&ix_never_end);
	index_build(&ix_before_number);
	index_build(&ix_months);
	index_build(&ix_openers);
	index_build(&ix_small_words);
	index_build(&ix_month_names);
	indexes_ready = 1;
}

/* in_index past its first tests: k is the first word with s's first byte. */
static int in_index_walk(const struct word_index *ix, const char *s, size_t n, unsigned k)
{
	for (; k; k = ix->next[k - 1]) {
		const char *w = ix->words[k - 1];
		size_t j = 1;
		if (ix->fold) {
			while (j < n && w[j] && (unsigned char)w[j] == lower_byte((unsigned char)s[j]))
				j++;
		} else {
			while (j < n && w[j] && w[j] == s[j])
				j++;
		}
		if (j == n && !w[n])
			return 1;
	}
	return 0;
}

/* in_list (or in_list_ci when ix->fold) over an indexed list. Inline: most words end on their
 * length (no word in the list that long) or first byte, for less than a call costs. */
static inline int in_index(const struct word_index *ix, const char *s, size_t n)
{
	unsigned k;
	if (!n || !((ix->lens >> (n < 63 ? n : 63)) & 1))
		return 0;
	k = ix->head[ix->fold ? lower_byte((unsigned char)s[0]) : (unsigned char)s[0]];
	return k ? in_index_walk(ix, s, n, k) : 0;
}

/* ---- pattern matching on ranges -------------------------------------------------------------- */

/* 1 when [i, e) starts with pat: ASCII compared case-insensitively, a space in pat matching any
 * run of whitespace; a pattern ending in a letter or digit must end at a word boundary.
 * *after (optional) receives the end of the match. */
static int match_ci_at(const char *t, size_t i, size_t e, const char *pat, size_t *after)
{
	const unsigned char *p = (const unsigned char *)pat;
	while (*p) {
		if (*p == ' ') {
			if (!space_len(t, i, e))
				return 0;
			i = skip_space(t, i, e);
		} else {
			if (i >= e || lower_byte((unsigned char)t[i]) != *p)
				return 0;
			i++;
		}
		p++;
	}
	if ((is_alpha_byte(p[-1]) || is_digit_byte(p[-1])) && i < e &&
	    (is_alpha_byte((unsigned char)t[i]) || is_digit_byte((unsigned char)t[i])))
		return 0;
	if (after)
		*after = i;
	return 1;
}

/* match_ci, most calls ending at the first, second or third byte without a call (the same tests
 * match_ci_at makes there, for a pattern starting with bytes that are not spaces) */
static inline int match_ci(const char *t, size_t i, size_t e, const char *pat, size_t *after)
{
	if (pat[0] != ' ') {
		if (i >= e || lower_byte((unsigned char)t[i]) != (unsigned char)pat[0])
			return 0;
		if (pat[1] != ' ' && pat[1] != '\0') {
			if (i + 1 >= e || lower_byte((unsigned char)t[i + 1]) != (unsigned char)pat[1])
				return 0;
			if (pat[2] != ' ' && pat[2] != '\0' &&
			    (i + 2 >= e || lower_byte((unsigned char)t[i + 2]) != (unsigned char)pat[2]))
				return 0;
		}
	}
	return match_ci_at(t, i, e, pat, after);
}

/* 1 when nothing but whitespace and trailing marks (: . ! | » ›) is left in [i, e). */
static int rest_trivial(const char *t, size_t i, size_t e)
{
	while (i < e) {
		size_t n = space_len(t, i, e);
		if (!n && (t[i] == ':' || t[i] == '.' || t[i] == '!' || t[i] == '|'))
			n = 1;
		if (!n)
			n = closer_len(t, i, e);
		if (!n)
			return 0;
		i += n;
	}
	return 1;
}

/* ---- sentence boundaries ------------------------------------------------------------------- */

/* Whether the terminator run [i, k) (sentence start s) ends a sentence, given the next word starts
 * at nx (after any opening quotes) in a text ending at e. */
static int starts_credit(const char *t, size_t s, size_t e, int line);

/* A photo credit in brackets at p that ends the text [p, e) after a caption: "(Ostrey Courier /
 * Tomas Ravell)", "(AP Photo/Evan Vucci)", "(Photo: Ana Ruiz)": no sentence inside (no
 * terminator), no figure ("(2019/20)"), and the word "photo" or "credit", or a slash before a
 * capital (a name; not "(yes/no)"). It stays with the caption, which it makes furniture. */
static int is_credit_after(const char *t, size_t p, size_t e)
{
	size_t j;
	int mark = 0;
	while (e > p && is_ws_byte((unsigned char)t[e - 1]))
		e--;
	if (e - p < 4 || e - p > 100 || t[e - 1] != ')')
		return 0;
	if (starts_credit(t, p + 1, e, 0))
		return 0;   /* "(Reporting by Ana Ruiz/Editing by Tom Lee)": a byline, not a caption's */
	for (j = p + 1; j + 1 < e; j++) {
		unsigned char c = (unsigned char)t[j];
		if (c == '.' || c == '!' || c == '?' || c == '(' || c == ')' || c == '\n' || is_digit_byte(c))
			return 0;
		if (c == '/' && j > p + 1 && !mark) {
			/* a slash before a name, after a caption that ended ("... on Monday. (Ostrey
			 * Courier / Tomas Ravell)"; not a headline's "(Reuters/Ipsos)") */
			size_t a = skip_space(t, j + 1, e), b = p;
			while (b > 0 && (t[b - 1] == ' ' || t[b - 1] == '\n'))
				b--;
			mark = a < e && t[a] >= 'A' && t[a] <= 'Z' && b > 0 && t[b - 1] == '.';
		}
	}
	for (j = p + 1; j < e && !mark; j++)
		if (j == p + 1 || t[j - 1] == ' ')
			mark = match_ci(t, j, e, "photo", NULL) || match_ci(t, j, e, "photos", NULL) ||
			       match_ci(t, j, e, "credit", NULL);
	return mark;
}

/* "Photo: Ines Barlow/Westmarch Wire" from p to e: a credit's label and a name with no sentence
 * in it (no terminator, eight words at most, a capital after the label). */
static int credit_tail(const char *t, size_t p, size_t e)
{
	static const char *const labels[] = { "photo:", "photos:", "photograph:", "picture:", "image:", "credit:",
					       "photo credit:", "image credit:", NULL };
	const char *const *l;
	size_t after = 0, j, words = 0;
	for (l = labels; *l; l++)
		if (match_ci(t, p, e, *l, &after))
			break;
	if (!*l || (after = skip_space(t, after, e)) >= e || t[after] < 'A' || t[after] > 'Z')
		return 0;
	for (j = after; j < e; j++) {
		if (t[j] == '.' || t[j] == '!' || t[j] == '?')
			return 0;
		words += t[j] == ' ' || t[j] == '\n';   /* a name wrapped at a line's end */
	}
	return words < 8;
}

/* Whether [s, e) ends with such a credit, in brackets or after a caption ("The stacks in
 * Calvenby. Photo: Ines Barlow/Westmarch Wire"). */
static int ends_in_credit(const char *t, size_t s, size_t e)
{
	size_t j = e;
	while (j > s && is_ws_byte((unsigned char)t[j - 1]))
		j--;
	if (j - s >= 12 && t[j - 1] != '.' && t[j - 1] != ')') {
		size_t k;
		for (k = j - 1; k > s && j - k < 80; k--)
			if ((t[k] == 'P' || t[k] == 'I' || t[k] == 'C') && (t[k - 1] == ' ' || t[k - 1] == '\n') &&
			    k >= s + 2 && (t[k - 2] == '.' || (t[k - 2] == '\r' && t[k - 3] == '.')) && credit_tail(t, k, j))
				return 1;
		return 0;
	}
	if (j - s < 5 || t[j - 1] != ')')
		return 0;
	for (j -= 2; j > s && t[j] != '(' && t[j] != ')'; j--)
		;
	return j > s && t[j] == '(' && is_credit_after(t, j, e);
}

static int is_boundary(const char *t, size_t s, size_t i, size_t k, size_t nx, size_t e)
{
	size_t dots = 0, q = 0, ell = 0, j, ks, n, we;
	int32_t cp;
	const char *tok;
	size_t tn;

	for (j = i; j < k; j++) {
		if (t[j] == '.')
			dots++;
		else if (t[j] == '!' || t[j] == '?')
			q++;
		else if ((unsigned char)t[j] == 0xE2)
			ell++;
	}
	if (nx >= e)
		return 1;
	cp = cp_at(t, nx, e, &n);
	if (cp_is_lower(cp))
		return 0;
	if (q)
		return 1;
	if (ell || dots > 1)
		return cp_is_upper(cp) || is_digit_byte((unsigned char)t[nx]);

	/* One period: look at the word before it. */
	ks = i;
	while (ks > s && !is_ws_byte((unsigned char)t[ks - 1]))
		ks--;
	ks = skip_openers(t, ks, i);
	tok = t + ks;
	tn = i - ks;
	for (we = nx; we < e && is_alpha_byte((unsigned char)t[we]); we++)
		;
	if (tn == 0)
		return 1;
	if (in_index(&ix_soft_end, tok, tn))
		return in_index(&ix_openers, t + nx, we - nx);
	if (in_index(&ix_never_end, tok, tn))
		return 0;
	if (tn == 1 && t[ks] >= 'A' && t[ks] <= 'Z')
		return 0;  /* an initial: J. K. Rowling */
	if (in_index(&ix_before_number, tok, tn) && is_digit_byte((unsigned char)t[nx]))
		return 0;
	if (in_index(&ix_months, tok, tn))
		return !is_digit_byte((unsigned char)t[nx]) && in_index(&ix_openers, t + nx, we - nx);
	if (tn == 3 && memcmp(tok, "etc", 3) == 0)
		return 1;
	if (tn == 3 && (memcmp(tok, "a.m", 3) == 0 || memcmp(tok, "p.m", 3) == 0)) {
		/* "at 6:15 a.m. Harbour Minister Lena Vos ..." opens a new sentence; a time zone, a
		 * weekday or a month after the time ("4 a.m. Tuesday", "9 p.m. ET") does not. */
		static const char *const after_time[] = {
			"ET", "EST", "EDT", "CT", "CST", "CDT", "MT", "PT", "PST", "PDT", "GMT", "UTC", "BST",
			"CET", "CEST", "EET", "IST", "JST", "AEST", "Monday", "Tuesday", "Wednesday",
			"Thursday", "Friday", "Saturday", "Sunday", "Jan", "Feb", "Mar", "Apr", "May", "Jun",
			"Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "January", "February", "March",
			"April", "June", "July", "August", "September", "October", "November", "December",
			"local", NULL
		};
		size_t wl = 0;
		while (nx + wl < we && is_alpha_byte((unsigned char)t[nx + wl]))
			wl++;
		return t[nx] >= 'A' && t[nx] <= 'Z' && !in_list(after_time, t + nx, wl);
	}
	{
		/* Dotted abbreviations: U.S, a.m, Ph.D, e.g */
		size_t a, letters = 0, periods = 0;
		int dotted = 1;
		for (a = 0; a < tn; a++) {
			if (tok[a] == '.') {
				if (!letters)
					dotted = 0;
				periods++;
				letters = 0;
			} else if (is_alpha_byte((unsigned char)tok[a]) && letters < 3) {
				letters++;
			} else {
				dotted = 0;
				break;
			}
		}
		if (dotted && periods && letters)
			return in_index(&ix_openers, t + nx, we - nx);
	}
	if (tn <= 2 && is_digit_byte((unsigned char)tok[0]) && (tn == 1 || is_digit_byte((unsigned char)tok[1]))) {
		/* "from 1. December": a day as German and Nordic dates write it (1 to 31) */
		int day = tn == 1 ? tok[0] - '0' : (tok[0] - '0') * 10 + (tok[1] - '0');
		if (day >= 1 && day <= 31 && in_list(full_months, t + nx, we - nx) &&
		    (we >= e || t[we] == ' ' || t[we] == '\n' || t[we] == ',' || t[we] == '.' || t[we] == ';'))
			return 0;   /* not "… No. 1. December's figures …": a possessive opens a sentence */
	}
	if (ks == s && tn <= 3) {
		/* "1. The first item" */
		size_t a;
		for (a = 0; a < tn && is_digit_byte((unsigned char)tok[a]); a++)
			;
		if (a == tn)
			return 0;
	}
	return 1;
}

/* If [s, e) ends with a terminator run and closing marks, returns the run's start, else SIZE_MAX. */
static size_t trailing_term(const char *t, size_t s, size_t e)
{
	size_t i = e, n;
	while (i > s && !is_ws_byte((unsigned char)t[i - 1]))
		i--;
	for (; i < e; i++) {
		size_t j = i;
		while (j < e && (n = term_len(t, j, e)))
			j += n;
		if (j == i)
			continue;
		while (j < e && (n = closer_len(t, j, e)))
			j += n;
		if (j == e)
			return i;
		i = j - 1;
	}
	return SIZE_MAX;
}

/* The end of the sentence that starts at s (a non-space byte) in [s, e). */
static int translation_note(const char *t, size_t s, size_t e);
static int starts_by_name(const char *t, size_t s, size_t e);

/* A translation's note or byline goes on with its credit or caveat: "This article was
 * machine-translated. Translated from the English of The Observer by Verbamat.", "By Harriet Quayle
 * (Dunmere Post). Translated from the English by Lexiko.", "This article was translated by
 * machine. Errors are possible." nx opens the next sentence. */
static int note_goes_on(const char *t, size_t s, size_t nx, size_t e)
{
	if (!match_ci(t, nx, e, "translated ", NULL) && !match_ci(t, nx, e, "translation ", NULL) &&
	    !match_ci(t, nx, e, "errors ", NULL))
		return 0;
	return nx - s < 160 && (translation_note(t, s, nx) || (t[nx] == 'T' && starts_by_name(t, s, nx)));
}

static size_t sentence_end(const char *t, size_t s, size_t e)
{
	size_t i = s;
	while (i < e) {
		size_t j, k, n, nx;
		if (!term_len(t, i, e)) {
			i = next_term_byte(t, i + 1, e);
			continue;
		}
		j = i;
		while (j < e && (n = term_len(t, j, e)))
			j += n;
		k = j;
		while (j < e && (n = closer_len(t, j, e)))
			j += n;
		if (j >= e)
			return e;
		if (!space_len(t, j, e)) {
			i = j;
			continue;
		}
		nx = skip_space(t, j, e);
		if (t[nx] == '(' && is_credit_after(t, nx, e)) {
			i = j;   /* a caption's credit: "... on Tuesday. (Ostrey Courier / Tomas Ravell)" */
			continue;
		}
		nx = skip_openers(t, nx, e);
		if ((t[nx] == 'T' || t[nx] == 'E') && note_goes_on(t, s, nx, e)) {
			i = j;   /* "This article was machine-translated. Translated from the English by ..." */
			continue;
		}
		if (is_boundary(t, s, i, k, nx, e))
			return j;
		i = j;
	}
	return e;
}

/* ---- features of a range ------------------------------------------------------------------- */

typedef struct shape {
	size_t words, cols;
	size_t upper, lower;         /* letters */
	size_t cap_words, low_words; /* words starting upper/digit, lowercase words not in small_words */
	int has_digit, has_month;
} shape;

static void shape_of(const char *t, size_t s, size_t e, shape *sh)
{
	size_t i = s;
	memset(sh, 0, sizeof(*sh));
	while (i < e) {
		size_t ws, we, n, a;
		int32_t cp;
		i = skip_space(t, i, e);
		if (i >= e)
			break;
		ws = i;
		while (i < e && !space_len(t, i, e))
			i++;
		we = i;
		sh->words++;
		for (a = ws; a < we; a += n) {
			unsigned char c = (unsigned char)t[a];
			if (c < 0x80) {
				/* ASCII, without a call per byte */
				n = 1;
				sh->cols++;
				if ((unsigned)(c - 'A') < 26u)
					sh->upper++;
				else if ((unsigned)(c - 'a') < 26u)
					sh->lower++;
				else if (is_digit_byte(c))
					sh->has_digit = 1;
				continue;
			}
			cp = cp_at(t, a, we, &n);
			sh->cols++;
			if (cp_is_upper(cp))
				sh->upper++;
			else if (cp_is_lower(cp))
				sh->lower++;
			else if (cp >= '0' && cp <= '9')
				sh->has_digit = 1;
		}
		a = skip_openers(t, ws, we);
		if (a < we) {
			size_t le = a;
			cp = cp_at(t, a, we, &n);
			while (le < we && is_alpha_byte((unsigned char)t[le]))
				le++;
			if (cp_is_upper(cp) || (cp >= '0' && cp <= '9'))
				sh->cap_words++;
			else if (cp_is_lower(cp) && !in_index(&ix_small_words, t + a, le - a))
				sh->low_words++;
			if (le > a && in_index(&ix_month_names, t + a, le - a))
				sh->has_month = 1;
		}
	}
}

static int shape_allcaps(const shape *sh)
{
	return sh->upper >= 2 && sh->lower * 10 < sh->upper;
}

/* A cheap test before shape_of: 0 when ASCII lowercase letters alone rule out capitals. */
static int maybe_allcaps(const char *t, size_t s, size_t e)
{
	size_t lo = 0, hi = 0, i, give_up = (e - s) / 11 + 1;
	for (i = s; i < e; i++) {
		unsigned char c = (unsigned char)t[i];
		if (c >= 'a' && c <= 'z') {
			/* hi <= (e - s) - lo, so lo * 11 >= e - s settles it: most sentences stop here */
			if (++lo >= give_up)
				return 0;
		} else if ((c >= 'A' && c <= 'Z') || c >= 0xC0) {
			hi++;
		}
	}
	return hi >= 2 && lo * 10 < hi;
}

static int shape_titlecase(const shape *sh)
{
	return sh->cap_words >= 1 && sh->low_words * 4 <= sh->cap_words;
}

/* A bullet or list marker at i: "- ", "* ", "• ", "– ", "1. ", "2) ". Returns its length or 0. */
static size_t bullet_len(const char *t, size_t i, size_t e)
{
	size_t n = 0, d;
	const unsigned char *s = (const unsigned char *)t + i;
	if (i >= e)
		return 0;
	if (s[0] == '-' || s[0] == '*' || s[0] == '+')
		n = 1;
	else if (s[0] == 0xE2 && i + 2 < e && s[1] == 0x80 && (s[2] == 0xA2 || s[2] == 0x93))
		n = 3;
	else if (s[0] == 0xC2 && i + 1 < e && s[1] == 0xB7)
		n = 2;
	if (!n) {
		for (d = 0; i + d < e && d < 3 && is_digit_byte(s[d]); d++)
			;
		if (d && i + d < e && (s[d] == '.' || s[d] == ')'))
			n = d + 1;
	}
	if (n && i + n < e && (s[n] == ' ' || s[n] == '\t'))
		return n + 1;
	return 0;
}

/* ---- classification ------------------------------------------------------------------------ */

enum { F_WHOLE, F_PREFIX, F_COLON, F_CONTAINS };
enum { F_LIST = 1, F_LINE = 2 };

/* Page furniture. WHOLE: the text is just this; PREFIX: starts with it; COLON: starts with it and a
 * colon; CONTAINS: has it anywhere. F_LIST: a link list follows; F_LINE: only for a line of its own. */
static const struct furniture {
	const char *pat;
	unsigned char mode, flags;
} furniture[] = {
	{ "comments", F_WHOLE, 0 }, { "comment", F_WHOLE, 0 }, { "share", F_WHOLE, 0 },
	{ "share this article", F_WHOLE, 0 }, { "share this story", F_WHOLE, 0 },
	{ "share this", F_WHOLE, 0 }, { "tweet", F_WHOLE, 0 }, { "email", F_WHOLE, 0 },
	{ "e-mail", F_WHOLE, 0 }, { "print", F_WHOLE, 0 }, { "save", F_WHOLE, 0 },
	{ "copy link", F_WHOLE, 0 }, { "advertisement", F_WHOLE, 0 }, { "advertising", F_WHOLE, 0 },
	{ "newsletter", F_WHOLE, 0 }, { "newsletters", F_WHOLE, 0 }, { "our newsletter", F_WHOLE, 0 },
	{ "sponsored", F_WHOLE, 0 }, { "sponsored content", F_WHOLE, 0 }, { "subscribe", F_WHOLE, 0 },
	{ "menu", F_WHOLE, 0 }, { "skip to content", F_WHOLE, 0 }, { "skip advertisement", F_WHOLE, 0 },
	{ "listen to this article", F_WHOLE, 0 }, { "supported by", F_WHOLE, 0 },
	{ "related", F_WHOLE, F_LIST }, { "related stories", F_WHOLE, F_LIST },
	{ "related articles", F_WHOLE, F_LIST }, { "related coverage", F_WHOLE, F_LIST },
	{ "read more", F_WHOLE, F_LIST }, { "read also", F_WHOLE, F_LIST },
	{ "also read", F_WHOLE, F_LIST }, { "read next", F_WHOLE, F_LIST },
	{ "see also", F_WHOLE, F_LIST }, { "more stories", F_WHOLE, F_LIST },
	{ "more on this story", F_WHOLE, F_LIST }, { "recommended", F_WHOLE, F_LIST },
	{ "most read", F_WHOLE, F_LIST }, { "most popular", F_WHOLE, F_LIST },
	{ "trending", F_WHOLE, F_LIST }, { "trending now", F_WHOLE, F_LIST },
	{ "you may also like", F_WHOLE, F_LIST }, { "top stories", F_WHOLE, F_LIST },
	{ "more from", F_PREFIX, F_LIST | F_LINE },
	{ "sign up", F_PREFIX, 0 }, { "enter your email", F_PREFIX, 0 }, { "enter your e-mail", F_PREFIX, 0 },
	{ "your email address", F_WHOLE, 0 }, { "email address", F_WHOLE, 0 },
	{ "have a news tip", F_PREFIX, 0 }, { "got a news tip", F_PREFIX, 0 }, { "have a tip", F_PREFIX, 0 },
	{ "subscribe to", F_PREFIX, 0 }, { "share this", F_PREFIX, 0 }, { "share on", F_PREFIX, 0 },
	{ "follow us", F_PREFIX, 0 }, { "like us on", F_PREFIX, 0 },
	{ "download our app", F_PREFIX, 0 }, { "download the app", F_PREFIX, 0 },
	{ "story continues", F_PREFIX, 0 }, { "article continues", F_PREFIX, 0 },
	{ "continue reading", F_PREFIX, 0 }, { "click here", F_PREFIX, 0 },
	{ "leave a comment", F_PREFIX, 0 }, { "view comments", F_PREFIX, 0 },
	{ "show comments", F_PREFIX, 0 }, { "join the conversation", F_PREFIX, 0 },
	{ "this article was originally", F_PREFIX, 0 }, { "this article originally", F_PREFIX, 0 },
	{ "this article first appeared", F_PREFIX, 0 }, { "this story was originally", F_PREFIX, 0 },
	{ "this story originally", F_PREFIX, 0 }, { "originally published", F_PREFIX, 0 },
	{ "comments are ", F_PREFIX, 0 }, { "comments (", F_PREFIX, 0 }, { "spotted a mistake", F_PREFIX, 0 },
	{ "spotted an error", F_PREFIX, 0 },
	{ "tell us in the comments", F_PREFIX, 0 }, { "tell us what you think", F_PREFIX, 0 },
	{ "translated from the", F_PREFIX, 0 }, { "translated by", F_PREFIX, 0 },
	{ "translated automatically", F_PREFIX, 0 }, { "automatically translated", F_PREFIX, 0 },
	{ "machine translation", F_PREFIX, 0 }, { "machine-translated", F_PREFIX, 0 },

	{ "the original appeared", F_PREFIX, 0 }, { "the original article", F_PREFIX, 0 },
	{ "the original text", F_PREFIX, 0 }, { "translation", F_COLON, 0 },
	{ "originally appeared", F_PREFIX, 0 },
	{ "photo by", F_PREFIX, 0 }, { "photograph by", F_PREFIX, 0 },
	{ "illustration by", F_PREFIX, 0 }, { "(photo", F_PREFIX, 0 }, { "[photo", F_PREFIX, 0 },
	{ "recommended for you", F_WHOLE, F_LIST }, { "recommended for you", F_COLON, F_LIST },
	{ "recommended", F_COLON, F_LIST }, { "have your say", F_COLON, 0 },
	{ "read more", F_COLON, F_LIST }, { "related", F_COLON, F_LIST }, { "see also", F_COLON, F_LIST },
	{ "also read", F_COLON, F_LIST }, { "read also", F_COLON, F_LIST }, { "more", F_COLON, F_LIST },
	{ "photo", F_COLON, 0 }, { "photos", F_COLON, 0 }, { "photograph", F_COLON, 0 },
	{ "image", F_COLON, 0 }, { "picture", F_COLON, 0 }, { "credit", F_COLON, 0 },
	{ "credits", F_COLON, 0 }, { "photo credit", F_COLON, 0 }, { "image credit", F_COLON, 0 },
	{ "illustration", F_COLON, 0 }, { "video", F_COLON, 0 }, { "tags", F_COLON, 0 },
	{ "topics", F_COLON, 0 }, { "filed under", F_COLON, 0 }, { "share", F_COLON, 0 },
	{ "be the first to comment", F_CONTAINS, 0 },
	{ "all rights reserved", F_CONTAINS, 0 }, { "appeared first on", F_CONTAINS, 0 },
	{ "/getty images", F_CONTAINS, 0 }, { "(ap photo", F_CONTAINS, 0 },
};

/* Sentences (or lines) crediting the writers. */
static const char *const credit_prefixes[] = {
	"reporting by", "additional reporting by", "editing by", "edited by", "writing by",
	"compiled by", "contact the reporter", "contact the writer", "follow her on", "follow him on",
	"follow them on", "reach her at", "reach him at", "reach them at", "email her at",
	"email him at", "email them at", "from our correspondent", "from our own correspondent",
	"from our editorial staff", "from our staff", "from our reporter", "from our editorial office",
	"from the editorial office", "with material from agencies", "with material of agencies",
	"with material from the agencies", "with material from news agencies", "with agency material",
	"translated by", "translated from the",
	"translation by", "translation of an article", "translation of a story", "translation of an interview", NULL
};
/* The first bytes of the credit prefixes (built on first use): most sentences start with none of
 * them. */
static unsigned char credit_first[256];
static int credit_ready;
/* Date stamps, bylines when on a line of their own with a number in them. */
static const char *const stamp_prefixes[] = {
	"published", "updated", "posted", "last updated", "first published", "last modified", NULL
};

static int is_copyright(const char *t, size_t s, size_t e)
{
	size_t after;
	return match_ci(t, s, e, "copyright", NULL) || match_ci(t, s, e, "\xC2\xA9", NULL) ||
	       (match_ci(t, s, e, "(c) ", &after) && after < e && is_digit_byte((unsigned char)t[after]));
}

/* The furniture patterns other than F_CONTAINS by their first byte, in table order (a pattern can
 * only match text starting with its first byte): each sentence then tries the two or three
 * patterns that can match instead of all ninety. Built on first use, like the lexicon's table. */
#define N_FURNITURE (sizeof(furniture) / sizeof(furniture[0]))
static unsigned char furniture_head[256], furniture_next[N_FURNITURE];  /* 0: none, else index + 1 */
/* Each pattern's second byte when it is one match_ci compares as it is (not a space, which
 * matches any whitespace, nor the end): a chain skips the patterns the text's second byte rules
 * out without trying them. 0: none. */
static unsigned char furniture_second[N_FURNITURE];
_Static_assert(N_FURNITURE < 255, "furniture indexes are kept in unsigned char");
static int furniture_ready;
/* The F_CONTAINS patterns (the last ones in the table, bit k for the k-th from the end, up to 32
 * of them) by their first and second bytes, in either case: a byte pair can start a pattern only
 * where both agree. */
static uint32_t contains_first[256], contains_second[256];
/* The same patterns' first two bytes with 0x20 set (lower case for letters), each pair once: what
 * furniture_anywhere's 16-byte prefilter compares with. */
#define MAX_CONTAINS_PAIRS 8
static unsigned char pair_first[MAX_CONTAINS_PAIRS], pair_second[MAX_CONTAINS_PAIRS];
#if defined(__SSE2__)
/* The same bytes broadcast to 16 lanes once, not at every 16 bytes the prefilter reads. */
static __m128i pair_first_v[MAX_CONTAINS_PAIRS], pair_second_v[MAX_CONTAINS_PAIRS];
#endif
static size_t npairs;

static void furniture_index(void)
{
	unsigned char tail[256] = { 0 };
	size_t k;
	for (k = 0; k < N_FURNITURE; k++) {
		unsigned char c = (unsigned char)furniture[k].pat[0];
		if (furniture[k].mode == F_CONTAINS)
			continue;
		if (c != ' ' && furniture[k].pat[1] != ' ')
			furniture_second[k] = (unsigned char)furniture[k].pat[1];
		if (tail[c])
			furniture_next[tail[c] - 1] = (unsigned char)(k + 1);
		else
			furniture_head[c] = (unsigned char)(k + 1);
		tail[c] = (unsigned char)(k + 1);
	}
	/* the F_CONTAINS patterns at the end of the table, as furniture_anywhere reads them */
	for (k = 0; k < 32 && k < N_FURNITURE && furniture[N_FURNITURE - 1 - k].mode == F_CONTAINS; k++) {
		const unsigned char *pat = (const unsigned char *)furniture[N_FURNITURE - 1 - k].pat;
		uint32_t bit = UINT32_C(1) << k;
		contains_first[pat[0]] |= bit;
		contains_first[upper_byte(pat[0])] |= bit;
		contains_second[pat[1]] |= bit;
		contains_second[upper_byte(pat[1])] |= bit;
		{
			unsigned char f0 = pat[0] | 0x20, f1 = pat[1] | 0x20;
			size_t j;
			for (j = 0; j < npairs && !(pair_first[j] == f0 && pair_second[j] == f1); j++)
				;
			if (j == npairs) {
				if (npairs == MAX_CONTAINS_PAIRS)
					npairs = MAX_CONTAINS_PAIRS + 1;   /* too many: no prefilter */
				else {
					pair_first[npairs] = f0;
					pair_second[npairs] = f1;
#if defined(__SSE2__)
					pair_first_v[npairs] = _mm_set1_epi8((char)f0);
					pair_second_v[npairs] = _mm_set1_epi8((char)f1);
#endif
					npairs++;
				}
			}
		}
	}
	furniture_ready = 1;
}

/* Whether an F_CONTAINS pattern starts at t[i] (i + 1 < e). */
static int furniture_at(const char *t, size_t i, size_t e)
{
	uint32_t bits = contains_first[(unsigned char)t[i]] & contains_second[(unsigned char)t[i + 1]];
	size_t k;
	for (k = 0; bits; k++, bits >>= 1)
		if ((bits & 1) && match_ci(t, i, e, furniture[N_FURNITURE - 1 - k].pat, NULL))
			return 1;
	return 0;
}

/* Whether an F_CONTAINS pattern stands anywhere in [s, e). One pass over the bytes: each pattern
 * is tried only where the text has its first two bytes (they start "al", "ap", "/g", "(a"). */
static int furniture_anywhere(const char *t, size_t s, size_t e)
{
	size_t i = s;
	for (;;) {
#if defined(__SSE2__)
		/* Sixteen positions at a time: a position can start a pattern only where its byte and
		 * the next, with 0x20 set, are a pattern's first two bytes with 0x20 set (in either
		 * case; a few other bytes too, which the exact test below turns down). */
		if (npairs <= MAX_CONTAINS_PAIRS) {
			const __m128i c20 = _mm_set1_epi8(0x20);
			while (i + 17 <= e) {
				__m128i v0 = _mm_or_si128(_mm_loadu_si128((const __m128i *)(const void *)(t + i)), c20);
				__m128i v1 = _mm_or_si128(_mm_loadu_si128((const __m128i *)(const void *)(t + i + 1)), c20);
				__m128i m = _mm_setzero_si128();
				size_t j;
				for (j = 0; j < npairs; j++)
					m = _mm_or_si128(m, _mm_and_si128(_mm_cmpeq_epi8(v0, pair_first_v[j]),
									  _mm_cmpeq_epi8(v1, pair_second_v[j])));
				if (_mm_movemask_epi8(m)) {
					i += (size_t)__builtin_ctz((unsigned)_mm_movemask_epi8(m));
					break;
				}
				i += 16;
			}
		}
#endif
		if (i + 1 >= e)
			return 0;
		if (furniture_at(t, i, e))
			return 1;
		i++;
	}
}

/* "This article was translated by machine", "This text has been machine-translated", "This is a
 * translation of ...": "This", a word for the text, and among the next five words "translated"
 * or "translation". */
static int translation_note(const char *t, size_t s, size_t e)
{
	static const char *const nouns[] = { "article", "text", "story", "piece", "version", "report", "is", NULL };
	const char *const *n;
	size_t i, words = 0;
	if (e - s < 12 || (t[s] != 'T' && t[s] != 't') || !match_ci(t, s, e, "this ", &i))
		return 0;
	for (n = nouns; *n && !match_ci(t, i, e, *n, NULL); n++)
		;
	if (!*n)
		return 0;   /* not "This translated into a rise in fares" */
	for (; i < e && words < 5; words++) {
		if (match_ci(t, i, e, "translated", NULL) || match_ci(t, i, e, "translation", NULL) ||
		    match_ci(t, i, e, "machine-translated", NULL) || match_ci(t, i, e, "auto-translated", NULL))
			return 1;
		while (i < e && t[i] != ' ')
			i++;
		i = skip_space(t, i, e);
	}
	return 0;
}

/* The words in [i, e), up to four. */
static int words_from(const char *t, size_t i, size_t e)
{
	int words = 0;
	while (words < 4) {
		i = skip_space(t, i, e);
		if (i >= e)
			break;
		words++;
		while (i < e && t[i] != ' ' && t[i] != '\n')
			i++;
	}
	return words;
}

/* Returns 1 and sets *list when [s, e) is furniture, 2 when it is a link to another story with
 * its headline ("Related: ..."), a teaser; line says whether it is a line of its own. */
static int is_furniture(const char *t, size_t s, size_t e, int line, int *list)
{
	size_t k, after, i;
	unsigned second;
	*list = 0;
	/* "0 Comments", "12 comments", "3 shares" */
	for (i = s; i < e && is_digit_byte((unsigned char)t[i]); i++)
		;
	if (i > s && (match_ci(t, i, e, " comments", &after) || match_ci(t, i, e, " comment", &after) ||
		      match_ci(t, i, e, " shares", &after)) && rest_trivial(t, after, e))
		return 1;
	if (is_copyright(t, s, e))
		return 1;
	if (!furniture_ready)
		furniture_index();
	second = s + 1 < e ? lower_byte((unsigned char)t[s + 1]) : 0x100;   /* 0x100: none */
	for (k = furniture_head[lower_byte((unsigned char)t[s])]; k; k = furniture_next[k - 1]) {
		const struct furniture *f = &furniture[k - 1];
		int hit = 0;
		if (furniture_second[k - 1] && furniture_second[k - 1] != second)
			continue;
		if ((f->flags & F_LINE) && !line)
			continue;
		switch (f->mode) {
		case F_WHOLE:
			hit = match_ci(t, s, e, f->pat, &after) && rest_trivial(t, after, e);
			break;
		case F_PREFIX:
			hit = match_ci(t, s, e, f->pat, NULL);
			break;
		default:  /* F_COLON */
			hit = match_ci(t, s, e, f->pat, &after) &&
			      (after = skip_space(t, after, e)) < e && t[after] == ':';
			break;
		}
		if (hit) {
			*list = (f->flags & F_LIST) != 0;
			/* "Related: Albion's new stadium: what we know so far": a link with another
			 * story's headline, a teaser (2) */
			if (f->mode == F_COLON && (f->flags & F_LIST) && words_from(t, after + 1, e) >= 3)
				return 2;
			return 1;
		}
	}
	if (translation_note(t, s, e))
		return 1;
	/* The F_CONTAINS patterns come last in the table and none makes a link list. */
	return e - s < 4000 && furniture_anywhere(t, s, e);
}

/* A translated byline on a line of its own: "From Helena Marchetti" ("Von ..."), "From" and two or
 * three capitalised words, nothing else. */
static int from_name(const char *t, size_t s, size_t e)
{
	size_t i, n, words = 0;
	if (!match_ci(t, s, e, "from ", &i))
		return 0;
	static const char *const small[] = { "with", "to", "and", "of", "the", "in", "on", "for", "at", "by", "a",
					     "an", "or", NULL };
	while ((i = skip_space(t, i, e)) < e) {
		size_t a = i;
		if (!cp_is_upper(cp_at(t, i, e, &n)) || ++words > 3)
			return 0;
		for (; i < e && t[i] != ' '; i++)
			if (is_digit_byte((unsigned char)t[i]) || t[i] == ',' || t[i] == '.' || t[i] == ':')
				return 0;
		if (i - a < 8) {
			char w[8];
			size_t k;
			for (k = a; k < i; k++)
				w[k - a] = (char)lower_byte((unsigned char)t[k]);
			if (in_list(small, w, i - a))
				return 0;   /* a title in Title Case: "From Harwick With Love" */
		}
	}
	return words >= 2;
}

/* "By Ana Ruiz", "BY ANA RUIZ | Staff" */
static int starts_by_name(const char *t, size_t s, size_t e)
{
	size_t after, n;
	if (!match_ci(t, s, e, "by ", &after))
		return 0;
	after = skip_openers(t, after, e);
	return after < e && cp_is_upper(cp_at(t, after, e, &n));
}

static int has_role(const char *t, size_t s, size_t e)
{
	/* the roles' first bytes (built on first use): most words start with none of them */
	static unsigned char role_first[256];
	static int role_ready;
	const char *const *r;
	size_t i;
	if (!role_ready) {
		for (r = roles; *r; r++)
			role_first[(unsigned char)(*r)[0]] = 1;
		role_ready = 1;
	}
	for (i = s; i < e; i++) {
		if (!role_first[lower_byte((unsigned char)t[i])])
			continue;
		if (i > s && !space_len(t, i - 1, e) && t[i - 1] != ',' && t[i - 1] != '|' && t[i - 1] != '/')
			continue;
		for (r = roles; *r; r++)
			if (match_ci(t, i, e, *r, NULL))
				return 1;
	}
	return 0;
}

/* "Jane Doe is a reporter who covers ...", "Jane Doe covers transport for the Herald." */
static int is_bio(const char *t, size_t s, size_t e)
{
	static const char *const verbs[] = {
		"is a ", "is an ", "is the ", "is senior ", "is our ", "has been a ", "was a ", "covers ",
		"writes about ", "writes for ", "reports on ", "joined ", NULL
	};
	size_t i = s, names = 0, n;
	const char *const *v;
	if (e - s > 600)
		return 0;
	for (;;) {
		size_t ws = i, we;
		if (i >= e || !cp_is_upper(cp_at(t, i, e, &n)))
			break;
		while (i < e && !space_len(t, i, e))
			i++;
		we = i;
		if (in_index(&ix_openers, t + ws, we - ws))
			return 0;
		names++;
		i = skip_space(t, i, e);
		if (names > 4)
			return 0;
	}
	if (!names)
		return 0;
	for (v = verbs; *v; v++)
		if (match_ci(t, i, e, *v, NULL))
			return has_role(t, i, e) || match_ci(t, i, e, "covers ", NULL);
	return 0;
}

static int starts_credit(const char *t, size_t s, size_t e, int line)
{
	const char *const *p;
	s = skip_openers(t, s, e);   /* "(Reporting by Ana Ruiz; editing by Tom Lee)" */
	if (s >= e)
		return 0;
	if (!credit_ready) {
		for (p = credit_prefixes; *p; p++)
			credit_first[(unsigned char)(*p)[0]] = 1;
		credit_ready = 1;
	}
	if (credit_first[lower_byte((unsigned char)t[s])] && s + 1 < e)
		for (p = credit_prefixes; *p; p++)
			if ((unsigned char)(*p)[0] == lower_byte((unsigned char)t[s]) &&
			    (unsigned char)(*p)[1] == lower_byte((unsigned char)t[s + 1]) && match_ci(t, s, e, *p, NULL))
				return 1;
	if (!line || e - s > 80)
		return 0;
	for (p = stamp_prefixes; *p; p++)
		if (match_ci(t, s, e, *p, NULL)) {
			size_t i;
			for (i = s; i < e; i++)
				if (is_digit_byte((unsigned char)t[i]))
					return 1;
		}
	return 0;
}

/* A dateline on its own line: "LISBON (Wire) —", "WASHINGTON --". */
static int is_dateline(const char *t, size_t s, size_t e, const shape *sh)
{
	size_t i = s, up = 0, n;
	const unsigned char *u = (const unsigned char *)t;
	if (sh->words > 8)
		return 0;
	while (i < e && cp_is_upper(cp_at(t, i, e, &n))) {
		up++;
		i += n;
	}
	if (up < 2 || (i < e && cp_is_lower(cp_at(t, i, e, &n))))
		return 0;
	if (u[e - 1] == '-' || u[e - 1] == ':')
		return 1;
	return e - s >= 3 && u[e - 3] == 0xE2 && u[e - 2] == 0x80 && (u[e - 1] == 0x94 || u[e - 1] == 0x93);
}

/* "MORE FROM THE HERALD: FLOODS CLOSE ROADS": caps, a colon, then at least two words. */
static int caps_colon_teaser(const char *t, size_t s, size_t e, const shape *sh)
{
	const char *c;
	shape rest;
	if (!shape_allcaps(sh))
		return 0;
	c = memchr(t + s, ':', e - s);
	if (!c)
		return 0;
	shape_of(t, (size_t)(c - t) + 1, e, &rest);
	return rest.words >= 2;
}

/* ---- driver -------------------------------------------------------------------------------- */

typedef struct line {
	size_t ts, te;      /* trimmed content */
	size_t next;        /* offset of the next line, len at the end */
	size_t indent;      /* leading whitespace in columns */
	size_t cols;        /* code points of the content */
	size_t first_word;  /* code points of its first word */
	int blank;
} line;

typedef struct state {
	const char *t;
	size_t len;
	int hardwrap;
	size_t width;
	unsigned paragraph, index;
	int list;           /* inside a link list ("Related:" and the titles after it) */
	int seen_body;      /* a sentence or heading was emitted: no more titles */
	int seen_sentence;  /* a sentence has been emitted (a byline comes before any) */
	int last_kind;      /* of the segment emitted last (-1: none yet) */
	unsigned pull_looks; /* searches for a pull quote's words earlier in the text, at most PULL_LOOKS */
	int (*cb)(const ct_segment *seg, void *payload);
	void *payload;
} state;

static void line_read(const char *t, size_t len, size_t pos, line *ln)
{
	const char *nl = memchr(t + pos, '\n', len - pos);
	size_t e = nl ? (size_t)(nl - t) : len, i = pos, cont;

	ln->next = nl ? e + 1 : len;
	ln->indent = 0;
	while (i < e && is_ws_byte((unsigned char)t[i])) {
		ln->indent += t[i] == '\t' ? 8 : 1;
		i++;
	}
	ln->ts = i;
	while (e > i && is_ws_byte((unsigned char)t[e - 1]))
		e--;
	ln->te = e;
	ln->blank = ln->ts == ln->te;
	/* Code points are the bytes that are not UTF-8 continuation bytes: count those in the first
	 * word (up to a space or tab), then in the rest, in a loop with no branch to mispredict. */
	cont = 0;
	for (i = ln->ts; i < e && t[i] != ' ' && t[i] != '\t'; i++)
		cont += ((unsigned char)t[i] & 0xC0) == 0x80;
	ln->first_word = (i - ln->ts) - cont;
	/* The rest sixteen bytes at a time (SSE2), then eight: a continuation byte has bit 7 set and
	 * bit 6 clear, that is, it is below 0xC0 read as a signed byte (-64). */
#if defined(__SSE2__)
	if (i + 16 <= e) {
		const __m128i below = _mm_set1_epi8((char)0xC0), zero = _mm_setzero_si128();
		__m128i sum = zero;
		uint64_t half[2];
		while (i + 16 <= e) {
			/* per-lane counts in bytes, added up before one can pass 255 */
			__m128i acc = zero;
			size_t k;
			for (k = 0; k < 255 && i + 16 <= e; k++, i += 16)
				acc = _mm_sub_epi8(acc, _mm_cmplt_epi8(_mm_loadu_si128((const __m128i *)(const void *)(t + i)),
								       below));
			sum = _mm_add_epi64(sum, _mm_sad_epu8(acc, zero));
		}
		_mm_storeu_si128((__m128i *)(void *)half, sum);
		cont += (size_t)(half[0] + half[1]);
	}
#endif
	for (; i + 8 <= e; i += 8) {
		uint64_t x;
		memcpy(&x, t + i, 8);
		x = (x & ~(x << 1)) & UINT64_C(0x8080808080808080);
		cont += (size_t)(((x >> 7) * UINT64_C(0x0101010101010101)) >> 56);
	}
	for (; i < e; i++)
		cont += ((unsigned char)t[i] & 0xC0) == 0x80;
	ln->cols = (e - ln->ts) - cont;
}

/* Whether line a stops mid-sentence and b carries on: the sign of hard-wrapped text. Either b goes
 * on in lowercase, or a ends with a word that cannot end a sentence or a heading ("the", "of"). */
static int wraps_on(const char *t, const line *a, const line *b)
{
	static const char *const dangling[] = {
		"the", "a", "an", "of", "to", "in", "on", "at", "for", "with", "from", "by", "and", "or",
		"but", "that", "whose", "its", "their", "his", "her", NULL
	};
	unsigned char last = (unsigned char)t[a->te - 1];
	size_t n, ws = a->te;
	int32_t first = cp_at(t, b->ts, b->te, &n);

	while (ws > a->ts && !is_ws_byte((unsigned char)t[ws - 1]))
		ws--;
	if (ws > a->ts && in_list(dangling, t + ws, a->te - ws))
		return 1;
	if (!cp_is_lower(first))
		return 0;
	return (last >= 'a' && last <= 'z') || is_digit_byte(last) || last == ',' || last == ';' ||
	       (last == '-' && a->te - a->ts >= 2 && is_alpha_byte((unsigned char)t[a->te - 2]));
}

/* Decides whether the text is hard-wrapped, and at which width. */
static void layout_scan(state *st)
{
	size_t hist[258] = { 0 }, strong = 0, width = 0, longer = 0, pos = 0, c;
	line a, b;

	if (!st->len)
		return;
	line_read(st->t, st->len, 0, &a);
	for (;;) {
		if (!a.blank && a.first_word < a.cols)
			hist[a.cols > 256 ? 257 : a.cols]++;
		if (a.next >= st->len)
			break;
		pos = a.next;
		line_read(st->t, st->len, pos, &b);
		if (!a.blank && !b.blank && wraps_on(st->t, &a, &b)) {
			strong++;
			if (a.cols > width)
				width = a.cols;
		}
		a = b;
	}
	for (c = width + 11; c < 258; c++)
		longer += hist[c];
	st->hardwrap = strong >= 1 && width <= 120 && longer <= 1 + strong / 4;
	st->width = width;
}

static int line_ends_sentence(const char *t, const line *a, const line *b)
{
	size_t i = trailing_term(t, a->ts, a->te), k;
	if (i == SIZE_MAX)
		return 0;
	for (k = i; k < a->te && term_len(t, k, a->te); k += term_len(t, k, a->te))
		;
	return is_boundary(t, a->ts, i, k, skip_openers(t, b->ts, b->te), b->te);
}

/* A line that may stand alone: short, unpunctuated, Title Case, caps or a byline. */
static int standalone_like(const char *t, const line *ln)
{
	shape sh;
	unsigned char last = (unsigned char)t[ln->te - 1];
	if (ln->cols >= 60 || trailing_term(t, ln->ts, ln->te) != SIZE_MAX || last == ',' || last == ';')
		return 0;
	if (starts_by_name(t, ln->ts, ln->te))
		return 1;
	shape_of(t, ln->ts, ln->te, &sh);
	return shape_allcaps(&sh) || (shape_titlecase(&sh) && sh.low_words == 0);
}

/* Whether the line s..e ends in a lower-case word no sentence or heading ends with: an article,
 * a preposition or a conjunction ("on", "of", "the", "and"), so a shorter line is still wrapped. */
/* Whether [s, e) ends with a lower-case word of the list (after a space). */
static int ends_word_in(const char *t, size_t s, size_t e, const char *const *words)
{
	const char *const *w;
	size_t k = e;
	while (k > s && t[k - 1] >= 'a' && t[k - 1] <= 'z')
		k--;
	if (k == e || e - k > 7 || (k > s && t[k - 1] != ' '))
		return 0;
	for (w = words; *w; w++)
		if (strlen(*w) == e - k && !memcmp(*w, t + k, e - k))
			return 1;
	return 0;
}

static int ends_function_word(const char *t, size_t s, size_t e)
{
	/* and a verb of saying in the past with nothing after it: "..., which represents 2,300 farms,
	 * said | Grisby already buys ..." (a headline's is in the present: "..., regulator says") */
	static const char *const words[] = { "a", "an", "the", "of", "on", "in", "at", "by", "to", "for", "from",
					     "with", "and", "or", "but", "than", "into", "onto", "its", "their",
					     "his", "her", "our", "whose", "which", "that", "said", "told", NULL };
	return ends_word_in(t, s, e, words);
}

/* "by Jan." / "31. Sen. Marsh ...": a line opening with a number and a period is no numbered item
 * when the line before ends with a month's or a number's abbreviation ("Jan.", "No."); the
 * number is the day or the number that abbreviation wants. */
static int number_goes_on(const char *t, const line *a, const line *b)
{
	size_t k = a->te - 1;
	if (!is_digit_byte((unsigned char)t[b->ts]) || t[k] != '.')
		return 0;
	while (k > a->ts && is_alpha_byte((unsigned char)t[k - 1]))
		k--;
	if (k > a->ts && !is_ws_byte((unsigned char)t[k - 1]))
		return 0;
	return in_index(&ix_months, t + k, a->te - 1 - k) || in_index(&ix_before_number, t + k, a->te - 1 - k);
}

/* Whether [s, e) ends with a preposition of time that wants a year or a day after it ("retired
 * before" / "2012 receive ..."). */
static int ends_time_word(const char *t, size_t s, size_t e)
{
	static const char *const words[] = { "before", "after", "since", "until", "between", "during", NULL };
	return ends_word_in(t, s, e, words);
}

/* Whether a paragraph ends between lines a and b (both non-blank); c is the line after b.
 * Never inside a sentence: not when b goes on in lowercase, a ends in a comma or a hyphen, or a
 * ends with an abbreviation ("Mr.") rather than a full stop. */
static int breaks_between(const state *st, const line *a, const line *b, const line *c)
{
	const char *t = st->t;
	unsigned char last = (unsigned char)t[a->te - 1];
	size_t n;

	if (!st->hardwrap)
		return 1;
	if (bullet_len(t, b->ts, b->te) && !number_goes_on(t, a, b))
		return 1;
	if (cp_is_lower(cp_at(t, b->ts, b->te, &n)) || last == ',' || last == ';' || last == '-')
		return 0;
	if (trailing_term(t, a->ts, a->te) != SIZE_MAX && !line_ends_sentence(t, a, b))
		return 0;
	if (b->indent > a->indent)
		return 1;
	if (ends_function_word(t, a->ts, a->te))
		return 0;   /* "... an emergency budget of $9 million on" / "Dec. 10, its spokeswoman" */
	if (ends_in_credit(t, a->ts, a->te)) {
		/* "... Photo: Priya | Sandoval/Calloway Wire": the credit's name wrapped, the rest of
		 * it (a slash, no stop) on a short next line */
		if (!memchr(t + a->ts, '/', a->te - a->ts) && b->te - b->ts < 48 &&
		    memchr(t + b->ts, '/', b->te - b->ts) && !memchr(t + b->ts, '.', b->te - b->ts))
			return 0;
		return 1;   /* a caption's line ends with its photo credit */
	}
	/* "... protected by Article" / "9 of the state constitution": a long line ending in a word
	 * and a figure opening the next go on, though the figure would have fitted */
	if (is_digit_byte((unsigned char)t[b->ts]) && is_alpha_byte(last) && a->cols * 2 >= st->width &&
	    !bullet_len(t, b->ts, b->te) &&
	    (a->cols * 4 >= st->width * 3 || ends_function_word(t, a->ts, a->te) || ends_time_word(t, a->ts, a->te)))
		return 0;   /* (a nearly full, or ending in "before": not a heading on its own line) */
	if (a->cols + 1 + b->first_word <= st->width)
		return 1;
	/* A short "By Name" line is a byline of its own, whatever the line before it. */
	if (b->cols < 60 && starts_by_name(t, b->ts, b->te) && trailing_term(t, a->ts, a->te) == SIZE_MAX)
		return 1;
	/* A line longer than the wrap width was pasted unwrapped: it is a paragraph of its own.
	 * So is an unpunctuated all-caps line (a teaser) before a line in mixed case. */
	if (a->cols > st->width + 8)
		return 1;
	/* (maybe_allcaps first: most lines have lower case enough to rule capitals out in a few
	 * bytes, and line b's shape matters only after an all-caps line a) */
	if (maybe_allcaps(t, a->ts, a->te)) {
		shape sa, sb;
		shape_of(t, a->ts, a->te, &sa);
		if (shape_allcaps(&sa)) {
			shape_of(t, b->ts, b->te, &sb);
			if (!shape_allcaps(&sb) && trailing_term(t, a->ts, a->te) == SIZE_MAX)
				return 1;
		}
	}
	if (standalone_like(t, b) && line_ends_sentence(t, a, b) &&
	    (!c || c->blank || b->cols + 1 + c->first_word <= st->width))
		return 1;
	return 0;
}

/* A kicker, a breadcrumb or a masthead above a title: "WORLD NEWS | EUROPE", "Wirepoint \u203a
 * World \u203a Europe", "News / Local", "The Tidende \u2014 English edition": all caps, or parts
 * joined by a separator between spaces. Such a heading is still a heading; it only leaves the
 * title's place to the next unpunctuated line. */
static int kicker_line(const char *t, size_t s, size_t e)
{
	static const char *const seps[] = { " | ", " \xE2\x80\xBA ", " \xC2\xBB ", " > ", " / ", " \xE2\x80\x94 ",
					    " \xE2\x80\x93 ", NULL };
	const char *const *p;
	shape sh;
	if (maybe_allcaps(t, s, e)) {
		shape_of(t, s, e, &sh);
		if (shape_allcaps(&sh))
			return 1;
	}
	/* every separator starts with a space: one pass over the spaces, not a search per separator */
	{
		const char *q = t + s, *end = t + e;
		while (q < end && (q = memchr(q, ' ', (size_t)(end - q))) != NULL) {
			for (p = seps; *p; p++) {
				size_t n;
				if (q + 1 >= end || q[1] != (*p)[1])
					continue;
				n = strlen(*p);
				if ((size_t)(end - q) >= n && memcmp(q, *p, n) == 0)
					return 1;
			}
			q++;
		}
	}
	return 0;
}

static int emit(state *st, size_t s, size_t e, ct_seg_kind kind)
{
	ct_segment seg;
	seg.start = s;
	seg.end = e;
	seg.kind = kind;
	seg.paragraph = st->paragraph;
	seg.index = st->index++;
	st->last_kind = (int)kind;
	/* a kicker or breadcrumb above the title does not take its place */
	if (kind == CT_SEG_SENTENCE || (kind == CT_SEG_HEADING && !kicker_line(st->t, s, e)))
		st->seen_body = 1;
	if (kind == CT_SEG_SENTENCE)
		st->seen_sentence = 1;
	return st->cb(&seg, st->payload);
}

/* "A vote after a long fight", "The money behind the plan": an article, a noun and a preposition's
 * phrase, no verb (no word of being, having or saying, none ending in "ed"): a heading's shape. */
static int verbless_phrase(const char *t, size_t s, size_t e)
{
	static const char *const verbs[] = { "is", "are", "was", "were", "has", "have", "had", "will", "would",
					     "says", "said", "can", "could", "may", "must", NULL };
	static const char *const preps[] = { "after", "of", "for", "in", "on", "over", "behind", "against",
					     "with", "at", "from", NULL };
	size_t i = s;
	int prep = 0;
	if (!match_ci(t, s, e, "a ", NULL) && !match_ci(t, s, e, "an ", NULL) && !match_ci(t, s, e, "the ", NULL))
		return 0;
	while ((i = skip_space(t, i, e)) < e) {
		size_t a = i;
		while (i < e && t[i] != ' ')
			i++;
		if (i - a >= 4 && t[i - 2] == 'e' && t[i - 1] == 'd')
			return 0;
		if (in_list(verbs, t + a, i - a))
			return 0;
		prep |= in_list(preps, t + a, i - a);
	}
	return prep;
}

/* The kind of an unpunctuated paragraph as a whole, or -1 to split it into sentences. */
/* The line opens with a question word: "What", "Why", "How", "Where", "When", "Who". */
static int wh_opening(const char *t, size_t s, size_t e)
{
	static const char *const wh[] = { "what ", "why ", "how ", "where ", "when ", "who ", NULL };
	const char *const *w;
	if (t[s] != 'W' && t[s] != 'H')
		return 0;
	for (w = wh; *w; w++)
		if (match_ci(t, s, e, *w, NULL))
			return 1;
	return 0;
}

/* The " | " separators of [s, e) (an outlet's line of section, date and source). */
static size_t pipes(const char *t, size_t s, size_t e)
{
	size_t i, n = 0;
	for (i = s + 1; i + 1 < e; i++)
		n += t[i] == '|' && t[i - 1] == ' ' && t[i + 1] == ' ';
	return n;
}

static int promo_sentence(const char *t, size_t s, size_t e);

static int classify_line(state *st, size_t s, size_t e)
{
	shape sh;
	int list = 0, f;
	size_t n;

	if (e - s > 400)
		return -1;
	shape_of(st->t, s, e, &sh);
	if ((starts_by_name(st->t, s, e) && sh.words <= 15) || starts_credit(st->t, s, e, 1) ||
	    is_dateline(st->t, s, e, &sh) || (st->seen_body && !st->seen_sentence && from_name(st->t, s, e)))
		return CT_SEG_BYLINE;
	if (sh.words <= 10 && has_role(st->t, s, e) && cp_is_upper(cp_at(st->t, s, e, &n)) &&
	    (memchr(st->t + s, ',', e - s) || memchr(st->t + s, '|', e - s) ||
	     memchr(st->t + s, '/', e - s)))
		return CT_SEG_BYLINE;
	if (sh.words <= 10 && sh.has_month && sh.has_digit)
		return CT_SEG_BYLINE;
	if (sh.cols < 200 && memchr(st->t + s, '|', e - s) && pipes(st->t, s, e) >= 2)
		return CT_SEG_FURNITURE;   /* "Nordvik Dagblad | Abroad | Friday 20.11.2026 | Translated ...",
					    * "World | Europe", "Share | Tweet | 57 comments" */
	if (caps_colon_teaser(st->t, s, e, &sh))
		return CT_SEG_TEASER;
	if (ends_in_credit(st->t, s, e))
		return CT_SEG_FURNITURE;   /* a caption with its photo credit */
	if ((f = is_furniture(st->t, s, e, 1, &list))) {
		/* "READ MORE: <headline>" is one link with its headline, no list of them after it */
		st->list = f == 2 ? 0 : list;
		return f == 2 ? CT_SEG_TEASER : CT_SEG_FURNITURE;
	}
	if (sh.words <= 8 && (st->t[s] == 'G' || st->t[s] == 'J' || st->t[s] == 'S') && promo_sentence(st->t, s, e))
		return CT_SEG_FURNITURE;   /* a newsletter box's title: "Get the Courier Morning Briefing" */
	if (shape_allcaps(&sh) && sh.words >= 5)
		return CT_SEG_TEASER;
	if (st->list && sh.cols < 120)
		return CT_SEG_TEASER;
	if (bullet_len(st->t, s, e))
		return shape_titlecase(&sh) && !sh.has_digit ? CT_SEG_TEASER : -1;
	if (!st->seen_body && sh.cols < 150 && !memchr(st->t + s, '\n', e - s))
		return CT_SEG_HEADING;  /* the title: one line, any case */
	if (sh.cols < 80 && sh.words <= 12 && (shape_titlecase(&sh) || shape_allcaps(&sh)))
		return CT_SEG_HEADING;
	/* a section heading in sentence case ("What went wrong"): a few words with no figure, comma
	 * or quote mark, standing alone between paragraphs of the body (four words at most: too few
	 * for a claim, so a sentence that lost its full stop loses nothing; seven when it opens with
	 * a question word and asks nothing: "What it means for the savers", "How the rescue unfolded") */
	if (st->seen_body && sh.words >= 2 &&
	    (sh.words <= 4 ? sh.cols < 50 :
			     sh.words <= 7 && sh.cols < 70 && (wh_opening(st->t, s, e) || verbless_phrase(st->t, s, e))) &&
	    !sh.has_digit &&
	    cp_is_upper(cp_at(st->t, s, e, &n)) && !memchr(st->t + s, ',', e - s) && !memchr(st->t + s, '"', e - s) &&
	    !memchr(st->t + s, '\n', e - s) && !memchr(st->t + s, ':', e - s))
		return CT_SEG_HEADING;
	return -1;
}

/* A byline that ends in a full stop, so that it reads as a sentence: "By Mara Lindt | Pressline |
 * Oct. 18, 2027, 4:12 p.m.", "By Mara Lindt, Pressline, Oct. 18, 2027, 4:12 p.m.": "By", then a
 * name of two to four capitalised words followed by '|' or ','; a '|' anywhere, or a figure (a
 * date or a time) in fifteen words at most. "By Monday, 40 people had left." names no one. Or the
 * name and its outlet in brackets, all of it: "By Harriet Quayle (Dunmere Post)." */
static int byline_sentence(const char *t, size_t s, size_t e)
{
	size_t i, n, words = 0;
	shape sh;
	if (!starts_by_name(t, s, e))
		return 0;
	i = skip_openers(t, s + 3, e);
	while (i < e && words < 5 && cp_is_upper(cp_at(t, i, e, &n))) {
		while (i < e && t[i] != ' ' && t[i] != ',' && t[i] != '|')
			i++;
		words++;
		if (i < e && t[i] == ' ' && i + 1 < e && t[i + 1] != '|')
			i++;
		else
			break;
	}
	i = skip_space(t, i, e);
	if (words >= 2 && words <= 4 && i < e && t[i] == '(') {
		/* "By Harriet Quayle (Dunmere Post).": the outlet in brackets ends it */
		const char *c = memchr(t + i, ')', e - i);
		size_t j = c ? (size_t)(c - t) + 1 : e;
		if (j < e && t[j] == '.')
			j++;
		j = skip_space(t, j, e);
		/* "By Harriet Quayle (Dunmere Post). Translated from the English by Lexiko." */
		return c && (j >= e || (t[j - 1] == ' ' && starts_credit(t, j, e, 0))) && cp_is_upper(cp_at(t, i + 1, e, &n));
	}
	if (words < 2 || words > 4 || i >= e || (t[i] != ',' && t[i] != '|'))
		return 0;
	if (memchr(t + s, '|', e - s))
		return 1;
	shape_of(t, s, e, &sh);
	return sh.words <= 15 && sh.has_digit;
}

/* "Get the NewsArc morning briefing in your inbox.", "Join 80,000 readers who get it first.",
 * "Read the Avis every day — subscribe to the newsletter.": an imperative that opens the sentence
 * and a word of what an outlet sells (a newsletter, its readers, an app) in it. Reporting does not
 * address the reader so; a quote would open with its quote mark. */
static int promo_sentence(const char *t, size_t s, size_t e)
{
	static const char *const verbs[] = { "get ", "join ", "subscribe", "sign up", "read ", "follow ", "download ",
					     "support ", "donate", "try ", "never miss", "don't miss", NULL };
	static const char *const goods[] = { "newsletter", "briefing", "digest", "inbox", "subscribe", "subscription",
					     "readers", "alerts", "our app", "the app", "edition", "podcast", "daily", NULL };
	const char *const *v, *const *g;
	size_t i;
	/* on every sentence: out at once unless it opens with a capital one of the verbs starts with */
	if (e - s > 200 || !t[s] || !strchr("GJSRFDTNO", t[s]))
		return 0;
	if (t[s] == 'O') {
		/* "Our top stories in your inbox every weekday at 7 a.m." */
		if (!match_ci(t, s, e, "our ", NULL))
			return 0;
		for (i = s + 4; i < e; i++)
			if ((t[i] == 'y' || t[i] == 'n') &&
			    (match_ci(t, i, e, "your inbox", NULL) || match_ci(t, i, e, "newsletter", NULL)))
				return 1;
		return 0;
	}
	for (v = verbs; *v; v++)
		if (match_ci(t, s, e, *v, NULL))
			break;
	if (!*v)
		return 0;
	for (i = s + 1; i < e; i++)
		for (g = goods; *g; g++)
			if (lower_byte((unsigned char)t[i]) == (unsigned char)(*g)[0] && match_ci(t, i, e, *g, NULL))
				return 1;
	return 0;
}

/* Whether [s, e) opens as a date stamp may: with a figure, or a capitalised month, weekday or
 * stamp word ("Nov.", "Tuesday", "Updated", "Last"). Asked of every short sentence, so by first
 * letter: most open with none of these. */
static int stamp_opening(const char *t, size_t s, size_t e)
{
	static const char *const by_letter[26] = {
		['a' - 'a'] = "apr april aug august", ['d' - 'a'] = "dec december",
		['f' - 'a'] = "feb february fri friday first", ['j' - 'a'] = "jan january jun june jul july",
		['l' - 'a'] = "last", ['m' - 'a'] = "mar march may mon monday modified",
		['n' - 'a'] = "nov november", ['o' - 'a'] = "oct october",
		['p' - 'a'] = "published posted", ['s' - 'a'] = "sep sept september sat saturday sun sunday",
		['t' - 'a'] = "tue tues tuesday thu thur thurs thursday", ['u' - 'a'] = "updated",
		['w' - 'a'] = "wed wednesday",
	};
	const char *p;
	size_t n = 0;
	if (is_digit_byte((unsigned char)t[s]))
		return 1;
	if (t[s] < 'A' || t[s] > 'Z' || !(p = by_letter[t[s] - 'A']))
		return 0;
	while (s + n < e && is_alpha_byte((unsigned char)t[s + n]))
		n++;
	for (;;) {
		size_t j;
		for (j = 0; j < n && lower_byte((unsigned char)t[s + j]) == (unsigned char)p[j]; j++)
			;
		if (j == n && (p[j] == ' ' || !p[j]))
			return 1;
		while (*p && *p != ' ')
			p++;
		if (!*p++)
			return 0;
	}
}

/* A date stamp standing as a sentence of its own in a hard-wrapped byline block: "Nov. 19, 2026,
 * updated 7:40 a.m.", "Published Tuesday, 3 March 2026 at 10:05 GMT", "Dec. 1, 2026, 6:40 a.m.". Ten
 * words at most, one of them "updated", "published", "posted" or "modified" (or a month and a
 * clock time), a figure, and nothing but dates, times, figures and those words ("The report was
 * published on Nov. 19." has more). */
static int stamp_sentence(const char *t, size_t s, size_t e)
{
	static const char *const stamp[] = { "updated", "published", "posted", "modified", NULL };
	static const char *const glue[] = { "last", "first", "at", "on", "a.m.", "p.m.", "am", "pm", "|", "-", NULL };
	size_t i = s, words = 0;
	int stamped = 0, digit = 0, clock = 0, month = 0;
	if (e - s > 90 || !stamp_opening(t, s, e))
		return 0;
	while ((i = skip_space(t, i, e)) < e) {
		char w[16];
		size_t a = i, n = 0, k;
		int fig = 0;
		while (i < e && !is_ws_byte((unsigned char)t[i]))
			i++;
		if (++words > 10)
			return 0;
		for (k = a; k < i; k++) {
			fig |= is_digit_byte((unsigned char)t[k]);
			/* a clock time: "6:40" */
			clock |= t[k] == ':' && k > a && k + 1 < i && is_digit_byte((unsigned char)t[k - 1]) &&
				 is_digit_byte((unsigned char)t[k + 1]);
		}
		if (fig) {
			digit = 1;
			continue;
		}
		for (k = a; k < i && n < sizeof(w) - 1; k++)
			w[n++] = (char)lower_byte((unsigned char)t[k]);
		if (i - a >= sizeof(w))
			return 0;
		while (n > 1 && (w[n - 1] == ',' || w[n - 1] == ':' || w[n - 1] == ';' ||
				 (w[n - 1] == '.' && !(n == 4 && w[1] == '.'))))
			n--;
		w[n] = '\0';
		month |= in_list(month_names, w, n);
		if (in_list(stamp, w, n))
			stamped = 1;
		else if (!in_list(glue, w, n) && !in_list(month_names, w, n) &&
			 !(n <= 4 && t[a] >= 'A' && t[a] <= 'Z' && t[a + 1] >= 'A' && t[a + 1] <= 'Z'))
			return 0;   /* a word a stamp has not; a time zone (GMT, ET) it may */
	}
	/* or a date and a clock time alone: "Dec. 1, 2026, 6:40 a.m." */
	return digit && (stamped || (clock && month));
}

static int classify_sentence(state *st, size_t s, size_t e, int first, int *bio)
{
	shape sh;
	int list, f;
	if (*bio)
		return CT_SEG_BYLINE;
	if ((f = is_furniture(st->t, s, e, 0, &list)))
		return f == 2 ? CT_SEG_TEASER : CT_SEG_FURNITURE;
	if (promo_sentence(st->t, s, e))
		return CT_SEG_FURNITURE;
	if (starts_credit(st->t, s, e, 0) || stamp_sentence(st->t, s, e))
		return CT_SEG_BYLINE;
	if (first && byline_sentence(st->t, s, e))
		return CT_SEG_BYLINE;
	if (first && is_bio(st->t, s, e)) {
		*bio = 1;
		return CT_SEG_BYLINE;
	}
	if (e - s > 400 || !maybe_allcaps(st->t, s, e))
		return CT_SEG_SENTENCE;
	shape_of(st->t, s, e, &sh);
	if ((shape_allcaps(&sh) && sh.words >= 4) || caps_colon_teaser(st->t, s, e, &sh))
		return CT_SEG_TEASER;
	return CT_SEG_SENTENCE;
}

/* "Get ViralDesk alerts on your phone.", "Get the Daybreak newsletter: ...": a paragraph of one
 * sentence that opens with the imperative "Get" and a capital or "the" is a promotion; reporting
 * does not open so ("Get out," he said: the quote mark comes first). */
static int promotion(const char *t, size_t s, size_t e)
{
	size_t after, n;
	if (e - s > 300 || t[s] != 'G' || !match_ci(t, s, e, "get ", &after) || after >= e)
		return 0;
	return cp_is_upper(cp_at(t, after, e, &n)) || match_ci(t, after, e, "the ", NULL);
}

/* The first non-blank line after offset e opens with a sign-up ("Sign up", "Subscribe", "Enter your
 * email"). */
static int signup_follows(const state *st, size_t e)
{
	static const char *const signup[] = { "sign up", "subscribe", "enter your email", "enter your e-mail",
					      "your email", NULL };
	const char *t = st->t;
	const char *const *w;
	size_t i = e;
	while (i < st->len && is_ws_byte((unsigned char)t[i]))
		i++;
	if (i >= st->len || !strchr("SsEeYy", t[i]))
		return 0;
	for (w = signup; *w; w++)
		if (match_ci(t, i, st->len, *w, NULL))
			return 1;
	return 0;
}

/* A newsletter's blurb in its sign-up box: a short paragraph of one sentence between the box's
 * title or other furniture and the sign-up line ("The Courier Morning Brief / Courts, councils and
 * business from the valley, every weekday. / Sign up"). A paragraph of the article before a
 * newsletter box follows a sentence of the article, not a heading. */
static int newsletter_blurb(const state *st, size_t s, size_t e)
{
	if (e - s > 160 || (st->last_kind != CT_SEG_HEADING && st->last_kind != CT_SEG_FURNITURE) ||
	    sentence_end(st->t, s, e) < e)
		return 0;
	return signup_follows(st, e);
}

/* A pull quote: a paragraph that is all one quotation ("“We are not going to ...”") whose words
 * the article gave before, with their speaker. It repeats them in large type between paragraphs;
 * the claim is the first. Each look reads up to PULL_WINDOW bytes before it, and a text gets
 * PULL_LOOKS. */
#define PULL_LOOKS 32
#define PULL_WINDOW 16384
static int pull_quote(state *st, size_t s, size_t e)
{
	const char *t = st->t;
	size_t a = s, b = e;
	if (e - s < 40 || e - s > 400 || st->pull_looks >= PULL_LOOKS)
		return 0;
	if (t[a] == '"')
		a += 1;
	else if (e - s > 3 && !memcmp(t + a, "\xe2\x80\x9c", 3))
		a += 3;
	else if (!memcmp(t + a, "\xc2\xab", 2))
		a += 2;
	else
		return 0;
	if (t[b - 1] == '"')
		b -= 1;
	else if (!memcmp(t + b - 3, "\xe2\x80\x9d", 3))
		b -= 3;
	else if (!memcmp(t + b - 2, "\xc2\xbb", 2))
		b -= 2;
	else
		return 0;
	while (b > a && strchr(".,!?", t[b - 1]))
		b--;
	if (b - a < 30 || memchr(t + a, '"', b - a) || memchr(t + a, '\n', b - a))
		return 0;
	st->pull_looks++;
	/* within the article: the 16 KiB before it */
	{
		size_t from = s > PULL_WINDOW ? s - PULL_WINDOW : 0;
		return memmem(t + from, s - from, t + a, b - a) != NULL;
	}
}

static int process_block(state *st, size_t s, size_t e)
{
	const char *t = st->t;
	int kind = -1, bio = 0, rc = 0, first = 1, rest = -1, list;
	size_t p = s;

	/* Whole-line kinds only for paragraphs that are not several sentences. */
	if (trailing_term(t, s, e) == SIZE_MAX && sentence_end(t, s, e) == e)
		kind = classify_line(st, s, e);
	else if (is_copyright(t, s, e))
		kind = CT_SEG_FURNITURE;  /* "© 2024 The Herald. All rights reserved." stays whole */
	else if (e - s < 200 && pipes(t, s, e) >= 2 && !st->seen_sentence)
		kind = classify_line(st, s, e);   /* "The Observer | Thursday, December 3 | 5:15 a.m." */
	else if (e - s < 300 && ends_in_credit(t, s, e))
		kind = CT_SEG_FURNITURE;  /* a caption and its credit: "The stacks in Calvenby. Photo: ..." */
	else if (st->list && e - s < 160 && !memchr(t + s, '\n', e - s) && trailing_term(t, s, e) == SIZE_MAX)
		/* a link in a list, its headline a question: "Who was X? The painter" (no final stop) */
		kind = is_furniture(t, s, e, 1, &list) == 1 ? CT_SEG_FURNITURE : CT_SEG_TEASER;
	else if (sentence_end(t, s, e) >= e && promotion(t, s, e))
		kind = CT_SEG_FURNITURE;
	else if (newsletter_blurb(st, s, e) || pull_quote(st, s, e))
		kind = CT_SEG_FURNITURE;
	if (kind < 0)
		st->list = 0;
	if (kind >= 0) {
		rc = emit(st, s, e, (ct_seg_kind)kind);
		goto done;
	}
	while (p < e) {
		size_t q, qe;
		p = skip_space(t, p, e);
		if (p >= e)
			break;
		q = sentence_end(t, p, e);
		qe = q;
		while (qe > p && is_ws_byte((unsigned char)t[qe - 1]))
			qe--;
		kind = rest >= 0 ? rest : classify_sentence(st, p, qe, first, &bio);
		/* hard-wrapped text: a line of its own with no final stop, between a sentence that
		 * ended the line before and one that starts the next ("...critical condition.\nEarlier
		 * warnings\nThe ship was built ..."), is judged as a whole line: a section heading */
		if (rest < 0 && kind == CT_SEG_SENTENCE && (qe == e || t[qe] == '\n') && p > s && t[p - 1] == '\n' &&
		    !memchr(t + p, '\n', qe - p) && trailing_term(t, p, qe) == SIZE_MAX) {
			int saved = st->list;
			if (classify_line(st, p, qe) == CT_SEG_HEADING)
				kind = CT_SEG_HEADING;
			st->list = saved;
		}
		/* in a short paragraph, what follows furniture or a credit is that too: "Comments are
		 * moderated. Please keep it civil.", "Subscribe from 2.40 a week. Serving the valley since
		 * 1911.", "Spotted a mistake? Email corrections@..." */
		if (rest < 0 && (kind == CT_SEG_FURNITURE || (kind == CT_SEG_BYLINE && starts_credit(t, p, qe, 0))) &&
		    e - s <= 400)
			rest = kind;
		first = 0;
		if ((rc = emit(st, p, qe, (ct_seg_kind)kind)) != 0)
			goto done;
		p = q;
	}
done:
	st->paragraph++;
	return rc;
}

/* The driver looks at three lines at a time (a, the next b, the one after c) and then moves on by
 * one line: this keeps the last three read, so each line is read once. Lines are asked for in
 * increasing offsets, so the slot written over is always the one furthest back. */
typedef struct line_cache {
	line ln[3];
	size_t pos[3];
	unsigned next;
} line_cache;

static void line_get(line_cache *lc, const char *t, size_t len, size_t pos, line *ln)
{
	unsigned k;
	for (k = 0; k < 3; k++)
		if (lc->pos[k] == pos) {
			*ln = lc->ln[k];
			return;
		}
	k = lc->next;
	lc->next = (k + 1) % 3;
	line_read(t, len, pos, &lc->ln[k]);
	lc->pos[k] = pos;
	*ln = lc->ln[k];
}

/* Above the body, a line of its own ending in a full stop and then a line that is only a photo
 * credit ("A shopper checks prices in Tolly Cross on Tuesday." / "Photo: Sunniva Hale/Northgate
 * Wire"): the photo's caption, one block with its credit (which makes it furniture). Further down,
 * a credit alone after a paragraph belongs to a picture whose caption is missing. */
static int caption_over_credit(const char *t, const line *a, const line *b)
{
	return a->te - a->ts < 160 && t[a->te - 1] == '.' && b->te - b->ts < 80 && credit_tail(t, b->ts, b->te) &&
	       !starts_by_name(t, a->ts, a->te) && !pipes(t, a->ts, a->te);
}

int ct_segment_text(const char *text, size_t len,
		    int (*cb)(const ct_segment *seg, void *payload), void *payload)
{
	state st;
	line a, b, c;
	line_cache lc;
	size_t pos = 0, bs = SIZE_MAX, be = 0;
	int rc = 0;

	if (!cb || (!text && len))
		return ct_error_set(CT_EINPUT, "segment: no text or callback");
	memset(&st, 0, sizeof(st));
	st.last_kind = -1;
	st.t = text;
	st.len = len;
	st.cb = cb;
	st.payload = payload;
	if (!indexes_ready)
		indexes_build();
	layout_scan(&st);
	lc.pos[0] = lc.pos[1] = lc.pos[2] = SIZE_MAX;
	lc.next = 0;

	while (pos < len) {
		int brk = 1;
		line_get(&lc, text, len, pos, &a);
		pos = a.next;
		if (a.blank)
			continue;
		if (bs == SIZE_MAX)
			bs = a.ts;
		be = a.te;
		if (pos < len) {
			line_get(&lc, text, len, pos, &b);
			if (!b.blank) {
				int have_c = b.next < len;
				if (have_c)
					line_get(&lc, text, len, b.next, &c);
				brk = breaks_between(&st, &a, &b, have_c ? &c : NULL);
				if (brk && bs == a.ts && !st.seen_sentence && caption_over_credit(text, &a, &b))
					brk = 0;
			}
		}
		if (brk) {
			rc = process_block(&st, bs, be);
			bs = SIZE_MAX;
			if (rc)
				return rc;
		}
	}
	return rc;
}

/* ---- flattening and names ------------------------------------------------------------------ */

/* The first offset >= i in [i, e) where flattening may have to do something: a byte that may
 * start a space other than ' ', or a ' ' followed by such a byte or by another ' '. Bytes before
 * it are words and single spaces between them, copied as they are. Only for i > start of the
 * range, so a ' ' found is never the range's first byte; the last byte is left to the caller's
 * tests, as the scalar loop does. */
static inline size_t next_flat_stop(const char *t, size_t i, size_t e)
{
#if defined(__SSE2__)
	const __m128i c20 = _mm_set1_epi8(0x20), cc2 = _mm_set1_epi8((char)0xC2), ce2 = _mm_set1_epi8((char)0xE2);
	while (i + 17 <= e) {
		__m128i x = _mm_loadu_si128((const __m128i *)(const void *)(t + i));
		__m128i y = _mm_loadu_si128((const __m128i *)(const void *)(t + i + 1));
		/* a byte that may start a space: 0x00..0x20, 0xC2, 0xE2 */
		__m128i cx = _mm_or_si128(_mm_cmpeq_epi8(_mm_min_epu8(x, c20), x),
					  _mm_or_si128(_mm_cmpeq_epi8(x, cc2), _mm_cmpeq_epi8(x, ce2)));
		__m128i cy = _mm_or_si128(_mm_cmpeq_epi8(_mm_min_epu8(y, c20), y),
					  _mm_or_si128(_mm_cmpeq_epi8(y, cc2), _mm_cmpeq_epi8(y, ce2)));
		__m128i sp = _mm_cmpeq_epi8(x, c20);
		unsigned m = (unsigned)_mm_movemask_epi8(_mm_or_si128(_mm_andnot_si128(sp, cx), _mm_and_si128(sp, cy)));
		if (m)
			return i + (size_t)__builtin_ctz(m);
		i += 16;
	}
#endif
	return next_space_byte(t, i, e);
}

void ct_segment_flatten(ct_buf *out, const char *text, size_t start, size_t end)
{
	size_t i = start;
	/* The output is never longer than the range: one allocation check for the whole call. */
	if (end > start && ct_buf_grow(out, end - start) < 0)
		return;
	while (i < end) {
		size_t j = i, n;
		int nl = 0;
		/* Bytes that stay as they are, in one copy: words, and the single ASCII spaces between
		 * them (a space with a word on both sides comes out as itself). */
		for (; j < end; j++) {
			unsigned char c;
			if ((j = j > start ? next_flat_stop(text, j, end) : next_space_byte(text, j, end)) >= end)
				break;
			c = (unsigned char)text[j];
			if (!(byte_class[c] & B_SPACE))
				continue;
			if (c == ' ' && j > start && j + 1 < end && !space_len(text, j + 1, end))
				continue;
			if (c >= 0x80 && !space_len(text, j, end))
				continue;  /* a 0xC2 or 0xE2 lead byte that is not a space */
			break;
		}
		if (j > i) {
			memcpy(out->ptr + out->len, text + i, j - i);
			out->len += j - i;
			i = j;
			continue;
		}
		while (j < end && (n = space_len(text, j, end))) {
			if (text[j] == '\n')
				nl = 1;
			j += n;
		}
		if (i > start && j < end) {
			int join = nl && text[i - 1] == '-' && i - 1 > start &&
				   (is_alpha_byte((unsigned char)text[i - 2]) ||
				    ((unsigned char)text[i - 2] & 0x80)) &&
				   cp_is_lower(cp_at(text, j, end, &n));
			if (!join)
				out->ptr[out->len++] = ' ';
		}
		i = j;
	}
	if (end > start)
		out->ptr[out->len] = '\0';
}

const char *ct_seg_kind_name(ct_seg_kind kind)
{
	static const char *const names[CT_SEG_KIND_COUNT] = {
		"sentence", "heading", "byline", "furniture", "teaser"
	};
	if ((unsigned)kind >= CT_SEG_KIND_COUNT)
		return "unknown";
	return names[kind];
}
