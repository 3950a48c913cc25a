/* claimtrack sync on libgit2: fetch one branch from a remote, merge it (records never collide; a
 * review record changed on both sides goes to the later date), push it back, retrying when the
 * remote moved. Credentials come from the ssh agent, ~/.ssh keys, the URL or ~/.git-credentials. */
#include "desk/sync.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>

#include <cJSON.h>
#include <git2.h>

#include "desk/desk_internal.h"
#include "desk/gitindex.h"
#include "desk/known_hosts.h"
#include "util/err.h"

#define DEFAULT_ATTEMPTS 5

void ct_sync_result_init(struct ct_sync_result *res)
{
	memset(res, 0, sizeof(*res));
	ct_buf_init(&res->resolved);
	ct_buf_init(&res->conflicts);
}

void ct_sync_result_release(struct ct_sync_result *res)
{
	ct_buf_release(&res->resolved);
	ct_buf_release(&res->conflicts);
}

static void copy_str(char *dst, size_t size, const char *src)
{
	size_t n = strlen(src);
	if (n >= size)
		n = size - 1;
	memcpy(dst, src, n);
	dst[n] = '\0';
}

/* ---- dates ----------------------------------------------------------------------------- */

static int digits(const char *s, int n, int *out)
{
	int v = 0, i;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

/* Days since 1970-01-01 of a proleptic Gregorian date. */
static long long days_from_civil(int y, int m, int d)
{
	long long era, yoe, doy, doe;
	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* RFC 3339 date-time to seconds since the epoch (UTC) and the fraction's digits (up to 9,
 * zero-padded, so that two fractions compare as strings). */
static int parse_rfc3339(const char *s, long long *secs, char frac[10])
{
	int y, mo, d, h, mi, sec, oh = 0, om = 0, sign = 0, n = 0;
	const char *p;
	memset(frac, '0', 9);
	frac[9] = '\0';
	if (strlen(s) < 20 || digits(s, 4, &y) || s[4] != '-' || digits(s + 5, 2, &mo) || s[7] != '-' ||
	    digits(s + 8, 2, &d) || (s[10] != 'T' && s[10] != 't' && s[10] != ' ') || digits(s + 11, 2, &h) ||
	    s[13] != ':' || digits(s + 14, 2, &mi) || s[16] != ':' || digits(s + 17, 2, &sec))
		return -1;
	if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60)
		return -1;
	p = s + 19;
	if (*p == '.') {
		for (p++; *p >= '0' && *p <= '9'; p++, n++)
			if (n < 9)
				frac[n] = *p;
		if (!n)
			return -1;
	}
	if (*p == 'Z' || *p == 'z') {
		p++;
	} else if (*p == '+' || *p == '-') {
		sign = *p == '-' ? -1 : 1;
		if (digits(p + 1, 2, &oh) || p[3] != ':' || digits(p + 4, 2, &om) || oh > 23 || om > 59)
			return -1;
		p += 6;
	} else {
		return -1;
	}
	if (*p)
		return -1;
	*secs = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + sec - (long long)sign * (oh * 3600 + om * 60);
	return 0;
}

int ct_sync_date_cmp(const char *a, const char *b, int *cmp)
{
	long long ta, tb;
	char fa[10], fb[10];
	if (parse_rfc3339(a, &ta, fa) < 0)
		return ct_error_set(CT_EINPUT, "not an RFC 3339 date-time: '%s'", a);
	if (parse_rfc3339(b, &tb, fb) < 0)
		return ct_error_set(CT_EINPUT, "not an RFC 3339 date-time: '%s'", b);
	*cmp = ta < tb ? -1 : ta > tb ? 1 : strcmp(fa, fb);
	if (*cmp)
		*cmp = *cmp < 0 ? -1 : 1;
	return 0;
}

/* ---- credentials ----------------------------------------------------------------------- */

struct url_parts {
	const char *scheme, *user, *pass, *host, *port, *path;
	size_t scheme_len, user_len, pass_len, host_len, port_len, path_len;
	int has_user, has_pass;
};

/* Splits "scheme://[user[:pass]@]host[:port][/path]" without copying. */
static int url_split(const char *url, struct url_parts *u)
{
	const char *p = strstr(url, "://"), *end, *at = NULL, *q, *colon = NULL;
	memset(u, 0, sizeof(*u));
	if (!p || p == url)
		return -1;
	u->scheme = url;
	u->scheme_len = (size_t)(p - url);
	p += 3;
	end = p + strcspn(p, "/?#");
	for (q = p; q < end; q++)
		if (*q == '@')
			at = q;
	if (at) {
		const char *c = memchr(p, ':', (size_t)(at - p));
		u->has_user = 1;
		u->user = p;
		u->user_len = (size_t)((c ? c : at) - p);
		if (c) {
			u->has_pass = 1;
			u->pass = c + 1;
			u->pass_len = (size_t)(at - c - 1);
		}
		p = at + 1;
	}
	q = p;
	if (*q == '[') {  /* [IPv6] */
		const char *rb = memchr(q, ']', (size_t)(end - q));
		if (!rb)
			return -1;
		q = rb;
	}
	for (; q < end; q++)
		if (*q == ':')
			colon = q;
	u->host = p;
	u->host_len = (size_t)((colon ? colon : end) - p);
	if (colon) {
		u->port = colon + 1;
		u->port_len = (size_t)(end - colon - 1);
	}
	u->path = end;
	u->path_len = strlen(end);
	return u->host_len ? 0 : -1;
}

