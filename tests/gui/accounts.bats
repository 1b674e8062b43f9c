#!/usr/bin/env bats
# "Test my mail" in the window: the accounts the mail programs of this user have, tested
# with no typing, one line each with its verdict, and /test /accounts' report in the
# details; with no mail program, the manual form at once. The stores are those of
# tests/wine/accounts.bats (tests/wine/accounts_fixture.bash), in the XP-reporting prefix,
# pointing at local servers on ports 41200-41299 only (TLSSWITCH_TEST_PORT_BASE=41200
# moves the usual ports of the other ways there: 995 to 41295):
#
#   Outlook Express  "Works"       POP3 SSL 41231: TLS 1.0, RSA key exchange      works
#   Outlook Express  "プロバイダ"   POP3 without SSL 41210 (closed); 41295 answers  a setting is wrong
#   Outlook Express  "Modern"      IMAP SSL 41235: ECDHE with AEAD only           XP cannot: the relay
#   Thunderbird      "After fix"   POP3 SSL 41233: TLS 1.2 only; SMTP SSL 41231   works after Fix it

load ../wine/helper
load ../wine/accounts_fixture
load window_driver

setup_file() {
  export CERTS="$BATS_FILE_TMPDIR/certs"
  "$HELPER_DIR/../servers/certs.sh" "$CERTS" 3>&-
  wine "$ROOT/build/tests/trust_root.exe" "$(wine_path "$CERTS/ca.pem")" >/dev/null 3>&- </dev/null
  start_account_providers 41231 41233 41235 41295 41210
}

teardown_file() {
  stop_servers
  remove_mail_stores
}

setup() {
  reset_protocols
}

teardown() {
  if [ -n "${WINDOW_PID:-}" ] && kill -0 "$WINDOW_PID" 2>/dev/null; then
    kill "$WINDOW_PID" 2>/dev/null
    wait "$WINDOW_PID" 2>/dev/null
  fi
  true
}

# The text of a control without the CR of its line ends.
text_of() { driver text "$@" | tr -d '\r'; }

@test "Test my mail: one line per account with its verdict, the command's report in the details, in English" {
  open_window LC_ALL=C.UTF-8 TLSSWITCH_TEST_PORT_BASE=41200
  driver keys main
  driver fits main "MS Shell Dlg 2" 8
  driver click main $TEST_ACCOUNTS
  driver wait-text accounts $RESULT "3 of 4 accounts do not work as they are set."
  local lines details
  lines=$(text_of accounts $ACCOUNT_LINES)
  echo "$lines"
  [ "$(grep -c . <<<"$lines")" -eq 4 ]
  grep -qx 'Outlook Express, "Works": works' <<<"$lines"
  grep -qx 'Outlook Express, "プロバイダ": a setting is wrong (the details say which)' <<<"$lines"
  grep -qx 'Outlook Express, "Modern": this Windows cannot use the server: needs the relay' <<<"$lines"
  grep -qx 'Thunderbird, "After fix": works after "Fix it"' <<<"$lines"
  details=$(text_of accounts $DETAILS)
  [[ "$details" == "Mail accounts found: 4."* ]]
  [[ "$details" == *'tick "This server requires a secure connection (SSL)" and set the port to 41295'* ]]
  [[ "$details" == *"tlsswitch /relay add imaps://localhost:41235"* ]]
  [[ "$details" == *"Verdict: works after tlsswitch /apply recommended"* ]]
  [ "$(tail -n 1 <<<"$details")" = "FAILED" ]
  [[ "$lines$details" != *hunter2* ]]
  [ "$(driver enabled accounts $STOP)" = 0 ]
  driver keys accounts
  driver fits accounts "MS Shell Dlg 2" 8
  # The manual form is there too, for a server typed in by hand.
  driver click accounts $TEST_OTHER
  driver wait test
  driver click test $CANCEL
  driver gone test
  # The account XP cannot use: its server tested in the form, whose result offers the relay.
  [ "$(driver text accounts $USE_RELAY)" = "Set up the &relay..." ]
  driver click accounts $USE_RELAY
  driver wait-text test $RESULT "no registry setting can change that"
  [ "$(driver text test $SERVER)" = localhost ]
  [ "$(driver text test $PORT)" = 41235 ]
  [ -z "$(driver text test $OUT_SERVER)" ]
  [[ "$(driver text test $RESULT)" == *'To set the relay up for imaps://localhost:41235, click "Use TLS Switch as a relay for this server".'* ]]
  [ "$(driver enabled test $USE_RELAY)" = 1 ]
  driver click test $CANCEL
  driver gone test
  driver click accounts $CANCEL
  driver gone accounts
  close_window
}

