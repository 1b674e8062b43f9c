/* Output for the command line: WriteConsoleW on a console, the ANSI code page with
 * CRLF line ends when redirected to a file or a pipe (as reg.exe does), so batch files
 * can read it. */
#ifndef TLSSWITCH_CONSOLE_H
#define TLSSWITCH_CONSOLE_H

#include "../core/text/messages.h"
#include "../core/text/text.h"

enum console_stream { CONSOLE_OUT, CONSOLE_ERR };

void console_write(enum console_stream stream, const char *utf8);

/* While `into` is set, both streams go into it as UTF-8 instead: the window shows what
 * a command reports, and /output FILE saves it for the window. NULL ends it. */
void console_capture(struct strbuf *into);

/* True when this process is the only one attached to its console: Explorer started
 * it (a double-click), not cmd.exe or a batch file. */
int console_is_own_window(void);

/* Hides and releases a console this process owns, so a double-click leaves no window. */
void console_release(void);

/* Formats message `id` in `language` with printf arguments and writes it. */
void console_message(enum console_stream stream, enum language language, enum message_id id, ...);

#endif
