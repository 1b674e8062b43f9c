#!/usr/bin/env bash
# Makes the certificates of the unit tests of the names and dates a certificate is for
# (tests/unit/test_simulation.c), as hex of their DER, into this folder. They are kept in
# the repository, so the tests do not depend on the openssl of the day; this says how they
# were made (OpenSSL 3.0). Run from this folder: ./make.sh
set -eu
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# make NAME SUBJECT START END [SUBJECT_ALT_NAME]: a self-signed RSA certificate, as hex.
make() {
  local name=$1 subject=$2 start=$3 end=$4 names=${5:-}
  mkdir -p "$work/$name/new"
  : >"$work/$name/index.txt"
  echo 01 >"$work/$name/serial"
  {
    printf '[ca]\ndefault_ca = own\n[own]\ndir = %s\ndatabase = $dir/index.txt\n' "$work/$name"
    printf 'new_certs_dir = $dir/new\nserial = $dir/serial\ndefault_md = sha256\npolicy = any\n'
    printf 'unique_subject = no\nx509_extensions = server\n[any]\ncommonName = supplied\n[server]\n'
    printf 'basicConstraints = CA:FALSE\n'
    [ -n "$names" ] && printf 'subjectAltName = %s\n' "$names"
  } >"$work/$name/ca.cnf"
  openssl req -new -newkey rsa:1024 -nodes -subj "$subject" -keyout "$work/$name/key" -out "$work/$name/csr" \
    2>/dev/null
  openssl ca -batch -selfsign -config "$work/$name/ca.cnf" -keyfile "$work/$name/key" -in "$work/$name/csr" \
    -out "$work/$name/pem" -startdate "$start" -enddate "$end" -notext 2>/dev/null
  openssl x509 -in "$work/$name/pem" -outform DER | od -An -v -tx1 | tr -d ' \n' >"$name.hex"
  echo >>"$name.hex"
}
make many-names /CN=ignored.example 20250101000000Z 20351231000000Z \
  "DNS:mail.example.jp,DNS:*.example.jp,email:postmaster@example.jp,IP:192.0.2.1,IP:2001:db8::1"
make cn-only /CN=legacy.example.jp 20250101000000Z 20351231000000Z
make expired /CN=old.example.jp 20200101000000Z 20210101000000Z DNS:old.example.jp
# A validity after 2049 is a GeneralizedTime (RFC 5280 4.1.2.5).
make far-future /CN=future.example.jp 20500101000000Z 20991231235959Z DNS:future.example.jp
names=""
for i in $(seq 1 40); do names="${names:+$names,}DNS:host$i.example.jp"; done
make forty-names /CN=host1.example.jp 20250101000000Z 20351231000000Z "$names"
