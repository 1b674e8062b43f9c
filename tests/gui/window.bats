#!/usr/bin/env bats
# The window, driven from outside as a user would drive it (tests/wine/gui_driver.c),
# on Xvfb in an XP-like prefix (tests/run-gui-tests.sh): the sentence, "Fix it" with
# its confirmation, the registry it leaves, the mail server test against a TLS 1.2-only
# dovecot, the advanced settings, access keys and labels that fit, in both languages.
# The driver waits on windows and texts; no test sleeps to synchronise.

load ../wine/helper
load window_driver

setup_file() {
  export CERTS="$BATS_FILE_TMPDIR/certs"
  "$HELPER_DIR/../servers/certs.sh" "$CERTS" 3>&-
  wine "$ROOT/build/tests/trust_root.exe" "$(wine_path "$CERTS/ca.pem")" >/dev/null 3>&- </dev/null
  export DOVECOT_DIR="$BATS_FILE_TMPDIR/dovecot"
  # A provider that kept RSA key exchange for older clients: XP can use it after the fix.
  source "$HELPER_DIR/../servers/providers.bash"
  DOVECOT_BASE_PORT=36000 DOVECOT_CERT="$CERTS/valid.pem" DOVECOT_KEY="$CERTS/valid.key" \
    DOVECOT_CIPHERS=$PROVIDER_KEEPS_RSA_KX "$HELPER_DIR/../servers/dovecot.sh" start "$DOVECOT_DIR" >/dev/null 3>&-
  # A server that accepts and then says nothing: a test that only "Stop" can end soon.
  "$ROOT/build/tests/hostile" stall 36201 </dev/null >/dev/null 2>&1 3>&- &
  echo $! >"$BATS_FILE_TMPDIR/stall.pid"
  # A provider with today's "modern" settings, ECDHE with AES-GCM or ChaCha20 only: XP
  # cannot use it, whatever its registry says.
  openssl s_server -accept 36203 -cert "$CERTS/valid.pem" -key "$CERTS/valid.key" -www -tls1_2 \
    -cipher "$PROVIDER_ECDHE_AEAD" </dev/null >/dev/null 2>&1 3>&- &
  echo $! >>"$BATS_FILE_TMPDIR/stall.pid"
  # A provider's mail domain for "Find settings", as in tests/wine/find.bats: POP3 on
  # pop.tlsswitch.test (dovecot, TLS 1.2 only, RSA key exchange kept), SMTP on
  # smtp.tlsswitch.test (postfix, TLS 1.2 only), every other name without a server.
  names_file "127.0.0.22 pop.tlsswitch.test" "127.0.0.24 smtp.tlsswitch.test"
  DOVECOT_LISTEN=127.0.0.22 DOVECOT_BASE_PORT=0 DOVECOT_CLOSED="imap imaps" DOVECOT_CERT="$CERTS/anyname.pem" \
    DOVECOT_KEY="$CERTS/anyname.key" DOVECOT_CIPHERS=$PROVIDER_KEEPS_RSA_KX \
    "$HELPER_DIR/../servers/dovecot.sh" start "$BATS_FILE_TMPDIR/pop" >/dev/null 3>&-
  POSTFIX_DIR=$(mktemp -d /tmp/tlsswitch-postfix.XXXXXX)
  export POSTFIX_DIR
  POSTFIX_LISTEN=127.0.0.24 POSTFIX_BASE_PORT=0 "$HELPER_DIR/../servers/postfix.sh" start "$POSTFIX_DIR" \
    "$CERTS/anyname.pem" "$CERTS/anyname.key" >/dev/null 3>&-
}

teardown_file() {
  xargs -r kill <"$BATS_FILE_TMPDIR/stall.pid" 2>/dev/null
  "$HELPER_DIR/../servers/dovecot.sh" stop "$DOVECOT_DIR" 3>&-
  "$HELPER_DIR/../servers/dovecot.sh" stop "$BATS_FILE_TMPDIR/pop" 3>&-
  "$HELPER_DIR/../servers/postfix.sh" stop "$POSTFIX_DIR" 3>&-
  rm -rf "$POSTFIX_DIR"
  true
}

