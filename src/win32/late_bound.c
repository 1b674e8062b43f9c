/* Functions of shell32, comctl32 and comdlg32, found when first called. */
#include "late_bound.h"

#include <commctrl.h>

typedef HRESULT(WINAPI *folder_path_fn)(HWND, int, HANDLE, DWORD, LPWSTR);
typedef BOOL(WINAPI *shell_execute_fn)(SHELLEXECUTEINFOW *);
typedef BOOL(WINAPI *init_controls_fn)(const INITCOMMONCONTROLSEX *);
typedef BOOL(WINAPI *open_file_name_fn)(OPENFILENAMEW *);

/* The function `name` of the system DLL `dll`, loaded once and kept for the process. */
static FARPROC find(const wchar_t *dll, const char *name)
{
    HMODULE module = GetModuleHandleW(dll);
    if (!module)
        module = LoadLibraryW(dll);
    return module ? GetProcAddress(module, name) : NULL;
}

HRESULT late_folder_path(int csidl, wchar_t *path)
{
    folder_path_fn call = (folder_path_fn)(void (*)(void))find(L"shell32.dll", "SHGetFolderPathW");
    return call ? call(NULL, csidl, NULL, 0, path) : E_NOTIMPL;
}

BOOL late_shell_execute(SHELLEXECUTEINFOW *info)
{
    shell_execute_fn call = (shell_execute_fn)(void (*)(void))find(L"shell32.dll", "ShellExecuteExW");
    if (!call) {
        SetLastError(ERROR_PROC_NOT_FOUND);
        return FALSE;
    }
    return call(info);
}

BOOL late_init_common_controls(void)
{
    INITCOMMONCONTROLSEX controls = { sizeof(INITCOMMONCONTROLSEX), ICC_WIN95_CLASSES };
    init_controls_fn call = (init_controls_fn)(void (*)(void))find(L"comctl32.dll", "InitCommonControlsEx");
    return call ? call(&controls) : FALSE;
}

BOOL late_open_file_name(OPENFILENAMEW *open)
{
    open_file_name_fn call = (open_file_name_fn)(void (*)(void))find(L"comdlg32.dll", "GetOpenFileNameW");
    return call ? call(open) : FALSE;
}
