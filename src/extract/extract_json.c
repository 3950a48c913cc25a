/* `claimtrack extract --json` written out sentence by sentence: the bytes cJSON_Print gives for
 * the same tree (tabs, ", " in arrays, its number format), with no tree and no allocation. */
#include "extract/extract.h"

#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/err.h"

struct jw {
	ct_buf *b;
	int depth;    /* cJSON's print depth: an array or object being printed raises it by one */
	int first;    /* no member yet in the object being printed */
};

/* Appends s[0..n): copied in place while the buffer has room, else by ct_buf_put (which grows
 * it, or notes that it could not). A segment's output is a few hundred small pieces, and a call
 * to ct_buf_put with its checks and its terminating NUL for each cost more than the copying; the
 * NUL is written once, at the end of ct_extract_json. */
static inline void jput(struct jw *w, const char *s, size_t n)
{
	ct_buf *b = w->b;
	if (b->len + n < b->cap && !b->oom) {
		memcpy(b->ptr + b->len, s, n);
		b->len += n;
	} else {
		ct_buf_put(b, s, n);
	}
}

static inline void jputc(struct jw *w, char c)
{
	ct_buf *b = w->b;
	if (b->len + 1 < b->cap && !b->oom)
		b->ptr[b->len++] = c;
	else
		ct_buf_put(b, &c, 1);
}

static void put_tabs(struct jw *w, int n)
{
	static const char tabs[] = "\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t";
	while (n > 0) {
		int k = n > 16 ? 16 : n;
		jput(w, tabs, (size_t)k);
		n -= k;
	}
}

#define ONES UINT64_C(0x0101010101010101)
#define HIGHS UINT64_C(0x8080808080808080)

/* Non-zero when one of the eight bytes of x is zero, or below 0x20 (exact as a yes or no; the
 * bits set need not mark which bytes). */
static inline uint64_t has_zero(uint64_t x)
{
	return (x - ONES) & ~x & HIGHS;
}

static inline uint64_t below_0x20(uint64_t x)
{
	return (x - ONES * 0x20) & ~x & HIGHS;
}

/* A JSON string of s[0..n), ending at a NUL byte as cJSON's C strings do; only the bytes below
 * 0x20, '"' and '\\' are escaped. */
static void put_string(struct jw *w, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *p = (const unsigned char *)s;
	size_t i, run = 0;
	jputc(w, '"');
	for (i = 0; i < n; i++) {
		unsigned char c;
		char esc[6];
		size_t el = 2;
		/* eight bytes at a time while none of them needs a look: none below 0x20 (NUL
		 * included), '"' or '\\' */
		while (i + 8 <= n) {
			uint64_t x;
			memcpy(&x, p + i, 8);
			if (below_0x20(x) | has_zero(x ^ (ONES * '"')) | has_zero(x ^ (ONES * '\\')))
				break;
			i += 8;
		}
		if (i >= n || !(c = p[i]))
			break;
		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		jput(w, s + run, i - run);
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
		jput(w, esc, el);
	}
	jput(w, s + run, i - run);
	jputc(w, '"');
}

/* What "%1.15g" prints for d when d is the double nearest a decimal m / 10^j with j at most 6
 * and 1e-4 <= |d| < 1e9 (scores like 0.485, values like 1.5): the digits of m with the point
 * put in, no trailing zeros, and never an exponent. Such a d reads back as itself, so cJSON's
 * second try with %1.17g never applies. Returns 0, writing nothing, for any other d. Why it is
 * exact: printed to 15 significant digits, the double nearest m / 10^j (m below 10^15) rounds to
 * the digits of m, its error being under 2^-53 of it, far from half a unit of the 15th digit. */
