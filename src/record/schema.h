/* JSON Schema (draft 2020-12) validation of cJSON trees, for the subset our record schemas use.
 * Only local $refs; annotation keywords, unknown keywords and unknown formats are ignored. */
#ifndef CT_RECORD_SCHEMA_H
#define CT_RECORD_SCHEMA_H

#include <cJSON.h>

#include "util/buf.h"

/* The most violation lines ct_schema_validate appends; the count it returns is not capped. */
#define CT_SCHEMA_MAX_LINES 20

/* Validates instance against schema (both cJSON trees; schema is a draft 2020-12 JSON Schema).
 * Appends one line per violation to errs, "<json-pointer of instance location>: <message>"
 * (e.g. "/span/1: expected integer, got string", "/: missing required property 'id'"),
 * at most CT_SCHEMA_MAX_LINES lines; errs may be NULL to only count. Returns the number of
 * violations (0 = valid), or a negative CT_E* code with ct_error_set when the schema itself
 * uses something unsupported or is malformed (CT_EINPUT), or memory runs out (CT_ENOMEM);
 * on a negative return errs is left as it was.
 *
 * Supported: type, enum, const, properties, required, additionalProperties, patternProperties,
 * propertyNames, minProperties, maxProperties, prefixItems, items, contains (with minContains,
 * maxContains), minItems, maxItems, uniqueItems, minLength, maxLength (in code points),
 * pattern, minimum, maximum, exclusiveMinimum, exclusiveMaximum, multipleOf, format (date,
 * date-time, uri, email), allOf, anyOf, oneOf, not, if/then/else, $ref to "#" or a local
 * JSON pointer such as "#/$defs/name", $defs, definitions, and true/false schemas.
 * Patterns are ECMA regexes limited to what POSIX ERE can express: \d \s \w (and \D \S \W
 * outside brackets) are translated, (?: is accepted, lookaround, lazy quantifiers,
 * backreferences and \b are schema errors. The whole schema is checked before the instance
 * is looked at, so a malformed schema fails the same way for every instance. */
int ct_schema_validate(const cJSON *schema, const cJSON *instance, ct_buf *errs);

/* Checks that schema is well formed and uses only what ct_schema_validate supports (keyword
 * value types, patterns compile, $refs are local and resolve), without an instance.
 * Returns 0, or CT_EINPUT / CT_ENOMEM with ct_error_set. */
int ct_schema_check(const cJSON *schema);

#endif
