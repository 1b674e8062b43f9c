#!/usr/bin/env bats
# The relay, end to end: a mail program talks plain POP3, IMAP and SMTP to tlsswitch
# /relay on 127.0.0.1, and the relay talks TLS to a provider's mail host (dovecot and
# postfix from Debian, tests/servers/mailhost.sh) whose cipher lists are Debian's
# defaults: ECDHE only, not one suite Windows XP has. The prefix reports Windows XP, and
# `/test ... /as xp` confirms that XP's own Schannel cannot use this provider; the relay
# uses its own TLS (BearSSL), so Wine's stronger Schannel plays no part in what passes here.
# The provider is "mail.tlsswitch.test" on 127.0.0.2, as a provider on another host: there
# dovecot refuses plain logins and says LOGINDISABLED until TLS is up.
# Messages are compared byte for byte (SHA-256) with what the mail host holds.

load helper

SERVERS="$BATS_TEST_DIRNAME/../servers"
MAILCLIENT="$SERVERS/mailclient.py"

# The relay's local ports, one per way (given, so the tests know them).
L_POP3S=40011 L_POP3=40012 L_IMAPS=40013 L_IMAP=40014 L_SMTPS=40015 L_SMTP=40016
L_ECDSA=40017 L_WRONGNAME=40018 L_EXPIRED=40019 L_UNTRUSTED=40020 L_TLS13=40021 L_STALL=40022
L_GARBAGE=40023 L_CLOSED=40024 L_TRICKLE=40025 L_MUTE=40026

setup_file() {
  export CERTS="$BATS_FILE_TMPDIR/certs"
  "$SERVERS/certs.sh" "$CERTS" 3>&-
  wine "$ROOT/build/tests/trust_root.exe" "$(wine_path "$CERTS/ca.pem")" >/dev/null 3>&- </dev/null
  wine "$ROOT/build/tests/trust_root.exe" "$(wine_path "$CERTS/ecca.pem")" >/dev/null 3>&- </dev/null
  names_file "127.0.0.2 mail.tlsswitch.test"

  export MAILHOST_DIR ECDSA_DIR
  MAILHOST_DIR=$(mktemp -d /tmp/tlsswitch-relay-mailhost.XXXXXX)
  ECDSA_DIR=$(mktemp -d /tmp/tlsswitch-relay-ecdsa.XXXXXX)
  chmod 755 "$MAILHOST_DIR" "$ECDSA_DIR"
  MAILHOST_LISTEN=127.0.0.2 MAILHOST_BASE_PORT=40000 "$SERVERS/mailhost.sh" start "$MAILHOST_DIR" \
    "$CERTS/anyname.pem" "$CERTS/anyname.key" >"$BATS_FILE_TMPDIR/mailhost.env" 3>&-
  # A provider whose certificate is ECDSA (a P-256 key, signed with ECDSA): XP's chain
  # engine cannot check it, so the relay checks it with BearSSL against Windows' roots.
  MAILHOST_BASE_PORT=40100 "$SERVERS/mailhost.sh" start "$ECDSA_DIR" "$CERTS/ecdsa.pem" "$CERTS/ecdsa.key" \
    >"$BATS_FILE_TMPDIR/ecdsa.env" 3>&-
  # Servers each refusal stands for.
  s_server wrongname 40201 wrongname -tls1_2
  s_server expired 40202 expired -tls1_2
  s_server untrusted 40203 selfsigned -tls1_2
  s_server tls13-only 40204 valid -tls1_3
  start_server stall 40205 "$ROOT/build/tests/hostile" stall 40205
  start_server garbage 40206 "$ROOT/build/tests/hostile" garbage 40206
  start_server trickle 40207 "$ROOT/build/tests/hostile" trickle 40207
  # A provider whose mail server finishes the TLS handshake and then never greets (one
  # that is overloaded or hung behind its TLS front end): s_server -www says nothing
  # until it is asked, and a mail program on an SSL port asks nothing before the greeting.
  s_server mute 40208 valid -tls1_2

  local relay_ini
  relay_ini="$(winepath -u "$(wine cmd /c 'echo %APPDATA%' 2>/dev/null 3>&- </dev/null | tr -d '\r')" 2>/dev/null)/TLS Switch/relay.ini"
  rm -f "$relay_ini"
  local way
  for way in "pop3s://mail.tlsswitch.test:40995 $L_POP3S" "pop3://mail.tlsswitch.test:40110 $L_POP3" \
    "imaps://mail.tlsswitch.test:40993 $L_IMAPS" "imap://mail.tlsswitch.test:40143 $L_IMAP" \
    "smtps://mail.tlsswitch.test:40465 $L_SMTPS" "smtp://mail.tlsswitch.test:40587 $L_SMTP" \
    "pop3s://localhost:41095 $L_ECDSA" "pop3s://localhost:40201 $L_WRONGNAME" "pop3s://localhost:40202 $L_EXPIRED" \
    "imaps://localhost:40203 $L_UNTRUSTED" "smtps://localhost:40204 $L_TLS13" "pop3s://localhost:40205 $L_STALL" \
    "imaps://localhost:40206 $L_GARBAGE" "smtps://localhost:40299 $L_CLOSED" "pop3s://localhost:40207 $L_TRICKLE" \
    "pop3s://localhost:40208 $L_MUTE"; do
    # shellcheck disable=SC2086
    wine "$TLSSWITCH_EXE" /relay add $way /lang en >/dev/null 3>&- </dev/null
  done
  # The relay in a console of its own, as `tlsswitch /relay` runs it, where the provider's
  # name resolves; a short time limit for the hostile servers.
  export RELAY_LOG="$BATS_FILE_TMPDIR/relay.log"
  TLSSWITCH_TEST_RELAY_TIMEOUT=5 with_names wine "$TLSSWITCH_EXE" /relay /lang en >"$RELAY_LOG" 2>&1 3>&- </dev/null &
  echo $! >>"$(PIDS_FILE)"
  for _ in $(seq 100); do
    (exec 9<>"/dev/tcp/127.0.0.1/$L_CLOSED") 2>/dev/null && break
    sleep 0.1
  done
}

