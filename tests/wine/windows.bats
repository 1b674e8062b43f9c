#!/usr/bin/env bats
# Which Windows can use a server: /test TARGET /as WINDOWS and the section of /test, against
# servers set up the way providers are (tests/servers/providers.bash), each named for what
# it stands for. Wine's Schannel is stronger than XP's (it has ECDHE, AES-GCM, ChaCha20):
# here a verdict about XP comes from the simulation of XP's ClientHello, and is checked
# against Wine limited to XP's suites (tests/servers/xp-posready.gnutls), server by server.

load helper


setup_file() {
  export CERTS="$BATS_FILE_TMPDIR/certs"
  "$BATS_TEST_DIRNAME/../servers/certs.sh" "$CERTS" 3>&-
  wine "$ROOT/build/tests/trust_root.exe" "$(wine_path "$CERTS/ca.pem")" >/dev/null 3>&- </dev/null
  wine "$ROOT/build/tests/trust_root.exe" "$(wine_path "$CERTS/ecca.pem")" >/dev/null 3>&- </dev/null
  source "$BATS_TEST_DIRNAME/../servers/providers.bash"
  s_server keeps-rsa-kx 38101 valid -tls1_2 -cipher "$PROVIDER_KEEPS_RSA_KX"
  s_server rsa-kx-only 38102 valid -tls1_2 -cipher "$PROVIDER_RSA_KX_ONLY"
  s_server ecdhe-cbc 38103 valid -tls1_2 -cipher "$PROVIDER_ECDHE_CBC"
  s_server ecdhe-aead 38104 valid -tls1_2 -cipher "$PROVIDER_ECDHE_AEAD"
  s_server tls13-only 38105 valid -tls1_3
  s_server ecdsa-certificate 38106 ecdsa -tls1_2
  s_server rsa-signed-by-ecdsa 38107 rsa-by-ec -cert_chain "$CERTS/ecca.pem" -tls1_2 -cipher "$PROVIDER_RSA_KX_ONLY"
  # A server with several names: a hello without SNI (XP's) gets its default certificate,
  # for wrong.example; one that names localhost gets localhost's.
  s_server needs-sni 38108 wrongname -servername localhost -cert2 "$CERTS/valid.pem" -key2 "$CERTS/valid.key" \
    -tls1_2 -cipher "$PROVIDER_KEEPS_RSA_KX"
  s_server expired 38109 expired -tls1_2 -cipher "$PROVIDER_KEEPS_RSA_KX"
  # openssl s_server serves one connection at a time: /test's parallel connections queue.
  s_server one-at-a-time 38120 valid -tls1 -cipher AES128-SHA@SECLEVEL=0
  # dovecot and postfix as Debian ships them: dovecot's list has "!kRSA", postfix's keeps it.
  export DOVECOT_DIR="$BATS_FILE_TMPDIR/dovecot"
  DOVECOT_BASE_PORT=38000 DOVECOT_CERT="$CERTS/valid.pem" DOVECOT_KEY="$CERTS/valid.key" \
    "$BATS_TEST_DIRNAME/../servers/dovecot.sh" start "$DOVECOT_DIR" >/dev/null 3>&-
  POSTFIX_DIR=$(mktemp -d /tmp/tlsswitch-postfix.XXXXXX)
  export POSTFIX_DIR
  POSTFIX_BASE_PORT=38000 "$BATS_TEST_DIRNAME/../servers/postfix.sh" start "$POSTFIX_DIR" "$CERTS/valid.pem" \
    "$CERTS/valid.key" >/dev/null 3>&-
  local port=38200 mode
  for mode in truncated bigmessage badsuite endless garbage stall; do
    port=$((port + 1))
    start_server "$mode" "$port" "$ROOT/build/tests/hostile" "$mode" "$port"
  done
}

teardown_file() {
  stop_servers "$DOVECOT_DIR"
}

setup() {
  reset_protocols
}

teardown() {
  # A test may make the prefix report another Windows: XP again for the next.
  wine reg add 'HKCU\Software\Wine' /v Version /d winxp /f >/dev/null 2>&1 3>&- </dev/null
}

fix() { tlsswitch /apply recommended /nobackup /lang en >/dev/null 2>&1 || true; }

test_target() {
  run --separate-stderr timeout 120 wine "$TLSSWITCH_EXE" /test "$@" /lang en 3>&- </dev/null
  echo "/test $* -> exit $status"$'\n'"$output"   # shown only when the test fails
}

