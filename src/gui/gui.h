/* The window a double-click opens: the main window (gui_main.c), "Test my mail"
 * (gui_accounts.c), "Test my mail server" (gui_mailcheck.c), "Advanced" (gui_advanced.c),
 * and what they share (gui_common.c).
 * It runs the same commands as the command line, never a second copy of their logic:
 * changes are tlsswitch /apply, /set, /restore or /undo in a child process (elevated
 * where Windows asks for it), and the probes and handshakes run in new processes too,
 * because Schannel reads the registry once per process. */
#ifndef TLSSWITCH_GUI_H
#define TLSSWITCH_GUI_H

#include "../win32/platform.h"
#include "../core/args.h"
#include "../core/registry/report.h"

/* Opens the main window and returns when it closes; the exit code. */
int gui_run(enum language language);

/* Sets a control's text from the message table, or from UTF-8 (LF becomes CRLF). */
struct gui_text { int control; enum message_id message; };
void gui_set_texts(HWND dialog, enum language language, const struct gui_text *texts, size_t count);
void gui_set_utf8(HWND dialog, int control, const char *utf8);
void gui_set_title(HWND dialog, enum language language, enum message_id message);
/* Adds an entry from the message table, or a UTF-8 text, to a drop-down list. */
void gui_add_choice(HWND dialog, int combo, enum language language, enum message_id label);
void gui_add_text_choice(HWND dialog, int combo, const char *utf8);

/* A control's text from the message table with printf arguments. */
void gui_say(HWND dialog, int control, enum language language, enum message_id message, ...);
/* The details box: a fixed-pitch font for its columns (delete it when the dialog ends),
 * and "Copy details", its text to the clipboard. */
HFONT gui_details_font(HWND dialog, int control, enum language language);
void gui_copy_text(HWND dialog, int control);
/* Ends a dialog whose worker thread may still run: the cancel event stops its work (the
 * handshakes, or the child process), and the window goes only once the thread has ended. */
void gui_end_with_worker(HWND dialog, HANDLE cancel, HANDLE *thread);

/* A message box titled "TLS Switch" with UTF-8 text; returns the button pressed. */
int gui_message_box(HWND owner, const char *utf8, UINT flags);
int gui_message(HWND owner, enum language language, UINT flags, enum message_id message, ...);

/* The registry settings and Windows version now, and the probes from a new process. */
long gui_read_status(struct status_report *report);

/* Shows what the change will do, asks, then makes it: tlsswitch COMMAND VALUE in a child
 * process, which backs up first. Says how it went. Returns 1 when the registry changed.
 * With `offer_test`, asks whether to test a mail server now and sets *test_now. */
int gui_change(HWND owner, enum language language, enum command command, const char *value, int offer_test,
               int *test_now);

/* DialogBoxParam for the dialog `id` of res/tlsswitch.rc, in the font of the language:
 * "MS Shell Dlg" 8 pt as the template says, or for Japanese "MS UI Gothic" 9 pt, the
 * UI font of Japanese XP. */
INT_PTR gui_dialog(HWND owner, int id, enum language language, DLGPROC procedure, LPARAM parameter);

/* "Test my mail server"; with `start_with` (a target), that server filled in and tested. */
void gui_mailcheck_dialog(HWND owner, enum language language, const char *start_with);
/* "Test my mail": the accounts of the mail programs tested, one line each; with no
 * account found, the mail server test (gui_mailcheck_dialog) instead. */
void gui_accounts_dialog(HWND owner, enum language language);
void gui_advanced_dialog(HWND owner, enum language language);

#endif
