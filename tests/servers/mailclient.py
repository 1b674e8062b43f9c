#!/usr/bin/python3
"""A mail program for the relay's tests: it speaks POP3, IMAP and SMTP in plain text to
HOST PORT (in the tests, the relay) and prints what it saw, one fact per line, so a test
can compare the messages' bytes and the capabilities a mail program is shown. Python's
standard library only. Written on sockets rather than poplib/imaplib/smtplib so that every
line is printed as it came and every wait has a time limit.

Commands and the lines they print (WORDS is the server's line as it came):

  greeting HOST PORT          the server's first line as it came; or "closed", "timeout" or
                              "refused" (exit 3)
  pop3 HOST PORT USER PASS    greeting WORDS / capa-reply WORDS / capa WORDS (one per CAPA
                              line) / user WORDS / login WORDS (the PASS or APOP answer) /
                              stat WORDS / message N ... (RETR of each, checked against
                              LIST's size) / count N / quit WORDS
  imap HOST PORT USER PASS    greeting WORDS / capability WORDS (the untagged CAPABILITY
                              answer, after "* CAPABILITY ") / login WORDS / select WORDS /
                              exists N / message N ... (FETCH BODY.PEEK[], checked against
                              RFC822.SIZE) / count N / logout WORDS
  imap-idle HOST PORT USER PASS SECONDS
                              as imap up to exists N, then "idling" once IDLE has begun,
                              "EXISTS N" when the server reports more messages within
                              SECONDS (else exit 1), done WORDS (the answer to DONE),
                              logout WORDS
  smtp HOST PORT USER PASS FROM TO FILE
                              greeting WORDS / ehlo WORDS (each EHLO line, code included) /
                              auth WORDS (each AUTH answer; USER "-" makes no AUTH) /
                              mail WORDS / rcpt WORDS / data WORDS / sent WORDS (the final
                              reply to the message) / quit WORDS. FILE's line ends become
                              CRLF; lines starting with "." are dot-stuffed.
  burst HOST PORT USER PASS N PARALLEL
                              N POP3 sessions in waves of PARALLEL held open at once (all
                              of a wave log in before any goes on); each logs in, STAT,
                              LIST 1, RETR 1, QUIT. Prints succeeded N / failed N /
                              counts N... (the distinct STAT counts seen) / message1_sha256
                              HEX... (the distinct digests of message 1) / seconds S; the
                              failures' reasons go to stderr, and any failure exits 1.
  digest FILE                 "sha256=HEX size=N body_sha256=HEX" for FILE (line ends as CRLF)

Options (after the command): --timeout SECONDS for each network wait (default 30);
--apop (pop3, burst: APOP instead of USER/PASS); --auth plain|login (smtp: instead of
the first of PLAIN and LOGIN that EHLO offers). For checking the servers without the relay:
--tls (TLS from the first byte) or --starttls (STLS/STARTTLS after the greeting, then EHLO
again for SMTP), with --ca FILE (the trusted root; default the system's) and --servername
NAME (the name the certificate must have; default HOST); these add the lines "tls VERSION
SUITE" and, for --starttls, "stls WORDS" or "starttls WORDS".

A message is described as "message N sha256=HEX size=N body_sha256=HEX": the digest and
size of the message with CRLF line ends (as POP3 and IMAP send it, after POP3's dot
unstuffing), and the digest of its body (after the first empty line), which a delivery
that adds header lines leaves alone. `digest FILE` prints the same for a file.

Exit codes: 0 done; 1 a failure, its reason on stderr (server's refusals included: the
refusing line is printed first, like every other answer); 2 bad arguments; 3 greeting
got no line. Every line printed is flushed at once, so a test can watch the output of a
client running in the background (imap-idle prints "idling" when IDLE has begun)."""
import argparse
import base64
import collections
import hashlib
import re
import socket
import ssl
import sys
import threading
import time

MAX_LINE = 1_000_000


class Failure(Exception):
    """The session cannot go on; the message says why."""


class Closed(Failure):
    pass


class TimedOut(Failure):
    pass


def say(*words):
    print(*words, flush=True)


def text(line):
    return line.decode("utf-8", "replace")


def canonical(message):
    """The message with CRLF line ends, as POP3 and IMAP send it."""
    return message.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")


