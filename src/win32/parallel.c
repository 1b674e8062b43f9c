/* Threads for parallel_run (see parallel.h). */
#include "parallel.h"
#include "platform.h"

#include <stdlib.h>

struct piece {
    void (*work)(void *context, size_t index);
    void *context;
    size_t index;
    HANDLE thread;
};

static DWORD WINAPI run_piece(void *argument)
{
    struct piece *piece = argument;
    piece->work(piece->context, piece->index);
    return 0;
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
        pieces[i].thread = CreateThread(NULL, 0, run_piece, &pieces[i], 0, NULL);
        if (!pieces[i].thread)
            work(context, i);
    }
    for (i = 0; i < count; i++)
        if (pieces[i].thread) {
            WaitForSingleObject(pieces[i].thread, INFINITE);
            CloseHandle(pieces[i].thread);
        }
    free(pieces);
}
