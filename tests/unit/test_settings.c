/* Reading the registry through the regstore interface, and what each value pair means. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "registry/regstore_memory.h"
#include "registry/settings.h"

#define TLS12 PROTOCOLS_KEY_PATH "\\TLS 1.2\\Client"

static struct protocol_setting make_setting(int enabled_state, uint32_t enabled,
                                            int by_default_state, uint32_t by_default)
{
    struct protocol_setting setting;
    memset(&setting, 0, sizeof(setting));
    setting.key_exists = 1;
    setting.enabled.state = (enum value_state)enabled_state;
    setting.enabled.dword = enabled;
    setting.enabled.type = REGTYPE_SZ;
    setting.disabled_by_default.state = (enum value_state)by_default_state;
    setting.disabled_by_default.dword = by_default;
    setting.disabled_by_default.type = REGTYPE_SZ;
    return setting;
}

static void effective_use_follows_microsofts_rules(void **state)
{
    struct {
        int enabled_state;
        uint32_t enabled;
        int by_default_state;
        uint32_t by_default;
        enum effective_use expected;
    } cases[] = {
        { VALUE_ABSENT, 0, VALUE_ABSENT, 0, EFFECTIVE_OSDEFAULT },
        { VALUE_DWORD, 1, VALUE_DWORD, 0, EFFECTIVE_DEFAULT },
        { VALUE_DWORD, 0xffffffffu, VALUE_DWORD, 0, EFFECTIVE_DEFAULT },
        { VALUE_ABSENT, 0, VALUE_DWORD, 0, EFFECTIVE_DEFAULT },
        { VALUE_DWORD, 1, VALUE_DWORD, 1, EFFECTIVE_OPTIN },
        { VALUE_ABSENT, 0, VALUE_DWORD, 1, EFFECTIVE_OPTIN },
        { VALUE_DWORD, 0, VALUE_DWORD, 0, EFFECTIVE_OFF },
        { VALUE_DWORD, 0, VALUE_ABSENT, 0, EFFECTIVE_OFF },
        { VALUE_DWORD, 1, VALUE_ABSENT, 0, EFFECTIVE_OSDEFAULT },
        { VALUE_WRONG_TYPE, 0, VALUE_DWORD, 0, EFFECTIVE_OFF },
        { VALUE_DWORD, 1, VALUE_WRONG_TYPE, 0, EFFECTIVE_OPTIN },
    };
    size_t i;
    (void)state;
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct protocol_setting setting = make_setting(cases[i].enabled_state, cases[i].enabled,
                                                       cases[i].by_default_state, cases[i].by_default);
        if (setting_effective_use(&setting) != cases[i].expected)
            fail_msg("case %u: expected %s, got %s", (unsigned)i, effective_use_csv(cases[i].expected),
                     effective_use_csv(setting_effective_use(&setting)));
    }
}

static void reads_absent_dword_and_wrong_type(void **state)
{
    struct memory_registry *registry = memory_registry_new();
    struct regstore store = memory_registry_store(registry);
    struct schannel_settings settings;
    (void)state;

    assert_int_equal(memory_registry_set_dword(registry, TLS12, "Enabled", 1), REGSTORE_OK);
    assert_int_equal(memory_registry_set(registry, TLS12, "DisabledByDefault", REGTYPE_SZ, "0", 2), REGSTORE_OK);
    assert_int_equal(memory_registry_add_key(registry, PROTOCOLS_KEY_PATH "\\SSL 3.0\\Client"), REGSTORE_OK);
    assert_int_equal(regstore_read_settings(&store, &settings), REGSTORE_OK);

    assert_true(settings.protocol[PROTOCOL_TLS12].key_exists);
    assert_int_equal(settings.protocol[PROTOCOL_TLS12].enabled.state, VALUE_DWORD);
    assert_int_equal(settings.protocol[PROTOCOL_TLS12].enabled.dword, 1);
    assert_int_equal(settings.protocol[PROTOCOL_TLS12].disabled_by_default.state, VALUE_WRONG_TYPE);
    assert_int_equal(settings.protocol[PROTOCOL_TLS12].disabled_by_default.type, REGTYPE_SZ);

    assert_true(settings.protocol[PROTOCOL_SSL3].key_exists);
    assert_int_equal(settings.protocol[PROTOCOL_SSL3].enabled.state, VALUE_ABSENT);
    assert_false(settings.protocol[PROTOCOL_TLS10].key_exists);
    assert_int_equal(settings.protocol[PROTOCOL_TLS10].enabled.state, VALUE_ABSENT);
    memory_registry_free(registry);
}

static void key_names_are_case_insensitive(void **state)
{
    struct memory_registry *registry = memory_registry_new();
    struct regstore store = memory_registry_store(registry);
    struct schannel_settings settings;
    (void)state;
    assert_int_equal(memory_registry_set_dword(registry,
        "system\\currentcontrolset\\control\\securityproviders\\schannel\\protocols\\tls 1.1\\client",
        "enabled", 0), REGSTORE_OK);
    assert_int_equal(regstore_read_settings(&store, &settings), REGSTORE_OK);
    assert_int_equal(settings.protocol[PROTOCOL_TLS11].enabled.state, VALUE_DWORD);
    assert_int_equal(settings.protocol[PROTOCOL_TLS11].enabled.dword, 0);
    memory_registry_free(registry);
}

static void dword_of_wrong_length_is_wrong_type(void **state)
{
    struct memory_registry *registry = memory_registry_new();
    struct regstore store = memory_registry_store(registry);
    struct setting_value value;
    (void)state;
    assert_int_equal(memory_registry_set(registry, TLS12, "Enabled", REGTYPE_DWORD, "\1\0", 2), REGSTORE_OK);
    assert_int_equal(regstore_read_setting(&store, TLS12, "Enabled", &value), REGSTORE_OK);
    assert_int_equal(value.state, VALUE_WRONG_TYPE);
    memory_registry_free(registry);
}

static void read_error_is_passed_on(void **state)
{
    struct memory_registry *registry = memory_registry_new();
    struct regstore store = memory_registry_store(registry);
    struct schannel_settings settings;
    (void)state;
    memory_registry_fail_on(registry, TLS12, REGSTORE_ACCESS_DENIED);
    assert_int_equal(regstore_read_settings(&store, &settings), REGSTORE_ACCESS_DENIED);
    memory_registry_free(registry);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(effective_use_follows_microsofts_rules),
        cmocka_unit_test(reads_absent_dword_and_wrong_type),
        cmocka_unit_test(key_names_are_case_insensitive),
        cmocka_unit_test(dword_of_wrong_length_is_wrong_type),
        cmocka_unit_test(read_error_is_passed_on),
    };
    return cmocka_run_group_tests_name("settings", tests, NULL, NULL);
}
