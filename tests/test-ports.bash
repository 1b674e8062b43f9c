# Sourced by the test runners. The test servers listen on fixed ports from 31000 to
# 50999, and most of those lie in the range Linux takes the local ports of outgoing
# connections from (32768-60999): a server's port could be held for a while by one of
# Wine's, dovecot's or a test's own connections, and the server would not start (seen
# once in CI). As root, reserve_test_ports keeps those ports out of the kernel's choice
# (net.ipv4.ip_local_reserved_ports; a server still binds them) and restore_test_ports
# puts the setting back as it was. Without root, nothing changes and the tests run as
# before.
TEST_PORTS=31000-50999
reserved_ports_file=/proc/sys/net/ipv4/ip_local_reserved_ports
reserved_ports_before=
reserved_ports_changed=no

reserve_test_ports() {
  [ -w "$reserved_ports_file" ] || return 0
  reserved_ports_before=$(cat "$reserved_ports_file" 2>/dev/null) || return 0
  if echo "${reserved_ports_before:+$reserved_ports_before,}$TEST_PORTS" >"$reserved_ports_file" 2>/dev/null; then
    reserved_ports_changed=yes
  fi
  return 0
}

restore_test_ports() {
  if [ "$reserved_ports_changed" = yes ]; then
    echo "$reserved_ports_before" >"$reserved_ports_file" 2>/dev/null
    reserved_ports_changed=no
  fi
  return 0
}
