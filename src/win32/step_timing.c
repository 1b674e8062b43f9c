/* Step times for `make bench` (see step_timing.h). */
#include "step_timing.h"
#include "platform.h"
#include "../core/text/text.h"

#include <stdarg.h>
#include <string.h>

#define STEP_TIMING_MAX 128

struct step {
    char name[56];
    volatile LONG ended;
    LONGLONG begin, end;
};

static struct step steps[STEP_TIMING_MAX];
static volatile LONG step_count;
static volatile LONG moments_taken;
static LONGLONG zero, ticks_per_second;
static LONGLONG created_before_entry_us;   /* from GetProcessTimes, 100 ns resolution at best */
static int enabled;

static LONGLONG now_ticks(void)
{
    LARGE_INTEGER now;
    QueryPerformanceCounter(&now);
    return now.QuadPart;
}

void step_timing_start(void)
{
    wchar_t value[4];
    LARGE_INTEGER frequency;
    FILETIME created, exited, kernel, user, entry;
    if (GetEnvironmentVariableW(L"TLSSWITCH_BENCH_TIMING", value, 4) != 1 || value[0] != L'1')
        return;
    if (!QueryPerformanceFrequency(&frequency) || frequency.QuadPart <= 0)
        return;
    ticks_per_second = frequency.QuadPart;
    zero = now_ticks();
    GetSystemTimeAsFileTime(&entry);
    if (GetProcessTimes(GetCurrentProcess(), &created, &exited, &kernel, &user)) {
        ULARGE_INTEGER a, b;
        a.LowPart = created.dwLowDateTime;
        a.HighPart = created.dwHighDateTime;
        b.LowPart = entry.dwLowDateTime;
        b.HighPart = entry.dwHighDateTime;
        created_before_entry_us = b.QuadPart > a.QuadPart ? (LONGLONG)(b.QuadPart - a.QuadPart) / 10 : 0;
    }
    enabled = 1;
}

int step_timing_begin(const char *format, ...)
{
    va_list args;
    LONG slot;
    if (!enabled)
        return -1;
    slot = InterlockedIncrement(&step_count) - 1;
    if (slot >= STEP_TIMING_MAX)
        return -1;
    va_start(args, format);
    text_vformat(steps[slot].name, sizeof(steps[slot].name), format, args);
    va_end(args);
    steps[slot].begin = now_ticks();
    return (int)slot;
}

void step_timing_end(int handle)
{
    if (handle < 0 || handle >= STEP_TIMING_MAX)
        return;
    steps[handle].end = now_ticks();
    InterlockedExchange(&steps[handle].ended, 1);
}

void step_timing_moment(const char *name)
{
    if (enabled && InterlockedIncrement(&moments_taken) == 1)
        step_timing_end(step_timing_begin("%s", name));
}

/* Microseconds as "12.3" milliseconds. */
static void milliseconds(LONGLONG microseconds, char *out, size_t size)
{
    if (microseconds < 0)
        microseconds = 0;
    text_format(out, size, "%lu.%lu", (unsigned long)(microseconds / 1000), (unsigned long)(microseconds / 100 % 10));
}

static LONGLONG since_zero_us(LONGLONG ticks)
{
    LONGLONG delta = ticks - zero;
    return delta / ticks_per_second * 1000000 + delta % ticks_per_second * 1000000 / ticks_per_second;
}

void step_timing_report(void)
{
    char line[128], begin[24], end[24];
    HANDLE err = GetStdHandle(STD_ERROR_HANDLE);
    DWORD written;
    LONG count, i;
    if (!enabled)
        return;
    count = InterlockedCompareExchange(&step_count, 0, 0);
    if (count > STEP_TIMING_MAX)
        count = STEP_TIMING_MAX;
    milliseconds(created_before_entry_us, begin, sizeof(begin));
    text_format(line, sizeof(line), "timing process-created-before-entry %s\n", begin);
    WriteFile(err, line, (DWORD)strlen(line), &written, NULL);
    for (i = 0; i < count; i++) {
        milliseconds(since_zero_us(steps[i].begin), begin, sizeof(begin));
        if (InterlockedCompareExchange(&steps[i].ended, 1, 1))
            milliseconds(since_zero_us(steps[i].end), end, sizeof(end));
        else
            text_format(end, sizeof(end), "-");
        text_format(line, sizeof(line), "timing %s %s %s\n", begin, end, steps[i].name);
        WriteFile(err, line, (DWORD)strlen(line), &written, NULL);
    }
    milliseconds(since_zero_us(now_ticks()), begin, sizeof(begin));
    text_format(line, sizeof(line), "timing %s %s exit\n", begin, begin);
    WriteFile(err, line, (DWORD)strlen(line), &written, NULL);
}
