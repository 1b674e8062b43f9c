/* Windows' trusted roots for BearSSL (see windows_roots.h). One set is current; a
 * connection holds a reference to the set it validates with, so a set read again replaces
 * it without pulling it from under another thread. */
#include "windows_roots.h"
#include "../core/relay/relay_chain.h"

#include <stdlib.h>
#include <string.h>
#include <wincrypt.h>

#ifndef CRYPT_E_NOT_FOUND
#define CRYPT_E_NOT_FOUND 0x80092004L
#endif

struct windows_roots {
    br_x509_trust_anchor *anchors;
    size_t count;
    LONG references;
};

/* The lock is made at the first use: XP has no InitOnce, and a static initialiser for a
 * critical section does not exist. */
static CRITICAL_SECTION lock;
static volatile LONG lock_state;   /* 0 not made, 1 being made, 2 ready */
static struct windows_roots *current;
static int current_is_stale;

static void lock_enter(void)
{
    if (InterlockedCompareExchange(&lock_state, 1, 0) == 0) {
        InitializeCriticalSection(&lock);
        InterlockedExchange(&lock_state, 2);
    } else {
        while (InterlockedCompareExchange(&lock_state, 2, 2) != 2)
            Sleep(0);
    }
    EnterCriticalSection(&lock);
}

/* The subject DN as BearSSL's decoder hands it out, in pieces. */
struct dn_bytes {
    unsigned char data[1024];
    size_t length;
    int too_long;
};

static void collect_dn(void *context, const void *bytes, size_t length)
{
    struct dn_bytes *dn = context;
    if (length > sizeof(dn->data) - dn->length) {
        dn->too_long = 1;
        return;
    }
    memcpy(dn->data + dn->length, bytes, length);
    dn->length += length;
}

/* One root as a trust anchor, its DN and key in one allocation (freed through dn.data).
 * Returns -1 for a root BearSSL cannot use (a DSA key, a name over 1 KB, bad DER). */
static int anchor_from_der(const unsigned char *der, size_t size, br_x509_trust_anchor *anchor)
{
    br_x509_decoder_context *decoder = malloc(sizeof(*decoder));
    struct dn_bytes *dn = malloc(sizeof(*dn));
    const br_x509_pkey *key;
    unsigned char *block = NULL;
    size_t key_size = 0;

    if (!decoder || !dn)
        goto fail;
    dn->length = 0;
    dn->too_long = 0;
    br_x509_decoder_init(decoder, collect_dn, dn);
    br_x509_decoder_push(decoder, der, size);
    key = br_x509_decoder_get_pkey(decoder);
    if (!key || dn->too_long)
        goto fail;
    if (key->key_type == BR_KEYTYPE_RSA)
        key_size = key->key.rsa.nlen + key->key.rsa.elen;
    else if (key->key_type == BR_KEYTYPE_EC)
        key_size = key->key.ec.qlen;
    else
        goto fail;
    block = malloc(dn->length + key_size + 1);
    if (!block)
        goto fail;
    memcpy(block, dn->data, dn->length);
    anchor->dn.data = block;
    anchor->dn.len = dn->length;
    /* A root in Windows' store is trusted to issue, whatever its own extensions say: as
     * Windows treats it. */
    anchor->flags = BR_X509_TA_CA;
    anchor->pkey = *key;
    if (key->key_type == BR_KEYTYPE_RSA) {
        anchor->pkey.key.rsa.n = block + dn->length;
        memcpy(anchor->pkey.key.rsa.n, key->key.rsa.n, key->key.rsa.nlen);
        anchor->pkey.key.rsa.e = anchor->pkey.key.rsa.n + key->key.rsa.nlen;
        memcpy(anchor->pkey.key.rsa.e, key->key.rsa.e, key->key.rsa.elen);
    } else {
        anchor->pkey.key.ec.q = block + dn->length;
        memcpy(anchor->pkey.key.ec.q, key->key.ec.q, key->key.ec.qlen);
    }
    free(decoder);
    free(dn);
    return 0;
fail:
    free(decoder);
    free(dn);
    return -1;
}

static void roots_free(struct windows_roots *roots)
{
    size_t i;
    if (!roots)
        return;
    for (i = 0; i < roots->count; i++)
        free(roots->anchors[i].dn.data);
    free(roots->anchors);
    free(roots);
}

