/* cJSON's number format (jsonnum.h). The common values take no printf: integers in int range,
 * and decimals of at most six places (scores, 1.5 million), whose %1.15g text is their digits. */
#include "util/jsonnum.h"

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The text ending at e, written backwards from e: returns where it starts. */
static char *digits_back(char *e, unsigned long long u)
{
	do {
		*--e = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	return e;
}

/* What "%1.15g" prints for d when d is the double nearest a decimal m / 10^j with 1 <= j <= 6
 * and 1e-4 <= |d| < 1e9: the digits of m with the point put in, no trailing zero, no exponent;
 * such a d reads back as itself, so cJSON's second try never applies. (Printed to 15 significant
 * digits, the double nearest m / 10^j, m below 10^15, rounds to the digits of m: its error is
 * under 2^-53 of it, far from half a unit of the 15th digit.) Returns 0 for any other d. */
static size_t decimal(char out[CT_JSON_NUMBER_MAX], double d)
{
	static const double p10[] = { 1, 10, 100, 1e3, 1e4, 1e5, 1e6 };
	char tmp[CT_JSON_NUMBER_MAX], *e = tmp + sizeof(tmp), *q = e;
	double a = fabs(d), m = 0;
	unsigned long long u;
	int j, k;
	if (!(a >= 1e-4 && a < 1e9))
		return 0;
	for (j = 1; j <= 6; j++) {
		m = nearbyint(a * p10[j]);
		if (m / p10[j] == a)
			break;
	}
	if (j > 6)
		return 0;
	/* the smallest such j: m does not end in 0 (else m / 10 would have done for j - 1) */
	u = (unsigned long long)m;
	for (k = 0; k < j; k++) {
		*--q = (char)('0' + u % 10);
		u /= 10;
	}
	*--q = '.';
	q = digits_back(q, u);
	if (d < 0)
		*--q = '-';
	memcpy(out, q, (size_t)(e - q));
	return (size_t)(e - q);
}

size_t ct_json_number_text(char out[CT_JSON_NUMBER_MAX], double d)
{
	char tmp[CT_JSON_NUMBER_MAX], *e = tmp + sizeof(tmp), *q;
	double back;
	size_t n;
	int iv;
	if (isnan(d) || isinf(d)) {
		memcpy(out, "null", 4);
		return 4;
	}
	iv = d >= 2147483647.0 ? 2147483647 : d <= -2147483648.0 ? (-2147483647 - 1) : (int)d;
	if (d == (double)iv && !(iv == 0 && signbit(d))) {
		/* what %d prints ("-0" for negative zero goes through %g below) */
		q = digits_back(e, iv < 0 ? 0ull - (unsigned long long)(long long)iv : (unsigned long long)iv);
		if (iv < 0)
			*--q = '-';
		memcpy(out, q, (size_t)(e - q));
		return (size_t)(e - q);
	}
	if ((n = decimal(out, d)))
		return n;
	snprintf(tmp, sizeof(tmp), "%1.15g", d);
	/* cJSON reads it back with sscanf's %lg, which is strtod; equal within its own tolerance */
	back = strtod(tmp, NULL);
	if (!(fabs(back - d) <= (fabs(back) > fabs(d) ? fabs(back) : fabs(d)) * DBL_EPSILON))
		snprintf(tmp, sizeof(tmp), "%1.17g", d);
	n = strlen(tmp);
	memcpy(out, tmp, n);
	return n;
}
