/* The account readers' view of Windows: %APPDATA% from the environment (XP sets it for
 * every user), files read with file_read_all, which refuses a file over the limit, and
 * Shift-JIS decoded by Windows. */
#include "account_system.h"
#include "files.h"
#include "platform.h"
#include "regstore_win32.h"
#include "wide.h"

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

/* Becky!'s files are in Shift-JIS whatever the system's code page: code page 932, which
 * every XP has, refusing bytes that are not valid in it. */
static int decode_shift_jis(void *context, const unsigned char *bytes, size_t size, struct strbuf *utf8)
{
    wchar_t *wide;
    char *text;
    int length;
    (void)context;
    if (size == 0)
        return 0;
    if (size > ACCOUNT_FILE_MAX)
        return -1;
    length = MultiByteToWideChar(932, MB_ERR_INVALID_CHARS, (const char *)bytes, (int)size, NULL, 0);
    if (length <= 0)
        return -1;
    wide = malloc(((size_t)length + 1) * sizeof(wchar_t));
    if (!wide)
        return -1;
    MultiByteToWideChar(932, MB_ERR_INVALID_CHARS, (const char *)bytes, (int)size, wide, length);
    wide[length] = L'\0';
    text = utf8_from_wide(wide);
    free(wide);
    if (!text)
        return -1;
    strbuf_append(utf8, text);
    free(text);
    return utf8->failed ? -1 : 0;
}

void account_system_win32(struct account_system *system, struct regstore *user)
{
    *user = regstore_win32_user();
    system->user = user;
    system->context = NULL;
    system->app_data = app_data;
    system->read_file = read_file;
    system->decode_shift_jis = decode_shift_jis;
}
