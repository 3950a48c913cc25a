/* claimtrack review: a reviewer's verdict on a claim, one commit per review, authored by the
 * reviewer; `review -i` walks the queue of claims still to judge (src/cmd/queue.c). */
#include "cmd/review.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "record/record.h"
#include "review/board.h"
#include "text/utf8.h"
#include "util/err.h"

/* A review racing other writers redoes its commit on the new HEAD this many times. */
#define REVIEW_COMMIT_TRIES 400

static const char *str_or(const cJSON *o, const char *key, const char *dflt)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	return cJSON_IsString(v) ? v->valuestring : dflt;
}

int ct_review_load_claim(ct_index *ix, const char *prefix, ct_buf *id, cJSON **rec)
{
	ct_buf path = CT_BUF_INIT, json = CT_BUF_INIT;
	int error;
	*rec = NULL;
	ct_buf_clear(id);
	if ((error = ct_index_resolve_claim(ix, prefix, id, &path)) == 0 &&
	    (error = ct_index_get(ix, "claim", id->ptr, &json, NULL)) == 0 && !(*rec = cJSON_Parse(json.ptr)))
		error = ct_error_set(CT_EDESK, "the record of claim '%s' cannot be parsed: '%s'", id->ptr, path.ptr);
	if (error == CT_EINPUT)
		error = ct_error_set(CT_EINPUT, "not a claim id: '%s' (4 to 16 hex digits)", prefix);
	ct_buf_release(&path);
	ct_buf_release(&json);
	return error;
}

struct successor_ctx {
	const char *id;
	char found[17];
};

static int find_successor(const char *path, const char *json, void *payload)
{
	struct successor_ctx *c = payload;
	cJSON *rec = cJSON_Parse(json);
	const char *sup = str_or(rec, "supersedes", "");
	(void)path;
	if (!strcmp(sup, c->id) && strlen(str_or(rec, "id", "")) == 16)
		memcpy(c->found, str_or(rec, "id", ""), 17);
	cJSON_Delete(rec);
	return 0;
}

/* Commit message text from untrusted input: control characters become spaces, at most max bytes
 * (cut on a UTF-8 boundary). */
static void put_clean(ct_buf *out, const char *s, size_t max)
{
	size_t n = strlen(s);
	if (n > max) {
		n = max;
		while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
			n--;
	}
	ct_cmd_clean(out, s, n);
	if (n < strlen(s))
		ct_buf_puts(out, "...");
}

int ct_review_check_note(const char *note)
{
	size_t n;
	if (!note)
		return 0;
	n = strlen(note);
	if (n > CT_REVIEW_NOTE_MAX)
		return ct_error_set(CT_EINPUT, "the note is %zu bytes long; at most %d are accepted", n, CT_REVIEW_NOTE_MAX);
	if (!ct_text_is_valid(note, n))
		return ct_error_set(CT_EINPUT, "the note is not valid UTF-8");
	return 0;
}

int ct_review_resolve_evidence(ct_index *ix, const cJSON *claim, const char *const *ids, size_t n, char (*out)[17],
			       size_t *nout)
{
	ct_buf full = CT_BUF_INIT;
	size_t i, k;
	int error = 0;
	*nout = 0;
	for (i = 0; i < n && !error; i++) {
		cJSON *ev = NULL;
		if ((error = ct_review_load_claim(ix, ids[i], &full, &ev)) < 0) {
			if (error == CT_ENOTFOUND)
				error = ct_error_set(CT_EINPUT, "evidence '%s' is not a claim of this desk", ids[i]);
			else if (error == CT_EAMBIGUOUS)
				error = ct_error_set(CT_EINPUT, "evidence '%s': %s", ids[i], ct_error_last());
			break;
		}
		if (!strcmp(full.ptr, str_or(claim, "id", "")))
			error = ct_error_set(CT_EINPUT, "evidence '%s' is the claim under review itself", ids[i]);
		else if (!strcmp(str_or(ev, "source", ""), str_or(claim, "source", "")))
			error = ct_error_set(CT_EINPUT, "evidence '%s' is a claim of the same source '%s'; evidence must come "
					     "from other sources", ids[i], str_or(claim, "source", ""));
		cJSON_Delete(ev);
		if (error)
			break;
		for (k = 0; k < *nout && strcmp(out[k], full.ptr); k++)
			;
		if (k == *nout)
			memcpy(out[(*nout)++], full.ptr, 17);
	}
	ct_buf_release(&full);
	return error;
}

