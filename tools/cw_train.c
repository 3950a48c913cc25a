/* Trains the check-worthiness model (logistic regression, AdaGrad, L2, class-weighted) on the
 * public ClaimBuster and CLEF 2019 sets, reports held-out precision/recall/F1, and writes
 * src/extract/cw_model.c; with --eval, scores the held-out parts with the compiled weights.
 * Usage: cw_train DATA_DIR OUT.c | cw_train --eval DATA_DIR */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>

#include "extract/checkworthy.h"
#include "util/buf.h"

#define CB3_FILE "claimbuster/cb_3class_data_small.json"
#define CB2_FILE "claimbuster/cb_2class_kfold_25ncs.json"
#define CLEF_FILE "clef2019/CT19-T1-Training.csv"
#define MAXF 1024
#define MAX_DEBATES 256
#define SEED 20190901u

enum { SET_CB3, SET_CB2, SET_CLEF, NSETS };
static const char *const set_names[NSETS] = { "ClaimBuster 3-class", "ClaimBuster 2-class",
	"CLEF 2019" };

enum { SPLIT_TRAIN, SPLIT_VALID, SPLIT_HELD };

struct example {
	size_t feat;    /* first feature in feats */
	int nf;
	int label;      /* 1 check-worthy */
	int set;
	int split;
	int group;      /* CLEF: the debate, for MAP; else -1 */
	uint32_t text_hash;
};

static struct example *ex;
static size_t nex, capex;
static struct ct_cw_feature *feats;
static size_t nfeats, capfeats;

/* Training settings; the grid searched on the validation part. */
struct params {
	double l2;
	int epochs;
	double balance;  /* check-worthy weight: (negatives / positives) ^ balance, per set */
};
static const double grid_l2[] = { 1e-3, 1e-2, 3e-2 };
static const int grid_epochs[] = { 3, 5, 10 };
static const double grid_balance[] = { 0.25, 0.5, 0.75 };
#define LEARNING_RATE 0.1
#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static void die(const char *what, const char *obj)
{
	fprintf(stderr, "cw_train: %s: '%s'\n", what, obj);
	exit(1);
}

static void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		die("out of memory", "realloc");
	return p;
}

