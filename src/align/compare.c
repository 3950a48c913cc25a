/* Pairwise claim comparison: weighted terms (stems, synonym classes, figures, dates) for
 * similarity, and the extractor's entities, numbers, dates and quotes for the signals that say
 * where two versions of a fact differ. No allocation: both sides live on the stack. */
#include "align/compare.h"
#include "align/related.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libstemmer.h>

#include "extract/dates.h"
#include "extract/lexicon.h"
#include "extract/numbers.h"
#include "extract/quotes.h"
#include "extract/tokens.h"
#include "util/err.h"

#define MAX_TERMS 160
#define MAX_ITEMS 16
#define POOL_SIZE 2048
#define MAX_DIFF 128      /* tokens of each side the word-by-word alignment looks at */
#define MAX_GAP 6         /* longest substituted stretch that still counts as one slot */
#define MAX_CLAUSES 8

/* Weights of terms: figures and dates say which fact a sentence is about more than ordinary
 * words; very common news words say little. Names weigh as much as words: within one story
 * every outlet repeats them, so they say little about which fact (a heavier weight lowered both
 * the example story's alignment precision and MRPC accuracy). Tuned on the MRPC tuning part
 * (make eval-match) and the example story, not on story2; see docs/matching.md. */
#define W_WORD 1.0
#define W_COMMON 0.45
#define W_NAME 1.0
#define W_NUM 1.5
#define W_DATE 1.2
#define W_LABEL 0.5
#define W_DENIED 1.5
/* Share of the score given to coverage of the shorter sentence (the rest is Dice). */
#define COVER_SHARE 0.35
/* Credit for a word matched only by its form (prefix or letter trigrams), and for a figure or
 * date facing another figure or date (the same slot, its value compared by the signals). */
#define SOFT_CREDIT 0.75
#define SLOT_CREDIT 0.3
#define DATE_SLOT_CREDIT 0.6
/* Credit for two words of one concept of the relatedness lexicon ("blaze" / "fire"). */
#define REL_CREDIT 0.75
/* A clause-to-clause match counts for a little less than a whole-sentence one, and only between
 * clauses with some content. */
#define CLAUSE_FACTOR 0.9
#define CLAUSE_MIN_WEIGHT 4.0

enum term_class { T_WORD, T_NAME, T_NUM, T_DATE };

/* Token roles for the alignment and the quote comparison. */
enum { R_NONE = 0, R_CONTENT = 1, R_NEG = 2 };

struct term {
	uint32_t h;            /* hash of the canonical form */
	float w;
	uint16_t tok;          /* first token it was read from */
	uint8_t cls;
	uint8_t matched;
	uint8_t clauses;       /* bit set of the clauses it occurs in */
	int16_t partner;       /* the term of the other side it was matched with, -1 if none */
	float credit;          /* of that match */
};

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
	struct term terms[MAX_TERMS];
	size_t nterms;
	double wsum;
	/* per token: alignment hash, role, canonical text in pool */
	uint32_t th[CT_TOK_MAX];
	uint8_t role[CT_TOK_MAX];
	uint8_t slot[CT_TOK_MAX];  /* 1 inside a number, 2 inside a date */
	uint8_t clause[CT_TOK_MAX]; /* clause index (0..MAX_CLAUSES-1) */
	size_t nclauses;
	uint16_t toff[CT_TOK_MAX];
	uint8_t tlen[CT_TOK_MAX];
	uint8_t rel[CT_TOK_MAX][2]; /* concepts of the relatedness lexicon (align/related.h), 0: none */
	char pool[POOL_SIZE];
	size_t npool;
	size_t neg[MAX_ITEMS];     /* token indexes of negation words */
	uint32_t negated[MAX_ITEMS]; /* term each negation bears on ("not raise"); 1 when none */
	size_t nneg;
	size_t nnegverb;           /* "failed to", "ruled out", "refused": a denial in other words
				    * (one denied itself, "had not ruled out", is not counted) */
	uint8_t neg_verb[MAX_ITEMS]; /* negation k denies such a verb: "had not ruled out arson" */
	int opening_name;          /* the sentence's first word is a name ("Dravia lent ...") */
};

/* ---- word lists (sorted: looked up by binary search) ---- */

enum { K_STOP = 1, K_NEG = 2, K_NEGVERB = 3, K_COMMON = 4 };

struct word {
	const char *w;
	int kind;
};

/* Folded words (lower case, no dots). Saying verbs are stop words: who said it is the
 * attribution's business, not the fact's. So are the adverbs of degree and emphasis ("just",
 * "simply", "really", "very", "only"): a translation renders one by another ("we just knew" /
 * "we simply knew it"), and none states a fact of its own. */
static const struct word words[] = {
	{ "a", K_STOP }, { "about", K_STOP }, { "according", K_STOP }, { "actually", K_STOP },
	{ "added", K_STOP }, { "after", K_STOP }, { "again", K_STOP }, { "against", K_STOP },
	{ "all", K_STOP }, { "almost", K_STOP }, { "also", K_STOP }, { "am", K_STOP }, { "an", K_STOP },
	{ "and", K_STOP }, { "another", K_STOP }, { "any", K_STOP }, { "approximately", K_STOP },
	{ "are", K_STOP }, { "aren't", K_NEG }, { "around", K_STOP }, { "as", K_STOP }, { "at", K_STOP },
	{ "be", K_STOP }, { "because", K_STOP }, { "been", K_STOP }, { "before", K_STOP },
	{ "being", K_STOP }, { "both", K_STOP }, { "but", K_STOP }, { "by", K_STOP }, { "can", K_STOP },
	{ "can't", K_NEG }, { "cannot", K_NEG }, { "could", K_STOP }, { "couldn't", K_NEG },
	{ "denied", K_NEGVERB }, { "denies", K_NEGVERB }, { "deny", K_NEGVERB }, { "did", K_STOP },
	{ "didn't", K_NEG }, { "do", K_STOP }, { "does", K_STOP }, { "doesn't", K_NEG },
	{ "don't", K_NEG }, { "during", K_STOP }, { "each", K_STOP }, { "either", K_STOP },
	{ "every", K_STOP }, { "exclude", K_NEGVERB }, { "excluded", K_NEGVERB },
	{ "excludes", K_NEGVERB }, { "fail", K_NEGVERB }, { "failed", K_NEGVERB }, { "fails", K_NEGVERB },
	{ "for", K_STOP }, { "from", K_STOP }, { "go", K_STOP }, { "going", K_STOP }, { "had", K_STOP },
	{ "hadn't", K_NEG }, { "has", K_STOP }, { "hasn't", K_NEG }, { "have", K_STOP },
	{ "haven't", K_NEG }, { "having", K_STOP }, { "he", K_STOP }, { "her", K_STOP },
	{ "here", K_STOP }, { "herself", K_STOP }, { "him", K_STOP }, { "himself", K_STOP },
	{ "his", K_STOP }, { "how", K_STOP }, { "i", K_STOP }, { "if", K_STOP }, { "in", K_STOP },
	{ "indeed", K_STOP }, { "into", K_STOP }, { "is", K_STOP }, { "isn't", K_NEG }, { "it", K_STOP },
	{ "it's", K_STOP }, { "its", K_STOP }, { "itself", K_STOP }, { "just", K_STOP },
	{ "may", K_STOP }, { "me", K_STOP }, { "merely", K_STOP }, { "might", K_STOP },
	{ "more", K_STOP }, { "most", K_STOP }, { "must", K_STOP }, { "my", K_STOP },
	{ "nearly", K_STOP }, { "neither", K_NEG }, { "never", K_NEG }, { "no", K_NEG },
	{ "nobody", K_NEG }, { "none", K_NEG }, { "nor", K_NEG }, { "not", K_NEG }, { "nothing", K_NEG },
	{ "of", K_STOP }, { "on", K_STOP }, { "once", K_STOP }, { "only", K_STOP }, { "or", K_STOP },
	{ "other", K_STOP }, { "our", K_STOP }, { "out", K_STOP }, { "over", K_STOP }, { "own", K_STOP },
	{ "quite", K_STOP }, { "really", K_STOP }, { "refuse", K_NEGVERB }, { "refused", K_NEGVERB },
	{ "refuses", K_NEGVERB }, { "reject", K_NEGVERB }, { "rejected", K_NEGVERB },
	{ "rejects", K_NEGVERB }, { "roughly", K_STOP }, { "ruled", K_NEGVERB }, { "said", K_STOP },
	{ "say", K_STOP }, { "saying", K_STOP }, { "says", K_STOP }, { "shall", K_STOP },
	{ "she", K_STOP }, { "should", K_STOP }, { "shouldn't", K_NEG }, { "simply", K_STOP },
	{ "since", K_STOP }, { "so", K_STOP }, { "some", K_STOP }, { "stated", K_STOP },
	{ "such", K_STOP }, { "than", K_STOP }, { "that", K_STOP }, { "the", K_STOP },
	{ "their", K_STOP }, { "them", K_STOP }, { "themselves", K_STOP }, { "then", K_STOP },
	{ "there", K_STOP }, { "these", K_STOP }, { "they", K_STOP }, { "this", K_STOP },
	{ "those", K_STOP }, { "through", K_STOP }, { "to", K_STOP }, { "told", K_STOP },
	{ "too", K_STOP }, { "truly", K_STOP }, { "under", K_STOP }, { "until", K_STOP },
	{ "up", K_STOP }, { "upon", K_STOP }, { "us", K_STOP }, { "very", K_STOP }, { "was", K_STOP },
	{ "wasn't", K_NEG }, { "we", K_STOP }, { "were", K_STOP }, { "weren't", K_NEG },
	{ "what", K_STOP }, { "when", K_STOP }, { "where", K_STOP }, { "whether", K_STOP },
	{ "which", K_STOP }, { "while", K_STOP }, { "who", K_STOP }, { "whom", K_STOP },
	{ "whose", K_STOP }, { "why", K_STOP }, { "will", K_STOP }, { "with", K_STOP },
	{ "without", K_NEG }, { "won't", K_NEG }, { "would", K_STOP }, { "wouldn't", K_NEG },
	{ "yet", K_STOP }, { "you", K_STOP }, { "your", K_STOP },
};

struct synonym {
	const char *stem;
	const char *canon;
};

/* Snowball stems folded into one class (paraphrase and translation: "troops"/"forces",
 * "persons"/"people", "inquiry"/"investigation"; the irregular past forms Snowball leaves alone:
 * "struck"/"strike", "took"/"taken"/"take", "fled"/"flee"); and very common news stems, which
 * weigh less (canon NULL, and a form whose class is one of them). */
static const struct synonym synonyms[] = {
	{ "aboard", "board" }, { "acquir", "buy" }, { "aid", "help" }, { "approxim", NULL },
	{ "assist", "help" }, { "began", "start" }, { "begin", "start" }, { "begun", "start" },
	{ "biggest", "big" }, { "boss", "chief" }, { "bought", "buy" }, { "broke", "break" },
	{ "broken", "break" }, { "brought", "bring" }, { "built", "build" }, { "burnt", "burn" },
	{ "carriag", "car" }, { "caught", "catch" }, { "child", "children" }, { "chose", "choos" },
	{ "chosen", "choos" }, { "citizen", "peopl" }, { "climb", "rise" }, { "coach", "car" },
	{ "come", "get" }, { "commut", "passeng" }, { "compani", NULL }, { "complet", "finish" },
	{ "day", NULL }, { "dead", "death" }, { "dealt", "deal" }, { "declin", "fall" },
	{ "deserv", "earn" }, { "die", "death" }, { "driven", "drive" }, { "drop", "fall" },
	{ "drove", "drive" }, { "dwell", "home" }, { "employe", "worker" }, { "enquiri", "investig" },
	{ "fallen", "fall" }, { "fatal", "death" }, { "fell", "fall" }, { "find", NULL },
	{ "firm", "compani" }, { "first", NULL }, { "fled", "flee" }, { "flew", "fli" },
	{ "flown", "fli" }, { "forc", "troop" }, { "fought", "fight" }, { "found", "find" },
	{ "froze", "freez" }, { "frozen", "freez" }, { "gain", "rise" }, { "gave", "give" },
	{ "given", "give" }, { "got", "get" }, { "gotten", "get" }, { "govern", NULL }, { "held", "hold" },
	{ "hid", "hide" }, { "hidden", "hide" }, { "hous", "home" }, { "hung", "hang" },
	{ "hurt", "injur" }, { "includ", NULL }, { "increas", "rise" }, { "inhabit", "peopl" },
	{ "injuri", "injur" }, { "inquiri", "investig" }, { "jump", "rise" }, { "kept", "keep" },
	{ "kid", "children" }, { "kill", "death" }, { "knew", "know" }, { "known", "know" },
	{ "laid", "lay" }, { "larg", "big" }, { "largest", "big" }, { "last", NULL },
	{ "launch", "start" }, { "led", "lead" }, { "lent", "lend" }, { "lost", "lose" }, { "make", NULL },
	{ "meant", "mean" }, { "met", "meet" }, { "month", NULL }, { "new", NULL }, { "offici", NULL },
	{ "paid", "pay" }, { "pct", "percent" }, { "percent", NULL }, { "person", "peopl" },
	{ "probe", "investig" }, { "purchas", "buy" }, { "rais", "rise" }, { "ran", "run" },
	{ "renov", "refit" }, { "report", NULL }, { "resid", "peopl" }, { "result", "find" },
	{ "ridden", "ride" }, { "risen", "rise" }, { "rode", "ride" }, { "rose", "rise" },
	{ "safeti", "safe" }, { "sank", "sink" }, { "schedul", "plan" }, { "seen", "see" },
	{ "sent", "send" }, { "share", NULL }, { "shot", "shoot" }, { "shut", "close" },
	{ "slid", "slide" }, { "slip", "fall" }, { "sold", "sell" }, { "soldier", "troop" },
	{ "sought", "seek" }, { "spent", "spend" }, { "spoke", "speak" }, { "spoken", "speak" },
	{ "staff", "worker" }, { "state", NULL }, { "stole", "steal" }, { "stolen", "steal" },
	{ "stood", "stand" }, { "struck", "strike" }, { "sunk", "sink" }, { "swept", "sweep" },
	{ "take", NULL }, { "taken", "take" }, { "taught", "teach" }, { "thought", "think" },
	{ "threw", "throw" }, { "thrown", "throw" }, { "time", NULL }, { "took", "take" },
	{ "tore", "tear" }, { "torn", "tear" }, { "town", "citi" }, { "travel", "passeng" },
	{ "wagon", "car" }, { "week", NULL }, { "withdrawn", "withdraw" }, { "withdrew", "withdraw" },
	{ "won", "win" }, { "wound", "injur" }, { "written", "write" }, { "wrote", "write" },
	{ "year", NULL },
};

