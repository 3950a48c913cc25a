/* Check-worthiness features and scoring: the tokeniser's words folded to lower case (curly
 * apostrophes as straight ones, every figure as <num>), hashed into buckets as unigrams and
 * bigrams, plus dense cues. */
#include "extract/checkworthy.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

#include "extract/lexicon.h"

#define NUM_TOKEN "<num>"

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

/* The hash of a literal word (a cue, "<s>", "<num>"), as the tokeniser hashes a word. */
static uint32_t literal_hash(const char *s)
{
	char key[CT_LEX_KEY] = { 0 };
	size_t n = strlen(s);
	memcpy(key, s, n < CT_LEX_KEY ? n : CT_LEX_KEY - 1);
	return ct_lexicon_word_hash(key, n);
}

/* Folds the high bits in. */
static unsigned bucket(uint32_t h)
{
	return (h ^ (h >> CT_CW_HASH_BITS) ^ (h >> 28)) & (CT_CW_BUCKETS - 1);
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

/* The cues in a hash table keyed by the words' hash (the tokeniser's, which the features use
 * anyway), built on first use: a word is looked up with one probe. 4096 slots for 146 cues:
 * most words find their first slot empty, a branch the processor then predicts. */
#define CUE_SLOTS 4096
#define NCUES (sizeof(cues) / sizeof(cues[0]))
static unsigned char cue_slot[CUE_SLOTS];   /* index into cues + 1; 0: empty */
static uint32_t cue_hash[NCUES];
static uint32_t start_hash, end_hash, num_hash, per_hash;   /* "<s>", "</s>", "<num>", "per" */
static int cues_ready;

static void cues_build(void)
{
	size_t k;
	start_hash = literal_hash("<s>");
	end_hash = literal_hash("</s>");
	num_hash = literal_hash(NUM_TOKEN);
	per_hash = literal_hash("per");
	for (k = 0; k < NCUES; k++) {
		uint32_t s;
		cue_hash[k] = literal_hash(cues[k].word);
		s = cue_hash[k] & (CUE_SLOTS - 1);
		while (cue_slot[s])
			s = (s + 1) & (CUE_SLOTS - 1);
		cue_slot[s] = (unsigned char)(k + 1);
	}
	cues_ready = 1;
}

void ct_checkworthy_prepare(void)
{
	if (!cues_ready)
		cues_build();
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

/* The currency signs a word of the tokeniser can start with (£ ¥ €, which it reads as word
 * bytes): the sign's length, 0 for none. */
static size_t currency_prefix(const unsigned char *w, size_t n)
{
	if (n >= 2 && w[0] == 0xC2 && (w[1] == 0xA3 || w[1] == 0xA5))
		return 2;
	if (n >= 3 && w[0] == 0xE2 && w[1] == 0x82 && w[2] == 0xAC)
		return 3;
	return 0;
}

/* A figure of four digits 1900-2099, or such a decade ("1990s", "1990's", "1990’s"). */
static int is_year_token(const unsigned char *w, size_t n)
{
	if (n < 4 || !((w[0] == '1' && w[1] == '9') || (w[0] == '2' && w[1] == '0')) ||
	    w[2] < '0' || w[2] > '9' || w[3] < '0' || w[3] > '9')
		return 0;
	return n == 4 || (n == 5 && w[4] == 's') || (n == 6 && w[4] == '\'' && w[5] == 's') ||
	       (n == 8 && w[4] == 0xE2 && w[5] == 0x80 && w[6] == 0x99 && w[7] == 's');
}

/* w[0..n) and the lower-case ASCII word c are the same word (ASCII case folded, ’ read as '). */
static int word_is(const unsigned char *w, size_t n, const char *c)
{
	size_t k;
	for (k = 0; k < n; k++, c++) {
		unsigned char b = w[k];
		if (b == 0xE2 && k + 2 < n && w[k + 1] == 0x80 && w[k + 2] == 0x99) {
			b = '\'';
			k += 2;
		}
		if (!*c || (b >= 'A' && b <= 'Z' ? b + 32 : b) != (unsigned char)*c)
			return 0;
	}
	return *c == '\0';
}

/* The hash of w[0..n) as the tokeniser hashes a word (ct_lexicon_word_hash of its folded key), for
 * the parts of a token split below. */
static uint32_t part_hash(const unsigned char *w, size_t n)
{
	char key[CT_LEX_KEY] = { 0 };
	size_t k, m = 0;
	for (k = 0; k < n; k++) {
		unsigned char b = w[k];
		if (b == 0xE2 && k + 2 < n && w[k + 1] == 0x80 && w[k + 2] == 0x99) {
			b = '\'';
			k += 2;
		}
		if (m < CT_LEX_KEY - 1)
			key[m] = (char)(b >= 'A' && b <= 'Z' ? b + 32 : b);
		m++;
	}
	return ct_lexicon_word_hash(key, m);
}

struct words {
	struct feats f;
	uint32_t dense, prev;
	unsigned n;
	int prev_per;
};

/* One word w[0..wl) of the features: CT_TOK_CAP / CT_TOK_DIGIT in flags, h its hash. */
static inline __attribute__((always_inline)) void add_word(struct words *ws, const unsigned char *w, size_t wl, unsigned flags, uint32_t h)
{
	size_t cur;
	ws->n++;
	if (w[0] >= 0x80 && (cur = currency_prefix(w, wl)) != 0) {
		/* "£5m", "€30": the sign, and a figure when one follows */
		ws->dense |= DENSE(CT_CW_F_CURRENCY);
		if (cur < wl && w[cur] >= '0' && w[cur] <= '9')
			flags |= CT_TOK_DIGIT;
	} else if (w[0] == 0xC2 && wl >= 2 && (w[1] == 0xAB || w[1] == 0xBB)) {
		ws->dense |= DENSE(CT_CW_F_QUOTE);   /* « » */
	}
	if (flags & CT_TOK_DIGIT) {
		ws->dense |= DENSE(CT_CW_F_NUMBER);
		if (is_year_token(w, wl))
			ws->dense |= DENSE(CT_CW_F_YEAR);
		h = num_hash;
	} else {
		uint32_t s;
		if (ws->prev_per && wl == 4 && word_is(w, wl, "cent"))
			ws->dense |= DENSE(CT_CW_F_PERCENT);
		for (s = h & (CUE_SLOTS - 1); cue_slot[s]; s = (s + 1) & (CUE_SLOTS - 1))
			if (cue_hash[cue_slot[s] - 1] == h && word_is(w, wl, cues[cue_slot[s] - 1].word)) {
				ws->dense |= cues[cue_slot[s] - 1].dense;
				break;
			}
		/* "I" and "I'm" are capitalised everywhere: not a name. */
		if ((flags & CT_TOK_CAP) && ws->n > 1 && !(w[0] == 'I' && (wl == 1 || w[1] == '\'' || w[1] == 0xE2)))
			ws->dense |= DENSE(CT_CW_F_NAME);
	}
	ws->prev_per = h == per_hash;   /* "per" (then "cent" is tested by its bytes) */
	add_hashed(&ws->f, h);
	add_hashed(&ws->f, pair_hash(ws->prev, h));
	ws->prev = h;
}

int ct_cw_features_tokens(const struct ct_tokens *tk, struct ct_cw_feature *out, int max)
{
	const unsigned char *p = (const unsigned char *)tk->s;
	struct words ws;
	uint32_t dense;
	size_t i, end, len = tk->len;
	unsigned words;
	int k;

	if (max <= 0)
		return 0;
	if (!cues_ready)
		cues_build();
	memset(ws.f.filter, 0, sizeof(ws.f.filter));
	ws.f.out = out;
	ws.f.n = 0;
	ws.f.room = max > CT_CW_NDENSE ? max - CT_CW_NDENSE : 0;
	ws.prev = start_hash;
	ws.dense = 0;
	ws.n = 0;
	ws.prev_per = 0;

	/* The tokeniser's words, each hashed once there (with its lexicon key); its punctuation
	 * gives the marks. A word with a hyphen or an abbreviation's periods is split into its parts
	 * ("twenty-five", "U.S.", "Mr."), as a reader of the words would. */
	for (i = 0; i < tk->n; i++) {
		const struct ct_token *t = &tk->t[i];
		const unsigned char *w = p + t->start;
		size_t wl = t->end - t->start;

		if (t->flags & CT_TOK_PUNCT) {
			static const uint32_t mark[256] = {
				['%'] = DENSE(CT_CW_F_PERCENT), ['$'] = DENSE(CT_CW_F_CURRENCY),
				['"'] = DENSE(CT_CW_F_QUOTE),
			};
			ws.dense |= mark[w[0]];
			/* “ ” (a lone ’ is an apostrophe more often than a quote) */
			if (w[0] == 0xE2 && wl == 3 && (w[2] == 0x9C || w[2] == 0x9D))
				ws.dense |= DENSE(CT_CW_F_QUOTE);
			continue;
		}
		if (!(t->flags & (CT_TOK_HYPHEN | CT_TOK_ABBR))) {
			add_word(&ws, w, wl, t->flags, t->hash);
			continue;
		}
		{
			/* the parts between hyphens (and, in an abbreviation, periods) */
			size_t a = 0, b;
			int dots = (t->flags & CT_TOK_ABBR) != 0;
			while (a < wl) {
				for (b = a; b < wl && w[b] != '-' && !(dots && w[b] == '.'); b++)
					;
				if (b > a) {
					unsigned fl = w[a] >= '0' && w[a] <= '9' ? CT_TOK_DIGIT :
						      (w[a] >= 'A' && w[a] <= 'Z') ||
						      (w[a] == 0xC3 && b - a > 1 && w[a + 1] >= 0x80 && w[a + 1] <= 0x9E && w[a + 1] != 0x97) ? CT_TOK_CAP : 0;
					add_word(&ws, w + a, b - a, fl, fl & CT_TOK_DIGIT ? 0 : part_hash(w + a, b - a));
				}
				a = b + 1;
			}
		}
	}
	if (ws.n)
		add_hashed(&ws.f, pair_hash(ws.prev, end_hash));
	dense = ws.dense;
	words = ws.n;
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
	while (dense && ws.f.n < max) {
		k = __builtin_ctz(dense);
		dense &= dense - 1;
		out[ws.f.n].index = CT_CW_F_NUMBER + (unsigned)k;
		out[ws.f.n].value = 1.0f;
		ws.f.n++;
	}
	return ws.f.n;
}

int ct_cw_features(const char *s, size_t len, struct ct_cw_feature *out, int max)
{
	struct ct_tokens tk;
	if (max <= 0)
		return 0;
	ct_tokenize(&tk, len ? s : "", len);
	return ct_cw_features_tokens(&tk, out, max);
}

static double score_of(const struct ct_cw_feature *f, int n)
{
	double z = ct_cw_bias;
	int i;
	for (i = 0; i < n; i++)
		z += (double)ct_cw_weights[f[i].index] * f[i].value;
	return 1.0 / (1.0 + exp(-z));
}

double ct_checkworthy_tokens(const struct ct_tokens *tk)
{
	struct ct_cw_feature f[1024];
	return score_of(f, ct_cw_features_tokens(tk, f, (int)(sizeof(f) / sizeof(f[0]))));
}

double ct_checkworthy(const char *sentence, size_t len)
{
	struct ct_cw_feature f[1024];
	return score_of(f, ct_cw_features(sentence, len, f, (int)(sizeof(f) / sizeof(f[0]))));
}

double ct_checkworthy_threshold(void)
{
	return ct_cw_threshold;
}
