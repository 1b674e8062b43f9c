#!/usr/bin/env python3
"""An SMTP server over TLS from the first byte (as on port 465) whose answer to EHLO offers
AUTH, and which does nothing else: for /find's "the server requires authentication",
which the postfix of the tests (no SASL) never offers. TLS 1.2 with RSA key exchange kept,
so that Windows XP's simulated hello can use it.

    smtp_auth.py ADDRESS PORT CERT KEY"""
import socketserver
import ssl
import sys

address, port, cert, key = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
context.minimum_version = ssl.TLSVersion.TLSv1_2
context.maximum_version = ssl.TLSVersion.TLSv1_2
context.set_ciphers("ECDHE-RSA-AES128-GCM-SHA256:AES256-SHA256:AES128-SHA256:AES256-SHA:AES128-SHA")
context.load_cert_chain(cert, key)


class Session(socketserver.BaseRequestHandler):
    def handle(self):
        self.request.settimeout(10)
        try:
            with context.wrap_socket(self.request, server_side=True) as tls:
                lines = tls.makefile("rwb")
                lines.write(b"220 auth.tlsswitch.test ESMTP\r\n")
                lines.flush()
                for line in lines:
                    command = line.strip().upper()
                    if command.startswith(b"EHLO"):
                        lines.write(b"250-auth.tlsswitch.test\r\n250-AUTH PLAIN LOGIN\r\n250 SIZE 10240000\r\n")
                    elif command == b"QUIT":
                        lines.write(b"221 bye\r\n")
                        lines.flush()
                        return
                    else:
                        lines.write(b"502 not here\r\n")
                    lines.flush()
        except (OSError, ssl.SSLError):
            pass   # a simulated handshake ends before TLS is up


class Server(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True


print("listening", flush=True)
Server((address, port), Session).serve_forever()
