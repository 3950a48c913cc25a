/* Cleaning and folding of UTF-8 text: see utf8.h.
 * ASCII is copied in runs; only the stretches around non-ASCII bytes go through utf8proc. */
#include "text/utf8.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "util/err.h"

#define REPLACEMENT 0xFFFD

/* Code points of one stretch, reused across stretches so a call allocates at most a few times. */
typedef struct scratch {
	utf8proc_int32_t *cps;
	size_t cap;
} scratch;

size_t ct_utf8_decode(const unsigned char *s, size_t n, int32_t *cp, size_t *bad_len)
{
	unsigned c = s[0], lo = 0x80, hi = 0xBF;
	size_t need, k = 1;
	int32_t v;

	if (c < 0x80) {
		*cp = (int32_t)c;
		return 1;
	}
	if (c < 0xC2) {
		goto bad;
	} else if (c < 0xE0) {
		need = 1;
		v = (int32_t)(c & 0x1F);
	} else if (c < 0xF0) {
		need = 2;
		v = (int32_t)(c & 0x0F);
		if (c == 0xE0)
			lo = 0xA0;  /* overlong */
		else if (c == 0xED)
			hi = 0x9F;  /* surrogates */
	} else if (c < 0xF5) {
		need = 3;
		v = (int32_t)(c & 0x07);
		if (c == 0xF0)
			lo = 0x90;  /* overlong */
		else if (c == 0xF4)
			hi = 0x8F;  /* above U+10FFFF */
	} else {
		goto bad;
	}
	for (k = 1; k <= need; k++) {
		unsigned b;
		if (k >= n)
			goto bad;
		b = s[k];
		if (b < lo || b > hi)
			goto bad;
		lo = 0x80;
		hi = 0xBF;
		v = (v << 6) | (int32_t)(b & 0x3F);
	}
	*cp = v;
	return need + 1;
bad:
	*cp = REPLACEMENT;
	*bad_len = k;
	return 0;
}

int ct_text_is_valid(const char *in, size_t len)
{
	const unsigned char *s = (const unsigned char *)in;
	size_t i = 0, bad;
	int32_t cp;

	while (i < len) {
		size_t n;
		if (s[i] == 0)
			return 0;
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		n = ct_utf8_decode(s + i, len - i, &cp, &bad);
		if (!n)
			return 0;
		i += n;
	}
	return 1;
}

/* The substitutions of ct_text_fold, applied by utf8proc before decomposition. */
static utf8proc_int32_t fold_map(utf8proc_int32_t c, void *data)
{
	(void)data;
	if (c < 0x80)
		return c;
	switch (c) {
	case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2032:
		return '\'';
	case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x2033:
		return '"';
	case 0x2212: case 0xFE58: case 0xFE63: case 0xFF0D:
		return '-';
	case 0x00A0: case 0x1680: case 0x202F: case 0x205F: case 0x3000:
		return ' ';
	default:
		break;
	}
	if (c >= 0x2010 && c <= 0x2015)
		return '-';
	if (c >= 0x2000 && c <= 0x200A)
		return ' ';
	return c;
}

static void put_cp(ct_buf *out, int32_t cp)
{
	utf8proc_uint8_t tmp[4];
	utf8proc_ssize_t n = utf8proc_encode_char(cp, tmp);
	ct_buf_put(out, tmp, (size_t)n);
}

/* Rewrites out->ptr[from..len) (valid UTF-8) in normalised form: NFC, plus case folding and the
 * fold_map substitutions when fold is set. */
static int normalize_tail(ct_buf *out, size_t from, scratch *sc, int fold)
{
	utf8proc_option_t opts = UTF8PROC_STABLE | UTF8PROC_COMPOSE;
	utf8proc_ssize_t n;
	size_t i;

	if (fold)
		opts |= UTF8PROC_CASEFOLD;
	for (;;) {
		n = utf8proc_decompose_custom((const utf8proc_uint8_t *)out->ptr + from,
					      (utf8proc_ssize_t)(out->len - from), sc->cps,
					      (utf8proc_ssize_t)sc->cap, opts,
					      fold ? fold_map : NULL, NULL);
		if (n < 0)
			return ct_error_set(CT_ERROR, "cannot normalise text: %s",
					    utf8proc_errmsg(n));
		if ((size_t)n <= sc->cap)
			break;
		{
			size_t cap = (size_t)n + 64;
			utf8proc_int32_t *p = realloc(sc->cps, cap * sizeof(*p));
			if (!p)
				return ct_error_set(CT_ENOMEM, "out of memory");
			sc->cps = p;
			sc->cap = cap;
		}
	}
	n = utf8proc_normalize_utf32(sc->cps, n, opts);
	if (n < 0)
		return ct_error_set(CT_ERROR, "cannot normalise text: %s", utf8proc_errmsg(n));
	ct_buf_truncate(out, from);
	if (ct_buf_grow(out, (size_t)n * 4) < 0)
		return ct_error_set(CT_ENOMEM, "out of memory");
	for (i = 0; i < (size_t)n; i++)
		put_cp(out, sc->cps[i]);
	return 0;
}

/* Code points that are NFC whatever surrounds them and never compose: the dashes, quotes and
 * ellipsis of English news text, and U+FFFD. A stretch made only of these skips utf8proc. */
static int is_inert(int32_t cp)
{
	return (cp >= 0x2010 && cp <= 0x2027) || cp == REPLACEMENT;
}

/* The end of the run of plain ASCII bytes (not NUL, and not CR unless cr_ok) starting at j:
 * eight bytes at a time, then byte by byte. */
