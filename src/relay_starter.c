/* The relay's start at logon, a program of its own: the Run value that `tlsswitch /relay
 * start` writes names it when it lies beside tlsswitch.exe. tlsswitch.exe is a console
 * program (src/main.c says why), and Windows gives a console program started at logon a
 * console window of its own, which would show at every logon until the relay hid it. This
 * one is a window-less (GUI-subsystem) program: it starts `tlsswitch.exe /relay run` with
 * no console at all, as `/relay start` does, and ends.
 *
 * Its own name says which program it starts, from its own folder: NAME-relay.exe starts
 * NAME.exe (tlsswitch-relay.exe starts tlsswitch.exe; the portable zip's
 * tlsswitch-x64-relay.exe starts tlsswitch-x64.exe). It starts nothing else and reads no
 * argument. Exit code 0 when the relay's process was created, 1 when not (nobody sees it
 * at logon: `tlsswitch /relay status` says whether the relay runs). Kernel32 only, no C
 * run-time. */
#include <windows.h>

#define STARTER_SUFFIX L"-relay.exe"
#define STARTER_SUFFIX_LENGTH 10
#define RELAY_ARGUMENTS L"\" /relay run"

void relay_starter_start(void) __attribute__((noreturn));

void relay_starter_start(void)
{
    static wchar_t program[MAX_PATH];
    static wchar_t command_line[MAX_PATH + 16];
    static STARTUPINFOW startup;
    PROCESS_INFORMATION process;
    DWORD length = GetModuleFileNameW(NULL, program, MAX_PATH);
    UINT exit_code = 1;

    if (length > STARTER_SUFFIX_LENGTH && length < MAX_PATH &&
        lstrcmpiW(program + length - STARTER_SUFFIX_LENGTH, STARTER_SUFFIX) == 0) {
        lstrcpyW(program + length - STARTER_SUFFIX_LENGTH, L".exe");
        lstrcpyW(command_line, L"\"");
        lstrcatW(command_line, program);
        lstrcatW(command_line, RELAY_ARGUMENTS);
        startup.cb = sizeof(startup);
        if (CreateProcessW(program, command_line, NULL, NULL, FALSE, DETACHED_PROCESS | CREATE_NEW_PROCESS_GROUP,
                           NULL, NULL, &startup, &process)) {
            CloseHandle(process.hThread);
            CloseHandle(process.hProcess);
            exit_code = 0;
        }
    }
    ExitProcess(exit_code);
}
