/* claimtrack review -i: the interactive review queue. Walks the claims a reviewer still has to
 * judge, most contested first, one keystroke per answer on a terminal, one line per answer otherwise. */
#include "cmd/review.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <termios.h>
#include <unistd.h>

#include "cmd/match.h"
#include "record/record.h"
#include "review/board.h"
#include "util/err.h"

/* Bytes of source text shown before and after the sentence. */
#define CONTEXT_BYTES 240
/* Aligned claims listed (and numbered) per claim. */
#define ALIGNED_MAX 9

struct item {
	char id[17];
	char *record;           /* the claim's JSON */
	enum ct_status status;
	unsigned contradicting; /* other sources contradicting it (ct_index_claim_support) */
	double checkworthy;
};

struct aligned {
	char id[17];
	char *source;
	char *relation;
	double score;
	char *text;             /* the aligned claim's sentence */
	char *signals;          /* "kind: ours / theirs; ..." ready to print (untrusted text inside) */
};

struct source_info {
	char *id, *outlet;
	ct_buf text;            /* the stored text of the source's current version */
	int version;
};

struct queue {
	struct ct_ctx *ctx;
	ct_index *ix;
	struct ct_board board;
	struct ct_review_rule rule;
	struct ct_ident who;
	struct item *items;
	size_t n, cap;
	struct source_info *src;
	size_t nsrc;
	int tty;                /* stdin is a terminal: one keystroke per answer */
	int error;
};

static const char *str_or(const cJSON *o, const char *key, const char *dflt)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	return cJSON_IsString(v) ? v->valuestring : dflt;
}

/* ---- the terminal ------------------------------------------------------------------------ */

static struct termios saved_tio, raw_tio;
static volatile sig_atomic_t tio_saved, raw_on, got_signal;

static void on_signal(int sig)
{
	if (tio_saved)
		tcsetattr(STDIN_FILENO, TCSANOW, &saved_tio);
	got_signal = sig;
}

/* Back in the foreground after ^Z: the shell has put its own mode back; raw mode again. */
static void on_cont(int sig)
{
	(void)sig;
	if (raw_on && !got_signal)
		tcsetattr(STDIN_FILENO, TCSANOW, &raw_tio);
}

/* Raw mode: keys arrive one at a time without echo; ISIG stays, so ^C still sends SIGINT. */
static int term_raw(void)
{
	raw_tio = saved_tio;
	raw_tio.c_lflag &= ~(tcflag_t)(ICANON | ECHO);
	raw_tio.c_cc[VMIN] = 1;
	raw_tio.c_cc[VTIME] = 0;
	raw_on = 1;
	return tcsetattr(STDIN_FILENO, TCSANOW, &raw_tio);
}

static void term_restore(void)
{
	raw_on = 0;
	if (tio_saved)
		tcsetattr(STDIN_FILENO, TCSANOW, &saved_tio);
}

static void term_setup(struct sigaction *old_int, struct sigaction *old_term, struct sigaction *old_cont)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0;   /* no SA_RESTART: a blocked read returns EINTR and the queue stops */
	sigaction(SIGINT, &sa, old_int);
	sigaction(SIGTERM, &sa, old_term);
	sa.sa_handler = on_cont;
	sa.sa_flags = SA_RESTART;
	sigaction(SIGCONT, &sa, old_cont);
	if (tcgetattr(STDIN_FILENO, &saved_tio) == 0) {
		tio_saved = 1;
		term_raw();
	}
}

static void term_teardown(const struct sigaction *old_int, const struct sigaction *old_term,
			  const struct sigaction *old_cont)
{
	term_restore();
	tio_saved = 0;
	sigaction(SIGINT, old_int, NULL);
	sigaction(SIGTERM, old_term, NULL);
	sigaction(SIGCONT, old_cont, NULL);
}

/* One key from the terminal: the byte, or -1 at end of input or on a signal. An escape sequence
 * (arrow keys) is read whole and returned as 0x1b. */
static int read_key(void)
{
	unsigned char c;
	ssize_t r;
	do
		r = read(STDIN_FILENO, &c, 1);
	while (r < 0 && errno == EINTR && !got_signal);
	if (r <= 0 || got_signal)
		return -1;
	if (c == 0x1b) {
		struct pollfd p = { STDIN_FILENO, POLLIN, 0 };
		unsigned char junk[16];
		while (poll(&p, 1, 30) > 0 && read(STDIN_FILENO, junk, sizeof(junk)) > 0)
			;
	}
	return c;
}

