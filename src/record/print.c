/* cJSON_Print's bytes from our own writer (see print.h). The layout rules, as cJSON 1.7 writes
 * a formatted tree at depth d (the top item at 0):
 *   object: "{\n", each member on its own line after d+1 tabs as "key":<tab>value, members
 *           separated by ",\n", then "\n", d tabs and "}" (an empty object: "{\n", d tabs, "}");
 *   array:  "[" items separated by ", " "]" on one line, its items at depth d+1;
 *   string: only bytes below 0x20, '"' and '\\' escaped (\b \f \n \r \t, else \u00xx);
 *   number: see ct_json_print_number; true, false, null; a raw item as its text. */
#include "record/print.h"

#include <cjson/cJSON.h>
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Room for n more bytes at the end of b; NULL once out of memory. */
static inline char *room(ct_buf *b, size_t n)
{
	if (b->len + n + 1 > b->cap && ct_buf_grow(b, n) < 0)
		return NULL;
	return b->ptr + b->len;
}

static inline void put(ct_buf *b, const char *s, size_t n)
{
	char *o = room(b, n);
	if (!o)
		return;
	memcpy(o, s, n);
	b->len += n;
	b->ptr[b->len] = '\0';
}

static void tabs(ct_buf *b, size_t n)
{
	static const char t[] = "\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t";
	while (n > 0) {
		size_t k = n < sizeof(t) - 1 ? n : sizeof(t) - 1;
		put(b, t, k);
		n -= k;
	}
}

/* What "%d" prints for v. */
static void put_int(ct_buf *b, int v)
{
	char tmp[16], *e = tmp + sizeof(tmp), *q = e;
	unsigned u = v < 0 ? 0u - (unsigned)v : (unsigned)v;
	do {
		*--q = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (v < 0)
		*--q = '-';
	put(b, q, (size_t)(e - q));
}

/* What "%1.15g" prints for d when d is the double nearest a decimal m / 10^j with 1 <= j <= 6
 * and 1e-4 <= |d| < 1e9 (scores like 0.485): the digits of m with the point put in, no trailing
 * zero, no exponent; such a d reads back as itself, so cJSON's second try never applies. (Printed
 * to 15 significant digits, the double nearest m / 10^j, m below 10^15, rounds to the digits of
 * m: its error is under 2^-53 of it, far from half a unit of the 15th digit.) Returns 0, writing
 * nothing, for any other d. */
static int put_decimal(ct_buf *b, double d)
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
	put(b, q, (size_t)(e - q));
	return 1;
}

void ct_json_print_number(ct_buf *out, double d)
{
	char tmp[32];
	double back;
	int iv;
	if (isnan(d) || isinf(d)) {
		put(out, "null", 4);
		return;
	}
	/* an integral value in int range: what %1.15g prints is what %d prints (but for -0) */
	iv = d >= 2147483647.0 ? 2147483647 : d <= -2147483648.0 ? (-2147483647 - 1) : (int)d;
	if (d == (double)iv && !(iv == 0 && signbit(d))) {
		put_int(out, iv);
		return;
	}
	if (put_decimal(out, d))
		return;
	snprintf(tmp, sizeof(tmp), "%1.15g", d);
	/* cJSON reads it back with sscanf's %lg, which is strtod; equal within its own tolerance */
	back = strtod(tmp, NULL);
	if (!(fabs(back - d) <= (fabs(back) > fabs(d) ? fabs(back) : fabs(d)) * DBL_EPSILON))
		snprintf(tmp, sizeof(tmp), "%1.17g", d);
	put(out, tmp, strlen(tmp));
}

static const unsigned char escaped[256] = {
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	['"'] = 1, ['\\'] = 1,
};

void ct_json_print_string(ct_buf *out, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	put(out, "\"", 1);
	for (;;) {
		const unsigned char *run = p;
		char esc[6];
		while (!escaped[*p])
			p++;
		if (p > run)
			put(out, (const char *)run, (size_t)(p - run));
		if (!*p)
			break;
		esc[0] = '\\';
		switch (*p) {
		case '"': esc[1] = '"'; break;
		case '\\': esc[1] = '\\'; break;
		case '\b': esc[1] = 'b'; break;
		case '\f': esc[1] = 'f'; break;
		case '\n': esc[1] = 'n'; break;
		case '\r': esc[1] = 'r'; break;
		case '\t': esc[1] = 't'; break;
		default:
			memcpy(esc + 1, "u00", 3);
			esc[4] = hex[*p >> 4];
			esc[5] = hex[*p & 15];
			put(out, esc, 6);
			p++;
			continue;
		}
		put(out, esc, 2);
		p++;
	}
	put(out, "\"", 1);
}

/* Returns 0, or -1 for an item cJSON_Print fails on (an invalid type, a raw item without text). */
static int print_value(ct_buf *b, const cJSON *item, size_t depth)
{
	const cJSON *c;
	switch (item->type & 0xff) {
	case cJSON_NULL:
		put(b, "null", 4);
		return 0;
	case cJSON_False:
		put(b, "false", 5);
		return 0;
	case cJSON_True:
		put(b, "true", 4);
		return 0;
	case cJSON_Number:
		ct_json_print_number(b, item->valuedouble);
		return 0;
	case cJSON_Raw:
		if (!item->valuestring)
			return -1;
		put(b, item->valuestring, strlen(item->valuestring));
		return 0;
	case cJSON_String:
		ct_json_print_string(b, item->valuestring);
		return 0;
	case cJSON_Array:
		put(b, "[", 1);
		for (c = item->child; c; c = c->next) {
			if (print_value(b, c, depth + 1) < 0)
				return -1;
			if (c->next)
				put(b, ", ", 2);
		}
		put(b, "]", 1);
		return 0;
	case cJSON_Object:
		put(b, "{\n", 2);
		for (c = item->child; c; c = c->next) {
			tabs(b, depth + 1);
			ct_json_print_string(b, c->string);
			put(b, ":\t", 2);
			if (print_value(b, c, depth + 1) < 0)
				return -1;
			put(b, c->next ? ",\n" : "\n", c->next ? 2 : 1);
		}
		tabs(b, depth);
		put(b, "}", 1);
		return 0;
	default:
		return -1;   /* an invalid item */
	}
}

int ct_json_print(ct_buf *out, const cJSON *item, size_t depth)
{
	size_t start = out->len;
	if (!item)
		return -1;
	if (print_value(out, item, depth) < 0) {
		if (!out->oom)
			ct_buf_truncate(out, start);
		return -2;
	}
	return ct_buf_oom(out);
}
