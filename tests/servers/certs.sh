#!/usr/bin/env bash
# Makes the test certificates in DIR with openssl: a test CA; for "localhost", signed by
# it, a valid, an expired, a wrong-name and a not-for-servers (client and e-mail use only)
# certificate; a self-signed one; a "mail shield" CA named like an antivirus product's,
# with a localhost certificate; and an elliptic-curve CA (P-256), with an ECDSA certificate
# for localhost and an RSA one that it signed: certificates Windows XP cannot use; and an
# elliptic-curve CA no test trusts, with an ECDSA certificate for localhost; and two for the
# Disallowed store.
# Usage: certs.sh DIR
set -eu
dir=${1:?usage: certs.sh DIR}
mkdir -p "$dir"
cd "$dir"
quiet() { "$@" >/dev/null 2>&1; }

RSA=(-newkey rsa:2048)
EC=(-newkey ec -pkeyopt ec_paramgen_curve:P-256)

make_ca() { # make_ca NAME SUBJECT [KEY...]
  local name=$1 subject=$2; shift 2
  (($#)) || set -- "${RSA[@]}"
  quiet openssl req -x509 "$@" -nodes -days 365 -subj "$subject" -keyout "$name.key" -out "$name.pem" \
    -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign
}

# sign NAME CA HOST START END [KEY...]: a server certificate for HOST, valid from START to END
sign() {
  local key=("${@:6}")
  ((${#key[@]})) || key=("${RSA[@]}")
  quiet openssl req "${key[@]}" -nodes -subj "/CN=$3" -keyout "$1.key" -out "$1.csr"
  # RSA key exchange encrypts to the key; ECDSA keys only sign.
  local key_usage_extra=", keyEncipherment"
  [[ ${key[*]} == *ec* ]] && key_usage_extra=""
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
keyUsage = digitalSignature${key_usage_extra}
extendedKeyUsage = ${EKU:-serverAuth}
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
# Issued for the right name by a trusted CA, but for e-mail and client use only, not for a server.
EKU=clientAuth,emailProtection sign clientonly ca localhost 20250101000000Z 20351231000000Z
# For the servers of the mail domain /find searches (tests/wine/find.bats).
sign anyname ca "*.tlsswitch.test" 20250101000000Z 20351231000000Z
sign intercepted shield localhost 20250101000000Z 20351231000000Z
make_ca ecca "/CN=TLS Switch Test EC CA" "${EC[@]}"
sign ecdsa ecca localhost 20250101000000Z 20351231000000Z "${EC[@]}"
sign rsa-by-ec ecca localhost 20250101000000Z 20351231000000Z
make_ca untrustedec "/CN=TLS Switch Untrusted EC CA" "${EC[@]}"
sign ecdsa-untrusted untrustedec localhost 20250101000000Z 20351231000000Z "${EC[@]}"
# For the Disallowed store (certificates Windows is told not to trust, as after a CA's
# compromise): an ECDSA certificate of the trusted EC CA, and an EC CA with one of its own.
sign ecdsa-distrusted ecca localhost 20250101000000Z 20351231000000Z "${EC[@]}"
make_ca distrustedec "/CN=TLS Switch Distrusted EC CA" "${EC[@]}"
sign ecdsa-by-distrusted distrustedec localhost 20250101000000Z 20351231000000Z "${EC[@]}"
quiet openssl req -x509 -newkey rsa:2048 -nodes -days 365 -subj /CN=localhost -keyout selfsigned.key \
  -out selfsigned.pem
