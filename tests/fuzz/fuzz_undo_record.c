/* libFuzzer target: the record of changes beside the backups (undo_record.c) must read or
 * refuse any bytes without crashing, leaking or reading out of bounds; what it reads must
 * write back to text that reads the same; and /undo's choice by it must stay within the
 * backups it is given. Each input line after the record is also tried as a backup's file
 * name. Built by `make -f Makefile.mingw fuzz`. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "registry/undo_record.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A made-up answer, the same for the same names: the choice must cope with any. */
static int any_answer(void *context, const char *backup, const char *than)
{
    size_t hash = (size_t)context;
    for (; *backup; backup++)
        hash = hash * 31 + (unsigned char)*backup;
    for (; than && *than; than++)
        hash = hash * 17 + (unsigned char)*than;
    return (int)(hash % 3) - 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct undo_record record, again;
    struct name_list names = { NULL, 0 };
    struct undo_choice choice;
    unsigned bad_line;
    char *copy = malloc(size + 1);
    char *line, *next;
    int read;

    if (!copy)
        return 0;
    memcpy(copy, data, size);
    copy[size] = '\0';
    read = undo_record_parse((const char *)data, size, &record, &bad_line) == 0;
    if (read) {
        struct strbuf text;
        size_t i;
        strbuf_init(&text);
        undo_record_format(&record, &text);
        if (!text.failed) {
            if (undo_record_parse(text.data, text.length, &again, &bad_line) != 0)
                abort();
            if (again.count != (record.count > UNDO_RECORD_MAX_ENTRIES ? UNDO_RECORD_MAX_ENTRIES : record.count))
                abort();
            for (i = 0; i < again.count; i++) {
                const struct undo_entry *a = &again.entries[i], *b = &record.entries[record.count - again.count + i];
                if (strcmp(a->backup, b->backup) || strcmp(a->when, b->when) || strcmp(a->command, b->command) ||
                    a->ending != b->ending)
                    abort();
            }
            undo_record_free(&again);
        }
        strbuf_free(&text);
        for (i = 0; i < record.count; i++)
            if (record.entries[i].backup[0])
                name_list_add(&names, record.entries[i].backup);
    }
    /* Every line, as the name of a backup in the folder. */
    for (line = copy; line && *line && names.count < 64; line = next) {
        char when[32], word[32];
        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        undo_backup_name_parse(line, when, sizeof(when), word, sizeof(word));
        name_list_add(&names, line);
    }
    if (undo_choose(&record, read ? RECORD_READ : RECORD_DAMAGED, &names, any_answer, (void *)size, &choice) ==
        REGSTORE_OK) {
        size_t i;
        int found = choice.backup == NULL;
        for (i = 0; i < names.count; i++)
            if (choice.backup == names.names[i])
                found = 1;
        if (!found)
            abort();
    }
    if (read)
        undo_record_free(&record);
    name_list_free(&names);
    free(copy);
    return 0;
}
