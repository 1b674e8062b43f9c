#!/usr/bin/env bash
# A real SMTP server for the tests: postfix from Debian, as a private instance on
# 127.0.0.1 that accepts TLS 1.2 or newer, with STARTTLS on one port and TLS from the
# first byte (smtps) on another. It relays nothing. Its log names the TLS version of
# every connection.
#
#   postfix.sh start DIR CERT KEY   prints SUBMISSION_PORT=... SMTPS_PORT=...
#   postfix.sh stop DIR
# POSTFIX_BASE_PORT moves the ports (default 35000: +587 and +465); POSTFIX_LISTEN is the
# address (default 127.0.0.1: another loopback address stands for another host; master.cf
# binds it, while inet_interfaces stays 127.0.0.1, which postfix wants to be an interface).
set -eu
command=${1:?usage: postfix.sh start DIR CERT KEY | stop DIR}
dir=${2:?usage: postfix.sh start DIR CERT KEY | stop DIR}
base_port=${POSTFIX_BASE_PORT:-35000}
listen=${POSTFIX_LISTEN:-127.0.0.1}

case "$command" in
start)
  cert=${3:?usage: postfix.sh start DIR CERT KEY}
  key=${4:?usage: postfix.sh start DIR CERT KEY}
  mkdir -p "$dir/conf" "$dir/queue" "$dir/data"
  chmod 755 "$dir"
  chown postfix "$dir/data"
  cp "$cert" "$dir/conf/cert.pem"
  cp "$key" "$dir/conf/key.pem"
  chmod 600 "$dir/conf/key.pem"
  cat >"$dir/conf/main.cf" <<CONF
compatibility_level = 3.6
queue_directory = $dir/queue
data_directory = $dir/data
mail_owner = postfix
setgid_group = postdrop
myhostname = mail.tlsswitch.invalid
mydestination =
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
smtpd_tls_cert_file = $dir/conf/cert.pem
smtpd_tls_key_file = $dir/conf/key.pem
smtpd_tls_security_level = may
smtpd_tls_protocols = >=TLSv1.2
smtpd_tls_mandatory_protocols = >=TLSv1.2
smtpd_tls_loglevel = 1
smtpd_relay_restrictions = reject
maillog_file = /dev/stdout
CONF
  {
    echo "$listen:$((base_port + 587)) inet n - n - - smtpd"
    echo "$listen:$((base_port + 465)) inet n - n - - smtpd -o smtpd_tls_wrappermode=yes"
    # The services postfix needs to start; nothing here delivers mail.
    for service in "pickup unix n - n 60 1 pickup" "cleanup unix n - n - 0 cleanup" \
      "qmgr unix n - n 300 1 qmgr" "tlsmgr unix - - n 1000? 1 tlsmgr" \
      "rewrite unix - - n - - trivial-rewrite" "bounce unix - - n - 0 bounce" "defer unix - - n - 0 bounce" \
      "trace unix - - n - 0 bounce" "verify unix - - n - 1 verify" "flush unix n - n 1000? 0 flush" \
      "proxymap unix - - n - - proxymap" "smtp unix - - n - - smtp" "relay unix - - n - - smtp" \
      "showq unix n - n - - showq" "error unix - - n - - error" "retry unix - - n - - error" \
      "discard unix - - n - - discard" "anvil unix - - n - 1 anvil" "scache unix - - n - 1 scache" \
      "postlog unix-dgram n - n - 1 postlogd"; do
      echo "$service"
    done
  } >"$dir/conf/master.cf"
  postfix -c "$dir/conf" start-fg >"$dir/postfix.log" 2>&1 </dev/null &
  echo $! >"$dir/pid"
  for _ in $(seq 50); do
    if (exec 3<>"/dev/tcp/$listen/$((base_port + 465))") 2>/dev/null; then break; fi
    sleep 0.1
  done
  echo "SUBMISSION_PORT=$((base_port + 587)) SMTPS_PORT=$((base_port + 465))"
  ;;
stop)
  if [[ -f "$dir/conf/main.cf" ]]; then
    postfix -c "$dir/conf" stop >/dev/null 2>&1 || true
  fi
  ;;
*)
  echo "usage: postfix.sh start DIR CERT KEY | stop DIR" >&2
  exit 2
  ;;
esac
