/* Unit tests for src/record/record: source id rules, ids from file names, dates, URLs, SHA-256
 * against published vectors, shards and desk paths, claim ids, path kinds, canonical encoding and
 * the embedded schemas. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>

#include "record/record.h"
#include "util/buf.h"

static void test_source_id_valid(void **state)
{
	static const char *const good[] = {
		"a", "Z", "7", "abc", "reuters-2024-01-02", "a.b_c-d", "A1", "a.", "x_", "lock", "a.locks",
		"report.lock.v2",
	};
	static const char *const bad[] = {
		"", "..", "a..b", "a/b", "/abs", "a b", " a", "a ", ".hidden", "-x", "_x", "x.lock",
		"a\tb", "a\nb", "caf\xc3\xa9", "a:b", "a\\b", "a*b", "..a", "a..", ".lock",
	};
	char id[CT_SOURCE_ID_MAX + 2];
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(good) / sizeof(*good); i++) {
		if (!ct_source_id_valid(good[i]))
			fail_msg("'%s' should be valid: %s", good[i], ct_source_id_problem(good[i]));
		assert_null(ct_source_id_problem(good[i]));
	}
	for (i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		if (ct_source_id_valid(bad[i]))
			fail_msg("'%s' should be invalid", bad[i]);
		assert_non_null(ct_source_id_problem(bad[i]));
		assert_true(strlen(ct_source_id_problem(bad[i])) > 0);
	}
	/* 64 characters is the limit. */
	memset(id, 'a', CT_SOURCE_ID_MAX);
	id[CT_SOURCE_ID_MAX] = '\0';
	assert_true(ct_source_id_valid(id));
	id[CT_SOURCE_ID_MAX] = 'b';
	id[CT_SOURCE_ID_MAX + 1] = '\0';
	assert_int_equal(strlen(id), 65);
	assert_false(ct_source_id_valid(id));
	assert_non_null(strstr(ct_source_id_problem(id), "64"));
}

static void test_source_id_problem_messages(void **state)
{
	(void)state;
	assert_non_null(strstr(ct_source_id_problem(""), "empty"));
	assert_non_null(strstr(ct_source_id_problem("a..b"), ".."));
	assert_non_null(strstr(ct_source_id_problem("x.lock"), ".lock"));
	assert_non_null(strstr(ct_source_id_problem(".x"), "start"));
	assert_non_null(strstr(ct_source_id_problem("a/b"), "allowed"));
}

static void from_file_is(const char *path, const char *want)
{
	ct_buf b = CT_BUF_INIT;
	ct_source_id_from_file(&b, path);
	if (strcmp(b.ptr, want))
		fail_msg("ct_source_id_from_file(\"%s\") = \"%s\", want \"%s\"", path, b.ptr, want);
	ct_buf_release(&b);
}

static void test_source_id_from_file(void **state)
{
	ct_buf b = CT_BUF_INIT;
	(void)state;
	from_file_is("story.txt", "story");
	from_file_is("/home/me/news/reuters-2024-01-02.txt", "reuters-2024-01-02");
	from_file_is("dir.d/file", "file");
	from_file_is("a.tar.gz", "a.tar");
	from_file_is("My Report (final).pdf", "My-Report-final-");
	from_file_is("a   b\t\tc.md", "a-b-c");
	from_file_is("caf\xc3\xa9 noir.txt", "caf-noir");
	from_file_is("noext", "noext");
	/* A leading dot is not an extension. */
	from_file_is(".bashrc", ".bashrc");
	from_file_is("dir/", "");
	/* Appends to what is there. */
	ct_buf_puts(&b, "x-");
	ct_source_id_from_file(&b, "y.txt");
	assert_string_equal(b.ptr, "x-y");
	ct_buf_release(&b);
	/* The derived ids of ordinary names are valid ids. */
	ct_source_id_from_file(&b, "/tmp/Some Story, part 2.html");
	assert_string_equal(b.ptr, "Some-Story-part-2");
	assert_true(ct_source_id_valid(b.ptr));
	ct_buf_release(&b);
}

