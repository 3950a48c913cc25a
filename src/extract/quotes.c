/* Quote and speaker rules over tokens and entities: quote marks pair up (curly or straight), and
 * the speaker is the entity or pronoun adjacent to a verb of saying outside the quoted words. */
#include "extract/quotes.h"

#include "extract/lexicon.h"

#include <stdint.h>
#include <string.h>


static int collect(const struct ct_entity *e, void *payload)
{
	struct ct_sentence_entities *out = payload;
	if (out->n >= CT_QUOTE_MAX_ENTITIES)
		return 1;
	out->e[out->n++] = *e;
	return 0;
}

void ct_sentence_entities(const struct ct_tokens *tk, struct ct_sentence_entities *out)
{
	out->n = 0;
	ct_entities_scan(tk, collect, out);
}

void ct_quote_find(const struct ct_tokens *tk, struct ct_quote *out)
{
	size_t i, open = (size_t)-1, best = 0;
	memset(out, 0, sizeof(*out));
	for (i = 0; i < tk->n; i++) {
		unsigned f = tk->t[i].flags;
		if ((f & CT_TOK_QUOTE_OPEN) && open == (size_t)-1) {
			open = i;
		} else if (f & CT_TOK_QUOTE_CLOSE) {
			size_t start = open == (size_t)-1 ? 0 : tk->t[open].end;
			size_t end = tk->t[i].start;
			/* ’ after a word is an apostrophe (Alder’s is one token, but lads’ is not). */
			if (open == (size_t)-1 && i > 0 && !(tk->t[i - 1].flags & CT_TOK_PUNCT) &&
			    tk->t[i].end - tk->t[i].start == 3 && (unsigned char)tk->s[tk->t[i].start + 2] == 0x99)
				continue;
			if (end > start && end - start > best) {
				best = end - start;
				out->found = 1;
				out->start = start;
				out->end = end;
				out->closes_only = open == (size_t)-1;
				out->opens_only = 0;
			}
			open = (size_t)-1;
		}
	}
	if (open != (size_t)-1 && tk->t[open].end < tk->len) {
		size_t start = tk->t[open].end, end = tk->len;
		if (end > start && end - start > best) {
			out->found = 1;
			out->start = start;
			out->end = end;
			out->opens_only = 1;
			out->closes_only = 0;
		}
	}
	/* A title in quotation marks is a name, not a quote: a painting, a book, a film, an operation
	 * ("The Salt Merchant's Daughter"): at most eight words, each of four letters or more
	 * capitalised, two of them at least, the first word capitalised. */
	if (out->found && !out->opens_only && !out->closes_only) {
		size_t words = 0, caps = 0, lower = 0;
		for (i = 0; i < tk->n; i++) {
			const struct ct_token *t = &tk->t[i];
			if (t->start < out->start || t->end > out->end || (t->flags & CT_TOK_PUNCT))
				continue;
			words++;
			if (t->flags & CT_TOK_ALLCAPS)
				lower++;   /* shouting, not a title */
			else if (t->flags & CT_TOK_CAP)
				caps++;
			else if (t->end - t->start >= 4 || words == 1)
				lower++;
		}
		if (words && words <= 8 && caps >= 2 && !lower)
			memset(out, 0, sizeof(*out));
	}
	/* Trim spaces around the quoted words. */
	while (out->found && out->start < out->end && tk->s[out->start] == ' ')
		out->start++;
	while (out->found && out->end > out->start && tk->s[out->end - 1] == ' ')
		out->end--;
}

static int inside_quote(const struct ct_tokens *tk, size_t i, const struct ct_quote *q)
{
	return q && q->found && tk->t[i].start >= q->start && tk->t[i].end <= q->end;
}

static int apostrophe(const struct ct_tokens *tk, size_t i);

/* The entity that covers token i, or NULL. */
static const struct ct_entity *entity_at(const struct ct_sentence_entities *ents, size_t i)
{
	size_t k;
	for (k = 0; k < ents->n; k++)
		if (i >= ents->e[k].tok_start && i < ents->e[k].tok_end)
			return &ents->e[k];
	return NULL;
}

static void set_speaker(struct ct_attribution *a, const struct ct_entity *e)
{
	a->speaker_start = e->start;
	a->speaker_end = e->end;
	a->name_start = e->name_start < e->name_end ? e->name_start : e->start;
	a->name_end = e->name_start < e->name_end ? e->name_end : e->end;
}

/* Extends a speaker found at token i leftwards over "the agency's spokesman" style phrases:
 * takes "the X" when the speaker is a lower-case noun phrase like "the agency" or "officials". */
/* Token a, or the one after it when a is a list's bullet ("• The crew's union rejects ..."), up
 * to b. */
static size_t past_bullet(const struct ct_tokens *tk, size_t a, size_t b)
{
	const unsigned char *c = (const unsigned char *)tk->s + tk->t[a].start;
	if (a < b && tk->t[a].end == tk->t[a].start + 3 && c[0] == 0xe2 && c[1] == 0x80 && c[2] == 0xa2)
		return a + 1;
	return a;
}

static int noun_speaker(const struct ct_tokens *tk, size_t i, struct ct_attribution *a)
{
	size_t s = i, words = 0;
	/* a body, or "the mayor" (a title in lower case after "the") */
	if (!CT_TOK_LEX(tk, i, CT_LEX_SPEAKER_NOUN) &&
	    !(CT_TOK_LEX(tk, i, CT_LEX_TITLE) && !(tk->t[i].flags & CT_TOK_CAP) && i > 0 && ct_tok_is(tk, i - 1, "the")))
		return 0;
	/* three words back at most (past a plural's apostrophe: "the state's largest farmers'
	 * group"), not over a conjunction: "as the bank informed" is "the bank" */
	while (s > 0 && (!(tk->t[s - 1].flags & CT_TOK_PUNCT) || apostrophe(tk, s - 1)) && words < 3 &&
	       !CT_TOK_LEX(tk, s - 1, CT_LEX_SAY) && !ct_tok_is(tk, s - 1, "as") && !ct_tok_is(tk, s - 1, "and") &&
	       !ct_tok_is(tk, s - 1, "but") && !ct_tok_is(tk, s - 1, "while") && !ct_tok_is(tk, s - 1, "that") &&
	       !ct_tok_is(tk, s - 1, "when") && !ct_tok_is(tk, s - 1, "after") && !ct_tok_is(tk, s - 1, "if")) {
		s--;
		words += !apostrophe(tk, s);
	}
	/* not the tail of a longer phrase: "A spokesperson | for the planning board said" */
	if (s < i && (ct_tok_is(tk, s, "for") || ct_tok_is(tk, s, "of") || ct_tok_is(tk, s, "at") ||
		      ct_tok_is(tk, s, "from") || ct_tok_is(tk, s, "with")))
		return 0;
	s = past_bullet(tk, s, i);
	a->speaker_start = a->name_start = tk->t[s].start;
	a->speaker_end = a->name_end = tk->t[i].end;
	return 1;
}

/* Words a role in lower case before a name is never made of. */
static int role_stop(const struct ct_tokens *tk, size_t i)
{
	static const char *const stops[] = {
		"that", "on", "in", "at", "to", "of", "for", "with", "by", "from", "and", "but", "as", "after",
		"before", "when", "while", "if", "it", "this", "there", "they", "was", "is", "outside", "inside",
		"near", "about", "over", "under", "into", "through", "during", "reporters", NULL
	};
	const char *const *w;
	for (w = stops; *w; w++)
		if (ct_tok_is(tk, i, *w))
			return 1;
	return 0;
}

/* A person, or a name of two words or more that the entity rules could not type (an unknown
 * first name, a title they do not know: "Culture Minister Pavel Strand"). */
static int person_like(const struct ct_entity *e)
{
	return e->kind == CT_ENT_PERSON || (e->kind == CT_ENT_OTHER && e->tok_end - e->tok_start >= 2 &&
					     e->name_end > e->name_start);
}

/* "said night guard Emil Dravik", "said the mayor Ruth Ellery", "said the museum's director, Dr.
 * Henrike Falm": after the verb (and "the", at k), up to three words of a role in lower case, then
 * a person (a comma before the person allowed). */
static const struct ct_entity *role_then_person(const struct ct_tokens *tk, const struct ct_sentence_entities *ents,
						const struct ct_quote *q, size_t k)
{
	size_t j, words = 0;
	for (j = k; j < tk->n && j < k + 5; j++) {
		const struct ct_entity *e = entity_at(ents, j);
		const struct ct_token *t = &tk->t[j];
		if (inside_quote(tk, j, q))
			return NULL;
		if (e && e->tok_start == j)
			return person_like(e) && words ? e : NULL;
		if (t->flags & CT_TOK_PUNCT) {
			if (tk->s[t->start] == ',' && words && j + 1 < tk->n && (e = entity_at(ents, j + 1)) &&
			    e->tok_start == j + 1 && person_like(e))
				return e;
			return NULL;
		}
		if ((t->flags & (CT_TOK_CAP | CT_TOK_DIGIT)) || role_stop(tk, j) || ++words > 3)
			return NULL;
	}
	return NULL;
}

/* Where a clause about the noun before it begins: a participle ("seen", "filed in") or a second
 * determiner not after a preposition ("a letter the trust sent"). */
static int clause_starts(const struct ct_tokens *tk, size_t i)
{
	static const char *const participles[] = { "seen", "sent", "given", "shown", "written", "taken", "made",
						   "obtained", "filed", "published", "released", "issued", NULL };
	static const char *const preps[] = { "of", "from", "by", "in", "with", "for", "to", "at", "on", NULL };
	const char *const *w;
	for (w = participles; *w; w++)
		if (ct_tok_is(tk, i, *w))
			return 1;
	/* "a report by the Maritime Safety Board | that the Gazette has seen" */
	if (ct_tok_is(tk, i, "that") || ct_tok_is(tk, i, "which") || ct_tok_is(tk, i, "who"))
		return 1;
	if (i > 0 && (ct_tok_is(tk, i, "the") || ct_tok_is(tk, i, "a") || ct_tok_is(tk, i, "an"))) {
		for (w = preps; *w; w++)
			if (ct_tok_is(tk, i - 1, *w))
				return 0;
		return 1;
	}
	return 0;
}

/* The nearest person (or untyped name) ending at most 16 tokens before token i, outside the quote. */
static const struct ct_entity *person_before(const struct ct_tokens *tk, const struct ct_sentence_entities *ents,
					     const struct ct_quote *q, size_t i)
{
	const struct ct_entity *best = NULL;
	size_t k;
	for (k = 0; k < ents->n; k++)
		if (person_like(&ents->e[k]) && ents->e[k].tok_end <= i && i - ents->e[k].tok_end <= 16 &&
		    !inside_quote(tk, ents->e[k].tok_start, q))
			best = &ents->e[k];
	return best;
}

/* "the", or a possessive before a role ("said its president Nadia Fell"): 1, else 0. */
static int determiner(const struct ct_tokens *tk, size_t i)
{
	return ct_tok_is(tk, i, "the") || ct_tok_is(tk, i, "its") || ct_tok_is(tk, i, "his") ||
	       ct_tok_is(tk, i, "her") || ct_tok_is(tk, i, "their");
}

static int is_comma(const struct ct_tokens *tk, size_t i);

/* "Dr. Anselm Virk, who runs the weather station at Brell Point, said": when the comma before the
 * verb (at token k + 1) closes a relative clause opened by ", who", ", which" or ", whose" after a
 * name, that name; else NULL. */
