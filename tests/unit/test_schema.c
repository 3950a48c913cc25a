/* Unit tests for src/record/schema.c: every supported keyword passing and failing, error paths,
 * schema errors, and a realistic record schema. JSON is written with ' for " to stay readable. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "record/schema.h"
#include "util/err.h"

/* Parses text with every ' read as ". */
static cJSON *json(const char *text)
{
	size_t i, n = strlen(text);
	char *copy = malloc(n + 1);
	cJSON *v;
	assert_non_null(copy);
	for (i = 0; i <= n; i++)
		copy[i] = text[i] == '\'' ? '"' : text[i];
	v = cJSON_Parse(copy);
	free(copy);
	if (!v)
		fail_msg("test JSON does not parse: %s", text);
	return v;
}

/* Validates inst against schema; expects want violations and, unless want_errs is NULL,
 * exactly that error text. */
static void check_at(int line, const char *schema, const char *inst, int want, const char *want_errs)
{
	cJSON *s = json(schema), *i = json(inst);
	ct_buf errs = CT_BUF_INIT;
	int n = ct_schema_validate(s, i, &errs);
	int bad = n != want || (want_errs && strcmp(errs.ptr, want_errs) != 0);
	if (bad) {
		print_error("line %d: instance %s\n", line, inst);
		print_error("  got %d: [%s] %s\n", n, errs.ptr, n < 0 ? ct_error_last() : "");
		print_error("  want %d: [%s]\n", want, want_errs ? want_errs : "(any)");
	}
	ct_buf_release(&errs);
	cJSON_Delete(s);
	cJSON_Delete(i);
	if (bad)
		fail();
}

#define CHECK(schema, inst, want, errs) check_at(__LINE__, schema, inst, want, errs)

/* Expects a schema error: code, a message containing needle, and errs left untouched. */
static void check_schema_error_at(int line, const char *schema, const char *inst, const char *needle)
{
	cJSON *s = json(schema), *i = json(inst);
	ct_buf errs = CT_BUF_INIT;
	int n;
	ct_buf_puts(&errs, "before\n");
	ct_error_clear();
	n = ct_schema_validate(s, i, &errs);
	int bad = n != CT_EINPUT || !strstr(ct_error_last(), needle) || strcmp(errs.ptr, "before\n") != 0;
	if (bad)
		print_error("line %d: schema %s: got %d, error '%s', errs [%s]; want CT_EINPUT with '%s'\n",
			    line, schema, n, ct_error_last(), errs.ptr, needle);
	ct_buf_release(&errs);
	cJSON_Delete(s);
	cJSON_Delete(i);
	if (bad)
		fail();
}

#define CHECK_SCHEMA_ERROR(schema, inst, needle) check_schema_error_at(__LINE__, schema, inst, needle)

static void test_type(void **state)
{
	(void)state;
	CHECK("{'type':'string'}", "'x'", 0, "");
	CHECK("{'type':'string'}", "5", 1, "/: expected string, got number\n");
	CHECK("{'type':'integer'}", "3", 0, "");
	CHECK("{'type':'integer'}", "3.0", 0, "");
	CHECK("{'type':'integer'}", "-3e2", 0, "");
	CHECK("{'type':'integer'}", "3.5", 1, "/: expected integer, got number\n");
	CHECK("{'type':'integer'}", "'3'", 1, "/: expected integer, got string\n");
	CHECK("{'type':'number'}", "3", 0, "");
	CHECK("{'type':'number'}", "null", 1, "/: expected number, got null\n");
	CHECK("{'type':'boolean'}", "false", 0, "");
	CHECK("{'type':'boolean'}", "0", 1, "/: expected boolean, got number\n");
	CHECK("{'type':'object'}", "{}", 0, "");
	CHECK("{'type':'object'}", "[]", 1, "/: expected object, got array\n");
	CHECK("{'type':'array'}", "[]", 0, "");
	CHECK("{'type':'null'}", "null", 0, "");
	CHECK("{'type':['string','null']}", "null", 0, "");
	CHECK("{'type':['string','null']}", "'a'", 0, "");
	CHECK("{'type':['string','null']}", "true", 1, "/: expected string or null, got boolean\n");
}

