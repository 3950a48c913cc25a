/* Unit tests for src/review (verdict names, reviewer keys and paths, review records, the claim
 * status rule with quorum and the unverifiable setting) and src/record/settings (desk.json keys). */
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
#include "record/schema.h"
#include "record/settings.h"
#include "review/board.h"
#include "review/review.h"
#include "util/buf.h"
#include "util/err.h"

static void test_verdicts(void **state)
{
	(void)state;
	assert_int_equal(ct_verdict_parse("corroborated"), CT_V_CORROBORATED);
	assert_int_equal(ct_verdict_parse("c"), CT_V_CORROBORATED);
	assert_int_equal(ct_verdict_parse("contradicted"), CT_V_CONTRADICTED);
	assert_int_equal(ct_verdict_parse("x"), CT_V_CONTRADICTED);
	assert_int_equal(ct_verdict_parse("u"), CT_V_UNVERIFIABLE);
	assert_int_equal(ct_verdict_parse("unverifiable"), CT_V_UNVERIFIABLE);
	assert_int_equal(ct_verdict_parse("Corroborated"), -1);
	assert_int_equal(ct_verdict_parse(""), -1);
	assert_int_equal(ct_verdict_parse(NULL), -1);
	assert_string_equal(ct_verdict_name(CT_V_CONTRADICTED), "contradicted");
	assert_int_equal(ct_status_parse("disputed"), CT_S_DISPUTED);
	assert_int_equal(ct_status_parse("nope"), -1);
	assert_string_equal(ct_status_name(CT_S_PENDING), "pending");
}

static void test_reviewer_key_and_path(void **state)
{
	char a[17], b[17], hex[65];
	ct_buf p = CT_BUF_INIT;
	(void)state;
	ct_reviewer_key(a, "Ana@Example.ORG");
	ct_reviewer_key(b, "ana@example.org");
	assert_string_equal(a, b);   /* case of the email does not matter */
	ct_sha256_hex(hex, "ana@example.org", 15);
	assert_memory_equal(a, hex, 16);
	ct_reviewer_key(b, "bo@example.org");
	assert_string_not_equal(a, b);
	ct_review_path(&p, "0123456789abcdef", "ana@example.org");
	assert_non_null(p.ptr);
	assert_int_equal(strncmp(p.ptr, "reviews/01/0123456789abcdef/", 28), 0);
	assert_string_equal(p.ptr + 28 + 16, ".json");
	assert_int_equal(ct_record_kind_of_path(p.ptr), CT_REC_REVIEW);
	ct_buf_release(&p);
}

static void test_record_matches_schema(void **state)
{
	const char *ev[] = { "aaaaaaaaaaaaaaaa", "bbbbbbbbbbbbbbbb" };
	struct ct_review_input in = { "0123456789abcdef", 2, "Ana Reviewer", "ana@example.org", CT_V_CONTRADICTED,
				      ev, 2, "a \"note\" <b>", 1700000000, 60 };
	cJSON *rec = ct_review_record(&in), *schema = cJSON_Parse(ct_record_schema_text("review"));
	ct_buf out = CT_BUF_INIT, problems = CT_BUF_INIT;
	struct ct_board_review r;
	(void)state;
	assert_non_null(rec);
	assert_non_null(schema);
	assert_int_equal(ct_schema_validate(schema, rec, &problems), 0);
	assert_string_equal(cJSON_GetObjectItem(rec, "date")->valuestring, "2023-11-14T23:13:20+01:00");
	assert_int_equal(ct_record_encode(&out, rec), 0);
	assert_int_equal(ct_board_review_parse(&r, out.ptr), 0);
	assert_string_equal(r.claim, "0123456789abcdef");
	assert_int_equal(r.claim_version, 2);
	assert_int_equal(r.verdict, CT_V_CONTRADICTED);
	assert_int_equal(r.nevidence, 2);
	assert_string_equal(r.evidence[1], "bbbbbbbbbbbbbbbb");
	assert_string_equal(r.note, "a \"note\" <b>");
	ct_board_review_release(&r);
	cJSON_Delete(rec);

	/* No note: null; UTC: Z; a west offset. */
	in.note = NULL;
	in.nevidence = 0;
	in.offset = 0;
	rec = ct_review_record(&in);
	assert_true(cJSON_IsNull(cJSON_GetObjectItem(rec, "note")));
	assert_string_equal(cJSON_GetObjectItem(rec, "date")->valuestring, "2023-11-14T22:13:20Z");
	assert_int_equal(ct_schema_validate(schema, rec, &problems), 0);
	cJSON_Delete(rec);
	in.offset = -270;
	rec = ct_review_record(&in);
	assert_string_equal(cJSON_GetObjectItem(rec, "date")->valuestring, "2023-11-14T17:43:20-04:30");
	cJSON_Delete(rec);
	cJSON_Delete(schema);
	ct_buf_release(&out);
	ct_buf_release(&problems);

	assert_int_equal(ct_board_review_parse(&r, "{\"claim\": \"0123456789abcdef\"}"), CT_EINPUT);
	assert_int_equal(ct_board_review_parse(&r, "not json"), CT_EINPUT);
}

