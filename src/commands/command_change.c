/* /apply, /set, /restore, /undo and /backup: every change is planned against a model
 * of the registry, shown, checked for write access, backed up, carried out, and put
 * back if any write fails. */
#include "commands.h"
#include "services.h"
#include "../win32/console.h"
#include "../win32/errors.h"
#include "../win32/files.h"
#include "../win32/late_bound.h"
#include "../win32/platform.h"
#include "../win32/regstore_win32.h"
#include "../win32/schannel_probe.h"
#include "../win32/wide.h"
#include "../core/change.h"
#include "../core/exitcodes.h"
#include "../core/plan.h"
#include "../core/plan_text.h"
#include "../core/profiles.h"
#include "../core/regfile.h"
#include "../core/report.h"
#include "../core/regstore_fault.h"
#include "../core/regstore_memory.h"
#include "../../res/version.h"

#include <shlobj.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MUTEX_NAME L"Global\\TLSSwitch.Registry"
#define MUTEX_WAIT_MS 5000

struct change_context {
    const struct options *options;
    enum language language;
    const char *command_word;   /* "apply", "set", "restore", "undo": in backup file names */
    char command_text[512];     /* "/apply recommended", for the backup comment and the log */
    struct change_preview *preview;   /* when set, receives the plan and its meaning */
    char backup_path[MAX_PATH * 3];   /* the automatic backup, once written */
};

static void say_windows_error(enum language language, enum message_id id, const char *what, unsigned long code)
{
    char reason[512];
    windows_error_text(code, reason, sizeof(reason));
    console_message(CONSOLE_ERR, language, id, what, reason);
}

static void local_timestamp(char *out, size_t size, int for_file_name)
{
    SYSTEMTIME now;
    GetLocalTime(&now);
    if (for_file_name)
        text_format(out, size, "%04u%02u%02u-%02u%02u%02u-%03u", now.wYear, now.wMonth, now.wDay, now.wHour,
                 now.wMinute, now.wSecond, now.wMilliseconds);
    else
        text_format(out, size, "%04u-%02u-%02u %02u:%02u:%02u", now.wYear, now.wMonth, now.wDay, now.wHour,
                 now.wMinute, now.wSecond);
}

/* "...\TLS Switch\backups" under the all-users application data folder, created if needed.
 * When it cannot be had, `out` holds "TLS Switch\backups", for messages. */
unsigned long change_backup_folder(char *out, size_t size)
{
    wchar_t base[MAX_PATH + 64];
    char *utf8;
    HRESULT hr = late_folder_path(CSIDL_COMMON_APPDATA | CSIDL_FLAG_CREATE, base);
    unsigned long rc = ERROR_SUCCESS;
    text_format(out, size, "%s", "TLS Switch\\backups");
    if (FAILED(hr))
        return (unsigned long)hr;
    wcscat(base, L"\\TLS Switch");
    if (!CreateDirectoryW(base, NULL) && GetLastError() != ERROR_ALREADY_EXISTS)
        return GetLastError();
    wcscat(base, L"\\backups");
    if (!CreateDirectoryW(base, NULL) && GetLastError() != ERROR_ALREADY_EXISTS)
        return GetLastError();
    utf8 = utf8_from_wide(base);
    if (utf8)
        text_format(out, size, "%s", utf8);
    else
        rc = ERROR_NOT_ENOUGH_MEMORY;
    free(utf8);
    return rc;
}

static struct fault_store fault_from_environment(void)
{
    struct fault_store fault;
    wchar_t value[32];
    memset(&fault, 0, sizeof(fault));
    fault.inner = regstore_win32();
    if (GetEnvironmentVariableW(L"TLSSWITCH_TEST_FAIL_WRITE", value, 32) > 0)
        fault.fail_write_number = (unsigned)wcstoul(value, NULL, 10);
    if (GetEnvironmentVariableW(L"TLSSWITCH_TEST_DENY_WRITE", value, 32) > 0)
        fault.deny_write_access = value[0] == L'1';
    return fault;
}

