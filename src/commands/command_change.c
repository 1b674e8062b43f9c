/* /apply, /set, /restore, /undo and /backup: every change is planned against a model
 * of the registry, shown, checked for write access, backed up, carried out, and put
 * back if any write fails; the record of changes beside the backups says how each one
 * ended, and /undo goes by it. */
#include "commands.h"
#include "services.h"
#include "../win32/account.h"
#include "../win32/console.h"
#include "../win32/errors.h"
#include "../win32/files.h"
#include "../win32/late_bound.h"
#include "../win32/platform.h"
#include "../win32/regstore_win32.h"
#include "../win32/schannel_probe.h"
#include "../win32/wide.h"
#include "../core/registry/change.h"
#include "../core/exitcodes.h"
#include "../core/registry/plan.h"
#include "../core/registry/plan_text.h"
#include "../core/registry/profiles.h"
#include "../core/registry/regfile.h"
#include "../core/registry/report.h"
#include "../core/registry/regstore_fault.h"
#include "../core/registry/regstore_memory.h"
#include "../core/registry/undo_record.h"
#include "../../res/version.h"

#include <shlobj.h>
#include <stdarg.h>
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
    int limited_user;           /* the test switch TLSSWITCH_TEST_DENY_WRITE: as a user without rights */
    /* The record of changes (undo_record.h), read once the lock is held. */
    int record_loaded;
    char folder[MAX_PATH * 3];        /* the backups folder; "" when it cannot be had */
    char record_path[MAX_PATH * 3];
    enum undo_record_state record_state;
    unsigned record_bad_line;
    struct undo_record record;
    size_t own_entry;                 /* this change's entry, once it begins writing */
    int has_own_entry;
    size_t undoing;                   /* /undo: the entry of the change it undoes */
    int undoing_from_record;
    int record_warned;
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
    if (GetEnvironmentVariableW(L"TLSSWITCH_TEST_FAIL_WRITE", value, 32) > 0) {
        /* N, or N,M: the Mth write fails too, say the first write of the rollback. */
        wchar_t *rest;
        fault.fail_write_number = (unsigned)wcstoul(value, &rest, 10);
        if (*rest == L',')
            fault.also_fail_write_number = (unsigned)wcstoul(rest + 1, NULL, 10);
    }
    if (GetEnvironmentVariableW(L"TLSSWITCH_TEST_DENY_WRITE", value, 32) > 0)
        fault.deny_write_access = value[0] == L'1';
    if (GetEnvironmentVariableW(L"TLSSWITCH_TEST_DENY_SECURITY", value, 32) > 0)
        fault.deny_security = value[0] == L'1';
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

/* Prints a message and, for the window's preview, keeps it: what /undo will undo is
 * shown in its confirmation too. */
static void tell(struct change_context *context, enum console_stream stream, enum message_id id, ...)
{
    struct strbuf text;
    va_list args;
    strbuf_init(&text);
    va_start(args, id);
    strbuf_vprintf(&text, message_text(context->language, id), args);
    va_end(args);
    if (!text.failed) {
        console_write(stream, text.data);
        if (context->preview)
            strbuf_append(&context->preview->about, text.data);
    }
    strbuf_free(&text);
}

/* --- the record of changes (undo_record.h) ---------------------------------------- */

/* Reads the record once the lock is held: no other TLS Switch writes it then. */
static void record_load(struct change_context *context)
{
    unsigned char *bytes = NULL;
    size_t size = 0;
    unsigned long rc;
    if (context->record_loaded)
        return;
    context->record_loaded = 1;
    context->record_state = RECORD_MISSING;
    if (change_backup_folder(context->folder, sizeof(context->folder)) != ERROR_SUCCESS) {
        context->record_path[0] = '\0';   /* no folder, no record: the folder's name stays, for messages */
        return;
    }
    text_format(context->record_path, sizeof(context->record_path), "%s\\%s", context->folder, UNDO_RECORD_FILE);
    rc = file_read_all(context->record_path, 1u << 20, &bytes, &size);
    if (rc == ERROR_FILE_NOT_FOUND || rc == ERROR_PATH_NOT_FOUND)
        return;
    if (rc != ERROR_SUCCESS) {
        context->record_state = RECORD_DAMAGED;   /* there, but not to be read: too large, say */
        context->record_bad_line = 1;
    } else if (undo_record_parse((const char *)bytes, size, &context->record, &context->record_bad_line) != 0) {
        context->record_state = RECORD_DAMAGED;
    } else {
        context->record_state = RECORD_READ;
    }
    free(bytes);
}

