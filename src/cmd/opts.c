/* The one option parser every command uses, and the help it prints from the same table.
 * Keeps argv parsing uniform: --long, --long=V, --long V, -s V, bundled -s flags, "--". */
#include "cmd/cmd.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "util/err.h"

void ct_strlist_free(struct ct_strlist *l)
{
	free(l->items);
	l->items = NULL;
	l->n = 0;
}

static int strlist_add(struct ct_strlist *l, const char *s)
{
	const char **n = realloc(l->items, (l->n + 1) * sizeof(*n));
	if (!n)
		return -1;
	l->items = n;
	l->items[l->n++] = s;
	return 0;
}

void ct_print_usage(const struct ct_usage *u, FILE *f)
{
	const struct ct_option *o;
	fprintf(f, "usage: claimtrack %s %s\n", u->name, u->synopsis);
	if (u->description)
		fprintf(f, "\n%s\n", u->description);
	if (u->options && u->options[0].long_name) {
		fprintf(f, "\noptions:\n");
		for (o = u->options; o->long_name; o++) {
			char left[64];
			if (o->short_name)
				snprintf(left, sizeof(left), "-%c, --%s%s%s", o->short_name, o->long_name,
					 o->arg_name ? " " : "", o->arg_name ? o->arg_name : "");
			else
				snprintf(left, sizeof(left), "    --%s%s%s", o->long_name,
					 o->arg_name ? " " : "", o->arg_name ? o->arg_name : "");
			fprintf(f, "  %-28s %s\n", left, o->help);
		}
	}
	fprintf(f, "  %-28s %s\n", "-h, --help", "show this help");
}

/* Prints "claimtrack: <msg>: '<what>'" (or just msg) and the usage to stderr. */
static int usage_error(const struct ct_usage *u, const char *msg, const char *what)
{
	if (what)
		ct_cmd_error(CT_EXIT_USAGE, "%s: '%s'", msg, what);
	else
		fprintf(stderr, "claimtrack: %s\n", msg);
	ct_print_usage(u, stderr);
	return -CT_EXIT_USAGE;
}

static int set_value(const struct ct_usage *u, const struct ct_option *o, const char *v)
{
	char *end;
	switch (o->kind) {
	case CT_OPT_STRING:
		*(const char **)o->value = v;
		return 0;
	case CT_OPT_LIST:
		if (strlist_add(o->value, v) < 0)
			return usage_error(u, "out of memory", NULL);
		return 0;
	case CT_OPT_LONG:
		errno = 0;
		*(long *)o->value = strtol(v, &end, 10);
		if (errno || end == v || *end)
			return usage_error(u, "not a number", v);
		return 0;
	case CT_OPT_FLAG:
		break;
	}
	return 0;
}

int ct_parse_options(const struct ct_usage *u, int argc, char **argv, int *nargs)
{
	int i, n = 0, only_args = 0, r;
	const struct ct_option *o;

	for (i = 1; i < argc; i++) {
		char *a = argv[i];
		if (only_args || a[0] != '-' || !a[1]) {
			argv[n++] = a;
			continue;
		}
		if (!strcmp(a, "--")) {
			only_args = 1;
			continue;
		}
		if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			ct_print_usage(u, stdout);
			return CT_PARSE_HELP;
		}
		if (a[1] == '-') {
			const char *name = a + 2, *eq = strchr(name, '=');
			size_t len = eq ? (size_t)(eq - name) : strlen(name);
			for (o = u->options; o && o->long_name; o++)
				if (strlen(o->long_name) == len && !strncmp(o->long_name, name, len))
					break;
			if (!o || !o->long_name)
				return usage_error(u, "unknown option", a);
			if (o->kind == CT_OPT_FLAG) {
				if (eq)
					return usage_error(u, "option takes no value", a);
				*(int *)o->value = 1;
				continue;
			}
			if (eq)
				r = set_value(u, o, eq + 1);
			else if (i + 1 < argc)
				r = set_value(u, o, argv[++i]);
			else
				return usage_error(u, "option needs a value", a);
			if (r < 0)
				return r;
			continue;
		}
		/* Short options: flags may be bundled; one taking a value ends the bundle. */
		for (a++; *a; a++) {
			for (o = u->options; o && o->long_name; o++)
				if (o->short_name == *a)
					break;
			if (!o || !o->long_name) {
				char opt[3] = { '-', *a, 0 };
				return usage_error(u, "unknown option", opt);
			}
			if (o->kind == CT_OPT_FLAG) {
				*(int *)o->value = 1;
				continue;
			}
			if (a[1])
				r = set_value(u, o, a + 1);
			else if (i + 1 < argc)
				r = set_value(u, o, argv[++i]);
			else {
				char opt[3] = { '-', *a, 0 };
				return usage_error(u, "option needs a value", opt);
			}
			if (r < 0)
				return r;
			break;
		}
	}
	if (n < u->min_args)
		return usage_error(u, u->min_args == 1 && u->max_args == 1 ? "expected one argument" : "missing arguments", NULL);
	if (u->max_args >= 0 && n > u->max_args)
		return usage_error(u, "too many arguments", argv[u->max_args]);
	argv[n] = NULL;
	*nargs = n;
	return 0;
}
