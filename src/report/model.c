/* The report model: see model.h. Built from the records of one commit, read through the desk
 * (never the index), so a report of a commit is exact and the same commit gives the same model. */
#include "report/model.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cJSON.h>
#include <libstemmer.h>

#include "align/compare.h"
#include "record/record.h"
#include "record/settings.h"
#include "report/claimscan.h"
#include "util/err.h"

const enum ct_status rp_status_order[6] = { CT_S_CORROBORATED, CT_S_CONTRADICTED, CT_S_DISPUTED,
					    CT_S_UNVERIFIABLE, CT_S_PENDING, CT_S_UNREVIEWED };

double rp_round3(double x)
{
	double r = round(x * 1000.0) / 1000.0;
	return r == 0.0 ? 0.0 : r;   /* no "-0" */
}

int rp_url_linkable(const char *url)
{
	return url && (!strncasecmp(url, "https://", 8) || !strncasecmp(url, "http://", 7));
}

static int cmp_contradicted(const void *a, const void *b)
{
	const struct rp_source *x = *(const struct rp_source *const *)a, *y = *(const struct rp_source *const *)b;
	if (x->n[CT_S_CONTRADICTED] != y->n[CT_S_CONTRADICTED])
		return x->n[CT_S_CONTRADICTED] > y->n[CT_S_CONTRADICTED] ? -1 : 1;
	return strcmp(x->id, y->id);
}

size_t rp_matrix_sources(const struct rp_model *m, size_t *in)
{
	unsigned char *seen = calloc(m->nsources ? m->nsources : 1, 1);
	size_t i, n = 0;
	if (!seen)
		return 0;
	for (i = 0; i < m->ncells; i++)
		seen[m->cells[i].a] = seen[m->cells[i].b] = 1;
	for (i = 0; i < m->nsources; i++)
		if (seen[i])
			in[n++] = i;
	free(seen);
	return n;
}

size_t rp_sources_by_contradicted(const struct rp_model *m, size_t *out)
{
	const struct rp_source **p = calloc(m->nsources ? m->nsources : 1, sizeof(*p));
	size_t i, n = 0;
	if (!p)
		return 0;
	for (i = 0; i < m->nsources; i++)
		if (m->sources[i].shown)
			p[n++] = &m->sources[i];
	qsort(p, n, sizeof(*p), cmp_contradicted);
	for (i = 0; i < n; i++)
		out[i] = (size_t)(p[i] - m->sources);
	free(p);
	return n;
}

void rp_day(char out[11], const char *rfc3339)
{
	size_t n = rfc3339 ? strnlen(rfc3339, 10) : 0;
	memcpy(out, rfc3339 ? rfc3339 : "", n);
	out[n] = 0;
}

static char *dup_str(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	return cJSON_IsString(v) ? strdup(v->valuestring) : NULL;
}

static int oom(void)
{
	return ct_error_set(CT_ENOMEM, "out of memory");
}

static int grow(void *pp, size_t *cap, size_t n, size_t size)
{
	void **p = pp;
	size_t c;
	void *q;
	if (n < *cap)
		return 0;
	c = *cap ? *cap * 2 : 16;
	if (!(q = realloc(*p, c * size)))
		return oom();
	*p = q;
	*cap = c;
	return 0;
}

/* ---- the output ---------------------------------------------------------------------------- */

void rp_out_init(struct rp_out *o, FILE *f)
{
	ct_buf_init(&o->buf);
	o->f = f;
	o->error = 0;
}

int rp_out_flush(struct rp_out *o, int all)
{
	if (o->buf.oom)
		return -1;
	if (o->error) {
		ct_buf_clear(&o->buf);   /* what follows a failed write is not kept either */
		return -1;
	}
	if (!o->f || !o->buf.len || (!all && o->buf.len < RP_OUT_CHUNK))
		return 0;
	errno = 0;
	if (fwrite(o->buf.ptr, 1, o->buf.len, o->f) != o->buf.len) {
		o->error = errno ? errno : EIO;
		ct_buf_clear(&o->buf);
		return -1;
	}
	ct_buf_clear(&o->buf);
	return 0;
}

int rp_out_finish(struct rp_out *o)
{
	rp_out_flush(o, 1);
	if (o->buf.oom)
		return ct_error_set(CT_ENOMEM, "out of memory");
	if (o->error)
		return ct_error_set(CT_EIO, "cannot write the report: %s", strerror(o->error));
	return 0;
}

void rp_out_release(struct rp_out *o)
{
	ct_buf_release(&o->buf);
}

int rp_json_item(struct rp_out *o, const struct cJSON *item, int depth, int pretty, int escape_lt)
{
	char *text = pretty ? cJSON_Print(item) : cJSON_PrintUnformatted(item), *p;
	const char *stop = escape_lt ? "\n<" : "\n";
	int i;
	if (!text) {
		o->buf.oom = 1;
		return ct_error_set(CT_ENOMEM, "out of memory");
	}
	/* A line break of cJSON's text is always indentation: inside strings it is written \n. */
	for (p = text; *p;) {
		size_t n = strcspn(p, stop);
		ct_buf_put(&o->buf, p, n);
		p += n;
		if (*p == '\n') {
			ct_buf_putc(&o->buf, '\n');
			for (i = 0; i < depth; i++)
				ct_buf_putc(&o->buf, '\t');
			p++;
		} else if (*p == '<') {
			ct_buf_puts(&o->buf, "\\u003c");
			p++;
		}
	}
	cJSON_free(text);
	return o->buf.oom ? ct_error_set(CT_ENOMEM, "out of memory") : 0;
}

/* The ct_buf API over the streaming writers: out is the output's buffer, never flushed. */
static int write_buf(ct_buf *out, int (*stream)(struct rp_out *, const struct rp_model *), const struct rp_model *m)
{
	struct rp_out o;
	int error;
	rp_out_init(&o, NULL);
	o.buf = *out;
	error = stream(&o, m);
	*out = o.buf;
	return error;
}

int rp_write_md(ct_buf *out, const struct rp_model *m)
{
	return write_buf(out, rp_stream_md, m);
}

int rp_write_html(ct_buf *out, const struct rp_model *m)
{
	return write_buf(out, rp_stream_html, m);
}

