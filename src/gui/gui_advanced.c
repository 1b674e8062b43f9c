/* "Advanced": the protocol table of /status, a setting per protocol (/set), the other
 * profiles (/apply), restore from a .reg file (/restore), undo (/undo) and the backups
 * folder. Every change goes through gui_change, as "Fix it" does. */
#include "../commands/services.h"
#include "gui.h"
#include "../win32/late_bound.h"
#include "../win32/wide.h"
#include "../core/registry/profiles.h"
#include "../../res/resource.h"

#include <commctrl.h>
#include <commdlg.h>
#include <shellapi.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct gui_text advanced_texts[] = {
    { IDC_PROTOCOLS_LABEL, MSG_GUI_PROTOCOLS_LABEL },
    { IDC_SETTING_LABEL, MSG_GUI_SETTING_LABEL },
    { IDC_SET, MSG_GUI_SET },
    { IDC_PROFILE_LABEL, MSG_GUI_PROFILE_LABEL },
    { IDC_APPLY_PROFILE, MSG_GUI_APPLY_PROFILE },
    { IDC_RESTORE, MSG_GUI_RESTORE },
    { IDC_UNDO, MSG_GUI_UNDO },
    { IDC_OPEN_BACKUPS, MSG_GUI_OPEN_BACKUPS },
    { IDCANCEL, MSG_GUI_CLOSE },
};

/* The per-protocol choices are the states of /set, and the profiles those of /apply: both
 * lists come from the core's tables (profiles.c). */

#define COUNT(array) (sizeof(array) / sizeof((array)[0]))

struct advanced_window {
    enum language language;
    struct status_report status;
};

static void set_list_text(HWND list, int row, int column, const char *utf8)
{
    wchar_t *wide = wide_from_utf8(utf8);
    LVITEMW item;
    if (!wide)
        return;
    memset(&item, 0, sizeof(item));
    item.mask = LVIF_TEXT;
    item.iItem = row;
    item.iSubItem = column;
    item.pszText = wide;
    if (column == 0)
        SendMessageW(list, LVM_INSERTITEMW, 0, (LPARAM)&item);
    else
        SendMessageW(list, LVM_SETITEMTEXTW, (WPARAM)row, (LPARAM)&item);
    free(wide);
}

static void select_row(HWND list, int row)
{
    LVITEMW item;
    memset(&item, 0, sizeof(item));
    item.stateMask = LVIS_SELECTED | LVIS_FOCUSED;
    item.state = LVIS_SELECTED | LVIS_FOCUSED;
    SendMessageW(list, LVM_SETITEMSTATE, (WPARAM)row, (LPARAM)&item);
}

static void fill_table(HWND dialog, struct advanced_window *window)
{
    HWND list = GetDlgItem(dialog, IDC_PROTOCOLS);
    int selected = (int)SendMessageW(list, LVM_GETNEXTITEM, (WPARAM)-1, LVNI_SELECTED);
    char cells[REPORT_COLUMNS][REPORT_CELL];
    int row, column;

    gui_read_status(&window->status);
    SendMessageW(list, LVM_DELETEALLITEMS, 0, 0);
    for (row = 0; row < PROTOCOL_COUNT; row++) {
        report_table_row(&window->status, (enum protocol_id)row, window->language, cells);
        for (column = 0; column < REPORT_COLUMNS; column++)
            set_list_text(list, row, column, cells[column]);
    }
    /* Each column as wide as its widest entry or its heading, whichever is wider. */
    for (column = 0; column < REPORT_COLUMNS; column++) {
        int entries, heading;
        SendMessageW(list, LVM_SETCOLUMNWIDTH, (WPARAM)column, LVSCW_AUTOSIZE);
        entries = (int)SendMessageW(list, LVM_GETCOLUMNWIDTH, (WPARAM)column, 0);
        SendMessageW(list, LVM_SETCOLUMNWIDTH, (WPARAM)column, LVSCW_AUTOSIZE_USEHEADER);
        heading = (int)SendMessageW(list, LVM_GETCOLUMNWIDTH, (WPARAM)column, 0);
        /* and a little room, which some list views leave out of their own sum */
        SendMessageW(list, LVM_SETCOLUMNWIDTH, (WPARAM)column, (entries > heading ? entries : heading) + 12);
    }
    if (selected >= 0)
        select_row(list, selected);
}

