#!/usr/bin/env python3
"""Records what a server answers to a simulated ClientHello, for the unit tests' recorded
byte sequences (tests/data/flights). It relays one connection from LISTEN_PORT to
SERVER_PORT on 127.0.0.1 and writes the bytes the server sent, in hex, to OUT.

    record_flight.py LISTEN_PORT SERVER_PORT OUT

Run `tlsswitch /test localhost:LISTEN_PORT /as xp` (or another Windows) against it."""
import select
import socket
import sys

listen_port, server_port, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
listener.bind(("127.0.0.1", listen_port))
listener.listen(1)
listener.settimeout(60)
client, _ = listener.accept()
server = socket.create_connection(("127.0.0.1", server_port), timeout=10)
answer = b""
open_ends = {client: server, server: client}
while open_ends:
    ready, _, _ = select.select(list(open_ends), [], [], 10)
    if not ready:
        break
    for end in ready:
        data = end.recv(65536)
        if not data:
            open_ends.clear()
            break
        if end is server:
            answer += data
        open_ends[end].sendall(data)
with open(out, "w") as f:
    f.write(answer.hex() + "\n")
