/* Describing plans for people. */
#include "plan_text.h"
#include "settings.h"

#include <stdio.h>

void value_describe(const struct regstore_value *value, int present, enum language language,
                    char *out, size_t out_size)
{
    if (!present) {
        text_format(out, out_size, "%s", message_text(language, MSG_VALUE_ABSENT));
    } else if (value->type == REGTYPE_DWORD && value->size == 4) {
        text_format(out, out_size, "%lu", le32_load(value->data));
    } else {
        text_format(out, out_size, message_text(language, MSG_VALUE_OTHER_TYPE), regtype_name(value->type),
                 (unsigned long)value->size);
    }
}

void change_describe(const struct change *change, enum language language, struct strbuf *out)
{
    char old_text[64], new_text[64];
    switch (change->kind) {
    case CHANGE_CREATE_KEY:
        strbuf_printf(out, message_text(language, change->security.size ? MSG_PLAN_CREATE_KEY_WITH_SECURITY
                                                                         : MSG_PLAN_CREATE_KEY),
                      change->path);
        return;
    case CHANGE_DELETE_KEY:
        strbuf_printf(out, message_text(language, MSG_PLAN_DELETE_KEY), change->path);
        return;
    case CHANGE_SET_VALUE:
        value_describe(&change->old_value, change->had_old_value, language, old_text, sizeof(old_text));
        value_describe(&change->new_value, 1, language, new_text, sizeof(new_text));
        break;
    case CHANGE_DELETE_VALUE:
        value_describe(&change->old_value, 1, language, old_text, sizeof(old_text));
        value_describe(&change->new_value, 0, language, new_text, sizeof(new_text));
        break;
    }
    strbuf_printf(out, message_text(language, MSG_PLAN_VALUE), change->path,
                  change->name[0] ? change->name : "@", old_text, new_text);
}

void plan_describe(const struct plan *plan, enum language language, struct strbuf *out)
{
    size_t i;
    strbuf_append(out, message_text(language, MSG_PLAN_TITLE));
    for (i = 0; i < plan->count; i++)
        change_describe(&plan->items[i], language, out);
}
