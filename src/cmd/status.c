/* claimtrack status: review progress of the desk: claims by status, by source and by reviewer,
 * disputed claims first. Built from the index (claims and every review) in one pass each. */
#include "cmd/cmd.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "review/board.h"
#include "util/err.h"

struct src_row {
	char *id;
	unsigned long n[CT_S_COUNT];
	unsigned long claims;     /* active claims (not withdrawn or superseded) */
};

struct rev_row {
	const char *name, *email;   /* borrowed from the board */
	unsigned long n[CT_V_COUNT];
	unsigned long total;
};

struct status_ctx {
	struct ct_board board;
	struct ct_review_rule rule;
	struct src_row *src;
	size_t nsrc, capsrc;
	unsigned long total[CT_S_COUNT];
	cJSON *disputed;          /* [{id, source, text, reviews}] */
	int error;
};

static const char *str_or(const cJSON *o, const char *key, const char *dflt)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	return cJSON_IsString(v) ? v->valuestring : dflt;
}

static int on_claim(const char *path, const char *json, void *payload)
{
	struct status_ctx *c = payload;
	cJSON *rec = cJSON_Parse(json);
	const char *id = str_or(rec, "id", NULL), *source = str_or(rec, "source", NULL);
	struct ct_tally t;
	enum ct_status s;
	(void)path;
	if (!id || !source) {
		cJSON_Delete(rec);
		return 0;
	}
	ct_board_tally(&c->board, id, &t);
	s = ct_claim_status(&c->rule, &t, str_or(rec, "status", NULL));
	/* Claims come ordered by source: a new source starts a new row. */
	if (!c->nsrc || strcmp(c->src[c->nsrc - 1].id, source)) {
		if (c->nsrc == c->capsrc) {
			size_t cap = c->capsrc ? c->capsrc * 2 : 16;
			struct src_row *p = realloc(c->src, cap * sizeof(*p));
			if (!p) {
				cJSON_Delete(rec);
				return ct_error_set(CT_ENOMEM, "out of memory");
			}
			c->src = p;
			c->capsrc = cap;
		}
		memset(&c->src[c->nsrc], 0, sizeof(c->src[0]));
		if (!(c->src[c->nsrc].id = strdup(source))) {
			cJSON_Delete(rec);
			return ct_error_set(CT_ENOMEM, "out of memory");
		}
		c->nsrc++;
	}
	c->src[c->nsrc - 1].n[s]++;
	if (s != CT_S_WITHDRAWN && s != CT_S_SUPERSEDED)
		c->src[c->nsrc - 1].claims++;
	c->total[s]++;
	if (s == CT_S_DISPUTED) {
		cJSON *d = cJSON_CreateObject(), *revs;
		size_t first, n = ct_board_find(&c->board, id, &first), i;
		cJSON_AddStringToObject(d, "id", id);
		cJSON_AddStringToObject(d, "source", source);
		cJSON_AddStringToObject(d, "text", str_or(rec, "text", ""));
		revs = cJSON_AddArrayToObject(d, "reviews");
		for (i = first; i < first + n; i++) {
			cJSON *r = cJSON_CreateObject();
			cJSON_AddStringToObject(r, "reviewer", c->board.reviews[i].name);
			cJSON_AddStringToObject(r, "email", c->board.reviews[i].email);
			cJSON_AddStringToObject(r, "verdict", ct_verdict_name(c->board.reviews[i].verdict));
			cJSON_AddItemToArray(revs, r);
		}
		cJSON_AddItemToArray(c->disputed, d);
	}
	cJSON_Delete(rec);
	return 0;
}

static int cmp_rev(const void *a, const void *b)
{
	const struct rev_row *x = a, *y = b;
	if (x->total != y->total)
		return x->total > y->total ? -1 : 1;
	return strcasecmp(x->email, y->email);
}

