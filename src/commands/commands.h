/* The commands, one function each; main.c picks one from the parsed options. The window
 * has its own, smaller interface to them: services.h. */
#ifndef TLSSWITCH_COMMANDS_H
#define TLSSWITCH_COMMANDS_H

#include "../core/args.h"

int command_status(const struct options *options, enum language language);
int command_change(const struct options *options, enum language language);
int command_backup(const struct options *options, enum language language);
int command_test(const struct options *options, enum language language);
int command_handshake(const struct options *options, enum language language);
int command_probes(void);

#endif
