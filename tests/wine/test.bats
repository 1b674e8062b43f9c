#!/usr/bin/env bats
# /test against real servers on 127.0.0.1: dovecot and postfix (TLS 1.2 or newer only), openssl
# s_server variants, certificates from a test CA trusted in the prefix, and misbehaving
# servers. Each /test ends with "OK: ..." or "FAILED..." and exit code 0 or 3. The dovecot
# here kept RSA key exchange for older clients (tests/servers/providers.bash), postfix
# has Debian's defaults, which keep it too: Windows XP can use both after the fix.
# windows.bats has the servers XP cannot use.

load helper

setup_file() {
  export CERTS="$BATS_FILE_TMPDIR/certs"
  "$BATS_TEST_DIRNAME/../servers/certs.sh" "$CERTS" 3>&-
  wine "$ROOT/build/tests/trust_root.exe" "$(wine_path "$CERTS/ca.pem")" >/dev/null 3>&- </dev/null
  wine "$ROOT/build/tests/trust_root.exe" "$(wine_path "$CERTS/shield.pem")" >/dev/null 3>&- </dev/null
  export DOVECOT_DIR="$BATS_FILE_TMPDIR/dovecot"
  source "$BATS_TEST_DIRNAME/../servers/providers.bash"
  DOVECOT_BASE_PORT=34000 DOVECOT_CERT="$CERTS/valid.pem" DOVECOT_KEY="$CERTS/valid.key" \
    DOVECOT_CIPHERS=$PROVIDER_KEEPS_RSA_KX "$BATS_TEST_DIRNAME/../servers/dovecot.sh" start "$DOVECOT_DIR" >/dev/null 3>&-
  # postfix runs as its own user, which cannot enter bats' private temporary folder.
  POSTFIX_DIR=$(mktemp -d /tmp/tlsswitch-postfix.XXXXXX)
  export POSTFIX_DIR
  POSTFIX_BASE_PORT=34000 "$BATS_TEST_DIRNAME/../servers/postfix.sh" start "$POSTFIX_DIR" "$CERTS/valid.pem" \
    "$CERTS/valid.key" >/dev/null 3>&-
  s_server tls12 34101 valid -tls1_2
  s_server tls10 34102 valid -tls1 -cipher DEFAULT@SECLEVEL=0
  s_server nocipher 34103 valid -tls1_2 -cipher NULL-SHA256@SECLEVEL=0
  s_server expired 34104 expired -tls1_2
  s_server wrongname 34105 wrongname -tls1_2
  s_server selfsigned 34106 selfsigned -tls1_2
  s_server intercepted 34107 intercepted -tls1_2
  local port=34200 mode
  for mode in stall garbage close oversized plaintext; do
    port=$((port + 1))
    start_server "$mode" "$port" "$ROOT/build/tests/hostile" "$mode" "$port"
  done
}

teardown_file() {
  stop_servers "$DOVECOT_DIR"
}

setup() {
  reset_protocols
  rm -rf "$BACKUPS"
}

# The fix /test advises; what /apply said is shown if a later step of the test fails.
fix() { echo "/apply recommended -> $(tlsswitch /apply recommended /nobackup /lang en 2>&1; echo "exit $?")"; }

# Runs /test with a time limit of its own, so a hang fails the test instead of stalling it.
test_target() {
  run --separate-stderr timeout 120 wine "$TLSSWITCH_EXE" /test "$@" /lang en 3>&- </dev/null
  echo "/test $* -> exit $status"$'\n'"$output"$'\n'"(stderr) $stderr"   # shown only when the test fails
}

last_line() { tr -d '\r' <<<"$output" | tail -n 1; }

# dovecot's log, to confirm from the server's side what a /test did: the lines from MARK
# (log_mark before the test) on. /test's simulated handshakes are logged too, so the
# connection that matters is found by what it says, not by being the last.
log_mark() { wc -l <"$DOVECOT_DIR/dovecot.log"; }
dovecot_saw_since() { # dovecot_saw_since MARK
  sleep 0.5
  tail -n +"$(($1 + 1))" "$DOVECOT_DIR/dovecot.log" | grep -a 'Disconnected'
}