/* One line: from the terminal in its normal (cooked) mode, or from stdin when it is not a
 * terminal. The newline is dropped. 0, or -1 at end of input or on a signal. */
static int read_line(struct queue *q, ct_buf *line)
{
	ct_buf_clear(line);
	if (q->tty) {
		unsigned char c;
		ssize_t r;
		int res = 0;
		fflush(stdout);
		term_restore();
		for (;;) {
			r = read(STDIN_FILENO, &c, 1);
			if (r < 0 && errno == EINTR && !got_signal)
				continue;
			if (r <= 0 || got_signal) {
				res = -1;
				break;
			}
			if (c == '\n')
				break;
			ct_buf_putc(line, (char)c);
		}
		if (!got_signal)
			term_raw();
		return res;
	} else {
		int c;
		while ((c = getchar()) != EOF && c != '\n')
			ct_buf_putc(line, (char)c);
		if (c == EOF && !line->len)
			return -1;
		if (line->len && line->ptr[line->len - 1] == '\r')
			ct_buf_truncate(line, line->len - 1);
	}
	return ct_buf_oom(line) < 0 ? -1 : 0;
}

/* ---- printing untrusted text ------------------------------------------------------------- */

/* Prints s[0..n) with C0 and C1 control characters (and DEL) as spaces, and each run of white
 * space as one space. */
static void put_text(const char *s, size_t n)
{
	size_t i;
	int space = 0;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == 0xc2 && i + 1 < n && (unsigned char)s[i + 1] >= 0x80 && (unsigned char)s[i + 1] < 0xa0) {
			i++;
			c = ' ';
		}
		if (c <= 0x20 || c == 0x7f) {
			if (!space)
				putchar(' ');
			space = 1;
			continue;
		}
		putchar(c);
		space = 0;
	}
}

static void put_str(const char *s)
{
	put_text(s, strlen(s));
}

/* Moves a byte offset back (dir -1) or forward (+1) to the start of a UTF-8 character. */
static size_t utf8_align(const char *s, size_t len, size_t i, int dir)
{
	while (i > 0 && i < len && ((unsigned char)s[i] & 0xc0) == 0x80)
		i = dir < 0 ? i - 1 : i + 1;
	return i;
}

/* ---- the alignments ---------------------------------------------------------------------- */

static void aligned_release(struct aligned *a, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++) {
		free(a[i].source);
		free(a[i].relation);
		free(a[i].text);
		free(a[i].signals);
	}
}

struct align_collect {
	struct queue *q;
	const char *claim;
	struct aligned *out;
	size_t n;
};

static char *dup_or_empty(const char *s)
{
	return strdup(s ? s : "");
}

static int on_alignment(const char *path, const char *json, void *payload)
{
	struct align_collect *c = payload;
	cJSON *o = cJSON_Parse(json), *other_rec = NULL;
	const cJSON *claims = cJSON_GetObjectItemCaseSensitive(o, "claims");
	const cJSON *sources = cJSON_GetObjectItemCaseSensitive(o, "sources");
	const cJSON *score = cJSON_GetObjectItemCaseSensitive(o, "score");
	const cJSON *sig, *signals = cJSON_GetObjectItemCaseSensitive(o, "signals");
	const cJSON *ca = cJSON_GetArrayItem(claims, 0), *cb = cJSON_GetArrayItem(claims, 1);
	const char *other, *other_source;
	struct aligned *a;
	ct_buf buf = CT_BUF_INIT;
	int mine, error = 0;
	(void)path;
	if (!o)
		return ct_error_set(CT_ENOMEM, "out of memory");
	if (c->n == ALIGNED_MAX) {
		cJSON_Delete(o);
		return 1;   /* the list is full: stop */
	}
	if (!cJSON_IsString(ca) || !cJSON_IsString(cb) || !cJSON_IsArray(sources)) {
		cJSON_Delete(o);
		return 0;
	}
	mine = strcmp(ca->valuestring, c->claim) ? 1 : 0;
	other = mine ? ca->valuestring : cb->valuestring;
	if (!cJSON_IsString(cJSON_GetArrayItem(sources, mine ? 0 : 1)) || strlen(other) != 16) {
		cJSON_Delete(o);
		return 0;
	}
	other_source = cJSON_GetArrayItem(sources, mine ? 0 : 1)->valuestring;
	a = &c->out[c->n];
	memset(a, 0, sizeof(*a));
	memcpy(a->id, other, 17);
	a->score = cJSON_IsNumber(score) ? score->valuedouble : 0;
	if (ct_index_get(c->q->ix, "claim", other, &buf, NULL) == 0)
		other_rec = cJSON_Parse(buf.ptr);
	ct_buf_clear(&buf);
	/* Each signal with this claim's words first: "date: Monday / Tuesday". */
	cJSON_ArrayForEach(sig, signals) {
		const char *x = str_or(sig, mine ? "b" : "a", ""), *y = str_or(sig, mine ? "a" : "b", "");
		ct_buf_printf(&buf, "%s%s: %s / %s", buf.len ? "; " : "", str_or(sig, "kind", "?"), *x ? x : "-",
			      *y ? y : "-");
	}
	a->source = dup_or_empty(other_source);
	a->relation = dup_or_empty(str_or(o, "relation", "?"));
	a->text = dup_or_empty(str_or(other_rec, "text", ""));
	a->signals = ct_buf_oom(&buf) < 0 ? NULL : ct_buf_detach(&buf);
	c->n++;
	if (!a->source || !a->relation || !a->text || !a->signals)
		error = ct_error_set(CT_ENOMEM, "out of memory");
	ct_buf_release(&buf);
	cJSON_Delete(other_rec);
	cJSON_Delete(o);
	return error;
}

