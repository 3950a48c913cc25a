/* `claimtrack extract --json` written out sentence by sentence: the bytes cJSON_Print gives for
 * the same tree (tabs, ", " in arrays, its number format), with no tree and no allocation. */
#include "extract/extract.h"

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "util/buf.h"
#include "util/err.h"

struct jw {
	ct_buf *b;
	int depth;    /* cJSON's print depth: an array or object being printed raises it by one */
	int first;    /* no member yet in the object being printed */
};

static void put_tabs(struct jw *w, int n)
{
	static const char tabs[] = "\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t";
	while (n > 0) {
		int k = n > 16 ? 16 : n;
		ct_buf_put(w->b, tabs, (size_t)k);
		n -= k;
	}
}

/* A JSON string of s[0..n), ending at a NUL byte as cJSON's C strings do; only the bytes below
 * 0x20, '"' and '\\' are escaped. */
static void put_string(struct jw *w, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *p = (const unsigned char *)s;
	size_t i, run = 0;
	ct_buf_putc(w->b, '"');
	for (i = 0; i < n && p[i]; i++) {
		unsigned char c = p[i];
		char esc[6];
		size_t el = 2;
		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		ct_buf_put(w->b, s + run, i - run);
		run = i + 1;
		esc[0] = '\\';
		switch (c) {
		case '"': esc[1] = '"'; break;
		case '\\': esc[1] = '\\'; break;
		case '\b': esc[1] = 'b'; break;
		case '\f': esc[1] = 'f'; break;
		case '\n': esc[1] = 'n'; break;
		case '\r': esc[1] = 'r'; break;
		case '\t': esc[1] = 't'; break;
		default:
			esc[1] = 'u';
			esc[2] = '0';
			esc[3] = '0';
			esc[4] = hex[c >> 4];
			esc[5] = hex[c & 15];
			el = 6;
		}
		ct_buf_put(w->b, esc, el);
	}
	ct_buf_put(w->b, s + run, i - run);
	ct_buf_putc(w->b, '"');
}

/* cJSON's print_number: an integral value in int range as %d, else the shortest of %1.15g and
 * %1.17g that reads back as the same double. */
static void put_number(struct jw *w, double d)
{
	char tmp[32];
	int iv;
	double back;
	if (isnan(d) || isinf(d)) {
		ct_buf_puts(w->b, "null");
		return;
	}
	iv = d >= 2147483647.0 ? 2147483647 : d <= -2147483648.0 ? (-2147483647 - 1) : (int)d;
	if (d == (double)iv) {
		if (iv >= 0 && iv < 10) {
			ct_buf_putc(w->b, (char)('0' + iv));
			return;
		}
		snprintf(tmp, sizeof(tmp), "%d", iv);
	} else {
		snprintf(tmp, sizeof(tmp), "%1.15g", d);
		if (sscanf(tmp, "%lg", &back) != 1 ||
		    !(fabs(back - d) <= (fabs(back) > fabs(d) ? fabs(back) : fabs(d)) * DBL_EPSILON))
			snprintf(tmp, sizeof(tmp), "%1.17g", d);
	}
	ct_buf_puts(w->b, tmp);
}

static void obj_open(struct jw *w)
{
	ct_buf_put(w->b, "{\n", 2);
	w->depth++;
	w->first = 1;
}

static void key(struct jw *w, const char *k)
{
	if (!w->first)
		ct_buf_put(w->b, ",\n", 2);
	w->first = 0;
	put_tabs(w, w->depth);
	ct_buf_putc(w->b, '"');
	ct_buf_puts(w->b, k);
	ct_buf_put(w->b, "\":\t", 3);
}

static void obj_close(struct jw *w)
{
	ct_buf_putc(w->b, '\n');
	put_tabs(w, w->depth - 1);
	ct_buf_putc(w->b, '}');
	w->depth--;
	w->first = 0;
}

static void key_string(struct jw *w, const char *k, const char *s, size_t n)
{
	key(w, k);
	put_string(w, s, n);
}

static void key_number(struct jw *w, const char *k, double d)
{
	key(w, k);
	put_number(w, d);
}

static void key_span(struct jw *w, size_t a, size_t b)
{
	key(w, "span");
	ct_buf_putc(w->b, '[');
	put_number(w, (double)a);
	ct_buf_put(w->b, ", ", 2);
	put_number(w, (double)b);
	ct_buf_putc(w->b, ']');
}

/* An array member is an object at depth + 1, as cJSON prints one inside an array. */
static void array_item(struct jw *w, size_t i)
{
	if (i)
		ct_buf_put(w->b, ", ", 2);
	obj_open(w);
}

