#!/usr/bin/env bash
# `make -f Makefile.mingw bench`: speed and size, measured, never asserted in a test.
#  - /test against a local TLS 1.2 mail server (dovecot pop3s), compared in the same run
#    with a minimal Schannel client doing one default-protocols handshake and reading
#    the greeting (tests/wine/default_client.c): aim 2.0x; and with the same client checking
#    the certificate chain as /test and mail programs do (under Wine the first chain check
#    of a process loads the system's roots, which costs more than the handshake): aim 1.2x;
#  - the same /test (the default handshake and the probes in parallel) compared with a
#    single handshake with the same work (tlsswitch /handshake ... /protocol default): aim 1.5x;
#  - /test TARGET /as xp (a simulated handshake: no Schannel, no child process, no
#    certificate chain) against the minimal Schannel client's one handshake: aim 1.0x;
#  - /status against `reg query /s` of the same Protocols key: aim 1.2x;
#  - the sizes of both executables (aim for build/i686 with the relay: 256 KiB);
#  - where one /test's time goes, from the program's own clock (TLSSWITCH_BENCH_TIMING=1:
#    name lookups, Schannel's start, the default handshake and its mail command, the
#    probes, each simulation, the trusted roots and the chain check, the first output,
#    the exit), of the run with the median time among RUNS more.
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
if ! wine "$root/build/tests/default_client.exe" localhost 37995 2>&1 | grep -q '^protocol 0x800'; then
  echo "bench: the minimal Schannel client did not make a TLS 1.2 handshake; nothing measured" >&2
  exit 1
fi
test_ms=$(median_ms wine "$exe" /test "$target")
minimal_ms=$(median_ms wine "$root/build/tests/default_client.exe" localhost 37995)
verify_ms=$(median_ms wine "$root/build/tests/default_client.exe" localhost 37995 verify)
single_ms=$(median_ms wine "$exe" /handshake "$target" /protocol default)
as_xp_ms=$(median_ms wine "$exe" /test "$target" /as xp)
status_ms=$(median_ms wine "$exe" /status)
reg_query_ms=$(median_ms wine reg query \
  'HKLM\SYSTEM\CurrentControlSet\Control\SecurityProviders\SCHANNEL\Protocols' /s)

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }
# verdict RATIO AIM: "met" or "not met".
verdict() { awk -v r="$1" -v a="$2" 'BEGIN { print (r != "n/a" && r + 0 <= a + 0) ? "met" : "not met" }'; }
compare() { # compare LABEL MS BASE_MS AIM
  local r
  r=$(ratio "$2" "$3")
  echo "  $1: ${r}x (aim ${4}x, $(verdict "$r" "$4"))"
}
size() { stat -c %s "$1"; }
i686_size=$(size "$root/build/i686/tlsswitch.exe")
echo "TLS Switch benchmark, $(date -u +%Y-%m-%d), $(nproc) cores, $(wine --version), $runs runs each, medians"
printf '  %-58s %6s ms\n' "/test $target" "$test_ms"
printf '  %-58s %6s ms\n' "minimal Schannel client, default protocols" "$minimal_ms"
printf '  %-58s %6s ms\n' "the same, checking the certificate chain as mail programs do" "$verify_ms"
printf '  %-58s %6s ms\n' "one handshake process (tlsswitch /handshake, default)" "$single_ms"
printf '  %-58s %6s ms\n' "/test $target /as xp" "$as_xp_ms"
printf '  %-58s %6s ms\n' "/status" "$status_ms"
printf '  %-58s %6s ms\n' "reg query /s of the Protocols key" "$reg_query_ms"
compare "/test vs the minimal Schannel client" "$test_ms" "$minimal_ms" 2.0
compare "/test vs the minimal client that checks the certificate" "$test_ms" "$verify_ms" 1.2
compare "all probes in parallel vs one handshake" "$test_ms" "$single_ms" 1.5
compare "/test /as xp vs the minimal Schannel client" "$as_xp_ms" "$minimal_ms" 1.0
compare "/status vs reg query /s" "$status_ms" "$reg_query_ms" 1.2
echo "  build/i686/tlsswitch.exe:   $i686_size bytes (aim 262144 with the relay, both languages, the window and the icon," \
  "$( ((i686_size <= 262144)) && echo met || echo not met))"
echo "  build/x86_64/tlsswitch.exe: $(size "$root/build/x86_64/tlsswitch.exe") bytes"

# The step times of one /test: RUNS runs with TLSSWITCH_BENCH_TIMING=1, the one whose wall
# time is the median shown. Each line of the program's: "timing BEGIN END NAME", in ms from
# its entry point.
timed=$(mktemp -d /tmp/tlsswitch-bench-timing.XXXXXX)
for ((i = 0; i < runs; i++)); do
  start=$(date +%s%N)
  TLSSWITCH_BENCH_TIMING=1 wine "$exe" /test "$target" >/dev/null 2>"$timed/$i" || true
  end=$(date +%s%N)
  echo "$(((end - start) / 1000000)) $i" >>"$timed/walls"
done
median_run=$(sort -n "$timed/walls" | sed -n "$(((runs + 1) / 2))p")
echo "Where one /test's time goes (the run of median time, ${median_run%% *} ms outside; ms from the program's entry point):"
grep '^timing ' "$timed/${median_run#* }" | awk '
  function span(name, b, e) { printf "  %-50s %7.1f %7s %7s\n", name, b, e, (e == "-" ? "-" : sprintf("%.1f", e - b)) }
  $2 == "process-created-before-entry" { printf "  %-50s %7s %7s %7.1f\n", "Wine: process created before the entry point", "", "", $3; next }
  $4 == "lookup" { n++; if (n == 1 || $2 < lb) lb = $2; if ($3 != "-" && $3 > le) le = $3;
                   if ($3 != "-" && $3 - $2 > ll) ll = $3 - $2; next }
  { name = $4; for (i = 5; i <= NF; i++) name = name " " $i; rows[++r] = name; b[r] = $2; e[r] = $3 }
  END {
    printf "  %-50s %7s %7s %7s\n", "step", "begin", "end", "took"
    for (i = 1; i <= r; i++) if (rows[i] != "exit" && rows[i] != "first-output") span(rows[i], b[i], e[i])
    if (n) printf "  %-50s %7.1f %7.1f %7.1f (longest)\n", "name lookup (shared; " n " connections waited)", lb, le, ll
    for (i = 1; i <= r; i++) if (rows[i] == "first-output" || rows[i] == "exit") span("start to " rows[i], 0, e[i])
  }'
rm -rf "$timed"
for setup in "$root"/build/dist/tlsswitch-*-setup.exe; do
  if [ -f "$setup" ]; then echo "  ${setup#"$root"/}: $(size "$setup") bytes (make dist)"; fi
done
