/* Command-line parsing: Windows-style switches, values, and clear errors. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "args.h"

#define PARSE(options, error, ...)                                                  \
    do {                                                                            \
        char *argv_[] = { "tlsswitch", __VA_ARGS__ };                               \
        result = args_parse((int)(sizeof(argv_) / sizeof(argv_[0])), argv_, options, error); \
    } while (0)

static void no_arguments_is_no_command(void **state)
{
    struct options options;
    struct args_error error;
    char *argv[] = { "tlsswitch" };
    (void)state;
    assert_int_equal(args_parse(1, argv, &options, &error), 0);
    assert_int_equal(options.command, COMMAND_NONE);
}

static void switches_take_slash_or_dash_in_any_case(void **state)
{
    struct options options;
    struct args_error error;
    int result;
    (void)state;
    PARSE(&options, &error, "/status");
    assert_int_equal(result, 0);
    assert_int_equal(options.command, COMMAND_STATUS);
    PARSE(&options, &error, "-STATUS", "/Csv");
    assert_int_equal(result, 0);
    assert_int_equal(options.command, COMMAND_STATUS);
    assert_true(options.csv);
    PARSE(&options, &error, "/?");
    assert_int_equal(result, 0);
    assert_int_equal(options.command, COMMAND_HELP);
}

static void language_value_as_next_argument_or_after_colon(void **state)
{
    struct options options;
    struct args_error error;
    int result;
    (void)state;
    PARSE(&options, &error, "/status", "/lang", "ja");
    assert_int_equal(result, 0);
    assert_true(options.language_given);
    assert_int_equal(options.language, LANGUAGE_JA);
    PARSE(&options, &error, "/lang:EN", "/status");
    assert_int_equal(result, 0);
    assert_int_equal(options.language, LANGUAGE_EN);
}

static void unknown_switch_is_named(void **state)
{
    struct options options;
    struct args_error error;
    int result;
    (void)state;
    PARSE(&options, &error, "/status", "/frobnicate");
    assert_int_equal(result, -1);
    assert_int_equal(error.message, MSG_ERR_UNKNOWN_SWITCH);
    assert_string_equal(error.first, "/frobnicate");
    /* A prefix of a real switch is not that switch. */
    PARSE(&options, &error, "/stat");
    assert_int_equal(result, -1);
    assert_int_equal(error.message, MSG_ERR_UNKNOWN_SWITCH);
    /* A flag does not take a value. */
    PARSE(&options, &error, "/status", "/csv:yes");
    assert_int_equal(result, -1);
    assert_int_equal(error.message, MSG_ERR_UNKNOWN_SWITCH);
}

static void missing_and_bad_values(void **state)
{
    struct options options;
    struct args_error error;
    int result;
    (void)state;
    PARSE(&options, &error, "/status", "/lang");
    assert_int_equal(result, -1);
    assert_int_equal(error.message, MSG_ERR_MISSING_VALUE);
    PARSE(&options, &error, "/status", "/lang:");
    assert_int_equal(result, -1);
    assert_int_equal(error.message, MSG_ERR_MISSING_VALUE);
    PARSE(&options, &error, "/status", "/lang", "fr");
    assert_int_equal(result, -1);
    assert_int_equal(error.message, MSG_ERR_BAD_LANGUAGE);
    assert_string_equal(error.first, "fr");
}

static void bare_words_and_two_commands_are_refused(void **state)
{
    struct options options;
    struct args_error error;
    int result;
    (void)state;
    PARSE(&options, &error, "status");
    assert_int_equal(result, -1);
    assert_int_equal(error.message, MSG_ERR_UNEXPECTED_ARGUMENT);
    PARSE(&options, &error, "/status", "/version");
    assert_int_equal(result, -1);
    assert_int_equal(error.message, MSG_ERR_TWO_COMMANDS);
    assert_string_equal(error.first, "/status");
    assert_string_equal(error.second, "/version");
    PARSE(&options, &error, "/status", "/status");
    assert_int_equal(result, -1);
    assert_int_equal(error.message, MSG_ERR_TWO_COMMANDS);
}

