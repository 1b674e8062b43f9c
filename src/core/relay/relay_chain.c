/* The relay's certificate chain: its walk and the choice of checker (see relay_chain.h). */
#include "relay_chain.h"
#include "../tls/certificate.h"

int relay_chain_next(const unsigned char *list, size_t size, size_t *offset, const unsigned char **der,
                     size_t *der_size)
{
    size_t at = *offset, length;
    if (at > size || size - at < 3)
        return -1;
    length = (size_t)list[at] << 16 | (size_t)list[at + 1] << 8 | list[at + 2];
    at += 3;
    if (length > size - at)
        return -1;
    *der = list + at;
    *der_size = length;
    *offset = at + length;
    return 0;
}

int relay_chain_windows_checks_ecdsa(const struct os_info *os)
{
    return os->major >= 6;
}

enum relay_tls_checker relay_chain_checker(const struct os_info *os, const unsigned char *list, size_t size)
{
    const unsigned char *der;
    size_t offset = 0, der_size;
    if (relay_chain_windows_checks_ecdsa(os))
        return RELAY_TLS_CHECKER_WINDOWS;
    while (relay_chain_next(list, size, &offset, &der, &der_size) == 0) {
        struct certificate_facts facts;
        if (certificate_read(der, der_size, &facts) == 0 &&
            (facts.key == CERT_ALGORITHM_ECDSA || facts.signature == CERT_ALGORITHM_ECDSA))
            return RELAY_TLS_CHECKER_BEARSSL;
    }
    return RELAY_TLS_CHECKER_WINDOWS;
}
