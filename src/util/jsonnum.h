/* A double as cJSON_Print writes it, without cJSON: shared by the record printer
 * (record/print.c) and the streamed `extract --json` writer (extract/extract_json.c). */
#ifndef CT_UTIL_JSONNUM_H
#define CT_UTIL_JSONNUM_H

#include <stddef.h>

#define CT_JSON_NUMBER_MAX 32

/* Writes into out (not NUL-terminated) what cJSON prints for d, and returns its length: NaN and
 * infinities as null; %1.15g, or %1.17g when that does not read back as d (an integral value in
 * int range is what %d prints). */
size_t ct_json_number_text(char out[CT_JSON_NUMBER_MAX], double d);

#endif
