/* Record ids, desk paths and canonical encoding: see record.h.
 * Paths are built only from ids that passed validation, never from raw input. */
#include "record/record.h"
#include "record/print.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include <nettle/sha2.h>

#include "util/err.h"

struct ct_embedded_schema {
	const char *name;
	const char *text;
};
extern const struct ct_embedded_schema ct_embedded_schemas[];

static int id_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '.' || c == '_' || c == '-';
}

const char *ct_source_id_problem(const char *id)
{
	size_t i, n = strlen(id);
	if (!n)
		return "it is empty";
	if (n > CT_SOURCE_ID_MAX)
		return "it is longer than 64 characters";
	if (!((id[0] >= 'a' && id[0] <= 'z') || (id[0] >= 'A' && id[0] <= 'Z') || (id[0] >= '0' && id[0] <= '9')))
		return "it must start with a letter or a digit";
	for (i = 0; i < n; i++)
		if (!id_char(id[i]))
			return "only letters, digits, '.', '_' and '-' are allowed";
	if (strstr(id, ".."))
		return "'..' is not allowed";
	if (n >= 5 && !strcmp(id + n - 5, ".lock"))
		return "it must not end in '.lock'";
	return NULL;
}

int ct_source_id_valid(const char *id)
{
	return ct_source_id_problem(id) == NULL;
}

void ct_source_id_from_file(ct_buf *out, const char *path)
{
	const char *base = strrchr(path, '/'), *dot;
	size_t i, n;
	int dash = 0;
	base = base ? base + 1 : path;
	dot = strrchr(base, '.');
	n = (dot && dot != base) ? (size_t)(dot - base) : strlen(base);
	for (i = 0; i < n; i++) {
		if (id_char(base[i])) {
			ct_buf_putc(out, base[i]);
			dash = 0;
		} else if (!dash) {
			ct_buf_putc(out, '-');
			dash = 1;
		}
	}
}

int ct_date_valid(const char *s)
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int y, m, d, i;
	for (i = 0; i < 10; i++) {
		if (i == 4 || i == 7) {
			if (s[i] != '-')
				return 0;
		} else if (s[i] < '0' || s[i] > '9')
			return 0;
	}
	if (s[10])
		return 0;
	y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	m = (s[5] - '0') * 10 + (s[6] - '0');
	d = (s[8] - '0') * 10 + (s[9] - '0');
	if (y < 1 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
		return 0;
	if (m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 0;
	return 1;
}

int ct_url_valid(const char *s)
{
	const char *p = s;
	size_t n = strlen(s);
	if (!n || n > 2000)
		return 0;
	if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')))
		return 0;
	while ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
	       *p == '+' || *p == '-' || *p == '.')
		p++;
	if (*p != ':' || !p[1])
		return 0;
	/* RFC 3986 has no place for these unencoded: a pasted link holding them is refused rather than
	 * stored as something no browser would request. */
	for (p = s; *p; p++)
		if ((unsigned char)*p <= ' ' || *p == 0x7f || strchr("\"<>\\^`{|}", *p))
			return 0;
	return 1;
}

/* n bytes as 2n lower-case hex digits and a NUL (what "%02x" per byte writes). */
static void hex_of(char *out, const unsigned char *sum, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	size_t i;
	for (i = 0; i < n; i++) {
		out[2 * i] = hex[sum[i] >> 4];
		out[2 * i + 1] = hex[sum[i] & 15];
	}
	out[2 * n] = '\0';
}

void ct_sha256_hex(char out[65], const void *data, size_t len)
{
	struct sha256_ctx ctx;
	unsigned char sum[SHA256_DIGEST_SIZE];
	sha256_init(&ctx);
	sha256_update(&ctx, len, data);
	sha256_digest(&ctx, sizeof(sum), sum);
	hex_of(out, sum, SHA256_DIGEST_SIZE);
}

void ct_source_shard(char out[3], const char *source_id)
{
	char hex[65];
	ct_sha256_hex(hex, source_id, strlen(source_id));
	out[0] = hex[0];
	out[1] = hex[1];
	out[2] = '\0';
}

void ct_source_path(ct_buf *out, const char *source_id)
{
	char shard[3];
	ct_source_shard(shard, source_id);
	ct_buf_printf(out, "sources/%s/%s.json", shard, source_id);
}

void ct_source_text_path(ct_buf *out, const char *source_id)
{
	char shard[3];
	ct_source_shard(shard, source_id);
	ct_buf_printf(out, "sources/%s/%s.txt", shard, source_id);
}

