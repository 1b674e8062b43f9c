#!/usr/bin/env bash
# A provider's whole mail host for the relay's tests: dovecot (POP3 and IMAP) and postfix
# (submission with SMTP AUTH) from Debian, as private instances on one address, sharing one
# mailbox. The mailbox starts with known messages; mail that postfix accepts for the test
# domain is delivered into it, so a message sent by SMTP can then be read by POP3 and IMAP
# (and IMAP IDLE reports it). Both servers offer no suite Windows XP has: that is the point.
# Runs as root, like dovecot.sh and postfix.sh, which it leaves alone.
#
#   mailhost.sh start DIR CERT KEY   DIR must be absent or empty, and on a path that the
#                                    users postfix and nobody can enter (e.g. mktemp -d
#                                    /tmp/...; not bats' private folders). Prints, on one line:
#                                    POP3_PORT= POP3S_PORT= IMAP_PORT= IMAPS_PORT=
#                                    SUBMISSION_PORT= SMTPS_PORT= MAIL_USER= MAIL_PASSWORD=
#                                    MAIL_ADDRESS= MAILHOST_MAILDIR= MAILHOST_MESSAGES=
#                                    (shell assignments, for eval), once both servers answer.
#   mailhost.sh stop DIR             stops both and removes DIR (MAILHOST_KEEP=1 keeps it)
#   mailhost.sh drop DIR FILE        puts FILE into the mailbox as a new message, the way a
#                                    delivery agent does (written in tmp/, renamed into new/)
#   mailhost.sh count DIR            prints how many messages the mailbox holds
#   mailhost.sh wait DIR N [SECONDS] waits until it holds at least N (default 30 s); exits 1
#                                    and says so when it does not
#
# The mailbox: any user name logs in with the password "unused" (MAIL_USER is one) and all
# see the same mailbox, MAILHOST_MAILDIR. Its first messages, in POP3/IMAP order, are
# described in MAILHOST_MESSAGES, one line each: "N sha256=HEX size=N body_sha256=HEX", as
# `mailclient.py digest` and the `message` lines of mailclient.py print them (the message
# with CRLF line ends, as POP3 and IMAP send it). Their source files are DIR/messages/N.eml:
#   1  a short text, with a Japanese line in UTF-8 (8-bit bytes)
#   2  a body of lines a protocol reader could mistake for its own: ".", "..", "+OK",
#      "-ERR", "* OK", "a1 OK", "250 OK", "STARTTLS", "QUIT" at line starts
#   3  a large base64 attachment of random bytes: about MAILHOST_LARGE_SIZE bytes as sent
#      (default 300000; the benchmark's 20 MB message is MAILHOST_LARGE_SIZE=20000000)
#
# Ports: MAILHOST_BASE_PORT (default 41000) plus 110 (POP3, STLS), 995 (POP3S), 143 (IMAP,
# STARTTLS), 993 (IMAPS), 587 (submission, STARTTLS), 465 (smtps). MAILHOST_LISTEN is the
# address (default 127.0.0.1). dovecot treats a client whose address equals the server's as
# secure (plain LOGIN allowed, no LOGINDISABLED): on another loopback address (e.g.
# 127.0.0.2, which a client reaches from 127.0.0.1) it refuses plain logins as a provider does.
#
# TLS: ssl_min_protocol TLSv1.2 (MAILHOST_MIN_PROTOCOL: TLSv1.3 makes a TLS 1.3-only host).
# Cipher suites for TLS 1.2: dovecot's Debian default (ALL:!kRSA:...: ECDHE and DHE only),
# for postfix too, whose own default would keep RSA key exchange; MAILHOST_CIPHERS sets
# both (OpenSSL's words, see providers.bash).
#
# SMTP: AUTH PLAIN and LOGIN through dovecot's auth service, offered only after TLS
# (smtpd_tls_auth_only). Without AUTH every recipient is refused; with AUTH only the test
# domain (MAIL_ADDRESS's, MAILHOST_DOMAIN, default tlsswitch.test) is accepted, and postfix's
# virtual(8) delivers it into the mailbox: nothing is ever relayed elsewhere.
set -eu
usage="usage: mailhost.sh start DIR CERT KEY | stop DIR | drop DIR FILE | count DIR | wait DIR N [SECONDS]"
command=${1:?$usage}
dir=${2:?$usage}
base_port=${MAILHOST_BASE_PORT:-41000}
listen=${MAILHOST_LISTEN:-127.0.0.1}
# What start chose, so that stop finds the same ports without the variables.
if [[ "$command" != start && -f "$dir/.mailhost" ]]; then
  source "$dir/.mailhost"
