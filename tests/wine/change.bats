#!/usr/bin/env bats
# /apply, /set, /whatif, /backup, /restore, /undo and /log in the XP-like prefix.
# Values are checked with `wine reg query` and `wine reg export`, never with TLS Switch.

load helper

setup() {
  reset_protocols
  rm -rf "$BACKUPS"
}

@test "/apply recommended writes exactly the recommended values, then has nothing to do" {
  run errorlevel_run /apply recommended /lang en
  [[ "$output" == *"Done: 9 changes written."* ]]
  [[ "$output" == *"Restart your mail program now."* ]]
  [[ "$output" == *"ERRORLEVEL=3010" ]]
  [ "$(reg_value "SSL 2.0" Enabled)" = 0x0 ]
  [ "$(reg_value "SSL 2.0" DisabledByDefault)" = 0x1 ]
  [ "$(reg_value "SSL 3.0" Enabled)" = 0x0 ]
  [ "$(reg_value "SSL 3.0" DisabledByDefault)" = 0x1 ]
  run key_present "$(client_key "TLS 1.0")"
  [ "$status" -ne 0 ]
  [ "$(reg_value "TLS 1.1" Enabled)" = 0x1 ]
  [ "$(reg_value "TLS 1.1" DisabledByDefault)" = 0x0 ]
  [ "$(reg_value "TLS 1.2" Enabled)" = 0x1 ]
  [ "$(reg_value "TLS 1.2" DisabledByDefault)" = 0x0 ]
  run errorlevel_run /apply recommended /lang en
  [[ "$output" == *"nothing to change"* ]]
  [[ "$output" == *"ERRORLEVEL=0" ]]
}

@test "/apply tls12only turns off everything but TLS 1.2" {
  run --separate-stderr tlsswitch /apply tls12only /lang en
  echo "status $status: $output $stderr"
  [ "$status" -eq $((3010 % 256)) ]
  for protocol in "SSL 2.0" "SSL 3.0" "TLS 1.0" "TLS 1.1"; do
    [ "$(reg_value "$protocol" Enabled)" = 0x0 ]
    [ "$(reg_value "$protocol" DisabledByDefault)" = 0x1 ]
  done
  [ "$(reg_value "TLS 1.2" Enabled)" = 0x1 ]
  [ "$(reg_value "TLS 1.2" DisabledByDefault)" = 0x0 ]
}

@test "/apply osdefault deletes the values and the keys left empty, and nothing else" {
  set_dword "TLS 1.0" Enabled 1
  wine reg add "$PROTOCOLS\\TLS 1.1\\Server" /v Enabled /t REG_DWORD /d 1 /f >/dev/null 3>&-
  run --separate-stderr tlsswitch /apply osdefault /lang en
  [ "$status" -eq $((3010 % 256)) ]
  run key_present "$PROTOCOLS\\SSL 2.0"
  [ "$status" -ne 0 ]
  run key_present "$PROTOCOLS\\TLS 1.2"
  [ "$status" -ne 0 ]
  run key_present "$PROTOCOLS\\TLS 1.0"
  [ "$status" -ne 0 ]
  run key_present "$(client_key "TLS 1.1")"
  [ "$status" -ne 0 ]
  run key_present "$PROTOCOLS\\TLS 1.1\\Server"
  [ "$status" -eq 0 ]
  run key_present "$PROTOCOLS"
  [ "$status" -eq 0 ]
}

@test "/set writes on, optin, off and default as documented" {
  run --separate-stderr tlsswitch /set tls1.0=optin,ssl3=on,tls1.2=off /lang en
  [ "$status" -eq $((3010 % 256)) ]
  [ "$(reg_value "TLS 1.0" Enabled)" = 0x1 ]
  [ "$(reg_value "TLS 1.0" DisabledByDefault)" = 0x1 ]
  [ "$(reg_value "SSL 3.0" Enabled)" = 0x1 ]
  [ "$(reg_value "SSL 3.0" DisabledByDefault)" = 0x0 ]
  [ "$(reg_value "TLS 1.2" Enabled)" = 0x0 ]
  [ "$(reg_value "TLS 1.2" DisabledByDefault)" = 0x1 ]
  [ "$(reg_value "TLS 1.1" DisabledByDefault)" = 0x1 ]   # not named: unchanged
  run --separate-stderr tlsswitch /set TLS1.2=default /lang en
  [ "$status" -eq $((3010 % 256)) ]
  run key_present "$PROTOCOLS\\TLS 1.2"
  [ "$status" -ne 0 ]
}

