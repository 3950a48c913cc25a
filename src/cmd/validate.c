/* claimtrack validate: every record against its JSON Schema and the desk's invariants (ids match
 * paths and content, claims point at existing sources and spans, texts match their sha256). */
#include "cmd/cmd.h"

#include <stdlib.h>
#include <string.h>

#include "record/record.h"
#include "record/settings.h"
#include "record/schema.h"
#include "text/segment.h"
#include "util/err.h"

struct vsource {
	char id[CT_SOURCE_ID_MAX + 1];
	cJSON *rec;          /* NULL until the record is seen */
	char *text;          /* NULL until the text is seen */
	size_t text_len;
	long active_claims;
};

struct vctx {
	cJSON *schema_claim, *schema_source, *schema_review;
	struct vsource *src;
	size_t nsrc, capsrc;
	char (*claims)[CT_CLAIM_ID_LEN + 1];
	size_t nclaims, capclaims;
	long problems, bad_records, nrec[4];
	int sorted;
	ct_buf errs, flat;
};

/* Copies at most size-1 bytes of src (ids longer than a field are already reported). */
static void copy_id(char *dst, size_t size, const char *src)
{
	size_t n = strnlen(src, size - 1);
	memcpy(dst, src, n);
	dst[n] = '\0';
}

static void problem(struct vctx *v, const char *path, const char *msg)
{
	printf("%s: %s\n", path, msg);
	v->problems++;
}

static struct vsource *source_get(struct vctx *v, const char *id, int create)
{
	size_t i;
	for (i = 0; i < v->nsrc; i++)  /* sources are few next to claims; claims use the sorted lookup */
		if (!strcmp(v->src[i].id, id))
			return &v->src[i];
	if (!create)
		return NULL;
	if (v->nsrc == v->capsrc) {
		size_t cap = v->capsrc ? v->capsrc * 2 : 64;
		struct vsource *n = realloc(v->src, cap * sizeof(*n));
		if (!n)
			return NULL;
		v->src = n;
		v->capsrc = cap;
	}
	memset(&v->src[v->nsrc], 0, sizeof(v->src[0]));
	copy_id(v->src[v->nsrc].id, sizeof(v->src[0].id), id);
	return &v->src[v->nsrc++];
}

static int cmp_source(const void *a, const void *b)
{
	return strcmp(((const struct vsource *)a)->id, ((const struct vsource *)b)->id);
}

static struct vsource *source_find(struct vctx *v, const char *id)
{
	struct vsource key;
	if (!v->sorted) {
		if (v->nsrc)
			qsort(v->src, v->nsrc, sizeof(*v->src), cmp_source);
		v->sorted = 1;
	}
	copy_id(key.id, sizeof(key.id), id);
	return v->nsrc ? bsearch(&key, v->src, v->nsrc, sizeof(*v->src), cmp_source) : NULL;
}

/* Validates rec against schema; reports each violation under path. Returns 1 if valid. */
static int check_schema(struct vctx *v, const char *path, const cJSON *schema, const cJSON *rec)
{
	int n;
	const char *line;
	ct_buf_clear(&v->errs);
	if (ct_record_duplicate_key(rec, &v->errs)) {
		printf("%s: the key '%s' appears twice in one object\n", path, v->errs.ptr);
		v->problems++;
		return 0;
	}
	n = ct_schema_validate(schema, rec, &v->errs);
	if (n == 0)
		return 1;
	if (n < 0) {
		problem(v, path, ct_error_last());
		return 0;
	}
	for (line = v->errs.ptr; *line;) {
		size_t len = strcspn(line, "\n");
		printf("%s: schema: %.*s\n", path, (int)len, line);
		v->problems++;
		line += len + (line[len] ? 1 : 0);
	}
	return 0;
}

/* "dir/xx/name.ext" -> name (without extension) into out. */
static void base_name(char *out, size_t size, const char *path, const char *ext)
{
	const char *b = strrchr(path, '/');
	size_t n;
	b = b ? b + 1 : path;
	n = strlen(b) - strlen(ext);
	snprintf(out, size, "%.*s", (int)(n < size ? n : size - 1), b);
}

static const char *str_of(const cJSON *o, const char *key)
{
	const cJSON *x = cJSON_GetObjectItemCaseSensitive(o, key);
	return cJSON_IsString(x) ? x->valuestring : NULL;
}

