/* The JSON report: one object of stable shape (documented in docs/report.md) for pipelines.
 * cJSON escapes every string; numbers are rounded so the bytes are the same on every run. */
#include "report/model.h"

#include <stdlib.h>
#include <string.h>

#include <cJSON.h>

#include "util/err.h"

static cJSON *str_or_null(const char *s)
{
	return s ? cJSON_CreateString(s) : cJSON_CreateNull();
}

static cJSON *evidence_json(const struct rp_model *m, const struct rp_evidence *e)
{
	cJSON *o = cJSON_CreateObject(), *sig;
	size_t k;
	const struct rp_claim *t = e->target >= 0 ? &m->claims[e->target] : NULL;
	const struct rp_source *s = t ? &m->sources[t->source] : NULL;
	cJSON_AddStringToObject(o, "claim", e->claim);
	cJSON_AddItemToObject(o, "source", str_or_null(s ? s->id : NULL));
	cJSON_AddItemToObject(o, "outlet", str_or_null(s ? s->outlet : NULL));
	cJSON_AddItemToObject(o, "url", str_or_null(s ? s->url : NULL));
	cJSON_AddItemToObject(o, "text", str_or_null(t ? t->text : NULL));
	cJSON_AddItemToObject(o, "relation", t ? cJSON_CreateString(e->relation) : cJSON_CreateNull());
	cJSON_AddItemToObject(o, "score", t ? cJSON_CreateNumber(rp_round3(e->score)) : cJSON_CreateNull());
	sig = cJSON_AddArrayToObject(o, "signals");
	for (k = 0; k < e->nsignals; k++) {
		cJSON *x = cJSON_CreateObject();
		cJSON_AddStringToObject(x, "kind", e->signals[k].kind);
		cJSON_AddStringToObject(x, "claim", e->signals[k].a);
		cJSON_AddStringToObject(x, "evidence", e->signals[k].b);
		cJSON_AddItemToArray(sig, x);
	}
	return o;
}

static cJSON *person(const char *name, const char *email)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "name", name);
	cJSON_AddStringToObject(o, "email", email);
	return o;
}

static cJSON *claim_json(const struct rp_model *m, const struct rp_claim *cl)
{
	cJSON *o = cJSON_CreateObject(), *revs;
	size_t j, k;
	cJSON_AddStringToObject(o, "id", cl->id);
	cJSON_AddStringToObject(o, "source", m->sources[cl->source].id);
	cJSON_AddStringToObject(o, "text", cl->text);
	cJSON_AddStringToObject(o, "status", ct_status_name(cl->status));
	cJSON_AddNumberToObject(o, "independent_sources", (double)cl->independent);
	cJSON_AddItemToObject(o, "latest_verdict", str_or_null(cl->latest));
	revs = cJSON_AddArrayToObject(o, "reviews");
	for (j = 0; j < cl->nreviews; j++) {
		const struct rp_review *rv = &cl->reviews[j];
		cJSON *r = cJSON_CreateObject(), *ev;
		cJSON_AddItemToObject(r, "reviewer", person(rv->r->name, rv->r->email));
		cJSON_AddStringToObject(r, "verdict", ct_verdict_name(rv->r->verdict));
		cJSON_AddStringToObject(r, "date", rv->r->date);
		cJSON_AddItemToObject(r, "note", str_or_null(rv->r->note));
		ev = cJSON_AddArrayToObject(r, "evidence");
		for (k = 0; k < rv->r->nevidence; k++)
			cJSON_AddItemToArray(ev, evidence_json(m, &rv->evidence[k]));
		cJSON_AddItemToArray(revs, r);
	}
	return o;
}

/* A string as cJSON_Print writes it: '"', '\\' and the bytes below 0x20 escaped (\b \f \n \r \t,
 * else \u00xx), every other byte as it is. */
static void put_string(ct_buf *b, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	ct_buf_putc(b, '"');
	for (;;) {
		const unsigned char *run = p;
		while (*p >= 0x20 && *p != '"' && *p != '\\')
			p++;
		ct_buf_put(b, run, (size_t)(p - run));
		if (!*p)
			break;
		switch (*p) {
		case '"': ct_buf_puts(b, "\\\""); break;
		case '\\': ct_buf_puts(b, "\\\\"); break;
		case '\b': ct_buf_puts(b, "\\b"); break;
		case '\f': ct_buf_puts(b, "\\f"); break;
		case '\n': ct_buf_puts(b, "\\n"); break;
		case '\r': ct_buf_puts(b, "\\r"); break;
		case '\t': ct_buf_puts(b, "\\t"); break;
		default: ct_buf_printf(b, "\\u%04x", *p); break;
		}
		p++;
	}
	ct_buf_putc(b, '"');
}

/* A claim without reviews (nearly all of a large desk), written directly: the same text as
 * rp_json_item(claim_json(cl), 2, pretty) without building and printing a cJSON tree per claim.
 * (A count below 10^15 prints the same with %zu as with cJSON's %1.15g.) */
