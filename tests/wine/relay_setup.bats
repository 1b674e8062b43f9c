#!/usr/bin/env bats
# /relay's set-up, without a provider: the ways in relay.ini (added, listed, removed), the
# local ports it picks, the start entry at logon, and bad input of every kind: a bad URL, a
# port in use, a way already there, an unknown number, a damaged relay.ini, a crash while
# relay.ini is written. Bad input changes nothing in relay.ini.

load helper

setup_file() {
  local appdata
  appdata=$(wine cmd /c 'echo %APPDATA%' 2>/dev/null 3>&- </dev/null | tr -d '\r')
  export RELAY_DIR
  RELAY_DIR="$(winepath -u "$appdata" 2>/dev/null 3>&- </dev/null)/TLS Switch"
  export RELAY_INI="$RELAY_DIR/relay.ini"
  # A port some other program listens on.
  start_server squatter 40110 python3 -c '
import socket, time
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", 40110)); s.listen(1); time.sleep(3600)'
}

teardown_file() {
  relay_run stop || true
  stop_servers
}

setup() {
  relay_run stop || true
  rm -f "$RELAY_INI" "$RELAY_INI.new"
}

# A /relay that may start the relay in the background: its output goes through a file,
# since Wine's new process keeps the pipe of `run` open for as long as it runs.
relay_run() {
  local out="${BATS_TEST_TMPDIR:-$BATS_FILE_TMPDIR}/relay-run.out"
  status=0
  wine "$TLSSWITCH_EXE" /relay "$@" >"$out" 2>&1 3>&- </dev/null || status=$?
  output=$(tr -d '\r' <"$out")
}

run_key_value() {
  wine reg query 'HKCU\Software\Microsoft\Windows\CurrentVersion\Run' /v 'TLS Switch relay' 2>/dev/null 3>&- </dev/null |
    tr -d '\r' | grep -i 'TLS Switch relay' || true
}

@test "/relay add writes relay.ini and says what to type: 127.0.0.1, the port, SSL off" {
  run tlsswitch /relay add pop3s://pop.example.jp /lang en
  echo "$output"
  [ "$status" -eq 0 ]
  [[ "$output" == *"127.0.0.1"* ]]
  [[ "$output" == *"110"* ]]
  [[ "$output" == *"This server requires a secure connection (SSL)"* ]]
  grep -q 'pop3s://pop.example.jp:995' "$RELAY_INI"
  run tlsswitch /relay list /lang en
  [ "$status" -eq 0 ]
  [[ "$output" == *"pop3s://pop.example.jp:995"* ]]
  [[ "$output" == *"127.0.0.1:110"* ]]
}

@test "/relay add in Japanese names Outlook Express's own words" {
  run bash -c 'LC_ALL=ja_JP.UTF-8 wine "$TLSSWITCH_EXE" /relay add imaps://imap.example.jp /lang ja 2>&1 3>&- </dev/null |
    iconv -f CP932 -t UTF-8'
  echo "$output"
  [ "$status" -eq 0 ]
  [[ "$output" == *"127.0.0.1"* ]]
  [[ "$output" == *"143"* ]]
  [[ "$output" == *"このサーバーはセキュリティで保護された接続 (SSL) が必要"* ]]
}

@test "a port in use gives the next free one from 10110; a requested port in use is refused" {
  run tlsswitch /relay add pop3s://one.example.jp 40110 /lang en
  echo "$output"
  [ "$status" -eq 1 ]
  [ ! -e "$RELAY_INI" ]
  run tlsswitch /relay add pop3s://one.example.jp /lang en
  [ "$status" -eq 0 ]
  run tlsswitch /relay add pop3s://two.example.jp /lang en
  [ "$status" -eq 0 ]
  run tlsswitch /relay list /lang en
  echo "$output"
  [[ "$output" == *"one.example.jp:995"*"127.0.0.1:110"* ]]
  [[ "$output" == *"two.example.jp:995"*"127.0.0.1:10110"* ]]
}

@test "bad input changes nothing: a bad URL, a way already there, an unknown number, a wrong verb" {
  tlsswitch /relay add smtp://smtp.example.jp:587 /lang en >/dev/null
  cp "$RELAY_INI" "$BATS_TEST_TMPDIR/before"
  local bad
  for bad in "add ftp://x.example.jp" "add pop.example.jp:995" "add smtp://SMTP.example.jp:587" "remove 7" \
    "remove x" "frobnicate" "add"; do
    # shellcheck disable=SC2086
    run tlsswitch /relay $bad /lang en
    echo "/relay $bad -> $status: $output"
    [ "$status" -eq 1 ]
    [[ "$output" == *"rror"* ]]
    cmp "$RELAY_INI" "$BATS_TEST_TMPDIR/before"
  done
}

