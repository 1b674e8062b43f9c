/* A simulated handshake over the network: the connection and mail dialogue of
 * connection.c, then a ClientHello built by the core instead of Schannel's, the server's
 * answer read up to ServerHelloDone or an alert, and the connection closed. No Schannel
 * is used, so it needs no new process and tells what another Windows would meet. */
#ifndef TLSSWITCH_SIMULATED_CLIENT_H
#define TLSSWITCH_SIMULATED_CLIENT_H

#include "../core/tls/clienthello.h"
#include "../core/tls/simulation.h"
#include "../core/mail/target.h"

#include "platform.h"

/* `certificates`: the CERT_* bits of the Windows whose hello `hello` is. `cancel`, an
 * event or NULL, ends the waits at once. */
void simulated_client_run(const struct target *target, const struct hello_spec *hello, unsigned certificates,
                          unsigned timeout_seconds, HANDLE cancel, struct simulation *result);

/* The same, and when the handshake is usable, the certificate chain the server sent
 * checked as Schannel would, with the target's name (result->chain_checked). */
void simulated_client_run_checked(const struct target *target, const struct hello_spec *hello, unsigned certificates,
                                  unsigned timeout_seconds, HANDLE cancel, struct simulation *result);

#endif
