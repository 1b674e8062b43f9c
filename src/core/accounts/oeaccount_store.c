/* Windows Mail's and Windows Live Mail's account stores: where each one's Store Root is,
 * and its .oeaccount files, each read by oeaccount_read. Microsoft documents the files in
 * the folders directly inside the Store Root (docs/platform.md), so the walk goes no
 * deeper: a hostile tree (thousands of folders, a junction that loops back) costs at most
 * one listing of the root and one of each folder in it, each of a bounded number of
 * entries, and a bounded number of files read. */
#include "account_sources.h"
#include "account_registry.h"
#include "oeaccount.h"
#include "../text/text.h"

#include <stdlib.h>
#include <string.h>

/* Far more than either program keeps in one folder: the Store Root holds a folder per
 * account (and a few of its own), an account's folder its .oeaccount and mail folders. */
#define OE_FOLDER_ENTRIES_MAX 512
/* .oeaccount files read from one store at most; one per account. */
#define OE_FILES_MAX 128
#define OE_PATH_MAX 2048

struct oe_store_kind {
    enum account_program program;
    const char *key;        /* below HKEY_CURRENT_USER, holding "Store Root" */
    const char *folder;     /* the default Store Root, below the local application data */
};

static const struct oe_store_kind windows_mail_kind = {
    PROGRAM_WINDOWS_MAIL, "Software\\Microsoft\\Windows Mail", "Microsoft\\Windows Mail"
};
static const struct oe_store_kind windows_live_mail_kind = {
    PROGRAM_WINDOWS_LIVE_MAIL, "Software\\Microsoft\\Windows Live Mail", "Microsoft\\Windows Live Mail"
};

#define LOCAL_APP_DATA_REFERENCE "%LOCALAPPDATA%"

/* `text` with each %LOCALAPPDATA% (any case) made the folder itself: Windows XP's
 * environment has no such variable, so ExpandEnvironmentStrings would leave it as it is. */
static int put_local_app_data(const struct account_system *system, const char *text, char *out, size_t size)
{
    size_t reference = strlen(LOCAL_APP_DATA_REFERENCE), used = 0;
    char folder[OE_PATH_MAX];
    int have_folder = 0;
    while (*text) {
        const char *piece = text;
        size_t length = 1;
        if (text_equal_nocase_n(text, LOCAL_APP_DATA_REFERENCE, reference)) {
            if (!have_folder && (!system->local_app_data ||
                                 system->local_app_data(system->context, folder, sizeof(folder)) != 0))
                return -1;
            have_folder = 1;
            piece = folder;
            length = strlen(folder);
            text += reference;
        } else {
            text++;
        }
        if (used + length >= size)
            return -1;
        memcpy(out + used, piece, length);
        used += length;
    }
    out[used] = '\0';
    return 0;
}

/* The Store Root: 1 with its folder in `out`; 0 when there is none to look at (no value
 * and no local application data folder); -1 when the value is there but unusable. */
static int store_root(const struct account_system *system, const struct oe_store_kind *kind, char *out,
                      size_t size)
{
    struct account_value_reader reader = { system->user, 0, 0 };
    char value[1024], local[OE_PATH_MAX];
    size_t length;
    if (account_read_string(&reader, kind->key, "Store Root", value, sizeof(value)) == 1 && value[0]) {
        /* A value that filled the buffer may have been cut: another folder. */
        if (strlen(value) + 4 >= sizeof(value) || put_local_app_data(system, value, local, sizeof(local)) != 0 ||
            !system->expand || system->expand(system->context, local, out, size) != 0)
            return -1;
    } else if (reader.damaged || reader.no_memory) {
        return -1;
    } else {
        /* No Store Root: the program's own default (Microsoft's page for Windows Mail). */
        if (!system->local_app_data || system->local_app_data(system->context, local, sizeof(local)) != 0 ||
            text_format(out, size, "%s\\%s", local, kind->folder) >= (int)size)
            return 0;
    }
    length = strlen(out);
    while (length > 0 && out[length - 1] == '\\')
        out[--length] = '\0';
    return length > 0 ? 1 : -1;
}

/* Windows Live Mail may be told to keep its store in Windows Mail's folder (its Store Root
 * set to it): the accounts there are then listed once, as Windows Live Mail's, the program
 * that came later and is the one in use. */
static int taken_by_live_mail(const struct account_system *system, const struct oe_store_kind *kind,
                              const char *root)
{
    char other[OE_PATH_MAX];
    return kind == &windows_mail_kind && store_root(system, &windows_live_mail_kind, other, sizeof(other)) == 1 &&
           text_equal_nocase(root, other);
}

static int store_present(const struct account_system *system, const struct oe_store_kind *kind)
{
    char root[OE_PATH_MAX];
    struct account_folder_entry entry;
    size_t count;
    int found;
    if (!system->list_folder)
        return 0;
    found = store_root(system, kind, root, sizeof(root));
    if (found <= 0)
        return found < 0;   /* an unusable Store Root is a damaged store */
    if (taken_by_live_mail(system, kind, root))
        return 0;
    return system->list_folder(system->context, root, &entry, 1, &count) != ACCOUNT_FILE_ABSENT;
}

