#!/usr/bin/env bash
# The .reg reader against Wine's regedit, file by file: each file is imported once with
# `wine regedit /s` and once with `tlsswitch /restore` into the same starting state, in two
# XP-like prefixes side by side, and the SCHANNEL subtree is exported (`reg export`) after
# each. For every file, either TLS Switch refused it (exit code 4) and wrote nothing, or the
# two exports are the same, byte for byte. Stricter than regedit is allowed; different is
# not. The edge cases (regcases edge) must also be refused exactly where REFUSED.tsv says,
# which gives the reason for each.
#
#   conformance.sh edge                 the edge cases, one TAP line each
#   conformance.sh random COUNT SEED    COUNT generated files, one TAP line each
# Prints TAP; exits 1 when any file disagrees.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
kind=${1:?usage: conformance.sh edge | random COUNT SEED}
work=$(mktemp -d /tmp/tlsswitch-conformance.XXXXXX)
exe=${TLSSWITCH_EXE:-$root/build/x86_64/tlsswitch.exe}
SCHANNEL='HKLM\SYSTEM\CurrentControlSet\Control\SecurityProviders\SCHANNEL'

cleanup() {
  local prefix
  for prefix in "$work/regedit" "$work/tlsswitch"; do
    WINEPREFIX=$prefix wineserver -k >/dev/null 2>&1
  done
  rm -rf "$work"
}
trap cleanup EXIT

mkdir -p "$work/cases"
if [[ $kind == edge ]]; then
  "$root/build/tests/regcases" edge "$work/cases"
else
  "$root/build/tests/regcases" random "$work/cases" "${2:?COUNT}" "${3:?SEED}"
fi

# The starting state: the Protocols of XP with KB4019276, and in TLS 1.2\Client values
# and subkeys for the files to change and delete.
K='HKEY_LOCAL_MACHINE\SYSTEM\CurrentControlSet\Control\SecurityProviders\SCHANNEL\Protocols\TLS 1.2\Client'
printf '%s\r\n' 'Windows Registry Editor Version 5.00' '' \
  '[HKEY_LOCAL_MACHINE\SYSTEM\CurrentControlSet\Control\SecurityProviders\SCHANNEL\Protocols\SSL 2.0\Client]' \
  '"DisabledByDefault"=dword:00000001' \
  '[HKEY_LOCAL_MACHINE\SYSTEM\CurrentControlSet\Control\SecurityProviders\SCHANNEL\Protocols\TLS 1.1\Client]' \
  '"DisabledByDefault"=dword:00000001' \
  "[$K]" '"DisabledByDefault"=dword:00000001' '@="default"' '"a"="old a"' '"b"="old b"' '"c"=dword:00000003' \
  '"e"="old e"' '"f"="old f"' '"g"=hex:01,02' "[$K\\Sub]" '"in sub"="x"' "[$K\\Sub2]" "[$K\\Sub2c]" '' |
  iconv -f UTF-8 -t UTF-16LE | { printf '\xff\xfe'; cat; } >"$work/start.reg"

# Wine has been seen, rarely, not to run a process through (an exit code other than the
# tool's own): such a step is taken once more.
wine_step() {
  local status=0
  timeout 60 wine "$@" >/dev/null 2>&1 </dev/null || status=$?
  if ((status > 1)); then
    status=0
    timeout 60 wine "$@" >/dev/null 2>&1 </dev/null || status=$?
  fi
  return "$status"
}

# export_to FILE: the SCHANNEL subtree as reg export writes it.
export_to() {
  local attempt
  for attempt in 1 2; do
    rm -f "$1"
    wine_step reg export "$SCHANNEL" "$(winepath -w "$1")" /y
    [[ -s "$1" ]] && return 0
  done
}

reset_state() {
  wine_step reg delete "$SCHANNEL" /f
  wine_step regedit /s "$(winepath -w "$work/start.reg")"
}

use_prefix() { # use_prefix SIDE
  export WINEPREFIX=$work/$1 WINEARCH=win64 WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
  unset DISPLAY GNUTLS_SYSTEM_PRIORITY_FILE
}

