/* The Markdown report: headings, tables and lists for editors, every untrusted text through
 * md_text (backslash-escapes Markdown and HTML syntax, table pipes included). */
#include "report/model.h"

#include <stdlib.h>
#include <string.h>

#include "util/err.h"

/* Text on one line, inert in CommonMark/GFM: control characters and line breaks become spaces;
 * the punctuation that starts emphasis, code, links, raw HTML, entities, headings and table cells
 * is backslash-escaped, and so is what would start a list or a setext heading at a line's start. */
static int md_plain(unsigned char c)
{
	switch (c) {
	case '\\': case '`': case '*': case '_': case '[': case ']': case '<': case '>':
	case '|': case '&': case '~': case '#': case '!': case 0x7f:
		return 0;
	default:
		return c >= 0x20;
	}
}

static void md_text(ct_buf *out, const char *s)
{
	const char *base = s ? s : "", *p = base;
	size_t digits = strspn(p, "0123456789");
	if (*p == '-' || *p == '+' || *p == '=')
		ct_buf_putc(out, '\\');
	for (; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if (md_plain(c) && !(digits && p == base + digits)) {   /* a run copied at once */
			const char *run = p;
			while (md_plain((unsigned char)p[1]) && !(digits && p + 1 == base + digits))
				p++;
			ct_buf_put(out, run, (size_t)(p - run) + 1);
			continue;
		}
		if (c < 0x20 || c == 0x7f)
			ct_buf_putc(out, ' ');
		else if (strchr("\\`*_[]<>|&~#!", c) ||
			 (digits && p == base + digits && (c == '.' || c == ')')))
			ct_buf_putc(out, '\\'), ct_buf_putc(out, (char)c);
		else
			ct_buf_putc(out, (char)c);
	}
}

/* A link when the url is http(s), written <url> with the characters that could end it
 * percent-encoded; otherwise the escaped text. */
static void md_url(ct_buf *out, const char *url)
{
	const char *p;
	if (!rp_url_linkable(url)) {
		md_text(out, url ? url : "");
		return;
	}
	ct_buf_putc(out, '<');
	for (p = url; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if (c <= ' ' || c >= 0x7f || strchr("<>|\\`\"'()[]", c))
			ct_buf_printf(out, "%%%02X", c);
		else
			ct_buf_putc(out, (char)c);
	}
	ct_buf_putc(out, '>');
}

