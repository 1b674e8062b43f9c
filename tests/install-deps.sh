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
# The window's tests: a virtual display, XP's dialog font (Wine's Tahoma) and a Japanese font.
check xvfb have_command Xvfb
check fonts-wine test -f /usr/share/wine/fonts/tahoma.ttf
check fonts-ipafont-gothic test -f /usr/share/fonts/opentype/ipafont-gothic/ipag.ttf
# make dist and its tests: the installer compiler, zip, and 7z to look inside both.
check nsis have_command makensis
check zip have_command zip
check p7zip-full have_command 7z
if [[ "${1:-}" == --screenshots ]]; then
  check imagemagick test -x /usr/bin/convert
fi
check libclang-rt-dev compgen -G '/usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a'

# BearSSL's source (the relay's TLS) comes with `apt-get source`, which needs dpkg-source.
check dpkg-dev have_command dpkg-source

export DEBIAN_FRONTEND=noninteractive
if ((${#need[@]})); then
  mapfile -t need < <(printf '%s\n' "${need[@]}" | sort -u)
  if [[ $(id -u) -ne 0 ]] || ! have_command apt-get; then
    echo "Missing tools. Install them with: apt-get install ${need[*]}" >&2
    exit 1
  fi
  echo "Installing: ${need[*]}"
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# BearSSL, compiled into the relay: Debian 12's source package, unpacked into
# build/deps/bearssl-VERSION with the stable name build/deps/bearssl (the makefile's
# BEARSSL_SRC). Fetched only when missing; nothing of it goes into the repository.
BEARSSL_PACKAGE_VERSION=0.6+dfsg.1-3
root=$(cd "$(dirname "$0")/.." && pwd)
deps=$root/build/deps
bearssl_dir=bearssl-${BEARSSL_PACKAGE_VERSION%-*}
if [[ ! -f $deps/bearssl/inc/bearssl.h ]]; then
  # apt-get source needs a deb-src entry for bookworm main. Debian 12 has none by default:
  # add one in a file of its own (the system's debian.sources stays as it is), and read
  # only that file's index, so the other lists are not touched.
  sources=/etc/apt/sources.list.d/tlsswitch-src.sources
  if ! apt-cache showsrc "bearssl=$BEARSSL_PACKAGE_VERSION" 2>/dev/null | grep -q '^Package: bearssl'; then
    if [[ $(id -u) -ne 0 ]]; then
      echo "BearSSL's source is missing and apt knows no deb-src entry for it. As root, run" \
        "tests/install-deps.sh, or put BearSSL $BEARSSL_PACKAGE_VERSION's source in $deps/bearssl." >&2
      exit 1
    fi
    [[ -f $sources ]] || cat >"$sources" <<'SOURCES'
# Added by TLS Switch's tests/install-deps.sh: Debian's source packages, for
# `apt-get source bearssl` (the relay's TLS library).
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SOURCES
    apt-get update -qq -o Dir::Etc::sourcelist="$sources" -o Dir::Etc::sourceparts=- \
      -o APT::Get::List-Cleanup=0
  fi
  mkdir -p "$deps"
  rm -rf "${deps:?}/$bearssl_dir" "$deps/fetch"
  mkdir "$deps/fetch"
  # Download as root warns that apt's sandbox user cannot be used; that is expected here.
  (cd "$deps/fetch" && apt-get source -qq "bearssl=$BEARSSL_PACKAGE_VERSION" 2>&1 | grep -v 'unsandboxed' >&2 || true)
  if [[ ! -f $deps/fetch/$bearssl_dir/inc/bearssl.h ]]; then
    echo "apt-get source bearssl=$BEARSSL_PACKAGE_VERSION did not give $bearssl_dir/inc/bearssl.h" >&2
    exit 1
  fi
  mv "$deps/fetch/$bearssl_dir" "$deps/$bearssl_dir"
  rm -rf "$deps/fetch"
  ln -sfn "$bearssl_dir" "$deps/bearssl"
  echo "BearSSL source: $deps/$bearssl_dir"
fi
