/* ClaimReview JSON-LD: one schema.org ClaimReview per claim with a settled verdict (corroborated,
 * contradicted, unverifiable), on the rating scale of docs/report.md. Every '<' is written
 * \u003c so the same text can sit inside an HTML <script> element. */
#include "report/model.h"

#include <stdlib.h>
#include <string.h>

#include <cJSON.h>

#include "util/err.h"

static cJSON *claim_review(const struct rp_model *m, const struct rp_claim *cl)
{
	const struct rp_source *s = &m->sources[cl->source];
	cJSON *o = cJSON_CreateObject(), *rating, *author, *item, *iauthor, *app;
	ct_buf text = CT_BUF_INIT;
	int value = rp_rating(cl->status);

	cJSON_AddStringToObject(o, "@context", "https://schema.org");
	cJSON_AddStringToObject(o, "@type", "ClaimReview");
	/* The report's anchor for the claim when the desk says where reports are published, else the
	 * article the claim was read in. */
	if (m->report_url) {
		ct_buf_printf(&text, "%s#claim-%s", m->report_url, cl->id);
		cJSON_AddStringToObject(o, "url", text.ptr);
	} else if (s->url) {
		cJSON_AddStringToObject(o, "url", s->url);
	}
	ct_buf_clear(&text);
	rp_claim_reviewed(&text, cl->text);
	cJSON_AddStringToObject(o, "claimReviewed", text.ptr);
	rating = cJSON_AddObjectToObject(o, "reviewRating");
	cJSON_AddStringToObject(rating, "@type", "Rating");
	cJSON_AddNumberToObject(rating, "ratingValue", value);
	cJSON_AddNumberToObject(rating, "bestRating", 5);
	cJSON_AddNumberToObject(rating, "worstRating", 1);
	cJSON_AddStringToObject(rating, "alternateName", rp_rating_name(cl->status));
	author = cJSON_AddObjectToObject(o, "author");
	cJSON_AddStringToObject(author, "@type", "Organization");
	cJSON_AddStringToObject(author, "name", m->org_name ? m->org_name : m->desk_name ? m->desk_name : "claimtrack desk");
	if (m->org_url)
		cJSON_AddStringToObject(author, "url", m->org_url);
	if (cl->latest)
		cJSON_AddStringToObject(o, "datePublished", cl->latest);
	item = cJSON_AddObjectToObject(o, "itemReviewed");
	cJSON_AddStringToObject(item, "@type", "Claim");
	iauthor = cJSON_AddObjectToObject(item, "author");
	cJSON_AddStringToObject(iauthor, "@type", "Organization");
	cJSON_AddStringToObject(iauthor, "name", s->outlet);
	if (s->published)
		cJSON_AddStringToObject(item, "datePublished", s->published);
	if (s->url) {
		app = cJSON_AddObjectToObject(item, "appearance");
		cJSON_AddStringToObject(app, "@type", "CreativeWork");
		cJSON_AddStringToObject(app, "url", s->url);
	}
	ct_buf_release(&text);
	return o;
}

int rp_jsonld_text(struct rp_out *o, const struct rp_model *m, int pretty)
{
	size_t i, n = 0;
	int error = 0;
	/* The text of cJSON_Print (or PrintUnformatted) of the array, one item at a time. */
	ct_buf_putc(&o->buf, '[');
	for (i = 0; i < m->norder && !error; i++) {
		const struct rp_claim *cl = &m->claims[m->order[i]];
		cJSON *item;
		if (!rp_rating(cl->status))
			continue;
		if (!(item = claim_review(m, cl)))
			return ct_error_set(CT_ENOMEM, "out of memory");
		if (n++)
			ct_buf_puts(&o->buf, pretty ? ", " : ",");
		error = rp_json_item(o, item, pretty ? 1 : 0, pretty, 1);
		cJSON_Delete(item);
		if (rp_out_flush(o, 0) < 0)
			break;   /* rp_out_finish tells */
	}
	ct_buf_putc(&o->buf, ']');
	if (!error && ct_buf_oom(&o->buf) < 0)
		error = ct_error_set(CT_ENOMEM, "out of memory");
	return error;
}

int rp_stream_jsonld(struct rp_out *o, const struct rp_model *m)
{
	int error = rp_jsonld_text(o, m, 1);
	if (error)
		return error;
	ct_buf_putc(&o->buf, '\n');
	return rp_out_finish(o);
}