int rp_write_json(ct_buf *out, const struct rp_model *m)
{
	return write_buf(out, rp_stream_json, m);
}

int rp_write_jsonld(ct_buf *out, const struct rp_model *m)
{
	return write_buf(out, rp_stream_jsonld, m);
}

int rp_write_csv(ct_buf *out, const struct rp_model *m)
{
	return write_buf(out, rp_stream_csv, m);
}

/* ---- compact storage ---------------------------------------------------------------------- */

#define ARENA_BLOCK (1024 * 1024)

/* A copy of s[0..len) with a NUL, in the arena; NULL when out of memory. */
static const char *arena_dup(struct rp_arena *a, const char *s, size_t len)
{
	char *p;
	if (!a->nblocks || a->size - a->used < len + 1) {
		size_t size = len + 1 > ARENA_BLOCK ? len + 1 : ARENA_BLOCK;
		if (grow(&a->blocks, &a->capblocks, a->nblocks, sizeof(*a->blocks)) < 0)
			return NULL;
		if (!(a->blocks[a->nblocks] = malloc(size))) {
			oom();
			return NULL;
		}
		a->nblocks++;
		a->used = 0;
		a->size = size;
	}
	p = a->blocks[a->nblocks - 1] + a->used;
	memcpy(p, s, len);
	p[len] = 0;
	a->used += len + 1;
	return p;
}

static void arena_release(struct rp_arena *a)
{
	size_t i;
	for (i = 0; i < a->nblocks; i++)
		free(a->blocks[i]);
	free(a->blocks);
	memset(a, 0, sizeof(*a));
}

/* The distinct source ids named by claims, while the claims are read (before the sources): each
 * claim keeps the number of its id here, one copy per source instead of one per claim. */
struct intern {
	const char **ids;              /* by number */
	size_t n, cap;
	uint32_t *slots;               /* open addressing: number + 1, 0 for empty */
	size_t nslots;
};

