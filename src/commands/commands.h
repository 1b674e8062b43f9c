/* The commands, one function each; main.c picks one from the parsed options. The window
 * has its own, smaller interface to them: services.h. */
#ifndef TLSSWITCH_COMMANDS_H
#define TLSSWITCH_COMMANDS_H

#include "../core/args.h"

int command_status(const struct options *options, enum language language);
int command_change(const struct options *options, enum language language);
int command_backup(const struct options *options, enum language language);
int command_test(const struct options *options, enum language language);
/* /test NAME /find (command_find.c); command_test hands it over. */
int command_find(const struct options *options, enum language language);
/* /test /accounts (command_accounts.c); command_test hands it over. */
int command_accounts(const struct options *options, enum language language);
int command_handshake(const struct options *options, enum language language);
int command_probes(void);
/* /relay and its verbs (command_relay.c). */
int command_relay(const struct options *options, enum language language);

/* /timeout SECONDS of /test and /find (1 to 300, default 10; command_timeout.c); -1 after
 * saying why it is bad. */
int command_timeout(const struct options *options, enum language language, unsigned *seconds);

#endif
