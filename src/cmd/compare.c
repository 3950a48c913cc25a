/* claimtrack compare: the claim scorer on two statements (or two files): the score, the relation
 * and the signals naming where they differ. A reviewer's quick check, and the way to evaluate
 * the matcher on pair datasets. */
#include "cmd/cmd.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <libstemmer.h>

#include "align/compare.h"
#include "record/record.h"
#include "text/segment.h"
#include "text/utf8.h"
#include "util/err.h"

/* The statement itself, or the text of the file it names; cleaned and flattened to one line. */
static int statement(const char *arg, ct_buf *out)
{
	struct stat st;
	ct_buf text = CT_BUF_INIT;
	size_t nbad = 0;
	int r;
	if (stat(arg, &st) == 0 && S_ISREG(st.st_mode))
		r = ct_cmd_read_text(arg, &text, &nbad);
	else
		r = ct_text_clean(&text, arg, strlen(arg), &nbad, NULL);
	if (r == 0) {
		ct_segment_flatten(out, text.ptr, 0, text.len);
		if (ct_buf_oom(out) < 0)
			r = ct_error_set(CT_ENOMEM, "out of memory");
		else if (!out->len)
			r = ct_error_set(CT_EINPUT, "empty statement: '%s'", arg);
	}
	ct_buf_release(&text);
	return r;
}

/* One line of a pairs file: the statements before and after its single tab. */
struct pair_line {
	size_t lineno;
	const char *a, *b;
	size_t alen, blen;
};

/* Steps *cursor to the next non-empty line of a pairs file and splits it. 1 with a line in *out,
 * 0 at the end, -1 when the line is not two statements separated by one tab (out->lineno names it). */
static int next_pair(const char **cursor, struct pair_line *out)
{
	const char *line = *cursor, *end, *tab;
	for (;;) {
		if (!*line)
			return 0;
		end = strchr(line, '\n');
		if (!end)
			end = line + strlen(line);
		out->lineno++;
		*cursor = *end ? end + 1 : end;
		if (end != line)
			break;
		line = *cursor;
	}
	tab = memchr(line, '\t', (size_t)(end - line));
	if (!tab || memchr(tab + 1, '\t', (size_t)(end - tab - 1)))
		return -1;
	out->a = line;
	out->alen = (size_t)(tab - line);
	out->b = tab + 1;
	out->blen = (size_t)(end - tab - 1);
	return 1;
}

/* --pairs: one pair per line, "A<TAB>B", each scored on its own; one result per line (a JSON
 * object per line with --json). The way to run the scorer over a pair dataset in one process. */
static int compare_pairs(struct ct_ctx *ctx, struct sb_stemmer *stemmer, const char *file, const char *published,
			 int json)
{
	ct_buf text = CT_BUF_INIT, a = CT_BUF_INIT, b = CT_BUF_INIT;
	struct pair_line pl = { 0 };
	const char *cur;
	size_t nbad = 0;
	int r;
	(void)ctx;
	if ((r = ct_cmd_read_text(file, &text, &nbad)) < 0)
		return ct_cmd_fail(r);
	/* Every line is checked before any is scored: a bad file prints nothing on stdout. */
	for (cur = text.ptr; (r = next_pair(&cur, &pl)) > 0;)
		;
	if (r < 0) {
		r = ct_cmd_error(CT_EXIT_INPUT, "line %zu of the pairs file is not two statements separated by one tab: '%s'",
				 pl.lineno, file);
		goto done;
	}
	pl.lineno = 0;
	for (cur = text.ptr; next_pair(&cur, &pl) > 0;) {
		struct ct_comparison c;
		cJSON *o;
		char *str;
		ct_buf_clear(&a);
		ct_buf_clear(&b);
		ct_segment_flatten(&a, pl.a, 0, pl.alen);
		ct_segment_flatten(&b, pl.b, 0, pl.blen);
		if (ct_buf_oom(&a) < 0 || ct_buf_oom(&b) < 0) {
			r = ct_cmd_error(CT_EXIT_FAIL, "out of memory");
			goto done;
		}
		if ((r = ct_compare(stemmer, a.ptr, a.len, published, b.ptr, b.len, published, &c)) < 0) {
			r = ct_cmd_fail(r);
			goto done;
		}
		if (!json) {
			printf("%zu\t%s\t%.3f\n", pl.lineno, c.relation, c.score);
			continue;
		}
		o = ct_comparison_json(&c, a.ptr, b.ptr);
		if (!o || !cJSON_AddNumberToObject(o, "line", (double)pl.lineno)) {
			cJSON_Delete(o);
			r = ct_cmd_error(CT_EXIT_FAIL, "out of memory");
			goto done;
		}
		str = cJSON_PrintUnformatted(o);
		cJSON_Delete(o);
		if (!str) {
			r = ct_cmd_error(CT_EXIT_FAIL, "out of memory");
			goto done;
		}
		puts(str);
		cJSON_free(str);
	}
	r = 0;
done:
	ct_buf_release(&text);
	ct_buf_release(&a);
	ct_buf_release(&b);
	return r;
}

