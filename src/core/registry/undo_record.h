/* The record of changes that lives beside the automatic backups: for every change that
 * came as far as writing, its backup, when it was made, its command and how it ended.
 * The backups alone cannot say which change was kept: the backup of a change that failed
 * and was rolled back is newer than the one of the change before it, and restoring it
 * would undo nothing. /undo reads this record to find the last change that was written
 * and kept; where the record is missing, damaged or does not reach back far enough, it
 * says so and goes by the backups themselves. The program writes the record as a new file
 * that then replaces the old one (src/commands/command_change.c). */
#ifndef TLSSWITCH_UNDO_RECORD_H
#define TLSSWITCH_UNDO_RECORD_H

#include "change.h"
#include "../text/text.h"

/* The record's file name in the backups folder. */
#define UNDO_RECORD_FILE "changes.txt"
/* The most changes it keeps: older ones are left out (their backups stay), and /undo
 * then goes by those backups themselves. */
#define UNDO_RECORD_MAX_ENTRIES 1000u

enum change_ending {
    ENDING_STARTED,        /* writing began and no end was recorded: its process was ended in the middle */
    ENDING_KEPT,           /* every write was made and kept */
    ENDING_ROLLED_BACK,    /* a write failed and every write made was undone: nothing changed */
    ENDING_HALF_CHANGED,   /* a write failed and the undo failed too */
    ENDING_UNDONE          /* kept, then undone by /undo */
};

struct undo_entry {
    char backup[96];       /* its backup's file name in the backups folder; "" without one (/nobackup) */
    char when[20];         /* "2026-11-22 10:15:00", this PC's time when it began writing */
    char command[400];     /* "/apply recommended" */
    enum change_ending ending;
};

struct undo_record {
    struct undo_entry *entries;   /* oldest first */
    size_t count;
};

void undo_record_free(struct undo_record *record);

/* Reads a record's text. Returns 0, or -1 (the record is damaged) with *bad_line the first
 * line it could not read and `out` empty. */
int undo_record_parse(const char *text, size_t length, struct undo_record *out, unsigned *bad_line);

/* The record's text (UTF-8, CRLF line ends), with at most UNDO_RECORD_MAX_ENTRIES changes:
 * the newest. */
void undo_record_format(const struct undo_record *record, struct strbuf *out);

/* Adds a change that is about to write, as ENDING_STARTED; returns REGSTORE_OK or
 * REGSTORE_NO_MEMORY. */
long undo_record_add(struct undo_record *record, const char *backup, const char *when, const char *command);

/* How a change that came to writing ended, for the record. */
enum change_ending change_ending_of(const struct change_result *result);

/* Whether `command` ("/undo", "/apply recommended") is /undo itself, whose changes /undo
 * never undoes (no redo). */
int undo_command_is_undo(const char *command);

/* The time ("2026-11-22 10:15:00") and command word ("apply") in an automatic backup's
 * file name (20261122-101500-123-apply.reg). Returns 0, or -1 when it is no such name. */
int undo_backup_name_parse(const char *name, char *when, size_t when_size, char *word, size_t word_size);

/* Why /undo goes by the backups themselves rather than by the record. */
enum undo_fallback {
    FALLBACK_NONE,
    FALLBACK_RECORD_MISSING,     /* there is no record */
    FALLBACK_RECORD_DAMAGED,     /* it cannot be read (at record_line) */
    FALLBACK_RECORD_INCOMPLETE,  /* a backup newer than its last change kept is not in it (unlisted) */
    FALLBACK_RECORD_ENDS         /* every change in it is undone or rolled back, and older backups are not in it */
};

enum undo_outcome {
    UNDO_FROM_RECORD,      /* entry: the last change kept; its backup exists */
    UNDO_FROM_BACKUPS,     /* backup: the newest one that differs from the settings now (why: fallback) */
    UNDO_NOTHING_LEFT,     /* no change to undo: the record's are all undone or rolled back (FALLBACK_NONE),
                              or no backup differs from the settings now (fallback says why it looked) */
    UNDO_NO_BACKUPS,       /* no record to go by, and no automatic backup at all */
    UNDO_NO_BACKUP,        /* entry: the last change kept was made without a backup (/nobackup) */
    UNDO_BACKUP_GONE       /* entry: the last change kept has a backup that is no longer there */
};

struct undo_choice {
    enum undo_outcome outcome;
    enum undo_fallback fallback;
    const struct undo_entry *entry;   /* FROM_RECORD, NO_BACKUP, BACKUP_GONE */
    const char *backup;               /* FROM_RECORD, FROM_BACKUPS: the file name to restore */
    const char *unlisted;             /* FALLBACK_RECORD_INCOMPLETE: the backup the record does not list */
};

/* Where the record stands, as the caller found it. */
enum undo_record_state { RECORD_READ, RECORD_MISSING, RECORD_DAMAGED };

/* Whether restoring `backup` would change the settings that `than` describes: the
 * settings now when `than` is NULL, else the state the backup `than` holds (the state
 * right after the change before it). 1 yes, 0 no, -1 one of them cannot be read. */
typedef int (*undo_differs_fn)(void *context, const char *backup, const char *than);

/* Chooses what /undo restores. `backups` are the names of the .reg files in the backups
 * folder; `record` is used only when `state` is RECORD_READ. Going by the backups, it
 * takes them in the order of their names (their times): a change was kept when its
 * backup differs from the state after it (the next backup, or the settings now); an
 * /undo (*-undo.reg) undid the newest change kept before it whose backup is the state
 * right after that /undo; and it chooses the newest change kept and not undone. /undo's
 * own backups are never chosen. Returns REGSTORE_OK, or REGSTORE_NO_MEMORY. */
long undo_choose(const struct undo_record *record, enum undo_record_state state, const struct name_list *backups,
                 undo_differs_fn differs, void *context, struct undo_choice *choice);

#endif
