/* Matcher speed (make bench-match): synthetic claims at several sizes, each size matched in a
 * child process so its peak RSS is its own; prints one JSON object per size and the growth
 * exponent (least-squares slope of log time over log claims).
 *
 * The claims imitate news coverage: stories of STORY_SOURCES sources each telling the same
 * STORY_FACTS facts in their own words (words dropped and reordered, one figure in twenty
 * changed), over a vocabulary of invented words drawn with Zipf frequencies, with names and
 * figures. Usage: match_bench N... (numbers of claims). Prints one JSON object: {"runs": [{claims,
 * seconds, peak_rss_mb, candidates, pairs}], "growth_exponent"}; progress on stderr. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <libstemmer.h>

#include "align/match.h"

#define VOCAB 30000
#define STORY_SOURCES 5
#define STORY_FACTS 25
#define FACT_WORDS 14

static uint64_t rng = 0x9e3779b97f4a7c15u;

static uint32_t next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)(rng >> 16);
}

static char vocab[VOCAB][12];
static double zipf_cdf[VOCAB];

static void make_vocab(void)
{
	static const char *const syl[] = { "ka", "lo", "mer", "tan", "si", "vel", "dor", "un", "ra", "bel",
					   "ost", "mi", "gar", "te", "nor", "ul", "fen", "da", "ris", "po" };
	double sum = 0;
	size_t i;
	for (i = 0; i < VOCAB; i++) {
		int n = 2 + (int)(next() % 2), k;
		vocab[i][0] = '\0';
		for (k = 0; k < n; k++)
			strcat(vocab[i], syl[next() % 20]);
		sum += 1.0 / (double)(i + 1);
		zipf_cdf[i] = sum;
	}
	for (i = 0; i < VOCAB; i++)
		zipf_cdf[i] /= sum;
}

static size_t zipf(void)
{
	double u = (double)(next() % 1000000) / 1000000.0;
	size_t lo = 0, hi = VOCAB - 1;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (zipf_cdf[mid] < u)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

struct fact {
	size_t w[FACT_WORDS];
	unsigned name, number;
};

/* One source's sentence for a fact: most words, some dropped, a pair swapped, maybe another
 * figure. */
static char *tell(const struct fact *f)
{
	char buf[512];
	size_t order[FACT_WORDS], i, n = 0;
	int len;
	unsigned number = f->number;
	for (i = 0; i < FACT_WORDS; i++)
		if (next() % 6)
			order[n++] = f->w[i];
	if (n > 3 && next() % 2) {
		size_t k = 1 + next() % (n - 2), t = order[k];
		order[k] = order[k + 1];
		order[k + 1] = t;
	}
	if (next() % 20 == 0)
		number += 1 + next() % 9;
	len = snprintf(buf, sizeof(buf), "The");
	for (i = 0; i < n; i++) {
		if (i == n / 2)
			len += snprintf(buf + len, sizeof(buf) - (size_t)len, " %u people in Ven%s", number, vocab[f->name]);
		len += snprintf(buf + len, sizeof(buf) - (size_t)len, " %s", vocab[order[i]]);
	}
	snprintf(buf + len, sizeof(buf) - (size_t)len, ".");
	return strdup(buf);
}

static struct ct_match_claim *make_claims(size_t n)
{
	struct ct_match_claim *c = calloc(n, sizeof(*c));
	size_t i = 0, story = 0;
	if (!c)
		return NULL;
	while (i < n) {
		struct fact facts[STORY_FACTS];
		size_t s, k, j;
		for (k = 0; k < STORY_FACTS; k++) {
			for (j = 0; j < FACT_WORDS; j++)
				facts[k].w[j] = zipf();
			facts[k].name = next() % VOCAB;
			facts[k].number = 2 + next() % 5000;
		}
		for (s = 0; s < STORY_SOURCES && i < n; s++)
			for (k = 0; k < STORY_FACTS && i < n; k++, i++) {
				c[i].text = tell(&facts[k]);
				c[i].len = strlen(c[i].text);
				c[i].published = "2025-10-15";
				c[i].source = story * STORY_SOURCES + s;
				c[i].query = 1;
			}
		story++;
	}
	return c;
}