static void test_date_valid(void **state)
{
	static const char *const good[] = {
		"2024-02-29", "2000-02-29", "2025-01-01", "2025-12-31", "2025-04-30", "0001-01-01",
		"1999-11-30", "2025-02-28",
	};
	static const char *const bad[] = {
		"2025-02-29", "1900-02-29", "2100-02-29", "2025-13-01", "2025-00-10", "2025-01-00",
		"2025-01-32", "2025-04-31", "2025-06-31", "0000-01-01", "2025-1-01", "2025-01-1",
		"25-01-01", "2025/01/01", "2025-01-01 ", " 2025-01-01", "2025-01-01T00:00", "", "2025",
		"2025-01-", "abcd-ef-gh", "2025-0a-01", "20250101",
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(good) / sizeof(*good); i++)
		if (!ct_date_valid(good[i]))
			fail_msg("'%s' should be a valid date", good[i]);
	for (i = 0; i < sizeof(bad) / sizeof(*bad); i++)
		if (ct_date_valid(bad[i]))
			fail_msg("'%s' should not be a valid date", bad[i]);
}

static void test_url_valid(void **state)
{
	static const char *const good[] = {
		"https://example.com/a?b=c#d", "http://x", "mailto:someone@example.org", "urn:isbn:0451450523",
		"git+ssh://host/repo", "a:b", "HTTP://EXAMPLE.COM",
	};
	static const char *const bad[] = {
		"", "http:", "example.com", "/relative/path", "://x", "1http://x", "-x:y", "http://exa mple",
		"http://x\t", "http://x\n", "http://x\x7f", " http://x", "ht tp://x", "http//x",
	};
	char *url;
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(good) / sizeof(*good); i++)
		if (!ct_url_valid(good[i]))
			fail_msg("'%s' should be a valid URL", good[i]);
	for (i = 0; i < sizeof(bad) / sizeof(*bad); i++)
		if (ct_url_valid(bad[i]))
			fail_msg("'%s' should not be a valid URL", bad[i]);
	/* At most 2000 bytes. */
	url = malloc(2002);
	assert_non_null(url);
	memcpy(url, "https://e/", 10);
	memset(url + 10, 'a', 1990);
	url[2000] = '\0';
	assert_true(ct_url_valid(url));
	url[2000] = 'a';
	url[2001] = '\0';
	assert_false(ct_url_valid(url));
	free(url);
}

static void sha_is(const void *data, size_t len, const char *want)
{
	char out[65];
	memset(out, 'X', sizeof(out));
	ct_sha256_hex(out, data, len);
	assert_int_equal(out[64], '\0');
	assert_string_equal(out, want);
}