@test "a damaged relay.ini is refused with its line, left as it is, exit 4" {
  printf '[way 1]\nprovider = pop3s://pop.example.jp\nlocal_port = banana\n' >"$RELAY_INI"
  cp "$RELAY_INI" "$BATS_TEST_TMPDIR/before"
  run tlsswitch /relay add imaps://imap.example.jp /lang en
  echo "$output"
  [ "$status" -eq 4 ]
  [[ "$output" == *"line 3"* ]]
  cmp "$RELAY_INI" "$BATS_TEST_TMPDIR/before"
  relay_run start /lang en
  [ "$status" -eq 4 ]
  [ -z "$(run_key_value)" ]
}

@test "/relay remove takes a way away by its number" {
  tlsswitch /relay add pop3s://one.example.jp /lang en >/dev/null
  tlsswitch /relay add imaps://two.example.jp /lang en >/dev/null
  run tlsswitch /relay remove 1 /lang en
  [ "$status" -eq 0 ]
  run tlsswitch /relay list /lang en
  [[ "$output" != *"one.example.jp"* ]]
  [[ "$output" == *"two.example.jp"* ]]
}

@test "a crash while relay.ini is written leaves the old file whole" {
  tlsswitch /relay add pop3s://one.example.jp /lang en >/dev/null
  cp "$RELAY_INI" "$BATS_TEST_TMPDIR/before"
  TLSSWITCH_TEST_CRASH_REPLACE=1 run tlsswitch /relay add imaps://two.example.jp /lang en
  [ "$status" -ne 0 ]
  cmp "$RELAY_INI" "$BATS_TEST_TMPDIR/before"
  # The next write goes through, over the new file the crash left.
  run tlsswitch /relay add imaps://two.example.jp /lang en
  [ "$status" -eq 0 ]
  grep -q 'imaps://two.example.jp:993' "$RELAY_INI"
}

@test "/relay start runs it in the background and writes the start entry; /relay stop ends both" {
  tlsswitch /relay add pop3s://one.example.jp 40120 /lang en >/dev/null
  relay_run start /lang en
  echo "$output"
  [ "$status" -eq 0 ]
  # The start entry names the window-less starter beside the program (build makes it).
  [[ "$(run_key_value)" == *"REG_SZ"*"\\tlsswitch-relay.exe\"" ]]
  run tlsswitch /relay status /lang en
  echo "$output"
  [ "$status" -eq 0 ]
  [[ "$output" == *"The relay is running."* ]]
  [[ "$output" == *"It starts when you log on."* ]]
  (exec 9<>/dev/tcp/127.0.0.1/40120) # it listens
  # One relay per user: a second one is refused.
  relay_run /lang en
  [ "$status" -eq 6 ]
  relay_run stop /lang en
  [ "$status" -eq 0 ]
  [ -z "$(run_key_value)" ]
  run tlsswitch /relay status /lang en
  [ "$status" -eq 3 ]
  [[ "$output" == *"The relay is not running."* ]]
  ! (exec 9<>/dev/tcp/127.0.0.1/40120) 2>/dev/null
}

# The command line of the start entry, as Windows runs it at logon.
run_key_command() { run_key_value | sed 's/.*REG_SZ *//'; }