@test "XP before the fix: FAILED with 'not used by default'; after /apply, OK over TLS 1.2" {
  test_target pop3s://localhost:34995
  [ "$status" -eq 3 ]
  [[ "$output" == *"Default handshake (as older mail programs make it): the server"* ]]
  [[ "$output" == *"  TLS 1.2  works"* ]]
  [[ "$output" == *"this PC does not use TLS 1.2 by default"*"tlsswitch /apply recommended"* ]]
  [ "$(last_line)" = "FAILED" ]
  fix
  local mark
  mark=$(log_mark)
  test_target pop3s://localhost:34995
  [ "$status" -eq 0 ]
  [[ "$output" == *"Mail server's answer: +OK"* ]]
  [ "$(last_line)" = "OK: TLS 1.2" ]
  # dovecot's own log says TLS 1.2: the verdict does not rest on the tool's report.
  [[ "$(dovecot_saw_since "$mark")" == *"TLSv1.2 with cipher"* ]]
}

@test "/apply recommended /test: the change, then the test in new processes" {
  run errorlevel_run /apply recommended /test pop3s://localhost:34995 /lang en
  [[ "$output" == *"Done: 9 changes written."* ]]
  [[ "$output" == *"OK: TLS 1.2"* ]]
  [[ "$output" == *"ERRORLEVEL=3010" ]]
}

# Wine's process trace names every process started (CreateProcessInternalW) with its
# command line: the handshakes of a /test run in a new process only after a change (the
# first test above shows a /test in its own process sees the settings of the moment).
processes_started() { # processes_started ARGS...: the /handshake children of one run
  WINEDEBUG=trace+process timeout 120 wine "$TLSSWITCH_EXE" "$@" /lang en 2>&1 >/dev/null 3>&- </dev/null |
    grep -a 'CreateProcessInternalW app' | grep -ac '/handshake' || true
}

@test "a /test that runs alone handshakes in its own process; after a change, in a new one" {
  fix
  [ "$(processes_started /test pop3s://localhost:34995)" -eq 0 ]
  reset_protocols
  [ "$(processes_started /apply recommended /nobackup /test pop3s://localhost:34995)" -eq 1 ]
}

# Runs tlsswitch with Wine's copies of the DLLs named (comma-separated) refused, as if missing.
without_dlls() { # without_dlls DLLS ARGS...
  local dlls=$1; shift
  run --separate-stderr timeout 120 env WINEDLLOVERRIDES="$WINEDLLOVERRIDES;$dlls=d" wine "$TLSSWITCH_EXE" "$@" 3>&- </dev/null
  echo "without $dlls: $* -> exit $status"$'\n'"$output"$'\n'"$stderr"   # shown only when the test fails
}

@test "/test /as xp loads neither Schannel's secur32, crypt32 nor the window's user32 and gdi32" {
  without_dlls secur32,crypt32,user32,gdi32 /test pop3s://localhost:34995 /as xp /lang en
  [ "$status" -eq 0 ]
  [ "$(last_line)" = "OK: TLS 1.2" ]
}

@test "a DLL loaded at first use that cannot be loaded is named, with exit code 5" {
  fix
  without_dlls secur32 /test pop3s://localhost:34995 /lang en
  [ "$status" -eq 5 ]
  [[ "$stderr" == *"Error: LoadLibrary secur32.dll failed: ERROR_MOD_NOT_FOUND (126)"* ]]
  without_dlls crypt32 /test pop3s://localhost:34995 /lang en
  [ "$status" -eq 5 ]
  [[ "$stderr" == *"Error: LoadLibrary crypt32.dll failed: ERROR_MOD_NOT_FOUND (126)"* ]]
  # Without the variable the same test passes: the refusal was the cause.
  test_target pop3s://localhost:34995
  [ "$status" -eq 0 ]
}

