/* Claim extraction over the segmenter: per sentence, one tokenisation feeds the entity, quote
 * and speaker rules, the claim type and the check-worthiness score. */
#include "extract/extract.h"

#include "extract/lexicon.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/err.h"

struct extract_ctx {
	const char *text;
	const char *published;
	ct_extract_cb cb;
	void *payload;
	ct_buf flat;
	ct_buf speaker;          /* the last named speaker, for "he said" and continued quotes */
	int quote_open;          /* the previous paragraph ended inside an open quote */
	unsigned speaker_para;   /* paragraph where speaker was last named */
	struct ct_tokens tk;
	struct ct_sentence_entities ents;
	struct ct_quote quote;
	struct ct_attribution attr;
};

static int any_word(const struct ct_tokens *tk, unsigned bits)
{
	size_t i;
	for (i = 0; i < tk->n; i++)
		if (tk->t[i].lex & bits)
			return 1;
	return 0;
}

static int has_digit_token(const struct ct_tokens *tk)
{
	size_t i;
	for (i = 0; i < tk->n; i++)
		if (tk->t[i].flags & CT_TOK_DIGIT)
			return 1;
	return any_word(tk, CT_LEX_NUMWORD);
}

/* Full Fact's typology, narrowed to what one sentence shows: a direct quote, a quantity, a
 * prediction, a causal claim, a rule, a position (opinion or recommendation), a statement
 * attributed to someone, else an event. */
static const char *classify(const struct extract_ctx *x)
{
	if (x->quote.found && x->quote.end - x->quote.start >= 12)
		return "quote";
	if (any_word(&x->tk, CT_LEX_FUTURE))
		return "prediction";
	if (has_digit_token(&x->tk))
		return "quantity";
	if (any_word(&x->tk, CT_LEX_CAUSE))
		return "causation";
	if (any_word(&x->tk, CT_LEX_RULE))
		return "rule";
	if (any_word(&x->tk, CT_LEX_OPINION))
		return "position";
	if (x->attr.found)
		return "statement";
	return "event";
}

static double score(const struct extract_ctx *x, const char *type, unsigned words)
{
	double s = 0.25;
	s += has_digit_token(&x->tk) ? 0.3 : 0;
	s += x->ents.n ? 0.1 : 0;
	s += x->quote.found ? 0.1 : 0;
	s += words >= 10 ? 0.1 : 0;
	s -= !strcmp(type, "position") ? 0.15 : 0;
	s = fmin(1.0, fmax(0.0, s));
	return floor(s * 1000 + 0.5) / 1000;
}

static unsigned count_words(const struct ct_tokens *tk)
{
	unsigned n = 0;
	size_t i;
	for (i = 0; i < tk->n; i++)
		n += !(tk->t[i].flags & CT_TOK_PUNCT);
	return n;
}

static int on_segment(const ct_segment *seg, void *payload)
{
	struct extract_ctx *x = payload;
	struct ct_claim_draft d;
	const char *last;

	ct_buf_clear(&x->flat);
	ct_segment_flatten(&x->flat, x->text, seg->start, seg->end);
	if (ct_buf_oom(&x->flat) < 0)
		return ct_error_set(CT_ENOMEM, "out of memory");
	memset(&d, 0, sizeof(d));
	d.seg = seg;
	d.text = x->flat.ptr;
	d.text_len = x->flat.len;
	d.published = x->published;
	ct_tokenize(&x->tk, x->flat.ptr, x->flat.len);
	ct_sentence_entities(&x->tk, &x->ents);
	ct_quote_find(&x->tk, &x->quote);
	ct_attribution_find(&x->tk, &x->ents, &x->quote, &x->attr);
	d.tokens = &x->tk;
	d.entities = &x->ents;
	d.quote = &x->quote;
	d.attribution = &x->attr;
	d.words = count_words(&x->tk);
	d.type = classify(x);
	last = d.text_len ? &d.text[d.text_len - 1] : d.text;
	d.is_claim = seg->kind == CT_SEG_SENTENCE && d.words >= 5 && *last != '?';
	d.checkworthy = d.is_claim ? score(x, d.type, d.words) : 0;

	/* The speaker: named here, or the last one named for a pronoun or a continued quote. */
	if (x->attr.found && !x->attr.pronoun && x->attr.name_end > x->attr.name_start) {
		d.speaker = d.text + x->attr.name_start;
		d.speaker_len = x->attr.name_end - x->attr.name_start;
	} else if (seg->kind == CT_SEG_SENTENCE && x->speaker.len &&
		   ((x->attr.found && x->attr.pronoun) || (x->quote.found && !x->attr.found &&
							   (x->quote_open || x->quote.closes_only ||
							    seg->paragraph <= x->speaker_para + 1)))) {
		d.speaker = x->speaker.ptr;
		d.speaker_len = x->speaker.len;
	}
	if (seg->kind == CT_SEG_SENTENCE) {
		if (d.speaker && d.speaker != x->speaker.ptr) {
			ct_buf_clear(&x->speaker);
			ct_buf_put(&x->speaker, d.speaker, d.speaker_len);
			x->speaker_para = seg->paragraph;
		} else if (d.speaker) {
			x->speaker_para = seg->paragraph;
		}
		x->quote_open = x->quote.found && x->quote.opens_only;
	}
	return x->cb(&d, x->payload);
}

