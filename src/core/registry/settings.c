/* Interpretation of the Enabled / DisabledByDefault pair. The rules follow Microsoft's
 * documentation, and for values of the wrong type what Schannel does with them
 * (see Wine's secur32 read_config, which mirrors Windows here). */
#include "settings.h"

const char *regtype_name(uint32_t type)
{
    switch (type) {
    case REGTYPE_NONE: return "REG_NONE";
    case REGTYPE_SZ: return "REG_SZ";
    case REGTYPE_EXPAND_SZ: return "REG_EXPAND_SZ";
    case REGTYPE_BINARY: return "REG_BINARY";
    case REGTYPE_DWORD: return "REG_DWORD";
    case REGTYPE_DWORD_BIG_ENDIAN: return "REG_DWORD_BIG_ENDIAN";
    case REGTYPE_LINK: return "REG_LINK";
    case REGTYPE_MULTI_SZ: return "REG_MULTI_SZ";
    case REGTYPE_QWORD: return "REG_QWORD";
    default: return "REG_UNKNOWN";
    }
}

enum effective_use setting_effective_use(const struct protocol_setting *setting)
{
    const struct setting_value *enabled = &setting->enabled;
    const struct setting_value *by_default = &setting->disabled_by_default;

    if (enabled->state == VALUE_WRONG_TYPE ||
        (enabled->state == VALUE_DWORD && enabled->dword == 0))
        return EFFECTIVE_OFF;
    if (by_default->state == VALUE_WRONG_TYPE ||
        (by_default->state == VALUE_DWORD && by_default->dword != 0))
        return EFFECTIVE_OPTIN;
    if (by_default->state == VALUE_DWORD)
        return EFFECTIVE_DEFAULT;
    return EFFECTIVE_OSDEFAULT;
}

const char *effective_use_csv(enum effective_use use)
{
    switch (use) {
    case EFFECTIVE_DEFAULT: return "default";
    case EFFECTIVE_OPTIN: return "optin";
    case EFFECTIVE_OFF: return "off";
    case EFFECTIVE_OSDEFAULT: return "osdefault";
    }
    return "osdefault";
}
