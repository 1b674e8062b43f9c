#!/usr/bin/env bash
# Installs the build and test tools the test command needs, from Debian's archive.
# Runs apt-get only for what is missing, and only as root; otherwise it names the
# packages and stops, so a developer is never surprised by a system change.
set -eu
need=()
have_command() { command -v "$1" >/dev/null 2>&1; }
check() { # check PACKAGE TEST...
  local package=$1; shift
  "$@" >/dev/null 2>&1 || need+=("$package")
}
check make have_command make
check gcc have_command gcc
check mingw-w64 have_command i686-w64-mingw32-gcc
check mingw-w64 have_command x86_64-w64-mingw32-gcc
check wine have_command wine
check wine64 test -x /usr/lib/wine/wine64
check libcmocka-dev test -f /usr/include/cmocka.h
check bats have_command bats
check clang have_command clang
check openssl have_command openssl
check dovecot-pop3d test -x /usr/lib/dovecot/pop3-login
check dovecot-imapd test -x /usr/lib/dovecot/imap-login
check postfix test -x /usr/sbin/postfix
# The relay's tests: the mail program (tests/servers/mailclient.py) names Debian's Python.
check python3 test -x /usr/bin/python3
# The window's tests: a virtual display, XP's dialog font (Wine's Tahoma) and a Japanese font.
check xvfb have_command Xvfb
check fonts-wine test -f /usr/share/wine/fonts/tahoma.ttf
check fonts-ipafont-gothic test -f /usr/share/fonts/opentype/ipafont-gothic/ipag.ttf
# make dist and its tests: the installer compiler, zip, and 7z to look inside both.
check nsis have_command makensis
check zip have_command zip
check p7zip-full have_command 7z
# Options add what one make target alone needs.
for option in "$@"; do
  case "$option" in
  --screenshots) check imagemagick test -x /usr/bin/convert ;;
  # The benchmark measures the relay against Debian's stunnel4 on the same machine.
  --bench) check stunnel4 have_command stunnel4 ;;
  *)
    echo "usage: install-deps.sh [--screenshots] [--bench]" >&2
    exit 2
    ;;
  esac
done
check libclang-rt-dev compgen -G '/usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a'

if ((${#need[@]} == 0)); then
  exit 0
fi
mapfile -t need < <(printf '%s\n' "${need[@]}" | sort -u)
if [[ $(id -u) -ne 0 ]] || ! have_command apt-get; then
  echo "Missing tools. Install them with: apt-get install ${need[*]}" >&2
  exit 1
fi
echo "Installing: ${need[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
