/* A regstore that passes everything to another one, except that it can make the Nth
 * write fail or deny write access: the test-only fault switch that proves rollback and
 * the "not an administrator" path. The program turns it on only from the environment
 * variables TLSSWITCH_TEST_FAIL_WRITE=N and TLSSWITCH_TEST_DENY_WRITE=1 (README.md). */
#ifndef TLSSWITCH_REGSTORE_FAULT_H
#define TLSSWITCH_REGSTORE_FAULT_H

#include "regstore.h"

struct fault_store {
    struct regstore inner;
    unsigned fail_write_number;   /* 1-based; 0: never fail */
    int deny_write_access;
    unsigned writes;              /* writes attempted so far */
};

/* A regstore that goes through `fault`. */
struct regstore fault_store_wrap(struct fault_store *fault);

#endif
