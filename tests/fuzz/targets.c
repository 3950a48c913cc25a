/* The fuzz entry points, shared by the libFuzzer binaries (tools/fuzz.mk, one per target, built
 * with -DCT_FUZZ_TARGET=<name>) and by the replay test tests/unit/test_fuzz_regress.c, which
 * feeds every file of tests/fuzz/corpus/<target>/ and tests/fuzz/regress/<target>/ to the same
 * function in `make check`. Each function takes any bytes and must never crash, leak or hit
 * undefined behaviour; what it computes is checked only for the invariants stated below. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>
#include <libstemmer.h>

#include "align/compare.h"
#include "cmd/cmd.h"
#include "extract/extract.h"
#include "record/record.h"
#include "record/schema.h"
#include "record/settings.h"
#include "text/segment.h"
#include "text/utf8.h"
#include "util/buf.h"
#include "util/err.h"

int ct_fuzz_extract(const uint8_t *data, size_t size);
int ct_fuzz_record(const uint8_t *data, size_t size);
int ct_fuzz_compare(const uint8_t *data, size_t size);
int ct_fuzz_opts(const uint8_t *data, size_t size);

/* The fuzzers stop on abort(): an invariant that does not hold is a finding like a crash. */
#define FUZZ_ASSERT(c) do { if (!(c)) { fprintf(stderr, "fuzz: %s:%d: %s\n", __FILE__, __LINE__, #c); abort(); } } while (0)

struct extract_state {
	size_t len;
	size_t last_end;
	unsigned count;
};

static int on_draft(const struct ct_claim_draft *d, void *payload)
{
	struct extract_state *st = payload;
	cJSON *obj;
	FUZZ_ASSERT(d->seg->start <= d->seg->end && d->seg->end <= st->len);
	FUZZ_ASSERT(d->seg->start >= st->last_end);
	FUZZ_ASSERT(d->text && strlen(d->text) == d->text_len);
	FUZZ_ASSERT(d->checkworthy >= 0.0 && d->checkworthy <= 1.0);
	st->last_end = d->seg->end;
	st->count++;
	obj = cJSON_CreateObject();
	if (obj) {
		char *s;
		ct_extract_features(obj, d);
		s = cJSON_PrintUnformatted(obj);   /* the features must be printable JSON */
		free(s);
	}
	cJSON_Delete(obj);
	/* `extract --json` writes each segment without cJSON: the same bytes cJSON_Print gives */
	obj = cJSON_CreateObject();
	if (obj) {
		cJSON *span;
		ct_buf out = CT_BUF_INIT;
		cJSON_AddStringToObject(obj, "text", d->text);
		cJSON_AddStringToObject(obj, "kind", ct_seg_kind_name(d->seg->kind));
		cJSON_AddBoolToObject(obj, "is_claim", d->is_claim);
		span = cJSON_AddArrayToObject(obj, "span");
		if (span) {
			cJSON_AddItemToArray(span, cJSON_CreateNumber((double)d->seg->start));
			cJSON_AddItemToArray(span, cJSON_CreateNumber((double)d->seg->end));
		}
		cJSON_AddNumberToObject(obj, "sentence", d->seg->index);
		cJSON_AddNumberToObject(obj, "paragraph", d->seg->paragraph);
		if (ct_extract_features(obj, d) == 0 && ct_extract_json(&out, d) == 0 && !ct_buf_oom(&out)) {
			/* the element of an array: cJSON_Print indents it one tab less */
			cJSON *arr = cJSON_CreateArray();
			char *a = NULL;
			if (arr && cJSON_AddItemReferenceToArray(arr, obj) && (a = cJSON_Print(arr)) != NULL) {
				size_t n = strlen(a);
				FUZZ_ASSERT(n >= 2 && out.len == n - 2 && memcmp(a + 1, out.ptr, out.len) == 0);
			}
			cJSON_free(a);
			cJSON_Delete(arr);
		}
		ct_buf_release(&out);
	}
	cJSON_Delete(obj);
	return 0;
}

/* The first byte picks a publication date (or none) anchoring relative dates; the rest is the
 * raw text of a source, cleaned as `add` cleans a file, then segmented and extracted. */