static int put_decimal(struct jw *w, double d)
{
	static const double p10[] = { 1, 10, 100, 1e3, 1e4, 1e5, 1e6 };
	char tmp[32], *e = tmp + sizeof(tmp), *q = e;
	double a = fabs(d), m = 0;
	unsigned long long u;
	int j, k;
	if (!(a >= 1e-4 && a < 1e9))
		return 0;
	for (j = 1; j <= 6; j++) {
		m = nearbyint(a * p10[j]);
		if (m / p10[j] == a)
			break;
	}
	if (j > 6)
		return 0;
	/* the smallest such j: m does not end in 0 (else m / 10 would have done for j - 1) */
	u = (unsigned long long)m;
	for (k = 0; k < j; k++) {
		*--q = (char)('0' + u % 10);
		u /= 10;
	}
	*--q = '.';
	do {
		*--q = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (d < 0)
		*--q = '-';
	jput(w, q, (size_t)(e - q));
	return 1;
}

/* cJSON's print_number: an integral value in int range as %d, else the shortest of %1.15g and
 * %1.17g that reads back as the same double. */
static void put_number(struct jw *w, double d)
{
	char tmp[32];
	int iv;
	double back;
	if (isnan(d) || isinf(d)) {
		jput(w, "null", 4);
		return;
	}
	iv = d >= 2147483647.0 ? 2147483647 : d <= -2147483648.0 ? (-2147483647 - 1) : (int)d;
	if (d == (double)iv) {
		if (iv >= 0) {
			/* what %d prints, without snprintf: spans, indexes and years are most numbers */
			char *e = tmp + sizeof(tmp), *q = e;
			unsigned u = (unsigned)iv;
			do {
				*--q = (char)('0' + u % 10);
				u /= 10;
			} while (u);
			jput(w, q, (size_t)(e - q));
			return;
		}
		snprintf(tmp, sizeof(tmp), "%d", iv);
	} else if (put_decimal(w, d)) {
		return;
	} else {
		char *end;
		snprintf(tmp, sizeof(tmp), "%1.15g", d);
		/* strtod reads the number as sscanf's %lg does (sscanf calls it), at less cost */
		back = strtod(tmp, &end);
		if (end == tmp || !(fabs(back - d) <= (fabs(back) > fabs(d) ? fabs(back) : fabs(d)) * DBL_EPSILON))
			snprintf(tmp, sizeof(tmp), "%1.17g", d);
	}
	jput(w, tmp, strlen(tmp));
}

static void obj_open(struct jw *w)
{
	jput(w, "{\n", 2);
	w->depth++;
	w->first = 1;
}

/* The separator, indentation and "k":<tab> before a member's value, written in one piece when
 * the buffer has room. key() passes the length of its literal key, known when compiling. */
static inline void key_n(struct jw *w, const char *k, size_t kl)
{
	ct_buf *b = w->b;
	size_t depth = w->depth > 0 ? (size_t)w->depth : 0;
	if (depth <= 16 && b->len + 2 + depth + 1 + kl + 3 < b->cap && !b->oom) {
		char *o = b->ptr + b->len;
		if (!w->first) {
			*o++ = ',';
			*o++ = '\n';
		}
		memset(o, '\t', depth);
		o += depth;
		*o++ = '"';
		memcpy(o, k, kl);
		o += kl;
		memcpy(o, "\":\t", 3);
		b->len = (size_t)(o + 3 - b->ptr);
	} else {
		if (!w->first)
			jput(w, ",\n", 2);
		put_tabs(w, w->depth);
		jputc(w, '"');
		jput(w, k, kl);
		jput(w, "\":\t", 3);
	}
	w->first = 0;
}

#define key(w, k) key_n((w), (k), strlen(k))

static void obj_close(struct jw *w)
{
	jputc(w, '\n');
	put_tabs(w, w->depth - 1);
	jputc(w, '}');
	w->depth--;
	w->first = 0;
}

static void key_string_n(struct jw *w, const char *k, size_t kl, const char *s, size_t n)
{
	key_n(w, k, kl);
	put_string(w, s, n);
}

static void key_number_n(struct jw *w, const char *k, size_t kl, double d)
{
	key_n(w, k, kl);
	put_number(w, d);
}

#define key_string(w, k, s, n) key_string_n((w), (k), strlen(k), (s), (n))
#define key_number(w, k, d) key_number_n((w), (k), strlen(k), (d))

static void key_span(struct jw *w, size_t a, size_t b)
{
	key(w, "span");
	jputc(w, '[');
	put_number(w, (double)a);
	jput(w, ", ", 2);
	put_number(w, (double)b);
	jputc(w, ']');
}

/* An array member is an object at depth + 1, as cJSON prints one inside an array. */
static void array_item(struct jw *w, size_t i)
{
	if (i)
		jput(w, ", ", 2);
	obj_open(w);
}

static void put_entities(struct jw *w, const struct ct_claim_draft *d)
{
	size_t i;
	key(w, "entities");
	jputc(w, '[');
	w->depth++;
	for (i = 0; i < d->entities->n; i++) {
		const struct ct_entity *e = &d->entities->e[i];
		array_item(w, i);
		key_string(w, "text", d->text + e->start, e->end - e->start);
		key(w, "kind");
		jputc(w, '"');
		{
			const char *kind = e->kind == CT_ENT_OTHER && e->title_end > e->title_start ? "title" :
					   ct_entity_kind_name(e->kind);
			jput(w, kind, strlen(kind));
		}
		jputc(w, '"');
		if (e->title_end > e->title_start && e->name_end > e->name_start)
			key_string(w, "title", d->text + e->title_start, e->title_end - e->title_start);
		key_span(w, e->start, e->end);
		obj_close(w);
	}
	jputc(w, ']');
	w->depth--;
	w->first = 0;
}

static void put_numbers(struct jw *w, const struct ct_claim_draft *d)
{
	size_t i;
	key(w, "numbers");
	jputc(w, '[');
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
			jput(w, "true", 4);
		}
		key_span(w, n->start, n->end);
		obj_close(w);
	}
	jputc(w, ']');
	w->depth--;
	w->first = 0;
}

static void put_dates(struct jw *w, const struct ct_claim_draft *d)
{
	static const char *const wd[] = { "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday" };
	size_t i;
	key(w, "dates");
	jputc(w, '[');
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
	jputc(w, ']');
	w->depth--;
	w->first = 0;
}

static void put_quote(struct jw *w, const struct ct_claim_draft *d)
{
	key(w, "quote");
	if (!d->quote->found || d->quote->end - d->quote->start < 3) {
		jput(w, "null", 4);
		return;
	}
	obj_open(w);
	key_string(w, "text", d->text + d->quote->start, d->quote->end - d->quote->start);
	key(w, "speaker");
	if (d->speaker)
		put_string(w, d->speaker, d->speaker_len);
	else
		jput(w, "null", 4);
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
		jput(&w, "true", 4);
	else
		jput(&w, "false", 5);
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
	if (out->len < out->cap)
		out->ptr[out->len] = '\0';   /* jput leaves it out */
	return ct_buf_oom(out) < 0 ? ct_error_set(CT_ENOMEM, "out of memory") : 0;
}
