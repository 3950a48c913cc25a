/* claimtrack report: the desk's outcomes as Markdown (default), HTML with SVG charts, JSON,
 * ClaimReview JSON-LD or CSV, built from the records of one commit; -o writes atomically. */
#include "cmd/cmd.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd/match.h"
#include "record/record.h"
#include "report/model.h"
#include "util/err.h"

static const struct {
	const char *name;
	int (*write)(struct rp_out *o, const struct rp_model *m);
} formats[] = {
	{ "md", rp_stream_md },   { "html", rp_stream_html }, { "json", rp_stream_json },
	{ "jsonld", rp_stream_jsonld }, { "csv", rp_stream_csv },
};

/* Writes the report to path through a temporary file in the same folder and a rename, so a
 * reader never sees half a report and a failure leaves the old file as it was. The writer streams
 * into the temporary file. */
static int write_atomic(const char *path, int (*write)(struct rp_out *, const struct rp_model *),
			const struct rp_model *m)
{
	ct_buf tmp = CT_BUF_INIT;
	struct rp_out o;
	FILE *f = NULL;
	int fd, error = 0;
	rp_out_init(&o, NULL);
	ct_buf_printf(&tmp, "%s.tmpXXXXXX", path);
	if (ct_buf_oom(&tmp) < 0)
		return ct_error_set(CT_ENOMEM, "out of memory");
	if ((fd = mkstemp(tmp.ptr)) < 0) {
		error = ct_error_set(CT_EIO, "cannot write the report: %s: '%s'", strerror(errno), path);
		goto done;
	}
	if (!(f = fdopen(fd, "wb"))) {
		close(fd);
		error = ct_error_set(CT_EIO, "cannot write the report: %s: '%s'", strerror(errno), path);
		goto unlink;
	}
	o.f = f;
	if ((error = write(&o, m)) < 0) {
		if (o.error)
			error = ct_error_set(CT_EIO, "cannot write the report: %s: '%s'", strerror(o.error), path);
		fclose(f);
		goto unlink;
	}
	if (fflush(f) != 0 || fsync(fileno(f)) != 0) {
		error = ct_error_set(CT_EIO, "cannot write the report: %s: '%s'", strerror(errno), path);
		fclose(f);
		goto unlink;
	}
	if (fclose(f) != 0) {
		error = ct_error_set(CT_EIO, "cannot write the report: %s: '%s'", strerror(errno), path);
		goto unlink;
	}
	/* mkstemp makes the file 0600; a report is meant to be read and published. */
	{
		mode_t mask = umask(0);
		umask(mask);
		if (chmod(tmp.ptr, 0666 & ~mask) != 0) {
			error = ct_error_set(CT_EIO, "cannot write the report: %s: '%s'", strerror(errno), path);
			goto unlink;
		}
	}
	if (rename(tmp.ptr, path) != 0) {
		error = ct_error_set(CT_EIO, "cannot write the report: %s: '%s'", strerror(errno), path);
		goto unlink;
	}
	goto done;
unlink:
	unlink(tmp.ptr);
done:
	rp_out_release(&o);
	ct_buf_release(&tmp);
	return error;
}

/* Source dependence from the index (claimtrack match), as (copy, original) pairs of ids. */
struct deps {
	char **ids;
	size_t n, cap;
	ct_index *ix;
	const char *source;
};

static void free_deps(struct deps *d)
{
	size_t i;
	for (i = 0; i < d->n; i++)
		free(d->ids[i]);
	free(d->ids);
	memset(d, 0, sizeof(*d));
}

static int push_id(struct deps *d, const char *id)
{
	if (d->n == d->cap) {
		size_t ncap = d->cap ? d->cap * 2 : 16;
		char **p = realloc(d->ids, ncap * sizeof(*p));
		if (!p)
			return ct_error_set(CT_ENOMEM, "out of memory");
		d->ids = p;
		d->cap = ncap;
	}
	if (!(d->ids[d->n] = strdup(id)))
		return ct_error_set(CT_ENOMEM, "out of memory");
	d->n++;
	return 0;
}

static int dep_on(const char *on, const char *unused, void *payload)
{
	struct deps *d = payload;
	int r;
	(void)unused;
	if ((r = push_id(d, d->source)) < 0 || (r = push_id(d, on)) < 0)
		return r;
	return 0;
}

