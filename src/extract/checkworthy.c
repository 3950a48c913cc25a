/* Check-worthiness features and scoring: words folded to lower case (curly apostrophes as straight
 * ones, every figure as <num>), hashed into buckets as unigrams and bigrams, plus dense cues. */
#include "extract/checkworthy.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

#include "text/utf8.h"

/* Longer words are hashed by their first MAX_WORD bytes. */
#define MAX_WORD 32
#define NUM_TOKEN "<num>"

/* A word's hash: its lower-cased bytes (the first MAX_WORD) read as 8-byte blocks, each mixed in
 * with a multiply, then the length. w must be readable up to the 8-byte block holding its last
 * byte (the callers' buffers have MAX_WORD + 8 bytes); the bytes past wl are masked off. One
 * multiply per block instead of one per byte (FNV-1a, which the features used before), and the
 * bigram is a mix of two word hashes instead of a second pass over the bytes. */
static uint32_t word_hash(const char *w, size_t wl)
{
	uint64_t h = UINT64_C(0x9e3779b97f4a7c15) ^ wl, b;
	size_t k;
	for (k = 0; k < wl; k += 8) {
		memcpy(&b, w + k, 8);
		if (wl - k < 8)
			b &= (UINT64_C(1) << (8 * (wl - k))) - 1;
		h = (h ^ b) * UINT64_C(0xff51afd7ed558ccd);
		h ^= h >> 32;
	}
	h ^= h >> 33;
	h *= UINT64_C(0xc4ceb9fe1a85ec53);
	h ^= h >> 33;
	return (uint32_t)h;
}

/* The hash of the pair "first second": both hashes mixed, in order, with a salt of its own. */
static uint32_t pair_hash(uint32_t first, uint32_t second)
{
	uint64_t h = (((uint64_t)first << 32) | second) ^ UINT64_C(0x2545f4914f6cdd1d);
	h *= UINT64_C(0xff51afd7ed558ccd);
	h ^= h >> 33;
	h *= UINT64_C(0xc4ceb9fe1a85ec53);
	h ^= h >> 33;
	return (uint32_t)h;
}

/* The hash of a literal word (a cue, "<s>", "<num>"). */
static uint32_t literal_hash(const char *s)
{
	char w[MAX_WORD + 8] = { 0 };
	size_t n = strlen(s);
	memcpy(w, s, n);
	return word_hash(w, n);
}

/* Folds the high bits in. */
static unsigned bucket(uint32_t h)
{
	return (h ^ (h >> CT_CW_HASH_BITS) ^ (h >> 28)) & (CT_CW_BUCKETS - 1);
}

/* Letters and digits of any script; punctuation, symbols, spaces and emoji separate words. */
static int is_word_cp(int32_t c)
{
	if (c < 0x80)
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
	if (c < 0xC0 || c == 0xD7 || c == 0xF7 || c == 0x2BC)
		return 0;  /* C1 controls, no-break space, Latin-1 signs (£ « » ° ...), × ÷ */
	if ((c >= 0x2000 && c <= 0x2BFF) || (c >= 0x3000 && c <= 0x303F) || (c >= 0xFE00 && c <= 0xFE0F))
		return 0;  /* general punctuation, currency, arrows, maths, CJK punctuation */
	if (c == 0xFEFF || c >= 0xFFF0)
		return 0;  /* BOM, U+FFFD, emoji and other symbols beyond the BMP */
	return 1;
}

static int is_apostrophe(int32_t c)
{
	return c == '\'' || c == 0x2019 || c == 0x2BC;
}

static int is_quote_mark(int32_t c)
{
	return c == '"' || c == 0xAB || c == 0xBB || (c >= 0x201C && c <= 0x201F);
}

