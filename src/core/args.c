/* The switch table and the parser that reads it. Adding a switch is one row. */
#include "args.h"
#include "text/text.h"
#include "tls/windows_clients.h"

#include <stddef.h>
#include <string.h>

enum switch_kind {
    SWITCH_COMMAND,   /* sets the command; its value, if any, is command_value */
    SWITCH_FLAG,      /* sets the int at `field` to 1 */
    SWITCH_VALUE      /* sets the const char * at `field` to its value */
};

#define WITH(command) (1u << (command))
#define ANY_COMMAND 0u
#define CHANGE_COMMANDS (WITH(COMMAND_APPLY) | WITH(COMMAND_SET) | WITH(COMMAND_RESTORE) | WITH(COMMAND_UNDO))
#define FIELD(name) offsetof(struct options, name)
#define NO_FIELD ((size_t)-1)

struct switch_row {
    const char *name;            /* without the leading / or - */
    enum switch_kind kind;
    int takes_value;
    enum command command;        /* SWITCH_COMMAND: the command it gives; for /test, the command it
                                    becomes when alone */
    size_t field;                /* options: where it goes in struct options */
    unsigned allowed_with;       /* WITH(...) of the commands it goes with; ANY_COMMAND for all */
    int internal;                /* not for users: never named in an error message */
    /* A value that must be checked or converted: returns 0, or -1 with the message for a
     * bad one in *bad. */
    int (*convert)(const char *value, struct options *out, enum message_id *bad);
};

static int convert_language(const char *value, struct options *out, enum message_id *bad)
{
    *bad = MSG_ERR_BAD_LANGUAGE;
    if (language_from_code(value, &out->language) != 0)
        return -1;
    out->language_given = 1;
    return 0;
}

static int convert_windows(const char *value, struct options *out, enum message_id *bad)
{
    *bad = MSG_ERR_BAD_WINDOWS;
    out->as_windows = windows_client_find(value);
    out->as_given = 1;
    return out->as_windows < 0 ? -1 : 0;
}

static const struct switch_row switches[] = {
    { "?",        SWITCH_COMMAND, 0, COMMAND_HELP,      NO_FIELD, ANY_COMMAND, 0, NULL },
    { "h",        SWITCH_COMMAND, 0, COMMAND_HELP,      NO_FIELD, ANY_COMMAND, 0, NULL },
    { "help",     SWITCH_COMMAND, 0, COMMAND_HELP,      NO_FIELD, ANY_COMMAND, 0, NULL },
    { "version",  SWITCH_COMMAND, 0, COMMAND_VERSION,   NO_FIELD, ANY_COMMAND, 0, NULL },
    { "status",   SWITCH_COMMAND, 0, COMMAND_STATUS,    NO_FIELD, ANY_COMMAND, 0, NULL },
    { "apply",    SWITCH_COMMAND, 1, COMMAND_APPLY,     NO_FIELD, ANY_COMMAND, 0, NULL },
    { "set",      SWITCH_COMMAND, 1, COMMAND_SET,       NO_FIELD, ANY_COMMAND, 0, NULL },
    { "backup",   SWITCH_COMMAND, 1, COMMAND_BACKUP,    NO_FIELD, ANY_COMMAND, 0, NULL },
    { "restore",  SWITCH_COMMAND, 1, COMMAND_RESTORE,   NO_FIELD, ANY_COMMAND, 0, NULL },
    { "undo",     SWITCH_COMMAND, 0, COMMAND_UNDO,      NO_FIELD, ANY_COMMAND, 0, NULL },
    /* With /test, only with /accounts (checked below). */
    { "csv",      SWITCH_FLAG,    0, COMMAND_NONE,      FIELD(csv), WITH(COMMAND_STATUS) | WITH(COMMAND_TEST), 0, NULL },
    { "whatif",   SWITCH_FLAG,    0, COMMAND_NONE,      FIELD(whatif), CHANGE_COMMANDS, 0, NULL },
    { "nobackup", SWITCH_FLAG,    0, COMMAND_NONE,      FIELD(no_backup), CHANGE_COMMANDS, 0, NULL },
    { "log",      SWITCH_VALUE,   1, COMMAND_NONE,      FIELD(log_file), CHANGE_COMMANDS | WITH(COMMAND_BACKUP), 0, NULL },
    { "lang",     SWITCH_VALUE,   1, COMMAND_NONE,      NO_FIELD, ANY_COMMAND, 0, convert_language },
    /* /test is a command of its own, or runs after /apply or /set: the GUI's flow. */
    { "test",     SWITCH_VALUE,   1, COMMAND_TEST,      FIELD(test_target),
      WITH(COMMAND_TEST) | WITH(COMMAND_APPLY) | WITH(COMMAND_SET), 0, NULL },
    { "timeout",  SWITCH_VALUE,   1, COMMAND_NONE,      FIELD(timeout_text),
      WITH(COMMAND_TEST) | WITH(COMMAND_APPLY) | WITH(COMMAND_SET) | WITH(COMMAND_HANDSHAKE), 0, NULL },
    { "as",       SWITCH_VALUE,   1, COMMAND_NONE,      NO_FIELD,
      WITH(COMMAND_TEST) | WITH(COMMAND_APPLY) | WITH(COMMAND_SET), 0, convert_windows },
    { "find",     SWITCH_FLAG,    0, COMMAND_NONE,      FIELD(find), WITH(COMMAND_TEST), 0, NULL },
    /* /test /accounts: /test without a target. */
    { "accounts", SWITCH_FLAG,    0, COMMAND_NONE,      FIELD(accounts),
      WITH(COMMAND_TEST) | WITH(COMMAND_APPLY) | WITH(COMMAND_SET), 0, NULL },
    /* Internal: /test runs each handshake as tlsswitch /handshake TARGET /protocol P. */
    { "handshake", SWITCH_COMMAND, 1, COMMAND_HANDSHAKE, NO_FIELD, ANY_COMMAND, 1, NULL },
    { "protocol", SWITCH_VALUE,   1, COMMAND_NONE,      FIELD(probe_protocol), WITH(COMMAND_HANDSHAKE), 1, NULL },
    /* For the window: it reads the probes from a new process (Schannel reads the registry
     * once per process), and a change's report from a file (an elevated process has no
     * pipe back to it). */
    { "probes",   SWITCH_COMMAND, 0, COMMAND_PROBES,    NO_FIELD, ANY_COMMAND, 1, NULL },
    /* /relay takes its verb and values as plain words (relay_words). */
    { "relay",    SWITCH_COMMAND, 0, COMMAND_RELAY,     NO_FIELD, ANY_COMMAND, 0, NULL },
    { "output",   SWITCH_VALUE,   1, COMMAND_NONE,      FIELD(output_file), CHANGE_COMMANDS, 0, NULL },
};

