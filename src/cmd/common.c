/* Shared command plumbing: error printing, opening the desk, and keeping the SQLite index in
 * step with HEAD (rebuilt when missing or corrupt, otherwise refreshed from the tree diff). */
#include "cmd/cmd.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "text/utf8.h"
#include "record/print.h"
#include "util/err.h"

/* Length of the control character at s (1 for C0 and DEL, 2 for C1 in UTF-8), 0 for anything else. */
static size_t control_len(const char *s, size_t n)
{
	unsigned char c = (unsigned char)s[0];
	if (c < 0x20 || c == 0x7f)
		return 1;
	if (c == 0xc2 && n > 1 && (unsigned char)s[1] >= 0x80 && (unsigned char)s[1] <= 0x9f)
		return 2;
	return 0;
}

void ct_cmd_clean(ct_buf *out, const char *s, size_t n)
{
	size_t i, k;
	for (i = 0; i < n && s[i]; i += k ? k : 1) {
		k = control_len(s + i, n - i);
		ct_buf_putc(out, k ? ' ' : s[i]);
	}
}

void ct_cmd_put_clean(const char *s, size_t n)
{
	size_t i, k;
	for (i = 0; i < n && s[i]; i += k ? k : 1) {
		k = control_len(s + i, n - i);
		putchar(k ? ' ' : s[i]);
	}
}

/* One message line on stderr: whatever the message quotes (ids, paths, outlet names, the user's
 * own arguments) may hold control characters, which must not reach the terminal. */