@test "at logon: the start entry's window-less starter starts the relay, and ends" {
  tlsswitch /relay add pop3s://one.example.jp 40124 /lang en >/dev/null
  relay_run start /lang en
  [ "$status" -eq 0 ]
  local command
  command=$(run_key_command)
  echo "start entry: $command"
  [[ "$command" == '"'*'\tlsswitch-relay.exe"' ]]
  # As after a logon: nothing runs yet, the entry is there.
  wine "$TLSSWITCH_EXE" /relay stop >/dev/null 2>&1 3>&- </dev/null
  ! (exec 9<>/dev/tcp/127.0.0.1/40124) 2>/dev/null
  local starter
  starter=$(winepath -u "$(tr -d '"' <<<"$command")" 2>/dev/null 3>&- </dev/null)
  [ -f "$starter" ]
  # A window-less program (GUI subsystem), which ends once the relay's process is made.
  [[ "$(x86_64-w64-mingw32-objdump -p "$starter")" == *"Windows GUI"* ]]
  timeout 30 wine "$starter" >/dev/null 2>&1 3>&- </dev/null
  local tries
  for tries in $(seq 100); do
    (exec 9<>/dev/tcp/127.0.0.1/40124) 2>/dev/null && break
    sleep 0.1
  done
  run tlsswitch /relay status /lang en
  echo "$output"
  [ "$status" -eq 0 ]
  [[ "$output" == *"The relay is running."* ]]
  relay_run stop /lang en
  [ "$status" -eq 0 ]
}

@test "a starter starts only the program its name says, beside it: alone it starts nothing (exit 1)" {
  cp "$(dirname "$TLSSWITCH_EXE")/tlsswitch-relay.exe" "$BATS_TEST_TMPDIR/other-relay.exe"
  run timeout 30 wine "$BATS_TEST_TMPDIR/other-relay.exe" 3>&- </dev/null
  [ "$status" -eq 1 ]
  cp "$(dirname "$TLSSWITCH_EXE")/tlsswitch-relay.exe" "$BATS_TEST_TMPDIR/misnamed.exe"
  run timeout 30 wine "$BATS_TEST_TMPDIR/misnamed.exe" 3>&- </dev/null
  [ "$status" -eq 1 ]
}

@test "a program without its starter beside it names itself in the start entry" {
  mkdir -p "$BATS_TEST_TMPDIR/alone"
  cp "$TLSSWITCH_EXE" "$BATS_TEST_TMPDIR/alone/tlsswitch.exe"
  tlsswitch /relay add pop3s://one.example.jp 40125 /lang en >/dev/null
  local out="$BATS_TEST_TMPDIR/alone.out"
  wine "$BATS_TEST_TMPDIR/alone/tlsswitch.exe" /relay start /lang en >"$out" 2>&1 3>&- </dev/null
  [[ "$(run_key_value)" == *"\\alone\\tlsswitch.exe\" /relay run" ]]
  wine "$BATS_TEST_TMPDIR/alone/tlsswitch.exe" /relay stop >/dev/null 2>&1 3>&- </dev/null
  [ -z "$(run_key_value)" ]
}

@test "/relay start where the start entry cannot be written: the relay is stopped again, and says so" {
  tlsswitch /relay add pop3s://one.example.jp 40122 /lang en >/dev/null
  local run_key='HKCU\Software\Microsoft\Windows\CurrentVersion\Run' sddl
  sddl=$(wine "$ROOT/build/tests/key_security.exe" get "$run_key" 2>&1 3>&- </dev/null | tr -d '\r')
  [[ "$sddl" == O:* ]]
  # Everyone may read the Run key, nobody may write it (its owner may still set it back).
  wine "$ROOT/build/tests/key_security.exe" set "$run_key" 'O:BAG:SYD:P(A;;KR;;;WD)' 3>&- </dev/null
  relay_run start /lang en
  wine "$ROOT/build/tests/key_security.exe" set "$run_key" "$sddl" 3>&- </dev/null
  echo "$output"
  [ "$status" -eq 5 ]
  [[ "$output" == *"ERROR_ACCESS_DENIED"* ]]
  [[ "$output" == *"The relay was stopped again: its start entry at logon could not be written"* ]]
  [ -z "$(run_key_value)" ]
  run tlsswitch /relay status /lang en
  [ "$status" -eq 3 ]
  [[ "$output" == *"The relay is not running."* ]]
  ! (exec 9<>/dev/tcp/127.0.0.1/40122) 2>/dev/null
}

@test "it listens on 127.0.0.1 only: another address of this PC is refused" {
  tlsswitch /relay add pop3s://one.example.jp 40121 /lang en >/dev/null
  relay_run start /lang en
  [ "$status" -eq 0 ]
  (exec 9<>/dev/tcp/127.0.0.1/40121)
  ! (exec 9<>/dev/tcp/127.0.0.2/40121) 2>/dev/null
  local address
  address=$(hostname -I 2>/dev/null | awk '{print $1}')
  if [[ -n "$address" ]]; then
    ! (exec 9<>"/dev/tcp/$address/40121") 2>/dev/null
  fi
  relay_run stop
}
