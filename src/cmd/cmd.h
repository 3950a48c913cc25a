/* What every command shares: the run context, the one option parser, and helpers to open the
 * desk and its (automatically refreshed) index. Only src/cmd/ and main.c print or exit. */
#ifndef CT_CMD_CMD_H
#define CT_CMD_CMD_H

#include <stddef.h>
#include <stdio.h>

#include <cJSON.h>

#include "desk/desk.h"
#include "index/index.h"
#include "util/buf.h"
#include "util/limits.h"

struct ct_ctx {
	const char *dir;      /* -C DIR, or "." */
	int color;            /* colour on stdout */
	int tty;              /* stdout is a terminal: listings print column headers */
	int progress;         /* progress bars on stderr */
	ct_desk *desk;        /* opened on demand by ct_cmd_desk */
	ct_index *index;      /* opened and refreshed on demand by ct_cmd_index */
};

typedef int (*ct_cmd_fn)(int argc, char **argv, struct ct_ctx *ctx);

struct ct_command {
	const char *name;
	ct_cmd_fn fn;
	const char *summary;
};

/* The command table, ending with a NULL name (main.c). */
extern const struct ct_command ct_commands[];

enum ct_opt_kind { CT_OPT_FLAG, CT_OPT_STRING, CT_OPT_LIST, CT_OPT_LONG };

struct ct_strlist {
	const char **items;
	size_t n;
};

struct ct_option {
	char short_name;         /* 0 for none */
	const char *long_name;
	enum ct_opt_kind kind;
	void *value;             /* int *, const char **, struct ct_strlist *, long * */
	const char *arg_name;    /* for help: "ID", "DATE" */
	const char *help;
};

struct ct_usage {
	const char *name;        /* command name */
	const char *synopsis;    /* "[options] FILE..." */
	const char *description; /* a paragraph */
	const struct ct_option *options; /* ends with a zeroed entry */
	int min_args, max_args;  /* positional arguments allowed; max -1 = any */
};

/* Return value of ct_parse_options after it printed help: the command exits 0. */
#define CT_PARSE_HELP 1000

/* Parses argv[1..argc) by the command's option table (--long, --long=V, --long V, -s V, -s, "--"),
 * moving positional arguments to argv[0..*nargs). On a usage error prints the problem and the usage
 * to stderr and returns -CT_EXIT_USAGE; on --help prints the help to stdout and returns CT_PARSE_HELP. */
int ct_parse_options(const struct ct_usage *u, int argc, char **argv, int *nargs);
/* Prints the command's help (synopsis, description, options) to f. */
void ct_print_usage(const struct ct_usage *u, FILE *f);
void ct_strlist_free(struct ct_strlist *l);