static void record_write(struct change_context *context)
{
    struct strbuf text;
    unsigned long rc = ERROR_PATH_NOT_FOUND;
    if (context->record_warned)
        return;   /* said once; the record is left as it is */
    strbuf_init(&text);
    undo_record_format(&context->record, &text);
    if (text.failed)
        rc = ERROR_NOT_ENOUGH_MEMORY;
    else if (context->record_path[0])
        rc = file_replace(context->record_path, text.data, text.length);
    strbuf_free(&text);
    if (rc != ERROR_SUCCESS) {
        say_windows_error(context->language, MSG_WARN_RECORD_NOT_WRITTEN,
                          context->record_path[0] ? context->record_path : context->folder, rc);
        context->record_warned = 1;
    }
}

/* Right before the first write: the change goes into the record as begun, so that one
 * ended in the middle is known as such. */
static void record_begin(struct change_context *context)
{
    char when[32];
    const char *backup = strrchr(context->backup_path, '\\');
    record_load(context);
    if (context->record_state == RECORD_DAMAGED) {
        /* Kept for whoever wants to look; a new record begins with this change. A backup
         * older than it is then one the record does not list, and /undo says so. */
        char stamp[32], kept[MAX_PATH * 3];
        unsigned long rc;
        local_timestamp(stamp, sizeof(stamp), 1);
        text_format(kept, sizeof(kept), "%s\\changes-damaged-%s.txt", context->folder, stamp);
        rc = file_rename(context->record_path, kept);
        if (rc != ERROR_SUCCESS) {
            say_windows_error(context->language, MSG_WARN_RECORD_NOT_WRITTEN, context->record_path, rc);
            context->record_warned = 1;   /* the damaged record stays; it is not overwritten */
            return;
        }
        console_message(CONSOLE_ERR, context->language, MSG_WARN_RECORD_SET_ASIDE, context->record_path,
                        context->record_bad_line, kept);
        undo_record_free(&context->record);
        context->record_state = RECORD_READ;
    }
    local_timestamp(when, sizeof(when), 0);
    if (undo_record_add(&context->record, backup ? backup + 1 : "", when, context->command_text) != REGSTORE_OK)
        return;
    context->own_entry = context->record.count - 1;
    context->has_own_entry = 1;
    record_write(context);
}

/* At the end: how this change ended; and for /undo, that the change it undid is undone. */
static void record_end(struct change_context *context, const struct change_result *result)
{
    int changed = 0;
    if (context->has_own_entry) {
        context->record.entries[context->own_entry].ending = change_ending_of(result);
        changed = 1;
    }
    if (context->undoing_from_record && (result->end == CHANGE_WRITTEN || result->end == CHANGE_NOTHING_TO_DO)) {
        context->record.entries[context->undoing].ending = ENDING_UNDONE;
        changed = 1;
    }
    if (changed)
        record_write(context);
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
    record_begin(context);
    /* From here on this process's Schannel may hold old settings: a /test after this
     * one in the same run tests in a new process. */
    schannel_note_settings_changed();
    return 0;
}

/* Keys put back or created whose saved security descriptor Windows refused: said, and
 * the change stands as it is. */