#define SWITCH_COUNT (sizeof(switches) / sizeof(switches[0]))

int command_changes_registry(enum command command)
{
    return (CHANGE_COMMANDS & WITH(command)) != 0;
}

/* The row that gives `command`: its command switch, or the option that becomes it. */
static const struct switch_row *command_row(enum command command)
{
    size_t i;
    for (i = 0; i < SWITCH_COUNT; i++)
        if (switches[i].command == command && command != COMMAND_NONE)
            return &switches[i];
    return NULL;
}

const char *args_command_name(enum command command)
{
    const struct switch_row *row = command_row(command);
    return row && row->kind == SWITCH_COMMAND ? row->name : "";
}

/* "/apply, /set, /restore, /undo": the commands of `mask` a user may be told of. */
static void allowed_text(unsigned mask, char *out, size_t size)
{
    size_t length = 0;
    int command;
    out[0] = '\0';
    for (command = 0; command < COMMAND_COUNT; command++) {
        const struct switch_row *row = command_row((enum command)command);
        if (!(mask & WITH(command)) || !row || row->internal)
            continue;
        length += (size_t)text_format(out + length, size - length, "%s/%s", length ? ", " : "", row->name);
        if (length >= size)
            break;
    }
}

static const struct switch_row *find_switch(const char *name, size_t length)
{
    size_t i;
    for (i = 0; i < SWITCH_COUNT; i++)
        if (strlen(switches[i].name) == length && text_equal_nocase_n(switches[i].name, name, length))
            return &switches[i];
    return NULL;
}

static int fail(struct args_error *error, enum message_id message, const char *first, const char *second)
{
    error->message = message;
    error->first = first;
    error->second = second;
    return -1;
}