static void test_enum_const(void **state)
{
	(void)state;
	CHECK("{'enum':['a',1,null,{'k':[1,2]}]}", "'a'", 0, "");
	CHECK("{'enum':['a',1,null,{'k':[1,2]}]}", "1.0", 0, "");
	CHECK("{'enum':['a',1,null,{'k':[1,2]}]}", "null", 0, "");
	CHECK("{'enum':['a',1,null,{'k':[1,2]}]}", "{'k':[1,2]}", 0, "");
	CHECK("{'enum':['a',1,null,{'k':[1,2]}]}", "{'k':[2,1]}", 1, NULL);
	CHECK("{'enum':['a',1,null,{'k':[1,2]}]}", "'b'", 1,
	      "/: value is not one of the allowed values [\"a\",1,null,{\"k\":[1,2]}]\n");
	CHECK("{'enum':[false]}", "0", 1, NULL);
	CHECK("{'const':{'a':1,'b':[true]}}", "{'b':[true],'a':1}", 0, "");
	CHECK("{'const':{'a':1,'b':[true]}}", "{'a':1}", 1, "/: value must be {\"a\":1,\"b\":[true]}\n");
	CHECK("{'const':{'a':1,'b':[true]}}", "{'a':1,'b':[true],'c':0}", 1, NULL);
	CHECK("{'const':'x'}", "'x'", 0, "");
	CHECK("{'const':'x'}", "'y'", 1, "/: value must be \"x\"\n");
}

static void test_object_keywords(void **state)
{
	const char *s = "{'properties':{'a':{'type':'integer'},'b':{'type':'string'}},'required':['a','c']}";
	(void)state;
	CHECK(s, "{'a':1,'c':null}", 0, "");
	CHECK(s, "{'a':'x','b':2}", 3,
	      "/: missing required property 'c'\n/a: expected integer, got string\n/b: expected string, got number\n");
	CHECK(s, "'not an object'", 0, "");

	s = "{'properties':{'a':true},'patternProperties':{'^x-':{'type':'string'}},'additionalProperties':false}";
	CHECK(s, "{'a':1,'x-y':'s'}", 0, "");
	CHECK(s, "{'a':1,'x-y':2,'b':0,'c':0}", 3,
	      "/x-y: expected string, got number\n/: additional property 'b' is not allowed\n"
	      "/: additional property 'c' is not allowed\n");

	s = "{'properties':{'a':true},'additionalProperties':{'type':'number'}}";
	CHECK(s, "{'a':'s','z':1.5}", 0, "");
	CHECK(s, "{'a':'s','z':'t'}", 1, "/z: expected number, got string\n");

	/* every matching pattern applies, not only the first */
	s = "{'patternProperties':{'a':{'minLength':2},'b':{'maxLength':3}}}";
	CHECK(s, "{'ab':'xyz'}", 0, "");
	CHECK(s, "{'ab':'x','b':'long'}", 2, "/ab: expected at least 2 characters, got 1\n"
					       "/b: expected at most 3 characters, got 4\n");

	s = "{'propertyNames':{'pattern':'^[a-z_]+$','maxLength':8}}";
	CHECK(s, "{'ok_name':1}", 0, "");
	CHECK(s, "{'Bad':1,'waytoolongname':2,'fine':3}", 2,
	      "/: property name 'Bad' is not allowed by propertyNames\n"
	      "/: property name 'waytoolongname' is not allowed by propertyNames\n");

	CHECK("{'minProperties':2}", "{'a':1,'b':2}", 0, "");
	CHECK("{'minProperties':2}", "{'a':1}", 1, "/: expected at least 2 properties, got 1\n");
	CHECK("{'maxProperties':1}", "{'a':1}", 0, "");
	CHECK("{'maxProperties':1}", "{'a':1,'b':2}", 1, "/: expected at most 1 properties, got 2\n");
}

