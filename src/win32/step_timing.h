/* Step times for `make bench` only: with TLSSWITCH_BENCH_TIMING=1 in the environment the
 * program notes when each step of /test began and ended (name lookups, handshakes, the
 * probes, the simulations, the trusted roots and the chain check, the mail command, the
 * first output) and writes them to stderr as it exits, so the benchmark can say where
 * the time goes from the program's own clock. Without the variable every call returns
 * at once and nothing is written. */
#ifndef TLSSWITCH_STEP_TIMING_H
#define TLSSWITCH_STEP_TIMING_H

/* Reads the variable and takes the time of the entry point as zero; call it first. */
void step_timing_start(void);

/* Notes that the step named by the printf-like format began now; returns the handle for
 * step_timing_end, or -1 when timing is off or its table is full. */
int step_timing_begin(const char *format, ...);

/* Notes that step `handle` ended now; -1 is ignored. */
void step_timing_end(int handle);

/* A moment rather than a step (first output), noted once: the first call counts. */
void step_timing_moment(const char *name);

/* Writes every step noted to stderr, one line each: "timing BEGIN END NAME", times in
 * milliseconds from the entry point (a step that has not ended shows "-"), and first how
 * long before the entry point Windows created the process. */
void step_timing_report(void);

#endif
