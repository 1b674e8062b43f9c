#!/usr/bin/env bash
# `make -f Makefile.mingw bench`: speed and size, measured, never asserted in a test.
#  - /test against a local TLS 1.2 mail server (dovecot pop3s), compared in the same run
#    with a minimal Schannel client doing one default-protocols handshake and reading
#    the greeting (tests/wine/default_client.c): aim 1.2x;
#  - the same /test (four handshakes in parallel processes) compared with a single
#    handshake with the same work (tlsswitch /handshake ... /protocol default): aim 1.5x;
#  - /test TARGET /as xp (a simulated handshake: no Schannel, no child process, no
#    certificate chain) against the minimal Schannel client's one handshake: aim 1.0x;
#  - the sizes of both executables (aim for build/i686: 100 KiB).
# Times are medians of RUNS runs (default 9) under Wine on this machine.
set -eu
source "$(dirname "$0")/scenario.bash"
runs=${RUNS:-9}
scenario_start 37000 >/dev/null
root=$scenario_root
wine "$exe" /apply recommended /nobackup >/dev/null 2>&1 || true

# median_ms COMMAND...: the median wall time of RUNS runs, in milliseconds.
median_ms() {
  local i start end times=()
  "$@" >/dev/null 2>&1 || true   # one warm-up run
  for ((i = 0; i < runs; i++)); do
    start=$(date +%s%N)
    "$@" >/dev/null 2>&1 || true
    end=$(date +%s%N)
    times+=($(((end - start) / 1000000)))
  done
  printf '%s\n' "${times[@]}" | sort -n | sed -n "$(((runs + 1) / 2))p"
}

target=pop3s://localhost:37995
if ! wine "$exe" /test "$target" /lang en 2>/dev/null | tail -1 | grep -q '^OK: TLS 1.2'; then
  echo "bench: /test against the local server did not pass; nothing measured" >&2
  exit 1
fi
test_ms=$(median_ms wine "$exe" /test "$target")
minimal_ms=$(median_ms wine "$root/build/tests/default_client.exe" localhost 37995)
single_ms=$(median_ms wine "$exe" /handshake "$target" /protocol default)
as_xp_ms=$(median_ms wine "$exe" /test "$target" /as xp)

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }
size() { stat -c %s "$1"; }
echo "TLS Switch benchmark ($runs runs each, medians, Wine on $(uname -m))"
printf '  %-58s %6s ms\n' "/test $target" "$test_ms"
printf '  %-58s %6s ms\n' "minimal Schannel client, default protocols" "$minimal_ms"
printf '  %-58s %6s ms\n' "one handshake process (tlsswitch /handshake, default)" "$single_ms"
printf '  %-58s %6s ms\n' "/test $target /as xp" "$as_xp_ms"
echo "  /test vs minimal handshake program: $(ratio "$test_ms" "$minimal_ms")x (aim 1.2x)"
echo "  all probes in parallel vs one handshake: $(ratio "$test_ms" "$single_ms")x (aim 1.5x)"
echo "  /test /as xp vs minimal handshake program: $(ratio "$as_xp_ms" "$minimal_ms")x (aim 1.0x)"
echo "  build/i686/tlsswitch.exe:   $(size "$root/build/i686/tlsswitch.exe") bytes (aim 102400, with both languages, the window and the icon)"
echo "  build/x86_64/tlsswitch.exe: $(size "$root/build/x86_64/tlsswitch.exe") bytes"
for setup in "$root"/build/dist/tlsswitch-*-setup.exe; do
  if [ -f "$setup" ]; then echo "  ${setup#"$root"/}: $(size "$setup") bytes (make dist)"; fi
done
