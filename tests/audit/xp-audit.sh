#!/usr/bin/env bash
# XP import audit: fails when an executable would not start on Windows XP.
# Usage: xp-audit.sh i686|x86_64 EXE
#        xp-audit.sh i686-code ARCHIVE   (the instructions only, of objects not yet linked)
# Checks the imported DLLs against an allowed list, the imported functions against
# xp-missing-imports.txt (both those loaded at start and those loaded when first called:
# delay-load imports, read by delay_imports.py), the subsystem and OS versions in the PE header (at most 5.1 for
# i686, XP SP3; 5.2 for x86_64, XP x64 / Server 2003 x64), and that the i686 code runs on
# the oldest processors XP runs on.
set -u
here=$(cd "$(dirname "$0")" && pwd)
arch=${1:?usage: xp-audit.sh i686|x86_64|i686-code FILE}
exe=${2:?usage: xp-audit.sh i686|x86_64|i686-code FILE}
code_only=0
case "$arch" in
  i686) max_minor=1 ;;
  x86_64) max_minor=2 ;;
  i686-code) arch=i686; code_only=1 ;;
  *) echo "xp-audit: unknown architecture $arch" >&2; exit 2 ;;
esac
objdump=${OBJDUMP:-$arch-w64-mingw32-objdump}

# XP runs on the Pentium MMX and the AMD K6: the i686 build uses none of the instructions
# that came with the Pentium Pro (CMOV, FCMOV, FCOMI, SYSENTER) or later (SSE's registers).
# Prints one problem a line (at most five).
old_processor_problems() {
  local code address instruction
  if ! code=$("$objdump" -d --no-show-raw-insn "$1" 2>&1); then
    echo "objdump -d failed: $code"
    return
  fi
  while IFS=$'\t' read -r address instruction; do
    echo "uses ${instruction%% *} at ${address//[: ]/}, which the Pentium MMX and the AMD K6 lack"
  done < <(awk -F '\t' '/^ *[0-9a-f]+:\t/ {
             split($2, word, " ")
             if (word[1] ~ /^(cmov|fcmov|fcomip?$|fucomip?$|sysenter$|sysexit$)/ || $2 ~ /%[xy]mm/) print $1 "\t" $2
           }' <<<"$code" | head -n 5)
}

if ((code_only)); then
  mapfile -t problems < <(old_processor_problems "$exe")
  if ((${#problems[@]})); then
    echo "xp-audit: $exe (i686 code) will not run on Windows XP's oldest processors:"
    printf '  %s\n' "${problems[@]}"
    exit 1
  fi
  echo "xp-audit: $exe (i686 code): instructions are XP-safe"
  exit 0
fi
allowed_dlls="kernel32 user32 gdi32 advapi32 shell32 comctl32 comdlg32 secur32 crypt32 ws2_32 msvcrt"

if ! dump=$("$objdump" -p "$exe" 2>&1); then
  echo "xp-audit: $exe: objdump failed: $dump" >&2
  exit 2
fi

problems=()
patterns=()
while read -r dll pattern; do
  [[ -z "$dll" || "$dll" == \#* ]] && continue
  patterns+=("$dll $pattern")
done < "$here/xp-missing-imports.txt"

# check_function DLL FUNCTION WHEN: FUNCTION of DLL (lower case, no .dll) against the list;
# WHEN is "" or " (loaded at first use)".
check_function() {
  local entry dll pattern
  for entry in "${patterns[@]}"; do
    dll=${entry%% *}
    pattern=${entry#* }
    # shellcheck disable=SC2053  # the pattern is a glob on purpose
    if [[ "$1" == "$dll" && "$2" == $pattern ]]; then
      problems+=("$1.dll!$2$3 is missing on Windows XP")
    fi
  done
}

current=""
while IFS= read -r line; do
  if [[ "$line" =~ DLL\ Name:\ (.+)$ ]]; then
    current=$(tr 'A-Z' 'a-z' <<<"${BASH_REMATCH[1]}")
    current=${current%.dll}
    if [[ " $allowed_dlls " != *" $current "* ]]; then
      problems+=("imports from $current.dll, which is not on the allowed list")
    fi
  elif [[ -n "$current" && "$line" =~ ^[[:space:]]+[0-9a-fA-F]+[[:space:]]+[0-9]+[[:space:]]+([A-Za-z_][A-Za-z0-9_@]*)$ ]]; then
    check_function "$current" "${BASH_REMATCH[1]}" ""
  fi
done <<<"$dump"

# The DLLs loaded when first called (Makefile.mingw's DELAY_LOADED) are not in objdump's
# list: delay_imports.py reads their table, one "dll function" a line.
if ! delayed=$("${DELAY_IMPORTS:-$here/delay_imports.py}" "$exe" 2>&1); then
  echo "xp-audit: $exe: reading the delay-load imports failed: $delayed" >&2
  exit 2
fi
declare -A delayed_dlls=()
while read -r current function; do
  [[ -z "$current" ]] && continue
  current=${current%.dll}
  if [[ " $allowed_dlls " != *" $current "* && -z "${delayed_dlls[$current]:-}" ]]; then
    problems+=("imports from $current.dll at first use, which is not on the allowed list")
  fi
  delayed_dlls[$current]=1
  check_function "$current" "$function" " (loaded at first use)"
done <<<"$delayed"

# Functions found by name at run time (GetProcAddress, src/win32/late_bound.c) are in
# the executable as plain strings: each string that is a function name is checked too.
while IFS= read -r name; do
  for entry in "${patterns[@]}"; do
    pattern=${entry#* }
    # shellcheck disable=SC2053  # the pattern is a glob on purpose
    if [[ "$pattern" != '*_s' && "$name" == $pattern ]]; then
      problems+=("looks up $name by name, which is missing on Windows XP")
    fi
  done
done < <("${STRINGS:-$arch-w64-mingw32-strings}" -a -n 6 "$exe" 2>/dev/null | grep -E '^[A-Z][A-Za-z0-9]+$' | sort -u)

if [[ "$arch" == i686 ]]; then
  mapfile -t -O "${#problems[@]}" problems < <(old_processor_problems "$exe")
fi

header_value() { awk -v key="$1" '$1 == key { print $2; exit }' <<<"$dump"; }
for kind in Subsystem OSystem; do
  major=$(header_value "Major${kind}Version")
  minor=$(header_value "Minor${kind}Version")
  if [[ -z "$major" || -z "$minor" ]]; then
    problems+=("no ${kind} version in the PE header")
  elif (( major > 5 || (major == 5 && minor > max_minor) )); then
    problems+=("${kind} version is $major.$minor; Windows XP needs at most 5.$max_minor")
  fi
done

if ((${#problems[@]})); then
  echo "xp-audit: $exe ($arch) will not run on Windows XP:"
  printf '  %s\n' "${problems[@]}"
  exit 1
fi
at_first_use=""
if ((${#delayed_dlls[@]})); then
  at_first_use=" (loaded at first use: $(printf '%s\n' "${!delayed_dlls[@]}" | LC_ALL=C sort | tr '\n' ' ' | sed 's/ $//'))"
fi
if [[ "$arch" == i686 ]]; then
  echo "xp-audit: $exe ($arch): imports$at_first_use, header versions and instructions are XP-safe"
else
  echo "xp-audit: $exe ($arch): imports$at_first_use and header versions are XP-safe"
fi