setup() {
  reset_protocols
  rm -rf "$BACKUPS"
}

teardown() {
  wine reg add 'HKCU\Software\Wine' /v Version /d winxp /f >/dev/null 2>&1 3>&- </dev/null
  # A failed test may leave its window open: close it, so the next test starts clean.
  if [ -n "${WINDOW_PID:-}" ] && kill -0 "$WINDOW_PID" 2>/dev/null; then
    kill "$WINDOW_PID" 2>/dev/null
    wait "$WINDOW_PID" 2>/dev/null
  fi
  true
}

@test "double-click: one sentence says old mail programs cannot use TLS 1.2; Fix it is ready" {
  open_window LC_ALL=C.UTF-8
  run driver text main $SENTENCE
  [[ "$output" == "Older mail programs on this PC cannot use TLS 1.2, which many providers require since 2022."* ]]
  [ "$(driver enabled main $FIX)" = 1 ]
  [ -z "$(driver text main $ADMIN_NOTE)" ]
  close_window
}

@test "TLS 1.2 turned off (Enabled=0): the window says so, and Fix it turns it on as seen by a new process" {
  set_dword "TLS 1.2" Enabled 0
  open_window LC_ALL=C.UTF-8
  run driver text main $SENTENCE
  [ "$output" = 'TLS 1.2 is turned off on this PC, so no program can use it. Click "Fix it" to turn it on.' ]
  driver click main $FIX
  box_says "TLS 1.2: used by default (now: off)"
  driver click box $OK
  driver click box $NO
  # The window's own process has asked Schannel before: the new sentence comes from a
  # new process's probes, or it would still say TLS 1.2 cannot be used.
  driver wait-text main $SENTENCE "This PC uses TLS 1.2 by default."
  [ "$(reg_value "TLS 1.2" Enabled)" = 0x1 ]
  close_window
}

@test "Restore from file...: a backup picked in the file dialog puts the settings back" {
  mkdir -p "$BACKUPS"
  tlsswitch /backup "$(wine_path "$BATS_TEST_TMPDIR/before.reg")" >/dev/null 2>&1
  tlsswitch /apply tls12only /nobackup >/dev/null 2>&1 || true
  [ "$(reg_value "TLS 1.0" Enabled)" = 0x0 ]
  open_window LC_ALL=C.UTF-8
  driver click main $ADVANCED
  driver wait advanced
  driver click advanced $RESTORE
  driver wait box
  # The file name box of the standard Open dialog.
  driver set box $FILE_NAME "$(wine_path "$BATS_TEST_TMPDIR/before.reg")"
  driver click box $OK
  box_says "TLS 1.0: left to Windows' default (now: off)"
  driver click box $OK
  box_says "Done."
  driver click box $OK
  [ "$(reg_value "TLS 1.0" Enabled)" = absent ]
  [ "$(reg_value "TLS 1.2" DisabledByDefault)" = 0x1 ]
  driver click advanced $CANCEL
  close_window
}

@test "Restore from file... with a hostile .reg file: refused with its line, nothing written" {
  open_window LC_ALL=C.UTF-8
  driver click main $ADVANCED
  driver wait advanced
  driver click advanced $RESTORE
  driver wait box
  driver set box $FILE_NAME "$(wine_path "$ROOT/tests/data/bad/run-key-after-good.reg")"
  driver click box $OK
  box_says "run-key-after-good.reg, line 6:"
  box_says "is outside"
  driver click box $OK
  driver wait advanced
  [ "$(reg_value "TLS 1.2" DisabledByDefault)" = 0x1 ]
  [ "$(backup_count)" -eq 0 ]
  driver click advanced $CANCEL
  close_window
}

