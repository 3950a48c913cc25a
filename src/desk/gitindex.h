/* A checkout of a few paths that patches .git/index in place of parsing it (gitindex.c).
 * Internal to src/desk/. */
#ifndef CT_DESK_GITINDEX_H
#define CT_DESK_GITINDEX_H

#include <stddef.h>

#include <git2.h>

/* Above this many paths libgit2's checkout is used (a bound on the memory of the change list). */
#define CT_GITINDEX_MAX_PATHS ((size_t)1 << 26)
/* The answer when the fast path does not apply and nothing was changed. */
#define CT_GITINDEX_FALLBACK 1

/* Brings the working tree and .git/index from base to target for the n paths given (those that
 * differ between the trees), as a SAFE checkout would: never over a local or staged change.
 * workdir and gitdir end with '/'. Returns 0 when done, CT_GITINDEX_FALLBACK when this code
 * cannot do it (nothing written: make the index whole with ct_gitindex_unsplit, then use libgit2's
 * checkout), or -1 with libgit2's error set when
 * writing failed part-way (the working tree may be partly updated; the index is unchanged). */
int ct_gitindex_checkout(git_repository *repo, const char *workdir, const char *gitdir, git_tree *base,
			 git_tree *target, char **paths, size_t n);

/* Makes the git index at index_path (NULL: gitdir's "index") whole when it is split (git's
 * core.splitIndex: a "link" extension naming gitdir's sharedindex.<sha>), for libgit2 1.5, which
 * cannot read a split index. With out_path NULL the index is rewritten in place under its lock
 * file; else the whole index is written to out_path (an existing file) and index_path is left
 * alone. Returns 0 when the index is not split (nothing written), 1 when written, -1 with
 * libgit2's error set (a missing shared index is named; nothing was changed). */
int ct_gitindex_unsplit(const char *gitdir, const char *index_path, const char *out_path);

#endif
