/* Desk settings: see settings.h. */
#include "record/settings.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "record/record.h"
#include "review/review.h"
#include "util/err.h"

const struct ct_setting ct_settings[] = {
	{ "name", "the desk's name", NULL },
	{ "organisation.name", "who publishes the fact-checks (ClaimReview author)", NULL },
	{ "organisation.url", "the organisation's web address", NULL },
	{ "report.url", "where reports are published (base of ClaimReview urls)", NULL },
	{ "review.quorum", "agreeing reviewers needed before a verdict settles a claim (1-20)", "1" },
	{ "review.unverifiable", "\"disputes\": an unverifiable next to another verdict makes a claim disputed; or \"neutral\"", "neutral" },
	{ NULL, NULL, NULL }
};

const struct ct_setting *ct_setting_find(const char *key)
{
	const struct ct_setting *s;
	for (s = ct_settings; s->key; s++)
		if (!strcmp(s->key, key))
			return s;
	return NULL;
}

/* Splits "a.b" into the object holding b (created when create) and b. */
static cJSON *parent_of(cJSON *desk, const char *key, const char **leaf, int create)
{
	const char *dot = strchr(key, '.');
	char head[64];
	cJSON *o;
	if (!dot) {
		*leaf = key;
		return desk;
	}
	if ((size_t)(dot - key) >= sizeof(head))
		return NULL;
	memcpy(head, key, (size_t)(dot - key));
	head[dot - key] = '\0';
	*leaf = dot + 1;
	o = cJSON_GetObjectItemCaseSensitive(desk, head);
	if (!o && create)
		o = cJSON_AddObjectToObject(desk, head);
	return cJSON_IsObject(o) ? o : NULL;
}

const cJSON *ct_setting_get(const cJSON *desk, const char *key)
{
	const char *leaf;
	cJSON *p = parent_of((cJSON *)(uintptr_t)desk, key, &leaf, 0);
	return p ? cJSON_GetObjectItemCaseSensitive(p, leaf) : NULL;
}

static int check_value(const char *key, const cJSON *v)
{
	if (!strcmp(key, "review.quorum")) {
		if (!cJSON_IsNumber(v) || v->valuedouble != (double)(int)v->valuedouble || v->valueint < 1 ||
		    v->valueint > CT_REVIEW_QUORUM_MAX)
			return ct_error_set(CT_EINPUT, "review.quorum must be a whole number from 1 to %d", CT_REVIEW_QUORUM_MAX);
		return 0;
	}
	if (!strcmp(key, "review.unverifiable")) {
		if (!cJSON_IsString(v) || (strcmp(v->valuestring, "neutral") && strcmp(v->valuestring, "disputes")))
			return ct_error_set(CT_EINPUT, "review.unverifiable must be \"neutral\" or \"disputes\"");
		return 0;
	}
	if (!cJSON_IsString(v) || !*v->valuestring || strlen(v->valuestring) > 200)
		return ct_error_set(CT_EINPUT, "%s must be text of 1 to 200 bytes", key);
	if (strstr(key, ".url") && !ct_url_valid(v->valuestring))
		return ct_error_set(CT_EINPUT, "%s must be an absolute URL such as https://example.org/", key);
	{
		const unsigned char *p;
		for (p = (const unsigned char *)v->valuestring; *p; p++)
			if (*p < 0x20 || *p == 0x7f)
				return ct_error_set(CT_EINPUT, "%s must not hold control characters", key);
	}
	return 0;
}

int ct_setting_set(cJSON *desk, const char *key, const char *value)
{
	const char *leaf;
	cJSON *p, *v;
	int error;
	if (!ct_setting_find(key))
		return ct_error_set(CT_EINPUT, "unknown setting '%s' (see 'claimtrack config --help')", key);
	if (!strcmp(key, "review.quorum")) {
		char *end;
		long q = strtol(value, &end, 10);
		v = (*value && !*end) ? cJSON_CreateNumber((double)q) : cJSON_CreateString(value);
	} else {
		v = cJSON_CreateString(value);
	}
	if (!v)
		return ct_error_set(CT_ENOMEM, "out of memory");
	if ((error = check_value(key, v)) < 0) {
		cJSON_Delete(v);
		return error;
	}
	if (!(p = parent_of(desk, key, &leaf, 1))) {
		cJSON_Delete(v);
		return ct_error_set(CT_EINPUT, "desk.json: the object holding '%s' is not an object", key);
	}
	if (cJSON_GetObjectItemCaseSensitive(p, leaf))
		cJSON_ReplaceItemInObjectCaseSensitive(p, leaf, v);
	else
		cJSON_AddItemToObject(p, leaf, v);
	return 0;
}

int ct_setting_unset(cJSON *desk, const char *key)
{
	const char *leaf;
	cJSON *p;
	if (!ct_setting_find(key))
		return ct_error_set(CT_EINPUT, "unknown setting '%s' (see 'claimtrack config --help')", key);
	if (!strcmp(key, "name"))
		return ct_error_set(CT_EINPUT, "the desk's name cannot be removed; set another one");
	p = parent_of(desk, key, &leaf, 0);
	if (!p || !cJSON_GetObjectItemCaseSensitive(p, leaf))
		return 0;
	cJSON_DeleteItemFromObjectCaseSensitive(p, leaf);
	if (p != desk && !p->child) {
		const char *dot = strchr(key, '.');
		char head[64];
		memcpy(head, key, (size_t)(dot - key));
		head[dot - key] = '\0';
		cJSON_DeleteItemFromObjectCaseSensitive(desk, head);
	}
	return 1;
}

int ct_settings_check(const cJSON *desk)
{
	const struct ct_setting *s;
	for (s = ct_settings; s->key; s++) {
		const cJSON *v = ct_setting_get(desk, s->key);
		int error;
		if (v && (error = check_value(s->key, v)) < 0)
			return error;
	}
	return 0;
}