static const struct ct_entity *before_relative(const struct ct_tokens *tk, const struct ct_sentence_entities *ents,
					       const struct ct_quote *q, size_t k)
{
	size_t j;
	for (j = k; j >= 2 && k - j < 24; j--) {
		if (inside_quote(tk, j, q))
			return NULL;
		if ((tk->t[j].flags & CT_TOK_PUNCT) && !apostrophe(tk, j)) {   /* "the residents' group" */
			if (tk->s[tk->t[j].start] != ',' || j + 1 > k ||
			    !(ct_tok_is(tk, j + 1, "who") || ct_tok_is(tk, j + 1, "which") || ct_tok_is(tk, j + 1, "whose")))
				return NULL;   /* another comma or stop inside: no clause that starts here */
			/* "Rhodri Rennick, 54, who ...", "Kofi Dacosta (44), who ...": the name before the age */
			if (j >= 3 && (tk->t[j - 1].flags & CT_TOK_DIGIT) && is_comma(tk, j - 2) && entity_at(ents, j - 3))
				return entity_at(ents, j - 3);
			if (j >= 4 && tk->s[tk->t[j - 1].start] == ')' && (tk->t[j - 2].flags & CT_TOK_DIGIT) &&
			    tk->s[tk->t[j - 3].start] == '(' && entity_at(ents, j - 4))
				return entity_at(ents, j - 4);
			return entity_at(ents, j - 1);
		}
	}
	return NULL;
}

static int verb_like(const struct ct_tokens *tk, size_t i);

/* p, the person nearest before a verb, or the person the sentence opens with when p is only the
 * object of a preposition in that person's apposition: "Ines Barrowclough, a lawyer for Det. Sgt.
 * Lyle Whitlock, one of the 11 officers ..., said" is Ines Barrowclough. */
static const struct ct_entity *opening_person(const struct ct_tokens *tk, const struct ct_sentence_entities *ents,
					      const struct ct_entity *p)
{
	static const char *const preps[] = { "for", "of", "to", "with", "by", "against", "representing", NULL };
	const struct ct_entity *f = ents->n ? &ents->e[0] : NULL;
	size_t k;
	if (!p || !f || f == p || f->tok_start != 0 || !person_like(f) || !is_comma(tk, f->tok_end) || p->tok_start < 2)
		return p;
	k = p->tok_start - 1;
	if (!ct_tok_in(tk, k, preps))
		return p;
	for (k = f->tok_end + 1; k < p->tok_start; k++)   /* the apposition: no verb, no other comma */
		if (is_comma(tk, k) || verb_like(tk, k))
			return p;
	return f;
}

/* The name before ", the consumer group," where token k ends the apposition (its comma after k):
 * a name, a comma, "the"/"a"/"an"/"its" and up to six lower-case words (a possessive allowed), no
 * verb; or NULL. */
static const struct ct_entity *name_before_apposition(const struct ct_tokens *tk, const struct ct_sentence_entities *ents,
						      const struct ct_quote *q, size_t k)
{
	const struct ct_entity *e;
	size_t j;
	for (j = k; j > 0 && k - j < 8; j--) {
		if (inside_quote(tk, j, q) || (tk->t[j].flags & (CT_TOK_CAP | CT_TOK_DIGIT)) ||
		    (((tk->t[j].flags & CT_TOK_PUNCT) && !apostrophe(tk, j))) || verb_like(tk, j))
			return NULL;
		if ((ct_tok_is(tk, j, "the") || ct_tok_is(tk, j, "a") || ct_tok_is(tk, j, "an") || ct_tok_is(tk, j, "its")) &&
		    j >= 2 && is_comma(tk, j - 1))
			break;
	}
	if (j == 0 || k - j >= 8 || j < 2 || !is_comma(tk, j - 1))
		return NULL;
	e = entity_at(ents, j - 2);
	if (!e || e->tok_end != j - 1 || e->kind == CT_ENT_PLACE || inside_quote(tk, e->tok_start, q))
		return NULL;
	return e;
}

/* e, or the person a body's name e is in apposition to: "Tomasz Brandvold, the president of the
 * Pellmont Police Association," "Dolores Kittering (49), president of the Federation of Teachers,
 * which ...,", "Gareth Nettlefold, director of the County Office of Emergency Management,": the
 * body after "of" or "at" (and "the"), the person before the role, a comma after the person (or
 * its age in brackets). */
static const struct ct_entity *apposed_person(const struct ct_tokens *tk, const struct ct_sentence_entities *ents,
					      const struct ct_quote *q, const struct ct_entity *e)
{
	const struct ct_entity *p;
	size_t o = e->tok_start, c;
	if (person_like(e) || o < 2)
		return e;
	if (ct_tok_is(tk, o - 1, "the"))
		o--;
	if (o < 2 || !(ct_tok_is(tk, o - 1, "of") || ct_tok_is(tk, o - 1, "at")))
		return e;
	if (!(p = person_before(tk, ents, q, o)) || p->tok_end >= o)
		return e;
	c = p->tok_end;
	/* "(49)" */
	if (c + 2 < o && tk->s[tk->t[c].start] == '(' && (tk->t[c + 1].flags & CT_TOK_DIGIT) && tk->s[tk->t[c + 2].start] == ')')
		c += 3;
	if (!is_comma(tk, c) || o - c > 8)
		return e;
	for (c++; c < o - 1; c++)   /* the role: lower-case words, an article */
		if ((tk->t[c].flags & (CT_TOK_PUNCT | CT_TOK_QUOTE_OPEN)) || CT_TOK_LEX(tk, c, CT_LEX_SAY | CT_LEX_PAST) ||
		    verb_like(tk, c))
			return e;
	return p;
}

/* "declared the statistics office Statdal": a name after at most three lower-case words (none of
 * them a preposition or the like) that start at token k, or NULL. */
static const struct ct_entity *name_after_words(const struct ct_tokens *tk, const struct ct_sentence_entities *ents,
						const struct ct_quote *q, size_t k)
{
	size_t j;
	for (j = k; j < tk->n && j < k + 4; j++) {
		const struct ct_entity *e;
		if (inside_quote(tk, j, q) || (tk->t[j].flags & CT_TOK_PUNCT))
			return NULL;
		if ((e = entity_at(ents, j)))
			return e->tok_start == j && j > k ? e : NULL;
		if ((tk->t[j].flags & (CT_TOK_CAP | CT_TOK_DIGIT)) || role_stop(tk, j))
			return NULL;
	}
	return NULL;
}

/* A verb of telling: the name after it is who was told, never the speaker. */
static int told(const struct ct_tokens *tk, size_t i)
{
	return ct_tok_is(tk, i, "told") || ct_tok_is(tk, i, "tell") || ct_tok_is(tk, i, "tells") ||
	       ct_tok_is(tk, i, "telling") || ct_tok_is(tk, i, "informed") || ct_tok_is(tk, i, "informs");
}

/* "..., estimated Joran Veld, an analyst", "..., has estimated the analyst Joran Veld": "estimated"
 * says who gave a figure only where it follows what was estimated, after a comma (not "an
 * estimated 4,000 people", nor "The agency estimated that ...", which is no one's word). */
static int estimated_by(const struct ct_tokens *tk, size_t i)
{
	size_t p = i;
	if (tk->t[i].end - tk->t[i].start != 9 || (!ct_tok_is(tk, i, "estimated") && !ct_tok_is(tk, i, "estimates")))
		return 0;
	if (p > 0 && (ct_tok_is(tk, p - 1, "has") || ct_tok_is(tk, p - 1, "have")))
		p--;
	return p > 0 && (tk->t[p - 1].flags & CT_TOK_PUNCT) && tk->s[tk->t[p - 1].start] == ',' && i + 1 < tk->n &&
	       !(tk->t[i + 1].flags & CT_TOK_PUNCT) && !ct_tok_is(tk, i + 1, "that");
}

/* A determiner or possessive opening a noun phrase ("a", "the", "its"): 1, else 0. */
static int article(const struct ct_tokens *tk, size_t i)
{
	return ct_tok_is(tk, i, "a") || ct_tok_is(tk, i, "an") || determiner(tk, i);
}

static int is_comma(const struct ct_tokens *tk, size_t i)
{
	return i < tk->n && (tk->t[i].flags & CT_TOK_PUNCT) && tk->s[tk->t[i].start] == ',';
}

/* A dash standing alone at token i: "-", an en dash or an em dash. */
static int is_dash(const struct ct_tokens *tk, size_t i)
{
	const unsigned char *c;
	size_t n;
	if (i >= tk->n || !(tk->t[i].flags & CT_TOK_PUNCT))
		return 0;
	c = (const unsigned char *)tk->s + tk->t[i].start;
	n = tk->t[i].end - tk->t[i].start;
	return (n == 1 && c[0] == '-') || (n == 3 && c[0] == 0xe2 && c[1] == 0x80 && (c[2] == 0x93 || c[2] == 0x94));
}

/* A possessive's apostrophe at token i, written after the word ("Velmar Logistics'", "the
 * Tenants’ Union"): 1, else 0. */
static int apostrophe(const struct ct_tokens *tk, size_t i)
{
	const struct ct_token *t = &tk->t[i];
	const unsigned char *c = (const unsigned char *)tk->s + t->start;
	return i > 0 && i < tk->n && (t->flags & CT_TOK_PUNCT) && t->start == tk->t[i - 1].end &&
	       ((t->end - t->start == 1 && c[0] == '\'') ||
		(t->end - t->start == 3 && c[0] == 0xe2 && c[1] == 0x80 && c[2] == 0x99));
}

static void set_tokens(const struct ct_tokens *tk, size_t a, size_t b, struct ct_attribution *out)
{
	a = past_bullet(tk, a, b);
	out->speaker_start = out->name_start = tk->t[a].start;
	out->speaker_end = out->name_end = tk->t[b].end;
}

/* A document or data at token n (a CT_LEX_DOC word) as the speaker: the body it is "by" or "from"
 * when a name follows ("A 2023 audit by the Public Works Board"), else the noun with up to two
 * words before it that are no article ("a new report", "The 48-page report"). */
static void doc_speaker(const struct ct_tokens *tk, const struct ct_sentence_entities *ents,
			const struct ct_quote *q, size_t n, struct ct_attribution *out)
{
	const struct ct_entity *e;
	size_t s = n, k = n + 1;
	if (ct_tok_is(tk, k, "published") || ct_tok_is(tk, k, "released") || ct_tok_is(tk, k, "issued"))
		k++;
	if (ct_tok_is(tk, k, "by") || ct_tok_is(tk, k, "from")) {
		size_t j;
		k += 1 + ct_tok_is(tk, k + 1, "the");
		if ((e = entity_at(ents, k)) && e->tok_start == k && e->kind != CT_ENT_PLACE) {
			set_speaker(out, e);
			return;
		}
		/* "A 2024 audit by the state auditor's office showed": a body in lower case, up to five
		 * words ending in a body word right before the verb */
		for (j = k; j < tk->n && j < k + 6 && (!(tk->t[j].flags & (CT_TOK_PUNCT | CT_TOK_CAP | CT_TOK_DIGIT)) ||
						       apostrophe(tk, j)); j++)
			if (j > k && CT_TOK_LEX(tk, j, CT_LEX_SAY | CT_LEX_FIND))
				break;
		if (j > k && j < tk->n && CT_TOK_LEX(tk, j, CT_LEX_SAY | CT_LEX_FIND) &&
		    CT_TOK_LEX(tk, j - 1, CT_LEX_SPEAKER_NOUN)) {
			set_tokens(tk, k, j - 1, out);
			return;
		}
	}
	/* not a figure ("A 41-page inspection report": the inspection report) */
	while (s > 0 && n - s < 2 && !(tk->t[s - 1].flags & (CT_TOK_PUNCT | CT_TOK_DIGIT)) && !article(tk, s - 1) &&
	       !role_stop(tk, s - 1) && !inside_quote(tk, s - 1, q) && !(tk->t[s - 1].flags & CT_TOK_CAP) &&
	       !CT_TOK_LEX(tk, s - 1, CT_LEX_SAY | CT_LEX_FIND))
		s--;
	set_tokens(tk, s, n, out);
}

