/* claimtrack sources / claims: listings from the index, as text or --json arrays of records. */
#include "cmd/cmd.h"

#include <string.h>

#include "cmd/match.h"
#include "review/board.h"
#include "util/err.h"

struct list_ctx {
	struct ct_ctx *ctx;
	cJSON *array;   /* sources: records collected here */
	struct ct_json_stream *json;   /* claims --json: each record printed as it is read */
	size_t n;
	/* claims --review: only claims with this review status, at most limit of them */
	const struct ct_board *board;
	const struct ct_review_rule *rule;
	int want;
	long limit;
};

static const char *str_or(const cJSON *o, const char *key, const char *dflt)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	return cJSON_IsString(v) ? v->valuestring : dflt;
}

static double num_or(const cJSON *o, const char *key, double dflt)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	return cJSON_IsNumber(v) ? v->valuedouble : dflt;
}

/* Prints s on one line, control characters shown as spaces, so record text cannot move the
 * cursor or change colours of the terminal it is printed on. */
static void print_clean(const char *s)
{
	ct_cmd_put_clean(s, strlen(s));
}

static int source_row(const char *path, const char *json, void *payload)
{
	struct list_ctx *l = payload;
	cJSON *rec = cJSON_Parse(json);
	cJSON *deps;
	int r;
	(void)path;
	if (!rec)
		return 0;
	l->n++;
	cJSON_AddItemToArray(l->array, rec);
	/* the sources this one copies, rewrites or translates (claimtrack match) */
	if (!(deps = cJSON_AddArrayToObject(rec, "dependent_on")))
		return ct_error_set(CT_ENOMEM, "out of memory");
	if (cJSON_IsString(cJSON_GetObjectItemCaseSensitive(rec, "id")) &&
	    (r = ct_match_source_deps_json(l->ctx->index, cJSON_GetObjectItemCaseSensitive(rec, "id")->valuestring, deps)) < 0)
		return r;
	return 0;
}

/* Display width of s in code points (wide characters count as one: close enough for names). */
static size_t text_width(const char *s)
{
	size_t w = 0;
	for (; *s; s++)
		w += ((unsigned char)*s & 0xc0) != 0x80;
	return w;
}

/* Prints s cleaned, cut to at most width code points (an ellipsis marks the cut), then pads. */
static void print_cell(const char *s, size_t width)
{
	size_t w = text_width(s), used = 0;
	const char *p = s;
	if (w > width) {
		for (; *p && used < width - 1; used++) {
			const char *q = p + 1;
			while (((unsigned char)*q & 0xc0) == 0x80)
				q++;
			for (; p < q; p++)
				putchar((unsigned char)*p < 0x20 || *p == 0x7f ? ' ' : *p);
		}
		fputs("\xe2\x80\xa6", stdout);
		return;
	}
	print_clean(s);
	for (; w < width; w++)
		putchar(' ');
}

static void print_sources(const struct list_ctx *l)
{
	const cJSON *rec;
	size_t idw = 2, ow = 6;
	cJSON_ArrayForEach(rec, l->array) {
		size_t a = text_width(str_or(rec, "id", "")), b = text_width(str_or(rec, "outlet", ""));
		idw = a > idw ? a : idw;
		ow = b > ow ? b : ow;
	}
	ow = ow > 32 ? 32 : ow;
	if (!cJSON_GetArraySize(l->array))
		return;
	if (l->ctx->tty)
		printf("%s%-*s  %-10s  %6s  %-*s  %s%s\n", ct_color(l->ctx, CT_C_DIM), (int)idw, "ID", "PUBLISHED", "CLAIMS",
	       (int)ow, "OUTLET", "TITLE", ct_color(l->ctx, CT_C_RESET));
	cJSON_ArrayForEach(rec, l->array) {
		printf("%s%-*s%s  %-10s  %6.0f  ", ct_color(l->ctx, CT_C_BOLD), (int)idw, str_or(rec, "id", "?"),
		       ct_color(l->ctx, CT_C_RESET), str_or(rec, "published", "-"), num_or(rec, "claims", 0));
		if (*str_or(rec, "title", "")) {
			print_cell(str_or(rec, "outlet", ""), ow);
			printf("  ");
			print_clean(str_or(rec, "title", ""));
		} else {
			print_cell(str_or(rec, "outlet", ""), text_width(str_or(rec, "outlet", "")) > ow ? ow : 0);
		}
		{
			const cJSON *d, *deps = cJSON_GetObjectItemCaseSensitive(rec, "dependent_on");
			int k = 0;
			cJSON_ArrayForEach(d, deps) {
				if (!cJSON_IsString(d))
					continue;
				printf("%s%s", k++ ? ", " : "  (copy of ", ct_color(l->ctx, CT_C_DIM));
				print_clean(d->valuestring);
				printf("%s", ct_color(l->ctx, CT_C_RESET));
			}
			if (k)
				putchar(')');
		}
		putchar('\n');
	}
}

