/* The report model: one in-memory summary of a desk's outcomes at one commit (claims with status,
 * verdicts, reviewers and evidence with signals; per-source scorecards; reviewer agreement; the
 * changelog of verdicts), which every format writer (md, html, json, jsonld, csv) renders. */
#ifndef CT_REPORT_MODEL_H
#define CT_REPORT_MODEL_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "desk/desk.h"
#include "review/board.h"
#include "review/review.h"
#include "util/buf.h"

struct cJSON;

struct rp_source {
	char *id, *outlet, *published, *url, *title;   /* published, url, title may be NULL */
	unsigned long n[CT_S_COUNT];   /* shown claims by status */
	unsigned long claims;          /* active claims (not withdrawn or superseded) */
	unsigned long single;          /* reviewed claims whose reviews cite no other source */
	size_t corroborating;          /* independent sources behind its corroborated claims */
	size_t root;                   /* the source it copies (rp_options.deps), else itself */
	int shown;                     /* passes --source */
};

struct rp_signal {
	const char *kind;              /* ct_signal_kind_name */
	char *a, *b;                   /* the differing spans: in the claim, in the evidence */
};

/* One evidence claim cited by a review, compared with the reviewed claim. */
struct rp_evidence {
	const char *claim;             /* the cited claim id (borrowed from the review) */
	long target;                   /* index into rp_model.claims, -1 when not in the desk */
	double score;
	const char *relation;          /* "corroborates", "contradicts", "related", "unrelated" */
	struct rp_signal *signals;
	size_t nsignals;
};

struct rp_review {
	const struct ct_board_review *r;   /* borrowed from rp_model.board */
	size_t reviewer;                   /* index into rp_model.reviewers */
	struct rp_evidence *evidence;      /* r->nevidence of them */
};

/* One claim, kept small (a desk may hold millions): its text lives in the model's arena, its
 * source is an index (the source's id is rp_model.sources[source].id), its record's lifecycle a
 * code; the rest of the record is not kept. */
struct rp_claim {
	char id[17];
	unsigned char lifecycle;       /* RP_LIFE_*: the record's "status" */
	unsigned char shown;           /* its source passes --source */
	enum ct_status status;
	const char *text;              /* in rp_model's arena */
	struct rp_review *reviews;     /* sorted by date, then email */
	const char *latest;            /* the date of the latest verdict (RFC 3339), NULL if none */
	long sentence;
	uint32_t source;               /* index into rp_model.sources */
	uint32_t nreviews;
	size_t independent;            /* report_independent_sources over its corroborating evidence */
};

/* The record "status" of a claim, as far as the report needs it. */
enum { RP_LIFE_ACTIVE, RP_LIFE_WITHDRAWN, RP_LIFE_SUPERSEDED };

struct rp_reviewer {
	const char *name, *email;      /* borrowed from the board */
	unsigned long n[CT_V_COUNT], total;
};

/* Agreement of two reviewers over the shown claims both judged (Cohen's kappa). */
struct rp_pair {
	size_t a, b;                   /* reviewer indexes, a < b */
	unsigned long n, agree;
	double kappa;                  /* valid when has_kappa (undefined when chance agreement is 1) */
	int has_kappa;
};

/* Fleiss' kappa over the shown claims judged by at least three reviewers. */
struct rp_fleiss {
	unsigned long items, ratings;
	double agreement, kappa;
	int has_kappa;
};

/* Evidence pairs between two sources a < b: how many corroborate and how many contradict (the
 * matrix is symmetric and has no diagonal, so only the pairs with evidence are kept). */
struct rp_cell {
	size_t a, b;
	unsigned long corroborate, contradict;
};

/* Blocks of bytes that hold the claims' texts (one allocation per block, not per claim). */
struct rp_arena {
	char **blocks;
	size_t nblocks, capblocks;
	size_t used, size;             /* of the last block */
};

/* One verdict that changed in one commit (newest commit first). */
struct rp_change {
	char commit[41];
	char *date;                    /* the commit's author date, RFC 3339 */
	char claim[17];
	char *name, *email;
	const char *verdict;           /* the new verdict, or "withdrawn" when the record was removed */
	const char *previous;          /* the verdict before, NULL when none */
};

struct rp_model {
	char commit[41];               /* the commit the report is built from */
	char since[41];                /* --since resolved, "" when not given */
	char *desk_name, *org_name, *org_url, *report_url;   /* from desk.json; may be NULL */
	const char *source_filter;     /* --source, NULL for all */
	struct ct_review_rule rule;
	struct ct_board board;         /* every review record of the commit */
	struct rp_source *sources;     /* sorted by id */
	size_t nsources;
	struct rp_claim *claims;       /* sorted by id */
	size_t nclaims;
	size_t *order;                 /* shown claims in display order: source, sentence, id */
	size_t norder;
	struct rp_reviewer *reviewers; /* sorted by email */
	size_t nreviewers;
	struct rp_pair *pairs;
	size_t npairs;
	struct rp_fleiss fleiss;
	struct rp_cell *cells;         /* source pairs with evidence, sorted by a then b (a < b) */
	size_t ncells;
	struct rp_arena arena;
	struct rp_change *changes;
	size_t nchanges;
};