def describe(message):
    body = message.split(b"\r\n\r\n", 1)[1] if b"\r\n\r\n" in message else b""
    return "sha256=%s size=%d body_sha256=%s" % (
        hashlib.sha256(message).hexdigest(), len(message), hashlib.sha256(body).hexdigest())


class Connection:
    """A line-oriented connection whose every wait ends after `timeout` seconds."""

    def __init__(self, options, host, port, shown=True):
        self.options = options
        self.host = host
        self.buffer = bytearray()
        self.position = 0
        try:
            self.sock = socket.create_connection((host, int(port)), timeout=options.timeout)
        except socket.timeout:
            raise TimedOut("connecting to %s:%s: no answer within %s s" % (host, port, options.timeout))
        except ConnectionRefusedError:
            raise
        except OSError as error:
            raise Failure("connecting to %s:%s: %s" % (host, port, error.strerror or error))
        if options.tls:
            self.start_tls(shown)

    def start_tls(self, shown=True):
        if self.position < len(self.buffer):
            raise Failure("the server sent more before TLS began")
        context = ssl.create_default_context(cafile=self.options.ca)
        try:
            self.sock = context.wrap_socket(self.sock, server_hostname=self.options.servername or self.host)
        except socket.timeout:
            raise TimedOut("TLS handshake: no answer within %s s" % self.options.timeout)
        except (ssl.SSLError, OSError) as error:
            raise Failure("TLS handshake: %s" % error)
        if shown:
            say("tls", self.sock.version(), self.sock.cipher()[0])

    def send(self, data):
        self.sock.settimeout(self.options.timeout)
        try:
            self.sock.sendall(data)
        except socket.timeout:
            raise TimedOut("sending: the server took nothing for %s s" % self.options.timeout)
        except OSError as error:
            raise Failure("sending: %s" % (error.strerror or error))

    def send_line(self, line):
        self.send(line.encode("utf-8") + b"\r\n")

    def _fill(self, timeout):
        self.sock.settimeout(timeout)
        try:
            chunk = self.sock.recv(262144)
        except socket.timeout:
            raise TimedOut("no answer within %.1f s" % timeout)
        except OSError as error:
            raise Closed("the connection failed: %s" % (error.strerror or error))
        if not chunk:
            raise Closed("the server closed the connection")
        if self.position > 65536 and self.position * 2 > len(self.buffer):
            del self.buffer[:self.position]
            self.position = 0
        self.buffer += chunk

    def readline(self, timeout=None):
        """The next line, without its line end."""
        timeout = self.options.timeout if timeout is None else timeout
        while True:
            end = self.buffer.find(b"\n", self.position)
            if end >= 0:
                line = bytes(self.buffer[self.position:end])
                self.position = end + 1
                return line[:-1] if line.endswith(b"\r") else line
            if len(self.buffer) - self.position > MAX_LINE:
                raise Failure("a line longer than %d bytes" % MAX_LINE)
            self._fill(timeout)

    def read_exact(self, count):
        while len(self.buffer) - self.position < count:
            self._fill(self.options.timeout)
        data = bytes(self.buffer[self.position:self.position + count])
        self.position += count
        return data

    def close(self):
        try:
            self.sock.close()
        except OSError:
            pass


# --- POP3 ---------------------------------------------------------------------------------

def pop3_command(connection, command, what, shown=True):
    connection.send_line(command)
    reply = text(connection.readline())
    if shown:
        say(what, reply)
    if not reply.startswith("+OK"):
        raise Failure("%s refused: %s" % (what, reply))
    return reply


def pop3_lines(connection):
    """The lines of a multi-line answer, dot-unstuffed."""
    lines = []
    while True:
        line = connection.readline()
        if line == b".":
            return lines
        lines.append(line[1:] if line.startswith(b".") else line)


def pop3_greeting(connection, options, shown=True):
    greeting = text(connection.readline())
    if shown:
        say("greeting", greeting)
    if not greeting.startswith("+OK"):
        raise Failure("greeting: %s" % greeting)
    if options.starttls:
        pop3_command(connection, "STLS", "stls", shown)
        connection.start_tls(shown)
    return greeting


def pop3_authenticate(connection, options, user, password, greeting, shown=True):
    if options.apop:
        stamp = re.search(r"<[^>]*>", greeting)
        if not stamp:
            raise Failure("APOP: the greeting has no time stamp: %s" % greeting)
        digest = hashlib.md5((stamp.group(0) + password).encode("utf-8")).hexdigest()
        pop3_command(connection, "APOP %s %s" % (user, digest), "login", shown)
    else:
        pop3_command(connection, "USER " + user, "user", shown)
        pop3_command(connection, "PASS " + password, "login", shown)


