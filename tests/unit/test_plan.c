/* Profiles, /set, planning by comparison, and carrying a plan out with undo. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "plan.h"
#include "plan_text.h"
#include "profiles.h"
#include "regstore_fault.h"
#include "regstore_memory.h"

#define CLIENT(p) PROTOCOLS_KEY_PATH "\\" p "\\Client"

/* A registry like XP with KB4019276 before the fix. */
static struct memory_registry *xp_registry(void)
{
    struct memory_registry *registry = memory_registry_new();
    memory_registry_set_dword(registry, CLIENT("SSL 2.0"), "DisabledByDefault", 1);
    memory_registry_set_dword(registry, CLIENT("TLS 1.1"), "DisabledByDefault", 1);
    memory_registry_set_dword(registry, CLIENT("TLS 1.2"), "DisabledByDefault", 1);
    return registry;
}

/* Plans `targets` against `registry`. */
static long plan_targets(struct memory_registry *registry, const struct protocol_targets *targets, struct plan *plan)
{
    struct memory_registry *after_memory = memory_registry_new();
    struct regstore before = memory_registry_store(registry), after = memory_registry_store(after_memory);
    struct regops ops = { NULL, 0 };
    long rc = model_load(&before, SCHANNEL_KEY_PATH, &after);
    if (rc == REGSTORE_OK)
        rc = targets_to_regops(targets, &ops);
    if (rc == REGSTORE_OK)
        rc = regops_apply(&after, &ops);
    if (rc == REGSTORE_OK)
        rc = plan_diff(&before, &after, SCHANNEL_KEY_PATH, plan);
    regops_free(&ops);
    memory_registry_free(after_memory);
    return rc;
}

/* Plans and carries out a profile on `registry`; returns the number of changes. */
static size_t apply_profile(struct memory_registry *registry, const char *profile)
{
    struct protocol_targets targets;
    struct regstore store = memory_registry_store(registry);
    struct execute_report report;
    struct plan plan;
    size_t count;
    assert_int_equal(profile_targets(profile, &targets), 0);
    assert_int_equal(plan_targets(registry, &targets, &plan), REGSTORE_OK);
    assert_int_equal(plan_execute(&store, &plan, &report), REGSTORE_OK);
    count = plan.count;
    plan_free(&plan);
    return count;
}

static void expect_dword(struct memory_registry *registry, const char *path, const char *name, int expected)
{
    struct regstore store = memory_registry_store(registry);
    struct setting_value value;
    assert_int_equal(regstore_read_setting(&store, path, name, &value), REGSTORE_OK);
    if (expected < 0) {
        if (value.state != VALUE_ABSENT)
            fail_msg("%s\\%s: expected absent", path, name);
    } else if (value.state != VALUE_DWORD || value.dword != (uint32_t)expected) {
        fail_msg("%s\\%s: expected %d, got state %d value %lu", path, name, expected, value.state,
                 (unsigned long)value.dword);
    }
}

static int key_exists(struct memory_registry *registry, const char *path)
{
    struct regstore store = memory_registry_store(registry);
    int exists = -1;
    assert_int_equal(store.ops->key_exists(store.context, path, &exists), REGSTORE_OK);
    return exists;
}

static void recommended_profile(void **state)
{
    struct memory_registry *registry = xp_registry();
    (void)state;
    assert_int_equal(apply_profile(registry, "recommended"), 9);
    expect_dword(registry, CLIENT("SSL 2.0"), "Enabled", 0);
    expect_dword(registry, CLIENT("SSL 2.0"), "DisabledByDefault", 1);
    expect_dword(registry, CLIENT("SSL 3.0"), "Enabled", 0);
    expect_dword(registry, CLIENT("SSL 3.0"), "DisabledByDefault", 1);
    assert_false(key_exists(registry, CLIENT("TLS 1.0")));   /* left as it was */
    expect_dword(registry, CLIENT("TLS 1.1"), "Enabled", 1);
    expect_dword(registry, CLIENT("TLS 1.1"), "DisabledByDefault", 0);
    expect_dword(registry, CLIENT("TLS 1.2"), "Enabled", 1);
    expect_dword(registry, CLIENT("TLS 1.2"), "DisabledByDefault", 0);
    /* A second run finds nothing to do. */
    assert_int_equal(apply_profile(registry, "RECOMMENDED"), 0);
    memory_registry_free(registry);
}