static void put_entities(struct jw *w, const struct ct_claim_draft *d)
{
	size_t i;
	key(w, "entities");
	ct_buf_putc(w->b, '[');
	w->depth++;
	for (i = 0; i < d->entities->n; i++) {
		const struct ct_entity *e = &d->entities->e[i];
		array_item(w, i);
		key_string(w, "text", d->text + e->start, e->end - e->start);
		key(w, "kind");
		ct_buf_putc(w->b, '"');
		ct_buf_puts(w->b, e->kind == CT_ENT_OTHER && e->title_end > e->title_start ? "title" :
				  ct_entity_kind_name(e->kind));
		ct_buf_putc(w->b, '"');
		if (e->title_end > e->title_start && e->name_end > e->name_start)
			key_string(w, "title", d->text + e->title_start, e->title_end - e->title_start);
		key_span(w, e->start, e->end);
		obj_close(w);
	}
	ct_buf_putc(w->b, ']');
	w->depth--;
	w->first = 0;
}

static void put_numbers(struct jw *w, const struct ct_claim_draft *d)
{
	size_t i;
	key(w, "numbers");
	ct_buf_putc(w->b, '[');
	w->depth++;
	for (i = 0; i < d->nnumbers; i++) {
		const struct ct_number *n = &d->numbers[i];
		array_item(w, i);
		key_string(w, "text", d->text + n->start, n->end - n->start);
		key_number(w, "value", n->value);
		if (n->high != n->value)
			key_number(w, "high", n->high);
		if (n->unit[0])
			key_string(w, "unit", n->unit, strlen(n->unit));
		if (n->approx)
			key_string(w, "approx", n->approx, strlen(n->approx));
		if (n->ordinal) {
			key(w, "ordinal");
			ct_buf_put(w->b, "true", 4);
		}
		key_span(w, n->start, n->end);
		obj_close(w);
	}
	ct_buf_putc(w->b, ']');
	w->depth--;
	w->first = 0;
}

static void put_dates(struct jw *w, const struct ct_claim_draft *d)
{
	static const char *const wd[] = { "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday" };
	size_t i;
	key(w, "dates");
	ct_buf_putc(w->b, '[');
	w->depth++;
	for (i = 0; i < d->ndates; i++) {
		const struct ct_date *t = &d->dates[i];
		array_item(w, i);
		key_string(w, "text", d->text + t->start, t->end - t->start);
		key_string(w, "kind", t->kind, strlen(t->kind));
		if (t->resolved[0])
			key_string(w, "date", t->resolved, strlen(t->resolved));
		if (t->weekday >= 0 && t->weekday < 7)
			key_string(w, "weekday", wd[t->weekday], strlen(wd[t->weekday]));
		if (!t->resolved[0] && t->year)
			key_number(w, "year", t->year);
		key_span(w, t->start, t->end);
		obj_close(w);
	}
	ct_buf_putc(w->b, ']');
	w->depth--;
	w->first = 0;
}

static void put_quote(struct jw *w, const struct ct_claim_draft *d)
{
	key(w, "quote");
	if (!d->quote->found || d->quote->end - d->quote->start < 3) {
		ct_buf_put(w->b, "null", 4);
		return;
	}
	obj_open(w);
	key_string(w, "text", d->text + d->quote->start, d->quote->end - d->quote->start);
	key(w, "speaker");
	if (d->speaker)
		put_string(w, d->speaker, d->speaker_len);
	else
		ct_buf_put(w->b, "null", 4);
	key_span(w, d->quote->start, d->quote->end);
	obj_close(w);
}

int ct_extract_json(ct_buf *out, const struct ct_claim_draft *d)
{
	struct jw w = { out, 1, 1 };
	obj_open(&w);
	key_string(&w, "text", d->text, d->text_len);
	key(&w, "kind");
	put_string(&w, ct_seg_kind_name(d->seg->kind), strlen(ct_seg_kind_name(d->seg->kind)));
	key(&w, "is_claim");
	if (d->is_claim)
		ct_buf_put(out, "true", 4);
	else
		ct_buf_put(out, "false", 5);
	key_span(&w, d->seg->start, d->seg->end);
	key_number(&w, "sentence", (double)d->seg->index);
	key_number(&w, "paragraph", (double)d->seg->paragraph);
	key_string(&w, "type", d->type, strlen(d->type));
	key_number(&w, "checkworthy", d->checkworthy);
	put_entities(&w, d);
	put_numbers(&w, d);
	put_dates(&w, d);
	put_quote(&w, d);
	obj_close(&w);
	return ct_buf_oom(out) < 0 ? ct_error_set(CT_ENOMEM, "out of memory") : 0;
}