static void now_ident(struct ct_ident *who)
{
	time_t t;
	struct tm tm;
	if (who->time)
		return;   /* GIT_AUTHOR_DATE */
	t = time(NULL);
	who->time = (long long)t;
	who->offset = localtime_r(&t, &tm) ? (int)(tm.tm_gmtoff / 60) : 0;
}

int ct_review_commit(struct ct_ctx *ctx, ct_index *ix, const cJSON *claim, enum ct_verdict verdict,
		     const char (*evidence)[17], size_t nevidence, const char *note, struct ct_ident *who,
		     char out_commit[41])
{
	const char *id = str_or(claim, "id", ""), *status = str_or(claim, "status", "active");
	const cJSON *ver = cJSON_GetObjectItemCaseSensitive(claim, "version");
	const char *ev_ptrs[64];
	struct ct_review_input in;
	ct_buf path = CT_BUF_INIT, json = CT_BUF_INIT, msg = CT_BUF_INIT;
	cJSON *rec = NULL;
	ct_desk *desk;
	unsigned seed;
	size_t i;
	int error, attempt;

	out_commit[0] = '\0';
	if (!strcmp(status, "superseded")) {
		struct successor_ctx sc = { id, "" };
		struct ct_claim_filter f = { str_or(claim, "source", ""), NULL, NULL, NULL, 0 };
		ct_index_claims(ix, &f, find_successor, &sc);
		return ct_error_set(CT_EINPUT, "claim %s was changed by its outlet: review the current version%s%s",
				    id, *sc.found ? " " : "", sc.found);
	}
	if (nevidence > sizeof(ev_ptrs) / sizeof(ev_ptrs[0]))
		return ct_error_set(CT_EINPUT, "at most %zu pieces of evidence per review",
				    sizeof(ev_ptrs) / sizeof(ev_ptrs[0]));
	if ((error = ct_review_check_note(note)) < 0 || (error = ct_cmd_desk(ctx, &desk)) < 0)
		return error;
	now_ident(who);
	for (i = 0; i < nevidence; i++)
		ev_ptrs[i] = evidence[i];
	memset(&in, 0, sizeof(in));
	in.claim = id;
	in.claim_version = cJSON_IsNumber(ver) ? ver->valueint : 1;
	in.name = who->name;
	in.email = who->email;
	in.verdict = verdict;
	in.evidence = ev_ptrs;
	in.nevidence = nevidence;
	in.note = note && *note ? note : NULL;
	in.time = who->time;
	in.offset = who->offset;
	ct_review_path(&path, id, who->email);
	if (!(rec = ct_review_record(&in)) || ct_record_encode(&json, rec) < 0 || ct_buf_oom(&path) < 0) {
		error = ct_error_set(CT_ENOMEM, "out of memory");
		goto done;
	}
	ct_buf_printf(&msg, "review: %.8s %s\n\nClaim: %s (version %d, source %s)\nVerdict: %s\n", id,
		      ct_verdict_name(verdict), id, in.claim_version, str_or(claim, "source", "?"), ct_verdict_name(verdict));
	for (i = 0; i < nevidence; i++)
		ct_buf_printf(&msg, "Evidence: %s\n", evidence[i]);
	if (in.note) {
		ct_buf_puts(&msg, "Note: ");
		put_clean(&msg, in.note, 400);
		ct_buf_putc(&msg, '\n');
	}
	if (ct_buf_oom(&msg) < 0) {
		error = ct_error_set(CT_ENOMEM, "out of memory");
		goto done;
	}
	/* Concurrent reviewers: the commit is redone on the new HEAD when another writer moved the
	 * branch first (compare-and-swap, then retry after a short random pause). */
	seed = (unsigned)getpid() ^ (unsigned)time(NULL);
	for (attempt = 0;; attempt++) {
		ct_txn *txn = NULL;
		error = ct_txn_begin(&txn, desk);
		if (error == 0 && (error = ct_txn_put(txn, path.ptr, json.ptr, json.len)) > 0)
			error = ct_txn_commit(txn, who, msg.ptr, out_commit);
		ct_txn_free(txn);
		if (error != CT_EMOVED || attempt + 1 >= REVIEW_COMMIT_TRIES)
			break;
		{
			struct timespec ts = { 0, (long)(1 + rand_r(&seed) % 25) * 1000000L };
			nanosleep(&ts, NULL);
		}
	}
	if (error > 0)
		error = 0;
done:
	cJSON_Delete(rec);
	ct_buf_release(&path);
	ct_buf_release(&json);
	ct_buf_release(&msg);
	return error;
}

