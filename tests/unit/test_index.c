/* Unit tests for src/index: schema, upserts and FTS consistency, hostile searches, prefix resolution,
 * broken records, corrupt and old-format files, bulk loads. Each test works in its own mkdtemp dir. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "index/index.h"
#include "util/buf.h"
#include "util/err.h"

struct fixture {
	char dir[64];
	char db[128];
	ct_index *ix;
};

static int setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));
	if (!fx)
		return -1;
	snprintf(fx->dir, sizeof(fx->dir), "/tmp/ct-index-XXXXXX");
	if (!mkdtemp(fx->dir)) {
		free(fx);
		return -1;
	}
	snprintf(fx->db, sizeof(fx->db), "%s/index.db", fx->dir);
	if (ct_index_open(&fx->ix, fx->db) != 0) {
		free(fx);
		return -1;
	}
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;
	char path[160];
	ct_index_free(fx->ix);
	unlink(fx->db);
	snprintf(path, sizeof(path), "%s-journal", fx->db);
	unlink(path);
	snprintf(path, sizeof(path), "%s.checked", fx->db);   /* the stamp ct_index_free leaves */
	unlink(path);
	if (rmdir(fx->dir) != 0)
		fprintf(stderr, "test_index: %s left behind\n", fx->dir);
	free(fx);
	return 0;
}

/* Collects callback rows as "path\n" lines (or "path|json\n" when want_json). */
struct rows {
	ct_buf out;
	int n;
	int want_json;
	int stop_at;   /* return 7 at this row (1-based) when non-zero */
};

static int collect(const char *path, const char *json, void *payload)
{
	struct rows *r = payload;
	r->n++;
	ct_buf_puts(&r->out, path);
	if (r->want_json) {
		ct_buf_putc(&r->out, '|');
		ct_buf_puts(&r->out, json);
	}
	ct_buf_putc(&r->out, '\n');
	return r->stop_at && r->n == r->stop_at ? 7 : 0;
}

static void rows_reset(struct rows *r)
{
	ct_buf_release(&r->out);
	r->n = 0;
	r->want_json = 0;
	r->stop_at = 0;
}

static void put_str(ct_index *ix, const char *path, const char *json)
{
	assert_int_equal(ct_index_put(ix, path, json, strlen(json)), 0);
}

static void put_source(ct_index *ix, const char *id)
{
	char path[128], json[512];
	snprintf(path, sizeof(path), "sources/%.2s/%s.json", id, id);
	snprintf(json, sizeof(json),
	         "{\"id\":\"%s\",\"outlet\":\"Daily\",\"published\":\"2024-01-02\",\"url\":null,"
	         "\"title\":\"T %s\",\"sha256\":\"%064d\",\"text\":\"sources/%.2s/%s.txt\",\"bytes\":10,"
	         "\"version\":1,\"claims\":0}", id, id, 0, id, id);
	put_str(ix, path, json);
}

static void claim_path(char *path, size_t n, const char *source, const char *id)
{
	snprintf(path, n, "claims/%.2s/%s/%s.json", source, source, id);
}

static void put_claim_full(ct_index *ix, const char *source, const char *id, int sentence,
                           const char *text, const char *status, const char *type)
{
	char path[160], json[1024];
	claim_path(path, sizeof(path), source, id);
	snprintf(json, sizeof(json),
	         "{\"id\":\"%s\",\"source\":\"%s\",\"text\":\"%s\",\"type\":\"%s\",\"span\":[0,5],"
	         "\"sentence\":%d,\"version\":1,\"status\":\"%s\",\"checkworthy\":0.5}",
	         id, source, text, type, sentence, status);
	put_str(ix, path, json);
}

static void put_claim(ct_index *ix, const char *source, const char *id, int sentence, const char *text)
{
	put_claim_full(ix, source, id, sentence, text, "active", "statement");
}

static void put_review(ct_index *ix, const char *claim, const char *key, const char *email,
                       const char *date)
{
	char path[160], json[512];
	snprintf(path, sizeof(path), "reviews/%.2s/%s/%s.json", claim, claim, key);
	snprintf(json, sizeof(json),
	         "{\"claim\":\"%s\",\"claim_version\":1,\"reviewer\":{\"name\":\"R\",\"email\":\"%s\"},"
	         "\"verdict\":\"corroborated\",\"evidence\":[],\"date\":\"%s\"}", claim, email, date);
	put_str(ix, path, json);
}

/* Number of claims a search finds, or the negative error code. */
static int search_count(ct_index *ix, const char *q)
{
	struct ct_claim_filter f = { NULL, q, NULL, NULL, 0 };
	struct rows r = { CT_BUF_INIT, 0, 0, 0 };
	int rc = ct_index_claims(ix, &f, collect, &r);
	int n = r.n;
	rows_reset(&r);
	return rc < 0 ? rc : n;
}

static void test_open_creates_empty(void **state)
{
	struct fixture *fx = *state;
	assert_int_equal(access(fx->db, F_OK), 0);
	assert_int_equal(ct_index_count(fx->ix, "source"), 0);
	assert_int_equal(ct_index_count(fx->ix, "claim"), 0);
	assert_int_equal(ct_index_count(fx->ix, "review"), 0);
	assert_int_equal(ct_index_count(fx->ix, "broken"), 0);
	assert_int_equal(ct_index_count(fx->ix, "nonsense"), CT_EINPUT);
	assert_int_equal(ct_index_check(fx->ix), 0);
}