static enum ct_status st(const struct ct_review_rule *rule, unsigned c, unsigned x, unsigned u, const char *life)
{
	struct ct_tally t = { { c, x, u } };
	return ct_claim_status(rule, &t, life);
}

static void test_status_rule(void **state)
{
	struct ct_review_rule one = { 1, 0 }, two = { 2, 0 }, strict = { 1, 1 };
	(void)state;
	assert_int_equal(st(&one, 0, 0, 0, NULL), CT_S_UNREVIEWED);
	assert_int_equal(st(&one, 1, 0, 0, "active"), CT_S_CORROBORATED);
	assert_int_equal(st(&one, 0, 2, 0, NULL), CT_S_CONTRADICTED);
	assert_int_equal(st(&one, 0, 0, 1, NULL), CT_S_UNVERIFIABLE);
	assert_int_equal(st(&one, 1, 1, 0, NULL), CT_S_DISPUTED);
	assert_int_equal(st(&one, 3, 1, 0, NULL), CT_S_DISPUTED);   /* a majority does not settle a dispute */
	assert_int_equal(st(&one, 1, 0, 1, NULL), CT_S_CORROBORATED);
	assert_int_equal(st(&one, 0, 1, 2, NULL), CT_S_CONTRADICTED);
	/* Withdrawn and superseded records keep their status whatever the reviews. */
	assert_int_equal(st(&one, 1, 0, 0, "withdrawn"), CT_S_WITHDRAWN);
	assert_int_equal(st(&one, 1, 1, 0, "superseded"), CT_S_SUPERSEDED);
	assert_int_equal(st(&one, 0, 0, 0, "withdrawn"), CT_S_WITHDRAWN);
	/* Quorum 2: one verdict is pending, two agreeing settle it. */
	assert_int_equal(st(&two, 1, 0, 0, NULL), CT_S_PENDING);
	assert_int_equal(st(&two, 2, 0, 0, NULL), CT_S_CORROBORATED);
	assert_int_equal(st(&two, 1, 0, 1, NULL), CT_S_PENDING);
	assert_int_equal(st(&two, 0, 0, 2, NULL), CT_S_UNVERIFIABLE);
	assert_int_equal(st(&two, 2, 1, 0, NULL), CT_S_DISPUTED);
	/* unverifiable = disputes. */
	assert_int_equal(st(&strict, 1, 0, 1, NULL), CT_S_DISPUTED);
	assert_int_equal(st(&strict, 0, 1, 1, NULL), CT_S_DISPUTED);
	assert_int_equal(st(&strict, 0, 0, 2, NULL), CT_S_UNVERIFIABLE);
}