/* A differing span on one line, control characters shown as spaces. */
static void print_span(const char *label, const char *s, size_t a, size_t b)
{
	printf("    %s: ", label);
	ct_cmd_put_clean(s + a, b - a);
	putchar('\n');
}

int ct_cmd_compare(int argc, char **argv, struct ct_ctx *ctx)
{
	int json = 0, n, r;
	const char *published = NULL, *pairs = NULL;
	const struct ct_option opts[] = {
		{ 0, "published", CT_OPT_STRING, &published, "DATE", "date (YYYY-MM-DD) anchoring weekdays in both" },
		{ 0, "json", CT_OPT_FLAG, &json, NULL, "print {score, relation, signals: [{kind, a, b}]}" },
		{ 0, "pairs", CT_OPT_STRING, &pairs, "FILE",
		  "score each line 'A<TAB>B' of FILE (- for stdin) instead, one result per line" },
		{ 0 }
	};
	const struct ct_usage u = { "compare", "[--published DATE] [--json] (A B | --pairs FILE)",
		"Scores two statements as the matcher does: how much they speak of the same fact, whether\n"
		"they corroborate or contradict each other, and the spans that differ. A and B are texts,\n"
		"or names of existing files. With --pairs, every line of FILE is one pair, and each result\n"
		"is one line (\"LINE RELATION SCORE\", or one JSON object with --json). Exit 0 whatever the\n"
		"relation.", opts, 0, 2 };
	struct sb_stemmer *stemmer = NULL;
	struct ct_comparison c;
	ct_buf a = CT_BUF_INIT, b = CT_BUF_INIT;
	cJSON *o = NULL;
	size_t i;
	(void)ctx;

	if ((r = ct_parse_options(&u, argc, argv, &n)) != 0)
		return r == CT_PARSE_HELP ? 0 : -r;
	if (n != (pairs ? 0 : 2)) {
		r = ct_cmd_error(CT_EXIT_USAGE, pairs ? "--pairs takes no statements" : n < 2 ? "missing arguments"
											   : "too many arguments");
		ct_print_usage(&u, stderr);
		return r;
	}
	if (published && !ct_date_valid(published))
		return ct_cmd_error(CT_EXIT_INPUT, "--published must be a date written YYYY-MM-DD: '%s'", published);
	if (pairs) {
		if (!(stemmer = sb_stemmer_new("english", "UTF_8")))
			return ct_cmd_error(CT_EXIT_FAIL, "cannot create the English stemmer");
		r = compare_pairs(ctx, stemmer, pairs, published, json);
		sb_stemmer_delete(stemmer);
		return r;
	}
	if ((r = statement(argv[0], &a)) < 0 || (r = statement(argv[1], &b)) < 0) {
		r = ct_cmd_fail(r);
		goto done;
	}
	if (!(stemmer = sb_stemmer_new("english", "UTF_8"))) {
		r = ct_cmd_error(CT_EXIT_FAIL, "cannot create the English stemmer");
		goto done;
	}
	if ((r = ct_compare(stemmer, a.ptr, a.len, published, b.ptr, b.len, published, &c)) < 0) {
		r = ct_cmd_fail(r);
		goto done;
	}
	if (json) {
		if (!(o = ct_comparison_json(&c, a.ptr, b.ptr))) {
			r = ct_cmd_error(CT_EXIT_FAIL, "out of memory");
			goto done;
		}
		ct_print_json(o);
	} else {
		const char *col = !strcmp(c.relation, "contradicts") ? CT_C_RED :
				  !strcmp(c.relation, "corroborates") ? CT_C_GREEN : CT_C_YELLOW;
		printf("%s%s%s (score %.3f)\n", ct_color(ctx, col), c.relation, ct_color(ctx, CT_C_RESET), c.score);
		for (i = 0; i < c.nsignals; i++) {
			printf("  %s%s%s\n", ct_color(ctx, CT_C_BOLD), ct_signal_kind_name(c.signals[i].kind),
			       ct_color(ctx, CT_C_RESET));
			print_span("a", a.ptr, c.signals[i].a_start, c.signals[i].a_end);
			print_span("b", b.ptr, c.signals[i].b_start, c.signals[i].b_end);
		}
	}
	r = 0;
done:
	cJSON_Delete(o);
	if (stemmer)
		sb_stemmer_delete(stemmer);
	ct_buf_release(&a);
	ct_buf_release(&b);
	return r;
}
