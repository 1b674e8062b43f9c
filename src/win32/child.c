/* Child processes of tlsswitch.exe itself. See child.h. */
#include "child.h"
#include "wide.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static CRITICAL_SECTION handles_lock;
static LONG handles_lock_state;   /* 0: not made yet, 1: being made, 2: ready */

void child_handles_lock(void)
{
    if (InterlockedCompareExchange(&handles_lock_state, 1, 0) == 0) {
        InitializeCriticalSection(&handles_lock);
        InterlockedExchange(&handles_lock_state, 2);
    }
    while (InterlockedCompareExchange(&handles_lock_state, 2, 2) != 2)
        Sleep(0);
    EnterCriticalSection(&handles_lock);
}

void child_handles_unlock(void)
{
    LeaveCriticalSection(&handles_lock);
}

static unsigned long start(const char *arguments, HANDLE *process, HANDLE *output, const char **failed_call)
{
    wchar_t self[MAX_PATH], *wide_arguments = wide_from_utf8(arguments), *command;
    SECURITY_ATTRIBUTES inherit;
    STARTUPINFOW startup;
    PROCESS_INFORMATION started;
    HANDLE read_end, write_end, nul;
    unsigned long error = ERROR_SUCCESS;
    size_t length;

    *failed_call = "malloc";
    if (!wide_arguments)
        return ERROR_NOT_ENOUGH_MEMORY;
    if (!GetModuleFileNameW(NULL, self, MAX_PATH)) {
        *failed_call = "GetModuleFileName";
        free(wide_arguments);
        return GetLastError();
    }
    /* Field by field: an initialised local becomes a copy of a template in .data, a
     * section the program otherwise does not need (512 bytes of file). */
    inherit.nLength = sizeof(inherit);
    inherit.lpSecurityDescriptor = NULL;
    inherit.bInheritHandle = TRUE;
    length = wcslen(self) + wcslen(wide_arguments) + 4;
    command = malloc(length * sizeof(wchar_t));
    child_handles_lock();
    if (!command || !CreatePipe(&read_end, &write_end, &inherit, 0)) {
        error = command ? GetLastError() : ERROR_NOT_ENOUGH_MEMORY;
        *failed_call = command ? "CreatePipe" : "malloc";
        child_handles_unlock();
        free(command);
        free(wide_arguments);
        return error;
    }
    SetHandleInformation(read_end, HANDLE_FLAG_INHERIT, 0);
    _snwprintf(command, length - 1, L"\"%ls\" %ls", self, wide_arguments);
    command[length - 1] = L'\0';
    nul = CreateFileW(L"NUL", GENERIC_WRITE, FILE_SHARE_WRITE, &inherit, OPEN_EXISTING, 0, NULL);
    memset(&startup, 0, sizeof(startup));
    startup.cb = sizeof(startup);
    startup.dwFlags = STARTF_USESTDHANDLES;
    startup.hStdInput = nul;
    startup.hStdOutput = write_end;
    startup.hStdError = nul;
    /* No console at all: it writes only to the pipe, and a hidden console would be one
     * more process to start under Wine (conhost). */
    if (!CreateProcessW(self, command, NULL, NULL, TRUE, DETACHED_PROCESS, NULL, NULL, &startup, &started)) {
        error = GetLastError();
        *failed_call = "CreateProcess";
    }
    CloseHandle(write_end);
    if (nul != INVALID_HANDLE_VALUE)
        CloseHandle(nul);
    child_handles_unlock();
    free(command);
    free(wide_arguments);
    if (error != ERROR_SUCCESS) {
        CloseHandle(read_end);
        return error;
    }
    *failed_call = NULL;
    CloseHandle(started.hThread);
    *process = started.hProcess;
    *output = read_end;
    return ERROR_SUCCESS;
}

/* Moves what the pipe holds now into `output`; returns whether it read anything. */
static int drain(HANDLE pipe, struct strbuf *output)
{
    DWORD available = 0, got;
    char buffer[1024];
    if (!PeekNamedPipe(pipe, NULL, 0, NULL, &available, NULL) || available == 0)
        return 0;
    if (!ReadFile(pipe, buffer, sizeof(buffer), &got, NULL) || got == 0)
        return 0;
    strbuf_append_n(output, buffer, got);
    return 1;
}

unsigned long child_run(const char *arguments, DWORD limit_ms, HANDLE cancel, struct strbuf *output,
                        enum child_end *end, DWORD *exit_code, const char **failed_call)
{
    HANDLE process = NULL, pipe = NULL, waits[2];
    DWORD deadline = GetTickCount() + limit_ms, got;
    char buffer[1024];
    const char *call = NULL;
    unsigned long error = start(arguments, &process, &pipe, &call);

    *end = CHILD_EXITED;
    *exit_code = 0;
    if (failed_call)
        *failed_call = call;
    if (error != ERROR_SUCCESS)
        return error;
    waits[0] = process;
    waits[1] = cancel;
    /* Read while waiting, so a full pipe can never stop the child. */
    for (;;) {
        DWORD woke;
        if (drain(pipe, output))
            continue;
        woke = WaitForMultipleObjects(cancel ? 2 : 1, waits, FALSE, 50);
        if (woke == WAIT_OBJECT_0)
            break;
        if (woke == WAIT_OBJECT_0 + 1) {
            *end = CHILD_CANCELLED;
            TerminateProcess(process, 1);
            break;
        }
        if ((long)(GetTickCount() - deadline) >= 0) {
            *end = CHILD_TIMED_OUT;
            TerminateProcess(process, 1);
            break;
        }
    }
    WaitForSingleObject(process, INFINITE);
    while (ReadFile(pipe, buffer, sizeof(buffer), &got, NULL) && got > 0)
        strbuf_append_n(output, buffer, got);
    GetExitCodeProcess(process, exit_code);
    CloseHandle(process);
    CloseHandle(pipe);
    return ERROR_SUCCESS;
}
