/* Command-line parsing, driven by one table of switches (args.c).
 * Windows conventions: switches start with / or -, any case; a value follows as the
 * next argument or after a colon (/lang ja, /lang:ja). */
#ifndef TLSSWITCH_ARGS_H
#define TLSSWITCH_ARGS_H

#include "text/messages.h"

enum command {
    COMMAND_NONE,      /* no command given: the window */
    COMMAND_HELP,
    COMMAND_VERSION,
    COMMAND_STATUS,
    COMMAND_APPLY,     /* value: the profile */
    COMMAND_SET,       /* value: PROTOCOL=STATE,... */
    COMMAND_BACKUP,    /* value: the file */
    COMMAND_RESTORE,   /* value: the file */
    COMMAND_UNDO,
    COMMAND_TEST,      /* /test TARGET alone (with /apply or /set it runs after the change) */
    COMMAND_HANDSHAKE, /* internal: the handshakes of /test, in a child process */
    COMMAND_PROBES,    /* internal: which protocols Schannel offers, for the window */
    COMMAND_RELAY,     /* /relay [add URL [PORT] | list | remove N | start | stop | status | run] */
    COMMAND_COUNT
};

/* The most targets one /test takes; they are tested in parallel. */
#define ARGS_MAX_TARGETS 8

struct options {
    enum command command;
    const char *command_switch;   /* the command as the user typed it, for messages */
    const char *command_value;    /* the profile, the /set list or the file */
    int csv;
    int whatif;
    int no_backup;
    const char *log_file;
    const char *output_file;      /* /output FILE: the window reads a change's report there */
    const char *test_target;      /* /test TARGET: the first target */
    const char *test_targets[ARGS_MAX_TARGETS];   /* /test TARGET TARGET ...: all of them */
    int test_target_count;
    int find;                     /* /test HOST /find, or /test ADDRESS /find */
    int accounts;                 /* /test /accounts: the mail programs' own accounts */
    const char *timeout_text;     /* /timeout SECONDS, checked by the command */
    const char *probe_protocol;   /* internal /protocol for /handshake */
    int as_given;                 /* /as WINDOWS: simulate that Windows' handshake */
    int as_windows;               /* its enum windows_client_id */
    const char *relay_words[3];   /* /relay's words after it: the verb and its values */
    int relay_word_count;
    int language_given;
    enum language language;
};

/* Why parsing failed: a message and up to three strings for its placeholders. */
struct args_error {
    enum message_id message;
    const char *first;
    const char *second;
    const char *third;
    char allowed[96];      /* the commands a switch goes with, when `second` names them */
};

/* Parses argv[1..argc-1] (UTF-8). Returns 0, or -1 with *error filled in.
 * The strings in *out and *error point into argv, static text or error->allowed. */
int args_parse(int argc, char **argv, struct options *out, struct args_error *error);

/* The switch of a command without its slash ("apply", "undo"), as the table names it. */
const char *args_command_name(enum command command);

/* True for the commands that change the registry. */
int command_changes_registry(enum command command);

#endif
