#!/usr/bin/env python3
"""Reads captured messages the way a mail client would, for Kassa's tests.

Parses each FILE with Python's email package (policy=default), verifies every
DKIM-Signature with dkimpy, and prints a JSON list with one object per file: the defects
found (none for a clean message), the decoded header fields, the text and HTML bodies, the
attachments and, per signature, whether it verified. DNS is never asked: --dns NAME=RECORD gives the TXT record of each
key, e.g. k1._domainkey.example.se="v=DKIM1; k=rsa; p=MIIB...".
"""

import argparse
import email
import email.policy
import json
import sys

import dkim


def defects_of(message):
    found = []
    for part in message.walk():
        found += ["%s: %s" % (type(defect).__name__, defect) for defect in part.defects]
        for name, value in part.items():
            found += ["%s header: %s: %s" % (name, type(defect).__name__, defect)
                      for defect in getattr(value, "defects", ())]
    return found


def mailbox_list(value):
    if value is None:
        return None
    return [{"name": address.display_name, "address": address.addr_spec} for address in value.addresses]


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("files", nargs="+", metavar="FILE")
    parser.add_argument("--dns", action="append", default=[], metavar="NAME=RECORD")
    args = parser.parse_args()

    records = {}
    for item in args.dns:
        name, record = item.split("=", 1)
        records[name.strip().rstrip(".").lower()] = record.encode()

    def dnsfunc(name, timeout=5):
        key = (name.decode() if isinstance(name, bytes) else name).rstrip(".").lower()
        return records.get(key)

    json.dump([check(path, dnsfunc) for path in args.files], sys.stdout, ensure_ascii=False)


def check(path, dnsfunc):
    with open(path, "rb") as file:
        raw = file.read()
    message = email.message_from_bytes(raw, policy=email.policy.default)

    text = message.get_body(preferencelist=("plain",))
    html = message.get_body(preferencelist=("html",))
    attachments = [{"filename": part.get_filename(), "content_type": part.get_content_type(),
                    "size": len(part.get_content())} for part in message.iter_attachments()]

    signatures = []
    verifier = dkim.DKIM(raw)
    count = len(message.get_all("DKIM-Signature") or [])
    for index in range(count):
        try:
            valid = bool(verifier.verify(idx=index, dnsfunc=dnsfunc))
            problem = None
        except Exception as error:  # dkimpy raises for malformed signatures
            valid, problem = False, repr(error)
        tags = dict(part.strip().split("=", 1) for part in
                    str(message.get_all("DKIM-Signature")[index]).replace("\r\n", "").split(";") if "=" in part)
        signatures.append({"valid": valid, "problem": problem,
                           "algorithm": tags.get("a", "").strip(), "domain": tags.get("d", "").strip(),
                           "selector": tags.get("s", "").strip(),
                           "headers": tags.get("h", "").replace(" ", "").replace("\t", "").split(":")})

    def field(name):
        # A folded field starts with whitespace after its colon; a reader sees the value.
        return str(message[name]).strip() if message[name] is not None else None

    return {
        "defects": defects_of(message),
        "from": mailbox_list(message["From"]),
        "to": mailbox_list(message["To"]),
        "subject": field("Subject"),
        "message_id": field("Message-ID"),
        "list_unsubscribe": field("List-Unsubscribe"),
        "list_unsubscribe_post": field("List-Unsubscribe-Post"),
        "content_type": message.get_content_type(),
        # Line ends as a reader sees them: the wire has CRLF, the text had "\n".
        "text": text.get_content().replace("\r\n", "\n") if text is not None else None,
        "html": html.get_content().replace("\r\n", "\n") if html is not None else None,
        "attachments": attachments,
        "dkim": signatures,
    }


if __name__ == "__main__":
    main()