static void test_put_and_list_in_order(void **state)
{
	struct fixture *fx = *state;
	struct rows r = { CT_BUF_INIT, 0, 0, 0 };
	struct ct_claim_filter all = { NULL, NULL, NULL, NULL, 0 };

	put_source(fx->ix, "zeta-1");
	put_source(fx->ix, "alpha-2");
	put_source(fx->ix, "mid.3");
	assert_int_equal(ct_index_sources(fx->ix, collect, &r), 0);
	assert_string_equal(r.out.ptr, "sources/al/alpha-2.json\nsources/mi/mid.3.json\nsources/ze/zeta-1.json\n");
	rows_reset(&r);

	/* Inserted out of order; listed by source then sentence (numerically: 10 after 2). */
	put_claim(fx->ix, "zeta-1", "00000000000000a1", 0, "Zeta first");
	put_claim(fx->ix, "alpha-2", "00000000000000b2", 10, "Alpha tenth");
	put_claim(fx->ix, "alpha-2", "00000000000000b1", 2, "Alpha second");
	assert_int_equal(ct_index_claims(fx->ix, &all, collect, &r), 0);
	assert_string_equal(r.out.ptr,
	                    "claims/al/alpha-2/00000000000000b1.json\n"
	                    "claims/al/alpha-2/00000000000000b2.json\n"
	                    "claims/ze/zeta-1/00000000000000a1.json\n");
	rows_reset(&r);

	/* The stored JSON comes back byte for byte. */
	r.want_json = 1;
	assert_int_equal(ct_index_sources(fx->ix, collect, &r), 0);
	assert_non_null(strstr(r.out.ptr, "sources/al/alpha-2.json|{\"id\":\"alpha-2\",\"outlet\":\"Daily\""));
	rows_reset(&r);

	put_review(fx->ix, "00000000000000b1", "bbbbbbbbbbbbbbbb", "b@x", "2024-03-01T10:00:00Z");
	put_review(fx->ix, "00000000000000b1", "aaaaaaaaaaaaaaaa", "z@x", "2024-03-01T09:00:00Z");
	put_review(fx->ix, "00000000000000b1", "cccccccccccccccc", "a@x", "2024-03-01T10:00:00Z");
	put_review(fx->ix, "00000000000000a1", "dddddddddddddddd", "a@x", "2024-01-01T00:00:00Z");
	assert_int_equal(ct_index_reviews(fx->ix, "00000000000000b1", collect, &r), 0);
	assert_string_equal(r.out.ptr,
	                    "reviews/00/00000000000000b1/aaaaaaaaaaaaaaaa.json\n"
	                    "reviews/00/00000000000000b1/cccccccccccccccc.json\n"
	                    "reviews/00/00000000000000b1/bbbbbbbbbbbbbbbb.json\n");
	rows_reset(&r);
	assert_int_equal(ct_index_count(fx->ix, "review"), 4);

	/* A non-zero callback return stops the walk and is passed back. */
	r.stop_at = 2;
	assert_int_equal(ct_index_sources(fx->ix, collect, &r), 7);
	assert_int_equal(r.n, 2);
	rows_reset(&r);
}

static void test_get_by_id(void **state)
{
	struct fixture *fx = *state;
	ct_buf json = CT_BUF_INIT, path = CT_BUF_INIT;

	put_source(fx->ix, "s1");
	put_claim(fx->ix, "s1", "1234567890abcdef", 0, "Some text");
	assert_int_equal(ct_index_get(fx->ix, "source", "s1", &json, &path), 0);
	assert_string_equal(path.ptr, "sources/s1/s1.json");
	assert_non_null(strstr(json.ptr, "\"id\":\"s1\""));
	assert_int_equal(ct_index_get(fx->ix, "claim", "1234567890abcdef", &json, &path), 0);
	assert_string_equal(path.ptr, "claims/s1/s1/1234567890abcdef.json");
	assert_non_null(strstr(json.ptr, "\"text\":\"Some text\""));
	assert_int_equal(ct_index_get(fx->ix, "claim", "1234567890abcdee", &json, NULL), CT_ENOTFOUND);
	assert_int_equal(ct_index_get(fx->ix, "source", "nope", NULL, &path), CT_ENOTFOUND);
	assert_int_equal(ct_index_get(fx->ix, "review", "s1", &json, &path), CT_EINPUT);
	ct_buf_release(&json);
	ct_buf_release(&path);
}

static void test_upsert_replaces_and_fts_follows(void **state)
{
	struct fixture *fx = *state;
	ct_buf json = CT_BUF_INIT;

	put_claim(fx->ix, "s1", "aaaaaaaaaaaaaaaa", 0, "The harbour expansion cost millions");
	put_claim(fx->ix, "s1", "bbbbbbbbbbbbbbbb", 1, "Nothing related");
	assert_int_equal(search_count(fx->ix, "harbour"), 1);

	put_claim(fx->ix, "s1", "aaaaaaaaaaaaaaaa", 0, "A bridge was opened in spring");
	assert_int_equal(ct_index_count(fx->ix, "claim"), 2);
	assert_int_equal(search_count(fx->ix, "harbour"), 0);
	assert_int_equal(search_count(fx->ix, "millions"), 0);
	assert_int_equal(search_count(fx->ix, "bridge"), 1);
	assert_int_equal(ct_index_get(fx->ix, "claim", "aaaaaaaaaaaaaaaa", &json, NULL), 0);
	assert_non_null(strstr(json.ptr, "bridge"));

	/* Same text again (no FTS change) and a status-only change keep the index consistent. */
	put_claim(fx->ix, "s1", "aaaaaaaaaaaaaaaa", 0, "A bridge was opened in spring");
	put_claim_full(fx->ix, "s1", "aaaaaaaaaaaaaaaa", 0, "A bridge was opened in spring", "withdrawn",
	               "event");
	assert_int_equal(search_count(fx->ix, "bridge"), 1);
	assert_int_equal(ct_index_check(fx->ix), 0);
	ct_buf_release(&json);
}

