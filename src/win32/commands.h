/* One function per command; main.c picks one from the parsed options. */
#ifndef TLSSWITCH_COMMANDS_H
#define TLSSWITCH_COMMANDS_H

#include "../core/args.h"

int command_status(const struct options *options, enum language language);
int command_change(const struct options *options, enum language language);
int command_backup(const struct options *options, enum language language);
int command_test(const struct options *options, enum language language);
int command_handshake(const struct options *options, enum language language);

#endif
