/* Several pieces of work at once: the handshakes of a test, the targets of a /test, the
 * ways of a /find, and single threads whose result is read once they have ended. */
#ifndef TLSSWITCH_PARALLEL_H
#define TLSSWITCH_PARALLEL_H

#include "platform.h"

#include <stddef.h>

/* Runs work(context, i) for every i below count, each in a thread of its own, and returns
 * when all have ended. Work no thread can be had for runs in the calling thread. */
void parallel_run(size_t count, void (*work)(void *context, size_t index), void *context);

/* One piece of work in a thread of its own, whose results are read after worker_join. */
struct worker {
    void (*work)(void *context);
    void *context;
    HANDLE thread;
    volatile LONG done;   /* set by the thread as the very last thing it does */
};

/* Starts work(context) in a new thread, or runs it here when no thread can be had. */
void worker_start(struct worker *w, void (*work)(void *context), void *context);

/* Returns only once the work has ended, even if waiting on the thread's handle fails:
 * a result is never read before it was written. */
void worker_join(struct worker *w);

#endif
