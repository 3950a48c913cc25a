/* Unit tests for the pure parts of src/desk/sync: comparing review dates as instants (the rule
 * that settles a review changed on two machines), matching ~/.git-credentials lines to URLs, and
 * looking ssh host keys up in known_hosts text. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "desk/known_hosts.h"
#include "desk/sync.h"
#include "util/err.h"

static int cmp_of(const char *a, const char *b)
{
	int c = 99;
	assert_int_equal(ct_sync_date_cmp(a, b, &c), 0);
	return c;
}

static void test_date_same_instant_other_offsets(void **state)
{
	(void)state;
	assert_int_equal(cmp_of("2025-10-16T10:00:00+02:00", "2025-10-16T08:00:00Z"), 0);
	assert_int_equal(cmp_of("2025-10-16T08:00:00z", "2025-10-16t03:30:00-04:30"), 0);
	assert_int_equal(cmp_of("2025-10-16T00:30:00+01:00", "2025-10-15T23:30:00Z"), 0);
}

static void test_date_order_across_offsets(void **state)
{
	(void)state;
	/* The wall clock reads earlier, the instant is later. */
	assert_int_equal(cmp_of("2025-10-16T09:30:00Z", "2025-10-16T10:00:00+02:00"), 1);
	assert_int_equal(cmp_of("2025-10-16T10:00:00+02:00", "2025-10-16T09:30:00Z"), -1);
	/* Across a day, a month, a leap day and a year. */
	assert_int_equal(cmp_of("2024-02-29T23:59:59Z", "2024-03-01T00:00:00Z"), -1);
	assert_int_equal(cmp_of("2025-12-31T23:00:00-02:00", "2026-01-01T00:30:00Z"), 1);
	assert_int_equal(cmp_of("1999-12-31T23:59:59Z", "2000-01-01T00:00:00Z"), -1);
}

static void test_date_fractions(void **state)
{
	(void)state;
	assert_int_equal(cmp_of("2025-10-17T12:00:00.5Z", "2025-10-17T12:00:00.25Z"), 1);
	assert_int_equal(cmp_of("2025-10-17T12:00:00.5Z", "2025-10-17T12:00:00.500000Z"), 0);
	assert_int_equal(cmp_of("2025-10-17T12:00:00Z", "2025-10-17T12:00:00.000000001Z"), -1);
	assert_int_equal(cmp_of("2025-10-17T12:00:01Z", "2025-10-17T12:00:00.999Z"), 1);
}

static void test_date_malformed(void **state)
{
	static const char *const bad[] = {
		"", "2025-10-16", "2025-10-16T10:00:00", "2025-10-16T10:00:00+0200", "2025-13-01T00:00:00Z",
		"2025-10-16T24:00:00Z", "2025-10-16T10:00:00.Z", "2025-10-16T10:00:00Z junk", "yesterday",
		"2025-1a-16T10:00:00Z", NULL
	};
	const char *const *b;
	int c = 7;
	(void)state;
	for (b = bad; *b; b++) {
		assert_int_equal(ct_sync_date_cmp(*b, "2025-10-16T10:00:00Z", &c), CT_EINPUT);
		assert_int_equal(ct_sync_date_cmp("2025-10-16T10:00:00Z", *b, &c), CT_EINPUT);
	}
	assert_int_equal(c, 7);
}

/* Asserts what a credential line yields for url: NULL want_user = no match. */
static void cred_is(const char *line, const char *url, const char *want_user, const char *want_pass)
{
	char *user = (char *)1, *pass = (char *)1;
	int r = ct_credential_line_match(line, url, &user, &pass);
	if (!want_user) {
		if (r != 0 || user || pass)
			fail_msg("'%s' should not match '%s'", line, url);
		return;
	}
	if (r != 1)
		fail_msg("'%s' should match '%s'", line, url);
	assert_string_equal(user, want_user);
	assert_string_equal(pass, want_pass);
	free(user);
	free(pass);
}

