/* claimtrack show / log: one record in full, and the history of the desk or of one record.
 * Ids are claim id prefixes (like git's abbreviated hashes) or exact source ids. */
#include "cmd/cmd.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cmd/align_view.h"
#include "cmd/match.h"
#include "record/record.h"
#include "review/board.h"
#include "util/err.h"

enum found_kind { FOUND_CLAIM, FOUND_SOURCE };

static int version_chain(ct_index *ix, const cJSON *claim, cJSON *out);

static int is_hex_prefix(const char *s)
{
	size_t n = strlen(s), i;
	if (n < 4 || n > CT_CLAIM_ID_LEN)
		return 0;
	for (i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f') || (s[i] >= 'A' && s[i] <= 'F')))
			return 0;
	return 1;
}

/* Finds a claim by id prefix, else a source by exact id. */
static int find_record(ct_index *ix, const char *id, enum found_kind *kind, ct_buf *json, ct_buf *path)
{
	ct_buf full = CT_BUF_INIT;
	int r = CT_ENOTFOUND;
	if (is_hex_prefix(id)) {
		r = ct_index_resolve_claim(ix, id, &full, path);
		if (r == 0)
			r = ct_index_get(ix, "claim", full.ptr, json, path);
		ct_buf_release(&full);
		if (r == 0) {
			*kind = FOUND_CLAIM;
			return 0;
		}
		if (r != CT_ENOTFOUND)
			return r;
	}
	if (ct_source_id_valid(id)) {
		ct_buf_clear(path);
		r = ct_index_get(ix, "source", id, json, path);
		if (r == 0) {
			*kind = FOUND_SOURCE;
			return 0;
		}
	}
	if (r == CT_ENOTFOUND || r == CT_EINPUT)
		return ct_error_set(CT_ENOTFOUND, "no claim or source with id '%s'", id);
	return r;
}

static const char *str_or(const cJSON *o, const char *key, const char *dflt)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	return cJSON_IsString(v) ? v->valuestring : dflt;
}

static void print_clean(const char *s)
{
	ct_cmd_put_clean(s, strlen(s));
}

static void show_claim(struct ct_ctx *ctx, ct_index *ix, const cJSON *rec)
{
	const cJSON *span = cJSON_GetObjectItemCaseSensitive(rec, "span");
	const cJSON *v;
	ct_buf sj = CT_BUF_INIT, sp = CT_BUF_INIT;
	cJSON *src = NULL;

	printf("%sclaim %s%s  (%s", ct_color(ctx, CT_C_YELLOW), str_or(rec, "id", "?"), ct_color(ctx, CT_C_RESET),
	       str_or(rec, "record_status", str_or(rec, "status", "?")));
	v = cJSON_GetObjectItemCaseSensitive(rec, "version");
	if (cJSON_IsNumber(v))
		printf(", version %d", v->valueint);
	printf(")\n");
	if (ct_index_get(ix, "source", str_or(rec, "source", ""), &sj, &sp) == 0)
		src = cJSON_Parse(sj.ptr);
	printf("source:      %s", str_or(rec, "source", "?"));
	if (src) {
		printf(" — ");
		print_clean(str_or(src, "outlet", ""));
		if (str_or(src, "published", NULL))
			printf(", %s", str_or(src, "published", ""));
	}
	printf("\ntype:        %s\n", str_or(rec, "type", "?"));
	v = cJSON_GetObjectItemCaseSensitive(rec, "checkworthy");
	if (cJSON_IsNumber(v))
		printf("checkworthy: %.2f\n", v->valuedouble);
	if (cJSON_GetArraySize(span) == 2)
		printf("span:        bytes %.0f-%.0f", cJSON_GetArrayItem(span, 0)->valuedouble,
		       cJSON_GetArrayItem(span, 1)->valuedouble);
	v = cJSON_GetObjectItemCaseSensitive(rec, "sentence");
	if (cJSON_IsNumber(v))
		printf(", sentence %d", v->valueint);
	printf("\n");
	if (str_or(rec, "supersedes", NULL))
		printf("supersedes:  %s\n", str_or(rec, "supersedes", ""));
	printf("\n    %s", ct_color(ctx, CT_C_BOLD));
	print_clean(str_or(rec, "text", ""));
	printf("%s\n", ct_color(ctx, CT_C_RESET));
	cJSON_Delete(src);
	ct_buf_release(&sj);
	ct_buf_release(&sp);
}

