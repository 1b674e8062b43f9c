#!/usr/bin/env bash
# `make -f Makefile.mingw demo`: what TLS Switch does, on a Linux machine. Creates an
# XP-like Wine prefix (Windows XP with the POSReady updates, before any fix) and runs
# in it: status (English, CSV, Japanese) -> backup -> apply recommended -> status -> undo.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
prefix=$(mktemp -d /tmp/tlsswitch-demo.XXXXXX)
rmdir "$prefix"
trap 'WINEPREFIX=$prefix wineserver -k >/dev/null 2>&1; rm -rf "$prefix"' EXIT
echo "== Creating an XP-like Wine prefix in $prefix"
"$here/wine/xp-prefix.sh" "$prefix"
export WINEPREFIX=$prefix WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
unset DISPLAY GNUTLS_SYSTEM_PRIORITY_FILE
exe=$root/build/x86_64/tlsswitch.exe
echo
echo "== tlsswitch /status"
wine "$exe" /status /lang en 2>/dev/null
echo
echo "== tlsswitch /status /csv"
wine "$exe" /status /csv 2>/dev/null
echo
echo "== tlsswitch /status (Japanese Windows)"
LC_ALL=ja_JP.UTF-8 wine "$exe" /status 2>/dev/null | iconv -f CP932 -t UTF-8
run() { # run ARGS...: shows the command, runs it, shows its exit code as ERRORLEVEL would
  echo
  echo "== tlsswitch $*"
  wine "$exe" "$@" /lang en 2>&1 | grep -v '^GnuTLS error' || true
  local code=${PIPESTATUS[0]}
  # Linux keeps 8 bits of an exit code: 3010 arrives as 194.
  if [ "$code" -eq 194 ]; then echo "(exit code 3010: changes written)"; else echo "(exit code $code)"; fi
}
run /backup 'C:\before.reg'
run /apply recommended /whatif
run /apply recommended
run /apply recommended
echo
echo "== tlsswitch /status"
wine "$exe" /status /lang en 2>/dev/null
run /undo
echo
echo "== tlsswitch /status /csv"
wine "$exe" /status /csv 2>/dev/null
