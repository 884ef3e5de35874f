"""Sentence splitting that knows abbreviations, lists and greetings."""

import pytest

from digests.summarize.sentences import split_sentences, strip_greeting


def test_sentences_split_on_punctuation_lines_and_bullets():
    text = "First one. Second, e.g. this one! Third?\n- bullet one\n- bullet two\nShort line\nNext"
    assert split_sentences(text) == [
        "First one.",
        "Second, e.g. this one!",
        "Third?",
        "bullet one",
        "bullet two",
        "Short line",
        "Next",
    ]


def test_wrapped_lines_are_joined():
    text = "This is a long sentence that was wrapped by the mail client at seventy\ncharacters."
    assert split_sentences(text) == [
        "This is a long sentence that was wrapped by the mail client at seventy characters."
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "Please send the deck by 5 p.m. Friday so Legal can read it.",
        "Could you ask Prof. Smith for the letter by Friday?",
        "We ordered approx. 40 units from Acme Inc. for the launch.",
        "The invoice No. 4 went to Dr. Weber last week.",
        "Talk to J. Doe at the U.S. office before you sign.",
        "Bitte schick mir bis 13. März die Zahlen.",
    ],
)
def test_abbreviations_do_not_end_a_sentence(sentence):
    assert split_sentences(f"{sentence} Thanks a lot for this.") == [
        sentence,
        "Thanks a lot for this.",
    ]


def test_a_list_intro_stands_alone_and_each_item_is_a_sentence():
    text = "Two things I need from you before 14:00:\n1. the signed NDA\n2. the Q3 numbers"
    assert split_sentences(text) == [
        "Two things I need from you before 14:00:",
        "the signed NDA",
        "the Q3 numbers",
    ]


@pytest.mark.parametrize(
    ("sentence", "rest"),
    [
        ("Hi Alex - could you send the deck?", "could you send the deck?"),
        ("Hello team, the build is green.", "the build is green."),
        ("Hallo Jonas, kannst du das prüfen?", "kannst du das prüfen?"),
        ("Hi Alex,", ""),
        ("Morning standup moves to 10.", "Morning standup moves to 10."),
    ],
)
def test_greetings_are_stripped(sentence, rest):
    assert strip_greeting(sentence) == rest


def test_a_writer_in_lower_case_still_ends_sentences():
    text = "i'm down with a fever and can't do the drill tonight. could you run it in my place?"
    assert split_sentences(text) == [
        "i'm down with a fever and can't do the drill tonight.",
        "could you run it in my place?",
    ]


def test_capitalised_text_does_not_split_before_a_lower_case_word():
    text = "Please send it by 5 p.m. tomorrow and copy Dana."
    assert split_sentences(text) == [text]


def test_a_dotted_time_ends_a_sentence_before_a_word_that_opens_one():
    text = "Please pick her up no later than 3 p.m. We weren't able to reach Jess."
    assert split_sentences(text) == [
        "Please pick her up no later than 3 p.m.",
        "We weren't able to reach Jess.",
    ]
    assert len(split_sentences("Send it by 5 p.m. Friday, please.")) == 1
    assert len(split_sentences("P.S. Could you also send the deck?")) == 1
