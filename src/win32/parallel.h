/* Several pieces of work at once: the handshakes of a test, the targets of a /test, the
 * ways of a /find. */
#ifndef TLSSWITCH_PARALLEL_H
#define TLSSWITCH_PARALLEL_H

#include <stddef.h>

/* Runs work(context, i) for every i below count, each in a thread of its own, and returns
 * when all have ended. Work no thread can be had for runs in the calling thread. */
void parallel_run(size_t count, void (*work)(void *context, size_t index), void *context);

#endif