/* The claims of other sources aligned with claim_id (from `claimtrack match`, brought up to date
 * when the queue opened the index), best score first, at most ALIGNED_MAX, into out[0..*nout). */
static int load_alignments(struct queue *q, const char *claim_id, struct aligned *out, size_t *nout)
{
	struct ct_align_filter f = { NULL, claim_id };
	struct align_collect c = { q, claim_id, out, 0 };
	int error = ct_index_alignments(q->ix, &f, on_alignment, &c);
	*nout = c.n;
	return error < 0 ? error : 0;
}

/* Number of other sources contradicting claim_id (for the order of the queue). */
static unsigned count_contradicting(struct queue *q, const char *claim_id)
{
	int corr = 0, ind = 0, contra = 0;
	if (ct_index_claim_support(q->ix, claim_id, &corr, &ind, &contra) < 0 || contra < 0)
		return 0;
	return (unsigned)contra;
}

/* ---- the queue --------------------------------------------------------------------------- */

static int reviewed_by(const struct ct_board *b, const char *claim_id, const char *email)
{
	size_t first, n = ct_board_find(b, claim_id, &first), i;
	for (i = first; i < first + n; i++)
		if (!strcasecmp(b->reviews[i].email, email))
			return 1;
	return 0;
}

static int on_claim(const char *path, const char *json, void *payload)
{
	struct queue *q = payload;
	cJSON *rec = cJSON_Parse(json);
	const char *id = str_or(rec, "id", "");
	const cJSON *cw = cJSON_GetObjectItemCaseSensitive(rec, "checkworthy");
	struct ct_tally t;
	enum ct_status s;
	struct item *it;
	(void)path;
	if (strlen(id) != 16 || reviewed_by(&q->board, id, q->who.email))
		goto done;
	ct_board_tally(&q->board, id, &t);
	s = ct_claim_status(&q->rule, &t, str_or(rec, "status", NULL));
	if (s != CT_S_UNREVIEWED && s != CT_S_PENDING && s != CT_S_DISPUTED)
		goto done;
	if (q->n == q->cap) {
		size_t cap = q->cap ? q->cap * 2 : 64;
		struct item *p = realloc(q->items, cap * sizeof(*p));
		if (!p) {
			cJSON_Delete(rec);
			return ct_error_set(CT_ENOMEM, "out of memory");
		}
		q->items = p;
		q->cap = cap;
	}
	it = &q->items[q->n];
	memset(it, 0, sizeof(*it));
	memcpy(it->id, id, 17);
	it->status = s;
	it->checkworthy = cJSON_IsNumber(cw) ? cw->valuedouble : 0;
	if (!(it->record = strdup(json))) {
		cJSON_Delete(rec);
		return ct_error_set(CT_ENOMEM, "out of memory");
	}
	it->contradicting = count_contradicting(q, id);
	q->n++;
done:
	cJSON_Delete(rec);
	return 0;
}

/* Disputed first, then contradicted by the most other sources, then most check-worthy, then id. */
static int cmp_item(const void *a, const void *b)
{
	const struct item *x = a, *y = b;
	if ((x->status == CT_S_DISPUTED) != (y->status == CT_S_DISPUTED))
		return x->status == CT_S_DISPUTED ? -1 : 1;
	if (x->contradicting != y->contradicting)
		return x->contradicting > y->contradicting ? -1 : 1;
	if (x->checkworthy != y->checkworthy)
		return x->checkworthy > y->checkworthy ? -1 : 1;
	return strcmp(x->id, y->id);
}