int ct_cmd_sources(int argc, char **argv, struct ct_ctx *ctx)
{
	int json = 0, n, r;
	const struct ct_option opts[] = {
		{ 0, "json", CT_OPT_FLAG, &json, NULL, "print a JSON array of source records" },
		{ 0 }
	};
	const struct ct_usage u = { "sources", "[--json]", "Lists the sources of the desk, by id; --json gives each "
		"source's dependent_on: the sources it copies, rewrites or translates (see claimtrack match).", opts, 0, 0 };
	struct list_ctx l = { ctx, NULL, NULL, 0, NULL, NULL, 0, 0 };
	ct_index *ix;

	if ((r = ct_parse_options(&u, argc, argv, &n)) != 0)
		return r == CT_PARSE_HELP ? 0 : -r;
	if ((r = ct_cmd_index_aligned(ctx, &ix)) < 0)
		return ct_cmd_fail(r);
	if (!(l.array = cJSON_CreateArray()))
		return ct_cmd_error(CT_EXIT_FAIL, "out of memory");
	r = ct_index_sources(ix, source_row, &l);
	if (r == 0 && json)
		r = ct_print_json(l.array);
	else if (r == 0)
		print_sources(&l);
	cJSON_Delete(l.array);
	return r < 0 ? ct_cmd_fail(r) : 0;
}

static int claim_row(const char *path, const char *json, void *payload)
{
	struct list_ctx *l = payload;
	cJSON *rec = cJSON_Parse(json);
	const char *status;
	(void)path;
	if (!rec)
		return 0;
	if (l->board) {
		struct ct_tally t;
		ct_board_tally(l->board, str_or(rec, "id", ""), &t);
		if ((int)ct_claim_status(l->rule, &t, str_or(rec, "status", NULL)) != l->want) {
			cJSON_Delete(rec);
			return 0;
		}
		if (l->limit > 0 && (long)l->n >= l->limit) {
			cJSON_Delete(rec);
			return 1;   /* enough: stop the iteration */
		}
	}
	l->n++;
	if (l->json) {
		int r = ct_json_stream_item(l->json, rec);
		cJSON_Delete(rec);
		return r;
	}
	status = str_or(rec, "status", "active");
	printf("%s%.10s%s %-12s %-10s ", ct_color(l->ctx, CT_C_YELLOW), str_or(rec, "id", "?"),
	       ct_color(l->ctx, CT_C_RESET), str_or(rec, "source", "?"), str_or(rec, "type", "?"));
	if (strcmp(status, "active"))
		printf("%s[%s]%s ", ct_color(l->ctx, CT_C_DIM), status, ct_color(l->ctx, CT_C_RESET));
	print_clean(str_or(rec, "text", ""));
	putchar('\n');
	cJSON_Delete(rec);
	return 0;
}

