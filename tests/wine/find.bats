#!/usr/bin/env bats
# /test NAME /find, and several targets in one /test, against real servers that stand for
# the hosts of one provider's mail domain, tlsswitch.test. Each host is a loopback address
# of its own, and its name reaches it through a hosts file of this test's own, as the
# provider's DNS would: each run is in a private mount namespace (unshare -m) with that
# file bound over /etc/hosts, and a resolv.conf whose name server (127.0.0.1) does not
# answer, so any other name fails at once.
#
#   pop.tlsswitch.test    127.0.0.12  dovecot, TLS 1.2 only, RSA key exchange kept (a
#                                     provider that still serves XP): POP3 995 and 110;
#                                     IMAP closed
#   imap.tlsswitch.test   127.0.0.13  dovecot with Debian's defaults (ECDHE only: not one
#                                     suite XP has): IMAPS 993 only
#   smtp.tlsswitch.test   127.0.0.14  postfix with Debian's defaults (RSA key exchange
#                                     kept), TLS 1.2 only: 465 and 587
#   mail.tlsswitch.test   127.0.0.15  dovecot as pop., with a certificate for another
#                                     name: IMAPS 993 only
#   tlsswitch.test        127.0.0.16  nothing: every port closed
#   stall.tlsswitch.test  127.0.0.17  accepts on every port and never answers
#   (a name server)       127.0.0.18  port 53, for one test: reads and never answers
#   auth.tlsswitch.test   127.0.0.19  an SMTP server over TLS (465) whose EHLO offers AUTH
#                                     (tests/servers/smtp_auth.py); postfix above offers none
#   メール.例え.テスト      127.0.0.12  pop. again, by its Japanese name: in the hosts file
#                                     as xn--4dkua4c.xn--r8jz45g.xn--zckzah, as DNS has it
#
# The prefix is XP-like. /find judges with Windows XP's own ClientHello (its suites, from
# windows_clients.c), not with Wine's Schannel, which is stronger: the IMAP server is one
# XP cannot use, though Wine could. The multi-target /test follows /test's rule for XP:
# the verdict is XP's simulated handshake where Wine's own would succeed.

load helper

setup_file() {
  export CERTS="$BATS_FILE_TMPDIR/certs"
  "$BATS_TEST_DIRNAME/../servers/certs.sh" "$CERTS" 3>&-
  wine "$ROOT/build/tests/trust_root.exe" "$(wine_path "$CERTS/ca.pem")" >/dev/null 3>&- </dev/null
  source "$BATS_TEST_DIRNAME/../servers/providers.bash"
  names_file "127.0.0.12 pop.tlsswitch.test" "127.0.0.13 imap.tlsswitch.test" "127.0.0.14 smtp.tlsswitch.test" \
    "127.0.0.15 mail.tlsswitch.test" "127.0.0.16 tlsswitch.test" "127.0.0.17 stall.tlsswitch.test" \
    "127.0.0.19 auth.tlsswitch.test" "127.0.0.12 xn--4dkua4c.xn--r8jz45g.xn--zckzah"
  local dovecot=$BATS_TEST_DIRNAME/../servers/dovecot.sh
  DOVECOT_LISTEN=127.0.0.12 DOVECOT_BASE_PORT=0 DOVECOT_CLOSED="imap imaps" DOVECOT_CERT="$CERTS/anyname.pem" \
    DOVECOT_KEY="$CERTS/anyname.key" DOVECOT_CIPHERS=$PROVIDER_KEEPS_RSA_KX \
    "$dovecot" start "$BATS_FILE_TMPDIR/pop" >/dev/null 3>&-
  DOVECOT_LISTEN=127.0.0.13 DOVECOT_BASE_PORT=0 DOVECOT_CLOSED="pop3 pop3s imap" DOVECOT_CERT="$CERTS/anyname.pem" \
    DOVECOT_KEY="$CERTS/anyname.key" "$dovecot" start "$BATS_FILE_TMPDIR/imap" >/dev/null 3>&-
  DOVECOT_LISTEN=127.0.0.15 DOVECOT_BASE_PORT=0 DOVECOT_CLOSED="pop3 pop3s imap" DOVECOT_CERT="$CERTS/wrongname.pem" \
    DOVECOT_KEY="$CERTS/wrongname.key" DOVECOT_CIPHERS=$PROVIDER_KEEPS_RSA_KX \
    "$dovecot" start "$BATS_FILE_TMPDIR/mail" >/dev/null 3>&-
  # postfix runs as its own user, which cannot enter bats' private temporary folder.
  POSTFIX_DIR=$(mktemp -d /tmp/tlsswitch-postfix.XXXXXX)
  export POSTFIX_DIR
  POSTFIX_LISTEN=127.0.0.14 POSTFIX_BASE_PORT=0 "$BATS_TEST_DIRNAME/../servers/postfix.sh" start "$POSTFIX_DIR" \
    "$CERTS/anyname.pem" "$CERTS/anyname.key" >/dev/null 3>&-
  python3 "$BATS_TEST_DIRNAME/../servers/smtp_auth.py" 127.0.0.19 465 "$CERTS/anyname.pem" "$CERTS/anyname.key" \
    </dev/null >"$BATS_FILE_TMPDIR/smtp_auth.log" 2>&1 3>&- &
  echo $! >>"$(PIDS_FILE)"
  local port
  for port in 995 993 110 143 465 587; do
    "$ROOT/build/tests/hostile" stall "127.0.0.17:$port" </dev/null >/dev/null 2>&1 3>&- &
    echo $! >>"$(PIDS_FILE)"
  done
}

