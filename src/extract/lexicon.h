/* The extractor's word lists, looked up once per token: each word maps to a bit set of the
 * lists it belongs to (titles, organisation words, verbs of saying, ...). Case-insensitive. */
#ifndef CT_EXTRACT_LEXICON_H
#define CT_EXTRACT_LEXICON_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

enum {
	CT_LEX_TITLE = 1u << 0,
	CT_LEX_TITLE_MOD = 1u << 1,
	CT_LEX_ORG = 1u << 2,
	CT_LEX_PLACE = 1u << 3,
	CT_LEX_COUNTRY = 1u << 4,
	CT_LEX_NOT_NAME = 1u << 5,
	CT_LEX_JOINER = 1u << 6,
	CT_LEX_SAY = 1u << 7,
	CT_LEX_PRONOUN = 1u << 8,
	CT_LEX_FUTURE = 1u << 9,
	CT_LEX_OPINION = 1u << 10,
	CT_LEX_CAUSE = 1u << 11,
	CT_LEX_RULE = 1u << 12,
	CT_LEX_NUMWORD = 1u << 13,
	CT_LEX_SPEAKER_NOUN = 1u << 14,
	CT_LEX_SAY_AFTER = 1u << 15,
	CT_LEX_OF_TITLE = 1u << 16,
	CT_LEX_LOC_PREP = 1u << 17,
	CT_LEX_NAME_NUM = 1u << 18,
	CT_LEX_DATEWORD = 1u << 19,
	CT_LEX_NUMSTART = 1u << 20,    /* a number expression can start with it (numbers.c) */
	CT_LEX_DATESTART = 1u << 21,   /* a date expression can start with it, in lower case (dates.c) */
	CT_LEX_NUMANCHOR = 1u << 22,   /* a number word: every number expression without a figure has
	                                * one (numbers.c: parse_words) */
	CT_LEX_NUMSTOP = 1u << 23,     /* not a unit noun: a function word, number word or scale */
	CT_LEX_FIND = 1u << 24,        /* what a document or data does: "the report found", "figures
	                                * show", "an inspection showed" (quotes.c) */
	CT_LEX_DOC = 1u << 25,         /* a document or data that finds or shows things (quotes.c) */
	CT_LEX_ATTRIB = 1u << 26,      /* besides CT_LEX_SAY and CT_LEX_FIND, the words an attribution
	                                * can turn on ("according", "estimated", "claims" ...): a
	                                * sentence with none of the three has none (quotes.c) */
	CT_LEX_MALE = 1u << 27,        /* a courtesy title or role of a man (Mr, Sir, spokesman), or
	                                * he, his, him, himself (extract.c: the sex a text shows for a
	                                * person tells the two apart) */
	CT_LEX_FEMALE = 1u << 28,      /* of a woman (Ms, Mrs, Dame, spokeswoman), or she, her ... */
	CT_LEX_PAST = 1u << 29,        /* a verb's past that "-ed" does not show (took, was, had,
	                                * died ...; extract.c: past_verb, told_in_past) */
	CT_LEX_BINDS = 1u << 30,       /* face, faces, apply, applies: what a rule does to those it
	                                * binds (extract.c: binds) */
};
/* What a translation's "after figures of the authority" names ("nach Angaben"): figures, data,
 * measurements ... (quotes.c). The last bit: beyond an enum's int. */
#define CT_LEX_SOURCE (1u << 31)

/* The bit set of the word w[0..n) (ASCII case folded, a curly apostrophe read as '); 0 when
 * the word is in no list. */
unsigned ct_lexicon_lookup(const char *w, size_t n);
#define CT_LEX_KEY 24   /* a folded key's bytes, zero padding included */

/* The same for a word already folded: key[0..n) lower case, zero-padded to CT_LEX_KEY bytes. */
unsigned ct_lexicon_lookup_folded(const char key[CT_LEX_KEY], size_t n);