static void change_commands_and_their_options(void **state)
{
    struct options options;
    struct args_error error;
    int result;
    (void)state;
    PARSE(&options, &error, "/apply", "recommended", "/whatif", "/nobackup", "/log", "C:\\tls.log");
    assert_int_equal(result, 0);
    assert_int_equal(options.command, COMMAND_APPLY);
    assert_string_equal(options.command_value, "recommended");
    assert_true(options.whatif);
    assert_true(options.no_backup);
    assert_string_equal(options.log_file, "C:\\tls.log");
    assert_true(command_changes_registry(options.command));

    PARSE(&options, &error, "/set:tls1.2=on,ssl3=off");
    assert_int_equal(result, 0);
    assert_int_equal(options.command, COMMAND_SET);
    assert_string_equal(options.command_value, "tls1.2=on,ssl3=off");

    PARSE(&options, &error, "/restore", "backup.reg");
    assert_int_equal(result, 0);
    assert_string_equal(options.command_value, "backup.reg");
    PARSE(&options, &error, "/undo", "/whatif");
    assert_int_equal(result, 0);
    PARSE(&options, &error, "/backup", "b.reg", "/log", "x.log");
    assert_int_equal(result, 0);
    assert_false(command_changes_registry(options.command));

    /* A value is required, and a switch is not a value. */
    PARSE(&options, &error, "/apply");
    assert_int_equal(result, -1);
    assert_int_equal(error.message, MSG_ERR_MISSING_VALUE);
    PARSE(&options, &error, "/restore", "/whatif");
    assert_int_equal(result, -1);
    assert_int_equal(error.message, MSG_ERR_MISSING_VALUE);
    /* Options only where they mean something. */
    PARSE(&options, &error, "/status", "/whatif");
    assert_int_equal(result, -1);
    assert_int_equal(error.message, MSG_ERR_SWITCH_NEEDS_COMMAND);
    assert_string_equal(error.second, "/apply, /set, /restore, /undo");
    PARSE(&options, &error, "/backup", "b.reg", "/nobackup");
    assert_int_equal(result, -1);
    PARSE(&options, &error, "/undo", "/csv");
    assert_int_equal(result, -1);

    /* The window's switches: the report of a change into a file, the probes alone. */
    PARSE(&options, &error, "/undo", "/output", "C:\\t\\out.txt");
    assert_int_equal(result, 0);
    assert_string_equal(options.output_file, "C:\\t\\out.txt");
    PARSE(&options, &error, "/status", "/output", "x.txt");
    assert_int_equal(result, -1);
    assert_int_equal(error.message, MSG_ERR_SWITCH_NEEDS_COMMAND);
    PARSE(&options, &error, "/probes");
    assert_int_equal(result, 0);
    assert_int_equal(options.command, COMMAND_PROBES);

    /* Backup file names and the window's child processes name commands from the table. */
    assert_string_equal(args_command_name(COMMAND_APPLY), "apply");
    assert_string_equal(args_command_name(COMMAND_UNDO), "undo");
    assert_string_equal(args_command_name(COMMAND_HELP), "?");
}

static void test_takes_several_targets_and_find(void **state)
{
    struct options options;
    struct args_error error;
    int result;
    (void)state;
    PARSE(&options, &error, "/test", "pop3s://pop.example.jp", "smtps://smtp.example.jp", "/timeout", "5");
    assert_int_equal(result, 0);
    assert_int_equal(options.command, COMMAND_TEST);
    assert_int_equal(options.test_target_count, 2);
    assert_string_equal(options.test_target, "pop3s://pop.example.jp");
    assert_string_equal(options.test_targets[1], "smtps://smtp.example.jp");
    PARSE(&options, &error, "/apply", "recommended", "/test", "a", "b", "/as", "xp");
    assert_int_equal(result, 0);
    assert_int_equal(options.command, COMMAND_APPLY);
    assert_int_equal(options.test_target_count, 2);
    /* Targets follow /test only. */
    PARSE(&options, &error, "/test", "a", "/timeout", "5", "b");
    assert_int_equal(result, -1);
    assert_int_equal(error.message, MSG_ERR_UNEXPECTED_ARGUMENT);
    assert_string_equal(error.first, "b");
    PARSE(&options, &error, "/test", "1", "2", "3", "4", "5", "6", "7", "8", "9");
    assert_int_equal(result, -1);
    assert_int_equal(error.message, MSG_ERR_TOO_MANY_TARGETS);
    assert_string_equal(error.first, "9");
    PARSE(&options, &error, "/test", "a", "/test", "b");
    assert_int_equal(result, -1);

    PARSE(&options, &error, "/test", "taro@example.jp", "/find");
    assert_int_equal(result, 0);
    assert_true(options.find);
    PARSE(&options, &error, "/find");
    assert_int_equal(result, -1);
    assert_int_equal(error.message, MSG_ERR_SWITCH_NEEDS_COMMAND);
    PARSE(&options, &error, "/test", "a.example", "b.example", "/find");
    assert_int_equal(result, -1);
    assert_int_equal(error.message, MSG_ERR_FIND_ONE_NAME);
    assert_string_equal(error.first, "b.example");
    PARSE(&options, &error, "/test", "a.example", "/find", "/as", "xp");
    assert_int_equal(result, -1);
    assert_int_equal(error.message, MSG_ERR_FIND_WITH_AS);
    PARSE(&options, &error, "/apply", "recommended", "/test", "a.example", "/find");
    assert_int_equal(result, -1);
    assert_int_equal(error.message, MSG_ERR_SWITCH_NEEDS_COMMAND);
}