static void test_remove(void **state)
{
	struct fixture *fx = *state;
	char path[160];

	put_source(fx->ix, "s1");
	put_claim(fx->ix, "s1", "aaaaaaaaaaaaaaaa", 0, "Unique zebra sentence");
	put_claim(fx->ix, "s1", "bbbbbbbbbbbbbbbb", 1, "Other sentence");
	put_review(fx->ix, "aaaaaaaaaaaaaaaa", "1111111111111111", "a@x", "2024-01-01T00:00:00Z");
	claim_path(path, sizeof(path), "s1", "aaaaaaaaaaaaaaaa");

	assert_int_equal(ct_index_remove(fx->ix, path), 0);
	assert_int_equal(ct_index_count(fx->ix, "claim"), 1);
	assert_int_equal(search_count(fx->ix, "zebra"), 0);
	assert_int_equal(search_count(fx->ix, "sentence"), 1);
	assert_int_equal(ct_index_get(fx->ix, "claim", "aaaaaaaaaaaaaaaa", NULL, NULL), CT_ENOTFOUND);
	/* Removing it again, or a path that was never stored or is not a record, is fine. */
	assert_int_equal(ct_index_remove(fx->ix, path), 0);
	assert_int_equal(ct_index_remove(fx->ix, "desk.json"), 0);

	assert_int_equal(ct_index_remove(fx->ix, "sources/s1/s1.json"), 0);
	assert_int_equal(ct_index_count(fx->ix, "source"), 0);
	assert_int_equal(ct_index_remove(fx->ix, "reviews/aa/aaaaaaaaaaaaaaaa/1111111111111111.json"), 0);
	assert_int_equal(ct_index_count(fx->ix, "review"), 0);

	put_str(fx->ix, "sources/s2/s2.json", "{oops");
	assert_int_equal(ct_index_count(fx->ix, "broken"), 1);
	assert_int_equal(ct_index_remove(fx->ix, "sources/s2/s2.json"), 0);
	assert_int_equal(ct_index_count(fx->ix, "broken"), 0);
	assert_int_equal(ct_index_check(fx->ix), 0);
}

static void test_ignored_paths(void **state)
{
	struct fixture *fx = *state;
	static const char *const paths[] = {
		"desk.json", "sources/s1/s1.txt", "claims/claim.schema.json", "reviews/review.schema.json",
		"sources/s1.json", "notes/ab/cd.json", "claims/s1/s1/x/aaaaaaaaaaaaaaaa.json", "", "/", "sources//x.json",
		"claims/s1/s1/.json",
	};
	size_t i;
	for (i = 0; i < sizeof(paths) / sizeof(paths[0]); i++)
		put_str(fx->ix, paths[i], "{\"id\":\"x\"}");
	assert_int_equal(ct_index_count(fx->ix, "source"), 0);
	assert_int_equal(ct_index_count(fx->ix, "claim"), 0);
	assert_int_equal(ct_index_count(fx->ix, "review"), 0);
	assert_int_equal(ct_index_count(fx->ix, "broken"), 0);
}

static void test_search_words_stems_accents_acronyms(void **state)
{
	struct fixture *fx = *state;
	put_claim(fx->ix, "s1", "0000000000000001", 0, "The U.N. mandate was renewed on Monday");
	put_claim(fx->ix, "s1", "0000000000000002", 1, "The UN mandates expire in May");
	put_claim(fx->ix, "s1", "0000000000000003", 2, "A caf\\u00e9 opened near the mandate office");
	put_claim(fx->ix, "s1", "0000000000000004", 3, "Taxes AND spending OR cuts");

	/* All words must occur, in any order. */
	assert_int_equal(search_count(fx->ix, "UN mandate"), 2);
	assert_int_equal(search_count(fx->ix, "mandate UN"), 2);
	assert_int_equal(search_count(fx->ix, "U.N. mandate"), 2);
	assert_int_equal(search_count(fx->ix, "mandate"), 3);
	assert_int_equal(search_count(fx->ix, "renewed monday"), 1);
	assert_int_equal(search_count(fx->ix, "CAFE"), 1);
	assert_int_equal(search_count(fx->ix, "caf\xc3\xa9"), 1);
	assert_int_equal(search_count(fx->ix, "expiring"), 1);
	assert_int_equal(search_count(fx->ix, "mandate zebra"), 0);
	/* Operators are plain words. */
	assert_int_equal(search_count(fx->ix, "AND OR"), 1);
	assert_int_equal(search_count(fx->ix, "taxes OR zebra"), 0);
}

static void test_search_hostile_input(void **state)
{
	struct fixture *fx = *state;
	static const char *const inputs[] = {
		"\"", "AND OR", "*", "NEAR(", "'", "NEAR(a b", "a\"b", "\"unterminated", "text:mandate",
		"{text}: x", "^start", "-x", "+", "(((", ")", "a*", "mandate*", "NOT", "a NOT b", "'; DROP TABLE claims; --",
		"\xe2\x80\x94", "\xff\xfe", "\"\"\"\"", "col:", ":", "\\", "%", "_", "\t\n",
	};
	size_t i;
	int n;

	put_claim(fx->ix, "s1", "0000000000000001", 0, "The mandate of the mission");
	put_claim(fx->ix, "s1", "0000000000000002", 1, "He said: don't NEAR the edge");
	for (i = 0; i < sizeof(inputs) / sizeof(inputs[0]); i++) {
		n = search_count(fx->ix, inputs[i]);
		if (n < 0 && n != CT_EINPUT)
			fail_msg("search %zu '%s' failed: %d %s", i, inputs[i], n, ct_error_last());
	}
	/* Nothing but punctuation is no search at all. */
	assert_int_equal(search_count(fx->ix, "\""), CT_EINPUT);
	assert_int_equal(search_count(fx->ix, "*"), CT_EINPUT);
	assert_int_equal(search_count(fx->ix, "'"), CT_EINPUT);
	assert_int_equal(search_count(fx->ix, ""), CT_EINPUT);
	assert_int_equal(search_count(fx->ix, "   "), CT_EINPUT);
	assert_int_equal(search_count(fx->ix, "\xe2\x80\x94"), CT_EINPUT);
	/* Syntax characters never act as syntax. */
	assert_int_equal(search_count(fx->ix, "NEAR("), 1);
	assert_int_equal(search_count(fx->ix, "mandate*"), 1);
	assert_int_equal(search_count(fx->ix, "manda*"), 0);
	assert_int_equal(search_count(fx->ix, "don't"), 1);
	assert_int_equal(search_count(fx->ix, "\"mandate"), 1);
	/* As a column filter this would find claim 1; as quoted text it is the phrase "ftext mandate". */
	assert_int_equal(search_count(fx->ix, "ftext:mandate"), 0);
	assert_int_equal(search_count(fx->ix, "'; DROP TABLE claims; --"), 0);
	assert_int_equal(ct_index_count(fx->ix, "claim"), 2);
}

