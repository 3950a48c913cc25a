/* claimtrack sync: fetch, merge and push the desk's branch through a git remote (src/desk/sync.c),
 * then bring the index up to date and say what happened, as text or --json. */
#include "cmd/cmd.h"

#include <string.h>

#include "desk/sync.h"
#include "util/err.h"

/* Appends s with control characters shown as spaces: paths come from other people's commits. */
static void put_clean(ct_buf *out, const char *s, size_t n)
{
	ct_cmd_clean(out, s, n);
}

/* Joins the lines of list with ", " (at most max of them, then "and N more"). */
static void join_lines(ct_buf *out, const ct_buf *list, size_t max)
{
	const char *p = list->ptr, *nl;
	size_t n = 0, more = 0;
	for (; *p; p = nl + 1) {
		nl = strchr(p, '\n');
		if (!nl)
			nl = p + strlen(p) - 1;
		if (n < max) {
			if (n)
				ct_buf_puts(out, ", ");
			put_clean(out, p, (size_t)(nl - p));
			n++;
		} else {
			more++;
		}
	}
	if (more)
		ct_buf_printf(out, " and %zu more", more);
}

static int count_record(const char *path, const char *data, size_t len, void *payload)
{
	(void)path;
	(void)data;
	(void)len;
	(*(long *)payload)++;
	return 0;
}

static const char *merge_name(enum ct_sync_merge m)
{
	switch (m) {
	case CT_SYNC_NOTHING: return "nothing-fetched";
	case CT_SYNC_UP_TO_DATE: return "up-to-date";
	case CT_SYNC_FAST_FORWARD: return "fast-forward";
	case CT_SYNC_MERGED: return "merge";
	}
	return "unknown";
}

static cJSON *lines_array(const ct_buf *list)
{
	cJSON *a = cJSON_CreateArray();
	const char *p = list->ptr, *nl;
	ct_buf one = CT_BUF_INIT;
	for (; a && *p; p = nl + 1) {
		if (!(nl = strchr(p, '\n')))
			break;
		ct_buf_clear(&one);
		ct_buf_put(&one, p, (size_t)(nl - p));
		cJSON_AddItemToArray(a, cJSON_CreateString(one.ptr));
	}
	ct_buf_release(&one);
	return a;
}

static int print_json(const struct ct_sync_result *res, const struct ct_sync_opts *opts, long records)
{
	cJSON *o = cJSON_CreateObject();
	int r;
	if (!o)
		return ct_error_set(CT_ENOMEM, "out of memory");
	cJSON_AddStringToObject(o, "remote", res->remote);
	cJSON_AddStringToObject(o, "branch", res->branch);
	cJSON_AddStringToObject(o, "remote_branch", res->remote_branch);
	cJSON_AddStringToObject(o, "tracking", res->tracking);
	if (*res->fetched)
		cJSON_AddStringToObject(o, "fetched", res->fetched);
	else
		cJSON_AddNullToObject(o, "fetched");
	cJSON_AddStringToObject(o, "merge", merge_name(res->merge));
	cJSON_AddNumberToObject(o, "merge_commits", res->merges);
	cJSON_AddStringToObject(o, "head_before", res->head_before);
	cJSON_AddStringToObject(o, "head", res->head);
	cJSON_AddNumberToObject(o, "records_changed", (double)records);
	cJSON_AddItemToObject(o, "resolved", lines_array(&res->resolved));
	cJSON_AddBoolToObject(o, "push", opts->push);
	cJSON_AddBoolToObject(o, "pushed", res->pushed);
	cJSON_AddNumberToObject(o, "attempts", res->attempts);
	r = ct_print_json(o);
	cJSON_Delete(o);
	return r;
}