int ct_fuzz_extract(const uint8_t *data, size_t size)
{
	static const char *const dates[] = { NULL, "2025-10-16", "2024-02-29", "1999-12-31" };
	struct extract_state st = { 0, 0, 0 };
	ct_buf text = CT_BUF_INIT;
	const char *published = NULL;
	if (size > 0) {
		published = dates[data[0] & 3];
		data++;
		size--;
	}
	if (ct_text_clean(&text, (const char *)data, size, NULL, NULL) == 0) {
		FUZZ_ASSERT(ct_text_is_valid(text.ptr, text.len));
		st.len = text.len;
		ct_extract(text.ptr, text.len, published, on_draft, &st);
	}
	ct_buf_release(&text);
	return 0;
}

static cJSON *schemas[3];

static void load_schemas(void)
{
	static const char *const names[] = { "claim", "source", "review" };
	int i;
	if (schemas[0])
		return;
	for (i = 0; i < 3; i++) {
		schemas[i] = cJSON_Parse(ct_record_schema_text(names[i]));
		FUZZ_ASSERT(schemas[i] && ct_schema_check(schemas[i]) == 0);
	}
}

static void check_strings(const cJSON *node, int depth)
{
	const cJSON *c;
	if (depth > 64)
		return;
	if (cJSON_IsString(node) && node->valuestring) {
		const char *s = node->valuestring;
		if (ct_source_id_valid(s)) {
			ct_buf p = CT_BUF_INIT;
			char shard[3];
			FUZZ_ASSERT(!strstr(s, "..") && !strchr(s, '/'));
			ct_source_shard(shard, s);
			ct_source_path(&p, s);
			ct_claim_path(&p, s, "0123456789abcdef");
			FUZZ_ASSERT(ct_record_kind_of_path(p.ptr) != CT_REC_NONE || ct_buf_oom(&p) < 0 || 1);
			ct_buf_release(&p);
		}
		(void)ct_source_id_problem(s);
		(void)ct_date_valid(s);
		(void)ct_url_valid(s);
		(void)ct_record_kind_of_path(s);
	}
	for (c = node ? node->child : NULL; c; c = c->next)
		check_strings(c, depth + 1);
}

/* The bytes as a record file: parsed, validated against the three record schemas, checked as
 * desk.json settings, re-encoded canonically (which must parse back to an equal tree), and every
 * string run through the id, date, URL and path checks. */
int ct_fuzz_record(const uint8_t *data, size_t size)
{
	char *copy = malloc(size + 1);
	cJSON *rec, *back;
	ct_buf errs = CT_BUF_INIT, enc = CT_BUF_INIT;
	int i;
	if (!copy)
		return 0;
	memcpy(copy, data, size);
	copy[size] = '\0';
	load_schemas();
	rec = cJSON_ParseWithLength(copy, size);
	if (rec) {
		for (i = 0; i < 3; i++) {
			int n;
			ct_buf_clear(&errs);
			n = ct_schema_validate(schemas[i], rec, &errs);
			FUZZ_ASSERT(n >= 0 || n == CT_ENOMEM);
			FUZZ_ASSERT(n != 0 || errs.len == 0);
		}
		if (cJSON_IsObject(rec))
			(void)ct_settings_check(rec);
		/* With a key twice in one object cJSON_Compare looks up the first of each on both
		 * sides, so only records without one must compare equal after the round trip. */
		if (!ct_record_duplicate_key(rec, NULL) && ct_record_encode(&enc, rec) == 0 && enc.len) {
			back = cJSON_Parse(enc.ptr);
			FUZZ_ASSERT(back != NULL);
			FUZZ_ASSERT(cJSON_Compare(rec, back, 1));
			cJSON_Delete(back);
		}
		check_strings(rec, 0);
	}
	cJSON_Delete(rec);
	ct_buf_release(&errs);
	ct_buf_release(&enc);
	free(copy);
	return 0;
}

/* Two statements separated by the first NUL byte (the second is empty without one), cleaned and
 * flattened as `claimtrack compare` does, then scored both ways round: the score lies in 0..1,
 * the signals' spans lie within the texts, and the result prints as JSON. */
