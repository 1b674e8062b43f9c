/* Planning by comparison of two registry models, and carrying a plan out with undo. */
#include "plan.h"
#include "../text/text.h"

#include <stdlib.h>
#include <string.h>

static void free_value(struct regstore_value *value)
{
    free(value->data);
    value->data = NULL;
}

void plan_free(struct plan *plan)
{
    size_t i;
    for (i = 0; i < plan->count; i++) {
        free(plan->items[i].path);
        free(plan->items[i].name);
        free_value(&plan->items[i].old_value);
        free_value(&plan->items[i].new_value);
        free_value(&plan->items[i].security);
    }
    free(plan->items);
    plan->items = NULL;
    plan->count = 0;
}

/* Adds a change; takes ownership of the values' data. */
static long add_change(struct plan *plan, enum change_kind kind, const char *path, const char *name,
                       struct regstore_value *old_value, struct regstore_value *new_value)
{
    struct change *grown = realloc(plan->items, (plan->count + 1) * sizeof(*grown));
    struct change *change;
    if (!grown)
        return REGSTORE_NO_MEMORY;
    plan->items = grown;
    change = &grown[plan->count];
    memset(change, 0, sizeof(*change));
    change->kind = kind;
    change->path = text_duplicate(path);
    change->name = text_duplicate(name ? name : "");
    if (old_value) {
        change->had_old_value = 1;
        change->old_value = *old_value;
        old_value->data = NULL;
    }
    if (new_value) {
        change->new_value = *new_value;
        new_value->data = NULL;
    }
    plan->count++;
    if (!change->path || !change->name)
        return REGSTORE_NO_MEMORY;
    return REGSTORE_OK;
}

static long child_path(const char *path, const char *child, struct strbuf *out)
{
    strbuf_clear(out);
    strbuf_printf(out, "%s\\%s", path, child);
    return out->failed ? REGSTORE_NO_MEMORY : REGSTORE_OK;
}

static long list_if_exists(const struct regstore *store, const char *path, int exists,
                           struct name_list *subkeys, struct name_list *values)
{
    long rc;
    if (!exists)
        return REGSTORE_OK;
    rc = store->ops->list_subkeys(store->context, path, subkeys);
    if (rc == REGSTORE_OK)
        rc = store->ops->list_values(store->context, path, values);
    name_list_sort(subkeys);
    name_list_sort(values);
    return rc;
}

long model_load(const struct regstore *source, const char *root, const struct regstore *model)
{
    struct name_list subkeys = { NULL, 0 }, values = { NULL, 0 };
    struct strbuf child;
    int exists = 0;
    size_t i;
    long rc = source->ops->key_exists(source->context, root, &exists);
    if (rc != REGSTORE_OK || !exists)
        return rc;
    rc = model->ops->create_key(model->context, root);
    if (rc == REGSTORE_OK)
        rc = list_if_exists(source, root, 1, &subkeys, &values);
    for (i = 0; rc == REGSTORE_OK && i < values.count; i++) {
        struct regstore_value value = { 0, 0, NULL };
        rc = source->ops->read_value(source->context, root, values.names[i], &value);
        if (rc == REGSTORE_OK)
            rc = model->ops->set_value(model->context, root, values.names[i], value.type, value.data, value.size);
        free_value(&value);
    }
    strbuf_init(&child);
    for (i = 0; rc == REGSTORE_OK && i < subkeys.count; i++) {
        rc = child_path(root, subkeys.names[i], &child);
        if (rc == REGSTORE_OK)
            rc = model_load(source, child.data, model);
    }
    strbuf_free(&child);
    name_list_free(&subkeys);
    name_list_free(&values);
    return rc;
}

static int list_contains(const struct name_list *list, const char *name)
{
    size_t i;
    for (i = 0; i < list->count; i++)
        if (text_equal_nocase(list->names[i], name))
            return 1;
    return 0;
}

static int same_value(const struct regstore_value *a, const struct regstore_value *b)
{
    return a->type == b->type && a->size == b->size && (a->size == 0 || memcmp(a->data, b->data, a->size) == 0);
}

