"""What the sender wrote this time: quoted replies, forwarded history and signatures cut off.

Every pattern is matched per line and anchored at its start, with bounded repetition, so the
cost stays linear in the text however long its lines are.
"""

from __future__ import annotations

import re

__all__ = ["clean_for_summary"]

_REPLY_HEADER = re.compile(
    r"^(On .{0,200}(wrote|writes):?|Le .{0,200}a écrit ?:|Am .{0,200}schrieb .{0,100}:|"
    r"El .{0,200}escribió:|-{2,} ?Original Message ?-{2,}|-{2,} ?Forwarded message ?-{2,}|"
    r"_{20,}|From: .+ Sent: .+)$",
    re.IGNORECASE,
)
_OUTLOOK_HEADER = re.compile(r"^(From|Von|De): .+$", re.IGNORECASE)
_OUTLOOK_FOLLOWERS = re.compile(r"^(Sent|Gesendet|Envoyé|Date|To|Subject): ", re.IGNORECASE)
_SIGNATURE_START = re.compile(
    r"^(-- ?|--|Sent from my \w+.*|Get Outlook for .*|Sent from (Mail|Outlook|Yahoo).*)$",
    re.IGNORECASE,
)
_CLOSING = re.compile(
    r"^((best|kind|warm|many)( regards| wishes)?|regards|thanks( again| a lot)?|thank you|"
    r"cheers|sincerely|yours( truly| sincerely)?|all the best|best wishes|talk soon|"
    r"mit freundlichen grüßen|viele grüße|cordialement)[,.!]*$",
    re.IGNORECASE,
)


def clean_for_summary(body: str) -> str:
    """Drop quoted text, forwarded history and the signature, keeping what is new."""
    kept: list[str] = []
    lines = body.splitlines()
    for index, line in enumerate(lines):
        stripped = line.strip()
        if _REPLY_HEADER.match(stripped) or _is_split_reply_header(lines, index):
            break
        if _OUTLOOK_HEADER.match(stripped) and _followed_by_outlook_header(lines, index):
            break
        if _SIGNATURE_START.match(stripped):
            break
        if stripped.startswith(">"):
            continue
        kept.append(line.rstrip())
    while kept and not kept[-1].strip():
        kept.pop()
    kept = _drop_closing(kept)
    return "\n".join(kept).strip()


def _is_split_reply_header(lines: list[str], index: int) -> bool:
    """Gmail wraps long "On <date>, <name> wrote:" headers over two lines."""
    current = lines[index].strip()
    if not current.startswith("On ") or index + 1 >= len(lines):
        return False
    joined = current + " " + lines[index + 1].strip()
    return bool(re.match(r"^On .{0,250}wrote:$", joined))


def _followed_by_outlook_header(lines: list[str], index: int) -> bool:
    following = [line.strip() for line in lines[index + 1 : index + 4]]
    return any(_OUTLOOK_FOLLOWERS.match(line) for line in following)


def _drop_closing(lines: list[str]) -> list[str]:
    """Cut a "Best regards,\nDana" sign-off: a closing followed by a short name block only."""
    for index in range(max(1, len(lines) - 6), len(lines)):
        after = [line.strip() for line in lines[index + 1 :] if line.strip()]
        if (
            _CLOSING.match(lines[index].strip())
            and len(after) <= 3
            and all(len(line) < 40 for line in after)
        ):
            trimmed = lines[:index]
            while trimmed and not trimmed[-1].strip():
                trimmed.pop()
            if trimmed:
                return trimmed
    return lines
