/* Sharing a desk through a git remote: fetch, merge (records never collide; a review changed on
 * both sides is settled by date), push; plus where git looks for the desk's hooks. */
#ifndef CT_DESK_SYNC_H
#define CT_DESK_SYNC_H

#include <stddef.h>

#include "desk/desk.h"
#include "util/buf.h"

/* How the fetched branch met the local one. */
enum ct_sync_merge {
	CT_SYNC_NOTHING,      /* the remote has no such branch yet */
	CT_SYNC_UP_TO_DATE,   /* the local branch already holds the remote's commits */
	CT_SYNC_FAST_FORWARD, /* the local branch moved forward to the remote's commit */
	CT_SYNC_MERGED        /* a merge commit with two parents */
};

struct ct_sync_opts {
	const char *remote;          /* a configured remote's name; NULL = the branch's upstream, else origin */
	int push;                    /* push the merged branch back */
	int attempts;                /* fetch/merge/push rounds when a push is rejected (0 = 5) */
	const struct ct_ident *who;  /* author of a merge commit */
};

struct ct_sync_result {
	char remote[256];            /* the remote's name */
	char branch[256];            /* the local branch (short name) */
	char remote_branch[256];     /* the branch on the remote (short name) */
	char tracking[512];          /* where the fetched commit is kept (refs/remotes/...) */
	char head_before[41];        /* HEAD before the sync */
	char head[41];               /* HEAD after it */
	char fetched[41];            /* the remote's commit of the last fetch, "" when none */
	char merge_commit[41];       /* the merge commit made, "" when none */
	enum ct_sync_merge merge;    /* outcome of the last round */
	int merges;                  /* merge commits made over all rounds */
	int pushed;                  /* 1 when the remote branch was updated */
	int attempts;                /* rounds made */
	ct_buf resolved;             /* review paths settled by the date rule, one per line */
	ct_buf conflicts;            /* on CT_ECONFLICT-like failure: the paths, one per line */
};

void ct_sync_result_init(struct ct_sync_result *res);
void ct_sync_result_release(struct ct_sync_result *res);

/* Fetches the branch from the remote into its remote-tracking ref, merges it into the current
 * branch (fast-forward when possible, else a merge commit; the branch moves with a compare-and-swap
 * and only the changed paths of the working tree are rewritten), then pushes it back. A push
 * rejected because the remote moved starts another round. Two sides' versions of one review record
 * are settled by the later "date" (tie: the greater blob id); any other path changed on both sides
 * stops the sync with CT_ERROR and the paths in res->conflicts: HEAD is then unchanged and the
 * fetched commit stays in res->tracking. Local changes in the way stop it with CT_EDESK. */
int ct_desk_sync(ct_desk *desk, const struct ct_sync_opts *opts, struct ct_sync_result *res);

/* The directory git runs this desk's hooks from (with a trailing slash) into dir, and the value
 * of core.hooksPath into hooks_path ("" when unset: git then uses dir). */
int ct_desk_hooks_dir(ct_desk *desk, ct_buf *dir, ct_buf *hooks_path);

/* Compares two RFC 3339 date-times as instants ("2025-10-16T09:00:00+02:00", fractions of a
 * second allowed): *cmp < 0, 0 or > 0. CT_EINPUT when either is malformed. */
int ct_sync_date_cmp(const char *a, const char *b, int *cmp);

/* Whether line (a line of ~/.git-credentials, "scheme://user:password@host[:port][/path]",
 * percent-encoded as git's store helper writes it) holds credentials for url: same scheme, host
 * and port, the same user when url names one, and when the line has a path, url's path starts
 * with it. Returns 1 and the decoded user and password (caller frees), or 0. */
int ct_credential_line_match(const char *line, const char *url, char **user, char **password);

#endif
