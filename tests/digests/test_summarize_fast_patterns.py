"""The analyzer's pattern shortcuts answer as the patterns they stand for.

``for_yes_or_no`` regroups a pattern's alternatives (faster, for yes or no only) and ``cues_of``
reads off a pattern the strings every match holds (text without them is not searched). Both
are checked here on the labelled mail's own sentences and on generated text.
"""

import re
from email import message_from_bytes
from email.policy import default as default_policy
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from digests.summarize import asks, german, notices, signals, zones
from digests.summarize.patterns import may_hold, sub_named
from digests.summarize.sentences import cues_of, for_yes_or_no, lowered

CORPUS = Path(__file__).resolve().parents[2] / "bench" / "data" / "quality" / "dev"


def _texts() -> list[str]:
    """The body of every 4th labelled dev message, lower-cased, split in lines."""
    lines: list[str] = []
    for path in sorted(CORPUS.glob("*.eml"))[::4]:
        message = message_from_bytes(path.read_bytes(), policy=default_policy)
        body = message.get_body(preferencelist=("plain", "html"))
        text = body.get_content() if body is not None else ""
        lines += [line.strip().lower() for line in text.splitlines() if line.strip()]
    return lines


TEXTS = _texts()
REGROUPED = {
    "asks.ASK": lowered(asks.ASK),
    "asks.NOT_ASK": lowered(asks.NOT_ASK),
    "notices.OBLIGATION": lowered(notices._OBLIGATION),
    "notices.OWED": lowered(notices.OWED),
    "german words": german._GERMAN_WORDS,
}


def test_the_corpus_sample_is_big_enough_to_mean_something():
    assert len(TEXTS) > 2500


@pytest.mark.parametrize("name", list(REGROUPED))
def test_a_regrouped_pattern_matches_the_same_lines(name):
    original = REGROUPED[name]
    regrouped = for_yes_or_no(original)
    assert regrouped.pattern != original.pattern  # it did regroup
    for text in TEXTS:
        assert bool(regrouped.search(text)) == bool(original.search(text)), text
        if name == "german words":  # counted, not only asked
            assert len(regrouped.findall(text)) == len(original.findall(text)), text


@pytest.mark.parametrize("name", list(REGROUPED))
@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_text_one_of_them_matches_the_other_matches_too(name, data):
    original = REGROUPED[name]
    regrouped = for_yes_or_no(original)
    made_for = data.draw(st.sampled_from([original, regrouped]))
    text = data.draw(st.from_regex(made_for))
    assert bool(regrouped.search(text)) == bool(original.search(text))


def test_patterns_with_back_references_are_left_alone():
    pattern = re.compile(r"(a|b)\1")
    assert for_yes_or_no(pattern) is pattern


@pytest.mark.parametrize(
    ("source", "cues"),
    [
        (r"\b(?:please|kindly) send\b", ("kindly send", "please send")),
        (r"\bwill be (?:suspended|deleted)", ("will be deleted", "will be suspended")),
        (r"(?:invoice|bill) #?\d+ is overdue", (" is overdue",)),
    ],
)
def test_cues_are_the_strings_every_match_holds(source, cues):
    assert set(cues_of(re.compile(source))) == set(cues)


@pytest.mark.parametrize("name", ["asks._SMALL_TALK", "signals._SECURITY", "signals.RECEIPT"])
def test_no_corpus_line_matches_without_one_of_its_cues(name):
    module, attribute = name.split(".")
    pattern = lowered(getattr({"asks": asks, "signals": signals}[module], attribute))
    cues = cues_of(pattern)
    for text in TEXTS:
        if pattern.search(text):
            assert any(cue in text for cue in cues), text


def test_a_pattern_with_no_cue_every_match_holds_is_refused():
    with pytest.raises(ValueError, match="no cue"):
        cues_of(re.compile(r"\w+"))


def test_a_pattern_with_a_global_flag_first_is_left_alone():
    pattern = re.compile("(?i)abc|abd")
    assert for_yes_or_no(pattern) is pattern


@pytest.mark.parametrize("name", ["Ana", "them", "O'Neil", r"A\1", r"Bo\g<0>", ""])
@pytest.mark.parametrize("text", ["Send us the deck", "Please cc me and add me", "nothing"])
def test_a_name_put_after_group_one_reads_as_the_template_would(name, text):
    pattern = re.compile(r"^(Send)? ?us\b|\b(?:cc|add) me\b()|\b(cc|add) me\b", re.I)
    assert sub_named(pattern, name, text) == pattern.sub(rf"\1 {name}", text)


@pytest.mark.parametrize("text", ["Hi @Sam.Whitfield", "\u017fam", "SAM", "no one", "\u0130t"])
@pytest.mark.parametrize("words", ["sam", "@sam", "Sam Whitfield", "zoë"])
def test_may_hold_says_no_only_where_the_caseless_pattern_finds_nothing(text, words):
    if re.search(re.escape(words), text, re.IGNORECASE):
        assert may_hold(text, words)


@pytest.mark.parametrize(
    "text",
    [
        "by 5pm ET today",
        "at 09:00 UTC+5:30",
        "by noon New York time",
        "SETTLEMENT at 4",
        "the ETA is Friday",
        "23:59 AoE",
        "call at 10 Z",
        "pre-CET",
        "in Mountain View",
    ],
)
def test_names_a_zone_answers_as_the_zone_pattern(text):
    assert bool(zones.NAMES_A_ZONE.search(text)) == bool(zones.ZONE.search(text))


@settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_text_with_a_zone_is_seen_to_name_one(data):
    text = data.draw(st.from_regex(data.draw(st.sampled_from([zones.ZONE, zones.NAMES_A_ZONE]))))
    assert bool(zones.NAMES_A_ZONE.search(text)) == bool(zones.ZONE.search(text))