int ct_review_reviewer(struct ct_ctx *ctx, const char *text, struct ct_ident *who)
{
	ct_desk *desk;
	int error;
	memset(who, 0, sizeof(*who));
	if (text) {
		if ((error = ct_ident_parse(who, text)) < 0)
			return ct_error_set(CT_EINPUT, "--reviewer must look like \"Name <email>\": '%s'", text);
		/* The date comes from GIT_AUTHOR_DATE as for the git identity; else now. */
		if ((error = ct_ident_env_date(who)) < 0) {
			ct_ident_release(who);
			return error;
		}
		return 0;
	}
	if ((error = ct_cmd_desk(ctx, &desk)) < 0)
		return error;
	return ct_desk_identity(desk, who);
}

/* The status of claim (record) after its reviews in the index, with this reviewer's verdict in
 * place of any earlier one of theirs. */
static enum ct_status status_after(ct_index *ix, const cJSON *claim, const struct ct_review_rule *rule,
				   const char *email, enum ct_verdict verdict)
{
	struct ct_board b;
	struct ct_tally t;
	size_t first, n, i;
	memset(&t, 0, sizeof(t));
	if (ct_board_load(&b, ix) == 0) {
		n = ct_board_find(&b, str_or(claim, "id", ""), &first);
		for (i = first; i < first + n; i++)
			if (strcasecmp(b.reviews[i].email, email))
				t.n[b.reviews[i].verdict]++;
	}
	ct_board_release(&b);
	t.n[verdict]++;
	return ct_claim_status(rule, &t, str_or(claim, "status", NULL));
}

