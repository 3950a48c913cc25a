/* Unit tests for src/report/claimscan: the fields read without cJSON are exactly cJSON's (every
 * input is also parsed with cJSON and compared), escapes and surrogate pairs decoded, keys in any
 * order, nested values passed over, and near misses (truncated, malformed, \u0000, deep nesting)
 * left to cJSON instead of guessed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>

#include "report/claimscan.h"
#include "util/buf.h"

/* cJSON's reading of one string field: NULL when absent or not a string. */
static const char *cjson_str(const cJSON *rec, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(rec, key);
	return cJSON_IsString(v) ? v->valuestring : NULL;
}

static void same_str(const char *scanned, size_t n, const char *parsed)
{
	if (!parsed) {
		assert_null(scanned);
		return;
	}
	assert_non_null(scanned);
	assert_int_equal(n, strlen(parsed));
	assert_memory_equal(scanned, parsed, n + 1);
}

/* Scans text (len bytes); when the scanner decides it, its fields must be cJSON's. Returns what
 * rp_claim_scan returned. */
static int scan_len(const char *text, size_t len, struct rp_claim_fields *f, ct_buf *scratch)
{
	int r = rp_claim_scan(f, text, len, scratch);
	assert_true(r == 0 || r == 1);
	if (r == 1) {
		cJSON *rec = cJSON_ParseWithLength(text, len);
		const cJSON *sent;
		assert_non_null(rec);   /* what the scanner reads, cJSON reads too */
		same_str(f->id, f->id_len, cjson_str(rec, "id"));
		same_str(f->source, f->source_len, cjson_str(rec, "source"));
		same_str(f->text, f->text_len, cjson_str(rec, "text"));
		same_str(f->status, f->status_len, cjson_str(rec, "status"));
		sent = cJSON_GetObjectItemCaseSensitive(rec, "sentence");
		assert_int_equal(f->has_sentence, cJSON_IsNumber(sent));
		if (f->has_sentence)
			assert_int_equal(f->sentence, (long)sent->valuedouble);
		cJSON_Delete(rec);
	}
	return r;
}

static int scan(const char *text, struct rp_claim_fields *f, ct_buf *scratch)
{
	return scan_len(text, strlen(text), f, scratch);
}

/* The scanner must decide text (1), with cJSON's fields. */
static void decided(const char *text)
{
	struct rp_claim_fields f;
	ct_buf b = CT_BUF_INIT;
	assert_int_equal(scan(text, &f, &b), 1);
	ct_buf_release(&b);
}

/* The scanner must leave text to cJSON (0). */
static void left(const char *text)
{
	struct rp_claim_fields f;
	ct_buf b = CT_BUF_INIT;
	assert_int_equal(scan(text, &f, &b), 0);
	ct_buf_release(&b);
}

static void test_record_read(void **state)
{
	const char *rec = "{\n\t\"id\":\t\"fd8b1e42e78c06a0\",\n\t\"source\":\t\"ledger-0000282\",\n"
			  "\t\"source_version\":\t1,\n\t\"text\":\t\"\\\"It was worse,\\\" said Dario.\",\n"
			  "\t\"span\":\t[2774, 2883],\n\t\"sentence\":\t34,\n\t\"status\":\t\"active\",\n"
			  "\t\"supersedes\":\tnull,\n\t\"checkworthy\":\t0.145,\n"
			  "\t\"entities\":\t[{\"text\": \"Dario\", \"kind\": \"other\", \"span\": [47, 62]}],\n"
			  "\t\"quote\":\t{\"text\": \"It was worse,\", \"speaker\": \"Dario\"},\n"
			  "\t\"flags\":\t[true, false, null, -1.5e-3, 0, {}, []]\n}\n";
	struct rp_claim_fields f;
	ct_buf b = CT_BUF_INIT;
	(void)state;
	assert_int_equal(scan(rec, &f, &b), 1);
	assert_string_equal(f.id, "fd8b1e42e78c06a0");
	assert_string_equal(f.source, "ledger-0000282");
	assert_string_equal(f.text, "\"It was worse,\" said Dario.");
	assert_int_equal(f.text_len, strlen("\"It was worse,\" said Dario."));
	assert_string_equal(f.status, "active");
	assert_int_equal(f.has_sentence, 1);
	assert_int_equal(f.sentence, 34);
	ct_buf_release(&b);
}

