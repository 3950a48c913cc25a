/* Trains the check-worthiness model (logistic regression, AdaGrad, L2, class-weighted) on the
 * public ClaimBuster and CLEF 2019 sets, reports held-out precision/recall/F1, and writes
 * src/extract/cw_model.c. With --eval, scores the held-out parts with the compiled weights.
 * Usage: cw_train DATA_DIR OUT.c | cw_train --eval DATA_DIR */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>

#include "extract/checkworthy.h"
#include "util/buf.h"

#define MAXF 512

struct example {
	struct ct_cw_feature f[MAXF];
	int nf;
	int label;
	int set;        /* 0 ClaimBuster, 1 CLEF */
	int split;      /* 0 train, 1 validation (threshold), 2 held out */
	int debate;     /* CLEF: debate number, for MAP */
};

static struct example *ex;
static size_t nex, capex;

static uint32_t hash_str(const char *s)
{
	uint32_t h = 2166136261u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

static void add_example(const char *text, int label, int set, uint32_t split_key, int debate)
{
	struct example *e;
	if (nex == capex) {
		capex = capex ? capex * 2 : 4096;
		ex = realloc(ex, capex * sizeof(*ex));
		if (!ex) {
			fprintf(stderr, "cw_train: out of memory\n");
			exit(1);
		}
	}
	e = &ex[nex++];
	e->nf = ct_cw_features(text, strlen(text), e->f, MAXF);
	e->label = label;
	e->set = set;
	e->debate = debate;
	/* A fifth held out; of the rest, a tenth for choosing the threshold. */
	e->split = split_key % 5 == 0 ? 2 : (split_key / 5) % 10 == 0 ? 1 : 0;
}

/* ClaimBuster: label 1 (or "1") is check-worthy; split by a hash of the text, so a sentence
 * present in both files lands on the same side. */
static int load_claimbuster(const char *path, int seen_only_once)
{
	ct_buf b = CT_BUF_INIT;
	cJSON *root, *it;
	int n = 0;
	(void)seen_only_once;
	if (ct_buf_read_file(&b, path) < 0 || !(root = cJSON_Parse(b.ptr))) {
		fprintf(stderr, "cw_train: cannot read '%s'\n", path);
		exit(1);
	}
	cJSON_ArrayForEach(it, root) {
		const cJSON *t = cJSON_GetObjectItem(it, "text"), *l = cJSON_GetObjectItem(it, "label");
		int label;
		if (!cJSON_IsString(t))
			continue;
		label = cJSON_IsString(l) ? (int)strtol(l->valuestring, NULL, 10) : cJSON_IsNumber(l) ? l->valueint : 0;
		add_example(t->valuestring, label == 1, 0, hash_str(t->valuestring), -1);
		n++;
	}
	cJSON_Delete(root);
	ct_buf_release(&b);
	return n;
}

/* One CSV field starting at *p (RFC 4180 quoting); advances *p past the separator. */
static char *csv_field(char **p)
{
	char *s = *p, *out = s, *w = s;
	if (*s == '"') {
		s++;
		for (;;) {
			if (*s == '"' && s[1] == '"') {
				*w++ = '"';
				s += 2;
			} else if (*s == '"') {
				s++;
				break;
			} else if (!*s) {
				break;
			} else {
				*w++ = *s++;
			}
		}
		*w = '\0';
		if (*s == ',')
			s++;
		*p = s;
		return out;
	}
	while (*s && *s != ',' && *s != '\n')
		s++;
	if (*s)
		*s++ = '\0';
	*p = s;
	return out;
}

/* CLEF 2019: line_number,speaker,text,label,file_name; whole debates are held out. */
static int load_clef(const char *path)
{
	ct_buf b = CT_BUF_INIT;
	char *p, *line, *next;
	char debates[64][64];
	int ndeb = 0, n = 0, first = 1;
	if (ct_buf_read_file(&b, path) < 0) {
		fprintf(stderr, "cw_train: cannot read '%s'\n", path);
		exit(1);
	}
	for (line = b.ptr; line && *line; line = next) {
		char *f[5];
		int k, d;
		/* A record ends at a newline outside quotes. */
		int inq = 0;
		for (p = line; *p && (inq || *p != '\n'); p++)
			if (*p == '"')
				inq = !inq;
		next = *p ? p + 1 : NULL;
		*p = '\0';
		if (first) {
			first = 0;
			continue;
		}
		p = line;
		for (k = 0; k < 5; k++)
			f[k] = csv_field(&p);
		for (d = 0; d < ndeb && strcmp(debates[d], f[4]); d++)
			;
		if (d == ndeb && ndeb < 64)
			snprintf(debates[ndeb++], sizeof(debates[0]), "%s", f[4]);
		add_example(f[2], strtol(f[3], NULL, 10) == 1, 1, hash_str(f[4]) * 2654435761u >> 3, d);
		n++;
	}
	ct_buf_release(&b);
	return n;
}

static double score_of(const struct example *e, const float *w, float bias)
{
	double z = bias;
	int i;
	for (i = 0; i < e->nf; i++)
		z += w[e->f[i].index] * e->f[i].value;
	return 1.0 / (1.0 + exp(-z));
}

static void train(float *w, float *bias)
{
	double *g2 = calloc(CT_CW_DIM + 1, sizeof(double));
	size_t *order = malloc(nex * sizeof(size_t)), i, pos = 0, neg = 0;
	uint64_t rng = 88172645463325252ull;
	double pos_weight, lr = 0.05, l2 = 1e-5;
	int epoch;

	for (i = 0; i < nex; i++)
		if (ex[i].split == 0)
			ex[i].label ? pos++ : neg++;
	/* Check-worthy sentences are the minority: weigh them up, halfway to balance. */
	pos_weight = (double)neg / (double)(pos ? pos : 1);
	for (epoch = 0; epoch < 12; epoch++) {
		size_t n = 0;
		for (i = 0; i < nex; i++)
			if (ex[i].split == 0)
				order[n++] = i;
		for (i = n; i > 1; i--) {  /* Fisher-Yates with xorshift: deterministic */
			size_t j;
			rng ^= rng << 13;
			rng ^= rng >> 7;
			rng ^= rng << 17;
			j = (size_t)(rng % i);
			size_t t = order[i - 1];
			order[i - 1] = order[j];
			order[j] = t;
		}
		for (i = 0; i < n; i++) {
			const struct example *e = &ex[order[i]];
			double p = score_of(e, w, *bias), gw = (e->label ? pos_weight : 1.0) * (p - e->label);
			int k;
			for (k = 0; k < e->nf; k++) {
				unsigned j = e->f[k].index;
				double g = gw * e->f[k].value + l2 * w[j];
				g2[j] += g * g;
				w[j] -= (float)(lr * g / (sqrt(g2[j]) + 1e-8));
			}
			g2[CT_CW_DIM] += gw * gw;
			*bias -= (float)(lr * gw / (sqrt(g2[CT_CW_DIM]) + 1e-8));
		}
	}
	free(g2);
	free(order);
}

struct prf {
	double p, r, f1;
	size_t n, pos;
};

static struct prf evaluate(const float *w, float bias, double thr, int split, int set)
{
	size_t i, tp = 0, fp = 0, fn = 0;
	struct prf m = { 0, 0, 0, 0, 0 };
	for (i = 0; i < nex; i++) {
		int pred;
		if (ex[i].split != split || (set >= 0 && ex[i].set != set))
			continue;
		m.n++;
		m.pos += (size_t)ex[i].label;
		pred = score_of(&ex[i], w, bias) >= thr;
		tp += pred && ex[i].label;
		fp += pred && !ex[i].label;
		fn += !pred && ex[i].label;
	}
	m.p = tp + fp ? (double)tp / (double)(tp + fp) : 0;
	m.r = tp + fn ? (double)tp / (double)(tp + fn) : 0;
	m.f1 = m.p + m.r > 0 ? 2 * m.p * m.r / (m.p + m.r) : 0;
	return m;
}

static double *map_scores;
static int cmp_desc(const void *a, const void *b)
{
	double x = map_scores[*(const size_t *)a], y = map_scores[*(const size_t *)b];
	return x < y ? 1 : x > y ? -1 : 0;
}

/* Mean over held-out CLEF debates of the average precision of the ranking by score. */
static double clef_map(const float *w, float bias)
{
	size_t *idx = malloc(nex * sizeof(size_t)), i, n;
	double sum = 0;
	int d, ndeb = 0;
	map_scores = malloc(nex * sizeof(double));
	for (i = 0; i < nex; i++)
		map_scores[i] = score_of(&ex[i], w, bias);
	for (d = 0; d < 64; d++) {
		size_t hits = 0;
		double ap = 0;
		for (n = 0, i = 0; i < nex; i++)
			if (ex[i].set == 1 && ex[i].split == 2 && ex[i].debate == d)
				idx[n++] = i;
		if (!n)
			continue;
		qsort(idx, n, sizeof(*idx), cmp_desc);
		for (i = 0; i < n; i++)
			if (ex[idx[i]].label)
				ap += (double)++hits / (double)(i + 1);
		if (hits) {
			sum += ap / (double)hits;
			ndeb++;
		}
	}
	free(idx);
	free(map_scores);
	return ndeb ? sum / ndeb : 0;
}

static void report(const char *what, const float *w, float bias, double thr)
{
	struct prf cb = evaluate(w, bias, thr, 2, 0), cl = evaluate(w, bias, thr, 2, 1);
	printf("%s, threshold %.3f\n", what, thr);
	printf("  ClaimBuster held out: %zu sentences, %zu check-worthy: precision %.3f recall %.3f F1 %.3f\n",
	       cb.n, cb.pos, cb.p, cb.r, cb.f1);
	printf("  CLEF 2019 held-out debates: %zu sentences, %zu check-worthy: precision %.3f recall %.3f F1 %.3f, MAP %.3f\n",
	       cl.n, cl.pos, cl.p, cl.r, cl.f1, clef_map(w, bias));
}

static void load_all(const char *dir)
{
	char path[4096];
	snprintf(path, sizeof(path), "%s/claimbuster/cb_3class_data_small.json", dir);
	load_claimbuster(path, 1);
	snprintf(path, sizeof(path), "%s/clef2019/CT19-T1-Training.csv", dir);
	load_clef(path);
}

int main(int argc, char **argv)
{
	float *w;
	float bias = 0;
	double best_thr = 0.5, best_f1 = -1, thr;
	FILE *out;
	unsigned i;

	if (argc == 3 && !strcmp(argv[1], "--eval")) {
		load_all(argv[2]);
		report("shipped weights (src/extract/cw_model.c)", ct_cw_weights, ct_cw_bias, ct_cw_threshold);
		return 0;
	}
	if (argc != 3) {
		fprintf(stderr, "usage: cw_train DATA_DIR OUT.c | cw_train --eval DATA_DIR\n");
		return 2;
	}
	load_all(argv[1]);
	w = calloc(CT_CW_DIM, sizeof(float));
	train(w, &bias);
	/* The threshold maximising F1 on the validation part of the training data. */
	for (thr = 0.05; thr < 0.951; thr += 0.01) {
		struct prf v = evaluate(w, bias, thr, 1, -1);
		if (v.f1 > best_f1) {
			best_f1 = v.f1;
			best_thr = thr;
		}
	}
	report("trained", w, bias, best_thr);
	out = fopen(argv[2], "w");
	if (!out) {
		fprintf(stderr, "cw_train: cannot write '%s'\n", argv[2]);
		return 1;
	}
	fprintf(out, "/* Generated by tools/cw_train.c (make train-checkworthy) from ClaimBuster\n"
		     " * (cb_3class_data_small.json) and CLEF 2019 (CT19-T1-Training.csv); do not edit.\n"
		     " * %zu sentences; logistic regression, AdaGrad, 12 epochs, L2 1e-5. */\n", nex);
	fprintf(out, "#include \"extract/checkworthy.h\"\n\n");
	fprintf(out, "const float ct_cw_bias = %.6gf;\nconst float ct_cw_threshold = %.3ff;\n\n", bias, best_thr);
	fprintf(out, "const float ct_cw_weights[CT_CW_DIM] = {\n");
	for (i = 0; i < CT_CW_DIM; i++)
		fprintf(out, "%s%.4g%s", i % 10 == 0 ? "\t" : "", w[i], i + 1 == CT_CW_DIM ? "\n" : i % 10 == 9 ? ",\n" : ", ");
	fprintf(out, "};\n");
	fclose(out);
	free(w);
	return 0;
}