teardown_file() {
  stop_servers "$BATS_FILE_TMPDIR/pop" "$BATS_FILE_TMPDIR/imap" "$BATS_FILE_TMPDIR/mail"
}

setup() {
  reset_protocols
}

# tlsswitch_named ARGS...: tlsswitch with the test's names and a time limit of its own, so
# a hang fails the test instead of stalling it.
tlsswitch_named() {
  run --separate-stderr with_names timeout 120 wine "$TLSSWITCH_EXE" "$@" 3>&- </dev/null
  output=$(tr -d '\r' <<<"$output")
  echo "tlsswitch $* -> exit $status"$'\n'"$output"   # shown only when the test fails
}

# row HOST WAY: what the table says for HOST and WAY ("POP3 995").
row() { grep -E "^  $1 +$2 " <<<"$output" | sed -E "s/^  $1 +$2 (SSL\/TLS|STARTTLS) +//"; }

fix() { tlsswitch /apply recommended /nobackup /lang en >/dev/null 2>&1 || true; }

@test "a mail address, before the fix: every host's ways, and the settings that work after /apply recommended" {
  tlsswitch_named /test taro@tlsswitch.test /find /lang en
  [ "$status" -eq 3 ]
  [[ "$output" == "Mail settings for taro@tlsswitch.test, from the usual server names of its domain, as this PC (Windows XP) connects:"* ]]
  [[ "$(row pop.tlsswitch.test 'POP3 995')" == "works after tlsswitch /apply recommended (TLS 1.2, TLS_RSA_WITH_AES_"* ]]
  [[ "$(row pop.tlsswitch.test 'POP3 110')" == "works after tlsswitch /apply recommended (TLS 1.2,"* ]]
  [[ "$(row imap.tlsswitch.test 'IMAP 993')" == "Windows XP cannot use it, whatever the settings (the server needs ECDHE"* ]]
  [ "$(row imap.tlsswitch.test 'IMAP 143')" = "closed (connection refused)" ]
  [[ "$(row smtp.tlsswitch.test 'SMTP 465')" == "works after tlsswitch /apply recommended (TLS 1.2,"* ]]
  [[ "$(row smtp.tlsswitch.test 'SMTP 587')" == "works after tlsswitch /apply recommended (TLS 1.2,"* ]]
  [[ "$(row mail.tlsswitch.test 'IMAP 993')" == *"; but its certificate is for another name: the mail program will warn" ]]
  [ "$(row mail.tlsswitch.test 'POP3 995')" = "closed (connection refused)" ]
  [ "$(row tlsswitch.test 'SMTP 587')" = "closed (connection refused)" ]
  # pop. is asked only for POP3, smtp. only for SMTP.
  [ -z "$(row pop.tlsswitch.test 'IMAP 993')" ]
  [ -z "$(row smtp.tlsswitch.test 'POP3 995')" ]
  [[ "$output" == *"  Incoming mail (receiving): POP3, server pop.tlsswitch.test, port 995, SSL/TLS on"*", after tlsswitch /apply recommended"* ]]
  [[ "$output" == *"  Outgoing mail (sending): SMTP, server smtp.tlsswitch.test, port 465, SSL/TLS on"*", after tlsswitch /apply recommended"* ]]
  [ "$(tail -n 1 <<<"$output")" = "FAILED" ]
}