fi
domain=${MAILHOST_DOMAIN:-tlsswitch.test}
min_protocol=${MAILHOST_MIN_PROTOCOL:-TLSv1.2}
large_size=${MAILHOST_LARGE_SIZE:-300000}
# dovecot's compiled-in default, which Debian keeps: no RSA key exchange, so nothing XP has.
debian_default_ciphers='ALL:!kRSA:!SRP:!kDHd:!DSS:!aNULL:!eNULL:!EXPORT:!DES:!3DES:!MD5:!PSK:!RC4:!ADH:!LOW@STRENGTH'
ciphers=${MAILHOST_CIPHERS:-$debian_default_ciphers}
here=$(cd "$(dirname "$0")" && pwd)
mailbox_uid=$(id -u nobody)
mailbox_gid=$(getent group nogroup | cut -d: -f3)
user=taro

mail=$dir/mail
auth_socket=$dir/postfix/queue/private/auth

message_count() {
  find "$mail/new" "$mail/cur" -maxdepth 1 -type f 2>/dev/null | wc -l
}

# deliver FILE NAME: into the mailbox as a delivery agent does: written under tmp/, then
# renamed into new/, so dovecot never sees half a message.
deliver() {
  cp "$1" "$mail/tmp/$2"
  chown "$mailbox_uid:$mailbox_gid" "$mail/tmp/$2"
  chmod 600 "$mail/tmp/$2"
  mv "$mail/tmp/$2" "$mail/new/$2"
}

write_messages() {
  mkdir -p "$dir/messages"
  cat >"$dir/messages/1.eml" <<'MESSAGE'
Return-Path: <hanako@provider.example>
From: Hanako <hanako@provider.example>
To: Taro <taro@tlsswitch.test>
Subject: First message
Date: Mon, 01 Dec 2025 09:00:00 +0900
Message-ID: <first@provider.example>
MIME-Version: 1.0
Content-Type: text/plain; charset=UTF-8
Content-Transfer-Encoding: 8bit

Hello Taro,

this is the first message in the mailbox.
こんにちは、太郎さん。最初のメッセージです。

Hanako
MESSAGE
  cat >"$dir/messages/2.eml" <<'MESSAGE'
Return-Path: <hanako@provider.example>
From: Hanako <hanako@provider.example>
To: Taro <taro@tlsswitch.test>
Subject: Lines that look like protocol
Date: Mon, 01 Dec 2025 09:05:00 +0900
Message-ID: <second@provider.example>
MIME-Version: 1.0
Content-Type: text/plain; charset=US-ASCII

The next lines begin like a server's or client's own words.
.
..
.hidden
+OK 3 messages
-ERR no such message
* OK [CAPABILITY IMAP4rev1 STARTTLS LOGINDISABLED] ready
* BYE logging out
a1 OK LOGIN completed
250 OK
220 mail.tlsswitch.invalid ESMTP
STARTTLS
STLS
QUIT
.
The end.
MESSAGE
  {
    cat <<'MESSAGE'
Return-Path: <hanako@provider.example>
From: Hanako <hanako@provider.example>
To: Taro <taro@tlsswitch.test>
Subject: A large attachment
Date: Mon, 01 Dec 2025 09:10:00 +0900
Message-ID: <third@provider.example>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="boundary-of-the-third"

--boundary-of-the-third
Content-Type: text/plain; charset=US-ASCII

The attachment is random bytes.

--boundary-of-the-third
Content-Type: application/octet-stream; name="random.bin"
Content-Transfer-Encoding: base64
Content-Disposition: attachment; filename="random.bin"

MESSAGE
    # 57 bytes make a line of 76 characters: 78 bytes with CRLF.
    head -c $((large_size * 57 / 78)) /dev/urandom | base64 -w 76
    printf '\n--boundary-of-the-third--\n'
  } >"$dir/messages/3.eml"
  : >"$dir/messages.list"
  local number
  for number in 1 2 3; do
    # Names sort in delivery order, which dovecot keeps as the messages' order.
    deliver "$dir/messages/$number.eml" "176450000$number.M${number}P1.mailhost"
    echo "$number $("$here/mailclient.py" digest "$dir/messages/$number.eml")" >>"$dir/messages.list"
  done
}

