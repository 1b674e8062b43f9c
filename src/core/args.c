/* The switch table and the parser that reads it. Adding a switch is one row. */
#include "args.h"
#include "text.h"

#include <string.h>

enum switch_kind { SWITCH_COMMAND, SWITCH_FLAG, SWITCH_VALUE };

enum option_id { OPTION_NONE, OPTION_CSV, OPTION_LANGUAGE };

struct switch_row {
    const char *name;            /* without the leading / or - */
    enum switch_kind kind;
    enum command command;        /* for SWITCH_COMMAND */
    enum option_id option;       /* for SWITCH_FLAG and SWITCH_VALUE */
    enum command only_with;      /* COMMAND_NONE: allowed with any command */
};

static const struct switch_row switches[] = {
    { "?",       SWITCH_COMMAND, COMMAND_HELP,    OPTION_NONE,     COMMAND_NONE },
    { "h",       SWITCH_COMMAND, COMMAND_HELP,    OPTION_NONE,     COMMAND_NONE },
    { "help",    SWITCH_COMMAND, COMMAND_HELP,    OPTION_NONE,     COMMAND_NONE },
    { "version", SWITCH_COMMAND, COMMAND_VERSION, OPTION_NONE,     COMMAND_NONE },
    { "status",  SWITCH_COMMAND, COMMAND_STATUS,  OPTION_NONE,     COMMAND_NONE },
    { "csv",     SWITCH_FLAG,    COMMAND_NONE,    OPTION_CSV,      COMMAND_STATUS },
    { "lang",    SWITCH_VALUE,   COMMAND_NONE,    OPTION_LANGUAGE, COMMAND_NONE },
};

#define SWITCH_COUNT (sizeof(switches) / sizeof(switches[0]))

static const struct switch_row *find_switch(const char *name, size_t length)
{
    size_t i;
    for (i = 0; i < SWITCH_COUNT; i++)
        if (strlen(switches[i].name) == length && text_equal_nocase_n(switches[i].name, name, length))
            return &switches[i];
    return NULL;
}

static const char *command_switch_name(enum command command)
{
    size_t i;
    for (i = 0; i < SWITCH_COUNT; i++)
        if (switches[i].kind == SWITCH_COMMAND && switches[i].command == command)
            return switches[i].name;
    return "";
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
    /* Which switch asked for which command, to check "only with" once all are read. */
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
        if (!row)
            return fail(error, MSG_ERR_UNKNOWN_SWITCH, arg, NULL);
        if (row->kind != SWITCH_VALUE && colon)
            return fail(error, MSG_ERR_UNKNOWN_SWITCH, arg, NULL);

        if (row->kind == SWITCH_VALUE) {
            if (colon && colon[1] != '\0')
                value = colon + 1;
            else if (!colon && i + 1 < argc)
                value = argv[++i];
            else
                return fail(error, MSG_ERR_MISSING_VALUE, arg, NULL);
        }

        switch (row->kind) {
        case SWITCH_COMMAND:
            if (out->command != COMMAND_NONE && out->command != row->command)
                return fail(error, MSG_ERR_TWO_COMMANDS, out->command_switch, arg);
            out->command = row->command;
            out->command_switch = arg;
            break;
        case SWITCH_FLAG:
            if (row->option == OPTION_CSV)
                out->csv = 1;
            break;
        case SWITCH_VALUE:
            if (row->option == OPTION_LANGUAGE) {
                if (language_from_code(value, &out->language) != 0)
                    return fail(error, MSG_ERR_BAD_LANGUAGE, value, NULL);
                out->language_given = 1;
            }
            break;
        }
        if (row->only_with != COMMAND_NONE) {
            restricted[restricted_count] = row;
            restricted_text[restricted_count] = arg;
            restricted_count++;
        }
    }

    for (r = 0; r < restricted_count; r++) {
        if (out->command != restricted[r]->only_with)
            return fail(error, MSG_ERR_SWITCH_NEEDS_COMMAND, restricted_text[r],
                        command_switch_name(restricted[r]->only_with));
    }
    return 0;
}