int ct_cmd_claims(int argc, char **argv, struct ct_ctx *ctx)
{
	int json = 0, all = 0, n, r;
	long limit = 0;
	const char *review = NULL;
	struct ct_claim_filter f = { NULL, NULL, NULL, NULL, 0 };
	const struct ct_option opts[] = {
		{ 's', "source", CT_OPT_STRING, &f.source, "ID", "only the claims of this source" },
		{ 0, "search", CT_OPT_STRING, &f.search, "WORDS", "full-text search: claims containing all the words" },
		{ 0, "status", CT_OPT_STRING, &f.status, "STATUS", "active (default), superseded or withdrawn" },
		{ 0, "all", CT_OPT_FLAG, &all, NULL, "every status, withdrawn and superseded included" },
		{ 0, "type", CT_OPT_STRING, &f.type, "TYPE", "only claims of this type (quantity, quote, ...)" },
		{ 0, "review", CT_OPT_STRING, &review, "STATUS", "only claims with this review status (unreviewed, pending, corroborated, contradicted, disputed, unverifiable)" },
		{ 'n', "limit", CT_OPT_LONG, &limit, "N", "at most N claims" },
		{ 0, "json", CT_OPT_FLAG, &json, NULL, "print a JSON array of claim records" },
		{ 0 }
	};
	const struct ct_usage u = { "claims", "[--source ID] [--search WORDS] [--status S | --all] [--type T] [--review STATUS] [-n N] [--json]",
		"Lists claims, by source and position in the text, or by relevance with --search.", opts, 0, 0 };
	struct list_ctx l = { ctx, NULL, NULL, 0, NULL, NULL, 0, 0 };
	struct ct_json_stream stream = { 0 };
	struct ct_board board;
	struct ct_review_rule rule;
	cJSON *settings = NULL;
	ct_index *ix;

	memset(&board, 0, sizeof(board));
	if ((r = ct_parse_options(&u, argc, argv, &n)) != 0)
		return r == CT_PARSE_HELP ? 0 : -r;
	if (review) {
		l.want = ct_status_parse(review);
		if (l.want < 0 || l.want == CT_S_WITHDRAWN || l.want == CT_S_SUPERSEDED)
			return ct_cmd_error(CT_EXIT_USAGE, "--review must be unreviewed, pending, corroborated, contradicted, "
					    "disputed or unverifiable: '%s'", review);
	}
	if (f.status && strcmp(f.status, "active") && strcmp(f.status, "superseded") && strcmp(f.status, "withdrawn"))
		return ct_cmd_error(CT_EXIT_USAGE, "--status must be active, superseded or withdrawn: '%s'", f.status);
	if (!f.status && !all)
		f.status = "active";
	f.limit = review ? 0 : limit;
	if ((r = ct_cmd_index(ctx, &ix)) < 0)
		return ct_cmd_fail(r);
	if (review) {
		if ((r = ct_cmd_settings(ctx, &settings)) < 0 || (r = ct_review_rule_from_desk(settings, &rule)) < 0 ||
		    (r = ct_board_load(&board, ix)) < 0) {
			cJSON_Delete(settings);
			ct_board_release(&board);
			return ct_cmd_fail(r);
		}
		l.board = &board;
		l.rule = &rule;
		l.limit = limit;
	}
	if (f.source) {
		ct_buf json_s = CT_BUF_INIT, path = CT_BUF_INIT;
		r = ct_index_get(ix, "source", f.source, &json_s, &path);
		ct_buf_release(&json_s);
		ct_buf_release(&path);
		if (r == CT_ENOTFOUND)
			return ct_cmd_error(CT_EXIT_INPUT, "no such source: '%s'", f.source);
	}
	if (json)
		l.json = &stream;
	r = ct_index_claims(ix, &f, claim_row, &l);
	if (r > 0)
		r = 0;   /* stopped at the limit */
	if (r == 0 && json)
		ct_json_stream_end(&stream);
	cJSON_Delete(settings);
	ct_board_release(&board);
	return r < 0 ? ct_cmd_fail(r) : 0;
}