static struct source_info *source_of(struct queue *q, const char *id)
{
	struct source_info *p, *s;
	ct_buf json = CT_BUF_INIT;
	cJSON *rec = NULL;
	const cJSON *ver;
	size_t i;
	for (i = 0; i < q->nsrc; i++)
		if (!strcmp(q->src[i].id, id))
			return &q->src[i];
	if (!(p = realloc(q->src, (q->nsrc + 1) * sizeof(*p))))
		return NULL;
	q->src = p;
	s = &q->src[q->nsrc];
	memset(s, 0, sizeof(*s));
	ct_buf_init(&s->text);
	if (!(s->id = strdup(id))) {
		ct_buf_release(&s->text);
		return NULL;
	}
	q->nsrc++;
	if (ct_index_get(q->ix, "source", id, &json, NULL) == 0 && (rec = cJSON_Parse(json.ptr))) {
		const char *text_path = str_or(rec, "text", NULL);
		ct_desk *desk;
		s->outlet = strdup(str_or(rec, "outlet", ""));
		ver = cJSON_GetObjectItemCaseSensitive(rec, "version");
		s->version = cJSON_IsNumber(ver) ? ver->valueint : 0;
		if (text_path && ct_cmd_desk(q->ctx, &desk) == 0 && ct_desk_read(desk, NULL, text_path, &s->text) < 0)
			ct_buf_clear(&s->text);
	}
	cJSON_Delete(rec);
	ct_buf_release(&json);
	return s;
}

/* The sentence inside about CONTEXT_BYTES of source text on either side, highlighted on a colour
 * terminal and set off by ">>> <<<" elsewhere; the claim's text alone when the stored text is of
 * another version than the claim's span. */
static void print_context(struct queue *q, const cJSON *claim, struct source_info *s)
{
	const cJSON *span = cJSON_GetObjectItemCaseSensitive(claim, "span");
	const cJSON *sv = cJSON_GetObjectItemCaseSensitive(claim, "source_version");
	const char *on = q->ctx->color ? "\033[1;33m" : ">>> ", *off = q->ctx->color ? "\033[0m" : " <<<";
	size_t a, b, from, to, len = s ? s->text.len : 0;
	const char *t = s ? s->text.ptr : "";
	int more_before, more_after;

	fputs("  ", stdout);
	if (!s || !len || !cJSON_IsArray(span) || cJSON_GetArraySize(span) != 2 ||
	    (cJSON_IsNumber(sv) && sv->valueint != s->version) || !cJSON_IsNumber(cJSON_GetArrayItem(span, 0)) ||
	    !cJSON_IsNumber(cJSON_GetArrayItem(span, 1)) || cJSON_GetArrayItem(span, 0)->valuedouble < 0 ||
	    cJSON_GetArrayItem(span, 1)->valuedouble > (double)len ||
	    cJSON_GetArrayItem(span, 0)->valuedouble > cJSON_GetArrayItem(span, 1)->valuedouble) {
		fputs(on, stdout);
		put_str(str_or(claim, "text", ""));
		fputs(off, stdout);
		putchar('\n');
		return;
	}
	a = (size_t)cJSON_GetArrayItem(span, 0)->valuedouble;
	b = (size_t)cJSON_GetArrayItem(span, 1)->valuedouble;
	from = a > CONTEXT_BYTES ? a - CONTEXT_BYTES : 0;
	to = len - b > CONTEXT_BYTES ? b + CONTEXT_BYTES : len;
	/* Start and end on a word boundary when one is near. */
	if (from > 0) {
		size_t w = from;
		while (w < a && t[w] != ' ' && t[w] != '\n')
			w++;
		from = w < a ? w + 1 : utf8_align(t, len, from, 1);
	}
	if (to < len) {
		size_t w = to;
		while (w > b && t[w] != ' ' && t[w] != '\n')
			w--;
		to = w > b ? w : utf8_align(t, len, to, -1);
	}
	more_before = from > 0;
	more_after = to < len;
	while (from < a && (t[from] == ' ' || t[from] == '\n' || t[from] == '\r' || t[from] == '\t'))
		from++;
	while (to > b && (t[to - 1] == ' ' || t[to - 1] == '\n' || t[to - 1] == '\r' || t[to - 1] == '\t'))
		to--;
	if (more_before)
		fputs("...", stdout);
	put_text(t + from, a - from);
	fputs(on, stdout);
	put_text(t + a, b - a);
	fputs(off, stdout);
	put_text(t + b, to - b);
	if (more_after)
		fputs("...", stdout);
	putchar('\n');
}

