/* Claim extraction over the segmenter: sentence-level claim detection and typing.
 * A plain first version; the extraction-engine issue replaces the heuristics. */
#include "extract/extract.h"

#include <ctype.h>
#include <math.h>
#include <string.h>

#include "util/buf.h"
#include "util/err.h"

struct extract_ctx {
	const char *text;
	ct_extract_cb cb;
	void *payload;
	ct_buf flat;
};

static int has_word(const char *s, const char *w)
{
	size_t n = strlen(w);
	const char *p = s;
	while ((p = strstr(p, w)) != NULL) {
		int before = p == s || !isalpha((unsigned char)p[-1]);
		int after = !isalpha((unsigned char)p[n]);
		if (before && after)
			return 1;
		p += n;
	}
	return 0;
}

static int has_quote(const char *s)
{
	return strstr(s, "\xe2\x80\x9c") || strstr(s, "\xe2\x80\x9d") || strchr(s, '"');
}

static int has_digit(const char *s)
{
	for (; *s; s++)
		if (isdigit((unsigned char)*s))
			return 1;
	return 0;
}

static unsigned count_words(const char *s)
{
	unsigned n = 0;
	int in = 0;
	for (; *s; s++) {
		if (isspace((unsigned char)*s))
			in = 0;
		else if (!in) {
			in = 1;
			n++;
		}
	}
	return n;
}

static const char *classify(const char *s)
{
	static const char *const said[] = { "said", "says", "told", "according to", "announced", "stated", NULL };
	static const char *const future[] = { "will", "would", "plans", "expected", "aims", "is set to", NULL };
	static const char *const opinion[] = { "should", "must", "believe", "think", "ought", NULL };
	int i;
	if (has_quote(s))
		return "quote";
	if (has_digit(s))
		return "quantity";
	for (i = 0; future[i]; i++)
		if (has_word(s, future[i]))
			return "prediction";
	for (i = 0; opinion[i]; i++)
		if (has_word(s, opinion[i]))
			return "position";
	for (i = 0; said[i]; i++)
		if (has_word(s, said[i]))
			return "statement";
	return "event";
}

static int on_segment(const ct_segment *seg, void *payload)
{
	struct extract_ctx *x = payload;
	struct ct_claim_draft d;
	double score;

	ct_buf_clear(&x->flat);
	ct_segment_flatten(&x->flat, x->text, seg->start, seg->end);
	if (ct_buf_oom(&x->flat) < 0)
		return ct_error_set(CT_ENOMEM, "out of memory");
	memset(&d, 0, sizeof(d));
	d.seg = seg;
	d.text = x->flat.ptr;
	d.text_len = x->flat.len;
	d.words = count_words(d.text);
	d.type = classify(d.text);
	d.is_claim = seg->kind == CT_SEG_SENTENCE && d.words >= 5 && d.text[d.text_len - 1] != '?';
	score = 0.2 + (has_digit(d.text) ? 0.3 : 0) + (has_quote(d.text) ? 0.2 : 0) +
		(d.words >= 12 ? 0.1 : 0) + (!strcmp(d.type, "position") ? -0.1 : 0);
	d.checkworthy = d.is_claim ? floor(fmin(1.0, fmax(0.0, score)) * 1000 + 0.5) / 1000 : 0;
	return x->cb(&d, x->payload);
}

int ct_extract(const char *text, size_t len, const char *published, ct_extract_cb cb, void *payload)
{
	struct extract_ctx x = { text, cb, payload, CT_BUF_INIT };
	int r;
	(void)published;
	r = ct_segment_text(text, len, on_segment, &x);
	ct_buf_release(&x.flat);
	return r;
}

int ct_extract_features(cJSON *obj, const struct ct_claim_draft *d)
{
	if (!cJSON_AddStringToObject(obj, "type", d->type) ||
	    !cJSON_AddNumberToObject(obj, "checkworthy", d->checkworthy) ||
	    !cJSON_AddArrayToObject(obj, "entities") ||
	    !cJSON_AddArrayToObject(obj, "numbers") ||
	    !cJSON_AddArrayToObject(obj, "dates") ||
	    !cJSON_AddNullToObject(obj, "quote"))
		return ct_error_set(CT_ENOMEM, "out of memory");
	return 0;
}
