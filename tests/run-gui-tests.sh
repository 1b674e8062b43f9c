#!/usr/bin/env bash
# Runs the window's tests (tests/gui, bats, TAP) on a virtual X display (Xvfb) in a
# fresh XP-like Wine prefix, both removed afterwards. Exits with bats' status.
#   tests/run-gui-tests.sh            the tests
#   tests/run-gui-tests.sh COMMAND... runs COMMAND in that set-up instead (the screenshots)
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
. "$here/test-ports.bash"
work=$(mktemp -d /tmp/tlsswitch-gui.XXXXXX)
prefix=$work/prefix
xvfb_pid=
cleanup() {
  restore_test_ports
  WINEPREFIX=$prefix wineserver -k >/dev/null 2>&1
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
reserve_test_ports

# Xvfb writes its display number to -displayfd once it takes connections: the read
# below waits for exactly that.
mkfifo "$work/display"
Xvfb -displayfd 5 -screen 0 1024x768x24 -nolisten tcp 5>"$work/display" >"$work/xvfb.log" 2>&1 &
xvfb_pid=$!
if ! read -r -t 30 display_number <"$work/display"; then
  cat "$work/xvfb.log"
  echo "not ok 1 - Xvfb did not start"
  exit 1
fi

if ! "$here/wine/xp-prefix.sh" "$prefix"; then
  echo "not ok 1 - could not create the Wine prefix in $prefix"
  exit 1
fi
export WINEPREFIX=$prefix WINEARCH=win64 WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
export TLSSWITCH_EXE=$root/build/x86_64/tlsswitch.exe
export DISPLAY=:$display_number
unset GNUTLS_SYSTEM_PRIORITY_FILE
# Tahoma, XP's dialog font, and Marlett, its caption buttons, from Debian's fonts-wine:
# Debian's Wine 8 does not look in /usr/share/wine/fonts, but it does load the prefix's
# own Fonts folder.
cp /usr/share/wine/fonts/tahoma*.ttf /usr/share/wine/fonts/marlett.ttf "$prefix/drive_c/windows/Fonts/"
wineserver -p
# Japanese XP's dialog and fixed fonts, served by the IPA font (see docs/platform.md).
for font in "MS UI Gothic" "MS Gothic"; do
  wine reg add 'HKCU\Software\Wine\Fonts\Replacements' /v "$font" /d IPAGothic /f >/dev/null 2>&1 </dev/null
done
wine cmd /c exit >/dev/null 2>&1 </dev/null
if (($# > 0)); then
  "$@"
else
  bats --tap "$here/gui"
fi