static void print_item(struct queue *q, size_t k, const cJSON *claim, const struct aligned *al, size_t nal)
{
	const struct item *it = &q->items[k];
	struct source_info *s = source_of(q, str_or(claim, "source", ""));
	const char *bold = ct_color(q->ctx, CT_C_BOLD), *reset = ct_color(q->ctx, CT_C_RESET);
	size_t first, n = ct_board_find(&q->board, it->id, &first), i;

	printf("\n%s[%zu/%zu] %s%s  ", bold, k + 1, q->n, it->id, reset);
	put_str(str_or(claim, "source", "?"));
	if (s && s->outlet && *s->outlet) {
		fputs(" (", stdout);
		put_str(s->outlet);
		putchar(')');
	}
	printf("  %s  %s", str_or(claim, "type", "?"), ct_status_name(it->status));
	if (cJSON_IsNumber(cJSON_GetObjectItemCaseSensitive(claim, "checkworthy")))
		printf("  check-worthy %.2f", it->checkworthy);
	putchar('\n');
	print_context(q, claim, s);
	for (i = first; i < first + n; i++) {
		printf("  reviewed: %s by ", ct_verdict_name(q->board.reviews[i].verdict));
		put_str(q->board.reviews[i].name);
		fputs(" <", stdout);
		put_str(q->board.reviews[i].email);
		putchar('>');
		putchar('\n');
	}
	if (!nal) {
		puts("  no aligned claims of other sources (give evidence by claim id)");
		return;
	}
	puts("  aligned claims of other sources:");
	for (i = 0; i < nal; i++) {
		struct source_info *os = source_of(q, al[i].source);
		const char *rc = !strcmp(al[i].relation, "contradicts") ? CT_C_RED :
				 !strcmp(al[i].relation, "corroborates") ? CT_C_GREEN : CT_C_DIM;
		printf("    %zu. %.10s ", i + 1, al[i].id);
		put_str(al[i].source);
		if (os && os->outlet && *os->outlet) {
			fputs(" (", stdout);
			put_str(os->outlet);
			putchar(')');
		}
		printf("  %s", ct_color(q->ctx, rc));
		put_str(al[i].relation);
		printf("%s %.2f\n       ", ct_color(q->ctx, CT_C_RESET), al[i].score);
		put_str(al[i].text);
		putchar('\n');
		if (al[i].signals && *al[i].signals) {
			fputs("       differs: ", stdout);
			put_str(al[i].signals);
			putchar('\n');
		}
	}
}

static void print_help(struct queue *q)
{
	if (q->tty)
		puts("  c corroborated, x contradicted, u unverifiable, s skip, n note, ? help, q quit\n"
		     "  after c or x: the evidence, numbers from the list or claim ids (Enter for none: then a\n"
		     "  note is required), then a note line (Enter for none)");
	else
		puts("  answers, one per line: c|x [EVIDENCE...] [-- NOTE], u [-- NOTE], s, n NOTE, q, ?\n"
		     "  EVIDENCE: a number from the list of aligned claims or a claim id (4 to 16 hex digits)");
}

/* ---- answers ----------------------------------------------------------------------------- */

struct answer {
	int verdict;          /* CT_V_*, or -1 */
	char (*ev)[17];       /* resolved evidence */
	size_t nev;
	ct_buf note;
};

/* Resolves words (list numbers 1..9 or claim id prefixes) to evidence claim ids. */
static int resolve_words(struct queue *q, const cJSON *claim, const struct aligned *al, size_t nal, char *words,
			 struct answer *ans)
{
	const char *ids[64];
	size_t n = 0, len, next;
	char *w = words;
	int error;
	for (;; w += next) {
		w += strspn(w, " \t,");
		if (!*w)
			break;
		len = strcspn(w, " \t,");
		next = w[len] ? len + 1 : len;
		w[len] = '\0';
		if (n == sizeof(ids) / sizeof(ids[0]))
			return ct_error_set(CT_EINPUT, "at most %zu pieces of evidence per review", n);
		if (len <= 2 && strspn(w, "0123456789") == len) {
			unsigned long k = strtoul(w, NULL, 10);
			if (k < 1 || k > nal)
				return nal ? ct_error_set(CT_EINPUT, "no aligned claim numbered %s (the list has 1 to %zu)", w, nal)
					   : ct_error_set(CT_EINPUT, "no aligned claim numbered %s (the list is empty: give claim ids)", w);
			ids[n++] = al[k - 1].id;
		} else {
			ids[n++] = w;
		}
	}
	free(ans->ev);
	ans->ev = NULL;
	ans->nev = 0;
	if (!n)
		return 0;
	if (!(ans->ev = calloc(n, sizeof(*ans->ev))))
		return ct_error_set(CT_ENOMEM, "out of memory");
	if ((error = ct_review_resolve_evidence(q->ix, claim, ids, n, ans->ev, &ans->nev)) < 0)
		return error;
	return 0;
}

