#!/usr/bin/env bats
# The XP import audit must be able to fail: it rejects an executable that imports
# GetTickCount64 (Vista and later) or finds it by name, one whose header asks for a newer
# Windows, and i686 code for a newer processor than XP's oldest (BearSSL's archive too);
# and imports loaded when first called (delay-load imports) as strictly as those at start.

setup() {
  cd "$BATS_TEST_DIRNAME/../.."
}

@test "the audit rejects an executable that calls GetTickCount64" {
  run tests/audit/xp-audit.sh x86_64 build/audit/calls-gettickcount64.exe
  [ "$status" -eq 1 ]
  [[ "$output" == *"kernel32.dll!GetTickCount64 is missing on Windows XP"* ]]
}

@test "the audit rejects an executable that finds GetTickCount64 by name" {
  run tests/audit/xp-audit.sh x86_64 build/audit/finds-gettickcount64.exe
  [ "$status" -eq 1 ]
  [[ "$output" == *"looks up GetTickCount64 by name, which is missing on Windows XP"* ]]
}

@test "the audit rejects a subsystem version newer than XP" {
  run tests/audit/xp-audit.sh i686 build/audit/needs-vista.exe
  [ "$status" -eq 1 ]
  [[ "$output" == *"Subsystem version is 6.0; Windows XP needs at most 5.1"* ]]
}

@test "the audit rejects i686 code with the Pentium Pro's CMOV, which the Pentium MMX and the K6 lack" {
  run tests/audit/xp-audit.sh i686 build/audit/uses-cmov.exe
  [ "$status" -eq 1 ]
  [[ "$output" == *"uses cmov"*" at "*", which the Pentium MMX and the AMD K6 lack"* ]]
}

@test "the audit rejects a DLL outside the allowed list" {
  run env OBJDUMP="$BATS_TEST_DIRNAME/fake-objdump.sh" DELAY_IMPORTS=true tests/audit/xp-audit.sh i686 whatever.exe
  [ "$status" -eq 1 ]
  [[ "$output" == *"imports from bcrypt.dll, which is not on the allowed list"* ]]
  [[ "$output" == *"msvcrt.dll!wcscpy_s is missing on Windows XP"* ]]
}

@test "the audit rejects post-XP functions in delay-load imports, which objdump does not list" {
  run tests/audit/xp-audit.sh x86_64 build/audit/delay-loads-post-xp.exe
  [ "$status" -eq 1 ]
  [[ "$output" == *"kernel32.dll!GetTickCount64 (loaded at first use) is missing on Windows XP"* ]]
  # inet_pton's name in lower case escapes the search of the file's strings: only the
  # delay-load table shows it.
  [[ "$output" == *"ws2_32.dll!inet_pton (loaded at first use) is missing on Windows XP"* ]]
  [[ "$output" != *"looks up inet_pton"* ]]
}

@test "the audit rejects a DLL outside the allowed list loaded at first use" {
  run env OBJDUMP=x86_64-w64-mingw32-objdump DELAY_IMPORTS="$BATS_TEST_DIRNAME/fake-delay-imports.sh" \
    tests/audit/xp-audit.sh x86_64 build/x86_64/tlsswitch.exe
  [ "$status" -eq 1 ]
  [[ "$output" == *"imports from bcrypt.dll at first use, which is not on the allowed list"* ]]
}

@test "the audit accepts both real executables, and sees the DLLs they load at first use" {
  run tests/audit/xp-audit.sh i686 build/i686/tlsswitch.exe
  [ "$status" -eq 0 ]
  [[ "$output" == *"(loaded at first use: crypt32 gdi32 secur32 user32)"* ]]
  run tests/audit/xp-audit.sh x86_64 build/x86_64/tlsswitch.exe
  [ "$status" -eq 0 ]
  [[ "$output" == *"(loaded at first use: crypt32 gdi32 secur32 user32)"* ]]
}

@test "the audit checks BearSSL's i686 archive: it rejects BearSSL's own AES-NI code and accepts ours" {
  run tests/audit/xp-audit.sh i686-code build/audit/bearssl-aesni.o
  [ "$status" -eq 1 ]
  [[ "$output" == *"(i686 code) will not run on Windows XP's oldest processors"* ]]
  [[ "$output" == *"uses movups at "*", which the Pentium MMX and the AMD K6 lack"* ]]
  run tests/audit/xp-audit.sh i686-code build/i686/libbearssl.a
  [ "$status" -eq 0 ]
  [[ "$output" == *"(i686 code): instructions are XP-safe"* ]]
}