@test "after /apply recommended the same search finds settings that work now" {
  fix
  tlsswitch_named /test taro@tlsswitch.test /find /lang en
  [ "$status" -eq 0 ]
  [[ "$(row pop.tlsswitch.test 'POP3 995')" == "works (TLS 1.2, TLS_RSA_WITH_AES_"* ]]
  [[ "$(row imap.tlsswitch.test 'IMAP 993')" == "Windows XP cannot use it, whatever the settings"* ]]
  local incoming
  incoming=$(grep 'Incoming mail' <<<"$output")
  [[ "$incoming" == "  Incoming mail (receiving): POP3, server pop.tlsswitch.test, port 995, SSL/TLS on"* ]]
  [[ "$incoming" != *"after tlsswitch"* ]]
  [ "$(tail -n 1 <<<"$output")" = "OK" ]
  # In Japanese, in the words of Japanese mail programs.
  run bash -c 'LC_ALL=ja_JP.UTF-8 with_names timeout 120 wine "$TLSSWITCH_EXE" /test taro@tlsswitch.test /find 2>/dev/null 3>&- </dev/null | iconv -f CP932 -t UTF-8'
  [[ "$output" == *"受信メール: POP3、サーバー pop.tlsswitch.test、ポート 995、SSL/TLS を使う"* ]]
  [[ "$output" == *"送信メール: SMTP、サーバー smtp.tlsswitch.test、ポート 465"* ]]
}

@test "one server XP cannot use: no way works, and what works instead" {
  fix
  tlsswitch_named /test imap.tlsswitch.test /find /lang en
  [ "$status" -eq 3 ]
  [[ "$output" == "Mail settings for imap.tlsswitch.test, as this PC (Windows XP) connects:"* ]]
  [[ "$(row imap.tlsswitch.test 'IMAP 993')" == "Windows XP cannot use it, whatever the settings (the server needs ECDHE"* ]]
  [ "$(row imap.tlsswitch.test 'SMTP 465')" = "closed (connection refused)" ]
  [[ "$output" == *"  Incoming mail (receiving): no way works from this PC"* ]]
  [[ "$output" == *"What works instead: a mail program with its own TLS"* ]]
}

@test "a domain that does not resolve, a host with every port closed, a host that stalls: clear answers" {
  tlsswitch_named /test taro@nowhere.test /find /lang en
  [ "$status" -eq 3 ]
  [ "$(grep -c 'no such server name' <<<"$output")" -eq 5 ]
  [[ "$output" == *"  Incoming mail (receiving): no way works from this PC"* ]]
  tlsswitch_named /test tlsswitch.test /find /lang en
  [ "$status" -eq 3 ]
  [ "$(grep -c 'closed (connection refused)' <<<"$output")" -eq 6 ]
  tlsswitch_named /test stall.tlsswitch.test /find /timeout 2 /lang en
  [ "$status" -eq 3 ]
  [ "$(grep -c 'no answer within the time limit' <<<"$output")" -eq 6 ]
  # Not a name or an address at all: a usage error, nothing tried.
  tlsswitch_named /test pop3s://pop.tlsswitch.test /find /lang en
  [ "$status" -eq 1 ]
  [[ "$stderr" == *"is neither a server name (mail.example.jp) nor a mail address"* ]]
}

@test "a name server that never answers: /test and /find stop waiting for it at the time limit" {
  # A PC whose DNS server is gone: every lookup waits for the resolver's own time limit
  # (here 20 seconds), unless the program stops waiting at its own (2 seconds here).
  "$ROOT/build/tests/hostile" silentdns 127.0.0.18:53 </dev/null >"$BATS_TEST_TMPDIR/dns.log" 2>&1 3>&- &
  echo $! >>"$(PIDS_FILE)"
  until grep -q listening "$BATS_TEST_TMPDIR/dns.log"; do
    kill -0 "$!" || return 1
    sleep 0.1
  done
  printf '%s\n' "nameserver 127.0.0.18" "options timeout:20 attempts:1" >"$BATS_TEST_TMPDIR/resolv.conf"
  local start=$(date +%s)
  RESOLV="$BATS_TEST_TMPDIR/resolv.conf" tlsswitch_named /test pop3s://slow.tlsswitch.test /timeout 2 /lang en
  [ "$status" -eq 3 ]
  [[ "$output" == *"slow.tlsswitch.test did not answer on port 995 within 2 seconds"* ]]
  RESOLV="$BATS_TEST_TMPDIR/resolv.conf" tlsswitch_named /test slow.tlsswitch.test /find /timeout 2 /lang en
  [ "$status" -eq 3 ]
  [ "$(grep -c 'no answer within the time limit' <<<"$output")" -eq 6 ]
  # Both together took less than one of the resolver's waits.
  [ $(($(date +%s) - start)) -lt 20 ]
}