/* Writes the backup to a new file named by date and time; returns its path in out. */
static unsigned long write_automatic_backup(const struct regstore *current, const struct plan *plan,
                                            const struct change_context *context, char *out, size_t size)
{
    char folder[MAX_PATH * 3], stamp[32], comment[700];
    struct strbuf bytes;
    unsigned long rc = change_backup_folder(folder, sizeof(folder));
    int attempt;
    if (rc != ERROR_SUCCESS) {
        text_format(out, size, "%s", folder);   /* its name, for the message */
        return rc;
    }
    local_timestamp(stamp, sizeof(stamp), 0);
    text_format(comment, sizeof(comment), "TLS Switch %s backup, %s, before: tlsswitch %s", TLSSWITCH_VERSION_STRING,
             stamp, context->command_text);
    strbuf_init(&bytes);
    if (regfile_write_backup(current, plan, comment, &bytes) != REGSTORE_OK || bytes.failed) {
        strbuf_free(&bytes);
        return ERROR_NOT_ENOUGH_MEMORY;
    }
    for (attempt = 0; attempt < 50; attempt++) {
        local_timestamp(stamp, sizeof(stamp), 1);
        text_format(out, size, "%s\\%s-%s.reg", folder, stamp, context->command_word);
        rc = file_write_new(out, bytes.data, bytes.length);
        if (rc != ERROR_FILE_EXISTS)
            break;
        Sleep(2);
    }
    strbuf_free(&bytes);
    return rc;
}

static unsigned long append_log(const struct change_context *context, const struct plan *plan)
{
    struct strbuf text, line;
    char stamp[32];
    size_t i;
    unsigned long rc;
    local_timestamp(stamp, sizeof(stamp), 0);
    strbuf_init(&text);
    strbuf_init(&line);
    for (i = 0; i < plan->count; i++) {
        strbuf_clear(&line);
        change_describe(&plan->items[i], context->language, &line);
        strbuf_printf(&text, "%s tlsswitch %s:%s", stamp, context->command_text, line.failed ? "" : line.data + 1);
        text.length -= 1;   /* CRLF for Windows */
        strbuf_append(&text, "\r\n");
    }
    rc = text.failed ? ERROR_NOT_ENOUGH_MEMORY : file_append(context->options->log_file, text.data, text.length);
    strbuf_free(&text);
    strbuf_free(&line);
    return rc;
}

int change_allowed(void)
{
    struct fault_store fault = fault_from_environment();
    struct regstore real = fault_store_wrap(&fault);
    return real.ops->check_write_access(real.context, SCHANNEL_KEY_PATH) != REGSTORE_ACCESS_DENIED;
}

/* The sequence's first step: shows the plan, and hands it to the window's preview. */
static void show_plan(void *argument, const struct regstore *before, const struct regstore *after,
                      const struct plan *plan)
{
    struct change_context *context = argument;
    struct strbuf text;
    strbuf_init(&text);
    plan_describe(plan, context->language, &text);
    if (!text.failed)
        console_write(CONSOLE_OUT, text.data);
    if (context->preview) {
        struct schannel_settings was, will;
        context->preview->count = (unsigned)plan->count;
        if (!text.failed)
            strbuf_append(&context->preview->plan, text.data);
        if (regstore_read_settings(before, &was) == REGSTORE_OK && regstore_read_settings(after, &will) == REGSTORE_OK)
            report_settings_change(&was, &will, context->language, &context->preview->meaning);
    }
    strbuf_free(&text);
}

/* The step right before the first write: the log must open, and the backup be saved. */
static int prepare_writing(void *argument, const struct regstore *before, const struct plan *plan)
{
    struct change_context *context = argument;
    const struct options *options = context->options;
    if (options->log_file) {
        /* A new log starts with a BOM, so that Notepad on XP reads its UTF-8. */
        int fresh = !file_exists(options->log_file);
        unsigned long log_rc = file_append(options->log_file, "\xEF\xBB\xBF", fresh ? 3 : 0);
        if (log_rc != ERROR_SUCCESS) {
            say_windows_error(context->language, MSG_ERR_LOG_OPEN, options->log_file, log_rc);
            return EXIT_FILE_ERROR;
        }
    }
    if (!options->no_backup) {
        unsigned long backup_rc =
            write_automatic_backup(before, plan, context, context->backup_path, sizeof(context->backup_path));
        if (backup_rc != ERROR_SUCCESS) {
            say_windows_error(context->language, MSG_ERR_BACKUP_FAILED, context->backup_path, backup_rc);
            return EXIT_FILE_ERROR;
        }
        console_message(CONSOLE_OUT, context->language, MSG_BACKUP_SAVED, context->backup_path);
    }
    /* From here on this process's Schannel may hold old settings: a /test after this
     * one in the same run tests in a new process. */
    schannel_note_settings_changed();
    return 0;
}