last_line() { tr -d '\r' <<<"$output" | tail -n 1; }

# as WINDOWS TARGET OK|FAILED [WORDS]: /as gives that verdict, and says WORDS.
as() {
  test_target "$2" /as "$1" /timeout 5
  if [[ $3 == OK ]]; then
    [ "$status" -eq 0 ] && [[ "$(last_line)" == "OK: "* ]] || return 1
  else
    [ "$status" -eq 3 ] && [ "$(last_line)" = FAILED ] || return 1
  fi
  [[ -z "${4:-}" || "$output" == *"$4"* ]]
}

@test "/as: a provider that kept RSA key exchange is usable from XP to 10" {
  as xp localhost:38101 OK "Windows XP can use this server: TLS 1.2 with TLS_RSA_WITH_AES_128_CBC_SHA."
  [[ "$output" == *"run tlsswitch /apply recommended on that PC"* ]]
  [[ "$output" == *"Server's certificate: RSA key of 2048 bits, signed with RSA"* ]]
  as vista localhost:38101 OK
  as 7 localhost:38101 OK "TLS_RSA_WITH_AES_256_CBC_SHA256"
  as 10 localhost:38101 OK "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"
  as 8.1 localhost:38102 OK
  as 2003 localhost:38102 FAILED "only TLS versions newer than Windows XP x64 / Server 2003 can speak"
}

@test "/as: ECDHE only with CBC: Vista and 7 can, XP cannot, and no setting helps" {
  as xp localhost:38103 FAILED "which needs ECDHE key exchange."
  [[ "$output" == *"no registry setting can change that"* ]]
  [[ "$output" == *"Offered every suite, the server: yes: TLS 1.2, TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA"* ]]
  [[ "$output" == *"such as Thunderbird"* ]]
  [[ "$output" != *"/apply"* ]]
  as vista localhost:38103 OK "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA"
  as 7 localhost:38103 OK
  as 10 localhost:38103 OK
}

@test "/as: ECDHE with AES-GCM or ChaCha20 only: 10 can, 7 cannot" {
  as xp localhost:38104 FAILED "which needs ECDHE key exchange, AES-GCM."
  as vista localhost:38104 FAILED
  as 7 localhost:38104 FAILED "a combination Windows 7 does not have"
  as 8.1 localhost:38104 FAILED
  as 10 localhost:38104 OK "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"
}

@test "/as: TLS 1.3 only: only Windows 11" {
  as xp localhost:38105 FAILED "only TLS versions newer than Windows XP can speak"
  as 10 localhost:38105 FAILED "newer than Windows 10 can speak"
  as 11 localhost:38105 OK "TLS 1.3"
  [ "$(last_line)" = "OK: TLS 1.3" ]
}

@test "/as: certificates XP cannot use: an ECDSA one, and an RSA one signed with ECDSA" {
  as xp localhost:38106 FAILED "which needs ECDHE key exchange, an ECDSA certificate."
  as vista localhost:38106 OK "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA"
  [[ "$output" == *"Server's certificate: ECDSA key, signed with ECDSA"* ]]
  as 7 localhost:38106 OK
  as xp localhost:38107 FAILED "the server's certificate uses ECDSA, which Windows XP cannot check."
  [[ "$output" == *"Result: no: it cannot use the server's ECDSA certificate"* ]]
  as vista localhost:38107 OK
}

@test "/as: Debian's dovecot defaults shut XP out; Debian's postfix defaults do not" {
  as xp pop3s://localhost:38995 FAILED "no registry setting can change that"
  as xp imap://localhost:38143 FAILED "which needs ECDHE key exchange"
  as vista pop3s://localhost:38995 OK
  as xp smtp://localhost:38587 OK "Windows XP can use this server"
  as xp smtps://localhost:38465 OK
}

