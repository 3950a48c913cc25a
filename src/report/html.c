/* The HTML report: one self-contained, accessible page (inline CSS, no JavaScript, nothing
 * fetched) with SVG charts drawn here: verdicts per source as stacked bars and a source-by-source
 * agreement matrix; the ClaimReview JSON-LD is embedded. Untrusted text goes through html_text. */
#include "report/model.h"

#include <stdlib.h>
#include <string.h>

#include "util/err.h"

/* Text and attribute values: the five markup characters as references, control characters as
 * spaces (the HTML checker refuses them). */
static int html_plain(unsigned char c)
{
	return c >= 0x20 && c != 0x7f && c != '&' && c != '<' && c != '>' && c != '"' && c != '\'';
}

static void html_text(ct_buf *out, const char *s)
{
	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (html_plain(c)) {   /* a run of bytes written as they are, in one copy */
			const char *run = s;
			while (html_plain((unsigned char)s[1]))
				s++;
			ct_buf_put(out, run, (size_t)(s - run) + 1);
			continue;
		}
		switch (c) {
		case '&': ct_buf_puts(out, "&amp;"); break;
		case '<': ct_buf_puts(out, "&lt;"); break;
		case '>': ct_buf_puts(out, "&gt;"); break;
		case '"': ct_buf_puts(out, "&quot;"); break;
		case '\'': ct_buf_puts(out, "&#39;"); break;
		default:
			ct_buf_putc(out, c < 0x20 || c == 0x7f ? ' ' : (char)c);
		}
	}
}

/* At most max characters of s (UTF-8), with an ellipsis when cut: for chart labels. */
static void html_text_cut(ct_buf *out, const char *s, size_t max)
{
	ct_buf tmp = CT_BUF_INIT;
	size_t i, chars = 0;
	for (i = 0; s[i]; i++) {
		if (((unsigned char)s[i] & 0xc0) != 0x80 && chars++ == max)
			break;
	}
	ct_buf_put(&tmp, s, i);
	if (s[i])
		ct_buf_puts(&tmp, "\xe2\x80\xa6");
	html_text(out, tmp.ptr);
	if (tmp.oom)
		out->oom = 1;
	ct_buf_release(&tmp);
}

/* An href value: the characters a URL may not hold (quotes, angle brackets, backslash, ...)
 * percent-encoded, then '&' and the rest escaped as in any attribute. */
static void html_url(ct_buf *out, const char *url)
{
	ct_buf tmp = CT_BUF_INIT;
	const char *p;
	for (p = url; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if (c <= ' ' || c == 0x7f || strchr("\"'<>\\^`{|}", c))
			ct_buf_printf(&tmp, "%%%02X", c);
		else
			ct_buf_putc(&tmp, (char)c);
	}
	html_text(out, tmp.ptr);
	if (tmp.oom)
		out->oom = 1;
	ct_buf_release(&tmp);
}

/* A link to an http(s) url, the escaped text otherwise. */
static void html_link(ct_buf *out, const char *url, const char *label)
{
	if (rp_url_linkable(url)) {
		ct_buf_puts(out, "<a href=\"");
		html_url(out, url);
		ct_buf_puts(out, "\">");
		html_text(out, label ? label : url);
		ct_buf_puts(out, "</a>");
	} else {
		html_text(out, label ? label : url);
	}
}

struct colour {
	const char *fill, *text;
};

/* Fills with white text of at least 4.5:1 contrast; unreviewed is light with dark text and an
 * outline. Indexed like rp_status_order. */
static const struct colour status_colour[6] = {
	{ "#1a7f37", "#ffffff" }, { "#b3261e", "#ffffff" }, { "#6f42c1", "#ffffff" },
	{ "#57606a", "#ffffff" }, { "#8a5a00", "#ffffff" }, { "#d0d7de", "#1f2328" },
};

