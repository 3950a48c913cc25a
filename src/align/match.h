/* Cross-source matching: for each claim, the claims of other sources that speak of the same fact.
 * Candidates come from an inverted index over the claims' weighted terms (stems, synonym classes,
 * names, figures, dates) with IDF weights, so no all-pairs pass; the few best candidates of each
 * claim are then scored with the pair scorer (ct_compare_prepared). Pure: no I/O, no globals. */
#ifndef CT_ALIGN_MATCH_H
#define CT_ALIGN_MATCH_H

#include <stddef.h>
#include <stdint.h>

#include "align/compare.h"
#include "util/buf.h"

struct sb_stemmer;

/* Candidates kept per claim (best IDF-weighted overlap first, from other sources only). */
#define CT_MATCH_TOPK 12
/* Terms found in more claims than this (and in more than 1/20 of them) are skipped when
 * gathering candidates: they name no fact, and their posting lists would make the cost grow
 * with the square of the claims. */
#define CT_MATCH_DF_CAP 1000
/* Least candidate overlap (a Dice of IDF-weighted terms, 0..1) worth scoring. */
#define CT_MATCH_MIN_OVERLAP 0.08

struct ct_match_claim {
	const char *text;       /* one flattened line of UTF-8, borrowed */
	size_t len;
	const char *published;  /* the source's publication day "YYYY-MM-DD", or NULL */
	size_t source;          /* the source's number (any numbering; equal = same source) */
	int query;              /* 1: look for its candidates; 0: only a candidate of others */
};

/* A signal as the matcher keeps it: struct ct_signal in 20 bytes instead of 40 (claims are
 * shorter than 4 GiB). */
struct ct_match_signal {
	uint32_t kind;          /* enum ct_signal_kind */
	uint32_t a_start, a_end, b_start, b_end;
};

struct ct_match_pair {
	uint32_t a, b;          /* claim indexes, a < b */
	double score;           /* as ct_comparison.score */
	const char *relation;   /* "corroborates", "contradicts" or "related" (static) */
	uint32_t sig;           /* its signals: ct_match_result.signals[sig .. sig + nsig) */
	uint32_t nsig;
};

struct ct_match_result {
	struct ct_match_pair *pairs;
	size_t npairs;
	struct ct_match_signal *signals;
	size_t nsignals;
};
/* Frees what ct_match_run allocated in r and zeroes it. */
void ct_match_result_free(struct ct_match_result *r);
/* The comparison of pair p (score, relation, signals) as ct_compare gives it. */
void ct_match_comparison(const struct ct_match_result *r, const struct ct_match_pair *p, struct ct_comparison *out);

struct ct_match_stats {
	size_t claims, queries;
	size_t analysed;        /* claims analysed for their terms (the others' were given) */
	size_t terms;           /* distinct terms indexed */
	size_t postings;        /* term occurrences indexed */
	size_t skipped_terms;   /* terms over the document-frequency cap */
	size_t gated;           /* candidate pairs of sources of different stories, not scored */
	size_t candidates;      /* distinct candidate pairs scored */
	size_t pairs;           /* pairs kept (relation related or stronger) */
	size_t blocks;          /* blocks the candidate pairs were scored in */
	size_t prepared;        /* claims analysed for the scorer (once per block that needs them) */
	/* wall seconds of the refresh's steps (set by ct_match_refresh_ex): reading the claims from
	 * the index, their terms, scoring, storing the alignments (with their indexes), the sources'
	 * dependence, and the commit */
	double secs_load, secs_terms, secs_score, secs_store, secs_dependence, secs_commit;
};

/* Most threads ct_match_run uses. */
#define CT_MATCH_MAX_THREADS 16

/* Matches claims[0..n): every pair of claims of different sources where one is a query and the
 * other among its best candidates, scored, with up to threads threads (1..CT_MATCH_MAX_THREADS;
 * the caller's stemmer in the first, a stemmer of their own in the others; the result is the same
 * whatever the number); pairs whose relation is not "unrelated" are returned
 * in out (sorted by a then b; free with ct_match_result_free). stats may be NULL. 0, CT_EINPUT
 * (2^32 claims or more, or a claim of 4 GiB or more) or CT_ENOMEM. */
int ct_match_run(struct sb_stemmer *stemmer, const struct ct_match_claim *claims, size_t n, unsigned threads,
		 struct ct_match_result *out, struct ct_match_stats *stats);

/* The weighted terms of claims (the analysis ct_match_run starts with): claim i's are
 * terms[off[i] .. off[i + 1]) with weights[...] (term hashes sorted ascending, as
 * ct_prepared_term gives them). */
struct ct_match_terms {
	size_t *off;            /* n + 1 */
	uint32_t *terms;
	float *weights;
};
void ct_match_terms_free(struct ct_match_terms *t);
/* Analyses claims[0..n) for their terms into *out (allocated; free with ct_match_terms_free), with
 * up to threads threads (the caller's stemmer in the first). 0 or CT_ENOMEM. */
