# The registry fixture shared by the prefix set-up, the tests and the demo.
PROTOCOLS='HKLM\SYSTEM\CurrentControlSet\Control\SecurityProviders\SCHANNEL\Protocols'

# Puts the Protocols key back to the XP-with-KB4019276 state: SSL 2.0 disabled by
# default (as a fresh Wine prefix has it), TLS 1.1 and 1.2 disabled by default.
reset_protocols() {
  wine reg delete "$PROTOCOLS" /f >/dev/null 2>&1 </dev/null || true
  local protocol
  for protocol in "SSL 2.0" "TLS 1.1" "TLS 1.2"; do
    wine reg add "$PROTOCOLS\\$protocol\\Client" /v DisabledByDefault /t REG_DWORD /d 1 /f >/dev/null </dev/null
  done
}
