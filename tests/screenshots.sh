#!/usr/bin/env bash
# Takes the screenshots in docs/screenshots/ (English and Japanese): the main window
# before the fix, the confirmation, the main window after it, a mail server test against
# a local TLS 1.2-only dovecot that kept RSA key exchange (so XP can use it), the
# advanced settings, and the relay: "Use TLS Switch as a relay" for a provider with
# Debian's default ciphers (tests/servers/mailhost.sh: ECDHE only, which XP cannot use)
# and the first screen with the relay running; "Test my mail" with the accounts of
# tests/wine/accounts_fixture.bash (Outlook Express and Thunderbird) on local servers
# (ports 41231-41295, as tests/gui/accounts.bats). Runs inside
# tests/run-gui-tests.sh (Xvfb, an XP-like prefix); `make -f Makefile.mingw screenshots`.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
out=$root/docs/screenshots
work=$(mktemp -d /tmp/tlsswitch-shots.XXXXXX)
source "$here/wine/fixture.bash"
wine_path() { winepath -w "$1" 2>/dev/null </dev/null; }
BATS_FILE_TMPDIR=$work   # where the account fixture writes its .reg file
source "$here/wine/accounts_fixture.bash"
driver() { wine "$root/build/tests/gui_driver.exe" "$@" </dev/null; }
mailhost=$(mktemp -d /tmp/tlsswitch-shots-mailhost.XXXXXX)
server_pids=()
cleanup() {
  ((${#server_pids[@]})) && kill "${server_pids[@]}" 2>/dev/null
  remove_mail_stores
  wine "$TLSSWITCH_EXE" /relay stop >/dev/null 2>&1 </dev/null || true
  "$here/servers/dovecot.sh" stop "$work/dovecot" >/dev/null 2>&1 || true
  "$here/servers/mailhost.sh" stop "$mailhost" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

# Wine draws the window frames itself on a virtual desktop; without a window manager
# on Xvfb there would be none.
wine reg add 'HKCU\Software\Wine\Explorer' /v Desktop /d Default /f >/dev/null 2>&1 </dev/null
wine reg add 'HKCU\Software\Wine\Explorer\Desktops' /v Default /d 800x600 /f >/dev/null 2>&1 </dev/null
"$here/servers/certs.sh" "$work/certs" >/dev/null
wine "$root/build/tests/trust_root.exe" "$(winepath -w "$work/certs/ca.pem")" >/dev/null 2>&1 </dev/null
source "$here/servers/providers.bash"
DOVECOT_BASE_PORT=37000 DOVECOT_CERT="$work/certs/valid.pem" DOVECOT_KEY="$work/certs/valid.key" \
  DOVECOT_CIPHERS=$PROVIDER_KEEPS_RSA_KX "$here/servers/dovecot.sh" start "$work/dovecot" >/dev/null
chmod 755 "$mailhost"
MAILHOST_BASE_PORT=41000 "$here/servers/mailhost.sh" start "$mailhost" "$work/certs/valid.pem" \
  "$work/certs/valid.key" >"$work/mailhost.env"
eval "$(cat "$work/mailhost.env")"
relay_ini="$(winepath -u "$(wine cmd /c 'echo %APPDATA%' 2>/dev/null </dev/null | tr -d '\r')" 2>/dev/null)/TLS Switch/relay.ini"
rm -f "$relay_ini"
# The providers of the mail accounts: as tests/gui/accounts.bats has them.
provider() { # provider PORT OPENSSL-ARGS...
  local port=$1; shift
  openssl s_server -accept "$port" -cert "$work/certs/valid.pem" -key "$work/certs/valid.key" -www "$@" \
    </dev/null >/dev/null 2>&1 &
  server_pids+=($!)
  for _ in $(seq 50); do (exec 9<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && return 0; sleep 0.1; done
  return 1
}
provider 41231 -tls1 -cipher AES128-SHA@SECLEVEL=0
provider 41233 -tls1_2 -cipher "$PROVIDER_RSA_KX_ONLY"
provider 41235 -tls1_2 -cipher "$PROVIDER_ECDHE_AEAD"
provider 41295 -tls1 -cipher AES128-SHA@SECLEVEL=0
write_outlook_express 41231 41210 41235
write_thunderbird 41233 41231
mkdir -p "$out"

shot() { # shot ROLE NAME
  driver shot "$1" "$work/shot.bmp"
  # No time stamps in the files: the same window gives the same bytes.
  convert "$work/shot.bmp" -strip -define png:exclude-chunks=date,time "$out/$NAME_PREFIX-$2.png"
  echo "docs/screenshots/$NAME_PREFIX-$2.png"
}

for language in en ja; do
  NAME_PREFIX=$language
  if [[ $language == ja ]]; then locale=ja_JP.UTF-8; else locale=C.UTF-8; fi
  reset_protocols
  LC_ALL=$locale TLSSWITCH_TEST_PORT_BASE=41200 wine "$TLSSWITCH_EXE" </dev/null >/dev/null 2>&1 &
  window=$!
  driver wait main
  shot main 1-before
  # Test my mail, before the fix: the result of every account (the words are ASCII).
  driver click main 1009
  driver wait-text accounts 1112 "FAILED"
  shot accounts 8-accounts
  driver click accounts 2
  driver gone accounts
  driver click main 1004
  driver box >/dev/null
  shot box 2-confirm
  driver click box 1
  driver box >/dev/null
  driver click box 6
  driver wait test
  driver set test 1102 localhost
  driver select test 1104 2
  driver wait-text test 1106 995
  driver set test 1106 37995
  driver click test 1107
  driver wait-text test 1110 "TLS 1.2"
  shot test 4-test
  driver click test 2
  driver gone test
  driver wait main
  shot main 3-after
  driver click main 1006
  driver wait advanced
  shot advanced 5-advanced
  driver click advanced 2
  driver gone advanced
  driver click main 1005
  driver wait test
  driver set test 1102 localhost
  driver select test 1104 2
  driver wait-text test 1106 995
  driver set test 1106 "$POP3S_PORT"
  driver click test 1107
  # The words the driver waits for are ASCII, the same in both languages: the suite the
  # verdict names, then the provider's greeting that the relay's test got (in the
  # details, which the window writes after the result).
  driver wait-text test 1110 "TLS_ECDHE_"
  driver click test 1123
  driver wait-text test 1112 ": +OK"
  shot test 6-relay
  driver click test 2
  driver gone test
  driver wait-text main 1007 "127.0.0.1"
  shot main 7-relay-running
  driver click main 1008   # Stop relaying; the clicks are handled in turn
  driver click main 2
  wait "$window"
  rm -f "$relay_ini"
done
