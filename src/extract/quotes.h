/* Direct quotes and who said them: the quoted words of a sentence and the speaker named next to
 * a verb of saying ("said Mr. Vos", "Okafor said", "according to the agency"), or a pronoun the
 * caller resolves from the previous sentences. Pure and allocation-free. */
#ifndef CT_EXTRACT_QUOTES_H
#define CT_EXTRACT_QUOTES_H

#include <stddef.h>

#include "extract/entities.h"
#include "extract/tokens.h"

#define CT_QUOTE_MAX_ENTITIES 48

/* The entities of a sentence, kept for the quote and speaker rules. */
struct ct_sentence_entities {
	size_t n;
	struct ct_entity e[CT_QUOTE_MAX_ENTITIES];
};

/* Collects the entities of tk into out (the first CT_QUOTE_MAX_ENTITIES). */
void ct_sentence_entities(const struct ct_tokens *tk, struct ct_sentence_entities *out);

struct ct_attribution {
	int found;                     /* a verb of saying or "according to" was found */
	size_t speaker_start, speaker_end; /* the speaker as written, title included; equal if none */
	size_t name_start, name_end;   /* the speaker's name without the title */
	int pronoun;                   /* the speaker is he/she/they/it: resolve from context */
	int according_to;              /* "according to X" */
};

struct ct_quote {
	int found;
	size_t start, end;             /* the quoted words, without the quote marks */
	int opens_only;                /* opened but not closed: continues in the next paragraph */
	int closes_only;               /* closed but not opened here: continued from before */
};

/* Finds the first direct quote in the sentence (the longest, when there are several). */
void ct_quote_find(const struct ct_tokens *tk, struct ct_quote *out);
/* Finds who the sentence attributes its content to. */
void ct_attribution_find(const struct ct_tokens *tk, const struct ct_sentence_entities *ents,
			 const struct ct_quote *q, struct ct_attribution *out);

#endif