@test "Fix it: the change in plain words, nothing written before OK, then backup, recommended, next steps" {
  open_window LC_ALL=C.UTF-8
  driver click main $FIX
  box_says "TLS 1.2: used by default (now: only when a program asks)"
  box_says "saved to a backup first"
  [ "$(reg_value "TLS 1.2" DisabledByDefault)" = 0x1 ]
  [ "$(backup_count)" -eq 0 ]
  driver click box $OK
  box_says "restart Windows"
  box_says "Test your mail server now?"
  [ "$(backup_count)" -eq 1 ]
  wine reg query "$(client_key "TLS 1.2")" 3>&- </dev/null >&2 || echo "wine reg query exit code $?" >&2
  [ "$(reg_value "TLS 1.2" DisabledByDefault)" = 0x0 ]
  [ "$(reg_value "TLS 1.2" Enabled)" = 0x1 ]
  [ "$(reg_value "TLS 1.1" DisabledByDefault)" = 0x0 ]
  [ "$(reg_value "SSL 3.0" Enabled)" = 0x0 ]
  [ "$(reg_value "SSL 2.0" Enabled)" = 0x0 ]
  driver click box $NO
  driver wait-text main $SENTENCE "This PC uses TLS 1.2 by default. Older mail programs can use it."
  [ "$(driver enabled main $FIX)" = 0 ]
  close_window
}

@test "Fix it, then Cancel: nothing is written and no backup is made" {
  open_window LC_ALL=C.UTF-8
  driver click main $FIX
  box_says "Continue?"
  driver click box $CANCEL
  driver wait main
  [ "$(reg_value "TLS 1.2" DisabledByDefault)" = 0x1 ]
  [ "$(reg_value "SSL 3.0" Enabled)" = absent ]
  [ "$(backup_count)" -eq 0 ]
  run driver text main $SENTENCE
  [[ "$output" == *"cannot use TLS 1.2"* ]]
  close_window
}

@test "the mail server test offered after the fix reaches a TLS 1.2-only dovecot" {
  open_window LC_ALL=C.UTF-8
  driver click main $FIX
  driver click box $OK
  box_says "Test your mail server now?"
  driver click box $YES
  start_mail_test localhost $KIND_POP3S 995 36995
  driver wait-text test $RESULT "Mail over TLS works with this server (TLS 1.2)"
  run driver text test $DETAILS
  [[ "$output" == *"testing pop3s://localhost:36995"* ]]
  [[ "$output" == *"Certificate: CN=localhost"* ]]
  [[ "$output" == *"OK: TLS 1.2"* ]]
  [ "$(driver enabled test $START)" = 1 ]
  [ "$(driver enabled test $STOP)" = 0 ]
  driver click test $CANCEL
  driver gone test
  close_window
}

@test "before the fix, the test says what is wrong in plain words and names the button" {
  open_window LC_ALL=C.UTF-8
  driver click main $TEST
  start_mail_test localhost $KIND_IMAP_STARTTLS 143 36143
  driver wait-text test $RESULT "this PC does not use TLS 1.2 by default"
  run driver text test $RESULT
  [[ "$output" == *'click "Fix it (recommended)"'* ]]
  [[ "$output" != *"tlsswitch /"* ]]
  run driver text test $DETAILS
  [[ "$output" == *"FAILED"* ]]
  driver click test $CANCEL
  close_window
}

@test "the test as Windows XP: a modern server cannot be used, and the window does not offer Fix it for it" {
  open_window LC_ALL=C.UTF-8
  driver click main $TEST
  driver wait test
  driver select test $AS $AS_XP
  start_mail_test localhost $KIND_SMTPS 465 36203
  driver wait-text test $RESULT "Windows XP cannot use this server, and no registry setting can change that"
  run driver text test $RESULT
  [[ "$output" == *"needs ECDHE key exchange, AES-GCM"* ]]
  [[ "$output" != *"Fix it"* ]]
  run driver text test $DETAILS
  [[ "$output" == *"as Windows XP would connect"* ]]
  [[ "$output" == *"FAILED"* ]]
  # As Windows 10 it works.
  driver select test $AS $AS_10
  driver click test $START
  driver wait-text test $RESULT "Windows 10 can use this server: TLS 1.2 with TLS_ECDHE_RSA_WITH_AES_"
  driver click test $CANCEL
  close_window
}

