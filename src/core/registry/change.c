/* The change sequence (see change.h). */
#include "change.h"
#include "regstore_memory.h"
#include "../text/text.h"

#include <string.h>

/* Plans `ops` against `registry`: both models are filled in, the plan is in result. */
static long plan_request(const struct regstore *registry, const char *root, const struct regops *ops,
                         const struct regstore *before, const struct regstore *after, struct change_result *result)
{
    long rc = model_load(registry, root, before);
    if (rc == REGSTORE_OK)
        rc = model_load(before, root, after);
    if (rc == REGSTORE_OK)
        rc = regops_apply(after, ops);
    if (rc == REGSTORE_OK)
        rc = plan_diff(before, after, root, &result->plan);
    return rc;
}

/* The key whose permissions decide whether `path` may be written: the key itself, or,
 * when it does not exist yet, the nearest key above it that does (it would be created
 * there). */
static void deciding_key(const struct regstore *registry, const char *path, char *out, size_t size)
{
    char parent[512];
    int exists = 0;
    text_format(out, size, "%s", path);
    while (registry->ops->key_exists(registry->context, out, &exists) == REGSTORE_OK && !exists &&
           regpath_parent(out, parent, sizeof(parent)) == 0)
        text_format(out, size, "%s", parent);
}

static void write_plan(const struct regstore *registry, const struct regstore *before, const struct change_steps *steps,
                       struct change_result *result)
{
    const char *denied = NULL;
    long rc = plan_check_access(registry, &result->plan, &denied);
    if (rc != REGSTORE_OK) {
        result->end = CHANGE_NOT_ALLOWED;
        result->error = rc;
        text_format(result->denied_path, sizeof(result->denied_path), "%s", denied ? denied : "");
        deciding_key(registry, result->denied_path, result->denied_key, sizeof(result->denied_key));
        return;
    }
    /* A key the plan deletes keeps its security descriptor here, for the backup and for
     * a rollback. */
    rc = plan_save_security(registry, &result->plan, &denied);
    if (rc != REGSTORE_OK) {
        result->end = CHANGE_READ_FAILED;
        result->error = rc;
        text_format(result->denied_path, sizeof(result->denied_path), "%s", denied ? denied : "");
        return;
    }
    if (steps->before_writing && steps->before_writing(steps->context, before, &result->plan) != 0) {
        result->end = CHANGE_STOPPED;
        return;
    }
    if (plan_execute(registry, &result->plan, &result->execute) == REGSTORE_OK)
        result->end = CHANGE_WRITTEN;
    else if (result->execute.rollback_error == REGSTORE_OK)
        result->end = CHANGE_ROLLED_BACK;
    else
        result->end = CHANGE_HALF_CHANGED;
}

void change_run(const struct regstore *registry, const char *root, const struct regops *ops, int plan_only,
                const struct change_steps *steps, struct change_result *result)
{
    struct memory_registry *before_model = memory_registry_new(), *after_model = memory_registry_new();
    long rc = REGSTORE_NO_MEMORY;

    memset(result, 0, sizeof(*result));
    if (before_model && after_model) {
        struct regstore before = memory_registry_store(before_model), after = memory_registry_store(after_model);
        rc = plan_request(registry, root, ops, &before, &after, result);
        if (rc == REGSTORE_OK && result->plan.count == 0) {
            result->end = CHANGE_NOTHING_TO_DO;
        } else if (rc == REGSTORE_OK) {
            if (steps->planned)
                steps->planned(steps->context, &before, &after, &result->plan);
            if (plan_only)
                result->end = CHANGE_PLANNED_ONLY;
            else
                write_plan(registry, &before, steps, result);
        }
    }
    if (rc != REGSTORE_OK) {
        result->end = CHANGE_READ_FAILED;
        result->error = rc;
    }
    memory_registry_free(before_model);
    memory_registry_free(after_model);
}

void change_result_free(struct change_result *result)
{
    plan_free(&result->plan);
}
