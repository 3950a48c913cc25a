/* Reviews: where a reviewer's verdict on a claim lives, the record written for it, and the status of
 * a claim from all its reviews under the desk's rule (desk.json "review" settings). Pure: no I/O. */
#ifndef CT_REVIEW_REVIEW_H
#define CT_REVIEW_REVIEW_H

#include <stddef.h>

#include <cJSON.h>

#include "util/buf.h"

enum ct_verdict { CT_V_CORROBORATED, CT_V_CONTRADICTED, CT_V_UNVERIFIABLE, CT_V_COUNT };

/* "corroborated", "contradicted", "unverifiable" (also "c", "x", "u"); -1 for anything else. */
int ct_verdict_parse(const char *s);
const char *ct_verdict_name(enum ct_verdict v);

/* The first 16 hex digits of sha256 of the reviewer's email, lower-cased (ASCII): the file name of
 * their reviews, so two reviewers never write the same file. */
void ct_reviewer_key(char out[17], const char *email);
/* reviews/<cc>/<claim-id>/<reviewer-key>.json. Appends to out. */
void ct_review_path(ct_buf *out, const char *claim_id, const char *email);

/* Longest note accepted (the schema's maxLength, counted in bytes here: stricter). */
#define CT_REVIEW_NOTE_MAX 100000

struct ct_review_input {
	const char *claim;           /* full claim id */
	int claim_version;           /* the version judged */
	const char *name, *email;    /* the reviewer */
	enum ct_verdict verdict;
	const char *const *evidence; /* full claim ids of other sources, no duplicates */
	size_t nevidence;
	const char *note;            /* NULL for none */
	long long time;              /* seconds since the epoch */
	int offset;                  /* minutes east of UTC */
};
/* Builds the review record (fields in the schema's order, date in RFC 3339 with the offset).
 * NULL when out of memory. */
cJSON *ct_review_record(const struct ct_review_input *in);

/* The desk's review rule, from desk.json's "review" object. */
struct ct_review_rule {
	int quorum;                 /* agreeing reviewers needed before a verdict counts: 1.. */
	int unverifiable_disputes;  /* 1: an "unverifiable" next to another verdict makes it disputed */
};
#define CT_REVIEW_QUORUM_MAX 20
/* Reads the rule from the desk settings (NULL or missing keys: quorum 1, unverifiable neutral).
 * A present but malformed value returns CT_EINPUT with a message naming it. */
int ct_review_rule_from_desk(const cJSON *desk, struct ct_review_rule *out);

enum ct_status {
	CT_S_UNREVIEWED,   /* nobody has judged this version */
	CT_S_PENDING,      /* judged, but fewer agreeing reviewers than the quorum */
	CT_S_CORROBORATED,
	CT_S_CONTRADICTED,
	CT_S_DISPUTED,     /* reviewers disagree */
	CT_S_UNVERIFIABLE,
	CT_S_WITHDRAWN,    /* the outlet removed the sentence */
	CT_S_SUPERSEDED,   /* the outlet changed the sentence: the newer version is judged instead */
	CT_S_COUNT
};

/* Reviewers' current verdicts on one claim, counted. */
struct ct_tally {
	unsigned n[CT_V_COUNT];
};

/* The status of a claim whose record status is record_status ("active", "superseded",
 * "withdrawn"; NULL = active) and whose reviews are counted in t:
 *   withdrawn / superseded records keep that status whatever their reviews;
 *   no review: unreviewed;
 *   both corroborated and contradicted verdicts (or, when unverifiable_disputes, unverifiable
 *   next to either): disputed;
 *   else the leading verdict (corroborated, else contradicted, else unverifiable) when at least
 *   quorum reviewers gave it, else pending. */
enum ct_status ct_claim_status(const struct ct_review_rule *rule, const struct ct_tally *t, const char *record_status);
const char *ct_status_name(enum ct_status s);
/* CT_S_* for a name, -1 if unknown. */
int ct_status_parse(const char *s);

#endif
