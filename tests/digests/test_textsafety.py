"""Text from mail made storable and safe to show; hidden HTML recognised; sane dates."""

import datetime as dt
import logging
import zoneinfo

import pytest

from digests.parsing import UNREADABLE_NOTE, safe_parse
from digests.textsafety import (
    capped,
    display_line,
    display_text,
    is_hidden_element,
    is_hidden_style,
    sane_datetime,
    storable,
    storable_text,
    without_bidi_controls,
    without_hidden_prefix,
)


def test_storable_text_drops_nul_and_lone_surrogates_only():
    assert storable_text("a\x00b\ud800c\udfffd é 😀") == "abcd é 😀"


def test_storable_cleans_every_string_in_json_shapes():
    value = {"to\x00": ["a\x00@x.example"], "n": [{"name": "f\x00.pdf", "size": 3}], "ok": True}

    assert storable(value) == {
        "to": ["a@x.example"],
        "n": [{"name": "f.pdf", "size": 3}],
        "ok": True,
    }


@pytest.mark.parametrize(
    "control", ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068"]
)
def test_every_bidi_control_is_removed(control):
    assert without_bidi_controls(f"Invoice {control}fdp.exe\u2069\u200e\u200f\u061c") == (
        "Invoice fdp.exe"
    )


def test_display_line_is_one_capped_line_without_controls():
    assert display_line("  \x1b[31mRed\x1b[0m\r\nBcc: x\t\u202eend\x00  ", 100) == (
        "[31mRed[0m Bcc: x end"
    )
    assert display_line("word " * 100, 12) == "word word w…"


def test_display_text_keeps_line_breaks_and_drops_other_controls():
    assert display_text("one\r\ntwo\rthree\x07\u202e\ttab", 100) == "one\ntwo\nthree tab"


def test_capped_marks_the_cut():
    assert capped("abcdef", 6) == "abcdef"
    assert capped("abcdefg", 6) == "abcde…"


@pytest.mark.parametrize(
    "style",
    [
        "display:none",
        "DISPLAY: NONE !important",
        "visibility:hidden",
        "font-size:0",
        "font-size: 0px",
        "font-size:1px",
        "font-size:.5pt",
        "opacity:0",
        "opacity:0.0",
        "max-height:0;overflow:hidden",
        "overflow:hidden;width:0px",
        "mso-hide:all",
    ],
)
def test_hidden_styles(style):
    assert is_hidden_style(style)


@pytest.mark.parametrize(
    "style",
    ["", "display:block", "font-size:10px", "font-size:12pt", "opacity:0.5", "max-height:0"],
)
def test_visible_styles(style):
    assert not is_hidden_style(style)


def test_hidden_elements_by_tag_attribute_and_class():
    assert is_hidden_element("style", [])
    assert is_hidden_element("span", [("hidden", None)])
    assert is_hidden_element("div", [("class", "email-preheader")])
    assert is_hidden_element("div", [("class", "x sr-only")])
    assert is_hidden_element("div", [("style", "display:none")])
    assert not is_hidden_element("div", [("class", "mobile-hidden header")])
    assert not is_hidden_element("p", [("style", "color:red")])


def test_sane_datetime_refuses_what_a_database_or_zone_cannot_hold():
    tokyo = zoneinfo.ZoneInfo("Asia/Tokyo")
    assert sane_datetime(dt.datetime(1, 1, 1, tzinfo=tokyo)) is None
    assert sane_datetime(dt.datetime(9999, 12, 31, tzinfo=dt.UTC)) is None
    assert sane_datetime(dt.datetime(2026, 1, 1)) is None  # naive: no instant
    assert sane_datetime(None) is None
    moment = dt.datetime(2026, 11, 30, 9, 0, tzinfo=tokyo)
    assert sane_datetime(moment) == moment
    assert sane_datetime(moment).tzinfo == dt.UTC


def test_a_hidden_preheader_is_cut_from_the_start_of_a_snippet():
    hidden = "Last chance: 70% off \u200c\xa0\u200c\xa0"
    snippet = "Last chance: 70% off \u200c \u200c Our winter collection is here"

    assert without_hidden_prefix(snippet, hidden) == "Our winter collection is here"
    assert without_hidden_prefix("Last chance: 70%", hidden) == ""  # all of it hidden
    assert without_hidden_prefix("Hello there", hidden) == "Hello there"
    assert without_hidden_prefix("Last chance: 50% off", hidden) == "Last chance: 50% off"
    assert without_hidden_prefix("Anything", "") == "Anything"


# --- the guard ------------------------------------------------------------------------------


class Exploding(dict):
    """A resource whose body explodes when read: whatever parse_message touches fails."""

    def get(self, key, default=None):
        if key == "payload":
            raise RuntimeError("secret mail content")
        return super().get(key, default)


def test_safe_parse_keeps_what_can_be_read_and_logs_no_content(caplog):
    resource = Exploding(
        id="18c1",
        threadId="18c0",
        internalDate="1796000000000",
        labelIds=["INBOX"],
        payload={"headers": [{"name": "Subject", "value": "Quarterly \u202enumbers"}]},
    )
    resource["payload"]["headers"].append({"name": "From", "value": "Dana <dana@x.example>"})

    with caplog.at_level(logging.WARNING, logger="digests.parsing"):
        message = safe_parse(resource)

    assert (message.gmail_id, message.thread_id) == ("18c1", "18c0")
    assert message.subject == "Quarterly numbers"
    assert (message.from_name, message.from_address) == ("Dana", "dana@x.example")
    assert message.received_at == dt.datetime.fromtimestamp(1_796_000_000, dt.UTC)
    assert message.labels == ["INBOX"]
    assert message.note == UNREADABLE_NOTE
    assert message.problems == ["could not be parsed: RuntimeError"]
    assert "18c1" in caplog.text
    assert "RuntimeError" in caplog.text
    assert "secret" not in caplog.text
    assert "Quarterly" not in caplog.text


def test_safe_parse_of_something_that_is_not_a_resource_at_all():
    fallback = dt.datetime(2026, 12, 1, tzinfo=dt.UTC)

    message = safe_parse([1, 2, 3], fallback_received_at=fallback)

    assert message.gmail_id == ""
    assert message.received_at == fallback
    assert message.received_at_estimated
