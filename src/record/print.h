/* A cJSON tree written as cJSON_Print writes it (tabs, ", " between array items, its number
 * format), byte for byte, without cJSON's printf and sscanf per number. Records are hashed and
 * committed as these bytes, so the two must never differ: tests/unit/test_print.c compares them
 * on records and on random trees. */
#ifndef CT_RECORD_PRINT_H
#define CT_RECORD_PRINT_H

#include <stddef.h>

#include "util/buf.h"

struct cJSON;

/* Appends cJSON_Print(item) to out (no final newline), as it is printed nested depth levels deep
 * inside a formatted document (every line after the first indented depth more tabs; 0: alone). Returns 0; -1 when out ran out of memory
 * (sticky in out); -2, appending nothing, for a tree cJSON_Print cannot write either (an item of
 * no valid type, a raw item without its text). Recursive, as cJSON_Print is: parsed trees are at most cJSON's nesting
 * limit deep. */
int ct_json_print(ct_buf *out, const struct cJSON *item, size_t depth);

/* Appends what cJSON prints for the number: %1.15g, or %1.17g when that does not read back as
 * the same double; NaN and infinities as null. */
void ct_json_print_number(ct_buf *out, double d);

/* Appends s as a JSON string the way cJSON escapes it (only bytes below 0x20, '"' and '\\');
 * NULL is written "". */
void ct_json_print_string(ct_buf *out, const char *s);

#endif