static const char css[] =
	"body{font-family:system-ui,-apple-system,\"Segoe UI\",Roboto,sans-serif;color:#1f2328;background:#fff;"
	"margin:0;line-height:1.5}\n"
	"header,nav,main,footer{max-width:80rem;margin:0 auto;padding:0 1rem}\n"
	"header{border-bottom:1px solid #d0d7de}\n"
	"nav ul{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:1rem}\n"
	"a{color:#0550ae}\n"
	"table{border-collapse:collapse;margin:1rem 0;font-size:.9rem}\n"
	"caption{text-align:left;font-weight:600;padding:.25rem 0}\n"
	"th,td{border:1px solid #d0d7de;padding:.25rem .5rem;text-align:left;vertical-align:top}\n"
	"td.n{text-align:right}\n"
	"thead th{background:#f6f8fa}\n"
	"figure{margin:1rem 0}\n"
	"svg{max-width:100%;height:auto}\n"
	"article{border-top:1px solid #d0d7de;padding:.5rem 0}\n"
	"blockquote{margin:.5rem 0;padding-left:1rem;border-left:4px solid #d0d7de}\n"
	".st{display:inline-block;padding:0 .4rem;border-radius:.25rem;font-size:.85rem}\n"
	".st-corroborated{background:#1a7f37;color:#fff}.st-contradicted{background:#b3261e;color:#fff}\n"
	".st-disputed{background:#6f42c1;color:#fff}.st-unverifiable{background:#57606a;color:#fff}\n"
	".st-pending{background:#8a5a00;color:#fff}.st-unreviewed,.st-withdrawn,.st-superseded{background:#d0d7de;"
	"color:#1f2328}\n"
	"code{font-size:.85rem}\n"
	"footer{border-top:1px solid #d0d7de;margin-top:2rem;font-size:.9rem}\n";

static void status_badge(ct_buf *out, enum ct_status s)
{
	ct_buf_printf(out, "<span class=\"st st-%s\">%s</span>", ct_status_name(s), ct_status_name(s));
}

/* Verdicts per source as horizontal stacked bars, the source with most contradicted first. */
static void bars_chart(ct_buf *out, const struct rp_model *m, const size_t *order, size_t n)
{
	const int label_w = 190, bar_w = 420, row_h = 30, top = 64, width = 700;
	unsigned long max = 1;
	size_t i, k;
	int height = top + (int)n * row_h + 10;
	for (i = 0; i < n; i++) {
		unsigned long t = 0;
		for (k = 0; k < 6; k++)
			t += m->sources[order[i]].n[rp_status_order[k]];
		if (t > max)
			max = t;
	}
	ct_buf_printf(out, "<figure>\n<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"%d\" height=\"%d\" "
			   "viewBox=\"0 0 %d %d\" aria-labelledby=\"bars-title bars-desc\">\n"
			   "<title id=\"bars-title\">Verdicts per source</title>\n<desc id=\"bars-desc\">",
		      width, height, width, height);
	ct_buf_puts(out, "Stacked bars, one per source, the source with most contradicted claims first.");
	for (i = 0; i < n; i++) {
		const struct rp_source *s = &m->sources[order[i]];
		ct_buf_puts(out, " ");
		html_text(out, s->id);
		ct_buf_puts(out, ":");
		for (k = 0; k < 6; k++)
			ct_buf_printf(out, "%s %s %lu", k ? "," : "", ct_status_name(rp_status_order[k]),
				      s->n[rp_status_order[k]]);
		ct_buf_puts(out, ".");
	}
	ct_buf_puts(out, "</desc>\n<g font-size=\"12\" font-family=\"system-ui,sans-serif\">\n");
	/* The legend: a swatch and the status name for each colour. */
	for (k = 0; k < 6; k++) {
		int x = 10 + (int)(k % 3) * 200, y = 8 + (int)(k / 3) * 22;
		ct_buf_printf(out, "<rect x=\"%d\" y=\"%d\" width=\"14\" height=\"14\" fill=\"%s\" stroke=\"#57606a\"/>"
				   "<text x=\"%d\" y=\"%d\" fill=\"#1f2328\">%s</text>\n",
			      x, y, status_colour[k].fill, x + 20, y + 12, ct_status_name(rp_status_order[k]));
	}
	for (i = 0; i < n; i++) {
		const struct rp_source *s = &m->sources[order[i]];
		int y = top + (int)i * row_h, x = label_w;
		unsigned long t = 0;
		ct_buf_printf(out, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" fill=\"#1f2328\">", label_w - 8, y + 17);
		html_text_cut(out, s->id, 26);
		ct_buf_puts(out, "</text>\n");
		for (k = 0; k < 6; k++) {
			unsigned long v = s->n[rp_status_order[k]];
			int w;
			if (!v)
				continue;
			w = (int)((double)v * bar_w / (double)max + 0.5);
			if (w < 2)
				w = 2;
			ct_buf_printf(out, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"22\" fill=\"%s\" stroke=\"#ffffff\">"
					   "<title>", x, y + 2, w, status_colour[k].fill);
			html_text(out, s->id);
			ct_buf_printf(out, ": %s %lu</title></rect>\n", ct_status_name(rp_status_order[k]), v);
			if (w >= 22)
				ct_buf_printf(out, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" fill=\"%s\">%lu</text>\n",
					      x + w / 2, y + 17, status_colour[k].text, v);
			x += w;
			t += v;
		}
		ct_buf_printf(out, "<text x=\"%d\" y=\"%d\" fill=\"#1f2328\">%lu</text>\n", x + 6, y + 17, t);
	}
	ct_buf_puts(out, "</g>\n</svg>\n<figcaption>Verdicts per source (claims by status); the source with most "
			 "contradicted claims leads.</figcaption>\n</figure>\n");
}

