/* Entry point: one tlsswitch.exe for scripts and for a double-click.
 *
 * It is a console-subsystem program, because only that makes cmd.exe and batch files
 * wait for it, see its output (on the console or redirected) and get ERRORLEVEL, on
 * every Windows from XP on. A GUI-subsystem program that attaches to its parent's
 * console returns the prompt at once and cannot be piped reliably. The cost is on the
 * double-click: Explorer gives the program a console of its own, so when this process
 * is the only one on its console it hides and releases that console before it shows
 * any window. */
#include "commands/commands.h"
#include "win32/console.h"
#include "win32/delay_load.h"
#include "win32/files.h"
#include "gui/gui.h"
#include "win32/platform.h"
#include "win32/step_timing.h"
#include "win32/wide.h"
#include "core/args.h"
#include "core/exitcodes.h"
#include "core/text/message_table.h"
#include "core/text/text.h"
#include "../res/version.h"

#include <stdlib.h>

static enum language user_interface_language(void)
{
    return PRIMARYLANGID(GetUserDefaultUILanguage()) == LANG_JAPANESE ? LANGUAGE_JA : LANGUAGE_EN;
}

static void show_help(enum language language, int in_window)
{
    struct strbuf help;
    strbuf_init(&help);
    strbuf_printf(&help, message_text(language, MSG_HELP), TLSSWITCH_VERSION_STRING);
    if (help.failed) {
        strbuf_free(&help);
        return;
    }
    if (in_window) {
        wchar_t *wide = wide_from_utf8(help.data);
        if (wide) {
            MessageBoxW(NULL, wide, L"TLS Switch", MB_OK | MB_ICONINFORMATION);
            free(wide);
        }
    } else {
        console_write(CONSOLE_OUT, help.data);
    }
    strbuf_free(&help);
}

static char **utf8_arguments(int argc, wchar_t **argv)
{
    char **args = calloc((size_t)argc + 1, sizeof(char *));
    int i;
    if (!args)
        return NULL;
    for (i = 0; i < argc; i++) {
        args[i] = utf8_from_wide(argv[i]);
        if (!args[i])
            return NULL;
    }
    return args;
}

static int run_command(const struct options *options, enum language language, int own_window)
{
    switch (options->command) {
    case COMMAND_NONE:
        return gui_run(language);
    case COMMAND_HELP:
        show_help(language, own_window);
        return EXIT_DONE;
    case COMMAND_VERSION:
        console_write(CONSOLE_OUT, "TLS Switch " TLSSWITCH_VERSION_STRING "\n");
        return EXIT_DONE;
    case COMMAND_STATUS:
        return command_status(options, language);
    case COMMAND_APPLY:
    case COMMAND_SET: {
        /* /apply PROFILE /test TARGET: change, then test in new processes. */
        int changed = command_change(options, language);
        if ((options->test_target || options->accounts) && (changed == EXIT_DONE || changed == EXIT_CHANGED)) {
            int tested = command_test(options, language);
            return tested == EXIT_DONE ? changed : tested;
        }
        return changed;
    }
    case COMMAND_RESTORE:
    case COMMAND_UNDO:
        return command_change(options, language);
    case COMMAND_TEST:
        return command_test(options, language);
    case COMMAND_HANDSHAKE:
        return command_handshake(options, language);
    case COMMAND_PROBES:
        return command_probes();
    case COMMAND_BACKUP:
        return command_backup(options, language);
    case COMMAND_RELAY:
        return command_relay(options, language);
    case COMMAND_COUNT:
        break;
    }
    return EXIT_USAGE;
}

static int tlsswitch_main(int argc, wchar_t **argv)
{
    struct options options;
    struct args_error error;
    enum language language;
    char **args;
    int own_window;

    message_unpack();   /* the texts, once, before any thread may want one */
    language = user_interface_language();
    args = utf8_arguments(argc, argv);
    own_window = console_is_own_window();

    if (own_window)
        console_release();
    if (!args)
        return EXIT_SYSTEM_ERROR;

    if (args_parse(argc, args, &options, &error) != 0) {
        console_message(CONSOLE_ERR, language, error.message, error.first, error.second, error.third);
        console_message(CONSOLE_ERR, language, MSG_HINT_HELP);
        return EXIT_USAGE;
    }
    if (options.language_given)
        language = options.language;
    delay_load_set_language(language);

    if (options.output_file) {
        /* The window started this change, maybe elevated: it reads the report here. */
        struct strbuf report;
        int exit_code;
        strbuf_init(&report);
        console_capture(&report);
        exit_code = run_command(&options, language, own_window);
        console_capture(NULL);
        /* The exit code stays the change's: the window says so when the report is missing. */
        if (!report.failed)
            file_append(options.output_file, report.data ? report.data : "", report.length);
        strbuf_free(&report);
        return exit_code;
    }
    return run_command(&options, language, own_window);
}

/* The program starts here rather than in MinGW's C run-time start-up, whose 9 KB of code
 * and tables serve C++ constructors, thread-local variables and imported data, none of
 * which this program has (the link refuses imported data: --disable-auto-import).
 * msvcrt.dll initialises itself when it is loaded; its own __wgetmainargs splits the
 * command line, as it does for every C program, with wildcards left alone as before.
 * The stack is realigned: XP starts a 32-bit program on a 4-byte boundary. */
struct crt_startup_info {
    int new_mode;
};
__declspec(dllimport) int __cdecl __wgetmainargs(int *argc, wchar_t ***argv, wchar_t ***environment,
                                                 int expand_wildcards, struct crt_startup_info *info);

#if defined(__i386__)
__attribute__((force_align_arg_pointer))
#endif
/* Seen from outside: the link optimises the whole program (-fwhole-program) and names this
 * function only as the entry point. */
__attribute__((externally_visible)) void __cdecl tlsswitch_start(void);
void __cdecl tlsswitch_start(void)
{
    int argc = 0;
    wchar_t **argv = NULL, **environment = NULL;
    struct crt_startup_info info = { 0 };
    int exit_code;
    step_timing_start();
    /* XP's msvcrt.dll returns nothing here: a failure shows as no argv. */
    __wgetmainargs(&argc, &argv, &environment, 0, &info);
    if (!argv)
        ExitProcess(EXIT_SYSTEM_ERROR);
    exit_code = tlsswitch_main(argc, argv);
    step_timing_report();
    ExitProcess((UINT)exit_code);
}
