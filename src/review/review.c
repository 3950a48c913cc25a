/* Review records and the claim status rule: see review.h. */
#include "review/review.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "record/record.h"
#include "util/err.h"

static const char *const verdict_names[CT_V_COUNT] = { "corroborated", "contradicted", "unverifiable" };
static const char *const status_names[CT_S_COUNT] = {
	"unreviewed", "pending", "corroborated", "contradicted", "disputed", "unverifiable", "withdrawn", "superseded"
};

int ct_verdict_parse(const char *s)
{
	int i;
	if (!s)
		return -1;
	if (!strcmp(s, "c"))
		return CT_V_CORROBORATED;
	if (!strcmp(s, "x"))
		return CT_V_CONTRADICTED;
	if (!strcmp(s, "u"))
		return CT_V_UNVERIFIABLE;
	for (i = 0; i < CT_V_COUNT; i++)
		if (!strcmp(s, verdict_names[i]))
			return i;
	return -1;
}

const char *ct_verdict_name(enum ct_verdict v)
{
	return (unsigned)v < CT_V_COUNT ? verdict_names[v] : "?";
}

const char *ct_status_name(enum ct_status s)
{
	return (unsigned)s < CT_S_COUNT ? status_names[s] : "?";
}

int ct_status_parse(const char *s)
{
	int i;
	for (i = 0; s && i < CT_S_COUNT; i++)
		if (!strcmp(s, status_names[i]))
			return i;
	return -1;
}

void ct_reviewer_key(char out[17], const char *email)
{
	char hex[65];
	ct_buf lower = CT_BUF_INIT;
	size_t i;
	ct_buf_puts(&lower, email);
	for (i = 0; lower.ptr && i < lower.len; i++)
		if (lower.ptr[i] >= 'A' && lower.ptr[i] <= 'Z')
			lower.ptr[i] = (char)(lower.ptr[i] - 'A' + 'a');
	ct_sha256_hex(hex, lower.ptr ? lower.ptr : "", lower.ptr ? lower.len : 0);
	memcpy(out, hex, 16);
	out[16] = '\0';
	ct_buf_release(&lower);
}

void ct_review_path(ct_buf *out, const char *claim_id, const char *email)
{
	char key[17];
	ct_reviewer_key(key, email);
	ct_buf_printf(out, "reviews/%.2s/%s/%s.json", claim_id, claim_id, key);
}

cJSON *ct_review_record(const struct ct_review_input *in)
{
	cJSON *rec = cJSON_CreateObject(), *who, *ev;
	char date[40];
	long long t = in->time + (long long)in->offset * 60;
	time_t tt = (time_t)t;
	struct tm tm;
	size_t i;
	int off = in->offset < 0 ? -in->offset : in->offset;

	if (!rec || !gmtime_r(&tt, &tm))
		goto oom;
	if (in->offset == 0)
		strftime(date, sizeof(date), "%Y-%m-%dT%H:%M:%SZ", &tm);
	else {
		size_t k = strftime(date, sizeof(date), "%Y-%m-%dT%H:%M:%S", &tm);
		snprintf(date + k, sizeof(date) - k, "%c%02d:%02d", in->offset < 0 ? '-' : '+', off / 60, off % 60);
	}
	if (!cJSON_AddStringToObject(rec, "claim", in->claim) ||
	    !cJSON_AddNumberToObject(rec, "claim_version", in->claim_version) ||
	    !(who = cJSON_AddObjectToObject(rec, "reviewer")) ||
	    !cJSON_AddStringToObject(who, "name", in->name) || !cJSON_AddStringToObject(who, "email", in->email) ||
	    !cJSON_AddStringToObject(rec, "verdict", ct_verdict_name(in->verdict)) ||
	    !(ev = cJSON_AddArrayToObject(rec, "evidence")))
		goto oom;
	for (i = 0; i < in->nevidence; i++) {
		cJSON *s = cJSON_CreateString(in->evidence[i]);
		if (!s || !cJSON_AddItemToArray(ev, s)) {
			cJSON_Delete(s);
			goto oom;
		}
	}
	if (!(in->note ? cJSON_AddStringToObject(rec, "note", in->note) : cJSON_AddNullToObject(rec, "note")) ||
	    !cJSON_AddStringToObject(rec, "date", date))
		goto oom;
	return rec;
oom:
	cJSON_Delete(rec);
	return NULL;
}

int ct_review_rule_from_desk(const cJSON *desk, struct ct_review_rule *out)
{
	const cJSON *rv = cJSON_GetObjectItemCaseSensitive(desk, "review"), *v;
	out->quorum = 1;
	out->unverifiable_disputes = 0;
	if (!rv)
		return 0;
	if (!cJSON_IsObject(rv))
		return ct_error_set(CT_EINPUT, "desk.json: \"review\" is not an object");
	v = cJSON_GetObjectItemCaseSensitive(rv, "quorum");
	if (v) {
		if (!cJSON_IsNumber(v) || v->valuedouble != (double)(int)v->valuedouble || v->valueint < 1 ||
		    v->valueint > CT_REVIEW_QUORUM_MAX)
			return ct_error_set(CT_EINPUT, "desk.json: review.quorum must be a whole number from 1 to %d",
					    CT_REVIEW_QUORUM_MAX);
		out->quorum = v->valueint;
	}
	v = cJSON_GetObjectItemCaseSensitive(rv, "unverifiable");
	if (v) {
		if (cJSON_IsString(v) && !strcmp(v->valuestring, "disputes"))
			out->unverifiable_disputes = 1;
		else if (!cJSON_IsString(v) || strcmp(v->valuestring, "neutral"))
			return ct_error_set(CT_EINPUT, "desk.json: review.unverifiable must be \"neutral\" or \"disputes\"");
	}
	return 0;
}

enum ct_status ct_claim_status(const struct ct_review_rule *rule, const struct ct_tally *t, const char *record_status)
{
	unsigned c = t->n[CT_V_CORROBORATED], x = t->n[CT_V_CONTRADICTED], u = t->n[CT_V_UNVERIFIABLE], lead;
	enum ct_status s;
	if (record_status && !strcmp(record_status, "withdrawn"))
		return CT_S_WITHDRAWN;
	if (record_status && !strcmp(record_status, "superseded"))
		return CT_S_SUPERSEDED;
	if (c + x + u == 0)
		return CT_S_UNREVIEWED;
	if ((c && x) || (rule->unverifiable_disputes && u && (c || x)))
		return CT_S_DISPUTED;
	if (c) {
		s = CT_S_CORROBORATED;
		lead = c;
	} else if (x) {
		s = CT_S_CONTRADICTED;
		lead = x;
	} else {
		s = CT_S_UNVERIFIABLE;
		lead = u;
	}
	return lead >= (unsigned)(rule->quorum > 0 ? rule->quorum : 1) ? s : CT_S_PENDING;
}