@test "/test: the registry fix is offered where it helps, and only there" {
  # Before the fix: a server XP can use after it...
  test_target localhost:38102 /timeout 5
  [ "$status" -eq 3 ]
  [[ "$output" == *"this PC does not use TLS 1.2 by default"*"tlsswitch /apply recommended"* ]]
  [[ "$output" == *"  Windows XP      yes: TLS 1.2, TLS_RSA_WITH_AES_128_CBC_SHA"* ]]
  # ...and one it cannot use, whatever the registry says.
  test_target localhost:38103 /timeout 5
  [ "$status" -eq 3 ]
  [[ "$output" == *"Windows XP cannot use this server, and no registry setting can change that"* ]]
  [[ "$output" != *"/apply"* ]]
  fix
  test_target localhost:38102 /timeout 5
  [ "$status" -eq 0 ]
  [ "$(last_line)" = "OK: TLS 1.2" ]
  # Wine's own handshake works with the ECDHE server; XP's cannot, and the verdict is XP's.
  test_target localhost:38103 /timeout 5
  [ "$status" -eq 3 ]
  [[ "$output" == *"Default handshake (as older mail programs make it): works"* ]]
  [[ "$output" == *"  Windows XP      no: no cipher suite in common"* ]]
  [[ "$output" == *"  Windows Vista   yes: TLS 1.2, TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA"* ]]
  [[ "$output" == *"This PC's own handshake can succeed where Windows XP's cannot"* ]]
  [[ "$output" == *"Windows XP cannot use this server, and no registry setting can change that"* ]]
  [ "$(last_line)" = "FAILED: TLS 1.2" ]
}

@test "/test on a Windows not among the four shown (8.1, XP x64): no crash, and its own ClientHello compared" {
  # Windows 8.1 and XP x64 / Server 2003 are not among XP, Vista, 7 and 10, so /test runs
  # one simulation more for them: that one once overran its array and crashed /test.
  fix
  local version name
  for version in win81 win2003; do
    wine reg add 'HKCU\Software\Wine' /v Version /d "$version" /f >/dev/null 2>&1 3>&- </dev/null
    name="Windows 8.1"
    [ "$version" = win2003 ] && name="Windows XP x64 / Server 2003"
    test_target localhost:38101 /timeout 5
    echo "stderr: $stderr"
    [[ "$stderr" != *"Unhandled"* && "$stderr" != *"page fault"* ]]
    [[ "$output" == *"  Windows XP      yes: TLS 1.2, TLS_RSA_WITH_AES_128_CBC_SHA"* ]]
    [[ "$output" == *"In the table for $name, but not offered here"* ]]
    [ "$status" -eq 0 ] || [ "$status" -eq 3 ]
    [[ "$(last_line)" == "OK: "* || "$(last_line)" == "FAILED"* ]]
  done
}

# The suite a simulation names, as Wine's Schannel reports a real handshake with it.
connection_words() { # connection_words SUITE
  local cipher=AES-128 exchange=RSA
  [[ $1 == *AES_256* ]] && cipher=AES-256
  [[ $1 == *_ECDHE_* ]] && exchange=ECDHE
  [[ $1 == *_DHE_* ]] && exchange=DHE
  echo "cipher $cipher (* key exchange $exchange"
}

