/* Comparing two claims: how much they speak of the same fact (a score), and where they differ
 * (signals naming the differing spans): numbers, dates and weekdays, negation, a person's title,
 * a substituted place or body, a drifted quote. Pure: the caller owns the stemmer. */
#ifndef CT_ALIGN_COMPARE_H
#define CT_ALIGN_COMPARE_H

#include <stddef.h>
#include <stdint.h>

#include <cJSON.h>

#define CT_COMPARE_MAX_SIGNALS 16

struct sb_stemmer;

enum ct_signal_kind {
	CT_SIG_NUMBER,        /* incompatible figures for the same unit */
	CT_SIG_DATE,          /* different days or weekdays */
	CT_SIG_NEGATION,      /* one says not, the other does not */
	CT_SIG_TITLE,         /* the same person with another title or role */
	CT_SIG_ENTITY,        /* another place, body or person in the same slot */
	CT_SIG_QUOTE,         /* the same speaker quoted with different words */
	CT_SIG_APPROXIMATION, /* compatible figures stated differently (lowers confidence only) */
	CT_SIG_SPELLING,      /* a name spelled differently (lowers confidence only) */
	CT_SIG_VARIANT        /* a body named with another word for its kind (Geological Survey /
	                       * Geological Service: lowers confidence only) */
};

struct ct_signal {
	enum ct_signal_kind kind;
	size_t a_start, a_end;   /* span in the first text */
	size_t b_start, b_end;   /* span in the second text */
};

struct ct_comparison {
	double score;            /* 0..1: how much the two speak of the same fact */
	const char *relation;    /* "corroborates", "contradicts", "related" or "unrelated" */
	size_t nsignals;
	struct ct_signal signals[CT_COMPARE_MAX_SIGNALS];
};

/* Thresholds on the score: from SAME a pair speaks of the same fact (and corroborates or
 * contradicts); from RELATED it is related. */
#define CT_COMPARE_SAME 0.40
#define CT_COMPARE_RELATED 0.25

/* Compares sentence a with sentence b (each one flattened line of UTF-8; published dates
 * "YYYY-MM-DD" or NULL anchor weekdays). stemmer is an English libstemmer stemmer (not shared
 * between threads). Allocates nothing: about 60 KB of stack per call. Always returns 0. */
int ct_compare(struct sb_stemmer *stemmer, const char *a, size_t alen, const char *pub_a,
	       const char *b, size_t blen, const char *pub_b, struct ct_comparison *out);
/* A prepared claim: one text tokenised, stemmed, its entities, figures, dates and quote read once,
 * so that matching compares many pairs without analysing a text again. ct_compare_prepared(a, b)
 * gives exactly what ct_compare gives on the two texts. A prepared claim borrows its text: the
 * text must outlive it (or the next ct_prepare into it). Tens of KB each (fixed-size arrays):
 * keep a few as scratch, and a packed copy (below) per claim of a large desk. */
struct ct_prepared;
/* NULL when out of memory. */
struct ct_prepared *ct_prepared_new(void);
void ct_prepared_free(struct ct_prepared *p);
/* Analyses text[0..len) (published "YYYY-MM-DD" or NULL) into p, replacing what it held. */
void ct_prepare(struct ct_prepared *p, struct sb_stemmer *stemmer, const char *text, size_t len,
		const char *published);
/* The weighted terms the similarity is computed over (stems and synonym classes, figures, dates;
 * hashes sorted ascending, no repeats): what candidate generation indexes. */
size_t ct_prepared_nterms(const struct ct_prepared *p);
void ct_prepared_term(const struct ct_prepared *p, size_t i, uint32_t *hash, double *weight);
/* A packed copy of a prepared claim: only the used part of its arrays (a few KB for a sentence
 * of a few dozen words), for keeping every claim of a large desk analysed. The packed form
 * borrows the text like the prepared claim. ct_prepared_pack writes ct_prepared_packed_size(p)
 * bytes to dst (8-byte aligned); ct_prepared_unpack makes p what it was when packed. */
size_t ct_prepared_packed_size(const struct ct_prepared *p);
void ct_prepared_pack(const struct ct_prepared *p, void *dst);
void ct_prepared_unpack(struct ct_prepared *p, const void *src);
/* Compares two prepared claims; the same result as ct_compare on their texts. 0, or CT_ENOMEM
 * (only when a == b). */
int ct_compare_prepared(struct ct_prepared *a, struct ct_prepared *b, struct ct_comparison *out);
/* "number", "date", "negation", "title", "entity", "quote", "approximation", "spelling",
 * "variant". */
const char *ct_signal_kind_name(enum ct_signal_kind kind);
/* 1 for the kinds that make a contradiction, 0 for the ones that only lower confidence. */
int ct_signal_contradicts(enum ct_signal_kind kind);
/* The comparison as JSON: {"score", "relation", "signals": [{"kind", "a", "b"}]} with the
 * differing spans' text. NULL when out of memory. */
cJSON *ct_comparison_json(const struct ct_comparison *c, const char *a, const char *b);
/* 1 when the scorer's built-in word tables are sorted (they are searched by bisection); for the
 * unit tests. */
int ct_compare_tables_sorted(void);

#endif
