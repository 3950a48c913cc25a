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
 * cannot do it (nothing written: use libgit2's checkout), or -1 with libgit2's error set when
 * writing failed part-way (the working tree may be partly updated; the index is unchanged). */
int ct_gitindex_checkout(git_repository *repo, const char *workdir, const char *gitdir, git_tree *base,
			 git_tree *target, char **paths, size_t n);

#endif
