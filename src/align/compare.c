/* Pairwise claim comparison: stems for similarity, and the extractor's entities, numbers, dates
 * and quotes for the signals that say where two versions of a fact differ. */
#include "align/compare.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libstemmer.h>

#include "extract/dates.h"
#include "extract/numbers.h"
#include "extract/quotes.h"
#include "extract/tokens.h"
#include "util/err.h"

#define MAX_STEMS 160
#define MAX_ITEMS 16

struct side {
	const char *s;
	size_t len;
	struct ct_tokens tk;
	struct ct_sentence_entities ents;
	struct ct_quote quote;
	struct ct_attribution attr;
	struct ct_number nums[MAX_ITEMS];
	size_t nnums;
	struct ct_date dates[MAX_ITEMS];
	size_t ndates;
	uint32_t stems[MAX_STEMS];
	size_t nstems;
	size_t neg[MAX_ITEMS];     /* token indexes of negation words */
	uint32_t negated[MAX_ITEMS]; /* stem of the word each negation bears on ("not raise") */
	size_t nneg;
};

static const char *const stopwords[] = {
	"the", "a", "an", "of", "to", "in", "on", "at", "for", "and", "or", "but", "is", "was", "were",
	"be", "been", "are", "has", "had", "have", "that", "this", "it", "its", "by", "with", "as",
	"from", "said", "says", "told", "who", "which", "will", "would", "after", "before", "their",
	"his", "her", "they", "he", "she", "there", "than", "also", "into", "about", "up", "out", NULL
};

static const char *const negations[] = {
	"not", "no", "never", "none", "nobody", "nothing", "neither", "nor", "without", "cannot",
	"can't", "won't", "don't", "doesn't", "didn't", "isn't", "wasn't", "aren't", "weren't",
	"hasn't", "haven't", "hadn't", "wouldn't", "shouldn't", "couldn't", NULL
};

/* Verbs that carry tense, not meaning: "will not raise" denies "raise". */
static const char *const auxiliaries[] = {
	"do", "does", "did", "can", "could", "should", "may", "might", "must", "shall", "being", "get",
	"go", "going", NULL
};

static const char *const honorifics[] = { "mr.", "mrs.", "ms.", "mx.", "dr.", "prof.", NULL };

const char *ct_signal_kind_name(enum ct_signal_kind kind)
{
	static const char *const names[] = { "number", "date", "negation", "title", "entity", "quote",
					     "approximation", "spelling" };
	return (unsigned)kind < sizeof(names) / sizeof(names[0]) ? names[kind] : "other";
}

int ct_signal_contradicts(enum ct_signal_kind kind)
{
	return kind != CT_SIG_APPROXIMATION && kind != CT_SIG_SPELLING;
}

/* Lower-cased ASCII letters and digits of s[0..n) into out (curly apostrophes as '). */
static size_t fold_word(char *out, size_t cap, const char *s, size_t n)
{
	size_t i, k = 0;
	for (i = 0; i < n && k + 1 < cap; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == 0xe2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 && (unsigned char)s[i + 2] == 0x99) {
			out[k++] = '\'';
			i += 2;
		} else if (isalnum(c) || c == '\'' || c >= 0x80) {
			out[k++] = (char)tolower(c);
		}
	}
	out[k] = '\0';
	return k;
}

static int in_words(const char *w, const char *const *list)
{
	for (; *list; list++)
		if (!strcmp(w, *list))
			return 1;
	return 0;
}