/* The colour of a matrix cell by the share of corroborating pairs. */
static const struct colour *cell_colour(const struct rp_cell *c)
{
	static const struct colour none = { "#f6f8fa", "#1f2328" }, mostly = { "#1a7f37", "#ffffff" },
				   mixed = { "#8a5a00", "#ffffff" }, against = { "#b3261e", "#ffffff" };
	unsigned long t = c->corroborate + c->contradict;
	if (!t)
		return &none;
	if (c->corroborate * 3 >= t * 2)
		return &mostly;
	if (c->corroborate * 3 <= t)
		return &against;
	return &mixed;
}

static void matrix_chart(struct rp_out *o, const struct rp_model *m, const size_t *in, size_t n)
{
	ct_buf *out = &o->buf;
	const int left = 170, top = 130, cell = 58;
	int width = left + (int)n * cell + 20, height = top + (int)n * cell + 80;
	size_t i, j;
	static const char *const legend[][2] = {
		{ "#1a7f37", "two thirds or more corroborate" },
		{ "#8a5a00", "mixed" },
		{ "#b3261e", "two thirds or more contradict" },
		{ "#f6f8fa", "no evidence pairs" },
	};
	if (width < 560)
		width = 560;
	ct_buf_printf(out, "<figure>\n<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"%d\" height=\"%d\" "
			   "viewBox=\"0 0 %d %d\" aria-labelledby=\"matrix-title matrix-desc\">\n"
			   "<title id=\"matrix-title\">Agreement between sources</title>\n<desc id=\"matrix-desc\">"
			   "Each cell counts the evidence pairs between two sources: corroborating / contradicting.",
		      width, height, width, height);
	for (i = 0; i < n; i++)
		for (j = i; j < n; j++) {
			const struct rp_cell *c = rp_cell_get(m, in[i], in[j]);
			if (!c->corroborate && !c->contradict)
				continue;
			ct_buf_puts(out, " ");
			html_text(out, m->sources[in[i]].id);
			ct_buf_puts(out, " and ");
			html_text(out, m->sources[in[j]].id);
			ct_buf_printf(out, ": %lu / %lu.", c->corroborate, c->contradict);
		}
	ct_buf_puts(out, "</desc>\n<g font-size=\"12\" font-family=\"system-ui,sans-serif\">\n");
	for (i = 0; i < n; i++) {
		int x = left + (int)i * cell + cell / 2, y = top + (int)i * cell + cell / 2 + 4;
		ct_buf_printf(out, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" fill=\"#1f2328\">", left - 8, y);
		html_text_cut(out, m->sources[in[i]].id, 24);
		ct_buf_printf(out, "</text>\n<text x=\"%d\" y=\"%d\" transform=\"rotate(-45 %d %d)\" fill=\"#1f2328\">",
			      x, top - 8, x, top - 8);
		html_text_cut(out, m->sources[in[i]].id, 18);
		ct_buf_puts(out, "</text>\n");
	}
	for (i = 0; i < n; i++) {
		for (j = 0; j < n; j++) {
			const struct rp_cell *c = rp_cell_get(m, in[i], in[j]);
			const struct colour *col = cell_colour(c);
			int x = left + (int)j * cell, y = top + (int)i * cell;
			ct_buf_printf(out, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\" stroke=\"#57606a\">"
					   "<title>", x, y, cell, cell, col->fill);
			html_text(out, m->sources[in[i]].id);
			ct_buf_puts(out, " and ");
			html_text(out, m->sources[in[j]].id);
			ct_buf_printf(out, ": %lu corroborate, %lu contradict</title></rect>\n", c->corroborate, c->contradict);
			if (c->corroborate || c->contradict)
				ct_buf_printf(out, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" fill=\"%s\">%lu / %lu</text>\n",
					      x + cell / 2, y + cell / 2 + 4, col->text, c->corroborate, c->contradict);
			else
				ct_buf_printf(out, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" fill=\"%s\">\xe2\x80\x93</text>\n",
					      x + cell / 2, y + cell / 2 + 4, col->text);
		}
		/* n * n cells: a row at a time to the file, not the whole square in memory */
		rp_out_flush(o, 0);
	}
	for (i = 0; i < 4; i++) {
		int y = top + (int)n * cell + 16 + (int)(i / 2) * 22, x = 10 + (int)(i % 2) * 260;
		ct_buf_printf(out, "<rect x=\"%d\" y=\"%d\" width=\"14\" height=\"14\" fill=\"%s\" stroke=\"#57606a\"/>"
				   "<text x=\"%d\" y=\"%d\" fill=\"#1f2328\">%s</text>\n",
			      x, y, legend[i][0], x + 20, y + 12, legend[i][1]);
	}
	ct_buf_puts(out, "</g>\n</svg>\n<figcaption>Agreement between sources: evidence pairs that corroborate / "
			 "contradict.</figcaption>\n</figure>\n");
}

