/* The record of changes beside the backups, and /undo's choice by it (see undo_record.h). */
#include "undo_record.h"

#include <stdlib.h>
#include <string.h>

#define RECORD_HEADER "TLS Switch record of changes 1"

static const char *const ending_words[] = { "started", "kept", "rolled-back", "half-changed", "undone" };
#define ENDING_COUNT (sizeof(ending_words) / sizeof(ending_words[0]))

void undo_record_free(struct undo_record *record)
{
    free(record->entries);
    record->entries = NULL;
    record->count = 0;
}

long undo_record_add(struct undo_record *record, const char *backup, const char *when, const char *command)
{
    struct undo_entry *grown = realloc(record->entries, (record->count + 1) * sizeof(*grown));
    struct undo_entry *entry;
    char *p;
    if (!grown)
        return REGSTORE_NO_MEMORY;
    record->entries = grown;
    entry = &grown[record->count++];
    memset(entry, 0, sizeof(*entry));
    text_format(entry->backup, sizeof(entry->backup), "%s", backup ? backup : "");
    text_format(entry->when, sizeof(entry->when), "%s", when);
    text_format(entry->command, sizeof(entry->command), "%s", command);
    text_utf8_drop_cut(entry->command);
    /* One line per change: a control character in a command (a file name) becomes a blank. */
    for (p = entry->command; *p; p++)
        if ((unsigned char)*p < 0x20)
            *p = ' ';
    entry->ending = ENDING_STARTED;
    return REGSTORE_OK;
}

enum change_ending change_ending_of(const struct change_result *result)
{
    switch (result->end) {
    case CHANGE_WRITTEN:
        return ENDING_KEPT;
    case CHANGE_ROLLED_BACK:
        return ENDING_ROLLED_BACK;
    case CHANGE_HALF_CHANGED:
        return ENDING_HALF_CHANGED;
    default:
        /* Nothing was written (stopped before the first write): as good as rolled back. */
        return ENDING_ROLLED_BACK;
    }
}

int undo_command_is_undo(const char *command)
{
    return text_equal_nocase_n(command, "/undo", 5) && (command[5] == '\0' || command[5] == ' ');
}

void undo_record_format(const struct undo_record *record, struct strbuf *out)
{
    size_t first = record->count > UNDO_RECORD_MAX_ENTRIES ? record->count - UNDO_RECORD_MAX_ENTRIES : 0, i;
    strbuf_append(out, RECORD_HEADER "\r\n");
    for (i = first; i < record->count; i++) {
        const struct undo_entry *entry = &record->entries[i];
        strbuf_printf(out, "%s\t%s\t%s\t%s\r\n", ending_words[entry->ending], entry->when,
                      entry->backup[0] ? entry->backup : "-", entry->command);
    }
}

/* "2026-11-22 10:15:00" */
static int is_time(const char *text, size_t length)
{
    static const char pattern[] = "dddd-dd-dd dd:dd:dd";
    size_t i;
    if (length != sizeof(pattern) - 1)
        return 0;
    for (i = 0; i < length; i++)
        if (pattern[i] == 'd' ? text[i] < '0' || text[i] > '9' : text[i] != pattern[i])
            return 0;
    return 1;
}

/* A file name in the backups folder and nothing more: no folder, drive or stream. */
static int is_backup_name(const char *text, size_t length)
{
    size_t i;
    struct undo_entry room;
    if (length < 5 || length >= sizeof(room.backup) || !text_equal_nocase_n(text + length - 4, ".reg", 4))
        return 0;
    for (i = 0; i < length; i++)
        if (text[i] == '\\' || text[i] == '/' || text[i] == ':' || (unsigned char)text[i] < 0x20)
            return 0;
    return !(text[0] == '.');
}

