/* Test helper: holds TLS Switch's registry mutex for N seconds, as a second TLS Switch
 * in the middle of a change would. Prints "held" once it has it.
 *   hold_mutex SECONDS           lets go at the end
 *   hold_mutex SECONDS abandon   ends without letting go, as a TLS Switch ended from Task
 *                                Manager in the middle of a change does
 *   hold_mutex SECONDS squat     holds an event of the mutex's name instead, so that no
 *                                mutex of that name can be made */
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
    const char *mode = argc > 2 ? argv[2] : "";
    int seconds = argc > 1 ? atoi(argv[1]) : 10;
    HANDLE object = strcmp(mode, "squat") == 0 ? CreateEventW(NULL, TRUE, FALSE, L"Global\\TLSSwitch.Registry")
                                               : CreateMutexW(NULL, TRUE, L"Global\\TLSSwitch.Registry");
    if (!object || GetLastError() == ERROR_ALREADY_EXISTS) {
        printf("could not take the mutex\n");
        return 1;
    }
    printf("held\n");
    fflush(stdout);
    Sleep((DWORD)seconds * 1000);
    if (strcmp(mode, "abandon") == 0)
        ExitProcess(0);   /* the mutex is still owned: the system marks it abandoned */
    if (strcmp(mode, "squat") != 0)
        ReleaseMutex(object);
    return 0;
}
