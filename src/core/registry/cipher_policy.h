/* Schannel's cipher settings in the registry, besides the protocols: the subkeys of
 * SCHANNEL\Ciphers, Hashes and KeyExchangeAlgorithms whose Enabled=0 turns something off,
 * and the cipher suite order of Group Policy (SSL\00010002, value Functions; Vista and
 * later). /status lists them with what each removes, and the simulation of this Windows
 * leaves out what they remove: KeyExchangeAlgorithms\PKCS Enabled=0 leaves XP no suite
 * a server offers. */
#ifndef TLSSWITCH_CIPHER_POLICY_H
#define TLSSWITCH_CIPHER_POLICY_H

#include "../tls/clienthello.h"
#include "regstore.h"
#include "../tls/tls_suites.h"

#define CIPHER_ORDER_KEY_PATH "SOFTWARE\\Policies\\Microsoft\\Cryptography\\Configuration\\SSL\\00010002"
#define CIPHER_POLICY_MAX_OFF 24

enum policy_kind { POLICY_CIPHER, POLICY_HASH, POLICY_KEY_EXCHANGE };

/* One subkey with Enabled=0. */
struct policy_off {
    enum policy_kind kind;
    char name[48];                /* "Triple DES 168", as the subkey is named */
};

struct cipher_policy {
    struct policy_off off[CIPHER_POLICY_MAX_OFF];
    size_t off_count;
    int has_order;                /* the Functions value is set */
    uint16_t order[HELLO_MAX_SUITES];   /* the suites it names that TLS Switch knows, in its order */
    size_t order_count;
};

/* Reads the settings (missing keys are no error). Returns REGSTORE_OK or the first error. */
long cipher_policy_read(const struct regstore *store, struct cipher_policy *out);

/* Whether a subkey with Enabled=0 removes the suite. */
int policy_off_removes(const struct policy_off *off, const struct cipher_suite *suite);

/* Leaves out of `spec` the suites the policy removes; with `honour_order` (Vista and
 * later), also those the order does not name, and puts the rest in its order. */
void cipher_policy_apply(const struct cipher_policy *policy, int honour_order, struct hello_spec *spec);

/* "SCHANNEL\Ciphers", "SCHANNEL\Hashes", "SCHANNEL\KeyExchangeAlgorithms": for reports. */
const char *policy_kind_key(enum policy_kind kind);

#endif