static const struct {
	const char *w;
	int v;
} numwords[] = {
	{ "dozen", 12 }, { "eight", 8 }, { "eighteen", 18 }, { "eighty", 80 }, { "eleven", 11 },
	{ "fifteen", 15 }, { "fifty", 50 }, { "five", 5 }, { "forty", 40 }, { "four", 4 },
	{ "fourteen", 14 }, { "nine", 9 }, { "nineteen", 19 }, { "ninety", 90 }, { "one", 1 },
	{ "seven", 7 }, { "seventeen", 17 }, { "seventy", 70 }, { "six", 6 }, { "sixteen", 16 },
	{ "sixty", 60 }, { "ten", 10 }, { "thirteen", 13 }, { "thirty", 30 }, { "three", 3 },
	{ "twelve", 12 }, { "twenty", 20 }, { "two", 2 },
};

/* Units written differently for the same thing: compared as one. */
static const char *const unit_classes[][2] = {
	{ "citizen", "people" }, { "dwelling", "home" }, { "house", "home" }, { "inhabitant", "people" },
	{ "person", "people" }, { "resident", "people" }, { "traveller", "passenger" },
	{ "wagon", "carriage" }, { "coach", "carriage" },
};

static const char *const honorifics[] = { "mr", "mrs", "ms", "mx", "miss", NULL };

const char *ct_signal_kind_name(enum ct_signal_kind kind)
{
	static const char *const names[] = { "number", "date", "negation", "title", "entity", "quote",
					     "approximation", "spelling", "variant" };
	return (unsigned)kind < sizeof(names) / sizeof(names[0]) ? names[kind] : "other";
}

int ct_signal_contradicts(enum ct_signal_kind kind)
{
	return kind != CT_SIG_APPROXIMATION && kind != CT_SIG_SPELLING && kind != CT_SIG_VARIANT;
}

static int cmp_word(const void *key, const void *elem)
{
	return strcmp(key, ((const struct word *)elem)->w);
}

static int cmp_synonym(const void *key, const void *elem)
{
	return strcmp(key, ((const struct synonym *)elem)->stem);
}

static int word_kind(const char *w)
{
	const struct word *x = bsearch(w, words, sizeof(words) / sizeof(words[0]), sizeof(words[0]), cmp_word);
	return x ? x->kind : 0;
}

int ct_compare_tables_sorted(void)
{
	size_t i;
	for (i = 1; i < sizeof(words) / sizeof(words[0]); i++)
		if (strcmp(words[i - 1].w, words[i].w) >= 0)
			return 0;
	for (i = 1; i < sizeof(synonyms) / sizeof(synonyms[0]); i++)
		if (strcmp(synonyms[i - 1].stem, synonyms[i].stem) >= 0)
			return 0;
	for (i = 1; i < sizeof(numwords) / sizeof(numwords[0]); i++)
		if (strcmp(numwords[i - 1].w, numwords[i].w) >= 0)
			return 0;
	return 1;
}

/* Value of a number word ("seven", "thirty-eight"), or -1. */
static int numword_value(const char *w)
{
	const char *dash = strchr(w, '-');
	if (dash) {
		char head[16];
		int t, u;
		if ((size_t)(dash - w) >= sizeof(head))
			return -1;
		memcpy(head, w, (size_t)(dash - w));
		head[dash - w] = '\0';
		t = numword_value(head);
		u = numword_value(dash + 1);
		return t >= 20 && t % 10 == 0 && u > 0 && u < 10 ? t + u : -1;
	}
	{
		size_t lo = 0, hi = sizeof(numwords) / sizeof(numwords[0]);
		while (lo < hi) {
			size_t mid = (lo + hi) / 2;
			int r = strcmp(w, numwords[mid].w);
			if (!r)
				return numwords[mid].v;
			if (r < 0)
				hi = mid;
			else
				lo = mid + 1;
		}
	}
	return -1;
}

/* Lower-cased ASCII letters and digits of s[0..n) into out (curly apostrophes as ', inner
 * hyphens kept; dots and other punctuation dropped: "U.S." is "us"). */
static size_t fold_word(char *out, size_t cap, const char *s, size_t n)
{
	size_t i, k = 0;
	for (i = 0; i < n && k + 1 < cap; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == 0xe2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 && (unsigned char)s[i + 2] == 0x99) {
			out[k++] = '\'';
			i += 2;
		} else if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || c == '\'' || c >= 0x80 ||
			   (c == '-' && k > 0 && i + 1 < n)) {
			out[k++] = (char)c;
		} else if (c >= 'A' && c <= 'Z') {
			out[k++] = (char)(c + 32);
		}
	}
	out[k] = '\0';
	return k;
}