/* What may follow a document that is the subject ("the report, published by ...,", "an
 * inspection in August", "figures from ..."): 1 when token i may. */
static int doc_follower(const struct ct_tokens *tk, size_t i)
{
	static const char *const words[] = { "by", "from", "of", "in", "on", "for", "published", "released",
					     "carried", "commissioned", "conducted", "issued", "presented", "also",
					     "further", "earlier", "previously", NULL };
	return i >= tk->n || (tk->t[i].flags & CT_TOK_PUNCT) || CT_TOK_LEX(tk, i, CT_LEX_SAY | CT_LEX_FIND) ||
	       ct_tok_in(tk, i, words);
}

/* The subject of the verb at token i when it is a document ("a new report found", "A 2023 audit by
 * the Public Works Board found that", "Figures published by the directorate show") or, with bodies
 * (a CT_LEX_SPEAKER_NOUN too), the noun before a parenthesis ("The 48-page report, published by
 * ... on Monday, says"): back at most 20 tokens (a name is several), over two commas at most, not past another verb of
 * saying, a relative pronoun or a conjunction. 1 when found (the speaker set), else 0. */
static int subject_before(const struct ct_tokens *tk, const struct ct_sentence_entities *ents,
			  const struct ct_quote *q, size_t i, unsigned heads, struct ct_attribution *out)
{
	const struct ct_entity *e;
	size_t k = i, commas = 0;
	while (k > 0 && i - k < 20) {
		k--;
		if (inside_quote(tk, k, q))
			return 0;
		if ((tk->t[k].flags & CT_TOK_PUNCT) && (((e = entity_at(ents, k)) && e->tok_start < k) ||
						       (tk->s[tk->t[k].start] == '&' && tk->t[k].end == tk->t[k].start + 1) ||
						       apostrophe(tk, k)))
			continue;   /* a name's own marks: "Hollins & Vey", "the supporters' trust" */
		if (tk->t[k].flags & CT_TOK_PUNCT) {
			if (!is_comma(tk, k) || ++commas > 2)
				return 0;
			continue;
		}
		/* a relative clause ends the search, but for one in the parenthesis ("The audit, which
		 * took two years, found") */
		if (CT_TOK_LEX(tk, k, CT_LEX_SAY | CT_LEX_FIND) || ct_tok_is(tk, k, "and") || ct_tok_is(tk, k, "but") ||
		    (commas != 1 && (ct_tok_is(tk, k, "that") || ct_tok_is(tk, k, "which") || ct_tok_is(tk, k, "who"))))
			return 0;
		if (!(tk->t[k].flags & CT_TOK_ALLCAPS) && CT_TOK_LEX(tk, k, heads) && doc_follower(tk, k + 1)) {
			/* a body before a parenthesis only: right before the verb it is noun_speaker's */
			if (!CT_TOK_LEX(tk, k, CT_LEX_DOC) && !commas)
				return 0;
			if (CT_TOK_LEX(tk, k, CT_LEX_DOC))
				doc_speaker(tk, ents, q, k, out);
			else
				noun_speaker(tk, k, out);
			return 1;
		}
	}
	return 0;
}

/* A preposition that opens an adverbial after a speaker named after the verb ("..., said the
 * authority at a press conference", "... on Tuesday", "... in a statement"). */
static int adjunct(const struct ct_tokens *tk, size_t i)
{
	static const char *const preps[] = { "on", "in", "during", "after", "before", "when", "while", "last",
					     "this", "yesterday", "today", NULL };
	return ct_tok_in(tk, i, preps);
}

/* Whether the adverbial at token j ends the sentence or its clause in ten words with no verb:
 * "on its second press conference to the journalists."; not "on Feb. 27 had found no fault". */
static int adjunct_ends(const struct ct_tokens *tk, size_t j)
{
	static const char *const aux[] = { "had", "has", "have", "was", "were", "is", "are", "would", "will",
					   "could", "should", "can", "did", "does", "do", NULL };
	size_t c;
	for (c = j; c < tk->n && !is_comma(tk, c) && !(tk->t[c].flags & CT_TOK_QUOTE_OPEN); c++)
		if (c >= j + 10 || CT_TOK_LEX(tk, c, CT_LEX_SAY | CT_LEX_FIND) || ct_tok_in(tk, c, aux))
			return 0;
	return 1;
}

/* Whether tokens [a, b) can go on a body's name: none, or "of" and capitalised words ("of Ostrey",
 * "of the Interior"). */
static int name_words(const struct ct_tokens *tk, size_t a, size_t b)
{
	size_t j;
	if (a == b)
		return 1;
	if (!ct_tok_is(tk, a, "of"))
		return 0;
	for (j = a + 1; j < b; j++)
		if (!(tk->t[j].flags & CT_TOK_CAP) && !ct_tok_is(tk, j, "the") && !ct_tok_is(tk, j, "of") &&
		    !ct_tok_is(tk, j, "and"))
			return 0;
	return 1;
}

/* The subject after the verb at token i in a translation's order, the verb after the clause
 * ("..., says a spokeswoman of the transport ministry", "..., shows a report from the
 * municipality", "..., says the leader of the Passenger Forum, Liv Sandmo", "..., informed the
 * company"): after a comma or a closing quote, an article, then up to eight words to the end of
 * the sentence or a comma, one of the first three a document, body or title. The person in
 * apposition after it, or the person in it, or the body a document is from, or the phrase. 1 when
 * found (the speaker set), else 0. */
static int finite_verb(const struct ct_tokens *tk, size_t i);

/* A verb by its form or the word lists: an auxiliary or a finite verb of being or having, a word
 * of the past or the future, or a lower-case word of four letters or more ending in "ed". */
static int verb_like(const struct ct_tokens *tk, size_t i)
{
	const char *w = tk->s + tk->t[i].start;
	size_t n = tk->t[i].end - tk->t[i].start;
	return finite_verb(tk, i) || CT_TOK_LEX(tk, i, CT_LEX_PAST | CT_LEX_FUTURE) ||
	       (n >= 4 && w[0] >= 'a' && w[0] <= 'z' && w[n - 2] == 'e' && w[n - 1] == 'd');
}

static int subject_after(const struct ct_tokens *tk, const struct ct_sentence_entities *ents,
			 const struct ct_quote *q, size_t i, struct ct_attribution *out)
{
	const struct ct_entity *e;
	size_t k = i + 1, j, head = SIZE_MAX;
	int ends_adjunct = 0;
	if (i == 0 || !(tk->t[i - 1].flags & CT_TOK_PUNCT) || ct_tok_is(tk, i, "told") || ct_tok_is(tk, i, "tell") ||
	    k >= tk->n || inside_quote(tk, k, q))
		return 0;
	if (article(tk, k))
		k++;
	if ((e = role_then_person(tk, ents, q, k))) {
		set_speaker(out, e);
		return 1;
	}
	for (j = k; j < tk->n && j < k + 8 && (!(tk->t[j].flags & CT_TOK_PUNCT) || apostrophe(tk, j)); j++) {
		if (inside_quote(tk, j, q) || ct_tok_is(tk, j, "that") || CT_TOK_LEX(tk, j, CT_LEX_SAY | CT_LEX_FIND))
			return 0;
		if (head != SIZE_MAX && j > head && adjunct(tk, j) && name_words(tk, head + 1, j) && adjunct_ends(tk, j)) {
			ends_adjunct = 1;
			break;   /* "..., said the roads authority of Ostrey | on Tuesday" */
		}
		if (head == SIZE_MAX && j < k + 3 && !(tk->t[j].flags & CT_TOK_CAP) &&
		    CT_TOK_LEX(tk, j, CT_LEX_DOC | CT_LEX_SPEAKER_NOUN | CT_LEX_TITLE))
			head = j;
		if (head == SIZE_MAX && (adjunct(tk, j) || ct_tok_is(tk, j, "of") || ct_tok_is(tk, j, "for") ||
					 ct_tok_is(tk, j, "by") || ct_tok_is(tk, j, "from") || ct_tok_is(tk, j, "to")))
			return 0;   /* "wrote in a statement": no subject after the verb */
		/* "Anna Kessler, the club's chair, said the league had ignored its complaints": a verb
		 * after the noun, which is the subject of what was said, not the speaker */
		if (head != SIZE_MAX && j > head && verb_like(tk, j))
			return 0;
	}
	if (ends_adjunct) {
		/* the person named at the end of the clause: "..., said a fire engineer at the
		 * university on Monday, Dr. Imre Vasko" */
		size_t c;
		for (c = j; c < tk->n && c < j + 10 && !is_comma(tk, c); c++)
			;
		if (c < tk->n && is_comma(tk, c) && (e = entity_at(ents, c + 1)) && e->tok_start == c + 1 && person_like(e)) {
			set_speaker(out, e);
			return 1;
		}
	}
	if (head == SIZE_MAX || j == k)
		return 0;
	if (j < tk->n && !is_comma(tk, j) && tk->s[tk->t[j].start] != '.' && !(tk->t[j].flags & CT_TOK_QUOTE_CLOSE) &&
	    !ends_adjunct)
		return 0;
	/* "the leader of the Passenger Forum, Liv Sandmo" */
	if (is_comma(tk, j) && (e = entity_at(ents, j + 1)) && e->tok_start == j + 1 && person_like(e)) {
		set_speaker(out, e);
		return 1;
	}
	if (CT_TOK_LEX(tk, head, CT_LEX_DOC)) {
		/* "numbers from the transport office Trafikdal": the body named at the end */
		if (j >= 1 && (e = entity_at(ents, j - 1)) && e->tok_end == j && e->tok_start > head && e->kind != CT_ENT_PLACE) {
			set_speaker(out, e);
			return 1;
		}
	}
	/* "..., says the IT director T. J. Fairweather.", "..., says the director of the agency Anouk
	 * Ombridge.": the person the phrase ends with */
	if (j >= 1 && (e = entity_at(ents, j - 1)) && e->tok_end == j && e->tok_start > head && person_like(e)) {
		set_speaker(out, e);
		return 1;
	}
	/* "the regional roads authority": the words in lower case before the head go with it */
	set_tokens(tk, CT_TOK_LEX(tk, head, CT_LEX_TITLE) ? head : k, j - 1, out);
	return 1;
}

/* "According to Harlow Construction's regional manager, Ebba Lindqvist, the company ...": a role in
 * lower case from token k to a comma, perhaps an apposition ("a former referee,"), then a person
 * and a comma or the sentence's end: that person, or NULL. */
static const struct ct_entity *role_comma_person(const struct ct_tokens *tk, const struct ct_sentence_entities *ents,
						 const struct ct_quote *q, size_t k)
{
	const struct ct_entity *e;
	size_t j;
	for (j = k; j < tk->n && j < k + 8 && (!(tk->t[j].flags & CT_TOK_PUNCT) || apostrophe(tk, j)); j++)
		if (inside_quote(tk, j, q))
			return NULL;
	if (j == k || !is_comma(tk, j))
		return NULL;
	if ((tk->t[j - 1].flags & CT_TOK_CAP) || entity_at(ents, j - 1)) {
		/* "the chief executive of Grisby, Marguerite Olsen-Pryce,": a role of a body named
		 * after "of" (not "Harlow Construction, Y": a name, no role) */
		const struct ct_entity *o = entity_at(ents, j - 1);
		size_t f = o ? o->tok_start : j - 1;
		if (f < k + 2 || !ct_tok_is(tk, f - 1, "of") ||
		    !CT_TOK_LEX(tk, f - 2, CT_LEX_TITLE | CT_LEX_SPEAKER_NOUN) || (tk->t[f - 2].flags & CT_TOK_CAP))
			return NULL;
	}
	/* "the league's chief executive, a former referee and accountant, Dr. Colm D. Ferriday": an
	 * apposition of lower-case words with an article first, between the role and the name */
	if (article(tk, j + 1) && !entity_at(ents, j + 1)) {
		size_t m;
		for (m = j + 2; m < tk->n && m < j + 10 && !(tk->t[m].flags & (CT_TOK_PUNCT | CT_TOK_CAP)) &&
				!inside_quote(tk, m, q) && !CT_TOK_LEX(tk, m, CT_LEX_SAY | CT_LEX_PAST | CT_LEX_PRONOUN);
		     m++)
			;
		if (is_comma(tk, m))
			j = m;
	}
	if (!(e = entity_at(ents, j + 1)) || e->tok_start != j + 1 || !person_like(e))
		return NULL;
	/* a comma after the name, or the sentence's end ("..., according to the chief executive,
	 * Colm Ferriday.") */
	if (!is_comma(tk, e->tok_end) && !(e->tok_end < tk->n && tk->s[tk->t[e->tok_end].start] == ';') &&
	    !(e->tok_end >= tk->n || (e->tok_end + 1 == tk->n && (tk->t[e->tok_end].flags & CT_TOK_PUNCT))))
		return NULL;   /* (or a semicolon: "according to the chief medical officer, Dr. X; the last ...") */
	return e;
}

