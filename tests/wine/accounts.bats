#!/usr/bin/env bats
# /test /accounts in the XP-reporting prefix: an Outlook Express account store (two
# identities, written as a .reg file) and a Thunderbird profile, pointing at local servers
# that stand for providers (ports 42000-42099, and 42100-42199 for Windows Live Mail's own
# test below; TLSSWITCH_TEST_PORT_BASE=42000 moves the usual ports of the other ways there:
# 995 to 42095):
#
#   42001  TLS 1.0, RSA key exchange        an old provider: XP works with it as it is
#   42003  TLS 1.2 only, RSA key exchange   works after /apply recommended
#   42005  TLS 1.2 only, ECDHE with AEAD    XP cannot use it whatever the settings
#   42095  as 42001                         POP3 over SSL, the "usual" 995 of the provider
#   42010  nothing                          the "usual" plain POP3 port: closed
#
#   Outlook Express  "Works"          POP3 SSL 42001
#   Outlook Express  "プロバイダ"      POP3 port 42010 without SSL: the right setting is SSL on 42095
#   Outlook Express  "Modern"         IMAP SSL 42005: XP cannot; the relay would
#   Thunderbird      "After fix"      POP3 SSL 42003, SMTP SSL 42001
# Every store holds a planted password, which no output may show.

load helper

load accounts_fixture

setup_file() {
  export CERTS="$BATS_FILE_TMPDIR/certs"
  "$BATS_TEST_DIRNAME/../servers/certs.sh" "$CERTS" 3>&-
  wine "$ROOT/build/tests/trust_root.exe" "$(wine_path "$CERTS/ca.pem")" >/dev/null 3>&- </dev/null
  start_account_providers 42001 42003 42005 42095 42010
}

teardown_file() {
  stop_servers
  remove_mail_stores
}

setup() {
  reset_protocols
}

# /test /accounts with a time limit of its own. Its output is in the console's code page,
# Japanese (CP932) here, so that the account named in Japanese shows in either language.
accounts_test() { # accounts_test ARGS...
  run --separate-stderr bash -c 'set -o pipefail; LC_ALL=ja_JP.UTF-8 TLSSWITCH_TEST_PORT_BASE=42000 timeout 180 \
    wine "$TLSSWITCH_EXE" /test /accounts /timeout 5 "$@" 3>&- </dev/null | iconv -f CP932 -t UTF-8' accounts_test "$@"
  echo "/test /accounts $* -> exit $status"$'\n'"$output"$'\n'"stderr: $stderr"   # shown when a test fails
}

# The verdict lines of one account: from its heading to the blank line after it.
account_block() { # account_block HEADING
  tr -d '\r' <<<"$output" | awk -v h="$1" 'index($0, h) == 1 { on = 1 } on && /^$/ { exit } on'
}

@test "every account found, one verdict each, in English; exit 3; no password anywhere" {
  accounts_test /lang en
  [ "$status" -eq 3 ]
  [[ "$output" == "Mail accounts found: 4."* ]]
  [[ "$(account_block 'Outlook Express, account "Works"')" == *"Verdict: works."* ]]
  local wrong modern after
  wrong=$(account_block 'Outlook Express, account "プロバイダ"')
  [[ "$wrong" == *"Incoming mail (POP3): localhost, port 42010, no SSL: closed (connection refused)"* ]]
  [[ "$wrong" == *"Verdict: a setting is wrong"* ]]
  [[ "$wrong" == *"Incoming mail (POP3): port 42010, no SSL; the server accepts port 42095 with SSL: in the account's Properties, Advanced tab: tick \"This server requires a secure connection (SSL)\" and set the port to 42095"* ]]
  modern=$(account_block 'Outlook Express, account "Modern"')
  [[ "$modern" == *"Verdict: cannot work on this Windows (Windows XP), whatever its settings."* ]]
  [[ "$modern" == *"tlsswitch /relay add imaps://localhost:42005"* ]]
  after=$(account_block 'Thunderbird, account "After fix"')
  [[ "$after" == *"Verdict: works after tlsswitch /apply recommended"* ]]
  [[ "$output" == *"3 of 4 accounts do not work as they are set."* ]]
  [ "$(tr -d '\r' <<<"$output" | tail -n 1)" = "FAILED" ]
  [[ "$output$stderr" != *hunter2* ]]
}