write_dovecot_conf() {
  mkdir -p "$dir/dovecot/run"
  chmod 755 "$dir/dovecot" "$dir/dovecot/run"
  cat >"$dir/dovecot/dovecot.conf" <<CONF
protocols = pop3 imap
listen = $listen
base_dir = $dir/dovecot/run
state_dir = $dir/dovecot/run
log_path = $dir/dovecot/dovecot.log
info_log_path = $dir/dovecot/dovecot.log
default_login_user = dovenull
default_internal_user = dovecot
ssl = yes
ssl_cert = <$dir/certs/cert.pem
ssl_key = <$dir/certs/key.pem
ssl_min_protocol = $min_protocol
ssl_cipher_list = $ciphers
verbose_ssl = yes
login_log_format_elements = user=<%u> rip=%r lip=%l %k
disable_plaintext_auth = yes
# apop puts a time stamp in the POP3 greeting, which a relay must pass on intact.
auth_mechanisms = plain login apop
mail_location = maildir:$mail
# IDLE notices a new message within a second even where inotify says nothing.
mailbox_idle_check_interval = 1 secs
passdb {
  driver = static
  args = password=unused
}
userdb {
  driver = static
  args = uid=$mailbox_uid gid=$mailbox_gid home=$mail
}
service pop3-login {
  inet_listener pop3 {
    port = $((base_port + 110))
  }
  inet_listener pop3s {
    port = $((base_port + 995))
    ssl = yes
  }
}
service imap-login {
  inet_listener imap {
    port = $((base_port + 143))
  }
  inet_listener imaps {
    port = $((base_port + 993))
    ssl = yes
  }
}
# postfix's SMTP AUTH asks dovecot, through a socket in postfix's own queue directory.
service auth {
  unix_listener $auth_socket {
    mode = 0660
    user = postfix
    group = postfix
  }
}
service anvil {
  chroot =
}
# The relay's load test holds 32 sessions of one user at once (dovecot's default is 10).
protocol pop3 {
  mail_max_userip_connections = 100
}
protocol imap {
  mail_max_userip_connections = 100
}
CONF
}

write_postfix_conf() {
  local conf=$dir/postfix/conf
  mkdir -p "$conf" "$dir/postfix/queue/private" "$dir/postfix/data"
  chmod 755 "$dir/postfix"
  chown postfix "$dir/postfix/data" "$dir/postfix/queue/private"
  chmod 700 "$dir/postfix/queue/private"
  cat >"$conf/main.cf" <<CONF
compatibility_level = 3.6
queue_directory = $dir/postfix/queue
data_directory = $dir/postfix/data
mail_owner = postfix
setgid_group = postdrop
myhostname = mail.tlsswitch.invalid
mydestination =
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
biff = no
smtpd_tls_cert_file = $dir/certs/cert.pem
smtpd_tls_key_file = $dir/certs/key.pem
smtpd_tls_security_level = may
smtpd_tls_protocols = >=$min_protocol
smtpd_tls_mandatory_protocols = >=$min_protocol
smtpd_tls_ciphers = high
smtpd_tls_mandatory_ciphers = high
tls_high_cipherlist = $ciphers
smtpd_tls_loglevel = 1
smtpd_sasl_auth_enable = yes
smtpd_sasl_type = dovecot
smtpd_sasl_path = private/auth
smtpd_tls_auth_only = yes
smtpd_relay_restrictions = permit_sasl_authenticated, reject
smtpd_recipient_restrictions = reject_unauth_destination
virtual_mailbox_domains = $domain
virtual_mailbox_base = $dir
virtual_mailbox_maps = static:mail/
virtual_uid_maps = static:$mailbox_uid
virtual_gid_maps = static:$mailbox_gid
# Room for the benchmark's large messages (the defaults are 10 MB and 50 MB).
message_size_limit = 104857600
virtual_mailbox_limit = 0
maillog_file = /dev/stdout
CONF
  {
    echo "$listen:$((base_port + 587)) inet n - n - - smtpd"
    echo "$listen:$((base_port + 465)) inet n - n - - smtpd -o smtpd_tls_wrappermode=yes"
    local service
    for service in "pickup unix n - n 60 1 pickup" "cleanup unix n - n - 0 cleanup" \
      "qmgr unix n - n 300 1 qmgr" "tlsmgr unix - - n 1000? 1 tlsmgr" \
      "rewrite unix - - n - - trivial-rewrite" "bounce unix - - n - 0 bounce" "defer unix - - n - 0 bounce" \
      "trace unix - - n - 0 bounce" "verify unix - - n - 1 verify" "flush unix n - n 1000? 0 flush" \
      "proxymap unix - - n - - proxymap" "error unix - - n - - error" "retry unix - - n - - error" \
      "discard unix - - n - - discard" "anvil unix - - n - 1 anvil" "scache unix - - n - 1 scache" \
      "postlog unix-dgram n - n - 1 postlogd" "virtual unix - n n - - virtual"; do
      echo "$service"
    done
  } >"$conf/master.cf"
}

port_open() { (exec 3<>"/dev/tcp/$listen/$1") 2>/dev/null; }