teardown_file() {
  wine "$TLSSWITCH_EXE" /relay stop >/dev/null 2>&1 3>&- </dev/null || true
  "$SERVERS/mailhost.sh" stop "$MAILHOST_DIR" >/dev/null 2>&1 3>&- || true
  "$SERVERS/mailhost.sh" stop "$ECDSA_DIR" >/dev/null 2>&1 3>&- || true
  stop_servers
}

setup() {
  eval "$(cat "$BATS_FILE_TMPDIR/mailhost.env")"
}

mail() { # mail COMMAND PORT ARGS...: the mail client against the relay
  local command=$1 port=$2; shift 2
  run "$MAILCLIENT" "$command" 127.0.0.1 "$port" "$@" --timeout 20
  echo "mailclient $command $port -> $status"$'\n'"$output"
}

# The messages the mail host starts with, as the client prints them (MAILHOST_MESSAGES
# names the file that lists them).
expected_messages() { sed -n 's/^\([0-9]\) /message \1 /p' "$MAILHOST_MESSAGES" | head -3; }

@test "Windows XP's own Schannel cannot use this provider: /test /as xp says so" {
  run with_names timeout 120 wine "$TLSSWITCH_EXE" /test pop3s://mail.tlsswitch.test:40995 /as xp /lang en 3>&- </dev/null
  echo "$output"
  [ "$status" -eq 3 ]
  [[ "$output" == *"no registry setting can change that"* ]]
  [[ "$output" == *"tlsswitch /relay add pop3s://mail.tlsswitch.test:40995, then tlsswitch /relay start"* ]]
}

@test "POP3 with SSL (995): the messages come through byte for byte, the greeting intact" {
  mail pop3 "$L_POP3S" "$MAIL_USER" "$MAIL_PASSWORD"
  [ "$status" -eq 0 ]
  [[ "$(grep '^message [1-3] ' <<<"$output")" == "$(expected_messages)" ]]
  [[ "$output" == *"greeting +OK"*"<"*">"* ]]   # APOP's time stamp
  ! grep -qi '^capa .*STLS' <<<"$output"
}

@test "POP3 with STLS (110): the relay makes the STLS exchange; APOP works with the greeting passed intact" {
  mail pop3 "$L_POP3" "$MAIL_USER" "$MAIL_PASSWORD" --apop
  [ "$status" -eq 0 ]
  [[ "$(grep '^message [1-3] ' <<<"$output")" == "$(expected_messages)" ]]
  grep -q '^capa ' <<<"$output"
  ! grep -qi '^capa .*STLS' <<<"$output"
}

@test "IMAP with SSL (993) and with STARTTLS (143): messages read, no STARTTLS or LOGINDISABLED shown" {
  local port
  for port in "$L_IMAPS" "$L_IMAP"; do
    mail imap "$port" "$MAIL_USER" "$MAIL_PASSWORD"
    [ "$status" -eq 0 ]
    [[ "$(grep '^message [1-3] ' <<<"$output")" == "$(expected_messages)" ]]
    ! grep -qiE 'STARTTLS|LOGINDISABLED' <<<"$(grep -E '^(greeting|capability|login)' <<<"$output")"
    grep -q '^capability .*IMAP4rev1' <<<"$output"
  done
}