static void show_source(struct ct_ctx *ctx, const cJSON *rec)
{
	static const char *const keys[] = { "outlet", "title", "published", "url", "sha256", "text", NULL };
	const cJSON *v;
	int i;
	printf("%ssource %s%s\n", ct_color(ctx, CT_C_BOLD), str_or(rec, "id", "?"), ct_color(ctx, CT_C_RESET));
	for (i = 0; keys[i]; i++) {
		printf("%-10s ", keys[i]);
		print_clean(str_or(rec, keys[i], "-"));
		putchar('\n');
	}
	v = cJSON_GetObjectItemCaseSensitive(rec, "bytes");
	printf("%-10s %.0f\n", "bytes", cJSON_IsNumber(v) ? v->valuedouble : 0);
	v = cJSON_GetObjectItemCaseSensitive(rec, "version");
	printf("%-10s %.0f\n", "version", cJSON_IsNumber(v) ? v->valuedouble : 0);
	v = cJSON_GetObjectItemCaseSensitive(rec, "claims");
	printf("%-10s %.0f\n", "claims", cJSON_IsNumber(v) ? v->valuedouble : 0);
}

static cJSON *review_json(const struct ct_board_review *r)
{
	cJSON *o = cJSON_CreateObject(), *ev = NULL;
	size_t i;
	cJSON_AddStringToObject(o, "reviewer", r->name);
	cJSON_AddStringToObject(o, "email", r->email);
	cJSON_AddStringToObject(o, "verdict", ct_verdict_name(r->verdict));
	ev = cJSON_AddArrayToObject(o, "evidence");
	for (i = 0; i < r->nevidence; i++)
		cJSON_AddItemToArray(ev, cJSON_CreateString(r->evidence[i]));
	if (r->note)
		cJSON_AddStringToObject(o, "note", r->note);
	else
		cJSON_AddNullToObject(o, "note");
	cJSON_AddStringToObject(o, "date", r->date);
	cJSON_AddStringToObject(o, "claim", r->claim);
	cJSON_AddNumberToObject(o, "claim_version", r->claim_version);
	return o;
}

/* Adds to a claim record what reviewers made of it: "status" becomes the claim's review status
 * (the record's own lifecycle moves to "record_status"), "reviews" holds each reviewer's current
 * verdict on this version, "earlier_reviews" the verdicts given on earlier versions. */
static int add_reviews(struct ct_ctx *ctx, ct_index *ix, cJSON *rec)
{
	struct ct_board b;
	struct ct_review_rule rule;
	struct ct_tally t;
	cJSON *settings = NULL, *revs, *older, *chain = cJSON_CreateArray(), *p;
	const char *id = str_or(rec, "id", ""), *life = str_or(rec, "status", "active");
	const cJSON *ver = cJSON_GetObjectItemCaseSensitive(rec, "version");
	size_t first, n, i;
	int error;

	if (!chain)
		return ct_error_set(CT_ENOMEM, "out of memory");
	if ((error = ct_cmd_settings(ctx, &settings)) < 0 || (error = ct_review_rule_from_desk(settings, &rule)) < 0 ||
	    (error = ct_board_load(&b, ix)) < 0) {
		cJSON_Delete(settings);
		cJSON_Delete(chain);
		return error;
	}
	ct_board_tally(&b, id, &t);
	cJSON_AddStringToObject(rec, "record_status", life);
	cJSON_ReplaceItemInObjectCaseSensitive(rec, "status",
					       cJSON_CreateString(ct_status_name(ct_claim_status(&rule, &t, life))));
	cJSON_AddNumberToObject(rec, "quorum", rule.quorum);
	revs = cJSON_AddArrayToObject(rec, "reviews");
	n = ct_board_find(&b, id, &first);
	for (i = first; i < first + n; i++)
		cJSON_AddItemToArray(revs, review_json(&b.reviews[i]));
	older = cJSON_AddArrayToObject(rec, "earlier_reviews");
	if (version_chain(ix, rec, chain) == 0) {
		cJSON_ArrayForEach(p, chain) {
			/* claims/<xx>/<source>/<id>.json */
			const char *slash = strrchr(p->valuestring, '/');
			char other[17];
			if (!slash || strlen(slash + 1) != 21)
				continue;
			memcpy(other, slash + 1, 16);
			other[16] = '\0';
			if (!strcmp(other, id))
				continue;
			n = ct_board_find(&b, other, &first);
			for (i = first; i < first + n; i++)
				if (!cJSON_IsNumber(ver) || b.reviews[i].claim_version < ver->valueint)
					cJSON_AddItemToArray(older, review_json(&b.reviews[i]));
		}
	}
	ct_board_release(&b);
	cJSON_Delete(settings);
	cJSON_Delete(chain);
	return 0;
}

