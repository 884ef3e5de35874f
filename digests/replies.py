"""What the sender wrote this time: quoted replies, forwarded history and signatures cut off.

Every pattern is matched per line and anchored at its start, with bounded repetition, so the
cost stays linear in the text however long its lines are.
"""

from __future__ import annotations

import re
from collections.abc import Callable

__all__ = ["clean_for_summary", "without_sign_off"]

_REPLY_HEADER = re.compile(
    r"^(On .{0,200}(wrote|writes):?|Le .{0,200}a écrit ?:|Am .{0,200}schrieb .{0,100}:|"
    r"El .{0,200}escribió:|-{2,} ?Original Message ?-{2,}|-{2,} ?Forwarded message ?-{2,}|"
    r"-{2,} ?(?:Message transféré|Message d'origine|Weitergeleitete Nachricht|"
    r"Ursprüngliche Nachricht|Mensaje reenviado|Mensaje original) ?-{2,}|"
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
    r"^((best|kind|warm|many)( regards| wishes| thanks)?|regards|thanks( again| a lot| so much)?|"
    r"thank you|cheers|sincerely|yours( truly| sincerely)?|all the best|best wishes|talk soon|"
    r"mit freundlichen grüßen|(viele|liebe|beste|freundliche) grüße|danke( schön)?|"
    r"(bien )?cordialement|bien à (vous|toi)|merci( beaucoup)?|atentamente|"
    r"(un )?saludos?( cordiales)?|un abrazo|gracias)\s?[,.!]*$",
    re.IGNORECASE,
)
# "P.S. Could you also ...": a last word after the sign-off.
_PS = re.compile(r"^\s*(?:p\.\s?(?:p\.\s?)?s\.|ps:?)\s", re.IGNORECASE)
# A line that ends as a sentence does ("Book the room."), not as "Acme Inc." or "J. Doe".
_SENTENCE_END = re.compile(
    r"(?<!\binc)(?<!\bltd)(?<!\bco)(?<!\bcorp)(?<!\bllc)(?<!\bplc)(?<!\bjr)(?<!\bsr)"
    r"(?<!\b[A-Za-z])[.!?]\s*$",
    re.IGNORECASE,
)
# What a sign-off block holds no more of: a question, a P.S., a request.
_NOT_SIGNATURE = re.compile(
    r"\?\s*$|^p\.? ?s\b|\b(?:please|could you|can you|bitte|por favor|s'il (?:te|vous) pla[iî]t)\b",
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
    kept = _drop_closing(kept, _name_only, window=6)
    return "\n".join(kept).strip()


def without_sign_off(text: str) -> str:
    """The text without its sign-off block, title, company and phone lines included: where
    asks are looked for (the summary and the sender's kind still read the block)."""
    lines = text.splitlines()
    ps = next((i for i, line in enumerate(lines) if _PS.match(line)), len(lines))
    return "\n".join(_drop_closing(lines[:ps], _sign_off_block, window=10) + lines[ps:])


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


def _drop_closing(
    lines: list[str], block: Callable[[list[str]], bool], *, window: int
) -> list[str]:
    """Cut a "Best regards,\nDana" sign-off: a closing in the last ``window`` lines followed
    by a name block only."""
    for index in range(max(1, len(lines) - window), len(lines)):
        after = [line.strip() for line in lines[index + 1 :] if line.strip()]
        if _CLOSING.match(lines[index].strip()) and block(after):
            trimmed = lines[:index]
            while trimmed and not trimmed[-1].strip():
                trimmed.pop()
            if trimmed:
                return trimmed
    return lines


def _name_only(lines: list[str]) -> bool:
    """A short name block: "Dana" or "Dana Reyes / Fernwood"; no sentence ("Thanks!" above
    "Send me the contract." is no sign-off)."""
    return len(lines) <= 3 and all(
        len(line) < 40 and not _SENTENCE_END.search(line) for line in lines
    )


def _sign_off_block(lines: list[str]) -> bool:
    """A name with its title, company and phone lines ("Heather Quinn / Lead Clinical Data
    Manager / Pelion Clinical | Durham, NC"); not a P.S. or a last question."""
    return _name_only(lines) or (
        len(lines) <= 7
        and all(
            len(line) < 90 and not _NOT_SIGNATURE.search(line) and not _SENTENCE_END.search(line)
            for line in lines
        )
    )