@test "/set and /apply replace a value of the wrong type" {
  wine reg add "$(client_key "TLS 1.2")" /v Enabled /t REG_SZ /d 1 /f >/dev/null 3>&-
  run --separate-stderr tlsswitch /set tls1.2=on /lang en
  [ "$status" -eq $((3010 % 256)) ]
  run wine reg query "$(client_key "TLS 1.2")" /v Enabled
  [[ "$output" == *"REG_DWORD"*"0x1"* ]]
}

@test "/whatif prints old -> new and writes nothing, not even a backup" {
  export_protocols "$BATS_TEST_TMPDIR/before.reg"
  run --separate-stderr tlsswitch /apply recommended /whatif /lang en
  [ "$status" -eq 0 ]
  [[ "$output" == *"Changes (old -> new):"* ]]
  [[ "$output" == *"TLS 1.2\\Client\\DisabledByDefault: 1 -> 0"* ]]
  [[ "$output" == *"TLS 1.2\\Client\\Enabled: absent -> 1"* ]]
  [[ "$output" == *"/whatif: nothing was written."* ]]
  export_protocols "$BATS_TEST_TMPDIR/after.reg"
  cmp "$BATS_TEST_TMPDIR/before.reg" "$BATS_TEST_TMPDIR/after.reg"
  [ "$(backup_count)" -eq 0 ]
}

@test "backup, apply, restore gives back a byte-identical export; regedit /s agrees" {
  set_dword "TLS 1.0" Enabled 1
  export_protocols "$BATS_TEST_TMPDIR/before.reg"
  run --separate-stderr tlsswitch /backup "$(wine_path "$BATS_TEST_TMPDIR/saved.reg")" /lang en
  [ "$status" -eq 0 ]
  # A Unicode .reg file with BOM, the 5.00 header and CRLF, as regedit writes.
  [ "$(head -c 2 "$BATS_TEST_TMPDIR/saved.reg" | od -An -tx1 | tr -d ' ')" = fffe ]
  iconv -f UTF-16LE -t UTF-8 "$BATS_TEST_TMPDIR/saved.reg" | head -1 | grep -q $'Windows Registry Editor Version 5.00\r'

  run --separate-stderr tlsswitch /apply tls12only /lang en
  [ "$status" -eq $((3010 % 256)) ]
  run --separate-stderr tlsswitch /restore "$(wine_path "$BATS_TEST_TMPDIR/saved.reg")" /lang en
  [ "$status" -eq $((3010 % 256)) ]
  export_protocols "$BATS_TEST_TMPDIR/restored.reg"
  cmp "$BATS_TEST_TMPDIR/before.reg" "$BATS_TEST_TMPDIR/restored.reg"

  run --separate-stderr tlsswitch /apply tls12only /lang en
  wine regedit /s "$(wine_path "$BATS_TEST_TMPDIR/saved.reg")" 3>&-
  export_protocols "$BATS_TEST_TMPDIR/imported.reg"
  cmp "$BATS_TEST_TMPDIR/before.reg" "$BATS_TEST_TMPDIR/imported.reg"
}

@test "every change leaves an automatic backup, and /undo undoes the change, saying which and when" {
  export_protocols "$BATS_TEST_TMPDIR/before.reg"
  run --separate-stderr tlsswitch /apply recommended /lang en
  [ "$status" -eq $((3010 % 256)) ]
  [[ "$output" == *"Backup of the old settings: C:\\ProgramData\\TLS Switch\\backups\\"*"-apply.reg"* ]]
  [ "$(backup_count)" -eq 1 ]
  run errorlevel_run /undo /lang en
  [[ "$output" =~ "Undoing the last change that was kept: tlsswitch /apply recommended, made "[0-9]{4}-[0-9]{2}-[0-9]{2}" "[0-9]{2}:[0-9]{2}:[0-9]{2}"." ]]
  [[ "$output" == *"Restoring from C:\\ProgramData\\TLS Switch\\backups\\"*"-apply.reg"* ]]
  [[ "$output" == *"ERRORLEVEL=3010" ]]
  export_protocols "$BATS_TEST_TMPDIR/after.reg"
  cmp "$BATS_TEST_TMPDIR/before.reg" "$BATS_TEST_TMPDIR/after.reg"
  # /undo made a backup too, but it is never undone: there is nothing left to undo.
  [ "$(backup_count)" -eq 2 ]
  run --separate-stderr tlsswitch /undo /lang en
  [ "$status" -eq 4 ]
  [[ "$stderr" == *"has been undone or was rolled back: there is no change left to undo."* ]]
  export_protocols "$BATS_TEST_TMPDIR/after.reg"
  cmp "$BATS_TEST_TMPDIR/before.reg" "$BATS_TEST_TMPDIR/after.reg"
}