static int on_source_file(const char *path, const char *data, size_t len, void *payload)
{
	struct vctx *v = payload;
	char id[256], shard[3];
	size_t n = strlen(path);
	int is_txt = n > 4 && !strcmp(path + n - 4, ".txt");
	struct vsource *s;
	cJSON *rec;

	if (!is_txt && ct_record_kind_of_path(path) != CT_REC_SOURCE) {
		problem(v, path, "unexpected file in sources/ (expected sources/<xx>/<id>.json or .txt)");
		return 0;
	}
	base_name(id, sizeof(id), path, is_txt ? ".txt" : ".json");
	ct_source_shard(shard, id);
	if (!ct_source_id_valid(id) || strncmp(path + 8, shard, 2)) {
		problem(v, path, "file name is not a valid source id in its shard");
		return 0;
	}
	if (!(s = source_get(v, id, 1)))
		return ct_error_set(CT_ENOMEM, "out of memory");
	v->sorted = 0;
	if (is_txt) {
		if (!(s->text = malloc(len + 1)))
			return ct_error_set(CT_ENOMEM, "out of memory");
		memcpy(s->text, data, len);
		s->text[len] = '\0';
		s->text_len = len;
		return 0;
	}
	v->nrec[CT_REC_SOURCE]++;
	if (!(rec = cJSON_ParseWithLength(data, len))) {
		problem(v, path, "not valid JSON");
		v->bad_records++;
		return 0;
	}
	if (!check_schema(v, path, v->schema_source, rec))
		v->bad_records++;
	if (str_of(rec, "id") && strcmp(str_of(rec, "id"), id))
		problem(v, path, "id does not match the file name");
	s->rec = rec;
	return 0;
}

static void check_sources(struct vctx *v)
{
	size_t i;
	ct_buf path = CT_BUF_INIT;
	for (i = 0; i < v->nsrc; i++) {
		struct vsource *s = &v->src[i];
		const cJSON *bytes;
		char sha[65];
		ct_buf_clear(&path);
		ct_source_path(&path, s->id);
		if (!s->rec) {
			ct_buf_clear(&path);
			ct_source_text_path(&path, s->id);
			problem(v, path.ptr, "text without a source record");
			continue;
		}
		if (!s->text) {
			problem(v, path.ptr, "the source's text file is missing");
			continue;
		}
		ct_sha256_hex(sha, s->text, s->text_len);
		if (!str_of(s->rec, "sha256") || strcmp(sha, str_of(s->rec, "sha256")))
			problem(v, path.ptr, "sha256 does not match the stored text");
		bytes = cJSON_GetObjectItemCaseSensitive(s->rec, "bytes");
		if (cJSON_IsNumber(bytes) && bytes->valuedouble != (double)s->text_len)
			problem(v, path.ptr, "bytes does not match the stored text");
		ct_buf_clear(&path);
		ct_source_text_path(&path, s->id);
		if (str_of(s->rec, "text") && strcmp(str_of(s->rec, "text"), path.ptr))
			problem(v, path.ptr, "the record's text path is not where its text is");
	}
	ct_buf_release(&path);
}

static int claim_id_matches(const char *id, const char *source, const char *text)
{
	char want[CT_CLAIM_ID_LEN + 1];
	unsigned n;
	for (n = 0; n < 64; n++) {
		ct_claim_id(want, source, text, n);
		if (!strcmp(want, id))
			return 1;
	}
	return 0;
}

static void check_claim(struct vctx *v, const char *path, const cJSON *rec, const char *id, const char *dir_source)
{
	const char *source = str_of(rec, "source"), *text = str_of(rec, "text"), *status = str_of(rec, "status");
	const cJSON *span = cJSON_GetObjectItemCaseSensitive(rec, "span");
	const cJSON *sv = cJSON_GetObjectItemCaseSensitive(rec, "source_version"), *cur;
	struct vsource *s;

	if (str_of(rec, "id") && strcmp(str_of(rec, "id"), id))
		problem(v, path, "id does not match the file name");
	if (!source || !text)
		return;
	if (strcmp(source, dir_source))
		problem(v, path, "source does not match the folder the claim is in");
	if (!(s = source_find(v, source)) || !s->rec) {
		problem(v, path, "claim of a source that does not exist");
		return;
	}
	if (!claim_id_matches(id, source, text))
		problem(v, path, "id is not derived from the claim's source and text (edited by hand?)");
	if (status && !strcmp(status, "active"))
		s->active_claims++;
	/* Spans refer to the text of the source version the claim came from: check current ones. */
	cur = cJSON_GetObjectItemCaseSensitive(s->rec, "version");
	if (cJSON_IsNumber(sv) && cJSON_IsNumber(cur) && sv->valuedouble > cur->valuedouble) {
		problem(v, path, "source_version is newer than the source's version");
		return;
	}
	if (s->text && cJSON_GetArraySize(span) == 2 && status && !strcmp(status, "active") &&
	    cJSON_IsNumber(cJSON_GetArrayItem(span, 0)) && cJSON_IsNumber(cJSON_GetArrayItem(span, 1)) &&
	    (!cJSON_IsNumber(sv) || !cJSON_IsNumber(cur) || sv->valuedouble == cur->valuedouble)) {
		double a = cJSON_GetArrayItem(span, 0)->valuedouble, b = cJSON_GetArrayItem(span, 1)->valuedouble;
		if (a < 0 || b < a || b > (double)s->text_len) {
			problem(v, path, "span lies outside the source text");
			return;
		}
		ct_buf_clear(&v->flat);
		ct_segment_flatten(&v->flat, s->text, (size_t)a, (size_t)b);
		if (strcmp(v->flat.ptr, text))
			problem(v, path, "text does not match the span of the source text");
	}
}

