/* libFuzzer target: a Becky! 2 data folder. The input is Folder.lst, then up to three
 * Mailbox.ini files, each part after a 0xFF 0xFE 0xFD separator; a mailbox named in
 * Folder.lst gets file number (its first byte mod 4), number 3 meaning "no such file".
 * Each mailbox must be read at most once (names compared without ASCII case), never more
 * than BECKY_MAILBOXES_MAX, never with a name that leaves the data folder, and every
 * record must be sound (account_record_check.h). */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "accounts/becky.h"
#include "account_record_check.h"
#include "decode_cp932.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct fuzz_store {
    const uint8_t *files[3];
    size_t sizes[3];
    char read_names[BECKY_MAILBOXES_MAX][260];
    size_t reads;
};

static int read_mailbox(void *context, const char *folder, struct strbuf *contents)
{
    struct fuzz_store *store = context;
    size_t i;
    unsigned which = (unsigned char)folder[0] % 4;
    if (store->reads == BECKY_MAILBOXES_MAX || strlen(folder) >= sizeof(store->read_names[0]) || folder[0] == '\0' ||
        strcmp(folder, ".") == 0 || strcmp(folder, "..") == 0 || strpbrk(folder, "\\/:"))
        abort();
    for (i = 0; i < store->reads; i++)
        if (text_equal_nocase(store->read_names[i], folder))
            abort();
    strcpy(store->read_names[store->reads++], folder);
    if (which == 3 || !store->files[which])
        return 0;
    strbuf_append_n(contents, (const char *)store->files[which], store->sizes[which]);
    return 1;
}

static const uint8_t *find_separator(const uint8_t *from, const uint8_t *end)
{
    for (; end - from >= 3; from++)
        if (from[0] == 0xFF && from[1] == 0xFE && from[2] == 0xFD)
            return from;
    return NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct fuzz_store store;
    struct account_list list = { 0 };
    const uint8_t *end = data + size, *part = data, *next;
    size_t folder_list_size, i;
    enum account_read_result result;

    memset(&store, 0, sizeof(store));
    next = find_separator(part, end);
    folder_list_size = (size_t)((next ? next : end) - data);
    for (i = 0; i < 3 && next; i++) {
        part = next + 3;
        next = find_separator(part, end);
        store.files[i] = part;
        store.sizes[i] = (size_t)((next ? next : end) - part);
    }
    result = becky_read(data, folder_list_size, decode_cp932, NULL, read_mailbox, &store, &list);
    if (result == ACCOUNT_READ_NO_MEMORY || list.count > store.reads)
        abort();
    check_records(&list, PROGRAM_BECKY);
    account_list_free(&list);
    return 0;
}