int ct_extract(const char *text, size_t len, const char *published, ct_extract_cb cb, void *payload)
{
	struct extract_ctx *x = calloc(1, sizeof(*x));
	int r;
	if (!x)
		return ct_error_set(CT_ENOMEM, "out of memory");
	x->text = text;
	x->published = published;
	x->cb = cb;
	x->payload = payload;
	ct_buf_init(&x->flat);
	ct_buf_init(&x->speaker);
	r = ct_segment_text(text, len, on_segment, x);
	ct_buf_release(&x->flat);
	ct_buf_release(&x->speaker);
	free(x);
	return r;
}

static cJSON *span_array(size_t a, size_t b)
{
	cJSON *s = cJSON_CreateArray();
	if (s) {
		cJSON_AddItemToArray(s, cJSON_CreateNumber((double)a));
		cJSON_AddItemToArray(s, cJSON_CreateNumber((double)b));
	}
	return s;
}

static int add_entities(cJSON *obj, const struct ct_claim_draft *d)
{
	cJSON *arr = cJSON_AddArrayToObject(obj, "entities");
	size_t i;
	if (!arr)
		return -1;
	for (i = 0; i < d->entities->n; i++) {
		const struct ct_entity *e = &d->entities->e[i];
		cJSON *o = cJSON_CreateObject();
		char *name;
		if (!o)
			return -1;
		cJSON_AddItemToArray(arr, o);
		name = strndup(d->text + e->start, e->end - e->start);
		if (!name || !cJSON_AddStringToObject(o, "text", name)) {
			free(name);
			return -1;
		}
		free(name);
		cJSON_AddStringToObject(o, "kind", e->kind == CT_ENT_OTHER && e->title_end > e->title_start ? "title" : ct_entity_kind_name(e->kind));
		if (e->title_end > e->title_start && e->name_end > e->name_start) {
			char *t = strndup(d->text + e->title_start, e->title_end - e->title_start);
			if (!t || !cJSON_AddStringToObject(o, "title", t)) {
				free(t);
				return -1;
			}
			free(t);
		}
		cJSON_AddItemToObject(o, "span", span_array(e->start, e->end));
	}
	return 0;
}

static int add_quote(cJSON *obj, const struct ct_claim_draft *d)
{
	cJSON *q;
	char *s;
	if (!d->quote->found || d->quote->end - d->quote->start < 3)
		return cJSON_AddNullToObject(obj, "quote") ? 0 : -1;
	if (!(q = cJSON_AddObjectToObject(obj, "quote")))
		return -1;
	s = strndup(d->text + d->quote->start, d->quote->end - d->quote->start);
	if (!s || !cJSON_AddStringToObject(q, "text", s)) {
		free(s);
		return -1;
	}
	free(s);
	if (d->speaker) {
		s = strndup(d->speaker, d->speaker_len);
		if (!s || !cJSON_AddStringToObject(q, "speaker", s)) {
			free(s);
			return -1;
		}
		free(s);
	} else if (!cJSON_AddNullToObject(q, "speaker"))
		return -1;
	cJSON_AddItemToObject(q, "span", span_array(d->quote->start, d->quote->end));
	return 0;
}

int ct_extract_features(cJSON *obj, const struct ct_claim_draft *d)
{
	if (!cJSON_AddStringToObject(obj, "type", d->type) ||
	    !cJSON_AddNumberToObject(obj, "checkworthy", d->checkworthy) ||
	    add_entities(obj, d) < 0 ||
	    !cJSON_AddArrayToObject(obj, "numbers") ||
	    !cJSON_AddArrayToObject(obj, "dates") ||
	    add_quote(obj, d) < 0)
		return ct_error_set(CT_ENOMEM, "out of memory");
	return 0;
}
