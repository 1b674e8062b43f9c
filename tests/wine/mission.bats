#!/usr/bin/env bats
# The mission: a mail server that accepts only TLS 1.2 (a real dovecot) refuses an old
# mail program on XP that asks Schannel for its default protocols; after
# tlsswitch /apply recommended a new process of that program gets through over TLS 1.2.

load helper

setup_file() {
  export DOVECOT_DIR="$BATS_FILE_TMPDIR/dovecot"
  export DOVECOT_BASE_PORT=32000
  "$BATS_TEST_DIRNAME/../servers/dovecot.sh" start "$DOVECOT_DIR" >"$BATS_FILE_TMPDIR/ports" 3>&-
}

teardown_file() {
  "$BATS_TEST_DIRNAME/../servers/dovecot.sh" stop "$DOVECOT_DIR" 3>&-
}

setup() {
  reset_protocols
  eval "$(cat "$BATS_FILE_TMPDIR/ports")"
}

client() { # client PORT: the Outlook Express-like client, in a new process
  wine "$ROOT/build/tests/default_client.exe" 127.0.0.1 "$1" 3>&- </dev/null 2>/dev/null
}

# The last connection dovecot logged, from its own side.
server_saw() {
  sleep 0.5
  grep -a 'Disconnected' "$DOVECOT_DIR/dovecot.log" | tail -1
}

@test "before the fix the TLS 1.2-only server refuses the default-protocols client" {
  run client "$POP3S_PORT"
  [ "$status" -eq 1 ]
  [[ "$output" == *"handshake failed"* ]]
  [[ "$output" != *"greeting"* ]]
}

@test "after /apply recommended a new client process reads the greeting over TLS 1.2" {
  run --separate-stderr tlsswitch /apply recommended /lang en
  [ "$status" -eq $((3010 % 256)) ]
  run client "$POP3S_PORT"
  [ "$status" -eq 0 ]
  [[ "$output" == *"protocol 0x800"* ]]
  [[ "$output" == *"greeting +OK Dovecot"* ]]
  # The server's own log says TLS 1.2, so the test does not rest on the client's report.
  [[ "$(server_saw)" == *"TLSv1.2 with cipher"* ]]
  run client "$IMAPS_PORT"
  [ "$status" -eq 0 ]
  [[ "$output" == *"greeting * OK"* ]]
}

@test "/undo brings the refusal back" {
  rm -rf "$BACKUPS"
  run --separate-stderr tlsswitch /apply recommended /lang en
  run --separate-stderr tlsswitch /undo /lang en
  [ "$status" -eq $((3010 % 256)) ]
  run client "$POP3S_PORT"
  [ "$status" -eq 1 ]
}