static void th_cols(ct_buf *out, const char *const *cols)
{
	ct_buf_puts(out, "<thead><tr>");
	for (; *cols; cols++)
		ct_buf_printf(out, "<th scope=\"col\">%s</th>", *cols);
	ct_buf_puts(out, "</tr></thead>\n<tbody>\n");
}

static void sources_section(ct_buf *out, const struct rp_model *m, const size_t *order, size_t n)
{
	static const char *const cols[] = { "Source", "Outlet", "Claims", "Corroborated", "Independent sources",
					    "Contradicted", "Disputed", "Unverifiable", "Pending", "Unreviewed",
					    "Single-source", NULL };
	size_t i;
	ct_buf_puts(out, "<section id=\"sources\" aria-labelledby=\"h-sources\">\n<h2 id=\"h-sources\">Sources</h2>\n");
	if (n)
		bars_chart(out, m, order, n);
	ct_buf_puts(out, "<table>\n<caption>Scorecard per source, most contradicted first</caption>\n");
	th_cols(out, cols);
	for (i = 0; i < n; i++) {
		const struct rp_source *s = &m->sources[order[i]];
		ct_buf_puts(out, "<tr><th scope=\"row\">");
		html_link(out, s->url, s->id);
		ct_buf_puts(out, "</th><td>");
		html_text(out, s->outlet);
		ct_buf_printf(out, "</td><td class=\"n\">%lu</td><td class=\"n\">%lu</td><td class=\"n\">%zu</td>"
				   "<td class=\"n\">%lu</td><td class=\"n\">%lu</td><td class=\"n\">%lu</td>"
				   "<td class=\"n\">%lu</td><td class=\"n\">%lu</td><td class=\"n\">%lu</td></tr>\n",
			      s->claims, s->n[CT_S_CORROBORATED], s->corroborating, s->n[CT_S_CONTRADICTED],
			      s->n[CT_S_DISPUTED], s->n[CT_S_UNVERIFIABLE], s->n[CT_S_PENDING], s->n[CT_S_UNREVIEWED],
			      s->single);
	}
	ct_buf_puts(out, "</tbody>\n</table>\n<p>Independent sources: the other sources whose claims corroborate this "
			 "source's corroborated claims. Single-source: reviewed claims whose reviews cite no other "
			 "source.</p>\n</section>\n");
}