static void report_security(struct change_context *context, const struct execute_report *execute)
{
    char reason[512];
    if (execute->security_refused == 0)
        return;
    windows_error_text((unsigned long)execute->security_error, reason, sizeof(reason));
    console_message(CONSOLE_ERR, context->language, MSG_WARN_SECURITY_NOT_SET, (unsigned)execute->security_refused,
                    execute->security_refused_path, reason);
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
        console_message(CONSOLE_ERR, language, MSG_ERR_REGISTRY_READ,
                        result->denied_path[0] ? result->denied_path : SCHANNEL_KEY_PATH, first);
        return EXIT_SYSTEM_ERROR;
    case CHANGE_NOT_ALLOWED:
        if (result->error == REGSTORE_ACCESS_DENIED) {
            /* An administrator refused is refused by the key's own permissions: running
             * as an administrator would not help, and the words say what does. */
            if (!context->limited_user && account_is_administrator()) {
                console_message(CONSOLE_ERR, language, MSG_ERR_KEY_PERMISSIONS, result->denied_key);
                return EXIT_NOT_ALLOWED;
            }
            text_format(first, sizeof(first), "HKLM\\%s", result->denied_path);
            console_message(CONSOLE_ERR, language, MSG_ERR_NOT_ADMIN, first);
            return EXIT_NOT_ALLOWED;
        }
        say_windows_error(language, MSG_ERR_REGISTRY_READ, result->denied_path, (unsigned long)result->error);
        return EXIT_SYSTEM_ERROR;
    case CHANGE_STOPPED:
        return EXIT_FILE_ERROR;
    case CHANGE_ROLLED_BACK:
        windows_error_text((unsigned long)result->execute.error, first, sizeof(first));
        console_message(CONSOLE_ERR, language, MSG_ERR_WRITE_ROLLED_BACK, first);
        report_security(context, &result->execute);
        return EXIT_SYSTEM_ERROR;
    case CHANGE_HALF_CHANGED:
        windows_error_text((unsigned long)result->execute.error, first, sizeof(first));
        windows_error_text((unsigned long)result->execute.rollback_error, second, sizeof(second));
        if (context->backup_path[0])
            console_message(CONSOLE_ERR, language, MSG_ERR_WRITE_ROLLBACK_FAILED, first, second, context->backup_path);
        else
            console_message(CONSOLE_ERR, language, MSG_ERR_WRITE_ROLLBACK_FAILED_NO_BACKUP, first, second);
        report_security(context, &result->execute);
        return EXIT_HALF_CHANGED;
    case CHANGE_WRITTEN:
        break;
    }
    if (context->options->log_file) {
        unsigned long log_rc = append_log(context, &result->plan);
        if (log_rc != ERROR_SUCCESS)
            say_windows_error(language, MSG_ERR_FILE_WRITE, context->options->log_file, log_rc);
    }
    report_security(context, &result->execute);
    console_message(CONSOLE_OUT, language, MSG_CHANGES_WRITTEN, (unsigned)result->plan.count);
    console_message(CONSOLE_OUT, language, MSG_NEXT_STEPS);
    return EXIT_CHANGED;
}

/* Reads and checks a .reg file completely; prints the reason (unless `quiet`) and returns
 * EXIT_FILE_ERROR when it is refused. */
static int read_reg_file(const char *path, enum language language, struct regops *ops, int quiet)
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
        if (!quiet)
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
        if (!quiet)
            console_message(CONSOLE_ERR, language, MSG_REGFILE_WHERE, path, error.line,
                            reason.failed ? "" : reason.data);
        strbuf_free(&reason);
        exit_code = EXIT_FILE_ERROR;
    }
    strbuf_free(&text);
    return exit_code;
}

/* The names of the .reg files in the backups folder. */
static void list_backups(const char *folder, struct name_list *out)
{
    WIN32_FIND_DATAW found;
    wchar_t pattern[MAX_PATH * 3];
    HANDLE search;
    wchar_t *wide_folder = wide_from_utf8(folder);
    if (!wide_folder)
        return;
    _snwprintf(pattern, MAX_PATH * 3 - 1, L"%ls\\*.reg", wide_folder);
    pattern[MAX_PATH * 3 - 1] = L'\0';
    free(wide_folder);
    search = FindFirstFileW(pattern, &found);
    if (search == INVALID_HANDLE_VALUE)
        return;
    do {
        char *utf8;
        if (found.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY)
            continue;
        utf8 = utf8_from_wide(found.cFileName);
        if (utf8)
            name_list_add(out, utf8);
        free(utf8);
    } while (FindNextFileW(search, &found));
    FindClose(search);
}

/* The backups /undo reads while it goes by them, each read once, and the settings now. */
struct backup_read {
    char *name;
    struct regops ops;
    int readable;
};

struct backup_reading {
    struct change_context *context;
    struct memory_registry *now;
    struct backup_read **read;   /* each on its own, so that what was handed out stays put */
    size_t count;
};

static const struct regops *backup_read(struct backup_reading *reading, const char *name)
{
    struct change_context *context = reading->context;
    struct backup_read **grown, *read;
    char path[MAX_PATH * 4];
    size_t i;
    for (i = 0; i < reading->count; i++)
        if (reading->read[i]->name && strcmp(reading->read[i]->name, name) == 0)
            return reading->read[i]->readable ? &reading->read[i]->ops : NULL;
    grown = realloc(reading->read, (reading->count + 1) * sizeof(*grown));
    if (!grown)
        return NULL;
    reading->read = grown;
    read = calloc(1, sizeof(*read));
    if (!read)
        return NULL;
    reading->read[reading->count++] = read;
    text_format(path, sizeof(path), "%s\\%s", context->folder, name);
    read->name = text_duplicate(name);
    read->readable = read->name && read_reg_file(path, context->language, &read->ops, 1) == EXIT_DONE;
    if (!read->readable)
        tell(context, CONSOLE_ERR, MSG_UNDO_BACKUP_PASSED_OVER, path);
    return read->readable ? &read->ops : NULL;
}