static void test_array_keywords(void **state)
{
	const char *s = "{'prefixItems':[{'type':'string'},{'type':'integer'}],'items':{'type':'boolean'}}";
	(void)state;
	CHECK(s, "['a',1,true,false]", 0, "");
	CHECK(s, "['a']", 0, "");
	CHECK(s, "[1,'a',true,null]", 3,
	      "/0: expected string, got number\n/1: expected integer, got string\n/3: expected boolean, got null\n");

	s = "{'prefixItems':[true,true],'items':false}";
	CHECK(s, "[1,2]", 0, "");
	CHECK(s, "[1,2,3]", 1, "/: expected at most 2 items, got 3\n");
	CHECK("{'items':{'minimum':0}}", "[0,5,-1]", 1, "/2: expected a number >= 0, got -1\n");

	CHECK("{'minItems':2}", "[1,2]", 0, "");
	CHECK("{'minItems':2}", "[1]", 1, "/: expected at least 2 items, got 1\n");
	CHECK("{'maxItems':2}", "[1,2]", 0, "");
	CHECK("{'maxItems':2}", "[1,2,3]", 1, "/: expected at most 2 items, got 3\n");

	CHECK("{'uniqueItems':true}", "[1,'1',{'a':1},{'a':2},[1]]", 0, "");
	CHECK("{'uniqueItems':true}", "[1,{'a':1,'b':2},3,{'b':2,'a':1}]", 1,
	      "/: items 1 and 3 are equal, items must be unique\n");
	CHECK("{'uniqueItems':true}", "[1,1.0]", 1, NULL);
	CHECK("{'uniqueItems':false}", "[1,1]", 0, "");

	CHECK("{'contains':{'type':'string'}}", "[1,'a']", 0, "");
	CHECK("{'contains':{'type':'string'}}", "[1,2]", 1, "/: no item matches the 'contains' schema\n");
	CHECK("{'contains':{'type':'string'}}", "[]", 1, NULL);
	CHECK("{'contains':{'type':'string'},'minContains':2,'maxContains':3}", "['a','b',1]", 0, "");
	CHECK("{'contains':{'type':'string'},'minContains':2}", "['a',1]", 1,
	      "/: expected at least 2 items matching 'contains', got 1\n");
	CHECK("{'contains':{'type':'string'},'maxContains':1}", "['a','b']", 1,
	      "/: expected at most 1 items matching 'contains', got 2\n");
	CHECK("{'contains':{'type':'string'},'minContains':0}", "[]", 0, "");
}

static void test_string_length_code_points(void **state)
{
	(void)state;
	/* "héllo" is 5 code points in 6 bytes; "日本語" is 3 code points in 9 bytes */
	CHECK("{'maxLength':5}", "'h\xc3\xa9llo'", 0, "");
	CHECK("{'minLength':6}", "'h\xc3\xa9llo'", 1, "/: expected at least 6 characters, got 5\n");
	CHECK("{'minLength':3,'maxLength':3}", "'\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e'", 0, "");
	CHECK("{'maxLength':2}", "'\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e'", 1,
	      "/: expected at most 2 characters, got 3\n");
	CHECK("{'minLength':2}", "'\\u00e9\\ud83d\\ude00'", 0, "");
	CHECK("{'minLength':3}", "'\\u00e9\\ud83d\\ude00'", 1, "/: expected at least 3 characters, got 2\n");
	CHECK("{'minLength':1}", "5", 0, "");
}

