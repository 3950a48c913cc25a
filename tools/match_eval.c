/* The pair scorer (ct_compare) on the Microsoft Research Paraphrase Corpus: accuracy and F1 of
 * "same fact" (score >= CT_COMPARE_SAME) on a deterministic 80/20 split of the train file. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libstemmer.h>

#include "align/compare.h"
#include "util/buf.h"
#include "util/err.h"

struct pair {
	int label;
	int held;          /* 1: in the held-out fifth */
	const char *a, *b;
	double score;
};

struct counts {
	size_t tp, fp, tn, fn;
};

/* A pair is held out when FNV-1a of "id1-id2" is 0 modulo 5: stable across runs and machines. */
static int held_out(const char *id1, const char *id2)
{
	uint32_t h = 2166136261u;
	const char *p;
	for (p = id1; *p; p++)
		h = (h ^ (unsigned char)*p) * 16777619u;
	h = (h ^ '-') * 16777619u;
	for (p = id2; *p; p++)
		h = (h ^ (unsigned char)*p) * 16777619u;
	return h % 5 == 0;
}

/* Splits the file in place into pairs: "label TAB id1 TAB id2 TAB text1 TAB text2" per line. */
static size_t parse(char *text, struct pair **out)
{
	size_t n = 0, cap = 0;
	char *line = text, *next;
	struct pair *v = NULL;
	if (!strncmp(line, "\xef\xbb\xbf", 3))
		line += 3;
	for (; *line; line = next) {
		char *f[5];
		int k;
		next = strchr(line, '\n');
		next = next ? (*next = '\0', next + 1) : line + strlen(line);
		if (next > line + 1 && next[-2] == '\r')
			next[-2] = '\0';
		for (k = 0, f[0] = line; k < 4 && f[k]; k++) {
			char *tab = strchr(f[k], '\t');
			f[k + 1] = tab ? (*tab = '\0', tab + 1) : NULL;
		}
		if (k < 4 || !f[4] || (f[0][0] != '0' && f[0][0] != '1') || f[0][1])
			continue;   /* the header, or a malformed line */
		if (n == cap) {
			struct pair *w = realloc(v, (cap = cap ? cap * 2 : 1024) * sizeof(*v));
			if (!w) {
				free(v);
				*out = NULL;
				return 0;
			}
			v = w;
		}
		v[n].label = f[0][0] == '1';
		v[n].held = held_out(f[1], f[2]);
		v[n].a = f[3];
		v[n].b = f[4];
		n++;
	}
	*out = v;
	return n;
}

static void count(struct counts *c, const struct pair *p, double threshold)
{
	int said = p->score >= threshold;
	if (said && p->label)
		c->tp++;
	else if (said)
		c->fp++;
	else if (p->label)
		c->fn++;
	else
		c->tn++;
}

static void report(const char *name, const struct counts *c)
{
	size_t n = c->tp + c->fp + c->tn + c->fn;
	double p = c->tp + c->fp ? (double)c->tp / (double)(c->tp + c->fp) : 0;
	double r = c->tp + c->fn ? (double)c->tp / (double)(c->tp + c->fn) : 0;
	printf("%-28s pairs %4zu  accuracy %.3f  precision %.3f  recall %.3f  F1 %.3f\n", name, n,
	       n ? (double)(c->tp + c->tn) / (double)n : 0, p, r, p + r > 0 ? 2 * p * r / (p + r) : 0);
}

int main(int argc, char **argv)
{
	ct_buf text = CT_BUF_INIT;
	struct sb_stemmer *stemmer = NULL;
	struct pair *pairs = NULL;
	struct counts tune = { 0 }, held = { 0 }, all = { 0 };
	const char *path = NULL, *dump = NULL;
	size_t n, i, repeat = 1, r;
	int sweep = 0, rc = 1, argi;

	for (argi = 1; argi < argc; argi++) {
		if (!strcmp(argv[argi], "--sweep"))
			sweep = 1;
		else if (!strcmp(argv[argi], "--dump") && argi + 1 < argc)
			dump = argv[++argi];
		else if (!strcmp(argv[argi], "--repeat") && argi + 1 < argc)
			repeat = strtoul(argv[++argi], NULL, 10);
		else if (argv[argi][0] != '-' && !path)
			path = argv[argi];
		else {
			fprintf(stderr, "usage: match_eval [--sweep] [--dump FILE] [--repeat N] MRPC_TRAIN_FILE\n");
			return 2;
		}
	}
	if (!path) {
		fprintf(stderr, "usage: match_eval [--sweep] [--dump FILE] [--repeat N] MRPC_TRAIN_FILE\n");
		return 2;
	}
	if (ct_buf_read_file(&text, path) < 0) {
		fprintf(stderr, "claimtrack: cannot read the MRPC file: '%s': %s\n", path, strerror(errno));
		goto done;
	}
	if (!(n = parse(text.ptr, &pairs))) {
		fprintf(stderr, "claimtrack: no sentence pairs in: '%s'\n", path);
		goto done;
	}
	if (!(stemmer = sb_stemmer_new("english", "UTF_8"))) {
		fprintf(stderr, "claimtrack: cannot create the English stemmer\n");
		goto done;
	}
	for (r = 0; r < repeat; r++)
		for (i = 0; i < n; i++) {
			struct ct_comparison c;
			if (ct_compare(stemmer, pairs[i].a, strlen(pairs[i].a), NULL, pairs[i].b, strlen(pairs[i].b), NULL,
				       &c) < 0) {
				fprintf(stderr, "claimtrack: %s\n", ct_error_last());
				goto done;
			}
			pairs[i].score = c.score;
		}
	for (i = 0; i < n; i++) {
		count(pairs[i].held ? &held : &tune, &pairs[i], CT_COMPARE_SAME);
		count(&all, &pairs[i], CT_COMPARE_SAME);
	}
	printf("MRPC train file, score >= %.2f is \"same fact\" (threshold CT_COMPARE_SAME)\n", CT_COMPARE_SAME);
	report("tuning part (80%)", &tune);
	report("held-out part (20%)", &held);
	report("whole file (tuned on 80%)", &all);
	if (sweep) {
		/* The threshold that would maximise accuracy on the tuning part, for tuning only. */
		double best = 0, best_t = 0, t;
		for (t = 0.20; t < 0.80; t += 0.01) {
			struct counts c = { 0 };
			double acc;
			for (i = 0; i < n; i++)
				if (!pairs[i].held)
					count(&c, &pairs[i], t);
			acc = (double)(c.tp + c.tn) / (double)(c.tp + c.tn + c.fp + c.fn);
			if (acc > best) {
				best = acc;
				best_t = t;
			}
		}
		printf("best threshold on the tuning part: %.2f (accuracy %.3f)\n", best_t, best);
	}
	if (dump) {
		FILE *f = fopen(dump, "w");
		if (!f) {
			fprintf(stderr, "claimtrack: cannot write: '%s'\n", dump);
			goto done;
		}
		for (i = 0; i < n; i++)
			fprintf(f, "%d\t%d\t%.3f\t%s\t%s\n", pairs[i].label, pairs[i].held, pairs[i].score, pairs[i].a,
				pairs[i].b);
		fclose(f);
	}
	rc = 0;
done:
	if (stemmer)
		sb_stemmer_delete(stemmer);
	free(pairs);
	ct_buf_release(&text);
	return rc;
}
