/* The relay's TLS offer and BearSSL implementations (see relay_tls_profile.h). Sizes that
 * chose the i686 parts are in README ("The relay's TLS"). */
#include "relay_tls_profile.h"

/* The server usually chooses; for one that takes the client's order, the fastest first:
 * AES-GCM where AES-NI may be there (x86_64), ChaCha20 on the 32-bit build, whose
 * processors have no AES instructions. Forward secrecy (ECDHE) before RSA key exchange,
 * AES-128 before AES-256, AEAD before CBC. */
static const uint16_t suites[] = {
#ifdef _WIN64
    BR_TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
    BR_TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
    BR_TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
    BR_TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
#else
    BR_TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
    BR_TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
    BR_TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
    BR_TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
#endif
    BR_TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
    BR_TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
    BR_TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256,
    BR_TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256,
    BR_TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384,
    BR_TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384,
    BR_TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA,
    BR_TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA,
    BR_TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA,
    BR_TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA,
    BR_TLS_RSA_WITH_AES_128_GCM_SHA256,
    BR_TLS_RSA_WITH_AES_256_GCM_SHA384,
    BR_TLS_RSA_WITH_AES_128_CBC_SHA256,
    BR_TLS_RSA_WITH_AES_256_CBC_SHA256,
    BR_TLS_RSA_WITH_AES_128_CBC_SHA,
    BR_TLS_RSA_WITH_AES_256_CBC_SHA,
};

/* The curves: BearSSL offers (supported_groups) exactly the curves its EC implementation
 * names, so this one names X25519, P-256 and P-384 and hands each to the implementation for
 * it: no P-521 code is linked in. */
#ifdef _WIN64
#define CURVE_X25519 br_ec_c25519_m31
#define CURVE_P256 br_ec_p256_m31
#define CURVE_P384 br_ec_prime_i31
#else
/* The generic 31-bit code for all three: 67 KB of BearSSL in all where the m15/m31 curve
 * code would take 12 to 30 KB more (README, "The relay's TLS"). */
#define CURVE_X25519 br_ec_c25519_i31
#define CURVE_P256 br_ec_prime_i31
#define CURVE_P384 br_ec_prime_i31
#endif

static const br_ec_impl *curve_code(int curve)
{
    switch (curve) {
    case BR_EC_curve25519:
        return &CURVE_X25519;
    case BR_EC_secp256r1:
        return &CURVE_P256;
    default:
        return &CURVE_P384;
    }
}

static const unsigned char *curve_generator(int curve, size_t *length)
{
    return curve_code(curve)->generator(curve, length);
}

static const unsigned char *curve_order(int curve, size_t *length)
{
    return curve_code(curve)->order(curve, length);
}

static size_t curve_xoff(int curve, size_t *length)
{
    return curve_code(curve)->xoff(curve, length);
}

static uint32_t curve_mul(unsigned char *point, size_t point_length, const unsigned char *scalar, size_t scalar_length,
                          int curve)
{
    return curve_code(curve)->mul(point, point_length, scalar, scalar_length, curve);
}

static size_t curve_mulgen(unsigned char *result, const unsigned char *scalar, size_t scalar_length, int curve)
{
    return curve_code(curve)->mulgen(result, scalar, scalar_length, curve);
}

static uint32_t curve_muladd(unsigned char *a, const unsigned char *b, size_t length, const unsigned char *x,
                             size_t x_length, const unsigned char *y, size_t y_length, int curve)
{
    return curve_code(curve)->muladd(a, b, length, x, x_length, y, y_length, curve);
}

static const br_ec_impl relay_curves = {
    (uint32_t)1 << BR_EC_curve25519 | (uint32_t)1 << BR_EC_secp256r1 | (uint32_t)1 << BR_EC_secp384r1,
    curve_generator, curve_order, curve_xoff, curve_mul, curve_mulgen, curve_muladd
};

void relay_tls_profile_apply(br_ssl_client_context *client)
{
    br_ssl_engine_context *engine = &client->eng;

    br_ssl_client_zero(client);
    br_ssl_engine_set_versions(engine, BR_TLS10, BR_TLS12);
    br_ssl_engine_set_suites(engine, suites, sizeof(suites) / sizeof(suites[0]));

    /* MD5 and SHA-1 for TLS 1.0 and 1.1's PRF and signatures; the SHA-2 family for
     * TLS 1.2's PRFs and the signature algorithms BearSSL offers. */
    br_ssl_engine_set_hash(engine, br_md5_ID, &br_md5_vtable);
    br_ssl_engine_set_hash(engine, br_sha1_ID, &br_sha1_vtable);
    br_ssl_engine_set_hash(engine, br_sha224_ID, &br_sha224_vtable);
    br_ssl_engine_set_hash(engine, br_sha256_ID, &br_sha256_vtable);
    br_ssl_engine_set_hash(engine, br_sha384_ID, &br_sha384_vtable);
    br_ssl_engine_set_hash(engine, br_sha512_ID, &br_sha512_vtable);
    br_ssl_engine_set_prf10(engine, &br_tls10_prf);
    br_ssl_engine_set_prf_sha256(engine, &br_tls12_sha256_prf);
    br_ssl_engine_set_prf_sha384(engine, &br_tls12_sha384_prf);

    br_ssl_engine_set_ec(engine, &relay_curves);
    br_ssl_engine_set_cbc(engine, &br_sslrec_in_cbc_vtable, &br_sslrec_out_cbc_vtable);
    br_ssl_engine_set_gcm(engine, &br_sslrec_in_gcm_vtable, &br_sslrec_out_gcm_vtable);
    br_ssl_engine_set_chapol(engine, &br_sslrec_in_chapol_vtable, &br_sslrec_out_chapol_vtable);
#ifdef _WIN64
    /* BearSSL's defaults: 62-bit RSA, AES-NI/PCLMUL/SSE2 when the processor has them. */
    br_ssl_client_set_rsapub(client, br_rsa_public_get_default());
    br_ssl_engine_set_rsavrfy(engine, br_rsa_pkcs1_vrfy_get_default());
    br_ssl_engine_set_ecdsa(engine, br_ecdsa_i31_vrfy_asn1);
    br_ssl_engine_set_default_aes_cbc(engine);
    br_ssl_engine_set_default_aes_gcm(engine);
    br_ssl_engine_set_default_chapol(engine);
#else
    /* Constant-time, and the smallest that are: 31-bit integers (x86's 32-bit multiply
     * takes the same time whatever the numbers, so the 15-bit code, as large, would only
     * be slower), bitsliced AES (the table-based aes_small is 2 KB smaller but leaks
     * through the cache), GHASH and Poly1305 with 32x32 multiplies. */
    br_ssl_client_set_rsapub(client, br_rsa_i31_public);
    br_ssl_engine_set_rsavrfy(engine, br_rsa_i31_pkcs1_vrfy);
    br_ssl_engine_set_ecdsa(engine, br_ecdsa_i31_vrfy_asn1);
    br_ssl_engine_set_aes_cbc(engine, &br_aes_ct_cbcenc_vtable, &br_aes_ct_cbcdec_vtable);
    br_ssl_engine_set_aes_ctr(engine, &br_aes_ct_ctr_vtable);
    br_ssl_engine_set_ghash(engine, &br_ghash_ctmul);
    br_ssl_engine_set_chacha20(engine, &br_chacha20_ct_run);
    br_ssl_engine_set_poly1305(engine, &br_poly1305_ctmul_run);
#endif
}