int args_parse(int argc, char **argv, struct options *out, struct args_error *error)
{
    /* Options that go only with some commands, checked once the command is known. */
    const struct switch_row *restricted[SWITCH_COUNT];
    const char *restricted_text[SWITCH_COUNT];
    /* The value each switch was given first: a second, different one is an error. */
    const char *given[SWITCH_COUNT] = { NULL };
    size_t restricted_count = 0, r;
    const char *test_without_target = NULL;
    int i, after_test = 0, after_relay = 0;

    memset(out, 0, sizeof(*out));
    memset(error, 0, sizeof(*error));

    for (i = 1; i < argc; i++) {
        const char *arg = argv[i];
        const char *name, *colon, *value = NULL;
        size_t name_length;
        const struct switch_row *row;

        if (arg[0] != '/' && arg[0] != '-' && after_relay) {
            if (out->relay_word_count == (int)(sizeof(out->relay_words) / sizeof(out->relay_words[0])))
                return fail(error, MSG_ERR_UNEXPECTED_ARGUMENT, arg, NULL);
            out->relay_words[out->relay_word_count++] = arg;
            continue;
        }
        if (arg[0] != '/' && arg[0] != '-') {
            /* /test takes several targets, one after the other. */
            if (!after_test)
                return fail(error, MSG_ERR_UNEXPECTED_ARGUMENT, arg, NULL);
            if (out->test_target_count == ARGS_MAX_TARGETS)
                return fail(error, MSG_ERR_TOO_MANY_TARGETS, arg, NULL);
            out->test_targets[out->test_target_count++] = arg;
            continue;
        }
        name = arg + 1;
        colon = strchr(name, ':');
        name_length = colon ? (size_t)(colon - name) : strlen(name);
        row = find_switch(name, name_length);
        if (!row || (!row->takes_value && colon))
            return fail(error, MSG_ERR_UNKNOWN_SWITCH, arg, NULL);
        if (row->takes_value) {
            if (colon && colon[1] != '\0')
                value = colon + 1;
            else if (!colon && i + 1 < argc && argv[i + 1][0] != '/')
                value = argv[++i];
            else if (!colon && row->field == FIELD(test_target))
                test_without_target = arg;   /* /test /accounts; checked at the end */
            else
                return fail(error, MSG_ERR_MISSING_VALUE, arg, NULL);
        }

        if (row->kind == SWITCH_VALUE && value && row->field != FIELD(test_target)) {
            const char **first = &given[row - switches];
            /* /as xp /as 10: which one was meant cannot be guessed. */
            if (*first && !text_equal_nocase(*first, value)) {
                text_format(error->allowed, sizeof(error->allowed), "/%s", row->name);
                error->third = value;
                return fail(error, MSG_ERR_CONFLICTING_VALUES, error->allowed, *first);
            }
            *first = value;
        }
        if (row->kind == SWITCH_COMMAND) {
            if (out->command != COMMAND_NONE)
                return fail(error, MSG_ERR_TWO_COMMANDS, out->command_switch, arg);
            out->command = row->command;
            out->command_switch = arg;
            out->command_value = value;
        } else if (row->kind == SWITCH_FLAG) {
            *(int *)(void *)((char *)out + row->field) = 1;
        } else if (row->field != NO_FIELD) {
            *(const char **)(void *)((char *)out + row->field) = value;
        }
        after_test = row->field == FIELD(test_target);
        after_relay = row->command == COMMAND_RELAY;
        if (after_test) {
            if (out->test_target_count > 0 || (test_without_target && value))
                return fail(error, MSG_ERR_TWO_COMMANDS, "/test", arg);
            if (value)
                out->test_targets[out->test_target_count++] = value;
        }
        if (row->convert) {
            enum message_id bad;
            if (row->convert(value, out, &bad) != 0)
                return fail(error, bad, value, NULL);
        }
        if (row->allowed_with != ANY_COMMAND) {
            /* Once a switch: a repeated one (/csv /csv) is checked as its first. */
            for (r = 0; r < restricted_count && restricted[r] != row; r++)
                ;
            if (r == restricted_count) {
                restricted[restricted_count] = row;
                restricted_text[restricted_count] = arg;
                restricted_count++;
            }
        }
    }

    /* /test /accounts takes no target; /test without one is nothing else. */
    if (out->accounts && out->test_target_count > 0)
        return fail(error, MSG_ERR_ACCOUNTS_WITH_TARGET, out->test_targets[0], NULL);
    if (test_without_target && !out->accounts)
        return fail(error, MSG_ERR_MISSING_VALUE, test_without_target, NULL);
    if (out->accounts && !test_without_target)
        return fail(error, MSG_ERR_SWITCH_NEEDS_COMMAND, "/accounts", "/test");
    /* /test alone is the command. */
    if ((out->test_target || out->accounts) && out->command == COMMAND_NONE)
        out->command = COMMAND_TEST;
    for (r = 0; r < restricted_count; r++)
        if (!(restricted[r]->allowed_with & WITH(out->command))) {
            allowed_text(restricted[r]->allowed_with & ~WITH(restricted[r]->command), error->allowed,
                         sizeof(error->allowed));
            return fail(error, MSG_ERR_SWITCH_NEEDS_COMMAND, restricted_text[r], error->allowed);
        }
    /* /timeout and /as are for /test, also after /apply or /set. */
    if (out->timeout_text && !out->test_target && !out->accounts && out->command != COMMAND_HANDSHAKE)
        return fail(error, MSG_ERR_SWITCH_NEEDS_COMMAND, "/timeout", "/test");
    if (out->as_given && !out->test_target && !out->accounts)
        return fail(error, MSG_ERR_SWITCH_NEEDS_COMMAND, "/as", "/test");
    /* A /test of servers prints reports, not a table. */
    if (out->csv && out->command == COMMAND_TEST && !out->accounts)
        return fail(error, MSG_ERR_SWITCH_NEEDS_COMMAND, "/csv", "/status, /test /accounts");
    if (out->find && out->accounts)
        return fail(error, MSG_ERR_UNEXPECTED_ARGUMENT, "/find", NULL);
    /* /find searches from one name, as this PC. */
    if (out->find && out->test_target_count > 1)
        return fail(error, MSG_ERR_FIND_ONE_NAME, out->test_targets[1], NULL);
    if (out->find && out->as_given)
        return fail(error, MSG_ERR_FIND_WITH_AS, NULL, NULL);
    return 0;
}
