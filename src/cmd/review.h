/* What the review command and the interactive queue share: loading a claim, checking evidence and
 * notes, and writing one review commit (with retries when other writers move the branch). */
#ifndef CT_CMD_REVIEW_H
#define CT_CMD_REVIEW_H

#include "cmd/cmd.h"
#include "review/review.h"

/* Resolves a claim id prefix and parses its record into *rec (full id into id). */
int ct_review_load_claim(ct_index *ix, const char *prefix, ct_buf *id, cJSON **rec);
/* The reviewer: "Name <email>" text, or the git identity when text is NULL. */
int ct_review_reviewer(struct ct_ctx *ctx, const char *text, struct ct_ident *who);
/* CT_EINPUT when a note is too long or not UTF-8; NULL is fine. */
int ct_review_check_note(const char *note);
/* Resolves evidence id prefixes to full ids (deduplicated, into out[0..*nout)): each must be an
 * existing claim of another source than claim's. CT_EINPUT with a message naming the bad one. */
int ct_review_resolve_evidence(ct_index *ix, const cJSON *claim, const char *const *ids, size_t n, char (*out)[17],
			       size_t *nout);
/* Writes who's review of claim as one commit (authored by who; its time is set to now when unset)
 * and puts the commit id in out_commit ("" when the desk already held exactly this record).
 * A superseded claim is refused, naming its current version. */
int ct_review_commit(struct ct_ctx *ctx, ct_index *ix, const cJSON *claim, enum ct_verdict verdict,
		     const char (*evidence)[17], size_t nevidence, const char *note, struct ct_ident *who,
		     char out_commit[41]);

/* claimtrack review -i: the interactive queue (src/cmd/queue.c) of the claims the reviewer (text,
 * or the git identity) has not judged, restricted to source when not NULL. Prints, and returns the
 * exit code: 0 when the queue ended or the reviewer quit, 3 for an unknown source, 4 or 1 when a
 * review could not be written, 128 + the signal number after SIGINT or SIGTERM. */
int ct_review_queue(struct ct_ctx *ctx, const char *source, const char *reviewer);

#endif