/* The hash of a folded word key[0..n) (zero-padded to CT_LEX_KEY bytes): its 8-byte blocks, each
 * mixed in with one multiply, then the length. The lexicon's slot comes from it, and the
 * tokeniser keeps it as the word's hash for the check-worthiness features, so a word is hashed
 * once for both. (The same values as the features' own hash before they read the tokeniser's
 * words, for words of up to CT_LEX_KEY bytes, so the model's buckets did not move.) Never 0 for
 * the words of the model: it is also the features' mark of a hashed word. The three rounds are
 * all computed and one chosen, without a branch on the length. */
static inline uint32_t ct_lexicon_word_hash(const char key[CT_LEX_KEY], size_t n)
{
	uint64_t a, b, c, h0, h1, h2, h3, h;
	memcpy(&a, key, 8);
	memcpy(&b, key + 8, 8);
	memcpy(&c, key + 16, 8);
	h0 = UINT64_C(0x9e3779b97f4a7c15) ^ (n < 32 ? n : 32);
	h1 = (h0 ^ a) * UINT64_C(0xff51afd7ed558ccd);
	h1 ^= h1 >> 32;
	h2 = (h1 ^ b) * UINT64_C(0xff51afd7ed558ccd);
	h2 ^= h2 >> 32;
	h3 = (h2 ^ c) * UINT64_C(0xff51afd7ed558ccd);
	h3 ^= h3 >> 32;
	h = n == 0 ? h0 : n <= 8 ? h1 : n <= 16 ? h2 : h3;
	h ^= h >> 33;
	h *= UINT64_C(0xc4ceb9fe1a85ec53);
	h ^= h >> 33;
	return (uint32_t)h;
}

/* The lexicon's open-addressing table, shared with the inline lookup below (lexicon.c fills it
 * on first use and owns it; nothing else writes it). A key's first slot is the top
 * CT_LEX_SLOT_BITS bits of its ct_lexicon_word_hash; ct_lex_tags holds one byte per slot, read
 * before the slot: 0 for an empty slot, else 0x80 | the next 7 bits of the hash. */
#define CT_LEX_SLOT_BITS 11
#define CT_LEX_SLOTS (1u << CT_LEX_SLOT_BITS)
struct ct_lex_slot {
	char key[CT_LEX_KEY]; /* zero-padded, so a key compares as one fixed-size block */
	unsigned char len;    /* 0: an empty slot */
	unsigned bits;
};
extern struct ct_lex_slot ct_lex_table[CT_LEX_SLOTS];
extern unsigned char ct_lex_tags[CT_LEX_SLOTS];
extern int ct_lex_ready;
/* Fills the table (once; the lookups call it). */
void ct_lexicon_build(void);

/* ct_lexicon_lookup_folded for a key whose ct_lexicon_word_hash is h. Inline: the tokeniser calls
 * it once per word, and most probes end on the first tag (an empty slot or another tag). */
static inline unsigned ct_lexicon_lookup_hashed(const char key[CT_LEX_KEY], size_t n, uint32_t h)
{
	unsigned char tag = (unsigned char)(0x80 | ((h >> (32 - CT_LEX_SLOT_BITS - 7)) & 0x7f));
	uint32_t s;
	if (!ct_lex_ready)
		ct_lexicon_build();
	if (!n || n >= CT_LEX_KEY)
		return 0;
	/* Linear probing; the table is about a third full, so a miss mostly ends at the first
	 * empty slot. A slot is read only when its tag is the key's. */
	for (s = h >> (32 - CT_LEX_SLOT_BITS); ct_lex_tags[s]; s = (s + 1) & (CT_LEX_SLOTS - 1))
		if (ct_lex_tags[s] == tag && ct_lex_table[s].len == n &&
		    !memcmp(ct_lex_table[s].key, key, CT_LEX_KEY))
			return ct_lex_table[s].bits;
	return 0;
}

#endif
