#!/usr/bin/env bats
# The relay's own TLS client (src/win32/relay_tls.c, on BearSSL) alone, through
# build/tests/relay_tls_client.exe in the prefix that reports Windows XP: real handshakes with
# openssl s_server on 127.0.0.1, each server named for the provider behaviour it imitates.
# A connection that works prints the version, the suite and who checked the certificate,
# then the first line of s_server's -www page read through it; a refused one prints the
# words the user reads. Each test checks those, not only the exit code.

load helper

setup_file() {
  export CERTS="$BATS_FILE_TMPDIR/certs"
  "$BATS_TEST_DIRNAME/../servers/certs.sh" "$CERTS" 3>&-
  wine "$ROOT/build/tests/trust_root.exe" "$(wine_path "$CERTS/ca.pem")" >/dev/null 3>&- </dev/null
  wine "$ROOT/build/tests/trust_root.exe" "$(wine_path "$CERTS/ecca.pem")" >/dev/null 3>&- </dev/null
  # What this Windows distrusts: a server certificate of a trusted CA, and a CA that is in
  # both the trusted roots and the Disallowed store (Windows' own check refuses both).
  wine "$ROOT/build/tests/trust_root.exe" "$(wine_path "$CERTS/ecdsa-distrusted.pem")" Disallowed >/dev/null 3>&- </dev/null
  wine "$ROOT/build/tests/trust_root.exe" "$(wine_path "$CERTS/distrustedec.pem")" >/dev/null 3>&- </dev/null
  wine "$ROOT/build/tests/trust_root.exe" "$(wine_path "$CERTS/distrustedec.pem")" Disallowed >/dev/null 3>&- </dev/null
  source "$BATS_TEST_DIRNAME/../servers/providers.bash"
  # Debian 12's dovecot ssl_cipher_list as shipped: no RSA key exchange. The certificate for
  # another name is the default; the right one only for a client that names localhost in
  # SNI, so a handshake that works proves the relay sends SNI.
  local debian_dovecot='ALL:!kRSA:!SRP:!kDHd:!DSS:!aNULL:!eNULL:!EXPORT:!DES:!3DES:!MD5:!PSK:!RC4:!ADH:!LOW@STRENGTH'
  s_server debian-dovecot-defaults 31101 wrongname -servername localhost -cert2 "$CERTS/valid.pem" \
    -key2 "$CERTS/valid.key" -tls1_2 -cipher "$debian_dovecot"
  s_server rsa-kx-only 31102 valid -tls1_2 -cipher AES128-SHA256
  s_server ecdsa-certificate 31103 ecdsa -tls1_2
  s_server ecdsa-untrusted-root 31104 ecdsa-untrusted -tls1_2
  s_server rsa-signed-by-ecdsa 31105 rsa-by-ec -cert_chain "$CERTS/ecca.pem" -tls1_2 -cipher "$PROVIDER_RSA_KX_ONLY"
  s_server wrong-name 31106 wrongname -tls1_2
  s_server expired 31107 expired -tls1_2
  s_server self-signed 31108 selfsigned -tls1_2
  s_server tls13-only 31109 valid -tls1_3
  s_server tls10-only-old-suite 31110 valid -tls1 -cipher AES128-SHA@SECLEVEL=0
  s_server any-version 31111 valid
  s_server not-for-servers 31112 clientonly -tls1_2
  s_server ecdsa-distrusted-certificate 31113 ecdsa-distrusted -tls1_2
  s_server ecdsa-distrusted-ca 31114 ecdsa-by-distrusted -tls1_2
  local port=31200 mode
  for mode in plaintext close garbage; do
    port=$((port + 1))
    start_server "$mode" "$port" "$ROOT/build/tests/hostile" "$mode" "$port"
  done
}

teardown_file() {
  stop_servers
}