@test "dovecot with STLS, STARTTLS and IMAPS, once TLS 1.2 is the default" {
  fix
  test_target pop3://localhost:34110
  [ "$status" -eq 0 ]
  [ "$(last_line)" = "OK: TLS 1.2" ]
  test_target imap://localhost:34143
  [ "$status" -eq 0 ]
  [[ "$output" == *"Mail server's answer: * CAPABILITY"* ]]
  [ "$(last_line)" = "OK: TLS 1.2" ]
  test_target imaps://localhost:34993
  [ "$status" -eq 0 ]
  [[ "$output" == *"Certificate: CN=localhost"* ]]
  [[ "$output" == *"issued by: CN=TLS Switch Test CA"* ]]
  [[ "$output" == *"check: trusted"* ]]
}

@test "postfix with STARTTLS and smtps: FAILED before the fix, OK after, TLS 1.2 in postfix's log" {
  test_target smtp://localhost:34587
  [ "$status" -eq 3 ]
  [[ "$output" == *"does not use TLS 1.2 by default"* ]]
  fix
  test_target smtp://localhost:34587
  [ "$status" -eq 0 ]
  [[ "$output" == *"Mail server's answer: 250-mail.tlsswitch.invalid"* ]]
  [ "$(last_line)" = "OK: TLS 1.2" ]
  test_target smtps://localhost:34465
  [ "$status" -eq 0 ]
  [ "$(last_line)" = "OK: TLS 1.2" ]
  sleep 0.5
  [[ "$(grep -a 'TLS connection established' "$POSTFIX_DIR/postfix.log" | tail -1)" == *"TLSv1.2 with cipher"* ]]
}

@test "an s_server that accepts only TLS 1.2: FAILED before the fix, OK after" {
  test_target localhost:34101
  [ "$status" -eq 3 ]
  [[ "$output" == *"does not use TLS 1.2 by default"* ]]
  fix
  test_target localhost:34101
  [ "$status" -eq 0 ]
  [[ "$output" == *"TLS works with this server (TLS 1.2)."* ]]
  [[ "$output" == *"Connection: TLS 1.2"* ]]
  [[ "$output" =~ SHA-1\ thumbprint:\ [0-9A-F]{40} ]]
}

@test "IPv4 and IPv6 literals connect; the certificate is then not for that name" {
  fix
  test_target 127.0.0.1:34101 /timeout 5
  [[ "$output" == *"Connection: TLS 1.2"* ]]
  [[ "$output" == *"not issued for 127.0.0.1 (it is for localhost)"* ]]
  test_target '[::1]:34101' /timeout 5
  [[ "$output" == *"Connection: TLS 1.2"* ]]
  [[ "$output" == *"not issued for ::1"* ]]
  [ "$(last_line)" = "FAILED: TLS 1.2" ]
}

@test "a TLS 1.0-only server still works with the old defaults" {
  test_target localhost:34102 /timeout 5
  [ "$status" -eq 0 ]
  [[ "$output" == *"  TLS 1.0  works"* ]]
  [[ "$output" == *"  TLS 1.2  refused by the server"* ]]
  [ "$(last_line)" = "OK: TLS 1.0" ]
}

@test "a server whose only suite no Windows has: none can use it, and no setting helps" {
  fix
  test_target localhost:34103 /timeout 5
  [ "$status" -eq 3 ]
  [[ "$output" == *"Windows XP cannot use this server, and no registry setting can change that: the server accepts none of the cipher suites Windows XP has."* ]]
  [[ "$output" == *"such as Thunderbird"*"or Sylpheed 3.7"* ]]
  [[ "$output" == *"  Windows 10      no: no cipher suite in common"* ]]
}