static size_t ascii_run(const unsigned char *s, size_t j, size_t len, int cr_ok)
{
	const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u;
	const uint64_t cr = cr_ok ? 0 : 0x0d0d0d0d0d0d0d0du;
	while (len - j >= 8) {
		uint64_t w, x;
		memcpy(&w, s + j, 8);
		x = w ^ cr;
		/* A byte with the high bit, a zero byte, or (x) a CR: any sets a high bit here. */
		if ((w | ((w - ones) & ~w) | ((x - ones) & ~x)) & high)
			break;
		j += 8;
	}
	while (j < len && s[j] != 0 && s[j] < 0x80 && (cr_ok || s[j] != '\r'))
		j++;
	return j;
}

/* The shared loop of clean (fold == 0) and fold (fold == 1). */
static int transcode(ct_buf *out, const char *in, size_t len, int fold,
		     size_t *n_bad, size_t *first_bad)
{
	const unsigned char *s = (const unsigned char *)in;
	scratch sc = { NULL, 0 };
	size_t i = 0, bad = 0, first = SIZE_MAX, base = out->len, from = SIZE_MAX;
	int inert = 1, rc = 0;

	if (!fold && len >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF)
		i = 3;
	/* The output is about the input's size: one allocation instead of a chain of larger ones
	 * (an allocation failure is sticky and reported at the end). */
	(void)ct_buf_grow(out, len);
	while (i < len) {
		unsigned char c = s[i];
		int32_t cp = 0;
		size_t n, blen = 0;

		if (c != 0 && c < 0x80) {
			size_t j = i;
			if (from != SIZE_MAX) {
				if ((fold || !inert) && (rc = normalize_tail(out, from, &sc, fold)) < 0)
					goto cleanup;
				from = SIZE_MAX;
			}
			if (c == '\r' && !fold) {
				ct_buf_putc(out, '\n');
				i += (i + 1 < len && s[i + 1] == '\n') ? 2 : 1;
				continue;
			}
			j = ascii_run(s, j, len, fold);
			if (fold) {
				size_t k;
				if (ct_buf_grow(out, j - i) < 0)
					break;
				for (k = i; k < j; k++)
					out->ptr[out->len++] = (char)((s[k] >= 'A' && s[k] <= 'Z') ? s[k] + 32 : s[k]);
				out->ptr[out->len] = '\0';
			} else {
				ct_buf_put(out, s + i, j - i);
			}
			i = j;
			continue;
		}
		if (from == SIZE_MAX) {
			/* The ASCII character before may be the base of a combining mark. */
			from = out->len;
			if (from > base && (unsigned char)out->ptr[from - 1] < 0x80)
				from--;
			inert = 1;
		}
		if (c == 0) {
			n = 0;
			blen = 1;
		} else {
			n = ct_utf8_decode(s + i, len - i, &cp, &blen);
		}
		if (n) {
			ct_buf_put(out, s + i, n);
			if (!is_inert(cp))
				inert = 0;
			i += n;
		} else {
			if (first == SIZE_MAX)
				first = i;
			bad++;
			put_cp(out, REPLACEMENT);
			i += blen;
		}
	}
	if (from != SIZE_MAX && (fold || !inert) && !ct_buf_oom(out))
		rc = normalize_tail(out, from, &sc, fold);
cleanup:
	free(sc.cps);
	if (rc == 0 && ct_buf_oom(out))
		rc = ct_error_set(CT_ENOMEM, "out of memory");
	if (n_bad)
		*n_bad = bad;
	if (first_bad)
		*first_bad = first;
	return rc;
}

/* Whether the stretch s[from..to) (valid UTF-8) is its own NFC form, as normalize_tail would
 * write it: normalised in tmp and compared. 1 yes, 0 no, negative on an error. */
static int stretch_is_nfc(const unsigned char *s, size_t from, size_t to, ct_buf *tmp, scratch *sc)
{
	int rc;
	ct_buf_clear(tmp);
	if (ct_buf_put(tmp, s + from, to - from) < 0)
		return ct_error_set(CT_ENOMEM, "out of memory");
	if ((rc = normalize_tail(tmp, 0, sc, 0)) < 0)
		return rc;
	return tmp->len == to - from && !memcmp(tmp->ptr, s + from, to - from);
}

int ct_text_is_clean(const char *in, size_t len)
{
	const unsigned char *s = (const unsigned char *)in;
	scratch sc = { NULL, 0 };
	ct_buf tmp = CT_BUF_INIT;
	size_t i = 0;
	int rc = 1;

	if (len >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF)
		return 0;
	while (i < len && rc == 1) {
		/* a stretch as transcode takes it: the non-ASCII bytes up to the next ASCII one, with
		 * the ASCII character before them (the base a combining mark may belong to) */
		size_t from, n, bad;
		int inert = 1;
		int32_t cp;
		i = ascii_run(s, i, len, 0);
		if (i >= len)
			break;
		if (s[i] < 0x80) {
			rc = 0;   /* a NUL or a CR */
			break;
		}
		from = i > 0 ? i - 1 : 0;
		while (i < len && s[i] >= 0x80) {
			if (!(n = ct_utf8_decode(s + i, len - i, &cp, &bad))) {
				rc = 0;
				break;
			}
			inert &= is_inert(cp);
			i += n;
		}
		if (rc == 1 && !inert)
			rc = stretch_is_nfc(s, from, i, &tmp, &sc);
	}
	free(sc.cps);
	ct_buf_release(&tmp);
	return rc;
}

int ct_text_clean(ct_buf *out, const char *in, size_t len, size_t *n_bad, size_t *first_bad)
{
	return transcode(out, in, len, 0, n_bad, first_bad);
}

int ct_text_fold(ct_buf *out, const char *in, size_t len)
{
	return transcode(out, in, len, 1, NULL, NULL);
}
