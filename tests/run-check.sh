#!/usr/bin/env bash
# The body of `make -f Makefile.mingw check` (after the build): runs the unit tests,
# the XP import audit, the fuzzers (15 s each, two at a time), the audit's own test, the
# Wine tests, the .reg reader against regedit (the edge cases and 60 generated files) and
# the window's tests (Xvfb), each printing TAP,
# and ends with one line "N passed, N failed".
set -u
here=$(cd "$(dirname "$0")" && pwd)
cd "$here/.."
log=$(mktemp)
trap 'rm -f "$log"' EXIT
passed=0
failed=0

# run_suite NAME COMMAND...: runs a TAP-printing suite and counts its results. A suite
# that fails without reporting a failing test (a crash, a set-up error) counts as one.
run_suite() {
  local name=$1; shift
  echo "# --- $name"
  "$@" 2>&1 | tee "$log"
  local status=${PIPESTATUS[0]}
  local ok not_ok
  ok=$(grep -c '^ok ' "$log")
  not_ok=$(grep -c '^not ok ' "$log")
  if ((status != 0 && not_ok == 0)); then
    echo "not ok - $name exited with status $status"
    not_ok=1
  fi
  passed=$((passed + ok))
  failed=$((failed + not_ok))
}

audit() {
  local arch program
  for arch in i686 x86_64; do
    for program in tlsswitch tlsswitch-relay; do
      if tests/audit/xp-audit.sh "$arch" "build/$arch/$program.exe"; then
        echo "ok - XP import audit of build/$arch/$program.exe"
      else
        echo "not ok - XP import audit of build/$arch/$program.exe"
      fi
    done
  done
}

# A bounded libFuzzer run of every parser of outside bytes: any crash, leak or sanitizer
# report fails that target's test.
fuzz() {
  local line
  make -s -f Makefile.mingw fuzz FUZZ_SECONDS="${FUZZ_SECONDS:-15}" 2>&1 | while IFS= read -r line; do
    case "$line" in
    *": "*" inputs, no finding") echo "ok - fuzzing ${line%%:*}: ${line#*: }" ;;
    *": FOUND A PROBLEM"*) echo "not ok - fuzzing $line" ;;
    *) echo "# $line" ;;
    esac
  done
  return "${PIPESTATUS[0]}"
}

for test in build/native/test_*; do
  run_suite "unit: ${test##*/}" env CMOCKA_MESSAGE_OUTPUT=TAP "$test"
done
run_suite "xp-audit" audit
run_suite "fuzz" fuzz
run_suite "xp-audit self-test" bats --tap tests/audit
run_suite "wine" tests/run-wine-tests.sh
run_suite "the .reg reader against regedit: edge cases" tests/conformance/conformance.sh edge
run_suite "the .reg reader against regedit: generated files" tests/conformance/conformance.sh random 60 2026
run_suite "window" tests/run-gui-tests.sh

echo "$passed passed, $failed failed"
((failed == 0 && passed > 0))