/* What the reviewer wants for the current claim. */
enum action { A_VERDICT, A_SKIP, A_QUIT };

/* A scripted answer: "c 1 2 -- note", "x 1", "u", "u -- note", "s", "n NOTE", "q", "?". Returns
 * 1 when the line was handled without an action (note, help), 0 with *act set, or CT_EINPUT. */
static int parse_line(struct queue *q, const cJSON *claim, const struct aligned *al, size_t nal, ct_buf *line,
		      struct answer *ans, enum action *act)
{
	char *s = line->ptr, *sep, *word, *note = NULL;
	size_t wl;
	while (*s == ' ' || *s == '\t')
		s++;
	wl = strcspn(s, " \t");
	if (!wl)
		return ct_error_set(CT_EINPUT, "empty answer: c, x, u, s, n, q or ? (one per line)");
	word = s;
	s += wl;
	if (*s)
		*s++ = '\0';
	if (!strcmp(word, "?") || !strcmp(word, "h")) {
		print_help(q);
		return 1;
	}
	if (!strcmp(word, "n")) {
		while (*s == ' ' || *s == '\t')
			s++;
		if (!strncmp(s, "--", 2) && (s[2] == ' ' || !s[2]))
			s += s[2] ? 3 : 2;
		if (!*s)
			return ct_error_set(CT_EINPUT, "'n' needs the note text after it");
		if (ct_review_check_note(s) < 0)
			return CT_EINPUT;
		ct_buf_clear(&ans->note);
		ct_buf_puts(&ans->note, s);
		puts("  note kept for the verdict on this claim");
		return 1;
	}
	if (!strcmp(word, "s") || !strcmp(word, "q")) {
		while (*s == ' ' || *s == '\t')
			s++;
		if (*s)
			return ct_error_set(CT_EINPUT, "'%s' takes nothing after it", word);
		*act = *word == 's' ? A_SKIP : A_QUIT;
		return 0;
	}
	if ((ans->verdict = ct_verdict_parse(word)) < 0) {
		ct_error_set(CT_EINPUT, "unknown answer '%.40s': c, x, u, s, n, q or ? (one per line)", word);
		return CT_EINPUT;
	}
	/* " -- " starts the note; before it, the evidence. */
	sep = NULL;
	{
		char *p = s;
		for (;;) {
			while (*p == ' ' || *p == '\t')
				p++;
			if (!*p)
				break;
			if (p[0] == '-' && p[1] == '-' && (!p[2] || p[2] == ' ' || p[2] == '\t')) {
				sep = p;
				break;
			}
			p += strcspn(p, " \t");
		}
	}
	if (sep) {
		note = sep + 2;
		*sep = '\0';
		while (*note == ' ' || *note == '\t')
			note++;
		if (!*note)
			note = NULL;
		else if (ct_review_check_note(note) < 0)
			return CT_EINPUT;
	}
	if (ans->verdict == CT_V_UNVERIFIABLE && strspn(s, " \t") != strlen(s))
		return ct_error_set(CT_EINPUT, "an unverifiable verdict takes no evidence ('u' or 'u -- NOTE')");
	if (resolve_words(q, claim, al, nal, s, ans) < 0)
		return CT_EINPUT;
	if (ans->verdict != CT_V_UNVERIFIABLE && !ans->nev && !ans->note.len && !note)
		return ct_error_set(CT_EINPUT, "a verdict of %s rests on evidence: give numbers from the list or claim ids, "
				    "or say why there is none with a note ('%s -- NOTE')",
				    ct_verdict_name((enum ct_verdict)ans->verdict), word);
	/* The line's note replaces one given with n only once the whole answer is good. */
	if (note) {
		ct_buf_clear(&ans->note);
		ct_buf_puts(&ans->note, note);
	}
	*act = A_VERDICT;
	return 0;
}

/* Reads answers until one is an action: one key (and the lines it asks for) on a terminal, one
 * line otherwise. A bad answer is explained on stderr and asked again. -1 at end of input. */