static long diff_key(const struct regstore *before, const struct regstore *after, const char *path,
                     struct plan *out)
{
    struct name_list before_keys = { NULL, 0 }, before_values = { NULL, 0 };
    struct name_list after_keys = { NULL, 0 }, after_values = { NULL, 0 };
    struct strbuf child;
    int in_before = 0, in_after = 0;
    size_t i;
    long rc = before->ops->key_exists(before->context, path, &in_before);
    if (rc == REGSTORE_OK)
        rc = after->ops->key_exists(after->context, path, &in_after);
    if (rc == REGSTORE_OK)
        rc = list_if_exists(before, path, in_before, &before_keys, &before_values);
    if (rc == REGSTORE_OK)
        rc = list_if_exists(after, path, in_after, &after_keys, &after_values);

    if (rc == REGSTORE_OK && in_after && !in_before) {
        rc = add_change(out, CHANGE_CREATE_KEY, path, NULL, NULL, NULL);
        /* A key the change creates gets the security descriptor a backup saved for it. */
        if (rc == REGSTORE_OK) {
            rc = after->ops->read_security(after->context, path, &out->items[out->count - 1].security);
            if (rc == REGSTORE_NOT_FOUND)
                rc = REGSTORE_OK;
        }
    }

    /* Values: set what is new or different, delete what is gone. */
    for (i = 0; rc == REGSTORE_OK && i < after_values.count; i++) {
        struct regstore_value old_value = { 0, 0, NULL }, new_value = { 0, 0, NULL };
        const char *name = after_values.names[i];
        int had = list_contains(&before_values, name);
        rc = after->ops->read_value(after->context, path, name, &new_value);
        if (rc == REGSTORE_OK && had)
            rc = before->ops->read_value(before->context, path, name, &old_value);
        if (rc == REGSTORE_OK && !(had && same_value(&old_value, &new_value)))
            rc = add_change(out, CHANGE_SET_VALUE, path, name, had ? &old_value : NULL, &new_value);
        free_value(&old_value);
        free_value(&new_value);
    }

    /* Subkeys: recurse into the union, so deletions reach the deepest keys first. */
    strbuf_init(&child);
    for (i = 0; rc == REGSTORE_OK && i < after_keys.count; i++) {
        rc = child_path(path, after_keys.names[i], &child);
        if (rc == REGSTORE_OK)
            rc = diff_key(before, after, child.data, out);
    }
    for (i = 0; rc == REGSTORE_OK && i < before_keys.count; i++) {
        if (list_contains(&after_keys, before_keys.names[i]))
            continue;
        rc = child_path(path, before_keys.names[i], &child);
        if (rc == REGSTORE_OK)
            rc = diff_key(before, after, child.data, out);
    }
    strbuf_free(&child);

    for (i = 0; rc == REGSTORE_OK && i < before_values.count; i++) {
        struct regstore_value old_value = { 0, 0, NULL };
        const char *name = before_values.names[i];
        if (list_contains(&after_values, name))
            continue;
        rc = before->ops->read_value(before->context, path, name, &old_value);
        if (rc == REGSTORE_OK)
            rc = add_change(out, CHANGE_DELETE_VALUE, path, name, &old_value, NULL);
        free_value(&old_value);
    }
    if (rc == REGSTORE_OK && in_before && !in_after)
        rc = add_change(out, CHANGE_DELETE_KEY, path, NULL, NULL, NULL);

    name_list_free(&before_keys);
    name_list_free(&before_values);
    name_list_free(&after_keys);
    name_list_free(&after_values);
    return rc;
}

long plan_diff(const struct regstore *before, const struct regstore *after, const char *root,
               struct plan *out)
{
    memset(out, 0, sizeof(*out));
    return diff_key(before, after, root, out);
}

long plan_check_access(const struct regstore *store, const struct plan *plan, const char **failed_path)
{
    size_t i;
    *failed_path = NULL;
    for (i = 0; i < plan->count; i++) {
        long rc = store->ops->check_write_access(store->context, plan->items[i].path);
        if (rc != REGSTORE_OK) {
            *failed_path = plan->items[i].path;
            return rc;
        }
    }
    return REGSTORE_OK;
}

