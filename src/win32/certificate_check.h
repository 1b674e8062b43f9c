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

/* Starts, in a thread of its own, the chain engine the checks of this process then use
 * (the first check waits for it). Making one reads the trusted roots, which takes longer
 * than a handshake (under Wine it reads and checks the system's whole certificate list),
 * so /test starts it at once and it overlaps the connections. Windows' default engine
 * would read them again at the first check; this one reads them once. Later calls do
 * nothing; without a call the checks use Windows' default engine. */
void certificate_check_prepare(void);

#endif
