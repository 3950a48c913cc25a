/* JSON Schema (draft 2020-12) validation for the subset our record schemas use: see schema.h.
 * Each call first checks the whole schema (and compiles its patterns once), then applies it. */
#include "record/schema.h"

#include "util/err.h"

#include <float.h>
#include <math.h>
#include <regex.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Subschema applications deep enough to mean a $ref cycle rather than a real record. */
#define MAX_DEPTH 64
/* Static nesting of the schema document itself. */
#define MAX_SCHEMA_DEPTH 256

/* ---- compiled patterns, one per pattern string of the schema, freed at the end of a call ---- */

typedef struct re_entry {
	const char *src;  /* borrowed from the schema tree, which outlives the cache */
	regex_t re;
} re_entry;

typedef struct re_cache {
	re_entry **v;  /* one allocation per entry: a compiled regex_t is never moved */
	size_t n, cap;
} re_cache;

static void re_cache_free(re_cache *c)
{
	size_t i;
	for (i = 0; i < c->n; i++) {
		regfree(&c->v[i]->re);
		free(c->v[i]);
	}
	free(c->v);
	c->v = NULL;
	c->n = c->cap = 0;
}

/* Characters that are operators in a POSIX ERE outside a bracket expression. */
static const char ere_special[] = ".[\\()*+?{|^$";

