/* Entity recogniser over tokens: runs of capitalised words (joined by "of", "the", "for", "de"),
 * split into title + name, then classed as person, organisation or place. */
#include "extract/entities.h"

#include "extract/lexicon.h"

#include <string.h>


/* Words that make a title only together with a following title word (Foreign Minister). */




/* Capitalised words that are capitalised only because they start a sentence or are function words. */

/* Lower-case words allowed inside a name: Secretary of State, Bank of England, Abu al-Said. */

const char *ct_entity_kind_name(enum ct_entity_kind kind)
{
	switch (kind) {
	case CT_ENT_PERSON: return "person";
	case CT_ENT_ORG: return "organisation";
	case CT_ENT_PLACE: return "place";
	default: return "other";
	}
}

int ct_entity_is_title(const struct ct_tokens *tk, size_t i)
{
	return CT_TOK_LEX(tk, i, CT_LEX_TITLE) && !CT_TOK_LEX(tk, i, CT_LEX_TITLE_MOD);
}

static int is_cap(const struct ct_tokens *tk, size_t i)
{
	return i < tk->n && (tk->t[i].flags & (CT_TOK_CAP | CT_TOK_ALLCAPS)) && !(tk->t[i].flags & CT_TOK_PUNCT);
}

static int possessive(const struct ct_tokens *tk, size_t i)
{
	const struct ct_token *t = &tk->t[i];
	return (t->end - t->start > 4 && !memcmp(tk->s + t->end - 4, "\xe2\x80\x99s", 4)) ||
	       (t->end - t->start > 2 && !memcmp(tk->s + t->end - 2, "'s", 2));
}

/* An apostrophe alone at token i, right after a word ending in "s" ("Workers'", "Farmers’"). */
static int plural_apostrophe(const struct ct_tokens *tk, size_t i)
{
	const struct ct_token *t = &tk->t[i];
	const unsigned char *c = (const unsigned char *)tk->s + t->start;
	return i > 0 && (t->flags & CT_TOK_PUNCT) && t->start == tk->t[i - 1].end && tk->s[t->start - 1] == 's' &&
	       ((t->end - t->start == 1 && c[0] == '\'') ||
		(t->end - t->start == 3 && c[0] == 0xe2 && c[1] == 0x80 && c[2] == 0x99));
}

/* A word followed by a verb of saying marks a person: "Vos said", "Okafor told". */
static int said_after(const struct ct_tokens *tk, size_t i)
{
		if (i < tk->n && (tk->t[i].flags & CT_TOK_PUNCT) && tk->s[tk->t[i].start] == ',')
		i++;
	return CT_TOK_LEX(tk, i, CT_LEX_SAY_AFTER);
}

