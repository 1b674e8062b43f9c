/* The table of mail programs and the discovery that walks it. The files a reader takes
 * are read whole, within a size limit far above what the program writes, so a hostile
 * file costs bounded memory and time. */
#include "account_sources.h"
#include "account_registry.h"
#include "becky.h"
#include "outlook.h"
#include "outlook_express.h"
#include "sylpheed.h"
#include "thunderbird.h"
#include "../text/text.h"

#include <stdlib.h>
#include <string.h>

#define PROFILES_INI_LIMIT (256u * 1024u)
/* A prefs.js is tens of kilobytes; a 10 MB line in one must still be read and refused. */
#define PREFS_JS_LIMIT (32u * 1024u * 1024u)

static int outlook_express_row_present(const struct account_system *system)
{
    return outlook_express_present(system->user);
}

static enum account_read_result outlook_express_row_read(const struct account_system *system,
                                                         struct account_list *out)
{
    return outlook_express_read(system->user, out);
}

static int outlook_row_present(const struct account_system *system)
{
    return outlook_present(system->user);
}

static enum account_read_result outlook_row_read(const struct account_system *system, struct account_list *out)
{
    return outlook_read(system->user, out);
}

static const struct account_source sources[] = {
    { PROGRAM_OUTLOOK_EXPRESS, outlook_express_row_present, outlook_express_row_read },
    { PROGRAM_WINDOWS_MAIL, windows_mail_present, windows_mail_read },
    { PROGRAM_WINDOWS_LIVE_MAIL, windows_live_mail_present, windows_live_mail_read },
    { PROGRAM_OUTLOOK, outlook_row_present, outlook_row_read },
    { PROGRAM_BECKY, becky_present, becky_store_read },
    { PROGRAM_THUNDERBIRD, thunderbird_present, thunderbird_read },
    { PROGRAM_SYLPHEED, sylpheed_present, sylpheed_store_read },
};

const struct account_source *account_source_get(size_t index)
{
    return index < account_source_count() ? &sources[index] : NULL;
}

size_t account_source_count(void)
{
    return sizeof(sources) / sizeof(sources[0]);
}

void accounts_discover(const struct account_system *system, struct account_discovery *out)
{
    size_t i;
    memset(out, 0, sizeof(*out));
    for (i = 0; i < account_source_count(); i++) {
        const struct account_source *source = &sources[i];
        enum account_read_result result;
        if (!source->present(system))
            continue;
        result = source->read(system, &out->accounts);
        out->store[source->program] = result == ACCOUNT_READ_OK ? STORE_READ : STORE_DAMAGED;
        if (result == ACCOUNT_READ_NO_MEMORY)
            out->no_memory = 1;
    }
}

/* %APPDATA%\Thunderbird\NAME */
static int thunderbird_file(const struct account_system *system, const char *name, char *out, size_t size)
{
    char folder[600];
    if (system->app_data(system->context, folder, sizeof(folder)) != 0)
        return -1;
    return text_format(out, size, "%s\\Thunderbird\\%s", folder, name) < (int)size ? 0 : -1;
}

int thunderbird_present(const struct account_system *system)
{
    char path[800], *data = NULL;
    size_t length;
    enum account_file_result result;
    if (thunderbird_file(system, "profiles.ini", path, sizeof(path)) != 0)
        return 0;
    /* Present means there: a file too large or unreadable is a damaged store. */
    result = system->read_file(system->context, path, PROFILES_INI_LIMIT, &data, &length);
    free(data);
    return result != ACCOUNT_FILE_ABSENT;
}

/* A profile's prefs.js: below the Thunderbird folder when relative, else where it says. */
static int prefs_path(const struct account_system *system, const struct thunderbird_profile *profile, char *out,
                      size_t size)
{
    char *p;
    int length;
    if (profile->relative) {
        char folder[800];
        if (thunderbird_file(system, profile->path, folder, sizeof(folder)) != 0)
            return -1;
        length = text_format(out, size, "%s\\prefs.js", folder);
    } else {
        length = text_format(out, size, "%s\\prefs.js", profile->path);
    }
    if (length >= (int)size)
        return -1;
    for (p = out; *p; p++)
        if (*p == '/')
            *p = '\\';
    return 0;
}

enum account_read_result thunderbird_read(const struct account_system *system, struct account_list *out)
{
    struct thunderbird_profile *profiles = calloc(THUNDERBIRD_MAX_PROFILES, sizeof(*profiles));
    char path[1200], *data = NULL;
    size_t length = 0;
    int count, i, damaged = 0;
    enum account_file_result file;