static void claim_plain(ct_buf *b, const struct rp_model *m, const struct rp_claim *cl)
{
	ct_buf_puts(b, "{\n\t\t\t\"id\":\t");
	put_string(b, cl->id);
	ct_buf_puts(b, ",\n\t\t\t\"source\":\t");
	put_string(b, m->sources[cl->source].id);
	ct_buf_puts(b, ",\n\t\t\t\"text\":\t");
	put_string(b, cl->text);
	ct_buf_puts(b, ",\n\t\t\t\"status\":\t");
	put_string(b, ct_status_name(cl->status));
	ct_buf_printf(b, ",\n\t\t\t\"independent_sources\":\t%zu,\n\t\t\t\"latest_verdict\":\t", cl->independent);
	if (cl->latest)
		put_string(b, cl->latest);
	else
		ct_buf_puts(b, "null");
	ct_buf_puts(b, ",\n\t\t\t\"reviews\":\t[]\n\t\t}");
}

static cJSON *source_json(const struct rp_source *s)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "id", s->id);
	cJSON_AddStringToObject(o, "outlet", s->outlet);
	cJSON_AddItemToObject(o, "published", str_or_null(s->published));
	cJSON_AddItemToObject(o, "url", str_or_null(s->url));
	cJSON_AddItemToObject(o, "title", str_or_null(s->title));
	cJSON_AddNumberToObject(o, "claims", (double)s->claims);
	cJSON_AddNumberToObject(o, "corroborated", (double)s->n[CT_S_CORROBORATED]);
	cJSON_AddNumberToObject(o, "independent_sources", (double)s->corroborating);
	cJSON_AddNumberToObject(o, "contradicted", (double)s->n[CT_S_CONTRADICTED]);
	cJSON_AddNumberToObject(o, "disputed", (double)s->n[CT_S_DISPUTED]);
	cJSON_AddNumberToObject(o, "unverifiable", (double)s->n[CT_S_UNVERIFIABLE]);
	cJSON_AddNumberToObject(o, "pending", (double)s->n[CT_S_PENDING]);
	cJSON_AddNumberToObject(o, "unreviewed", (double)s->n[CT_S_UNREVIEWED]);
	cJSON_AddNumberToObject(o, "single_source", (double)s->single);
	cJSON_AddNumberToObject(o, "withdrawn", (double)s->n[CT_S_WITHDRAWN]);
	cJSON_AddNumberToObject(o, "superseded", (double)s->n[CT_S_SUPERSEDED]);
	return o;
}

static cJSON *agreement_json(const struct rp_model *m)
{
	cJSON *o = cJSON_CreateObject(), *a;
	size_t i;
	a = cJSON_AddArrayToObject(o, "pairs");
	for (i = 0; i < m->npairs; i++) {
		const struct rp_pair *p = &m->pairs[i];
		cJSON *x = cJSON_CreateObject();
		cJSON_AddStringToObject(x, "a", m->reviewers[p->a].email);
		cJSON_AddStringToObject(x, "b", m->reviewers[p->b].email);
		cJSON_AddNumberToObject(x, "claims", (double)p->n);
		cJSON_AddNumberToObject(x, "same_verdict", (double)p->agree);
		cJSON_AddItemToObject(x, "kappa", p->has_kappa ? cJSON_CreateNumber(p->kappa) : cJSON_CreateNull());
		cJSON_AddItemToArray(a, x);
	}
	if (m->fleiss.items) {
		cJSON *f = cJSON_AddObjectToObject(o, "fleiss");
		cJSON_AddNumberToObject(f, "claims", (double)m->fleiss.items);
		cJSON_AddNumberToObject(f, "verdicts", (double)m->fleiss.ratings);
		cJSON_AddNumberToObject(f, "agreement", m->fleiss.agreement);
		cJSON_AddItemToObject(f, "kappa", m->fleiss.has_kappa ? cJSON_CreateNumber(m->fleiss.kappa) : cJSON_CreateNull());
	} else {
		cJSON_AddNullToObject(o, "fleiss");
	}
	a = cJSON_AddArrayToObject(o, "sources");
	for (i = 0; i < m->ncells; i++) {
		const struct rp_cell *c = &m->cells[i];
		cJSON *x = cJSON_CreateObject();
		cJSON_AddStringToObject(x, "a", m->sources[c->a].id);
		cJSON_AddStringToObject(x, "b", m->sources[c->b].id);
		cJSON_AddNumberToObject(x, "corroborate", (double)c->corroborate);
		cJSON_AddNumberToObject(x, "contradict", (double)c->contradict);
		cJSON_AddItemToArray(a, x);
	}
	return o;
}

