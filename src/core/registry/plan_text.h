/* A plan in words: what /whatif prints, what a change prints, what /log records. */
#ifndef TLSSWITCH_PLAN_TEXT_H
#define TLSSWITCH_PLAN_TEXT_H

#include "../text/messages.h"
#include "plan.h"
#include "../text/text.h"

/* "absent", "1", "REG_SZ (8 bytes)": a value as the plan shows it. */
void value_describe(const struct regstore_value *value, int present, enum language language,
                    char *out, size_t out_size);

/* One line for one change, such as "  HKLM\...\Client\Enabled: absent -> 1\n". */
void change_describe(const struct change *change, enum language language, struct strbuf *out);

/* The title line and one line per change. */
void plan_describe(const struct plan *plan, enum language language, struct strbuf *out);

#endif