/* What the end of the sequence means for the user, and the exit code. */
static int report_change(struct change_context *context, const struct change_result *result)
{
    enum language language = context->language;
    char first[512], second[512];
    switch (result->end) {
    case CHANGE_NOTHING_TO_DO:
        console_message(CONSOLE_OUT, language, MSG_NOTHING_TO_CHANGE);
        return EXIT_DONE;
    case CHANGE_PLANNED_ONLY:
        console_message(CONSOLE_OUT, language, MSG_WHATIF_NOTHING_WRITTEN);
        return EXIT_DONE;
    case CHANGE_READ_FAILED:
        windows_error_text((unsigned long)result->error, first, sizeof(first));
        console_message(CONSOLE_ERR, language, MSG_ERR_REGISTRY_READ, SCHANNEL_KEY_PATH, first);
        return EXIT_SYSTEM_ERROR;
    case CHANGE_NOT_ALLOWED:
        if (result->error == REGSTORE_ACCESS_DENIED) {
            text_format(first, sizeof(first), "HKLM\\%s", result->denied_path);
            console_message(CONSOLE_ERR, language, MSG_ERR_NOT_ADMIN, first);
            return EXIT_NOT_ALLOWED;
        }
        say_windows_error(language, MSG_ERR_REGISTRY_READ, result->denied_path, (unsigned long)result->error);
        return EXIT_SYSTEM_ERROR;
    case CHANGE_STOPPED:
        return EXIT_FILE_ERROR;
    case CHANGE_WRITE_FAILED:
        windows_error_text((unsigned long)result->execute.error, first, sizeof(first));
        if (result->execute.rollback_error == REGSTORE_OK) {
            console_message(CONSOLE_ERR, language, MSG_ERR_WRITE_ROLLED_BACK, first);
        } else {
            windows_error_text((unsigned long)result->execute.rollback_error, second, sizeof(second));
            if (context->backup_path[0])
                console_message(CONSOLE_ERR, language, MSG_ERR_WRITE_ROLLBACK_FAILED, first, second,
                                context->backup_path);
            else
                console_message(CONSOLE_ERR, language, MSG_ERR_WRITE_ROLLBACK_FAILED_NO_BACKUP, first, second);
        }
        return EXIT_SYSTEM_ERROR;
    case CHANGE_WRITTEN:
        break;
    }
    if (context->options->log_file) {
        unsigned long log_rc = append_log(context, &result->plan);
        if (log_rc != ERROR_SUCCESS)
            say_windows_error(language, MSG_ERR_FILE_WRITE, context->options->log_file, log_rc);
    }
    console_message(CONSOLE_OUT, language, MSG_CHANGES_WRITTEN, (unsigned)result->plan.count);
    console_message(CONSOLE_OUT, language, MSG_NEXT_STEPS);
    return EXIT_CHANGED;
}

/* Plans `ops` against the registry and, unless /whatif, carries the plan out: one change
 * at a time on this PC (a named mutex), through the core's change sequence. */
static int change_registry(struct change_context *context, const struct regops *ops)
{
    struct fault_store fault = fault_from_environment();
    struct regstore real = fault_store_wrap(&fault);
    struct change_steps steps = { NULL, show_plan, prepare_writing };
    struct change_result result;
    HANDLE mutex = CreateMutexW(NULL, FALSE, MUTEX_NAME);
    DWORD waited = mutex ? WaitForSingleObject(mutex, 0) : WAIT_FAILED;
    int exit_code;

    /* A second instance waits a little, then gives up. */
    if (waited == WAIT_TIMEOUT) {
        console_message(CONSOLE_ERR, context->language, MSG_WAITING_FOR_OTHER);
        waited = WaitForSingleObject(mutex, MUTEX_WAIT_MS);
        if (waited == WAIT_TIMEOUT) {
            console_message(CONSOLE_ERR, context->language, MSG_ERR_BUSY);
            CloseHandle(mutex);
            return EXIT_BUSY;
        }
    }
    /* No lock (another kind of object holds its name): no change without one. */
    if (waited != WAIT_OBJECT_0 && waited != WAIT_ABANDONED) {
        char reason[512];
        windows_error_text(GetLastError(), reason, sizeof(reason));
        console_message(CONSOLE_ERR, context->language, MSG_ERR_NO_LOCK, reason);
        if (mutex)
            CloseHandle(mutex);
        return EXIT_SYSTEM_ERROR;
    }
    /* Its last owner ended without letting go: in the middle of a change. */
    if (waited == WAIT_ABANDONED) {
        char backups[MAX_PATH * 3];
        change_backup_folder(backups, sizeof(backups));   /* its name, even when it cannot be had */
        console_message(CONSOLE_ERR, context->language, MSG_WARN_CHANGE_INTERRUPTED, backups);
    }
    steps.context = context;
    change_run(&real, SCHANNEL_KEY_PATH, ops, context->options->whatif, &steps, &result);
    exit_code = report_change(context, &result);
    change_result_free(&result);
    ReleaseMutex(mutex);
    CloseHandle(mutex);
    return exit_code;
}

