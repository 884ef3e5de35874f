"""The analyzer's shortcuts for speed give the answers of the long way, never others."""

import datetime as dt
import re
import zoneinfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from digests.summarize import clock, date_phrases, signals
from digests.summarize.authenticity import _distance, _within_edits, _within_one_edit
from digests.summarize.datewords import DATE_PATTERNS, NEEDS_TEXT
from digests.summarize.sentences import Caseless, lower_exactly

RECEIVED = dt.datetime(2026, 11, 30, 9, 15, tzinfo=zoneinfo.ZoneInfo("Europe/Berlin"))
PHRASES = [
    "Please send the signed contract by Friday 5pm ET.",
    "Could you review the deck before the end of the week?",
    "Bitte bis übermorgen 18:30 Uhr Bescheid geben.",
    "Merci de valider avant le 13 à 14h, au plus tard fin de semaine prochaine.",
    "¿Puedes mandarme el informe antes del 25 de mayo, a las 9.30?",
    "The domain expires in 25 hours; renew it right now.",
    "Reply within 3 business days, no later than 2026-12-04 23:59 UTC.",
    "We met on Monday; the next review is mid-March, then end of June 2027.",
    "Stand 30.04.2026: balances as of 30 April; see section 3.4.",
    "Can we start at 14:00 instead of 15:00 tomorrow?",
    "EOD TODAY PLEASE, by 8 tonight at the latest.",
    "Tuesday week (the 19th) or 12/15 works, before noon or by midnight.",
    "Send it this afternoon, first thing tomorrow, or sofort.",
    "Kindly PAY NOW: your ACCOUNT will close at the END OF THE MONTH.",
]


def _long_way(monkeypatch: pytest.MonkeyPatch) -> None:
    """No cue tests and patterns matched with re.IGNORECASE on the text as written."""
    for module in (date_phrases, clock):
        monkeypatch.setattr(module, "lower_exactly", lambda text: None)


@pytest.mark.parametrize("phrase", PHRASES)
def test_dates_and_times_read_the_same_without_the_shortcuts(phrase, monkeypatch):
    fast = date_phrases.find_date(phrase, RECEIVED), clock.find_time(phrase, 10, True)
    _long_way(monkeypatch)
    assert (date_phrases.find_date(phrase, RECEIVED), clock.find_time(phrase, 10, True)) == fast


KINDS = {pattern: kind for kind, pattern in DATE_PATTERNS}
DATE_CUES = list(NEEDS_TEXT.items())


@pytest.mark.parametrize(("pattern", "cues"), DATE_CUES, ids=[KINDS[p] for p, _ in DATE_CUES])
@settings(max_examples=80, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_every_date_phrase_holds_one_of_its_cues(pattern, cues, data):
    phrase = data.draw(st.from_regex(pattern, fullmatch=True))
    for match in pattern.finditer(phrase):
        low = lower_exactly(match.group())
        if low is not None:  # the shortcut is not taken for such text
            assert any(cue in low for cue in cues), match.group()


NUMERIC = [pattern for kind, pattern in DATE_PATTERNS if kind in date_phrases._NUMERIC]


@pytest.mark.parametrize("pattern", NUMERIC, ids=[KINDS[p] for p in NUMERIC])
@settings(max_examples=80, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_every_numeric_date_phrase_holds_a_digit(pattern, data):
    phrase = data.draw(st.from_regex(pattern, fullmatch=True))
    for match in pattern.finditer(phrase):
        assert re.search(r"\d", match.group()), match.group()


def test_text_whose_case_folds_oddly_is_read_as_written():
    assert lower_exactly("By FRIDAY") == "by friday"
    assert lower_exactly("\u0130stanbul by Friday") is None  # lowers to one character more
    long_s = "Plea\u017fe \u017fend it by Friday"  # re.IGNORECASE reads the long s as an s
    assert lower_exactly(long_s) is None
    assert date_phrases.find_date(long_s, RECEIVED)[0] == dt.date(2026, 12, 4)


@pytest.mark.parametrize(
    "text", ["Due SUNDAY", "due \u017funday", "\u0130T is due", "nothing to see", "It's due"]
)
def test_a_caseless_pattern_finds_what_the_case_insensitive_one_finds(text):
    pattern = re.compile(r"\bsunday\b|\bit\b", re.IGNORECASE)
    assert bool(Caseless(pattern).search(text)) == bool(pattern.search(text))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="abcm0", max_size=8), st.text(alphabet="abcm0", max_size=8))
def test_one_edit_apart_is_what_the_edit_distance_says(a, b):
    assert _within_one_edit(a, b) == (_distance(a, b) <= 1)


@settings(max_examples=500, deadline=None)
@given(
    st.text(alphabet="abcm0", max_size=9),
    st.text(alphabet="abcm0", max_size=9),
    st.integers(min_value=0, max_value=3),
)
def test_edits_apart_is_what_the_edit_distance_says(a, b, edits):
    assert _within_edits(a, b, edits) == (_distance(a, b) <= edits)


SIGNAL_CUES = list(signals.NEEDS_TEXT.items())


@pytest.mark.parametrize(("pattern", "cues"), SIGNAL_CUES, ids=[c[0] for _, c in SIGNAL_CUES])
@settings(max_examples=100, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_every_signal_phrase_holds_one_of_its_cues(pattern, cues, data):
    phrase = data.draw(st.from_regex(pattern, fullmatch=True))  # lower case, as matched
    for match in pattern.finditer(phrase):
        assert any(cue in match.group() for cue in cues), match.group()