static void tls12only_profile(void **state)
{
    struct memory_registry *registry = xp_registry();
    const char *const off[] = { CLIENT("SSL 2.0"), CLIENT("SSL 3.0"), CLIENT("TLS 1.0"), CLIENT("TLS 1.1") };
    size_t i;
    (void)state;
    apply_profile(registry, "tls12only");
    for (i = 0; i < 4; i++) {
        expect_dword(registry, off[i], "Enabled", 0);
        expect_dword(registry, off[i], "DisabledByDefault", 1);
    }
    expect_dword(registry, CLIENT("TLS 1.2"), "Enabled", 1);
    expect_dword(registry, CLIENT("TLS 1.2"), "DisabledByDefault", 0);
    memory_registry_free(registry);
}

static void osdefault_removes_only_keys_left_empty(void **state)
{
    struct memory_registry *registry = xp_registry();
    (void)state;
    memory_registry_set_dword(registry, PROTOCOLS_KEY_PATH "\\TLS 1.1\\Server", "Enabled", 1);
    memory_registry_set_dword(registry, CLIENT("TLS 1.2"), "SomethingElse", 5);
    apply_profile(registry, "osdefault");
    assert_false(key_exists(registry, PROTOCOLS_KEY_PATH "\\SSL 2.0"));
    assert_false(key_exists(registry, CLIENT("TLS 1.1")));
    assert_true(key_exists(registry, PROTOCOLS_KEY_PATH "\\TLS 1.1\\Server"));     /* not ours */
    assert_true(key_exists(registry, CLIENT("TLS 1.2")));                         /* not empty */
    expect_dword(registry, CLIENT("TLS 1.2"), "DisabledByDefault", -1);
    expect_dword(registry, CLIENT("TLS 1.2"), "SomethingElse", 5);
    assert_true(key_exists(registry, PROTOCOLS_KEY_PATH));
    assert_int_equal(apply_profile(registry, "osdefault"), 0);
    memory_registry_free(registry);
}

static void wrong_type_is_replaced(void **state)
{
    struct memory_registry *registry = xp_registry();
    (void)state;
    memory_registry_set(registry, CLIENT("TLS 1.2"), "Enabled", REGTYPE_SZ, "1\0", 2);
    apply_profile(registry, "recommended");
    expect_dword(registry, CLIENT("TLS 1.2"), "Enabled", 1);
    memory_registry_free(registry);
}

static void set_specs(void **state)
{
    struct protocol_targets targets;
    char *bad = NULL;
    (void)state;
    assert_int_equal(set_spec_parse("TLS1.2=on,ssl3=off,tls1.0=optin,ssl2=default", &targets, &bad), 0);
    assert_int_equal(targets.target[PROTOCOL_TLS12], TARGET_ON);
    assert_int_equal(targets.target[PROTOCOL_SSL3], TARGET_OFF);
    assert_int_equal(targets.target[PROTOCOL_TLS10], TARGET_OPTIN);
    assert_int_equal(targets.target[PROTOCOL_SSL2], TARGET_DEFAULT);
    assert_int_equal(targets.target[PROTOCOL_TLS11], TARGET_UNCHANGED);

    assert_int_equal(set_spec_parse("tls1.2=on,tls1.3=on", &targets, &bad), -1);
    assert_string_equal(bad, "tls1.3=on");
    free(bad);
    assert_int_equal(set_spec_parse("tls1.2=maybe", &targets, &bad), -1);
    assert_string_equal(bad, "tls1.2=maybe");
    free(bad);
    assert_int_equal(set_spec_parse("tls1.2=on,tls1.2=off", &targets, &bad), -1);
    free(bad);
    assert_int_equal(set_spec_parse("tls1.2=on,", &targets, &bad), -1);
    free(bad);
    assert_int_equal(set_spec_parse("", &targets, &bad), -1);
    free(bad);
    assert_int_equal(profile_targets("best", &targets), -1);
}

static void optin_set(void **state)
{
    struct memory_registry *registry = xp_registry();
    struct protocol_targets targets;
    struct regstore store = memory_registry_store(registry);
    struct execute_report report;
    struct plan plan;
    char *bad = NULL;
    (void)state;
    assert_int_equal(set_spec_parse("tls1.1=optin,tls1.2=on", &targets, &bad), 0);
    assert_int_equal(plan_targets(registry, &targets, &plan), REGSTORE_OK);
    assert_int_equal(plan_execute(&store, &plan, &report), REGSTORE_OK);
    expect_dword(registry, CLIENT("TLS 1.1"), "Enabled", 1);
    expect_dword(registry, CLIENT("TLS 1.1"), "DisabledByDefault", 1);
    expect_dword(registry, CLIENT("TLS 1.2"), "Enabled", 1);
    expect_dword(registry, CLIENT("TLS 1.2"), "DisabledByDefault", 0);
    plan_free(&plan);
    memory_registry_free(registry);
}

