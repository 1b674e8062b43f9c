/* A regstore that passes everything to another one, except that it can make the Nth
 * write fail (and a second one, to fail the rollback too), deny write access, or refuse
 * to set a key's security descriptor: the test-only fault switch that proves rollback,
 * the half-changed state, the "not an administrator" path and a refused descriptor. The
 * program turns it on only from the environment variables TLSSWITCH_TEST_FAIL_WRITE=N
 * (or N,M), TLSSWITCH_TEST_DENY_WRITE=1 and TLSSWITCH_TEST_DENY_SECURITY=1 (README.md). */
#ifndef TLSSWITCH_REGSTORE_FAULT_H
#define TLSSWITCH_REGSTORE_FAULT_H

#include "regstore.h"

struct fault_store {
    struct regstore inner;
    unsigned fail_write_number;   /* 1-based; 0: never fail */
    unsigned also_fail_write_number;   /* a second write to fail (a rollback's); 0: none */
    int deny_write_access;
    int deny_security;            /* write_security answers ERROR_ACCESS_DENIED */
    unsigned writes;              /* writes attempted so far */
};

/* A regstore that goes through `fault`. */
struct regstore fault_store_wrap(struct fault_store *fault);

#endif
