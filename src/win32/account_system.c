/* The account readers' view of Windows: %APPDATA% from the environment (XP sets it for
 * every user), files read with file_read_all, which refuses a file over the limit,
 * Shift-JIS and the ANSI code page decoded by Windows, the machine's registry read only, folders listed with FindFirstFileW, and the local
 * application data folder and REG_EXPAND_SZ values for Windows (Live) Mail's Store Root. */
#include "account_system.h"
#include "files.h"
#include "late_bound.h"
#include "platform.h"
#include "regstore_win32.h"
#include "wide.h"

#include <shlobj.h>
#include <stdlib.h>
#include <string.h>

static int app_data(void *context, char *out, size_t size)
{
    wchar_t folder[MAX_PATH + 1];
    DWORD length = GetEnvironmentVariableW(L"APPDATA", folder, MAX_PATH + 1);
    char *utf8;
    (void)context;
    if (length == 0 || length > MAX_PATH)
        return -1;
    while (length > 0 && folder[length - 1] == L'\\')
        folder[--length] = L'\0';
    utf8 = utf8_from_wide(folder);
    if (!utf8 || strlen(utf8) >= size) {
        free(utf8);
        return -1;
    }
    strcpy(out, utf8);
    free(utf8);
    return 0;
}

static enum account_file_result read_file(void *context, const char *path, size_t limit, char **data, size_t *length)
{
    unsigned char *bytes = NULL;
    size_t size = 0;
    unsigned long rc = file_read_all(path, limit, &bytes, &size);
    (void)context;
    *data = NULL;
    *length = 0;
    switch (rc) {
    case ERROR_SUCCESS:
        *data = (char *)bytes;
        *length = size;
        return ACCOUNT_FILE_OK;
    case ERROR_FILE_NOT_FOUND:
    case ERROR_PATH_NOT_FOUND:
        return ACCOUNT_FILE_ABSENT;
    case ERROR_FILE_TOO_LARGE:
        return ACCOUNT_FILE_TOO_LARGE;
    case ERROR_NOT_ENOUGH_MEMORY:
        return ACCOUNT_FILE_NO_MEMORY;
    default:
        free(bytes);
        return ACCOUNT_FILE_FAILED;
    }
}

/* Bytes in a code page into UTF-8, refusing bytes that are not valid in it. */
static int decode_code_page(UINT code_page, const unsigned char *bytes, size_t size, struct strbuf *utf8)
{
    wchar_t *wide;
    char *text;
    int length;
    if (size == 0)
        return 0;
    if (size > ACCOUNT_FILE_MAX)
        return -1;
    length = MultiByteToWideChar(code_page, MB_ERR_INVALID_CHARS, (const char *)bytes, (int)size, NULL, 0);
    if (length <= 0)
        return -1;
    wide = malloc(((size_t)length + 1) * sizeof(wchar_t));
    if (!wide)
        return -1;
    MultiByteToWideChar(code_page, MB_ERR_INVALID_CHARS, (const char *)bytes, (int)size, wide, length);
    wide[length] = L'\0';
    text = utf8_from_wide(wide);
    free(wide);
    if (!text)
        return -1;
    strbuf_append(utf8, text);
    free(text);
    return utf8->failed ? -1 : 0;
}

/* Becky!'s files are in Shift-JIS whatever the system's code page: code page 932, which
 * every XP has. */
static int decode_shift_jis(void *context, const unsigned char *bytes, size_t size, struct strbuf *utf8)
{
    (void)context;
    return decode_code_page(932, bytes, size, utf8);
}

/* sylpheed.ini is in the locale's code page, Windows' ANSI code page. */
static int decode_ansi(void *context, const unsigned char *bytes, size_t size, struct strbuf *utf8)
{
    (void)context;
    return decode_code_page(CP_ACP, bytes, size, utf8);
}

/* A wide string into out as UTF-8: 0, or -1 when it does not fit (a path must not be cut). */
static int put_utf8(const wchar_t *text, char *out, size_t size)
{
    char *utf8 = utf8_from_wide(text);
    int result = utf8 && strlen(utf8) < size ? 0 : -1;
    if (result == 0)
        strcpy(out, utf8);
    free(utf8);
    return result;
}