static void matrix_section(struct rp_out *o, const struct rp_model *m)
{
	ct_buf *out = &o->buf;
	size_t *in = calloc(m->nsources ? m->nsources : 1, sizeof(*in)), n, i, j;
	if (!in) {
		out->oom = 1;
		return;
	}
	n = rp_matrix_sources(m, in);
	ct_buf_puts(out, "<section id=\"matrix\" aria-labelledby=\"h-matrix\">\n<h2 id=\"h-matrix\">Agreement between "
			 "sources</h2>\n");
	if (!n) {
		ct_buf_puts(out, "<p>No verdict cites evidence yet.</p>\n</section>\n");
		free(in);
		return;
	}
	matrix_chart(o, m, in, n);
	ct_buf_puts(out, "<table>\n<caption>Evidence pairs between sources: corroborate / contradict</caption>\n"
			 "<thead><tr><th scope=\"col\">Source</th>");
	for (j = 0; j < n; j++) {
		ct_buf_puts(out, "<th scope=\"col\">");
		html_text(out, m->sources[in[j]].id);
		ct_buf_puts(out, "</th>");
	}
	ct_buf_puts(out, "</tr></thead>\n<tbody>\n");
	for (i = 0; i < n; i++) {
		ct_buf_puts(out, "<tr><th scope=\"row\">");
		html_text(out, m->sources[in[i]].id);
		ct_buf_puts(out, "</th>");
		for (j = 0; j < n; j++) {
			const struct rp_cell *c = rp_cell_get(m, in[i], in[j]);
			ct_buf_printf(out, "<td class=\"n\">%lu / %lu</td>", c->corroborate, c->contradict);
		}
		ct_buf_puts(out, "</tr>\n");
		rp_out_flush(o, 0);
	}
	ct_buf_puts(out, "</tbody>\n</table>\n</section>\n");
	free(in);
}