static void csv_needs_status(void **state)
{
    struct options options;
    struct args_error error;
    int result;
    (void)state;
    PARSE(&options, &error, "/csv");
    assert_int_equal(result, -1);
    assert_int_equal(error.message, MSG_ERR_SWITCH_NEEDS_COMMAND);
    assert_string_equal(error.first, "/csv");
    assert_string_equal(error.second, "/status, /test");
    PARSE(&options, &error, "/csv", "/status");
    assert_int_equal(result, 0);
    /* With /test, a table only of the accounts. */
    PARSE(&options, &error, "/test", "pop3s://x", "/csv");
    assert_int_equal(result, -1);
    assert_string_equal(error.second, "/status, /test /accounts");
    PARSE(&options, &error, "/test", "/accounts", "/csv");
    assert_int_equal(result, 0);
}

static void test_accounts_takes_no_target(void **state)
{
    struct options options;
    struct args_error error;
    int result;
    (void)state;
    PARSE(&options, &error, "/test", "/accounts");
    assert_int_equal(result, 0);
    assert_int_equal(options.command, COMMAND_TEST);
    assert_true(options.accounts);
    assert_int_equal(options.test_target_count, 0);
    PARSE(&options, &error, "/test", "/accounts", "/as", "xp", "/timeout", "5", "/lang", "ja");
    assert_int_equal(result, 0);
    assert_true(options.as_given);
    PARSE(&options, &error, "/apply", "recommended", "/test", "/accounts");
    assert_int_equal(result, 0);
    assert_int_equal(options.command, COMMAND_APPLY);
    assert_true(options.accounts);
    PARSE(&options, &error, "/test", "pop3s://x", "/accounts");
    assert_int_equal(result, -1);
    assert_int_equal(error.message, MSG_ERR_ACCOUNTS_WITH_TARGET);
    PARSE(&options, &error, "/accounts");
    assert_int_equal(result, -1);
    assert_int_equal(error.message, MSG_ERR_SWITCH_NEEDS_COMMAND);
    PARSE(&options, &error, "/status", "/test");
    assert_int_equal(result, -1);
    assert_int_equal(error.message, MSG_ERR_MISSING_VALUE);
    PARSE(&options, &error, "/test", "/accounts", "/find");
    assert_int_equal(result, -1);
}

/* A switch given again and again is checked once: more repeats than there are switches
 * overran the parser's list of switches to check (found by review; ASan sees it here). */
static void repeated_switches_are_checked_once(void **state)
{
    struct options options;
    struct args_error error;
    int result;
    (void)state;
    PARSE(&options, &error, "/status", "/csv", "/csv", "/csv", "/csv", "/csv", "/csv", "/csv", "/csv", "/csv",
          "/csv", "/csv", "/csv", "/csv", "/csv", "/csv", "/csv", "/csv", "/csv", "/csv", "/csv", "/csv", "/csv",
          "/csv", "/csv", "/csv", "/csv", "/csv", "/csv", "/csv", "/csv", "/csv");
    assert_int_equal(result, 0);
    assert_true(options.csv);
    PARSE(&options, &error, "/undo", "/find", "/find", "/find", "/find", "/find", "/find", "/find", "/find", "/find",
          "/find", "/find", "/find", "/find", "/find", "/find", "/find", "/find", "/find", "/find", "/find", "/find",
          "/find", "/find", "/find", "/find", "/find", "/find", "/find", "/find", "/find", "/csv");
    assert_int_equal(result, -1);
    assert_int_equal(error.message, MSG_ERR_SWITCH_NEEDS_COMMAND);
    assert_string_equal(error.first, "/find");
}