/* Threads for ct_match_run: CLAIMTRACK_THREADS, else the online CPUs. */
static unsigned threads = 1;

/* Runs one size in this (child) process; writes "seconds pairs candidates cpu_seconds" to fd. */
static int run_size(size_t n, int fd)
{
	struct ct_match_claim *c;
	struct ct_match_result res;
	struct ct_match_stats st;
	struct sb_stemmer *stemmer = sb_stemmer_new("english", "UTF_8");
	struct timespec t0, t1, c0, c1;
	size_t npairs;
	char line[128];
	int k;
	make_vocab();
	if (!stemmer || !(c = make_claims(n)))
		return 1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c0);
	if (ct_match_run(stemmer, c, n, threads, &res, &st) < 0)
		return 1;
	npairs = res.npairs;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c1);
	k = snprintf(line, sizeof(line), "%.4f %zu %zu %.4f %zu %zu\n",
		     (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9, npairs, st.candidates,
		     (double)(c1.tv_sec - c0.tv_sec) + (double)(c1.tv_nsec - c0.tv_nsec) / 1e9, st.blocks, st.prepared);
	return write(fd, line, (size_t)k) == k ? 0 : 1;
}

int main(int argc, char **argv)
{
	double lx[16], ly[16];
	size_t m = 0;
	int i;
	if (argc < 2) {
		fprintf(stderr, "usage: match_bench N...\n");
		return 2;
	}
	{
		const char *env = getenv("CLAIMTRACK_THREADS");
		long t = env && *env ? strtol(env, NULL, 10) : sysconf(_SC_NPROCESSORS_ONLN);
		threads = t < 1 ? 1 : t > CT_MATCH_MAX_THREADS ? CT_MATCH_MAX_THREADS : (unsigned)t;
	}
	printf("{\"runs\": [\n");
	for (i = 1; i < argc && m < 16; i++) {
		size_t n = (size_t)strtoul(argv[i], NULL, 10);
		int fds[2], status;
		struct rusage ru;
		char buf[128] = { 0 };
		double secs = 0, cpu = 0;
		size_t pairs = 0, cand = 0, blocks = 0, prepared = 0;
		pid_t pid;
		if (pipe(fds) < 0 || (pid = fork()) < 0)
			return 1;
		if (pid == 0) {
			close(fds[0]);
			_exit(run_size(n, fds[1]));
		}
		close(fds[1]);
		if (read(fds[0], buf, sizeof(buf) - 1) <= 0 || wait4(pid, &status, 0, &ru) < 0 || !WIFEXITED(status) ||
		    WEXITSTATUS(status)) {
			fprintf(stderr, "match_bench: the run with %zu claims failed\n", n);
			return 1;
		}
		close(fds[0]);
		sscanf(buf, "%lf %zu %zu %lf %zu %zu", &secs, &pairs, &cand, &cpu, &blocks, &prepared);
		printf("%s  {\"claims\": %zu, \"threads\": %u, \"seconds\": %.3f, \"cpu_seconds\": %.3f, "
		       "\"peak_rss_mb\": %.1f, \"candidates\": %zu, \"pairs\": %zu, \"blocks\": %zu, \"prepared\": %zu}\n",
		       m ? "," : "", n, threads, secs, cpu, (double)ru.ru_maxrss / 1024.0, cand, pairs, blocks, prepared);
		fprintf(stderr, "match_bench: %zu claims, %u threads: %.3f s (%.3f s CPU), peak RSS %.1f MB\n", n, threads,
			secs, cpu, (double)ru.ru_maxrss / 1024.0);
		fflush(stdout);
		lx[m] = log((double)n);
		ly[m] = log(secs);
		m++;
	}
	{
		double sx = 0, sy = 0, sxx = 0, sxy = 0, slope = 0;
		size_t k;
		for (k = 0; k < m; k++) {
			sx += lx[k];
			sy += ly[k];
			sxx += lx[k] * lx[k];
			sxy += lx[k] * ly[k];
		}
		if (m > 1)
			slope = ((double)m * sxy - sx * sy) / ((double)m * sxx - sx * sx);
		printf("], \"growth_exponent\": %.3f}\n", slope);
	}
	return 0;
}