int ct_entities_scan(const struct ct_tokens *tk, ct_entity_cb cb, void *payload)
{
	size_t i = 0;
	int r;
	while (i < tk->n) {
		struct ct_entity e;
		size_t j, title_end, k, ncap = 0, last;
		int has_title = 0, org = 0, place = 0, country = 0;

		if (!is_cap(tk, i) || (tk->t[i].flags & CT_TOK_DIGIT)) {
			i++;
			continue;
		}
		/* A sentence's first word, or a function word, starts a name only when a name follows. */
		if (CT_TOK_LEX(tk, i, CT_LEX_NOT_NAME) && !(ct_entity_is_title(tk, i))) {
			i++;
			continue;
		}
		j = i;
		last = i;
		while (j < tk->n) {
			if (is_cap(tk, j) && !CT_TOK_LEX(tk, j, CT_LEX_NOT_NAME)) {
				last = j;
				ncap++;
				j++;
				/* Port Alder’s Lowharbour: two names; but the Tallow County Sheriff’s Office,
				 * one body */
				if (possessive(tk, j - 1) && !(is_cap(tk, j) && CT_TOK_LEX(tk, j, CT_LEX_ORG)))
					break;
				/* the Allied Ferry Workers' Union: a plural's apostrophe inside a body's name */
				if (j + 1 < tk->n && plural_apostrophe(tk, j) && is_cap(tk, j + 1) && CT_TOK_LEX(tk, j + 1, CT_LEX_ORG))
					j++;
				continue;
			}
			if (j > i && CT_TOK_LEX(tk, j, CT_LEX_JOINER) && is_cap(tk, j + 1) && !CT_TOK_LEX(tk, j + 1, CT_LEX_NOT_NAME)) {
				j++;
				continue;
			}
			break;
		}
		j = last + 1;
		/* "Gate No. 3", "Route 9": a number closes the name. */
		if (j < tk->n && (tk->t[j].flags & CT_TOK_DIGIT) && CT_TOK_LEX(tk, j - 1, CT_LEX_NAME_NUM))
			j++;
		/* Split off the title: the longest leading run of title words (modifiers included), and
		 * a level of government before it ("State Sen. Corinna Vayle", "U.S. Rep. ..."). */
		title_end = i;
		k = i;
		if (j - i >= 3 && CT_TOK_LEX(tk, i + 1, CT_LEX_TITLE) &&
		    (ct_tok_is(tk, i, "State") || ct_tok_is(tk, i, "U.S.") || ct_tok_is(tk, i, "US") ||
		     ct_tok_is(tk, i, "Federal") || ct_tok_is(tk, i, "County") || ct_tok_is(tk, i, "City")))
			k = i + 1;
		for (; k < j; k++) {
			if (CT_TOK_LEX(tk, k, CT_LEX_TITLE) || (k > i && ct_tok_is(tk, k, "of") && k + 1 < j &&
							    CT_TOK_LEX(tk, k + 1, CT_LEX_OF_TITLE))) {
				if (ct_tok_is(tk, k, "of"))
					k++;
				title_end = k + 1;
				continue;
			}
			break;
		}
		/* "Harbour Minister" needs a head title word; "Harbour" alone is not a title. */
		if (title_end > i) {
			int head = 0;
			for (k = i; k < title_end; k++)
				head |= ct_entity_is_title(tk, k);
			if (!head)
				title_end = i;
		}
		has_title = title_end > i && title_end < j;
		/* "Sgt. Solveig Brookhouse of Portcallan police", "Oona Varga of Eastvale Law School": a
		 * person's name and the place or body after "of" are two names (not "Bank of England",
		 * "Secretary of State Marco Rubio": a body's word or a title before the "of") */
		for (k = has_title ? title_end + 2 : i + 2; k + 1 < j && k < i + 6; k++) {
			size_t m;
			int body = 0, after = 0;
			if (!ct_tok_is(tk, k, "of"))
				continue;
			for (m = has_title ? title_end : i; m < k; m++)
				body |= (tk->t[m].lex & (CT_LEX_ORG | CT_LEX_PLACE | CT_LEX_COUNTRY | CT_LEX_TITLE)) != 0;
			for (m = k + 1; m < j; m++)
				after |= (tk->t[m].lex & (CT_LEX_ORG | CT_LEX_PLACE | CT_LEX_COUNTRY)) != 0;
			if (!body && k - (has_title ? title_end : i) <= 3 && (has_title || after))
				j = k;
			break;
		}
		for (k = i; k < j; k++) {
			org |= CT_TOK_LEX(tk, k, CT_LEX_ORG);
			place |= CT_TOK_LEX(tk, k, CT_LEX_PLACE);
			country |= CT_TOK_LEX(tk, k, CT_LEX_COUNTRY);
		}
		memset(&e, 0, sizeof(e));
		e.tok_start = i;
		e.tok_end = j;
		e.start = tk->t[i].start;
		e.end = tk->t[j - 1].end;
		/* A possessive is not part of the name: Senate’s, Alder's. */
		if (e.end - e.start > 4 && !memcmp(tk->s + e.end - 4, "\xe2\x80\x99s", 4))
			e.end -= 4;
		else if (e.end - e.start > 2 && !memcmp(tk->s + e.end - 2, "'s", 2))
			e.end -= 2;
		e.name_start = has_title ? tk->t[title_end].start : e.start;
		e.name_end = e.end;
		e.title_start = e.start;
		e.title_end = has_title ? tk->t[title_end - 1].end : e.start;
		if (title_end == j) {
			/* A bare role ("the Harbour Minister said"): an entity of its own. */
			e.kind = CT_ENT_OTHER;
			e.title_end = e.end;
			e.name_start = e.name_end = e.end;
		} else if (has_title)
			e.kind = CT_ENT_PERSON;
		else if (org || (tk->t[i].flags & CT_TOK_ALLCAPS && j == i + 1 && !country))
			e.kind = CT_ENT_ORG;
		else if (country || place)
			e.kind = CT_ENT_PLACE;
		else if (said_after(tk, j) || (i > 0 && ct_tok_is(tk, i - 1, "by") && j - i >= 2 && j - i <= 3))
			e.kind = CT_ENT_PERSON;
		else if (i > 0 && CT_TOK_LEX(tk, i - 1, CT_LEX_LOC_PREP))
			e.kind = CT_ENT_PLACE;
		else
			e.kind = CT_ENT_OTHER;
		(void)ncap;
		if ((r = cb(&e, payload)) != 0)
			return r;
		i = j;
	}
	return 0;
}