/* /as xp /as 10 once went quietly with the last: two different values of one switch are
 * a usage error that names both; the same value twice is no conflict. */
static void conflicting_values_are_refused(void **state)
{
    struct options options;
    struct args_error error;
    int result;
    (void)state;
    PARSE(&options, &error, "/test", "a.example", "/as", "xp", "/as", "10");
    assert_int_equal(result, -1);
    assert_int_equal(error.message, MSG_ERR_CONFLICTING_VALUES);
    assert_string_equal(error.first, "/as");
    assert_string_equal(error.second, "xp");
    assert_string_equal(error.third, "10");
    PARSE(&options, &error, "/test", "a.example", "/as:xp", "/AS", "XP");
    assert_int_equal(result, 0);
    assert_int_equal(options.as_windows, 0);
    PARSE(&options, &error, "/status", "/lang", "en", "/lang:ja");
    assert_int_equal(result, -1);
    assert_int_equal(error.message, MSG_ERR_CONFLICTING_VALUES);
    assert_string_equal(error.first, "/lang");
    PARSE(&options, &error, "/test", "a.example", "/timeout", "5", "/timeout", "30");
    assert_int_equal(result, -1);
    assert_string_equal(error.third, "30");
    PARSE(&options, &error, "/apply", "recommended", "/log", "a.log", "/log", "b.log");
    assert_int_equal(result, -1);
    assert_string_equal(error.first, "/log");
    PARSE(&options, &error, "/test", "a.example", "/timeout", "5", "/timeout", "5");
    assert_int_equal(result, 0);
}

/* "Can only be used with ..." names the commands from the switch table, never an
 * internal one. */
static void allowed_commands_come_from_the_table(void **state)
{
    struct options options;
    struct args_error error;
    int result;
    (void)state;
    PARSE(&options, &error, "/status", "/timeout", "5");
    assert_int_equal(result, -1);
    assert_string_equal(error.second, "/apply, /set, /test");
    PARSE(&options, &error, "/status", "/test", "pop3s://x");
    assert_int_equal(result, -1);
    assert_string_equal(error.second, "/apply, /set");
    PARSE(&options, &error, "/backup", "b.reg", "/output", "o.txt");
    assert_string_equal(error.second, "/apply, /set, /restore, /undo");
    PARSE(&options, &error, "/apply", "recommended", "/log", "x.log", "/csv");
    assert_string_equal(error.first, "/csv");
    assert_string_equal(error.second, "/status, /test");
    PARSE(&options, &error, "/status", "/protocol", "tls1.2");
    assert_int_equal(result, -1);
    assert_string_equal(error.second, "");
    /* /timeout still needs /test after /apply. */
    PARSE(&options, &error, "/apply", "recommended", "/timeout", "5");
    assert_int_equal(result, -1);
    assert_string_equal(error.second, "/test");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(no_arguments_is_no_command),
        cmocka_unit_test(switches_take_slash_or_dash_in_any_case),
        cmocka_unit_test(language_value_as_next_argument_or_after_colon),
        cmocka_unit_test(unknown_switch_is_named),
        cmocka_unit_test(missing_and_bad_values),
        cmocka_unit_test(bare_words_and_two_commands_are_refused),
        cmocka_unit_test(change_commands_and_their_options),
        cmocka_unit_test(test_takes_several_targets_and_find),
        cmocka_unit_test(csv_needs_status),
        cmocka_unit_test(test_accounts_takes_no_target),
        cmocka_unit_test(repeated_switches_are_checked_once),
        cmocka_unit_test(allowed_commands_come_from_the_table),
        cmocka_unit_test(conflicting_values_are_refused),
    };
    return cmocka_run_group_tests_name("args", tests, NULL, NULL);
}