/* Verbs that report what someone holds (each a CT_LEX_ATTRIB word, lexicon.c). */
static const char *const holding_verbs[] = { "estimated", "estimates", "claimed", "claims", "believes", "believe",
					     "believed", "argues", "maintains", "maintained", NULL };

/* "Harlan estimated that ...", "The union claims that ...": a verb that reports what someone
 * holds, with "that" after it. */
static int verb_that(const struct ct_tokens *tk, size_t i)
{
	size_t k;
	if (!ct_tok_in(tk, i, holding_verbs))
		return 0;
	/* (a translation's "estimates, that") */
	if (ct_tok_is(tk, i + 1, "that") || (is_comma(tk, i + 1) && ct_tok_is(tk, i + 2, "that")))
		return 1;
	/* "estimated in a report published earlier this month that" */
	if (!ct_tok_is(tk, i + 1, "in") && !ct_tok_is(tk, i + 1, "on") && !ct_tok_is(tk, i + 1, "last"))
		return 0;
	for (k = i + 2; k < tk->n && k < i + 10 && !(tk->t[k].flags & CT_TOK_PUNCT); k++)
		if (ct_tok_is(tk, k, "that"))
			return 1;
	return 0;
}

/* Whether "according to" follows token i (outside the quote). */
static int according_after(const struct ct_tokens *tk, const struct ct_quote *q, size_t i)
{
	size_t k;
	for (k = i + 1; k + 2 < tk->n; k++)
		if (ct_tok_is(tk, k, "according") && ct_tok_is(tk, k + 1, "to") && !inside_quote(tk, k, q))
			return 1;
	return 0;
}

/* "The backlog she estimates at 1.3 billion", "He believes the vote was rigged": a verb of
 * verb_that's with a personal pronoun right before it, "that" or not. */
static int held_by_pronoun(const struct ct_tokens *tk, size_t i)
{
	return i > 0 && CT_TOK_LEX(tk, i, CT_LEX_ATTRIB) &&
	       (ct_tok_is(tk, i - 1, "he") || ct_tok_is(tk, i - 1, "she") || ct_tok_is(tk, i - 1, "they")) &&
	       ct_tok_in(tk, i, holding_verbs);
}

/* An auxiliary or a finite verb of being or having ("has", "is", "will" ...). */
static int finite_verb(const struct ct_tokens *tk, size_t i)
{
	static const char *const verbs[] = { "has", "have", "had", "is", "are", "was", "were", "will", "would",
					     "must", "can", "could", "should", "shall", "may", "lies", "lay", NULL };
	return ct_tok_in(tk, i, verbs);
}

/* Whether a verb of saying comes after token i, outside the quote. */
static int say_later(const struct ct_tokens *tk, const struct ct_quote *q, size_t i)
{
	size_t k;
	for (k = i + 1; k < tk->n; k++)
		if (CT_TOK_LEX(tk, k, CT_LEX_SAY) && !inside_quote(tk, k, q))
			return 1;
	return 0;
}

/* "A spokesperson for the league said", "The league warned in October that": the noun phrase that
 * opens the sentence, or a clause after a comma, "and" or "but", with a determiner and runs to the
 * verb at token i: no more than nine words, none of them a verb, a pronoun or a word of saying, no
 * punctuation but a name's own. The phrase is the speaker; 1 when found, else 0. */
static int np_subject(const struct ct_tokens *tk, const struct ct_sentence_entities *ents, const struct ct_quote *q,
		      size_t i, struct ct_attribution *out)
{
	static const char *const dets[] = { "the", "a", "an", "its", "their", "his", "her", "our", NULL };
	static const char *const stops[] = { "that", "which", "who", "whom", "whose", "as", "while", "when",
					     "if", "because", "after", "before", "than", "where", NULL };
	const struct ct_entity *e;
	size_t s = i, k, end = i;
	/* a verb that is only saying ("said", "warned"), or another ("claimed", "posted", "denied")
	 * with what was said after it: not "The flood claimed the lives of three people" */
	if (!CT_TOK_LEX(tk, i, CT_LEX_SAY_AFTER) &&
	    !(i + 1 < tk->n && (ct_tok_is(tk, i + 1, "that") || (tk->t[i + 1].flags & CT_TOK_PUNCT))))
		return 0;
	/* a translation's "The fishermen of the town have on Thursday announced that": the
	 * auxiliary and a day between the subject and the participle */
	if (i >= 4 && (tk->t[i - 1].flags & CT_TOK_CAP) && (ct_tok_is(tk, i - 2, "on") || ct_tok_is(tk, i - 2, "last")) &&
	    (ct_tok_is(tk, i - 3, "have") || ct_tok_is(tk, i - 3, "has") || ct_tok_is(tk, i - 3, "had")))
		s = end = i - 3;
	while (s > 0 && end - s < 10) {
		k = s - 1;
		if (inside_quote(tk, k, q))
			return 0;
		if ((tk->t[k].flags & CT_TOK_PUNCT) && !apostrophe(tk, k) &&
		    !((e = entity_at(ents, k)) && e->tok_start < k && e->tok_end > k + 1))
			break;
		if (ct_tok_is(tk, k, "and") || ct_tok_is(tk, k, "but"))
			break;
		if (CT_TOK_LEX(tk, k, CT_LEX_SAY | CT_LEX_FIND | CT_LEX_PRONOUN | CT_LEX_PAST) || ct_tok_in(tk, k, stops) ||
		    finite_verb(tk, k) || (tk->t[k].flags & CT_TOK_QUOTE_CLOSE))
			return 0;
		s--;
	}
	/* ", forecasters said.": a plural noun alone after a comma, the verb ending the sentence */
	if (end == i && i - s == 1 && s > 0 && is_comma(tk, s - 1) && !(tk->t[s].flags & (CT_TOK_CAP | CT_TOK_PUNCT)) &&
	    tk->t[s].end - tk->t[s].start >= 4 && tk->s[tk->t[s].end - 1] == 's' &&
	    (i + 1 >= tk->n || (i + 2 == tk->n && (tk->t[i + 1].flags & CT_TOK_PUNCT)))) {
		set_tokens(tk, s, s, out);
		return 1;
	}
	if (end - s < 2 || !ct_tok_in(tk, s, dets))
		return 0;
	/* after a comma, a conjunction or a dateline's dash ("Port Aldwick - The fishermen ...") */
	if (s > 0 && !is_comma(tk, s - 1) && !ct_tok_is(tk, s - 1, "and") && !ct_tok_is(tk, s - 1, "but") &&
	    !is_dash(tk, s - 1))
		return 0;
	set_tokens(tk, s, end - 1, out);
	return 1;
}


/* The clause's subject when it is a noun phrase with what qualifies it, the verb of saying at token
 * i: "The family that owns the creamery says", "Residents who gathered outside Town Hall on Monday
 * said", "The union representing the crew of the ferry ... said", "Officials at the state laboratory
 * told reporters that", "Two clerks told the court that". The phrase opens the sentence (or follows
 * a dateline's dash): a determiner or a number and up to three words, or a plural noun alone, then
 * "who", "that", "which", a participle in "-ing" or a preposition. The speaker is the phrase before
 * a relative clause or a participle, or the whole subject with its preposition's object when no
 * verb is in it. 1 when found, else 0. */
static int qualified_subject(const struct ct_tokens *tk, const struct ct_quote *q, size_t i, struct ct_attribution *out)
{
	static const char *const dets[] = { "the", "a", "an", "its", "their", NULL };
	static const char *const counts[] = { "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
					      "several", "some", "many", "most", "dozens", "hundreds", NULL };
	static const char *const rels[] = { "who", "that", "which", NULL };
	static const char *const preps[] = { "at", "of", "in", "from", "with", "on", "inside", "outside", NULL };
	static const char *const aux[] = { "has", "have", "had", NULL };
	size_t s0 = 0, h, k, words, end = i;
	int det, count, rel;
	/* "The share of adults who say they cannot ... rose": the verb of the relative clause */
	if (i > 0 && (ct_tok_is(tk, i - 1, "who") || ct_tok_is(tk, i - 1, "that") || ct_tok_is(tk, i - 1, "which")))
		return 0;
	if (!CT_TOK_LEX(tk, i, CT_LEX_SAY_AFTER) &&
	    !(i + 1 < tk->n && (ct_tok_is(tk, i + 1, "that") || (tk->t[i + 1].flags & CT_TOK_PUNCT))) && !verb_that(tk, i))
		return 0;
	for (k = 0; k < i && k < 12; k++)
		if (is_dash(tk, k)) {
			s0 = k + 1;   /* "PORTCALLAN, Nov. 25 — The union ..." */
			break;
		}
	while (s0 < i && (tk->t[s0].flags & CT_TOK_PUNCT) && !(tk->t[s0].flags & CT_TOK_QUOTE_OPEN))
		s0++;   /* a bullet */
	/* "have on Thursday announced", "has said": the auxiliary of the verb, not a verb inside */
	for (k = i; k > s0 && i - k < 4; k--)
		if (ct_tok_in(tk, k - 1, aux)) {
			end = k - 1;
			break;
		}
	if (end - s0 < 2 || end - s0 > 22)
		return 0;
	count = ct_tok_in(tk, s0, counts) || ((tk->t[s0].flags & CT_TOK_DIGIT) && !(tk->t[s0].flags & CT_TOK_PUNCT));
	det = count || ct_tok_in(tk, s0, dets);
	for (h = s0 + det, words = 0; h < end; h++) {
		if (ct_tok_in(tk, h, rels) || ct_tok_in(tk, h, preps) ||
		    /* "representing the crew" (not "the housing ministry") */
		    (h > s0 + det && tk->t[h].end - tk->t[h].start > 4 && !memcmp(tk->s + tk->t[h].end - 3, "ing", 3) &&
		     (article(tk, h + 1) || ct_tok_is(tk, h + 1, "its") || ct_tok_is(tk, h + 1, "their"))))
			break;
		if (((tk->t[h].flags & CT_TOK_PUNCT) && !apostrophe(tk, h)) || ++words > 3 ||
		    CT_TOK_LEX(tk, h, CT_LEX_PRONOUN | CT_LEX_SAY | CT_LEX_FIND | CT_LEX_PAST | CT_LEX_TITLE) ||
		    finite_verb(tk, h) || (h > s0 && (tk->t[h].flags & CT_TOK_CAP)))
			return 0;
	}
	if (h == s0 + det || inside_quote(tk, h, q))
		return 0;
	if (h >= end) {
		/* "Two clerks told the court": a count and its noun */
		if (!count || words > 2)
			return 0;
		set_tokens(tk, s0, end - 1, out);
		return 1;
	}
	/* no determiner: a plural noun alone ("Residents", "Officials") */
	if (!det && (h != s0 + 1 || tk->s[tk->t[s0].end - 1] != 's' || tk->t[s0].end - tk->t[s0].start < 5))
		return 0;
	rel = !ct_tok_in(tk, h, preps);
	for (k = h + 1; k < end; k++) {
		if (inside_quote(tk, k, q) || CT_TOK_LEX(tk, k, CT_LEX_SAY | CT_LEX_PRONOUN) ||
		    ((tk->t[k].flags & CT_TOK_PUNCT) && !apostrophe(tk, k)))
			return 0;
		if (!rel && (finite_verb(tk, k) || CT_TOK_LEX(tk, k, CT_LEX_PAST) || ct_tok_in(tk, k, rels)))
			rel = 2;   /* "The union representing the crew of the ferry that struck ...": a verb inside */
	}
	set_tokens(tk, s0, (rel ? h : end) - 1, out);
	return 1;
}