    if (!profiles)
        return ACCOUNT_READ_NO_MEMORY;
    if (thunderbird_file(system, "profiles.ini", path, sizeof(path)) != 0) {
        free(profiles);
        return ACCOUNT_READ_DAMAGED;
    }
    file = system->read_file(system->context, path, PROFILES_INI_LIMIT, &data, &length);
    if (file == ACCOUNT_FILE_NO_MEMORY) {
        free(profiles);
        return ACCOUNT_READ_NO_MEMORY;
    }
    count = file == ACCOUNT_FILE_OK ? thunderbird_profiles(data, length, profiles) : -1;
    free(data);
    if (count < 0)
        damaged = 1;
    for (i = 0; i < count; i++) {
        enum account_read_result result;
        data = NULL;
        if (prefs_path(system, &profiles[i], path, sizeof(path)) != 0) {
            damaged = 1;
            continue;
        }
        file = system->read_file(system->context, path, PREFS_JS_LIMIT, &data, &length);
        if (file == ACCOUNT_FILE_ABSENT)
            continue;   /* a profile never opened has no prefs.js yet */
        if (file != ACCOUNT_FILE_OK) {
            free(data);
            if (file == ACCOUNT_FILE_NO_MEMORY) {
                free(profiles);
                return ACCOUNT_READ_NO_MEMORY;
            }
            damaged = 1;
            continue;
        }
        result = thunderbird_read_prefs(data, length, out);
        free(data);
        if (result == ACCOUNT_READ_NO_MEMORY) {
            free(profiles);
            return result;
        }
        if (result != ACCOUNT_READ_OK)
            damaged = 1;
    }
    free(profiles);
    return damaged ? ACCOUNT_READ_DAMAGED : ACCOUNT_READ_OK;
}

enum account_file_result account_store_file(const struct account_system *system, const char *path, char **data,
                                            size_t *length)
{
    enum account_file_result result;
    *data = NULL;
    result = system->read_file(system->context, path, ACCOUNT_FILE_MAX + 1, data, length);
    if (result != ACCOUNT_FILE_OK) {
        free(*data);
        *data = NULL;
    }
    return result;
}

static enum account_read_result file_failure(enum account_file_result result)
{
    return result == ACCOUNT_FILE_NO_MEMORY ? ACCOUNT_READ_NO_MEMORY : ACCOUNT_READ_DAMAGED;
}

/* Where Sylpheed's installer (sylpheed.nsi, PRODUCT_DIR_REGKEY) records sylpheed.exe. */
#define SYLPHEED_APP_PATH "SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\App Paths\\sylpheed.exe"

/* The folder of the installed sylpheed.exe: 0, or -1 when none is recorded. */
static int sylpheed_program_folder(const struct account_system *system, char *out, size_t size)
{
    struct account_value_reader reader = { system->machine, 0, 0 };
    char *last;
    if (!system->machine || !account_read_string(&reader, SYLPHEED_APP_PATH, "", out, size))
        return -1;
    last = strrchr(out, '\\');
    if (!last || last == out)
        return -1;
    *last = '\0';
    return 0;
}

/* Whether a sylpheed.ini path is absolute as GLib judges it on Windows (g_path_is_absolute):
 * from a root ("\\..." or "/...") or a drive ("C:\\..."). */
static int sylpheed_path_is_absolute(const char *path)
{
    if (path[0] == '\\' || path[0] == '/')
        return 1;
    return ((path[0] >= 'A' && path[0] <= 'Z') || (path[0] >= 'a' && path[0] <= 'z')) && path[1] == ':' &&
           (path[2] == '\\' || path[2] == '/');
}

enum sylpheed_place { SYLPHEED_PLACE_FOUND, SYLPHEED_PLACE_NONE, SYLPHEED_PLACE_DAMAGED };

/* accountrc's path: in the folder sylpheed.ini beside the installed sylpheed.exe names
 * (relative to sylpheed.exe's folder, as Sylpheed's set_rc_dir takes it), else in
 * %APPDATA%\\Sylpheed. DAMAGED when sylpheed.ini is there but cannot be read. */
