/* What /apply PROFILE and /set PROTOCOL=STATE ask for, and the registry operations
 * that express it. */
#ifndef TLSSWITCH_PROFILES_H
#define TLSSWITCH_PROFILES_H

#include "protocols.h"
#include "regops.h"

enum protocol_target {
    TARGET_UNCHANGED,
    TARGET_ON,        /* Enabled=1, DisabledByDefault=0 */
    TARGET_OPTIN,     /* Enabled=1, DisabledByDefault=1: only for programs that ask */
    TARGET_OFF,       /* Enabled=0, DisabledByDefault=1 */
    TARGET_DEFAULT    /* both values deleted; empty keys removed */
};

struct protocol_targets {
    enum protocol_target target[PROTOCOL_COUNT];
};

/* "recommended", "tls12only" or "osdefault" (any case); returns 0, or -1 if unknown. */
int profile_targets(const char *name, struct protocol_targets *out);

/* "tls1.2=on,ssl3=off" (any subset, any case). Returns 0, or -1 with *bad_part set to a
 * malloc'd copy of the part that is wrong (the caller frees it). */
int set_spec_parse(const char *spec, struct protocol_targets *out, char **bad_part);

/* The operations that give every protocol its target. */
long targets_to_regops(const struct protocol_targets *targets, struct regops *ops);

#endif