static void test_pattern(void **state)
{
	(void)state;
	CHECK("{'pattern':'b+c'}", "'abbbcd'", 0, "");  /* unanchored */
	CHECK("{'pattern':'^b+c$'}", "'abbbcd'", 1, "/: 'abbbcd' does not match pattern '^b+c$'\n");
	CHECK("{'pattern':'^\\\\d{3}-\\\\d{2}$'}", "'123-45'", 0, "");
	CHECK("{'pattern':'^\\\\d{3}-\\\\d{2}$'}", "'12a-45'", 1, NULL);
	CHECK("{'pattern':'^\\\\w+\\\\s\\\\w+$'}", "'hello_1 world'", 0, "");
	CHECK("{'pattern':'^\\\\w+\\\\s\\\\w+$'}", "'hello-1 world'", 1, NULL);
	CHECK("{'pattern':'^\\\\D+$'}", "'abc'", 0, "");
	CHECK("{'pattern':'^\\\\D+$'}", "'ab1'", 1, NULL);
	/* \d inside brackets, escaped '.', '-', ']' and '^' inside brackets */
	CHECK("{'pattern':'^[\\\\d.]+$'}", "'1.25'", 0, "");
	CHECK("{'pattern':'^[\\\\d.]+$'}", "'1,25'", 1, NULL);
	CHECK("{'pattern':'^[\\\\-\\\\]a]+$'}", "'a-]a'", 0, "");
	CHECK("{'pattern':'^[\\\\-\\\\]a]+$'}", "'a-]b'", 1, NULL);
	CHECK("{'pattern':'^[\\\\^x]$'}", "'^'", 0, "");
	CHECK("{'pattern':'^[\\\\^x]$'}", "'y'", 1, NULL);
	CHECK("{'pattern':'^a\\\\.b$'}", "'a.b'", 0, "");
	CHECK("{'pattern':'^a\\\\.b$'}", "'axb'", 1, NULL);
	CHECK("{'pattern':'^(?:ab)+$'}", "'abab'", 0, "");
	CHECK("{'pattern':'^(?:ab)+$'}", "'aba'", 1, NULL);
	CHECK("{'pattern':'^[[:digit:]]{2}$'}", "'42'", 0, "");
	/* a quantifier after a multibyte character repeats the whole character */
	CHECK("{'pattern':'^\xc3\xa9+$'}", "'\xc3\xa9\xc3\xa9'", 0, "");
	CHECK("{'pattern':'^\\\\u00e9+$'}", "'\xc3\xa9\xc3\xa9'", 0, "");
	CHECK("{'pattern':'^\xc3\xa9+$'}", "'\xc3\xa9\xa9'", 1, NULL);
	CHECK("{'pattern':'^x$'}", "5", 0, "");  /* only strings */
	CHECK_SCHEMA_ERROR("{'pattern':'^(?=a)'}", "'a'", "lookaround");
	CHECK_SCHEMA_ERROR("{'pattern':'a+?'}", "'a'", "lazy quantifier");
	CHECK_SCHEMA_ERROR("{'pattern':'(a)\\\\1'}", "'a'", "unsupported escape");
	CHECK_SCHEMA_ERROR("{'pattern':'\\\\bword'}", "'a'", "unsupported escape");
	CHECK_SCHEMA_ERROR("{'pattern':'(a'}", "'a'", "does not compile");
	CHECK_SCHEMA_ERROR("{'pattern':'[a'}", "'a'", "unterminated");
}

static void test_numeric(void **state)
{
	(void)state;
	CHECK("{'minimum':0}", "0", 0, "");
	CHECK("{'minimum':0}", "-0.5", 1, "/: expected a number >= 0, got -0.5\n");
	CHECK("{'maximum':10}", "10", 0, "");
	CHECK("{'maximum':10}", "10.25", 1, "/: expected a number <= 10, got 10.25\n");
	CHECK("{'exclusiveMinimum':0}", "0.001", 0, "");
	CHECK("{'exclusiveMinimum':0}", "0", 1, "/: expected a number > 0, got 0\n");
	CHECK("{'exclusiveMaximum':1}", "0.999", 0, "");
	CHECK("{'exclusiveMaximum':1}", "1", 1, "/: expected a number < 1, got 1\n");
	CHECK("{'multipleOf':5}", "35", 0, "");
	CHECK("{'multipleOf':5}", "37", 1, "/: expected a multiple of 5, got 37\n");
	CHECK("{'multipleOf':0.1}", "0.3", 0, "");
	CHECK("{'multipleOf':0.01}", "19.99", 0, "");
	CHECK("{'multipleOf':0.01}", "19.995", 1, NULL);
	CHECK("{'multipleOf':1000000000}", "1000000001", 1, NULL);
	CHECK("{'minimum':0,'maximum':1,'multipleOf':2}", "'a string'", 0, "");
	CHECK_SCHEMA_ERROR("{'exclusiveMinimum':true}", "1", "exclusiveMinimum must be a number");
	CHECK_SCHEMA_ERROR("{'multipleOf':0}", "1", "multipleOf must be a number above 0");
}

