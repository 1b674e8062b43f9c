# The window's test steps, shared by the tests of tests/gui: control ids, the driver
# (tests/wine/gui_driver.c) with its retry, and opening and closing the window.

# Control ids from res/resource.h, and the buttons of a message box.
SENTENCE=1002 ADMIN_NOTE=1003 FIX=1004 TEST=1005 ADVANCED=1006
SERVER=1102 KIND=1104 PORT=1106 START=1107 STOP=1108 RESULT=1110 DETAILS=1112 AS=1115
OUT_SERVER=1117 OUT_KIND=1118 OUT_PORT=1119 FIND_INPUT=1121 FIND=1122
PROTOCOL_LIST=1202 SETTING=1204 SET=1205 PROFILE=1207 APPLY_PROFILE=1208 RESTORE=1209 UNDO=1210
FILE_NAME=1148   # cmb13, the file name box of the Open dialog
OK=1 CANCEL=2 YES=6 NO=7
KIND_SMTPS=0 KIND_POP3S=2 KIND_IMAP_STARTTLS=5
AS_THIS_PC=0 AS_XP=1 AS_10=6
RELAY_STATE=1007 STOP_RELAY=1008 USE_RELAY=1123
TEST_ACCOUNTS=1009 ACCOUNT_LINES=1301 TEST_OTHER=1302 COPY=1113

# The driver exits 0, or 1 (or 2 for a wrong step) after saying why on stderr. Any other
# code, or a failure that says nothing, means the Wine process itself did not run through
# (seen a few times in many runs, never reproduced): say so, and take the step once more.
# What it says goes through a file of its own: Wine's own processes (wineserver, the
# desktop) that a step starts keep its stderr open, and a pipe would never end.
driver() {
  local status attempt said
  for attempt in 1 2; do
    status=0
    said=$(mktemp "${BATS_TEST_TMPDIR:-$BATS_FILE_TMPDIR}/driver.XXXXXX")
    wine "$ROOT/build/tests/gui_driver.exe" "$@" 2>"$said" 3>&- </dev/null || status=$?
    cat "$said" >&2
    if ((status == 0)) || { ((status <= 2)) && [ -s "$said" ]; }; then return "$status"; fi
    echo "gui_driver $* ended with exit code $status under Wine, saying nothing (attempt $attempt)" >&2
  done
  return "$status"
}

# Opens the window as a double-click does (no arguments) and waits until it takes input.
# open_window_named: the same where the names of the test's mail domain resolve (as
# tests/wine/find.bats does it: with_names of tests/wine/helper.bash).
open_window() {
  env "$@" wine "$TLSSWITCH_EXE" 3>&- </dev/null >/dev/null 2>&1 &
  WINDOW_PID=$!
  driver wait main
}

open_window_named() {
  with_names env "$@" wine "$TLSSWITCH_EXE" 3>&- </dev/null >/dev/null 2>&1 &
  WINDOW_PID=$!
  driver wait main
}

close_window() {
  driver click main $CANCEL
  wait "$WINDOW_PID"
}

# The text of the message box on screen (after waiting for it); then answers it.
box_says() { # box_says WORDS: fails with the box's text when it does not hold WORDS
  local text
  text=$(driver box)
  if [[ "$text" != *"$1"* ]]; then
    echo "the message box says: $text" >&2
    return 1
  fi
}

# Fills in "Test my mail server" as a user would, checking the port the type proposes,
# and starts the test.
start_mail_test() { # start_mail_test SERVER KIND PROPOSED_PORT PORT
  driver wait test
  driver set test $SERVER "$1"
  driver select test $KIND "$2"
  driver wait-text test $PORT "$3"
  driver set test $PORT "$4"
  driver click test $START
}