int ct_cmd_review(int argc, char **argv, struct ct_ctx *ctx)
{
	const char *verdict_s = NULL, *note = NULL, *reviewer = NULL, *source = NULL;
	struct ct_strlist evidence = { 0 };
	int no_evidence = 0, json = 0, interactive = 0, n, r, verdict;
	const struct ct_option opts[] = {
		{ 0, "verdict", CT_OPT_STRING, &verdict_s, "V", "corroborated, contradicted or unverifiable (c, x, u)" },
		{ 'e', "evidence", CT_OPT_LIST, &evidence, "ID", "a claim of another source the verdict rests on (repeatable)" },
		{ 0, "no-evidence", CT_OPT_FLAG, &no_evidence, NULL, "corroborate or contradict without evidence (needs --note)" },
		{ 'm', "note", CT_OPT_STRING, &note, "TEXT", "the reviewer's note, kept in the record" },
		{ 0, "reviewer", CT_OPT_STRING, &reviewer, "\"NAME <EMAIL>\"", "who judges (default: the git identity)" },
		{ 0, "json", CT_OPT_FLAG, &json, NULL, "print the review written as JSON" },
		{ 'i', "interactive", CT_OPT_FLAG, &interactive, NULL, "walk the queue of claims still to judge" },
		{ 0, "source", CT_OPT_STRING, &source, "ID", "with -i: only the claims of this source" },
		{ 0 }
	};
	const struct ct_usage u = { "review",
		"ID --verdict V [--evidence ID]... [--note TEXT] [--no-evidence] [--reviewer \"NAME <EMAIL>\"] [--json]\n"
		"       claimtrack review -i [--source ID] [--reviewer \"NAME <EMAIL>\"]",
		"Records a reviewer's verdict on a claim: one commit, authored by the reviewer, writing\n"
		"reviews/<cc>/<claim>/<reviewer-key>.json (a reviewer changing their mind replaces their\n"
		"own record; git keeps the earlier one). Corroborated and contradicted verdicts rest on\n"
		"evidence, claims of other sources (--evidence), or say why not (--no-evidence --note).\n"
		"With -i, walks the claims this reviewer has not judged yet (unreviewed, pending or\n"
		"disputed; disputed and most contradicted first, then the most check-worthy), one keystroke\n"
		"per answer on a terminal (c, x, u, s = skip, n = note, ? = help, q = quit), or one answer per\n"
		"line from a pipe: 'c 1 2', 'c ID -- NOTE', 'x 1', 'u', 'u -- NOTE', 's', 'n NOTE', 'q'.", opts, 0, 1 };
	struct ct_ident who;
	struct ct_review_rule rule;
	char (*ev)[17] = NULL, commit[41];
	size_t nev = 0;
	ct_buf id = CT_BUF_INIT;
	cJSON *claim = NULL, *settings = NULL;
	ct_index *ix;

	memset(&who, 0, sizeof(who));
	if ((r = ct_parse_options(&u, argc, argv, &n)) != 0) {
		ct_strlist_free(&evidence);
		return r == CT_PARSE_HELP ? 0 : -r;
	}
	if (interactive) {
		if (n || verdict_s || evidence.n || no_evidence || note || json)
			r = ct_cmd_error(CT_EXIT_USAGE, "review -i takes only --source and --reviewer; see 'claimtrack review --help'");
		else
			r = ct_review_queue(ctx, source, reviewer);
		goto done;
	}
	if (source) {
		r = ct_cmd_error(CT_EXIT_USAGE, "--source goes with -i (the review queue)");
		goto done;
	}
	if (n != 1 || !verdict_s) {
		r = ct_cmd_error(CT_EXIT_USAGE, "review needs a claim id and --verdict (or -i); see 'claimtrack review --help'");
		goto done;
	}
	if ((verdict = ct_verdict_parse(verdict_s)) < 0) {
		r = ct_cmd_error(CT_EXIT_USAGE, "unknown verdict '%s' (corroborated, contradicted or unverifiable)", verdict_s);
		goto done;
	}
	if (no_evidence && evidence.n) {
		r = ct_cmd_error(CT_EXIT_USAGE, "--no-evidence and --evidence contradict each other");
		goto done;
	}
	if (no_evidence && (!note || !*note)) {
		r = ct_cmd_error(CT_EXIT_USAGE, "--no-evidence needs a --note saying why there is none");
		goto done;
	}
	if (verdict != CT_V_UNVERIFIABLE && !evidence.n && !no_evidence) {
		r = ct_cmd_error(CT_EXIT_USAGE, "a verdict of %s rests on evidence: give --evidence ID (a claim of another "
				 "source), or --no-evidence --note TEXT", ct_verdict_name((enum ct_verdict)verdict));
		goto done;
	}
	if ((r = ct_review_reviewer(ctx, reviewer, &who)) < 0 || (r = ct_cmd_index(ctx, &ix)) < 0 ||
	    (r = ct_review_load_claim(ix, argv[0], &id, &claim)) < 0 || (r = ct_cmd_settings(ctx, &settings)) < 0 ||
	    (r = ct_review_rule_from_desk(settings, &rule)) < 0) {
		r = ct_cmd_fail(r);
		goto done;
	}
	if (evidence.n && !(ev = calloc(evidence.n, sizeof(*ev)))) {
		r = ct_cmd_error(CT_EXIT_FAIL, "out of memory");
		goto done;
	}
	if ((r = ct_review_resolve_evidence(ix, claim, evidence.items, evidence.n, ev, &nev)) < 0 ||
	    (r = ct_review_commit(ctx, ix, claim, (enum ct_verdict)verdict, (const char (*)[17])ev, nev, note, &who,
				  commit)) < 0) {
		r = ct_cmd_fail(r);
		goto done;
	}
	if (json) {
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "claim", id.ptr);
		cJSON_AddStringToObject(o, "verdict", ct_verdict_name((enum ct_verdict)verdict));
		cJSON_AddStringToObject(o, "reviewer", who.email);
		cJSON_AddStringToObject(o, "status", ct_status_name(status_after(ix, claim, &rule, who.email, (enum ct_verdict)verdict)));
		if (*commit)
			cJSON_AddStringToObject(o, "commit", commit);
		else
			cJSON_AddNullToObject(o, "commit");
		ct_print_json(o);
		cJSON_Delete(o);
	} else if (*commit) {
		printf("Reviewed %.10s: %s by %s (%zu evidence); claim is now %s; commit %.10s\n", id.ptr,
		       ct_verdict_name((enum ct_verdict)verdict), who.email, nev,
		       ct_status_name(status_after(ix, claim, &rule, who.email, (enum ct_verdict)verdict)), commit);
	} else {
		printf("Unchanged: %s already has this review by %s\n", id.ptr, who.email);
	}
	r = 0;
done:
	free(ev);
	cJSON_Delete(claim);
	cJSON_Delete(settings);
	ct_buf_release(&id);
	ct_strlist_free(&evidence);
	ct_ident_release(&who);
	return r;
}