@test "certificate problems are named: expired, wrong name, untrusted root" {
  fix
  test_target localhost:34104 /timeout 5
  [ "$status" -eq 3 ]
  [[ "$output" == *"has expired (valid until 2021-01-01)"* ]]
  [ "$(last_line)" = "FAILED: TLS 1.2" ]
  test_target localhost:34105 /timeout 5
  [ "$status" -eq 3 ]
  [[ "$output" == *"not issued for localhost (it is for wrong.example)"* ]]
  test_target localhost:34106 /timeout 5
  [ "$status" -eq 3 ]
  [[ "$output" == *"does not know its root certificate"* ]]
}

@test "an antivirus mail shield is named" {
  fix
  test_target localhost:34107 /timeout 5
  [ "$status" -eq 0 ]
  [[ "$output" == *"intercepted by Avast"*"its own TLS settings decide"* ]]
}

@test "misbehaving servers end in a clear error within the time limit" {
  fix
  start=$(date +%s)
  test_target localhost:34201 /timeout 2
  [ "$status" -eq 3 ]
  [[ "$output" == *"accepted the connection but never answered"* ]]
  [ $(( $(date +%s) - start )) -lt 30 ]
  test_target localhost:34202 /timeout 2
  [[ "$output" == *"neither TLS nor a mail greeting"* ]]
  test_target localhost:34203 /timeout 2
  [[ "$output" == *"closed the connection"* ]]
  test_target localhost:34204 /timeout 2
  [[ "$output" == *"larger than TLS allows"* ]]
  [ "$(last_line)" = "FAILED" ]
}

@test "a server that never sends its SMTP greeting never answered: it did not stop in the middle" {
  fix
  test_target smtp://localhost:34201 /timeout 2
  [ "$status" -eq 3 ]
  [[ "$output" == *"Default handshake (as older mail programs make it): the server never answered"* ]]
  [[ "$output" == *"The server accepted the connection but never answered: not one byte in 2 seconds"* ]]
  [[ "$output" != *"stopped answering"* ]]
  test_target smtp://localhost:34201 /as xp /timeout 2
  [ "$status" -eq 3 ]
  [[ "$output" == *"Result: not known: the server never answered"* ]]
  [[ "$output" != *"stopped answering"* ]]
}

@test "a plain-text greeting where TLS was expected suggests the STARTTLS form" {
  test_target smtps://localhost:34205 /timeout 2
  [ "$status" -eq 3 ]
  [[ "$output" == *"answered in plain text"*"Test it as smtp://localhost:34205"* ]]
}

@test "refused and unknown hosts" {
  test_target localhost:34299 /timeout 2
  [ "$status" -eq 3 ]
  [[ "$output" == *"localhost refused the connection on port 34299"* ]]
  test_target nosuchhost.invalid:995 /timeout 2
  [ "$status" -eq 3 ]
  [[ "$output" == *"The server name nosuchhost.invalid was not found"* ]]
}

@test "a bad target or time limit is a usage error" {
  test_target ftp://localhost
  [ "$status" -eq 1 ]
  [[ "$stderr" == *"\"ftp://localhost\" is not a server to test"* ]]
  test_target localhost:99999
  [ "$status" -eq 1 ]
  test_target localhost:34101 /timeout 0
  [ "$status" -eq 1 ]
  [[ "$stderr" == *"/timeout takes a number of seconds from 1 to 300"* ]]
  run --separate-stderr tlsswitch /status /timeout 5 /lang en
  [ "$status" -eq 1 ]
}

@test "the test speaks Japanese to a Japanese user, and keeps the verdict word" {
  run bash -c 'LC_ALL=ja_JP.UTF-8 timeout 120 wine "$TLSSWITCH_EXE" /test pop3s://localhost:34995 2>/dev/null 3>&- </dev/null | iconv -f CP932 -t UTF-8'
  [[ "$output" == *"診断:"* ]]
  [[ "$output" == *"TLS 1.2 を既定で使わない"* ]]
  [[ "$(tr -d '\r' <<<"$output" | tail -n 1)" = "FAILED" ]]
}