/* The setting list follows the selected protocol, so "Apply" changes only what is picked. */
static void show_protocol_setting(HWND dialog, struct advanced_window *window, int row)
{
    enum effective_use now;
    size_t i;
    if (row < 0 || row >= PROTOCOL_COUNT)
        return;
    now = setting_effective_use(&window->status.settings.protocol[row]);
    for (i = 0; state_word_at(i); i++)
        if (state_word_at(i)->use == now)
            SendDlgItemMessageW(dialog, IDC_SETTING, CB_SETCURSEL, (WPARAM)i, 0);
}

static void initialise(HWND dialog, struct advanced_window *window)
{
    HWND list = GetDlgItem(dialog, IDC_PROTOCOLS);
    char headings[REPORT_COLUMNS][REPORT_CELL];
    int column;
    size_t i;

    gui_set_title(dialog, window->language, MSG_GUI_ADVANCED_TITLE);
    gui_set_texts(dialog, window->language, advanced_texts, COUNT(advanced_texts));
    SendMessageW(list, LVM_SETEXTENDEDLISTVIEWSTYLE, 0, LVS_EX_FULLROWSELECT | LVS_EX_GRIDLINES);
    report_table_heading(window->language, headings);
    for (column = 0; column < REPORT_COLUMNS; column++) {
        wchar_t *wide = wide_from_utf8(headings[column]);
        LVCOLUMNW heading;
        memset(&heading, 0, sizeof(heading));
        heading.mask = LVCF_TEXT | LVCF_WIDTH | LVCF_SUBITEM;
        heading.cx = 80;
        heading.iSubItem = column;
        heading.pszText = wide ? wide : L"";
        SendMessageW(list, LVM_INSERTCOLUMNW, (WPARAM)column, (LPARAM)&heading);
        free(wide);
    }
    for (i = 0; state_word_at(i); i++)
        gui_add_choice(dialog, IDC_SETTING, window->language, state_word_at(i)->label);
    for (i = 0; profile_at(i); i++)
        gui_add_choice(dialog, IDC_PROFILE, window->language, profile_at(i)->label);
    SendDlgItemMessageW(dialog, IDC_PROFILE, CB_SETCURSEL, 0, 0);
    fill_table(dialog, window);
    /* TLS 1.2 is what the user came for: start there. */
    select_row(list, PROTOCOL_TLS12);
    show_protocol_setting(dialog, window, PROTOCOL_TLS12);
}

static void set_selected_protocol(HWND dialog, struct advanced_window *window)
{
    int row = (int)SendDlgItemMessageW(dialog, IDC_PROTOCOLS, LVM_GETNEXTITEM, (WPARAM)-1, LVNI_SELECTED);
    LRESULT choice = SendDlgItemMessageW(dialog, IDC_SETTING, CB_GETCURSEL, 0, 0);
    const struct state_word_info *state = choice >= 0 ? state_word_at((size_t)choice) : NULL;
    char spec[64];
    if (row < 0 || row >= PROTOCOL_COUNT || !state) {
        gui_message(dialog, window->language, MB_OK | MB_ICONINFORMATION, MSG_GUI_SELECT_PROTOCOL);
        return;
    }
    text_format(spec, sizeof(spec), "%s=%s", protocol_get((enum protocol_id)row)->short_name, state->word);
    if (gui_change(dialog, window->language, COMMAND_SET, spec, 0, NULL))
        fill_table(dialog, window);
}

static void apply_profile(HWND dialog, struct advanced_window *window)
{
    LRESULT choice = SendDlgItemMessageW(dialog, IDC_PROFILE, CB_GETCURSEL, 0, 0);
    const struct profile_info *profile = choice >= 0 ? profile_at((size_t)choice) : NULL;
    if (!profile)
        return;
    if (gui_change(dialog, window->language, COMMAND_APPLY, profile->name, 0, NULL))
        fill_table(dialog, window);
}

