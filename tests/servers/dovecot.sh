#!/usr/bin/env bash
# A real mail server for the tests: dovecot from Debian, from a private configuration,
# on 127.0.0.1 only, accepting TLS 1.2 or newer like a provider that dropped TLS 1.0.
# It logs the TLS version of every connection, so tests can confirm from the server's
# side what was negotiated.
#
#   dovecot.sh start DIR    creates DIR (certificate, configuration, log) and starts it;
#                           prints the ports as shell assignments: POP3S_PORT=... etc.
#                           DOVECOT_CERT and DOVECOT_KEY name a certificate to use instead
#                           of a new self-signed one; DOVECOT_BASE_PORT moves the ports.
#                           DOVECOT_CIPHERS sets ssl_cipher_list (OpenSSL's words, see
#                           providers.bash); without it dovecot keeps Debian's default, which
#                           has "!kRSA": not one suite Windows XP has.
#                           DOVECOT_LISTEN is the address (default 127.0.0.1: another
#                           loopback address stands for another host); DOVECOT_CLOSED names
#                           listeners not to open (pop3 pop3s imap imaps).
#   dovecot.sh stop DIR     stops it
set -eu
command=${1:?usage: dovecot.sh start|stop DIR}
dir=${2:?usage: dovecot.sh start|stop DIR}
base_port=${DOVECOT_BASE_PORT:-31000}
listen=${DOVECOT_LISTEN:-127.0.0.1}
# port NAME OFFSET: the listener's port, or 0 (dovecot opens no listener on port 0).
port() { if [[ " ${DOVECOT_CLOSED:-} " == *" $1 "* ]]; then echo 0; else echo $((base_port + $2)); fi; }
cipher_line=
if [[ -n "${DOVECOT_CIPHERS:-}" ]]; then
  cipher_line="ssl_cipher_list = $DOVECOT_CIPHERS"
fi

case "$command" in
start)
  mkdir -p "$dir/run" "$dir/mail"
  chmod 755 "$dir" "$dir/run"
  if [[ -n "${DOVECOT_CERT:-}" ]]; then
    cp "$DOVECOT_CERT" "$dir/cert.pem"
    cp "$DOVECOT_KEY" "$dir/key.pem"
  else
    openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj /CN=localhost \
      -keyout "$dir/key.pem" -out "$dir/cert.pem" >/dev/null 2>&1
  fi
  chmod 644 "$dir/key.pem" "$dir/cert.pem"
  cat >"$dir/dovecot.conf" <<CONF
protocols = pop3 imap
listen = $listen
base_dir = $dir/run
state_dir = $dir/run
log_path = $dir/dovecot.log
info_log_path = $dir/dovecot.log
default_login_user = dovenull
default_internal_user = dovecot
ssl = yes
ssl_cert = <$dir/cert.pem
ssl_key = <$dir/key.pem
ssl_min_protocol = TLSv1.2
$cipher_line
verbose_ssl = yes
login_log_format_elements = rip=%r lip=%l %k
disable_plaintext_auth = yes
mail_location = maildir:$dir/mail
passdb {
  driver = static
  args = password=unused
}
userdb {
  driver = static
  args = uid=nobody gid=nogroup home=$dir/mail
}
service pop3-login {
  inet_listener pop3 {
    port = $(port pop3 110)
  }
  inet_listener pop3s {
    port = $(port pop3s 995)
    ssl = yes
  }
}
service imap-login {
  inet_listener imap {
    port = $(port imap 143)
  }
  inet_listener imaps {
    port = $(port imaps 993)
    ssl = yes
  }
}
service anvil {
  chroot =
}
CONF
  dovecot -c "$dir/dovecot.conf"
  # Ready when the first open listener answers.
  first=0
  for name_offset in pop3s:995 imaps:993 pop3:110 imap:143; do
    first=$(port "${name_offset%:*}" "${name_offset#*:}")
    ((first)) && break
  done
  for _ in $(seq 50); do
    if ((first == 0)) || (exec 3<>"/dev/tcp/$listen/$first") 2>/dev/null; then break; fi
    sleep 0.1
  done
  echo "POP3_PORT=$((base_port + 110)) POP3S_PORT=$((base_port + 995)) IMAP_PORT=$((base_port + 143)) IMAPS_PORT=$((base_port + 993))"
  ;;
stop)
  if [[ -f "$dir/dovecot.conf" ]]; then
    dovecot -c "$dir/dovecot.conf" stop >/dev/null 2>&1 || true
  fi
  ;;
*)
  echo "usage: dovecot.sh start|stop DIR" >&2
  exit 2
  ;;
esac