@test "IMAP IDLE through the relay is told of a new message" {
  local port out
  for port in "$L_IMAPS" "$L_IMAP"; do
    out="$BATS_TEST_TMPDIR/idle-$port"
    "$MAILCLIENT" imap-idle 127.0.0.1 "$port" "$MAIL_USER" "$MAIL_PASSWORD" 30 >"$out" 2>&1 &
    for _ in $(seq 100); do grep -q '^idling' "$out" && break; sleep 0.1; done
    grep -q '^idling' "$out"
    "$SERVERS/mailhost.sh" drop "$MAILHOST_DIR" "$MAILHOST_DIR/messages/1.eml"
    wait $! || { cat "$out"; false; }
    cat "$out"
    grep -q '^EXISTS ' "$out"
  done
}

@test "SMTP with SSL (465) and with STARTTLS (587), with AUTH: the message arrives in the mailbox" {
  local before port n
  for port in "$L_SMTPS" "$L_SMTP"; do
    before=$("$SERVERS/mailhost.sh" count "$MAILHOST_DIR")
    mail smtp "$port" "$MAIL_USER" "$MAIL_PASSWORD" "$MAIL_ADDRESS" "$MAIL_ADDRESS" "$MAILHOST_DIR/messages/2.eml"
    [ "$status" -eq 0 ]
    [[ "$output" == *"sent 250"* ]]
    grep -q '^auth 235' <<<"$output"
    ! grep -qiE '^ehlo .*(STARTTLS|CHUNKING)' <<<"$output"
    n=$((before + 1))
    "$SERVERS/mailhost.sh" wait "$MAILHOST_DIR" "$n" 20
  done
}

body() { tr -d '\r' <"$1" | sed -n '/^$/,$p' | grep -E '^[A-Za-z0-9+/=]+$'; }