static void test_sha256_vectors(void **state)
{
	/* FIPS 180-2 / NIST test vectors. */
	static const char two_blocks[] = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
	char *million;
	(void)state;
	sha_is("", 0, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	sha_is("abc", 3, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	sha_is(two_blocks, strlen(two_blocks), "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
	million = malloc(1000000);
	assert_non_null(million);
	memset(million, 'a', 1000000);
	sha_is(million, 1000000, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
	free(million);
	/* Binary data with NULs is hashed by length, not as a string. */
	/* `printf 'a\0b' | sha256sum` */
	sha_is("a\0b", 3, "59b271ae1bbcb1d31d41929817f4b16fb439eb4f31520b5ad1d5ce98920a7138");
}

static void test_shard_and_paths(void **state)
{
	ct_buf b = CT_BUF_INIT;
	char shard[3], hex[65];
	(void)state;
	/* sha256("abc") starts with "ba". */
	ct_source_shard(shard, "abc");
	assert_string_equal(shard, "ba");
	ct_sha256_hex(hex, "reuters-1", 9);
	ct_source_shard(shard, "reuters-1");
	assert_int_equal(strlen(shard), 2);
	assert_memory_equal(shard, hex, 2);

	ct_source_path(&b, "abc");
	assert_string_equal(b.ptr, "sources/ba/abc.json");
	ct_buf_clear(&b);
	ct_source_text_path(&b, "abc");
	assert_string_equal(b.ptr, "sources/ba/abc.txt");
	ct_buf_clear(&b);
	ct_claim_dir(&b, "abc");
	assert_string_equal(b.ptr, "claims/ba/abc/");
	ct_buf_clear(&b);
	ct_claim_path(&b, "abc", "0123456789abcdef");
	assert_string_equal(b.ptr, "claims/ba/abc/0123456789abcdef.json");
	/* Builders append. */
	ct_buf_clear(&b);
	ct_buf_puts(&b, "x/");
	ct_source_path(&b, "abc");
	assert_string_equal(b.ptr, "x/sources/ba/abc.json");
	ct_buf_release(&b);
}

static int is_lower_hex(const char *s, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	return s[n] == '\0';
}

static void test_claim_id(void **state)
{
	char a[CT_CLAIM_ID_LEN + 1], b[CT_CLAIM_ID_LEN + 1], c[CT_CLAIM_ID_LEN + 1];
	(void)state;
	memset(a, 'X', sizeof(a));
	ct_claim_id(a, "src", "The sky is blue.", 0);
	assert_int_equal(strlen(a), CT_CLAIM_ID_LEN);
	assert_true(is_lower_hex(a, CT_CLAIM_ID_LEN));
	/* Deterministic. */
	ct_claim_id(b, "src", "The sky is blue.", 0);
	assert_string_equal(a, b);
	/* Differs with n, with the source and with the text. */
	ct_claim_id(b, "src", "The sky is blue.", 1);
	assert_string_not_equal(a, b);
	ct_claim_id(c, "src", "The sky is blue.", 2);
	assert_string_not_equal(b, c);
	assert_string_not_equal(a, c);
	ct_claim_id(b, "src2", "The sky is blue.", 0);
	assert_string_not_equal(a, b);
	ct_claim_id(b, "src", "The sky is blue!", 0);
	assert_string_not_equal(a, b);
	/* The NUL separators keep (source, text) pairs apart. */
	ct_claim_id(b, "ab", "c", 0);
	ct_claim_id(c, "a", "bc", 0);
	assert_string_not_equal(b, c);
	/* n = 1 vs 11 and text ending in a digit. */
	ct_claim_id(b, "s", "t", 11);
	ct_claim_id(c, "s", "t", 1);
	assert_string_not_equal(b, c);
	/* Pinned value: the first 16 hex digits of sha256("x\0hello\0" "0"), as computed by
	 * `printf 'x\0hello\0%s' 0 | sha256sum`. Ids are stored in desks, so they must never change. */
	ct_claim_id(a, "x", "hello", 0);
	assert_string_equal(a, "d54af8646b290d3d");
	{
		char hex[65];
		ct_sha256_hex(hex, "x\0hello\0" "7", 9);
		ct_claim_id(b, "x", "hello", 7);
		assert_memory_equal(b, hex, CT_CLAIM_ID_LEN);
		ct_sha256_hex(hex, "x\0hello\0" "4294967295", 18);
		ct_claim_id(b, "x", "hello", 4294967295u);
		assert_memory_equal(b, hex, CT_CLAIM_ID_LEN);
	}
}

static void test_record_kind_of_path(void **state)
{
	struct {
		const char *path;
		enum ct_record_kind kind;
	} cases[] = {
		{ "desk.json", CT_REC_DESK },
		{ "sources/ab/x.json", CT_REC_SOURCE },
		{ "sources/09/reuters-1.json", CT_REC_SOURCE },
		{ "claims/ab/x/0123456789abcdef.json", CT_REC_CLAIM },
		{ "reviews/cd/0123456789abcdef/abc.json", CT_REC_REVIEW },
		{ "sources/ab/x.txt", CT_REC_NONE },
		{ "sources/AB/x.json", CT_REC_NONE },
		{ "sources/zz/x.json", CT_REC_NONE },
		{ "sources/abc/x.json", CT_REC_NONE },
		{ "sources/a/x.json", CT_REC_NONE },
		{ "sources/ab/sub/x.json", CT_REC_NONE },
		{ "sources/x.json", CT_REC_NONE },
		{ "claims/ab/x.json", CT_REC_NONE },
		{ "claims/ab/x/y/z.json", CT_REC_NONE },
		{ "claims/ab/x/y.txt", CT_REC_NONE },
		{ "reviews/ab/x.json", CT_REC_NONE },
		{ "reviews/ab/x/y/z.json", CT_REC_NONE },
		{ "other/ab/x.json", CT_REC_NONE },
		{ "sub/desk.json", CT_REC_NONE },
		{ "desk.json.bak", CT_REC_NONE },
		{ ".json", CT_REC_NONE },
		{ "", CT_REC_NONE },
		{ "sources/", CT_REC_NONE },
		{ "claims/ab", CT_REC_NONE },
	};
	ct_buf b = CT_BUF_INIT;
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(*cases); i++)
		if (ct_record_kind_of_path(cases[i].path) != cases[i].kind)
			fail_msg("kind of '%s' is %d, want %d", cases[i].path,
				 (int)ct_record_kind_of_path(cases[i].path), (int)cases[i].kind);
	/* The path builders and the classifier agree. */
	ct_source_path(&b, "reuters-2024");
	assert_int_equal(ct_record_kind_of_path(b.ptr), CT_REC_SOURCE);
	ct_buf_clear(&b);
	ct_source_text_path(&b, "reuters-2024");
	assert_int_equal(ct_record_kind_of_path(b.ptr), CT_REC_NONE);
	ct_buf_clear(&b);
	ct_claim_path(&b, "reuters-2024", "0123456789abcdef");
	assert_int_equal(ct_record_kind_of_path(b.ptr), CT_REC_CLAIM);
	ct_buf_release(&b);
}

static void test_record_encode(void **state)
{
	ct_buf b = CT_BUF_INIT;
	cJSON *rec = cJSON_CreateObject(), *back;
	char *printed;
	(void)state;
	assert_non_null(rec);
	cJSON_AddStringToObject(rec, "id", "abc");
	cJSON_AddNumberToObject(rec, "version", 2);
	cJSON_AddStringToObject(rec, "text", "caf\xc3\xa9 \"quoted\"\nline");
	cJSON_AddItemToObject(rec, "tags", cJSON_CreateArray());
	ct_buf_puts(&b, "prefix|");
	assert_int_equal(ct_record_encode(&b, rec), 0);
	assert_memory_equal(b.ptr, "prefix|", 7);
	/* Exactly cJSON's formatted print plus one final newline. */
	printed = cJSON_Print(rec);
	assert_non_null(printed);
	assert_int_equal(b.len, 7 + strlen(printed) + 1);
	assert_memory_equal(b.ptr + 7, printed, strlen(printed));
	assert_int_equal(b.ptr[b.len - 1], '\n');
	assert_int_not_equal(b.ptr[b.len - 2], '\n');
	cJSON_free(printed);
	/* It parses back to the same record. */
	back = cJSON_Parse(b.ptr + 7);
	assert_non_null(back);
	assert_true(cJSON_Compare(rec, back, 1));
	cJSON_Delete(back);
	/* Deterministic. */
	{
		ct_buf c = CT_BUF_INIT;
		assert_int_equal(ct_record_encode(&c, rec), 0);
		assert_string_equal(c.ptr, b.ptr + 7);
		ct_buf_release(&c);
	}
	cJSON_Delete(rec);
	ct_buf_release(&b);
}

static void test_schema_text(void **state)
{
	static const char *const names[] = { "claim", "source", "review" };
	size_t i;
	(void)state;
	for (i = 0; i < 3; i++) {
		const char *text = ct_record_schema_text(names[i]);
		cJSON *schema, *type;
		if (!text)
			fail_msg("no schema for '%s'", names[i]);
		schema = cJSON_Parse(text);
		if (!schema)
			fail_msg("schema '%s' does not parse as JSON", names[i]);
		assert_true(cJSON_IsObject(schema));
		type = cJSON_GetObjectItemCaseSensitive(schema, "type");
		assert_true(cJSON_IsString(type));
		assert_string_equal(type->valuestring, "object");
		assert_non_null(cJSON_GetObjectItemCaseSensitive(schema, "properties"));
		cJSON_Delete(schema);
	}
	assert_null(ct_record_schema_text("nope"));
	assert_null(ct_record_schema_text(""));
	assert_null(ct_record_schema_text("Claim"));
	assert_ptr_not_equal(ct_record_schema_text("claim"), ct_record_schema_text("source"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_source_id_valid),
		cmocka_unit_test(test_source_id_problem_messages),
		cmocka_unit_test(test_source_id_from_file),
		cmocka_unit_test(test_date_valid),
		cmocka_unit_test(test_url_valid),
		cmocka_unit_test(test_sha256_vectors),
		cmocka_unit_test(test_shard_and_paths),
		cmocka_unit_test(test_claim_id),
		cmocka_unit_test(test_record_kind_of_path),
		cmocka_unit_test(test_record_encode),
		cmocka_unit_test(test_schema_text),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
