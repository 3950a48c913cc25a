/* Extractor throughput, in process: reads the files named on the command line, runs the claim
 * extractor over each REPEAT times, prints one JSON object with bytes, seconds and counts. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "extract/extract.h"
#include "text/utf8.h"
#include "util/buf.h"

struct counts {
	size_t segments, claims, entities;
};

static int count(const struct ct_claim_draft *d, void *payload)
{
	struct counts *c = payload;
	c->segments++;
	c->claims += d->is_claim ? 1 : 0;
	c->entities += d->entities->n;
	return 0;
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	struct counts c = { 0, 0, 0 };
	ct_buf *texts;
	size_t total = 0;
	int i, r, repeat = 1;
	double t0, t1;
	const char *env = getenv("REPEAT");

	if (env)
		repeat = (int)strtol(env, NULL, 10);
	if (argc < 2 || repeat < 1) {
		fprintf(stderr, "usage: REPEAT=N extract_bench FILE...\n");
		return 2;
	}
	texts = calloc((size_t)argc, sizeof(*texts));
	for (i = 1; i < argc; i++) {
		ct_buf raw = CT_BUF_INIT;
		ct_buf_init(&texts[i]);
		if (ct_buf_read_file(&raw, argv[i]) < 0) {
			fprintf(stderr, "extract_bench: cannot read '%s'\n", argv[i]);
			return 1;
		}
		ct_text_clean(&texts[i], raw.ptr, raw.len, NULL, NULL);
		ct_buf_release(&raw);
	}
	t0 = now();
	for (r = 0; r < repeat; r++)
		for (i = 1; i < argc; i++) {
			ct_extract(texts[i].ptr, texts[i].len, "2025-10-15", count, &c);
			total += texts[i].len;
		}
	t1 = now();
	printf("{\"tool\": \"claimtrack\", \"bytes\": %zu, \"seconds\": %.6f, \"sentences\": %zu, \"claims\": %zu, "
	       "\"entities\": %zu, \"bytes_per_second\": %.0f}\n",
	       total, t1 - t0, c.segments, c.claims, c.entities, (double)total / (t1 - t0));
	for (i = 1; i < argc; i++)
		ct_buf_release(&texts[i]);
	free(texts);
	return 0;
}
