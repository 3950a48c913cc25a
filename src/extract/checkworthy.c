/* Check-worthiness features and scoring: word tokens folded to lower case (curly apostrophes as
 * straight ones, figures as one token), hashed into buckets as unigrams and bigrams. */
#include "extract/checkworthy.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

#define MAX_WORD 32

static uint32_t fnv(uint32_t h, const char *s, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

static int is_word_byte(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

static int word_is(const char *w, size_t n, const char *const *list)
{
	for (; *list; list++)
		if ((*list)[0] == w[0] && strlen(*list) == n && !memcmp(*list, w, n))
			return 1;
	return 0;
}

/* Which feature indexes are already in out: one bit each, cleared again before returning. */
struct seen {
	uint64_t bits[(CT_CW_DIM + 63) / 64];
};

static int add_seen(struct seen *seen, struct ct_cw_feature *out, int n, int max, unsigned index)
{
	uint64_t bit = (uint64_t)1 << (index & 63);
	if (seen->bits[index >> 6] & bit)
		return n;
	if (n < max) {
		seen->bits[index >> 6] |= bit;
		out[n].index = index;
		out[n].value = 1.0f;
		n++;
	}
	return n;
}

#define add(out, n, max, index) add_seen(&seen, out, n, max, index)

int ct_cw_features(const char *s, size_t len, struct ct_cw_feature *out, int max)
{
	static const char *const numwords[] = { "two", "three", "four", "five", "six", "seven", "eight",
		"nine", "ten", "twenty", "thirty", "forty", "fifty", "hundred", "hundreds", "thousand",
		"thousands", "million", "millions", "billion", "billions", "trillion", "percent", "half",
		"dozen", "dozens", NULL };
	static const char *const comparative[] = { "more", "less", "fewer", "most", "least", "highest",
		"lowest", "largest", "biggest", "smallest", "record", "increase", "increased", "decrease",
		"decreased", "doubled", "tripled", "cut", "rose", "fell", "grew", "dropped", "times",
		"higher", "lower", "larger", "only", "first", "never", NULL };
	static const char *const first[] = { "i", "we", "me", "us", "my", "our", "i'm", "we're", "i've",
		"we've", "i'll", "we'll", NULL };
	static const char *const second[] = { "you", "your", "you're", "you've", NULL };
	static const char *const opinion[] = { "think", "believe", "should", "feel", "hope", "want",
		"must", "ought", "love", "great", "wonderful", "terrible", "wrong", "right", "thank",
		"thanks", NULL };
	static const char *const said[] = { "said", "says", "told", "according", "stated", NULL };
	struct seen seen;
	char word[MAX_WORD + 1];
	uint32_t prev = 0;
	size_t i = 0, wl;
	int n = 0, words = 0, has_prev = 0;

	memset(&seen, 0, sizeof(seen));

	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		int digit = 0, cap = 0;
		if (c == '%' || c == '$' || (c == 0xe2 && i + 2 < len && (unsigned char)s[i + 1] == 0x82 &&
					     (unsigned char)s[i + 2] == 0xac) || (c == 0xc2 && i + 1 < len && (unsigned char)s[i + 1] == 0xa3))
			n = add(out, n, max, CT_CW_F_PERCENT);
		if (c == '"' || (c == 0xe2 && i + 2 < len && (unsigned char)s[i + 1] == 0x80 &&
				 ((unsigned char)s[i + 2] == 0x9c || (unsigned char)s[i + 2] == 0x9d)))
			n = add(out, n, max, CT_CW_F_QUOTE);
		if (!is_word_byte(c) || (c >= 0x80 && c == 0xe2)) {
			i++;
			continue;
		}
		/* A word: letters, digits, inner apostrophes, and digit separators. */
		wl = 0;
		cap = c >= 'A' && c <= 'Z';
		digit = c >= '0' && c <= '9';
		while (i < len) {
			c = (unsigned char)s[i];
			if (is_word_byte(c) && c != 0xe2) {
				if (wl < MAX_WORD)
					word[wl++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
				i++;
			} else if ((c == '\'' || c == '.' || c == ',') && i + 1 < len && is_word_byte((unsigned char)s[i + 1]) &&
				   (c == '\'' || digit)) {
				if (wl < MAX_WORD)
					word[wl++] = (char)c;
				i++;
			} else if (c == 0xe2 && i + 3 < len && (unsigned char)s[i + 1] == 0x80 &&
				   (unsigned char)s[i + 2] == 0x99 && is_word_byte((unsigned char)s[i + 3])) {
				if (wl < MAX_WORD)
					word[wl++] = '\'';
				i += 3;
			} else {
				break;
			}
		}
		word[wl] = '\0';
		words++;
		if (digit) {
			n = add(out, n, max, CT_CW_F_NUMBER);
			if (wl == 4 && (word[0] == '1' || word[0] == '2') && (word[1] == '9' || word[1] == '0'))
				n = add(out, n, max, CT_CW_F_YEAR);
			memcpy(word, "<num>", 6);
			wl = 5;
		} else {
			if (word_is(word, wl, numwords))
				n = add(out, n, max, CT_CW_F_NUMBER);
			if (word_is(word, wl, comparative))
				n = add(out, n, max, CT_CW_F_COMPARATIVE);
			if (word_is(word, wl, first))
				n = add(out, n, max, CT_CW_F_FIRST_PERSON);
			if (word_is(word, wl, second))
				n = add(out, n, max, CT_CW_F_SECOND_PERSON);
			if (word_is(word, wl, opinion))
				n = add(out, n, max, CT_CW_F_OPINION);
			if (word_is(word, wl, said))
				n = add(out, n, max, CT_CW_F_QUOTE);
			if (cap && words > 1 && !(wl == 1 && word[0] == 'i'))
				n = add(out, n, max, CT_CW_F_NAME);
		}
		{
			uint32_t h = fnv(2166136261u, word, wl);
			n = add(out, n, max, h & (CT_CW_BUCKETS - 1));
			if (has_prev)
				n = add(out, n, max, (fnv(prev * 31u + 7u, word, wl)) & (CT_CW_BUCKETS - 1));
			prev = h;
			has_prev = 1;
		}
	}
	while (len && (s[len - 1] == ' ' || s[len - 1] == '"' || s[len - 1] == '\n'))
		len--;
	if (len && s[len - 1] == '?')
		n = add(out, n, max, CT_CW_F_QUESTION);
	n = add(out, n, max, words <= 5 ? CT_CW_F_SHORT : words <= 12 ? CT_CW_F_MEDIUM :
			     words <= 25 ? CT_CW_F_LONG : CT_CW_F_VERY_LONG);
	return n;
}

double ct_checkworthy(const char *sentence, size_t len)
{
	struct ct_cw_feature f[512];
	int n = ct_cw_features(sentence, len, f, 512), i;
	double z = ct_cw_bias;
	for (i = 0; i < n; i++)
		z += ct_cw_weights[f[i].index] * f[i].value;
	return 1.0 / (1.0 + exp(-z));
}

double ct_checkworthy_threshold(void)
{
	return ct_cw_threshold;
}
