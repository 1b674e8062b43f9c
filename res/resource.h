/* Resource and control ids, shared by tlsswitch.rc, the window's code and the GUI test
 * driver (tests/wine/gui_driver.c), which finds the controls by these numbers. */
#ifndef TLSSWITCH_RESOURCE_H
#define TLSSWITCH_RESOURCE_H

#define IDI_APP 1

#define IDD_MAIN 100
#define IDD_TEST 101
#define IDD_ADVANCED 102
#define IDD_ACCOUNTS 103

/* Main window */
#define IDC_STATE_ICON 1001
#define IDC_SENTENCE 1002
#define IDC_ADMIN_NOTE 1003
#define IDC_FIX 1004
#define IDC_TEST 1005
#define IDC_ADVANCED 1006
#define IDC_RELAY_STATE 1007
#define IDC_STOP_RELAY 1008
#define IDC_TEST_ACCOUNTS 1009

/* Test my mail server */
#define IDC_SERVER_LABEL 1101
#define IDC_SERVER 1102
#define IDC_KIND_LABEL 1103
#define IDC_KIND 1104
#define IDC_PORT_LABEL 1105
#define IDC_PORT 1106
#define IDC_START 1107
#define IDC_STOP 1108
#define IDC_RESULT_LABEL 1109
#define IDC_RESULT 1110
#define IDC_DETAILS_LABEL 1111
#define IDC_DETAILS 1112
#define IDC_COPY 1113
#define IDC_AS_LABEL 1114
#define IDC_AS 1115
#define IDC_OUT_LABEL 1116
#define IDC_OUT_SERVER 1117
#define IDC_OUT_KIND 1118
#define IDC_OUT_PORT 1119
#define IDC_FIND_LABEL 1120
#define IDC_FIND_INPUT 1121
#define IDC_FIND 1122
#define IDC_USE_RELAY 1123

/* Test my mail (besides IDC_RESULT, IDC_DETAILS_LABEL, IDC_DETAILS, IDC_COPY, IDC_STOP, IDC_USE_RELAY) */
#define IDC_ACCOUNT_LINES 1301
#define IDC_TEST_OTHER 1302

/* Advanced */
#define IDC_PROTOCOLS_LABEL 1201
#define IDC_PROTOCOLS 1202
#define IDC_SETTING_LABEL 1203
#define IDC_SETTING 1204
#define IDC_SET 1205
#define IDC_PROFILE_LABEL 1206
#define IDC_PROFILE 1207
#define IDC_APPLY_PROFILE 1208
#define IDC_RESTORE 1209
#define IDC_UNDO 1210
#define IDC_OPEN_BACKUPS 1211

#endif
