/* One function per command; main.c picks one from the parsed options. */
#ifndef TLSSWITCH_COMMANDS_H
#define TLSSWITCH_COMMANDS_H

#include "platform.h"
#include "../core/args.h"
#include "../core/diagnosis.h"

int command_status(const struct options *options, enum language language);
int command_change(const struct options *options, enum language language);
int command_backup(const struct options *options, enum language language);
int command_test(const struct options *options, enum language language);
int command_handshake(const struct options *options, enum language language);
int command_probes(void);

/* For the window. */

/* What /test finds out about `target_text`, without the printing: the registry, the
 * Windows version and the handshakes of a child process. Returns 0, ERROR_CANCELLED
 * when `cancel` was signalled, or the Windows error that kept the child from running. */
unsigned long test_gather(const char *target_text, unsigned timeout, HANDLE cancel, struct test_facts *facts);

/* /whatif for the change `options` asks for: prints (or, captured, collects) what
 * command_change would, and fills in the preview. Returns the exit code command_change
 * would. */
struct change_preview {
    unsigned count;          /* changes planned */
    struct strbuf plan;      /* the plan as /whatif prints it */
    struct strbuf meaning;   /* what it means for programs, per protocol (report_settings_change) */
};
int command_change_preview(const struct options *options, enum language language, struct change_preview *preview);

/* Whether this process may write the Schannel settings (honours the test switch
 * TLSSWITCH_TEST_DENY_WRITE, as the change itself does). */
int change_allowed(void);

/* "...\TLS Switch\backups", created if needed; 0 or a Windows error. */
unsigned long change_backup_folder(char *out, size_t size);

#endif