static void test_format_date(void **state)
{
	(void)state;
	CHECK("{'format':'date'}", "'2025-02-28'", 0, "");
	CHECK("{'format':'date'}", "'2025-02-30'", 1, "/: '2025-02-30' is not a valid date\n");
	CHECK("{'format':'date'}", "'2024-02-29'", 0, "");
	CHECK("{'format':'date'}", "'2023-02-29'", 1, NULL);
	CHECK("{'format':'date'}", "'1900-02-29'", 1, NULL);
	CHECK("{'format':'date'}", "'2000-02-29'", 0, "");
	CHECK("{'format':'date'}", "'2025-04-31'", 1, NULL);
	CHECK("{'format':'date'}", "'2025-13-01'", 1, NULL);
	CHECK("{'format':'date'}", "'2025-00-10'", 1, NULL);
	CHECK("{'format':'date'}", "'2025-1-01'", 1, NULL);
	CHECK("{'format':'date'}", "'2025-01-01T00:00:00Z'", 1, NULL);
	CHECK("{'format':'date'}", "20250101", 0, "");  /* formats only apply to strings */
}

static void test_format_other(void **state)
{
	(void)state;
	CHECK("{'format':'date-time'}", "'2025-03-01T12:30:00Z'", 0, "");
	CHECK("{'format':'date-time'}", "'2025-03-01t12:30:00.123+05:30'", 0, "");
	CHECK("{'format':'date-time'}", "'1998-12-31T23:59:60Z'", 0, "");
	CHECK("{'format':'date-time'}", "'1998-12-31T15:59:60-08:00'", 0, "");
	CHECK("{'format':'date-time'}", "'1998-12-31T22:59:60Z'", 1, NULL);
	CHECK("{'format':'date-time'}", "'2025-03-01 12:30:00Z'", 1, NULL);
	CHECK("{'format':'date-time'}", "'2025-03-01T12:30:00'", 1,
	      "/: '2025-03-01T12:30:00' is not a valid date-time\n");
	CHECK("{'format':'date-time'}", "'2025-03-01T24:00:00Z'", 1, NULL);
	CHECK("{'format':'date-time'}", "'2025-02-30T12:00:00Z'", 1, NULL);
	CHECK("{'format':'date-time'}", "'2025-03-01T12:30:00.Z'", 1, NULL);
	CHECK("{'format':'uri'}", "'https://example.org/a?b=c'", 0, "");
	CHECK("{'format':'uri'}", "'urn:isbn:0451450523'", 0, "");
	CHECK("{'format':'uri'}", "'example.org/a'", 1, "/: 'example.org/a' is not a valid uri\n");
	CHECK("{'format':'uri'}", "'1http://x'", 1, NULL);
	CHECK("{'format':'uri'}", "'http://a b'", 1, NULL);
	CHECK("{'format':'email'}", "'desk@example.org'", 0, "");
	CHECK("{'format':'email'}", "'desk.example.org'", 1, "/: 'desk.example.org' is not a valid email\n");
	CHECK("{'format':'email'}", "'a@b@c'", 1, NULL);
	CHECK("{'format':'email'}", "'a b@c.org'", 1, NULL);
	CHECK("{'format':'email'}", "'a@c..org'", 1, NULL);
	CHECK("{'format':'no-such-format'}", "'anything'", 0, "");
}

static void test_combinators(void **state)
{
	(void)state;
	CHECK("{'allOf':[{'type':'integer'},{'minimum':3}]}", "4", 0, "");
	CHECK("{'allOf':[{'type':'integer'},{'minimum':3}]}", "2.5", 2,
	      "/: expected integer, got number\n/: expected a number >= 3, got 2.5\n");
	CHECK("{'anyOf':[{'type':'string'},{'minimum':3}]}", "'x'", 0, "");
	CHECK("{'anyOf':[{'type':'string'},{'minimum':3}]}", "5", 0, "");
	CHECK("{'anyOf':[{'type':'string'},{'minimum':3}]}", "1", 1,
	      "/: value does not match any schema in anyOf\n");
	CHECK("{'not':{'type':'null'}}", "0", 0, "");
	CHECK("{'not':{'type':'null'}}", "null", 1, "/: value must not match the schema in 'not'\n");
	CHECK("{'if':{'properties':{'kind':{'const':'quote'}}},"
	      "'then':{'required':['speaker']},'else':{'required':['source']}}",
	      "{'kind':'quote','speaker':'x'}", 0, "");
	CHECK("{'if':{'properties':{'kind':{'const':'quote'}}},"
	      "'then':{'required':['speaker']},'else':{'required':['source']}}",
	      "{'kind':'quote','source':'x'}", 1, "/: missing required property 'speaker'\n");
	CHECK("{'if':{'properties':{'kind':{'const':'quote'}}},"
	      "'then':{'required':['speaker']},'else':{'required':['source']}}",
	      "{'kind':'figure'}", 1, "/: missing required property 'source'\n");
	CHECK("{'if':{'type':'string'},'then':{'minLength':2}}", "5", 0, "");
}