static enum sylpheed_place sylpheed_file(const struct account_system *system, char *out, size_t size)
{
    char folder[600], ini[700], dir[600], *data;
    size_t length;
    if (sylpheed_program_folder(system, folder, sizeof(folder)) == 0 &&
        text_format(ini, sizeof(ini), "%s\\sylpheed.ini", folder) < (int)sizeof(ini)) {
        enum account_file_result file = account_store_file(system, ini, &data, &length);
        int named;
        if (file != ACCOUNT_FILE_OK && file != ACCOUNT_FILE_ABSENT)
            return SYLPHEED_PLACE_DAMAGED;
        if (file == ACCOUNT_FILE_OK) {
            named = system->decode_ansi ? sylpheed_ini_config_dir((const unsigned char *)data, length,
                                                                  system->decode_ansi, system->context, dir,
                                                                  sizeof(dir))
                                        : -1;
            free(data);
            if (named < 0)
                return SYLPHEED_PLACE_DAMAGED;
            if (named == 1) {
                int written = sylpheed_path_is_absolute(dir)
                                  ? text_format(out, size, "%s\\accountrc", dir)
                                  : text_format(out, size, "%s\\%s\\accountrc", folder, dir);
                return written < (int)size ? SYLPHEED_PLACE_FOUND : SYLPHEED_PLACE_DAMAGED;
            }
        }
    }
    if (system->app_data(system->context, folder, sizeof(folder)) != 0)
        return SYLPHEED_PLACE_NONE;
    return text_format(out, size, "%s\\Sylpheed\\accountrc", folder) < (int)size ? SYLPHEED_PLACE_FOUND
                                                                                   : SYLPHEED_PLACE_NONE;
}

int sylpheed_present(const struct account_system *system)
{
    char path[1300], *data;
    size_t length;
    enum sylpheed_place place = sylpheed_file(system, path, sizeof(path));
    if (place != SYLPHEED_PLACE_FOUND)
        return place == SYLPHEED_PLACE_DAMAGED;   /* a damaged sylpheed.ini gets its note */
    return account_store_file(system, path, &data, &length) != ACCOUNT_FILE_ABSENT ? (free(data), 1) : 0;
}

enum account_read_result sylpheed_store_read(const struct account_system *system, struct account_list *out)
{
    char path[1300], *data;
    size_t length;
    enum account_file_result file;
    enum account_read_result result;
    if (sylpheed_file(system, path, sizeof(path)) != SYLPHEED_PLACE_FOUND)
        return ACCOUNT_READ_DAMAGED;
    file = account_store_file(system, path, &data, &length);
    if (file != ACCOUNT_FILE_OK)
        return file_failure(file);
    result = sylpheed_read((const unsigned char *)data, length, out);
    free(data);
    return result;
}

/* Becky!'s data folder, from the registry; 0, or -1 when Becky! has none here. */
static int becky_data_dir(const struct account_system *system, char *out, size_t size)
{
    struct account_value_reader reader = { system->user, 0, 0 };
    size_t length;
    if (account_read_string(&reader, "Software\\RimArts\\B2\\Settings", "DataDir", out, size) != 1)
        return -1;
    length = strlen(out);
    while (length > 0 && out[length - 1] == '\\')
        out[--length] = '\0';
    return length > 0 && length + 1 < size ? 0 : -1;
}

int becky_present(const struct account_system *system)
{
    char folder[600], path[700], *data;
    size_t length;
    if (becky_data_dir(system, folder, sizeof(folder)) != 0 ||
        text_format(path, sizeof(path), "%s\\Folder.lst", folder) >= (int)sizeof(path))
        return 0;
    return account_store_file(system, path, &data, &length) != ACCOUNT_FILE_ABSENT ? (free(data), 1) : 0;
}

struct becky_files {
    const struct account_system *system;
    const char *folder;
};

static int becky_mailbox(void *context, const char *mailbox, struct strbuf *contents)
{
    const struct becky_files *files = context;
    char path[1000], *data;
    size_t length;
    enum account_file_result file;
    if (text_format(path, sizeof(path), "%s\\%s\\Mailbox.ini", files->folder, mailbox) >= (int)sizeof(path))
        return -1;
    file = account_store_file(files->system, path, &data, &length);
    if (file == ACCOUNT_FILE_ABSENT)
        return 0;
    if (file != ACCOUNT_FILE_OK)
        return -1;
    strbuf_append_n(contents, data, length);
    free(data);
    return contents->failed ? -1 : 1;
}

enum account_read_result becky_store_read(const struct account_system *system, struct account_list *out)
{
    char folder[600], path[700], *data;
    size_t length;
    enum account_file_result file;
    enum account_read_result result;
    struct becky_files files;
    if (!system->decode_shift_jis || becky_data_dir(system, folder, sizeof(folder)) != 0 ||
        text_format(path, sizeof(path), "%s\\Folder.lst", folder) >= (int)sizeof(path))
        return ACCOUNT_READ_DAMAGED;
    file = account_store_file(system, path, &data, &length);
    if (file != ACCOUNT_FILE_OK)
        return file_failure(file);
    files.system = system;
    files.folder = folder;
    result = becky_read((const unsigned char *)data, length, system->decode_shift_jis, system->context, becky_mailbox,
                        &files, out);
    free(data);
    return result;
}