# Connects with the relay's TLS client, with a time limit of its own: relay_tls PORT [HOST [LANGUAGE]].
relay_tls() {
  local port=$1 host=${2:-localhost}
  shift $(($# < 2 ? $# : 2))
  run --separate-stderr timeout 60 wine "$ROOT/build/tests/relay_tls_client.exe" "$host" "$port" "$@" 3>&- </dev/null
  echo "relay_tls_client $host $port $* -> exit $status"$'\n'"$output"   # shown only when the test fails
}

said() { # said PREFIX: the line of the output that starts with PREFIX
  grep -m1 -- "^$1" <<<"$output" | tr -d '\r'
}

@test "Debian's dovecot defaults (ECDHE only): TLS 1.2 with ECDHE, SNI sent, checked by Windows" {
  relay_tls 31101
  [ "$status" -eq 0 ]
  [ "$(said OK:)" = "OK: TLS 1.2, TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, certificate checked by Windows" ]
  [[ "$(said server:)" == "server: HTTP/1.0 200 ok ("*" bytes)" ]]
}

@test "a server with RSA key exchange only: TLS 1.2 with it" {
  relay_tls 31102
  [ "$status" -eq 0 ]
  [ "$(said OK:)" = "OK: TLS 1.2, TLS_RSA_WITH_AES_128_CBC_SHA256, certificate checked by Windows" ]
  [[ "$(said server:)" == "server: HTTP/1.0 200 ok ("* ]]
}

@test "a server with all versions: TLS 1.2, the newest the relay has" {
  relay_tls 31111
  [ "$status" -eq 0 ]
  [[ "$(said OK:)" == "OK: TLS 1.2, TLS_ECDHE_RSA_WITH_"* ]]
}

@test "a TLS 1.0-only server with an old suite: TLS 1.0, since it has nothing newer" {
  relay_tls 31110
  [ "$status" -eq 0 ]
  [ "$(said OK:)" = "OK: TLS 1.0, TLS_RSA_WITH_AES_128_CBC_SHA, certificate checked by Windows" ]
  [[ "$(said server:)" == "server: HTTP/1.0 200 ok ("* ]]
}

@test "an ECDSA certificate from the trusted EC CA: works on this XP, checked by BearSSL against Windows' roots" {
  relay_tls 31103
  [ "$status" -eq 0 ]
  [ "$(said OK:)" = "OK: TLS 1.2, TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, certificate checked by BearSSL" ]
  [[ "$(said server:)" == "server: HTTP/1.0 200 ok ("* ]]
}

@test "an RSA certificate signed by an ECDSA CA: XP cannot check the signature, BearSSL does" {
  relay_tls 31105
  [ "$status" -eq 0 ]
  [ "$(said OK:)" = "OK: TLS 1.2, TLS_RSA_WITH_AES_128_CBC_SHA256, certificate checked by BearSSL" ]
}

@test "an ECDSA certificate whose root Windows does not trust: refused by BearSSL's check, the root named" {
  relay_tls 31104
  [ "$status" -eq 1 ]
  [[ "$(said FAILED:)" == "FAILED: The relay refused localhost: this Windows does not trust its certificate, because it lacks the root certificate \"CN=TLS Switch Untrusted EC CA\". "*"root certificates update from Windows Update"* ]]
  [[ "$output" == *"This Windows cannot check ECDSA certificates itself: the relay checked the chain against the same trusted root certificates with its own TLS library (BearSSL)."* ]]
  [ "$(said phrase:)" = "phrase: server certificate not trusted, its root is missing on this PC" ]
}

@test "an ECDSA certificate this Windows distrusts (Disallowed store): refused after BearSSL's check" {
  relay_tls 31113
  [ "$status" -eq 1 ]
  [[ "$(said FAILED:)" == "FAILED: The relay refused localhost: its certificate failed the check (TRUST_E_EXPLICIT_DISTRUST"* ]]
  [[ "$output" == *"This Windows cannot check ECDSA certificates itself"* ]]
  [ "$(said phrase:)" = "phrase: server certificate check failed" ]
  # The same CA's other certificate still works: only the distrusted one is refused.
  relay_tls 31103
  [ "$status" -eq 0 ]
}

@test "an ECDSA certificate whose root is in the trusted roots and the Disallowed store: refused" {
  relay_tls 31114
  [ "$status" -eq 1 ]
  [[ "$(said FAILED:)" == "FAILED: The relay refused localhost: this Windows does not trust its certificate"*"TLS Switch Distrusted EC CA"* ]]
}

@test "an ECDSA certificate for another name: refused by BearSSL's check" {
  relay_tls 31103 127.0.0.1
  [ "$status" -eq 1 ]
  [[ "$(said FAILED:)" == "FAILED: The relay refused 127.0.0.1: its certificate is not issued for this name (it is for localhost)."* ]]
  [[ "$output" == *"This Windows cannot check ECDSA certificates itself"* ]]
}

@test "a certificate for another name: refused, both names said" {
  relay_tls 31106
  [ "$status" -eq 1 ]
  [[ "$(said FAILED:)" == "FAILED: The relay refused localhost: its certificate is not issued for this name (it is for wrong.example). Use the server name the provider gives for mail." ]]
  [ "$(said phrase:)" = "phrase: server certificate is for another name" ]
  [[ "$output" != *"BearSSL"* ]]
}

@test "a certificate issued for client and e-mail use only, not for servers: refused" {
  relay_tls 31112
  [ "$status" -eq 1 ]
  [[ "$(said FAILED:)" == "FAILED: The relay refused localhost: "*"CERT_E_WRONG_USAGE"* ]]
  [ "$(said phrase:)" = "phrase: server certificate check failed" ]
}

@test "an expired certificate: refused, with its dates and this PC's" {
  relay_tls 31107
  [ "$status" -eq 1 ]
  [[ "$(said FAILED:)" == "FAILED: The relay refused localhost: its certificate has expired or is not valid yet (valid from 2020-01-01 to 2021-01-01; this PC's date is $(date +%F))."* ]]
  [ "$(said phrase:)" = "phrase: server certificate expired or not yet valid" ]
}

@test "a self-signed certificate: refused, the untrusted root named, in English and Japanese" {
  relay_tls 31108
  [ "$status" -eq 1 ]
  [[ "$(said FAILED:)" == "FAILED: The relay refused localhost: this Windows does not trust its certificate, because it lacks the root certificate \"CN=localhost\"."* ]]
  relay_tls 31108 localhost ja
  [ "$status" -eq 1 ]
  [[ "$(said FAILED:)" == "FAILED: 中継は localhost への接続を拒否しました。この Windows にはルート証明書「CN=localhost」がないため"* ]]
}

@test "a TLS 1.3-only server: refused, the words say TLS 1.3 only" {
  relay_tls 31109
  [ "$status" -eq 1 ]
  [ "$(said FAILED:)" = "FAILED: localhost accepts only TLS 1.3 (alert protocol_version (70) from the server). The relay has TLS 1.2 at most, so it cannot connect. Ask the provider whether a server for older mail programs still accepts TLS 1.2." ]
  [ "$(said phrase:)" = "phrase: server accepts only TLS 1.3" ]
}

@test "servers that do not speak TLS: a plain mail greeting, a close, bytes that are not TLS" {
  relay_tls 31201
  [ "$status" -eq 1 ]
  [[ "$(said FAILED:)" == "FAILED: localhost answered with a plain mail greeting: on this port the connection starts without TLS and switches with STARTTLS."* ]]
  relay_tls 31202
  [ "$status" -eq 1 ]
  [[ "$(said FAILED:)" == "FAILED: localhost closed the connection during the TLS handshake."* ]]
  relay_tls 31203
  [ "$status" -eq 1 ]
  [[ "$(said FAILED:)" == "FAILED: localhost did not answer with TLS (BearSSL error "* ]]
}