static void test_rule_from_desk(void **state)
{
	struct ct_review_rule r;
	cJSON *d;
	(void)state;
	assert_int_equal(ct_review_rule_from_desk(NULL, &r), 0);
	assert_int_equal(r.quorum, 1);
	assert_int_equal(r.unverifiable_disputes, 0);
	d = cJSON_Parse("{\"format\": 1, \"review\": {\"quorum\": 3, \"unverifiable\": \"disputes\"}}");
	assert_int_equal(ct_review_rule_from_desk(d, &r), 0);
	assert_int_equal(r.quorum, 3);
	assert_int_equal(r.unverifiable_disputes, 1);
	cJSON_Delete(d);
	d = cJSON_Parse("{\"review\": {\"quorum\": 0}}");
	assert_int_equal(ct_review_rule_from_desk(d, &r), CT_EINPUT);
	cJSON_Delete(d);
	d = cJSON_Parse("{\"review\": {\"quorum\": 1.5}}");
	assert_int_equal(ct_review_rule_from_desk(d, &r), CT_EINPUT);
	cJSON_Delete(d);
	d = cJSON_Parse("{\"review\": {\"unverifiable\": \"sometimes\"}}");
	assert_int_equal(ct_review_rule_from_desk(d, &r), CT_EINPUT);
	cJSON_Delete(d);
	d = cJSON_Parse("{\"review\": 7}");
	assert_int_equal(ct_review_rule_from_desk(d, &r), CT_EINPUT);
	cJSON_Delete(d);
}

static void test_settings(void **state)
{
	cJSON *d = cJSON_Parse("{\"format\": 1, \"name\": \"desk\"}");
	const cJSON *v;
	(void)state;
	assert_non_null(ct_setting_find("review.quorum"));
	assert_null(ct_setting_find("review"));
	assert_int_equal(ct_setting_set(d, "review.quorum", "2"), 0);
	v = ct_setting_get(d, "review.quorum");
	assert_true(cJSON_IsNumber(v));
	assert_int_equal(v->valueint, 2);
	assert_int_equal(ct_setting_set(d, "review.quorum", "21"), CT_EINPUT);
	assert_int_equal(ct_setting_set(d, "review.quorum", "2x"), CT_EINPUT);
	assert_int_equal(ct_setting_set(d, "review.unverifiable", "disputes"), 0);
	assert_int_equal(ct_setting_set(d, "organisation.url", "not a url"), CT_EINPUT);
	assert_int_equal(ct_setting_set(d, "organisation.url", "https://factcheck.example/"), 0);
	assert_int_equal(ct_setting_set(d, "organisation.name", "Bad\nName"), CT_EINPUT);
	assert_int_equal(ct_setting_set(d, "organisation.name", "Port Alder Fact Desk"), 0);
	assert_int_equal(ct_setting_set(d, "nope", "x"), CT_EINPUT);
	assert_int_equal(ct_settings_check(d), 0);
	assert_string_equal(ct_setting_get(d, "organisation.name")->valuestring, "Port Alder Fact Desk");
	assert_int_equal(ct_setting_unset(d, "organisation.name"), 1);
	assert_int_equal(ct_setting_unset(d, "organisation.url"), 1);
	assert_null(cJSON_GetObjectItem(d, "organisation"));   /* an emptied group goes too */
	assert_int_equal(ct_setting_unset(d, "organisation.url"), 0);
	assert_int_equal(ct_setting_unset(d, "name"), CT_EINPUT);
	cJSON_Delete(d);
	d = cJSON_Parse("{\"format\": 1, \"review\": {\"quorum\": \"two\"}}");
	assert_int_equal(ct_settings_check(d), CT_EINPUT);
	cJSON_Delete(d);
	d = cJSON_Parse("{\"format\": 1, \"report\": \"x\"}");
	assert_int_equal(ct_setting_set(d, "report.url", "https://x.example/"), CT_EINPUT);
	cJSON_Delete(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_verdicts),
		cmocka_unit_test(test_reviewer_key_and_path),
		cmocka_unit_test(test_record_matches_schema),
		cmocka_unit_test(test_status_rule),
		cmocka_unit_test(test_rule_from_desk),
		cmocka_unit_test(test_settings),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