/* One change's line (without its line end) into `entry`; 0 or -1. */
static int parse_entry(const char *line, size_t length, struct undo_entry *entry)
{
    const char *field[4];
    size_t field_length[4], i, count = 0;
    const char *start = line, *end = line + length, *p;
    for (p = line; count < 3 && p < end; p++)
        if (*p == '\t') {
            field[count] = start;
            field_length[count++] = (size_t)(p - start);
            start = p + 1;
        }
    if (count != 3)
        return -1;
    field[3] = start;
    field_length[3] = (size_t)(end - start);

    memset(entry, 0, sizeof(*entry));
    for (i = 0; i < ENDING_COUNT; i++)
        if (strlen(ending_words[i]) == field_length[0] && memcmp(ending_words[i], field[0], field_length[0]) == 0)
            break;
    if (i == ENDING_COUNT || !is_time(field[1], field_length[1]))
        return -1;
    entry->ending = (enum change_ending)i;
    memcpy(entry->when, field[1], field_length[1]);
    if (!(field_length[2] == 1 && field[2][0] == '-')) {
        if (!is_backup_name(field[2], field_length[2]))
            return -1;
        memcpy(entry->backup, field[2], field_length[2]);
    }
    if (field_length[3] < 2 || field_length[3] >= sizeof(entry->command) || field[3][0] != '/')
        return -1;
    for (i = 0; i < field_length[3]; i++)
        if ((unsigned char)field[3][i] < 0x20)
            return -1;
    {
        /* The program writes UTF-8: anything else is damage. */
        struct strbuf wide;
        int valid;
        strbuf_init(&wide);
        valid = text_utf8_to_utf16le(field[3], field_length[3], &wide) == 0 && !wide.failed;
        strbuf_free(&wide);
        if (!valid)
            return -1;
    }
    memcpy(entry->command, field[3], field_length[3]);
    return 0;
}

int undo_record_parse(const char *text, size_t length, struct undo_record *out, unsigned *bad_line)
{
    const char *p = text, *end = text + length;
    unsigned line = 0;
    memset(out, 0, sizeof(*out));
    *bad_line = 0;
    while (p < end) {
        const char *line_end = memchr(p, '\n', (size_t)(end - p));
        size_t line_length = line_end ? (size_t)(line_end - p) : (size_t)(end - p);
        int ok;
        line++;
        if (line_length > 0 && p[line_length - 1] == '\r')
            line_length--;
        if (memchr(p, '\0', line_length)) {
            ok = 0;
        } else if (line == 1) {
            ok = line_length == strlen(RECORD_HEADER) && memcmp(p, RECORD_HEADER, line_length) == 0;
        } else {
            struct undo_entry entry;
            ok = out->count < 2u * UNDO_RECORD_MAX_ENTRIES && parse_entry(p, line_length, &entry) == 0 &&
                 undo_record_add(out, entry.backup, entry.when, entry.command) == REGSTORE_OK;
            if (ok)
                out->entries[out->count - 1].ending = entry.ending;
        }
        if (!ok) {
            undo_record_free(out);
            *bad_line = line;
            return -1;
        }
        if (!line_end)
            break;
        p = line_end + 1;
    }
    if (line == 0) {   /* an empty file: a record always has its first line */
        *bad_line = 1;
        return -1;
    }
    return 0;
}

int undo_backup_name_parse(const char *name, char *when, size_t when_size, char *word, size_t word_size)
{
    /* yyyymmdd-hhmmss-mmm-WORD.reg */
    static const char pattern[] = "dddddddd-dddddd-ddd-";
    size_t i, length = strlen(name), word_length;
    if (length < sizeof(pattern) - 1 + 5 || !text_equal_nocase(name + length - 4, ".reg"))
        return -1;
    for (i = 0; i < sizeof(pattern) - 1; i++)
        if (pattern[i] == 'd' ? name[i] < '0' || name[i] > '9' : name[i] != pattern[i])
            return -1;
    word_length = length - 4 - (sizeof(pattern) - 1);
    text_format(when, when_size, "%.4s-%.2s-%.2s %.2s:%.2s:%.2s", name, name + 4, name + 6, name + 9, name + 11,
                name + 13);
    text_format(word, word_size, "%.*s", (int)word_length, name + sizeof(pattern) - 1);
    return 0;
}

/* --- /undo's choice ------------------------------------------------------------------ */

static int is_undo_backup(const char *name)
{
    size_t length = strlen(name);
    return length >= 9 && text_equal_nocase(name + length - 9, "-undo.reg");
}

static int compare_names(const void *a, const void *b)
{
    return text_compare_nocase(*(const char *const *)a, *(const char *const *)b);
}

static int record_lists(const struct undo_record *record, const char *backup)
{
    size_t i;
    for (i = 0; i < record->count; i++)
        if (text_equal_nocase(record->entries[i].backup, backup))
            return 1;
    return 0;
}

enum backup_state { BACKUP_NOT_KEPT, BACKUP_KEPT, BACKUP_UNDONE };

/* Going by the backups themselves: `all` are every backup, oldest first; `allowed[i]`
 * says whether all[i] may be chosen; `states` has room for `count`. */
