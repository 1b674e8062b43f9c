#!/usr/bin/env bash
# `make -f Makefile.mingw bench`, the relay's part (issue 19): the relay (tlsswitch /relay)
# against Debian's stunnel4 in client mode, the same run, the same machine, the same
# provider and the same cipher suite; measured and printed, never asserted in a test.
#  - a 20 MB message read by POP3 through each: throughput, aim >= 0.5x stunnel's;
#  - a session's set-up (connect, TLS handshake to the provider, greeting): median of
#    RUNS, aim <= 1.5x stunnel's;
#  - memory per connection: the growth of the process's private resident memory (RssAnon)
#    with HOLD idle sessions open (greeting received, TLS up) over none, divided by HOLD;
#    aim <= 100 KB. The growth of its private data mappings (VmData: asked for, touched or
#    not, the nearer to Windows' "private bytes") is printed beside it, and how much of that
#    growth is glibc's malloc arenas (Linux's C library gives each new thread that calls
#    malloc an arena of its own, up to 8 per core, 132 KB of data mappings each; under Wine
#    that is Wine's own code for the thread, which Windows does not have).
# The relay is the x86_64 build under Wine (this machine runs no 32-bit code); stunnel is
# native Linux. Both check the provider's certificate chain and name. The provider is
# dovecot (tests/servers/dovecot.sh), POP3 with implicit TLS, allowing one suite only
# (BENCH_SUITE, OpenSSL's name), so both must negotiate it; the suite each negotiated is
# read from its own log and printed.
# Ports: 43000-43099 only (43010 the relay, 43011 stunnel, 43095 dovecot's pop3s).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
exe=$root/build/x86_64/tlsswitch.exe
runs=${RUNS:-9}
hold=${HOLD:-30}                    # the relay serves at most 32 at once
suite=${BENCH_SUITE:-ECDHE-RSA-AES128-GCM-SHA256}
size=${BENCH_MESSAGE_SIZE:-20000000}
relay_port=43010 stunnel_port=43011 dovecot_base=42100   # dovecot's pop3s: 42100 + 995
provider_port=$((dovecot_base + 995))
stunnel=$(command -v stunnel4 || command -v stunnel || true)
if [[ -z "$stunnel" ]]; then
  echo "bench-relay: no stunnel4 (tests/install-deps.sh --bench installs it); nothing measured" >&2
  exit 1
fi

