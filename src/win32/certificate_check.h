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

/* Makes, in a thread of its own, Windows' default chain engine, which the checks of this
 * process then use (a check waits for it, within a limit). Making it reads the trusted
 * roots, which takes longer than a handshake (under Wine it reads and checks the system's
 * whole certificate list), so /test starts it as soon as Schannel's hellos are taken and
 * it overlaps the connections. Opening only the Root store in that thread would leave the
 * engine to the first check, which would read the roots a second time. Later calls do
 * nothing; without a call the first check makes the engine. */
void certificate_check_prepare(void);

#endif
