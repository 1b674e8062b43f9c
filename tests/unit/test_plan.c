/* Profiles, /set, planning by comparison, and carrying a plan out with undo. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "registry/change.h"
#include "registry/plan.h"
#include "registry/plan_text.h"
#include "registry/profiles.h"
#include "registry/regfile.h"
#include "registry/regstore_fault.h"
#include "registry/regstore_memory.h"

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

/* Plans `targets` against `registry` with the program's own change sequence, writing
 * nothing (as /whatif); the plan is handed to the caller. */
static long plan_targets(struct memory_registry *registry, const struct protocol_targets *targets, struct plan *plan)
{
    struct regstore store = memory_registry_store(registry);
    struct change_steps no_steps = { NULL, NULL, NULL };
    struct change_result result;
    struct regops ops = { NULL, 0 };
    long rc = targets_to_regops(targets, &ops);
    if (rc == REGSTORE_OK) {
        change_run(&store, SCHANNEL_KEY_PATH, &ops, 1, &no_steps, &result);
        rc = result.end == CHANGE_READ_FAILED ? result.error : REGSTORE_OK;
        *plan = result.plan;
    }
    regops_free(&ops);
    return rc;
}

/* Carries out `targets` on `store` with the change sequence; the result is the caller's. */
static void change_targets(const struct regstore *store, const struct protocol_targets *targets,
                           struct change_result *result)
{
    struct change_steps no_steps = { NULL, NULL, NULL };
    struct regops ops = { NULL, 0 };
    assert_int_equal(targets_to_regops(targets, &ops), REGSTORE_OK);
    change_run(store, SCHANNEL_KEY_PATH, &ops, 0, &no_steps, result);
    regops_free(&ops);
}