/* One row per reviewer email (case-insensitive), most reviews first. */
static struct rev_row *reviewers(const struct ct_board *b, size_t *out_n)
{
	struct rev_row *rows = calloc(b->n ? b->n : 1, sizeof(*rows));
	size_t n = 0, i, k;
	if (!rows)
		return NULL;
	for (i = 0; i < b->n; i++) {
		for (k = 0; k < n && strcasecmp(rows[k].email, b->reviews[i].email); k++)
			;
		if (k == n) {
			rows[n].name = b->reviews[i].name;
			rows[n].email = b->reviews[i].email;
			n++;
		}
		rows[k].n[b->reviews[i].verdict]++;
		rows[k].total++;
	}
	qsort(rows, n, sizeof(*rows), cmp_rev);
	*out_n = n;
	return rows;
}

static void print_clean(const char *s, size_t max)
{
	size_t i = strnlen(s, max);
	ct_cmd_put_clean(s, i);
	if (s[i]) {
		while (((unsigned char)s[i] & 0xc0) == 0x80)   /* finish the character cut */
			putchar(s[i++]);
		printf("...");
	}
}

static const enum ct_status shown[] = { CT_S_CORROBORATED, CT_S_CONTRADICTED, CT_S_DISPUTED, CT_S_UNVERIFIABLE,
					CT_S_PENDING, CT_S_UNREVIEWED };
#define NSHOWN (sizeof(shown) / sizeof(shown[0]))

static cJSON *counts_json(const unsigned long *n)
{
	cJSON *o = cJSON_CreateObject();
	int s;
	for (s = 0; s < CT_S_COUNT; s++)
		cJSON_AddNumberToObject(o, ct_status_name((enum ct_status)s), (double)n[s]);
	return o;
}

static void print_json(struct status_ctx *c, const struct rev_row *rv, size_t nrv)
{
	cJSON *o = cJSON_CreateObject(), *a;
	size_t i;
	int v;
	unsigned long active = 0;
	for (i = 0; i < NSHOWN; i++)
		active += c->total[shown[i]];
	cJSON_AddNumberToObject(o, "quorum", c->rule.quorum);
	cJSON_AddNumberToObject(o, "claims", (double)active);
	cJSON_AddNumberToObject(o, "reviewed", (double)(active - c->total[CT_S_UNREVIEWED]));
	cJSON_AddItemToObject(o, "status", counts_json(c->total));
	cJSON_AddItemToObject(o, "disputed", c->disputed);
	c->disputed = NULL;
	a = cJSON_AddArrayToObject(o, "sources");
	for (i = 0; i < c->nsrc; i++) {
		cJSON *s = cJSON_CreateObject();
		cJSON_AddStringToObject(s, "id", c->src[i].id);
		cJSON_AddNumberToObject(s, "claims", (double)c->src[i].claims);
		cJSON_AddNumberToObject(s, "reviewed", (double)(c->src[i].claims - c->src[i].n[CT_S_UNREVIEWED]));
		cJSON_AddItemToObject(s, "status", counts_json(c->src[i].n));
		cJSON_AddItemToArray(a, s);
	}
	a = cJSON_AddArrayToObject(o, "reviewers");
	for (i = 0; i < nrv; i++) {
		cJSON *r = cJSON_CreateObject();
		cJSON_AddStringToObject(r, "name", rv[i].name);
		cJSON_AddStringToObject(r, "email", rv[i].email);
		cJSON_AddNumberToObject(r, "reviews", (double)rv[i].total);
		for (v = 0; v < CT_V_COUNT; v++)
			cJSON_AddNumberToObject(r, ct_verdict_name((enum ct_verdict)v), (double)rv[i].n[v]);
		cJSON_AddItemToArray(a, r);
	}
	ct_print_json(o);
	cJSON_Delete(o);
}