static int on_record_file(const char *path, const char *data, size_t len, void *payload)
{
	struct vctx *v = payload;
	enum ct_record_kind kind = ct_record_kind_of_path(path);
	char id[256], src[256];
	cJSON *rec;
	long before = v->problems;

	if (kind != CT_REC_CLAIM && kind != CT_REC_REVIEW) {
		problem(v, path, "unexpected file (records are claims/<xx>/<source>/<id>.json and reviews/<cc>/<claim>/<key>.json)");
		return 0;
	}
	v->nrec[kind]++;
	base_name(id, sizeof(id), path, ".json");
	if (!(rec = cJSON_ParseWithLength(data, len))) {
		problem(v, path, "not valid JSON");
		v->bad_records++;
		return 0;
	}
	if (kind == CT_REC_CLAIM) {
		const char *a = path + 10, *b = strchr(a, '/');
		snprintf(src, sizeof(src), "%.*s", (int)(b - a), a);
		check_schema(v, path, v->schema_claim, rec);
		check_claim(v, path, rec, id, src);
		if (v->nclaims == v->capclaims) {
			size_t cap = v->capclaims ? v->capclaims * 2 : 1024;
			void *n = realloc(v->claims, cap * sizeof(*v->claims));
			if (!n) {
				cJSON_Delete(rec);
				return ct_error_set(CT_ENOMEM, "out of memory");
			}
			v->claims = n;
			v->capclaims = cap;
		}
		copy_id(v->claims[v->nclaims++], CT_CLAIM_ID_LEN + 1, id);
	} else {
		const char *claim = str_of(rec, "claim"), *a = path + 11, *b = strchr(a, '/');
		check_schema(v, path, v->schema_review, rec);
		if (claim && (strlen(claim) != (size_t)(b - a) || strncmp(claim, a, (size_t)(b - a))))
			problem(v, path, "claim does not match the folder the review is in");
	}
	if (v->problems > before)
		v->bad_records++;
	cJSON_Delete(rec);
	return 0;
}

static int cmp_id(const void *a, const void *b)
{
	return strcmp(a, b);
}

static int on_review_claim(struct vctx *v, const char *path, const char *data, size_t len)
{
	cJSON *rec = cJSON_ParseWithLength(data, len);
	const char *claim = rec ? str_of(rec, "claim") : NULL;
	if (claim && (!v->nclaims || !bsearch(claim, v->claims, v->nclaims, sizeof(*v->claims), cmp_id)))
		problem(v, path, "review of a claim that does not exist");
	cJSON_Delete(rec);
	return 0;
}

static int on_review_file(const char *path, const char *data, size_t len, void *payload)
{
	int r = on_record_file(path, data, len, payload);
	if (r == 0 && ct_record_kind_of_path(path) == CT_REC_REVIEW)
		r = on_review_claim(payload, path, data, len);
	return r;
}

struct desk_json_ctx {
	struct vctx *v;
	int seen;
};

static int on_desk_json(const char *path, const char *data, size_t len, void *payload)
{
	struct desk_json_ctx *c = payload;
	cJSON *d;
	if (strcmp(path, "desk.json"))
		return 0;
	c->seen = 1;
	d = cJSON_ParseWithLength(data, len);
	if (!d || !cJSON_IsNumber(cJSON_GetObjectItemCaseSensitive(d, "format")))
		problem(c->v, "desk.json", "not a JSON object with a numeric format");
	else if (cJSON_GetObjectItemCaseSensitive(d, "format")->valueint != 1)
		problem(c->v, "desk.json", "unknown desk format (this claimtrack knows format 1)");
	else if (ct_settings_check(d) < 0)
		problem(c->v, "desk.json", ct_error_last());
	cJSON_Delete(d);
	return 0;
}