static const char *verdict_color(const char *v)
{
	if (!strcmp(v, "corroborated"))
		return CT_C_GREEN;
	if (!strcmp(v, "contradicted") || !strcmp(v, "disputed"))
		return CT_C_RED;
	return CT_C_YELLOW;
}

static void show_review_list(struct ct_ctx *ctx, const cJSON *list, const char *suffix)
{
	const cJSON *r, *e;
	cJSON_ArrayForEach(r, list) {
		const char *v = str_or(r, "verdict", "?");
		printf("  %s%-12s%s ", ct_color(ctx, verdict_color(v)), v, ct_color(ctx, CT_C_RESET));
		print_clean(str_or(r, "reviewer", ""));
		printf(" <");
		print_clean(str_or(r, "email", ""));
		printf(">  %s%s\n", str_or(r, "date", ""), suffix);
		cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(r, "evidence"))
			if (cJSON_IsString(e))
				printf("      evidence %s\n", e->valuestring);
		if (str_or(r, "note", NULL)) {
			printf("      note: ");
			print_clean(str_or(r, "note", ""));
			printf("\n");
		}
	}
}

static void show_reviews(struct ct_ctx *ctx, const cJSON *rec)
{
	const cJSON *revs = cJSON_GetObjectItemCaseSensitive(rec, "reviews");
	const cJSON *older = cJSON_GetObjectItemCaseSensitive(rec, "earlier_reviews");
	const char *st = str_or(rec, "status", "?");
	printf("\nstatus:      %s%s%s", ct_color(ctx, verdict_color(st)), st, ct_color(ctx, CT_C_RESET));
	if (cJSON_GetArraySize(revs) == 0 && cJSON_GetArraySize(older) == 0) {
		printf("  (no reviews)\n");
		return;
	}
	printf("\n");
	show_review_list(ctx, revs, "");
	show_review_list(ctx, older, "  (on an earlier version)");
}

int ct_cmd_show(int argc, char **argv, struct ct_ctx *ctx)
{
	int json = 0, n, r;
	const struct ct_option opts[] = {
		{ 0, "json", CT_OPT_FLAG, &json, NULL, "print the record as one JSON object" },
		{ 0 }
	};
	const struct ct_usage u = { "show", "[--json] ID",
		"Shows one claim (by id or unique id prefix) or one source (by id).", opts, 1, 1 };
	ct_buf rj = CT_BUF_INIT, path = CT_BUF_INIT;
	enum found_kind kind;
	cJSON *rec = NULL;
	ct_index *ix;

	if ((r = ct_parse_options(&u, argc, argv, &n)) != 0)
		return r == CT_PARSE_HELP ? 0 : -r;
	if ((r = ct_cmd_index_aligned(ctx, &ix)) < 0 || (r = find_record(ix, argv[0], &kind, &rj, &path)) < 0) {
		r = ct_cmd_fail(r);
		goto done;
	}
	if (!(rec = cJSON_Parse(rj.ptr))) {
		r = ct_cmd_error(CT_EXIT_FAIL, "record cannot be parsed: '%s'", path.ptr);
		goto done;
	}
	if (kind == FOUND_CLAIM && ((r = add_reviews(ctx, ix, rec)) < 0 || (r = ct_align_add_json(ix, rec)) < 0)) {
		r = ct_cmd_fail(r);
		goto done;
	}
	if (json)
		ct_print_json(rec);
	else if (kind == FOUND_CLAIM) {
		show_claim(ctx, ix, rec);
		show_reviews(ctx, rec);
		ct_align_print(ctx, ix, rec);
	} else
		show_source(ctx, rec);
	r = 0;
done:
	cJSON_Delete(rec);
	ct_buf_release(&rj);
	ct_buf_release(&path);
	return r;
}

/* The versions of a claim: every claim of its source linked to it through "supersedes", in
 * either direction. Collects their paths (at most max) into paths/bufs. */
struct chain_ctx {
	cJSON *recs;   /* all claims of the source: {id, supersedes, path} */
};