static void choose_by_backups(const char *const *all, size_t count, const unsigned char *allowed,
                              enum undo_fallback why, undo_differs_fn differs, void *context, unsigned char *states,
                              struct undo_choice *choice)
{
    size_t i, k;
    choice->fallback = why;
    choice->outcome = UNDO_NOTHING_LEFT;
    /* A change was kept when the state after it differs from its backup. */
    for (i = 0; i < count; i++)
        states[i] = !is_undo_backup(all[i]) && differs(context, all[i], i + 1 < count ? all[i + 1] : NULL) == 1
                        ? BACKUP_KEPT
                        : BACKUP_NOT_KEPT;
    /* An /undo undid the newest change kept before it, when the state right after the
     * /undo is that change's backup. */
    for (i = 0; i < count; i++) {
        if (!is_undo_backup(all[i]))
            continue;
        for (k = i; k-- > 0;)
            if (states[k] == BACKUP_KEPT) {
                if (differs(context, all[k], i + 1 < count ? all[i + 1] : NULL) == 0)
                    states[k] = BACKUP_UNDONE;
                break;
            }
    }
    for (i = count; i-- > 0;)
        if (states[i] == BACKUP_KEPT && allowed[i]) {
            choice->outcome = UNDO_FROM_BACKUPS;
            choice->backup = all[i];
            return;
        }
}

/* The last change kept, newest first: not /undo's own, and not rolled back or undone. */
static const struct undo_entry *last_kept(const struct undo_record *record)
{
    size_t i;
    for (i = record->count; i-- > 0;) {
        const struct undo_entry *entry = &record->entries[i];
        if (undo_command_is_undo(entry->command))
            continue;
        if (entry->ending == ENDING_KEPT || entry->ending == ENDING_HALF_CHANGED || entry->ending == ENDING_STARTED)
            return entry;
    }
    return NULL;
}

long undo_choose(const struct undo_record *record, enum undo_record_state state, const struct name_list *backups,
                 undo_differs_fn differs, void *context, struct undo_choice *choice)
{
    size_t count = backups->count, i, candidates = 0, unlisted = 0;
    const char **all = calloc(count + 1, sizeof(*all));
    unsigned char *allowed = calloc(count + 1, 1), *states = calloc(count + 1, 1);
    const struct undo_entry *kept;

    memset(choice, 0, sizeof(*choice));
    if (!all || !allowed || !states) {
        free(all);
        free(allowed);
        free(states);
        return REGSTORE_NO_MEMORY;
    }
    for (i = 0; i < count; i++)
        all[i] = backups->names[i];
    if (count > 1)
        qsort(all, count, sizeof(*all), compare_names);
    /* /undo's own backups are never chosen: a second /undo goes further back, no redo. */
    for (i = 0; i < count; i++) {
        allowed[i] = !is_undo_backup(all[i]);
        candidates += allowed[i];
    }

    if (state != RECORD_READ) {
        choose_by_backups(all, count, allowed,
                          state == RECORD_MISSING ? FALLBACK_RECORD_MISSING : FALLBACK_RECORD_DAMAGED, differs,
                          context, states, choice);
        if (candidates == 0)
            choice->outcome = UNDO_NO_BACKUPS;
        goto done;
    }

    /* A backup the record does not list, made after the record began, means that the
     * record missed a change (it could not be written then): it cannot say which change
     * came last. */
    for (i = count; i-- > 0 && record->count > 0;) {
        char when[32], word[32];
        if (allowed[i] && !record_lists(record, all[i]) &&
            undo_backup_name_parse(all[i], when, sizeof(when), word, sizeof(word)) == 0 &&
            strcmp(when, record->entries[0].when) > 0) {
            choice->unlisted = all[i];
            choose_by_backups(all, count, allowed, FALLBACK_RECORD_INCOMPLETE, differs, context, states, choice);
            goto done;
        }
    }

    kept = last_kept(record);
    if (kept) {
        choice->entry = kept;
        if (!kept->backup[0]) {
            choice->outcome = UNDO_NO_BACKUP;
        } else {
            choice->outcome = UNDO_BACKUP_GONE;
            for (i = 0; i < count; i++)
                if (allowed[i] && text_equal_nocase(all[i], kept->backup)) {
                    choice->outcome = UNDO_FROM_RECORD;
                    choice->backup = all[i];
                }
        }
        goto done;
    }
    /* The record goes back no further: the backups from before it may still hold a
     * change to undo, and only those may be chosen. */
    for (i = 0; i < count; i++) {
        if (allowed[i] && record_lists(record, all[i]))
            allowed[i] = 0;
        unlisted += allowed[i];
    }
    if (unlisted > 0)
        choose_by_backups(all, count, allowed, FALLBACK_RECORD_ENDS, differs, context, states, choice);
    else
        choice->outcome = UNDO_NOTHING_LEFT;
done:
    free(all);
    free(allowed);
    free(states);
    return REGSTORE_OK;
}