static void test_one_of_exactly_one(void **state)
{
	const char *s = "{'oneOf':[{'type':'integer'},{'type':'number','minimum':10},{'type':'string'}]}";
	(void)state;
	CHECK(s, "3", 0, "");      /* integer only */
	CHECK(s, "10.5", 0, "");   /* number >= 10 only */
	CHECK(s, "'x'", 0, "");    /* string only */
	CHECK(s, "12", 1, "/: value matches more than one schema in oneOf (0 and 1)\n");
	CHECK(s, "2.5", 1, "/: value does not match any schema in oneOf\n");
	CHECK(s, "null", 1, NULL);
}

static void test_ref(void **state)
{
	const char *s = "{'$defs':{'pos':{'type':'integer','minimum':0},"
			"'pair':{'type':'array','prefixItems':[{'$ref':'#/$defs/pos'},{'$ref':'#/$defs/pos'}]}},"
			"'properties':{'span':{'$ref':'#/$defs/pair'}}}";
	(void)state;
	CHECK(s, "{'span':[0,4]}", 0, "");
	CHECK(s, "{'span':[-1,'4']}", 2, "/span/0: expected a number >= 0, got -1\n"
					  "/span/1: expected integer, got string\n");
	CHECK("{'definitions':{'s':{'type':'string'}},'items':{'$ref':'#/definitions/s'}}", "['a','b']", 0, "");
	CHECK("{'definitions':{'s':{'type':'string'}},'items':{'$ref':'#/definitions/s'}}", "['a',2]", 1,
	      "/1: expected string, got number\n");
	/* escaped pointer segments: ~1 is '/', ~0 is '~', %25 is '%' */
	CHECK("{'$defs':{'a/b~c%':{'type':'null'}},'$ref':'#/$defs/a~1b~0c%25'}", "1", 1,
	      "/: expected null, got number\n");
	/* in 2020-12 keywords next to $ref apply too */
	CHECK("{'$defs':{'n':{'type':'number'}},'$ref':'#/$defs/n','maximum':3}", "5", 1,
	      "/: expected a number <= 3, got 5\n");
	/* a recursive tree through '#' */
	s = "{'type':'object','properties':{'name':{'type':'string'},'kids':{'type':'array','items':{'$ref':'#'}}},"
	    "'required':['name']}";
	CHECK(s, "{'name':'a','kids':[{'name':'b','kids':[{'name':'c'}]}]}", 0, "");
	CHECK(s, "{'name':'a','kids':[{'name':'b','kids':[{'nom':'c'}]}]}", 1,
	      "/kids/0/kids/0: missing required property 'name'\n");
	CHECK_SCHEMA_ERROR("{'$ref':'https://example.org/s.json'}", "1", "only local");
	CHECK_SCHEMA_ERROR("{'$ref':'other.json#/$defs/a'}", "1", "only local");
	CHECK_SCHEMA_ERROR("{'$ref':'#anchor'}", "1", "only local");
	CHECK_SCHEMA_ERROR("{'$ref':'#/$defs/missing'}", "1", "does not point at a schema");
	CHECK_SCHEMA_ERROR("{'$ref':'#'}", "1", "a $ref cycle");
	CHECK_SCHEMA_ERROR("{'$defs':{'a':{'$ref':'#/$defs/b'},'b':{'$ref':'#/$defs/a'}},'$ref':'#/$defs/a'}",
			   "1", "a $ref cycle");
}

