/* cJSON_Print's bytes from our own writer (see print.h). The layout rules, as cJSON 1.7 writes
 * a formatted tree at depth d (the top item at 0):
 *   object: "{\n", each member on its own line after d+1 tabs as "key":<tab>value, members
 *           separated by ",\n", then "\n", d tabs and "}" (an empty object: "{\n", d tabs, "}");
 *   array:  "[" items separated by ", " "]" on one line, its items at depth d+1;
 *   string: only bytes below 0x20, '"' and '\\' escaped (\b \f \n \r \t, else \u00xx);
 *   number: see ct_json_print_number; true, false, null; a raw item as its text. */
#include "record/print.h"

#include <cjson/cJSON.h>
#include <string.h>

#include "util/jsonnum.h"

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

void ct_json_print_number(ct_buf *out, double d)
{
	char tmp[CT_JSON_NUMBER_MAX];
	put(out, tmp, ct_json_number_text(tmp, d));
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
