/* claimtrack: global options, the one command table, dispatch and exit status.
 * `claimtrack help` and `claimtrack <cmd> --help` are printed from the same tables. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "util/err.h"

#define CT_VERSION "0.1.0"

const struct ct_command ct_commands[] = {
	{ "init", ct_cmd_init, "create a claims desk (a git repository)" },
	{ "add", ct_cmd_add, "add articles as sources and extract their claims" },
	{ "sources", ct_cmd_sources, "list the sources of the desk" },
	{ "claims", ct_cmd_claims, "list or search claims" },
	{ "show", ct_cmd_show, "show one claim or source" },
	{ "log", ct_cmd_log, "history of the desk or of one record" },
	{ "validate", ct_cmd_validate, "check every record against the schemas and invariants" },
	{ "index", ct_cmd_index_cmd, "show or rebuild the SQLite index (a cache)" },
	{ "extract", ct_cmd_extract, "run the claim extractor on a file, without a desk" },
	{ "review", ct_cmd_review, "record a verdict on a claim: corroborated, contradicted, unverifiable" },
	{ "status", ct_cmd_status, "review progress: by source and reviewer, disputed claims first" },
	{ "config", ct_cmd_config, "show or change the desk's settings (stored in desk.json)" },
	{ "compare", ct_cmd_compare, "score two statements: same fact? corroborate or contradict?" },
	{ "match", ct_cmd_match, "align the claims of different sources: corroborations, contradictions, copies" },
	{ "sync", ct_cmd_sync, "fetch, merge and push the desk through a git remote" },
	{ "hooks", ct_cmd_hooks, "install claimtrack's git hooks in a desk, or show them" },
	{ "report", ct_cmd_report, "write the outcomes: md, html with charts, json, ClaimReview jsonld, csv" },
	{ "help", ct_cmd_help, "show help for claimtrack or one command" },
	{ NULL, NULL, NULL }
};

static void print_main_usage(FILE *f)
{
	const struct ct_command *c;
	fprintf(f, "usage: claimtrack [-C DIR] [--no-color] [--version] <command> [<args>]\n\n"
		   "Fact-check and claim tracking in a git repository.\n\ncommands:\n");
	for (c = ct_commands; c->name; c++)
		fprintf(f, "  %-10s %s\n", c->name, c->summary);
	fprintf(f, "\nRun 'claimtrack help <command>' for the options of a command.\n");
}

int ct_cmd_help(int argc, char **argv, struct ct_ctx *ctx)
{
	const struct ct_command *c;
	if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		print_main_usage(stdout);
		return 0;
	}
	for (c = ct_commands; c->name; c++) {
		if (!strcmp(c->name, argv[1]) && c->fn != ct_cmd_help) {
			char *sub[] = { argv[1], (char *)(uintptr_t)"--help", NULL };
			return c->fn(2, sub, ctx);
		}
	}
	return ct_cmd_error(CT_EXIT_USAGE, "no such command: '%s'", argv[1]);
}

int main(int argc, char **argv)
{
	struct ct_ctx ctx;
	const struct ct_command *c;
	int i = 1, color = -1, r;
	const char *nc = getenv("NO_COLOR");

	memset(&ctx, 0, sizeof(ctx));
	ctx.dir = ".";
	for (; i < argc && argv[i][0] == '-'; i++) {
		if (!strcmp(argv[i], "-C")) {
			if (++i >= argc)
				return ct_cmd_error(CT_EXIT_USAGE, "option needs a value: '-C'");
			ctx.dir = argv[i];
		} else if (!strncmp(argv[i], "-C", 2)) {
			ctx.dir = argv[i] + 2;
		} else if (!strcmp(argv[i], "--no-color")) {
			color = 0;
		} else if (!strcmp(argv[i], "--color")) {
			color = 1;
		} else if (!strcmp(argv[i], "--version")) {
			printf("claimtrack %s\n", CT_VERSION);
			return 0;
		} else if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			print_main_usage(stdout);
			return 0;
		} else {
			ct_cmd_error(CT_EXIT_USAGE, "unknown option: '%s'", argv[i]);
			print_main_usage(stderr);
			return CT_EXIT_USAGE;
		}
	}
	if (i >= argc) {
		print_main_usage(stderr);
		return CT_EXIT_USAGE;
	}
	if (color < 0)
		color = isatty(STDOUT_FILENO);
	if (nc && *nc)
		color = 0;
	ctx.color = color;
	ctx.tty = isatty(STDOUT_FILENO);
	ctx.progress = isatty(STDERR_FILENO);
	if (chdir(ctx.dir) < 0)
		return ct_cmd_error(CT_EXIT_USAGE, "cannot change to '%s': no such directory", ctx.dir);
	ctx.dir = ".";

	for (c = ct_commands; c->name; c++)
		if (!strcmp(c->name, argv[i]))
			break;
	if (!c->name) {
		ct_cmd_error(CT_EXIT_USAGE, "'%s' is not a claimtrack command; see 'claimtrack help'", argv[i]);
		return CT_EXIT_USAGE;
	}
	r = c->fn(argc - i, argv + i, &ctx);
	ct_index_free(ctx.index);
	ct_desk_free(ctx.desk);
	if (fflush(stdout) != 0 && r == 0)
		r = ct_cmd_error(CT_EXIT_FAIL, "cannot write output");
	return r;
}