stop_servers() {
  if [[ -f "$dir/postfix/conf/main.cf" ]]; then
    postfix -c "$dir/postfix/conf" stop >/dev/null 2>&1 || true
  fi
  if [[ -f "$dir/dovecot/dovecot.conf" ]]; then
    dovecot -c "$dir/dovecot/dovecot.conf" stop >/dev/null 2>&1 || true
  fi
  # Both return before their processes are gone; the ports are free only then.
  local port
  for _ in $(seq 100); do
    for port in 110 995 143 993 587 465; do
      port_open $((base_port + port)) && break
      port=
    done
    [[ -z "$port" ]] && return 0
    sleep 0.1
  done
  echo "mailhost.sh: port $((base_port + port)) still answers after stop" >&2
}

case "$command" in
start)
  cert=${3:?$usage}
  key=${4:?$usage}
  if [[ -e "$dir" && -n "$(ls -A "$dir")" ]]; then
    echo "mailhost.sh: $dir is not empty" >&2
    exit 2
  fi
  mkdir -p "$dir"
  chmod 755 "$dir"
  if ! runuser -u nobody -- test -x "$dir"; then
    echo "mailhost.sh: the mail servers' users cannot enter $dir (one of its folders is private); use e.g. mktemp -d /tmp/mailhost.XXXXXX" >&2
    exit 2
  fi
  for port in 110 995 143 993 587 465; do
    if port_open $((base_port + port)); then
      echo "mailhost.sh: $listen:$((base_port + port)) is already in use" >&2
      exit 2
    fi
  done
  printf 'base_port=%q\nlisten=%q\n' "$base_port" "$listen" >"$dir/.mailhost"
  mkdir -p "$dir/certs" "$mail/new" "$mail/cur" "$mail/tmp"
  cp "$cert" "$dir/certs/cert.pem"
  cp "$key" "$dir/certs/key.pem"
  chmod 644 "$dir/certs/cert.pem"
  chmod 600 "$dir/certs/key.pem"
  chown -R "$mailbox_uid:$mailbox_gid" "$mail"
  chmod -R 700 "$mail"
  write_messages
  write_postfix_conf
  write_dovecot_conf
  postfix -c "$dir/postfix/conf" start-fg >"$dir/postfix/postfix.log" 2>&1 </dev/null &
  if ! dovecot -c "$dir/dovecot/dovecot.conf" 2>"$dir/dovecot/start.log"; then
    echo "mailhost.sh: dovecot did not start: $(cat "$dir/dovecot/start.log")" >&2
    stop_servers
    exit 1
  fi
  ready=
  for _ in $(seq 100); do
    ready=yes
    for port in 110 995 143 993 587 465; do
      port_open $((base_port + port)) || { ready=; break; }
    done
    [[ -S "$auth_socket" ]] || ready=
    [[ -n "$ready" ]] && break
    sleep 0.1
  done
  if [[ -z "$ready" ]]; then
    {
      echo "mailhost.sh: the servers did not all answer within 10 s (port $((base_port + port)), auth socket $auth_socket)"
      tail -5 "$dir/postfix/postfix.log" "$dir/dovecot/dovecot.log" 2>/dev/null
    } >&2
    stop_servers
    exit 1
  fi
  printf 'POP3_PORT=%s POP3S_PORT=%s IMAP_PORT=%s IMAPS_PORT=%s SUBMISSION_PORT=%s SMTPS_PORT=%s ' \
    $((base_port + 110)) $((base_port + 995)) $((base_port + 143)) $((base_port + 993)) \
    $((base_port + 587)) $((base_port + 465))
  printf 'MAIL_USER=%s MAIL_PASSWORD=unused MAIL_ADDRESS=%s MAILHOST_MAILDIR=%q MAILHOST_MESSAGES=%q\n' \
    "$user" "$user@$domain" "$mail" "$dir/messages.list"
  ;;
stop)
  stop_servers
  if [[ -z "${MAILHOST_KEEP:-}" && -f "$dir/.mailhost" ]]; then
    rm -rf "$dir"
  fi
  ;;
drop)
  file=${3:?$usage}
  deliver "$file" "$(date +%s).M$(date +%N)P$$.mailhost"
  ;;
count)
  message_count
  ;;
wait)
  want=${3:?$usage}
  seconds=${4:-30}
  for _ in $(seq $((seconds * 10))); do
    (($(message_count) >= want)) && exit 0
    sleep 0.1
  done
  echo "mailhost.sh: the mailbox holds $(message_count) messages after $seconds s, not $want" >&2
  exit 1
  ;;
*)
  echo "$usage" >&2
  exit 2
  ;;
esac
