/* Which mail programs keep accounts for this user, and their accounts: one table with a
 * row per program (its reader and how to tell its store is there). Adding a program is its
 * reader plus one row. The table reaches Windows only through struct account_system, so
 * the native tests run it on a memory registry and files of their own. */
#ifndef TLSSWITCH_ACCOUNT_SOURCES_H
#define TLSSWITCH_ACCOUNT_SOURCES_H

#include "../registry/regstore.h"
#include "account_text.h"
#include "mail_account.h"

#include <stddef.h>

enum account_file_result {
    ACCOUNT_FILE_OK,
    ACCOUNT_FILE_ABSENT,       /* no such file or folder */
    ACCOUNT_FILE_TOO_LARGE,    /* larger than the limit asked: not read */
    ACCOUNT_FILE_FAILED,       /* there, but could not be read */
    ACCOUNT_FILE_NO_MEMORY
};

/* One entry of a folder: a file or a folder inside it, its name in UTF-8. */
#define ACCOUNT_ENTRY_NAME_MAX 512
struct account_folder_entry {
    char name[ACCOUNT_ENTRY_NAME_MAX];
    int is_folder;
};

/* What the readers may use of Windows. */
struct account_system {
    const struct regstore *user;     /* the registry of the current user (HKEY_CURRENT_USER) */
    /* The machine's registry (HKEY_LOCAL_MACHINE), read only, for where programs are
     * installed; NULL where there is none. */
    const struct regstore *machine;
    void *context;
    /* This user's Application Data folder (%APPDATA%), UTF-8, without a trailing '\\':
     * 0, or -1 when there is none. */
    int (*app_data)(void *context, char *out, size_t size);
    /* A whole file of at most `limit` bytes into *data (malloc'd). */
    enum account_file_result (*read_file)(void *context, const char *path, size_t limit, char **data,
                                          size_t *length);
    /* Shift-JIS (code page 932) into UTF-8, for Becky!'s files; NULL where there is none. */
    account_decode_fn decode_shift_jis;
    /* The system's ANSI code page into UTF-8, for sylpheed.ini; NULL where there is none. */
    account_decode_fn decode_ansi;
    /* The entries of one folder, without "." and "..", at most `max` of them into
     * `entries` (*count of them). ACCOUNT_FILE_TOO_LARGE when the folder holds more: the
     * first `max` are given. A name too long for an entry is left out. NULL where there is
     * no listing (the stores that need one are then not found). */
    enum account_file_result (*list_folder)(void *context, const char *path, struct account_folder_entry *entries,
                                            size_t max, size_t *count);
    /* This user's local (not roaming) application data folder (CSIDL_LOCAL_APPDATA, what
     * Vista names %LOCALAPPDATA%), UTF-8, without a trailing '\\': 0, or -1. */
    int (*local_app_data)(void *context, char *out, size_t size);
    /* `text` with its %NAME% references to the environment expanded, as Windows expands a
     * REG_EXPAND_SZ value (ExpandEnvironmentStrings): 0, or -1. */
    int (*expand)(void *context, const char *text, char *out, size_t size);
};

struct account_source {
    enum account_program program;
    /* Whether the program's store exists for this user. */
    int (*present)(const struct account_system *system);
    /* Adds its accounts; damage gives ACCOUNT_READ_DAMAGED and keeps what was read. */
    enum account_read_result (*read)(const struct account_system *system, struct account_list *out);
};

/* The rows, in the order the accounts are listed. */
const struct account_source *account_source_get(size_t index);
size_t account_source_count(void);

enum account_store_state { STORE_ABSENT, STORE_READ, STORE_DAMAGED };

struct account_discovery {
    struct account_list accounts;
    enum account_store_state store[PROGRAM_COUNT];
    int no_memory;
};

/* Reads every program's store that exists; a damaged one is marked and the others are
 * still read. Free the list with account_list_free. */
void accounts_discover(const struct account_system *system, struct account_discovery *out);

/* A whole file of a store, at most ACCOUNT_FILE_MAX + 1 bytes (so that a reader sees a
 * file too large and calls it damaged); *data is NULL unless ACCOUNT_FILE_OK. */
enum account_file_result account_store_file(const struct account_system *system, const char *path, char **data,
                                            size_t *length);

/* Windows Mail's and Windows Live Mail's stores: the .oeaccount files in the Store Root
 * (HKCU\Software\Microsoft\Windows Mail or ...\Windows Live Mail) and in the folders
 * directly inside it (oeaccount_store.c). */
int windows_mail_present(const struct account_system *system);
enum account_read_result windows_mail_read(const struct account_system *system, struct account_list *out);
int windows_live_mail_present(const struct account_system *system);
enum account_read_result windows_live_mail_read(const struct account_system *system, struct account_list *out);

/* Sylpheed's store: accountrc in the folder that sylpheed.ini beside the installed
 * sylpheed.exe names (the installer's App Paths entry says where that is), else in
 * %APPDATA%\Sylpheed. A copy that was never installed (on a USB stick, say) is not found:
 * nothing on the PC says where it is. */
int sylpheed_present(const struct account_system *system);
enum account_read_result sylpheed_store_read(const struct account_system *system, struct account_list *out);

/* Becky! 2's store: the data folder DataDir (HKCU\Software\RimArts\B2\Settings), its
 * Folder.lst and each mailbox's Mailbox.ini. */
int becky_present(const struct account_system *system);
enum account_read_result becky_store_read(const struct account_system *system, struct account_list *out);

/* Thunderbird's store: %APPDATA%\Thunderbird\profiles.ini and each profile's prefs.js. */
int thunderbird_present(const struct account_system *system);
enum account_read_result thunderbird_read(const struct account_system *system, struct account_list *out);

#endif