static void test_claim_filters(void **state)
{
	struct fixture *fx = *state;
	struct rows r = { CT_BUF_INIT, 0, 0, 0 };
	struct ct_claim_filter f = { NULL, NULL, NULL, NULL, 0 };

	put_claim_full(fx->ix, "s1", "0000000000000001", 0, "Rates rose", "active", "quantity");
	put_claim_full(fx->ix, "s1", "0000000000000002", 1, "Rates fell", "superseded", "quantity");
	put_claim_full(fx->ix, "s2", "0000000000000003", 0, "Rates held", "active", "statement");
	put_claim_full(fx->ix, "s2", "0000000000000004", 1, "He said so", "withdrawn", "quote");

	f.source = "s2";
	assert_int_equal(ct_index_claims(fx->ix, &f, collect, &r), 0);
	assert_int_equal(r.n, 2);
	rows_reset(&r);
	f.source = NULL;
	f.status = "active";
	assert_int_equal(ct_index_claims(fx->ix, &f, collect, &r), 0);
	assert_string_equal(r.out.ptr, "claims/s1/s1/0000000000000001.json\nclaims/s2/s2/0000000000000003.json\n");
	rows_reset(&r);
	f.type = "quantity";
	assert_int_equal(ct_index_claims(fx->ix, &f, collect, &r), 0);
	assert_string_equal(r.out.ptr, "claims/s1/s1/0000000000000001.json\n");
	rows_reset(&r);
	f.status = NULL;
	f.type = NULL;
	f.limit = 3;
	assert_int_equal(ct_index_claims(fx->ix, &f, collect, &r), 0);
	assert_int_equal(r.n, 3);
	rows_reset(&r);
	f.limit = 0;
	f.search = "rates";
	f.source = "s1";
	assert_int_equal(ct_index_claims(fx->ix, &f, collect, &r), 0);
	assert_int_equal(r.n, 2);
	rows_reset(&r);
	f.status = "superseded";
	assert_int_equal(ct_index_claims(fx->ix, &f, collect, &r), 0);
	assert_string_equal(r.out.ptr, "claims/s1/s1/0000000000000002.json\n");
	rows_reset(&r);
}

static void test_search_rank_order(void **state)
{
	struct fixture *fx = *state;
	struct rows r = { CT_BUF_INIT, 0, 0, 0 };
	struct ct_claim_filter f = { NULL, "budget", NULL, NULL, 0 };

	put_claim(fx->ix, "sa", "0000000000000001", 0,
	          "The budget was discussed among many other topics at a very long meeting of the council");
	put_claim(fx->ix, "sb", "0000000000000002", 0, "Budget budget budget");
	assert_int_equal(ct_index_claims(fx->ix, &f, collect, &r), 0);
	assert_string_equal(r.out.ptr, "claims/sb/sb/0000000000000002.json\nclaims/sa/sa/0000000000000001.json\n");
	rows_reset(&r);
}