work=$(mktemp -d /tmp/tlsswitch-bench-relay.XXXXXX)
chmod 755 "$work"
prefix=$work/prefix
relay_pid='' stunnel_pid=''
finish() {
  [[ -n "$stunnel_pid" ]] && kill "$stunnel_pid" 2>/dev/null
  if [[ -n "$relay_pid" ]]; then
    WINEPREFIX=$prefix wine "$exe" /relay stop >/dev/null 2>&1 || true
    kill "$relay_pid" 2>/dev/null || true
  fi
  "$here/servers/dovecot.sh" stop "$work/dovecot" >/dev/null 2>&1 || true
  WINEPREFIX=$prefix wineserver -k >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap finish EXIT

"$here/wine/xp-prefix.sh" "$prefix"
export WINEPREFIX=$prefix WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
unset DISPLAY GNUTLS_SYSTEM_PRIORITY_FILE
wineserver -p
"$here/servers/certs.sh" "$work/certs"
wine "$root/build/tests/trust_root.exe" "$(winepath -w "$work/certs/ca.pem" 2>/dev/null)" >/dev/null

# The provider: dovecot's pop3s only, one suite, and a mailbox with one message of `size`
# bytes as POP3 sends it (base64 lines of 78 bytes with CRLF, as mailhost.sh makes them).
DOVECOT_BASE_PORT=$dovecot_base DOVECOT_CLOSED="pop3 imap imaps" DOVECOT_CIPHERS=$suite \
  DOVECOT_CERT="$work/certs/valid.pem" DOVECOT_KEY="$work/certs/valid.key" \
  "$here/servers/dovecot.sh" start "$work/dovecot" >/dev/null
mail=$work/dovecot/mail
mkdir -p "$mail/new" "$mail/cur" "$mail/tmp"
{
  printf 'From: Hanako <hanako@provider.example>\nTo: Taro <taro@tlsswitch.test>\nSubject: large\n'
  printf 'MIME-Version: 1.0\nContent-Type: application/octet-stream\nContent-Transfer-Encoding: base64\n\n'
  head -c $((size * 57 / 78)) /dev/urandom | base64 -w 76
} >"$mail/tmp/1.bench"
chown -R nobody:nogroup "$mail"
mv "$mail/tmp/1.bench" "$mail/new/1764500001.M1P1.bench"

# The two clients of the provider, each on its local port.
wine "$exe" /relay add "pop3s://localhost:$provider_port" "$relay_port" /lang en >/dev/null
wine "$exe" /relay /lang en >"$work/relay.log" 2>&1 </dev/null &
relay_pid=$!
cat >"$work/stunnel.conf" <<CONF
foreground = yes
pid =
debug = info
output = $work/stunnel.log
[pop3s]
client = yes
accept = 127.0.0.1:$stunnel_port
connect = 127.0.0.1:$provider_port
sni = localhost
sslVersionMin = TLSv1.2
sslVersionMax = TLSv1.2
ciphers = $suite
verifyChain = yes
CAfile = $work/certs/ca.pem
checkHost = localhost
CONF
"$stunnel" "$work/stunnel.conf" >/dev/null 2>&1 </dev/null &
stunnel_pid=$!
for port in "$relay_port" "$stunnel_port"; do
  for _ in $(seq 100); do
    (exec 9<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
    sleep 0.1
  done
done

# The relay's Windows process: the one of this prefix whose command line names /relay.
relay_process() {
  local pid
  for pid in $(pgrep -f 'tlsswitch.exe /relay' || true); do
    if tr '\0' '\n' <"/proc/$pid/environ" 2>/dev/null | grep -qx "WINEPREFIX=$prefix"; then
      echo "$pid"
      return
    fi
  done
}
private_kb() { awk '/^RssAnon:/ { print $2 }' "/proc/$1/status"; }

# The mail program's side, timed: fetch PORT (RETR of the large message: bytes and
# seconds from RETR to the final "."), setup PORT RUNS (median ms from connect to the
# greeting), hold PORT N (N sessions open at their greeting until stdin closes).
client() {
  python3 - "$@" <<'PYTHON'
import socket, statistics, sys, time
mode, port = sys.argv[1], int(sys.argv[2])

def connect():
    s = socket.create_connection(("127.0.0.1", port), timeout=60)
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return s

def line(s, buffer):
    while b"\r\n" not in buffer:
        chunk = s.recv(65536)
        if not chunk:
            raise SystemExit("closed: %r" % bytes(buffer))
        buffer += chunk
    end = buffer.index(b"\r\n")
    text = bytes(buffer[:end]); del buffer[:end + 2]
    if not text.startswith(b"+OK"):
        raise SystemExit("refused: %r" % text)
    return text

if mode == "fetch":
    s, buffer = connect(), bytearray()
    line(s, buffer)
    for command in (b"USER taro", b"PASS unused"):
        s.sendall(command + b"\r\n"); line(s, buffer)
    s.sendall(b"RETR 1\r\n")
    start = time.perf_counter()
    line(s, buffer)
    total = len(buffer); tail = bytes(buffer[-5:])
    while tail != b"\r\n.\r\n":
        chunk = s.recv(1 << 20)
        if not chunk:
            raise SystemExit("closed after %d bytes" % total)
        total += len(chunk); tail = (tail + chunk)[-5:]
    seconds = time.perf_counter() - start
    s.sendall(b"QUIT\r\n"); s.close()
    print(total, "%.3f" % seconds)
elif mode == "setup":
    times = []
    for _ in range(int(sys.argv[3]) + 1):   # the first is a warm-up
        start = time.perf_counter()
        s = connect(); line(s, bytearray())
        times.append((time.perf_counter() - start) * 1000)
        s.sendall(b"QUIT\r\n"); s.close()
    print("%.1f" % statistics.median(times[1:]))
elif mode == "hold":
    sessions = []
    for _ in range(int(sys.argv[3])):
        s = connect(); line(s, bytearray()); sessions.append(s)
    print("ready", flush=True)
    sys.stdin.read()
    for s in sessions:
        s.sendall(b"QUIT\r\n"); s.close()
PYTHON
}

# memory_per_connection PID PORT: per idle session, in KB with one decimal, "RESIDENT
# DATA ARENAS": the growth of the process's private resident memory (RssAnon: pages in
# use), of its private data mappings (VmData: what it asked for, touched or not, nearer
# Windows' private bytes) and, within VmData, of glibc's malloc arenas for threads: each is
# a mapping of 64 MB aligned on 64 MB, read-write at its start and inaccessible after.
arena_kb() {
  python3 - "/proc/$1/maps" <<'PYTHON'
import sys
size = 64 << 20
maps = []
for line in open(sys.argv[1]):
    fields = line.split()
    start, end = (int(x, 16) for x in fields[0].split("-"))
    maps.append((start, end, fields[1], len(fields) > 5))
total = 0
for (start, end, mode, named), following in zip(maps, maps[1:]):
    if (mode == "rw-p" and not named and start % size == 0 and following[0] == end
            and following[2] == "---p" and not following[3] and following[1] == start + size):
        total += end - start
print(total // 1024)
PYTHON
}
memory_kb() { awk '/^(RssAnon|VmData):/ { printf "%s ", $2 }' "/proc/$1/status"; arena_kb "$1"; }
memory_per_connection() {
  local pid=$1 port=$2 before after
  client setup "$port" 2 >/dev/null   # warm: the first session's one-time allocations
  sleep 1
  before=$(memory_kb "$pid")
  exec 7> >(client hold "$port" "$hold" >"$work/hold.out")
  for _ in $(seq 300); do grep -q ready "$work/hold.out" 2>/dev/null && break; sleep 0.1; done
  sleep 1
  after=$(memory_kb "$pid")
  exec 7>&-
  sleep 2
  grep -q ready "$work/hold.out" || { echo "n/a n/a n/a"; return; }
  : >"$work/hold.out"
  awk -v a="$after" -v b="$before" -v n="$hold" 'BEGIN { split(a, x, " "); split(b, y, " ")
    printf "%.1f %.1f %.1f\n", (x[1] - y[1]) / n, (x[2] - y[2]) / n, (x[3] - y[3]) / n }'   # RssAnon comes before VmData in status
}

# median_fetch PORT: the median over 3 fetches: "BYTES SECONDS".
median_fetch() {
  local _
  for _ in 1 2 3; do client fetch "$1"; done | sort -k2,2n | sed -n 2p
}

relay_windows_pid=$(relay_process)
if [[ -z "$relay_windows_pid" ]] || ! client setup "$relay_port" 1 >/dev/null 2>&1; then
  echo "bench-relay: the relay did not serve a session; nothing measured" >&2
  cat "$work/relay.log" >&2
  exit 1
fi
if ! client setup "$stunnel_port" 1 >/dev/null 2>&1; then
  echo "bench-relay: stunnel did not serve a session; nothing measured" >&2
  cat "$work/stunnel.log" >&2
  exit 1
fi
# CPU seconds the relay's process and this prefix's wineserver use during the relay's fetches.
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0; }
wineserver_pid=$(pgrep -f wineserver | while read -r pid; do
  tr '\0' '\n' <"/proc/$pid/environ" 2>/dev/null | grep -qx "WINEPREFIX=$prefix" && echo "$pid"; done | head -1)
relay_ticks=$(cpu_ticks "$relay_windows_pid") server_ticks=$(cpu_ticks "${wineserver_pid:-0}")
read -r relay_bytes relay_seconds < <(median_fetch "$relay_port")
relay_ticks=$(($(cpu_ticks "$relay_windows_pid") - relay_ticks))
server_ticks=$(($(cpu_ticks "${wineserver_pid:-0}") - server_ticks))
read -r stunnel_bytes stunnel_seconds < <(median_fetch "$stunnel_port")
relay_setup_ms=$(client setup "$relay_port" "$runs")
stunnel_setup_ms=$(client setup "$stunnel_port" "$runs")
read -r relay_memory relay_data relay_arenas < <(memory_per_connection "$relay_windows_pid" "$relay_port")
read -r stunnel_memory stunnel_data stunnel_arenas < <(memory_per_connection "$stunnel_pid" "$stunnel_port")

# The suites negotiated, from each one's own log.
relay_suite=$(grep -o 'TLS 1\.[0-3], TLS_[A-Z0-9_]*' "$work/relay.log" | sort | uniq -c | sort -nr |
  awk '{ $1 = ""; sub(/^ /, ""); print; exit }')
stunnel_suite=$(grep -o 'TLSv1\.[0-3] ciphersuite: [A-Z0-9-]*' "$work/stunnel.log" | sort | uniq -c | sort -nr |
  awk '{ $1 = ""; sub(/^ /, ""); print; exit }')

mbps() { awk -v b="$1" -v s="$2" 'BEGIN { if (s > 0) printf "%.1f", b / s / 1e6; else print "n/a" }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }
at_least() { awk -v r="$1" -v a="$2" 'BEGIN { print (r != "n/a" && r + 0 >= a + 0) ? "met" : "not met" }'; }
at_most() { awk -v r="$1" -v a="$2" 'BEGIN { print (r != "n/a" && r + 0 <= a + 0) ? "met" : "not met" }'; }
ticks_seconds() { awk -v t="$1" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.1f", t / hz }'; }
relay_mbps=$(mbps "$relay_bytes" "$relay_seconds")
stunnel_mbps=$(mbps "$stunnel_bytes" "$stunnel_seconds")
throughput=$(ratio "$relay_mbps" "$stunnel_mbps")
setup=$(ratio "$relay_setup_ms" "$stunnel_setup_ms")

echo "The relay against stunnel $("$stunnel" -version 2>&1 | awk '/^stunnel/ { print $2; exit }') (client mode), $(date -u +%Y-%m-%d), $(nproc) cores:"
echo "  the relay is build/x86_64/tlsswitch.exe under $(wine --version); stunnel runs natively (no Wine),"
echo "  so the relay carries Wine's costs (sockets through wineserver, threads) that Windows has not;"
echo "  provider: dovecot pop3s on 127.0.0.1:$provider_port allowing only $suite; both check the certificate"
echo "  negotiated: relay ${relay_suite:-?}; stunnel ${stunnel_suite:-?}"
printf '  %-50s %8s MB/s (%s bytes in %s s, median of 3)\n' "POP3 RETR of a 20 MB message, relay" "$relay_mbps" \
  "$relay_bytes" "$relay_seconds"
echo "    CPU during its 3 fetches: the relay's process $(ticks_seconds "$relay_ticks") s, Wine's wineserver $(ticks_seconds "$server_ticks") s"
printf '  %-50s %8s MB/s (%s bytes in %s s, median of 3)\n' "the same through stunnel" "$stunnel_mbps" \
  "$stunnel_bytes" "$stunnel_seconds"
printf '  %-50s %8s ms (median of %s)\n' "session set-up (connect, handshake, greeting), relay" "$relay_setup_ms" "$runs"
printf '  %-50s %8s ms\n' "the same through stunnel" "$stunnel_setup_ms"
printf '  %-50s %8s KB resident private (RssAnon), %s KB data mappings (VmData); %s idle sessions\n' \
  "memory per connection, relay" "$relay_memory" "$relay_data" "$hold"
printf '  %-50s %8s KB resident private, %s KB data mappings\n' "the same, stunnel" "$stunnel_memory" "$stunnel_data"
printf '  %-50s %8s KB for the relay, %s KB for stunnel\n' "  of the data mappings, glibc's arenas for threads" \
  "$relay_arenas" "$stunnel_arenas"
echo "  relay throughput vs stunnel: ${throughput}x (aim at least 0.5x, $(at_least "$throughput" 0.5))"
echo "  relay set-up vs stunnel: ${setup}x (aim 1.5x, $(at_most "$setup" 1.5))"
relay_own=$(awk -v d="$relay_data" -v a="$relay_arenas" 'BEGIN { if (d == "n/a" || a == "n/a") print "n/a"; else printf "%.1f", d - a }')
echo "  relay memory per connection: ${relay_memory} KB resident (aim 100 KB, $(at_most "$relay_memory" 100)); ${relay_data} KB asked for ($(at_most "$relay_data" 100)), ${relay_own} KB without glibc's arenas for Wine's threads ($(at_most "$relay_own" 100))"