static void test_boolean_schemas(void **state)
{
	(void)state;
	CHECK("true", "{'anything':[1]}", 0, "");
	CHECK("false", "1", 1, "/: no value is allowed here (false schema)\n");
	CHECK("{'properties':{'gone':false}}", "{'gone':1}", 1, "/gone: no value is allowed here (false schema)\n");
	CHECK("{'properties':{'gone':false}}", "{'other':1}", 0, "");
	CHECK("{'not':true}", "1", 1, NULL);
	CHECK("{'not':false}", "1", 0, "");
	CHECK("{'anyOf':[false,true]}", "1", 0, "");
}

static void test_error_paths(void **state)
{
	const char *s = "{'properties':{'a':{'properties':{'b':{'items':{'properties':{'c':{'type':'string'}}}}}},"
			"'x/y':{'type':'string'},'t~':{'type':'string'}}}";
	(void)state;
	CHECK(s, "{'a':{'b':[{'c':'ok'},{'c':'ok'},{'c':7}]}}", 1, "/a/b/2/c: expected string, got number\n");
	CHECK(s, "{'x/y':1,'t~':2}", 2, "/x~1y: expected string, got number\n/t~0: expected string, got number\n");
	/* a newline in a key does not break the one-line-per-violation format */
	CHECK("{'additionalProperties':{'type':'string'}}", "{'a\\nb':1}", 1, "/a\\x0ab: expected string, got number\n");
	CHECK("{'additionalProperties':false}", "{'a\\nb':1}", 1, "/: additional property 'a\\x0ab' is not allowed\n");
}

static void test_error_cap_and_count_only(void **state)
{
	cJSON *s = json("{'items':{'type':'string'}}");
	cJSON *i = json("[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25]");
	ct_buf errs = CT_BUF_INIT;
	size_t lines = 0;
	const char *p;
	(void)state;
	assert_int_equal(ct_schema_validate(s, i, &errs), 25);
	for (p = errs.ptr; *p; p++)
		lines += *p == '\n';
	assert_int_equal(lines, CT_SCHEMA_MAX_LINES);
	assert_non_null(strstr(errs.ptr, "/19: expected string, got number\n"));
	assert_null(strstr(errs.ptr, "/20:"));
	assert_int_equal(ct_schema_validate(s, i, NULL), 25);
	ct_buf_release(&errs);
	cJSON_Delete(s);
	cJSON_Delete(i);
}

static void test_schema_errors(void **state)
{
	cJSON *s;
	(void)state;
	CHECK_SCHEMA_ERROR("{'items':[{'type':'string'}]}", "[]", "use 'prefixItems'");
	CHECK_SCHEMA_ERROR("{'minLength':-1}", "'a'", "minLength must be a non-negative integer");
	CHECK_SCHEMA_ERROR("{'minItems':1.5}", "[]", "minItems must be a non-negative integer");
	CHECK_SCHEMA_ERROR("{'type':'text'}", "'a'", "unknown type 'text'");
	CHECK_SCHEMA_ERROR("{'type':['string',3]}", "'a'", "type must list known type names");
	CHECK_SCHEMA_ERROR("{'required':'id'}", "{}", "required must be an array of strings");
	CHECK_SCHEMA_ERROR("{'enum':'a'}", "'a'", "enum must be an array");
	CHECK_SCHEMA_ERROR("{'anyOf':[]}", "1", "anyOf must be a non-empty array of schemas");
	CHECK_SCHEMA_ERROR("{'uniqueItems':'yes'}", "[]", "uniqueItems must be true or false");
	CHECK_SCHEMA_ERROR("5", "1", "a schema must be an object or a boolean");
	/* reported with its location, even where the instance never reaches */
	CHECK_SCHEMA_ERROR("{'properties':{'a':{'properties':{'b':{'maxLength':'3'}}}}}", "{}",
			   "'#/properties/a/properties/b/maxLength'");
	CHECK_SCHEMA_ERROR("{'$defs':{'unused':{'pattern':'(?<n>x)'}}}", "1", "lookaround");
	CHECK_SCHEMA_ERROR("{'patternProperties':{'(':true}}", "{}", "does not compile");

	s = json("{'properties':{'id':{'type':'string'}}}");
	assert_int_equal(ct_schema_check(s), 0);
	cJSON_Delete(s);
	s = json("{'properties':{'id':{'$ref':'http://x/y'}}}");
	assert_int_equal(ct_schema_check(s), CT_EINPUT);
	assert_non_null(strstr(ct_error_last(), "http://x/y"));
	cJSON_Delete(s);
}

