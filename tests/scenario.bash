# The scenario the demo and the benchmark share: an XP-like Wine prefix that trusts a
# test CA, and a local mail server (dovecot) that accepts only TLS 1.2, with a
# certificate from that CA, and that kept RSA key exchange for older clients, so XP can
# use it once TLS 1.2 is its default. Source it, then call scenario_start BASE_PORT; dovecot's pop3s
# port is then BASE_PORT+995. Sets work, prefix, exe, WINEPREFIX; cleans up on exit.
scenario_here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
scenario_root=$(cd "$scenario_here/.." && pwd)

scenario_stop() {
  "$scenario_here/servers/dovecot.sh" stop "$work/dovecot" >/dev/null 2>&1 || true
  WINEPREFIX=$prefix wineserver -k >/dev/null 2>&1 || true
  rm -rf "$work"
}

scenario_start() { # scenario_start BASE_PORT
  work=$(mktemp -d /tmp/tlsswitch-scenario.XXXXXX)
  chmod 755 "$work"
  prefix=$work/prefix
  exe=$scenario_root/build/x86_64/tlsswitch.exe
  trap scenario_stop EXIT
  echo "== Creating an XP-like Wine prefix in $prefix"
  "$scenario_here/wine/xp-prefix.sh" "$prefix"
  export WINEPREFIX=$prefix WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
  scenario_display=${DISPLAY:-}   # the demo opens the window there at the end
  unset DISPLAY GNUTLS_SYSTEM_PRIORITY_FILE
  wineserver -p
  echo "== Starting a mail server that accepts only TLS 1.2 (dovecot, pop3s on 127.0.0.1:$(($1 + 995)))"
  "$scenario_here/servers/certs.sh" "$work/certs"
  wine "$scenario_root/build/tests/trust_root.exe" "$(winepath -w "$work/certs/ca.pem" 2>/dev/null)" >/dev/null
  source "$scenario_here/servers/providers.bash"
  DOVECOT_BASE_PORT=$1 DOVECOT_CERT="$work/certs/valid.pem" DOVECOT_KEY="$work/certs/valid.key" \
    DOVECOT_CIPHERS=$PROVIDER_KEEPS_RSA_KX "$scenario_here/servers/dovecot.sh" start "$work/dovecot" >/dev/null
}
