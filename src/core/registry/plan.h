/* A change plan: the exact registry writes that turn the current state into the
 * wanted one, each with the value it replaces. Planned first, checked, backed up,
 * then carried out, and undone in reverse order if a write fails. */
#ifndef TLSSWITCH_PLAN_H
#define TLSSWITCH_PLAN_H

#include "regstore.h"

enum change_kind {
    CHANGE_CREATE_KEY,
    CHANGE_SET_VALUE,
    CHANGE_DELETE_VALUE,
    CHANGE_DELETE_KEY
};

struct change {
    enum change_kind kind;
    char *path;
    char *name;
    int had_old_value;
    struct regstore_value old_value;   /* for SET_VALUE (if had_old_value) and DELETE_VALUE */
    struct regstore_value new_value;   /* for SET_VALUE */
    /* The key's own security descriptor (size 0: none): for DELETE_KEY the one it had,
     * given back when the key is put back; for CREATE_KEY the one a backup saved. */
    struct regstore_value security;
};

struct plan {
    struct change *items;
    size_t count;
};

void plan_free(struct plan *plan);

/* Copies the subtree `root` of `source` into `model` (which may be a memory registry). */
long model_load(const struct regstore *source, const char *root, const struct regstore *model);

/* Compares the subtree `root` in `before` and `after` and lists the changes, parents
 * created before their children and children deleted before their parents. */
long plan_diff(const struct regstore *before, const struct regstore *after, const char *root,
               struct plan *out);

/* Checks write access to every key the plan touches. On failure *failed_path says where. */
long plan_check_access(const struct regstore *store, const struct plan *plan, const char **failed_path);

/* Reads from `store` the security descriptor of every key the plan deletes, so that the
 * key can be put back as it was. On failure *failed_path says which key. */
long plan_save_security(const struct regstore *store, struct plan *plan, const char **failed_path);

struct execute_report {
    size_t done;             /* changes carried out (and still in place) */
    size_t failed_at;        /* index of the change that failed */
    long error;              /* REGSTORE_OK, or why change failed_at failed */
    long rollback_error;     /* REGSTORE_OK, or the first error while undoing */
    /* Keys put back (by a rollback) or created (by a restore) whose saved security
     * descriptor could not be set: how many, the first one and why. The key is there,
     * with the permissions it inherits. */
    size_t security_refused;
    const char *security_refused_path;   /* points into the plan */
    long security_error;
};

/* Carries out the plan. If a write fails, undoes the changes already made, newest
 * first, and reports both errors. A key created with a saved security descriptor, or
 * put back after being deleted, gets it once the values are written. Returns
 * report->error. */
long plan_execute(const struct regstore *store, const struct plan *plan, struct execute_report *report);

#endif