@test "apply, a failed apply that is rolled back, undo: the state from before the first apply comes back" {
  export_protocols "$BATS_TEST_TMPDIR/before.reg"
  run --separate-stderr tlsswitch /apply recommended /lang en
  [ "$status" -eq $((3010 % 256)) ]
  first=$(find "$BACKUPS" -name '*-apply.reg')
  run env TLSSWITCH_TEST_FAIL_WRITE=3 wine "$TLSSWITCH_EXE" /apply tls12only /lang en 3>&- </dev/null
  [ "$status" -eq 5 ]
  [ "$(backup_count)" -eq 2 ]   # the failed change's backup is the newest
  run --separate-stderr tlsswitch /undo /lang en
  [ "$status" -eq $((3010 % 256)) ]
  [[ "$output" == *"Undoing the last change that was kept: tlsswitch /apply recommended, made "* ]]
  [[ "$output" == *"Restoring from $(wine_path "$first")"* ]]
  export_protocols "$BATS_TEST_TMPDIR/after.reg"
  cmp "$BATS_TEST_TMPDIR/before.reg" "$BATS_TEST_TMPDIR/after.reg"
  # The record beside the backups says how each change ended.
  record=$(tr -d '\r' <"$BACKUPS/changes.txt")
  [[ "$record" == *$'undone\t'*$'-apply.reg\t/apply recommended'* ]]
  [[ "$record" == *$'rolled-back\t'*$'-apply.reg\t/apply tls12only'* ]]
  [[ "$record" == *$'kept\t'*$'-undo.reg\t/undo'* ]]
}

@test "/undo twice undoes the two last kept changes in turn" {
  export_protocols "$BATS_TEST_TMPDIR/before.reg"
  run --separate-stderr tlsswitch /apply recommended /lang en
  export_protocols "$BATS_TEST_TMPDIR/between.reg"
  run --separate-stderr tlsswitch /set tls1.0=off /lang en
  [ "$status" -eq $((3010 % 256)) ]
  run --separate-stderr tlsswitch /undo /lang en
  [ "$status" -eq $((3010 % 256)) ]
  [[ "$output" == *"Undoing the last change that was kept: tlsswitch /set tls1.0=off, made "* ]]
  export_protocols "$BATS_TEST_TMPDIR/after.reg"
  cmp "$BATS_TEST_TMPDIR/between.reg" "$BATS_TEST_TMPDIR/after.reg"
  run --separate-stderr tlsswitch /undo /lang en
  [ "$status" -eq $((3010 % 256)) ]
  [[ "$output" == *"Undoing the last change that was kept: tlsswitch /apply recommended, made "* ]]
  export_protocols "$BATS_TEST_TMPDIR/after.reg"
  cmp "$BATS_TEST_TMPDIR/before.reg" "$BATS_TEST_TMPDIR/after.reg"
}

@test "/undo with a damaged record says so, goes by the backups, and begins a new record" {
  export_protocols "$BATS_TEST_TMPDIR/before.reg"
  run --separate-stderr tlsswitch /apply recommended /lang en
  run env TLSSWITCH_TEST_FAIL_WRITE=2 wine "$TLSSWITCH_EXE" /apply tls12only /lang en 3>&- </dev/null
  [ "$status" -eq 5 ]
  printf 'TLS Switch record of changes 1\r\nkept\t2026-1' >"$BACKUPS/changes.txt"
  run --separate-stderr tlsswitch /undo /lang en
  [ "$status" -eq $((3010 % 256)) ]
  [[ "$stderr" == *"the record of changes C:\\ProgramData\\TLS Switch\\backups\\changes.txt is damaged (line 2 cannot be read)"* ]]
  [[ "$stderr" == *"Going by the backups themselves instead."* ]]
  [[ "$output" == *"The backups show that the last change kept was tlsswitch /apply, made "*" (its backup: "*"-apply.reg): undoing that change."* ]]
  [[ "$stderr" == *"was damaged (line 2 cannot be read); it is kept as C:\\ProgramData\\TLS Switch\\backups\\changes-damaged-"*".txt, and a new record is begun."* ]]
  export_protocols "$BATS_TEST_TMPDIR/after.reg"
  cmp "$BATS_TEST_TMPDIR/before.reg" "$BATS_TEST_TMPDIR/after.reg"
  [ "$(find "$BACKUPS" -name 'changes-damaged-*.txt' | wc -l)" -eq 1 ]
  [ "$(tr -d '\r' <"$BACKUPS/changes.txt" | grep -c .)" -eq 2 ]   # its first line and this /undo
}