@test "the simulation checks itself: Wine's own ClientHello, simulated, predicts Wine's real handshake" {
  fix
  local port checked=0 simulated suite
  for port in 38101 38102 38103 38104 38105 38106 38107; do
    test_target localhost:$port /timeout 5
    simulated=$(grep -a "This ClientHello, simulated: " <<<"$output" | tr -d '\r')
    [ -n "$simulated" ]
    if [[ "$simulated" == *"yes: TLS 1.2, "* ]]; then
      suite=${simulated##*, }
      [[ "$output" == *"Default handshake (as older mail programs make it): works"* ]]
      # shellcheck disable=SC2053
      [[ "$(grep -a '^Connection: ' <<<"$output" | tr -d '\r')" == "Connection: TLS 1.2, "$(connection_words "$suite") ]]
    else
      [[ "$output" != *"Default handshake (as older mail programs make it): works"* ]]
    fi
    checked=$((checked + 1))
  done
  [ "$checked" -eq 7 ]
}

# Whether Wine, limited to what XP offers, completes a handshake with the server.
wine_as_xp() { # wine_as_xp PORT: prints "works" or "fails"
  local said
  said=$(GNUTLS_SYSTEM_PRIORITY_FILE="$ROOT/tests/servers/xp-posready.gnutls" \
    wine "$ROOT/build/tests/default_client.exe" 127.0.0.1 "$1" handshake 3>&- </dev/null 2>/dev/null)
  if [[ "$said" == *"protocol 0x800"* ]]; then echo works; else echo fails; fi
}

@test "Wine limited to XP's suites and the simulation of XP agree, server by server" {
  local port real simulated agreed=0
  # Not 38107: its RSA certificate is signed with ECDSA, which XP cannot check, but the test
  # client leaves certificates unchecked (as /test does, to report them itself).
  for port in 38101 38102 38103 38104 38105 38106; do
    real=$(wine_as_xp "$port")
    test_target localhost:$port /as xp /timeout 5
    simulated=fails
    [ "$status" -eq 0 ] && simulated=works
    echo "port $port: Wine as XP $real, simulated XP $simulated"
    [ "$real" = "$simulated" ]
    agreed=$((agreed + 1))
  done
  [ "$agreed" -eq 6 ]
  # Both ways occur: the test can tell them apart.
  [ "$(wine_as_xp 38102)" = works ]
  [ "$(wine_as_xp 38104)" = fails ]
}

@test "misbehaving servers on the simulated path end in a clear error within the time limit" {
  local start
  start=$(date +%s)
  test_target localhost:38201 /as xp /timeout 2
  [ "$status" -eq 3 ]
  [[ "$output" == *"Result: not known: the server closed the connection"* ]]
  test_target localhost:38202 /as xp /timeout 2
  [[ "$output" == *"larger than TLS allows"* ]]
  test_target localhost:38203 /as xp /timeout 2
  [[ "$output" == *"The server answered with TLS 1.2, TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384, which was never offered"* ]]
  test_target smtp://localhost:38204 /as xp /timeout 2
  [[ "$output" == *"stopped answering"* || "$output" == *"STARTTLS"* ]]
  test_target localhost:38205 /as xp /timeout 2
  [[ "$output" == *"neither TLS nor a mail greeting"* ]]
  test_target localhost:38206 /as xp /timeout 2
  [[ "$output" == *"accepted the connection but never answered"* ]]
  [ "$(last_line)" = FAILED ]
  # Six servers, each bounded by three time limits of 2 seconds.
  [ $(($(date +%s) - start)) -lt 60 ]
}

@test "the registry's cipher settings: listed by /status, and honoured by the simulation of this Windows" {
  local key='HKLM\SYSTEM\CurrentControlSet\Control\SecurityProviders\SCHANNEL\KeyExchangeAlgorithms\PKCS'
  run --separate-stderr tlsswitch /status /lang en
  [[ "$output" == *"Nothing is turned off: Windows XP offers its 8 cipher suites."* ]]
  wine_reg add "$key" /v Enabled /t REG_DWORD /d 0 /f >/dev/null
  run --separate-stderr tlsswitch /status /lang en
  [[ "$output" == *"SCHANNEL\\KeyExchangeAlgorithms\\PKCS Enabled=0: removes 7 of Windows XP's cipher suites"* ]]
  [[ "$output" == *"With these settings Windows XP offers 1 of its 8 cipher suites."* ]]
  # The CSV is a contract: no new lines there.
  run --separate-stderr tlsswitch /status /csv
  [ "$(tr -d '\r' <<<"$output" | wc -l)" -eq 6 ]
  fix
  test_target localhost:38102 /timeout 5
  [ "$status" -eq 3 ]
  [[ "$output" == *"Windows XP cannot use this server with the cipher settings in this PC's registry"* ]]
  [[ "$output" == *"Without them it would use TLS_RSA_WITH_AES_128_CBC_SHA"* ]]
  wine_reg delete "$key" /f >/dev/null
  test_target localhost:38102 /timeout 5
  [ "$status" -eq 0 ]
}

@test "/as in Japanese, and wrong Windows names" {
  run bash -c 'LC_ALL=ja_JP.UTF-8 timeout 120 wine "$TLSSWITCH_EXE" /test localhost:38103 /as xp 2>/dev/null 3>&- </dev/null | iconv -f CP932 -t UTF-8'
  [[ "$output" == *"レジストリの設定では変えられません"* ]]
  [[ "$(tr -d '\r' <<<"$output" | tail -n 1)" = "FAILED" ]]
  run --separate-stderr tlsswitch /test localhost:38101 /as windows95 /lang en
  [ "$status" -eq 1 ]
  [[ "$stderr" == *'unknown Windows "windows95" for /as; use xp, 2003, vista, 7, 8.1, 10 or 11'* ]]
  run --separate-stderr tlsswitch /status /as xp /lang en
  [ "$status" -eq 1 ]
  [[ "$stderr" == *"/as can only be used with /apply, /set, /test"* ]]
}

@test "/as xp checks the certificate XP gets: without SNI, another name's; and an expired one" {
  test_target localhost:38108 /as xp /timeout 5
  [ "$status" -eq 3 ]
  [[ "$output" == *"Result: yes: TLS 1.2, TLS_RSA_WITH_AES_128_CBC_SHA; but its certificate is for wrong.example"* ]]
  [[ "$output" == *"the certificate the server gives Windows XP is not issued for localhost (it is for wrong.example)"* ]]
  [[ "$output" == *"Windows XP sends no server name (SNI)"* ]]
  [ "$(last_line)" = "FAILED: TLS 1.2" ]
  # Vista names the host and gets the right one.
  as vista localhost:38108 OK "Its certificate is issued for localhost and valid today"
  [[ "$output" == *"whether that PC trusts its root is not checked from here"* ]]
  # A certificate that expired on 2021-01-01.
  test_target localhost:38109 /as xp /timeout 5
  [ "$status" -eq 3 ]
  [[ "$output" == *"the certificate the server gives Windows XP has expired (valid until 2021-01-01)"* ]]
  [ "$(last_line)" = "FAILED: TLS 1.2" ]
  # A good one is still OK.
  as xp localhost:38101 OK "Its certificate is issued for localhost and valid today"
}

@test "/test on XP: XP's row and the verdict are about the certificate XP would get" {
  fix
  test_target localhost:38108 /timeout 5
  [ "$status" -eq 3 ]
  # Wine's own handshake names the host (SNI) and gets localhost's certificate...
  [[ "$output" == *"check: trusted, and issued for localhost"* ]]
  # ...XP's would not.
  [[ "$output" == *"  Windows XP      yes: TLS 1.2, TLS_RSA_WITH_AES_128_CBC_SHA; but its certificate is for wrong.example"* ]]
  [[ "$(grep -a '  Windows Vista ' <<<"$output")" != *"but its certificate"* ]]
  [[ "$output" == *"But the certificate the server gives Windows XP is not issued for localhost (it is for wrong.example)"* ]]
  [ "$(last_line)" = "FAILED: TLS 1.2" ]
  # XP's row says yes: this PC's own handshake does not succeed "where XP's cannot".
  [[ "$output" != *"can succeed where"* ]]
}

@test "a server that serves one connection at a time, 20 times: never yes without version and suite, never OK where XP's row is not known" {
  # The prefix is XP-like, TLS 1.1 and 1.2 not used by default; the server TLS 1.0 only,
  # one connection after the other, so /test's twelve connections queue.
  local run xp yes_lines
  for run in $(seq 20); do
    test_target localhost:38120
    echo "run $run"
    xp=$(grep -a '^  Windows XP ' <<<"$output" | tr -d '\r')
    [ -n "$xp" ]
    # Every "yes" names a TLS version and a suite.
    yes_lines=$(grep -a 'yes: ' <<<"$output" | tr -d '\r')
    [ -z "$(grep -v 'yes: TLS 1\.[0-3], TLS_' <<<"$yes_lines")" ]
    [[ "$output" != *"0x0000"* && "$output" != *"yes: ?"* ]]
    # No failure without its step.
    [[ "$output" != *"failed (0)"* && "$output" != *"a Windows function failed"* ]]
    # XP's row not known: the verdict is not OK either.
    if [[ "$xp" == *"not known"* ]]; then
      [ "$status" -eq 3 ]
      [[ "$(last_line)" != OK* ]]
    fi
    # And the server, slow as it is, gets its true answer.
    [[ "$xp" == "  Windows XP      yes: TLS 1.0, TLS_RSA_WITH_AES_128_CBC_SHA" ]]
    [ "$status" -eq 0 ]
    [ "$(last_line)" = "OK: TLS 1.0" ]
  done
}

@test "two different values of one switch are a usage error" {
  run --separate-stderr tlsswitch /test localhost:38101 /as xp /as 10 /lang en
  [ "$status" -eq 1 ]
  [[ "$stderr" == *'/as is given twice with different values ("xp" and "10")'* ]]
  [[ "$output" != *"testing"* ]]
  # The same one twice is no conflict.
  run --separate-stderr timeout 120 wine "$TLSSWITCH_EXE" /test localhost:38101 /as xp /as:XP /timeout 5 /lang en 3>&- </dev/null
  [ "$status" -eq 0 ]
}