static void test_credentials_match(void **state)
{
	(void)state;
	cred_is("https://ana:s3cret@git.example.org\n", "https://git.example.org/desks/flood.git", "ana", "s3cret");
	/* Percent-encoded as git's store helper writes it; CRLF line end. */
	cred_is("https://ana%40news:p%3Aw%2Fd%25@git.example.org\r\n", "https://git.example.org/x.git", "ana@news",
		"p:w/d%");
	/* Host case does not matter; scheme must agree; port must agree. */
	cred_is("https://ana:pw@Git.Example.ORG", "HTTPS://git.example.org/x.git", "ana", "pw");
	cred_is("https://ana:pw@git.example.org", "http://git.example.org/x.git", NULL, NULL);
	cred_is("https://ana:pw@git.example.org:8443", "https://git.example.org/x.git", NULL, NULL);
	cred_is("https://ana:pw@git.example.org:8443", "https://git.example.org:8443/x.git", "ana", "pw");
	/* git's store helper percent-encodes the colon before the port. */
	cred_is("http://ana:pw@127.0.0.1%3a8080", "http://127.0.0.1:8080/x.git", "ana", "pw");
	cred_is("http://ana:pw@127.0.0.1%3A8080", "http://127.0.0.1:8081/x.git", NULL, NULL);
	cred_is("https://ana:pw@other.example.org", "https://git.example.org/x.git", NULL, NULL);
	/* A user named in the URL must be the line's. */
	cred_is("https://ana:pw@git.example.org", "https://ben@git.example.org/x.git", NULL, NULL);
	cred_is("https://ana:pw@git.example.org", "https://ana@git.example.org/x.git", "ana", "pw");
	/* A line with a path only covers URLs under it. */
	cred_is("https://ana:pw@git.example.org/desks", "https://git.example.org/desks/flood.git", "ana", "pw");
	cred_is("https://ana:pw@git.example.org/desks", "https://git.example.org/desks2/flood.git", NULL, NULL);
	cred_is("https://ana:pw@git.example.org/desks/", "https://git.example.org/other.git", NULL, NULL);
	/* Lines without a password, or not URLs, never match. */
	cred_is("https://ana@git.example.org", "https://git.example.org/x.git", NULL, NULL);
	cred_is("# a comment", "https://git.example.org/x.git", NULL, NULL);
	cred_is("", "https://git.example.org/x.git", NULL, NULL);
	cred_is("https://ana:pw@", "https://git.example.org/x.git", NULL, NULL);
	/* A malformed escape is kept as written. */
	cred_is("https://ana:100%zz@git.example.org", "https://git.example.org/x.git", "ana", "100%zz");
}

/* Two made-up "keys" (any bytes do: the check compares blobs) and their base64. */
#define KEY1 "test-key-one"
#define KEY2 "test-key-two"
#define B64_KEY1 "dGVzdC1rZXktb25l"
#define B64_KEY2 "dGVzdC1rZXktdHdv"

static enum ct_known_host kh(const char *text, const char *host, int port, const char *key)
{
	return ct_known_hosts_check(text, strlen(text), host, port, (const unsigned char *)key, strlen(key));
}

static void test_known_hosts_plain(void **state)
{
	const char *t = "# comment\n\n"
			"git.example.org,10.0.0.7 ssh-ed25519 " B64_KEY1 " some comment\n"
			"[git.example.org]:2222 ssh-ed25519 " B64_KEY2 "\n";
	(void)state;
	assert_int_equal(kh(t, "git.example.org", 22, KEY1), CT_HOST_MATCH);
	assert_int_equal(kh(t, "GIT.example.org", 22, KEY1), CT_HOST_MATCH);
	assert_int_equal(kh(t, "10.0.0.7", 22, KEY1), CT_HOST_MATCH);
	assert_int_equal(kh(t, "git.example.org", 22, KEY2), CT_HOST_MISMATCH);
	/* Another port is another entry. */
	assert_int_equal(kh(t, "git.example.org", 2222, KEY2), CT_HOST_MATCH);
	assert_int_equal(kh(t, "git.example.org", 2222, KEY1), CT_HOST_MISMATCH);
	assert_int_equal(kh(t, "10.0.0.7", 2222, KEY1), CT_HOST_UNKNOWN);
	assert_int_equal(kh(t, "other.example.org", 22, KEY1), CT_HOST_UNKNOWN);
	assert_int_equal(kh("", "git.example.org", 22, KEY1), CT_HOST_UNKNOWN);
	/* A key that is a prefix of the listed one is not it. */
	assert_int_equal(kh(t, "git.example.org", 22, "test-key-on"), CT_HOST_MISMATCH);
}