static int dep_source(const char *path, const char *json, void *payload)
{
	struct deps *d = payload;
	cJSON *rec = cJSON_Parse(json);
	const cJSON *id = cJSON_GetObjectItemCaseSensitive(rec, "id");
	int r = 0;
	(void)path;
	if (cJSON_IsString(id)) {
		d->source = id->valuestring;
		r = ct_index_source_deps(d->ix, id->valuestring, dep_on, d);
	}
	cJSON_Delete(rec);
	return r;
}

static int load_deps(struct ct_ctx *ctx, struct deps *d)
{
	int r;
	memset(d, 0, sizeof(*d));
	if ((r = ct_cmd_index_aligned(ctx, &d->ix)) < 0)
		return r;
	return ct_index_sources(d->ix, dep_source, d);
}

int ct_cmd_report(int argc, char **argv, struct ct_ctx *ctx)
{
	struct deps deps = { NULL, 0, 0, NULL, NULL };
	const char *format = "md", *output = NULL;
	struct rp_options o = { NULL, NULL, NULL, NULL, 0 };
	const struct ct_option opts[] = {
		{ 'f', "format", CT_OPT_STRING, &format, "FORMAT", "md (default), html, json, jsonld or csv" },
		{ 'o', "output", CT_OPT_STRING, &output, "PATH", "write to PATH (atomically) instead of standard output" },
		{ 's', "source", CT_OPT_STRING, &o.source, "ID", "only the claims of this source" },
		{ 0, "since", CT_OPT_STRING, &o.since, "REV", "list the verdicts changed after this revision" },
		{ 0, "at", CT_OPT_STRING, &o.at, "REV", "build the report from this commit (default HEAD)" },
		{ 0 }
	};
	const struct ct_usage u = { "report",
		"[--format md|html|json|jsonld|csv] [-o PATH] [--source ID] [--since REV] [--at REV]",
		"Summarise the outcomes: each claim with its status, verdicts, reviewers and the evidence\n"
		"quoted from other sources with its signals; a scorecard per source; counts and agreement\n"
		"(Cohen's and Fleiss' kappa) per reviewer; with --since, the verdicts changed since a\n"
		"revision. Built from the records of one commit, which the report names: the same commit\n"
		"gives the same bytes. HTML is one self-contained page with SVG charts and the\n"
		"ClaimReview JSON-LD embedded; jsonld is one schema.org ClaimReview per settled claim.",
		opts, 0, 0 };
	struct rp_model m;
	struct rp_out out;
	ct_desk *desk;
	size_t i;
	int n, r;

	if ((r = ct_parse_options(&u, argc, argv, &n)) != 0)
		return r == CT_PARSE_HELP ? 0 : -r;
	for (i = 0; i < sizeof(formats) / sizeof(formats[0]) && strcmp(formats[i].name, format); i++)
		;
	if (i == sizeof(formats) / sizeof(formats[0])) {
		ct_cmd_error(CT_EXIT_USAGE, "unknown report format: '%s' (md, html, json, jsonld or csv)", format);
		ct_print_usage(&u, stderr);
		return CT_EXIT_USAGE;
	}
	if (output && !*output)
		return ct_cmd_error(CT_EXIT_USAGE, "-o needs a file name");
	if (o.source && !ct_source_id_valid(o.source))
		return ct_cmd_error(CT_EXIT_INPUT, "not a source id: '%s'", o.source);
	if (!o.at && (r = load_deps(ctx, &deps)) < 0) {
		free_deps(&deps);
		return ct_cmd_fail(r);
	}
	o.deps = (const char *const *)deps.ids;
	o.ndeps = deps.n / 2;
	if ((r = ct_cmd_desk(ctx, &desk)) < 0 || (r = rp_model_build(&m, desk, &o)) < 0) {
		free_deps(&deps);
		return ct_cmd_fail(r);
	}
	/* The text goes out in chunks as it is written: never the whole report in memory. */
	if (output) {
		if ((r = write_atomic(output, formats[i].write, &m)) < 0)
			r = ct_cmd_fail(r == CT_ENOMEM ? r : CT_EIO);
	} else {
		rp_out_init(&out, stdout);
		if ((r = formats[i].write(&out, &m)) < 0 && !out.error)
			r = ct_cmd_fail(r);
		else if (r < 0 || fflush(stdout) != 0)
			r = ct_cmd_error(CT_EXIT_FAIL, "cannot write output");
		rp_out_release(&out);
	}
	rp_model_release(&m);
	free_deps(&deps);
	return r;
}
