#!/usr/bin/env bats
# The command line: help, version, and clear errors with exit code 1 for wrong input.

load helper

@test "/? prints help and exits 0" {
  run --separate-stderr tlsswitch /? /lang en
  [ "$status" -eq 0 ]
  [[ "$output" == *"Usage:"* ]]
  [[ "$output" == *"tlsswitch /status [/csv]"* ]]
  [[ "$output" == *"Open the window (as a double-click does)."* ]]
}

@test "/version prints the version from res/version.h" {
  major=$(awk '/define TLSSWITCH_VERSION_MAJOR/ {print $3}' "$BATS_TEST_DIRNAME/../../res/version.h")
  minor=$(awk '/define TLSSWITCH_VERSION_MINOR/ {print $3}' "$BATS_TEST_DIRNAME/../../res/version.h")
  patch=$(awk '/define TLSSWITCH_VERSION_PATCH/ {print $3}' "$BATS_TEST_DIRNAME/../../res/version.h")
  run --separate-stderr tlsswitch -VERSION
  [ "$status" -eq 0 ]
  [ "$(tr -d '\r' <<<"$output")" = "TLS Switch $major.$minor.$patch" ]
}

@test "an unknown switch is named, with the help hint, and exits 1" {
  run --separate-stderr tlsswitch /frobnicate /lang en
  [ "$status" -eq 1 ]
  [ -z "$output" ]
  [[ "$stderr" == *"Error: unknown switch /frobnicate."* ]]
  [[ "$stderr" == *"Type tlsswitch /? for help."* ]]
}

@test "the error is in Japanese for a Japanese user" {
  run bash -c 'LC_ALL=ja_JP.UTF-8 wine "$TLSSWITCH_EXE" /frobnicate 2>&1 >/dev/null | iconv -f CP932 -t UTF-8'
  [[ "$output" == *"エラー: /frobnicate というスイッチはありません。"* ]]
}

@test "wrong values and combinations exit 1" {
  run --separate-stderr tlsswitch /status /lang fr
  [ "$status" -eq 1 ]
  [[ "$stderr" == *"unknown language \"fr\""* ]]
  run --separate-stderr tlsswitch /status /lang
  [ "$status" -eq 1 ]
  [[ "$stderr" == *"the switch /lang needs a value"* ]]
  run --separate-stderr tlsswitch /csv /lang en
  [ "$status" -eq 1 ]
  [[ "$stderr" == *"/csv can only be used with /status"* ]]
  run --separate-stderr tlsswitch status /lang en
  [ "$status" -eq 1 ]
  [[ "$stderr" == *"unexpected argument \"status\""* ]]
}

# The codes of README's exit-code table, one a line.
readme_exit_codes() {
  awk '/^### Exit codes/ { table = 1 } /^In a batch file/ { table = 0 } table && /^\| [0-9]+ \|/ { print $2 }' "$ROOT/README.md"
}

# True when every code of README's table follows START in TEXT as a number of its own.
lists_every_code() { # lists_every_code START TEXT
  local section code missing=""
  section=$(tr -d '\r' <<<"$2" | sed -n "/^$1/,\$p" | tr '\n' ' ')
  for code in $(readme_exit_codes); do
    [[ "$section" =~ (^|[[:space:]:;、])$code[[:space:]][^0-9] ]] || missing+=" $code"
  done
  [ -z "$missing" ] || { echo "missing:$missing in: $section" >&2; return 1; }
}

@test "/? lists every exit code of README's table, in English and in Japanese" {
  [ "$(readme_exit_codes | wc -l)" -ge 9 ]
  readme_exit_codes | grep -qx 7
  run --separate-stderr tlsswitch /? /lang en
  [ "$status" -eq 0 ]
  lists_every_code "Exit codes:" "$output"
  [[ "$output" == *"7 a write failed"*"half changed"* ]]
  run bash -c 'LC_ALL=ja_JP.UTF-8 wine "$TLSSWITCH_EXE" /? 2>/dev/null 3>&- </dev/null | iconv -f CP932 -t UTF-8'
  lists_every_code "終了コード:" "$output"
}
