#!/usr/bin/env bash
# Creates a Wine prefix that looks to TLS Switch like Windows XP with the POSReady 2009
# updates, before any fix: Windows reports itself as XP SP3 (5.1; Wine accepts it in a
# 64-bit prefix, where the tests run the x86_64 build), the POSReady flag is set, and
# TLS 1.1 and 1.2 are disabled by default, as KB4019276 leaves them. The POSReady updates
# exist for XP 32-bit only: XP x64 never got TLS 1.2.
# Usage: xp-prefix.sh DIR      (DIR must not exist yet)
set -eu
prefix=${1:?usage: xp-prefix.sh DIR}
export WINEPREFIX=$prefix WINEARCH=win64 WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
unset DISPLAY GNUTLS_SYSTEM_PRIORITY_FILE
wineboot -i >/dev/null 2>&1
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=fixture.bash
source "$here/fixture.bash"
wine reg add 'HKCU\Software\Wine' /v Version /d winxp /f >/dev/null
wine reg add 'HKLM\SYSTEM\WPA\POSReady' /v Installed /t REG_DWORD /d 1 /f >/dev/null
reset_protocols
wineserver -w
