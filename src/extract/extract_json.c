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
#include "util/jsonnum.h"
#include "util/err.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* The writer: o points into out's buffer, made large enough for the whole segment before the
 * first byte is written (segment_bound), so no piece is checked or copied twice. */
struct jw {
	char *o;
};

/* A piece whose length is known when compiling: one fixed-size copy. */
#define LIT(w, s) do { memcpy((w)->o, (s), sizeof(s) - 1); (w)->o += sizeof(s) - 1; } while (0)

static inline void jput(struct jw *w, const char *s, size_t n)
{
	memcpy(w->o, s, n);
	w->o += n;
}

/* The separators, indentation and "key":<tab> before a member, as cJSON_Print writes them for the
 * member's depth: the segment's own members at two tabs, those of its quote at three, those of
 * its entities, numbers and dates (objects in arrays) at four. */
#define K2(k) ",\n\t\t\"" k "\":\t"
#define K3(k) ",\n\t\t\t\"" k "\":\t"
#define K4(k) ",\n\t\t\t\t\"" k "\":\t"

/* Bytes a string of n bytes can take: every byte escaped as \u00XX, the quotes, and the 16 bytes
 * put_string may store past its end before it moves back. */
#define STR_BOUND(n) (6 * (size_t)(n) + 2 + 16)
/* Bytes of one item's fixed members, numbers and separators: generously more than written. */
#define ITEM_BOUND 512

/* "00" "01" .. "99": two digits per step, so a figure takes one division per pair of digits. */
static const char digit_pairs[201] =
	"00010203040506070809101112131415161718192021222324252627282930313233343536373839"
	"40414243444546474849505152535455565758596061626364656667686970717273747576777879"
	"8081828384858687888990919293949596979899";

/* What "%d" prints for 0 <= v <= INT_MAX: the digits counted first, then written from the
 * last pair back, straight into the output (no copy through a temporary). */
static inline void put_uint(struct jw *w, uint32_t v)
{
	size_t n = v < 10 ? 1 : v < 100 ? 2 : v < 1000 ? 3 : v < 10000 ? 4 : v < 100000 ? 5 :
		   v < 1000000 ? 6 : v < 10000000 ? 7 : v < 100000000 ? 8 : v < 1000000000 ? 9 : 10;
	char *q = w->o + n;
	while (v >= 100) {
		q -= 2;
		memcpy(q, digit_pairs + 2 * (v % 100), 2);
		v /= 100;
	}
	if (v >= 10) {
		memcpy(q - 2, digit_pairs + 2 * v, 2);
	} else {
		q[-1] = (char)('0' + v);
	}
	w->o += n;
}

/* 1 for the bytes a JSON string escapes: below 0x20 (NUL ends the string), '"' and '\\'. */
static const unsigned char needs_escape[256] = {
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	['"'] = 1, ['\\'] = 1,
};

#define ONES UINT64_C(0x0101010101010101)
#define HIGHS UINT64_C(0x8080808080808080)

/* The high bit set in the first byte of x (in memory order) that a JSON string escapes, and
 * maybe in bytes after it (a borrow runs upwards only), none before it: bytes below 0x20, '"'
 * and '\\'. */
static inline uint64_t escape_bytes(uint64_t x)
{
	uint64_t q = x ^ (ONES * '"'), b = x ^ (ONES * '\\');
	return ((x - ONES * 0x20) | (q - ONES) | (b - ONES)) & ~x & HIGHS;
}

/* A JSON string of s[0..n), ending at a NUL byte as cJSON's C strings do; only the bytes below
 * 0x20, '"' and '\\' are escaped. The bytes are stored as they are checked, sixteen at a time
 * where SSE2 is there: a block with nothing to escape is stored and passed in one step, and
 * otherwise the output moves on only to the first byte that needs a look. */