static void re_lit(ct_buf *out, char c)
{
	if (strchr(ere_special, c))
		ct_buf_putc(out, '\\');
	ct_buf_putc(out, c);
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Reads \uXXXX (p at the backslash) into *cp, joining a surrogate pair. Returns chars used or 0. */
static size_t read_u_escape(const char *p, unsigned long *cp)
{
	unsigned long v = 0, lo = 0;
	int i, h;
	for (i = 2; i < 6; i++) {
		if ((h = hexval(p[i])) < 0)
			return 0;
		v = v * 16 + (unsigned long)h;
	}
	if (v >= 0xD800 && v <= 0xDBFF && p[6] == '\\' && p[7] == 'u') {
		for (i = 8; i < 12; i++) {
			if ((h = hexval(p[i])) < 0)
				break;
			lo = lo * 16 + (unsigned long)h;
		}
		if (i == 12 && lo >= 0xDC00 && lo <= 0xDFFF) {
			*cp = 0x10000 + ((v - 0xD800) << 10) + (lo - 0xDC00);
			return 12;
		}
	}
	if (v >= 0xD800 && v <= 0xDFFF)
		return 0;
	*cp = v;
	return 6;
}

static void put_utf8(ct_buf *out, unsigned long cp)
{
	char b[4];
	size_t n;
	if (cp < 0x80) {
		b[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		b[0] = (char)(0xC0 | (cp >> 6));
		b[1] = (char)(0x80 | (cp & 0x3F));
		n = 2;
	} else if (cp < 0x10000) {
		b[0] = (char)(0xE0 | (cp >> 12));
		b[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		b[2] = (char)(0x80 | (cp & 0x3F));
		n = 3;
	} else {
		b[0] = (char)(0xF0 | (cp >> 18));
		b[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		b[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		b[3] = (char)(0x80 | (cp & 0x3F));
		n = 4;
	}
	ct_buf_put(out, b, n);
}

static int control_escape(char c)
{
	switch (c) {
	case 'n': return '\n';
	case 't': return '\t';
	case 'r': return '\r';
	case 'f': return '\f';
	case 'v': return '\v';
	default: return 0;
	}
}

static int re_unsupported(const char *src, const char *what)
{
	return ct_error_set(CT_EINPUT, "invalid schema: %s in pattern: '%s'", what, src);
}

/* One member of an ECMA bracket expression: a class (cls/clen) or a single byte (*ch). */
static int br_atom(const char **pp, const char *src, int *ch, const char **cls, size_t *clen)
{
	const char *p = *pp;
	unsigned long cp;
	size_t used;
	*cls = NULL;
	if (p[0] == '[' && p[1] == ':') {
		const char *end = strstr(p + 2, ":]");
		if (!end)
			return re_unsupported(src, "unterminated character class name");
		*cls = p;
		*clen = (size_t)(end + 2 - p);
		*pp = end + 2;
		return 0;
	}
	if ((unsigned char)p[0] >= 0x80)
		return re_unsupported(src, "non-ASCII character in a bracket expression");
	if (p[0] != '\\') {
		*ch = (unsigned char)p[0];
		*pp = p + 1;
		return 0;
	}
	switch (p[1]) {
	case 'd': *cls = "0-9"; *clen = 3; break;
	case 's': *cls = "[:space:]"; *clen = 9; break;
	case 'w': *cls = "[:alnum:]_"; *clen = 10; break;
	case 'u':
		if (!(used = read_u_escape(p, &cp)) || cp >= 0x80)
			return re_unsupported(src, "non-ASCII \\u escape in a bracket expression");
		*ch = (int)cp;
		*pp = p + used;
		return 0;
	default:
		if (control_escape(p[1])) {
			*ch = control_escape(p[1]);
		} else if (p[1] && (unsigned char)p[1] < 0x80 && !(p[1] >= '0' && p[1] <= '9') &&
			   !(p[1] >= 'a' && p[1] <= 'z') && !(p[1] >= 'A' && p[1] <= 'Z')) {
			*ch = (unsigned char)p[1];
		} else {
			return re_unsupported(src, "unsupported escape in a bracket expression");
		}
		break;
	}
	*pp = p + 2;
	return 0;
}

/* Translates an ECMA bracket expression at *pp into a POSIX one, placing ']' first and '[',
 * '^', '-' last where POSIX reads them literally (backslash is not an escape inside POSIX brackets). */
static int re_bracket(ct_buf *out, const char **pp, const char *src)
{
	ct_buf items = CT_BUF_INIT;
	const char *p = *pp + 1, *cls, *cls2;
	size_t clen, clen2;
	int neg = 0, rb = 0, lb = 0, caret = 0, dash = 0, lo = 0, hi = 0, rc = 0;

	if (*p == '^') {
		neg = 1;
		p++;
	}
	if (*p == ']') {
		rc = re_unsupported(src, "empty character class");
		goto cleanup;
	}
	while (*p && *p != ']') {
		if ((rc = br_atom(&p, src, &lo, &cls, &clen)) < 0)
			goto cleanup;
		if (cls) {
			ct_buf_put(&items, cls, clen);
			continue;
		}
		if (p[0] == '-' && p[1] && p[1] != ']') {
			p++;
			if ((rc = br_atom(&p, src, &hi, &cls2, &clen2)) < 0)
				goto cleanup;
			if (cls2 || hi < lo || strchr("[]^-", lo) || strchr("[]^-", hi)) {
				rc = re_unsupported(src, "unsupported range in a bracket expression");
				goto cleanup;
			}
			ct_buf_putc(&items, (char)lo);
			ct_buf_putc(&items, '-');
			ct_buf_putc(&items, (char)hi);
			continue;
		}
		switch (lo) {
		case ']': rb = 1; break;
		case '[': lb = 1; break;
		case '^': caret = 1; break;
		case '-': dash = 1; break;
		default: ct_buf_putc(&items, (char)lo); break;
		}
	}
	if (!*p) {
		rc = re_unsupported(src, "unterminated bracket expression");
		goto cleanup;
	}
	*pp = p + 1;
	if (!neg && caret && !rb && !lb && !dash && items.len == 0) {
		ct_buf_puts(out, "\\^");
		goto cleanup;
	}
	ct_buf_putc(out, '[');
	if (neg)
		ct_buf_putc(out, '^');
	if (rb)
		ct_buf_putc(out, ']');
	ct_buf_put(out, items.ptr, items.len);
	if (lb)
		ct_buf_putc(out, '[');
	if (caret)
		ct_buf_putc(out, '^');
	if (dash)
		ct_buf_putc(out, '-');
	ct_buf_putc(out, ']');
cleanup:
	ct_buf_release(&items);
	return rc;
}

/* Is p at a complete ECMA quantifier {n}, {n,} or {n,m}? Returns its length or 0. */
static size_t brace_quantifier(const char *p)
{
	const char *q = p + 1;
	if (*q < '0' || *q > '9')
		return 0;
	while (*q >= '0' && *q <= '9')
		q++;
	if (*q == ',') {
		q++;
		while (*q >= '0' && *q <= '9')
			q++;
	}
	return *q == '}' ? (size_t)(q + 1 - p) : 0;
}

/* Translates an ECMA-262 pattern (as written for POSIX) into a POSIX extended regex. */
static int re_translate(ct_buf *out, const char *src)
{
	const char *p = src;
	int after_quant = 0, quant, rc;
	unsigned long cp;
	size_t n;

	while (*p) {
		quant = 0;
		if (*p == '\\') {
			switch (p[1]) {
			case 'd': ct_buf_puts(out, "[0-9]"); break;
			case 'D': ct_buf_puts(out, "[^0-9]"); break;
			case 's': ct_buf_puts(out, "[[:space:]]"); break;
			case 'S': ct_buf_puts(out, "[^[:space:]]"); break;
			case 'w': ct_buf_puts(out, "[[:alnum:]_]"); break;
			case 'W': ct_buf_puts(out, "[^[:alnum:]_]"); break;
			case 'u':
				if (!(n = read_u_escape(p, &cp)) || cp == 0)
					return re_unsupported(src, "invalid \\u escape");
				if (cp < 0x80) {
					re_lit(out, (char)cp);
				} else {
					ct_buf_putc(out, '(');
					put_utf8(out, cp);
					ct_buf_putc(out, ')');
				}
				p += n;
				after_quant = 0;
				continue;
			default:
				if (control_escape(p[1]))
					ct_buf_putc(out, (char)control_escape(p[1]));
				else if (p[1] && (unsigned char)p[1] < 0x80 && !(p[1] >= '0' && p[1] <= '9') &&
					 !(p[1] >= 'a' && p[1] <= 'z') && !(p[1] >= 'A' && p[1] <= 'Z'))
					re_lit(out, p[1]);
				else if (!p[1])
					return re_unsupported(src, "trailing backslash");
				else
					return re_unsupported(src, "unsupported escape (\\b, backreference or similar)");
				break;
			}
			p += 2;
		} else if (*p == '[') {
			if ((rc = re_bracket(out, &p, src)) < 0)
				return rc;
		} else if (*p == '(') {
			if (p[1] == '?') {
				if (p[2] != ':')
					return re_unsupported(src, "lookaround or named group");
				p += 2;
			}
			ct_buf_putc(out, '(');
			p++;
		} else if (*p == '*' || *p == '+' || *p == '?') {
			if (after_quant && *p == '?')
				return re_unsupported(src, "lazy quantifier");
			ct_buf_putc(out, *p++);
			quant = 1;
		} else if (*p == '{') {
			if ((n = brace_quantifier(p))) {
				ct_buf_put(out, p, n);
				p += n;
				quant = 1;
			} else {
				ct_buf_puts(out, "\\{");
				p++;
			}
		} else if ((unsigned char)*p >= 0xC0) {
			/* keep a multibyte character whole, so a quantifier after it applies to all of it */
			n = 1;
			while (((unsigned char)p[n] & 0xC0) == 0x80)
				n++;
			ct_buf_putc(out, '(');
			ct_buf_put(out, p, n);
			ct_buf_putc(out, ')');
			p += n;
		} else {
			ct_buf_putc(out, *p++);
		}
		after_quant = quant;
	}
	return ct_buf_oom(out) ? ct_error_set(CT_ENOMEM, "out of memory") : 0;
}

/* Finds or compiles the pattern src (a string owned by the schema tree). */
static int re_get(re_cache *c, const char *src, regex_t **out)
{
	ct_buf ere = CT_BUF_INIT;
	re_entry **v, *e = NULL;
	size_t i;
	int rc = 0, err;
	char msg[128];

	for (i = 0; i < c->n; i++) {
		if (c->v[i]->src == src) {
			*out = &c->v[i]->re;
			return 0;
		}
	}
	if (c->n == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 8;
		if (!(v = realloc(c->v, cap * sizeof(*v)))) {
			rc = ct_error_set(CT_ENOMEM, "out of memory");
			goto cleanup;
		}
		c->v = v;
		c->cap = cap;
	}
	if (!(e = malloc(sizeof(*e)))) {
		rc = ct_error_set(CT_ENOMEM, "out of memory");
		goto cleanup;
	}
	if ((rc = re_translate(&ere, src)) < 0)
		goto cleanup;
	if ((err = regcomp(&e->re, ere.ptr, REG_EXTENDED | REG_NOSUB)) != 0) {
		regerror(err, NULL, msg, sizeof(msg));
		rc = ct_error_set(err == REG_ESPACE ? CT_ENOMEM : CT_EINPUT,
				  "invalid schema: pattern does not compile (%s): '%s'", msg, src);
		goto cleanup;
	}
	e->src = src;
	c->v[c->n++] = e;
	*out = &e->re;
	e = NULL;
cleanup:
	free(e);
	ct_buf_release(&ere);
	return rc;
}

/* ---- small helpers over JSON values ---- */

enum {
	T_NULL = 1, T_BOOLEAN = 2, T_OBJECT = 4, T_ARRAY = 8, T_NUMBER = 16, T_STRING = 32, T_INTEGER = 64
};

static const struct type_name {
	const char *name;
	unsigned bit;
} type_names[] = {
	{ "null", T_NULL }, { "boolean", T_BOOLEAN }, { "object", T_OBJECT }, { "array", T_ARRAY },
	{ "number", T_NUMBER }, { "string", T_STRING }, { "integer", T_INTEGER },
};

static unsigned type_bit(const char *name)
{
	size_t i;
	for (i = 0; i < sizeof(type_names) / sizeof(type_names[0]); i++)
		if (strcmp(type_names[i].name, name) == 0)
			return type_names[i].bit;
	return 0;
}

static int is_integral(double d)
{
	return isfinite(d) && d == floor(d);
}

static unsigned type_of(const cJSON *v)
{
	if (cJSON_IsNull(v))
		return T_NULL;
	if (cJSON_IsBool(v))
		return T_BOOLEAN;
	if (cJSON_IsObject(v))
		return T_OBJECT;
	if (cJSON_IsArray(v))
		return T_ARRAY;
	if (cJSON_IsString(v))
		return T_STRING;
	if (cJSON_IsNumber(v))
		return T_NUMBER | (is_integral(v->valuedouble) ? T_INTEGER : 0);
	return 0;
}

static const char *type_str(const cJSON *v)
{
	unsigned t = type_of(v) & ~(unsigned)T_INTEGER;
	size_t i;
	for (i = 0; i < sizeof(type_names) / sizeof(type_names[0]); i++)
		if (type_names[i].bit == t)
			return type_names[i].name;
	return "unknown";
}

/* JSON equality: numbers by value (1 == 1.0), objects regardless of member order. */
static int json_equal(const cJSON *a, const cJSON *b)
{
	const cJSON *x, *y;
	unsigned ta = type_of(a) & ~(unsigned)T_INTEGER, tb = type_of(b) & ~(unsigned)T_INTEGER;
	if (ta != tb)
		return 0;
	switch (ta) {
	case T_NULL: return 1;
	case T_BOOLEAN: return cJSON_IsTrue(a) == cJSON_IsTrue(b);
	case T_NUMBER: return a->valuedouble == b->valuedouble;
	case T_STRING: return strcmp(a->valuestring, b->valuestring) == 0;
	case T_ARRAY:
		for (x = a->child, y = b->child; x && y; x = x->next, y = y->next)
			if (!json_equal(x, y))
				return 0;
		return !x && !y;
	case T_OBJECT:
		if (cJSON_GetArraySize(a) != cJSON_GetArraySize(b))
			return 0;
		for (x = a->child; x; x = x->next) {
			y = cJSON_GetObjectItemCaseSensitive(b, x->string);
			if (!y || !json_equal(x, y))
				return 0;
		}
		return 1;
	default:
		return 0;
	}
}

static size_t utf8_length(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return n;
}

/* Copies s into out (cap bytes) for a message: control characters as \xNN, long text cut with "...". */
static const char *show(char *out, size_t cap, const char *s)
{
	size_t o = 0;
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (o + 8 >= cap) {
			memcpy(out + o, "...", 4);
			return out;
		}
		if (c < 0x20 || c == 0x7f)
			o += (size_t)snprintf(out + o, cap - o, "\\x%02x", c);
		else
			out[o++] = (char)c;
	}
	out[o] = '\0';
	return out;
}

/* Shortest %g form that reads back as the same double. */
static const char *show_num(char *out, size_t cap, double d)
{
	snprintf(out, cap, "%.15g", d);
	if (strtod(out, NULL) != d)
		snprintf(out, cap, "%.17g", d);
	return out;
}

/* Resolves a local reference ("#" or "#/json/pointer", percent- and ~-escaped) in root. */
static int ref_resolve(const cJSON *root, const char *ref, const cJSON **out)
{
	ct_buf seg = CT_BUF_INIT;
	const cJSON *cur = root;
	const char *p;
	int rc = 0, h1, h2;

	if (ref[0] != '#' || (ref[1] && ref[1] != '/')) {
		rc = ct_error_set(CT_EINPUT, "invalid schema: unsupported $ref (only local \"#/...\" references): '%s'", ref);
		goto cleanup;
	}
	p = ref + 1;
	while (*p == '/') {
		ct_buf_clear(&seg);
		for (p++; *p && *p != '/'; p++) {
			if (*p == '~' && (p[1] == '0' || p[1] == '1')) {
				ct_buf_putc(&seg, p[1] == '0' ? '~' : '/');
				p++;
			} else if (*p == '%' && (h1 = hexval(p[1])) >= 0 && (h2 = hexval(p[2])) >= 0) {
				ct_buf_putc(&seg, (char)(h1 * 16 + h2));
				p += 2;
			} else {
				ct_buf_putc(&seg, *p);
			}
		}
		if (ct_buf_oom(&seg)) {
			rc = ct_error_set(CT_ENOMEM, "out of memory");
			goto cleanup;
		}
		if (cJSON_IsObject(cur)) {
			cur = cJSON_GetObjectItemCaseSensitive(cur, seg.ptr);
		} else if (cJSON_IsArray(cur) && seg.len > 0 && seg.len < 10 &&
			   strspn(seg.ptr, "0123456789") == seg.len) {
			cur = cJSON_GetArrayItem(cur, (int)strtol(seg.ptr, NULL, 10));
		} else {
			cur = NULL;
		}
		if (!cur)
			break;
	}
	if (!cur || !(cJSON_IsObject(cur) || cJSON_IsBool(cur))) {
		rc = ct_error_set(CT_EINPUT, "invalid schema: $ref does not point at a schema: '%s'", ref);
		goto cleanup;
	}
	*out = cur;
cleanup:
	ct_buf_release(&seg);
	return rc;
}

/* ---- formats ---- */

static int digits(const char *s, int n, int *out)
{
	int i, v = 0;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 1;
}

static int days_in_month(int y, int m)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return m == 2 && leap ? 29 : days[m - 1];
}

/* RFC 3339 full-date at s (exactly 10 characters used). */
static int full_date(const char *s)
{
	int y, m, d;
	return digits(s, 4, &y) && s[4] == '-' && digits(s + 5, 2, &m) && s[7] == '-' &&
	       digits(s + 8, 2, &d) && m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(y, m);
}

static int fmt_date(const char *s)
{
	return strlen(s) == 10 && full_date(s);
}

static int fmt_date_time(const char *s)
{
	int h, mi, sec, oh = 0, om = 0, sign = 0, utc;
	const char *p;
	if (strlen(s) < 20 || !full_date(s) || (s[10] != 'T' && s[10] != 't'))
		return 0;
	p = s + 11;
	if (!digits(p, 2, &h) || p[2] != ':' || !digits(p + 3, 2, &mi) || p[5] != ':' ||
	    !digits(p + 6, 2, &sec) || h > 23 || mi > 59 || sec > 60)
		return 0;
	p += 8;
	if (*p == '.') {
		if (p[1] < '0' || p[1] > '9')
			return 0;
		for (p++; *p >= '0' && *p <= '9'; p++)
			;
	}
	if (*p == 'Z' || *p == 'z') {
		p++;
	} else if (*p == '+' || *p == '-') {
		sign = *p == '+' ? 1 : -1;
		if (!digits(p + 1, 2, &oh) || p[3] != ':' || !digits(p + 4, 2, &om) || oh > 23 || om > 59)
			return 0;
		p += 6;
	} else {
		return 0;
	}
	if (*p)
		return 0;
	/* a leap second can only be the last second of a UTC day */
	utc = ((h * 60 + mi - sign * (oh * 60 + om)) % 1440 + 1440) % 1440;
	return sec < 60 || utc == 23 * 60 + 59;
}

static int is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* A scheme and ':', and no whitespace or control characters anywhere (they are never in a URI). */
static int fmt_uri(const char *s)
{
	const char *p = s;
	if (!is_alpha(*p))
		return 0;
	for (p++; is_alpha(*p) || is_digit(*p) || *p == '+' || *p == '-' || *p == '.'; p++)
		;
	if (*p != ':')
		return 0;
	for (p = s; *p; p++)
		if ((unsigned char)*p <= 0x20 || *p == 0x7f)
			return 0;
	return 1;
}

/* Basic: local@domain, one '@', dot-separated non-empty parts, no whitespace or controls. */
static int fmt_email(const char *s)
{
	const char *at = strchr(s, '@'), *p;
	if (!at || at == s || strchr(at + 1, '@') || !at[1])
		return 0;
	for (p = s; *p; p++)
		if ((unsigned char)*p <= 0x20 || *p == 0x7f)
			return 0;
	if (s[0] == '.' || at[-1] == '.' || at[1] == '.' || p[-1] == '.' || strstr(s, ".."))
		return 0;
	for (p = at + 1; *p; p++)
		if (!is_alpha(*p) && !is_digit(*p) && *p != '-' && *p != '.')
			return 0;
	return 1;
}

static const struct format {
	const char *name;
	int (*ok)(const char *s);
} formats[] = {
	{ "date", fmt_date },
	{ "date-time", fmt_date_time },
	{ "uri", fmt_uri },
	{ "email", fmt_email },
};

/* ---- validation ---- */

typedef struct vstate {
	const cJSON *root;
	re_cache *res;
	ct_buf *path;  /* JSON pointer of the current instance location */
	ct_buf *errs;  /* NULL: count only */
	int silent;    /* a sub-check of anyOf, not, if...: only pass or fail matters */
	int count;
	int lines;
} vstate;

static int v_apply(vstate *st, const cJSON *schema, const cJSON *inst, int depth);

static void v_fail(vstate *st, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void v_fail(vstate *st, const char *fmt, ...)
{
	va_list ap;
	char where[512];
	st->count++;
	if (st->silent || !st->errs || st->lines >= CT_SCHEMA_MAX_LINES)
		return;
	st->lines++;
	ct_buf_puts(st->errs, st->path->len ? show(where, sizeof(where), st->path->ptr) : "/");
	ct_buf_puts(st->errs, ": ");
	va_start(ap, fmt);
	ct_buf_vprintf(st->errs, fmt, ap);
	va_end(ap);
	ct_buf_putc(st->errs, '\n');
}

static size_t path_push_key(ct_buf *path, const char *key)
{
	size_t mark = path->len;
	ct_buf_putc(path, '/');
	for (; *key; key++) {
		if (*key == '~')
			ct_buf_puts(path, "~0");
		else if (*key == '/')
			ct_buf_puts(path, "~1");
		else
			ct_buf_putc(path, *key);
	}
	return mark;
}

static size_t path_push_index(ct_buf *path, int i)
{
	size_t mark = path->len;
	ct_buf_printf(path, "/%d", i);
	return mark;
}

/* Applies schema to inst at the child location key (an object member). */
static int v_member(vstate *st, const cJSON *schema, const cJSON *inst, const char *key, int depth)
{
	size_t mark = path_push_key(st->path, key);
	int rc = v_apply(st, schema, inst, depth + 1);
	ct_buf_truncate(st->path, mark);
	return rc;
}

static int v_item(vstate *st, const cJSON *schema, const cJSON *inst, int i, int depth)
{
	size_t mark = path_push_index(st->path, i);
	int rc = v_apply(st, schema, inst, depth + 1);
	ct_buf_truncate(st->path, mark);
	return rc;
}

/* Does inst pass schema? Nothing is reported. */
static int v_test(vstate *st, const cJSON *schema, const cJSON *inst, int depth, int *ok)
{
	vstate sub = *st;
	int rc;
	sub.silent = 1;
	sub.count = 0;
	rc = v_apply(&sub, schema, inst, depth + 1);
	*ok = sub.count == 0;
	return rc;
}

/* Prints value compactly into out for a message, or "" when it would be long. */
static const char *show_json(char *out, size_t cap, const cJSON *value)
{
	char *text = cJSON_PrintUnformatted(value);
	out[0] = '\0';
	if (text && strlen(text) < cap - 8)
		show(out, cap, text);
	cJSON_free(text);
	return out;
}

static int kw_type(vstate *st, const cJSON *kw, const cJSON *schema, const cJSON *inst, int depth)
{
	ct_buf want = CT_BUF_INIT;
	const cJSON *t;
	unsigned mask = 0;
	(void)schema;
	(void)depth;
	if (cJSON_IsString(kw)) {
		mask = type_bit(kw->valuestring);
		ct_buf_puts(&want, kw->valuestring);
	} else {
		cJSON_ArrayForEach(t, kw) {
			mask |= type_bit(t->valuestring);
			if (want.len)
				ct_buf_puts(&want, " or ");
			ct_buf_puts(&want, t->valuestring);
		}
	}
	if (!(type_of(inst) & mask))
		v_fail(st, "expected %s, got %s", want.ptr, type_str(inst));
	if (ct_buf_oom(&want)) {
		ct_buf_release(&want);
		return ct_error_set(CT_ENOMEM, "out of memory");
	}
	ct_buf_release(&want);
	return 0;
}

static int kw_enum(vstate *st, const cJSON *kw, const cJSON *schema, const cJSON *inst, int depth)
{
	const cJSON *e;
	char text[160];
	(void)schema;
	(void)depth;
	cJSON_ArrayForEach(e, kw)
		if (json_equal(e, inst))
			return 0;
	show_json(text, sizeof(text), kw);
	v_fail(st, "value is not one of the allowed values%s%s", text[0] ? " " : "", text);
	return 0;
}

static int kw_const(vstate *st, const cJSON *kw, const cJSON *schema, const cJSON *inst, int depth)
{
	char text[160];
	(void)schema;
	(void)depth;
	if (!json_equal(kw, inst)) {
		show_json(text, sizeof(text), kw);
		v_fail(st, "value must be %s", text[0] ? text : "the constant of the schema");
	}
	return 0;
}

static int kw_ref(vstate *st, const cJSON *kw, const cJSON *schema, const cJSON *inst, int depth)
{
	const cJSON *target = NULL;
	int rc;
	(void)schema;
	if ((rc = ref_resolve(st->root, kw->valuestring, &target)) < 0)
		return rc;
	return v_apply(st, target, inst, depth + 1);
}

static int kw_required(vstate *st, const cJSON *kw, const cJSON *schema, const cJSON *inst, int depth)
{
	const cJSON *name;
	char text[96];
	(void)schema;
	(void)depth;
	if (!cJSON_IsObject(inst))
		return 0;
	cJSON_ArrayForEach(name, kw)
		if (!cJSON_GetObjectItemCaseSensitive(inst, name->valuestring))
			v_fail(st, "missing required property '%s'", show(text, sizeof(text), name->valuestring));
	return 0;
}

static int kw_properties(vstate *st, const cJSON *kw, const cJSON *schema, const cJSON *inst, int depth)
{
	const cJSON *prop, *value;
	int rc;
	(void)schema;
	if (!cJSON_IsObject(inst))
		return 0;
	cJSON_ArrayForEach(prop, kw) {
		value = cJSON_GetObjectItemCaseSensitive(inst, prop->string);
		if (value && (rc = v_member(st, prop, value, prop->string, depth)) < 0)
			return rc;
	}
	return 0;
}

static int pattern_matches(vstate *st, const char *pattern, const char *s, int *match)
{
	regex_t *re = NULL;
	int rc = re_get(st->res, pattern, &re);
	if (rc < 0)
		return rc;
	rc = regexec(re, s, 0, NULL, 0);
	if (rc != 0 && rc != REG_NOMATCH)
		return ct_error_set(CT_ENOMEM, "regex match failed: '%s'", pattern);
	*match = rc == 0;
	return 0;
}

static int kw_pattern_properties(vstate *st, const cJSON *kw, const cJSON *schema, const cJSON *inst, int depth)
{
	const cJSON *member, *pp;
	int rc, match = 0;
	(void)schema;
	if (!cJSON_IsObject(inst))
		return 0;
	cJSON_ArrayForEach(member, inst) {
		cJSON_ArrayForEach(pp, kw) {
			if ((rc = pattern_matches(st, pp->string, member->string, &match)) < 0)
				return rc;
			if (match && (rc = v_member(st, pp, member, member->string, depth)) < 0)
				return rc;
		}
	}
	return 0;
}

static int kw_additional_properties(vstate *st, const cJSON *kw, const cJSON *schema, const cJSON *inst, int depth)
{
	const cJSON *props = cJSON_GetObjectItemCaseSensitive(schema, "properties");
	const cJSON *pats = cJSON_GetObjectItemCaseSensitive(schema, "patternProperties");
	const cJSON *member, *pp;
	int rc, match;
	char text[96];
	if (!cJSON_IsObject(inst))
		return 0;
	cJSON_ArrayForEach(member, inst) {
		if (props && cJSON_GetObjectItemCaseSensitive(props, member->string))
			continue;
		match = 0;
		if (pats) {
			cJSON_ArrayForEach(pp, pats) {
				if ((rc = pattern_matches(st, pp->string, member->string, &match)) < 0)
					return rc;
				if (match)
					break;
			}
		}
		if (match)
			continue;
		if (cJSON_IsFalse(kw))
			v_fail(st, "additional property '%s' is not allowed", show(text, sizeof(text), member->string));
		else if ((rc = v_member(st, kw, member, member->string, depth)) < 0)
			return rc;
	}
	return 0;
}

static int kw_property_names(vstate *st, const cJSON *kw, const cJSON *schema, const cJSON *inst, int depth)
{
	const cJSON *member;
	cJSON name;
	int rc, ok;
	char text[96];
	(void)schema;
	if (!cJSON_IsObject(inst))
		return 0;
	cJSON_ArrayForEach(member, inst) {
		memset(&name, 0, sizeof(name));
		name.type = cJSON_String;
		name.valuestring = member->string;
		if ((rc = v_test(st, kw, &name, depth, &ok)) < 0)
			return rc;
		if (!ok)
			v_fail(st, "property name '%s' is not allowed by propertyNames",
			       show(text, sizeof(text), member->string));
	}
	return 0;
}

/* Reports count against the bound kw (minItems, maxLength...): what names the counted things. */
static void check_bound(vstate *st, const cJSON *kw, int at_least, double count, const char *what)
{
	char a[40], b[40];
	if (at_least ? count < kw->valuedouble : count > kw->valuedouble)
		v_fail(st, "expected at %s %s %s, got %s", at_least ? "least" : "most",
		       show_num(a, sizeof(a), kw->valuedouble), what, show_num(b, sizeof(b), count));
}

static int kw_min_properties(vstate *st, const cJSON *kw, const cJSON *schema, const cJSON *inst, int depth)
{
	(void)schema;
	(void)depth;
	if (cJSON_IsObject(inst))
		check_bound(st, kw, 1, cJSON_GetArraySize(inst), "properties");
	return 0;
}

static int kw_max_properties(vstate *st, const cJSON *kw, const cJSON *schema, const cJSON *inst, int depth)
{
	(void)schema;
	(void)depth;
	if (cJSON_IsObject(inst))
		check_bound(st, kw, 0, cJSON_GetArraySize(inst), "properties");
	return 0;
}

static int kw_prefix_items(vstate *st, const cJSON *kw, const cJSON *schema, const cJSON *inst, int depth)
{
	const cJSON *sub, *item;
	int i = 0, rc;
	(void)schema;
	if (!cJSON_IsArray(inst))
		return 0;
	for (sub = kw->child, item = inst->child; sub && item; sub = sub->next, item = item->next, i++)
		if ((rc = v_item(st, sub, item, i, depth)) < 0)
			return rc;
	return 0;
}

static int kw_items(vstate *st, const cJSON *kw, const cJSON *schema, const cJSON *inst, int depth)
{
	const cJSON *prefix = cJSON_GetObjectItemCaseSensitive(schema, "prefixItems");
	const cJSON *item;
	int start = prefix ? cJSON_GetArraySize(prefix) : 0, n, i = 0, rc;
	if (!cJSON_IsArray(inst))
		return 0;
	n = cJSON_GetArraySize(inst);
	if (cJSON_IsFalse(kw)) {
		if (n > start)
			v_fail(st, "expected at most %d items, got %d", start, n);
		return 0;
	}
	cJSON_ArrayForEach(item, inst) {
		if (i >= start && (rc = v_item(st, kw, item, i, depth)) < 0)
			return rc;
		i++;
	}
	return 0;
}

static int kw_contains(vstate *st, const cJSON *kw, const cJSON *schema, const cJSON *inst, int depth)
{
	const cJSON *minc = cJSON_GetObjectItemCaseSensitive(schema, "minContains");
	const cJSON *maxc = cJSON_GetObjectItemCaseSensitive(schema, "maxContains");
	const cJSON *item;
	double lo = minc ? minc->valuedouble : 1;
	int matches = 0, ok, rc;
	char a[40];
	if (!cJSON_IsArray(inst))
		return 0;
	cJSON_ArrayForEach(item, inst) {
		if ((rc = v_test(st, kw, item, depth, &ok)) < 0)
			return rc;
		matches += ok;
	}
	if (matches < lo) {
		if (lo == 1)
			v_fail(st, "no item matches the 'contains' schema");
		else
			v_fail(st, "expected at least %s items matching 'contains', got %d",
			       show_num(a, sizeof(a), lo), matches);
	}
	if (maxc && matches > maxc->valuedouble)
		v_fail(st, "expected at most %s items matching 'contains', got %d",
		       show_num(a, sizeof(a), maxc->valuedouble), matches);
	return 0;
}

static int kw_min_items(vstate *st, const cJSON *kw, const cJSON *schema, const cJSON *inst, int depth)
{
	(void)schema;
	(void)depth;
	if (cJSON_IsArray(inst))
		check_bound(st, kw, 1, cJSON_GetArraySize(inst), "items");
	return 0;
}

static int kw_max_items(vstate *st, const cJSON *kw, const cJSON *schema, const cJSON *inst, int depth)
{
	(void)schema;
	(void)depth;
	if (cJSON_IsArray(inst))
		check_bound(st, kw, 0, cJSON_GetArraySize(inst), "items");
	return 0;
}

static int kw_unique_items(vstate *st, const cJSON *kw, const cJSON *schema, const cJSON *inst, int depth)
{
	const cJSON *a, *b;
	int i = 0, j;
	(void)schema;
	(void)depth;
	if (!cJSON_IsTrue(kw) || !cJSON_IsArray(inst))
		return 0;
	for (a = inst->child; a; a = a->next, i++) {
		for (b = a->next, j = i + 1; b; b = b->next, j++) {
			if (json_equal(a, b)) {
				v_fail(st, "items %d and %d are equal, items must be unique", i, j);
				return 0;
			}
		}
	}
	return 0;
}

static int kw_min_length(vstate *st, const cJSON *kw, const cJSON *schema, const cJSON *inst, int depth)
{
	(void)schema;
	(void)depth;
	if (cJSON_IsString(inst))
		check_bound(st, kw, 1, (double)utf8_length(inst->valuestring), "characters");
	return 0;
}

static int kw_max_length(vstate *st, const cJSON *kw, const cJSON *schema, const cJSON *inst, int depth)
{
	(void)schema;
	(void)depth;
	if (cJSON_IsString(inst))
		check_bound(st, kw, 0, (double)utf8_length(inst->valuestring), "characters");
	return 0;
}

static int kw_pattern(vstate *st, const cJSON *kw, const cJSON *schema, const cJSON *inst, int depth)
{
	char a[96], b[96];
	int rc, match = 0;
	(void)schema;
	(void)depth;
	if (!cJSON_IsString(inst))
		return 0;
	if ((rc = pattern_matches(st, kw->valuestring, inst->valuestring, &match)) < 0)
		return rc;
	if (!match)
		v_fail(st, "'%s' does not match pattern '%s'", show(a, sizeof(a), inst->valuestring),
		       show(b, sizeof(b), kw->valuestring));
	return 0;
}

static int kw_format(vstate *st, const cJSON *kw, const cJSON *schema, const cJSON *inst, int depth)
{
	size_t i;
	char a[96];
	(void)schema;
	(void)depth;
	if (!cJSON_IsString(inst))
		return 0;
	for (i = 0; i < sizeof(formats) / sizeof(formats[0]); i++) {
		if (strcmp(formats[i].name, kw->valuestring) == 0) {
			if (!formats[i].ok(inst->valuestring))
				v_fail(st, "'%s' is not a valid %s", show(a, sizeof(a), inst->valuestring),
				       formats[i].name);
			break;
		}
	}
	return 0;
}

/* op: 0 minimum, 1 maximum, 2 exclusiveMinimum, 3 exclusiveMaximum */
static void check_limit(vstate *st, const cJSON *kw, const cJSON *inst, int op)
{
	static const char *const ops[] = { ">=", "<=", ">", "<" };
	double x, lim = kw->valuedouble;
	int ok;
	char a[40], b[40];
	if (!cJSON_IsNumber(inst))
		return;
	x = inst->valuedouble;
	switch (op) {
	case 0: ok = x >= lim; break;
	case 1: ok = x <= lim; break;
	case 2: ok = x > lim; break;
	default: ok = x < lim; break;
	}
	if (!ok)
		v_fail(st, "expected a number %s %s, got %s", ops[op], show_num(a, sizeof(a), lim),
		       show_num(b, sizeof(b), x));
}

static int kw_minimum(vstate *st, const cJSON *kw, const cJSON *schema, const cJSON *inst, int depth)
{
	(void)schema;
	(void)depth;
	check_limit(st, kw, inst, 0);
	return 0;
}

static int kw_maximum(vstate *st, const cJSON *kw, const cJSON *schema, const cJSON *inst, int depth)
{
	(void)schema;
	(void)depth;
	check_limit(st, kw, inst, 1);
	return 0;
}

static int kw_exclusive_minimum(vstate *st, const cJSON *kw, const cJSON *schema, const cJSON *inst, int depth)
{
	(void)schema;
	(void)depth;
	check_limit(st, kw, inst, 2);
	return 0;
}

static int kw_exclusive_maximum(vstate *st, const cJSON *kw, const cJSON *schema, const cJSON *inst, int depth)
{
	(void)schema;
	(void)depth;
	check_limit(st, kw, inst, 3);
	return 0;
}

/* Exact for integers; otherwise allows a few ulps of the quotient, so 0.3 is a multiple of 0.1. */
static int is_multiple(double x, double m)
{
	double q, r;
	if (is_integral(x) && is_integral(m) && fabs(x) < 9007199254740992.0 && fabs(m) < 9007199254740992.0)
		return fmod(x, m) == 0;
	q = x / m;
	if (!isfinite(q))
		return 0;
	r = round(q);
	return fabs(q - r) <= 8 * DBL_EPSILON * fmax(1.0, fabs(q));
}

static int kw_multiple_of(vstate *st, const cJSON *kw, const cJSON *schema, const cJSON *inst, int depth)
{
	char a[40], b[40];
	(void)schema;
	(void)depth;
	if (cJSON_IsNumber(inst) && !is_multiple(inst->valuedouble, kw->valuedouble))
		v_fail(st, "expected a multiple of %s, got %s", show_num(a, sizeof(a), kw->valuedouble),
		       show_num(b, sizeof(b), inst->valuedouble));
	return 0;
}

static int kw_all_of(vstate *st, const cJSON *kw, const cJSON *schema, const cJSON *inst, int depth)
{
	const cJSON *sub;
	int rc;
	(void)schema;
	cJSON_ArrayForEach(sub, kw)
		if ((rc = v_apply(st, sub, inst, depth + 1)) < 0)
			return rc;
	return 0;
}

static int kw_any_of(vstate *st, const cJSON *kw, const cJSON *schema, const cJSON *inst, int depth)
{
	const cJSON *sub;
	int rc, ok;
	(void)schema;
	cJSON_ArrayForEach(sub, kw) {
		if ((rc = v_test(st, sub, inst, depth, &ok)) < 0)
			return rc;
		if (ok)
			return 0;
	}
	v_fail(st, "value does not match any schema in anyOf");
	return 0;
}

static int kw_one_of(vstate *st, const cJSON *kw, const cJSON *schema, const cJSON *inst, int depth)
{
	const cJSON *sub;
	int rc, ok, i = 0, first = -1, second = -1;
	(void)schema;
	cJSON_ArrayForEach(sub, kw) {
		if ((rc = v_test(st, sub, inst, depth, &ok)) < 0)
			return rc;
		if (ok) {
			if (first < 0) {
				first = i;
			} else {
				second = i;
				break;
			}
		}
		i++;
	}
	if (first < 0)
		v_fail(st, "value does not match any schema in oneOf");
	else if (second >= 0)
		v_fail(st, "value matches more than one schema in oneOf (%d and %d)", first, second);
	return 0;
}

static int kw_not(vstate *st, const cJSON *kw, const cJSON *schema, const cJSON *inst, int depth)
{
	int rc, ok;
	(void)schema;
	if ((rc = v_test(st, kw, inst, depth, &ok)) < 0)
		return rc;
	if (ok)
		v_fail(st, "value must not match the schema in 'not'");
	return 0;
}

static int kw_if(vstate *st, const cJSON *kw, const cJSON *schema, const cJSON *inst, int depth)
{
	const cJSON *next;
	int rc, ok;
	if ((rc = v_test(st, kw, inst, depth, &ok)) < 0)
		return rc;
	next = cJSON_GetObjectItemCaseSensitive(schema, ok ? "then" : "else");
	return next ? v_apply(st, next, inst, depth + 1) : 0;
}

/* What a keyword's value must be; checked for the whole schema before validation. */
enum kw_kind {
	K_ANY, K_SCHEMA, K_SCHEMA_MAP, K_PATTERN_MAP, K_SCHEMA_LIST, K_TYPE, K_ARRAY, K_STRINGS,
	K_COUNT, K_NUMBER, K_POSITIVE, K_BOOL, K_STRING, K_PATTERN, K_REF
};

typedef int (*kw_fn)(vstate *st, const cJSON *kw, const cJSON *schema, const cJSON *inst, int depth);

/* In the order violations are reported. Keywords without a function are read by a sibling
 * (then/else by if, minContains by contains) or only hold subschemas ($defs). */
static const struct keyword {
	const char *name;
	enum kw_kind kind;
	kw_fn fn;
} keywords[] = {
	{ "type", K_TYPE, kw_type },
	{ "enum", K_ARRAY, kw_enum },
	{ "const", K_ANY, kw_const },
	{ "$ref", K_REF, kw_ref },
	{ "required", K_STRINGS, kw_required },
	{ "properties", K_SCHEMA_MAP, kw_properties },
	{ "patternProperties", K_PATTERN_MAP, kw_pattern_properties },
	{ "additionalProperties", K_SCHEMA, kw_additional_properties },
	{ "propertyNames", K_SCHEMA, kw_property_names },
	{ "minProperties", K_COUNT, kw_min_properties },
	{ "maxProperties", K_COUNT, kw_max_properties },
	{ "minItems", K_COUNT, kw_min_items },
	{ "maxItems", K_COUNT, kw_max_items },
	{ "prefixItems", K_SCHEMA_LIST, kw_prefix_items },
	{ "items", K_SCHEMA, kw_items },
	{ "contains", K_SCHEMA, kw_contains },
	{ "minContains", K_COUNT, NULL },
	{ "maxContains", K_COUNT, NULL },
	{ "uniqueItems", K_BOOL, kw_unique_items },
	{ "minLength", K_COUNT, kw_min_length },
	{ "maxLength", K_COUNT, kw_max_length },
	{ "pattern", K_PATTERN, kw_pattern },
	{ "format", K_STRING, kw_format },
	{ "minimum", K_NUMBER, kw_minimum },
	{ "maximum", K_NUMBER, kw_maximum },
	{ "exclusiveMinimum", K_NUMBER, kw_exclusive_minimum },
	{ "exclusiveMaximum", K_NUMBER, kw_exclusive_maximum },
	{ "multipleOf", K_POSITIVE, kw_multiple_of },
	{ "allOf", K_SCHEMA_LIST, kw_all_of },
	{ "anyOf", K_SCHEMA_LIST, kw_any_of },
	{ "oneOf", K_SCHEMA_LIST, kw_one_of },
	{ "not", K_SCHEMA, kw_not },
	{ "if", K_SCHEMA, kw_if },
	{ "then", K_SCHEMA, NULL },
	{ "else", K_SCHEMA, NULL },
	{ "$defs", K_SCHEMA_MAP, NULL },
	{ "definitions", K_SCHEMA_MAP, NULL },
};

#define N_KEYWORDS (sizeof(keywords) / sizeof(keywords[0]))

static int v_apply(vstate *st, const cJSON *schema, const cJSON *inst, int depth)
{
	const cJSON *kw;
	char where[256];
	size_t i;
	int rc;

	if (depth > MAX_DEPTH)
		return ct_error_set(CT_EINPUT, "invalid schema: subschemas nested deeper than %d (a $ref cycle?) at: '%s'",
				    MAX_DEPTH, st->path->len ? show(where, sizeof(where), st->path->ptr) : "/");
	if (cJSON_IsTrue(schema))
		return 0;
	if (cJSON_IsFalse(schema)) {
		v_fail(st, "no value is allowed here (false schema)");
		return 0;
	}
	for (i = 0; i < N_KEYWORDS; i++) {
		if (!keywords[i].fn || !(kw = cJSON_GetObjectItemCaseSensitive(schema, keywords[i].name)))
			continue;
		if ((rc = keywords[i].fn(st, kw, schema, inst, depth)) < 0)
			return rc;
		if (st->silent && st->count)
			break;
	}
	return 0;
}

/* ---- checking the schema itself ---- */

typedef struct cstate {
	const cJSON *root;
	re_cache *res;
	ct_buf where;  /* JSON pointer into the schema, for messages */
} cstate;

static int c_fail(cstate *cs, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int c_fail(cstate *cs, const char *fmt, ...)
{
	va_list ap;
	char msg[256], where[256];
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return ct_error_set(CT_EINPUT, "invalid schema: %s: '#%s'", msg, show(where, sizeof(where), cs->where.ptr));
}

static int c_schema(cstate *cs, const cJSON *s, int depth);

static int c_child(cstate *cs, const cJSON *s, const char *key, int index, int depth)
{
	size_t mark = key ? path_push_key(&cs->where, key) : path_push_index(&cs->where, index);
	int rc = c_schema(cs, s, depth + 1);
	if (rc == 0)
		ct_buf_truncate(&cs->where, mark);
	return rc;
}

static int is_count(const cJSON *v)
{
	return cJSON_IsNumber(v) && is_integral(v->valuedouble) && v->valuedouble >= 0 &&
	       v->valuedouble <= INT32_MAX;
}

static int c_keyword(cstate *cs, const struct keyword *k, const cJSON *v, int depth)
{
	const cJSON *x, *target = NULL;
	regex_t *re = NULL;
	int rc, i = 0;

	switch (k->kind) {
	case K_ANY:
		return 0;
	case K_SCHEMA:
		if (cJSON_IsArray(v) && strcmp(k->name, "items") == 0)
			return c_fail(cs, "the array form of 'items' is not draft 2020-12, use 'prefixItems'");
		return c_schema(cs, v, depth + 1);
	case K_SCHEMA_MAP:
	case K_PATTERN_MAP:
		if (!cJSON_IsObject(v))
			return c_fail(cs, "%s must be an object of schemas", k->name);
		cJSON_ArrayForEach(x, v) {
			if (k->kind == K_PATTERN_MAP && (rc = re_get(cs->res, x->string, &re)) < 0)
				return rc;
			if ((rc = c_child(cs, x, x->string, 0, depth)) < 0)
				return rc;
		}
		return 0;
	case K_SCHEMA_LIST:
		if (!cJSON_IsArray(v) || !v->child)
			return c_fail(cs, "%s must be a non-empty array of schemas", k->name);
		cJSON_ArrayForEach(x, v)
			if ((rc = c_child(cs, x, NULL, i++, depth)) < 0)
				return rc;
		return 0;
	case K_TYPE:
		if (cJSON_IsString(v)) {
			if (!type_bit(v->valuestring))
				return c_fail(cs, "unknown type '%s'", v->valuestring);
			return 0;
		}
		if (!cJSON_IsArray(v) || !v->child)
			return c_fail(cs, "type must be a string or a non-empty array of strings");
		cJSON_ArrayForEach(x, v)
			if (!cJSON_IsString(x) || !type_bit(x->valuestring))
				return c_fail(cs, "type must list known type names");
		return 0;
	case K_ARRAY:
		return cJSON_IsArray(v) ? 0 : c_fail(cs, "%s must be an array", k->name);
	case K_STRINGS:
		if (!cJSON_IsArray(v))
			return c_fail(cs, "%s must be an array of strings", k->name);
		cJSON_ArrayForEach(x, v)
			if (!cJSON_IsString(x))
				return c_fail(cs, "%s must be an array of strings", k->name);
		return 0;
	case K_COUNT:
		return is_count(v) ? 0 : c_fail(cs, "%s must be a non-negative integer", k->name);
	case K_NUMBER:
		return cJSON_IsNumber(v) ? 0 : c_fail(cs, "%s must be a number", k->name);
	case K_POSITIVE:
		return cJSON_IsNumber(v) && v->valuedouble > 0 ? 0 : c_fail(cs, "%s must be a number above 0", k->name);
	case K_BOOL:
		return cJSON_IsBool(v) ? 0 : c_fail(cs, "%s must be true or false", k->name);
	case K_STRING:
		return cJSON_IsString(v) ? 0 : c_fail(cs, "%s must be a string", k->name);
	case K_PATTERN:
		if (!cJSON_IsString(v))
			return c_fail(cs, "pattern must be a string");
		return re_get(cs->res, v->valuestring, &re);
	case K_REF:
		if (!cJSON_IsString(v))
			return c_fail(cs, "$ref must be a string");
		return ref_resolve(cs->root, v->valuestring, &target);
	}
	return 0;
}

static int c_schema(cstate *cs, const cJSON *s, int depth)
{
	const cJSON *v;
	size_t i, mark;
	int rc;

	if (cJSON_IsBool(s))
		return 0;
	if (!cJSON_IsObject(s))
		return c_fail(cs, "a schema must be an object or a boolean");
	if (depth > MAX_SCHEMA_DEPTH)
		return c_fail(cs, "schema nested deeper than %d levels", MAX_SCHEMA_DEPTH);
	for (i = 0; i < N_KEYWORDS; i++) {
		if (!(v = cJSON_GetObjectItemCaseSensitive(s, keywords[i].name)))
			continue;
		mark = path_push_key(&cs->where, keywords[i].name);
		if ((rc = c_keyword(cs, &keywords[i], v, depth)) < 0)
			return rc;
		ct_buf_truncate(&cs->where, mark);
	}
	return 0;
}

/* Checks schema, leaving its compiled patterns in res. */
static int check_into(const cJSON *schema, re_cache *res)
{
	cstate cs;
	int rc;
	cs.root = schema;
	cs.res = res;
	ct_buf_init(&cs.where);
	rc = c_schema(&cs, schema, 0);
	if (rc == 0 && ct_buf_oom(&cs.where))
		rc = ct_error_set(CT_ENOMEM, "out of memory");
	ct_buf_release(&cs.where);
	return rc;
}

int ct_schema_check(const cJSON *schema)
{
	re_cache res = { NULL, 0, 0 };
	int rc;
	if (!schema)
		return ct_error_set(CT_EINPUT, "invalid schema: no schema");
	rc = check_into(schema, &res);
	re_cache_free(&res);
	return rc;
}

int ct_schema_validate(const cJSON *schema, const cJSON *instance, ct_buf *errs)
{
	re_cache res = { NULL, 0, 0 };
	ct_buf path = CT_BUF_INIT;
	size_t start = errs ? errs->len : 0;
	vstate st;
	int rc;

	if (!schema || !instance) {
		rc = ct_error_set(CT_EINPUT, "invalid schema: no %s", schema ? "instance" : "schema");
		goto cleanup;
	}
	if ((rc = check_into(schema, &res)) < 0)
		goto cleanup;
	memset(&st, 0, sizeof(st));
	st.root = schema;
	st.res = &res;
	st.path = &path;
	st.errs = errs;
	if ((rc = v_apply(&st, schema, instance, 0)) < 0)
		goto cleanup;
	if (ct_buf_oom(&path) || (errs && ct_buf_oom(errs))) {
		rc = ct_error_set(CT_ENOMEM, "out of memory");
		goto cleanup;
	}
	rc = st.count;
cleanup:
	if (rc < 0 && errs && !errs->oom)
		ct_buf_truncate(errs, start);
	ct_buf_release(&path);
	re_cache_free(&res);
	return rc;
}
