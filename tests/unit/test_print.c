/* Unit tests for src/record/print: our writer against cJSON_Print itself, which is the oracle.
 * Records are committed as these bytes, so any difference would change every record's blob:
 * real records (a claim, a source, a review), every kind of number that matters (integers at
 * the int limits, scores, decimals, values printed with 15 and with 17 digits, huge and tiny),
 * every byte below 0x20 and the escaped characters, empty and nested containers, and random
 * trees. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <cjson/cJSON.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "record/print.h"
#include "record/record.h"

/* Prints item both ways and requires the same bytes. */
static void same(const cJSON *item)
{
	ct_buf b = CT_BUF_INIT;
	char *want = cJSON_Print(item);
	assert_non_null(want);
	assert_int_equal(ct_json_print(&b, item, 0), 0);
	if (strcmp(want, b.ptr))
		fail_msg("cJSON_Print:\n%s\nct_json_print:\n%s", want, b.ptr);
	assert_int_equal(b.len, strlen(want));
	cJSON_free(want);
	/* nested one level (an element of an array): cJSON_Print of [item] without its brackets */
	if (!cJSON_IsArray(item) || item->child) {
		cJSON *ref = cJSON_CreateArrayReference(item);
		assert_non_null(ref);
		want = cJSON_Print(ref);
		assert_non_null(want);
		ct_buf_clear(&b);
		ct_buf_putc(&b, '[');
		assert_int_equal(ct_json_print(&b, item, 1), 0);
		ct_buf_putc(&b, ']');
		if (strcmp(want, b.ptr))
			fail_msg("cJSON_Print, nested:\n%s\nct_json_print:\n%s", want, b.ptr);
		cJSON_free(want);
		cJSON_Delete(ref);
	}
	ct_buf_release(&b);
}

static void same_text(const char *json)
{
	cJSON *t = cJSON_Parse(json);
	assert_non_null(t);
	same(t);
	cJSON_Delete(t);
}

static void test_records(void **state)
{
	(void)state;
	same_text("{\"schema\":\"claimtrack/claim@1\",\"id\":\"0160411afbf3bf65\",\"version\":1,"
		  "\"source\":\"alder-0000093\",\"sentence\":2,\"text\":\"2,841 people were vaccinated "
		  "in \\u201cOld Caldmoor\\u201d, according to the Red Cross.\",\"type\":\"quantity\","
		  "\"checkworthy\":0.846,\"entities\":[{\"text\":\"Old Caldmoor\",\"kind\":\"place\","
		  "\"span\":[32,44]}],\"numbers\":[{\"text\":\"2,841 people\",\"value\":2841,\"unit\":"
		  "\"people\",\"approx\":\"nearly\",\"span\":[0,12]},{\"value\":-3.25,\"high\":1.5e12}],"
		  "\"dates\":[],\"quote\":null,\"status\":\"active\",\"empty\":{},\"flags\":[true,false]}");
	same_text("{\"schema\":\"claimtrack/source@1\",\"id\":\"wire-1\",\"outlet\":\"Wire \\\"News\\\"\","
		  "\"published\":\"2025-10-15\",\"url\":\"https://example.com/a?b=1&c=\\\\d\",\"notes\":[[],"
		  "[[]],{\"a\":{\"b\":{\"c\":[1,{\"d\":[]}]}}}]}");
	same_text("[]");
	same_text("{}");
	same_text("[{}, [], {\"a\": []}]");
	same_text("\"just a string\"");
	same_text("3");
	same_text("null");
}

static void test_numbers(void **state)
{
	static const double v[] = {
		0, -0.0, 1, -1, 7, 2147483647.0, -2147483648.0, 2147483648.0, -2147483649.0, 4294967296.0,
		0.5, 0.846, 0.485, 0.1, 0.2, 0.3, 1.5, 61.5, 99.99, 123456.789, 0.0001, 0.00012, 0.00009,
		1e-5, 1e-300, 5e-324, 1e9, 1e9 + 0.5, 999999999.5, 1e15, 1e16, 1e17, 1e21, 1.7976931348623157e308,
		1.0 / 3, 2.0 / 3, 3.141592653589793, 2.718281828459045, 0.1 + 0.2, 1234567.1234567, -0.846,
		-1e-7, 123.456e10, 9007199254740993.0, 0.30000000000000004, 100.25, 33.333333,
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		cJSON *n = cJSON_CreateNumber(v[i]);
		cJSON *a = cJSON_CreateArray();
		assert_non_null(n);
		assert_non_null(a);
		cJSON_AddItemToArray(a, n);
		same(a);
		cJSON_Delete(a);
	}
}