static int ask(struct queue *q, const cJSON *claim, const struct aligned *al, size_t nal, struct answer *ans,
	       enum action *act)
{
	ct_buf line = CT_BUF_INIT;
	int r = -1;
	for (;;) {
		if (q->tty) {
			int key;
			printf("%s[c x u s n ? q]%s ", ct_color(q->ctx, CT_C_CYAN), ct_color(q->ctx, CT_C_RESET));
			fflush(stdout);
			key = read_key();
			if (key < 0 || key == 'q' || key == 0x04) {
				putchar('\n');
				*act = A_QUIT;
				r = key < 0 ? -1 : 0;
				break;
			}
			if (key == '\n' || key == '\r' || key == ' ' || key == 0x1b) {
				putchar('\r');
				continue;
			}
			printf("%c\n", key >= 0x20 && key < 0x7f ? key : '?');
			if (key == '?' || key == 'h') {
				print_help(q);
				continue;
			}
			if (key == 's') {
				*act = A_SKIP;
				r = 0;
				break;
			}
			if (key == 'n') {
				fputs("  note: ", stdout);
				if (read_line(q, &line) < 0)
					break;
				if (ct_review_check_note(line.ptr) < 0) {
					ct_cmd_fail(CT_EINPUT);
					continue;
				}
				ct_buf_clear(&ans->note);
				ct_buf_put(&ans->note, line.ptr, line.len);
				continue;
			}
			if (key != 'c' && key != 'x' && key != 'u') {
				ct_cmd_error(0, "unknown key '%c': c, x, u, s, n, ? or q", key >= 0x20 && key < 0x7f ? key : '?');
				continue;
			}
			ans->verdict = ct_verdict_parse((char[]){ (char)key, '\0' });
			free(ans->ev);
			ans->ev = NULL;
			ans->nev = 0;
			if (key != 'u') {
				printf("  evidence (%s, Enter for none): ", nal ? "numbers or claim ids" : "claim ids");
				if (read_line(q, &line) < 0)
					break;
				if (resolve_words(q, claim, al, nal, line.ptr, ans) < 0) {
					ct_cmd_fail(CT_EINPUT);
					continue;
				}
			}
			if (ans->note.len)
				printf("  note (Enter keeps \"%.40s%s\"): ", ans->note.ptr, ans->note.len > 40 ? "..." : "");
			else
				printf("  note (%s): ", key != 'u' && !ans->nev ? "required without evidence" : "Enter for none");
			if (read_line(q, &line) < 0)
				break;
			if (line.len) {
				if (ct_review_check_note(line.ptr) < 0) {
					ct_cmd_fail(CT_EINPUT);
					continue;
				}
				ct_buf_clear(&ans->note);
				ct_buf_put(&ans->note, line.ptr, line.len);
			}
			if (key != 'u' && !ans->nev && !ans->note.len) {
				ct_cmd_error(0, "a verdict without evidence needs a note saying why there is none");
				continue;
			}
			*act = A_VERDICT;
			r = 0;
			break;
		}
		if (read_line(q, &line) < 0) {
			*act = A_QUIT;
			break;
		}
		if ((r = parse_line(q, claim, al, nal, &line, ans, act)) == 0)
			break;
		if (r < 0)
			ct_cmd_fail(r);
		r = -1;
	}
	ct_buf_release(&line);
	return r;
}

/* ---- the loop ---------------------------------------------------------------------------- */

static int build_queue(struct queue *q, const char *source)
{
	struct ct_claim_filter f = { source, NULL, "active", NULL, 0 };
	int error;
	if ((error = ct_board_load(&q->board, q->ix)) < 0 || (error = ct_index_claims(q->ix, &f, on_claim, q)) < 0)
		return error;
	if (q->n)
		qsort(q->items, q->n, sizeof(*q->items), cmp_item);
	return 0;
}

/* The claim's status once this reviewer's verdict joins the reviews the queue started from. */
static enum ct_status status_with(struct queue *q, const struct item *it, enum ct_verdict v, const char *record_status)
{
	struct ct_tally t;
	ct_board_tally(&q->board, it->id, &t);
	t.n[v]++;
	return ct_claim_status(&q->rule, &t, record_status);
}

