/* The desk: a git repository of JSON records, read and written through libgit2.
 * Only src/desk/ includes git2.h; everything else sees paths, bytes and hex commit ids. */
#ifndef CT_DESK_DESK_H
#define CT_DESK_DESK_H

#include <stddef.h>

#include "util/buf.h"

typedef struct ct_desk ct_desk;
typedef struct ct_txn ct_txn;

/* Who made a change, and when (seconds since the epoch, offset east of UTC in minutes). */
struct ct_ident {
	char *name;
	char *email;
	long long time;
	int offset;
};

/* Frees the strings of an identity filled by ct_desk_identity or ct_ident_parse. */
void ct_ident_release(struct ct_ident *who);
/* Parses "Name <email>" into who (time left at 0 = now). CT_EINPUT when malformed. */
int ct_ident_parse(struct ct_ident *who, const char *text);
/* Sets who's time and offset from GIT_AUTHOR_DATE, in the forms git accepts that ct_desk_identity
 * reads; leaves them alone when it is unset. CT_EINPUT naming the value when malformed. */
int ct_ident_env_date(struct ct_ident *who);
/* Fills who with the author identity as git would: GIT_AUTHOR_NAME / GIT_AUTHOR_EMAIL /
 * GIT_AUTHOR_DATE from the environment, else user.name / user.email from the git config
 * (desk's, global, system). desk may be NULL (outside a desk). CT_EINPUT with advice when unset. */
int ct_desk_identity(ct_desk *desk, struct ct_ident *who);

/* Creates a desk at path (made if missing): a git repository with branch main and a first commit
 * holding desk.json. Refuses a directory that is already a desk. */
int ct_desk_init(const char *path, const struct ct_ident *who, const char *desk_json, size_t len);
/* Opens the desk containing dir (searching parent directories like git). CT_EDESK when none. */
int ct_desk_open(ct_desk **out, const char *dir);
/* Finishes what a writer killed between moving the branch and updating the working tree left
 * undone (.git/claimtrack/checkout.pending): the changed paths are checked out from HEAD and
 * stale git lock files of that writer are removed, under the writer lock. 0 when there was
 * nothing to do or it is done; CT_EDESK when the working tree could not be brought up. */
int ct_desk_recover(ct_desk *desk);
void ct_desk_free(ct_desk *desk);
/* The working directory (with a trailing slash) and the .git directory (with a trailing slash). */
const char *ct_desk_workdir(const ct_desk *desk);
const char *ct_desk_gitdir(const ct_desk *desk);
/* Writes HEAD's commit id as 40 hex digits into out; "" for a desk with no commit yet. */
int ct_desk_head(ct_desk *desk, char out[41]);
/* Resolves a revision (commit id, branch, HEAD~2 ...) to a commit id. CT_ENOTFOUND when unknown. */
int ct_desk_resolve(ct_desk *desk, const char *rev, char out[41]);
/* Appends the blob at path in commit (NULL = HEAD) to out. CT_ENOTFOUND when absent. */
int ct_desk_read(ct_desk *desk, const char *commit, const char *path, ct_buf *out);

typedef int (*ct_desk_blob_cb)(const char *path, const char *data, size_t len, void *payload);
/* Calls cb for every record blob (.json under sources/, claims/, reviews/) of commit (NULL =
 * HEAD), in tree order. A non-zero cb return stops the walk and is returned. */
int ct_desk_foreach_record(ct_desk *desk, const char *commit, ct_desk_blob_cb cb, void *payload);
/* The same, the blobs read (inflated) ahead by two threads, each with its own object database on
 * the repository's object files, while this thread walks the tree and calls cb, still in tree
 * order and on this thread only: for whole-desk reads (report), where reading is most of the
 * time. It sees only objects written to disk (not those of a transaction still open). */
int ct_desk_foreach_record_ahead(ct_desk *desk, const char *commit, ct_desk_blob_cb cb, void *payload);
/* Calls cb for every file (blob) whose path starts with prefix ("" for all) in commit (NULL = HEAD),
 * or, when staged is set, in the git index (what a commit would record: for pre-commit hooks). */
int ct_desk_foreach_file(ct_desk *desk, const char *commit, int staged, const char *prefix,
			 ct_desk_blob_cb cb, void *payload);
/* Calls cb for every record that differs between two commits: data is the new content, or NULL
 * (len 0) when the record was deleted. from may be NULL or "" (everything is new). */
int ct_desk_diff_records(ct_desk *desk, const char *from, const char *to, ct_desk_blob_cb cb, void *payload);

struct ct_log_entry {
	char commit[41];
	const char *author;
	const char *email;
	long long time;
	int offset;
	const char *message;
};
typedef int (*ct_desk_log_cb)(const struct ct_log_entry *entry, void *payload);
/* Walks history from HEAD, newest first; with npaths > 0 only the commits that changed one of
 * paths (compared with their parents, as git log -- paths does). */
int ct_desk_log(ct_desk *desk, const char *const *paths, size_t npaths, ct_desk_log_cb cb, void *payload);

/* A transaction stages record writes against HEAD and turns them into exactly one commit.
 * Objects are kept in memory or streamed into one packfile; nothing is visible until the
 * branch is moved, last, with a compare-and-swap on its old value. */
int ct_txn_begin(ct_txn **out, ct_desk *desk);
/* Stages path = data. Returns 1 when staged, 0 when HEAD already holds exactly this content. */
int ct_txn_put(ct_txn *txn, const char *path, const void *data, size_t len);
/* Stages removal of path; 0 when HEAD has no such path. */
int ct_txn_remove(ct_txn *txn, const char *path);
/* Number of paths staged so far. */
size_t ct_txn_changes(const ct_txn *txn);
/* The commit the transaction is built on (HEAD when it began), "" on an unborn branch. */
void ct_txn_base(const ct_txn *txn, char out[41]);
/* Writes the commit (parent HEAD) with author and committer who, moves the branch, and updates
 * the working tree and git index for the changed paths. out_commit gets the new id (may be NULL).
 * CT_EMOVED when the branch moved since ct_txn_begin (nothing is changed then: begin again on the
 * new HEAD); CT_EDESK when it stays locked by git (the message names the lock file). Writers take
 * turns through an flock on .git/claimtrack/write.lock, held from the branch update to the end of
 * the checkout, so concurrent claimtrack processes never race on the working tree or git index. */
int ct_txn_commit(ct_txn *txn, const struct ct_ident *who, const char *message, char out_commit[41]);
/* Discards a transaction (after commit, or instead of it). NULL is a no-op. */
void ct_txn_free(ct_txn *txn);

#endif