static cJSON *changes_json(const struct rp_model *m)
{
	cJSON *o = cJSON_CreateObject(), *a;
	size_t i;
	cJSON_AddItemToObject(o, "since", m->since[0] ? cJSON_CreateString(m->since) : cJSON_CreateNull());
	a = cJSON_AddArrayToObject(o, "verdicts");
	for (i = 0; i < m->nchanges; i++) {
		const struct rp_change *c = &m->changes[i];
		cJSON *x = cJSON_CreateObject();
		cJSON_AddStringToObject(x, "commit", c->commit);
		cJSON_AddStringToObject(x, "date", c->date);
		cJSON_AddStringToObject(x, "claim", c->claim);
		cJSON_AddItemToObject(x, "reviewer", person(c->name, c->email));
		cJSON_AddStringToObject(x, "verdict", c->verdict);
		cJSON_AddItemToObject(x, "previous", str_or_null(c->previous));
		cJSON_AddItemToArray(a, x);
	}
	return o;
}

/* The document is cJSON_Print's text of one object whose "claims" array is written one claim at
 * a time: the rest of the object is printed with the array empty and the claims go in its place. */
int rp_stream_json(struct rp_out *o, const struct rp_model *m)
{
	static const char mark[] = "\n\t\"claims\":\t[";
	cJSON *root = cJSON_CreateObject(), *d, *org, *a;
	size_t *order = calloc(m->nsources ? m->nsources : 1, sizeof(*order)), n, i;
	char *text = NULL, *cut;
	int error = 0;
	if (!root || !order) {
		error = ct_error_set(CT_ENOMEM, "out of memory");
		goto done;
	}
	d = cJSON_AddObjectToObject(root, "desk");
	cJSON_AddItemToObject(d, "name", str_or_null(m->desk_name));
	org = cJSON_AddObjectToObject(d, "organisation");
	cJSON_AddItemToObject(org, "name", str_or_null(m->org_name));
	cJSON_AddItemToObject(org, "url", str_or_null(m->org_url));
	cJSON_AddItemToObject(d, "report_url", str_or_null(m->report_url));
	cJSON_AddNumberToObject(d, "quorum", m->rule.quorum);
	cJSON_AddItemToObject(d, "source", str_or_null(m->source_filter));
	cJSON_AddStringToObject(root, "commit", m->commit);
	cJSON_AddArrayToObject(root, "claims");
	a = cJSON_AddArrayToObject(root, "sources");
	n = rp_sources_by_contradicted(m, order);
	for (i = 0; i < n; i++)
		cJSON_AddItemToArray(a, source_json(&m->sources[order[i]]));
	a = cJSON_AddArrayToObject(root, "reviewers");
	for (i = 0; i < m->nreviewers; i++) {
		const struct rp_reviewer *r = &m->reviewers[i];
		cJSON *x = person(r->name, r->email);
		cJSON_AddNumberToObject(x, "reviews", (double)r->total);
		cJSON_AddNumberToObject(x, "corroborated", (double)r->n[CT_V_CORROBORATED]);
		cJSON_AddNumberToObject(x, "contradicted", (double)r->n[CT_V_CONTRADICTED]);
		cJSON_AddNumberToObject(x, "unverifiable", (double)r->n[CT_V_UNVERIFIABLE]);
		cJSON_AddItemToArray(a, x);
	}
	cJSON_AddItemToObject(root, "agreement", agreement_json(m));
	cJSON_AddItemToObject(root, "changes", changes_json(m));
	if (!(text = cJSON_Print(root))) {
		error = ct_error_set(CT_ENOMEM, "out of memory");
		goto done;
	}
	/* The first line break, tab and quote at depth one: strings hold no raw line break. */
	if (!(cut = strstr(text, mark))) {
		error = ct_error_set(CT_ERROR, "the JSON report lost its claims array");
		goto done;
	}
	cut += sizeof(mark) - 1;
	ct_buf_put(&o->buf, text, (size_t)(cut - text));
	for (i = 0; i < m->norder && !error; i++) {
		const struct rp_claim *cl = &m->claims[m->order[i]];
		cJSON *c;
		if (!cl->nreviews && cl->independent < 1000000000000000u) {
			if (i)
				ct_buf_puts(&o->buf, ", ");
			claim_plain(&o->buf, m, cl);
			if (o->buf.oom)
				error = ct_error_set(CT_ENOMEM, "out of memory");
			else if (rp_out_flush(o, 0) < 0)
				break;   /* rp_out_finish tells */
			continue;
		}
		if (!(c = claim_json(m, cl))) {
			error = ct_error_set(CT_ENOMEM, "out of memory");
			break;
		}
		if (i)
			ct_buf_puts(&o->buf, ", ");
		error = rp_json_item(o, c, 2, 1, 0);
		cJSON_Delete(c);
		if (rp_out_flush(o, 0) < 0)
			break;   /* rp_out_finish tells */
	}
	if (error)
		goto done;
	ct_buf_puts(&o->buf, cut);
	ct_buf_putc(&o->buf, '\n');
	error = rp_out_finish(o);
done:
	cJSON_free(text);
	cJSON_Delete(root);
	free(order);
	return error;
}
