"""Edges of this round's readings: what they must not catch, next to what they must."""

import datetime as dt
import zoneinfo

import pytest

from digests.parsing import parse_message
from digests.summarize import SummaryContext, analyze, features_for
from digests.summarize.ask_dates import stated_deadline
from digests.summarize.clock import find_time
from digests.summarize.mail_kinds import SALES_PRESSURE
from digests.summarize.notices import _calls_by_name
from digests.summarize.rewrite import action_text
from digests.summarize.sentences import split_sentences
from digests.summarize.topics import topic_object
from tests.digests.factories import gmail_message, mail
from tests.digests.test_summarize_actions import MONDAY, items_of, texts

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
RECEIVED = dt.datetime(2026, 11, 30, 10, 0, tzinfo=BERLIN)
READER = "alex.morgan@acme.com"
CONTEXT = SummaryContext(now=RECEIVED, zone=BERLIN, me=READER)


def analysed(body: str, sender: str, headers: dict[str, str] | None = None, subject: str = "Hi"):
    message = mail(body, sender=sender, subject=subject, to=READER, headers=headers)
    return analyze(parse_message(gmail_message(message)), CONTEXT)


def test_a_partner_whose_domain_is_near_the_readers_and_fails_dkim_is_not_phishing():
    body = "Hi Alex,\n\nCould you send me the signed NDA by Friday?\n\nMaria"
    headers = {"Authentication-Results": "mx.example; dkim=fail; spf=softfail"}
    analysis = analysed(body, "Maria Lopez <maria@lime.com>", headers)
    assert not analysis.suspicious
    assert len(analysis.action_items) == 1


def test_a_person_quoting_why_you_receive_their_mail_is_still_a_person():
    body = (
        "Hi Alex,\n\nYou are receiving this because you signed up to help at the school fair. "
        "Could you bring two folding tables on Saturday by 9am?\n\nMaria"
    )
    found = features_for(
        parse_message(gmail_message(mail(body, sender="Maria Lopez <maria.lopez@mail.example>"))),
        CONTEXT,
    )
    assert not found.get("automated")


def test_a_person_named_ci_is_no_build_robot():
    body = "Hi Alex,\n\nCould you send me the signed contract by Friday?\n\nCi"
    analysis = analysed(body, "Ci Zhang <ci.zhang@partner.example>")
    assert [item.text for item in analysis.action_items] == ["Send Ci the signed contract"]


LIST = "Hi,\n\nThe two venues we found:\n- the Harbour Hotel in Kiel\n- the Lakeside Lodge\n"


def test_picking_one_of_a_list_is_one_item():
    assert len(items_of(LIST + "Could you pick one of them by Friday?")) == 1


def test_a_long_list_handed_in_gives_at_most_five_items():
    entries = "".join(f"- the signed form {n}\n" for n in range(1, 11))
    body = f"Hi,\n\nStill missing:\n{entries}Please send them by Friday."
    assert len(items_of(body)) == 5


@pytest.mark.parametrize(
    "sentence",
    [
        "I want you to know the whole team noticed your work.",
        "We'd like you to feel at home from day one.",
        "It would be great if you enjoyed the trip as much as we did.",
    ],
)
def test_wishes_about_the_reader_are_no_tasks(sentence):
    assert items_of(f"Hi,\n\n{sentence}") == []


def test_a_reason_after_an_ask_does_not_replace_it():
    body = "Hi,\n\nPlease send me the receipts by Friday, since I'd like you to be reimbursed."
    assert texts(items_of(body, sender="Maria Lopez <maria@partner.example>")) == [
        "Send Maria the receipts"
    ]


def test_a_separate_reminder_does_not_take_the_deadline_before_it():
    body = (
        "Hi,\n\nCould you approve the budget by noon today? "
        "Also, don't forget to renew your passport before your trip in spring."
    )
    found = items_of(body)
    assert found[0].due == MONDAY
    assert all(item.due != MONDAY for item in found[1:])


@pytest.mark.parametrize(
    "sentence",
    [
        "Could you fix it today (it broke at 3am)?",
        "Can you sign the form as today is the last day?",
    ],
)
def test_today_said_outside_an_aside_or_after_as_is_today(sentence):
    assert stated_deadline(sentence, RECEIVED, None).due == RECEIVED.date()


def test_first_thing_keeps_nine_when_a_later_time_names_something_else():
    text = "Can you send me the file first thing tomorrow so I can prep for the 3pm call?"
    assert find_time(text, text.index("tomorrow") + 8, False)[0] == dt.time(9)
    text = "first thing tomorrow, before 8"
    assert find_time(text, text.index("tomorrow") + 8, False)[0] == dt.time(8)


def test_a_duty_notices_courtesy_line_is_no_duty():
    body = (
        "Hi Alex,\n\nYour invoice INV-2041 is due on December 15 and will be charged "
        "automatically to your card.\n\nPlease let us know if anything looks wrong."
    )
    analysis = analysed(body, "Acme Billing <billing@acme-saas.example>", subject="Your invoice")
    assert all("anything looks wrong" not in item.text for item in analysis.action_items)


def test_a_tracker_assignment_is_due_on_its_due_date():
    body = (
        "Ryan Cho assigned PROJ-12 to you\n\n"
        "PROJ-12 Fix the login loop on Safari Status: To do Due date: 2026-12-03\n\n"
        "View issue: https://tracker.example/PROJ-12"
    )
    analysis = analysed(body, "Tracker <notifications@tracker.example>", subject="PROJ-12")
    assert [item.due for item in analysis.action_items] == [dt.date(2026, 12, 3)]


def test_a_hyphenated_first_name_is_called_by_name():
    message = parse_message(
        gmail_message(
            mail(
                "Anne-Marie, can you drive on Saturday?",
                sender="Coach <coach@club.example>",
                to="Anne-Marie Roux <anne-marie.roux@mail.example>",
            )
        )
    )
    assert _calls_by_name(message, "anne-marie.roux@mail.example")


def test_get_it_to_me_is_found_after_another_to():
    text = action_text(
        "Can you get the samples to the lab and the results to me by Friday?", "Dana"
    )
    assert text == "Send Dana the samples to the lab and the results"


def test_a_questions_subject_names_its_object_only_after_its_verb():
    assert topic_object("can you run the DR drill tonight?") == "the DR drill"
    assert topic_object("Will you be at the offsite?") != "at the offsite"


def test_fill_it_in_for_me_keeps_its_particle():
    found = items_of("Hi,\n\nCan you fill it in for me?", subject="Expense form Q4")
    assert texts(found)[0].startswith("Fill in ")


def test_an_initial_in_lower_case_text_ends_no_sentence():
    assert split_sentences("send it to j. smith before noon. could you also call?") == [
        "send it to j. smith before noon.",
        "could you also call?",
    ]


@pytest.mark.parametrize(
    ("text", "selling"),
    [
        ("your 40% discount expires tonight", True),
        ("up to 50% discount on everything", True),
        ("nur heute: rabatt auf alles", True),
        ("approval request: renewal fy27 (35% discount)", False),
    ],
)
def test_a_discount_offered_sells_and_one_to_approve_does_not(text, selling):
    assert bool(SALES_PRESSURE.search(text)) is selling
