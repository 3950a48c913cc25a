/* claimtrack hooks: install the git hooks compiled into the binary (pre-commit validates staged
 * records, post-merge and post-checkout refresh the index) into a desk, and say what is installed.
 * Each installed hook records the absolute path of the binary that installed it. */
#include "cmd/hooks.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "desk/sync.h"
#include "util/err.h"

/* build/gen/hooks.c, made by tests/embed-hooks.sh from hooks/. */
struct ct_embedded_hook {
	const char *name;
	const char *text;
};
extern const struct ct_embedded_hook ct_embedded_hooks[];

#define INSTALLED_BY "\ninstalled_by="

/* The absolute path of the running binary, or "" when it cannot be known or written in a hook. */
static void self_path(ct_buf *out)
{
	char p[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", p, sizeof(p) - 1);
	if (n <= 0 || (size_t)n >= sizeof(p) - 1)
		return;
	p[n] = '\0';
	if (p[0] != '/' || strchr(p, '\n') || (n > 10 && !strcmp(p + n - 10, " (deleted)")))
		return;
	ct_buf_puts(out, p);
}

/* The hook as installed: the template with installed_by set to exe, single-quoted for sh. */
static int hook_text(ct_buf *out, const char *tmpl, const char *exe)
{
	const char *at = strstr(tmpl, INSTALLED_BY "\n");
	if (!at)
		return ct_error_set(CT_ERROR, "built-in hook has no installed_by line");
	at += strlen(INSTALLED_BY);
	ct_buf_put(out, tmpl, (size_t)(at - tmpl));
	if (*exe) {
		ct_buf_putc(out, '\'');
		for (; *exe; exe++) {
			if (*exe == '\'')
				ct_buf_puts(out, "'\\''");
			else
				ct_buf_putc(out, *exe);
		}
		ct_buf_putc(out, '\'');
	}
	ct_buf_puts(out, at);
	return ct_buf_oom(out) < 0 ? ct_error_set(CT_ENOMEM, "out of memory") : 0;
}

/* A hook claimtrack wrote: its second line is "# claimtrack <name> hook: ...". */
static int is_ours(const char *content, const char *name)
{
	const char *l2 = strchr(content, '\n');
	size_t n = strlen(name);
	return l2 && !strncmp(l2 + 1, "# claimtrack ", 13) && !strncmp(l2 + 14, name, n) &&
	       !strncmp(l2 + 14 + n, " hook:", 6);
}

/* The binary an installed hook of ours records ("" when none), with control characters dropped. */
static void recorded_binary(ct_buf *out, const char *content)
{
	const char *p = strstr(content, INSTALLED_BY), *e;
	if (!p)
		return;
	p += strlen(INSTALLED_BY);
	e = p + strcspn(p, "\n");
	if (*p == '\'' && e > p + 1 && e[-1] == '\'') {
		p++;
		e--;
	}
	for (; p < e; p++)
		if ((unsigned char)*p >= 0x20 && *p != 0x7f)
			ct_buf_putc(out, *p);
}

struct hook_info {
	const char *name;
	ct_buf path, want, have;
	enum ct_hook_state state;
};

static void hook_info_release(struct hook_info *h)
{
	ct_buf_release(&h->path);
	ct_buf_release(&h->want);
	ct_buf_release(&h->have);
}

/* Fills h for the built-in hook e in dir. */
static int hook_inspect(struct hook_info *h, const struct ct_embedded_hook *e, const char *dir, const char *exe)
{
	struct stat st;
	int error;
	h->name = e->name;
	ct_buf_init(&h->path);
	ct_buf_init(&h->want);
	ct_buf_init(&h->have);
	ct_buf_printf(&h->path, "%s%s", dir, e->name);
	if ((error = hook_text(&h->want, e->text, exe)) < 0)
		return error;
	if (ct_buf_read_file(&h->have, h->path.ptr) < 0) {
		if (errno != ENOENT)
			return ct_error_set(CT_EIO, "cannot read hook (%s): '%s'", strerror(errno), h->path.ptr);
		h->state = CT_HOOK_MISSING;
		return 0;
	}
	if (!is_ours(h->have.ptr, e->name))
		h->state = CT_HOOK_FOREIGN;
	else if (h->have.len == h->want.len && !memcmp(h->have.ptr, h->want.ptr, h->want.len) &&
		 stat(h->path.ptr, &st) == 0 && (st.st_mode & S_IXUSR))
		h->state = CT_HOOK_CURRENT;
	else
		h->state = CT_HOOK_OLD;
	return 0;
}

/* Writes the hook beside its place, then renames it there: a hook is never half written. */
static int hook_write(const struct hook_info *h)
{
	ct_buf tmp = CT_BUF_INIT;
	int fd, error = 0;
	ct_buf_printf(&tmp, "%s.claimtrack-new", h->path.ptr);
	if (ct_buf_oom(&tmp) < 0)
		return ct_error_set(CT_ENOMEM, "out of memory");
	fd = open(tmp.ptr, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0755);
	if (fd < 0 || write(fd, h->want.ptr, h->want.len) != (ssize_t)h->want.len || fchmod(fd, 0755) < 0 ||
	    close(fd) < 0) {
		error = ct_error_set(CT_EIO, "cannot write hook (%s): '%s'", strerror(errno), tmp.ptr);
		if (fd >= 0)
			close(fd);
		unlink(tmp.ptr);
	} else if (rename(tmp.ptr, h->path.ptr) < 0) {
		error = ct_error_set(CT_EIO, "cannot install hook (%s): '%s'", strerror(errno), h->path.ptr);
		unlink(tmp.ptr);
	}
	ct_buf_release(&tmp);
	return error;
}

static int hooks_dir(ct_desk *desk, ct_buf *dir, int warn)
{
	ct_buf hooks_path = CT_BUF_INIT;
	int error = ct_desk_hooks_dir(desk, dir, &hooks_path);
	if (!error && hooks_path.len && warn)
		ct_cmd_warn("core.hooksPath is set, so git runs the hooks in '%s', not these in '%s'", hooks_path.ptr,
			    dir->ptr);
	ct_buf_release(&hooks_path);
	return error;
}

int ct_hooks_install(ct_desk *desk, int force, int verbose)
{
	const struct ct_embedded_hook *e;
	ct_buf dir = CT_BUF_INIT, exe = CT_BUF_INIT;
	int left = 0, error;

	if ((error = hooks_dir(desk, &dir, 1)) < 0)
		goto done;
	if (mkdir(dir.ptr, 0777) < 0 && errno != EEXIST) {
		error = ct_error_set(CT_EIO, "cannot create the hooks directory (%s): '%s'", strerror(errno), dir.ptr);
		goto done;
	}
	self_path(&exe);
	for (e = ct_embedded_hooks; e->name; e++) {
		struct hook_info h;
		error = hook_inspect(&h, e, dir.ptr, exe.ptr);
		if (!error && h.state == CT_HOOK_FOREIGN && !force) {
			ct_cmd_warn("left alone '%s': not a claimtrack hook ('claimtrack hooks install --force' replaces it)",
				    h.path.ptr);
			left++;
		} else if (!error && h.state != CT_HOOK_CURRENT) {
			error = hook_write(&h);
			if (!error && verbose)
				printf("%s: %s\n", h.name, h.state == CT_HOOK_MISSING ? "installed" :
					h.state == CT_HOOK_OLD ? "updated" : "installed (replaced a foreign hook)");
		} else if (!error && verbose) {
			printf("%s: up to date\n", h.name);
		}
		hook_info_release(&h);
		if (error < 0)
			goto done;
	}
	error = left;
done:
	ct_buf_release(&dir);
	ct_buf_release(&exe);
	return error;
}

static const char *state_name(enum ct_hook_state s)
{
	switch (s) {
	case CT_HOOK_MISSING: return "missing";
	case CT_HOOK_CURRENT: return "installed";
	case CT_HOOK_OLD: return "outdated";
	case CT_HOOK_FOREIGN: return "foreign";
	}
	return "unknown";
}

static int hooks_status(ct_desk *desk, int json)
{
	const struct ct_embedded_hook *e;
	ct_buf dir = CT_BUF_INIT, exe = CT_BUF_INIT, bin = CT_BUF_INIT;
	cJSON *arr = json ? cJSON_CreateArray() : NULL;
	int error;

	if (json && !arr)
		return ct_error_set(CT_ENOMEM, "out of memory");
	if ((error = hooks_dir(desk, &dir, 1)) < 0)
		goto done;
	self_path(&exe);
	for (e = ct_embedded_hooks; e->name; e++) {
		struct hook_info h;
		if ((error = hook_inspect(&h, e, dir.ptr, exe.ptr)) < 0) {
			hook_info_release(&h);
			goto done;
		}
		ct_buf_clear(&bin);
		if (h.state == CT_HOOK_CURRENT || h.state == CT_HOOK_OLD)
			recorded_binary(&bin, h.have.ptr);
		if (json) {
			cJSON *o = cJSON_CreateObject();
			cJSON_AddStringToObject(o, "hook", h.name);
			cJSON_AddStringToObject(o, "state", state_name(h.state));
			cJSON_AddStringToObject(o, "path", h.path.ptr);
			if (bin.len)
				cJSON_AddStringToObject(o, "binary", bin.ptr);
			else
				cJSON_AddNullToObject(o, "binary");
			cJSON_AddItemToArray(arr, o);
		} else {
			printf("%-14s ", h.name);
			switch (h.state) {
			case CT_HOOK_MISSING:
				printf("not installed ('claimtrack hooks install' installs it)\n");
				break;
			case CT_HOOK_CURRENT:
				printf("installed, runs %s\n", bin.len ? bin.ptr : "claimtrack from $CLAIMTRACK or PATH");
				break;
			case CT_HOOK_OLD:
				printf("outdated, runs %s ('claimtrack hooks install' updates it)\n",
				       bin.len ? bin.ptr : "claimtrack from $CLAIMTRACK or PATH");
				break;
			case CT_HOOK_FOREIGN:
				printf("not claimtrack's ('claimtrack hooks install --force' replaces it)\n");
				break;
			}
		}
		hook_info_release(&h);
	}
	if (json)
		error = ct_print_json(arr);
done:
	cJSON_Delete(arr);
	ct_buf_release(&dir);
	ct_buf_release(&exe);
	ct_buf_release(&bin);
	return error;
}

int ct_cmd_hooks(int argc, char **argv, struct ct_ctx *ctx)
{
	int force = 0, json = 0, n, r;
	const struct ct_option opts[] = {
		{ 0, "force", CT_OPT_FLAG, &force, NULL, "install: also replace hooks that are not claimtrack's" },
		{ 0, "json", CT_OPT_FLAG, &json, NULL, "status: print the hooks' states as JSON" },
		{ 0 }
	};
	const struct ct_usage u = { "hooks", "[install [--force] | status [--json]]",
		"install puts claimtrack's git hooks into the desk's .git/hooks (init does this for new\n"
		"desks; run it in a clone): pre-commit runs 'claimtrack validate --staged', so stock git\n"
		"cannot commit a broken record; post-merge and post-checkout refresh the index. Each hook\n"
		"runs the claimtrack that installed it (else $CLAIMTRACK, else PATH). A hook that is not\n"
		"claimtrack's is left alone (exit 1) unless --force. status (the default) says what is\n"
		"installed.", opts, 0, 1 };
	ct_desk *desk;
	const char *action;

	if ((r = ct_parse_options(&u, argc, argv, &n)) != 0)
		return r == CT_PARSE_HELP ? 0 : -r;
	action = n ? argv[0] : "status";
	if (strcmp(action, "install") && strcmp(action, "status")) {
		ct_cmd_error(CT_EXIT_USAGE, "unknown hooks action: '%s'", action);
		ct_print_usage(&u, stderr);
		return CT_EXIT_USAGE;
	}
	if ((force && strcmp(action, "install")) || (json && strcmp(action, "status"))) {
		fprintf(stderr, "claimtrack: %s only goes with '%s'\n", force ? "--force" : "--json",
			force ? "install" : "status");
		ct_print_usage(&u, stderr);
		return CT_EXIT_USAGE;
	}
	if ((r = ct_cmd_desk(ctx, &desk)) < 0)
		return ct_cmd_fail(r);
	if (!strcmp(action, "status"))
		return (r = hooks_status(desk, json)) < 0 ? ct_cmd_fail(r) : 0;
	r = ct_hooks_install(desk, force, 1);
	if (r < 0)
		return ct_cmd_fail(r);
	if (r > 0)
		return ct_cmd_error(CT_EXIT_FAIL, "%d hook%s left alone", r, r == 1 ? " was" : "s were");
	return 0;
}
