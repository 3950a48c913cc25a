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

int rp_jsonld_text(ct_buf *out, const struct rp_model *m, int pretty)
{
	cJSON *a = cJSON_CreateArray();
	char *text = NULL, *p;
	size_t i;
	int error = 0;
	if (!a)
		return ct_error_set(CT_ENOMEM, "out of memory");
	for (i = 0; i < m->norder; i++) {
		const struct rp_claim *cl = &m->claims[m->order[i]];
		if (rp_rating(cl->status))
			cJSON_AddItemToArray(a, claim_review(m, cl));
	}
	if (!(text = pretty ? cJSON_Print(a) : cJSON_PrintUnformatted(a))) {
		error = ct_error_set(CT_ENOMEM, "out of memory");
		goto done;
	}
	/* '<' only occurs inside strings in JSON, where \u003c means the same. */
	for (p = text; *p; p++) {
		if (*p == '<')
			ct_buf_puts(out, "\\u003c");
		else
			ct_buf_putc(out, *p);
	}
	if (ct_buf_oom(out) < 0)
		error = ct_error_set(CT_ENOMEM, "out of memory");
done:
	cJSON_free(text);
	cJSON_Delete(a);
	return error;
}

int rp_write_jsonld(ct_buf *out, const struct rp_model *m)
{
	int error = rp_jsonld_text(out, m, 1);
	if (!error)
		ct_buf_putc(out, '\n');
	return error ? error : ct_buf_oom(out) < 0 ? ct_error_set(CT_ENOMEM, "out of memory") : 0;
}