static uint32_t fnv_str(uint32_t h, const char *s)
{
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

/* A seeded, well-mixed hash for splitting: FNV-1a, then a murmur finaliser. */
static uint32_t split_hash(const char *ns, const char *key)
{
	uint32_t h = fnv_str(fnv_str(2166136261u ^ SEED, ns), key);
	h ^= h >> 16;
	h *= 0x85ebca6bu;
	h ^= h >> 13;
	h *= 0xc2b2ae35u;
	h ^= h >> 16;
	return h;
}

/* A fifth held out; of the rest, a tenth validates (threshold and settings). */
static int split_of(uint32_t h)
{
	return h % 5 == 0 ? SPLIT_HELD : (h / 5) % 10 == 0 ? SPLIT_VALID : SPLIT_TRAIN;
}

static struct example *add_example(const char *text, int label, int set, int split, int group)
{
	struct example *e;
	if (nex == capex) {
		capex = capex ? capex * 2 : 8192;
		ex = xrealloc(ex, capex * sizeof(*ex));
	}
	if (capfeats - nfeats < MAXF) {
		capfeats = capfeats ? capfeats * 2 : 1u << 20;
		feats = xrealloc(feats, capfeats * sizeof(*feats));
	}
	e = &ex[nex++];
	e->feat = nfeats;
	e->nf = ct_cw_features(text, strlen(text), feats + nfeats, MAXF);
	nfeats += (size_t)e->nf;
	e->label = label;
	e->set = set;
	e->split = split;
	e->group = group;
	e->text_hash = fnv_str(2166136261u, text);
	return e;
}

static cJSON *read_json(const char *path)
{
	ct_buf b = CT_BUF_INIT;
	cJSON *root;
	if (ct_buf_read_file(&b, path) < 0)
		die(strerror(errno), path);
	root = cJSON_Parse(b.ptr);
	ct_buf_release(&b);
	if (!cJSON_IsArray(root))
		die("not a JSON array of sentences", path);
	return root;
}

/* The integer in a JSON string or number; 0 and *ok = 0 when neither. */
static long json_int(const cJSON *v, int *ok)
{
	char *end;
	long n;
	*ok = 1;
	if (cJSON_IsNumber(v))
		return (long)v->valuedouble;
	if (cJSON_IsString(v)) {
		errno = 0;
		n = strtol(v->valuestring, &end, 10);
		if (!errno && end != v->valuestring && !*end)
			return n;
	}
	*ok = 0;
	return 0;
}

/* The split of a 3-class sentence with this text, so the 2-class copy of a sentence stays on
 * the same side; -1 when the 3-class set lacks it. */
static int cb3_split_of_text(const char *text)
{
	uint32_t h = fnv_str(2166136261u, text);
	size_t i;
	for (i = 0; i < nex; i++)
		if (ex[i].set == SET_CB3 && ex[i].text_hash == h)
			return ex[i].split;
	return -1;
}

/* ClaimBuster: sentence_id, label, text. Split by a hash of the sentence id; in the 2-class file
 * (other ids, many of the same sentences), a sentence the 3-class file holds takes its split. */
static void load_claimbuster(const char *path, int set)
{
	cJSON *root = read_json(path), *it;
	cJSON_ArrayForEach(it, root) {
		const cJSON *t = cJSON_GetObjectItemCaseSensitive(it, "text");
		const cJSON *l = cJSON_GetObjectItemCaseSensitive(it, "label");
		const cJSON *id = cJSON_GetObjectItemCaseSensitive(it, "sentence_id");
		char key[64];
		int ok, okid, split = -1;
		long label = json_int(l, &ok), nid = json_int(id, &okid);
		if (!cJSON_IsString(t) || !ok || !okid)
			die("sentence without text, label or sentence_id", path);
		snprintf(key, sizeof(key), "%ld", nid);
		if (set == SET_CB2)
			split = cb3_split_of_text(t->valuestring);
		if (split < 0)
			split = split_of(split_hash(set == SET_CB3 ? "cb3:" : "cb2:", key));
		add_example(t->valuestring, label == 1, set, split, -1);
	}
	cJSON_Delete(root);
}

/* One RFC 4180 field at *p, unquoted in place; advances *p past its separator. */
static char *csv_field(char **p)
{
	char *s = *p, *out = s, *w = s;
	if (*s == '"') {
		for (s++; *s; ) {
			if (s[0] == '"' && s[1] == '"') {
				*w++ = '"';
				s += 2;
			} else if (*s == '"') {
				s++;
				break;
			} else {
				*w++ = *s++;
			}
		}
		while (*s && *s != ',')
			s++;
	} else {
		while (*s && *s != ',')
			s++;
		w = s;
	}
	if (*s)
		s++;
	*w = '\0';
	*p = s;
	return out;
}

static char debates[MAX_DEBATES][128];
static int ndebates;

static int debate_index(const char *name, const char *path)
{
	int d;
	for (d = 0; d < ndebates; d++)
		if (!strcmp(debates[d], name))
			return d;
	if (ndebates == MAX_DEBATES || strlen(name) >= sizeof(debates[0]))
		die("too many debates, or a debate name too long", path);
	snprintf(debates[ndebates], sizeof(debates[0]), "%s", name);
	return ndebates++;
}

static int cmp_debate_order(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	uint32_t hx = split_hash("clef:", debates[x]), hy = split_hash("clef:", debates[y]);
	return hx != hy ? (hx < hy ? -1 : 1) : strcmp(debates[x], debates[y]);
}

/* CLEF 2019: a header naming text, label and file_name (the debate). Whole debates are held out
 * (a fifth of them, in a seeded order) and whole debates validate (a tenth of the rest). */
static void load_clef(const char *path)
{
	ct_buf b = CT_BUF_INIT;
	char *line, *next, *p;
	int col_text = -1, col_label = -1, col_file = -1, first = 1, order[MAX_DEBATES], split[MAX_DEBATES];
	int d, nheld, nvalid;
	size_t start = nex, i;

	if (ct_buf_read_file(&b, path) < 0)
		die(strerror(errno), path);
	for (line = b.ptr; line && *line; line = next) {
		char *f[16];
		int k, nf, inq = 0;
		long label;
		char *end;
		for (p = line; *p && (inq || *p != '\n'); p++)
			if (*p == '"')
				inq = !inq;
		next = *p ? p + 1 : NULL;
		*p = '\0';
		if (p > line && p[-1] == '\r')
			p[-1] = '\0';
		if (!*line)
			continue;
		for (p = line, nf = 0; nf < 16 && (nf == 0 || *p); nf++)
			f[nf] = csv_field(&p);
		if (first) {
			for (k = 0; k < nf; k++) {
				if (!strcmp(f[k], "text"))
					col_text = k;
				else if (!strcmp(f[k], "label"))
					col_label = k;
				else if (!strcmp(f[k], "file_name"))
					col_file = k;
			}
			if (col_text < 0 || col_label < 0 || col_file < 0)
				die("no text, label and file_name columns", path);
			first = 0;
			continue;
		}
		if (nf <= col_text || nf <= col_label || nf <= col_file)
			die("short line", path);
		errno = 0;
		label = strtol(f[col_label], &end, 10);
		if (errno || end == f[col_label] || *end || (label != 0 && label != 1))
			die("label not 0 or 1", f[col_label]);
		add_example(f[col_text], (int)label, SET_CLEF, SPLIT_TRAIN, debate_index(f[col_file], path));
	}
	ct_buf_release(&b);

	for (d = 0; d < ndebates; d++)
		order[d] = d;
	qsort(order, (size_t)ndebates, sizeof(order[0]), cmp_debate_order);
	nheld = (ndebates + 4) / 5;
	nvalid = (ndebates - nheld + 9) / 10;
	for (d = 0; d < ndebates; d++)
		split[order[d]] = d < nheld ? SPLIT_HELD : d < nheld + nvalid ? SPLIT_VALID : SPLIT_TRAIN;
	for (i = start; i < nex; i++)
		ex[i].split = split[ex[i].group];
}

static double score_of(const struct example *e, const float *w, double bias)
{
	const struct ct_cw_feature *f = feats + e->feat;
	double z = bias;
	int i;
	for (i = 0; i < e->nf; i++)
		z += (double)w[f[i].index] * f[i].value;
	return 1.0 / (1.0 + exp(-z));
}

/* AdaGrad on the log loss, each set's check-worthy sentences weighed up to balance its others,
 * L2 applied to the weights an example touches; a seeded shuffle each epoch. */
static void train(const struct params *pa, float *w, double *bias)
{
	double *g2 = calloc(CT_CW_DIM + 1, sizeof(double)), pos_weight[NSETS];
	size_t *order = malloc((nex ? nex : 1) * sizeof(size_t)), i, n = 0, pos[NSETS] = { 0 },
	       neg[NSETS] = { 0 };
	uint64_t rng = 0x9E3779B97F4A7C15ull ^ SEED;
	int epoch, s;

	if (!g2 || !order)
		die("out of memory", "train");
	memset(w, 0, CT_CW_DIM * sizeof(*w));
	*bias = 0;
	for (i = 0; i < nex; i++) {
		if (ex[i].split != SPLIT_TRAIN)
			continue;
		order[n++] = i;
		ex[i].label ? pos[ex[i].set]++ : neg[ex[i].set]++;
	}
	for (s = 0; s < NSETS; s++)
		pos_weight[s] = pos[s] ? pow((double)neg[s] / (double)pos[s], pa->balance) : 1.0;
	for (epoch = 0; epoch < pa->epochs; epoch++) {
		for (i = n; i > 1; i--) {  /* Fisher-Yates with xorshift64 */
			size_t j, t;
			rng ^= rng << 13;
			rng ^= rng >> 7;
			rng ^= rng << 17;
			j = (size_t)(rng % i);
			t = order[i - 1];
			order[i - 1] = order[j];
			order[j] = t;
		}
		for (i = 0; i < n; i++) {
			const struct example *e = &ex[order[i]];
			const struct ct_cw_feature *f = feats + e->feat;
			double p = score_of(e, w, *bias);
			double gw = (e->label ? pos_weight[e->set] : 1.0) * (p - e->label);
			int k;
			for (k = 0; k < e->nf; k++) {
				unsigned j = f[k].index;
				double g = gw * f[k].value + pa->l2 * w[j];
				g2[j] += g * g;
				w[j] -= (float)(LEARNING_RATE * g / (sqrt(g2[j]) + 1e-8));
			}
			g2[CT_CW_DIM] += gw * gw;
			*bias -= LEARNING_RATE * gw / (sqrt(g2[CT_CW_DIM]) + 1e-8);
		}
	}
	free(g2);
	free(order);
}

struct prf {
	double p, r, f1;
	size_t n, pos;
};

static struct prf prf_of(size_t tp, size_t fp, size_t fn, size_t n)
{
	struct prf m;
	m.n = n;
	m.pos = tp + fn;
	m.p = tp + fp ? (double)tp / (double)(tp + fp) : 0;
	m.r = tp + fn ? (double)tp / (double)(tp + fn) : 0;
	m.f1 = m.p + m.r > 0 ? 2 * m.p * m.r / (m.p + m.r) : 0;
	return m;
}

/* Precision, recall and F1 of the check-worthy class on one split of one set. */
static struct prf evaluate(const double *scores, double thr, int split, int set)
{
	size_t i, tp = 0, fp = 0, fn = 0, n = 0;
	for (i = 0; i < nex; i++) {
		int pred;
		if (ex[i].split != split || ex[i].set != set)
			continue;
		n++;
		pred = scores[i] > thr;
		tp += pred && ex[i].label;
		fp += pred && !ex[i].label;
		fn += !pred && ex[i].label;
	}
	return prf_of(tp, fp, fn, n);
}

static const double *sort_scores;
static int cmp_desc(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	double sx = sort_scores[x], sy = sort_scores[y];
	return sx < sy ? 1 : sx > sy ? -1 : x < y ? -1 : x > y;  /* ties in file order */
}

/* Mean over the held-out CLEF debates of the average precision of the ranking by score. */
static double clef_map(const double *scores, int *ndeb_out)
{
	size_t *idx = malloc((nex ? nex : 1) * sizeof(size_t)), i, n;
	double sum = 0;
	int d, ndeb = 0;
	if (!idx)
		die("out of memory", "map");
	sort_scores = scores;
	for (d = 0; d < ndebates; d++) {
		size_t hits = 0;
		double ap = 0;
		for (n = 0, i = 0; i < nex; i++)
			if (ex[i].set == SET_CLEF && ex[i].split == SPLIT_HELD && ex[i].group == d)
				idx[n++] = i;
		if (!n)
			continue;
		qsort(idx, n, sizeof(*idx), cmp_desc);
		for (i = 0; i < n; i++)
			if (ex[idx[i]].label)
				ap += (double)++hits / (double)(i + 1);
		sum += hits ? ap / (double)hits : 0;
		ndeb++;
	}
	free(idx);
	*ndeb_out = ndeb;
	return ndeb ? sum / ndeb : 0;
}

static double *score_all(const float *w, double bias)
{
	double *s = malloc((nex ? nex : 1) * sizeof(double));
	size_t i;
	if (!s)
		die("out of memory", "scores");
	for (i = 0; i < nex; i++)
		s[i] = score_of(&ex[i], w, bias);
	return s;
}

/* The mean over the sets of the validation F1 at thr: each set counts alike, though their rates
 * of check-worthy sentences differ tenfold. */
static double valid_f1(const double *scores, double thr)
{
	double sum = 0;
	int s;
	for (s = 0; s < NSETS; s++)
		sum += evaluate(scores, thr, SPLIT_VALID, s).f1;
	return sum / NSETS;
}

/* The threshold (a multiple of 0.005) maximising valid_f1; the lowest of equals. */
static double best_threshold(const double *scores, double *f1_out)
{
	double best = 0.5, best_f1 = -1;
	int k;
	for (k = 1; k < 200; k++) {
		/* As a float, as the generated file holds it. */
		double thr = (float)(k / 200.0), f1 = valid_f1(scores, thr);
		if (f1 > best_f1) {
			best_f1 = f1;
			best = thr;
		}
	}
	*f1_out = best_f1;
	return best;
}

/* The held-out figures, one line per set (the same lines for train and --eval). */
static void report(ct_buf *out, const float *w, double bias, double thr)
{
	double *scores = score_all(w, bias), map;
	int s, ndeb;
	ct_buf_printf(out, "threshold %.3f\n", thr);
	for (s = 0; s < NSETS; s++) {
		struct prf m = evaluate(scores, thr, SPLIT_HELD, s);
		ct_buf_printf(out, "%s held out: %zu sentences, %zu check-worthy: precision %.3f recall %.3f F1 %.3f\n",
			      set_names[s], m.n, m.pos, m.p, m.r, m.f1);
	}
	map = clef_map(scores, &ndeb);
	ct_buf_printf(out, "CLEF 2019 held out, %d whole debates: mean average precision %.3f\n", ndeb, map);
	free(scores);
}

static void load_all(const char *dir)
{
	char path[4096];
	snprintf(path, sizeof(path), "%s/%s", dir, CB3_FILE);
	load_claimbuster(path, SET_CB3);
	snprintf(path, sizeof(path), "%s/%s", dir, CB2_FILE);
	load_claimbuster(path, SET_CB2);
	snprintf(path, sizeof(path), "%s/%s", dir, CLEF_FILE);
	load_clef(path);
}

/* Rounds to the printed form, so the trainer reports what the generated file will hold. */
static float round6(double v)
{
	char s[32];
	snprintf(s, sizeof(s), "%.6g", v);
	return strtof(s, NULL);
}

static void counts_line(ct_buf *out)
{
	size_t n[NSETS][3] = { { 0 } }, i;
	int s;
	for (i = 0; i < nex; i++)
		n[ex[i].set][ex[i].split]++;
	for (s = 0; s < NSETS; s++)
		ct_buf_printf(out, "%s: %zu train, %zu validation, %zu held out\n", set_names[s],
			      n[s][SPLIT_TRAIN], n[s][SPLIT_VALID], n[s][SPLIT_HELD]);
}

/* v as a C float constant that reads back exactly as round6 made it: "%.6g", a point, "f". */
static const char *c_float(char *buf, size_t size, double v)
{
	int n = snprintf(buf, size, "%.6g", v);
	if (n > 0 && (size_t)n + 2 < size && !strpbrk(buf, ".en")) {
		buf[n++] = '.';
		buf[n] = '\0';
	}
	if (n > 0 && (size_t)n + 1 < size && !strpbrk(buf, "n")) {
		buf[n++] = 'f';
		buf[n] = '\0';
	}
	return buf;
}

/* Writes the model as C: the figures in a comment, then the table (positional: no entry skipped). */
static void write_model(const char *path, const ct_buf *comment, const float *w, double bias, double thr)
{
	FILE *out = fopen(path, "w");
	const char *p;
	char num[40];
	unsigned i;
	if (!out)
		die(strerror(errno), path);
	fprintf(out, "/* Check-worthiness weights, generated by tools/cw_train.c; do not edit.\n"
		     " * Regenerate with `make train-checkworthy`, which runs\n"
		     " *   build/tools/cw_train ../shared/data src/extract/cw_model.c\n"
		     " * on public data (never copied here): %s,\n * %s, %s.\n *\n",
		CB3_FILE, CB2_FILE, CLEF_FILE);
	for (p = comment->ptr; *p; ) {
		const char *nl = strchr(p, '\n');
		int n = nl ? (int)(nl - p) : (int)strlen(p);
		fprintf(out, " * %.*s\n", n, p);
		p += n + (nl != NULL);
	}
	fprintf(out, " */\n#include \"extract/checkworthy.h\"\n\n");
	fprintf(out, "const float ct_cw_bias = %s;\n", c_float(num, sizeof(num), bias));
	fprintf(out, "const float ct_cw_threshold = %.3ff;\n\n", thr);
	fprintf(out, "/* %u hashed buckets, then the dense features in the order of checkworthy.h. */\n",
		CT_CW_BUCKETS);
	fprintf(out, "const float ct_cw_weights[CT_CW_DIM] = {\n");
	for (i = 0; i < CT_CW_DIM; i++)
		fprintf(out, "%s%s%s", i % 8 == 0 ? "\t" : "", c_float(num, sizeof(num), w[i]),
			i + 1 == CT_CW_DIM ? "\n" : i % 8 == 7 ? ",\n" : ", ");
	fprintf(out, "};\n");
	if (ferror(out) | fclose(out))
		die("cannot write", path);
}

int main(int argc, char **argv)
{
	float *w, *best_w;
	double bias = 0, best_bias = 0, thr, f1, best_f1 = -1, best_thr = 0.5, *scores;
	struct params best = { 0, 0, 0 };
	ct_buf log = CT_BUF_INIT;
	size_t a, b, c;
	unsigned i;

	if (argc == 3 && !strcmp(argv[1], "--eval")) {
		load_all(argv[2]);
		report(&log, ct_cw_weights, ct_cw_bias, ct_cw_threshold);
		printf("shipped weights (src/extract/cw_model.c), %s", log.ptr);
		ct_buf_release(&log);
		return 0;
	}
	if (argc != 3 || argv[1][0] == '-') {
		fprintf(stderr, "usage: cw_train DATA_DIR OUT.c | cw_train --eval DATA_DIR\n");
		return 2;
	}
	load_all(argv[1]);
	w = malloc(CT_CW_DIM * sizeof(float));
	best_w = malloc(CT_CW_DIM * sizeof(float));
	if (!w || !best_w)
		die("out of memory", "weights");
	/* The settings and threshold with the best mean validation F1; held-out data plays no part. */
	for (a = 0; a < NELEM(grid_l2); a++) {
		for (b = 0; b < NELEM(grid_epochs); b++) {
			for (c = 0; c < NELEM(grid_balance); c++) {
				struct params pa;
				pa.l2 = grid_l2[a];
				pa.epochs = grid_epochs[b];
				pa.balance = grid_balance[c];
				train(&pa, w, &bias);
				for (i = 0; i < CT_CW_DIM; i++)
					w[i] = round6(w[i]);
				bias = round6(bias);
				scores = score_all(w, bias);
				thr = best_threshold(scores, &f1);
				free(scores);
				fprintf(stderr, "cw_train: L2 %g, %d epochs, balance %g: validation mean F1 %.3f at %.3f\n",
					pa.l2, pa.epochs, pa.balance, f1, thr);
				if (f1 > best_f1) {
					best_f1 = f1;
					best_thr = thr;
					best = pa;
					best_bias = bias;
					memcpy(best_w, w, CT_CW_DIM * sizeof(float));
				}
			}
		}
	}
	counts_line(&log);
	ct_buf_printf(&log, "logistic regression, AdaGrad (rate %g), L2 %g, %d epochs, check-worthy weight (negatives/positives)^%g per set\n",
		      LEARNING_RATE, best.l2, best.epochs, best.balance);
	ct_buf_printf(&log, "validation mean F1 %.3f\n", best_f1);
	ct_buf_printf(&log, "held-out figures (as make eval-checkworthy prints them):\n");
	report(&log, best_w, best_bias, best_thr);
	if (ct_buf_oom(&log) < 0)
		die("out of memory", "log");
	fputs(log.ptr, stdout);
	write_model(argv[2], &log, best_w, best_bias, best_thr);
	ct_buf_release(&log);
	free(w);
	free(best_w);
	return 0;
}