static void backup_reading_free(struct backup_reading *reading)
{
    size_t i;
    for (i = 0; i < reading->count; i++) {
        free(reading->read[i]->name);
        regops_free(&reading->read[i]->ops);
        free(reading->read[i]);
    }
    free(reading->read);
    memory_registry_free(reading->now);
}

/* /undo going by the backups themselves: would restoring `name` change the settings now,
 * or the state the backup `than` holds (the settings now, with `than` restored on a
 * model)? */
static int backup_differs(void *argument, const char *name, const char *than)
{
    struct backup_reading *reading = argument;
    const struct regops *ops = backup_read(reading, name), *than_ops = than ? backup_read(reading, than) : NULL;
    struct memory_registry *model;
    struct change_steps silent = { NULL, NULL, NULL };
    struct change_result result;
    int differs = -1;
    if (!ops || (than && !than_ops))
        return -1;
    if (!reading->now) {
        struct regstore real = regstore_win32(), now;
        reading->now = memory_registry_new();
        if (!reading->now)
            return -1;
        now = memory_registry_store(reading->now);
        if (model_load(&real, SCHANNEL_KEY_PATH, &now) != REGSTORE_OK)
            return -1;
    }
    model = memory_registry_new();
    if (model) {
        struct regstore now = memory_registry_store(reading->now), store = memory_registry_store(model);
        if (model_load(&now, SCHANNEL_KEY_PATH, &store) == REGSTORE_OK &&
            (!than_ops || regops_apply(&store, than_ops) == REGSTORE_OK)) {
            change_run(&store, SCHANNEL_KEY_PATH, ops, 1, &silent, &result);
            if (result.end == CHANGE_PLANNED_ONLY)
                differs = 1;
            else if (result.end == CHANGE_NOTHING_TO_DO)
                differs = 0;
            change_result_free(&result);
        }
    }
    memory_registry_free(model);
    return differs;
}

/* What /undo restores: the backup of the last change that was written and kept, by the
 * record of changes, or, where the record cannot say, by the backups themselves; either
 * way it says what it undoes and when that change was made. Returns EXIT_DONE with the
 * file in `file`, or the exit code after saying why there is nothing to undo. */
