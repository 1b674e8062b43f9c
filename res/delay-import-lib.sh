#!/bin/sh
# Build tool: a delay-load import library for one system DLL, made from MinGW-w64's own
# import library of it with dlltool. A function called through it is found when the
# program first calls it (MinGW's __delayLoadHelper2, in the executable itself, which XP
# runs as any Windows does), so the DLL is not loaded at start (Makefile.mingw,
# DELAY_LOADED). Every function of the import library is in it, so none falls back to a
# start-up import. Failures are reported by src/win32/delay_load.c.
# dlltool's x86_64 stub keeps the four integer argument registers across the first
# lookup, not XMM0-XMM3: a function taking float or double arguments must not be
# delay-loaded (none of the DLLs' functions the program calls does).
# Usage: delay-import-lib.sh TOOL_PREFIX DLL OUTPUT   (e.g. i686-w64-mingw32- user32 libuser32.a)
set -eu
prefix=$1 dll=$2 output=$3
import_library=$("${prefix}gcc" -print-file-name="lib$dll.a")
[ -f "$import_library" ] || { echo "delay-import-lib.sh: no import library lib$dll.a for $prefix" >&2; exit 1; }
def=$output.def
case "$prefix" in
  i686*) undecorate='s/^_//'; kill_at=-k ;;   # __imp__Name@8 -> Name@8, imported as Name
  *) undecorate=; kill_at= ;;
esac
{
  echo "LIBRARY $dll.dll"
  echo EXPORTS
  "${prefix}nm" "$import_library" | sed -n 's/^.* I __imp_//p' | sed "$undecorate" | LC_ALL=C sort -u
} >"$def"
rm -f "$output"
# dlltool names its symbols and temporary objects after the output's path: made in the
# output's folder under its bare name, a build in another folder gives the same bytes.
(cd "$(dirname "$output")" && "${prefix}dlltool" $kill_at -d "$(basename "$def")" -D "$dll.dll" -y "$(basename "$output")")
rm -f "$def"
