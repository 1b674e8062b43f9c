/* Reading and applying Schannel's cipher settings. The subkey names are Microsoft's
 * ("Restrict cryptographic algorithms and protocols in Schannel.dll", KB245030). */
#include "cipher_policy.h"
#include "protocols.h"
#include "../text/text.h"

#include <stdlib.h>
#include <string.h>

#define BIT(x) (1u << (x))

/* What each known subkey removes: bits of suite_cipher, suite_mac or suite_kx. */
static const struct {
    enum policy_kind kind;
    const char *name;
    unsigned removes;
} known[] = {
    { POLICY_CIPHER, "AES 128/128", BIT(CIPHER_AES128_CBC) | BIT(CIPHER_AES128_GCM) | BIT(CIPHER_AES128_CCM) },
    { POLICY_CIPHER, "AES 256/256", BIT(CIPHER_AES256_CBC) | BIT(CIPHER_AES256_GCM) | BIT(CIPHER_AES256_CCM) },
    { POLICY_CIPHER, "Triple DES 168", BIT(CIPHER_3DES) },
    { POLICY_CIPHER, "Triple DES 168/168", BIT(CIPHER_3DES) },
    { POLICY_CIPHER, "RC4 128/128", BIT(CIPHER_RC4_128) },
    { POLICY_HASH, "MD5", BIT(MAC_MD5) },
    { POLICY_HASH, "SHA", BIT(MAC_SHA1) },
    { POLICY_HASH, "SHA256", BIT(MAC_SHA256) },
    { POLICY_HASH, "SHA384", BIT(MAC_SHA384) },
    { POLICY_KEY_EXCHANGE, "PKCS", BIT(KX_RSA) },
    { POLICY_KEY_EXCHANGE, "Diffie-Hellman", BIT(KX_DHE) },
    { POLICY_KEY_EXCHANGE, "ECDH", BIT(KX_ECDHE) },
};

static const char *const kind_keys[] = { "SCHANNEL\\Ciphers", "SCHANNEL\\Hashes", "SCHANNEL\\KeyExchangeAlgorithms" };

const char *policy_kind_key(enum policy_kind kind)
{
    return kind_keys[kind];
}

int policy_off_removes(const struct policy_off *off, const struct cipher_suite *suite)
{
    size_t i;
    for (i = 0; i < sizeof(known) / sizeof(known[0]); i++) {
        unsigned bit;
        if (known[i].kind != off->kind || !text_equal_nocase(known[i].name, off->name))
            continue;
        bit = off->kind == POLICY_CIPHER ? BIT(suite->cipher) : off->kind == POLICY_HASH ? BIT(suite->mac) : BIT(suite->kx);
        return (known[i].removes & bit) != 0;
    }
    return 0;   /* RC2, DES, NULL, RC4 40 and 56: no suite a Windows offers in TLS 1.2 */
}

/* The subkeys of one kind whose Enabled is a DWORD 0. */
static long read_kind(const struct regstore *store, enum policy_kind kind, struct cipher_policy *out)
{
    char path[256];
    struct name_list subkeys = { NULL, 0 };
    size_t i;
    int exists = 0;
    long rc;
    text_format(path, sizeof(path), "SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\%s", kind_keys[kind]);
    rc = store->ops->key_exists(store->context, path, &exists);
    if (rc != REGSTORE_OK || !exists)
        return rc;
    rc = store->ops->list_subkeys(store->context, path, &subkeys);
    name_list_sort(&subkeys);
    for (i = 0; rc == REGSTORE_OK && i < subkeys.count; i++) {
        char key[320];
        struct setting_value enabled;
        text_format(key, sizeof(key), "%s\\%s", path, subkeys.names[i]);
        rc = regstore_read_setting(store, key, "Enabled", &enabled);
        if (rc == REGSTORE_OK && enabled.state == VALUE_DWORD && enabled.dword == 0 &&
            out->off_count < CIPHER_POLICY_MAX_OFF) {
            out->off[out->off_count].kind = kind;
            text_format(out->off[out->off_count].name, sizeof(out->off[0].name), "%s", subkeys.names[i]);
            out->off_count++;
        }
    }
    name_list_free(&subkeys);
    return rc;
}

