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

/* What the readers may use of Windows. */
struct account_system {
    const struct regstore *user;     /* the registry of the current user (HKEY_CURRENT_USER) */
    void *context;
    /* This user's Application Data folder (%APPDATA%), UTF-8, without a trailing '\\':
     * 0, or -1 when there is none. */
    int (*app_data)(void *context, char *out, size_t size);
    /* A whole file of at most `limit` bytes into *data (malloc'd). */
    enum account_file_result (*read_file)(void *context, const char *path, size_t limit, char **data,
                                          size_t *length);
    /* Shift-JIS (code page 932) into UTF-8, for Becky!'s files; NULL where there is none. */
    account_decode_fn decode_shift_jis;
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

/* Sylpheed's store: %APPDATA%\Sylpheed\accountrc (an installed Sylpheed; a portable
 * one, whose sylpheed.ini beside sylpheed.exe names its folder, is not found). */
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