int ct_review_queue(struct ct_ctx *ctx, const char *source, const char *reviewer)
{
	struct queue q;
	struct sigaction old_int, old_term, old_cont;
	size_t k, reviewed = 0, skipped = 0;
	cJSON *settings = NULL;
	int r = 0, error, quit = 0;

	memset(&q, 0, sizeof(q));
	q.ctx = ctx;
	if (source && !ct_source_id_valid(source))
		return ct_cmd_error(CT_EXIT_INPUT, "not a source id: '%s'", source);
	if ((error = ct_review_reviewer(ctx, reviewer, &q.who)) < 0 || (error = ct_cmd_index_aligned(ctx, &q.ix)) < 0 ||
	    (error = ct_cmd_settings(ctx, &settings)) < 0 || (error = ct_review_rule_from_desk(settings, &q.rule)) < 0) {
		r = ct_cmd_fail(error);
		goto done;
	}
	if (source && (error = ct_index_get(q.ix, "source", source, NULL, NULL)) < 0) {
		r = error == CT_ENOTFOUND ? ct_cmd_error(CT_EXIT_INPUT, "no source '%s' in this desk", source)
					  : ct_cmd_fail(error);
		goto done;
	}
	if ((error = build_queue(&q, source)) < 0) {
		r = ct_cmd_fail(error);
		goto done;
	}
	printf("%zu claim%s to review for ", q.n, q.n == 1 ? "" : "s");
	put_str(q.who.name);
	fputs(" <", stdout);
	put_str(q.who.email);
	puts(">");
	q.tty = isatty(STDIN_FILENO);
	got_signal = 0;
	if (q.tty && q.n)
		term_setup(&old_int, &old_term, &old_cont);
	for (k = 0; k < q.n && !quit; k++) {
		struct item *it = &q.items[k];
		struct aligned al[ALIGNED_MAX];
		struct answer ans;
		enum action act = A_QUIT;
		size_t nal = 0;
		cJSON *claim = cJSON_Parse(it->record);
		char commit[41];
		sigset_t block, prev;

		if (!claim) {
			r = ct_cmd_error(CT_EXIT_FAIL, "out of memory");
			break;
		}
		memset(&ans, 0, sizeof(ans));
		ans.verdict = -1;
		ct_buf_init(&ans.note);
		if (load_alignments(&q, it->id, al, &nal) < 0)
			nal = 0;
		print_item(&q, k, claim, al, nal);
		if (ask(&q, claim, al, nal, &ans, &act) < 0 || act == A_QUIT) {
			quit = 1;
		} else if (act == A_SKIP) {
			skipped++;
			printf("  skipped %.10s\n", it->id);
		} else {
			/* A signal waits until the commit is written: the ref update is never cut short. */
			sigemptyset(&block);
			sigaddset(&block, SIGINT);
			sigaddset(&block, SIGTERM);
			sigprocmask(SIG_BLOCK, &block, &prev);
			error = ct_review_commit(ctx, q.ix, claim, (enum ct_verdict)ans.verdict, (const char (*)[17])ans.ev,
						 ans.nev, ans.note.len ? ans.note.ptr : NULL, &q.who, commit);
			sigprocmask(SIG_SETMASK, &prev, NULL);
			if (error == CT_EINPUT) {
				/* This claim cannot be judged (changed by its outlet meanwhile): go on. */
				ct_cmd_fail(error);
				skipped++;
			} else if (error < 0) {
				r = ct_cmd_fail(error);
				quit = 1;
			} else {
				reviewed++;
				printf("  %s %.10s: %s (%zu evidence); claim is now %s", *commit ? "reviewed" : "unchanged",
				       it->id, ct_verdict_name((enum ct_verdict)ans.verdict), ans.nev,
				       ct_status_name(status_with(&q, it, (enum ct_verdict)ans.verdict, str_or(claim, "status", NULL))));
				if (*commit)
					printf("; commit %.10s", commit);
				putchar('\n');
			}
		}
		aligned_release(al, nal);
		free(ans.ev);
		ct_buf_release(&ans.note);
		cJSON_Delete(claim);
		if (got_signal)
			quit = 1;
		fflush(stdout);
	}
	if (q.tty && q.n)
		term_teardown(&old_int, &old_term, &old_cont);
	printf("%zu reviewed, %zu skipped, %zu left\n", reviewed, skipped, q.n - reviewed - skipped);
	if (got_signal && !r)
		r = 128 + (int)got_signal;
done:
	for (k = 0; k < q.n; k++)
		free(q.items[k].record);
	free(q.items);
	for (k = 0; k < q.nsrc; k++) {
		free(q.src[k].id);
		free(q.src[k].outlet);
		ct_buf_release(&q.src[k].text);
	}
	free(q.src);
	ct_board_release(&q.board);
	ct_ident_release(&q.who);
	cJSON_Delete(settings);
	return r;
}