static uint32_t fnv(const char *s, size_t n)
{
	uint32_t h = 2166136261u;
	size_t i;
	for (i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return x < y ? -1 : x > y;
}

static int keep_number(const struct ct_number *n, void *payload)
{
	struct side *sd = payload;
	if (sd->nnums < MAX_ITEMS)
		sd->nums[sd->nnums++] = *n;
	return 0;
}

static int keep_date(const struct ct_date *d, void *payload)
{
	struct side *sd = payload;
	if (sd->ndates < MAX_ITEMS)
		sd->dates[sd->ndates++] = *d;
	return 0;
}

static void analyse(struct side *sd, struct sb_stemmer *stemmer, const char *s, size_t len, const char *published)
{
	size_t i, k;
	char w[64];
	sd->s = s;
	sd->len = len;
	ct_tokenize(&sd->tk, s, len);
	ct_sentence_entities(&sd->tk, &sd->ents);
	ct_quote_find(&sd->tk, &sd->quote);
	ct_attribution_find(&sd->tk, &sd->ents, &sd->quote, &sd->attr);
	sd->nnums = sd->ndates = sd->nstems = sd->nneg = 0;
	ct_numbers_scan(s, len, keep_number, sd);
	ct_dates_scan(s, len, published, keep_date, sd);
	for (i = 0; i < sd->tk.n; i++) {
		const struct ct_token *t = &sd->tk.t[i];
		size_t n;
		if (t->flags & CT_TOK_PUNCT) {
			/* Punctuation ends a negation's reach: "did not," denies nothing after the comma. */
			if (sd->nneg && !sd->negated[sd->nneg - 1])
				sd->negated[sd->nneg - 1] = 1;
			continue;
		}
		n = fold_word(w, sizeof(w), s + t->start, t->end - t->start);
		if (!n)
			continue;
		if (!(t->flags & CT_TOK_ABBR) && (in_words(w, negations) || (n > 3 && !strcmp(w + n - 3, "n't")))) {
			if (sd->nneg < MAX_ITEMS) {
				sd->neg[sd->nneg] = i;
				sd->negated[sd->nneg++] = 0;
			}
			continue;
		}
		if (in_words(w, stopwords) || in_words(w, auxiliaries) || sd->nstems >= MAX_STEMS)
			continue;
		/* U.S. and US, U.N. and UN: the dots do not count. */
		for (k = 0; k < n && w[k] != '.'; k++)
			;
		if (!(t->flags & CT_TOK_DIGIT) && stemmer) {
			const sb_symbol *st = sb_stemmer_stem(stemmer, (const sb_symbol *)w, (int)n);
			if (st)
				sd->stems[sd->nstems++] = fnv((const char *)st, (size_t)sb_stemmer_length(stemmer));
		} else {
			sd->stems[sd->nstems++] = fnv(w, n);
		}
		/* The first content word after a negation (within four tokens) is what it denies. */
		if (sd->nneg && !sd->negated[sd->nneg - 1] && i - sd->neg[sd->nneg - 1] <= 4 && sd->nstems)
			sd->negated[sd->nneg - 1] = sd->stems[sd->nstems - 1];
	}
	qsort(sd->stems, sd->nstems, sizeof(uint32_t), cmp_u32);
	for (i = k = 0; i < sd->nstems; i++)
		if (!k || sd->stems[k - 1] != sd->stems[i])
			sd->stems[k++] = sd->stems[i];
	sd->nstems = k;
}

/* Dice coefficient of the two stem sets. */
static double similarity(const struct side *a, const struct side *b)
{
	size_t i = 0, j = 0, both = 0;
	if (!a->nstems || !b->nstems)
		return 0;
	while (i < a->nstems && j < b->nstems) {
		if (a->stems[i] == b->stems[j]) {
			both++;
			i++;
			j++;
		} else if (a->stems[i] < b->stems[j])
			i++;
		else
			j++;
	}
	return 2.0 * (double)both / (double)(a->nstems + b->nstems);
}

static void add_signal(struct ct_comparison *c, enum ct_signal_kind kind, size_t as, size_t ae, size_t bs, size_t be)
{
	struct ct_signal *s;
	if (c->nsignals >= CT_COMPARE_MAX_SIGNALS)
		return;
	s = &c->signals[c->nsignals++];
	s->kind = kind;
	s->a_start = as;
	s->a_end = ae;
	s->b_start = bs;
	s->b_end = be;
}

static void number_signals(const struct side *a, const struct side *b, struct ct_comparison *c)
{
	size_t i, j;
	for (i = 0; i < a->nnums; i++) {
		const struct ct_number *na = &a->nums[i], *bad = NULL, *variant = NULL;
		int ok = 0;
		if (!na->unit[0] || !strcmp(na->unit, "no"))
			continue;
		for (j = 0; j < b->nnums; j++) {
			const struct ct_number *nb = &b->nums[j];
			int r;
			if (!nb->unit[0] || !strcmp(nb->unit, "no"))
				continue;
			r = ct_numbers_compatible(na, nb);
			if (r == 1) {
				ok = 1;
				if (na->value != nb->value || (na->approx != nb->approx &&
							       (!na->approx || !nb->approx || strcmp(na->approx, nb->approx))))
					variant = nb;
				else
					variant = NULL;
				break;
			}
			if (r == 0 && !bad)
				bad = nb;
		}
		if (ok && variant)
			add_signal(c, CT_SIG_APPROXIMATION, na->start, na->end, variant->start, variant->end);
		else if (!ok && bad)
			add_signal(c, CT_SIG_NUMBER, na->start, na->end, bad->start, bad->end);
	}
}

/* "since Monday", "until Friday": a boundary of something else, not the day of the fact. */
static int bounding(const struct side *sd, const struct ct_date *d)
{
	static const char *const leads[] = { "since", "until", "till", "by", "before", "after", "through", NULL };
	char w[16];
	size_t e = d->start;
	while (e < d->end && sd->s[e] != ' ')
		e++;
	fold_word(w, sizeof(w), sd->s + d->start, e - d->start);
	return in_words(w, leads);
}

static void date_signals(const struct side *a, const struct side *b, struct ct_comparison *c)
{
	size_t i, j;
	for (i = 0; i < a->ndates; i++) {
		const struct ct_date *da = &a->dates[i], *other = NULL;
		int same = 0;
		if ((da->weekday < 0 && strcmp(da->kind, "date")) || bounding(a, da))
			continue;
		for (j = 0; j < b->ndates; j++) {
			const struct ct_date *db = &b->dates[j];
			if (bounding(b, db))
				continue;
			if (da->weekday >= 0 && db->weekday >= 0) {
				if (da->weekday == db->weekday)
					same = 1;
				else if (!other)
					other = db;
			} else if (!strcmp(da->kind, "date") && !strcmp(db->kind, "date") && da->resolved[0] &&
				   db->resolved[0]) {
				if (!strcmp(da->resolved, db->resolved))
					same = 1;
				else if (!other)
					other = db;
			}
		}
		if (!same && other)
			add_signal(c, CT_SIG_DATE, da->start, da->end, other->start, other->end);
	}
}

/* The last word of an entity's name (a surname), folded. */
static size_t surname(char *out, size_t cap, const struct side *sd, const struct ct_entity *e)
{
	size_t end = e->name_end > e->name_start ? e->name_end : e->end, start = e->name_start;
	size_t k = end;
	while (k > start && sd->s[k - 1] != ' ')
		k--;
	return fold_word(out, cap, sd->s + k, end - k);
}

static int is_honorific(const struct side *sd, const struct ct_entity *e)
{
	char t[32];
	size_t n = e->title_end - e->title_start;
	if (!n || n >= sizeof(t))
		return n == 0;
	memcpy(t, sd->s + e->title_start, n);
	t[n] = '\0';
	for (size_t i = 0; i < n; i++)
		t[i] = (char)tolower((unsigned char)t[i]);
	return in_words(t, honorifics);
}

static int span_equal_ci(const char *a, size_t an, const char *b, size_t bn)
{
	size_t i;
	if (an != bn)
		return 0;
	for (i = 0; i < an; i++)
		if (tolower((unsigned char)a[i]) != tolower((unsigned char)b[i]))
			return 0;
	return 1;
}

/* The title of e, folded, with abbreviations spelled out (Sen. = Senator, Adm. = Admiral). */
static void title_key(char *out, size_t cap, const struct side *sd, const struct ct_entity *e)
{
	static const char *const abbr[][2] = {
		{ "sen", "senator" }, { "adm", "admiral" }, { "gen", "general" }, { "gov", "governor" },
		{ "rep", "representative" }, { "lt", "lieutenant" }, { "col", "colonel" }, { "capt", "captain" },
		{ "sgt", "sergeant" }, { "prof", "professor" }, { "dr", "doctor" }, { "pres", "president" },
		{ "cmdr", "commander" }, { "maj", "major" }, { "supt", "superintendent" }, { "insp", "inspector" },
		{ NULL, NULL }
	};
	size_t k, n = fold_word(out, cap, sd->s + e->title_start, e->title_end - e->title_start);
	for (k = 0; abbr[k][0]; k++)
		if (n == strlen(abbr[k][0]) && !strcmp(out, abbr[k][0])) {
			snprintf(out, cap, "%s", abbr[k][1]);
			return;
		}
}

static void title_signals(const struct side *a, const struct side *b, struct ct_comparison *c)
{
	size_t i, j;
	char sa[48], sb[48];
	for (i = 0; i < a->ents.n; i++) {
		const struct ct_entity *ea = &a->ents.e[i];
		if (ea->kind != CT_ENT_PERSON || is_honorific(a, ea) || !surname(sa, sizeof(sa), a, ea))
			continue;
		for (j = 0; j < b->ents.n; j++) {
			const struct ct_entity *eb = &b->ents.e[j];
			if (eb->kind != CT_ENT_PERSON || is_honorific(b, eb) || !surname(sb, sizeof(sb), b, eb) || strcmp(sa, sb))
				continue;
			{
				char ta[64], tb[64];
				title_key(ta, sizeof(ta), a, ea);
				title_key(tb, sizeof(tb), b, eb);
				if (strcmp(ta, tb))
					add_signal(c, CT_SIG_TITLE, ea->start, ea->end, eb->start, eb->end);
			}
		}
	}
}

/* Whether the entity's text occurs anywhere in the other sentence (case-insensitive). */
static int mentioned(const struct side *sd, const char *w, size_t n)
{
	size_t i;
	for (i = 0; i + n <= sd->len; i++)
		if (span_equal_ci(sd->s + i, n, w, n))
			return 1;
	return 0;
}

/* A place or body in A missing from B where B has another of the same kind in the same slot
 * (the same word before it, or after it): "from neighbouring Estmark" / "from neighbouring
 * Lorrany". */
static void entity_signals(const struct side *a, const struct side *b, struct ct_comparison *c)
{
	size_t i, j;
	char pa[32], pb[32], na[32], nb[32];
	for (i = 0; i < a->ents.n; i++) {
		const struct ct_entity *ea = &a->ents.e[i];
		if ((ea->kind != CT_ENT_PLACE && ea->kind != CT_ENT_ORG && ea->kind != CT_ENT_OTHER) ||
		    mentioned(b, a->s + ea->start, ea->end - ea->start))
			continue;
		pa[0] = na[0] = '\0';
		if (ea->tok_start > 0)
			fold_word(pa, sizeof(pa), a->s + a->tk.t[ea->tok_start - 1].start,
				  a->tk.t[ea->tok_start - 1].end - a->tk.t[ea->tok_start - 1].start);
		if (ea->tok_end < a->tk.n)
			fold_word(na, sizeof(na), a->s + a->tk.t[ea->tok_end].start,
				  a->tk.t[ea->tok_end].end - a->tk.t[ea->tok_end].start);
		for (j = 0; j < b->ents.n; j++) {
			const struct ct_entity *eb = &b->ents.e[j];
			if (eb->kind != ea->kind || mentioned(a, b->s + eb->start, eb->end - eb->start))
				continue;
			pb[0] = nb[0] = '\0';
			if (eb->tok_start > 0)
				fold_word(pb, sizeof(pb), b->s + b->tk.t[eb->tok_start - 1].start,
					  b->tk.t[eb->tok_start - 1].end - b->tk.t[eb->tok_start - 1].start);
			if (eb->tok_end < b->tk.n)
				fold_word(nb, sizeof(nb), b->s + b->tk.t[eb->tok_end].start,
					  b->tk.t[eb->tok_end].end - b->tk.t[eb->tok_end].start);
			if ((pa[0] && !strcmp(pa, pb) && !in_words(pa, stopwords)) ||
			    (na[0] && !strcmp(na, nb) && !in_words(na, stopwords))) {
				add_signal(c, CT_SIG_ENTITY, ea->start, ea->end, eb->start, eb->end);
				break;
			}
		}
	}
}

static void quote_signal(const struct side *a, const struct side *b, struct ct_comparison *c)
{
	char sa[48] = "", sb[48] = "";
	size_t an = a->quote.end - a->quote.start, bn = b->quote.end - b->quote.start;
	if (!a->quote.found || !b->quote.found || an < 8 || bn < 8)
		return;
	if (a->attr.found && a->attr.name_end > a->attr.name_start && b->attr.found && b->attr.name_end > b->attr.name_start) {
		const char *p = a->s + a->attr.name_end, *q = b->s + b->attr.name_end;
		size_t ka = a->attr.name_end, kb = b->attr.name_end;
		while (ka > a->attr.name_start && a->s[ka - 1] != ' ')
			ka--;
		while (kb > b->attr.name_start && b->s[kb - 1] != ' ')
			kb--;
		fold_word(sa, sizeof(sa), a->s + ka, (size_t)(p - (a->s + ka)));
		fold_word(sb, sizeof(sb), b->s + kb, (size_t)(q - (b->s + kb)));
		if (strcmp(sa, sb))
			return;   /* different speakers: not the same quote */
	}
	{
		/* Compare the quoted words, case and punctuation aside. */
		char wa[512], wb[512];
		size_t la = fold_word(wa, sizeof(wa), a->s + a->quote.start, an);
		size_t lb = fold_word(wb, sizeof(wb), b->s + b->quote.start, bn);
		if (la != lb || memcmp(wa, wb, la))
			add_signal(c, CT_SIG_QUOTE, a->quote.start, a->quote.end, b->quote.start, b->quote.end);
	}
}

static int has_stem(const struct side *sd, uint32_t stem)
{
	size_t i;
	for (i = 0; i < sd->nstems; i++)
		if (sd->stems[i] == stem)
			return 1;
	return 0;
}

/* One side denies what the other states with no denial at all: "will not raise the levy" / "will
 * raise the levy". A denial in other words ("ruled out an increase"), or denials on both sides
 * ("would not be on the ground" / "will not participate"), is not a flip. */
static void negation_signal(const struct side *a, const struct side *b, struct ct_comparison *c)
{
	size_t i;
	for (i = 0; i < a->nneg; i++) {
		uint32_t st = a->negated[i];
		if (st > 1 && !b->nneg && has_stem(b, st)) {
			add_signal(c, CT_SIG_NEGATION, a->tk.t[a->neg[i]].start, a->tk.t[a->neg[i]].end, 0, 0);
			return;
		}
	}
	for (i = 0; i < b->nneg; i++) {
		uint32_t st = b->negated[i];
		if (st > 1 && !a->nneg && has_stem(a, st)) {
			add_signal(c, CT_SIG_NEGATION, 0, 0, b->tk.t[b->neg[i]].start, b->tk.t[b->neg[i]].end);
			return;
		}
	}
}

int ct_compare(struct sb_stemmer *stemmer, const char *a, size_t alen, const char *pub_a,
	       const char *b, size_t blen, const char *pub_b, struct ct_comparison *out)
{
	struct side *sa = calloc(1, sizeof(*sa)), *sb = calloc(1, sizeof(*sb));
	size_t i, contradictions = 0, variants = 0;
	memset(out, 0, sizeof(*out));
	if (!sa || !sb) {
		free(sa);
		free(sb);
		return ct_error_set(CT_ENOMEM, "out of memory");
	}
	analyse(sa, stemmer, a, alen, pub_a);
	analyse(sb, stemmer, b, blen, pub_b);
	out->score = similarity(sa, sb);
	if (out->score >= CT_COMPARE_RELATED) {
		number_signals(sa, sb, out);
		date_signals(sa, sb, out);
		negation_signal(sa, sb, out);
		title_signals(sa, sb, out);
		entity_signals(sa, sb, out);
		quote_signal(sa, sb, out);
	}
	for (i = 0; i < out->nsignals; i++) {
		if (ct_signal_contradicts(out->signals[i].kind))
			contradictions++;
		else
			variants++;
	}
	/* Variants (a rounded figure, a respelled name) lower confidence; they never contradict. */
	out->score *= variants ? 0.95 : 1.0;
	out->score = (double)(long)(out->score * 1000 + 0.5) / 1000;
	if (out->score >= CT_COMPARE_SAME)
		out->relation = contradictions ? "contradicts" : "corroborates";
	else if (out->score >= CT_COMPARE_RELATED)
		out->relation = "related";
	else
		out->relation = "unrelated";
	free(sa);
	free(sb);
	return 0;
}

static int add_span(cJSON *o, const char *key, const char *s, size_t start, size_t end)
{
	char *t = strndup(s + start, end - start);
	int ok = t && cJSON_AddStringToObject(o, key, t);
	free(t);
	return ok;
}

cJSON *ct_comparison_json(const struct ct_comparison *c, const char *a, const char *b)
{
	cJSON *o = cJSON_CreateObject(), *arr;
	size_t i;
	if (!o || !cJSON_AddNumberToObject(o, "score", c->score) || !cJSON_AddStringToObject(o, "relation", c->relation) ||
	    !(arr = cJSON_AddArrayToObject(o, "signals")))
		goto fail;
	for (i = 0; i < c->nsignals; i++) {
		const struct ct_signal *s = &c->signals[i];
		cJSON *x = cJSON_CreateObject();
		if (!x)
			goto fail;
		cJSON_AddItemToArray(arr, x);
		if (!cJSON_AddStringToObject(x, "kind", ct_signal_kind_name(s->kind)) ||
		    !add_span(x, "a", a, s->a_start, s->a_end) || !add_span(x, "b", b, s->b_start, s->b_end))
			goto fail;
	}
	return o;
fail:
	cJSON_Delete(o);
	return NULL;
}