/* Whether tokens j.. are an adverbial that ends the sentence: max words at most, no comma, no
 * verb ("on Monday.", "in a statement."; not "on Monday suspended the permit."); with
 * participles set, a participle is no verb ("in a report published last month."). */
static int adverbial_ends(const struct ct_tokens *tk, size_t j, size_t max, int participles)
{
	size_t k, n = tk->n;
	if (n > j && (tk->t[n - 1].flags & CT_TOK_PUNCT) && tk->s[tk->t[n - 1].start] == '.')
		n--;
	if (n - j > max)
		return 0;
	for (k = j; k < n; k++) {
		const char *w = tk->s + tk->t[k].start;
		size_t len = tk->t[k].end - tk->t[k].start;
		if ((tk->t[k].flags & CT_TOK_PUNCT) || finite_verb(tk, k) ||
		    CT_TOK_LEX(tk, k, participles ? CT_LEX_SAY | CT_LEX_FIND | CT_LEX_FUTURE
						  : CT_LEX_PAST | CT_LEX_SAY | CT_LEX_FIND) ||
		    (!participles && len > 3 && w[len - 2] == 'e' && w[len - 1] == 'd'))
			return 0;
	}
	return 1;
}

/* "..., means the authority.", "..., so the authority.": a translation's "meint" or "so" (its
 * "according to") after the clause, with a body, document or title of at most five words ending
 * the sentence or before an adverbial that does (not "..., means the agency will lose", "..., so the agency lost"). 1 with the
 * speaker in out, else 0 (out untouched). */
static int means_body(const struct ct_tokens *tk, const struct ct_sentence_entities *ents, const struct ct_quote *q,
		      size_t i, struct ct_attribution *out)
{
	struct ct_attribution a;
	size_t j;
	if (i == 0 || !is_comma(tk, i - 1) ||
	    !(ct_tok_is(tk, i, "means") || ct_tok_is(tk, i, "so") || ct_tok_is(tk, i, "reports")))
		return 0;   /* ("..., reports the department.") */
	memset(&a, 0, sizeof(a));
	if (!subject_after(tk, ents, q, i, &a))
		return 0;
	for (j = i + 1; j < tk->n && tk->t[j].start < a.speaker_end; j++)
		;
	/* the phrase ends in a body, a document, a title or a name, or has such a head before an "of"
	 * ("so the weather service of the state."): not "the agency lost money" */
	if (!CT_TOK_LEX(tk, j - 1, CT_LEX_SPEAKER_NOUN | CT_LEX_DOC | CT_LEX_TITLE) && !(tk->t[j - 1].flags & CT_TOK_CAP)) {
		size_t h;
		for (h = i + 1; h + 1 < j && !ct_tok_is(tk, h + 1, "of"); h++)
			;
		if (h + 1 >= j || !CT_TOK_LEX(tk, h, CT_LEX_SPEAKER_NOUN | CT_LEX_DOC | CT_LEX_TITLE))
			return 0;
	}
	/* "so" between commas too, right after the verb it interrupts: "The landfill has, so a
	 * spokesman of the association, room" (not "... missed its deadline, so the inspectorate,
	 * acting on its own powers, suspended ...") */
	if (!(j - i <= 8 && (j == tk->n || (j + 1 == tk->n && tk->s[tk->t[j].start] == '.') ||
			     /* "..., so the club on Monday." */
			     (adjunct(tk, j) && adverbial_ends(tk, j, 3, 0)) ||
			     (ct_tok_is(tk, i, "so") && is_comma(tk, j) && i >= 2 && finite_verb(tk, i - 2)))))
		return 0;
	*out = a;   /* the speaker (found is the caller's) */
	return 1;
}

/* "..., the centre added." / "..., the traffic centre said.": after a comma, "the" and one or
 * two words in lower case, then the verb of saying (token i) ending the sentence: a body the word
 * lists do not know is still the speaker. Sets a and returns 1, else 0. */
static int comma_the_body(const struct ct_tokens *tk, const struct ct_quote *q, size_t i, struct ct_attribution *a)
{
	size_t k, words;
	if (i + 1 < tk->n && !((tk->t[i + 1].flags & CT_TOK_PUNCT) && i + 2 >= tk->n))
		return 0;   /* the verb ends the sentence, or only its stop follows */
	for (k = i, words = 0; k > 0 && words < 3; k--, words++) {
		const struct ct_token *t = &tk->t[k - 1];
		if (ct_tok_is(tk, k - 1, "the"))
			break;
		if (!(t->flags & CT_TOK_PLAIN) || (t->flags & CT_TOK_CAP) || inside_quote(tk, k - 1, q) ||
		    CT_TOK_LEX(tk, k - 1, CT_LEX_PRONOUN) || role_stop(tk, k - 1))
			return 0;
	}
	if (!words || words > 2 || k < 2 || !ct_tok_is(tk, k - 1, "the") || !is_comma(tk, k - 2))
		return 0;
	a->speaker_start = a->name_start = tk->t[k - 1].start;
	a->speaker_end = a->name_end = tk->t[i - 1].end;
	return 1;
}

/* The body a translation's "after figures of the" names from token k on: a name, or words up to a
 * body's word ("the roads authority"); at the end of the sentence (or of its clause) when ends
 * is set. 1 when found (out set). */
static int after_source(const struct ct_tokens *tk, const struct ct_sentence_entities *ents, size_t k, int ends,
			struct ct_attribution *out)
{
	const struct ct_entity *e = entity_at(ents, k);
	size_t j, end = SIZE_MAX;
	if (e && e->tok_start == k && e->kind != CT_ENT_PLACE) {
		end = e->tok_end;
	} else {
		for (j = k; j < tk->n && j < k + 4 && !(tk->t[j].flags & (CT_TOK_PUNCT | CT_TOK_CAP | CT_TOK_DIGIT)); j++)
			if (CT_TOK_LEX(tk, j, CT_LEX_SPEAKER_NOUN | CT_LEX_DOC)) {
				end = j + 1;
				break;
			}
		e = NULL;
	}
	if (end == SIZE_MAX || (ends && end < tk->n && !is_comma(tk, end) && tk->s[tk->t[end].start] != '.'))
		return 0;
	out->found = out->according_to = 1;
	if (e)
		set_speaker(out, e);
	else
		set_tokens(tk, k, end - 1, out);
	return 1;
}

/* A translation's "after" + a document or data with a determiner at token i ("nach seinen
 * Bilanzen"): opening the sentence before a verb put second ("After its accounts has Albion ...
 * lost"), or after a comma before a relative clause or the end ("..., after a letter which the
 * Post has seen."). Not English's "After the report was published, ...". 1 with the document as
 * the source (out set), else 0. */
static int after_document(const struct ct_tokens *tk, const struct ct_quote *q, size_t i, struct ct_attribution *out)
{
	static const char *const dets[] = { "its", "their", "his", "her", "the", "a", NULL };
	size_t d = i + 1;   /* the document */
	if (!ct_tok_is(tk, i - 1, "after") || !ct_tok_in(tk, i, dets) || inside_quote(tk, i, q) ||
	    !CT_TOK_LEX(tk, d, CT_LEX_SOURCE | CT_LEX_DOC))
		return 0;
	if (i == 1) {
		/* a finite verb, then its subject: a name or a determiner */
		if (d + 2 >= tk->n || !finite_verb(tk, d + 1) ||
		    !((tk->t[d + 2].flags & CT_TOK_CAP) || ct_tok_in(tk, d + 2, dets)))
			return 0;
	} else if (!is_comma(tk, i - 2) ||
		   !(ct_tok_is(tk, d + 1, "which") || ct_tok_is(tk, d + 1, "that") ||
		     /* data at the end ("..., after figures."), not a document ("..., after the audit.":
		      * a time) */
		     (CT_TOK_LEX(tk, d, CT_LEX_SOURCE) &&
		      (d + 1 >= tk->n || (d + 2 == tk->n && tk->s[tk->t[d + 1].start] == '.'))))) {
		return 0;
	}
	out->found = out->according_to = 1;
	set_tokens(tk, i, d, out);
	return 1;
}

/* The source an "according to" names from token f on (out->found and according_to set). */
static void according_source(const struct ct_tokens *tk, const struct ct_sentence_entities *ents,
			     const struct ct_quote *q, size_t f, struct ct_attribution *out)
{
	const struct ct_entity *e;
	out->found = 1;
	out->according_to = 1;
	if (ct_tok_is(tk, f, "her") || ct_tok_is(tk, f, "him") || ct_tok_is(tk, f, "them")) {
		/* "According to her, ...": the person named before */
		out->pronoun = 1;
		out->speaker_start = out->name_start = tk->t[f].start;
		out->speaker_end = out->name_end = tk->t[f].end;
	} else if ((e = role_comma_person(tk, ents, q, f)) ||
		   (!entity_at(ents, f) && (e = role_then_person(tk, ents, q, f + article(tk, f))))) {
		/* "According to Harlow Construction's regional manager, Ebba Lindqvist, the
		 * company ...", the translated "According to regional chief Jonas Ekholt has
		 * the firm ...": the person, not the company nor the words after */
		set_speaker(out, e);
	} else if ((e = entity_at(ents, f)) || ((ct_tok_is(tk, f, "the") || ct_tok_is(tk, f, "a")) &&
						    (e = entity_at(ents, f + 1)))) {
		set_speaker(out, e);
	} else {
		/* "according to a preliminary report from the directorate,": the phrase up
		 * to its punctuation (ten words at most), or to where a clause about it
		 * begins ("an internal review | seen by ...", "a letter | the trust sent");
		 * "figures from the Ministry of Trade", "a report by the Chamber": the body
		 * named at its end; a figure ends it too (the translated "measures according
		 * to the authority 3,4 millimetres": what was said follows) */
		size_t k = f;
		while (k + 1 < tk->n && !(tk->t[k + 1].flags & (CT_TOK_PUNCT | CT_TOK_DIGIT)) && k < f + 9 &&
		       !clause_starts(tk, k + 1) &&
		       /* a document ends it, but not "the state statistics office" */
		       !(CT_TOK_LEX(tk, k, CT_LEX_DOC) && !doc_follower(tk, k + 1) && !CT_TOK_LEX(tk, k + 1, CT_LEX_SPEAKER_NOUN)))
			k++;
		/* "figures filed with the court by the plaintiffs' lawyer, Priya N. Castellan.": the
		 * person the role after "by" names */
		{
			size_t b;
			for (b = f + 1; b < tk->n && b < f + 12 && (!(tk->t[b].flags & CT_TOK_PUNCT) || apostrophe(tk, b)); b++)
				if (ct_tok_is(tk, b, "by") && (e = role_comma_person(tk, ents, q, b + 1))) {
					set_speaker(out, e);
					return;
				}
		}
		if (k >= f + 2 && (e = entity_at(ents, k)) && e->tok_end == k + 1 && e->kind != CT_ENT_PLACE &&
		    e->tok_start > f + 1 && (ct_tok_is(tk, e->tok_start - 1, "from") || ct_tok_is(tk, e->tok_start - 1, "by") ||
		    ((ct_tok_is(tk, e->tok_start - 1, "the")) && e->tok_start > f + 2 &&
		     (ct_tok_is(tk, e->tok_start - 2, "from") || ct_tok_is(tk, e->tok_start - 2, "by"))))) {
			set_speaker(out, e);
			return;
		}
		out->speaker_start = out->name_start = tk->t[f].start;
		out->speaker_end = out->name_end = tk->t[k].end;
	}
}