/* Whether `store` (the Disallowed one) holds this certificate, by its SHA-1 thumbprint, as
 * Windows' own chain engine matches it. */
static int in_store(HCERTSTORE store, const unsigned char *der, size_t size)
{
    BYTE thumbprint[20];
    CRYPT_HASH_BLOB hash;
    PCCERT_CONTEXT found;
    hash.cbData = sizeof(thumbprint);
    hash.pbData = thumbprint;
    if (!store || !CryptHashCertificate(0, CALG_SHA1, 0, der, (DWORD)size, thumbprint, &hash.cbData))
        return 0;
    found = CertFindCertificateInStore(store, X509_ASN_ENCODING, 0, CERT_FIND_SHA1_HASH, &hash, NULL);
    if (!found)
        return 0;
    CertFreeCertificateContext(found);
    return 1;
}

/* The user's and the machine's Disallowed store (the user's view holds both), or NULL. */
static HCERTSTORE disallowed_open(void)
{
    return CertOpenSystemStoreW(0, L"Disallowed");
}

int windows_chain_disallowed(const unsigned char *list, size_t size)
{
    HCERTSTORE store = disallowed_open();
    const unsigned char *der;
    size_t offset = 0, der_size;
    int found = 0;
    if (!store)
        return 0;
    while (!found && relay_chain_next(list, size, &offset, &der, &der_size) == 0)
        found = in_store(store, der, der_size);
    CertCloseStore(store, 0);
    return found;
}

static struct windows_roots *roots_read(unsigned long *error)
{
    HCERTSTORE store = CertOpenSystemStoreW(0, L"ROOT"), disallowed;
    PCCERT_CONTEXT certificate = NULL;
    struct windows_roots *roots;
    size_t capacity = 0;

    if (!store) {
        *error = GetLastError();
        return NULL;
    }
    disallowed = disallowed_open();
    roots = calloc(1, sizeof(*roots));
    while (roots && (certificate = CertEnumCertificatesInStore(store, certificate)) != NULL) {
        if (roots->count == capacity) {
            size_t grown = capacity ? 2 * capacity : 128;
            br_x509_trust_anchor *anchors = realloc(roots->anchors, grown * sizeof(*anchors));
            if (!anchors) {
                roots_free(roots);
                roots = NULL;
                break;
            }
            roots->anchors = anchors;
            capacity = grown;
        }
        /* A root that is also in the Disallowed store is not trusted, as in Windows' own check. */
        if (!in_store(disallowed, certificate->pbCertEncoded, certificate->cbCertEncoded) &&
            anchor_from_der(certificate->pbCertEncoded, certificate->cbCertEncoded, &roots->anchors[roots->count]) == 0)
            roots->count++;
    }
    if (certificate)
        CertFreeCertificateContext(certificate);
    if (disallowed)
        CertCloseStore(disallowed, 0);
    CertCloseStore(store, 0);
    if (!roots) {
        *error = ERROR_NOT_ENOUGH_MEMORY;
        return NULL;
    }
    if (roots->count == 0) {
        roots_free(roots);
        *error = (unsigned long)CRYPT_E_NOT_FOUND;
        return NULL;
    }
    return roots;
}

const struct windows_roots *windows_roots_acquire(unsigned long *error)
{
    struct windows_roots *roots;
    lock_enter();
    if (!current || current_is_stale) {
        struct windows_roots *fresh = roots_read(error);
        if (fresh) {
            if (current && --current->references == 0)
                roots_free(current);
            current = fresh;
            current->references = 1;   /* the reference of `current` itself */
            current_is_stale = 0;
        }
    }
    roots = current;
    if (roots)
        roots->references++;
    LeaveCriticalSection(&lock);
    return roots;
}

void windows_roots_release(const struct windows_roots *roots)
{
    struct windows_roots *held = (struct windows_roots *)roots;
    if (!held)
        return;
    lock_enter();
    if (--held->references == 0)
        roots_free(held);
    LeaveCriticalSection(&lock);
}

const br_x509_trust_anchor *windows_roots_anchors(const struct windows_roots *roots, size_t *count)
{
    *count = roots->count;
    return roots->anchors;
}

void windows_roots_read_again(void)
{
    lock_enter();
    current_is_stale = 1;
    LeaveCriticalSection(&lock);
}