static void print_text(const struct ct_sync_result *res, const struct ct_sync_opts *opts, long records)
{
	ct_buf line = CT_BUF_INIT;
	if (*res->fetched)
		printf("fetched: %s/%s at %.12s\n", res->remote, res->remote_branch, res->fetched);
	else
		printf("fetched: %s has no branch '%s' yet\n", res->remote, res->remote_branch);
	switch (res->merge) {
	case CT_SYNC_NOTHING:
	case CT_SYNC_UP_TO_DATE:
		if (res->merges)
			printf("merged: %d merge commit%s, %ld record%s changed\n", res->merges, res->merges == 1 ? "" : "s",
			       records, records == 1 ? "" : "s");
		else if (res->merge == CT_SYNC_UP_TO_DATE)
			printf("merged: already up to date\n");
		break;
	case CT_SYNC_FAST_FORWARD:
		printf("merged: fast-forward to %.12s, %ld record%s changed\n", res->head, records, records == 1 ? "" : "s");
		break;
	case CT_SYNC_MERGED:
		printf("merged: merge commit %.12s, %ld record%s changed\n", res->merge_commit, records,
		       records == 1 ? "" : "s");
		break;
	}
	if (res->resolved.len) {
		join_lines(&line, &res->resolved, 5);
		printf("settled by date (the later review kept): %s\n", line.ptr);
	}
	if (!opts->push)
		printf("pushed: no (--no-push)\n");
	else if (res->pushed)
		printf("pushed: %s to %s/%s%s\n", res->branch, res->remote, res->remote_branch,
		       res->attempts > 1 ? " (after the remote moved)" : "");
	else
		printf("pushed: nothing to push\n");
	ct_buf_release(&line);
}

int ct_cmd_sync(int argc, char **argv, struct ct_ctx *ctx)
{
	int no_push = 0, json = 0, n, r;
	const struct ct_option opts[] = {
		{ 0, "no-push", CT_OPT_FLAG, &no_push, NULL, "fetch and merge only" },
		{ 0, "json", CT_OPT_FLAG, &json, NULL, "print what was fetched, merged and pushed as JSON" },
		{ 0 }
	};
	const struct ct_usage u = { "sync", "[--no-push] [--json] [REMOTE]",
		"Fetches the current branch from REMOTE (default: the branch's upstream remote, else origin),\n"
		"merges it (fast-forward when possible, else a merge commit) and pushes the result back,\n"
		"fetching and merging again when the remote moved meanwhile. Records never collide; a\n"
		"review record changed on both sides keeps the later \"date\"; any other record changed on\n"
		"both sides stops the sync, naming the paths, with HEAD unchanged and the fetched commit\n"
		"kept in the remote-tracking ref. Credentials: ssh agent, ~/.ssh keys, the URL,\n"
		"~/.git-credentials; an ssh host's key must be in ~/.ssh/known_hosts.", opts, 0, 1 };
	struct ct_sync_opts so;
	struct ct_sync_result res;
	struct ct_ident who;
	ct_desk *desk;
	ct_index *ix;
	long records = 0;
	int error;

	if ((r = ct_parse_options(&u, argc, argv, &n)) != 0)
		return r == CT_PARSE_HELP ? 0 : -r;
	if ((r = ct_cmd_desk(ctx, &desk)) < 0)
		return ct_cmd_fail(r);
	memset(&so, 0, sizeof(so));
	so.remote = n ? argv[0] : NULL;
	so.push = !no_push;
	/* Only a merge commit needs an identity: a reader without one can still fast-forward. */
	so.who = ct_desk_identity(desk, &who) == 0 ? &who : NULL;
	ct_sync_result_init(&res);
	error = ct_desk_sync(desk, &so, &res);
	/* Whatever happened, the index follows HEAD (the post-merge hook's job, which libgit2 skips). */
	if (strcmp(res.head, res.head_before) && *res.head_before) {
		if ((r = ct_desk_diff_records(desk, res.head_before, res.head, count_record, &records)) < 0 ||
		    (r = ct_cmd_index(ctx, &ix)) < 0)
			ct_cmd_warn("%s", ct_error_last());
	}
	if (error < 0) {
		if (res.conflicts.len) {
			ct_buf paths = CT_BUF_INIT;
			join_lines(&paths, &res.conflicts, 5);
			r = ct_cmd_error(CT_EXIT_FAIL, "cannot merge %s/%s: both sides changed %s; HEAD is unchanged and "
					 "the fetched commit is kept in %s", res.remote, res.remote_branch, paths.ptr,
					 res.tracking);
			ct_buf_release(&paths);
		} else {
			r = ct_cmd_fail(error);
		}
		goto done;
	}
	if (json)
		r = print_json(&res, &so, records) < 0 ? ct_cmd_fail(CT_ENOMEM) : 0;
	else {
		print_text(&res, &so, records);
		r = 0;
	}
done:
	ct_sync_result_release(&res);
	ct_ident_release(&who);
	return r;
}