# run_case SIDE FILE: imports one case from the starting state, keeps the export after it
# (and for tlsswitch its exit code and what it said).
run_case() {
  local side=$1 file=$2 name status=0
  name=$(basename "$file" .reg)
  reset_state
  if [[ $side == regedit ]]; then
    wine_step regedit /s "$(winepath -w "$file")"
  else
    timeout 60 wine "$exe" /restore "$(winepath -w "$file")" /nobackup /lang en >"$work/out-$side/$name.said" \
      2>&1 </dev/null || status=$?
  fi
  echo "$status" >"$work/out-$side/$name.status"
  export_to "$work/out-$side/$name.reg"
}

# run_side SIDE: every case, in the side's own prefix.
run_side() {
  local side=$1 file
  mkdir -p "$work/out-$side"
  "$root/tests/wine/xp-prefix.sh" "$work/$side" >/dev/null 2>&1 || { echo "no prefix for $side" >"$work/out-$side/FAILED"; return; }
  use_prefix "$side"
  wineserver -p
  reset_state
  export_to "$work/out-$side/START.reg"
  for file in "$work"/cases/*.reg; do
    run_case "$side" "$file"
  done
}

run_side regedit &
regedit_side=$!
run_side tlsswitch
wait "$regedit_side"
for side in regedit tlsswitch; do
  if [[ -f "$work/out-$side/FAILED" ]]; then
    echo "not ok 1 - $(cat "$work/out-$side/FAILED")"
    exit 1
  fi
done

# The edge cases TLS Switch refuses, with the reason for each.
declare -A refused_reason=()
if [[ $kind == edge ]]; then
  while IFS=$'\t' read -r name reason; do
    [[ -z "$name" || "$name" == \#* ]] && continue
    refused_reason[$name]=$reason
  done <"$here/REFUSED.tsv"
fi

# judge NAME: sets `problem` (empty when TLS Switch agrees with regedit) and `status`.
judge() {
  local name=$1
  status=$(cat "$work/out-tlsswitch/$name.status")
  problem=""
  case "$status" in
  4)
    cmp -s "$work/out-tlsswitch/$name.reg" "$work/out-tlsswitch/START.reg" || problem="refused, but the registry changed"
    if [[ $kind == edge && -z "${refused_reason[$name]:-}" ]]; then
      problem="refused ($(tr -d '\r' <"$work/out-tlsswitch/$name.said" | grep -m1 '^Error')), but REFUSED.tsv gives no reason"
    fi
    ;;
  0 | 194)   # 194: 3010 as a Linux shell sees it
    if ! cmp -s "$work/out-tlsswitch/$name.reg" "$work/out-regedit/$name.reg"; then
      problem="accepted, but the registry differs from regedit's: $(diff <(iconv -f UTF-16LE -t UTF-8 \
        "$work/out-regedit/$name.reg" | tr -d '\r') <(iconv -f UTF-16LE -t UTF-8 "$work/out-tlsswitch/$name.reg" |
        tr -d '\r') | head -20 | tr '\n' '|')"
    elif [[ $kind == edge && -n "${refused_reason[$name]:-}" ]]; then
      problem="REFUSED.tsv says it is refused, but it was read"
    fi
    ;;
  *)
    problem="exit code $status: $(tr -d '\r' <"$work/out-tlsswitch/$name.said" | head -c 300)"
    ;;
  esac
}

n=0 failed=0 refused=0 same=0 retried=0
for file in "$work"/cases/*.reg; do
  name=$(basename "$file" .reg)
  n=$((n + 1))
  judge "$name"
  if [[ -n "$problem" && $problem != *REFUSED.tsv* ]]; then
    # Once more, both sides, before it counts: a disagreement must be the readers', not Wine's.
    retried=$((retried + 1))
    for side in regedit tlsswitch; do
      (use_prefix "$side" && run_case "$side" "$file")
    done
    judge "$name"
  fi
  if [[ -n "$problem" ]]; then
    failed=$((failed + 1))
    echo "not ok $n - $name: $problem"
    echo "# the file: $(od -An -c "$file" | tr -s ' ' | head -c 600)"
  elif [[ $status == 4 ]]; then
    refused=$((refused + 1))
    echo "ok $n - $name: refused, nothing written ($(tr -d '\r' <"$work/out-tlsswitch/$name.said" |
      sed -n 's/^Error: .*, line \([0-9]*\): /line \1: /p' | head -1))"
  else
    same=$((same + 1))
    echo "ok $n - $name: the same as regedit"
  fi
done
echo "# $n files: $same read as regedit reads them, $refused refused, $failed different ($retried taken twice)"
((failed == 0))
