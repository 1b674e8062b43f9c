#!/usr/bin/env bash
# Runs the Wine integration tests (bats, TAP output) in a fresh XP-like prefix that is
# removed afterwards. Exits with bats' status.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
. "$here/test-ports.bash"
prefix=$(mktemp -d /tmp/tlsswitch-wine.XXXXXX)
rmdir "$prefix"
cleanup() {
  restore_test_ports
  WINEPREFIX=$prefix wineserver -k >/dev/null 2>&1
  rm -rf "$prefix"
}
trap cleanup EXIT
reserve_test_ports
if ! "$here/wine/xp-prefix.sh" "$prefix"; then
  echo "not ok 1 - could not create the Wine prefix in $prefix"
  exit 1
fi
export WINEPREFIX=$prefix WINEARCH=win64 WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
export TLSSWITCH_EXE=$root/build/x86_64/tlsswitch.exe
unset DISPLAY GNUTLS_SYSTEM_PRIORITY_FILE
# Keep one wineserver for the whole run: every test starts several Wine processes.
# Start Wine's own services now, outside bats: a background process that inherits
# bats' file descriptor 3 makes bats wait for it forever.
wineserver -p
wine cmd /c exit >/dev/null 2>&1 </dev/null
# Arguments name .bats files to run instead of all of tests/wine (to debug one file).
if (($#)); then
  bats --tap "$@"
else
  bats --tap "$here/wine"
fi
