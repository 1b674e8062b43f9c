/* One TLS connection the way a mail program makes it: connect, STARTTLS if the target
 * asks for it, the Schannel handshake, then one harmless mail command over TLS. Every
 * wait has a time limit, so a server that stalls, sends garbage or closes early ends in
 * a clear outcome, never a hang. */
#ifndef TLSSWITCH_TLS_CLIENT_H
#define TLSSWITCH_TLS_CLIENT_H

#include "platform.h"
#include "../core/tls/handshake_report.h"
#include "../core/mail/target.h"

enum client_depth {
    CLIENT_HANDSHAKE_ONLY,     /* protocol and cipher: enough for a probe */
    CLIENT_WITH_MAIL,          /* and the certificate check and the mail commands: the verdict */
    CLIENT_MAIL_ONLY           /* the mail commands without the certificate: what EHLO offers */
};

/* Call before the first tls_client_run (later calls do nothing). It notes that this process
 * uses Schannel, and starts loading the trusted roots for the certificate check. */
void tls_client_startup(void);

/* grbit: 0 for Schannel's defaults (as old mail programs ask), or SP_PROT_*_CLIENT.
 * `cancel` (may be NULL) is an event that ends every wait for the network at once. */
void tls_client_run(const struct target *target, unsigned long grbit, unsigned timeout_seconds,
                    enum client_depth depth, HANDLE cancel, struct handshake_report *report);

#endif
