# Shared set-up for the Wine tests. run-wine-tests.sh exports WINEPREFIX (a fresh
# XP-like prefix) and TLSSWITCH_EXE (the x86_64 build).
bats_require_minimum_version 1.5.0
HELPER_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$HELPER_DIR/fixture.bash"

: "${TLSSWITCH_EXE:?run these tests through tests/run-wine-tests.sh}"

# Runs tlsswitch.exe under Wine with English messages unless the test says otherwise.
# File descriptor 3 is bats' own: no Wine process may keep it open.
tlsswitch() {
  wine "$TLSSWITCH_EXE" "$@" 3>&- </dev/null
}

client_key() { echo "$PROTOCOLS\\$1\\Client"; }

set_dword() { # set_dword PROTOCOL NAME VALUE
  wine reg add "$(client_key "$1")" /v "$2" /t REG_DWORD /d "$3" /f >/dev/null 3>&- </dev/null
}

# The line of $output that starts with $1.
line_of() {
  grep -m1 -- "^$1" <<<"$output" | tr -d '\r'
}

# True when the line starting with $1 has the given columns (two or more spaces apart).
row_is() {
  local start=$1; shift
  local expected actual
  expected=$(printf '%s|' "$start" "$@")
  actual=$(line_of "$start" | sed -E 's/ {2,}/|/g')'|'
  if [[ "$actual" != "$expected" ]]; then
    echo "row '$start': expected '$expected', got '$actual'" >&2
    return 1
  fi
}

ROOT=$(cd "$HELPER_DIR/../.." && pwd)
BACKUPS="$WINEPREFIX/drive_c/ProgramData/TLS Switch/backups"

# The value as `wine reg query` shows it ("0x1"), or "absent".
# reg.exe exits 0, or 1 for a missing key or value; any other code means the Wine process
# did not run through (seen rarely): that is said, and the query made once more.
reg_value() { # reg_value PROTOCOL NAME
  local said status attempt line
  for attempt in 1 2; do
    status=0
    said=$(wine reg query "$(client_key "$1")" /v "$2" 2>&1 3>&- </dev/null) || status=$?
    ((status <= 1)) && break
    echo "wine reg query ended with exit code $status (attempt $attempt): $said" >&2
  done
  line=$(tr -d '\r' <<<"$said" | grep -i "^ *$2 ")
  if [[ -z "$line" ]]; then echo absent; else awk '{print $NF}' <<<"$line"; fi
}

key_present() { # key_present KEY
  wine reg query "$1" >/dev/null 2>&1 3>&- </dev/null
}

# The Protocols subtree as `wine reg export` writes it. Wine's reg.exe has been seen to
# fail once in a long run for no visible reason: say what it printed, and try once more
# (a key that is really missing fails both times).
export_protocols() { # export_protocols FILE
  local said attempt
  for attempt in 1 2; do
    rm -f "$1"
    if said=$(wine reg export "$PROTOCOLS" "$(wine_path "$1")" /y 2>&1 3>&- </dev/null); then
      return 0
    fi
    echo "wine reg export failed (attempt $attempt): $said" >&2
    sleep 0.5
  done
  return 1
}

# Runs tlsswitch.exe from a batch file under cmd.exe and prints what it printed, then
# ERRORLEVEL=N: the exit code as a batch file sees it (Linux keeps only 8 bits of it).
errorlevel_run() {
  local batch="$WINEPREFIX/drive_c/errorlevel.bat" exe
  exe=$(wine_path "$TLSSWITCH_EXE")
  printf '@echo off\r\n"%s" %s\r\necho ERRORLEVEL=%%ERRORLEVEL%%\r\n' "$exe" "$*" >"$batch"
  wine cmd /c 'C:\errorlevel.bat' 2>/dev/null 3>&- </dev/null | tr -d '\r'
}

backup_count() {
  find "$BACKUPS" -name '*.reg' 2>/dev/null | wc -l
}

# wine_path UNIX_PATH: the path as Windows programs see it. winepath is a Wine process of
# its own, and once in a full run one failed without a word: it is asked a second time,
# and a second failure says why (stderr, shown with the failing test).
wine_path() { winepath -w "$1" 2>/dev/null </dev/null || { sleep 0.5 && winepath -w "$1" </dev/null; }; }

# Servers a test file starts in setup_file; teardown_file kills the pids in PIDS_FILE.
PIDS_FILE() { echo "$BATS_FILE_TMPDIR/pids"; }

# start_server NAME PORT COMMAND...: runs a server in the background, keeps its pid, and
# waits until it accepts on 127.0.0.1:PORT.
start_server() {
  local name=$1 port=$2; shift 2
  "$@" </dev/null >"$BATS_FILE_TMPDIR/$name.log" 2>&1 3>&- &
  echo $! >>"$(PIDS_FILE)"
  for _ in $(seq 50); do
    (exec 9<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && return 0
    sleep 0.1
  done
  echo "server $name did not start on port $port; it printed:" >&2
  sed 's/^/  /' "$BATS_FILE_TMPDIR/$name.log" >&2
  return 1
}

# stop_servers DOVECOT_DIR...: for teardown_file: kills the servers of start_server, stops
# the dovecots in those folders and the postfix in POSTFIX_DIR (when set).
stop_servers() {
  local dir
  [ -f "$(PIDS_FILE)" ] && xargs -r kill <"$(PIDS_FILE)" 2>/dev/null
  for dir in "$@"; do
    "$ROOT/tests/servers/dovecot.sh" stop "$dir" 3>&-
  done
  if [ -n "${POSTFIX_DIR:-}" ]; then
    "$ROOT/tests/servers/postfix.sh" stop "$POSTFIX_DIR" 3>&-
    rm -rf "$POSTFIX_DIR"
  fi
  true
}

s_server() { # s_server NAME PORT CERT ARGS...: openssl s_server with a certificate of certs.sh
  local name=$1 port=$2 cert=$3; shift 3
  start_server "$name" "$port" openssl s_server -accept "$port" -cert "$CERTS/$cert.pem" -key "$CERTS/$cert.key" \
    -www "$@"
}

# Names of a provider's mail domain for the tests: another loopback address stands for
# each host. names_file "ADDRESS NAME"...: writes HOSTS (this machine's /etc/hosts and
# these lines) and RESOLV (a name server, 127.0.0.1, that does not answer, so no other
# name resolves) into BATS_FILE_TMPDIR and exports both.
names_file() {
  export HOSTS="$BATS_FILE_TMPDIR/hosts" RESOLV="$BATS_FILE_TMPDIR/resolv.conf"
  { cat /etc/hosts; printf '%s\n' "$@"; } >"$HOSTS"
  printf '%s\n' "nameserver 127.0.0.1" "options timeout:1 attempts:1" >"$RESOLV"
}

# with_names COMMAND...: runs it where those names resolve: a private mount namespace
# (unshare -m, as root) with HOSTS and RESOLV bound over /etc/hosts and /etc/resolv.conf.
with_names() {
  unshare -m bash -c 'mount --bind "$1" /etc/hosts && mount --bind "$2" /etc/resolv.conf && shift 2 && exec "$@"' \
    with_names "$HOSTS" "$RESOLV" "$@"
}
export -f with_names
