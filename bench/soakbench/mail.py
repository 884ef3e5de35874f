"""Mail for the soak's mailboxes: ordinary messages and a few hostile shapes."""

from __future__ import annotations

import random
from email.message import EmailMessage

SUBJECTS = [
    "Contract for signature by Friday",
    "Lunch next week?",
    "Your invoice #{n} is ready",
    "Build failed on main",
    "Quarterly report draft",
    "Re: travel plans",
    "Action required: confirm your address",
    "Weekly newsletter #{n}",
]


def ordinary(rng: random.Random, to: str, n: int) -> bytes:
    """A plain message from a made-up sender."""
    message = EmailMessage()
    message["From"] = f"Sender {n % 97} <sender{n % 97}@partner.example>"
    message["To"] = to
    message["Subject"] = rng.choice(SUBJECTS).format(n=n)
    message["Message-ID"] = f"<soak-{n}@partner.example>"
    message.set_content(f"Hello,\n\nThis is message {n}. Could you reply by Thursday?\n\nThanks")
    return message.as_bytes()


def _hostile_shapes(to: str, n: int) -> list[bytes]:
    """Malformed or adversarial messages a real mailbox receives."""
    crlf = "\r\n"
    return [
        # no headers at all
        f"just a body, no headers {n}".encode(),
        # enormous subject of broken encoded-words
        (f"From: x@y.example{crlf}To: {to}{crlf}Subject: " + "=?utf-8?B?////?= " * 800).encode()
        + f"{crlf}{crlf}body {n}".encode(),
        # unknown charset with 8-bit bytes
        f"From: a@b.example{crlf}To: {to}{crlf}Subject: charset {n}{crlf}"
        f"Content-Type: text/plain; charset=x-no-such-charset{crlf}"
        f"Content-Transfer-Encoding: 8bit{crlf}{crlf}".encode()
        + b"\xff\xfe\x00\x81 caf\xe9 \x00\x00",
        # multipart whose boundary never closes, nested deep
        (
            f"From: deep@b.example{crlf}To: {to}{crlf}Subject: nested {n}{crlf}"
            f'Content-Type: multipart/mixed; boundary="b0"{crlf}{crlf}'
            + "".join(
                f'--b{i}{crlf}Content-Type: multipart/mixed; boundary="b{i + 1}"{crlf}{crlf}'
                for i in range(40)
            )
            + f"--b40{crlf}Content-Type: text/plain{crlf}{crlf}innermost {n}{crlf}"
        ).encode(),
        # HTML only, script and a very long line
        (
            f"From: promo@c.example{crlf}To: {to}{crlf}Subject: html {n}{crlf}"
            f"Content-Type: text/html; charset=utf-8{crlf}{crlf}"
            "<html><script>alert(1)</script><body>" + "<b>x</b>" * 20000 + "</body></html>"
        ).encode(),
        # nonsense From and Date headers
        f'From: <<<@@>>> "unterminated{crlf}To: {to}{crlf}Date: yesterday-ish{crlf}'
        f"Subject: headers {n}{crlf}{crlf}body {n}".encode(),
        # base64 that is not base64
        f"From: b64@d.example{crlf}To: {to}{crlf}Subject: b64 {n}{crlf}"
        f"Content-Type: text/plain{crlf}Content-Transfer-Encoding: base64{crlf}{crlf}"
        f"!!!not*base64***{n}".encode(),
    ]


HOSTILE_SHAPES = len(_hostile_shapes("a@b.example", 0))


def hostile(rng: random.Random, to: str, n: int) -> bytes:
    """One of the hostile shapes, chosen at random."""
    return rng.choice(_hostile_shapes(to, n))


def hostile_shape(index: int, to: str, n: int) -> bytes:
    """The hostile shape number ``index``."""
    return _hostile_shapes(to, n)[index % HOSTILE_SHAPES]
