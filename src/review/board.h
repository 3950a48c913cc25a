/* The review board: every current review of the desk, loaded once from the index and grouped by
 * claim, for statuses of many claims at once (status, the review queue, reports). */
#ifndef CT_REVIEW_BOARD_H
#define CT_REVIEW_BOARD_H

#include <stddef.h>

#include "index/index.h"
#include "review/review.h"

struct ct_board_review {
	char claim[17];
	char *name, *email;
	char *date;            /* RFC 3339 as recorded */
	char *note;            /* NULL when none */
	char **evidence;       /* full claim ids */
	size_t nevidence;
	int claim_version;
	enum ct_verdict verdict;
};

struct ct_board {
	struct ct_board_review *reviews;  /* sorted by claim, then date, then email */
	size_t n, cap;
};

/* Loads every review row of the index. Rows that cannot be read (they are in the index's broken
 * table instead) are skipped. */
int ct_board_load(struct ct_board *b, ct_index *ix);
void ct_board_release(struct ct_board *b);
/* The reviews of one claim: *first gets the index of the first, the return value their number
 * (0 when none). */
size_t ct_board_find(const struct ct_board *b, const char *claim_id, size_t *first);
/* Counts the verdicts of one claim into t (zeroed first). */
void ct_board_tally(const struct ct_board *b, const char *claim_id, struct ct_tally *t);
/* Parses one review record into r (strings allocated; release with ct_board_review_release).
 * CT_EINPUT when a required field is missing. */
int ct_board_review_parse(struct ct_board_review *r, const char *json);
void ct_board_review_release(struct ct_board_review *r);

#endif
