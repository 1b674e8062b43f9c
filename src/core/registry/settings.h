/* What the registry says about each protocol's Client key, and what that means
 * for programs that ask Schannel for its default protocols. */
#ifndef TLSSWITCH_SETTINGS_H
#define TLSSWITCH_SETTINGS_H

#include <stdint.h>

#include "protocols.h"

/* Registry value types, as winnt.h numbers them (the core does not include windows.h). */
enum {
    REGTYPE_NONE = 0,
    REGTYPE_SZ = 1,
    REGTYPE_EXPAND_SZ = 2,
    REGTYPE_BINARY = 3,
    REGTYPE_DWORD = 4,
    REGTYPE_DWORD_BIG_ENDIAN = 5,
    REGTYPE_LINK = 6,
    REGTYPE_MULTI_SZ = 7,
    REGTYPE_QWORD = 11
};

/* A short readable name for a registry type number ("REG_SZ"); "REG_UNKNOWN" otherwise. */
const char *regtype_name(uint32_t type);

enum value_state {
    VALUE_ABSENT,
    VALUE_DWORD,
    VALUE_WRONG_TYPE   /* present, but not a REG_DWORD: `type` says what it is */
};

struct setting_value {
    enum value_state state;
    uint32_t dword;    /* valid when state == VALUE_DWORD */
    uint32_t type;     /* the registry type, valid when state == VALUE_WRONG_TYPE */
};

struct protocol_setting {
    int key_exists;                        /* the Client key exists */
    struct setting_value enabled;
    struct setting_value disabled_by_default;
};

struct schannel_settings {
    struct protocol_setting protocol[PROTOCOL_COUNT];
};

/* What a setting means for programs.
 * - OFF: Enabled is 0, or not a DWORD (Schannel reads a non-DWORD Enabled as off).
 * - OPTIN: enabled, but DisabledByDefault is non-zero or not a DWORD: only programs
 *   that ask for the protocol by name get it; old mail programs do not.
 * - DEFAULT: DisabledByDefault is 0 and the protocol is not switched off.
 * - OSDEFAULT: DisabledByDefault is absent and Enabled is absent or non-zero:
 *   whether programs use it by default is left to Windows. */
enum effective_use {
    EFFECTIVE_DEFAULT,
    EFFECTIVE_OPTIN,
    EFFECTIVE_OFF,
    EFFECTIVE_OSDEFAULT
};

enum effective_use setting_effective_use(const struct protocol_setting *setting);

/* "default", "optin", "off", "osdefault": the CSV words, a script contract. */
const char *effective_use_csv(enum effective_use use);

#endif
