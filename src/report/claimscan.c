/* The claim record scanner of the report: see claimscan.h. It decides only strict JSON (RFC 8259),
 * which cJSON reads the same way, and leaves anything else to cJSON. */
#include "report/claimscan.h"

#include <string.h>

#include "util/err.h"

/* Deeper nesting is left to cJSON (whose own limit is 1000). */
#define MAX_DEPTH 64
/* cJSON copies at most 63 bytes of a number before strtod: a longer one is left to it. */
#define MAX_NUMBER 63

struct scan {
	const unsigned char *p, *end;
	int depth;
};

enum { F_ID, F_SOURCE, F_TEXT, F_STATUS, F_SENTENCE, F_COUNT };

static const struct {
	const char *name;
	size_t len;
} fields[F_COUNT] = {
	{ "id", 2 }, { "source", 6 }, { "text", 4 }, { "status", 6 }, { "sentence", 8 },
};

static void skip_ws(struct scan *s)
{
	while (s->p < s->end && (*s->p == ' ' || *s->p == '\t' || *s->p == '\n' || *s->p == '\r'))
		s->p++;
}

static int hex4(const unsigned char *p, unsigned *out)
{
	unsigned v = 0;
	int i;
	for (i = 0; i < 4; i++) {
		unsigned c = p[i], d;
		if (c >= '0' && c <= '9')
			d = c - '0';
		else if (c >= 'a' && c <= 'f')
			d = c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			d = c - 'A' + 10;
		else
			return 0;
		v = v << 4 | d;
	}
	*out = v;
	return 1;
}