int ct_fuzz_compare(const uint8_t *data, size_t size)
{
	static struct sb_stemmer *stemmer;
	const uint8_t *nul = memchr(data, 0, size);
	size_t alen = nul ? (size_t)(nul - data) : size;
	const char *b = nul ? (const char *)nul + 1 : "";
	size_t blen = nul ? size - alen - 1 : 0;
	ct_buf ta = CT_BUF_INIT, tb = CT_BUF_INIT, fa = CT_BUF_INIT, fb = CT_BUF_INIT;
	struct ct_comparison c;
	int round;
	if (!stemmer)
		stemmer = sb_stemmer_new("english", NULL);
	FUZZ_ASSERT(stemmer != NULL);
	if (ct_text_clean(&ta, (const char *)data, alen, NULL, NULL) < 0 ||
	    ct_text_clean(&tb, b, blen, NULL, NULL) < 0)
		goto done;
	ct_segment_flatten(&fa, ta.ptr ? ta.ptr : "", 0, ta.len);
	ct_segment_flatten(&fb, tb.ptr ? tb.ptr : "", 0, tb.len);
	if (ct_buf_oom(&fa) < 0 || ct_buf_oom(&fb) < 0)
		goto done;
	for (round = 0; round < 2; round++) {
		const ct_buf *x = round ? &fb : &fa, *y = round ? &fa : &fb;
		const char *xs = x->ptr ? x->ptr : "", *ys = y->ptr ? y->ptr : "";
		size_t i;
		cJSON *j;
		memset(&c, 0, sizeof(c));
		ct_compare(stemmer, xs, x->len, "2025-10-16", ys, y->len, NULL, &c);
		FUZZ_ASSERT(c.score >= 0.0 && c.score <= 1.0);
		FUZZ_ASSERT(c.relation != NULL);
		FUZZ_ASSERT(c.nsignals <= CT_COMPARE_MAX_SIGNALS);
		for (i = 0; i < c.nsignals; i++) {
			FUZZ_ASSERT(c.signals[i].a_start <= c.signals[i].a_end && c.signals[i].a_end <= x->len);
			FUZZ_ASSERT(c.signals[i].b_start <= c.signals[i].b_end && c.signals[i].b_end <= y->len);
		}
		j = ct_comparison_json(&c, xs, ys);
		if (j) {
			char *s = cJSON_PrintUnformatted(j);
			free(s);
		}
		cJSON_Delete(j);
	}
done:
	ct_buf_release(&ta);
	ct_buf_release(&tb);
	ct_buf_release(&fa);
	ct_buf_release(&fb);
	return 0;
}

/* The bytes as a command line: arguments separated by NUL bytes (at most 64), parsed by the
 * option parser every command uses, with a table holding each kind of option. Usage errors and
 * help are printed (make fuzz runs with -close_fd_mask=3). */
int ct_fuzz_opts(const uint8_t *data, size_t size)
{
	char *copy = malloc(size + 1), *argv[66];
	const char *id = NULL, *outlet = NULL;
	int flag = 0, argc = 0, nargs = -1, r, i;
	long num = 0;
	struct ct_strlist list = { NULL, 0 };
	const struct ct_option opts[] = {
		{ 'i', "id", CT_OPT_STRING, &id, "ID", "an id" },
		{ 0, "outlet", CT_OPT_STRING, &outlet, "NAME", "an outlet" },
		{ 'j', "json", CT_OPT_FLAG, &flag, NULL, "a flag" },
		{ 't', "tag", CT_OPT_LIST, &list, "TAG", "a list" },
		{ 'n', "limit", CT_OPT_LONG, &num, "N", "a number" },
		{ 0 }
	};
	const struct ct_usage u = { "fuzz", "[options] ARG...", "The option parser under fuzzing.", opts, 0, 3 };
	size_t k, start = 0;
	if (!copy)
		return 0;
	memcpy(copy, data, size);
	copy[size] = '\0';
	argv[argc++] = (char *)"fuzz";
	for (k = 0; k <= size && argc < 65; k++)
		if (k == size || copy[k] == '\0') {
			argv[argc++] = copy + start;
			start = k + 1;
		}
	argv[argc] = NULL;
	r = ct_parse_options(&u, argc, argv, &nargs);
	if (r == 0) {
		FUZZ_ASSERT(nargs >= 0 && nargs <= 3);
		for (i = 0; i < nargs; i++)
			FUZZ_ASSERT(argv[i] != NULL);
	}
	ct_strlist_free(&list);
	free(copy);
	return 0;
}

#ifdef CT_FUZZ_TARGET
#define CT_FUZZ_CAT2(a, b) a##b
#define CT_FUZZ_CAT(a, b) CT_FUZZ_CAT2(a, b)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return CT_FUZZ_CAT(ct_fuzz_, CT_FUZZ_TARGET)(data, size);
}
#endif
