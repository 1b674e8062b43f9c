/* Test helper: holds TLS Switch's registry mutex for N seconds, as a second TLS Switch
 * in the middle of a change would. Prints "held" once it has it. */
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
    HANDLE mutex = CreateMutexW(NULL, TRUE, L"Global\\TLSSwitch.Registry");
    int seconds = argc > 1 ? atoi(argv[1]) : 10;
    if (!mutex || GetLastError() == ERROR_ALREADY_EXISTS) {
        printf("could not take the mutex\n");
        return 1;
    }
    printf("held\n");
    fflush(stdout);
    Sleep((DWORD)seconds * 1000);
    ReleaseMutex(mutex);
    return 0;
}
