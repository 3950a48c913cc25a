/* Check-worthiness of one sentence: a logistic regression over hashed word unigrams and bigrams
 * and a few dense features, trained in C by tools/cw_train.c on public check-worthiness data
 * (see docs/checkworthy.md). The weights are compiled in (cw_model.c). */
#ifndef CT_EXTRACT_CHECKWORTHY_H
#define CT_EXTRACT_CHECKWORTHY_H

#include <stddef.h>

#define CT_CW_HASH_BITS 14
#define CT_CW_BUCKETS (1u << CT_CW_HASH_BITS)
/* Dense features follow the hashed ones. */
enum {
	CT_CW_F_NUMBER = CT_CW_BUCKETS, /* a figure or a number word */
	CT_CW_F_PERCENT,                /* %, percent, a currency sign */
	CT_CW_F_YEAR,                   /* a year 1900-2099 */
	CT_CW_F_COMPARATIVE,            /* more, less, highest, record, increase ... */
	CT_CW_F_NAME,                   /* a capitalised word that does not start the sentence */
	CT_CW_F_FIRST_PERSON,           /* I, we, me, us, my, our */
	CT_CW_F_SECOND_PERSON,          /* you, your */
	CT_CW_F_QUESTION,               /* ends with a question mark */
	CT_CW_F_SHORT,                  /* at most 5 words */
	CT_CW_F_MEDIUM,                 /* 6-12 words */
	CT_CW_F_LONG,                   /* 13-25 words */
	CT_CW_F_VERY_LONG,              /* more than 25 words */
	CT_CW_F_OPINION,                /* think, believe, should, feel, hope, want ... */
	CT_CW_F_QUOTE,                  /* said, says, quote marks */
	CT_CW_F_BIAS_UNUSED,            /* reserved, always 0 */
	CT_CW_DIM
};

/* The weights the build compiled in (cw_model.c). */
extern const float ct_cw_weights[CT_CW_DIM];
extern const float ct_cw_bias;
extern const float ct_cw_threshold;

struct ct_cw_feature {
	unsigned index;
	float value;
};

/* Writes the features of sentence s[0..len) to out (at most max, duplicates merged); returns
 * how many. The trainer and ct_checkworthy share this function. No allocation. */
int ct_cw_features(const char *s, size_t len, struct ct_cw_feature *out, int max);
/* Check-worthiness in [0,1] of one sentence, from the compiled weights. */
double ct_checkworthy(const char *sentence, size_t len);
/* The score above which a sentence counts as check-worthy (chosen for F1 when training). */
double ct_checkworthy_threshold(void);

#endif
