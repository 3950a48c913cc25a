/* ssh host key verification for sync: the host's key must be listed for it in a known_hosts file
 * (OpenSSH's format: plain or hashed host patterns, wildcards, negation, @revoked). Pure: the
 * caller reads the files. */
#ifndef CT_DESK_KNOWN_HOSTS_H
#define CT_DESK_KNOWN_HOSTS_H

#include <stddef.h>

enum ct_known_host {
	CT_HOST_UNKNOWN = 0,  /* no line names this host */
	CT_HOST_MATCH,        /* a line names this host with exactly this key */
	CT_HOST_MISMATCH,     /* lines name this host, none with this key */
	CT_HOST_REVOKED       /* the key is marked @revoked */
};

/* Looks host (a name or address; port 22 is written "host", any other "[host]:port", as ssh
 * does) up in the known_hosts text with the raw host key (the SSH wire-format blob, as the
 * base64 field holds it). A revoked key wins over everything, a match over a mismatch. */
enum ct_known_host ct_known_hosts_check(const char *text, size_t len, const char *host, int port,
					const unsigned char *key, size_t keylen);

#endif
