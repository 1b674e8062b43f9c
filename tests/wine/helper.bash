# Shared set-up for the Wine tests. run-wine-tests.sh exports WINEPREFIX (a fresh
# XP-like prefix) and TLSSWITCH_EXE (the x86_64 build).
bats_require_minimum_version 1.5.0
source "$BATS_TEST_DIRNAME/fixture.bash"

: "${TLSSWITCH_EXE:?run these tests through tests/run-wine-tests.sh}"

# Runs tlsswitch.exe under Wine with English messages unless the test says otherwise.
# File descriptor 3 is bats' own: no Wine process may keep it open.
tlsswitch() {
  wine "$TLSSWITCH_EXE" "$@" 3>&-
}

client_key() { echo "$PROTOCOLS\\$1\\Client"; }

set_dword() { # set_dword PROTOCOL NAME VALUE
  wine reg add "$(client_key "$1")" /v "$2" /t REG_DWORD /d "$3" /f >/dev/null 3>&-
}

# The line of $output that starts with $1.
line_of() {
  grep -m1 -- "^$1" <<<"$output" | tr -d '\r'
}

# True when the line starting with $1 has the given columns (two or more spaces apart).
row_is() {
  local start=$1; shift
  local expected actual
  expected=$(printf '%s|' "$start" "$@")
  actual=$(line_of "$start" | sed -E 's/ {2,}/|/g')'|'
  if [[ "$actual" != "$expected" ]]; then
    echo "row '$start': expected '$expected', got '$actual'" >&2
    return 1
  fi
}
