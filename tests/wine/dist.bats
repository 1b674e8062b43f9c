#!/usr/bin/env bats
# The release artifacts of `make -f Makefile.mingw dist`, checked statically (NSIS setups
# are 32-bit programs, which these machines cannot run): makensis without warnings, the
# files in the setup and in the zip (7z l), the zip's x86_64 program run under Wine, and
# two builds from scratch that give the same bytes.

load helper

setup_file() {
  export DIST_A="$BATS_FILE_TMPDIR/a" DIST_B="$BATS_FILE_TMPDIR/b" BUILD_B="$BATS_FILE_TMPDIR/build-b"
  VERSION=$(awk '/^#define TLSSWITCH_VERSION_(MAJOR|MINOR|PATCH) / { v = v (v == "" ? "" : ".") $3 } END { print v }' \
    "$ROOT/res/version.h")
  export VERSION
  make -s -C "$ROOT" -f Makefile.mingw dist DIST="$DIST_A" >"$BATS_FILE_TMPDIR/dist-a.log" 2>&1 3>&-
  # The second build starts from nothing: a build folder of its own.
  make -s -C "$ROOT" -f Makefile.mingw -j2 dist BUILD="$BUILD_B" DIST="$DIST_B" >"$BATS_FILE_TMPDIR/dist-b.log" 2>&1 3>&-
}

@test "make dist: setup, portable zip and SHA256SUMS, makensis without a warning, sizes printed" {
  cat "$BATS_FILE_TMPDIR/dist-a.log"
  [ -f "$DIST_A/tlsswitch-$VERSION-setup.exe" ]
  [ -f "$DIST_A/tlsswitch-$VERSION-portable.zip" ]
  (cd "$DIST_A" && sha256sum -c SHA256SUMS)
  # makensis runs with -WX: a warning would have failed the build.
  ! grep -qi "warning" "$BATS_FILE_TMPDIR/dist-a.log"
  run grep -c '^size: ' "$BATS_FILE_TMPDIR/dist-a.log"
  [ "$output" -eq 4 ]
  grep '^size: ' "$BATS_FILE_TMPDIR/dist-a.log" | sed 's/^/# /' >&3
}

@test "the setup holds both builds, their relay starters and the uninstaller, and is named from res/version.h" {
  run 7z l "$DIST_A/tlsswitch-$VERSION-setup.exe"
  echo "$output"
  [ "$status" -eq 0 ]
  [[ "$output" == *"NSIS-3 Unicode"* ]]
  [ "$(grep -c ' tlsswitch\.exe$' <<<"$output")" -eq 2 ]
  [ "$(grep -c ' tlsswitch-relay\.exe$' <<<"$output")" -eq 2 ]
  [[ "$output" == *" uninstall.exe"* ]]
  # Nothing else is installed: the rest is the installer's own plug-ins.
  [ "$(grep -E '^ {10,}|^[0-9-]{10} ' <<<"$output" | grep -v -E 'PLUGINSDIR|tlsswitch(-relay)?\.exe|uninstall\.exe|files$' | wc -l)" -eq 0 ]
}

@test "the portable zip holds both executables and their relay starters, README, LICENSE and the two read-mes" {
  run 7z l -ba "$DIST_A/tlsswitch-$VERSION-portable.zip"
  echo "$output"
  [ "$status" -eq 0 ]
  names=$(awk '{print $NF}' <<<"$output" | sort | tr '\n' ' ')
  [ "$names" = "tlsswitch-$VERSION/LICENSE tlsswitch-$VERSION/README-en.txt tlsswitch-$VERSION/README-ja.txt tlsswitch-$VERSION/README.md tlsswitch-$VERSION/tlsswitch-relay.exe tlsswitch-$VERSION/tlsswitch-x64-relay.exe tlsswitch-$VERSION/tlsswitch-x64.exe tlsswitch-$VERSION/tlsswitch.exe " ]
}

@test "the executables are stripped, and the zip's x86_64 program answers /status under Wine" {
  unpacked="$BATS_TEST_TMPDIR/unpacked"
  7z x -y -o"$unpacked" "$DIST_A/tlsswitch-$VERSION-portable.zip" >/dev/null
  run i686-w64-mingw32-nm "$unpacked/tlsswitch-$VERSION/tlsswitch.exe"
  [[ "$output" == *"no symbols"* ]]
  run x86_64-w64-mingw32-nm "$unpacked/tlsswitch-$VERSION/tlsswitch-x64.exe"
  [[ "$output" == *"no symbols"* ]]
  # The starters are window-less (GUI-subsystem) programs, the main ones console programs.
  [[ "$(i686-w64-mingw32-objdump -p "$unpacked/tlsswitch-$VERSION/tlsswitch-relay.exe")" == *"Windows GUI"* ]]
  [[ "$(x86_64-w64-mingw32-objdump -p "$unpacked/tlsswitch-$VERSION/tlsswitch-x64-relay.exe")" == *"Windows GUI"* ]]
  [[ "$(i686-w64-mingw32-objdump -p "$unpacked/tlsswitch-$VERSION/tlsswitch.exe")" == *"Windows CUI"* ]]
  run --separate-stderr wine "$unpacked/tlsswitch-$VERSION/tlsswitch-x64.exe" /status /csv 3>&- </dev/null
  [ "$status" -eq 0 ]
  [[ "$output" == "protocol,role,enabled,disabled_by_default,effective,os_support"* ]]
  [[ "$output" == *"tls1.2,client,absent,1,optin,yes"* ]]
  # The read-mes open in Notepad on XP: CRLF, and the Japanese one with a UTF-8 BOM.
  [ "$(head -c 3 "$unpacked/tlsswitch-$VERSION/README-ja.txt" | od -An -tx1 | tr -d ' ')" = efbbbf ]
  grep -q $'\r$' "$unpacked/tlsswitch-$VERSION/README-en.txt"
  grep -q "TLS Switch $VERSION" "$unpacked/tlsswitch-$VERSION/README-en.txt"
}

@test "two dist builds from scratch give identical bytes" {
  cat "$BATS_FILE_TMPDIR/dist-b.log"
  for file in "tlsswitch-$VERSION-setup.exe" "tlsswitch-$VERSION-portable.zip" SHA256SUMS; do
    cmp "$DIST_A/$file" "$DIST_B/$file"
  done
  cmp "$ROOT/build/i686/tlsswitch.exe" "$BUILD_B/i686/tlsswitch.exe"
  cmp "$ROOT/build/x86_64/tlsswitch.exe" "$BUILD_B/x86_64/tlsswitch.exe"
  cmp "$ROOT/build/i686/tlsswitch-relay.exe" "$BUILD_B/i686/tlsswitch-relay.exe"
}
