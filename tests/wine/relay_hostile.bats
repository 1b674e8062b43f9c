#!/usr/bin/env bats
# The relay against the other misbehaving servers of tests/servers/hostile.c (relay.bats has
# a stalling, a garbage-talking, a trickling, a silent and a closed one; one relay takes at
# most 16 ways, so these have a relay.ini and a relay of their own): an SMTP server whose
# answer to EHLO never ends, before STARTTLS; a plain greeting where TLS was expected; and
# TLS that goes wrong in the handshake: a record announced too large, half a record, a
# handshake message announcing 16 MB, a suite the relay did not offer. Each stands for a
# broken or hostile provider. The mail program gets its protocol's error within the time
# limit, and the relay goes on: a working provider (dovecot with Debian's defaults, as in
# relay.bats) still gets its mail through afterwards. The relay's own TLS (BearSSL) is
# what meets these servers: Wine's Schannel plays no part.

load helper

SERVERS="$BATS_TEST_DIRNAME/../servers"
MAILCLIENT="$SERVERS/mailclient.py"
L_POP3S=45011 L_ENDLESS=45012 L_PLAINTEXT=45013 L_OVERSIZED=45014 L_TRUNCATED=45015 L_BIGMESSAGE=45016
L_BADSUITE=45017

setup_file() {
  export CERTS="$BATS_FILE_TMPDIR/certs"
  "$SERVERS/certs.sh" "$CERTS" 3>&-
  wine "$ROOT/build/tests/trust_root.exe" "$(wine_path "$CERTS/ca.pem")" >/dev/null 3>&- </dev/null
  export MAILHOST_DIR
  MAILHOST_DIR=$(mktemp -d /tmp/tlsswitch-relay-hostile.XXXXXX)
  chmod 755 "$MAILHOST_DIR"
  MAILHOST_BASE_PORT=45000 "$SERVERS/mailhost.sh" start "$MAILHOST_DIR" "$CERTS/valid.pem" "$CERTS/valid.key" \
    >"$BATS_FILE_TMPDIR/mailhost.env" 3>&-
  local mode port=45200
  for mode in endless plaintext oversized truncated bigmessage badsuite; do
    port=$((port + 1))
    start_server "$mode" "$port" "$ROOT/build/tests/hostile" "$mode" "$port"
  done

  local relay_ini
  relay_ini="$(winepath -u "$(wine cmd /c 'echo %APPDATA%' 2>/dev/null 3>&- </dev/null | tr -d '\r')" 2>/dev/null)/TLS Switch/relay.ini"
  rm -f "$relay_ini"
  local way
  for way in "pop3s://localhost:45995 $L_POP3S" "smtp://localhost:45201 $L_ENDLESS" "smtps://localhost:45202 $L_PLAINTEXT" \
    "pop3s://localhost:45203 $L_OVERSIZED" "pop3s://localhost:45204 $L_TRUNCATED" "imaps://localhost:45205 $L_BIGMESSAGE" \
    "pop3s://localhost:45206 $L_BADSUITE"; do
    # shellcheck disable=SC2086
    wine "$TLSSWITCH_EXE" /relay add $way /lang en >/dev/null 3>&- </dev/null
  done
  # The relay in a console of its own, with a short time limit for the hostile servers.
  export RELAY_LOG="$BATS_FILE_TMPDIR/relay.log"
  TLSSWITCH_TEST_RELAY_TIMEOUT=5 wine "$TLSSWITCH_EXE" /relay /lang en >"$RELAY_LOG" 2>&1 3>&- </dev/null &
  echo $! >>"$(PIDS_FILE)"
  for _ in $(seq 100); do
    (exec 9<>"/dev/tcp/127.0.0.1/$L_BADSUITE") 2>/dev/null && break
    sleep 0.1
  done
}

teardown_file() {
  wine "$TLSSWITCH_EXE" /relay stop >/dev/null 2>&1 3>&- </dev/null || true
  "$SERVERS/mailhost.sh" stop "$MAILHOST_DIR" >/dev/null 2>&1 3>&- || true
  stop_servers
}

setup() {
  eval "$(cat "$BATS_FILE_TMPDIR/mailhost.env")"
}

refused() { # refused PORT PREFIX WORDS: the program's greeting is its protocol's error, with the reason
  run "$MAILCLIENT" greeting 127.0.0.1 "$1" --timeout 20
  echo "mailclient greeting $1 -> $status"$'\n'"$output"
  [[ "$output" == "$2"* ]]
  [[ "$output" == *"TLS Switch: "* ]]
  [[ "$output" == *"$3"* ]]
}

@test "an SMTP server whose answer to EHLO never ends, before STARTTLS: 421, in time" {
  SECONDS=0
  refused "$L_ENDLESS" "421 " "STARTTLS"
  ((SECONDS < 15))
  grep -q "localhost:45201.*too many lines" "$RELAY_LOG" || { cat "$RELAY_LOG"; false; }
}

@test "a plain SMTP greeting where TLS was expected: 421, the words say to use STARTTLS" {
  refused "$L_PLAINTEXT" "421 " "without TLS (STARTTLS), not SSL"
}

@test "TLS that goes wrong in the handshake: too large, half a record, 16 MB, a suite not offered" {
  SECONDS=0
  refused "$L_OVERSIZED" "-ERR " "TLS connection to the server failed"
  refused "$L_TRUNCATED" "-ERR " "closed the connection in the TLS handshake"
  refused "$L_BIGMESSAGE" "* BYE " "TLS connection to the server failed"
  refused "$L_BADSUITE" "-ERR " "TLS connection to the server failed"
  # Each cut by what it did wrong or by the relay's limit (5 s here), not by the client's 20 s.
  ((SECONDS < 30))
}

@test "the relay goes on after them: POP3 through it still reads the messages" {
  run "$MAILCLIENT" pop3 127.0.0.1 "$L_POP3S" "$MAIL_USER" "$MAIL_PASSWORD" --timeout 20
  echo "$output"
  [ "$status" -eq 0 ]
  [[ "$(grep -c '^message [1-3] ' <<<"$output")" -eq 3 ]]
  [[ "$(grep -c 'refused' "$RELAY_LOG")" -ge 6 ]]
}
