#!/usr/bin/env bats
# The relay in the window: where no setting of this Windows can help (a provider with
# Debian's default ciphers, ECDHE only, tests/servers/mailhost.sh, in a prefix that reports
# Windows XP), "Test my mail server" offers "Use TLS Switch as a relay for this server".
# The button adds the ways (incoming and outgoing) to relay.ini, starts the relay in the
# background with its start entry, shows what to type and tests through the relay before
# it says "It works"; the first screen then shows the relay and its ways, and "Stop
# relaying" ends both.
# Ports: the mail host from 41000 (MAILHOST_BASE_PORT), the relay's local ports 41100-41199.

load ../wine/helper
load window_driver

RUN_KEY='HKCU\Software\Microsoft\Windows\CurrentVersion\Run'
L_POP3S=41125 L_SMTPS=41126 L_WRONGNAME=41130

relay_ini() {
  echo "$(winepath -u "$(wine cmd /c 'echo %APPDATA%' 2>/dev/null 3>&- </dev/null | tr -d '\r')" 2>/dev/null)/TLS Switch/relay.ini"
}

run_value_present() {
  wine reg query "$RUN_KEY" /v "TLS Switch relay" >/dev/null 2>&1 3>&- </dev/null
}

port_open() { (exec 9<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

setup_file() {
  export CERTS="$BATS_FILE_TMPDIR/certs"
  "$HELPER_DIR/../servers/certs.sh" "$CERTS" 3>&-
  wine "$ROOT/build/tests/trust_root.exe" "$(wine_path "$CERTS/ca.pem")" >/dev/null 3>&- </dev/null
  export MAILHOST_DIR
  MAILHOST_DIR=$(mktemp -d /tmp/tlsswitch-gui-mailhost.XXXXXX)
  chmod 755 "$MAILHOST_DIR"
  MAILHOST_BASE_PORT=41000 "$HELPER_DIR/../servers/mailhost.sh" start "$MAILHOST_DIR" "$CERTS/valid.pem" \
    "$CERTS/valid.key" >"$BATS_FILE_TMPDIR/mailhost.env" 3>&-
  # A provider with today's ciphers whose certificate is for another name: the relay
  # refuses it, and the window says why.
  source "$HELPER_DIR/../servers/providers.bash"
  s_server wrongname 41201 wrongname -tls1_2 -cipher "$PROVIDER_ECDHE_AEAD"
  rm -f "$(relay_ini)"
}

teardown_file() {
  wine "$TLSSWITCH_EXE" /relay stop >/dev/null 2>&1 3>&- </dev/null || true
  rm -f "$(relay_ini)"
  "$HELPER_DIR/../servers/mailhost.sh" stop "$MAILHOST_DIR" >/dev/null 2>&1 3>&- || true
  stop_servers
}

setup() {
  eval "$(cat "$BATS_FILE_TMPDIR/mailhost.env")"
}

teardown() {
  if [ -n "${WINDOW_PID:-}" ] && kill -0 "$WINDOW_PID" 2>/dev/null; then
    kill "$WINDOW_PID" 2>/dev/null
    wait "$WINDOW_PID" 2>/dev/null
  fi
  true
}

@test "no relay.ini: the first screen shows no relay line" {
  [ ! -e "$(relay_ini)" ]
  open_window LC_ALL=C.UTF-8
  [ -z "$(driver text main $RELAY_STATE)" ]
  run driver click main $STOP_RELAY
  [ "$status" -ne 0 ]   # hidden: nothing to click
  close_window
}

@test "Use TLS Switch as a relay: adds both ways, starts the relay, says what to type, and it works" {
  open_window LC_ALL=C.UTF-8 TLSSWITCH_TEST_RELAY_PORT=$L_POP3S
  driver click main $TEST
  driver wait test
  driver set test $OUT_SERVER localhost
  driver select test $OUT_KIND $KIND_SMTPS
  driver wait-text test $OUT_PORT 465
  driver set test $OUT_PORT "$SMTPS_PORT"
  start_mail_test localhost $KIND_POP3S 995 "$POP3S_PORT"
  driver wait-text test $RESULT "no registry setting can change that"
  run driver text test $RESULT
  [[ "$output" == *"To set the relay up for pop3s://localhost:$POP3S_PORT, click \"Use TLS Switch as a relay for this server\"."* ]]
  [[ "$output" == *"To set the relay up for smtps://localhost:$SMTPS_PORT, click \"Use TLS Switch as a relay for this server\"."* ]]
  [[ "$output" != *"tlsswitch /"* ]]
  driver click test $USE_RELAY
  # The providers' greetings, through the relay (the details are written last).
  driver wait-text test $DETAILS "Through the relay, the provider answered: +OK " || { driver text test $RESULT; false; }
  run driver text test $RESULT
  [[ "$output" == "It works: the relay on this PC reached pop3s://localhost:$POP3S_PORT with its own TLS"* ]]
  [[ "$output" == *"It works: the relay on this PC reached smtps://localhost:$SMTPS_PORT with its own TLS"* ]]
  [[ "$output" == *"Type into your mail program what the details below say."* ]]
  run driver text test $DETAILS
  [[ "$output" == *"Incoming mail server (POP3): 127.0.0.1"* ]]
  [[ "$output" == *"Port: $L_POP3S"* ]]
  [[ "$output" == *"Outgoing mail server (SMTP): 127.0.0.1"* ]]
  [[ "$output" == *"Port: $L_SMTPS"* ]]
  [[ "$output" == *"SSL/TLS: off"* ]]
  [[ "$output" == *'"This server requires a secure connection (SSL)" unticked'* ]]
  [[ "$output" == *"Through the relay, the provider answered: 220 "* ]]
  # relay.ini has the ways, the start entry is there, and a mail program gets its mail.
  grep -q "^provider *= *pop3s://localhost:$POP3S_PORT" "$(relay_ini)" || { cat "$(relay_ini)"; false; }
  grep -q "^local_port *= *$L_POP3S" "$(relay_ini)"
  grep -q "^provider *= *smtps://localhost:$SMTPS_PORT" "$(relay_ini)"
  grep -q "^local_port *= *$L_SMTPS" "$(relay_ini)"
  run_value_present
  run "$ROOT/tests/servers/mailclient.py" pop3 127.0.0.1 "$L_POP3S" "$MAIL_USER" "$MAIL_PASSWORD" --timeout 20
  echo "$output"
  [ "$status" -eq 0 ]
  [[ "$output" == *"greeting +OK"* ]]
  grep -q '^message 1 ' <<<"$output"
  driver click test $CANCEL
  # The first screen: running, and the way.
  driver wait-text main $RELAY_STATE "The mail relay is running for your mail program:"
  run driver text main $RELAY_STATE
  [[ "$output" == *"1. pop3s://localhost:$POP3S_PORT, for the mail program at 127.0.0.1:$L_POP3S"* ]]
  [[ "$output" == *"2. smtps://localhost:$SMTPS_PORT, for the mail program at 127.0.0.1:$L_SMTPS"* ]]
  driver keys main
  driver fits main "MS Shell Dlg 2" 8
  # Stop relaying: the port closes and the start entry goes; the way stays in relay.ini.
  driver click main $STOP_RELAY
  driver wait-text main $RELAY_STATE "The mail relay is not running."
  ! port_open "$L_POP3S"
  ! port_open "$L_SMTPS"
  ! run_value_present
  grep -q "^local_port *= *$L_POP3S" "$(relay_ini)"
  close_window
}

@test "the first screen in Japanese: the relay's line and button, with an access key, fit" {
  grep -q "^local_port *= *$L_POP3S" "$(relay_ini)"   # from the test before
  open_window LC_ALL=ja_JP.UTF-8
  run driver text main $RELAY_STATE
  [[ "$output" == "メールの中継は動いていません。"* ]]
  [ "$(driver text main $STOP_RELAY)" = "中継を停止(&R)" ]
  driver keys main
  driver fits main "MS UI Gothic" 9
  close_window
}

@test "a relay the provider's certificate defeats: the window says it did not work, and why" {
  open_window LC_ALL=C.UTF-8 TLSSWITCH_TEST_RELAY_PORT=$L_WRONGNAME
  driver click main $TEST
  driver wait test
  driver set test $OUT_SERVER ""
  start_mail_test localhost $KIND_POP3S 995 41201
  driver wait-text test $RESULT "no registry setting can change that"
  driver keys test
  driver fits test "MS Shell Dlg 2" 8
  driver click test $USE_RELAY
  driver wait-text test $RESULT "The relay for pop3s://localhost:41201 is set up and running, but the test through it did not work"
  run driver text test $RESULT
  echo "$output"
  [[ "$output" == *"did not work: -ERR "*"certificate is for another name"* ]]
  [[ "$output" != *"It works"* ]]
  driver click test $CANCEL
  driver wait-text main $RELAY_STATE "The mail relay is running for your mail program:"
  run driver text main $RELAY_STATE
  [[ "$output" == *"3. pop3s://localhost:41201, for the mail program at 127.0.0.1:$L_WRONGNAME"* ]]
  driver click main $STOP_RELAY
  driver wait-text main $RELAY_STATE "The mail relay is not running."
  ! port_open "$L_WRONGNAME"
  close_window
}