static void scorecards(ct_buf *out, const struct rp_model *m, const size_t *order, size_t n)
{
	size_t i;
	ct_buf_puts(out, "## Sources\n\nThe source with the most contradicted claims first. \"Independent sources\" counts the "
			 "other sources whose claims corroborate this source's corroborated claims.\n\n"
			 "| source | outlet | claims | corroborated | independent sources | contradicted | disputed | "
			 "unverifiable | pending | unreviewed | single-source |\n"
			 "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
	for (i = 0; i < n; i++) {
		const struct rp_source *s = &m->sources[order[i]];
		ct_buf_puts(out, "| ");
		md_text(out, s->id);
		ct_buf_puts(out, " | ");
		md_text(out, s->outlet);
		ct_buf_printf(out, " | %lu | %lu | %zu | %lu | %lu | %lu | %lu | %lu | %lu |\n", s->claims,
			      s->n[CT_S_CORROBORATED], s->corroborating, s->n[CT_S_CONTRADICTED], s->n[CT_S_DISPUTED],
			      s->n[CT_S_UNVERIFIABLE], s->n[CT_S_PENDING], s->n[CT_S_UNREVIEWED], s->single);
	}
	ct_buf_puts(out, "\n");
}

static void reviewers(ct_buf *out, const struct rp_model *m)
{
	size_t i;
	ct_buf_puts(out, "## Reviewers\n\n");
	if (!m->nreviewers) {
		ct_buf_puts(out, "No reviews yet.\n\n");
		return;
	}
	ct_buf_puts(out, "| reviewer | reviews | corroborated | contradicted | unverifiable |\n|---|--:|--:|--:|--:|\n");
	for (i = 0; i < m->nreviewers; i++) {
		const struct rp_reviewer *r = &m->reviewers[i];
		ct_buf_puts(out, "| ");
		md_text(out, r->name);
		ct_buf_printf(out, " | %lu | %lu | %lu | %lu |\n", r->total, r->n[CT_V_CORROBORATED], r->n[CT_V_CONTRADICTED],
			      r->n[CT_V_UNVERIFIABLE]);
	}
	ct_buf_puts(out, "\n### Agreement\n\n");
	if (!m->npairs) {
		ct_buf_puts(out, "No two reviewers judged the same claim.\n\n");
	} else {
		ct_buf_puts(out, "Cohen's kappa for each pair of reviewers over the claims both judged.\n\n"
				 "| reviewers | claims both judged | same verdict | kappa |\n|---|--:|--:|--:|\n");
		for (i = 0; i < m->npairs; i++) {
			const struct rp_pair *p = &m->pairs[i];
			ct_buf_puts(out, "| ");
			md_text(out, m->reviewers[p->a].name);
			ct_buf_puts(out, " and ");
			md_text(out, m->reviewers[p->b].name);
			ct_buf_printf(out, " | %lu | %lu | ", p->n, p->agree);
			if (p->has_kappa)
				ct_buf_printf(out, "%.3f |\n", p->kappa);
			else
				ct_buf_puts(out, "undefined (one verdict only) |\n");
		}
		ct_buf_puts(out, "\n");
	}
	if (m->fleiss.items) {
		ct_buf_printf(out, "Fleiss' kappa over the %lu claims judged by three reviewers or more (%lu verdicts): ",
			      m->fleiss.items, m->fleiss.ratings);
		if (m->fleiss.has_kappa)
			ct_buf_printf(out, "%.3f (observed agreement %.3f).\n\n", m->fleiss.kappa, m->fleiss.agreement);
		else
			ct_buf_puts(out, "undefined (one verdict only).\n\n");
	}
}

static void matrix(ct_buf *out, const struct rp_model *m)
{
	size_t i, j, ns = m->nsources, *in = calloc(ns ? ns : 1, sizeof(*in)), n = 0;
	if (!in) {
		out->oom = 1;
		return;
	}
	n = rp_matrix_sources(m, in);
	if (m->ncells && !n)
		out->oom = 1;
	ct_buf_puts(out, "## Agreement between sources\n\nEach cell: evidence pairs between the two sources that "
			 "corroborate / contradict.\n\n");
	if (!n) {
		ct_buf_puts(out, "No verdict cites evidence yet.\n\n");
		free(in);
		return;
	}
	ct_buf_puts(out, "| source |");
	for (j = 0; j < n; j++) {
		ct_buf_putc(out, ' ');
		md_text(out, m->sources[in[j]].id);
		ct_buf_puts(out, " |");
	}
	ct_buf_puts(out, "\n|---|");
	for (j = 0; j < n; j++)
		ct_buf_puts(out, "--:|");
	ct_buf_puts(out, "\n");
	for (i = 0; i < n; i++) {
		ct_buf_puts(out, "| ");
		md_text(out, m->sources[in[i]].id);
		ct_buf_puts(out, " |");
		for (j = 0; j < n; j++) {
			const struct rp_cell *c = rp_cell_get(m, in[i], in[j]);
			if (i == j && !c->corroborate && !c->contradict)
				ct_buf_puts(out, " \\- |");
			else
				ct_buf_printf(out, " %lu / %lu |", c->corroborate, c->contradict);
		}
		ct_buf_puts(out, "\n");
	}
	ct_buf_puts(out, "\n");
	free(in);
}

static void evidence(ct_buf *out, const struct rp_model *m, const struct rp_evidence *e)
{
	size_t k;
	ct_buf_printf(out, "  - evidence `%s`", e->claim);
	if (e->target < 0) {
		ct_buf_puts(out, " (not in the desk at this commit)\n");
		return;
	}
	{
		const struct rp_claim *t = &m->claims[e->target];
		const struct rp_source *s = &m->sources[t->source];
		ct_buf_puts(out, " from ");
		md_text(out, s->outlet);
		ct_buf_puts(out, " (");
		md_text(out, s->id);
		if (s->url) {
			ct_buf_puts(out, ", ");
			md_url(out, s->url);
		}
		ct_buf_puts(out, "): \"");
		md_text(out, t->text);
		ct_buf_printf(out, "\"; %s, score %.2f", e->relation, e->score);
		for (k = 0; k < e->nsignals; k++) {
			ct_buf_printf(out, "%s%s \"", k ? ", " : "; signals: ", e->signals[k].kind);
			md_text(out, e->signals[k].a);
			ct_buf_puts(out, "\" / \"");
			md_text(out, e->signals[k].b);
			ct_buf_puts(out, "\"");
		}
		ct_buf_puts(out, "\n");
	}
}

static void claims(struct rp_out *o, const struct rp_model *m)
{
	ct_buf *out = &o->buf;
	size_t i, j, k, unreviewed = 0;
	ct_buf_puts(out, "## Reviewed claims\n\n");
	for (i = 0; i < m->norder; i++) {
		const struct rp_claim *cl = &m->claims[m->order[i]];
		if (!cl->nreviews) {
			unreviewed++;
			continue;
		}
		ct_buf_printf(out, "### %s: `%s` (", ct_status_name(cl->status), cl->id);
		md_text(out, m->sources[cl->source].id);
		ct_buf_puts(out, ")\n\n> ");
		md_text(out, cl->text);
		ct_buf_puts(out, "\n\n");
		if (cl->status == CT_S_CORROBORATED)
			ct_buf_printf(out, "Corroborated by %zu independent source%s.\n\n", cl->independent,
				      cl->independent == 1 ? "" : "s");
		for (j = 0; j < cl->nreviews; j++) {
			const struct rp_review *rv = &cl->reviews[j];
			char day[11];
			rp_day(day, rv->r->date);
			ct_buf_puts(out, "- ");
			md_text(out, rv->r->name);
			ct_buf_printf(out, ": **%s** (%s)", ct_verdict_name(rv->r->verdict), day);
			if (rv->r->note) {
				ct_buf_puts(out, ", note: ");
				md_text(out, rv->r->note);
			}
			ct_buf_puts(out, "\n");
			for (k = 0; k < rv->r->nevidence; k++)
				evidence(out, m, &rv->evidence[k]);
		}
		ct_buf_puts(out, "\n");
		if (rp_out_flush(o, 0) < 0)
			return;   /* rp_out_finish tells */
	}
	if (!unreviewed)
		return;
	ct_buf_puts(out, "## Unreviewed claims\n\n| claim | source | text |\n|---|---|---|\n");
	for (i = 0; i < m->norder; i++) {
		const struct rp_claim *cl = &m->claims[m->order[i]];
		if (cl->nreviews)
			continue;
		ct_buf_printf(out, "| `%s` | ", cl->id);
		md_text(out, m->sources[cl->source].id);
		ct_buf_puts(out, " | ");
		md_text(out, cl->text);
		ct_buf_puts(out, " |\n");
		if (rp_out_flush(o, 0) < 0)
			return;
	}
	ct_buf_puts(out, "\n");
}

static void changes(ct_buf *out, const struct rp_model *m)
{
	size_t i;
	if (!m->since[0])
		return;
	ct_buf_printf(out, "## Verdicts changed since `%.12s`\n\n", m->since);
	if (!m->nchanges) {
		ct_buf_puts(out, "None.\n\n");
		return;
	}
	ct_buf_puts(out, "| commit | date | claim | reviewer | verdict | before |\n|---|---|---|---|---|---|\n");
	for (i = 0; i < m->nchanges; i++) {
		const struct rp_change *c = &m->changes[i];
		ct_buf_printf(out, "| `%.12s` | %s | `%s` | ", c->commit, c->date, c->claim);
		md_text(out, c->name);
		ct_buf_printf(out, " | %s | %s |\n", c->verdict, c->previous ? c->previous : "\\-");
	}
	ct_buf_puts(out, "\n");
}

int rp_stream_md(struct rp_out *o, const struct rp_model *m)
{
	ct_buf *out = &o->buf;
	size_t *order = calloc(m->nsources ? m->nsources : 1, sizeof(*order)), n, i;
	unsigned long total[CT_S_COUNT] = { 0 };
	if (!order)
		return ct_error_set(CT_ENOMEM, "out of memory");
	n = rp_sources_by_contradicted(m, order);
	ct_buf_puts(out, "# Corroboration report");
	if (m->desk_name) {
		ct_buf_puts(out, ": ");
		md_text(out, m->desk_name);
	}
	ct_buf_printf(out, "\n\nBuilt from commit `%s`", m->commit);
	if (m->org_name) {
		ct_buf_puts(out, " for ");
		md_text(out, m->org_name);
	}
	ct_buf_printf(out, ". A verdict settles a claim when %d reviewer%s.", m->rule.quorum,
		      m->rule.quorum == 1 ? " gives it" : "s agree");
	if (m->source_filter) {
		ct_buf_puts(out, " Claims of the source ");
		md_text(out, m->source_filter);
		ct_buf_puts(out, " only.");
	}
	ct_buf_puts(out, "\n\n## Summary\n\n| status | claims |\n|---|--:|\n");
	for (i = 0; i < m->norder; i++)
		total[m->claims[m->order[i]].status]++;
	for (i = 0; i < CT_S_COUNT; i++)
		ct_buf_printf(out, "| %s | %lu |\n", ct_status_name((enum ct_status)i), total[i]);
	ct_buf_puts(out, "\n");
	scorecards(out, m, order, n);
	reviewers(out, m);
	matrix(out, m);
	claims(o, m);
	changes(out, m);
	free(order);
	return rp_out_finish(o);
}
