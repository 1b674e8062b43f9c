#!/usr/bin/env bash
# `make -f Makefile.mingw demo`: what TLS Switch does, on a Linux machine. Creates an
# XP-like Wine prefix (Windows XP with the POSReady updates, before any fix) and a local
# mail server that accepts only TLS 1.2 (dovecot on 127.0.0.1), then runs in the prefix:
# status -> test (fails, with the diagnosis) -> backup -> apply recommended -> status ->
# test (OK) -> undo, and then, when there is a display, opens the window.
set -eu
source "$(dirname "$0")/scenario.bash"
scenario_start 36000

run() { # run ARGS...: shows the command, runs it, shows its exit code
  echo
  echo "== tlsswitch $*"
  set +e
  wine "$exe" "$@" 2>&1 | grep -v '^GnuTLS error'
  local code=${PIPESTATUS[0]}
  set -e
  # Linux keeps 8 bits of an exit code: 3010 arrives as 194.
  if [ "$code" -eq 194 ]; then echo "(exit code 3010: changes written)"; else echo "(exit code $code)"; fi
}
run /status /lang en
run /status /csv
echo
echo "== tlsswitch /status (Japanese Windows)"
LC_ALL=ja_JP.UTF-8 wine "$exe" /status 2>/dev/null | iconv -f CP932 -t UTF-8
run /test pop3s://localhost:36995 /lang en
run /backup 'C:\before.reg' /lang en
run /apply recommended /whatif /lang en
run /apply recommended /lang en
run /apply recommended /lang en
run /status /lang en
run /test pop3s://localhost:36995 /lang en
echo
echo "== dovecot's own log of that connection"
grep -a 'Disconnected' "$work/dovecot/dovecot.log" | tail -1
run /undo /lang en
run /status /csv

echo
if [ -n "$scenario_display" ]; then
  echo "== The window, as a double-click opens it (close it to end the demo)"
  wineserver -k
  DISPLAY=$scenario_display wine "$exe" /lang en 2>/dev/null
else
  echo "== No display (DISPLAY is not set), so the window is left out: see docs/screenshots/."
fi
