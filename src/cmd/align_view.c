/* The aligned claims of other sources shown under a claim (claimtrack show). */
#include "cmd/align_view.h"

#include <string.h>

#include "align/compare.h"
#include "util/err.h"

static int collect(const char *path, const char *json, void *payload)
{
	cJSON *o = cJSON_Parse(json);
	(void)path;
	if (!o)
		return ct_error_set(CT_ENOMEM, "out of memory");
	cJSON_AddItemToArray(payload, o);
	return 0;
}

int ct_align_add_json(ct_index *ix, cJSON *rec)
{
	const cJSON *idv = cJSON_GetObjectItemCaseSensitive(rec, "id");
	struct ct_align_filter f = { NULL, NULL };
	cJSON *arr;
	int corr = 0, ind = 0, contra = 0, error;
	if (!cJSON_IsString(idv))
		return 0;
	f.claim = idv->valuestring;
	if (!(arr = cJSON_AddArrayToObject(rec, "alignments")))
		return ct_error_set(CT_ENOMEM, "out of memory");
	if ((error = ct_index_alignments(ix, &f, collect, arr)) < 0 ||
	    (error = ct_index_claim_support(ix, f.claim, &corr, &ind, &contra)) < 0)
		return error;
	if (!cJSON_AddNumberToObject(rec, "corroborating_sources", corr) ||
	    !cJSON_AddNumberToObject(rec, "independent_sources", ind) ||
	    !cJSON_AddNumberToObject(rec, "contradicting_sources", contra))
		return ct_error_set(CT_ENOMEM, "out of memory");
	return 0;
}

static const char *str(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	return cJSON_IsString(v) ? v->valuestring : "";
}

static void put_clean(const char *s, size_t n)
{
	ct_cmd_put_clean(s, n);
}

/* Prints text with the spans (found by their text, first occurrence) highlighted. */
static void print_marked(struct ct_ctx *ctx, const char *text, const char *const *spans, const int *contra, size_t n)
{
	size_t pos = 0, len = strlen(text);
	while (pos < len) {
		size_t best = len, blen = 0, i;
		int bc = 0;
		for (i = 0; i < n; i++) {
			const char *hit = *spans[i] ? strstr(text + pos, spans[i]) : NULL;
			if (hit && (size_t)(hit - text) < best) {
				best = (size_t)(hit - text);
				blen = strlen(spans[i]);
				bc = contra[i];
			}
		}
		put_clean(text + pos, best - pos);
		if (best == len)
			break;
		if (ctx->color)
			printf("%s", ct_color(ctx, bc ? "1;31" : "1;33"));
		else
			putchar('[');
		put_clean(text + best, blen);
		if (ctx->color)
			printf("%s", ct_color(ctx, CT_C_RESET));
		else
			putchar(']');
		pos = best + blen;
	}
}

static const char *relation_color(const char *rel)
{
	return !strcmp(rel, "contradicts") ? CT_C_RED : !strcmp(rel, "corroborates") ? CT_C_GREEN : CT_C_DIM;
}

void ct_align_print(struct ct_ctx *ctx, ct_index *ix, const cJSON *rec)
{
	const cJSON *arr = cJSON_GetObjectItemCaseSensitive(rec, "alignments"), *a, *sig;
	const char *id = str(rec, "id");
	const cJSON *v;
	int related = 0;
	if (!cJSON_IsArray(arr))
		return;
	printf("\naligned:     ");
	v = cJSON_GetObjectItemCaseSensitive(rec, "corroborating_sources");
	if (!v || !v->valueint) {
		v = cJSON_GetObjectItemCaseSensitive(rec, "contradicting_sources");
		if (!v || !v->valueint)
			printf("no other source states this fact (single-source)\n");
		else
			printf("no other source corroborates it; contradicted by %d\n", v->valueint);
	} else {
		printf("corroborated by %d source%s", v->valueint, v->valueint == 1 ? "" : "s");
		v = cJSON_GetObjectItemCaseSensitive(rec, "independent_sources");
		printf(" (%d independent)", v ? v->valueint : 0);
		v = cJSON_GetObjectItemCaseSensitive(rec, "contradicting_sources");
		printf(", contradicted by %d\n", v ? v->valueint : 0);
	}
	cJSON_ArrayForEach(a, arr) {
		if (!strcmp(str(a, "relation"), "related"))
			related++;
	}
	cJSON_ArrayForEach(a, arr) {
		const cJSON *claims = cJSON_GetObjectItemCaseSensitive(a, "claims");
		const cJSON *sources = cJSON_GetObjectItemCaseSensitive(a, "sources");
		int mine = strcmp(cJSON_GetStringValue(cJSON_GetArrayItem(claims, 0)) ? cJSON_GetStringValue(cJSON_GetArrayItem(claims, 0)) : "", id) ? 1 : 0;
		const char *other = cJSON_GetStringValue(cJSON_GetArrayItem(claims, 1 - mine));
		const char *osrc = cJSON_GetStringValue(cJSON_GetArrayItem(sources, 1 - mine));
		const char *rel = str(a, "relation");
		const char *spans[CT_COMPARE_MAX_SIGNALS];
		int contra[CT_COMPARE_MAX_SIGNALS];
		size_t ns = 0;
		ct_buf oj = CT_BUF_INIT;
		cJSON *orec = NULL;
		if (!strcmp(rel, "related"))
			continue;   /* listed by match --claim */
		printf("  %s%-12s%s %.3f  %s%.10s%s ", ct_color(ctx, relation_color(rel)), rel, ct_color(ctx, CT_C_RESET),
		       cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(a, "score")), ct_color(ctx, CT_C_YELLOW),
		       other ? other : "?", ct_color(ctx, CT_C_RESET));
		put_clean(osrc ? osrc : "?", (size_t)-1);
		if (cJSON_IsFalse(cJSON_GetObjectItemCaseSensitive(a, "independent")))
			printf("  %s(not independent: a copy)%s", ct_color(ctx, CT_C_DIM), ct_color(ctx, CT_C_RESET));
		putchar('\n');
		cJSON_ArrayForEach(sig, cJSON_GetObjectItemCaseSensitive(a, "signals")) {
			const char *kind = str(sig, "kind");
			if (ns < CT_COMPARE_MAX_SIGNALS) {
				spans[ns] = str(sig, mine ? "a" : "b");
				contra[ns++] = strcmp(kind, "approximation") && strcmp(kind, "spelling") && strcmp(kind, "variant");
			}
		}
		if (other && ct_index_get(ix, "claim", other, &oj, NULL) == 0)
			orec = cJSON_Parse(oj.ptr);
		if (orec) {
			printf("      ");
			print_marked(ctx, str(orec, "text"), spans, contra, ns);
			putchar('\n');
		}
		cJSON_ArrayForEach(sig, cJSON_GetObjectItemCaseSensitive(a, "signals")) {
			printf("      %s: \"", str(sig, "kind"));
			put_clean(str(sig, mine ? "b" : "a"), (size_t)-1);
			printf("\" here, \"");
			put_clean(str(sig, mine ? "a" : "b"), (size_t)-1);
			printf("\" there\n");
		}
		cJSON_Delete(orec);
		ct_buf_release(&oj);
		ct_error_clear();
	}
	if (related)
		printf("  %s%d related claim%s of other sources: claimtrack match --claim %.10s%s\n", ct_color(ctx, CT_C_DIM),
		       related, related == 1 ? "" : "s", id, ct_color(ctx, CT_C_RESET));
}
