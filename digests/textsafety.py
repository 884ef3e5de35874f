"""Making text from mail safe to store and to show: what PostgreSQL refuses, what misleads.

Mail is written by strangers. Three kinds of trouble are handled here and nowhere else:

* **Storage.** PostgreSQL refuses NUL in text and in ``jsonb`` (``\\u0000``), and no database
  driver can encode a lone surrogate (``"\\ud800"``, which JSON can carry). ``storable``
  removes both from a string or from anything JSON-shaped.
* **Display.** Bidirectional controls (U+202E RIGHT-TO-LEFT OVERRIDE and friends) make
  ``Invoice \\u202efdp.exe`` read "Invoice exe.pdf". ``display_line`` removes them and other
  control characters from one-line fields (sender names, subjects, attachment names) and caps
  their length; ``display_text`` does the same for multi-line text, keeping line breaks.
* **Hidden HTML.** Preheaders and other text styled invisible (``display:none``, zero size or
  opacity) must never become a summary; ``is_hidden_element`` tells the HTML reader so.
* **Dates.** A date a database or ``astimezone`` cannot hold (year 1 in Tokyo, year 9999)
  is ``None`` from ``sane_datetime``, so callers pick their fallback.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

__all__ = [
    "BIDI_CONTROLS",
    "EARLIEST_DATE",
    "LATEST_DATE",
    "capped",
    "display_line",
    "display_text",
    "is_hidden_element",
    "is_hidden_style",
    "sane_datetime",
    "storable",
    "storable_text",
    "without_bidi_controls",
    "without_hidden_prefix",
]

# U+202A-U+202E embeddings and overrides, U+2066-U+2069 isolates, the LRM/RLM marks and the
# Arabic letter mark: invisible, and able to reorder what follows them.
BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
_BIDI = re.compile(f"[{BIDI_CONTROLS}]")
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
# C0 and C1 controls, DEL, and the line/paragraph separators; tab and newline are handled apart.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")
_ANY_WHITESPACE_CONTROL = re.compile("[\t\n\r\x0b\x0c]")

# Dates outside these bounds are not a mail's real date; both fit every database and zone.
EARLIEST_DATE = datetime(1970, 1, 1, tzinfo=UTC)
LATEST_DATE = datetime(2200, 1, 1, tzinfo=UTC)


def storable_text(value: str) -> str:
    """``value`` without NUL and lone surrogates, which no database here can store."""
    return _UNSTORABLE.sub("", value)


def storable(value: Any) -> Any:
    """A copy of a JSON-shaped value (dicts, lists, strings) with every string storable."""
    if isinstance(value, str):
        return storable_text(value)
    if isinstance(value, Mapping):
        return {storable_text(str(key)): storable(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [storable(item) for item in value]
    return value


def without_bidi_controls(value: str) -> str:
    """``value`` with the bidirectional controls removed: the text reads in its stored order."""
    return _BIDI.sub("", value)


def capped(value: str, limit: int) -> str:
    """At most ``limit`` characters, with an ellipsis when something was cut."""
    return value if len(value) <= limit else value[: max(0, limit - 1)] + "…"


def display_line(value: str, limit: int) -> str:
    """One line fit to show and store: no controls or bidi tricks, spaces collapsed, capped."""
    value = _ANY_WHITESPACE_CONTROL.sub(" ", storable_text(value))
    value = _CONTROLS.sub("", without_bidi_controls(value))
    return capped(" ".join(value.split()), limit)


def display_text(value: str, limit: int) -> str:
    """Multi-line text fit to show and store: line breaks kept, other controls removed."""
    value = storable_text(value).replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    value = _CONTROLS.sub("", without_bidi_controls(value))
    return capped(value, limit)


def sane_datetime(value: datetime | None) -> datetime | None:
    """``value`` in UTC when it is an aware date between 1970 and 2200, else None."""
    if value is None or value.tzinfo is None:
        return None
    try:
        moment = value.astimezone(UTC)
    except (OverflowError, ValueError):
        return None
    return moment if EARLIEST_DATE <= moment < LATEST_DATE else None


# Elements whose content nobody sees, whatever their style.
HIDDEN_TAGS = frozenset({"head", "style", "script", "title", "template", "noscript", "svg"})
# Class or id words that mark a preheader or screen-reader-only text.
_HIDDEN_NAMES = re.compile(
    r"(?:^|[\s_-])(?:preheader|pre-header|preview-?text|visually-?hidden|sr-only)(?:$|[\s_-])",
    re.IGNORECASE,
)
_STYLE_DECLARATION = re.compile(r"([a-z-]{1,40})\s{0,20}:\s{0,20}([^;]{0,200})", re.IGNORECASE)
_ZERO_LENGTH = re.compile(r"(?:0+(?:\.0*)?|\.0+)(?:px|pt|em|rem|%)?", re.IGNORECASE)
# Zero, a fraction of a pixel or one pixel: text nobody can read.
_TINY_FONT = re.compile(r"(?:0+(?:\.\d*)?|\.\d+|0*1(?:\.0*)?)(?:px|pt)?", re.IGNORECASE)
_STYLE_CHARS = 2000  # a style attribute is read this far; longer ones are a trick anyway


def is_hidden_element(tag: str, attrs: list[tuple[str, str | None]]) -> bool:
    """Whether a reader sees nothing of this element: hidden tags, attributes or styles."""
    if tag in HIDDEN_TAGS:
        return True
    names = {name.lower(): value or "" for name, value in attrs[:50]}
    if "hidden" in names or names.get("aria-hidden", "").lower() == "true":
        return True
    if _HIDDEN_NAMES.search(names.get("class", "")[:500] + " " + names.get("id", "")[:200]):
        return True
    return is_hidden_style(names.get("style", ""))


def is_hidden_style(style: str) -> bool:
    """Inline CSS that hides its text: display:none, visibility:hidden, zero size or opacity."""
    declarations = {
        name.lower(): value.strip().lower().removesuffix("!important").strip()
        for name, value in _STYLE_DECLARATION.findall(style[:_STYLE_CHARS])
    }
    if declarations.get("display") == "none" or declarations.get("mso-hide") == "all":
        return True
    if declarations.get("visibility") in {"hidden", "collapse"}:
        return True
    if _is_zero(declarations.get("opacity", "1")):
        return True
    if _TINY_FONT.fullmatch(declarations.get("font-size", "12px")):
        return True
    overflow_hidden = declarations.get("overflow") == "hidden"
    return overflow_hidden and any(
        _is_zero(declarations.get(name, "1"))
        for name in ("max-height", "height", "max-width", "width")
    )


def _is_zero(value: str) -> bool:
    return bool(_ZERO_LENGTH.fullmatch(value))


_INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufeff\u034f\u00ad\xa0") | frozenset(BIDI_CONTROLS)


def without_hidden_prefix(snippet: str, hidden: str) -> str:
    """``snippet`` without the hidden text it starts with.

    Gmail's snippet is the start of the mail's text, preheader included; the preheader is
    usually padded with invisible characters. Both are compared ignoring whitespace and
    those characters; unless the snippet starts with all of the hidden text (or the hidden
    text covers all of the snippet), the snippet is returned as it is.
    """
    wanted = [c for c in hidden if not c.isspace() and c not in _INVISIBLE]
    if not wanted:
        return snippet
    matched = 0
    for index, char in enumerate(snippet):
        if char.isspace() or char in _INVISIBLE:
            continue
        if char != wanted[matched]:
            return snippet
        matched += 1
        if matched == len(wanted):
            rest = snippet[index + 1 :]
            start = next(
                (i for i, c in enumerate(rest) if not c.isspace() and c not in _INVISIBLE),
                len(rest),
            )
            return rest[start:].rstrip()
    return ""  # the snippet is all hidden text