/* ", said he.", "», said she on Sunday to reporters before the hall.": a personal pronoun right
 * after the verb at token i, which follows punctuation, and nothing after it but an adverbial
 * (not "said it would": it is what was said about). 1 with the pronoun as the speaker, else 0. */
static int pronoun_after(const struct ct_tokens *tk, size_t i, struct ct_attribution *out)
{
	if (!(i + 1 < tk->n && CT_TOK_LEX(tk, i + 1, CT_LEX_PRONOUN) && i > 0 && (tk->t[i - 1].flags & CT_TOK_PUNCT) &&
	      (i + 2 >= tk->n || (tk->t[i + 2].flags & CT_TOK_PUNCT) ||
	       (adjunct(tk, i + 2) && adverbial_ends(tk, i + 2, 8, 0)))))
		return 0;
	out->pronoun = 1;
	out->speaker_start = out->name_start = tk->t[i + 1].start;
	out->speaker_end = out->name_end = tk->t[i + 1].end;
	return 1;
}

static void attribution_find(const struct ct_tokens *tk, const struct ct_sentence_entities *ents,
			     const struct ct_quote *q, struct ct_attribution *out);

/* Where a dateline ends ("PORT ALDWICK, Dec. 2 (Brinewire) — Fishermen ..."): the byte after its
 * dash, when the sentence opens with a word in capitals and a dash follows within twelve tokens;
 * else 0. */
static size_t dateline_end(const struct ct_tokens *tk)
{
	size_t k;
	if (!tk->n || !(tk->t[0].flags & CT_TOK_ALLCAPS))
		return 0;
	for (k = 1; k < tk->n && k < 12; k++)
		if (is_dash(tk, k))
			return tk->t[k].end;
	return 0;
}

void ct_attribution_find(const struct ct_tokens *tk, const struct ct_sentence_entities *ents,
			 const struct ct_quote *q, struct ct_attribution *out)
{
	size_t dl;
	attribution_find(tk, ents, q, out);
	/* the place of a dateline is no speaker ("PORT ALDWICK, Dec. 2 (Brinewire) — Fishermen in
	 * this harbour town said ..."): the attribution stands, its speaker unknown */
	if (out->found && !out->pronoun && out->speaker_end > out->speaker_start && (dl = dateline_end(tk)) &&
	    out->speaker_end <= dl) {
		/* the clause after the dash: "— Fishermen in this harbour town said ..." */
		size_t k, v;
		out->speaker_start = out->speaker_end = out->name_start = out->name_end = 0;
		for (k = 0; k < tk->n && tk->t[k].start < dl; k++)
			;
		for (v = k; v < tk->n && v < k + 9 && !CT_TOK_LEX(tk, v, CT_LEX_SAY); v++)
			if ((tk->t[v].flags & CT_TOK_PUNCT) || verb_like(tk, v))
				return;
		if (v > k && v < tk->n && v < k + 9 && CT_TOK_LEX(tk, v, CT_LEX_SAY_AFTER))
			set_tokens(tk, k, v - 1, out);
	}
}

/* A verb of saying whose object follows it, never its subject ("X, Y's lawyer, defends the count",
 * not "..., said the minister"). */
static int object_verb(const struct ct_tokens *tk, size_t i)
{
	static const char *const verbs[] = { "defended", "defends", "described", "describes", "rejected", "rejects",
					     "disputed", "disputes", "denied", "denies", "conceded", "concedes",
					     "promised", "promises", "called", "calls", NULL };
	return strchr("dprc", tk->s[tk->t[i].start]) && ct_tok_in(tk, i, verbs);
}

/* Whether a verb of saying with another sense says at token i. "The club posted record revenue",
 * "The flood claimed the lives of three", "The referee denied the visitors a penalty": only with
 * what was said after them ("that", "to", "not", a comma); a denial or a rejection of an account
 * says too ("Vellacott Ferries denied the account.", "The union rejects the board's findings");
 * "called" only for a demand ("called on Tuesday for", "called on the state to"); "described" but
 * in the passive ("the scene was described"). Not a second verb of its subject ("offered an apology
 * and promised to ..."), nor a participle after a document ("a report promised within 60 days"). */
static int other_sense_says(const struct ct_tokens *tk, const struct ct_quote *q, size_t i)
{
	static const char *const other_senses[] = { "posted", "posts", "claimed", "claims", "denied", "denies", "promised",
						    "promises", "pledged", "pledges", "vowed", "vows", "rejected", "rejects",
						    "disputed", "disputes", "conceded", "concedes", NULL };
	/* what a defence of a decision defends ("defended the fund", not "defended the title") */
	static const char *const defended[] = { "fund", "decision", "plan", "policy", "record", "handling", "move",
						"choice", "spending", "cuts", "deal", "approach", "response", "law",
						"bill", "budget", "proposal", "strategy", "investment", "investments",
						"count", "process", "system", "ban", "rules", "rule", "project", "board",
						"company", "government", "council", "report", "findings", NULL };
	static const char *const accounts[] = { "account", "accounts", "claim", "claims", "allegation", "allegations",
						"accusation", "accusations", "finding", "findings", "version",
						"representation", "criticism", "description", "figures",
						"conclusions", "conclusion", "suggestion", "assessment", "reproach",
						"reproaches", NULL };
	static const char *const passive[] = { "was", "were", "is", "are", "be", "been", "being", "so", NULL };
	size_t k;
	int called = ct_tok_is(tk, i, "called") || ct_tok_is(tk, i, "calls");
	if (ct_tok_is(tk, i, "say")) {
		/* not the noun ("have a say", "the final say") nor "declined to say", "needless to say" */
		static const char *const not_verb[] = { "a", "the", "to", "final", "no", "any", "more", "its",
							"their", "his", "her", "our",
							/* nor what is not said ("does not say", "can no longer say") */
							"not", "never", "longer", "cannot", "didn't", "doesn't", "don't", NULL };
		static const char *const greetings[] = { "goodbye", "hello", "farewell", "thanks", NULL };
		/* nor "as they say", "what they say", "say goodbye" */
		if (i >= 2 && (ct_tok_is(tk, i - 2, "as") || ct_tok_is(tk, i - 2, "what") || ct_tok_is(tk, i - 2, "whatever")))
			return 0;
		return !(i > 0 && ct_tok_in(tk, i - 1, not_verb)) && i + 1 < tk->n && !ct_tok_in(tk, i + 1, greetings);
	}
	int described = ct_tok_is(tk, i, "described") || ct_tok_is(tk, i, "describes");
	int defends = ct_tok_is(tk, i, "defended") || ct_tok_is(tk, i, "defends");
	if (!called && !described && !defends && !ct_tok_in(tk, i, other_senses))
		return 1;
	if (i > 0 && (ct_tok_is(tk, i - 1, "and") ||
		      (!(tk->t[i - 1].flags & (CT_TOK_PUNCT | CT_TOK_CAP)) && CT_TOK_LEX(tk, i - 1, CT_LEX_DOC))))
		return 0;
	if (called) {
		if (i > 0 && ct_tok_in(tk, i - 1, passive))
			return 0;
		/* "Dahl has refused to intervene, and Sen. Colby has called for a mediator": the call is
		 * the second clause's, the sentence is the first's */
		for (k = 1; k < i; k++)
			if (is_comma(tk, k - 1) && (ct_tok_is(tk, k, "and") || ct_tok_is(tk, k, "but")))
				return 0;
		/* "called for", "called on Tuesday for", "called last week for", "called on the state to";
		 * not "called a hearing for Dec. 10" */
		static const char *const aid[] = { "backup", "help", "reinforcements", "assistance", NULL };
		if (ct_tok_is(tk, i + 1, "for"))
			return !ct_tok_in(tk, i + 2, aid);   /* not "Police called for backup", "called for a penalty" */
		for (k = i + 1; k < tk->n && k < i + 7 && !(tk->t[k].flags & CT_TOK_PUNCT) && !inside_quote(tk, k, q); k++) {
			if (ct_tok_is(tk, i + 1, "on") && k > i + 1 && ct_tok_is(tk, k, "to"))
				return 1;
			if (ct_tok_is(tk, k, "for"))
				return k > i + 1 && (ct_tok_is(tk, i + 1, "on") || ct_tok_is(tk, i + 1, "last") ||
						     ct_tok_is(tk, i + 1, "this")) && CT_TOK_LEX(tk, k - 1, CT_LEX_DATEWORD);
		}
		return 0;
	}
	if (described || defends) {
		/* "Passengers described a violent jolt", "defended the fund at a news conference"; not
		 * "Hale, described by neighbours as quiet,", "described a new species", "defended the
		 * title" */
		if ((i > 0 && ct_tok_in(tk, i - 1, passive)) || ct_tok_is(tk, i + 1, "by") || ct_tok_is(tk, i + 1, "as"))
			return 0;
		if (defends) {
			for (k = i + 1; k < tk->n && k < i + 5 && !(tk->t[k].flags & CT_TOK_PUNCT); k++)
				if (ct_tok_in(tk, k, defended))
					return 1;
			return 0;
		}
		return !ct_tok_is(tk, i + 2, "new") && !ct_tok_is(tk, i + 1, "new");
	}
	if (i + 1 >= tk->n || ct_tok_is(tk, i + 1, "that") || ct_tok_is(tk, i + 1, "to") || ct_tok_is(tk, i + 1, "not") ||
	    (tk->t[i + 1].flags & CT_TOK_PUNCT) || inside_quote(tk, i + 1, q))
		return 1;   /* "denies to have hidden values", "promised not to" */
	/* "promised sheep farmers on Wednesday that she would": what was promised, after whom to */
	if (strchr("pv", tk->s[tk->t[i].start]))
		for (k = i + 1; k < tk->n && k < i + 8 && !(tk->t[k].flags & CT_TOK_PUNCT) && !inside_quote(tk, k, q); k++)
			if (ct_tok_is(tk, k, "that"))
				return 1;
	/* "She promised a national search": a promise of a person (a pronoun or a name right before) */
	if (strchr("pv", tk->s[tk->t[i].start]) && i > 0 &&
	    (ct_tok_is(tk, i - 1, "he") || ct_tok_is(tk, i - 1, "she") || ct_tok_is(tk, i - 1, "they") ||
	     ((tk->t[i - 1].flags & CT_TOK_CAP) && i > 1 && (tk->t[i - 2].flags & CT_TOK_CAP))) && article(tk, i + 1))
		return 1;
	if (tk->s[tk->t[i].start] == 'r' || tk->s[tk->t[i].start] == 'd')
		for (k = i + 1; k < tk->n && k < i + 6 && (!(tk->t[k].flags & CT_TOK_PUNCT) || apostrophe(tk, k)); k++)
			if (ct_tok_in(tk, k, accounts))
				return 1;
	return 0;
}

