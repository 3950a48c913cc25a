/* claimtrack config: the desk's settings, kept in desk.json and changed by a commit, so every
 * clone shares them and git keeps who changed what. */
#include "cmd/cmd.h"

#include <string.h>

#include "record/record.h"
#include "record/settings.h"
#include "util/err.h"

static void print_value(const cJSON *v)
{
	if (cJSON_IsString(v))
		printf("%s\n", v->valuestring);
	else if (cJSON_IsNumber(v))
		printf("%d\n", v->valueint);
}

static int list_settings(const cJSON *desk, int json)
{
	const struct ct_setting *s;
	if (json) {
		cJSON *o = cJSON_CreateObject();
		for (s = ct_settings; s->key; s++) {
			const cJSON *v = ct_setting_get(desk, s->key);
			if (v)
				cJSON_AddItemToObject(o, s->key, cJSON_Duplicate(v, 1));
			else
				cJSON_AddNullToObject(o, s->key);
		}
		ct_print_json(o);
		cJSON_Delete(o);
		return 0;
	}
	for (s = ct_settings; s->key; s++) {
		const cJSON *v = ct_setting_get(desk, s->key);
		printf("%-20s ", s->key);
		if (v)
			print_value(v);
		else
			printf("(unset%s%s)\n", s->dflt ? ": " : "", s->dflt ? s->dflt : "");
	}
	return 0;
}

int ct_cmd_config(int argc, char **argv, struct ct_ctx *ctx)
{
	int json = 0, unset = 0, n, r;
	const struct ct_option opts[] = {
		{ 0, "unset", CT_OPT_FLAG, &unset, NULL, "remove KEY (back to its default)" },
		{ 0, "json", CT_OPT_FLAG, &json, NULL, "list the settings as one JSON object" },
		{ 0 }
	};
	const struct ct_usage u = { "config", "[--json] | KEY | KEY VALUE | --unset KEY",
		"Shows or changes the desk's settings, stored in desk.json: changing one is a commit.\n"
		"Keys: name, organisation.name, organisation.url, report.url (the reporter's ClaimReview\n"
		"author and urls), review.quorum (agreeing reviewers needed before a verdict settles a claim,\n"
		"1-20, default 1), review.unverifiable (\"disputes\": an unverifiable verdict next to another\n"
		"makes the claim disputed; default \"neutral\"). KEY alone prints its value (exit 1 when\n"
		"unset).", opts, 0, 2 };
	const struct ct_setting *s;
	struct ct_ident who;
	cJSON *desk = NULL;
	ct_buf json_out = CT_BUF_INIT, msg = CT_BUF_INIT;
	ct_desk *dk;
	ct_txn *txn = NULL;
	char commit[41];

	memset(&who, 0, sizeof(who));
	if ((r = ct_parse_options(&u, argc, argv, &n)) != 0)
		return r == CT_PARSE_HELP ? 0 : -r;
	if ((unset && n != 1) || (json && n)) {
		r = ct_cmd_error(CT_EXIT_USAGE, unset ? "--unset takes one KEY" : "--json lists every setting; no KEY");
		goto done;
	}
	if (n && !(s = ct_setting_find(argv[0]))) {
		r = ct_cmd_error(CT_EXIT_INPUT, "unknown setting '%s' (see 'claimtrack config --help')", argv[0]);
		goto done;
	}
	if ((r = ct_cmd_settings(ctx, &desk)) < 0) {
		r = ct_cmd_fail(r);
		goto done;
	}
	if (n == 0) {
		r = list_settings(desk, json);
		goto done;
	}
	if (n == 1 && !unset) {
		const cJSON *v = ct_setting_get(desk, argv[0]);
		if (!v) {
			r = CT_EXIT_FAIL;   /* unset: like git config, print nothing and exit 1 */
			goto done;
		}
		print_value(v);
		r = 0;
		goto done;
	}
	r = unset ? ct_setting_unset(desk, argv[0]) : ct_setting_set(desk, argv[0], argv[1]);
	if (r < 0 || (r = ct_cmd_desk(ctx, &dk)) < 0 || (r = ct_desk_identity(dk, &who)) < 0) {
		r = ct_cmd_fail(r);
		goto done;
	}
	if (unset)
		ct_buf_printf(&msg, "config: unset %s\n", argv[0]);
	else
		ct_buf_printf(&msg, "config: %s = %.200s\n", argv[0], argv[1]);
	if (ct_record_encode(&json_out, desk) < 0 || ct_buf_oom(&msg) < 0) {
		r = ct_cmd_error(CT_EXIT_FAIL, "out of memory");
		goto done;
	}
	if ((r = ct_txn_begin(&txn, dk)) < 0 || (r = ct_txn_put(txn, "desk.json", json_out.ptr, json_out.len)) < 0) {
		r = ct_cmd_fail(r);
		goto done;
	}
	if (r == 0) {
		printf("Unchanged: %s\n", argv[0]);
		r = 0;
		goto done;
	}
	for (char *p = msg.ptr; *p; p++)
		if ((unsigned char)*p < 0x20 && *p != '\n')
			*p = ' ';
	if ((r = ct_txn_commit(txn, &who, msg.ptr, commit)) < 0) {
		r = ct_cmd_fail(r);
		goto done;
	}
	printf("%s %s; commit %.10s\n", unset ? "Unset" : "Set", argv[0], commit);
	r = 0;
done:
	ct_txn_free(txn);
	cJSON_Delete(desk);
	ct_buf_release(&json_out);
	ct_buf_release(&msg);
	ct_ident_release(&who);
	return r;
}