static void reviewers_section(ct_buf *out, const struct rp_model *m)
{
	static const char *const cols[] = { "Reviewer", "Reviews", "Corroborated", "Contradicted", "Unverifiable", NULL };
	static const char *const pcols[] = { "Reviewers", "Claims both judged", "Same verdict", "Cohen's kappa", NULL };
	size_t i;
	ct_buf_puts(out, "<section id=\"reviewers\" aria-labelledby=\"h-reviewers\">\n<h2 id=\"h-reviewers\">Reviewers</h2>\n");
	if (!m->nreviewers) {
		ct_buf_puts(out, "<p>No reviews yet.</p>\n</section>\n");
		return;
	}
	ct_buf_puts(out, "<table>\n<caption>Verdicts per reviewer</caption>\n");
	th_cols(out, cols);
	for (i = 0; i < m->nreviewers; i++) {
		const struct rp_reviewer *r = &m->reviewers[i];
		ct_buf_puts(out, "<tr><th scope=\"row\">");
		html_text(out, r->name);
		ct_buf_printf(out, "</th><td class=\"n\">%lu</td><td class=\"n\">%lu</td><td class=\"n\">%lu</td>"
				   "<td class=\"n\">%lu</td></tr>\n",
			      r->total, r->n[CT_V_CORROBORATED], r->n[CT_V_CONTRADICTED], r->n[CT_V_UNVERIFIABLE]);
	}
	ct_buf_puts(out, "</tbody>\n</table>\n");
	if (!m->npairs) {
		ct_buf_puts(out, "<p>No two reviewers judged the same claim.</p>\n");
	} else {
		ct_buf_puts(out, "<table>\n<caption>Agreement between reviewers over the claims both judged</caption>\n");
		th_cols(out, pcols);
		for (i = 0; i < m->npairs; i++) {
			const struct rp_pair *p = &m->pairs[i];
			ct_buf_puts(out, "<tr><th scope=\"row\">");
			html_text(out, m->reviewers[p->a].name);
			ct_buf_puts(out, " and ");
			html_text(out, m->reviewers[p->b].name);
			ct_buf_printf(out, "</th><td class=\"n\">%lu</td><td class=\"n\">%lu</td><td class=\"n\">", p->n, p->agree);
			if (p->has_kappa)
				ct_buf_printf(out, "%.3f", p->kappa);
			else
				ct_buf_puts(out, "undefined (one verdict only)");
			ct_buf_puts(out, "</td></tr>\n");
		}
		ct_buf_puts(out, "</tbody>\n</table>\n");
	}
	if (m->fleiss.items) {
		ct_buf_printf(out, "<p>Fleiss' kappa over the %lu claims judged by three reviewers or more (%lu verdicts): ",
			      m->fleiss.items, m->fleiss.ratings);
		if (m->fleiss.has_kappa)
			ct_buf_printf(out, "%.3f (observed agreement %.3f).</p>\n", m->fleiss.kappa, m->fleiss.agreement);
		else
			ct_buf_puts(out, "undefined (one verdict only).</p>\n");
	}
	ct_buf_puts(out, "</section>\n");
}

static void evidence_item(ct_buf *out, const struct rp_model *m, const struct rp_evidence *e)
{
	size_t k;
	ct_buf_printf(out, "<li>Evidence <code>%s</code>", e->claim);
	if (e->target < 0) {
		ct_buf_puts(out, " (not in the desk at this commit)</li>\n");
		return;
	}
	{
		const struct rp_claim *t = &m->claims[e->target];
		const struct rp_source *s = &m->sources[t->source];
		ct_buf_puts(out, " from ");
		html_link(out, s->url, s->outlet);
		ct_buf_puts(out, " (");
		html_text(out, s->id);
		ct_buf_puts(out, "): <q>");
		html_text(out, t->text);
		ct_buf_printf(out, "</q> %s, score %.2f", e->relation, e->score);
		if (e->nsignals) {
			ct_buf_puts(out, "; signals:");
			for (k = 0; k < e->nsignals; k++) {
				ct_buf_printf(out, "%s %s <q>", k ? "," : "", e->signals[k].kind);
				html_text(out, e->signals[k].a);
				ct_buf_puts(out, "</q> / <q>");
				html_text(out, e->signals[k].b);
				ct_buf_puts(out, "</q>");
			}
		}
		ct_buf_puts(out, "</li>\n");
	}
}

