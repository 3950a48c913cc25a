/* claimtrack index (status and --rebuild of the SQLite cache) and claimtrack extract (the claim
 * extractor on a file, without a desk: for inspection and benchmarks). */
#include "cmd/cmd.h"

#include <errno.h>
#include <string.h>

#include "extract/extract.h"
#include "record/record.h"
#include "text/utf8.h"
#include "util/err.h"

int ct_cmd_index_cmd(int argc, char **argv, struct ct_ctx *ctx)
{
	int rebuild = 0, n, r;
	const struct ct_option opts[] = {
		{ 0, "rebuild", CT_OPT_FLAG, &rebuild, NULL, "delete the index and build it again from the desk" },
		{ 0 }
	};
	const struct ct_usage u = { "index", "[--rebuild]",
		"The SQLite index (.git/claimtrack/index.db) is a cache of the desk, refreshed automatically.\n"
		"Without options, brings it up to date and prints what it holds.", opts, 0, 0 };
	ct_index *ix;
	long records;

	if ((r = ct_parse_options(&u, argc, argv, &n)) != 0)
		return r == CT_PARSE_HELP ? 0 : -r;
	if (rebuild) {
		if ((r = ct_cmd_index_rebuild(ctx, &records)) < 0)
			return ct_cmd_fail(r);
		ix = ctx->index;
		printf("rebuilt: ");
	} else if ((r = ct_cmd_index(ctx, &ix)) < 0) {
		return ct_cmd_fail(r);
	}
	printf("sources: %ld, claims: %ld, reviews: %ld", ct_index_count(ix, "source"), ct_index_count(ix, "claim"),
	       ct_index_count(ix, "review"));
	if (ct_index_count(ix, "broken") > 0)
		printf(", %ld unreadable records (see 'claimtrack validate')", ct_index_count(ix, "broken"));
	printf("\n");
	return 0;
}

struct extract_out {
	int json;
	ct_buf buf;     /* --json: the elements not yet written */
	FILE *f;
	size_t segments, claims;
};

static int on_extract(const struct ct_claim_draft *d, void *payload)
{
	struct extract_out *x = payload;
	int r;
	x->segments++;
	x->claims += d->is_claim ? 1 : 0;
	if (!x->json) {
		fprintf(x->f, "%s %-9s %.2f  %s\n", d->is_claim ? "*" : " ", ct_seg_kind_name(d->seg->kind),
			d->checkworthy, d->text);
		return 0;
	}
	/* One element at a time, written out in blocks: memory stays that of one block (256 KiB:
	 * a write per 64 KiB was 1,700 system calls for the 8 MB bench chunk). */
	ct_buf_puts(&x->buf, x->segments > 1 ? ", " : "[");
	if ((r = ct_extract_json(&x->buf, d)) < 0)
		return r;
	if (x->buf.len >= 262144) {
		fwrite(x->buf.ptr, 1, x->buf.len, x->f);
		ct_buf_clear(&x->buf);
	}
	return 0;
}

#define EXTRACT_PARALLEL_BYTES (256 * 1024)

int ct_cmd_extract(int argc, char **argv, struct ct_ctx *ctx)
{
	int json = 0, n, r;
	long jobs = 0;
	const char *published = NULL;
	const struct ct_option opts[] = {
		{ 0, "published", CT_OPT_STRING, &published, "DATE", "publication date (YYYY-MM-DD) for relative dates" },
		{ 0, "json", CT_OPT_FLAG, &json, NULL, "print every sentence with is_claim, score and features" },
		{ 'j', "jobs", CT_OPT_LONG, &jobs, "N",
		  "analyse with N threads (default: CLAIMTRACK_THREADS, else the CPUs; one for a text under 256 KiB)" },
		{ 0 }
	};
	const struct ct_usage u = { "extract", "[--published DATE] [--json] [--jobs N] FILE",
		"Runs the claim extractor on FILE (no desk needed) and prints every segment: claims are\n"
		"marked '*'. FILE may be '-' for standard input. The output does not depend on --jobs.", opts, 1, 1 };
	struct extract_out x = { 0, CT_BUF_INIT, stdout, 0, 0 };
	ct_cmd_text text;
	size_t nbad = 0;
	(void)ctx;

	if ((r = ct_parse_options(&u, argc, argv, &n)) != 0)
		return r == CT_PARSE_HELP ? 0 : -r;
	if (published && !ct_date_valid(published))
		return ct_cmd_error(CT_EXIT_INPUT, "--published must be a date written YYYY-MM-DD: '%s'", published);
	if (jobs < 0 || jobs > CT_EXTRACT_MAX_THREADS)
		return ct_cmd_error(CT_EXIT_USAGE, "--jobs must be 1 to %d", CT_EXTRACT_MAX_THREADS);
	if ((r = ct_cmd_text_open(argv[0], &text, &nbad)) < 0) {
		r = ct_cmd_fail(r);
		goto done;
	}
	x.json = json;
	/* threads pay for themselves on a long text only (a few articles take milliseconds) */
	if (!jobs)
		jobs = text.len < EXTRACT_PARALLEL_BYTES ? 1 : (long)ct_cmd_threads(4);
	if ((r = ct_extract_parallel(text.ptr, text.len, published, on_extract, &x, (int)jobs)) < 0) {
		r = ct_cmd_fail(r);
		goto done;
	}
	if (json) {
		ct_buf_puts(&x.buf, x.segments ? "]\n" : "[]\n");
		fwrite(x.buf.ptr, 1, x.buf.len, x.f);
	} else {
		fprintf(stderr, "%zu segment%s, %zu claim%s\n", x.segments, x.segments == 1 ? "" : "s", x.claims,
			x.claims == 1 ? "" : "s");
	}
	r = 0;
done:
	ct_buf_release(&x.buf);
	ct_cmd_text_close(&text);
	return r;
}