static void plan_text_shows_old_and_new(void **state)
{
    struct memory_registry *registry = xp_registry();
    struct protocol_targets targets;
    struct plan plan;
    struct strbuf text;
    (void)state;
    profile_targets("recommended", &targets);
    assert_int_equal(plan_targets(registry, &targets, &plan), REGSTORE_OK);
    strbuf_init(&text);
    plan_describe(&plan, LANGUAGE_EN, &text);
    assert_non_null(strstr(text.data, "Changes (old -> new):\n"));
    assert_non_null(strstr(text.data, "  HKLM\\" CLIENT("TLS 1.2") "\\DisabledByDefault: 1 -> 0\n"));
    assert_non_null(strstr(text.data, "  HKLM\\" CLIENT("TLS 1.2") "\\Enabled: absent -> 1\n"));
    assert_non_null(strstr(text.data, "  create key HKLM\\" PROTOCOLS_KEY_PATH "\\SSL 3.0\n"));
    strbuf_free(&text);
    plan_free(&plan);
    memory_registry_free(registry);
}

/* Every write of the plan, failed in turn, leaves the registry exactly as it was. */
static void a_failed_write_is_undone_wherever_it_fails(void **state)
{
    struct protocol_targets targets;
    unsigned fail_at;
    (void)state;
    profile_targets("tls12only", &targets);
    for (fail_at = 1;; fail_at++) {
        struct memory_registry *registry = xp_registry(), *original = xp_registry();
        struct fault_store fault;
        struct regstore store, original_store = memory_registry_store(original);
        struct execute_report report;
        struct plan plan, difference;
        long rc;

        memory_registry_set_dword(registry, PROTOCOLS_KEY_PATH "\\TLS 1.0\\Server", "Enabled", 0);
        memory_registry_set_dword(original, PROTOCOLS_KEY_PATH "\\TLS 1.0\\Server", "Enabled", 0);
        memset(&fault, 0, sizeof(fault));
        fault.inner = memory_registry_store(registry);
        fault.fail_write_number = fail_at;
        store = fault_store_wrap(&fault);
        assert_int_equal(plan_targets(registry, &targets, &plan), REGSTORE_OK);
        rc = plan_execute(&store, &plan, &report);
        if (fail_at > plan.count) {
            assert_int_equal(rc, REGSTORE_OK);
            assert_true(fail_at > 10);
            plan_free(&plan);
            memory_registry_free(registry);
            memory_registry_free(original);
            break;
        }
        assert_int_equal(rc, REGSTORE_IO_FAILED);
        assert_int_equal(report.failed_at, fail_at - 1);
        assert_int_equal(report.rollback_error, REGSTORE_OK);
        assert_int_equal(report.done, 0);
        assert_int_equal(plan_diff(&original_store, &fault.inner, SCHANNEL_KEY_PATH, &difference), REGSTORE_OK);
        if (difference.count != 0)
            fail_msg("write %u failed: %u differences remain", fail_at, (unsigned)difference.count);
        plan_free(&difference);
        plan_free(&plan);
        memory_registry_free(registry);
        memory_registry_free(original);
    }
}

static void access_check_names_the_key(void **state)
{
    struct memory_registry *registry = xp_registry();
    struct protocol_targets targets;
    struct regstore store = memory_registry_store(registry);
    struct plan plan;
    const char *denied = NULL;
    (void)state;
    profile_targets("recommended", &targets);
    assert_int_equal(plan_targets(registry, &targets, &plan), REGSTORE_OK);
    memory_registry_fail_on(registry, CLIENT("TLS 1.1"), REGSTORE_ACCESS_DENIED);
    assert_int_equal(plan_check_access(&store, &plan, &denied), REGSTORE_ACCESS_DENIED);
    assert_string_equal(denied, CLIENT("TLS 1.1"));
    plan_free(&plan);
    memory_registry_free(registry);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(recommended_profile),
        cmocka_unit_test(tls12only_profile),
        cmocka_unit_test(osdefault_removes_only_keys_left_empty),
        cmocka_unit_test(wrong_type_is_replaced),
        cmocka_unit_test(set_specs),
        cmocka_unit_test(optin_set),
        cmocka_unit_test(plan_text_shows_old_and_new),
        cmocka_unit_test(a_failed_write_is_undone_wherever_it_fails),
        cmocka_unit_test(access_check_names_the_key),
    };
    return cmocka_run_group_tests_name("plan", tests, NULL, NULL);
}
