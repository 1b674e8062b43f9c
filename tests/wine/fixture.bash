# The registry fixture shared by the prefix set-up, the tests and the demo.
PROTOCOLS='HKLM\SYSTEM\CurrentControlSet\Control\SecurityProviders\SCHANNEL\Protocols'

# Runs `wine reg ...`, and again when Wine itself did not run it through: seen rarely in
# long runs, as an exit code other than reg.exe's own (1 is a missing key or value for
# query and delete; add never fails on a valid key). What it printed goes to standard
# error, so a failing test shows it.
wine_reg() {
  local said status attempt worst=1
  [[ $1 == add ]] && worst=0
  for attempt in 1 2 3; do
    status=0
    said=$(wine reg "$@" 2>&1 </dev/null) || status=$?
    if ((status <= worst)); then
      printf '%s' "$said"
      return "$status"
    fi
    echo "wine reg $1 ended with exit code $status (attempt $attempt): $said" >&2
    sleep 0.5
  done
  return "$status"
}

# Puts the Protocols key back to the XP-with-KB4019276 state: SSL 2.0 disabled by
# default (as a fresh Wine prefix has it), TLS 1.1 and 1.2 disabled by default.
reset_protocols() {
  wine_reg delete "$PROTOCOLS" /f >/dev/null 2>&1 || true
  local protocol
  for protocol in "SSL 2.0" "TLS 1.1" "TLS 1.2"; do
    wine_reg add "$PROTOCOLS\\$protocol\\Client" /v DisabledByDefault /t REG_DWORD /d 1 /f >/dev/null
  done
}