long plan_save_security(const struct regstore *store, struct plan *plan, const char **failed_path)
{
    size_t i;
    *failed_path = NULL;
    for (i = 0; i < plan->count; i++) {
        struct change *change = &plan->items[i];
        long rc;
        if (change->kind != CHANGE_DELETE_KEY)
            continue;
        free_value(&change->security);
        change->security.size = 0;
        rc = store->ops->read_security(store->context, change->path, &change->security);
        if (rc == REGSTORE_NOT_FOUND)
            rc = REGSTORE_OK;   /* none of its own: it will inherit, as before */
        if (rc != REGSTORE_OK) {
            *failed_path = change->path;
            return rc;
        }
    }
    return REGSTORE_OK;
}

static long carry_out(const struct regstore *store, const struct change *change)
{
    switch (change->kind) {
    case CHANGE_CREATE_KEY:
        return store->ops->create_key(store->context, change->path);
    case CHANGE_SET_VALUE:
        return store->ops->set_value(store->context, change->path, change->name, change->new_value.type,
                                     change->new_value.data, change->new_value.size);
    case CHANGE_DELETE_VALUE:
        return store->ops->delete_value(store->context, change->path, change->name);
    case CHANGE_DELETE_KEY:
        return store->ops->delete_key(store->context, change->path);
    }
    return REGSTORE_INVALID;
}

static long put_old_value_back(const struct regstore *store, const struct change *change)
{
    if (!change->had_old_value)
        return store->ops->delete_value(store->context, change->path, change->name);
    return store->ops->set_value(store->context, change->path, change->name, change->old_value.type,
                                 change->old_value.data, change->old_value.size);
}

static long undo(const struct regstore *store, const struct change *change)
{
    switch (change->kind) {
    case CHANGE_CREATE_KEY:
        return store->ops->delete_key(store->context, change->path);
    case CHANGE_SET_VALUE:
    case CHANGE_DELETE_VALUE:
        return put_old_value_back(store, change);
    case CHANGE_DELETE_KEY:
        return store->ops->create_key(store->context, change->path);
    }
    return REGSTORE_INVALID;
}

/* Gives the key of `change` its saved security descriptor, if it has one; a refusal is
 * counted in the report, and does not undo the change: the key and its values are there. */
static void give_security(const struct regstore *store, const struct change *change, struct execute_report *report)
{
    long rc;
    if (change->security.size == 0)
        return;
    rc = store->ops->write_security(store->context, change->path, change->security.data, change->security.size);
    if (rc != REGSTORE_OK) {
        if (report->security_refused++ == 0) {
            report->security_refused_path = change->path;
            report->security_error = rc;
        }
    }
}

long plan_execute(const struct regstore *store, const struct plan *plan, struct execute_report *report)
{
    size_t i;
    memset(report, 0, sizeof(*report));
    for (i = 0; i < plan->count; i++) {
        long rc = carry_out(store, &plan->items[i]);
        if (rc != REGSTORE_OK) {
            size_t undone = report->done;
            report->error = rc;
            report->failed_at = i;
            while (report->done > 0) {
                long undo_rc = undo(store, &plan->items[report->done - 1]);
                if (undo_rc != REGSTORE_OK && report->rollback_error == REGSTORE_OK)
                    report->rollback_error = undo_rc;
                report->done--;
            }
            /* Keys put back get their security descriptors last, once their values are
             * back: a descriptor that allows less cannot stop those writes. */
            for (i = 0; i < undone; i++) {
                int exists = 0;
                if (plan->items[i].kind == CHANGE_DELETE_KEY &&
                    store->ops->key_exists(store->context, plan->items[i].path, &exists) == REGSTORE_OK && exists)
                    give_security(store, &plan->items[i], report);
            }
            return rc;
        }
        report->done++;
    }
    for (i = 0; i < plan->count; i++)
        if (plan->items[i].kind == CHANGE_CREATE_KEY)
            give_security(store, &plan->items[i], report);
    return REGSTORE_OK;
}
