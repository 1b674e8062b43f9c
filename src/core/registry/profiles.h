/* What /apply PROFILE and /set PROTOCOL=STATE ask for, and the registry operations
 * that express it. */
#ifndef TLSSWITCH_PROFILES_H
#define TLSSWITCH_PROFILES_H

#include "../text/messages.h"
#include "protocols.h"
#include "regops.h"
#include "settings.h"

#include <stddef.h>

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

/* The profiles of /apply, in the order the window offers them: one table, read by the
 * parser, the window and the help. */
struct profile_info {
    const char *name;                            /* "recommended", as /apply takes it */
    enum message_id label;                       /* how the window names it */
    enum protocol_target target[PROTOCOL_COUNT];
};
enum { PROFILE_RECOMMENDED };                    /* the index of "Fix it"'s profile */
/* The profile at `index`, or NULL past the last. */
const struct profile_info *profile_at(size_t index);

/* The states of /set (on, optin, off, default): what each asks for, how the window names
 * it, and the effective use it gives (to show a protocol's state in the same words). */
struct state_word_info {
    const char *word;
    enum protocol_target target;
    enum message_id label;
    enum effective_use use;
};
/* The state at `index`, or NULL past the last. */
const struct state_word_info *state_word_at(size_t index);

/* "recommended", "tls12only" or "osdefault" (any case); returns 0, or -1 if unknown. */
int profile_targets(const char *name, struct protocol_targets *out);

/* "tls1.2=on,ssl3=off" (any subset, any case). Returns 0, or -1 with *bad_part set to a
 * malloc'd copy of the part that is wrong (the caller frees it). */
int set_spec_parse(const char *spec, struct protocol_targets *out, char **bad_part);

/* The operations that give every protocol its target. */
long targets_to_regops(const struct protocol_targets *targets, struct regops *ops);

#endif
