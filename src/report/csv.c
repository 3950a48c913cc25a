/* The CSV report: RFC 4180 (CRLF line ends, fields quoted when they hold a comma, quote or line
 * break, quotes doubled), one row per claim; a cell that a spreadsheet would read as a formula
 * (starting with = + - @, tab or CR) gets a leading apostrophe. */
#include "report/model.h"

#include <stdio.h>
#include <string.h>

#include "util/err.h"

static void csv_field(ct_buf *out, const char *s, int last)
{
	const char *p;
	int quote;
	if (!s)
		s = "";
	quote = strpbrk(s, ",\"\r\n") != NULL || (*s == ' ' || (*s && s[strlen(s) - 1] == ' '));
	if (quote)
		ct_buf_putc(out, '"');
	if (strchr("=+-@\t\r", *s) && *s)
		ct_buf_putc(out, '\'');
	for (p = s; *p;) {   /* runs without a quote in one copy; a quote doubled */
		size_t n = strcspn(p, "\"");
		ct_buf_put(out, p, n);
		p += n;
		if (*p == '"') {
			ct_buf_puts(out, "\"\"");
			p++;
		}
	}
	if (quote)
		ct_buf_putc(out, '"');
	ct_buf_puts(out, last ? "\r\n" : ",");
}

int rp_stream_csv(struct rp_out *o, const struct rp_model *m)
{
	ct_buf cell = CT_BUF_INIT, *out = &o->buf;
	size_t i, j, k;
	ct_buf_puts(out, "claim,source,outlet,published,url,status,independent_sources,corroborated,contradicted,"
			 "unverifiable,reviewers,latest_verdict,evidence,notes,text\r\n");
	for (i = 0; i < m->norder; i++) {
		const struct rp_claim *cl = &m->claims[m->order[i]];
		const struct rp_source *s = &m->sources[cl->source];
		unsigned long n[CT_V_COUNT] = { 0 };
		char num[32];
		csv_field(out, cl->id, 0);
		csv_field(out, s->id, 0);
		csv_field(out, s->outlet, 0);
		csv_field(out, s->published, 0);
		csv_field(out, s->url, 0);
		csv_field(out, ct_status_name(cl->status), 0);
		snprintf(num, sizeof(num), "%zu", cl->independent);
		csv_field(out, num, 0);
		for (j = 0; j < cl->nreviews; j++)
			n[cl->reviews[j].r->verdict]++;
		for (k = 0; k < CT_V_COUNT; k++) {
			snprintf(num, sizeof(num), "%lu", n[k]);
			csv_field(out, num, 0);
		}
		/* Reviewers, evidence and notes: one line per review inside the cell. */
		ct_buf_clear(&cell);
		for (j = 0; j < cl->nreviews; j++)
			ct_buf_printf(&cell, "%s%s: %s", j ? "\n" : "", cl->reviews[j].r->name,
				      ct_verdict_name(cl->reviews[j].r->verdict));
		csv_field(out, cell.ptr, 0);
		csv_field(out, cl->latest, 0);
		ct_buf_clear(&cell);
		for (j = 0; j < cl->nreviews; j++)
			for (k = 0; k < cl->reviews[j].r->nevidence; k++)
				ct_buf_printf(&cell, "%s%s", cell.len ? " " : "", cl->reviews[j].r->evidence[k]);
		csv_field(out, cell.ptr, 0);
		ct_buf_clear(&cell);
		for (j = 0; j < cl->nreviews; j++)
			if (cl->reviews[j].r->note)
				ct_buf_printf(&cell, "%s%s", cell.len ? "\n" : "", cl->reviews[j].r->note);
		csv_field(out, cell.ptr, 0);
		csv_field(out, cl->text, 1);
		if (rp_out_flush(o, 0) < 0)
			break;   /* rp_out_finish tells */
	}
	if (cell.oom)
		out->oom = 1;
	ct_buf_release(&cell);
	return rp_out_finish(o);
}