@test "the same verdicts in Japanese" {
  accounts_test /lang ja
  [ "$status" -eq 3 ]
  [[ "$(account_block 'Outlook Express のアカウント「Works」')" == *"判定: 使えます。"* ]]
  [[ "$(account_block 'Outlook Express のアカウント「プロバイダ」')" == *"「このサーバーはセキュリティで保護された接続 (SSL) が必要」にチェックを付け、ポート番号を 42095 にしてください"* ]]
  [[ "$(account_block 'Outlook Express のアカウント「Modern」')" == *"判定: この Windows (Windows XP) では、設定を変えても使えません。"* ]]
  [[ "$(account_block 'Thunderbird のアカウント「After fix」')" == *"判定: tlsswitch /apply recommended の後"* ]]
  [[ "$output$stderr" != *hunter2* ]]
}

@test "after /apply recommended the Thunderbird account works; /csv gives one row per server" {
  tlsswitch /apply recommended /nobackup /lang en >/dev/null 2>&1 || true
  accounts_test /csv
  [ "$status" -eq 3 ]
  local csv
  csv=$(tr -d '\r' <<<"$output")
  [ "$(head -n 1 <<<"$csv")" = "program,account,server,protocol,host,port,security,result,verdict,works_port,works_security" ]
  [ "$(wc -l <<<"$csv")" -eq 6 ]   # the header, one row per server: 3 + 2
  [[ "$csv" == *"Thunderbird,After fix,incoming,POP3,localhost,42003,ssl,works,works,,"* ]]
  [[ "$csv" == *"Thunderbird,After fix,outgoing,SMTP,localhost,42001,ssl,works,works,,"* ]]
  [[ "$csv" == *"Outlook Express,プロバイダ,incoming,POP3,localhost,42010,none,closed,wrong-setting,42095,ssl"* ]]
  [[ "$csv" == *"Outlook Express,Modern,incoming,IMAP,localhost,42005,ssl,cannot,cannot,,"* ]]
  [[ "$output$stderr" != *hunter2* ]]
}

# Becky! 2 (its data folder named in the registry, Mailbox.ini in Shift-JIS) and Sylpheed
# (accountrc in %APPDATA%), each with a POP3-over-SSL account on the old provider.
write_becky_and_sylpheed() {
  local data="$BATS_FILE_TMPDIR/becky"
  mkdir -p "$data/4f1a2b3c.mb" "$(app_data)/Sylpheed"
  printf '4f1a2b3c.mb\r\n' >"$data/Folder.lst"
  printf '[Account]\r\nName=ベッキー\r\nMailServer=localhost\r\nProtocol=0\r\nPOP3Port=42001\r\nSSLPOP=1\r\nPassWd=%s\r\n' \
    "$SECRET" | iconv -f UTF-8 -t CP932 >"$data/4f1a2b3c.mb/Mailbox.ini"
  wine reg add 'HKCU\Software\RimArts\B2\Settings' /v DataDir /d "$(wine_path "$data")" /f >/dev/null 2>&1 3>&- </dev/null
  printf '[Account: 1]\naccount_name=Sylpheed POP3\nprotocol=0\nreceive_server=localhost\nset_popport=1\npop_port=42001\nssl_pop=1\npassword=%s\n' \
    "$SECRET" >"$(app_data)/Sylpheed/accountrc"
}

remove_becky_and_sylpheed() {
  wine reg delete 'HKCU\Software\RimArts' /f >/dev/null 2>&1 3>&- </dev/null || true
  rm -rf "$(app_data)/Sylpheed" "$BATS_FILE_TMPDIR/becky"
}

@test "Becky! and Sylpheed accounts are found and tested too" {
  write_becky_and_sylpheed
  accounts_test /lang en
  remove_becky_and_sylpheed
  [[ "$output" == "Mail accounts found: 6."* ]]
  [[ "$(account_block 'Becky!, account "ベッキー"')" == *"Incoming mail (POP3): localhost, port 42001, SSL"* ]]
  [[ "$(account_block 'Becky!, account "ベッキー"')" == *"Verdict: works."* ]]
  [[ "$(account_block 'Sylpheed, account "Sylpheed POP3"')" == *"Verdict: works."* ]]
  [[ "$output$stderr" != *hunter2* ]]
}