@test "Test my mail in Japanese: the same verdicts, in MS UI Gothic, with access keys, and every label fits" {
  open_window LC_ALL=ja_JP.UTF-8 TLSSWITCH_TEST_PORT_BASE=41200
  [ "$(driver text main $TEST_ACCOUNTS)" = "メールソフトをテスト(&M)" ]
  driver keys main
  driver fits main "MS UI Gothic" 9
  driver click main $TEST_ACCOUNTS
  # The driver's words are ASCII (its arguments come in the ANSI code page): the report's last line.
  driver wait-text accounts $DETAILS "FAILED"
  [ "$(text_of accounts $RESULT)" = "3 件のアカウントが今の設定では使えません (全 4 件)。" ]
  local lines details
  lines=$(text_of accounts $ACCOUNT_LINES)
  echo "$lines"
  [ "$(grep -c . <<<"$lines")" -eq 4 ]
  grep -qx 'Outlook Express の「Works」: 使えます' <<<"$lines"
  grep -qx 'Outlook Express の「プロバイダ」: 設定が違います (詳細を参照)' <<<"$lines"
  grep -qx 'Outlook Express の「Modern」: この Windows ではサーバーを使えません: 中継が必要' <<<"$lines"
  grep -qx 'Thunderbird の「After fix」: 「修正する」の後で使えます' <<<"$lines"
  details=$(text_of accounts $DETAILS)
  [[ "$details" == "見つかったメールアカウント: 4 件。"* ]]
  [[ "$details" == *"ポート番号を 41295 にしてください"* ]]
  [[ "$details" == *"判定: この Windows (Windows XP) では、設定を変えても使えません。"* ]]
  driver keys accounts
  driver fits accounts "MS UI Gothic" 9
  driver click accounts $CANCEL
  close_window
}

@test "Stop ends a test that would wait, and the window says so" {
  # Thunderbird's POP3 server accepts and then says nothing until the time limit.
  "$ROOT/build/tests/hostile" stall 41240 </dev/null >/dev/null 2>&1 3>&- &
  local stall=$!
  write_thunderbird 41240 41231
  open_window LC_ALL=C.UTF-8 TLSSWITCH_TEST_PORT_BASE=41200
  driver click main $TEST_ACCOUNTS
  driver wait-text accounts $RESULT "Testing 4 mail accounts"
  [ "$(driver enabled accounts $STOP)" = 1 ]
  driver click accounts $STOP
  driver wait-text accounts $RESULT "The test was stopped."
  kill "$stall"
  write_thunderbird 41233 41231
  [ "$(driver enabled accounts $STOP)" = 0 ]
  [ -z "$(text_of accounts $ACCOUNT_LINES)" ]
  driver click accounts $CANCEL
  driver gone accounts
  close_window
}

@test "a damaged store: its note shows above the lines, and the other program's accounts are tested" {
  local prefs
  prefs="$(app_data)/Thunderbird/Profiles/abc.default/prefs.js"
  cp "$prefs" "$BATS_TEST_TMPDIR/prefs.js"
  printf 'user_pref("mail.server.server1.hostname", "local' >"$prefs"   # cut off in a string
  open_window LC_ALL=C.UTF-8 TLSSWITCH_TEST_PORT_BASE=41200
  driver click main $TEST_ACCOUNTS
  driver wait-text accounts $RESULT "accounts do not work as they are set."
  local lines
  lines=$(text_of accounts $ACCOUNT_LINES)
  cp "$BATS_TEST_TMPDIR/prefs.js" "$prefs"
  echo "$lines"
  [[ "$(head -n 1 <<<"$lines")" == "Note: Thunderbird's account settings are damaged or not in its format"* ]]
  grep -qx 'Outlook Express, "Works": works' <<<"$lines"
  [[ "$lines" != *'"After fix"'* ]]
  [[ "$(text_of accounts $DETAILS)" == *"Note: Thunderbird's account settings are damaged"* ]]
  driver click accounts $CANCEL
  close_window
}

@test "no account but a damaged store: its note in a message box, then the manual form" {
  remove_mail_stores
  write_thunderbird 41233 41231
  printf 'user_pref("mail.server.server1.hostname", "local' >"$(app_data)/Thunderbird/Profiles/abc.default/prefs.js"
  open_window LC_ALL=C.UTF-8 TLSSWITCH_TEST_PORT_BASE=41200
  driver click main $TEST_ACCOUNTS
  box_says "Thunderbird's account settings are damaged or not in its format"
  driver click box $OK
  driver wait test
  driver click test $CANCEL
  driver gone test
  close_window
  remove_mail_stores
}

@test "no mail program: Test my mail opens the manual form at once" {
  remove_mail_stores
  open_window LC_ALL=C.UTF-8 TLSSWITCH_TEST_PORT_BASE=41200
  driver click main $TEST_ACCOUNTS
  driver wait test
  TLSSWITCH_GUI_WAIT=1 driver gone accounts
  driver click test $CANCEL
  driver gone test
  close_window
}
