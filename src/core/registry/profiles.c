/* Profiles and per-protocol states. One table for profiles, one for state words. */
#include "profiles.h"
#include "../text/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Targets in protocol order: SSL 2.0, SSL 3.0, TLS 1.0, TLS 1.1, TLS 1.2. */
static const struct profile_info profiles[] = {
    /* TLS 1.0 stays as it is: many providers still need it. */
    [PROFILE_RECOMMENDED] = { "recommended", MSG_GUI_PROFILE_RECOMMENDED,
                              { TARGET_OFF, TARGET_OFF, TARGET_UNCHANGED, TARGET_ON, TARGET_ON } },
    { "tls12only", MSG_GUI_PROFILE_TLS12ONLY, { TARGET_OFF, TARGET_OFF, TARGET_OFF, TARGET_OFF, TARGET_ON } },
    { "osdefault", MSG_GUI_PROFILE_OSDEFAULT,
      { TARGET_DEFAULT, TARGET_DEFAULT, TARGET_DEFAULT, TARGET_DEFAULT, TARGET_DEFAULT } },
};

static const struct state_word_info state_words[] = {
    { "on", TARGET_ON, MSG_GUI_TARGET_ON, EFFECTIVE_DEFAULT },
    { "optin", TARGET_OPTIN, MSG_GUI_TARGET_OPTIN, EFFECTIVE_OPTIN },
    { "off", TARGET_OFF, MSG_GUI_TARGET_OFF, EFFECTIVE_OFF },
    { "default", TARGET_DEFAULT, MSG_GUI_TARGET_DEFAULT, EFFECTIVE_OSDEFAULT },
};

#define COUNT(array) (sizeof(array) / sizeof((array)[0]))

const struct profile_info *profile_at(size_t index)
{
    return index < COUNT(profiles) ? &profiles[index] : NULL;
}

const struct state_word_info *state_word_at(size_t index)
{
    return index < COUNT(state_words) ? &state_words[index] : NULL;
}

int profile_targets(const char *name, struct protocol_targets *out)
{
    size_t i;
    for (i = 0; i < COUNT(profiles); i++) {
        if (text_equal_nocase(profiles[i].name, name)) {
            memcpy(out->target, profiles[i].target, sizeof(out->target));
            return 0;
        }
    }
    return -1;
}

static char *copy_part(const char *start, size_t length)
{
    char *copy = malloc(length + 1);
    if (copy) {
        memcpy(copy, start, length);
        copy[length] = '\0';
    }
    return copy;
}

int set_spec_parse(const char *spec, struct protocol_targets *out, char **bad_part)
{
    const char *part = spec;
    int any = 0;
    memset(out, 0, sizeof(*out));
    *bad_part = NULL;
    for (;;) {
        const char *end = strchr(part, ',');
        size_t length = end ? (size_t)(end - part) : strlen(part);
        const char *equals = memchr(part, '=', length);
        char name[16], word[16];
        int protocol = -1;
        size_t i, name_length;
        enum protocol_target target = TARGET_UNCHANGED;

        if (equals) {
            name_length = (size_t)(equals - part);
            if (name_length < sizeof(name) && length - name_length - 1 < sizeof(word)) {
                memcpy(name, part, name_length);
                name[name_length] = '\0';
                memcpy(word, equals + 1, length - name_length - 1);
                word[length - name_length - 1] = '\0';
                protocol = protocol_find(name);
                for (i = 0; i < COUNT(state_words); i++)
                    if (text_equal_nocase(state_words[i].word, word))
                        target = state_words[i].target;
            }
        }
        if (protocol < 0 || target == TARGET_UNCHANGED || out->target[protocol] != TARGET_UNCHANGED) {
            *bad_part = copy_part(part, length);
            return -1;
        }
        out->target[protocol] = target;
        any = 1;
        if (!end)
            break;
        part = end + 1;
    }
    return any ? 0 : -1;
}

long targets_to_regops(const struct protocol_targets *targets, struct regops *ops)
{
    int id;
    for (id = 0; id < PROTOCOL_COUNT; id++) {
        char client[256], protocol_key[256];
        uint32_t enabled = 0, disabled_by_default = 0;
        long rc = REGSTORE_OK;

        if (protocol_client_key_path((enum protocol_id)id, client, sizeof(client)) != 0 ||
            regpath_parent(client, protocol_key, sizeof(protocol_key)) != 0)
            return REGSTORE_NO_MEMORY;
        switch (targets->target[id]) {
        case TARGET_UNCHANGED:
            continue;
        case TARGET_ON: enabled = 1; disabled_by_default = 0; break;
        case TARGET_OPTIN: enabled = 1; disabled_by_default = 1; break;
        case TARGET_OFF: enabled = 0; disabled_by_default = 1; break;
        case TARGET_DEFAULT:
            rc = regops_add(ops, REGOP_DELETE_VALUE, client, "Enabled", 0, NULL, 0, 0);
            if (rc == REGSTORE_OK)
                rc = regops_add(ops, REGOP_DELETE_VALUE, client, "DisabledByDefault", 0, NULL, 0, 0);
            if (rc == REGSTORE_OK)
                rc = regops_add(ops, REGOP_DELETE_KEY_IF_EMPTY, client, NULL, 0, NULL, 0, 0);
            if (rc == REGSTORE_OK)
                rc = regops_add(ops, REGOP_DELETE_KEY_IF_EMPTY, protocol_key, NULL, 0, NULL, 0, 0);
            if (rc != REGSTORE_OK)
                return rc;
            continue;
        }
        /* Enabled is written as 1, never 0xffffffff: audit tools reject that. */
        rc = regops_add_dword(ops, client, "Enabled", enabled);
        if (rc == REGSTORE_OK)
            rc = regops_add_dword(ops, client, "DisabledByDefault", disabled_by_default);
        if (rc != REGSTORE_OK)
            return rc;
    }
    return REGSTORE_OK;
}