@test "/undo without its record says so and still skips the rolled-back change" {
  export_protocols "$BATS_TEST_TMPDIR/before.reg"
  run --separate-stderr tlsswitch /apply recommended /lang en
  run env TLSSWITCH_TEST_FAIL_WRITE=2 wine "$TLSSWITCH_EXE" /apply tls12only /lang en 3>&- </dev/null
  rm "$BACKUPS/changes.txt"
  run --separate-stderr tlsswitch /undo /lang en
  [ "$status" -eq $((3010 % 256)) ]
  [[ "$stderr" == *"the record of changes C:\\ProgramData\\TLS Switch\\backups\\changes.txt is missing, so it is not known which changes were kept."* ]]
  export_protocols "$BATS_TEST_TMPDIR/after.reg"
  cmp "$BATS_TEST_TMPDIR/before.reg" "$BATS_TEST_TMPDIR/after.reg"
}

@test "the colon form /apply:PROFILE names its backup like /apply PROFILE" {
  log="$BATS_TEST_TMPDIR/colon.log"
  run --separate-stderr tlsswitch /apply:recommended /log:"$(wine_path "$log")" /lang:en
  [ "$status" -eq $((3010 % 256)) ]
  [ "$(find "$BACKUPS" -name '*-apply.reg' | wc -l)" -eq 1 ]
  grep -q 'tlsswitch /apply recommended: ' "$log"
  iconv -f UTF-16LE -t UTF-8 "$(find "$BACKUPS" -name '*-apply.reg')" | grep -q '; TLS Switch .* before: tlsswitch /apply recommended'
}

@test "/undo with no backup says so and exits 4" {
  run --separate-stderr tlsswitch /undo /lang en
  [ "$status" -eq 4 ]
  [[ "$stderr" == *"there is no automatic backup to undo"* ]]
}

@test "/nobackup changes without a backup" {
  run --separate-stderr tlsswitch /apply recommended /nobackup /lang en
  [ "$status" -eq $((3010 % 256)) ]
  [ "$(backup_count)" -eq 0 ]
}

@test "files from reg export, regedit /e and a hand-written REGEDIT4 file restore" {
  set_dword "TLS 1.2" Enabled 1
  set_dword "TLS 1.2" DisabledByDefault 0
  set_dword "TLS 1.1" Enabled 0
  export_protocols "$BATS_TEST_TMPDIR/wanted.reg"
  cp "$BATS_TEST_TMPDIR/wanted.reg" "$BATS_TEST_TMPDIR/reg-export.reg"
  wine regedit /e "$(wine_path "$BATS_TEST_TMPDIR/regedit-e.reg")" "HKEY_LOCAL_MACHINE${PROTOCOLS#HKLM}" 3>&- </dev/null
  [ -s "$BATS_TEST_TMPDIR/regedit-e.reg" ]

  for file in reg-export.reg regedit-e.reg; do
    reset_protocols
    run --separate-stderr tlsswitch /restore "$(wine_path "$BATS_TEST_TMPDIR/$file")" /lang en
    [ "$status" -eq $((3010 % 256)) ]
    export_protocols "$BATS_TEST_TMPDIR/restored.reg"
    cmp "$BATS_TEST_TMPDIR/wanted.reg" "$BATS_TEST_TMPDIR/restored.reg"
  done

  reset_protocols
  run --separate-stderr tlsswitch /restore "$(wine_path "$ROOT/tests/data/good/handwritten-regedit4.reg")" /lang en
  [ "$status" -eq $((3010 % 256)) ]
  [ "$(reg_value "TLS 1.2" Enabled)" = 0x1 ]
  [ "$(reg_value "TLS 1.2" DisabledByDefault)" = 0x0 ]
  [ "$(reg_value "SSL 3.0" Enabled)" = 0x0 ]
  run key_present "$PROTOCOLS\\SSL 2.0"
  [ "$status" -ne 0 ]
}

