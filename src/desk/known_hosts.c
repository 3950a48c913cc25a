/* known_hosts lookup for ssh remotes: OpenSSH's file format read line by line, hashed entries
 * ("|1|salt|hmac-sha1") checked with nettle. No I/O: sync.c hands in the files' text. */
#include "desk/known_hosts.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <nettle/base64.h>
#include <nettle/hmac.h>

#include "util/buf.h"

/* Decodes base64 text[0..n) into out (at most cap bytes). Returns the length, or -1. */
static long b64(const char *text, size_t n, unsigned char *out, size_t cap)
{
	struct base64_decode_ctx ctx;
	size_t got = cap;
	if (BASE64_DECODE_LENGTH(n) > cap)
		return -1;
	base64_decode_init(&ctx);
	if (!base64_decode_update(&ctx, &got, out, n, text) || !base64_decode_final(&ctx))
		return -1;
	return (long)got;
}

/* Glob match of a host pattern (* and ?), case-insensitive, over s[0..n) and name. */
static int glob(const char *p, size_t n, const char *name)
{
	if (!n)
		return !*name;
	if (*p == '*') {
		for (;; name++) {
			if (glob(p + 1, n - 1, name))
				return 1;
			if (!*name)
				return 0;
		}
	}
	if (!*name)
		return 0;
	if (*p != '?' && tolower((unsigned char)*p) != tolower((unsigned char)*name))
		return 0;
	return glob(p + 1, n - 1, name + 1);
}

/* Whether the hashed pattern "|1|salt|hash" is name. */
static int hashed_match(const char *p, size_t n, const char *name)
{
	unsigned char salt[64], want[64], got[SHA1_DIGEST_SIZE];
	const char *bar;
	long ns, nw;
	struct hmac_sha1_ctx ctx;
	if (n < 4 || memcmp(p, "|1|", 3))
		return 0;
	p += 3;
	n -= 3;
	if (!(bar = memchr(p, '|', n)))
		return 0;
	ns = b64(p, (size_t)(bar - p), salt, sizeof(salt));
	nw = b64(bar + 1, n - (size_t)(bar - p) - 1, want, sizeof(want));
	if (ns <= 0 || nw != SHA1_DIGEST_SIZE)
		return 0;
	hmac_sha1_set_key(&ctx, (size_t)ns, salt);
	hmac_sha1_update(&ctx, strlen(name), (const unsigned char *)name);
	hmac_sha1_digest(&ctx, sizeof(got), got);
	return !memcmp(got, want, sizeof(got));
}

/* Whether the comma-separated patterns p[0..n) name host: one positive match and no negated. */
static int hosts_match(const char *p, size_t n, const char *name)
{
	const char *end = p + n;
	int yes = 0;
	while (p < end) {
		const char *comma = memchr(p, ',', (size_t)(end - p));
		size_t len = (size_t)((comma ? comma : end) - p);
		int neg = len && *p == '!';
		const char *q = neg ? p + 1 : p;
		size_t qlen = neg ? len - 1 : len;
		int m = qlen && (*q == '|' ? hashed_match(q, qlen, name) : glob(q, qlen, name));
		if (m && neg)
			return 0;
		if (m)
			yes = 1;
		p = comma ? comma + 1 : end;
	}
	return yes;
}

/* The next whitespace-separated field of line[*i..n). */
static int field(const char *line, size_t n, size_t *i, const char **f, size_t *flen)
{
	while (*i < n && (line[*i] == ' ' || line[*i] == '\t'))
		(*i)++;
	if (*i >= n)
		return 0;
	*f = line + *i;
	while (*i < n && line[*i] != ' ' && line[*i] != '\t')
		(*i)++;
	*flen = (size_t)(line + *i - *f);
	return 1;
}

enum ct_known_host ct_known_hosts_check(const char *text, size_t len, const char *host, int port,
					const unsigned char *key, size_t keylen)
{
	ct_buf name = CT_BUF_INIT;
	const char *p = text, *end = text + len;
	int named = 0, matched = 0, revoked = 0;
	unsigned char *blob = NULL;
	size_t cap = 0;

	if (port && port != 22)
		ct_buf_printf(&name, "[%s]:%d", host, port);
	else
		ct_buf_puts(&name, host);
	while (p < end && !ct_buf_oom(&name)) {
		const char *nl = memchr(p, '\n', (size_t)(end - p)), *f, *hosts, *b64key;
		size_t n = (size_t)((nl ? nl : end) - p), i = 0, flen, hlen, klen;
		int is_revoked = 0;
		long got;
		const char *line = p;

		p = nl ? nl + 1 : end;
		if (!field(line, n, &i, &f, &flen) || *f == '#')
			continue;
		if (*f == '@') {
			if (flen == 8 && !memcmp(f, "@revoked", 8))
				is_revoked = 1;
			else
				continue;   /* @cert-authority: certificates are not supported */
			if (!field(line, n, &i, &f, &flen))
				continue;
		}
		hosts = f;
		hlen = flen;
		if (!field(line, n, &i, &f, &flen) || !field(line, n, &i, &b64key, &klen))
			continue;  /* the key type, then the key */
		if (!hosts_match(hosts, hlen, name.ptr))
			continue;
		if (BASE64_DECODE_LENGTH(klen) > cap) {
			unsigned char *nb = realloc(blob, BASE64_DECODE_LENGTH(klen));
			if (!nb)
				break;
			blob = nb;
			cap = BASE64_DECODE_LENGTH(klen);
		}
		got = b64(b64key, klen, blob, cap);
		if (got < 0)
			continue;
		if ((size_t)got == keylen && !memcmp(blob, key, keylen)) {
			if (is_revoked)
				revoked = 1;
			else
				matched = 1;
		}
		if (!is_revoked)
			named = 1;
	}
	free(blob);
	ct_buf_release(&name);
	if (revoked)
		return CT_HOST_REVOKED;
	if (matched)
		return CT_HOST_MATCH;
	return named ? CT_HOST_MISMATCH : CT_HOST_UNKNOWN;
}