static void restore_from_file(HWND dialog, struct advanced_window *window)
{
    wchar_t file[MAX_PATH * 2] = L"", filter[160], *folder = NULL, *label;
    char backups[MAX_PATH * 3], *utf8;
    OPENFILENAMEW open;
    size_t length;

    /* "Registry files (*.reg)" NUL "*.reg" NUL NUL */
    label = wide_from_utf8(message_text(window->language, MSG_GUI_REG_FILES));
    length = label ? wcslen(label) : 0;
    if (!label || length + 10 > COUNT(filter)) {
        free(label);
        return;
    }
    memcpy(filter, label, length * sizeof(wchar_t));
    memcpy(filter + length, L"\0*.reg\0\0", 8 * sizeof(wchar_t));
    free(label);
    if (change_backup_folder(backups, sizeof(backups)) == 0)
        folder = wide_from_utf8(backups);

    memset(&open, 0, sizeof(open));
    open.lStructSize = sizeof(open);
    open.hwndOwner = dialog;
    open.lpstrFilter = filter;
    open.lpstrFile = file;
    open.nMaxFile = COUNT(file);
    open.lpstrInitialDir = folder;
    open.Flags = OFN_FILEMUSTEXIST | OFN_PATHMUSTEXIST | OFN_HIDEREADONLY;
    if (late_open_file_name(&open)) {
        utf8 = utf8_from_wide(file);
        if (utf8 && gui_change(dialog, window->language, COMMAND_RESTORE, utf8, 0, NULL))
            fill_table(dialog, window);
        free(utf8);
    }
    free(folder);
}

static void open_backups_folder(HWND dialog)
{
    char backups[MAX_PATH * 3];
    wchar_t *folder;
    if (change_backup_folder(backups, sizeof(backups)) != 0)
        return;
    folder = wide_from_utf8(backups);
    if (folder) {
        SHELLEXECUTEINFOW run;
        memset(&run, 0, sizeof(run));
        run.cbSize = sizeof(run);
        run.hwnd = dialog;
        run.lpVerb = L"open";
        run.lpFile = folder;
        run.nShow = SW_SHOWNORMAL;
        late_shell_execute(&run);
    }
    free(folder);
}

static INT_PTR CALLBACK advanced_procedure(HWND dialog, UINT message, WPARAM wparam, LPARAM lparam)
{
    struct advanced_window *window = (struct advanced_window *)GetWindowLongPtrW(dialog, DWLP_USER);
    switch (message) {
    case WM_INITDIALOG:
        window = (struct advanced_window *)lparam;
        SetWindowLongPtrW(dialog, DWLP_USER, (LONG_PTR)window);
        initialise(dialog, window);
        return TRUE;
    case WM_NOTIFY: {
        const NMLISTVIEW *change = (const NMLISTVIEW *)lparam;
        if (change->hdr.idFrom == IDC_PROTOCOLS && change->hdr.code == LVN_ITEMCHANGED &&
            (change->uNewState & LVIS_SELECTED) && !(change->uOldState & LVIS_SELECTED))
            show_protocol_setting(dialog, window, change->iItem);
        break;
    }
    case WM_COMMAND:
        switch (LOWORD(wparam)) {
        case IDC_SET:
            set_selected_protocol(dialog, window);
            return TRUE;
        case IDC_APPLY_PROFILE:
            apply_profile(dialog, window);
            return TRUE;
        case IDC_RESTORE:
            restore_from_file(dialog, window);
            return TRUE;
        case IDC_UNDO:
            if (gui_change(dialog, window->language, COMMAND_UNDO, NULL, 0, NULL))
                fill_table(dialog, window);
            return TRUE;
        case IDC_OPEN_BACKUPS:
            open_backups_folder(dialog);
            return TRUE;
        case IDCANCEL:
            EndDialog(dialog, 0);
            return TRUE;
        }
        break;
    }
    return FALSE;
}

void gui_advanced_dialog(HWND owner, enum language language)
{
    struct advanced_window *window = calloc(1, sizeof(*window));
    if (!window)
        return;
    window->language = language;
    gui_dialog(owner, IDD_ADVANCED, language, advanced_procedure, (LPARAM)window);
    free(window);
}