static void put_utf8(ct_buf *out, unsigned cp)
{
	char u[4];
	size_t n;
	if (cp < 0x80) {
		u[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		u[0] = (char)(0xc0 | cp >> 6);
		u[1] = (char)(0x80 | (cp & 0x3f));
		n = 2;
	} else if (cp < 0x10000) {
		u[0] = (char)(0xe0 | cp >> 12);
		u[1] = (char)(0x80 | (cp >> 6 & 0x3f));
		u[2] = (char)(0x80 | (cp & 0x3f));
		n = 3;
	} else {
		u[0] = (char)(0xf0 | cp >> 18);
		u[1] = (char)(0x80 | (cp >> 12 & 0x3f));
		u[2] = (char)(0x80 | (cp >> 6 & 0x3f));
		u[3] = (char)(0x80 | (cp & 0x3f));
		n = 4;
	}
	ct_buf_put(out, u, n);
}

/* The string at s->p (its opening quote): 1 and s->p past its closing quote, its decoded bytes
 * appended to out unless out is NULL; 0 when it is not a strict JSON string or holds \u0000 (which
 * cJSON would keep, cutting the C string short). Bytes of 0x80 and above pass through unchecked,
 * as in cJSON. */
static int scan_string(struct scan *s, ct_buf *out)
{
	const unsigned char *p = s->p + 1, *end = s->end;
	for (;;) {
		const unsigned char *run = p;
		char c;
		while (p < end && *p != '"' && *p != '\\' && *p >= 0x20)
			p++;
		if (out && p > run)
			ct_buf_put(out, run, (size_t)(p - run));
		if (p >= end || *p < 0x20)
			return 0;
		if (*p == '"') {
			s->p = p + 1;
			return 1;
		}
		if (end - p < 2)
			return 0;
		switch (p[1]) {
		case '"': c = '"'; break;
		case '\\': c = '\\'; break;
		case '/': c = '/'; break;
		case 'b': c = '\b'; break;
		case 'f': c = '\f'; break;
		case 'n': c = '\n'; break;
		case 'r': c = '\r'; break;
		case 't': c = '\t'; break;
		case 'u': {
			unsigned cp, lo;
			if (end - p < 6 || !hex4(p + 2, &cp))
				return 0;
			p += 6;
			if (cp >= 0xdc00 && cp <= 0xdfff)
				return 0;   /* a low surrogate first: cJSON refuses it */
			if (cp >= 0xd800 && cp <= 0xdbff) {
				if (end - p < 6 || p[0] != '\\' || p[1] != 'u' || !hex4(p + 2, &lo) || lo < 0xdc00 ||
				    lo > 0xdfff)
					return 0;
				p += 6;
				cp = 0x10000 + ((cp & 0x3ff) << 10 | (lo & 0x3ff));
			}
			if (cp == 0)
				return 0;
			if (out)
				put_utf8(out, cp);
			continue;
		}
		default:
			return 0;
		}
		if (out)
			ct_buf_putc(out, c);
		p += 2;
	}
}

static int is_number_byte(unsigned char c)
{
	return (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.' || c == 'e' || c == 'E';
}

/* The number at s->p: 1 and s->p past it when it is a strict JSON number that cJSON reads whole
 * (at most MAX_NUMBER bytes); 0 otherwise. With out set, also 0 unless it is an integer of at most
 * 15 digits (exact as a double, so (long)valuedouble is the integer itself), stored in *out. */
static int scan_number(struct scan *s, long *out)
{
	const unsigned char *p = s->p, *end = s->end;
	long v = 0;
	int neg = 0, digits = 0, integer = 1;
	if (p < end && *p == '-') {
		neg = 1;
		p++;
	}
	if (p >= end || *p < '0' || *p > '9')
		return 0;
	if (*p == '0') {
		p++;
		digits = 1;
	} else {
		for (; p < end && *p >= '0' && *p <= '9'; p++, digits++)
			if (digits < 16)
				v = v * 10 + (*p - '0');
	}
	if (p < end && *p == '.') {
		integer = 0;
		if (++p >= end || *p < '0' || *p > '9')
			return 0;
		while (p < end && *p >= '0' && *p <= '9')
			p++;
	}
	if (p < end && (*p == 'e' || *p == 'E')) {
		integer = 0;
		if (++p < end && (*p == '+' || *p == '-'))
			p++;
		if (p >= end || *p < '0' || *p > '9')
			return 0;
		while (p < end && *p >= '0' && *p <= '9')
			p++;
	}
	if (p - s->p > MAX_NUMBER || (p < end && is_number_byte(*p)))
		return 0;
	if (out) {
		if (!integer || digits > 15)
			return 0;
		*out = neg ? -v : v;
	}
	s->p = p;
	return 1;
}

static int scan_literal(struct scan *s, const char *word, size_t n)
{
	if ((size_t)(s->end - s->p) < n || memcmp(s->p, word, n))
		return 0;
	s->p += n;
	return 1;
}

static int skip_value(struct scan *s);

/* The object or array at s->p, whose members are only checked. */
static int skip_container(struct scan *s)
{
	unsigned char close = *s->p == '{' ? '}' : ']';
	int object = close == '}';
	if (++s->depth > MAX_DEPTH)
		return 0;
	s->p++;
	skip_ws(s);
	if (s->p < s->end && *s->p == close) {
		s->p++;
		s->depth--;
		return 1;
	}
	for (;;) {
		if (object) {
			if (s->p >= s->end || *s->p != '"' || !scan_string(s, NULL))
				return 0;
			skip_ws(s);
			if (s->p >= s->end || *s->p != ':')
				return 0;
			s->p++;
			skip_ws(s);
		}
		if (!skip_value(s))
			return 0;
		skip_ws(s);
		if (s->p >= s->end)
			return 0;
		if (*s->p == close) {
			s->p++;
			s->depth--;
			return 1;
		}
		if (*s->p != ',')
			return 0;
		s->p++;
		skip_ws(s);
	}
}

/* Any value at s->p (no leading white space), checked and passed over. */
static int skip_value(struct scan *s)
{
	if (s->p >= s->end)
		return 0;
	switch (*s->p) {
	case '"': return scan_string(s, NULL);
	case '{':
	case '[': return skip_container(s);
	case 't': return scan_literal(s, "true", 4);
	case 'f': return scan_literal(s, "false", 5);
	case 'n': return scan_literal(s, "null", 4);
	default: return scan_number(s, NULL);
	}
}

/* Which of the fields key (decoded, n bytes) names, or F_COUNT. */
static int field_of(const char *key, size_t n)
{
	int f;
	for (f = 0; f < F_COUNT; f++)
		if (n == fields[f].len && !memcmp(key, fields[f].name, n))
			return f;
	return F_COUNT;
}

int rp_claim_scan(struct rp_claim_fields *out, const char *data, size_t len, ct_buf *scratch)
{
	struct scan s;
	size_t at[F_STATUS + 1], n[F_STATUS + 1];
	int seen[F_COUNT] = { 0 }, str[F_STATUS + 1] = { 0 }, f;

	memset(out, 0, sizeof(*out));
	ct_buf_clear(scratch);
	s.p = (const unsigned char *)data;
	s.end = s.p + len;
	s.depth = 1;
	skip_ws(&s);
	if (s.p >= s.end || *s.p != '{')
		return 0;
	s.p++;
	skip_ws(&s);
	if (s.p < s.end && *s.p == '}')
		goto found;
	for (;;) {
		size_t key = scratch->len;
		if (s.p >= s.end || *s.p != '"' || !scan_string(&s, scratch))
			return 0;
		f = field_of(scratch->ptr + key, scratch->len - key);
		ct_buf_truncate(scratch, key);
		skip_ws(&s);
		if (s.p >= s.end || *s.p != ':')
			return 0;
		s.p++;
		skip_ws(&s);
		if (f == F_COUNT || seen[f]) {
			if (!skip_value(&s))
				return 0;
		} else if (f == F_SENTENCE) {
			seen[f] = 1;
			if (s.p < s.end && (*s.p == '-' || (*s.p >= '0' && *s.p <= '9'))) {
				if (!scan_number(&s, &out->sentence))
					return 0;
				out->has_sentence = 1;
			} else if (!skip_value(&s)) {
				return 0;
			}
		} else {
			seen[f] = 1;
			if (s.p < s.end && *s.p == '"') {
				at[f] = scratch->len;
				if (!scan_string(&s, scratch))
					return 0;
				n[f] = scratch->len - at[f];
				ct_buf_putc(scratch, 0);
				str[f] = 1;
			} else if (!skip_value(&s)) {
				return 0;
			}
		}
		skip_ws(&s);
		if (s.p >= s.end)
			return 0;
		if (*s.p == '}')
			break;
		if (*s.p != ',')
			return 0;
		s.p++;
		skip_ws(&s);
	}
found:
	/* What follows the object is not looked at, as cJSON_ParseWithLength does not. */
	if (ct_buf_oom(scratch) < 0)
		return CT_ENOMEM;
	if (str[F_ID]) {
		out->id = scratch->ptr + at[F_ID];
		out->id_len = n[F_ID];
	}
	if (str[F_SOURCE]) {
		out->source = scratch->ptr + at[F_SOURCE];
		out->source_len = n[F_SOURCE];
	}
	if (str[F_TEXT]) {
		out->text = scratch->ptr + at[F_TEXT];
		out->text_len = n[F_TEXT];
	}
	if (str[F_STATUS]) {
		out->status = scratch->ptr + at[F_STATUS];
		out->status_len = n[F_STATUS];
	}
	return 1;
}
