/* Check-worthiness of one sentence: a logistic regression over hashed word unigrams and bigrams
 * and a few dense features, trained in C by tools/cw_train.c on public check-worthiness data
 * (see docs/checkworthy.md). The weights are compiled in (cw_model.c, generated). */
#ifndef CT_EXTRACT_CHECKWORTHY_H
#define CT_EXTRACT_CHECKWORTHY_H

#include <stddef.h>

#include "extract/tokens.h"

#define CT_CW_HASH_BITS 14
#define CT_CW_BUCKETS (1u << CT_CW_HASH_BITS)

/* The dense features follow the hashed buckets in the weight table; each is 0 or 1. Adding,
 * removing or reordering one changes the table's layout: retrain (make train-checkworthy). */
enum {
	CT_CW_F_NUMBER = CT_CW_BUCKETS, /* a figure or a number word ("twelve", "million") */
	CT_CW_F_PERCENT,                /* %, percent, per cent, percentage */
	CT_CW_F_CURRENCY,               /* $, €, £, ¥, dollars, pounds, euros */
	CT_CW_F_YEAR,                   /* 1900-2099 as a figure, or a decade ("1990s") */
	CT_CW_F_COMPARATIVE,            /* more, less, highest, record, doubled, fell ... */
	CT_CW_F_NAME,                   /* a capitalised word that does not start the sentence */
	CT_CW_F_FIRST_PERSON,           /* I, we, me, us, my, our and their contractions */
	CT_CW_F_SECOND_PERSON,          /* you, your and their contractions */
	CT_CW_F_QUESTION,               /* ends with a question mark */
	CT_CW_F_SHORT,                  /* at most 5 words */
	CT_CW_F_MEDIUM,                 /* 6-12 words */
	CT_CW_F_LONG,                   /* 13-25 words */
	CT_CW_F_VERY_LONG,              /* more than 25 words */
	CT_CW_F_OPINION,                /* think, believe, should, hope, great, terrible ... */
	CT_CW_F_HEDGE,                  /* maybe, perhaps, probably, might, could ... */
	CT_CW_F_SAID,                   /* said, says, told, according */
	CT_CW_F_QUOTE,                  /* a quotation mark, straight or curly */
	CT_CW_DIM
};
#define CT_CW_NDENSE (CT_CW_DIM - CT_CW_F_NUMBER)

/* The weights the build compiled in (cw_model.c): one per feature index, the bias, and the
 * threshold chosen for F1 on the training data's validation part. */
extern const float ct_cw_weights[CT_CW_DIM];
extern const float ct_cw_bias;
extern const float ct_cw_threshold;

/* One active feature: its index in ct_cw_weights and its value. */
struct ct_cw_feature {
	unsigned index;
	float value;
};

/* Writes the features of the UTF-8 sentence s[0..len) to out, each index at most once, and
 * returns how many (at most max). The dense features always fit when max >= CT_CW_NDENSE:
 * hashed ones beyond the room left are dropped. s may be NULL when len is 0. No allocation.
 * Tokenises s (ct_tokenize) and calls ct_cw_features_tokens: the words are the tokeniser's.
 * The trainer (tools/cw_train.c) and ct_checkworthy share this function, so both see the
 * same features. */
int ct_cw_features(const char *s, size_t len, struct ct_cw_feature *out, int max);

/* The same features from the sentence's tokens (ct_tokenize): what ct_cw_features computes,
 * without reading the sentence again. */
int ct_cw_features_tokens(const struct ct_tokens *tk, struct ct_cw_feature *out, int max);

/* Check-worthiness in [0,1] of one tokenised sentence. */
double ct_checkworthy_tokens(const struct ct_tokens *tk);

/* Check-worthiness in [0,1] of one sentence, from the compiled weights. No heap allocation;
 * a single pass over the bytes. */
double ct_checkworthy(const char *sentence, size_t len);

/* The score above which a sentence counts as check-worthy (chosen for F1 when training). */
double ct_checkworthy_threshold(void);

/* Builds the cue table the features build on first use: call it before scoring on several
 * threads at once. */
void ct_checkworthy_prepare(void);

#endif
