/* File access with CreateFileW, so names in any language work on XP. */
#include "files.h"
#include "platform.h"
#include "wide.h"

#include <stdlib.h>
#include <string.h>

static HANDLE open_file(const char *path, DWORD access, DWORD share, DWORD disposition)
{
    wchar_t *wide = wide_from_utf8(path);
    HANDLE file;
    if (!wide) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return INVALID_HANDLE_VALUE;
    }
    file = CreateFileW(wide, access, share, NULL, disposition, FILE_ATTRIBUTE_NORMAL, NULL);
    free(wide);
    return file;
}

unsigned long file_read_all(const char *path, size_t max_size, unsigned char **bytes, size_t *size)
{
    HANDLE file = open_file(path, GENERIC_READ, FILE_SHARE_READ, OPEN_EXISTING);
    DWORD high = 0, low, got = 0;
    unsigned long rc = ERROR_SUCCESS;
    *bytes = NULL;
    *size = 0;
    if (file == INVALID_HANDLE_VALUE)
        return GetLastError();
    low = GetFileSize(file, &high);
    if (low == INVALID_FILE_SIZE && GetLastError() != NO_ERROR)
        rc = GetLastError();
    else if (high != 0 || low > max_size)
        rc = ERROR_FILE_TOO_LARGE;
    else if (!(*bytes = malloc(low ? low : 1)))
        rc = ERROR_NOT_ENOUGH_MEMORY;
    else if (!ReadFile(file, *bytes, low, &got, NULL))
        rc = GetLastError();
    else
        *size = got;
    CloseHandle(file);
    if (rc != ERROR_SUCCESS) {
        free(*bytes);
        *bytes = NULL;
    }
    return rc;
}

/* Writes all of `bytes` to a file opened with open_file and closes it; with `flush`, on
 * the disk before it says so. */
static unsigned long write_and_close(HANDLE file, const void *bytes, size_t size, int flush)
{
    DWORD written = 0;
    unsigned long rc = ERROR_SUCCESS;
    if (file == INVALID_HANDLE_VALUE)
        return GetLastError();
    if (!WriteFile(file, bytes, (DWORD)size, &written, NULL))
        rc = GetLastError();
    else if (written != size)
        rc = ERROR_DISK_FULL;
    else if (flush && !FlushFileBuffers(file))
        rc = GetLastError();
    if (!CloseHandle(file) && rc == ERROR_SUCCESS)
        rc = GetLastError();
    return rc;
}

unsigned long file_write_new(const char *path, const void *bytes, size_t size)
{
    HANDLE file = open_file(path, GENERIC_WRITE, 0, CREATE_NEW);
    unsigned long rc;
    if (file == INVALID_HANDLE_VALUE)
        return GetLastError();
    /* NUL, CON, COM1, "nul.reg" (with an extension still the device on XP): no file would
     * hold the backup. */
    if (GetFileType(file) != FILE_TYPE_DISK) {
        CloseHandle(file);
        return ERROR_INVALID_NAME;
    }
    /* A backup is on the disk before the registry changes: a power cut right after keeps it. */
    rc = write_and_close(file, bytes, size, 1);
    if (rc != ERROR_SUCCESS) {
        wchar_t *wide = wide_from_utf8(path);
        if (wide) {
            DeleteFileW(wide);
            free(wide);
        }
    }
    return rc;
}

unsigned long file_append(const char *path, const void *bytes, size_t size)
{
    return write_and_close(open_file(path, FILE_APPEND_DATA, FILE_SHARE_READ, OPEN_ALWAYS), bytes, size, 0);
}

int file_exists(const char *path)
{
    wchar_t *wide = wide_from_utf8(path);
    DWORD attributes;
    if (!wide)
        return 0;
    attributes = GetFileAttributesW(wide);
    free(wide);
    return attributes != INVALID_FILE_ATTRIBUTES;
}

/* MoveFileEx as its callers need it: replacing, and on the disk before it returns. */
static unsigned long move_replacing(const wchar_t *from, const wchar_t *to)
{
    return MoveFileExW(from, to, MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH) ? ERROR_SUCCESS : GetLastError();
}

unsigned long file_rename(const char *from, const char *to)
{
    wchar_t *wide_from = wide_from_utf8(from), *wide_to = wide_from_utf8(to);
    unsigned long rc = wide_from && wide_to ? move_replacing(wide_from, wide_to) : ERROR_NOT_ENOUGH_MEMORY;
    free(wide_from);
    free(wide_to);
    return rc;
}

unsigned long file_replace(const char *path, const void *bytes, size_t size)
{
    size_t length = strlen(path);
    char *fresh = malloc(length + 5);
    wchar_t *wide_fresh = NULL, *wide_path = wide_from_utf8(path);
    unsigned long rc = ERROR_NOT_ENOUGH_MEMORY;
    if (fresh && wide_path) {
        memcpy(fresh, path, length);
        memcpy(fresh + length, ".new", 5);
        wide_fresh = wide_from_utf8(fresh);
    }
    if (wide_fresh) {
        wchar_t crash[4];
        rc = write_and_close(open_file(fresh, GENERIC_WRITE, 0, CREATE_ALWAYS), bytes, size, 1);
        if (rc == ERROR_SUCCESS && GetEnvironmentVariableW(L"TLSSWITCH_TEST_CRASH_REPLACE", crash, 4) == 1 &&
            crash[0] == L'1')
            ExitProcess(99);
        if (rc == ERROR_SUCCESS)
            rc = move_replacing(wide_fresh, wide_path);
        if (rc != ERROR_SUCCESS)
            DeleteFileW(wide_fresh);
    }
    free(fresh);
    free(wide_fresh);
    free(wide_path);
    return rc;
}