@test "malformed and hostile files are refused with exit 4 and their line, and change nothing" {
  export_protocols "$BATS_TEST_TMPDIR/before.reg"
  count=0
  failures=""
  while IFS=$'\t' read -r file line words; do
    [[ -z "$file" || "$file" == \#* ]] && continue
    count=$((count + 1))
    path=$(wine_path "$ROOT/tests/data/bad/$file")
    run --separate-stderr tlsswitch /restore "$path" /lang en
    if [ "$status" -ne 4 ] || [[ "$stderr" != *"Error: $path, line $line: "*"$words"* ]]; then
      failures+="$file: status $status, stderr: $stderr"$'\n'
    fi
  done <"$ROOT/tests/data/bad/EXPECTED.tsv"
  echo "$failures"
  [ -z "$failures" ]
  [ "$count" -ge 30 ]
  export_protocols "$BATS_TEST_TMPDIR/after.reg"
  cmp "$BATS_TEST_TMPDIR/before.reg" "$BATS_TEST_TMPDIR/after.reg"
  [ "$(backup_count)" -eq 0 ]
}

@test "a file that plants a Run key is refused and the Run key is not written" {
  run --separate-stderr tlsswitch /restore "$(wine_path "$ROOT/tests/data/bad/run-key-after-good.reg")" /lang en
  [ "$status" -eq 4 ]
  [[ "$stderr" == *"line 6"*"is outside HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL"* ]]
  run wine reg query 'HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion\Run' /v x
  [ "$status" -ne 0 ]
  # Its good first half was not written either.
  [ "$(reg_value "TLS 1.2" Enabled)" = absent ]
}

@test "a missing file and wrong arguments are clear errors" {
  run --separate-stderr tlsswitch /restore 'C:\no\such.reg' /lang en
  [ "$status" -eq 4 ]
  [[ "$stderr" == *"cannot read C:\\no\\such.reg"* ]]
  run --separate-stderr tlsswitch /apply best /lang en
  [ "$status" -eq 1 ]
  [[ "$stderr" == *"unknown profile \"best\""* ]]
  run --separate-stderr tlsswitch /set tls1.3=on /lang en
  [ "$status" -eq 1 ]
  [[ "$stderr" == *"\"tls1.3=on\" is not PROTOCOL=STATE"* ]]
}

@test "/backup does not overwrite an existing file" {
  echo keep >"$BATS_TEST_TMPDIR/exists.reg"
  run --separate-stderr tlsswitch /backup "$(wine_path "$BATS_TEST_TMPDIR/exists.reg")" /lang en
  [ "$status" -eq 4 ]
  [[ "$stderr" == *"already exists"* ]]
  [ "$(cat "$BATS_TEST_TMPDIR/exists.reg")" = keep ]
}

@test "a path with spaces and Japanese letters reaches /backup and /restore whole" {
  # The program splits its command line with msvcrt.dll's own __wgetmainargs (src/main.c).
  mkdir -p "$BATS_TEST_TMPDIR/設定 の 控え"
  file="$BATS_TEST_TMPDIR/設定 の 控え/バックアップ 1.reg"
  run --separate-stderr tlsswitch /backup "$(wine_path "$file")" /lang en
  [ "$status" -eq 0 ]
  [ -s "$file" ]
  run --separate-stderr tlsswitch /restore "$(wine_path "$file")" /lang en
  [ "$status" -eq 0 ]
  [[ "$output" == *"Restoring from "*" 1.reg"* ]]
  [[ "$stderr" != *"cannot"* ]]
}

@test "/backup to a device name (nul.reg, which is NUL on XP) is refused: no file would hold it" {
  run --separate-stderr tlsswitch /backup nul.reg /lang en
  [ "$status" -eq 4 ]
  [[ "$stderr" == *"cannot write nul.reg"* ]]
  [[ "$output" != *"Backup of the old settings"* ]]
}

@test "a write that fails at any point is undone: the registry ends as it began" {
  set_dword "TLS 1.0" Enabled 1
  export_protocols "$BATS_TEST_TMPDIR/before.reg"
  n=1
  while :; do
    run env TLSSWITCH_TEST_FAIL_WRITE=$n wine "$TLSSWITCH_EXE" /apply tls12only /nobackup /lang en 3>&-
    if [ "$status" -eq $((3010 % 256)) ]; then break; fi
    [ "$status" -eq 5 ]
    [[ "$output" == *"writing to the registry failed"*"nothing was changed"* ]]
    export_protocols "$BATS_TEST_TMPDIR/after.reg"
    cmp "$BATS_TEST_TMPDIR/before.reg" "$BATS_TEST_TMPDIR/after.reg"
    n=$((n + 1))
  done
  [ "$n" -gt 8 ]
}

@test "a restore that fails at any point is undone too" {
  run --separate-stderr tlsswitch /apply tls12only /lang en
  export_protocols "$BATS_TEST_TMPDIR/before.reg"
  backup=$(find "$BACKUPS" -name '*-apply.reg')
  for n in 1 2 3 5 8; do
    run env TLSSWITCH_TEST_FAIL_WRITE=$n wine "$TLSSWITCH_EXE" /restore "$(wine_path "$backup")" /nobackup /lang en 3>&-
    [ "$status" -eq 5 ]
    export_protocols "$BATS_TEST_TMPDIR/after.reg"
    cmp "$BATS_TEST_TMPDIR/before.reg" "$BATS_TEST_TMPDIR/after.reg"
  done
}

@test "a failed write and a failed rollback (two faults): exit 7, and the backup to restore by path" {
  export_protocols "$BATS_TEST_TMPDIR/before.reg"
  # The third write fails, and the rollback's first write (the fourth) too.
  run env TLSSWITCH_TEST_FAIL_WRITE=3,4 wine "$TLSSWITCH_EXE" /apply recommended /lang en 3>&- </dev/null
  [ "$status" -eq 7 ]
  backup=$(find "$BACKUPS" -name '*-apply.reg')
  [[ "$output" == *"putting the old values back failed too"* ]]
  [[ "$output" == *"Restore the backup with: tlsswitch /restore \"$(wine_path "$backup")\""* ]]
  export_protocols "$BATS_TEST_TMPDIR/half.reg"
  ! cmp -s "$BATS_TEST_TMPDIR/before.reg" "$BATS_TEST_TMPDIR/half.reg"
  run --separate-stderr tlsswitch /restore "$(wine_path "$backup")" /lang en
  [ "$status" -eq $((3010 % 256)) ]
  export_protocols "$BATS_TEST_TMPDIR/after.reg"
  cmp "$BATS_TEST_TMPDIR/before.reg" "$BATS_TEST_TMPDIR/after.reg"
}

# Runs tlsswitch ARGS from a batch file with the fault switch FAULT set, and prints what it
# printed (both streams), then ERRORLEVEL=N: the code a script sees.
faulty_errorlevel_run() { # faulty_errorlevel_run FAULT ARGS...
  local fault=$1 exe
  shift
  exe=$(wine_path "$TLSSWITCH_EXE")
  printf '@echo off\r\nset TLSSWITCH_TEST_FAIL_WRITE=%s\r\n"%s" %s 2>&1\r\necho ERRORLEVEL=%%ERRORLEVEL%%\r\n' \
    "$fault" "$exe" "$*" >"$WINEPREFIX/drive_c/faulty.bat"
  wine cmd /c 'C:\faulty.bat' 2>/dev/null 3>&- </dev/null | tr -d '\r'
}

@test "a fully rolled-back change keeps exit 5; the half-changed one is 7 and /undo takes it back" {
  export_protocols "$BATS_TEST_TMPDIR/before.reg"
  run faulty_errorlevel_run 3 /apply recommended /lang en
  [[ "$output" == *"Everything already written was put back: nothing was changed."* ]]
  [[ "$output" == *"ERRORLEVEL=5" ]]
  export_protocols "$BATS_TEST_TMPDIR/after.reg"
  cmp "$BATS_TEST_TMPDIR/before.reg" "$BATS_TEST_TMPDIR/after.reg"
  run faulty_errorlevel_run 3,4 /apply recommended /lang en
  [[ "$output" == *"Restore the backup with: tlsswitch /restore "* ]]
  [[ "$output" == *"ERRORLEVEL=7" ]]
  run --separate-stderr tlsswitch /undo /lang en
  [ "$status" -eq $((3010 % 256)) ]
  [[ "$output" == *"Undoing the last change that was kept: tlsswitch /apply recommended, made "* ]]
  [[ "$output" == *"That change did not finish"* ]]
  export_protocols "$BATS_TEST_TMPDIR/after.reg"
  cmp "$BATS_TEST_TMPDIR/before.reg" "$BATS_TEST_TMPDIR/after.reg"
}

# The SDDL of a key's security descriptor (owner, group, DACL), or what went wrong.
key_security() { # key_security get|set KEY [SDDL]
  wine "$ROOT/build/tests/key_security.exe" "$@" 2>&1 3>&- </dev/null | tr -d '\r'
}

TLS11_CLIENT='SYSTEM\CurrentControlSet\Control\SecurityProviders\SCHANNEL\Protocols\TLS 1.1\Client'
OWN_SDDL='O:BAG:SYD:P(A;;KA;;;BA)(A;;KA;;;SY)(A;;KR;;;WD)'

@test "a deleted key with its own security descriptor: a rollback puts it back with the same one" {
  key_security set "$TLS11_CLIENT" "$OWN_SDDL"
  [ "$(key_security get "$TLS11_CLIENT")" = "$OWN_SDDL" ]
  export_protocols "$BATS_TEST_TMPDIR/before.reg"
  # osdefault deletes TLS 1.1\Client; its last write fails, after every key is deleted.
  last=$(tlsswitch /apply osdefault /whatif /lang en | grep -c '^  ')
  run env TLSSWITCH_TEST_FAIL_WRITE=$last wine "$TLSSWITCH_EXE" /apply osdefault /lang en 3>&- </dev/null
  [ "$status" -eq 5 ]
  [[ "$output" == *"delete key HKLM\\$TLS11_CLIENT"* ]]
  [[ "$output" != *"could not be set"* ]]
  export_protocols "$BATS_TEST_TMPDIR/after.reg"
  cmp "$BATS_TEST_TMPDIR/before.reg" "$BATS_TEST_TMPDIR/after.reg"
  [ "$(key_security get "$TLS11_CLIENT")" = "$OWN_SDDL" ]
}

@test "a deleted key with its own security descriptor: its backup keeps it, and /undo puts it back" {
  key_security set "$TLS11_CLIENT" "$OWN_SDDL"
  run --separate-stderr tlsswitch /apply osdefault /lang en
  [ "$status" -eq $((3010 % 256)) ]
  run key_present "HKLM\\$TLS11_CLIENT"
  [ "$status" -ne 0 ]
  iconv -f UTF-16LE -t UTF-8 "$(find "$BACKUPS" -name '*-apply.reg')" | grep -q '^; TLS Switch key security: hex:01,00,'
  run --separate-stderr tlsswitch /undo /lang en
  [ "$status" -eq $((3010 % 256)) ]
  [[ "$output" == *"create key HKLM\\$TLS11_CLIENT, with its permissions saved in the backup"* ]]
  [ "$(key_security get "$TLS11_CLIENT")" = "$OWN_SDDL" ]
  [ "$(reg_value "TLS 1.1" DisabledByDefault)" = 0x1 ]
}

@test "where setting a key's saved security descriptor is refused, the result says so" {
  key_security set "$TLS11_CLIENT" "$OWN_SDDL"
  export_protocols "$BATS_TEST_TMPDIR/before.reg"
  last=$(tlsswitch /apply osdefault /whatif /lang en | grep -c '^  ')
  run env TLSSWITCH_TEST_FAIL_WRITE=$last TLSSWITCH_TEST_DENY_SECURITY=1 wine "$TLSSWITCH_EXE" /apply osdefault /lang en 3>&- </dev/null
  [ "$status" -eq 5 ]
  [[ "$output" == *"Everything already written was put back"* ]]
  [[ "$output" == *"key(s) were put back with their values, but their saved permissions could not be set"*"(ERROR_ACCESS_DENIED (5)"* ]]
  export_protocols "$BATS_TEST_TMPDIR/after.reg"
  cmp "$BATS_TEST_TMPDIR/before.reg" "$BATS_TEST_TMPDIR/after.reg"
  [ "$(key_security get "$TLS11_CLIENT")" != "$OWN_SDDL" ]
}

@test "a key whose permissions refuse even an administrator is named, with what to do; nothing is written" {
  key_security set "$TLS11_CLIENT" 'O:BAG:SYD:P(A;;KR;;;BA)(A;;KA;;;SY)'
  export_protocols "$BATS_TEST_TMPDIR/before.reg"
  run --separate-stderr tlsswitch /apply recommended /lang en
  key_security set "$TLS11_CLIENT" 'O:BAG:SYD:(A;;KA;;;BA)(A;;KA;;;SY)'   # writable again for the next tests
  [ "$status" -eq 2 ]
  [[ "$stderr" == *"the permissions of the registry key HKLM\\$TLS11_CLIENT forbid this change, even to an administrator. Nothing was changed."* ]]
  [[ "$stderr" == *"run regedit, go to that key, right-click it and choose Permissions, select Administrators and tick Full Control under Allow"* ]]
  [[ "$stderr" != *"only an administrator"* ]]
  export_protocols "$BATS_TEST_TMPDIR/after.reg"
  cmp "$BATS_TEST_TMPDIR/before.reg" "$BATS_TEST_TMPDIR/after.reg"
  [ "$(backup_count)" -eq 0 ]
}

@test "without write access nothing is written and the message says how to run as administrator" {
  export_protocols "$BATS_TEST_TMPDIR/before.reg"
  run env TLSSWITCH_TEST_DENY_WRITE=1 wine "$TLSSWITCH_EXE" /apply recommended /lang en 3>&-
  [ "$status" -eq 2 ]
  [[ "$output" == *"only an administrator can change these settings"* ]]
  [[ "$output" == *"Run as administrator"* ]]
  export_protocols "$BATS_TEST_TMPDIR/after.reg"
  cmp "$BATS_TEST_TMPDIR/before.reg" "$BATS_TEST_TMPDIR/after.reg"
  [ "$(backup_count)" -eq 0 ]
}

# hold_mutex SECONDS [MODE]: tests/wine/hold_mutex.c in the background, once it holds the
# change lock (or, with squat, its name); its pid in holder_pid.
hold_mutex() {
  local holder="$BATS_TEST_TMPDIR/holder.txt"
  wine "$ROOT/build/tests/hold_mutex.exe" "$@" >"$holder" 2>/dev/null 3>&- &
  holder_pid=$!
  for _ in $(seq 100); do grep -q held "$holder" 2>/dev/null && break; sleep 0.1; done
  grep -q held "$holder"
}

@test "a second TLS Switch waits, then gives up with exit 6 and changes nothing" {
  hold_mutex 15
  run --separate-stderr tlsswitch /apply recommended /lang en
  kill "$holder_pid" 2>/dev/null || true
  wait "$holder_pid" 2>/dev/null || true
  [ "$status" -eq 6 ]
  [[ "$stderr" == *"another TLS Switch is changing the settings"* ]]
  [ "$(reg_value "TLS 1.2" Enabled)" = absent ]
}

@test "a TLS Switch waiting for one that is ended mid-change says so, then changes" {
  hold_mutex 4 abandon   # long enough for tlsswitch to start and wait (it waits 5 s)
  run --separate-stderr tlsswitch /apply recommended /lang en
  wait "$holder_pid" 2>/dev/null || true
  [ "$status" -eq $((3010 % 256)) ]
  [[ "$stderr" == *"Waiting for another TLS Switch"* ]]
  [[ "$stderr" == *"was ended before it had finished"*"TLS Switch\\backups from before this run"* ]]
  [ "$(reg_value "TLS 1.2" Enabled)" = 0x1 ]
}

@test "without the lock (another object has its name) nothing is changed and the exit is 5" {
  hold_mutex 15 squat
  run --separate-stderr tlsswitch /apply recommended /lang en
  kill "$holder_pid" 2>/dev/null || true
  wait "$holder_pid" 2>/dev/null || true
  [ "$status" -eq 5 ]
  [[ "$stderr" == *"cannot make sure that no other TLS Switch is changing the settings"*"Nothing was changed."* ]]
  [ "$(reg_value "TLS 1.2" Enabled)" = absent ]
  [ "$(backup_count)" -eq 0 ]
}

@test "/log appends a timestamped line for every value changed" {
  log="$BATS_TEST_TMPDIR/changes.log"
  run --separate-stderr tlsswitch /set tls1.2=on /log "$(wine_path "$log")" /lang en
  [ "$status" -eq $((3010 % 256)) ]
  run --separate-stderr tlsswitch /set tls1.1=on /log "$(wine_path "$log")" /lang en
  [ "$(grep -c 'tlsswitch /set' "$log")" -eq 4 ]
  grep -qE $'^(\xef\xbb\xbf)?[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2} tlsswitch /set tls1.2=on: HKLM.*TLS 1.2.Client.Enabled: absent -> 1\r$' "$log"
  grep -q 'TLS 1.1.Client.DisabledByDefault: 1 -> 0' "$log"
  # One BOM, at the start: Notepad on XP reads the file as UTF-8.
  [ "$(head -c 3 "$log" | od -An -tx1 | tr -d ' \n')" = efbbbf ]
  [ "$(grep -c $'\xef\xbb\xbf' "$log")" -eq 1 ]
}

@test "messages of the change commands are in Japanese for a Japanese user" {
  run bash -c 'LC_ALL=ja_JP.UTF-8 wine "$TLSSWITCH_EXE" /apply recommended /whatif 2>/dev/null 3>&- | iconv -f CP932 -t UTF-8'
  [[ "$output" == *"変更内容 (変更前 -> 変更後):"* ]]
  [[ "$output" == *"/whatif: 何も書き込んでいません。"* ]]
}