static uint32_t fnv(const char *s, size_t n)
{
	uint32_t h = 2166136261u;
	size_t i;
	for (i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h | 2;   /* 0 and 1 mean "none" */
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

static void add_term(struct side *sd, uint32_t h, double w, size_t tok, int cls)
{
	struct term *t;
	if (sd->nterms >= MAX_TERMS)
		return;
	t = &sd->terms[sd->nterms++];
	t->h = h;
	t->w = (float)w;
	t->tok = (uint16_t)tok;
	t->cls = (uint8_t)cls;
	t->matched = 0;
	/* a figure or date is read from the token it starts at; clamp for one past the last token */
	t->clauses = (uint8_t)(sd->tk.n ? 1u << sd->clause[tok < sd->tk.n ? tok : sd->tk.n - 1] : 1u);
	t->partner = -1;
	t->credit = 0;
}

/* Marks the tokens inside [start, end) with slot value v. */
static void mark_slot(struct side *sd, size_t start, size_t end, uint8_t v)
{
	size_t i;
	for (i = 0; i < sd->tk.n; i++)
		if (sd->tk.t[i].start >= start && sd->tk.t[i].end <= end)
			sd->slot[i] = v;
}

static int initial_position(const struct side *sd, size_t i)
{
	const struct ct_token *p;
	if (i == 0)
		return 1;
	p = &sd->tk.t[i - 1];
	return (p->flags & (CT_TOK_QUOTE_OPEN | CT_TOK_PUNCT)) && sd->s[p->start] != ',';
}

/* Whether a capitalised first word is a name rather than a word capitalised because it opens the
 * sentence: OPENING_NAME, OPENING_CANDIDATE or 0. Common sentence openers are function words (the
 * lexicon's not-a-name list, the stop words: never here), inflected or derived words
 * ("Firefighters", "Crews", "Salvage", "Heavy": the Snowball stem differs from the word), the
 * very common news words of the synonym table, and the lexicon's other words (titles,
 * organisation and place nouns, verbs of saying, number and date words). A country of the
 * gazetteer is a name; otherwise a plain word of four letters or more that is in none of those
 * ("Dravia", "Ostland", "Skarra") is taken for one. plain: the word is its own stem and has no
 * synonym entry. A word that is not plain only because Snowball changed its ending ("Pellory"
 * stems to "pellori", as "Heavy" to "heavi") but is in no list, not a word of the relatedness
 * lexicon and no adverb in -ly is a candidate: a name only when the other sentence holds a name
 * in the same opening slot (gap_signal), so "Heavy rain fell" / "Steady rain fell" stay words.
 * known: the word has a synonym entry or a concept of the relatedness lexicon. */
enum { OPENING_CANDIDATE = 1, OPENING_NAME = 2 };
static int opening_name(const struct ct_token *t, const char *w, int plain, int known, size_t n)
{
	if (t->lex & CT_LEX_COUNTRY)
		return OPENING_NAME;
	if (n < 4 || t->lex || (t->flags & (CT_TOK_DIGIT | CT_TOK_ABBR | CT_TOK_HYPHEN)))
		return 0;
	if (plain)
		return OPENING_NAME;
	return !known && strcmp(w + n - 2, "ly") ? OPENING_CANDIDATE : 0;
}

static void sort_terms(struct side *sd)
{
	size_t i, k;
	/* insertion sort: a few dozen terms, mostly short runs */
	for (i = 1; i < sd->nterms; i++) {
		struct term t = sd->terms[i];
		size_t j = i;
		while (j > 0 && sd->terms[j - 1].h > t.h) {
			sd->terms[j] = sd->terms[j - 1];
			j--;
		}
		sd->terms[j] = t;
	}
	for (i = k = 0; i < sd->nterms; i++) {
		if (k && sd->terms[k - 1].h == sd->terms[i].h) {
			if (sd->terms[i].w > sd->terms[k - 1].w)
				sd->terms[k - 1].w = sd->terms[i].w;
			sd->terms[k - 1].clauses |= sd->terms[i].clauses;
			continue;
		}
		sd->terms[k++] = sd->terms[i];
	}
	sd->nterms = k;
	sd->wsum = 0;
	for (i = 0; i < k; i++)
		sd->wsum += sd->terms[i].w;
}

/* The canonical key of a date: the day when it is pinned down, else the weekday, else what is
 * stated (kind, year, month, day; the digits of a clock time). */
static uint32_t date_hash(const struct side *sd, const struct ct_date *d)
{
	char key[48];
	int n;
	if (d->resolved[0])
		n = snprintf(key, sizeof(key), "@%s", d->resolved);
	else if (d->weekday >= 0)
		n = snprintf(key, sizeof(key), "@w%d", d->weekday);
	else if (!strcmp(d->kind, "time")) {
		size_t i, k = 0;
		key[k++] = '@';
		for (i = d->start; i < d->end && k + 1 < sizeof(key); i++)
			if (sd->s[i] >= '0' && sd->s[i] <= '9')
				key[k++] = sd->s[i];
		n = (int)k;
	} else
		n = snprintf(key, sizeof(key), "@%s%d-%d-%d", d->kind, d->year, d->month, d->day);
	return fnv(key, n > 0 && (size_t)n < sizeof(key) ? (size_t)n : sizeof(key) - 1);
}

/* Clause boundaries, so that a sentence stating two facts can align with a sentence stating one
 * of them: a semicolon or dash, and a comma before "and", "but", "while", "whereby" or a verb in
 * -ing ("..., flooding the district"); "and that" after a verb of saying. */
static void split_clauses(struct side *sd)
{
	static const char *const joins[] = { "and", "but", "while", "whereby", NULL };
	size_t i, c = 0;
	for (i = 0; i < sd->tk.n; i++) {
		const struct ct_token *t = &sd->tk.t[i];
		int cut = 0;
		if ((t->flags & CT_TOK_PUNCT) && i > 2 && i + 3 < sd->tk.n) {
			char ch = sd->s[t->start];
			if (ch == ';' || (unsigned char)ch == 0xe2)
				cut = ch == ';' || (t->end - t->start == 3 && (unsigned char)sd->s[t->start + 2] == 0x94);
			else if (ch == ',' && !(sd->tk.t[i + 1].flags & CT_TOK_PUNCT)) {
				const struct ct_token *n = &sd->tk.t[i + 1];
				cut = ct_tok_in(&sd->tk, i + 1, joins) ||
				      (n->end - n->start > 5 && !memcmp(sd->s + n->end - 3, "ing", 3) && !sd->slot[i + 1]);
			}
		} else if (ct_tok_is(&sd->tk, i, "and") && ct_tok_is(&sd->tk, i + 1, "that") && i > 2)
			cut = 1;
		if (cut && c + 1 < MAX_CLAUSES)
			c++;
		sd->clause[i] = (uint8_t)c;
	}
	sd->nclauses = c + 1;
}

static int keep_first_date(const struct ct_date *d, void *payload)
{
	*(struct ct_date *)payload = *d;
	return 1;
}

/* Weekdays in a possessive ("Tuesday's storm surge"), which the date scanner leaves aside: the
 * weekday name is scanned alone (resolved against published like "on Tuesday") and kept as a
 * date whose span is the name. */
static void possessive_weekdays(struct side *sd, const char *published)
{
	size_t i, k;
	char w[24];
	for (i = 0; i < sd->tk.n && sd->ndates < MAX_ITEMS; i++) {
		const struct ct_token *t = &sd->tk.t[i];
		struct ct_date d;
		size_t n;
		if (!(t->flags & CT_TOK_CAP) || t->end - t->start >= sizeof(w))
			continue;
		n = fold_word(w, sizeof(w), sd->s + t->start, t->end - t->start);
		if (n < 8 || strcmp(w + n - 2, "'s"))
			continue;
		w[n - 2] = '\0';
		if (ct_weekday_word(w) < 0)
			continue;
		for (k = 0; k < sd->ndates && !(sd->dates[k].start <= t->start && sd->dates[k].end > t->start); k++)
			;
		if (k < sd->ndates)
			continue;   /* already part of a date ("Tuesday's" never is today; kept general) */
		memset(&d, 0, sizeof(d));
		if (ct_dates_scan(sd->s + t->start, n - 2, published, keep_first_date, &d) != 1 || d.weekday < 0)
			continue;
		d.start = t->start;
		d.end = t->start + (n - 2);
		sd->dates[sd->ndates++] = d;
	}
}

/* Words that make "7 to 2" a vote tally or a score rather than a change ("from 7 to 2"). */
static const char *const tally_words[] = { "ballot", "beat", "count", "decision", "defeated", "lost", "majority",
					   "margin", "passed", "ruled", "ruling", "tally", "verdict", "vote",
					   "voted", "votes", "won", NULL };

/* The value of token i as a count (digits or a number word), or -1. */
static int count_value(const struct side *sd, size_t i)
{
	const struct ct_token *t;
	char w[16];
	size_t n, k;
	int v = 0;
	if (i >= sd->tk.n || sd->tk.t[i].end - sd->tk.t[i].start >= sizeof(w))
		return -1;
	t = &sd->tk.t[i];
	n = fold_word(w, sizeof(w), sd->s + t->start, t->end - t->start);
	if (!(t->flags & CT_TOK_DIGIT))
		return n ? numword_value(w) : -1;
	if (n > 3)
		return -1;
	for (k = 0; k < n; k++) {
		if (w[k] < '0' || w[k] > '9')
			return -1;
		v = v * 10 + (w[k] - '0');
	}
	return v;
}

/* Drops the figures the scanner read inside [start, end) and keeps a tally there instead. */
static void keep_tally(struct side *sd, size_t start, size_t end, int hi, int lo)
{
	size_t i, k;
	for (i = k = 0; i < sd->nnums; i++)   /* (the scanner's second count of "a 5-4 vote" is "4 vote") */
		if (!(sd->nums[i].start >= start && sd->nums[i].start < end))
			sd->nums[k++] = sd->nums[i];
	sd->nnums = k;
	if (sd->nnums >= MAX_ITEMS)
		return;
	memset(&sd->nums[sd->nnums], 0, sizeof(sd->nums[0]));
	sd->nums[sd->nnums].start = start;
	sd->nums[sd->nnums].end = end;
	sd->nums[sd->nnums].value = hi;
	sd->nums[sd->nnums].high = lo;
	snprintf(sd->nums[sd->nnums].unit, sizeof(sd->nums[0].unit), "tally");
	sd->nnums++;
}

/* Vote tallies and scores, which have no unit: "a 7-2 vote", "by 7 to 2", "seven votes to two".
 * Kept among the figures with unit "tally", value the first count and high the second (never
 * below it; "30-40" and "30 to 40" are ranges). The "to" form needs a vote word in the sentence
 * and no "from"/"between" before it. */
static void tallies(struct side *sd)
{
	size_t i, j;
	int voting = 0;
	for (i = 0; i < sd->tk.n && !voting; i++)
		voting = ct_tok_in(&sd->tk, i, tally_words);
	for (i = 0; i < sd->tk.n; i++) {
		const struct ct_token *t = &sd->tk.t[i];
		int hi = -1, lo = -1;
		if (i > 0 && (ct_tok_is(&sd->tk, i - 1, "from") || ct_tok_is(&sd->tk, i - 1, "between")))
			continue;
		if ((t->flags & CT_TOK_DIGIT) && (t->flags & CT_TOK_HYPHEN)) {
			const char *p = sd->s + t->start, *e = sd->s + t->end;
			int nd = 0;
			hi = lo = 0;
			while (p < e && *p >= '0' && *p <= '9' && nd < 4) {
				hi = hi * 10 + (*p++ - '0');
				nd++;
			}
			if (nd == 0 || nd > 3 || p >= e || *p++ != '-')
				continue;
			for (nd = 0; p < e && *p >= '0' && *p <= '9' && nd < 4; nd++)
				lo = lo * 10 + (*p++ - '0');
			if (nd == 0 || nd > 3 || p != e || lo > hi)
				continue;
			keep_tally(sd, t->start, t->end, hi, lo);
			continue;
		}
		if (!voting || (hi = count_value(sd, i)) < 0)
			continue;
		j = i + 1;
		if (ct_tok_is(&sd->tk, j, "votes") || ct_tok_is(&sd->tk, j, "vote"))
			j++;
		if (!ct_tok_is(&sd->tk, j, "to") || (lo = count_value(sd, j + 1)) < 0 || lo > hi)
			continue;
		keep_tally(sd, t->start, sd->tk.t[j + 1].end, hi, lo);
		i = j + 1;
	}
}

/* The term of a denied word (hash h of its class) read at token tok: "!" and the class. */
static void add_denied(struct side *sd, uint32_t h, size_t tok)
{
	char key[16];
	int m = snprintf(key, sizeof(key), "!%08x", (unsigned)h);
	add_term(sd, fnv(key, (size_t)m), W_DENIED, tok, T_WORD);
}

/* Words that deny their base by a prefix ("uninhabitable" = "not habitable"), and the phrase
 * "fit to live in" = "habitable": so that "41 homes were uninhabitable", "no longer fit to live in"
 * and "no more habitable" share the base and its denial. General English, no story's words. */
static const char *const denying_prefixed[][2] = {
	{ "unfit", "fit" }, { "unharmed", "harmed" }, { "unhurt", "hurt" }, { "uninhabitable", "habitable" },
	{ "uninjured", "injured" }, { "unsafe", "safe" },
};

/* Verbs keeping a state ("stayed open", "remained shut", "left open"): the state denies its
 * antonym, so "stayed open" shares the denial of "failed to close". */
static const char *const keeping[] = { "kept", "left", "remain", "remained", "remains", "stay", "stayed", "stays",
				      NULL };

/* 1 when token i's canonical form (stem or class) is c. */
static int stem_is(const struct side *sd, size_t i, const char *c)
{
	size_t n = strlen(c);
	return sd->tlen[i] == n && !memcmp(sd->pool + sd->toff[i], c, n);
}

/* A denial by a negative quantifier states a fact of its own: "nobody was killed", "no deaths
 * were reported", "none of them died" all say that there were no deaths, and share no word
 * beyond "deaths". So does a denied verb of reporting or finding ("deaths were not reported",
 * "no defects were found"), which bears on what was (not) reported. Each such denial adds one
 * term, the denied word's class marked as denied, which its paraphrases share; "would not
 * cancel" and other plain denials add nothing (the negation signal compares those). */
static void denied_facts(struct side *sd)
{
	static const char *const quantifiers[] = { "no", "nobody", "none", "nothing", "neither", NULL };
	static const char *const reporting[] = { "confirm", "find", "found", "record", "report", "seen", NULL };
	size_t k;
	for (k = 0; k < sd->nneg; k++) {
		size_t n = sd->neg[k], j;
		uint32_t h = sd->negated[k];
		int rep = 0;
		for (j = 0; reporting[j] && h > 1; j++)
			rep |= h == fnv(reporting[j], strlen(reporting[j]));
		if (rep) {
			/* "deaths were not reported": the content word before the denial, within three tokens */
			h = 0;
			for (j = n; j > 0 && n - j < 3; j--)
				if (sd->role[j - 1] == R_CONTENT) {
					h = sd->th[j - 1];
					break;
				}
		} else if (!ct_tok_in(&sd->tk, n, quantifiers)) {
			continue;
		}
		if (h <= 1)
			continue;
		add_denied(sd, h, n);
	}
}

static void analyse(struct side *sd, struct sb_stemmer *stemmer, const char *s, size_t len, const char *published)
{
	size_t i;
	char w[64];
	int skip_one = 0, denied = 0, negverb_denial = 0;
	size_t skip_tok = (size_t)-1, negverb_tok = (size_t)-1;
	sd->s = s;
	sd->len = len;
	ct_tokenize(&sd->tk, s, len);
	ct_sentence_entities(&sd->tk, &sd->ents);
	ct_quote_find(&sd->tk, &sd->quote);
	ct_attribution_find(&sd->tk, &sd->ents, &sd->quote, &sd->attr);
	sd->nnums = sd->ndates = sd->nterms = sd->nneg = sd->nnegverb = sd->npool = 0;
	sd->opening_name = 0;
	ct_numbers_scan(s, len, keep_number, sd);
	ct_dates_scan(s, len, published, keep_date, sd);
	possessive_weekdays(sd, published);
	tallies(sd);
	memset(sd->slot, 0, sd->tk.n);
	for (i = 0; i < sd->nnums; i++)
		mark_slot(sd, sd->nums[i].start, sd->nums[i].end, 1);
	for (i = 0; i < sd->ndates; i++) {
		size_t k, end = sd->dates[i].end;
		/* a possessive weekday's date ends inside its token ("Tuesday" of "Tuesday's") */
		for (k = 0; k < sd->tk.n; k++)
			if (sd->tk.t[k].start < end && sd->tk.t[k].end > end)
				end = sd->tk.t[k].end;
		mark_slot(sd, sd->dates[i].start, end, 2);
	}
	split_clauses(sd);
	for (i = 0; i < sd->tk.n; i++) {
		const struct ct_token *t = &sd->tk.t[i];
		size_t n;
		int kind, v;
		sd->role[i] = R_NONE;
		sd->tlen[i] = 0;
		sd->rel[i][0] = sd->rel[i][1] = 0;
		if (t->flags & CT_TOK_PUNCT) {
			sd->th[i] = fnv(s + t->start, t->end - t->start);
			/* Punctuation ends a negation's reach: "did not," denies nothing after the comma. */
			if (sd->nneg && !sd->negated[sd->nneg - 1])
				sd->negated[sd->nneg - 1] = 1;
			continue;
		}
		n = fold_word(w, sizeof(w), s + t->start, t->end - t->start);
		sd->th[i] = fnv(w, n);
		if (!n)
			continue;
		if (skip_one) {
			skip_one = 0;
			if (!strcmp(w, "one") || !strcmp(w, "longer"))
				continue;   /* "no one", "no longer" */
		}
		if (i == skip_tok)
			continue;   /* "live" of "fit to live in" */
		denied = negverb_denial = 0;
		{
			size_t d;
			for (d = 0; w[0] == 'u' && d < sizeof(denying_prefixed) / sizeof(denying_prefixed[0]); d++)
				if (!strcmp(w, denying_prefixed[d][0])) {
					n = strlen(denying_prefixed[d][1]);
					memcpy(w, denying_prefixed[d][1], n + 1);
					denied = 1;
					break;
				}
			if (w[0] == 'f' && !strcmp(w, "fit") && ct_tok_is(&sd->tk, i + 1, "to") && ct_tok_is(&sd->tk, i + 2, "live")) {
				n = strlen("habitable");
				memcpy(w, "habitable", n + 1);
				skip_tok = i + 2;
			}
		}
		if (sd->slot[i] == 2)
			continue;   /* a date: one term for the whole expression, below */
		if (sd->slot[i] == 1 && !strcmp(w, "no") && (t->flags & CT_TOK_ABBR))
			continue;   /* "No." of "No. 3": the label is its figure's term */
		v = (t->flags & CT_TOK_DIGIT) ? -1 : numword_value(w);
		if (sd->slot[i] == 1 && ((t->flags & CT_TOK_DIGIT) || v >= 0 ||
					 !strcmp(w, "million") || !strcmp(w, "billion") || !strcmp(w, "thousand") ||
					 !strcmp(w, "hundred") || !strcmp(w, "trillion")))
			continue;   /* a figure: one term for the whole number, below */
		kind = (t->flags & CT_TOK_ABBR) && strcmp(w, "us") ? 0 : word_kind(w);
		if (!strcmp(w, "us") && (t->flags & (CT_TOK_ALLCAPS | CT_TOK_ABBR)))
			kind = 0;   /* US, U.S.: the country, not the pronoun */
		if (kind == K_NEG || (kind == 0 && n > 3 && !strcmp(w + n - 3, "n't"))) {
			if (sd->nneg < MAX_ITEMS) {
				sd->neg[sd->nneg] = i;
				sd->neg_verb[sd->nneg] = 0;
				sd->negated[sd->nneg++] = 0;
			}
			sd->role[i] = R_NEG;
			sd->th[i] = fnv("not", 3);
			skip_one = !strcmp(w, "no");
			continue;
		}
		if (kind == K_NEGVERB) {
			/* "had not ruled out arson", "did not refuse": the denial of a denial, which the
			 * negation signal sets against the denial alone ("had ruled out arson") */
			if (sd->nneg && !sd->negated[sd->nneg - 1] && i - sd->neg[sd->nneg - 1] <= 2) {
				sd->neg_verb[sd->nneg - 1] = 1;
				continue;
			}
			sd->nnegverb++;
			/* "failed to close" denies closing; "refused", "ruled out" and the like deny a
			 * decision rather than a state, and are left to the negation signal */
			if (!strncmp(w, "fail", 4))
				negverb_tok = i;
			continue;
		}
		if (kind == K_STOP)
			continue;
		{
			const char *stem = w;
			size_t sn = n;
			double weight = W_WORD;
			int cls = T_WORD, plain = 0, known = 0;
			if (v >= 0) {
				sn = (size_t)snprintf(w, sizeof(w), "%d", v);
				cls = T_NUM;
				weight = W_NUM;
			} else if (t->flags & CT_TOK_DIGIT) {
				cls = T_NUM;
				weight = W_NUM;
			} else if (!strcmp(w, "us")) {
				stem = "usa";
				sn = 3;
			} else if (stemmer) {
				const sb_symbol *st = sb_stemmer_stem(stemmer, (const sb_symbol *)w, (int)n);
				if (st) {
					const struct synonym *syn;
					char key[64];
					sn = (size_t)sb_stemmer_length(stemmer);
					if (sn >= sizeof(key))
						sn = sizeof(key) - 1;
					memcpy(key, st, sn);
					key[sn] = '\0';
					stem = (const char *)st;
					syn = bsearch(key, synonyms, sizeof(synonyms) / sizeof(synonyms[0]), sizeof(synonyms[0]),
						      cmp_synonym);
					plain = !syn && sn == n && !memcmp(st, w, n);
					if (!ct_related_concepts(key, strlen(key), sd->rel[i]) && syn && syn->canon)
						ct_related_concepts(syn->canon, strlen(syn->canon), sd->rel[i]);
					known = syn || sd->rel[i][0];
					if (syn && syn->canon) {
						const struct synonym *base = bsearch(syn->canon, synonyms, sizeof(synonyms) / sizeof(synonyms[0]),
										     sizeof(synonyms[0]), cmp_synonym);
						stem = syn->canon;
						sn = strlen(stem);
						if (base && !base->canon)
							weight = W_COMMON;   /* "found" is "find", as common */
					} else if (syn) {
						weight = W_COMMON;
					}
				}
			}
			if ((t->flags & (CT_TOK_CAP | CT_TOK_ALLCAPS)) && !initial_position(sd, i) && cls == T_WORD) {
				cls = T_NAME;
				weight = W_NAME;
				sd->rel[i][0] = sd->rel[i][1] = 0;   /* a name is not the word it is spelled as */
			}
			if (i == 0 && cls == T_WORD && (t->flags & CT_TOK_CAP))
				sd->opening_name = opening_name(t, w, plain, known, n);
			sd->th[i] = fnv(stem, sn);
			sd->role[i] = R_CONTENT;
			if (sn < 256 && sd->npool + sn <= POOL_SIZE) {
				memcpy(sd->pool + sd->npool, stem, sn);
				sd->toff[i] = (uint16_t)sd->npool;
				sd->tlen[i] = (uint8_t)sn;
				sd->npool += sn;
			}
			add_term(sd, sd->th[i], weight, i, cls);
			/* "failed to close": a denial in other words of the next content word (within
			 * three tokens) */
			if (negverb_tok != (size_t)-1 && i - negverb_tok <= 3)
				denied = negverb_denial = 1;
			negverb_tok = (size_t)-1;
			/* "stayed open" = not closed: the antonym of a state kept */
			if (i > 0 && cls == T_WORD && stem_is(sd, i, "open") && ct_tok_in(&sd->tk, i - 1, keeping))
				add_denied(sd, fnv("close", 5), i);
			else if (i > 0 && cls == T_WORD && stem_is(sd, i, "close") && ct_tok_in(&sd->tk, i - 1, keeping))
				add_denied(sd, fnv("open", 4), i);
			if (denied)
				add_denied(sd, sd->th[i], i);
			/* a prefix denial is a negation of its own word for the negation signal:
			 * "uninhabitable" / "habitable" flips, "uninhabitable" / "not fit to live in" not */
			if (denied && !negverb_denial && sd->nneg < MAX_ITEMS) {
				sd->neg[sd->nneg] = i;
				sd->neg_verb[sd->nneg] = 0;
				sd->negated[sd->nneg++] = sd->th[i];
			}
		}
		/* The first content word after a negation (within four tokens) is what it denies. */
		if (sd->nneg && !sd->negated[sd->nneg - 1] && i - sd->neg[sd->nneg - 1] <= 4)
			sd->negated[sd->nneg - 1] = sd->th[i];
	}
	for (i = 0; i < sd->nnums; i++) {
		char key[64];
		const struct ct_number *nm = &sd->nums[i];
		int k = nm->high != nm->value ? snprintf(key, sizeof(key), "#%g-%g", nm->value, nm->high)
					       : snprintf(key, sizeof(key), "#%g", nm->value);
		size_t tok = 0;
		while (tok < sd->tk.n && sd->tk.t[tok].start < nm->start)
			tok++;
		/* "Gate No. 3" is a label, a name every outlet repeats, not a figure of the fact */
		add_term(sd, fnv(key, (size_t)k), strcmp(nm->unit, "no") ? W_NUM : W_LABEL, tok, T_NUM);
	}
	for (i = 0; i < sd->ndates; i++) {
		size_t tok = 0;
		while (tok < sd->tk.n && sd->tk.t[tok].start < sd->dates[i].start)
			tok++;
		add_term(sd, date_hash(sd, &sd->dates[i]), W_DATE, tok, T_DATE);
	}
	denied_facts(sd);
	sort_terms(sd);
}

/* ---- similarity ---- */

/* Dice of the weights, with a share for how much of the lighter side is covered. */
static double blend(double m, double wa, double wb)
{
	double dice = 2.0 * m / (wa + wb), cover = m / (wa < wb ? wa : wb);
	if (cover > 1)
		cover = 1;
	return (1 - COVER_SHARE) * dice + COVER_SHARE * cover;
}

static size_t common_prefix(const char *x, size_t xn, const char *y, size_t yn)
{
	size_t k = 0;
	while (k < xn && k < yn && x[k] == y[k])
		k++;
	return k;
}

/* Dice of the letter trigrams of two short words. */
static double trigram_dice(const char *x, size_t xn, const char *y, size_t yn)
{
	size_t i, j, both = 0;
	uint8_t used[64] = { 0 };
	if (xn < 3 || yn < 3 || yn - 2 > sizeof(used))
		return 0;
	for (i = 0; i + 2 < xn; i++)
		for (j = 0; j + 2 < yn; j++)
			if (!used[j] && x[i] == y[j] && x[i + 1] == y[j + 1] && x[i + 2] == y[j + 2]) {
				used[j] = 1;
				both++;
				break;
			}
	return 2.0 * (double)both / (double)(xn - 2 + yn - 2);
}

/* Whether two words that are not equal are forms of one word: a long shared start ("electric",
 * "electricity") or, for names, most letter trigrams ("Dunmore", "Dunmoore"). */
static int similar_form(const char *x, size_t xn, const char *y, size_t yn, int names)
{
	size_t m = xn < yn ? xn : yn, p;
	if (m < 4)
		return 0;
	p = common_prefix(x, xn, y, yn);
	if (p >= 4 && p * 4 >= m * 3)
		return 1;
	if (!names || x[0] != y[0] || (xn > yn ? xn - yn : yn - xn) > 2 || m < 5)
		return 0;
	return trigram_dice(x, xn, y, yn) >= 0.5;
}

/* The date of sd read from token tok, or NULL. */
static const struct ct_date *date_at(const struct side *sd, size_t tok)
{
	size_t i;
	for (i = 0; i < sd->ndates; i++)
		if (tok < sd->tk.n && sd->dates[i].start <= sd->tk.t[tok].start && sd->dates[i].end > sd->tk.t[tok].start)
			return &sd->dates[i];
	return NULL;
}

/* Two dates of different kinds in different years ("scheduled for November" of this year, "by
 * the end of 2027"), or a boundary and a point in time: not one slot, the signals would not
 * compare them. */
static const char *bounding(const struct side *sd, const struct ct_date *d);

static int other_time(const struct side *a, size_t ta, const struct side *b, size_t tb)
{
	const struct ct_date *x = date_at(a, ta), *y = date_at(b, tb);
	/* a boundary ("suspended until at least Wednesday") is not a point in time; two clock times
	 * are one slot either way ("needed until around 13.10 o'clock" / "at 1:10 p.m.") */
	if (x && y && !bounding(a, x) != !bounding(b, y) && (strcmp(x->kind, "time") || strcmp(y->kind, "time")))
		return 1;
	return x && y && strcmp(x->kind, y->kind) && x->year && y->year && x->year != y->year;
}

/* Whether token i of a and token j of b share a concept of the relatedness lexicon. */
static int related_tokens(const struct side *a, size_t i, const struct side *b, size_t j)
{
	const uint8_t *x = a->rel[i], *y = b->rel[j];
	return x[0] && y[0] && (x[0] == y[0] || x[0] == y[1] || (x[1] && (x[1] == y[0] || x[1] == y[1])));
}

static double similarity(struct side *a, struct side *b)
{
	size_t i = 0, j = 0;
	double m = 0;
	if (!a->nterms || !b->nterms)
		return 0;
	while (i < a->nterms && j < b->nterms) {
		if (a->terms[i].h == b->terms[j].h) {
			a->terms[i].matched = b->terms[j].matched = 1;
			a->terms[i].partner = (int16_t)j;
			a->terms[i].credit = 1;
			m += (a->terms[i].w + b->terms[j].w) / 2;
			i++;
			j++;
		} else if (a->terms[i].h < b->terms[j].h)
			i++;
		else
			j++;
	}
	for (i = 0; i < a->nterms; i++) {
		struct term *x = &a->terms[i];
		if (x->matched)
			continue;
		for (j = 0; j < b->nterms; j++) {
			struct term *y = &b->terms[j];
			double credit = 0;
			if (y->matched)
				continue;
			if ((x->cls == T_NUM || x->cls == T_DATE) && x->cls == y->cls)
				credit = x->cls == T_NUM ? SLOT_CREDIT : other_time(a, x->tok, b, y->tok) ? 0 : DATE_SLOT_CREDIT;
			else if ((x->cls == T_WORD || x->cls == T_NAME) && (y->cls == T_WORD || y->cls == T_NAME) &&
				 a->tlen[x->tok] && b->tlen[y->tok] &&
				 similar_form(a->pool + a->toff[x->tok], a->tlen[x->tok], b->pool + b->toff[y->tok],
					      b->tlen[y->tok], x->cls == T_NAME && y->cls == T_NAME))
				credit = SOFT_CREDIT;
			if (credit > 0) {
				x->matched = y->matched = 1;
				x->partner = (int16_t)j;
				x->credit = (float)credit;
				m += credit * (x->w + y->w) / 2;
				break;
			}
		}
	}
	for (i = 0; i < a->nterms; i++) {
		struct term *x = &a->terms[i];
		if (x->matched || x->cls != T_WORD)
			continue;
		for (j = 0; j < b->nterms; j++) {
			struct term *y = &b->terms[j];
			if (y->matched || y->cls != T_WORD || !related_tokens(a, x->tok, b, y->tok))
				continue;
			x->matched = y->matched = 1;
			x->partner = (int16_t)j;
			x->credit = (float)REL_CREDIT;
			m += REL_CREDIT * (x->w + y->w) / 2;
			break;
		}
	}
	return blend(m, a->wsum, b->wsum);
}

/* The best match of one clause of a with one clause of b, when either has several: "Nearly 40
 * people were treated, and almost 2,000 residents were evacuated" states the fact of "forcing
 * almost 2,000 people from their homes" in its second clause. Needs the similarity pass. */
static double clause_similarity(const struct side *a, const struct side *b)
{
	double wa[MAX_CLAUSES] = { 0 }, wb[MAX_CLAUSES] = { 0 }, best = 0;
	double m[MAX_CLAUSES][MAX_CLAUSES];
	size_t i, ca, cb;
	if (a->nclauses < 2 && b->nclauses < 2)
		return 0;
	memset(m, 0, sizeof(m));
	for (i = 0; i < a->nterms; i++)
		for (ca = 0; ca < a->nclauses; ca++)
			if (a->terms[i].clauses & (1u << ca))
				wa[ca] += a->terms[i].w;
	for (i = 0; i < b->nterms; i++)
		for (cb = 0; cb < b->nclauses; cb++)
			if (b->terms[i].clauses & (1u << cb))
				wb[cb] += b->terms[i].w;
	for (i = 0; i < a->nterms; i++) {
		const struct term *x = &a->terms[i], *y;
		if (x->partner < 0)
			continue;
		y = &b->terms[x->partner];
		for (ca = 0; ca < a->nclauses; ca++)
			if (x->clauses & (1u << ca))
				for (cb = 0; cb < b->nclauses; cb++)
					if (y->clauses & (1u << cb))
						m[ca][cb] += x->credit * (x->w + y->w) / 2;
	}
	for (ca = 0; ca < a->nclauses; ca++)
		for (cb = 0; cb < b->nclauses; cb++) {
			double v;
			if (wa[ca] < CLAUSE_MIN_WEIGHT || wb[cb] < CLAUSE_MIN_WEIGHT)
				continue;
			v = blend(m[ca][cb], wa[ca], wb[cb]);
			if (v > best)
				best = v;
		}
	return best * CLAUSE_FACTOR;
}

/* ---- signals ---- */

static int spans_overlap(size_t s1, size_t e1, size_t s2, size_t e2)
{
	return s1 < e2 && s2 < e1;
}

static void add_signal(struct ct_comparison *c, enum ct_signal_kind kind, size_t as, size_t ae, size_t bs, size_t be)
{
	struct ct_signal *s;
	size_t i;
	for (i = 0; i < c->nsignals; i++) {
		s = &c->signals[i];
		/* one signal per differing stretch: the first kind to name it wins */
		if ((as < ae && spans_overlap(s->a_start, s->a_end, as, ae)) &&
		    (bs < be && spans_overlap(s->b_start, s->b_end, bs, be)))
			return;
	}
	if (c->nsignals >= CT_COMPARE_MAX_SIGNALS)
		return;
	s = &c->signals[c->nsignals++];
	s->kind = kind;
	s->a_start = as;
	s->a_end = ae;
	s->b_start = bs;
	s->b_end = be;
}

/* The number with its unit folded into a class ("residents", "persons" are people). */
static struct ct_number unit_class(const struct ct_number *n)
{
	struct ct_number x = *n;
	size_t i;
	for (i = 0; i < sizeof(unit_classes) / sizeof(unit_classes[0]); i++)
		if (!strcmp(x.unit, unit_classes[i][0])) {
			snprintf(x.unit, sizeof(x.unit), "%s", unit_classes[i][1]);
			break;
		}
	return x;
}

static int counted(const struct ct_number *n)
{
	return n->unit[0] && strcmp(n->unit, "no") && strcmp(n->unit, "tally");
}

static int is_tally(const struct ct_number *n)
{
	return !strcmp(n->unit, "tally");
}

/* A tally of a against the tallies of b: another split of the votes ("7 to 2" / "6 to 3") is a
 * number mismatch; no tally in b says nothing. */
static void tally_signals(const struct side *a, const struct side *b, struct ct_comparison *c)
{
	size_t i, j;
	for (i = 0; i < a->nnums; i++) {
		const struct ct_number *na = &a->nums[i], *other = NULL;
		int same = 0;
		if (!is_tally(na))
			continue;
		for (j = 0; j < b->nnums; j++) {
			if (!is_tally(&b->nums[j]))
				continue;
			if (b->nums[j].value == na->value && b->nums[j].high == na->high)
				same = 1;
			else if (!other)
				other = &b->nums[j];
		}
		if (!same && other)
			add_signal(c, CT_SIG_NUMBER, na->start, na->end, other->start, other->end);
	}
}

/* Whether some number of sd is compatible with n (the same figure said there). */
static int has_compatible(const struct side *sd, const struct ct_number *n)
{
	size_t j;
	struct ct_number x = unit_class(n);
	for (j = 0; j < sd->nnums; j++) {
		struct ct_number y = unit_class(&sd->nums[j]);
		if (is_tally(&y))
			continue;
		if (ct_numbers_compatible(&x, &y) == 1)
			return 1;
		/* the same figure of another unit is still that figure, not a contradiction */
		if (y.value == x.value && y.high == x.high && strcmp(x.unit, y.unit))
			return 1;
	}
	return 0;
}

/* The first token of the span [start, end) of sd and the token after its last. */
static void span_tokens(const struct side *sd, size_t start, size_t end, size_t *first, size_t *last_end)
{
	size_t i = 0;
	while (i < sd->tk.n && sd->tk.t[i].start < start)
		i++;
	*first = i;
	while (i < sd->tk.n && sd->tk.t[i].start < end)
		i++;
	*last_end = i;
}

/* Whether a content word within REACH tokens of x's span [xs0, xe0) is said within REACH tokens
 * of y's span [ys0, ye0): the two spans are told of the same thing. */
#define SPAN_REACH 4
static int spans_anchored(const struct side *x, size_t xs0, size_t xe0, const struct side *y, size_t ys0, size_t ye0)
{
	size_t xs, xe, ys, ye, i, j;
	span_tokens(x, xs0, xe0, &xs, &xe);
	span_tokens(y, ys0, ye0, &ys, &ye);
	for (i = xs > SPAN_REACH ? xs - SPAN_REACH : 0; i < xe + SPAN_REACH && i < x->tk.n; i++) {
		if (x->role[i] != R_CONTENT || (i >= xs && i < xe))
			continue;
		for (j = ys > SPAN_REACH ? ys - SPAN_REACH : 0; j < ye + SPAN_REACH && j < y->tk.n; j++)
			if (y->role[j] == R_CONTENT && (j < ys || j >= ye) && y->th[j] == x->th[i])
				return 1;
	}
	return 0;
}

/* Under this score a figure mismatch needs its figures anchored (spans_anchored): "Around 620
 * firefighters are on the fire lines" / "One firefighter was treated in hospital" count two
 * things of the firefighters. */
#define NUMBER_LOOSE_SCORE 0.5

static void number_signals(const struct side *a, const struct side *b, struct ct_comparison *c)
{
	size_t i, j;
	for (i = 0; i < a->nnums; i++) {
		struct ct_number na = unit_class(&a->nums[i]);
		const struct ct_number *bad = NULL, *variant = NULL;
		int ok = 0;
		if (!counted(&na))
			continue;
		for (j = 0; j < b->nnums; j++) {
			struct ct_number nb = unit_class(&b->nums[j]);
			int r;
			if (!counted(&nb))
				continue;
			r = ct_numbers_compatible(&na, &nb);
			if (r == 1) {
				ok = 1;
				if (na.value != nb.value || (na.approx != nb.approx &&
							     (!na.approx || !nb.approx || strcmp(na.approx, nb.approx))))
					variant = &b->nums[j];
				else
					variant = NULL;
				break;
			}
			/* a mismatch only when b's figure is not said in a either (40 people and 2,000
			 * residents in one, 2,000 people in the other) */
			if (r == 0 && !bad && !has_compatible(a, &b->nums[j]))
				bad = &b->nums[j];
		}
		if (ok && variant)
			add_signal(c, CT_SIG_APPROXIMATION, na.start, na.end, variant->start, variant->end);
		else if (!ok && bad && (c->score >= NUMBER_LOOSE_SCORE ||
					spans_anchored(a, na.start, na.end, b, bad->start, bad->end)))
			add_signal(c, CT_SIG_NUMBER, na.start, na.end, bad->start, bad->end);
	}
}

/* The word that opens a date expression when it bounds something else ("since Monday",
 * "until Friday"), or NULL when the date is the day of the fact. */
static const char *bounding(const struct side *sd, const struct ct_date *d)
{
	static const char *const leads[] = { "since", "until", "till", "by", "before", "after", "through", NULL };
	char w[16];
	size_t e = d->start, k;
	while (e < d->end && sd->s[e] != ' ')
		e++;
	fold_word(w, sizeof(w), sd->s + d->start, e - d->start);
	for (k = 0; leads[k]; k++)
		if (!strcmp(w, leads[k]))
			return leads[k];
	/* "until at least Wednesday", "by the latest Friday", "since about 10 a.m.": the date
	 * scanner leaves the lead outside the date when a qualifier stands between */
	{
		static const char *const between[] = { "about", "approximately", "around", "at", "circa", "earliest",
							"latest", "least", "roughly", "the", "very", NULL };
		size_t i = 0, n;
		while (i < sd->tk.n && sd->tk.t[i].start < d->start)
			i++;
		for (n = 0; i > 0 && n < 3; n++) {
			i--;
			for (k = 0; leads[k]; k++)
				if (ct_tok_is(&sd->tk, i, leads[k]))
					return n ? leads[k] : NULL;
			if (!ct_tok_in(&sd->tk, i, between))
				break;
		}
	}
	return NULL;
}

/* "said on Wednesday", "told reporters on Tuesday": the day something was said, not the day of
 * the fact. */
static int said_date(const struct side *sd, const struct ct_date *d)
{
	size_t i = 0, k;
	while (i < sd->tk.n && sd->tk.t[i].start < d->start)
		i++;
	for (k = 1; k <= 3 && k <= i; k++)
		if (CT_TOK_LEX(&sd->tk, i - k, CT_LEX_SAY))
			return 1;
	return 0;
}

/* "the night to Friday", "the night into Friday", "overnight into Friday": a night named by the
 * day it ends on (a translation's "die Nacht zum Freitag"), which began the day before. */
static int night_before(const struct side *sd, const struct ct_date *d)
{
	static const char *const links[] = { "before", "into", "to", NULL };
	static const char *const nights[] = { "night", "overnight", NULL };
	size_t i = 0;
	while (i < sd->tk.n && sd->tk.t[i].start < d->start)
		i++;
	if (i < sd->tk.n && ct_tok_in(&sd->tk, i, links))
		i++;   /* the date scanner may have kept the link ("before Friday") */
	return i >= 2 && ct_tok_in(&sd->tk, i - 1, links) && ct_tok_in(&sd->tk, i - 2, nights);
}

/* The day before a resolved "YYYY-MM-DD" into out (11 bytes), or "" when it is malformed. */
static void day_before(const char *resolved, char out[11])
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int y, m, d;
	out[0] = '\0';
	if (sscanf(resolved, "%4d-%2d-%2d", &y, &m, &d) != 3 || m < 1 || m > 12 || d < 1)
		return;
	if (--d == 0) {
		if (--m == 0) {
			m = 12;
			y--;
		}
		d = mdays[m - 1] + (m == 2 && ((y % 4 == 0 && y % 100) || y % 400 == 0));
	}
	snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
}

/* Whether x's date dx names the day of y's date dy, or a night named by the next day
 * ("the night to Friday") begins on it ("Thursday night"); two such nights are compared as they
 * are named. weekdays: compare the weekdays, else the resolved days. */
static int same_day(const struct side *x, const struct ct_date *dx, const struct side *y, const struct ct_date *dy,
		    int weekdays)
{
	char prev[11];
	int nx = night_before(x, dx), ny = night_before(y, dy);
	if (weekdays)
		return dx->weekday == dy->weekday || (nx && !ny && (dx->weekday + 6) % 7 == dy->weekday) ||
		       (ny && !nx && (dy->weekday + 6) % 7 == dx->weekday);
	if (!strcmp(dx->resolved, dy->resolved))
		return 1;
	if (nx == ny)
		return 0;
	day_before(nx ? dx->resolved : dy->resolved, prev);
	return !strcmp(prev, nx ? dy->resolved : dx->resolved);
}

/* Whether a content word near x's date dx (SPAN_REACH tokens) is said near y's date dy: the two
 * dates are told of the same thing ("derailed ... outside Kelderbrook early on Monday" / "came off
 * the tracks near Kelderbrook on Tuesday"), not of two events of a loosely aligned pair ("arrived
 * in Port Alder on Wednesday" / "remained open during the storm flood of Tuesday"). */
static int dates_anchored(const struct side *x, const struct ct_date *dx, const struct side *y, const struct ct_date *dy)
{
	return spans_anchored(x, dx->start, dx->end, y, dy->start, dy->end);
}

/* Under this score a date mismatch needs its dates anchored (dates_anchored). */
#define DATE_LOOSE_SCORE 0.5

/* Date da of side x against date db of side y: 1 the same day (or year, for two boundaries of the
 * same kind), 0 another, -1 not comparable (another kind of boundary, a bare year that is no
 * boundary, a date not resolved). */
static int date_same(const struct side *x, const struct ct_date *dx, const struct side *y, const struct ct_date *dy)
{
	const char *lead = bounding(x, dx);
	if (said_date(y, dy) || bounding(y, dy) != lead)
		return -1;   /* a boundary is compared with a boundary of the same kind only ("since 1998") */
	if (!strcmp(dx->kind, "year") || !strcmp(dy->kind, "year")) {
		/* bare years only as boundaries: "in 2019" and "in 1998" are often two events */
		if (!lead || strcmp(dx->kind, dy->kind))
			return -1;
		return dx->year == dy->year;
	}
	if (dx->weekday >= 0 && dy->weekday >= 0)
		return same_day(x, dx, y, dy, 1);
	if (!strcmp(dx->kind, "date") && !strcmp(dy->kind, "date") && dx->resolved[0] && dy->resolved[0])
		return same_day(x, dx, y, dy, 0);
	return -1;
}

static int date_usable(const struct side *sd, const struct ct_date *d)
{
	return !((d->weekday < 0 && strcmp(d->kind, "date") && strcmp(d->kind, "year")) || said_date(sd, d));
}

static void date_signals(const struct side *a, const struct side *b, struct ct_comparison *c)
{
	unsigned char bsame[MAX_ITEMS];
	size_t i, j;
	/* b's dates that name a day one of a's dates names too, whatever it dates there (a saying
	 * included): no other date of a is at odds with them ("woke on Tuesday ... was told on Monday
	 * to leave" / "ordered to leave on Monday") */
	for (j = 0; j < b->ndates && j < MAX_ITEMS; j++) {
		const struct ct_date *db = &b->dates[j];
		bsame[j] = 0;
		for (i = 0; i < a->ndates && !bsame[j]; i++) {
			const struct ct_date *da = &a->dates[i];
			bsame[j] = (da->weekday >= 0 && db->weekday >= 0 && same_day(a, da, b, db, 1)) ||
				   (!strcmp(da->kind, "date") && !strcmp(db->kind, "date") && da->resolved[0] &&
				    db->resolved[0] && same_day(a, da, b, db, 0));
		}
	}
	for (i = 0; i < a->ndates; i++) {
		const struct ct_date *da = &a->dates[i], *other = NULL;
		int same = 0;
		if (!date_usable(a, da))
			continue;
		for (j = 0; j < b->ndates; j++) {
			int r = date_same(a, da, b, &b->dates[j]);
			if (r == 1)
				same = 1;
			else if (r == 0 && !other && !(j < MAX_ITEMS && bsame[j]))
				other = &b->dates[j];
		}
		/* a loosely aligned pair whose two dates stand by no shared word: two events */
		if (!same && other && (c->score >= DATE_LOOSE_SCORE || dates_anchored(a, da, b, other)))
			add_signal(c, CT_SIG_DATE, da->start, da->end, other->start, other->end);
	}
}

/* A person's title: the tokens of the entity up to its last title word, folded with
 * abbreviations spelled out, as a list of words; the surname is the entity's last token. */
struct title {
	char words[6][24];
	size_t n;
	char surname[32];
	size_t start, end;     /* the whole mention */
};

static void expand_abbr(char *w, size_t cap)
{
	static const char *const abbr[][2] = {
		{ "adm", "admiral" }, { "capt", "captain" }, { "cmdr", "commander" }, { "col", "colonel" },
		{ "dr", "doctor" }, { "gen", "general" }, { "gov", "governor" }, { "insp", "inspector" },
		{ "lt", "lieutenant" }, { "maj", "major" }, { "pres", "president" }, { "prof", "professor" },
		{ "rep", "representative" }, { "sen", "senator" }, { "sgt", "sergeant" }, { "supt", "superintendent" },
	};
	size_t k;
	for (k = 0; k < sizeof(abbr) / sizeof(abbr[0]); k++)
		if (!strcmp(w, abbr[k][0])) {
			snprintf(w, cap, "%s", abbr[k][1]);
			return;
		}
}

static int person_title(const struct side *sd, const struct ct_entity *e, struct title *out)
{
	size_t i, last = SIZE_MAX, first = e->tok_start;
	out->n = 0;
	if (e->tok_end - e->tok_start < 2)
		return 0;
	for (i = e->tok_start; i + 1 < e->tok_end; i++)
		if (CT_TOK_LEX(&sd->tk, i, CT_LEX_TITLE))
			last = i;
	if (last == SIZE_MAX)
		return 0;
	/* A place with a title word in it ("Governor Island") is no person; a title whose modifier
	 * is a place word ("Islands Minister Tobias Renner", which the recogniser classes as a
	 * place) is one when no place word follows the title. */
	if (e->kind == CT_ENT_PLACE)
		for (i = last + 1; i < e->tok_end; i++)
			if (CT_TOK_LEX(&sd->tk, i, CT_LEX_PLACE | CT_LEX_COUNTRY))
				return 0;
	if (ct_tok_is(&sd->tk, first, "the"))
		first++;
	for (i = first; i <= last && out->n < 6; i++) {
		char *w = out->words[out->n];
		const struct ct_token *t = &sd->tk.t[i];
		size_t k;
		if (!fold_word(w, sizeof(out->words[0]), sd->s + t->start, t->end - t->start))
			continue;
		for (k = 0; honorifics[k] && strcmp(w, honorifics[k]); k++)
			;
		if (honorifics[k])
			continue;
		expand_abbr(w, sizeof(out->words[0]));
		out->n++;
	}
	{
		const struct ct_token *t = &sd->tk.t[e->tok_end - 1];
		fold_word(out->surname, sizeof(out->surname), sd->s + t->start, t->end - t->start);
	}
	out->start = e->start;
	out->end = e->end;
	return out->n > 0 && out->surname[0];
}

/* 1 when every word of x is in y. */
static int title_within(const struct title *x, const struct title *y)
{
	size_t i, j;
	for (i = 0; i < x->n; i++) {
		for (j = 0; j < y->n && strcmp(x->words[i], y->words[j]); j++)
			;
		if (j == y->n)
			return 0;
	}
	return 1;
}

/* The same person (surname) with titles neither of which contains the other: "Harbour Minister
 * Lena Vos" / "Senator Lena Vos". "Port Alder Mayor" and "Mayor" agree. */
static void title_signals(const struct side *a, const struct side *b, struct ct_comparison *c)
{
	size_t i, j;
	struct title ta, tb;
	for (i = 0; i < a->ents.n; i++) {
		if (!person_title(a, &a->ents.e[i], &ta))
			continue;
		for (j = 0; j < b->ents.n; j++) {
			if (!person_title(b, &b->ents.e[j], &tb) || strcmp(ta.surname, tb.surname))
				continue;
			if (!title_within(&ta, &tb) && !title_within(&tb, &ta))
				add_signal(c, CT_SIG_TITLE, ta.start, ta.end, tb.start, tb.end);
		}
	}
}

/* Edit distance of two short strings, or a large number past 8 bytes of difference. */
static size_t edit_distance(const char *x, size_t xn, const char *y, size_t yn)
{
	size_t row[33], i, j;
	if (xn > 32 || yn > 32)
		return 99;
	for (j = 0; j <= yn; j++)
		row[j] = j;
	for (i = 1; i <= xn; i++) {
		size_t diag = row[0];
		row[0] = i;
		for (j = 1; j <= yn; j++) {
			size_t up = row[j], best = diag + (x[i - 1] != y[j - 1]);
			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			diag = up;
			row[j] = best;
		}
	}
	return row[yn];
}

/* Two capitalised words that are spellings of one name: "Dunmore", "Dunmoore". */
static int spelling_variant(const struct side *a, size_t i, const struct side *b, size_t j)
{
	const struct ct_token *x = &a->tk.t[i], *y = &b->tk.t[j];
	char wx[32], wy[32];
	size_t nx, ny, d;
	if (!(x->flags & CT_TOK_CAP) || !(y->flags & CT_TOK_CAP) || (initial_position(a, i) && !(i == 0 && a->opening_name == OPENING_NAME)) ||
	    (initial_position(b, j) && !(j == 0 && b->opening_name == OPENING_NAME)))
		return 0;
	nx = fold_word(wx, sizeof(wx), a->s + x->start, x->end - x->start);
	ny = fold_word(wy, sizeof(wy), b->s + y->start, y->end - y->start);
	if (nx < 4 || ny < 4 || (nx == ny && !memcmp(wx, wy, nx)) || wx[0] != wy[0])
		return 0;
	d = edit_distance(wx, nx, wy, ny);
	return d <= 2 && d * 4 <= (nx < ny ? nx : ny);
}

/* Whether token i of the stretch ending at e of sd stands for a place, body or person: 2 in a
 * recognised entity (a single capitalised word opening the sentence only when opening_name took
 * it for a name, or for a candidate when cand is set), 1 for an organisation word in lower case
 * heading the stretch ("the regional council"; not "on board drove onto", where it is no head),
 * else 0. */
static int entity_token_c(const struct side *sd, size_t i, size_t e, int cand)
{
	size_t k;
	if (CT_TOK_LEX(&sd->tk, i, CT_LEX_TITLE))
		return 0;   /* titles are compared by title_signals */
	if (i == 0 && cand && sd->opening_name == OPENING_CANDIDATE)
		return 2;
	for (k = 0; k < sd->ents.n; k++) {
		const struct ct_entity *x = &sd->ents.e[k];
		if (i >= x->tok_start && i < x->tok_end &&
		    (!(x->tok_start == 0 && x->tok_end == 1) || sd->opening_name == OPENING_NAME))
			return 2;
	}
	if (!CT_TOK_LEX(&sd->tk, i, CT_LEX_ORG))
		return 0;
	for (k = i + 1; k < e; k++)
		if (sd->role[k] == R_CONTENT)
			return 0;
	return 1;
}

static int entity_token(const struct side *sd, size_t i, size_t e)
{
	return entity_token_c(sd, i, e, 0);
}

/* The span of tokens [s, e) without the function words and punctuation at its edges. */
static int gap_span(const struct side *sd, size_t s, size_t e, size_t *start, size_t *end)
{
	while (s < e && sd->role[s] != R_CONTENT)
		s++;
	while (e > s && sd->role[e - 1] != R_CONTENT)
		e--;
	if (s >= e)
		return 0;
	*start = sd->tk.t[s].start;
	*end = sd->tk.t[e - 1].end;
	return 1;
}

/* Whether every name of x's stretch [x0, x1) (and at least one) is said in y outside y's stretch
 * [y0, y1): the name has moved, not been replaced. */
static int names_elsewhere(const struct side *x, size_t x0, size_t x1, const struct side *y, size_t y0, size_t y1)
{
	size_t i, j, names = 0;
	for (i = x0; i < x1; i++) {
		if (x->role[i] != R_CONTENT || entity_token(x, i, x1) < 2)
			continue;
		names++;
		for (j = 0; j < y->tk.n; j++)
			if ((j < y0 || j >= y1) && y->th[j] == x->th[i])
				break;
		if (j == y->tk.n)
			return 0;
	}
	return names > 0;
}

/* Words naming the kind of a public body that a translator renders by one another: the
 * "Geological Survey" of one outlet is the "Geological Service" of another, the "Health Ministry"
 * the "Health Department". Not courts, councils, commissions, parties, banks: bodies of other
 * kinds. Folded. */
static const char *const body_kinds[] = { "administration", "agency", "authority", "board", "bureau",
					  "department", "directorate", "inspectorate", "institute", "ministry",
					  "office", "service", "survey", NULL };

/* The single content word of the stretch [s, e) of sd, or sd->tk.n. */
static size_t lone_word(const struct side *sd, size_t s, size_t e)
{
	size_t k, w = sd->tk.n;
	for (k = s; k < e; k++)
		if (sd->role[k] == R_CONTENT) {
			if (w != sd->tk.n)
				return sd->tk.n;
			w = k;
		}
	return w;
}

/* Whether the stretches [a0, a1) and [b0, b1) are the heads of one body's name told with another
 * word for its kind ("The Geological Survey registered" / "The Geological Service registered"):
 * one capitalised word on each side, both words for a kind of body, after the same capitalised
 * word (the name's own part, which says which body) and ending the name. Another qualifier with
 * the same head ("Interior Ministry" / "Health Ministry") is another body. Sets *i and *j to the
 * two words. */
static int kind_variant(const struct side *a, size_t a0, size_t a1, const struct side *b, size_t b0, size_t b1,
			size_t *i, size_t *j)
{
	size_t x = lone_word(a, a0, a1), y = lone_word(b, b0, b1);
	const struct ct_token *tx, *ty;
	if (x == a->tk.n || y == b->tk.n || x == 0 || y == 0 || a->th[x] == b->th[y])
		return 0;
	tx = &a->tk.t[x];
	ty = &b->tk.t[y];
	if (!(tx->flags & CT_TOK_CAP) || !(ty->flags & CT_TOK_CAP) || !ct_tok_in(&a->tk, x, body_kinds) ||
	    !ct_tok_in(&b->tk, y, body_kinds))
		return 0;
	/* the word before is the name's own, shared, capitalised, not opening the sentence alone */
	if (a->th[x - 1] != b->th[y - 1] || a->role[x - 1] != R_CONTENT || !(a->tk.t[x - 1].flags & CT_TOK_CAP) ||
	    !(b->tk.t[y - 1].flags & CT_TOK_CAP))
		return 0;
	/* the kind word ends the name on both sides */
	if ((x + 1 < a->tk.n && a->role[x + 1] == R_CONTENT && (a->tk.t[x + 1].flags & CT_TOK_CAP)) ||
	    (y + 1 < b->tk.n && b->role[y + 1] == R_CONTENT && (b->tk.t[y + 1].flags & CT_TOK_CAP)))
		return 0;
	*i = x;
	*j = y;
	return 1;
}

/* Whether sd opens with a candidate name (opening_name) that is the only content word of the
 * stretch [0, e). */
static int lone_opener(const struct side *sd, size_t e)
{
	size_t k;
	if (sd->opening_name != OPENING_CANDIDATE)
		return 0;
	for (k = 1; k < e; k++)
		if (sd->role[k] == R_CONTENT)
			return 0;
	return 1;
}

/* One stretch substituted for another between words both sentences share, so in the same slot:
 * "from neighbouring Estmark, which" / "from neighbouring Lorrany, which". A name for a name is
 * an entity substitution (or a spelling variant), a year for a year a date mismatch. */
static void gap_signal(const struct side *a, size_t a0, size_t a1, const struct side *b, size_t b0, size_t b1,
		       struct ct_comparison *c)
{
	size_t i, j, as, ae, bs, be;
	int ea = 0, eb = 0, da = 0, db = 0;
	if (a1 - a0 > MAX_GAP || b1 - b0 > MAX_GAP)
		return;
	for (i = a0; i < a1; i++) {
		int x = entity_token(a, i, a1);
		da |= a->slot[i] != 0;
		ea = x > ea ? x : ea;
	}
	for (j = b0; j < b1; j++) {
		int x = entity_token(b, j, b1);
		db |= b->slot[j] != 0;
		eb = x > eb ? x : eb;
	}
	if (da || db)
		return;   /* figures and dates: compared by value, not by position */
	/* a candidate name alone in the stretch opening one sentence ("Pellory, which borders ...")
	 * faces a name opening the other ("Lusken, which borders ..."): the same slot, so a name too
	 * ("Heavy rain" is no candidate alone: a word that qualifies the next one) */
	if (a0 == 0 && b0 == 0 && ea < 2 && eb == 2 && lone_opener(a, a1))
		ea = entity_token_c(a, 0, a1, 1);
	if (a0 == 0 && b0 == 0 && eb < 2 && ea == 2 && lone_opener(b, b1))
		eb = entity_token_c(b, 0, b1, 1);
	/* both sides hold a place, body or person, and one of them a name: a lower-case body word on
	 * both sides ("news conference" / "press conference") is wording */
	if (!ea || !eb || (ea < 2 && eb < 2))
		return;
	/* "said Piet Jansma, operations director of the grid operator, Vantline" / "Vantline
	 * operations director Piet Jansma told reporters": both names are in both sentences, in
	 * each other's place; the same people and bodies, worded in another order. The names of one
	 * side said elsewhere in the other are not replaced either: "a leak at Kelby" / "Kelby
	 * residents ... leaked from the Carrow depot" names the town and the site in it */
	if (names_elsewhere(a, a0, a1, b, b0, b1) || names_elsewhere(b, b0, b1, a, a0, a1))
		return;
	if (kind_variant(a, a0, a1, b, b0, b1, &i, &j)) {
		add_signal(c, CT_SIG_VARIANT, a->tk.t[i].start, a->tk.t[i].end, b->tk.t[j].start, b->tk.t[j].end);
		return;
	}
	for (i = a0; i < a1; i++)
		for (j = b0; j < b1; j++)
			if (spelling_variant(a, i, b, j)) {
				add_signal(c, CT_SIG_SPELLING, a->tk.t[i].start, a->tk.t[i].end, b->tk.t[j].start,
					   b->tk.t[j].end);
				return;
			}
	if (gap_span(a, a0, a1, &as, &ae) && gap_span(b, b0, b1, &bs, &be))
		add_signal(c, CT_SIG_ENTITY, as, ae, bs, be);
}

/* Whether the stretch [g0, g1) of a has a shared content word among the three shared tokens
 * right before or right after it (ma: a's tokens the alignment shares with b). */
static int anchored(const struct side *a, const uint8_t *ma, size_t na, size_t g0, size_t g1)
{
	size_t k;
	for (k = 1; k <= 3 && k <= g0 && ma[g0 - k]; k++)
		if (a->role[g0 - k] == R_CONTENT)
			return 1;
	for (k = 0; k < 3 && g1 + k < na && ma[g1 + k]; k++)
		if (a->role[g1 + k] == R_CONTENT)
			return 1;
	return 0;
}

/* Whether the tokens before g0 are all shared function words (or none): a stretch at g0 opens
 * the sentence ("The Skarra district council said", "Dravia lent"). */
static int opening(const struct side *a, const uint8_t *ma, size_t g0)
{
	size_t k;
	for (k = 0; k < g0; k++)
		if (!ma[k] || a->role[k] == R_CONTENT)
			return 0;
	return 1;
}

/* Whether what follows g1 is the same predicate: at least two content words after it, two
 * thirds of them shared. An opening stretch has no shared word before it to anchor it; the rest
 * of the sentence does ("The Skarra district council / The Marine Accident Authority said it had
 * opened an investigation ..."). */
static int same_rest(const struct side *a, const uint8_t *ma, size_t na, size_t g1)
{
	size_t k, all = 0, shared = 0;
	for (k = g1; k < na; k++)
		if (a->role[k] == R_CONTENT) {
			all++;
			shared += ma[k];
		}
	return all >= 2 && shared * 3 >= all * 2;
}

/* Aligns the two token sequences (longest common subsequence of their canonical forms) and
 * looks at each pair of stretches that differ between shared words. */
static void diff_signals(const struct side *a, const struct side *b, struct ct_comparison *c)
{
	uint8_t L[MAX_DIFF + 1][MAX_DIFF + 1];
	size_t na = a->tk.n < MAX_DIFF ? a->tk.n : MAX_DIFF, nb = b->tk.n < MAX_DIFF ? b->tk.n : MAX_DIFF;
	size_t i, j, ga, gb;
	for (i = na + 1; i-- > 0;)
		for (j = nb + 1; j-- > 0;) {
			if (i == na || j == nb)
				L[i][j] = 0;
			else if (a->th[i] == b->th[j])
				L[i][j] = (uint8_t)(L[i + 1][j + 1] + 1);
			else
				L[i][j] = L[i + 1][j] > L[i][j + 1] ? L[i + 1][j] : L[i][j + 1];
		}
	uint8_t ma[MAX_DIFF] = { 0 }, mb[MAX_DIFF] = { 0 };
	i = j = 0;
	while (i < na && j < nb) {
		if (a->th[i] == b->th[j]) {
			ma[i] = mb[j] = 1;
			i++;
			j++;
		} else if (L[i + 1][j] >= L[i][j + 1])
			i++;
		else
			j++;
	}
	i = j = 0;
	ga = gb = 0;
	while (i < na && j < nb) {
		if (a->th[i] == b->th[j] && ma[i]) {
			/* a stretch between two shared words on both sides, with a shared content word
			 * close by, or a stretch opening both sentences followed by the same predicate:
			 * one slot */
			if (i > ga && j > gb &&
			    ((ga > 0 && gb > 0 && anchored(a, ma, na, ga, i)) ||
			     (opening(a, ma, ga) && opening(b, mb, gb) && same_rest(a, ma, na, i) &&
			      same_rest(b, mb, nb, j))))
				gap_signal(a, ga, i, b, gb, j, c);
			i++;
			j++;
			ga = i;
			gb = j;
		} else if (L[i + 1][j] >= L[i][j + 1])
			i++;
		else
			j++;
	}
}

/* Whether the quote's content word at token i of x is said in y's quote (the same canonical
 * word or a form of it). */
static int quote_has(const struct side *x, size_t i, const struct side *y)
{
	size_t j;
	for (j = 0; j < y->tk.n; j++) {
		if (y->tk.t[j].start < y->quote.start || y->tk.t[j].end > y->quote.end || y->role[j] != x->role[i])
			continue;
		if (y->th[j] == x->th[i])
			return 1;
		if (x->role[i] == R_CONTENT && x->tlen[i] && y->tlen[j] &&
		    similar_form(x->pool + x->toff[i], x->tlen[i], y->pool + y->toff[j], y->tlen[j], 0))
			return 1;
		if (x->role[i] == R_CONTENT && related_tokens(x, i, y, j))
			return 1;   /* "an apology" / "an excuse": a rendering, not another word */
	}
	return 0;
}

/* The differing words of x's quote: the span from the first to the last of its content words
 * (negations included) that y's quote does not have; the counts of words and of differing
 * ones, and the tokens the span covers. */
static void quote_diff(const struct side *x, const struct side *y, size_t *start, size_t *end, size_t *nwords,
		       size_t *ndiff, size_t *ntok)
{
	size_t i, first = 0;
	*nwords = *ndiff = *ntok = 0;
	*start = *end = 0;
	for (i = 0; i < x->tk.n; i++) {
		if (x->tk.t[i].start < x->quote.start || x->tk.t[i].end > x->quote.end || x->role[i] == R_NONE)
			continue;
		(*nwords)++;
		if (quote_has(x, i, y))
			continue;
		if (!(*ndiff)++) {
			*start = x->tk.t[i].start;
			first = i;
		}
		*end = x->tk.t[i].end;
		*ntok = i - first + 1;
	}
}

/* The words of sd's quote as they are written (case folded, punctuation skipped), at most
 * MAX_QUOTE_WORDS; returns how many. */
#define MAX_QUOTE_WORDS 64
static size_t quote_words(const struct side *sd, uint32_t *out)
{
	size_t i, n = 0;
	char w[64];
	for (i = 0; i < sd->tk.n && n < MAX_QUOTE_WORDS; i++) {
		size_t k;
		if (sd->tk.t[i].start < sd->quote.start || sd->tk.t[i].end > sd->quote.end)
			continue;
		if (!(k = fold_word(w, sizeof(w), sd->s + sd->tk.t[i].start, sd->tk.t[i].end - sd->tk.t[i].start)))
			continue;
		out[n++] = fnv(w, k);
	}
	return n;
}

/* Whether two quotes differ, word for word as written, in two separate places or more on both
 * sides: a rendering in other words (a translation changes a word here and another there:
 * "hit me ... a swimming pool gone bad" / "struck me ... a swimming bath that has gone bad"),
 * not an altered quote, which keeps every word but one stretch ("cannot hang on a single wire" /
 * "a single promise"; "wondering whether the boat will reach the pier" / "wondering who is
 * steering the boat" changes one stretch on one side). Over the longest common subsequence. */
static int quote_rendered(const struct side *a, const struct side *b)
{
	uint32_t wa[MAX_QUOTE_WORDS], wb[MAX_QUOTE_WORDS];
	uint8_t L[MAX_QUOTE_WORDS + 1][MAX_QUOTE_WORDS + 1];
	size_t na = quote_words(a, wa), nb = quote_words(b, wb), i, j, sa = 0, sb = 0;
	int ina = 0, inb = 0;
	for (i = na + 1; i-- > 0;)
		for (j = nb + 1; j-- > 0;) {
			if (i == na || j == nb)
				L[i][j] = 0;
			else if (wa[i] == wb[j])
				L[i][j] = (uint8_t)(L[i + 1][j + 1] + 1);
			else
				L[i][j] = L[i + 1][j] > L[i][j + 1] ? L[i + 1][j] : L[i][j + 1];
		}
	/* walk the alignment, counting the stretches of unshared words on each side */
	i = j = 0;
	while (i < na || j < nb) {
		if (i < na && j < nb && wa[i] == wb[j]) {
			i++;
			j++;
			ina = inb = 0;
		} else if (j == nb || (i < na && L[i + 1][j] >= L[i][j + 1])) {
			sa += !ina;
			ina = 1;
			i++;
		} else {
			sb += !inb;
			inb = 1;
			j++;
		}
	}
	return sa >= 2 && sb >= 2;
}

static void speaker(char *out, size_t cap, const struct side *sd)
{
	size_t k = sd->attr.name_end;
	out[0] = '\0';
	if (!sd->attr.found || sd->attr.name_end <= sd->attr.name_start)
		return;
	while (k > sd->attr.name_start && sd->s[k - 1] != ' ')
		k--;
	fold_word(out, cap, sd->s + k, sd->attr.name_end - k);
}

/* The same speaker quoted on the same subject with words that differ in content: "will hide
 * behind" / "can be blamed for". Function words, word forms, synonym classes and related words
 * aside ("the backup" / "the reserve"), so a wordier translation of the quote is not drift; a
 * quote sharing less than half its words is another quote, not a drifted one; and the words
 * that differ must lie within a few tokens on each side (one stretch replaced). */
static void quote_signal(const struct side *a, const struct side *b, struct ct_comparison *c)
{
	char sa[48], sb[48];
	size_t as, ae, bs, be, an, ad, bn, bd, at, bt;
	if (!a->quote.found || !b->quote.found || a->quote.end - a->quote.start < 8 || b->quote.end - b->quote.start < 8)
		return;
	speaker(sa, sizeof(sa), a);
	speaker(sb, sizeof(sb), b);
	if (sa[0] && sb[0] && strcmp(sa, sb))
		return;   /* different speakers: not the same quote */
	quote_diff(a, b, &as, &ae, &an, &ad, &at);
	quote_diff(b, a, &bs, &be, &bn, &bd, &bt);
	if (!ad && !bd)
		return;
	if (!an || !bn || (an - ad) * 2 < an || (bn - bd) * 2 < bn)
		return;
	/* drift is a few words replaced in a quote otherwise kept: changes spread over the quote
	 * ("We own this failure, because the pump did not do its job" / "We carry this failure,
	 * because the pump has not made its work") are a translation's rendering */
	if (at > MAX_GAP || bt > MAX_GAP || quote_rendered(a, b))
		return;
	if (!ad) {
		as = a->quote.start;
		ae = a->quote.end;
	}
	if (!bd) {
		bs = b->quote.start;
		be = b->quote.end;
	}
	add_signal(c, CT_SIG_QUOTE, as, ae, bs, be);
}

static int has_term(const struct side *sd, uint32_t h)
{
	size_t lo = 0, hi = sd->nterms;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (sd->terms[mid].h == h)
			return 1;
		if (sd->terms[mid].h < h)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

/* One side denies what the other states with no denial at all: "will not raise the levy" / "will
 * raise the levy". A denial in other words ("ruled out an increase", "failed to start"), or
 * denials on both sides ("would not be on the ground" / "will not participate"), is not a flip. */
/* The token of sd at or after from whose term is h, or sd->tk.n. */
static size_t token_of(const struct side *sd, size_t from, uint32_t h)
{
	size_t i;
	for (i = from; i < sd->tk.n; i++)
		if (sd->role[i] == R_CONTENT && sd->th[i] == h)
			return i;
	return sd->tk.n;
}

/* A negation flip between x's negation k and y: x's span from the negation to the word it
 * denies ("not raise"), y's span that word ("raise"). */
static void add_flip(const struct side *x, size_t k, const struct side *y, int x_is_a, struct ct_comparison *c)
{
	size_t n = x->neg[k], w = token_of(x, n, x->negated[k]), v = token_of(y, 0, x->negated[k]);
	size_t xs = x->tk.t[n].start, xe = w < x->tk.n ? x->tk.t[w].end : x->tk.t[n].end;
	size_t ys = v < y->tk.n ? y->tk.t[v].start : 0, ye = v < y->tk.n ? y->tk.t[v].end : 0;
	if (x_is_a)
		add_signal(c, CT_SIG_NEGATION, xs, xe, ys, ye);
	else
		add_signal(c, CT_SIG_NEGATION, ys, ye, xs, xe);
}

/* Whether the word y states (term h) stands with what x says around it: the content words next
 * to it in y (within three tokens either side, in its clause; not the unit of a figure, which the
 * number signal compares) include one x has, or there are none. "will not raise the levy" /
 * "will raise the levy" share "levy"; "will have no ferry" / "Ferry crossings ... are
 * suspended" deny and state different things of the ferry. */
static int same_predicate(const struct side *x, const struct side *y, uint32_t h)
{
	size_t v = token_of(y, 0, h), k, near = 0;
	if (v >= y->tk.n)
		return 1;
	for (k = v > 3 ? v - 3 : 0; k < y->tk.n && k <= v + 3; k++) {
		if (k == v || y->role[k] != R_CONTENT || y->clause[k] != y->clause[v] || y->th[k] == h ||
		    (k > 0 && y->slot[k - 1] == 1))
			continue;
		near++;
		if (has_term(x, y->th[k]))
			return 1;
	}
	return !near;
}

/* Whether token i of sd reads as one of the words of list (case folded). */
static int token_is(const struct side *sd, size_t i, const char *const *list)
{
	char w[16];
	fold_word(w, sizeof(w), sd->s + sd->tk.t[i].start, sd->tk.t[i].end - sd->tk.t[i].start);
	for (; *list; list++)
		if (!strcmp(w, *list))
			return 1;
	return 0;
}

/* A denial up to a time: x's negation k followed by "since" in its clause ("had not had a leak
 * since 2011"), when y names the last or the first time ("last had a leak in 2011", "the first
 * leak since 2011"): the same fact said from the other end, not a flip. */
static int denial_since(const struct side *x, size_t k, const struct side *y)
{
	static const char *const since[] = { "since", NULL };
	static const char *const edge[] = { "last", "first", "latest", "previous", NULL };
	size_t n = x->neg[k], i;
	int found = 0;
	for (i = n + 1; i < x->tk.n && x->clause[i] == x->clause[n] && !found; i++)
		found = token_is(x, i, since);
	if (!found)
		return 0;
	for (i = 0; i < y->tk.n; i++)
		if (token_is(y, i, edge))
			return 1;
	return 0;
}

/* One side denies what the other states with no denial at all: "will not raise the levy" / "will
 * raise the levy". A denial in other words ("ruled out an increase", "failed to start"), or
 * denials on both sides ("would not be on the ground" / "will not participate"), is not a flip;
 * nor is a denial of a word the other side states something else of (same_predicate), nor a
 * denial since a time against the last or first time (denial_since). */
static void negation_signal(const struct side *a, const struct side *b, struct ct_comparison *c)
{
	size_t i;
	/* a denied denial ("had not ruled out arson") flips against the denial alone ("had ruled
	 * out arson"), whose verb is the predicate both share; against a plain statement it is
	 * none ("have not denied the report" / "said the report was accurate") */
	for (i = 0; i < a->nneg; i++) {
		uint32_t st = a->negated[i];
		if (st > 1 && !b->nneg && (a->neg_verb[i] ? b->nnegverb > 0 : !b->nnegverb) && has_term(b, st) &&
		    (a->neg_verb[i] || same_predicate(a, b, st)) && !denial_since(a, i, b)) {
			add_flip(a, i, b, 1, c);
			return;
		}
	}
	for (i = 0; i < b->nneg; i++) {
		uint32_t st = b->negated[i];
		if (st > 1 && !a->nneg && (b->neg_verb[i] ? a->nnegverb > 0 : !a->nnegverb) && has_term(a, st) &&
		    (b->neg_verb[i] || same_predicate(b, a, st)) && !denial_since(b, i, a)) {
			add_flip(b, i, a, 0, c);
			return;
		}
	}
}

/* Counted figures of a said exactly on the other side (the same value; labels aside): its
 * figure terms the similarity matched with full credit. */
static size_t shared_figures(const struct side *a)
{
	size_t i, n = 0;
	for (i = 0; i < a->nterms; i++)
		n += a->terms[i].cls == T_NUM && a->terms[i].matched && a->terms[i].credit >= 1 &&
		     a->terms[i].w >= W_NUM;
	return n;
}

/* The score and signals of two analysed sides (similarity marks their terms as matched). */
static void compare_sides(struct side *sa, struct side *sb, struct ct_comparison *out)
{
	size_t i, contradictions = 0, variants = 0;
	memset(out, 0, sizeof(*out));
	out->score = similarity(sa, sb);
	{
		double cs = clause_similarity(sa, sb);
		if (cs > out->score)
			out->score = cs;
	}
	if (out->score >= CT_COMPARE_RELATED) {
		number_signals(sa, sb, out);
		tally_signals(sa, sb, out);
		date_signals(sa, sb, out);
		negation_signal(sa, sb, out);
		title_signals(sa, sb, out);
		quote_signal(sa, sb, out);
		diff_signals(sa, sb, out);
	}
	for (i = 0; i < out->nsignals; i++) {
		if (ct_signal_contradicts(out->signals[i].kind))
			contradictions++;
		else
			variants++;
	}
	/* Two figures of one side both said on the other (exactly, counted figures, not dates),
	 * with the pair related: the same fact told in other words ("27 people ... four were kept
	 * overnight" / "27 patients ... four of them stayed the night"). */
	if (out->score >= CT_COMPARE_RELATED && out->score < CT_COMPARE_SAME && shared_figures(sa) >= 2)
		out->score = CT_COMPARE_SAME;
	/* Variants (a rounded figure, a respelled name) lower confidence; they never contradict. */
	out->score *= variants ? 0.95 : 1.0;
	if (out->score > 1)
		out->score = 1;
	out->score = (double)(long)(out->score * 1000 + 0.5) / 1000;
	if (out->score >= CT_COMPARE_SAME)
		out->relation = contradictions ? "contradicts" : "corroborates";
	else if (out->score >= CT_COMPARE_RELATED)
		out->relation = "related";
	else
		out->relation = "unrelated";
}

int ct_compare(struct sb_stemmer *stemmer, const char *a, size_t alen, const char *pub_a,
	       const char *b, size_t blen, const char *pub_b, struct ct_comparison *out)
{
	struct side sa, sb;
	analyse(&sa, stemmer, a, alen, pub_a);
	analyse(&sb, stemmer, b, blen, pub_b);
	compare_sides(&sa, &sb, out);
	return 0;
}

/* ---- prepared claims ---- */

struct ct_prepared {
	struct side sd;
};

struct ct_prepared *ct_prepared_new(void)
{
	return calloc(1, sizeof(struct ct_prepared));
}

void ct_prepared_free(struct ct_prepared *p)
{
	free(p);
}

void ct_prepare(struct ct_prepared *p, struct sb_stemmer *stemmer, const char *text, size_t len, const char *published)
{
	analyse(&p->sd, stemmer, text, len, published);
}

size_t ct_prepared_nterms(const struct ct_prepared *p)
{
	return p->sd.nterms;
}

void ct_prepared_term(const struct ct_prepared *p, size_t i, uint32_t *hash, double *weight)
{
	*hash = p->sd.terms[i].h;
	*weight = p->sd.terms[i].w;
}

/* The packed form: the scalars of a side, then only the used part of each of its arrays, each
 * at a multiple of 8 bytes. Every field of struct side must be packed here. */
struct packed_head {
	const char *s;
	size_t len;
	const char *tk_s;
	size_t tk_len, tk_n, ents_n;
	struct ct_quote quote;
	struct ct_attribution attr;
	size_t nnums, ndates, nterms, nclauses, npool, nneg, nnegverb;
	int opening_name;
	double wsum;
};

#define PACK_ALIGN(x) (((x) + 7) & ~(size_t)7)

/* Walks the packed layout of sd: copies each part to (dir 1) or from (dir 0) blob, or only counts
 * it (blob NULL). Returns the size. */
static size_t pack_walk(struct side *sd, unsigned char *blob, int dir)
{
	size_t off = PACK_ALIGN(sizeof(struct packed_head)), n = sd->tk.n;
#define PART(ptr, bytes)                                                   \
	do {                                                                  \
		size_t b_ = (bytes);                                              \
		if (blob && b_) {                                                 \
			if (dir)                                                      \
				memcpy(blob + off, (ptr), b_);                            \
			else                                                          \
				memcpy((ptr), blob + off, b_);                            \
		}                                                                 \
		off += PACK_ALIGN(b_);                                            \
	} while (0)
	PART(sd->tk.t, n * sizeof(sd->tk.t[0]));
	PART(sd->ents.e, sd->ents.n * sizeof(sd->ents.e[0]));
	PART(sd->nums, sd->nnums * sizeof(sd->nums[0]));
	PART(sd->dates, sd->ndates * sizeof(sd->dates[0]));
	PART(sd->terms, sd->nterms * sizeof(sd->terms[0]));
	PART(sd->th, n * sizeof(sd->th[0]));
	PART(sd->toff, n * sizeof(sd->toff[0]));
	PART(sd->role, n);
	PART(sd->slot, n);
	PART(sd->clause, n);
	PART(sd->tlen, n);
	PART(sd->rel, n * sizeof(sd->rel[0]));
	PART(sd->pool, sd->npool);
	PART(sd->neg, sd->nneg * sizeof(sd->neg[0]));
	PART(sd->negated, sd->nneg * sizeof(sd->negated[0]));
	PART(sd->neg_verb, sd->nneg);
#undef PART
	return off;
}

size_t ct_prepared_packed_size(const struct ct_prepared *p)
{
	return pack_walk((struct side *)&p->sd, NULL, 1);
}

void ct_prepared_pack(const struct ct_prepared *p, void *dst)
{
	const struct side *sd = &p->sd;
	struct packed_head h;
	memset(&h, 0, sizeof(h));
	h.s = sd->s;
	h.len = sd->len;
	h.tk_s = sd->tk.s;
	h.tk_len = sd->tk.len;
	h.tk_n = sd->tk.n;
	h.ents_n = sd->ents.n;
	h.quote = sd->quote;
	h.attr = sd->attr;
	h.nnums = sd->nnums;
	h.ndates = sd->ndates;
	h.nterms = sd->nterms;
	h.nclauses = sd->nclauses;
	h.npool = sd->npool;
	h.nneg = sd->nneg;
	h.nnegverb = sd->nnegverb;
	h.opening_name = sd->opening_name;
	h.wsum = sd->wsum;
	memcpy(dst, &h, sizeof(h));
	pack_walk((struct side *)sd, dst, 1);
}

void ct_prepared_unpack(struct ct_prepared *p, const void *src)
{
	struct side *sd = &p->sd;
	struct packed_head h;
	memcpy(&h, src, sizeof(h));
	sd->s = h.s;
	sd->len = h.len;
	sd->tk.s = h.tk_s;
	sd->tk.len = h.tk_len;
	sd->tk.n = h.tk_n;
	sd->ents.n = h.ents_n;
	sd->quote = h.quote;
	sd->attr = h.attr;
	sd->nnums = h.nnums;
	sd->ndates = h.ndates;
	sd->nterms = h.nterms;
	sd->nclauses = h.nclauses;
	sd->npool = h.npool;
	sd->nneg = h.nneg;
	sd->nnegverb = h.nnegverb;
	sd->opening_name = h.opening_name;
	sd->wsum = h.wsum;
	pack_walk(sd, (unsigned char *)src, 0);
}

/* Forgets the matches of the last comparison (similarity records them in the terms). */
static void reset_terms(struct side *sd)
{
	size_t i;
	for (i = 0; i < sd->nterms; i++) {
		sd->terms[i].matched = 0;
		sd->terms[i].partner = -1;
		sd->terms[i].credit = 0;
	}
}

int ct_compare_prepared(struct ct_prepared *a, struct ct_prepared *b, struct ct_comparison *out)
{
	reset_terms(&a->sd);
	if (a == b) {
		/* one claim with itself: the comparison needs two sets of match marks */
		struct ct_prepared *copy = malloc(sizeof(*copy));
		if (!copy)
			return ct_error_set(CT_ENOMEM, "out of memory");
		memcpy(copy, a, sizeof(*copy));
		compare_sides(&a->sd, &copy->sd, out);
		free(copy);
		return 0;
	}
	reset_terms(&b->sd);
	compare_sides(&a->sd, &b->sd, out);
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
