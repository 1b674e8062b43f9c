#!/usr/bin/env bats
# /status and /status /csv in an XP-like Wine prefix, against values set with `wine reg`.

load helper

setup() {
  reset_protocols
  wine reg add 'HKLM\SYSTEM\WPA\POSReady' /v Installed /t REG_DWORD /d 1 /f >/dev/null
}

@test "status of XP with POSReady updates before the fix" {
  run --separate-stderr tlsswitch /status /lang en
  [ "$status" -eq 0 ]
  [[ "$output" == *"Windows: Windows XP Service Pack 3 (5.1.2600, 64-bit)"* ]]
  [[ "$output" == *"POSReady 2009 update flag: set"* ]]
  row_is "Protocol" "Enabled" "DisabledByDefault" "For programs" "This Windows"
  row_is "TLS 1.2" "absent" "1" "only when a program asks" "supported"
  row_is "TLS 1.1" "absent" "1" "only when a program asks" "supported"
  row_is "TLS 1.0" "absent" "absent" "left to Windows' default" "supported"
  [[ "$output" == *"Older mail programs on this PC cannot use TLS 1.2"* ]]
  [[ "$output" == *"This Windows can do TLS 1.2, but it is not used by default."* ]]
}

@test "status as CSV for the same state" {
  run --separate-stderr tlsswitch /status /csv
  [ "$status" -eq 0 ]
  [ "$(sed -n 1p <<<"$output" | tr -d '\r')" = "protocol,role,enabled,disabled_by_default,effective,os_support" ]
  [ "$(line_of ssl2,)" = "ssl2,client,absent,1,optin,no" ]
  [ "$(line_of tls1.0,)" = "tls1.0,client,absent,absent,osdefault,yes" ]
  [ "$(line_of tls1.1,)" = "tls1.1,client,absent,1,optin,yes" ]
  [ "$(line_of tls1.2,)" = "tls1.2,client,absent,1,optin,yes" ]
  # Wine's GnuTLS has no SSL 3.0; a real XP would say yes. Either way not "unknown".
  [[ "$(line_of ssl3,)" =~ ^ssl3,client,absent,absent,osdefault,(yes|no)$ ]]
  [ "${#lines[@]}" -eq 6 ]
}

@test "status after TLS 1.2 is turned on by default" {
  set_dword "TLS 1.2" Enabled 1
  set_dword "TLS 1.2" DisabledByDefault 0
  run --separate-stderr tlsswitch /status /lang en
  [ "$status" -eq 0 ]
  row_is "TLS 1.2" "1" "0" "used by default" "supported"
  [[ "$output" == *"Good: this PC uses TLS 1.2 by default."* ]]
  run --separate-stderr tlsswitch /status /csv
  [ "$(line_of tls1.2,)" = "tls1.2,client,1,0,default,yes" ]
}

@test "a missing Client key reads as absent values" {
  wine reg delete "$PROTOCOLS\\TLS 1.2" /f >/dev/null
  run --separate-stderr tlsswitch /status /csv
  [ "$status" -eq 0 ]
  [ "$(line_of tls1.2,)" = "tls1.2,client,absent,absent,osdefault,yes" ]
}

@test "Enabled=0 is reported as turned off in the registry, not as unsupported" {
  set_dword "TLS 1.1" Enabled 0
  run --separate-stderr tlsswitch /status /lang en
  [ "$status" -eq 0 ]
  row_is "TLS 1.1" "0" "1" "off" "turned off in the registry"
  run --separate-stderr tlsswitch /status /csv
  [ "$(line_of tls1.1,)" = "tls1.1,client,0,1,off,unknown" ]
}

@test "TLS 1.2 turned off gives the matching verdict" {
  set_dword "TLS 1.2" Enabled 0
  run --separate-stderr tlsswitch /status /lang en
  [[ "$output" == *"TLS 1.2 is turned off in the registry (Enabled=0)"* ]]
}

@test "values of the wrong type are named by type" {
  wine reg add "$(client_key "TLS 1.0")" /v Enabled /t REG_SZ /d 1 /f >/dev/null
  wine reg add "$(client_key "TLS 1.2")" /v DisabledByDefault /t REG_BINARY /d 00 /f >/dev/null
  run --separate-stderr tlsswitch /status /lang en
  [ "$status" -eq 0 ]
  row_is "TLS 1.0" "wrong type (REG_SZ)" "absent" "off" "turned off in the registry"
  row_is "TLS 1.2" "absent" "wrong type (REG_BINARY)" "only when a program asks" "supported"
  [[ "$output" == *"Note: a value of the wrong type"* ]]
  run --separate-stderr tlsswitch /status /csv
  [ "$(line_of tls1.0,)" = "tls1.0,client,invalid,absent,off,unknown" ]
  [ "$(line_of tls1.2,)" = "tls1.2,client,absent,invalid,optin,yes" ]
}

@test "Enabled=0xffffffff from old guides reads as on" {
  set_dword "TLS 1.2" Enabled 0xffffffff
  set_dword "TLS 1.2" DisabledByDefault 0
  run --separate-stderr tlsswitch /status /lang en
  row_is "TLS 1.2" "4294967295 (0xffffffff)" "0" "used by default" "supported"
  run --separate-stderr tlsswitch /status /csv
  [ "$(line_of tls1.2,)" = "tls1.2,client,4294967295,0,default,yes" ]
}

@test "the POSReady flag is reported when it is not set" {
  wine reg delete 'HKLM\SYSTEM\WPA\POSReady' /v Installed /f >/dev/null
  run --separate-stderr tlsswitch /status /lang en
  [[ "$output" == *"POSReady 2009 update flag: not set."* ]]
}

@test "redirected output is in the ANSI code page with CRLF line ends" {
  out="$BATS_TEST_TMPDIR/status.txt"
  LC_ALL=ja_JP.UTF-8 wine "$TLSSWITCH_EXE" /status >"$out" 2>/dev/null 3>&-
  # Every line ends in CRLF.
  [ "$(wc -l <"$out")" -gt 8 ]
  [ "$(grep -c $'\r$' "$out")" -eq "$(wc -l <"$out")" ]
  # Japanese Windows' ANSI code page is 932 (Shift_JIS): the bytes are not UTF-8.
  run iconv -f UTF-8 -t UTF-8 "$out"
  [ "$status" -ne 0 ]
  sjis=$(printf 'プロトコル' | iconv -f UTF-8 -t CP932)
  grep -q "$sjis" "$out"
}

@test "Japanese follows the user's language" {
  run bash -c 'LC_ALL=ja_JP.UTF-8 wine "$TLSSWITCH_EXE" /status 2>/dev/null | iconv -f CP932 -t UTF-8'
  [ "$status" -eq 0 ]
  [[ "$output" == *"プロトコル"* ]]
  [[ "$output" == *"プログラムが求めた時だけ"* ]]
  [[ "$output" == *"このパソコンの古いメールソフトは TLS 1.2 を使えません。"* ]]
}

@test "/lang overrides the user's language both ways" {
  run bash -c 'LC_ALL=ja_JP.UTF-8 wine "$TLSSWITCH_EXE" /status /lang en 2>/dev/null'
  [[ "$output" == *"For programs"* ]]
  run bash -c 'wine "$TLSSWITCH_EXE" /status /lang:ja 2>/dev/null | iconv -f CP932 -t UTF-8'
  # An English Windows has no Japanese code page for redirected output: the words
  # become question marks, but the choice of language is visible in the layout.
  [[ "$output" != *"For programs"* ]]
}
