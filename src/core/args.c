/* The switch table and the parser that reads it. Adding a switch is one row. */
#include "args.h"
#include "text.h"

#include <string.h>

enum switch_kind { SWITCH_COMMAND, SWITCH_FLAG, SWITCH_VALUE };

enum option_id {
    OPTION_NONE, OPTION_CSV, OPTION_LANGUAGE, OPTION_WHATIF, OPTION_NO_BACKUP, OPTION_LOG, OPTION_TEST,
    OPTION_TIMEOUT, OPTION_PROTOCOL, OPTION_OUTPUT
};

#define WITH(command) (1u << (command))
#define ANY_COMMAND 0u
#define CHANGE_COMMANDS (WITH(COMMAND_APPLY) | WITH(COMMAND_SET) | WITH(COMMAND_RESTORE) | WITH(COMMAND_UNDO))

struct switch_row {
    const char *name;            /* without the leading / or - */
    enum switch_kind kind;
    int takes_value;
    enum command command;        /* for SWITCH_COMMAND */
    enum option_id option;       /* for options */
    unsigned allowed_with;       /* WITH(...) of the commands it goes with; ANY_COMMAND for all */
    const char *allowed_text;    /* those commands, for the error message */
};

static const struct switch_row switches[] = {
    { "?",        SWITCH_COMMAND, 0, COMMAND_HELP,    OPTION_NONE,      ANY_COMMAND, NULL },
    { "h",        SWITCH_COMMAND, 0, COMMAND_HELP,    OPTION_NONE,      ANY_COMMAND, NULL },
    { "help",     SWITCH_COMMAND, 0, COMMAND_HELP,    OPTION_NONE,      ANY_COMMAND, NULL },
    { "version",  SWITCH_COMMAND, 0, COMMAND_VERSION, OPTION_NONE,      ANY_COMMAND, NULL },
    { "status",   SWITCH_COMMAND, 0, COMMAND_STATUS,  OPTION_NONE,      ANY_COMMAND, NULL },
    { "apply",    SWITCH_COMMAND, 1, COMMAND_APPLY,   OPTION_NONE,      ANY_COMMAND, NULL },
    { "set",      SWITCH_COMMAND, 1, COMMAND_SET,     OPTION_NONE,      ANY_COMMAND, NULL },
    { "backup",   SWITCH_COMMAND, 1, COMMAND_BACKUP,  OPTION_NONE,      ANY_COMMAND, NULL },
    { "restore",  SWITCH_COMMAND, 1, COMMAND_RESTORE, OPTION_NONE,      ANY_COMMAND, NULL },
    { "undo",     SWITCH_COMMAND, 0, COMMAND_UNDO,    OPTION_NONE,      ANY_COMMAND, NULL },
    { "csv",      SWITCH_FLAG,    0, COMMAND_NONE,    OPTION_CSV,       WITH(COMMAND_STATUS), "/status" },
    { "whatif",   SWITCH_FLAG,    0, COMMAND_NONE,    OPTION_WHATIF,    CHANGE_COMMANDS, "/apply, /set, /restore, /undo" },
    { "nobackup", SWITCH_FLAG,    0, COMMAND_NONE,    OPTION_NO_BACKUP, CHANGE_COMMANDS, "/apply, /set, /restore, /undo" },
    { "log",      SWITCH_VALUE,   1, COMMAND_NONE,    OPTION_LOG,       CHANGE_COMMANDS | WITH(COMMAND_BACKUP),
      "/apply, /set, /backup, /restore, /undo" },
    { "lang",     SWITCH_VALUE,   1, COMMAND_NONE,    OPTION_LANGUAGE,  ANY_COMMAND, NULL },
    /* /test is a command of its own, or runs after /apply or /set: the GUI's flow. */
    { "test",     SWITCH_VALUE,   1, COMMAND_NONE,    OPTION_TEST,
      WITH(COMMAND_NONE) | WITH(COMMAND_APPLY) | WITH(COMMAND_SET), "/apply, /set" },
    { "timeout",  SWITCH_VALUE,   1, COMMAND_NONE,    OPTION_TIMEOUT,
      WITH(COMMAND_NONE) | WITH(COMMAND_APPLY) | WITH(COMMAND_SET) | WITH(COMMAND_HANDSHAKE), "/test" },
    /* Internal: /test runs each handshake as tlsswitch /handshake TARGET /protocol P. */
    { "handshake", SWITCH_COMMAND, 1, COMMAND_HANDSHAKE, OPTION_NONE,   ANY_COMMAND, NULL },
    { "protocol", SWITCH_VALUE,   1, COMMAND_NONE,    OPTION_PROTOCOL,  WITH(COMMAND_HANDSHAKE), "/handshake" },
    /* For the window: it reads the probes from a new process (Schannel reads the registry
     * once per process), and a change's report from a file (an elevated process has no
     * pipe back to it). */
    { "probes",   SWITCH_COMMAND, 0, COMMAND_PROBES,  OPTION_NONE,      ANY_COMMAND, NULL },
    { "output",   SWITCH_VALUE,   1, COMMAND_NONE,    OPTION_OUTPUT,    CHANGE_COMMANDS,
      "/apply, /set, /restore, /undo" },
};