static void test_resolve_prefix(void **state)
{
	struct fixture *fx = *state;
	ct_buf id = CT_BUF_INIT, path = CT_BUF_INIT;
	char cid[17];
	int i;

	put_claim(fx->ix, "s1", "3fa0aaaa00000001", 0, "a");
	put_claim(fx->ix, "s1", "3fa0bbbb00000002", 1, "b");
	put_claim(fx->ix, "s1", "3faf000000000000", 2, "c");
	put_claim(fx->ix, "s1", "3fb0000000000000", 3, "d");
	put_claim(fx->ix, "s1", "3fa9000000000000", 4, "e");

	assert_int_equal(ct_index_resolve_claim(fx->ix, "3fa0a", &id, &path), 0);
	assert_string_equal(id.ptr, "3fa0aaaa00000001");
	assert_string_equal(path.ptr, "claims/s1/s1/3fa0aaaa00000001.json");
	assert_int_equal(ct_index_resolve_claim(fx->ix, "3FA0B", &id, &path), 0);
	assert_string_equal(id.ptr, "3fa0bbbb00000002");
	/* The last digit 'f' has no successor digit: the range must still stop before 3fb0. */
	assert_int_equal(ct_index_resolve_claim(fx->ix, "3faf", &id, &path), 0);
	assert_string_equal(id.ptr, "3faf000000000000");
	assert_int_equal(ct_index_resolve_claim(fx->ix, "3fb0000000000000", &id, &path), 0);
	assert_string_equal(id.ptr, "3fb0000000000000");
	/* ... and must include ids whose next digit is 'f'. */
	put_claim(fx->ix, "s1", "3faff00000000000", 5, "f");
	assert_int_equal(ct_index_resolve_claim(fx->ix, "3faf", &id, &path), CT_EAMBIGUOUS);
	assert_int_equal(ct_index_resolve_claim(fx->ix, "3faff", &id, &path), 0);
	assert_string_equal(id.ptr, "3faff00000000000");

	assert_int_equal(ct_index_resolve_claim(fx->ix, "3fa0", &id, &path), CT_EAMBIGUOUS);
	assert_non_null(strstr(ct_error_last(), "claim id '3fa0' is ambiguous"));
	assert_non_null(strstr(ct_error_last(), "3fa0aaaa00000001"));
	assert_non_null(strstr(ct_error_last(), "3fa0bbbb00000002"));
	assert_null(strstr(ct_error_last(), "3faf"));

	assert_int_equal(ct_index_resolve_claim(fx->ix, "3fa1", &id, &path), CT_ENOTFOUND);
	assert_int_equal(ct_index_resolve_claim(fx->ix, "ffff", &id, &path), CT_ENOTFOUND);
	assert_int_equal(ct_index_resolve_claim(fx->ix, "3fa", &id, &path), CT_EINPUT);
	assert_int_equal(ct_index_resolve_claim(fx->ix, "", &id, &path), CT_EINPUT);
	assert_int_equal(ct_index_resolve_claim(fx->ix, "3fa0aaaa000000011", &id, &path), CT_EINPUT);
	assert_int_equal(ct_index_resolve_claim(fx->ix, "3fag", &id, &path), CT_EINPUT);
	assert_int_equal(ct_index_resolve_claim(fx->ix, "3fa%", &id, &path), CT_EINPUT);
	assert_int_equal(ct_index_resolve_claim(fx->ix, "3fa_", &id, &path), CT_EINPUT);
	assert_int_equal(ct_index_resolve_claim(fx->ix, " 3fa0", &id, &path), CT_EINPUT);

	/* More than five candidates: five named, then an ellipsis. */
	for (i = 0; i < 8; i++) {
		snprintf(cid, sizeof(cid), "cafe%012d", i);
		put_claim(fx->ix, "s2", cid, i, "x");
	}
	assert_int_equal(ct_index_resolve_claim(fx->ix, "cafe", &id, &path), CT_EAMBIGUOUS);
	assert_non_null(strstr(ct_error_last(), "cafe000000000004, ..."));
	assert_null(strstr(ct_error_last(), "cafe000000000005"));
	ct_buf_release(&id);
	ct_buf_release(&path);
}

static void test_broken_records(void **state)
{
	struct fixture *fx = *state;
	struct rows r = { CT_BUF_INIT, 0, 1, 0 };
	static const char good_claim[] = "{\"id\":\"aaaaaaaaaaaaaaaa\",\"source\":\"s1\",\"text\":\"words here\","
		"\"sentence\":0,\"status\":\"active\"}";

	put_str(fx->ix, "sources/s1/s1.json", "{\"id\": \"s1\", ");                       /* truncated */
	put_str(fx->ix, "sources/s2/s2.json", "[1, 2]");                                  /* not an object */
	put_str(fx->ix, "sources/s3/s3.json", "{\"outlet\":\"x\"}");                       /* no id */
	put_str(fx->ix, "sources/s4/s4.json", "{\"id\":\"other\"}");                       /* id vs path */
	put_str(fx->ix, "sources/s5/s5.json", "{\"id\":\"s5\"} trailing");                 /* garbage after */
	put_str(fx->ix, "claims/s1/s1/bbbbbbbbbbbbbbbb.json", "{\"id\":\"bbbbbbbbbbbbbbbb\"}"); /* no source */
	put_str(fx->ix, "claims/s1/s1/BBBBBBBBBBBBBBBB.json",
	        "{\"id\":\"BBBBBBBBBBBBBBBB\",\"source\":\"s1\"}");                         /* not lower hex */
	put_str(fx->ix, "reviews/aa/aaaaaaaaaaaaaaaa/k.json", "{\"claim\":\"bbbbbbbbbbbbbbbb\"}"); /* path */
	assert_int_equal(ct_index_put(fx->ix, "sources/s6/s6.json", "{\"id\":\"s6\"}\0x", 13), 0);
	assert_int_equal(ct_index_count(fx->ix, "broken"), 9);
	assert_int_equal(ct_index_count(fx->ix, "source"), 0);
	assert_int_equal(ct_index_count(fx->ix, "claim"), 0);
	assert_int_equal(ct_index_count(fx->ix, "review"), 0);

	assert_int_equal(ct_index_broken(fx->ix, collect, &r), 0);
	assert_non_null(strstr(r.out.ptr, "sources/s1/s1.json|invalid JSON"));
	assert_non_null(strstr(r.out.ptr, "sources/s2/s2.json|not a JSON object\n"));
	assert_non_null(strstr(r.out.ptr, "sources/s3/s3.json|missing or invalid field 'id'\n"));
	assert_non_null(strstr(r.out.ptr, "sources/s4/s4.json|source id 'other' does not match the path\n"));
	assert_non_null(strstr(r.out.ptr, "sources/s5/s5.json|invalid JSON"));
	assert_non_null(strstr(r.out.ptr, "sources/s6/s6.json|invalid JSON"));
	assert_non_null(strstr(r.out.ptr, "claims/s1/s1/bbbbbbbbbbbbbbbb.json|missing or invalid field 'source'\n"));
	assert_non_null(strstr(r.out.ptr, "reviews/aa/aaaaaaaaaaaaaaaa/k.json|review claim"));
	rows_reset(&r);

	/* Listings skip broken records. */
	assert_int_equal(ct_index_sources(fx->ix, collect, &r), 0);
	assert_int_equal(r.n, 0);
	rows_reset(&r);

	/* A fixed blob replaces the broken row; a broken blob replaces a good row (and its FTS entry). */
	put_str(fx->ix, "sources/s1/s1.json", "{\"id\":\"s1\"}");
	assert_int_equal(ct_index_count(fx->ix, "source"), 1);
	assert_int_equal(ct_index_count(fx->ix, "broken"), 8);
	put_str(fx->ix, "claims/s1/s1/aaaaaaaaaaaaaaaa.json", good_claim);
	assert_int_equal(search_count(fx->ix, "words"), 1);
	put_str(fx->ix, "claims/s1/s1/aaaaaaaaaaaaaaaa.json", "not json");
	assert_int_equal(ct_index_count(fx->ix, "claim"), 0);
	assert_int_equal(search_count(fx->ix, "words"), 0);
	assert_int_equal(ct_index_count(fx->ix, "broken"), 9);

	/* The same claim id under a second path is broken, naming the first. */
	put_str(fx->ix, "claims/s1/s1/aaaaaaaaaaaaaaaa.json", good_claim);
	put_str(fx->ix, "claims/s2/s2/aaaaaaaaaaaaaaaa.json",
	        "{\"id\":\"aaaaaaaaaaaaaaaa\",\"source\":\"s2\",\"text\":\"copy\"}");
	assert_int_equal(ct_index_count(fx->ix, "claim"), 1);
	r.want_json = 1;
	assert_int_equal(ct_index_broken(fx->ix, collect, &r), 0);
	assert_non_null(strstr(r.out.ptr, "claims/s2/s2/aaaaaaaaaaaaaaaa.json|duplicate claim id 'aaaaaaaaaaaaaaaa'"
	                       " (also at claims/s1/s1/aaaaaaaaaaaaaaaa.json)\n"));
	rows_reset(&r);
	assert_int_equal(search_count(fx->ix, "copy"), 0);
	assert_int_equal(ct_index_check(fx->ix), 0);
}

