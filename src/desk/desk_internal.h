/* What desk.c shares with the other files of src/desk/ (sync.c): the desk structure and the few
 * helpers a second writer of HEAD needs. Never included outside src/desk/. */
#ifndef CT_DESK_DESK_INTERNAL_H
#define CT_DESK_DESK_INTERNAL_H

#include <git2.h>

#include "desk/desk.h"
#include "util/buf.h"

struct ct_desk {
	git_repository *repo;
	char *workdir;
	char *gitdir;
};

/* Records "what: <libgit2's last message>" under code and returns code. */
int ct_desk__git_fail(int code, const char *what);
/* The tree of commit hex id (NULL or "" = HEAD); *out stays NULL for an unborn HEAD. */
int ct_desk__commit_tree(git_tree **out, git_repository *repo, const char *commit);
/* Whether path is a record's: a .json file under sources/, claims/ or reviews/. */
int ct_desk__is_record_path(const char *path);
/* The full name of the branch HEAD points at ("refs/heads/main"; caller frees). CT_EDESK when
 * HEAD is detached. */
int ct_desk__head_branch(char **out, git_repository *repo);
/* The author signature of who, and the committer as git would take it (GIT_COMMITTER_* or the
 * configured identity, else the author). Both belong to the caller. */
int ct_desk__signatures(git_signature **author, git_signature **committer, ct_desk *desk,
			const struct ct_ident *who);
/* Brings the working tree and the git index from baseline to target for the n paths given (the
 * paths that differ between the two trees), never overwriting a local modification. With dry_run
 * nothing is written; the paths whose local changes are in the way are appended to conflicts
 * (space-separated, may be NULL). Returns libgit2's code (negative when something is in the way). */
int ct_desk__checkout(ct_desk *desk, git_tree *baseline, git_tree *target, char **paths, size_t n,
		      int dry_run, ct_buf *conflicts);

#endif