/* "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA_P256" names TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA on one curve. */
static void add_order_name(struct cipher_policy *out, const char *name, size_t length)
{
    static const char *const curve_suffixes[] = { "_P256", "_P384", "_P521" };
    char plain[96];
    size_t i;
    while (length > 0 && (*name == ' ' || *name == '\t'))
        name++, length--;
    while (length > 0 && (name[length - 1] == ' ' || name[length - 1] == '\t'))
        length--;
    if (length == 0 || length >= sizeof(plain))
        return;
    memcpy(plain, name, length);
    plain[length] = '\0';
    for (i = 0; i < 3; i++)
        if (length > 5 && text_equal_nocase(plain + length - 5, curve_suffixes[i]))
            plain[length - 5] = '\0';
    for (i = 0; cipher_suite_at(i); i++)
        if (text_equal_nocase(cipher_suite_at(i)->name, plain)) {
            uint16_t id = cipher_suite_at(i)->id;
            size_t k;
            for (k = 0; k < out->order_count; k++)
                if (out->order[k] == id)
                    return;
            if (out->order_count < HELLO_MAX_SUITES)
                out->order[out->order_count++] = id;
            return;
        }
}

/* Functions: REG_SZ with commas (as Group Policy writes it) or REG_MULTI_SZ, in UTF-16;
 * suite names are ASCII, so a NUL separates like a comma and anything else is no name. */
static long read_order(const struct regstore *store, struct cipher_policy *out)
{
    struct regstore_value value;
    char name[96];
    size_t length = 0, i;
    long rc = store->ops->read_value(store->context, CIPHER_ORDER_KEY_PATH, "Functions", &value);
    if (rc == REGSTORE_NOT_FOUND)
        return REGSTORE_OK;
    if (rc != REGSTORE_OK)
        return rc;
    if (value.type == REGTYPE_SZ || value.type == REGTYPE_MULTI_SZ) {
        out->has_order = 1;
        for (i = 0; i + 1 < value.size + 2; i += 2) {
            unsigned unit = i + 1 < value.size ? value.data[i] | (value.data[i + 1] << 8) : 0;
            if (unit == 0 || unit == ',') {
                add_order_name(out, name, length);
                length = 0;
            } else if (length < sizeof(name)) {
                name[length++] = unit < 0x80 ? (char)unit : '?';
            }
        }
    }
    free(value.data);
    return REGSTORE_OK;
}

long cipher_policy_read(const struct regstore *store, struct cipher_policy *out)
{
    long rc = REGSTORE_OK;
    int kind;
    memset(out, 0, sizeof(*out));
    for (kind = POLICY_CIPHER; rc == REGSTORE_OK && kind <= POLICY_KEY_EXCHANGE; kind++)
        rc = read_kind(store, (enum policy_kind)kind, out);
    return rc == REGSTORE_OK ? read_order(store, out) : rc;
}

static int removed(const struct cipher_policy *policy, const struct cipher_suite *suite)
{
    size_t i;
    for (i = 0; i < policy->off_count; i++)
        if (policy_off_removes(&policy->off[i], suite))
            return 1;
    return 0;
}

void cipher_policy_apply(const struct cipher_policy *policy, int honour_order, struct hello_spec *spec)
{
    uint16_t kept[HELLO_MAX_SUITES];
    size_t count = 0, i;
    if (honour_order && policy->has_order) {
        for (i = 0; i < policy->order_count; i++)
            if (hello_offers_suite(spec, policy->order[i]))
                kept[count++] = policy->order[i];
    } else {
        memcpy(kept, spec->suites, spec->suite_count * sizeof(kept[0]));
        count = spec->suite_count;
    }
    spec->suite_count = 0;
    for (i = 0; i < count; i++) {
        const struct cipher_suite *suite = cipher_suite_find(kept[i]);
        if (!suite || !removed(policy, suite))
            spec->suites[spec->suite_count++] = kept[i];
    }
}