/* Plans and carries out a profile on `registry`; returns the number of changes. */
static size_t apply_profile(struct memory_registry *registry, const char *profile)
{
    struct protocol_targets targets;
    struct regstore store = memory_registry_store(registry);
    struct change_result result;
    size_t count;
    assert_int_equal(profile_targets(profile, &targets), 0);
    change_targets(&store, &targets, &result);
    assert_int_equal(result.execute.error, REGSTORE_OK);
    count = result.plan.count;
    change_result_free(&result);
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

/* The window reads the profiles and states from the same tables /apply and /set parse. */
static void every_listed_profile_and_state_parses(void **state)
{
    struct protocol_targets targets;
    char spec[32], *bad = NULL;
    size_t i;
    (void)state;
    for (i = 0; profile_at(i); i++)
        assert_int_equal(profile_targets(profile_at(i)->name, &targets), 0);
    assert_true(i >= 3);
    assert_string_equal(profile_at(PROFILE_RECOMMENDED)->name, "recommended");
    for (i = 0; state_word_at(i); i++) {
        snprintf(spec, sizeof(spec), "tls1.2=%s", state_word_at(i)->word);
        assert_int_equal(set_spec_parse(spec, &targets, &bad), 0);
        assert_int_equal(targets.target[PROTOCOL_TLS12], state_word_at(i)->target);
    }
    assert_int_equal(i, 4);
    /* Each state, once set, reads back as the effective use the window shows for it. */
    for (i = 0; state_word_at(i); i++) {
        struct memory_registry *registry = xp_registry();
        struct regstore store = memory_registry_store(registry);
        struct schannel_settings settings;
        struct change_result result;
        snprintf(spec, sizeof(spec), "tls1.2=%s", state_word_at(i)->word);
        assert_int_equal(set_spec_parse(spec, &targets, &bad), 0);
        change_targets(&store, &targets, &result);
        change_result_free(&result);
        assert_int_equal(regstore_read_settings(&store, &settings), REGSTORE_OK);
        assert_int_equal(setting_effective_use(&settings.protocol[PROTOCOL_TLS12]), state_word_at(i)->use);
        memory_registry_free(registry);
    }
}

static void optin_set(void **state)
{
    struct memory_registry *registry = xp_registry();
    struct protocol_targets targets;
    struct regstore store = memory_registry_store(registry);
    struct change_result result;
    char *bad = NULL;
    (void)state;
    assert_int_equal(set_spec_parse("tls1.1=optin,tls1.2=on", &targets, &bad), 0);
    change_targets(&store, &targets, &result);
    assert_int_equal(result.execute.error, REGSTORE_OK);
    expect_dword(registry, CLIENT("TLS 1.1"), "Enabled", 1);
    expect_dword(registry, CLIENT("TLS 1.1"), "DisabledByDefault", 1);
    expect_dword(registry, CLIENT("TLS 1.2"), "Enabled", 1);
    expect_dword(registry, CLIENT("TLS 1.2"), "DisabledByDefault", 0);
    change_result_free(&result);
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
        struct change_result result;
        struct plan difference;
        long rc;

        memory_registry_set_dword(registry, PROTOCOLS_KEY_PATH "\\TLS 1.0\\Server", "Enabled", 0);
        memory_registry_set_dword(original, PROTOCOLS_KEY_PATH "\\TLS 1.0\\Server", "Enabled", 0);
        memset(&fault, 0, sizeof(fault));
        fault.inner = memory_registry_store(registry);
        fault.fail_write_number = fail_at;
        store = fault_store_wrap(&fault);
        change_targets(&store, &targets, &result);
        rc = result.execute.error;
        if (fail_at > result.plan.count) {
            assert_int_equal(rc, REGSTORE_OK);
            assert_true(fail_at > 10);
            change_result_free(&result);
            memory_registry_free(registry);
            memory_registry_free(original);
            break;
        }
        assert_int_equal(rc, REGSTORE_IO_FAILED);
        assert_int_equal(result.execute.failed_at, fail_at - 1);
        assert_int_equal(result.execute.rollback_error, REGSTORE_OK);
        assert_int_equal(result.execute.done, 0);
        assert_int_equal(plan_diff(&original_store, &fault.inner, SCHANNEL_KEY_PATH, &difference), REGSTORE_OK);
        if (difference.count != 0)
            fail_msg("write %u failed: %u differences remain", fail_at, (unsigned)difference.count);
        plan_free(&difference);
        change_result_free(&result);
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

/* Records what the change sequence asked of its caller, and checks the registry then. */
struct sequence_log {
    struct memory_registry *registry, *original;
    int planned, backed_up, stop_before_writing;
    size_t planned_count;
    int unchanged_at_backup;
};

static int same_subtree(const struct regstore *a, const struct regstore *b)
{
    struct plan difference;
    size_t count;
    assert_int_equal(plan_diff(a, b, SCHANNEL_KEY_PATH, &difference), REGSTORE_OK);
    count = difference.count;
    plan_free(&difference);
    return count == 0;
}

static void log_planned(void *context, const struct regstore *before, const struct regstore *after,
                        const struct plan *plan)
{
    struct sequence_log *log = context;
    struct regstore original = memory_registry_store(log->original);
    log->planned++;
    log->planned_count = plan->count;
    assert_true(same_subtree(before, &original));
    assert_false(same_subtree(after, &original));
}

static int log_backup(void *context, const struct regstore *before, const struct plan *plan)
{
    struct sequence_log *log = context;
    struct regstore registry = memory_registry_store(log->registry), original = memory_registry_store(log->original);
    (void)plan;
    log->backed_up++;
    log->unchanged_at_backup = same_subtree(&registry, &original) && same_subtree(before, &original);
    return log->stop_before_writing;
}

/* Runs `profile` through the sequence with the recording steps. */
static void run_logged(struct sequence_log *log, const char *profile, int plan_only, struct change_result *result)
{
    struct protocol_targets targets;
    struct change_steps steps = { NULL, log_planned, log_backup };
    struct regstore store = memory_registry_store(log->registry);
    struct regops ops = { NULL, 0 };
    steps.context = log;
    assert_int_equal(profile_targets(profile, &targets), 0);
    assert_int_equal(targets_to_regops(&targets, &ops), REGSTORE_OK);
    change_run(&store, SCHANNEL_KEY_PATH, &ops, plan_only, &steps, result);
    regops_free(&ops);
}

static struct sequence_log new_log(int stop_before_writing)
{
    struct sequence_log log = { NULL, NULL, 0, 0, 0, 0, 0 };
    log.registry = xp_registry();
    log.original = xp_registry();
    log.stop_before_writing = stop_before_writing;
    return log;
}

static void free_log(struct sequence_log *log, struct change_result *result)
{
    change_result_free(result);
    memory_registry_free(log->registry);
    memory_registry_free(log->original);
}

static int registry_unchanged(const struct sequence_log *log)
{
    struct regstore registry = memory_registry_store(log->registry), original = memory_registry_store(log->original);
    return same_subtree(&registry, &original);
}

static void the_backup_comes_after_the_plan_and_before_the_first_write(void **state)
{
    struct sequence_log log = new_log(0);
    struct change_result result;
    (void)state;
    run_logged(&log, "recommended", 0, &result);
    assert_int_equal(result.end, CHANGE_WRITTEN);
    assert_int_equal(log.planned, 1);
    assert_int_equal(log.planned_count, 9);
    assert_int_equal(log.backed_up, 1);
    assert_true(log.unchanged_at_backup);
    assert_false(registry_unchanged(&log));
    expect_dword(log.registry, CLIENT("TLS 1.2"), "DisabledByDefault", 0);
    free_log(&log, &result);
}

static void whatif_shows_the_plan_and_writes_nothing(void **state)
{
    struct sequence_log log = new_log(0);
    struct change_result result;
    (void)state;
    run_logged(&log, "tls12only", 1, &result);
    assert_int_equal(result.end, CHANGE_PLANNED_ONLY);
    assert_int_equal(log.planned, 1);
    assert_int_equal(log.backed_up, 0);
    assert_true(registry_unchanged(&log));
    free_log(&log, &result);
}

static void a_denied_key_stops_the_change_before_the_backup(void **state)
{
    struct sequence_log log = new_log(0);
    struct change_result result;
    (void)state;
    memory_registry_fail_on(log.registry, CLIENT("SSL 3.0"), REGSTORE_ACCESS_DENIED);
    run_logged(&log, "recommended", 0, &result);
    assert_int_equal(result.end, CHANGE_NOT_ALLOWED);
    assert_int_equal(result.error, REGSTORE_ACCESS_DENIED);
    assert_string_equal(result.denied_path, CLIENT("SSL 3.0"));
    assert_int_equal(log.planned, 1);
    assert_int_equal(log.backed_up, 0);
    memory_registry_fail_on(log.registry, NULL, 0);
    assert_true(registry_unchanged(&log));
    free_log(&log, &result);
}

static void a_failed_backup_writes_nothing(void **state)
{
    struct sequence_log log = new_log(1);
    struct change_result result;
    (void)state;
    run_logged(&log, "recommended", 0, &result);
    assert_int_equal(result.end, CHANGE_STOPPED);
    assert_int_equal(log.backed_up, 1);
    assert_true(registry_unchanged(&log));
    free_log(&log, &result);
}

static void nothing_to_do_asks_nothing(void **state)
{
    struct sequence_log log = new_log(0);
    struct change_result result;
    (void)state;
    apply_profile(log.registry, "recommended");
    apply_profile(log.original, "recommended");
    run_logged(&log, "recommended", 0, &result);
    assert_int_equal(result.end, CHANGE_NOTHING_TO_DO);
    assert_int_equal(result.plan.count, 0);
    assert_int_equal(log.planned + log.backed_up, 0);
    free_log(&log, &result);
}

static void an_unreadable_registry_is_reported(void **state)
{
    struct sequence_log log = new_log(0);
    struct change_result result;
    (void)state;
    memory_registry_fail_on(log.registry, PROTOCOLS_KEY_PATH, REGSTORE_IO_FAILED);
    run_logged(&log, "recommended", 0, &result);
    assert_int_equal(result.end, CHANGE_READ_FAILED);
    assert_int_equal(result.error, REGSTORE_IO_FAILED);
    assert_int_equal(log.planned + log.backed_up, 0);
    free_log(&log, &result);
}

/* A key's own security descriptor, as RegGetKeySecurity gives it (Administrators full
 * control, Everyone read, protected); the memory store keeps any bytes. */
static const unsigned char own_security[] = {
    0x01, 0x00, 0x04, 0x90, 0x14, 0x00, 0x00, 0x00, 0x24, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x34, 0x00, 0x00,
    0x00, 0x01, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x05, 0x20, 0x00, 0x00, 0x00, 0x20, 0x02, 0x00, 0x00, 0x01, 0x02,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x05, 0x20, 0x00, 0x00, 0x00, 0x20, 0x02, 0x00, 0x00, 0x02, 0x00, 0x34, 0x00, 0x02,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x18, 0x00, 0x3f, 0x00, 0x0f, 0x00, 0x01, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x05,
    0x20, 0x00, 0x00, 0x00, 0x20, 0x02, 0x00, 0x00, 0x00, 0x00, 0x14, 0x00, 0x19, 0x00, 0x02, 0x00, 0x01, 0x01, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00,
};

static int has_own_security(struct memory_registry *registry, const char *path)
{
    struct regstore store = memory_registry_store(registry);
    struct regstore_value security = { 0, 0, NULL };
    int same = store.ops->read_security(store.context, path, &security) == REGSTORE_OK &&
               security.size == sizeof(own_security) && memcmp(security.data, own_security, security.size) == 0;
    free(security.data);
    return same;
}

/* osdefault deletes TLS 1.1\Client, which has its own security descriptor; whichever
 * write fails after that, the rollback puts the key back with it. */
static void a_rollback_gives_a_deleted_key_its_own_security_descriptor(void **state)
{
    struct protocol_targets targets;
    unsigned fail_at, deleted_before = 0;
    (void)state;
    profile_targets("osdefault", &targets);
    for (fail_at = 1;; fail_at++) {
        struct memory_registry *registry = xp_registry(), *original = xp_registry();
        struct fault_store fault;
        struct regstore store, original_store = memory_registry_store(original);
        struct change_result result;
        size_t i;
        memory_registry_set_security(registry, CLIENT("TLS 1.1"), own_security, sizeof(own_security));
        memset(&fault, 0, sizeof(fault));
        fault.inner = memory_registry_store(registry);
        fault.fail_write_number = fail_at;
        store = fault_store_wrap(&fault);
        change_targets(&store, &targets, &result);
        if (result.end == CHANGE_WRITTEN) {
            change_result_free(&result);
            memory_registry_free(registry);
            memory_registry_free(original);
            break;
        }
        assert_int_equal(result.end, CHANGE_ROLLED_BACK);
        assert_int_equal(result.execute.security_refused, 0);
        assert_true(same_subtree(&original_store, &fault.inner));
        assert_true(has_own_security(registry, CLIENT("TLS 1.1")));
        for (i = 0; i < result.execute.failed_at; i++)
            if (result.plan.items[i].kind == CHANGE_DELETE_KEY &&
                strcmp(result.plan.items[i].path, CLIENT("TLS 1.1")) == 0)
                deleted_before++;
        change_result_free(&result);
        memory_registry_free(registry);
        memory_registry_free(original);
    }
    assert_true(deleted_before > 0);   /* some failures came after the key was deleted */
}

static void a_refused_security_descriptor_is_reported_and_the_values_come_back(void **state)
{
    struct protocol_targets targets;
    struct memory_registry *registry = xp_registry(), *original = xp_registry();
    struct regstore original_store = memory_registry_store(original);
    struct fault_store fault;
    struct regstore store;
    struct change_result result;
    size_t changes;
    (void)state;
    profile_targets("osdefault", &targets);
    {
        struct memory_registry *counting = xp_registry();
        struct plan plan;
        assert_int_equal(plan_targets(counting, &targets, &plan), REGSTORE_OK);
        changes = plan.count;
        plan_free(&plan);
        memory_registry_free(counting);
    }
    memory_registry_set_security(registry, CLIENT("TLS 1.1"), own_security, sizeof(own_security));
    memset(&fault, 0, sizeof(fault));
    fault.inner = memory_registry_store(registry);
    fault.fail_write_number = (unsigned)changes;   /* the last write: every key is deleted by then */
    fault.deny_security = 1;
    store = fault_store_wrap(&fault);
    change_targets(&store, &targets, &result);
    assert_int_equal(result.end, CHANGE_ROLLED_BACK);
    assert_true(same_subtree(&original_store, &fault.inner));
    assert_int_equal(result.execute.security_refused, 1);
    assert_string_equal(result.execute.security_refused_path, CLIENT("TLS 1.1"));
    assert_int_equal(result.execute.security_error, REGSTORE_ACCESS_DENIED);
    assert_false(has_own_security(registry, CLIENT("TLS 1.1")));
    change_result_free(&result);
    memory_registry_free(registry);
    memory_registry_free(original);
}

static int keep_backup(void *context, const struct regstore *before, const struct plan *plan)
{
    return regfile_write_backup(before, plan, "test", context) == REGSTORE_OK ? 0 : 1;
}

/* The backup of a change that deletes the key carries its security descriptor; /restore
 * of that backup creates the key with it. A key that is there keeps its own. */
static void restoring_a_backup_gives_a_deleted_key_its_security_descriptor(void **state)
{
    struct memory_registry *registry = xp_registry();
    struct regstore store = memory_registry_store(registry);
    struct protocol_targets targets;
    struct regops ops = { NULL, 0 };
    struct strbuf backup, text, shown;
    struct change_steps steps = { NULL, NULL, keep_backup };
    struct change_result result;
    struct regfile_error error;
    (void)state;
    memory_registry_set_security(registry, CLIENT("TLS 1.1"), own_security, sizeof(own_security));
    strbuf_init(&backup);
    strbuf_init(&text);
    strbuf_init(&shown);
    steps.context = &backup;
    profile_targets("osdefault", &targets);
    assert_int_equal(targets_to_regops(&targets, &ops), REGSTORE_OK);
    change_run(&store, SCHANNEL_KEY_PATH, &ops, 0, &steps, &result);
    regops_free(&ops);
    assert_int_equal(result.end, CHANGE_WRITTEN);
    change_result_free(&result);
    assert_int_equal(memory_registry_add_key(registry, CLIENT("TLS 1.2")), REGSTORE_OK);   /* there again, with none */

    assert_int_equal(regfile_decode_unicode((const unsigned char *)backup.data, backup.length, &text, &error), 1);
    assert_non_null(strstr(text.data, "[HKEY_LOCAL_MACHINE\\" CLIENT("TLS 1.1") "]\r\n; TLS Switch key security: hex:01,00,04,90,"));
    assert_int_equal(regfile_parse(text.data, text.length, 1, &ops, &error), 0);
    change_run(&store, SCHANNEL_KEY_PATH, &ops, 0, &(struct change_steps){ NULL, NULL, NULL }, &result);
    assert_int_equal(result.end, CHANGE_WRITTEN);
    plan_describe(&result.plan, LANGUAGE_EN, &shown);
    assert_non_null(strstr(shown.data, "  create key HKLM\\" CLIENT("TLS 1.1") ", with its permissions saved in the backup\n"));
    assert_true(has_own_security(registry, CLIENT("TLS 1.1")));
    assert_false(has_own_security(registry, PROTOCOLS_KEY_PATH "\\TLS 1.1"));
    expect_dword(registry, CLIENT("TLS 1.1"), "DisabledByDefault", 1);
    change_result_free(&result);
    regops_free(&ops);

    /* A key that exists keeps the permissions it has. */
    memory_registry_set_security(registry, CLIENT("TLS 1.1"), own_security, 20);
    assert_int_equal(regfile_parse(text.data, text.length, 1, &ops, &error), 0);
    change_run(&store, SCHANNEL_KEY_PATH, &ops, 0, &(struct change_steps){ NULL, NULL, NULL }, &result);
    assert_false(has_own_security(registry, CLIENT("TLS 1.1")));
    change_result_free(&result);
    regops_free(&ops);
    strbuf_free(&backup);
    strbuf_free(&text);
    strbuf_free(&shown);
    memory_registry_free(registry);
}

/* The failed write's fault and the rollback's: the registry is left half changed, and
 * the sequence says so apart from a change that was fully put back. */
static void two_faults_leave_the_registry_half_changed(void **state)
{
    struct protocol_targets targets;
    struct memory_registry *registry = xp_registry(), *original = xp_registry();
    struct regstore original_store = memory_registry_store(original);
    struct fault_store fault;
    struct regstore store;
    struct change_result result;
    (void)state;
    profile_targets("tls12only", &targets);
    memset(&fault, 0, sizeof(fault));
    fault.inner = memory_registry_store(registry);
    fault.fail_write_number = 3;
    fault.also_fail_write_number = 4;   /* the rollback's first write */
    store = fault_store_wrap(&fault);
    change_targets(&store, &targets, &result);
    assert_int_equal(result.end, CHANGE_HALF_CHANGED);
    assert_int_equal(result.execute.error, REGSTORE_IO_FAILED);
    assert_int_equal(result.execute.rollback_error, REGSTORE_IO_FAILED);
    assert_false(same_subtree(&original_store, &fault.inner));
    change_result_free(&result);
    memory_registry_free(registry);
    memory_registry_free(original);
}

/* Where write access to a key that does not exist yet is refused, the key whose
 * permissions refuse it is the nearest one above that exists. */
static long deny_below_ssl3(void *context, const char *path)
{
    (void)context;
    return regpath_within(path, PROTOCOLS_KEY_PATH "\\SSL 3.0") || strcmp(path, PROTOCOLS_KEY_PATH) == 0
               ? REGSTORE_ACCESS_DENIED
               : REGSTORE_OK;
}

static void the_key_that_refuses_is_named(void **state)
{
    struct memory_registry *registry = xp_registry();
    struct regstore memory = memory_registry_store(registry), denying;
    struct regstore_ops ops = *memory.ops;
    struct protocol_targets targets;
    struct change_result result;
    (void)state;
    ops.check_write_access = deny_below_ssl3;
    denying.ops = &ops;
    denying.context = memory.context;
    profile_targets("recommended", &targets);
    change_targets(&denying, &targets, &result);
    assert_int_equal(result.end, CHANGE_NOT_ALLOWED);
    assert_string_equal(result.denied_path, PROTOCOLS_KEY_PATH "\\SSL 3.0");
    assert_string_equal(result.denied_key, PROTOCOLS_KEY_PATH);
    change_result_free(&result);
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
        cmocka_unit_test(every_listed_profile_and_state_parses),
        cmocka_unit_test(optin_set),
        cmocka_unit_test(plan_text_shows_old_and_new),
        cmocka_unit_test(a_failed_write_is_undone_wherever_it_fails),
        cmocka_unit_test(access_check_names_the_key),
        cmocka_unit_test(the_backup_comes_after_the_plan_and_before_the_first_write),
        cmocka_unit_test(whatif_shows_the_plan_and_writes_nothing),
        cmocka_unit_test(a_denied_key_stops_the_change_before_the_backup),
        cmocka_unit_test(a_failed_backup_writes_nothing),
        cmocka_unit_test(nothing_to_do_asks_nothing),
        cmocka_unit_test(an_unreadable_registry_is_reported),
        cmocka_unit_test(a_rollback_gives_a_deleted_key_its_own_security_descriptor),
        cmocka_unit_test(a_refused_security_descriptor_is_reported_and_the_values_come_back),
        cmocka_unit_test(restoring_a_backup_gives_a_deleted_key_its_security_descriptor),
        cmocka_unit_test(two_faults_leave_the_registry_half_changed),
        cmocka_unit_test(the_key_that_refuses_is_named),
    };
    return cmocka_run_group_tests_name("plan", tests, NULL, NULL);
}