static void claims_section(struct rp_out *o, const struct rp_model *m)
{
	ct_buf *out = &o->buf;
	static const char *const cols[] = { "Claim", "Source", "Text", NULL };
	size_t i, j, k, unreviewed = 0;
	ct_buf_puts(out, "<section id=\"claims\" aria-labelledby=\"h-claims\">\n<h2 id=\"h-claims\">Reviewed claims</h2>\n");
	for (i = 0; i < m->norder; i++) {
		const struct rp_claim *cl = &m->claims[m->order[i]];
		const struct rp_source *s = &m->sources[cl->source];
		if (!cl->nreviews) {
			unreviewed++;
			continue;
		}
		ct_buf_printf(out, "<article id=\"claim-%s\" aria-labelledby=\"h-%s\">\n<h3 id=\"h-%s\">", cl->id, cl->id, cl->id);
		status_badge(out, cl->status);
		ct_buf_printf(out, " <code>%s</code> in ", cl->id);
		html_link(out, s->url, s->id);
		ct_buf_puts(out, "</h3>\n<blockquote><p>");
		html_text(out, cl->text);
		ct_buf_puts(out, "</p></blockquote>\n");
		if (cl->status == CT_S_CORROBORATED)
			ct_buf_printf(out, "<p>Corroborated by %zu independent source%s.</p>\n", cl->independent,
				      cl->independent == 1 ? "" : "s");
		ct_buf_puts(out, "<ul>\n");
		for (j = 0; j < cl->nreviews; j++) {
			const struct rp_review *rv = &cl->reviews[j];
			char day[11];
			rp_day(day, rv->r->date);
			ct_buf_puts(out, "<li>");
			html_text(out, rv->r->name);
			ct_buf_printf(out, ": <strong>%s</strong> (<time datetime=\"", ct_verdict_name(rv->r->verdict));
			html_text(out, day);
			ct_buf_puts(out, "\">");
			html_text(out, day);
			ct_buf_puts(out, "</time>)");
			if (rv->r->note) {
				ct_buf_puts(out, ", note: ");
				html_text(out, rv->r->note);
			}
			if (rv->r->nevidence) {
				ct_buf_puts(out, "\n<ul>\n");
				for (k = 0; k < rv->r->nevidence; k++)
					evidence_item(out, m, &rv->evidence[k]);
				ct_buf_puts(out, "</ul>\n");
			}
			ct_buf_puts(out, "</li>\n");
		}
		ct_buf_puts(out, "</ul>\n</article>\n");
		if (rp_out_flush(o, 0) < 0)
			return;   /* rp_out_finish tells */
	}
	if (m->norder == unreviewed)
		ct_buf_puts(out, "<p>No claim has been reviewed yet.</p>\n");
	ct_buf_puts(out, "</section>\n");
	if (!unreviewed)
		return;
	ct_buf_puts(out, "<section id=\"unreviewed\" aria-labelledby=\"h-unreviewed\">\n<h2 id=\"h-unreviewed\">Unreviewed "
			 "claims</h2>\n<table>\n<caption>Claims no reviewer has judged</caption>\n");
	th_cols(out, cols);
	for (i = 0; i < m->norder; i++) {
		const struct rp_claim *cl = &m->claims[m->order[i]];
		if (cl->nreviews)
			continue;
		ct_buf_printf(out, "<tr><th scope=\"row\"><code>%s</code></th><td>", cl->id);
		html_text(out, m->sources[cl->source].id);
		ct_buf_puts(out, "</td><td>");
		html_text(out, cl->text);
		ct_buf_puts(out, "</td></tr>\n");
		if (rp_out_flush(o, 0) < 0)
			return;
	}
	ct_buf_puts(out, "</tbody>\n</table>\n</section>\n");
}

static void changes_section(ct_buf *out, const struct rp_model *m)
{
	static const char *const cols[] = { "Commit", "Date", "Claim", "Reviewer", "Verdict", "Before", NULL };
	size_t i;
	if (!m->since[0])
		return;
	ct_buf_printf(out, "<section id=\"changes\" aria-labelledby=\"h-changes\">\n<h2 id=\"h-changes\">Verdicts changed "
			   "since <code>%.12s</code></h2>\n", m->since);
	if (!m->nchanges) {
		ct_buf_puts(out, "<p>None.</p>\n</section>\n");
		return;
	}
	ct_buf_puts(out, "<table>\n<caption>Verdicts changed, newest first</caption>\n");
	th_cols(out, cols);
	for (i = 0; i < m->nchanges; i++) {
		const struct rp_change *c = &m->changes[i];
		ct_buf_printf(out, "<tr><th scope=\"row\"><code>%.12s</code></th><td>", c->commit);
		html_text(out, c->date);
		ct_buf_printf(out, "</td><td><code>%s</code></td><td>", c->claim);
		html_text(out, c->name);
		ct_buf_printf(out, "</td><td>%s</td><td>%s</td></tr>\n", c->verdict, c->previous ? c->previous : "none");
	}
	ct_buf_puts(out, "</tbody>\n</table>\n</section>\n");
}