static int choose_undo(struct change_context *context, char *file, size_t size)
{
    struct name_list backups = { NULL, 0 };
    struct undo_choice choice;
    struct backup_reading *reading;
    enum language language = context->language;
    int exit_code = EXIT_FILE_ERROR;

    record_load(context);
    if (!context->record_path[0]) {
        console_message(CONSOLE_ERR, language, MSG_ERR_NO_BACKUP_FOR_UNDO, context->folder);
        return EXIT_FILE_ERROR;
    }
    list_backups(context->folder, &backups);
    if (context->record_state == RECORD_MISSING && backups.count > 0)
        tell(context, CONSOLE_ERR, MSG_UNDO_RECORD_MISSING, context->record_path);
    else if (context->record_state == RECORD_DAMAGED)
        tell(context, CONSOLE_ERR, MSG_UNDO_RECORD_DAMAGED, context->record_path, context->record_bad_line);
    reading = calloc(1, sizeof(*reading));
    if (reading)
        reading->context = context;
    if (!reading ||
        undo_choose(&context->record, context->record_state, &backups, backup_differs, reading, &choice) != REGSTORE_OK) {
        say_windows_error(language, MSG_ERR_WINDOWS_CALL, "malloc", ERROR_NOT_ENOUGH_MEMORY);
        name_list_free(&backups);
        free(reading);
        return EXIT_SYSTEM_ERROR;
    }
    backup_reading_free(reading);
    free(reading);
    if (choice.fallback == FALLBACK_RECORD_INCOMPLETE)
        tell(context, CONSOLE_ERR, MSG_UNDO_RECORD_INCOMPLETE, context->record_path, choice.unlisted);
    else if (choice.fallback == FALLBACK_RECORD_ENDS)
        tell(context, CONSOLE_ERR, MSG_UNDO_RECORD_ENDS, context->record_path);

    switch (choice.outcome) {
    case UNDO_FROM_RECORD:
        tell(context, CONSOLE_OUT, MSG_UNDO_CHOSEN, choice.entry->command, choice.entry->when);
        if (choice.entry->ending != ENDING_KEPT)
            tell(context, CONSOLE_OUT, MSG_UNDO_UNFINISHED);
        context->undoing = (size_t)(choice.entry - context->record.entries);
        context->undoing_from_record = 1;
        exit_code = EXIT_DONE;
        break;
    case UNDO_FROM_BACKUPS: {
        char when[32], word[64];
        if (undo_backup_name_parse(choice.backup, when, sizeof(when), word, sizeof(word)) == 0)
            tell(context, CONSOLE_OUT, MSG_UNDO_FROM_BACKUP, word, when, choice.backup);
        else
            tell(context, CONSOLE_OUT, MSG_UNDO_FROM_OTHER_FILE, choice.backup);
        exit_code = EXIT_DONE;
        break;
    }
    case UNDO_NOTHING_LEFT:
        if (choice.fallback == FALLBACK_NONE)
            console_message(CONSOLE_ERR, language, MSG_ERR_NOTHING_LEFT_TO_UNDO, context->record_path);
        else
            console_message(CONSOLE_ERR, language, MSG_ERR_NO_BACKUP_DIFFERS, context->folder);
        break;
    case UNDO_NO_BACKUPS:
        console_message(CONSOLE_ERR, language, MSG_ERR_NO_BACKUP_FOR_UNDO, context->folder);
        break;
    case UNDO_NO_BACKUP:
        console_message(CONSOLE_ERR, language, MSG_ERR_UNDO_WITHOUT_BACKUP, choice.entry->command, choice.entry->when,
                        context->folder);
        break;
    case UNDO_BACKUP_GONE:
        console_message(CONSOLE_ERR, language, MSG_ERR_UNDO_BACKUP_GONE, choice.entry->command, choice.entry->when,
                        context->folder, choice.entry->backup);
        break;
    }
    if (exit_code == EXIT_DONE)
        text_format(file, size, "%s\\%s", context->folder, choice.backup);
    name_list_free(&backups);
    return exit_code;
}

/* Plans `ops` against the registry and, unless /whatif, carries the plan out: one change
 * at a time on this PC (a named mutex), through the core's change sequence. /undo chooses
 * what it restores once it holds the lock, since the record of changes is read then. */
static int change_registry(struct change_context *context, struct regops *ops)
{
    struct fault_store fault = fault_from_environment();
    struct regstore real = fault_store_wrap(&fault);
    struct change_steps steps = { context, show_plan, prepare_writing };
    struct change_result result;
    HANDLE mutex = CreateMutexW(NULL, FALSE, MUTEX_NAME);
    DWORD waited = mutex ? WaitForSingleObject(mutex, 0) : WAIT_FAILED;
    int exit_code;

    context->limited_user = fault.deny_write_access;
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
    if (context->options->command == COMMAND_UNDO) {
        char file[MAX_PATH * 4];
        exit_code = choose_undo(context, file, sizeof(file));
        if (exit_code == EXIT_DONE) {
            console_message(CONSOLE_OUT, context->language, MSG_RESTORE_FROM, file);
            exit_code = read_reg_file(file, context->language, ops, 0);
        }
        if (exit_code != EXIT_DONE)
            goto unlock;
    }
    change_run(&real, SCHANNEL_KEY_PATH, ops, context->options->whatif, &steps, &result);
    exit_code = report_change(context, &result);
    if (!context->options->whatif)
        record_end(context, &result);
    change_result_free(&result);
unlock:
    undo_record_free(&context->record);
    ReleaseMutex(mutex);
    CloseHandle(mutex);
    return exit_code;
}

static int run_change(const struct options *options, enum language language, struct change_preview *preview)
{
    struct change_context context;
    struct regops ops = { NULL, 0 };
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
    case COMMAND_RESTORE:
        console_message(CONSOLE_OUT, language, MSG_RESTORE_FROM, file);
        exit_code = read_reg_file(file, language, &ops, 0);
        if (exit_code != EXIT_DONE)
            return exit_code;
        break;
    case COMMAND_UNDO:
        break;   /* /restore of the backup it chooses, once it holds the lock */
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