static void test_meta(void **state)
{
	struct fixture *fx = *state;
	ct_buf v = CT_BUF_INIT;
	assert_int_equal(ct_index_meta_get(fx->ix, "commit", &v), CT_ENOTFOUND);
	assert_int_equal(ct_index_meta_set(fx->ix, "commit", "abc123"), 0);
	assert_int_equal(ct_index_meta_get(fx->ix, "commit", &v), 0);
	assert_string_equal(v.ptr, "abc123");
	assert_int_equal(ct_index_meta_set(fx->ix, "commit", "def"), 0);
	assert_int_equal(ct_index_meta_get(fx->ix, "commit", &v), 0);
	assert_string_equal(v.ptr, "def");
	assert_int_equal(ct_index_meta_set(fx->ix, "empty", ""), 0);
	assert_int_equal(ct_index_meta_get(fx->ix, "empty", &v), 0);
	assert_string_equal(v.ptr, "");
	ct_buf_release(&v);
}

static void test_reopen_keeps_data(void **state)
{
	struct fixture *fx = *state;
	ct_buf v = CT_BUF_INIT;

	put_source(fx->ix, "s1");
	put_claim(fx->ix, "s1", "aaaaaaaaaaaaaaaa", 0, "Persistent words");
	assert_int_equal(ct_index_meta_set(fx->ix, "commit", "c0ffee"), 0);
	ct_index_free(fx->ix);
	fx->ix = NULL;
	assert_int_equal(ct_index_open(&fx->ix, fx->db), 0);
	assert_int_equal(ct_index_count(fx->ix, "source"), 1);
	assert_int_equal(ct_index_count(fx->ix, "claim"), 1);
	assert_int_equal(search_count(fx->ix, "persistent"), 1);
	assert_int_equal(ct_index_meta_get(fx->ix, "commit", &v), 0);
	assert_string_equal(v.ptr, "c0ffee");
	ct_buf_release(&v);
}

static void test_transactions(void **state)
{
	struct fixture *fx = *state;
	assert_int_equal(ct_index_begin(fx->ix), 0);
	put_source(fx->ix, "s1");
	ct_index_rollback(fx->ix);
	assert_int_equal(ct_index_count(fx->ix, "source"), 0);
	ct_index_rollback(fx->ix);   /* no transaction: harmless */

	assert_int_equal(ct_index_begin(fx->ix), 0);
	put_source(fx->ix, "s1");
	assert_int_equal(ct_index_commit(fx->ix), 0);
	assert_int_equal(ct_index_count(fx->ix, "source"), 1);
	assert_int_equal(ct_index_commit(fx->ix), CT_ERROR);   /* nothing to commit */

	/* Freeing with an open transaction discards it. */
	assert_int_equal(ct_index_begin(fx->ix), 0);
	put_source(fx->ix, "s2");
	ct_index_free(fx->ix);
	fx->ix = NULL;
	assert_int_equal(ct_index_open(&fx->ix, fx->db), 0);
	assert_int_equal(ct_index_count(fx->ix, "source"), 1);
}