static void put_message(const char *prefix, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
static void put_message(const char *prefix, const char *fmt, va_list ap)
{
	ct_buf raw, clean;
	ct_buf_init(&raw);
	ct_buf_init(&clean);
	ct_buf_vprintf(&raw, fmt, ap);
	ct_cmd_clean(&clean, raw.ptr, raw.len);
	fprintf(stderr, "claimtrack: %s%s\n", prefix, clean.len ? clean.ptr : "failed");
	ct_buf_release(&raw);
	ct_buf_release(&clean);
}

static void put_line(const char *prefix, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void put_line(const char *prefix, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	put_message(prefix, fmt, ap);
	va_end(ap);
}

int ct_cmd_fail(int code)
{
	put_line("", "%s", ct_error_last());
	return ct_error_exit_code(code);
}

int ct_cmd_error(int exit_code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	put_message("", fmt, ap);
	va_end(ap);
	return exit_code;
}

unsigned ct_cmd_threads(unsigned max)
{
	const char *env = getenv("CLAIMTRACK_THREADS");
	long n = 0;
	if (env && *env) {
		char *end;
		n = strtol(env, &end, 10);
		if (*end || n <= 0)
			n = 0;   /* not a positive number: the default */
	}
	if (n <= 0)
		n = sysconf(_SC_NPROCESSORS_ONLN);
	if (n < 1)
		n = 1;
	return n > (long)max ? max : (unsigned)n;
}

void ct_cmd_warn(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	put_message("warning: ", fmt, ap);
	va_end(ap);
}

const char *ct_color(const struct ct_ctx *ctx, const char *sgr)
{
	static char buf[4][16];
	static int k;
	if (!ctx->color)
		return "";
	k = (k + 1) & 3;
	snprintf(buf[k], sizeof(buf[k]), "\033[%sm", sgr);
	return buf[k];
}

void ct_progress(const struct ct_ctx *ctx, const char *what, size_t n, size_t total)
{
	int width = 30, filled;
	if (!ctx->progress || !total)
		return;
	filled = (int)((double)n / (double)total * width);
	fprintf(stderr, "\r%s [%.*s%*s] %zu/%zu", what, filled, "##############################",
		width - filled, "", n, total);
	fflush(stderr);
}

void ct_progress_done(const struct ct_ctx *ctx)
{
	if (ctx->progress)
		fputs("\r\033[K", stderr);
}

/* cJSON_Print's text of v, nested depth levels deep, to standard output. */
static int print_at(const cJSON *v, size_t depth, const char *before, const char *after)
{
	ct_buf b = CT_BUF_INIT;
	int r;
	ct_buf_puts(&b, before);
	if ((r = ct_json_print(&b, v, depth)) == -2)
		r = ct_error_set(CT_EINPUT, "a value JSON cannot write");
	else if (r < 0 || ct_buf_puts(&b, after) < 0)
		r = ct_error_set(CT_ENOMEM, "out of memory");
	else
		fwrite(b.ptr, 1, b.len, stdout);
	ct_buf_release(&b);
	return r;
}

int ct_print_json(const cJSON *v)
{
	return print_at(v, 0, "", "\n");
}

int ct_json_stream_item(struct ct_json_stream *s, const cJSON *v)
{
	/* an element of the array: one level deeper than the element alone */
	return print_at(v, 1, s->n++ ? ", " : "[", "");
}

void ct_json_stream_end(struct ct_json_stream *s)
{
	fputs(s->n ? "]\n" : "[]\n", stdout);
}

int ct_cmd_desk(struct ct_ctx *ctx, ct_desk **out)
{
	int error;
	if (!ctx->desk) {
		if ((error = ct_desk_open(&ctx->desk, ctx->dir)) < 0)
			return error;
		/* A writer killed mid-commit: bring the working tree to HEAD before anything reads it. */
		if ((error = ct_desk_recover(ctx->desk)) < 0)
			return error;
	}
	*out = ctx->desk;
	return 0;
}

static int put_record(const char *path, const char *data, size_t len, void *payload)
{
	if (!data)
		return ct_index_remove(payload, path);
	return ct_index_put(payload, path, data, len);
}

/* Brings ix to head: from scratch when rebuild, else from the diff since the commit it saw. */
static int index_sync(ct_desk *desk, ct_index *ix, const char *head, int rebuild)
{
	ct_buf seen = CT_BUF_INIT;
	int error;

	if (!rebuild) {
		error = ct_index_meta_get(ix, "commit", &seen);
		if (error == CT_ENOTFOUND)
			rebuild = 1;
		else if (error < 0)
			goto done;
		else if (!strcmp(seen.ptr, head))
			goto done;
	}
	if ((error = ct_index_begin(ix)) < 0)
		goto done;
	if (rebuild) {
		if ((error = ct_index_clear(ix)) < 0 ||
		    (*head && (error = ct_desk_foreach_record(desk, head, put_record, ix)) < 0))
			goto fail;
	} else {
		error = ct_desk_diff_records(desk, seen.ptr, head, put_record, ix);
		if (error == CT_ENOTFOUND) {
			/* The commit the index saw is gone (history rewritten): start over. */
			ct_index_rollback(ix);
			ct_buf_release(&seen);
			return index_sync(desk, ix, head, 1);
		}
		if (error < 0)
			goto fail;
	}
	if ((error = ct_index_meta_set(ix, "commit", head)) < 0 || (error = ct_index_commit(ix)) < 0)
		goto fail;
	goto done;
fail:
	ct_index_rollback(ix);
done:
	ct_buf_release(&seen);
	return error;
}

static int open_index(struct ct_ctx *ctx, int rebuild)
{
	ct_desk *desk;
	ct_buf dir = CT_BUF_INIT, path = CT_BUF_INIT;
	char head[41];
	int error;

	if ((error = ct_cmd_desk(ctx, &desk)) < 0 || (error = ct_desk_head(desk, head)) < 0)
		return error;
	ct_buf_printf(&dir, "%sclaimtrack", ct_desk_gitdir(desk));
	ct_buf_printf(&path, "%s/index.db", dir.ptr);
	if (ct_buf_oom(&dir) < 0 || ct_buf_oom(&path) < 0) {
		error = ct_error_set(CT_ENOMEM, "out of memory");
		goto done;
	}
	if (mkdir(dir.ptr, 0777) < 0 && errno != EEXIST) {
		error = ct_error_set(CT_EIO, "cannot create %s: %s", dir.ptr, strerror(errno));
		goto done;
	}
	if (rebuild && ctx->index) {
		ct_index_free(ctx->index);
		ctx->index = NULL;
	}
	if (rebuild)
		unlink(path.ptr);
	error = ct_index_open(&ctx->index, path.ptr);
	if (error == CT_EDESK) {
		/* The index is only a cache: a corrupt or outdated one is replaced. */
		ct_cmd_warn("%s; rebuilding it", ct_error_last());
		unlink(path.ptr);
		rebuild = 1;
		error = ct_index_open(&ctx->index, path.ptr);
	}
	if (error < 0)
		goto done;
	error = index_sync(desk, ctx->index, head, rebuild);
done:
	ct_buf_release(&dir);
	ct_buf_release(&path);
	return error;
}

static int first_broken(const char *path, const char *msg, void *payload)
{
	ct_buf *out = payload;
	const char *s;
	int i;
	for (i = 0; i < 2; i++) {
		for (s = i ? msg : path; *s && out->len < 300; s++)
			ct_buf_putc(out, (unsigned char)*s < 0x20 || *s == 0x7f ? '?' : *s);
		if (!i)
			ct_buf_puts(out, ": ");
	}
	return 1;
}

/* Records that cannot be read (broken by hand, committed past the hook) are left out of every
 * listing; say so once per run, naming the first, and leave the details to validate. */
static void warn_broken(ct_index *ix)
{
	static int warned;
	ct_buf first = CT_BUF_INIT;
	long n;
	if (warned)
		return;
	if ((n = ct_index_count(ix, "broken")) <= 0)
		return;
	warned = 1;
	ct_index_broken(ix, first_broken, &first);
	ct_cmd_warn("%ld unreadable record%s left out (%s%s); 'claimtrack validate' lists %s", n, n == 1 ? " is" : "s are",
		    n == 1 ? "" : "the first: ", first.ptr ? first.ptr : "", n == 1 ? "it" : "them");
	ct_buf_release(&first);
}

int ct_cmd_index(struct ct_ctx *ctx, ct_index **out)
{
	int error;
	if (!ctx->index) {
		if ((error = open_index(ctx, 0)) < 0)
			return error;
	} else {
		char head[41];
		if ((error = ct_desk_head(ctx->desk, head)) < 0 ||
		    (error = index_sync(ctx->desk, ctx->index, head, 0)) < 0)
			return error;
	}
	warn_broken(ctx->index);
	*out = ctx->index;
	return 0;
}

int ct_cmd_index_rebuild(struct ct_ctx *ctx, long *out_records)
{
	int error = open_index(ctx, 1);
	if (error < 0)
		return error;
	*out_records = ct_index_count(ctx->index, "source") + ct_index_count(ctx->index, "claim") +
		       ct_index_count(ctx->index, "review");
	return 0;
}

/* The checks and the warning of ct_cmd_read_text on raw[0..len) read from file, cleaned into text. */
static int clean_text(const char *file, const char *raw, size_t len, ct_buf *text, size_t *nbad)
{
	size_t firstbad = 0;
	int error;
	if (len > CT_MAX_SOURCE_BYTES)
		return ct_error_set(CT_EINPUT, "source is larger than %u MiB: '%s'", CT_MAX_SOURCE_BYTES >> 20, file);
	if ((error = ct_text_clean(text, raw, len, nbad, &firstbad)) < 0)
		return error;
	if (*nbad > 16 && *nbad > len / 20)
		return ct_error_set(CT_EINPUT, "not a text file (%zu invalid UTF-8 sequences or NUL bytes): '%s'", *nbad, file);
	if (*nbad)
		ct_cmd_warn("%s: replaced %zu invalid UTF-8 sequence%s (first at byte %zu)", file, *nbad,
			    *nbad == 1 ? "" : "s", firstbad);
	return 0;
}

int ct_cmd_read_text(const char *file, ct_buf *text, size_t *nbad)
{
	ct_buf raw = CT_BUF_INIT;
	int error = 0;

	*nbad = 0;
	if (ct_buf_read_file(&raw, strcmp(file, "-") ? file : "/dev/stdin") < 0)
		error = ct_error_set(CT_EINPUT, "cannot read file (%s): '%s'",
				     errno == EISDIR ? "it is a directory" : strerror(errno), file);
	else
		error = clean_text(file, raw.ptr, raw.len, text, nbad);
	ct_buf_release(&raw);
	return error;
}

int ct_cmd_text_open(const char *file, ct_cmd_text *t, size_t *nbad)
{
	long page = sysconf(_SC_PAGESIZE);
	struct stat st;
	void *map;
	int fd, error;

	memset(t, 0, sizeof(*t));
	ct_buf_init(&t->copy);
	*nbad = 0;
	/* A regular file of a size to map with a zero byte after its end (the rest of its last page),
	 * as the text a ct_buf holds has: else it is read. Asked with stat first, so that a named pipe
	 * is opened once only, by the read. */
	fd = strcmp(file, "-") && page > 0 && stat(file, &st) == 0 && S_ISREG(st.st_mode) ?
	     open(file, O_RDONLY | O_CLOEXEC) : -1;
	if (fd < 0 || fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || st.st_size <= 0 ||
	    (unsigned long long)st.st_size > CT_MAX_SOURCE_BYTES || st.st_size % page == 0 ||
	    (map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0)) == MAP_FAILED) {
		if (fd >= 0)
			close(fd);
		error = ct_cmd_read_text(file, &t->copy, nbad);
		t->ptr = t->copy.ptr;
		t->len = t->copy.len;
		return error;
	}
	close(fd);
	t->len = (size_t)st.st_size;
	if ((error = ct_text_is_clean(map, t->len)) == 1) {
		t->ptr = map;
		t->map = map;
		return 0;
	}
	if (error == 0)
		error = clean_text(file, map, t->len, &t->copy, nbad);
	munmap(map, t->len);
	t->ptr = t->copy.ptr;
	t->len = t->copy.len;
	return error;
}

void ct_cmd_text_close(ct_cmd_text *t)
{
	if (t->map)
		munmap(t->map, t->len);
	ct_buf_release(&t->copy);
	memset(t, 0, sizeof(*t));
}

int ct_cmd_settings(struct ct_ctx *ctx, cJSON **out)
{
	ct_buf raw = CT_BUF_INIT;
	ct_desk *desk;
	int error;
	*out = NULL;
	if ((error = ct_cmd_desk(ctx, &desk)) < 0)
		return error;
	error = ct_desk_read(desk, NULL, "desk.json", &raw);
	if (error == 0 && !(*out = cJSON_ParseWithLength(raw.ptr, raw.len)))
		error = ct_error_set(CT_EDESK, "desk.json is not valid JSON (run 'claimtrack validate')");
	if (error == 0 && !cJSON_IsObject(*out)) {
		cJSON_Delete(*out);
		*out = NULL;
		error = ct_error_set(CT_EDESK, "desk.json is not a JSON object (run 'claimtrack validate')");
	}
	if (error == CT_ENOTFOUND)
		error = ct_error_set(CT_EDESK, "desk.json is missing from HEAD (run 'claimtrack validate')");
	ct_buf_release(&raw);
	return error;
}