static void test_keys_in_any_order(void **state)
{
	struct rp_claim_fields f;
	ct_buf b = CT_BUF_INIT;
	(void)state;
	assert_int_equal(scan("{\"sentence\":-7,\"status\":\"withdrawn\",\"text\":\"T\",\"quote\":{\"text\":\"inner\","
			      "\"id\":\"inner-id-000000\"},\"source\":\"s\",\"id\":\"0123456789abcdef\"}", &f, &b), 1);
	assert_string_equal(f.id, "0123456789abcdef");   /* not the nested one */
	assert_string_equal(f.text, "T");
	assert_string_equal(f.status, "withdrawn");
	assert_int_equal(f.sentence, -7);
	/* the first of duplicate keys counts, as in cJSON, also when it is not a string */
	assert_int_equal(scan("{\"text\":\"first\",\"text\":\"second\",\"id\":5,\"id\":\"x\"}", &f, &b), 1);
	assert_string_equal(f.text, "first");
	assert_null(f.id);
	assert_null(f.source);
	assert_int_equal(f.has_sentence, 0);
	/* a key spelt with escapes is the same key */
	assert_int_equal(scan("{\"t\\u0065xt\":\"escaped key\",\"s\\/x\":1}", &f, &b), 1);
	assert_string_equal(f.text, "escaped key");
	decided("{}");
	decided(" \r\n\t{ } ");
	decided("{\"sentence\":\"12\",\"text\":null,\"status\":[\"withdrawn\"]}");
	ct_buf_release(&b);
}

static void test_escapes_decoded(void **state)
{
	struct rp_claim_fields f;
	ct_buf b = CT_BUF_INIT;
	(void)state;
	assert_int_equal(scan("{\"text\":\"a\\\"b\\\\c\\/d\\be\\ff\\ng\\rh\\ti\"}", &f, &b), 1);
	assert_string_equal(f.text, "a\"b\\c/d\be\ff\ng\rh\ti");
	/* \u: one, two and three UTF-8 bytes, upper and lower case hex */
	assert_int_equal(scan("{\"text\":\"\\u0041\\u00e9\\u00C9\\u20ac!\"}", &f, &b), 1);
	assert_string_equal(f.text, "A\xc3\xa9\xc3\x89\xe2\x82\xac!");
	/* a surrogate pair is one code point of four bytes (U+1F600) */
	assert_int_equal(scan("{\"text\":\"x\\ud83d\\ude00y\"}", &f, &b), 1);
	assert_string_equal(f.text, "x\xf0\x9f\x98\x80y");
	assert_int_equal(f.text_len, 6);
	/* UTF-8 bytes pass through as they are */
	assert_int_equal(scan("{\"text\":\"Malm\xc3\xb6 \xe2\x80\x94 \xff\"}", &f, &b), 1);
	assert_string_equal(f.text, "Malm\xc3\xb6 \xe2\x80\x94 \xff");
	/* a long text across the scratch buffer's growth */
	{
		ct_buf t = CT_BUF_INIT;
		int i;
		ct_buf_puts(&t, "{\"id\":\"0123456789abcdef\",\"text\":\"");
		for (i = 0; i < 5000; i++)
			ct_buf_puts(&t, i % 7 ? "word " : "\\u00e9\\\"");
		ct_buf_puts(&t, "\",\"source\":\"src\"}");
		assert_int_equal(scan(t.ptr, &f, &b), 1);
		assert_non_null(f.text);
		assert_string_equal(f.source, "src");
		ct_buf_release(&t);
	}
	ct_buf_release(&b);
}

static void test_surrogates_and_nul_left(void **state)
{
	(void)state;
	left("{\"text\":\"\\ud83d\"}");            /* high surrogate alone */
	left("{\"text\":\"\\ud83dx\"}");
	left("{\"text\":\"\\ud83d\\u0041\"}");      /* not followed by a low one */
	left("{\"text\":\"\\ude00\\ud83d\"}");      /* low first */
	left("{\"text\":\"\\ud83d\\ude0\"}");       /* truncated second half */
	left("{\"text\":\"a\\u0000b\"}");           /* cJSON would cut the string at the NUL */
	left("{\"other\":\"\\u0000\"}");
	left("{\"text\":\"\\u00zz\"}");             /* cJSON would read this as \u0000 */
	left("{\"text\":\"\\u12\"}");
	left("{\"text\":\"\\x41\"}");               /* no such escape */
	left("{\"text\":\"\\'\"}");
	left("{\"text\":\"tab\tinside\"}");         /* a raw control character */
	left("{\"text\":\"new\nline\"}");
}