static void test_clear(void **state)
{
	struct fixture *fx = *state;
	ct_buf v = CT_BUF_INIT;

	put_source(fx->ix, "s1");
	put_claim(fx->ix, "s1", "aaaaaaaaaaaaaaaa", 0, "Cleared words");
	put_review(fx->ix, "aaaaaaaaaaaaaaaa", "1111111111111111", "a@x", "2024-01-01T00:00:00Z");
	put_str(fx->ix, "sources/s2/s2.json", "{");
	assert_int_equal(ct_index_meta_set(fx->ix, "commit", "c1"), 0);

	assert_int_equal(ct_index_begin(fx->ix), 0);
	assert_int_equal(ct_index_clear(fx->ix), 0);
	assert_int_equal(ct_index_count(fx->ix, "claim"), 0);
	put_claim(fx->ix, "s1", "bbbbbbbbbbbbbbbb", 0, "Fresh words");
	assert_int_equal(ct_index_commit(fx->ix), 0);

	assert_int_equal(ct_index_count(fx->ix, "source"), 0);
	assert_int_equal(ct_index_count(fx->ix, "claim"), 1);
	assert_int_equal(ct_index_count(fx->ix, "review"), 0);
	assert_int_equal(ct_index_count(fx->ix, "broken"), 0);
	assert_int_equal(search_count(fx->ix, "cleared"), 0);
	assert_int_equal(search_count(fx->ix, "fresh"), 1);
	assert_int_equal(ct_index_meta_get(fx->ix, "commit", &v), 0);
	assert_string_equal(v.ptr, "c1");
	assert_int_equal(ct_index_check(fx->ix), 0);

	/* Outside a transaction too; the full-text index keeps following later writes. */
	assert_int_equal(ct_index_clear(fx->ix), 0);
	assert_int_equal(ct_index_count(fx->ix, "claim"), 0);
	put_claim(fx->ix, "s1", "cccccccccccccccc", 0, "Later words");
	assert_int_equal(search_count(fx->ix, "later"), 1);
	put_claim(fx->ix, "s1", "cccccccccccccccc", 0, "Changed words");
	assert_int_equal(search_count(fx->ix, "later"), 0);
	assert_int_equal(ct_index_check(fx->ix), 0);

	/* A clear rolled back restores everything, including row-by-row FTS maintenance. */
	assert_int_equal(ct_index_begin(fx->ix), 0);
	assert_int_equal(ct_index_clear(fx->ix), 0);
	ct_index_rollback(fx->ix);
	assert_int_equal(search_count(fx->ix, "changed"), 1);
	put_claim(fx->ix, "s1", "cccccccccccccccc", 0, "Rolled words");
	assert_int_equal(search_count(fx->ix, "changed"), 0);
	assert_int_equal(search_count(fx->ix, "rolled"), 1);
	assert_int_equal(ct_index_check(fx->ix), 0);
	ct_buf_release(&v);
}

static void write_at(const char *path, long off, const void *data, size_t len, int truncate)
{
	int fd = open(path, O_WRONLY | O_CREAT | (truncate ? O_TRUNC : 0), 0644);
	assert_true(fd >= 0);
	assert_int_equal(pwrite(fd, data, len, off), (ssize_t)len);
	assert_int_equal(close(fd), 0);
}

static void test_garbage_file_is_corrupt(void **state)
{
	struct fixture *fx = *state;
	char junk[4096];
	size_t i;
	ct_index *ix = NULL;

	ct_index_free(fx->ix);
	fx->ix = NULL;
	for (i = 0; i < sizeof(junk); i++)
		junk[i] = (char)(i * 7 + 13);
	write_at(fx->db, 0, junk, sizeof(junk), 1);
	assert_int_equal(ct_index_open(&ix, fx->db), CT_EDESK);
	assert_null(ix);
	assert_non_null(strstr(ct_error_last(), "index is corrupt"));
	/* Short garbage too. */
	write_at(fx->db, 0, "hello", 5, 1);
	assert_int_equal(ct_index_open(&ix, fx->db), CT_EDESK);
	/* The caller deletes the file and opens again. */
	assert_int_equal(unlink(fx->db), 0);
	assert_int_equal(ct_index_open(&fx->ix, fx->db), 0);
	assert_int_equal(ct_index_count(fx->ix, "claim"), 0);
}

static void test_damaged_page_is_corrupt(void **state)
{
	struct fixture *fx = *state;
	char junk[4096];
	char text[64];
	char id[17];
	ct_index *ix = NULL;
	int i;

	assert_int_equal(ct_index_begin(fx->ix), 0);
	for (i = 0; i < 500; i++) {
		snprintf(id, sizeof(id), "%016x", i);
		snprintf(text, sizeof(text), "claim number %d about things", i);
		put_claim(fx->ix, "s1", id, i, text);
	}
	assert_int_equal(ct_index_commit(fx->ix), 0);
	ct_index_free(fx->ix);
	fx->ix = NULL;
	/* Valid header, garbage in the pages after the schema. */
	memset(junk, 0x5a, sizeof(junk));
	for (i = 3; i < 8; i++)
		write_at(fx->db, (long)i * 4096, junk, sizeof(junk), 0);
	assert_int_equal(ct_index_open(&ix, fx->db), CT_EDESK);
	assert_null(ix);
	assert_non_null(strstr(ct_error_last(), "index is corrupt"));
}

static void test_other_version_is_old_format(void **state)
{
	struct fixture *fx = *state;
	/* PRAGMA user_version is the big-endian int at byte 60 of the header. */
	static const unsigned char v99[4] = { 0, 0, 0, 99 };
	ct_index *ix = NULL;

	ct_index_free(fx->ix);
	fx->ix = NULL;
	write_at(fx->db, 60, v99, sizeof(v99), 0);
	assert_int_equal(ct_index_open(&ix, fx->db), CT_EDESK);
	assert_null(ix);
	assert_non_null(strstr(ct_error_last(), "index has an old format"));
}

static void test_bulk_put(void **state)
{
	struct fixture *fx = *state;
	char id[17], src[16], text[96];
	int i;

	assert_int_equal(ct_index_begin(fx->ix), 0);
	for (i = 0; i < 20000; i++) {
		snprintf(id, sizeof(id), "%016x", (unsigned)i * 2654435761u);
		snprintf(src, sizeof(src), "src%d", i / 50);
		snprintf(text, sizeof(text), "Claim %d says the budget rose by %d percent in word%d", i, i % 97, i);
		put_claim(fx->ix, src, id, i % 50, text);
	}
	assert_int_equal(ct_index_commit(fx->ix), 0);
	assert_int_equal(ct_index_count(fx->ix, "claim"), 20000);
	assert_int_equal(search_count(fx->ix, "word12345"), 1);
	assert_int_equal(search_count(fx->ix, "budget"), 20000);
	assert_int_equal(ct_index_check(fx->ix), 0);
}

/* A large batch switches to one full-text rebuild at commit; every kind of write in it must
 * still be reflected, also by a search in the middle of the transaction. */
