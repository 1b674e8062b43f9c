/* Threads for parallel_run and worker_start (see parallel.h). */
#include "parallel.h"

#include <stdlib.h>

static DWORD WINAPI run_worker(void *argument)
{
    struct worker *w = argument;
    w->work(w->context);
    InterlockedExchange(&w->done, 1);
    return 0;
}

void worker_start(struct worker *w, void (*work)(void *context), void *context)
{
    w->work = work;
    w->context = context;
    w->done = 0;
    w->thread = CreateThread(NULL, 0, run_worker, w, 0, NULL);
    if (!w->thread)
        run_worker(w);   /* no thread to be had: here */
}

void worker_join(struct worker *w)
{
    if (w->thread) {
        /* A handle that another part of the process closed by mistake makes the wait
         * fail at once; the flag still says when the work has ended, and a handle no
         * longer known to be ours is not closed. */
        if (WaitForSingleObject(w->thread, INFINITE) == WAIT_OBJECT_0)
            CloseHandle(w->thread);
        else
            while (InterlockedCompareExchange(&w->done, 1, 1) != 1)
                Sleep(10);
        w->thread = NULL;
    }
}

struct piece {
    struct worker worker;
    void (*work)(void *context, size_t index);
    void *context;
    size_t index;
};

static void run_piece(void *argument)
{
    struct piece *piece = argument;
    piece->work(piece->context, piece->index);
}

void parallel_run(size_t count, void (*work)(void *context, size_t index), void *context)
{
    struct piece *pieces = count > 1 ? calloc(count, sizeof(*pieces)) : NULL;
    size_t i;
    if (!pieces) {
        /* One piece, or no memory for more: one after the other, here. */
        for (i = 0; i < count; i++)
            work(context, i);
        return;
    }
    for (i = 0; i < count; i++) {
        pieces[i].work = work;
        pieces[i].context = context;
        pieces[i].index = i;
        worker_start(&pieces[i].worker, run_piece, &pieces[i]);
    }
    for (i = 0; i < count; i++)
        worker_join(&pieces[i].worker);
    free(pieces);
}