static uint64_t hash_str(const char *s)
{
	uint64_t h = 1469598103934665603ULL;   /* FNV-1a */
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

/* The number of id (added when new), or -1 when out of memory. */
static long intern_id(struct intern *t, struct rp_arena *a, const char *id)
{
	size_t i;
	if (t->n >= UINT32_MAX - 1)
		return oom();
	if ((t->n + 1) * 2 > t->nslots) {
		size_t ns = t->nslots ? t->nslots * 2 : 1024, k;
		uint32_t *slots = calloc(ns, sizeof(*slots));
		if (!slots)
			return oom();
		for (k = 0; k < t->n; k++) {
			for (i = hash_str(t->ids[k]) & (ns - 1); slots[i]; i = (i + 1) & (ns - 1))
				;
			slots[i] = (uint32_t)k + 1;
		}
		free(t->slots);
		t->slots = slots;
		t->nslots = ns;
	}
	for (i = hash_str(id) & (t->nslots - 1); t->slots[i]; i = (i + 1) & (t->nslots - 1))
		if (!strcmp(t->ids[t->slots[i] - 1], id))
			return (long)t->slots[i] - 1;
	if (grow(&t->ids, &t->cap, t->n, sizeof(*t->ids)) < 0 || !(t->ids[t->n] = arena_dup(a, id, strlen(id))))
		return CT_ENOMEM;
	t->slots[i] = (uint32_t)t->n + 1;
	return (long)t->n++;
}

static void intern_release(struct intern *t)
{
	free(t->ids);
	free(t->slots);
	memset(t, 0, sizeof(*t));
}

/* ---- loading the records of one commit ---------------------------------------------------- */

struct load_ctx {
	struct rp_model *m;
	size_t capsrc, capclaim, caprev;
	struct intern sources;         /* the source ids named by claims */
	ct_buf tmp;
};

/* Adds one claim (its fields as read from its record; text and source NUL-terminated). */
static int add_claim(struct load_ctx *c, const char *id, size_t id_len, const char *source, const char *text,
		     size_t text_len, const char *status, long sentence)
{
	struct rp_model *m = c->m;
	struct rp_claim *cl;
	long src;
	int error;
	if (id_len != CT_CLAIM_ID_LEN)
		return 0;
	if ((error = grow(&m->claims, &c->capclaim, m->nclaims, sizeof(*m->claims))) < 0)
		return error;
	cl = &m->claims[m->nclaims];
	memset(cl, 0, sizeof(*cl));
	memcpy(cl->id, id, CT_CLAIM_ID_LEN);
	cl->id[CT_CLAIM_ID_LEN] = 0;
	if ((src = intern_id(&c->sources, &m->arena, source)) < 0)
		return (int)src;
	cl->source = (uint32_t)src;
	if (!(cl->text = arena_dup(&m->arena, text, text_len)))
		return CT_ENOMEM;
	if (status && !strcmp(status, "withdrawn"))
		cl->lifecycle = RP_LIFE_WITHDRAWN;
	else if (status && !strcmp(status, "superseded"))
		cl->lifecycle = RP_LIFE_SUPERSEDED;
	cl->sentence = sentence;
	m->nclaims++;
	return 0;
}

static int load_record(const char *path, const char *data, size_t len, void *payload)
{
	struct load_ctx *c = payload;
	struct rp_model *m = c->m;
	enum ct_record_kind kind = ct_record_kind_of_path(path);
	cJSON *rec = NULL;
	int error = 0;

	if (kind == CT_REC_REVIEW) {
		ct_buf_clear(&c->tmp);
		if (ct_buf_put(&c->tmp, data, len) < 0)
			return oom();
		if ((error = grow(&m->board.reviews, &c->caprev, m->board.n, sizeof(*m->board.reviews))) < 0)
			return error;
		/* A record that cannot be read is validate's business; the report skips it. */
		if (ct_board_review_parse(&m->board.reviews[m->board.n], c->tmp.ptr) == 0)
			m->board.n++;
		return 0;
	}
	if (kind == CT_REC_CLAIM) {
		/* Most of a desk: read without a cJSON tree when the scanner can decide the text. */
		struct rp_claim_fields f;
		int r = rp_claim_scan(&f, data, len, &c->tmp);
		if (r < 0)
			return oom();
		if (r > 0) {
			/* A claim without a source or a text is validate's business: the report skips it. */
			if (!f.id || !f.source || !f.text)
				return 0;
			return add_claim(c, f.id, f.id_len, f.source, f.text, f.text_len, f.status,
					 f.has_sentence ? f.sentence : 0);
		}
	}
	if (kind != CT_REC_SOURCE && kind != CT_REC_CLAIM)
		return 0;
	if (!(rec = cJSON_ParseWithLength(data, len)))
		return 0;
	if (kind == CT_REC_SOURCE) {
		struct rp_source *s;
		if ((error = grow(&m->sources, &c->capsrc, m->nsources, sizeof(*m->sources))) < 0)
			goto done;
		s = &m->sources[m->nsources];
		memset(s, 0, sizeof(*s));
		s->id = dup_str(rec, "id");
		s->outlet = dup_str(rec, "outlet");
		s->published = dup_str(rec, "published");
		s->url = dup_str(rec, "url");
		s->title = dup_str(rec, "title");
		m->nsources++;
		if (!s->id || !ct_source_id_valid(s->id)) {
			m->nsources--;
			free(s->id);
			free(s->outlet);
			free(s->published);
			free(s->url);
			free(s->title);
		} else if (!s->outlet && !(s->outlet = strdup(""))) {
			error = oom();
		}
	} else {
		const cJSON *id = cJSON_GetObjectItemCaseSensitive(rec, "id");
		const cJSON *sent = cJSON_GetObjectItemCaseSensitive(rec, "sentence");
		const cJSON *source = cJSON_GetObjectItemCaseSensitive(rec, "source");
		const cJSON *text = cJSON_GetObjectItemCaseSensitive(rec, "text");
		const cJSON *life = cJSON_GetObjectItemCaseSensitive(rec, "status");
		/* A claim without a source or a text is validate's business: the report skips it. */
		if (cJSON_IsString(id) && cJSON_IsString(source) && cJSON_IsString(text))
			error = add_claim(c, id->valuestring, strlen(id->valuestring), source->valuestring,
					  text->valuestring, strlen(text->valuestring),
					  cJSON_IsString(life) ? life->valuestring : NULL,
					  cJSON_IsNumber(sent) ? (long)sent->valuedouble : 0);
	}
done:
	cJSON_Delete(rec);
	return error;
}

static int cmp_source(const void *a, const void *b)
{
	return strcmp(((const struct rp_source *)a)->id, ((const struct rp_source *)b)->id);
}

static int cmp_claim(const void *a, const void *b)
{
	return strcmp(((const struct rp_claim *)a)->id, ((const struct rp_claim *)b)->id);
}

static int cmp_board(const void *a, const void *b)
{
	const struct ct_board_review *x = a, *y = b;
	int c = strcmp(x->claim, y->claim);
	if (!c)
		c = strcmp(x->date, y->date);
	if (!c)
		c = strcasecmp(x->email, y->email);
	return c ? c : strcmp(x->email, y->email);
}

/* Lookups in the sorted arrays of the model: bsearch with one key comparison per array. */
static int source_key(const void *key, const void *elem)
{
	return strcmp(key, ((const struct rp_source *)elem)->id);
}

static int claim_key(const void *key, const void *elem)
{
	return strcmp(key, ((const struct rp_claim *)elem)->id);
}

static int reviewer_key(const void *key, const void *elem)
{
	return strcasecmp(key, ((const struct rp_reviewer *)elem)->email);
}

static long find_in(const void *key, const void *base, size_t n, size_t size,
		    int (*cmp)(const void *, const void *))
{
	const char *hit = n ? bsearch(key, base, n, size, cmp) : NULL;
	return hit ? (long)((size_t)(hit - (const char *)base) / size) : -1;
}

static long find_source(const struct rp_model *m, const char *id)
{
	return find_in(id, m->sources, m->nsources, sizeof *m->sources, source_key);
}

static long find_claim(const struct rp_model *m, const char *id)
{
	return find_in(id, m->claims, m->nclaims, sizeof *m->claims, claim_key);
}

static long find_reviewer(const struct rp_model *m, const char *email)
{
	return find_in(email, m->reviewers, m->nreviewers, sizeof *m->reviewers, reviewer_key);
}

/* Seconds since the epoch of an RFC 3339 date ("2025-10-16T09:00:00+02:00"), 0 when malformed. */
static long long rfc3339_seconds(const char *s)
{
	int y, mo, d, h, mi, se, n = 0, oh = 0, om = 0, sign = 1;
	long long days;
	const char *z;
	if (!s || sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d%n", &y, &mo, &d, &h, &mi, &se, &n) != 6 || n < 19)
		return 0;
	z = s + n;
	if (*z == '.')
		for (z++; *z >= '0' && *z <= '9'; z++)
			;
	if (*z == '+' || *z == '-') {
		sign = *z == '-' ? -1 : 1;
		if (sscanf(z + 1, "%2d:%2d", &oh, &om) != 2)
			return 0;
	}
	/* Days from the civil date (proleptic Gregorian). */
	y -= mo <= 2;
	{
		long long era = (y >= 0 ? y : y - 399) / 400;
		long long yoe = y - era * 400;
		long long doy = (153 * (mo + (mo > 2 ? -3 : 9)) + 2) / 5 + d - 1;
		long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
		days = era * 146097 + doe - 719468;
	}
	return days * 86400 + h * 3600 + mi * 60 + se - sign * (oh * 3600 + om * 60);
}

size_t report_independent_sources(const struct rp_model *m, size_t subject_source, const struct rp_review *reviews,
				  size_t n)
{
	/* A source dependent on another (a rewrite of a wire story, a translation) is not a second
	 * witness: sources are counted by their root (rp_source.root). The roots seen are few (the
	 * evidence of a few reviews): a list, not a table of every source. */
	size_t count = 0, cap = 0, i, k, j, own = m->sources[subject_source].root;
	size_t *seen = NULL;
	for (i = 0; i < n; i++) {
		if (reviews[i].r->verdict != CT_V_CORROBORATED)
			continue;
		for (k = 0; k < reviews[i].r->nevidence; k++) {
			long t = reviews[i].evidence[k].target;
			size_t s;
			if (t < 0)
				continue;
			s = m->sources[m->claims[t].source].root;
			if (s == own)
				continue;
			for (j = 0; j < count && seen[j] != s; j++)
				;
			if (j < count)
				continue;
			if (grow(&seen, &cap, count, sizeof(*seen)) < 0) {
				free(seen);
				return 0;
			}
			seen[count++] = s;
		}
	}
	free(seen);
	return count;
}

/* Compares the claim with each cited evidence claim (ct_compare), keeping the signals' spans. */
static int compare_evidence(struct rp_model *m, struct sb_stemmer *stemmer, struct rp_claim *cl, struct rp_evidence *e)
{
	struct ct_comparison cmp;
	const struct rp_claim *t;
	size_t i;
	int error;
	if (e->target < 0)
		return 0;
	t = &m->claims[e->target];
	if ((error = ct_compare(stemmer, cl->text, strlen(cl->text), m->sources[cl->source].published, t->text,
				strlen(t->text), m->sources[t->source].published, &cmp)) < 0)
		return error;
	e->score = cmp.score;
	e->relation = cmp.relation;
	if (!cmp.nsignals)
		return 0;
	if (!(e->signals = calloc(cmp.nsignals, sizeof(*e->signals))))
		return oom();
	for (i = 0; i < cmp.nsignals; i++) {
		const struct ct_signal *s = &cmp.signals[i];
		struct rp_signal *o = &e->signals[e->nsignals++];
		o->kind = ct_signal_kind_name(s->kind);
		o->a = strndup(cl->text + s->a_start, s->a_end - s->a_start);
		o->b = strndup(t->text + s->b_start, s->b_end - s->b_start);
		if (!o->a || !o->b)
			return oom();
	}
	return 0;
}

static int cmp_reviewer(const void *a, const void *b)
{
	const struct rp_reviewer *x = a, *y = b;
	int c = strcasecmp(x->email, y->email);
	return c ? c : strcmp(x->email, y->email);
}

static int cmp_order(const void *a, const void *b)
{
	const struct rp_claim *x = *(const struct rp_claim *const *)a, *y = *(const struct rp_claim *const *)b;
	/* Sources are sorted by id, and every claim of one id has the same source index. */
	if (x->source != y->source)
		return x->source < y->source ? -1 : 1;
	if (x->sentence != y->sentence)
		return x->sentence < y->sentence ? -1 : 1;
	return strcmp(x->id, y->id);
}

/* Joins claims with sources and reviews, computes statuses, evidence and scorecards. */
static int link_claims(struct rp_model *m)
{
	struct sb_stemmer *stemmer = NULL;
	size_t i, j, k;
	int error = 0;

	/* Reviewers: one per email (case-insensitive), over the shown claims. */
	for (i = 0; i < m->board.n; i++) {
		long c = find_claim(m, m->board.reviews[i].claim);
		if (c < 0 || !m->claims[c].shown)
			continue;
		for (k = 0; k < m->nreviewers && strcasecmp(m->reviewers[k].email, m->board.reviews[i].email); k++)
			;
		if (k == m->nreviewers) {
			m->reviewers[k].name = m->board.reviews[i].name;
			m->reviewers[k].email = m->board.reviews[i].email;
			m->nreviewers++;
		}
		m->reviewers[k].n[m->board.reviews[i].verdict]++;
		m->reviewers[k].total++;
	}
	qsort(m->reviewers, m->nreviewers, sizeof(*m->reviewers), cmp_reviewer);

	if (!(stemmer = sb_stemmer_new("english", "UTF_8")))
		return ct_error_set(CT_ERROR, "cannot create the English stemmer");
	for (i = 0; i < m->nclaims && !error; i++) {
		struct rp_claim *cl = &m->claims[i];
		size_t first, n = ct_board_find(&m->board, cl->id, &first);
		struct ct_tally t;
		long long latest = 0;
		if (!cl->shown)
			continue;
		ct_board_tally(&m->board, cl->id, &t);
		cl->status = ct_claim_status(&m->rule, &t, cl->lifecycle == RP_LIFE_WITHDRAWN    ? "withdrawn"
							   : cl->lifecycle == RP_LIFE_SUPERSEDED ? "superseded"
												  : NULL);
		if (n && !(cl->reviews = calloc(n, sizeof(*cl->reviews)))) {
			error = oom();
			break;
		}
		for (j = 0; j < n && !error; j++) {
			struct rp_review *rv = &cl->reviews[cl->nreviews++];
			long long when;
			rv->r = &m->board.reviews[first + j];
			rv->reviewer = (size_t)find_reviewer(m, rv->r->email);
			when = rfc3339_seconds(rv->r->date);
			if (!cl->latest || when > latest || (when == latest && strcmp(rv->r->date, cl->latest) > 0)) {
				cl->latest = rv->r->date;
				latest = when;
			}
			if (rv->r->nevidence && !(rv->evidence = calloc(rv->r->nevidence, sizeof(*rv->evidence)))) {
				error = oom();
				break;
			}
			for (k = 0; k < rv->r->nevidence && !error; k++) {
				rv->evidence[k].claim = rv->r->evidence[k];
				rv->evidence[k].target = find_claim(m, rv->r->evidence[k]);
				rv->evidence[k].relation = "unrelated";
				error = compare_evidence(m, stemmer, cl, &rv->evidence[k]);
			}
		}
		cl->independent = report_independent_sources(m, cl->source, cl->reviews, cl->nreviews);
	}
	sb_stemmer_delete(stemmer);
	return error;
}

/* Puts the shown claims in display order: by source, then sentence, then id. */
static int sort_order(struct rp_model *m)
{
	const struct rp_claim **p = calloc(m->norder ? m->norder : 1, sizeof(*p));
	size_t i;
	if (!p)
		return oom();
	for (i = 0; i < m->norder; i++)
		p[i] = &m->claims[m->order[i]];
	qsort(p, m->norder, sizeof(*p), cmp_order);
	for (i = 0; i < m->norder; i++)
		m->order[i] = (size_t)(p[i] - m->claims);
	free(p);
	return 0;
}

static int cmp_cell(const void *a, const void *b)
{
	const struct rp_cell *x = a, *y = b;
	if (x->a != y->a)
		return x->a < y->a ? -1 : 1;
	return x->b < y->b ? -1 : x->b > y->b;
}

const struct rp_cell *rp_cell_get(const struct rp_model *m, size_t a, size_t b)
{
	static const struct rp_cell none;
	struct rp_cell key;
	const struct rp_cell *hit;
	memset(&key, 0, sizeof(key));
	key.a = a < b ? a : b;
	key.b = a < b ? b : a;
	hit = m->ncells ? bsearch(&key, m->cells, m->ncells, sizeof(*m->cells), cmp_cell) : NULL;
	return hit ? hit : &none;
}

/* One evidence pair between two sources, counted into the cells (merged by summarise). */
static int add_pair(struct rp_model *m, size_t *cap, size_t a, size_t b, int corroborates)
{
	struct rp_cell *c;
	if (grow(&m->cells, cap, m->ncells, sizeof(*m->cells)) < 0)
		return CT_ENOMEM;
	c = &m->cells[m->ncells++];
	c->a = a < b ? a : b;
	c->b = a < b ? b : a;
	c->corroborate = corroborates ? 1 : 0;
	c->contradict = corroborates ? 0 : 1;
	return 0;
}

/* Scorecards, the source-by-source matrix and the order of shown claims. */
static int summarise(struct rp_model *m)
{
	size_t i, j, k, capcells = 0;
	if (!(m->order = calloc(m->nclaims ? m->nclaims : 1, sizeof(*m->order))))
		return oom();
	for (i = 0; i < m->nclaims; i++) {
		struct rp_claim *cl = &m->claims[i];
		struct rp_source *s = &m->sources[cl->source];
		int cites = 0;
		if (!cl->shown)
			continue;
		/* Withdrawn and superseded claims without reviews are history, not outcomes. */
		if ((cl->status == CT_S_WITHDRAWN || cl->status == CT_S_SUPERSEDED) && !cl->nreviews)
			continue;
		m->order[m->norder++] = i;
		s->n[cl->status]++;
		if (cl->status != CT_S_WITHDRAWN && cl->status != CT_S_SUPERSEDED)
			s->claims++;
		for (j = 0; j < cl->nreviews; j++) {
			const struct rp_review *rv = &cl->reviews[j];
			for (k = 0; k < rv->r->nevidence; k++) {
				long t = rv->evidence[k].target;
				size_t a, b;
				if (t < 0 || m->claims[t].source == cl->source)
					continue;
				/* evidence from a copy of its own source is no other source */
				if (m->sources[m->claims[t].source].root != s->root)
					cites = 1;
				a = cl->source;
				b = m->claims[t].source;
				if ((rv->r->verdict == CT_V_CORROBORATED || rv->r->verdict == CT_V_CONTRADICTED) &&
				    add_pair(m, &capcells, a, b, rv->r->verdict == CT_V_CORROBORATED) < 0)
					return CT_ENOMEM;
			}
		}
		if (cl->nreviews && !cites)
			s->single++;
	}
	/* One cell per pair of sources. */
	if (m->ncells) {
		qsort(m->cells, m->ncells, sizeof(*m->cells), cmp_cell);
		for (i = 1, j = 0; i < m->ncells; i++) {
			if (!cmp_cell(&m->cells[i], &m->cells[j])) {
				m->cells[j].corroborate += m->cells[i].corroborate;
				m->cells[j].contradict += m->cells[i].contradict;
			} else {
				m->cells[++j] = m->cells[i];
			}
		}
		m->ncells = j + 1;
	}
	/* Independent sources behind each source's corroborated claims: the union of their reviews.
	 * In display order the claims of one source are together: one pass over the claims. */
	if (sort_order(m) < 0)
		return CT_ENOMEM;
	for (j = 0; j < m->norder; j = k) {
		size_t src = m->claims[m->order[j]].source, n = 0, cap = 0, r;
		struct rp_review *all = NULL;
		for (k = j; k < m->norder && m->claims[m->order[k]].source == src; k++) {
			const struct rp_claim *cl = &m->claims[m->order[k]];
			if (cl->status != CT_S_CORROBORATED)
				continue;
			for (r = 0; r < cl->nreviews; r++) {
				if (grow(&all, &cap, n, sizeof(*all)) < 0) {
					free(all);
					return CT_ENOMEM;
				}
				all[n++] = cl->reviews[r];
			}
		}
		if (m->sources[src].shown)
			m->sources[src].corroborating = report_independent_sources(m, src, all, n);
		free(all);
	}
	return 0;
}

/* Cohen's kappa per pair of reviewers; Fleiss' kappa over claims with three or more reviewers. */
static int agreement(struct rp_model *m)
{
	size_t a, b, i, j, k, nr = m->nreviewers, cap = 0, nmulti = 0, *multi;
	double fsum_p = 0;
	unsigned long ftot[CT_V_COUNT] = { 0 };
	signed char *v = calloc(nr ? nr : 1, 1);
	if (!v)
		return oom();
	/* Only claims judged by two reviewers or more count for a pair: those, once. */
	for (i = 0; i < m->norder; i++)
		if (m->claims[m->order[i]].nreviews >= 2)
			nmulti++;
	if (!(multi = calloc(nmulti ? nmulti : 1, sizeof(*multi)))) {
		free(v);
		return oom();
	}
	for (i = 0, j = 0; i < m->norder; i++)
		if (m->claims[m->order[i]].nreviews >= 2)
			multi[j++] = m->order[i];
	for (a = 0; a < nr; a++) {
		for (b = a + 1; b < nr; b++) {
			unsigned long na[CT_V_COUNT] = { 0 }, nb[CT_V_COUNT] = { 0 }, n = 0, agree = 0;
			for (i = 0; i < nmulti; i++) {
				const struct rp_claim *cl = &m->claims[multi[i]];
				int va = -1, vb = -1;
				for (j = 0; j < cl->nreviews; j++) {
					if (cl->reviews[j].reviewer == a)
						va = (int)cl->reviews[j].r->verdict;
					else if (cl->reviews[j].reviewer == b)
						vb = (int)cl->reviews[j].r->verdict;
				}
				if (va < 0 || vb < 0)
					continue;
				n++;
				agree += va == vb;
				na[va]++;
				nb[vb]++;
			}
			if (!n)
				continue;
			if (grow(&m->pairs, &cap, m->npairs, sizeof(*m->pairs)) < 0) {
				free(v);
				free(multi);
				return CT_ENOMEM;
			}
			{
				struct rp_pair *p = &m->pairs[m->npairs++];
				double po = (double)agree / (double)n, pe = 0;
				for (k = 0; k < CT_V_COUNT; k++)
					pe += ((double)na[k] / (double)n) * ((double)nb[k] / (double)n);
				p->a = a;
				p->b = b;
				p->n = n;
				p->agree = agree;
				p->has_kappa = pe < 1.0 - 1e-12;
				p->kappa = p->has_kappa ? rp_round3((po - pe) / (1.0 - pe)) : 0;
			}
		}
	}
	/* Fleiss, generalised to a varying number of raters per item: P_i = (sum n_ij^2 - n_i) /
	 * (n_i (n_i - 1)), P = mean P_i, p_j = share of all ratings in category j, Pe = sum p_j^2. */
	for (i = 0; i < m->norder; i++) {
		const struct rp_claim *cl = &m->claims[m->order[i]];
		unsigned long cnt[CT_V_COUNT] = { 0 }, sq = 0;
		if (cl->nreviews < 3)
			continue;
		for (j = 0; j < cl->nreviews; j++)
			cnt[cl->reviews[j].r->verdict]++;
		for (k = 0; k < CT_V_COUNT; k++) {
			sq += cnt[k] * cnt[k];
			ftot[k] += cnt[k];
		}
		fsum_p += (double)(sq - cl->nreviews) / ((double)cl->nreviews * (double)(cl->nreviews - 1));
		m->fleiss.items++;
		m->fleiss.ratings += cl->nreviews;
	}
	if (m->fleiss.items) {
		double p = fsum_p / (double)m->fleiss.items, pe = 0;
		for (k = 0; k < CT_V_COUNT; k++)
			pe += ((double)ftot[k] / (double)m->fleiss.ratings) * ((double)ftot[k] / (double)m->fleiss.ratings);
		m->fleiss.agreement = rp_round3(p);
		m->fleiss.has_kappa = pe < 1.0 - 1e-12;
		m->fleiss.kappa = m->fleiss.has_kappa ? rp_round3((p - pe) / (1.0 - pe)) : 0;
	}
	free(v);
	free(multi);
	return 0;
}

/* ---- the changelog ------------------------------------------------------------------------- */

struct change_ctx {
	struct rp_model *m;
	ct_desk *desk;
	const char *since;
	size_t cap;
	const struct ct_log_entry *entry;
	char parent[41];
	ct_buf tmp;
	int error;
};

static const char *verdict_of(const char *data, size_t len)
{
	cJSON *rec = cJSON_ParseWithLength(data, len);
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(rec, "verdict");
	int k = cJSON_IsString(v) ? ct_verdict_parse(v->valuestring) : -1;
	cJSON_Delete(rec);
	return k < 0 ? NULL : ct_verdict_name((enum ct_verdict)k);
}

static void format_date(char out[64], long long t, int offset)
{
	long long s = t + (long long)offset * 60, days = s / 86400, rem = s % 86400;
	long long z, era, doe, yoe, y, doy, mp, d, mo;
	int off = offset < 0 ? -offset : offset;
	if (rem < 0) {
		rem += 86400;
		days--;
	}
	/* Civil date from days (proleptic Gregorian). */
	z = days + 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d = doy - (153 * mp + 2) / 5 + 1;
	mo = mp < 10 ? mp + 3 : mp - 9;
	y += mo <= 2;
	snprintf(out, 64, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", (int)y, (int)mo, (int)d, (int)(rem / 3600),
		 (int)(rem / 60 % 60), (int)(rem % 60), offset < 0 ? '-' : '+', off / 60 % 100, off % 60);
}

static int on_changed_record(const char *path, const char *data, size_t len, void *payload)
{
	struct change_ctx *c = payload;
	struct rp_model *m = c->m;
	struct ct_board_review r;
	struct rp_change *ch;
	const char *claim;
	const char *previous = NULL;
	char date[64];
	long cl;
	int error;

	if (ct_record_kind_of_path(path) != CT_REC_REVIEW)
		return 0;
	/* The previous version of the record, when there was one. */
	ct_buf_clear(&c->tmp);
	if (c->parent[0]) {
		error = ct_desk_read(c->desk, c->parent, path, &c->tmp);
		if (error < 0 && error != CT_ENOTFOUND)
			return error;
		if (!error)
			previous = verdict_of(c->tmp.ptr, c->tmp.len);
	}
	if (!data) {
		if (!c->tmp.len)
			return 0;
	} else {
		ct_buf_clear(&c->tmp);
		if (ct_buf_put(&c->tmp, data, len) < 0)
			return oom();
	}
	if (ct_board_review_parse(&r, c->tmp.ptr) < 0)
		return 0;
	claim = r.claim;
	cl = find_claim(m, claim);
	if (m->source_filter && (cl < 0 || !m->claims[cl].shown)) {
		ct_board_review_release(&r);
		return 0;
	}
	if (data && previous && !strcmp(previous, ct_verdict_name(r.verdict))) {
		ct_board_review_release(&r);   /* a new note or evidence, not a new verdict */
		return 0;
	}
	if ((error = grow(&m->changes, &c->cap, m->nchanges, sizeof(*m->changes))) < 0) {
		ct_board_review_release(&r);
		return error;
	}
	ch = &m->changes[m->nchanges];
	memset(ch, 0, sizeof(*ch));
	memcpy(ch->commit, c->entry->commit, 41);
	memcpy(ch->claim, claim, 17);
	format_date(date, c->entry->time, c->entry->offset);
	ch->date = strdup(date);
	ch->name = r.name;
	ch->email = r.email;
	r.name = r.email = NULL;
	ch->verdict = data ? ct_verdict_name(r.verdict) : "withdrawn";
	ch->previous = previous;
	m->nchanges++;
	ct_board_review_release(&r);
	return ch->date ? 0 : oom();
}

static int on_review_commit(const struct ct_log_entry *e, void *payload)
{
	struct change_ctx *c = payload;
	ct_buf rev = CT_BUF_INIT;
	int error;
	c->entry = e;
	ct_buf_printf(&rev, "%s^", e->commit);
	if (ct_buf_oom(&rev) < 0)
		return oom();
	if (ct_desk_resolve(c->desk, rev.ptr, c->parent) < 0)
		c->parent[0] = 0;   /* the first commit */
	ct_error_clear();
	ct_buf_release(&rev);
	error = ct_desk_diff_records(c->desk, c->parent[0] ? c->parent : NULL, e->commit, on_changed_record, c);
	return error;
}

/* The commits of the full walk from HEAD that are in (since, at]: their ids, newest first. */
struct range_ctx {
	const char *at, *since;
	int inside;
	char (*ids)[41];
	size_t n, cap;
};

static int collect_range(const struct ct_log_entry *e, void *payload)
{
	struct range_ctx *r = payload;
	if (!strcmp(e->commit, r->since))
		return 1;
	if (!strcmp(e->commit, r->at))
		r->inside = 1;
	if (!r->inside)
		return 0;
	if (grow(&r->ids, &r->cap, r->n, sizeof(*r->ids)) < 0)
		return CT_ENOMEM;   /* grow recorded the message */
	memcpy(r->ids[r->n++], e->commit, 41);
	return 0;
}

static int cmp_id(const void *a, const void *b)
{
	return strcmp((const char *)a, (const char *)b);
}

struct filter_ctx {
	struct change_ctx *c;
	const struct range_ctx *range;
};

static int on_review_commit_in_range(const struct ct_log_entry *e, void *payload)
{
	struct filter_ctx *f = payload;
	if (!strcmp(e->commit, f->range->since))
		return 1;
	if (!f->range->n || !bsearch(e->commit, f->range->ids, f->range->n, sizeof(*f->range->ids), cmp_id))
		return 0;
	return on_review_commit(e, f->c);
}

/* Verdicts changed by the commits after since up to the report's commit, newest first: the walk
 * of every commit from HEAD gives the range (linear history: the commits between the two in
 * topological order), then the walk over reviews/ diffs each of those commits with its parent. */
static int changelog(struct rp_model *m, ct_desk *desk)
{
	const char *paths[] = { "reviews" };
	struct range_ctx range;
	struct change_ctx c;
	struct filter_ctx f;
	int error;

	memset(&range, 0, sizeof(range));
	range.at = m->commit;
	range.since = m->since;
	if ((error = ct_desk_log(desk, NULL, 0, collect_range, &range)) < 0)
		goto done;
	if (range.n)
		qsort(range.ids, range.n, sizeof(*range.ids), cmp_id);
	memset(&c, 0, sizeof(c));
	c.m = m;
	c.desk = desk;
	ct_buf_init(&c.tmp);
	f.c = &c;
	f.range = &range;
	error = ct_desk_log(desk, paths, 1, on_review_commit_in_range, &f);
	if (error > 0)
		error = 0;
	ct_buf_release(&c.tmp);
done:
	if (error > 0)
		error = 0;
	free(range.ids);
	return error;
}

/* ---- building ------------------------------------------------------------------------------ */

static char *setting_str(const cJSON *desk, const char *key)
{
	const cJSON *v = ct_setting_get(desk, key);
	return cJSON_IsString(v) && *v->valuestring ? strdup(v->valuestring) : NULL;
}

int rp_model_build(struct rp_model *m, ct_desk *desk, const struct rp_options *opt)
{
	struct load_ctx lc;
	ct_buf buf = CT_BUF_INIT;
	cJSON *settings = NULL;
	long *source_of = NULL;
	size_t i, j;
	int error;

	memset(m, 0, sizeof(*m));
	memset(&lc, 0, sizeof(lc));
	lc.m = m;
	ct_buf_init(&lc.tmp);
	m->source_filter = opt->source;
	if ((error = ct_desk_resolve(desk, opt->at ? opt->at : "HEAD", m->commit)) < 0)
		goto done;
	if (opt->since && (error = ct_desk_resolve(desk, opt->since, m->since)) < 0)
		goto done;
	if ((error = ct_desk_read(desk, m->commit, "desk.json", &buf)) < 0 && error != CT_ENOTFOUND)
		goto done;
	settings = cJSON_ParseWithLength(buf.ptr, buf.len);
	if ((error = ct_review_rule_from_desk(settings, &m->rule)) < 0)
		goto done;
	m->desk_name = setting_str(settings, "name");
	m->org_name = setting_str(settings, "organisation.name");
	m->org_url = setting_str(settings, "organisation.url");
	m->report_url = setting_str(settings, "report.url");
	if ((error = ct_desk_foreach_record_ahead(desk, m->commit, load_record, &lc)) < 0)
		goto done;
	/* (qsort must not be given NULL, even for no elements.) */
	if (m->nsources)
		qsort(m->sources, m->nsources, sizeof(*m->sources), cmp_source);
	if (m->nclaims)
		qsort(m->claims, m->nclaims, sizeof(*m->claims), cmp_claim);
	if (m->board.n)
		qsort(m->board.reviews, m->board.n, sizeof(*m->board.reviews), cmp_board);
	if (opt->source && find_source(m, opt->source) < 0) {
		error = ct_error_set(CT_ENOTFOUND, "no such source: '%s'", opt->source);
		goto done;
	}
	for (i = 0; i < m->nsources; i++) {
		m->sources[i].shown = !opt->source || !strcmp(opt->source, m->sources[i].id);
		m->sources[i].root = i;
	}
	for (i = 0; i < opt->ndeps; i++) {
		long x = find_source(m, opt->deps[2 * i]), y = find_source(m, opt->deps[2 * i + 1]);
		if (x >= 0 && y >= 0 && (size_t)x == m->sources[x].root && x != y)
			m->sources[x].root = (size_t)y;
	}
	/* Claims whose source record is missing are validate's business: they are left out. */
	if (lc.sources.n && !(source_of = calloc(lc.sources.n, sizeof(*source_of)))) {
		error = oom();
		goto done;
	}
	for (i = 0; i < lc.sources.n; i++)
		source_of[i] = find_source(m, lc.sources.ids[i]);
	for (i = 0, j = 0; i < m->nclaims; i++) {
		long s = source_of[m->claims[i].source];
		if (s < 0)
			continue;
		if (j != i)
			m->claims[j] = m->claims[i];
		m->claims[j].source = (uint32_t)s;
		m->claims[j].shown = (unsigned char)m->sources[s].shown;
		j++;
	}
	m->nclaims = j;
	if (!(m->reviewers = calloc(m->board.n ? m->board.n : 1, sizeof(*m->reviewers)))) {
		error = oom();
		goto done;
	}
	if ((error = link_claims(m)) < 0 || (error = summarise(m)) < 0 || (error = agreement(m)) < 0)
		goto done;
	if (m->since[0] && (error = changelog(m, desk)) < 0)
		goto done;
	error = 0;
done:
	cJSON_Delete(settings);
	ct_buf_release(&buf);
	ct_buf_release(&lc.tmp);
	intern_release(&lc.sources);
	free(source_of);
	if (error < 0)
		rp_model_release(m);
	return error;
}

void rp_model_release(struct rp_model *m)
{
	size_t i, j, k, l;
	for (i = 0; i < m->nsources; i++) {
		free(m->sources[i].id);
		free(m->sources[i].outlet);
		free(m->sources[i].published);
		free(m->sources[i].url);
		free(m->sources[i].title);
	}
	for (i = 0; i < m->nclaims; i++) {
		struct rp_claim *cl = &m->claims[i];
		for (j = 0; j < cl->nreviews; j++) {
			struct rp_review *rv = &cl->reviews[j];
			for (k = 0; rv->evidence && k < rv->r->nevidence; k++) {
				for (l = 0; l < rv->evidence[k].nsignals; l++) {
					free(rv->evidence[k].signals[l].a);
					free(rv->evidence[k].signals[l].b);
				}
				free(rv->evidence[k].signals);
			}
			free(rv->evidence);
		}
		free(cl->reviews);
	}
	for (i = 0; i < m->nchanges; i++) {
		free(m->changes[i].date);
		free(m->changes[i].name);
		free(m->changes[i].email);
	}
	free(m->changes);
	free(m->sources);
	free(m->claims);
	free(m->order);
	free(m->reviewers);
	free(m->pairs);
	free(m->cells);
	arena_release(&m->arena);
	free(m->desk_name);
	free(m->org_name);
	free(m->org_url);
	free(m->report_url);
	ct_board_release(&m->board);
	memset(m, 0, sizeof(*m));
}

/* ---- ClaimReview helpers -------------------------------------------------------------------- */

int rp_rating(enum ct_status s)
{
	switch (s) {
	case CT_S_CONTRADICTED:
		return 1;
	case CT_S_UNVERIFIABLE:
		return 3;
	case CT_S_CORROBORATED:
		return 5;
	default:
		return 0;
	}
}

const char *rp_rating_name(enum ct_status s)
{
	switch (s) {
	case CT_S_CONTRADICTED:
		return "Contradicted";
	case CT_S_UNVERIFIABLE:
		return "Unverifiable";
	case CT_S_CORROBORATED:
		return "Corroborated";
	default:
		return NULL;
	}
}

/* Words that read as a verdict; claimReviewed states the claim, the rating judges it. */
static const char *const verdict_words[] = {
	"true", "false", "untrue", "misleading", "correct", "incorrect", "accurate", "inaccurate", "wrong",
	"fake", "hoax", "lie", "lies", "debunked", "verified", "unverified", "unverifiable", "corroborated",
	"contradicted", "disputed", "mostly", "partly", "half-true", NULL
};

static int is_verdict_word(const char *w, size_t n)
{
	const char *const *v;
	for (v = verdict_words; *v; v++)
		if (strlen(*v) == n && !strncasecmp(*v, w, n))
			return 1;
	return 0;
}

static int is_word_byte(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '\'' ||
	       c >= 0x80;
}

#define CLAIM_REVIEWED_MAX 74   /* characters, ellipsis included: "under 75" */

void rp_claim_reviewed(ct_buf *out, const char *text)
{
	ct_buf clean = CT_BUF_INIT;
	size_t i = 0, chars = 0, cut = 0, start = out->len;
	int space = 0;
	/* Drop verdict words, fold whitespace and control characters into single spaces. */
	while (text[i]) {
		unsigned char c = (unsigned char)text[i];
		if (is_word_byte(c) && c != '\'' && c != '-') {
			size_t j = i;
			while (text[j] && is_word_byte((unsigned char)text[j]))
				j++;
			if (is_verdict_word(text + i, j - i)) {
				i = j;
				continue;
			}
			if (space && clean.len)
				ct_buf_putc(&clean, ' ');
			space = 0;
			ct_buf_put(&clean, text + i, j - i);
			i = j;
		} else if (c <= ' ' || c == 0x7f) {
			space = 1;
			i++;
		} else {
			/* Punctuation sticks to the word before it (no space before a comma). */
			if (space && clean.len && c != ',' && c != '.' && c != ';' && c != ':' && c != '!' && c != '?' &&
			    c != ')')
				ct_buf_putc(&clean, ' ');
			space = 0;
			ct_buf_putc(&clean, (char)c);
			i++;
		}
	}
	/* Count characters (UTF-8 lead bytes); cut at the last space that leaves room for "…". */
	for (i = 0; i < clean.len; i++) {
		unsigned char c = (unsigned char)clean.ptr[i];
		if ((c & 0xc0) == 0x80)
			continue;
		if (c == ' ' && chars + 1 <= CLAIM_REVIEWED_MAX) {
			cut = i;
		}
		chars++;
	}
	if (chars <= CLAIM_REVIEWED_MAX) {
		ct_buf_put(out, clean.ptr, clean.len);
	} else {
		if (!cut) {   /* one long word: cut on a character boundary */
			for (i = 0, chars = 0; i < clean.len; i++) {
				if (((unsigned char)clean.ptr[i] & 0xc0) != 0x80 && chars++ == CLAIM_REVIEWED_MAX - 1)
					break;
			}
			cut = i;
		}
		/* Trailing punctuation before the ellipsis reads badly: drop it. */
		while (cut > 0 && strchr(",;:-", clean.ptr[cut - 1]))
			cut--;
		ct_buf_put(out, clean.ptr, cut);
		ct_buf_puts(out, "\xe2\x80\xa6");
	}
	if (out->len == start)
		ct_buf_puts(out, "(claim)");
	ct_buf_release(&clean);
}