static int chain_row(const char *path, const char *json, void *payload)
{
	struct chain_ctx *c = payload;
	cJSON *rec = cJSON_Parse(json), *o = cJSON_CreateObject();
	const char *id = rec ? str_or(rec, "id", NULL) : NULL;
	if (!o || !id) {
		cJSON_Delete(rec);
		cJSON_Delete(o);
		return 0;
	}
	cJSON_AddStringToObject(o, "id", id);
	cJSON_AddStringToObject(o, "supersedes", str_or(rec, "supersedes", ""));
	cJSON_AddStringToObject(o, "path", path);
	cJSON_AddItemToArray(c->recs, o);
	cJSON_Delete(rec);
	return 0;
}

/* Marks in *out (a cJSON array of paths) every claim linked to id by supersedes links. */
static int version_chain(ct_index *ix, const cJSON *claim, cJSON *out)
{
	struct ct_claim_filter f = { str_or(claim, "source", ""), NULL, NULL, NULL, 0 };
	struct chain_ctx c = { cJSON_CreateArray() };
	cJSON *ids = cJSON_CreateArray(), *r;
	int changed = 1, error;
	if (!c.recs || !ids) {
		cJSON_Delete(c.recs);
		cJSON_Delete(ids);
		return ct_error_set(CT_ENOMEM, "out of memory");
	}
	cJSON_AddItemToArray(ids, cJSON_CreateString(str_or(claim, "id", "")));
	error = ct_index_claims(ix, &f, chain_row, &c);
	/* A fixed point over the links: chains are short (one link per correction). */
	while (!error && changed) {
		changed = 0;
		cJSON_ArrayForEach(r, c.recs) {
			const char *id = str_or(r, "id", ""), *sup = str_or(r, "supersedes", "");
			int has_id = 0, has_sup = 0;
			const cJSON *k;
			cJSON_ArrayForEach(k, ids) {
				has_id |= !strcmp(k->valuestring, id);
				has_sup |= *sup && !strcmp(k->valuestring, sup);
			}
			if (has_id != has_sup && *sup) {
				cJSON_AddItemToArray(ids, cJSON_CreateString(has_id ? sup : id));
				changed = 1;
			}
		}
	}
	cJSON_ArrayForEach(r, c.recs) {
		const cJSON *k;
		cJSON_ArrayForEach(k, ids)
			if (!strcmp(k->valuestring, str_or(r, "id", "")))
				cJSON_AddItemToArray(out, cJSON_CreateString(str_or(r, "path", "")));
	}
	cJSON_Delete(c.recs);
	cJSON_Delete(ids);
	return error;
}

struct log_ctx {
	struct ct_ctx *ctx;
	cJSON *array;
	long max, n;
};

static void format_date(char *out, size_t size, long long t, int offset)
{
	time_t local = (time_t)(t + (long long)offset * 60);
	struct tm tm;
	int a = offset < 0 ? -offset : offset;
	gmtime_r(&local, &tm);
	snprintf(out, size, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", tm.tm_year + 1900, tm.tm_mon + 1,
		 tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, offset < 0 ? '-' : '+', a / 60, a % 60);
}

static int log_entry(const struct ct_log_entry *e, void *payload)
{
	struct log_ctx *l = payload;
	char date[80];
	const char *m;
	if (l->max > 0 && l->n >= l->max)
		return 1;
	l->n++;
	format_date(date, sizeof(date), e->time, e->offset);
	if (l->array) {
		cJSON *o = cJSON_CreateObject();
		if (!o)
			return CT_ENOMEM;
		cJSON_AddStringToObject(o, "commit", e->commit);
		cJSON_AddStringToObject(o, "author", e->author);
		cJSON_AddStringToObject(o, "email", e->email);
		cJSON_AddStringToObject(o, "date", date);
		cJSON_AddStringToObject(o, "message", e->message);
		cJSON_AddItemToArray(l->array, o);
		return 0;
	}
	printf("%scommit %s%s\nAuthor: ", ct_color(l->ctx, CT_C_YELLOW), e->commit, ct_color(l->ctx, CT_C_RESET));
	print_clean(e->author);
	printf(" <");
	print_clean(e->email);
	printf(">\nDate:   %s\n\n", date);
	for (m = e->message; *m;) {
		size_t len = strcspn(m, "\n");
		printf("    ");
		for (size_t i = 0; i < len; i++)
			putchar((unsigned char)m[i] < 0x20 && m[i] != '\t' ? ' ' : m[i]);
		putchar('\n');
		m += len;
		if (*m)
			m++;
	}
	putchar('\n');
	return 0;
}

