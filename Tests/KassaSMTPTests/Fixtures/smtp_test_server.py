#!/usr/bin/env python3
"""A real SMTP server for Kassa's tests, built on aiosmtpd.

It listens on 127.0.0.1 only, on a port the kernel picks, writes that port to --port-file
once it accepts connections, and stops on SIGTERM. Every accepted message is written to --dir as NNNNN.eml (the bytes
received, dot-stuffing removed) with NNNNN.json beside it (envelope, AUTH login, TLS).

Recipients steer the server, so one server can play several parts:
  reject5...@  RCPT TO is refused with 550 (permanent)
  reject4...@  RCPT TO is refused with 451 (temporary)
  drop...@     the message is captured, then the connection is cut before the reply to
               the final dot (the client cannot know whether it was accepted)
With --accept-all every recipient is accepted like any other (the mailbox exists now).
"""

import argparse
import asyncio
import json
import os
import signal
import ssl

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


class CapturingHandler:
    def __init__(self, folder, accept_all=False):
        self.folder = folder
        self.accept_all = accept_all
        self.count = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        local = address.split("@")[0].lower()
        if self.accept_all:
            envelope.rcpt_tos.append(address)
            return "250 2.1.5 OK"
        if local.startswith("reject5"):
            return "550 5.1.1 <%s>: no such user here" % address
        if local.startswith("reject4"):
            return "451 4.3.0 <%s>: mailbox busy, try again later" % address
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 OK"

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        name = "%05d" % self.count
        content = envelope.original_content or b""
        meta = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "mail_options": envelope.mail_options,
            "login": session.auth_data.login.decode() if isinstance(session.auth_data, LoginPassword) else None,
            # STARTTLS and implicit TLS alike leave an SSL object on the transport.
            "tls": server.transport.get_extra_info("ssl_object") is not None,
        }
        base = os.path.join(self.folder, name)
        with open(base + ".json.tmp", "w") as file:
            json.dump(meta, file)
        os.rename(base + ".json.tmp", base + ".json")
        with open(base + ".eml.tmp", "wb") as file:
            file.write(content)
        os.rename(base + ".eml.tmp", base + ".eml")
        if not self.accept_all and any(rcpt.split("@")[0].lower().startswith("drop") for rcpt in envelope.rcpt_tos):
            # Cut the connection with the message received and no verdict sent.
            server.transport.abort()
            return "250 2.0.0 never seen by the client"
        return "250 2.0.0 Queued as %s" % name


def make_authenticator(username, password):
    def authenticate(server, session, envelope, mechanism, auth_data):
        if (isinstance(auth_data, LoginPassword)
                and auth_data.login == username.encode()
                and auth_data.password == password.encode()):
            return AuthResult(success=True, auth_data=auth_data)
        # handled=False makes aiosmtpd answer 535 itself; anything else hangs the client.
        return AuthResult(success=False, handled=False)
    return authenticate


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dir", required=True, help="folder for the captured messages")
    parser.add_argument("--port-file", required=True, help="where to write the port, once listening")
    parser.add_argument("--cert", help="certificate (PEM): offer STARTTLS, or implicit TLS with --implicit-tls")
    parser.add_argument("--key", help="private key of --cert (PEM)")
    parser.add_argument("--implicit-tls", action="store_true", help="TLS from the first byte (port 465 style)")
    parser.add_argument("--require-starttls", action="store_true", help="refuse mail before STARTTLS")
    parser.add_argument("--auth", metavar="USER:PASSWORD", help="require AUTH with these credentials")
    parser.add_argument("--auth-mechanisms", default="PLAIN,LOGIN", help="mechanisms to offer, e.g. LOGIN")
    parser.add_argument("--accept-all", action="store_true", help="accept every recipient; no address steers the server")
    args = parser.parse_args()

    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    tls_context = None
    if args.cert:
        tls_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        tls_context.load_cert_chain(args.cert, args.key)

    handler = CapturingHandler(args.dir, accept_all=args.accept_all)
    options = {
        "hostname": "kassa-test.localhost",  # never let aiosmtpd ask DNS for a name
        "enable_SMTPUTF8": True,
        "loop": loop,
    }
    if tls_context and not args.implicit_tls:
        options["tls_context"] = tls_context
        options["require_starttls"] = args.require_starttls
    if args.auth:
        username, password = args.auth.split(":", 1)
        offered = {name.strip().upper() for name in args.auth_mechanisms.split(",")}
        options["authenticator"] = make_authenticator(username, password)
        options["auth_required"] = True
        options["auth_require_tls"] = tls_context is not None
        options["auth_exclude_mechanism"] = [name for name in ("PLAIN", "LOGIN") if name not in offered]

    server = loop.run_until_complete(loop.create_server(
        lambda: SMTP(handler, **options),
        host="127.0.0.1",
        port=0,
        ssl=tls_context if args.implicit_tls else None,
    ))
    port = server.sockets[0].getsockname()[1]

    loop.add_signal_handler(signal.SIGTERM, loop.stop)
    with open(args.port_file + ".tmp", "w") as file:
        file.write("%d\n" % port)
    os.rename(args.port_file + ".tmp", args.port_file)
    try:
        loop.run_forever()
    finally:
        server.close()


if __name__ == "__main__":
    main()
