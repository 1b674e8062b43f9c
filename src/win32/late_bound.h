/* The shell and common-control functions, loaded when first called (LoadLibrary and
 * GetProcAddress) instead of imported: a command-line run never needs shell32, comctl32
 * or comdlg32, and loading them at start-up is most of the time a /status takes under
 * Wine. Every function here exists on Windows XP (the audit checks the names too). */
#ifndef TLSSWITCH_LATE_BOUND_H
#define TLSSWITCH_LATE_BOUND_H

#include "platform.h"
#include <shellapi.h>
#include <commdlg.h>

/* SHGetFolderPathW; E_NOTIMPL when shell32 cannot be loaded. */
HRESULT late_folder_path(int csidl, wchar_t *path);

/* ShellExecuteExW; FALSE with the last error set when shell32 cannot be loaded. */
BOOL late_shell_execute(SHELLEXECUTEINFOW *info);

/* InitCommonControlsEx for the standard classes (comctl32 stays loaded: the dialogs use
 * its classes). FALSE when it cannot be loaded. */
BOOL late_init_common_controls(void);

/* GetOpenFileNameW; FALSE (as for a cancelled dialog) when comdlg32 cannot be loaded. */
BOOL late_open_file_name(OPENFILENAMEW *open);

#endif
