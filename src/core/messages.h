/* Every message a user sees, by id, in English and Japanese (messages.c).
 * A unit test fails when a message is missing in either language or when the two
 * translations take different printf arguments. */
#ifndef TLSSWITCH_MESSAGES_H
#define TLSSWITCH_MESSAGES_H

enum language {
    LANGUAGE_EN,
    LANGUAGE_JA,
    LANGUAGE_COUNT
};

enum message_id {
    MSG_HELP,
    MSG_HINT_HELP,
    MSG_ERR_UNKNOWN_SWITCH,
    MSG_ERR_MISSING_VALUE,
    MSG_ERR_BAD_LANGUAGE,
    MSG_ERR_UNEXPECTED_ARGUMENT,
    MSG_ERR_TWO_COMMANDS,
    MSG_ERR_SWITCH_NEEDS_COMMAND,
    MSG_ERR_REGISTRY_READ,
    MSG_ERR_WINDOWS_CALL,
    MSG_STATUS_WINDOWS,
    MSG_STATUS_POSREADY_SET,
    MSG_STATUS_POSREADY_NOT_SET,
    MSG_COLUMN_PROTOCOL,
    MSG_COLUMN_ENABLED,
    MSG_COLUMN_DISABLED_BY_DEFAULT,
    MSG_COLUMN_PROGRAMS,
    MSG_COLUMN_WINDOWS_SUPPORT,
    MSG_VALUE_ABSENT,
    MSG_VALUE_WRONG_TYPE,
    MSG_USE_DEFAULT,
    MSG_USE_OPTIN,
    MSG_USE_OFF,
    MSG_USE_OSDEFAULT,
    MSG_SUPPORT_YES,
    MSG_SUPPORT_NO,
    MSG_SUPPORT_REGISTRY_OFF,
    MSG_SUPPORT_UNKNOWN,
    MSG_VERDICT_TLS12_DEFAULT,
    MSG_VERDICT_TLS12_NOT_DEFAULT,
    MSG_VERDICT_TLS12_OFF,
    MSG_VERDICT_TLS12_UNSUPPORTED_XP,
    MSG_VERDICT_TLS12_UNSUPPORTED_VISTA,
    MSG_VERDICT_TLS12_UNSUPPORTED,
    MSG_NOTE_WRONG_TYPE,
    MSG_NOTE_RESTART,
    MSG_COUNT
};

/* The text of `id` in `language` (UTF-8). Falls back to English, visibly marked,
 * if a translation were ever missing; the unit test keeps that from shipping. */
const char *message_text(enum language language, enum message_id id);

/* The raw table entry, NULL when missing: for the completeness test only. */
const char *message_raw(enum language language, enum message_id id);

/* "en" or "ja" -> language; returns 0 on success, -1 for anything else. */
int language_from_code(const char *code, enum language *out);

#endif
