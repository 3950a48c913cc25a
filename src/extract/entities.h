/* Named entities of one sentence: people (with the title or role written before the name),
 * organisations and places, found from capitalisation, title and organisation lexicons and a
 * small gazetteer of countries. Pure and allocation-free. */
#ifndef CT_EXTRACT_ENTITIES_H
#define CT_EXTRACT_ENTITIES_H

#include <stddef.h>

#include "extract/tokens.h"

enum ct_entity_kind { CT_ENT_PERSON, CT_ENT_ORG, CT_ENT_PLACE, CT_ENT_OTHER };

struct ct_entity {
	enum ct_entity_kind kind;
	size_t start, end;             /* the whole mention, title included */
	size_t name_start, name_end;   /* the name without the title */
	size_t title_start, title_end; /* the title or role as written ("Secretary of State",
	                                * "Harbour Minister", "Mr."); equal when there is none */
	size_t tok_start, tok_end;     /* token range [tok_start, tok_end) */
};

typedef int (*ct_entity_cb)(const struct ct_entity *e, void *payload);

/* Finds the entities of the tokenised sentence, left to right. A non-zero cb return stops and
 * is returned. */
int ct_entities_scan(const struct ct_tokens *tk, ct_entity_cb cb, void *payload);
/* "person", "organisation", "place", "other". */
const char *ct_entity_kind_name(enum ct_entity_kind kind);
/* 1 when the token is a title or role word (Minister, Secretary, Sen., Adm., Mayor, ...). */
int ct_entity_is_title(const struct ct_tokens *tk, size_t i);

#endif