static void attribution_find(const struct ct_tokens *tk, const struct ct_sentence_entities *ents,
			     const struct ct_quote *q, struct ct_attribution *out)
{
	size_t i;
	unsigned any = 0;
	memset(out, 0, sizeof(*out));
	/* a sentence with no word an attribution turns on skips the word by word look (most do) */
	for (i = 0; i < tk->n; i++)
		any |= tk->t[i].lex;
	/* a translation's "After figures of the authority received Brandlow ...", "..., after
	 * measurements of the authority." ("nach Angaben der Behörde"): an "according to" */
	for (i = 1; (any & CT_LEX_SOURCE) && !(any & CT_LEX_SAY) && i + 3 < tk->n; i++)
		if (CT_TOK_LEX(tk, i, CT_LEX_SOURCE) && ct_tok_is(tk, i - 1, "after") && !inside_quote(tk, i, q) &&
		    (i == 1 || is_comma(tk, i - 2)) && ct_tok_is(tk, i + 1, "of") &&
		    ct_tok_is(tk, i + 2, "the") && after_source(tk, ents, i + 3, i > 1, out))
			return;   /* (not English's "After data from the agency showed ..., X said") */
	for (i = 1; (any & (CT_LEX_SOURCE | CT_LEX_DOC)) && !(any & CT_LEX_SAY) && i + 2 < tk->n; i++)
		if (after_document(tk, q, i, out))
			return;
	/* "After the chief executive of Grisby, Marguerite Olsen-Pryce, has the company offered ...":
	 * a translation's "according to" a role and its person, the verb put before its subject */
	if (!(any & CT_LEX_SAY) && tk->n > 6 && ct_tok_is(tk, 0, "after")) {
		const struct ct_entity *e = role_comma_person(tk, ents, q, 1 + article(tk, 1));
		if (e && is_comma(tk, e->tok_end) && finite_verb(tk, e->tok_end + 1)) {
			out->found = out->according_to = 1;
			set_speaker(out, e);
			return;
		}
	}
	for (i = any & (CT_LEX_SAY | CT_LEX_FIND | CT_LEX_ATTRIB) ? 0 : tk->n; i < tk->n; i++) {
		const struct ct_entity *e;
		if (inside_quote(tk, i, q))
			continue;
		if (ct_tok_is(tk, i, "according") && ct_tok_is(tk, i + 1, "to") && i + 2 < tk->n) {
			according_source(tk, ents, q, i + 2, out);
			return;
		}
		if (CT_TOK_LEX(tk, i, CT_LEX_FIND) && !CT_TOK_LEX(tk, i, CT_LEX_SAY)) {
			/* a translation's "Clear words found the engineer X: «...»": a colon before the
			 * quote, the person before it (below) */
			if (q && q->found && tk->t[i].end <= q->start) {
				size_t c;
				for (c = i + 1; c < tk->n && tk->t[c].end <= q->start && tk->s[tk->t[c].start] != ':'; c++)
					;
				if (c < tk->n && tk->t[c].end <= q->start)
					continue;
			}
			/* "the report found", "an inspection showed", "..., shows a report from the
			 * municipality"; not "was found", nor "police found"; nor what a person said a
			 * document found ("A review ... found no evidence ..., board chairman Tomas Ilves
			 * said") */
			size_t k;
			for (k = i + 1; k < tk->n && !(CT_TOK_LEX(tk, k, CT_LEX_SAY) && !inside_quote(tk, k, q)); k++)
				;
			if (k < tk->n)
				continue;
			if (i > 0 && (ct_tok_is(tk, i - 1, "was") || ct_tok_is(tk, i - 1, "were") || ct_tok_is(tk, i - 1, "been") ||
				      ct_tok_is(tk, i - 1, "be") || ct_tok_is(tk, i - 1, "is") || ct_tok_is(tk, i - 1, "are") ||
				      ct_tok_is(tk, i - 1, "being")))
				continue;
			/* "Researchers found that", "Investigators have found that": a body, with "that"
			 * after the verb */
			if (subject_after(tk, ents, q, i, out) || subject_before(tk, ents, q, i, CT_LEX_DOC, out) ||
			    (i > 0 && ct_tok_is(tk, i + 1, "that") &&
			     (noun_speaker(tk, i - 1, out) ||
			      (i > 1 && (ct_tok_is(tk, i - 1, "have") || ct_tok_is(tk, i - 1, "has")) && noun_speaker(tk, i - 2, out))))) {
				out->found = 1;
				return;
			}
			/* "It also found that": the report or body of the sentences before */
			if (ct_tok_is(tk, i + 1, "that") && i <= 2 && ct_tok_is(tk, 0, "it") &&
			    (i == 1 || ct_tok_is(tk, 1, "also"))) {
				out->found = out->pronoun = 1;
				out->speaker_start = out->name_start = tk->t[0].start;
				out->speaker_end = out->name_end = tk->t[0].end;
				return;
			}
			/* "..., the Legislative Budget Office found in a report last month.": a name right
			 * before the verb after a comma, the verb ending the sentence or an adverbial that
			 * does */
			if (i > 0 && (e = entity_at(ents, i - 1)) && e->tok_end == i && e->kind != CT_ENT_PLACE &&
			    e->tok_start > 0) {
				size_t b = e->tok_start - (e->tok_start > 1 && ct_tok_is(tk, e->tok_start - 1, "the")), v;
				int clause = 0;   /* what was found: a clause before the comma, not "After six hours of talks," */
				for (v = 0; v + 1 < b && !clause; v++)
					clause = verb_like(tk, v);
				if (clause && is_comma(tk, b - 1) &&
				    (i + 1 >= tk->n || (i + 2 == tk->n && (tk->t[i + 1].flags & CT_TOK_PUNCT)) ||
				     (adjunct(tk, i + 1) && adverbial_ends(tk, i + 1, 8, 1)))) {
					out->found = 1;
					set_speaker(out, e);
					return;
				}
			}
			continue;
		}
		if (CT_TOK_LEX(tk, i, CT_LEX_ATTRIB) && means_body(tk, ents, q, i, out)) {
			out->found = 1;
			return;
		}
		if (!CT_TOK_LEX(tk, i, CT_LEX_SAY) &&
		    !(CT_TOK_LEX(tk, i, CT_LEX_ATTRIB) && (estimated_by(tk, i) || verb_that(tk, i) ||
							   held_by_pronoun(tk, i) ||
							   /* ", the department estimated." */
							   (i > 0 && !(tk->t[i - 1].flags & CT_TOK_PUNCT) && i + 2 == tk->n &&
							    (tk->t[i + 1].flags & CT_TOK_PUNCT) && ct_tok_in(tk, i, holding_verbs)) ||
							   ((ct_tok_is(tk, i, "called") || ct_tok_is(tk, i, "calls")) &&
							    other_sense_says(tk, q, i)) ||
							   (i > 0 && is_comma(tk, i - 1) && ct_tok_in(tk, i, holding_verbs)))))
			continue;
		if (strchr("pcdvrsPCDVRS", tk->s[tk->t[i].start]) && !other_sense_says(tk, q, i))
			continue;
		out->found = 1;
		/* "The Ardell Growers' Union, which represents 2,300 farms, said Grisby buys ...": the
		 * name before the relative clause the comma closes, not the name after the verb */
		if (i >= 2 && is_comma(tk, i - 1) && !inside_quote(tk, i - 2, q) && (e = before_relative(tk, ents, q, i - 2))) {
			set_speaker(out, apposed_person(tk, ents, q, e));
			return;
		}
		/* "said Mr. Vos" / "said the minister" (not "told Northgate News": who is told), where
		 * the verb follows what was said ("“...,” said", "..., said"), not its subject ("The
		 * directorate said Corvane had ...": Corvane is what the directorate spoke of) */
		if (i + 1 < tk->n && !inside_quote(tk, i + 1, q) && !told(tk, i) && !object_verb(tk, i) &&
		    (i == 0 || (tk->t[i - 1].flags & CT_TOK_PUNCT) ||
		     ((ct_tok_is(tk, i - 1, "has") || ct_tok_is(tk, i - 1, "have") || ct_tok_is(tk, i - 1, "had")) &&
		      (i == 1 || (tk->t[i - 2].flags & CT_TOK_PUNCT))))) {
			size_t k = i + 1;
			if (ct_tok_is(tk, k, "the"))
				k++;
			if ((e = entity_at(ents, k)) && e->tok_start == k) {
				/* "said Halvane's chief executive, Conrad Mellish": the person, not the firm */
				const struct ct_entity *p;
				if (e->end + 1 < tk->t[tk->n - 1].end && (tk->s[e->end] == '\'' || (unsigned char)tk->s[e->end] == 0xe2) &&
				    (p = role_comma_person(tk, ents, q, k))) {
					set_speaker(out, p);
					return;
				}
				set_speaker(out, e);
				return;
			}
			if (k > i + 1 && (e = name_after_words(tk, ents, q, k))) {
				set_speaker(out, e);
				return;
			}
			if (subject_after(tk, ents, q, i, out))
				return;
		}
		/* "..., told Hallorann the reporters." (a translation's order: the name, then who was
		 * told) */
		if (i > 0 && is_comma(tk, i - 1) && told(tk, i) && (e = entity_at(ents, i + 1)) && e->tok_start == i + 1 &&
		    e->kind != CT_ENT_PLACE && ct_tok_is(tk, e->tok_end, "the") &&
		    (ct_tok_is(tk, e->tok_end + 1, "reporters") || ct_tok_is(tk, e->tok_end + 1, "journalists") ||
		     ct_tok_is(tk, e->tok_end + 1, "press"))) {
			set_speaker(out, e);
			return;
		}
		/* "..., estimated an economist at Halmsby University, Dr. Imani Castell, who ...": a verb
		 * of holding a view before its subject */
		if (i > 0 && is_comma(tk, i - 1) && CT_TOK_LEX(tk, i, CT_LEX_ATTRIB) && !CT_TOK_LEX(tk, i, CT_LEX_SAY) &&
		    subject_after(tk, ents, q, i, out))
			return;
		/* "..., informed the company" (a translation's order: who informed, not who was told) */
		if (i > 0 && is_comma(tk, i - 1) && (ct_tok_is(tk, i, "informed") || ct_tok_is(tk, i, "informs")) &&
		    subject_after(tk, ents, q, i, out))
			return;
		/* "Vos said" / "Harbour Minister Lena Vos told reporters" / "he said" */
		if (i > 0) {
			size_t k = i - 1;
			int comma = 0;
			if (!(tk->t[k].flags & CT_TOK_PUNCT) && qualified_subject(tk, q, i, out))
				return;
			/* "Aberdour has promised to", "The union had warned that": the subject before the
			 * auxiliary */
			if (k > 0 && (ct_tok_is(tk, k, "has") || ct_tok_is(tk, k, "have") || ct_tok_is(tk, k, "had")) &&
			    entity_at(ents, k - 1) && !inside_quote(tk, k - 1, q))
				k--;
			/* "Det. Sgt. Solveig Brookhouse of Portcallan police said", "Marta Ness of the
			 * Estravian Miners' Union told": the person before "of", not the body after it */
			{
				size_t o;
				for (o = i - 1; o > 1 && i - o <= 5 && !(tk->t[o].flags & CT_TOK_PUNCT) && !verb_like(tk, o); o--)
					if (ct_tok_is(tk, o, "of") && (e = entity_at(ents, o - 1)) && e->tok_end == o && person_like(e) &&
					    !inside_quote(tk, o - 1, q)) {
						set_speaker(out, e);
						return;
					}
			}
			if ((tk->t[k].flags & CT_TOK_PUNCT) && tk->s[tk->t[k].start] == ',' && k > 0 && !inside_quote(tk, k - 1, q)) {
				k--;
				comma = 1;
			}
			/* "Ruskin, 78, said": the age between commas */
			if (k >= 2 && (tk->t[k].flags & CT_TOK_DIGIT) && tk->t[k].end - tk->t[k].start <= 3 &&
			    (tk->t[k - 1].flags & CT_TOK_PUNCT) && tk->s[tk->t[k - 1].start] == ',' && entity_at(ents, k - 2))
				k -= 2;
			if (inside_quote(tk, k, q) || (tk->t[k].flags & CT_TOK_QUOTE_CLOSE)) {
				/* "“...,” said night guard Emil Dravik" */
				if ((e = role_then_person(tk, ents, q, i + 1 + determiner(tk, i + 1)))) {
					set_speaker(out, e);
					return;
				}
				if (pronoun_after(tk, i, out))
					return;   /* "», said she on Sunday to reporters." */
				continue;
			}
			if (comma && (e = before_relative(tk, ents, q, k))) {
				set_speaker(out, apposed_person(tk, ents, q, e));
				return;
			}
			if ((e = entity_at(ents, k)) && comma && apposed_person(tk, ents, q, e) != e) {
				set_speaker(out, apposed_person(tk, ents, q, e));
				return;
			}
			if ((e = entity_at(ents, k)) && comma && e->tok_start >= 2 &&
			    (ct_tok_is(tk, e->tok_start - 1, "of") || ct_tok_is(tk, e->tok_start - 1, "at"))) {
				/* "Conrad Mellish, the chief executive of Halvane Offshore, said": the person
				 * before the apposition, not the body it names */
				const struct ct_entity *p = person_before(tk, ents, q, e->tok_start);
				if (p && p->tok_end < e->tok_start && is_comma(tk, p->tok_end)) {
					set_speaker(out, p);
					return;
				}
			}
			if ((e = entity_at(ents, k))) {
				/* "Police in Veldmoor said", "Travel agents in Maldrow said": who is in the
				 * place, not the place */
				const struct ct_entity *before = e->tok_start >= 2 ? entity_at(ents, e->tok_start - 2) : NULL;
				if ((e->kind == CT_ENT_PLACE || e->tok_end - e->tok_start == 1) &&
				    e->tok_start >= 2 && ct_tok_is(tk, e->tok_start - 1, "in") &&
				    !(tk->t[e->tok_start - 2].flags & CT_TOK_PUNCT)) {
					if (before && person_like(before)) {   /* "Ann Berg in Oslo said" */
						set_speaker(out, before);
						return;
					}
					size_t s0 = e->tok_start - 2;
					while (s0 > 0 && !(tk->t[s0 - 1].flags & CT_TOK_PUNCT) && e->tok_start - s0 < 5 &&
					       !inside_quote(tk, s0 - 1, q))
						s0--;
					out->speaker_start = out->name_start = tk->t[s0].start;
					out->speaker_end = out->name_end = e->end;
					return;
				}
				/* "Anna Berg of the Harbour Authority said": the person who speaks for it */
				if (e->kind == CT_ENT_ORG && e->tok_start >= 2) {
					size_t o = e->tok_start - 1 - (ct_tok_is(tk, e->tok_start - 1, "the") ? 1 : 0);
					const struct ct_entity *p = o >= 1 && ct_tok_is(tk, o, "of") ? entity_at(ents, o - 1) : NULL;
					if (p && person_like(p) && p->tok_end == o) {
						set_speaker(out, p);
						return;
					}
				}
				/* "The association of the pilots of Corvane says", "The mayor of Dunmere
				 * said", "The lawyer of Anna Berg said": the phrase with a determiner
				 * that ends in the name, not the name */
				if (e->tok_start >= 3 && ct_tok_is(tk, e->tok_start - 1, "of")) {
					struct ct_attribution a;
					size_t h;
					memset(&a, 0, sizeof(a));
					if (np_subject(tk, ents, q, i, &a)) {
						for (h = 0; h < tk->n && tk->t[h].start < a.speaker_start; h++)
							;
						/* not "The minister of Transport Kasimir Oyelaran": a title, its
						 * portfolio and the person's name */
						if (h + 1 < e->tok_start &&
						    !(person_like(e) && e->tok_end - e->tok_start >= 3 &&
						      CT_TOK_LEX(tk, h + 1, CT_LEX_TITLE))) {
							out->speaker_start = out->name_start = a.speaker_start;
							out->speaker_end = out->name_end = a.speaker_end;
							return;
						}
					}
				}
				set_speaker(out, e);
				return;
			}
			if (CT_TOK_LEX(tk, k, CT_LEX_PRONOUN) && according_after(tk, q, i)) {
				/* "... before it told regulators, according to a report the board
				 * released": the source the sentence names, not a pronoun's verb */
				memset(out, 0, sizeof(*out));
				continue;
			}
			if (CT_TOK_LEX(tk, k, CT_LEX_PRONOUN)) {
				out->pronoun = 1;
				out->speaker_start = out->name_start = tk->t[k].start;
				out->speaker_end = out->name_end = tk->t[k].end;
				return;
			}
			/* "Tapwise, the consumer group, said", "the Wyndale Environment Authority, the
			 * region's environment regulator, said": the name before an apposition of a
			 * determiner and lower-case words */
			if (comma && (e = name_before_apposition(tk, ents, q, k))) {
				set_speaker(out, e);
				return;
			}
			/* "Gen. Tomas Ilves, a former commander who heads the safety board, said": a
			 * person before the apposition, before its last noun */
			if (comma && (e = person_before(tk, ents, q, i))) {
				set_speaker(out, opening_person(tk, ents, e));
				return;
			}
			if (noun_speaker(tk, k, out))
				return;
			if (comma_the_body(tk, q, i, out))
				return;
			if ((e = role_then_person(tk, ents, q, i + 1 + determiner(tk, i + 1)))) {
				set_speaker(out, e);
				return;
			}
		}
		/* ", said he." after the clause */
		if (pronoun_after(tk, i, out))
			return;
		/* "Dr. Aalders, a hydraulic engineer at ..., said": the nearest person before the verb. */
		{
			const struct ct_entity *best = person_before(tk, ents, q, i);
			if (best) {
				set_speaker(out, best);
				return;
			}
			/* "Corvane Air, which carried ..., said": a name opening the sentence, a comma
			 * after it */
			if (ents->n && ents->e[0].tok_start <= 1 && (ents->e[0].tok_start == 0 || ct_tok_is(tk, 0, "the")) &&
			    ents->e[0].tok_end < i && (tk->t[ents->e[0].tok_end].flags & CT_TOK_PUNCT) &&
			    tk->s[tk->t[ents->e[0].tok_end].start] == ',' && !inside_quote(tk, ents->e[0].tok_start, q)) {
				set_speaker(out, &ents->e[0]);
				return;
			}
		}
		/* "A spokesperson for the league said", "In a letter to the board, the union's general
		 * secretary said" (the phrase right before the verb, not "letter to the board") */
		if (i > 0 && !(tk->t[i - 1].flags & CT_TOK_PUNCT) && !say_later(tk, q, i) && np_subject(tk, ents, q, i, out))
			return;   /* (not "The storm warned of worse to come, forecasters said": theirs) */
		/* "The 48-page report, published by the Dam Safety Directorate on Monday, says" */
		if (subject_before(tk, ents, q, i, CT_LEX_DOC | CT_LEX_SPEAKER_NOUN, out))
			return;
	}
	/* "..., Vos said" where the verb comes after: handled above; "Vos: “...”" */
	if (q && q->found && !out->found) {
		const struct ct_entity *subject = NULL;
		size_t k;
		for (i = 0; i + 1 < tk->n; i++) {
			const struct ct_entity *e = entity_at(ents, i);
			if (e && e->tok_end < tk->n && tk->s[tk->t[e->tok_end].start] == ':' &&
			    tk->t[e->tok_end].end <= q->start) {
				/* "Clear words found the engineer Prof. X of the firm Y: «...»": the person, not
				 * the firm named last */
				const struct ct_entity *p = person_before(tk, ents, q, e->tok_start);
				size_t o;
				if (p && person_like(e)) {
					/* both look like names: the one before "of (the firm)" is the person */
					for (o = p->tok_end; o < e->tok_start && !ct_tok_is(tk, o, "of"); o++)
						;
					if (o != p->tok_end)
						p = NULL;
				}
				out->found = 1;
				set_speaker(out, p ? p : e);
				return;
			}
			/* "She put it plainly: “...”": a personal pronoun opening the sentence, a few
			 * words and a colon, then the quote */
			/* "Its president, Sgt. Tomasz Brandvold, was blunt: “...”": the person named
			 * before the colon right before the quote; "She put it plainly: “...”", "His
			 * answer was blunt:", "Her verdict ... was blunt:": a personal or possessive
			 * pronoun opening the sentence */
			if (i > 0 && i < 14 && tk->s[tk->t[i].start] == ':' && tk->t[i].end <= q->start &&
			    (tk->t[i + 1].start >= q->start || (tk->t[i + 1].flags & CT_TOK_QUOTE_OPEN))) {
				size_t m;
				for (m = 0; m < ents->n && ents->e[m].tok_end <= i; m++)
					if (person_like(&ents->e[m]) && !inside_quote(tk, ents->e[m].tok_start, q) &&
					    /* not "Asked about Ana Ruiz, the mayor was blunt:", "outside Tom
					     * Hale's office" */
					    !(ents->e[m].tok_start > 0 && (tk->t[ents->e[m].tok_start - 1].lex & CT_LEX_NUMSTOP) &&
					      !is_comma(tk, ents->e[m].tok_start - 1)) &&
					    !(ents->e[m].end < tk->t[ents->e[m].tok_end - 1].end)) {
						out->found = 1;
						set_speaker(out, &ents->e[m]);
						return;
					}
				if (i < 8 && (ct_tok_is(tk, 0, "he") || ct_tok_is(tk, 0, "she") || ct_tok_is(tk, 0, "his") ||
					      ct_tok_is(tk, 0, "her"))) {
					out->found = 1;
					out->pronoun = 1;
					out->speaker_start = out->name_start = tk->t[0].start;
					out->speaker_end = out->name_end = tk->t[0].end;
					return;
				}
			}
		}
		/* "That did not impress the union's president, Mr. Harkaway, who called the promise “a
		 * pen stroke”": the person a relative clause with the quote is about */
		for (k = 0; k < ents->n; k++) {
			const struct ct_entity *e = &ents->e[k];
			if (person_like(e) && e->end <= q->start && is_comma(tk, e->tok_end) &&
			    ct_tok_is(tk, e->tok_end + 1, "who") && tk->t[e->tok_end + 1].end <= q->start) {
				size_t v;
				int comma = 0;   /* the clause reaches the quote */
				for (v = e->tok_end + 2; v < tk->n && tk->t[v].end <= q->start; v++)
					comma |= is_comma(tk, v);
				if (!comma) {
					out->found = 1;
					set_speaker(out, e);
					return;
				}
			}
		}
		/* "Minister Pavel Strand visited the museum and called the theft “a wound ...”": a quote
		 * inside the sentence, no verb of saying, the person who opens the sentence said it */
		for (k = 0; k < ents->n; k++)
			if (person_like(&ents->e[k]) && ents->e[k].end <= q->start && !subject)
				subject = &ents->e[k];
		if (subject && subject->tok_start <= 1 && q->start > subject->end) {
			out->found = 1;
			set_speaker(out, subject);
			return;
		}
		/* 'The contractor Harlow Construction is "surprised and disappointed" by the findings':
		 * an organisation opening the sentence (after "The" and up to two words in lower
		 * case), a word after it, then the quote */
		if (ents->n && ents->e[0].kind != CT_ENT_PLACE && ents->e[0].end <= q->start && ents->e[0].tok_start <= 3 &&
		    ents->e[0].tok_end < tk->n && !(tk->t[ents->e[0].tok_end].flags & CT_TOK_PUNCT)) {
			for (k = 0; k < ents->e[0].tok_start; k++)
				if ((k == 0 ? !ct_tok_is(tk, 0, "the") : (tk->t[k].flags & (CT_TOK_CAP | CT_TOK_PUNCT)) != 0))
					return;
			out->found = 1;
			set_speaker(out, &ents->e[0]);
		}
	}
}