# An installed Sylpheed whose sylpheed.ini, beside sylpheed.exe where the installer's App
# Paths entry says it is, names its settings folder relative to that folder.
@test "Sylpheed's accounts are found where sylpheed.ini beside the installed program says" {
  local program="$BATS_FILE_TMPDIR/Sylpheed"
  local key='HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion\App Paths\sylpheed.exe'
  mkdir -p "$program/settings"
  printf '[Sylpheed]\r\nipcport=50215\r\nconfigdir=settings\r\n' >"$program/sylpheed.ini"
  printf '[Account: 1]\naccount_name=Installed\nprotocol=0\nreceive_server=localhost\nset_popport=1\npop_port=42001\nssl_pop=1\npassword=%s\n' \
    "$SECRET" >"$program/settings/accountrc"
  wine reg add "$key" /ve /d "$(wine_path "$program")\\sylpheed.exe" /f >/dev/null 2>&1 3>&- </dev/null
  accounts_test /lang en
  wine reg delete "$key" /f >/dev/null 2>&1 3>&- </dev/null || true
  rm -rf "$program"
  [[ "$(account_block 'Sylpheed, account "Installed"')" == *"Incoming mail (POP3): localhost, port 42001, SSL"* ]]
  [[ "$(account_block 'Sylpheed, account "Installed"')" == *"Verdict: works."* ]]
  [[ "$output$stderr" != *hunter2* ]]
}

# Windows Live Mail (its own ports, 42100-42199): the Store Root, a REG_EXPAND_SZ naming
# %LOCALAPPDATA%, holds a folder per account, each with its account{GUID}.oeaccount in
# UTF-16 with a byte order mark and a planted password, and a third folder with a truncated
# file:
#   42101  TLS 1.0, RSA key exchange       "Live works"   POP3 SSL
#   42105  TLS 1.2 only, ECDHE with AEAD   "ライブ"        IMAP SSL: XP cannot
write_live_mail() {
  local root
  root="$(winepath -u "$(wine cmd /c echo %LOCALAPPDATA% 2>/dev/null 3>&- </dev/null | tr -d '\r')" 2>/dev/null)/Microsoft/Windows Live Mail"
  LIVE_MAIL_ROOT=$root
  mkdir -p "$root/localhost (1)/Inbox" "$root/localhost (2)" "$root/localhost (3)"
  oeaccount_file "Live works" POP3 42101 >"$root/localhost (1)/account{11111111-AAAA-BBBB-CCCC-000000000001}.oeaccount"
  oeaccount_file "ライブ" IMAP 42105 >"$root/localhost (2)/account{11111111-AAAA-BBBB-CCCC-000000000002}.oeaccount"
  # Deeper than the folders of the Store Root: not where the program keeps accounts, not read.
  oeaccount_file "Deep" POP3 42101 >"$root/localhost (1)/Inbox/account{11111111-AAAA-BBBB-CCCC-000000000004}.oeaccount"
  oeaccount_file "Cut" POP3 42101 | head -c 100 >"$root/localhost (3)/account{11111111-AAAA-BBBB-CCCC-000000000003}.oeaccount"
  wine reg add 'HKCU\Software\Microsoft\Windows Live Mail' /v 'Store Root' /t REG_EXPAND_SZ \
    /d '%LOCALAPPDATA%\Microsoft\Windows Live Mail' /f >/dev/null 2>&1 3>&- </dev/null
}

oeaccount_file() { # oeaccount_file NAME POP3|IMAP PORT: UTF-16LE with its mark, as Windows Live Mail writes it
  {
    printf '<?xml version="1.0" encoding="utf-16" ?>\r\n<MessageAccount>\r\n'
    printf '\t<Account_Name type="SZ">%s</Account_Name>\r\n' "$1"
    printf '\t<%s_Server type="SZ">localhost</%s_Server>\r\n' "$2" "$2"
    printf '\t<%s_Port type="DWORD">%08x</%s_Port>\r\n' "$2" "$3" "$2"
    printf '\t<%s_Secure_Connection type="DWORD">00000001</%s_Secure_Connection>\r\n' "$2" "$2"
    printf '\t<%s_Password2 type="BINARY">%s</%s_Password2>\r\n' "$2" "$SECRET" "$2"
    printf '</MessageAccount>\r\n'
  } | iconv -f UTF-8 -t UTF-16LE | { printf '\xff\xfe'; cat; }
}