static void test_strings(void **state)
{
	char s[300];
	size_t i, k = 0;
	cJSON *o;
	(void)state;
	for (i = 1; i < 256; i++)
		s[k++] = (char)i;
	s[k] = '\0';
	o = cJSON_CreateObject();
	assert_non_null(cJSON_AddStringToObject(o, "every byte", s));
	assert_non_null(cJSON_AddStringToObject(o, "", ""));
	assert_non_null(cJSON_AddStringToObject(o, "key \"with\"\tescapes\n", "caf\xc3\xa9 \xe2\x80\x9cquoted\xe2\x80\x9d \\"));
	same(o);
	cJSON_Delete(o);
}

/* A random tree: objects and arrays to depth 5, random keys and strings over all bytes, numbers
 * of every scale, drawn from a fixed seed so a failure repeats. */
static uint64_t rng = 0x9e3779b97f4a7c15ULL;
static uint64_t next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static void random_text(char *s, size_t cap)
{
	size_t n = next() % (cap - 1), i;
	for (i = 0; i < n; i++) {
		unsigned c = (unsigned)(next() % 256);
		s[i] = (char)(c ? c : 'x');
	}
	s[n] = '\0';
}

static double random_number(void)
{
	switch (next() % 6) {
	case 0: return (double)(int32_t)next();
	case 1: return (double)(next() % 1000000) / 1000.0;
	case 2: return (double)(next() % 100000) / (double)(1 + next() % 997);
	case 3: return ldexp((double)(next() >> 11), (int)(next() % 200) - 100);
	case 4: return -(double)(next() % 10000) / 10000.0;
	default: {
		uint64_t bits = next();
		double d;
		memcpy(&d, &bits, sizeof(d));
		return isfinite(d) ? d : 0.25;
	}
	}
}

static cJSON *random_tree(int depth)
{
	char text[24];
	int kind = (int)(next() % (depth < 5 ? 8 : 5)), i, n;
	cJSON *t;
	switch (kind) {
	case 0: return cJSON_CreateNull();
	case 1: return cJSON_CreateBool(next() & 1);
	case 2: return cJSON_CreateNumber(random_number());
	case 3:
	case 4:
		random_text(text, sizeof(text));
		return cJSON_CreateString(text);
	case 5:
	case 6:
		t = cJSON_CreateObject();
		n = (int)(next() % 5);
		for (i = 0; i < n; i++) {
			random_text(text, sizeof(text));
			cJSON_AddItemToObject(t, text, random_tree(depth + 1));
		}
		return t;
	default:
		t = cJSON_CreateArray();
		n = (int)(next() % 5);
		for (i = 0; i < n; i++)
			cJSON_AddItemToArray(t, random_tree(depth + 1));
		return t;
	}
}

static void test_random_trees(void **state)
{
	int i;
	(void)state;
	for (i = 0; i < 3000; i++) {
		cJSON *t = random_tree(0);
		assert_non_null(t);
		same(t);
		cJSON_Delete(t);
	}
}

static void test_unprintable(void **state)
{
	ct_buf b = CT_BUF_INIT;
	cJSON *a = cJSON_CreateArray(), *bad = cJSON_CreateNull();
	(void)state;
	bad->type = 0;   /* cJSON_Invalid: cJSON_Print returns NULL, and so must we */
	cJSON_AddItemToArray(a, cJSON_CreateNumber(1));
	cJSON_AddItemToArray(a, bad);
	assert_null(cJSON_Print(a));
	ct_buf_puts(&b, "kept");
	assert_int_equal(ct_json_print(&b, a, 0), -2);
	assert_string_equal(b.ptr, "kept");
	assert_int_equal(ct_json_print(&b, NULL, 0), -1);
	cJSON_Delete(a);
	ct_buf_release(&b);
}

/* ct_record_encode: cJSON_Print and a newline, and a clear error for what JSON cannot hold. */
static void test_record_encode(void **state)
{
	ct_buf b = CT_BUF_INIT;
	cJSON *r = cJSON_Parse("{\"id\":\"x\",\"value\":0.25,\"span\":[1,2]}");
	char *want = cJSON_Print(r);
	(void)state;
	assert_int_equal(ct_record_encode(&b, r), 0);
	assert_int_equal(b.len, strlen(want) + 1);
	assert_memory_equal(b.ptr, want, strlen(want));
	assert_int_equal(b.ptr[b.len - 1], '\n');
	cJSON_AddItemToObject(r, "inf", cJSON_CreateNumber(INFINITY));
	ct_buf_clear(&b);
	assert_true(ct_record_encode(&b, r) < 0);
	cJSON_free(want);
	cJSON_Delete(r);
	ct_buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_records),
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_strings),
		cmocka_unit_test(test_random_trees),
		cmocka_unit_test(test_unprintable),
		cmocka_unit_test(test_record_encode),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