/* The code point at s[i] (i < len) and its length; an ill-formed byte reads as U+FFFD. */
static int32_t cp_at(const unsigned char *s, size_t len, size_t i, size_t *n)
{
	int32_t cp;
	size_t bad = 1;
	if (s[i] < 0x80) {
		*n = 1;
		return s[i];
	}
	*n = ct_utf8_decode(s + i, len - i, &cp, &bad);
	if (!*n)
		*n = bad;
	return cp;
}

/* Appends the lower-case UTF-8 form of c to word when it fits whole. */
static void put_lower(char *word, size_t *wl, int32_t c)
{
	if (c < 0x80) {
		if (*wl < MAX_WORD)
			word[(*wl)++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
		return;
	}
	if (c >= 0xC0 && c <= 0xDE && c != 0xD7)
		c += 0x20;  /* Latin-1 capitals; other scripts keep their case */
	if (c < 0x800) {
		if (*wl + 2 <= MAX_WORD) {
			word[(*wl)++] = (char)(0xC0 | (c >> 6));
			word[(*wl)++] = (char)(0x80 | (c & 0x3F));
		}
	} else if (c < 0x10000) {
		if (*wl + 3 <= MAX_WORD) {
			word[(*wl)++] = (char)(0xE0 | (c >> 12));
			word[(*wl)++] = (char)(0x80 | ((c >> 6) & 0x3F));
			word[(*wl)++] = (char)(0x80 | (c & 0x3F));
		}
	} else if (*wl + 4 <= MAX_WORD) {
		word[(*wl)++] = (char)(0xF0 | (c >> 18));
		word[(*wl)++] = (char)(0x80 | ((c >> 12) & 0x3F));
		word[(*wl)++] = (char)(0x80 | ((c >> 6) & 0x3F));
		word[(*wl)++] = (char)(0x80 | (c & 0x3F));
	}
}

#define DENSE(feature) ((uint32_t)1 << ((feature) - CT_CW_F_NUMBER))

/* Cue words and the dense features they carry, in byte order for the binary search. */
static const struct cue {
	const char *word;
	uint32_t dense;
} cues[] = {
	{ "according", DENSE(CT_CW_F_SAID) },
	{ "agree", DENSE(CT_CW_F_OPINION) },
	{ "believe", DENSE(CT_CW_F_OPINION) },
	{ "bigger", DENSE(CT_CW_F_COMPARATIVE) },
	{ "biggest", DENSE(CT_CW_F_COMPARATIVE) },
	{ "billion", DENSE(CT_CW_F_NUMBER) },
	{ "billions", DENSE(CT_CW_F_NUMBER) },
	{ "cents", DENSE(CT_CW_F_CURRENCY) },
	{ "could", DENSE(CT_CW_F_HEDGE) },
	{ "cut", DENSE(CT_CW_F_COMPARATIVE) },
	{ "cuts", DENSE(CT_CW_F_COMPARATIVE) },
	{ "decrease", DENSE(CT_CW_F_COMPARATIVE) },
	{ "decreased", DENSE(CT_CW_F_COMPARATIVE) },
	{ "decreases", DENSE(CT_CW_F_COMPARATIVE) },
	{ "disagree", DENSE(CT_CW_F_OPINION) },
	{ "dollar", DENSE(CT_CW_F_CURRENCY) },
	{ "dollars", DENSE(CT_CW_F_CURRENCY) },
	{ "double", DENSE(CT_CW_F_NUMBER) },
	{ "doubled", DENSE(CT_CW_F_COMPARATIVE) },
	{ "dozen", DENSE(CT_CW_F_NUMBER) },
	{ "dozens", DENSE(CT_CW_F_NUMBER) },
	{ "dropped", DENSE(CT_CW_F_COMPARATIVE) },
	{ "eight", DENSE(CT_CW_F_NUMBER) },
	{ "eighty", DENSE(CT_CW_F_NUMBER) },
	{ "eleven", DENSE(CT_CW_F_NUMBER) },
	{ "euro", DENSE(CT_CW_F_CURRENCY) },
	{ "euros", DENSE(CT_CW_F_CURRENCY) },
	{ "fallen", DENSE(CT_CW_F_COMPARATIVE) },
	{ "feel", DENSE(CT_CW_F_OPINION) },
	{ "fell", DENSE(CT_CW_F_COMPARATIVE) },
	{ "fewer", DENSE(CT_CW_F_COMPARATIVE) },
	{ "fifteen", DENSE(CT_CW_F_NUMBER) },
	{ "fifty", DENSE(CT_CW_F_NUMBER) },
	{ "first", DENSE(CT_CW_F_COMPARATIVE) },
	{ "five", DENSE(CT_CW_F_NUMBER) },
	{ "forty", DENSE(CT_CW_F_NUMBER) },
	{ "four", DENSE(CT_CW_F_NUMBER) },
	{ "great", DENSE(CT_CW_F_OPINION) },
	{ "grew", DENSE(CT_CW_F_COMPARATIVE) },
	{ "grown", DENSE(CT_CW_F_COMPARATIVE) },
	{ "guess", DENSE(CT_CW_F_HEDGE) },
	{ "half", DENSE(CT_CW_F_NUMBER) },
	{ "hate", DENSE(CT_CW_F_OPINION) },
	{ "higher", DENSE(CT_CW_F_COMPARATIVE) },
	{ "highest", DENSE(CT_CW_F_COMPARATIVE) },
	{ "hope", DENSE(CT_CW_F_OPINION) },
	{ "horrible", DENSE(CT_CW_F_OPINION) },
	{ "hundred", DENSE(CT_CW_F_NUMBER) },
	{ "hundreds", DENSE(CT_CW_F_NUMBER) },
	{ "i", DENSE(CT_CW_F_FIRST_PERSON) },
	{ "i'd", DENSE(CT_CW_F_FIRST_PERSON) },
	{ "i'll", DENSE(CT_CW_F_FIRST_PERSON) },
	{ "i'm", DENSE(CT_CW_F_FIRST_PERSON) },
	{ "i've", DENSE(CT_CW_F_FIRST_PERSON) },
	{ "increase", DENSE(CT_CW_F_COMPARATIVE) },
	{ "increased", DENSE(CT_CW_F_COMPARATIVE) },
	{ "increases", DENSE(CT_CW_F_COMPARATIVE) },
	{ "larger", DENSE(CT_CW_F_COMPARATIVE) },
	{ "largest", DENSE(CT_CW_F_COMPARATIVE) },
	{ "least", DENSE(CT_CW_F_COMPARATIVE) },
	{ "less", DENSE(CT_CW_F_COMPARATIVE) },
	{ "likely", DENSE(CT_CW_F_HEDGE) },
	{ "love", DENSE(CT_CW_F_OPINION) },
	{ "lower", DENSE(CT_CW_F_COMPARATIVE) },
	{ "lowest", DENSE(CT_CW_F_COMPARATIVE) },
	{ "may", DENSE(CT_CW_F_HEDGE) },
	{ "maybe", DENSE(CT_CW_F_HEDGE) },
	{ "me", DENSE(CT_CW_F_FIRST_PERSON) },
	{ "might", DENSE(CT_CW_F_HEDGE) },
	{ "million", DENSE(CT_CW_F_NUMBER) },
	{ "millions", DENSE(CT_CW_F_NUMBER) },
	{ "more", DENSE(CT_CW_F_COMPARATIVE) },
	{ "most", DENSE(CT_CW_F_COMPARATIVE) },
	{ "must", DENSE(CT_CW_F_OPINION) },
	{ "my", DENSE(CT_CW_F_FIRST_PERSON) },
	{ "myself", DENSE(CT_CW_F_FIRST_PERSON) },
	{ "need", DENSE(CT_CW_F_OPINION) },
	{ "never", DENSE(CT_CW_F_COMPARATIVE) },
	{ "nine", DENSE(CT_CW_F_NUMBER) },
	{ "ninety", DENSE(CT_CW_F_NUMBER) },
	{ "only", DENSE(CT_CW_F_COMPARATIVE) },
	{ "opinion", DENSE(CT_CW_F_OPINION) },
	{ "ought", DENSE(CT_CW_F_OPINION) },
	{ "our", DENSE(CT_CW_F_FIRST_PERSON) },
	{ "ours", DENSE(CT_CW_F_FIRST_PERSON) },
	{ "ourselves", DENSE(CT_CW_F_FIRST_PERSON) },
	{ "pct", DENSE(CT_CW_F_PERCENT) },
	{ "percent", DENSE(CT_CW_F_PERCENT) },
	{ "percentage", DENSE(CT_CW_F_PERCENT) },
	{ "perhaps", DENSE(CT_CW_F_HEDGE) },
	{ "possibly", DENSE(CT_CW_F_HEDGE) },
	{ "probably", DENSE(CT_CW_F_HEDGE) },
	{ "record", DENSE(CT_CW_F_COMPARATIVE) },
	{ "reported", DENSE(CT_CW_F_SAID) },
	{ "risen", DENSE(CT_CW_F_COMPARATIVE) },
	{ "rose", DENSE(CT_CW_F_COMPARATIVE) },
	{ "said", DENSE(CT_CW_F_SAID) },
	{ "says", DENSE(CT_CW_F_SAID) },
	{ "seems", DENSE(CT_CW_F_HEDGE) },
	{ "seven", DENSE(CT_CW_F_NUMBER) },
	{ "seventy", DENSE(CT_CW_F_NUMBER) },
	{ "should", DENSE(CT_CW_F_OPINION) },
	{ "since", DENSE(CT_CW_F_COMPARATIVE) },
	{ "six", DENSE(CT_CW_F_NUMBER) },
	{ "sixty", DENSE(CT_CW_F_NUMBER) },
	{ "smaller", DENSE(CT_CW_F_COMPARATIVE) },
	{ "smallest", DENSE(CT_CW_F_COMPARATIVE) },
	{ "stated", DENSE(CT_CW_F_SAID) },
	{ "suppose", DENSE(CT_CW_F_HEDGE) },
	{ "ten", DENSE(CT_CW_F_NUMBER) },
	{ "terrible", DENSE(CT_CW_F_OPINION) },
	{ "than", DENSE(CT_CW_F_COMPARATIVE) },
	{ "thank", DENSE(CT_CW_F_OPINION) },
	{ "thanks", DENSE(CT_CW_F_OPINION) },
	{ "think", DENSE(CT_CW_F_OPINION) },
	{ "thirty", DENSE(CT_CW_F_NUMBER) },
	{ "thousand", DENSE(CT_CW_F_NUMBER) },
	{ "thousands", DENSE(CT_CW_F_NUMBER) },
	{ "three", DENSE(CT_CW_F_NUMBER) },
	{ "times", DENSE(CT_CW_F_COMPARATIVE) },
	{ "told", DENSE(CT_CW_F_SAID) },
	{ "trillion", DENSE(CT_CW_F_NUMBER) },
	{ "trillions", DENSE(CT_CW_F_NUMBER) },
	{ "triple", DENSE(CT_CW_F_NUMBER) },
	{ "tripled", DENSE(CT_CW_F_COMPARATIVE) },
	{ "twelve", DENSE(CT_CW_F_NUMBER) },
	{ "twenty", DENSE(CT_CW_F_NUMBER) },
	{ "twice", DENSE(CT_CW_F_NUMBER) },
	{ "two", DENSE(CT_CW_F_NUMBER) },
	{ "us", DENSE(CT_CW_F_FIRST_PERSON) },
	{ "want", DENSE(CT_CW_F_OPINION) },
	{ "we", DENSE(CT_CW_F_FIRST_PERSON) },
	{ "we'd", DENSE(CT_CW_F_FIRST_PERSON) },
	{ "we'll", DENSE(CT_CW_F_FIRST_PERSON) },
	{ "we're", DENSE(CT_CW_F_FIRST_PERSON) },
	{ "we've", DENSE(CT_CW_F_FIRST_PERSON) },
	{ "wish", DENSE(CT_CW_F_OPINION) },
	{ "wonderful", DENSE(CT_CW_F_OPINION) },
	{ "wrong", DENSE(CT_CW_F_OPINION) },
	{ "you", DENSE(CT_CW_F_SECOND_PERSON) },
	{ "you'd", DENSE(CT_CW_F_SECOND_PERSON) },
	{ "you'll", DENSE(CT_CW_F_SECOND_PERSON) },
	{ "you're", DENSE(CT_CW_F_SECOND_PERSON) },
	{ "you've", DENSE(CT_CW_F_SECOND_PERSON) },
	{ "your", DENSE(CT_CW_F_SECOND_PERSON) },
	{ "yours", DENSE(CT_CW_F_SECOND_PERSON) },
	{ "yourself", DENSE(CT_CW_F_SECOND_PERSON) },
};
#define MAX_CUE 10

/* The cues in a hash table keyed by the words' hash (the hash the features use anyway),
 * built on first use: a word is looked up with one probe instead of a binary search. 4096 slots
 * for 146 cues: most words find their first slot empty, a branch the processor then predicts. */
#define CUE_SLOTS 4096
static unsigned char cue_slot[CUE_SLOTS];   /* index into cues + 1; 0: empty */
static uint32_t start_hash, end_hash, num_hash;   /* "<s>", "</s>", "<num>" */
static int cues_ready;

static void cues_build(void)
{
	size_t k;
	start_hash = literal_hash("<s>");
	end_hash = literal_hash("</s>");
	num_hash = literal_hash(NUM_TOKEN);
	for (k = 0; k < sizeof(cues) / sizeof(cues[0]); k++) {
		uint32_t s = literal_hash(cues[k].word) & (CUE_SLOTS - 1);
		while (cue_slot[s])
			s = (s + 1) & (CUE_SLOTS - 1);
		cue_slot[s] = (unsigned char)(k + 1);
	}
	cues_ready = 1;
}

/* The dense cues of one lower-cased word (not a figure) whose hash is h. */
static uint32_t word_cues(const char *w, size_t wl, int prev_per, uint32_t h)
{
	uint32_t s;
	if (prev_per && wl == 4 && !memcmp(w, "cent", 4))
		return DENSE(CT_CW_F_PERCENT);
	if (wl > MAX_CUE)
		return 0;
	for (s = h & (CUE_SLOTS - 1); cue_slot[s]; s = (s + 1) & (CUE_SLOTS - 1)) {
		const char *c = cues[cue_slot[s] - 1].word;
		if (c[0] == w[0] && !strncmp(c, w, wl) && c[wl] == '\0')
			return cues[cue_slot[s] - 1].dense;
	}
	return 0;
}

/* The output being built, and a filter of the buckets in it: a clear bit proves a bucket new, a
 * set bit sends us to scan (cheaper per sentence than clearing a bit per bucket). */
#define FILTER_BITS 4096
struct feats {
	uint64_t filter[FILTER_BITS / 64];
	struct ct_cw_feature *out;
	int n, room;
};

static inline void add_hashed(struct feats *f, uint32_t h)
{
	unsigned b = bucket(h), fb = b & (FILTER_BITS - 1);
	uint64_t bit = (uint64_t)1 << (fb & 63);
	int k;
	if (f->n >= f->room)
		return;
	if (f->filter[fb >> 6] & bit) {
		for (k = 0; k < f->n; k++)
			if (f->out[k].index == b)
				return;
	}
	f->filter[fb >> 6] |= bit;
	f->out[f->n].index = b;
	f->out[f->n].value = 1.0f;
	f->n++;
}

/* A figure of four digits 1900-2099, or such a decade ("1990s", "1990's"). */
static int is_year(const char *w, size_t wl)
{
	size_t k;
	if (wl < 4 || !((w[0] == '1' && w[1] == '9') || (w[0] == '2' && w[1] == '0')))
		return 0;
	for (k = 2; k < 4; k++)
		if (w[k] < '0' || w[k] > '9')
			return 0;
	return wl == 4 || (wl == 5 && w[4] == 's') || (wl == 6 && w[4] == '\'' && w[5] == 's');
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

/* 0x80 in each byte of x (seven-bit bytes) that is within lo..hi. */
static inline uint64_t in_range(uint64_t x, unsigned char lo, unsigned char hi)
{
	return (x + ONES * (unsigned char)(0x80 - lo)) & ~(x + ONES * (unsigned char)(0x7f - hi)) & HIGHS;
}

int ct_cw_features(const char *s, size_t len, struct ct_cw_feature *out, int max)
{
	const unsigned char *p = (const unsigned char *)s;
	struct feats f;
	char word[MAX_WORD + 8] = { 0 };
	uint32_t dense = 0, prev, h;
	size_t i = 0, wl, cl, end;
	unsigned words = 0;
	int prev_per = 0, k;

	if (max <= 0)
		return 0;
	if (!cues_ready)
		cues_build();
	memset(f.filter, 0, sizeof(f.filter));
	f.out = out;
	f.n = 0;
	f.room = max > CT_CW_NDENSE ? max - CT_CW_NDENSE : 0;
	prev = start_hash;

	while (i < len) {
		int32_t c;
		int digit, cap;
		unsigned char lc;

		if (p[i] < 0x80 && !alnum_lower[p[i]]) {
			/* ASCII punctuation and spaces, the most common bytes between words */
			static const uint32_t mark[128] = {
				['%'] = DENSE(CT_CW_F_PERCENT), ['$'] = DENSE(CT_CW_F_CURRENCY),
				['"'] = DENSE(CT_CW_F_QUOTE),
			};
			dense |= mark[p[i]];
			i++;
			continue;
		}
		if (p[i] < 0x80) {
			c = p[i];   /* an ASCII letter or digit (the rest of ASCII was taken above) */
			cl = 1;
		} else if (!is_word_cp(c = cp_at(p, len, i, &cl))) {
			if (c == 0xA3 || c == 0xA5 || c == 0x20AC)
				dense |= DENSE(CT_CW_F_CURRENCY);
			else if (is_quote_mark(c))
				dense |= DENSE(CT_CW_F_QUOTE);
			i += cl;
			continue;
		}
		/* A word: letters and digits, apostrophes inside it, separators inside a figure; its
		 * first MAX_WORD lower-cased bytes are stored, then hashed once. */
		wl = 0;
		digit = c >= '0' && c <= '9';
		cap = (c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0xDE && c != 0xD7);
		for (;;) {
			size_t nl;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
			/* a run of ASCII letters and digits, eight bytes at a time: which bytes are
			 * A-Z, a-z, 0-9 by bit tricks, the block stored lower-cased whole (word has 8
			 * bytes of room past MAX_WORD), the run's end found without a branch per byte */
			while (len - i >= 8) {
				uint64_t x, x7, up, al, stop;
				unsigned r;
				memcpy(&x, p + i, 8);
				x7 = x & ~HIGHS;
				up = in_range(x7, 'A', 'Z') & ~x;
				al = up | ((in_range(x7, 'a', 'z') | in_range(x7, '0', '9')) & ~x);
				stop = ~al & HIGHS;
				r = stop ? (unsigned)__builtin_ctzll(stop) >> 3 : 8;
				if (wl < MAX_WORD) {
					x |= up >> 2;   /* A-Z + 0x20 */
					memcpy(word + wl, &x, 8);
					wl = wl + r < MAX_WORD ? wl + r : MAX_WORD;
				}
				i += r;
				if (r < 8)
					break;
			}
#endif
			while (i < len && (lc = alnum_lower[p[i]]) != 0) {
				if (wl < MAX_WORD)
					word[wl++] = (char)lc;
				i++;
			}
			if (i >= len)
				break;
			/* what most often ends a word: a space or a punctuation mark */
			if (p[i] < 0x80 && p[i] != '\'' && (!digit || (p[i] != '.' && p[i] != ',')))
				break;
			c = cp_at(p, len, i, &cl);
			if (is_word_cp(c)) {
				put_lower(word, &wl, c);
				i += cl;
			} else if ((is_apostrophe(c) || (digit && (c == '.' || c == ','))) && i + cl < len &&
				   is_word_cp(cp_at(p, len, i + cl, &nl)) &&
				   (!digit || is_apostrophe(c) || (p[i + cl] >= '0' && p[i + cl] <= '9'))) {
				put_lower(word, &wl, is_apostrophe(c) ? '\'' : c);
				i += cl;
			} else {
				break;
			}
		}
		words++;
		if (digit) {
			dense |= DENSE(CT_CW_F_NUMBER);
			if (is_year(word, wl))
				dense |= DENSE(CT_CW_F_YEAR);
			memcpy(word, NUM_TOKEN, sizeof(NUM_TOKEN) - 1);
			wl = sizeof(NUM_TOKEN) - 1;
			h = num_hash;
		} else {
			h = word_hash(word, wl);
			dense |= word_cues(word, wl, prev_per, h);
			/* "I" and "I'm" are capitalised everywhere: not a name. */
			if (cap && words > 1 && !(word[0] == 'i' && (wl == 1 || word[1] == '\'')))
				dense |= DENSE(CT_CW_F_NAME);
		}
		/* without branches (which "per" or not would mispredict): word's bytes past wl are
		 * an earlier word's or a block's, and wl == 3 decides */
		prev_per = (wl == 3) & (word[0] == 'p') & (word[1] == 'e') & (word[2] == 'r');
		add_hashed(&f, h);
		add_hashed(&f, pair_hash(prev, h));
		prev = h;
	}
	if (words)
		add_hashed(&f, pair_hash(prev, end_hash));

	/* A question mark may be followed by closing quotes, brackets or spaces. */
	end = len;
	while (end) {
		unsigned char b = p[end - 1];
		if (b == ' ' || b == '\t' || b == '\n' || b == '"' || b == '\'' || b == ')')
			end--;
		else if (end >= 3 && p[end - 3] == 0xE2 && p[end - 2] == 0x80 && (b == 0x99 || b == 0x9D))
			end -= 3;  /* ’ ” */
		else
			break;
	}
	if (end && p[end - 1] == '?')
		dense |= DENSE(CT_CW_F_QUESTION);
	dense |= words <= 5 ? DENSE(CT_CW_F_SHORT) : words <= 12 ? DENSE(CT_CW_F_MEDIUM) :
		 words <= 25 ? DENSE(CT_CW_F_LONG) : DENSE(CT_CW_F_VERY_LONG);

	/* the dense features set, in index order */
	while (dense && f.n < max) {
		k = __builtin_ctz(dense);
		dense &= dense - 1;
		out[f.n].index = CT_CW_F_NUMBER + (unsigned)k;
		out[f.n].value = 1.0f;
		f.n++;
	}
	return f.n;
}

double ct_checkworthy(const char *sentence, size_t len)
{
	struct ct_cw_feature f[1024];
	int n = ct_cw_features(sentence, len, f, (int)(sizeof(f) / sizeof(f[0]))), i;
	double z = ct_cw_bias;
	for (i = 0; i < n; i++)
		z += (double)ct_cw_weights[f[i].index] * f[i].value;
	return 1.0 / (1.0 + exp(-z));
}

double ct_checkworthy_threshold(void)
{
	return ct_cw_threshold;
}
