/* What the relay's TLS client offers, and which of BearSSL's implementations do the work:
 * TLS 1.0 to 1.2 (a server with TLS 1.2 gets it); the suites of one table (ECDHE_ECDSA and
 * ECDHE_RSA with AES-GCM, ChaCha20-Poly1305 and AES-CBC, then RSA key exchange with AES-GCM
 * and AES-CBC; no 3DES, RC4, CCM or static ECDH); the curves X25519, P-256 and P-384 and no
 * other; RSA and ECDSA certificates. The same offer on both builds; the code differs: XP's
 * 32-bit build uses BearSSL's small constant-time engines and no SSE (XP's oldest
 * processors have none), the x86_64 build the fast ones (AES-NI and PCLMUL when the
 * processor has them). */
#ifndef TLSSWITCH_RELAY_TLS_PROFILE_H
#define TLSSWITCH_RELAY_TLS_PROFILE_H

#include <bearssl.h>

/* Zeroes `client` and sets the versions, suites, hashes, PRFs and algorithms. The X.509
 * engine, the buffer and the randomness are the caller's (relay_tls.c). */
void relay_tls_profile_apply(br_ssl_client_context *client);

#endif