int ct_cmd_log(int argc, char **argv, struct ct_ctx *ctx)
{
	int json = 0, n, r;
	long max = 0;
	const struct ct_option opts[] = {
		{ 'n', "max-count", CT_OPT_LONG, &max, "N", "at most N commits" },
		{ 0, "json", CT_OPT_FLAG, &json, NULL, "print [{commit, author, email, date, message}]" },
		{ 0 }
	};
	const struct ct_usage u = { "log", "[-n N] [--json] [ID]",
		"Shows the commits of the desk, newest first; with ID, only those that changed that claim\n"
		"(any of its versions, or a review of one) or source (its record or its text).", opts, 0, 1 };
	struct log_ctx l = { ctx, NULL, 0, 0 };
	ct_buf rj = CT_BUF_INIT, path = CT_BUF_INIT, tpath = CT_BUF_INIT;
	const char **paths = NULL;
	cJSON *chain = NULL, *rec = NULL;
	size_t npaths = 0;
	enum found_kind kind;
	ct_desk *desk;
	ct_index *ix;

	if ((r = ct_parse_options(&u, argc, argv, &n)) != 0)
		return r == CT_PARSE_HELP ? 0 : -r;
	l.max = max;
	if ((r = ct_cmd_desk(ctx, &desk)) < 0) {
		r = ct_cmd_fail(r);
		goto done;
	}
	if (n) {
		if ((r = ct_cmd_index_aligned(ctx, &ix)) < 0 || (r = find_record(ix, argv[0], &kind, &rj, &path)) < 0) {
			r = ct_cmd_fail(r);
			goto done;
		}
		chain = cJSON_CreateArray();
		rec = cJSON_Parse(rj.ptr);
		if (!chain || !rec) {
			r = ct_cmd_error(CT_EXIT_FAIL, "record cannot be parsed: '%s'", path.ptr);
			goto done;
		}
		if (kind == FOUND_SOURCE) {
			ct_source_text_path(&tpath, argv[0]);
			cJSON_AddItemToArray(chain, cJSON_CreateString(path.ptr));
			cJSON_AddItemToArray(chain, cJSON_CreateString(tpath.ptr));
		} else if ((r = version_chain(ix, rec, chain)) < 0) {
			r = ct_cmd_fail(r);
			goto done;
		}
		if (!cJSON_GetArraySize(chain))
			cJSON_AddItemToArray(chain, cJSON_CreateString(path.ptr));
		if (kind == FOUND_CLAIM) {
			/* The reviews of every version: their folders reviews/<cc>/<id>. */
			int i, nclaims = cJSON_GetArraySize(chain);
			for (i = 0; i < nclaims; i++) {
				const char *cp = cJSON_GetArrayItem(chain, i)->valuestring, *slash = strrchr(cp, '/');
				char dir[64];
				if (!slash || strlen(slash + 1) != CT_CLAIM_ID_LEN + 5)
					continue;
				snprintf(dir, sizeof(dir), "reviews/%.2s/%.16s", slash + 1, slash + 1);
				cJSON_AddItemToArray(chain, cJSON_CreateString(dir));
			}
		}
		paths = calloc((size_t)cJSON_GetArraySize(chain), sizeof(*paths));
		if (!paths) {
			r = ct_cmd_error(CT_EXIT_FAIL, "out of memory");
			goto done;
		}
		{
			const cJSON *k;
			cJSON_ArrayForEach(k, chain)
				paths[npaths++] = k->valuestring;
		}
	}
	if (json && !(l.array = cJSON_CreateArray())) {
		r = ct_cmd_error(CT_EXIT_FAIL, "out of memory");
		goto done;
	}
	r = ct_desk_log(desk, paths, npaths, log_entry, &l);
	if (r < 0) {
		r = ct_cmd_fail(r);
		goto done;
	}
	if (json)
		ct_print_json(l.array);
	r = 0;
done:
	cJSON_Delete(l.array);
	cJSON_Delete(chain);
	cJSON_Delete(rec);
	free(paths);
	ct_buf_release(&rj);
	ct_buf_release(&path);
	ct_buf_release(&tpath);
	return r;
}
