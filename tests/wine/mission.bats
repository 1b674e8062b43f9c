#!/usr/bin/env bats
# The mission: a mail server that accepts only TLS 1.2 (a real dovecot) refuses an old
# mail program on XP that asks Schannel for its default protocols; after
# tlsswitch /apply recommended a new process of that program gets through over TLS 1.2.
# The dovecot here is a provider that kept RSA key exchange for older clients, so a real XP
# can use it after the fix. A second dovecot has Debian's default cipher list ("!kRSA"),
# like most servers set up today: no registry setting lets XP use it. Wine's Schannel has
# the suites XP lacks, so the last tests limit it to XP's (tests/servers/xp-posready.gnutls)
# to show both on the wire, as a real XP meets them.

load helper

setup_file() {
  source "$BATS_TEST_DIRNAME/../servers/providers.bash"
  export CERTS="$BATS_FILE_TMPDIR/certs"
  "$BATS_TEST_DIRNAME/../servers/certs.sh" "$CERTS" 3>&-
  wine "$ROOT/build/tests/trust_root.exe" "$(wine_path "$CERTS/ca.pem")" >/dev/null 3>&- </dev/null
  export DOVECOT_DIR="$BATS_FILE_TMPDIR/dovecot" DEBIAN_DOVECOT_DIR="$BATS_FILE_TMPDIR/dovecot-debian"
  DOVECOT_BASE_PORT=32000 DOVECOT_CIPHERS=$PROVIDER_KEEPS_RSA_KX DOVECOT_CERT="$CERTS/valid.pem" \
    DOVECOT_KEY="$CERTS/valid.key" \
    "$BATS_TEST_DIRNAME/../servers/dovecot.sh" start "$DOVECOT_DIR" >"$BATS_FILE_TMPDIR/ports" 3>&-
  DOVECOT_BASE_PORT=32100 "$BATS_TEST_DIRNAME/../servers/dovecot.sh" start "$DEBIAN_DOVECOT_DIR" >/dev/null 3>&-
}

teardown_file() {
  "$BATS_TEST_DIRNAME/../servers/dovecot.sh" stop "$DOVECOT_DIR" 3>&-
  "$BATS_TEST_DIRNAME/../servers/dovecot.sh" stop "$DEBIAN_DOVECOT_DIR" 3>&-
}

setup() {
  reset_protocols
  eval "$(cat "$BATS_FILE_TMPDIR/ports")"
  DEBIAN_POP3S_PORT=33095
}

client() { # client PORT: the Outlook Express-like client, in a new process
  wine "$ROOT/build/tests/default_client.exe" 127.0.0.1 "$1" 3>&- </dev/null 2>/dev/null
}

# The same client with Wine's Schannel limited to what XP offers once TLS 1.2 is its
# default. The priority file takes the place of the registry (docs/platform.md).
client_as_xp() { # client_as_xp PORT
  GNUTLS_SYSTEM_PRIORITY_FILE="$ROOT/tests/servers/xp-posready.gnutls" client "$1"
}

# The last connection a dovecot logged, from its own side.
server_saw() { # server_saw DIR
  sleep 0.5
  grep -a 'Disconnected' "$1/dovecot.log" | tail -1
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
  [[ "$(server_saw "$DOVECOT_DIR")" == *"TLSv1.2 with cipher"* ]]
  run client "$IMAPS_PORT"
  [ "$status" -eq 0 ]
  [[ "$output" == *"greeting * OK"* ]]
  # /test agrees, and says so for Windows XP's own cipher suites too.
  run --separate-stderr tlsswitch /test "pop3s://localhost:$POP3S_PORT" /lang en
  [ "$status" -eq 0 ]
  [[ "$output" == *"  Windows XP      yes: TLS 1.2, TLS_RSA_WITH_AES_128_CBC_SHA"* ]]
  [[ "$(tr -d '\r' <<<"$output" | tail -n 1)" = "OK: TLS 1.2" ]]
}

@test "with XP's own cipher suites, mail works after the fix, over RSA key exchange" {
  run --separate-stderr tlsswitch /apply recommended /lang en
  run client_as_xp "$POP3S_PORT"
  [ "$status" -eq 0 ]
  [[ "$output" == *"greeting +OK Dovecot"* ]]
  # dovecot names the suite: one of XP's, with RSA key exchange.
  [[ "$(server_saw "$DOVECOT_DIR")" =~ TLSv1\.2\ with\ cipher\ (AES128-SHA|AES256-SHA|AES128-SHA256|AES256-SHA256)\  ]]
}

@test "a server with Debian's default cipher list: XP cannot use it, and no registry setting can change that" {
  # Before the fix, /test does not send the user to a fix that cannot help.
  run --separate-stderr tlsswitch /test "pop3s://localhost:$DEBIAN_POP3S_PORT" /lang en
  [ "$status" -eq 3 ]
  [[ "$output" == *"Windows XP cannot use this server, and no registry setting can change that"* ]]
  [[ "$output" == *"which needs ECDHE key exchange"* ]]
  [[ "$output" != *"/apply"* ]]
  run --separate-stderr tlsswitch /apply recommended /lang en
  # Wine's Schannel gets through (it has ECDHE and AES-GCM)...
  run client "$DEBIAN_POP3S_PORT"
  [ "$status" -eq 0 ]
  # ...XP's suites do not, as on a real XP after the fix...
  run client_as_xp "$DEBIAN_POP3S_PORT"
  [ "$status" -eq 1 ]
  [[ "$output" == *"handshake failed"* ]]
  [[ "$(server_saw "$DEBIAN_DOVECOT_DIR")" == *"no shared cipher"* ]]
  # ...and /test says so, whatever Wine's own handshake did.
  run --separate-stderr tlsswitch /test "pop3s://localhost:$DEBIAN_POP3S_PORT" /lang en
  [ "$status" -eq 3 ]
  [[ "$output" == *"Default handshake (as older mail programs make it): works"* ]]
  [[ "$output" == *"Windows XP cannot use this server, and no registry setting can change that"* ]]
  [[ "$output" == *"Thunderbird"* ]]
  [[ "$(tr -d '\r' <<<"$output" | tail -n 1)" = "FAILED: TLS 1.2" ]]
}

@test "/undo brings the refusal back" {
  rm -rf "$BACKUPS"
  run --separate-stderr tlsswitch /apply recommended /lang en
  run --separate-stderr tlsswitch /undo /lang en
  [ "$status" -eq $((3010 % 256)) ]
  run client "$POP3S_PORT"
  [ "$status" -eq 1 ]
}