static void test_bulk_deferred_fts(void **state)
{
	struct fixture *fx = *state;
	char id[17], text[96], path[160];
	int i;

	put_claim(fx->ix, "s0", "ffffffffffffffff", 0, "Existing elephant");
	put_claim(fx->ix, "s0", "fffffffffffffffe", 1, "Existing giraffe");
	assert_int_equal(ct_index_begin(fx->ix), 0);
	for (i = 0; i < 3000; i++) {
		snprintf(id, sizeof(id), "%016x", i);
		snprintf(text, sizeof(text), "Bulk row %d tag%d", i, i);
		put_claim(fx->ix, "s1", id, i, text);
	}
	put_claim(fx->ix, "s0", "ffffffffffffffff", 0, "Replaced zebra");
	claim_path(path, sizeof(path), "s0", "fffffffffffffffe");
	assert_int_equal(ct_index_remove(fx->ix, path), 0);
	put_str(fx->ix, "claims/s1/s1/0000000000000005.json", "broken");
	/* Mid-transaction search sees the batch. */
	assert_int_equal(search_count(fx->ix, "tag2999"), 1);
	assert_int_equal(search_count(fx->ix, "elephant"), 0);
	assert_int_equal(search_count(fx->ix, "giraffe"), 0);
	assert_int_equal(search_count(fx->ix, "tag5"), 0);
	for (i = 3000; i < 4500; i++) {
		snprintf(id, sizeof(id), "%016x", i);
		snprintf(text, sizeof(text), "Bulk row %d tag%d", i, i);
		put_claim(fx->ix, "s1", id, i, text);
	}
	assert_int_equal(ct_index_commit(fx->ix), 0);
	assert_int_equal(ct_index_check(fx->ix), 0);
	assert_int_equal(search_count(fx->ix, "bulk"), 4499);
	assert_int_equal(search_count(fx->ix, "tag4499"), 1);
	assert_int_equal(search_count(fx->ix, "zebra"), 1);
	assert_int_equal(search_count(fx->ix, "elephant"), 0);
	assert_int_equal(search_count(fx->ix, "giraffe"), 0);

	/* Row-by-row maintenance is back after the commit. */
	put_claim(fx->ix, "s0", "ffffffffffffffff", 0, "Final okapi");
	assert_int_equal(search_count(fx->ix, "zebra"), 0);
	assert_int_equal(search_count(fx->ix, "okapi"), 1);

	/* A deferred batch that is rolled back leaves the index as it was, triggers included. */
	assert_int_equal(ct_index_begin(fx->ix), 0);
	for (i = 0; i < 2000; i++) {
		snprintf(id, sizeof(id), "%016x", i + 100000);
		put_claim(fx->ix, "s2", id, i, "Doomed row");
	}
	ct_index_rollback(fx->ix);
	assert_int_equal(search_count(fx->ix, "doomed"), 0);
	put_claim(fx->ix, "s0", "ffffffffffffffff", 0, "Final tapir");
	assert_int_equal(search_count(fx->ix, "okapi"), 0);
	assert_int_equal(search_count(fx->ix, "tapir"), 1);
	assert_int_equal(ct_index_check(fx->ix), 0);
}

static void fold_is(const char *in, const char *want)
{
	ct_buf b = CT_BUF_INIT;
	assert_int_equal(ct_index_fold_text(&b, in, strlen(in)), 0);
	assert_string_equal(b.ptr, want);
	ct_buf_release(&b);
}

static void test_fold_text(void **state)
{
	(void)state;
	fold_is("The U.N. said", "The UN said");
	fold_is("U.S.A.", "USA");
	fold_is("the U.S, then", "the US, then");
	fold_is("(U.K.)", "(UK)");
	fold_is("J. Smith", "J. Smith");
	fold_is("plan B. Then", "plan B. Then");
	fold_is("version 3.1.2", "version 3.1.2");
	fold_is("a.b.cd", "a.b.cd");
	fold_is("caf\xc3\xa9U.N", "caf\xc3\xa9U.N");
	fold_is("x.U.N", "xUN");
	fold_is("", "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_open_creates_empty, setup, teardown),
		cmocka_unit_test_setup_teardown(test_put_and_list_in_order, setup, teardown),
		cmocka_unit_test_setup_teardown(test_get_by_id, setup, teardown),
		cmocka_unit_test_setup_teardown(test_upsert_replaces_and_fts_follows, setup, teardown),
		cmocka_unit_test_setup_teardown(test_remove, setup, teardown),
		cmocka_unit_test_setup_teardown(test_ignored_paths, setup, teardown),
		cmocka_unit_test_setup_teardown(test_search_words_stems_accents_acronyms, setup, teardown),
		cmocka_unit_test_setup_teardown(test_search_hostile_input, setup, teardown),
		cmocka_unit_test_setup_teardown(test_claim_filters, setup, teardown),
		cmocka_unit_test_setup_teardown(test_search_rank_order, setup, teardown),
		cmocka_unit_test_setup_teardown(test_resolve_prefix, setup, teardown),
		cmocka_unit_test_setup_teardown(test_broken_records, setup, teardown),
		cmocka_unit_test_setup_teardown(test_meta, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reopen_keeps_data, setup, teardown),
		cmocka_unit_test_setup_teardown(test_transactions, setup, teardown),
		cmocka_unit_test_setup_teardown(test_clear, setup, teardown),
		cmocka_unit_test_setup_teardown(test_garbage_file_is_corrupt, setup, teardown),
		cmocka_unit_test_setup_teardown(test_damaged_page_is_corrupt, setup, teardown),
		cmocka_unit_test_setup_teardown(test_other_version_is_old_format, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bulk_put, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bulk_deferred_fts, setup, teardown),
		cmocka_unit_test(test_fold_text),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