/* Reads and checks a .reg file completely; prints the reason and returns EXIT_FILE_ERROR
 * when it is refused. */
static int read_reg_file(const char *path, enum language language, struct regops *ops)
{
    unsigned char *bytes = NULL;
    size_t size = 0;
    struct strbuf text;
    struct regfile_error error;
    unsigned long rc = file_read_all(path, REGFILE_MAX_BYTES, &bytes, &size);
    int unicode, exit_code = EXIT_DONE;

    memset(&error, 0, sizeof(error));
    strbuf_init(&text);
    if (rc != ERROR_SUCCESS) {
        say_windows_error(language, MSG_ERR_FILE_READ, path, rc);
        return EXIT_FILE_ERROR;
    }
    unicode = regfile_decode_unicode(bytes, size, &text, &error);
    if (unicode == 0 && size > 0) {
        /* An ANSI file (REGEDIT4): convert from this Windows' ANSI code page. */
        int wide_length = MultiByteToWideChar(CP_ACP, 0, (const char *)bytes, (int)size, NULL, 0);
        wchar_t *wide = wide_length > 0 ? malloc(((size_t)wide_length + 1) * sizeof(wchar_t)) : NULL;
        int utf8_length;
        if (wide) {
            MultiByteToWideChar(CP_ACP, 0, (const char *)bytes, (int)size, wide, wide_length);
            utf8_length = WideCharToMultiByte(CP_UTF8, 0, wide, wide_length, NULL, 0, NULL, NULL);
            if (utf8_length > 0) {
                char *utf8 = malloc((size_t)utf8_length);
                if (utf8) {
                    WideCharToMultiByte(CP_UTF8, 0, wide, wide_length, utf8, utf8_length, NULL, NULL);
                    strbuf_append_n(&text, utf8, (size_t)utf8_length);
                    free(utf8);
                }
            }
            free(wide);
        }
    }
    free(bytes);
    if (unicode >= 0 && size > 0 && text.length == 0)
        unicode = -1, error.reason = MSG_REGFILE_TOO_LARGE;
    if (unicode >= 0 && size == 0)
        unicode = -1, error.reason = MSG_REGFILE_EMPTY;
    if (unicode >= 0 && regfile_parse(text.data, text.length, unicode, ops, &error) != 0)
        unicode = -1;
    if (unicode < 0) {
        struct strbuf reason;
        strbuf_init(&reason);
        strbuf_printf(&reason, message_text(language, error.reason), error.detail);
        console_message(CONSOLE_ERR, language, MSG_REGFILE_WHERE, path, error.line, reason.failed ? "" : reason.data);
        strbuf_free(&reason);
        exit_code = EXIT_FILE_ERROR;
    }
    strbuf_free(&text);
    return exit_code;
}

/* The newest automatic backup that /undo itself did not make. */
static int newest_backup(char *out, size_t size, char *folder, size_t folder_size)
{
    WIN32_FIND_DATAW found;
    wchar_t pattern[MAX_PATH * 3];
    wchar_t best[MAX_PATH] = L"";
    HANDLE search;
    wchar_t *wide_folder;
    char *utf8;

    if (change_backup_folder(folder, folder_size) != ERROR_SUCCESS)
        return -1;
    wide_folder = wide_from_utf8(folder);
    if (!wide_folder)
        return -1;
    _snwprintf(pattern, MAX_PATH * 3 - 1, L"%ls\\*.reg", wide_folder);
    pattern[MAX_PATH * 3 - 1] = L'\0';
    free(wide_folder);
    search = FindFirstFileW(pattern, &found);
    if (search == INVALID_HANDLE_VALUE)
        return -1;
    do {
        size_t length = wcslen(found.cFileName);
        if (length > 9 && _wcsicmp(found.cFileName + length - 9, L"-undo.reg") == 0)
            continue;
        if (wcscmp(found.cFileName, best) > 0 && length < MAX_PATH)
            wcscpy(best, found.cFileName);
    } while (FindNextFileW(search, &found));
    FindClose(search);
    if (!best[0])
        return -1;
    utf8 = utf8_from_wide(best);
    if (!utf8)
        return -1;
    text_format(out, size, "%s\\%s", folder, utf8);
    free(utf8);
    return 0;
}

