/* Exit codes, a contract with scripts: README.md lists them. */
#ifndef TLSSWITCH_EXITCODES_H
#define TLSSWITCH_EXITCODES_H

enum exit_code {
    EXIT_DONE = 0,            /* done; nothing in the registry was changed */
    EXIT_USAGE = 1,           /* wrong command line */
    EXIT_NOT_ALLOWED = 2,     /* not an administrator: nothing was changed */
    EXIT_TEST_FAILED = 3,     /* /test: the mail server cannot be reached as an old mail program would */
    EXIT_FILE_ERROR = 4,      /* a file could not be read or written, or a .reg file was refused */
    EXIT_SYSTEM_ERROR = 5,    /* a Windows function failed (the message says which and why); a failed
                                 change was fully rolled back */
    EXIT_BUSY = 6,            /* another TLS Switch was changing the settings */
    EXIT_HALF_CHANGED = 7,    /* a write failed and undoing it failed too: the registry is half changed
                                 (the message names the backup to restore) */
    EXIT_CHANGED = 3010       /* changes written; restart programs (and Windows, to be sure) */
};

#endif
