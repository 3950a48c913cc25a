/* The review board: see board.h. */
#include "review/board.h"

#include <stdlib.h>
#include <string.h>

#include <cJSON.h>

#include "util/err.h"

static char *dup_or_null(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	return cJSON_IsString(v) ? strdup(v->valuestring) : NULL;
}

void ct_board_review_release(struct ct_board_review *r)
{
	size_t i;
	free(r->name);
	free(r->email);
	free(r->date);
	free(r->note);
	for (i = 0; i < r->nevidence; i++)
		free(r->evidence[i]);
	free(r->evidence);
	memset(r, 0, sizeof(*r));
}

int ct_board_review_parse(struct ct_board_review *r, const char *json)
{
	cJSON *root = cJSON_Parse(json), *ev, *e;
	const cJSON *claim, *who, *ver, *cv;
	int verdict, error = 0;

	memset(r, 0, sizeof(*r));
	if (!root)
		return ct_error_set(CT_EINPUT, "review is not JSON");
	claim = cJSON_GetObjectItemCaseSensitive(root, "claim");
	who = cJSON_GetObjectItemCaseSensitive(root, "reviewer");
	ver = cJSON_GetObjectItemCaseSensitive(root, "verdict");
	cv = cJSON_GetObjectItemCaseSensitive(root, "claim_version");
	verdict = cJSON_IsString(ver) ? ct_verdict_parse(ver->valuestring) : -1;
	if (!cJSON_IsString(claim) || strlen(claim->valuestring) != 16 || !cJSON_IsObject(who) || verdict < 0 ||
	    (cJSON_IsString(ver) && strlen(ver->valuestring) == 1)) {
		error = ct_error_set(CT_EINPUT, "review lacks claim, reviewer or verdict");
		goto done;
	}
	memcpy(r->claim, claim->valuestring, 17);
	r->verdict = (enum ct_verdict)verdict;
	r->claim_version = cJSON_IsNumber(cv) ? cv->valueint : 1;
	r->name = dup_or_null(who, "name");
	r->email = dup_or_null(who, "email");
	r->date = dup_or_null(root, "date");
	r->note = dup_or_null(root, "note");
	if (!r->name || !r->email || !r->date) {
		error = ct_error_set(CT_EINPUT, "review lacks reviewer name, email or date");
		goto done;
	}
	ev = cJSON_GetObjectItemCaseSensitive(root, "evidence");
	if (cJSON_GetArraySize(ev) > 0) {
		r->evidence = calloc((size_t)cJSON_GetArraySize(ev), sizeof(char *));
		if (!r->evidence) {
			error = ct_error_set(CT_ENOMEM, "out of memory");
			goto done;
		}
		cJSON_ArrayForEach(e, ev)
			if (cJSON_IsString(e) && (r->evidence[r->nevidence] = strdup(e->valuestring)))
				r->nevidence++;
	}
done:
	if (error)
		ct_board_review_release(r);
	cJSON_Delete(root);
	return error;
}

static int on_review(const char *path, const char *json, void *payload)
{
	struct ct_board *b = payload;
	struct ct_board_review r;
	(void)path;
	if (ct_board_review_parse(&r, json) < 0)
		return 0;   /* the index keeps unusable records in its broken table; skip */
	if (b->n == b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 64;
		struct ct_board_review *p = realloc(b->reviews, cap * sizeof(*p));
		if (!p) {
			ct_board_review_release(&r);
			return ct_error_set(CT_ENOMEM, "out of memory");
		}
		b->reviews = p;
		b->cap = cap;
	}
	b->reviews[b->n++] = r;
	return 0;
}

int ct_board_load(struct ct_board *b, ct_index *ix)
{
	memset(b, 0, sizeof(*b));
	return ct_index_reviews(ix, NULL, on_review, b);
}

void ct_board_release(struct ct_board *b)
{
	size_t i;
	for (i = 0; i < b->n; i++)
		ct_board_review_release(&b->reviews[i]);
	free(b->reviews);
	memset(b, 0, sizeof(*b));
}

size_t ct_board_find(const struct ct_board *b, const char *claim_id, size_t *first)
{
	size_t lo = 0, hi = b->n, end;
	while (lo < hi) {   /* the first review whose claim is >= claim_id */
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(b->reviews[mid].claim, claim_id) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (end = lo; end < b->n && !strcmp(b->reviews[end].claim, claim_id); end++)
		;
	*first = lo;
	return end - lo;
}

void ct_board_tally(const struct ct_board *b, const char *claim_id, struct ct_tally *t)
{
	size_t first, n = ct_board_find(b, claim_id, &first), i;
	memset(t, 0, sizeof(*t));
	for (i = first; i < first + n; i++)
		t->n[b->reviews[i].verdict]++;
}
