/* Exit codes, a contract with scripts: README.md lists them. */
#ifndef TLSSWITCH_EXITCODES_H
#define TLSSWITCH_EXITCODES_H

enum exit_code {
    EXIT_DONE = 0,            /* done; nothing in the registry was changed */
    EXIT_USAGE = 1,           /* wrong command line */
    EXIT_SYSTEM_ERROR = 5     /* a Windows function failed (the message says which and why) */
};

#endif
