#!/usr/bin/env bash
# What BearSSL adds to the i686 build, part by part: the bytes each of its objects puts into
# build/i686/relay_tls_client.exe (the relay's TLS client, compiled and linked as the product
# is, with --gc-sections), read from that link's map. Prints "BYTES OBJECT" lines, largest
# first, then "total BYTES".
# Usage: bearssl-size.sh [MAP]     (default build/i686/relay_tls_client.map)
set -eu
map=${1:-build/i686/relay_tls_client.map}
[[ -f $map ]] || { echo "bearssl-size: no $map: make -f Makefile.mingw build/i686/relay_tls_client.exe" >&2; exit 2; }
# The map lists the sections ld discarded first; what was kept follows "Linker script and
# memory map". A kept input section is " .name ADDRESS SIZE FILE", or its name alone on a
# line and "ADDRESS SIZE FILE" on the next.
awk '
  /^Linker script and memory map/ { kept = 1; next }
  !kept { next }
  /^ \.[^ ]+ +0x[0-9a-f]+ +0x[0-9a-f]+ / { add($3, $4); pending = 0; next }
  /^ \.[^ ]+$/ { pending = 1; next }
  pending && /^ +0x[0-9a-f]+ +0x[0-9a-f]+ / { add($2, $3) }
  { pending = 0 }
  function add(size, file) {
    if (file !~ /libbearssl\.a\(/) return
    sub(/.*libbearssl\.a\(/, "", file); sub(/\)$/, "", file)
    bytes[file] += hex(size)
  }
  function hex(text,    n, i) {   # mawk has no strtonum
    text = tolower(text); sub(/^0x/, "", text)
    for (i = 1; i <= length(text); i++) n = n * 16 + index("0123456789abcdef", substr(text, i, 1)) - 1
    return n
  }
  END { for (f in bytes) if (bytes[f]) { print bytes[f], f; total += bytes[f] }; print "total", total }
' "$map" | sort -k1,1nr | awk '$1 == "total" { last = $0; next } { print } END { print last }'