static int hexval(int c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* Percent-decodes s[0..n) into a new string (NULL on allocation failure). */
static char *pct_decode(const char *s, size_t n)
{
	char *out = malloc(n + 1), *o = out;
	size_t i;
	if (!out)
		return NULL;
	for (i = 0; i < n; i++) {
		if (s[i] == '%' && i + 2 < n && hexval((unsigned char)s[i + 1]) >= 0 &&
		    hexval((unsigned char)s[i + 2]) >= 0) {
			*o++ = (char)(hexval((unsigned char)s[i + 1]) * 16 + hexval((unsigned char)s[i + 2]));
			i += 2;
		} else {
			*o++ = s[i];
		}
	}
	*o = '\0';
	return out;
}

static int span_eq(const char *a, size_t alen, const char *b, size_t blen, int nocase)
{
	if (alen != blen)
		return 0;
	return nocase ? !strncasecmp(a, b, alen) : !memcmp(a, b, alen);
}

int ct_credential_line_match(const char *line, const char *url, char **user, char **password)
{
	struct url_parts l, u;
	size_t n = strcspn(line, "\r\n");
	char *copy = strndup(line, n), *lhost = NULL, *uhost = NULL;
	int ok = 0;

	*user = *password = NULL;
	if (!copy)
		return 0;
	if (url_split(copy, &l) < 0 || url_split(url, &u) < 0 || !l.has_user || !l.has_pass)
		goto done;
	if (!span_eq(l.scheme, l.scheme_len, u.scheme, u.scheme_len, 1))
		goto done;
	/* git's store helper writes "host%3aport": compare host and port decoded, as one string. */
	lhost = pct_decode(l.host, (size_t)(l.path - l.host));
	uhost = pct_decode(u.host, (size_t)(u.path - u.host));
	if (!lhost || !uhost || strcasecmp(lhost, uhost))
		goto done;
	if (l.path_len > 1 && (u.path_len < l.path_len || memcmp(u.path, l.path, l.path_len) ||
			       (u.path_len > l.path_len && l.path[l.path_len - 1] != '/' && u.path[l.path_len] != '/')))
		goto done;
	*user = pct_decode(l.user, l.user_len);
	*password = pct_decode(l.pass, l.pass_len);
	if (!*user || !*password)
		goto done;
	if (u.has_user) {
		char *uu = pct_decode(u.user, u.user_len);
		int same = uu && !strcmp(uu, *user);
		free(uu);
		if (!same)
			goto done;
	}
	ok = 1;
done:
	if (!ok) {
		free(*user);
		free(*password);
		*user = *password = NULL;
	}
	free(lhost);
	free(uhost);
	free(copy);
	return ok;
}

/* State of one connection's credential attempts: each source is tried once, in order. */
struct cred_state {
	const char *url;   /* the remote's URL, for the ssh port in known_hosts */
	int agent_tried;
	int key_next;
	int url_tried;
	int store_tried;
};

static const char *const ssh_keys[] = { "id_ed25519", "id_ecdsa", "id_rsa", NULL };

static int file_exists(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* user:password for url from the credential store files git's "store" helper writes. */
static int store_lookup(const char *url, char **user, char **password)
{
	const char *home = getenv("HOME"), *xdg = getenv("XDG_CONFIG_HOME");
	ct_buf files[2] = { CT_BUF_INIT, CT_BUF_INIT };
	int i, found = 0;

	if (home && *home)
		ct_buf_printf(&files[0], "%s/.git-credentials", home);
	if (xdg && *xdg)
		ct_buf_printf(&files[1], "%s/git/credentials", xdg);
	else if (home && *home)
		ct_buf_printf(&files[1], "%s/.config/git/credentials", home);
	for (i = 0; i < 2 && !found; i++) {
		FILE *f = files[i].len ? fopen(files[i].ptr, "r") : NULL;
		char line[4096];
		if (!f)
			continue;
		while (!found && fgets(line, sizeof(line), f))
			found = ct_credential_line_match(line, url, user, password);
		fclose(f);
	}
	ct_buf_release(&files[0]);
	ct_buf_release(&files[1]);
	return found;
}

static int cred_cb(git_credential **out, const char *url, const char *username_from_url,
		   unsigned int allowed, void *payload)
{
	struct cred_state *st = payload;
	const char *user = username_from_url && *username_from_url ? username_from_url : NULL;
	const char *home = getenv("HOME");

	if (!user && (allowed & (GIT_CREDENTIAL_SSH_KEY | GIT_CREDENTIAL_USERNAME)))
		user = getenv("USER") && *getenv("USER") ? getenv("USER") : "git";
	if ((allowed & GIT_CREDENTIAL_USERNAME) && !(allowed & GIT_CREDENTIAL_SSH_KEY))
		return git_credential_username_new(out, user);
	if (allowed & GIT_CREDENTIAL_SSH_KEY) {
		if (!st->agent_tried) {
			st->agent_tried = 1;
			if (getenv("SSH_AUTH_SOCK") && git_credential_ssh_key_from_agent(out, user) == 0)
				return 0;
		}
		while (home && *home && ssh_keys[st->key_next]) {
			ct_buf priv = CT_BUF_INIT, pub = CT_BUF_INIT;
			int r = 1;
			ct_buf_printf(&priv, "%s/.ssh/%s", home, ssh_keys[st->key_next]);
			ct_buf_printf(&pub, "%s.pub", priv.ptr);
			st->key_next++;
			if (!ct_buf_oom(&priv) && !ct_buf_oom(&pub) && file_exists(priv.ptr))
				r = git_credential_ssh_key_new(out, user, file_exists(pub.ptr) ? pub.ptr : NULL, priv.ptr, NULL);
			ct_buf_release(&priv);
			ct_buf_release(&pub);
			if (r == 0)
				return 0;
		}
	}
	if (allowed & GIT_CREDENTIAL_USERPASS_PLAINTEXT) {
		struct url_parts u;
		if (!st->url_tried) {
			st->url_tried = 1;
			if (url_split(url, &u) == 0 && u.has_user && u.has_pass) {
				char *name = pct_decode(u.user, u.user_len), *pass = pct_decode(u.pass, u.pass_len);
				int r = name && pass ? git_credential_userpass_plaintext_new(out, name, pass) : -1;
				free(name);
				free(pass);
				if (r == 0)
					return 0;
			}
		}
		if (!st->store_tried) {
			char *name = NULL, *pass = NULL;
			int r = -1;
			st->store_tried = 1;
			if (store_lookup(url, &name, &pass))
				r = git_credential_userpass_plaintext_new(out, name, pass);
			free(name);
			free(pass);
			if (r == 0)
				return 0;
		}
	}
	if (allowed & GIT_CREDENTIAL_USERPASS_PLAINTEXT)
		git_error_set_str(GIT_ERROR_NET, "authentication failed: no user and password accepted (from the "
				  "URL or ~/.git-credentials)");
	else if (allowed & GIT_CREDENTIAL_SSH_KEY)
		git_error_set_str(GIT_ERROR_NET, "authentication failed: no ssh key accepted (ssh agent, "
				  "~/.ssh/id_ed25519, id_ecdsa, id_rsa)");
	else
		git_error_set_str(GIT_ERROR_NET, "authentication failed: the remote asks for credentials of a "
				  "kind claimtrack cannot give");
	return GIT_EAUTH;
}

/* ---- ssh host keys -------------------------------------------------------------------- */

/* The port of an ssh URL: "ssh://host:2222/x" or 22 (also for scp-like "host:path"). */
static int ssh_port(const char *url)
{
	struct url_parts u;
	int port = 0;
	size_t i;
	if (!url || !strstr(url, "://") || url_split(url, &u) < 0 || !u.port_len || u.port_len > 5)
		return 22;
	for (i = 0; i < u.port_len; i++) {
		if (u.port[i] < '0' || u.port[i] > '9')
			return 22;
		port = port * 10 + (u.port[i] - '0');
	}
	return port ? port : 22;
}

/* Accepts an ssh host key only when ~/.ssh/known_hosts or /etc/ssh/ssh_known_hosts lists it for
 * the host, as ssh does; anything else (https) keeps libgit2's own checks. */
static int cert_check(git_cert *cert, int valid, const char *host, void *payload)
{
	const struct cred_state *st = payload;
	const git_cert_hostkey *hk = (const git_cert_hostkey *)cert;
	const char *home = getenv("HOME");
	ct_buf known = CT_BUF_INIT, msg = CT_BUF_INIT, path = CT_BUF_INIT;
	enum ct_known_host r;
	(void)valid;

	if (cert->cert_type != GIT_CERT_HOSTKEY_LIBSSH2)
		return GIT_PASSTHROUGH;
	if (!(hk->type & GIT_CERT_SSH_RAW) || !hk->hostkey || !hk->hostkey_len) {
		git_error_set_str(GIT_ERROR_SSH, "cannot read the ssh host key to check it");
		return GIT_ECERTIFICATE;
	}
	if (home && *home) {
		ct_buf_printf(&path, "%s/.ssh/known_hosts", home);
		if (ct_buf_read_file(&known, path.ptr) == 0)
			ct_buf_putc(&known, '\n');
	}
	ct_buf_read_file(&known, "/etc/ssh/ssh_known_hosts");
	r = ct_known_hosts_check(known.ptr, known.len, host, ssh_port(st->url), (const unsigned char *)hk->hostkey,
				 hk->hostkey_len);
	if (r == CT_HOST_UNKNOWN)
		ct_buf_printf(&msg, "unknown ssh host '%s': its key is not in ~/.ssh/known_hosts (connect once with "
			      "ssh, check the fingerprint, and accept it)", host);
	else if (r == CT_HOST_MISMATCH)
		ct_buf_printf(&msg, "the ssh host key of '%s' does not match ~/.ssh/known_hosts: not connecting "
			      "(the key changed, or someone is in between)", host);
	else if (r == CT_HOST_REVOKED)
		ct_buf_printf(&msg, "the ssh host key of '%s' is marked @revoked in known_hosts: not connecting", host);
	if (r != CT_HOST_MATCH)
		git_error_set_str(GIT_ERROR_SSH, ct_buf_oom(&msg) ? "ssh host key not accepted" : msg.ptr);
	ct_buf_release(&known);
	ct_buf_release(&msg);
	ct_buf_release(&path);
	return r == CT_HOST_MATCH ? 0 : GIT_ECERTIFICATE;
}

/* ---- hooks ----------------------------------------------------------------------------- */

int ct_desk_hooks_dir(ct_desk *desk, ct_buf *dir, ct_buf *hooks_path)
{
	git_buf b = { 0 };
	git_config *cfg = NULL;
	int error = 0;

	if (git_repository_item_path(&b, desk->repo, GIT_REPOSITORY_ITEM_HOOKS) < 0)
		return ct_desk__git_fail(CT_EDESK, "cannot find the hooks directory");
	ct_buf_puts(dir, b.ptr);
	if (dir->len && dir->ptr[dir->len - 1] != '/')
		ct_buf_putc(dir, '/');
	git_buf_dispose(&b);
	if (git_repository_config_snapshot(&cfg, desk->repo) == 0 &&
	    git_config_get_string_buf(&b, cfg, "core.hooksPath") == 0)
		ct_buf_puts(hooks_path, b.ptr);
	git_buf_dispose(&b);
	git_config_free(cfg);
	if (ct_buf_oom(dir) < 0 || ct_buf_oom(hooks_path) < 0)
		error = ct_error_set(CT_ENOMEM, "out of memory");
	return error;
}

/* ---- merging --------------------------------------------------------------------------- */

static int is_review_record(const char *path)
{
	size_t n = strlen(path);
	return !strncmp(path, "reviews/", 8) && n > 13 && !strcmp(path + n - 5, ".json");
}

/* The "date" of a review blob, or NULL (caller frees). */
static char *review_date(git_repository *repo, const git_oid *id)
{
	git_blob *blob = NULL;
	cJSON *j = NULL;
	const cJSON *d;
	char *out = NULL;
	if (git_blob_lookup(&blob, repo, id) < 0)
		return NULL;
	j = cJSON_ParseWithLength(git_blob_rawcontent(blob), (size_t)git_blob_rawsize(blob));
	d = cJSON_GetObjectItemCaseSensitive(j, "date");
	if (cJSON_IsString(d) && d->valuestring)
		out = strdup(d->valuestring);
	cJSON_Delete(j);
	git_blob_free(blob);
	return out;
}

struct conflict {
	char *path;
	git_index_entry winner;
	int resolved;
};

/* Settles one conflicted path by the review rule: the later date wins (tie: greater blob id); a
 * record kept on one side only survives. Returns 1 when settled. */
static int settle_review(git_repository *repo, const git_index_entry *ours, const git_index_entry *theirs,
			 git_index_entry *winner)
{
	char *da, *db;
	int cmp = 0, ok;
	if (!ours || !theirs) {
		*winner = ours ? *ours : *theirs;
		return 1;
	}
	da = review_date(repo, &ours->id);
	db = review_date(repo, &theirs->id);
	ok = da && db && ct_sync_date_cmp(da, db, &cmp) == 0;
	free(da);
	free(db);
	if (!ok)
		return 0;
	if (!cmp)
		cmp = git_oid_cmp(&ours->id, &theirs->id);
	*winner = cmp >= 0 ? *ours : *theirs;
	return 1;
}

/* Resolves the conflicts of a merge index by the rules, or lists the paths it cannot settle in
 * res->conflicts and returns CT_ERROR with nothing written. */
static int resolve_conflicts(git_repository *repo, git_index *idx, struct ct_sync_result *res, ct_buf *message)
{
	git_index_conflict_iterator *it = NULL;
	const git_index_entry *anc, *ours, *theirs;
	struct conflict *c = NULL;
	size_t n = 0, cap = 0, i, unsettled = 0;
	int error = 0, r;

	if (!git_index_has_conflicts(idx))
		return 0;
	if (git_index_conflict_iterator_new(&it, idx) < 0)
		return ct_desk__git_fail(CT_ERROR, "cannot read merge conflicts");
	while ((r = git_index_conflict_next(&anc, &ours, &theirs, it)) == 0) {
		const git_index_entry *any = ours ? ours : theirs ? theirs : anc;
		if (n == cap) {
			size_t nc = cap ? cap * 2 : 16;
			struct conflict *m = realloc(c, nc * sizeof(*m));
			if (!m) {
				error = ct_error_set(CT_ENOMEM, "out of memory");
				goto done;
			}
			c = m;
			cap = nc;
		}
		memset(&c[n], 0, sizeof(c[n]));
		if (!(c[n].path = strdup(any->path))) {
			error = ct_error_set(CT_ENOMEM, "out of memory");
			goto done;
		}
		if (is_review_record(any->path) && (ours || theirs))
			c[n].resolved = settle_review(repo, ours, theirs, &c[n].winner);
		if (!c[n].resolved) {
			ct_buf_puts(&res->conflicts, any->path);
			ct_buf_putc(&res->conflicts, '\n');
			unsettled++;
		}
		n++;
	}
	if (r != GIT_ITEROVER) {
		error = ct_desk__git_fail(CT_ERROR, "cannot read merge conflicts");
		goto done;
	}
	if (unsettled) {
		error = ct_error_set(CT_ERROR, "%zu path%s changed on both sides", unsettled, unsettled == 1 ? "" : "s");
		goto done;
	}
	if (n)
		ct_buf_puts(message, "\nReview records changed on both sides, the later date kept:\n");
	for (i = 0; i < n; i++) {
		git_index_entry e;
		memset(&e, 0, sizeof(e));
		e.path = c[i].path;
		e.mode = c[i].winner.mode;
		git_oid_cpy(&e.id, &c[i].winner.id);
		if (git_index_conflict_remove(idx, c[i].path) < 0 || git_index_add(idx, &e) < 0) {
			error = ct_desk__git_fail(CT_ERROR, "cannot settle a review conflict");
			goto done;
		}
		ct_buf_printf(&res->resolved, "%s\n", c[i].path);
		ct_buf_printf(message, "  %s\n", c[i].path);
	}
	if (ct_buf_oom(&res->resolved) < 0 || ct_buf_oom(message) < 0)
		error = ct_error_set(CT_ENOMEM, "out of memory");
done:
	for (i = 0; i < n; i++)
		free(c[i].path);
	free(c);
	git_index_conflict_iterator_free(it);
	return error;
}

struct path_list {
	char **v;
	size_t n, cap;
};

static void path_list_free(struct path_list *l)
{
	size_t i;
	for (i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

static int collect_path(const git_diff_delta *delta, float progress, void *payload)
{
	struct path_list *l = payload;
	(void)progress;
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 64;
		char **v = realloc(l->v, cap * sizeof(*v));
		if (!v)
			return -1;
		l->v = v;
		l->cap = cap;
	}
	if (!(l->v[l->n] = strdup(delta->new_file.path ? delta->new_file.path : delta->old_file.path)))
		return -1;
	l->n++;
	return 0;
}

/* Moves branch from old to new (compare-and-swap) and brings the working tree along, after
 * checking that no local change is in the way. */
static int advance_branch(ct_desk *desk, const char *branch, git_commit *old, const git_oid *new_id,
			  const char *reflog)
{
	git_repository *repo = desk->repo;
	git_commit *nc = NULL;
	git_tree *ot = NULL, *nt = NULL;
	git_diff *diff = NULL;
	git_reference *ref = NULL;
	struct path_list paths = { 0 };
	ct_buf blocked = CT_BUF_INIT;
	int error = 0, r;

	if (git_commit_lookup(&nc, repo, new_id) < 0 || git_commit_tree(&nt, nc) < 0 || git_commit_tree(&ot, old) < 0) {
		error = ct_desk__git_fail(CT_EDESK, "cannot read the merged commit");
		goto done;
	}
	if (git_diff_tree_to_tree(&diff, repo, ot, nt, NULL) < 0 ||
	    git_diff_foreach(diff, collect_path, NULL, NULL, NULL, &paths) < 0) {
		error = ct_desk__git_fail(CT_EDESK, "cannot compare the trees");
		goto done;
	}
	if (paths.n && ct_desk__checkout(desk, ot, nt, paths.v, paths.n, 1, &blocked) < 0) {
		if (blocked.len)
			error = ct_error_set(CT_EDESK, "local changes would be overwritten by the merge; commit "
					     "or discard them first: %s", blocked.ptr);
		else
			error = ct_desk__git_fail(CT_EDESK, "cannot update the working tree");
		goto done;
	}
	r = git_reference_create_matching(&ref, repo, branch, new_id, 1, git_commit_id(old), reflog);
	if (r == GIT_EMODIFIED || r == GIT_EEXISTS || r == GIT_ELOCKED) {
		error = ct_error_set(CT_EDESK, "the desk changed while sync ran (HEAD moved or is locked); nothing was merged, try again");
		goto done;
	}
	if (r < 0) {
		error = ct_desk__git_fail(CT_EDESK, "cannot update branch");
		goto done;
	}
	if (paths.n && ct_desk__checkout(desk, ot, nt, paths.v, paths.n, 0, NULL) < 0)
		error = ct_desk__git_fail(CT_EDESK, "merged, but the working tree could not be updated (run 'git checkout -f' to refresh it)");
done:
	ct_buf_release(&blocked);
	path_list_free(&paths);
	git_reference_free(ref);
	git_diff_free(diff);
	git_tree_free(ot);
	git_tree_free(nt);
	git_commit_free(nc);
	return error;
}

/* Merges the commit theirs into branch. */
static int merge_into(ct_desk *desk, const char *branch, const git_oid *theirs_id, const char *theirs_name,
		      const struct ct_sync_opts *opts, struct ct_sync_result *res)
{
	git_repository *repo = desk->repo;
	git_commit *ours = NULL, *theirs = NULL;
	git_index *idx = NULL;
	git_tree *tree = NULL;
	git_signature *author = NULL, *committer = NULL;
	git_merge_options mo;
	git_oid ours_id, tree_id, merged;
	ct_buf message = CT_BUF_INIT, reflog = CT_BUF_INIT;
	int error = 0, r;

	if (git_reference_name_to_id(&ours_id, repo, branch) < 0 || git_commit_lookup(&ours, repo, &ours_id) < 0 ||
	    git_commit_lookup(&theirs, repo, theirs_id) < 0) {
		error = ct_desk__git_fail(CT_EDESK, "cannot read the commits to merge");
		goto done;
	}
	if (git_oid_equal(&ours_id, theirs_id) || git_graph_descendant_of(repo, &ours_id, theirs_id) == 1) {
		res->merge = CT_SYNC_UP_TO_DATE;
		goto done;
	}
	/* libgit2 1.5 reads the git index for attributes when it compares or merges trees, and
	 * cannot read a split one: made whole first (the next patched checkout splits it again) */
	if (ct_gitindex_unsplit(desk->gitdir, NULL, NULL) < 0) {
		error = ct_desk__git_fail(CT_EDESK, "cannot read the git index");
		goto done;
	}
	if (git_graph_descendant_of(repo, theirs_id, &ours_id) == 1) {
		ct_buf_printf(&reflog, "sync: fast-forward to %s", theirs_name);
		if ((error = advance_branch(desk, branch, ours, theirs_id, reflog.ptr)) < 0)
			goto done;
		res->merge = CT_SYNC_FAST_FORWARD;
		goto done;
	}

	git_merge_options_init(&mo, GIT_MERGE_OPTIONS_VERSION);
	mo.flags = 0;                  /* no rename detection: records keep their paths */
	mo.default_driver = "binary";  /* never splice two versions of a record line by line */
	if (git_merge_commits(&idx, repo, ours, theirs, &mo) < 0) {
		error = ct_desk__git_fail(CT_ERROR, "cannot merge");
		goto done;
	}
	if (!opts->who) {
		error = ct_error_set(CT_EINPUT, "a merge commit needs an identity: set git config user.name and "
				     "user.email (or GIT_AUTHOR_NAME and GIT_AUTHOR_EMAIL)");
		goto done;
	}
	ct_buf_printf(&message, "Merge %s into %s\n", theirs_name, branch + 11);
	if ((error = resolve_conflicts(repo, idx, res, &message)) < 0)
		goto done;
	if (git_index_write_tree_to(&tree_id, idx, repo) < 0 || git_tree_lookup(&tree, repo, &tree_id) < 0) {
		error = ct_desk__git_fail(CT_ERROR, "cannot write the merged tree");
		goto done;
	}
	if ((error = ct_desk__signatures(&author, &committer, desk, opts->who)) < 0)
		goto done;
	{
		const git_commit *parents[2] = { ours, theirs };
		r = git_commit_create(&merged, repo, NULL, author, committer, NULL, message.ptr, tree, 2, parents);
	}
	if (r < 0) {
		error = ct_desk__git_fail(CT_ERROR, "cannot create the merge commit");
		goto done;
	}
	ct_buf_printf(&reflog, "sync: merge %s", theirs_name);
	if ((error = advance_branch(desk, branch, ours, &merged, reflog.ptr)) < 0)
		goto done;
	res->merge = CT_SYNC_MERGED;
	res->merges++;
	git_oid_tostr(res->merge_commit, sizeof(res->merge_commit), &merged);
done:
	ct_buf_release(&message);
	ct_buf_release(&reflog);
	git_signature_free(author);
	git_signature_free(committer);
	git_tree_free(tree);
	git_index_free(idx);
	git_commit_free(ours);
	git_commit_free(theirs);
	return error;
}

/* ---- pushing --------------------------------------------------------------------------- */

struct push_state {
	struct cred_state cred;
	git_repository *repo;
	git_oid local;
	int moved;          /* the remote's branch is not an ancestor of ours: fetch and merge again */
	ct_buf rejected;    /* the remote's reason, when it refused the update */
};

static int push_negotiation(const git_push_update **updates, size_t len, void *payload)
{
	struct push_state *ps = payload;
	size_t i;
	for (i = 0; i < len; i++) {
		const git_oid *cur = &updates[i]->src;
		if (git_oid_is_zero(cur) || git_oid_equal(cur, &ps->local) ||
		    git_graph_descendant_of(ps->repo, &ps->local, cur) == 1)
			continue;
		ps->moved = 1;
		git_error_set_str(GIT_ERROR_NET, "the remote branch moved since the fetch");
		return GIT_EUSER;
	}
	return 0;
}

static int push_update_reference(const char *refname, const char *status, void *payload)
{
	struct push_state *ps = payload;
	(void)refname;
	if (status)
		ct_buf_puts(&ps->rejected, status);
	return 0;
}

static int cred_cb_push(git_credential **out, const char *url, const char *user, unsigned int allowed, void *payload)
{
	return cred_cb(out, url, user, allowed, &((struct push_state *)payload)->cred);
}

static int cert_check_push(git_cert *cert, int valid, const char *host, void *payload)
{
	return cert_check(cert, valid, host, &((struct push_state *)payload)->cred);
}

/* ---- the sync -------------------------------------------------------------------------- */

static int git_buf_to(char *dst, size_t size, git_buf *b)
{
	int fits = strlen(b->ptr) < size;
	if (fits)
		copy_str(dst, size, b->ptr);
	git_buf_dispose(b);
	return fits ? 0 : -1;
}

/* Finds the remote, the branch on it and the tracking ref the fetch writes. */
static int resolve_remote(git_remote **out, ct_desk *desk, const char *branch, const char *name,
			  struct ct_sync_result *res)
{
	git_repository *repo = desk->repo;
	git_buf b = { 0 };
	char upstream[256] = "";
	char remote_ref[300];
	size_t i, n;
	int r;

	*out = NULL;
	if (git_branch_upstream_remote(&b, repo, branch) == 0) {
		if (git_buf_to(upstream, sizeof(upstream), &b) < 0)
			upstream[0] = '\0';
	}
	git_buf_dispose(&b);
	if (!name)
		name = *upstream ? upstream : "origin";
	copy_str(res->remote, sizeof(res->remote), name);
	r = git_remote_lookup(out, repo, name);
	if (r == GIT_ENOTFOUND || r == GIT_EINVALIDSPEC)
		return ct_error_set(CT_EINPUT, "no such remote: '%s' (add one with 'git remote add %s URL')", name,
				    r == GIT_ENOTFOUND ? name : "NAME");
	if (r < 0)
		return ct_desk__git_fail(CT_EDESK, "cannot read the remote's configuration");
	if (!git_remote_url(*out))
		return ct_error_set(CT_EINPUT, "the remote has no URL: '%s'", name);

	copy_str(remote_ref, sizeof(remote_ref), branch);
	if (*upstream && !strcmp(upstream, name) && git_branch_upstream_merge(&b, repo, branch) == 0) {
		if (!strncmp(b.ptr, "refs/heads/", 11) && strlen(b.ptr) < sizeof(remote_ref))
			copy_str(remote_ref, sizeof(remote_ref), b.ptr);
	}
	git_buf_dispose(&b);
	copy_str(res->remote_branch, sizeof(res->remote_branch), remote_ref + 11);

	n = git_remote_refspec_count(*out);
	for (i = 0; i < n; i++) {
		const git_refspec *rs = git_remote_get_refspec(*out, i);
		if (git_refspec_direction(rs) == GIT_DIRECTION_FETCH && git_refspec_src_matches(rs, remote_ref) &&
		    git_refspec_transform(&b, rs, remote_ref) == 0) {
			r = git_buf_to(res->tracking, sizeof(res->tracking), &b);
			if (r == 0)
				return 0;
		}
		git_buf_dispose(&b);
	}
	snprintf(res->tracking, sizeof(res->tracking), "refs/remotes/%s/%s", name, res->remote_branch);
	return 0;
}

static int fetch(git_remote *remote, const char *spec, const char *name)
{
	git_fetch_options fo;
	struct cred_state cs = { 0 };
	char *specs[1];
	git_strarray arr;
	ct_buf s = CT_BUF_INIT;
	int r;

	ct_buf_puts(&s, spec);
	if (ct_buf_oom(&s) < 0)
		return ct_error_set(CT_ENOMEM, "out of memory");
	specs[0] = s.ptr;
	arr.strings = specs;
	arr.count = 1;
	git_fetch_options_init(&fo, GIT_FETCH_OPTIONS_VERSION);
	cs.url = git_remote_url(remote);
	fo.callbacks.credentials = cred_cb;
	fo.callbacks.certificate_check = cert_check;
	fo.callbacks.payload = &cs;
	fo.prune = GIT_FETCH_NO_PRUNE;
	fo.download_tags = GIT_REMOTE_DOWNLOAD_TAGS_NONE;
	r = git_remote_fetch(remote, &arr, &fo, "sync: fetch");
	ct_buf_release(&s);
	if (r < 0) {
		ct_buf what = CT_BUF_INIT;
		ct_buf_printf(&what, "cannot fetch from '%s'", name);
		r = ct_desk__git_fail(CT_ERROR, what.ptr);
		ct_buf_release(&what);
		return r;
	}
	return 0;
}

/* Pushes branch to the remote's branch. Returns 0 when pushed, 1 when the remote moved or refused
 * the update (fetch and merge again), or an error. */
static int push(git_remote *remote, ct_desk *desk, const char *branch, const char *remote_ref,
		struct ct_sync_result *res)
{
	git_push_options po;
	struct push_state ps;
	char *specs[1];
	git_strarray arr;
	ct_buf spec = CT_BUF_INIT, what = CT_BUF_INIT;
	int r, error = 0;

	memset(&ps, 0, sizeof(ps));
	ct_buf_init(&ps.rejected);
	ps.repo = desk->repo;
	if (git_reference_name_to_id(&ps.local, desk->repo, branch) < 0)
		return ct_desk__git_fail(CT_EDESK, "cannot read the branch");
	ct_buf_printf(&spec, "%s:%s", branch, remote_ref);
	if (ct_buf_oom(&spec) < 0)
		return ct_error_set(CT_ENOMEM, "out of memory");
	specs[0] = spec.ptr;
	arr.strings = specs;
	arr.count = 1;
	git_push_options_init(&po, GIT_PUSH_OPTIONS_VERSION);
	ps.cred.url = git_remote_pushurl(remote) ? git_remote_pushurl(remote) : git_remote_url(remote);
	po.callbacks.credentials = cred_cb_push;
	po.callbacks.certificate_check = cert_check_push;
	po.callbacks.push_negotiation = push_negotiation;
	po.callbacks.push_update_reference = push_update_reference;
	po.callbacks.payload = &ps;
	r = git_remote_push(remote, &arr, &po);
	if (ps.moved || (r == 0 && ps.rejected.len)) {
		error = 1;
	} else if (r < 0) {
		ct_buf_printf(&what, "cannot push to '%s'", res->remote);
		error = ct_desk__git_fail(CT_ERROR, what.ptr);
	} else {
		git_reference *ref = NULL;
		/* The remote now has our commit: so does its tracking ref. */
		if (git_reference_create(&ref, desk->repo, res->tracking, &ps.local, 1, "sync: push") < 0)
			error = ct_desk__git_fail(CT_EDESK, "pushed, but cannot update the remote-tracking ref");
		git_reference_free(ref);
		res->pushed = 1;
	}
	ct_buf_release(&spec);
	ct_buf_release(&what);
	ct_buf_release(&ps.rejected);
	return error;
}

int ct_desk_sync(ct_desk *desk, const struct ct_sync_opts *opts, struct ct_sync_result *res)
{
	git_repository *repo = desk->repo;
	git_remote *remote = NULL;
	char *branch = NULL;
	ct_buf spec = CT_BUF_INIT, theirs_name = CT_BUF_INIT;
	char remote_ref[300];
	int attempts = opts->attempts > 0 ? opts->attempts : DEFAULT_ATTEMPTS, error, round;
	git_oid oid;

	if ((error = ct_desk__head_branch(&branch, repo)) < 0)
		goto done;
	copy_str(res->branch, sizeof(res->branch), branch + 11);
	if ((error = ct_desk_head(desk, res->head_before)) < 0)
		goto done;
	if (!*res->head_before) {
		error = ct_error_set(CT_EDESK, "the desk has no commit yet");
		goto done;
	}
	if ((error = resolve_remote(&remote, desk, branch, opts->remote, res)) < 0)
		goto done;
	snprintf(remote_ref, sizeof(remote_ref), "refs/heads/%s", res->remote_branch);
	ct_buf_printf(&spec, "+%s:%s", remote_ref, res->tracking);
	ct_buf_printf(&theirs_name, "%s/%s", res->remote, res->remote_branch);
	if (ct_buf_oom(&spec) < 0 || ct_buf_oom(&theirs_name) < 0) {
		error = ct_error_set(CT_ENOMEM, "out of memory");
		goto done;
	}

	for (round = 1; round <= attempts; round++) {
		res->attempts = round;
		res->fetched[0] = '\0';
		if ((error = fetch(remote, spec.ptr, res->remote)) < 0)
			goto done;
		if (git_reference_name_to_id(&oid, repo, res->tracking) == 0) {
			git_oid_tostr(res->fetched, sizeof(res->fetched), &oid);
			if ((error = merge_into(desk, branch, &oid, theirs_name.ptr, opts, res)) < 0)
				goto done;
		} else {
			res->merge = CT_SYNC_NOTHING;
		}
		if (!opts->push)
			break;
		if (git_reference_name_to_id(&oid, repo, branch) < 0) {
			error = ct_desk__git_fail(CT_EDESK, "cannot read the branch");
			goto done;
		}
		if (*res->fetched) {
			char local[41];
			git_oid_tostr(local, sizeof(local), &oid);
			if (!strcmp(local, res->fetched))
				break;   /* the remote has it all already */
		}
		if ((error = push(remote, desk, branch, remote_ref, res)) < 0)
			goto done;
		if (error == 0)
			break;
	}
	if (round > attempts) {
		error = ct_error_set(CT_ERROR, "the remote's branch kept moving: gave up after %d attempts; run sync again",
				     attempts);
		goto done;
	}
	error = 0;
done:
	if (ct_desk_head(desk, res->head) < 0)
		copy_str(res->head, sizeof(res->head), res->head_before);
	git_remote_free(remote);
	free(branch);
	ct_buf_release(&spec);
	ct_buf_release(&theirs_name);
	return error;
}