@test "Find settings from a mail address fills in both servers, and the test reads both results" {
  open_window_named LC_ALL=C.UTF-8
  driver click main $TEST
  driver wait test
  driver click test $FIND
  driver wait-text test $RESULT "Type your mail address or your mail server's name first"
  driver set test $FIND_INPUT "taro@tlsswitch.test"
  driver click test $FIND
  driver wait-text test $RESULT "The servers above are filled in with these settings"
  run driver text test $RESULT
  [[ "$output" == *"Incoming mail (receiving): POP3, server pop.tlsswitch.test, port 995, SSL/TLS on"*", after tlsswitch /apply recommended"* ]]
  [[ "$output" == *"Outgoing mail (sending): SMTP, server smtp.tlsswitch.test, port 465, SSL/TLS on"* ]]
  run driver text test $DETAILS
  [[ "$output" == *"imap.tlsswitch.test  no such server name"* ]]
  [ "$(driver text test $SERVER)" = "pop.tlsswitch.test" ]
  [ "$(driver text test $PORT)" = 995 ]
  [ "$(driver text test $OUT_SERVER)" = "smtp.tlsswitch.test" ]
  [ "$(driver text test $OUT_PORT)" = 465 ]
  # The test of both: two sentences, each saying which server it is about.
  driver click test $START
  driver wait-text test $RESULT "Outgoing mail (smtps://smtp.tlsswitch.test:465): "
  run driver text test $RESULT
  [[ "$output" == "Incoming mail (pop3s://pop.tlsswitch.test:995): "*"this PC does not use TLS 1.2 by default"* ]]
  [[ "$output" == *"Outgoing mail (smtps://smtp.tlsswitch.test:465): "*"this PC does not use TLS 1.2 by default"* ]]
  run driver text test $DETAILS
  [ "$(grep -c 'TLS Switch .*: testing ' <<<"$output")" -eq 2 ]
  driver click test $CANCEL
  close_window
}

@test "Stop ends a test that would wait, and the window stays usable" {
  open_window LC_ALL=C.UTF-8
  driver click main $TEST
  driver wait test
  driver set test $SERVER 127.0.0.1
  driver set test $PORT 36201
  driver click test $START
  driver wait-text test $RESULT "Testing pop3s://127.0.0.1:36201"
  [ "$(driver enabled test $START)" = 0 ]
  driver click test $STOP
  driver wait-text test $RESULT "The test was stopped."
  [ "$(driver enabled test $START)" = 1 ]
  driver click test $CANCEL
  close_window
}

@test "the test explains an empty server name and a wrong port, and runs nothing" {
  open_window LC_ALL=C.UTF-8
  driver click main $TEST
  driver wait test
  driver click test $START
  driver wait-text test $RESULT "Type the name of your incoming or outgoing mail server first"
  driver set test $SERVER "mail.example"
  driver set test $PORT 0
  driver click test $START
  driver wait-text test $RESULT "The port must be a number from 1 to 65535."
  driver set test $SERVER "pop://mail.example"
  driver set test $PORT 995
  driver click test $START
  driver wait-text test $RESULT 'cannot test "pop://mail.example"'
  [ "$(driver enabled test $START)" = 1 ]
  driver click test $CANCEL
  close_window
}

@test "XP, not an administrator: the window says so before anything, and Fix it is off" {
  open_window LC_ALL=C.UTF-8 TLSSWITCH_TEST_DENY_WRITE=1
  run driver text main $ADMIN_NOTE
  [[ "$output" == "You are not logged on as an administrator"* ]]
  [ "$(driver enabled main $FIX)" = 0 ]
  # The advanced settings say the same when a change is asked for, and write nothing.
  driver click main $ADVANCED
  driver wait advanced
  driver select advanced $PROFILE 1
  driver click advanced $APPLY_PROFILE
  box_says "Log on with an administrator account"
  driver click box $OK
  [ "$(reg_value "TLS 1.0" Enabled)" = absent ]
  [ "$(backup_count)" -eq 0 ]
  driver click advanced $CANCEL
  close_window
}

