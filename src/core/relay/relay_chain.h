/* The server's certificate chain as the relay's TLS client receives it, a TLS
 * certificate_list (each DER certificate after its 3-byte length, the server's own first),
 * and who is to check it: Windows' chain engine, as /test does, except where that cannot
 * check the chain: Windows XP and Server 2003 (5.x) know no ECDSA, so a chain with an ECDSA
 * key or signature goes to BearSSL's own validator there, against the same Windows roots. */
#ifndef TLSSWITCH_RELAY_CHAIN_H
#define TLSSWITCH_RELAY_CHAIN_H

#include "../tls/osinfo.h"
#include "relay_tls_failure.h"

#include <stddef.h>

/* The certificate at *offset: sets *der and *der_size and moves *offset past it. Returns 0,
 * or -1 at the end of the list or where a length runs past it. */
int relay_chain_next(const unsigned char *list, size_t size, size_t *offset, const unsigned char **der,
                     size_t *der_size);

/* Whether this Windows' chain engine checks ECDSA keys and signatures (Vista, 6.0, and later). */
int relay_chain_windows_checks_ecdsa(const struct os_info *os);

/* RELAY_TLS_CHECKER_BEARSSL for a chain that holds an ECDSA key or signature on a Windows
 * that cannot check them; RELAY_TLS_CHECKER_WINDOWS otherwise (a certificate that cannot be
 * read is Windows' to refuse). */
enum relay_tls_checker relay_chain_checker(const struct os_info *os, const unsigned char *list, size_t size);

#endif