static void put_string(struct jw *w, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *p = (const unsigned char *)s;
	char *o = w->o;
	size_t i = 0;
	*o++ = '"';
	for (;;) {
		unsigned char c;
#if defined(__SSE2__)
		const __m128i lim = _mm_set1_epi8(0x1f), dq = _mm_set1_epi8('"'), bs = _mm_set1_epi8('\\');
		while (n - i >= 16) {
			__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(p + i));
			__m128i m = _mm_or_si128(_mm_cmpeq_epi8(_mm_min_epu8(v, lim), v),
						 _mm_or_si128(_mm_cmpeq_epi8(v, dq), _mm_cmpeq_epi8(v, bs)));
			unsigned mask = (unsigned)_mm_movemask_epi8(m);
			_mm_storeu_si128((__m128i *)(void *)o, v);
			if (mask) {
				unsigned k = (unsigned)__builtin_ctz(mask);
				i += k;
				o += k;
				break;
			}
			i += 16;
			o += 16;
		}
#endif
		/* then eight at a time, and the last one to seven bytes as the top of the eight that
		 * end the string (read again, not past its end); stored whole, moved on by what is
		 * plain */
		while (n - i >= 8) {
			uint64_t x, m;
			memcpy(&x, p + i, 8);
			m = escape_bytes(x);
			memcpy(o, &x, 8);
			if (m) {
				unsigned k = (unsigned)__builtin_ctzll(m) >> 3;
				i += k;
				o += k;
				break;
			}
			i += 8;
			o += 8;
		}
		if (i < n && n >= 8 && n - i < 8) {
			size_t rest = n - i;
			uint64_t x, m;
			memcpy(&x, p + n - 8, 8);
			x >>= 8 * (8 - rest);
			m = escape_bytes(x) & ((UINT64_C(1) << (8 * rest)) - 1);
			memcpy(o, &x, 8);
			if (!m) {
				o += rest;
				break;
			}
			rest = (unsigned)__builtin_ctzll(m) >> 3;
			i += rest;
			o += rest;
		}
		while (i < n && !needs_escape[p[i]])
			*o++ = (char)p[i++];
		if (i >= n || !(c = p[i]))
			break;
		i++;
		*o++ = '\\';
		switch (c) {
		case '"': *o++ = '"'; break;
		case '\\': *o++ = '\\'; break;
		case '\b': *o++ = 'b'; break;
		case '\f': *o++ = 'f'; break;
		case '\n': *o++ = 'n'; break;
		case '\r': *o++ = 'r'; break;
		case '\t': *o++ = 't'; break;
		default:
			memcpy(o, "u00", 3);
			o[3] = hex[c >> 4];
			o[4] = hex[c & 15];
			o += 5;
		}
	}
	*o++ = '"';
	w->o = o;
}

/* A string known to need no escaping (a static name): quoted as it is. */
static inline void put_name(struct jw *w, const char *s)
{
	size_t n = strlen(s);
	*w->o++ = '"';
	jput(w, s, n);
	*w->o++ = '"';
}

/* cJSON's print_number (util/jsonnum.h), with the non-negative integers (spans, indexes, years:
 * most numbers) written here without a call. */
static void put_number(struct jw *w, double d)
{
	char tmp[CT_JSON_NUMBER_MAX];
	if (d >= 0 && d <= 2147483647.0 && d == (double)(uint32_t)d && !(d == 0 && signbit(d))) {
		put_uint(w, (uint32_t)d);
		return;
	}
	jput(w, tmp, ct_json_number_text(tmp, d));
}

/* A size as cJSON prints the double it converts to: %d up to INT_MAX. */
static inline void put_size(struct jw *w, size_t v)
{
	if (v <= 2147483647u)
		put_uint(w, (uint32_t)v);
	else
		put_number(w, (double)v);
}

static inline void put_span(struct jw *w, size_t a, size_t b)
{
	*w->o++ = '[';
	put_size(w, a);
	LIT(w, ", ");
	put_size(w, b);
	*w->o++ = ']';
}

static void put_entities(struct jw *w, const struct ct_claim_draft *d)
{
	size_t i;
	LIT(w, K2("entities") "[");
	for (i = 0; i < d->entities->n; i++) {
		const struct ct_entity *e = &d->entities->e[i];
		if (i)
			LIT(w, ", ");
		LIT(w, "{\n\t\t\t\t\"text\":\t");
		put_string(w, d->text + e->start, e->end - e->start);
		LIT(w, K4("kind"));
		put_name(w, e->kind == CT_ENT_OTHER && e->title_end > e->title_start ? "title" :
			 ct_entity_kind_name(e->kind));
		if (e->title_end > e->title_start && e->name_end > e->name_start) {
			LIT(w, K4("title"));
			put_string(w, d->text + e->title_start, e->title_end - e->title_start);
		}
		LIT(w, K4("span"));
		put_span(w, e->start, e->end);
		LIT(w, "\n\t\t\t}");
	}
	*w->o++ = ']';
}

static void put_numbers(struct jw *w, const struct ct_claim_draft *d)
{
	size_t i;
	LIT(w, K2("numbers") "[");
	for (i = 0; i < d->nnumbers; i++) {
		const struct ct_number *n = &d->numbers[i];
		if (i)
			LIT(w, ", ");
		LIT(w, "{\n\t\t\t\t\"text\":\t");
		put_string(w, d->text + n->start, n->end - n->start);
		LIT(w, K4("value"));
		put_number(w, n->value);
		if (n->high != n->value) {
			LIT(w, K4("high"));
			put_number(w, n->high);
		}
		if (n->unit[0]) {
			LIT(w, K4("unit"));
			put_string(w, n->unit, strnlen(n->unit, sizeof(n->unit)));
		}
		if (n->approx) {
			LIT(w, K4("approx"));
			put_string(w, n->approx, strlen(n->approx));
		}
		if (n->ordinal)
			LIT(w, K4("ordinal") "true");
		LIT(w, K4("span"));
		put_span(w, n->start, n->end);
		LIT(w, "\n\t\t\t}");
	}
	*w->o++ = ']';
}

