#!/usr/bin/env bash
# Checks the relay tests' mail host (mailhost.sh) and mail program (mailclient.py) without
# the relay: each way reads the known messages over TLS, SMTP AUTH over TLS delivers into
# the mailbox that POP3 and IMAP read and IDLE watches, the refusals a provider makes are
# made, and no suite Windows XP has is accepted. So a relay test that fails points at the
# relay. Prints TAP and ends with "N passed, N failed"; runs as root, about 30 s.
#   mailhost-selftest.sh        (SELFTEST_BASE_PORT moves the ports, default 42000)
set -u
# The defaults are what is checked.
unset MAILHOST_BASE_PORT MAILHOST_LISTEN MAILHOST_DOMAIN MAILHOST_MIN_PROTOCOL MAILHOST_CIPHERS MAILHOST_LARGE_SIZE \
  MAILHOST_KEEP
here=$(cd "$(dirname "$0")" && pwd)
source "$here/providers.bash"
base=${SELFTEST_BASE_PORT:-42000}
work=$(mktemp -d /tmp/tlsswitch-mailhost-selftest.XXXXXX)
chmod 755 "$work"
cleanup() {
  "$here/mailhost.sh" stop "$work/host" >/dev/null 2>&1
  "$here/mailhost.sh" stop "$work/strict" >/dev/null 2>&1
  [[ -n "${silent_pid:-}" ]] && kill "$silent_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
passed=0
failed=0
number=0

# check DESCRIPTION COMMAND...: one TAP line; on failure the command's output follows as
# comments.
check() {
  local description=$1; shift
  local said
  number=$((number + 1))
  if said=$("$@" 2>&1); then
    echo "ok $number - $description"
    passed=$((passed + 1))
  else
    echo "not ok $number - $description"
    sed 's/^/#   /' <<<"$said"
    failed=$((failed + 1))
  fi
}

client() { "$here/mailclient.py" "$@"; }
tls=(--ca "$work/certs/ca.pem" --servername localhost)

# reads_known_messages COMMAND...: the client's message lines are the mailbox's first
# messages, bytes and order.
reads_known_messages() {
  local said
  said=$("$@") || { echo "$said"; return 1; }
  echo "$said"
  diff <(grep '^message ' <<<"$said" | cut -d' ' -f2-) "$MAILHOST_MESSAGES" && grep -qx 'count 3' <<<"$said"
}

# has_line PATTERN COMMAND...: the command succeeds and prints a line matching PATTERN.
has_line() {
  local pattern=$1 said; shift
  said=$("$@") || { echo "$said"; return 1; }
  echo "$said"
  grep -Eq -- "$pattern" <<<"$said"
}

# refused_with PATTERN COMMAND...: the command fails, having printed PATTERN.
refused_with() {
  local pattern=$1 said; shift
  if said=$("$@" 2>&1); then echo "$said"; echo "(it succeeded)"; return 1; fi
  echo "$said"
  grep -Eq -- "$pattern" <<<"$said"
}

# handshake ADDRESS:PORT [OPENSSL OPTIONS...]: a TLS handshake with openssl, which must verify.
handshake() {
  local address=$1; shift
  timeout 15 openssl s_client -connect "$address" -CAfile "$work/certs/ca.pem" -verify_return_error \
    -verify_hostname localhost "$@" </dev/null 2>&1 | grep -E '^(New|Verify return code|.*error)'
  return "${PIPESTATUS[0]}"
}
no_handshake() { ! handshake "$@"; }

"$here/certs.sh" "$work/certs"
if ! assignments=$(MAILHOST_BASE_PORT=$base "$here/mailhost.sh" start "$work/host" "$work/certs/valid.pem" \
  "$work/certs/valid.key"); then
  echo "not ok 1 - the mail host did not start"
  exit 1
fi
echo "# $assignments"
eval "$assignments"

check "POP3S (995) reads the known messages" \
  reads_known_messages client pop3 --tls "${tls[@]}" 127.0.0.1 "$POP3S_PORT" "$MAIL_USER" "$MAIL_PASSWORD"
check "POP3 (110) with STLS reads the known messages" \
  reads_known_messages client pop3 --starttls "${tls[@]}" 127.0.0.1 "$POP3_PORT" "$MAIL_USER" "$MAIL_PASSWORD"
check "IMAPS (993) reads the known messages" \
  reads_known_messages client imap --tls "${tls[@]}" 127.0.0.1 "$IMAPS_PORT" "$MAIL_USER" "$MAIL_PASSWORD"
check "IMAP (143) with STARTTLS reads the known messages" \
  reads_known_messages client imap --starttls "${tls[@]}" 127.0.0.1 "$IMAP_PORT" "$MAIL_USER" "$MAIL_PASSWORD"
check "POP3 with APOP: the greeting has a time stamp and APOP logs in" \
  reads_known_messages client pop3 --apop 127.0.0.1 "$POP3_PORT" "$MAIL_USER" "$MAIL_PASSWORD"
check "a wrong password is refused" \
  refused_with '^login -ERR' client pop3 --tls "${tls[@]}" 127.0.0.1 "$POP3S_PORT" "$MAIL_USER" wrong

# What a relay must take out of what the mail program sees, the servers do say in plain.
check "the plain IMAP greeting and CAPABILITY name STARTTLS" \
  has_line '^capability .* STARTTLS' client imap 127.0.0.1 "$IMAP_PORT" "$MAIL_USER" "$MAIL_PASSWORD"
check "the plain POP3 CAPA names STLS" \
  has_line '^capa STLS$' client pop3 127.0.0.1 "$POP3_PORT" "$MAIL_USER" "$MAIL_PASSWORD"
check "SMTP in plain: EHLO names STARTTLS and no AUTH, so AUTH cannot be made" \
  refused_with 'offers no AUTH PLAIN or LOGIN \(offered: no AUTH\)' \
  client smtp 127.0.0.1 "$SUBMISSION_PORT" "$MAIL_USER" "$MAIL_PASSWORD" a@b.example "$MAIL_ADDRESS" /dev/null
check "SMTP without AUTH: the recipient is refused" \
  refused_with '^rcpt 554 ' client smtp --starttls "${tls[@]}" 127.0.0.1 "$SUBMISSION_PORT" - - \
  hanako@provider.example "$MAIL_ADDRESS" "$work/host/messages/1.eml"
check "SMTP AUTH with a wrong password is refused" \
  refused_with '^auth 535 ' client smtp --tls "${tls[@]}" 127.0.0.1 "$SMTPS_PORT" "$MAIL_USER" wrong \
  hanako@provider.example "$MAIL_ADDRESS" "$work/host/messages/1.eml"
check "SMTP AUTH: mail for another domain is not relayed" \
  refused_with '^rcpt 554 .*Relay access denied' client smtp --tls "${tls[@]}" 127.0.0.1 "$SMTPS_PORT" \
  "$MAIL_USER" "$MAIL_PASSWORD" "$MAIL_ADDRESS" someone@elsewhere.example "$work/host/messages/1.eml"

# Windows XP's suites (RSA key exchange only) and TLS 1.1 are refused on every TLS way;
# a modern handshake on the same way passes, so the refusals are the ciphers' doing.
xp_suites=(-tls1_2 -cipher "$PROVIDER_RSA_KX_ONLY")
for way in "POP3S $POP3S_PORT" "POP3 $POP3_PORT -starttls pop3" "IMAPS $IMAPS_PORT" \
  "IMAP $IMAP_PORT -starttls imap" "SMTPS $SMTPS_PORT" "submission $SUBMISSION_PORT -starttls smtp"; do
  read -r -a words <<<"$way"
  name=${words[0]} port=${words[1]} starttls=("${words[@]:2}")
  check "$name: a TLS 1.2 ECDHE handshake verifies" \
    handshake "127.0.0.1:$port" "${starttls[@]}" -tls1_2 -cipher ECDHE-RSA-AES128-GCM-SHA256
  check "$name: Windows XP's suites are refused" no_handshake "127.0.0.1:$port" "${starttls[@]}" "${xp_suites[@]}"
  check "$name: TLS 1.1 is refused" no_handshake "127.0.0.1:$port" "${starttls[@]}" -tls1_1 -cipher DEFAULT@SECLEVEL=0
done

# Sent by SMTP, delivered, reported by IDLE, read by IMAP and POP3.
token=$(date +%s%N)
printf 'From: Hanako <hanako@provider.example>\nTo: %s\nSubject: sent %s\n\nSent through submission.\n.\n..a dot line\n' \
  "$MAIL_ADDRESS" "$token" >"$work/sent.eml"
sent_body=$(client digest "$work/sent.eml" | grep -o 'body_sha256=[0-9a-f]*')

idle_reports_new_message() { # idle_reports_new_message WAY_OPTIONS PORT COUNT ACTION...
  local options=$1 port=$2 count=$3; shift 3
  client imap-idle "$options" "${tls[@]}" 127.0.0.1 "$port" "$MAIL_USER" "$MAIL_PASSWORD" 20 >"$work/idle.out" 2>&1 &
  local idle=$!
  for _ in $(seq 100); do grep -q '^idling' "$work/idle.out" && break; sleep 0.1; done
  "$@"
  local status=0
  wait "$idle" || status=$?
  cat "$work/idle.out"
  ((status == 0)) && grep -qx "EXISTS $count" "$work/idle.out"
}
send_by_submission() {
  client smtp --starttls "${tls[@]}" 127.0.0.1 "$SUBMISSION_PORT" "$MAIL_USER" "$MAIL_PASSWORD" \
    hanako@provider.example "$MAIL_ADDRESS" "$work/sent.eml" >"$work/smtp.out"
}
check "submission (587, STARTTLS, AUTH PLAIN) sends; IDLE on IMAPS reports it" \
  idle_reports_new_message --tls "$IMAPS_PORT" 4 send_by_submission
check "... the mail server's final reply was 250" grep -q '^sent 250 ' "$work/smtp.out"
check "... it is in the maildir" grep -rlq "sent $token" "$MAILHOST_MAILDIR"
check "... IMAP reads it with its body unchanged" has_line "^message 4 .* $sent_body\$" \
  client imap --tls "${tls[@]}" 127.0.0.1 "$IMAPS_PORT" "$MAIL_USER" "$MAIL_PASSWORD"
send_by_smtps_then_read_by_pop3() {
  client smtp --tls --auth login "${tls[@]}" 127.0.0.1 "$SMTPS_PORT" "$MAIL_USER" "$MAIL_PASSWORD" \
    hanako@provider.example "$MAIL_ADDRESS" "$work/sent.eml" &&
    "$here/mailhost.sh" wait "$work/host" 5 20 &&
    client pop3 --tls "${tls[@]}" 127.0.0.1 "$POP3S_PORT" "$MAIL_USER" "$MAIL_PASSWORD"
}
check "smtps (465, AUTH LOGIN) sends a message that POP3 then reads" \
  has_line "^message 5 .* $sent_body\$" send_by_smtps_then_read_by_pop3
dropped_digest=$(client digest "$work/host/messages/2.eml")
check "mailhost.sh drop: IDLE on IMAP with STARTTLS reports the dropped message" \
  idle_reports_new_message --starttls "$IMAP_PORT" 6 "$here/mailhost.sh" drop "$work/host" "$work/host/messages/2.eml"
check "... and POP3 reads it byte for byte" has_line "^message 6 $dropped_digest\$" \
  client pop3 --tls "${tls[@]}" 127.0.0.1 "$POP3S_PORT" "$MAIL_USER" "$MAIL_PASSWORD"
check "mailhost.sh count says 6" test "$("$here/mailhost.sh" count "$work/host")" = 6
check "mailhost.sh wait fails when the count is not reached" \
  refused_with 'holds 6 messages after 1 s, not 7' "$here/mailhost.sh" wait "$work/host" 7 1

# burst_all SESSIONS COMMAND...: every session succeeded, and all saw the 6 messages and
# the same first message.
burst_all() {
  local sessions=$1 said; shift
  said=$("$@") || { echo "$said"; return 1; }
  echo "$said"
  grep -qx "succeeded $sessions" <<<"$said" && grep -qx 'counts 6' <<<"$said" &&
    grep -qx "message1_sha256 $(cut -d' ' -f2 "$MAILHOST_MESSAGES" | head -1 | cut -d= -f2)" <<<"$said"
}
check "burst: 50 POP3S sessions one after another" \
  burst_all 50 client burst --tls "${tls[@]}" 127.0.0.1 "$POP3S_PORT" "$MAIL_USER" "$MAIL_PASSWORD" 50 1
check "burst: 64 POP3S sessions, 32 at once" \
  burst_all 64 client burst --tls "${tls[@]}" 127.0.0.1 "$POP3S_PORT" "$MAIL_USER" "$MAIL_PASSWORD" 64 32

# greeting: each outcome a refusal test needs to tell apart. Two listeners on ports of
# the system's choosing: one never accepts (silent), one closes each connection at once.
mkfifo "$work/ports"
/usr/bin/python3 -c '
import socket, sys
silent, closing = socket.create_server(("127.0.0.1", 0)), socket.create_server(("127.0.0.1", 0))
with open(sys.argv[1], "w") as ports:
    print(silent.getsockname()[1], closing.getsockname()[1], file=ports)
while True:
    closing.accept()[0].close()
' "$work/ports" >/dev/null 2>&1 &
silent_pid=$!
read -r silent_port closing_port <"$work/ports"
check "greeting: a server's first line" has_line '^\+OK Dovecot' client greeting 127.0.0.1 "$POP3_PORT"
check "greeting: refused" refused_with '^refused$' client greeting 127.0.0.1 "$((base + 1))"
check "greeting: timeout" refused_with '^timeout$' client greeting --timeout 1 127.0.0.1 "$silent_port"
check "greeting: closed" refused_with '^closed$' client greeting 127.0.0.1 "$closing_port"

# A stricter host: on another loopback address (plain logins refused, LOGINDISABLED, as a
# provider's) and TLS 1.3 only.
if strict=$(MAILHOST_LISTEN=127.0.0.2 MAILHOST_MIN_PROTOCOL=TLSv1.3 MAILHOST_BASE_PORT=$base \
  "$here/mailhost.sh" start "$work/strict" "$work/certs/valid.pem" "$work/certs/valid.key"); then
  strict_port() { sed -E "s/.*(^| )$1=([0-9]+).*/\2/" <<<"$strict"; }
  STRICT_IMAP_PORT=$(strict_port IMAP_PORT) STRICT_POP3_PORT=$(strict_port POP3_PORT)
  STRICT_POP3S_PORT=$(strict_port POP3S_PORT) STRICT_SMTPS_PORT=$(strict_port SMTPS_PORT)
  check "127.0.0.2: the plain IMAP greeting says LOGINDISABLED and LOGIN is refused" \
    refused_with '^greeting .*STARTTLS LOGINDISABLED' client imap 127.0.0.2 "$STRICT_IMAP_PORT" taro unused
  check "127.0.0.2: a plain POP3 login is refused" \
    refused_with '^user -ERR .*Plaintext authentication disallowed' client pop3 127.0.0.2 "$STRICT_POP3_PORT" taro unused
  check "TLS 1.3 only: a POP3S session runs through with TLS 1.3" has_line '^tls TLSv1.3' \
    client pop3 --tls "${tls[@]}" 127.0.0.2 "$STRICT_POP3S_PORT" taro unused
  check "TLS 1.3 only: TLS 1.2 is refused by POP3S" no_handshake "127.0.0.2:$STRICT_POP3S_PORT" -tls1_2
  check "TLS 1.3 only: TLS 1.2 is refused by smtps" no_handshake "127.0.0.2:$STRICT_SMTPS_PORT" -tls1_2
  check "TLS 1.3 only: a TLS 1.3 handshake with smtps verifies" handshake "127.0.0.2:$STRICT_SMTPS_PORT" -tls1_3
else
  check "the strict host starts" false
fi

# stop: ports free, folder gone.
stopped() {
  "$here/mailhost.sh" stop "$work/host" || return 1
  local port
  for port in "$POP3_PORT" "$POP3S_PORT" "$IMAP_PORT" "$IMAPS_PORT" "$SUBMISSION_PORT" "$SMTPS_PORT"; do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "port $port still answers"; return 1; fi
  done
  [[ ! -e "$work/host" ]] || { echo "$work/host is still there"; return 1; }
}
check "stop closes every port and removes the folder" stopped

echo "$passed passed, $failed failed"
((failed == 0))