@test "Advanced: the protocol table, one protocol's setting, a profile, and undo" {
  open_window LC_ALL=C.UTF-8
  driver click main $ADVANCED
  driver wait advanced
  # TLS 1.2 is picked at the start; the setting list shows what it is now.
  run driver text advanced $SETTING
  [ "$output" = "On, only when a program asks" ]
  driver select advanced $SETTING 0
  driver click advanced $SET
  box_says "TLS 1.2: used by default (now: only when a program asks)"
  driver click box $OK
  box_says "Done."
  driver click box $OK
  [ "$(reg_value "TLS 1.2" DisabledByDefault)" = 0x0 ]
  [ "$(reg_value "TLS 1.1" DisabledByDefault)" = 0x1 ]
  # Another protocol, picked in the list.
  driver select-row advanced $PROTOCOL_LIST 2
  driver wait-text advanced $SETTING "Windows' default"
  driver select advanced $SETTING 2
  driver click advanced $SET
  box_says "TLS 1.0: off"
  driver click box $OK
  driver click box $OK
  [ "$(reg_value "TLS 1.0" Enabled)" = 0x0 ]
  # A profile, then undo of it.
  driver select advanced $PROFILE 1
  driver click advanced $APPLY_PROFILE
  box_says "TLS 1.1: off"
  driver click box $OK
  driver click box $OK
  [ "$(reg_value "TLS 1.1" Enabled)" = 0x0 ]
  driver click advanced $UNDO
  box_says "Undoing the last change that was kept: tlsswitch /apply tls12only, made "
  box_says "TLS 1.1: only when a program asks (now: off)"
  driver click box $OK
  driver click box $OK
  [ "$(reg_value "TLS 1.1" Enabled)" = absent ]
  [ "$(reg_value "TLS 1.0" Enabled)" = 0x0 ]
  [ "$(backup_count)" -eq 4 ]
  driver click advanced $CANCEL
  driver wait-text main $SENTENCE "This PC uses TLS 1.2 by default."
  close_window
}

@test "every control has an access key and a Tab stop, and every label fits, in English" {
  open_window LC_ALL=C.UTF-8
  driver keys main
  driver fits main "MS Shell Dlg 2" 8
  driver click main $TEST
  driver keys test
  driver fits test "MS Shell Dlg 2" 8
  driver click test $CANCEL
  driver click main $ADVANCED
  driver keys advanced
  driver fits advanced "MS Shell Dlg 2" 8
  driver click advanced $CANCEL
  close_window
}

@test "a Japanese user gets Japanese, in MS UI Gothic, with access keys, and every label fits" {
  open_window LC_ALL=ja_JP.UTF-8
  run driver text main $SENTENCE
  [[ "$output" == "このパソコンの古いメールソフトは TLS 1.2 を使えません。"* ]]
  run driver text main $FIX
  [ "$output" = "修正する (推奨)(&F)" ]
  driver keys main
  driver fits main "MS UI Gothic" 9
  driver click main $TEST
  driver keys test
  driver fits test "MS UI Gothic" 9
  driver click test $CANCEL
  driver click main $ADVANCED
  driver keys advanced
  driver fits advanced "MS UI Gothic" 9
  driver click advanced $CANCEL
  close_window
}

@test "/lang en on a Japanese system opens the window in English" {
  env LC_ALL=ja_JP.UTF-8 wine "$TLSSWITCH_EXE" /lang en 3>&- </dev/null >/dev/null 2>&1 &
  WINDOW_PID=$!
  driver wait main
  run driver text main $FIX
  [ "$output" = "&Fix it (recommended)" ]
  close_window
}

@test "Vista and 7 without elevation: Fix it stays on; the change runs as a new process through ShellExecute runas, and its report comes back" {
  # teardown puts XP back.
  wine reg add 'HKCU\Software\Wine' /v Version /d win7 /f >/dev/null 2>&1 3>&- </dev/null
  # Wine starts a "runas" process without asking; the test switch denies its writes too,
  # so the window must show what that other process reported.
  open_window LC_ALL=C.UTF-8 TLSSWITCH_TEST_DENY_WRITE=1
  run driver text main $ADMIN_NOTE
  [ -z "$output" ]
  [ "$(driver enabled main $FIX)" = 1 ]
  driver click main $FIX
  box_says "Continue?"
  driver click box $OK
  box_says "The change was not made (exit code 2)."
  box_says "Error: only an administrator can change these settings"
  driver click box $OK
  [ "$(reg_value "TLS 1.2" DisabledByDefault)" = 0x1 ]
  [ "$(backup_count)" -eq 0 ]
  close_window
}