@test "several targets in one /test: each its own report, then one last word" {
  fix
  tlsswitch_named /test pop3s://pop.tlsswitch.test smtps://smtp.tlsswitch.test imaps://imap.tlsswitch.test /lang en
  [ "$status" -eq 3 ]
  [ "$(grep -c '^TLS Switch .*: testing ' <<<"$output")" -eq 3 ]
  [[ "$output" == *"testing pop3s://pop.tlsswitch.test:995"*"OK: TLS 1.2"*"testing smtps://smtp.tlsswitch.test:465"*"OK: TLS 1.2"*"testing imaps://imap.tlsswitch.test:993"* ]]
  [[ "$output" == *"1 of the 3 servers cannot be used from this PC as it is: imaps://imap.tlsswitch.test"* ]]
  [ "$(tail -n 1 <<<"$output")" = "FAILED" ]
  tlsswitch_named /test pop3s://pop.tlsswitch.test smtp://smtp.tlsswitch.test /timeout 5 /lang en
  [ "$status" -eq 0 ]
  [[ "$output" == *"All 2 servers can be used from this PC."* ]]
  [ "$(tail -n 1 <<<"$output")" = "OK" ]
  # As Windows 10 would: it has ECDHE, so the IMAP server works too.
  tlsswitch_named /test imaps://imap.tlsswitch.test pop3s://pop.tlsswitch.test /as 10 /lang en
  [ "$status" -eq 0 ]
  [ "$(tail -n 1 <<<"$output")" = "OK" ]
}

@test "/apply recommended /test with two servers: the change, then both tested in a new process" {
  tlsswitch_named /apply recommended /nobackup /test pop3s://pop.tlsswitch.test smtps://smtp.tlsswitch.test /lang en
  [ "$status" -eq 0 ] || [ "$status" -eq 194 ]   # 3010 as a Linux shell sees it
  [[ "$output" == *"Done: 9 changes written."* ]]
  [ "$(grep -c '^OK: TLS 1.2' <<<"$output")" -eq 2 ]
  [ "$(tail -n 1 <<<"$output")" = "OK" ]
}

@test "/find says the outgoing server requires authentication only when its EHLO offers AUTH" {
  fix
  # postfix here has no SASL: its EHLO offers no AUTH.
  tlsswitch_named /test smtp.tlsswitch.test /find /lang en
  [[ "$output" == *"  Outgoing mail (sending): SMTP, server smtp.tlsswitch.test, port 465, SSL/TLS on"* ]]
  [[ "$output" != *"requires authentication"* ]]
  # One whose EHLO over TLS offers AUTH.
  until grep -q listening "$BATS_FILE_TMPDIR/smtp_auth.log"; do sleep 0.1; done
  tlsswitch_named /test auth.tlsswitch.test /find /lang en
  [[ "$output" == *"  Outgoing mail (sending): SMTP, server auth.tlsswitch.test, port 465, SSL/TLS on"*", the server requires authentication (the same user name and password)"* ]]
}

@test "a Japanese domain name is tested in its xn-- form; one that has none says so" {
  fix
  run --separate-stderr with_names env LC_ALL=C.UTF-8 timeout 120 wine "$TLSSWITCH_EXE" \
    /test 'pop3s://メール.例え.テスト' /lang en 3>&- </dev/null
  output=$(tr -d '\r' <<<"$output")
  echo "$output"
  [[ "$output" == "TLS Switch "*": testing pop3s://xn--4dkua4c.xn--r8jz45g.xn--zckzah:995"* ]]
  [[ "$output" == *"Connection: TLS 1.2"* ]]
  # The certificate is for *.tlsswitch.test, not for that name: said with its names.
  [[ "$output" == *"not issued for xn--4dkua4c.xn--r8jz45g.xn--zckzah (it is for *.tlsswitch.test)"* ]]
  [ "$status" -eq 3 ]
  # Full-width letters and the ideographic full stop, as a Japanese keyboard types them.
  run --separate-stderr with_names env LC_ALL=C.UTF-8 timeout 120 wine "$TLSSWITCH_EXE" \
    /test 'pop3s://メール。例え。テスト' /as xp /lang en 3>&- </dev/null
  [[ "$output" == *"testing pop3s://xn--4dkua4c.xn--r8jz45g.xn--zckzah:995 as Windows XP"* ]]
  [[ "$output" == *"Result: yes: TLS 1.2"* ]]
  # A name that has no xn-- form: a usage error that says why.
  run --separate-stderr with_names env LC_ALL=C.UTF-8 timeout 120 wine "$TLSSWITCH_EXE" \
    /test 'pop3s://-例え.テスト' /lang en 3>&- </dev/null
  [ "$status" -eq 1 ]
  [[ "$stderr" == *"cannot be turned into the xn-- form that DNS uses"* ]]
}