def pop3_message(connection, number, octets):
    connection.send_line("RETR %d" % number)
    reply = text(connection.readline())
    if not reply.startswith("+OK"):
        raise Failure("RETR %d refused: %s" % (number, reply))
    lines = pop3_lines(connection)
    message = b"".join(line + b"\r\n" for line in lines)
    if octets is not None and len(message) != octets:
        raise Failure("message %d: LIST said %d octets, RETR gave %d" % (number, octets, len(message)))
    return message


def run_pop3(options):
    connection = Connection(options, options.host, options.port)
    greeting = pop3_greeting(connection, options)
    connection.send_line("CAPA")
    reply = text(connection.readline())
    say("capa-reply", reply)
    if reply.startswith("+OK"):
        for line in pop3_lines(connection):
            say("capa", text(line))
    pop3_authenticate(connection, options, options.user, options.password, greeting)
    pop3_command(connection, "STAT", "stat")
    pop3_command(connection, "LIST", "list", shown=False)
    sizes = [tuple(int(word) for word in line.split()[:2]) for line in pop3_lines(connection)]
    for number, octets in sizes:
        say("message", number, describe(pop3_message(connection, number, octets)))
    say("count", len(sizes))
    pop3_command(connection, "QUIT", "quit")
    connection.close()


def burst_session(options, barrier, results):
    connection = None
    logged_in = False
    try:
        try:
            connection = Connection(options, options.host, options.port, shown=False)
            greeting = pop3_greeting(connection, options, shown=False)
            pop3_authenticate(connection, options, options.user, options.password, greeting, shown=False)
            logged_in = True
        finally:
            # Every session of a wave is logged in before any goes on: they are open at once.
            try:
                barrier.wait(options.timeout)
            except threading.BrokenBarrierError:
                pass
        count = int(pop3_command(connection, "STAT", "stat", shown=False).split()[1])
        octets = int(pop3_command(connection, "LIST 1", "list", shown=False).split()[2])
        message = pop3_message(connection, 1, octets)
        pop3_command(connection, "QUIT", "quit", shown=False)
        results.append((True, count, hashlib.sha256(message).hexdigest(), None))
    except (Failure, OSError) as error:
        where = "after login" if logged_in else "before login"
        results.append((False, None, None, "%s: %s" % (where, error)))
    finally:
        if connection:
            connection.close()


