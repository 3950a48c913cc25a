/* claimtrack init: create a desk, a git repository whose first commit holds desk.json, with
 * claimtrack's git hooks installed. */
#include "cmd/cmd.h"

#include <string.h>
#include <unistd.h>

#include "cmd/hooks.h"
#include "record/record.h"

#include "util/err.h"

int ct_cmd_init(int argc, char **argv, struct ct_ctx *ctx)
{
	const char *name = NULL;
	const struct ct_option opts[] = {
		{ 0, "name", CT_OPT_STRING, &name, "NAME", "the desk's name (default: the directory name)" },
		{ 0 }
	};
	const struct ct_usage u = { "init", "[--name NAME] [DIR]",
		"Creates a claims desk in DIR (default: the current directory): a git repository on\n"
		"branch main whose first commit holds desk.json, the desk's settings, and installs the\n"
		"git hooks (see 'claimtrack help hooks').", opts, 0, 1 };
	struct ct_ident who;
	ct_desk *made = NULL;
	cJSON *desk = NULL;
	ct_buf json = CT_BUF_INIT;
	const char *dir;
	char cwd[4096];
	int n, r;
	(void)ctx;

	if ((r = ct_parse_options(&u, argc, argv, &n)) != 0)
		return r == CT_PARSE_HELP ? 0 : -r;
	dir = n ? argv[0] : ".";
	if (!name) {
		const char *base = dir, *slash;
		if (!strcmp(dir, ".") && getcwd(cwd, sizeof(cwd)))
			base = cwd;
		slash = strrchr(base, '/');
		name = slash && slash[1] ? slash + 1 : base;
	}
	if ((r = ct_desk_identity(NULL, &who)) < 0)
		return ct_cmd_fail(r);
	desk = cJSON_CreateObject();
	if (!desk || !cJSON_AddNumberToObject(desk, "format", 1) || !cJSON_AddStringToObject(desk, "name", name) ||
	    ct_record_encode(&json, desk) < 0) {
		r = ct_cmd_error(CT_EXIT_FAIL, "out of memory");
		goto done;
	}
	if ((r = ct_desk_init(dir, &who, json.ptr, json.len)) < 0) {
		r = ct_cmd_fail(r);
		goto done;
	}
	/* The desk exists from here on: a hook that cannot be installed is a warning. */
	if ((r = ct_desk_open(&made, dir)) < 0 || (r = ct_hooks_install(made, 0, 0)) < 0)
		ct_cmd_warn("the git hooks were not installed (%s); run 'claimtrack hooks install'", ct_error_last());
	printf("Initialized claims desk '%s' in %s\n", name, dir);
	r = 0;
done:
	ct_desk_free(made);
	cJSON_Delete(desk);
	ct_buf_release(&json);
	ct_ident_release(&who);
	return r;
}