static void put_dates(struct jw *w, const struct ct_claim_draft *d)
{
	static const char *const wd[] = { "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday" };
	size_t i;
	LIT(w, K2("dates") "[");
	for (i = 0; i < d->ndates; i++) {
		const struct ct_date *t = &d->dates[i];
		if (i)
			LIT(w, ", ");
		LIT(w, "{\n\t\t\t\t\"text\":\t");
		put_string(w, d->text + t->start, t->end - t->start);
		LIT(w, K4("kind"));
		put_string(w, t->kind, strlen(t->kind));
		if (t->resolved[0]) {
			LIT(w, K4("date"));
			put_string(w, t->resolved, strnlen(t->resolved, sizeof(t->resolved)));
		}
		if (t->weekday >= 0 && t->weekday < 7) {
			LIT(w, K4("weekday"));
			put_name(w, wd[t->weekday]);
		}
		if (!t->resolved[0] && t->year) {
			LIT(w, K4("year"));
			put_number(w, t->year);
		}
		LIT(w, K4("span"));
		put_span(w, t->start, t->end);
		LIT(w, "\n\t\t\t}");
	}
	*w->o++ = ']';
}

static void put_quote(struct jw *w, const struct ct_claim_draft *d)
{
	if (!d->quote->found || d->quote->end - d->quote->start < 3) {
		LIT(w, K2("quote") "null");
		return;
	}
	LIT(w, K2("quote") "{\n\t\t\t\"text\":\t");
	put_string(w, d->text + d->quote->start, d->quote->end - d->quote->start);
	LIT(w, K3("speaker"));
	if (d->speaker)
		put_string(w, d->speaker, d->speaker_len);
	else
		LIT(w, "null");
	LIT(w, K3("span"));
	put_span(w, d->quote->start, d->quote->end);
	LIT(w, "\n\t\t}");
}

/* "attribution": {"speaker": ...}, for a sentence without a quote that reports someone (as
 * ct_extract_features adds it: only when there is one). */
static void put_attribution(struct jw *w, const struct ct_claim_draft *d)
{
	if ((d->quote->found && d->quote->end - d->quote->start >= 3) || !d->speaker || !d->speaker_len)
		return;
	LIT(w, K2("attribution") "{\n\t\t\t\"speaker\":\t");
	put_string(w, d->speaker, d->speaker_len);
	LIT(w, "\n\t\t}");
}

/* An upper bound of the bytes ct_extract_json writes for d (the NUL included). */
static size_t segment_bound(const struct ct_claim_draft *d)
{
	size_t i, n = 4 * ITEM_BOUND + STR_BOUND(d->text_len) + STR_BOUND(strlen(d->type));
	for (i = 0; i < d->entities->n; i++) {
		const struct ct_entity *e = &d->entities->e[i];
		n += ITEM_BOUND + STR_BOUND(e->end - e->start) + STR_BOUND(e->title_end - e->title_start);
	}
	for (i = 0; i < d->nnumbers; i++)
		n += ITEM_BOUND + STR_BOUND(d->numbers[i].end - d->numbers[i].start) + STR_BOUND(sizeof(d->numbers[i].unit)) +
		     STR_BOUND(d->numbers[i].approx ? strlen(d->numbers[i].approx) : 0);
	for (i = 0; i < d->ndates; i++)
		n += ITEM_BOUND + STR_BOUND(d->dates[i].end - d->dates[i].start) + STR_BOUND(strlen(d->dates[i].kind)) +
		     STR_BOUND(sizeof(d->dates[i].resolved));
	n += STR_BOUND(d->quote->found ? d->quote->end - d->quote->start : 0) + STR_BOUND(d->speaker ? d->speaker_len : 0);
	return n;
}

int ct_extract_json(ct_buf *out, const struct ct_claim_draft *d)
{
	struct jw w;
	if (ct_buf_grow(out, segment_bound(d)) < 0)
		return ct_error_set(CT_ENOMEM, "out of memory");
	w.o = out->ptr + out->len;
	LIT(&w, "{\n\t\t\"text\":\t");
	put_string(&w, d->text, d->text_len);
	LIT(&w, K2("kind"));
	put_name(&w, ct_seg_kind_name(d->seg->kind));
	if (d->is_claim)
		LIT(&w, K2("is_claim") "true" K2("span"));
	else
		LIT(&w, K2("is_claim") "false" K2("span"));
	put_span(&w, d->seg->start, d->seg->end);
	LIT(&w, K2("sentence"));
	put_size(&w, d->seg->index);
	LIT(&w, K2("paragraph"));
	put_size(&w, d->seg->paragraph);
	LIT(&w, K2("type"));
	put_string(&w, d->type, strlen(d->type));
	LIT(&w, K2("checkworthy"));
	put_number(&w, d->checkworthy);
	put_entities(&w, d);
	put_numbers(&w, d);
	put_dates(&w, d);
	put_quote(&w, d);
	put_attribution(&w, d);
	LIT(&w, "\n\t}");
	out->len = (size_t)(w.o - out->ptr);
	out->ptr[out->len] = '\0';
	return 0;
}
