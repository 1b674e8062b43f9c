/* The one sequence every registry change follows: read the SCHANNEL subtree into a model,
 * apply the request to a copy, compare the two into a plan, show it, check write access
 * to every key it touches, let the caller back up, write, and undo the writes already
 * made if one fails. It works only through the regstore interface, so the unit tests
 * run this very sequence against the memory and fault stores. */
#ifndef TLSSWITCH_CHANGE_H
#define TLSSWITCH_CHANGE_H

#include "plan.h"
#include "regops.h"

enum change_end {
    CHANGE_WRITTEN,        /* every change of the plan was written */
    CHANGE_NOTHING_TO_DO,  /* the registry was already as asked */
    CHANGE_PLANNED_ONLY,   /* /whatif: planned and shown, nothing checked or written */
    CHANGE_READ_FAILED,    /* the registry could not be read or planned (error; denied_path when one key
                              could not be read): nothing written */
    CHANGE_NOT_ALLOWED,    /* the access check failed at denied_path (error says why); nothing written */
    CHANGE_STOPPED,        /* before_writing said stop (no backup, no log): nothing written */
    CHANGE_ROLLED_BACK,    /* a write failed, and every write already made was undone: execute says which */
    CHANGE_HALF_CHANGED    /* a write failed, and undoing the writes made failed too: the registry is
                              half changed (execute says both errors) */
};

/* What the caller does at two points of the sequence; either may be NULL. */
struct change_steps {
    void *context;
    /* The plan is known and not empty; nothing is checked or written yet: show it.
     * `before` and `after` are the models of the registry now and as asked. */
    void (*planned)(void *context, const struct regstore *before, const struct regstore *after,
                    const struct plan *plan);
    /* Every key may be written; the first write comes next: back up `before` (the model of
     * the registry now). Returns 0 to go on; anything else stops the change. */
    int (*before_writing)(void *context, const struct regstore *before, const struct plan *plan);
};

struct change_result {
    enum change_end end;
    long error;                      /* READ_FAILED, NOT_ALLOWED: the regstore error */
    char denied_path[512];           /* NOT_ALLOWED: the key that may not be written */
    char denied_key[512];            /* NOT_ALLOWED: the key whose permissions said no: denied_path,
                                        or the nearest key above it that exists */
    struct plan plan;                /* the plan (empty when none); free with change_result_free */
    struct execute_report execute;   /* WRITTEN, ROLLED_BACK, HALF_CHANGED */
};

/* Changes the subtree `root` of `registry` as `ops` asks; with `plan_only`, stops once the
 * plan is shown. */
void change_run(const struct regstore *registry, const char *root, const struct regops *ops, int plan_only,
                const struct change_steps *steps, struct change_result *result);

void change_result_free(struct change_result *result);

#endif