struct rp_options {
	const char *at;                /* revision to build from; NULL = HEAD */
	const char *since;             /* revision: changelog of verdicts after it; NULL = none */
	const char *source;            /* only this source's claims; NULL = all */
	/* Source dependence (claimtrack match): deps[2k] is a copy of deps[2k + 1]; ndeps pairs.
	 * A copy and what it copies count as one witness. NULL: every source is independent. */
	const char *const *deps;
	size_t ndeps;
};

/* Builds the model of the desk at opt->at from the records of that commit (not the index, so
 * it is exact). CT_ENOTFOUND for an unknown revision or source. Release with rp_model_release. */
int rp_model_build(struct rp_model *m, ct_desk *desk, const struct rp_options *opt);
void rp_model_release(struct rp_model *m);

/* How many independent sources corroborate: the distinct sources, other than subject_source, of
 * the evidence cited by corroborating verdicts in reviews[0..n), a copy counting as the source
 * it copies (and not at all when that is subject_source or what subject_source copies). Every "independent sources"
 * count of the report comes from here. */
size_t report_independent_sources(const struct rp_model *m, size_t subject_source, const struct rp_review *reviews,
				  size_t n);

/* The rating of a settled verdict on the ClaimReview scale: 1 contradicted, 3 unverifiable,
 * 5 corroborated; 0 for a status that is not published (unreviewed, pending, disputed, ...). */
int rp_rating(enum ct_status s);
/* "Corroborated", "Contradicted", "Unverifiable" (alternateName), NULL otherwise. */
const char *rp_rating_name(enum ct_status s);

/* claimReviewed: the claim text without verdict words (true, false, misleading, ...), cut on a
 * word boundary with an ellipsis to fewer than 75 characters. Appends to out. */
void rp_claim_reviewed(ct_buf *out, const char *text);

/* The evidence pairs between sources a and b (either order): a cell of zeros when none. */
const struct rp_cell *rp_cell_get(const struct rp_model *m, size_t a, size_t b);

/* Where a writer's text goes. The writer appends to buf and calls rp_out_flush after each piece
 * (a claim, a section): when f is set and buf holds RP_OUT_CHUNK bytes or more, buf is written to
 * f and emptied, so a report of millions of claims never sits whole in memory. With f NULL the
 * whole text stays in buf. */
struct rp_out {
	ct_buf buf;
	FILE *f;
	int error;                     /* the errno of a failed write to f, 0 if none */
};
#define RP_OUT_CHUNK (64 * 1024)
void rp_out_init(struct rp_out *o, FILE *f);
/* Writes buf to f when it holds at least RP_OUT_CHUNK bytes (all of it when all is set).
 * -1 once a write has failed (o->error) or an allocation has (buf.oom). */
int rp_out_flush(struct rp_out *o, int all);
/* The end of a writer: flushes everything; 0, or CT_ENOMEM / CT_EIO with the message set. */
int rp_out_finish(struct rp_out *o);
void rp_out_release(struct rp_out *o);

/* The writers: each renders the whole model to o (streamed when o->f is set). */
int rp_stream_md(struct rp_out *o, const struct rp_model *m);
int rp_stream_html(struct rp_out *o, const struct rp_model *m);
int rp_stream_json(struct rp_out *o, const struct rp_model *m);
int rp_stream_jsonld(struct rp_out *o, const struct rp_model *m);
int rp_stream_csv(struct rp_out *o, const struct rp_model *m);

/* The same, the whole text appended to out (for tests and small uses). */
int rp_write_md(ct_buf *out, const struct rp_model *m);
int rp_write_html(ct_buf *out, const struct rp_model *m);
int rp_write_json(ct_buf *out, const struct rp_model *m);
int rp_write_jsonld(ct_buf *out, const struct rp_model *m);
int rp_write_csv(ct_buf *out, const struct rp_model *m);

/* The ClaimReview items as a JSON array text with every '<' written \u003c, so it can be embedded
 * in an HTML <script> element; pretty: indented as cJSON_Print, else as cJSON_PrintUnformatted.
 * Streamed one item at a time. */
int rp_jsonld_text(struct rp_out *o, const struct rp_model *m, int pretty);

/* Appends cJSON_Print's text of item (nested depth levels inside a formatted document) to o: every
 * line after the first indented by depth more tabs. Returns 0 or CT_ENOMEM. */
int rp_json_item(struct rp_out *o, const struct cJSON *item, int depth, int pretty, int escape_lt);

/* Shared by the writers: statuses in display order and the verdict columns. */
extern const enum ct_status rp_status_order[6];
/* The shown sources, the one with most contradicted claims first (then by id): fills out (room
 * for nsources) and returns how many. */
size_t rp_sources_by_contradicted(const struct rp_model *m, size_t *out);
/* The sources that take part in at least one evidence pair, by index: fills in (room for
 * nsources) and returns how many (0 when out of memory). */
size_t rp_matrix_sources(const struct rp_model *m, size_t *in);
/* The date part (YYYY-MM-DD) of an RFC 3339 date, into out. */
void rp_day(char out[11], const char *rfc3339);
/* Kappa rounded to 3 decimals, for stable output. */
double rp_round3(double x);
/* 1 when url is an http or https URL (the only ones written as links). */
int rp_url_linkable(const char *url);

#endif
