/* The fault switch: counts writes and fails the chosen one. */
#include "regstore_fault.h"

static long count_write(struct fault_store *fault)
{
    fault->writes++;
    return fault->writes == fault->fail_write_number || fault->writes == fault->also_fail_write_number
               ? REGSTORE_IO_FAILED
               : REGSTORE_OK;
}

static long fault_key_exists(void *context, const char *path, int *exists)
{
    struct fault_store *fault = context;
    return fault->inner.ops->key_exists(fault->inner.context, path, exists);
}

static long fault_read_value(void *context, const char *path, const char *name, struct regstore_value *out)
{
    struct fault_store *fault = context;
    return fault->inner.ops->read_value(fault->inner.context, path, name, out);
}

static long fault_list_subkeys(void *context, const char *path, struct name_list *out)
{
    struct fault_store *fault = context;
    return fault->inner.ops->list_subkeys(fault->inner.context, path, out);
}

static long fault_list_values(void *context, const char *path, struct name_list *out)
{
    struct fault_store *fault = context;
    return fault->inner.ops->list_values(fault->inner.context, path, out);
}

static long fault_create_key(void *context, const char *path)
{
    struct fault_store *fault = context;
    long rc = count_write(fault);
    return rc != REGSTORE_OK ? rc : fault->inner.ops->create_key(fault->inner.context, path);
}

static long fault_set_value(void *context, const char *path, const char *name, uint32_t type,
                            const unsigned char *data, uint32_t size)
{
    struct fault_store *fault = context;
    long rc = count_write(fault);
    return rc != REGSTORE_OK ? rc : fault->inner.ops->set_value(fault->inner.context, path, name, type, data, size);
}

static long fault_delete_value(void *context, const char *path, const char *name)
{
    struct fault_store *fault = context;
    long rc = count_write(fault);
    return rc != REGSTORE_OK ? rc : fault->inner.ops->delete_value(fault->inner.context, path, name);
}

static long fault_delete_key(void *context, const char *path)
{
    struct fault_store *fault = context;
    long rc = count_write(fault);
    return rc != REGSTORE_OK ? rc : fault->inner.ops->delete_key(fault->inner.context, path);
}

static long fault_check_write_access(void *context, const char *path)
{
    struct fault_store *fault = context;
    if (fault->deny_write_access)
        return REGSTORE_ACCESS_DENIED;
    return fault->inner.ops->check_write_access(fault->inner.context, path);
}

static long fault_read_security(void *context, const char *path, struct regstore_value *out)
{
    struct fault_store *fault = context;
    return fault->inner.ops->read_security(fault->inner.context, path, out);
}

/* Not counted as a write: the numbered faults stay where the values and keys are. */
static long fault_write_security(void *context, const char *path, const unsigned char *data, uint32_t size)
{
    struct fault_store *fault = context;
    if (fault->deny_security)
        return REGSTORE_ACCESS_DENIED;
    return fault->inner.ops->write_security(fault->inner.context, path, data, size);
}

static const struct regstore_ops fault_ops = {
    fault_key_exists,
    fault_read_value,
    fault_list_subkeys,
    fault_list_values,
    fault_create_key,
    fault_set_value,
    fault_delete_value,
    fault_delete_key,
    fault_check_write_access,
    fault_read_security,
    fault_write_security,
};

struct regstore fault_store_wrap(struct fault_store *fault)
{
    struct regstore store;
    store.ops = &fault_ops;
    store.context = fault;
    return store;
}