void ct_claim_dir(ct_buf *out, const char *source_id)
{
	char shard[3];
	ct_source_shard(shard, source_id);
	ct_buf_printf(out, "claims/%s/%s/", shard, source_id);
}

void ct_claim_path(ct_buf *out, const char *source_id, const char *claim_id)
{
	ct_claim_dir(out, source_id);
	ct_buf_printf(out, "%s.json", claim_id);
}

void ct_claim_id(char out[CT_CLAIM_ID_LEN + 1], const char *source_id, const char *text, unsigned n)
{
	struct sha256_ctx ctx;
	unsigned char sum[SHA256_DIGEST_SIZE];
	char num[16];
	int len;
	sha256_init(&ctx);
	sha256_update(&ctx, strlen(source_id) + 1, (const uint8_t *)source_id);
	sha256_update(&ctx, strlen(text) + 1, (const uint8_t *)text);
	len = snprintf(num, sizeof(num), "%u", n);
	sha256_update(&ctx, (size_t)len, (const uint8_t *)num);
	sha256_digest(&ctx, sizeof(sum), sum);
	hex_of(out, sum, CT_CLAIM_ID_LEN / 2);
}

static int is_hex2(const char *p)
{
	int i;
	for (i = 0; i < 2; i++)
		if (!((p[i] >= '0' && p[i] <= '9') || (p[i] >= 'a' && p[i] <= 'f')))
			return 0;
	return p[2] == '/';
}

enum ct_record_kind ct_record_kind_of_path(const char *path)
{
	size_t n = strlen(path);
	if (!strcmp(path, "desk.json"))
		return CT_REC_DESK;
	if (n < 6 || strcmp(path + n - 5, ".json"))
		return CT_REC_NONE;
	if (!strncmp(path, "sources/", 8) && is_hex2(path + 8) && !strchr(path + 11, '/'))
		return CT_REC_SOURCE;
	if (!strncmp(path, "claims/", 7) && is_hex2(path + 7)) {
		const char *slash = strchr(path + 10, '/');
		if (slash && !strchr(slash + 1, '/'))
			return CT_REC_CLAIM;
	}
	if (!strncmp(path, "reviews/", 8) && is_hex2(path + 8)) {
		const char *slash = strchr(path + 11, '/');
		if (slash && !strchr(slash + 1, '/'))
			return CT_REC_REVIEW;
	}
	return CT_REC_NONE;
}

/* A number JSON cannot write (cJSON prints infinity and NaN as null, which reads back as
 * another record), anywhere in rec. */
static int has_nonfinite(const cJSON *rec)
{
	const cJSON *c;
	if (cJSON_IsNumber(rec) && !isfinite(rec->valuedouble))
		return 1;
	for (c = rec ? rec->child : NULL; c; c = c->next)
		if (has_nonfinite(c))
			return 1;
	return 0;
}

int ct_record_encode(ct_buf *out, const cJSON *record)
{
	int r;
	if (has_nonfinite(record))
		return ct_error_set(CT_EINPUT, "a number of the record is out of range (infinite or not a number)");
	/* cJSON_Print's bytes (record/print.h), without its printf and sscanf for every number */
	if ((r = ct_json_print(out, record, 0)) == -2)
		return ct_error_set(CT_EINPUT, "the record holds a value JSON cannot write");
	ct_buf_putc(out, '\n');
	return r < 0 || ct_buf_oom(out) < 0 ? ct_error_set(CT_ENOMEM, "out of memory") : 0;
}

int ct_record_duplicate_key(const cJSON *rec, ct_buf *name)
{
	const cJSON *a, *b;
	if (!rec)
		return 0;
	for (a = rec->child; a; a = a->next) {
		if (cJSON_IsObject(rec) && a->string)
			for (b = a->next; b; b = b->next)
				if (b->string && !strcmp(a->string, b->string)) {
					size_t i;
					for (i = 0; name && a->string[i] && i < 64; i++) {
						unsigned char c = (unsigned char)a->string[i];
						ct_buf_putc(name, c < 0x20 || c == 0x7f ? '?' : (char)c);
					}
					return 1;
				}
		if (ct_record_duplicate_key(a, name))
			return 1;
	}
	return 0;
}

const char *ct_record_schema_text(const char *name)
{
	const struct ct_embedded_schema *s;
	for (s = ct_embedded_schemas; s->name; s++)
		if (!strcmp(s->name, name))
			return s->text;
	return NULL;
}