struct oe_walk {
    const struct account_system *system;
    const struct oe_store_kind *kind;
    struct account_list *out;
    size_t files;
    int damaged;
    int no_memory;
};

static int ends_with_nocase(const char *text, const char *suffix)
{
    size_t n = strlen(text), m = strlen(suffix);
    return n > m && text_equal_nocase(text + n - m, suffix);
}

/* A name a listing may give that is no entry of the folder itself. */
static int is_plain_name(const char *name)
{
    return name[0] && strcmp(name, ".") != 0 && strcmp(name, "..") != 0 && !strpbrk(name, "\\/:");
}

static void read_account_file(struct oe_walk *walk, const char *folder, const char *name)
{
    char path[OE_PATH_MAX], *data;
    size_t length;
    enum account_file_result file;
    enum account_read_result result;
    if (!ends_with_nocase(name, ".oeaccount"))
        return;
    if (walk->files == OE_FILES_MAX) {
        walk->damaged = 1;
        return;
    }
    walk->files++;
    if (text_format(path, sizeof(path), "%s\\%s", folder, name) >= (int)sizeof(path)) {
        walk->damaged = 1;
        return;
    }
    file = account_store_file(walk->system, path, &data, &length);
    if (file == ACCOUNT_FILE_ABSENT)
        return;   /* removed since the listing */
    if (file != ACCOUNT_FILE_OK) {
        walk->no_memory |= file == ACCOUNT_FILE_NO_MEMORY;
        walk->damaged = 1;
        return;
    }
    result = oeaccount_read((const unsigned char *)data, length, walk->kind->program, walk->out);
    free(data);
    walk->no_memory |= result == ACCOUNT_READ_NO_MEMORY;
    walk->damaged |= result != ACCOUNT_READ_OK;
}

/* Lists one folder into `entries`: the count listed (too many entries is damage, and the
 * first ones are still read). */
static size_t list(struct oe_walk *walk, const char *folder, struct account_folder_entry *entries)
{
    size_t count = 0;
    enum account_file_result result =
        walk->system->list_folder(walk->system->context, folder, entries, OE_FOLDER_ENTRIES_MAX, &count);
    if (result == ACCOUNT_FILE_ABSENT)
        return 0;
    if (result != ACCOUNT_FILE_OK && result != ACCOUNT_FILE_TOO_LARGE) {
        walk->no_memory |= result == ACCOUNT_FILE_NO_MEMORY;
        walk->damaged = 1;
        return 0;
    }
    walk->damaged |= result == ACCOUNT_FILE_TOO_LARGE;
    return count < OE_FOLDER_ENTRIES_MAX ? count : OE_FOLDER_ENTRIES_MAX;
}

static enum account_read_result store_read(const struct account_system *system, const struct oe_store_kind *kind,
                                           struct account_list *out)
{
    char root[OE_PATH_MAX], folder[OE_PATH_MAX];
    struct oe_walk walk = { system, kind, out, 0, 0, 0 };
    struct account_folder_entry *top, *inner;
    size_t tops, inners, i, j;
    if (!system->list_folder || store_root(system, kind, root, sizeof(root)) != 1)
        return ACCOUNT_READ_DAMAGED;
    top = malloc(2 * OE_FOLDER_ENTRIES_MAX * sizeof(*top));
    if (!top)
        return ACCOUNT_READ_NO_MEMORY;
    inner = top + OE_FOLDER_ENTRIES_MAX;
    tops = list(&walk, root, top);
    for (i = 0; i < tops && !walk.no_memory; i++) {
        if (!is_plain_name(top[i].name))
            continue;
        if (!top[i].is_folder) {
            read_account_file(&walk, root, top[i].name);
            continue;
        }
        if (text_format(folder, sizeof(folder), "%s\\%s", root, top[i].name) >= (int)sizeof(folder)) {
            walk.damaged = 1;
            continue;
        }
        inners = list(&walk, folder, inner);
        /* The folders inside an account's folder hold its mail: not gone into. */
        for (j = 0; j < inners && !walk.no_memory; j++)
            if (!inner[j].is_folder && is_plain_name(inner[j].name))
                read_account_file(&walk, folder, inner[j].name);
    }
    free(top);
    if (walk.no_memory)
        return ACCOUNT_READ_NO_MEMORY;
    return walk.damaged ? ACCOUNT_READ_DAMAGED : ACCOUNT_READ_OK;
}

int windows_mail_present(const struct account_system *system)
{
    return store_present(system, &windows_mail_kind);
}

enum account_read_result windows_mail_read(const struct account_system *system, struct account_list *out)
{
    return store_read(system, &windows_mail_kind, out);
}

int windows_live_mail_present(const struct account_system *system)
{
    return store_present(system, &windows_live_mail_kind);
}

enum account_read_result windows_live_mail_read(const struct account_system *system, struct account_list *out)
{
    return store_read(system, &windows_live_mail_kind, out);
}