/* %LOCALAPPDATA% where the environment has it (Vista on), else the shell's folder: XP has
 * no such variable, but SHGetFolderPathW knows the folder (CSIDL_LOCAL_APPDATA, "Local
 * Settings\Application Data", whose name XP translates). */
static int local_app_data(void *context, char *out, size_t size)
{
    wchar_t folder[MAX_PATH + 1];
    DWORD length = GetEnvironmentVariableW(L"LOCALAPPDATA", folder, MAX_PATH + 1);
    (void)context;
    if (length == 0 || length > MAX_PATH) {
        if (late_folder_path(CSIDL_LOCAL_APPDATA, folder) != S_OK)
            return -1;
        length = (DWORD)lstrlenW(folder);
    }
    while (length > 0 && folder[length - 1] == L'\\')
        folder[--length] = L'\0';
    return length > 0 ? put_utf8(folder, out, size) : -1;
}

static int expand(void *context, const char *text, char *out, size_t size)
{
    wchar_t *wide = wide_from_utf8(text), expanded[1024];
    DWORD length;
    (void)context;
    if (!wide)
        return -1;
    length = ExpandEnvironmentStringsW(wide, expanded, sizeof(expanded) / sizeof(expanded[0]));
    free(wide);
    if (length == 0 || length > sizeof(expanded) / sizeof(expanded[0]))
        return -1;
    return put_utf8(expanded, out, size);
}

static enum account_file_result list_folder(void *context, const char *path, struct account_folder_entry *entries,
                                            size_t max, size_t *count)
{
    char *pattern_utf8;
    wchar_t *pattern;
    WIN32_FIND_DATAW found;
    HANDLE search;
    size_t pattern_size = strlen(path) + 3;
    enum account_file_result result = ACCOUNT_FILE_OK;
    DWORD error;
    (void)context;
    *count = 0;
    pattern_utf8 = malloc(pattern_size);
    if (!pattern_utf8)
        return ACCOUNT_FILE_NO_MEMORY;
    text_format(pattern_utf8, pattern_size, "%s\\*", path);
    pattern = wide_from_utf8(pattern_utf8);
    free(pattern_utf8);
    if (!pattern)
        return ACCOUNT_FILE_NO_MEMORY;
    search = FindFirstFileW(pattern, &found);
    error = GetLastError();
    free(pattern);
    if (search == INVALID_HANDLE_VALUE)
        return error == ERROR_FILE_NOT_FOUND || error == ERROR_PATH_NOT_FOUND || error == ERROR_DIRECTORY
                   ? ACCOUNT_FILE_ABSENT
                   : ACCOUNT_FILE_FAILED;
    do {
        if (lstrcmpW(found.cFileName, L".") == 0 || lstrcmpW(found.cFileName, L"..") == 0)
            continue;
        if (*count == max) {
            result = ACCOUNT_FILE_TOO_LARGE;
            break;
        }
        if (put_utf8(found.cFileName, entries[*count].name, sizeof(entries[*count].name)) != 0)
            continue;
        entries[*count].is_folder = (found.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY) != 0;
        (*count)++;
    } while (FindNextFileW(search, &found));
    if (result == ACCOUNT_FILE_OK && GetLastError() != ERROR_NO_MORE_FILES)
        result = ACCOUNT_FILE_FAILED;
    FindClose(search);
    return result;
}

void account_system_win32(struct account_system *system, struct regstore *user)
{
    /* The same for every caller (HKEY_LOCAL_MACHINE, no state): one for the process. */
    static struct regstore machine;
    machine = regstore_win32();
    *user = regstore_win32_user();
    system->user = user;
    system->machine = &machine;
    system->context = NULL;
    system->app_data = app_data;
    system->read_file = read_file;
    system->decode_shift_jis = decode_shift_jis;
    system->decode_ansi = decode_ansi;
    system->list_folder = list_folder;
    system->local_app_data = local_app_data;
    system->expand = expand;
}