static int run_change(const struct options *options, enum language language, struct change_preview *preview)
{
    struct change_context context;
    struct regops ops = { NULL, 0 };
    char undo_file[MAX_PATH * 4];
    const char *file = options->command_value;
    int exit_code = EXIT_DONE;

    memset(&context, 0, sizeof(context));
    context.options = options;
    context.language = language;
    context.command_word = args_command_name(options->command);
    context.preview = preview;
    text_format(context.command_text, sizeof(context.command_text), "/%s%s%s", context.command_word,
             options->command_value ? " " : "", options->command_value ? options->command_value : "");
    text_utf8_drop_cut(context.command_text);   /* a long file name, cut: the backup must stay UTF-8 */

    switch (options->command) {
    case COMMAND_APPLY:
    case COMMAND_SET: {
        struct protocol_targets targets;
        if (options->command == COMMAND_APPLY) {
            if (profile_targets(options->command_value, &targets) != 0) {
                console_message(CONSOLE_ERR, language, MSG_ERR_UNKNOWN_PROFILE, options->command_value);
                return EXIT_USAGE;
            }
        } else {
            char *bad = NULL;
            if (set_spec_parse(options->command_value, &targets, &bad) != 0) {
                console_message(CONSOLE_ERR, language, MSG_ERR_BAD_SET_SPEC, bad ? bad : options->command_value);
                free(bad);
                return EXIT_USAGE;
            }
        }
        if (targets_to_regops(&targets, &ops) != REGSTORE_OK) {
            say_windows_error(language, MSG_ERR_WINDOWS_CALL, "malloc", ERROR_NOT_ENOUGH_MEMORY);
            regops_free(&ops);
            return EXIT_SYSTEM_ERROR;
        }
        break;
    }
    case COMMAND_UNDO:
    case COMMAND_RESTORE:
        /* /undo is /restore of the newest automatic backup. */
        if (options->command == COMMAND_UNDO) {
            char folder[MAX_PATH * 3] = "";
            if (newest_backup(undo_file, sizeof(undo_file), folder, sizeof(folder)) != 0) {
                console_message(CONSOLE_ERR, language, MSG_ERR_NO_BACKUP_FOR_UNDO, folder);
                return EXIT_FILE_ERROR;
            }
            file = undo_file;
        }
        console_message(CONSOLE_OUT, language, MSG_RESTORE_FROM, file);
        exit_code = read_reg_file(file, language, &ops);
        if (exit_code != EXIT_DONE)
            return exit_code;
        break;
    default:
        return EXIT_USAGE;
    }
    exit_code = change_registry(&context, &ops);
    regops_free(&ops);
    return exit_code;
}

int command_change(const struct options *options, enum language language)
{
    return run_change(options, language, NULL);
}

int command_change_preview(const struct options *options, enum language language, struct change_preview *preview)
{
    struct options whatif = *options;
    whatif.whatif = 1;
    preview->count = 0;
    return run_change(&whatif, language, preview);
}

int command_backup(const struct options *options, enum language language)
{
    struct regstore real = regstore_win32();
    struct memory_registry *model_memory = memory_registry_new();
    struct regstore model;
    struct strbuf bytes;
    char stamp[32], comment[256];
    unsigned long rc;
    long read_rc;

    if (!model_memory)
        return EXIT_SYSTEM_ERROR;
    model = memory_registry_store(model_memory);
    strbuf_init(&bytes);
    read_rc = model_load(&real, SCHANNEL_KEY_PATH, &model);
    if (read_rc != REGSTORE_OK) {
        say_windows_error(language, MSG_ERR_REGISTRY_READ, SCHANNEL_KEY_PATH, (unsigned long)read_rc);
        memory_registry_free(model_memory);
        return EXIT_SYSTEM_ERROR;
    }
    local_timestamp(stamp, sizeof(stamp), 0);
    text_format(comment, sizeof(comment), "TLS Switch %s backup, %s", TLSSWITCH_VERSION_STRING, stamp);
    if (regfile_write_backup(&model, NULL, comment, &bytes) != REGSTORE_OK || bytes.failed)
        rc = ERROR_NOT_ENOUGH_MEMORY;
    else
        rc = file_write_new(options->command_value, bytes.data, bytes.length);
    strbuf_free(&bytes);
    memory_registry_free(model_memory);
    if (rc == ERROR_FILE_EXISTS) {
        console_message(CONSOLE_ERR, language, MSG_ERR_FILE_EXISTS, options->command_value);
        return EXIT_FILE_ERROR;
    }
    if (rc != ERROR_SUCCESS) {
        say_windows_error(language, MSG_ERR_FILE_WRITE, options->command_value, rc);
        return EXIT_FILE_ERROR;
    }
    console_message(CONSOLE_OUT, language, MSG_BACKUP_SAVED, options->command_value);
    return EXIT_DONE;
}