static void print_text(struct ct_ctx *ctx, struct status_ctx *c, const struct rev_row *rv, size_t nrv)
{
	unsigned long active = 0;
	const cJSON *d;
	size_t i, k;
	for (i = 0; i < NSHOWN; i++)
		active += c->total[shown[i]];
	printf("%sclaims: %lu active, %lu reviewed, %lu unreviewed%s (quorum %d)\n", ct_color(ctx, CT_C_BOLD), active,
	       active - c->total[CT_S_UNREVIEWED], c->total[CT_S_UNREVIEWED], ct_color(ctx, CT_C_RESET), c->rule.quorum);
	for (i = 0; i < NSHOWN; i++)
		printf("%s%s %lu", i ? ", " : "", ct_status_name(shown[i]), c->total[shown[i]]);
	printf("; withdrawn %lu, superseded %lu\n", c->total[CT_S_WITHDRAWN], c->total[CT_S_SUPERSEDED]);
	if (cJSON_GetArraySize(c->disputed) > 0) {
		printf("\n%sdisputed:%s\n", ct_color(ctx, CT_C_RED), ct_color(ctx, CT_C_RESET));
		cJSON_ArrayForEach(d, c->disputed) {
			const cJSON *r;
			printf("  %.10s %-12s ", str_or(d, "id", ""), str_or(d, "source", ""));
			print_clean(str_or(d, "text", ""), 70);
			printf("\n             ");
			cJSON_ArrayForEach(r, cJSON_GetObjectItemCaseSensitive(d, "reviews")) {
				printf(" %s: ", str_or(r, "verdict", ""));
				print_clean(str_or(r, "email", ""), 80);
			}
			printf("\n");
		}
	}
	printf("\n%-16s %7s %8s %10s %12s %12s %8s %12s %7s\n", "source", "claims", "reviewed", "unreviewed",
	       "corroborated", "contradicted", "disputed", "unverifiable", "pending");
	for (i = 0; i < c->nsrc; i++) {
		const struct src_row *s = &c->src[i];
		printf("%-16s %7lu %8lu %10lu %12lu %12lu %8lu %12lu %7lu\n", s->id, s->claims,
		       s->claims - s->n[CT_S_UNREVIEWED], s->n[CT_S_UNREVIEWED], s->n[CT_S_CORROBORATED],
		       s->n[CT_S_CONTRADICTED], s->n[CT_S_DISPUTED], s->n[CT_S_UNVERIFIABLE], s->n[CT_S_PENDING]);
	}
	if (nrv) {
		printf("\n%-32s %7s %12s %12s %12s\n", "reviewer", "reviews", "corroborated", "contradicted", "unverifiable");
		for (i = 0; i < nrv; i++) {
			printf("%-32.32s %7lu", rv[i].email, rv[i].total);
			for (k = 0; k < CT_V_COUNT; k++)
				printf(" %12lu", rv[i].n[k]);
			printf("\n");
		}
	}
}

int ct_cmd_status(int argc, char **argv, struct ct_ctx *ctx)
{
	int json = 0, n, r;
	const struct ct_option opts[] = {
		{ 0, "json", CT_OPT_FLAG, &json, NULL, "print the progress as one JSON object" },
		{ 0 }
	};
	const struct ct_usage u = { "status", "[--json]",
		"Review progress: claims by status (unreviewed, pending, corroborated, contradicted,\n"
		"disputed, unverifiable, withdrawn, superseded), disputed claims first with each\n"
		"reviewer's verdict, then per source and per reviewer.", opts, 0, 0 };
	struct status_ctx c;
	struct ct_claim_filter f = { NULL, NULL, NULL, NULL, 0 };
	struct rev_row *rv = NULL;
	size_t nrv = 0, i;
	cJSON *settings = NULL;
	ct_index *ix;

	memset(&c, 0, sizeof(c));
	if ((r = ct_parse_options(&u, argc, argv, &n)) != 0)
		return r == CT_PARSE_HELP ? 0 : -r;
	c.disputed = cJSON_CreateArray();
	if ((r = ct_cmd_index(ctx, &ix)) < 0 || (r = ct_cmd_settings(ctx, &settings)) < 0 ||
	    (r = ct_review_rule_from_desk(settings, &c.rule)) < 0 || (r = ct_board_load(&c.board, ix)) < 0 ||
	    (r = ct_index_claims(ix, &f, on_claim, &c)) < 0) {
		r = ct_cmd_fail(r);
		goto done;
	}
	if (!c.disputed || !(rv = reviewers(&c.board, &nrv))) {
		r = ct_cmd_error(CT_EXIT_FAIL, "out of memory");
		goto done;
	}
	if (json)
		print_json(&c, rv, nrv);
	else
		print_text(ctx, &c, rv, nrv);
	r = 0;
done:
	free(rv);
	for (i = 0; i < c.nsrc; i++)
		free(c.src[i].id);
	free(c.src);
	cJSON_Delete(c.disputed);
	cJSON_Delete(settings);
	ct_board_release(&c.board);
	return r;
}
