# The mail programs' account stores that tests/wine/accounts.bats and tests/gui/accounts.bats
# write into the prefix: Outlook Express (two identities, as a .reg file) and a
# Thunderbird profile, each account pointing at a local port the caller chooses, each
# store with a planted password (SECRET) that no output may show. Needs helper.bash.

ACCOUNTS='HKCU\Software\Microsoft\Internet Account Manager'
SECRET='hunter2-SECRET'

app_data() {
  winepath -u "$(wine cmd /c echo %APPDATA% 2>/dev/null 3>&- </dev/null | tr -d '\r')" 2>/dev/null
}

# A .reg file as regedit writes it: UTF-16LE with a BOM. Japanese names need it.
#   "Works"       POP3 with SSL on WORKS_PORT
#   "プロバイダ"   POP3 without SSL on PLAIN_PORT
#   "Modern"      IMAP with SSL on MODERN_PORT (second identity)
write_outlook_express() { # write_outlook_express WORKS_PORT PLAIN_PORT MODERN_PORT
  local reg="$BATS_FILE_TMPDIR/oe.reg" secret_hex
  secret_hex=$(printf '%s' "$SECRET" | iconv -t UTF-16LE | od -An -tx1 | tr -s ' \n' ',' | sed 's/^,//; s/,$//')
  local first='HKEY_CURRENT_USER\Identities\{11111111-1111-1111-1111-111111111111}\Software\Microsoft\Internet Account Manager\Accounts'
  local second='HKEY_CURRENT_USER\Identities\{22222222-2222-2222-2222-222222222222}\Software\Microsoft\Internet Account Manager\Accounts'
  {
    printf 'Windows Registry Editor Version 5.00\r\n\r\n'
    printf '[%s\\00000001]\r\n"Account Name"="Works"\r\n"POP3 Server"="localhost"\r\n' "$first"
    printf '"POP3 Port"=dword:%08x\r\n"POP3 Secure Connection"=dword:00000001\r\n' "$1"
    printf '"POP3 Password2"=hex:%s\r\n\r\n' "$secret_hex"
    printf '[%s\\00000002]\r\n"Account Name"="プロバイダ"\r\n"POP3 Server"="localhost"\r\n' "$first"
    printf '"POP3 Port"=dword:%08x\r\n"POP3 Password2"="%s"\r\n\r\n' "$2" "$SECRET"
    printf '[%s\\00000001]\r\n"Account Name"="Modern"\r\n"IMAP Server"="localhost"\r\n' "$second"
    printf '"IMAP Port"=dword:%08x\r\n"IMAP Secure Connection"=dword:00000001\r\n' "$3"
    printf '"IMAP Password2"=hex:%s\r\n\r\n' "$secret_hex"
  } | iconv -f UTF-8 -t UTF-16LE | { printf '\xff\xfe'; cat; } >"$reg"
  wine regedit /s "$(wine_path "$reg")" >/dev/null 2>&1 3>&- </dev/null
}

# "After fix": POP3 with SSL on POP3_PORT, SMTP with SSL on SMTP_PORT.
write_thunderbird() { # write_thunderbird POP3_PORT SMTP_PORT
  local folder
  folder="$(app_data)/Thunderbird"
  mkdir -p "$folder/Profiles/abc.default"
  printf '[General]\r\nStartWithLastProfile=1\r\n\r\n[Profile0]\r\nName=default\r\nIsRelative=1\r\nPath=Profiles/abc.default\r\n' \
    >"$folder/profiles.ini"
  cat >"$folder/Profiles/abc.default/prefs.js" <<PREFS
// Mozilla User Preferences
user_pref("mail.account.account1.identities", "id1");
user_pref("mail.account.account1.server", "server1");
user_pref("mail.identity.id1.smtpServer", "smtp1");
user_pref("mail.server.server1.hostname", "localhost");
user_pref("mail.server.server1.name", "After fix");
user_pref("mail.server.server1.port", $1);
user_pref("mail.server.server1.socketType", 3);
user_pref("mail.server.server1.type", "pop3");
user_pref("mail.server.server1.password", "$SECRET");
user_pref("mail.smtpserver.smtp1.hostname", "localhost");
user_pref("mail.smtpserver.smtp1.port", $2);
user_pref("mail.smtpserver.smtp1.try_ssl", 3);
user_pref("mail.smtpserver.smtp1.password", "$SECRET");
PREFS
}

# Both stores gone: the prefix is shared with the other test files.
remove_mail_stores() {
  wine reg delete 'HKCU\Identities' /f >/dev/null 2>&1 3>&- </dev/null || true
  wine reg delete "$ACCOUNTS" /f >/dev/null 2>&1 3>&- </dev/null || true
  rm -rf "$(app_data)/Thunderbird"
}

# The providers those accounts point at, and the stores, for setup_file. Each server
# stands for a provider: OLD for one that still takes TLS 1.0 with RSA key exchange,
# TLS12 for TLS 1.2 only with RSA key exchange (XP after Fix it), AEAD for ECDHE with
# AES-GCM only (no Schannel of XP's reaches it), USUAL for the provider's usual TLS port
# that the wrongly set account ought to use; CLOSED is a port where nothing listens (that
# account's plain POP3). Needs CERTS made by certs.sh and trusted.
start_account_providers() { # start_account_providers OLD TLS12 AEAD USUAL CLOSED
  source "$HELPER_DIR/../servers/providers.bash"
  s_server old-provider "$1" valid -tls1 -cipher AES128-SHA@SECLEVEL=0
  s_server tls12-rsa "$2" valid -tls1_2 -cipher "$PROVIDER_RSA_KX_ONLY"
  s_server ecdhe-aead "$3" valid -tls1_2 -cipher "$PROVIDER_ECDHE_AEAD"
  s_server usual-pop3s "$4" valid -tls1 -cipher AES128-SHA@SECLEVEL=0
  write_outlook_express "$1" "$5" "$3"
  write_thunderbird "$2" "$1"
}