@test "SMTP: a 3 MB message, sent in many of the relay's reads and TLS records, arrives byte for byte; read back by POP3 too" {
  local big="$BATS_TEST_TMPDIR/big.eml" before port n delivered digest
  {
    printf 'From: <%s>\r\nTo: <%s>\r\nSubject: large\r\nMIME-Version: 1.0\r\n' "$MAIL_ADDRESS" "$MAIL_ADDRESS"
    printf 'Content-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\n'
    head -c 2200000 /dev/urandom | base64 -w 76 | sed 's/$/\r/'
  } >"$big"
  for port in "$L_SMTPS" "$L_SMTP"; do
    before=$("$SERVERS/mailhost.sh" count "$MAILHOST_DIR")
    mail smtp "$port" "$MAIL_USER" "$MAIL_PASSWORD" "$MAIL_ADDRESS" "$MAIL_ADDRESS" "$big"
    [ "$status" -eq 0 ]
    [[ "$output" == *"sent 250"* ]]
    n=$((before + 1))
    "$SERVERS/mailhost.sh" wait "$MAILHOST_DIR" "$n" 30
    delivered=$(ls -t "$MAILHOST_DIR"/mail/new/* "$MAILHOST_DIR"/mail/cur/* 2>/dev/null | head -1)
    # The body: every base64 line, in order, as sent.
    body "$big" >"$BATS_TEST_TMPDIR/sent"
    body "$delivered" >"$BATS_TEST_TMPDIR/arrived"
    [ "$(wc -l <"$BATS_TEST_TMPDIR/sent")" -eq 38597 ]
    cmp "$BATS_TEST_TMPDIR/sent" "$BATS_TEST_TMPDIR/arrived"
    # Read back through the relay: a download this large streams (the relay's larger
    # buffers, taken while it streams), byte for byte.
    digest=$("$MAILCLIENT" digest "$delivered")
    mail pop3 "$L_POP3S" "$MAIL_USER" "$MAIL_PASSWORD"
    [ "$status" -eq 0 ]
    grep -q "^message [0-9]* $digest\$" <<<"$output"
  done
}

@test "an ECDSA certificate, which XP cannot check, is checked by the relay and works" {
  eval "$(cat "$BATS_FILE_TMPDIR/ecdsa.env")"
  mail pop3 "$L_ECDSA" "$MAIL_USER" "$MAIL_PASSWORD"
  [ "$status" -eq 0 ]
  [[ "$(grep '^message 1 ' <<<"$output")" == "$(grep '^message 1 ' <<<"$(expected_messages)")" ]]
}

refused() { # refused PORT WORDS: the program gets its protocol's error, with the reason
  local port=$1 words=$2
  mail greeting "$port"
  [[ "$output" == *"TLS Switch: "* ]]
  [[ "$output" == *"$words"* ]]
  case "$port" in
  "$L_UNTRUSTED" | "$L_GARBAGE") [[ "$output" == "* BYE "* ]] ;;
  "$L_TLS13" | "$L_CLOSED") [[ "$output" == "421 "* ]] ;;
  *) [[ "$output" == "-ERR "* ]] ;;
  esac
}

@test "refused with words, in the protocol's error: another name, expired, untrusted root, TLS 1.3 only" {
  refused "$L_WRONGNAME" "certificate"
  refused "$L_EXPIRED" "certificate"
  refused "$L_UNTRUSTED" "certificate"
  refused "$L_TLS13" "TLS 1.3"
  # The log says why, in the user's words.
  grep -q 'refused: .*wrong.example' "$RELAY_LOG" || { cat "$RELAY_LOG"; false; }
  grep -qi 'refused: .*expired' "$RELAY_LOG"
  grep -qi 'refused: .*TLS 1.3' "$RELAY_LOG"
}

@test "a provider that stalls, talks garbage or is closed gets an error within the time limit" {
  SECONDS=0
  refused "$L_STALL" "in time"
  ((SECONDS < 15))
  refused "$L_GARBAGE" ""
  refused "$L_CLOSED" "cannot be reached"
}

@test "a provider that keeps sending but never finishes its handshake gets an error within the time limit" {
  # A warning alert every 200 ms instead of a ServerHello: never silent for a quarter
  # second, never done. The limit (5 s here) counts all the same.
  SECONDS=0
  refused "$L_TRICKLE" "in time"
  ((SECONDS < 15))
}

@test "a provider that finishes the TLS handshake and never greets gets an error within the time limit" {
  SECONDS=0
  refused "$L_MUTE" "in time"
  ((SECONDS < 15))
  grep -q "localhost:40208.*in time" "$RELAY_LOG" || { cat "$RELAY_LOG"; false; }
}

@test "the relay goes on after refusals: POP3 still works" {
  mail pop3 "$L_POP3S" "$MAIL_USER" "$MAIL_PASSWORD"
  [ "$status" -eq 0 ]
}

relay_rss_kb() {
  local pid
  pid=$(pgrep -f 'tlsswitch.exe /relay' | head -1)
  awk '/^VmRSS/ {print $2}' "/proc/$pid/status"
}

@test "load: 200 sessions one after another and 32 at once, nothing lost, memory flat" {
  mail burst "$L_POP3S" "$MAIL_USER" "$MAIL_PASSWORD" 40 32
  [ "$status" -eq 0 ]
  local first
  first=$(relay_rss_kb)
  mail burst "$L_POP3S" "$MAIL_USER" "$MAIL_PASSWORD" 200 1
  [ "$status" -eq 0 ]
  [[ "$output" == *"succeeded 200"* ]]
  mail burst "$L_POP3S" "$MAIL_USER" "$MAIL_PASSWORD" 64 32
  [ "$status" -eq 0 ]
  [[ "$output" == *"succeeded 64"* ]]
  [[ "$output" == *"failed 0"* ]]
  local last
  last=$(relay_rss_kb)
  echo "relay memory: $first kB after the first burst, $last kB after 264 more sessions" >&3
  ((last - first < 4096))
}

@test "the 33rd connection at once gets the protocol's error; the relay goes on" {
  local holders=() i
  for i in $(seq 32); do
    exec {fd}<>/dev/tcp/127.0.0.1/$L_POP3S
    holders+=("$fd")
  done
  sleep 1
  mail greeting "$L_POP3S"
  for fd in "${holders[@]}"; do exec {fd}>&-; done
  [[ "$output" == "-ERR TLS Switch: too many connections"* ]]
  sleep 1
  mail pop3 "$L_POP3S" "$MAIL_USER" "$MAIL_PASSWORD"
  [ "$status" -eq 0 ]
}

@test "the log has one line per connection with version and suite, and no user name or password" {
  cat "$RELAY_LOG"
  grep -qE 'TLS 1\.2, TLS_ECDHE_[A-Z0-9_]+  done: ' "$RELAY_LOG"
  ! grep -q "$MAIL_PASSWORD" "$RELAY_LOG"
  ! grep -q "$MAIL_USER" "$RELAY_LOG"
}
