/* The desk's settings: the keys `claimtrack config` may set in desk.json, their types and checks. */
#ifndef CT_RECORD_SETTINGS_H
#define CT_RECORD_SETTINGS_H

#include <cJSON.h>

struct ct_setting {
	const char *key;         /* dotted: "review.quorum" = desk.json {"review": {"quorum": ...}} */
	const char *help;
	const char *dflt;        /* shown when unset; NULL = none */
};

/* The known keys, ending with a NULL key. */
extern const struct ct_setting ct_settings[];

/* The setting called key, or NULL. */
const struct ct_setting *ct_setting_find(const char *key);
/* The value of key in desk (a string, number, ...), or NULL when unset. */
const cJSON *ct_setting_get(const cJSON *desk, const char *key);
/* Sets key to the text value, converted and checked (CT_EINPUT with a message naming the rule). */
int ct_setting_set(cJSON *desk, const char *key, const char *value);
/* Removes key; 0 when it was not set. */
int ct_setting_unset(cJSON *desk, const char *key);
/* Checks every known setting present in desk: CT_EINPUT with a message for the first bad one. */
int ct_settings_check(const cJSON *desk);

#endif