/* desk.json of HEAD, or of the git index with staged. */
static int check_desk_json(struct vctx *v, ct_desk *desk, int staged)
{
	struct desk_json_ctx c = { v, 0 };
	int r = ct_desk_foreach_file(desk, NULL, staged, "desk.json", on_desk_json, &c);
	if (r < 0)
		return r;
	if (!c.seen)
		problem(v, "desk.json", "missing");
	return 0;
}

int ct_cmd_validate(int argc, char **argv, struct ct_ctx *ctx)
{
	int staged = 0, n, r;
	const struct ct_option opts[] = {
		{ 0, "staged", CT_OPT_FLAG, &staged, NULL, "check the git index (what would be committed), for hooks" },
		{ 0 }
	};
	const struct ct_usage u = { "validate", "[--staged]",
		"Checks every record of HEAD (or of the git index) against its JSON Schema and the desk's\n"
		"invariants, and names each bad record. Exits 1 when anything is wrong.", opts, 0, 0 };
	struct vctx v;
	ct_desk *desk;
	size_t i;

	if ((r = ct_parse_options(&u, argc, argv, &n)) != 0)
		return r == CT_PARSE_HELP ? 0 : -r;
	memset(&v, 0, sizeof(v));
	ct_buf_init(&v.errs);
	ct_buf_init(&v.flat);
	v.schema_claim = cJSON_Parse(ct_record_schema_text("claim"));
	v.schema_source = cJSON_Parse(ct_record_schema_text("source"));
	v.schema_review = cJSON_Parse(ct_record_schema_text("review"));
	if (!v.schema_claim || !v.schema_source || !v.schema_review) {
		r = ct_cmd_error(CT_EXIT_FAIL, "the built-in schemas cannot be parsed");
		goto done;
	}
	if ((r = ct_cmd_desk(ctx, &desk)) < 0 ||
	    (r = check_desk_json(&v, desk, staged)) < 0 ||
	    (r = ct_desk_foreach_file(desk, NULL, staged, "sources/", on_source_file, &v)) < 0) {
		r = ct_cmd_fail(r);
		goto done;
	}
	check_sources(&v);
	if ((r = ct_desk_foreach_file(desk, NULL, staged, "claims/", on_record_file, &v)) < 0) {
		r = ct_cmd_fail(r);
		goto done;
	}
	if (v.nclaims)
		qsort(v.claims, v.nclaims, sizeof(*v.claims), cmp_id);
	if ((r = ct_desk_foreach_file(desk, NULL, staged, "reviews/", on_review_file, &v)) < 0) {
		r = ct_cmd_fail(r);
		goto done;
	}
	for (i = 0; i < v.nsrc; i++) {
		const cJSON *c = v.src[i].rec ? cJSON_GetObjectItemCaseSensitive(v.src[i].rec, "claims") : NULL;
		if (cJSON_IsNumber(c) && c->valuedouble != (double)v.src[i].active_claims) {
			ct_buf p = CT_BUF_INIT;
			char msg[128];
			ct_source_path(&p, v.src[i].id);
			snprintf(msg, sizeof(msg), "claims is %.0f but the desk holds %ld active claims of this source",
				 c->valuedouble, v.src[i].active_claims);
			problem(&v, p.ptr, msg);
			ct_buf_release(&p);
		}
	}
	if (v.problems) {
		fprintf(stderr, "claimtrack: validate: %ld problem%s\n", v.problems, v.problems == 1 ? "" : "s");
		r = CT_EXIT_FAIL;
	} else {
		printf("ok: sources: %ld, claims: %ld, reviews: %ld\n", v.nrec[CT_REC_SOURCE], v.nrec[CT_REC_CLAIM],
		       v.nrec[CT_REC_REVIEW]);
		r = 0;
	}
done:
	for (i = 0; i < v.nsrc; i++) {
		cJSON_Delete(v.src[i].rec);
		free(v.src[i].text);
	}
	free(v.src);
	free(v.claims);
	cJSON_Delete(v.schema_claim);
	cJSON_Delete(v.schema_source);
	cJSON_Delete(v.schema_review);
	ct_buf_release(&v.errs);
	ct_buf_release(&v.flat);
	return r;
}
