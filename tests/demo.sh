#!/usr/bin/env bash
# `make -f Makefile.mingw demo`: what TLS Switch does, on a Linux machine. Creates an
# XP-like Wine prefix (Windows XP with the POSReady updates, before any fix) and a local
# mail server that accepts only TLS 1.2 (dovecot on 127.0.0.1), then runs in the prefix:
# status -> test (fails, with the diagnosis) -> backup -> apply recommended -> status ->
# test (OK) -> undo.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
work=$(mktemp -d /tmp/tlsswitch-demo.XXXXXX)
chmod 755 "$work"
prefix=$work/prefix
cleanup() {
  "$here/servers/dovecot.sh" stop "$work/dovecot" >/dev/null 2>&1 || true
  WINEPREFIX=$prefix wineserver -k >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
echo "== Creating an XP-like Wine prefix in $prefix"
"$here/wine/xp-prefix.sh" "$prefix"
export WINEPREFIX=$prefix WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
unset DISPLAY GNUTLS_SYSTEM_PRIORITY_FILE
exe=$root/build/x86_64/tlsswitch.exe

echo "== Starting a mail server that accepts only TLS 1.2 (dovecot, pop3s on 127.0.0.1:36995)"
"$here/servers/certs.sh" "$work/certs"
wine "$root/build/tests/trust_root.exe" "$(winepath -w "$work/certs/ca.pem" 2>/dev/null)" >/dev/null
DOVECOT_BASE_PORT=36000 DOVECOT_CERT="$work/certs/valid.pem" DOVECOT_KEY="$work/certs/valid.key" \
  "$here/servers/dovecot.sh" start "$work/dovecot" >/dev/null

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
