#!/usr/bin/env python3
"""A hostile SMTP server for one test: it offers STARTTLS and sends a forged reply right
behind its 220 to STARTTLS, in the same packet, before any TLS handshake (the "STARTTLS
command injection" of CVE-2011-0411). A safe client closes the connection instead of
reading that reply as if it came over TLS.

Listens on 127.0.0.1 only, on a port the kernel picks, written to --port-file; writes what
the client sent after STARTTLS to --log; serves one connection, then exits.
"""

import argparse
import socket
import os


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--log", required=True)
    parser.add_argument("--port-file", required=True)
    args = parser.parse_args()

    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    with open(args.port_file + ".tmp", "w") as file:
        file.write("%d\n" % listener.getsockname()[1])
    os.rename(args.port_file + ".tmp", args.port_file)

    connection, _ = listener.accept()
    connection.settimeout(10)
    reader = connection.makefile("rb")
    connection.sendall(b"220 hostile.localhost ESMTP\r\n")
    reader.readline()  # EHLO
    connection.sendall(b"250-hostile.localhost\r\n250-PIPELINING\r\n250 STARTTLS\r\n")
    reader.readline()  # STARTTLS
    connection.sendall(b"220 2.0.0 Ready to start TLS\r\n250 2.0.0 forged: no TLS needed\r\n")
    after = b""
    try:
        while True:
            chunk = connection.recv(4096)
            if not chunk:
                break
            after += chunk
    except OSError:
        pass
    with open(args.log, "wb") as log:
        log.write(after)


if __name__ == "__main__":
    main()
