"""The visible text of an HTML mail, as a reader sees it.

What nobody sees never becomes body text or a summary: ``<head>``, ``<style>``, ``<script>``,
``<title>`` and the like, and elements hidden by attribute or inline style (preheaders with
``display:none``, zero-size or zero-opacity text; see ``textsafety.is_hidden_element``).
Broken markup is the norm, so open elements are tracked on a stack that forgives unclosed and
stray tags; the work per tag is constant, so an HTML bomb costs time linear in its size.
"""

from __future__ import annotations

import re
from collections import Counter
from html.parser import HTMLParser

from digests.textsafety import HIDDEN_TAGS, is_hidden_element

__all__ = ["MAX_HTML_CHARS", "html_to_text", "tidy", "visible_and_hidden_text"]

MAX_HTML_CHARS = 300_000  # markup read per message; the rest is not looked at
MAX_HIDDEN_CHARS = 5_000  # of hidden text kept, to recognise it at the start of a snippet

_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
     "source", "track", "wbr", "basefont", "frame", "keygen"}
)  # fmt: skip
_BLOCK = frozenset(
    {"p", "div", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol", "blockquote"}
)
# A new one of these closes an open one of its kind ("<td>a<td>b", "<li>a<li>b").
_SELF_CLOSING_SIBLINGS = frozenset({"p", "li", "td", "th", "tr", "option", "dt", "dd"})
_BLANK_LINES = re.compile(r"\n{3,}")


class _TextExtractor(HTMLParser):
    """Visible text, with line breaks where a reader sees them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.chunks: list[str] = []
        self._open: list[tuple[str, bool]] = []  # (tag, hidden) of each open element
        self._open_count: Counter[str] = Counter()
        self._hidden = 0  # open elements that hide their content
        self._unseen = 0  # open elements whose content is not text at all (<style>, <head>)
        self.hidden_chunks: list[str] = []  # text styled invisible (preheaders)
        self._hidden_chars = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "body":
            self._close("head")
        elif tag in _SELF_CLOSING_SIBLINGS and self._open and self._open[-1][0] == tag:
            self._close(tag)
        hidden = is_hidden_element(tag, attrs)
        if tag not in _VOID:
            self._open.append((tag, hidden))
            self._open_count[tag] += 1
            self._hidden += hidden
            self._unseen += tag in HIDDEN_TAGS
        if self._hidden:
            return
        self._break_before(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br" and not self._hidden:
            self.chunks.append("\n")

    def handle_endtag(self, tag: str) -> None:
        was_hidden = self._hidden
        self._close(tag)
        if tag in _BLOCK and not was_hidden:
            self.chunks.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.chunks.append(data)
        elif not self._unseen and self._hidden_chars < MAX_HIDDEN_CHARS:
            self.hidden_chunks.append(data)
            self._hidden_chars += len(data)

    def _break_before(self, tag: str) -> None:
        if tag == "br":
            self.chunks.append("\n")
        elif tag == "li":
            self.chunks.append("\n- ")
        elif tag in _BLOCK:
            self.chunks.append("\n\n")
        elif tag in {"td", "th"}:
            self.chunks.append(" ")

    def _close(self, tag: str) -> None:
        """Close the innermost open ``tag`` and whatever was left open inside it."""
        if not self._open_count[tag]:
            return  # a stray end tag
        while self._open:
            name, hidden = self._open.pop()
            self._open_count[name] -= 1
            self._hidden -= hidden
            self._unseen -= name in HIDDEN_TAGS
            if name == tag:
                return


def html_to_text(markup: str) -> str:
    """The text a reader sees in ``markup``; hidden content is left out."""
    return visible_and_hidden_text(markup)[0]


def visible_and_hidden_text(markup: str) -> tuple[str, str]:
    """The text a reader sees, and the text styled invisible (a preheader, for instance)."""
    markup = markup[:MAX_HTML_CHARS]
    unclosed_comment = markup.rfind("<!--")
    if unclosed_comment > markup.rfind("-->"):
        markup = markup[:unclosed_comment]  # html.parser would hand the rest over as text
    extractor = _TextExtractor()
    try:
        extractor.feed(markup)
        extractor.close()
    except (AssertionError, ValueError, IndexError):  # html.parser gives up on some markup
        pass
    hidden = " ".join("".join(extractor.hidden_chunks).split())
    return tidy("".join(extractor.chunks)), hidden


def tidy(text: str) -> str:
    """Collapse runs of spaces per line and of blank lines, as a reader perceives them."""
    lines = [" ".join(line.replace("\xa0", " ").split()) for line in text.splitlines()]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()
