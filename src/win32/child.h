/* This program run again as a child process, its standard output read back: /test runs
 * the handshakes that way, and the window its probes and tests, because Schannel reads
 * the registry only once per process. */
#ifndef TLSSWITCH_CHILD_H
#define TLSSWITCH_CHILD_H

#include "platform.h"
#include "../core/text/text.h"

enum child_end {
    CHILD_EXITED,
    CHILD_TIMED_OUT,    /* stopped at the time limit */
    CHILD_CANCELLED     /* stopped because `cancel` was signalled */
};

/* Runs tlsswitch.exe with `arguments` (UTF-8, quoted as a command line), no window,
 * collecting its standard output in `output`. It is stopped after `limit_ms`, or when
 * the event `cancel` (may be NULL) is signalled. Returns 0, or a Windows error code
 * when it could not start, with *failed_call (may be NULL) naming the call that failed
 * ("CreatePipe", "CreateProcess", "malloc" when memory ran out); *end and *exit_code say
 * how it ended. */
unsigned long child_run(const char *arguments, DWORD limit_ms, HANDLE cancel, struct strbuf *output,
                        enum child_end *end, DWORD *exit_code, const char **failed_call);

/* A child inherits every inheritable handle, and XP has no way to give CreateProcess a
 * list of them. A socket it inherited would stay open after this process closed it, and
 * the server would wait for the end of a connection that this process has long left. So
 * sockets are made inheritable-free under this lock, and children are started under it. */
void child_handles_lock(void);
void child_handles_unlock(void);

#endif
