/* Word tokens of one flattened sentence, with byte offsets and shape flags, in a caller-owned
 * fixed array: the extractor's recognisers share one tokenisation and allocate nothing. */
#ifndef CT_EXTRACT_TOKENS_H
#define CT_EXTRACT_TOKENS_H

#include <stddef.h>

#define CT_TOK_MAX 400

enum {
	CT_TOK_CAP = 1,        /* starts with an upper-case letter */
	CT_TOK_ALLCAPS = 2,    /* two or more letters, all upper case (U.N., NATO) */
	CT_TOK_DIGIT = 4,      /* starts with a digit */
	CT_TOK_PUNCT = 8,      /* punctuation: one character (or a quote/dash sequence) */
	CT_TOK_QUOTE_OPEN = 16,
	CT_TOK_QUOTE_CLOSE = 32,
	CT_TOK_ABBR = 64,      /* word ending in '.', part of the word (Mr. U.S. Oct.) */
	CT_TOK_HYPHEN = 128,   /* has an ASCII hyphen: "twenty-five", "COVID-19", or is one */
	CT_TOK_PLAIN = 256     /* a word of ASCII letters and digits only, starting with a letter,
	                        * at most CT_TOK_PLAIN_MAX bytes: its folded form is in key */
};

#define CT_TOK_PLAIN_MAX 22

struct ct_token {
	unsigned start, end;   /* byte offsets in the sentence */
	unsigned flags;
	unsigned lex;          /* CT_LEX_* lists the word belongs to (extract/lexicon.h) */
	unsigned hash;         /* a word's hash (ct_lexicon_word_hash of its folded form, at
	                        * most CT_LEX_KEY bytes of it); 0 for punctuation and figures */
};

/* 1 when token i is in the lexicon list(s) bits. */
#define CT_TOK_LEX(tk, i, bits) ((i) < (tk)->n && ((tk)->t[(i)].lex & (bits)))

struct ct_tokens {
	const char *s;
	size_t len;
	size_t n;
	struct ct_token t[CT_TOK_MAX];
	/* For a CT_TOK_PLAIN token: the word lower-cased, zero-padded to 24 bytes (its lexicon
	 * key), so the number lexer takes it instead of folding the word again. Other tokens'
	 * rows are not written. */
	char key[CT_TOK_MAX][24];
};

/* Tokenises s[0..len): words (letters, digits, inner apostrophes and hyphens, a final '.' for
 * known abbreviations and initials) and punctuation. Tokens past CT_TOK_MAX are dropped. */
void ct_tokenize(struct ct_tokens *tk, const char *s, size_t len);

/* Builds the tables ct_tokenize and the lexicon build on first use: call it before tokenising
 * on several threads at once. */
void ct_tokens_prepare(void);
/* ct_tok_is past its first test: token i exists. */
int ct_tok_is_rest(const struct ct_tokens *tk, size_t i, const char *word);

/* 1 when token i equals word (ASCII, case-insensitive; a curly apostrophe matches '). Inline:
 * most calls end on the first byte, for less than a call costs. */
static inline int ct_tok_is(const struct ct_tokens *tk, size_t i, const char *word)
{
	if (i >= tk->n)
		return 0;
	/* a ’ reads as ', so not when word starts so */
	if (word[0] != '\'' && ((unsigned char)tk->s[tk->t[i].start] | 0x20) != ((unsigned char)word[0] | 0x20))
		return 0;
	return ct_tok_is_rest(tk, i, word);
}
/* 1 when token i is one of the NULL-terminated words. */
int ct_tok_in(const struct ct_tokens *tk, size_t i, const char *const *words);

#endif