#define SWITCH_COUNT (sizeof(switches) / sizeof(switches[0]))

int command_changes_registry(enum command command)
{
    return (CHANGE_COMMANDS & WITH(command)) != 0;
}

const char *args_command_name(enum command command)
{
    size_t i;
    for (i = 0; i < SWITCH_COUNT; i++)
        if (switches[i].kind == SWITCH_COMMAND && switches[i].command == command)
            return switches[i].name;
    return "";
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
    size_t restricted_count = 0, r;
    int i;

    memset(out, 0, sizeof(*out));
    memset(error, 0, sizeof(*error));

    for (i = 1; i < argc; i++) {
        const char *arg = argv[i];
        const char *name, *colon, *value = NULL;
        size_t name_length;
        const struct switch_row *row;

        if (arg[0] != '/' && arg[0] != '-')
            return fail(error, MSG_ERR_UNEXPECTED_ARGUMENT, arg, NULL);
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
            else
                return fail(error, MSG_ERR_MISSING_VALUE, arg, NULL);
        }

        if (row->kind == SWITCH_COMMAND) {
            if (out->command != COMMAND_NONE)
                return fail(error, MSG_ERR_TWO_COMMANDS, out->command_switch, arg);
            out->command = row->command;
            out->command_switch = arg;
            out->command_value = value;
        } else {
            switch (row->option) {
            case OPTION_CSV: out->csv = 1; break;
            case OPTION_WHATIF: out->whatif = 1; break;
            case OPTION_NO_BACKUP: out->no_backup = 1; break;
            case OPTION_LOG: out->log_file = value; break;
            case OPTION_TEST: out->test_target = value; break;
            case OPTION_TIMEOUT: out->timeout_text = value; break;
            case OPTION_PROTOCOL: out->probe_protocol = value; break;
            case OPTION_OUTPUT: out->output_file = value; break;
            case OPTION_LANGUAGE:
                if (language_from_code(value, &out->language) != 0)
                    return fail(error, MSG_ERR_BAD_LANGUAGE, value, NULL);
                out->language_given = 1;
                break;
            case OPTION_NONE:
                break;
            }
        }
        if (row->allowed_with != ANY_COMMAND) {
            restricted[restricted_count] = row;
            restricted_text[restricted_count] = arg;
            restricted_count++;
        }
    }

    for (r = 0; r < restricted_count; r++)
        if (!(restricted[r]->allowed_with & WITH(out->command)))
            return fail(error, MSG_ERR_SWITCH_NEEDS_COMMAND, restricted_text[r], restricted[r]->allowed_text);
    if (out->test_target && out->command == COMMAND_NONE)
        out->command = COMMAND_TEST;
    if (out->timeout_text && !out->test_target && out->command != COMMAND_HANDSHAKE)
        return fail(error, MSG_ERR_SWITCH_NEEDS_COMMAND, "/timeout", "/test");
    return 0;
}
