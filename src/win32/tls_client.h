/* One TLS connection the way a mail program makes it: connect, STARTTLS if the target
 * asks for it, the Schannel handshake, then one harmless mail command over TLS. Every
 * wait has a time limit, so a server that stalls, sends garbage or closes early ends in
 * a clear outcome, never a hang. */
#ifndef TLSSWITCH_TLS_CLIENT_H
#define TLSSWITCH_TLS_CLIENT_H

#include "../core/handshake_report.h"
#include "../core/target.h"

enum client_depth {
    CLIENT_HANDSHAKE_ONLY,     /* protocol and cipher: enough for a probe */
    CLIENT_WITH_MAIL           /* and the certificate check and the mail commands: the verdict */
};

/* Call once, before the first tls_client_run, in any thread. */
void tls_client_startup(void);

/* grbit: 0 for Schannel's defaults (as old mail programs ask), or SP_PROT_*_CLIENT. */
void tls_client_run(const struct target *target, unsigned long grbit, unsigned timeout_seconds,
                    enum client_depth depth, struct handshake_report *report);

#endif