static void test_known_hosts_patterns(void **state)
{
	const char *t = "*.example.org,!bad.example.org ssh-ed25519 " B64_KEY1 "\n"
			"host?.lan ssh-rsa " B64_KEY2 "\n";
	(void)state;
	assert_int_equal(kh(t, "git.example.org", 22, KEY1), CT_HOST_MATCH);
	assert_int_equal(kh(t, "bad.example.org", 22, KEY1), CT_HOST_UNKNOWN);
	assert_int_equal(kh(t, "example.org", 22, KEY1), CT_HOST_UNKNOWN);
	assert_int_equal(kh(t, "host1.lan", 22, KEY2), CT_HOST_MATCH);
	assert_int_equal(kh(t, "host12.lan", 22, KEY2), CT_HOST_UNKNOWN);
}

static void test_known_hosts_hashed(void **state)
{
	/* Made with python3's hmac: salt bytes 1..20, HMAC-SHA1 of the host name. */
	const char *t = "|1|AQIDBAUGBwgJCgsMDQ4PEBESExQ=|OzDarj42Xh1Hhl9gCjlFcBGXeZY= ssh-ed25519 " B64_KEY1 "\n"
			"|1|AQIDBAUGBwgJCgsMDQ4PEBESExQ=|v2ol6VRMoaw6dkgw2O5ZGigQSRE= ssh-ed25519 " B64_KEY2 "\n"
			"|1|broken ssh-ed25519 " B64_KEY2 "\n";
	(void)state;
	assert_int_equal(kh(t, "git.example.org", 22, KEY1), CT_HOST_MATCH);
	assert_int_equal(kh(t, "git.example.org", 22, KEY2), CT_HOST_MISMATCH);
	assert_int_equal(kh(t, "git.example.org", 2222, KEY2), CT_HOST_MATCH);
	assert_int_equal(kh(t, "git.example.net", 22, KEY1), CT_HOST_UNKNOWN);
}

static void test_known_hosts_markers(void **state)
{
	const char *t = "@revoked * ssh-ed25519 " B64_KEY2 "\n"
			"@cert-authority *.example.org ssh-ed25519 " B64_KEY1 "\n"
			"git.example.org ssh-ed25519 " B64_KEY2 "\n"
			"other.example.org ssh-ed25519 not-base64!\n";
	(void)state;
	/* Revoked wins even over a line that lists the key. */
	assert_int_equal(kh(t, "git.example.org", 22, KEY2), CT_HOST_REVOKED);
	/* A CA line is not a host key. */
	assert_int_equal(kh(t, "www.example.org", 22, KEY1), CT_HOST_UNKNOWN);
	assert_int_equal(kh(t, "other.example.org", 22, KEY1), CT_HOST_UNKNOWN);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_date_same_instant_other_offsets),
		cmocka_unit_test(test_date_order_across_offsets),
		cmocka_unit_test(test_date_fractions),
		cmocka_unit_test(test_date_malformed),
		cmocka_unit_test(test_credentials_match),
		cmocka_unit_test(test_known_hosts_plain),
		cmocka_unit_test(test_known_hosts_patterns),
		cmocka_unit_test(test_known_hosts_hashed),
		cmocka_unit_test(test_known_hosts_markers),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