def run_burst(options):
    total, parallel = options.sessions, options.parallel
    if total < 1 or parallel < 1:
        raise Failure("N and PARALLEL must be at least 1")
    results = []
    started = time.monotonic()
    done = 0
    while done < total:
        wave = min(parallel, total - done)
        barrier = threading.Barrier(wave)
        threads = [threading.Thread(target=burst_session, args=(options, barrier, results)) for _ in range(wave)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        done += wave
    succeeded = [result for result in results if result[0]]
    failures = collections.Counter(result[3] for result in results if not result[0])
    say("succeeded", len(succeeded))
    say("failed", total - len(succeeded))
    say("counts", *sorted({result[1] for result in succeeded}))
    say("message1_sha256", *sorted({result[2] for result in succeeded}))
    say("seconds", "%.2f" % (time.monotonic() - started))
    if failures:
        for reason, times in failures.most_common(5):
            print("%d session(s) failed %s" % (times, reason), file=sys.stderr)
        raise Failure("%d of %d sessions failed" % (total - len(succeeded), total))


# --- IMAP ---------------------------------------------------------------------------------

class Imap:
    def __init__(self, connection):
        self.connection = connection
        self.tags = 0

    def next_tag(self):
        self.tags += 1
        return "a%d" % self.tags

    def read_response(self, timeout=None):
        """One response: its lines joined, literals replaced by "{n}", and its literals."""
        line = self.connection.readline(timeout)
        parts, literals = [line], []
        while True:
            literal = re.search(rb"\{(\d+)\}$", line)
            if not literal:
                return text(b"".join(parts)), literals
            literals.append(self.connection.read_exact(int(literal.group(1))))
            line = self.connection.readline()
            parts.append(line)

    def command(self, command, what, shown=True):
        """Sends a command; returns its untagged responses. A tagged NO or BAD fails."""
        tag = self.next_tag()
        self.connection.send_line("%s %s" % (tag, command))
        untagged = []
        while True:
            response, literals = self.read_response()
            if response.startswith(tag + " "):
                if shown:
                    say(what, response)
                if not response.startswith(tag + " OK"):
                    raise Failure("%s refused: %s" % (what, response))
                return untagged
            untagged.append((response, literals))


def quoted(word):
    return '"%s"' % word.replace("\\", "\\\\").replace('"', '\\"')


def imap_login(options):
    connection = Connection(options, options.host, options.port)
    imap = Imap(connection)
    greeting, _ = imap.read_response()
    say("greeting", greeting)
    if not greeting.startswith("* OK"):
        raise Failure("greeting: %s" % greeting)
    if options.starttls:
        imap.command("STARTTLS", "starttls")
        connection.start_tls()
    for response, _ in imap.command("CAPABILITY", "capability-reply", shown=False):
        if response.startswith("* CAPABILITY "):
            say("capability", response[len("* CAPABILITY "):])
    imap.command("LOGIN %s %s" % (quoted(options.user), quoted(options.password)), "login")
    exists = None
    for response, _ in imap.command("SELECT INBOX", "select"):
        found = re.match(r"\* (\d+) EXISTS", response)
        if found:
            exists = int(found.group(1))
    if exists is None:
        raise Failure("SELECT INBOX gave no EXISTS")
    say("exists", exists)
    return imap, exists


def run_imap(options):
    imap, exists = imap_login(options)
    for number in range(1, exists + 1):
        message = size = None
        for response, literals in imap.command("FETCH %d (RFC822.SIZE BODY.PEEK[])" % number, "fetch", shown=False):
            if re.match(r"\* %d FETCH " % number, response) and literals:
                message = literals[-1]
                found = re.search(r"RFC822\.SIZE (\d+)", response)
                size = int(found.group(1)) if found else None
        if message is None:
            raise Failure("FETCH %d gave no message" % number)
        if size is not None and size != len(message):
            raise Failure("message %d: RFC822.SIZE said %d, BODY[] gave %d bytes" % (number, size, len(message)))
        say("message", number, describe(message))
    say("count", exists)
    imap.command("LOGOUT", "logout")
    imap.connection.close()


def run_imap_idle(options):
    imap, exists = imap_login(options)
    tag = imap.next_tag()
    imap.connection.send_line(tag + " IDLE")
    while True:
        response, _ = imap.read_response()
        if response.startswith("+"):
            break
        if response.startswith(tag + " "):
            raise Failure("IDLE refused: %s" % response)
    say("idling")
    deadline = time.monotonic() + options.seconds
    new = None
    while new is None:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            break
        try:
            response, _ = imap.read_response(remaining)
        except TimedOut:
            break
        found = re.match(r"\* (\d+) EXISTS", response)
        if found and int(found.group(1)) > exists:
            new = int(found.group(1))
            say("EXISTS", new)
    imap.connection.send_line("DONE")
    while True:
        response, _ = imap.read_response()
        if response.startswith(tag + " "):
            say("done", response)
            if not response.startswith(tag + " OK"):
                raise Failure("IDLE ended with: %s" % response)
            break
    imap.command("LOGOUT", "logout")
    imap.connection.close()
    if new is None:
        raise Failure("IDLE: no new message within %s s" % options.seconds)


# --- SMTP ---------------------------------------------------------------------------------

def smtp_reply(connection, what, expected):
    """Reads a reply of one or more lines, printing each; fails unless its code starts
    with one of `expected`."""
    lines = []
    while True:
        line = text(connection.readline())
        lines.append(line)
        say(what, line)
        if len(line) < 4 or line[3] != "-":
            break
    if not line[:3].isdigit() or not line.startswith(expected):
        raise Failure("%s refused: %s" % (what, line))
    return lines


def smtp_command(connection, command, what, expected):
    connection.send_line(command)
    return smtp_reply(connection, what, expected)


def smtp_mechanisms(ehlo_lines):
    mechanisms = set()
    for line in ehlo_lines:
        words = re.split(r"[ =]", line[4:].upper())
        if words[0] == "AUTH":
            mechanisms.update(words[1:])
    return mechanisms


def run_smtp(options):
    with open(options.file, "rb") as file:
        message = canonical(file.read())
    if message and not message.endswith(b"\r\n"):
        message += b"\r\n"
    connection = Connection(options, options.host, options.port)
    try:
        smtp_reply(connection, "greeting", "220")
        ehlo = smtp_command(connection, "EHLO client.tlsswitch.invalid", "ehlo", "250")
        if options.starttls:
            smtp_command(connection, "STARTTLS", "starttls", "220")
            connection.start_tls()
            ehlo = smtp_command(connection, "EHLO client.tlsswitch.invalid", "ehlo", "250")
        if options.user != "-":
            offered = smtp_mechanisms(ehlo)
            mechanism = options.auth or next((name for name in ("plain", "login") if name.upper() in offered), None)
            if mechanism is None:
                raise Failure("the server offers no AUTH PLAIN or LOGIN (offered: %s)" % (" ".join(sorted(offered)) or "no AUTH"))
            encode = lambda words: base64.b64encode(words.encode("utf-8")).decode("ascii")
            if mechanism == "plain":
                smtp_command(connection, "AUTH PLAIN " + encode("\0%s\0%s" % (options.user, options.password)), "auth", "235")
            else:
                smtp_command(connection, "AUTH LOGIN", "auth", "334")
                smtp_command(connection, encode(options.user), "auth", "334")
                smtp_command(connection, encode(options.password), "auth", "235")
        smtp_command(connection, "MAIL FROM:<%s>" % options.sender, "mail", "250")
        smtp_command(connection, "RCPT TO:<%s>" % options.recipient, "rcpt", ("250", "251"))
        smtp_command(connection, "DATA", "data", "354")
        stuffed = re.sub(rb"(?m)^\.", b"..", message)
        connection.send(stuffed + b".\r\n")
        smtp_reply(connection, "sent", "250")
        smtp_command(connection, "QUIT", "quit", "221")
    except Failure:
        try:
            connection.send_line("QUIT")
        except Failure:
            pass
        raise
    finally:
        connection.close()


# --- the rest -------------------------------------------------------------------------------

def run_greeting(options):
    try:
        connection = Connection(options, options.host, options.port, shown=False)
        say(text(connection.readline()))
        connection.close()
        return 0
    except ConnectionRefusedError:
        say("refused")
    except Closed:
        say("closed")
    except TimedOut:
        say("timeout")
    return 3


def run_digest(options):
    with open(options.file, "rb") as file:
        say(describe(canonical(file.read())))


def arguments():
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--timeout", type=float, default=30, help="seconds for each network wait")
    common.add_argument("--tls", action="store_true", help="TLS from the first byte")
    common.add_argument("--starttls", action="store_true", help="STLS/STARTTLS after the greeting")
    common.add_argument("--ca", help="the trusted root for --tls/--starttls")
    common.add_argument("--servername", help="the name the certificate must have (default HOST)")
    common.add_argument("--apop", action="store_true", help="POP3: APOP instead of USER/PASS")
    common.add_argument("--auth", choices=("plain", "login"), help="SMTP: this AUTH mechanism")
    parser = argparse.ArgumentParser(description="A plain-text mail client for the relay's tests.")
    commands = parser.add_subparsers(dest="command", required=True)

    def command(name, function, *names, **types):
        sub = commands.add_parser(name, parents=[common])
        for word in names:
            sub.add_argument(word, type=types.get(word, str))
        sub.set_defaults(function=function)

    login = ("host", "port", "user", "password")
    command("greeting", run_greeting, "host", "port", port=int)
    command("pop3", run_pop3, *login, port=int)
    command("imap", run_imap, *login, port=int)
    command("imap-idle", run_imap_idle, *login, "seconds", port=int, seconds=float)
    command("smtp", run_smtp, *login, "sender", "recipient", "file", port=int)
    command("burst", run_burst, *login, "sessions", "parallel", port=int, sessions=int, parallel=int)
    command("digest", run_digest, "file")
    options = parser.parse_args()
    if options.tls and options.starttls:
        parser.error("--tls and --starttls exclude each other")
    return options


def main():
    options = arguments()
    try:
        return options.function(options) or 0
    except ConnectionRefusedError:
        print("mailclient %s: connecting to %s:%s: refused" % (options.command, options.host, options.port), file=sys.stderr)
    except Failure as error:
        print("mailclient %s: %s" % (options.command, error), file=sys.stderr)
    except OSError as error:
        print("mailclient %s: %s" % (options.command, error), file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
