/* Registry operations in the order a .reg file or a profile asks for them. They are
 * applied to an in-memory model of the registry, never directly to the real one:
 * plan.c compares the model before and after to find what really has to change. */
#ifndef TLSSWITCH_REGOPS_H
#define TLSSWITCH_REGOPS_H

#include "regstore.h"

enum regop_kind {
    REGOP_CREATE_KEY,          /* [KEY] */
    REGOP_DELETE_TREE,         /* [-KEY] */
    REGOP_SET_VALUE,           /* "Name"=data */
    REGOP_DELETE_VALUE,        /* "Name"=- */
    REGOP_DELETE_KEY_IF_EMPTY, /* osdefault: remove keys left with nothing in them */
    REGOP_SET_SECURITY         /* a backup's saved security descriptor of the key (data) */
};

struct regop {
    enum regop_kind kind;
    char *path;                /* relative to HKEY_LOCAL_MACHINE */
    char *name;                /* value name; "" is the default value */
    uint32_t type;
    unsigned char *data;
    uint32_t size;
    unsigned line;             /* where a .reg file asked for it; 0 otherwise */
};

struct regops {
    struct regop *items;
    size_t count;
};

long regops_add(struct regops *ops, enum regop_kind kind, const char *path, const char *name,
                uint32_t type, const unsigned char *data, uint32_t size, unsigned line);
long regops_add_dword(struct regops *ops, const char *path, const char *name, uint32_t value);
void regops_free(struct regops *ops);

/* Applies the operations in order to `store` (a model). */
long regops_apply(const struct regstore *store, const struct regops *ops);

#endif