static void test_numbers(void **state)
{
	struct rp_claim_fields f;
	ct_buf b = CT_BUF_INIT;
	(void)state;
	assert_int_equal(scan("{\"sentence\":0}", &f, &b), 1);
	assert_int_equal(f.sentence, 0);
	assert_int_equal(scan("{\"sentence\":-0}", &f, &b), 1);
	assert_int_equal(f.sentence, 0);
	assert_int_equal(scan("{\"sentence\":999999999999999}", &f, &b), 1);
	assert_int_equal(f.sentence, 999999999999999L);
	decided("{\"n\":[1.5,-0.25e+10,3E-2,0.0,1e5,-12]}");
	/* a sentence that is not a plain integer is left to cJSON and strtod */
	left("{\"sentence\":3.0}");
	left("{\"sentence\":1e2}");
	left("{\"sentence\":1234567890123456}");
	/* malformed numbers anywhere */
	left("{\"n\":01}");
	left("{\"n\":+1}");
	left("{\"n\":.5}");
	left("{\"n\":1.}");
	left("{\"n\":1e}");
	left("{\"n\":-}");
	left("{\"n\":1.2.3}");
	left("{\"n\":0x10}");
	left("{\"n\":1-2}");
	left("{\"n\":1234567890123456789012345678901234567890123456789012345678901234}");   /* 64 bytes */
	decided("{\"n\":123456789012345678901234567890123456789012345678901234567890123}");   /* 63 */
	ct_buf_release(&b);
}

static void test_malformed_left(void **state)
{
	static const char *bad[] = {
		"", "   ", "[]", "\"text\"", "null", "\xef\xbb\xbf{\"text\":\"bom\"}",
		"{", "{\"text\"", "{\"text\":", "{\"text\":\"x", "{\"text\":\"x\"", "{\"text\":\"x\",",
		"{\"text\":\"x\",}", "{,}", "{\"a\":1 \"b\":2}", "{\"a\" 1}", "{a:1}", "{'a':1}",
		"{\"a\":tru}", "{\"a\":True}", "{\"a\":nul}", "{\"a\":[1,]}", "{\"a\":[1 2]}", "{\"a\":{\"b\"}}",
		"{\"a\":[}", "{\"a\":]}", "{\"a\":\f1}", "{\"text\":\"x\"\x01}", "{\"a\":\"x\\",
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(*bad); i++)
		left(bad[i]);
}

static void test_truncated_everywhere(void **state)
{
	const char *rec = "{\"id\":\"0123456789abcdef\",\"text\":\"caf\\u00e9 \\ud83d\\ude00\",\"n\":[1.5e3,"
			  "{\"k\":true}],\"sentence\":12,\"status\":\"superseded\"}";
	struct rp_claim_fields f;
	ct_buf b = CT_BUF_INIT;
	size_t n = strlen(rec), len;
	(void)state;
	/* every prefix is left to cJSON (which refuses it), only the whole record is read */
	for (len = 0; len < n; len++)
		assert_int_equal(scan_len(rec, len, &f, &b), 0);
	assert_int_equal(scan_len(rec, n, &f, &b), 1);
	assert_string_equal(f.status, "superseded");
	assert_int_equal(f.sentence, 12);
	ct_buf_release(&b);
}

static void test_trailing_text_ignored(void **state)
{
	struct rp_claim_fields f;
	ct_buf b = CT_BUF_INIT;
	(void)state;
	/* cJSON_ParseWithLength does not look past the value either */
	assert_int_equal(scan("{\"text\":\"x\"} trailing", &f, &b), 1);
	assert_string_equal(f.text, "x");
	/* the length given is the end, not a NUL */
	assert_int_equal(scan_len("{\"text\":\"abc\"}", 9, &f, &b), 0);
	ct_buf_release(&b);
}

static void test_nesting(void **state)
{
	ct_buf t = CT_BUF_INIT;
	struct rp_claim_fields f;
	ct_buf b = CT_BUF_INIT;
	int i;
	(void)state;
	/* 63 arrays inside the record: 64 levels, the most the scanner follows */
	ct_buf_puts(&t, "{\"a\":");
	for (i = 0; i < 63; i++)
		ct_buf_putc(&t, '[');
	for (i = 0; i < 63; i++)
		ct_buf_putc(&t, ']');
	ct_buf_puts(&t, ",\"text\":\"deep\"}");
	assert_int_equal(scan(t.ptr, &f, &b), 1);
	assert_string_equal(f.text, "deep");
	/* one more is left to cJSON */
	ct_buf_clear(&t);
	ct_buf_puts(&t, "{\"a\":");
	for (i = 0; i < 64; i++)
		ct_buf_putc(&t, '[');
	for (i = 0; i < 64; i++)
		ct_buf_putc(&t, ']');
	ct_buf_puts(&t, ",\"text\":\"deep\"}");
	assert_int_equal(scan(t.ptr, &f, &b), 0);
	ct_buf_release(&t);
	ct_buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_record_read),
		cmocka_unit_test(test_keys_in_any_order),
		cmocka_unit_test(test_escapes_decoded),
		cmocka_unit_test(test_surrogates_and_nul_left),
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_malformed_left),
		cmocka_unit_test(test_truncated_everywhere),
		cmocka_unit_test(test_trailing_text_ignored),
		cmocka_unit_test(test_nesting),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
