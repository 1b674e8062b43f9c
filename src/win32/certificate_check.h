/* The check a mail program's Schannel makes of the server's certificate: its chain to a
 * root this PC trusts, with the SSL policy and the server's name. */
#ifndef TLSSWITCH_CERTIFICATE_CHECK_H
#define TLSSWITCH_CERTIFICATE_CHECK_H

#include "platform.h"

#include <stddef.h>
#include <wincrypt.h>

/* The policy's answer for `leaf`, with the certificates of `extra` (may be NULL) to build
 * the chain from: 0 when good, else a CERT_E_ or TRUST_E_ code. */
unsigned long certificate_check(PCCERT_CONTEXT leaf, HCERTSTORE extra, const char *host);

/* The same for a TLS certificate_list (each DER certificate after its 3-byte length, the
 * server's own first). Returns 0 with *error set, or -1 when the list holds no
 * certificate Windows can read (nothing was checked). */
int certificate_check_list(const unsigned char *list, size_t size, const char *host, unsigned long *error);

#endif
