/* Command-line parsing, driven by one table of switches (args.c).
 * Windows conventions: switches start with / or -, any case; a value follows as the
 * next argument or after a colon (/lang ja, /lang:ja). */
#ifndef TLSSWITCH_ARGS_H
#define TLSSWITCH_ARGS_H

#include "messages.h"

enum command {
    COMMAND_NONE,      /* no command given: the GUI (help until the GUI exists) */
    COMMAND_HELP,
    COMMAND_VERSION,
    COMMAND_STATUS
};

struct options {
    enum command command;
    const char *command_switch;   /* the command as the user typed it, for messages */
    int csv;
    int language_given;
    enum language language;
};

/* Why parsing failed: a message and up to two strings for its placeholders. */
struct args_error {
    enum message_id message;
    const char *first;
    const char *second;
};

/* Parses argv[1..argc-1] (UTF-8). Returns 0, or -1 with *error filled in.
 * The strings in *out and *error point into argv. */
int args_parse(int argc, char **argv, struct options *out, struct args_error *error);

#endif