static void test_ignored_keywords(void **state)
{
	(void)state;
	CHECK("{'$schema':'https://json-schema.org/draft/2020-12/schema','$id':'https://x/claim',"
	      "'title':'t','description':'d','$comment':'c','default':1,'examples':[1],'deprecated':true,"
	      "'readOnly':true,'x-vendor':{'minLength':'not checked'},'type':'integer'}", "1", 0, "");
	CHECK("{'title':'t','type':'integer'}", "'1'", 1, "/: expected integer, got string\n");
}

/* A record shaped like ours. */
static const char record_schema[] =
	"{'$schema':'https://json-schema.org/draft/2020-12/schema',"
	" 'type':'object',"
	" 'required':['id','text','span','created'],"
	" 'additionalProperties':false,"
	" 'properties':{"
	"  'id':{'type':'string','pattern':'^[0-9a-f]{12}$'},"
	"  'text':{'type':'string','minLength':1,'maxLength':2000},"
	"  'span':{'$ref':'#/$defs/span'},"
	"  'created':{'type':'string','format':'date'},"
	"  'kind':{'enum':['quote','figure','event']},"
	"  'tags':{'type':'array','items':{'type':'string','pattern':'^[a-z-]+$'},'uniqueItems':true}"
	" },"
	" '$defs':{'span':{'type':'array','prefixItems':[{'type':'integer','minimum':0},"
	"   {'type':'integer','minimum':0}],'items':false,'minItems':2}}}";

static void test_record_schema(void **state)
{
	(void)state;
	CHECK(record_schema,
	      "{'id':'0123456789ab','text':'The bridge cost $4m.','span':[10,31],'created':'2025-03-01',"
	      "'kind':'figure','tags':['budget','infra-structure']}",
	      0, "");
	CHECK(record_schema, "{'id':'a1b2c3d4e5f6','text':'x','span':[0,0],'created':'2024-02-29'}", 0, "");
	CHECK(record_schema,
	      "{'id':'0123456789AB','text':'','span':[10,'31'],'created':'2025-02-30','kind':'opinion',"
	      "'tags':['ok','ok'],'extra':true}",
	      7,
	      "/id: '0123456789AB' does not match pattern '^[0-9a-f]{12}$'\n"
	      "/text: expected at least 1 characters, got 0\n"
	      "/span/1: expected integer, got string\n"
	      "/created: '2025-02-30' is not a valid date\n"
	      "/kind: value is not one of the allowed values [\"quote\",\"figure\",\"event\"]\n"
	      "/tags: items 0 and 1 are equal, items must be unique\n"
	      "/: additional property 'extra' is not allowed\n");
	CHECK(record_schema, "{'id':'0123456789abc','span':[-1,2,3]}", 5,
	      "/: missing required property 'text'\n"
	      "/: missing required property 'created'\n"
	      "/id: '0123456789abc' does not match pattern '^[0-9a-f]{12}$'\n"
	      "/span/0: expected a number >= 0, got -1\n"
	      "/span: expected at most 2 items, got 3\n");
	CHECK(record_schema, "{'id':'0123456789ab','text':'t','span':[1],'created':'2025-01-01'}", 1,
	      "/span: expected at least 2 items, got 1\n");
	CHECK(record_schema, "[]", 1, "/: expected object, got array\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_type),
		cmocka_unit_test(test_enum_const),
		cmocka_unit_test(test_object_keywords),
		cmocka_unit_test(test_array_keywords),
		cmocka_unit_test(test_string_length_code_points),
		cmocka_unit_test(test_pattern),
		cmocka_unit_test(test_numeric),
		cmocka_unit_test(test_format_date),
		cmocka_unit_test(test_format_other),
		cmocka_unit_test(test_combinators),
		cmocka_unit_test(test_one_of_exactly_one),
		cmocka_unit_test(test_ref),
		cmocka_unit_test(test_boolean_schemas),
		cmocka_unit_test(test_error_paths),
		cmocka_unit_test(test_error_cap_and_count_only),
		cmocka_unit_test(test_schema_errors),
		cmocka_unit_test(test_ignored_keywords),
		cmocka_unit_test(test_record_schema),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