/* Prints "claimtrack: <message>" to stderr for a negative library code and returns its exit code. */
int ct_cmd_fail(int code);
/* Prints "claimtrack: <formatted>" to stderr and returns exit_code. */
int ct_cmd_error(int exit_code, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Prints a warning to stderr. */
void ct_cmd_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Threads a command may use when not told: CLAIMTRACK_THREADS when it is a positive number, else
 * the online CPUs; 1 to max. */
unsigned ct_cmd_threads(unsigned max);

/* Opens the desk found from ctx->dir (once). */
int ct_cmd_desk(struct ct_ctx *ctx, ct_desk **out);
/* Opens the index of the desk (once), rebuilding it when missing, corrupt or of another format,
 * and bringing it up to HEAD from the tree diff since the commit it last saw. */
int ct_cmd_index(struct ct_ctx *ctx, ct_index **out);
/* Rebuilds the index from scratch (index --rebuild). */
int ct_cmd_index_rebuild(struct ct_ctx *ctx, long *out_records);

/* Reads desk.json (the desk's settings) from HEAD into *out (free with cJSON_Delete). */
int ct_cmd_settings(struct ct_ctx *ctx, cJSON **out);

/* Reads file ("-" = standard input) as source text: at most CT_MAX_SOURCE_BYTES, cleaned by
 * ct_text_clean (the number of replaced sequences in *nbad, with a warning on stderr), refused
 * as "not a text file" when it is mostly invalid UTF-8 or NUL bytes. CT_EINPUT on bad input. */
int ct_cmd_read_text(const char *file, ct_buf *text, size_t *nbad);

/* A source text to read only, as ct_cmd_read_text gives it: a regular file whose bytes are clean
 * already (ct_text_is_clean: the common case) is the file's own pages, mapped, with neither a
 * read into a buffer nor a cleaned copy; anything else is a ct_cmd_read_text copy. ptr[len] is
 * a zero byte either way. (A mapped file cut shorter by another program while it is read would
 * stop the process with SIGBUS, as it would git; one that grows may change the bytes after
 * len, which the extractor reads only as "not a letter".) */
typedef struct ct_cmd_text {
	const char *ptr;
	size_t len;
	ct_buf copy;   /* the copy, when there is one */
	void *map;     /* the mapping, when there is one */
} ct_cmd_text;

/* Opens file ("-" = standard input) as ct_cmd_read_text reads it. Close t either way. */
int ct_cmd_text_open(const char *file, ct_cmd_text *t, size_t *nbad);
void ct_cmd_text_close(ct_cmd_text *t);

/* Appends s[0..n) (stopping early at a NUL) to out with every control character (C0, DEL and the
 * C1 range U+0080..U+009F) replaced by a space: text from articles, outlet names, notes and other
 * people's commits can then neither move the cursor nor recolour the terminal. */
void ct_cmd_clean(ct_buf *out, const char *s, size_t n);
/* The same, written to stdout. */
void ct_cmd_put_clean(const char *s, size_t n);

/* Writes a JSON value to stdout (formatted) followed by a newline; frees nothing. */
int ct_print_json(const cJSON *v);

/* A JSON array printed one element at a time, byte for byte what ct_print_json prints for the
 * whole array, so that a listing of a million records never holds them all (claims, match).
 * ct_json_stream_item prints v as the next element (v stays the caller's); ct_json_stream_end
 * closes the array ("[]" when empty). An error between the two leaves a truncated array on
 * stdout and the command fails. */
struct ct_json_stream {
	size_t n;
};
int ct_json_stream_item(struct ct_json_stream *s, const cJSON *v);
void ct_json_stream_end(struct ct_json_stream *s);
/* SGR colour helpers: return the escape when ctx->color, else "". */
const char *ct_color(const struct ct_ctx *ctx, const char *sgr);
#define CT_C_RESET "0"
#define CT_C_BOLD "1"
#define CT_C_DIM "2"
#define CT_C_RED "31"
#define CT_C_GREEN "32"
#define CT_C_YELLOW "33"
#define CT_C_CYAN "36"

/* Progress on stderr when ctx->progress: "\r<what> n/total". ct_progress_done clears the line. */
void ct_progress(const struct ct_ctx *ctx, const char *what, size_t n, size_t total);
void ct_progress_done(const struct ct_ctx *ctx);

/* The commands (src/cmd/<name>.c). */
int ct_cmd_init(int argc, char **argv, struct ct_ctx *ctx);
int ct_cmd_add(int argc, char **argv, struct ct_ctx *ctx);
int ct_cmd_sources(int argc, char **argv, struct ct_ctx *ctx);
int ct_cmd_claims(int argc, char **argv, struct ct_ctx *ctx);
int ct_cmd_show(int argc, char **argv, struct ct_ctx *ctx);
int ct_cmd_log(int argc, char **argv, struct ct_ctx *ctx);
int ct_cmd_validate(int argc, char **argv, struct ct_ctx *ctx);
int ct_cmd_index_cmd(int argc, char **argv, struct ct_ctx *ctx);
int ct_cmd_extract(int argc, char **argv, struct ct_ctx *ctx);
int ct_cmd_match(int argc, char **argv, struct ct_ctx *ctx);
int ct_cmd_compare(int argc, char **argv, struct ct_ctx *ctx);
int ct_cmd_review(int argc, char **argv, struct ct_ctx *ctx);
int ct_cmd_status(int argc, char **argv, struct ct_ctx *ctx);
int ct_cmd_config(int argc, char **argv, struct ct_ctx *ctx);
int ct_cmd_sync(int argc, char **argv, struct ct_ctx *ctx);
int ct_cmd_hooks(int argc, char **argv, struct ct_ctx *ctx);
int ct_cmd_report(int argc, char **argv, struct ct_ctx *ctx);
int ct_cmd_help(int argc, char **argv, struct ct_ctx *ctx);

#endif
