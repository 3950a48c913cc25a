/* UTF-8 hygiene for incoming text: cleaning raw bytes into the stored form, folding for matching.
 * Pure functions over buffers; utf8proc does the Unicode normalisation and case folding. */
#ifndef CT_TEXT_UTF8_H
#define CT_TEXT_UTF8_H

#include <stddef.h>
#include <stdint.h>

#include "util/buf.h"

/* Turns raw input bytes into the stored text form: a UTF-8 BOM removed, CRLF and lone CR to LF,
 * NUL bytes and invalid UTF-8 sequences replaced by U+FFFD, then NFC-normalised (utf8proc).
 * Each maximal ill-formed subpart (Unicode 3.9, "substitution of maximal subparts") becomes one
 * U+FFFD: an overlong or surrogate lead pair, a truncated sequence, a lone continuation byte.
 * Appends to out. *n_bad receives the number of invalid sequences/NULs replaced and *first_bad the byte
 * offset (in the input) of the first one (SIZE_MAX when none); either pointer may be NULL.
 * ASCII stretches are copied as they are; NFC runs only over the stretches holding non-ASCII bytes.
 * Returns 0 or CT_ENOMEM. */
int ct_text_clean(ct_buf *out, const char *in, size_t len, size_t *n_bad, size_t *first_bad);

/* Returns 1 when ct_text_clean would give back the len bytes as they are (no BOM, CR, NUL or
 * invalid UTF-8, and NFC already), 0 when it would change them, negative (CT_ENOMEM) on an
 * error. Reads the bytes once and copies none but the stretches around non-ASCII characters
 * that may not be NFC, so a caller holding clean text needs no second copy. */
int ct_text_is_clean(const char *in, size_t len);

/* Appends the NFC + case-folded form of in (for matching and search), with curly quotes/apostrophes
 * mapped to straight ones (‘ ’ ‚ ‛ ′ to ', “ ” „ ‟ ″ to "), dashes (U+2010..U+2015, U+2212, U+FE58,
 * U+FE63, U+FF0D) to '-', and no-break and other Unicode spaces (Zs) to ' '. Invalid UTF-8 and NUL
 * become U+FFFD; line ends are left alone. Returns 0 or negative (CT_ENOMEM). */
int ct_text_fold(ct_buf *out, const char *in, size_t len);

/* Returns 1 when the len bytes are valid UTF-8 without NUL, else 0. */
int ct_text_is_valid(const char *in, size_t len);

/* Decodes one code point at s (n bytes available, n > 0). On success returns the sequence length
 * (1..4) and stores the code point in *cp; on an ill-formed sequence returns 0, stores U+FFFD in *cp
 * and the length of the maximal ill-formed subpart (>= 1) in *bad_len. Never reads past s + n. */
size_t ct_utf8_decode(const unsigned char *s, size_t n, int32_t *cp, size_t *bad_len);

#endif
