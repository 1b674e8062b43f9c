#!/usr/bin/env bash
# Makes the test certificates in DIR with openssl: a test CA; for "localhost", signed by
# it, a valid, an expired and a wrong-name certificate; a self-signed one; and a
# "mail shield" CA named like an antivirus product's, with a localhost certificate.
# Usage: certs.sh DIR
set -eu
dir=${1:?usage: certs.sh DIR}
mkdir -p "$dir"
cd "$dir"
quiet() { "$@" >/dev/null 2>&1; }

make_ca() { # make_ca NAME SUBJECT
  quiet openssl req -x509 -newkey rsa:2048 -nodes -days 365 -subj "$2" -keyout "$1.key" -out "$1.pem" \
    -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign
}

# sign NAME CA HOST START END: a server certificate for HOST, valid from START to END
sign() {
  quiet openssl req -newkey rsa:2048 -nodes -subj "/CN=$3" -keyout "$1.key" -out "$1.csr"
  mkdir -p "ca-$1/newcerts"
  : >"ca-$1/index.txt"
  echo 01 >"ca-$1/serial"
  cat >"ca-$1/ca.cnf" <<CNF
[ca]
default_ca = test_ca
[test_ca]
dir = ca-$1
database = ca-$1/index.txt
new_certs_dir = ca-$1/newcerts
serial = ca-$1/serial
default_md = sha256
policy = any
unique_subject = no
copy_extensions = none
x509_extensions = server
[any]
commonName = supplied
[server]
basicConstraints = CA:FALSE
keyUsage = digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = DNS:$3
CNF
  quiet openssl ca -batch -config "ca-$1/ca.cnf" -cert "$2.pem" -keyfile "$2.key" -in "$1.csr" -out "$1.pem" \
    -startdate "$4" -enddate "$5" -notext
  test -s "$1.pem"
}

make_ca ca "/CN=TLS Switch Test CA"
make_ca shield "/CN=Avast Web\/Mail Shield Root"
sign valid ca localhost 20250101000000Z 20351231000000Z
sign expired ca localhost 20200101000000Z 20210101000000Z
sign wrongname ca wrong.example 20250101000000Z 20351231000000Z
sign intercepted shield localhost 20250101000000Z 20351231000000Z
quiet openssl req -x509 -newkey rsa:2048 -nodes -days 365 -subj /CN=localhost -keyout selfsigned.key \
  -out selfsigned.pem