int rp_stream_html(struct rp_out *o, const struct rp_model *m)
{
	ct_buf *out = &o->buf;
	static const char *const cols[] = { "Status", "Claims", NULL };
	size_t *order = calloc(m->nsources ? m->nsources : 1, sizeof(*order)), n, i;
	unsigned long total[CT_S_COUNT] = { 0 };
	int error;
	if (!order)
		return ct_error_set(CT_ENOMEM, "out of memory");
	n = rp_sources_by_contradicted(m, order);
	ct_buf_puts(out, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
			 "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
			 "<title>Corroboration report");
	if (m->desk_name) {
		ct_buf_puts(out, ": ");
		html_text(out, m->desk_name);
	}
	ct_buf_printf(out, "</title>\n<style>\n%s</style>\n<script type=\"application/ld+json\">\n", css);
	if ((error = rp_jsonld_text(o, m, 0)) < 0) {
		free(order);
		return error;
	}
	ct_buf_puts(out, "\n</script>\n</head>\n<body>\n<header>\n<h1>Corroboration report");
	if (m->desk_name) {
		ct_buf_puts(out, ": ");
		html_text(out, m->desk_name);
	}
	ct_buf_printf(out, "</h1>\n<p>Built from commit <code>%s</code>", m->commit);
	if (m->org_name) {
		ct_buf_puts(out, " for ");
		html_link(out, m->org_url, m->org_name);
	}
	ct_buf_printf(out, ". A verdict settles a claim when %d reviewer%s.", m->rule.quorum,
		      m->rule.quorum == 1 ? " gives it" : "s agree");
	if (m->source_filter) {
		ct_buf_puts(out, " Claims of the source ");
		html_text(out, m->source_filter);
		ct_buf_puts(out, " only.");
	}
	ct_buf_puts(out, "</p>\n</header>\n<nav aria-label=\"Sections\">\n<ul>\n"
			 "<li><a href=\"#summary\">Summary</a></li>\n<li><a href=\"#sources\">Sources</a></li>\n"
			 "<li><a href=\"#matrix\">Agreement between sources</a></li>\n"
			 "<li><a href=\"#reviewers\">Reviewers</a></li>\n<li><a href=\"#claims\">Reviewed claims</a></li>\n");
	if (m->since[0])
		ct_buf_puts(out, "<li><a href=\"#changes\">Changes</a></li>\n");
	ct_buf_puts(out, "</ul>\n</nav>\n<main>\n<section id=\"summary\" aria-labelledby=\"h-summary\">\n"
			 "<h2 id=\"h-summary\">Summary</h2>\n<table>\n<caption>Claims by status</caption>\n");
	th_cols(out, cols);
	for (i = 0; i < m->norder; i++)
		total[m->claims[m->order[i]].status]++;
	for (i = 0; i < CT_S_COUNT; i++) {
		ct_buf_puts(out, "<tr><th scope=\"row\">");
		status_badge(out, (enum ct_status)i);
		ct_buf_printf(out, "</th><td class=\"n\">%lu</td></tr>\n", total[i]);
	}
	ct_buf_puts(out, "</tbody>\n</table>\n</section>\n");
	sources_section(out, m, order, n);
	matrix_section(o, m);
	reviewers_section(out, m);
	claims_section(o, m);
	changes_section(out, m);
	ct_buf_printf(out, "</main>\n<footer>\n<p>Written by claimtrack from commit <code>%s</code>. ClaimReview ratings: "
			   "1 contradicted, 3 unverifiable, 5 corroborated.</p>\n</footer>\n</body>\n</html>\n", m->commit);
	free(order);
	return rp_out_finish(o);
}