remove_live_mail() {
  wine reg delete 'HKCU\Software\Microsoft\Windows Live Mail' /f >/dev/null 2>&1 3>&- </dev/null || true
  rm -rf "$LIVE_MAIL_ROOT"
}

@test "Windows Live Mail: accounts in the folders of its Store Root, a damaged file noted, in English and Japanese" {
  source "$BATS_TEST_DIRNAME/../servers/providers.bash"
  s_server live-old-provider 42101 valid -tls1 -cipher AES128-SHA@SECLEVEL=0
  s_server live-ecdhe-aead 42105 valid -tls1_2 -cipher "$PROVIDER_ECDHE_AEAD"
  write_live_mail
  accounts_test /lang en
  local english_status=$status english=$output english_stderr=$stderr
  # Windows XP's environment has no %LOCALAPPDATA%: the folder then comes from the shell.
  local local_app_data without
  local_app_data=$(wine cmd /c echo %LOCALAPPDATA% 2>/dev/null 3>&- </dev/null | tr -d '\r')
  # Its absence is what counts, and the assertion on $without below checks it.
  wine reg delete 'HKCU\Volatile Environment' /v LOCALAPPDATA /f >/dev/null 2>&1 3>&- </dev/null || true
  without=$(wine cmd /c echo %LOCALAPPDATA% 2>/dev/null 3>&- </dev/null | tr -d '\r')
  accounts_test /lang ja
  local japanese_status=$status japanese=$output japanese_stderr=$stderr
  if [ "$local_app_data" != "%LOCALAPPDATA%" ]; then
    wine reg add 'HKCU\Volatile Environment' /v LOCALAPPDATA /d "$local_app_data" /f >/dev/null 2>&1 3>&- </dev/null
  fi
  remove_live_mail
  [ "$without" = "%LOCALAPPDATA%" ]

  output=$english
  [ "$english_status" -eq 3 ]
  [[ "$output" == "Mail accounts found: 6."* ]]
  [[ "$output" == *"Note: Windows Live Mail's account settings are damaged or not in its format;"* ]]
  [[ "$(account_block 'Windows Live Mail, account "Live works"')" == *"Incoming mail (POP3): localhost, port 42101, SSL"* ]]
  [[ "$(account_block 'Windows Live Mail, account "Live works"')" == *"Verdict: works."* ]]
  [[ "$(account_block 'Windows Live Mail, account "ライブ"')" == *"Verdict: cannot work on this Windows (Windows XP), whatever its settings."* ]]
  [[ "$output" != *'account "Cut"'* && "$output" != *'account "Deep"'* ]]
  [[ "$output$english_stderr" != *hunter2* ]]

  output=$japanese
  [ "$japanese_status" -eq 3 ]
  [[ "$output" == "見つかったメールアカウント: 6 件。"* ]]
  [[ "$output" == *"注意: Windows Live Mail のアカウント設定が壊れているか、その形式ではありません。"* ]]
  [[ "$(account_block 'Windows Live Mail のアカウント「Live works」')" == *"判定: 使えます。"* ]]
  [[ "$(account_block 'Windows Live Mail のアカウント「ライブ」')" == *"判定: この Windows (Windows XP) では、設定を変えても使えません。"* ]]
  [[ "$output$japanese_stderr" != *hunter2* ]]
}

@test "/as 10: the servers as Windows 10 meets them" {
  accounts_test /as 10 /lang en
  [[ "$(account_block 'Outlook Express, account "Modern"')" == *"Verdict: works"* ]]
}

@test "no mail program: a clear message and exit 3" {
  wine reg delete 'HKCU\Identities' /f >/dev/null 2>&1 3>&- </dev/null
  mv "$(app_data)/Thunderbird" "$BATS_FILE_TMPDIR/thunderbird-away"
  accounts_test /lang en
  mv "$BATS_FILE_TMPDIR/thunderbird-away" "$(app_data)/Thunderbird"
  write_outlook_express 42001 42010 42005
  [ "$status" -eq 3 ]
  [[ "$output" == "No mail program found: "* ]]
  [[ "$output" == *"tlsswitch /test ADDRESS /find"* ]]
}
