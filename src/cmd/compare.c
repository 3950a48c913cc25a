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

static void print_span(const char *label, const char *s, size_t a, size_t b)
{
	size_t i;
	printf("    %s: ", label);
	for (i = a; i < b; i++)
		putchar((unsigned char)s[i] < 0x20 ? ' ' : s[i]);
	putchar('\n');
}

int ct_cmd_compare(int argc, char **argv, struct ct_ctx *ctx)
{
	int json = 0, n, r;
	const char *published = NULL;
	const struct ct_option opts[] = {
		{ 0, "published", CT_OPT_STRING, &published, "DATE", "date (YYYY-MM-DD) anchoring weekdays in both" },
		{ 0, "json", CT_OPT_FLAG, &json, NULL, "print {score, relation, signals: [{kind, a, b}]}" },
		{ 0 }
	};
	const struct ct_usage u = { "compare", "[--published DATE] [--json] A B",
		"Scores two statements as the matcher does: how much they speak of the same fact, whether\n"
		"they corroborate or contradict each other, and the spans that differ. A and B are texts,\n"
		"or names of existing files. Exit 0 whatever the relation.", opts, 2, 2 };
	struct sb_stemmer *stemmer = NULL;
	struct ct_comparison c;
	ct_buf a = CT_BUF_INIT, b = CT_BUF_INIT;
	cJSON *o = NULL;
	size_t i;
	(void)ctx;

	if ((r = ct_parse_options(&u, argc, argv, &n)) != 0)
		return r == CT_PARSE_HELP ? 0 : -r;
	if (published && !ct_date_valid(published))
		return ct_cmd_error(CT_EXIT_INPUT, "--published must be a date written YYYY-MM-DD: '%s'", published);
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