int ct_match_analyse(struct sb_stemmer *stemmer, const struct ct_match_claim *claims, size_t n, unsigned threads,
		     struct ct_match_terms *out);
/* As ct_match_run, with the claims' terms given (ct_match_analyse's, or kept from an earlier run):
 * the claims are not analysed for them. Takes *terms over: freed and zeroed, whatever the result. */
int ct_match_run_terms(struct sb_stemmer *stemmer, const struct ct_match_claim *claims, size_t n, unsigned threads,
		       struct ct_match_terms *terms, struct ct_match_result *out, struct ct_match_stats *stats);

/* Candidate pairs scored per block: the claims a block needs are analysed and kept only while
 * it is scored (about 1 KB each), so the memory of the scorer is bounded by the block, not by the
 * claims. Sources sharing at least CT_MATCH_BLOCK_LINK candidate pairs are put in the same
 * blocks where they fit, so that few claims are needed by two blocks (analysed twice). */
#define CT_MATCH_BLOCK_PAIRS 8192
#define CT_MATCH_BLOCK_LINK 3
/* As ct_match_run, with at most about block_pairs candidate pairs per block (at least 1): the
 * result is the same whatever the blocks; for the tests and the benchmark. */
int ct_match_run_blocks(struct sb_stemmer *stemmer, const struct ct_match_claim *claims, size_t n, unsigned threads,
			size_t block_pairs, struct ct_match_result *out, struct ct_match_stats *stats);

/* Appends the signals of cmp (over texts a and b) to out as the JSON array of
 * ct_comparison_json's "signals" printed unformatted: [{"kind", "a", "b"}] with the spans' text,
 * the same bytes, written directly (no cJSON tree per alignment). Check out with ct_buf_oom. */
void ct_match_signals_json(ct_buf *out, const struct ct_comparison *cmp, const char *a, const char *b);

/* One alignment between two sources, for the dependence test: the claims' positions (sentence
 * indexes) in their sources. */
struct ct_match_link {
	size_t sa, sb;          /* source numbers, sa != sb */
	long pa, pb;            /* positions in sa and sb */
};

struct ct_match_source {
	size_t nclaims;         /* active claims */
	const char *published;  /* day or timestamp (compared as text), NULL when unknown */
	const char *id;         /* for a stable order */
};

/* Source dependence: source x depends on y when the claims the two share (corroborating or
 * contradicting alignments in links) follow each other in the same order over most of the smaller
 * source: the longest run of aligned positions increasing in both sources (an LIS) covers at least
 * CT_MATCH_DEP_SHARE of the smaller source's claims, and at least CT_MATCH_DEP_MIN claims. The
 * copy is the later published (then the smaller, then the greater id). dep[x * nsources + y] is
 * set to 1 when x depends on y (dep: nsources * nsources bytes, cleared first). 0 or CT_ENOMEM. */
#define CT_MATCH_DEP_SHARE 0.7
#define CT_MATCH_DEP_MIN 6
int ct_match_dependence(const struct ct_match_source *sources, size_t nsources, const struct ct_match_link *links,
			size_t nlinks, unsigned char *dep);

/* As ct_match_dependence, with the claims' texts (claims[0..nclaims), their .source numbering the
 * sources; NULL: as ct_match_dependence) as a second kind of evidence, for a rewrite or translation
 * that reorders: claims aligned in any order covering CT_MATCH_DEP_SHARE of the smaller source (and
 * CT_MATCH_DEP_MIN), and the same quotes attributed alike, at least one and CT_MATCH_DEP_QUOTES of
 * the quotes of the source with fewer. Independent reporters quote the same speakers too, so
 * quotes alone never make a copy. 0 or CT_ENOMEM. */
#define CT_MATCH_DEP_QUOTES 0.75
/* A third kind, for a rewrite that rewords its narrative but keeps its original's quotes: claims
 * aligned in any order covering only CT_MATCH_DEP_QUOTED_SHARE of the smaller source (and
 * CT_MATCH_DEP_MIN), when the shared quotes (CT_MATCH_DEP_QUOTES of the fewer, as above) include
 * at least CT_MATCH_DEP_VERBATIM quoted word for word, long (CT_MATCH_DEP_LONG_QUOTE words of
 * four letters or more) and attributed to the same speaker on both sides. One statement given to
 * every reporter is often quoted word for word by independent outlets, so one such quote is not
 * enough, nor are quotes a source with more of its own does not share. */
#define CT_MATCH_DEP_QUOTED_SHARE 0.4
#define CT_MATCH_DEP_VERBATIM 2
#define CT_MATCH_DEP_LONG_QUOTE 6
int ct_match_dependence_quoted(const struct ct_match_source *sources, size_t nsources,
			       const struct ct_match_link *links, size_t nlinks, const struct ct_match_claim *claims,
			       size_t nclaims, unsigned char *dep);

#endif
